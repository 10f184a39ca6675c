"""The Locust load test, bounded, against a real API and real workers: no seat is sold twice."""

import subprocess
import sys

from tests.support.processes import ROOT


def test_load_run_keeps_the_seat_invariant(committed, live_api, worker):
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "loadtests.run",
            "--host",
            live_api,
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
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "invariants hold" in result.stdout
    output = result.stdout + result.stderr
    aggregated = next(line for line in output.splitlines() if line.strip().startswith("Aggregated"))
    assert " 0(0.00%) |" in aggregated, aggregated  # no request failed
    # Every kind of traveller ran: bookings, orders (one-way and round trips) and their payment.
    for name in ("/api/v1/bookings", "/api/v1/orders", "/api/v1/orders/[id]/pay"):
        assert f" {name} " in output, name
