"""A search as asked: places, dates, passengers, filters, order and page, checked and normalised
(upper-case codes, airline lists sorted) so that equal searches share one cache key."""

import re
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from enum import StrEnum

from core.errors import InvalidRequest
from core.search.airports import airport_timezone
from core.search.places import expand, is_place

MAX_FLEX_DAYS = 3
MAX_STOPS = 2
MAX_DAYS_AHEAD = 3660  # dates further out are refused: no one sells seats ten years ahead
WINDOW = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-4]):([0-5]\d)$")
AIRLINE = re.compile(r"^[A-Z0-9]{2}$")
# A search's cache key: this, the search generation, then `SearchQuery.key_suffix()`.
SEARCH_KEYS = "skyqueue:search:g"

Day = date


class SortOrder(StrEnum):
    PRICE = "price"
    DEPARTURE = "departure"
    DURATION = "duration"
    BEST = "best"


@dataclass(frozen=True)
class TimeWindow:
    """Local times of day, e.g. 06:00-12:00; one that ends before it starts runs past
    midnight (22:00-06:00)."""

    start: time
    end: time

    @classmethod
    def parse(cls, name: str, text: str | None) -> "TimeWindow | None":
        if not text:
            return None
        found = WINDOW.match(text.strip())
        if not found:
            raise InvalidRequest(f"{name} {text!r} is not a time window such as 06:00-12:00")
        h1, m1, h2, m2 = (int(part) for part in found.groups())
        end = time(23, 59, 59) if (h2, m2) == (24, 0) else time(h2, m2)
        return cls(time(h1, m1), end)

    def holds(self, moment: datetime) -> bool:
        clock = moment.time().replace(second=0, microsecond=0, tzinfo=None)
        if self.start <= self.end:
            return self.start <= clock <= self.end
        return clock >= self.start or clock <= self.end

    def __str__(self) -> str:
        return f"{self.start:%H:%M}-{self.end:%H:%M}"


@dataclass(frozen=True)
class Filters:
    max_stops: int = 1
    departure: TimeWindow | None = None
    arrival: TimeWindow | None = None
    max_price: Decimal | None = None
    max_duration: int | None = None  # minutes
    airlines: tuple[str, ...] = ()
    exclude_airlines: tuple[str, ...] = ()

    def key(self) -> str:
        return (
            f"{self.max_stops}:{self.departure or '-'}:{self.arrival or '-'}:"
            f"{self.max_price or '-'}:{self.max_duration or '-'}:"
            f"{','.join(self.airlines) or '-'}:{','.join(self.exclude_airlines) or '-'}"
        )


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
    nearby: bool = False
    filters: Filters = field(default_factory=Filters)
    # The time windows of the way back (the others apply to both directions).
    return_departure: TimeWindow | None = None
    return_arrival: TimeWindow | None = None

    def cache_key(self, generation: int) -> str:
        return f"{SEARCH_KEYS}{generation}{self.key_suffix()}"

    def key_suffix(self) -> str:
        """The cache key after its generation number."""
        return (
            f":{self.source}:{self.destination}:{self.date}:"
            f"{self.return_date or '-'}:{self.seats}:{self.sort.value}:{self.page}:"
            f"{self.page_size}:{self.flex}:{int(self.nearby)}:{self.filters.key()}:"
            f"{self.return_departure or '-'}:{self.return_arrival or '-'}"
        )

    @property
    def origins(self) -> tuple[str, ...]:
        return expand(self.source, nearby=self.nearby)

    @property
    def destinations(self) -> tuple[str, ...]:
        return expand(self.destination, nearby=self.nearby)

    def return_filters(self) -> Filters:
        return replace(self.filters, departure=self.return_departure, arrival=self.return_arrival)


def airline_list(name: str, text: str | None) -> tuple[str, ...]:
    """ "BA, lh" → ("BA", "LH"), or InvalidRequest naming the code that is not a designator."""
    codes = sorted({part.strip().upper() for part in (text or "").split(",") if part.strip()})
    for code in codes:
        if not AIRLINE.match(code):
            raise InvalidRequest(f"{name}: {code!r} is not a two-character airline code")
    return tuple(codes)


def check_place(name: str, code: str) -> str:
    code = code.strip().upper()
    if not is_place(code):
        raise InvalidRequest(f"{name} {code!r} is not a known IATA airport or city code")
    return code


def check_route(source: str, destination: str) -> tuple[str, str]:
    """Two known places (airports or cities), upper case, that share no airport."""
    source = check_place("source", source)
    destination = check_place("destination", destination)
    if set(expand(source)) & set(expand(destination)):
        raise InvalidRequest("source and destination must be different places")
    return source, destination


def today_at(code: str, now: datetime) -> date:
    """The local date at a place (a city's first airport) at the instant `now`."""
    return now.astimezone(airport_timezone(expand(code)[0])).date()


def check_day(name: str, day: date, *, where: str, today: date) -> None:
    if day < today:
        raise InvalidRequest(f"{name} {day} is in the past at {where} (today there is {today})")
    if day > today + timedelta(days=MAX_DAYS_AHEAD):
        raise InvalidRequest(f"{name} {day} is too far ahead")


def normalise_query(query: SearchQuery, *, now: datetime) -> SearchQuery:
    """The query with upper-case codes, or InvalidRequest saying what is wrong with it."""
    source, destination = check_route(query.source, query.destination)
    today = today_at(source, now)
    check_day("date", query.date, where=source, today=today)
    if query.return_date is not None:
        if query.return_date < query.date:
            raise InvalidRequest(
                f"return_date {query.return_date} is before the outbound date {query.date}"
            )
        check_day("return_date", query.return_date, where=source, today=today)
    if not 0 <= query.filters.max_stops <= MAX_STOPS:
        raise InvalidRequest(f"max_stops must be between 0 and {MAX_STOPS}")
    return replace(query, source=source, destination=destination)
