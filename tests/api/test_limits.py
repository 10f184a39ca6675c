"""Abuse limits: logins per account and per client, registrations per client, orders and reads
per user; each refusal a 429 with `Retry-After`, and 0 meaning no limit."""

from core.config import settings
from tests.factories import auth_headers, make_booking, make_flight, make_user

PASSWORD = "correct-horse-9"
ADULT = {"given_name": "Ana", "family_name": "Lima", "type": "ADULT"}


def log_in(client, username, password=PASSWORD):
    return client.post("/api/v1/auth/token", data={"username": username, "password": password})


def assert_refused(answer, what):
    assert answer.status_code == 429, answer.text
    assert 0 < int(answer.headers["Retry-After"]) <= 60
    assert answer.json()["detail"].startswith(f"too many {what}: try again in ")


def test_logins_are_limited_per_account_even_with_the_right_password(client, session, monkeypatch):
    monkeypatch.setattr(settings, "logins_per_account_per_minute", 3)
    user = make_user(session)
    wrong = [log_in(client, user.username, "guess-" + str(n)) for n in range(3)]
    assert [answer.status_code for answer in wrong] == [401, 401, 401]
    assert_refused(log_in(client, user.username.upper()), "login attempts for this account")
    assert log_in(client, make_user(session).username).status_code == 200  # another account


def test_logins_are_limited_per_client_across_accounts(client, session, monkeypatch):
    monkeypatch.setattr(settings, "logins_per_client_per_minute", 2)
    for _ in range(2):
        assert log_in(client, f"nobody-{_}").status_code == 401
    assert_refused(log_in(client, make_user(session).username), "login attempts from this client")


def test_registrations_are_limited_per_client(client, monkeypatch):
    monkeypatch.setattr(settings, "registrations_per_client_per_minute", 2)
    answers = [
        client.post("/api/v1/auth/register", json={"username": f"newbie_{n}", "password": PASSWORD})
        for n in range(3)
    ]
    assert [a.status_code for a in answers[:2]] == [201, 201]
    assert_refused(answers[2], "registrations from this client")


def test_orders_and_reads_are_limited_per_user_and_zero_is_no_limit(client, session, monkeypatch):
    monkeypatch.setattr(settings, "orders_per_user_per_minute", 2)
    monkeypatch.setattr(settings, "reads_per_user_per_minute", 3)
    flight = make_flight(session)
    alice, bob = auth_headers(make_user(session)), auth_headers(make_user(session))
    book = {"flight_id": str(flight.id), "seats": 1}
    answers = [client.post("/api/v1/bookings", json=book, headers=alice) for _ in range(3)]
    assert [a.status_code for a in answers[:2]] == [202, 202]
    assert_refused(answers[2], "orders")
    assert client.post("/api/v1/bookings", json=book, headers=bob).status_code == 202

    url = answers[0].json()["poll_url"]
    reads = [client.get(url, headers=alice) for _ in range(3)]
    assert [r.status_code for r in reads] == [200, 200, 200]
    assert_refused(client.get("/api/v1/orders", headers=alice), "requests")

    monkeypatch.setattr(settings, "reads_per_user_per_minute", 0)
    assert client.get(url, headers=alice).status_code == 200


def test_an_order_past_the_seat_cap_is_refused_at_once(client, session, monkeypatch):
    monkeypatch.setattr(settings, "seats_per_traveller_per_flight", 3)
    flight = make_flight(session)
    user = make_user(session)
    make_booking(session, user=user, flight=flight, seats=2, status="CONFIRMED")
    headers = auth_headers(user)
    too_many = client.post(
        "/api/v1/bookings", json={"flight_id": str(flight.id), "seats": 2}, headers=headers
    )
    assert too_many.status_code == 409
    assert too_many.json()["detail"] == (
        f"you already hold 2 seats on flight {flight.flight_number}; one account may hold at "
        "most 3 seats on a flight"
    )
    up_to_the_cap = {"flight_id": str(flight.id), "seats": 1}
    assert client.post("/api/v1/bookings", json=up_to_the_cap, headers=headers).status_code == 202
    one = {"flight_ids": [str(flight.id)], "passengers": [ADULT], "contact_email": "a@b.co"}
    assert client.post("/api/v1/orders", json=one, headers=headers).status_code == 202
    other = auth_headers(make_user(session))
    two = {"flight_id": str(flight.id), "seats": 2}
    assert client.post("/api/v1/bookings", json=two, headers=other).status_code == 202
