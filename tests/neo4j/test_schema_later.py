"""A load into a database without kg's schema creates the root labels' `id` constraints before writing
and the rest (relationship constraints, `name` and `disputes` indexes) after, online before the load
returns; a constraint created after the data still refuses data that breaks it. Against a real server."""

from __future__ import annotations

from typing import Any

import networkx as nx
import pytest
from neo4j import Driver

import kg.neo4j.batches as batches
from kg.errors import Neo4jError
from kg.graph import to_networkx
from kg.neo4j import loader
from kg.neo4j.cypher import run_cypher
from kg.neo4j.loader import load_graph, root_id_constraint, schema_statements
from kg.ontology import Ontology
from kg.store import Store
from tests.factories import investor_network, record_all
from tests.neo4j.test_loader import dump, expected_dump

pytestmark = pytest.mark.neo4j


@pytest.fixture
def network(store: Store, ontology: Ontology) -> nx.MultiDiGraph:
    record_all(store, investor_network(companies=4), ontology)
    return to_networkx(store, ontology)


@pytest.fixture
def events(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, Any]]:
    """What the loader sends, in order: ("schema", statements) and ("batch", query)."""
    seen: list[tuple[str, Any]] = []
    real_schema, real_batch = loader._create_schema, batches.run_batch

    def schema(tx: Any, statements: list[str]) -> tuple[int, int]:
        seen.append(("schema", list(statements)))
        return real_schema(tx, statements)

    def batch(tx: Any, query: str, params: dict[str, Any]) -> Any:
        seen.append(("batch", query))
        return real_batch(tx, query, params)

    monkeypatch.setattr(loader, "_create_schema", schema)
    monkeypatch.setattr(batches, "run_batch", batch)
    return seen


def _online(driver: Driver) -> dict[str, str]:
    return {r["name"]: r["state"] for r in run_cypher(driver, "SHOW INDEXES YIELD name, state RETURN name, state")}


def test_a_first_load_builds_all_but_the_id_constraints_after_the_data(
        clean_neo4j: Driver, network: nx.MultiDiGraph, ontology: Ontology, events: list[tuple[str, Any]]) -> None:
    report = load_graph(clean_neo4j, network, ontology=ontology)
    kinds = [kind for kind, _ in events]
    assert kinds[0] == "schema" and kinds[-1] == "schema" and kinds.count("schema") == 2
    assert "schema" not in kinds[1:-1] and "batch" in kinds
    wanted = schema_statements(ontology)
    id_constraints = {root_id_constraint(root) for root in ontology.roots()}
    assert set(events[0][1]) == {wanted[name] for name in id_constraints}
    assert set(events[-1][1]) == {statement for name, statement in wanted.items() if name not in id_constraints}
    assert report.constraints_added + report.indexes_added == len(wanted)
    online = _online(clean_neo4j)
    assert {name: online.get(name) for name in wanted} == dict.fromkeys(wanted, "ONLINE")
    assert dump(clean_neo4j) == expected_dump(network, ontology)


def test_a_load_into_a_database_with_the_schema_creates_none(
        clean_neo4j: Driver, network: nx.MultiDiGraph, ontology: Ontology, events: list[tuple[str, Any]]) -> None:
    load_graph(clean_neo4j, network, ontology=ontology)
    events.clear()
    run_cypher(clean_neo4j, "MATCH (n) DETACH DELETE n", write=True)
    report = load_graph(clean_neo4j, network, ontology=ontology)
    assert [kind for kind, _ in events if kind == "schema"] == []
    assert (report.constraints_added, report.indexes_added) == (0, 0)
    assert dump(clean_neo4j) == expected_dump(network, ontology)


def test_a_constraint_created_after_the_data_still_refuses_what_breaks_it(clean_neo4j: Driver,
                                                                          ontology: Ontology) -> None:
    graph = nx.MultiDiGraph()
    for node in ("organization:a", "organization:b"):
        graph.add_node(node, labels=["Company"], name=node)
    for key in (0, 1):  # two relationships of one type with one id
        graph.add_edge("organization:a", "organization:b", key=key, type="INVESTED_IN", id="same")
    with pytest.raises(Neo4jError, match="kg_rel_invested_in_id|already exists|constraint"):
        load_graph(clean_neo4j, graph, ontology=ontology)
    assert "kg_rel_invested_in_id" not in _online(clean_neo4j)
