"""Cancelling an order in two steps, as airline APIs do: a quote of what would be refunded under
the fare rules, valid for a while, then its confirmation, carried out by a worker (every
segment cancelled, seats back, the refund through the payment provider).

Fare rules (settings): a held order costs nothing to cancel (nothing was paid); a paid one is
refunded in full within REFUND_FULL_WITHIN_HOURS of payment while its first flight is at least
REFUND_FULL_DAYS_BEFORE days away, otherwise less CANCELLATION_FEE per passenger and flight;
nothing once its first flight has departed.
"""

import uuid
from datetime import datetime, timedelta
from decimal import Decimal

from sqlmodel import Session, col, func, select

from core.bookings.models import FLIGHT_CANCELLED, Booking, BookingStatus
from core.config import settings
from core.dispatch import CANCEL_ORDER, send_after_commit
from core.errors import Conflict, NotFound
from core.flights.models import Flight
from core.orders.holds import cancel_order
from core.orders.models import CancellationQuote, Order, Passenger
from core.orders.payments import provider
from core.orders.service import get_order
from core.users.models import User

CANCELLABLE = (BookingStatus.HELD, BookingStatus.CONFIRMED)


def quote_cancellation(session: Session, *, order_id: uuid.UUID, user: User) -> CancellationQuote:
    """A quote of the refund for cancelling this order now (the caller commits)."""
    order = get_order(session, order_id=order_id, user=user)
    if order.status not in CANCELLABLE:
        raise Conflict(f"the order is {order.status}: there is nothing to cancel")
    now = session.exec(select(func.now())).one()
    quote = CancellationQuote(
        order_id=order.id,
        refund_amount=refund_due(session, order=order, now=now),
        expires_at=now + timedelta(minutes=settings.quote_valid_minutes),
    )
    session.add(quote)
    session.flush()
    return quote


def refund_due(session: Session, *, order: Order, now: datetime) -> Decimal:
    if order.status != BookingStatus.CONFIRMED or order.paid_at is None:
        return Decimal("0.00")
    first_departure = session.exec(
        select(func.min(Flight.departure_ts))
        .join(Booking, col(Booking.flight_id) == Flight.id)
        .where(Booking.order_id == order.id)
    ).one()
    if first_departure is None or first_departure <= now:
        return Decimal("0.00")
    paid_recently = now - order.paid_at <= timedelta(hours=settings.refund_full_within_hours)
    far_ahead = first_departure - now >= timedelta(days=settings.refund_full_days_before)
    if paid_recently and far_ahead:
        return order.total_price
    passengers = session.exec(select(func.count()).where(Passenger.order_id == order.id)).one()
    segments = session.exec(select(func.count()).where(Booking.order_id == order.id)).one()
    fee = settings.cancellation_fee * passengers * segments
    return max(order.total_price - fee, Decimal("0.00"))


def confirm_cancellation(
    session: Session, *, order_id: uuid.UUID, quote_id: uuid.UUID, user: User
) -> Order:
    """Accept a quote: once the caller commits, a worker cancels the order and refunds what the
    quote says. Confirming the same quote again (a retry) changes nothing."""
    order = get_order(session, order_id=order_id, user=user)
    quote = session.exec(
        select(CancellationQuote)
        .where(CancellationQuote.id == quote_id, CancellationQuote.order_id == order.id)
        .with_for_update()
    ).first()
    if quote is None:
        raise NotFound(f"no cancellation quote {quote_id} for this order")
    if quote.used_at is not None:
        return order
    now = session.exec(select(func.now())).one()
    if quote.expires_at <= now:
        raise Conflict("this quote has expired: ask for a new one")
    if order.status not in CANCELLABLE:
        raise Conflict(f"the order is {order.status}: there is nothing to cancel")
    quote.used_at = now
    session.add(quote)
    send_after_commit(session, CANCEL_ORDER, order.id)
    return order


def accepted_quote(session: Session, *, order_id: uuid.UUID) -> CancellationQuote | None:
    """The quote the traveller accepted for this order, if any (the worker's refund)."""
    return session.exec(
        select(CancellationQuote)
        .where(
            CancellationQuote.order_id == order_id,
            col(CancellationQuote.used_at).is_not(None),
        )
        .order_by(col(CancellationQuote.used_at).desc())
    ).first()


def carry_out_cancellation(session: Session, *, order_id: uuid.UUID) -> int:
    """Cancel the whole order, in a worker: for a traveller, refunding what the accepted quote
    says; for a flight an airline cancelled (no quote), refunding what was paid. Returns the
    seats returned; a second run finds the order cancelled and refunds nothing more."""
    order = session.get(Order, order_id)
    if order is None:
        return 0
    quote = accepted_quote(session, order_id=order_id)
    paid = order.total_price if order.payment_ref else Decimal("0.00")
    returned = cancel_order(session, order_id=order_id, reason=None if quote else FLIGHT_CANCELLED)
    if not returned:
        return 0
    amount = quote.refund_amount if quote else paid
    if amount and order.payment_ref:
        provider.refund(reference=order.payment_ref, amount=amount)
    if quote is not None:
        quote.refunded_at = session.exec(select(func.now())).one()
        session.add(quote)
    return returned
