"""Checking a chunk of CSV rows with the flight rules (`core.flights.rules`), vectorised with
pandas and Arrow: each row is valid or rejected with its line, column, value and the first
reason that applies. Values are read exactly: prices digit by digit, never through a float.
"""

import csv
import functools
import io
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from core.flights.rules import (
    ARRIVAL_NOT_AFTER_DEPARTURE,
    AVAILABLE_OVER_TOTAL,
    EARLIEST_FLIGHT,
    FLIGHT_NUMBER_PATTERN,
    IMPLAUSIBLE_TIME,
    LATEST_FLIGHT,
    MAX_SEATS,
    MIN_SEATS,
    NOT_A_FLIGHT_NUMBER,
    NOT_A_PRICE,
    SAME_AIRPORTS,
    UNKNOWN_AIRPORT,
)
from core.imports.upload import CSV_COLUMNS, EXTRA, REQUIRED_COLUMNS
from core.search.airports import airports


@dataclass
class SeenFlights:
    """Keys (a 64-bit hash of flight number and departure instant) of the rows accepted so far,
    sorted, with the line of each: 16 bytes a row, so a 1,000,000-row file needs 16 MB."""

    keys: np.ndarray = field(default_factory=lambda: np.empty(0, np.uint64))
    lines: np.ndarray = field(default_factory=lambda: np.empty(0, np.int64))

    def earlier_lines(self, keys: np.ndarray, lines: np.ndarray) -> np.ndarray:
        """For each row, the line of an earlier row with its key (0 if none); then remember the
        first row of each new key."""
        at = np.searchsorted(self.keys, keys).clip(max=max(len(self.keys) - 1, 0))
        seen = self.keys[at] == keys if len(self.keys) else np.zeros(len(keys), bool)
        earlier = np.where(seen, self.lines[at] if len(self.keys) else 0, 0)
        first = pd.Series(lines).groupby(keys).transform("first").to_numpy()
        earlier = np.where(seen, earlier, np.where(first != lines, first, 0))
        new = earlier == 0
        order = np.argsort(keys[new], kind="stable")
        new_keys, new_lines = keys[new][order], lines[new][order]
        at = np.searchsorted(self.keys, new_keys)
        self.keys = np.insert(self.keys, at, new_keys)
        self.lines = np.insert(self.lines, at, new_lines)
        return earlier


@dataclass
class Checked:
    """A chunk after validation: the valid rows (staging columns but the id), and the rejected
    rows."""

    valid: pd.DataFrame
    rejected: list[dict[str, Any]]


class _Rejections:
    """Collects the first failure of each row, vectorised: a check only marks rows still open."""

    def __init__(self, frame: pd.DataFrame) -> None:
        self.frame = frame
        self.open = np.ones(len(frame), bool)
        self.parts: list[tuple[np.ndarray, str | None, str, np.ndarray, np.ndarray | None]] = []

    def check(
        self,
        bad: Any,
        column: str | None,
        reason: str,
        *,
        shown: pd.Series | None = None,
        refs: np.ndarray | None = None,
    ) -> None:
        """Reject the open rows where `bad`; the reason may use {value} (the cell, or `shown`)
        and {ref} (from `refs`)."""
        hit = self.open & np.asarray(bad, dtype=bool)
        if not hit.any():
            return
        self.open &= ~hit
        at = np.flatnonzero(hit)
        if shown is None and column in self.frame.columns:
            shown = self.frame[column]
        values = np.asarray(shown, dtype=object)[at] if shown is not None else np.full(len(at), "")
        self.parts.append((at, column, reason, values, None if refs is None else refs[at]))

    def rows(self, lines: np.ndarray) -> list[dict[str, Any]]:
        rejected: list[dict[str, Any]] = []
        for at, column, reason, values, refs in self.parts:
            raw = raw_fields(self.frame.iloc[at])
            for i, (position, value) in enumerate(zip(at, values, strict=True)):
                ref = None if refs is None else int(refs[i])
                rejected.append(
                    {
                        "line": int(lines[position]),
                        "column": column,
                        "value": _storable(str(value)),
                        "reason": _storable(reason.format(value=str(value), ref=ref)),
                        "raw": _storable(raw[i]),
                    }
                )
        rejected.sort(key=lambda r: r["line"])
        return rejected


def _storable(text: str) -> str:
    """The text with each NUL character (which PostgreSQL text and jsonb cannot hold) shown as
    U+FFFD, the replacement character."""
    return text.replace("\x00", "\ufffd")


def raw_fields(rows: pd.DataFrame) -> list[str]:
    """Rejected rows as CSV lines for the errors CSV: the flight columns in the standard order,
    then the surplus values of a row that has some, so that such a line reads as it was."""
    fields = rows.reindex(columns=CSV_COLUMNS, fill_value="").to_numpy().tolist()
    extras = rows[EXTRA].tolist()
    return [
        _csv_line([*values, extra] if extra else values)
        for values, extra in zip(fields, extras, strict=True)
    ]


