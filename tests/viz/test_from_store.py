"""`kg viz lineage` and `kg viz investors` read only the part of the graph they draw
(`kg.viz.from_store`), and draw exactly what they drew from the whole graph view."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import networkx as nx
import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.graph import to_networkx
from kg.store import Store, open_store
from kg.viz import (
    Filters,
    investors_graph,
    lineage_graph,
    network_graph,
    render_investors,
    render_lineage,
    render_network,
)
from kg.viz.lineage import lineage_view
from kg.viz.network import investors_view, network_view
from tests import paths
from tests.disputes_data import disputed_round
from tests.factories import financial_articles, hostile_article, investor_network, record_all
from tests.ownership_data import ownership_web

sys.path.insert(0, str(paths.SCRIPTS))
import bench_load  # noqa: E402

runner = CliRunner()


def _articles(store: Store) -> None:
    record_all(store, [*investor_network(), hostile_article(), *financial_articles(), ownership_web(),
                       *disputed_round()])


def _generated(store: Store) -> None:
    """bench_load's investor network: syndicates, founders who leave to found spin-offs, IPOs."""
    bench_load.generate(store, 150)


@pytest.fixture(scope="module", params=[_articles, _generated], ids=["articles", "generated"])
def stored(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[Store, nx.MultiDiGraph]:
    store = open_store(tmp_path_factory.mktemp("from-store") / "store")
    request.param(store)
    yield store, to_networkx(store)
    store.close()


def _organisations(graph: nx.MultiDiGraph) -> list[str]:
    return sorted(n for n, labels in graph.nodes(data="labels") if "Organization" in labels)


@pytest.mark.parametrize(("depth", "with_investors"), [(None, False), (None, True), (1, False), (2, True)])
def test_every_lineage_is_drawn_as_from_the_whole_view(stored: tuple[Store, nx.MultiDiGraph], depth: int | None,
                                                       with_investors: bool) -> None:
    """Every box (name, generation, year, aliases, the articles of everything it did, the people its
    links run through, where it is drawn) and every link, for every organisation of the store as root."""
    store, whole = stored
    drawn = 0
    for root in _organisations(whole):
        expected = lineage_view(whole, root, depth=depth, with_investors=with_investors).to_json()
        part = lineage_graph(store, root, depth=depth, with_investors=with_investors)
        assert lineage_view(part, root, depth=depth, with_investors=with_investors).to_json() == expected, root
        drawn += len(expected["nodes"]) > 1
    assert drawn >= 10  # lineages with spin-offs, not only lone boxes


def test_every_investors_drawing_is_as_from_the_whole_view(stored: tuple[Store, nx.MultiDiGraph]) -> None:
    store, whole = stored
    sizes = []
    for entity in _organisations(whole):
        expected = investors_view(whole, entity).to_json()
        assert investors_view(investors_graph(store, entity), entity).to_json() == expected, entity
        sizes.append(len(expected["edges"]))
    assert max(sizes) >= 5


@pytest.mark.parametrize("filters", [
    Filters(), Filters(capital="state"), Filters(capital="private"), Filters(region="上海"), Filters(region="shanghai"),
    Filters(region="北京市", capital="state"), Filters(region="Atlantis"), Filters(since=2019), Filters(until=2018),
    Filters(rounds=("a", "B")), Filters(since=2018, until=2019, rounds=("Angel",), capital="private"),
], ids=repr)
def test_the_network_is_drawn_as_from_the_whole_view(stored: tuple[Store, nx.MultiDiGraph], filters: Filters) -> None:
    """Every organisation and investment the filters keep, and only those: by year, round, state or
    private capital and the investor's region, alone and together."""
    store, whole = stored
    expected = network_view(whole, filters).to_json()
    part = network_graph(store, filters)
    assert network_view(part, filters).to_json() == expected
    if filters.picks_investors:  # only the investments of the investors kept are read
        assert part.number_of_edges() == sum(
            1 for investor, _c, kind in whole.edges(data="type")
            if kind == "INVESTED_IN" and filters.keeps_investor(whole, investor))


def test_a_drawing_reads_only_the_edges_of_its_boxes(stored: tuple[Store, nx.MultiDiGraph]) -> None:
    """What a drawing reads grows with what it draws, not with the store: every edge a lineage reads
    touches one of its boxes, and an investors drawing reads exactly the investments it draws."""
    store, whole = stored
    for root in _organisations(whole):
        part = lineage_graph(store, root, with_investors=True)
        boxes = {node["id"] for node in lineage_view(whole, root, with_investors=True).to_json()["nodes"]}
        assert all(u in boxes or v in boxes for u, v in part.edges()), root
        drawn = investors_view(whole, root).to_json()["edges"]
        assert investors_graph(store, root).number_of_edges() == len(drawn), root


@pytest.mark.parametrize(("command", "draw"), [
    (["viz", "lineage", "云岫智能", "--with-investors"],
     lambda whole, root, path: render_lineage(whole, root, path, with_investors=True)),
    (["viz", "lineage", "云岫智能", "--depth", "1"],
     lambda whole, root, path: render_lineage(whole, root, path, depth=1)),
    (["viz", "investors", "云岫智能"], render_investors),
    (["viz", "network", "--capital", "private", "--since", "2024"],
     lambda whole, _root, path: render_network(whole, path, Filters(capital="private", since=2024))),
], ids=["lineage", "lineage-depth", "investors", "network"])
def test_the_cli_draws_without_the_whole_view(tmp_path: Path, command: list[str],
                                              draw: Callable[[nx.MultiDiGraph, str, Path], object],
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """The page `kg viz` writes is the one drawn from the whole view, which it never builds."""
    store_path = tmp_path / "store"
    assert runner.invoke(app, ["build", str(paths.EXAMPLES), "--store", str(store_path)]).exit_code == 0
    with open_store(store_path, create=False) as store:
        whole = to_networkx(store)
    root = next(n for n, name in whole.nodes(data="name") if name == "云岫智能")
    draw(whole, root, tmp_path / "expected.html")
    monkeypatch.setattr("kg.graph.to_networkx", lambda *_a, **_k: pytest.fail("built the whole view"))
    result = runner.invoke(app, [*command, "--output", str(tmp_path / "drawn.html"), "--store", str(store_path)])
    assert result.exit_code == 0, result.output
    drawn = (tmp_path / "drawn.html").read_text(encoding="utf-8")
    assert drawn == (tmp_path / "expected.html").read_text(encoding="utf-8")
