"""GET /admin/bookings: every traveller's bookings for administrators, filtered and paged.

In-process against the suite's PostgreSQL (rolled back per test), and once over real HTTP with
a real worker while bookings pour in from several threads.
"""

import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

import httpx
import pytest

from core.bookings.models import SOLD_OUT, BookingStatus
from tests.factories import auth_headers, make_booking, make_flight, make_user, set_status
from tests.support.bookings import all_decided, assert_seat_invariant, wait_until
from tests.support.processes import running_worker

URL = "/admin/bookings"
NOW = datetime.now(UTC)


@pytest.fixture
def admin(session):
    return auth_headers(make_user(session, username="ops", admin=True))


def ids(answer):
    return [item["id"] for item in answer.json()["data"]]


def test_listing_needs_a_token(client):
    answer = client.get(URL)
    assert answer.status_code == 401
    assert answer.headers["WWW-Authenticate"] == "Bearer"


def test_listing_is_refused_to_travellers(client, session):
    traveller = make_user(session)
    make_booking(session, user=traveller, flight=make_flight(session))
    answer = client.get(URL, headers=auth_headers(traveller))
    assert answer.status_code == 403
    assert answer.json()["detail"] == "this needs an administrator account"


def test_an_admin_sees_every_travellers_bookings_with_traveller_and_flight(client, session, admin):
    alice = make_user(session, username="alice")
    bob = make_user(session, username="bob")
    departure = datetime(2030, 7, 1, 12, 0, tzinfo=UTC)
    flight = make_flight(
        session, source="JFK", destination="LHR", price="120.50", departure=departure
    )
    mine = make_booking(session, user=alice, flight=flight, seats=3)
    set_status(session, make_booking(session, user=bob, flight=flight), "FAILED", SOLD_OUT)

    answer = client.get(URL, headers=admin)
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert (body["count"], body["page"], body["page_size"]) == (2, 1, 20)
    by_user = {item["username"]: item for item in body["data"]}
    assert set(by_user) == {"alice", "bob"}
    item = by_user["alice"]
    assert item["id"] == str(mine.id)
    assert item["user_id"] == str(alice.id)
    assert (item["status"], item["seats"], item["failure_reason"]) == ("PENDING", 3, None)
    assert (item["unit_price"], item["total_price"]) == ("120.50", "361.50")
    assert datetime.fromisoformat(item["created_at"]) == mine.created_at
    assert datetime.fromisoformat(item["updated_at"]) == mine.updated_at
    summary = item["flight"]
    assert summary["id"] == str(flight.id)
    assert summary["flight_number"] == flight.flight_number
    assert (summary["source"], summary["destination"]) == ("JFK", "LHR")
    # Local time at the departure airport, with its offset: 08:00 in New York (summer time).
    assert summary["departure_ts"] == "2030-07-01T08:00:00-04:00"
    assert summary["arrival_ts"] == "2030-07-01T21:00:00+01:00"
    assert (by_user["bob"]["status"], by_user["bob"]["failure_reason"]) == ("FAILED", SOLD_OUT)


def test_newest_first_by_creation_time_then_arrival_order(client, session, admin):
    alice = make_user(session)
    flight = make_flight(session)
    older = make_booking(session, user=alice, flight=flight, created_at=NOW - timedelta(hours=2))
    newest = make_booking(session, user=alice, flight=flight, created_at=NOW)
    middle = make_booking(session, user=alice, flight=flight, created_at=NOW - timedelta(hours=1))
    same_instant_later = make_booking(session, user=alice, flight=flight, created_at=NOW)
    answer = client.get(URL, headers=admin)
    assert ids(answer) == [str(b.id) for b in (same_instant_later, newest, middle, older)]


def test_pages_split_the_list_without_overlap_and_count_them_all(client, session, admin):
    alice = make_user(session)
    flight = make_flight(session)
    made = [
        make_booking(session, user=alice, flight=flight, created_at=NOW - timedelta(minutes=i))
        for i in range(7)
    ]
    pages = [client.get(URL, params={"page": p, "page_size": 3}, headers=admin) for p in (1, 2, 3)]
    assert [len(page.json()["data"]) for page in pages] == [3, 3, 1]
    assert {page.json()["count"] for page in pages} == {7}
    assert [i for page in pages for i in ids(page)] == [str(b.id) for b in made]
    beyond = client.get(URL, params={"page": 4, "page_size": 3}, headers=admin).json()
    assert (beyond["data"], beyond["count"], beyond["page"]) == ([], 7, 4)


def test_filter_by_flight(client, session, admin):
    alice = make_user(session)
    one, other = make_flight(session), make_flight(session)
    wanted = [make_booking(session, user=alice, flight=one) for _ in range(2)]
    make_booking(session, user=alice, flight=other)
    answer = client.get(URL, params={"flight_id": str(one.id)}, headers=admin)
    assert answer.json()["count"] == 2
    assert set(ids(answer)) == {str(b.id) for b in wanted}
    unknown = client.get(URL, params={"flight_id": str(uuid.uuid4())}, headers=admin).json()
    assert (unknown["count"], unknown["data"]) == (0, [])


@pytest.mark.parametrize("status", list(BookingStatus))
def test_filter_by_status(client, session, admin, status):
    alice = make_user(session)
    flight = make_flight(session)
    made = {s: make_booking(session, user=alice, flight=flight) for s in BookingStatus}
    for s, booking in made.items():
        set_status(session, booking, s)
    answer = client.get(URL, params={"status": status.value}, headers=admin)
    assert answer.json()["count"] == 1
    assert ids(answer) == [str(made[status].id)]


