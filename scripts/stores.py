"""Make sure PostgreSQL and Redis answer at the configured URLs, and that the database exists.

    python scripts/stores.py          # start local servers if they are down, create the database

A server is only started when its URL points at this machine (loopback) and it does not answer;
the commands are the ones the machine's service scripts use.
"""

import subprocess
import sys
import time
from pathlib import Path

import psycopg
import redis
from psycopg import sql
from sqlalchemy.engine import make_url

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from core.config import settings

LOOPBACK = {"localhost", "127.0.0.1", "::1", None}
START_POSTGRES = (
    "pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql | sort -V | tail -1) main start"
)
START_REDIS = (
    'redis-server --daemonize yes --bind 127.0.0.1 --port {port} --save "" --appendonly no'
)


def _conninfo(database: str) -> str:
    url = make_url(settings.database_url)
    return psycopg.conninfo.make_conninfo(
        host=url.host or "127.0.0.1",
        port=url.port or 5432,
        user=url.username or "postgres",
        password=url.password or "",
        dbname=database,
        connect_timeout=3,
    )


def _postgres_answers() -> bool:
    try:
        psycopg.connect(_conninfo("postgres")).close()
        return True
    except psycopg.OperationalError:
        return False


def _redis_answers() -> bool:
    try:
        return bool(redis.Redis.from_url(settings.redis_url, socket_connect_timeout=2).ping())
    except redis.RedisError:
        return False


def _ensure(name: str, answers, host: str | None, start: str) -> None:
    if answers():
        return
    if host not in LOOPBACK:
        sys.exit(f"{name} at {host} does not answer, and it is not on this machine to start")
    print(f"starting {name}: {start}", flush=True)
    subprocess.run(start, shell=True, check=False)
    for _ in range(60):
        if answers():
            return
        time.sleep(0.5)
    sys.exit(f"{name} did not come up; start it by hand: {start}")


def main() -> None:
    db_url = make_url(settings.database_url)
    redis_url = make_url(settings.redis_url.replace("redis", "x", 1))
    _ensure("PostgreSQL", _postgres_answers, db_url.host, START_POSTGRES)
    _ensure(
        "Redis", _redis_answers, redis_url.host, START_REDIS.format(port=redis_url.port or 6379)
    )
    with psycopg.connect(_conninfo("postgres"), autocommit=True) as conn:
        name = db_url.database or "skyqueue"
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone():
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
            print(f"created database {name}")


if __name__ == "__main__":
    main()
