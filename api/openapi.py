"""The OpenAPI schema names every status a route can answer, each with the one error body
(`api.errors.ErrorBody`): refusals the framework or the edge makes for any route (a bad body,
a missing login, a store down) are added here rather than written on every route."""

from typing import Any

from fastapi import FastAPI

from api.errors import ErrorBody

ERROR_REF = {"$ref": "#/components/schemas/ErrorBody"}
# Status codes any operation can meet, and when.
ALWAYS = {
    "429": "too many requests: wait as long as `Retry-After` says",
    "503": "a store (PostgreSQL or Redis) is not answering: retry after `Retry-After` seconds",
}
WITH_INPUT = {"422": "invalid input: `detail` names each field and why"}
WITH_BODY = {
    "400": "the body could not be read (not UTF-8, not JSON)",
    "413": "the body is larger than the limit (MAX_BODY_BYTES)",
}
WITH_LOGIN = {"401": "no valid access token: log in again"}
ADMIN_ONLY = {"403": "this needs an administrator account"}
WITH_PATH_ID = {"404": "no such resource, or not yours"}


def _document(path: str, operation: dict[str, Any]) -> None:
    responses: dict[str, Any] = operation.setdefault("responses", {})
    wanted = dict(ALWAYS)
    if operation.get("parameters") or "requestBody" in operation:
        wanted |= WITH_INPUT
    if "requestBody" in operation:
        wanted |= WITH_BODY
    if operation.get("security"):
        wanted |= WITH_LOGIN
        if path.startswith("/admin"):
            wanted |= ADMIN_ONLY
    if any(p.get("in") == "path" for p in operation.get("parameters", [])):
        wanted |= WITH_PATH_ID
    for status, description in wanted.items():
        responses.setdefault(status, {"description": description})
    for status, response in responses.items():
        if status.startswith(("4", "5")):
            response["content"] = {"application/json": {"schema": ERROR_REF}}


def document_errors(app: FastAPI) -> None:
    """Make `app.openapi()` declare the error answers of every operation."""
    generate = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = generate()
            components = schema.setdefault("components", {}).setdefault("schemas", {})
            body = ErrorBody.model_json_schema(ref_template="#/components/schemas/{model}")
            components.update(body.pop("$defs", {}))
            components["ErrorBody"] = body
            for name in ("HTTPValidationError", "ValidationError"):
                components.pop(name, None)
            for path, item in schema.get("paths", {}).items():
                for operation in item.values():
                    _document(path, operation)
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
