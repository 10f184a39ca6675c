"""Itineraries: the direct flights and the connections that take a traveller from one place to
another, built a change of plane at a time.

From the first flights (leaving any origin airport in the departure window) each further layer
asks PostgreSQL once for the flights that leave the airports just reached (or another airport of
the same city) between the shortest connection and the longest layover after the earliest and
latest landing, and keeps the pairs that connect. A path never visits an airport twice and never
passes through an origin or a destination on the way; every flight has the seats wanted.
"""

import bisect
import uuid
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

from sqlalchemy import select
from sqlmodel import Session, col

from core.config import settings
from core.flights.models import Flight, FlightStatus
from core.search.places import min_connection_minutes, same_city


@dataclass(frozen=True)
class Leg:
    """One flight as itinerary search reads it (columns, not ORM objects: thousands are read)."""

    id: uuid.UUID
    flight_number: str
    source: str
    destination: str
    departure_ts: datetime
    arrival_ts: datetime
    price: Decimal
    available_seats: int


Path = tuple[Leg, ...]


def path_price(path: Path) -> Decimal:
    """What one passenger pays: the sum of the flights' prices."""
    return sum((leg.price for leg in path), Decimal(0))


def path_minutes(path: Path) -> int:
    """From the first departure to the last landing."""
    return int((path[-1].arrival_ts - path[0].departure_ts).total_seconds() // 60)


COLUMNS = (
    col(Flight.id),
    col(Flight.flight_number),
    col(Flight.source),
    col(Flight.destination),
    col(Flight.departure_ts),
    col(Flight.arrival_ts),
    col(Flight.price),
    col(Flight.available_seats),
)


def _legs(
    session: Session,
    *,
    sources: Iterable[str],
    destinations: Iterable[str] | None,
    start: datetime,
    end: datetime,
    seats: int,
    now: datetime,
) -> list[Leg]:
    """Bookable flights from `sources` (to `destinations`, or anywhere) departing in
    [start, end), sorted by departure."""
    conditions = [
        col(Flight.source).in_(sorted(set(sources))),
        col(Flight.departure_ts) >= max(start, now),
        col(Flight.departure_ts) < end,
        col(Flight.status) == FlightStatus.SCHEDULED.value,
        col(Flight.available_seats) >= seats,
    ]
    if destinations is not None:
        conditions.append(col(Flight.destination).in_(sorted(set(destinations))))
    query = select(*COLUMNS).where(*conditions).order_by(col(Flight.departure_ts))
    return [Leg(*row) for row in session.execute(query)]


def find_paths(
    session: Session,
    *,
    origins: Sequence[str],
    destinations: Sequence[str],
    start: datetime,
    end: datetime,
    seats: int,
    max_stops: int,
    now: datetime,
) -> list[Path]:
    """Every itinerary from `origins` to `destinations` whose first flight departs in
    [start, end), with at most `max_stops` changes of plane."""
    ends, starts = set(destinations), set(origins)
    last_layer = max_stops == 0
    first = _legs(
        session,
        sources=origins,
        destinations=destinations if last_layer else None,
        start=start,
        end=end,
        seats=seats,
        now=now,
    )
    found: list[Path] = []
    frontier: list[Path] = []
    for leg in first:
        if leg.destination in ends:
            found.append((leg,))
        elif leg.destination not in starts:
            frontier.append((leg,))
    for stop in range(1, max_stops + 1):
        if not frontier:
            break
        last_layer = stop == max_stops
        extended = _connect(
            session, frontier, destinations=ends if last_layer else None, seats=seats, now=now
        )
        frontier = []
        for path in extended:
            if path[-1].destination in ends:
                found.append(path)
            elif not last_layer and path[-1].destination not in starts:
                frontier.append(path)
    return found


def _connect(
    session: Session,
    paths: list[Path],
    *,
    destinations: set[str] | None,
    seats: int,
    now: datetime,
) -> list[Path]:
    """Each path extended by every flight it can connect to (one query for all of them)."""
    longest = timedelta(minutes=settings.max_layover_minutes)
    landings = [path[-1].arrival_ts for path in paths]
    airports = {code for path in paths for code in same_city(path[-1].destination)}
    onward = _legs(
        session,
        sources=airports,
        destinations=destinations,
        start=min(landings),
        end=max(landings) + longest + timedelta(seconds=1),
        seats=seats,
        now=now,
    )
    by_airport: dict[str, list[Leg]] = defaultdict(list)
    for leg in onward:
        by_airport[leg.source].append(leg)
    departures = {code: [leg.departure_ts for leg in legs] for code, legs in by_airport.items()}
    extended: list[Path] = []
    for path in paths:
        landed = path[-1]
        visited = {path[0].source, *(leg.destination for leg in path)}
        for airport in same_city(landed.destination):
            if airport != landed.destination and airport in visited:
                continue
            earliest = landed.arrival_ts + timedelta(
                minutes=min_connection_minutes(landed.destination, airport)
            )
            legs = by_airport.get(airport, [])
            first = bisect.bisect_left(departures.get(airport, []), earliest)
            for leg in legs[first:]:
                if leg.departure_ts > landed.arrival_ts + longest:
                    break
                if leg.destination not in visited:
                    extended.append((*path, leg))
    return extended
