"""Booking throughput: decided bookings per second on one hot flight and on 1,000 spread flights.

Run it with PostgreSQL and Redis up (as for `make run`):

    .venv/bin/python benchmarks/bookings.py                  # 5,000 bookings per scenario
    .venv/bin/python benchmarks/bookings.py --bookings 20000 --processes 2 --threads 4

It works in a scratch database of its own (`skyqueue_bench_<random>`, created from
DATABASE_URL's server, migrated, dropped at the end) and on Redis db `--redis-db` (default 1;
never 0, where a local system keeps its queues). It starts real `dramatiq workers` processes on
the `bookings` queue, then records N bookings exactly as the API does after authentication
(`record_booking` and commit: the message goes out after it, with the per-flight marker) from 8
threads, and waits until none is PENDING. It prints, per scenario, how fast bookings were
recorded and how many were decided per second from the first request to the last decision.
HTTP is not measured here (see the stampede test and the Locust scenarios for that); this is the
pipeline behind it: the database writes, the broker and the allocator.
"""

import argparse
import contextlib
import os
import random
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # `core` and `workers`, imported once the environment is set
from tests.support.scratch_db import scratch_database  # noqa: E402

RECORDING_THREADS = 8


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bookings", type=int, default=5000, help="bookings per scenario")
    parser.add_argument("--processes", type=int, default=2, help="worker processes")
    parser.add_argument("--threads", type=int, default=4, help="threads per worker process")
    parser.add_argument("--redis-db", type=int, default=1, help="Redis db index (not 0)")
    args = parser.parse_args()
    if args.redis_db == 0:
        parser.error("--redis-db 0 is where a local Skyqueue keeps its queues; pick another")
    return args


def scratch_environment(redis_db: int) -> None:
    """Point this process (and the workers it starts) at a scratch database and Redis db."""
    base = make_url(
        os.environ.get("DATABASE_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/skyqueue")
    )
    if base.drivername in ("postgresql", "postgres"):
        base = base.set(drivername="postgresql+psycopg")
    name = f"skyqueue_bench_{uuid.uuid4().hex[:10]}"
    redis = make_url(os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0"))
    os.environ.update(
        DATABASE_URL=base.set(database=name).render_as_string(hide_password=False),
        REDIS_URL=f"redis://{redis.host or '127.0.0.1'}:{redis.port or 6379}/{redis_db}",
        DB_POOL_SIZE=str(RECORDING_THREADS),
        dramatiq_worker_timeout="100",  # as supervisord.conf and the worker image
        # One account books every seat here: the per-traveller cap would fail most of them.
        SEATS_PER_TRAVELLER_PER_FLIGHT="0",
    )


@contextlib.contextmanager
def running_workers(processes: int, threads: int, log: Path) -> Iterator[None]:
    """Real `dramatiq workers` processes on the bookings queue, stopped on the way out."""
    args = [sys.executable, "-m", "dramatiq", "workers", "--processes", str(processes)]
    args += ["--threads", str(threads), "--queues", "bookings"]
    log.parent.mkdir(exist_ok=True)
    out = log.open("wb")
    worker = subprocess.Popen(
        args, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, env=os.environ, start_new_session=True
    )
    try:
        deadline = time.monotonic() + 120
        while log.read_text(errors="replace").count("is ready for action") < processes:
            if worker.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"workers did not start:\n{log.read_text(errors='replace')}")
            time.sleep(0.2)
        yield
    finally:
        os.killpg(worker.pid, signal.SIGTERM)
        worker.wait(30)


def run_orders(*, flights: list, user_id: uuid.UUID, count: int) -> None:
    """Orders as the API records them (`record_order`, commit: the message goes out after it):
    one or two named passengers, half one-way and half round trips (a flight, then one leaving
    after it lands), over the spread flights, recorded from 8 threads while the workers decide;
    prints decided orders per second from the first request to the last decision."""
    from sqlmodel import Session, text

    from core.db import get_engine
    from core.orders.schemas import OrderCreate, PassengerIn
    from core.orders.service import record_order

    rng = random.Random("orders")
    half = len(flights) // 2
    requests = []
    for _ in range(count):
        out = rng.randrange(half - 1)
        trip = [flights[out]]
        if rng.random() < 0.5:  # flights leave a minute apart and fly 8 hours
            trip.append(flights[rng.randrange(out + 481, len(flights))])
        people = [PassengerIn(given_name="Ana", family_name="Lima")] * rng.randint(1, 2)
        requests.append(
            OrderCreate(flight_ids=trip, passengers=people, contact_email="ana@example.com")
        )
    chunks = [requests[i::RECORDING_THREADS] for i in range(RECORDING_THREADS)]

    def record(chunk: list[OrderCreate]) -> None:
        with Session(get_engine()) as session:
            for data in chunk:
                record_order(session, user_id=user_id, data=data, idempotency_key=None)
                session.commit()

    def pending() -> int:
        with Session(get_engine()) as session:
            query = text("SELECT count(*) FROM orders WHERE status = 'PENDING'")
            return int(session.execute(query).scalar_one())

    with ThreadPoolExecutor(RECORDING_THREADS) as pool:
        started = time.monotonic()
        list(pool.map(record, chunks))
        recorded = time.monotonic()
        while pending():
            time.sleep(0.05)
        done = time.monotonic()
    subprocess.run([sys.executable, "-m", "core.cli", "check-invariants"], check=True)
    print(
        f"{'orders, half round':<21} live     {count} orders: "
        f"recorded {count / (recorded - started):.0f}/s, "
        f"decided {count / (done - started):.0f}/s from first request to last decision"
    )


