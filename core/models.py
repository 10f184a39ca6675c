"""Tables and the request/response model families built on them.

Every key is a UUID and every timestamp is timezone-aware (`timestamptz`). Statuses are stored as
TEXT with a CHECK constraint rather than a PostgreSQL ENUM, so adding a status is a one-line
migration. The schema itself is created by Alembic (`migrations/`), never by `create_all`.
"""

import uuid
from datetime import UTC, datetime
from datetime import date as date_
from decimal import Decimal
from enum import StrEnum
from typing import Any

from pydantic import computed_field, field_serializer, field_validator, model_validator
from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    Column,
    DateTime,
    Identity,
    Index,
    Integer,
    LargeBinary,
    Numeric,
    Text,
    UniqueConstraint,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlmodel import Field, SQLModel

from core.airports import is_known_airport
from core.config import settings


def _created_at() -> Any:
    return Field(
        default=None,
        sa_column=Column(DateTime(timezone=True), nullable=False, server_default=func.now()),
    )


def _updated_at() -> Any:
    return Field(
        default=None,
        sa_column=Column(
            DateTime(timezone=True), nullable=False, server_default=func.now(), onupdate=func.now()
        ),
    )


def _tstz(*, nullable: bool = True) -> Any:
    return Field(default=None, sa_column=Column(DateTime(timezone=True), nullable=nullable))


def _check_in(column: str, values: type[StrEnum]) -> CheckConstraint:
    allowed = ", ".join(f"'{v.value}'" for v in values)
    return CheckConstraint(f"{column} IN ({allowed})", name=f"{column}_valid")


class Priced(SQLModel):
    """A response carrying prices: each such object names their currency, the deployment's one
    (`settings.currency`), so that a price is never a bare number."""

    @computed_field(  # type: ignore[prop-decorator]
        description="ISO 4217 code of the currency of the prices in this object, e.g. EUR"
    )
    @property
    def currency(self) -> str:
        return settings.currency


class SiteConfig(Priced):
    """The deployment's settings a client may show: for now, its currency."""


# --- users -----------------------------------------------------------------------------------


USERNAME_PATTERN = r"^[A-Za-z0-9_.-]{3,32}$"


class UserBase(SQLModel):
    username: str = Field(sa_column=Column(Text, nullable=False, unique=True))


class User(UserBase, table=True):
    __tablename__ = "users"
    # Finding an account whatever the case it is typed in (the admin bookings filter).
    __table_args__ = (Index("ix_users_username_lower", text("lower(username)")),)

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    hashed_password: str = Field(sa_column=Column(Text, nullable=False))
    is_admin: bool = Field(default=False, sa_column_kwargs={"server_default": text("false")})
    created_at: datetime = _created_at()


class UserRegister(SQLModel):
    """What a client may send to register: never `is_admin`."""

    username: str = Field(
        description="3–32 letters, digits, _ . -", schema_extra={"pattern": USERNAME_PATTERN}
    )
    password: str = Field(min_length=8, max_length=128)

    @field_validator("password")
    @classmethod
    def _not_blank_or_trivial(cls, password: str) -> str:
        if not password.strip():
            raise ValueError("password must not be blank")
        if len(set(password)) < 4:
            raise ValueError("password is too simple: use at least 4 different characters")
        return password


class UserPublic(SQLModel):
    id: uuid.UUID
    username: str
    is_admin: bool
    created_at: datetime


class Token(SQLModel):
    access_token: str
    token_type: str = "bearer"
    expires_in: int


# --- flights ---------------------------------------------------------------------------------


# Rules for every flight write, whether an admin's form or a CSV row (`core.imports` applies the
# same limits, vectorised). The flight number is an airline designator (two letters or digits)
# followed by one to four digits and an optional suffix letter: BA117, U21234, 6E5021, DL4A.
FLIGHT_NUMBER_PATTERN = r"^(?:[A-Z]{2}|[A-Z][0-9]|[0-9][A-Z])[0-9]{1,4}[A-Z]?$"
MIN_SEATS = 1
MAX_SEATS = 1000
# Flight times are kept within a window every layer can hold and show: Python's datetime ends at
# year 9999 and `timestamptz` at 294276, so a time near either end would be stored and then break
# every answer that shows it in another zone.
EARLIEST_FLIGHT = datetime(2000, 1, 1, tzinfo=UTC)
LATEST_FLIGHT = datetime(2100, 1, 1, tzinfo=UTC)
OUTSIDE_WINDOW = "must be from 2000-01-01 up to 2100-01-01 (UTC)"


