"""Flight administration: create, list, edit and cancel flights, settle a cancellation, and find
cancellations whose settlement was lost.

Every function works inside the caller's transaction; the caller commits and then calls
`core.cache.invalidate_search_cache()` so that searches see the change at once.
"""

import uuid
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import func, text, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from core.airports import airport_timezone
from core.bookings import FLIGHT_CANCELLED
from core.errors import Conflict, DomainError, InvalidRequest, NotFound
from core.models import Flight, FlightCreate, FlightPublic, FlightStatus, FlightUpdate


class FlightNotFound(NotFound):
    def __init__(self, flight_id: uuid.UUID) -> None:
        super().__init__(f"there is no flight with id {flight_id}")


class DuplicateFlight(Conflict):
    def __init__(self, flight_number: str, departure_ts: object) -> None:
        super().__init__(
            f"flight {flight_number} departing at {departure_ts} already exists; "
            "edit that flight instead"
        )


def to_public(flight: Flight) -> FlightPublic:
    """The flight with each time at its airport's offset and the airports' zones, so that a
    client shows and edits local times without looking the zones up."""
    departure_zone = airport_timezone(flight.source)
    arrival_zone = airport_timezone(flight.destination)
    return FlightPublic.model_validate(
        {
            **flight.model_dump(),
            "departure_ts": flight.departure_ts.astimezone(departure_zone),
            "arrival_ts": flight.arrival_ts.astimezone(arrival_zone),
            "departure_tz": departure_zone.key,
            "arrival_tz": arrival_zone.key,
        }
    )


def create_flight(session: Session, *, data: FlightCreate) -> Flight:
    """Insert a new SCHEDULED flight; a flight with the same number and departure is a Conflict."""
    available = data.total_seats if data.available_seats is None else data.available_seats
    values = data.model_dump(exclude={"available_seats"}) | {
        "id": uuid.uuid4(),
        "available_seats": available,
        "seats_sold_outside": data.total_seats - available,
    }
    statement = (
        insert(Flight)
        .values(**values)
        .on_conflict_do_nothing(constraint="flights_number_departure_key")
        .returning(Flight)
    )
    flight = session.scalars(statement).one_or_none()
    if flight is None:
        raise DuplicateFlight(data.flight_number, data.departure_ts.isoformat())
    return flight


def get_flight(session: Session, *, flight_id: uuid.UUID) -> Flight:
    flight = session.get(Flight, flight_id)
    if flight is None:
        raise FlightNotFound(flight_id)
    return flight


def list_flights(
    session: Session,
    *,
    page: int,
    page_size: int,
    source: str | None = None,
    destination: str | None = None,
    flight_number: str | None = None,
    status: FlightStatus | None = None,
) -> tuple[list[Flight], int]:
    """A page of flights in departure order, and how many match the filters in all."""
    conditions = []
    if source:
        conditions.append(col(Flight.source) == source.upper())
    if destination:
        conditions.append(col(Flight.destination) == destination.upper())
    if flight_number:
        conditions.append(col(Flight.flight_number) == flight_number.strip().upper())
    if status:
        conditions.append(col(Flight.status) == status.value)
    count = session.exec(select(func.count()).select_from(Flight).where(*conditions)).one()
    rows = session.exec(
        select(Flight)
        .where(*conditions)
        .order_by(col(Flight.departure_ts), col(Flight.id))
        .offset((page - 1) * page_size)
        .limit(page_size)
    ).all()
    return list(rows), count


def update_flight(session: Session, *, flight_id: uuid.UUID, changes: FlightUpdate) -> Flight:
    """Apply an admin's edit in one conditional UPDATE.

    The seats already sold (`total_seats - available_seats`) are read and kept by the UPDATE
    itself, under its row lock, so a booking confirmed at the same moment is never lost:
    `available_seats` moves by the same amount as `total_seats`, and an UPDATE that would leave
    total seats below the seats sold, or arrival before departure, matches no row.
    """
    departure = func.coalesce(changes.departure_ts, Flight.departure_ts)
    arrival = func.coalesce(changes.arrival_ts, Flight.arrival_ts)
    values: dict[str, object] = {"version": Flight.version + 1, "updated_at": func.now()}
    conditions = [
        col(Flight.id) == flight_id,
        col(Flight.status) == FlightStatus.SCHEDULED.value,
        arrival > departure,
    ]
    if changes.departure_ts is not None:
        values["departure_ts"] = changes.departure_ts
    if changes.arrival_ts is not None:
        values["arrival_ts"] = changes.arrival_ts
    if changes.price is not None:
        values["price"] = changes.price
    if changes.total_seats is not None:
        values["total_seats"] = changes.total_seats
        values["available_seats"] = Flight.available_seats + (
            changes.total_seats - Flight.total_seats
        )
        conditions.append(
            col(Flight.total_seats) - col(Flight.available_seats) <= changes.total_seats
        )
    statement = update(Flight).where(*conditions).values(values).returning(Flight)
    try:
        with session.begin_nested():
            flight = session.scalars(
                statement, execution_options={"populate_existing": True}
            ).one_or_none()
    except IntegrityError as error:
        if "flights_number_departure_key" in str(error.orig):
            raise Conflict(
                "another flight with this flight number already departs at that time"
            ) from error
        raise
    if flight is None:
        raise _refusal(session, flight_id=flight_id, changes=changes)
    return flight


