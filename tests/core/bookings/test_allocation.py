"""The allocator, cancel, dead-letter and sweep logic as plain functions over a session."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import select

from core.bookings.allocation import decide_pending, fail_undecided
from core.bookings.cancellation import cancel_booking
from core.bookings.models import FLIGHT_CANCELLED, FLIGHT_DEPARTED, SOLD_OUT, Booking, BookingStatus
from core.bookings.service import record_booking
from core.bookings.sweep import stale_bookings
from core.errors import InvalidRequest
from core.flights.models import Flight, FlightStatus
from tests.factories import make_booking, make_flight, make_user


@pytest.fixture
def user(session):
    return make_user(session)


def statuses(session, bookings):
    for booking in bookings:
        session.refresh(booking)
    return [(b.status, b.failure_reason) for b in bookings]


def invariant_holds(session, flight: Flight) -> bool:
    session.refresh(flight)
    confirmed = session.exec(
        select(Booking.seats).where(
            Booking.flight_id == flight.id, Booking.status == BookingStatus.CONFIRMED
        )
    ).all()
    return flight.total_seats - flight.available_seats == sum(confirmed)


def test_pending_bookings_are_decided_first_come_first_served(session, user):
    flight = make_flight(session, seats=5)
    bookings = [make_booking(session, user=user, flight=flight, seats=n) for n in (3, 3, 1, 2, 1)]
    decided = decide_pending(session, flight_id=flight.id, limit=100)
    assert (decided.confirmed, decided.failed, decided.seats_taken) == (3, 2, 5)
    assert statuses(session, bookings) == [
        ("CONFIRMED", None),
        ("FAILED", SOLD_OUT),  # 3 > 2 left
        ("CONFIRMED", None),
        ("FAILED", SOLD_OUT),  # 2 > 1 left: a later 2 never beats this earlier refusal
        ("CONFIRMED", None),
    ]
    assert invariant_holds(session, flight)
    assert flight.available_seats == 0
    assert flight.version == 2  # one conditional UPDATE for the whole batch


def test_batch_size_bounds_one_transaction_and_the_rest_waits_in_order(session, user):
    flight = make_flight(session, seats=50)
    bookings = [make_booking(session, user=user, flight=flight) for _ in range(5)]
    assert decide_pending(session, flight_id=flight.id, limit=2).total == 2
    assert [s for s, _ in statuses(session, bookings)] == ["CONFIRMED"] * 2 + ["PENDING"] * 3
    assert decide_pending(session, flight_id=flight.id, limit=2).total == 2
    assert decide_pending(session, flight_id=flight.id, limit=2).total == 1
    assert decide_pending(session, flight_id=flight.id, limit=2).total == 0
    assert invariant_holds(session, flight)


def test_deciding_again_changes_nothing(session, user):
    flight = make_flight(session, seats=5)
    booking = make_booking(session, user=user, flight=flight, seats=2)
    decide_pending(session, flight_id=flight.id, limit=10)
    session.refresh(flight)
    session.refresh(booking)
    before = (flight.available_seats, flight.version, booking.status, booking.decided_at)
    assert decide_pending(session, flight_id=flight.id, limit=10).total == 0
    session.refresh(flight)
    session.refresh(booking)
    assert (flight.available_seats, flight.version, booking.status, booking.decided_at) == before


def test_booking_on_a_cancelled_flight_fails_with_reason(session, user):
    flight = make_flight(session, seats=5)
    booking = make_booking(session, user=user, flight=flight)
    flight.status = FlightStatus.CANCELLED
    session.add(flight)
    session.commit()
    decide_pending(session, flight_id=flight.id, limit=10)
    assert statuses(session, [booking]) == [("FAILED", FLIGHT_CANCELLED)]
    assert flight.available_seats == 5


def test_booking_on_a_departed_flight_fails_with_reason(session, user):
    flight = make_flight(session, seats=5)
    booking = make_booking(session, user=user, flight=flight)
    flight.departure_ts = datetime.now(UTC) - timedelta(minutes=5)
    flight.arrival_ts = flight.departure_ts + timedelta(hours=2)
    session.add(flight)
    session.commit()
    decide_pending(session, flight_id=flight.id, limit=10)
    assert statuses(session, [booking]) == [("FAILED", FLIGHT_DEPARTED)]
    session.refresh(flight)
    assert flight.available_seats == 5


def test_pending_booking_cancelled_before_its_turn_takes_no_seats(session, user):
    flight = make_flight(session, seats=5)
    booking = make_booking(session, user=user, flight=flight, seats=3)
    booking.cancel_requested_at = datetime.now(UTC)
    session.add(booking)
    session.commit()
    assert decide_pending(session, flight_id=flight.id, limit=10).cancelled == 1
    assert statuses(session, [booking]) == [("CANCELLED", None)]
    session.refresh(flight)
    assert flight.available_seats == 5
    assert cancel_booking(session, booking_id=booking.id) == 0  # its cancel message: a no-op


def test_cancelling_a_pending_booking_first_leaves_nothing_to_allocate(session, user):
    flight = make_flight(session, seats=5)
    booking = make_booking(session, user=user, flight=flight, seats=3)
    booking.cancel_requested_at = datetime.now(UTC)
    session.add(booking)
    session.commit()
    assert cancel_booking(session, booking_id=booking.id) == 0
    assert statuses(session, [booking]) == [("CANCELLED", None)]
    assert decide_pending(session, flight_id=flight.id, limit=10).total == 0
    session.refresh(flight)
    assert flight.available_seats == 5


def test_cancelling_a_confirmed_booking_returns_its_seats_once(session, user):
    flight = make_flight(session, seats=5)
    booking = make_booking(session, user=user, flight=flight, seats=3)
    decide_pending(session, flight_id=flight.id, limit=10)
    session.refresh(flight)
    assert flight.available_seats == 2
    session.refresh(booking)
    booking.cancel_requested_at = datetime.now(UTC)
    session.add(booking)
    session.commit()
    assert cancel_booking(session, booking_id=booking.id) == 3
    assert cancel_booking(session, booking_id=booking.id) == 0
    assert statuses(session, [booking]) == [("CANCELLED", None)]
    session.refresh(flight)
    assert flight.available_seats == 5
    assert invariant_holds(session, flight)


def test_cancel_without_a_request_does_nothing(session, user):
    flight = make_flight(session, seats=5)
    booking = make_booking(session, user=user, flight=flight, seats=3)
    decide_pending(session, flight_id=flight.id, limit=10)
    assert cancel_booking(session, booking_id=booking.id) == 0
    assert statuses(session, [booking]) == [("CONFIRMED", None)]


def test_dead_letter_fails_only_an_undecided_booking(session, user):
    flight = make_flight(session, seats=5)
    decided = make_booking(session, user=user, flight=flight)
    decide_pending(session, flight_id=flight.id, limit=10)
    pending = make_booking(session, user=user, flight=flight)
    assert fail_undecided(session, booking_id=pending.id, reason="could not be processed")
    assert not fail_undecided(session, booking_id=decided.id, reason="could not be processed")
    assert statuses(session, [decided, pending]) == [
        ("CONFIRMED", None),
        ("FAILED", "could not be processed"),
    ]


@pytest.mark.parametrize("seats", [0, 10])
def test_recording_refuses_seats_outside_one_to_nine(session, user, seats):
    flight = make_flight(session)
    with pytest.raises(InvalidRequest, match="1 to 9 seats"):
        record_booking(session, user_id=user.id, flight_id=flight.id, seats=seats)


def test_sweep_finds_each_flight_with_stale_pending_bookings_and_stale_cancels(session, user):
    old = datetime.now(UTC) - timedelta(minutes=5)
    hot, quiet, fresh = (make_flight(session, seats=9) for _ in range(3))
    oldest = make_booking(session, user=user, flight=hot, created_at=old)
    make_booking(session, user=user, flight=hot, created_at=old)
    other = make_booking(session, user=user, flight=quiet, created_at=old)
    confirmed = make_booking(session, user=user, flight=fresh, created_at=old)
    decide_pending(session, flight_id=fresh.id, limit=1)
    make_booking(session, user=user, flight=fresh)
    session.refresh(confirmed)
    confirmed.cancel_requested_at = old
    session.add(confirmed)
    session.commit()

    stale = stale_bookings(session, older_than=timedelta(minutes=1))
    assert sorted(stale.allocate) == sorted([oldest.id, other.id])
    assert stale.cancel == [confirmed.id]
