"""Benchmark: a 1,000,000-row CSV import through the job, against a plain `psql \\copy`.

    .venv/bin/python benchmarks/import_csv.py [--rows 1000000] [--chunk-rows 50000]

Needs PostgreSQL and Redis as for the tests (DATABASE_URL / REDIS_URL, loopback defaults) and
`psql` on the PATH. It creates a database of its own (dropped at the end), uses Redis db
SKYQUEUE_BENCH_REDIS_DB (default 14), generates the file, stores it as an upload does, runs it
through the `imports.import_flights` actor in a real `dramatiq` worker (1 process, 1 thread, the
`imports` queue, as in supervisord.conf) and then once more (every row now an upsert), samples the
worker's RSS with psutil, then times `\\copy` of the same file into a bare table (no keys, no
indexes) on the same server, the issue's reference. Then the floor for any import into the real
table: `\\copy` of the same rows, with time-ordered ids as the import writes them, into a fresh
table with the indexes and constraints of `flights`, from one connection and from two at once
(half the rows each: the machine's cores working for PostgreSQL alone, no parsing or checking).
It prints rows/s, the peak worker RSS and the import's ratio to each (targets: ≤ 1.5× the bare
\\copy, ≤ 500 MB).
"""

import argparse
import contextlib
import os
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import numpy as np
import pandas as pd
import psutil
from sqlalchemy import make_url

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from tests.support.scratch_db import scratch_database  # noqa: E402

