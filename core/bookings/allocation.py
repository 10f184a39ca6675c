"""Deciding bookings, in workers. Every decision is taken under the flight's row lock (`SELECT …
FOR NO KEY UPDATE`), which serialises allocation, cancellation and an admin's flight cancel
across any number of worker processes and hosts, and which a booking INSERT (a `FOR KEY SHARE`
on the flight through the foreign key) never waits for. Whoever holds the lock decides the
flight's oldest PENDING bookings, in arrival order (`seq`), up to a batch size, in one
transaction: first come, first served, one commit for many bookings. Every function here is
safe to run twice: a decided booking is never decided again.
"""

import uuid
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import func, update
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from core.bookings.models import FLIGHT_CANCELLED, FLIGHT_DEPARTED, SOLD_OUT, Booking, BookingStatus
from core.flights.models import Flight, FlightStatus


def allocation_key(flight_id: uuid.UUID) -> str:
    """The key that keeps at most one "allocate for this flight" message waiting
    (`core.dispatch`): a booking recorded while it is set is decided by the waiting message,
    which clears it before it reads the flight's pending bookings."""
    return f"allocate:{flight_id}"


def booking_flight_id(session: Session, *, booking_id: uuid.UUID) -> uuid.UUID | None:
    return session.exec(select(Booking.flight_id).where(Booking.id == booking_id)).first()


def has_pending(session: Session, *, flight_id: uuid.UUID) -> bool:
    """Whether the flight has an undecided booking (one probe of the partial pending index)."""
    return (
        session.exec(
            select(Booking.id)
            .where(Booking.flight_id == flight_id, Booking.status == BookingStatus.PENDING)
            .limit(1)
        ).first()
        is not None
    )


@dataclass
class Decided:
    """What one batch decided: booking counts by outcome, and seats taken from the flight."""

    confirmed: int = 0
    failed: int = 0
    cancelled: int = 0
    seats_taken: int = 0

    @property
    def total(self) -> int:
        return self.confirmed + self.failed + self.cancelled


def lock_flight(session: Session, flight_id: uuid.UUID) -> tuple[int, str, bool] | None:
    """Lock the flight row; its available seats, status and whether it has departed."""
    row = session.execute(
        sa_select(
            col(Flight.available_seats),
            col(Flight.status),
            (col(Flight.departure_ts) <= func.now()).label("departed"),
        )
        .where(col(Flight.id) == flight_id)
        .with_for_update(key_share=True)  # FOR NO KEY UPDATE: booking inserts do not wait
    ).first()
    return None if row is None else (row[0], row[1], bool(row[2]))


# A booking's new status and, when it failed, why.
Outcome = tuple[str, str | None]
CONFIRMED: Outcome = (BookingStatus.CONFIRMED.value, None)


def decide_pending(session: Session, *, flight_id: uuid.UUID, limit: int) -> Decided:
    """Decide up to `limit` of the flight's oldest PENDING bookings, in arrival order, in the
    caller's transaction.

    First come, first served: each booking takes its seats if they are still there, otherwise
    it fails "sold out" (so a later request never gets seats an earlier, equal request was
    refused). A booking whose cancel was requested while PENDING is cancelled without seats.
    """
    decided = Decided()
    flight = lock_flight(session, flight_id)
    if flight is None:
        return decided
    available, status, departed = flight
    pending = session.execute(
        sa_select(Booking.id, Booking.seats, Booking.cancel_requested_at)  # type: ignore[call-overload]
        .where(Booking.flight_id == flight_id, Booking.status == BookingStatus.PENDING)
        .order_by(Booking.seq)
        .limit(limit)
        .with_for_update()
    ).all()
    outcomes: dict[Outcome, list[uuid.UUID]] = defaultdict(list)
    remaining = available
    for booking_id, seats, cancel_requested_at in pending:
        outcome = _outcome(
            seats=seats,
            remaining=remaining,
            cancel_requested=cancel_requested_at is not None,
            cancelled=status != FlightStatus.SCHEDULED,
            departed=departed,
        )
        if outcome == CONFIRMED:
            remaining -= seats
        outcomes[outcome].append(booking_id)
    decided.seats_taken = available - remaining
    if decided.seats_taken:
        _take_seats(session, flight_id=flight_id, seats=decided.seats_taken)
    for (new_status, reason), ids in outcomes.items():
        session.execute(
            update(Booking)
            .where(col(Booking.id).in_(ids))
            .values(status=new_status, failure_reason=reason, decided_at=func.now())
        )
        if new_status == BookingStatus.CONFIRMED:
            decided.confirmed += len(ids)
        elif new_status == BookingStatus.FAILED:
            decided.failed += len(ids)
        else:
            decided.cancelled += len(ids)
    return decided


def _outcome(
    *, seats: int, remaining: int, cancel_requested: bool, cancelled: bool, departed: bool
) -> Outcome:
    """What one pending booking becomes, given the seats the batch has left to give."""
    if cancel_requested:
        return (BookingStatus.CANCELLED.value, None)
    if cancelled:
        return (BookingStatus.FAILED.value, FLIGHT_CANCELLED)
    if departed:
        return (BookingStatus.FAILED.value, FLIGHT_DEPARTED)
    if seats <= remaining:
        return CONFIRMED
    return (BookingStatus.FAILED.value, SOLD_OUT)


def _take_seats(session: Session, *, flight_id: uuid.UUID, seats: int) -> None:
    """One conditional UPDATE for the whole batch's seats."""
    taken = session.execute(
        update(Flight)
        .where(
            col(Flight.id) == flight_id,
            col(Flight.available_seats) >= seats,
            col(Flight.status) == FlightStatus.SCHEDULED,
            col(Flight.departure_ts) > func.now(),
        )
        .values(
            available_seats=col(Flight.available_seats) - seats,
            version=col(Flight.version) + 1,
        )
    )
    if taken.rowcount != 1:  # type: ignore[attr-defined]
        # Cannot happen while we hold the row lock; if it ever does, decide nothing.
        raise RuntimeError(f"flight {flight_id} changed under its row lock")


def fail_undecided(session: Session, *, booking_id: uuid.UUID, reason: str) -> bool:
    """Mark a booking FAILED with `reason` if it is still PENDING (the dead-letter outcome)."""
    result = session.execute(
        update(Booking)
        .where(col(Booking.id) == booking_id, col(Booking.status) == BookingStatus.PENDING)
        .values(status=BookingStatus.FAILED, failure_reason=reason, decided_at=func.now())
    )
    return bool(result.rowcount)  # type: ignore[attr-defined]
