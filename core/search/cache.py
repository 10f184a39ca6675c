"""The search cache (Redis, cache-aside): searches and airport lists are stored as the JSON the
API sends, under keys that embed the search generation. Any committed change to flights bumps
the generation, so admin edits show at once. Seat counts change with every booking decided, so
a cached answer gets its flights' seats left read again, live, by primary key (one indexed query
for the page) before it is sent. When Redis does not answer, searches are served from
PostgreSQL alone."""

import contextlib
import logging
import time
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

import orjson
import redis
from pydantic import TypeAdapter
from sqlalchemy import ARRAY, Uuid, any_, bindparam, select
from sqlmodel import Session, col

from core.config import settings
from core.flights.models import Flight
from core.redis import get_redis
from core.search.query import Filters, SearchQuery, normalise_query
from core.search.schemas import AirportPublic, MonthDay
from core.search.service import search_flights, search_month
from core.search.suggestions import flight_counts, fold, served_airports, suggest_airports

logger = logging.getLogger(__name__)
MONTH = TypeAdapter(list[MonthDay])


# Search results are cached under keys that embed a generation number; any change to flights
# bumps it, which retires every cached search and airport list at once (old keys expire by TTL).
SEARCH_GENERATION_KEY = "skyqueue:search:generation"
# An airport list's cache key: this, the search generation, then `airports_key_suffix()`.
AIRPORT_KEYS = "skyqueue:airports:g"
# How long the requests that missed wait for the one computing an answer, and how often they look.
COMPUTE_MS = 3000
COMPUTE_POLL_SECONDS = 0.01


def search_generation() -> int:
    return int(get_redis().get(SEARCH_GENERATION_KEY) or 0)


def invalidate_search_cache() -> None:
    """Call after committing any change to flights (create, edit, cancel, import).

    With Redis unreachable the change stands (it is committed) and so does the request: the
    answers cached before it expire by their TTL.
    """
    try:
        get_redis().incr(SEARCH_GENERATION_KEY)
    except redis.RedisError as error:
        logger.warning("search cache not invalidated (%s): cached answers expire by TTL", error)


@dataclass(frozen=True)
class CachedAnswer:
    body: bytes  # the JSON answer
    hit: bool


def _cached(key_for: Callable[[int], str], ttl: int, compute: Callable[[], bytes]) -> CachedAnswer:
    """Cache-aside: the generation is read before computing, so an answer computed while flights
    changed is stored under the retired generation and never served.

    On a miss one request computes while the others asking the same wait for its answer
    (`_computed_by_another`): after each change to flights every popular search misses at once,
    and without this each of its concurrent requests would compute it again."""
    try:
        key: str | None = key_for(search_generation())
        body = get_redis().get(key)  # type: ignore[arg-type]
        if body is None and not get_redis().set(f"{key}:computing", 1, nx=True, px=COMPUTE_MS):
            body = _computed_by_another(key)  # type: ignore[arg-type]
    except redis.RedisError as error:
        logger.warning("search cache unavailable, answering from the database: %s", error)
        key, body = None, None
    if body is not None:
        return CachedAnswer(body=body, hit=True)  # type: ignore[arg-type]
    try:
        fresh = compute()
    except Exception:
        if key is not None:  # the others need not wait for an answer that will not come
            with contextlib.suppress(redis.RedisError):
                get_redis().delete(f"{key}:computing")
        raise
    if key is not None:
        try:
            pipe = get_redis().pipeline()
            pipe.set(key, fresh, ex=ttl)
            pipe.delete(f"{key}:computing")
            pipe.execute()
        except redis.RedisError as error:
            logger.warning("could not cache an answer: %s", error)
    return CachedAnswer(body=fresh, hit=False)


def _computed_by_another(key: str) -> bytes | None:
    """The answer another request is computing, once it is stored; None if it is not within
    COMPUTE_MS (that request failed or is slow: compute it here too)."""
    deadline = time.monotonic() + COMPUTE_MS / 1000
    while time.monotonic() < deadline:
        time.sleep(COMPUTE_POLL_SECONDS)
        body: bytes | None = get_redis().get(key)  # type: ignore[assignment]
        if body is not None:
            return body
    return None


