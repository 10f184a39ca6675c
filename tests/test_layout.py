"""The layout keeps its promises: imports point one way (api → core ← workers, the API sending
work by name through `core.dispatch`), and no module or function grows past what a reader can
hold (400 lines, 60 lines)."""

import ast
from pathlib import Path

from tests.support.processes import ROOT

PACKAGES = ("core", "api", "workers")


def modules(package: str) -> list[Path]:
    return sorted((ROOT / package).rglob("*.py"))


def imported(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_the_api_imports_no_worker_module():
    offenders = {
        str(path.relative_to(ROOT)): sorted(n for n in imported(path) if n.startswith("workers"))
        for path in modules("api")
    }
    assert {path: names for path, names in offenders.items() if names} == {}


def test_the_domain_imports_neither_edge():
    offenders = {
        str(path.relative_to(ROOT)): sorted(
            n for n in imported(path) if n.startswith(("api", "workers"))
        )
        for path in modules("core")
    }
    assert {path: names for path, names in offenders.items() if names} == {}


def test_no_module_over_400_lines_and_no_function_over_60():
    long_modules, long_functions = [], []
    for package in PACKAGES:
        for path in modules(package):
            source = path.read_text()
            name = str(path.relative_to(ROOT))
            if source.count("\n") > 400:
                long_modules.append(name)
            for node in ast.walk(ast.parse(source)):
                if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    length = (node.end_lineno or node.lineno) - node.lineno + 1
                    if length > 60:
                        long_functions.append(f"{name}:{node.name} ({length} lines)")
    assert long_modules == []
    assert long_functions == []
