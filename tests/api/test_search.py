import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from core.config import settings
from core.flights.models import Flight, FlightStatus
from core.redis import get_redis
from core.search import cache
from core.search.cache import CachedAnswer, invalidate_search_cache, search_generation
from tests.factories import auth_headers, make_flight, make_user

LONDON, NEW_YORK, TOKYO = (
    ZoneInfo("Europe/London"),
    ZoneInfo("America/New_York"),
    ZoneInfo("Asia/Tokyo"),
)
DAY = datetime.now(UTC).date() + timedelta(days=40)


@pytest.fixture(autouse=True)
def empty_cache():
    get_redis().flushdb()


def at(zone: ZoneInfo, day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=zone)


def search(client, **params):
    params = {"source": "LHR", "destination": "JFK", "date": DAY.isoformat(), **params}
    return client.get("/api/v1/search", params=params)


def numbers(answer) -> list[str]:
    """Each itinerary's flight numbers, "BA1" for a direct flight, "BA1+AA7" for a connection."""
    return ["+".join(leg["flight_number"] for leg in item["segments"]) for item in answer["data"]]


def first_flight(answer) -> dict:
    return answer["data"][0]["segments"][0]


def test_search_finds_the_flights_of_the_route_on_the_local_date(client, session):
    make_flight(
        session,
        flight_number="BA1",
        departure=at(LONDON, DAY, 9),
        duration=timedelta(hours=8, minutes=5),
        price="420.50",
    )
    make_flight(session, flight_number="BA2", departure=at(LONDON, DAY + timedelta(days=1), 9))
    make_flight(session, flight_number="BA3", destination="BOS", departure=at(LONDON, DAY, 9))
    make_flight(session, flight_number="BA4", source="LGW", departure=at(LONDON, DAY, 9))
    answer = search(client)
    assert answer.status_code == 200
    body = answer.json()
    assert body["count"] == 1
    assert body["page"] == 1
    assert body["page_size"] == 20
    itinerary = body["data"][0]
    flight = itinerary["segments"][0]
    assert (itinerary["stops"], itinerary["layovers"]) == (0, [])
    assert (itinerary["price"], itinerary["total_price"]) == ("420.50", "420.50")
    assert itinerary["duration_minutes"] == 485
    assert itinerary["airlines"] == [{"code": "BA", "name": "British Airways"}]
    assert itinerary["id"] == flight["id"]
    departure = at(LONDON, DAY, 9)
    arrival = (departure + timedelta(hours=8, minutes=5)).astimezone(NEW_YORK)
    assert flight["flight_number"] == "BA1"
    assert flight["departure_ts"] == departure.isoformat()
    assert flight["arrival_ts"] == arrival.isoformat()
    assert flight["departure_tz"] == "Europe/London"
    assert flight["arrival_tz"] == "America/New_York"
    assert flight["duration_minutes"] == 485
    assert flight["price"] == "420.50"
    assert flight["currency"] == "EUR"
    assert flight["available_seats"] == 50
    assert (flight["source_city"], flight["destination_city"]) == ("London", "New York")
    assert flight["airline"] == {"code": "BA", "name": "British Airways"}
    assert set(flight) == {
        "airline",
        "source_city",
        "destination_city",
        "id",
        "flight_number",
        "source",
        "destination",
        "departure_ts",
        "arrival_ts",
        "departure_tz",
        "arrival_tz",
        "duration_minutes",
        "price",
        "currency",
        "available_seats",
    }


def test_codes_are_case_insensitive(client, session):
    make_flight(session, flight_number="BA1", departure=at(LONDON, DAY, 9))
    assert numbers(search(client, source="lhr", destination="jfk").json()) == ["BA1"]


def test_no_flights_is_an_empty_list(client):
    answer = search(client)
    assert answer.status_code == 200
    assert answer.json() == {
        "data": [],
        "count": 0,
        "page": 1,
        "page_size": 20,
        "return_flights": None,
        "flex": None,
        "return_flex": None,
    }


def test_seats_filter_keeps_flights_with_enough_seats_left(client, session):
    make_flight(session, flight_number="BA1", seats=100, sold=98, departure=at(LONDON, DAY, 9))
    make_flight(session, flight_number="BA2", seats=100, sold=97, departure=at(LONDON, DAY, 10))
    make_flight(session, flight_number="BA3", seats=100, sold=100, departure=at(LONDON, DAY, 11))
    assert numbers(search(client, seats=3, sort="departure").json()) == ["BA2"]
    assert numbers(search(client, seats=2, sort="departure").json()) == ["BA1", "BA2"]
    assert numbers(search(client, sort="departure").json()) == ["BA1", "BA2"]