def run_scenario(name: str, *, flights: list, user_id: uuid.UUID, count: int) -> None:
    """Two runs: "live" records and enqueues while the workers decide (the API's shape); then
    "backlog" records everything first and only then enqueues it (what the workers alone do)."""
    from sqlmodel import Session, func, select

    from core.bookings.allocation import allocation_key
    from core.bookings.models import Booking, BookingStatus
    from core.bookings.service import record_booking
    from core.db import get_engine
    from core.dispatch import ALLOCATE, send_now
    from core.flights.models import Flight
    from core.orders.locators import insert_with_locator
    from core.orders.models import Order
    from core.redis import get_redis

    rng = random.Random(name)
    requests = [(rng.choice(flights), rng.randint(1, 3)) for _ in range(count)]
    chunks = [requests[i::RECORDING_THREADS] for i in range(RECORDING_THREADS)]

    def record(chunk: list[tuple[uuid.UUID, int]], *, send: bool) -> list:
        """As the API records: `record_booking`, commit, and its message goes out after the
        commit. Without `send`, the same rows are written and no message is sent."""
        recorded = []
        with Session(get_engine()) as session:
            for flight_id, seats in chunk:
                if send:
                    booking = record_booking(
                        session, user_id=user_id, flight_id=flight_id, seats=seats
                    ).booking
                else:
                    price = session.get_one(Flight, flight_id).price
                    order = insert_with_locator(
                        session, Order(user_id=user_id, locator="", total_price=price * seats)
                    )
                    booking = Booking(
                        user_id=user_id,
                        order_id=order.id,
                        flight_id=flight_id,
                        seats=seats,
                        unit_price=price,
                        total_price=price * seats,
                    )
                    session.add(booking)
                session.commit()
                recorded.append((booking.id, flight_id))
        return recorded

    def count_where(status: BookingStatus) -> int:
        with Session(get_engine()) as session:
            return session.exec(select(func.count()).where(Booking.status == status)).one()

    def reset() -> int:
        """Empty the bookings once every message is acknowledged (a message left over for a
        truncated booking would otherwise hold its flight's marker into the next run)."""
        while get_redis().hlen("skyqueue:bookings.msgs"):
            time.sleep(0.05)
        # Every flight's seats add up after the run (exit 1, naming the flights, if not).
        subprocess.run([sys.executable, "-m", "core.cli", "check-invariants"], check=True)
        confirmed = count_where(BookingStatus.CONFIRMED)
        with get_engine().begin() as conn:
            conn.execute(text("TRUNCATE bookings, orders CASCADE"))
            conn.execute(text("UPDATE flights SET available_seats = total_seats"))
        return confirmed

    with ThreadPoolExecutor(RECORDING_THREADS) as pool:
        started = time.monotonic()
        list(pool.map(lambda chunk: record(chunk, send=True), chunks))
        recorded = time.monotonic()
        while count_where(BookingStatus.PENDING):
            time.sleep(0.05)
        done = time.monotonic()
        confirmed = reset()
        print(
            f"{name:<21} live     {count} bookings ({confirmed} confirmed): "
            f"recorded {count / (recorded - started):.0f}/s, "
            f"decided {count / (done - started):.0f}/s from first request to last decision"
        )

        backlog = [b for part in pool.map(lambda c: record(c, send=False), chunks) for b in part]
        started = time.monotonic()
        for booking_id, flight_id in backlog:
            send_now(ALLOCATE, booking_id, once_per=allocation_key(flight_id))
        while count_where(BookingStatus.PENDING):
            time.sleep(0.05)
        done = time.monotonic()
        confirmed = reset()
        print(
            f"{name:<21} backlog  {count} bookings ({confirmed} confirmed): "
            f"decided {count / (done - started):.0f}/s once enqueued"
        )


def seed() -> tuple[uuid.UUID, list[uuid.UUID]]:
    """The bench user and 1,001 flights of 1,000 seats; Redis's Skyqueue keys cleared."""
    from sqlmodel import Session

    from core.db import get_engine
    from core.flights.models import Flight
    from core.redis import get_redis
    from core.users.models import User
    from core.users.security import hash_password

    for key in get_redis().scan_iter("skyqueue:*"):
        get_redis().delete(key)
    departure = datetime.now(UTC) + timedelta(days=30)
    with Session(get_engine()) as session:
        user = User(username="bench", hashed_password=hash_password("bench-password"))
        flights = [
            Flight(
                flight_number=f"BX{i}",
                source="LHR",
                destination="JFK",
                departure_ts=departure + timedelta(minutes=i),
                arrival_ts=departure + timedelta(minutes=i, hours=8),
                total_seats=1000,
                available_seats=1000,
                price=Decimal("199.00"),
            )
            for i in range(1001)
        ]
        session.add(user)
        session.add_all(flights)
        session.commit()
        return user.id, [f.id for f in flights]


def main() -> None:
    args = parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))  # clean up on SIGTERM too
    scratch_environment(args.redis_db)
    with scratch_database(os.environ["DATABASE_URL"]):
        user_id, flight_ids = seed()
        log = ROOT / "artifacts" / "bench-workers.log"
        with running_workers(args.processes, args.threads, log):
            print(
                f"{args.processes} worker processes x {args.threads} threads, "
                f"{RECORDING_THREADS} recording threads, 1,000-seat flights"
            )
            hot, spread = flight_ids[:1], flight_ids[1:]
            run_scenario("one hot flight", flights=hot, user_id=user_id, count=args.bookings)
            run_scenario(
                "1,000 spread flights", flights=spread, user_id=user_id, count=args.bookings
            )
            run_orders(flights=spread, user_id=user_id, count=args.bookings)


if __name__ == "__main__":
    main()
