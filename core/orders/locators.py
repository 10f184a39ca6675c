"""Record locators: the six characters a traveller reads out on the phone."""

import secrets
from collections.abc import Callable
from typing import TypeVar

from sqlalchemy.dialects.postgresql import insert
from sqlmodel import Session

from core.orders.models import Order

# No look-alikes: no 0 or O, no 1 or I.
ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
LENGTH = 6
PATTERN = rf"^[{ALPHABET}]{{{LENGTH}}}$"
# Columns the database fills in itself.
_GENERATED = {"seq", "created_at", "updated_at"}
T = TypeVar("T")


def new_locator() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def with_free_locator(insert: Callable[[str], T | None], *, attempts: int = 5) -> T:
    """What `insert(locator)` stores under a fresh random locator, drawing again on the rare
    clash with another order's: the unique constraint decides (`ON CONFLICT … DO NOTHING`,
    waiting for a concurrent insert of the same locator to commit or not; `insert` answers None
    when it stored nothing), so no two orders share one, and no savepoint is spent on the
    common case."""
    for _ in range(attempts):
        stored = insert(new_locator())
        if stored is not None:
            return stored
    raise RuntimeError(f"no free record locator after {attempts} draws")


def insert_with_locator(session: Session, order: Order) -> Order:
    """Insert the order under a fresh locator (`with_free_locator`); the order as stored."""

    def insert_under(locator: str) -> Order | None:
        order.locator = locator
        values = order.model_dump(exclude=_GENERATED)
        statement = (
            insert(Order)
            .values(**values)
            .on_conflict_do_nothing(constraint="orders_locator_key")
            .returning(Order)
        )
        return session.scalars(statement).one_or_none()

    return with_free_locator(insert_under)