def test_cancelled_and_departed_flights_are_not_found(client, session):
    soon = datetime.now(UTC) + timedelta(minutes=10)
    today = soon.astimezone(LONDON).date()
    make_flight(session, flight_number="BA1", departure=soon)
    make_flight(session, flight_number="BA2", departure=datetime.now(UTC) - timedelta(seconds=1))
    cancelled = make_flight(session, flight_number="BA3", departure=soon + timedelta(minutes=1))
    cancelled.status = FlightStatus.CANCELLED
    session.commit()
    assert numbers(search(client, date=today.isoformat()).json()) == ["BA1"]


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("price", ["CHEAP", "MID", "DEAR"]),
        ("departure", ["DEAR", "MID", "CHEAP"]),
        ("duration", ["MID", "CHEAP", "DEAR"]),
    ],
)
def test_sort_orders(client, session, sort, expected):
    make_flight(
        session,
        flight_number="CH1",
        departure=at(LONDON, DAY, 18),
        duration=timedelta(hours=8),
        price="100.00",
    )
    make_flight(
        session,
        flight_number="MI1",
        departure=at(LONDON, DAY, 12),
        duration=timedelta(hours=7),
        price="200.00",
    )
    make_flight(
        session,
        flight_number="DE1",
        departure=at(LONDON, DAY, 6),
        duration=timedelta(hours=9),
        price="300.00",
    )
    names = {"CH1": "CHEAP", "MI1": "MID", "DE1": "DEAR"}
    assert [names[n] for n in numbers(search(client, sort=sort).json())] == expected


def test_price_is_the_default_sort(client, session):
    make_flight(session, flight_number="BA1", departure=at(LONDON, DAY, 6), price="300.00")
    make_flight(session, flight_number="BA2", departure=at(LONDON, DAY, 7), price="100.00")
    assert numbers(search(client).json()) == ["BA2", "BA1"]


def test_pages_cover_every_flight_once_with_the_total_count(client, session):
    for hour in range(7):
        make_flight(
            session,
            flight_number=f"BA{hour + 1}",
            departure=at(LONDON, DAY, 8 + hour),
            price="99.00",
        )
    pages = [search(client, page=page, page_size=3).json() for page in (1, 2, 3, 4)]
    assert [page["count"] for page in pages] == [7, 7, 7, 7]
    assert [len(page["data"]) for page in pages] == [3, 3, 1, 0]
    seen = [n for page in pages for n in numbers(page)]
    assert sorted(seen) == [f"BA{n}" for n in range(1, 8)]
    assert pages[1]["page"] == 2
    assert pages[1]["page_size"] == 3


def test_late_evening_flight_is_found_on_its_local_date_not_its_utc_date(client, session):
    departure = at(NEW_YORK, DAY, 23, 30)
    assert departure.astimezone(UTC).date() == DAY + timedelta(days=1)
    make_flight(
        session, flight_number="AA100", source="JFK", destination="LHR", departure=departure
    )
    on_day = search(client, source="JFK", destination="LHR").json()
    next_day = search(
        client, source="JFK", destination="LHR", date=(DAY + timedelta(days=1)).isoformat()
    ).json()
    assert numbers(on_day) == ["AA100"]
    assert first_flight(on_day)["departure_ts"] == departure.isoformat()
    assert numbers(next_day) == []


def test_early_morning_flight_is_found_on_its_local_date_not_its_utc_date(client, session):
    departure = at(TOKYO, DAY, 0, 30)
    assert departure.astimezone(UTC).date() == DAY - timedelta(days=1)
    make_flight(session, flight_number="JL1", source="NRT", destination="HKG", departure=departure)
    on_day = search(client, source="NRT", destination="HKG").json()
    day_before = search(
        client, source="NRT", destination="HKG", date=(DAY - timedelta(days=1)).isoformat()
    ).json()
    assert numbers(on_day) == ["JL1"]
    assert first_flight(on_day)["departure_ts"].endswith("+09:00")
    assert numbers(day_before) == []


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"source": "XQZ"}, "source 'XQZ' is not a known IATA airport or city code"),
        ({"destination": "QQQ"}, "destination 'QQQ' is not a known IATA airport or city code"),
        ({"destination": "LHR"}, "must be different places"),
        ({"date": "2020-01-01"}, "is in the past at LHR"),
        ({"return_date": DAY - timedelta(days=1)}, "is before the outbound date"),
    ],
)
def test_bad_searches_are_422_with_a_message(client, params, message):
    answer = search(client, **params)
    assert answer.status_code == 422
    assert message in answer.json()["detail"]


