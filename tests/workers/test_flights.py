"""Settling a cancelled flight: its PENDING bookings fail, its CONFIRMED ones are cancelled."""

import time
from concurrent.futures import ThreadPoolExecutor

from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlmodel import Session, select

from api.main import app
from core.bookings import FLIGHT_CANCELLED
from core.db import engine
from core.flights import cancel_flight, settle_cancelled_flight
from core.models import Booking, BookingStatus, Flight, FlightStatus
from tests.factories import auth_headers, make_flight, make_user
from workers.flights import settle_cancellation


def insert_booking(
    session: Session, *, flight: Flight, user_id, seats: int, status: str
) -> Booking:
    """A booking row as the booking pipeline leaves it (a CONFIRMED one holds its seats)."""
    booking = Booking(
        user_id=user_id,
        flight_id=flight.id,
        seats=seats,
        status=status,
        unit_price=flight.price,
        total_price=flight.price * seats,
    )
    session.add(booking)
    if status == BookingStatus.CONFIRMED:
        flight.available_seats -= seats
    session.commit()
    return booking


def book_some(session: Session, flight: Flight) -> list[Booking]:
    user = make_user(session)
    return [
        insert_booking(session, flight=flight, user_id=user.id, seats=2, status="PENDING"),
        insert_booking(session, flight=flight, user_id=user.id, seats=3, status="CONFIRMED"),
        insert_booking(session, flight=flight, user_id=user.id, seats=1, status="CONFIRMED"),
        insert_booking(session, flight=flight, user_id=user.id, seats=4, status="FAILED"),
    ]


def statuses(session: Session, bookings: list[Booking]) -> list[tuple[str, str | None]]:
    result = []
    for booking in bookings:
        session.refresh(booking)
        result.append((booking.status, booking.failure_reason))
    return result


def test_settling_fails_pending_cancels_confirmed_and_returns_seats(session):
    flight = make_flight(session, seats=20)
    bookings = book_some(session, flight)
    assert flight.available_seats == 16
    cancel_flight(session, flight_id=flight.id)
    settlement = settle_cancelled_flight(session, flight_id=flight.id)
    assert (settlement.failed, settlement.cancelled, settlement.seats_returned) == (1, 2, 4)
    assert statuses(session, bookings) == [
        ("FAILED", FLIGHT_CANCELLED),
        ("CANCELLED", FLIGHT_CANCELLED),
        ("CANCELLED", FLIGHT_CANCELLED),
        ("FAILED", None),
    ]
    session.refresh(flight)
    assert flight.available_seats == 20
    assert bookings[0].decided_at is not None


def test_settling_twice_changes_nothing_more(session):
    flight = make_flight(session, seats=20)
    book_some(session, flight)
    cancel_flight(session, flight_id=flight.id)
    settle_cancelled_flight(session, flight_id=flight.id)
    session.refresh(flight)
    version = flight.version
    again = settle_cancelled_flight(session, flight_id=flight.id)
    assert (again.failed, again.cancelled, again.seats_returned) == (0, 0, 0)
    session.refresh(flight)
    assert (flight.available_seats, flight.version) == (20, version)


def test_settling_a_scheduled_or_missing_flight_does_nothing(session):
    flight = make_flight(session, seats=20)
    bookings = book_some(session, flight)
    settle_cancelled_flight(session, flight_id=flight.id)
    assert [status for status, _ in statuses(session, bookings)] == [
        "PENDING",
        "CONFIRMED",
        "CONFIRMED",
        "FAILED",
    ]
    missing = settle_cancelled_flight(session, flight_id=bookings[0].id)
    assert missing.failed == 0


def wait_until(check, *, timeout: float = 30, worker=None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.05)
    raise AssertionError(f"not settled after {timeout}s:\n{worker.output() if worker else ''}")


def unsettled(flight_id) -> int:
    with Session(engine) as db:
        return len(
            db.exec(
                select(Booking).where(
                    Booking.flight_id == flight_id,
                    Booking.status.in_([BookingStatus.PENDING, BookingStatus.CONFIRMED]),  # type: ignore[attr-defined]
                )
            ).all()
        )


def test_admin_cancel_settles_bookings_through_a_real_worker(committed, worker):
    admin = make_user(committed, is_admin=True)
    flight = make_flight(committed, seats=20)
    bookings = book_some(committed, flight)
    with TestClient(app) as api:
        answer = api.post(f"/admin/flights/{flight.id}/cancel", headers=auth_headers(admin))
    assert answer.status_code == 202
    assert answer.json()["status"] == FlightStatus.CANCELLED
    wait_until(lambda: unsettled(flight.id) == 0, worker=worker)
    assert statuses(committed, bookings) == [
        ("FAILED", FLIGHT_CANCELLED),
        ("CANCELLED", FLIGHT_CANCELLED),
        ("CANCELLED", FLIGHT_CANCELLED),
        ("FAILED", None),
    ]
    committed.refresh(flight)
    assert flight.available_seats == 20
    # A redelivered message finds nothing left to do.
    version = flight.version
    settle_cancellation.send(str(flight.id))
    marker = make_flight(committed, seats=5)
    committed.execute(
        text("UPDATE flights SET status = 'CANCELLED' WHERE id = :id"), {"id": marker.id}
    )
    committed.commit()
    user = make_user(committed)
    probe = insert_booking(committed, flight=marker, user_id=user.id, seats=1, status="PENDING")
    settle_cancellation.send(str(marker.id))  # queued after the redelivery: done means both ran
    wait_until(lambda: unsettled(marker.id) == 0, worker=worker)
    committed.refresh(flight)
    assert (flight.available_seats, flight.version) == (20, version)
    assert statuses(committed, [probe]) == [("FAILED", FLIGHT_CANCELLED)]


