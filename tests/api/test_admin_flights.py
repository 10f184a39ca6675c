import uuid
from datetime import UTC, datetime, timedelta

import pytest

from core.config import settings
from core.flights.models import Flight, FlightStatus
from core.redis import get_redis
from tests.factories import auth_headers, make_flight, make_user

DEPARTURE = (datetime.now(UTC) + timedelta(days=20)).replace(microsecond=0)


@pytest.fixture(autouse=True)
def empty_cache():
    get_redis().flushdb()


@pytest.fixture
def admin(session):
    return auth_headers(make_user(session, admin=True))


def new_flight(**changes):
    return {
        "flight_number": "BA117",
        "source": "LHR",
        "destination": "JFK",
        "departure_ts": "2027-03-01T09:30:00+00:00",
        "arrival_ts": "2027-03-01T12:45:00-05:00",
        "total_seats": 200,
        "price": "499.99",
        **changes,
    }


ENDPOINTS = [
    ("post", "/admin/flights", new_flight()),
    ("get", "/admin/flights", None),
    ("patch", f"/admin/flights/{uuid.uuid4()}", {"price": "1.00"}),
    ("post", f"/admin/flights/{uuid.uuid4()}/cancel", None),
]


@pytest.mark.parametrize(("method", "url", "body"), ENDPOINTS)
def test_admin_endpoints_need_a_token(client, method, url, body):
    answer = client.request(method, url, json=body)
    assert answer.status_code == 401
    assert answer.headers["WWW-Authenticate"] == "Bearer"


@pytest.mark.parametrize(("method", "url", "body"), ENDPOINTS)
def test_admin_endpoints_refuse_ordinary_users(client, session, method, url, body):
    user = make_user(session)
    answer = client.request(method, url, json=body, headers=auth_headers(user))
    assert answer.status_code == 403
    assert answer.json()["detail"] == "this needs an administrator account"


def test_create_flight_answers_201_with_the_flight(client, session, admin):
    answer = client.post("/admin/flights", json=new_flight(flight_number="ba117"), headers=admin)
    assert answer.status_code == 201
    body = answer.json()
    assert body["flight_number"] == "BA117"
    assert body["available_seats"] == 200
    assert body["status"] == "SCHEDULED"
    assert body["version"] == 1
    assert body["price"] == "499.99"
    assert datetime.fromisoformat(body["arrival_ts"]) == datetime(2027, 3, 1, 17, 45, tzinfo=UTC)
    assert session.get(Flight, uuid.UUID(body["id"])).total_seats == 200


def test_flight_prices_name_the_configured_currency(client, admin, monkeypatch):
    monkeypatch.setattr(settings, "currency", "USD")
    created = client.post("/admin/flights", json=new_flight(), headers=admin).json()
    edited = client.patch(f"/admin/flights/{created['id']}", json={"price": "1.00"}, headers=admin)
    listed = client.get("/admin/flights", headers=admin).json()["data"]
    cancelled = client.post(f"/admin/flights/{created['id']}/cancel", headers=admin)
    for body in (created, edited.json(), *listed, cancelled.json()):
        assert body["currency"] == "USD"


def test_flights_are_given_in_each_airports_local_time_with_its_zone(client, admin):
    created = client.post(
        "/admin/flights",
        json=new_flight(
            source="JFK",
            destination="CDG",
            departure_ts="2027-03-01T23:00:00+00:00",
            arrival_ts="2027-03-02T06:30:00+00:00",
        ),
        headers=admin,
    ).json()
    edited = client.patch(f"/admin/flights/{created['id']}", json={"price": "1.00"}, headers=admin)
    listed = client.get("/admin/flights", headers=admin).json()["data"]
    cancelled = client.post(f"/admin/flights/{created['id']}/cancel", headers=admin)
    for body in (created, edited.json(), *listed, cancelled.json()):
        assert body["departure_ts"] == "2027-03-01T18:00:00-05:00"
        assert body["arrival_ts"] == "2027-03-02T07:30:00+01:00"
        assert (body["departure_tz"], body["arrival_tz"]) == ("America/New_York", "Europe/Paris")


