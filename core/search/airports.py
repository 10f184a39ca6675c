"""Airport reference data from the maintained `airportsdata` package: IATA codes, names,
cities and time zones."""

from functools import cache
from typing import TypedDict
from zoneinfo import ZoneInfo

import airportsdata


class Airport(TypedDict):
    iata: str
    icao: str
    name: str
    city: str
    subd: str
    country: str
    lat: float
    lon: float
    tz: str


@cache
def airports() -> dict[str, Airport]:
    """Every airport with an IATA code, by code (loaded once per process)."""
    return airportsdata.load("IATA")  # type: ignore[return-value]


def get_airport(code: str) -> Airport | None:
    return airports().get(code.upper())


def is_known_airport(code: str) -> bool:
    return code.upper() in airports()


def airport_timezone(code: str) -> ZoneInfo:
    """The IANA time zone of a known airport (KeyError for an unknown code)."""
    return ZoneInfo(airports()[code.upper()]["tz"])
