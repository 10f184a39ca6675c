"""Airport suggestions while a traveller types a place: the whole IATA reference set searched by
code, city and name, ignoring case and accents; exact code first, then prefixes, then contains;
airports with flights first among equals."""

import unicodedata
from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from functools import cache

from sqlalchemy import union
from sqlmodel import Session, col, select

from core.flights.models import Flight, FlightStatus
from core.search.airports import Airport, airports, get_airport
from core.search.schemas import AirportPublic


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


def served_airport_codes(session: Session, *, now: datetime) -> set[str]:
    """Airports with at least one scheduled flight still to depart, from or to them."""
    upcoming = (col(Flight.status) == FlightStatus.SCHEDULED.value, col(Flight.departure_ts) > now)
    statement = union(
        select(Flight.source).where(*upcoming), select(Flight.destination).where(*upcoming)
    )
    return {code for (code,) in session.execute(statement)}


def served_airports(session: Session, *, now: datetime) -> list[AirportPublic]:
    codes = sorted(served_airport_codes(session, now=now))
    return [airport_public(airport) for code in codes if (airport := get_airport(code)) is not None]


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
    return [airport_public(item[5].airport) for item in ranked[:limit]]
