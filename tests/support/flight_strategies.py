"""Hypothesis strategies for flights as an administrator or a CSV file gives them: any valid value
of every field (prices with 0–2 decimals over the whole NUMERIC(10, 2) range, seats, instants
across the accepted window and around DST changes, airports in half- and quarter-hour zones),
written in any of the formats the form and the import accept.
"""

import csv
import io
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from hypothesis import strategies as st

from core.flights.rules import EARLIEST_FLIGHT, LATEST_FLIGHT, MAX_SEATS, MIN_SEATS
from core.search.airports import airport_timezone

# Airports in zones with odd offsets (+5:30, +5:45, +9:30/+10:30, -3:30/-2:30, +12:45/+13:45,
# +6:30, +4:30, +3:30) and DST, and some ordinary ones.
AIRPORTS = ["DEL", "KTM", "ADL", "YYT", "CHT", "RGN", "KBL", "THR", "DRW", "EUA", "APW", "SCL",
            "LHR", "JFK", "SYD", "NRT", "GRU", "AKL", "HNL"]  # fmt: skip
# Instants where some of those zones change their offset.
DST_CHANGES = [
    datetime(2027, 3, 28, 1, 0, tzinfo=UTC),  # Europe/London
    datetime(2027, 10, 31, 1, 0, tzinfo=UTC),
    datetime(2027, 3, 14, 7, 0, tzinfo=UTC),  # America/New_York
    datetime(2027, 11, 7, 6, 0, tzinfo=UTC),
    datetime(2027, 4, 3, 16, 30, tzinfo=UTC),  # Australia/Adelaide
    datetime(2027, 3, 14, 5, 30, tzinfo=UTC),  # America/St_Johns
    datetime(2027, 4, 3, 14, 0, tzinfo=UTC),  # Pacific/Chatham
]
LAST_DEPARTURE = LATEST_FLIGHT - timedelta(days=1)
MAX_CENTS = 99_999_999_99


@dataclass(frozen=True)
class FlightData:
    flight_number: str
    source: str
    destination: str
    departure: datetime  # UTC
    arrival: datetime  # UTC
    total_seats: int
    available_seats: int
    price: Decimal


