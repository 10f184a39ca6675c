"""The fault suite: bookings and orders keep coming while a worker is SIGKILLed, Redis restarts
and goes away, PostgreSQL restarts and goes away, and messages are delivered twice, against a
system on stores of its own (tests/support/stores.py). Afterwards every request that was accepted
is decided, nothing is sold twice (`check-invariants`), the API answered 503 and never another
5xx while PostgreSQL was down, and it was back within 30 s of the store."""

import os
import random
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from datetime import timedelta
from pathlib import Path

import httpx
import pytest
from sqlalchemy import create_engine, text
from sqlmodel import Session

from tests.factories import auth_headers, make_flight, make_user
from tests.support.bookings import assert_invariants_hold
from tests.support.processes import ROOT, Process, running_api, spawn, start_worker
from tests.support.stores import OwnPostgres, OwnRedis, own_postgres, own_redis

pytestmark = pytest.mark.faults
ADULT = {"given_name": "Ana", "family_name": "Lima", "type": "ADULT"}
RECOVERY_SECONDS = 30


class Load(threading.Thread):
    """One-way bookings and round-trip orders, as fast as one client sends them, each answer
    kept with the phase it came in."""

    def __init__(self, base: str, flights: list[str], users: list[dict[str, str]]) -> None:
        super().__init__(daemon=True)
        self.base, self.flights, self.users = base, flights, users
        self.phase = "steady"
        self.answers: list[tuple[str, int]] = []
        self.accepted: list[str] = []
        self.stopping = threading.Event()

    def run(self) -> None:
        rng = random.Random(7)
        with httpx.Client(base_url=self.base, timeout=10) as client:
            while not self.stopping.is_set():
                headers = rng.choice(self.users)
                if rng.random() < 0.5:
                    path, body = "/api/v1/bookings", {"flight_id": rng.choice(self.flights[:2]),
                                                      "seats": rng.randint(1, 2)}  # fmt: skip
                else:
                    path, body = "/api/v1/orders", {"flight_ids": self.flights[:2],
                        "passengers": [ADULT], "contact_email": "ana@example.com"}  # fmt: skip
                try:
                    answer = client.post(path, json=body, headers=headers)
                except httpx.TransportError:
                    self.answers.append((self.phase, 0))  # no answer at all
                    continue
                self.answers.append((self.phase, answer.status_code))
                if answer.status_code == 202:
                    self.accepted.append(answer.json()["id"])
                time.sleep(0.02)


@contextmanager
def system(pg: OwnPostgres, rds: OwnRedis, logs: Path) -> Iterator[tuple[str, dict[str, str]]]:
    env = {"DATABASE_URL": pg.url, "REDIS_URL": rds.url, "BOOKING_SWEEP_AFTER_SECONDS": "5",
           "SWEEP_INTERVAL_SECONDS": "2", "ORDERS_PER_USER_PER_MINUTE": "0",
           "READS_PER_USER_PER_MINUTE": "0", "SEATS_PER_TRAVELLER_PER_FLIGHT": "0"}  # fmt: skip
    migrate = [sys.executable, "-m", "alembic", "upgrade", "head"]
    subprocess.run(migrate, cwd=ROOT, env={**os.environ, **env}, check=True, capture_output=True)
    with ExitStack() as stack:
        api = stack.enter_context(running_api(logs / "api.log", env=env))
        scheduler = spawn([sys.executable, "-m", "workers.scheduler"], logs / "sweep.log", env)
        stack.callback(scheduler.stop)
        yield api, env


def worker(logs: Path, env: dict[str, str], n: int) -> Process:
    return start_worker(logs / f"worker-{n}.log", queues=["bookings", "system"], env=env)


def state(conn) -> list[tuple]:
    """Every order's status and every flight's seats left."""
    orders = conn.execute(text("SELECT id, status FROM orders ORDER BY id")).all()
    flights = conn.execute(text("SELECT id, available_seats FROM flights ORDER BY id")).all()
    return [tuple(row) for row in [*orders, *flights]]


