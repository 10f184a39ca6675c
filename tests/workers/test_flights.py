"""Settling a cancelled flight: its PENDING bookings fail, its CONFIRMED ones are cancelled; a
settlement sent many times at once returns seats once; the sweep sends a lost one again."""

import logging
import random
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import httpx
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlmodel import Session, select

from api.main import app
from core.bookings.allocation import decide_pending, has_pending
from core.bookings.cancellation import SETTLE, settle_cancelled_flight
from core.bookings.models import FLIGHT_CANCELLED, Booking, BookingStatus
from core.bookings.sweep import UNSETTLED, unsettled_cancellations
from core.config import settings
from core.db import get_engine, session_scope
from core.flights.models import Flight, FlightStatus
from core.flights.service import cancel_flight
from tests.factories import auth_headers, make_booking, make_flight, make_user
from tests.support.bookings import broker_drained, wait_until
from tests.support.processes import free_port, running_api, running_worker
from workers.flights import settle_cancellation, sweep_cancellations
from workers.scheduler import sweep_once


def book_some(session: Session, flight: Flight) -> list[Booking]:
    user = make_user(session)
    return [
        make_booking(session, flight=flight, user=user, seats=2, status="PENDING"),
        make_booking(session, flight=flight, user=user, seats=3, status="CONFIRMED"),
        make_booking(session, flight=flight, user=user, seats=1, status="CONFIRMED"),
        make_booking(session, flight=flight, user=user, seats=4, status="FAILED"),
    ]


# What `book_some`'s bookings become once their flight's cancellation is settled.
SETTLED = [
    ("FAILED", FLIGHT_CANCELLED),
    ("CANCELLED", FLIGHT_CANCELLED),
    ("CANCELLED", FLIGHT_CANCELLED),
    ("FAILED", None),
]


def statuses(session: Session, bookings: list[Booking]) -> list[tuple[str, str | None]]:
    result = []
    for booking in bookings:
        session.refresh(booking)
        result.append((booking.status, booking.failure_reason))
    return result


def test_settling_fails_pending_cancels_confirmed_and_returns_seats(session):
    flight = make_flight(session, seats=20)
    bookings = book_some(session, flight)
    assert flight.available_seats == 16
    cancel_flight(session, flight_id=flight.id)
    settlement = settle_cancelled_flight(session, flight_id=flight.id)
    assert (settlement.failed, settlement.cancelled, settlement.seats_returned) == (1, 2, 4)
    assert statuses(session, bookings) == SETTLED
    session.refresh(flight)
    assert flight.available_seats == 20
    assert bookings[0].decided_at is not None


def test_settling_twice_changes_nothing_more(session):
    flight = make_flight(session, seats=20)
    book_some(session, flight)
    cancel_flight(session, flight_id=flight.id)
    settle_cancelled_flight(session, flight_id=flight.id)
    session.refresh(flight)
    version = flight.version
    again = settle_cancelled_flight(session, flight_id=flight.id)
    assert (again.failed, again.cancelled, again.seats_returned) == (0, 0, 0)
    session.refresh(flight)
    assert (flight.available_seats, flight.version) == (20, version)


def test_settling_a_scheduled_or_missing_flight_does_nothing(session):
    flight = make_flight(session, seats=20)
    bookings = book_some(session, flight)
    settle_cancelled_flight(session, flight_id=flight.id)
    assert [status for status, _ in statuses(session, bookings)] == [
        "PENDING",
        "CONFIRMED",
        "CONFIRMED",
        "FAILED",
    ]
    missing = settle_cancelled_flight(session, flight_id=bookings[0].id)
    assert missing.failed == 0


def unsettled(flight_id) -> int:
    with Session(get_engine()) as db:
        return len(
            db.exec(
                select(Booking).where(
                    Booking.flight_id == flight_id,
                    Booking.status.in_([BookingStatus.PENDING, BookingStatus.CONFIRMED]),  # type: ignore[attr-defined]
                )
            ).all()
        )


