"""System actors: a round trip through the broker that proves workers are consuming."""

import dramatiq

from core.dispatch import PING
from core.redis import get_redis
from workers.broker import broker

PONG_TTL_SECONDS = 300


def pong_key(token: str) -> str:
    return f"skyqueue:pong:{token}"


@dramatiq.actor(actor_name=PING.name, queue_name=PING.queue, max_retries=0, broker=broker)
def ping(token: str) -> None:
    """Answer a ping by writing the token's pong key in Redis, where the sender can read it."""
    get_redis().set(pong_key(token), "pong", ex=PONG_TTL_SECONDS)
