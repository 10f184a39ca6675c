"""Request dependencies as `Annotated` aliases: a session, the calling user, an admin, the page
asked for."""

from collections.abc import Iterator
from typing import Annotated, Any

from fastapi import Depends, HTTPException, Query, Request, status
from fastapi.security import OAuth2PasswordBearer
from sqlmodel import Session

from core.config import settings
from core.db import get_engine
from core.pagination import MAX_PAGE, PageRequest
from core.ratelimit import limit
from core.users.models import User
from core.users.security import decode_access_token
from core.users.service import get_user

oauth2_scheme = OAuth2PasswordBearer(tokenUrl="/api/v1/auth/token")


def get_session() -> Iterator[Session]:
    with Session(get_engine()) as session:
        yield session


SessionDep = Annotated[Session, Depends(get_session)]
TokenDep = Annotated[str, Depends(oauth2_scheme)]


def current_user(session: SessionDep, token: TokenDep) -> User:
    claims = decode_access_token(token)
    user = get_user(session, user_id=claims.user_id)
    if user is None or user.token_version != claims.version:
        raise HTTPException(
            status.HTTP_401_UNAUTHORIZED,
            "this login is no longer valid (the password changed or the session was ended): "
            "log in again",
            headers={"WWW-Authenticate": "Bearer"},
        )
    return user


CurrentUser = Annotated[User, Depends(current_user)]


def current_admin(user: CurrentUser) -> User:
    if not user.is_admin:
        raise HTTPException(status.HTTP_403_FORBIDDEN, "this needs an administrator account")
    return user


AdminUser = Annotated[User, Depends(current_admin)]


def client_address(request: Request) -> str:
    """The caller's address (behind a proxy, run uvicorn with --proxy-headers so that this is
    the client's, not the proxy's)."""
    return request.client.host if request.client else "unknown"


def ordering_user(user: CurrentUser) -> User:
    """The caller, counted against ORDERS_PER_USER_PER_MINUTE."""
    limit(f"orders:{user.id}", per_minute=settings.orders_per_user_per_minute, what="orders")
    return user


def reading_user(user: CurrentUser) -> User:
    """The caller, counted against READS_PER_USER_PER_MINUTE (polling included)."""
    limit(f"reads:{user.id}", per_minute=settings.reads_per_user_per_minute, what="requests")
    return user


OrderingUser = Annotated[User, Depends(ordering_user)]
ReadingUser = Annotated[User, Depends(reading_user)]


def paging(*, default: int = 20, largest: int = 100) -> Any:
    """A dependency reading `page` and `page_size` from the query, within bounds."""

    def page_request(
        page: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 1,
        page_size: Annotated[int, Query(ge=1, le=largest)] = default,
    ) -> PageRequest:
        return PageRequest(page=page, page_size=page_size)

    return Depends(page_request)


PageDep = Annotated[PageRequest, paging()]
