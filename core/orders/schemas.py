"""What travellers send and receive about orders."""

import re
import uuid
from datetime import date, datetime
from decimal import Decimal

from pydantic import EmailStr, field_validator, model_validator
from sqlmodel import Field, SQLModel

from core.currency import Priced
from core.dates import IsoDate
from core.orders.models import OrderStatus, PassengerType

MAX_PASSENGERS = 9
MAX_SEGMENTS = 8
# Letters of any script, with single spaces, hyphens, apostrophes or periods between them.
NAME = re.compile(r"^[^\W\d_]+(?:[ '’.-]{1,2}[^\W\d_]+)*\.?$")


class PassengerIn(SQLModel):
    given_name: str = Field(min_length=1, max_length=50)
    family_name: str = Field(min_length=1, max_length=50)
    type: PassengerType = PassengerType.ADULT
    date_of_birth: IsoDate | None = None

    @field_validator("given_name", "family_name")
    @classmethod
    def _a_name(cls, value: str) -> str:
        value = " ".join(value.split())
        if not NAME.fullmatch(value):
            raise ValueError(
                "use letters, with spaces, hyphens or apostrophes between them (no digits)"
            )
        return value

    @field_validator("date_of_birth")
    @classmethod
    def _born(cls, value: date | None) -> date | None:
        if value is not None and not date(1900, 1, 1) <= value <= date.today():
            raise ValueError("a date of birth from 1900 to today")
        return value


class OrderCreate(SQLModel):
    """An order: 1–9 passengers on 1–8 flights, in travel order (one-way, round trip,
    multi-city)."""

    flight_ids: list[uuid.UUID] = Field(min_length=1, max_length=MAX_SEGMENTS)
    passengers: list[PassengerIn] = Field(min_length=1, max_length=MAX_PASSENGERS)
    contact_email: EmailStr

    @model_validator(mode="after")
    def _consistent(self) -> "OrderCreate":
        if len(set(self.flight_ids)) != len(self.flight_ids):
            raise ValueError("the same flight appears twice in the order")
        types = [p.type for p in self.passengers]
        infants = types.count(PassengerType.INFANT)
        if infants > types.count(PassengerType.ADULT):
            raise ValueError("each infant travels on an adult's lap: add an adult per infant")
        return self

    @property
    def seats(self) -> int:
        """Seats on each flight: infants take none."""
        return sum(p.type != PassengerType.INFANT for p in self.passengers)


class OrderAccepted(SQLModel):
    id: uuid.UUID
    reference: str
    status: OrderStatus
    poll_url: str


class PassengerPublic(SQLModel):
    id: uuid.UUID
    given_name: str
    family_name: str
    type: PassengerType
    date_of_birth: date | None


class SegmentPublic(Priced):
    """One flight of an order, its times local at each airport."""

    booking_id: uuid.UUID
    flight_id: uuid.UUID
    flight_number: str
    source: str
    destination: str
    departure_ts: datetime
    arrival_ts: datetime
    departure_tz: str
    arrival_tz: str
    seats: int
    unit_price: Decimal
    total_price: Decimal


class TicketPublic(SQLModel):
    number: str
    passenger_id: uuid.UUID
    booking_id: uuid.UUID


class OrderPublic(Priced):
    id: uuid.UUID
    reference: str
    status: OrderStatus
    failure_reason: str | None
    contact_email: str | None
    expires_at: datetime | None = Field(description="when a HELD order's seats are released")
    total_price: Decimal
    passengers: list[PassengerPublic]
    segments: list[SegmentPublic]
    tickets: list[TicketPublic]
    created_at: datetime
    decided_at: datetime | None
    paid_at: datetime | None
    cancel_requested_at: datetime | None = Field(
        description="when the traveller confirmed a cancellation quote (carried out by a worker)"
    )
    refund_amount: Decimal | None = Field(
        description="what the cancellation refunded, once carried out"
    )


class Payment(SQLModel):
    card_number: str = Field(min_length=12, max_length=23, description="test cards: see README")


class QuotePublic(Priced):
    id: uuid.UUID
    order_id: uuid.UUID
    refund_amount: Decimal = Field(description="what cancelling now refunds, under the fare rules")
    expires_at: datetime = Field(description="confirm before this, or ask for a new quote")


class CancellationConfirm(SQLModel):
    quote_id: uuid.UUID
