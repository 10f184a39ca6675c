"""Password hashing (argon2 through passlib's CryptContext) and JWT access tokens."""

import threading
import uuid
from datetime import UTC, datetime, timedelta
from typing import NamedTuple

import jwt
from passlib.context import CryptContext

from core.config import settings
from core.errors import AuthenticationFailed
from core.users.models import User

pwd_context = CryptContext(schemes=["argon2"], deprecated="auto")

# Verified against when a username does not exist, so that a login costs the same either way.
_DUMMY_HASH = pwd_context.hash("not-a-real-password")


# An argon2 hash takes about 120 ms of a core. Hashing in every request thread at once would take
# every core from the requests around it (a burst of logins once held them all); at most this
# many hash at a time, the others wait their turn, without a database connection (the callers
# give theirs back first).
_hashing = threading.BoundedSemaphore(settings.password_hash_concurrency)


def hash_password(password: str) -> str:
    with _hashing:
        return pwd_context.hash(password)


def verify_password(password: str, hashed: str | None) -> bool:
    with _hashing:
        if hashed is None:
            pwd_context.verify(password, _DUMMY_HASH)
            return False
        return pwd_context.verify(password, hashed)


# Who issued a token and for whom: a token of another service sharing the secret is refused.
ISSUER = "skyqueue"
AUDIENCE = "skyqueue-api"


class TokenClaims(NamedTuple):
    user_id: uuid.UUID
    version: int


def create_access_token(user: User, *, expires_in: timedelta | None = None) -> str:
    lifetime = expires_in or timedelta(minutes=settings.access_token_expire_minutes)
    now = datetime.now(UTC)
    claims = {
        "sub": str(user.id),
        "ver": user.token_version,
        "iss": ISSUER,
        "aud": AUDIENCE,
        "iat": now,
        "exp": now + lifetime,
    }
    return jwt.encode(claims, settings.jwt_secret, algorithm=settings.jwt_algorithm)


def decode_access_token(token: str) -> TokenClaims:
    """Whom a valid token was issued to, and at which token version; expired, tampered,
    malformed or foreign tokens raise."""
    try:
        claims = jwt.decode(
            token,
            settings.jwt_secret,
            algorithms=[settings.jwt_algorithm],
            issuer=ISSUER,
            audience=AUDIENCE,
            options={"require": ["exp", "sub", "iss", "aud", "ver"]},
        )
        return TokenClaims(uuid.UUID(claims["sub"]), int(claims["ver"]))
    except jwt.ExpiredSignatureError as error:
        raise AuthenticationFailed("the access token has expired: log in again") from error
    except (jwt.InvalidTokenError, ValueError, TypeError) as error:
        raise AuthenticationFailed("the access token is not valid") from error
