"""Reading import jobs: one job, the recent ones, and its rejected rows as a CSV file."""

import csv
import io
import uuid
from collections.abc import Iterator

from sqlalchemy import func, text
from sqlmodel import Session, col, select

from core.db import get_engine
from core.errors import NotFound
from core.imports.models import ImportJob, ImportStatus
from core.imports.schemas import ImportJobPublic, ImportRowError
from core.imports.upload import CSV_COLUMNS, IGNORED_COLUMNS
from core.pagination import PageRequest
from core.users.models import User


def get_job(session: Session, *, job_id: uuid.UUID, user: User) -> ImportJob:
    """The job, if the user started it or is an admin; otherwise 404 (its existence is private)."""
    job = session.get(ImportJob, job_id)
    if job is None or (job.created_by != user.id and not user.is_admin):
        raise NotFound(f"no import job {job_id}")
    return job


def list_jobs(session: Session, *, user: User, request: PageRequest) -> tuple[list[ImportJob], int]:
    """Most recent first: every job for an admin, the user's own otherwise."""
    query = select(ImportJob)
    counted = select(func.count()).select_from(ImportJob)
    if not user.is_admin:
        query = query.where(ImportJob.created_by == user.id)
        counted = counted.where(ImportJob.created_by == user.id)
    jobs = session.exec(
        query.order_by(col(ImportJob.created_at).desc())
        .offset(request.offset)
        .limit(request.page_size)
    ).all()
    return list(jobs), session.exec(counted).one()


def job_public(job: ImportJob) -> ImportJobPublic:
    if job.status == ImportStatus.SUCCEEDED:
        percent = 100.0
    elif job.total_rows:
        percent = min(99.9, round(100 * job.processed_rows / job.total_rows, 1))
    else:
        percent = 0.0
    return ImportJobPublic.model_validate(
        {
            **job.model_dump(),
            "percent": percent,
            "errors": [ImportRowError.model_validate(e) for e in job.errors],
        }
    )


# A cell starting with one of these is a formula to a spreadsheet (OWASP "CSV injection").
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralised(cell: str) -> str:
    """The cell as text a spreadsheet shows rather than runs: a leading quote before a formula
    character (OWASP's advice; the quote is what a person removes when fixing the row)."""
    return "'" + cell if cell.startswith(FORMULA_START) else cell


def rejections_csv(*, job_id: uuid.UUID) -> Iterator[str]:
    """The rejected rows as CSV: the flight columns as they were in the file, then the line and
    the reason (both ignored on upload, so the fixed file can be uploaded again). Cells that a
    spreadsheet would run as formulas are neutralised."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([*CSV_COLUMNS, *IGNORED_COLUMNS])
    yield out.getvalue()
    with get_engine().connect() as conn:
        result = conn.execution_options(yield_per=2000).execute(
            text(
                "SELECT raw, line, reason FROM import_rejections WHERE job_id = :job ORDER BY line"
            ),
            {"job": job_id},
        )
        for rows in result.partitions():
            out.seek(0)
            out.truncate()
            for raw, line, reason in rows:
                cells = next(csv.reader([raw or ""]), [])
                writer.writerow([*map(neutralised, cells), line, neutralised(reason)])
            yield out.getvalue()
