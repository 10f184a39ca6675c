"""What a checkout needs beyond the order itself: a flight read live, the test cards, passenger
types checked against dates of birth, an order's cancellation as its owner sees it, and order
listings whose cost does not grow with the page."""

from datetime import UTC, date, datetime, timedelta

import pytest

from core.bookings.allocation import decide_pending
from core.orders.payments import SUCCEEDS
from tests.api.test_orders import ALICE, cancel_with_a_quote, held_order, order
from tests.factories import auth_headers, make_flight, make_user


@pytest.fixture
def alice(session):
    return auth_headers(make_user(session))


def test_a_flight_on_sale_is_read_live_and_others_are_not_found(client, session):
    flight = make_flight(session, seats=9, price="74.45")
    first = client.get(f"/api/v1/flights/{flight.id}")
    assert first.status_code == 200
    assert (first.json()["price"], first.json()["available_seats"]) == ("74.45", 9)
    flight.available_seats, flight.seats_sold_outside = 3, 6  # sold elsewhere meanwhile
    session.add(flight)
    session.commit()
    assert client.get(f"/api/v1/flights/{flight.id}").json()["available_seats"] == 3

    departed = make_flight(session, departure=datetime.now(UTC) - timedelta(hours=1))
    cancelled = make_flight(session)
    cancelled.status = "CANCELLED"
    session.add(cancelled)
    session.commit()
    for gone in (departed, cancelled):
        answer = client.get(f"/api/v1/flights/{gone.id}")
        assert answer.status_code == 404
        assert "search again" in answer.json()["detail"]


def test_config_lists_the_local_test_cards(client):
    cards = client.get("/api/v1/config").json()["test_cards"]
    assert cards[0]["number"] == SUCCEEDS
    assert [card["outcome"] for card in cards] == [
        "succeeds",
        "is declined",
        "fails for a moment (pay again)",
    ]


def born(years: int, days: int = 0) -> str:
    """A date of birth `years` years (and `days` more days) before the flight in 30 days."""
    flight_day = (datetime.now(UTC) + timedelta(days=30)).date()
    return str(flight_day.replace(year=flight_day.year - years) - timedelta(days=days))


@pytest.mark.parametrize(
    ("passengers", "message"),
    [
        ([ALICE, {**ALICE, "type": "CHILD"}], "passenger 2 (Alice) is a child: give their date"),
        ([ALICE, {**ALICE, "type": "INFANT"}], "is an infant: give their date of birth"),
        ([{**ALICE, "date_of_birth": born(11)}], "is 11 on"),
        ([ALICE, {**ALICE, "type": "CHILD", "date_of_birth": born(12)}], "a child is 2 to 11"),
        ([ALICE, {**ALICE, "type": "CHILD", "date_of_birth": born(1)}], "book an infant"),
        ([ALICE, {**ALICE, "type": "INFANT", "date_of_birth": born(2)}], "book them as a child"),
        ([ALICE, {**ALICE, "type": "INFANT", "date_of_birth": str(date.today())}], None),
        ([ALICE, {**ALICE, "type": "CHILD", "date_of_birth": born(2)}], None),
        ([{**ALICE, "date_of_birth": born(12)}], None),
    ],
)
def test_passenger_types_must_fit_their_age_on_the_flight(
    client, session, alice, passengers, message
):
    answer = order(client, alice, [make_flight(session)], passengers=passengers)
    if message is None:
        assert answer.status_code == 202, answer.text
    else:
        assert answer.status_code == 422
        assert message in answer.json()["detail"]


def test_an_infant_who_turns_two_before_the_return_flight_needs_a_seat(client, session, alice):
    out = make_flight(session)
    back = make_flight(session, source="JFK", destination="LHR",
                       departure=out.departure_ts + timedelta(days=10))  # fmt: skip
    baby = {**ALICE, "type": "INFANT", "date_of_birth": born(2, days=-5)}  # 2 in five days
    assert order(client, alice, [out], passengers=[ALICE, baby]).status_code == 202
    refused = order(client, alice, [out, back], passengers=[ALICE, baby])
    assert refused.status_code == 422
    assert "2 or older on" in refused.json()["detail"]


def test_a_cancelled_order_says_when_it_was_asked_and_what_was_refunded(client, session, alice):
    flight = make_flight(session, price="120.00")
    url = held_order(client, session, alice, flight)
    client.post(f"{url}/pay", json={"card_number": SUCCEEDS}, headers=alice)
    before = client.get(url, headers=alice).json()
    assert (before["cancel_requested_at"], before["refund_amount"]) == (None, None)
    quote = client.post(f"{url}/cancellation-quote", headers=alice).json()
    client.post(f"{url}/cancel", json={"quote_id": quote["id"]}, headers=alice)
    asked = client.get(url, headers=alice).json()
    assert asked["status"] == "CONFIRMED"  # until the worker has carried it out
    assert asked["cancel_requested_at"] is not None
    assert asked["refund_amount"] is None

    held = held_order(client, session, alice, make_flight(session))
    cancel_with_a_quote(client, session, alice, held)
    assert client.get(held, headers=alice).json()["refund_amount"] == "0.00"


def test_a_page_of_orders_costs_the_same_queries_as_one_order(client, session, alice, queries):
    flights = [make_flight(session) for _ in range(3)]
    order(client, alice, [flights[0]])
    for flight in flights:
        decide_pending(session, flight_id=flight.id, limit=10)

    def listing_queries() -> int:
        queries.statements.clear()
        page = client.get("/api/v1/orders", headers=alice)
        assert page.status_code == 200
        return len(queries.statements)

    one = listing_queries()
    for flight in flights[1:]:
        order(client, alice, [flight], passengers=[ALICE, {**ALICE, "given_name": "Bo"}])
    for flight in flights:
        decide_pending(session, flight_id=flight.id, limit=10)
    assert len(client.get("/api/v1/orders", headers=alice).json()["data"]) == 3
    assert listing_queries() == one
