r"""CSV import of flights: the upload's checks and storage, and the import job itself.

Upload (API or CLI): `check_file_type`, `create_job` and a `FileWriter` check the header row, the
encoding and the size as the bytes arrive, and keep the file in PostgreSQL (`import_file_chunks`,
1 MiB pieces) so that any worker host can read it. Nothing is committed unless every check passed.

Job (`run_import`, called by the `imports.import_flights` actor, or synchronously by the CLI):
streams the stored file through pandas in chunks of rows and validates each chunk vectorised
(Arrow string kernels) with the limits of `FlightCreate`, in a thread, one chunk ahead of the
writing. A chunk of new flights is COPYed straight into `flights`; a chunk with a flight that
already exists is COPYed into a temporary staging table and upserted with one
`INSERT … ON CONFLICT (flight_number, departure_ts) DO UPDATE`. Each chunk commits together with
the job's progress and its rejected rows, so a job interrupted at any instant (a killed worker, a
redelivered message) resumes after its last committed chunk: no flight is written and no row
counted twice.

Speed: 1,000,000 rows import in about the time PostgreSQL takes to `\copy` them into a table
with the indexes of `flights` (benchmarks/import_csv.py); the indexes are most of that time.
"""

import codecs
import csv
import functools
import io
import json
import logging
import time
import uuid
from collections.abc import Generator, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any, BinaryIO

import numpy as np
import pandas as pd
import psycopg
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv
from psycopg import errors
from sqlalchemy import Connection, func, text
from sqlmodel import Session, col, select

from core.airports import airports
from core.cache import invalidate_search_cache
from core.config import settings
from core.db import engine
from core.errors import DomainError, InvalidRequest, NotFound
from core.models import (
    EARLIEST_FLIGHT,
    FLIGHT_NUMBER_PATTERN,
    LATEST_FLIGHT,
    MAX_SEATS,
    MIN_SEATS,
    OUTSIDE_WINDOW,
    ImportJob,
    ImportJobPublic,
    ImportRowError,
    ImportStatus,
    User,
)

logger = logging.getLogger(__name__)

CSV_COLUMNS = [
    "flight_number",
    "source",
    "destination",
    "departure_ts",
    "arrival_ts",
    "total_seats",
    "available_seats",
    "price",
]
# Without it (or left blank) a new flight has all its seats available.
OPTIONAL_COLUMNS = frozenset({"available_seats"})
REQUIRED_COLUMNS = [c for c in CSV_COLUMNS if c not in OPTIONAL_COLUMNS]
# The errors CSV adds these two columns; ignoring them lets a fixed errors CSV be uploaded as it is.
IGNORED_COLUMNS = ("line", "reason")
EXTRA = "_extra"  # catches the fields a row has beyond its header's (an unquoted comma)
MAX_HEADER_BYTES = 64 * 1024
MAX_PRICE = 100_000_000  # NUMERIC(10, 2)

CSV_CONTENT_TYPES = frozenset(
    {"text/csv", "application/csv", "text/x-csv", "text/plain", "application/vnd.ms-excel"}
)


class InvalidFile(InvalidRequest):
    """The upload is not a CSV file of flights we can read (422)."""


class FileTooLarge(DomainError):
    status_code = 413


class UnsupportedFileType(DomainError):
    status_code = 415


# --- upload ----------------------------------------------------------------------------------


def check_file_type(*, filename: str, content_type: str | None) -> None:
    """Accept what browsers and curl send for a .csv file, refuse anything else at once."""
    kind = (content_type or "").split(";")[0].strip().lower()
    if kind in CSV_CONTENT_TYPES:
        return
    if kind in ("", "application/octet-stream") and filename.lower().endswith((".csv", ".txt")):
        return
    raise UnsupportedFileType(
        f"expected a CSV file (text/csv), got {kind or 'a file without a content type'}: "
        "upload the flights as comma-separated values, e.g. "
        'curl -F "file=@flights.csv;type=text/csv" …'
    )


