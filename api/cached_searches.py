"""Cached searches answered on the event loop.

A cached search is the API's most frequent request (every results page, each filter and page
turn) and little work: an answer read from Redis and the seats left of its flights read from
PostgreSQL. Through the route it also paid FastAPI's reading of twenty parameters, a session and
the trips to the threadpool: about five times the API CPU of the trivial GET (docs/PERFORMANCE.md).
Here, for a search whose answer is cached, the parameters are read with the route's own types
(one pydantic model built from its signature), the generation and the answer by one Redis script,
and the seats by one query, without leaving the event loop; the searches waiting at the same
moment share one Redis pipeline and one query (`Coalesced`).

The route stays the one definition of a search: a request this does not answer (not cached, a
query the route refuses, a store that fails) goes on to it unchanged, and it answers as before:
computed, a clear 422, a 503. A query is answered here only as the route would answer it
(tests/api/test_cached_searches.py holds the two to that).
"""

import asyncio
import inspect
import logging
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any, Generic, TypeVar

import orjson
import psycopg
import redis
import redis.asyncio as aredis
from pydantic import BaseModel, ValidationError, create_model
from sqlalchemy import make_url
from starlette.datastructures import QueryParams
from starlette.types import ASGIApp, Receive, Scope, Send

from api.routes.search import search, search_filters, search_query
from core.db import CONNECT_TIMEOUT_SECONDS, server_options
from core.errors import InvalidRequest
from core.search.cache import SEARCH_GENERATION_KEY, flight_ids, with_seats
from core.search.query import SEARCH_KEYS, SearchQuery, normalise_query

logger = logging.getLogger(__name__)
PATH = "/api/v1/search"
# The generation and the answer stored under it, in one trip (the key is built in the script, so
# this needs one Redis server, not a cluster: the project's deployment).
ANSWER_SCRIPT = """
local generation = redis.call('GET', KEYS[1]) or '0'
return redis.call('GET', ARGV[1] .. generation .. ARGV[2])
"""
SEATS_SQL = "SELECT id::text, available_seats FROM flights WHERE id = ANY(%s::uuid[])"


def parameters_model(*functions: Any, skip: set[str]) -> type[BaseModel]:
    """One model of the query parameters of `functions` (a route and its dependencies), with
    their types, bounds and defaults as FastAPI reads them."""
    fields: dict[str, Any] = {}
    for function in functions:
        for parameter in inspect.signature(function).parameters.values():
            if parameter.name not in skip:
                default = parameter.default
                fields[parameter.name] = (
                    parameter.annotation,
                    ... if default is inspect.Parameter.empty else default,
                )
    return create_model("SearchParameters", **fields)


SEARCH_PARAMETERS = parameters_model(search, search_filters, skip={"session", "filters"})
FILTER_NAMES = tuple(inspect.signature(search_filters).parameters)


async def query_of(query_string: bytes, *, now: datetime) -> SearchQuery | None:
    """The normalised query a search's URL asks for, or None for one to leave to the route."""
    try:
        values = SEARCH_PARAMETERS.model_validate(dict(QueryParams(query_string))).model_dump()
        filters = await search_filters(**{name: values.pop(name) for name in FILTER_NAMES})
        return normalise_query(search_query(filters, **values), now=now)
    except (ValidationError, InvalidRequest):
        return None


def conninfo(database_url: str) -> str:
    """A SQLAlchemy URL (postgresql+psycopg://…) as libpq reads it."""
    return make_url(database_url).set(drivername="postgresql").render_as_string(False)


A = TypeVar("A")
R = TypeVar("R")


