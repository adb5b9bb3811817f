"""The apps form layers and imports only go down (DESIGN.md, Architecture): a lower app never imports a
higher one, and core imports no app at all. Read from the source, so an import inside a function counts."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# Lowest first; apps on one level may not import each other either.
LAYERS = [
    ["core"],
    ["accounts"],
    ["partnerships"],
    ["students"],
    ["safety"],
    ["communications"],
    ["portal", "dashboard", "demo"],
    ["config"],
]
LEVEL = {app: level for level, apps in enumerate(LAYERS) for app in apps}


def _imported_apps(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names & LEVEL.keys()


def _modules(app: str) -> list[Path]:
    return sorted(path for path in (ROOT / app).rglob("*.py") if "migrations" not in path.parts)


@pytest.mark.parametrize("app", list(LEVEL))
def test_an_app_imports_only_the_layers_below_it(app):
    wrong = {
        f"{path.relative_to(ROOT)} imports {other}"
        for path in _modules(app)
        for other in _imported_apps(path)
        if other != app and LEVEL[other] >= LEVEL[app]
    }
    assert not wrong, sorted(wrong)


def _imports_inside_functions(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    found = set()
    for function in ast.walk(tree):
        if isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
            for node in ast.walk(function):
                if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] in LEVEL:
                    found.add(f"{path.relative_to(ROOT)}:{node.lineno} imports {node.module}")
                elif isinstance(node, ast.Import):
                    found |= {
                        f"{path.relative_to(ROOT)}:{node.lineno} imports {alias.name}"
                        for alias in node.names
                        if alias.name.split(".")[0] in LEVEL
                    }
    return found


def test_no_module_hides_an_import_circle_inside_a_function():
    """Our modules import each other at the top; only AppConfig.ready (registering from above, once the
    apps are loaded) and the settings' Celery app import inside a function."""
    hidden = {
        found
        for app in LEVEL
        for path in _modules(app)
        if path.name != "apps.py" and path.parts[-2:] != ("config", "celery.py")
        for found in _imports_inside_functions(path)
    }
    assert not hidden, sorted(hidden)


def test_every_app_has_its_layer():
    apps = {path.parent.name for path in ROOT.glob("*/apps.py")} | {"core", "config"}
    assert apps == LEVEL.keys()
