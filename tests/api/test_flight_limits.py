"""Values the database cannot hold or the API cannot show are refused at the door, by the admin
form (422) and by the CSV import (that row rejected with its reason, the rest imported), and
never stored: times near year 1 or 9999, NUL characters, prices and seats beyond the columns."""

import pytest
from fastapi.testclient import TestClient
from sqlmodel import func, select

from api.main import app
from core.flights.models import Flight
from core.imports.job import run_import
from core.imports.models import ImportJob, ImportStatus
from core.imports.reports import rejections_csv
from tests.factories import auth_headers, make_flight, make_user
from tests.support.flight_csv import CSV_COLUMNS, HEADER, flight_row, store_job

GOOD = dict(zip(CSV_COLUMNS, flight_row(1).split(","), strict=True))

BAD = [
    ("departure_ts", "0001-01-01T00:30:00+05:00"),
    ("departure_ts", "1999-12-31T23:59:59Z"),
    ("arrival_ts", "9999-12-31T23:00:00-05:00"),
    ("arrival_ts", "2100-01-01T00:00:00Z"),
    ("flight_number", "BA1\x00"),
    ("source", "LH\x00"),
    ("price", "100000000"),
    ("price", "12.345"),
    ("price", "-0.01"),
    ("total_seats", "1001"),
    ("total_seats", "99999999999"),
    ("available_seats", "-1"),
]
IDS = [f"{column}={value!r}" for column, value in BAD]


@pytest.fixture
def admin(session):
    return auth_headers(make_user(session, admin=True))


def flight_count(session) -> int:
    return session.exec(select(func.count()).select_from(Flight)).one()


@pytest.mark.parametrize(("column", "value"), BAD, ids=IDS)
def test_the_admin_form_refuses_it_with_422_naming_the_field(client, session, admin, column, value):
    body = {**GOOD, column: value}
    answer = client.post("/admin/flights", json=body, headers=admin)
    assert answer.status_code == 422, answer.text
    fields = {error["loc"][-1] for error in answer.json()["detail"]}
    assert column in fields or "body" in fields, answer.json()
    assert flight_count(session) == 0


@pytest.mark.parametrize(
    ("column", "value"), [(c, v) for c, v in BAD if c.endswith("_ts") or c == "price"]
)
def test_an_edit_refuses_it_with_422(client, session, admin, column, value):
    flight = make_flight(session)
    answer = client.patch(f"/admin/flights/{flight.id}", json={column: value}, headers=admin)
    assert answer.status_code == 422, answer.text
    session.refresh(flight)
    assert flight.version == 1


def test_the_import_rejects_each_such_row_with_its_reason_and_keeps_the_rest(committed):
    rows = [",".join({**GOOD, "flight_number": f"BA{n + 2}", column: value}[c] for c in CSV_COLUMNS)
            for n, (column, value) in enumerate(BAD)]  # fmt: skip
    data = "\n".join([HEADER, flight_row(1), *rows, flight_row(2)]) + "\n"
    job_id = store_job(committed, data.encode())

    run_import(job_id=job_id)

    job = committed.get_one(ImportJob, job_id)
    assert job.status == ImportStatus.SUCCEEDED, job.error_message
    assert (job.inserted_rows, job.rejected_rows) == (2, len(BAD))
    columns = [error["column"] for error in job.errors]
    assert columns == [column for column, _ in BAD]
    reasons = {error["line"]: error["reason"] for error in job.errors}
    assert "not a plausible flight time" in reasons[3]
    assert "contains a NUL character" in reasons[7]
    # The errors CSV shows every rejected row, a NUL as U+FFFD (text columns cannot hold NUL).
    errors_csv = "".join(rejections_csv(job_id=job_id))
    assert "BA1\ufffd" in errors_csv
    assert "\x00" not in errors_csv
    assert flight_count(committed) == 2


@pytest.mark.parametrize(
    "url",
    [
        "/admin/bookings?username=ali%00ce",
        "/admin/flights?flight_number=BA1%00",
        "/api/v1/airports?q=lon%00",
        "/api/v1/search?source=LHR%00&destination=JFK&date=2030-01-01",
        "/api/v1/bookings/abc%00",
    ],
)
def test_a_nul_in_the_url_is_a_422_not_a_500(client, admin, url):
    answer = client.get(url, headers=admin)
    assert answer.status_code == 422, answer.text
    assert "NUL character" in answer.json()["detail"]


def test_a_nul_in_a_login_name_is_a_failed_login_not_a_500(client):
    answer = client.post("/api/v1/auth/token", data={"username": "ali\x00ce", "password": "x" * 9})
    assert answer.status_code == 401, answer.text


EDGES = [
    *BAD,
    ("source", "XYZ"),
    ("destination", GOOD["source"]),
    ("arrival_ts", GOOD["departure_ts"]),
    ("departure_ts", "2027-03-01T09:30:00"),
    ("flight_number", "BAX12"),
    ("available_seats", "181"),
    # accepted by both
    ("price", "0"),
    ("price", "99999999.99"),
    ("price", "0.5"),
    ("available_seats", "0"),
    ("total_seats", "1000"),
    ("arrival_ts", "2099-12-31T23:59:59.999999Z"),
]


def test_the_form_and_the_import_give_the_same_verdicts(committed):
    """One set of flight rules (`core.flights.rules`): fed the same values, the admin form and
    the CSV import accept the same ones and refuse the same ones, naming the same field."""
    headers = auth_headers(make_user(committed, admin=True))
    form = []
    with TestClient(app) as client:
        for n, (column, value) in enumerate(EDGES):
            flight = {**GOOD, "flight_number": f"QV{n + 1}", column: value}
            answer = client.post("/admin/flights", json=flight, headers=headers)
            assert answer.status_code in (201, 422), answer.text
            refused = answer.status_code == 422
            form.append((not refused, {e["loc"][-1] for e in answer.json()["detail"]} if refused
                         else set()))  # fmt: skip
    rows = [
        ",".join({**GOOD, "flight_number": f"QW{n + 1}", column: value}[c] for c in CSV_COLUMNS)
        for n, (column, value) in enumerate(EDGES)
    ]
    job_id = store_job(committed, "\n".join([HEADER, *rows]).encode())
    run_import(job_id=job_id)
    refused_by_import = {
        e["line"]: e["column"] for e in committed.get_one(ImportJob, job_id).errors
    }

    for n, (column, value) in enumerate(EDGES):
        accepted, fields = form[n]
        line = n + 2
        verdicts = (column, value, fields, refused_by_import.get(line))
        assert accepted == (line not in refused_by_import), verdicts
        if not accepted and fields != {"body"}:  # a field's own check names it in both
            assert refused_by_import[line] in fields, verdicts


def test_a_past_flight_is_history_to_the_import_and_refused_by_the_form(committed, client, admin):
    past = {**GOOD, "flight_number": "QV99", "departure_ts": "2000-01-01T05:45:00+05:45",
            "arrival_ts": "2000-01-01T09:00:00Z"}  # fmt: skip
    answer = client.post("/admin/flights", json=past, headers=admin)
    assert answer.status_code == 422
    assert answer.json()["detail"] == (
        "this flight would have departed already (Sat 1 Jan 2000 01:00 at CDG (UTC+01:00)): "
        "give a departure in the future"
    )
    row = ",".join(past[c] for c in CSV_COLUMNS)
    job_id = store_job(committed, f"{HEADER}\n{row}\n".encode())
    run_import(job_id=job_id)
    assert committed.get_one(ImportJob, job_id).inserted_rows == 1
