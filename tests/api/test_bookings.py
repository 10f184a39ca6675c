"""The bookings API in-process: validation, idempotency, price, polling, listing, cancel, BOLA.

Decisions are the workers' (tests/workers/test_bookings.py, tests/api/test_bookings_live.py);
here bookings stay PENDING unless a test decides them with `core.bookings.allocation` directly.
"""

import uuid
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import text
from sqlmodel import col, func, select

from core.bookings.allocation import decide_pending
from core.bookings.models import Booking, BookingStatus
from core.config import settings
from core.db import get_engine
from core.flights.models import FlightStatus
from core.idempotency import idempotency_lock_id
from core.orders import locators
from core.orders.models import Order
from tests.factories import auth_headers, make_flight, make_user


@pytest.fixture
def alice(session):
    return make_user(session, username="alice")


@pytest.fixture
def flight(session):
    return make_flight(session, seats=10, price="120.50", source="LHR", destination="JFK")


def book(client, user, flight_id, seats=2, headers=None, path="/api/v1/bookings"):
    return client.post(
        path,
        json={"flight_id": str(flight_id), "seats": seats},
        headers={**auth_headers(user), **(headers or {})},
    )


def test_booking_is_recorded_pending_at_todays_price_and_answered_202(
    client, session, alice, flight
):
    answer = book(client, alice, flight.id, seats=3)
    assert answer.status_code == 202, answer.text
    body = answer.json()
    assert body["status"] == "PENDING"
    assert body["poll_url"] == f"/api/v1/bookings/{body['id']}"
    assert answer.headers["Location"] == body["poll_url"]
    booking = session.get(Booking, uuid.UUID(body["id"]))
    assert (booking.user_id, booking.flight_id, booking.seats) == (alice.id, flight.id, 3)
    assert booking.unit_price == Decimal("120.50")
    assert booking.total_price == Decimal("361.50")


def test_the_original_booking_path_is_an_alias(client, alice, flight):
    answer = book(client, alice, flight.id, path="/api/v1/booking")
    assert answer.status_code == 202
    assert client.get(answer.json()["poll_url"], headers=auth_headers(alice)).status_code == 200


def test_price_change_after_booking_does_not_change_what_is_paid(client, session, alice, flight):
    booking_id = book(client, alice, flight.id, seats=2).json()["id"]
    flight.price = Decimal("999.00")
    session.add(flight)
    session.commit()
    shown = client.get(f"/api/v1/bookings/{booking_id}", headers=auth_headers(alice)).json()
    assert (shown["unit_price"], shown["total_price"]) == ("120.50", "241.00")


@pytest.mark.parametrize("seats", [0, -1, 10, 100, "two", None])
def test_seats_outside_one_to_nine_are_refused_with_a_clear_message(
    client, session, alice, flight, seats
):
    answer = book(client, alice, flight.id, seats=seats)
    assert answer.status_code == 422
    assert any(error["loc"][-1] == "seats" for error in answer.json()["detail"])
    assert session.exec(select(Booking)).all() == []


def test_malformed_flight_id_is_refused(client, alice):
    answer = book(client, alice, "not-a-uuid")
    assert answer.status_code == 422
    assert answer.json()["detail"][0]["loc"][-1] == "flight_id"


def test_unknown_flight_is_not_found(client, alice):
    missing = uuid.uuid4()
    answer = book(client, alice, missing)
    assert answer.status_code == 404
    assert answer.json()["detail"] == f"no flight with id {missing}"


def test_departed_flight_cannot_be_booked(client, session, alice):
    gone = make_flight(session, departure=datetime.now(UTC) - timedelta(hours=1))
    answer = book(client, alice, gone.id)
    assert answer.status_code == 422
    assert "departed" in answer.json()["detail"]


def test_cancelled_flight_cannot_be_booked(client, session, alice, flight):
    flight.status = FlightStatus.CANCELLED
    session.add(flight)
    session.commit()
    answer = book(client, alice, flight.id)
    assert answer.status_code == 422
    assert answer.json()["detail"] == f"flight {flight.flight_number} has been cancelled"


def test_booking_needs_a_login(client, flight):
    answer = client.post("/api/v1/bookings", json={"flight_id": str(flight.id), "seats": 1})
    assert answer.status_code == 401


# --- Idempotency-Key -------------------------------------------------------------------------


