"""Import actors: run a CSV import job, and give one up when its message fails for good."""

import uuid
from datetime import timedelta
from typing import Any

import dramatiq

from core import dispatch
from core.config import settings
from core.db import session_scope
from core.dispatch import IMPORT_FAILED, IMPORT_FLIGHTS
from core.imports.job import fail_job, mark_sent, run_import, stale_jobs
from workers.broker import broker, failure_cause


@dramatiq.actor(
    actor_name=IMPORT_FLIGHTS.name,
    queue_name=IMPORT_FLIGHTS.queue,
    time_limit=settings.import_time_limit_ms,
    on_retry_exhausted=IMPORT_FAILED.name,
    broker=broker,
)
def import_flights(job_id: str) -> None:
    """Run or resume the job; a redelivered message for a finished job does nothing."""
    run_import(job_id=uuid.UUID(job_id))


@dramatiq.actor(actor_name=IMPORT_FAILED.name, queue_name=IMPORT_FAILED.queue, broker=broker)
def import_failed(message: dict[str, Any], retries: dict[str, Any]) -> None:
    """Dead-letter hook: the job's message failed and will not be retried, so the job FAILs."""
    fail_job(
        job_id=uuid.UUID(message["args"][0]),
        reason=f"the import stopped on an error: {failure_cause(message)[:300]}",
    )


def sweep_imports(*, older_than: timedelta | None = None) -> list[uuid.UUID]:
    """Send again the jobs whose message was lost or never sent (see `core.imports.job.stale_jobs`).

    The jobs' advisory locks, taken to skip running jobs, are released (by the first
    transaction's end) before anything is sent, or a worker quick to receive a message would
    find its job locked and do nothing. A job stays `unsent` until its message is sent.
    """
    if older_than is None:
        older_than = timedelta(seconds=settings.import_sweep_after_seconds)
    with session_scope() as session:
        jobs = stale_jobs(session, older_than=older_than)
    sent = [job_id for job_id in jobs if dispatch.send_now(IMPORT_FLIGHTS, job_id)]
    if sent:
        with session_scope() as session:
            mark_sent(session, job_ids=sent)
    return jobs
