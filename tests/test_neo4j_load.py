"""`kg load` and `kg cypher` against a real Neo4j server (no mocks)."""

from __future__ import annotations

import networkx as nx
import pytest
from neo4j import Driver

from kg.errors import Neo4jError
from kg.graph import to_networkx
from kg.names import normalize_name
from kg.neo4j.cypher import parse_param, run_cypher
from kg.neo4j.loader import load_graph
from kg.ontology import Ontology
from kg.resolve import resolve
from kg.store import Store, write_article
from tests.factories import funding_article, ipo_article, mention, relation

pytestmark = pytest.mark.neo4j


def record(store: Store, extraction, ontology: Ontology) -> None:
    res = resolve(store, extraction, ontology)
    write_article(store, extraction.article, res.entities, res.relations, normalize_name)


@pytest.fixture
def graph(store: Store, ontology: Ontology) -> nx.MultiDiGraph:
    record(store, funding_article(), ontology)
    record(store, ipo_article(), ontology)
    return to_networkx(store, ontology)


def counts(driver: Driver) -> tuple[int, int]:
    rows = run_cypher(driver, "MATCH (n) WITH count(n) AS nodes "
                              "OPTIONAL MATCH ()-[r]->() RETURN nodes, count(r) AS rels")
    return rows[0]["nodes"], rows[0]["rels"]


def test_load_writes_exactly_the_graph(clean_neo4j: Driver, graph: nx.MultiDiGraph) -> None:
    report = load_graph(clean_neo4j, graph, batch_size=2)
    assert counts(clean_neo4j) == (graph.number_of_nodes(), graph.number_of_edges())
    assert report.nodes_created == graph.number_of_nodes()
    assert report.relationships_created == graph.number_of_edges()
    by_type = {r["type"]: r["n"] for r in run_cypher(
        clean_neo4j, "MATCH ()-[r]->() RETURN type(r) AS type, count(r) AS n")}
    expected: dict[str, int] = {}
    for _s, _t, data in graph.edges(data=True):
        expected[data["type"]] = expected.get(data["type"], 0) + 1
    assert by_type == expected


def test_nodes_carry_superclass_labels_and_properties(clean_neo4j: Driver, graph: nx.MultiDiGraph) -> None:
    load_graph(clean_neo4j, graph)
    row = run_cypher(clean_neo4j, "MATCH (n {id: $id}) RETURN labels(n) AS labels, n.name AS name, "
                                  "n.aliases AS aliases, n.region AS region",
                     {"id": "organization:shanghai-guotou"})[0]
    assert sorted(row["labels"]) == ["Investor", "Organization", "StateOwnedFund"]
    assert row["name"] == "上海国投" and row["region"] == "Shanghai"
    rel = run_cypher(clean_neo4j, "MATCH (:StateOwnedFund)-[r:INVESTED_IN]->(c:Company) "
                                  "RETURN r.amount AS amount, r.currency AS currency, r.sources AS sources, "
                                  "c.name AS company")[0]
    assert rel == {"amount": 300_000_000, "currency": "CNY", "company": "星衡智能",
                   "sources": [funding_article().article.id]}


def test_a_second_load_changes_nothing(clean_neo4j: Driver, graph: nx.MultiDiGraph) -> None:
    load_graph(clean_neo4j, graph)
    before = run_cypher(clean_neo4j, "MATCH (n) RETURN n.id AS id, labels(n) AS labels, "
                                     "properties(n) AS props ORDER BY id")
    again = load_graph(clean_neo4j, graph, batch_size=1)
    assert (again.nodes_created, again.relationships_created, again.labels_added) == (0, 0, 0)
    assert counts(clean_neo4j) == (graph.number_of_nodes(), graph.number_of_edges())
    after = run_cypher(clean_neo4j, "MATCH (n) RETURN n.id AS id, labels(n) AS labels, "
                                    "properties(n) AS props ORDER BY id")
    assert after == before


def test_constraints_come_from_the_ontology(clean_neo4j: Driver, graph: nx.MultiDiGraph,
                                            ontology: Ontology) -> None:
    load_graph(clean_neo4j, graph)
    rows = run_cypher(clean_neo4j, "SHOW CONSTRAINTS YIELD name, labelsOrTypes, properties "
                                   "WHERE name STARTS WITH 'kg_' RETURN labelsOrTypes, properties")
    assert sorted(r["labelsOrTypes"][0] for r in rows) == ontology.roots()
    assert all(r["properties"] == ["id"] for r in rows)


