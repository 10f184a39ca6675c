"""Bookings: record a request, decide a flight's pending bookings in arrival order, cancel,
list them (a traveller's own, or everyone's for administrators).

The API records a PENDING booking and enqueues its id; workers decide it. Every decision is
taken under the flight's row lock (`SELECT … FOR NO KEY UPDATE`), which serialises allocation,
cancellation and an admin's flight cancel across any number of worker processes and hosts, and
which a booking INSERT (a `FOR KEY SHARE` on the flight through the foreign key) never waits
for. Whoever holds the lock decides the flight's oldest PENDING bookings, in arrival order
(`seq`), up to a batch size, in one transaction: first come, first served, one commit for many
bookings. Every function here is safe to run twice: a decided booking is never decided again.
"""

import hashlib
import uuid
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, update
from sqlalchemy import select as sa_select
from sqlalchemy.dialects.postgresql import distinct_on
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from core.airports import airport_timezone
from core.cache import redis_client
from core.config import settings
from core.errors import Conflict, InvalidRequest, NotFound, RequestInProgress
from core.models import (
    MAX_BOOKING_SEATS,
    MIN_BOOKING_SEATS,
    AdminBookingPublic,
    Booking,
    BookingFlight,
    BookingPublic,
    BookingStatus,
    Flight,
    FlightStatus,
    User,
)

SOLD_OUT = "sold out"
FLIGHT_DEPARTED = "flight departed"
FLIGHT_CANCELLED = "flight cancelled"


# --- recording a request (API) ----------------------------------------------------------------


@dataclass(frozen=True)
class Recorded:
    booking: Booking
    # True when an Idempotency-Key retry is answered with the booking its first request made.
    replayed: bool


def request_hash(*, flight_id: uuid.UUID, seats: int) -> str:
    """A booking request's fingerprint: tells a retry from a new request reusing a key."""
    return hashlib.sha256(f"{flight_id}:{seats}".encode()).hexdigest()


