import uuid
from typing import Annotated, Literal

from fastapi import APIRouter, Query, status

import core.flights.service as flights
from api.deps import AdminUser, SessionDep, paging
from core.dates import IsoDate
from core.flights.models import FlightStatus
from core.flights.schemas import FlightCreate, FlightPublic, FlightUpdate
from core.pagination import Page, PageRequest
from core.search.cache import invalidate_search_cache

router = APIRouter(prefix="/admin/flights", tags=["admin-flights"])


@router.post("", status_code=status.HTTP_201_CREATED, response_model=FlightPublic)
def create_flight(body: FlightCreate, session: SessionDep, _: AdminUser) -> FlightPublic:
    """Add a flight; the same flight number departing at the same instant is a 409."""
    flight = flights.create_flight(session, data=body)
    session.commit()
    invalidate_search_cache()
    return flights.to_public(flight)


@router.get("")
def list_flights(
    session: SessionDep,
    _: AdminUser,
    request: Annotated[PageRequest, paging(default=50, largest=200)],
    source: Annotated[str | None, Query(max_length=3)] = None,
    destination: Annotated[str | None, Query(max_length=3)] = None,
    flight_number: Annotated[str | None, Query(max_length=10)] = None,
    flight_status: Annotated[FlightStatus | None, Query(alias="status")] = None,
    departs_from: Annotated[
        IsoDate | None, Query(description="departing on or after this day (local at the airport)")
    ] = None,
    departs_until: Annotated[
        IsoDate | None, Query(description="departing on or before this day (local at the airport)")
    ] = None,
    sort: Annotated[
        Literal["departure", "-departure"], Query(description="-departure: the latest first")
    ] = "departure",
) -> Page[FlightPublic]:
    """Every flight (past, cancelled too) in order of local departure time, filtered, a page at
    a time."""
    found, count = flights.list_flights(
        session,
        request=request,
        source=source,
        destination=destination,
        flight_number=flight_number,
        status=flight_status,
        departs_from=departs_from,
        departs_until=departs_until,
        latest_first=sort == "-departure",
    )
    return Page[FlightPublic].of(found, count=count, request=request, item=flights.to_public)


@router.patch("/{flight_id:uuid}", response_model=FlightPublic)
def edit_flight(
    flight_id: uuid.UUID, body: FlightUpdate, session: SessionDep, _: AdminUser
) -> FlightPublic:
    """Change the price, times or total seats. Total seats never go below the seats already
    sold (409); the seats left move by the same amount as the total."""
    flight = flights.update_flight(session, flight_id=flight_id, changes=body)
    session.commit()
    invalidate_search_cache()
    return flights.to_public(flight)


@router.post(
    "/{flight_id}/cancel", status_code=status.HTTP_202_ACCEPTED, response_model=FlightPublic
)
def cancel_flight(flight_id: uuid.UUID, session: SessionDep, _: AdminUser) -> FlightPublic:
    """Cancel the flight at once (it is no longer found or bookable); its PENDING bookings fail
    and its CONFIRMED bookings are cancelled, seats returned, by a worker shortly after (with
    the broker unreachable, by the sweep once it is back)."""
    flight = flights.cancel_flight(session, flight_id=flight_id)
    session.commit()
    invalidate_search_cache()
    return flights.to_public(flight)
