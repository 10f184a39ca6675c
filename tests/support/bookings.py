"""Helpers for booking tests: wait for outcomes, check the seat invariant, see lock waits and
the queue drained."""

import os
import subprocess
import sys
import time
import uuid
from collections.abc import Callable

from sqlalchemy import func, text
from sqlmodel import Session, col, select

from core.bookings.models import Booking, BookingStatus
from core.db import get_engine
from core.flights.models import Flight
from core.redis import get_redis
from tests.support.processes import ROOT, Process


def wait_until(
    check: Callable[[], bool],
    *,
    timeout: float = 60,
    what: str = "condition",
    worker: Process | None = None,
) -> None:
    """Poll `check` with a generous deadline (the machine is shared and loaded); on failure,
    show the worker's output if there is one."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.05)
    output = f"\nworker output:\n{worker.output()}" if worker else ""
    raise AssertionError(f"{what} not reached within {timeout}s{output}")


def pending_count(*, flight_ids: list[uuid.UUID] | None = None) -> int:
    with Session(get_engine()) as session:
        query = select(func.count()).where(Booking.status == BookingStatus.PENDING)
        if flight_ids is not None:
            query = query.where(col(Booking.flight_id).in_(flight_ids))
        return session.exec(query).one()


def all_decided(flight_ids: list[uuid.UUID]) -> Callable[[], bool]:
    return lambda: pending_count(flight_ids=flight_ids) == 0


def assert_seat_invariant(flight_id: uuid.UUID) -> tuple[int, int]:
    """total - available == seats of CONFIRMED bookings, available never below zero.
    Returns (confirmed seats, available seats)."""
    with Session(get_engine()) as session:
        flight = session.get(Flight, flight_id)
        assert flight is not None
        confirmed = session.exec(
            select(func.coalesce(func.sum(Booking.seats), 0)).where(
                Booking.flight_id == flight_id, Booking.status == BookingStatus.CONFIRMED
            )
        ).one()
        assert flight.available_seats >= 0
        assert flight.total_seats - flight.available_seats == confirmed
        return confirmed, flight.available_seats


def lock_waiters() -> int:
    """Sessions of the suite's database waiting for a lock (a worker blocked on a row)."""
    with get_engine().connect() as conn:
        return conn.execute(
            text(
                "SELECT count(*) FROM pg_stat_activity "
                "WHERE datname = current_database() AND wait_event_type = 'Lock'"
            )
        ).scalar_one()


def broker_drained(queue: str = "bookings") -> bool:
    """Every message sent to the queue was processed and acknowledged (none waiting, none held
    by a worker, none delayed for a retry)."""
    names = [f"skyqueue:{queue}.msgs", f"skyqueue:{queue}.DQ.msgs"]
    return all(get_redis().hlen(name) == 0 for name in names)


def assert_invariants_hold(env: dict[str, str] | None = None) -> None:
    """`check-invariants` over the database (the suite's, or the one `env` names), with no
    undecided work allowed: every seat adds up and every order is decided."""
    check = subprocess.run(
        [sys.executable, "-m", "core.cli", "check-invariants", "--undecided-after", "0"],
        cwd=ROOT, env={**os.environ, **(env or {})}, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert check.returncode == 0, check.stdout + check.stderr
