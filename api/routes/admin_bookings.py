"""Every traveller's bookings, for administrators: newest first, filtered, a page at a time."""

import uuid
from typing import Annotated

from fastapi import APIRouter, Query

from api.deps import AdminUser, SessionDep
from core.bookings.models import BookingStatus
from core.bookings.schemas import AdminBookingsPublic
from core.bookings.service import list_all_bookings, to_admin_public

router = APIRouter(prefix="/admin/bookings", tags=["admin-bookings"])


@router.get("", response_model=AdminBookingsPublic)
def list_bookings(
    session: SessionDep,
    _: AdminUser,
    page: Annotated[int, Query(ge=1)] = 1,
    page_size: Annotated[int, Query(ge=1, le=100)] = 20,
    flight_id: Annotated[uuid.UUID | None, Query(description="one flight's bookings")] = None,
    booking_status: Annotated[BookingStatus | None, Query(alias="status")] = None,
    username: Annotated[
        str | None, Query(max_length=32, description="the traveller's username, in any case")
    ] = None,
) -> AdminBookingsPublic:
    """Every booking, newest first, with its traveller and flight (times local at each
    airport); `count` is the number matching the filters over all pages."""
    rows, count = list_all_bookings(
        session,
        page=page,
        page_size=page_size,
        flight_id=flight_id,
        status=booking_status,
        username=username,
    )
    return AdminBookingsPublic(
        data=[to_admin_public(booking, flight, user) for booking, flight, user in rows],
        count=count,
        page=page,
        page_size=page_size,
    )
