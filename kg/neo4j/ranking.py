"""The central-investors ranking kept in Neo4j by `kg load`, and used by `kg query` only while the database
provably holds what that load left.

Why: Neo4j Community has no graph algorithms, so `central-investors` on Neo4j sends every investor's deals
and ranks them in Python (betweenness over a network of 1.2 million edges at a million relations: 10 s
here, most of it igraph). The ranking depends only on the graph, which `kg load` has in hand: the load
ranks it once (`kg.queries.centrality.ranking_of_deals`, the very code the query's `finish` runs, on the
rows central-investors.cypher would return for that graph) and writes the whole ranking as JSON on one
node, `(:KgQueryCache {name: "central-investors"})`. `KgQueryCache` is kg's own label, outside the
ontology: the loader leaves labels it does not own alone, so the node is never taken for data, and the
named queries never match it.

Never a stale answer: the node carries a *seal*, the database's bookmark right after the transaction
that wrote it (Neo4j hands out a bookmark naming the last committed transaction after any transaction,
a read too; the loader's no-op check already relies on this). A query reads the node and the bookmark in
one read transaction and uses the ranking only when the two are equal: nothing at all was committed
since the load (no data, no schema, nobody else), so the database is exactly what the load made it,
the graph that was ranked. Any later write, by kg or anyone, changes the bookmark, and the query
computes the ranking as before.

A transaction cannot know its own bookmark, so the load predicts it: the bookmark read just before the
write, with its transaction number one higher (`next_bookmark`). The prediction is checked right after
the commit against the bookmark the server returns; when they differ (another transaction slipped in,
a token was created in a transaction of its own, or the server's bookmarks are not the layout
`next_bookmark` knows) the load tries again, and after three misses deletes the node, so that only a
seal the server itself confirmed is ever stored. A confirmed seal names the cache's own transaction,
so it can equal the database's bookmark only until the next commit; an unconfirmed one named an
earlier transaction, which can never be the latest again.
"""

from __future__ import annotations

import base64
import json
import struct
import time
from typing import Any

import networkx as nx
from neo4j import Driver, ManagedTransaction, Session

from kg.ontology import Ontology
from kg.terms import C, R

#: kg's label for the node that keeps a query's answer; never an ontology class (checked by the tests).
CACHE_LABEL = "KgQueryCache"
CENTRAL_INVESTORS = "central-investors"
_ATTEMPTS = 3

# A Neo4j 5 bookmark: "FB:" and, in base64, PackStream bytes: a one-item list marker, the database's id
# as 16 bytes, the number of its last committed transaction, an empty list (no other database).
_HEAD = bytes([0x91, 0xCC, 0x10])
_TAIL = bytes([0x90])


def _pack_int(value: int) -> bytes:
    """A non-negative integer as PackStream writes it (the smallest encoding)."""
    if value <= 0x7F:
        return bytes([value])
    if value <= 0x7FFF:
        return b"\xc9" + struct.pack(">h", value)
    if value <= 0x7FFF_FFFF:
        return b"\xca" + struct.pack(">i", value)
    return b"\xcb" + struct.pack(">q", value)


def _unpack_int(data: bytes) -> int | None:
    """The non-negative PackStream integer that is all of `data`, else None."""
    if len(data) == 1 and data[0] <= 0x7F:
        return data[0]
    formats = {0xC8: ">b", 0xC9: ">h", 0xCA: ">i", 0xCB: ">q"}
    fmt = formats.get(data[0]) if data else None
    if fmt is None or len(data) != 1 + struct.calcsize(fmt):
        return None
    value: int = struct.unpack(fmt, data[1:])[0]
    return value if value >= 0 else None


def next_bookmark(bookmark: str) -> str | None:
    """The bookmark of the transaction that commits right after the one `bookmark` names, or None when
    `bookmark` is not the one-database layout this knows (then nothing is cached: a wrong guess is
    caught by the load's check, never trusted).

    Examples
    --------
    >>> next_bookmark("FB:kcwQjQf+4xtuT4+O2ZZ79hM0PAiQ")
    'FB:kcwQjQf+4xtuT4+O2ZZ79hM0PAmQ'
    >>> next_bookmark("FB:kcwQjQf+4xtuT4+O2ZZ79hM0PH+Q")  # 127 -> 128 takes two bytes
    'FB:kcwQjQf+4xtuT4+O2ZZ79hM0PMkAgJA='
    >>> next_bookmark("not a bookmark") is None
    True
    """
    if not bookmark.startswith("FB:"):
        return None
    try:
        raw = base64.b64decode(bookmark[3:], validate=True)
    except ValueError:
        return None
    if not (raw.startswith(_HEAD) and raw.endswith(_TAIL) and len(raw) > len(_HEAD) + 16 + len(_TAIL)):
        return None
    start = len(_HEAD) + 16
    number = _unpack_int(raw[start:-len(_TAIL)])
    if number is None:
        return None
    following = raw[:start] + _pack_int(number + 1) + _TAIL
    return "FB:" + base64.b64encode(following).decode("ascii")


