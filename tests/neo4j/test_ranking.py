"""The central-investors ranking `kg load` keeps in Neo4j (`kg.neo4j.ranking`), against a real server.

What must hold: the kept ranking is the embedded store's; `kg query` answers from it only while nothing
has been committed since the load that sealed it, and otherwise ranks what the database holds now (never
a stale answer); a no-op reload keeps it without writing; the seal is the server's own bookmark.
"""

from __future__ import annotations

import networkx as nx
import pytest
from neo4j import Driver

from kg.graph import to_networkx
from kg.neo4j.cypher import run_cypher
from kg.neo4j.loader import load_graph
from kg.neo4j.ranking import CACHE_LABEL, CENTRAL_INVESTORS, cached_rows, deals_rows, next_bookmark
from kg.ontology import Ontology
from kg.queries import get_query, run_embedded, run_neo4j
from kg.queries.centrality import ranking_of_deals
from kg.store import Store
from tests.neo4j.test_loader import dump, expected_dump, network_store  # noqa: F401  (a fixture)

pytestmark = pytest.mark.neo4j

ALL = 10**9  # --top for the whole ranking


@pytest.fixture
def graph(network_store: Store, ontology: Ontology) -> nx.MultiDiGraph:  # noqa: F811
    return to_networkx(network_store, ontology)


def kg_dump(driver: Driver) -> tuple[list[dict], list[dict]]:
    """`dump` without the cache node (kg's own label, not data)."""
    nodes, rels = dump(driver)
    return [row for row in nodes if row["labels"] != [CACHE_LABEL]], rels


def test_the_cache_label_is_not_an_ontology_class(ontology: Ontology) -> None:
    assert CACHE_LABEL not in ontology.classes


def test_next_bookmark_names_the_servers_next_commit(clean_neo4j: Driver) -> None:
    with clean_neo4j.session() as session:
        # (the first write of a label creates its token in a transaction of its own: a miss `keep_ranking`
        # retries; later writes commit one transaction each)
        session.execute_write(lambda tx: tx.run("CREATE (:Scratch)").consume())
        for _ in range(3):
            session.run("RETURN 1").consume()
            before = sorted(session.last_bookmarks().raw_values)
            session.execute_write(lambda tx: tx.run("CREATE (:Scratch)").consume())
            after = sorted(session.last_bookmarks().raw_values)
            assert len(before) == len(after) == 1
            assert next_bookmark(before[0]) == after[0] != before[0]


def test_the_deals_rows_are_what_the_cypher_returns(clean_neo4j: Driver, graph: nx.MultiDiGraph,
                                                    ontology: Ontology) -> None:
    load_graph(clean_neo4j, graph)
    params = {"as_of": None}
    on_neo4j = run_cypher(clean_neo4j, get_query(CENTRAL_INVESTORS).cypher, params)
    ours = deals_rows(graph, ontology)
    assert len(ours) > 5
    key = lambda row: row["investor_id"]  # noqa: E731
    assert ([{**row, "deals": sorted(row["deals"])} for row in sorted(on_neo4j, key=key)]
            == [{**row, "deals": sorted(row["deals"])} for row in sorted(ours, key=key)])
    assert ranking_of_deals(ours, ALL) == run_embedded(graph, CENTRAL_INVESTORS, top=ALL)


def test_a_load_keeps_the_ranking_and_the_query_answers_from_it(clean_neo4j: Driver, graph: nx.MultiDiGraph,
                                                                ontology: Ontology) -> None:
    report = load_graph(clean_neo4j, graph, keep_ranking=True)
    assert report.ranking_kept is True
    whole = run_embedded(graph, CENTRAL_INVESTORS, top=ALL)
    assert cached_rows(clean_neo4j, CENTRAL_INVESTORS) == whole
    for top in (1, 3, 10, ALL):
        assert run_neo4j(clean_neo4j, CENTRAL_INVESTORS, top=top) == whole[:top]
    # the node is kg's own, not data: the database holds the graph and that one node besides
    assert kg_dump(clean_neo4j) == expected_dump(graph, ontology)
    assert run_cypher(clean_neo4j, f"MATCH (k:{CACHE_LABEL}) RETURN k.name AS name") == [{"name": CENTRAL_INVESTORS}]
    # and a plain reload leaves it alone and finds nothing to change
    assert not load_graph(clean_neo4j, graph).changed