@pytest.mark.parametrize(
    "params",
    [
        {"date": "01/03/2027"},
        {"date": "2027-02-30"},
        {"date": ""},
        {"seats": 0},
        {"seats": 10},
        {"sort": "cheapest"},
        {"page": 0},
        {"page_size": 101},
        {"flex": 4},
        {"source": "LONDON"},
    ],
)
def test_malformed_parameters_are_422_naming_the_parameter(client, params):
    answer = search(client, **params)
    assert answer.status_code == 422
    assert answer.json()["detail"][0]["loc"] == ["query", next(iter(params))]


def test_yesterday_at_the_departure_airport_is_in_the_past(client):
    yesterday = datetime.now(NEW_YORK).date() - timedelta(days=1)
    answer = search(client, source="JFK", destination="LHR", date=yesterday.isoformat())
    assert answer.status_code == 422
    assert f"today there is {yesterday + timedelta(days=1)}" in answer.json()["detail"]


def test_round_trip_answers_outbound_and_return_lists(client, session):
    back = DAY + timedelta(days=7)
    make_flight(session, flight_number="BA1", departure=at(LONDON, DAY, 9))
    make_flight(
        session,
        flight_number="AA2",
        source="JFK",
        destination="LHR",
        departure=at(NEW_YORK, back, 22, 15),
        price="150.00",
    )
    make_flight(
        session,
        flight_number="AA3",
        source="JFK",
        destination="LHR",
        departure=at(NEW_YORK, back, 8),
        price="250.00",
    )
    make_flight(
        session,
        flight_number="AA4",
        source="JFK",
        destination="LHR",
        departure=at(NEW_YORK, back + timedelta(days=1), 8),
    )
    body = search(client, return_date=back.isoformat()).json()
    assert numbers(body) == ["BA1"]
    assert body["count"] == 1
    assert numbers(body["return_flights"]) == ["AA2", "AA3"]
    assert body["return_flights"]["count"] == 2
    assert first_flight(body["return_flights"])["departure_tz"] == "America/New_York"


def test_round_trip_on_the_same_day_is_allowed(client, session):
    make_flight(
        session,
        flight_number="AA2",
        source="JFK",
        destination="LHR",
        departure=at(NEW_YORK, DAY, 20),
    )
    body = search(client, return_date=DAY.isoformat()).json()
    assert numbers(body["return_flights"]) == ["AA2"]


def flex_day(offset: int, lowest_price: str | None, flights: int) -> dict:
    """A price calendar day `offset` days from DAY, as the API gives it."""
    day = (DAY + timedelta(days=offset)).isoformat()
    return {"date": day, "lowest_price": lowest_price, "flights": flights, "currency": "EUR"}


def test_flex_gives_lowest_price_and_count_for_each_day_around_the_date(client, session):
    make_flight(session, flight_number="BA1", departure=at(LONDON, DAY, 9), price="300.00")
    make_flight(session, flight_number="BA2", departure=at(LONDON, DAY, 13), price="250.00")
    make_flight(
        session,
        flight_number="BA3",
        departure=at(LONDON, DAY - timedelta(days=2), 23, 30),
        price="99.99",
    )
    make_flight(
        session,
        flight_number="BA4",
        departure=at(LONDON, DAY + timedelta(days=2), 7),
        price="120.00",
        sold=10,
        seats=10,
    )
    make_flight(
        session, flight_number="BA5", departure=at(LONDON, DAY + timedelta(days=3), 7), price="1.00"
    )
    body = search(client, flex=2).json()
    assert numbers(body) == ["BA2", "BA1"]
    assert body["flex"] == [
        flex_day(-2, "99.99", 1),
        flex_day(-1, None, 0),
        flex_day(0, "250.00", 2),
        flex_day(1, None, 0),
        flex_day(2, None, 0),
    ]
    assert body["return_flex"] is None


def test_prices_name_the_configured_currency(client, session, monkeypatch):
    make_flight(session, departure=at(LONDON, DAY, 9))
    make_flight(session, source="JFK", destination="LHR", departure=at(NEW_YORK, DAY, 18))
    monkeypatch.setattr(settings, "currency", "USD")
    body = search(client, return_date=DAY.isoformat(), flex=1).json()
    priced = [*body["data"], *body["return_flights"]["data"], *body["flex"], *body["return_flex"]]
    assert len(priced) == 8
    assert {item["currency"] for item in priced} == {"USD"}


def test_flex_leaves_out_days_in_the_past(client, session):
    today = datetime.now(LONDON).date()
    body = search(client, date=today.isoformat(), flex=3).json()
    assert [day["date"] for day in body["flex"]] == [
        (today + timedelta(days=n)).isoformat() for n in range(4)
    ]


