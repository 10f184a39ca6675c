"""Imports end to end: a real API (uvicorn) and real `dramatiq` workers on the imports queue."""

import subprocess
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
from sqlmodel import func, select

from core.flights.models import Flight
from core.imports.models import ImportJob, ImportStatus
from tests.factories import auth_headers, make_user
from tests.support.flight_csv import (
    HEADER,
    assert_flights_match_file,
    flight_row,
    flights_csv,
    store_job,
    wait_for_job,
)
from tests.support.processes import running_worker, start_worker
from workers.imports import import_flights

pytestmark = pytest.mark.e2e

SEED = Path(__file__).resolve().parents[2] / "flights.csv"


def poll(base_url: str, headers: dict[str, str], poll_url: str, timeout: float = 120) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        status = httpx.get(base_url + poll_url, headers=headers, timeout=10).json()
        if status["status"] in ("SUCCEEDED", "FAILED"):
            return status
        time.sleep(0.2)
    raise TimeoutError(f"{poll_url} not finished after {timeout}s")


def flight_count(session) -> int:
    session.expire_all()
    return session.exec(select(func.count()).select_from(Flight)).one()


def test_the_seed_curl_line_imports_the_1000_flights_exactly(committed, live_api, worker):
    token = auth_headers(make_user(committed, admin=True))["Authorization"]
    result = subprocess.run(
        ["curl", "-s", "-X", "POST", "-H", f"Authorization: {token}",
         "-F", f"file=@{SEED};type=text/csv", f"{live_api}/admin/flights/bulk-upload"],
        capture_output=True, text=True, timeout=60, check=True,
    )  # fmt: skip
    started = httpx.Response(200, content=result.stdout).json()
    status = poll(live_api, {"Authorization": token}, started["poll_url"])

    assert status["status"] == "SUCCEEDED", (status, worker.output())
    assert (status["inserted_rows"], status["rejected_rows"], status["percent"]) == (1000, 0, 100)
    assert flight_count(committed) == 1000
    # What the file says is what the API shows: every field of every row, prices to the cent.
    shown = []
    for page in range(1, 6):
        answer = httpx.get(
            f"{live_api}/admin/flights",
            params={"page": page, "page_size": 200},
            headers={"Authorization": token},
            timeout=30,
        )
        shown += answer.json()["data"]
    assert_flights_match_file(shown, SEED.read_text())


def test_mixed_upload_imports_good_rows_and_offers_the_bad_ones_as_csv(committed, live_api, worker):
    headers = auth_headers(make_user(committed, admin=True))
    bad = [
        flight_row(5).replace(",LHR,", ",ZZZ,"),
        flight_row(6).replace("Z,", ",", 1),  # arrival without offset
        flight_row(7).replace("99.50", "12,50"),  # unquoted decimal comma
    ]
    data = "\n".join([HEADER, flight_row(1), *bad, flight_row(2)]) + "\n"
    response = httpx.post(
        f"{live_api}/admin/flights/bulk-upload",
        headers=headers,
        files={"file": ("mixed.csv", data.encode(), "text/csv")},
        timeout=30,
    )
    assert response.status_code == 202, response.text
    status = poll(live_api, headers, response.json()["poll_url"])

    assert (status["inserted_rows"], status["rejected_rows"]) == (2, 3)
    assert [e["line"] for e in status["errors"]] == [3, 4, 5]
    assert [e["column"] for e in status["errors"]] == ["source", "arrival_ts", None]
    errors_csv = httpx.get(
        f"{live_api}/admin/flights/bulk-upload/{status['id']}/errors.csv", headers=headers
    )
    assert errors_csv.headers["content-type"].startswith("text/csv")
    assert 'filename="mixed-errors.csv"' in errors_csv.headers["content-disposition"]
    lines = errors_csv.text.splitlines()
    assert lines[0] == HEADER + ",line,reason"
    assert lines[3].startswith(bad[2] + ",5,")
    assert flight_count(committed) == 2


def test_a_worker_killed_mid_import_is_resumed_with_every_row_once(committed, tmp_path):
    rows = 60_000
    job_id = store_job(committed, flights_csv(rows))
    env = {"IMPORT_CHUNK_ROWS": "1000"}
    first = start_worker(tmp_path / "first.log", queues=["imports"], threads=1, env=env)
    try:
        import_flights.send(str(job_id))
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            committed.expire_all()
            job = committed.get_one(ImportJob, job_id)
            if job.processed_rows >= 5000:
                break
            time.sleep(0.05)
    finally:
        first.kill()
    committed.expire_all()
    killed = committed.get_one(ImportJob, job_id)
    assert killed.status == ImportStatus.RUNNING, "the import finished before the kill"
    assert 0 < killed.processed_rows < rows

    with running_worker(tmp_path / "second.log", queues=["imports"], threads=1, env=env) as second:
        job = wait_for_job(committed, job_id, timeout=180)
        assert job.status == ImportStatus.SUCCEEDED, (job.error_message, second.output())

    assert (job.inserted_rows, job.updated_rows, job.rejected_rows) == (rows, 0, 0)
    assert job.processed_rows == job.total_rows == rows
    assert flight_count(committed) == rows


def test_concurrent_uploads_all_finish_with_consistent_counts(committed, live_api, tmp_path):
    headers = auth_headers(make_user(committed, admin=True))
    files = [flights_csv(3000, start=0), flights_csv(3000, start=0), flights_csv(3000, start=2000),
             flights_csv(3000, start=10_000), flights_csv(500, start=20_000)]  # fmt: skip

    def send(data: bytes) -> dict:
        response = httpx.post(
            f"{live_api}/admin/flights/bulk-upload",
            headers=headers,
            files={"file": (f"{uuid.uuid4().hex}.csv", data, "text/csv")},
            timeout=60,
        )
        assert response.status_code == 202, response.text
        return response.json()

    with running_worker(tmp_path / "worker.log", queues=["imports"], processes=2, threads=2):
        with ThreadPoolExecutor(len(files)) as pool:
            started = list(pool.map(send, files))
        finals = [poll(live_api, headers, s["poll_url"], timeout=180) for s in started]

    assert all(f["status"] == "SUCCEEDED" for f in finals), finals
    distinct = 5000 + 3000 + 500
    assert sum(f["inserted_rows"] for f in finals) == distinct
    assert sum(f["updated_rows"] for f in finals) == 3000 + 3000 + 3000 + 3000 + 500 - distinct
    assert sum(f["rejected_rows"] for f in finals) == 0
    assert flight_count(committed) == distinct
