from datetime import timedelta

import jwt
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from api.deps import AdminUser, get_session
from core.config import settings
from core.users import security
from core.users.models import User
from core.users.security import create_access_token
from tests.factories import auth_headers, make_user


def register(client, username="alice", password="s3cret-enough"):
    return client.post("/api/v1/auth/register", json={"username": username, "password": password})


def login(client, username, password):
    return client.post("/api/v1/auth/token", data={"username": username, "password": password})


def test_register_creates_an_ordinary_user(client):
    answer = register(client)
    assert answer.status_code == 201
    assert answer.json()["username"] == "alice"
    assert answer.json()["is_admin"] is False
    assert "hashed_password" not in answer.json()


def test_register_ignores_is_admin_from_the_client(client, session):
    answer = client.post(
        "/api/v1/auth/register",
        json={"username": "mallory", "password": "s3cret-enough", "is_admin": True},
    )
    assert answer.status_code == 201
    assert answer.json()["is_admin"] is False
    assert session.get(User, answer.json()["id"]).is_admin is False


def test_register_hashes_with_argon2(client, session):
    user_id = register(client).json()["id"]
    assert session.get(User, user_id).hashed_password.startswith("$argon2")


def test_duplicate_username_is_409(client):
    assert register(client).status_code == 201
    answer = register(client, password="another-pass-1")
    assert answer.status_code == 409
    assert "already taken" in answer.json()["detail"]


def test_a_username_is_one_account_whatever_its_case(client):
    assert register(client, "Alice_D", "s3cret-enough").status_code == 201
    clash = register(client, "alice_d", "another-pass-1")
    assert clash.status_code == 409
    assert clash.json()["detail"] == "the username 'alice_d' is already taken"
    assert login(client, "ALICE_D", "s3cret-enough").status_code == 200


@pytest.mark.parametrize(
    ("password", "why"),
    [("", "at least 8"), ("short", "at least 8"), ("        ", "blank"), ("aaaaaaaa", "simple")],
)
def test_weak_or_empty_password_is_422(client, password, why):
    answer = register(client, password=password)
    assert answer.status_code == 422
    assert why in str(answer.json()["detail"])


@pytest.mark.parametrize("username", ["", "ab", "has space", "x" * 33, "semi;colon"])
def test_malformed_username_is_422(client, username):
    assert register(client, username=username).status_code == 422


def test_token_then_me(client):
    register(client)
    answer = login(client, "alice", "s3cret-enough")
    assert answer.status_code == 200
    body = answer.json()
    assert body["token_type"] == "bearer"
    assert body["expires_in"] == settings.access_token_expire_minutes * 60
    claims = jwt.decode(body["access_token"], options={"verify_signature": False})
    assert claims["exp"] > claims["iat"]
    me = client.get("/api/v1/auth/me", headers={"Authorization": f"Bearer {body['access_token']}"})
    assert me.status_code == 200
    assert me.json()["username"] == "alice"


def test_wrong_password_is_401(client):
    register(client)
    answer = login(client, "alice", "not-the-password")
    assert answer.status_code == 401
    assert answer.json()["detail"] == "incorrect username or password"


def test_unknown_user_is_401_with_the_same_message_after_the_same_work(client, monkeypatch):
    hashes = []
    real_verify = security.pwd_context.verify

    def counted(secret: str, hashed: str) -> bool:
        hashes.append(hashed)
        return real_verify(secret, hashed)

    monkeypatch.setattr(security.pwd_context, "verify", counted)
    register(client)
    wrong = login(client, "alice", "not-the-password")
    unknown = login(client, "nobody", "whatever-pass")
    assert unknown.status_code == wrong.status_code == 401
    assert unknown.json() == wrong.json() == {"detail": "incorrect username or password"}
    # An argon2 verification either way: the answer takes as long for a missing account.
    assert len(hashes) == 2
    assert all(hashed.startswith("$argon2") for hashed in hashes)


def test_me_without_a_token_is_401(client):
    assert client.get("/api/v1/auth/me").status_code == 401


def test_expired_token_is_401(client, session):
    user = make_user(session)
    token = create_access_token(user, expires_in=timedelta(seconds=-1))
    answer = client.get("/api/v1/auth/me", headers={"Authorization": f"Bearer {token}"})
    assert answer.status_code == 401
    assert "expired" in answer.json()["detail"]


