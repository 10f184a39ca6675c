"""Every table, imported once so that SQLModel's metadata knows them all (Alembic reads it)."""

from core.bookings.models import Booking
from core.flights.models import Flight
from core.imports.models import ImportFileChunk, ImportJob, ImportRejection
from core.orders.models import Order, Passenger, Ticket
from core.users.models import User

__all__ = [
    "Booking",
    "Flight",
    "ImportFileChunk",
    "ImportJob",
    "ImportRejection",
    "Order",
    "Passenger",
    "Ticket",
    "User",
]
