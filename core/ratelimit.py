"""Rate limits counted in Redis, shared by every API process: a fixed window per key."""

import logging
import time

import redis

from core.errors import TooManyRequests
from core.redis import get_redis

logger = logging.getLogger(__name__)


def limit(key: str, *, per_minute: int, what: str) -> None:
    """Count one try for `key` in the current minute; past `per_minute`, refuse it (429) with
    the seconds until the window ends; `per_minute` 0 is no limit. With Redis unreachable the
    try is let through: a limit must not turn an outage into a refusal of every client."""
    if per_minute <= 0:
        return
    window = int(time.time() // 60)
    counter = f"skyqueue:limit:{key}:{window}"
    try:
        pipe = get_redis().pipeline()
        pipe.incr(counter)
        pipe.expire(counter, 120)
        tries = int(pipe.execute()[0])
    except redis.RedisError as error:
        logger.warning("rate limit for %s not counted (%s)", key, error)
        return
    if tries > per_minute:
        retry_after = 60 - int(time.time() % 60)
        raise TooManyRequests(
            f"too many {what}: try again in {retry_after} seconds",
            retry_after=retry_after,
        )
