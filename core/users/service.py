"""Users: registration, authentication, admin rights."""

import uuid

from sqlalchemy import func
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from core.errors import AuthenticationFailed, InvalidRequest, NotFound, UsernameTaken
from core.users.models import User
from core.users.security import hash_password, verify_password


def create_user(session: Session, *, username: str, password: str, is_admin: bool = False) -> User:
    user = User(username=username, hashed_password=hash_password(password), is_admin=is_admin)
    session.add(user)
    try:
        session.flush()
    except IntegrityError as error:
        session.rollback()
        raise UsernameTaken(username) from error
    return user


def get_user_by_username(session: Session, *, username: str) -> User | None:
    """The account of that name, in any case."""
    if "\x00" in username:  # no username holds one (and PostgreSQL text cannot)
        return None
    return session.exec(select(User).where(func.lower(User.username) == username.lower())).first()


def get_user(session: Session, *, user_id: uuid.UUID) -> User | None:
    return session.get(User, user_id)


def authenticate(session: Session, *, username: str, password: str) -> User:
    user = get_user_by_username(session, username=username)
    hashed = user.hashed_password if user else None
    session.rollback()  # the connection goes back to the pool while the password is checked
    if not verify_password(password, hashed) or user is None:
        raise AuthenticationFailed("incorrect username or password")
    return user


def change_password(session: Session, *, user: User, current: str, new: str) -> User:
    """A new password for the account, which ends every login made before (their tokens carry
    the old token version); the caller commits and gives the user a new token."""
    hashed = user.hashed_password
    session.rollback()  # the connection goes back to the pool while the passwords are hashed
    if not verify_password(current, hashed):
        # Not a 401: the login itself is valid, only this password is wrong.
        raise InvalidRequest("the current password is not right")
    user.hashed_password = hash_password(new)
    user.token_version += 1
    session.add(user)
    return user


def end_sessions(session: Session, *, username: str) -> User:
    """End every login of the account (an administrator's action, e.g. for a stolen token)."""
    user = get_user_by_username(session, username=username)
    if user is None:
        raise NotFound(f"no user named {username!r}")
    user.token_version += 1
    session.add(user)
    return user


def set_admin(session: Session, *, username: str, is_admin: bool = True) -> User:
    user = get_user_by_username(session, username=username)
    if user is None:
        raise NotFound(f"no user named {username!r}")
    user.is_admin = is_admin
    session.add(user)
    return user