flight_numbers = st.builds(
    lambda designator, number, suffix: f"{designator}{number}{suffix}",
    st.one_of(
        st.text("ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=2, max_size=2),
        st.tuples(st.sampled_from("ABCDEFGHIJKLMNOPQRSTUVWXYZ"), st.sampled_from("0123456789")).map(
            "".join
        ),
        st.tuples(st.sampled_from("0123456789"), st.sampled_from("ABCDEFGHIJKLMNOPQRSTUVWXYZ")).map(
            "".join
        ),
    ),
    st.integers(0, 9999).map(str),
    st.sampled_from(["", "", "", "A", "Z"]),
)

prices = st.one_of(
    st.integers(0, MAX_CENTS).map(lambda cents: Decimal(cents).scaleb(-2)),
    st.integers(0, MAX_CENTS // 100).map(Decimal),
    st.integers(0, MAX_CENTS // 10).map(lambda dimes: Decimal(dimes).scaleb(-1)),
    st.sampled_from(["0.01", "0.10", "0.99", "74.45", "123.45", "349.99", "99999999.99"]).map(
        Decimal
    ),
)

departures = st.one_of(
    st.datetimes(
        min_value=EARLIEST_FLIGHT.replace(tzinfo=None),
        max_value=LAST_DEPARTURE.replace(tzinfo=None),
    ).map(lambda naive: naive.replace(tzinfo=UTC)),
    st.builds(
        lambda change, minutes: change + timedelta(minutes=minutes),
        st.sampled_from(DST_CHANGES),
        st.integers(-90, 90),
    ),
)


@st.composite
def flights(draw: st.DrawFn) -> FlightData:
    source, destination = draw(st.lists(st.sampled_from(AIRPORTS), min_size=2, max_size=2,
                                        unique=True))  # fmt: skip
    departure = draw(departures)
    duration = draw(st.timedeltas(timedelta(minutes=1), timedelta(hours=20)))
    total = draw(st.integers(MIN_SEATS, MAX_SEATS))
    return FlightData(
        flight_number=draw(flight_numbers),
        source=source,
        destination=destination,
        departure=departure,
        arrival=departure + duration,
        total_seats=total,
        available_seats=draw(st.integers(0, total)),
        price=draw(prices),
    )


def distinct_flights(*, max_size: int) -> st.SearchStrategy[list[FlightData]]:
    """Flights with distinct (flight number, departure instant): the key of a flight."""
    return st.lists(
        flights(), min_size=1, max_size=max_size, unique_by=lambda f: (f.flight_number, f.departure)
    )


# Offsets a time may be written with, whatever its airport's own zone.
offsets = st.one_of(
    st.just(UTC),
    st.sampled_from(AIRPORTS).map(airport_timezone),
    st.integers(-14 * 4, 14 * 4).map(lambda quarters: timezone(timedelta(minutes=15 * quarters))),
)


@st.composite
def time_texts(draw: st.DrawFn, instant: datetime) -> str:
    """The instant in ISO 8601 at some offset: 'Z' or ±hh:mm, ±hhmm, with or without seconds
    and fractions, as a file or a client may write it."""
    zone = draw(offsets)
    local = instant.astimezone(zone)
    text = local.isoformat(timespec=draw(st.sampled_from(["auto", "microseconds"])))
    if local.second == 0 and local.microsecond == 0 and draw(st.booleans()):
        text = local.isoformat(timespec="minutes")
    if text.endswith("+00:00") and draw(st.booleans()):
        text = text.removesuffix("+00:00") + "Z"
    elif draw(st.booleans()):  # +05:30 → +0530
        text = text[:-3] + text[-2:]
    return text


@st.composite
def price_texts(draw: st.DrawFn, price: Decimal) -> str:
    """The price as a file may write it: 349.99, 349.990, 0349.99, 349.9, +349.99, ' 349.99 '."""
    text = f"{price:.2f}"
    units, cents = text.split(".")
    forms = [text, f"{text}0", f"0{text}", f"+{text}", f" {text} "]
    if cents.endswith("0"):
        forms.append(f"{units}.{cents[0]}")
    if cents == "00":
        forms += [units, f"{units}."]
    if units == "0":
        forms.append(f".{cents}")
    return draw(st.sampled_from(forms))


@st.composite
def csv_files(draw: st.DrawFn, batch: list[FlightData]) -> bytes:
    """The flights as a CSV file, formatted any valid way: columns in any order (available_seats
    left out when every flight has all its seats), quoting, line ends, a byte order mark, codes
    in any case and padded with blanks."""
    columns = ["flight_number", "source", "destination", "departure_ts", "arrival_ts",
               "total_seats", "available_seats", "price"]  # fmt: skip
    if all(f.available_seats == f.total_seats for f in batch) and draw(st.booleans()):
        columns.remove("available_seats")
    columns = draw(st.permutations(columns))
    quoting = draw(st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL]))
    out = io.StringIO()
    writer = csv.writer(out, quoting=quoting, lineterminator=draw(st.sampled_from(["\n", "\r\n"])))
    writer.writerow(draw(st.sampled_from([columns, [c.upper() for c in columns]])))
    for flight in batch:
        code = draw(st.sampled_from([str.upper, str.lower, lambda c: f" {c} "]))
        values: dict[str, Any] = {
            "flight_number": code(flight.flight_number),
            "source": code(flight.source),
            "destination": code(flight.destination),
            "departure_ts": draw(time_texts(flight.departure)),
            "arrival_ts": draw(time_texts(flight.arrival)),
            "total_seats": flight.total_seats,
            "available_seats": flight.available_seats,
            "price": draw(price_texts(flight.price)),
        }
        writer.writerow([values[c] for c in columns])
    text = out.getvalue() + draw(st.sampled_from(["", "\n"]))
    return draw(st.sampled_from([b"", b"\xef\xbb\xbf"])) + text.encode()


def assert_shown_as_given(shown: dict[str, Any], flight: FlightData) -> None:
    """An API flight is the given one, field by field, with each time at its airport's offset."""
    departure = datetime.fromisoformat(shown["departure_ts"])
    arrival = datetime.fromisoformat(shown["arrival_ts"])
    assert (
        shown["flight_number"],
        shown["source"],
        shown["destination"],
        departure,
        arrival,
        shown["total_seats"],
        shown["available_seats"],
        Decimal(shown["price"]),
    ) == (
        flight.flight_number,
        flight.source,
        flight.destination,
        flight.departure,
        flight.arrival,
        flight.total_seats,
        flight.available_seats,
        flight.price,
    ), shown
    for moment, code, zone in ((departure, flight.source, shown["departure_tz"]),
                               (arrival, flight.destination, shown["arrival_tz"])):  # fmt: skip
        assert zone == airport_timezone(code).key
        assert moment.utcoffset() == moment.astimezone(ZoneInfo(zone)).utcoffset()
