"""An order's seats after it was decided: a hold that lapses, a payment that confirms it, a
cancellation of the whole order. Each changes every segment at once, only from the statuses it
names, under the row locks of the order's flights (taken in ascending id order, as the
allocator takes them) and of its segments, so that a payment racing an expiry, or a message
delivered twice, changes the order once.
"""

import uuid
from collections import defaultdict

from sqlalchemy import func, update
from sqlmodel import Session, col, select

from core.bookings.allocation import lock_flight, return_seats
from core.bookings.models import SEATED, Booking, BookingStatus
from core.orders.models import Order


def lock_order(session: Session, *, order_id: uuid.UUID) -> list[Booking]:
    """Lock the order's flights in ascending id order, then its segments; the segments."""
    flight_ids = session.exec(
        select(Booking.flight_id)
        .where(Booking.order_id == order_id)
        .order_by(col(Booking.flight_id))
    ).all()
    for flight_id in flight_ids:
        lock_flight(session, flight_id)
    return list(
        session.exec(
            select(Booking)
            .where(Booking.order_id == order_id)
            .order_by(col(Booking.flight_id))
            .with_for_update()
            .execution_options(populate_existing=True)
        ).all()
    )


def release_seats(
    session: Session,
    *,
    order_id: uuid.UUID,
    status: str,
    reason: str | None,
    only_from: tuple[str, ...],
) -> int:
    """Move every segment of the order from a status in `only_from` to `status` (PENDING
    becomes FAILED instead: it never had seats), returning the seats of those that held them.
    Returns the seats returned; 0 when the order was not in such a status."""
    segments = lock_order(session, order_id=order_id)
    if not segments or segments[0].status not in only_from:
        return 0
    returned: dict[uuid.UUID, int] = defaultdict(int)
    for segment in segments:
        if segment.status in SEATED:
            returned[segment.flight_id] += segment.seats
    for flight_id, seats in returned.items():
        return_seats(session, flight_id=flight_id, seats=seats)
    pending = segments[0].status == BookingStatus.PENDING
    session.execute(
        update(Booking)
        .where(col(Booking.order_id) == order_id)
        .values(
            status=BookingStatus.FAILED if pending else status,
            failure_reason=reason,
            decided_at=func.now() if pending else col(Booking.decided_at),
        )
    )
    return sum(returned.values())


def expire_hold(session: Session, *, order_id: uuid.UUID) -> int:
    """EXPIRE a HELD order whose hold has lapsed, returning its seats (exactly once: only from
    HELD, and a payment that won the race left it CONFIRMED). Returns the seats returned."""
    lapsed = session.exec(
        select(Order.id).where(Order.id == order_id, col(Order.expires_at) <= func.now())
    ).first()
    if lapsed is None:
        return 0
    return release_seats(
        session,
        order_id=order_id,
        status=BookingStatus.EXPIRED,
        reason="the hold expired before payment",
        only_from=(BookingStatus.HELD,),
    )


def cancel_order(session: Session, *, order_id: uuid.UUID, reason: str | None) -> int:
    """CANCEL every segment of an order that is PENDING (FAILED then), HELD or CONFIRMED,
    returning the seats it held. Returns the seats returned."""
    return release_seats(
        session,
        order_id=order_id,
        status=BookingStatus.CANCELLED,
        reason=reason,
        only_from=(BookingStatus.PENDING, BookingStatus.HELD, BookingStatus.CONFIRMED),
    )


def lapsed_holds(session: Session) -> list[uuid.UUID]:
    """HELD orders past their expiry: the sweep sends their expiry again (its message was lost,
    or a worker was down when it came due)."""
    return list(
        session.exec(
            select(Order.id).where(
                Order.status == BookingStatus.HELD, col(Order.expires_at) <= func.now()
            )
        ).all()
    )
