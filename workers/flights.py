"""Flight actors: settle the bookings of a cancelled flight."""

import uuid

import dramatiq

from core.db import session_scope
from core.flights import settle_cancelled_flight
from workers.broker import broker

RECHECK_DELAY_MS = 1000


@dramatiq.actor(actor_name="flights.settle_cancellation", queue_name="bookings", broker=broker)
def settle_cancellation(flight_id: str) -> None:
    """FAIL the PENDING and CANCEL the CONFIRMED bookings of a cancelled flight (safe to rerun).

    Bookings another transaction held at that moment are looked at again a little later.
    """
    with session_scope() as session:
        settlement = settle_cancelled_flight(session, flight_id=uuid.UUID(flight_id))
    if settlement.left:
        settle_cancellation.send_with_options(args=(flight_id,), delay=RECHECK_DELAY_MS)
