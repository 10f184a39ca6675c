"""What search answers: flights in local times, pages of them, price calendar days, airports."""

import uuid
from datetime import date as date_
from datetime import datetime
from decimal import Decimal

from pydantic import field_serializer
from sqlmodel import Field, SQLModel

from core.currency import Priced


class FlightResult(Priced):
    """A flight as search shows it: times in each airport's own zone, with the zone's name."""

    id: uuid.UUID
    flight_number: str
    source: str
    destination: str
    departure_ts: datetime = Field(description="local time at the departure airport, with offset")
    arrival_ts: datetime = Field(description="local time at the arrival airport, with offset")
    departure_tz: str = Field(description="IANA time zone of the departure airport")
    arrival_tz: str = Field(description="IANA time zone of the arrival airport")
    duration_minutes: int
    price: Decimal
    available_seats: int

    @field_serializer("departure_ts", "arrival_ts", when_used="json")
    def _with_offset(self, value: datetime) -> str:
        """Always `+00:00`, never `Z`, so every time reads the same way."""
        return value.isoformat()


class FlightResultsPage(SQLModel):
    data: list[FlightResult]
    count: int = Field(description="matching flights over all pages")
    page: int
    page_size: int


class FlexDay(Priced):
    """One day of a price calendar (a local date at the departure airport)."""

    date: date_
    lowest_price: Decimal | None = Field(description="null when no flight that day")
    flights: int


class SearchResults(FlightResultsPage):
    """Outbound flights (`data`), plus the return flights and price calendars when asked for."""

    return_flights: FlightResultsPage | None = Field(
        default=None, description="flights back (destination → source) on return_date"
    )
    flex: list[FlexDay] | None = Field(
        default=None, description="outbound: each day within ±flex days of date (none in the past)"
    )
    return_flex: list[FlexDay] | None = Field(
        default=None, description="return: each day within ±flex days of return_date"
    )


class AirportPublic(SQLModel):
    code: str = Field(description="IATA code")
    name: str
    city: str
    country: str = Field(description="ISO 3166-1 alpha-2 country code")
    timezone: str = Field(description="IANA time zone")
