"""A flight's times as travellers read them: each at its own airport's local time."""

from datetime import datetime
from typing import TypedDict

from core.flights.models import Flight
from core.search.airports import airport_timezone


class LocalTimes(TypedDict):
    departure_ts: datetime
    arrival_ts: datetime
    departure_tz: str
    arrival_tz: str


def local_times(flight: Flight) -> LocalTimes:
    """The flight's departure and arrival (stored in UTC) at the offsets of its departure and
    arrival airports, with the airports' IANA zones, so that a client shows and edits local
    times without looking the zones up."""
    departure_zone = airport_timezone(flight.source)
    arrival_zone = airport_timezone(flight.destination)
    return {
        "departure_ts": flight.departure_ts.astimezone(departure_zone),
        "arrival_ts": flight.arrival_ts.astimezone(arrival_zone),
        "departure_tz": departure_zone.key,
        "arrival_tz": arrival_zone.key,
    }
