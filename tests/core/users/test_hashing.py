"""Password hashing waits its turn: a burst of logins never hashes on every core at once."""

import threading
import time

import pytest
from pydantic import ValidationError

from core.config import Settings
from core.users import security
from core.users.service import authenticate, change_password
from tests.factories import make_user


def test_no_more_hashes_run_at_once_than_the_setting_allows(monkeypatch):
    running = 0
    most = 0
    lock = threading.Lock()
    real_verify = security.pwd_context.verify

    def counted_verify(password, hashed):
        nonlocal running, most
        with lock:
            running += 1
            most = max(most, running)
        time.sleep(0.02)  # long enough for the other threads to arrive
        try:
            return real_verify(password, hashed)
        finally:
            with lock:
                running -= 1

    monkeypatch.setattr(security.pwd_context, "verify", counted_verify)
    hashed = security.hash_password("correct horse")
    answers: list[bool] = []

    def log_in() -> None:
        answers.append(security.verify_password("correct horse", hashed))

    threads = [threading.Thread(target=log_in) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert answers == [True] * 8
    assert most == 1  # PASSWORD_HASH_CONCURRENCY


@pytest.mark.parametrize("value", ["0", "-1"])
def test_the_setting_must_allow_at_least_one_hash(monkeypatch, value):
    monkeypatch.setenv("PASSWORD_HASH_CONCURRENCY", value)
    with pytest.raises(ValidationError):
        Settings()


@pytest.mark.parametrize("check", ["log in", "change password"])
def test_a_password_is_checked_without_holding_a_database_connection(committed, monkeypatch, check):
    user = make_user(committed, username="waiting_turn", password="correct horse 1")
    committed.commit()
    holding: list[bool] = []
    real_verify = security.pwd_context.verify

    def watched_verify(password, hashed):
        holding.append(committed.in_transaction())
        return real_verify(password, hashed)

    monkeypatch.setattr(security.pwd_context, "verify", watched_verify)
    if check == "log in":
        assert (
            authenticate(committed, username="WAITING_TURN", password="correct horse 1").id
            == user.id
        )
    else:
        change_password(committed, user=user, current="correct horse 1", new="correct horse 2")
        committed.commit()
        assert authenticate(committed, username="waiting_turn", password="correct horse 2")
    assert holding
    assert not any(holding)