def test_same_idempotency_key_and_body_answers_the_same_booking(client, session, alice, flight):
    key = {"Idempotency-Key": "trip-42"}
    first = book(client, alice, flight.id, seats=2, headers=key)
    again = book(client, alice, flight.id, seats=2, headers=key)
    assert first.status_code == again.status_code == 202
    assert again.json()["id"] == first.json()["id"]
    assert again.headers["Idempotent-Replayed"] == "true"
    assert len(session.exec(select(Booking)).all()) == 1


def test_same_idempotency_key_with_another_body_is_a_conflict(client, session, alice, flight):
    key = {"Idempotency-Key": "trip-42"}
    assert book(client, alice, flight.id, seats=2, headers=key).status_code == 202
    answer = book(client, alice, flight.id, seats=3, headers=key)
    assert answer.status_code == 409
    assert "different booking request" in answer.json()["detail"]
    assert len(session.exec(select(Booking)).all()) == 1


def test_idempotency_keys_belong_to_each_user(client, session, alice, flight):
    bob = make_user(session, username="bob")
    key = {"Idempotency-Key": "same-key"}
    first = book(client, alice, flight.id, headers=key).json()["id"]
    second = book(client, bob, flight.id, headers=key).json()["id"]
    assert first != second


def test_retry_while_the_first_request_is_in_flight_is_told_to_come_back(
    client, session, alice, flight
):
    # The first request with this key is mid-transaction: it holds the key's advisory lock.
    with get_engine().connect() as first_request:
        lock_id = idempotency_lock_id(scope="booking", user_id=alice.id, key="trip-42")
        first_request.execute(text("SELECT pg_advisory_lock(:id)"), {"id": lock_id})
        answer = book(client, alice, flight.id, headers={"Idempotency-Key": "trip-42"})
        first_request.execute(text("SELECT pg_advisory_unlock(:id)"), {"id": lock_id})
    assert answer.status_code == 409
    assert answer.headers["Retry-After"] == "1"
    assert "still being handled" in answer.json()["detail"]
    assert session.exec(select(Booking)).all() == []
    assert book(client, alice, flight.id, headers={"Idempotency-Key": "trip-42"}).status_code == 202


def test_overlong_idempotency_key_is_refused(client, alice, flight):
    answer = book(client, alice, flight.id, headers={"Idempotency-Key": "k" * 256})
    assert answer.status_code == 422


# --- polling and listing ---------------------------------------------------------------------


def test_pending_booking_poll_says_when_to_retry(client, alice, flight):
    booking_id = book(client, alice, flight.id, seats=2).json()["id"]
    answer = client.get(f"/api/v1/bookings/{booking_id}", headers=auth_headers(alice))
    assert answer.status_code == 200
    assert answer.headers["Retry-After"] == "1"
    body = answer.json()
    assert body["status"] == "PENDING"
    assert body["seats"] == 2
    assert body["failure_reason"] is None
    assert body["decided_at"] is None
    assert body["flight"]["flight_number"] == flight.flight_number
    assert (body["flight"]["source"], body["flight"]["destination"]) == ("LHR", "JFK")
    departure = datetime.fromisoformat(body["flight"]["departure_ts"])
    assert departure == flight.departure_ts
    assert departure.utcoffset() in (timedelta(0), timedelta(hours=1))  # London time


def test_booking_prices_name_the_configured_currency(client, alice, flight, monkeypatch):
    monkeypatch.setattr(settings, "currency", "GBP")
    booking_id = book(client, alice, flight.id, seats=2).json()["id"]
    polled = client.get(f"/api/v1/bookings/{booking_id}", headers=auth_headers(alice)).json()
    listed = client.get("/api/v1/bookings", headers=auth_headers(alice)).json()["data"]
    for body in (polled, *listed):
        assert (body["unit_price"], body["total_price"]) == ("120.50", "241.00")
        assert body["currency"] == "GBP"


def test_decided_booking_poll_has_no_retry_after(client, session, alice, flight):
    booking_id = book(client, alice, flight.id, seats=2).json()["id"]
    decide_pending(session, flight_id=flight.id, limit=10)
    answer = client.get(f"/api/v1/bookings/{booking_id}", headers=auth_headers(alice))
    assert answer.json()["status"] == "CONFIRMED"
    assert answer.json()["decided_at"] is not None
    assert "Retry-After" not in answer.headers


def test_unknown_booking_is_not_found(client, alice):
    answer = client.get(f"/api/v1/bookings/{uuid.uuid4()}", headers=auth_headers(alice))
    assert answer.status_code == 404


