"""`kg.neo4j.cypher.run_cypher`'s rows: plain values, as JSON and tables print them. The rows of a named
query are read in bulk (scalars first, lists of scalars without a call per item), so every kind of
value is checked to come back as before: nodes, relationships and paths as dicts, temporal values as
ISO text, inside lists and maps too, columns in the query's order; and the same when the rows come as
one record (`collected`, how the named queries run)."""

from __future__ import annotations

import pytest
from neo4j import Driver

from kg.neo4j.cypher import run_cypher
from tests.neo4j_fixtures import Neo4jTarget

pytestmark = pytest.mark.neo4j


@pytest.mark.parametrize("collected", [False, True])
def test_every_kind_of_value_comes_back_plain(clean_neo4j: Driver, neo4j_target: Neo4jTarget,
                                              collected: bool) -> None:
    database = neo4j_target.database
    run_cypher(clean_neo4j, "CREATE (:Organization:Company {id: 'c', name: '星衡', tags: ['a', 'b']})"
                            "-[:INVESTED_IN {id: 'r', amount: 1.5}]->(:Organization {id: 'd', n: 2})",
               write=True, database=database)
    rows = run_cypher(clean_neo4j, """
        MATCH p = (c {id: 'c'})-[r]->(d)
        RETURN 'text' AS s, 3 AS i, 0.25 AS f, true AS b, null AS none, c.tags AS tags,
               c AS node, r AS rel, p AS path, [c, 1, null, ['x', date('2025-01-02')]] AS mixed,
               {when: date('2025-01-02'), who: d, many: [d]} AS map, [] AS empty
        """, database=database, guard=not collected, collected=collected)
    company = {"_labels": ["Company", "Organization"], "id": "c", "name": "星衡", "tags": ["a", "b"]}
    other = {"_labels": ["Organization"], "id": "d", "n": 2}
    investment = {"_type": "INVESTED_IN", "id": "r", "amount": 1.5}
    assert rows == [{
        "s": "text", "i": 3, "f": 0.25, "b": True, "none": None, "tags": ["a", "b"],
        "node": company, "rel": investment, "path": {"nodes": [company, other], "relationships": [investment]},
        "mixed": [company, 1, None, ["x", "2025-01-02"]],
        "map": {"when": "2025-01-02", "who": other, "many": [other]}, "empty": [],
    }]
    assert list(rows[0]) == ["s", "i", "f", "b", "none", "tags", "node", "rel", "path", "mixed", "map", "empty"]


@pytest.mark.parametrize("collected", [False, True])
def test_many_rows_keep_their_order_and_columns(neo4j_driver: Driver, neo4j_target: Neo4jTarget,
                                                collected: bool) -> None:
    rows = run_cypher(neo4j_driver, "UNWIND range(1, 3000) AS i RETURN i, toString(i) AS s, [i, 'x'] AS l "
                                    "ORDER BY i DESC", database=neo4j_target.database,
                      guard=not collected, collected=collected)
    assert rows == [{"i": i, "s": str(i), "l": [i, "x"]} for i in range(3000, 0, -1)]
