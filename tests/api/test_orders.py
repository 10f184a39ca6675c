"""Orders through the API, decided in-process by the production allocator: named passengers,
a record locator, holds and payment, round trips decided as one, refusals with reasons."""

import re
import uuid
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import text

from core.bookings.allocation import decide_pending
from core.config import settings
from core.orders.cancellation import carry_out_cancellation
from core.orders.locators import PATTERN
from core.orders.payments import DECLINED, FAILS_FOR_A_MOMENT, SUCCEEDS, provider
from tests.factories import auth_headers, make_flight, make_user

ALICE = {"given_name": "Alice", "family_name": "Müller-Smith", "type": "ADULT"}
BABY = {
    "given_name": "Léa",
    "family_name": "Müller-Smith",
    "type": "INFANT",
    "date_of_birth": str(date.today() - timedelta(days=200)),
}


@pytest.fixture
def alice(session):
    return auth_headers(make_user(session))


def order(client, headers, flights, passengers=(ALICE,), **extra):
    body = {
        "flight_ids": [str(f.id) for f in flights],
        "passengers": list(passengers),
        "contact_email": "alice@example.com",
        **extra,
    }
    return client.post("/api/v1/orders", json=body, headers=headers)


def decide(session, *flights):
    for flight in flights:
        decide_pending(session, flight_id=flight.id, limit=100)


def read(client, headers, answer):
    return client.get(answer.json()["poll_url"], headers=headers).json()


def test_an_order_is_recorded_pending_with_a_reference_then_held(client, session, alice):
    flight = make_flight(session, seats=10, price="120.50")
    answer = order(client, alice, [flight], passengers=[ALICE, BABY])
    assert answer.status_code == 202, answer.text
    accepted = answer.json()
    assert accepted["status"] == "PENDING"
    assert re.fullmatch(PATTERN, accepted["reference"])

    decide(session, flight)

    held = read(client, alice, answer)
    assert held["status"] == "HELD"
    assert held["expires_at"] is not None
    assert held["total_price"] == "120.50"  # the infant takes no seat
    assert [p["family_name"] for p in held["passengers"]] == ["Müller-Smith", "Müller-Smith"]
    assert [s["seats"] for s in held["segments"]] == [1]
    session.refresh(flight)
    assert flight.available_seats == 9  # held seats are taken


def test_paying_a_hold_confirms_it_with_a_ticket_per_passenger_and_flight(client, session, alice):
    out = make_flight(session)
    back = make_flight(session, source="JFK", destination="LHR",
                       departure=out.departure_ts + timedelta(days=5))  # fmt: skip
    answer = order(client, alice, [out, back], passengers=[ALICE, {**ALICE, "given_name": "Bo"}])
    assert answer.status_code == 202, answer.text
    decide(session, out, back)
    paid = client.post(
        f"{answer.json()['poll_url']}/pay", json={"card_number": SUCCEEDS}, headers=alice
    )
    assert paid.status_code == 200, paid.text
    body = paid.json()
    assert body["status"] == "CONFIRMED"
    assert len(body["tickets"]) == 4  # 2 passengers x 2 flights
    assert len({t["number"] for t in body["tickets"]}) == 4
    again = client.post(
        f"{answer.json()['poll_url']}/pay", json={"card_number": SUCCEEDS}, headers=alice
    )
    assert again.status_code == 200
    assert again.json()["tickets"] == body["tickets"]  # paid once, ticketed once


@pytest.mark.parametrize(
    ("card", "status", "message"),
    [(DECLINED, 402, "declined"), (FAILS_FOR_A_MOMENT, 503, "pay again")],
)
def test_a_refused_payment_leaves_the_hold_as_it_was(client, session, alice, card, status, message):
    flight = make_flight(session)
    answer = order(client, alice, [flight])
    decide(session, flight)
    refused = client.post(
        f"{answer.json()['poll_url']}/pay", json={"card_number": card}, headers=alice
    )
    assert refused.status_code == status
    assert message in refused.json()["detail"]
    assert read(client, alice, answer)["status"] == "HELD"


def test_an_expired_hold_cannot_be_paid(client, session, alice):
    flight = make_flight(session)
    answer = order(client, alice, [flight])
    decide(session, flight)
    session.execute(text("UPDATE orders SET expires_at = now() - interval '1 second'"))
    refused = client.post(
        f"{answer.json()['poll_url']}/pay", json={"card_number": SUCCEEDS}, headers=alice
    )
    assert refused.status_code == 409
    assert "expired" in refused.json()["detail"]


