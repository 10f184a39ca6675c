"""One paged answer for every listing: `Page[T]`, and the page a client asks for."""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, Field

T = TypeVar("T")

# No listing has a millionth page; a larger number would only overflow the query's OFFSET.
MAX_PAGE = 1_000_000


@dataclass(frozen=True)
class PageRequest:
    """Page `page` (from 1) of `page_size` items."""

    page: int
    page_size: int

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.page_size


class Page(BaseModel, Generic[T]):
    data: list[T]
    count: int = Field(description="matching items over all pages")
    page: int
    page_size: int

    @classmethod
    def of(
        cls, rows: Sequence[Any], *, count: int, request: PageRequest, item: Callable[..., T]
    ) -> "Page[T]":
        """The page of `rows`, each turned into its public form by `item` (a row that is a
        tuple is passed as arguments)."""
        data = [item(*row) if isinstance(row, tuple) else item(row) for row in rows]
        return cls(data=data, count=count, page=request.page, page_size=request.page_size)
