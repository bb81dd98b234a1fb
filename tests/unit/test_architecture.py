"""The layers stay as the folders say: imports are walked statically, so a new module that
breaks a rule fails here before anyone reads it."""

from __future__ import annotations

import ast
import inspect
import pkgutil
from importlib import import_module
from pathlib import Path

import pytest

import rolemap
from rolemap import errors

ROOT = Path(rolemap.__file__).parent


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    """Every module a file imports, at the top or inside a function (a lazy import counts)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


GRAPH = {_module_name(p): _imports(p) for p in ROOT.rglob("*.py")}


def _top_level_rolemap_imports(module: str) -> set[str]:
    path = ROOT.parent / (module.replace(".", "/") + ".py")
    if not path.exists():
        path = ROOT.parent / module.replace(".", "/") / "__init__.py"
    tree = ast.parse(path.read_text())
    found: set[str] = set()
    for node in tree.body:  # module level only: what runs on import
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("rolemap"):
            for alias in node.names:
                full = f"{node.module}.{alias.name}"
                found.add(full if full in GRAPH else node.module)
    return found


def test_no_production_module_imports_the_test_fake_or_the_emulator() -> None:
    offenders = {
        module: sorted(i for i in imports if i.startswith(("rolemap.adapters.memory", "sheets_")))
        for module, imports in GRAPH.items()
        if module != "rolemap.adapters.memory"
    }
    assert {m: i for m, i in offenders.items() if i} == {}


@pytest.mark.parametrize("banned", ["gspread", "openpyxl", "flask", "requests", "google"])
def test_the_core_imports_no_io_library(banned: str) -> None:
    offenders = [
        module
        for module, imports in GRAPH.items()
        if module.startswith("rolemap.core")
        and any(i == banned or i.startswith(banned + ".") for i in imports)
    ]
    assert offenders == []


def test_the_core_never_reaches_out_to_the_edges() -> None:
    edges = ("rolemap.adapters", "rolemap.web", "rolemap.cli", "rolemap.pipeline", "rolemap.ports")
    offenders = {
        module: sorted(i for i in imports if i.startswith(edges))
        for module, imports in GRAPH.items()
        if module.startswith("rolemap.core")
    }
    assert {m: i for m, i in offenders.items() if i} == {}


def test_there_is_no_import_cycle() -> None:
    edges = {m: {i for i in _top_level_rolemap_imports(m) if i in GRAPH} for m in GRAPH}
    state: dict[str, int] = {}
    path: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        path.append(node)
        for nxt in edges[node]:
            if nxt.startswith(node + "."):
                continue  # a package importing its own submodule
            if state.get(nxt) == 1:
                raise AssertionError(" -> ".join([*path[path.index(nxt) :], nxt]))
            if nxt not in state:
                visit(nxt)
        path.pop()
        state[node] = 2

    for module in sorted(edges):
        if module not in state:
            visit(module)


def test_every_exception_is_in_the_tree_of_the_errors_module() -> None:
    for info in pkgutil.walk_packages(rolemap.__path__, "rolemap."):
        if info.name.endswith(("wsgi", "gunicorn_conf")):
            continue  # build an app or read the environment on import
        import_module(info.name)
    found = {
        cls
        for module in list(GRAPH)
        for _, cls in inspect.getmembers(import_module(module), inspect.isclass)
        if issubclass(cls, errors.RolemapError)
    }
    doc = errors.__doc__ or ""
    assert {cls.__name__ for cls in found if cls.__name__ not in doc} == set()
    assert {cls.__module__ for cls in found} == {"rolemap.errors"}
