import csv
import io
import uuid

import numpy as np
import pandas as pd
import pytest
from sqlalchemy import text
from sqlmodel import Session, func, select

from core.config import settings
from core.errors import NotFound
from core.flights.models import Flight
from core.imports import job as job_module
from core.imports import upload, validation, writer
from core.imports.job import run_import
from core.imports.models import ImportJob, ImportRejection, ImportStatus
from core.imports.reports import get_job, rejections_csv
from core.imports.upload import InvalidFile, parse_header
from core.search.cache import search_generation
from tests.factories import make_flight, make_user
from tests.support.flight_csv import HEADER, flight_row, flights_csv, store_job

GOOD = flight_row(1)


def flight_count(session: Session) -> int:
    return session.exec(select(func.count()).select_from(Flight)).one()


def finished(session: Session, job_id: uuid.UUID) -> ImportJob:
    session.expire_all()
    return session.get_one(ImportJob, job_id)


def test_header_names_missing_and_unknown_columns():
    with pytest.raises(InvalidFile) as error:
        parse_header(b"flight_number,source,destination,departure,arrival_ts,total_seats,price\n")
    assert "missing columns: departure_ts" in str(error.value)
    assert "unknown columns: departure" in str(error.value)


def test_numbers_read_as_pandas_reads_them():
    values = ["180", " 12 ", "12.", "+5", "-0", "007", "99.95", ".5", "1e2", "1E-2", "inf",
              "NaN", "", "x", "1.2.3", "1,5", "12 5", "٣", "99999999999999999999"]  # fmt: skip
    series = pd.Series(values, dtype="str")
    expected = pd.to_numeric(series, errors="coerce").astype("float64").to_numpy()
    np.testing.assert_array_equal(validation.numbers(series).to_numpy(), expected)


def test_header_with_semicolons_says_so():
    with pytest.raises(InvalidFile, match="separated by semicolons, not commas"):
        parse_header(HEADER.replace(",", ";").encode())


def test_header_accepts_any_order_case_and_the_errors_csv_columns():
    names = parse_header(
        b"\xef\xbb\xbfPrice,Source,destination,departure_ts,arrival_ts,"
        b"total_seats,flight_number,line,reason\r\n"
    )
    assert names[0] == "price"
    assert names[-1] == "reason"


def test_mixed_file_imports_good_rows_and_reports_each_bad_one_with_line_and_reason(committed):
    rows = [
        GOOD,
        flight_row(5).replace(",LHR,", ",XYZ,"),  # line 3: unknown airport
        flight_row(3).replace("99.50", "-5"),  # line 4: negative price
        flight_row(4).replace("99.50", "1,234.50"),  # line 5: unquoted comma
        flight_row(2).replace("99.50", '"1,234.50"'),  # line 6: quoted comma: not a number
        "",  # line 7: blank, skipped
        GOOD,  # line 8: duplicate of line 2
        flight_row(6),  # line 9
    ]
    job_id = store_job(committed, "\n".join([HEADER, *rows]).encode())
    generation = search_generation()

    run_import(job_id=job_id)

    job = finished(committed, job_id)
    assert job.status == ImportStatus.SUCCEEDED, job.error_message
    assert (job.inserted_rows, job.updated_rows, job.rejected_rows) == (2, 0, 5)
    assert (job.processed_rows, job.total_rows) == (8, 8)
    assert flight_count(committed) == 2
    reasons = {e["line"]: e["reason"] for e in job.errors}
    assert reasons[3] == "XYZ is not a known IATA airport code"
    assert "is not a price" in reasons[4]
    assert "more than 8 values" in reasons[5]
    assert "is not a price" in reasons[6]
    assert reasons[8] == "duplicate of line 2: the same flight_number and departure_ts"
    assert search_generation() > generation
    # The file is dropped once the job is done; every rejection is kept for the errors CSV.
    assert committed.exec(select(func.count()).select_from(ImportRejection)).one() == 5


