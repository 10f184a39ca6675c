"""Lost and duplicate import messages: the sweep sends again jobs whose message was lost and
leaves running ones alone; a second delivery of a running job is a no-op."""

import time
import uuid
from datetime import timedelta

from sqlalchemy import text
from sqlmodel import Session

from core.db import engine, session_scope
from core.imports import run_import, stale_jobs
from core.models import ImportJob, ImportStatus
from tests.support.flight_csv import flights_csv, store_job, wait_for_job
from workers.imports import sweep_imports

MINUTE = timedelta(minutes=1)


def age(session: Session, job_id: uuid.UUID, *, minutes: int) -> None:
    session.execute(
        text("UPDATE import_jobs SET updated_at = now() - make_interval(mins => :m) WHERE id = :j"),
        {"m": minutes, "j": job_id},
    )
    session.commit()


def stale(older_than: timedelta = MINUTE) -> list[uuid.UUID]:
    with session_scope() as session:
        return stale_jobs(session, older_than=older_than)


def test_only_jobs_without_progress_for_long_enough_are_stale(committed):
    old, fresh, done = (store_job(committed, flights_csv(3)) for _ in range(3))
    age(committed, old, minutes=5)
    age(committed, done, minutes=5)
    committed.execute(
        text("UPDATE import_jobs SET status = 'SUCCEEDED' WHERE id = :j"), {"j": done}
    )
    committed.commit()
    assert stale() == [old]
    assert fresh not in stale()


def test_a_job_a_worker_holds_is_left_alone(committed):
    job_id = store_job(committed, flights_csv(3))
    age(committed, job_id, minutes=5)
    with engine.connect() as running_worker:  # holds the lock the import actor takes
        running_worker.execute(
            text("SELECT pg_advisory_lock(hashtextextended(:k, 0))"), {"k": f"import:{job_id}"}
        )
        assert stale() == []
        running_worker.invalidate()
    assert stale() == [job_id]


def test_a_lost_import_message_is_recovered_by_the_sweep(committed, worker):
    job_id = store_job(committed, flights_csv(20))  # recorded, but its message never sent
    age(committed, job_id, minutes=5)
    assert sweep_imports() == [job_id]
    job = wait_for_job(committed, job_id)
    assert job.status == ImportStatus.SUCCEEDED, job.error_message
    assert job.inserted_rows == 20
    assert sweep_imports() == []


def test_a_second_delivery_while_the_job_runs_returns_at_once(committed):
    job_id = store_job(committed, flights_csv(3))
    with engine.connect() as running_worker:  # another delivery holds the job
        running_worker.execute(
            text("SELECT pg_advisory_lock(hashtextextended(:k, 0))"), {"k": f"import:{job_id}"}
        )
        started = time.monotonic()
        run_import(job_id=job_id)
        assert time.monotonic() - started < 5  # no wait for lock_timeout, no retry
        running_worker.invalidate()
    committed.expire_all()
    assert committed.get_one(ImportJob, job_id).status == ImportStatus.QUEUED
    run_import(job_id=job_id)
    committed.expire_all()
    assert committed.get_one(ImportJob, job_id).status == ImportStatus.SUCCEEDED
