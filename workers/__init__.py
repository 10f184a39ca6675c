"""Dramatiq workers. `dramatiq workers` imports this module, which imports every actor module.

Each actor module declares its actors on `workers.broker.broker` explicitly, so import order
never lets an actor land on Dramatiq's default broker; their names and queues are the ones
senders use (`core.dispatch`).
"""

from workers import bookings, flights, imports, orders, system

__all__ = ["bookings", "flights", "imports", "orders", "system"]
