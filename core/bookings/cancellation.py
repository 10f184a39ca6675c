"""Giving seats back: a traveller's cancel, carried out by a worker, and the settlement of a
cancelled flight's bookings. Both run under the flight's row lock, the lock the allocator
serialises on, so a seat is returned exactly once.
"""

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import text
from sqlmodel import Session

from core.bookings.allocation import lock_flight, return_seats
from core.bookings.models import FLIGHT_CANCELLED, SEATED, Booking, BookingStatus
from core.dispatch import CANCEL_ORDER, send_after_commit
from core.flights.models import FlightStatus


def wants_cancel(booking: Booking) -> bool:
    """Whether a cancel message still has something to do for this booking."""
    return booking.cancel_requested_at is not None and booking.status in (
        BookingStatus.PENDING,
        BookingStatus.HELD,
        BookingStatus.CONFIRMED,
    )


def cancel_booking(session: Session, *, booking_id: uuid.UUID) -> int:
    """Carry out a requested cancel, in the caller's transaction; returns the seats returned.

    A CONFIRMED booking becomes CANCELLED and gives its seats back to the flight; a PENDING one
    becomes CANCELLED having never taken any. Anything else (not requested, already done) is
    left alone.
    """
    booking = session.get(Booking, booking_id)
    if booking is None or not wants_cancel(booking):
        return 0
    if lock_flight(session, booking.flight_id) is None:
        return 0
    session.refresh(booking, with_for_update=True)
    if not wants_cancel(booking):
        return 0
    returned = booking.seats if booking.status in SEATED else 0
    if returned:
        return_seats(session, flight_id=booking.flight_id, seats=returned)
    else:
        booking.decided_at = datetime.now(UTC)
    booking.status = BookingStatus.CANCELLED
    session.add(booking)
    session.flush()
    return returned


@dataclass(frozen=True)
class Settlement:
    failed: int
    cancelled: int
    seats_returned: int
    # Bookings left undecided because another transaction held them (see below).
    left: int


SETTLE = text(
    """
    WITH settled AS (
        UPDATE bookings SET
            status = CASE status WHEN 'PENDING' THEN 'FAILED' ELSE 'CANCELLED' END,
            failure_reason = :reason,
            decided_at = CASE status WHEN 'PENDING' THEN now() ELSE decided_at END,
            updated_at = now()
        WHERE id IN (
            SELECT b.id FROM bookings b
            WHERE b.flight_id = :id AND b.status IN ('PENDING', 'HELD', 'CONFIRMED')
              AND NOT EXISTS (
                  SELECT 1 FROM bookings other
                  WHERE other.order_id = b.order_id AND other.id <> b.id
              )
            FOR UPDATE OF b SKIP LOCKED
        )
        RETURNING status, seats
    )
    SELECT
        count(*) FILTER (WHERE status = 'FAILED'),
        count(*) FILTER (WHERE status = 'CANCELLED'),
        coalesce(sum(seats) FILTER (WHERE status = 'CANCELLED'), 0)
    FROM settled
    """
)


def settle_cancelled_flight(session: Session, *, flight_id: uuid.UUID) -> Settlement:
    """Fail a cancelled flight's PENDING bookings and cancel its HELD and CONFIRMED ones,
    returning seats; an order with other flights too is cancelled whole by a message of its own.

    Runs under the flight row lock, the lock the allocator serialises on, so no booking can be
    confirmed in between. A second run (a redelivered message) finds nothing left to do.

    Booking rows are locked with SKIP LOCKED: a transaction holding a booking (an allocation
    or a traveller's cancel, which lock the booking and then the flight) would otherwise
    deadlock with this one, which holds the flight and then wants the booking. Such a holder
    decides its booking itself once this commits (the allocator fails bookings of a cancelled
    flight); `left` counts them so that the caller can check again shortly.
    """
    status = session.execute(
        text("SELECT status FROM flights WHERE id = :id FOR UPDATE"), {"id": flight_id}
    ).scalar_one_or_none()
    if status != FlightStatus.CANCELLED:
        return Settlement(failed=0, cancelled=0, seats_returned=0, left=0)
    failed, cancelled, seats = session.execute(
        SETTLE, {"id": flight_id, "reason": FLIGHT_CANCELLED}
    ).one()
    if seats:
        return_seats(session, flight_id=flight_id, seats=seats)
    for order_id in session.execute(_TRIPS, {"id": flight_id}).scalars():
        # An order with other flights is cancelled whole, under all its flights' locks, in
        # ascending order: not from here, under this flight's lock alone.
        send_after_commit(session, CANCEL_ORDER, order_id)
    left = session.execute(
        text(
            "SELECT count(*) FROM bookings "
            "WHERE flight_id = :id AND status IN ('PENDING', 'HELD', 'CONFIRMED')"
        ),
        {"id": flight_id},
    ).scalar_one()
    return Settlement(failed=failed, cancelled=cancelled, seats_returned=seats, left=left)


# The live orders with this flight among others.
_TRIPS = text(
    """
    SELECT DISTINCT b.order_id FROM bookings b
    WHERE b.flight_id = :id AND b.status IN ('PENDING', 'HELD', 'CONFIRMED')
      AND EXISTS (
          SELECT 1 FROM bookings other WHERE other.order_id = b.order_id AND other.id <> b.id
      )
    """
)