def test_list_shows_own_bookings_newest_first_by_page(client, session, alice, flight):
    bob = make_user(session, username="bob")
    book(client, bob, flight.id)
    ids = [book(client, alice, flight.id, seats=1).json()["id"] for _ in range(5)]
    first = client.get("/api/v1/bookings?page=1&page_size=2", headers=auth_headers(alice)).json()
    assert (first["count"], first["page"], first["page_size"]) == (5, 1, 2)
    assert [b["id"] for b in first["data"]] == ids[::-1][:2]
    last = client.get("/api/v1/bookings?page=3&page_size=2", headers=auth_headers(alice)).json()
    assert [b["id"] for b in last["data"]] == [ids[0]]


def test_list_page_size_is_bounded(client, alice):
    answer = client.get("/api/v1/bookings?page_size=1000", headers=auth_headers(alice))
    assert answer.status_code == 422


# --- ownership (BOLA) ------------------------------------------------------------------------


def test_another_users_booking_is_not_found_to_you(client, session, alice, flight):
    mallory = make_user(session, username="mallory")
    booking_id = book(client, alice, flight.id).json()["id"]
    for answer in (
        client.get(f"/api/v1/bookings/{booking_id}", headers=auth_headers(mallory)),
        client.post(f"/api/v1/bookings/{booking_id}/cancel", headers=auth_headers(mallory)),
    ):
        assert answer.status_code == 404
        assert answer.json()["detail"] == f"no booking with id {booking_id}"
    assert session.get(Booking, uuid.UUID(booking_id)).cancel_requested_at is None
    listed = client.get("/api/v1/bookings", headers=auth_headers(mallory)).json()
    assert listed["count"] == 0


def test_an_admin_sees_and_cancels_any_booking(client, session, alice, flight):
    admin = make_user(session, username="root", admin=True)
    booking_id = book(client, alice, flight.id).json()["id"]
    assert (
        client.get(f"/api/v1/bookings/{booking_id}", headers=auth_headers(admin)).json()["id"]
        == booking_id
    )
    answer = client.post(f"/api/v1/bookings/{booking_id}/cancel", headers=auth_headers(admin))
    assert answer.status_code == 202


# --- cancel request --------------------------------------------------------------------------


def test_cancel_is_recorded_and_repeating_it_is_harmless(client, session, alice, flight):
    booking_id = book(client, alice, flight.id).json()["id"]
    first = client.post(f"/api/v1/bookings/{booking_id}/cancel", headers=auth_headers(alice))
    assert first.status_code == 202
    assert first.headers["Retry-After"] == "1"
    assert first.json()["status"] == "PENDING"
    assert first.json()["cancel_requested_at"] is not None
    again = client.post(f"/api/v1/bookings/{booking_id}/cancel", headers=auth_headers(alice))
    assert again.status_code == 202
    assert again.json()["cancel_requested_at"] == first.json()["cancel_requested_at"]


def test_cancelling_a_failed_booking_changes_nothing(client, session, alice):
    full = make_flight(session, seats=1, sold=1)
    booking_id = book(client, alice, full.id, seats=1).json()["id"]
    decide_pending(session, flight_id=full.id, limit=10)
    answer = client.post(f"/api/v1/bookings/{booking_id}/cancel", headers=auth_headers(alice))
    assert answer.status_code == 202
    assert answer.json()["status"] == BookingStatus.FAILED
    assert answer.json()["cancel_requested_at"] is None
    assert "Retry-After" not in answer.headers


def test_a_booking_is_one_order_and_a_taken_locator_is_drawn_again(
    client, session, alice, flight, monkeypatch
):
    """The order and its booking are written in one statement; when the locator drawn is
    already another order's, the statement writes nothing and a new one is drawn."""
    first = book(client, alice, flight.id, seats=1).json()
    taken = session.exec(
        select(Order.locator).join(Booking, col(Booking.order_id) == Order.id)
        .where(Booking.id == uuid.UUID(first["id"]))
    ).one()  # fmt: skip
    draws = iter([taken, taken, "K7WQ2M"])
    monkeypatch.setattr(locators, "new_locator", lambda: next(draws))
    answer = book(client, alice, flight.id, seats=2)
    assert answer.status_code == 202, answer.text
    booking = session.get(Booking, uuid.UUID(answer.json()["id"]))
    order = session.get(Order, booking.order_id)
    assert (order.locator, order.user_id, order.total_price) == (
        "K7WQ2M",
        alice.id,
        Decimal("241.00"),
    )
    assert (booking.status, booking.unit_price, booking.total_price) == (
        "PENDING", Decimal("120.50"), Decimal("241.00"),
    )  # fmt: skip
    assert session.exec(select(func.count()).select_from(Order)).one() == 2  # nothing half-written
