"""Requests a careless client or an attacker sends: each gets a clear 4xx in the one error
model, never a 500, and nothing of what was sent comes back in bulk."""

import json

import pytest
from fastapi.testclient import TestClient

from api.main import create_app
from api.middleware import APP_CSP
from core.config import settings
from tests.factories import auth_headers, make_user

FLIGHT_ID = "3fa85f64-5717-4562-b3fc-2c963f66afa6"
FLIGHT = {
    "flight_number": "SQ101",
    "source": "LHR",
    "destination": "JFK",
    "departure_ts": "2030-01-01T10:00:00+00:00",
    "arrival_ts": "2030-01-01T18:00:00+00:00",
    "total_seats": 10,
    "price": "10.00",
}


@pytest.fixture
def admin(session):
    return {**auth_headers(make_user(session, admin=True)), "Content-Type": "application/json"}


@pytest.mark.parametrize(
    ("field", "literal"),
    [("price", "NaN"), ("price", "Infinity"), ("total_seats", "-Infinity"), ("price", "1e400")],
)
def test_non_finite_numbers_are_refused_on_their_field(client, admin, field, literal):
    body = json.dumps({**FLIGHT, field: 0}).replace(f'"{field}": 0', f'"{field}": {literal}')
    answer = client.post("/admin/flights", content=body, headers=admin)
    assert answer.status_code == 422, answer.text
    issue = answer.json()["detail"][0]
    assert issue["loc"] == ["body", field]
    assert set(issue) == {"type", "loc", "msg"}  # the input itself is not echoed


def test_a_body_that_is_not_utf8_is_a_400(client, admin):
    answer = client.post("/admin/flights", content=b'{"flight_number": "\xff\xfe"}', headers=admin)
    assert answer.status_code == 400
    assert answer.json() == {"detail": "There was an error parsing the body"}


def test_a_large_body_is_refused_unread_whether_or_not_it_says_its_length(client, admin):
    big = b'{"x": "' + b"a" * (settings.max_body_bytes + 1) + b'"}'
    announced = client.post("/admin/flights", content=big, headers=admin)
    assert announced.status_code == 413
    limit = settings.max_body_bytes
    assert announced.json() == {"detail": f"the request body is larger than {limit} bytes"}

    def chunks():
        for start in range(0, len(big), 64 * 1024):
            yield big[start : start + 64 * 1024]

    streamed = client.post("/admin/flights", content=chunks(), headers=admin)
    assert streamed.status_code == 413
    assert len(streamed.content) < 200


def test_a_validation_error_never_echoes_a_large_input(client, admin):
    answer = client.post(
        "/admin/flights", json={**FLIGHT, "flight_number": "x" * 500_000}, headers=admin
    )
    assert answer.status_code == 422
    assert len(answer.content) < 1000


@pytest.mark.parametrize(
    "path",
    ["/admin/flights", "/admin/bookings", "/admin/orders", "/admin/imports", "/api/v1/orders"],
)
def test_page_numbers_beyond_any_listing_are_a_422(client, admin, path):
    answer = client.get(path, params={"page": 2**63}, headers=admin)
    assert answer.status_code == 422
    assert answer.json()["detail"][0]["loc"] == ["query", "page"]


def test_an_undeclared_method_gets_405_with_every_method_of_the_path(client, admin):
    flights = client.put("/admin/flights", headers=admin)
    assert flights.status_code == 405
    assert flights.headers["Allow"] == "GET, HEAD, OPTIONS, POST"
    # The upload path is not a flight id: PATCH does not reach the flight edit route.
    upload = client.patch("/admin/flights/bulk-upload", headers=admin)
    assert upload.status_code == 405
    assert upload.headers["Allow"] == "OPTIONS, POST"
    options = client.options("/api/v1/orders")
    assert options.status_code == 204
    assert options.headers["Allow"] == "GET, HEAD, OPTIONS, POST"


def test_every_answer_carries_the_security_headers(client):
    for answer in (client.get("/api/v1/config"), client.get("/no/such/path")):
        assert answer.headers["X-Content-Type-Options"] == "nosniff"
        assert answer.headers["X-Frame-Options"] == "DENY"
        assert answer.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
        assert answer.headers["Content-Security-Policy"] == APP_CSP
    assert "frame-ancestors 'none'" in APP_CSP
    assert "'unsafe-inline'" not in APP_CSP


def test_other_sites_may_call_the_api_only_when_configured(monkeypatch):
    preflight = {"Origin": "https://book.example.com", "Access-Control-Request-Method": "POST"}
    closed = TestClient(create_app()).options("/api/v1/orders", headers=preflight)
    assert "access-control-allow-origin" not in closed.headers

    monkeypatch.setattr(settings, "cors_origins", ["https://book.example.com"])
    web = TestClient(create_app())
    allowed = web.options("/api/v1/orders", headers=preflight)
    assert allowed.status_code == 200
    assert allowed.headers["access-control-allow-origin"] == "https://book.example.com"
    other = web.options("/api/v1/orders", headers={**preflight, "Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in other.headers


def test_a_date_written_as_a_number_is_a_422_not_1970(client, admin):
    search = {"source": "LHR", "destination": "JFK", "date": "0"}
    for path, params in [("/admin/flights", {"departs_until": "0"}), ("/api/v1/search", search)]:
        answer = client.get(path, params=params, headers=admin)
        assert answer.status_code == 422, path
        assert "a date as YYYY-MM-DD" in answer.json()["detail"][0]["msg"]
    passenger = {"given_name": "Ana", "family_name": "Lima", "date_of_birth": 0}
    order = {"flight_ids": [FLIGHT_ID], "passengers": [passenger], "contact_email": "a@b.co"}
    answer = client.post("/api/v1/orders", json=order, headers=admin)
    assert answer.status_code == 422
    assert answer.json()["detail"][0]["loc"] == ["body", "passengers", 0, "date_of_birth"]
