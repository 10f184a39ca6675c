"""The database engine and sessions."""

import functools
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine
from sqlmodel import Session, create_engine

from core.config import settings

CONNECT_TIMEOUT_SECONDS = 3


def server_options() -> str:
    """Each connection's session settings (libpq `options`)."""
    return (
        f"-c statement_timeout={settings.db_statement_timeout_ms} "
        f"-c lock_timeout={settings.db_lock_timeout_ms} -c timezone=UTC"
    )


def make_engine(url: str = settings.database_url) -> Engine:
    return create_engine(
        url,
        # Pinned, whatever the server's default: the allocator's marker logic relies on each
        # statement seeing every booking committed before it started (`workers.bookings`).
        isolation_level="READ COMMITTED",
        # No ping before each checkout (a round trip per request): a connection the server has
        # dropped fails its statement instead, and SQLAlchemy then discards every connection
        # opened before, so a database restart costs the requests in flight a 503, not more.
        # Connections are renewed hourly all the same, ahead of any idle timeout on the way.
        pool_recycle=3600,
        # Every connection stays open once made: an overflow connection would be opened and
        # closed per request at a peak (the API lets no more requests in than this).
        pool_size=settings.db_pool_size,
        max_overflow=0,
        # A database host that drops packets rather than refusing would otherwise hold a request
        # for the system's TCP timeout (minutes): give up after a few seconds, answered 503.
        connect_args={"options": server_options(), "connect_timeout": CONNECT_TIMEOUT_SECONDS},
    )


@functools.cache
def get_engine() -> Engine:
    """The process's engine, built on first use (from DATABASE_URL as the settings read it)."""
    return make_engine()


@contextmanager
def session_scope() -> Iterator[Session]:
    """A session outside a request (actors, CLI): commits on success, rolls back on error."""
    with Session(get_engine()) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