def check_flight_time(value: datetime) -> datetime:
    """A flight time with its UTC offset, inside the window (the rule of form and import)."""
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError("give the time with its UTC offset, e.g. 2027-03-01T09:30:00+01:00")
    if not EARLIEST_FLIGHT <= value < LATEST_FLIGHT:
        raise ValueError(f"{value.isoformat()} is not a plausible flight time: {OUTSIDE_WINDOW}")
    return value


class FlightBase(SQLModel):
    flight_number: str = Field(
        description="airline code and number, e.g. BA117",
        schema_extra={"pattern": FLIGHT_NUMBER_PATTERN},
    )
    source: str = Field(
        min_length=3, max_length=3, description="IATA code of the departure airport"
    )
    destination: str = Field(
        min_length=3, max_length=3, description="IATA code of the arrival airport"
    )
    departure_ts: datetime = Field(description="with a UTC offset, e.g. 2027-03-01T09:30:00+01:00")
    arrival_ts: datetime = Field(description="with a UTC offset; after the departure")
    total_seats: int = Field(ge=MIN_SEATS, le=MAX_SEATS)
    price: Decimal = Field(ge=0, max_digits=10, decimal_places=2)

    @field_validator("flight_number", "source", "destination", mode="before")
    @classmethod
    def _upper(cls, value: object) -> object:
        return value.strip().upper() if isinstance(value, str) else value

    @field_validator("source", "destination")
    @classmethod
    def _known_airport(cls, code: str) -> str:
        if not is_known_airport(code):
            raise ValueError(f"{code} is not a known IATA airport code")
        return code

    @field_validator("departure_ts", "arrival_ts")
    @classmethod
    def _flight_time(cls, value: datetime) -> datetime:
        return check_flight_time(value)

    @model_validator(mode="after")
    def _consistent(self) -> "FlightBase":
        if self.source == self.destination:
            raise ValueError("source and destination must be different airports")
        if self.arrival_ts <= self.departure_ts:
            raise ValueError("arrival_ts must be after departure_ts")
        return self


class FlightCreate(FlightBase):
    """An admin's new flight; `available_seats` defaults to `total_seats`."""

    available_seats: int | None = Field(default=None, ge=0, le=MAX_SEATS)

    @model_validator(mode="after")
    def _available_within_total(self) -> "FlightCreate":
        if self.available_seats is not None and self.available_seats > self.total_seats:
            raise ValueError("available_seats cannot exceed total_seats")
        return self


class FlightStatus(StrEnum):
    SCHEDULED = "SCHEDULED"
    CANCELLED = "CANCELLED"


class Flight(SQLModel, table=True):
    __tablename__ = "flights"
    __table_args__ = (
        CheckConstraint(
            "available_seats BETWEEN 0 AND total_seats", name="available_seats_in_range"
        ),
        CheckConstraint("total_seats > 0", name="total_seats_positive"),
        CheckConstraint(
            "seats_sold_outside BETWEEN 0 AND total_seats - available_seats",
            name="seats_sold_outside_in_range",
        ),
        CheckConstraint("price >= 0", name="price_not_negative"),
        CheckConstraint("source <> destination", name="source_not_destination"),
        CheckConstraint("arrival_ts > departure_ts", name="arrival_after_departure"),
        CheckConstraint(
            "departure_ts >= '2000-01-01T00:00Z' AND arrival_ts < '2100-01-01T00:00Z'",
            name="times_in_window",
        ),
        _check_in("status", FlightStatus),
        UniqueConstraint("flight_number", "departure_ts", name="flights_number_departure_key"),
        Index("ix_flights_route_departure", "source", "destination", "departure_ts"),
        # The sweep's cancelled flights, to check that each one's bookings were settled.
        Index("ix_flights_cancelled", "updated_at", postgresql_where=text("status = 'CANCELLED'")),
    )

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    flight_number: str = Field(sa_column=Column(Text, nullable=False))
    source: str = Field(sa_column=Column(Text, nullable=False))
    destination: str = Field(sa_column=Column(Text, nullable=False))
    departure_ts: datetime = _tstz(nullable=False)
    arrival_ts: datetime = _tstz(nullable=False)
    total_seats: int
    available_seats: int
    # Seats sold before the flight came to Skyqueue (a CSV's or an admin's total - available):
    # set when the flight is created, kept by every edit and re-import, so that always
    # total_seats = available_seats + seats_sold_outside + seats of CONFIRMED bookings
    # (`core.invariants`).
    seats_sold_outside: int = Field(
        default=0, sa_column=Column(Integer, nullable=False, server_default=text("0"))
    )
    price: Decimal = Field(sa_column=Column(Numeric(10, 2), nullable=False))
    status: str = Field(
        default=FlightStatus.SCHEDULED,
        sa_column=Column(Text, nullable=False, server_default=FlightStatus.SCHEDULED.value),
    )
    version: int = Field(
        default=1, sa_column=Column(BigInteger, nullable=False, server_default=text("1"))
    )
    created_at: datetime = _created_at()
    updated_at: datetime = _updated_at()


