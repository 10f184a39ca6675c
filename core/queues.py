"""What waits in the broker's queues, read from Redis where Dramatiq keeps them: for each queue,
the messages ready to run, those delayed (retries, hold expiries) and how long the oldest ready
one has waited. The broker pushes on the right and pops on the left, so the oldest is first."""

from dataclasses import dataclass

import orjson

from core.dispatch import NAMESPACE, QUEUES
from core.redis import get_redis


@dataclass(frozen=True)
class QueueState:
    queue: str
    ready: int
    delayed: int
    oldest_enqueued_ms: int | None  # when the oldest ready message was first sent


def queue_states() -> list[QueueState]:
    """Every queue's state in two Redis round trips (raises redis.RedisError when it is down)."""
    client = get_redis()
    pipe = client.pipeline(transaction=False)
    for queue in QUEUES:
        pipe.llen(f"{NAMESPACE}:{queue}")
        pipe.llen(f"{NAMESPACE}:{queue}.DQ")
        pipe.lindex(f"{NAMESPACE}:{queue}", 0)
    counts = pipe.execute()
    heads = counts[2::3]
    for queue, head in zip(QUEUES, heads, strict=True):
        pipe.hget(f"{NAMESPACE}:{queue}.msgs", head or "")
    messages = pipe.execute()
    return [
        QueueState(
            queue=queue,
            ready=counts[3 * i],
            delayed=counts[3 * i + 1],
            oldest_enqueued_ms=orjson.loads(message)["message_timestamp"] if message else None,
        )
        for i, (queue, message) in enumerate(zip(QUEUES, messages, strict=True))
    ]
