"""Real processes for end-to-end tests: `dramatiq` workers and a uvicorn API server.

Each runs with the suite's environment (its database and Redis db), logs to a file under the
pytest tmp dir, and is stopped (or killed) when its context ends.
"""

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[2]
READY_LINE = "is ready for action"
# For an API whose every client is this machine (browsers of the end-to-end suite, Locust's
# simulated travellers): limits per client address would count them all as one.
ONE_ADDRESS_LIMITS = {
    "REGISTRATIONS_PER_CLIENT_PER_MINUTE": "0",
    "LOGINS_PER_CLIENT_PER_MINUTE": "0",
}


@dataclass
class Process:
    popen: subprocess.Popen[bytes]
    log: Path

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    def stop(self, timeout: float = 20) -> None:
        if self.popen.poll() is None:
            self.popen.send_signal(signal.SIGTERM)
            try:
                self.popen.wait(timeout)
            except subprocess.TimeoutExpired:
                self.kill()

    def kill(self) -> None:
        """SIGKILL the process and all its children (a Dramatiq master forks its workers)."""
        if self.popen.poll() is None:
            os.killpg(self.popen.pid, signal.SIGKILL)
            self.popen.wait(10)


def spawn(args: list[str], log: Path, env: dict[str, str] | None) -> Process:
    out = log.open("wb")
    popen = subprocess.Popen(
        args,
        cwd=ROOT,
        stdout=out,
        stderr=subprocess.STDOUT,
        env={**os.environ, **(env or {})},
        start_new_session=True,
    )
    return Process(popen, log)


def _wait_until(check, process: Process, what: str, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.popen.poll() is not None:
            raise RuntimeError(f"{what} exited early:\n{process.output()}")
        if check():
            return
        time.sleep(0.1)
    process.kill()
    raise TimeoutError(f"{what} not ready after {timeout}s:\n{process.output()}")


def start_worker(
    log: Path,
    *,
    processes: int = 1,
    threads: int = 4,
    queues: list[str] | None = None,
    env: dict[str, str] | None = None,
) -> Process:
    args = [sys.executable, "-m", "dramatiq", "workers", "--processes", str(processes)]
    args += ["--threads", str(threads)]
    if queues:
        args += ["--queues", *queues]
    process = spawn(args, log, env)
    _wait_until(
        lambda: process.output().count(READY_LINE) >= processes, process, "dramatiq", timeout=60
    )
    return process


@contextmanager
def running_worker(log: Path, **kwargs) -> Iterator[Process]:
    process = start_worker(log, **kwargs)
    try:
        yield process
    finally:
        process.stop()


@contextmanager
def silent_port() -> Iterator[int]:
    """A loopback port that never answers: a listening socket whose backlog is full drops new
    connections' packets, as a host that is down without refusing connections does."""
    with socket.create_server(("127.0.0.1", 0), backlog=0) as hole:
        port = hole.getsockname()[1]
        with socket.create_connection(("127.0.0.1", port)):  # fills the backlog
            yield port


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def running_api(
    log: Path, *, workers: int = 1, env: dict[str, str] | None = None, expect_status: int = 200
) -> Iterator[str]:
    """A uvicorn server on a free loopback port; yields its base URL. It is ready when its health
    check answers `expect_status` (503 for a test that starts it with a store unreachable)."""
    port = free_port()
    args = [sys.executable, "-m", "uvicorn", "api.main:app", "--host", "127.0.0.1"]
    args += ["--port", str(port), "--workers", str(workers), "--no-access-log"]
    process = spawn(args, log, env)
    base_url = f"http://127.0.0.1:{port}"

    def answers() -> bool:
        try:
            answer = httpx.get(f"{base_url}/api/v1/health", timeout=1)
            return answer.status_code == expect_status
        except httpx.HTTPError:
            return False

    try:
        _wait_until(answers, process, "uvicorn", timeout=60)
        yield base_url
    finally:
        process.stop()
