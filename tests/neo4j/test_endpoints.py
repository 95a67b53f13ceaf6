"""Relationships of a first load find their endpoints by the element ids the node batches returned
(`kg.neo4j.endpoints`), never attach to a node that is not the one they name, and fall back to the `id`
index for endpoints the load did not create. Against a real Neo4j server, except the bookkeeping's own
unit tests at the top."""

from __future__ import annotations

from typing import Any

import networkx as nx
import pytest
from neo4j import Driver

import kg.neo4j.batches as batches
from kg.graph import to_networkx
from kg.neo4j.batches import BatchResult, Step
from kg.neo4j.cypher import run_cypher
from kg.neo4j.endpoints import CreatedNodes
from kg.neo4j.loader import load_graph, relationship_create_any_query
from kg.ontology import Ontology
from kg.store import Store
from tests.factories import investor_network, record_all
from tests.neo4j.test_loader import dump, expected_dump


def _result(eids: list[str] | None) -> BatchResult:
    return BatchResult(len(eids or []), len(eids or []), 0, None, eids)


def test_element_ids_are_known_only_for_every_node_asked() -> None:
    created = CreatedNodes()
    created.record(["Organization", "Person"], ["o1", "p1"], _result(["4:x:1", "4:x:2"]))
    created.record(["Organization"], ["o2"], _result(None))  # a batch that returned no element ids
    created.record(["Organization"], ["o3"], _result(["4:x:3", "4:x:4"]))  # not one per row: ignored
    assert len(created) == 2
    assert created.element_ids("Organization", ["o1"]) == ["4:x:1"]
    assert created.element_ids("Organization", ["o1", "o2"]) is None
    assert created.element_ids("Person", ["o1"]) is None  # ids are unique per root label only
    assert created.element_ids("Product", ["o1"]) is None


@pytest.mark.parametrize(("rows", "switched"), [
    ([["o1", "p1", "x"]], True),
    ([["o1", "p1", "x"], ["o1", "p9", "y"]], False),  # p9 was not created by this load
])
def test_a_batch_switches_to_element_ids_only_when_all_its_ends_have_one(rows: list[list[Any]], switched: bool
                                                                        ) -> None:
    created = CreatedNodes()
    created.record(["Organization", "Person"], ["o1", "p1"], _result(["4:x:1", "4:x:2"]))
    before = [list(row) for row in rows]
    step = Step("BY ID", {"rows": rows}, len(rows), lambda _r: None)
    created.prepare_lists("Organization", "Person", "BY ELEMENT ID")(step)
    assert step.query == ("BY ELEMENT ID" if switched else "BY ID")
    assert step.params["rows"] == ([[*row, "4:x:1", "4:x:2"] for row in before] if switched else before)

    any_rows = [[row[0], row[1], "Organization", "Person", "HOLDS_POSITION", {}] for row in before]
    step = Step("BY ID", {"rows": any_rows}, len(rows), lambda _r: None)
    created.prepare_any("BY ELEMENT ID")(step)
    assert step.query == ("BY ELEMENT ID" if switched else "BY ID")
    assert all(len(row) == (8 if switched else 6) for row in step.params["rows"])


@pytest.fixture
def network(store: Store, ontology: Ontology) -> nx.MultiDiGraph:
    record_all(store, investor_network(companies=6), ontology)
    return to_networkx(store, ontology)


@pytest.fixture
def sent(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The query text of every batch the loader sends."""
    queries: list[str] = []
    real = batches.run_batch

    def spy(tx: Any, query: str, params: dict[str, Any]) -> BatchResult:
        queries.append(query)
        return real(tx, query, params)

    monkeypatch.setattr(batches, "run_batch", spy)
    return queries


def _relationship_batches(queries: list[str]) -> list[str]:
    return [q for q in queries if "CREATE (a)-[r:" in q]


@pytest.mark.neo4j
@pytest.mark.parametrize("small_group", [None, 0], ids=["small groups share a query", "a query per type"])
def test_a_first_load_finds_every_endpoint_by_element_id(clean_neo4j: Driver, network: nx.MultiDiGraph,
                                                         ontology: Ontology, sent: list[str], small_group: int | None,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    from kg.neo4j import loader

    if small_group is not None:
        monkeypatch.setattr(loader, "SMALL_GROUP", small_group)
    # one row per batch: every relationship batch is sent after the node batches have committed
    load_graph(clean_neo4j, network, ontology=ontology, batch_size=1)
    relationship_batches = _relationship_batches(sent)
    assert len(relationship_batches) == network.number_of_edges()
    assert all("elementId(a)" in q and "elementId(b)" in q for q in relationship_batches)
    assert dump(clean_neo4j) == expected_dump(network, ontology)


@pytest.mark.neo4j
def test_endpoints_the_load_did_not_create_are_found_by_id(clean_neo4j: Driver, network: nx.MultiDiGraph,
                                                           ontology: Ontology, sent: list[str]) -> None:
    nodes_only = nx.MultiDiGraph()
    nodes_only.add_nodes_from(network.nodes(data=True))
    load_graph(clean_neo4j, nodes_only, ontology=ontology)
    sent.clear()
    load_graph(clean_neo4j, network, ontology=ontology, batch_size=1)  # relationship types still empty: CREATE
    relationship_batches = _relationship_batches(sent)
    assert len(relationship_batches) == network.number_of_edges()
    assert not any("elementId" in q for q in relationship_batches)
    assert dump(clean_neo4j) == expected_dump(network, ontology)


@pytest.mark.neo4j
def test_an_element_id_whose_node_has_another_id_attaches_nothing(clean_neo4j: Driver, ontology: Ontology) -> None:
    made = run_cypher(clean_neo4j, "CREATE (a:Organization {id: 'organization:a'}), "
                                   "(b:Organization {id: 'organization:b'}) "
                                   "RETURN elementId(a) AS a, elementId(b) AS b", write=True)[0]
    query = relationship_create_any_query(ontology.roots(), by_element_id=True)
    with clean_neo4j.session() as session:
        summary = session.run("EXPLAIN " + query, {"rows": []}).consume()
    operators = str(summary.plan)
    assert "NodeByElementIdSeek" in operators and "NodeUniqueIndexSeek" not in operators

    def send(row: list[Any]) -> int:
        with clean_neo4j.session() as session:
            return session.execute_write(lambda tx: batches.run_batch(tx, query, {"rows": [row]})).seen

    # the element id of b, but the row names organization:c: the node there is not the one named
    assert send(["organization:a", "organization:c", "Organization", "Organization", "INVESTED_IN", {"id": "r1"},
                 made["a"], made["b"]]) == 0
    # the right id under the wrong root label: nothing either
    assert send(["organization:a", "organization:b", "Organization", "Person", "INVESTED_IN", {"id": "r2"},
                 made["a"], made["b"]]) == 0
    assert send(["organization:a", "organization:b", "Organization", "Organization", "INVESTED_IN", {"id": "r3"},
                 made["a"], made["b"]]) == 1
    assert run_cypher(clean_neo4j, "MATCH (a)-[r]->(b) RETURN a.id AS a, r.id AS r, b.id AS b") == [
        {"a": "organization:a", "r": "r3", "b": "organization:b"}]
