"""System actors: a round trip through the broker that proves workers are consuming."""

import dramatiq

from core.search.cache import redis_client
from workers.broker import broker

PONG_TTL_SECONDS = 300


def pong_key(token: str) -> str:
    return f"skyqueue:pong:{token}"


@dramatiq.actor(actor_name="system.ping", queue_name="system", max_retries=0, broker=broker)
def ping(token: str) -> None:
    """Answer a ping by writing the token's pong key in Redis, where the sender can read it."""
    redis_client.set(pong_key(token), "pong", ex=PONG_TTL_SECONDS)
