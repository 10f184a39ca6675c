"""Small factories for tests: users (and their tokens), flights, bookings."""

import uuid
from datetime import UTC, datetime, timedelta
from decimal import Decimal

from sqlmodel import Session

from core.bookings.models import SEATED, Booking, BookingStatus
from core.flights.models import Flight
from core.orders.locators import insert_with_locator
from core.orders.models import Order
from core.users.models import User
from core.users.security import create_access_token, hash_password


def make_user(
    session: Session,
    *,
    username: str | None = None,
    admin: bool = False,
    password: str = "correct-horse-9",
) -> User:
    user = User(
        username=username or f"user_{uuid.uuid4().hex[:8]}",
        hashed_password=hash_password(password),
        is_admin=admin,
    )
    session.add(user)
    session.commit()
    return user


def auth_headers(user: User) -> dict[str, str]:
    return {"Authorization": f"Bearer {create_access_token(user)}"}


def make_flight(
    session: Session,
    *,
    seats: int = 50,
    sold: int = 0,
    source: str = "LHR",
    destination: str = "JFK",
    price: str = "199.00",
    departure: datetime | None = None,
    duration: timedelta = timedelta(hours=8),
    flight_number: str | None = None,
) -> Flight:
    departure = departure or datetime.now(UTC) + timedelta(days=30)
    flight = Flight(
        flight_number=flight_number or f"SQ{uuid.uuid4().int % 10000}",
        source=source,
        destination=destination,
        departure_ts=departure,
        arrival_ts=departure + duration,
        total_seats=seats,
        # `sold`: seats sold before the flight came here (an admin's form or a CSV file says
        # so with available_seats below total_seats).
        available_seats=seats - sold,
        seats_sold_outside=sold,
        price=Decimal(price),
    )
    session.add(flight)
    session.commit()
    return flight


def make_booking(
    session: Session,
    *,
    user: User,
    flight: Flight,
    seats: int = 1,
    created_at: datetime | None = None,
    status: str = BookingStatus.PENDING,
    failure_reason: str | None = None,
) -> Booking:
    """A one-segment order's booking at the flight's price, committed, with no message sent for
    it: PENDING, or with the outcome given as the allocator leaves it (a CONFIRMED one holds its
    seats)."""
    order = insert_with_locator(
        session, Order(user_id=user.id, locator="", total_price=flight.price * seats)
    )
    booking = Booking(
        user_id=user.id,
        order_id=order.id,
        flight_id=flight.id,
        seats=seats,
        unit_price=flight.price,
        total_price=flight.price * seats,
        status=status,
        failure_reason=failure_reason,
    )
    if created_at is not None:
        booking.created_at = created_at
    session.add(booking)
    if status in SEATED:
        flight.available_seats -= seats
        session.add(flight)
    session.commit()
    return booking


def set_status(
    session: Session, booking: Booking, status: str, reason: str | None = None
) -> Booking:
    """Give a booking another outcome, moving its seats as the allocator and the cancellation
    would: confirming takes them from its flight, leaving CONFIRMED gives them back."""
    change = (booking.status in SEATED) - (status in SEATED)
    if change:
        flight = session.get_one(Flight, booking.flight_id)
        flight.available_seats += change * booking.seats
        session.add(flight)
    booking.status = status
    booking.failure_reason = reason
    session.add(booking)
    session.commit()
    return booking
