"""Browsers who type airport names and search the seed routes, as people do before booking."""

import csv
import random
from datetime import datetime
from pathlib import Path

from locust import HttpUser, between, task

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "flights.csv"
# Loaded by `loadtests.run` when no seed flight is still to depart.
SCHEDULE = ROOT / ".run" / "loadtest-schedule.csv"
PREFIXES = ["lon", "new", "par", "tok", "sin", "fra", "dub", "syd", "sao", "jfk", "lhr", "del"]


def future_routes(path: Path) -> list[tuple[str, str, str]]:
    """(source, destination, local departure date) of every flight in the file still to depart."""
    if not path.exists():
        return []
    now = datetime.now().astimezone()
    with path.open(newline="") as f:
        rows = [
            (r["source"], r["destination"], datetime.fromisoformat(r["departure_ts"]))
            for r in csv.DictReader(f)
        ]
    # The departure times carry the departure airport's offset, so .date() is local.
    return [(s, d, dep.date().isoformat()) for s, d, dep in rows if dep > now]


def seed_routes() -> list[tuple[str, str, str]]:
    """The seed's routes still to fly, or the schedule's once the seed's dates have passed."""
    return future_routes(SEED) or future_routes(SCHEDULE)


ROUTES = seed_routes()


class Browser(HttpUser):
    weight = 5  # most traffic: people search many times for each booking
    wait_time = between(0.5, 2.0)

    @task(3)
    def suggest(self) -> None:
        prefix = random.choice(PREFIXES)
        for length in range(1, len(prefix) + 1):  # one request per keystroke
            self.client.get(f"/api/v1/airports?q={prefix[:length]}", name="/api/v1/airports?q=")

    @task(5)
    def search(self) -> None:
        if not ROUTES:
            return
        source, destination, day = random.choice(ROUTES)
        sort = random.choice(["price", "departure", "duration"])
        with self.client.get(
            f"/api/v1/search?source={source}&destination={destination}&date={day}&sort={sort}",
            name="/api/v1/search",
            catch_response=True,
        ) as answer:
            if answer.status_code != 200:
                answer.failure(f"search failed: {answer.status_code} {answer.text[:200]}")
            elif answer.json()["count"] < 1:
                answer.failure(f"no result for a seed flight {source}-{destination} on {day}")
