"""An upload's checks and storage: the file's type, header row, encoding and size are checked as
its bytes arrive, and the file is kept in PostgreSQL (`import_file_chunks`, 1 MiB pieces) so that
any worker host can read it. Nothing is committed unless every check passed.
"""

import codecs
import csv
import functools
import re
import uuid
from pathlib import PurePath
from typing import BinaryIO

from sqlalchemy import text
from sqlmodel import Session

from core.config import settings
from core.db import session_scope
from core.dispatch import IMPORT_FLIGHTS, send_after_commit
from core.errors import DomainError, InvalidRequest
from core.imports.models import ImportJob

CSV_COLUMNS = [
    "flight_number",
    "source",
    "destination",
    "departure_ts",
    "arrival_ts",
    "total_seats",
    "available_seats",
    "price",
]


# Without it (or left blank) a new flight has all its seats available.
OPTIONAL_COLUMNS = frozenset({"available_seats"})


REQUIRED_COLUMNS = [c for c in CSV_COLUMNS if c not in OPTIONAL_COLUMNS]


# The errors CSV adds these two columns; ignoring them lets a fixed errors CSV be uploaded as it is.
IGNORED_COLUMNS = ("line", "reason")


EXTRA = "_extra"  # catches the fields a row has beyond its header's (an unquoted comma)


MAX_HEADER_BYTES = 64 * 1024


CSV_CONTENT_TYPES = frozenset(
    {"text/csv", "application/csv", "text/x-csv", "text/plain", "application/vnd.ms-excel"}
)


class InvalidFile(InvalidRequest):
    """The upload is not a CSV file of flights we can read (422)."""


class FileTooLarge(DomainError):
    status_code = 413


class UnsupportedFileType(DomainError):
    status_code = 415


def safe_filename(name: str) -> str:
    """The upload's base name as it is stored and shown: no directories, letters, digits, dots,
    hyphens and spaces only (anything else, NUL and control characters included, becomes `_`),
    at most 100 characters, never hidden or empty."""
    base = PurePath(name.replace("\\", "/")).name
    cleaned = re.sub(r"[^\w.\- ]", "_", base).strip(" .")[:100]
    return cleaned or "upload.csv"


def check_file_type(*, filename: str, content_type: str | None) -> None:
    """Accept what browsers and curl send for a .csv file, refuse anything else at once."""
    kind = (content_type or "").split(";")[0].strip().lower()
    if kind in CSV_CONTENT_TYPES:
        return
    if kind in ("", "application/octet-stream") and filename.lower().endswith((".csv", ".txt")):
        return
    raise UnsupportedFileType(
        f"expected a CSV file (text/csv), got {kind or 'a file without a content type'}: "
        "upload the flights as comma-separated values, e.g. "
        'curl -F "file=@flights.csv;type=text/csv" …'
    )


def parse_header(line: bytes) -> list[str]:
    """The column names of a header row (lower case), or a 422 that says what is wrong."""
    try:
        decoded = line.decode("utf-8")
    except UnicodeDecodeError as error:
        raise InvalidFile(not_utf8(line=1, byte=line[error.start])) from error
    decoded = decoded.removeprefix("\ufeff").rstrip("\r\n")
    names = [name.strip().lower() for name in next(csv.reader([decoded]), [])]
    expected = ", ".join(CSV_COLUMNS)
    if not any(names):
        raise InvalidFile(f"the first line is blank: it must be the header row ({expected})")
    if len(names) == 1:
        for delimiter, label in ((";", "semicolons"), ("\t", "tabs"), ("|", "vertical bars")):
            if delimiter in decoded:
                raise InvalidFile(
                    f"the columns are separated by {label}, not commas: save the file as "
                    f"comma-separated values (CSV) with the header row {','.join(CSV_COLUMNS)}"
                )
    problems = []
    if missing := [c for c in REQUIRED_COLUMNS if c not in names]:
        problems.append("missing columns: " + ", ".join(missing))
    known = (*CSV_COLUMNS, *IGNORED_COLUMNS)
    if unknown := [name or "(blank)" for name in names if name not in known]:
        problems.append("unknown columns: " + ", ".join(unknown))
    if repeated := sorted({name for name in names if name and names.count(name) > 1}):
        problems.append("repeated columns: " + ", ".join(repeated))
    if problems:
        raise InvalidFile(
            f"wrong header row: {'; '.join(problems)}. Expected the columns {expected} "
            "(available_seats is optional)"
        )
    return names


def not_utf8(*, line: int, byte: int) -> str:
    return (
        f"the file is not UTF-8 text: line {line} has the byte 0x{byte:02X}, which is not UTF-8 "
        "(the file is perhaps Latin-1 or Windows-1252). Save it as 'CSV UTF-8' and upload it again"
    )


def create_job(
    session: Session, *, created_by: uuid.UUID | None, filename: str, dry_run: bool
) -> ImportJob:
    job = ImportJob(created_by=created_by, filename=filename, size_bytes=0, dry_run=dry_run)
    session.add(job)
    session.flush()
    return job


