"""Import actors: run a CSV import job, and give one up when its message fails for good."""

import uuid
from datetime import timedelta
from typing import Any

import dramatiq

from core.config import settings
from core.db import session_scope
from core.imports.job import fail_job, mark_sent, run_import, stale_jobs
from workers.broker import broker, failure_cause


@dramatiq.actor(
    actor_name="imports.import_flights",
    queue_name="imports",
    time_limit=settings.import_time_limit_ms,
    on_retry_exhausted="imports.import_failed",
    broker=broker,
)
def import_flights(job_id: str) -> None:
    """Run or resume the job; a redelivered message for a finished job does nothing."""
    run_import(job_id=uuid.UUID(job_id))


@dramatiq.actor(actor_name="imports.import_failed", queue_name="imports", broker=broker)
def import_failed(message: dict[str, Any], retries: dict[str, Any]) -> None:
    """Dead-letter hook: the job's message failed and will not be retried, so the job FAILs."""
    fail_job(
        job_id=uuid.UUID(message["args"][0]),
        reason=f"the import stopped on an error: {failure_cause(message)[:300]}",
    )


def sweep_imports(*, older_than: timedelta | None = None) -> list[uuid.UUID]:
    """Send again the jobs whose message was lost or never sent (see `core.imports.stale_jobs`).

    The jobs' advisory locks, taken to skip running jobs, are released (by the first
    transaction's end) before anything is sent, or a worker quick to receive a message would
    find its job locked and do nothing. A job stays `unsent` until its message is sent.
    """
    if older_than is None:
        older_than = timedelta(seconds=settings.import_sweep_after_seconds)
    with session_scope() as session:
        jobs = stale_jobs(session, older_than=older_than)
    for job_id in jobs:
        import_flights.send(str(job_id))
    if jobs:
        with session_scope() as session:
            mark_sent(session, job_ids=jobs)
    return jobs
