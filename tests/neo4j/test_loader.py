"""`kg load` and `kg cypher` against a real Neo4j server (no mocks).

`kg load` must make Neo4j equal the store: the tests compare a full dump of the database (every node's
labels and properties, every relationship's type, endpoints and properties) with the graph view.
"""

from __future__ import annotations

import networkx as nx
import pytest
from neo4j import Driver
from neo4j.exceptions import Neo4jError as DriverNeo4jError

from kg.errors import Neo4jError
from kg.graph import to_networkx
from kg.names import normalize_name
from kg.neo4j.cypher import parse_param, run_cypher
from kg.neo4j.loader import LoadReport, load_graph, neo4j_value
from kg.neo4j.ranking import CENTRAL_INVESTORS, cached_rows
from kg.ontology import Ontology
from kg.queries import run_embedded
from kg.resolve import resolve
from kg.store import Store, open_store, write_article
from tests.factories import (
    Article,
    Extraction,
    funding_article,
    investor_network,
    ipo_article,
    mention,
    record_all,
    relation,
)

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


def dump(driver: Driver) -> tuple[list[dict], list[dict]]:
    """Every node and relationship with its labels/type, endpoints and properties, in a fixed order."""
    nodes = run_cypher(driver, "MATCH (n) RETURN n.id AS id, labels(n) AS labels, properties(n) AS props "
                               "ORDER BY id")
    for row in nodes:
        row["labels"] = sorted(row["labels"])
    rels = run_cypher(driver, "MATCH (a)-[r]->(b) RETURN r.id AS id, type(r) AS type, a.id AS source, "
                              "b.id AS target, properties(r) AS props ORDER BY id, type")
    return nodes, rels


def expected_dump(graph: nx.MultiDiGraph, ontology: Ontology) -> tuple[list[dict], list[dict]]:
    """What `dump` returns once Neo4j equals `graph` (labels closed under superclasses)."""
    nodes = [{"id": n, "labels": sorted(ontology.labels_for(d["labels"])),
              "props": {**{k: neo4j_value(v) for k, v in d.items() if k != "labels" and v is not None}, "id": n}}
             for n, d in graph.nodes(data=True)]
    rels = [{"id": d["id"], "type": d["type"], "source": s, "target": t,
             "props": {k: neo4j_value(v) for k, v in d.items() if k != "type" and v is not None}}
            for s, t, d in graph.edges(data=True)]
    return sorted(nodes, key=lambda r: r["id"]), sorted(rels, key=lambda r: (r["id"], r["type"]))


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


def test_a_second_load_changes_nothing(clean_neo4j: Driver, graph: nx.MultiDiGraph,
                                       ontology: Ontology) -> None:
    load_graph(clean_neo4j, graph)
    before = dump(clean_neo4j)
    assert before == expected_dump(graph, ontology)
    again = load_graph(clean_neo4j, graph, batch_size=1)
    assert (again.nodes_created, again.nodes_updated, again.nodes_removed) == (0, 0, 0)
    assert (again.relationships_created, again.relationships_updated, again.relationships_removed) == (0, 0, 0)
    assert (again.properties_set, again.labels_added, again.labels_removed) == (0, 0, 0)
    assert not again.changed
    assert dump(clean_neo4j) == before


def test_constraints_come_from_the_ontology(clean_neo4j: Driver, graph: nx.MultiDiGraph,
                                            ontology: Ontology) -> None:
    load_graph(clean_neo4j, graph)
    rows = run_cypher(clean_neo4j, "SHOW CONSTRAINTS YIELD name, entityType, labelsOrTypes, properties "
                                   "WHERE name STARTS WITH 'kg_' RETURN entityType, labelsOrTypes, properties")
    assert sorted(r["labelsOrTypes"][0] for r in rows if r["entityType"] == "NODE") == ontology.roots()
    assert sorted(r["labelsOrTypes"][0] for r in rows if r["entityType"] == "RELATIONSHIP") == sorted(
        ontology.relations)
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


