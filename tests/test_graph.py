"""The graph view and its node-link export: the shape every projection relies on."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest

from kg.build import build
from kg.errors import StoreError
from kg.graph import from_node_link, graph_of, node_link, to_networkx
from kg.names import normalize_name
from kg.ontology import Ontology
from kg.queries import AmbiguousEntity, UnknownEntity, find_entity, run_embedded
from kg.resolve import resolve
from kg.store import Store, write_article
from tests.factories import funding_article, ipo_article
from tests.paths import DATA, EXAMPLES


@pytest.fixture
def graph(store: Store, ontology: Ontology) -> nx.MultiDiGraph:
    for ext in (funding_article(), ipo_article()):
        res = resolve(store, ext, ontology)
        write_article(store, ext.article, res.entities, res.relations, normalize_name)
    return to_networkx(store, ontology)


def test_node_link_has_the_documented_shape(graph: nx.MultiDiGraph, ontology: Ontology) -> None:
    data = json.loads(json.dumps(node_link(graph), ensure_ascii=False))
    assert set(data) >= {"nodes", "edges"} and "links" not in data
    for node in data["nodes"]:
        assert {"id", "labels", "name", "aliases"} <= set(node)
        assert node["labels"] == ontology.labels_for(node["labels"])  # closed and ordered root first
    for edge in data["edges"]:
        assert {"source", "target", "type", "id"} <= set(edge)
        props = {k for k in edge if k not in {"source", "target", "key", "type"}}
        ontology.check_relation_properties(edge["type"], dict.fromkeys(props))


def test_every_label_and_type_is_an_ontology_name(graph: nx.MultiDiGraph, ontology: Ontology) -> None:
    for _n, data in graph.nodes(data=True):
        for label in data["labels"]:
            ontology.cls(label)
    for s, t, data in graph.edges(data=True):
        assert ontology.check_endpoints(data["type"], graph.nodes[s]["labels"], graph.nodes[t]["labels"])


def test_articles_and_events_are_part_of_the_view(graph: nx.MultiDiGraph) -> None:
    by_label: dict[str, list[str]] = {}
    for node, data in graph.nodes(data=True):
        for label in data["labels"]:
            by_label.setdefault(label, []).append(node)
    assert len(by_label["Article"]) == 2
    assert by_label["FundingRound"] == ["fundinground:星衡智能:B"]
    ipo = graph.nodes["ipo:星衡智能:hkex"]
    assert ipo["stage"] == "listed" and ipo["ticker"] == "2599"
    types = {d["type"] for _s, _t, d in graph.edges(data=True)}
    assert {"MENTIONED_IN", "ROUND_OF", "PARTICIPATED_IN", "OFFERING_OF", "ON_EXCHANGE"} <= types
    participants = {s for s, t, d in graph.edges(data=True) if d["type"] == "PARTICIPATED_IN"}
    assert participants == {"organization:shanghai-guotou", "organization:红杉中国"}


def test_relations_carry_their_sources(graph: nx.MultiDiGraph) -> None:
    for _s, _t, data in graph.edges(data=True):
        assert data["sources"], data


def test_node_link_round_trips(graph: nx.MultiDiGraph) -> None:
    again = from_node_link(json.loads(json.dumps(node_link(graph))))
    assert nx.utils.graphs_equal(graph, again)


def test_graph_of_reads_the_store_in_a_folder_and_never_creates_one(graph: nx.MultiDiGraph, store: Store,
                                                                    tmp_path: Path) -> None:
    again = graph_of(store.path)
    assert nx.utils.graphs_equal(graph, again)
    with pytest.raises(StoreError, match="no kg store"):
        graph_of(tmp_path / "nowhere")
    assert not (tmp_path / "nowhere").exists()


@pytest.mark.parametrize("name", ["星衡智能", "星衡智能科技有限公司", "星衡", "organization:星衡智能"])
def test_entities_are_found_by_any_alias(graph: nx.MultiDiGraph, name: str) -> None:
    assert find_entity(graph, name) == "organization:星衡智能"


def test_unknown_names_suggest_close_matches(graph: nx.MultiDiGraph) -> None:
    with pytest.raises(UnknownEntity, match="上海国投"):
        find_entity(graph, "上海国资")


def test_ambiguous_names_list_the_candidates(graph: nx.MultiDiGraph) -> None:
    graph.add_node("person:other", labels=["Person"], name="星衡", aliases=[])
    with pytest.raises(AmbiguousEntity, match="person:other"):
        find_entity(graph, "星衡")


def test_embedded_investor_queries(graph: nx.MultiDiGraph) -> None:
    rows = run_embedded(graph, "investors", "星衡")
    # both rows carry the round's date, so they sort by name
    assert [(r["investor"], r["state_owned"], r["round"], r["role"], r["date"]) for r in rows] == [
        ("上海国投", True, "B", "lead", "2025-07"), ("红杉中国", False, "B", "follow", "2025-07")]
    co = run_embedded(graph, "co-investors", "上海国投")
    assert co == [{"investor": "红杉中国", "investor_id": "organization:红杉中国", "shared_deals": 1,
                   "companies": ["星衡智能"]}]
    assert [r["fund"] for r in run_embedded(graph, "state-capital", region="Shanghai")] == ["上海国投"]
    assert run_embedded(graph, "state-capital", region="Beijing") == []


def _view_by_full_scans(store: Store, ontology: Ontology) -> nx.MultiDiGraph:
    """The view as `to_networkx` built it when each step scanned every edge of the graph (the steps'
    behaviour without `edges`): the reference for the steps that now read the stored edges only."""
    from kg.graph import _add_articles, add_funding_rounds, add_ipos, add_tenures, stored_view
    from kg.spinoffs import add_derived_spinoffs

    graph, relations = stored_view(store, ontology)
    _add_articles(graph, store)
    add_tenures(graph)
    add_funding_rounds(graph, relations)
    add_ipos(graph, relations)
    add_derived_spinoffs(graph)
    return graph


@pytest.mark.parametrize("corpus", [EXAMPLES, DATA / "tenure", DATA / "lineage_unseen", DATA / "financials"],
                         ids=lambda p: p.name)
def test_steps_reading_the_stored_edges_build_the_view_of_full_scans(corpus: Path, store: Store,
                                                                      ontology: Ontology) -> None:
    """Tenures, founding dates, stated spin-offs and IPO figures read from the stored relations' edges
    (`stored_edges`) give the view, attribute for attribute and in order, that scans of every edge gave."""
    build(store, [corpus])
    view = node_link(to_networkx(store, ontology))
    assert view == node_link(_view_by_full_scans(store, ontology))
    kinds = {edge["type"] for edge in view["edges"]}
    assert kinds & {"FOUNDED_BY_ALUMNI_OF", "OFFERING_OF"} or any("valid_to" in e for e in view["edges"])
