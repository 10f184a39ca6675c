"""`flights.csv` is realistic and reproducible from its generator."""

import csv
import subprocess
import sys
from datetime import datetime, timedelta

import airportsdata

from tests.support.processes import ROOT

HEADER = (
    "flight_number,source,destination,departure_ts,arrival_ts,total_seats,available_seats,price"
)


def read_rows() -> list[dict[str, str]]:
    with (ROOT / "flights.csv").open(newline="") as f:
        return list(csv.DictReader(f))


def test_the_file_has_the_seed_header_and_1000_flights():
    assert (ROOT / "flights.csv").read_text().splitlines()[0] == HEADER
    assert len(read_rows()) == 1000


def test_every_row_is_plausible():
    airports = airportsdata.load("IATA")
    departures = []
    for row in read_rows():
        assert row["source"] in airports
        assert row["destination"] in airports
        assert row["source"] != row["destination"]
        departure = datetime.fromisoformat(row["departure_ts"])
        arrival = datetime.fromisoformat(row["arrival_ts"])
        assert departure.utcoffset() is not None
        assert arrival.utcoffset() is not None
        assert timedelta(minutes=30) < arrival - departure < timedelta(hours=20)
        assert 50 <= int(row["total_seats"]) <= 400
        assert 0 <= int(row["available_seats"]) <= int(row["total_seats"])
        assert float(row["price"]) > 0
        assert row["flight_number"][:2].isalnum()
        assert row["flight_number"][2:].isdigit()
        departures.append(departure)
    assert max(departures) - min(departures) >= timedelta(days=13)  # two weeks of schedule
    continents = {airports[r["source"]]["tz"].split("/")[0] for r in read_rows()}
    assert {"America", "Europe", "Asia", "Australia"} <= continents


def test_the_network_has_daily_popular_routes_and_connections_at_hubs():
    rows = read_rows()
    london_new_york = {
        datetime.fromisoformat(r["departure_ts"]).date()
        for r in rows
        if (r["source"], r["destination"]) == ("LHR", "JFK")
    }
    assert len(london_new_york) >= 14  # every day
    # Flights into a hub land before flights out of it leave: connections of 1 to 6 hours.
    landings = [r for r in rows if r["destination"] == "LHR" and r["source"] != "JFK"]
    departures = [datetime.fromisoformat(r["departure_ts"]) for r in rows if r["source"] == "LHR"]
    connecting = [
        landing
        for landing in landings
        if any(
            timedelta(hours=1)
            <= leaving - datetime.fromisoformat(landing["arrival_ts"])
            <= timedelta(hours=6)
            for leaving in departures
        )
    ]
    assert len(connecting) >= len(landings) // 2 > 0


def test_the_generator_reproduces_the_file(tmp_path):
    out = tmp_path / "flights.csv"
    subprocess.run(
        [sys.executable, "scripts/generate_flights.py", "--out", str(out)],
        cwd=ROOT,
        check=True,
        capture_output=True,
        timeout=120,
    )
    assert out.read_text() == (ROOT / "flights.csv").read_text()


def test_start_date_moves_the_schedule(tmp_path):
    out = tmp_path / "later.csv"
    subprocess.run(
        [
            sys.executable,
            "scripts/generate_flights.py",
            "--start-date",
            "2030-03-01",
            "--out",
            str(out),
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
        timeout=120,
    )
    with out.open() as f:
        first = min(datetime.fromisoformat(r["departure_ts"]) for r in csv.DictReader(f))
    assert first.date() >= datetime(2030, 2, 28).date()
