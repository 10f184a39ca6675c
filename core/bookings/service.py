"""Bookings as travellers and administrators see them: record a request (answered 202, decided by
a worker), read one, list them, ask for a cancel.
"""

import hashlib
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal

from sqlalchemy import func, text
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from core.bookings.allocation import allocation_key, seats_held
from core.bookings.cancellation import wants_cancel
from core.bookings.models import SEATED, Booking, BookingStatus
from core.bookings.schemas import (
    MAX_BOOKING_SEATS,
    MIN_BOOKING_SEATS,
    AdminBookingPublic,
    BookingFlight,
    BookingPublic,
)
from core.columns import contains_text
from core.config import settings
from core.dispatch import ALLOCATE, CANCEL, send_after_commit
from core.errors import Conflict, InvalidRequest, NotFound, RequestInProgress
from core.flights.models import Flight, FlightStatus
from core.flights.times import local_times
from core.idempotency import hold_idempotency_key
from core.orders.locators import with_free_locator
from core.pagination import PageRequest
from core.users.models import User


@dataclass(frozen=True)
class Recorded:
    booking: Booking
    # True when an Idempotency-Key retry is answered with the booking its first request made.
    replayed: bool


def request_hash(*, flight_id: uuid.UUID, seats: int) -> str:
    """A booking request's fingerprint: tells a retry from a new request reusing a key."""
    return hashlib.sha256(f"{flight_id}:{seats}".encode()).hexdigest()


def check_seat_cap(
    session: Session, *, user_id: uuid.UUID, flights: list[Flight], seats: int
) -> None:
    """Refuse at once a request that would take the traveller past SEATS_PER_TRAVELLER_PER_FLIGHT
    on one of these flights (409). The allocator checks again, exactly, when it decides."""
    cap = settings.seats_per_traveller_per_flight
    if cap <= 0:
        return
    held = seats_held(session, users=[user_id], flights=[flight.id for flight in flights])
    for flight in flights:
        already = held.get((user_id, flight.id), 0)
        if already + seats > cap:
            raise Conflict(
                f"you already hold {already} seats on flight {flight.flight_number}; one account "
                f"may hold at most {cap} seats on a flight"
            )


def record_booking(
    session: Session,
    *,
    user_id: uuid.UUID,
    flight_id: uuid.UUID,
    seats: int,
    idempotency_key: str | None = None,
) -> Recorded:
    """Insert a PENDING booking at today's price; once the caller commits, `booking.allocate`
    is sent for it (unless a message already waits for its flight: `core.dispatch`).

    With an Idempotency-Key the same user's same request answers the booking it made the first
    time (sent again while PENDING: its first send may have failed); the key reused for another
    request is a conflict; and while the first request with the key is still being handled (its
    transaction holds the key's advisory lock) a retry is told to come back shortly rather than
    wait or book twice.
    """
    if not MIN_BOOKING_SEATS <= seats <= MAX_BOOKING_SEATS:
        raise InvalidRequest(f"book {MIN_BOOKING_SEATS} to {MAX_BOOKING_SEATS} seats at a time")
    fingerprint = request_hash(flight_id=flight_id, seats=seats)
    existing = None
    if idempotency_key is not None:
        existing = _earlier_request(
            session, user_id=user_id, key=idempotency_key, fingerprint=fingerprint
        )
    if existing is not None:
        recorded = Recorded(existing, replayed=True)
    else:
        booking = _insert(
            session,
            user_id=user_id,
            flight_id=flight_id,
            seats=seats,
            idempotency_key=idempotency_key,
            request_hash=fingerprint if idempotency_key is not None else None,
        )
        recorded = Recorded(booking, replayed=False)
    if recorded.booking.status == BookingStatus.PENDING:
        send_after_commit(
            session, ALLOCATE, recorded.booking.id, once_per=allocation_key(flight_id)
        )
    return recorded


def _earlier_request(
    session: Session, *, user_id: uuid.UUID, key: str, fingerprint: str
) -> Booking | None:
    """The booking an earlier request with this Idempotency-Key made, if any, holding the key's
    advisory lock until the transaction ends."""
    hold_idempotency_key(session, scope="booking", user_id=user_id, key=key)
    existing = session.exec(
        select(Booking).where(Booking.user_id == user_id, Booking.idempotency_key == key)
    ).first()
    if existing is not None and existing.request_hash != fingerprint:
        raise Conflict(
            "this Idempotency-Key was already used for a different booking request; "
            "send a new key for a new booking"
        )
    return existing


def _bookable_flight(session: Session, *, flight_id: uuid.UUID) -> Flight:
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
    return flight


