r"""The import job (`run_import`, called by the `imports.import_flights` actor, or synchronously by
the CLI): streams the stored file through pandas in chunks of rows, checks each chunk
(`core.imports.validation`) in a thread one chunk ahead of the writing, and writes it
(`core.imports.writer`). Each chunk commits together with the job's progress and its rejected
rows, so a job interrupted at any instant (a killed worker, a redelivered message) resumes after
its last committed chunk: no flight is written and no row counted twice.

Speed: 1,000,000 rows import in about the time PostgreSQL takes to `\copy` them into a table
with the indexes of `flights` (benchmarks/import_csv.py); the indexes are most of that time.
"""

import contextlib
import io
import logging
import uuid
from collections.abc import Generator
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from typing import Any

import pandas as pd
from sqlalchemy import Connection, text
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session

from core.config import settings
from core.db import get_engine
from core.imports.models import ImportStatus
from core.imports.upload import EXTRA, InvalidFile, parse_header
from core.imports.validation import SeenFlights, check_chunk
from core.imports.writer import STAGING_TABLE, Chunk, Progress, flight_rows, write_chunk
from core.search.cache import invalidate_search_cache

logger = logging.getLogger(__name__)


class _StoredFile(io.RawIOBase):
    """The stored pieces of a job's file as one binary stream, read one piece at a time."""

    def __init__(self, conn: Connection, job_id: uuid.UUID) -> None:
        self._conn = conn
        self._job_id = job_id
        self._next = 0
        self._piece = b""
        self._pos = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if self._pos >= len(self._piece):
            piece = self._conn.execute(
                text("SELECT data FROM import_file_chunks WHERE job_id = :job AND seq = :seq"),
                {"job": self._job_id, "seq": self._next},
            ).scalar()
            if piece is None:
                return 0
            self._piece, self._pos, self._next = bytes(piece), 0, self._next + 1
        size = min(len(buffer), len(self._piece) - self._pos)
        buffer[:size] = self._piece[self._pos : self._pos + size]
        self._pos += size
        return size


class _Prefixed(io.RawIOBase):
    """Some bytes, then the rest of a stream."""

    def __init__(self, prefix: bytes, rest: io.BufferedIOBase) -> None:
        self._prefix = prefix
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if self._prefix:
            size = min(len(buffer), len(self._prefix))
            buffer[:size] = self._prefix[:size]
            self._prefix = self._prefix[size:]
            return size
        return self._rest.readinto(buffer)


def run_import(*, job_id: uuid.UUID) -> None:
    """Run a QUEUED job, or resume a RUNNING one after its last committed chunk.

    A job already finished is left as it is, so a redelivered message is harmless. The job uses
    one connection of its own throughout: it holds the job's advisory lock and the staging table.
    At the end, whatever happened, the lock is released and the connection discarded (with the
    staging table): a lock left to the closing connection would be released only once the
    server noticed, and a retry at once would find it still taken. A second
    delivery while the job runs finds the lock taken and returns at once: waiting and retrying
    would end in the dead-letter hook failing a job that is running well. If the holder dies,
    its connection closes, the lock goes with it, and its message comes back (broker heartbeat)
    or the sweep sends the job again.
    """
    with get_engine().connect() as conn:
        try:
            _run(conn, job_id)
        finally:
            with contextlib.suppress(SQLAlchemyError):  # a broken connection holds nothing
                conn.rollback()
                conn.execute(text("SELECT pg_advisory_unlock_all()"))
            conn.invalidate()


def _run(conn: Connection, job_id: uuid.UUID) -> None:
    locked = conn.execute(
        text("SELECT pg_try_advisory_lock(hashtextextended(:key, 0))"), {"key": f"import:{job_id}"}
    ).scalar_one()
    if not locked:
        logger.info("import %s is being run by another delivery; nothing to do", job_id)
        return
    claimed = conn.execute(
        text(
            "UPDATE import_jobs SET status = 'RUNNING', updated_at = now(), "
            "started_at = coalesce(started_at, now()) "
            "WHERE id = :job AND status IN ('QUEUED', 'RUNNING') "
            "RETURNING dry_run, processed_rows, jsonb_array_length(errors) AS reported"
        ),
        {"job": job_id},
    ).first()
    if claimed is None:
        conn.commit()
        return
    conn.execute(text(STAGING_TABLE))
    conn.commit()
    progress = Progress(processed=claimed.processed_rows, reported=claimed.reported)
    chunks = _chunks(job_id=job_id, resume_after=claimed.processed_rows)
    records = claimed.processed_rows
    # The next chunk is read and checked in a thread while this one is written: pandas, Arrow
    # and psycopg release the GIL, so the two overlap. Chunks still commit one by one, in order.
    try:
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="import-read") as reader:
            pending = reader.submit(next, chunks, None)
            while (chunk := pending.result()) is not None:
                pending = reader.submit(next, chunks, None)
                records = chunk.records
                written = write_chunk(
                    conn, job_id=job_id, dry_run=claimed.dry_run, chunk=chunk, progress=progress
                )
                conn.commit()
                if written:
                    invalidate_search_cache()
    except (pd.errors.ParserError, UnicodeDecodeError, InvalidFile) as error:
        conn.rollback()
        _finish(conn, job_id=job_id, failure=f"the file could not be read as CSV: {error}")
        return
    finally:
        chunks.close()
    _finish(conn, job_id=job_id, total=records)


