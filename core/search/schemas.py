"""What search answers: flights in local times, pages of them, price calendar days, airports."""

from datetime import date as date_
from datetime import datetime
from decimal import Decimal
from typing import Literal

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


class Airline(SQLModel):
    code: str = Field(description="IATA designator, e.g. BA")
    name: str = Field(description="from the reference data; the code itself when unknown")


class FlightSegment(FlightResult):
    """One flight of an itinerary, with its airline."""

    airline: Airline


class Layover(SQLModel):
    """The wait between two flights of an itinerary."""

    airport: str = Field(description="where the traveller lands")
    city: str
    minutes: int
    departure_airport: str = Field(
        description="where the next flight leaves: another airport of the same city when the "
        "traveller must change airports"
    )


class Itinerary(Priced):
    """A way from the origin to the destination: one flight, or several with layovers."""

    id: str = Field(description="the flights' ids in travel order, comma-separated")
    segments: list[FlightSegment]
    stops: int = Field(description="changes of plane")
    layovers: list[Layover]
    duration_minutes: int = Field(description="from the first departure to the last arrival")
    price: Decimal = Field(description="per passenger: the sum of the flights' prices")
    total_price: Decimal = Field(description="for all the passengers searched for")
    available_seats: int = Field(description="seats left on the fullest flight")
    airlines: list[Airline]
    round_trip_price: Decimal | None = Field(
        default=None,
        description="per passenger, with the cheapest itinerary of the other direction",
    )


class FlexDay(Priced):
    """One day of a price calendar (a local date at the departure airport)."""

    date: date_
    lowest_price: Decimal | None = Field(description="null when no flight that day")
    flights: int


class SearchResults(Page[Itinerary]):
    """Outbound itineraries (`data`), plus the return itineraries and price calendars when
    asked for."""

    return_flights: Page[Itinerary] | None = Field(
        default=None, description="itineraries back (destination → source) on return_date"
    )
    flex: list[FlexDay] | None = Field(
        default=None, description="outbound: each day within ±flex days of date (none in the past)"
    )
    return_flex: list[FlexDay] | None = Field(
        default=None, description="return: each day within ±flex days of return_date"
    )


class AirportPublic(SQLModel):
    code: str = Field(description="IATA code")
    kind: Literal["airport", "city"] = Field(
        default="airport", description="city: every airport of a city (LON), named All airports"
    )
    name: str
    city: str
    country: str = Field(description="ISO 3166-1 alpha-2 country code")
    timezone: str = Field(description="IANA time zone")


class MonthDay(Priced):
    """One day of a month's price calendar (a local date at the origin)."""

    date: date_
    direct_price: Decimal | None = Field(description="the cheapest direct flight, per passenger")
    connecting_price: Decimal | None = Field(description="the cheapest connection, per passenger")


class MultiCityResults(SQLModel):
    """One page of itineraries for each slice of a multi-city trip, in travel order."""

    slices: list[Page[Itinerary]]