def test_errors_csv_keeps_the_rows_as_uploaded_and_can_be_uploaded_again(committed):
    bad = flight_row(2).replace("99.50", "1,234.50")
    job_id = store_job(committed, "\n".join([HEADER, GOOD, bad]).encode())
    run_import(job_id=job_id)

    text = "".join(rejections_csv(job_id=job_id))
    header, row = list(csv.reader(io.StringIO(text)))
    assert header == [*upload.CSV_COLUMNS, "line", "reason"]
    assert ",".join(row[:-2]) == bad
    assert row[-2] == "3"

    fixed = text.replace("1,234.50", '"1234.50"')
    again = store_job(committed, fixed.encode())
    run_import(job_id=again)
    assert finished(committed, again).inserted_rows == 1


def test_reimporting_the_same_file_changes_nothing(committed):
    data = flights_csv(50)
    first = store_job(committed, data)
    run_import(job_id=first)
    versions = dict(committed.exec(select(Flight.flight_number, Flight.version)).all())

    second = store_job(committed, data)
    run_import(job_id=second)

    job = finished(committed, second)
    assert (job.inserted_rows, job.updated_rows, job.rejected_rows) == (0, 50, 0)
    assert flight_count(committed) == 50
    committed.expire_all()
    assert dict(committed.exec(select(Flight.flight_number, Flight.version)).all()) == versions


def test_reimport_with_one_changed_price_writes_only_that_flight(committed):
    run_import(job_id=store_job(committed, flights_csv(5)))
    before = dict(committed.exec(select(Flight.flight_number, Flight.version)).all())
    rows = flights_csv(5).decode().replace(flight_row(2), flight_row(2, price="120.00"))

    job_id = store_job(committed, rows.encode())
    run_import(job_id=job_id)

    job = finished(committed, job_id)
    assert (job.inserted_rows, job.updated_rows, job.rejected_rows) == (0, 5, 0)
    committed.expire_all()
    after = dict(committed.exec(select(Flight.flight_number, Flight.version)).all())
    assert after == before | {"AA3": before["AA3"] + 1}
    changed = committed.exec(select(Flight).where(Flight.flight_number == "AA3")).one()
    assert str(changed.price) == "120.00"


def test_a_chunk_of_new_and_existing_flights_inserts_some_and_updates_others(committed):
    run_import(job_id=store_job(committed, flights_csv(10)))
    # Rows 5-9 exist, 10-14 are new: the insert-only path fails on them and the upsert runs.
    job_id = store_job(committed, flights_csv(10, start=5))
    run_import(job_id=job_id)

    job = finished(committed, job_id)
    assert (job.inserted_rows, job.updated_rows, job.rejected_rows) == (5, 5, 0)
    assert flight_count(committed) == 15


def test_a_chunks_flights_commit_only_with_its_progress(committed, monkeypatch):
    job_id = store_job(committed, flights_csv(10))
    real_copy = writer._copy_new_flights

    def copy_then_die(*args, **kwargs):
        real_copy(*args, **kwargs)
        raise ConnectionError("worker died")

    monkeypatch.setattr(writer, "_copy_new_flights", copy_then_die)
    with pytest.raises(ConnectionError):
        run_import(job_id=job_id)

    assert flight_count(committed) == 0
    assert finished(committed, job_id).processed_rows == 0


def test_new_flights_get_time_ordered_ids_in_key_order(committed):
    run_import(job_id=store_job(committed, flights_csv(30)))

    flights = committed.exec(select(Flight)).all()
    assert {flight.id.version for flight in flights} == {7}
    by_key = sorted(flights, key=lambda f: (f.flight_number.encode(), f.departure_ts))
    assert [f.id for f in by_key] == sorted(f.id for f in flights)


