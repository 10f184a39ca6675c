"""The deployment's settings a client needs before it shows anything."""

from fastapi import APIRouter
from pydantic import BaseModel, Field

from core.currency import Priced
from core.orders.payments import LocalProvider, provider

router = APIRouter(prefix="/api/v1", tags=["config"])


class TestCard(BaseModel):
    number: str
    outcome: str


class SiteConfig(Priced):
    """The deployment's settings a client may show."""

    test_cards: list[TestCard] = Field(
        description="card numbers to pay with when payments run locally (none with a real "
        "payment service)"
    )


@router.get("/config")
def site_config() -> SiteConfig:
    """What a client needs to know about this deployment before it has any flight to show,
    such as the currency an administrator types prices in and, when payments run locally,
    the test cards."""
    cards = provider.test_cards if isinstance(provider, LocalProvider) else ()
    return SiteConfig(test_cards=[TestCard(number=n, outcome=o) for n, o in cards])
