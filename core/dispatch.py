"""Sending work to the workers: the one way.

A request (or an actor) that records work in PostgreSQL names the message it needs with
`send_after_commit(session, ACTOR, id…)`. The messages are collected on the session and sent
only once its transaction commits, so a worker never gets an id whose row does not exist yet;
a transaction that rolls back sends nothing. Sending is tolerant: with Redis unreachable (or any
other failure to send) the committed work stays recorded, the failure is logged, an optional
`if_unsent` records that no message went out, and the sweep (`python -m workers.scheduler`)
sends it later. The request that recorded the work still succeeds: answering an error after the
commit would make a client retry, and book twice.

`once_per=KEY` keeps at most one such message waiting per key (the booking allocator uses the
flight): a Redis marker set with the send; while it is set, a new send is left out because the
waiting message will do the work; a send that fails takes its marker back; the worker clears it
(`release`) before it reads the work, and the marker lapses after BOOKING_MARKER_TTL_SECONDS if
a message is lost, the sweep's message covering the gap.

Messages are sent by actor name: the API imports no actor module, and the broker is built on
first use (`get_broker`), never at import.
"""

import contextlib
import functools
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
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
from sqlalchemy import event
from sqlalchemy.exc import InterfaceError, OperationalError
from sqlalchemy.orm import Session, SessionTransaction

from core.config import settings
from core.redis import get_redis

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Actor:
    """A worker's actor as senders know it: its name and its queue."""

    name: str
    queue: str


ALLOCATE = Actor("booking.allocate", "bookings")
CANCEL = Actor("booking.cancel", "bookings")
BOOKING_DEAD_LETTER = Actor("booking.dead_letter", "bookings")
SETTLE_CANCELLATION = Actor("flights.settle_cancellation", "bookings")
EXPIRE_HOLD = Actor("orders.expire_hold", "bookings")
CANCEL_ORDER = Actor("orders.cancel", "bookings")
IMPORT_FLIGHTS = Actor("imports.import_flights", "imports")
IMPORT_FAILED = Actor("imports.import_failed", "imports")
PING = Actor("system.ping", "system")
QUEUES = ("bookings", "imports", "system")
NAMESPACE = "skyqueue"  # the broker's prefix of every key it keeps in Redis

# Errors worth another try: a dropped or refused connection, a lock or statement timeout, a
# deadlock or serialization failure (all OperationalError in psycopg). Anything else is a bug or
# bad data, and retrying it only delays the failure.
TRANSIENT_ERRORS = (OperationalError, InterfaceError, redis.ConnectionError, redis.TimeoutError)
BROKER_UNREACHABLE = (redis.RedisError, dramatiq.errors.BrokerConnectionError)


def retry_transient(retries_so_far: int, error: BaseException) -> bool:
    return retries_so_far < settings.broker_max_retries and isinstance(error, TRANSIENT_ERRORS)


def make_broker(url: str | None = None) -> RedisBroker:
    # A connect timeout: a Redis host that drops packets (rather than refusing) would otherwise
    # hold a request's `send` for the client library's default timeout (or the system's).
    client = redis.Redis.from_url(url or settings.redis_url, socket_connect_timeout=2)
    return RedisBroker(
        client=client,
        namespace=NAMESPACE,
        heartbeat_timeout=settings.broker_heartbeat_timeout_ms,
        maintenance_chance=settings.broker_maintenance_chance,
        middleware=[
            AgeLimit(),
            TimeLimit(time_limit=settings.actor_time_limit_ms),
            ShutdownNotifications(),
            Callbacks(),
            Pipelines(),
            # 0.5 s doubling to a minute between tries: with BROKER_MAX_RETRIES (12), a message
            # rides out at least 3.5 minutes of a store being down before it is given up.
            Retries(min_backoff=500, max_backoff=60_000, retry_when=retry_transient),
        ],
    )


@functools.cache
def get_broker() -> RedisBroker:
    """The process's broker, built on first use (from REDIS_URL as the settings read it)."""
    return make_broker()


@dataclass(frozen=True)
class Job:
    actor: Actor
    args: tuple[str, ...]
    once_per: str | None = None
    if_unsent: Callable[[], object] | None = None
    delay_ms: int | None = None


_JOBS = "skyqueue.dispatch.jobs"


def send_after_commit(
    session: Session,
    actor: Actor,
    *args: object,
    once_per: str | None = None,
    if_unsent: Callable[[], object] | None = None,
    delay: timedelta | None = None,
) -> None:
    """Send `actor(*args)` once the session's transaction commits (nothing if it rolls back),
    to run no sooner than `delay` after. Arguments are ids: they are sent as text."""
    delay_ms = None if delay is None else int(delay.total_seconds() * 1000)
    job = Job(
        actor, tuple(map(str, args)), once_per=once_per, if_unsent=if_unsent, delay_ms=delay_ms
    )
    session.info.setdefault(_JOBS, []).append(job)


@event.listens_for(Session, "after_commit")
def _send_collected(session: Session) -> None:
    for job in session.info.pop(_JOBS, []):
        send(job)


@event.listens_for(Session, "after_transaction_end")
def _drop_uncommitted(session: Session, transaction: SessionTransaction) -> None:
    if transaction.parent is None:  # the outermost: what was not sent on commit never will be
        session.info.pop(_JOBS, None)


def send_now(
    actor: Actor, *args: object, once_per: str | None = None, delay_ms: int | None = None
) -> bool:
    """Send `actor(*args)` at once, outside any transaction (an actor handing work on, the
    sweep); False if it could not be sent."""
    return send(Job(actor, tuple(map(str, args)), once_per=once_per, delay_ms=delay_ms))


def send(job: Job) -> bool:
    """Send one job, tolerantly (see the module docstring); False if it could not be sent."""
    what = f"{job.actor.name}({', '.join(job.args)})"
    try:
        _send(job)
    except BROKER_UNREACHABLE as error:
        logger.warning("%s recorded, not sent (%s): left to the sweep", what, error)
    except Exception:  # committed work: see the module docstring
        logger.exception("%s recorded, not sent: left to the sweep", what)
    else:
        return True
    if job.if_unsent is not None:
        try:
            job.if_unsent()
        except Exception:  # the sweep finds the work by its age instead
            logger.exception("%s: could not record that it was not sent", what)
    return False


def _send(job: Job) -> None:
    if job.once_per is not None and not claim(job.once_per):
        return  # a message for this key is waiting: it will do this work too
    message: dramatiq.Message[Any] = dramatiq.Message(
        queue_name=job.actor.queue, actor_name=job.actor.name, args=job.args, kwargs={}, options={}
    )
    try:
        get_broker().enqueue(message, delay=job.delay_ms)
    except Exception:
        if job.once_per is not None:
            with contextlib.suppress(*BROKER_UNREACHABLE):
                release(job.once_per)
        raise


def _marker(key: str) -> str:
    return f"skyqueue:waiting:{key}"


def claim(key: str) -> bool:
    """Set the key's marker; True if no message for the key was waiting."""
    marker = _marker(key)
    return bool(get_redis().set(marker, 1, nx=True, ex=settings.booking_marker_ttl_seconds))


def release(key: str) -> None:
    """Clear the key's marker: called by the worker before it reads the work, so that anything
    recorded from then on sends a message of its own."""
    get_redis().delete(_marker(key))


def is_waiting(key: str) -> bool:
    return bool(get_redis().exists(_marker(key)))
