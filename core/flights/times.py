"""A flight's times as travellers read them: each at its own airport's local time."""

from datetime import datetime, timedelta
from typing import TypedDict

from sqlalchemy import case, func, text
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import Session, col

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
    return local_times_of(flight.source, flight.destination, flight.departure_ts, flight.arrival_ts)


def local_times_of(
    source: str, destination: str, departure: datetime, arrival: datetime
) -> LocalTimes:
    """A departure from `source` and an arrival at `destination` at each airport's time."""
    departure_zone = airport_timezone(source)
    arrival_zone = airport_timezone(destination)
    return {
        "departure_ts": departure.astimezone(departure_zone),
        "arrival_ts": arrival.astimezone(arrival_zone),
        "departure_tz": departure_zone.key,
        "arrival_tz": arrival_zone.key,
    }


# The farthest any time zone is from UTC (UTC+14 in Kiribati, UTC-12 at sea).
ZONE_REACH = timedelta(hours=14)

# Each airport flights depart from, found by walking the (source, destination, departure)
# index one code at a time rather than reading every flight.
DEPARTURE_AIRPORTS = text(
    """
    WITH RECURSIVE codes AS (
        SELECT min(source) AS code FROM flights
        UNION ALL
        SELECT (SELECT min(source) FROM flights WHERE source > codes.code)
        FROM codes WHERE codes.code IS NOT NULL
    )
    SELECT code FROM codes WHERE code IS NOT NULL
    """
)


def local_departure(session: Session) -> ColumnElement[datetime]:
    """SQL for a flight's departure as the wall-clock time at its departure airport (a
    timestamp without zone), for ordering and filtering by the times people read. The zones
    come from the airport reference data, so the expression names the airports in use."""
    codes = session.execute(DEPARTURE_AIRPORTS).scalars().all()
    if not codes:
        return func.timezone("UTC", col(Flight.departure_ts))
    zones = {code: airport_timezone(code).key for code in codes}
    return func.timezone(case(zones, value=col(Flight.source)), col(Flight.departure_ts))
