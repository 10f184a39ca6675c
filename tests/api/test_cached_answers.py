"""Cached answers served on the event loop (`api.cached_answers`): searches and airport
suggestions only as their routes would answer them, a search with the seats of the moment, and
left to the route whenever in doubt."""

import asyncio
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from urllib.parse import urlencode

import pytest
from fastapi.testclient import TestClient
from hypothesis import assume, event, given
from hypothesis import strategies as st
from sqlmodel import Session

from api.cached_answers import (
    KEYS,
    CachedAnswers,
    Coalesced,
    SeatReader,
    airports_key,
    conninfo,
    query_of,
)
from api.deps import get_session
from api.main import app
from api.routes import airports as airports_route
from api.routes import search as search_route
from core.config import settings
from core.db import make_engine
from core.redis import get_redis
from core.search.cache import CachedAnswer, airports_key_suffix, search_generation
from core.search.query import SearchQuery, normalise_query
from tests.factories import make_flight

TODAY = datetime.now(UTC).date()
DAY = TODAY + timedelta(days=40)
WEB_QUERY = {  # what the web app sends for a search with filters
    "source": "LON", "destination": "NYC", "date": DAY.isoformat(), "seats": "2", "sort": "best",
    "page": "1", "page_size": "20", "flex": "3", "max_stops": "1",
    "departure_window": "06:00-12:00", "airlines": "BA,AA", "max_price": "900.50",
}  # fmt: skip
# Each parameter's values: some the route takes, some it refuses or reads in its own way.
VALUES = {
    "source": (["LHR", "LON", "lhr"], ["XXX", "LH", "LHRR", " LH", "LÉN"]),
    "destination": (["JFK", "NYC", "jfk"], ["LHR", "ZZZ", "J"]),
    "date": (
        [str(DAY), str(TODAY)],
        [str(TODAY - timedelta(days=1)), "2027-1-01", "0", "2027-02-30"],
    ),
    "return_date": ([str(DAY), str(DAY + timedelta(days=3))], [str(TODAY), "x"]),
    "seats": (["1", "2", "9", "01"], ["10", "0", "-1", "1.0", "+1", "١", "a"]),
    "sort": (["price", "best", "duration", "departure"], ["PRICE", "cheap"]),
    "page": (["1", "2", "1000000"], ["0", "1000001"]),
    "page_size": (["1", "20", "100"], ["101", "0"]),
    "flex": (["0", "3"], ["4", "-0"]),
    "nearby": (["true", "false", "1", "0"], ["yes", "off", "TRUE", "maybe"]),
    "max_stops": (["0", "1", "2"], ["3"]),
    "departure_window": (["06:00-12:00", "22:00-06:00"], ["6-12", "24:00-01:00", " 06:00-12:00 "]),
    "arrival_window": (["14:00-24:00", "00:00-00:00"], ["14:00-23:5"]),
    "return_departure_window": (["06:00-12:00"], ["25:00-26:00"]),
    "return_arrival_window": (["18:00-23:59"], ["noon"]),
    "max_price": (
        ["100", "100.5", "100.50", "0", "99999999"],
        ["100.505", "-1", "1e2", "100000000"],
    ),
    "max_duration": (["1", "600", "10080"], ["10081", "0"]),
    "airlines": (["BA", "ba, aa", "BA,,AA"], ["B", "BA;AA", "1A"]),
    "exclude_airlines": (["LH", "lh,ba"], ["X"]),
    "unknown": (["1"], []),
}  # fmt: skip


def value_of(name: str, *, taken_share: int) -> st.SearchStrategy[str]:
    """A value the route takes (`taken_share` in `taken_share` + 1), else one it may refuse or
    read its own way."""
    valid, other = VALUES[name]
    return st.sampled_from(valid * taken_share * max(1, len(other)) + other * len(valid))


QUERY_PAIRS = st.lists(
    st.sampled_from(sorted(VALUES)).flatmap(
        lambda name: st.tuples(st.just(name), value_of(name, taken_share=4))
    ),
    max_size=4,
)
REQUIRED = st.tuples(
    *(
        st.tuples(st.just(name), value_of(name, taken_share=8))
        for name in ("source", "destination", "date")
    )
)
ANY_TEXT = st.lists(st.tuples(st.sampled_from(sorted(VALUES)), st.text(max_size=6)), max_size=1)


@pytest.fixture
def route_queries(client, monkeypatch) -> list[SearchQuery]:
    """The queries the route reads (normalised as it does; it refuses what that refuses), with
    nothing searched."""
    read: list[SearchQuery] = []

    def record(session, *, query: SearchQuery) -> CachedAnswer:
        read.append(normalise_query(query, now=datetime.now(UTC)))
        return CachedAnswer(b"{}", hit=False)

    monkeypatch.setattr(search_route, "cached_search", record)
    return read


def read_here(params) -> SearchQuery | None:
    return asyncio.run(query_of(urlencode(params).encode(), now=datetime.now(UTC)))


