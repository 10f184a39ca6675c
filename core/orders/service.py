"""Orders: record one (answered 202, decided by a worker), read one, list them, find one by its
reference and a passenger's family name."""

import hashlib
import re
import uuid
from datetime import UTC, date, datetime
from decimal import Decimal

from sqlalchemy import func
from sqlmodel import Session, col, select

from core.bookings.allocation import allocation_key
from core.bookings.models import Booking
from core.bookings.service import check_seat_cap
from core.columns import contains_text
from core.dispatch import ALLOCATE, send_after_commit
from core.errors import Conflict, InvalidRequest, NotFound
from core.flights.models import Flight, FlightStatus
from core.idempotency import hold_idempotency_key
from core.orders.locators import PATTERN, insert_with_locator
from core.orders.models import Order, Passenger, PassengerType
from core.orders.schemas import OrderCreate, PassengerIn
from core.pagination import PageRequest
from core.search.suggestions import fold
from core.users.models import User


def record_order(
    session: Session, *, user_id: uuid.UUID, data: OrderCreate, idempotency_key: str | None
) -> tuple[Order, bool]:
    """Insert a PENDING order (held once decided) with its passengers and one booking per
    flight at today's prices; once the caller commits, the allocator of its lowest flight is
    sent for. Returns the order and whether it is a replay of an Idempotency-Key's first
    request."""
    fingerprint = hashlib.sha256(data.model_dump_json().encode()).hexdigest()
    if idempotency_key is not None:
        earlier = _earlier_order(session, user_id=user_id, key=idempotency_key)
        if earlier is not None:
            if earlier.request_hash != fingerprint:
                raise Conflict(
                    "this Idempotency-Key was already used for a different order; send a new "
                    "key for a new order"
                )
            return earlier, True
    flights = _flights_in_travel_order(session, data=data)
    _check_ages(data.passengers, flights)
    check_seat_cap(session, user_id=user_id, flights=flights, seats=data.seats)
    seats = data.seats
    order = insert_with_locator(
        session,
        Order(
            user_id=user_id,
            locator="",
            contact_email=str(data.contact_email),
            hold=True,
            total_price=sum((flight.price * seats for flight in flights), Decimal(0)),
            idempotency_key=idempotency_key,
            request_hash=fingerprint if idempotency_key is not None else None,
        ),
    )
    for position, passenger in enumerate(data.passengers):
        session.add(Passenger(order_id=order.id, position=position, **passenger.model_dump()))
    decider = min(flight.id for flight in flights)
    bookings = [
        Booking(
            user_id=user_id,
            order_id=order.id,
            flight_id=flight.id,
            decides_order=flight.id == decider,
            seats=seats,
            unit_price=flight.price,
            total_price=flight.price * seats,
        )
        for flight in flights
    ]
    session.add_all(bookings)
    session.flush()
    deciding = next(booking for booking in bookings if booking.decides_order)
    send_after_commit(session, ALLOCATE, deciding.id, once_per=allocation_key(decider))
    return order, False


def _earlier_order(session: Session, *, user_id: uuid.UUID, key: str) -> Order | None:
    hold_idempotency_key(session, scope="order", user_id=user_id, key=key)
    return session.exec(
        select(Order).where(Order.user_id == user_id, Order.idempotency_key == key)
    ).first()


def _flights_in_travel_order(session: Session, *, data: OrderCreate) -> list[Flight]:
    """The order's flights, each bookable, each departing after the previous one arrives, with
    seats left for the passengers (the allocator has the final word on seats)."""
    query = select(Flight).where(col(Flight.id).in_(data.flight_ids))
    found = {flight.id: flight for flight in session.exec(query)}
    flights: list[Flight] = []
    now = datetime.now(UTC)
    for number, flight_id in enumerate(data.flight_ids, start=1):
        flight = found.get(flight_id)
        if flight is None:
            raise NotFound(f"no flight with id {flight_id} (flight {number} of the order)")
        if flight.status != FlightStatus.SCHEDULED:
            raise InvalidRequest(f"flight {flight.flight_number} has been cancelled")
        if flight.departure_ts <= now:
            raise InvalidRequest(f"flight {flight.flight_number} has departed")
        if flights and flight.departure_ts <= flights[-1].arrival_ts:
            raise InvalidRequest(
                f"flight {flight.flight_number} departs before flight "
                f"{flights[-1].flight_number} arrives: give the flights in travel order"
            )
        if flight.available_seats < data.seats:
            raise InvalidRequest(
                f"flight {flight.flight_number} has {flight.available_seats} seats left, "
                f"fewer than the {data.seats} this order needs"
            )
        flights.append(flight)
    return flights


