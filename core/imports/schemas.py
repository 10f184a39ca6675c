"""What the import endpoints answer: a started job, a job's status and its rejected rows."""

import uuid
from datetime import datetime

from sqlmodel import SQLModel


class ImportRowError(SQLModel):
    """A rejected row: its line in the file (the header is line 1), the column and value at
    fault (when one is), and why."""

    line: int
    column: str | None = None
    value: str | None = None
    reason: str


class ImportStarted(SQLModel):
    job_id: uuid.UUID
    status: str
    poll_url: str


class ImportJobPublic(SQLModel):
    id: uuid.UUID
    status: str
    filename: str
    dry_run: bool
    size_bytes: int
    total_rows: int | None
    processed_rows: int
    inserted_rows: int
    updated_rows: int
    rejected_rows: int
    percent: float
    errors: list[ImportRowError]
    error_message: str | None
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None