def store_file(
    session: Session,
    *,
    file: BinaryIO,
    filename: str,
    created_by: uuid.UUID | None,
    dry_run: bool = False,
) -> ImportJob:
    """A new QUEUED job holding the whole of `file`, checked as an upload is (the caller
    commits, then sends the job). The API streams its multipart body through a `FileWriter`
    instead, piece by piece as it arrives."""
    job = create_job(session, created_by=created_by, filename=filename, dry_run=dry_run)
    writer = FileWriter(session, job=job)
    while piece := file.read(settings.import_file_piece_bytes):
        writer.write(piece)
    writer.finish()
    return job


class FileWriter:
    """Checks an upload as its bytes arrive and stores it in pieces under its job.

    Size, encoding and header errors raise at the first byte that shows them, so an oversized or
    wrong file is refused without reading it all; the caller commits only after `finish()`.
    """

    def __init__(self, session: Session, *, job: ImportJob) -> None:
        self._session = session
        self.job = job
        self._max_bytes = settings.import_max_upload_bytes
        self._max_lines = settings.import_max_rows + 1  # and the header
        self._piece_bytes = settings.import_file_piece_bytes
        self._buffer = bytearray()
        self._pieces = 0
        self._size = 0
        self._newlines = 0
        self._quotes = 0
        self._ends_with_newline = False
        self._decoder = codecs.getincrementaldecoder("utf-8")()
        self._header_seen = False
        self._has_rows = False

    def write(self, data: bytes) -> None:
        if not data:
            return
        self._size += len(data)
        if self._size > self._max_bytes:
            raise FileTooLarge(
                f"the file is larger than the {megabytes(self._max_bytes)} limit: "
                "split it into smaller files"
            )
        try:
            self._decoder.decode(data)
        except UnicodeDecodeError as error:
            before = error.object[: error.start].count(b"\n")
            line = self._newlines + before + 1
            raise InvalidFile(not_utf8(line=line, byte=error.object[error.start])) from error
        self._newlines += data.count(b"\n")
        if self._newlines > self._max_lines:
            raise FileTooLarge(
                f"the file has more than {settings.import_max_rows:,} lines of flights: "
                "split it into smaller files"
            )
        self._quotes += data.count(b'"')
        self._ends_with_newline = data.endswith(b"\n")
        if self._header_seen:
            self._has_rows = self._has_rows or bool(data.strip())
        self._buffer += data
        if not self._header_seen:
            self._read_header(final=False)
        while len(self._buffer) >= self._piece_bytes:
            self._store(bytes(self._buffer[: self._piece_bytes]))
            del self._buffer[: self._piece_bytes]

    def _read_header(self, *, final: bool) -> None:
        end = self._buffer.find(b"\n")
        if end < 0 and not final:
            if len(self._buffer) > MAX_HEADER_BYTES:
                raise InvalidFile(
                    "the first line is longer than 64 KiB: is this a CSV file with a header row?"
                )
            return
        header = bytes(self._buffer if end < 0 else self._buffer[: end + 1])
        parse_header(header)
        self._header_seen = True
        self._has_rows = bool(self._buffer[len(header) :].strip())

    def finish(self) -> None:
        """Check what only the end shows, store the last piece, record size and row estimate."""
        try:
            self._decoder.decode(b"", final=True)
        except UnicodeDecodeError as error:
            raise InvalidFile(not_utf8(line=self._newlines + 1, byte=error.object[0])) from error
        if self._size == 0:
            raise InvalidFile(
                "the file is empty (0 bytes): upload a CSV file with a header row "
                f"({','.join(CSV_COLUMNS)}) and one flight per line"
            )
        if not self._header_seen:
            if not self._buffer.strip():
                raise InvalidFile("the file is empty: it has no header row and no flights")
            self._read_header(final=True)
        if not self._has_rows:
            raise InvalidFile("the file has a header row but no flights")
        if self._quotes % 2:
            raise InvalidFile(
                'the file has an odd number of double quotes ("): a quoted value is not closed'
            )
        if self._buffer:
            self._store(bytes(self._buffer))
            self._buffer.clear()
        lines = self._newlines + (0 if self._ends_with_newline else 1)
        self.job.size_bytes = self._size
        # An estimate for the progress bar (a quoted value may span lines); the job corrects it.
        self.job.total_rows = max(lines - 1, 0)
        self._session.add(self.job)
        self._session.flush()

    def _store(self, piece: bytes) -> None:
        self._session.connection().execute(
            text("INSERT INTO import_file_chunks (job_id, seq, data) VALUES (:job, :seq, :data)"),
            {"job": self.job.id, "seq": self._pieces, "data": piece},
        )
        self._pieces += 1


def megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):g} MB"


def submit(session: Session, *, writer: FileWriter) -> uuid.UUID:
    """Finish the upload's checks and storage; once the caller commits, the job is sent to a
    worker (`imports.import_flights`), or marked unsent for the sweep if it cannot be."""
    writer.finish()
    job_id = writer.job.id
    send_after_commit(
        session, IMPORT_FLIGHTS, job_id, if_unsent=functools.partial(mark_unsent, job_id=job_id)
    )
    return job_id


def mark_unsent(*, job_id: uuid.UUID) -> None:
    """Record that no message could be sent for the job (Redis unreachable): the sweep's next
    pass sends it."""
    with session_scope() as session:
        session.execute(
            text("UPDATE import_jobs SET unsent = true WHERE id = :job"), {"job": job_id}
        )
