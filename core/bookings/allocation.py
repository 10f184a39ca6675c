"""Deciding orders, in workers. Every decision is taken under the flights' row locks (`SELECT …
FOR NO KEY UPDATE`), which serialise allocation, cancellation and an admin's flight cancel
across any number of worker processes and hosts, and which a booking INSERT (a `FOR KEY SHARE`
on the flight through the foreign key) never waits for. Whoever holds a flight's lock decides
the oldest PENDING orders whose lowest flight id it is, in arrival order (`seq`), up to a batch
size, in one transaction: first come, first served, one commit for many orders. An order with
several flights (a round trip, a multi-city trip) is decided as one: seats on all of them or on
none.

Fairness: orders are served in arrival order among those that one flight decides. An order
whose lowest flight is another competes for this flight's seats when that flight's allocator
runs, so between orders decided on different flights, "first" is the order in which the
allocators take their locks, not the order of arrival.

Every function here is safe to run twice: a decided order is never decided again.
"""

import uuid
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any, NamedTuple

from sqlalchemy import func, update
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from core.bookings.models import (
    FLIGHT_CANCELLED,
    FLIGHT_DEPARTED,
    SEAT_LIMIT,
    SEATED,
    SOLD_OUT,
    Booking,
    BookingStatus,
)
from core.config import settings
from core.dispatch import EXPIRE_HOLD, send_after_commit
from core.flights.models import Flight, FlightStatus
from core.orders.models import Order


def allocation_key(flight_id: uuid.UUID) -> str:
    """The key that keeps at most one "allocate for this flight" message waiting
    (`core.dispatch`): a booking recorded while it is set is decided by the waiting message,
    which clears it before it reads the flight's pending bookings."""
    return f"allocate:{flight_id}"


def booking_flight_id(session: Session, *, booking_id: uuid.UUID) -> uuid.UUID | None:
    return session.exec(select(Booking.flight_id).where(Booking.id == booking_id)).first()


def has_pending(session: Session, *, flight_id: uuid.UUID) -> bool:
    """Whether the flight has an undecided order to decide (one probe of the partial pending
    index)."""
    return (
        session.exec(
            select(Booking.id)
            .where(Booking.flight_id == flight_id, Booking.status == BookingStatus.PENDING)
            .where(col(Booking.decides_order))
            .limit(1)
        ).first()
        is not None
    )


@dataclass
class Decided:
    """What one batch decided: booking counts by outcome (every segment of an order counts),
    and the seats taken from each flight."""

    orders: int = 0
    confirmed: int = 0
    held: int = 0
    failed: int = 0
    cancelled: int = 0
    seats_taken: int = 0
    # Orders decided into HELD: each gets an expiry message once the batch commits.
    held_orders: list[uuid.UUID] = field(default_factory=list)
    # Orders (not segments) by outcome: (status, failure reason or None).
    by_outcome: Counter["Outcome"] = field(default_factory=Counter)

    @property
    def total(self) -> int:
        """Orders decided (a batch's size is counted in orders)."""
        return self.orders


class FlightState(NamedTuple):
    available: int
    status: str
    departed: bool


def lock_flight(session: Session, flight_id: uuid.UUID) -> FlightState | None:
    """Lock the flight row; its available seats, status and whether it has departed."""
    row = session.execute(
        sa_select(
            col(Flight.available_seats),
            col(Flight.status),
            (col(Flight.departure_ts) <= func.now()).label("departed"),
        )
        .where(col(Flight.id) == flight_id)
        .with_for_update(key_share=True)  # FOR NO KEY UPDATE: booking inserts do not wait
    ).first()
    return None if row is None else FlightState(row[0], row[1], bool(row[2]))


# A booking's new status and, when it failed, why.
Outcome = tuple[str, str | None]


class Segment(NamedTuple):
    booking_id: uuid.UUID
    flight_id: uuid.UUID
    seats: int