def deliver_twice(env: dict[str, str], conn) -> None:
    bookings = [
        str(r[0]) for r in conn.execute(text("SELECT id FROM bookings WHERE decides_order"))
    ]
    orders = [str(r[0]) for r in conn.execute(text("SELECT id FROM orders"))]
    script = (
        "import sys; from core.dispatch import ALLOCATE, EXPIRE_HOLD, send_now\n"
        "bookings, orders = sys.argv[1].split(','), sys.argv[2].split(',')\n"
        "assert all(send_now(ALLOCATE, b) for b in bookings)\n"
        "assert all(send_now(EXPIRE_HOLD, o) for o in orders)\n"
    )
    subprocess.run([sys.executable, "-c", script, ",".join(bookings), ",".join(orders)],
                   cwd=ROOT, env={**os.environ, **env}, check=True, timeout=120)  # fmt: skip


def wait_healthy(base: str, timeout: float) -> float:
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        try:
            if httpx.get(f"{base}/api/v1/health", timeout=2).status_code == 200:
                return time.monotonic() - started
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise AssertionError(f"the API was not healthy within {timeout}s")


def test_nothing_is_lost_or_sold_twice_through_crashes_and_outages(tmp_path):
    with own_postgres() as pg, own_redis(tmp_path) as rds, system(pg, rds, tmp_path) as (base, env):
        engine = create_engine(pg.url, pool_pre_ping=True)
        with Session(engine) as session:
            out = make_flight(session, seats=150)
            back = make_flight(session, seats=150, source="JFK", destination="LHR",
                               departure=out.departure_ts + timedelta(days=3))  # fmt: skip
            users = [auth_headers(make_user(session)) for _ in range(5)]
            flights = [str(out.id), str(back.id)]
        workers = [worker(tmp_path, env, 0)]
        load = Load(base, flights, users)
        load.start()
        try:
            time.sleep(3)
            load.phase = "worker killed"
            workers[-1].kill()
            workers.append(worker(tmp_path, env, 1))
            time.sleep(2)
            load.phase = "redis restart"
            rds.restart()
            time.sleep(2)
            load.phase = "redis down"
            rds.stop()
            time.sleep(6)
            rds.start()
            time.sleep(2)
            load.phase = "postgres restart"
            pg.restart()
            time.sleep(2)
            load.phase = "postgres down"
            pg.stop()
            time.sleep(6)
            pg.start()
            load.phase = "recovering"
            recovered_in = wait_healthy(base, RECOVERY_SECONDS)
            time.sleep(2)
        finally:
            load.stopping.set()
            load.join(30)

        pending = "SELECT count(*) FROM bookings WHERE status = 'PENDING'"
        deadline = time.monotonic() + 60  # the sweep period and its margin
        with engine.connect() as conn:
            while conn.execute(text(pending)).scalar_one() and time.monotonic() < deadline:
                conn.rollback()
                time.sleep(1)
            conn.rollback()
            stuck = conn.execute(text(pending)).scalar_one()
            given_up = conn.execute(text(
                "SELECT count(*) FROM bookings WHERE failure_reason LIKE 'could not be processed%'"
            )).scalar_one()  # fmt: skip
            known = {str(row[0]) for row in conn.execute(text(
                "SELECT id FROM bookings UNION SELECT id FROM orders"))}  # fmt: skip
            before = state(conn)
            # Every message delivered again: each allocation and hold expiry a second time.
            deliver_twice(env, conn)
            time.sleep(5)
            conn.rollback()
            after = state(conn)
        for process in workers:
            process.stop()
        engine.dispose()

        assert after == before, "a message delivered twice changed something"
        by_phase = Counter(load.answers)
        assert stuck == 0, f"{stuck} bookings still PENDING after recovery and the sweep"
        assert set(load.accepted) <= known, "an accepted request was lost"
        assert given_up == 0, "a message was given up during a transient outage"
        assert not [a for a in load.answers if a[1] >= 500 and a[1] != 503], by_phase
        assert by_phase[("postgres down", 503)] > 0, by_phase  # the outage was answered 503
        assert by_phase[("redis down", 202)] > 0, by_phase  # Redis down: still accepted
        assert recovered_in < RECOVERY_SECONDS
        assert_invariants_hold(env)
