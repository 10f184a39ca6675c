"""What clients send and receive about accounts: registration, the public user, a token."""

import uuid
from datetime import datetime

from pydantic import field_validator
from sqlmodel import Field, SQLModel

USERNAME_PATTERN = r"^[A-Za-z0-9_.-]{3,32}$"


class UserRegister(SQLModel):
    """What a client may send to register: never `is_admin`."""

    username: str = Field(
        description="3–32 letters, digits, _ . -", schema_extra={"pattern": USERNAME_PATTERN}
    )
    password: str = Field(min_length=8, max_length=128)

    @field_validator("password")
    @classmethod
    def _not_blank_or_trivial(cls, password: str) -> str:
        if not password.strip():
            raise ValueError("password must not be blank")
        if len(set(password)) < 4:
            raise ValueError("password is too simple: use at least 4 different characters")
        return password


class UserPublic(SQLModel):
    id: uuid.UUID
    username: str
    is_admin: bool
    created_at: datetime


class Token(SQLModel):
    access_token: str
    token_type: str = "bearer"
    expires_in: int
