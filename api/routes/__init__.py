"""All routers, collected in one place."""

from fastapi import APIRouter

from api.routes import auth, health, imports

api_router = APIRouter()
api_router.include_router(auth.router)
api_router.include_router(health.router)
api_router.include_router(imports.router)
