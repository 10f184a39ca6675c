"""Orders end to end: a real uvicorn API and real `dramatiq` workers (2 processes × 4 threads)
on the suite's PostgreSQL and Redis. A stampede of one-way and round-trip orders over three
flights with few seats, and holds expiring while payments race them."""

import asyncio
import random
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import httpx
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlmodel import Session

from api.main import app
from core.bookings.allocation import decide_pending
from core.bookings.models import SEAT_LIMIT
from core.db import get_engine, session_scope
from core.orders import locators
from core.orders.holds import expire_hold
from core.orders.models import Order
from core.orders.payments import SUCCEEDS
from core.orders.schemas import OrderCreate
from core.orders.service import record_order
from tests.factories import auth_headers, make_flight, make_user
from tests.support.bookings import assert_invariants_hold, lock_waiters, wait_until
from tests.support.processes import running_api, running_worker, start_worker

pytestmark = pytest.mark.e2e

ADULT = {"given_name": "Ana", "family_name": "Lima", "type": "ADULT"}


def pending_orders() -> int:
    with Session(get_engine()) as session:
        return session.execute(text("SELECT count(*) FROM orders WHERE status = 'PENDING'")).one()[
            0
        ]


def statuses() -> dict[str, int]:
    with Session(get_engine()) as session:
        rows = session.execute(text("SELECT status, count(*) FROM orders GROUP BY status"))
        return dict(rows.all())  # type: ignore[arg-type]


async def post_orders(base_url: str, requests: list[tuple[dict, dict]]) -> list[httpx.Response]:
    limits = httpx.Limits(max_connections=100)
    async with httpx.AsyncClient(base_url=base_url, timeout=120, limits=limits) as client:
        return await asyncio.gather(
            *(client.post("/api/v1/orders", json=body, headers=h) for h, body in requests)
        )


def test_a_stampede_of_one_way_and_round_trip_orders_decides_each_whole(
    committed, live_api, tmp_path
):
    first = make_flight(committed, seats=60)
    second = make_flight(committed, seats=60, source="JFK", destination="LHR",
                         departure=first.departure_ts + timedelta(days=2))  # fmt: skip
    third = make_flight(committed, seats=60, source="LHR", destination="CDG",
                        departure=first.departure_ts + timedelta(days=4))  # fmt: skip
    trips = [[first], [second], [third], [first, second], [second, third], [first, third],
             [first, second, third]]  # fmt: skip
    users = [auth_headers(make_user(committed)) for _ in range(10)]
    rng = random.Random(13)
    requests = []
    for _ in range(300):
        passengers = [ADULT] * rng.randint(1, 2)
        flights = rng.choice(trips)
        body = {"flight_ids": [str(f.id) for f in flights], "passengers": passengers,
                "contact_email": "ana@example.com"}  # fmt: skip
        requests.append((rng.choice(users), body))
    log = tmp_path / "workers.log"
    with running_worker(log, processes=2, threads=4) as worker:
        answers = asyncio.run(post_orders(live_api, requests))
        assert {a.status_code for a in answers} <= {202, 422}, answers[0].text
        refused_at_the_door = sum(a.status_code == 422 for a in answers)
        assert sum(a.status_code == 202 for a in answers) > 50
        wait_until(lambda: pending_orders() == 0, timeout=120, what="every order decided",
                   worker=worker)  # fmt: skip
    outcomes = statuses()
    assert outcomes.get("HELD", 0) > 0
    assert outcomes.get("FAILED", 0) + refused_at_the_door > 0  # few seats: some refused
    with Session(get_engine()) as session:
        mixed = session.execute(
            text(
                "SELECT order_id FROM bookings GROUP BY order_id HAVING count(DISTINCT status) > 1"
            )
        ).all()
    assert mixed == []  # every order's segments were decided together
    output = log.read_text()
    assert "deadlock" not in output.lower()
    assert "LockNotAvailable" not in output
    assert_invariants_hold()


def test_one_traveller_s_stampede_holds_no_more_than_the_seat_cap(committed, tmp_path):
    """Forty one-seat orders from one account at once on a flight with room for all: the API
    refuses those it can already see beyond the cap (409), the allocators fail the rest that
    would pass it; the account ends with exactly the cap."""
    cap = 20
    env = {"SEATS_PER_TRAVELLER_PER_FLIGHT": str(cap)}
    flight = make_flight(committed, seats=100)
    headers = auth_headers(make_user(committed))
    body = {"flight_ids": [str(flight.id)], "passengers": [ADULT], "contact_email": "a@b.co"}
    with (
        running_api(tmp_path / "api.log", env=env) as api,
        running_worker(tmp_path / "workers.log", processes=2, threads=4, env=env) as worker,
    ):
        answers = asyncio.run(post_orders(api, [(headers, body)] * 40))
        assert {a.status_code for a in answers} <= {202, 409}, answers[0].text
        wait_until(lambda: pending_orders() == 0, timeout=120, what="every order decided",
                   worker=worker)  # fmt: skip
    with Session(get_engine()) as session:
        rows = session.execute(
            text("SELECT status, failure_reason, count(*) FROM orders GROUP BY 1, 2")
        ).all()
    outcomes = {(status, reason): count for status, reason, count in rows}
    assert outcomes.pop(("HELD", None)) == cap
    assert set(outcomes) <= {("FAILED", SEAT_LIMIT)}
    refused = [a for a in answers if a.status_code == 409]
    assert sum(outcomes.values()) + len(refused) == 40 - cap
    assert all(f"at most {cap} seats on a flight" in a.json()["detail"] for a in refused)
    assert_invariants_hold()


