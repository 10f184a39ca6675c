"""The built web front end (`frontend/dist`) served by the API, so that one port is enough.

A browser opening or reloading any page of the app must get the app, while API calls get JSON,
even where the two share a path: the admin page is `/admin` and the admin API lives below it
(`GET /admin/flights` is an API route). The request decides. A GET or HEAD whose `Accept` lists
`text/html` and not `application/json` is a browser navigating (the app's own requests always ask
for `application/json`), and gets `index.html`; anything else goes to the API. `/api/...` and the
API's documentation are the API's whatever the request asks for. `frontend/nginx.conf` applies
the same rule in the container set-up.
"""

from collections.abc import Iterable
from pathlib import Path

from starlette.responses import FileResponse
from starlette.types import ASGIApp, Receive, Scope, Send

API_PREFIX = "/api/"
# Hashed file names: a new build has new names, so these may be cached for good.
IMMUTABLE_PREFIX = "/assets/"


def is_navigation(method: str, accept: str) -> bool:
    """Whether a request is a browser asking for a page (rather than a client asking for data)."""
    if method not in ("GET", "HEAD"):
        return False
    types = {part.split(";")[0].strip().lower() for part in accept.split(",")}
    return "text/html" in types and "application/json" not in types


class FrontendMiddleware:
    """Answers the app's files and its pages; hands everything else to the API."""

    def __init__(self, app: ASGIApp, *, dist: Path, api_paths: Iterable[str]) -> None:
        self.app = app
        self.dist = dist.resolve()
        self.index = self.dist / "index.html"
        self.api_paths = frozenset([*api_paths, API_PREFIX.rstrip("/")])

    def _is_api(self, path: str) -> bool:
        return path.startswith(API_PREFIX) or path in self.api_paths

    def _file(self, path: str) -> Path | None:
        candidate = (self.dist / path.lstrip("/")).resolve()
        if candidate.is_relative_to(self.dist) and candidate.is_file():
            return candidate
        return None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in ("GET", "HEAD"):
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        if self._is_api(path):
            await self.app(scope, receive, send)
            return
        file = self._file(path)
        if file is not None and file != self.index:
            cache = (
                "public, max-age=31536000, immutable"
                if path.startswith(IMMUTABLE_PREFIX)
                else "no-cache"
            )
            await FileResponse(file, headers={"Cache-Control": cache})(scope, receive, send)
            return
        accept = next((v.decode("latin-1") for k, v in scope["headers"] if k == b"accept"), "")
        if is_navigation(scope["method"], accept):
            # no-cache: a new deployment's index.html (naming new assets) is picked up at once.
            response = FileResponse(
                self.index, media_type="text/html", headers={"Cache-Control": "no-cache"}
            )
            await response(scope, receive, send)
            return
        await self.app(scope, receive, send)
