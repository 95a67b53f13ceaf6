"""`kg cypher --engine embedded`: grand-cypher's read-only subset on the store's graph, built from the
project's example articles; values passed as parameters are matched as data; what cannot run here is
refused by name; and the rows equal Neo4j's for the same queries (the `neo4j` tests)."""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from grandcypher import GrandCypher
from neo4j import Driver

from kg.build import build
from kg.graph import to_networkx
from kg.neo4j.cypher import run_cypher
from kg.neo4j.loader import load_graph
from kg.queries.cypher_embedded import EmbeddedCypherError, cypher_literal, run_cypher_embedded
from kg.store import open_store
from tests import paths
from tests.factories import run_kg as kg
from tests.neo4j_fixtures import Neo4jTarget, wipe

EXAMPLES = paths.EXAMPLES


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cypher") / "store"
    with open_store(path) as store:
        build(store, [EXAMPLES])
    return path


@pytest.fixture(scope="module")
def graph(built: Path) -> nx.MultiDiGraph:
    with open_store(built, create=False) as store:
        return to_networkx(store)


def names(graph: nx.MultiDiGraph, label: str) -> list[str]:
    return [d["name"] for _n, d in graph.nodes(data=True) if label in d["labels"]]


def edges(graph: nx.MultiDiGraph, rel_type: str) -> list[tuple[str, str, dict[str, Any]]]:
    return [(s, t, d) for s, t, d in graph.edges(data=True) if d["type"] == rel_type]


def run(graph: nx.MultiDiGraph, query: str, **params: Any) -> list[dict[str, Any]]:
    return run_cypher_embedded(graph, query, params)


# -- the supported subset, checked against plain networkx ------------------------------------------


def test_labels(graph: nx.MultiDiGraph) -> None:
    rows = run(graph, "MATCH (f:StateOwnedFund) RETURN f.name")
    assert sorted(r["f.name"] for r in rows) == sorted(names(graph, "StateOwnedFund"))
    assert len(rows) >= 3


def test_a_node_comes_back_as_neo4j_gives_it(graph: nx.MultiDiGraph) -> None:
    [company] = [n for n, d in graph.nodes(data=True) if "Company" in d["labels"] and d.get("aliases")][:1]
    rows = run(graph, "MATCH (c:Company) WHERE c.id = $id RETURN c", id=company)
    data = graph.nodes[company]
    assert rows == [{"c": {"_labels": sorted(data["labels"]), "id": company,
                           **{k: v for k, v in data.items() if k != "labels"}}}]


@pytest.mark.parametrize("rel_type", ["INVESTED_IN", "LISTED_ON", "HOLDS_POSITION", "SPUN_OFF_FROM",
                                      "FOUNDED_BY_ALUMNI_OF"])
def test_relationship_types(graph: nx.MultiDiGraph, rel_type: str) -> None:
    rows = run(graph, f"MATCH (a)-[r:{rel_type}]->(b) RETURN a.id, b.id, r.id, type(r)")
    expected = edges(graph, rel_type)
    assert expected, rel_type
    assert sorted((r["a.id"], r["b.id"], r["r.id"]) for r in rows) == sorted((s, t, d["id"]) for s, t, d in expected)
    assert {r["type(r)"] for r in rows} == {rel_type}


def test_a_relationship_comes_back_with_its_type(graph: nx.MultiDiGraph) -> None:
    source, target, data = edges(graph, "LISTED_ON")[0]
    rows = run(graph, "MATCH (a)-[r:LISTED_ON]->(b) WHERE r.id = $id RETURN r", id=data["id"])
    assert rows == [{"r": {"_type": "LISTED_ON", **{k: v for k, v in data.items() if k != "type"}}}]


@pytest.mark.parametrize(("where", "keep"), [
    ('c.name = "Yaotu"', lambda d: d["name"] == "Yaotu"),
    ("c.name = 'Yaotu'", lambda d: d["name"] == "Yaotu"),
    ("c.name <> 'Yaotu'", lambda d: d["name"] != "Yaotu"),
    ("c.name STARTS WITH '云'", lambda d: d["name"].startswith("云")),
    ("c.name CONTAINS '智能'", lambda d: "智能" in d["name"]),
    ("c.name IN ['Yaotu', 'Brightwave', 'nobody']", lambda d: d["name"] in ("Yaotu", "Brightwave")),
    ("c.region = 'Beijing' AND NOT c.name = '云岫智能'", lambda d: d.get("region") == "Beijing"
     and d["name"] != "云岫智能"),
    ("c.name > 'Z'", lambda d: d["name"] > "Z"),
    ("c.region IS NULL", lambda d: d.get("region") is None),
])
def test_where_on_strings(graph: nx.MultiDiGraph, where: str, keep: Any) -> None:
    rows = run(graph, f"MATCH (c:Company) WHERE {where} RETURN c.name")
    expected = [d["name"] for _n, d in graph.nodes(data=True) if "Company" in d["labels"] and keep(d)]
    assert sorted(r["c.name"] for r in rows) == sorted(expected)


