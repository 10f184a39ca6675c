"""What clients send and receive about bookings."""

import uuid
from datetime import datetime
from decimal import Decimal

from sqlmodel import Field, SQLModel

from core.currency import Priced

MIN_BOOKING_SEATS = 1


MAX_BOOKING_SEATS = 9


class BookingCreate(SQLModel):
    flight_id: uuid.UUID
    seats: int = Field(
        ge=MIN_BOOKING_SEATS, le=MAX_BOOKING_SEATS, description="1 to 9 seats in one booking"
    )


class BookingAccepted(SQLModel):
    """The answer to a booking request: the job's id and where to poll it."""

    id: uuid.UUID
    status: str
    poll_url: str


class BookingFlight(SQLModel):
    """The flight of a booking, with each time at its airport's UTC offset."""

    id: uuid.UUID
    flight_number: str
    source: str
    destination: str
    departure_ts: datetime
    arrival_ts: datetime


class BookingPublic(Priced):
    id: uuid.UUID
    status: str
    seats: int
    unit_price: Decimal
    total_price: Decimal
    failure_reason: str | None
    flight: BookingFlight
    cancel_requested_at: datetime | None
    created_at: datetime
    updated_at: datetime
    decided_at: datetime | None


class AdminBookingPublic(BookingPublic):
    """A booking as operations staff see it: whose it is, too."""

    user_id: uuid.UUID
    username: str
