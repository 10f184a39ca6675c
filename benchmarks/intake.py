"""Intake: the system as `make run` runs it, driven over HTTP by wrk, each figure beside its limit.

    .venv/bin/python benchmarks/intake.py [--duration 15] [--network 20000] [--import-rows 200000]

Needs PostgreSQL and Redis as for `make run`, and `wrk` and `pgbench` on the PATH (Debian: `wrk`,
`postgresql-client`). It works in a scratch database of its own (created from DATABASE_URL's
server, migrated, dropped at the end) and Redis db `--redis-db` (default 12), loads 1,001
flights of a million seats (one hot, 1,000 spread) and a generated network of `--network`
flights from today, and starts the processes of `supervisord.conf` (the API with API_WORKERS
processes, the workers, the sweep) with the rate limits off. Then, one after the other:

- the trivial GET (`/api/v1/config`, no store) at 32 connections: the app's own ceiling;
- booking intake (`POST /api/v1/bookings`, one seat) on one hot flight and on 1,000 flights, at
  4 and 32 connections; for each, bookings decided per second (first request to last decision)
  and 202 → decided p50/p95 from the database's own timestamps; then the hot flight at a quarter
  of its measured rate (wrk's per-connection delay);
- a backlog: the workers stopped while wrk records bookings, then started: decided per second;
- `pgbench -c 8` on one row and TPC-B on the same server: the database's own write ceiling;
- search: the health check (one PostgreSQL and one Redis round trip, what a cached answer does
  at least), cached airport suggestions and one cached query at 32 connections, uncached one-stop
  queries (each a distinct filter) at 1 and 32 connections;
- the CSV import against `\\copy` (benchmarks/import_csv.py, when `--import-rows` is not 0).

Traffic goes to loopback only. Figures depend on the machine: the ratios are the point.
"""

import argparse
import contextlib
import json
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import psutil
from sqlalchemy import make_url, text

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from tests.support.scratch_db import scratch_database  # noqa: E402

PY = sys.executable
# Off for the load: one account makes every request.
NO_LIMITS = (
    "LOGINS_PER_ACCOUNT_PER_MINUTE", "LOGINS_PER_CLIENT_PER_MINUTE",
    "REGISTRATIONS_PER_CLIENT_PER_MINUTE", "ORDERS_PER_USER_PER_MINUTE",
    "READS_PER_USER_PER_MINUTE", "SEATS_PER_TRAVELLER_PER_FLIGHT",
)  # fmt: skip
PHASES = ("intake", "backlog", "pgbench", "search", "import")
TARGETS = {
    "intake": 0.75, "intake_p99": 100.0, "cached": 0.75, "cached_p99": 50.0,
    "uncached_p99": 100.0,
}  # fmt: skip

# wrk's report as one JSON line (latencies in microseconds; `status` counts non-2xx/3xx).
REPORT_LUA = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('JSON {"requests":%d,"duration_us":%d,"p50":%d,"p99":%d,'
    .. '"errors":%d,"status":%d}\\n', summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(99), e.connect + e.read + e.write + e.timeout,
    e.status))
