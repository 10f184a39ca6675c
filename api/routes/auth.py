from typing import Annotated

from fastapi import APIRouter, Depends, Request, status
from fastapi.security import OAuth2PasswordRequestForm

from api.deps import CurrentUser, SessionDep, client_address
from core.config import settings
from core.ratelimit import limit
from core.users.models import User
from core.users.schemas import PasswordChange, Token, UserPublic, UserRegister
from core.users.security import create_access_token
from core.users.service import authenticate, change_password, create_user

router = APIRouter(prefix="/api/v1/auth", tags=["auth"])


def count_account_try(username: str) -> None:
    """One password tried on this account (any case), against LOGINS_PER_ACCOUNT_PER_MINUTE."""
    limit(
        f"login-account:{username.lower()[:150]}",
        per_minute=settings.logins_per_account_per_minute,
        what="login attempts for this account",
    )


def token_for(user: User) -> Token:
    return Token(
        access_token=create_access_token(user),
        expires_in=settings.access_token_expire_minutes * 60,
    )


@router.post(
    "/register",
    status_code=status.HTTP_201_CREATED,
    response_model=UserPublic,
    responses={409: {"description": "the username is taken"}},
)
def register(body: UserRegister, session: SessionDep, request: Request) -> UserPublic:
    """Create an ordinary (never admin) account."""
    limit(
        f"register:{client_address(request)}",
        per_minute=settings.registrations_per_client_per_minute,
        what="registrations from this client",
    )
    user = create_user(session, username=body.username, password=body.password)
    session.commit()
    return UserPublic.model_validate(user, from_attributes=True)


@router.post(
    "/token", response_model=Token, responses={401: {"description": "wrong username or password"}}
)
def token(
    form: Annotated[OAuth2PasswordRequestForm, Depends()], session: SessionDep, request: Request
) -> Token:
    """Log in with the OAuth2 password form; answers a bearer JWT with an expiry. Tries are
    limited per account and per client, whether they succeed or not."""
    limit(
        f"login-client:{client_address(request)}",
        per_minute=settings.logins_per_client_per_minute,
        what="login attempts from this client",
    )
    count_account_try(form.username)
    return token_for(authenticate(session, username=form.username, password=form.password))


@router.post("/password", responses={422: {"description": "the current password is wrong"}})
def new_password(body: PasswordChange, user: CurrentUser, session: SessionDep) -> Token:
    """Change your password. Every login made before ends (its token is refused from now on);
    the answer is a new token for this one."""
    count_account_try(user.username)  # a password guessed here counts as a login try
    change_password(session, user=user, current=body.current_password, new=body.new_password)
    session.commit()
    return token_for(user)


@router.get("/me", response_model=UserPublic)
def me(user: CurrentUser) -> UserPublic:
    return UserPublic.model_validate(user, from_attributes=True)
