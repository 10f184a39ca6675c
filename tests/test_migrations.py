"""The schema is Alembic's: up from empty, down to nothing, and its constraints hold."""

import uuid
from collections.abc import Iterator

import pytest
from alembic import command
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.exc import IntegrityError

from tests.support import settings as test_settings
from tests.support.scratch_db import alembic_config, scratch_database

TABLES = {"users", "flights", "bookings", "import_jobs", "import_file_chunks", "import_rejections",
          "orders", "passengers", "tickets", "cancellation_quotes"}  # fmt: skip


@pytest.fixture
def empty_database() -> Iterator[str]:
    url = test_settings.TEST_DB_URL.rsplit("/", 1)[0] + f"/{test_settings.TEST_DB_NAME}_mig"
    with scratch_database(url, migrate=False):
        yield url


def table_names(url: str) -> set[str]:
    engine = create_engine(url)
    try:
        return set(inspect(engine).get_table_names()) - {"alembic_version"}
    finally:
        engine.dispose()


def test_upgrade_creates_and_downgrade_removes_every_table(empty_database):
    config = alembic_config(empty_database)
    command.upgrade(config, "head")
    assert table_names(empty_database) == TABLES
    command.downgrade(config, "base")
    assert table_names(empty_database) == set()
    command.upgrade(config, "head")
    assert table_names(empty_database) == TABLES


def test_search_index_and_unique_keys_exist(session):
    inspector = inspect(session.connection())
    indexes = {i["name"]: i["column_names"] for i in inspector.get_indexes("flights")}
    assert indexes["ix_flights_route_departure"] == ["source", "destination", "departure_ts"]
    uniques = {tuple(u["column_names"]) for u in inspector.get_unique_constraints("flights")}
    assert ("flight_number", "departure_ts") in uniques
    uniques = {tuple(u["column_names"]) for u in inspector.get_unique_constraints("bookings")}
    assert ("user_id", "idempotency_key") in uniques


def test_admin_listing_indexes_exist(session):
    inspector = inspect(session.connection())
    indexes = {i["name"]: i for i in inspector.get_indexes("bookings")}
    assert indexes["ix_bookings_created"]["column_names"] == ["created_at", "seq"]
    assert indexes["ix_bookings_flight_created"]["column_names"] == [
        "flight_id",
        "created_at",
        "seq",
    ]
    users = {i["name"]: i for i in inspector.get_indexes("users")}
    assert users["ux_users_username_lower"]["expressions"] == ["lower(username)"]
    assert users["ux_users_username_lower"]["unique"]


FLIGHT = (
    "INSERT INTO flights (id, flight_number, source, destination, departure_ts, arrival_ts, "
    "total_seats, available_seats, price) VALUES (:id, :number, 'LHR', :dst, "
    "'2030-01-01T10:00Z', '2030-01-01T18:00Z', :total, :available, 100)"
)


@pytest.mark.parametrize(
    ("dst", "total", "available"),
    [("JFK", 50, 51), ("JFK", 50, -1), ("JFK", 0, 0), ("LHR", 50, 50)],
    ids=["over-total", "negative", "no-seats", "same-airport"],
)
def test_flight_constraints_reject_impossible_rows(session, dst, total, available):
    params = {
        "id": uuid.uuid4(),
        "number": "BA1",
        "dst": dst,
        "total": total,
        "available": available,
    }
    with pytest.raises(IntegrityError):
        session.execute(text(FLIGHT), params)


def test_same_flight_number_and_departure_is_rejected(session):
    params = {"number": "BA2", "dst": "JFK", "total": 50, "available": 50}
    session.execute(text(FLIGHT), {"id": uuid.uuid4(), **params})
    with pytest.raises(IntegrityError):
        session.execute(text(FLIGHT), {"id": uuid.uuid4(), **params})


def test_seats_sold_outside_are_what_a_flight_sold_beyond_its_confirmed_bookings(empty_database):
    """Migration 0004 on a database with bookings: total 100, available 80, 5 seats confirmed
    and 3 pending means 15 seats were sold elsewhere."""
    config = alembic_config(empty_database)
    command.upgrade(config, "0003")
    engine = create_engine(empty_database)
    flight, user = uuid.uuid4(), uuid.uuid4()
    booking = (
        "INSERT INTO bookings (id, user_id, flight_id, seats, status, unit_price, total_price) "
        "VALUES (:id, :user, :flight, :seats, :status, 100, 100)"
    )
    try:
        with engine.begin() as conn:
            conn.execute(text(FLIGHT), {"id": flight, "number": "BA3", "dst": "JFK",
                                        "total": 100, "available": 80})  # fmt: skip
            conn.execute(
                text("INSERT INTO users (id, username, hashed_password) VALUES (:id, 'u', 'x')"),
                {"id": user},
            )
            for seats, status in ((5, "CONFIRMED"), (3, "PENDING"), (2, "CANCELLED")):
                conn.execute(text(booking), {"id": uuid.uuid4(), "user": user, "flight": flight,
                                             "seats": seats, "status": status})  # fmt: skip
        command.upgrade(config, "head")
        with engine.connect() as conn:
            sold = conn.execute(text("SELECT seats_sold_outside FROM flights")).scalar_one()
        assert sold == 15
    finally:
        engine.dispose()


def test_usernames_that_differ_only_in_case_stop_the_migration_with_their_names(empty_database):
    config = alembic_config(empty_database)
    command.upgrade(config, "0007")
    engine = create_engine(empty_database)
    add = text("INSERT INTO users (id, username, hashed_password) VALUES (:id, :name, 'x')")
    try:
        with engine.begin() as conn:
            for name in ("Alice_D", "alice_d", "bob"):
                conn.execute(add, {"id": uuid.uuid4(), "name": name})
        with pytest.raises(RuntimeError, match="Alice_D, alice_d"):
            command.upgrade(config, "head")
        with engine.begin() as conn:
            conn.execute(text("UPDATE users SET username = 'alice_d2' WHERE username = 'alice_d'"))
        command.upgrade(config, "head")
        with engine.begin() as conn, pytest.raises(IntegrityError):
            conn.execute(add, {"id": uuid.uuid4(), "name": "BOB"})
    finally:
        engine.dispose()