def test_flex_with_a_round_trip_gives_a_return_calendar(client, session):
    back = DAY + timedelta(days=3)
    make_flight(
        session,
        flight_number="AA2",
        source="JFK",
        destination="LHR",
        departure=at(NEW_YORK, back + timedelta(days=1), 23, 45),
        price="80.00",
    )
    body = search(client, return_date=back.isoformat(), flex=1).json()
    assert [(d["date"], d["lowest_price"]) for d in body["return_flex"]] == [
        ((back - timedelta(days=1)).isoformat(), None),
        (back.isoformat(), None),
        ((back + timedelta(days=1)).isoformat(), "80.00"),
    ]


def test_a_repeated_search_is_served_from_redis_reading_only_its_seat_counts(
    client, session, queries
):
    make_flight(session, flight_number="BA1", departure=at(LONDON, DAY, 9))
    first = search(client, seats=2)
    assert first.headers["X-Cache"] == "MISS"
    assert any("FROM flights" in s for s in queries.statements)
    filters = "1:-:-:-:-:-:-"  # max stops, times, price, duration, airlines
    key = f"skyqueue:search:g{search_generation()}:LHR:JFK:{DAY}:-:2:price:1:20:0:0:{filters}:-:-"
    assert get_redis().get(key) == first.content
    assert 0 < get_redis().ttl(key) <= 30
    queries.statements.clear()
    second = search(client, seats=2)
    assert second.headers["X-Cache"] == "HIT"
    assert second.json() == first.json()
    assert len(queries.statements) == 1  # the seats left, by primary key
    assert "flights.available_seats" in queries.statements[0]
    assert "WHERE flights.id = ANY" in queries.statements[0]


def test_a_cached_answer_shows_the_seats_left_now(client, session):
    out = make_flight(session, flight_number="BA1", seats=50, departure=at(LONDON, DAY, 9))
    back = make_flight(session, flight_number="BA2", seats=50, source="JFK", destination="LHR",
                       departure=at(NEW_YORK, DAY + timedelta(days=3), 9))  # fmt: skip
    round_trip = {"return_date": str(DAY + timedelta(days=3))}
    first = search(client, **round_trip).json()
    assert [
        first_flight(first)["available_seats"],
        first_flight(first["return_flights"])["available_seats"],
    ] == [50, 50]
    for flight, left in ((out, 40), (back, 1)):  # sold meanwhile
        flight.available_seats, flight.seats_sold_outside = left, 50 - left
        session.add(flight)
    session.commit()
    again = search(client, **round_trip)
    assert again.headers["X-Cache"] == "HIT"
    body = again.json()
    assert (body["data"][0]["available_seats"], first_flight(body)["available_seats"]) == (40, 40)
    assert body["return_flights"]["data"][0]["available_seats"] == 1
    assert first_flight(body["return_flights"])["available_seats"] == 1

    def without_seats(item):
        segments = [
            {k: v for k, v in leg.items() if k != "available_seats"} for leg in item["segments"]
        ]
        return {**{k: v for k, v in item.items() if k != "available_seats"}, "segments": segments}

    assert without_seats(body["data"][0]) == without_seats(first["data"][0])


def test_an_admin_write_is_visible_to_the_next_search_at_once(client, session):
    admin = make_user(session, admin=True)
    flight = make_flight(session, flight_number="BA1", departure=at(LONDON, DAY, 9), price="300.00")
    assert search(client).headers["X-Cache"] == "MISS"
    assert search(client).headers["X-Cache"] == "HIT"
    created = client.post(
        "/admin/flights",
        headers=auth_headers(admin),
        json={
            "flight_number": "BA2",
            "source": "LHR",
            "destination": "JFK",
            "departure_ts": at(LONDON, DAY, 11).isoformat(),
            "arrival_ts": at(LONDON, DAY, 19).isoformat(),
            "total_seats": 100,
            "price": "150.00",
        },
    )
    assert created.status_code == 201
    after_create = search(client)
    assert after_create.headers["X-Cache"] == "MISS"
    assert numbers(after_create.json()) == ["BA2", "BA1"]
    edited = client.patch(
        f"/admin/flights/{flight.id}", headers=auth_headers(admin), json={"price": "99.00"}
    )
    assert edited.status_code == 200
    assert numbers(search(client).json()) == ["BA1", "BA2"]
    cancelled = client.post(f"/admin/flights/{flight.id}/cancel", headers=auth_headers(admin))
    assert cancelled.status_code == 202
    assert numbers(search(client).json()) == ["BA2"]


