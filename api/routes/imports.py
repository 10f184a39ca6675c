"""CSV imports of flights (admin): upload a file as a job, follow it, download its rejected rows.

The upload is read as a stream: the multipart body is parsed as it arrives and the file goes
straight into PostgreSQL in pieces, checked on the way (size, encoding, header), so an oversized
or wrong file is refused early and never sits in the API's memory or on its disk.
"""

import uuid
from pathlib import PurePath
from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Request, status
from fastapi.responses import StreamingResponse
from python_multipart.exceptions import MultipartParseError
from python_multipart.multipart import MultipartParser, parse_options_header
from starlette.concurrency import run_in_threadpool

from api.deps import AdminUser, PageDep, SessionDep
from core.config import settings
from core.errors import InvalidRequest
from core.imports.reports import get_job, job_public, list_jobs, rejections_csv
from core.imports.schemas import ImportJobPublic, ImportStarted
from core.imports.upload import (
    FileTooLarge,
    FileWriter,
    UnsupportedFileType,
    check_file_type,
    create_job,
    safe_filename,
    submit,
)
from core.pagination import Page

router = APIRouter(prefix="/admin", tags=["imports"])

# Room for the multipart boundaries and part headers around the file itself.
MULTIPART_OVERHEAD_BYTES = 64 * 1024

UPLOAD_BODY: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": ["file"],
                    "properties": {
                        "file": {
                            "type": "string",
                            "format": "binary",
                            "description": "CSV, UTF-8, header row flight_number,source,"
                            "destination,departure_ts,arrival_ts,total_seats,available_seats,price",
                        }
                    },
                }
            }
        },
    }
}


class _FilePart:
    """Follows a multipart/form-data body as it streams and collects the `file` part's bytes."""

    def __init__(self, boundary: bytes) -> None:
        self.found = False
        self.filename = ""
        self.content_type: str | None = None
        self.pending: list[bytes] = []
        self.pending_bytes = 0
        self._inside = False
        self._headers: dict[bytes, bytes] = {}
        self._field = b""
        self._value = b""
        self.parser = MultipartParser(
            boundary,
            {
                "on_part_begin": self._begin,
                "on_header_field": self._header_field,
                "on_header_value": self._header_value,
                "on_header_end": self._header_end,
                "on_headers_finished": self._headers_finished,
                "on_part_data": self._data,
                "on_part_end": self._end,
            },
        )

    def _begin(self) -> None:
        self._headers = {}

    def _header_field(self, data: bytes, start: int, end: int) -> None:
        self._field += data[start:end]

    def _header_value(self, data: bytes, start: int, end: int) -> None:
        self._value += data[start:end]

    def _header_end(self) -> None:
        self._headers[self._field.lower()] = self._value
        self._field = self._value = b""

    def _headers_finished(self) -> None:
        _, options = parse_options_header(self._headers.get(b"content-disposition", b""))
        if options.get(b"name") == b"file" and not self.found:
            self.found = self._inside = True
            self.filename = options.get(b"filename", b"").decode("utf-8", "replace")
            kind = self._headers.get(b"content-type")
            self.content_type = kind.decode("latin-1") if kind is not None else None

    def _data(self, data: bytes, start: int, end: int) -> None:
        if self._inside:
            self.pending.append(data[start:end])
            self.pending_bytes += end - start

    def _end(self) -> None:
        self._inside = False

    def take(self) -> bytes:
        data = b"".join(self.pending)
        self.pending.clear()
        self.pending_bytes = 0
        return data


# Bounded by IMPORT_MAX_UPLOAD_BYTES as it streams, not by the API's body limit.
UPLOAD_PATH = "/admin/flights/bulk-upload"