def parse_header(line: bytes) -> list[str]:
    """The column names of a header row (lower case), or a 422 that says what is wrong."""
    try:
        decoded = line.decode("utf-8")
    except UnicodeDecodeError as error:
        raise InvalidFile(_not_utf8(line=1, byte=line[error.start])) from error
    decoded = decoded.removeprefix("\ufeff").rstrip("\r\n")
    names = [name.strip().lower() for name in next(csv.reader([decoded]), [])]
    expected = ", ".join(CSV_COLUMNS)
    if not any(names):
        raise InvalidFile(f"the first line is blank: it must be the header row ({expected})")
    if len(names) == 1:
        for delimiter, label in ((";", "semicolons"), ("\t", "tabs"), ("|", "vertical bars")):
            if delimiter in decoded:
                raise InvalidFile(
                    f"the columns are separated by {label}, not commas: save the file as "
                    f"comma-separated values (CSV) with the header row {','.join(CSV_COLUMNS)}"
                )
    problems = []
    if missing := [c for c in REQUIRED_COLUMNS if c not in names]:
        problems.append("missing columns: " + ", ".join(missing))
    known = (*CSV_COLUMNS, *IGNORED_COLUMNS)
    if unknown := [name or "(blank)" for name in names if name not in known]:
        problems.append("unknown columns: " + ", ".join(unknown))
    if repeated := sorted({name for name in names if name and names.count(name) > 1}):
        problems.append("repeated columns: " + ", ".join(repeated))
    if problems:
        raise InvalidFile(
            f"wrong header row: {'; '.join(problems)}. Expected the columns {expected} "
            "(available_seats is optional)"
        )
    return names


def _not_utf8(*, line: int, byte: int) -> str:
    return (
        f"the file is not UTF-8 text: line {line} has the byte 0x{byte:02X}, which is not UTF-8 "
        "(the file is perhaps Latin-1 or Windows-1252). Save it as 'CSV UTF-8' and upload it again"
    )


def create_job(
    session: Session, *, created_by: uuid.UUID | None, filename: str, dry_run: bool
) -> ImportJob:
    job = ImportJob(created_by=created_by, filename=filename, size_bytes=0, dry_run=dry_run)
    session.add(job)
    session.flush()
    return job


def store_file(
    session: Session,
    *,
    file: BinaryIO,
    filename: str,
    created_by: uuid.UUID | None,
    dry_run: bool = False,
) -> ImportJob:
    """A new QUEUED job holding the whole of `file`, checked as an upload is (the caller
    commits, then sends the job). The API streams its multipart body through a `FileWriter`
    instead, piece by piece as it arrives."""
    job = create_job(session, created_by=created_by, filename=filename, dry_run=dry_run)
    writer = FileWriter(session, job=job)
    while piece := file.read(settings.import_file_piece_bytes):
        writer.write(piece)
    writer.finish()
    return job


class FileWriter:
    """Checks an upload as its bytes arrive and stores it in pieces under its job.

    Size, encoding and header errors raise at the first byte that shows them, so an oversized or
    wrong file is refused without reading it all; the caller commits only after `finish()`.
    """

    def __init__(self, session: Session, *, job: ImportJob) -> None:
        self._session = session
        self.job = job
        self._max_bytes = settings.import_max_upload_bytes
        self._piece_bytes = settings.import_file_piece_bytes
        self._buffer = bytearray()
        self._pieces = 0
        self._size = 0
        self._newlines = 0
        self._quotes = 0
        self._ends_with_newline = False
        self._decoder = codecs.getincrementaldecoder("utf-8")()
        self._header_seen = False
        self._has_rows = False

    def write(self, data: bytes) -> None:
        if not data:
            return
        self._size += len(data)
        if self._size > self._max_bytes:
            raise FileTooLarge(
                f"the file is larger than the {_megabytes(self._max_bytes)} limit: "
                "split it into smaller files"
            )
        try:
            self._decoder.decode(data)
        except UnicodeDecodeError as error:
            before = error.object[: error.start].count(b"\n")
            line = self._newlines + before + 1
            raise InvalidFile(_not_utf8(line=line, byte=error.object[error.start])) from error
        self._newlines += data.count(b"\n")
        self._quotes += data.count(b'"')
        self._ends_with_newline = data.endswith(b"\n")
        if self._header_seen:
            self._has_rows = self._has_rows or bool(data.strip())
        self._buffer += data
        if not self._header_seen:
            self._read_header(final=False)
        while len(self._buffer) >= self._piece_bytes:
            self._store(bytes(self._buffer[: self._piece_bytes]))
            del self._buffer[: self._piece_bytes]

    def _read_header(self, *, final: bool) -> None:
        end = self._buffer.find(b"\n")
        if end < 0 and not final:
            if len(self._buffer) > MAX_HEADER_BYTES:
                raise InvalidFile(
                    "the first line is longer than 64 KiB: is this a CSV file with a header row?"
                )
            return
        header = bytes(self._buffer if end < 0 else self._buffer[: end + 1])
        parse_header(header)
        self._header_seen = True
        self._has_rows = bool(self._buffer[len(header) :].strip())

    def finish(self) -> None:
        """Check what only the end shows, store the last piece, record size and row estimate."""
        try:
            self._decoder.decode(b"", final=True)
        except UnicodeDecodeError as error:
            raise InvalidFile(_not_utf8(line=self._newlines + 1, byte=error.object[0])) from error
        if self._size == 0:
            raise InvalidFile(
                "the file is empty (0 bytes): upload a CSV file with a header row "
                f"({','.join(CSV_COLUMNS)}) and one flight per line"
            )
        if not self._header_seen:
            if not self._buffer.strip():
                raise InvalidFile("the file is empty: it has no header row and no flights")
            self._read_header(final=True)
        if not self._has_rows:
            raise InvalidFile("the file has a header row but no flights")
        if self._quotes % 2:
            raise InvalidFile(
                'the file has an odd number of double quotes ("): a quoted value is not closed'
            )
        if self._buffer:
            self._store(bytes(self._buffer))
            self._buffer.clear()
        lines = self._newlines + (0 if self._ends_with_newline else 1)
        self.job.size_bytes = self._size
        # An estimate for the progress bar (a quoted value may span lines); the job corrects it.
        self.job.total_rows = max(lines - 1, 0)
        self._session.add(self.job)
        self._session.flush()

    def _store(self, piece: bytes) -> None:
        self._session.connection().execute(
            text("INSERT INTO import_file_chunks (job_id, seq, data) VALUES (:job, :seq, :data)"),
            {"job": self.job.id, "seq": self._pieces, "data": piece},
        )
        self._pieces += 1


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):g} MB"


