"""The FastAPI application: routers, domain-error mapping, and the built front end when present."""

import gc
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from fastapi.concurrency import run_in_threadpool
from fastapi.middleware.cors import CORSMiddleware
from fastapi.routing import APIRoute

from api import errors, metrics
from api.cached_answers import AnswerFromCache, CachedAnswers
from api.frontend import FrontendMiddleware
from api.middleware import LimitBody, LimitConcurrency, RefuseNul, SecurityHeaders
from api.openapi import document_errors
from api.routes import api_router
from api.routes.imports import UPLOAD_PATH
from core.config import settings
from core.search.suggestions import load_reference_data


def _operation_id(route: APIRoute) -> str:
    """Stable operation ids (`auth-register`) so a generated client reads well."""
    tag = route.tags[0] if route.tags else "default"
    return f"{tag}-{route.name}"


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    """The API does not start without a secret to sign logins with (no default is published,
    so no one can forge a token for an installation that kept it)."""
    if problem := settings.secret_problem():
        raise RuntimeError(problem)
    await run_in_threadpool(load_reference_data)  # before the first requests, not during them
    # What exists now (modules, the reference data: ~150,000 objects) lives as long as the
    # process: out of the collector's sight, or each full collection walks it, ~40 ms with every
    # request in flight waiting.
    gc.freeze()
    answers = CachedAnswers(redis_url=settings.redis_url, database_url=settings.database_url)
    app.state.cached_answers = answers
    try:
        yield
    finally:
        await answers.close()


def create_app(*, frontend_dist: Path | None = None) -> FastAPI:
    """The API; with the built front end too when `frontend_dist` (default: the setting) holds
    one, i.e. after `npm run build` in frontend/."""
    app = FastAPI(
        title="Skyqueue",
        description="Flight search and booking: bookings and imports are jobs decided by workers.",
        generate_unique_id_function=_operation_id,
        lifespan=lifespan,
    )
    app.include_router(api_router)
    errors.install(app)
    document_errors(app)
    # The last added runs first: headers on every answer, even the edge's own refusals.
    app.add_middleware(AnswerFromCache)
    app.add_middleware(LimitConcurrency, limit=settings.db_pool_size)
    app.add_middleware(LimitBody, limit=settings.max_body_bytes, exempt=(UPLOAD_PATH,))
    app.add_middleware(RefuseNul)

    dist = frontend_dist or settings.frontend_dist
    if (dist / "index.html").is_file():
        docs = (app.docs_url, app.redoc_url, app.openapi_url, app.swagger_ui_oauth2_redirect_url)
        app.add_middleware(
            FrontendMiddleware, dist=dist, api_paths=[path for path in docs if path is not None]
        )
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["GET", "POST", "PATCH"],
            allow_headers=["Authorization", "Content-Type", "Idempotency-Key"],
            expose_headers=["Location", "Retry-After", "Idempotent-Replayed"],
        )
    app.add_middleware(SecurityHeaders)
    metrics.install(app)  # outermost: a request's time includes its wait for a turn
    return app


app = create_app()
