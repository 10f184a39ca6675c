"""What clients send and receive about accounts: registration, the public user, a token."""

import uuid
from datetime import datetime
from typing import Annotated

from pydantic import AfterValidator
from sqlmodel import Field, SQLModel

USERNAME_PATTERN = r"^[A-Za-z0-9_.-]{3,32}$"


def _a_usable_password(password: str) -> str:
    if not password.strip():
        raise ValueError("password must not be blank")
    if len(set(password)) < 4:
        raise ValueError("password is too simple: use at least 4 different characters")
    return password


Password = Annotated[str, Field(min_length=8, max_length=128), AfterValidator(_a_usable_password)]


class UserRegister(SQLModel):
    """What a client may send to register: never `is_admin`."""

    username: str = Field(
        description="3–32 letters, digits, _ . -", schema_extra={"pattern": USERNAME_PATTERN}
    )
    password: Password


class PasswordChange(SQLModel):
    current_password: str = Field(max_length=128)
    new_password: Password


class UserPublic(SQLModel):
    id: uuid.UUID
    username: str
    is_admin: bool
    created_at: datetime


class Token(SQLModel):
    access_token: str
    token_type: str = "bearer"
    expires_in: int