# --- reading jobs ----------------------------------------------------------------------------


def get_job(session: Session, *, job_id: uuid.UUID, user: User) -> ImportJob:
    """The job, if the user started it or is an admin; otherwise 404 (its existence is private)."""
    job = session.get(ImportJob, job_id)
    if job is None or (job.created_by != user.id and not user.is_admin):
        raise NotFound(f"no import job {job_id}")
    return job


def list_jobs(
    session: Session, *, user: User, limit: int, offset: int
) -> tuple[list[ImportJob], int]:
    """Most recent first: every job for an admin, the user's own otherwise."""
    query = select(ImportJob)
    counted = select(func.count()).select_from(ImportJob)
    if not user.is_admin:
        query = query.where(ImportJob.created_by == user.id)
        counted = counted.where(ImportJob.created_by == user.id)
    jobs = session.exec(
        query.order_by(col(ImportJob.created_at).desc()).offset(offset).limit(limit)
    ).all()
    return list(jobs), session.exec(counted).one()


def job_public(job: ImportJob) -> ImportJobPublic:
    if job.status == ImportStatus.SUCCEEDED:
        percent = 100.0
    elif job.total_rows:
        percent = min(99.9, round(100 * job.processed_rows / job.total_rows, 1))
    else:
        percent = 0.0
    return ImportJobPublic.model_validate(
        {
            **job.model_dump(),
            "percent": percent,
            "errors": [ImportRowError.model_validate(e) for e in job.errors],
        }
    )


def rejections_csv(*, job_id: uuid.UUID) -> Iterator[str]:
    """The rejected rows as CSV: the flight columns as they were in the file, then the line and
    the reason (both ignored on upload, so the fixed file can be uploaded again)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([*CSV_COLUMNS, *IGNORED_COLUMNS])
    yield out.getvalue()
    with engine.connect() as conn:
        result = conn.execution_options(yield_per=2000).execute(
            text(
                "SELECT raw, line, reason FROM import_rejections WHERE job_id = :job ORDER BY line"
            ),
            {"job": job_id},
        )
        for rows in result.partitions():
            out.seek(0)
            out.truncate()
            for raw, line, reason in rows:
                out.write(raw or "")
                out.write(",")
                writer.writerow([line, reason])
            yield out.getvalue()


# --- the job ---------------------------------------------------------------------------------


class _StoredFile(io.RawIOBase):
    """The stored pieces of a job's file as one binary stream, read one piece at a time."""

    def __init__(self, conn: Connection, job_id: uuid.UUID) -> None:
        self._conn = conn
        self._job_id = job_id
        self._next = 0
        self._piece = b""
        self._pos = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if self._pos >= len(self._piece):
            piece = self._conn.execute(
                text("SELECT data FROM import_file_chunks WHERE job_id = :job AND seq = :seq"),
                {"job": self._job_id, "seq": self._next},
            ).scalar()
            if piece is None:
                return 0
            self._piece, self._pos, self._next = bytes(piece), 0, self._next + 1
        size = min(len(buffer), len(self._piece) - self._pos)
        buffer[:size] = self._piece[self._pos : self._pos + size]
        self._pos += size
        return size


