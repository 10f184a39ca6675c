import subprocess
import sys
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import text
from sqlmodel import func, select

from core.flights.models import Flight
from core.users.models import User
from core.users.security import verify_password
from tests.factories import make_booking, make_flight, make_user
from tests.support.processes import ROOT


def cli(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "core.cli", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )


def test_create_admin_with_password_from_stdin(committed):
    result = cli("create-admin", "root_admin", "--password-stdin", stdin="a-long-pass-9\n")
    assert result.returncode == 0, result.stderr
    user = committed.exec(select(User).where(User.username == "root_admin")).one()
    assert user.is_admin
    assert verify_password("a-long-pass-9", user.hashed_password)


def test_create_admin_promotes_an_existing_user(committed):
    make_user(committed, username="promote_me")
    result = cli("create-admin", "promote_me")
    assert result.returncode == 0, result.stderr
    assert "now an administrator" in result.stdout
    committed.expire_all()
    assert committed.exec(select(User).where(User.username == "promote_me")).one().is_admin


def test_create_admin_refuses_a_weak_password(committed):
    result = cli("create-admin", "weakling", "--password-stdin", stdin="short\n")
    assert result.returncode != 0
    assert "at least 8 characters" in result.stderr
    assert committed.exec(select(User).where(User.username == "weakling")).first() is None


def test_the_seed_sql_way_still_makes_an_admin(committed):
    make_user(committed, username="sql_admin")
    committed.execute(text("UPDATE users SET is_admin = true WHERE username = 'sql_admin'"))
    committed.commit()
    assert committed.exec(select(User).where(User.username == "sql_admin")).one().is_admin


def test_load_flights_loads_the_seed_once(committed):
    first = cli("load-flights", "flights.csv", "--if-empty")
    assert first.returncode == 0, first.stderr
    assert "loaded 1000 flights" in first.stdout
    second = cli("load-flights", "flights.csv", "--if-empty")
    assert "already loaded" in second.stdout


def test_a_schedule_is_loaded_only_while_few_flights_are_still_to_depart(committed, tmp_path):
    make_flight(committed, departure=datetime.now(UTC) - timedelta(days=1))  # departed
    schedule = tmp_path / "schedule.csv"
    made = subprocess.run(
        [
            sys.executable,
            "scripts/generate_flights.py",
            "--count",
            "300",
            "--out",
            str(schedule),
            "--start-date",
            str(date.today() + timedelta(days=1)),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    assert "wrote 300 flights" in made.stdout
    loaded = cli("load-flights", str(schedule), "--if-fewer-to-depart", "100")
    assert "loaded 300 flights" in loaded.stdout, loaded.stdout + loaded.stderr
    again = cli("load-flights", str(schedule), "--if-fewer-to-depart", "300")
    assert "300 flights still to depart: none loaded" in again.stdout
    assert committed.exec(select(func.count()).select_from(Flight)).one() == 301


def test_check_invariants_holds_for_the_seed_with_its_seats_sold_elsewhere(committed):
    assert cli("load-flights", "flights.csv").returncode == 0
    sold_elsewhere = committed.exec(select(func.sum(Flight.seats_sold_outside))).one()
    assert sold_elsewhere > 0  # the seed's flights come with seats already sold

    result = cli("check-invariants")

    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == "invariants hold over 1000 flights"


@pytest.mark.breaks_invariant
def test_check_invariants_names_a_flight_that_lost_a_seat_behind_its_back(committed):
    user = make_user(committed)
    flight = make_flight(committed, seats=10, sold=2, flight_number="QZ42")
    booking = make_booking(committed, user=user, flight=flight, seats=3)
    committed.execute(
        text("UPDATE bookings SET status = 'CONFIRMED' WHERE id = :id"), {"id": booking.id}
    )
    committed.execute(
        text("UPDATE flights SET available_seats = 5 WHERE id = :id"), {"id": flight.id}
    )
    committed.commit()
    assert cli("check-invariants").returncode == 0  # 5 available + 2 elsewhere + 3 booked = 10

    committed.execute(
        text("UPDATE flights SET available_seats = 4 WHERE id = :id"), {"id": flight.id}
    )
    committed.commit()
    result = cli("check-invariants")

    assert result.returncode == 1
    assert f"flight QZ42 departing {flight.departure_ts.isoformat()}" in result.stdout
    expected = "total_seats 10 but available 4 + sold outside 2 + held or confirmed 3 = 9"
    assert expected in result.stdout


def test_check_invariants_fails_on_a_booking_left_pending(committed):
    flight = make_flight(committed)
    make_booking(
        committed,
        user=make_user(committed),
        flight=flight,
        created_at=datetime.now(UTC) - timedelta(minutes=5),
    )

    assert cli("check-invariants", "--undecided-after", "600").returncode == 0
    result = cli("check-invariants")
    assert result.returncode == 1
    assert "1 bookings are still PENDING" in result.stdout
    committed.execute(text("UPDATE bookings SET status = 'FAILED'"))
    committed.commit()
