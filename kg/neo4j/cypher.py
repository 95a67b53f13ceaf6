"""`kg cypher`: run one user query, read-only unless the caller asks to write.

Reads go through a READ-mode managed transaction, so the server itself refuses `CREATE`, `MERGE`,
`SET` and `DELETE`. What a read transaction still allows (`LOAD CSV`, procedures such as
`dbms.listConfig`, administration commands) is refused by `kg.neo4j.guard`: once on the text, before
anything is sent, and once on the server's `EXPLAIN` plan, in the same transaction, before the query
runs. Values come in as parameters, never pasted into the text. Results come back as plain rows (lists
of dicts) for table/JSON/CSV output.
"""

from __future__ import annotations

import json
from typing import Any

from neo4j import Driver, ManagedTransaction
from neo4j.exceptions import Neo4jError as DriverNeo4jError
from neo4j.graph import Node, Path, Relationship

from kg.errors import Neo4jError
from kg.neo4j.collected import collected_text, return_columns
from kg.neo4j.connection import server_error_message
from kg.neo4j.guard import check_plan, check_text, explain_text


def parse_param(text: str) -> tuple[str, Any]:
    """`name=value`: the value is read as JSON when it is JSON (numbers, lists, quoted strings,
    true/false/null), otherwise kept as a string, so `--param name=智谱` just works."""
    name, sep, raw = text.partition("=")
    if not sep or not name.strip():
        raise Neo4jError(f"--param wants name=value, got {text!r}")
    try:
        value = json.loads(raw)
    except json.JSONDecodeError:
        value = raw
    return name.strip(), value


_SCALARS = frozenset({str, int, float, bool, type(None)})


def to_plain(value: Any) -> Any:
    """Nodes, relationships and paths as JSON-friendly dicts (labels/type kept beside properties)."""
    kind = type(value)
    if kind in _SCALARS:  # most values: checked first, a named query can return a million
        return value
    if kind is list:  # then lists (of scalars, mostly) before the graph types, whose checks are slower
        if _SCALARS.issuperset(map(type, value)):  # a scan in C
            return value
        return [v if type(v) in _SCALARS else to_plain(v) for v in value]
    if isinstance(value, Node):
        return {"_labels": sorted(value.labels), **dict(value)}
    if isinstance(value, Relationship):
        return {"_type": value.type, **dict(value)}
    if isinstance(value, Path):
        return {"nodes": [to_plain(n) for n in value.nodes],
                "relationships": [to_plain(r) for r in value.relationships]}
    if isinstance(value, list):
        return [to_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: to_plain(v) for k, v in value.items()}
    if hasattr(value, "iso_format"):  # neo4j temporal types
        return value.iso_format()
    return value


def _collect(tx: ManagedTransaction, query: str, params: dict[str, Any]) -> list[dict[str, Any]]:
    result = tx.run(query, params)
    keys = result.keys()
    return [dict(zip(keys, map(to_plain, values), strict=True)) for values in result.values()]


def _collect_one(tx: ManagedTransaction, query: str, params: dict[str, Any]) -> list[dict[str, Any]]:
    """The rows of `query`, sent by the server as one record (`kg.neo4j.collected`)."""
    keys = return_columns(query)
    record = tx.run(collected_text(query, keys), params).single(strict=True)
    return [dict(zip(keys, values if _SCALARS.issuperset(map(type, values)) else map(to_plain, values),
                     strict=True))
            for values in record[0]]


def _check_plan(tx: ManagedTransaction, query: str, params: dict[str, Any]) -> None:
    """Plan the query (`EXPLAIN` executes nothing) and refuse it unless the plan is read-only."""
    summary = tx.run(explain_text(query), params).consume()
    check_plan(summary.plan, summary.query_type)


def run_cypher(
    driver: Driver,
    query: str,
    params: dict[str, Any] | None = None,
    *,
    write: bool = False,
    database: str | None = None,
    guard: bool = True,
    collected: bool = False,
) -> list[dict[str, Any]]:
    """Run `query` with `params` and return the rows.

    Unless `write`: in a read transaction, after `kg.neo4j.guard` passed its text and its plan (else
    `CypherRefused`, and nothing ran). `guard=False` is for kg's own query texts (the named queries'
    `.cypher` files, the entity look-up), which are code, not user input: they still run in a read
    transaction, so the server refuses any write, but skip the text check and the `EXPLAIN` round trip
    (most of a small answer's time: at a million relations, investors 35 -> 16 ms, alumni 36 -> 9 ms).
    `collected` (kg's own texts only) has the server send all the rows in one record, which the driver
    reads in a fraction of the time it takes for a record per row (`kg.neo4j.collected`).
    """
    params = params or {}
    if not write and guard:
        check_text(query)
    try:
        if not write and guard:
            # A session of its own, without notifications: the server's warnings about the query
            # (an unknown label, say) come once, from the run below, not twice.
            with driver.session(database=database, notifications_min_severity="OFF") as session:
                session.execute_read(_check_plan, query, params)
        read_rows = _collect_one if collected else _collect
        with driver.session(database=database) as session:
            if write:
                return session.execute_write(read_rows, query, params)
            return session.execute_read(read_rows, query, params)
    except DriverNeo4jError as exc:
        hint = ""
        if not write and exc.code and "AccessMode" in exc.code:
            hint = " (this query writes: add --write to allow it)"
        raise Neo4jError(server_error_message(exc, database) + hint) from None