def _single_bookmark(session: Session) -> str | None:
    values = sorted(session.last_bookmarks().raw_values)
    return values[0] if len(values) == 1 else None


def _empty_read(tx: ManagedTransaction) -> None:
    tx.run("RETURN 1").consume()


def _read_cache(tx: ManagedTransaction, name: str) -> tuple[str | None, str | None]:
    record = tx.run(f"MATCH (k:{CACHE_LABEL} {{name: $name}}) RETURN k.seal AS seal, k.rows AS rows LIMIT 1",
                    {"name": name}).single()
    return (record["seal"], record["rows"]) if record is not None else (None, None)


def _read_seal(tx: ManagedTransaction, name: str) -> str | None:
    record = tx.run(f"MATCH (k:{CACHE_LABEL} {{name: $name}}) RETURN k.seal AS seal LIMIT 1", {"name": name}).single()
    return record["seal"] if record is not None else None


def _write_cache(tx: ManagedTransaction, name: str, rows: str, seal: str) -> None:
    tx.run(f"MERGE (k:{CACHE_LABEL} {{name: $name}}) SET k.rows = $rows, k.seal = $seal",
           {"name": name, "rows": rows, "seal": seal}).consume()


def _delete_cache(tx: ManagedTransaction, name: str) -> None:
    tx.run(f"MATCH (k:{CACHE_LABEL} {{name: $name}}) DELETE k", {"name": name}).consume()


def deals_rows(graph: nx.MultiDiGraph, ontology: Ontology) -> list[dict[str, Any]]:
    """The rows central-investors.cypher returns (without `--as-of`) from a database holding `graph` as
    `kg load` writes it: per investor with at least one INVESTED_IN edge to an organisation, its id,
    name, whether it is a state-owned fund, and the ids of those organisations (labels as the loader
    gives them: a node's own and their superclasses)."""
    labels: dict[tuple[str, ...], frozenset[str]] = {}

    def labels_of(node: Any) -> frozenset[str]:
        key = tuple(graph.nodes[node]["labels"])
        if key not in labels:
            labels[key] = frozenset(ontology.labels_for(key))
        return labels[key]

    invested = ontology.relation(R.INVESTED_IN).name
    types: dict[str, str] = {}
    deals: dict[Any, list[Any]] = {}
    for source, target, data in graph.edges(data=True):
        rel_type = types.get(data["type"])
        if rel_type is None:
            rel_type = types[data["type"]] = ontology.relation(data["type"]).name
        if rel_type != invested:
            continue
        if C.Investor in labels_of(source) and C.Organization in labels_of(target):
            deals.setdefault(source, []).append(target)
    return [{"investor_id": node, "investor": graph.nodes[node].get("name"),
             "state_owned": C.StateOwnedFund in labels_of(node), "deals": companies}
            for node, companies in deals.items()]


def keep_ranking(session: Session, graph: nx.MultiDiGraph, ontology: Ontology,
                 timings: dict[str, float] | None = None) -> bool:
    """Make the database's central-investors node hold the ranking of `graph`, sealed with the bookmark of
    its own transaction; call it once the database holds exactly `graph` (the end of a load). Returns
    True when the node's seal is confirmed (then `kg query` answers from it), False when none could be
    (then there is no node). `timings` receives the seconds spent ranking and writing."""
    start = time.perf_counter()
    seal = session.execute_read(_read_seal, CENTRAL_INVESTORS)
    if seal is not None and seal == _single_bookmark(session):
        # sealed and nothing committed since: the load wrote nothing, so the graph is the one ranked
        return True
    from kg.queries.centrality import ranking_of_deals

    rows = json.dumps(ranking_of_deals(deals_rows(graph, ontology), top=2**62), ensure_ascii=False)
    ranked = time.perf_counter()
    try:
        for _ in range(_ATTEMPTS):
            session.execute_read(_empty_read)
            before = _single_bookmark(session)
            seal = next_bookmark(before) if before is not None else None
            if seal is None:
                break
            session.execute_write(_write_cache, CENTRAL_INVESTORS, rows, seal)
            if _single_bookmark(session) == seal:
                return True
        session.execute_write(_delete_cache, CENTRAL_INVESTORS)
        return False
    finally:
        if timings is not None:
            timings["rank"] = ranked - start
            timings["write"] = time.perf_counter() - ranked


def cached_rows(driver: Driver, name: str, database: str | None = None) -> list[dict[str, Any]] | None:
    """The whole answer `kg load` kept for query `name`, when its seal is the database's bookmark (nothing
    committed since that load), else None. One read transaction: the bookmark the server returns after
    it names the latest commit, which is at or after what the read saw, so equality proves both."""
    with driver.session(database=database, notifications_min_severity="OFF") as session:
        seal, rows = session.execute_read(_read_cache, name)
        if seal is None or rows is None or seal != _single_bookmark(session):
            return None
    answer: list[dict[str, Any]] = json.loads(rows)
    return answer
