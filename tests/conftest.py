"""Shared fixtures: a fresh store per test, the project's ontology, headless Chromium, and (via the plugin)
a real Neo4j."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

from kg.errors import KGError
from kg.ontology import Ontology, load_ontology
from kg.store import Store, open_store

pytest_plugins = ["tests.neo4j_fixtures"]

# Property tests check what a function returns, not how fast: on a shared two-core machine one example
# can take longer than hypothesis's 200 ms default while the answer is right. Time bounds that matter
# are asserted where they are the point (the linear-time tests of the hardening suite).
settings.register_profile("kg", deadline=None)
settings.load_profile("kg")

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


@pytest.fixture(scope="session")
def chromium() -> str:
    """Chromium is part of the test setup (Debian's package); missing, it fails rather than skips."""
    from kg.viz.browser import find_chromium

    try:
        return find_chromium()
    except KGError as exc:
        pytest.fail(str(exc), pytrace=False)