def test_admin_cancel_settles_bookings_through_a_real_worker(committed, worker):
    admin = make_user(committed, admin=True)
    flight = make_flight(committed, seats=20)
    bookings = book_some(committed, flight)
    with TestClient(app) as api:
        answer = api.post(f"/admin/flights/{flight.id}/cancel", headers=auth_headers(admin))
    assert answer.status_code == 202
    assert answer.json()["status"] == FlightStatus.CANCELLED
    wait_until(lambda: unsettled(flight.id) == 0, what="the flight settled", worker=worker)
    assert statuses(committed, bookings) == SETTLED
    committed.refresh(flight)
    assert flight.available_seats == 20
    # A redelivered message finds nothing left to do.
    version = flight.version
    settle_cancellation.send(str(flight.id))
    marker = make_flight(committed, seats=5)
    committed.execute(
        text("UPDATE flights SET status = 'CANCELLED' WHERE id = :id"), {"id": marker.id}
    )
    committed.commit()
    user = make_user(committed)
    probe = make_booking(committed, flight=marker, user=user, seats=1, status="PENDING")
    settle_cancellation.send(str(marker.id))  # queued after the redelivery: done means both ran
    wait_until(lambda: unsettled(marker.id) == 0, what="the flight settled", worker=worker)
    committed.refresh(flight)
    assert (flight.available_seats, flight.version) == (20, version)
    assert statuses(committed, [probe]) == [("FAILED", FLIGHT_CANCELLED)]


def decide_until_done(flight_id: uuid.UUID) -> int:
    """The production allocator, a small batch per transaction, until the flight has no
    PENDING booking left; returns how many bookings this caller decided."""
    decided = 0
    while True:
        with session_scope() as db:
            if not has_pending(db, flight_id=flight_id):
                return decided
            decided += decide_pending(db, flight_id=flight_id, limit=5).total


def test_cancel_racing_allocations_leaves_no_seat_held(committed, worker):
    """The allocator (`decide_pending`) deciding a flight's bookings from several threads while
    an admin cancels the flight: whatever the interleaving, every booking ends FAILED (decided
    after the cancel) or CANCELLED (confirmed before it, then settled), and every seat is back."""
    admin = make_user(committed, admin=True)
    user = make_user(committed)
    flight = make_flight(committed, seats=500, sold=50, price="10.00")
    pending = [
        make_booking(committed, flight=flight, user=user, seats=1 + n % 3) for n in range(120)
    ]
    flight_id = flight.id
    start = threading.Barrier(7)

    def allocate(_: int) -> int:
        start.wait()
        return decide_until_done(flight_id)

    def cancel() -> httpx.Response:
        start.wait()
        time.sleep(0.02)  # let the allocators get going: some bookings are confirmed first
        return api.post(f"/admin/flights/{flight_id}/cancel", headers=auth_headers(admin))

    with ThreadPoolExecutor(7) as pool, TestClient(app) as api:
        allocators = [pool.submit(allocate, n) for n in range(6)]
        answer = pool.submit(cancel).result()
        assert sum(a.result() for a in allocators) > 0
    assert answer.status_code == 202
    wait_until(lambda: unsettled(flight_id) == 0, what="the flight settled", worker=worker)
    committed.refresh(flight)
    assert flight.available_seats == 450  # every seat taken by a booking is back
    final = statuses(committed, pending)
    assert {status for status, _ in final} <= {BookingStatus.FAILED, BookingStatus.CANCELLED}
    assert {reason for _, reason in final} == {FLIGHT_CANCELLED}


