"""PostgreSQL and Redis servers of a test's own, on free loopback ports, that it may stop,
start and restart without touching the shared ones."""

import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import redis

from tests.support.processes import free_port

PG_BIN = Path(sorted(Path("/usr/lib/postgresql").glob("*/bin"))[-1])


def _as_postgres(args: list[str]) -> list[str]:
    """PostgreSQL refuses to run as root: as root, run it as the `postgres` user."""
    return ["runuser", "-u", "postgres", "--", *args] if os.geteuid() == 0 else args


@dataclass
class OwnPostgres:
    data: Path
    port: int
    log: Path

    @property
    def url(self) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/skyqueue"

    def _ctl(self, *args: str) -> None:
        subprocess.run(_as_postgres([str(PG_BIN / "pg_ctl"), "-D", str(self.data), *args]),
                       check=True, capture_output=True, timeout=60)  # fmt: skip

    def start(self) -> None:
        options = f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.data} -c fsync=off"
        self._ctl("-o", options, "-l", str(self.log), "-w", "start")

    def stop(self) -> None:
        self._ctl("-m", "fast", "-w", "stop")

    def restart(self) -> None:
        self.stop()
        self.start()


@contextmanager
def own_postgres() -> Iterator[OwnPostgres]:
    """A fresh cluster with a `skyqueue` database, trust authentication on loopback, in a
    directory of its own that the `postgres` user can reach (removed afterwards)."""
    directory = Path(tempfile.mkdtemp(prefix="skyqueue-pg-"))
    if os.geteuid() == 0:
        shutil.chown(directory, "postgres", "postgres")
    cluster = OwnPostgres(directory / "data", free_port(), directory / "postgres.log")
    subprocess.run(_as_postgres([str(PG_BIN / "initdb"), "-D", str(cluster.data), "-U",
                                 "postgres", "--auth=trust", "-E", "UTF8", "--no-sync"]),
                   check=True, capture_output=True, timeout=120)  # fmt: skip
    cluster.start()
    try:
        subprocess.run([str(PG_BIN / "createdb"), "-h", "127.0.0.1", "-p", str(cluster.port),
                        "-U", "postgres", "skyqueue"], check=True, timeout=30)  # fmt: skip
        yield cluster
    finally:
        stop = [str(PG_BIN / "pg_ctl"), "-D", str(cluster.data), "-m", "immediate", "stop"]
        subprocess.run(_as_postgres(stop), capture_output=True, timeout=60)
        shutil.rmtree(directory, ignore_errors=True)


@dataclass
class OwnRedis:
    port: int
    log: Path
    process: subprocess.Popen[bytes] | None = field(default=None)

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        args = ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
                "--appendonly", "no"]  # fmt: skip
        self.process = subprocess.Popen(args, stdout=self.log.open("ab"), stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 10
        while True:
            try:
                redis.Redis(port=self.port, socket_connect_timeout=1).ping()
                return
            except redis.ConnectionError:
                assert time.monotonic() < deadline, "redis-server did not start"
                time.sleep(0.05)

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(10)
            self.process = None

    def restart(self) -> None:
        self.stop()
        self.start()


@contextmanager
def own_redis(directory: Path) -> Iterator[OwnRedis]:
    """A redis-server keeping nothing on disk: a restart loses every queued message."""
    directory.mkdir(parents=True, exist_ok=True)
    server = OwnRedis(free_port(), directory / "redis.log")
    server.start()
    try:
        yield server
    finally:
        server.stop()