def test_any_commit_after_the_load_makes_the_query_rank_the_database_again(
        clean_neo4j: Driver, graph: nx.MultiDiGraph) -> None:
    load_graph(clean_neo4j, graph, keep_ranking=True)
    assert cached_rows(clean_neo4j, CENTRAL_INVESTORS) is not None
    # someone removes the top investor's investments in Neo4j: the kept ranking no longer describes it
    top = run_embedded(graph, CENTRAL_INVESTORS, top=1)[0]["investor_id"]
    run_cypher(clean_neo4j, "MATCH (:Investor {id: $id})-[r:INVESTED_IN]->() DELETE r", {"id": top}, write=True)
    changed = graph.copy()
    changed.remove_edges_from([(s, t, k) for s, t, k, d in graph.out_edges(top, keys=True, data=True)
                               if d["type"] == "INVESTED_IN"])
    assert cached_rows(clean_neo4j, CENTRAL_INVESTORS) is None
    assert run_neo4j(clean_neo4j, CENTRAL_INVESTORS, top=ALL) == run_embedded(changed, CENTRAL_INVESTORS, top=ALL)
    assert run_embedded(changed, CENTRAL_INVESTORS, top=ALL) != run_embedded(graph, CENTRAL_INVESTORS, top=ALL)
    # a write that touches no investment at all is a commit too: still not trusted
    load_graph(clean_neo4j, graph, keep_ranking=True)
    run_cypher(clean_neo4j, "CREATE (:Scratch {x: 1})", write=True)
    assert cached_rows(clean_neo4j, CENTRAL_INVESTORS) is None
    # the next load seals it again
    assert load_graph(clean_neo4j, graph, keep_ranking=True).ranking_kept is True
    assert run_neo4j(clean_neo4j, CENTRAL_INVESTORS, top=ALL) == run_embedded(graph, CENTRAL_INVESTORS, top=ALL)


def test_as_of_is_never_answered_from_the_kept_ranking(clean_neo4j: Driver, graph: nx.MultiDiGraph) -> None:
    load_graph(clean_neo4j, graph, keep_ranking=True)
    for as_of in ("2021-06", "2023"):
        assert run_neo4j(clean_neo4j, CENTRAL_INVESTORS, top=ALL, as_of=as_of) == run_embedded(
            graph, CENTRAL_INVESTORS, top=ALL, as_of=as_of)


def test_a_noop_reload_keeps_the_seal_without_writing(clean_neo4j: Driver, graph: nx.MultiDiGraph,
                                                       tmp_path) -> None:
    state = tmp_path / "load.state"
    first = load_graph(clean_neo4j, graph, state=state, keep_ranking=True)
    assert first.ranking_kept is True
    again = load_graph(clean_neo4j, graph, state=state, keep_ranking=True)
    assert again.mode == "unchanged" and again.ranking_kept is True
    assert (again.rows_sent, again.write_transactions, again.ranking_seconds) == (0, 0, 0.0)
    assert cached_rows(clean_neo4j, CENTRAL_INVESTORS) == run_embedded(graph, CENTRAL_INVESTORS, top=ALL)


def test_a_state_from_a_load_without_the_ranking_gets_it_and_stays_a_noop(
        clean_neo4j: Driver, graph: nx.MultiDiGraph, tmp_path) -> None:
    state = tmp_path / "load.state"
    load_graph(clean_neo4j, graph, state=state)
    assert cached_rows(clean_neo4j, CENTRAL_INVESTORS) is None
    second = load_graph(clean_neo4j, graph, state=state, keep_ranking=True)
    assert second.mode == "unchanged" and second.ranking_kept is True
    assert cached_rows(clean_neo4j, CENTRAL_INVESTORS) is not None
    third = load_graph(clean_neo4j, graph, state=state, keep_ranking=True)  # the state follows the write
    assert third.mode == "unchanged" and third.ranking_seconds == 0.0


def test_a_reload_that_changes_the_graph_ranks_it_again(clean_neo4j: Driver, network_store: Store,  # noqa: F811
                                                        ontology: Ontology, tmp_path) -> None:
    state = tmp_path / "load.state"
    before = to_networkx(network_store, ontology)
    load_graph(clean_neo4j, before, state=state, keep_ranking=True)
    funding = next(a for a in network_store.articles() if a.title and "融资" in a.title)
    assert network_store.remove_article(funding.id)
    after = to_networkx(network_store, ontology)
    assert run_embedded(after, CENTRAL_INVESTORS, top=ALL) != run_embedded(before, CENTRAL_INVESTORS, top=ALL)
    report = load_graph(clean_neo4j, after, state=state, keep_ranking=True)
    assert report.mode == "incremental" and report.ranking_kept is True
    assert run_neo4j(clean_neo4j, CENTRAL_INVESTORS, top=ALL) == run_embedded(after, CENTRAL_INVESTORS, top=ALL)
    assert cached_rows(clean_neo4j, CENTRAL_INVESTORS) is not None
