"""The deployment's settings a client needs before it shows anything."""

from fastapi import APIRouter

from core.currency import Priced

router = APIRouter(prefix="/api/v1", tags=["config"])


class SiteConfig(Priced):
    """The deployment's settings a client may show: for now, its currency."""


@router.get("/config")
def site_config() -> SiteConfig:
    """What a client needs to know about this deployment before it has any flight to show,
    such as the currency an administrator types prices in."""
    return SiteConfig()
