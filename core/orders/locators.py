"""Record locators: the six characters a traveller reads out on the phone."""

import secrets

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from core.orders.models import Order

# No look-alikes: no 0 or O, no 1 or I.
ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
LENGTH = 6
PATTERN = rf"^[{ALPHABET}]{{{LENGTH}}}$"


def new_locator() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def insert_with_locator(session: Session, order: Order, *, attempts: int = 5) -> Order:
    """Insert the order under a fresh random locator, drawing again on the rare clash with
    another order's (the unique constraint decides, so concurrent inserts never share one)."""
    for attempt in range(attempts):
        order.locator = new_locator()
        try:
            with session.begin_nested():
                session.add(order)
                session.flush()
            return order
        except IntegrityError as error:
            if "orders_locator_key" not in str(error.orig) or attempt == attempts - 1:
                raise
    raise AssertionError("unreachable")
