"""Column helpers shared by the tables: timestamps (`timestamptz`, set by the database) and a status
CHECK. Statuses are stored as TEXT with a CHECK constraint rather than a PostgreSQL ENUM, so
adding a status is a one-line migration. The schema itself is created by Alembic
(`migrations/`), never by `create_all`.
"""

import re
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    CheckConstraint,
    Column,
    ColumnElement,
    DateTime,
    func,
)
from sqlmodel import Field


def created_column() -> Any:
    return Field(
        default=None,
        sa_column=Column(DateTime(timezone=True), nullable=False, server_default=func.now()),
    )


def updated_column() -> Any:
    return Field(
        default=None,
        sa_column=Column(
            DateTime(timezone=True), nullable=False, server_default=func.now(), onupdate=func.now()
        ),
    )


def tstz_column(*, nullable: bool = True) -> Any:
    return Field(default=None, sa_column=Column(DateTime(timezone=True), nullable=nullable))


def check_in(column: str, values: type[StrEnum]) -> CheckConstraint:
    allowed = ", ".join(f"'{v.value}'" for v in values)
    return CheckConstraint(f"{column} IN ({allowed})", name=f"{column}_valid")


def contains_text(column: Any, part: str) -> ColumnElement[bool]:
    """Whether the text column holds `part`, in any case (LIKE's wildcards in `part` are taken
    literally)."""
    pattern = "%" + re.sub(r"([\\%_])", r"\\\1", part.strip().lower()) + "%"
    return func.lower(column).like(pattern)
