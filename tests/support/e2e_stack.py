"""The real system for the browser end-to-end tests (frontend/e2e, Playwright's global set-up).

`python -m tests.support.e2e_stack LOG_DIR` creates a database of its own migrated by Alembic,
an administrator, then starts uvicorn (serving the built front end, frontend/dist) and the
two dramatiq workers of supervisord.conf (queues bookings and system; imports) on loopback,
with the Redis db of `SKYQUEUE_TEST_REDIS_DB`. It prints one JSON line
(`{"baseURL", "admin": {"username", "password"}}`) once everything answers, and tears it all down
(processes stopped, database dropped, Redis db flushed) when its stdin closes or it gets SIGTERM,
so that it never outlives the test run that started it.
"""

import tests.support.settings as test_settings  # noqa: I001  (must precede every core import)

import json
import signal
import sys
import threading
import uuid
from contextlib import ExitStack
from pathlib import Path

from core.redis import get_redis
from core.config import settings
from core.db import get_engine, session_scope
from core.users.service import create_user
from tests.support.processes import ONE_ADDRESS_LIMITS, ROOT, running_api, running_worker
from tests.support.scratch_db import scratch_database


def _stop_on_sigterm(stop: threading.Event) -> None:
    signal.signal(signal.SIGTERM, lambda *_: stop.set())


def _wait_for_stdin_eof(stop: threading.Event) -> None:
    sys.stdin.read()
    stop.set()


def main(log_dir: Path) -> None:
    if not (settings.frontend_dist / "index.html").is_file():
        raise SystemExit(f"no built front end in {settings.frontend_dist}: run `npm run build`")
    log_dir.mkdir(parents=True, exist_ok=True)
    stop = threading.Event()
    _stop_on_sigterm(stop)
    threading.Thread(target=_wait_for_stdin_eof, args=(stop,), daemon=True).start()

    with scratch_database(test_settings.TEST_DB_URL), ExitStack() as running:
        running.callback(get_redis().flushdb)
        running.callback(get_engine().dispose)
        get_redis().flushdb()
        admin = {"username": f"admin_{uuid.uuid4().hex[:8]}", "password": "e2e-admin-secret"}
        with session_scope() as session:
            create_user(session, **admin, is_admin=True)
        api = running_api(log_dir / "api.log", env=ONE_ADDRESS_LIMITS)
        base_url = running.enter_context(api)
        running.enter_context(running_worker(log_dir / "worker.log", queues=["bookings", "system"]))
        running.enter_context(
            running_worker(log_dir / "importer.log", threads=1, queues=["imports"])
        )
        print(json.dumps({"baseURL": base_url, "admin": admin}), flush=True)
        stop.wait()


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "frontend" / "test-results" / "stack")
