"""An administrator who uploads a CSV of new flights now and then and watches the import until
it is done, while travellers search and book."""

import os
import random
import time
from datetime import UTC, datetime, timedelta

from locust import HttpUser, between, task

from loadtests.scenarios.common import log_in_as

ADMIN = os.environ.get("SKYQUEUE_LOAD_ADMIN", "")
ADMIN_PASSWORD = os.environ.get("SKYQUEUE_LOAD_ADMIN_PASSWORD", "")
ROWS = 200
HEADER = ",".join(
    ("flight_number", "source", "destination", "departure_ts", "arrival_ts", "total_seats",
     "available_seats", "price")
)  # fmt: skip
FINISHED = {"SUCCEEDED", "FAILED"}


def schedule(rows: int) -> bytes:
    """`rows` new flights LHR → CDG a month out, under a flight number no earlier file used."""
    prefix = "".join(random.choices("QXZ", k=1)) + random.choice("JKVW")
    base = random.randrange(1, 9000 - rows)
    start = datetime.now(UTC).replace(second=0, microsecond=0) + timedelta(days=30)
    lines = [HEADER]
    for n in range(rows):
        departs = start + timedelta(minutes=7 * n)
        lines.append(
            f"{prefix}{base + n},LHR,CDG,{departs.isoformat()},"
            f"{(departs + timedelta(minutes=75)).isoformat()},180,180,{random.randint(59, 299)}.99"
        )
    return ("\n".join(lines) + "\n").encode()


class Admin(HttpUser):
    fixed_count = 1
    wait_time = between(5, 10)

    def on_start(self) -> None:
        if ADMIN:
            log_in_as(self, ADMIN, ADMIN_PASSWORD)

    @task
    def import_and_watch(self) -> None:
        if not ADMIN:
            return
        files = {"file": ("flights.csv", schedule(ROWS), "text/csv")}
        with self.client.post(
            "/admin/flights/bulk-upload",
            files=files,
            name="/admin/flights/bulk-upload",
            catch_response=True,
        ) as answer:
            if answer.status_code != 202:
                answer.failure(f"import not accepted: {answer.status_code} {answer.text[:200]}")
                return
            poll_url = answer.json()["poll_url"]
        for _ in range(120):
            with self.client.get(
                poll_url, name="/admin/flights/bulk-upload/status/[id]", catch_response=True
            ) as status:
                job = status.json() if status.status_code == 200 else {}
                if job.get("status") == "FAILED" or job.get("rejected_rows"):
                    status.failure(f"import failed: {job.get('error_message') or job}")
                if job.get("status") in FINISHED or status.status_code != 200:
                    return
            time.sleep(0.5)
