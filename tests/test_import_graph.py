"""The package's import graph: no cycle between modules and no private name crossing a module
boundary (issue 14). A cycle makes the order of imports matter (a module half-initialised when
the other asks for a name), and a private name imported elsewhere is a seam nobody sees.

Imports inside functions count (they run too); imports under `if TYPE_CHECKING:` do not (they
never run)."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import networkx as nx

KG = Path(__file__).resolve().parents[1] / "kg"


def _module(path: Path) -> str:
    parts = path.relative_to(KG.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module(p): p for p in KG.rglob("*.py")}


def _imports(tree: ast.AST) -> Iterator[ast.ImportFrom | ast.Import]:
    """Every import statement that runs: not those under `if TYPE_CHECKING:`."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.If) and isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING":
            yield from (n for branch in node.orelse for n in _imports(ast.Module(body=[branch], type_ignores=[])))
            continue
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            yield node
        yield from _imports(node)


def _graph() -> nx.DiGraph:
    graph = nx.DiGraph()
    for name, path in MODULES.items():
        graph.add_node(name)
        for node in _imports(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("kg"):
                for alias in node.names:
                    sub = f"{node.module}.{alias.name}"
                    graph.add_edge(name, sub if sub in MODULES else node.module)
            elif isinstance(node, ast.Import):
                graph.add_edges_from((name, a.name) for a in node.names if a.name in MODULES)
    graph.remove_edges_from(nx.selfloop_edges(graph))
    return graph


def test_no_module_of_kg_imports_one_that_imports_it_back() -> None:
    cycles = sorted(sorted(c) for c in nx.simple_cycles(_graph()))
    assert cycles == []


def test_no_private_name_is_imported_from_another_module_of_kg() -> None:
    crossing = [
        f"{name}: {node.module}.{alias.name}"
        for name, path in MODULES.items()
        for node in _imports(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("kg")
        for alias in node.names
        if alias.name.startswith("_")
    ]
    assert crossing == []


def test_the_checker_sees_a_cycle_and_a_private_import() -> None:
    """The graph builder is not blind: two modules importing each other make a cycle."""
    a = ast.parse("from kg.b import thing\n")
    b = ast.parse("def f():\n    from kg.a import _hidden\n")
    found_a = [n.module for n in _imports(a) if isinstance(n, ast.ImportFrom)]
    found_b = [(n.module, n.names[0].name) for n in _imports(b) if isinstance(n, ast.ImportFrom)]
    assert found_a == ["kg.b"] and found_b == [("kg.a", "_hidden")]
    typed = ast.parse("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from kg.a import A\n")
    assert [n.module for n in _imports(typed) if isinstance(n, ast.ImportFrom)] == ["typing"]


def test_the_queries_registry_is_the_packages_api() -> None:
    """Names moved into `kg.queries.registry` are still `kg.queries`' own (the public API is kept)."""
    import kg.queries
    import kg.queries.registry

    for name in ("bind", "find_entity", "get_query", "describe", "UnknownEntity", "AmbiguousEntity", "QUERIES"):
        assert getattr(kg.queries, name) is getattr(kg.queries.registry, name)
