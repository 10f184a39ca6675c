"""The import tables: jobs, their stored file pieces, and every rejected row."""

import uuid
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    BigInteger,
    Column,
    Index,
    LargeBinary,
    Text,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlmodel import Field, SQLModel

from core.columns import check_in, created_column, tstz_column, updated_column
from core.users.models import User

# The table `created_by` points at must be known wherever a job is written.
__all__ = ["ImportFileChunk", "ImportJob", "ImportRejection", "ImportStatus", "User"]


class ImportStatus(StrEnum):
    QUEUED = "QUEUED"
    RUNNING = "RUNNING"
    SUCCEEDED = "SUCCEEDED"
    FAILED = "FAILED"


class ImportJob(SQLModel, table=True):
    __tablename__ = "import_jobs"
    __table_args__ = (
        check_in("status", ImportStatus),
        Index("ix_import_jobs_created", "created_at"),
    )

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    # NULL for an import started from the command line (`python -m core.cli load-flights`).
    created_by: uuid.UUID | None = Field(default=None, foreign_key="users.id", nullable=True)
    filename: str = Field(sa_column=Column(Text, nullable=False))
    size_bytes: int = Field(sa_column=Column(BigInteger, nullable=False))
    dry_run: bool = Field(default=False, sa_column_kwargs={"server_default": text("false")})
    status: str = Field(
        default=ImportStatus.QUEUED,
        sa_column=Column(Text, nullable=False, server_default=ImportStatus.QUEUED.value),
    )
    total_rows: int | None = None
    processed_rows: int = Field(default=0, sa_column_kwargs={"server_default": text("0")})
    inserted_rows: int = Field(default=0, sa_column_kwargs={"server_default": text("0")})
    updated_rows: int = Field(default=0, sa_column_kwargs={"server_default": text("0")})
    rejected_rows: int = Field(default=0, sa_column_kwargs={"server_default": text("0")})
    # The first rejected rows, for the status answer: [{line, column, value, reason}, ...].
    errors: list[dict[str, Any]] = Field(
        default_factory=list,
        sa_column=Column(JSONB, nullable=False, server_default=text("'[]'::jsonb")),
    )
    error_message: str | None = Field(default=None, sa_column=Column(Text))
    # No message was sent for the job (Redis was unreachable when it was uploaded): the sweep's
    # next pass sends it, without waiting IMPORT_SWEEP_AFTER_SECONDS.
    unsent: bool = Field(default=False, sa_column_kwargs={"server_default": text("false")})
    started_at: datetime | None = tstz_column()
    finished_at: datetime | None = tstz_column()
    created_at: datetime = created_column()
    updated_at: datetime = updated_column()


class ImportFileChunk(SQLModel, table=True):
    """An uploaded file, kept in PostgreSQL in pieces so that any worker host can stream it."""

    __tablename__ = "import_file_chunks"

    job_id: uuid.UUID = Field(foreign_key="import_jobs.id", primary_key=True, ondelete="CASCADE")
    seq: int = Field(primary_key=True)
    data: bytes = Field(sa_column=Column(LargeBinary, nullable=False))


class ImportRejection(SQLModel, table=True):
    """Every rejected row of an import, for the downloadable errors CSV."""

    __tablename__ = "import_rejections"

    job_id: uuid.UUID = Field(foreign_key="import_jobs.id", primary_key=True, ondelete="CASCADE")
    line: int = Field(primary_key=True)
    column: str | None = Field(default=None, sa_column=Column(Text))
    value: str | None = Field(default=None, sa_column=Column(Text))
    reason: str = Field(sa_column=Column(Text, nullable=False))
    raw: str | None = Field(default=None, sa_column=Column(Text))