def cached_search(session: Session, *, query: SearchQuery) -> CachedAnswer:
    """Validate the query, then answer it from the cache (with live seat counts) or from
    PostgreSQL."""
    now = datetime.now(UTC)
    query = normalise_query(query, now=now)
    answer = _cached(
        query.cache_key,
        settings.search_cache_ttl_seconds,
        lambda: search_flights(session, query=query, now=now).model_dump_json().encode(),
    )
    return CachedAnswer(live_seats(session, answer.body), hit=True) if answer.hit else answer


def live_seats(session: Session, body: bytes) -> bytes:
    """The cached answer with each flight's seats left as they are now (and each itinerary's:
    those of its fullest flight)."""
    answer = orjson.loads(body)
    ids = flight_ids(answer)
    if not ids:
        return body
    # One array parameter, so that every page is the same statement (prepared once per
    # connection), not an IN list whose length changes the text.
    rows = session.execute(
        select(col(Flight.id), col(Flight.available_seats)).where(
            col(Flight.id) == any_(bindparam("ids", [uuid.UUID(i) for i in ids], type_=ARRAY(Uuid)))
        )
    ).all()
    return with_seats(answer, {str(flight_id): available for flight_id, available in rows})


def _itineraries(answer: dict[str, Any]) -> list[dict[str, Any]]:
    return [*answer["data"], *(answer.get("return_flights") or {}).get("data", [])]


def flight_ids(answer: dict[str, Any]) -> list[str]:
    """The ids of the flights in a cached answer (decoded JSON), each once, in order."""
    ids = (segment["id"] for item in _itineraries(answer) for segment in item["segments"])
    return sorted(set(ids))


def with_seats(answer: dict[str, Any], seats: Mapping[str, int]) -> bytes:
    """The answer as JSON with each flight's seats left from `seats` (0 for a flight not in it:
    gone since) and each itinerary's: those of its fullest flight."""
    for item in _itineraries(answer):
        for segment in item["segments"]:
            segment["available_seats"] = seats.get(segment["id"], 0)
        item["available_seats"] = min(segment["available_seats"] for segment in item["segments"])
    return orjson.dumps(answer)


def airports_json(items: list[AirportPublic]) -> bytes:
    return ("[" + ",".join(item.model_dump_json() for item in items) + "]").encode()


def airports_key_suffix(q: str | None, limit: int) -> str:
    """An airport list's cache key after its generation: the suggestions for `q`, or every
    airport served."""
    folded = fold(q or "")
    return f":q:{limit}:{folded}" if folded else ":served"


def cached_airports(session: Session, *, q: str | None, limit: int) -> CachedAnswer:
    """Suggestions for `q` (over the whole reference set), or every served airport."""
    now = datetime.now(UTC)
    folded = fold(q or "")
    return _cached(
        lambda generation: f"{AIRPORT_KEYS}{generation}{airports_key_suffix(q, limit)}",
        settings.airports_cache_ttl_seconds,
        lambda: airports_json(
            suggest_airports(folded, limit=limit, flights=flight_counts(session, now=now))
            if folded
            else served_airports(session, now=now)
        ),
    )


def cached_month(
    session: Session,
    *,
    source: str,
    destination: str,
    month: date,
    seats: int,
    filters: Filters,
) -> CachedAnswer:
    """A month's price calendar, cached like searches (only a valid query is computed and
    stored, so a hit needs no checks)."""
    now = datetime.now(UTC)
    return _cached(
        lambda generation: (
            f"skyqueue:month:g{generation}:{source.upper()}:{destination.upper()}:"
            f"{month:%Y-%m}:{seats}:{filters.key()}"
        ),
        settings.search_cache_ttl_seconds,
        lambda: MONTH.dump_json(
            search_month(
                session,
                source=source,
                destination=destination,
                month=month,
                seats=seats,
                filters=filters,
                now=now,
            )
        ),
    )
