"""Search latency and throughput, cached and uncached, next to trivial endpoints of the same app.

    SKYQUEUE_TEST_REDIS_DB=13 .venv/bin/python benchmarks/search.py \
        [--flights 100000] [--requests 2000] [--concurrency 8] [--api-workers 1]

Creates a database of its own (dropped at the end) and uses the Redis db index of
SKYQUEUE_TEST_REDIS_DB (flushed), applies the migrations, loads `flights.csv` (1,000 flights) or,
with `--flights N`, a network of N flights from today made by `scripts/generate_flights.py`,
starts uvicorn on a free loopback port, then sends each phase's requests from `--concurrency`
concurrent clients and prints p50/p99 latency and requests per second:

- `/docs` (a static page: the trivial endpoint, the floor of the stack), `/api/v1/health`
  (one PostgreSQL and one Redis round trip) and `/api/v1/airports` (every airport served: a
  cached answer of about the size of a page of itineraries, from one Redis GET),
- `search cached`: a few searches repeated, every answer an `X-Cache: HIT`,
- `search uncached`: every request a different one-stop search (places, local date, seats,
  sort; direct flights and connections with up to one change) not asked before, every answer
  an `X-Cache: MISS`;
- `uncached, 1 client`: the same from one client at a time, so that its latency is a search's
  own and not time spent queueing behind the others on a shared machine.

The ratio column is each phase's requests/s divided by `/docs`'s. Client and server share the
machine, so absolute figures are lower bounds; the ratios are the point.
"""

import argparse
import asyncio
import csv
import itertools
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import tests.support.settings as bench_settings  # noqa: E402, I001  (before any core import)

import httpx  # noqa: E402
from sqlalchemy import create_engine, text  # noqa: E402

from core.search.airports import airport_timezone  # noqa: E402
from core.redis import get_redis  # noqa: E402
from tests.support.scratch_db import scratch_database  # noqa: E402
from tests.support.processes import running_api  # noqa: E402

sys.path.insert(0, str(ROOT / "scripts"))
import generate_flights  # noqa: E402


def read_flights(count: int | None) -> list[dict[str, str]]:
    """`flights.csv`, or a generated network of `count` flights from today."""
    if count is None:
        with (ROOT / "flights.csv").open() as f:
            return list(csv.DictReader(f))
    names = generate_flights.HEADER
    rows = generate_flights.generate(date.today() + timedelta(days=1), count, seed=7)
    return [dict(zip(names, row, strict=True)) for row in rows]


def load_flights(url: str, rows: list[dict[str, str]]) -> None:
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO flights (id, flight_number, source, destination, departure_ts, "
                "arrival_ts, total_seats, available_seats, seats_sold_outside, price) VALUES "
                "(gen_random_uuid(), :flight_number, :source, :destination, :departure_ts, "
                ":arrival_ts, :total_seats, :available_seats, :total_seats - :available_seats, "
                ":price)"
            ),
            [
                {
                    **row,
                    "total_seats": int(row["total_seats"]),
                    "available_seats": int(row["available_seats"]),
                }
                for row in rows
            ],
        )
    engine.dispose()


def searches(rows: list[dict[str, str]]) -> Iterator[dict[str, str]]:
    """Distinct one-stop searches: every route and local date of the data set (each finds a
    flight), then with every sort, then with more seats."""
    days = sorted(
        {
            (
                r["source"],
                r["destination"],
                datetime.fromisoformat(r["departure_ts"])
                .astimezone(airport_timezone(r["source"]))
                .date()
                .isoformat(),
            )
            for r in rows
        }
    )
    for seats, sort in itertools.product(range(1, 10), ("price", "departure", "duration")):
        for source, destination, day in days:
            yield {
                "source": source,
                "destination": destination,
                "date": day,
                "seats": str(seats),
                "sort": sort,
                "max_stops": "1",
            }


