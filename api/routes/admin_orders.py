"""Every traveller's orders, for administrators: newest first, filtered, a page at a time."""

import uuid
from typing import Annotated

from fastapi import APIRouter, Query

from api.deps import AdminUser, PageDep, SessionDep
from core.orders.models import OrderStatus
from core.orders.public import orders_public
from core.orders.schemas import OrderPublic
from core.orders.service import list_all_orders
from core.pagination import Page

router = APIRouter(prefix="/admin/orders", tags=["admin-orders"])


@router.get("")
def list_orders(
    session: SessionDep,
    _: AdminUser,
    request: PageDep,
    reference: Annotated[str | None, Query(max_length=12, description="record locator")] = None,
    passenger: Annotated[
        str | None, Query(max_length=50, description="part of a passenger's name, any case")
    ] = None,
    flight_id: Annotated[uuid.UUID | None, Query(description="orders with this flight")] = None,
    order_status: Annotated[OrderStatus | None, Query(alias="status")] = None,
) -> Page[OrderPublic]:
    """Every order, newest first, with its passengers, flights and tickets; `count` is the
    number matching the filters over all pages. One order: `GET /api/v1/orders/{id}`."""
    orders, count = list_all_orders(
        session,
        request=request,
        reference=reference,
        passenger=passenger,
        flight_id=flight_id,
        status=order_status.value if order_status else None,
    )
    return Page[OrderPublic].of(
        orders_public(session, orders), count=count, request=request, item=lambda order: order
    )
