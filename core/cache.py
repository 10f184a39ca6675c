"""The shared Redis client (search cache, markers); the Dramatiq broker keeps its own pool."""

import logging

import redis

from core.config import settings

logger = logging.getLogger(__name__)

redis_client: redis.Redis = redis.Redis.from_url(
    settings.redis_url, socket_connect_timeout=2, socket_timeout=5, health_check_interval=30
)


# Search results are cached under keys that embed a generation number; any change to flights
# bumps it, which retires every cached search and airport list at once (old keys expire by TTL).
SEARCH_GENERATION_KEY = "skyqueue:search:generation"


def search_generation() -> int:
    return int(redis_client.get(SEARCH_GENERATION_KEY) or 0)


def invalidate_search_cache() -> None:
    """Call after committing any change to flights (create, edit, cancel, import).

    With Redis unreachable the change stands (it is committed) and so does the request: the
    answers cached before it expire by their TTL.
    """
    try:
        redis_client.incr(SEARCH_GENERATION_KEY)
    except redis.RedisError as error:
        logger.warning("search cache not invalidated (%s): cached answers expire by TTL", error)