@pytest.mark.parametrize(("where", "keep"), [
    ("r.amount >= 100000000", lambda a: a is not None and a >= 100_000_000),
    ("r.amount < 6.5e8", lambda a: a is not None and a < 6.5e8),
    ("r.amount = 500000000", lambda a: a == 500_000_000),
    ("r.amount > 0 AND r.amount <= 150000000", lambda a: a is not None and 0 < a <= 150_000_000),
])
def test_where_on_numbers(graph: nx.MultiDiGraph, where: str, keep: Any) -> None:
    rows = run(graph, f"MATCH (a)-[r:INVESTED_IN]->(b) WHERE {where} RETURN r.id, r.amount")
    expected = sorted(d["id"] for _s, _t, d in edges(graph, "INVESTED_IN") if keep(d.get("amount")))
    assert sorted(r["r.id"] for r in rows) == expected
    assert expected


def test_order_by_and_limit(graph: nx.MultiDiGraph) -> None:
    companies = sorted(names(graph, "Company"))
    assert run(graph, "MATCH (c:Company) RETURN c.name ORDER BY c.name DESC LIMIT 3") == [
        {"c.name": n} for n in sorted(companies, reverse=True)[:3]]
    assert run(graph, "MATCH (c:Company) RETURN c.name AS name ORDER BY name SKIP 1 LIMIT 2") == [
        {"name": n} for n in companies[1:3]]


def test_order_by_puts_nulls_last_as_neo4j_does(graph: nx.MultiDiGraph) -> None:
    rows = run(graph, "MATCH (c:Company) RETURN c.region, c.name ORDER BY c.region, c.name")
    regions = [r["c.region"] for r in rows]
    present = [r for r in regions if r is not None]
    assert regions == sorted(present) + [None] * (len(regions) - len(present))
    assert present and None in regions


def test_aggregation_counts_and_orders(graph: nx.MultiDiGraph) -> None:
    rows = run(graph, "MATCH (i)-[:INVESTED_IN]->(c) RETURN c.name, count(i) AS investors "
                      "ORDER BY investors DESC, c.name")
    counts: dict[str, int] = {}
    for _s, t, _d in edges(graph, "INVESTED_IN"):
        counts[graph.nodes[t]["name"]] = counts.get(graph.nodes[t]["name"], 0) + 1
    assert rows == [{"c.name": n, "investors": k} for n, k in sorted(counts.items(), key=lambda x: (-x[1], x[0]))]


def test_distinct(graph: nx.MultiDiGraph) -> None:
    rows = run(graph, "MATCH (i)-[:INVESTED_IN]->(c) RETURN DISTINCT c.name")
    expected = {graph.nodes[t]["name"] for _s, t, _d in edges(graph, "INVESTED_IN")}
    assert sorted(r["c.name"] for r in rows) == sorted(expected)
    nodes = run(graph, "MATCH (i)-[:INVESTED_IN]->(c) RETURN DISTINCT c")
    assert sorted(r["c"]["id"] for r in nodes) == sorted({t for _s, t, _d in edges(graph, "INVESTED_IN")})


def test_variable_length_paths(graph: nx.MultiDiGraph) -> None:
    rows = run(graph, "MATCH (f:StateOwnedFund)-[r*1..2]->(x:Exchange) RETURN f.id, r, x.id")
    expected = set()
    for f in (n for n, d in graph.nodes(data=True) if "StateOwnedFund" in d["labels"]):
        for _f, mid, k1 in graph.out_edges(f, keys=True):
            if "Exchange" in graph.nodes[mid]["labels"]:
                expected.add((f, mid, (k1,)))
            for _m, x, k2 in graph.out_edges(mid, keys=True):
                if "Exchange" in graph.nodes[x]["labels"] and x != f:
                    expected.add((f, x, (k1, k2)))
    assert expected
    assert {(r["f.id"], r["x.id"], tuple(rel["id"] for rel in r["r"])) for r in rows} == expected
    assert all(isinstance(r["r"], list) and all("_type" in rel for rel in r["r"]) for r in rows)


