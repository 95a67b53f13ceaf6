"""`import kg` is the library's front door: a version, a curated `__all__`, and nothing heavy loaded."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

import kg

ROOT = Path(__file__).resolve().parents[1]


def test_the_version_is_the_projects() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert kg.__version__ == config["project"]["version"]


@pytest.mark.parametrize("name", kg.__all__)
def test_every_exported_name_resolves(name: str) -> None:
    assert getattr(kg, name) is not None
    assert name in dir(kg)


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no_such_name"):
        kg.no_such_name  # noqa: B018


def test_the_exports_are_the_functions_they_name() -> None:
    from kg.build import build
    from kg.store import open_store

    assert kg.build_store is build
    assert kg.open_store is open_store


def test_importing_kg_and_its_cli_loads_no_heavy_dependency() -> None:
    heavy = ("neo4j", "rdflib", "pyshacl", "pyoxigraph", "grand_cypher", "jieba", "networkx")
    code = ("import sys, kg, kg.cli; kg.__version__; "
            f"print(','.join(m for m in {heavy!r} if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_all_lists_every_lazy_export() -> None:
    assert sorted(kg.__all__) == sorted(["__version__", *kg._EXPORTS])
