"""The `users` table."""

import uuid
from datetime import datetime

from sqlalchemy import (
    Column,
    Index,
    Text,
    text,
)
from sqlmodel import Field, SQLModel

from core.columns import created_column


class UserBase(SQLModel):
    username: str = Field(sa_column=Column(Text, nullable=False, unique=True))


class User(UserBase, table=True):
    __tablename__ = "users"
    # One account per name whatever its case ("Alice_D" is "alice_d"), found in any case.
    __table_args__ = (Index("ux_users_username_lower", text("lower(username)"), unique=True),)

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    hashed_password: str = Field(sa_column=Column(Text, nullable=False))
    is_admin: bool = Field(default=False, sa_column_kwargs={"server_default": text("false")})
    # In every access token; raised to revoke the tokens issued before (a new password).
    token_version: int = Field(default=0, sa_column_kwargs={"server_default": text("0")})
    created_at: datetime = created_column()
