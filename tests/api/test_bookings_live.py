"""Bookings end to end over real HTTP: a real uvicorn API, real `dramatiq` workers, the suite's
PostgreSQL and Redis. The stampede, the broker down at request time, concurrent retries with
one Idempotency-Key, and cancel through the queue."""

import asyncio
import os
import random
import subprocess
import sys
import uuid

import httpx
import pytest
from sqlmodel import Session, select

from core.bookings.models import SOLD_OUT, Booking, BookingStatus
from core.db import get_engine
from tests.factories import auth_headers, make_flight, make_user
from tests.support.bookings import (
    all_decided,
    assert_seat_invariant,
    broker_drained,
    pending_count,
    wait_until,
)
from tests.support.processes import ROOT, free_port, running_api, running_worker

pytestmark = pytest.mark.e2e


async def post_all(base_url: str, requests: list[tuple[dict, dict]]) -> list[httpx.Response]:
    """Send every (headers, body) booking request at once."""
    limits = httpx.Limits(max_connections=len(requests))
    async with httpx.AsyncClient(base_url=base_url, timeout=120, limits=limits) as client:
        return await asyncio.gather(
            *(client.post("/api/v1/bookings", json=body, headers=h) for h, body in requests)
        )


def poll(base_url: str, booking_id: str, user, until: str) -> dict:
    def reached() -> bool:
        answer = httpx.get(f"{base_url}/api/v1/bookings/{booking_id}", headers=auth_headers(user))
        return answer.json()["status"] == until

    wait_until(reached, what=f"booking {until}")
    return httpx.get(f"{base_url}/api/v1/bookings/{booking_id}", headers=auth_headers(user)).json()


def test_stampede_on_one_flight_never_oversells_and_decides_everyone(committed, live_api, tmp_path):
    flight = make_flight(committed, seats=50)
    users = [make_user(committed) for _ in range(10)]
    rng = random.Random(300)
    requests = [
        (auth_headers(rng.choice(users)), {"flight_id": str(flight.id), "seats": rng.randint(1, 3)})
        for _ in range(300)
    ]
    with running_worker(tmp_path / "workers.log", processes=2, threads=4):
        answers = asyncio.run(post_all(live_api, requests))
        assert [a.status_code for a in answers] == [202] * 300, answers[0].text
        wait_until(all_decided([flight.id]), timeout=120, what="every booking decided")

    confirmed_seats, available = assert_seat_invariant(flight.id)
    assert (confirmed_seats, available) == (50, 0)  # sold out exactly, never below zero
    with Session(get_engine()) as session:
        bookings = session.exec(
            select(Booking).where(Booking.flight_id == flight.id).order_by(Booking.seq)
        ).all()
    assert len(bookings) == 300
    assert {b.status for b in bookings} == {BookingStatus.CONFIRMED, BookingStatus.FAILED}
    assert {b.failure_reason for b in bookings if b.status == BookingStatus.FAILED} == {SOLD_OUT}
    # First come, first served: once n seats were refused, no later request for n got them.
    refused_at: dict[int, int] = {}
    for b in bookings:
        if b.status == BookingStatus.FAILED:
            refused_at.setdefault(b.seats, b.seq)
        else:
            assert b.seq < refused_at.get(b.seats, b.seq + 1), "a later request jumped the queue"


def test_broker_down_at_request_time_still_records_and_decides_once_redis_is_back(
    committed, tmp_path
):
    flight = make_flight(committed, seats=5)
    user = make_user(committed)
    unreachable = {"REDIS_URL": f"redis://127.0.0.1:{free_port()}/0"}  # nothing listens there
    with running_api(tmp_path / "api.log", env=unreachable, expect_status=503) as base_url:
        answer = httpx.post(
            f"{base_url}/api/v1/bookings",
            json={"flight_id": str(flight.id), "seats": 2},
            headers=auth_headers(user),
            timeout=30,
        )
        assert answer.status_code == 202, answer.text
        booking_id = answer.json()["id"]
        polled = httpx.get(f"{base_url}/api/v1/bookings/{booking_id}", headers=auth_headers(user))
        assert polled.json()["status"] == "PENDING"
        assert polled.headers["Retry-After"] == "1"
    assert broker_drained(), "nothing reached the real broker"

    # Redis is back (the real one): the sweep enqueues the recorded booking, a worker decides it.
    with running_worker(tmp_path / "worker.log"):
        subprocess.run(
            [sys.executable, "-m", "workers.scheduler", "--once"],
            cwd=ROOT,
            check=True,
            timeout=60,
            env={**os.environ, "BOOKING_SWEEP_AFTER_SECONDS": "0"},
        )
        wait_until(all_decided([flight.id]), what="the booking decided")
    with Session(get_engine()) as session:
        assert session.get(Booking, uuid.UUID(booking_id)).status == BookingStatus.CONFIRMED
    assert assert_seat_invariant(flight.id) == (2, 3)


def test_concurrent_retries_with_one_idempotency_key_make_one_booking(committed, live_api):
    flight = make_flight(committed, seats=5)
    user = make_user(committed)
    headers = {**auth_headers(user), "Idempotency-Key": "checkout-7f3a"}
    body = {"flight_id": str(flight.id), "seats": 2}
    answers = asyncio.run(post_all(live_api, [(headers, body)] * 20))
    accepted = [a for a in answers if a.status_code == 202]
    in_flight = [a for a in answers if a.status_code == 409]
    assert len(accepted) + len(in_flight) == 20
    assert accepted
    assert len({a.json()["id"] for a in accepted}) == 1
    assert all(a.headers["Retry-After"] == "1" for a in in_flight)
    assert pending_count(flight_ids=[flight.id]) == 1


def test_cancel_through_the_queue_returns_seats_and_never_leaks_them(committed, live_api, tmp_path):
    flight = make_flight(committed, seats=5)
    user = make_user(committed)
    headers = auth_headers(user)

    def book(seats: int) -> str:
        answer = httpx.post(
            f"{live_api}/api/v1/bookings",
            json={"flight_id": str(flight.id), "seats": seats},
            headers=headers,
        )
        return answer.json()["id"]

    def cancel(booking_id: str) -> httpx.Response:
        return httpx.post(f"{live_api}/api/v1/bookings/{booking_id}/cancel", headers=headers)

    # Cancelled while still PENDING (no worker yet): decided CANCELLED without taking seats.
    early = book(3)
    assert cancel(early).status_code == 202
    with running_worker(tmp_path / "worker.log"):
        assert poll(live_api, early, user, "CANCELLED")["decided_at"] is not None
        assert assert_seat_invariant(flight.id) == (0, 5)

        confirmed = book(4)
        poll(live_api, confirmed, user, "CONFIRMED")
        assert assert_seat_invariant(flight.id) == (4, 1)
        first = cancel(confirmed)
        assert first.status_code == 202
        assert first.json()["cancel_requested_at"] is not None
        poll(live_api, confirmed, user, "CANCELLED")
        assert assert_seat_invariant(flight.id) == (0, 5)
        again = cancel(confirmed)  # repeated: harmless
        assert again.status_code == 202
        assert again.json()["status"] == "CANCELLED"
        wait_until(broker_drained, what="every message processed")
    assert assert_seat_invariant(flight.id) == (0, 5)
