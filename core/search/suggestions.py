"""Airport suggestions while a traveller types a place: the whole IATA reference set searched by
code, city and name, ignoring case and accents; exact code first, then prefixes, then contains;
airports with flights first among equals."""

import unicodedata
from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from functools import cache

from sqlalchemy import func, union_all
from sqlmodel import Session, col, select

from core.flights.models import Flight, FlightStatus
from core.search.airports import Airport, airports, get_airport
from core.search.places import airline_names, connection_minutes_at, metro_areas, metro_name
from core.search.schemas import AirportPublic

CITY_RANK = 2  # an airport matched by its city's name brings the city's entry


def fold(text: str) -> str:
    """Case- and accent-insensitive form: NFKD, combining marks dropped, casefolded."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold().strip()


def airport_public(airport: Airport) -> AirportPublic:
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


def flight_counts(session: Session, *, now: datetime) -> dict[str, int]:
    """How many scheduled flights still to depart leave from or land at each airport."""
    upcoming = (col(Flight.status) == FlightStatus.SCHEDULED.value, col(Flight.departure_ts) > now)
    ends = union_all(
        select(col(Flight.source).label("code")).where(*upcoming),
        select(col(Flight.destination).label("code")).where(*upcoming),
    ).subquery()
    statement = select(ends.c.code, func.count()).group_by(ends.c.code)
    return dict(session.execute(statement).tuples().all())


def served_airports(session: Session, *, now: datetime) -> list[AirportPublic]:
    codes = sorted(flight_counts(session, now=now))
    return [airport_public(airport) for code in codes if (airport := get_airport(code)) is not None]


@cache
def _metro_by_name() -> dict[str, str]:
    """Folded city name → the city code of its metropolitan area ("new york" → NYC)."""
    return {fold(metro_name(code)): code for code in sorted(metro_areas(), reverse=True)}


def metro_public(city_code: str) -> AirportPublic:
    """A city's entry: "London, all airports" (LON), in the zone of its first airport."""
    first = airports()[metro_areas()[city_code][0]]
    return AirportPublic(
        code=city_code,
        kind="city",
        name="All airports",
        city=metro_name(city_code),
        country=first["country"],
        timezone=first["tz"],
    )


def suggest_airports(q: str, *, limit: int, flights: dict[str, int]) -> list[AirportPublic]:
    """Reference airports matching `q` by code, city or name, best first; within a rank,
    airports with more Skyqueue flights come first, then those of cities with more airports
    (London before Londolovit), then by city and code. A city with several airports comes
    first as a whole ("London, all airports") when its code or its name matches."""
    folded = fold(q)
    ranked = []
    for entry in _suggestion_index():
        rank = _rank(entry, folded)
        if rank is not None:
            served = -flights.get(entry.airport["iata"], 0)
            ranked.append((rank, served, -entry.city_airports, entry.city, entry.code, entry))
    ranked.sort(key=lambda item: item[:5])
    found: list[AirportPublic] = []
    cities = {code for code in metro_areas() if fold(code) == folded}
    found.extend(metro_public(code) for code in sorted(cities))
    for rank, *_, entry in ranked:
        city = _metro_by_name().get(entry.city)
        if city and city not in cities and rank == CITY_RANK:
            cities.add(city)
            found.append(metro_public(city))
        found.append(airport_public(entry.airport))
    return found[:limit]


def load_reference_data() -> None:
    """Read the airports, cities and airlines now: a process's first search or suggestion would
    otherwise spend about 150 ms on them, and every request arriving meanwhile would wait."""
    _suggestion_index()
    _metro_by_name()
    airline_names()
    connection_minutes_at()