def _age(born: date, on: date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def _check_ages(passengers: list[PassengerIn], flights: list[Flight]) -> None:
    """A child or an infant needs a date of birth, and each passenger's type must fit their
    age: on the first flight an adult is 12 or older and a child 2 to 11; an infant (on a lap,
    no seat) must be under 2 on every flight, the last one included."""
    first, last = flights[0].departure_ts.date(), flights[-1].departure_ts.date()
    for number, passenger in enumerate(passengers, start=1):
        who = f"passenger {number} ({passenger.given_name})"
        born = passenger.date_of_birth
        if born is None:
            if passenger.type != PassengerType.ADULT:
                kind = "an infant" if passenger.type == PassengerType.INFANT else "a child"
                raise InvalidRequest(f"{who} is {kind}: give their date of birth")
            continue
        if born > first:
            raise InvalidRequest(f"{who} is born after the first flight: check the date of birth")
        age = _age(born, first)
        if passenger.type == PassengerType.INFANT and _age(born, last) >= 2:
            raise InvalidRequest(
                f"{who} is 2 or older on {last}: an infant is under 2 on every flight; "
                "book them as a child (with a seat)"
            )
        if passenger.type == PassengerType.CHILD and not 2 <= age <= 11:
            kind = "an infant" if age < 2 else "an adult"
            raise InvalidRequest(f"{who} is {age} on {first}: a child is 2 to 11; book {kind}")
        if passenger.type == PassengerType.ADULT and age < 12:
            kind = "a child" if age >= 2 else "an infant or a child"
            raise InvalidRequest(f"{who} is {age} on {first}: an adult is 12 or older; book {kind}")


def get_order(session: Session, *, order_id: uuid.UUID, user: User) -> Order:
    """The order, if `user` made it or is an admin (otherwise: not found)."""
    order = session.get(Order, order_id)
    if order is None or (order.user_id != user.id and not user.is_admin):
        raise NotFound(f"no order with id {order_id}")
    return order


def list_orders(
    session: Session, *, user_id: uuid.UUID, request: PageRequest
) -> tuple[list[Order], int]:
    """One user's orders, newest first, and how many there are."""
    mine = Order.user_id == user_id
    count = session.exec(select(func.count()).select_from(Order).where(mine)).one()
    orders = session.exec(
        select(Order)
        .where(mine)
        .order_by(col(Order.created_at).desc(), col(Order.seq).desc())
        .offset(request.offset)
        .limit(request.page_size)
    ).all()
    return list(orders), count


def lookup(session: Session, *, reference: str, last_name: str) -> Order:
    """The order with this reference that has a passenger with this family name; the same
    NotFound whichever of the two is wrong."""
    missing = NotFound("no order with this reference and family name")
    reference = reference.strip().upper()
    if not re.fullmatch(PATTERN, reference):
        raise InvalidRequest("a booking reference is 6 letters and digits, e.g. K7WQ2M")
    order = session.exec(select(Order).where(Order.locator == reference)).first()
    if order is None:
        raise missing
    names = session.exec(select(Passenger.family_name).where(Passenger.order_id == order.id))
    if fold(" ".join(last_name.split())) not in {fold(name) for name in names}:
        raise missing
    return order


def list_all_orders(
    session: Session,
    *,
    request: PageRequest,
    reference: str | None = None,
    passenger: str | None = None,
    flight_id: uuid.UUID | None = None,
    status: str | None = None,
) -> tuple[list[Order], int]:
    """Every traveller's orders (the administrators' view), newest first, and how many match:
    by reference, by a passenger's given or family name (a part of it, any case), by flight,
    by status."""
    conditions = []
    if reference:
        conditions.append(col(Order.locator) == reference.strip().upper())
    if passenger and passenger.strip():
        named = select(Passenger.order_id).where(
            contains_text(col(Passenger.family_name), passenger)
            | contains_text(col(Passenger.given_name), passenger)
        )
        conditions.append(col(Order.id).in_(named))
    if flight_id is not None:
        conditions.append(
            col(Order.id).in_(select(Booking.order_id).where(Booking.flight_id == flight_id))
        )
    if status:
        conditions.append(col(Order.status) == status)
    count = session.exec(select(func.count()).select_from(Order).where(*conditions)).one()
    orders = session.exec(
        select(Order)
        .where(*conditions)
        .order_by(col(Order.created_at).desc(), col(Order.seq).desc())
        .offset(request.offset)
        .limit(request.page_size)
    ).all()
    return list(orders), count
