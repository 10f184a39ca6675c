"""Bookings: request one (answered 202, decided by a worker), poll it, list them, cancel one."""

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Header, Response, status

from api.deps import CurrentUser, OrderingUser, PageDep, ReadingUser, SessionDep
from core.bookings.cancellation import wants_cancel
from core.bookings.models import BookingStatus
from core.bookings.schemas import BookingAccepted, BookingCreate, BookingPublic
from core.bookings.service import (
    get_booking,
    list_bookings,
    record_booking,
    request_cancel,
    to_public,
)
from core.config import settings
from core.pagination import Page

router = APIRouter(prefix="/api/v1", tags=["bookings"])

IdempotencyKey = Annotated[
    str | None,
    Header(
        alias="Idempotency-Key",
        min_length=1,
        max_length=255,
        description="Send the same key again to retry safely: the same booking is answered.",
    ),
]


def poll_url(booking_id: uuid.UUID) -> str:
    return f"/api/v1/bookings/{booking_id}"


CREATE_RESPONSES: dict[int | str, dict[str, Any]] = {
    404: {"description": "no such flight"},
    409: {"description": "Idempotency-Key reused for another request, or still in flight"},
    422: {"description": "invalid seats, flight departed or cancelled"},
}


@router.post("/bookings", status_code=status.HTTP_202_ACCEPTED, responses=CREATE_RESPONSES)
def create(
    body: BookingCreate,
    session: SessionDep,
    user: OrderingUser,
    response: Response,
    idempotency_key: IdempotencyKey = None,
) -> BookingAccepted:
    """Request seats on a flight at today's price. The booking is recorded PENDING and decided
    by a worker; poll `poll_url` until it is CONFIRMED or FAILED."""
    recorded = record_booking(
        session,
        user_id=user.id,
        flight_id=body.flight_id,
        seats=body.seats,
        idempotency_key=idempotency_key,
    )
    booking = recorded.booking
    # Answered from the row as written: after the commit its attributes would be read again.
    accepted = BookingAccepted(id=booking.id, status=booking.status, poll_url=poll_url(booking.id))
    session.commit()  # and then the booking's message is sent (`core.dispatch`)
    if recorded.replayed:
        response.headers["Idempotent-Replayed"] = "true"
    response.headers["Location"] = accepted.poll_url
    return accepted


# The seed's original path, kept for existing clients.
router.add_api_route(
    "/booking",
    create,
    methods=["POST"],
    status_code=status.HTTP_202_ACCEPTED,
    deprecated=True,
    responses=CREATE_RESPONSES,
    name="create_alias",
    description="The original path of `POST /api/v1/bookings`, kept for existing clients.",
)


@router.get("/bookings")
def list_own(session: SessionDep, user: ReadingUser, request: PageDep) -> Page[BookingPublic]:
    """Your bookings, newest first."""
    rows, count = list_bookings(session, user_id=user.id, request=request)
    return Page[BookingPublic].of(rows, count=count, request=request, item=to_public)


@router.get("/bookings/{booking_id}", response_model=BookingPublic)
def read(
    booking_id: uuid.UUID, session: SessionDep, user: ReadingUser, response: Response
) -> BookingPublic:
    """One booking (yours, or any for an admin). While it is PENDING, `Retry-After` says when
    to poll again."""
    booking, flight = get_booking(session, booking_id=booking_id, user=user)
    if booking.status == BookingStatus.PENDING or wants_cancel(booking):
        response.headers["Retry-After"] = str(settings.booking_retry_after_seconds)
    return to_public(booking, flight)


@router.post(
    "/bookings/{booking_id}/cancel",
    status_code=status.HTTP_202_ACCEPTED,
    response_model=BookingPublic,
)
def cancel(
    booking_id: uuid.UUID, session: SessionDep, user: CurrentUser, response: Response
) -> BookingPublic:
    """Ask for a booking to be cancelled; a worker carries it out (a CONFIRMED booking's seats
    go back on sale). Asking again is harmless; poll the booking for the outcome."""
    booking = request_cancel(session, booking_id=booking_id, user=user)
    session.commit()
    if wants_cancel(booking):
        response.headers["Retry-After"] = str(settings.booking_retry_after_seconds)
    booking, flight = get_booking(session, booking_id=booking_id, user=user)
    return to_public(booking, flight)
