"""The `bookings` table: one segment of an order (its passengers' seats on one flight), with the
order's status, and the reasons a booking fails."""

import uuid
from datetime import datetime
from decimal import Decimal
from enum import StrEnum

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    Column,
    Identity,
    Index,
    Numeric,
    Text,
    UniqueConstraint,
    text,
)
from sqlmodel import Field, SQLModel

from core.columns import check_in, created_column, tstz_column, updated_column
from core.flights.models import Flight
from core.orders.models import Order
from core.users.models import User

# The tables the foreign keys point at must be known wherever a booking is written.
__all__ = ["Booking", "BookingStatus", "Flight", "Order", "User"]


class BookingStatus(StrEnum):
    """The order's status, carried by each of its segments."""

    PENDING = "PENDING"
    HELD = "HELD"
    CONFIRMED = "CONFIRMED"
    CANCELLED = "CANCELLED"
    FAILED = "FAILED"
    EXPIRED = "EXPIRED"


# Statuses whose seats are taken from the flight.
SEATED = (BookingStatus.HELD.value, BookingStatus.CONFIRMED.value)


class Booking(SQLModel, table=True):
    __tablename__ = "bookings"
    __table_args__ = (
        CheckConstraint("seats BETWEEN 1 AND 9", name="seats_in_range"),
        check_in("status", BookingStatus),
        UniqueConstraint("user_id", "idempotency_key", name="bookings_user_idempotency_key"),
        # The allocator's queue: a flight's undecided bookings that it decides (those of orders
        # whose lowest flight id it is), in arrival order.
        Index(
            "ix_bookings_pending_by_flight",
            "flight_id",
            "seq",
            postgresql_where=text("status = 'PENDING' AND decides_order"),
        ),
        Index("ix_bookings_order", "order_id"),
        Index("ix_bookings_user_created", "user_id", "created_at"),
        # The admin listing, newest first: all bookings, and one flight's.
        Index("ix_bookings_created", "created_at", "seq"),
        Index("ix_bookings_flight_created", "flight_id", "created_at", "seq"),
        # A flight's bookings that still hold or may take seats: what a flight's cancellation
        # settles, and how the sweep tells a cancelled flight whose settlement was lost.
        Index(
            "ix_bookings_live_by_flight",
            "flight_id",
            postgresql_where=text("status IN ('PENDING', 'HELD', 'CONFIRMED')"),
        ),
    )

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    # Arrival order: assigned by the database at insert, used for first-come-first-served.
    seq: int | None = Field(
        default=None, sa_column=Column(BigInteger, Identity(always=True), nullable=False)
    )
    user_id: uuid.UUID = Field(foreign_key="users.id", nullable=False)
    order_id: uuid.UUID = Field(foreign_key="orders.id", nullable=False)
    flight_id: uuid.UUID = Field(foreign_key="flights.id", nullable=False)
    # The segment on the order's lowest flight id: that flight's allocator decides the whole
    # order (`core.bookings.allocation`).
    decides_order: bool = Field(default=True, sa_column_kwargs={"server_default": text("true")})
    seats: int
    status: str = Field(
        default=BookingStatus.PENDING,
        sa_column=Column(Text, nullable=False, server_default=BookingStatus.PENDING.value),
    )
    # What the traveller was shown is what they pay, whatever the flight's price later becomes.
    unit_price: Decimal = Field(sa_column=Column(Numeric(10, 2), nullable=False))
    total_price: Decimal = Field(sa_column=Column(Numeric(12, 2), nullable=False))
    payment_ref: str | None = Field(default=None, sa_column=Column(Text))
    failure_reason: str | None = Field(default=None, sa_column=Column(Text))
    idempotency_key: str | None = Field(default=None, sa_column=Column(Text))
    request_hash: str | None = Field(default=None, sa_column=Column(Text))
    cancel_requested_at: datetime | None = tstz_column()
    decided_at: datetime | None = tstz_column()
    created_at: datetime = created_column()
    updated_at: datetime = updated_column()


SOLD_OUT = "sold out"


FLIGHT_DEPARTED = "flight departed"


FLIGHT_CANCELLED = "flight cancelled"


SEAT_LIMIT = "seat limit per traveller"
