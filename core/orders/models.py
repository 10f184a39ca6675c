"""Orders: what a traveller buys. An order belongs to a user, has a short record locator, its
passengers and one booking (segment) per flight, all decided together. Its statuses:

PENDING (recorded, not decided) → HELD (seats taken, `expires_at` set) → CONFIRMED (paid,
ticketed); or FAILED (with a reason), EXPIRED (hold lapsed, seats returned), CANCELLED. An order
made through the seed's booking endpoint (`hold` false) goes from PENDING straight to CONFIRMED.
Every segment (`core.bookings.models.Booking`) carries its order's status.
"""

import uuid
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum

from sqlalchemy import BigInteger, Column, Identity, Index, Numeric, Text, UniqueConstraint, text
from sqlmodel import Field, SQLModel

from core.columns import check_in, created_column, tstz_column, updated_column
from core.users.models import User

# The table the foreign key points at must be known wherever an order is written.
__all__ = [
    "CancellationQuote",
    "Order",
    "OrderStatus",
    "Passenger",
    "PassengerType",
    "Ticket",
    "User",
]


class OrderStatus(StrEnum):
    PENDING = "PENDING"
    HELD = "HELD"
    CONFIRMED = "CONFIRMED"
    FAILED = "FAILED"
    EXPIRED = "EXPIRED"
    CANCELLED = "CANCELLED"


class Order(SQLModel, table=True):
    __tablename__ = "orders"
    __table_args__ = (
        check_in("status", OrderStatus),
        UniqueConstraint("locator", name="orders_locator_key"),
        UniqueConstraint("user_id", "idempotency_key", name="orders_user_idempotency_key"),
        Index("ix_orders_user_created", "user_id", "created_at"),
        # The sweep's holds past their expiry.
        Index("ix_orders_held_expiry", "expires_at", postgresql_where=text("status = 'HELD'")),
    )

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    # Arrival order, as for bookings: first come, first served.
    seq: int | None = Field(
        default=None, sa_column=Column(BigInteger, Identity(always=True), nullable=False)
    )
    user_id: uuid.UUID = Field(foreign_key="users.id", nullable=False)
    locator: str = Field(sa_column=Column(Text, nullable=False))
    contact_email: str | None = Field(default=None, sa_column=Column(Text))
    status: str = Field(
        default=OrderStatus.PENDING,
        sa_column=Column(Text, nullable=False, server_default=OrderStatus.PENDING.value),
    )
    # Decided into HELD (to be paid before `expires_at`) rather than straight to CONFIRMED.
    hold: bool = Field(default=False, sa_column_kwargs={"server_default": text("false")})
    expires_at: datetime | None = tstz_column()
    total_price: Decimal = Field(sa_column=Column(Numeric(12, 2), nullable=False))
    failure_reason: str | None = Field(default=None, sa_column=Column(Text))
    payment_ref: str | None = Field(default=None, sa_column=Column(Text))
    idempotency_key: str | None = Field(default=None, sa_column=Column(Text))
    request_hash: str | None = Field(default=None, sa_column=Column(Text))
    decided_at: datetime | None = tstz_column()
    paid_at: datetime | None = tstz_column()
    created_at: datetime = created_column()
    updated_at: datetime = updated_column()


class PassengerType(StrEnum):
    ADULT = "ADULT"
    CHILD = "CHILD"
    INFANT = "INFANT"  # on an adult's lap: takes no seat


class Passenger(SQLModel, table=True):
    __tablename__ = "passengers"
    __table_args__ = (
        check_in("type", PassengerType),
        UniqueConstraint("order_id", "position", name="passengers_order_position_key"),
    )

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    order_id: uuid.UUID = Field(foreign_key="orders.id", nullable=False, ondelete="CASCADE")
    position: int
    given_name: str = Field(sa_column=Column(Text, nullable=False))
    family_name: str = Field(sa_column=Column(Text, nullable=False))
    type: str = Field(sa_column=Column(Text, nullable=False))
    date_of_birth: date | None = None


class Ticket(SQLModel, table=True):
    """One ticket per passenger and segment of a paid order."""

    __tablename__ = "tickets"
    __table_args__ = (
        UniqueConstraint("number", name="tickets_number_key"),
        UniqueConstraint("passenger_id", "booking_id", name="tickets_passenger_booking_key"),
    )

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    order_id: uuid.UUID = Field(foreign_key="orders.id", nullable=False, ondelete="CASCADE")
    passenger_id: uuid.UUID = Field(foreign_key="passengers.id", nullable=False)
    booking_id: uuid.UUID = Field(foreign_key="bookings.id", nullable=False)
    number: str = Field(sa_column=Column(Text, nullable=False))
    created_at: datetime = created_column()


class CancellationQuote(SQLModel, table=True):
    """What cancelling an order would refund, offered until `expires_at` and used at most once."""

    __tablename__ = "cancellation_quotes"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    order_id: uuid.UUID = Field(foreign_key="orders.id", nullable=False, ondelete="CASCADE")
    refund_amount: Decimal = Field(sa_column=Column(Numeric(12, 2), nullable=False))
    expires_at: datetime = tstz_column(nullable=False)
    used_at: datetime | None = tstz_column()
    refunded_at: datetime | None = tstz_column()
    created_at: datetime = created_column()
