from fastapi import APIRouter

from core.models import SiteConfig

router = APIRouter(prefix="/api/v1", tags=["config"])


@router.get("/config")
def site_config() -> SiteConfig:
    """What a client needs to know about this deployment before it has any flight to show,
    such as the currency an administrator types prices in."""
    return SiteConfig()
