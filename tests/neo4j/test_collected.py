"""`kg.neo4j.collected`: a named query's rows sent as one record. Its columns are read from the text's
last top-level RETURN (checked here against the keys Neo4j itself gives every named query), and the rows
must come back as the plain run gives them: same values, same order."""

from __future__ import annotations

import pytest
from neo4j import Driver

import kg.neo4j.cypher as cypher_module
from kg.neo4j.collected import collected_text, return_columns
from kg.neo4j.guard import tokens
from kg.queries import QUERIES, run_neo4j
from tests.neo4j_fixtures import Neo4jTarget


@pytest.mark.parametrize(("query", "columns"), [
    ("RETURN 1 AS one", ["one"]),
    ("MATCH (n) RETURN n", ["n"]),
    ("MATCH (n) RETURN DISTINCT n.name AS name, n ORDER BY name LIMIT 3", ["name", "n"]),
    ("MATCH (n) RETURN n.id AS `odd name`, [x IN [1, 2] | x * 2] AS doubled SKIP 1", ["odd name", "doubled"]),
    # RETURNs inside subqueries, COLLECT and EXISTS are not the query's own
    ("CALL () { MATCH (f) RETURN f UNION MATCH (g) RETURN g AS f } WITH f "
     "RETURN f.id AS id, COLLECT { MATCH (f)--(x) RETURN x.id AS y } AS ys", ["id", "ys"]),
    # commas inside brackets and strings, a comment that says RETURN, keywords in any case
    ("MATCH (n)\n// RETURN nothing AS here\nreturn {a: 1, b: 'x, y'} as m, f(1, 2) As f2, "
     "'RETURN a AS b' AS s", ["m", "f2", "s"]),
    ("MATCH (n) RETURN n.a AS a\nUNION\nMATCH (n) RETURN n.b AS a", ["a"]),
])
def test_the_columns_are_the_last_top_level_returns_names(query: str, columns: list[str]) -> None:
    assert return_columns(query) == columns


@pytest.mark.parametrize("query", ["MATCH (n) RETURN n.name", "MATCH (n) RETURN count(*)", "MATCH (n) SET n.x = 1",
                                   "CALL () { RETURN 1 AS x } WITH x SET x.y = 2"])
def test_a_query_without_named_columns_is_refused(query: str) -> None:
    with pytest.raises(ValueError, match="RETURN"):
        return_columns(query)


def test_the_wrapped_text_ends_the_query_on_its_own_line() -> None:
    text = collected_text("MATCH (n) RETURN n.id AS id // a trailing comment")
    assert text.endswith("// a trailing comment\n}\nRETURN collect([`id`]) AS rows")


@pytest.mark.neo4j
@pytest.mark.parametrize("name", sorted(QUERIES))
def test_every_named_query_s_columns_are_the_ones_neo4j_gives(name: str, neo4j_driver: Driver,
                                                             neo4j_target: Neo4jTarget) -> None:
    text = QUERIES[name].cypher
    params = {tok.text[1:]: None for tok in tokens(text) if tok.kind == "param"}
    with neo4j_driver.session(database=neo4j_target.database) as session:
        result = session.run("EXPLAIN " + text, params)  # planned, never run: the keys are known
        keys = list(result.keys())
        result.consume()
    assert return_columns(text) == keys


@pytest.mark.neo4j
def test_collected_rows_equal_the_plain_ones_in_order(neo4j_driver: Driver, neo4j_target: Neo4jTarget) -> None:
    query = ("UNWIND range(1, 5000) AS i WITH i, i % 7 AS k RETURN k, i AS n, [toString(i), null] AS l, "
             "{i: i} AS m ORDER BY k, n DESC")
    plain = cypher_module.run_cypher(neo4j_driver, query, database=neo4j_target.database, guard=False)
    collected = cypher_module.run_cypher(neo4j_driver, query, database=neo4j_target.database, guard=False,
                                         collected=True)
    assert collected == plain
    assert [list(row) for row in collected[:1]] == [["k", "n", "l", "m"]]
    assert [row["n"] for row in collected[:3]] == [4998, 4991, 4984]


@pytest.mark.neo4j
def test_a_named_query_is_answered_through_one_record(clean_neo4j: Driver, neo4j_target: Neo4jTarget,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    database = neo4j_target.database
    cypher_module.run_cypher(clean_neo4j, "CREATE (:Organization:Investor {id: 'organization:i', name: '红杉'})"
                                          "-[:INVESTED_IN {id: 'r', round: 'A'}]->"
                                          "(:Organization:Company {id: 'organization:c', name: '星衡'})",
                             write=True, database=database)
    sent: list[str] = []

    def spy(query: str, columns: list[str] | None = None) -> str:
        sent.append(query)
        return collected_text(query, columns)

    monkeypatch.setattr(cypher_module, "collected_text", spy)
    rows = run_neo4j(clean_neo4j, "portfolio", "organization:i", database=database)
    assert [(r["company"], r["round"]) for r in rows] == [("星衡", "A")]
    assert sent == [QUERIES["portfolio"].cypher]
