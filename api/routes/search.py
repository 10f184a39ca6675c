import datetime as dt
import re
import uuid
from decimal import Decimal
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Response

from api.deps import SessionDep
from core.config import settings
from core.dates import IsoDate
from core.errors import InvalidRequest
from core.pagination import MAX_PAGE
from core.search.cache import CachedAnswer, cached_month, cached_search
from core.search.places import NEARBY_KM
from core.search.query import (
    MAX_FLEX_DAYS,
    MAX_STOPS,
    Filters,
    SearchQuery,
    SortOrder,
    TimeWindow,
    airline_list,
)
from core.search.schemas import FlightResult, MonthDay, MultiCityResults, SearchResults
from core.search.service import MAX_SLICES, flight_on_sale, search_multi_city

router = APIRouter(prefix="/api/v1", tags=["search"])
SLICE = re.compile(r"^(?P<source>[A-Z]{3})-(?P<destination>[A-Z]{3})-(?P<day>\d{4}-\d{2}-\d{2})$")


def cached_json(answer: CachedAnswer) -> Response:
    """The cached JSON as it is (no re-validation), with `X-Cache: HIT` or `MISS`."""
    return Response(
        answer.body,
        media_type="application/json",
        headers={"X-Cache": "HIT" if answer.hit else "MISS"},
    )


Code3 = Annotated[str, Query(min_length=3, max_length=3)]


async def search_filters(
    max_stops: Annotated[
        int, Query(ge=0, le=MAX_STOPS, description="changes of plane at most (0 = direct only)")
    ] = 1,
    departure_window: Annotated[
        str | None, Query(max_length=11, description="local departure time of day, 06:00-12:00")
    ] = None,
    arrival_window: Annotated[
        str | None, Query(max_length=11, description="local arrival time of day, 14:00-23:59")
    ] = None,
    max_price: Annotated[
        Decimal | None, Query(ge=0, le=99_999_999, decimal_places=2, description="per passenger")
    ] = None,
    max_duration: Annotated[
        int | None, Query(ge=1, le=7 * 24 * 60, description="minutes, first departure to landing")
    ] = None,
    airlines: Annotated[
        str | None, Query(max_length=200, description="only these airlines, e.g. BA,AA")
    ] = None,
    exclude_airlines: Annotated[
        str | None, Query(max_length=200, description="none of these airlines")
    ] = None,
) -> Filters:
    """The filters every search takes, checked (a clear 422 for a malformed one). `async`:
    it only parses, so it runs on the event loop instead of costing a trip to the threadpool."""
    return Filters(
        max_stops=max_stops,
        departure=TimeWindow.parse("departure_window", departure_window),
        arrival=TimeWindow.parse("arrival_window", arrival_window),
        max_price=max_price,
        max_duration=max_duration,
        airlines=airline_list("airlines", airlines),
        exclude_airlines=airline_list("exclude_airlines", exclude_airlines),
    )


FiltersDep = Annotated[Filters, Depends(search_filters)]


def search_query(
    filters: Filters,
    *,
    return_departure_window: str | None,
    return_arrival_window: str | None,
    **fields: Any,
) -> SearchQuery:
    """The query a search's parameters ask for, once they have their types (read by the route
    below, or for a cached answer by `api.cached_answers`, which reads them with its types)."""
    return SearchQuery(
        **fields,
        filters=filters,
        return_departure=TimeWindow.parse("return_departure_window", return_departure_window),
        return_arrival=TimeWindow.parse("return_arrival_window", return_arrival_window),
    )


