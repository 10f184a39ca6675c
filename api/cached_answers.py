"""Cached answers served on the event loop: searches and airport suggestions.

A cached search is the API's most frequent request (every results page, each filter and page
turn), and airport suggestions come with every keystroke in a search form; both are little
work: an answer read from Redis (and for a search the seats left of its flights, read from
PostgreSQL). Through their routes they also paid FastAPI's reading of the parameters, a session
and the trips to the threadpool: a cached search about five times the API CPU of the trivial GET
(docs/PERFORMANCE.md). Here, for an answer that is cached, the parameters are read with the
route's own types (one pydantic model built from its signature), the generation and the answer
by one Redis script, a search's seats by one query, without leaving the event loop; the requests
waiting at the same moment share one Redis pipeline and one query (`Coalesced`).

The routes stay the one definition of each answer: a request this does not answer (not cached,
a query the route refuses, a store that fails) goes on to its route unchanged, which answers as
before: computed, a clear 422, a 503. A query is answered here only as the route would answer it
(tests/api/test_cached_answers.py holds the two to that).
"""

import asyncio
import inspect
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
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

from api.routes.airports import list_airports
from api.routes.search import cached_json, search, search_filters, search_query
from core.db import CONNECT_TIMEOUT_SECONDS, server_options
from core.errors import InvalidRequest
from core.search.cache import (
    AIRPORT_KEYS,
    SEARCH_GENERATION_KEY,
    CachedAnswer,
    airports_key_suffix,
    flight_ids,
    with_seats,
)
from core.search.query import SEARCH_KEYS, SearchQuery, normalise_query

logger = logging.getLogger(__name__)
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
    return create_model(f"{functions[0].__name__}_parameters", **fields)


SEARCH_PARAMETERS = parameters_model(search, search_filters, skip={"session", "filters"})
FILTER_NAMES = tuple(inspect.signature(search_filters).parameters)
AIRPORT_PARAMETERS = parameters_model(list_airports, skip={"session"})


@dataclass(frozen=True)
class CacheKey:
    prefix: str  # before the search generation
    suffix: str  # after it
    live_seats: bool = False  # a search's answer: its flights' seats read now


async def query_of(query_string: bytes, *, now: datetime) -> SearchQuery | None:
    """The normalised query a search's URL asks for, or None for one to leave to the route."""
    try:
        values = SEARCH_PARAMETERS.model_validate(dict(QueryParams(query_string))).model_dump()
        filters = await search_filters(**{name: values.pop(name) for name in FILTER_NAMES})
        return normalise_query(search_query(filters, **values), now=now)
    except (ValidationError, InvalidRequest):
        return None


async def search_key(query_string: bytes, *, now: datetime) -> CacheKey | None:
    query = await query_of(query_string, now=now)
    return None if query is None else CacheKey(SEARCH_KEYS, query.key_suffix(), live_seats=True)


async def airports_key(query_string: bytes, *, now: datetime) -> CacheKey | None:
    try:
        values = AIRPORT_PARAMETERS.model_validate(dict(QueryParams(query_string))).model_dump()
    except ValidationError:
        return None
    return CacheKey(AIRPORT_KEYS, airports_key_suffix(values["q"], values["limit"]))


# The cached answers served here, by path: how a request's query names its cache key.
KEYS: dict[str, Callable[..., Awaitable[CacheKey | None]]] = {
    "/api/v1/search": search_key,
    "/api/v1/airports": airports_key,
}


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

    async def _bodies(self, keys: list[CacheKey]) -> list[bytes | None]:
        pipe = self.redis.pipeline(transaction=False)
        for key in keys:
            pipe.eval(ANSWER_SCRIPT, 1, SEARCH_GENERATION_KEY, key.prefix, key.suffix)
        return await pipe.execute()

    async def answer(self, key: CacheKey) -> bytes | None:
        """The answer cached under `key` (a search's with its seats read now); None if none is
        cached."""
        body = await self.bodies(key)
        if body is None or not key.live_seats:
            return body
        answer = orjson.loads(body)
        ids = flight_ids(answer)
        return with_seats(answer, await self.seats.seats(ids)) if ids else body

    async def close(self) -> None:
        await self.redis.aclose()
        await self.seats.close()


class AnswerFromCache:
    """`GET` of a path in `KEYS` answered from the cache when it holds the answer (`X-Cache:
    HIT`); every other request goes on to the app."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        body = None
        if scope["type"] == "http" and scope["method"] == "GET" and scope["path"] in KEYS:
            body = await self._cached(scope)
        if body is None:
            await self.app(scope, receive, send)
            return
        await cached_json(CachedAnswer(body=body, hit=True))(scope, receive, send)

    async def _cached(self, scope: Scope) -> bytes | None:
        answers: CachedAnswers | None = getattr(scope["app"].state, "cached_answers", None)
        if answers is None:
            return None
        key = await KEYS[scope["path"]](scope["query_string"], now=datetime.now(UTC))
        if key is None:
            return None
        try:
            return await answers.answer(key)
        except (redis.RedisError, psycopg.Error, OSError) as error:
            logger.warning("cached answer left to the route: %s", error)
            return None