def test_tampered_token_is_401(client, session):
    user, other = make_user(session), make_user(session)
    header, _, signature = create_access_token(user).split(".")
    forged_claims = jwt.encode({"sub": str(other.id), "exp": 4102444800}, "g" * 32).split(".")[1]
    token = f"{header}.{forged_claims}.{signature}"
    answer = client.get("/api/v1/auth/me", headers={"Authorization": f"Bearer {token}"})
    assert answer.status_code == 401
    assert answer.json()["detail"] == "the access token is not valid"


def test_token_signed_with_another_secret_is_401(client, session):
    user = make_user(session)
    token = jwt.encode({"sub": str(user.id), "exp": 4102444800}, "y" * 40, algorithm="HS256")
    assert (
        client.get("/api/v1/auth/me", headers={"Authorization": f"Bearer {token}"}).status_code
        == 401
    )


def test_token_of_a_deleted_user_is_401(client, session):
    user = make_user(session)
    headers = auth_headers(user)
    session.delete(user)
    session.commit()
    assert client.get("/api/v1/auth/me", headers=headers).status_code == 401


@pytest.fixture
def admin_only_client(session):
    """A small app with one route behind the `AdminUser` dependency."""
    app = FastAPI()

    @app.get("/admin-only")
    def admin_only(admin: AdminUser) -> dict[str, str]:
        return {"admin": admin.username}

    app.dependency_overrides[get_session] = lambda: session
    return TestClient(app)


def test_non_admin_on_an_admin_dependency_is_403(admin_only_client, session):
    answer = admin_only_client.get("/admin-only", headers=auth_headers(make_user(session)))
    assert answer.status_code == 403


def test_admin_passes_the_admin_dependency(admin_only_client, session):
    admin = make_user(session, admin=True)
    answer = admin_only_client.get("/admin-only", headers=auth_headers(admin))
    assert answer.status_code == 200
    assert answer.json() == {"admin": admin.username}


def test_anonymous_on_an_admin_dependency_is_401(admin_only_client):
    assert admin_only_client.get("/admin-only").status_code == 401


@pytest.mark.parametrize(
    "changes",
    [{"iss": "another-service"}, {"aud": "another-api"}, {"aud": None}, {"ver": None}],
    ids=["issuer", "audience", "no audience", "no version"],
)
def test_a_token_for_another_service_or_without_its_claims_is_401(client, session, changes):
    user = make_user(session)
    claims = {"sub": str(user.id), "ver": 0, "iss": "skyqueue", "aud": "skyqueue-api",
              "exp": 4102444800, **changes}  # fmt: skip
    claims = {name: value for name, value in claims.items() if value is not None}
    token = jwt.encode(claims, settings.jwt_secret, algorithm="HS256")
    answer = client.get("/api/v1/auth/me", headers={"Authorization": f"Bearer {token}"})
    assert answer.status_code == 401
    assert answer.json()["detail"] == "the access token is not valid"


def bearer(answer) -> dict[str, str]:
    return {"Authorization": f"Bearer {answer.json()['access_token']}"}


def change(client, headers, current, new):
    body = {"current_password": current, "new_password": new}
    return client.post("/api/v1/auth/password", headers=headers, json=body)


def test_a_new_password_ends_every_earlier_login_and_gives_a_new_token(client, session):
    assert register(client, "carol", "old-pass-1").status_code == 201
    phone = bearer(login(client, "carol", "old-pass-1"))
    laptop = bearer(login(client, "carol", "old-pass-1"))
    wrong = change(client, phone, "guess-123", "new-pass-2")
    assert wrong.status_code == 422  # the login stays valid
    assert wrong.json()["detail"] == "the current password is not right"
    changed = change(client, phone, "old-pass-1", "new-pass-2")
    assert changed.status_code == 200, changed.text
    assert client.get("/api/v1/auth/me", headers=bearer(changed)).status_code == 200
    for old in (phone, laptop):
        refused = client.get("/api/v1/auth/me", headers=old)
        assert refused.status_code == 401
        assert refused.json()["detail"].startswith("this login is no longer valid")
    assert login(client, "carol", "old-pass-1").status_code == 401
    assert login(client, "carol", "new-pass-2").status_code == 200


def test_an_administrator_ends_a_user_s_sessions(client, session):
    user = make_user(session)
    headers = auth_headers(user)
    admin = auth_headers(make_user(session, admin=True))
    assert (
        client.post(f"/admin/users/{user.username}/end-sessions", headers=headers).status_code
        == 403
    )
    ended = client.post(f"/admin/users/{user.username}/end-sessions", headers=admin)
    assert ended.status_code == 200
    assert client.get("/api/v1/auth/me", headers=headers).status_code == 401
    assert client.post("/admin/users/nobody_here/end-sessions", headers=admin).status_code == 404
