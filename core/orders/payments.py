"""Paying for a held order, through a payment provider.

`PaymentProvider` is what an adapter for a real payment service implements: authorise an amount
on a card (idempotent on the order: asking again for the same order answers the same
authorisation), capture it, void it, refund it. The provider's reference is kept on the order
as `payment_ref`.

`LocalProvider` runs with no network, for development and tests. Its test cards:

| card number | what happens |
| --- | --- |
| 4242 4242 4242 4242 | authorised and captured |
| 4000 0000 0000 0002 | declined (402) |
| 4000 0000 0000 0119 | the provider fails for a moment (503: pay again) |

Any other number is declined.
"""

import hashlib
import secrets
import uuid
from datetime import UTC, datetime
from decimal import Decimal
from typing import Protocol

from sqlalchemy import func, update
from sqlmodel import Session, col, select

from core.bookings.models import Booking, BookingStatus
from core.config import settings
from core.errors import Conflict, DomainError, InvalidRequest, NotFound
from core.orders.holds import lock_order
from core.orders.models import Order, Passenger, Ticket
from core.users.models import User

SUCCEEDS = "4242424242424242"
DECLINED = "4000000000000002"
FAILS_FOR_A_MOMENT = "4000000000000119"


class PaymentDeclined(DomainError):
    status_code = 402


class PaymentUnavailable(DomainError):
    status_code = 503


class PaymentProvider(Protocol):
    def authorise(
        self, *, order_id: uuid.UUID, amount: Decimal, currency: str, card_number: str
    ) -> str: ...

    def capture(self, *, reference: str) -> None: ...

    def void(self, *, reference: str) -> None: ...

    def refund(self, *, reference: str, amount: Decimal) -> None: ...


class LocalProvider:
    """A provider with no network: the test cards in the module docstring."""

    test_cards = (
        (SUCCEEDS, "succeeds"),
        (DECLINED, "is declined"),
        (FAILS_FOR_A_MOMENT, "fails for a moment (pay again)"),
    )

    def authorise(
        self, *, order_id: uuid.UUID, amount: Decimal, currency: str, card_number: str
    ) -> str:
        if card_number == FAILS_FOR_A_MOMENT:
            raise PaymentUnavailable("the payment service did not answer; pay again shortly")
        if card_number != SUCCEEDS:
            raise PaymentDeclined("the card was declined: use another card")
        return (
            "local_" + hashlib.sha256(f"{order_id}:{amount}:{currency}".encode()).hexdigest()[:24]
        )

    def capture(self, *, reference: str) -> None:
        """Nothing to move locally."""

    def void(self, *, reference: str) -> None:
        """Nothing to release locally."""

    def refund(self, *, reference: str, amount: Decimal) -> None:
        """Nothing to return locally."""


provider: PaymentProvider = LocalProvider()


def pay_order(session: Session, *, order_id: uuid.UUID, user: User, card_number: str) -> Order:
    """Pay a HELD order whose hold has not lapsed: authorise, then confirm every segment and
    issue one ticket per passenger and segment, then capture (the caller commits). Paying a
    CONFIRMED order again changes nothing and charges nothing."""
    order = session.get(Order, order_id)
    if order is None or (order.user_id != user.id and not user.is_admin):
        raise NotFound(f"no order with id {order_id}")
    if order.status == BookingStatus.CONFIRMED and order.payment_ref:
        return order
    _check_payable(session, order)
    reference = provider.authorise(
        order_id=order.id,
        amount=order.total_price,
        currency=settings.currency,
        card_number="".join(card_number.split()),
    )
    segments = lock_order(session, order_id=order.id)
    session.refresh(order)
    if any(s.status != BookingStatus.HELD for s in segments) or not _hold_open(session, order):
        provider.void(reference=reference)
        raise Conflict("the hold expired while paying: nothing was charged; book again")
    session.execute(
        update(Booking)
        .where(col(Booking.order_id) == order.id)
        .values(status=BookingStatus.CONFIRMED)
    )
    order.payment_ref = reference
    order.paid_at = datetime.now(UTC)
    session.add(order)
    _issue_tickets(session, order=order, segments=segments)
    session.flush()
    provider.capture(reference=reference)
    session.refresh(order)
    return order


def _check_payable(session: Session, order: Order) -> None:
    if order.status != BookingStatus.HELD:
        raise Conflict(f"the order is {order.status}: only a held order can be paid")
    if not _hold_open(session, order):
        raise Conflict("the hold has expired: the seats were released; book again")
    named = session.exec(select(func.count()).where(Passenger.order_id == order.id)).one()
    if not named:
        raise InvalidRequest("give every passenger's name before paying")


def _hold_open(session: Session, order: Order) -> bool:
    now = session.exec(select(func.now())).one()
    return order.expires_at is not None and order.expires_at > now


def _issue_tickets(session: Session, *, order: Order, segments: list[Booking]) -> None:
    passengers = session.exec(
        select(Passenger).where(Passenger.order_id == order.id).order_by(col(Passenger.position))
    ).all()
    for segment in segments:
        for passenger in passengers:
            number = f"999{secrets.randbelow(10**10):010d}"
            session.add(
                Ticket(
                    order_id=order.id,
                    passenger_id=passenger.id,
                    booking_id=segment.id,
                    number=number,
                )
            )
