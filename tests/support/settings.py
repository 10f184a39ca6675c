"""Point the whole suite (and every process it starts) at a database and Redis db of its own.

Imported by `tests/conftest.py` before anything from `core`, so that `core.config.settings` is
built from these values. The database name is unique per run, so parallel runs never clash;
`SKYQUEUE_TEST_REDIS_DB` picks the Redis db index (default 15).
"""

import os
import uuid

from sqlalchemy.engine import make_url

_base = make_url(
    os.environ.get("DATABASE_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
)
if _base.drivername in ("postgresql", "postgres"):
    _base = _base.set(drivername="postgresql+psycopg")
ADMIN_DB_URL = _base.set(database="postgres")
TEST_DB_NAME = f"skyqueue_test_{uuid.uuid4().hex[:10]}"
TEST_DB_URL = _base.set(database=TEST_DB_NAME).render_as_string(hide_password=False)

_redis = make_url(os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0").replace("redis", "x", 1))
TEST_REDIS_DB = int(os.environ.get("SKYQUEUE_TEST_REDIS_DB", "15"))
TEST_REDIS_URL = f"redis://{_redis.host or '127.0.0.1'}:{_redis.port or 6379}/{TEST_REDIS_DB}"

os.environ.update(
    ENVIRONMENT="test",
    DATABASE_URL=TEST_DB_URL,
    REDIS_URL=TEST_REDIS_URL,
    JWT_SECRET="test-secret-" + uuid.uuid4().hex,
    # A dead worker's messages come back within seconds in the suite.
    BROKER_HEARTBEAT_TIMEOUT_MS="3000",
    BROKER_MAINTENANCE_CHANCE="200000",
    # An idle worker polls Redis every 100 ms at most, as in supervisord.conf and the worker image.
    dramatiq_worker_timeout="100",
    # Many tests book a flight full from one account; the seat cap is on where it is tested.
    SEATS_PER_TRAVELLER_PER_FLIGHT="0",
)
