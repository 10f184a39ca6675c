import redis

from api.routes import health


def test_health_reports_both_stores_ok(client):
    answer = client.get("/api/v1/health")
    assert answer.status_code == 200
    assert answer.json() == {"status": "ok", "postgres": "ok", "redis": "ok"}


def test_health_is_503_when_redis_is_down(client, monkeypatch):
    dead = redis.Redis(host="127.0.0.1", port=1, socket_connect_timeout=0.5)
    monkeypatch.setattr(health, "get_redis", lambda: dead)
    answer = client.get("/api/v1/health")
    assert answer.status_code == 503
    assert answer.json()["postgres"] == "ok"
    assert answer.json()["redis"].startswith("error")
