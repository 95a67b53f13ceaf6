"""`kg query disputes [ENTITY]`: the facts whose articles disagree, one row per value with its sources.

The store keeps each disagreement on the relation as `disputes` (`kg.claims`: a JSON string, so that
Neo4j stores it as it is). Both backends return the disputed relations as raw rows (`raw_disputes`
here, `disputes.cypher` on Neo4j) and the same `table` turns them into the answer, so the rows are the
same by construction.
"""

from __future__ import annotations

import json
from typing import Any

import networkx as nx

Rows = list[dict[str, Any]]


def raw_disputes(graph: nx.MultiDiGraph, id: str | None = None) -> Rows:
    """One row per relation with disputes (touching `id` when given), as `disputes.cypher` returns them."""
    rows: Rows = []
    for source, target, data in graph.edges(data=True):
        if not data.get("disputes") or (id is not None and id not in (source, target)):
            continue
        rows.append({"subject_id": source, "subject": graph.nodes[source].get("name"), "relation": data["type"],
                     "object_id": target, "object": graph.nodes[target].get("name"), "relation_id": data["id"],
                     "round": data.get("round"), "disputes": data["disputes"]})
    return rows


def table(rows: Rows, params: dict[str, Any] | None = None) -> Rows:
    """One row per disputed value: the relation (subject, type, object, round), the key, the value as
    written, the number and ids of the articles stating it; relations in name order, values as stored
    (the most confident first)."""
    out: Rows = []
    for row in sorted(rows, key=lambda r: (str(r["subject"]), r["relation"], str(r["object"]), r["relation_id"])):
        for dispute in json.loads(row["disputes"]):
            for value in dispute["values"]:
                out.append({"subject": row["subject"], "relation": row["relation"], "object": row["object"],
                            "round": row["round"], "key": dispute["key"], "value": value["value"],
                            "articles": len(value["sources"]), "sources": value["sources"],
                            "relation_id": row["relation_id"]})
    return out


def disputes(graph: nx.MultiDiGraph, id: str | None = None) -> Rows:
    """The embedded twin of disputes.cypher (with its `finish`)."""
    return table(raw_disputes(graph, id))