# The order and its one booking in one round trip: the flight is read, checked on sale and
# priced, and the traveller's seats on it checked against the cap (0: none), in the same
# statement that inserts both rows. No row back: the flight is not on sale or the cap is
# reached (`_bookable_flight` and `check_seat_cap` say which), or, rarely, the drawn locator was
# taken (draw again).
INSERT_BOOKING = text(
    """
    WITH flight AS (
        SELECT id, price FROM flights
        WHERE id = :flight_id AND status = :scheduled AND departure_ts > now()
          AND (:cap = 0 OR :seats + (
              SELECT coalesce(sum(seats), 0) FROM bookings
              WHERE user_id = :user_id AND flight_id = :flight_id AND status = ANY(:seated)
          ) <= :cap)
    ), new_order AS (
        INSERT INTO orders (id, user_id, locator, hold, total_price)
        SELECT :order_id, :user_id, :locator, :hold, price * :seats FROM flight
        ON CONFLICT ON CONSTRAINT orders_locator_key DO NOTHING
        RETURNING id
    )
    INSERT INTO bookings (id, user_id, order_id, flight_id, seats, unit_price, total_price,
                          idempotency_key, request_hash)
    SELECT :booking_id, :user_id, new_order.id, flight.id, :seats, flight.price,
           flight.price * :seats, :idempotency_key, :request_hash
    FROM flight, new_order
    RETURNING unit_price
    """
)


def _insert(
    session: Session,
    *,
    user_id: uuid.UUID,
    flight_id: uuid.UUID,
    seats: int,
    idempotency_key: str | None,
    request_hash: str | None,
) -> Booking:
    """Record a PENDING booking at today's price as a one-segment order with unnamed seats
    (decided straight to CONFIRMED unless the deployment holds bookings for payment too).
    Returns the booking as written, not loaded into the session."""
    booking_id, order_id = uuid.uuid4(), uuid.uuid4()
    parameters = {
        "flight_id": flight_id,
        "scheduled": FlightStatus.SCHEDULED.value,
        "order_id": order_id,
        "user_id": user_id,
        "hold": settings.bookings_hold,
        "seats": seats,
        "booking_id": booking_id,
        "idempotency_key": idempotency_key,
        "request_hash": request_hash,
        "cap": settings.seats_per_traveller_per_flight,
        "seated": sorted(SEATED),
    }

    def insert_under(locator: str) -> Decimal | None:
        price: Decimal | None = session.execute(
            INSERT_BOOKING, {**parameters, "locator": locator}
        ).scalar_one_or_none()
        if price is None:  # raise if the flight is not on sale or the cap is reached
            flight = _bookable_flight(session, flight_id=flight_id)
            check_seat_cap(session, user_id=user_id, flights=[flight], seats=seats)
        return price  # None: the locator was taken

    try:
        price = with_free_locator(insert_under)
    except IntegrityError as error:  # the key's unique constraint, should the lock ever miss
        session.rollback()
        raise RequestInProgress(
            "a request with this Idempotency-Key was handled concurrently; retry shortly",
            retry_after=settings.booking_retry_after_seconds,
        ) from error
    return Booking(
        id=booking_id,
        user_id=user_id,
        order_id=order_id,
        flight_id=flight_id,
        seats=seats,
        unit_price=price,
        total_price=price * seats,
        idempotency_key=idempotency_key,
        request_hash=request_hash,
    )


def to_public(booking: Booking, flight: Flight) -> BookingPublic:
    times = local_times(flight)  # first: reading an attribute loads an expired (committed) row
    summary = BookingFlight.model_validate({**flight.model_dump(), **times})
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
    session: Session, *, user_id: uuid.UUID, request: PageRequest
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
        .offset(request.offset)
        .limit(request.page_size)
    ).all()
    return [(booking, flight) for booking, flight in rows], count


def list_all_bookings(
    session: Session,
    *,
    request: PageRequest,
    flight_id: uuid.UUID | None = None,
    status: BookingStatus | None = None,
    username: str | None = None,
) -> tuple[list[tuple[Booking, Flight, User]], int]:
    """Every traveller's bookings (the administrators' view), newest first, filtered, and how
    many match in all. `username` matches a part of the account's name, in any case."""
    username = (username or "").strip()
    conditions = []
    if flight_id is not None:
        conditions.append(col(Booking.flight_id) == flight_id)
    if status is not None:
        conditions.append(col(Booking.status) == status.value)
    if username:
        conditions.append(contains_text(col(User.username), username))
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
        .offset(request.offset)
        .limit(request.page_size)
    ).all()
    return [(booking, flight, user) for booking, flight, user in rows], count


def to_admin_public(booking: Booking, flight: Flight, user: User) -> AdminBookingPublic:
    return AdminBookingPublic(
        **to_public(booking, flight).model_dump(), user_id=user.id, username=user.username
    )


def request_cancel(session: Session, *, booking_id: uuid.UUID, user: User) -> Booking:
    """Note that the owner wants the booking cancelled; once the caller commits, `booking.cancel`
    is sent to carry it out.

    Asking again is harmless (and sends again while the cancel is not done); a booking already
    CANCELLED or FAILED is answered as it is.
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
    if wants_cancel(booking):
        send_after_commit(session, CANCEL, booking.id)
    return booking
