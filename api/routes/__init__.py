"""All routers, collected in one place."""

from fastapi import APIRouter

from api.routes import auth, bookings, health

api_router = APIRouter()
api_router.include_router(auth.router)
api_router.include_router(health.router)
api_router.include_router(bookings.router)
