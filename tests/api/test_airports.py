from datetime import UTC, datetime, timedelta

import pytest

from core.flights.models import FlightStatus
from core.redis import get_redis
from tests.factories import auth_headers, make_flight, make_user


@pytest.fixture(autouse=True)
def empty_cache():
    get_redis().flushdb()


def suggest(client, q, **params):
    return client.get("/api/v1/airports", params={"q": q, **params})


def codes(answer) -> list[str]:
    return [airport["code"] for airport in answer.json()]


def test_without_q_lists_every_airport_with_a_flight_still_to_depart(client, session):
    make_flight(session, source="LHR", destination="JFK")
    make_flight(session, source="CDG", destination="LHR")
    make_flight(
        session, source="SYD", destination="AKL", departure=datetime.now(UTC) - timedelta(days=1)
    )
    cancelled = make_flight(session, source="NRT", destination="HKG")
    cancelled.status = FlightStatus.CANCELLED
    session.commit()
    answer = client.get("/api/v1/airports")
    assert answer.status_code == 200
    assert codes(answer) == ["CDG", "JFK", "LHR"]
    assert answer.json()[2] == {
        "code": "LHR",
        "kind": "airport",
        "name": "London Heathrow Airport",
        "city": "London",
        "country": "GB",
        "timezone": "Europe/London",
    }


def test_without_flights_the_list_is_empty(client):
    assert client.get("/api/v1/airports").json() == []


def test_lon_suggests_all_of_london_then_its_airports_with_the_most_flights_first(client, session):
    make_flight(session, source="LGW", destination="JFK")
    make_flight(session, source="STN", destination="DUB")
    make_flight(session, source="STN", destination="CDG")
    found = suggest(client, "lon").json()
    assert len(found) == 10
    assert found[0] == {
        "code": "LON",
        "kind": "city",
        "name": "All airports",
        "city": "London",
        "country": "GB",
        "timezone": "Europe/London",
    }
    assert [a["code"] for a in found[1:3]] == ["STN", "LGW"]  # two flights, then one
    assert {"LHR", "LCY", "LTN"} <= {a["code"] for a in found}
    assert all(a["city"] == "London" for a in found[:7])


@pytest.mark.parametrize("q", ["nyc", "new york"])
def test_a_city_with_several_airports_is_offered_whole(client, q):
    found = suggest(client, q).json()
    assert (found[0]["code"], found[0]["city"]) == ("NYC", "New York")
    if q == "new york":  # by the city's name: its airports follow
        assert {"JFK", "LGA"} <= {a["code"] for a in found}


@pytest.mark.parametrize("q", ["jfk", "JFK", " Jfk "])
def test_an_exact_code_comes_first(client, q):
    assert codes(suggest(client, q))[0] == "JFK"


def test_code_prefixes_come_before_city_prefixes(client):
    found = suggest(client, "lh", limit=50).json()
    lh_codes = [a["code"] for a in found if a["code"].startswith("LH")]
    assert lh_codes
    assert [a["code"] for a in found[: len(lh_codes)]] == lh_codes
    assert "LXA" in codes(suggest(client, "lh", limit=50))  # Lhasa, by its city


def test_prefix_matches_come_before_contains_matches(client):
    found = suggest(client, "heathrow", limit=50).json()
    assert found[0]["code"] == "LHR"  # a word of the name starts with it
    found = suggest(client, "ondon", limit=50).json()
    assert found  # contained in "London" only
    assert all("ondon" in (a["city"] + a["name"]).lower() for a in found)


@pytest.mark.parametrize(
    ("q", "code"), [("sao", "GRU"), ("São Paulo", "GRU"), ("SAO PAULO", "CGH")]
)
def test_accents_and_case_are_folded(client, q, code):
    assert code in codes(suggest(client, q, limit=20))


def test_accented_reference_names_match_plain_queries(client):
    found = suggest(client, "isafjor").json()
    assert found[0]["code"] == "IFJ"
    assert found[0]["city"] == "Ísafjörður"


def test_suggestions_are_limited(client):
    assert len(suggest(client, "a", limit=3).json()) == 3
    assert suggest(client, "a", limit=51).status_code == 422
    assert suggest(client, "a", limit=0).status_code == 422


def test_nothing_matches_is_an_empty_list(client):
    answer = suggest(client, "zzzzqqq")
    assert answer.status_code == 200
    assert answer.json() == []


def test_airports_are_cached_and_refreshed_after_an_admin_write(client, session):
    admin = make_user(session, admin=True)
    make_flight(session, source="LHR", destination="JFK")
    assert client.get("/api/v1/airports").headers["X-Cache"] == "MISS"
    cached = client.get("/api/v1/airports")
    assert cached.headers["X-Cache"] == "HIT"
    assert codes(cached) == ["JFK", "LHR"]
    departure = datetime.now(UTC) + timedelta(days=5)
    created = client.post(
        "/admin/flights",
        headers=auth_headers(admin),
        json={
            "flight_number": "AF1",
            "source": "CDG",
            "destination": "NCE",
            "departure_ts": departure.isoformat(),
            "arrival_ts": (departure + timedelta(hours=1)).isoformat(),
            "total_seats": 10,
            "price": "50",
        },
    )
    assert created.status_code == 201
    refreshed = client.get("/api/v1/airports")
    assert refreshed.headers["X-Cache"] == "MISS"
    assert codes(refreshed) == ["CDG", "JFK", "LHR", "NCE"]
