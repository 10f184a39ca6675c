"""Local days and price calendars: a search date is a calendar date at the departure airport,
the UTC range from local midnight to the next local midnight (23 or 25 hours long on a
daylight-saving change); a calendar gives each day's lowest prices, direct and connecting.
"""

from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

from sqlmodel import Session

from core.search.airports import airport_timezone
from core.search.itineraries import Path, find_paths, path_price
from core.search.offers import passes
from core.search.query import Filters, today_at
from core.search.schemas import FlexDay, MonthDay

MAX_CALENDAR_STOPS = 1  # a month of two-stop journeys is too many paths to build per request


def local_day(code: str, day: date) -> tuple[datetime, datetime]:
    """The UTC instants of local midnight at the start and end of `day` at airport `code`."""
    zone = airport_timezone(code)
    start = datetime.combine(day, time(), tzinfo=zone)
    end = datetime.combine(day + timedelta(days=1), time(), tzinfo=zone)
    return start.astimezone(UTC), end.astimezone(UTC)


def paths_leaving(
    session: Session,
    *,
    origins: Sequence[str],
    destinations: Sequence[str],
    first_day: date,
    last_day: date,
    seats: int,
    filters: Filters,
    now: datetime,
) -> list[Path]:
    """The itineraries whose first flight leaves between the two days (local at the first
    origin, both included) and that meet the filters."""
    paths = find_paths(
        session,
        origins=origins,
        destinations=destinations,
        start=local_day(origins[0], first_day)[0],
        end=local_day(origins[0], last_day)[1],
        seats=seats,
        max_stops=filters.max_stops,
        now=now,
    )
    return [path for path in paths if passes(path, filters)]


def day_prices(
    session: Session,
    *,
    origins: Sequence[str],
    destinations: Sequence[str],
    days: list[date],
    seats: int,
    filters: Filters,
    now: datetime,
) -> dict[date, tuple[list[Decimal], list[Decimal]]]:
    """For each of the days from today on (local at the first origin), the prices of its direct
    flights and of its connections that meet the filters, built in one pass over the range."""
    today = today_at(origins[0], now)
    days = [day for day in days if day >= today]
    if not days:
        return {}
    zone = airport_timezone(origins[0])
    prices: dict[date, tuple[list[Decimal], list[Decimal]]] = {day: ([], []) for day in days}
    paths = paths_leaving(
        session,
        origins=origins,
        destinations=destinations,
        first_day=days[0],
        last_day=days[-1],
        seats=seats,
        filters=replace(filters, max_stops=min(filters.max_stops, MAX_CALENDAR_STOPS)),
        now=now,
    )
    for path in paths:
        day = path[0].departure_ts.astimezone(zone).date()
        if day in prices:
            direct, connecting = prices[day]
            (direct if len(path) == 1 else connecting).append(path_price(path))
    return prices


def flex_days(
    session: Session,
    *,
    origins: Sequence[str],
    destinations: Sequence[str],
    day: date,
    flex: int,
    seats: int,
    filters: Filters,
    now: datetime,
) -> list[FlexDay]:
    """Lowest price and number of itineraries for each day within ±flex of `day`, from today."""
    found = day_prices(
        session,
        origins=origins,
        destinations=destinations,
        days=[day + timedelta(days=n) for n in range(-flex, flex + 1)],
        seats=seats,
        filters=filters,
        now=now,
    )
    return [
        FlexDay(
            date=d,
            lowest_price=min(direct + connecting, default=None),
            flights=len(direct) + len(connecting),
        )
        for d, (direct, connecting) in found.items()
    ]


def month_days(
    session: Session,
    *,
    origins: Sequence[str],
    destinations: Sequence[str],
    month: date,
    seats: int,
    filters: Filters,
    now: datetime,
) -> list[MonthDay]:
    """The cheapest direct flight and connection of each day of the month (from today on)."""
    first = month.replace(day=1)
    following = (first + timedelta(days=32)).replace(day=1)
    found = day_prices(
        session,
        origins=origins,
        destinations=destinations,
        days=[first + timedelta(days=n) for n in range((following - first).days)],
        seats=seats,
        filters=filters,
        now=now,
    )
    return [
        MonthDay(
            date=d,
            direct_price=min(direct, default=None),
            connecting_price=min(connecting, default=None),
        )
        for d, (direct, connecting) in found.items()
    ]
