"""Flight search and airport suggestions, served through a Redis cache-aside layer.

A search date is a calendar date at the departure airport: it becomes the UTC range from local
midnight to the next local midnight (23 or 25 hours long on a daylight-saving change), so a
flight at 23:30 local time is found on its local date whatever the date is in UTC.

Cached answers are stored as the JSON the API sends, under keys that embed the search
generation (`core.cache.search_generation`): any committed change to flights bumps it, so admin
edits show at once, while seat counts taken by bookings may lag by the TTL. When Redis does not
answer, searches are served from PostgreSQL alone.
"""

import logging
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from functools import cache
from typing import Any

import redis
from sqlalchemy import ColumnElement, func, union
from sqlmodel import Session, col, select

from core.airports import Airport, airport_timezone, airports, get_airport
from core.cache import redis_client, search_generation
from core.config import settings
from core.errors import InvalidRequest
from core.models import (
    AirportPublic,
    FlexDay,
    Flight,
    FlightResult,
    FlightResultsPage,
    FlightStatus,
    SearchResults,
)

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


def local_day(code: str, day: date) -> tuple[datetime, datetime]:
    """The UTC instants of local midnight at the start and end of `day` at airport `code`."""
    zone = airport_timezone(code)
    start = datetime.combine(day, time(), tzinfo=zone)
    end = datetime.combine(day + timedelta(days=1), time(), tzinfo=zone)
    return start.astimezone(UTC), end.astimezone(UTC)


def _bookable(
    source: str, destination: str, *, seats: int, start: datetime, end: datetime, now: datetime
) -> list[ColumnElement[bool]]:
    """Scheduled flights on the route, departing in [start, end) and after now, with seats."""
    return [
        col(Flight.source) == source,
        col(Flight.destination) == destination,
        col(Flight.departure_ts) >= start,
        col(Flight.departure_ts) < end,
        col(Flight.departure_ts) > now,
        col(Flight.status) == FlightStatus.SCHEDULED.value,
        col(Flight.available_seats) >= seats,
    ]


def _order(sort: SortOrder) -> list[Any]:
    """Sort keys, each with tie-breakers so that pages never overlap."""
    duration = col(Flight.arrival_ts) - col(Flight.departure_ts)
    keys: dict[SortOrder, list[Any]] = {
        SortOrder.PRICE: [col(Flight.price), col(Flight.departure_ts)],
        SortOrder.DEPARTURE: [col(Flight.departure_ts), col(Flight.price)],
        SortOrder.DURATION: [duration, col(Flight.departure_ts)],
    }
    return [*keys[sort], col(Flight.id)]


