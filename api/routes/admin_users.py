"""Administrators and accounts: ending a user's logins."""

from typing import Annotated

from fastapi import APIRouter, Path

from api.deps import AdminUser, SessionDep
from core.users.schemas import USERNAME_PATTERN, UserPublic
from core.users.service import end_sessions

router = APIRouter(prefix="/admin/users", tags=["admin-users"])


@router.post("/{username}/end-sessions")
def end_user_sessions(
    username: Annotated[str, Path(pattern=USERNAME_PATTERN)], _: AdminUser, session: SessionDep
) -> UserPublic:
    """End every login of this account at once (a stolen token, a departing employee): each
    token issued before is refused from now on; the user logs in again."""
    user = end_sessions(session, username=username)
    session.commit()
    return UserPublic.model_validate(user, from_attributes=True)
