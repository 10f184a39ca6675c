"""The one currency of every price: any response that carries prices names it."""

from pydantic import computed_field
from sqlmodel import SQLModel

from core.config import settings


class Priced(SQLModel):
    """A response carrying prices: each such object names their currency, the deployment's one
    (`settings.currency`), so that a price is never a bare number."""

    @computed_field(  # type: ignore[prop-decorator]
        description="ISO 4217 code of the currency of the prices in this object, e.g. EUR"
    )
    @property
    def currency(self) -> str:
        return settings.currency
