"""The Dramatiq broker: Redis at REDIS_URL, also set as Dramatiq's global broker."""

from typing import Any

import dramatiq
import redis
from dramatiq.brokers.redis import RedisBroker
from dramatiq.middleware import (
    AgeLimit,
    Callbacks,
    Pipelines,
    Retries,
    ShutdownNotifications,
    TimeLimit,
)
from sqlalchemy.exc import InterfaceError, OperationalError

from core.config import settings

# Errors worth another try: a dropped or refused connection, a lock or statement timeout, a
# deadlock or serialization failure (all OperationalError in psycopg). Anything else is a bug or
# bad data, and retrying it only delays the failure.
TRANSIENT_ERRORS = (OperationalError, InterfaceError, redis.ConnectionError, redis.TimeoutError)


def retry_transient(retries_so_far: int, error: BaseException) -> bool:
    return retries_so_far < settings.broker_max_retries and isinstance(error, TRANSIENT_ERRORS)


def failure_cause(message: dict[str, Any]) -> str:
    """The last line of a given-up message's traceback (its exception), for dead-letter hooks."""
    lines = (message.get("options", {}).get("traceback") or "").strip().splitlines()
    return lines[-1] if lines else "unknown error"


def make_broker() -> RedisBroker:
    return RedisBroker(
        url=settings.redis_url,
        namespace="skyqueue",
        heartbeat_timeout=settings.broker_heartbeat_timeout_ms,
        maintenance_chance=settings.broker_maintenance_chance,
        middleware=[
            AgeLimit(),
            TimeLimit(time_limit=settings.actor_time_limit_ms),
            ShutdownNotifications(),
            Callbacks(),
            Pipelines(),
            Retries(min_backoff=500, max_backoff=30_000, retry_when=retry_transient),
        ],
    )


broker = make_broker()
dramatiq.set_broker(broker)
