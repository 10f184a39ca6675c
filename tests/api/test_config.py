from core.config import settings


def test_config_names_the_currency_without_logging_in(client, monkeypatch):
    assert client.get("/api/v1/config").json()["currency"] == "EUR"
    monkeypatch.setattr(settings, "currency", "JPY")
    assert client.get("/api/v1/config").json()["currency"] == "JPY"