def test_settling_skips_a_booking_another_transaction_holds_and_says_so(committed):
    """An allocation holding its booking row while waiting for the flight row must not deadlock
    with the settlement, which holds the flight row: the settlement leaves that booking."""
    flight = make_flight(committed, seats=20)
    user = make_user(committed)
    held = make_booking(committed, flight=flight, user=user, seats=2, status="PENDING")
    other = make_booking(committed, flight=flight, user=user, seats=3, status="CONFIRMED")
    flight_id, held_id = flight.id, held.id
    with Session(get_engine()) as db:
        cancel_flight(db, flight_id=flight_id)
        db.commit()
    with get_engine().connect() as holder:
        holder.begin()
        holder.execute(text("SELECT 1 FROM bookings WHERE id = :id FOR UPDATE"), {"id": held_id})
        with Session(get_engine()) as db:
            first = settle_cancelled_flight(db, flight_id=flight_id)
            db.commit()
        holder.rollback()
    assert (first.failed, first.cancelled, first.seats_returned, first.left) == (0, 1, 3, 1)
    with Session(get_engine()) as db:
        second = settle_cancelled_flight(db, flight_id=flight_id)
        db.commit()
    assert (second.failed, second.cancelled, second.left) == (1, 0, 0)
    assert statuses(committed, [held, other]) == [
        ("FAILED", FLIGHT_CANCELLED),
        ("CANCELLED", FLIGHT_CANCELLED),
    ]
    committed.refresh(flight)
    assert flight.available_seats == 20


# --- settlements lost or sent many times ------------------------------------------------------


def age(session: Session, flight: Flight, *, minutes: int) -> None:
    """Back-date the flight's last change (its cancel, or its last settlement)."""
    session.execute(
        text("UPDATE flights SET updated_at = now() - make_interval(mins => :m) WHERE id = :id"),
        {"m": minutes, "id": flight.id},
    )
    session.commit()


def cancelled_flight(session: Session, *, statuses: list[str], minutes_ago: int = 5) -> Flight:
    flight = make_flight(session, seats=20)
    user = make_user(session)
    for status in statuses:
        make_booking(session, flight=flight, user=user, seats=1, status=status)
    cancel_flight(session, flight_id=flight.id)
    age(session, flight, minutes=minutes_ago)
    return flight


def test_the_sweep_finds_only_cancelled_flights_with_bookings_left_to_settle(session):
    both = cancelled_flight(session, statuses=["PENDING", "CONFIRMED", "FAILED"], minutes_ago=9)
    confirmed = cancelled_flight(session, statuses=["CONFIRMED"], minutes_ago=7)
    pending = cancelled_flight(session, statuses=["PENDING", "CANCELLED"])
    cancelled_flight(session, statuses=["FAILED", "CANCELLED"])  # settled
    cancelled_flight(session, statuses=[])  # nothing to settle
    cancelled_flight(session, statuses=["CONFIRMED"], minutes_ago=0)  # its message may be coming
    scheduled = make_flight(session, seats=20)
    user = make_user(session)
    for status in ("PENDING", "CONFIRMED"):
        make_booking(session, flight=scheduled, user=user, seats=1, status=status)
    age(session, scheduled, minutes=5)

    found = unsettled_cancellations(session, older_than=timedelta(minutes=1))
    assert found == [both.id, confirmed.id, pending.id]  # longest waiting first
    settle_cancelled_flight(session, flight_id=confirmed.id)
    age(session, confirmed, minutes=7)
    assert unsettled_cancellations(session, older_than=timedelta(minutes=1)) == [
        both.id,
        pending.id,
    ]


def plan(session: Session, statement, params: dict) -> str:
    rows = session.execute(text(f"EXPLAIN {statement.text}"), params)
    return "\n".join(row[0] for row in rows)


def test_the_sweep_and_the_settlement_read_bookings_through_partial_indexes(session):
    cancelled_flight(session, statuses=["PENDING", "CONFIRMED"])
    # Tiny tables are cheapest to scan whole; forbid that, to see which indexes serve the query.
    session.execute(text("SET LOCAL enable_seqscan = off"))
    sweep = plan(session, UNSETTLED, {"seconds": 30})
    assert "ix_flights_cancelled" in sweep
    assert "ix_bookings_live_by_flight" in sweep
    assert "Seq Scan" not in sweep
    settle = plan(session, SETTLE, {"id": uuid.uuid4(), "reason": FLIGHT_CANCELLED})
    assert "ix_bookings_live_by_flight" in settle
    assert "Seq Scan" not in settle


def live_bookings(session: Session, flight: Flight, *, count: int, seed: int) -> list[Booking]:
    """`count` bookings of 1 to 3 seats on the flight, a quarter PENDING, the rest CONFIRMED."""
    rng = random.Random(seed)
    user = make_user(session)
    return [
        make_booking(
            session,
            flight=flight,
            user=user,
            seats=rng.randint(1, 3),
            status="PENDING" if n % 4 == 0 else "CONFIRMED",
        )
        for n in range(count)
    ]


