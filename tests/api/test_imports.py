from pathlib import Path

import pytest
from sqlmodel import func, select

from core.config import settings
from core.imports.models import ImportFileChunk, ImportJob
from tests.factories import auth_headers, make_user
from tests.support.flight_csv import HEADER, flight_row, flights_csv

SEED = Path(__file__).resolve().parents[2] / "flights.csv"
UPLOAD = "/admin/flights/bulk-upload"


@pytest.fixture
def admin(session):
    return auth_headers(make_user(session, admin=True))


def upload(client, headers, data: bytes, *, name="flights.csv", kind="text/csv", **params):
    return client.post(UPLOAD, headers=headers, files={"file": (name, data, kind)}, params=params)


def nothing_stored(session) -> bool:
    jobs = session.exec(select(func.count()).select_from(ImportJob)).one()
    return jobs == 0 and session.exec(select(func.count()).select_from(ImportFileChunk)).one() == 0


def test_seed_file_upload_answers_202_and_the_job_can_be_polled(client, session, admin):
    response = upload(client, admin, SEED.read_bytes())
    assert response.status_code == 202, response.text
    body = response.json()
    assert body["status"] == "QUEUED"
    assert body["poll_url"] == f"{UPLOAD}/status/{body['job_id']}"

    status = client.get(body["poll_url"], headers=admin).json()
    assert status["filename"] == "flights.csv"
    assert (status["status"], status["total_rows"], status["percent"]) == ("QUEUED", 1000, 0)
    assert status["size_bytes"] == SEED.stat().st_size
    listed = client.get("/admin/imports", headers=admin).json()
    assert listed["count"] == 1
    assert listed["data"][0]["id"] == body["job_id"]


def test_a_large_file_is_stored_in_pieces(client, session, admin, monkeypatch):
    monkeypatch.setattr(settings, "import_file_piece_bytes", 4096)
    data = flights_csv(300)
    assert upload(client, admin, data).status_code == 202
    pieces = session.exec(select(ImportFileChunk).order_by(ImportFileChunk.seq)).all()
    assert len(pieces) == -(-len(data) // 4096)
    assert b"".join(p.data for p in pieces) == data


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "the file is empty (0 bytes)"),
        (b"\n\n  \n", "the first line is blank: it must be the header row"),
        (HEADER.encode() + b"\n", "the file has a header row but no flights"),
        (HEADER.encode(), "the file has a header row but no flights"),
        (
            b"flight,source,destination,departure_ts,arrival_ts,seats,price\n" + b"x\n",
            "missing columns: flight_number, total_seats; unknown columns: flight, seats",
        ),
        (
            (HEADER + "\n" + flight_row(1)).replace(",", ";").encode(),
            "separated by semicolons, not commas",
        ),
        (
            (HEADER + "\n" + flight_row(1) + "\n").encode() + b"BA1,LHR,JFK,Z\xfcrich\n",
            "not UTF-8 text: line 3 has the byte 0xFC",
        ),
        ((HEADER + "\n" + flight_row(1) + ',"\n').encode(), "a quoted value is not closed"),
    ],
    ids=[
        "0 bytes",
        "blank",
        "header only",
        "header only no newline",
        "wrong header",
        "semicolons",
        "latin-1",
        "open quote",
    ],
)
def test_a_file_that_cannot_be_imported_is_refused_at_once(client, session, admin, data, message):
    response = upload(client, admin, data)
    assert response.status_code == 422
    assert message in response.json()["detail"]
    assert nothing_stored(session)


def test_a_file_that_is_not_csv_is_refused(client, session, admin):
    response = upload(client, admin, b"\x89PNG\r\n\x1a\n", name="logo.png", kind="image/png")
    assert response.status_code == 415
    assert "expected a CSV file (text/csv), got image/png" in response.json()["detail"]
    assert nothing_stored(session)


def test_a_csv_without_content_type_is_accepted_by_its_name(client, admin):
    response = upload(client, admin, flights_csv(2), kind="application/octet-stream")
    assert response.status_code == 202


def test_a_body_that_is_not_multipart_is_refused(client, admin):
    response = client.post(UPLOAD, headers=admin, json={"file": "flights.csv"})
    assert response.status_code == 415
    assert "multipart/form-data in a field named 'file'" in response.json()["detail"]


def test_a_form_without_the_file_field_is_refused(client, admin):
    response = client.post(UPLOAD, headers=admin, files={"upload": ("f.csv", b"a", "text/csv")})
    assert response.status_code == 422
    assert "field named 'file'" in response.json()["detail"]


def test_an_oversized_file_is_refused_and_nothing_is_kept(client, session, admin, monkeypatch):
    monkeypatch.setattr(settings, "import_max_upload_bytes", 20_000)
    monkeypatch.setattr(settings, "import_file_piece_bytes", 4096)
    response = upload(client, admin, flights_csv(1000))
    assert response.status_code == 413
    assert "larger than the 0.0190735 MB limit" in response.json()["detail"]
    assert nothing_stored(session)


def test_a_file_with_too_many_rows_is_refused_and_nothing_is_kept(
    client, session, admin, monkeypatch
):
    monkeypatch.setattr(settings, "import_max_rows", 100)
    assert upload(client, admin, flights_csv(100)).status_code == 202
    response = upload(client, admin, flights_csv(101))
    assert response.status_code == 413
    assert response.json()["detail"] == (
        "the file has more than 100 lines of flights: split it into smaller files"
    )
    assert session.exec(select(func.count()).select_from(ImportJob)).one() == 1


def test_a_declared_oversized_body_is_refused_before_it_is_read(client, admin, monkeypatch):
    monkeypatch.setattr(settings, "import_max_upload_bytes", 1000)
    headers = {**admin, "Content-Type": "multipart/form-data; boundary=x"}
    response = client.post(UPLOAD, headers=headers, content=b"-" * 200_000)
    assert response.status_code == 413


def test_only_admins_upload_or_see_imports(client, session):
    user = auth_headers(make_user(session))
    assert upload(client, user, flights_csv(1)).status_code == 403
    assert client.get("/admin/imports", headers=user).status_code == 403
    assert client.post(UPLOAD, files={"file": ("f.csv", b"x", "text/csv")}).status_code == 401


def test_an_unknown_job_is_404(client, admin):
    missing = "00000000-0000-0000-0000-000000000000"
    assert client.get(f"{UPLOAD}/status/{missing}", headers=admin).status_code == 404
    assert client.get(f"{UPLOAD}/{missing}/errors.csv", headers=admin).status_code == 404


def test_an_upload_s_file_name_is_stored_as_a_safe_base_name(client, session, admin):
    answer = upload(client, admin, flights_csv(1), name="../../tmp/vols été;<x>.csv")
    assert answer.status_code == 202, answer.text
    status = client.get(answer.json()["poll_url"], headers=admin).json()
    assert status["filename"] == "vols été__x_.csv"
    errors = client.get(f"{UPLOAD}/{status['id']}/errors.csv", headers=admin)
    assert errors.headers["content-disposition"] == (
        'attachment; filename="vols _t___x_-errors.csv"; '
        "filename*=UTF-8''vols%20%C3%A9t%C3%A9__x_-errors.csv"
    )
