"""Writing a checked chunk of flights: new flights are COPYed straight into `flights` (in key order,
with time-ordered ids); a chunk with a flight that already exists is COPYed into a temporary
staging table and upserted with one `INSERT … ON CONFLICT (flight_number, departure_ts) DO
UPDATE`. The chunk's rejected rows and the job's progress are written in the same transaction.
"""

import json
import time
import uuid
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
import psycopg
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv
from psycopg import errors
from sqlalchemy import Connection, text

from core.config import settings
from core.imports.validation import raw_fields

FLIGHT_COLUMNS = (
    "id, flight_number, source, destination, departure_ts, arrival_ts, total_seats, "
    "available_seats, seats_sold_outside, price"
)


# The upsert's input: rows in the form of `flights` (the COPY text of `flight_rows`).
STAGING_TABLE = """
CREATE TEMP TABLE IF NOT EXISTS import_staging (
    id uuid, flight_number text, source text, destination text, departure_ts timestamptz,
    arrival_ts timestamptz, total_seats int, available_seats int, seats_sold_outside int,
    price numeric(10, 2)
) ON COMMIT DELETE ROWS
"""


_COPY_OPTIONS = pa_csv.WriteOptions(include_header=False, delimiter="\t", quoting_style="none")


_HEX = np.array([f"{byte:02x}" for byte in range(256)], dtype="S2")


def flight_rows(valid: pd.DataFrame) -> bytes:
    """The valid rows as COPY text in the columns `FLIGHT_COLUMNS`, each with an id for a new
    flight. Written by Arrow: no value holds a tab, a newline or a backslash (the codes passed
    their patterns, the rest are numbers, times and hex digits)."""
    units, cents = np.divmod(valid["price_cents"].to_numpy(), 100)
    columns = {
        "id": pa.array(new_ids(len(valid)), pa.binary()),
        **{c: pa.array(valid[c]) for c in ("flight_number", "source", "destination")},
        **{f"{c}_ts": _utc_text(valid[f"{c}_us"]) for c in ("departure", "arrival")},
        **{c: pa.array(valid[c]) for c in ("total_seats", "available_seats")},
        # A new flight's seats not available were sold before it came here; an update keeps
        # the flight's own figure (`UPSERT` does not set it).
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


def new_ids(count: int) -> np.ndarray:
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
UPSERT = f"""
WITH upserted AS (
    INSERT INTO flights AS f ({FLIGHT_COLUMNS})
    SELECT {FLIGHT_COLUMNS} FROM import_staging
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
class Chunk:
    """A chunk of the file ready to write: its last record number, its rows as read (for the
    errors CSV), the valid rows (in key order) and the same as COPY text for `flights`, and the
    rejected rows."""

    records: int
    frame: pd.DataFrame
    valid: pd.DataFrame
    rows: bytes
    rejected: list[dict[str, Any]]


@dataclass
class Progress:
    processed: int
    reported: int


def write_chunk(
    conn: Connection, *, job_id: uuid.UUID, dry_run: bool, chunk: Chunk, progress: Progress
) -> int:
    """Upsert a chunk's valid rows and record its rejections and the job's progress, in the
    caller's transaction. Returns how many flights were written."""
    inserted, updated, blocked = _write_flights(conn, dry_run=dry_run, chunk=chunk)
    rejected = sorted(
        [*chunk.rejected, *_blocked_rows(chunk, blocked)], key=lambda row: row["line"]
    )
    if rejected:
        statement = f"COPY import_rejections (job_id, {', '.join(_REJECTION_COLUMNS)}) FROM STDIN"
        with (
            copy_cursor(conn) as cursor,
            cursor.copy(statement.replace("column", '"column"')) as copy,
        ):
            for row in rejected:
                copy.write_row([job_id, *(row[c] for c in _REJECTION_COLUMNS)])
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


def _write_flights(conn: Connection, *, dry_run: bool, chunk: Chunk) -> tuple[int, int, list[Any]]:
    """Write (or, on a dry run, count) the chunk's valid rows: how many are new, how many update
    a flight, and the rows refused because their flight sold more seats than their total."""
    valid = len(chunk.valid)
    if not valid:
        return 0, 0, []
    if not dry_run and _copy_new_flights(conn, chunk.rows):
        return valid, 0, []
    with copy_cursor(conn) as cursor, cursor.copy("COPY import_staging FROM STDIN") as copy:
        copy.write(chunk.rows)
    if dry_run:
        inserted, updated = conn.execute(text(_DRY_RUN_COUNTS)).one()
        return inserted, updated, list(conn.execute(text(_BLOCKED)))
    inserted, changed = conn.execute(text(UPSERT)).one()
    blocked = list(conn.execute(text(_BLOCKED))) if inserted + changed < valid else []
    return inserted, valid - inserted - len(blocked), blocked


def _blocked_rows(chunk: Chunk, blocked: list[Any]) -> list[dict[str, Any]]:
    """The refused rows as rejections, with their lines and their text as uploaded."""
    if not blocked:
        return []
    keys = zip(chunk.valid["flight_number"], chunk.valid["departure_us"], strict=True)
    line_of = dict(zip(keys, chunk.valid["line"], strict=True))
    rows = []
    for number, departure_us, total, sold in blocked:
        line = int(line_of[number, departure_us])
        rows.append(
            {
                "line": line,
                "column": "total_seats",
                "value": str(total),
                "reason": f"total_seats {total} is below the {sold} seats already sold "
                "on this flight",
                "raw": raw_fields(chunk.frame.loc[[line - 2]])[0],
            }
        )
    return rows


def _copy_new_flights(conn: Connection, rows: bytes) -> bool:
    """COPY the rows straight into `flights`, in a savepoint of the chunk's transaction, if none
    of them exists yet: the common case of a file of new flights, written as fast as `flights`
    can take rows. False (having written nothing) when a flight already exists, for the staged
    upsert to do."""
    try:
        statement = f"COPY flights ({FLIGHT_COLUMNS}) FROM STDIN"
        with conn.begin_nested(), copy_cursor(conn) as cursor, cursor.copy(statement) as copy:
            copy.write(rows)
    except errors.UniqueViolation:
        return False
    return True


def copy_cursor(conn: Connection) -> psycopg.Cursor[Any]:
    """A psycopg cursor on the connection, for COPY (SQLAlchemy has no COPY)."""
    return conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
