"""The shared Redis client (search cache, markers, rate limits), built on first use so that a
test or a benchmark can point REDIS_URL elsewhere first. The broker keeps its own pool
(`core.dispatch`)."""

import functools

import redis

from core.config import settings


@functools.cache
def get_redis() -> redis.Redis:
    return redis.Redis.from_url(
        settings.redis_url, socket_connect_timeout=2, socket_timeout=5, health_check_interval=30
    )
