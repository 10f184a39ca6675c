"""What every scenario shares: settings from the environment and a once-per-user login.

SKYQUEUE_LOAD_FLIGHTS   comma-separated flight ids to book on (set by loadtests/run.py)
SKYQUEUE_LOAD_RETURNS   comma-separated flight ids back, for round-trip orders (likewise)
SKYQUEUE_LOAD_PASSWORD  password of the simulated travellers (default: a fixed test password)
SKYQUEUE_LOAD_POLLS     how many times a traveller polls a booking before giving up (default 60)
SKYQUEUE_LOAD_POLL_INTERVAL  seconds between two polls (default 0.25)
"""

import os
import time
import uuid
from collections.abc import Callable
from typing import Any

from locust import HttpUser

FLIGHT_IDS = [f for f in os.environ.get("SKYQUEUE_LOAD_FLIGHTS", "").split(",") if f]
RETURN_IDS = [f for f in os.environ.get("SKYQUEUE_LOAD_RETURNS", "").split(",") if f]
PASSWORD = os.environ.get("SKYQUEUE_LOAD_PASSWORD", "load-test-pass-9")
MAX_POLLS = int(os.environ.get("SKYQUEUE_LOAD_POLLS", "60"))
POLL_INTERVAL = float(os.environ.get("SKYQUEUE_LOAD_POLL_INTERVAL", "0.25"))


def log_in(user: HttpUser) -> None:
    """Register a fresh account and keep its bearer token on the client.

    Once per simulated user: an argon2 hash costs about a tenth of a second, so logging in per
    task would measure the password hash, not the booking system.
    """
    username = f"load_{uuid.uuid4().hex[:12]}"
    user.client.post(
        "/api/v1/auth/register",
        json={"username": username, "password": PASSWORD},
        name="/api/v1/auth/register",
    )
    log_in_as(user, username, PASSWORD)


def log_in_as(user: HttpUser, username: str, password: str) -> None:
    """Log in to an existing account and keep its bearer token on the client."""
    answer = user.client.post(
        "/api/v1/auth/token",
        data={"username": username, "password": password},
        name="/api/v1/auth/token",
    )
    answer.raise_for_status()
    user.client.headers["Authorization"] = f"Bearer {answer.json()['access_token']}"


def accepted(user: HttpUser, path: str, *, name: str, what: str, **request: Any) -> Any:
    """POST `path` (with `request`'s json, files or headers); the answer's body when it is 202
    Accepted, else None and the request reported failed ("`what` not accepted")."""
    with user.client.post(path, name=name, catch_response=True, **request) as answer:
        if answer.status_code != 202:
            answer.failure(f"{what} not accepted: {answer.status_code} {answer.text[:200]}")
            return None
        return answer.json()


def watch(
    user: HttpUser,
    *,
    path: str,
    name: str,
    until: set[str],
    what: str,
    fault: Callable[[dict], str | None] = lambda body: None,
    polls: int = MAX_POLLS,
    interval: float = POLL_INTERVAL,
) -> str | None:
    """Poll `path` until its status is one of `until`; the status, or None (a failed poll, or
    still undecided after `polls`, reported as a failure named `what decided`). A poll whose
    body `fault` finds wrong (a message) is reported failed."""
    for _ in range(polls):
        with user.client.get(path, name=name, catch_response=True) as answer:
            if answer.status_code != 200:
                answer.failure(f"poll failed: {answer.status_code}")
                return None
            body = answer.json()
            if problem := fault(body):
                answer.failure(problem)
            if body["status"] in until:
                return str(body["status"])
        time.sleep(interval)
    user.environment.events.request.fire(
        request_type="POLL",
        name=f"{what} decided",
        response_time=0,
        response_length=0,
        exception=TimeoutError(f"{path} still undecided after {polls} polls"),
    )
    return None
