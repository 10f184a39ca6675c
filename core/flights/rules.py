"""The rules every flight write obeys, whether an administrator's form (`core.flights.schemas`,
one value at a time) or a CSV row (`core.imports.validation`, vectorised over a chunk): the
limits and the reasons given for a refusal live here, once, for both."""

from datetime import UTC, datetime

from core.search.airports import is_known_airport

# An airline designator (two letters or digits) and one to four digits, then an optional suffix
# letter: BA117, U21234, 6E5021, DL4A.
FLIGHT_NUMBER_PATTERN = r"^(?:[A-Z]{2}|[A-Z][0-9]|[0-9][A-Z])[0-9]{1,4}[A-Z]?$"
MIN_SEATS = 1
MAX_SEATS = 1000
MAX_PRICE_CENTS = 99_999_999_99  # NUMERIC(10, 2)
# Flight times are kept within a window every layer can hold and show: Python's datetime ends at
# year 9999 and `timestamptz` at 294276, so a time near either end would be stored and then break
# every answer that shows it in another zone.
EARLIEST_FLIGHT = datetime(2000, 1, 1, tzinfo=UTC)
LATEST_FLIGHT = datetime(2100, 1, 1, tzinfo=UTC)

# Reasons; `{value}` is the value refused.
NOT_A_FLIGHT_NUMBER = "{value!r} is not a flight number: an airline code and 1-4 digits, e.g. BA117"
UNKNOWN_AIRPORT = "{value} is not a known IATA airport code"
SAME_AIRPORTS = "source and destination must be different airports"
NO_OFFSET = "give the time with its UTC offset, e.g. 2027-03-01T09:30:00+01:00"
OUTSIDE_WINDOW = "must be from 2000-01-01 up to 2100-01-01 (UTC)"
IMPLAUSIBLE_TIME = "{value} is not a plausible flight time: " + OUTSIDE_WINDOW
ARRIVAL_NOT_AFTER_DEPARTURE = "arrival_ts must be after departure_ts"
AVAILABLE_OVER_TOTAL = "available_seats cannot exceed total_seats"
NOT_A_PRICE = (
    f"{{value!r}} is not a price: a number from 0 to {MAX_PRICE_CENTS // 100}.99 with at most 2 "
    "decimals, e.g. 349.99"
)


def check_airport(code: str) -> str:
    if not is_known_airport(code):
        raise ValueError(UNKNOWN_AIRPORT.format(value=code))
    return code


def check_flight_time(value: datetime) -> datetime:
    """A flight time with its UTC offset, inside the window."""
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(NO_OFFSET)
    if not EARLIEST_FLIGHT <= value < LATEST_FLIGHT:
        raise ValueError(IMPLAUSIBLE_TIME.format(value=value.isoformat()))
    return value


def check_route(source: str, destination: str) -> None:
    if source == destination:
        raise ValueError(SAME_AIRPORTS)


def check_times(departure: datetime, arrival: datetime) -> None:
    if arrival <= departure:
        raise ValueError(ARRIVAL_NOT_AFTER_DEPARTURE)


def check_available(available: int | None, total: int) -> None:
    if available is not None and available > total:
        raise ValueError(AVAILABLE_OVER_TOTAL)
