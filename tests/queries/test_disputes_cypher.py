"""disputes.cypher without an entity reads the disputed relationships through one index per relationship
type (a scan of every relationship took a second at a million relations): its list of types must be the
ontology's, each with the index `kg load` creates, and the server must plan it through those indexes."""

from __future__ import annotations

import re

import pytest
from neo4j import Driver

from kg.neo4j.loader import load_graph, schema_statements
from kg.ontology import load_ontology
from kg.queries import get_query
from tests.neo4j_fixtures import Neo4jTarget


def _every_type_branch() -> list[str]:
    """The relationship types of the branch that reads every disputed relationship."""
    text = re.sub(r"\s+", "", get_query("disputes").cypher)
    found = re.findall(r"MATCH\(a\)-\[r:([A-Z_|]+)\]->\(b\)", text)
    assert len(found) == 1, found
    return found[0].split("|")


def test_the_types_are_the_ontology_s_each_with_an_index_on_disputes() -> None:
    ontology = load_ontology()
    assert sorted(_every_type_branch()) == sorted(ontology.relations)
    statements = schema_statements(ontology)
    for rel_type in ontology.relations:
        assert f"FOR ()-[r:`{rel_type}`]-() ON (r.disputes)" in statements[f"kg_rel_{rel_type.lower()}_disputes"]


def _operators(plan: dict) -> list[str]:
    return [plan["operatorType"].split("@")[0], *(op for child in plan.get("children", []) for op in _operators(child))]


@pytest.mark.neo4j
def test_the_server_reads_disputes_through_the_indexes(clean_neo4j: Driver, neo4j_target: Neo4jTarget) -> None:
    import networkx as nx

    graph = nx.MultiDiGraph()
    graph.add_node("organization:a", labels=["Company"], name="A")
    graph.add_node("organization:b", labels=["Investor"], name="B")
    graph.add_edge("organization:b", "organization:a", type="INVESTED_IN", id="r1", disputes="[]")
    load_graph(clean_neo4j, graph, database=neo4j_target.database)
    with clean_neo4j.session(database=neo4j_target.database) as session:
        session.run("CALL db.awaitIndexes(60)").consume()
        plan = session.run("EXPLAIN " + get_query("disputes").cypher, {"id": None, "as_of": None}).consume().plan
    operators = _operators(plan)
    assert operators.count("DirectedRelationshipIndexScan") == len(load_ontology().relations), operators
    assert not {"DirectedAllRelationshipsScan", "AllNodesScan", "UndirectedAllRelationshipsScan"} & set(operators)