def test_update_keeps_sold_seats_and_never_drops_total_below_them(committed):
    flight = make_flight(committed, seats=100, sold=60, flight_number="QF1")
    when = flight.departure_ts.isoformat()
    arrival = flight.arrival_ts.isoformat()

    def row(total: int) -> str:
        return f"QF1,{flight.source},{flight.destination},{when},{arrival},{total},{total},150.00"

    lower = store_job(committed, f"{HEADER}\n{row(50)}\n".encode())
    run_import(job_id=lower)
    job = finished(committed, lower)
    assert job.rejected_rows == 1
    assert job.updated_rows == 0
    assert (
        job.errors[0]["reason"]
        == "total_seats 50 is below the 60 seats already sold on this flight"
    )

    higher = store_job(committed, f"{HEADER}\n{row(120)}\n".encode())
    run_import(job_id=higher)
    assert finished(committed, higher).updated_rows == 1
    committed.refresh(flight)
    # The file says every seat is available; the seats sold elsewhere (and any booked) stay sold.
    assert (flight.total_seats, flight.available_seats) == (120, 60)
    assert flight.seats_sold_outside == 60
    assert str(flight.price) == "150.00"


def test_dry_run_validates_and_counts_but_writes_no_flight(committed):
    make_flight(committed, seats=100, sold=90, flight_number="QF2")
    job_id = store_job(committed, flights_csv(20) + b"XX,LHR,JFK,,,1,1,1\n", dry_run=True)
    run_import(job_id=job_id)
    job = finished(committed, job_id)
    assert job.status == ImportStatus.SUCCEEDED
    assert (job.inserted_rows, job.updated_rows, job.rejected_rows) == (20, 0, 1)
    assert flight_count(committed) == 1


def test_an_interrupted_job_resumes_after_its_last_committed_chunk(committed, monkeypatch):
    monkeypatch.setattr(settings, "import_chunk_rows", 10)
    job_id = store_job(committed, flights_csv(45) + flight_row(3).encode() + b"\n")
    real_write = job_module.write_chunk
    calls = 0

    def crash_on_third_chunk(*args, **kwargs):
        nonlocal calls
        calls += 1
        if calls == 3:
            raise ConnectionError("worker died")
        return real_write(*args, **kwargs)

    monkeypatch.setattr(job_module, "write_chunk", crash_on_third_chunk)
    with pytest.raises(ConnectionError):
        run_import(job_id=job_id)
    job = finished(committed, job_id)
    assert (job.status, job.processed_rows, job.inserted_rows) == (ImportStatus.RUNNING, 20, 20)

    run_import(job_id=job_id)

    job = finished(committed, job_id)
    assert job.status == ImportStatus.SUCCEEDED
    assert (job.inserted_rows, job.updated_rows, job.rejected_rows) == (45, 0, 1)
    assert job.errors[0]["reason"] == "duplicate of line 5: the same flight_number and departure_ts"
    assert flight_count(committed) == 45


def test_a_finished_job_delivered_again_does_nothing(committed):
    job_id = store_job(committed, flights_csv(5))
    run_import(job_id=job_id)
    before = finished(committed, job_id).model_dump()
    run_import(job_id=job_id)
    assert finished(committed, job_id).model_dump() == before


def test_a_job_is_hidden_from_other_non_admin_users(committed):
    owner, other = make_user(committed), make_user(committed)
    admin = make_user(committed, admin=True)
    job = upload.create_job(committed, created_by=owner.id, filename="f.csv", dry_run=False)
    committed.commit()
    assert get_job(committed, job_id=job.id, user=owner).id == job.id
    assert get_job(committed, job_id=job.id, user=admin).id == job.id
    with pytest.raises(NotFound):
        get_job(committed, job_id=job.id, user=other)


def test_reimporting_the_file_corrects_prices_stored_without_their_cents(committed):
    """Installations that imported a file before prices kept their cents (349.99 stored as
    349.00): importing the same file again corrects every such price, counted as updated."""
    rows = [flight_row(i, price=price) for i, price in enumerate(["349.99", "74.45", "120.00"])]
    data = ("\n".join([HEADER, *rows]) + "\n").encode()
    run_import(job_id=store_job(committed, data))
    committed.execute(text("UPDATE flights SET price = trunc(price)"))  # as the old import did
    committed.commit()

    again = store_job(committed, data)
    run_import(job_id=again)

    job = finished(committed, again)
    assert (job.inserted_rows, job.updated_rows, job.rejected_rows) == (0, 3, 0)
    prices = committed.exec(select(Flight.price).order_by(Flight.departure_ts)).all()
    assert [str(p) for p in prices] == ["349.99", "74.45", "120.00"]
