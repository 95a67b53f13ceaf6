"""The whole graph view kept between commands (`kg.view_cache`): read back exactly as built, and only for
the store, version and code it was made from."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from typer.testing import CliRunner

import kg.graph
import kg.view_cache
from kg.build import add_article
from kg.cli import app
from kg.model import Article
from kg.queries.cypher_embedded import run_cypher_embedded
from kg.store import Store, open_store
from kg.view_cache import cypher_whole_view, whole_view
from tests.factories import investor_network, record_all

runner = CliRunner()


@pytest.fixture(autouse=True)
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A cache of its own, and every store large enough to be kept."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("KG_CACHE_DIR", str(folder))
    monkeypatch.setattr(kg.view_cache, "CACHE_FROM", 1)
    return folder / "views"


@pytest.fixture
def builds(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The stores whose view was built (not read from the cache), in order."""
    built: list[str] = []
    real = kg.graph.to_networkx

    def counting(store: Store, ontology: Any = None) -> nx.MultiDiGraph:
        built.append(str(store.path))
        return real(store, ontology)

    monkeypatch.setattr(kg.graph, "to_networkx", counting)
    return built


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with open_store(tmp_path / "store") as opened:
        record_all(opened, investor_network())
        yield opened


def _everything(graph: nx.MultiDiGraph) -> list[Any]:
    """Nodes, edges and predecessors with their attributes, in the graph's own orders."""
    return [list(graph.nodes(data=True)), list(graph.edges(keys=True, data=True)),
            list(graph.in_edges(keys=True, data=True)), graph.graph]


def test_the_kept_view_is_the_view_built(store: Store, cache: Path, builds: list[str]) -> None:
    built = whole_view(store)
    assert builds == [str(store.path)] and len(list(cache.glob("*.pickle"))) == 1
    kept = whole_view(store)
    assert builds == [str(store.path)]  # read back, not built
    assert _everything(kept) == _everything(built) == _everything(kg.graph.to_networkx(store))
    assert kg.graph.node_link(kept) == kg.graph.node_link(built)


def test_a_write_makes_the_kept_view_old(store: Store, builds: list[str]) -> None:
    before = whole_view(store)
    add_article(store, Article(text="后来者科技完成C轮融资，由远川资本领投。", published="2025-11-02"))
    after = whole_view(store)
    assert len(builds) == 2
    assert any(name == "后来者科技" for _n, name in after.nodes(data="name"))
    assert not any(name == "后来者科技" for _n, name in before.nodes(data="name"))
    assert _everything(whole_view(store)) == _everything(after) and len(builds) == 2


def test_another_store_at_the_same_path_is_built(tmp_path: Path, builds: list[str]) -> None:
    """A store deleted and built again in its folder, at the same version, from other articles: another id."""
    versions = []
    for company in ("澄明智能", "远望科技"):
        shutil.rmtree(tmp_path / "store", ignore_errors=True)
        with open_store(tmp_path / "store") as opened:
            add_article(opened, Article(text=f"{company}完成A轮融资，由远川资本领投。", published="2025-11-03"))
            versions.append(opened.data_version())
            assert any(name == company for _n, name in whole_view(opened).nodes(data="name"))
    assert versions[0] == versions[1] and len(builds) == 2


def test_a_copied_store_keeps_its_own_view(store: Store, tmp_path: Path, cache: Path, builds: list[str]) -> None:
    whole_view(store)
    shutil.copytree(store.path, tmp_path / "copy")
    with open_store(tmp_path / "copy", create=False) as copy:
        assert copy.uid() == store.uid()
        add_article(copy, Article(text="澄明智能完成A轮融资，由远川资本领投。", published="2025-11-03"))
        copied = whole_view(copy)
    assert any(name == "澄明智能" for _n, name in copied.nodes(data="name"))
    assert not any(name == "澄明智能" for _n, name in whole_view(store).nodes(data="name"))
    assert len(builds) == 2 and len(list(cache.glob("*.pickle"))) == 2