class _Prefixed(io.RawIOBase):
    """Some bytes, then the rest of a stream."""

    def __init__(self, prefix: bytes, rest: io.BufferedIOBase) -> None:
        self._prefix = prefix
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if self._prefix:
            size = min(len(buffer), len(self._prefix))
            buffer[:size] = self._prefix[:size]
            self._prefix = self._prefix[size:]
            return size
        return self._rest.readinto(buffer)


@dataclass
class _SeenFlights:
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
class _Checked:
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
            raw = _raw_fields(self.frame.iloc[at])
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


def _raw_fields(rows: pd.DataFrame) -> list[str]:
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


def _numbers(values: pd.Series) -> pd.Series:
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


def _price_cents(values: pd.Series) -> np.ndarray:
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


def _check_chunk(frame: pd.DataFrame, *, seen: _SeenFlights) -> _Checked:
    """Validate a chunk of raw string rows with the rules of `FlightCreate`, vectorised.

    Returns the valid rows in the staging table's form and the rejected rows (the first failure
    of each). A row's line is its record number plus one (the header is line 1); blank lines are
    skipped silently.
    """
    lines = frame.index.to_numpy(dtype=np.int64) + 2
    names = [c for c in frame.columns if c != EXTRA]
    blank = (frame[names] == "").all(axis=1).to_numpy() & (frame[EXTRA] == "").to_numpy()
    frame, lines = frame[~blank], lines[~blank]
    checks = _Rejections(frame)

    def column_of(name: str) -> pd.Series:
        return frame[name] if name in frame.columns else pd.Series("", frame.index)

    def stripped(name: str) -> pd.Series:
        return column_of(name).str.strip()

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
    # pandas' number and time parsers ignore surrounding blanks: only the codes are stripped.
    text_columns = ("flight_number", "source", "destination")
    values = {c: stripped(c) if c in text_columns else column_of(c) for c in CSV_COLUMNS}
    for column in REQUIRED_COLUMNS:
        checks.check(values[column] == "", column, f"{column} is missing")

    number = values["flight_number"].str.upper()
    checks.check(
        ~number.str.fullmatch(FLIGHT_NUMBER_PATTERN),
        "flight_number",
        "{value!r} is not a flight number: an airline code and 1-4 digits, e.g. BA117",
    )
    source = values["source"].str.upper()
    destination = values["destination"].str.upper()
    for column, code in (("source", source), ("destination", destination)):
        checks.check(~_is_known_airport(code), column, "{value!r} is not a known IATA airport code")
    checks.check(
        source == destination, "destination", "source and destination must be different airports"
    )

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
        checks.check(
            (instant < EARLIEST_FLIGHT) | (instant >= LATEST_FLIGHT),
            column,
            f"{{value!r}} is not a plausible flight time: {OUTSIDE_WINDOW}",
        )
    departure, arrival = instants["departure_ts"], instants["arrival_ts"]
    checks.check(arrival <= departure, "arrival_ts", "arrival_ts must be after departure_ts")

    total = _numbers(values["total_seats"])
    checks.check(
        ~((total % 1 == 0) & total.between(MIN_SEATS, MAX_SEATS)),
        "total_seats",
        f"{{value!r}} is not a whole number of seats from {MIN_SEATS} to {MAX_SEATS}",
    )
    given = values["available_seats"] != ""
    available = _numbers(values["available_seats"]).where(given, total)
    checks.check(
        ~((available % 1 == 0) & available.between(0, MAX_SEATS)),
        "available_seats",
        f"{{value!r}} is not a whole number of seats from 0 to {MAX_SEATS}",
    )
    checks.check(
        (available > total).fillna(False),
        "available_seats",
        "available_seats ({value}) cannot exceed total_seats",
    )
    cents = _price_cents(values["price"])
    checks.check(
        cents < 0,
        "price",
        f"{{value!r}} is not a price: a number from 0 to {MAX_PRICE - 0.01:.2f} with at most "
        "2 decimals, e.g. 349.99",
    )

    ok = checks.open.copy()
    departure_us = departure[ok].dt.as_unit("us").astype("int64").to_numpy()
    keys = pd.util.hash_pandas_object(
        pd.DataFrame({"number": number[ok].to_numpy(), "departure": departure_us}), index=False
    ).to_numpy()
    earlier = np.zeros(len(frame), np.int64)
    earlier[ok] = seen.earlier_lines(keys, lines[ok])
    checks.check(
        earlier > 0,
        "flight_number",
        "duplicate of line {ref}: the same flight_number and departure_ts",
        refs=earlier,
    )

    kept = checks.open[ok]
    ok = checks.open
    valid = pd.DataFrame(
        {
            "line": lines[ok],
            "flight_number": number[ok].to_numpy(),
            "source": source[ok].to_numpy(),
            "destination": destination[ok].to_numpy(),
            "departure_us": departure_us[kept],
            "arrival_us": arrival[ok].dt.as_unit("us").astype("int64").to_numpy(),
            "total_seats": total[ok].astype("int64").to_numpy(),
            "available_seats": available[ok].astype("int64").to_numpy(),
            "price_cents": cents[ok],
        }
    )
    return _Checked(valid=valid, rejected=checks.rows(lines))