def test_a_round_trip_whose_return_is_sold_out_fails_whole_and_holds_no_seat(
    client, session, alice
):
    out = make_flight(session, seats=5)
    back = make_flight(session, seats=5, sold=4, source="JFK", destination="LHR",
                       departure=out.departure_ts + timedelta(days=3))  # fmt: skip
    first = order(client, alice, [out, back])
    second = order(client, alice, [out, back])
    assert second.status_code == 202
    decide(session, out, back)
    assert read(client, alice, first)["status"] == "HELD"
    failed = read(client, alice, second)
    assert (failed["status"], failed["failure_reason"]) == ("FAILED", "sold out")
    session.refresh(out)
    assert out.available_seats == 4  # only the first order's seat is taken


def test_lookup_by_reference_and_family_name_in_any_case_or_accents(client, session, alice):
    flight = make_flight(session)
    reference = order(client, alice, [flight]).json()["reference"]
    found = client.get(
        "/api/v1/orders/lookup",
        params={"reference": reference.lower(), "last_name": "muller-SMITH"},
    )
    assert found.status_code == 200, found.text
    assert found.json()["reference"] == reference
    wrong_name = client.get(
        "/api/v1/orders/lookup", params={"reference": reference, "last_name": "Jones"}
    )
    wrong_reference = client.get(
        "/api/v1/orders/lookup", params={"reference": "ZZZZZZ", "last_name": "Müller-Smith"}
    )
    assert wrong_name.status_code == wrong_reference.status_code == 404
    assert wrong_name.json() == wrong_reference.json()
    malformed = client.get("/api/v1/orders/lookup", params={"reference": "A0", "last_name": "x"})
    assert malformed.status_code == 422


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"passengers": [{**ALICE, "family_name": "Sm1th"}]}, "no digits"),
        ({"passengers": [{**ALICE, "given_name": "Al\u0007ice"}]}, "no digits"),
        ({"passengers": [BABY]}, "each infant"),
        ({"passengers": []}, "at least 1"),
        ({"contact_email": "not-an-address"}, "email"),
    ],
)
def test_bad_orders_are_refused_with_a_reason(client, session, alice, change, message):
    flight = make_flight(session)
    answer = order(client, alice, [flight], **change)
    assert answer.status_code == 422
    assert message in str(answer.json()["detail"])


def test_flights_twice_or_out_of_travel_order_or_short_of_seats_are_refused(client, session, alice):
    early = make_flight(session, seats=1)
    late = make_flight(session, source="JFK", destination="LHR",
                       departure=early.departure_ts + timedelta(days=2))  # fmt: skip
    twice = order(client, alice, [early, early])
    assert twice.status_code == 422
    assert "the same flight appears twice" in str(twice.json()["detail"])
    backwards = order(client, alice, [late, early])
    assert backwards.status_code == 422
    assert "give the flights in travel order" in backwards.json()["detail"]
    crowded = order(client, alice, [early], passengers=[ALICE, {**ALICE, "given_name": "Bo"}])
    assert crowded.status_code == 422
    assert "1 seats left, fewer than the 2" in crowded.json()["detail"]


def test_someone_elses_order_is_not_found_and_cannot_be_paid(client, session, alice):
    flight = make_flight(session)
    answer = order(client, alice, [flight])
    decide(session, flight)
    bob = auth_headers(make_user(session))
    assert client.get(answer.json()["poll_url"], headers=bob).status_code == 404
    paid = client.post(
        f"{answer.json()['poll_url']}/pay", json={"card_number": SUCCEEDS}, headers=bob
    )
    assert paid.status_code == 404


def held_order(client, session, alice, flight):
    answer = order(client, alice, [flight])
    decide(session, flight)
    return answer.json()["poll_url"]


def cancel_with_a_quote(client, session, alice, url):
    quote = client.post(f"{url}/cancellation-quote", headers=alice)
    assert quote.status_code == 200, quote.text
    confirmed = client.post(f"{url}/cancel", json={"quote_id": quote.json()["id"]}, headers=alice)
    assert confirmed.status_code == 202, confirmed.text
    order_id = uuid.UUID(url.rsplit("/", 1)[1])
    return quote.json(), carry_out_cancellation(session, order_id=order_id)  # the worker's part


