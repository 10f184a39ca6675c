"""Flight administration: create, read, list, edit and cancel flights.

Every function works inside the caller's transaction; the caller commits and then calls
`core.search.cache.invalidate_search_cache()` so that searches see the change at once. The
bookings of a cancelled flight are settled afterwards (`core.bookings.cancellation`).
"""

import uuid
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import func, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from core.dispatch import SETTLE_CANCELLATION, send_after_commit
from core.errors import Conflict, DomainError, InvalidRequest, NotFound
from core.flights.models import Flight, FlightStatus
from core.flights.schemas import FlightCreate, FlightPublic, FlightUpdate
from core.flights.times import ZONE_REACH, local_departure, local_times
from core.pagination import PageRequest
from core.search.airports import airport_timezone


class FlightNotFound(NotFound):
    def __init__(self, flight_id: uuid.UUID) -> None:
        super().__init__(f"there is no flight with id {flight_id}")


class DuplicateFlight(Conflict):
    def __init__(self, flight_number: str, departure: str) -> None:
        super().__init__(
            f"flight {flight_number} departing {departure} already exists; edit that flight instead"
        )


def departure_in_words(source: str, departure_ts: datetime) -> str:
    """ "Mon 1 Mar 2027 09:30 at LHR (UTC+00:00)": the airport's own time, as a person reads it."""
    local = departure_ts.astimezone(airport_timezone(source))
    offset = local.strftime("%z")
    return f"{local:%a} {local.day} {local:%b %Y %H:%M} at {source} (UTC{offset[:3]}:{offset[3:]})"


def to_public(flight: Flight) -> FlightPublic:
    """The flight with each time at its airport's offset and the airports' zones, so that a
    client shows and edits local times without looking the zones up."""
    times = local_times(flight)  # first: reading an attribute loads an expired (committed) row
    return FlightPublic.model_validate({**flight.model_dump(), **times})


def create_flight(session: Session, *, data: FlightCreate) -> Flight:
    """Insert a new SCHEDULED flight; a flight with the same number and departure is a Conflict,
    one that would have departed already is refused (an import may load past flights: history;
    a person adding one by hand means a flight to sell)."""
    if data.departure_ts <= datetime.now(UTC):
        when = departure_in_words(data.source, data.departure_ts)
        raise InvalidRequest(
            f"this flight would have departed already ({when}): give a departure in the future"
        )
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
        raise DuplicateFlight(
            data.flight_number, departure_in_words(data.source, data.departure_ts)
        )
    return flight


def get_flight(session: Session, *, flight_id: uuid.UUID) -> Flight:
    flight = session.get(Flight, flight_id)
    if flight is None:
        raise FlightNotFound(flight_id)
    return flight


# Day filters are clamped to where a UTC bound 14 hours either side still is a datetime.
EARLIEST, LATEST = date(1, 1, 2), date(9999, 12, 30)


def list_flights(
    session: Session,
    *,
    request: PageRequest,
    source: str | None = None,
    destination: str | None = None,
    flight_number: str | None = None,
    status: FlightStatus | None = None,
    departs_from: date | None = None,
    departs_until: date | None = None,
    latest_first: bool = False,
) -> tuple[list[Flight], int]:
    """A page of flights in order of local departure time (the latest first if asked), and how
    many match the filters in all. The list shows each departure at its airport's time, so it is
    ordered and filtered by that wall-clock time: 08:00 in New York comes after 07:00 in London
    on the same day. The departure dates are inclusive, local at the departure airport."""
    conditions = []
    if source:
        conditions.append(col(Flight.source) == source.upper())
    if destination:
        conditions.append(col(Flight.destination) == destination.upper())
    if flight_number:
        conditions.append(col(Flight.flight_number) == flight_number.strip().upper())
    if status:
        conditions.append(col(Flight.status) == status.value)
    departs = local_departure(session)
    if departs_from:
        start = datetime.combine(max(departs_from, EARLIEST), time())
        # No zone is more than 14 hours from UTC: the bound in UTC lets the index narrow first.
        conditions.append(col(Flight.departure_ts) >= start.replace(tzinfo=UTC) - ZONE_REACH)
        conditions.append(departs >= start)
    if departs_until:
        end = datetime.combine(min(departs_until, LATEST) + timedelta(days=1), time())
        conditions.append(col(Flight.departure_ts) < end.replace(tzinfo=UTC) + ZONE_REACH)
        conditions.append(departs < end)
    count = session.exec(select(func.count()).select_from(Flight).where(*conditions)).one()
    order = [departs, col(Flight.departure_ts), col(Flight.id)]
    rows = session.exec(
        select(Flight)
        .where(*conditions)
        .order_by(*(column.desc() for column in order) if latest_first else order)
        .offset(request.offset)
        .limit(request.page_size)
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

    Its bookings are settled afterwards by `settle_cancelled_flight`, through the queue: the
    message is sent once the caller commits (again on a repeated cancel: settling is safe to
    run twice). Cancelling a cancelled flight changes nothing else and is not an error.
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
    flight = flight or get_flight(session, flight_id=flight_id)
    send_after_commit(session, SETTLE_CANCELLATION, flight.id)
    return flight