def test_create_flight_keeps_given_available_seats(client, admin):
    answer = client.post("/admin/flights", json=new_flight(available_seats=150), headers=admin)
    assert answer.json()["available_seats"] == 150


def test_same_flight_number_and_departure_is_409(client, admin):
    assert client.post("/admin/flights", json=new_flight(), headers=admin).status_code == 201
    same_instant = new_flight(departure_ts="2027-03-01T10:30:00+01:00", price="10")
    answer = client.post("/admin/flights", json=same_instant, headers=admin)
    assert answer.status_code == 409
    assert answer.json()["detail"] == (  # the airport's own time, as a person reads it
        "flight BA117 departing Mon 1 Mar 2027 09:30 at LHR (UTC+00:00) already exists; "
        "edit that flight instead"
    )


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"source": "XXX"}, "XXX is not a known IATA airport code"),
        ({"destination": "LHR"}, "source and destination must be different airports"),
        ({"arrival_ts": "2027-03-01T09:00:00+00:00"}, "arrival_ts must be after departure_ts"),
        ({"departure_ts": "2027-03-01T09:30:00"}, "with its UTC offset"),
        ({"total_seats": 0}, "greater than or equal to 1"),
        ({"total_seats": 1001}, "less than or equal to 1000"),
        ({"price": "-1"}, "greater than or equal to 0"),
        ({"price": "1.234"}, "2 decimal places"),
        ({"flight_number": "1234"}, "should match pattern"),
        ({"available_seats": 201}, "available_seats cannot exceed total_seats"),
    ],
)
def test_invalid_flights_are_422_with_a_message(client, admin, changes, message):
    answer = client.post("/admin/flights", json=new_flight(**changes), headers=admin)
    assert answer.status_code == 422
    assert message in str(answer.json()["detail"])


def test_list_flights_pages_in_departure_order(client, session, admin):
    for n in range(5):
        make_flight(session, flight_number=f"BA{n}", departure=DEPARTURE + timedelta(hours=n))
    pages = [
        client.get("/admin/flights", params={"page": p, "page_size": 2}, headers=admin).json()
        for p in (1, 2, 3)
    ]
    assert [page["count"] for page in pages] == [5, 5, 5]
    assert [[f["flight_number"] for f in page["data"]] for page in pages] == [
        ["BA0", "BA1"],
        ["BA2", "BA3"],
        ["BA4"],
    ]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"source": "cdg"}, ["AF1"]),
        ({"destination": "JFK"}, ["BA1", "BA2"]),
        ({"flight_number": "ba2"}, ["BA2"]),
        ({"status": "CANCELLED"}, ["BA2"]),
        ({"source": "LHR", "status": "SCHEDULED"}, ["BA1"]),
    ],
)
def test_list_flights_filters(client, session, admin, params, expected):
    make_flight(session, flight_number="BA1", departure=DEPARTURE)
    cancelled = make_flight(session, flight_number="BA2", departure=DEPARTURE + timedelta(hours=1))
    cancelled.status = FlightStatus.CANCELLED
    make_flight(session, flight_number="AF1", source="CDG", destination="NCE", departure=DEPARTURE)
    session.commit()
    answer = client.get("/admin/flights", params=params, headers=admin).json()
    assert [f["flight_number"] for f in answer["data"]] == expected
    assert answer["count"] == len(expected)