def test_cancelling_a_held_order_is_free_and_returns_its_seats(client, session, alice):
    flight = make_flight(session, seats=10)
    url = held_order(client, session, alice, flight)
    quote, returned = cancel_with_a_quote(client, session, alice, url)
    assert quote["refund_amount"] == "0.00"
    assert returned == 1
    assert client.get(url, headers=alice).json()["status"] == "CANCELLED"
    session.refresh(flight)
    assert flight.available_seats == 10


@pytest.mark.parametrize(
    ("days_away", "refund"), [(30, "199.00"), (3, "149.00")], ids=["far-ahead", "soon"]
)
def test_a_paid_order_is_refunded_under_the_fare_rules_once(
    client, session, alice, monkeypatch, days_away, refund
):
    refunds = []
    monkeypatch.setattr(provider, "refund", lambda **kwargs: refunds.append(kwargs["amount"]))
    flight = make_flight(session, departure=datetime.now(UTC) + timedelta(days=days_away))
    url = held_order(client, session, alice, flight)
    assert (
        client.post(f"{url}/pay", json={"card_number": SUCCEEDS}, headers=alice).status_code == 200
    )
    quote, returned = cancel_with_a_quote(client, session, alice, url)
    assert quote["refund_amount"] == refund  # in full, or less 50.00 per passenger and flight
    again = client.post(f"{url}/cancel", json={"quote_id": quote["id"]}, headers=alice)
    assert again.status_code == 202  # a retry of the same confirmation
    assert carry_out_cancellation(session, order_id=uuid.UUID(quote["order_id"])) == 0
    assert [str(amount) for amount in refunds] == [refund]
    assert returned == 1


def test_an_expired_quote_is_refused_and_a_failed_order_has_nothing_to_cancel(
    client, session, alice
):
    flight = make_flight(session)
    url = held_order(client, session, alice, flight)
    quote = client.post(f"{url}/cancellation-quote", headers=alice).json()
    session.execute(text("UPDATE cancellation_quotes SET expires_at = now() - interval '1 s'"))
    late = client.post(f"{url}/cancel", json={"quote_id": quote["id"]}, headers=alice)
    assert late.status_code == 409
    assert "expired" in late.json()["detail"]
    full = make_flight(session, seats=1)
    failing = order(client, alice, [full], passengers=[ALICE])
    order(client, alice, [full])
    decide(session, full)
    second = client.get("/api/v1/orders", headers=alice).json()["data"][0]
    assert second["status"] == "FAILED"
    refused = client.post(f"/api/v1/orders/{second['id']}/cancellation-quote", headers=alice)
    assert refused.status_code == 409
    assert failing.status_code == 202


def test_lookups_are_limited_per_client(client, session, alice, monkeypatch):
    monkeypatch.setattr(settings, "lookup_per_minute", 3)
    params = {"reference": "ZZZZZZ", "last_name": "Lima"}
    answers = [client.get("/api/v1/orders/lookup", params=params) for _ in range(4)]
    assert [a.status_code for a in answers] == [404, 404, 404, 429]
    assert 0 < int(answers[-1].headers["Retry-After"]) <= 60
    assert "too many booking lookups" in answers[-1].json()["detail"]


def test_admins_list_every_order_filtered_by_reference_passenger_flight_and_status(
    client, session, alice
):
    admin = auth_headers(make_user(session, admin=True))
    one, other = make_flight(session), make_flight(session)
    first = order(client, alice, [one]).json()
    order(client, alice, [other], passengers=[{**ALICE, "family_name": "O'Brien"}])
    decide(session, one)

    def listed(**params):
        answer = client.get("/admin/orders", params=params, headers=admin)
        assert answer.status_code == 200, answer.text
        return [o["reference"] for o in answer.json()["data"]]

    assert len(listed()) == 2
    assert listed(reference=first["reference"].lower()) == [first["reference"]]
    assert listed(passenger="müller") == [first["reference"]]
    assert len(listed(passenger="o'b")) == 1
    assert listed(flight_id=str(one.id)) == [first["reference"]]
    assert listed(status="HELD") == [first["reference"]]
    assert client.get("/admin/orders", headers=alice).status_code == 403
