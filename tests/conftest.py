"""Shared fixtures: a database of the suite's own migrated by Alembic, a Redis db of its own,
rolled-back sessions for unit and API tests, committed data and real processes for end-to-end
tests, and small factories."""

import tests.support.settings as test_settings  # noqa: I001  (must precede every core import)

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from fastapi.testclient import TestClient
from sqlalchemy import Connection, event, text
from sqlmodel import Session

from api.deps import get_session
from api.main import app
from core.redis import get_redis
from core.db import get_engine
from core.bookings.invariants import seat_violations
from tests.support.processes import ROOT, Process, running_api, start_worker
from tests.support.scratch_db import scratch_database

# Property tests share the test's fixtures across examples and talk to real stores (no deadline);
# in CI their examples are derived from the test itself, so every run tries the same ones.
hypothesis_settings.register_profile(
    "skyqueue",
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    derandomize=bool(os.environ.get("CI")),
    database=None if os.environ.get("CI") else hypothesis_settings.default.database,
)
hypothesis_settings.load_profile("skyqueue")

TABLES = (
    "import_rejections, import_file_chunks, import_jobs, tickets, passengers, bookings, orders, "
    "flights, users"
)


@pytest.fixture(scope="session", autouse=True)
def database() -> Iterator[None]:
    """The suite's database; after the last test, `check-invariants` must pass over it."""
    with scratch_database(test_settings.TEST_DB_URL):
        yield
        get_engine().dispose()
        check = subprocess.run(
            [sys.executable, "-m", "core.cli", "check-invariants"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert check.returncode == 0, check.stdout + check.stderr


@pytest.fixture(scope="session", autouse=True)
def redis_db() -> Iterator[None]:
    get_redis().flushdb()
    yield
    get_redis().flushdb()


def assert_invariants(db: Session | Connection) -> None:
    """Every flight's seats add up (`core.invariants`), whatever the test did."""
    violations = seat_violations(db)
    assert not violations, "seat invariant violated:\n" + "\n".join(map(str, violations))


@pytest.fixture
def session(request: pytest.FixtureRequest) -> Iterator[Session]:
    """A session inside a transaction that is rolled back after the test, whatever it committed.
    Before the rollback, the seat invariant is checked over what the test left (a test that
    breaks it on purpose is marked `breaks_invariant`)."""
    with get_engine().connect() as connection:
        transaction = connection.begin()
        with Session(bind=connection, join_transaction_mode="create_savepoint") as db:
            yield db
        if transaction.is_active and not request.node.get_closest_marker("breaks_invariant"):
            assert_invariants(connection)
        transaction.rollback()


@pytest.fixture
def client(session: Session) -> Iterator[TestClient]:
    """The app in-process, its requests sharing the test's rolled-back session. Cached answers
    are served by the routes: `api.cached_answers` reads seats on a connection of its own,
    which does not see the test's uncommitted rows (tests/api/test_cached_answers.py)."""
    app.dependency_overrides[get_session] = lambda: session
    with TestClient(app) as test_client:
        app.state.cached_answers = None
        yield test_client
    app.dependency_overrides.clear()
    get_redis().flushdb()  # the messages its commits sent, the markers and cache entries


@pytest.fixture
def committed(request: pytest.FixtureRequest) -> Iterator[Session]:
    """A plain session whose commits are real (for tests with other processes); the seat
    invariant is checked over what the test left, then tables are emptied and Redis flushed
    (before the test too: it may count the messages it sends)."""
    get_redis().flushdb()
    with Session(get_engine()) as db:
        yield db
    try:
        if not request.node.get_closest_marker("breaks_invariant"):
            with get_engine().connect() as conn:
                assert_invariants(conn)
    finally:
        with get_engine().begin() as conn:
            conn.execute(text(f"TRUNCATE {TABLES} CASCADE"))
        get_redis().flushdb()


@pytest.fixture
def worker(tmp_path: Path) -> Iterator[Process]:
    """One real `dramatiq workers` process with 4 threads on every queue."""
    process = start_worker(tmp_path / "worker.log")
    yield process
    process.stop()


@pytest.fixture
def live_api(tmp_path: Path) -> Iterator[str]:
    """A real uvicorn server on a free loopback port; the value is its base URL."""
    with running_api(tmp_path / "api.log") as base_url:
        yield base_url


class QueryCounter:
    """The SQL statements sent while it listens."""

    def __init__(self) -> None:
        self.statements: list[str] = []

    def __call__(self, conn, cursor, statement, *args) -> None:
        self.statements.append(statement)


@pytest.fixture
def queries() -> Iterator[QueryCounter]:
    counter = QueryCounter()
    event.listen(get_engine(), "before_cursor_execute", counter)
    yield counter
    event.remove(get_engine(), "before_cursor_execute", counter)
