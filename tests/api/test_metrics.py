"""`GET /metrics`: requests by route template with latencies and those in flight, the broker's
queues as Redis holds them; and, with real processes, what two API processes and a worker count
together (their figures shared through PROMETHEUS_MULTIPROC_DIR, as `make run` runs them)."""

import asyncio
import time
import uuid

import httpx
import pytest
from prometheus_client import REGISTRY
from prometheus_client.parser import text_string_to_metric_families

from api.metrics import CountInFlight
from core.bookings.models import SOLD_OUT
from core.dispatch import PING, send_now
from core.redis import get_redis
from tests.factories import auth_headers, make_flight, make_user
from tests.support.bookings import all_decided, wait_until
from tests.support.processes import free_port, running_api, running_worker


def samples(text: str) -> dict[tuple[str, frozenset], float]:
    """Every sample of a scrape by name and labels."""
    return {
        (sample.name, frozenset(sample.labels.items())): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


def value(scrape: dict, name: str, **labels: str) -> float:
    return scrape.get((name, frozenset(labels.items())), 0.0)


def test_requests_are_counted_by_route_template_and_status(client):
    flight_id = uuid.uuid4()
    before = samples(client.get("/metrics").text)
    for _ in range(3):
        client.get("/api/v1/config")
    assert client.get(f"/api/v1/flights/{flight_id}").status_code == 404
    answer = client.get("/metrics")
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("text/plain")
    after = samples(answer.text)

    config = {"handler": "/api/v1/config", "method": "GET", "status": "2xx"}
    assert (
        value(after, "http_requests_total", **config)
        - value(before, "http_requests_total", **config)
        == 3
    )
    # The template, never the id: one series per route, not one per flight.
    template = {"handler": "/api/v1/flights/{flight_id}", "method": "GET", "status": "4xx"}
    assert value(after, "http_requests_total", **template) >= 1
    assert str(flight_id) not in answer.text
    assert (
        value(after, "http_request_duration_seconds_count", handler="/api/v1/config", method="GET")
        >= 3
    )
    assert ("http_requests_in_flight", frozenset()) in after
    assert 'handler="/metrics"' not in answer.text  # scrapes are not counted


def test_requests_are_counted_in_flight_while_they_run():
    def in_flight() -> float | None:
        return REGISTRY.get_sample_value("http_requests_in_flight")

    before = in_flight()
    assert before is not None
    seen = []

    async def app(scope, receive, send) -> None:
        seen.append(in_flight())

    asyncio.run(CountInFlight(app)({"type": "http", "path": "/api/v1/config"}, None, None))
    asyncio.run(CountInFlight(app)({"type": "http", "path": "/metrics"}, None, None))
    assert seen == [before + 1, before]  # a scrape is not counted
    assert in_flight() == before


def test_queue_depth_and_the_age_of_the_oldest_message(client):
    get_redis().flushdb()
    scrape = samples(client.get("/metrics").text)
    assert value(scrape, "skyqueue_redis_up") == 1
    assert value(scrape, "skyqueue_queue_messages_ready", queue="system") == 0
    assert value(scrape, "skyqueue_queue_oldest_message_age_seconds", queue="system") == 0

    assert send_now(PING)
    assert send_now(PING)
    time.sleep(0.3)
    scrape = samples(client.get("/metrics").text)
    assert value(scrape, "skyqueue_queue_messages_ready", queue="system") == 2
    assert value(scrape, "skyqueue_queue_messages_ready", queue="bookings") == 0
    assert 0.3 <= value(scrape, "skyqueue_queue_oldest_message_age_seconds", queue="system") < 30


@pytest.mark.e2e
def test_api_processes_and_workers_count_together(committed, tmp_path):
    """Two API processes answer for both; the worker exports Dramatiq's figures and the orders
    it decided by outcome."""
    api_dir, worker_dir = tmp_path / "api-metrics", tmp_path / "worker-metrics"
    api_dir.mkdir()
    port = free_port()
    flight = make_flight(committed, seats=2)
    user = make_user(committed)
    worker_env = {"WORKER_METRICS_PORT": str(port), "WORKER_METRICS_DIR": str(worker_dir)}
    api_env = {"PROMETHEUS_MULTIPROC_DIR": str(api_dir)}
    with (
        running_api(tmp_path / "api.log", workers=2, env=api_env) as base,
        running_worker(tmp_path / "worker.log", env=worker_env, queues=["bookings"]),
    ):
        body = {"flight_id": str(flight.id), "seats": 1}
        for _ in range(3):  # two seats: two CONFIRMED, one FAILED sold out
            answer = httpx.post(f"{base}/api/v1/bookings", json=body, headers=auth_headers(user))
            assert answer.status_code == 202, answer.text
        for _ in range(20):  # spread over both processes by the kernel
            httpx.get(f"{base}/api/v1/config")
        wait_until(all_decided([flight.id]), what="every booking decided")

        api = samples(httpx.get(f"{base}/metrics").text)
        bookings = {"handler": "/api/v1/bookings", "method": "POST", "status": "2xx"}
        assert value(api, "http_requests_total", **bookings) == 3
        assert (
            value(api, "http_requests_total", handler="/api/v1/config", method="GET", status="2xx")
            == 20
        )
        assert len(list(api_dir.iterdir())) >= 2  # each process wrote its own file

        def worker_scrape() -> dict:
            try:
                return samples(httpx.get(f"http://127.0.0.1:{port}", timeout=2).text)
            except httpx.TransportError:  # its server may still be starting
                return {}

        wait_until(
            lambda: (
                value(
                    worker_scrape(), "skyqueue_orders_decided_total", outcome="CONFIRMED", reason=""
                )
                == 2
            ),
            what="the worker's figures",
        )
        worker = worker_scrape()
    assert value(worker, "skyqueue_orders_decided_total", outcome="FAILED", reason=SOLD_OUT) == 1
    allocate = {"queue_name": "bookings", "actor_name": "booking.allocate"}
    assert value(worker, "dramatiq_messages_total", **allocate) >= 1
    assert value(worker, "skyqueue_message_queue_seconds_count", **allocate) >= 1
    assert value(worker, "dramatiq_message_duration_milliseconds_count", **allocate) >= 1
