"""The README and docs/ tell the truth about the code: the README lists every setting, and each
test they name as the proof of a claim exists."""

import re

import pytest

from core.config import Settings
from tests.support.processes import ROOT

README = (ROOT / "README.md").read_text()


def section(title: str) -> str:
    start = README.index(f"## {title}\n")
    end = README.find("\n## ", start + 1)
    return README[start:end]


def test_the_configuration_table_lists_every_setting():
    table = section("Configuration")
    listed = set(re.findall(r"`([A-Z][A-Z0-9_]+)`", table))
    missing = {name.upper() for name in Settings.model_fields} - listed
    assert not missing, f"settings missing from README's Configuration table: {sorted(missing)}"


@pytest.mark.parametrize(
    "document", ["README.md", *sorted(p.name for p in (ROOT / "docs").glob("*.md"))]
)
def test_every_test_a_document_names_exists(document):
    text = (ROOT / (document if document == "README.md" else f"docs/{document}")).read_text()
    named = re.findall(r"`(tests/[\w/]+\.py)(?:::(\w+))?`", text)
    assert named
    for path, name in named:
        source = (ROOT / path).read_text()
        if name:
            assert re.search(rf"^(async )?def {name}\(", source, re.MULTILINE), f"{path}::{name}"


def test_every_checked_by_claim_names_its_test():
    for paragraph in README.split("\n\n"):
        if re.search(r"checked by|checks that", paragraph) and "`tests/" not in paragraph:
            raise AssertionError(f"a claim without its test: {paragraph[:200]}")
