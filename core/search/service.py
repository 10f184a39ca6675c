"""Search: itineraries from one place to another on a local date (direct flights and
connections), filtered, ranked and paged, with the way back, multi-city slices and price
calendars when asked for; and one flight on sale, live, for a checkout.
"""

import uuid
from datetime import date, datetime, timedelta
from decimal import Decimal

from sqlmodel import Session

from core.errors import InvalidRequest, NotFound
from core.flights.models import Flight, FlightStatus
from core.flights.times import local_times
from core.pagination import Page
from core.search.calendar import flex_days, month_days, paths_leaving
from core.search.itineraries import Path
from core.search.offers import cheapest, city, page_of, ranked
from core.search.places import expand
from core.search.query import (
    MAX_DAYS_AHEAD,
    Filters,
    SearchQuery,
    SortOrder,
    check_day,
    check_place,
    check_route,
    today_at,
)
from core.search.schemas import FlightResult, Itinerary, MonthDay, SearchResults

MAX_SLICES = 4


def flight_result(flight: Flight) -> FlightResult:
    duration = int((flight.arrival_ts - flight.departure_ts).total_seconds() // 60)
    cities = {"source_city": city(flight.source), "destination_city": city(flight.destination)}
    return FlightResult.model_validate(
        {**flight.model_dump(), **local_times(flight), "duration_minutes": duration, **cities}
    )


def flight_on_sale(session: Session, *, flight_id: uuid.UUID, now: datetime) -> FlightResult:
    """One flight as search shows it, live (a checkout's flights), while it is on sale."""
    flight = session.get(Flight, flight_id)
    if flight is None or flight.status != FlightStatus.SCHEDULED or flight.departure_ts <= now:
        raise NotFound(f"no flight on sale with id {flight_id}: search again")
    return flight_result(flight)


def paths_on(
    session: Session,
    *,
    origins: tuple[str, ...],
    destinations: tuple[str, ...],
    day: date,
    seats: int,
    filters: Filters,
    now: datetime,
) -> list[Path]:
    """The itineraries whose first flight leaves on `day` and that meet the filters."""
    return paths_leaving(
        session,
        origins=origins,
        destinations=destinations,
        first_day=day,
        last_day=day,
        seats=seats,
        filters=filters,
        now=now,
    )


def search_flights(session: Session, *, query: SearchQuery, now: datetime) -> SearchResults:
    """Answer a normalised query from PostgreSQL (no cache)."""
    origins, destinations = query.origins, query.destinations
    outbound = ranked(
        paths_on(
            session,
            origins=origins,
            destinations=destinations,
            day=query.date,
            filters=query.filters,
            seats=query.seats,
            now=now,
        ),
        query.sort,
    )
    paging = {"page": query.page, "page_size": query.page_size, "seats": query.seats}
    results = SearchResults(**dict(page_of(outbound, **paging)))
    if query.return_date is not None:
        back = ranked(
            paths_on(
                session,
                origins=destinations,
                destinations=origins,
                day=query.return_date,
                filters=query.return_filters(),
                seats=query.seats,
                now=now,
            ),
            query.sort,
        )
        results.return_flights = page_of(back, **paging)
        round_trip(results.data, cheapest(back))
        round_trip(results.return_flights.data, cheapest(outbound))
    if query.flex:
        results.flex = flex_days(
            session,
            origins=origins,
            destinations=destinations,
            day=query.date,
            flex=query.flex,
            filters=query.filters,
            seats=query.seats,
            now=now,
        )
        if query.return_date is not None:
            results.return_flex = flex_days(
                session,
                origins=destinations,
                destinations=origins,
                day=query.return_date,
                flex=query.flex,
                filters=query.return_filters(),
                seats=query.seats,
                now=now,
            )
    return results


def round_trip(itineraries: list[Itinerary], other_way: Decimal | None) -> None:
    """Each itinerary's price with the cheapest one of the other direction, when there is one."""
    for item in itineraries:
        item.round_trip_price = None if other_way is None else item.price + other_way


def search_multi_city(
    session: Session,
    *,
    slices: list[tuple[str, str, date]],
    seats: int,
    filters: Filters,
    sort: SortOrder,
    page: int,
    page_size: int,
    now: datetime,
) -> list[Page[Itinerary]]:
    """A page of itineraries for each slice (from, to, day), checked in travel order."""
    if not 1 <= len(slices) <= MAX_SLICES:
        raise InvalidRequest(f"give 1 to {MAX_SLICES} slices")
    pages = []
    previous: date | None = None
    for number, (source, destination, day) in enumerate(slices, start=1):
        source = check_place(f"slice {number} origin", source)
        destination = check_place(f"slice {number} destination", destination)
        if set(expand(source)) & set(expand(destination)):
            raise InvalidRequest(f"slice {number} goes from {source} to {destination}")
        origins, ends = expand(source), expand(destination)
        today = today_at(source, now)
        check_day(f"slice {number} date", day, where=source, today=today)
        if previous is not None and day < previous:
            raise InvalidRequest(f"slice {number} departs before slice {number - 1}: travel order")
        previous = day
        paths = paths_on(
            session,
            origins=origins,
            destinations=ends,
            day=day,
            seats=seats,
            filters=filters,
            now=now,
        )
        pages.append(page_of(ranked(paths, sort), page=page, page_size=page_size, seats=seats))
    return pages


def search_month(
    session: Session,
    *,
    source: str,
    destination: str,
    month: date,
    seats: int,
    filters: Filters,
    now: datetime,
) -> list[MonthDay]:
    source, destination = check_route(source, destination)
    if month > today_at(source, now) + timedelta(days=MAX_DAYS_AHEAD):
        raise InvalidRequest(f"month {month:%Y-%m} is too far ahead")
    return month_days(
        session,
        origins=expand(source),
        destinations=expand(destination),
        month=month,
        seats=seats,
        filters=filters,
        now=now,
    )
