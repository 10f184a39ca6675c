"""The `flights` table and its statuses."""

import uuid
from datetime import datetime
from decimal import Decimal
from enum import StrEnum

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    Column,
    Index,
    Integer,
    Numeric,
    Text,
    UniqueConstraint,
    text,
)
from sqlmodel import Field, SQLModel

from core.columns import check_in, created_column, tstz_column, updated_column


class FlightStatus(StrEnum):
    SCHEDULED = "SCHEDULED"
    CANCELLED = "CANCELLED"


class Flight(SQLModel, table=True):
    __tablename__ = "flights"
    __table_args__ = (
        CheckConstraint(
            "available_seats BETWEEN 0 AND total_seats", name="available_seats_in_range"
        ),
        CheckConstraint("total_seats > 0", name="total_seats_positive"),
        CheckConstraint(
            "seats_sold_outside BETWEEN 0 AND total_seats - available_seats",
            name="seats_sold_outside_in_range",
        ),
        CheckConstraint("price >= 0", name="price_not_negative"),
        CheckConstraint("source <> destination", name="source_not_destination"),
        CheckConstraint("arrival_ts > departure_ts", name="arrival_after_departure"),
        CheckConstraint(
            "departure_ts >= '2000-01-01T00:00Z' AND arrival_ts < '2100-01-01T00:00Z'",
            name="times_in_window",
        ),
        check_in("status", FlightStatus),
        UniqueConstraint("flight_number", "departure_ts", name="flights_number_departure_key"),
        Index("ix_flights_route_departure", "source", "destination", "departure_ts"),
        # The sweep's cancelled flights, to check that each one's bookings were settled.
        Index("ix_flights_cancelled", "updated_at", postgresql_where=text("status = 'CANCELLED'")),
    )

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    flight_number: str = Field(sa_column=Column(Text, nullable=False))
    source: str = Field(sa_column=Column(Text, nullable=False))
    destination: str = Field(sa_column=Column(Text, nullable=False))
    departure_ts: datetime = tstz_column(nullable=False)
    arrival_ts: datetime = tstz_column(nullable=False)
    total_seats: int
    available_seats: int
    # Seats sold before the flight came to Skyqueue (a CSV's or an admin's total - available):
    # set when the flight is created, kept by every edit and re-import, so that always
    # total_seats = available_seats + seats_sold_outside + seats of CONFIRMED bookings
    # (`core.invariants`).
    seats_sold_outside: int = Field(
        default=0, sa_column=Column(Integer, nullable=False, server_default=text("0"))
    )
    price: Decimal = Field(sa_column=Column(Numeric(10, 2), nullable=False))
    status: str = Field(
        default=FlightStatus.SCHEDULED,
        sa_column=Column(Text, nullable=False, server_default=FlightStatus.SCHEDULED.value),
    )
    version: int = Field(
        default=1, sa_column=Column(BigInteger, nullable=False, server_default=text("1"))
    )
    created_at: datetime = created_column()
    updated_at: datetime = updated_column()
