"""Travellers who book seats on a few hot flights and watch each booking until it is decided."""

import random
import uuid

from locust import HttpUser, between, task

from loadtests.scenarios.common import FLIGHT_IDS, accepted, log_in, watch

FINAL = {"CONFIRMED", "FAILED", "CANCELLED"}


class Traveller(HttpUser):
    weight = 3
    wait_time = between(0.2, 1.0)

    def on_start(self) -> None:
        log_in(self)
        self.confirmed: list[str] = []

    @task(6)
    def book_and_watch(self) -> None:
        if not FLIGHT_IDS:
            return
        booking = accepted(
            self,
            "/api/v1/bookings",
            name="/api/v1/bookings",
            what="booking",
            json={"flight_id": random.choice(FLIGHT_IDS), "seats": random.randint(1, 3)},
            headers={"Idempotency-Key": uuid.uuid4().hex},
        )
        if booking is None:
            return
        booking_id = booking["id"]
        status = self._watch(booking_id)
        if status == "CONFIRMED":
            self.confirmed.append(booking_id)

    def _watch(self, booking_id: str) -> str | None:
        return watch(
            self,
            path=f"/api/v1/bookings/{booking_id}",
            name="/api/v1/bookings/[id]",
            until=FINAL,
            what="booking",
        )

    @task(1)
    def my_bookings(self) -> None:
        self.client.get("/api/v1/bookings?page=1&page_size=20", name="/api/v1/bookings (list)")

    @task(1)
    def cancel_one(self) -> None:
        if not self.confirmed:
            return
        booking_id = self.confirmed.pop(random.randrange(len(self.confirmed)))
        path = f"/api/v1/bookings/{booking_id}/cancel"
        if accepted(self, path, name="/api/v1/bookings/[id]/cancel", what="cancel") is not None:
            self._watch(booking_id)
