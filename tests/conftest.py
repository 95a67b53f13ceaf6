"""Shared fixtures: a fresh store per test, the project's ontology, and (via the plugin) a real Neo4j."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from kg.ontology import Ontology, load_ontology
from kg.store import Store, open_store

pytest_plugins = ["tests.neo4j_fixtures"]

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


@pytest.fixture(scope="session")
def ontology() -> Ontology:
    return load_ontology()


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = open_store(tmp_path / "store")
    yield s
    s.close()
