"""Every table, imported once so that SQLModel's metadata knows them all (Alembic reads it)."""

from core.bookings.models import Booking
from core.flights.models import Flight
from core.imports.models import ImportFileChunk, ImportJob, ImportRejection
from core.orders.models import CancellationQuote, Order, Passenger, Ticket
from core.users.models import User

__all__ = [
    "Booking",
    "CancellationQuote",
    "Flight",
    "ImportFileChunk",
    "ImportJob",
    "ImportRejection",
    "Order",
    "Passenger",
    "Ticket",
    "User",
]
