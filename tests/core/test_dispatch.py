"""How long a message keeps trying through a store that is down."""

import dramatiq.common
from dramatiq.common import compute_backoff
from dramatiq.middleware import Retries
from sqlalchemy.exc import OperationalError

from core.config import settings
from core.dispatch import make_broker, retry_transient


def test_a_message_rides_out_minutes_of_an_outage_before_it_is_given_up(monkeypatch):
    monkeypatch.setattr(dramatiq.common, "uniform", lambda low, high: low)  # the shortest waits
    retries = next(m for m in make_broker().middleware if isinstance(m, Retries))
    waits = [compute_backoff(n, factor=retries.min_backoff, max_backoff=retries.max_backoff)[1]
             for n in range(settings.broker_max_retries)]  # fmt: skip
    assert sum(waits) >= 180_000, waits
    down = OperationalError("SELECT 1", {}, Exception("connection refused"))
    assert retry_transient(settings.broker_max_retries - 1, down)
    assert not retry_transient(settings.broker_max_retries, down)
    assert not retry_transient(0, ValueError("a bug"))
