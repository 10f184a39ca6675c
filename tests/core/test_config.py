import pytest
from pydantic import ValidationError

from core.config import PLACEHOLDER_SECRET, Settings


def test_production_refuses_the_placeholder_secret():
    with pytest.raises(ValidationError, match="JWT_SECRET must be set"):
        Settings(environment="production", jwt_secret=PLACEHOLDER_SECRET)


def test_production_refuses_a_short_secret():
    with pytest.raises(ValidationError, match="at least 32 characters"):
        Settings(environment="production", jwt_secret="short")


def test_production_accepts_a_real_secret():
    assert Settings(environment="production", jwt_secret="s" * 40).jwt_secret == "s" * 40


def test_development_runs_with_the_default_secret():
    assert Settings(environment="development", jwt_secret=PLACEHOLDER_SECRET)


def test_the_environment_is_read(monkeypatch):
    monkeypatch.setenv("ENVIRONMENT", "production")
    monkeypatch.setenv("JWT_SECRET", PLACEHOLDER_SECRET)
    with pytest.raises(ValidationError, match="JWT_SECRET"):
        Settings()


@pytest.mark.parametrize("url", ["postgresql://u@h/db", "postgres://u@h/db"])
def test_plain_postgres_urls_use_psycopg(url):
    assert Settings(database_url=url).database_url == "postgresql+psycopg://u@h/db"


def test_prices_are_in_euros_unless_told_otherwise(monkeypatch):
    monkeypatch.delenv("CURRENCY", raising=False)
    assert Settings().currency == "EUR"
    monkeypatch.setenv("CURRENCY", "GBP")
    assert Settings().currency == "GBP"


@pytest.mark.parametrize("code", ["", "eur", "Eur", "EURO", "EU", "E1R", " EUR", "€"])
def test_a_currency_that_is_not_an_iso_4217_code_is_refused(code):
    with pytest.raises(ValidationError, match="CURRENCY must be an ISO 4217 currency code"):
        Settings(currency=code)