def decide_pending(session: Session, *, flight_id: uuid.UUID, limit: int) -> Decided:
    """Decide up to `limit` of the oldest PENDING orders this flight decides (those whose lowest
    flight id it is), in arrival order, in the caller's transaction.

    First come, first served: an order takes its seats on every one of its flights if they are
    all still there, otherwise it fails "sold out" and takes none (so a later request never
    gets seats an earlier, equal request was refused). An order whose cancel was requested
    while PENDING is cancelled without seats. An order that holds (`Order.hold`) is decided into
    HELD with an expiry, the others into CONFIRMED.

    Locks: this flight first, then the batch's other flights in ascending id order. Every
    flight an order needs has a higher id than the flight that decides it, so every allocator
    takes its locks in ascending order: no two can wait for each other.
    """
    decided = Decided()
    this = lock_flight(session, flight_id)
    if this is None:
        return decided
    batch = _pending_batch(session, flight_id=flight_id, limit=limit)
    others = _other_segments(session, order_ids=[row.order_id for row in batch])
    flights = {flight_id: this}
    for other in sorted({s.flight_id for segments in others.values() for s in segments}):
        state = lock_flight(session, other)
        if state is not None:
            flights[other] = state
    remaining = {f: state.available for f, state in flights.items()}
    held = SeatsHeld(session, users={row.user_id for row in batch}, flights=list(flights))
    outcomes: dict[Outcome, list[uuid.UUID]] = defaultdict(list)
    for booking_id, order_id, user_id, seats, cancel_requested_at, hold in batch:
        segments = [Segment(booking_id, flight_id, seats), *others.get(order_id, [])]
        outcome = _outcome(
            segments, flights=flights, remaining=remaining, cancel=cancel_requested_at, hold=hold
        )
        if outcome[0] in SEATED and not held.allows(user_id, segments):
            outcome = (BookingStatus.FAILED.value, SEAT_LIMIT)
        if outcome[0] in SEATED:
            held.add(user_id, segments)
            for segment in segments:
                remaining[segment.flight_id] -= segment.seats
        if outcome[0] == BookingStatus.HELD:
            decided.held_orders.append(order_id)
        outcomes[outcome] += [segment.booking_id for segment in segments]
        decided.by_outcome[outcome] += 1
    for other, state in flights.items():
        if taken := state.available - remaining[other]:
            _take_seats(session, flight_id=other, seats=taken)
    decided.seats_taken = this.available - remaining[flight_id]
    decided.orders = len(batch)
    _record(session, outcomes, decided)
    return decided


def _pending_batch(session: Session, *, flight_id: uuid.UUID, limit: int) -> list[Any]:
    """The oldest PENDING orders this flight decides, locked: each order's deciding segment
    with its traveller, seats, cancel request and whether it holds."""
    return list(
        session.execute(
            sa_select(
                Booking.id,
                Booking.order_id,
                Booking.user_id,
                Booking.seats,
                Booking.cancel_requested_at,
                Order.hold,
            )  # type: ignore[call-overload]
            .join(Order, col(Order.id) == Booking.order_id)
            .where(Booking.flight_id == flight_id, Booking.status == BookingStatus.PENDING)
            .where(col(Booking.decides_order))
            .order_by(Booking.seq)
            .limit(limit)
            .with_for_update(of=Booking)
        ).all()
    )


def seats_held(
    session: Session, *, users: list[uuid.UUID], flights: list[uuid.UUID]
) -> dict[tuple[uuid.UUID, uuid.UUID], int]:
    """The seats each of these travellers holds (HELD or CONFIRMED) on each of these flights, by
    (traveller, flight); none held is no entry."""
    rows = session.execute(
        sa_select(Booking.user_id, Booking.flight_id, func.sum(Booking.seats))  # type: ignore[call-overload]
        .where(col(Booking.user_id).in_(users), col(Booking.flight_id).in_(flights))
        .where(col(Booking.status).in_(SEATED))
        .group_by(Booking.user_id, Booking.flight_id)
    ).all()
    return {(user_id, flight_id): int(seats) for user_id, flight_id, seats in rows}


class SeatsHeld:
    """The seats each traveller of a batch holds (HELD or CONFIRMED) on each flight the batch
    locked, kept up to date as the batch seats orders, against SEATS_PER_TRAVELLER_PER_FLIGHT.
    Exact under the flights' locks: no other transaction seats anyone on them meanwhile."""

    def __init__(
        self, session: Session, *, users: set[uuid.UUID], flights: list[uuid.UUID]
    ) -> None:
        self.cap = settings.seats_per_traveller_per_flight
        self.seats: dict[tuple[uuid.UUID, uuid.UUID], int] = defaultdict(int)
        if self.cap > 0:
            self.seats.update(seats_held(session, users=list(users), flights=flights))

    def allows(self, user_id: uuid.UUID, segments: list[Segment]) -> bool:
        return self.cap <= 0 or all(
            self.seats[user_id, s.flight_id] + s.seats <= self.cap for s in segments
        )

    def add(self, user_id: uuid.UUID, segments: list[Segment]) -> None:
        for segment in segments:
            self.seats[user_id, segment.flight_id] += segment.seats


