"""The worker processes' Dramatiq broker (`core.dispatch.get_broker`), set as Dramatiq's global
broker: imported by every actor module before it declares an actor."""

from typing import Any

import dramatiq

from core.config import settings
from core.dispatch import get_broker
from workers import metrics

broker = get_broker()
if settings.worker_metrics_port:
    for middleware in metrics.middleware():
        broker.add_middleware(middleware)
dramatiq.set_broker(broker)


def failure_cause(message: dict[str, Any]) -> str:
    """The last line of a given-up message's traceback (its exception), for dead-letter hooks."""
    lines = (message.get("options", {}).get("traceback") or "").strip().splitlines()
    return lines[-1] if lines else "unknown error"
