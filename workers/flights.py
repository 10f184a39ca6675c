"""Flight actors: settle the bookings of a cancelled flight."""

import uuid

import dramatiq

from core.db import session_scope
from core.flights import settle_cancelled_flight
from workers.broker import broker


@dramatiq.actor(actor_name="flights.settle_cancellation", queue_name="bookings", broker=broker)
def settle_cancellation(flight_id: str) -> None:
    """FAIL the PENDING and CANCEL the CONFIRMED bookings of a cancelled flight (safe to rerun)."""
    with session_scope() as session:
        settle_cancelled_flight(session, flight_id=uuid.UUID(flight_id))
