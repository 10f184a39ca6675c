"""Run the Locust scenarios headless against a local Skyqueue and check the invariants.

    python -m loadtests.run [--host http://127.0.0.1:8000] [--users 50] [--spawn-rate 10]
                            [--run-time 60s] [--flights 5] [--seats 100] [--hot-seats 100]
                            [--quiet-timeout 60] [--report-dir artifacts/loadtest]

It uses the same DATABASE_URL as the system under test: it loads the seed flights if there are
none (for the search scenario), creates `--flights` fresh flights out and as many back, one
more for the stampede (`--hot-seats` seats) and an administrator, then runs Locust: browsers
suggest and search (most traffic); travellers book, watch and cancel; shoppers order one-way
and round trips for named passengers and pay their holds; a stampede books the one hot flight
as fast as the API answers; an administrator uploads CSV files of flights and watches each
import. It waits until no booking on the created flights is PENDING, prints their figures,
writes Locust's HTML report and CSV files to `--report-dir`, then runs
`python -m core.cli check-invariants` (every flight's seats add up, nothing left undecided). It
exits 1 on any violation or undecided booking. Traffic goes to loopback only.
"""

import argparse
import os
import subprocess
import sys
import time
import uuid
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlparse

from sqlalchemy import text

from core.db import session_scope
from core.flights.models import Flight
from core.users.models import User
from core.users.security import hash_password

ROOT = Path(__file__).resolve().parents[1]
SCHEDULE = ROOT / ".run" / "loadtest-schedule.csv"  # read by scenarios/search.py too
LOOPBACK = {"127.0.0.1", "localhost", "::1"}

SEAT_CHECK = text(
    """
    SELECT f.flight_number, f.total_seats, f.available_seats,
           count(b.id) FILTER (WHERE b.status = 'CONFIRMED') AS confirmed,
           count(b.id) FILTER (WHERE b.status = 'FAILED') AS failed,
           count(b.id) FILTER (WHERE b.status = 'CANCELLED') AS cancelled,
           count(b.id) FILTER (WHERE b.status = 'PENDING') AS pending
    FROM flights f LEFT JOIN bookings b ON b.flight_id = f.id
    WHERE f.id = ANY(:ids)
    GROUP BY f.id ORDER BY f.flight_number
    """
)


def create_hot_flights(count: int, seats: int, *, back: bool = False, days: int = 14) -> list[str]:
    """`count` fresh flights LHR → JFK an hour apart `days` out, or JFK → LHR three days later
    (`back`)."""
    departure = datetime.now(UTC).replace(microsecond=0) + timedelta(days=days + 3 * back)
    tag = uuid.uuid4().int % 900 + 100
    source, destination = ("JFK", "LHR") if back else ("LHR", "JFK")
    with session_scope() as session:
        flights = [
            Flight(
                flight_number=f"QZ{tag}{n}",
                source=source,
                destination=destination,
                departure_ts=departure + timedelta(hours=n),
                arrival_ts=departure + timedelta(hours=n + 8),
                total_seats=seats,
                available_seats=seats,
                price=Decimal("249.00"),
            )
            for n in range(count)
        ]
        session.add_all(flights)
        session.flush()
        return [str(f.id) for f in flights]


def create_admin() -> tuple[str, str]:
    """A fresh administrator for the import scenario: its username and password."""
    username, password = f"load_admin_{uuid.uuid4().hex[:8]}", uuid.uuid4().hex
    with session_scope() as session:
        session.add(User(username=username, hashed_password=hash_password(password), is_admin=True))
    return username, password


def seat_report(flight_ids: list[str]) -> list[dict]:
    with session_scope() as session:
        return [dict(r._mapping) for r in session.execute(SEAT_CHECK, {"ids": flight_ids})]