class FlightUpdate(SQLModel):
    """An admin's edit: any of price, times and total seats; absent fields stay as they are.

    Total seats never go below the seats already sold (checked atomically in `core.flights`).
    """

    model_config = {"extra": "forbid"}

    price: Decimal | None = Field(default=None, ge=0, max_digits=10, decimal_places=2)
    departure_ts: datetime | None = Field(default=None, description="with a UTC offset")
    arrival_ts: datetime | None = Field(default=None, description="with a UTC offset")
    total_seats: int | None = Field(default=None, ge=MIN_SEATS, le=MAX_SEATS)

    @field_validator("departure_ts", "arrival_ts")
    @classmethod
    def _flight_time(cls, value: datetime | None) -> datetime | None:
        return None if value is None else check_flight_time(value)

    @model_validator(mode="after")
    def _something_to_change(self) -> "FlightUpdate":
        if all(getattr(self, name) is None for name in type(self).model_fields):
            raise ValueError("give at least one of price, departure_ts, arrival_ts, total_seats")
        if self.departure_ts and self.arrival_ts and self.arrival_ts <= self.departure_ts:
            raise ValueError("arrival_ts must be after departure_ts")
        return self


class FlightPublic(Priced):
    """A flight as administrators see it: each time in its airport's local time, with the zone."""

    id: uuid.UUID
    flight_number: str
    source: str
    destination: str
    departure_ts: datetime = Field(description="local time at the departure airport, with offset")
    arrival_ts: datetime = Field(description="local time at the arrival airport, with offset")
    departure_tz: str = Field(description="IANA time zone of the departure airport")
    arrival_tz: str = Field(description="IANA time zone of the arrival airport")
    total_seats: int
    available_seats: int
    seats_sold_outside: int = Field(
        description="seats sold before the flight came here (total − available at creation)"
    )
    price: Decimal
    status: FlightStatus
    version: int
    created_at: datetime
    updated_at: datetime


class FlightsPublic(SQLModel):
    data: list[FlightPublic]
    count: int
    page: int
    page_size: int


class FlightResult(Priced):
    """A flight as search shows it: times in each airport's own zone, with the zone's name."""

    id: uuid.UUID
    flight_number: str
    source: str
    destination: str
    departure_ts: datetime = Field(description="local time at the departure airport, with offset")
    arrival_ts: datetime = Field(description="local time at the arrival airport, with offset")
    departure_tz: str = Field(description="IANA time zone of the departure airport")
    arrival_tz: str = Field(description="IANA time zone of the arrival airport")
    duration_minutes: int
    price: Decimal
    available_seats: int

    @field_serializer("departure_ts", "arrival_ts", when_used="json")
    def _with_offset(self, value: datetime) -> str:
        """Always `+00:00`, never `Z`, so every time reads the same way."""
        return value.isoformat()


class FlightResultsPage(SQLModel):
    data: list[FlightResult]
    count: int = Field(description="matching flights over all pages")
    page: int
    page_size: int


class FlexDay(Priced):
    """One day of a price calendar (a local date at the departure airport)."""

    date: date_
    lowest_price: Decimal | None = Field(description="null when no flight that day")
    flights: int


