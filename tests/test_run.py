"""`make run`'s processes under supervisord (supervisord.conf), run for real: a process that
dies is started again, and stopping supervisord stops every process it started."""

import contextlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import psutil
import pytest

from tests.factories import auth_headers, make_flight, make_user
from tests.support.processes import ROOT, free_port

pytestmark = pytest.mark.e2e
SUPERVISORD = Path(sys.executable).parent / "supervisord"
CONFIG = ROOT / "supervisord.conf"


def wait_for(check: Callable[[], object], what: str, timeout: float = 60) -> object:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if result := check():
                return result
        except (httpx.HTTPError, psutil.Error, subprocess.SubprocessError):
            pass
        time.sleep(0.2)
    raise AssertionError(f"{what} not within {timeout}s")


@pytest.fixture
def supervised(tmp_path: Path) -> Iterator[tuple[subprocess.Popen[bytes], str, dict[str, str]]]:
    ports = {name: str(free_port()) for name in ("API_PORT", "WORKER_METRICS_PORT",
                                                 "IMPORTER_METRICS_PORT")}  # fmt: skip
    env = {**os.environ, **ports, "API_HOST": "127.0.0.1", "API_WORKERS": "2",
           "SKYQUEUE_RUN_DIR": str(tmp_path)}  # fmt: skip
    log = (tmp_path / "run.log").open("wb")
    command = [str(SUPERVISORD), "-c", str(CONFIG)]
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
                               start_new_session=True)  # fmt: skip
    try:
        yield process, f"http://127.0.0.1:{env['API_PORT']}", env
    finally:
        if process.poll() is None:  # a failed test: its processes must not outlive it
            for child in psutil.Process(process.pid).children(recursive=True):
                with contextlib.suppress(psutil.Error):
                    child.kill()
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(10)


def program_pid(env: dict[str, str], name: str) -> int:
    ctl = Path(sys.executable).parent / "supervisorctl"
    out = subprocess.run([str(ctl), "-c", str(CONFIG), "pid", name], env=env, cwd=ROOT,
                         capture_output=True, text=True, timeout=10).stdout.strip()  # fmt: skip
    return int(out) if out.isdigit() and out != "0" else 0


def test_a_process_that_dies_is_started_again_and_stopping_stops_them_all(committed, supervised):
    process, base, env = supervised
    healthy = lambda: httpx.get(f"{base}/api/v1/health", timeout=2).status_code == 200  # noqa: E731
    wait_for(healthy, "the API answering")
    assert "http_requests_total" in httpx.get(f"{base}/metrics", timeout=5).text
    worker_metrics = f"http://127.0.0.1:{env['WORKER_METRICS_PORT']}"
    wait_for(lambda: httpx.get(worker_metrics, timeout=2).status_code == 200, "worker metrics")
    api = wait_for(lambda: program_pid(env, "api:api-0"), "api")
    worker = program_pid(env, "worker")
    wait_for(lambda: psutil.Process(worker).children(), "the worker's worker process")
    everyone = {p.pid for p in psutil.Process(process.pid).children(recursive=True)}

    os.kill(api, signal.SIGKILL)
    os.kill(psutil.Process(worker).children()[0].pid, signal.SIGKILL)
    wait_for(lambda: program_pid(env, "api:api-0") not in (0, api), "a new API process")
    wait_for(healthy, "the API answering again")
    new_worker = wait_for(lambda: program_pid(env, "worker") not in (0, worker), "a new worker")
    assert new_worker

    flight = make_flight(committed, seats=5)
    headers = auth_headers(make_user(committed))
    booked = httpx.post(f"{base}/api/v1/bookings", json={"flight_id": str(flight.id), "seats": 1},
                        headers=headers, timeout=10)  # fmt: skip
    assert booked.status_code == 202, booked.text
    url = f"{base}{booked.json()['poll_url']}"
    wait_for(lambda: httpx.get(url, headers=headers).json()["status"] == "CONFIRMED",
             "the booking decided by the restarted worker")  # fmt: skip

    everyone |= {p.pid for p in psutil.Process(process.pid).children(recursive=True)}
    process.send_signal(signal.SIGTERM)
    assert process.wait(60) == 0
    alive = [pid for pid in everyone if psutil.pid_exists(pid)
             and psutil.Process(pid).status() != psutil.STATUS_ZOMBIE]  # fmt: skip
    assert alive == []
