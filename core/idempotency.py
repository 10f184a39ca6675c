"""Idempotency-Key handling shared by every request that records work: while one request with
a user's key is being handled, its transaction holds the key's advisory lock, and a retry is
told to come back shortly rather than wait or record the work twice."""

import hashlib
import uuid

from sqlmodel import Session, func, select

from core.config import settings
from core.errors import RequestInProgress


def idempotency_lock_id(*, scope: str, user_id: uuid.UUID, key: str) -> int:
    """The advisory lock of one user's Idempotency-Key for one kind of request (`scope`)."""
    digest = hashlib.sha256(f"{scope}-idempotency:{user_id}:{key}".encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


def hold_idempotency_key(session: Session, *, scope: str, user_id: uuid.UUID, key: str) -> None:
    """Take the key's lock until the transaction ends, or refuse: the first request with the
    key is still being handled."""
    lock_id = idempotency_lock_id(scope=scope, user_id=user_id, key=key)
    if not session.exec(select(func.pg_try_advisory_xact_lock(lock_id))).one():
        raise RequestInProgress(
            "a request with this Idempotency-Key is still being handled; retry shortly",
            retry_after=settings.booking_retry_after_seconds,
        )
