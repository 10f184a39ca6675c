"""An administrator who uploads a CSV of new flights now and then and watches the import until
it is done, while travellers search and book."""

import os
import random
from datetime import UTC, datetime, timedelta

from locust import HttpUser, between, task

from loadtests.scenarios.common import accepted, log_in_as, watch

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


def failed_import(job: dict) -> str | None:
    if job["status"] == "FAILED" or job["rejected_rows"]:
        return f"import failed: {job.get('error_message') or job}"
    return None


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
        job = accepted(
            self,
            "/admin/flights/bulk-upload",
            name="/admin/flights/bulk-upload",
            what="import",
            files={"file": ("flights.csv", schedule(ROWS), "text/csv")},
        )
        if job is None:
            return
        watch(
            self, path=job["poll_url"], name="/admin/flights/bulk-upload/status/[id]",
            until=FINISHED, what="import", fault=failed_import, polls=120, interval=0.5,
        )  # fmt: skip