def test_list_flights_by_departure_days_and_the_latest_first(client, session, admin):
    day = DEPARTURE.replace(hour=12, minute=0, second=0)
    for n in range(4):  # one flight a day at noon UTC
        make_flight(session, flight_number=f"BA{n}", departure=day + timedelta(days=n))

    def listed(**params):
        answer = client.get("/admin/flights", params=params, headers=admin)
        assert answer.status_code == 200, answer.text
        return [f["flight_number"] for f in answer.json()["data"]]

    first, third = day.date(), (day + timedelta(days=2)).date()
    assert listed(departs_from=str(first + timedelta(days=1))) == ["BA1", "BA2", "BA3"]
    assert listed(departs_until=str(third)) == ["BA0", "BA1", "BA2"]  # the whole last day
    assert listed(departs_from=str(third), departs_until=str(third)) == ["BA2"]
    assert listed(sort="-departure") == ["BA3", "BA2", "BA1", "BA0"]
    assert client.get("/admin/flights", params={"sort": "price"}, headers=admin).status_code == 422


def test_list_flights_in_local_departure_order_and_local_days(client, session, admin):
    """The list shows each departure at its own airport's time, so it is ordered and filtered
    by that time, not by the instant: 08:00 in New York comes after 07:00 in London."""
    year = DEPARTURE.year + 1
    make_flight(session, flight_number="BA1", departure=datetime(year, 1, 10, 7, tzinfo=UTC))
    # 08:00 in New York, 13:00 UTC: in UTC it would come after BA2.
    make_flight(
        session,
        flight_number="AA1",
        source="JFK",
        destination="LHR",
        departure=datetime(year, 1, 10, 13, tzinfo=UTC),
    )
    # 09:00 in Tokyo on the 10th is 00:00 UTC on the 10th.
    make_flight(
        session,
        flight_number="JL1",
        source="HND",
        destination="LHR",
        departure=datetime(year, 1, 10, 0, tzinfo=UTC),
    )
    make_flight(session, flight_number="BA2", departure=datetime(year, 1, 10, 12, tzinfo=UTC))
    # 21:00 in New York on the 10th is 02:00 UTC on the 11th.
    make_flight(
        session,
        flight_number="AA2",
        source="JFK",
        destination="LHR",
        departure=datetime(year, 1, 11, 2, tzinfo=UTC),
    )
    # 07:00 in Tokyo on the 11th is 22:00 UTC on the 10th.
    make_flight(
        session,
        flight_number="JL2",
        source="HND",
        destination="LHR",
        departure=datetime(year, 1, 10, 22, tzinfo=UTC),
    )

    def listed(**params):
        answer = client.get("/admin/flights", params=params, headers=admin)
        assert answer.status_code == 200, answer.text
        return [f["flight_number"] for f in answer.json()["data"]]

    assert listed() == ["BA1", "AA1", "JL1", "BA2", "AA2", "JL2"]
    assert listed(sort="-departure") == ["JL2", "AA2", "BA2", "JL1", "AA1", "BA1"]
    tenth, eleventh = f"{year}-01-10", f"{year}-01-11"
    assert listed(departs_until=tenth) == ["BA1", "AA1", "JL1", "BA2", "AA2"]
    assert listed(departs_from=eleventh) == ["JL2"]
    assert listed(departs_from=tenth, departs_until=tenth, source="JFK") == ["AA1", "AA2"]


def test_list_flights_refuses_an_unknown_status(client, admin):
    assert client.get("/admin/flights", params={"status": "GONE"}, headers=admin).status_code == 422


def patch(client, admin, flight, **body):
    return client.patch(f"/admin/flights/{flight.id}", json=body, headers=admin)


def test_edit_price_and_times_bumps_the_version(client, session, admin):
    flight = make_flight(session, departure=DEPARTURE)
    later = DEPARTURE + timedelta(hours=2)
    answer = patch(
        client,
        admin,
        flight,
        price="120.50",
        departure_ts=later.isoformat(),
        arrival_ts=(later + timedelta(hours=7)).isoformat(),
    )
    assert answer.status_code == 200
    body = answer.json()
    assert body["price"] == "120.50"
    assert datetime.fromisoformat(body["departure_ts"]) == later
    assert body["version"] == 2
    session.refresh(flight)
    assert flight.price == 120.5
    assert flight.arrival_ts == later + timedelta(hours=7)