end
"""
BOOKING_LUA = """
local token = "{token}"
local flights = {{{flights}}}
local delay_ms = {delay_ms}
init = function(args) math.randomseed(os.time() + tonumber(tostring({{}}):sub(8), 16)) end
request = function()
  local body = '{{"flight_id":"' .. flights[math.random(#flights)] .. '","seats":1}}'
  return wrk.format("POST", "/api/v1/bookings",
    {{["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json"}}, body)
end
if delay_ms > 0 then delay = function() return delay_ms end end
"""
UNCACHED_LUA = """
init = function(args) math.randomseed(os.time() + tonumber(tostring({{}}):sub(8), 16)) end
request = function()
  return wrk.format("GET", "{path}&max_price=" .. math.random(2000, 9999999) .. "." ..
    math.random(10, 99))
end
"""


def scratch(redis_db: int, port: int, run_dir: Path, workers: int) -> str:
    """Point this process and everything it starts at a scratch database (its name) and Redis db."""
    base = make_url(
        os.environ.get("DATABASE_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/skyqueue")
    ).set(drivername="postgresql+psycopg")
    name = f"skyqueue_bench_{uuid.uuid4().hex[:10]}"
    os.environ.update(
        DATABASE_URL=base.set(database=name).render_as_string(hide_password=False),
        REDIS_URL=f"redis://127.0.0.1:6379/{redis_db}",
        API_HOST="127.0.0.1",
        API_PORT=str(port),
        API_WORKERS=str(workers),
        WORKER_METRICS_PORT=str(port + 1),
        IMPORTER_METRICS_PORT=str(port + 2),
        SKYQUEUE_RUN_DIR=str(run_dir),
        JWT_SECRET=secrets.token_urlsafe(48),
        **dict.fromkeys(NO_LIMITS, "0"),
    )
    return name


def seed(network: int) -> tuple[list[str], str]:
    """1,001 flights LHR → JFK with a million seats each, a network from today, the bench user."""
    from sqlmodel import Session

    from core.db import get_engine
    from core.flights.models import Flight
    from core.redis import get_redis
    from core.users.models import User
    from core.users.security import hash_password

    get_redis().flushdb()
    departure = datetime.now(UTC).replace(microsecond=0) + timedelta(days=30)
    with Session(get_engine()) as session:
        flights = [
            Flight(
                flight_number=f"BX{i}", source="LHR", destination="JFK",
                departure_ts=departure + timedelta(minutes=i),
                arrival_ts=departure + timedelta(minutes=i, hours=8),
                total_seats=1_000_000, available_seats=1_000_000, price=199,
            )
            for i in range(1001)
        ]  # fmt: skip
        session.add(User(username="bench", hashed_password=hash_password("bench-password")))
        session.add_all(flights)
        session.commit()
        ids = [str(f.id) for f in flights]
    schedule = Path(os.environ["SKYQUEUE_RUN_DIR"]) / "network.csv"
    start = date.today().isoformat()
    subprocess.run(
        [PY, "scripts/generate_flights.py", "--count", str(network), "--start-date", start,
         "--out", str(schedule)],
        cwd=ROOT, check=True, capture_output=True,
    )  # fmt: skip
    subprocess.run([PY, "-m", "core.cli", "load-flights", str(schedule)], cwd=ROOT, check=True)
    return ids, start


@contextlib.contextmanager
def running_system(log: Path) -> Iterator[None]:
    """supervisord with the project's own supervisord.conf, as `make run` starts it; stopped on
    the way out, whatever happened."""
    process = subprocess.Popen(
        [str(ROOT / ".venv" / "bin" / "supervisord"), "-c", "supervisord.conf"],
        cwd=ROOT, stdout=log.open("wb"), stderr=subprocess.STDOUT, start_new_session=True,
    )  # fmt: skip
    try:
        wait_for_health(log)
        yield
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(60)


def wait_for_health(log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"{base_url()}/api/v1/health", timeout=2)
            return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"the system did not start:\n{log.read_text(errors='replace')[-3000:]}")


def base_url() -> str:
    return f"http://127.0.0.1:{os.environ['API_PORT']}"


def supervisorctl(*args: str) -> None:
    subprocess.run(
        [str(ROOT / ".venv" / "bin" / "supervisorctl"), "-c", "supervisord.conf", *args],
        cwd=ROOT, check=True, capture_output=True,
    )  # fmt: skip


def login() -> str:
    body = b"username=bench&password=bench-password"
    request = urllib.request.Request(f"{base_url()}/api/v1/auth/token", data=body)
    with urllib.request.urlopen(request, timeout=10) as answer:
        return str(json.load(answer)["access_token"])


def api_cpu_seconds() -> float:
    """CPU time (user and system) the API processes have used so far."""
    used = 0.0
    for process in psutil.process_iter(["cmdline"]):
        if "api.main:app" in " ".join(process.info["cmdline"] or []):
            with contextlib.suppress(psutil.Error):
                times = process.cpu_times()
                used += times.user + times.system
    return used


def wrk(path: str, *, connections: int, duration: int, script: str = "") -> dict:
    """Run wrk against the API; its report: requests/s, p50 and p99 in ms, failures, and the
    API's CPU time per request (ms)."""
    cpu_before = api_cpu_seconds()
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as lua:
        lua.write(script + REPORT_LUA)
    threads = min(2, connections)
    out = subprocess.run(
        ["wrk", "-t", str(threads), "-c", str(connections), "-d", f"{duration}s",
         "--timeout", "10s", "-s", lua.name, base_url() + path],
        check=True, capture_output=True, text=True,
    ).stdout  # fmt: skip
    os.unlink(lua.name)
    report = json.loads(out.split("JSON ", 1)[1].splitlines()[0])
    seconds = report["duration_us"] / 1e6
    cpu_ms = (api_cpu_seconds() - cpu_before) * 1000 / max(report["requests"], 1)
    return {
        "cpu_ms": cpu_ms,
        "rps": report["requests"] / seconds,
        "p50": report["p50"] / 1000,
        "p99": report["p99"] / 1000,
        "failed": report["errors"] + report["status"],
        "requests": report["requests"],
    }


DECIDED = text(
    """
    SELECT count(*) AS bookings,
           count(*) FILTER (WHERE status = 'PENDING') AS pending,
           extract(epoch FROM max(decided_at) - min(created_at)) AS span,
           extract(epoch FROM max(decided_at) - min(decided_at)) AS deciding,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY decided_at - created_at) AS p50,
           percentile_cont(0.95) WITHIN GROUP (ORDER BY decided_at - created_at) AS p95
    FROM bookings
    """
)


def decided(timeout: float = 300) -> dict:
    """Wait until no booking is PENDING; the figures of the bookings since the last reset."""
    from core.db import get_engine

    deadline = time.monotonic() + timeout
    with get_engine().connect() as conn:
        pending_at_end = conn.execute(DECIDED).one().pending
        while (row := conn.execute(DECIDED).one()).pending and time.monotonic() < deadline:
            conn.rollback()
            time.sleep(0.2)
    return {
        "bookings": row.bookings,
        "pending_at_end": pending_at_end,
        "decided_per_s": row.bookings / float(row.span or 1),
        "backlog_per_s": row.bookings / float(row.deciding or 1),
        "p50": (row.p50 or timedelta()).total_seconds() * 1000,
        "p95": (row.p95 or timedelta()).total_seconds() * 1000,
    }


def reset() -> None:
    """Empty the bookings once the queue is idle; every flight's seats must add up first."""
    from core.db import get_engine
    from core.redis import get_redis

    while get_redis().hlen("skyqueue:bookings.msgs"):
        time.sleep(0.1)
    subprocess.run([PY, "-m", "core.cli", "check-invariants"], cwd=ROOT, check=True)
    with get_engine().begin() as conn:
        conn.execute(text("TRUNCATE bookings, orders CASCADE"))
        conn.execute(text("UPDATE flights SET available_seats = total_seats - seats_sold_outside"))


def pgbench(database: str, *, one_row: bool, duration: int) -> float:
    """Transactions per second of `pgbench -c 8` on the same server: one row, or TPC-B."""
    url = make_url(os.environ["DATABASE_URL"])
    conn = ["-h", url.host or "127.0.0.1", "-p", str(url.port or 5432), "-U", url.username or ""]
    args = ["pgbench", *conn, "-n", "-c", "8", "-j", "2", "-T", str(duration)]
    with tempfile.NamedTemporaryFile("w", suffix=".sql", delete=False) as script:
        script.write("UPDATE pgbench_accounts SET abalance = abalance + 1 WHERE aid = 1;\n")
    if one_row:
        args += ["-f", script.name]
    out = subprocess.run([*args, database], check=True, capture_output=True, text=True).stdout
    os.unlink(script.name)
    return float(re.search(r"tps = ([\d.]+)", out).group(1))  # type: ignore[union-attr]


def row(name: str, figure: dict, ceiling: float | None = None) -> None:
    ratio = f"{figure['rps'] / ceiling:5.2f}" if ceiling else "     "
    print(
        f"{name:<44}{figure['rps']:>8.0f}{figure['p50']:>9.1f}{figure['p99']:>9.1f}  {ratio}"
        f"{figure['cpu_ms']:>9.2f}"
        f"{'  failed ' + str(figure['failed']) if figure['failed'] else ''}",
        flush=True,
    )


def booking_script(token: str, flights: list[str], *, delay_ms: int = 0) -> str:
    """wrk's script booking one seat on a random one of `flights` per request."""
    quoted = ",".join(f'"{f}"' for f in flights)
    return BOOKING_LUA.format(token=token, flights=quoted, delay_ms=delay_ms)


def bookings_phase(
    name: str, token: str, flights: list[str], ceiling: float, *, delay_ms: int = 0, **wrk_args
) -> dict:
    script = booking_script(token, flights, delay_ms=delay_ms)
    figure = wrk("/api/v1/bookings", script=script, **wrk_args)
    row(name, figure, ceiling)
    outcome = decided()
    print(
        f"{'':<6}decided {outcome['decided_per_s']:.0f}/s, first request to last decision "
        f"({outcome['pending_at_end']} pending when wrk stopped); 202 → decided "
        f"p50 {outcome['p50']:.0f} ms, p95 {outcome['p95']:.0f} ms",
        flush=True,
    )
    reset()
    return figure


def intake(token: str, flights: list[str], ceiling: float, duration: int) -> dict:
    """Booking intake at 4 and 32 connections, on one hot flight and on 1,000, then the hot
    flight at a quarter of its rate; the 32-connection hot-flight figure."""
    full = {}
    for connections in (4, 32):
        for label, chosen in (("one hot flight", flights[:1]), ("1,000 flights", flights[1:])):
            full[label, connections] = bookings_phase(
                f"POST /api/v1/bookings, {label}, {connections} conn",
                token, chosen, ceiling, connections=connections, duration=duration,
            )  # fmt: skip
    quarter = full["one hot flight", 32]["rps"] / 4
    bookings_phase(
        f"the same at a quarter load ({quarter:.0f}/s)",
        token, flights[:1], ceiling, connections=32, duration=duration,
        delay_ms=int(32_000 / quarter),
    )  # fmt: skip
    return full["one hot flight", 32]


def backlog(token: str, flights: list[str], duration: int) -> None:
    """Bookings recorded while the workers are stopped, then decided once they start."""
    supervisorctl("stop", "worker")
    for label, chosen in (("one hot flight", flights[:1]), ("1,000 flights", flights[1:])):
        script = booking_script(token, chosen)
        figure = wrk("/api/v1/bookings", connections=32, duration=duration, script=script)
        supervisorctl("start", "worker")
        outcome = decided()
        print(
            f"backlog of {figure['requests']} bookings, {label}: "
            f"decided {outcome['backlog_per_s']:.0f}/s once the workers started",
            flush=True,
        )
        reset()
        supervisorctl("stop", "worker")
    supervisorctl("start", "worker")


def database_ceiling(database: str, duration: int) -> None:
    subprocess.run(["pgbench", "-i", "-q", "-s", "8", database], check=True, capture_output=True)
    one_row = pgbench(database, one_row=True, duration=duration)
    tpcb = pgbench(database, one_row=False, duration=duration)
    print(f"pgbench -c 8: one row {one_row:.0f} tps, TPC-B {tpcb:.0f} tps", flush=True)


def search_path(day: str) -> str:
    return f"/api/v1/search?source=LON&destination=NYC&date={day}&max_stops=1"


def search(day: str, ceiling: float, duration: int) -> tuple[dict, dict]:
    """The health check, cached suggestions and one cached query at 32 connections, then uncached
    ones at 1 and 32; the cached search's figures and the uncached ones' at 1 connection."""
    health = wrk("/api/v1/health", connections=32, duration=duration)
    row("GET /api/v1/health (one PostgreSQL, one Redis trip)", health, ceiling)
    suggestions = wrk("/api/v1/airports?q=lon", connections=32, duration=duration)
    row("GET /api/v1/airports?q=lon, cached, 32 conn", suggestions, ceiling)
    path = search_path(day)
    cached = wrk(path, connections=32, duration=duration)
    row("GET /api/v1/search, cached, 32 conn", cached, ceiling)
    script = UNCACHED_LUA.format(path=path)
    alone = wrk(path, connections=1, duration=duration, script=script)
    row("GET /api/v1/search, uncached one-stop, 1 conn", alone, ceiling)
    uncached = wrk(path, connections=32, duration=duration, script=script)
    row("GET /api/v1/search, uncached one-stop, 32 conn", uncached, ceiling)
    return cached, alone


def verdicts(trivial: dict, hot: dict | None, searched: tuple[dict, dict] | None) -> None:
    """Each target met or not; and the API CPU a request may use to run at 0.75× the trivial
    GET's rate (the API's CPU is what bounds both here)."""
    ceiling = trivial["rps"]
    cached, uncached = searched or (None, None)
    print("\ntargets:")
    checks = []
    if hot:
        checks += [
            ("intake ≥ 0.75× trivial", hot["rps"] / ceiling, TARGETS["intake"], True),
            ("intake p99 ≤ 100 ms at 32 conn (ms)", hot["p99"], TARGETS["intake_p99"], False),
        ]
    if cached:
        checks += [
            ("cached search ≥ 0.75× trivial", cached["rps"] / ceiling, TARGETS["cached"], True),
            ("cached search p99 ≤ 50 ms (ms)", cached["p99"], TARGETS["cached_p99"], False),
        ]
    if uncached:
        checks.append(
            ("uncached one-stop p99 ≤ 100 ms (ms)", uncached["p99"], TARGETS["uncached_p99"], False)
        )
    for name, value, target, higher in checks:
        met = value >= target if higher else value <= target
        print(f"  {name:<40}{value:>8.2f}  {'met' if met else 'NOT met'}")
    budget = trivial["cpu_ms"] / TARGETS["intake"]
    used = ", ".join(
        f"{name} uses {figure['cpu_ms']:.2f} ms"
        for name, figure in (("a booking", hot), ("a cached search", cached))
        if figure
    )
    if used:
        print(f"  at 0.75× the trivial GET a request may use {budget:.2f} ms of API CPU: {used}")


def run(args: argparse.Namespace, database: str, flights: list[str], day: str) -> None:
    token = login()
    duration, only = args.duration, set(args.only)
    # Warm-up, not measured: each API process opens its pooled connections on first use (the
    # first second after a start would otherwise dominate the p99 of whatever ran first).
    wrk(search_path(day), connections=32, duration=3)
    print(
        f"{'request':<44}{'req/s':>8}{'p50 ms':>9}{'p99 ms':>9}  ratio  API CPU ms per request "
        "(ratio: to the trivial GET)"
    )
    trivial = wrk("/api/v1/config", connections=32, duration=duration)
    row("GET /api/v1/config (trivial)", trivial, trivial["rps"])
    ceiling = trivial["rps"]
    hot = intake(token, flights, ceiling, duration) if "intake" in only else None
    if "backlog" in only:
        backlog(token, flights, duration)
    if "pgbench" in only:
        database_ceiling(database, max(5, duration // 2))
    searched = search(day, ceiling, duration) if "search" in only else None
    verdicts(trivial, hot, searched)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=15, help="seconds per wrk phase")
    parser.add_argument("--network", type=int, default=20000, help="flights to search")
    parser.add_argument("--import-rows", type=int, default=200000, help="0: no import phase")
    parser.add_argument("--port", type=int, default=8876)
    parser.add_argument("--redis-db", type=int, default=12)
    parser.add_argument("--api-workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument(
        "--only", nargs="+", choices=PHASES, default=list(PHASES),
        help="phases to run after the trivial GET (default: all)",
    )  # fmt: skip
    args = parser.parse_args()
    if args.redis_db == 0:
        parser.error("--redis-db 0 is where a local Skyqueue keeps its queues; pick another")
    for tool in ("wrk", "pgbench"):
        if shutil.which(tool) is None:
            parser.error(f"{tool} is needed (Debian: apt-get install wrk postgresql-client)")
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))  # clean up on SIGTERM too
    run_dir = Path(tempfile.mkdtemp(prefix="skyqueue-bench-"))
    name = scratch(args.redis_db, args.port, run_dir, args.api_workers)
    try:
        with scratch_database(os.environ["DATABASE_URL"]):
            flights, today = seed(args.network)
            day = (date.fromisoformat(today) + timedelta(days=4)).isoformat()
            with running_system(run_dir / "system.log"):
                cores, seconds = os.cpu_count(), args.duration
                print(f"{args.api_workers} API processes, {cores} cores, wrk {seconds} s")
                run(args, name, flights, day)
    finally:
        shutil.rmtree(run_dir, ignore_errors=True)
    if args.import_rows and "import" in args.only:
        subprocess.run(
            [PY, "benchmarks/import_csv.py", "--rows", str(args.import_rows)], cwd=ROOT, check=True
        )


if __name__ == "__main__":
    main()
