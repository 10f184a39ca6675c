"""Orders: request one (answered 202, decided by a worker into a hold), poll it, list them, pay
it, find it by reference and family name."""

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response, status

from api.deps import CurrentUser, OrderingUser, PageDep, ReadingUser, SessionDep, client_address
from api.routes.bookings import IdempotencyKey
from core.config import settings
from core.orders.cancellation import confirm_cancellation, quote_cancellation
from core.orders.models import OrderStatus
from core.orders.payments import pay_order
from core.orders.public import orders_public, to_public
from core.orders.schemas import (
    CancellationConfirm,
    OrderAccepted,
    OrderCreate,
    OrderPublic,
    Payment,
    QuotePublic,
)
from core.orders.service import get_order, list_orders, lookup, record_order
from core.pagination import Page
from core.ratelimit import limit

router = APIRouter(prefix="/api/v1/orders", tags=["orders"])


def poll_url(order_id: uuid.UUID) -> str:
    return f"/api/v1/orders/{order_id}"


@router.post(
    "",
    status_code=status.HTTP_202_ACCEPTED,
    responses={
        404: {"description": "no such flight"},
        409: {"description": "Idempotency-Key reused for another request, or still in flight"},
        422: {"description": "invalid passengers or flights (departed, cancelled, out of order)"},
    },
)
def create(
    body: OrderCreate,
    session: SessionDep,
    user: OrderingUser,
    response: Response,
    idempotency_key: IdempotencyKey = None,
) -> OrderAccepted:
    """Order seats for named passengers on one to four flights. The order is recorded PENDING
    and decided by a worker: HELD (pay before `expires_at`) or FAILED with the reason, every
    flight together. Poll `poll_url`."""
    order, replayed = record_order(
        session, user_id=user.id, data=body, idempotency_key=idempotency_key
    )
    # Answered from the row as written: after the commit its attributes would be read again.
    accepted = OrderAccepted(
        id=order.id,
        reference=order.locator,
        status=OrderStatus(order.status),
        poll_url=poll_url(order.id),
    )
    session.commit()  # and then the order's message is sent (`core.dispatch`)
    if replayed:
        response.headers["Idempotent-Replayed"] = "true"
    response.headers["Location"] = accepted.poll_url
    return accepted


@router.get("")
def list_own(session: SessionDep, user: ReadingUser, request: PageDep) -> Page[OrderPublic]:
    """Your orders, newest first."""
    orders, count = list_orders(session, user_id=user.id, request=request)
    return Page[OrderPublic].of(
        orders_public(session, orders), count=count, request=request, item=lambda order: order
    )


@router.get(
    "/lookup",
    responses={
        404: {"description": "no such reference and family name"},
        429: {"description": "too many lookups from this client: see Retry-After"},
    },
)
def find(
    session: SessionDep,
    request: Request,
    reference: Annotated[str, Query(min_length=1, max_length=12, description="e.g. K7WQ2M")],
    last_name: Annotated[str, Query(min_length=1, max_length=50)],
) -> OrderPublic:
    """An order found by its reference and a passenger's family name (any case, accents or
    not), with no login: what a traveller needs to manage a booking made elsewhere. Limited
    to LOOKUP_PER_MINUTE tries per client."""
    limit(
        f"lookup:{client_address(request)}",
        per_minute=settings.lookup_per_minute,
        what="booking lookups from this client",
    )
    return to_public(session, lookup(session, reference=reference, last_name=last_name))


@router.get("/{order_id}")
def read(
    order_id: uuid.UUID, session: SessionDep, user: ReadingUser, response: Response
) -> OrderPublic:
    """One order (yours, or any for an admin). While it is PENDING, `Retry-After` says when
    to poll again."""
    order = to_public(session, get_order(session, order_id=order_id, user=user))
    if order.status == OrderStatus.PENDING:
        response.headers["Retry-After"] = str(settings.booking_retry_after_seconds)
    return order


@router.post(
    "/{order_id}/pay",
    responses={
        402: {"description": "the card was declined"},
        409: {"description": "the order is not held, or its hold expired"},
        503: {"description": "the payment service did not answer: pay again"},
    },
)
def pay(order_id: uuid.UUID, body: Payment, session: SessionDep, user: CurrentUser) -> OrderPublic:
    """Pay a HELD order before its hold expires: CONFIRMED, with one ticket per passenger and
    flight. Paying again changes nothing and charges nothing."""
    order = pay_order(session, order_id=order_id, user=user, card_number=body.card_number)
    session.commit()
    return to_public(session, order)


@router.post("/{order_id}/cancellation-quote", responses={409: {"description": "not cancellable"}})
def cancellation_quote(order_id: uuid.UUID, session: SessionDep, user: CurrentUser) -> QuotePublic:
    """What cancelling a HELD or CONFIRMED order now would refund under the fare rules (see the
    README), with a quote id to confirm before it expires."""
    quote = quote_cancellation(session, order_id=order_id, user=user)
    session.commit()
    return QuotePublic.model_validate(quote, from_attributes=True)


@router.post(
    "/{order_id}/cancel",
    status_code=status.HTTP_202_ACCEPTED,
    responses={404: {"description": "no such quote"}, 409: {"description": "quote expired"}},
)
def cancel(
    order_id: uuid.UUID,
    body: CancellationConfirm,
    session: SessionDep,
    user: CurrentUser,
    response: Response,
) -> OrderPublic:
    """Confirm a cancellation quote: a worker cancels every flight of the order, returns the
    seats and refunds what was quoted. Poll the order until it is CANCELLED; confirming the
    same quote again changes nothing."""
    order = confirm_cancellation(session, order_id=order_id, quote_id=body.quote_id, user=user)
    session.commit()
    response.headers["Retry-After"] = str(settings.booking_retry_after_seconds)
    return to_public(session, order)
