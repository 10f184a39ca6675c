"""The get_engine()'s session settings that the domain relies on."""

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from core.db import get_engine, make_engine
from tests.support import settings as test_settings

SHOW = text("SHOW transaction_isolation")


def test_sessions_run_read_committed_whatever_the_database_default(committed):
    """The allocation marker logic (`workers.bookings`) needs each statement to see the bookings
    committed before it: a database whose default is REPEATABLE READ must not change that."""
    name = make_url(test_settings.TEST_DB_URL).database
    with get_engine().connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text(f'ALTER DATABASE "{name}" SET default_transaction_isolation = '
                          "'repeatable read'"))  # fmt: skip
    plain = create_engine(test_settings.TEST_DB_URL)
    pinned = make_engine(test_settings.TEST_DB_URL)
    try:
        with plain.begin() as conn:
            assert conn.execute(SHOW).scalar_one() == "repeatable read"  # the default took hold
        with pinned.begin() as conn:
            assert conn.execute(SHOW).scalar_one() == "read committed"
        get_engine().dispose()  # the application's own get_engine(), on a new connection
        with get_engine().begin() as conn:
            assert conn.execute(SHOW).scalar_one() == "read committed"
    finally:
        plain.dispose()
        pinned.dispose()
        with get_engine().connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text(f'ALTER DATABASE "{name}" RESET default_transaction_isolation'))
        get_engine().dispose()
