"""Cities, airlines and connection times: the reference data itinerary search reads.

Airlines and metropolitan areas come from OpenTravelData (see `data/README.md`); airports and
their cities from `airportsdata` (`core.search.airports`).
"""

import csv
import math
from collections import Counter, defaultdict
from functools import cache
from pathlib import Path

from core.config import settings
from core.search.airports import airports, get_airport

DATA = Path(__file__).parent / "data"
NEARBY_KM = 100


@cache
def metro_areas() -> dict[str, tuple[str, ...]]:
    """IATA city code → its airports (LON → LCY, LGW, LHR, LTN, SEN, STN…)."""
    areas: dict[str, list[str]] = defaultdict(list)
    with (DATA / "metro_areas.csv").open(encoding="utf-8") as file:
        for row in csv.DictReader(file):
            areas[row["city_code"]].append(row["airport"])
    return {city: tuple(sorted(codes)) for city, codes in areas.items()}


@cache
def metro_of() -> dict[str, str]:
    """Airport → the city code of its metropolitan area, for airports that have one."""
    return {airport: city for city, codes in metro_areas().items() for airport in codes}


@cache
def metro_name(city_code: str) -> str:
    """The city's name: the one `airportsdata` gives most of its airports ("New York" for
    JFK and LGA, not "Newark")."""
    names = Counter(airports()[code]["city"] for code in metro_areas()[city_code])
    return names.most_common(1)[0][0]


def is_place(code: str) -> bool:
    """An airport code or a metropolitan-area code."""
    return code.upper() in metro_areas() or get_airport(code) is not None


def expand(code: str, *, nearby: bool = False) -> tuple[str, ...]:
    """The airports a search from or to `code` covers: a city's airports, or the airport itself;
    with `nearby`, every airport within NEARBY_KM of those as well."""
    code = code.upper()
    found = set(metro_areas().get(code, (code,)))
    if nearby:
        found |= {near for airport in list(found) for near in nearby_airports(airport)}
    return tuple(sorted(found))


@cache
def nearby_airports(code: str) -> tuple[str, ...]:
    """Airports within NEARBY_KM of `code` (great-circle distance), nearest first."""
    home = get_airport(code)
    if home is None:
        return ()
    found = []
    for other, airport in airports().items():
        if other == code:
            continue
        km = distance_km(home["lat"], home["lon"], airport["lat"], airport["lon"])
        if km <= NEARBY_KM:
            found.append((km, other))
    return tuple(other for _, other in sorted(found))


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    φ1, φ2 = math.radians(lat1), math.radians(lat2)
    dφ, dλ = φ2 - φ1, math.radians(lon2 - lon1)
    a = math.sin(dφ / 2) ** 2 + math.cos(φ1) * math.cos(φ2) * math.sin(dλ / 2) ** 2
    return 2 * 6371 * math.asin(math.sqrt(a))


@cache
def airline_names() -> dict[str, str]:
    with (DATA / "airlines.csv").open(encoding="utf-8") as file:
        return {row["code"]: row["name"] for row in csv.DictReader(file)}


def airline_code(flight_number: str) -> str:
    """The airline designator: the flight number's first two characters (BA117 → BA, U21 → U2)."""
    return flight_number[:2].upper()


def airline_name(code: str) -> str:
    """The airline's name, or the code itself for a designator the reference data lacks."""
    return airline_names().get(code, code)


@cache
def connection_minutes_at() -> dict[str, int]:
    """Per-airport minimum connection times from MIN_CONNECTION_MINUTES_AT ("LHR=90,JFK=90")."""
    found = {}
    for item in settings.min_connection_minutes_at.split(","):
        if item.strip():
            code, minutes = item.split("=")
            found[code.strip().upper()] = int(minutes)
    return found


def min_connection_minutes(arrival: str, departure: str) -> int:
    """The least time between landing at `arrival` and taking off from `departure`: the
    airport's own minimum (or the default), or the time to change airports within a city."""
    if arrival != departure:
        return settings.airport_change_minutes
    return connection_minutes_at().get(arrival, settings.min_connection_minutes)


def same_city(airport: str) -> tuple[str, ...]:
    """Airports a connection at `airport` may leave from: itself, and the other airports of its
    city (with the longer airport-change time)."""
    city = metro_of().get(airport)
    return metro_areas()[city] if city else (airport,)