async def phase(
    base_url: str,
    requests: list[tuple[str, dict[str, str]]],
    concurrency: int,
) -> tuple[list[float], float, int, float]:
    """Send the requests from `concurrency` clients: per-request latencies, the wall time, how
    many answers were cache hits and their mean size in bytes."""
    latencies: list[float] = []
    hits = 0
    size = 0
    queue = iter(requests)
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=base_url, limits=limits, timeout=60) as client:

        async def run() -> None:
            nonlocal hits, size
            for path, params in queue:
                start = time.perf_counter()
                answer = await client.get(path, params=params)
                latencies.append(time.perf_counter() - start)
                if answer.status_code != 200:
                    raise RuntimeError(f"{path} {params}: {answer.status_code} {answer.text}")
                hits += answer.headers.get("X-Cache") == "HIT"
                size += len(answer.content)

        start = time.perf_counter()
        await asyncio.gather(*(run() for _ in range(concurrency)))
        return latencies, time.perf_counter() - start, hits, size / max(len(latencies), 1)


def percentile(values: list[float], q: int) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1] * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--flights", type=int, default=None, help="a generated network's size")
    parser.add_argument("--requests", type=int, default=2000, help="requests per phase")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--api-workers", type=int, default=1)
    args = parser.parse_args()

    with scratch_database(bench_settings.TEST_DB_URL):
        rows = read_flights(args.flights)
        started = time.perf_counter()
        load_flights(bench_settings.TEST_DB_URL, rows)
        print(f"loaded {len(rows)} flights in {time.perf_counter() - started:.1f} s")
        get_redis().flushdb()
        wanted = 2 * args.requests + 200
        every = list(searches(rows))
        random.Random(7).shuffle(every)  # routes and days mixed, as travellers ask
        unique = every[:wanted]
        if len(unique) < wanted:
            raise SystemExit(f"only {len(unique)} distinct searches: ask for fewer requests")
        hot = unique[:20]
        warm, cold = unique[20:200], unique[200 : 200 + args.requests]
        alone = unique[200 + args.requests :]
        cached = list(itertools.islice(itertools.cycle(hot), args.requests))
        many = args.concurrency
        phases = [
            ("/docs", [("/docs", {})] * args.requests, many),
            ("/api/v1/health", [("/api/v1/health", {})] * args.requests, many),
            ("/api/v1/airports", [("/api/v1/airports", {})] * args.requests, many),
            ("search cached", [("/api/v1/search", q) for q in cached], many),
            ("search uncached", [("/api/v1/search", q) for q in cold], many),
            ("uncached, 1 client", [("/api/v1/search", q) for q in alone], 1),
        ]
        with (
            tempfile.TemporaryDirectory() as tmp,
            running_api(Path(tmp) / "api.log", workers=args.api_workers) as base_url,
        ):
            # Warm up connections and imports (these searches are not used again).
            asyncio.run(phase(base_url, [("/api/v1/search", q) for q in warm], 4))
            results = []
            sizes: dict[str, float] = {}
            for name, requests, clients in phases:
                if name == "/api/v1/airports":  # cached from the first request on
                    asyncio.run(phase(base_url, requests[:1], 1))
                if name == "search cached":  # fill the cache just before (the TTL is short)
                    asyncio.run(phase(base_url, [("/api/v1/search", q) for q in hot], 1))
                latencies, wall, hits, sizes[name] = asyncio.run(phase(base_url, requests, clients))
                results.append((name, latencies, len(latencies) / wall, hits))
        baseline = next(rate for name, _, rate, _ in results if name == "/docs")
        print(
            f"{len(rows)} flights, {args.requests} requests per phase, {args.concurrency} "
            f"concurrent clients, {args.api_workers} uvicorn worker(s), 2-core machine shared "
            "by client and server"
        )
        print(
            f"{'endpoint':<18}{'p50 ms':>9}{'p99 ms':>9}{'req/s':>9}{'vs /docs':>11}"
            f"{'cache hits':>12}{'KB':>9}"
        )
        for name, latencies, rate, hits in results:
            print(
                f"{name:<18}{percentile(latencies, 50):>9.1f}{percentile(latencies, 99):>9.1f}"
                f"{rate:>9.0f}{rate / baseline:>10.2f}x{hits / len(latencies):>11.0%}"
                f"{sizes[name] / 1024:>9.1f}"
            )
        get_redis().flushdb()


if __name__ == "__main__":
    main()