def _csv_line(fields: list[str]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="").writerow(fields)
    return out.getvalue()


_OFFSET = r"(?:[zZ]|[+-][0-9]{2}(?::?[0-9]{2})?)\s*$"


def _has_offset(values: pd.Series) -> np.ndarray:
    """Whether each value ends with a UTC offset (RE2 through Arrow: pandas would fall back to
    Python's `re`, one call a value, for the `$` and `\\s` in the pattern)."""
    found = pc.match_substring_regex(pa.array(values, pa.string()), _OFFSET)
    return found.to_numpy(zero_copy_only=False)


_PLAIN_NUMBER = r"^[+-]?[0-9]{1,15}(\.[0-9]*)?$"


def numbers(values: pd.Series) -> pd.Series:
    """The values as numbers (NaN where not one), as `pd.to_numeric(errors="coerce")` reads them,
    about seven times faster: plain decimals are parsed by Arrow, only the rest (exponents,
    "inf", garbage) by pandas."""
    text = pc.utf8_trim_whitespace(pa.array(values, pa.string()))
    plain = pc.match_substring_regex(text, _PLAIN_NUMBER)
    numbers = pc.cast(pc.if_else(plain, text, "nan"), pa.float64()).to_numpy(
        zero_copy_only=False, writable=True
    )
    other = ~plain.to_numpy(zero_copy_only=False)
    if other.any():
        numbers[other] = pd.to_numeric(values[other], errors="coerce").astype("float64")
    return pd.Series(numbers, index=values.index)


# Units (leading zeros allowed, at most 8 more digits: NUMERIC(10, 2)), then at most two
# decimals that count, then zeros (349.990 is 349.99). No sign, no exponent, no thousands mark.
_PRICE = r"^\s*\+?(?P<units>0*[0-9]{0,8})(?:\.(?P<cents>[0-9]{0,2})0*)?\s*$"


def price_cents(values: pd.Series) -> np.ndarray:
    """Each price as a whole number of cents, read from its digits (never through a float, which
    cannot hold most decimal fractions exactly); -1 where the value is not a price."""
    parts = pc.extract_regex(pa.array(values, pa.string()), _PRICE)
    units = pc.fill_null(pc.struct_field(parts, "units"), "")
    decimals = pc.fill_null(pc.struct_field(parts, "cents"), "")
    digits = pc.add(pc.utf8_length(units), pc.utf8_length(decimals))
    whole = pc.cast(pc.binary_join_element_wise("0", units, ""), pa.int64())
    padded = pc.binary_join_element_wise(decimals, "00", "")  # 5 → 500, "" → 00
    fraction = pc.cast(pc.utf8_slice_codeunits(padded, 0, 2), pa.int64())
    cents = pc.add(pc.multiply(whole, 100), fraction)
    valid = pc.and_(pc.is_valid(parts), pc.greater(digits, 0))
    return pc.if_else(valid, cents, -1).to_numpy(zero_copy_only=False)


@functools.cache
def _airport_codes() -> pa.Array:
    """The known IATA codes as an Arrow value set (built once: it has some 7,000 codes)."""
    return pa.array(sorted(airports()), pa.string())


def _is_known_airport(codes: pd.Series) -> np.ndarray:
    found = pc.is_in(pa.array(codes, pa.string()), value_set=_airport_codes())
    return found.to_numpy(zero_copy_only=False)


def check_chunk(frame: pd.DataFrame, *, seen: SeenFlights) -> Checked:
    """Validate a chunk of raw string rows with the flight rules (`core.flights.rules`).

    Returns the valid rows in the staging table's form and the rejected rows (the first failure
    of each). A row's line is its record number plus one (the header is line 1); blank lines are
    skipped silently.
    """
    lines = frame.index.to_numpy(dtype=np.int64) + 2
    names = [c for c in frame.columns if c != EXTRA]
    blank = (frame[names] == "").all(axis=1).to_numpy() & (frame[EXTRA] == "").to_numpy()
    frame, lines = frame[~blank], lines[~blank]
    checks = _Rejections(frame)
    values = _check_cells(checks, frame, names)
    number, source, destination = _check_codes(checks, values)
    departure, arrival = _check_times(checks, values)
    total, available = _check_seats(checks, values)
    cents = price_cents(values["price"])
    checks.check(cents < 0, "price", NOT_A_PRICE)
    departure_us = _check_duplicates(checks, seen, number=number, departure=departure, lines=lines)
    ok = checks.open
    valid = pd.DataFrame(
        {
            "line": lines[ok],
            "flight_number": number[ok].to_numpy(),
            "source": source[ok].to_numpy(),
            "destination": destination[ok].to_numpy(),
            "departure_us": departure_us[ok],
            "arrival_us": arrival[ok].dt.as_unit("us").astype("int64").to_numpy(),
            "total_seats": total[ok].astype("int64").to_numpy(),
            "available_seats": available[ok].astype("int64").to_numpy(),
            "price_cents": cents[ok],
        }
    )
    return Checked(valid=valid, rejected=checks.rows(lines))


