import pytest
from fastapi.testclient import TestClient
from pydantic import ValidationError

from api.main import create_app
from core.config import Settings, settings

SECRET = "kR3v9Qx2mZ8pL4tW7yB1nC6fH0jD5sG2aE9uI3oP"


@pytest.mark.parametrize(
    ("secret", "why"),
    [("", "unset"), ("short-but-random-9x", "short"), ("ab" * 24, "too few characters")],
)
def test_production_refuses_a_weak_secret(secret, why):
    with pytest.raises(ValidationError, match="JWT_SECRET must be set"):
        Settings(environment="production", jwt_secret=secret)


def test_production_accepts_a_real_secret():
    assert Settings(environment="production", jwt_secret=SECRET).jwt_secret == SECRET


def test_the_api_does_not_start_without_a_secret_in_any_environment(monkeypatch):
    monkeypatch.setattr(settings, "jwt_secret", "")
    with pytest.raises(RuntimeError, match="JWT_SECRET must be set"), TestClient(create_app()):
        pass
    monkeypatch.setattr(settings, "jwt_secret", SECRET)
    with TestClient(create_app()) as client:
        assert client.get("/api/v1/config").status_code == 200


def test_the_environment_is_read(monkeypatch):
    monkeypatch.setenv("ENVIRONMENT", "production")
    monkeypatch.setenv("JWT_SECRET", "x" * 40)
    with pytest.raises(ValidationError, match="JWT_SECRET"):
        Settings()
