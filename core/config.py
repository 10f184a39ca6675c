"""The one settings object, read from the environment (or `.env`), with loopback defaults."""

import re
from decimal import Decimal
from pathlib import Path
from typing import Literal

from pydantic import PositiveInt, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

CURRENCY_CODE = re.compile(r"[A-Z]{3}")


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    environment: Literal["development", "test", "production"] = "development"

    database_url: str = "postgresql+psycopg://postgres@127.0.0.1:5432/skyqueue"
    redis_url: str = "redis://127.0.0.1:6379/0"
    # Other sites' pages that may call the API from a browser (CORS), e.g.
    # ["https://book.example.com"]; none by default: the web app is served from the API's origin.
    cors_origins: list[str] = []
    # A request body (JSON, forms) larger than this is answered 413 unread; CSV uploads have
    # IMPORT_MAX_UPLOAD_BYTES instead.
    max_body_bytes: int = 1024 * 1024
    # Applied to every database session: a worker blocked on a lock or a slow statement gives up
    # instead of hanging (Dramatiq's time limit cannot interrupt a thread blocked on a socket).
    db_statement_timeout_ms: int = 30_000
    db_lock_timeout_ms: int = 10_000
    db_pool_size: int = 20
    # Password hashes (argon2, ~120 ms of a core each) computed at once per process; the other
    # logins and registrations wait their turn so that the requests around them keep a core.
    password_hash_concurrency: PositiveInt = 1
    # Workers serve Prometheus metrics on this port when it is set (`workers.metrics`), from
    # files their processes share in this directory (a temporary one when empty).
    worker_metrics_port: int = 0
    worker_metrics_host: str = "127.0.0.1"
    worker_metrics_dir: str = ""

    # Broker tuning: a worker that stops heart-beating for this long is presumed dead and its
    # unacknowledged messages are requeued by the next maintenance pass, which runs on this many
    # broker commands out of a million (Dramatiq's defaults, 60 s and 0.1 %, mean minutes).
    broker_heartbeat_timeout_ms: int = 15_000
    broker_maintenance_chance: int = 50_000
    broker_max_retries: int = 12
    actor_time_limit_ms: int = 60_000

    # Search cache (Redis, cache-aside): cached searches may show seat counts up to this old;
    # any change to flights retires every cached entry at once (see core.search.cache).
    search_cache_ttl_seconds: int = 30
    airports_cache_ttl_seconds: int = 300

    # Connections in search: the least time between landing and the next departure (minutes),
    # longer at the airports listed ("LHR=90,JFK=90"), longer still when the traveller changes
    # airport within a city (LGW to LHR), and the longest wait offered between two flights.
    min_connection_minutes: int = 60
    min_connection_minutes_at: str = "LHR=90,CDG=90,JFK=90,FRA=60,AMS=50,ATL=55,DXB=75,SIN=60"
    airport_change_minutes: int = 240
    max_layover_minutes: int = 24 * 60

    # CSV imports: the largest upload accepted, rows parsed and written per transaction, the
    # size of the pieces the file is stored in, how many rejected rows the status answer lists
    # (all of them are in the errors CSV), and how long one import may run.
    import_max_upload_bytes: int = 200 * 1024 * 1024
    import_max_rows: int = 5_000_000
    import_chunk_rows: int = 50_000
    import_file_piece_bytes: int = 1024 * 1024
    import_max_reported_errors: int = 100
    import_time_limit_ms: int = 3_600_000
    # The sweep sends again an import QUEUED or RUNNING without progress for this long that no
    # worker is running (its message was lost); one whose upload could not send it, at its next
    # pass.
    import_sweep_after_seconds: int = 120

    # Bookings. The allocator decides up to `booking_batch_size` of a flight's oldest PENDING
    # bookings per transaction, and hands the rest on to a new message after
    # `booking_allocate_budget_ms` so one message never runs into the actor time limit.
    booking_batch_size: int = 100
    booking_allocate_budget_ms: int = 5_000
    booking_actor_time_limit_ms: int = 30_000
    # A short-lived Redis marker per flight: at most one "allocate for this flight" message waits
    # at a time (the sweep is the safety net if a marker outlives its message).
    booking_marker_ttl_seconds: int = 60
    # The sweep re-enqueues bookings PENDING (or cancels requested and not done) for longer than
    # this, and the settlement of flights cancelled longer ago that still have PENDING or
    # CONFIRMED bookings, every `sweep_interval_seconds` (`python -m workers.scheduler`).
    booking_sweep_after_seconds: int = 30
    sweep_interval_seconds: int = 10
    # Abuse limits, per minute (0: no limit). Finding an order by reference and family name (no
    # login) per client, so that references cannot be guessed by brute force; logins per
    # account and per client, so that passwords cannot be; registrations per client; orders and
    # bookings asked for, and reads of them (polling), per user.
    lookup_per_minute: int = 10
    logins_per_account_per_minute: int = 10
    logins_per_client_per_minute: int = 30
    registrations_per_client_per_minute: int = 5
    orders_per_user_per_minute: int = 60
    # Seats one traveller's account may hold (HELD or CONFIRMED) on one flight: an order beyond
    # it is refused, or decided FAILED if others took it there meanwhile (0: no cap).
    seats_per_traveller_per_flight: int = 20
    reads_per_user_per_minute: int = 600
    # Whether the seed's `POST /api/v1/bookings` holds its seats for payment too, as orders do
    # (otherwise its one-segment orders are decided straight to CONFIRMED).
    bookings_hold: bool = False
    # How long a HELD order keeps its seats before it must be paid.
    order_hold_minutes: int = 15
    # Fare rules for cancelling a paid order: a full refund within `refund_full_within_hours` of
    # payment while departure is at least `refund_full_days_before` days away; otherwise the
    # price less `cancellation_fee` per passenger and flight; nothing once a flight departed. A
    # quote holds for `quote_valid_minutes`.
    refund_full_within_hours: int = 24
    refund_full_days_before: int = 7
    cancellation_fee: Decimal = Decimal("50.00")
    quote_valid_minutes: int = 15
    # What `Retry-After` tells a client polling a PENDING booking or retrying a request in flight.
    booking_retry_after_seconds: int = 1

    # The one currency of every price (flights, bookings), as an ISO 4217 code; the API gives it
    # beside every price it sends.
    currency: str = "EUR"

    # Signs access tokens: 32+ random characters. None is published: `make run` writes a random
    # one to `.env` once (scripts/secret.py) and the API refuses to start without one.
    jwt_secret: str = ""
    jwt_algorithm: str = "HS256"
    access_token_expire_minutes: int = 60

    # The built web front end (`npm run build` in frontend/); the API serves it when it exists.
    frontend_dist: Path = Path(__file__).resolve().parents[1] / "frontend" / "dist"

    @field_validator("database_url")
    @classmethod
    def _use_psycopg_driver(cls, url: str) -> str:
        for prefix in ("postgresql://", "postgres://"):
            if url.startswith(prefix):
                return "postgresql+psycopg://" + url.removeprefix(prefix)
        return url

    @field_validator("currency")
    @classmethod
    def _iso_4217_code(cls, code: str) -> str:
        if not CURRENCY_CODE.fullmatch(code):
            raise ValueError(
                f"CURRENCY must be an ISO 4217 currency code of three upper-case letters, such as "
                f"EUR, USD or GBP (got {code!r})"
            )
        return code

    @model_validator(mode="after")
    def _refuse_a_weak_secret_in_production(self) -> "Settings":
        if self.environment == "production" and (problem := self.secret_problem()):
            raise ValueError(problem)
        return self

    def secret_problem(self) -> str | None:
        """Why JWT_SECRET cannot sign tokens, or None: unset, short, or too few distinct
        characters to be random."""
        if len(self.jwt_secret) >= 32 and len(set(self.jwt_secret)) >= 12:
            return None
        return (
            "JWT_SECRET must be set to a random value of at least 32 characters (`make run` "
            "writes one to .env; elsewhere: python -c 'import secrets; "
            "print(secrets.token_urlsafe(48))')"
        )


settings = Settings()