BASE_URL = make_url(
    os.environ.get("DATABASE_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
).set(drivername="postgresql+psycopg")
DB_NAME = f"skyqueue_bench_{uuid.uuid4().hex[:8]}"
DB_URL = BASE_URL.set(database=DB_NAME)
REDIS_DB = int(os.environ.get("SKYQUEUE_BENCH_REDIS_DB", "14"))
os.environ.update(
    DATABASE_URL=DB_URL.render_as_string(hide_password=False),
    REDIS_URL=f"redis://127.0.0.1:6379/{REDIS_DB}",
    ENVIRONMENT="test",
    dramatiq_worker_timeout="100",  # as supervisord.conf and the worker image
)
ROUTES = [
    ("LHR", "JFK"), ("CDG", "SIN"), ("SYD", "AKL"), ("GRU", "EZE"), ("NRT", "HKG"),
    ("DXB", "BOM"), ("FRA", "ORD"), ("AMS", "NBO"), ("MAD", "MEX"), ("IST", "DEL"),
]  # fmt: skip


def generate(path: Path, rows: int) -> None:
    """Distinct valid flights: flight number from the row number, a minute apart."""
    i = np.arange(rows)
    block = i // 9999
    letters = pd.Series(
        np.char.add(
            np.array([chr(65 + b) for b in range(26)])[(block // 26) % 26],
            np.array([chr(65 + b) for b in range(26)])[block % 26],
        )
    )
    departure = pd.Timestamp("2027-01-01T00:00:00Z") + pd.to_timedelta(i, unit="min")
    route = np.array(ROUTES)[i % len(ROUTES)]
    frame = pd.DataFrame(
        {
            "flight_number": letters + (i % 9999 + 1).astype(str),
            "source": route[:, 0],
            "destination": route[:, 1],
            "departure_ts": departure.strftime("%Y-%m-%dT%H:%M:%S+00:00"),
            "arrival_ts": (departure + pd.Timedelta(hours=7, minutes=5)).strftime(
                "%Y-%m-%dT%H:%M:%SZ"
            ),
            "total_seats": 180 + i % 200,
            "available_seats": 150 + i % 30,
            "price": np.round(99.0 + (i % 500) * 1.25, 2),
        }
    )
    frame.to_csv(path, index=False)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--chunk-rows", type=int, default=None)
    args = parser.parse_args()
    if args.chunk_rows:
        os.environ["IMPORT_CHUNK_ROWS"] = str(args.chunk_rows)

    with scratch_database(os.environ["DATABASE_URL"]):
        run(args.rows)


def run(rows: int) -> None:
    from core.imports.upload import CSV_COLUMNS
    from core.redis import get_redis

    get_redis().flushdb()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "flights_1m.csv"
        started = time.perf_counter()
        generate(path, rows)
        size = path.stat().st_size
        print(
            f"generated {rows:,} rows ({size / 1e6:.0f} MB) "
            f"in {time.perf_counter() - started:.1f} s"
        )

        log = (Path(tmp) / "worker.log").open("wb")
        worker = subprocess.Popen(
            [sys.executable, "-m", "dramatiq", "workers", "--processes", "1", "--threads", "1",
             "--queues", "imports"],
            cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
        try:
            while "is ready for action" not in (Path(tmp) / "worker.log").read_text():
                time.sleep(0.2)

            stored, elapsed, in_job, peak = import_once(path, worker.pid)
            # The same file again: every row exists, so each chunk takes the upsert path
            # (staging table, INSERT … ON CONFLICT DO UPDATE) and writes nothing that is equal.
            _, again, _, peak_again = import_once(path, worker.pid)
            peak = max(peak, peak_again)
        finally:
            worker.terminate()
            worker.wait(30)

        # The imported flights' seats add up (exit 1, naming the flights, if not).
        subprocess.run([sys.executable, "-m", "core.cli", "check-invariants"], check=True)

        bare = BASE_URL.set(database=DB_NAME, drivername="postgresql")
        psql = ["psql", "-q", "-v", "ON_ERROR_STOP=1", bare.render_as_string(hide_password=False)]
        subprocess.run(
            [*psql, "-c", "CREATE TABLE bare (flight_number text, source text, destination "
             "text, departure_ts timestamptz, arrival_ts timestamptz, total_seats int, "
             "available_seats int, price numeric(10,2))"],
            check=True,
        )  # fmt: skip
        copy_time = timed([*psql, "-c", f"\\copy bare FROM '{path}' CSV HEADER"])
        halves = with_ordered_ids(path, Path(tmp))
        columns = "id," + ",".join(CSV_COLUMNS)
        floor_times = []
        for n, files in enumerate(([path.with_suffix(".ids.csv")], halves)):
            table = f"indexed_{n}"
            subprocess.run(
                [*psql, "-c", f"CREATE TABLE {table} (LIKE flights INCLUDING ALL)"], check=True
            )
            started = time.perf_counter()
            copies = [
                subprocess.Popen([*psql, "-c", f"\\copy {table} ({columns}) FROM '{f}' CSV"])
                for f in files
            ]
            assert all(copy.wait() == 0 for copy in copies)
            floor_times.append(time.perf_counter() - started)

    print(f"upload storage (API path, file into import_file_chunks): {stored:.1f} s")
    print(f"import through the job: {elapsed:.1f} s from send to SUCCEEDED "
          f"({in_job:.1f} s inside the job), {rows / elapsed:,.0f} rows/s")  # fmt: skip
    print(f"re-import of the same file (every row an upsert): {again:.1f} s from send to SUCCEEDED")
    print(f"peak worker RSS: {peak / 1e6:.0f} MB (target ≤ 500 MB)")
    print(f"psql \\copy into a bare table: {copy_time:.1f} s, {rows / copy_time:,.0f} rows/s")
    one, two = floor_times
    for label, seconds in (("one connection", one), ("two connections", two)):
        print(
            f"psql \\copy into a table with the indexes and constraints of flights, {label}: "
            f"{seconds:.1f} s, {rows / seconds:,.0f} rows/s; import {elapsed / seconds:.2f}× that"
        )
    print(f"ratio import / \\copy into the bare table: {elapsed / copy_time:.2f}× (target ≤ 1.5×)")
    print(
        "the floor for flights on this machine, two connections / bare \\copy: "
        f"{two / copy_time:.2f}×"
    )


def import_once(path: Path, worker_pid: int) -> tuple[float, float, float, int]:
    """Store the file as an upload does and run it through the worker; returns the storing
    time, the time from send to SUCCEEDED, the time inside the job and the worker's peak RSS."""
    from sqlmodel import Session

    from core.db import get_engine
    from core.imports.models import ImportJob
    from core.imports.upload import store_file
    from workers.imports import import_flights

    started = time.perf_counter()
    with Session(get_engine()) as session, path.open("rb") as file:
        job_id = store_file(session, file=file, filename=path.name, created_by=None).id
        session.commit()
    stored = time.perf_counter() - started

    started = time.perf_counter()
    import_flights.send(str(job_id))
    peak = 0
    process = psutil.Process(worker_pid)
    with Session(get_engine()) as session:
        while True:
            for proc in [process, *process.children(recursive=True)]:
                with contextlib.suppress(psutil.NoSuchProcess):
                    peak = max(peak, proc.memory_info().rss)
            session.expire_all()
            done = session.get_one(ImportJob, job_id)
            if done.status in ("SUCCEEDED", "FAILED"):
                break
            time.sleep(0.1)
    elapsed = time.perf_counter() - started
    assert done.finished_at is not None
    assert done.started_at is not None
    print(
        f"import job: {done.status}, {done.inserted_rows:,} inserted, "
        f"{done.updated_rows:,} updated, {done.rejected_rows:,} rejected"
        + (f" ({done.error_message})" if done.error_message else "")
    )
    return stored, elapsed, (done.finished_at - done.started_at).total_seconds(), peak


def with_ordered_ids(path: Path, tmp: Path) -> list[Path]:
    """The file's rows with time-ordered ids first (as the import gives new flights) and no
    header, as `<path>.ids.csv` and as two halves; returns the halves."""
    frame = pd.read_csv(path, dtype=str)
    start = (time.time_ns() // 1_000_000) << 80 | 0x7 << 76 | 0x8 << 60
    frame.insert(0, "id", [str(uuid.UUID(int=start + i)) for i in range(len(frame))])
    frame.to_csv(path.with_suffix(".ids.csv"), index=False, header=False)
    middle = len(frame) // 2
    halves = [tmp / "first_half.csv", tmp / "second_half.csv"]
    frame.iloc[:middle].to_csv(halves[0], index=False, header=False)
    frame.iloc[middle:].to_csv(halves[1], index=False, header=False)
    return halves


def timed(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=True)
    return time.perf_counter() - started


if __name__ == "__main__":
    main()
