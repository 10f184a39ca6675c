"""The front end's API types (frontend/src/types/api.d.ts) are generated from the API's OpenAPI
schema; this fails when a change to the API was not followed by `npm run gen:api`."""

import shutil
import subprocess

import pytest

from tests.support.processes import ROOT

FRONTEND = ROOT / "frontend"


def test_generated_api_types_match_the_api():
    node = shutil.which("node")
    installed = (FRONTEND / "node_modules" / "openapi-typescript").is_dir()
    if node is None or not installed:
        pytest.fail("node and frontend/node_modules are needed: install Node.js, then make test")
    result = subprocess.run(
        [node, "scripts/gen-api.mjs", "--check"],
        cwd=FRONTEND,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr + result.stdout
