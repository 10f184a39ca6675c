"""The API against its own OpenAPI schema, fuzzed by Schemathesis with a traveller's and an
administrator's token over a database holding flights and orders: no answer is a 5xx, every
answer matches the schema (status code declared, body and headers as documented), and an
undeclared method gets 405 with a true `Allow`.

Left out: Schemathesis' "schema-valid data must be accepted" check. Business rules the schema
cannot state (a date in the past, a flight that departed, a reference with a look-alike letter)
rightly refuse some schema-valid requests with a 4xx.
"""

import pytest
import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, given, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance
from sqlmodel import Session

from api.main import app, create_app
from tests.factories import auth_headers, make_flight, make_user

EXAMPLES = 30
schema = schemathesis.openapi.from_asgi("/openapi.json", app)
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)


@pytest.fixture
def tokens(committed: Session) -> dict[str, dict[str, str]]:
    """Both kinds of account, and rows for the listings and reads to work over."""
    traveller = make_user(committed)
    for seats in (1, 10):
        make_flight(committed, seats=seats)
    admin = make_user(committed, admin=True)
    return {"traveller": auth_headers(traveller), "admin": auth_headers(admin)}


@pytest.mark.parametrize("role", ["traveller", "admin"])
@schema.parametrize()
@FUZZ
def test_every_answer_matches_the_schema_and_none_is_a_server_error(case, role, tokens):
    case.call_and_validate(headers=tokens[role], excluded_checks=[positive_data_acceptance])


def broken_app() -> FastAPI:
    """The app with one route that fails as a bug would."""
    broken = create_app()

    @broken.get("/api/v1/broken")
    def fail(page: int = 1) -> dict[str, int]:
        raise RuntimeError(f"a bug on page {page}")

    return broken


def test_the_fuzzing_fails_on_a_route_that_raises():
    broken = schemathesis.openapi.from_asgi("/openapi.json", broken_app())
    operation = broken["/api/v1/broken"]["GET"]

    @given(case=operation.as_strategy())
    @FUZZ
    def fuzz(case):
        case.call_and_validate(excluded_checks=[positive_data_acceptance])

    # In-process the bug surfaces as itself; behind a server it would be a 500 ("Server error").
    with pytest.raises(Exception, match=r"a bug on page|Server error"):
        fuzz()
