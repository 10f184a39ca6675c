"""Order actors, on the `bookings` queue: return the seats of a hold that lapsed, cancel a whole
order one of whose flights was cancelled; and the sweep that sends a lapsed hold's expiry again
when its message was lost."""

import uuid

import dramatiq

from core import dispatch
from core.config import settings
from core.db import session_scope
from core.dispatch import CANCEL_ORDER, EXPIRE_HOLD
from core.orders.cancellation import carry_out_cancellation
from core.orders.holds import expire_hold, lapsed_holds
from workers.broker import broker
from workers.metrics import HOLDS_EXPIRED


@dramatiq.actor(
    actor_name=EXPIRE_HOLD.name,
    queue_name=EXPIRE_HOLD.queue,
    broker=broker,
    time_limit=settings.booking_actor_time_limit_ms,
)
def expire(order_id: str) -> None:
    """EXPIRE the order if it is still HELD past its expiry (a payment that came first left it
    CONFIRMED; a second delivery finds nothing to do)."""
    with session_scope() as session:
        returned = expire_hold(session, order_id=uuid.UUID(order_id))
    if returned:
        HOLDS_EXPIRED.inc()


@dramatiq.actor(
    actor_name=CANCEL_ORDER.name,
    queue_name=CANCEL_ORDER.queue,
    broker=broker,
    time_limit=settings.booking_actor_time_limit_ms,
)
def cancel(order_id: str) -> None:
    """Cancel a whole order, every segment, seats back on every flight, and refund: a
    traveller's accepted quote, or one of its flights cancelled (sent by that flight's
    settlement). Nothing to do the second time."""
    with session_scope() as session:
        carry_out_cancellation(session, order_id=uuid.UUID(order_id))


def sweep_holds() -> list[uuid.UUID]:
    """Send the expiry of every HELD order past its expiry."""
    with session_scope() as session:
        lapsed = lapsed_holds(session)
    for order_id in lapsed:
        dispatch.send_now(EXPIRE_HOLD, order_id)
    return lapsed