def _other_segments(
    session: Session, *, order_ids: list[uuid.UUID]
) -> dict[uuid.UUID, list[Segment]]:
    """The segments of these orders on other flights, locked: each order's other flights."""
    if not order_ids:
        return {}
    rows = session.execute(
        sa_select(Booking.order_id, Booking.id, Booking.flight_id, Booking.seats)  # type: ignore[call-overload]
        .where(col(Booking.order_id).in_(order_ids), ~col(Booking.decides_order))
        .order_by(Booking.flight_id)
        .with_for_update()
    ).all()
    segments: dict[uuid.UUID, list[Segment]] = defaultdict(list)
    for order_id, booking_id, flight_id, seats in rows:
        segments[order_id].append(Segment(booking_id, flight_id, seats))
    return segments


def _outcome(
    segments: list[Segment],
    *,
    flights: dict[uuid.UUID, FlightState],
    remaining: dict[uuid.UUID, int],
    cancel: object,
    hold: bool,
) -> Outcome:
    """What one pending order becomes, given the seats the batch has left on each flight."""
    if cancel is not None:
        return (BookingStatus.CANCELLED.value, None)
    states = [flights.get(segment.flight_id) for segment in segments]
    if any(state is None or state.status != FlightStatus.SCHEDULED for state in states):
        return (BookingStatus.FAILED.value, FLIGHT_CANCELLED)
    if any(state is not None and state.departed for state in states):
        return (BookingStatus.FAILED.value, FLIGHT_DEPARTED)
    if all(segment.seats <= remaining[segment.flight_id] for segment in segments):
        return ((BookingStatus.HELD if hold else BookingStatus.CONFIRMED).value, None)
    return (BookingStatus.FAILED.value, SOLD_OUT)


def _record(session: Session, outcomes: dict[Outcome, list[uuid.UUID]], decided: Decided) -> None:
    """Write the batch's outcomes (each order's segments get its status; the orders follow by
    trigger) and start the holds' clocks."""
    for (new_status, reason), ids in outcomes.items():
        session.execute(
            update(Booking)
            .where(col(Booking.id).in_(ids))
            .values(status=new_status, failure_reason=reason, decided_at=func.now())
        )
        if new_status == BookingStatus.CONFIRMED:
            decided.confirmed += len(ids)
        elif new_status == BookingStatus.HELD:
            decided.held += len(ids)
        elif new_status == BookingStatus.FAILED:
            decided.failed += len(ids)
        else:
            decided.cancelled += len(ids)
    if decided.held_orders:
        hold = timedelta(minutes=settings.order_hold_minutes)
        session.execute(
            update(Order)
            .where(col(Order.id).in_(decided.held_orders))
            .values(expires_at=func.now() + hold)
        )
        for order_id in decided.held_orders:  # the sweep sends any that is lost
            send_after_commit(session, EXPIRE_HOLD, order_id, delay=hold)


def _take_seats(session: Session, *, flight_id: uuid.UUID, seats: int) -> None:
    """One conditional UPDATE for the whole batch's seats."""
    taken = session.execute(
        update(Flight)
        .where(
            col(Flight.id) == flight_id,
            col(Flight.available_seats) >= seats,
            col(Flight.status) == FlightStatus.SCHEDULED,
            col(Flight.departure_ts) > func.now(),
        )
        .values(
            available_seats=col(Flight.available_seats) - seats,
            version=col(Flight.version) + 1,
        )
    )
    if taken.rowcount != 1:  # type: ignore[attr-defined]
        # Cannot happen while we hold the row lock; if it ever does, decide nothing.
        raise RuntimeError(f"flight {flight_id} changed under its row lock")


def return_seats(session: Session, *, flight_id: uuid.UUID, seats: int) -> None:
    """Put seats back on sale (a cancel, an expired hold, a settled flight), under the flight's
    row lock that the caller holds."""
    session.execute(
        update(Flight)
        .where(col(Flight.id) == flight_id)
        .values(
            available_seats=col(Flight.available_seats) + seats,
            version=col(Flight.version) + 1,
            updated_at=func.now(),
        )
    )


def fail_undecided(session: Session, *, booking_id: uuid.UUID, reason: str) -> bool:
    """Mark a booking's order FAILED with `reason`, every segment, if it is still PENDING (the
    dead-letter outcome). Takes no seats, so needs no flight lock."""
    order_id = select(Booking.order_id).where(Booking.id == booking_id).scalar_subquery()
    result = session.execute(
        update(Booking)
        .where(col(Booking.order_id) == order_id, col(Booking.status) == BookingStatus.PENDING)
        .values(status=BookingStatus.FAILED, failure_reason=reason, decided_at=func.now())
    )
    return bool(result.rowcount)  # type: ignore[attr-defined]
