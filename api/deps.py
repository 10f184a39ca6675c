"""Request dependencies as `Annotated` aliases: a session, the calling user, an admin."""

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, HTTPException, status
from fastapi.security import OAuth2PasswordBearer
from sqlmodel import Session

from core.db import get_engine
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
