"""A store that does not answer is a 503 with `Retry-After` and a message, never a 500, and
health says which store is down."""

import time
from collections.abc import Iterator

import pytest
import redis
from sqlmodel import Session

from api.deps import get_session
from api.main import app
from core.db import CONNECT_TIMEOUT_SECONDS, make_engine
from tests.support.processes import silent_port

UNREACHABLE = "postgresql+psycopg://postgres@127.0.0.1:9/skyqueue"


@pytest.fixture
def database_down(client) -> Iterator[None]:
    engine = make_engine(UNREACHABLE)

    def unreachable() -> Iterator[Session]:
        with Session(engine) as session:
            yield session

    app.dependency_overrides[get_session] = unreachable
    yield
    engine.dispose()


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/search?source=LHR&destination=JFK&date=2030-01-01",
        "/api/v1/airports?q=lon",
        "/api/v1/flights/3fa85f64-5717-4562-b3fc-2c963f66afa6",
        "/api/v1/orders/lookup?reference=K7WQ2M&last_name=Lima",
    ],
)
def test_a_database_that_does_not_answer_is_a_503_with_retry_after(client, database_down, path):
    answer = client.get(path)
    assert answer.status_code == 503, answer.text
    assert answer.headers["Retry-After"] == "5"
    assert answer.json() == {"detail": "the database is not answering; try again in a few seconds"}


def test_a_database_host_that_does_not_answer_is_a_503_within_seconds(client):
    with silent_port() as port:
        engine = make_engine(f"postgresql+psycopg://postgres@127.0.0.1:{port}/skyqueue")

        def silent() -> Iterator[Session]:
            with Session(engine) as session:
                yield session

        app.dependency_overrides[get_session] = silent
        started = time.monotonic()
        answer = client.get("/api/v1/airports", params={"q": "lon"})
        assert answer.status_code == 503
        assert time.monotonic() - started < CONNECT_TIMEOUT_SECONDS + 3
        engine.dispose()


def test_health_names_the_store_that_is_down(client, database_down):
    answer = client.get("/api/v1/health")
    assert answer.status_code == 503
    assert answer.json()["postgres"].startswith("error")
    assert answer.json()["redis"] == "ok"


def test_a_redis_that_does_not_answer_is_a_503_and_named_by_health(client, monkeypatch):
    def refused(*args, **kwargs):
        raise redis.ConnectionError("Connection refused")

    class DownRedis:
        ping = staticmethod(refused)

    monkeypatch.setattr("api.routes.health.get_redis", DownRedis)
    health = client.get("/api/v1/health")
    assert health.status_code == 503
    assert health.json()["redis"] == "error: ConnectionError"

    monkeypatch.setattr("api.routes.orders.limit", refused)
    lookup = client.get("/api/v1/orders/lookup", params={"reference": "K7WQ2M", "last_name": "Li"})
    assert lookup.status_code == 503
    assert lookup.headers["Retry-After"] == "5"
    assert lookup.json() == {"detail": "Redis is not answering; try again in a few seconds"}