def test_parameters(graph: nx.MultiDiGraph) -> None:
    fund = names(graph, "StateOwnedFund")[0]
    rows = run(graph, "MATCH (f:StateOwnedFund) WHERE f.name = $name RETURN f.name", name=fund)
    assert rows == [{"f.name": fund}]
    rows = run(graph, "MATCH (f {name: $name}) RETURN f.name", name=fund)
    assert rows == [{"f.name": fund}]
    rows = run(graph, "MATCH (c:Company) WHERE c.name IN $names RETURN c.name ORDER BY c.name LIMIT $n",
               names=["Yaotu", "Brightwave", "x"], n=1)
    assert rows == [{"c.name": "Brightwave"}]


def test_the_column_is_named_as_written(graph: nx.MultiDiGraph) -> None:
    [row] = run(graph, "MATCH (c:Company) WHERE c.name = $n RETURN c.name, coalesce(c.ticker, $n), "
                       "toLower(c.name) AS low", n="Yaotu")
    assert list(row) == ["c.name", "coalesce(c.ticker, $n)", "low"]


def test_keywords_inside_strings_names_and_properties_are_not_clauses(graph: nx.MultiDiGraph) -> None:
    assert run(graph, "MATCH (c:Company) WHERE c.name = 'MATCH (n) DETACH DELETE n // WITH' RETURN c.name") == []
    assert run(graph, "MATCH (c:Company) WHERE c.set = 1 OR c.name STARTS WITH 'Yao' RETURN c.name") == [
        {"c.name": "Yaotu"}]
    assert run(graph, "MATCH (`c`:`Company`) WHERE c.name = 'Yaotu' RETURN c.name // CREATE") == [
        {"c.name": "Yaotu"}]


# -- values are data -------------------------------------------------------------------------------

HOSTILE = [
    'x" OR 1=1 //',
    "'}) RETURN n //",
    "`) RETURN n UNION MATCH (m) RETURN m //",
    "MATCH (n) DETACH DELETE n",
    'back\\slash \\" quote\\',
    "\\",
    '"',
    "{name: $x}",
    "$name",
    "智谱华章 MATCH 匹配 \u2028 newline\n tab\t",
    "emoji \U0001f600 and \x00 nul",
    "CREATE (x) SET x.a = 1 RETURN x",
    "/* comment */ // comment",
    "",
]


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_values_match_nothing_and_run_nothing(graph: nx.MultiDiGraph, value: str) -> None:
    before = (graph.number_of_nodes(), graph.number_of_edges())
    assert run(graph, "MATCH (n) WHERE n.name = $v RETURN n.name", v=value) == []
    assert run(graph, "MATCH (n {name: $v}) RETURN n.name", v=value) == []
    assert run(graph, "MATCH (n) WHERE n.name IN [$v, $v] RETURN n.name", v=value) == []
    assert (graph.number_of_nodes(), graph.number_of_edges()) == before


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_values_match_themselves(graph: nx.MultiDiGraph, value: str) -> None:
    """A node named with the hostile text is found by it, and only it: the value was compared as data."""
    copy = graph.copy()
    copy.add_node("organization:hostile", labels=["Organization", "Company"], name=value, aliases=[])
    rows = run(copy, "MATCH (c:Company) WHERE c.name = $v RETURN c.id, c.name", v=value)
    assert rows == [{"c.id": "organization:hostile", "c.name": value}]


SCALARS: list[Any] = [*HOSTILE, 0, -7, 2**70, 1.5, -0.25, 1e-7, 1e300, True, False, None, "true", "null", "0",
                      "NaN", "中文 'quotes' \"double\""]


@pytest.mark.parametrize("value", SCALARS)
def test_literals_parse_back_to_the_value_in_grand_cypher_itself(value: Any) -> None:
    """The literal, read by grand-cypher's own parser and evaluator, is exactly the value."""
    host = nx.MultiDiGraph()
    host.add_node("hit", x=value)
    host.add_node("miss", x="something else")
    operator = "IS" if value is None else "=="
    result = GrandCypher(host).run(f"MATCH (n) WHERE n.x {operator} {cypher_literal(value)} RETURN ID(n), n.x")
    assert result["ID(n)"] == ["hit"]
    [got] = result["n.x"]
    assert type(got) is type(value) and got == value


def test_list_literals_parse_back_to_the_values() -> None:
    host = nx.MultiDiGraph()
    for i, value in enumerate(HOSTILE):
        host.add_node(i, x=value)
    result = GrandCypher(host).run(f"MATCH (n) WHERE n.x IN {cypher_literal(HOSTILE)} RETURN ID(n)")
    assert sorted(result["ID(n)"]) == list(range(len(HOSTILE)))