def test_edit_total_seats_moves_available_seats_by_the_same_amount(client, session, admin):
    flight = make_flight(session, seats=100, sold=40, departure=DEPARTURE)
    assert patch(client, admin, flight, total_seats=150).json()["available_seats"] == 110
    assert patch(client, admin, flight, total_seats=50).json()["available_seats"] == 10
    body = patch(client, admin, flight, total_seats=40).json()
    assert (body["total_seats"], body["available_seats"]) == (40, 0)


def test_edit_refuses_total_seats_below_seats_sold(client, session, admin):
    flight = make_flight(session, seats=100, sold=40, departure=DEPARTURE)
    answer = patch(client, admin, flight, total_seats=39)
    assert answer.status_code == 409
    assert answer.json()["detail"] == "total_seats cannot be 39: 40 seats are already sold"
    session.refresh(flight)
    assert (flight.total_seats, flight.available_seats, flight.version) == (100, 60, 1)


def test_edit_refuses_an_arrival_before_the_departure(client, session, admin):
    flight = make_flight(session, departure=DEPARTURE, duration=timedelta(hours=8))
    answer = patch(client, admin, flight, departure_ts=(DEPARTURE + timedelta(hours=9)).isoformat())
    assert answer.status_code == 422
    assert "arrival_ts must be after departure_ts" in answer.json()["detail"]
    both = patch(
        client,
        admin,
        flight,
        departure_ts=DEPARTURE.isoformat(),
        arrival_ts=(DEPARTURE - timedelta(hours=1)).isoformat(),
    )
    assert both.status_code == 422


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({}, "give at least one of"),
        ({"source": "CDG"}, "Extra inputs are not permitted"),
        ({"total_seats": 1001}, "less than or equal to 1000"),
        ({"price": "-5"}, "greater than or equal to 0"),
        ({"departure_ts": "2027-01-01T10:00:00"}, "with its UTC offset"),
    ],
)
def test_invalid_edits_are_422(client, session, admin, body, message):
    flight = make_flight(session, departure=DEPARTURE)
    answer = client.patch(f"/admin/flights/{flight.id}", json=body, headers=admin)
    assert answer.status_code == 422
    assert message in str(answer.json()["detail"])


def test_edit_to_the_departure_of_a_flight_with_the_same_number_is_409(client, session, admin):
    make_flight(session, flight_number="BA1", departure=DEPARTURE)
    other = make_flight(session, flight_number="BA1", departure=DEPARTURE + timedelta(days=1))
    answer = patch(
        client,
        admin,
        other,
        departure_ts=DEPARTURE.isoformat(),
        arrival_ts=(DEPARTURE + timedelta(hours=8)).isoformat(),
    )
    assert answer.status_code == 409
    assert "already departs at that time" in answer.json()["detail"]


def test_edit_or_cancel_of_an_unknown_flight_is_404(client, admin):
    missing = uuid.uuid4()
    answer = client.patch(f"/admin/flights/{missing}", json={"price": "1"}, headers=admin)
    assert answer.status_code == 404
    assert str(missing) in answer.json()["detail"]
    assert client.post(f"/admin/flights/{missing}/cancel", headers=admin).status_code == 404


def test_cancel_marks_the_flight_cancelled_at_once_and_twice_is_harmless(client, session, admin):
    flight = make_flight(session, departure=DEPARTURE)
    answer = client.post(f"/admin/flights/{flight.id}/cancel", headers=admin)
    assert answer.status_code == 202
    assert answer.json()["status"] == "CANCELLED"
    assert answer.json()["version"] == 2
    again = client.post(f"/admin/flights/{flight.id}/cancel", headers=admin)
    assert again.status_code == 202
    assert again.json()["version"] == 2


def test_a_cancelled_flight_cannot_be_edited(client, session, admin):
    flight = make_flight(session, departure=DEPARTURE)
    client.post(f"/admin/flights/{flight.id}/cancel", headers=admin)
    answer = patch(client, admin, flight, price="1.00")
    assert answer.status_code == 409
    assert answer.json()["detail"] == "this flight is cancelled and can no longer be edited"
