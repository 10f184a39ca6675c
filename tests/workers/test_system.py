import time
import uuid

from core import dispatch
from core.dispatch import PING, Job, make_broker, send
from core.redis import get_redis
from tests.support.processes import silent_port
from workers.system import ping, pong_key


def test_ping_runs_through_a_real_broker_and_worker(worker):
    token = uuid.uuid4().hex
    ping.send(token)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and get_redis().get(pong_key(token)) is None:
        time.sleep(0.05)
    assert get_redis().get(pong_key(token)) == b"pong", worker.output()


def test_a_send_gives_up_quickly_on_a_redis_that_does_not_answer(monkeypatch):
    with silent_port() as port:
        silent = make_broker(f"redis://127.0.0.1:{port}/0")
        monkeypatch.setattr(dispatch, "get_broker", lambda: silent)
        started = time.monotonic()
        assert not send(Job(PING, ("unsent",)))
        assert time.monotonic() - started < 4  # the broker's 2 s connect timeout