class SearchResults(FlightResultsPage):
    """Outbound flights (`data`), plus the return flights and price calendars when asked for."""

    return_flights: FlightResultsPage | None = Field(
        default=None, description="flights back (destination → source) on return_date"
    )
    flex: list[FlexDay] | None = Field(
        default=None, description="outbound: each day within ±flex days of date (none in the past)"
    )
    return_flex: list[FlexDay] | None = Field(
        default=None, description="return: each day within ±flex days of return_date"
    )


class AirportPublic(SQLModel):
    code: str = Field(description="IATA code")
    name: str
    city: str
    country: str = Field(description="ISO 3166-1 alpha-2 country code")
    timezone: str = Field(description="IANA time zone")


# --- bookings --------------------------------------------------------------------------------


class BookingStatus(StrEnum):
    PENDING = "PENDING"
    CONFIRMED = "CONFIRMED"
    CANCELLED = "CANCELLED"
    FAILED = "FAILED"


class Booking(SQLModel, table=True):
    __tablename__ = "bookings"
    __table_args__ = (
        CheckConstraint("seats BETWEEN 1 AND 9", name="seats_in_range"),
        _check_in("status", BookingStatus),
        UniqueConstraint("user_id", "idempotency_key", name="bookings_user_idempotency_key"),
        # The allocator's queue: a flight's undecided bookings in arrival order.
        Index(
            "ix_bookings_pending_by_flight",
            "flight_id",
            "seq",
            postgresql_where=text("status = 'PENDING'"),
        ),
        Index("ix_bookings_user_created", "user_id", "created_at"),
        # The admin listing, newest first: all bookings, and one flight's.
        Index("ix_bookings_created", "created_at", "seq"),
        Index("ix_bookings_flight_created", "flight_id", "created_at", "seq"),
        # A flight's bookings that still hold or may take seats: what a flight's cancellation
        # settles, and how the sweep tells a cancelled flight whose settlement was lost.
        Index(
            "ix_bookings_live_by_flight",
            "flight_id",
            postgresql_where=text("status IN ('PENDING', 'CONFIRMED')"),
        ),
    )

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    # Arrival order: assigned by the database at insert, used for first-come-first-served.
    seq: int | None = Field(
        default=None, sa_column=Column(BigInteger, Identity(always=True), nullable=False)
    )
    user_id: uuid.UUID = Field(foreign_key="users.id", nullable=False)
    flight_id: uuid.UUID = Field(foreign_key="flights.id", nullable=False)
    seats: int
    status: str = Field(
        default=BookingStatus.PENDING,
        sa_column=Column(Text, nullable=False, server_default=BookingStatus.PENDING.value),
    )
    # What the traveller was shown is what they pay, whatever the flight's price later becomes.
    unit_price: Decimal = Field(sa_column=Column(Numeric(10, 2), nullable=False))
    total_price: Decimal = Field(sa_column=Column(Numeric(12, 2), nullable=False))
    payment_ref: str | None = Field(default=None, sa_column=Column(Text))
    failure_reason: str | None = Field(default=None, sa_column=Column(Text))
    idempotency_key: str | None = Field(default=None, sa_column=Column(Text))
    request_hash: str | None = Field(default=None, sa_column=Column(Text))
    cancel_requested_at: datetime | None = _tstz()
    decided_at: datetime | None = _tstz()
    created_at: datetime = _created_at()
    updated_at: datetime = _updated_at()


MIN_BOOKING_SEATS = 1
MAX_BOOKING_SEATS = 9


class BookingCreate(SQLModel):
    flight_id: uuid.UUID
    seats: int = Field(
        ge=MIN_BOOKING_SEATS, le=MAX_BOOKING_SEATS, description="1 to 9 seats in one booking"
    )


class BookingAccepted(SQLModel):
    """The answer to a booking request: the job's id and where to poll it."""

    id: uuid.UUID
    status: str
    poll_url: str


class BookingFlight(SQLModel):
    """The flight of a booking, with each time at its airport's UTC offset."""

    id: uuid.UUID
    flight_number: str
    source: str
    destination: str
    departure_ts: datetime
    arrival_ts: datetime


class BookingPublic(Priced):
    id: uuid.UUID
    status: str
    seats: int
    unit_price: Decimal
    total_price: Decimal
    failure_reason: str | None
    flight: BookingFlight
    cancel_requested_at: datetime | None
    created_at: datetime
    updated_at: datetime
    decided_at: datetime | None


class BookingsPublic(SQLModel):
    data: list[BookingPublic]
    count: int
    page: int
    page_size: int