@router.post(
    "/flights/bulk-upload",
    status_code=status.HTTP_202_ACCEPTED,
    response_model=ImportStarted,
    openapi_extra=UPLOAD_BODY,
    responses={
        413: {"description": "the file is larger than the limit"},
        415: {"description": "not a CSV file, or not a multipart upload"},
        422: {"description": "empty file, wrong header row, wrong delimiter or encoding"},
    },
)
async def bulk_upload(
    request: Request, admin: AdminUser, session: SessionDep, dry_run: bool = False
) -> ImportStarted:
    """Upload a CSV file of flights (multipart field `file`) as an import job.

    The file's type, size, encoding and header row are checked at once; its rows are validated
    and imported by a worker. Poll `poll_url` for progress and the rejected rows. With
    `dry_run=true` every row is validated and reported but no flight is written.
    """
    kind, options = parse_options_header(request.headers.get("content-type"))
    if kind != b"multipart/form-data" or b"boundary" not in options:
        raise UnsupportedFileType(
            "send the file as multipart/form-data in a field named 'file', e.g. "
            'curl -F "file=@flights.csv;type=text/csv" …'
        )
    limit = settings.import_max_upload_bytes
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit + MULTIPART_OVERHEAD_BYTES:
        raise FileTooLarge(
            f"the file is larger than the {limit / (1024 * 1024):g} MB limit: "
            "split it into smaller files"
        )
    try:
        job_id = await _receive(request, session=session, user_id=admin.id, dry_run=dry_run)
    except BaseException:
        await run_in_threadpool(session.rollback)  # no job, no stored piece
        raise
    return ImportStarted(
        job_id=job_id, status="QUEUED", poll_url=f"/admin/flights/bulk-upload/status/{job_id}"
    )


async def _receive(
    request: Request, *, session: SessionDep, user_id: uuid.UUID, dry_run: bool
) -> uuid.UUID:
    """Stream the body into a new job's stored file; commit the job once the file checks out."""
    _, options = parse_options_header(request.headers.get("content-type"))
    part = _FilePart(options[b"boundary"])
    writer: FileWriter | None = None
    try:
        async for chunk in request.stream():
            part.parser.write(chunk)
            if part.found and writer is None:
                writer = await run_in_threadpool(_start, session, user_id, part, dry_run)
            if writer is not None and part.pending_bytes >= settings.import_file_piece_bytes:
                await run_in_threadpool(writer.write, part.take())
        part.parser.finalize()
    except MultipartParseError as error:
        raise InvalidRequest(f"the upload is not a well-formed multipart body: {error}") from error
    if writer is None:
        raise InvalidRequest("no file: send the CSV file in a multipart field named 'file'")
    await run_in_threadpool(writer.write, part.take())
    return await run_in_threadpool(_finish, session, writer)


def _start(session: SessionDep, user_id: uuid.UUID, part: _FilePart, dry_run: bool) -> FileWriter:
    filename = safe_filename(part.filename)
    check_file_type(filename=filename, content_type=part.content_type)
    job = create_job(session, created_by=user_id, filename=filename, dry_run=dry_run)
    return FileWriter(session, job=job)


def _finish(session: SessionDep, writer: FileWriter) -> uuid.UUID:
    job_id = submit(session, writer=writer)
    session.commit()  # and then the job is sent to a worker (`core.dispatch`)
    return job_id


@router.get("/flights/bulk-upload/status/{job_id}", response_model=ImportJobPublic)
def upload_status(job_id: uuid.UUID, user: AdminUser, session: SessionDep) -> ImportJobPublic:
    """Status, counts, percent done and the first rejected rows of an import job."""
    return job_public(get_job(session, job_id=job_id, user=user))


@router.get("/imports")
def recent_imports(user: AdminUser, session: SessionDep, request: PageDep) -> Page[ImportJobPublic]:
    """Import jobs, most recent first."""
    jobs, count = list_jobs(session, user=user, request=request)
    return Page[ImportJobPublic].of(jobs, count=count, request=request, item=job_public)


@router.get(
    "/flights/bulk-upload/{job_id}/errors.csv",
    response_class=StreamingResponse,
    responses={200: {"content": {"text/csv": {}}, "description": "the rejected rows"}},
)
def rejected_rows_csv(job_id: uuid.UUID, user: AdminUser, session: SessionDep) -> StreamingResponse:
    """Every rejected row, with its flight columns as uploaded plus `line` and `reason`: fix the
    rows and upload the file again (those two columns are ignored on upload)."""
    job = get_job(session, job_id=job_id, user=user)
    name = f"{PurePath(safe_filename(job.filename)).stem or 'import'}-errors.csv"
    plain = name.encode("ascii", "replace").decode().replace("?", "_")
    disposition = f"attachment; filename=\"{plain}\"; filename*=UTF-8''{quote(name)}"
    return StreamingResponse(
        rejections_csv(job_id=job.id),
        media_type="text/csv",
        headers={"Content-Disposition": disposition},
    )
