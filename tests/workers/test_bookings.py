"""Booking actors with real `dramatiq` worker processes on the suite's PostgreSQL and Redis:
duplicate delivery, first come first served across threads, dead letters, the sweep, and a
worker SIGKILLed while bookings are in flight."""

import os
import random
import subprocess
import sys
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import text
from sqlmodel import Session, select

from core.bookings.models import SOLD_OUT, Booking, BookingStatus
from core.config import settings
from core.db import get_engine
from core.flights.models import Flight
from core.redis import get_redis
from tests.factories import make_booking, make_flight, make_user
from tests.support.bookings import (
    all_decided,
    assert_seat_invariant,
    broker_drained,
    lock_waiters,
    pending_count,
    wait_until,
)
from tests.support.processes import ROOT, running_worker, start_worker
from workers.bookings import allocate_seats, cancel_seats

pytestmark = pytest.mark.e2e


def snapshot(flight: Flight, booking: Booking) -> tuple:
    with Session(get_engine()) as session:
        f = session.get(Flight, flight.id)
        b = session.get(Booking, booking.id)
        return (f.available_seats, f.version, f.updated_at, b.status, b.decided_at, b.updated_at)


def run_sweep(**env: str) -> None:
    subprocess.run(
        [sys.executable, "-m", "workers.scheduler", "--once"],
        cwd=ROOT,
        check=True,
        timeout=60,
        env={**os.environ, **env},
    )


def test_actor_run_twice_decides_once(committed):
    flight = make_flight(committed, seats=5)
    booking = make_booking(committed, user=make_user(committed), flight=flight, seats=2)
    allocate_seats(str(booking.id))
    first = snapshot(flight, booking)
    assert (first[0], first[3]) == (3, BookingStatus.CONFIRMED)
    allocate_seats(str(booking.id))
    assert snapshot(flight, booking) == first


def test_a_long_queue_is_handed_on_to_a_new_message_after_the_time_budget(committed, monkeypatch):
    flight = make_flight(committed, seats=50)
    user = make_user(committed)
    bookings = [make_booking(committed, user=user, flight=flight) for _ in range(5)]
    monkeypatch.setattr(settings, "booking_batch_size", 2)
    monkeypatch.setattr(settings, "booking_allocate_budget_ms", 0)
    queued = get_redis().hlen("skyqueue:bookings.msgs")
    allocate_seats(str(bookings[0].id))
    assert pending_count(flight_ids=[flight.id]) == 3  # one batch, then handed on
    assert get_redis().hlen("skyqueue:bookings.msgs") == queued + 1
    allocate_seats(str(bookings[0].id))  # what the handed-on message does
    assert pending_count(flight_ids=[flight.id]) == 1
    monkeypatch.setattr(settings, "booking_allocate_budget_ms", 60_000)
    allocate_seats(str(bookings[0].id))
    assert pending_count(flight_ids=[flight.id]) == 0
    assert assert_seat_invariant(flight.id) == (5, 45)


def test_same_message_delivered_twice_changes_nothing_the_second_time(committed, tmp_path):
    flight = make_flight(committed, seats=5)
    booking = make_booking(committed, user=make_user(committed), flight=flight, seats=2)
    allocate_seats.send(str(booking.id))
    allocate_seats.send(str(booking.id))
    with running_worker(tmp_path / "worker.log", threads=2):
        wait_until(broker_drained, what="both messages processed")
        decided = snapshot(flight, booking)
        assert decided[:2] == (3, 2)  # two seats taken by one UPDATE: version 1 -> 2
        assert decided[3] == BookingStatus.CONFIRMED
        allocate_seats.send(str(booking.id))  # a late redelivery
        wait_until(broker_drained, what="the late redelivery processed")
        assert snapshot(flight, booking) == decided


def test_bookings_are_decided_in_arrival_order_across_threads_and_batches(committed, tmp_path):
    flight = make_flight(committed, seats=20)
    user = make_user(committed)
    rng = random.Random(7)
    bookings = [
        make_booking(committed, user=user, flight=flight, seats=rng.randint(1, 3))
        for _ in range(40)
    ]
    for booking in bookings:  # one message each: many threads race for the flight's lock
        allocate_seats.send(str(booking.id))
    env = {"BOOKING_BATCH_SIZE": "3"}
    with running_worker(tmp_path / "worker.log", processes=1, threads=4, env=env):
        wait_until(all_decided([flight.id]), what="all decided")

    expected, remaining = [], 20
    for booking in bookings:  # first fit, in the order the requests arrived
        fits = booking.seats <= remaining
        remaining -= booking.seats if fits else 0
        expected.append(BookingStatus.CONFIRMED if fits else BookingStatus.FAILED)
    with Session(get_engine()) as session:
        decided = {b.id: b for b in session.exec(select(Booking)).all()}
    assert [decided[b.id].status for b in bookings] == expected
    assert {decided[b.id].failure_reason for b in bookings if decided[b.id].status == "FAILED"} == {
        SOLD_OUT
    }
    assert assert_seat_invariant(flight.id) == (20 - remaining, remaining)


