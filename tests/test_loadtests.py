"""The Locust load test, bounded, against a real API and real workers: no seat is sold twice."""

import subprocess
import sys

from tests.support.processes import ONE_ADDRESS_LIMITS, ROOT, running_api


def load(host: str) -> subprocess.CompletedProcess[str]:
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
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=240,
    )


def test_load_run_keeps_the_seat_invariant(committed, worker, tmp_path):
    # Every simulated traveller comes from this machine: no per-address limit on logging in.
    with running_api(tmp_path / "api.log", env=ONE_ADDRESS_LIMITS) as api:
        result = load(api)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "invariants hold" in result.stdout
    output = result.stdout + result.stderr
    aggregated = next(line for line in output.splitlines() if line.strip().startswith("Aggregated"))
    assert " 0(0.00%) |" in aggregated, aggregated  # no request failed
    # Every kind of traveller ran: bookings, orders (one-way and round trips) and their payment.
    for name in ("/api/v1/bookings", "/api/v1/orders", "/api/v1/orders/[id]/pay"):
        assert f" {name} " in output, name
