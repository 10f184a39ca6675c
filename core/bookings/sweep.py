"""What a lost message left behind, for the sweep to send again: bookings pending too long,
cancels not carried out, cancelled flights whose bookings were not settled.
"""

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import text
from sqlalchemy.dialects.postgresql import distinct_on
from sqlmodel import Session, col, select

from core.bookings.models import Booking, BookingStatus


@dataclass(frozen=True)
class Stale:
    # The oldest PENDING booking of each flight with one pending too long: one message decides
    # the flight's whole queue.
    allocate: list[uuid.UUID]
    # CONFIRMED bookings whose cancel was requested too long ago.
    cancel: list[uuid.UUID]


def stale_bookings(session: Session, *, older_than: timedelta) -> Stale:
    cutoff = datetime.now(UTC) - older_than
    allocate = session.exec(
        select(Booking.id)
        .where(Booking.status == BookingStatus.PENDING, col(Booking.created_at) < cutoff)
        .ext(distinct_on(col(Booking.flight_id)))
        .order_by(col(Booking.flight_id), col(Booking.seq))
    ).all()
    cancel = session.exec(
        select(Booking.id).where(
            Booking.status == BookingStatus.CONFIRMED, col(Booking.cancel_requested_at) < cutoff
        )
    ).all()
    return Stale(allocate=list(allocate), cancel=list(cancel))


UNSETTLED = text(
    """
    SELECT f.id FROM flights f
    WHERE f.status = 'CANCELLED' AND f.updated_at < now() - make_interval(secs => :seconds)
      AND EXISTS (
          SELECT 1 FROM bookings b
          WHERE b.flight_id = f.id AND b.status IN ('PENDING', 'CONFIRMED')
      )
    ORDER BY f.updated_at
    """
)


def unsettled_cancellations(session: Session, *, older_than: timedelta) -> list[uuid.UUID]:
    """Flights cancelled (or last settled) more than `older_than` ago that still have PENDING or
    CONFIRMED bookings: their settlement message was lost, or never sent because Redis could
    not be reached, so the sweep sends it again.

    One index probe per cancelled flight: `ix_flights_cancelled` lists the cancelled flights,
    and `ix_bookings_live_by_flight` says whether each still has a booking to settle.
    """
    rows = session.execute(UNSETTLED, {"seconds": older_than.total_seconds()})
    return [row.id for row in rows]