def _check_cells(checks: _Rejections, frame: pd.DataFrame, names: list[str]) -> dict[str, Any]:
    """The row's shape: no surplus values, no NUL, every required value present. Returns each
    column's cells (the codes stripped: pandas' number and time parsers ignore blanks)."""
    checks.check(
        frame[EXTRA] != "",
        None,
        f"the row has more than {len(names)} values: a value containing a comma must be in "
        'double quotes, e.g. "1,234.50" (or written without the comma)',
        shown=frame[EXTRA],
    )
    for name in names:
        checks.check(
            frame[name].str.contains("\x00", regex=False),
            name,
            f"{name} contains a NUL character (byte 0x00), which no flight value may hold: "
            "remove it, or check that the file is text",
        )
    values = {}
    for column in CSV_COLUMNS:
        cells = frame[column] if column in frame.columns else pd.Series("", frame.index)
        values[column] = cells.str.strip() if column in TEXT_COLUMNS else cells
    for column in REQUIRED_COLUMNS:
        checks.check(values[column] == "", column, f"{column} is missing")
    return values


TEXT_COLUMNS = ("flight_number", "source", "destination")


def _check_codes(
    checks: _Rejections, values: dict[str, Any]
) -> tuple[pd.Series, pd.Series, pd.Series]:
    """The flight number and the airports, upper-cased."""
    number = values["flight_number"].str.upper()
    checks.check(~number.str.fullmatch(FLIGHT_NUMBER_PATTERN), "flight_number", NOT_A_FLIGHT_NUMBER)
    source = values["source"].str.upper()
    destination = values["destination"].str.upper()
    for column, code in (("source", source), ("destination", destination)):
        checks.check(~_is_known_airport(code), column, UNKNOWN_AIRPORT)
    checks.check(source == destination, "destination", SAME_AIRPORTS)
    return number, source, destination


def _check_times(checks: _Rejections, values: dict[str, Any]) -> tuple[pd.Series, pd.Series]:
    """The departure and arrival instants (UTC)."""
    instants = {}
    for column in ("departure_ts", "arrival_ts"):
        raw = values[column]
        parsed = pd.to_datetime(raw, format="ISO8601", utc=True, errors="coerce")
        checks.check(
            parsed.isna() | ~_has_offset(raw),
            column,
            "{value!r} is not a date and time with its UTC offset, e.g. 2027-03-01T09:30:00+01:00",
        )
        instants[column] = parsed
    for column, instant in instants.items():
        outside = (instant < EARLIEST_FLIGHT) | (instant >= LATEST_FLIGHT)
        checks.check(outside, column, IMPLAUSIBLE_TIME)
    departure, arrival = instants["departure_ts"], instants["arrival_ts"]
    checks.check(arrival <= departure, "arrival_ts", ARRIVAL_NOT_AFTER_DEPARTURE)
    return departure, arrival


def _check_seats(checks: _Rejections, values: dict[str, Any]) -> tuple[pd.Series, pd.Series]:
    """Total and available seats (available defaults to total)."""
    total = numbers(values["total_seats"])
    checks.check(
        ~((total % 1 == 0) & total.between(MIN_SEATS, MAX_SEATS)),
        "total_seats",
        f"{{value!r}} is not a whole number of seats from {MIN_SEATS} to {MAX_SEATS}",
    )
    given = values["available_seats"] != ""
    available = numbers(values["available_seats"]).where(given, total)
    checks.check(
        ~((available % 1 == 0) & available.between(0, MAX_SEATS)),
        "available_seats",
        f"{{value!r}} is not a whole number of seats from 0 to {MAX_SEATS}",
    )
    checks.check(
        (available > total).fillna(False),
        "available_seats",
        AVAILABLE_OVER_TOTAL + " ({value} given)",
    )
    return total, available


def _check_duplicates(
    checks: _Rejections,
    seen: SeenFlights,
    *,
    number: pd.Series,
    departure: pd.Series,
    lines: np.ndarray,
) -> np.ndarray:
    """A row with the flight number and departure instant of an earlier row (in this chunk or
    an earlier one) is a duplicate. Returns every row's departure in microseconds (0 where the
    row was rejected before)."""
    ok = checks.open.copy()
    departure_us = np.zeros(len(ok), np.int64)
    departure_us[ok] = departure[ok].dt.as_unit("us").astype("int64").to_numpy()
    keys = pd.util.hash_pandas_object(
        pd.DataFrame({"number": number[ok].to_numpy(), "departure": departure_us[ok]}),
        index=False,
    ).to_numpy()
    earlier = np.zeros(len(ok), np.int64)
    earlier[ok] = seen.earlier_lines(keys, lines[ok])
    checks.check(
        earlier > 0,
        "flight_number",
        "duplicate of line {ref}: the same flight_number and departure_ts",
        refs=earlier,
    )
    return departure_us