@pytest.mark.parametrize("damage", [
    lambda path: path.write_bytes(path.read_bytes()[: len(path.read_bytes()) // 2]),  # cut short
    lambda path: path.write_bytes(b"not a pickle at all"),
    lambda path: path.write_bytes(b""),
], ids=["cut", "garbage", "empty"])
def test_a_damaged_file_is_built_again_and_replaced(store: Store, cache: Path, builds: list[str],
                                                    damage: Callable[[Path], object]) -> None:
    expected = _everything(whole_view(store))
    (kept,) = cache.glob("*.pickle")
    damage(kept)
    assert _everything(whole_view(store)) == expected and len(builds) == 2
    assert _everything(whole_view(store)) == expected and len(builds) == 2  # the file is whole again


def test_other_code_builds_again(store: Store, builds: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    whole_view(store)
    monkeypatch.setattr(kg.view_cache, "code_digest", lambda: "another release")
    whole_view(store)
    assert len(builds) == 2


def test_nothing_is_kept_when_turned_off_or_small(store: Store, cache: Path, builds: list[str],
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KG_CACHE_DIR", "")
    whole_view(store)
    whole_view(store)
    monkeypatch.setenv("KG_CACHE_DIR", str(cache.parent))
    monkeypatch.setattr(kg.view_cache, "CACHE_FROM", store.relation_count() + 1)
    whole_view(store)
    assert len(builds) == 3 and not cache.exists()


def test_the_least_recently_used_views_go(tmp_path: Path, cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(kg.view_cache, "MAX_VIEWS", 2)
    stores = []
    for i in range(3):
        opened = open_store(tmp_path / f"s{i}")
        record_all(opened, investor_network()[i:i + 2])
        stores.append(opened)
    whole_view(stores[0])
    whole_view(stores[1])
    os.utime(next(iter(cache.glob("*.pickle"))), (1, 1))  # one made long ago
    old = min(cache.glob("*.pickle"), key=lambda p: p.stat().st_mtime)
    whole_view(stores[2])
    assert len(list(cache.glob("*.pickle"))) == 2 and not old.exists()
    for opened in stores:
        opened.close()


@pytest.mark.parametrize("command", [
    ["export", "--format", "nt", "--output", "{tmp}/g.nt"],
    ["export", "--format", "node-link", "--output", "{tmp}/g.json"],
    ["cypher", "MATCH (f)-[:INVESTED_IN]->(c) RETURN f.name AS f, c.name AS c ORDER BY f, c", "--engine", "embedded"],
])
def test_the_second_command_reads_the_kept_view(store: Store, tmp_path: Path, command: list[str],
                                                builds: list[str]) -> None:
    """Same output, and no view built the second time."""
    outputs = []
    for run in ("first", "second"):
        folder = tmp_path / run
        folder.mkdir()
        result = runner.invoke(app, [*(part.replace("{tmp}", str(folder)) for part in command),
                                     "--store", str(store.path)])
        assert result.exit_code == 0, result.output
        written = list(folder.iterdir())
        outputs.append(written[0].read_bytes() if written else result.stdout.encode())
    assert outputs[0] == outputs[1] and len(outputs[0]) > 100
    assert builds == [str(store.path)]


@pytest.mark.parametrize("query", [
    "MATCH (f)-[r:INVESTED_IN]->(c) RETURN f.name AS f, c.name AS c, r.round AS round ORDER BY f, c, round",
    "MATCH (f:StateOwnedFund) RETURN f.id AS id, f.region AS region ORDER BY id",
    "MATCH (c:Company) RETURN count(c) AS n",
])
def test_the_kept_cypher_graph_answers_as_the_view(store: Store, cache: Path, builds: list[str], query: str) -> None:
    """`kg cypher`'s graph (the view's properties as Neo4j holds them) is kept apart from the view, and read
    back it answers as the view does."""
    expected = run_cypher_embedded(kg.graph.to_networkx(store), query)
    assert run_cypher_embedded(cypher_whole_view(store), query) == expected  # built and kept
    assert run_cypher_embedded(cypher_whole_view(store), query) == expected  # read back
    whole_view(store)
    assert len(builds) == 3 and len(list(cache.glob("*.pickle"))) == 2 and len(expected) > 0
