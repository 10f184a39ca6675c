"""From paths of flights to what a traveller compares: itineraries with their layovers, prices
for the party and airlines, filtered, ranked and paged.

`best` ranks by a blend of price and time with a cost per change of plane: each itinerary's
price over the cheapest one's, plus its duration over the shortest one's, plus half a point per
stop (so a direct flight twice the price of the cheapest connection can still come first).
"""

from collections.abc import Callable
from datetime import datetime
from decimal import Decimal
from itertools import pairwise
from typing import Any

from core.flights.times import local_times_of
from core.pagination import Page
from core.search.airports import get_airport
from core.search.itineraries import Leg, Path, path_minutes, path_price
from core.search.places import airline_code, airline_name
from core.search.query import Filters, SortOrder
from core.search.schemas import Airline, FlightSegment, Itinerary, Layover

STOP_WEIGHT = 0.5


def city(code: str) -> str:
    airport = get_airport(code)
    return airport["city"] if airport else ""


def minutes(start: datetime, end: datetime) -> int:
    return int((end - start).total_seconds() // 60)


def airline(code: str) -> Airline:
    return Airline(code=code, name=airline_name(code))


def segment(leg: Leg) -> FlightSegment:
    return FlightSegment(
        id=leg.id,
        flight_number=leg.flight_number,
        source=leg.source,
        destination=leg.destination,
        **local_times_of(leg.source, leg.destination, leg.departure_ts, leg.arrival_ts),
        duration_minutes=minutes(leg.departure_ts, leg.arrival_ts),
        price=leg.price,
        available_seats=leg.available_seats,
        source_city=city(leg.source),
        destination_city=city(leg.destination),
        airline=airline(airline_code(leg.flight_number)),
    )


def itinerary(path: Path, *, seats: int) -> Itinerary:
    price = path_price(path)
    codes = list(dict.fromkeys(airline_code(leg.flight_number) for leg in path))
    return Itinerary(
        id=",".join(str(leg.id) for leg in path),
        segments=[segment(leg) for leg in path],
        stops=len(path) - 1,
        layovers=[
            Layover(
                airport=landed.destination,
                city=city(landed.destination),
                minutes=minutes(landed.arrival_ts, onward.departure_ts),
                departure_airport=onward.source,
            )
            for landed, onward in pairwise(path)
        ],
        duration_minutes=path_minutes(path),
        price=price,
        total_price=price * seats,
        available_seats=min(leg.available_seats for leg in path),
        airlines=[airline(code) for code in codes],
    )


def passes(path: Path, filters: Filters) -> bool:
    """Whether the path meets every filter (times at each airport's own clock)."""
    if len(path) - 1 > filters.max_stops:
        return False
    first, last = path[0], path[-1]
    if filters.departure or filters.arrival:
        times = local_times_of(first.source, last.destination, first.departure_ts, last.arrival_ts)
        if filters.departure and not filters.departure.holds(times["departure_ts"]):
            return False
        if filters.arrival and not filters.arrival.holds(times["arrival_ts"]):
            return False
    if filters.max_price is not None and path_price(path) > filters.max_price:
        return False
    if filters.max_duration is not None and path_minutes(path) > filters.max_duration:
        return False
    codes = {airline_code(leg.flight_number) for leg in path}
    if filters.airlines and not codes <= set(filters.airlines):
        return False
    return not codes & set(filters.exclude_airlines)


def ranked(paths: list[Path], sort: SortOrder) -> list[Path]:
    """Paths in the order asked, ties broken by departure then flight ids (pages never
    overlap)."""

    def tail(path: Path) -> tuple[Any, ...]:
        return (path[0].departure_ts, tuple(str(leg.id) for leg in path))

    keys: dict[SortOrder, Callable[[Path], tuple[Any, ...]]] = {
        SortOrder.PRICE: lambda path: (path_price(path), path_minutes(path), *tail(path)),
        SortOrder.DEPARTURE: lambda path: (path[0].departure_ts, path_price(path), *tail(path)),
        SortOrder.DURATION: lambda path: (path_minutes(path), path_price(path), *tail(path)),
    }
    if sort == SortOrder.BEST and paths:
        cheapest = float(min(path_price(path) for path in paths)) or 1.0
        shortest = min(path_minutes(path) for path in paths) or 1

        def score(path: Path) -> tuple[Any, ...]:
            blend = (
                float(path_price(path)) / cheapest
                + path_minutes(path) / shortest
                + STOP_WEIGHT * (len(path) - 1)
            )
            return (round(blend, 9), *tail(path))

        keys[SortOrder.BEST] = score
    return sorted(paths, key=keys.get(sort, keys[SortOrder.PRICE]))


def page_of(paths: list[Path], *, page: int, page_size: int, seats: int) -> Page[Itinerary]:
    chosen = paths[(page - 1) * page_size : page * page_size]
    return Page[Itinerary](
        data=[itinerary(path, seats=seats) for path in chosen],
        count=len(paths),
        page=page,
        page_size=page_size,
    )


def cheapest(paths: list[Path]) -> Decimal | None:
    return min((path_price(path) for path in paths), default=None)
