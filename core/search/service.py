"""Flight search: the query checked and normalised, then the bookable flights of a route on a local
date, sorted and paged, with the return flights and price calendars when asked for.
"""

import logging
import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, col, select

from core.errors import InvalidRequest, NotFound
from core.flights.models import Flight, FlightStatus
from core.flights.times import local_times
from core.pagination import Page
from core.search.airports import airport_timezone, get_airport
from core.search.calendar import bookable, local_day, price_calendar
from core.search.schemas import FlexDay, FlightResult, SearchResults

log = logging.getLogger(__name__)


MAX_FLEX_DAYS = 3


MAX_DAYS_AHEAD = 3660  # dates further out are refused: no one sells seats ten years ahead


class SortOrder(StrEnum):
    PRICE = "price"
    DEPARTURE = "departure"
    DURATION = "duration"


Day = date


@dataclass(frozen=True)
class SearchQuery:
    source: str
    destination: str
    date: Day
    seats: int = 1
    sort: SortOrder = SortOrder.PRICE
    page: int = 1
    page_size: int = 20
    return_date: Day | None = None
    flex: int = 0

    def cache_key(self, generation: int) -> str:
        return (
            f"skyqueue:search:g{generation}:{self.source}:{self.destination}:{self.date}:"
            f"{self.return_date or '-'}:{self.seats}:{self.sort.value}:{self.page}:"
            f"{self.page_size}:{self.flex}"
        )


def normalise_query(query: SearchQuery, *, now: datetime) -> SearchQuery:
    """The query with upper-case codes, or InvalidRequest saying what is wrong with it."""
    source, destination = query.source.strip().upper(), query.destination.strip().upper()
    for name, code in (("source", source), ("destination", destination)):
        if get_airport(code) is None:
            raise InvalidRequest(f"{name} {code!r} is not a known IATA airport code")
    if source == destination:
        raise InvalidRequest("source and destination must be different airports")
    today = now.astimezone(airport_timezone(source)).date()
    if query.date < today:
        raise InvalidRequest(
            f"date {query.date} is in the past at {source} (today there is {today})"
        )
    if query.date > today + timedelta(days=MAX_DAYS_AHEAD):
        raise InvalidRequest(f"date {query.date} is too far ahead")
    if query.return_date is not None:
        if query.return_date < query.date:
            raise InvalidRequest(
                f"return_date {query.return_date} is before the outbound date {query.date}"
            )
        if query.return_date > today + timedelta(days=MAX_DAYS_AHEAD):
            raise InvalidRequest(f"return_date {query.return_date} is too far ahead")
    return SearchQuery(
        source=source,
        destination=destination,
        date=query.date,
        seats=query.seats,
        sort=query.sort,
        page=query.page,
        page_size=query.page_size,
        return_date=query.return_date,
        flex=query.flex,
    )


def _order(sort: SortOrder) -> list[Any]:
    """Sort keys, each with tie-breakers so that pages never overlap."""
    duration = col(Flight.arrival_ts) - col(Flight.departure_ts)
    keys: dict[SortOrder, list[Any]] = {
        SortOrder.PRICE: [col(Flight.price), col(Flight.departure_ts)],
        SortOrder.DEPARTURE: [col(Flight.departure_ts), col(Flight.price)],
        SortOrder.DURATION: [duration, col(Flight.departure_ts)],
    }
    return [*keys[sort], col(Flight.id)]


def _city(code: str) -> str:
    airport = get_airport(code)
    return airport["city"] if airport else ""


def _result(flight: Flight) -> FlightResult:
    duration = int((flight.arrival_ts - flight.departure_ts).total_seconds() // 60)
    times = local_times(flight)
    cities = {"source_city": _city(flight.source), "destination_city": _city(flight.destination)}
    return FlightResult.model_validate(
        {**flight.model_dump(), **times, "duration_minutes": duration, **cities}
    )


def flight_on_sale(session: Session, *, flight_id: uuid.UUID, now: datetime) -> FlightResult:
    """One flight as search shows it, live (a checkout's flights), while it is on sale."""
    flight = session.get(Flight, flight_id)
    if flight is None or flight.status != FlightStatus.SCHEDULED or flight.departure_ts <= now:
        raise NotFound(f"no flight on sale with id {flight_id}: search again")
    return _result(flight)


def flights_on(
    session: Session, *, query: SearchQuery, source: str, destination: str, day: date, now: datetime
) -> Page[FlightResult]:
    start, end = local_day(source, day)
    conditions = bookable(source, destination, seats=query.seats, start=start, end=end, now=now)
    count = session.exec(select(func.count()).select_from(Flight).where(*conditions)).one()
    rows = session.exec(
        select(Flight)
        .where(*conditions)
        .order_by(*_order(query.sort))
        .offset((query.page - 1) * query.page_size)
        .limit(query.page_size)
    ).all()
    return Page[FlightResult](
        data=[_result(flight) for flight in rows],
        count=count,
        page=query.page,
        page_size=query.page_size,
    )


def search_flights(session: Session, *, query: SearchQuery, now: datetime) -> SearchResults:
    """Answer a normalised query from PostgreSQL (no cache)."""
    outbound = flights_on(
        session,
        query=query,
        source=query.source,
        destination=query.destination,
        day=query.date,
        now=now,
    )
    results = SearchResults(**dict(outbound))
    if query.return_date is not None:
        results.return_flights = flights_on(
            session,
            query=query,
            source=query.destination,
            destination=query.source,
            day=query.return_date,
            now=now,
        )
    if query.flex:

        def calendar(source: str, destination: str, day: date) -> list[FlexDay]:
            return price_calendar(
                session,
                source=source,
                destination=destination,
                day=day,
                flex=query.flex,
                seats=query.seats,
                now=now,
            )

        results.flex = calendar(query.source, query.destination, query.date)
        if query.return_date is not None:
            results.return_flex = calendar(query.destination, query.source, query.return_date)
    return results