_FLIGHT_COLUMNS = (
    "id, flight_number, source, destination, departure_ts, arrival_ts, total_seats, "
    "available_seats, seats_sold_outside, price"
)
# The upsert's input: rows in the form of `flights` (the COPY text of `_flight_rows`).
_STAGING_TABLE = """
CREATE TEMP TABLE IF NOT EXISTS import_staging (
    id uuid, flight_number text, source text, destination text, departure_ts timestamptz,
    arrival_ts timestamptz, total_seats int, available_seats int, seats_sold_outside int,
    price numeric(10, 2)
) ON COMMIT DELETE ROWS
"""
_COPY_OPTIONS = pa_csv.WriteOptions(include_header=False, delimiter="\t", quoting_style="none")
_HEX = np.array([f"{byte:02x}" for byte in range(256)], dtype="S2")


def _flight_rows(valid: pd.DataFrame) -> bytes:
    """The valid rows as COPY text in the columns `_FLIGHT_COLUMNS`, each with an id for a new
    flight. Written by Arrow: no value holds a tab, a newline or a backslash (the codes passed
    their patterns, the rest are numbers, times and hex digits)."""
    units, cents = np.divmod(valid["price_cents"].to_numpy(), 100)
    columns = {
        "id": pa.array(_new_ids(len(valid)), pa.binary()),
        **{c: pa.array(valid[c]) for c in ("flight_number", "source", "destination")},
        **{f"{c}_ts": _utc_text(valid[f"{c}_us"]) for c in ("departure", "arrival")},
        **{c: pa.array(valid[c]) for c in ("total_seats", "available_seats")},
        # A new flight's seats not available were sold before it came here; an update keeps
        # the flight's own figure (`_UPSERT` does not set it).
        "seats_sold_outside": pa.array(valid["total_seats"] - valid["available_seats"]),
        "price": pc.binary_join_element_wise(
            pa.array(units).cast(pa.string()),
            pc.utf8_lpad(pa.array(cents).cast(pa.string()), 2, "0"),
            ".",
        ),
    }
    out = pa.BufferOutputStream()
    pa_csv.write_csv(pa.table(columns), out, _COPY_OPTIONS)
    return out.getvalue().to_pybytes()


def _utc_text(microseconds: pd.Series) -> pa.Array:
    """Instants as text with their UTC offset, e.g. 2027-03-01 08:30:00.000000+00 (Arrow writes
    a time-zoned column ten times slower, looking the zone up for each value)."""
    naive = pa.array(microseconds).cast(pa.timestamp("us")).cast(pa.string())
    return pc.binary_join_element_wise(naive, "+00", "")


