"""`kg query disputes [ENTITY]`: the facts whose articles disagree, one row per value with its sources.

The store keeps each disagreement on the relation as `disputes` (`kg.claims`: a JSON string, so that
Neo4j stores it as it is). Both backends return the disputed relations as raw rows (`raw_disputes`
here, `disputes.cypher` on Neo4j) and the same `table` turns them into the answer, so the rows are the
same by construction.

As of a date (`kg.queries.asof`), the disputed facts in force then, each value with the articles
published by then that state it: a value counts from its first report, as an undated fact does, so a
correction published later is not there yet, and a dispute left with one value is none. The raw rows
carry the publication day of every article of the relations between the two ends (a title dispute's
other values come from the person's other positions there).
"""

from __future__ import annotations

import json
from typing import Any

import networkx as nx

from kg.graph import ARTICLE_PREFIX
from kg.queries.asof import holds

Rows = list[dict[str, Any]]


def _published(graph: nx.MultiDiGraph, source: str, target: str, rel_type: str) -> list[list[str]]:
    """[article, publication day] of each dated article of the `rel_type` edges from source to target."""
    articles = {s for d in graph.get_edge_data(source, target, default={}).values() if d.get("type") == rel_type
                for s in d.get("sources") or ()}
    days = {(s, graph.nodes[ARTICLE_PREFIX + s].get("published")) for s in articles if ARTICLE_PREFIX + s in graph}
    return [[s, str(day)] for s, day in sorted(days) if day is not None]


def raw_disputes(graph: nx.MultiDiGraph, id: str | None = None, as_of: str | None = None) -> Rows:
    """One row per relation with disputes (touching `id` when given; in force at `as_of`, when given:
    `kg.queries.asof`), as `disputes.cypher` returns them."""
    rows: Rows = []
    for source, target, data in graph.edges(data=True):
        if not data.get("disputes") or (id is not None and id not in (source, target)):
            continue
        if not holds(graph, data, as_of):
            continue
        rows.append({"subject_id": source, "subject": graph.nodes[source].get("name"), "relation": data["type"],
                     "object_id": target, "object": graph.nodes[target].get("name"), "relation_id": data["id"],
                     "round": data.get("round"), "disputes": data["disputes"],
                     "published": [] if as_of is None else _published(graph, source, target, data["type"])})
    return rows


def _as_of(disputed: list[dict[str, Any]], published: dict[str, str], as_of: str | None) -> list[dict[str, Any]]:
    """The disputes as they stood at `as_of`: each value with its articles published by then, the values
    no such article states left out, and a dispute with one value left no dispute."""
    if as_of is None:
        return disputed
    out = []
    for dispute in disputed:
        values = []
        for value in dispute["values"]:
            seen = [s for s in value["sources"] if published.get(s, as_of + "~") <= as_of]
            if seen:
                values.append({**value, "sources": seen})
        if len(values) > 1:
            out.append({**dispute, "values": values})
    return out


def table(rows: Rows, params: dict[str, Any] | None = None) -> Rows:
    """One row per disputed value: the relation (subject, type, object, round), the key, the value as
    written, the number and ids of the articles stating it; relations in name order, values as stored
    (the most confident first)."""
    as_of = (params or {}).get("as_of")
    out: Rows = []
    for row in sorted(rows, key=lambda r: (str(r["subject"]), r["relation"], str(r["object"]), r["relation_id"])):
        published = {str(s): str(day) for s, day in row.get("published") or ()}
        for dispute in _as_of(json.loads(row["disputes"]), published, as_of):
            for value in dispute["values"]:
                out.append({"subject": row["subject"], "relation": row["relation"], "object": row["object"],
                            "round": row["round"], "key": dispute["key"], "value": value["value"],
                            "articles": len(value["sources"]), "sources": value["sources"],
                            "relation_id": row["relation_id"]})
    return out


def disputes(graph: nx.MultiDiGraph, id: str | None = None, as_of: str | None = None) -> Rows:
    """The embedded twin of disputes.cypher (with its `finish`)."""
    return table(raw_disputes(graph, id, as_of), {"as_of": as_of})