class AdminBookingPublic(BookingPublic):
    """A booking as operations staff see it: whose it is, too."""

    user_id: uuid.UUID
    username: str


class AdminBookingsPublic(SQLModel):
    data: list[AdminBookingPublic]
    count: int = Field(description="matching bookings over all pages")
    page: int
    page_size: int


# --- CSV imports -----------------------------------------------------------------------------


class ImportStatus(StrEnum):
    QUEUED = "QUEUED"
    RUNNING = "RUNNING"
    SUCCEEDED = "SUCCEEDED"
    FAILED = "FAILED"


class ImportJob(SQLModel, table=True):
    __tablename__ = "import_jobs"
    __table_args__ = (
        _check_in("status", ImportStatus),
        Index("ix_import_jobs_created", "created_at"),
    )

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    # NULL for an import started from the command line (`python -m core.cli load-flights`).
    created_by: uuid.UUID | None = Field(default=None, foreign_key="users.id", nullable=True)
    filename: str = Field(sa_column=Column(Text, nullable=False))
    size_bytes: int = Field(sa_column=Column(BigInteger, nullable=False))
    dry_run: bool = Field(default=False, sa_column_kwargs={"server_default": text("false")})
    status: str = Field(
        default=ImportStatus.QUEUED,
        sa_column=Column(Text, nullable=False, server_default=ImportStatus.QUEUED.value),
    )
    total_rows: int | None = None
    processed_rows: int = Field(default=0, sa_column_kwargs={"server_default": text("0")})
    inserted_rows: int = Field(default=0, sa_column_kwargs={"server_default": text("0")})
    updated_rows: int = Field(default=0, sa_column_kwargs={"server_default": text("0")})
    rejected_rows: int = Field(default=0, sa_column_kwargs={"server_default": text("0")})
    # The first rejected rows, for the status answer: [{line, column, value, reason}, ...].
    errors: list[dict[str, Any]] = Field(
        default_factory=list,
        sa_column=Column(JSONB, nullable=False, server_default=text("'[]'::jsonb")),
    )
    error_message: str | None = Field(default=None, sa_column=Column(Text))
    # No message was sent for the job (Redis was unreachable when it was uploaded): the sweep's
    # next pass sends it, without waiting IMPORT_SWEEP_AFTER_SECONDS.
    unsent: bool = Field(default=False, sa_column_kwargs={"server_default": text("false")})
    started_at: datetime | None = _tstz()
    finished_at: datetime | None = _tstz()
    created_at: datetime = _created_at()
    updated_at: datetime = _updated_at()


class ImportFileChunk(SQLModel, table=True):
    """An uploaded file, kept in PostgreSQL in pieces so that any worker host can stream it."""

    __tablename__ = "import_file_chunks"

    job_id: uuid.UUID = Field(foreign_key="import_jobs.id", primary_key=True, ondelete="CASCADE")
    seq: int = Field(primary_key=True)
    data: bytes = Field(sa_column=Column(LargeBinary, nullable=False))


class ImportRejection(SQLModel, table=True):
    """Every rejected row of an import, for the downloadable errors CSV."""

    __tablename__ = "import_rejections"

    job_id: uuid.UUID = Field(foreign_key="import_jobs.id", primary_key=True, ondelete="CASCADE")
    line: int = Field(primary_key=True)
    column: str | None = Field(default=None, sa_column=Column(Text))
    value: str | None = Field(default=None, sa_column=Column(Text))
    reason: str = Field(sa_column=Column(Text, nullable=False))
    raw: str | None = Field(default=None, sa_column=Column(Text))


class ImportRowError(SQLModel):
    """A rejected row: its line in the file (the header is line 1), the column and value at
    fault (when one is), and why."""

    line: int
    column: str | None = None
    value: str | None = None
    reason: str


class ImportStarted(SQLModel):
    job_id: uuid.UUID
    status: str
    poll_url: str


class ImportJobPublic(SQLModel):
    id: uuid.UUID
    status: str
    filename: str
    dry_run: bool
    size_bytes: int
    total_rows: int | None
    processed_rows: int
    inserted_rows: int
    updated_rows: int
    rejected_rows: int
    percent: float
    errors: list[ImportRowError]
    error_message: str | None
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None


class ImportJobsPublic(SQLModel):
    data: list[ImportJobPublic]
    count: int