def test_filter_by_username_matches_a_part_in_any_case(client, session, admin):
    flight = make_flight(session)
    alice = make_user(session, username="Alice.Smith")
    other = make_user(session, username="bob_alicea")
    third = make_user(session, username="carol%_x")
    wanted = make_booking(session, user=alice, flight=flight)
    also = make_booking(session, user=other, flight=flight)
    percent = make_booking(session, user=third, flight=flight)
    cases = [("alice.smith", [wanted]), ("ALICE", [wanted, also]), (" Smith ", [wanted]),
             ("%_", [percent]), ("_", [percent, also])]  # fmt: skip
    for typed, found in cases:
        answer = client.get(URL, params={"username": typed}, headers=admin)
        assert set(ids(answer)) == {str(b.id) for b in found}, typed
    everyone = client.get(URL, params={"username": " "}, headers=admin).json()
    assert everyone["count"] == 3  # a blank box filters nothing


def test_filters_combine(client, session, admin):
    alice, bob = make_user(session, username="alice"), make_user(session, username="bob")
    one, other = make_flight(session), make_flight(session)
    wanted = set_status(session, make_booking(session, user=alice, flight=one), "CONFIRMED")
    make_booking(session, user=alice, flight=one)  # PENDING
    set_status(session, make_booking(session, user=bob, flight=one), "CONFIRMED")
    set_status(session, make_booking(session, user=alice, flight=other), "CONFIRMED")
    query = {"flight_id": str(one.id), "status": "CONFIRMED", "username": "alice"}
    answer = client.get(URL, params=query, headers=admin)
    assert answer.json()["count"] == 1
    assert ids(answer) == [str(wanted.id)]


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"status": "BOOKED"}, "status"),
        ({"status": "confirmed"}, "status"),
        ({"flight_id": "BA117"}, "flight_id"),
        ({"username": "x" * 33}, "username"),
        ({"page": 0}, "page"),
        ({"page_size": 101}, "page_size"),
    ],
)
def test_bad_filters_are_refused_naming_the_parameter(client, admin, params, field):
    answer = client.get(URL, params=params, headers=admin)
    assert answer.status_code == 422
    assert [error["loc"] for error in answer.json()["detail"]] == [["query", field]]


@pytest.mark.e2e
def test_a_concurrent_burst_of_bookings_is_listed_once_each(committed, live_api, tmp_path):
    """Bookings from 8 threads while a worker decides them and the admin lists them: every
    listing is consistent (no booking twice, never more than were made), and in the end every
    booking made is listed exactly once, with the flight's seats matching its CONFIRMED ones."""
    flight = make_flight(committed, seats=40)
    travellers = [make_user(committed) for _ in range(8)]
    admin = auth_headers(make_user(committed, admin=True))
    per_thread = 12
    total = len(travellers) * per_thread
    query = {"flight_id": str(flight.id), "page_size": 100}

    def book_many(traveller) -> list[str]:
        made = []
        with httpx.Client(base_url=live_api, timeout=60) as http:
            for n in range(per_thread):
                answer = http.post(
                    "/api/v1/bookings",
                    json={"flight_id": str(flight.id), "seats": 1 + n % 2},
                    headers=auth_headers(traveller),
                )
                assert answer.status_code == 202, answer.text
                made.append(answer.json()["id"])
        return made

    def watch() -> list[int]:
        """The admin's listing during the burst: no booking twice, never more than were made.
        (The count and the page are two statements, so they may differ by bookings committed
        in between.)"""
        counts: list[int] = []
        deadline = time.monotonic() + 120
        with httpx.Client(base_url=live_api, timeout=60, headers=admin) as http:
            while (not counts or counts[-1] < total) and time.monotonic() < deadline:
                body = http.get(URL, params=query).json()
                listed = [item["id"] for item in body["data"]]
                assert len(listed) == len(set(listed)) <= total
                assert body["count"] <= total
                counts.append(body["count"])
                time.sleep(0.05)
        return counts

    with running_worker(tmp_path / "worker.log", threads=4):
        with ThreadPoolExecutor(max_workers=len(travellers) + 1) as pool:
            watching = pool.submit(watch)
            made = [i for ids_ in pool.map(book_many, travellers) for i in ids_]
            seen_counts = watching.result(timeout=120)
        wait_until(all_decided([flight.id]), timeout=120, what="every booking decided")

    assert seen_counts[-1] == total
    assert seen_counts == sorted(seen_counts)  # the total only grows while bookings are made
    assert len(made) == len(set(made)) == total
    listed: list[dict] = []
    for page in (1, 2, 3, 4):
        body = httpx.get(
            f"{live_api}{URL}", params={**query, "page_size": 25, "page": page}, headers=admin
        ).json()
        assert body["count"] == total
        listed += body["data"]
    assert len(listed) == total
    assert sorted(item["id"] for item in listed) == sorted(made)
    created = [datetime.fromisoformat(item["created_at"]) for item in listed]
    assert created == sorted(created, reverse=True)
    assert {item["username"] for item in listed} == {t.username for t in travellers}
    confirmed_seats, _ = assert_seat_invariant(flight.id)
    assert confirmed_seats == 40  # 96 requests for 144 seats: sold out exactly
    assert sum(i["seats"] for i in listed if i["status"] == "CONFIRMED") == confirmed_seats
    assert {i["status"] for i in listed} == {"CONFIRMED", "FAILED"}
    by_status = {
        status: httpx.get(
            f"{live_api}{URL}", params={**query, "status": status}, headers=admin
        ).json()["count"]
        for status in ("PENDING", "CONFIRMED", "FAILED", "CANCELLED")
    }
    assert by_status["PENDING"] == by_status["CANCELLED"] == 0
    assert by_status["CONFIRMED"] + by_status["FAILED"] == total
