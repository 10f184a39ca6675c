"""frontend/nginx.conf, run by a real nginx in front of a real API: a browser opening or reloading
any page gets the app, API calls (also below /admin) reach the API and get JSON."""

import os
import shutil
import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from api.middleware import APP_CSP
from tests.support.processes import ROOT, free_port, running_api

BROWSER = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}
JSON = {"Accept": "application/json"}
INDEX = '<!doctype html><html><body><div id="root"></div>the-app</body></html>'


def nginx_binary() -> str:
    binary = shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin")
    if binary is None:
        pytest.fail("nginx is not installed: scripts/test-tools.sh installs it")
    return binary


def site_config(api_url: str, port: int, root: Path) -> str:
    """The shipped server block, pointed at a local API, port and build (not the compose ones)."""
    config = (ROOT / "frontend" / "nginx.conf").read_text()
    for shipped, local in [
        ("http://api:8000", api_url),
        ("listen 80;", f"listen 127.0.0.1:{port};"),
        ("root /usr/share/nginx/html;", f"root {root};"),
    ]:
        assert shipped in config
        config = config.replace(shipped, local)
    return config


@pytest.fixture
def nginx(tmp_path: Path) -> Iterator[str]:
    binary = nginx_binary()
    dist = tmp_path / "dist"
    (dist / "assets").mkdir(parents=True)
    (dist / "index.html").write_text(INDEX)
    (dist / "assets" / "index-abc123.js").write_text("console.log('app')")
    port = free_port()
    # The API serves no pages here, so that only nginx's routing can answer the app.
    with running_api(tmp_path / "api.log", env={"FRONTEND_DIST": str(tmp_path / "none")}) as api:
        (tmp_path / "site.conf").write_text(site_config(api, port, dist))
        user = "user root;" if os.geteuid() == 0 else ""
        (tmp_path / "nginx.conf").write_text(
            f"""{user}
daemon off;
worker_processes 1;
pid {tmp_path}/nginx.pid;
error_log {tmp_path}/error.log;
events {{}}
http {{
    include /etc/nginx/mime.types;
    access_log off;
    client_body_temp_path {tmp_path}/body;
    proxy_temp_path {tmp_path}/proxy;
    fastcgi_temp_path {tmp_path}/fastcgi;
    uwsgi_temp_path {tmp_path}/uwsgi;
    scgi_temp_path {tmp_path}/scgi;
    include {tmp_path}/site.conf;
}}
"""
        )
        process = subprocess.Popen(
            [binary, "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf")],
            stderr=subprocess.PIPE,
            start_new_session=True,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 30
            while True:
                assert process.poll() is None, process.stderr.read() if process.stderr else ""
                try:
                    httpx.get(base, timeout=1)
                    break
                except httpx.TransportError:
                    assert time.monotonic() < deadline, "nginx did not start"
                    time.sleep(0.1)
            yield base
        finally:
            process.send_signal(signal.SIGQUIT)
            process.wait(20)


def test_nginx_routes_pages_to_the_app_and_calls_to_the_api(nginx):
    with httpx.Client(base_url=nginx, timeout=10) as web:
        pages = ["/", "/login", "/admin", "/admin/flights", "/admin/bookings", "/admin/imports"]
        for page in [*pages, "/bookings/x"]:
            answer = web.get(page, headers=BROWSER)
            assert answer.status_code == 200, page
            assert "the-app" in answer.text, page
            assert answer.headers["content-type"].startswith("text/html"), page

        for headers in (JSON, {"Accept": "*/*"}, {"Accept": "text/html, application/json"}):
            admin_api = web.get("/admin/flights", headers=headers)
            assert admin_api.status_code in (401, 404), headers
            assert admin_api.headers["content-type"] == "application/json", headers

        health = web.get("/api/v1/health", headers=BROWSER)
        assert health.headers["content-type"] == "application/json"
        assert health.json()["status"] == "ok"
        assert web.post("/admin", headers=BROWSER).headers["content-type"] == "application/json"

        docs = web.get("/docs", headers=BROWSER)
        assert "swagger-ui" in docs.text
        assert web.get("/openapi.json").json()["info"]["title"] == "Skyqueue"

        # Pages, files and API answers alike carry the same security headers, once.
        for path, headers in [("/", BROWSER), ("/admin", BROWSER), ("/assets/index-abc123.js", {}),
                              ("/api/v1/config", JSON)]:  # fmt: skip
            answer = web.get(path, headers=headers)
            assert answer.headers.get_list("content-security-policy") == [APP_CSP], path
            assert answer.headers["x-content-type-options"] == "nosniff", path
            assert answer.headers["x-frame-options"] == "DENY", path
            assert answer.headers["referrer-policy"] == "strict-origin-when-cross-origin", path

        script = web.get("/assets/index-abc123.js")
        assert script.text == "console.log('app')"
        assert script.headers["cache-control"] == "public, max-age=31536000, immutable"
        assert web.get("/assets/index-gone.js").status_code == 404


def test_frontend_image_builds_the_app_and_serves_it_with_this_config():
    dockerfile = (ROOT / "frontend" / "Dockerfile").read_text()
    build, serve = dockerfile.split("\nFROM nginx:stable-alpine\n")
    assert "FROM node:" in build
    assert "RUN npm ci" in build
    assert "RUN npm run build" in build
    assert "COPY nginx.conf /etc/nginx/conf.d/default.conf" in serve
    assert "COPY --from=build /app/dist /usr/share/nginx/html" in serve