@given(required=REQUIRED, more=QUERY_PAIRS, text=ANY_TEXT)
def test_a_query_is_read_as_the_route_reads_it_or_left_to_the_route(
    client, route_queries, required, more, text
):
    params = [*required, *more, *text]
    assume("%00" not in urlencode(params))  # the edge refuses it before any route (RefuseNul)
    here = read_here(params)
    answered = client.get(f"/api/v1/search?{urlencode(params)}")
    assert answered.status_code in (200, 422), answered.text
    event("read here" if here is not None else "left to the route")
    if here is not None:
        assert answered.status_code == 200, answered.text
        assert route_queries[-1] == here


def test_the_web_apps_queries_are_read_here(client, route_queries):
    for params in (WEB_QUERY, {**WEB_QUERY, "return_date": str(DAY + timedelta(days=7))}):
        here = read_here(params)
        assert client.get("/api/v1/search", params=params).status_code == 200
        assert here is not None
        assert route_queries[-1] == here


@pytest.mark.parametrize(
    "params",
    [
        [*WEB_QUERY.items(), ("max_price", "")],
        {**WEB_QUERY, "date": str(TODAY - timedelta(days=1))},  # its answer may still be cached
        {**WEB_QUERY, "airlines": "B"},
    ],
)
def test_a_query_in_doubt_is_left_to_the_route(params):
    assert read_here(params) is None


@pytest.fixture
def live_app(committed):
    """The app with its stores open, as a server runs it, over committed data."""
    with TestClient(app) as client:
        yield client


def search(client: TestClient, **params):
    query = {"source": "LHR", "destination": "JFK", "date": str(DAY), **params}
    return client.get("/api/v1/search", params=query)


def test_a_cached_search_is_answered_here_with_the_seats_left_now(live_app, committed, queries):
    departure = datetime(DAY.year, DAY.month, DAY.day, 9, tzinfo=UTC)
    flight = make_flight(committed, flight_number="BA1", seats=50, departure=departure)
    first = search(live_app, seats=2)
    assert first.headers["X-Cache"] == "MISS"
    flight.available_seats, flight.seats_sold_outside = 31, 19
    committed.add(flight)
    committed.commit()
    queries.statements.clear()
    again = search(live_app, seats=2)
    assert (again.status_code, again.headers["X-Cache"]) == (200, "HIT")
    assert queries.statements == []  # not through the route's session
    assert again.headers["content-type"] == "application/json"
    assert again.headers["X-Content-Type-Options"] == "nosniff"  # the edge's headers still apply
    item = again.json()["data"][0]
    assert (item["available_seats"], item["segments"][0]["available_seats"]) == (31, 31)
    app.state.cached_answers, answers = None, app.state.cached_answers
    try:
        by_route = search(live_app, seats=2)
    finally:
        app.state.cached_answers = answers
    assert by_route.headers["X-Cache"] == "HIT"
    assert queries.statements  # the route's own hit
    assert by_route.json() == again.json()


def test_an_answer_cached_for_a_day_now_past_is_not_served(live_app):
    yesterday = SearchQuery(source="LHR", destination="JFK", date=TODAY - timedelta(days=1))
    get_redis().set(yesterday.cache_key(search_generation()), b'{"data": []}')
    answered = search(live_app, date=str(yesterday.date))
    assert answered.status_code == 422
    assert "in the past" in answered.json()["detail"]


@pytest.mark.parametrize("broken", ["redis", "database"])
def test_a_store_that_fails_here_leaves_the_search_to_the_route(live_app, committed, broken):
    departure = datetime(DAY.year, DAY.month, DAY.day, 9, tzinfo=UTC)
    make_flight(committed, flight_number="BA1", seats=50, sold=8, departure=departure)
    assert search(live_app).headers["X-Cache"] == "MISS"
    answers = app.state.cached_answers
    app.state.cached_answers = CachedAnswers(
        redis_url="redis://127.0.0.1:1/0" if broken == "redis" else settings.redis_url,
        database_url=(
            "postgresql+psycopg://postgres@127.0.0.1:1/none"
            if broken == "database"
            else settings.database_url
        ),
    )
    try:
        again = search(live_app)
    finally:
        app.state.cached_answers = answers
    assert (again.status_code, again.headers["X-Cache"]) == (200, "HIT")
    assert again.json()["data"][0]["available_seats"] == 42


def test_a_cached_search_with_the_database_down_is_a_503(live_app, committed):
    departure = datetime(DAY.year, DAY.month, DAY.day, 9, tzinfo=UTC)
    make_flight(committed, flight_number="BA1", departure=departure)
    assert search(live_app).headers["X-Cache"] == "MISS"
    down = "postgresql+psycopg://postgres@127.0.0.1:9/none"
    engine = make_engine(down)

    def unreachable() -> Iterator[Session]:
        with Session(engine) as session:
            yield session

    answers = app.state.cached_answers
    app.state.cached_answers = CachedAnswers(redis_url=settings.redis_url, database_url=down)
    app.dependency_overrides[get_session] = unreachable
    try:
        answered = search(live_app)
    finally:
        app.state.cached_answers = answers
        app.dependency_overrides.clear()
        engine.dispose()
    assert answered.status_code == 503, answered.text
    assert answered.headers["Retry-After"] == "5"


