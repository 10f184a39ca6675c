"""`GET /metrics` in Prometheus' text format: requests by route template and their latency
histograms (prometheus-fastapi-instrumentator), the requests in flight, and the broker's queues
as Redis holds them (read when scraped, so any API process answers for all).

With several API processes, PROMETHEUS_MULTIPROC_DIR (set by `make run`) names a directory they
share, and each scrape sums what every process counted."""

import os
import time
from collections.abc import Iterator

import redis
from fastapi import FastAPI, Response
from prometheus_client import REGISTRY, CollectorRegistry, Gauge, generate_latest, multiprocess
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.exposition import CONTENT_TYPE_LATEST
from prometheus_fastapi_instrumentator import Instrumentator
from prometheus_fastapi_instrumentator.metrics import default as request_metrics
from starlette.types import ASGIApp, Receive, Scope, Send

from core.queues import queue_states

PATH = "/metrics"


class QueueCollector:
    """Messages ready and delayed per queue, and the age of the oldest ready one."""

    def collect(self) -> Iterator[Metric]:
        up = GaugeMetricFamily("skyqueue_redis_up", "1 when Redis answered this scrape")
        try:
            states = queue_states()
        except redis.RedisError:
            up.add_metric([], 0)
            yield up
            return
        up.add_metric([], 1)
        ready = GaugeMetricFamily(
            "skyqueue_queue_messages_ready", "messages waiting to run", labels=["queue"]
        )
        delayed = GaugeMetricFamily(
            "skyqueue_queue_messages_delayed",
            "messages waiting for their time (retries, hold expiries)",
            labels=["queue"],
        )
        oldest = GaugeMetricFamily(
            "skyqueue_queue_oldest_message_age_seconds",
            "how long the oldest ready message has waited since it was first sent (0: none)",
            labels=["queue"],
        )
        now_ms = time.time() * 1000
        for state in states:
            ready.add_metric([state.queue], state.ready)
            delayed.add_metric([state.queue], state.delayed)
            age = 0.0 if state.oldest_enqueued_ms is None else now_ms - state.oldest_enqueued_ms
            oldest.add_metric([state.queue], max(age, 0.0) / 1000)
        yield from (up, ready, delayed, oldest)


QUEUES = QueueCollector()
MULTIPROCESS = "PROMETHEUS_MULTIPROC_DIR" in os.environ
if MULTIPROCESS:
    os.makedirs(os.environ["PROMETHEUS_MULTIPROC_DIR"], exist_ok=True)
else:
    REGISTRY.register(QUEUES)


def registry() -> CollectorRegistry:
    """This process's registry; with several processes, one that reads them all."""
    if not MULTIPROCESS:
        return REGISTRY
    shared = CollectorRegistry()
    multiprocess.MultiProcessCollector(shared)
    shared.register(QUEUES)
    return shared


def metrics() -> Response:
    return Response(generate_latest(registry()), media_type=CONTENT_TYPE_LATEST)


# Made once per process and shared by every app: the exporter makes its metrics with each app,
# and a second app in one process (the tests make several) would find their names taken.
REQUESTS = request_metrics()
IN_FLIGHT = Gauge(
    "http_requests_in_flight", "HTTP requests being answered", multiprocess_mode="livesum"
)


class CountInFlight:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] == PATH:
            await self.app(scope, receive, send)
            return
        with IN_FLIGHT.track_inprogress():
            await self.app(scope, receive, send)


def install(app: FastAPI) -> None:
    """Count every request but the scrapes, and answer them at `/metrics`."""
    instrumentator = Instrumentator(excluded_handlers=[PATH])
    if REQUESTS is not None:
        instrumentator.add(REQUESTS)
    instrumentator.instrument(app)
    app.add_middleware(CountInFlight)
    app.add_api_route(PATH, metrics, include_in_schema=False)
