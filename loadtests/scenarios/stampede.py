"""A stampede: many travellers at once on the one flight everybody wants (a sale, a last
flight home), each asking for a seat every second or so, without waiting for the answer to
the last. More ask than there are seats; the run checks afterwards that none was sold twice
and that every request was decided."""

import os

from locust import HttpUser, constant_pacing, task

from loadtests.scenarios.common import accepted, log_in

HOT_FLIGHT = os.environ.get("SKYQUEUE_LOAD_HOT", "")


class Stampede(HttpUser):
    weight = 2
    # A request every 1.1 s per traveller: within ORDERS_PER_USER_PER_MINUTE (60), so that the
    # pressure comes from many travellers, as in a real stampede, not from one refused account.
    wait_time = constant_pacing(1.1)

    def on_start(self) -> None:
        log_in(self)

    @task
    def book_the_hot_flight(self) -> None:
        if not HOT_FLIGHT:
            return
        accepted(
            self,
            "/api/v1/bookings",
            name="/api/v1/bookings (stampede)",
            what="booking",
            json={"flight_id": HOT_FLIGHT, "seats": 1},
        )
