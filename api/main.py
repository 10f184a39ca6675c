"""The FastAPI application: routers, domain-error mapping, and the built front end when present."""

import asyncio
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from fastapi.routing import APIRoute
from starlette.types import ASGIApp, Receive, Scope, Send

from api.frontend import FrontendMiddleware
from api.routes import api_router
from core.config import settings
from core.errors import AuthenticationFailed, DomainError, RequestInProgress, TooManyRequests


def _operation_id(route: APIRoute) -> str:
    """Stable operation ids (`auth-register`) so a generated client reads well."""
    tag = route.tags[0] if route.tags else "default"
    return f"{tag}-{route.name}"


class LimitConcurrency:
    """At most `limit` HTTP requests inside the app at once; the others wait their turn here.

    A request keeps its database connection across FastAPI's hops between threads (auth
    dependency, endpoint, session clean-up). With more requests in flight than pooled
    connections, those holding a connection wait for a thread while every thread waits for a
    connection, until the pool's 30 s timeout turns them into 500s. With no more requests than
    connections (`pool_size + max_overflow` in `core.db`), every checkout is immediate.
    """

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.semaphore = asyncio.Semaphore(limit)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        async with self.semaphore:
            await self.app(scope, receive, send)


class RefuseNul:
    """A URL whose path or query holds a NUL character (`%00`) is answered 422 at once: no
    parameter may hold one, and PostgreSQL text cannot, so it must not reach a query."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and (
            b"%00" in scope.get("query_string", b"")
            or "\x00" in scope["path"]
            or b"%00" in scope.get("raw_path", b"")
        ):
            answer = JSONResponse(
                {"detail": "the URL contains a NUL character (%00), which no parameter may hold"},
                status_code=422,
            )
            await answer(scope, receive, send)
            return
        await self.app(scope, receive, send)


def create_app(*, frontend_dist: Path | None = None) -> FastAPI:
    """The API; with the built front end too when `frontend_dist` (default: the setting) holds
    one, i.e. after `npm run build` in frontend/."""
    app = FastAPI(
        title="Skyqueue",
        description="Flight search and booking: bookings and imports are jobs decided by workers.",
        generate_unique_id_function=_operation_id,
    )
    app.include_router(api_router)
    app.add_middleware(LimitConcurrency, limit=settings.db_pool_size * 2)
    app.add_middleware(RefuseNul)

    @app.exception_handler(DomainError)
    async def _domain_error(_: Request, error: DomainError) -> JSONResponse:
        headers = (
            {"WWW-Authenticate": "Bearer"} if isinstance(error, AuthenticationFailed) else None
        )
        if isinstance(error, RequestInProgress | TooManyRequests):
            headers = {"Retry-After": str(error.retry_after)}
        return JSONResponse({"detail": str(error)}, status_code=error.status_code, headers=headers)

    dist = frontend_dist or settings.frontend_dist
    if (dist / "index.html").is_file():
        docs = (app.docs_url, app.redoc_url, app.openapi_url, app.swagger_ui_oauth2_redirect_url)
        app.add_middleware(
            FrontendMiddleware, dist=dist, api_paths=[path for path in docs if path is not None]
        )
    return app


app = create_app()
