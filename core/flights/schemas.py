"""What administrators send and receive about flights."""

import uuid
from datetime import datetime
from decimal import Decimal

from pydantic import field_validator, model_validator
from sqlmodel import Field, SQLModel

from core.currency import Priced
from core.flights.models import FlightStatus
from core.flights.rules import (
    FLIGHT_NUMBER_PATTERN,
    MAX_SEATS,
    MIN_SEATS,
    check_airport,
    check_available,
    check_flight_time,
    check_route,
    check_times,
)


class FlightBase(SQLModel):
    flight_number: str = Field(
        description="airline code and number, e.g. BA117",
        schema_extra={"pattern": FLIGHT_NUMBER_PATTERN},
    )
    source: str = Field(
        min_length=3, max_length=3, description="IATA code of the departure airport"
    )
    destination: str = Field(
        min_length=3, max_length=3, description="IATA code of the arrival airport"
    )
    departure_ts: datetime = Field(description="with a UTC offset, e.g. 2027-03-01T09:30:00+01:00")
    arrival_ts: datetime = Field(description="with a UTC offset; after the departure")
    total_seats: int = Field(ge=MIN_SEATS, le=MAX_SEATS)
    price: Decimal = Field(ge=0, max_digits=10, decimal_places=2)

    @field_validator("flight_number", "source", "destination", mode="before")
    @classmethod
    def _upper(cls, value: object) -> object:
        return value.strip().upper() if isinstance(value, str) else value

    @field_validator("source", "destination")
    @classmethod
    def _known_airport(cls, code: str) -> str:
        return check_airport(code)

    @field_validator("departure_ts", "arrival_ts")
    @classmethod
    def _flight_time(cls, value: datetime) -> datetime:
        return check_flight_time(value)

    @model_validator(mode="after")
    def _consistent(self) -> "FlightBase":
        check_route(self.source, self.destination)
        check_times(self.departure_ts, self.arrival_ts)
        return self


class FlightCreate(FlightBase):
    """An admin's new flight; `available_seats` defaults to `total_seats`."""

    available_seats: int | None = Field(default=None, ge=0, le=MAX_SEATS)

    @model_validator(mode="after")
    def _available_within_total(self) -> "FlightCreate":
        check_available(self.available_seats, self.total_seats)
        return self


class FlightUpdate(SQLModel):
    """An admin's edit: any of price, times and total seats; absent fields stay as they are.

    Total seats never go below the seats already sold (checked atomically in
    `core.flights.service`).
    """

    model_config = {"extra": "forbid"}

    price: Decimal | None = Field(default=None, ge=0, max_digits=10, decimal_places=2)
    departure_ts: datetime | None = Field(default=None, description="with a UTC offset")
    arrival_ts: datetime | None = Field(default=None, description="with a UTC offset")
    total_seats: int | None = Field(default=None, ge=MIN_SEATS, le=MAX_SEATS)

    @field_validator("departure_ts", "arrival_ts")
    @classmethod
    def _flight_time(cls, value: datetime | None) -> datetime | None:
        return None if value is None else check_flight_time(value)

    @model_validator(mode="after")
    def _something_to_change(self) -> "FlightUpdate":
        if all(getattr(self, name) is None for name in type(self).model_fields):
            raise ValueError("give at least one of price, departure_ts, arrival_ts, total_seats")
        if self.departure_ts and self.arrival_ts:
            check_times(self.departure_ts, self.arrival_ts)
        return self


class LocalFlight(Priced):
    """A flight's identity and route, with each time in its airport's local time and the zone
    (`core.flights.times.local_times`)."""

    id: uuid.UUID
    flight_number: str
    source: str
    destination: str
    departure_ts: datetime = Field(description="local time at the departure airport, with offset")
    arrival_ts: datetime = Field(description="local time at the arrival airport, with offset")
    departure_tz: str = Field(description="IANA time zone of the departure airport")
    arrival_tz: str = Field(description="IANA time zone of the arrival airport")


class FlightPublic(LocalFlight):
    """A flight as administrators see it."""

    total_seats: int
    available_seats: int
    seats_sold_outside: int = Field(
        description="seats sold before the flight came here (total − available at creation)"
    )
    price: Decimal
    status: FlightStatus
    version: int
    created_at: datetime
    updated_at: datetime
