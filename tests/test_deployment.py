"""The container deployment: the compose file is valid and wires the services as documented."""

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from prometheus_client.parser import text_string_to_metric_families

from tests.support.processes import ROOT


def compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_compose_file_passes_docker_compose_config():
    binary = shutil.which("docker-compose")
    if binary is None:
        pytest.fail("docker-compose is not installed: scripts/test-tools.sh installs it")

    def config(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
        return subprocess.run([binary, "config", "-q"], cwd=ROOT, capture_output=True, text=True,
                              timeout=60, env={"PATH": os.environ["PATH"], **env})  # fmt: skip

    result = config({"JWT_SECRET": "kR3v9Qx2mZ8pL4tW7yB1nC6fH0jD5sG2aE9uI3oP"})
    assert result.returncode == 0, result.stderr
    # No secret is published: without one (here or in .env) compose refuses to start.
    if not (ROOT / ".env").exists():
        missing = config({})
        assert missing.returncode != 0
        assert "set JWT_SECRET" in missing.stderr


def test_every_service_is_restarted_when_it_dies():
    for name, service in compose()["services"].items():
        expected = "on-failure" if name == "migrate" else "unless-stopped"
        assert service.get("restart") == expected, name


def test_compose_has_every_service_with_healthchecks_and_ordering():
    services = compose()["services"]
    assert {"api", "worker", "postgres", "redis", "frontend", "migrate"} <= services.keys()
    assert services["postgres"]["image"] == "postgres:15"
    assert services["redis"]["image"] == "redis:7"
    assert "--appendonly" in services["redis"]["command"]
    assert "healthcheck" in services["postgres"]
    assert "healthcheck" in services["redis"]
    assert "alembic upgrade head" in " ".join(services["migrate"]["command"])
    for app in ("api", "worker", "importer"):
        depends = services[app]["depends_on"]
        assert depends["migrate"]["condition"] == "service_completed_successfully"
        assert depends["redis"]["condition"] == "service_healthy"


def test_dockerfiles_ship_the_code_each_process_imports():
    api = (ROOT / "Dockerfile.api").read_text()
    worker = (ROOT / "Dockerfile.worker").read_text()
    assert api.startswith("FROM python:3.11-slim")
    assert worker.startswith("FROM python:3.11-slim")
    for package in ("core", "api", "workers", "migrations"):
        assert f"COPY {package} ./{package}" in api
    for package in ("core", "workers"):
        assert f"COPY {package} ./{package}" in worker
    assert '"dramatiq", "workers"' in worker


def test_prometheus_scrapes_the_api_and_both_workers_where_they_serve():
    services = compose()["services"]
    scrape = yaml.safe_load((ROOT / "deploy" / "prometheus.yml").read_text())
    targets = {
        job["job_name"]: (job.get("metrics_path", "/metrics"), job["static_configs"][0]["targets"])
        for job in scrape["scrape_configs"]
    }
    assert targets["api"] == ("/metrics", ["api:8000"])
    assert sorted(targets["workers"][1]) == ["importer:9191", "worker:9191"]
    for name in ("worker", "importer"):
        assert services[name]["environment"]["WORKER_METRICS_PORT"] == "9191"
        assert services[name]["environment"]["WORKER_METRICS_HOST"] == "0.0.0.0"
    assert "PROMETHEUS_MULTIPROC_DIR" in services["api"]["environment"]
    assert (
        "./deploy/prometheus.yml:/etc/prometheus/prometheus.yml:ro"
        in (services["prometheus"]["volumes"])
    )
    assert services["grafana"]["depends_on"] == ["prometheus"]


def test_every_dashboard_panel_queries_metrics_the_system_exports(client):
    """Each metric a panel names is in the API's scrape, among the worker's own metrics or
    Dramatiq's (a renamed metric would leave a panel empty without an error)."""
    import dramatiq.middleware.prometheus as dramatiq_prometheus

    from workers import metrics as worker_metrics

    client.get("/api/v1/config")
    exported = {
        family.name for family in text_string_to_metric_families(client.get("/metrics").text)
    }
    exported |= {
        collector._name  # type: ignore[attr-defined]
        for collector in (
            worker_metrics.QUEUE_WAIT,
            worker_metrics.ORDERS_DECIDED,
            worker_metrics.HOLDS_EXPIRED,
        )
    }
    source = Path(dramatiq_prometheus.__file__).read_text()
    exported |= set(re.findall(r'"(dramatiq_[a-z_]+)"', source))
    exported = {re.sub(r"_total$", "", name) for name in exported}

    dashboard = json.loads(
        (ROOT / "deploy" / "grafana" / "dashboards" / "skyqueue.json").read_text()
    )
    queried = {
        re.sub(r"_(bucket|total|count|sum)$", "", name)
        for panel in dashboard["panels"]
        for target in panel["targets"]
        for name in re.findall(r"\b((?:http|dramatiq|skyqueue)_[a-z_]+)", target["expr"])
    }
    assert len(dashboard["panels"]) >= 10
    assert queried, "no panel queries anything"
    assert queried <= exported, queried - exported
