import time
import uuid

from core.cache import redis_client
from workers.system import ping, pong_key


def test_ping_runs_through_a_real_broker_and_worker(worker):
    token = uuid.uuid4().hex
    ping.send(token)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and redis_client.get(pong_key(token)) is None:
        time.sleep(0.05)
    assert redis_client.get(pong_key(token)) == b"pong", worker.output()
