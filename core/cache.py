"""The shared Redis client (search cache, markers); the Dramatiq broker keeps its own pool."""

import redis

from core.config import settings

redis_client: redis.Redis = redis.Redis.from_url(
    settings.redis_url, socket_connect_timeout=2, socket_timeout=5, health_check_interval=30
)