def _result(flight: Flight) -> FlightResult:
    departure_zone = airport_timezone(flight.source)
    arrival_zone = airport_timezone(flight.destination)
    return FlightResult(
        id=flight.id,
        flight_number=flight.flight_number,
        source=flight.source,
        destination=flight.destination,
        departure_ts=flight.departure_ts.astimezone(departure_zone),
        arrival_ts=flight.arrival_ts.astimezone(arrival_zone),
        departure_tz=departure_zone.key,
        arrival_tz=arrival_zone.key,
        duration_minutes=int((flight.arrival_ts - flight.departure_ts).total_seconds() // 60),
        price=flight.price,
        available_seats=flight.available_seats,
    )


def _flights_on(
    session: Session, *, query: SearchQuery, source: str, destination: str, day: date, now: datetime
) -> FlightResultsPage:
    start, end = local_day(source, day)
    conditions = _bookable(source, destination, seats=query.seats, start=start, end=end, now=now)
    count = session.exec(select(func.count()).select_from(Flight).where(*conditions)).one()
    rows = session.exec(
        select(Flight)
        .where(*conditions)
        .order_by(*_order(query.sort))
        .offset((query.page - 1) * query.page_size)
        .limit(query.page_size)
    ).all()
    return FlightResultsPage(
        data=[_result(flight) for flight in rows],
        count=count,
        page=query.page,
        page_size=query.page_size,
    )


def _price_calendar(
    session: Session,
    *,
    source: str,
    destination: str,
    day: date,
    flex: int,
    seats: int,
    now: datetime,
) -> list[FlexDay]:
    """Lowest price and number of flights for each day within ±flex of `day`, from today on."""
    today = now.astimezone(airport_timezone(source)).date()
    days = [day + timedelta(days=n) for n in range(-flex, flex + 1)]
    days = [d for d in days if d >= today]
    start, end = local_day(source, days[0])[0], local_day(source, days[-1])[1]
    conditions = _bookable(source, destination, seats=seats, start=start, end=end, now=now)
    rows = session.exec(
        select(col(Flight.departure_ts), col(Flight.price)).where(*conditions)
    ).all()
    zone = airport_timezone(source)
    calendar = {d: FlexDay(date=d, lowest_price=None, flights=0) for d in days}
    for departure, price in rows:
        entry = calendar[departure.astimezone(zone).date()]
        entry.flights += 1
        if entry.lowest_price is None or price < entry.lowest_price:
            entry.lowest_price = price
    return list(calendar.values())


def search_flights(session: Session, *, query: SearchQuery, now: datetime) -> SearchResults:
    """Answer a normalised query from PostgreSQL (no cache)."""
    outbound = _flights_on(
        session,
        query=query,
        source=query.source,
        destination=query.destination,
        day=query.date,
        now=now,
    )
    results = SearchResults(**dict(outbound))
    if query.return_date is not None:
        results.return_flights = _flights_on(
            session,
            query=query,
            source=query.destination,
            destination=query.source,
            day=query.return_date,
            now=now,
        )
    if query.flex:
        results.flex = _price_calendar(
            session,
            source=query.source,
            destination=query.destination,
            day=query.date,
            flex=query.flex,
            seats=query.seats,
            now=now,
        )
        if query.return_date is not None:
            results.return_flex = _price_calendar(
                session,
                source=query.destination,
                destination=query.source,
                day=query.return_date,
                flex=query.flex,
                seats=query.seats,
                now=now,
            )
    return results


@dataclass(frozen=True)
class CachedAnswer:
    body: bytes  # the JSON answer
    hit: bool


def _cached(key_for: Callable[[int], str], ttl: int, compute: Callable[[], bytes]) -> CachedAnswer:
    """Cache-aside: the generation is read before computing, so an answer computed while flights
    changed is stored under the retired generation and never served."""
    try:
        key: str | None = key_for(search_generation())
        body = redis_client.get(key)  # type: ignore[arg-type]
    except redis.RedisError as error:
        log.warning("search cache unavailable, answering from the database: %s", error)
        key, body = None, None
    if body is not None:
        return CachedAnswer(body=body, hit=True)  # type: ignore[arg-type]
    fresh = compute()
    if key is not None:
        try:
            redis_client.set(key, fresh, ex=ttl)
        except redis.RedisError as error:
            log.warning("could not cache an answer: %s", error)
    return CachedAnswer(body=fresh, hit=False)


def cached_search(session: Session, *, query: SearchQuery) -> CachedAnswer:
    """Validate the query, then answer it from the cache or from PostgreSQL."""
    now = datetime.now(UTC)
    query = normalise_query(query, now=now)
    return _cached(
        query.cache_key,
        settings.search_cache_ttl_seconds,
        lambda: search_flights(session, query=query, now=now).model_dump_json().encode(),
    )


# --- airports --------------------------------------------------------------------------------


def fold(text: str) -> str:
    """Case- and accent-insensitive form: NFKD, combining marks dropped, casefolded."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold().strip()


def _public(airport: Airport) -> AirportPublic:
    return AirportPublic(
        code=airport["iata"],
        name=airport["name"],
        city=airport["city"],
        country=airport["country"],
        timezone=airport["tz"],
    )


@dataclass(frozen=True)
class _Entry:
    code: str
    city: str
    name: str
    words: tuple[str, ...]
    city_airports: int  # how many airports the city has: a proxy for its size
    airport: Airport


@cache
def _suggestion_index() -> list[_Entry]:
    """Every reference airport with its folded code, city, name and words (once per process)."""
    folded = [(fold(a["city"]), fold(a["name"]), a) for a in airports().values()]
    per_city = Counter(city for city, _, _ in folded if city)
    entries = []
    for city, name, airport in folded:
        words = tuple(f"{city} {name}".replace("/", " ").replace("-", " ").split())
        entries.append(_Entry(fold(airport["iata"]), city, name, words, per_city[city], airport))
    return entries


def _rank(entry: _Entry, q: str) -> int | None:
    """0 exact code, 1 code prefix, 2 city prefix, 3 name prefix, 4 word prefix, 5 contains."""
    if entry.code == q:
        return 0
    if entry.code.startswith(q):
        return 1
    if entry.city.startswith(q):
        return 2
    if entry.name.startswith(q):
        return 3
    if any(word.startswith(q) for word in entry.words):
        return 4
    if q in entry.city or q in entry.name:
        return 5
    return None


def served_airport_codes(session: Session, *, now: datetime) -> set[str]:
    """Airports with at least one scheduled flight still to depart, from or to them."""
    upcoming = (col(Flight.status) == FlightStatus.SCHEDULED.value, col(Flight.departure_ts) > now)
    statement = union(
        select(Flight.source).where(*upcoming), select(Flight.destination).where(*upcoming)
    )
    return {code for (code,) in session.execute(statement)}


def served_airports(session: Session, *, now: datetime) -> list[AirportPublic]:
    codes = sorted(served_airport_codes(session, now=now))
    return [_public(airport) for code in codes if (airport := get_airport(code)) is not None]


def suggest_airports(q: str, *, limit: int, served: set[str]) -> list[AirportPublic]:
    """Reference airports matching `q` by code, city or name, best first; within a rank,
    airports with flights come first, then those of cities with more airports (London before
    Londolovit), then by city and code."""
    folded = fold(q)
    ranked = []
    for entry in _suggestion_index():
        rank = _rank(entry, folded)
        if rank is not None:
            unserved = entry.airport["iata"] not in served
            ranked.append((rank, unserved, -entry.city_airports, entry.city, entry.code, entry))
    ranked.sort(key=lambda item: item[:5])
    return [_public(item[5].airport) for item in ranked[:limit]]


def _airports_json(items: list[AirportPublic]) -> bytes:
    return ("[" + ",".join(item.model_dump_json() for item in items) + "]").encode()


def cached_airports(session: Session, *, q: str | None, limit: int) -> CachedAnswer:
    """Suggestions for `q` (over the whole reference set), or every served airport."""
    now = datetime.now(UTC)
    folded = fold(q or "")
    if not folded:
        return _cached(
            lambda generation: f"skyqueue:airports:g{generation}:served",
            settings.airports_cache_ttl_seconds,
            lambda: _airports_json(served_airports(session, now=now)),
        )
    return _cached(
        lambda generation: f"skyqueue:airports:g{generation}:q:{limit}:{folded}",
        settings.airports_cache_ttl_seconds,
        lambda: _airports_json(
            suggest_airports(folded, limit=limit, served=served_airport_codes(session, now=now))
        ),
    )