def wait_until_decided(flight_ids: list[str], timeout: float) -> list[dict]:
    deadline = time.monotonic() + timeout
    while True:
        rows = seat_report(flight_ids)
        if sum(r["pending"] for r in rows) == 0 or time.monotonic() > deadline:
            return rows
        time.sleep(1)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="http://127.0.0.1:8000")
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--spawn-rate", type=float, default=10)
    parser.add_argument("--run-time", default="60s")
    parser.add_argument("--flights", type=int, default=5)
    parser.add_argument("--seats", type=int, default=100)
    parser.add_argument("--hot-seats", type=int, default=100)
    parser.add_argument("--quiet-timeout", type=float, default=60)
    parser.add_argument("--report-dir", type=Path, default=ROOT / "artifacts" / "loadtest")
    args = parser.parse_args()
    if urlparse(args.host).hostname not in LOOPBACK:
        parser.error("load tests only target this machine (127.0.0.1, localhost or ::1)")

    subprocess.run(
        [sys.executable, "-m", "core.cli", "load-flights", str(ROOT / "flights.csv"), "--if-empty"],
        cwd=ROOT,
        check=True,
    )
    # Once the seed's dates have passed, a schedule from today (the browsers search it).
    SCHEDULE.parent.mkdir(exist_ok=True)
    subprocess.run(
        [sys.executable, "scripts/generate_flights.py", "--count", "3000", "--start-date",
         date.today().isoformat(), "--out", str(SCHEDULE)],
        cwd=ROOT, check=True, capture_output=True,
    )  # fmt: skip
    subprocess.run(
        [
            sys.executable,
            "-m",
            "core.cli",
            "load-flights",
            str(SCHEDULE),
            "--if-fewer-to-depart",
            "1",
        ],
        cwd=ROOT,
        check=True,
    )
    flight_ids = create_hot_flights(args.flights, args.seats)
    return_ids = create_hot_flights(args.flights, args.seats, back=True)
    hot_id = create_hot_flights(1, args.hot_seats, days=10)[0]
    admin, admin_password = create_admin()
    args.report_dir.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    locust = subprocess.run(
        [
            sys.executable,
            "-m",
            "locust",
            "-f",
            str(ROOT / "loadtests" / "locustfile.py"),
            "--headless",
            "--users",
            str(args.users),
            "--spawn-rate",
            str(args.spawn_rate),
            "--run-time",
            args.run_time,
            "--host",
            args.host,
            "--only-summary",
            "--html",
            str(args.report_dir / "report.html"),
            "--csv",
            str(args.report_dir / "locust"),
            "--stop-timeout",
            "10",
        ],
        cwd=ROOT,
        env={
            **os.environ,
            "SKYQUEUE_LOAD_FLIGHTS": ",".join(flight_ids),
            "SKYQUEUE_LOAD_RETURNS": ",".join(return_ids),
            "SKYQUEUE_LOAD_HOT": hot_id,
            "SKYQUEUE_LOAD_ADMIN": admin,
            "SKYQUEUE_LOAD_ADMIN_PASSWORD": admin_password,
        },
        timeout=3600,
    )
    rows = wait_until_decided([*flight_ids, *return_ids, hot_id], args.quiet_timeout)
    elapsed = time.monotonic() - started

    print(
        f"\n{'flight':<10}{'seats':>7}{'left':>6}{'sold':>6}{'ok':>6}{'fail':>6}{'canc':>6}{'pend':>6}"
    )
    for r in rows:
        sold = r["total_seats"] - r["available_seats"]
        print(
            f"{r['flight_number']:<10}{r['total_seats']:>7}{r['available_seats']:>6}{sold:>6}"
            f"{r['confirmed']:>6}{r['failed']:>6}{r['cancelled']:>6}{r['pending']:>6}"
        )
    decided = sum(r["confirmed"] + r["failed"] + r["cancelled"] for r in rows)
    print(f"\n{decided} bookings decided in {elapsed:.0f} s; locust exit code {locust.returncode}")
    print(f"Locust's reports: {args.report_dir / 'report.html'}, {args.report_dir}/locust_*.csv")
    pending = sum(r["pending"] for r in rows)
    if pending:
        print(f"INVARIANT VIOLATED: {pending} bookings on the hot flights still PENDING")
    # Every flight's seats add up, over the whole database (exit 1, naming the flights, if not).
    sys.stdout.flush()
    check = subprocess.run([sys.executable, "-m", "core.cli", "check-invariants"], cwd=ROOT)
    return 1 if pending or check.returncode or locust.returncode else 0  # failed requests too


if __name__ == "__main__":
    sys.exit(main())