@pytest.mark.parametrize(("value", "message"), [
    ({"a": 1}, "dict value"),
    ([["nested"]], "nested lists"),
    ([], "empty list"),
    (math.nan, "nan"),
    (math.inf, "inf"),
    (None, "is null"),
    (["a", None], "is null"),
])
def test_values_without_a_safe_literal_are_refused(graph: nx.MultiDiGraph, value: Any, message: str) -> None:
    with pytest.raises(EmbeddedCypherError, match=message):
        run(graph, "MATCH (n) WHERE n.name IN $v RETURN n.name", v=value)


def test_a_missing_parameter_is_named(graph: nx.MultiDiGraph) -> None:
    with pytest.raises(EmbeddedCypherError, match=r"\$company has no value.*--param company="):
        run(graph, "MATCH (n) WHERE n.name = $company RETURN n", other=1)


# -- what the embedded backend refuses -------------------------------------------------------------


@pytest.mark.parametrize(("query", "named"), [
    ("CREATE (n:Company {name: 'x'})", "CREATE"),
    ("MERGE (n:Company {name: 'x'}) RETURN n", "MERGE"),
    ("MATCH (n) SET n.x = 1", "SET"),
    ("MATCH (n) DELETE n", "DELETE"),
    ("MATCH (n) DETACH DELETE n", "DETACH DELETE"),
    ("MATCH (n) REMOVE n.name", "REMOVE"),
    ("MATCH (n) FOREACH (x IN [1] | SET n.y = x)", "FOREACH"),
    ("LOAD CSV FROM 'file:///x.csv' AS row RETURN row", "LOAD CSV"),
    ("match (n) detach delete n", "DETACH DELETE"),
])
def test_writes_are_refused_as_read_only(graph: nx.MultiDiGraph, query: str, named: str) -> None:
    with pytest.raises(EmbeddedCypherError, match="read-only") as info:
        run(graph, query)
    assert named in str(info.value) and "--engine neo4j" in str(info.value)


def test_write_flag_is_refused(graph: nx.MultiDiGraph) -> None:
    with pytest.raises(EmbeddedCypherError, match="written only by `kg build`.*--engine neo4j"):
        run_cypher_embedded(graph, "MATCH (n) RETURN n.name", write=True)


@pytest.mark.parametrize(("query", "named"), [
    ("MATCH (c:Company) OPTIONAL MATCH (c)<-[:INVESTED_IN]-(i) RETURN c.name, i.name", "OPTIONAL MATCH"),
    ("MATCH (c:Company) WITH c RETURN c.name", "WITH"),
    ("UNWIND [1, 2] AS x RETURN x", "UNWIND"),
    ("MATCH (c:Company) RETURN c.name UNION MATCH (p:Person) RETURN p.name", "UNION"),
    ("CALL db.labels()", "CALL"),
    ("MATCH (c) RETURN CASE WHEN c.name = 'x' THEN 1 ELSE 0 END", "CASE"),
    ("MATCH (c:Company) RETURN labels(c)", "labels()"),
    ("MATCH (c:Company) RETURN *", "'*'"),
    ("MATCH (c:Company) RETURN count(*)", "'*'"),
    ("MATCH p = (a)-[:INVESTED_IN]->(b) RETURN p", "named paths"),
    ("MATCH (a)-[:INVESTED_IN]->(b) RETURN DISTINCT b.name AS company", "DISTINCT with AS"),
    ("MATCH (a) WHERE a.name IN [] RETURN a", "empty list"),
    ("MATCH (a) RETURN a.`the name`", "not a plain identifier"),
    ("MATCH (a) WHERE a.name = null RETURN a", "IS NULL"),
    ("MATCH (a {name: null}) RETURN a", "IS NULL"),
])
def test_unsupported_reads_are_named(graph: nx.MultiDiGraph, query: str, named: str) -> None:
    with pytest.raises(EmbeddedCypherError) as info:
        run(graph, query)
    assert named in str(info.value)
    assert "--engine neo4j" in str(info.value)


def test_lexical_errors_are_named(graph: nx.MultiDiGraph) -> None:
    with pytest.raises(EmbeddedCypherError, match="unterminated string starting at line 1, column 26"):
        run(graph, "MATCH (a) WHERE a.name = 'unterminated RETURN a")
    with pytest.raises(EmbeddedCypherError, match="unterminated /\\* comment"):
        run(graph, "MATCH (a) /* RETURN a")


def test_a_parse_error_points_at_the_users_text(graph: nx.MultiDiGraph) -> None:
    query = "MATCH (n)\nWHERE n.name = $v\nRETURN n.name, labels(n)"
    with pytest.raises(EmbeddedCypherError) as info:
        run(graph, query, v="a long value 'with' \"quotes\" that shifts positions")
    message = str(info.value)
    assert "line 3, column 16" in message
    assert "  RETURN n.name, labels(n)\n                 ^" in message, message