def _chunks(*, job_id: uuid.UUID, resume_after: int) -> Generator[Chunk]:
    """The job's file, read from the database (on a connection of its own) and checked, chunk
    by chunk. The chunks up to record `resume_after`, committed before an interruption, are
    checked only to learn their flights (for the duplicate check) and not yielded."""
    with get_engine().connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        stream = io.BufferedReader(_StoredFile(conn, job_id), buffer_size=1024 * 1024)
        names = parse_header(stream.readline())
        columns = [*names, EXTRA]
        # pandas reads a header row with one more column than the file's: the C parser then pads
        # short rows and keeps a row's surplus values (an unquoted comma) in EXTRA, instead of
        # failing the whole file on one bad row.
        reader = pd.read_csv(
            io.BufferedReader(_Prefixed(",".join(columns).encode() + b"\n", stream)),
            header=0,
            names=columns,
            usecols=columns,
            dtype=str,
            na_filter=False,
            skip_blank_lines=False,
            chunksize=settings.import_chunk_rows,
            encoding="utf-8",
            engine="c",
        )
        seen = SeenFlights()
        for frame in reader:
            if not len(frame):
                continue
            records = int(frame.index[-1]) + 1
            checked = check_chunk(frame, seen=seen)
            if records <= resume_after:
                continue
            first_line = resume_after + 2
            valid = checked.valid[checked.valid["line"] >= first_line]
            # Every import writes new flights in this order, so two importing the same new
            # flights wait for each other instead of deadlocking.
            valid = valid.sort_values(["flight_number", "departure_us"], ignore_index=True)
            yield Chunk(
                records=records,
                frame=frame,
                valid=valid,
                rows=flight_rows(valid) if len(valid) else b"",
                rejected=[r for r in checked.rejected if r["line"] >= first_line],
            )


def _finish(
    conn: Connection, *, job_id: uuid.UUID, total: int | None = None, failure: str | None = None
) -> None:
    """Mark the job SUCCEEDED (or FAILED with the reason) and drop its stored file."""
    conn.execute(
        text(
            "UPDATE import_jobs SET status = :status, error_message = :failure, "
            "total_rows = coalesce(:total, total_rows), "
            "processed_rows = coalesce(:total, processed_rows), "
            "finished_at = now(), updated_at = now() "
            "WHERE id = :job AND status IN ('QUEUED', 'RUNNING')"
        ),
        {
            "job": job_id,
            "status": ImportStatus.FAILED if failure else ImportStatus.SUCCEEDED,
            "failure": failure,
            "total": total,
        },
    )
    conn.execute(text("DELETE FROM import_file_chunks WHERE job_id = :job"), {"job": job_id})
    conn.commit()


def fail_job(*, job_id: uuid.UUID, reason: str) -> None:
    """Give up on a job that could not finish (its message failed for good)."""
    with get_engine().connect() as conn:
        _finish(conn, job_id=job_id, failure=reason)


def mark_sent(session: Session, *, job_ids: list[uuid.UUID]) -> None:
    session.execute(
        text("UPDATE import_jobs SET unsent = false WHERE id = ANY(:jobs) AND unsent"),
        {"jobs": job_ids},
    )


def stale_jobs(session: Session, *, older_than: timedelta) -> list[uuid.UUID]:
    """Jobs QUEUED or RUNNING that no worker holds and that either no message was ever sent for
    (`unsent`) or made no progress for `older_than`: their message was lost (with Redis, say),
    so the sweep sends them again. A job a worker is running holds its advisory lock, and is
    left alone however slow it is.

    A job never sent is sent on the next pass; any other QUEUED job may be waiting its turn
    behind other imports, so it is sent again only after `older_than`, not on every pass
    (each extra message would cost a queue slot, then do nothing)."""
    rows = session.execute(
        text(
            "SELECT id FROM import_jobs WHERE status IN ('QUEUED', 'RUNNING') "
            "AND (unsent OR updated_at < now() - make_interval(secs => :seconds)) "
            "AND pg_try_advisory_xact_lock(hashtextextended('import:' || id::text, 0)) "
            "ORDER BY created_at"
        ),
        {"seconds": older_than.total_seconds()},
    )
    return [row.id for row in rows]
