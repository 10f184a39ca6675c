"""Booking actors, on the `bookings` queue: allocate a flight's pending bookings, carry out
cancels, dead letters; and the sweep that re-sends what a lost message left behind.

Both actors take a booking id and are safe to run any number of times. They retry transient
database and Redis errors with backoff (the broker's `Retries`); when a message is given up
(retries spent, any other error, or the time limit), `booking.dead_letter` leaves its booking
FAILED with a reason instead of PENDING for ever.
"""

import logging
import time
import uuid
from datetime import timedelta
from typing import Any

import dramatiq

from core import dispatch
from core.bookings.allocation import (
    allocation_key,
    booking_flight_id,
    decide_pending,
    fail_undecided,
    has_pending,
)
from core.bookings.cancellation import cancel_booking
from core.bookings.sweep import Stale, stale_bookings
from core.config import settings
from core.db import session_scope
from core.dispatch import ALLOCATE, BOOKING_DEAD_LETTER, CANCEL
from workers.broker import broker, failure_cause
from workers.metrics import count_decided

logger = logging.getLogger(__name__)


@dramatiq.actor(
    actor_name=ALLOCATE.name,
    queue_name=ALLOCATE.queue,
    broker=broker,
    time_limit=settings.booking_actor_time_limit_ms,
    on_retry_exhausted=BOOKING_DEAD_LETTER.name,
)
def allocate_seats(booking_id: str) -> None:
    """Decide the pending bookings of this booking's flight, oldest first, batch by batch.

    A message whose booking (and whole flight queue) was already decided by another message's
    batch costs two index lookups and no lock. A full batch means more may be waiting: the next
    batch follows, and after the time budget the rest is handed on to a new message, so one hot
    flight never runs into the time limit.
    """
    with session_scope() as session:
        flight_id = booking_flight_id(session, booking_id=uuid.UUID(booking_id))
        if flight_id is None:
            return  # its request was rolled back: nothing was ever recorded
        # Cleared before reading the queue, so that a booking recorded while the marker was set
        # (and which therefore sent no message of its own) is read below; one recorded after
        # the read finds no marker and sends its own message. "Read below" needs READ
        # COMMITTED (pinned in `core.db`): each statement sees the bookings committed before
        # it, where REPEATABLE READ would keep this transaction's first snapshot.
        dispatch.release(allocation_key(flight_id))
        if not has_pending(session, flight_id=flight_id):
            return
        decided = decide_pending(session, flight_id=flight_id, limit=settings.booking_batch_size)
    count_decided(decided)
    deadline = time.monotonic() + settings.booking_allocate_budget_ms / 1000
    while True:
        if decided.total < settings.booking_batch_size:
            return
        if time.monotonic() > deadline:
            dispatch.send_now(ALLOCATE, booking_id, once_per=allocation_key(flight_id))
            return
        with session_scope() as session:
            decided = decide_pending(
                session, flight_id=flight_id, limit=settings.booking_batch_size
            )
        count_decided(decided)


@dramatiq.actor(
    actor_name=CANCEL.name,
    queue_name=CANCEL.queue,
    broker=broker,
    time_limit=settings.booking_actor_time_limit_ms,
    on_retry_exhausted=BOOKING_DEAD_LETTER.name,
)
def cancel_seats(booking_id: str) -> None:
    """Carry out a requested cancel: a CONFIRMED booking gives its seats back."""
    with session_scope() as session:
        cancel_booking(session, booking_id=uuid.UUID(booking_id))


@dramatiq.actor(
    actor_name=BOOKING_DEAD_LETTER.name, queue_name=BOOKING_DEAD_LETTER.queue, broker=broker
)
def dead_letter(message: dict[str, Any], retry_info: dict[str, Any]) -> None:
    """A booking message was given up: its booking, if still PENDING, becomes FAILED.

    A CONFIRMED booking whose cancel could not be carried out stays CONFIRMED with its cancel
    requested; the sweep tries the cancel again later.
    """
    booking_id = uuid.UUID(message["args"][0])
    logger.error(
        "%s(%s) given up after %s retries: %s",
        message["actor_name"],
        booking_id,
        retry_info.get("retries"),
        failure_cause(message),
    )
    with session_scope() as session:
        fail_undecided(
            session,
            booking_id=booking_id,
            reason="could not be processed; no seats were taken, please try again",
        )


def sweep_bookings(*, older_than: timedelta | None = None) -> Stale:
    """Send again bookings PENDING, or cancels requested and not done, for longer than
    `older_than` (default BOOKING_SWEEP_AFTER_SECONDS): the safety net for lost messages."""
    if older_than is None:
        older_than = timedelta(seconds=settings.booking_sweep_after_seconds)
    with session_scope() as session:
        stale = stale_bookings(session, older_than=older_than)
    for booking_id in stale.allocate:
        dispatch.send_now(ALLOCATE, booking_id)
    for booking_id in stale.cancel:
        dispatch.send_now(CANCEL, booking_id)
    return stale
