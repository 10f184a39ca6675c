"""Local days and the price calendar: a search date is a calendar date at the departure airport,
the UTC range from local midnight to the next local midnight (23 or 25 hours long on a
daylight-saving change), and the price strip gives each day's lowest price around it.
"""

from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import ColumnElement
from sqlmodel import Session, col, select

from core.flights.models import Flight, FlightStatus
from core.search.airports import airport_timezone
from core.search.schemas import FlexDay


def price_calendar(
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
    conditions = bookable(source, destination, seats=seats, start=start, end=end, now=now)
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


def local_day(code: str, day: date) -> tuple[datetime, datetime]:
    """The UTC instants of local midnight at the start and end of `day` at airport `code`."""
    zone = airport_timezone(code)
    start = datetime.combine(day, time(), tzinfo=zone)
    end = datetime.combine(day + timedelta(days=1), time(), tzinfo=zone)
    return start.astimezone(UTC), end.astimezone(UTC)


def bookable(
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
