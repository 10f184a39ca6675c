"""All routers, collected in one place."""

from fastapi import APIRouter

from api.routes import (
    admin_bookings,
    admin_flights,
    admin_orders,
    admin_users,
    airports,
    auth,
    bookings,
    config,
    health,
    imports,
    orders,
    search,
)

api_router = APIRouter()
api_router.include_router(auth.router)
api_router.include_router(health.router)
api_router.include_router(config.router)
api_router.include_router(search.router)
api_router.include_router(airports.router)
api_router.include_router(admin_flights.router)
api_router.include_router(admin_bookings.router)
api_router.include_router(admin_orders.router)
api_router.include_router(admin_users.router)
api_router.include_router(imports.router)
api_router.include_router(bookings.router)
api_router.include_router(orders.router)