def test_cli_load_syncs_and_cypher_is_read_only(clean_neo4j: Driver, neo4j_target, tmp_path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    import json

    from typer.testing import CliRunner

    from kg.cli import app

    monkeypatch.setenv("NEO4J_URI", neo4j_target.uri)
    if neo4j_target.owned:
        monkeypatch.delenv("NEO4J_PASSWORD", raising=False)
    runner = CliRunner()
    store, exported = tmp_path / "store", tmp_path / "graph.json"
    with open_store(store) as built:
        record_all(built, investor_network())
    assert runner.invoke(app, ["export", "-f", "node-link", "-o", str(exported), "--store", str(store)]).exit_code == 0
    data = json.loads(exported.read_text(encoding="utf-8"))
    first = runner.invoke(app, ["load", "--store", str(store), "--batch-size", "7"])
    assert first.exit_code == 0, first.stderr
    assert f"nodes: {len(data['nodes'])} created, 0 updated, 0 removed" in first.stdout
    assert f"relationships: {len(data['edges'])} created, 0 updated, 0 removed" in first.stdout
    # `kg load` keeps the central-investors ranking for `kg query` on a node of its own (kg.neo4j.ranking)
    assert "central-investors ranking kept" in first.stdout
    assert cached_rows(clean_neo4j, CENTRAL_INVESTORS) is not None
    kept = 1
    assert counts(clean_neo4j) == (len(data["nodes"]) + kept, len(data["edges"]))
    second = runner.invoke(app, ["load", "--store", str(store)])
    assert second.exit_code == 0
    assert "nodes: 0 created, 0 updated, 0 removed; relationships: 0 created, 0 updated, 0 removed" in second.stdout
    assert "ranking" not in second.stdout  # still sealed: nothing ranked, nothing written
    assert cached_rows(clean_neo4j, CENTRAL_INVESTORS) is not None
    assert counts(clean_neo4j) == (len(data["nodes"]) + kept, len(data["edges"]))

    refused = runner.invoke(app, ["cypher", "CREATE (:Company {id: 'intruder', name: 'x'})"])
    assert refused.exit_code == 1 and "--write" in refused.stderr
    assert counts(clean_neo4j) == (len(data["nodes"]) + kept, len(data["edges"]))
    rows = runner.invoke(app, ["cypher", "MATCH (n:StateOwnedFund) RETURN count(n) AS n", "-f", "json"])
    expected = sum(1 for n in data["nodes"] if "StateOwnedFund" in n["labels"])
    assert json.loads(rows.stdout) == [{"n": expected}]
    wrote = runner.invoke(app, ["cypher", "CREATE (:Company {id: $id, name: $id}) RETURN 1 AS ok",
                                "--param", "id=intruder", "--write"])
    assert wrote.exit_code == 0
    assert counts(clean_neo4j)[0] == len(data["nodes"]) + kept + 1
    assert cached_rows(clean_neo4j, CENTRAL_INVESTORS) is None  # a commit since the load: not trusted

    # `kg remove` then `kg load` takes the article's facts out of Neo4j. The intruder carries no root label
    # (Company without Organization), so it is not kg's to delete.
    article_id = investor_network()[0].article.id
    assert runner.invoke(app, ["remove", article_id, "--store", str(store)]).exit_code == 0
    third = runner.invoke(app, ["load", "--store", str(store)])
    assert third.exit_code == 0, third.stderr
    assert "nodes: 0 created" in third.stdout and ", 0 removed" not in third.stdout.split(";")[0]
    assert run_cypher(clean_neo4j, "MATCH ()-[r]->() WHERE $a IN r.sources RETURN r", {"a": article_id}) == []
    with open_store(store) as built:
        view = to_networkx(built)
    assert counts(clean_neo4j) == (view.number_of_nodes() + kept + 1, view.number_of_edges())
    assert cached_rows(clean_neo4j, CENTRAL_INVESTORS) == run_embedded(view, CENTRAL_INVESTORS, top=10**9)


# -- sync: Neo4j equals the store after every load ----------------------------------------------------


@pytest.fixture
def network_store(store: Store, ontology: Ontology) -> Store:
    record_all(store, investor_network(), ontology)
    return store


def test_a_removed_article_leaves_no_trace(clean_neo4j: Driver, network_store: Store, ontology: Ontology) -> None:
    articles = investor_network()
    # the first funding story is also told by a reprint (a second source); the staff-changes story is
    # the only one that mentions two people and their departures
    told_twice = articles[0].article
    reprint = next(e.article for e in articles if e.article.title == "转载: " + (told_twice.title or ""))
    only_source = next(e.article for e in articles if e.article.title == "人事变动")
    load_graph(clean_neo4j, to_networkx(network_store, ontology))
    shared_facts = {r["id"] for r in run_cypher(
        clean_neo4j, "MATCH ()-[r]->() WHERE $a IN r.sources AND $b IN r.sources AND type(r) <> 'MENTIONED_IN' "
                     "RETURN r.id AS id", {"a": told_twice.id, "b": reprint.id})}
    assert shared_facts

    for gone in (told_twice, only_source):
        before = dump(clean_neo4j)
        assert network_store.remove_article(gone.id)
        graph = to_networkx(network_store, ontology)
        report = load_graph(clean_neo4j, graph, batch_size=5)
        assert dump(clean_neo4j) == expected_dump(graph, ontology)
        assert report.nodes_removed >= 1 and report.relationships_removed >= 1
        assert run_cypher(clean_neo4j, "MATCH (n:Article {id: $id}) RETURN n", {"id": "article:" + gone.id}) == []
        assert run_cypher(clean_neo4j, "MATCH ()-[r]->() WHERE $a IN r.sources RETURN r", {"a": gone.id}) == []
        # what changed is exactly what the report says
        old_nodes = {n["id"]: n for n in before[0]}
        new_nodes = {n["id"]: n for n in dump(clean_neo4j)[0]}
        created = set(new_nodes) - set(old_nodes)
        assert report.nodes_removed == len(set(old_nodes) - set(new_nodes))
        assert report.nodes_created == len(created)
        assert report.nodes_updated == sum(1 for k in new_nodes if k in old_nodes and new_nodes[k] != old_nodes[k])
        # ids come from the articles (issue 12): an organisation whose deciding name came from the removed
        # article takes the id the remaining articles give it, with its rounds. Nothing else is created:
        # every new node is such a re-id of a removed node of the same labels, sharing a name with it
        # (an organisation) or its kind and step ("fundinground:…:B", "ipo:…:hkex")
        gone_nodes = [old_nodes[k] for k in set(old_nodes) - set(new_nodes)]

        def names(node: dict) -> set:
            return {node["props"].get("name"), *node["props"].get("aliases", [])} - {None}

        def step(node_id: str) -> tuple[str, str] | None:
            parts = node_id.split(":")
            return (parts[0], parts[-1]) if len(parts) >= 3 else None

        for k in created:
            assert any(o["labels"] == new_nodes[k]["labels"]
                       and (names(new_nodes[k]) & names(o) or step(k) is not None and step(k) == step(o["id"]))
                       for o in gone_nodes), k
        old_rels = {r["id"]: r for r in before[1]}
        new_rels = {r["id"]: r for r in dump(clean_neo4j)[1]}
        created_rels = set(new_rels) - set(old_rels)
        assert report.relationships_removed == len(set(old_rels) - set(new_rels))
        assert report.relationships_created == len(created_rels)
        assert all(new_rels[k]["source"] in created or new_rels[k]["target"] in created for k in created_rels)
        assert report.relationships_updated == sum(1 for k in new_rels if k in old_rels and new_rels[k] != old_rels[k])

    # facts the reprint also stated remain, now sourced from the reprint alone
    remaining = run_cypher(clean_neo4j, "MATCH ()-[r]->() WHERE r.id IN $ids RETURN r.sources AS sources",
                           {"ids": sorted(shared_facts)})
    assert len(remaining) == len(shared_facts)
    assert all(r["sources"] == [reprint.id] for r in remaining)
    # people only the staff-changes story mentioned are gone, with their departures
    for name in ("韩默", "许知行"):
        assert run_cypher(clean_neo4j, "MATCH (p:Person {name: $n}) RETURN p", {"n": name}) == []
    assert run_cypher(clean_neo4j, "MATCH (:Person)-[r:LEFT]->(:Organization {name: '云图数据'}) RETURN r") == []
    again = load_graph(clean_neo4j, to_networkx(network_store, ontology))
    assert not again.changed


def test_reloading_a_larger_graph_is_idempotent(clean_neo4j: Driver, network_store: Store,
                                                ontology: Ontology) -> None:
    graph = to_networkx(network_store, ontology)
    seen: list[int] = []
    first = load_graph(clean_neo4j, graph, batch_size=17, progress=seen.append)
    assert sum(seen) == graph.number_of_nodes() + graph.number_of_edges()
    assert (first.nodes_created, first.relationships_created) == (graph.number_of_nodes(), graph.number_of_edges())
    assert (first.nodes_updated, first.relationships_updated, first.nodes_removed, first.relationships_removed) \
        == (0, 0, 0, 0)
    snapshot = dump(clean_neo4j)
    assert snapshot == expected_dump(graph, ontology)
    second = load_graph(clean_neo4j, graph, batch_size=1000)
    assert not second.changed and second.properties_set == 0
    assert dump(clean_neo4j) == snapshot


def test_changes_made_in_neo4j_are_counted_as_updates_and_undone(clean_neo4j: Driver, network_store: Store,
                                                                  ontology: Ontology) -> None:
    graph = to_networkx(network_store, ontology)
    load_graph(clean_neo4j, graph)
    snapshot = dump(clean_neo4j)
    run_cypher(clean_neo4j, "MATCH (n:Organization {id: 'organization:hkex'}) SET n.name = 'tampered', "
                            "n:Person, n.extra = 1", write=True)
    run_cypher(clean_neo4j, "MATCH ()-[r:INVESTED_IN]->() WITH r LIMIT 2 SET r.amount = -1", write=True)
    report = load_graph(clean_neo4j, graph)
    assert (report.nodes_updated, report.relationships_updated) == (1, 2)
    assert (report.nodes_created, report.nodes_removed, report.relationships_created,
            report.relationships_removed) == (0, 0, 0, 0)
    assert report.labels_removed == 1
    assert dump(clean_neo4j) == snapshot


def test_a_node_that_stopped_being_an_investor_loses_the_label(clean_neo4j: Driver, store: Store,
                                                               ontology: Ontology) -> None:
    as_company = funding_article()
    deal = Article(text="北辰科技也投资了星衡智能。", path="deal.txt", title="北辰投资", published="2025-08-01")
    as_investor = Extraction(article=deal, entities=[
        mention(deal, "b", {"Investor"}, "北辰科技"), mention(deal, "c", {"Company"}, "星衡智能")],
        relations=[relation(deal, "INVESTED_IN", "b", "c", round="B")])
    profile = Article(text="北辰科技是一家芯片公司。", path="profile.txt", title="北辰", published="2025-08-02")
    company_story = Extraction(article=profile, entities=[mention(profile, "b", {"Company"}, "北辰科技")],
                               relations=[])
    record_all(store, [as_company, as_investor, company_story], ontology)
    load_graph(clean_neo4j, to_networkx(store, ontology))
    labels = run_cypher(clean_neo4j, "MATCH (n {name: '北辰科技'}) RETURN labels(n) AS labels")[0]["labels"]
    assert sorted(labels) == ["Company", "Investor", "Organization"]
    store.remove_article(deal.id)
    graph = to_networkx(store, ontology)
    report = load_graph(clean_neo4j, graph)
    labels = run_cypher(clean_neo4j, "MATCH (n {name: '北辰科技'}) RETURN labels(n) AS labels")[0]["labels"]
    assert sorted(labels) == ["Company", "Organization"]
    assert report.labels_removed == 1 and report.nodes_updated >= 1
    assert dump(clean_neo4j) == expected_dump(graph, ontology)


def test_data_outside_the_ontology_is_left_alone(clean_neo4j: Driver, graph: nx.MultiDiGraph,
                                                 ontology: Ontology) -> None:
    load_graph(clean_neo4j, graph)
    run_cypher(clean_neo4j, "CREATE (:Note {id: 'note:1', text: 'mine'})", write=True)
    run_cypher(clean_neo4j, "MATCH (n:Note), (c:Organization {id: 'organization:星衡智能'}) "
                            "CREATE (n)-[:ABOUT {id: 'x'}]->(c)", write=True)
    run_cypher(clean_neo4j, "CREATE (:Organization:Company {id: 'organization:stray', name: 'stray'})", write=True)
    run_cypher(clean_neo4j, "MATCH (a:Organization {id: 'organization:hkex'}), (b:Organization "
                            "{id: 'organization:星衡智能'}) CREATE (a)-[:INVESTED_IN {id: 'rstray'}]->(b)", write=True)
    report = load_graph(clean_neo4j, graph)
    assert (report.nodes_removed, report.relationships_removed) == (1, 1)
    assert run_cypher(clean_neo4j, "MATCH (n:Note)-[r:ABOUT]->(c) RETURN n.text AS text, c.id AS company") == [
        {"text": "mine", "company": "organization:星衡智能"}]
    assert run_cypher(clean_neo4j, "MATCH (n {id: 'organization:stray'}) RETURN n") == []
    nodes, rels = dump(clean_neo4j)
    expected_nodes, expected_rels = expected_dump(graph, ontology)
    assert [n for n in nodes if n["id"] != "note:1"] == expected_nodes
    assert [r for r in rels if r["type"] != "ABOUT"] == expected_rels


def test_a_routing_uri_works(clean_neo4j: Driver, neo4j_target, graph: nx.MultiDiGraph) -> None:
    """`neo4j://` (and so `neo4j+s://`, the same with TLS) goes through routing; nothing assumes bolt://."""
    from kg.neo4j.connection import Neo4jSettings, open_driver

    uri = neo4j_target.uri.replace("bolt://", "neo4j://", 1)
    password = neo4j_target.auth[1] if neo4j_target.auth else None
    username = neo4j_target.auth[0] if neo4j_target.auth else "neo4j"
    with open_driver(Neo4jSettings(uri, username, password, neo4j_target.database)) as driver:
        report = load_graph(driver, graph, database=neo4j_target.database)
        assert report.nodes_created == graph.number_of_nodes()
        assert not load_graph(driver, graph, database=neo4j_target.database).changed
    assert counts(clean_neo4j) == (graph.number_of_nodes(), graph.number_of_edges())


def test_missing_endpoints_are_an_error_not_a_silent_no_op(clean_neo4j: Driver, graph: nx.MultiDiGraph) -> None:
    from kg.neo4j.batches import write_packed
    from kg.neo4j.loader import relationship_steps
    from kg.ontology import load_ontology

    load_graph(clean_neo4j, graph)
    rows = {("FOUNDED", "Person", "Organization"): [
        {"source": "person:ghost", "target": "organization:星衡智能", "props": {"id": "rghost"}}]}
    for stored in (0, 1):  # the CREATE path for a new type and the compare-and-merge path
        with clean_neo4j.session() as session, pytest.raises(Neo4jError, match="endpoints"):
            steps = relationship_steps(rows, load_ontology(), 10, LoadReport(), {"FOUNDED": stored})
            write_packed(session, steps, 10, None)
    assert run_cypher(clean_neo4j, "MATCH ()-[r {id: 'rghost'}]->() RETURN r") == []


def test_small_groups_share_a_transaction(clean_neo4j: Driver, network_store: Store, ontology: Ontology) -> None:
    """Many label sets and relationship types, each a small group: packed, a whole first load that fits
    in one batch is one transaction (a spy counts the real session's write transactions)."""
    from kg.neo4j.batches import write_packed
    from kg.neo4j.loader import node_rows, node_steps, relationship_rows, relationship_steps

    graph = to_networkx(network_store, ontology)
    total = graph.number_of_nodes() + graph.number_of_edges()
    nodes, rels = node_rows(graph, ontology), relationship_rows(graph, ontology)
    assert len(nodes) + len(rels) > 5  # the case worth packing: several groups
    empty = dict.fromkeys([*ontology.roots(), *ontology.relations], 0)
    report = LoadReport()
    with clean_neo4j.session() as session:
        calls: list[int] = []
        write = session.execute_write

        def counting(fn, steps, *args, **kwargs):  # type: ignore[no-untyped-def]
            calls.append(len(steps))
            return write(fn, steps, *args, **kwargs)

        session.execute_write = counting  # type: ignore[method-assign]
        steps = [*node_steps(nodes, ontology, total, report, empty),
                 *relationship_steps(rels, ontology, total, report, empty)]
        write_packed(session, steps, total, None)
    assert calls == [len(steps)]
    assert (report.nodes_created, report.relationships_created) == (graph.number_of_nodes(), graph.number_of_edges())
    assert counts(clean_neo4j) == (graph.number_of_nodes(), graph.number_of_edges())


# -- loads that send only what they must -----------------------------------------------------------------


def test_a_noop_reload_sends_nothing(clean_neo4j: Driver, network_store: Store, ontology: Ontology,
                                     tmp_path) -> None:
    """With the state of the last load and no commit since, a reload of the same graph writes nothing:
    no row, no transaction, and the database is as it was."""
    graph = to_networkx(network_store, ontology)
    state = tmp_path / "load.state"
    first = load_graph(clean_neo4j, graph, state=state)
    assert first.rows_sent == graph.number_of_nodes() + graph.number_of_edges()
    snapshot = dump(clean_neo4j)
    again = load_graph(clean_neo4j, graph, state=state)
    assert again.mode == "unchanged"
    assert (again.rows_sent, again.write_transactions) == (0, 0)
    assert not again.changed and again.properties_set == 0
    assert dump(clean_neo4j) == snapshot == expected_dump(graph, ontology)
    # and the no-op left the bookmark alone, so the next one is a no-op too
    assert load_graph(clean_neo4j, graph, state=state).mode == "unchanged"


def test_a_reload_after_a_store_change_sends_only_what_changed(clean_neo4j: Driver, network_store: Store,
                                                               ontology: Ontology, tmp_path) -> None:
    state = tmp_path / "load.state"
    before = to_networkx(network_store, ontology)
    load_graph(clean_neo4j, before, state=state)
    staff_story = next(e.article for e in investor_network() if e.article.title == "人事变动")
    assert network_store.remove_article(staff_story.id)
    graph = to_networkx(network_store, ontology)
    report = load_graph(clean_neo4j, graph, state=state)
    assert report.mode == "incremental"
    assert dump(clean_neo4j) == expected_dump(graph, ontology)
    assert report.nodes_removed >= 1 and report.relationships_removed >= 1
    # sent: the nodes and relationships whose properties changed, plus the deletions; nothing else
    old_nodes = {n: d for n, d in before.nodes(data=True)}
    changed_nodes = sum(1 for n, d in graph.nodes(data=True) if old_nodes.get(n) != d)
    old_rels = {d["id"]: d for _s, _t, d in before.edges(data=True)}
    changed_rels = sum(1 for _s, _t, d in graph.edges(data=True) if old_rels.get(d["id"]) != d)
    assert report.rows_sent == changed_nodes + changed_rels + report.nodes_removed + report.relationships_removed
    assert report.rows_sent < (graph.number_of_nodes() + graph.number_of_edges()) / 2
    assert load_graph(clean_neo4j, graph, state=state).rows_sent == 0


def test_a_write_by_someone_else_makes_the_next_load_compare_everything(
        clean_neo4j: Driver, network_store: Store, ontology: Ontology, tmp_path) -> None:
    """The state is trusted only while the database's bookmark is the one the last load left: an edit
    made in Neo4j in between is found by the full compare and undone."""
    graph = to_networkx(network_store, ontology)
    state = tmp_path / "load.state"
    load_graph(clean_neo4j, graph, state=state)
    snapshot = dump(clean_neo4j)
    run_cypher(clean_neo4j, "MATCH (n:Organization {id: 'organization:hkex'}) SET n.name = 'tampered'", write=True)
    report = load_graph(clean_neo4j, graph, state=state)
    assert report.mode == "compare" and report.nodes_updated == 1
    assert dump(clean_neo4j) == snapshot
    assert load_graph(clean_neo4j, graph, state=state).mode == "unchanged"


def test_a_broken_state_file_means_a_full_compare(clean_neo4j: Driver, graph: nx.MultiDiGraph, tmp_path) -> None:
    state = tmp_path / "load.state"
    load_graph(clean_neo4j, graph, state=state)
    state.write_bytes(b"not a state\n")
    report = load_graph(clean_neo4j, graph, state=state)
    assert report.mode == "compare" and not report.changed
    assert load_graph(clean_neo4j, graph, state=state).mode == "unchanged"


def test_a_first_load_of_many_small_groups_plans_few_queries(clean_neo4j: Driver, network_store: Store,
                                                             ontology: Ontology) -> None:
    """Each distinct query text costs the server a plan (0.3-0.5 s on a fresh server): small groups of
    a first load share texts with dynamic labels and types, so a small store loads in seconds."""
    from kg.neo4j import batches, loader

    graph = to_networkx(network_store, ontology)
    texts: set[str] = set()
    run_batch = batches.run_batch

    def spy(tx, query, params):  # type: ignore[no-untyped-def]
        texts.add(query)
        return run_batch(tx, query, params)

    batches.run_batch = spy  # type: ignore[assignment]
    try:
        report = load_graph(clean_neo4j, graph)
    finally:
        batches.run_batch = run_batch  # type: ignore[assignment]
    groups = len(loader.node_rows(graph, ontology)) + len(loader.relationship_rows(graph, ontology))
    assert len(texts) == 2 < groups  # one for the nodes, one for the relationships
    assert (report.nodes_created, report.relationships_created) == (graph.number_of_nodes(), graph.number_of_edges())
    assert dump(clean_neo4j) == expected_dump(graph, ontology)


# -- rows built a chunk at a time, written while the next chunk is built -------------------------------------


def test_the_list_path_writes_exactly_the_graph(clean_neo4j: Driver, network_store: Store, ontology: Ontology,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """Large groups travel as lists of values built straight from the graph's data (None values, lists with
    None, nested maps, booleans in lists): with every group large, the database still equals the graph."""
    from kg.neo4j import loader
    from tests.neo4j.test_bulk import hostile

    graph = hostile(to_networkx(network_store, ontology))
    graph.add_node("organization:odd", labels=["Company"], name="odd", aliases=["a", None, "b"], legal_name=None,
                   extra={"b": 1, "a": [1, 2]})
    graph.add_edge("organization:odd", "organization:hostile-1", type="SPUN_OFF_FROM", id="r-odd", date=None,
                   via=[None], derived=False)
    monkeypatch.setattr(loader, "SMALL_GROUP", 0)
    report = load_graph(clean_neo4j, graph, batch_size=7)  # many transactions, each overlapping the next build
    assert report.write_transactions > 3
    assert (report.nodes_created, report.relationships_created) == (graph.number_of_nodes(), graph.number_of_edges())
    assert dump(clean_neo4j) == expected_dump(graph, ontology)
    assert not load_graph(clean_neo4j, graph).changed


def test_a_failed_transaction_stops_the_load_where_it_failed(clean_neo4j: Driver, graph: nx.MultiDiGraph) -> None:
    """Transactions run on a writer thread while the next one is built: the first one the server refuses
    raises here, and no later one is sent."""
    from kg.neo4j.batches import Step, write_packed

    def step(query: str) -> Step:
        return Step(query, {}, 1, lambda _result: None)

    ok = "CREATE (:Probe {n: 1}) RETURN 1 AS seen, 1 AS created, 0 AS updated"
    later = "CREATE (:Probe {n: 3}) RETURN 1 AS seen, 1 AS created, 0 AS updated"
    with clean_neo4j.session() as session, pytest.raises(DriverNeo4jError):
        write_packed(session, iter([step(ok), step("RETURN 1/0 AS seen"), step(later), step(later)]), 1, None)
    assert run_cypher(clean_neo4j, "MATCH (p:Probe) RETURN p.n AS n") == [{"n": 1}]


def test_a_state_written_without_a_graph_digest_still_sends_nothing(clean_neo4j: Driver, graph: nx.MultiDiGraph,
                                                                    tmp_path) -> None:
    """A state file of an older kg has fingerprints but no digest of the whole graph: an unchanged reload
    is found through the fingerprints, and writes the digest for the next one."""
    from kg.neo4j.loader import LoadState

    state = tmp_path / "load.state"
    load_graph(clean_neo4j, graph, state=state)
    saved = LoadState.read(state)
    assert saved is not None and saved.digest is not None
    LoadState(saved.bookmark, saved.prints).write(state)
    again = load_graph(clean_neo4j, graph, state=state)
    assert (again.mode, again.rows_sent) == ("unchanged", 0)
    rewritten = LoadState.read(state)
    assert rewritten is not None and rewritten.digest == saved.digest
    assert load_graph(clean_neo4j, graph, state=state).mode == "unchanged"


def test_the_graph_digest_changes_with_any_value(graph: nx.MultiDiGraph) -> None:
    from kg.neo4j.loader import graph_digest

    digest = graph_digest(graph)
    assert digest is not None and graph_digest(graph.copy()) == digest
    node, data = next(iter(graph.nodes(data=True)))
    changed = graph.copy()
    changed.nodes[node]["name"] = data["name"] + "x"
    assert graph_digest(changed) != digest
    source, target, key, _data = next(iter(graph.edges(keys=True, data=True)))
    changed = graph.copy()
    changed.edges[source, target, key]["confidence"] = 0.123
    assert graph_digest(changed) != digest
    changed = graph.copy()
    changed.remove_edge(source, target, key)
    assert graph_digest(changed) != digest