@router.get(
    "/search",
    response_model=SearchResults,
    description=(
        "Itineraries from `source` to `destination` (airport or city codes: LON is every London "
        "airport) whose first flight departs on `date`, a calendar date at the departure "
        "airport: direct flights and connections with up to `max_stops` changes of plane, each "
        "flight scheduled, not departed and with `seats` seats left. A connection leaves at "
        "least the airport's minimum connection time after landing (longer when it changes "
        "airport within a city) and at most the longest layover. Times are in each airport's "
        "local time with its offset and zone. `nearby` adds the airports within "
        f"{NEARBY_KM} km.\n\n"
        "`sort`: `price`, `departure`, `duration`, or `best` (price over the cheapest, plus "
        "duration over the shortest, plus half a point per stop).\n\n"
        "`return_date` adds the itineraries back (`return_flights`, a date at the destination), "
        "each side with `round_trip_price`; the time windows of the way back are "
        "`return_departure_window` and `return_arrival_window`. "
        f"`flex` (0–{MAX_FLEX_DAYS}) adds a price calendar: for each day within ±`flex` days "
        "(from today on), the lowest price and the number of itineraries.\n\n"
        "Answers are cached in Redis for "
        f"{settings.search_cache_ttl_seconds} seconds: a change to a flight by an administrator "
        "or an import shows at once, and `available_seats` is read live on every answer (a "
        "flight that sold out since still shows, with its 0 seats, until the cached list "
        "expires). The price calendar's lowest prices and counts may be up to "
        f"{settings.search_cache_ttl_seconds} seconds old. The `X-Cache` header says HIT or MISS."
    ),
)
def search(
    session: SessionDep,
    source: Annotated[str, Query(min_length=3, max_length=3, description="e.g. LHR or LON")],
    destination: Annotated[str, Query(min_length=3, max_length=3, description="e.g. JFK or NYC")],
    date: Annotated[IsoDate, Query(description="local date at the departure airport, YYYY-MM-DD")],
    filters: FiltersDep,
    seats: Annotated[int, Query(ge=1, le=9, description="seats wanted")] = 1,
    sort: Annotated[SortOrder, Query(description="the order of the itineraries")] = (
        SortOrder.PRICE
    ),
    page: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 1,
    page_size: Annotated[int, Query(ge=1, le=100)] = 20,
    return_date: Annotated[
        IsoDate | None, Query(description="local date at the destination, for a round trip")
    ] = None,
    flex: Annotated[int, Query(ge=0, le=MAX_FLEX_DAYS, description="± days of prices")] = 0,
    nearby: Annotated[bool, Query(description="also airports within 100 km")] = False,
    return_departure_window: Annotated[str | None, Query(max_length=11)] = None,
    return_arrival_window: Annotated[str | None, Query(max_length=11)] = None,
) -> Response:
    query = search_query(
        filters,
        source=source,
        destination=destination,
        date=date,
        seats=seats,
        sort=sort,
        page=page,
        page_size=page_size,
        return_date=return_date,
        flex=flex,
        nearby=nearby,
        return_departure_window=return_departure_window,
        return_arrival_window=return_arrival_window,
    )
    return cached_json(cached_search(session, query=query))


@router.get("/search/calendar", response_model=list[MonthDay])
def month_calendar(
    session: SessionDep,
    source: Code3,
    destination: Code3,
    month: Annotated[str, Query(pattern=r"^\d{4}-(0[1-9]|1[0-2])$", description="YYYY-MM")],
    filters: FiltersDep,
    seats: Annotated[int, Query(ge=1, le=9)] = 1,
) -> Response:
    """The lowest price per passenger of each day of a month (from today on), direct and with
    one change of plane at most, for drawing a month grid. Cached like searches."""
    try:
        first = dt.date.fromisoformat(f"{month}-01")
    except ValueError:
        raise InvalidRequest(f"month {month!r} is not a calendar month") from None
    return cached_json(
        cached_month(
            session,
            source=source,
            destination=destination,
            month=first,
            seats=seats,
            filters=filters,
        )
    )


@router.get("/search/multi-city", response_model=MultiCityResults)
def multi_city(
    session: SessionDep,
    filters: FiltersDep,
    slices: Annotated[
        list[str],
        Query(
            min_length=1,
            max_length=MAX_SLICES,
            description="each FROM-TO-YYYY-MM-DD, in travel order, e.g. LON-NYC-2027-05-01",
        ),
    ],
    seats: Annotated[int, Query(ge=1, le=9)] = 1,
    sort: SortOrder = SortOrder.PRICE,
    page: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 1,
    page_size: Annotated[int, Query(ge=1, le=100)] = 20,
) -> MultiCityResults:
    """Up to four slices, each searched as a one-way trip on its own day (not cached)."""
    trips = []
    for number, text in enumerate(slices, start=1):
        found = SLICE.match(text.strip().upper())
        if not found:
            raise InvalidRequest(f"slice {number} {text!r} is not FROM-TO-YYYY-MM-DD")
        try:
            day = dt.date.fromisoformat(found["day"])
        except ValueError:
            raise InvalidRequest(f"slice {number} has no such date: {found['day']}") from None
        trips.append((found["source"], found["destination"], day))
    pages = search_multi_city(
        session,
        slices=trips,
        seats=seats,
        filters=filters,
        sort=sort,
        page=page,
        page_size=page_size,
        now=dt.datetime.now(dt.UTC),
    )
    return MultiCityResults(slices=pages)


@router.get("/flights/{flight_id}", responses={404: {"description": "no such flight on sale"}})
def read_flight(flight_id: uuid.UUID, session: SessionDep) -> FlightResult:
    """One scheduled flight that has not departed, as search shows it but never cached: its
    seats left are those of this moment (a checkout shows its flights with it)."""
    return flight_on_sale(session, flight_id=flight_id, now=dt.datetime.now(dt.UTC))
