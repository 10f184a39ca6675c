from fastapi import APIRouter, Response, status
from sqlalchemy import text

from api.deps import SessionDep
from core.redis import get_redis

router = APIRouter(prefix="/api/v1", tags=["health"])


@router.get("/health")
def health(session: SessionDep, response: Response) -> dict[str, str]:
    """Whether PostgreSQL and Redis answer; 503 if either does not."""
    checks: dict[str, str] = {}
    try:
        session.exec(text("SELECT 1"))  # type: ignore[call-overload]
        checks["postgres"] = "ok"
    except Exception as error:  # noqa: BLE001  (any failure means "down"; the reason is reported)
        checks["postgres"] = f"error: {type(error).__name__}"
    try:
        get_redis().ping()
        checks["redis"] = "ok"
    except Exception as error:  # noqa: BLE001
        checks["redis"] = f"error: {type(error).__name__}"
    healthy = all(v == "ok" for v in checks.values())
    if not healthy:
        response.status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    return {"status": "ok" if healthy else "degraded", **checks}
