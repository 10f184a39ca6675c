"""Request dependencies as `Annotated` aliases: a session, the calling user, an admin, the page
asked for."""

from collections.abc import Iterator
from typing import Annotated, Any

from fastapi import Depends, HTTPException, Query, status
from fastapi.security import OAuth2PasswordBearer
from sqlmodel import Session

from core.db import get_engine
from core.pagination import MAX_PAGE, PageRequest
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
    user = get_user(session, user_id=decode_access_token(token))
    if user is None:
        raise HTTPException(
            status.HTTP_401_UNAUTHORIZED,
            "the account behind this token no longer exists",
            headers={"WWW-Authenticate": "Bearer"},
        )
    return user


CurrentUser = Annotated[User, Depends(current_user)]


def current_admin(user: CurrentUser) -> User:
    if not user.is_admin:
        raise HTTPException(status.HTTP_403_FORBIDDEN, "this needs an administrator account")
    return user


AdminUser = Annotated[User, Depends(current_admin)]


def paging(*, default: int = 20, largest: int = 100) -> Any:
    """A dependency reading `page` and `page_size` from the query, within bounds."""

    def page_request(
        page: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 1,
        page_size: Annotated[int, Query(ge=1, le=largest)] = default,
    ) -> PageRequest:
        return PageRequest(page=page, page_size=page_size)

    return Depends(page_request)


PageDep = Annotated[PageRequest, paging()]