def test_holds_expire_once_while_payments_race_them(committed):
    """Twenty held orders whose holds lapse at one instant, each paid and expired at once from
    several threads around that instant. Whichever wins, an order ends CONFIRMED (paid before
    it lapsed) or EXPIRED (seats back, payment refused), never both, and a second expiry
    returns nothing."""
    flight = make_flight(committed, seats=40)
    user = make_user(committed)
    order_ids = []
    for _ in range(20):
        data = OrderCreate(flight_ids=[flight.id], passengers=[ADULT, ADULT],
                           contact_email="ana@example.com")  # fmt: skip
        order, _ = record_order(committed, user_id=user.id, data=data, idempotency_key=None)
        committed.commit()
        order_ids.append(order.id)
    with session_scope() as session:
        decide_pending(session, flight_id=flight.id, limit=100)
    with session_scope() as session:  # every hold lapses a moment from now
        session.execute(text("UPDATE orders SET expires_at = now() + interval '200 milliseconds'"))
    headers = auth_headers(user)

    def pay(order_id: uuid.UUID) -> int:
        answer = api.post(f"/api/v1/orders/{order_id}/pay", json={"card_number": SUCCEEDS},
                          headers=headers)  # fmt: skip
        return answer.status_code

    def expire(order_id: uuid.UUID) -> int:
        with session_scope() as session:
            return expire_hold(session, order_id=order_id)

    with TestClient(app) as api, ThreadPoolExecutor(8) as pool:
        time.sleep(0.15)
        payments = [pool.submit(pay, order_id) for order_id in order_ids]
        expiries = [pool.submit(expire, order_id) for order_id in order_ids]
        time.sleep(0.3)
        late = [pool.submit(expire, order_id) for order_id in order_ids]
        paid = [p.result() for p in payments]
        returned = [e.result() for e in expiries] + [e.result() for e in late]
        again = list(pool.map(expire, order_ids))
    assert set(paid) <= {200, 409}
    outcomes = statuses()
    assert outcomes.get("CONFIRMED", 0) == paid.count(200)
    assert outcomes.get("EXPIRED", 0) == paid.count(409)
    assert outcomes.get("CONFIRMED", 0) + outcomes.get("EXPIRED", 0) == 20
    assert sum(returned) == 2 * outcomes.get("EXPIRED", 0)  # seats back once per lapsed hold
    assert sum(again) == 0
    committed.refresh(flight)
    assert flight.available_seats == 40 - 2 * outcomes.get("CONFIRMED", 0)


def test_record_locators_stay_unique_under_10000_concurrent_creations(committed, monkeypatch):
    """10,000 orders created from 8 threads at once, with locators drawn from a space small
    enough (32^4) that draws clash dozens of times: every clash is drawn again, and every order
    gets a locator of its own."""
    user_id, price = make_user(committed).id, make_flight(committed).price
    real_insert = locators.insert_with_locator

    def small_space() -> str:
        return "".join(random.choice(locators.ALPHABET) for _ in range(4)) + "ZZ"

    monkeypatch.setattr(locators, "new_locator", small_space)

    def create(batch: int) -> int:
        """250 orders, each in a transaction of its own, as requests make them."""
        made = 0
        with Session(get_engine()) as session:
            for _ in range(250):
                real_insert(session, Order(user_id=user_id, locator="", total_price=price))
                session.commit()
                made += 1
        return made

    with ThreadPoolExecutor(8) as pool:
        made = sum(pool.map(create, range(40)))
    with Session(get_engine()) as session:
        count, distinct = session.execute(
            text("SELECT count(*), count(DISTINCT locator) FROM orders")
        ).one()
    assert made == count == distinct == 10_000


def test_a_worker_killed_while_deciding_round_trips_leaves_nothing_half_done(committed, tmp_path):
    """The allocator holds a round trip's first flight and waits for its second (held by a
    blocker) when its worker is SIGKILLed: nothing it did is kept. Restarted, the workers decide
    every order whole."""
    out = make_flight(committed, seats=12)
    back = make_flight(committed, seats=12, source="JFK", destination="LHR",
                       departure=out.departure_ts + timedelta(days=3))  # fmt: skip
    later = max(out.id, back.id)  # each round trip is decided on the other, then locks this one
    user = make_user(committed)
    data = OrderCreate(flight_ids=[out.id, back.id], passengers=[ADULT, ADULT],
                       contact_email="ana@example.com")  # fmt: skip
    env = {"DB_LOCK_TIMEOUT_MS": "60000"}
    with get_engine().connect() as blocker:
        # FOR NO KEY UPDATE: it stops allocators, not the orders being recorded.
        query = "SELECT 1 FROM flights WHERE id = :id FOR NO KEY UPDATE"
        blocker.execute(text(query), {"id": later})
        worker = start_worker(tmp_path / "doomed.log", threads=4, env=env)
        try:
            for _ in range(10):
                record_order(committed, user_id=user.id, data=data, idempotency_key=None)
                committed.commit()
            wait_until(lambda: lock_waiters() >= 1, what="an allocator waiting for the flight")
        finally:
            worker.kill()
        blocker.rollback()
    assert pending_orders() == 10, "the killed worker's decisions were not rolled back"

    with running_worker(tmp_path / "restarted.log", threads=4) as restarted:
        wait_until(lambda: pending_orders() == 0, timeout=90, what="every order decided",
                   worker=restarted)  # fmt: skip
    outcomes = statuses()
    assert outcomes == {"HELD": 6, "FAILED": 4}  # 12 seats each way: 6 round trips of 2
    assert_invariants_hold()
