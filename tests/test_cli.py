import subprocess
import sys

from sqlmodel import select

from core.models import User
from core.security import verify_password
from tests.factories import make_user
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
    from sqlalchemy import text

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
