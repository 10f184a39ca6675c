"""Every traveller's bookings, for administrators: newest first, filtered, a page at a time."""

import uuid
from typing import Annotated

from fastapi import APIRouter, Query

from api.deps import AdminUser, PageDep, SessionDep
from core.bookings.models import BookingStatus
from core.bookings.schemas import AdminBookingPublic
from core.bookings.service import list_all_bookings, to_admin_public
from core.pagination import Page

router = APIRouter(prefix="/admin/bookings", tags=["admin-bookings"])


@router.get("")
def list_bookings(
    session: SessionDep,
    _: AdminUser,
    request: PageDep,
    flight_id: Annotated[uuid.UUID | None, Query(description="one flight's bookings")] = None,
    booking_status: Annotated[BookingStatus | None, Query(alias="status")] = None,
    username: Annotated[
        str | None,
        Query(max_length=32, description="part of a username, any case"),
    ] = None,
) -> Page[AdminBookingPublic]:
    """Every booking, newest first, with its traveller and flight (times local at each
    airport); `count` is the number matching the filters over all pages."""
    rows, count = list_all_bookings(
        session,
        request=request,
        flight_id=flight_id,
        status=booking_status,
        username=username,
    )
    return Page[AdminBookingPublic].of(rows, count=count, request=request, item=to_admin_public)
