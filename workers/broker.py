"""The Dramatiq broker: Redis at REDIS_URL, also set as Dramatiq's global broker; and `enqueue`,
how a request hands committed work to it."""

import logging
from collections.abc import Callable
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

logger = logging.getLogger(__name__)

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


def make_broker(url: str = settings.redis_url) -> RedisBroker:
    # A connect timeout: a Redis host that drops packets (rather than refusing) would otherwise
    # hold a request's `send` for the client library's default timeout (or the system's).
    client = redis.Redis.from_url(url, socket_connect_timeout=2)
    return RedisBroker(
        client=client,
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

BROKER_UNREACHABLE = (redis.RedisError, dramatiq.errors.BrokerConnectionError)


def enqueue(send: Callable[[], object], *, what: str) -> bool:
    """Run `send`, which hands work already committed to PostgreSQL to the broker (a message,
    a Redis marker). False if it failed: the work stays recorded and the sweep
    (`python -m workers.scheduler`) sends it later, so the request that recorded it still
    succeeds. Redis being unreachable is logged as a warning; any other failure (a bug in a
    middleware, say) with its traceback, but it must not turn committed work into an error
    answer either: the client would retry, and book again."""
    try:
        send()
    except BROKER_UNREACHABLE as error:
        logger.warning("%s recorded, not enqueued (%s): left to the sweep", what, error)
        return False
    except Exception:  # committed work: see the docstring
        logger.exception("%s recorded, not enqueued: left to the sweep", what)
        return False
    return True
