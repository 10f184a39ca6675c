import random
from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import text
from sqlmodel import Session

from core.db import engine
from core.errors import Conflict
from core.flights import update_flight
from core.models import FlightUpdate
from tests.factories import make_flight

TAKE_ONE_SEAT = text(
    "UPDATE flights SET available_seats = available_seats - 1, version = version + 1 "
    "WHERE id = :id AND status = 'SCHEDULED' AND available_seats >= 1"
)


def test_seat_edits_racing_allocations_never_lose_a_sold_seat(committed):
    """Allocations (the contract's conditional UPDATE) and admin edits of total_seats at once:
    seats sold always equal total - available, and total never drops below them."""
    flight = make_flight(committed, seats=100)
    flight_id = flight.id

    def allocate(_: int) -> int:
        with engine.begin() as conn:
            return conn.execute(TAKE_ONE_SEAT, {"id": flight_id}).rowcount

    def edit(seed: int) -> None:
        rng = random.Random(seed)
        for _ in range(30):
            with Session(engine) as db:
                try:
                    update_flight(
                        db,
                        flight_id=flight_id,
                        changes=FlightUpdate(total_seats=rng.randint(1, 150)),
                    )
                    db.commit()
                except Conflict:  # fewer seats than were sold by then: refused, as it must be
                    db.rollback()

    with ThreadPoolExecutor(8) as pool:
        edits = [pool.submit(edit, seed) for seed in range(2)]
        sold = sum(pool.map(allocate, range(300)))
        for e in edits:
            e.result()
    committed.refresh(flight)
    assert 0 < sold <= 300
    assert flight.total_seats - flight.available_seats == sold
    assert 0 <= flight.available_seats <= flight.total_seats
