"""The rules every flight write obeys, whether an admin's form or a CSV row."""

from datetime import UTC, datetime

# Rules for every flight write, whether an admin's form or a CSV row (`core.imports` applies the
# same limits, vectorised). The flight number is an airline designator (two letters or digits)
# followed by one to four digits and an optional suffix letter: BA117, U21234, 6E5021, DL4A.
FLIGHT_NUMBER_PATTERN = r"^(?:[A-Z]{2}|[A-Z][0-9]|[0-9][A-Z])[0-9]{1,4}[A-Z]?$"


MIN_SEATS = 1


MAX_SEATS = 1000


# Flight times are kept within a window every layer can hold and show: Python's datetime ends at
# year 9999 and `timestamptz` at 294276, so a time near either end would be stored and then break
# every answer that shows it in another zone.
EARLIEST_FLIGHT = datetime(2000, 1, 1, tzinfo=UTC)


LATEST_FLIGHT = datetime(2100, 1, 1, tzinfo=UTC)


OUTSIDE_WINDOW = "must be from 2000-01-01 up to 2100-01-01 (UTC)"


def check_flight_time(value: datetime) -> datetime:
    """A flight time with its UTC offset, inside the window (the rule of form and import)."""
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError("give the time with its UTC offset, e.g. 2027-03-01T09:30:00+01:00")
    if not EARLIEST_FLIGHT <= value < LATEST_FLIGHT:
        raise ValueError(f"{value.isoformat()} is not a plausible flight time: {OUTSIDE_WINDOW}")
    return value
