"""The Locust load test, bounded, against a real API and real workers: no seat is sold twice."""

import csv
import subprocess
import sys
from pathlib import Path

from tests.support.processes import ONE_ADDRESS_LIMITS, ROOT, running_api


def load(host: str, reports: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "loadtests.run",
            "--host",
            host,
            "--users",
            "12",
            "--spawn-rate",
            "6",
            "--run-time",
            "12s",
            "--flights",
            "2",
            "--seats",
            "15",
            "--quiet-timeout",
            "60",
            "--report-dir",
            str(reports),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=240,
    )


def test_load_run_keeps_the_seat_invariant(committed, worker, tmp_path):
    # Every simulated traveller comes from this machine: no per-address limit on logging in.
    with running_api(tmp_path / "api.log", env=ONE_ADDRESS_LIMITS) as api:
        result = load(api, tmp_path / "reports")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "invariants hold" in result.stdout
    output = result.stdout + result.stderr
    aggregated = next(line for line in output.splitlines() if line.strip().startswith("Aggregated"))
    assert " 0(0.00%) |" in aggregated, output[-6000:]  # no request failed
    # Every kind of user ran: bookings, orders (one-way and round trips) and their payment, the
    # stampede, the administrator's import (watched until it was done), the searches.
    names = (
        "/api/v1/bookings", "/api/v1/orders", "/api/v1/orders/[id]/pay",
        "/api/v1/bookings (stampede)", "/admin/flights/bulk-upload",
        "/admin/flights/bulk-upload/status/[id]", "/api/v1/search",
    )  # fmt: skip
    for name in names:
        assert f" {name} " in output, name
    # Locust's own reports: the HTML page and the CSV statistics, one row per request name.
    assert "<html" in (tmp_path / "reports" / "report.html").read_text().lower()
    with (tmp_path / "reports" / "locust_stats.csv").open() as stats:
        rows = {row["Name"]: row for row in csv.DictReader(stats)}
    assert rows["/api/v1/bookings (stampede)"]["Failure Count"] == "0"
    assert int(rows["/admin/flights/bulk-upload"]["Request Count"]) >= 1
