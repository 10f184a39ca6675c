"""Itinerary search on real PostgreSQL: connections, layovers, cities, filters, paging, cache."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from core.redis import get_redis
from tests.factories import make_flight

LONDON, NEW_YORK, DUBLIN = (
    ZoneInfo("Europe/London"),
    ZoneInfo("America/New_York"),
    ZoneInfo("Europe/Dublin"),
)
TOKYO, HONOLULU = ZoneInfo("Asia/Tokyo"), ZoneInfo("Pacific/Honolulu")
DAY = date.today() + timedelta(days=60)


@pytest.fixture(autouse=True)
def empty_cache():
    get_redis().flushdb()


def at(zone: ZoneInfo, day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=zone)


def fly(session, number, source, destination, departs, hours, price="100.00", seats=50, sold=0):
    return make_flight(
        session,
        flight_number=number,
        source=source,
        destination=destination,
        departure=departs,
        duration=timedelta(hours=hours),
        price=price,
        seats=seats,
        sold=sold,
    )


def search(client, **params):
    params = {"source": "LHR", "destination": "JFK", "date": DAY.isoformat(), **params}
    answer = client.get("/api/v1/search", params=params)
    assert answer.status_code == 200, answer.text
    return answer.json()


def routes(body) -> list[str]:
    return ["+".join(leg["flight_number"] for leg in item["segments"]) for item in body["data"]]


def test_a_connection_respects_the_minimum_connection_time_and_the_longest_layover(client, session):
    # LHR 08:00 → DUB 09:30 (Dublin is on London time); Dublin's minimum is the default 60 min.
    fly(session, "EI1", "LHR", "DUB", at(LONDON, DAY, 8), 1.5, price="80.00")
    fly(session, "EI2", "DUB", "JFK", at(DUBLIN, DAY, 10, 29), 7.5, price="300.00")  # 59 min
    fly(session, "EI3", "DUB", "JFK", at(DUBLIN, DAY, 10, 30), 7.5, price="310.00")  # 60 min
    fly(session, "EI4", "DUB", "JFK", at(DUBLIN, DAY + timedelta(days=1), 9, 30), 7.5)  # 24 h
    fly(session, "EI5", "DUB", "JFK", at(DUBLIN, DAY + timedelta(days=1), 9, 31), 7.5)  # 24 h 1 min
    body = search(client)
    assert sorted(routes(body)) == ["EI1+EI3", "EI1+EI4"]
    connection = next(item for item in body["data"] if routes({"data": [item]}) == ["EI1+EI3"])
    assert connection["stops"] == 1
    assert connection["layovers"] == [
        {"airport": "DUB", "city": "Dublin", "minutes": 60, "departure_airport": "DUB"}
    ]
    assert connection["price"] == "390.00"
    assert connection["duration_minutes"] == 90 + 60 + 450
    assert [a["name"] for a in connection["airlines"]] == ["Aer Lingus"]


def test_a_busy_hub_needs_its_own_longer_connection_time(client, session):
    # Heathrow's minimum is 90 minutes (MIN_CONNECTION_MINUTES_AT).
    fly(session, "BA1", "DUB", "LHR", at(LONDON, DAY, 8), 1.5)
    fly(session, "BA2", "LHR", "JFK", at(LONDON, DAY, 10, 59), 8)
    fly(session, "BA3", "LHR", "JFK", at(LONDON, DAY, 11), 8)
    assert routes(search(client, source="DUB")) == ["BA1+BA3"]


def test_changing_airports_within_a_city_takes_longer(client, session):
    # Land at Gatwick, leave from Heathrow: the airport change needs 240 minutes.
    fly(session, "U21", "DUB", "LGW", at(LONDON, DAY, 8), 1.5)
    fly(session, "BA2", "LHR", "JFK", at(LONDON, DAY, 13, 29), 8)
    fly(session, "BA3", "LHR", "JFK", at(LONDON, DAY, 13, 30), 8)
    body = search(client, source="DUB")
    assert routes(body) == ["U21+BA3"]
    assert body["data"][0]["layovers"][0] | {"minutes": 0} == {
        "airport": "LGW",
        "city": "London",
        "minutes": 0,
        "departure_airport": "LHR",
    }


def test_connections_across_time_zones_and_the_date_line(client, session):
    # Tokyo → Honolulu crosses the date line: leaving at 08:00 it lands at 20:00 the day
    # before, local time (23:00 UTC + 7 h = 06:00 UTC = 20:00 in Honolulu).
    before = DAY - timedelta(days=1)
    fly(session, "JL1", "HND", "HNL", at(TOKYO, DAY, 8), 7, price="500.00")
    fly(session, "HA2", "HNL", "LAX", at(HONOLULU, before, 21, 30), 5.5)
    fly(session, "HA3", "HNL", "LAX", at(HONOLULU, before, 20, 30), 5.5)  # 30 min: too short
    body = search(client, source="HND", destination="LAX")
    assert routes(body) == ["JL1+HA2"]
    first = body["data"][0]["segments"][0]
    assert first["arrival_ts"] == f"{before}T20:00:00-10:00"
    assert body["data"][0]["layovers"][0]["minutes"] == 90
    assert body["data"][0]["duration_minutes"] == 7 * 60 + 90 + 330


def test_no_itinerary_visits_an_airport_twice_or_passes_through_its_ends(client, session):
    fly(session, "X1", "LHR", "CDG", at(LONDON, DAY, 6), 1)
    fly(session, "X2", "CDG", "LHR", at(LONDON, DAY, 10), 1)  # back to the origin
    fly(session, "X3", "LHR", "JFK", at(LONDON, DAY, 14), 8)
    fly(session, "X4", "CDG", "AMS", at(LONDON, DAY, 10), 1)
    fly(session, "X5", "AMS", "CDG", at(LONDON, DAY, 13), 1)  # CDG again
    fly(session, "X6", "CDG", "JFK", at(LONDON, DAY, 16), 8)
    fly(session, "X7", "AMS", "JFK", at(LONDON, DAY, 14), 8)
    body = search(client, max_stops=2)
    for item in body["data"]:
        airports = [item["segments"][0]["source"]] + [
            leg["destination"] for leg in item["segments"]
        ]
        assert len(airports) == len(set(airports)), airports
    assert sorted(routes(body)) == ["X1+X4+X7", "X1+X6", "X3"]
    # Through a city: land at Gatwick, change to Heathrow, fly back to Gatwick: never offered.
    fly(session, "Y1", "DUB", "LGW", at(LONDON, DAY, 8), 1.5)
    fly(session, "Y2", "LHR", "LGW", at(LONDON, DAY, 14), 0.5)
    fly(session, "Y3", "LGW", "JFK", at(LONDON, DAY, 16), 8)
    assert sorted(routes(search(client, source="DUB", max_stops=2))) == ["Y1+X3", "Y1+Y3"]


def test_seats_are_checked_on_every_segment(client, session):
    fly(session, "A1", "LHR", "DUB", at(LONDON, DAY, 8), 1.5, seats=10)
    fly(session, "A2", "DUB", "JFK", at(DUBLIN, DAY, 12), 7, seats=10, sold=9)
    assert routes(search(client, seats=1)) == ["A1+A2"]
    assert search(client, seats=1)["data"][0]["available_seats"] == 1
    assert routes(search(client, seats=2)) == []


def test_max_stops_limits_the_changes_of_plane(client, session):
    fly(session, "D1", "LHR", "JFK", at(LONDON, DAY, 9), 8, price="900.00")
    fly(session, "C1", "LHR", "DUB", at(LONDON, DAY, 6), 1)
    fly(session, "C2", "DUB", "KEF", at(DUBLIN, DAY, 9), 2.5)
    fly(session, "C3", "KEF", "JFK", at(LONDON, DAY, 14), 6)
    fly(session, "C4", "DUB", "JFK", at(DUBLIN, DAY, 9), 7)
    assert sorted(routes(search(client, max_stops=0))) == ["D1"]
    assert sorted(routes(search(client))) == ["C1+C4", "D1"]  # one stop by default
    assert sorted(routes(search(client, max_stops=2))) == ["C1+C2+C3", "C1+C4", "D1"]
    answer = client.get(
        "/api/v1/search",
        params={"source": "LHR", "destination": "JFK", "date": DAY.isoformat(), "max_stops": 3},
    )
    assert answer.status_code == 422


def test_a_city_code_searches_every_airport_of_the_city(client, session):
    fly(session, "BA1", "LHR", "JFK", at(LONDON, DAY, 9), 8)
    fly(session, "U21", "LGW", "EWR", at(LONDON, DAY, 10), 8)
    fly(session, "LH1", "LCY", "LGA", at(LONDON, DAY, 11), 8)
    fly(session, "XX1", "MAN", "JFK", at(LONDON, DAY, 11), 8)
    assert sorted(routes(search(client, source="LON", destination="NYC"))) == ["BA1", "LH1", "U21"]
    assert routes(search(client, source="LON", destination="JFK")) == ["BA1"]


def test_nearby_adds_the_airports_within_100_km(client, session):
    fly(session, "BA1", "LHR", "JFK", at(LONDON, DAY, 9), 8)
    fly(session, "U21", "LGW", "JFK", at(LONDON, DAY, 10), 8)  # 41 km from Heathrow
    fly(session, "MN1", "MAN", "JFK", at(LONDON, DAY, 11), 8)  # 240 km away
    assert routes(search(client)) == ["BA1"]
    assert sorted(routes(search(client, nearby="true"))) == ["BA1", "U21"]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, ["AM", "NOON", "PM+C"]),
        ({"departure_window": "06:00-10:00"}, ["AM"]),
        ({"departure_window": "22:00-10:00"}, ["AM"]),  # past midnight
        ({"arrival_window": "00:00-12:00"}, ["AM"]),
        ({"max_price": "150"}, ["NOON"]),
        ({"max_duration": 480}, ["AM", "NOON"]),
        ({"airlines": "ba"}, ["AM"]),
        ({"airlines": "BA,AA"}, ["AM", "NOON"]),
        ({"exclude_airlines": "EI"}, ["AM", "NOON"]),
        ({"max_stops": 0}, ["AM", "NOON"]),
    ],
)
def test_each_filter_keeps_what_it_should(client, session, params, expected):
    fly(session, "BA10", "LHR", "JFK", at(LONDON, DAY, 8), 8, price="400.00")  # AM
    fly(session, "AA20", "LHR", "JFK", at(LONDON, DAY, 12), 8, price="150.00")  # NOON
    fly(session, "EI30", "LHR", "DUB", at(LONDON, DAY, 16), 1.5, price="50.00")  # PM+C
    fly(session, "EI31", "DUB", "JFK", at(DUBLIN, DAY, 19), 8, price="250.00")
    names = {"BA10": "AM", "AA20": "NOON", "EI30+EI31": "PM+C"}
    found = sorted(names[route] for route in routes(search(client, **params)))
    assert found == expected


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"departure_window": "6-12"}, "is not a time window such as 06:00-12:00"),
        ({"arrival_window": "25:00-26:00"}, "is not a time window"),
        ({"airlines": "BAW"}, "is not a two-character airline code"),
        ({"exclude_airlines": "B!"}, "is not a two-character airline code"),
        ({"source": "LON", "destination": "LHR"}, "must be different places"),
    ],
)
def test_a_malformed_filter_is_a_422_saying_why(client, params, message):
    params = {"source": "LHR", "destination": "JFK", "date": DAY.isoformat(), **params}
    answer = client.get("/api/v1/search", params=params)
    assert answer.status_code == 422
    assert message in str(answer.json()["detail"])


def test_paging_is_stable_and_covers_every_itinerary_once(client, session):
    for n in range(7):  # seven itineraries with the same price
        fly(session, f"BA{n}", "LHR", "JFK", at(LONDON, DAY, 8), 8, price="100.00")
    for sort in ("price", "departure", "duration", "best"):
        pages = [routes(search(client, sort=sort, page=p, page_size=3)) for p in (1, 2, 3)]
        seen = [route for page in pages for route in page]
        assert sorted(seen) == [f"BA{n}" for n in range(7)], sort
        assert pages == [routes(search(client, sort=sort, page=p, page_size=3)) for p in (1, 2, 3)]


def test_best_weighs_price_time_and_stops(client, session):
    fly(session, "D1", "LHR", "JFK", at(LONDON, DAY, 9), 8, price="500.00")
    fly(session, "C1", "LHR", "DUB", at(LONDON, DAY, 6), 1.5, price="100.00")
    fly(session, "C2", "DUB", "JFK", at(DUBLIN, DAY, 20), 8, price="200.00")
    assert routes(search(client, sort="price")) == ["C1+C2", "D1"]
    # C1+C2: 300/300 + 22h/8h + 0.5 = 4.25; D1: 500/300 + 1 = 2.67.
    assert routes(search(client, sort="best")) == ["D1", "C1+C2"]


def test_a_round_trips_combined_price_is_the_sum_of_its_parts(client, session):
    back = DAY + timedelta(days=7)
    fly(session, "BA1", "LHR", "JFK", at(LONDON, DAY, 9), 8, price="420.50")
    fly(session, "BA9", "LHR", "JFK", at(LONDON, DAY, 19), 8, price="500.00")
    fly(session, "AA2", "JFK", "LHR", at(NEW_YORK, back, 18), 7, price="380.25")
    fly(session, "AA3", "JFK", "LHR", at(NEW_YORK, back, 21), 7, price="610.00")
    body = search(client, return_date=back.isoformat(), seats=2)
    assert [(i["price"], i["round_trip_price"]) for i in body["data"]] == [
        ("420.50", "800.75"),
        ("500.00", "880.25"),
    ]
    assert [(i["price"], i["round_trip_price"]) for i in body["return_flights"]["data"]] == [
        ("380.25", "800.75"),
        ("610.00", "1030.50"),
    ]
    assert body["data"][0]["total_price"] == "841.00"


def test_cache_keys_differ_for_different_filters(client, session):
    fly(session, "BA1", "LHR", "JFK", at(LONDON, DAY, 9), 8)
    fly(session, "AA1", "LHR", "JFK", at(LONDON, DAY, 12), 8)
    assert routes(search(client, airlines="BA")) == ["BA1"]
    assert routes(search(client, airlines="AA")) == ["AA1"]
    assert routes(search(client, exclude_airlines="AA")) == ["BA1"]
    assert len(get_redis().keys("skyqueue:search:*:LHR:JFK:*")) == 3


def test_a_cached_connection_shows_each_segments_seats_now(client, session):
    first = fly(session, "A1", "LHR", "DUB", at(LONDON, DAY, 8), 1.5, seats=10)
    fly(session, "A2", "DUB", "JFK", at(DUBLIN, DAY, 12), 7, seats=10)
    search(client)
    first.available_seats = 3
    first.seats_sold_outside = 7
    session.add(first)
    session.commit()
    body = search(client)
    assert [leg["available_seats"] for leg in body["data"][0]["segments"]] == [3, 10]
    assert body["data"][0]["available_seats"] == 3


def test_a_month_calendar_gives_each_days_cheapest_direct_and_connecting_price(client, session):
    month = (DAY.replace(day=1) + timedelta(days=32)).replace(day=1)
    fly(session, "D1", "LHR", "JFK", at(LONDON, month, 9), 8, price="500.00")
    fly(session, "D2", "LHR", "JFK", at(LONDON, month, 15), 8, price="450.00")
    fly(session, "C1", "LHR", "DUB", at(LONDON, month + timedelta(days=2), 6), 1.5, price="50.00")
    fly(session, "C2", "DUB", "JFK", at(DUBLIN, month + timedelta(days=2), 12), 7, price="250.00")
    answer = client.get(
        "/api/v1/search/calendar",
        params={"source": "LON", "destination": "NYC", "month": f"{month:%Y-%m}"},
    )
    assert answer.status_code == 200, answer.text
    days = {day["date"]: day for day in answer.json()}
    assert len(days) == (((month + timedelta(days=32)).replace(day=1)) - month).days
    assert (days[str(month)]["direct_price"], days[str(month)]["connecting_price"]) == (
        "450.00",
        None,
    )
    later = str(month + timedelta(days=2))
    assert (days[later]["direct_price"], days[later]["connecting_price"]) == (None, "300.00")
    assert days[str(month + timedelta(days=1))]["direct_price"] is None
    bad = client.get(
        "/api/v1/search/calendar",
        params={"source": "LON", "destination": "NYC", "month": "2027-13"},
    )
    assert bad.status_code == 422


def test_multi_city_searches_each_slice_in_travel_order(client, session):
    later = DAY + timedelta(days=3)
    fly(session, "BA1", "LHR", "JFK", at(LONDON, DAY, 9), 8)
    fly(session, "AA1", "JFK", "LAX", at(NEW_YORK, later, 9), 6)
    answer = client.get(
        "/api/v1/search/multi-city",
        params={"slices": [f"LON-NYC-{DAY}", f"JFK-LAX-{later}"]},
    )
    assert answer.status_code == 200, answer.text
    assert [routes(page) for page in answer.json()["slices"]] == [["BA1"], ["AA1"]]
    backwards = client.get(
        "/api/v1/search/multi-city",
        params={"slices": [f"LON-NYC-{later}", f"JFK-LAX-{DAY}"]},
    )
    assert backwards.status_code == 422
    assert "travel order" in backwards.json()["detail"]
    too_many = client.get("/api/v1/search/multi-city", params={"slices": [f"LON-NYC-{DAY}"] * 5})
    assert too_many.status_code == 422
