"""One error model for the whole API: every refusal is JSON `{"detail": ...}`, a sentence a person
can act on or, for a 422, a list of field issues (`type`, `loc`, `msg`). Nothing the client sent
is echoed back (a 10 MB body must not come back as a 10 MB error, a NaN cannot be written as
JSON), and a store that does not answer is a 503 with `Retry-After`, never a 500.
"""

import logging
import re
from typing import Any

import psycopg
import redis
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel
from sqlalchemy.exc import InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from starlette.exceptions import HTTPException

from core.errors import AuthenticationFailed, DomainError, RequestInProgress, TooManyRequests

log = logging.getLogger(__name__)

# Seconds a client should wait before trying again when a store is down.
UNAVAILABLE_RETRY_AFTER = 5
DATABASE_DOWN = (OperationalError, InterfaceError, PoolTimeout, psycopg.OperationalError)
REDIS_DOWN = (redis.ConnectionError, redis.TimeoutError)


class FieldIssue(BaseModel):
    type: str
    loc: list[str | int]
    msg: str


class ErrorBody(BaseModel):
    """What every refusal answers."""

    detail: str | list[FieldIssue]


def _issue(error: dict[str, Any]) -> dict[str, Any]:
    """A validation issue without the input it was about (never echoed) and without a
    context that may not even be JSON (a NaN)."""
    loc = [part if isinstance(part, int) else str(part)[:100] for part in error.get("loc", ())]
    return {"type": str(error.get("type", "value_error")), "loc": loc, "msg": str(error["msg"])}


UUID_PATTERN = "[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}"


def _path_pattern(template: str, item: dict[str, Any]) -> str:
    """A regular expression for a documented path: a UUID parameter matches only a UUID."""
    formats = {
        parameter["name"]: parameter.get("schema", {}).get("format")
        for operation in item.values()
        for parameter in operation.get("parameters", [])
        if parameter.get("in") == "path"
    }
    parts = re.split(r"\{([^/{}]+)\}", template)
    return "".join(
        re.escape(part)
        if index % 2 == 0
        else (UUID_PATTERN if formats.get(part) == "uuid" else "[^/]+")
        for index, part in enumerate(parts)
    )


def allowed_methods(app: FastAPI, path: str) -> list[str]:
    """Every method the schema documents for this path (Starlette would name only the methods of
    the first route whose path matches), with HEAD beside GET, and OPTIONS."""
    methods: set[str] = set()
    for template, item in app.openapi().get("paths", {}).items():
        if re.fullmatch(_path_pattern(template, item), path):
            methods |= {method.upper() for method in item}
    if "GET" in methods:
        methods.add("HEAD")
    return sorted(methods | {"OPTIONS"}) if methods else []


def install(app: FastAPI) -> None:
    """Map every error a request can meet to the one model."""

    @app.exception_handler(DomainError)
    async def _domain_error(_: Request, error: DomainError) -> JSONResponse:
        headers = (
            {"WWW-Authenticate": "Bearer"} if isinstance(error, AuthenticationFailed) else None
        )
        if isinstance(error, RequestInProgress | TooManyRequests):
            headers = {"Retry-After": str(error.retry_after)}
        return JSONResponse({"detail": str(error)}, status_code=error.status_code, headers=headers)

    @app.exception_handler(RequestValidationError)
    async def _invalid(_: Request, error: RequestValidationError) -> JSONResponse:
        issues = [_issue(e) for e in error.errors()][:20]
        return JSONResponse({"detail": issues}, status_code=422)

    @app.exception_handler(HTTPException)
    async def _http(request: Request, error: HTTPException) -> Response:
        headers = dict(error.headers or {})
        if error.status_code == 405:
            methods = allowed_methods(app, request.url.path)
            headers["Allow"] = ", ".join(methods)
            if request.method == "OPTIONS" and methods:
                return Response(status_code=204, headers=headers)
        if error.status_code in (204, 304):
            return Response(status_code=error.status_code, headers=headers)
        return JSONResponse(
            {"detail": error.detail}, status_code=error.status_code, headers=headers
        )

    async def _database_down(_: Request, error: Exception) -> JSONResponse:
        log.warning("database unavailable: %s", type(error).__name__)
        return unavailable("the database is not answering; try again in a few seconds")

    async def _redis_down(_: Request, error: Exception) -> JSONResponse:
        log.warning("redis unavailable: %s", type(error).__name__)
        return unavailable("Redis is not answering; try again in a few seconds")

    for database_error in DATABASE_DOWN:
        app.add_exception_handler(database_error, _database_down)
    for redis_error in REDIS_DOWN:
        app.add_exception_handler(redis_error, _redis_down)


def unavailable(message: str) -> JSONResponse:
    return JSONResponse(
        {"detail": message},
        status_code=503,
        headers={"Retry-After": str(UNAVAILABLE_RETRY_AFTER)},
    )
