"""The API serves the built front end: a browser opening or reloading any page of the app gets
index.html, API calls get JSON, even below /admin where the admin page and the admin API meet."""

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.frontend import is_navigation
from api.main import create_app

BROWSER = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}
JSON = {"Accept": "application/json"}
INDEX = '<!doctype html><html><body><div id="root"></div>the-app</body></html>'


@pytest.fixture
def dist(tmp_path: Path) -> Path:
    (tmp_path / "assets").mkdir()
    (tmp_path / "index.html").write_text(INDEX)
    (tmp_path / "assets" / "index-abc123.js").write_text("console.log('app')")
    (tmp_path / "favicon.svg").write_text("<svg/>")
    (tmp_path.parent / "secret.txt").write_text("outside dist")
    return tmp_path


@pytest.fixture
def web(dist: Path) -> TestClient:
    return TestClient(create_app(frontend_dist=dist))


PAGES = [
    "/",
    "/login",
    "/register",
    "/admin",
    "/admin/flights",
    "/admin/bookings",
    "/admin/imports",
    "/bookings/x",
]


@pytest.mark.parametrize("path", PAGES)
def test_browser_navigation_to_any_page_gets_the_app(web, path):
    answer = web.get(path, headers=BROWSER)
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("text/html")
    assert "the-app" in answer.text
    assert answer.headers["cache-control"] == "no-cache"


def test_head_of_a_page_is_answered_without_a_body(web):
    answer = web.head("/admin", headers=BROWSER)
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("text/html")
    assert answer.content == b""


@pytest.mark.parametrize("headers", [JSON, {"Accept": "*/*"}, {}])
def test_api_calls_below_admin_get_json(web, headers):
    # GET /admin/flights is the admin API (anonymous here: 401; before that route exists: 404);
    # either way the API answers, in JSON, never the app.
    answer = web.get("/admin/flights", headers=headers)
    assert answer.status_code in (401, 404)
    assert answer.headers["content-type"] == "application/json"
    assert "the-app" not in answer.text


def test_a_client_preferring_json_alongside_html_gets_the_api(web):
    answer = web.get("/admin/flights", headers={"Accept": "text/html, application/json"})
    assert answer.headers["content-type"] == "application/json"


def test_api_routes_answer_json_even_to_a_browser(web):
    answer = web.get("/api/v1/auth/me", headers=BROWSER)
    assert answer.status_code == 401
    assert answer.json() == {"detail": "Not authenticated"}
    unknown = web.get("/api/v1/no-such-thing", headers=BROWSER)
    assert unknown.status_code == 404
    assert unknown.headers["content-type"] == "application/json"


def test_writes_always_go_to_the_api(web):
    answer = web.post(
        "/api/v1/auth/token", data={"username": "x", "password": "y"}, headers=BROWSER
    )
    assert answer.status_code in (401, 422)
    assert answer.headers["content-type"] == "application/json"
    assert web.post("/admin", headers=BROWSER).headers["content-type"] == "application/json"


def test_api_docs_still_work(web):
    docs = web.get("/docs", headers=BROWSER)
    assert docs.status_code == 200
    assert "swagger-ui" in docs.text
    assert "the-app" not in docs.text
    assert web.get("/redoc", headers=BROWSER).status_code == 200
    schema = web.get("/openapi.json", headers=BROWSER)
    assert schema.json()["info"]["title"] == "Skyqueue"


def test_built_files_are_served_hashed_assets_cached_for_good(web):
    script = web.get("/assets/index-abc123.js")
    assert script.status_code == 200
    assert script.text == "console.log('app')"
    assert "javascript" in script.headers["content-type"]
    assert script.headers["cache-control"] == "public, max-age=31536000, immutable"
    icon = web.get("/favicon.svg")
    assert icon.headers["content-type"] == "image/svg+xml"
    assert icon.headers["cache-control"] == "no-cache"


def test_no_file_outside_dist_is_served(web):
    answer = web.get("/../secret.txt")
    assert "outside dist" not in answer.text
    answer = web.get("/%2e%2e/secret.txt")
    assert "outside dist" not in answer.text


def test_a_missing_asset_is_a_404_not_the_app(web):
    answer = web.get("/assets/index-gone.js", headers={"Accept": "*/*"})
    assert answer.status_code == 404
    assert "the-app" not in answer.text


def test_without_a_build_the_api_serves_no_pages(tmp_path):
    api_only = TestClient(create_app(frontend_dist=tmp_path / "missing"))
    answer = api_only.get("/login", headers=BROWSER)
    assert answer.status_code == 404
    assert answer.headers["content-type"] == "application/json"


@pytest.mark.parametrize(
    ("method", "accept", "navigation"),
    [
        ("GET", BROWSER["Accept"], True),
        ("HEAD", "text/html", True),
        ("GET", "application/json", False),
        ("GET", "text/html, application/json;q=0.9", False),
        ("GET", "*/*", False),
        ("GET", "", False),
        ("POST", "text/html", False),
    ],
)
def test_navigation_is_a_get_asking_for_html_and_not_json(method, accept, navigation):
    assert is_navigation(method, accept) is navigation
