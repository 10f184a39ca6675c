"""The FastAPI application: routers, domain-error mapping, and the built front end when present."""

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from fastapi.routing import APIRoute

from api.routes import api_router
from core.errors import AuthenticationFailed, DomainError, RequestInProgress


def _operation_id(route: APIRoute) -> str:
    """Stable operation ids (`auth-register`) so a generated client reads well."""
    tag = route.tags[0] if route.tags else "default"
    return f"{tag}-{route.name}"


def create_app() -> FastAPI:
    app = FastAPI(
        title="Skyqueue",
        description="Flight search and booking: bookings and imports are jobs decided by workers.",
        generate_unique_id_function=_operation_id,
    )
    app.include_router(api_router)

    @app.exception_handler(DomainError)
    async def _domain_error(_: Request, error: DomainError) -> JSONResponse:
        headers = (
            {"WWW-Authenticate": "Bearer"} if isinstance(error, AuthenticationFailed) else None
        )
        if isinstance(error, RequestInProgress):
            headers = {"Retry-After": str(error.retry_after)}
        return JSONResponse({"detail": str(error)}, status_code=error.status_code, headers=headers)

    return app


app = create_app()
