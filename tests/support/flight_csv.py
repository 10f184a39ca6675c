"""Flight CSV files for import tests: valid rows by number, and helpers to upload and wait."""

import csv
import io
import time
import uuid
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlmodel import Session

from core.imports.models import ImportJob, ImportStatus
from core.imports.upload import CSV_COLUMNS, store_file

HEADER = ",".join(CSV_COLUMNS)
ROUTES = [("LHR", "JFK"), ("CDG", "SIN"), ("SYD", "AKL"), ("GRU", "EZE"), ("NRT", "HKG")]
BASE = datetime(2027, 3, 1, 9, 30, tzinfo=UTC)


def flight_row(
    i: int, *, seats: int = 180, available: int | None = None, price: str = "99.50"
) -> str:
    """The i-th of a family of distinct valid flights (flight number AB1, AB2, … by i)."""
    letters = chr(65 + (i // 9999) // 26 % 26) + chr(65 + (i // 9999) % 26)
    source, destination = ROUTES[i % len(ROUTES)]
    departure = BASE + timedelta(minutes=i)
    arrival = departure + timedelta(hours=7)
    return ",".join(
        [
            f"{letters}{i % 9999 + 1}",
            source,
            destination,
            departure.isoformat(),
            arrival.astimezone(UTC).isoformat().replace("+00:00", "Z"),
            str(seats),
            str(seats if available is None else available),
            price,
        ]
    )


def flights_csv(count: int, *, start: int = 0) -> bytes:
    rows = [flight_row(i) for i in range(start, start + count)]
    return ("\n".join([HEADER, *rows]) + "\n").encode()


def store_job(
    session: Session, data: bytes, *, filename: str = "flights.csv", dry_run: bool = False
) -> uuid.UUID:
    """Create a QUEUED job holding `data`, as an upload does, and commit it."""
    job = store_file(
        session, file=io.BytesIO(data), filename=filename, created_by=None, dry_run=dry_run
    )
    session.commit()
    return job.id


def wait_for_job(session: Session, job_id: uuid.UUID, *, timeout: float = 120) -> ImportJob:
    """Poll the job until it is SUCCEEDED or FAILED (generous deadline: the machine is shared)."""
    deadline = time.monotonic() + timeout
    while True:
        session.expire_all()
        job = session.get_one(ImportJob, job_id)
        if job.status in (ImportStatus.SUCCEEDED, ImportStatus.FAILED):
            return job
        if time.monotonic() > deadline:
            raise TimeoutError(f"import {job_id} still {job.status} after {timeout}s")
        time.sleep(0.1)


def assert_flights_match_file(shown: list[dict[str, Any]], text: str) -> None:
    """The flights an API listing shows are exactly the file's rows, field by field: the same
    instants (whatever offset each side writes them with), seats, and prices to the cent."""
    rows = list(csv.DictReader(io.StringIO(text)))
    by_key = {(f["flight_number"], datetime.fromisoformat(f["departure_ts"])): f for f in shown}
    assert len(by_key) == len(rows) == len(shown)
    for row in rows:
        departure = datetime.fromisoformat(row["departure_ts"])
        flight = by_key[row["flight_number"].strip().upper(), departure]
        total = int(row["total_seats"])
        expected = {
            "source": row["source"].strip().upper(),
            "destination": row["destination"].strip().upper(),
            "arrival_ts": datetime.fromisoformat(row["arrival_ts"]),
            "total_seats": total,
            "available_seats": int(row.get("available_seats") or total),
            "price": Decimal(row["price"]),
        }
        actual = {
            "source": flight["source"],
            "destination": flight["destination"],
            "arrival_ts": datetime.fromisoformat(flight["arrival_ts"]),
            "total_seats": flight["total_seats"],
            "available_seats": flight["available_seats"],
            "price": Decimal(flight["price"]),
        }
        assert actual == expected, (row, flight)