def idempotency_lock_id(*, user_id: uuid.UUID, key: str) -> int:
    """The advisory lock a request holds while it handles one user's Idempotency-Key."""
    digest = hashlib.sha256(f"booking-idempotency:{user_id}:{key}".encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


def record_booking(
    session: Session,
    *,
    user_id: uuid.UUID,
    flight_id: uuid.UUID,
    seats: int,
    idempotency_key: str | None = None,
) -> Recorded:
    """Insert a PENDING booking at today's price (the caller commits, then enqueues it).

    With an Idempotency-Key the same user's same request answers the booking it made the first
    time; the key reused for another request is a conflict; and while the first request with the
    key is still being handled (its transaction holds the key's advisory lock) a retry is told to
    come back shortly rather than wait or book twice.
    """
    if not MIN_BOOKING_SEATS <= seats <= MAX_BOOKING_SEATS:
        raise InvalidRequest(f"book {MIN_BOOKING_SEATS} to {MAX_BOOKING_SEATS} seats at a time")
    fingerprint = request_hash(flight_id=flight_id, seats=seats)
    if idempotency_key is not None:
        lock_id = idempotency_lock_id(user_id=user_id, key=idempotency_key)
        if not session.exec(select(func.pg_try_advisory_xact_lock(lock_id))).one():
            raise RequestInProgress(
                "a request with this Idempotency-Key is still being handled; retry shortly",
                retry_after=settings.booking_retry_after_seconds,
            )
        existing = session.exec(
            select(Booking).where(
                Booking.user_id == user_id, Booking.idempotency_key == idempotency_key
            )
        ).first()
        if existing is not None:
            if existing.request_hash != fingerprint:
                raise Conflict(
                    "this Idempotency-Key was already used for a different booking request; "
                    "send a new key for a new booking"
                )
            return Recorded(existing, replayed=True)

    flight = session.get(Flight, flight_id)
    if flight is None:
        raise NotFound(f"no flight with id {flight_id}")
    if flight.status != FlightStatus.SCHEDULED:
        raise InvalidRequest(f"flight {flight.flight_number} has been cancelled")
    if flight.departure_ts <= datetime.now(UTC):
        raise InvalidRequest(
            f"flight {flight.flight_number} departed at {flight.departure_ts.isoformat()}; "
            "it can no longer be booked"
        )
    booking = Booking(
        user_id=user_id,
        flight_id=flight_id,
        seats=seats,
        unit_price=flight.price,
        total_price=flight.price * seats,
        idempotency_key=idempotency_key,
        request_hash=fingerprint if idempotency_key is not None else None,
    )
    session.add(booking)
    try:
        session.flush()
    except IntegrityError as error:  # the key's unique constraint, should the lock ever miss
        session.rollback()
        raise RequestInProgress(
            "a request with this Idempotency-Key was handled concurrently; retry shortly",
            retry_after=settings.booking_retry_after_seconds,
        ) from error
    return Recorded(booking, replayed=False)


# --- reading ----------------------------------------------------------------------------------


def to_public(booking: Booking, flight: Flight) -> BookingPublic:
    summary = BookingFlight(
        id=flight.id,
        flight_number=flight.flight_number,
        source=flight.source,
        destination=flight.destination,
        departure_ts=flight.departure_ts.astimezone(airport_timezone(flight.source)),
        arrival_ts=flight.arrival_ts.astimezone(airport_timezone(flight.destination)),
    )
    return BookingPublic.model_validate(
        {**booking.model_dump(), "flight": summary}, from_attributes=True
    )


def get_booking(session: Session, *, booking_id: uuid.UUID, user: User) -> tuple[Booking, Flight]:
    """A booking and its flight, if `user` owns it or is an admin (otherwise: not found)."""
    row = session.exec(
        select(Booking, Flight)
        .join(Flight, col(Flight.id) == Booking.flight_id)
        .where(Booking.id == booking_id)
    ).first()
    if row is None or (row[0].user_id != user.id and not user.is_admin):
        raise NotFound(f"no booking with id {booking_id}")
    return row


# Newest first; `seq` orders bookings recorded in the same instant.
NEWEST_FIRST = (col(Booking.created_at).desc(), col(Booking.seq).desc())


def list_bookings(
    session: Session, *, user_id: uuid.UUID, page: int, page_size: int
) -> tuple[list[tuple[Booking, Flight]], int]:
    """One user's bookings, newest first, and how many there are in all."""
    count = session.exec(
        select(func.count()).select_from(Booking).where(Booking.user_id == user_id)
    ).one()
    rows = session.exec(
        select(Booking, Flight)
        .join(Flight, col(Flight.id) == Booking.flight_id)
        .where(Booking.user_id == user_id)
        .order_by(*NEWEST_FIRST)
        .offset((page - 1) * page_size)
        .limit(page_size)
    ).all()
    return [(booking, flight) for booking, flight in rows], count


def list_all_bookings(
    session: Session,
    *,
    page: int,
    page_size: int,
    flight_id: uuid.UUID | None = None,
    status: BookingStatus | None = None,
    username: str | None = None,
) -> tuple[list[tuple[Booking, Flight, User]], int]:
    """Every traveller's bookings (the administrators' view), newest first, filtered, and how
    many match in all. `username` matches the account's name exactly, ignoring case."""
    username = (username or "").strip()
    conditions = []
    if flight_id is not None:
        conditions.append(col(Booking.flight_id) == flight_id)
    if status is not None:
        conditions.append(col(Booking.status) == status.value)
    if username:
        conditions.append(func.lower(col(User.username)) == username.lower())
    counted = select(func.count()).select_from(Booking)
    if username:
        counted = counted.join(User, col(User.id) == Booking.user_id)
    count = session.exec(counted.where(*conditions)).one()
    rows = session.exec(
        select(Booking, Flight, User)
        .join(Flight, col(Flight.id) == Booking.flight_id)
        .join(User, col(User.id) == Booking.user_id)
        .where(*conditions)
        .order_by(*NEWEST_FIRST)
        .offset((page - 1) * page_size)
        .limit(page_size)
    ).all()
    return [(booking, flight, user) for booking, flight, user in rows], count


def to_admin_public(booking: Booking, flight: Flight, user: User) -> AdminBookingPublic:
    return AdminBookingPublic(
        **to_public(booking, flight).model_dump(), user_id=user.id, username=user.username
    )


# --- cancelling (API) -------------------------------------------------------------------------


def request_cancel(session: Session, *, booking_id: uuid.UUID, user: User) -> Booking:
    """Note that the owner wants the booking cancelled (the caller commits, then enqueues).

    Asking again is harmless; a booking already CANCELLED or FAILED is answered as it is.
    """
    booking, _ = get_booking(session, booking_id=booking_id, user=user)
    if booking.status in (BookingStatus.PENDING, BookingStatus.CONFIRMED):
        session.refresh(booking, with_for_update=True)
        if booking.cancel_requested_at is None and booking.status in (
            BookingStatus.PENDING,
            BookingStatus.CONFIRMED,
        ):
            booking.cancel_requested_at = datetime.now(UTC)
            session.add(booking)
            session.flush()
    return booking


def wants_cancel(booking: Booking) -> bool:
    """Whether a cancel message still has something to do for this booking."""
    return booking.cancel_requested_at is not None and booking.status in (
        BookingStatus.PENDING,
        BookingStatus.CONFIRMED,
    )


# --- deciding (workers) -----------------------------------------------------------------------


def allocation_marker(flight_id: uuid.UUID) -> str:
    return f"skyqueue:booking:allocate:{flight_id}"


def claim_allocation(*, flight_id: uuid.UUID) -> bool:
    """Set the flight's marker; True if no "allocate for this flight" message was waiting, so
    the caller should send one. A booking recorded while the marker is set is decided by the
    waiting message, which clears the marker before it reads the flight's pending bookings."""
    return bool(
        redis_client.set(
            allocation_marker(flight_id), 1, nx=True, ex=settings.booking_marker_ttl_seconds
        )
    )


def release_allocation(*, flight_id: uuid.UUID) -> None:
    redis_client.delete(allocation_marker(flight_id))


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


def _lock_flight(session: Session, flight_id: uuid.UUID) -> tuple[int, str, bool] | None:
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


def decide_pending(session: Session, *, flight_id: uuid.UUID, limit: int) -> Decided:
    """Decide up to `limit` of the flight's oldest PENDING bookings, in arrival order, in the
    caller's transaction.

    First come, first served: each booking takes its seats if they are still there, otherwise
    it fails "sold out" (so a later request never gets seats an earlier, equal request was
    refused). A booking whose cancel was requested while PENDING is cancelled without seats.
    """
    decided = Decided()
    flight = _lock_flight(session, flight_id)
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
    outcomes: dict[tuple[str, str | None], list[uuid.UUID]] = defaultdict(list)
    remaining = available
    for booking_id, seats, cancel_requested_at in pending:
        outcome: tuple[str, str | None]
        if cancel_requested_at is not None:
            outcome = (BookingStatus.CANCELLED.value, None)
        elif status != FlightStatus.SCHEDULED:
            outcome = (BookingStatus.FAILED.value, FLIGHT_CANCELLED)
        elif departed:
            outcome = (BookingStatus.FAILED.value, FLIGHT_DEPARTED)
        elif seats <= remaining:
            outcome = (BookingStatus.CONFIRMED.value, None)
            remaining -= seats
        else:
            outcome = (BookingStatus.FAILED.value, SOLD_OUT)
        outcomes[outcome].append(booking_id)

    decided.seats_taken = available - remaining
    if decided.seats_taken:
        taken = session.execute(
            update(Flight)
            .where(
                col(Flight.id) == flight_id,
                col(Flight.available_seats) >= decided.seats_taken,
                col(Flight.status) == FlightStatus.SCHEDULED,
                col(Flight.departure_ts) > func.now(),
            )
            .values(
                available_seats=col(Flight.available_seats) - decided.seats_taken,
                version=col(Flight.version) + 1,
            )
        )
        if taken.rowcount != 1:  # type: ignore[attr-defined]
            # Cannot happen while we hold the row lock; if it ever does, decide nothing.
            raise RuntimeError(f"flight {flight_id} changed under its row lock")
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


def cancel_booking(session: Session, *, booking_id: uuid.UUID) -> int:
    """Carry out a requested cancel, in the caller's transaction; returns the seats returned.

    A CONFIRMED booking becomes CANCELLED and gives its seats back to the flight; a PENDING one
    becomes CANCELLED having never taken any. Anything else (not requested, already done) is
    left alone.
    """
    booking = session.get(Booking, booking_id)
    if booking is None or not wants_cancel(booking):
        return 0
    if _lock_flight(session, booking.flight_id) is None:
        return 0
    session.refresh(booking, with_for_update=True)
    if not wants_cancel(booking):
        return 0
    returned = booking.seats if booking.status == BookingStatus.CONFIRMED else 0
    if returned:
        session.execute(
            update(Flight)
            .where(col(Flight.id) == booking.flight_id)
            .values(
                available_seats=col(Flight.available_seats) + returned,
                version=col(Flight.version) + 1,
            )
        )
    else:
        booking.decided_at = datetime.now(UTC)
    booking.status = BookingStatus.CANCELLED
    session.add(booking)
    session.flush()
    return returned


def fail_undecided(session: Session, *, booking_id: uuid.UUID, reason: str) -> bool:
    """Mark a booking FAILED with `reason` if it is still PENDING (the dead-letter outcome)."""
    result = session.execute(
        update(Booking)
        .where(col(Booking.id) == booking_id, col(Booking.status) == BookingStatus.PENDING)
        .values(status=BookingStatus.FAILED, failure_reason=reason, decided_at=func.now())
    )
    return bool(result.rowcount)  # type: ignore[attr-defined]


# --- the sweep --------------------------------------------------------------------------------


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