def test_settlements_run_at_once_return_each_seat_exactly_once(committed):
    """Several settlements of one flight at once (the original message, redeliveries, the
    sweep's): each confirmed booking's seats come back once, nothing is left pending."""
    flight = make_flight(committed, seats=300, sold=100)  # 100 seats sold elsewhere
    bookings = live_bookings(committed, flight, count=60, seed=11)
    confirmed = [b for b in bookings if b.status == BookingStatus.CONFIRMED]
    held = sum(b.seats for b in confirmed)
    committed.refresh(flight)
    assert flight.available_seats == 200 - held
    cancel_flight(committed, flight_id=flight.id)
    committed.commit()
    flight_id = flight.id
    start = threading.Barrier(8)

    def settle(_: int):
        start.wait()
        with session_scope() as db:
            return settle_cancelled_flight(db, flight_id=flight_id)

    with ThreadPoolExecutor(8) as pool:
        settlements = list(pool.map(settle, range(8)))
    assert sum(s.cancelled for s in settlements) == len(confirmed)
    assert sum(s.failed for s in settlements) == len(bookings) - len(confirmed)
    assert sum(s.seats_returned for s in settlements) == held
    assert {s.left for s in settlements} == {0}
    assert unsettled(flight_id) == 0
    committed.refresh(flight)
    assert flight.available_seats == 200 <= flight.total_seats


@pytest.mark.e2e
def test_duplicate_settlement_messages_and_the_sweep_return_seats_once(committed, worker):
    flight = make_flight(committed, seats=300, sold=50)
    bookings = live_bookings(committed, flight, count=80, seed=5)
    cancel_flight(committed, flight_id=flight.id)
    committed.commit()
    age(committed, flight, minutes=1)
    assert sweep_cancellations(older_than=timedelta(0)) == [flight.id]
    for _ in range(5):  # the original message and its redeliveries, on 4 worker threads
        settle_cancellation.send(str(flight.id))
    wait_until(
        lambda: unsettled(flight.id) == 0 and broker_drained(),
        what="the flight settled",
        worker=worker,
    )
    committed.refresh(flight)
    assert flight.available_seats == 250 <= flight.total_seats
    assert {status for status, _ in statuses(committed, bookings)} == {"FAILED", "CANCELLED"}
    assert sweep_cancellations(older_than=timedelta(0)) == []


@pytest.mark.e2e
def test_cancel_with_the_broker_down_answers_202_and_the_sweep_settles_it(
    committed, tmp_path, monkeypatch, caplog
):
    admin = make_user(committed, admin=True)
    flight = make_flight(committed, seats=20)
    bookings = book_some(committed, flight)
    unreachable = {"REDIS_URL": f"redis://127.0.0.1:{free_port()}/0"}  # nothing listens there
    with running_api(tmp_path / "api.log", env=unreachable, expect_status=503) as base_url:
        answer = httpx.post(
            f"{base_url}/admin/flights/{flight.id}/cancel", headers=auth_headers(admin), timeout=30
        )
        assert answer.status_code == 202, answer.text
        assert (answer.json()["id"], answer.json()["status"]) == (str(flight.id), "CANCELLED")
    assert broker_drained(), "nothing reached the real broker"
    assert unsettled(flight.id) == 3  # cancelled, not settled: no worker was told

    # Redis is back (the real one): the sweep's next pass sends the settlement.
    monkeypatch.setattr(settings, "booking_sweep_after_seconds", 0)
    with running_worker(tmp_path / "worker.log") as worker, caplog.at_level(logging.INFO):
        sweep_once()
        wait_until(lambda: unsettled(flight.id) == 0, what="the flight settled", worker=worker)
    assert "re-enqueued the settlement of 1 cancelled flights" in caplog.text
    assert statuses(committed, bookings) == SETTLED
    committed.refresh(flight)
    assert flight.available_seats == 20
