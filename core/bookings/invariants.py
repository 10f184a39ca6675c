"""The invariants every flight and booking must satisfy, checked over the whole database.

For every flight, `total_seats = available_seats + seats_sold_outside + seats of its HELD and
CONFIRMED bookings`, with `available_seats >= 0` and `seats_sold_outside >= 0`: no seat is sold
twice and none is lost. And no booking is still PENDING, nor a cancel still undone, long after
it was asked for: a quiet system has decided everything. `python -m core.cli check-invariants` runs
these checks (after the test suite, the load test and the benchmarks) and exits non-zero,
naming the flights, on any violation.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Connection, text
from sqlmodel import Session

_SEAT_VIOLATIONS = text(
    """
    SELECT f.flight_number, f.departure_ts, f.id, f.total_seats, f.available_seats,
           f.seats_sold_outside, coalesce(c.seats, 0) AS confirmed
    FROM flights f
    LEFT JOIN (
        SELECT flight_id, sum(seats) AS seats FROM bookings
        WHERE status IN ('HELD', 'CONFIRMED') GROUP BY flight_id
    ) c ON c.flight_id = f.id
    WHERE f.total_seats <> f.available_seats + f.seats_sold_outside + coalesce(c.seats, 0)
       OR f.available_seats < 0 OR f.seats_sold_outside < 0
    ORDER BY f.departure_ts, f.flight_number
    """
)

_UNDECIDED = text(
    """
    SELECT count(*) FILTER (WHERE status = 'PENDING' AND created_at < :cutoff),
           count(*) FILTER (WHERE status = 'CONFIRMED' AND cancel_requested_at < :cutoff)
    FROM bookings
    WHERE (status = 'PENDING' AND created_at < :cutoff)
       OR (status = 'CONFIRMED' AND cancel_requested_at < :cutoff)
    """
)


@dataclass(frozen=True)
class SeatViolation:
    flight_number: str
    departure_ts: datetime
    flight_id: object
    total_seats: int
    available_seats: int
    seats_sold_outside: int
    confirmed_seats: int

    def __str__(self) -> str:
        accounted = self.available_seats + self.seats_sold_outside + self.confirmed_seats
        return (
            f"flight {self.flight_number} departing {self.departure_ts.isoformat()} "
            f"({self.flight_id}): total_seats {self.total_seats} but available "
            f"{self.available_seats} + sold outside {self.seats_sold_outside} + held or "
            f"confirmed {self.confirmed_seats} = {accounted}"
        )


@dataclass(frozen=True)
class Report:
    seats: list[SeatViolation]
    # Bookings PENDING, and cancels requested and not carried out, for longer than allowed.
    pending: int
    cancels: int

    @property
    def ok(self) -> bool:
        return not self.seats and not self.pending and not self.cancels

    def lines(self) -> list[str]:
        lines = [str(violation) for violation in self.seats]
        if self.pending:
            lines.append(f"{self.pending} bookings are still PENDING")
        if self.cancels:
            lines.append(f"{self.cancels} requested cancels of CONFIRMED bookings are not done")
        return lines


def seat_violations(db: Session | Connection) -> list[SeatViolation]:
    """Every flight whose seats do not add up (an empty list when all do)."""
    return [SeatViolation(*row) for row in db.execute(_SEAT_VIOLATIONS)]


def check(db: Session | Connection, *, undecided_after: timedelta | None) -> Report:
    """The seat invariant over every flight and, unless `undecided_after` is None, the bookings
    and cancels still undecided that long after they were asked for (measured by the database's
    clock, as the timestamps are)."""
    pending = cancels = 0
    if undecided_after is not None:
        cutoff = db.execute(text("SELECT now() - :age"), {"age": undecided_after}).scalar_one()
        pending, cancels = db.execute(_UNDECIDED, {"cutoff": cutoff}).one()
    return Report(seats=seat_violations(db), pending=pending, cancels=cancels)