def test_search_is_answered_from_the_database_when_redis_is_down(client, session, monkeypatch):
    make_flight(session, flight_number="BA1", departure=at(LONDON, DAY, 9))
    broken = get_redis().connection_pool.connection_kwargs.copy()
    monkeypatch.setitem(get_redis().connection_pool.connection_kwargs, "port", 1)
    get_redis().connection_pool.disconnect()
    try:
        answer = search(client)
    finally:
        get_redis().connection_pool.connection_kwargs.update(broken)
        get_redis().connection_pool.disconnect()
    assert answer.status_code == 200
    assert answer.headers["X-Cache"] == "MISS"
    assert numbers(answer.json()) == ["BA1"]


def test_search_sees_flights_loaded_in_bulk_after_the_cache_is_invalidated(client, session):
    """Imports commit rows outside the admin API; they call invalidate_search_cache() too."""
    assert search(client).json()["count"] == 0
    session.add(
        Flight(
            flight_number="BA9",
            source="LHR",
            destination="JFK",
            departure_ts=at(LONDON, DAY, 9),
            arrival_ts=at(LONDON, DAY, 17),
            total_seats=10,
            available_seats=10,
            price=1,
        )
    )
    session.commit()
    assert search(client).json()["count"] == 0
    invalidate_search_cache()
    assert search(client).json()["count"] == 1


def test_the_api_docs_say_how_fresh_each_figure_is(client):
    operations = client.get("/openapi.json").json()["paths"]
    search_doc = operations["/api/v1/search"]["get"]
    assert search_doc["operationId"] == "search-search"
    assert "`available_seats` is read live on every answer" in search_doc["description"]
    assert "may be up to 30 seconds old" in search_doc["description"]
    assert operations["/admin/flights/{flight_id}"]["patch"]["operationId"] == (
        "admin-flights-edit_flight"
    )


def test_concurrent_misses_compute_an_answer_once_and_the_others_wait_for_it(client):
    """After a change to flights every popular search misses at once: one request computes,
    the others asking the same get its answer."""
    computed = []

    def compute() -> bytes:
        computed.append(1)
        time.sleep(0.3)
        return b'{"data": []}'

    def ask(_: int) -> CachedAnswer:
        return cache._cached(lambda g: f"skyqueue:test:g{g}:stampede", 30, compute)

    with ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(ask, range(8)))
    assert len(computed) == 1
    assert {a.body for a in answers} == {b'{"data": []}'}
    assert sorted(a.hit for a in answers) == [False] + [True] * 7
    assert get_redis().get(f"skyqueue:test:g{search_generation()}:stampede:computing") is None


def test_a_miss_whose_computing_request_never_answers_is_computed_again(client, monkeypatch):
    monkeypatch.setattr(cache, "COMPUTE_MS", 200)
    key = f"skyqueue:test:g{search_generation()}:abandoned"
    get_redis().set(f"{key}:computing", 1, px=10_000)  # a request that died while computing
    started = time.monotonic()
    answer = cache._cached(lambda g: key, 30, lambda: b"[]")
    assert (answer.body, answer.hit) == (b"[]", False)
    assert 0.2 <= time.monotonic() - started < 2


def test_the_reference_data_is_read_before_the_first_request():
    """A process's first search would otherwise read it while the requests behind it wait (a
    p99 of seconds for whatever arrives in the first second after a start)."""
    from fastapi.testclient import TestClient

    from api.main import app
    from core.search import suggestions
    from core.search.airports import airports

    airports.cache_clear()
    suggestions._suggestion_index.cache_clear()
    with TestClient(app):
        assert airports.cache_info().currsize == 1
        assert suggestions._suggestion_index.cache_info().currsize == 1


def test_what_the_api_made_at_start_is_out_of_the_collectors_sight():
    """Each full collection would walk it (~40 ms, every request in flight waiting)."""
    import gc

    from fastapi.testclient import TestClient

    from api.main import app

    gc.unfreeze()
    with TestClient(app):
        assert gc.get_freeze_count() > 50_000


def test_a_compute_that_fails_lets_the_next_request_compute_at_once(client):
    key = f"skyqueue:test:g{search_generation()}:failing"

    def fail() -> bytes:
        raise RuntimeError("the database went away")

    with pytest.raises(RuntimeError):
        cache._cached(lambda g: key, 30, fail)
    started = time.monotonic()
    assert cache._cached(lambda g: key, 30, lambda: b"[]").body == b"[]"
    assert time.monotonic() - started < 0.5  # it did not wait for the failed one
