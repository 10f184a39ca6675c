"""Orders as their owners see them: passengers, flights, tickets and any cancellation, loaded
for a whole page of orders in one query per kind rather than per order."""

import uuid
from collections import defaultdict
from collections.abc import Sequence
from decimal import Decimal

from sqlmodel import Session, col, select

from core.bookings.models import Booking
from core.flights.models import Flight
from core.flights.times import local_times
from core.orders.models import CancellationQuote, Order, Passenger, Ticket
from core.orders.schemas import OrderPublic, PassengerPublic, SegmentPublic, TicketPublic


def to_public(session: Session, order: Order) -> OrderPublic:
    """One order as decided now (read again, so also after a commit)."""
    session.refresh(order)
    return orders_public(session, [order])[0]


def orders_public(session: Session, orders: Sequence[Order]) -> list[OrderPublic]:
    """The orders' public forms, in the same order, in four queries whatever their number."""
    ids = [order.id for order in orders]
    passengers: dict[uuid.UUID, list[PassengerPublic]] = defaultdict(list)
    for passenger in session.exec(
        select(Passenger)
        .where(col(Passenger.order_id).in_(ids))
        .order_by(col(Passenger.order_id), col(Passenger.position))
    ):
        passengers[passenger.order_id].append(
            PassengerPublic.model_validate(passenger, from_attributes=True)
        )
    segments: dict[uuid.UUID, list[SegmentPublic]] = defaultdict(list)
    for booking, flight in session.exec(
        select(Booking, Flight)
        .join(Flight, col(Flight.id) == Booking.flight_id)
        .where(col(Booking.order_id).in_(ids))
        .order_by(col(Flight.departure_ts))
    ):
        segments[booking.order_id].append(_segment(booking, flight))
    tickets: dict[uuid.UUID, list[TicketPublic]] = defaultdict(list)
    for ticket in session.exec(
        select(Ticket).where(col(Ticket.order_id).in_(ids)).order_by(col(Ticket.number))
    ):
        tickets[ticket.order_id].append(TicketPublic.model_validate(ticket, from_attributes=True))
    accepted = _accepted_quotes(session, ids)
    return [
        OrderPublic(
            **order.model_dump(exclude={"locator"}),
            reference=order.locator,
            passengers=passengers[order.id],
            segments=segments[order.id],
            tickets=tickets[order.id],
            cancel_requested_at=accepted[order.id].used_at if order.id in accepted else None,
            refund_amount=_refund(accepted.get(order.id)),
        )
        for order in orders
    ]


def _segment(booking: Booking, flight: Flight) -> SegmentPublic:
    return SegmentPublic(
        booking_id=booking.id,
        flight_id=flight.id,
        flight_number=flight.flight_number,
        source=flight.source,
        destination=flight.destination,
        **local_times(flight),
        seats=booking.seats,
        unit_price=booking.unit_price,
        total_price=booking.total_price,
    )


def _accepted_quotes(session: Session, ids: list[uuid.UUID]) -> dict[uuid.UUID, CancellationQuote]:
    """Each order's accepted cancellation quote (the latest, should there be more)."""
    quotes = session.exec(
        select(CancellationQuote)
        .where(
            col(CancellationQuote.order_id).in_(ids),
            col(CancellationQuote.used_at).is_not(None),
        )
        .order_by(col(CancellationQuote.used_at))
    )
    return {quote.order_id: quote for quote in quotes}


def _refund(quote: CancellationQuote | None) -> Decimal | None:
    """What the traveller was refunded, once the worker has carried out the cancellation."""
    return quote.refund_amount if quote is not None and quote.refunded_at else None
