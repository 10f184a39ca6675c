"""Lost, unsent and duplicate import messages: the sweep sends again jobs whose message was lost
(at once when the upload could not send it) and leaves running ones alone; a second delivery of
a running job is a no-op."""

import logging
import time
import uuid
from datetime import timedelta

import httpx
import pytest
from sqlalchemy import text
from sqlmodel import Session

from core.db import get_engine, session_scope
from core.imports.job import run_import, stale_jobs
from core.imports.models import ImportJob, ImportStatus
from core.imports.upload import mark_unsent
from core.redis import get_redis
from tests.factories import auth_headers, make_user
from tests.support.bookings import wait_until
from tests.support.flight_csv import flights_csv, store_job, wait_for_job
from tests.support.processes import free_port, running_api, running_worker
from workers.imports import sweep_imports
from workers.scheduler import sweep_once

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
    with get_engine().connect() as running_worker:  # holds the lock the import actor takes
        running_worker.execute(
            text("SELECT pg_advisory_lock(hashtextextended(:k, 0))"), {"k": f"import:{job_id}"}
        )
        assert stale() == []
        running_worker.invalidate()
    # The server releases a closed connection's locks as its backend exits, a moment later.
    wait_until(lambda: stale() == [job_id], timeout=10, what="the dead holder's lock released")


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
    with get_engine().connect() as running_worker:  # another delivery holds the job
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


def test_a_job_never_sent_is_sent_on_the_next_pass_and_only_once(committed):
    job_id = store_job(committed, flights_csv(3))  # uploaded a moment ago
    assert stale() == []  # it may be waiting its turn in the queue
    mark_unsent(job_id=job_id)  # the upload could not send it
    assert stale() == [job_id]
    assert sweep_imports() == [job_id]  # IMPORT_SWEEP_AFTER_SECONDS (120) has not passed
    committed.expire_all()
    assert committed.get_one(ImportJob, job_id).unsent is False
    assert sweep_imports() == []  # sent now: its message is in the queue


@pytest.mark.e2e
def test_upload_with_the_broker_down_answers_202_and_the_next_sweep_runs_it(
    committed, tmp_path, caplog
):
    headers = auth_headers(make_user(committed, admin=True))
    unreachable = {"REDIS_URL": f"redis://127.0.0.1:{free_port()}/0"}  # nothing listens there
    with running_api(tmp_path / "api.log", env=unreachable, expect_status=503) as base_url:
        answer = httpx.post(
            f"{base_url}/admin/flights/bulk-upload",
            headers=headers,
            files={"file": ("flights.csv", flights_csv(25), "text/csv")},
            timeout=30,
        )
        assert answer.status_code == 202, answer.text
        body = answer.json()
        job_id = uuid.UUID(body["job_id"])
        assert body["poll_url"] == f"/admin/flights/bulk-upload/status/{job_id}"
        polled = httpx.get(base_url + body["poll_url"], headers=headers, timeout=10)
        assert polled.json()["status"] == "QUEUED"
    assert get_redis().hlen("skyqueue:imports.msgs") == 0, "nothing reached the real broker"
    committed.expire_all()
    assert committed.get_one(ImportJob, job_id).unsent is True

    # Redis is back (the real one): the sweep's next pass sends the job, without waiting
    # IMPORT_SWEEP_AFTER_SECONDS.
    with running_worker(tmp_path / "worker.log", queues=["imports"]), caplog.at_level(logging.INFO):
        sweep_once()
        job = wait_for_job(committed, job_id)
    assert "re-enqueued 1 stalled import jobs" in caplog.text
    assert job.status == ImportStatus.SUCCEEDED, job.error_message
    assert (job.inserted_rows, job.unsent) == (25, False)
