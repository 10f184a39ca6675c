"""What search answers: flights in local times, pages of them, price calendar days, airports."""

from datetime import date as date_
from datetime import datetime
from decimal import Decimal

from pydantic import field_serializer
from sqlmodel import Field, SQLModel

from core.currency import Priced
from core.flights.schemas import LocalFlight
from core.pagination import Page


class FlightResult(LocalFlight):
    """A flight as search shows it: times in each airport's own zone, with the zone's name."""

    duration_minutes: int
    price: Decimal
    available_seats: int
    source_city: str = Field(description="the departure airport's city")
    destination_city: str = Field(description="the arrival airport's city")

    @field_serializer("departure_ts", "arrival_ts", when_used="json")
    def _with_offset(self, value: datetime) -> str:
        """Always `+00:00`, never `Z`, so every time reads the same way."""
        return value.isoformat()


class FlexDay(Priced):
    """One day of a price calendar (a local date at the departure airport)."""

    date: date_
    lowest_price: Decimal | None = Field(description="null when no flight that day")
    flights: int


class SearchResults(Page[FlightResult]):
    """Outbound flights (`data`), plus the return flights and price calendars when asked for."""

    return_flights: Page[FlightResult] | None = Field(
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
