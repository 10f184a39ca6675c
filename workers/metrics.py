"""Worker metrics, for Prometheus, when WORKER_METRICS_PORT is set.

Dramatiq's own Prometheus middleware counts the messages processed, failed, retried and
dead-lettered, times them, and serves every worker process's figures on that port. Beside it,
counted here where the actors see them: how long a message waited before it ran, the orders
decided by outcome and the holds that expired. The broker's queue depths are read from Redis by
the API's `/metrics` (`api.metrics`).

prometheus_client decides at import whether processes share their figures (through files in
PROMETHEUS_MULTIPROC_DIR), so the environment is set before it is imported.
"""

import os
import tempfile
import time
from typing import Any

from dramatiq import Middleware

from core.bookings.allocation import Decided
from core.config import settings

if settings.worker_metrics_port:
    DIRECTORY = settings.worker_metrics_dir or os.path.join(tempfile.gettempdir(), "skyqueue-prom")
    os.makedirs(DIRECTORY, exist_ok=True)
    os.environ.update(
        dramatiq_prom_host=settings.worker_metrics_host,
        dramatiq_prom_port=str(settings.worker_metrics_port),
        dramatiq_prom_db=DIRECTORY,
        PROMETHEUS_MULTIPROC_DIR=DIRECTORY,
    )

from prometheus_client import Counter, Histogram

QUEUE_WAIT = Histogram(
    "skyqueue_message_queue_seconds",
    "time from a message's first send to the start of its run (retries' waits included)",
    ["queue_name", "actor_name"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900),
)
ORDERS_DECIDED = Counter(
    "skyqueue_orders_decided_total",
    "orders decided by the allocator, by outcome (CONFIRMED, HELD, FAILED, CANCELLED) and reason",
    ["outcome", "reason"],
)
HOLDS_EXPIRED = Counter(
    "skyqueue_holds_expired_total", "holds that lapsed unpaid, their seats put back on sale"
)


class QueueWait(Middleware):
    def before_process_message(self, broker: Any, message: Any) -> None:
        waited = max(time.time() * 1000 - message.message_timestamp, 0) / 1000
        QUEUE_WAIT.labels(message.queue_name, message.actor_name).observe(waited)


def serve() -> int:
    """Dramatiq's metrics server, run by the fork process Dramatiq's main process starts. That
    process never imports the broker, so it would read the defaults (every address, port 9191, a
    shared directory); importing this module has set the environment from the settings first."""
    from dramatiq.middleware.prometheus import _run_exposition_server

    return int(_run_exposition_server())


def middleware() -> list[Middleware]:
    """What the broker adds when metrics are on: the exporter and the queue-wait timer."""
    from dramatiq.middleware.prometheus import Prometheus  # reads the environment set above

    class Exporter(Prometheus):
        @property
        def forks(self) -> list[Any]:
            return [serve]

    return [Exporter(), QueueWait()]


def count_decided(decided: Decided) -> None:
    """Count a committed batch's orders by outcome."""
    for (status, reason), orders in decided.by_outcome.items():
        ORDERS_DECIDED.labels(status, reason or "").inc(orders)