def test_a_message_given_up_leaves_its_booking_failed_with_a_reason(committed, tmp_path):
    flight = make_flight(committed, seats=5)
    booking = make_booking(committed, user=make_user(committed), flight=flight)
    env = {"DB_LOCK_TIMEOUT_MS": "300", "BROKER_MAX_RETRIES": "1"}
    with get_engine().connect() as admin_cancelling, running_worker(tmp_path / "w.log", env=env):
        # Someone holds the flight's row lock for longer than the worker will wait, twice.
        admin_cancelling.execute(
            text("SELECT 1 FROM flights WHERE id = :id FOR UPDATE"), {"id": flight.id}
        )
        allocate_seats.send(str(booking.id))

        def failed() -> bool:
            with Session(get_engine()) as session:
                return session.get(Booking, booking.id).status == BookingStatus.FAILED

        wait_until(failed, what="the dead letter")
        admin_cancelling.rollback()
    with Session(get_engine()) as session:
        given_up = session.get(Booking, booking.id)
        assert given_up.failure_reason.startswith("could not be processed")
    assert assert_seat_invariant(flight.id) == (0, 5)


def test_sweep_enqueues_bookings_and_cancels_whose_messages_were_lost(committed, tmp_path):
    long_ago = datetime.now(UTC) - timedelta(minutes=10)
    user = make_user(committed)
    flight = make_flight(committed, seats=5)
    to_cancel = make_booking(committed, user=user, flight=flight, seats=2)
    quiet = make_flight(committed, seats=2)
    lost = [make_booking(committed, user=user, flight=quiet, created_at=long_ago) for _ in range(3)]
    with running_worker(tmp_path / "worker.log"):
        allocate_seats.send(str(to_cancel.id))
        wait_until(all_decided([flight.id]), what="the first allocation")
        with Session(get_engine()) as session:  # a cancel request whose message was lost
            session.get(Booking, to_cancel.id).cancel_requested_at = long_ago
            session.commit()
        assert assert_seat_invariant(flight.id) == (2, 3)
        assert not all_decided([quiet.id])()
        run_sweep()
        wait_until(all_decided([quiet.id]), what="the lost bookings decided")
        wait_until(broker_drained, what="the sweep's messages processed")
    with Session(get_engine()) as session:
        assert session.get(Booking, to_cancel.id).status == BookingStatus.CANCELLED
        assert [session.get(Booking, b.id).status for b in lost] == ["CONFIRMED"] * 2 + ["FAILED"]
    assert assert_seat_invariant(flight.id) == (0, 5)
    assert assert_seat_invariant(quiet.id) == (2, 0)
    cancel_seats(str(to_cancel.id))  # and a late cancel message does nothing
    assert assert_seat_invariant(flight.id) == (0, 5)


def test_a_sigkilled_worker_s_bookings_are_all_decided_after_a_restart(committed, tmp_path):
    user = make_user(committed)
    hot = make_flight(committed, seats=30)
    others = [make_flight(committed, seats=10) for _ in range(3)]
    rng = random.Random(3)
    flights = [hot, hot, hot, *others]
    bookings = [
        make_booking(committed, user=user, flight=rng.choice(flights), seats=rng.randint(1, 3))
        for _ in range(60)
    ]
    flight_ids = [hot.id] + [f.id for f in others]
    env = {"DB_LOCK_TIMEOUT_MS": "60000"}
    with get_engine().connect() as blocker:
        # Hold the hot flight's row lock so the worker's threads are stuck mid-message.
        blocker.execute(text("SELECT 1 FROM flights WHERE id = :id FOR UPDATE"), {"id": hot.id})
        worker = start_worker(tmp_path / "doomed.log", threads=4, env=env)
        try:
            for booking in bookings:
                allocate_seats.send(str(booking.id))
            wait_until(lambda: lock_waiters() >= 1, what="a worker thread waiting on the flight")
        finally:
            worker.kill()
        blocker.rollback()
    assert not all_decided([hot.id])(), "the hot flight's bookings were still in flight"
    assert not broker_drained(), "the dead worker held unacknowledged messages"

    # The restarted worker gets the dead worker's messages back once its heartbeat is stale
    # (BROKER_HEARTBEAT_TIMEOUT_MS=3000 in the suite) and acknowledges every one of them.
    with running_worker(tmp_path / "restarted.log", threads=4):
        wait_until(all_decided(flight_ids), timeout=90, what="every booking decided")
        wait_until(broker_drained, timeout=60, what="the dead worker's messages processed")
    for flight_id in flight_ids:
        assert_seat_invariant(flight_id)
