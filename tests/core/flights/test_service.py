import random
import threading
from concurrent.futures import ThreadPoolExecutor

from sqlmodel import Session, func, select

from core.bookings.allocation import decide_pending, has_pending
from core.bookings.models import SOLD_OUT, Booking, BookingStatus
from core.db import get_engine, session_scope
from core.errors import Conflict
from core.flights.schemas import FlightUpdate
from core.flights.service import update_flight
from tests.factories import make_booking, make_flight, make_user


def test_seat_edits_racing_allocations_never_lose_a_sold_seat(committed):
    """The allocator (`decide_pending`, from several threads) deciding 300 one-seat bookings
    while admins keep changing total_seats: the seats of confirmed bookings always equal
    total - available - seats sold elsewhere, total never drops below the seats sold, and every
    booking is decided."""
    flight = make_flight(committed, seats=100, sold=10)
    user = make_user(committed)
    for _ in range(300):
        make_booking(committed, user=user, flight=flight)
    flight_id = flight.id
    start = threading.Barrier(6)

    def allocate(_: int) -> None:
        start.wait()
        while True:
            with session_scope() as db:
                if not has_pending(db, flight_id=flight_id):
                    return
                decide_pending(db, flight_id=flight_id, limit=3)

    def edit(seed: int) -> int:
        start.wait()
        rng, refused = random.Random(seed), 0
        for _ in range(40):
            with Session(get_engine()) as db:
                try:
                    update_flight(
                        db,
                        flight_id=flight_id,
                        changes=FlightUpdate(total_seats=rng.randint(1, 150)),
                    )
                    db.commit()
                except Conflict:  # fewer seats than were sold by then: refused, as it must be
                    db.rollback()
                    refused += 1
        return refused

    with ThreadPoolExecutor(6) as pool:
        edits = [pool.submit(edit, seed) for seed in range(2)]
        for allocator in [pool.submit(allocate, n) for n in range(4)]:
            allocator.result()
        refused = sum(e.result() for e in edits)

    committed.refresh(flight)
    outcomes = dict(
        committed.exec(
            select(Booking.status, func.count())
            .where(Booking.flight_id == flight_id)
            .group_by(Booking.status)
        ).all()
    )
    confirmed = outcomes.get(BookingStatus.CONFIRMED, 0)
    assert 0 < confirmed < 300
    assert confirmed + outcomes.get(BookingStatus.FAILED, 0) == 300
    assert refused > 0  # the race was real: some edits came after seats were sold
    assert flight.seats_sold_outside == 10
    assert flight.total_seats - flight.available_seats - flight.seats_sold_outside == confirmed
    assert 0 <= flight.available_seats <= flight.total_seats
    reasons = committed.exec(
        select(Booking.failure_reason).where(
            Booking.flight_id == flight_id, Booking.status == BookingStatus.FAILED
        )
    ).all()
    assert set(reasons) == {SOLD_OUT}
