"""The per-flight "an allocate message is waiting" marker, step by step: what a booking recorded
at each moment of a worker's run does, a send that fails, and a marker whose message was lost.

Each test records bookings as the API does (`record_booking`, then commit: the message goes out
after the commit, through `core.dispatch`), runs the queued messages with an in-process Dramatiq
worker on the suite's Redis, and requires that every booking is decided: no booking may be left
PENDING behind a marker with no message.
"""

import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import dramatiq
import pytest
import redis
from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlmodel import Session, col, select

from api.main import app
from core import dispatch
from core.bookings.allocation import allocation_key, decide_pending
from core.bookings.models import Booking, BookingStatus
from core.bookings.service import record_booking
from core.flights.models import Flight
from core.redis import get_redis
from tests.factories import auth_headers, make_flight, make_user
from workers.bookings import allocate_seats, sweep_bookings
from workers.broker import broker

QUEUE = "skyqueue:bookings.msgs"


def queued() -> int:
    """Messages waiting on (or held from) the bookings queue."""
    return get_redis().hlen(QUEUE)


def run_queued() -> None:
    """Process every queued booking message with a real Dramatiq worker, then stop it."""
    worker = dramatiq.Worker(broker, worker_threads=1, worker_timeout=50)
    worker.start()
    try:
        broker.join("bookings", timeout=30_000)
        worker.join()
    finally:
        worker.stop()


def record(session: Session, flight: Flight) -> Booking:
    """A booking recorded as the API records one: its message is sent once it commits."""
    user = make_user(session)
    booking = record_booking(session, user_id=user.id, flight_id=flight.id, seats=1).booking
    session.commit()
    return booking


def waiting(flight: Flight) -> bool:
    return dispatch.is_waiting(allocation_key(flight.id))


def status_of(session: Session, booking: Booking) -> str:
    """Its status as stored now (the booking `record_booking` answers is not in a session)."""
    return str(session.scalar(select(col(Booking.status)).where(col(Booking.id) == booking.id)))


@pytest.fixture
def flight(committed: Session) -> Iterator[Flight]:
    flight = make_flight(committed, seats=10)
    yield flight
    assert not waiting(flight), "marker left set"


def test_a_booking_recorded_while_a_message_waits_sends_none_and_is_decided_by_it(
    committed, flight
):
    first = record(committed, flight)
    assert queued() == 1
    second = record(committed, flight)
    assert queued() == 1  # the waiting message will read the flight's queue, second included

    run_queued()

    assert status_of(committed, first) == status_of(committed, second) == BookingStatus.CONFIRMED


@pytest.mark.parametrize("moment", ["after the marker is cleared", "after the queue is read"])
def test_a_booking_recorded_while_the_worker_runs_is_never_stranded(
    committed, flight, monkeypatch, moment
):
    """The worker clears the marker before it reads the flight's pending bookings. A booking
    recorded just after the clear finds no marker and sends a message of its own (and may
    already be decided by the running batch); one recorded after the read does the same and is
    decided by that message. Clearing the marker after the read instead would strand it."""
    first = record(committed, flight)
    before = queued()  # the first booking's message
    late: list[Booking] = []

    def record_late() -> None:
        late.append(record(committed, flight))

    if moment == "after the marker is cleared":
        real_release = dispatch.release

        def release(key: str) -> None:
            real_release(key)
            record_late()

        monkeypatch.setattr(dispatch, "release", release)
    else:

        def decide(*args, **kwargs):
            decided = decide_pending(*args, **kwargs)
            record_late()
            return decided

        monkeypatch.setattr("workers.bookings.decide_pending", decide)

    allocate_seats(str(first.id))  # the first booking's message, as a worker runs it
    monkeypatch.undo()
    assert status_of(committed, first) == BookingStatus.CONFIRMED
    assert queued() == before + 1  # the late booking sent its own message
    run_queued()
    assert status_of(committed, late[0]) == BookingStatus.CONFIRMED


@pytest.mark.parametrize(
    "error",
    [redis.ConnectionError("Redis went away"), RuntimeError("a middleware failed")],
    ids=["redis-down", "any-other-error"],
)
def test_a_failed_send_answers_202_and_takes_its_marker_back(committed, flight, monkeypatch, error):
    traveller = make_user(committed)

    def fail(*args, **kwargs):
        raise error

    monkeypatch.setattr(dispatch.get_broker(), "enqueue", fail)
    with TestClient(app) as api:
        answer = api.post(
            "/api/v1/bookings",
            json={"flight_id": str(flight.id), "seats": 2},
            headers=auth_headers(traveller),
        )
    assert answer.status_code == 202, answer.text
    assert answer.json()["status"] == BookingStatus.PENDING
    assert not waiting(flight)
    monkeypatch.undo()

    # The flight's next booking sends a message (no marker claims one is waiting), and that
    # message decides the first booking too.
    record(committed, flight)
    assert queued() == 1
    run_queued()
    first = committed.get_one(Booking, uuid.UUID(answer.json()["id"]))
    assert status_of(committed, first) == BookingStatus.CONFIRMED


def test_a_marker_whose_message_was_lost_is_cleared_by_the_sweep(committed, flight):
    booking = record(committed, flight)
    get_redis().delete(QUEUE, "skyqueue:bookings")  # the message is lost with Redis' data
    later = record(committed, flight)
    assert queued() == 0  # the marker still says a message waits: none is sent
    committed.execute(
        text("UPDATE bookings SET created_at = :at"),
        {"at": datetime.now(UTC) - timedelta(minutes=5)},
    )
    committed.commit()

    stale = sweep_bookings()

    assert stale.allocate == [booking.id]  # one message per flight decides its whole queue
    run_queued()
    assert status_of(committed, booking) == status_of(committed, later) == BookingStatus.CONFIRMED