def _refusal(session: Session, *, flight_id: uuid.UUID, changes: FlightUpdate) -> DomainError:
    """The error that says why `update_flight` matched no row (FlightNotFound is raised)."""
    flight = get_flight(session, flight_id=flight_id)
    if flight.status != FlightStatus.SCHEDULED:
        return Conflict("this flight is cancelled and can no longer be edited")
    sold = flight.total_seats - flight.available_seats
    if changes.total_seats is not None and changes.total_seats < sold:
        return Conflict(
            f"total_seats cannot be {changes.total_seats}: {sold} seats are already sold"
        )
    departure = (changes.departure_ts or flight.departure_ts).isoformat()
    arrival = (changes.arrival_ts or flight.arrival_ts).isoformat()
    return InvalidRequest(
        f"arrival_ts must be after departure_ts (the flight would depart {departure} "
        f"and arrive {arrival})"
    )


def cancel_flight(session: Session, *, flight_id: uuid.UUID) -> Flight:
    """Mark a flight CANCELLED at once (the allocator refuses non-SCHEDULED flights).

    Its bookings are settled afterwards by `settle_cancelled_flight`, through the queue.
    Cancelling a cancelled flight changes nothing and is not an error.
    """
    statement = (
        update(Flight)
        .where(col(Flight.id) == flight_id, col(Flight.status) == FlightStatus.SCHEDULED.value)
        .values(
            status=FlightStatus.CANCELLED.value, version=Flight.version + 1, updated_at=func.now()
        )
        .returning(Flight)
    )
    flight = session.scalars(statement, execution_options={"populate_existing": True}).one_or_none()
    return flight or get_flight(session, flight_id=flight_id)


@dataclass(frozen=True)
class Settlement:
    failed: int
    cancelled: int
    seats_returned: int
    # Bookings left undecided because another transaction held them (see below).
    left: int


_SETTLE = text(
    """
    WITH settled AS (
        UPDATE bookings SET
            status = CASE status WHEN 'PENDING' THEN 'FAILED' ELSE 'CANCELLED' END,
            failure_reason = :reason,
            decided_at = CASE status WHEN 'PENDING' THEN now() ELSE decided_at END,
            updated_at = now()
        WHERE id IN (
            SELECT id FROM bookings
            WHERE flight_id = :id AND status IN ('PENDING', 'CONFIRMED')
            FOR UPDATE SKIP LOCKED
        )
        RETURNING status, seats
    )
    SELECT
        count(*) FILTER (WHERE status = 'FAILED'),
        count(*) FILTER (WHERE status = 'CANCELLED'),
        coalesce(sum(seats) FILTER (WHERE status = 'CANCELLED'), 0)
    FROM settled
    """
)


def settle_cancelled_flight(session: Session, *, flight_id: uuid.UUID) -> Settlement:
    """Fail a cancelled flight's PENDING bookings and cancel its CONFIRMED ones, returning seats.

    Runs under the flight row lock, the lock the allocator serialises on, so no booking can be
    confirmed in between. A second run (a redelivered message) finds nothing left to do.

    Booking rows are locked with SKIP LOCKED: a transaction holding a booking (an allocation
    or a traveller's cancel, which lock the booking and then the flight) would otherwise
    deadlock with this one, which holds the flight and then wants the booking. Such a holder
    decides its booking itself once this commits (the allocator fails bookings of a cancelled
    flight); `left` counts them so that the caller can check again shortly.
    """
    status = session.execute(
        text("SELECT status FROM flights WHERE id = :id FOR UPDATE"), {"id": flight_id}
    ).scalar_one_or_none()
    if status != FlightStatus.CANCELLED:
        return Settlement(failed=0, cancelled=0, seats_returned=0, left=0)
    failed, cancelled, seats = session.execute(
        _SETTLE, {"id": flight_id, "reason": FLIGHT_CANCELLED}
    ).one()
    if seats:
        session.execute(
            text(
                "UPDATE flights SET available_seats = available_seats + :seats, "
                "version = version + 1, updated_at = now() WHERE id = :id"
            ),
            {"id": flight_id, "seats": seats},
        )
    left = session.execute(
        text(
            "SELECT count(*) FROM bookings "
            "WHERE flight_id = :id AND status IN ('PENDING', 'CONFIRMED')"
        ),
        {"id": flight_id},
    ).scalar_one()
    return Settlement(failed=failed, cancelled=cancelled, seats_returned=seats, left=left)


_UNSETTLED = text(
    """
    SELECT f.id FROM flights f
    WHERE f.status = 'CANCELLED' AND f.updated_at < now() - make_interval(secs => :seconds)
      AND EXISTS (
          SELECT 1 FROM bookings b
          WHERE b.flight_id = f.id AND b.status IN ('PENDING', 'CONFIRMED')
      )
    ORDER BY f.updated_at
    """
)


def unsettled_cancellations(session: Session, *, older_than: timedelta) -> list[uuid.UUID]:
    """Flights cancelled (or last settled) more than `older_than` ago that still have PENDING or
    CONFIRMED bookings: their settlement message was lost, or never sent because Redis could
    not be reached, so the sweep sends it again.

    One index probe per cancelled flight: `ix_flights_cancelled` lists the cancelled flights,
    and `ix_bookings_live_by_flight` says whether each still has a booking to settle.
    """
    rows = session.execute(_UNSETTLED, {"seconds": older_than.total_seconds()})
    return [row.id for row in rows]