class Coalesced(Generic[A, R]):
    """A store read made once for every request waiting for it: `batch` takes the arguments of
    the requests that asked while the previous read ran and gives their results in the same
    order. Each read starts after every request it answers asked, so none is answered with what
    was read before it asked; under load one round trip serves many requests."""

    def __init__(self, batch: Callable[[list[A]], Awaitable[list[R]]]) -> None:
        self.batch = batch
        self.waiting: list[tuple[A, asyncio.Future[R]]] = []
        self.reader: asyncio.Task[None] | None = None

    async def __call__(self, argument: A) -> R:
        result = asyncio.get_running_loop().create_future()
        self.waiting.append((argument, result))
        if self.reader is None:
            self.reader = asyncio.create_task(self._read_while_asked())
        return await result

    async def _read_while_asked(self) -> None:
        try:
            while self.waiting:
                asked, self.waiting = self.waiting, []
                try:
                    results = await self.batch([argument for argument, _ in asked])
                    answers = list(zip(asked, results, strict=True))
                except Exception as error:  # noqa: BLE001  (handed to each request waiting)
                    for _, result in asked:
                        if not result.done():
                            result.set_exception(error)
                    continue
                for (_, result), value in answers:
                    if not result.done():  # its request may have gone
                        result.set_result(value)
        finally:
            self.reader = None


class SeatReader:
    """Seats left of flights by id, read from PostgreSQL on the event loop over one connection,
    one query for all the searches waiting."""

    def __init__(self, conninfo: str) -> None:
        self.conninfo = conninfo
        self.connection: psycopg.AsyncConnection[Any] | None = None
        self.seats = Coalesced(self._read)

    async def _read(self, asked: list[list[str]]) -> list[dict[str, int]]:
        ids = sorted({flight for flights in asked for flight in flights})
        try:
            if self.connection is None:
                self.connection = await psycopg.AsyncConnection.connect(
                    self.conninfo,
                    autocommit=True,
                    options=server_options(),
                    connect_timeout=CONNECT_TIMEOUT_SECONDS,
                )
            # The ids as one array literal: they are UUIDs from the cached answer.
            cursor = await self.connection.execute(SEATS_SQL, ("{" + ",".join(ids) + "}",))
            seats = dict(await cursor.fetchall())
        except Exception:
            await self.close()  # a connection in an unknown state: the next read opens one
            raise
        return [seats] * len(asked)

    async def close(self) -> None:
        if self.connection is not None:
            connection, self.connection = self.connection, None
            await connection.close()


class CachedAnswers:
    """The stores as the event loop reaches them: a Redis client and a seat reader of its own."""

    def __init__(self, *, redis_url: str, database_url: str) -> None:
        self.redis = aredis.Redis.from_url(redis_url, socket_connect_timeout=2, socket_timeout=5)
        self.bodies = Coalesced(self._bodies)
        self.seats = SeatReader(conninfo(database_url))

    async def _bodies(self, suffixes: list[str]) -> list[bytes | None]:
        pipe = self.redis.pipeline(transaction=False)
        for suffix in suffixes:
            pipe.eval(ANSWER_SCRIPT, 1, SEARCH_GENERATION_KEY, SEARCH_KEYS, suffix)
        return await pipe.execute()

    async def answer(self, query: SearchQuery) -> bytes | None:
        """The cached answer to a normalised query, with its seats read now; None if none is
        cached."""
        body = await self.bodies(query.key_suffix())
        if body is None:
            return None
        answer = orjson.loads(body)
        ids = flight_ids(answer)
        return with_seats(answer, await self.seats.seats(ids)) if ids else body

    async def close(self) -> None:
        await self.redis.aclose()
        await self.seats.close()


class CachedSearches:
    """`GET /api/v1/search` answered from the cache when it holds the answer (`X-Cache: HIT`);
    every other request goes on to the app."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        body = None
        if scope["type"] == "http" and scope["path"] == PATH and scope["method"] == "GET":
            body = await self._cached(scope)
        if body is None:
            await self.app(scope, receive, send)
            return
        headers = [
            (b"content-type", b"application/json"),
            (b"content-length", b"%d" % len(body)),
            (b"x-cache", b"HIT"),
        ]
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.body", "body": body})

    async def _cached(self, scope: Scope) -> bytes | None:
        answers: CachedAnswers | None = getattr(scope["app"].state, "cached_answers", None)
        if answers is None:
            return None
        query = await query_of(scope["query_string"], now=datetime.now(UTC))
        if query is None:
            return None
        try:
            return await answers.answer(query)
        except (redis.RedisError, psycopg.Error, OSError) as error:
            logger.warning("cached search left to the route: %s", error)
            return None