def _new_ids(count: int) -> np.ndarray:
    """Time-ordered UUIDs (the UUIDv7 layout: Unix milliseconds, the row's position in the
    chunk, random bits) as 32 hex digits. New flights then land at the right edge of the primary
    key's index, which stays in memory, instead of on random pages of it (gen_random_uuid also
    costs PostgreSQL about 1 µs a row)."""
    position = np.arange(count, dtype=np.uint64)
    random = np.random.default_rng().integers(0, 1 << 44, count, dtype=np.uint64)
    ids = np.empty((count, 2), dtype=">u8")
    ids[:, 0] = (np.uint64(time.time_ns() // 1_000_000) << 16) | 0x7000 | (position >> 18)
    ids[:, 1] = (1 << 63) | ((position & 0x3FFFF) << 44) | random
    return _HEX[ids.view(np.uint8)].view("S32").ravel()


_SAME_FLIGHT = "f.flight_number = s.flight_number AND f.departure_ts = s.departure_ts"
_CHANGED = (
    "(f.source, f.destination, f.arrival_ts, f.price, f.total_seats) IS DISTINCT FROM "
    "(excluded.source, excluded.destination, excluded.arrival_ts, excluded.price, "
    "excluded.total_seats)"
)
# Seats already sold stay sold: an update keeps them (available = new total - sold) and is
# refused (the WHERE) when the new total is below them. A row that changes nothing is not
# written at all (a re-import then costs key lookups, not a new version of every flight); it
# counts as updated. The key order (the same as the new flights' COPY) limits lock waits between
# concurrent imports; `xmax = 0` tells a new row from an updated one.
_UPSERT = f"""
WITH upserted AS (
    INSERT INTO flights AS f ({_FLIGHT_COLUMNS})
    SELECT {_FLIGHT_COLUMNS} FROM import_staging
    ORDER BY flight_number COLLATE "C", departure_ts
    ON CONFLICT (flight_number, departure_ts) DO UPDATE SET
        source = excluded.source,
        destination = excluded.destination,
        arrival_ts = excluded.arrival_ts,
        price = excluded.price,
        total_seats = excluded.total_seats,
        available_seats = excluded.total_seats - (f.total_seats - f.available_seats),
        version = f.version + 1,
        updated_at = now()
    WHERE f.total_seats - f.available_seats <= excluded.total_seats AND {_CHANGED}
    RETURNING f.xmax = 0 AS inserted
)
SELECT count(*) FILTER (WHERE inserted), count(*) FILTER (WHERE NOT inserted) FROM upserted
"""
_DRY_RUN_COUNTS = f"""
SELECT count(*) FILTER (WHERE f.id IS NULL),
       count(*) FILTER (WHERE f.total_seats - f.available_seats <= s.total_seats)
FROM import_staging s LEFT JOIN flights f ON {_SAME_FLIGHT}
"""
# The staged rows refused because their flight has sold more seats than their total (after the
# upsert too: it locked those flights and left them as they were).
_BLOCKED = f"""
SELECT s.flight_number, (extract(epoch FROM s.departure_ts) * 1000000)::bigint, s.total_seats,
       f.total_seats - f.available_seats AS sold
FROM import_staging s JOIN flights f ON {_SAME_FLIGHT}
WHERE f.total_seats - f.available_seats > s.total_seats
"""
_REJECTION_COLUMNS = ("line", "column", "value", "reason", "raw")


@dataclass
class _Chunk:
    """A chunk of the file ready to write: its last record number, its rows as read (for the
    errors CSV), the valid rows (in key order) and the same as COPY text for `flights`, and the
    rejected rows."""

    records: int
    frame: pd.DataFrame
    valid: pd.DataFrame
    rows: bytes
    rejected: list[dict[str, Any]]


@dataclass
class _Progress:
    processed: int
    reported: int


def run_import(*, job_id: uuid.UUID) -> None:
    """Run a QUEUED job, or resume a RUNNING one after its last committed chunk.

    A job already finished is left as it is, so a redelivered message is harmless. The job uses
    one connection of its own throughout: it holds the job's advisory lock and the staging table.
    The connection is discarded at the end, which releases both whatever happened. A second
    delivery while the job runs finds the lock taken and returns at once: waiting and retrying
    would end in the dead-letter hook failing a job that is running well. If the holder dies,
    its connection closes, the lock goes with it, and its message comes back (broker heartbeat)
    or the sweep sends the job again.
    """
    with engine.connect() as conn:
        try:
            _run(conn, job_id)
        finally:
            conn.invalidate()


def _run(conn: Connection, job_id: uuid.UUID) -> None:
    locked = conn.execute(
        text("SELECT pg_try_advisory_lock(hashtextextended(:key, 0))"), {"key": f"import:{job_id}"}
    ).scalar_one()
    if not locked:
        logger.info("import %s is being run by another delivery; nothing to do", job_id)
        return
    claimed = conn.execute(
        text(
            "UPDATE import_jobs SET status = 'RUNNING', updated_at = now(), "
            "started_at = coalesce(started_at, now()) "
            "WHERE id = :job AND status IN ('QUEUED', 'RUNNING') "
            "RETURNING dry_run, processed_rows, jsonb_array_length(errors) AS reported"
        ),
        {"job": job_id},
    ).first()
    if claimed is None:
        conn.commit()
        return
    conn.execute(text(_STAGING_TABLE))
    conn.commit()
    progress = _Progress(processed=claimed.processed_rows, reported=claimed.reported)
    chunks = _chunks(job_id=job_id, resume_after=claimed.processed_rows)
    records = claimed.processed_rows
    # The next chunk is read and checked in a thread while this one is written: pandas, Arrow
    # and psycopg release the GIL, so the two overlap. Chunks still commit one by one, in order.
    try:
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="import-read") as reader:
            pending = reader.submit(next, chunks, None)
            while (chunk := pending.result()) is not None:
                pending = reader.submit(next, chunks, None)
                records = chunk.records
                written = _write_chunk(
                    conn, job_id=job_id, dry_run=claimed.dry_run, chunk=chunk, progress=progress
                )
                conn.commit()
                if written:
                    invalidate_search_cache()
    except (pd.errors.ParserError, UnicodeDecodeError, InvalidFile) as error:
        conn.rollback()
        _finish(conn, job_id=job_id, failure=f"the file could not be read as CSV: {error}")
        return
    finally:
        chunks.close()
    _finish(conn, job_id=job_id, total=records)


def _chunks(*, job_id: uuid.UUID, resume_after: int) -> Generator[_Chunk]:
    """The job's file, read from the database (on a connection of its own) and checked, chunk
    by chunk. The chunks up to record `resume_after`, committed before an interruption, are
    checked only to learn their flights (for the duplicate check) and not yielded."""
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        stream = io.BufferedReader(_StoredFile(conn, job_id), buffer_size=1024 * 1024)
        names = parse_header(stream.readline())
        columns = [*names, EXTRA]
        # pandas reads a header row with one more column than the file's: the C parser then pads
        # short rows and keeps a row's surplus values (an unquoted comma) in EXTRA, instead of
        # failing the whole file on one bad row.
        reader = pd.read_csv(
            io.BufferedReader(_Prefixed(",".join(columns).encode() + b"\n", stream)),
            header=0,
            names=columns,
            usecols=columns,
            dtype=str,
            na_filter=False,
            skip_blank_lines=False,
            chunksize=settings.import_chunk_rows,
            encoding="utf-8",
            engine="c",
        )
        seen = _SeenFlights()
        for frame in reader:
            if not len(frame):
                continue
            records = int(frame.index[-1]) + 1
            checked = _check_chunk(frame, seen=seen)
            if records <= resume_after:
                continue
            first_line = resume_after + 2
            valid = checked.valid[checked.valid["line"] >= first_line]
            # Every import writes new flights in this order, so two importing the same new
            # flights wait for each other instead of deadlocking.
            valid = valid.sort_values(["flight_number", "departure_us"], ignore_index=True)
            yield _Chunk(
                records=records,
                frame=frame,
                valid=valid,
                rows=_flight_rows(valid) if len(valid) else b"",
                rejected=[r for r in checked.rejected if r["line"] >= first_line],
            )


def _write_chunk(
    conn: Connection, *, job_id: uuid.UUID, dry_run: bool, chunk: _Chunk, progress: _Progress
) -> int:
    """Upsert a chunk's valid rows and record its rejections and the job's progress, in the
    caller's transaction. Returns how many flights were written."""
    rejected = list(chunk.rejected)
    inserted = updated = 0
    cursor = _cursor(conn)
    valid = len(chunk.valid)
    blocked: list[Any] = []
    if valid and not dry_run and _copy_new_flights(conn, chunk.rows):
        inserted = valid
    elif valid:
        with cursor.copy("COPY import_staging FROM STDIN") as copy:
            copy.write(chunk.rows)
        if dry_run:
            inserted, updated = conn.execute(text(_DRY_RUN_COUNTS)).one()
            blocked = list(conn.execute(text(_BLOCKED)))
        else:
            inserted, changed = conn.execute(text(_UPSERT)).one()
            if inserted + changed < valid:
                blocked = list(conn.execute(text(_BLOCKED)))
            updated = valid - inserted - len(blocked)
    if blocked:
        keys = zip(chunk.valid["flight_number"], chunk.valid["departure_us"], strict=True)
        line_of = dict(zip(keys, chunk.valid["line"], strict=True))
    for number, departure_us, total, sold in blocked:
        line = int(line_of[number, departure_us])
        rejected.append(
            {
                "line": line,
                "column": "total_seats",
                "value": str(total),
                "reason": f"total_seats {total} is below the {sold} seats already sold "
                "on this flight",
                "raw": _raw_fields(chunk.frame.loc[[line - 2]])[0],
            }
        )
    rejected.sort(key=lambda r: r["line"])
    if rejected:
        statement = f"COPY import_rejections (job_id, {', '.join(_REJECTION_COLUMNS)}) FROM STDIN"
        with cursor.copy(statement.replace("column", '"column"')) as copy:
            for row in rejected:
                copy.write_row([job_id, *(row[c] for c in _REJECTION_COLUMNS)])
    cursor.close()
    shown = rejected[: max(settings.import_max_reported_errors - progress.reported, 0)]
    conn.execute(
        text(
            "UPDATE import_jobs SET processed_rows = :records, updated_at = now(), "
            "inserted_rows = inserted_rows + :inserted, updated_rows = updated_rows + :updated, "
            "rejected_rows = rejected_rows + :rejected, "
            "errors = errors || CAST(:errors AS jsonb) WHERE id = :job"
        ),
        {
            "job": job_id,
            "records": chunk.records,
            "inserted": inserted,
            "updated": updated,
            "rejected": len(rejected),
            "errors": json.dumps(
                [{k: r[k] for k in ("line", "column", "value", "reason")} for r in shown]
            ),
        },
    )
    progress.processed = chunk.records
    progress.reported += len(shown)
    return 0 if dry_run else inserted + updated


def _copy_new_flights(conn: Connection, rows: bytes) -> bool:
    """COPY the rows straight into `flights`, in a savepoint of the chunk's transaction, if none
    of them exists yet: the common case of a file of new flights, written as fast as `flights`
    can take rows. False (having written nothing) when a flight already exists, for the staged
    upsert to do."""
    try:
        statement = f"COPY flights ({_FLIGHT_COLUMNS}) FROM STDIN"
        with conn.begin_nested(), _cursor(conn) as cursor, cursor.copy(statement) as copy:
            copy.write(rows)
    except errors.UniqueViolation:
        return False
    return True


def _cursor(conn: Connection) -> psycopg.Cursor[Any]:
    """A psycopg cursor on the connection, for COPY (SQLAlchemy has no COPY)."""
    return conn.connection.driver_connection.cursor()  # type: ignore[union-attr]


def _finish(
    conn: Connection, *, job_id: uuid.UUID, total: int | None = None, failure: str | None = None
) -> None:
    """Mark the job SUCCEEDED (or FAILED with the reason) and drop its stored file."""
    conn.execute(
        text(
            "UPDATE import_jobs SET status = :status, error_message = :failure, "
            "total_rows = coalesce(:total, total_rows), "
            "processed_rows = coalesce(:total, processed_rows), "
            "finished_at = now(), updated_at = now() "
            "WHERE id = :job AND status IN ('QUEUED', 'RUNNING')"
        ),
        {
            "job": job_id,
            "status": ImportStatus.FAILED if failure else ImportStatus.SUCCEEDED,
            "failure": failure,
            "total": total,
        },
    )
    conn.execute(text("DELETE FROM import_file_chunks WHERE job_id = :job"), {"job": job_id})
    conn.commit()


def fail_job(*, job_id: uuid.UUID, reason: str) -> None:
    """Give up on a job that could not finish (its message failed for good)."""
    with engine.connect() as conn:
        _finish(conn, job_id=job_id, failure=reason)


def mark_unsent(session: Session, *, job_id: uuid.UUID) -> None:
    """Record that no message could be sent for the job (Redis unreachable): the sweep's next
    pass sends it (the caller commits)."""
    session.execute(text("UPDATE import_jobs SET unsent = true WHERE id = :job"), {"job": job_id})


def mark_sent(session: Session, *, job_ids: list[uuid.UUID]) -> None:
    session.execute(
        text("UPDATE import_jobs SET unsent = false WHERE id = ANY(:jobs) AND unsent"),
        {"jobs": job_ids},
    )


def stale_jobs(session: Session, *, older_than: timedelta) -> list[uuid.UUID]:
    """Jobs QUEUED or RUNNING that no worker holds and that either no message was ever sent for
    (`unsent`) or made no progress for `older_than`: their message was lost (with Redis, say),
    so the sweep sends them again. A job a worker is running holds its advisory lock, and is
    left alone however slow it is.

    A job never sent is sent on the next pass; any other QUEUED job may be waiting its turn
    behind other imports, so it is sent again only after `older_than`, not on every pass
    (each extra message would cost a queue slot, then do nothing)."""
    rows = session.execute(
        text(
            "SELECT id FROM import_jobs WHERE status IN ('QUEUED', 'RUNNING') "
            "AND (unsent OR updated_at < now() - make_interval(secs => :seconds)) "
            "AND pg_try_advisory_xact_lock(hashtextextended('import:' || id::text, 0)) "
            "ORDER BY created_at"
        ),
        {"seconds": older_than.total_seconds()},
    )
    return [row.id for row in rows]