def test_cypher_is_read_only_unless_write_is_given(clean_neo4j: Driver, graph: nx.MultiDiGraph) -> None:
    load_graph(clean_neo4j, graph)
    before = counts(clean_neo4j)
    with pytest.raises(Neo4jError, match="--write"):
        run_cypher(clean_neo4j, "CREATE (:Company {id: 'x', name: 'x'})")
    assert counts(clean_neo4j) == before
    run_cypher(clean_neo4j, "CREATE (:Company {id: 'x', name: 'x'})", write=True)
    assert counts(clean_neo4j) == (before[0] + 1, before[1])


HOSTILE = ["Robert'); MATCH (n) DETACH DELETE n; //", "`Company` {id:'x'}", "\"}) RETURN 1 //",
           "智譜 AI \\ $param {{}}"]


def test_hostile_names_are_stored_and_matched_as_data(clean_neo4j: Driver, store: Store,
                                                       ontology: Ontology) -> None:
    ext = funding_article()
    ext.entities += [mention(ext.article, f"h{i}", {"Investor"}, name) for i, name in enumerate(HOSTILE)]
    ext.relations += [relation(ext.article, "INVESTED_IN", f"h{i}", "c", round="B")
                      for i in range(len(HOSTILE))]
    record(store, ext, ontology)
    graph = to_networkx(store, ontology)
    load_graph(clean_neo4j, graph)
    assert counts(clean_neo4j) == (graph.number_of_nodes(), graph.number_of_edges())
    for name in HOSTILE:
        rows = run_cypher(clean_neo4j, "MATCH (i:Investor {name: $name})-[:INVESTED_IN]->(c) "
                                       "RETURN i.name AS name, c.name AS company", {"name": name})
        assert rows == [{"name": name, "company": "星衡智能"}]


@pytest.mark.parametrize("text, expected", [
    ("n=智谱", ("n", "智谱")),
    ("limit=5", ("limit", 5)),
    ("ids=[\"a\", \"b\"]", ("ids", ["a", "b"])),
    ("flag=true", ("flag", True)),
    ("q=a=b", ("q", "a=b")),
])
def test_params_are_json_or_text(text: str, expected: tuple) -> None:
    assert parse_param(text) == expected


def test_a_param_without_a_name_is_an_error() -> None:
    with pytest.raises(Neo4jError):
        parse_param("=3")


def test_cli_load_matches_the_node_link_export_and_cypher_is_read_only(
        clean_neo4j: Driver, neo4j_target, tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    import json
    from pathlib import Path

    from typer.testing import CliRunner

    from kg.cli import app

    monkeypatch.setenv("NEO4J_URI", neo4j_target.uri)
    if neo4j_target.owned:
        monkeypatch.delenv("NEO4J_PASSWORD", raising=False)
    runner = CliRunner()
    examples = Path(__file__).resolve().parent.parent / "examples"
    store, exported = tmp_path / "store", tmp_path / "graph.json"
    assert runner.invoke(app, ["build", str(examples), "--store", str(store)]).exit_code == 0
    assert runner.invoke(app, ["export", "-f", "node-link", "-o", str(exported), "--store", str(store)]).exit_code == 0
    data = json.loads(exported.read_text(encoding="utf-8"))
    first = runner.invoke(app, ["load", "--store", str(store), "--batch-size", "7"])
    assert first.exit_code == 0, first.stderr
    assert counts(clean_neo4j) == (len(data["nodes"]), len(data["edges"]))
    second = runner.invoke(app, ["load", "--store", str(store)])
    assert second.exit_code == 0 and "(0 new)" in second.stdout
    assert counts(clean_neo4j) == (len(data["nodes"]), len(data["edges"]))

    refused = runner.invoke(app, ["cypher", "CREATE (:Company {id: 'intruder', name: 'x'})"])
    assert refused.exit_code == 1 and "--write" in refused.stderr
    assert counts(clean_neo4j) == (len(data["nodes"]), len(data["edges"]))
    rows = runner.invoke(app, ["cypher", "MATCH (n:StateOwnedFund) RETURN count(n) AS n", "-f", "json"])
    expected = sum(1 for n in data["nodes"] if "StateOwnedFund" in n["labels"])
    assert json.loads(rows.stdout) == [{"n": expected}]
    wrote = runner.invoke(app, ["cypher", "CREATE (:Company {id: $id, name: $id}) RETURN 1 AS ok",
                                "--param", "id=intruder", "--write"])
    assert wrote.exit_code == 0
    assert counts(clean_neo4j)[0] == len(data["nodes"]) + 1
