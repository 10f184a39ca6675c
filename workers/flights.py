"""Flight actors: settle the bookings of a cancelled flight; and the sweep that sends the
settlement again when its message was lost."""

import uuid
from datetime import timedelta

import dramatiq

from core import dispatch
from core.bookings.cancellation import settle_cancelled_flight
from core.bookings.sweep import unsettled_cancellations
from core.config import settings
from core.db import session_scope
from core.dispatch import SETTLE_CANCELLATION
from workers.broker import broker

RECHECK_DELAY_MS = 1000


@dramatiq.actor(
    actor_name=SETTLE_CANCELLATION.name, queue_name=SETTLE_CANCELLATION.queue, broker=broker
)
def settle_cancellation(flight_id: str) -> None:
    """FAIL the PENDING and CANCEL the CONFIRMED bookings of a cancelled flight (safe to rerun,
    and to run concurrently: runs take the flight's row lock in turn, and a later one finds
    nothing left to settle).

    Bookings another transaction held at that moment are looked at again a little later.
    """
    with session_scope() as session:
        settlement = settle_cancelled_flight(session, flight_id=uuid.UUID(flight_id))
    if settlement.left:
        dispatch.send_now(SETTLE_CANCELLATION, flight_id, delay_ms=RECHECK_DELAY_MS)


def sweep_cancellations(*, older_than: timedelta | None = None) -> list[uuid.UUID]:
    """Send `flights.settle_cancellation` again for cancelled flights with bookings left to
    settle after `older_than` (default BOOKING_SWEEP_AFTER_SECONDS)."""
    if older_than is None:
        older_than = timedelta(seconds=settings.booking_sweep_after_seconds)
    with session_scope() as session:
        flights = unsettled_cancellations(session, older_than=older_than)
    for flight_id in flights:
        dispatch.send_now(SETTLE_CANCELLATION, flight_id)
    return flights
