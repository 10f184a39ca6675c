"""Shoppers who order seats for named passengers, one-way or a round trip, watch each order
until it is decided, and pay most of their holds with the local provider's test card."""

import random
import uuid

from locust import HttpUser, between, task

from loadtests.scenarios.common import (
    FLIGHT_IDS,
    RETURN_IDS,
    log_in,
    watch,
)

DECIDED = {"HELD", "CONFIRMED", "FAILED", "CANCELLED", "EXPIRED"}
NAMES = [("Ana", "Lima"), ("Jonas", "Müller"), ("Aoife", "O'Brien"), ("Zoë", "Dubois")]


class Shopper(HttpUser):
    weight = 2
    wait_time = between(0.2, 1.0)

    def on_start(self) -> None:
        log_in(self)

    @task
    def order_and_pay(self) -> None:
        if not FLIGHT_IDS:
            return
        flights = [random.choice(FLIGHT_IDS)]
        if RETURN_IDS and random.random() < 0.5:
            flights.append(random.choice(RETURN_IDS))
        passengers = [
            {"given_name": given, "family_name": family, "type": "ADULT"}
            for given, family in random.sample(NAMES, random.randint(1, 2))
        ]
        body = {"flight_ids": flights, "passengers": passengers, "contact_email": "a@example.com"}
        with self.client.post(
            "/api/v1/orders",
            json=body,
            headers={"Idempotency-Key": uuid.uuid4().hex},
            name="/api/v1/orders",
            catch_response=True,
        ) as answer:
            if answer.status_code == 422 and "seats left" in answer.text:
                answer.success()  # sold out at the door: a correct answer
                return
            if answer.status_code != 202:
                answer.failure(f"order not accepted: {answer.status_code} {answer.text[:200]}")
                return
            order_id = answer.json()["id"]
        if self._watch(order_id) == "HELD" and random.random() < 0.8:
            self.client.post(
                f"/api/v1/orders/{order_id}/pay",
                json={"card_number": "4242 4242 4242 4242"},
                name="/api/v1/orders/[id]/pay",
            )

    def _watch(self, order_id: str) -> str | None:
        return watch(
            self,
            path=f"/api/v1/orders/{order_id}",
            name="/api/v1/orders/[id]",
            until=DECIDED,
            what="order",
        )