ALLOCATE = text(
    """
    WITH decided AS (
        SELECT id, seats FROM bookings WHERE id = :booking AND status = 'PENDING' FOR UPDATE
    ), taken AS (
        UPDATE flights SET available_seats = available_seats - (SELECT seats FROM decided),
               version = version + 1
        WHERE id = :flight AND status = 'SCHEDULED'
          AND available_seats >= (SELECT seats FROM decided)
        RETURNING id
    )
    UPDATE bookings SET status = CASE WHEN EXISTS (SELECT 1 FROM taken) THEN 'CONFIRMED'
                                      ELSE 'FAILED' END,
           failure_reason = CASE WHEN EXISTS (SELECT 1 FROM taken) THEN NULL
                                 ELSE 'flight cancelled' END,
           decided_at = now()
    WHERE id IN (SELECT id FROM decided)
    """
)


def test_cancel_racing_allocations_leaves_no_seat_held(committed, worker):
    """Allocations in the contract's form (conditional UPDATE with status = 'SCHEDULED') running
    while the flight is cancelled: whatever interleaving, every booking ends FAILED or CANCELLED
    and every seat is back."""
    admin = make_user(committed, is_admin=True)
    user = make_user(committed)
    flight = make_flight(committed, seats=500, price="10.00")
    pending = [
        insert_booking(committed, flight=flight, user_id=user.id, seats=1 + n % 3, status="PENDING")
        for n in range(120)
    ]

    flight_id, booking_ids = flight.id, [booking.id for booking in pending]

    def allocate(booking_id) -> None:
        with engine.begin() as conn:
            conn.execute(ALLOCATE, {"booking": booking_id, "flight": flight_id})

    with ThreadPoolExecutor(8) as pool, TestClient(app) as api:
        first = [pool.submit(allocate, booking_id) for booking_id in booking_ids[:60]]
        cancel = pool.submit(
            api.post, f"/admin/flights/{flight_id}/cancel", headers=auth_headers(admin)
        )
        rest = [pool.submit(allocate, booking_id) for booking_id in booking_ids[60:]]
        for result in [*first, *rest]:
            result.result()
        assert cancel.result().status_code == 202
    # Allocations that ran after the settlement failed on their own ("flight cancelled").
    wait_until(lambda: unsettled(flight_id) == 0, worker=worker)
    committed.refresh(flight)
    assert flight.available_seats == flight.total_seats == 500
    final = statuses(committed, pending)
    assert {status for status, _ in final} <= {BookingStatus.FAILED, BookingStatus.CANCELLED}
    assert {reason for _, reason in final} == {FLIGHT_CANCELLED}


def test_settling_skips_a_booking_another_transaction_holds_and_says_so(committed):
    """An allocation holding its booking row while waiting for the flight row must not deadlock
    with the settlement, which holds the flight row: the settlement leaves that booking."""
    flight = make_flight(committed, seats=20)
    user = make_user(committed)
    held = insert_booking(committed, flight=flight, user_id=user.id, seats=2, status="PENDING")
    other = insert_booking(committed, flight=flight, user_id=user.id, seats=3, status="CONFIRMED")
    flight_id, held_id = flight.id, held.id
    with Session(engine) as db:
        cancel_flight(db, flight_id=flight_id)
        db.commit()
    with engine.connect() as holder:
        holder.begin()
        holder.execute(text("SELECT 1 FROM bookings WHERE id = :id FOR UPDATE"), {"id": held_id})
        with Session(engine) as db:
            first = settle_cancelled_flight(db, flight_id=flight_id)
            db.commit()
        holder.rollback()
    assert (first.failed, first.cancelled, first.seats_returned, first.left) == (0, 1, 3, 1)
    with Session(engine) as db:
        second = settle_cancelled_flight(db, flight_id=flight_id)
        db.commit()
    assert (second.failed, second.cancelled, second.left) == (1, 0, 0)
    assert statuses(committed, [held, other]) == [
        ("FAILED", FLIGHT_CANCELLED),
        ("CANCELLED", FLIGHT_CANCELLED),
    ]
    committed.refresh(flight)
    assert flight.available_seats == 20
