from typing import Annotated

from fastapi import APIRouter, Query, Response

from api.deps import SessionDep
from api.routes.search import cached_json
from core.config import settings
from core.search.cache import cached_airports
from core.search.schemas import AirportPublic

router = APIRouter(prefix="/api/v1", tags=["airports"])


@router.get(
    "/airports",
    response_model=list[AirportPublic],
    description=(
        "Without `q`: every airport served by at least one scheduled flight still to depart, by "
        "code. With `q`: suggestions from the whole IATA reference set matching the code, city "
        "or airport name, ignoring case and accents, best first (exact code, then prefixes, "
        "then contains; airports with flights first among equals), at most `limit`. Cached for "
        f"{settings.airports_cache_ttl_seconds} seconds, refreshed at once when flights change."
    ),
)
def list_airports(
    session: SessionDep,
    q: Annotated[str | None, Query(max_length=100, description="e.g. lon, JFK, sao")] = None,
    limit: Annotated[int, Query(ge=1, le=50)] = 10,
) -> Response:
    return cached_json(cached_airports(session, q=q, limit=limit))