def test_searches_asking_at_once_share_one_read_that_starts_after_they_asked(committed):
    flights = [make_flight(committed, seats=10 + n) for n in range(20)]
    reader = SeatReader(conninfo(settings.database_url))
    reads: list[list[list[str]]] = []
    first_read_done, go_on = asyncio.Event(), asyncio.Event()
    read = reader.seats.batch

    async def counted(asked: list[list[str]]) -> list[dict[str, int]]:
        reads.append(asked)
        seats = await read(asked)
        if len(reads) == 1:  # the first read is answered, but its searches not yet told
            first_read_done.set()
            await go_on.wait()
        return seats

    reader.seats.batch = counted

    async def scenario() -> tuple[list[dict[str, int]], dict[str, int]]:
        together = asyncio.gather(*(reader.seats([str(f.id)]) for f in flights))
        await first_read_done.wait()
        flights[0].available_seats, flights[0].seats_sold_outside = 3, 7
        committed.add(flights[0])
        committed.commit()  # sold after the first read: a search asking now must see it
        later = asyncio.ensure_future(reader.seats([str(flights[0].id)]))
        await asyncio.sleep(0.01)
        go_on.set()
        answers, seats_later = await together, await later
        await reader.close()
        return answers, seats_later

    answers, later = asyncio.run(scenario())
    assert len(reads) == 2
    assert len(reads[0]) == 20  # twenty searches, one query
    assert [answer[str(f.id)] for answer, f in zip(answers, flights, strict=True)] == [
        10 + n for n in range(20)
    ]
    assert later == {str(flights[0].id): 3}


def test_the_hits_answered_here_are_counted_under_the_search_route(live_app, committed):
    departure = datetime(DAY.year, DAY.month, DAY.day, 9, tzinfo=UTC)
    make_flight(committed, flight_number="BA1", departure=departure)
    search(live_app)
    before = live_app.get("/metrics").text
    assert search(live_app).headers["X-Cache"] == "HIT"
    after = live_app.get("/metrics").text

    def count(text: str) -> float:
        prefix = 'http_requests_total{handler="/api/v1/search",method="GET",status="2xx"} '
        line = next((line for line in text.splitlines() if line.startswith(prefix)), prefix + "0")
        return float(line.removeprefix(prefix))

    assert count(after) == count(before) + 1


def test_the_paths_answered_here_are_the_routes():
    assert set(KEYS) == {app.url_path_for("search"), app.url_path_for("list_airports")}


@pytest.fixture
def route_airport_keys(client, monkeypatch) -> list[str]:
    """The cache keys (after the generation) of the airport lists the route is asked for."""
    read: list[str] = []

    def record(session, *, q: str | None, limit: int) -> CachedAnswer:
        read.append(airports_key_suffix(q, limit))
        return CachedAnswer(b"[]", hit=False)

    monkeypatch.setattr(airports_route, "cached_airports", record)
    return read


AIRPORT_QUERIES = st.lists(
    st.tuples(
        st.sampled_from(["q", "limit", "other"]),
        st.sampled_from(["lon", "São", "  JFK ", "x" * 101, "", "10", "50", "51", "0", "1.5"])
        | st.text(max_size=6),
    ),
    max_size=3,
)


@given(params=AIRPORT_QUERIES)
def test_an_airport_query_is_read_as_the_route_reads_it_or_left_to_the_route(
    client, route_airport_keys, params
):
    assume("%00" not in urlencode(params))  # the edge refuses it before any route (RefuseNul)
    key = asyncio.run(airports_key(urlencode(params).encode(), now=datetime.now(UTC)))
    answered = client.get(f"/api/v1/airports?{urlencode(params)}")
    assert answered.status_code in (200, 422), answered.text
    event("read here" if key is not None else "left to the route")
    if key is not None:
        assert answered.status_code == 200, answered.text
        assert route_airport_keys[-1] == key.suffix


def test_cached_airport_suggestions_are_answered_here(live_app, monkeypatch):
    first = live_app.get("/api/v1/airports", params={"q": "lon", "limit": 5})
    assert first.headers["X-Cache"] == "MISS"

    def not_the_route(*args, **kwargs):
        raise AssertionError("answered by the route")

    monkeypatch.setattr(airports_route, "cached_airports", not_the_route)
    again = live_app.get("/api/v1/airports", params={"q": "LON", "limit": 5})
    assert (again.status_code, again.headers["X-Cache"]) == (200, "HIT")
    assert again.json() == first.json()
    assert again.json()[0]["kind"] == "city"  # "London, all airports" first


def test_a_read_that_fails_in_any_way_is_the_answer_of_every_request_waiting():
    """None waits forever: a store's error, or a read that answers the wrong number of them."""

    async def wrong_count(arguments: list[int]) -> list[int]:
        return arguments[:1]

    async def scenario() -> list[object]:
        read = Coalesced(wrong_count)
        return await asyncio.wait_for(
            asyncio.gather(*(read(n) for n in range(3)), return_exceptions=True), timeout=2
        )

    assert all(isinstance(answer, ValueError) for answer in asyncio.run(scenario()))