# -- the command line ------------------------------------------------------------------------------


def test_cli_embedded_json(built: Path, graph: nx.MultiDiGraph, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NEO4J_URI", raising=False)
    fund = sorted(names(graph, "StateOwnedFund"))[0]
    code, out, err = kg("cypher", "MATCH (f:StateOwnedFund) WHERE f.name = $n RETURN f.name AS fund",
                        "--param", f"n={fund}", "--backend", "embedded", "--store", built, "--format", "json")
    assert code == 0, err
    assert json.loads(out) == [{"fund": fund}]
    # embedded is the default without NEO4J_URI
    code, out, err = kg("cypher", "MATCH (f:StateOwnedFund) RETURN f.name ORDER BY f.name LIMIT 1",
                        "--store", built, "-f", "json")
    assert code == 0, err
    assert json.loads(out) == [{"f.name": fund}]


@pytest.mark.parametrize(("args", "message"), [
    (["MATCH (c) WITH c RETURN c"], "WITH"),
    (["MATCH (c) DETACH DELETE c"], "read-only"),
    (["MATCH (c) RETURN c", "--write"], "written only by `kg build`"),
    (["MATCH (c) WHERE c.name = $x RETURN c"], "$x has no value"),
])
def test_cli_embedded_errors_exit_non_zero(built: Path, args: list[str], message: str) -> None:
    code, out, err = kg("cypher", *args, "--backend", "embedded", "--store", built)
    assert code == 1
    assert err.startswith("kg: error: ") and message in err and "Traceback" not in err
    assert out == ""


# -- parity with Neo4j -----------------------------------------------------------------------------

PARITY: list[tuple[str, dict[str, Any]]] = [
    ("MATCH (f:StateOwnedFund)-[r:INVESTED_IN]->(c:Company) RETURN f.name, r.round, r.amount, c.name", {}),
    ("MATCH (c:Company) WHERE c.name STARTS WITH $p OR c.region = $r RETURN c", {"p": "Y", "r": "Beijing"}),
    ("MATCH (i)-[:INVESTED_IN]->(c) RETURN c.name, count(i) AS n ORDER BY n DESC, c.name", {}),
    ("MATCH (a:Company)-[r*1..2]->(x:Exchange) RETURN a.name, r, x.name", {}),
    ("MATCH (c:Company) RETURN DISTINCT c.region ORDER BY c.region", {}),
    ("MATCH (c:Company) WHERE exists { MATCH (c)-[:LISTED_ON]->(x:Exchange) } RETURN c.name ORDER BY c.name", {}),
    ("MATCH (p:Person)-[h:HOLDS_POSITION]->(c) WHERE h.title IN $titles RETURN p, h, c.id",
     {"titles": ["CEO", "CTO", "总裁", "董事长"]}),
]


def _sorted(rows: list[dict[str, Any]]) -> list[str]:
    return sorted(json.dumps(r, ensure_ascii=False, sort_keys=True) for r in rows)


@pytest.fixture(scope="module")
def neo4j_examples(neo4j_target: Neo4jTarget, neo4j_driver: Driver, graph: nx.MultiDiGraph) -> Iterator[Driver]:
    """The session's Neo4j holding the example graph (loaded by `kg load`'s own loader)."""
    import os

    if not neo4j_target.owned and os.environ.get("NEO4J_ALLOW_WIPE") != "1":
        pytest.fail(f"refusing to wipe the database of NEO4J_URI={neo4j_target.uri}: set NEO4J_ALLOW_WIPE=1",
                    pytrace=False)
    wipe(neo4j_driver, neo4j_target.database)
    load_graph(neo4j_driver, graph, database=neo4j_target.database)
    yield neo4j_driver


@pytest.mark.neo4j
@pytest.mark.parametrize(("query", "params"), PARITY)
def test_same_rows_as_neo4j(query: str, params: dict[str, Any], graph: nx.MultiDiGraph, neo4j_examples: Driver,
                            neo4j_target: Neo4jTarget) -> None:
    embedded = run_cypher_embedded(graph, query, params)
    on_neo4j = run_cypher(neo4j_examples, query, params, database=neo4j_target.database)
    assert embedded, query
    assert _sorted(embedded) == _sorted(on_neo4j)
    assert [list(r) for r in embedded] == [list(r) for r in on_neo4j]  # same columns, same order
    if "ORDER BY" in query:
        assert embedded == on_neo4j
