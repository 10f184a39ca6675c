import datetime as dt
import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Response

from api.deps import SessionDep
from core.config import settings
from core.dates import IsoDate
from core.pagination import MAX_PAGE
from core.search.cache import CachedAnswer, cached_search
from core.search.schemas import FlightResult, SearchResults
from core.search.service import MAX_FLEX_DAYS, SearchQuery, SortOrder, flight_on_sale

router = APIRouter(prefix="/api/v1", tags=["search"])


def cached_json(answer: CachedAnswer) -> Response:
    """The cached JSON as it is (no re-validation), with `X-Cache: HIT` or `MISS`."""
    return Response(
        answer.body,
        media_type="application/json",
        headers={"X-Cache": "HIT" if answer.hit else "MISS"},
    )


@router.get(
    "/search",
    response_model=SearchResults,
    description=(
        "Scheduled flights from `source` to `destination` departing on `date`, a calendar date at "
        "the departure airport, that have not departed yet and have at least `seats` seats left. "
        "Times are given in each airport's local time with its offset and zone.\n\n"
        "`return_date` adds the flights back (`return_flights`, a date at the destination); "
        f"`flex` (0–{MAX_FLEX_DAYS}) adds a price calendar: for each day within ±`flex` days "
        "(from today on), the lowest price and the number of flights.\n\n"
        "Answers are cached in Redis for "
        f"{settings.search_cache_ttl_seconds} seconds: a change to a flight by an administrator "
        "or an import shows at once, and `available_seats` is read live on every answer (a "
        "flight that sold out since still shows, with its 0 seats, until the cached list "
        "expires). The price calendar's lowest prices and flight counts may be up to "
        f"{settings.search_cache_ttl_seconds} seconds old. The `X-Cache` header says HIT or MISS."
    ),
)
def search(
    session: SessionDep,
    source: Annotated[str, Query(min_length=3, max_length=3, description="IATA code, e.g. LHR")],
    destination: Annotated[
        str, Query(min_length=3, max_length=3, description="IATA code, e.g. JFK")
    ],
    date: Annotated[IsoDate, Query(description="local date at the departure airport, YYYY-MM-DD")],
    seats: Annotated[int, Query(ge=1, le=9, description="seats wanted")] = 1,
    sort: Annotated[SortOrder, Query(description="cheapest, earliest or shortest first")] = (
        SortOrder.PRICE
    ),
    page: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 1,
    page_size: Annotated[int, Query(ge=1, le=100)] = 20,
    return_date: Annotated[
        IsoDate | None, Query(description="local date at the destination, for a round trip")
    ] = None,
    flex: Annotated[int, Query(ge=0, le=MAX_FLEX_DAYS, description="± days of prices")] = 0,
) -> Response:
    query = SearchQuery(
        source=source,
        destination=destination,
        date=date,
        seats=seats,
        sort=sort,
        page=page,
        page_size=page_size,
        return_date=return_date,
        flex=flex,
    )
    return cached_json(cached_search(session, query=query))


@router.get("/flights/{flight_id}", responses={404: {"description": "no such flight on sale"}})
def read_flight(flight_id: uuid.UUID, session: SessionDep) -> FlightResult:
    """One scheduled flight that has not departed, as search shows it but never cached: its
    seats left are those of this moment (a checkout shows its flights with it)."""
    return flight_on_sale(session, flight_id=flight_id, now=dt.datetime.now(dt.UTC))
