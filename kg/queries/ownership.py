"""Ownership look-through: from an organisation up OWNED_BY and CONTROLLED_BY to its ultimate owners.

"Whose money is it in the end" is the question state-capital news raises (a district fund owned by a
city platform owned by a municipal SASAC), and a fund's name does not answer it. Each chain is a path
of distinct organisations ending at one that nobody further up owns, or at a person (a founder who owns
or controls the company: a private owner, never state); its share is the product of the
stated shares along it (unknown when any step states none), and an owner's total is the sum over the
chains that reach it, with the chains of unknown share counted apart so a partial answer never looks
whole.

Both backends find the paths (`raw_paths` here, `ownership.cypher` on Neo4j, with the same rule for
where a chain ends) and the same `chains` does the arithmetic, so the rows agree to the last digit.
As of a date (`kg.queries.asof`), only the edges in force then are followed: a stake sold before it (a
`valid_to`) or taken after it is not a step, and a chain ends where no edge in force leads further up.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import networkx as nx

from kg.queries.asof import holds

Rows = list[dict[str, Any]]
OWNERSHIP_TYPES = ("OWNED_BY", "CONTROLLED_BY")
MAX_HOPS = 10  # the `*1..10` bound written in ownership.cypher
#: What may own or control an organisation: another organisation or a person (`owner:Organization|Person`).
OWNER_LABELS = frozenset({"Organization", "Person"})


def _owners(graph: nx.MultiDiGraph, node: str, as_of: str | None = None) -> dict[str, float | None]:
    """The organisations and people `node` is owned or controlled by (at `as_of`, when given), each with
    the largest stated share of its edges (an article's OWNED_BY and another's CONTROLLED_BY between one
    pair are one step). A person owns nothing further up, so a chain ends there."""
    out: dict[str, float | None] = {}
    for _s, target, data in graph.out_edges(node, data=True):
        if data.get("type") not in OWNERSHIP_TYPES or not OWNER_LABELS & set(graph.nodes[target].get("labels", [])):
            continue
        if not holds(graph, data, as_of):
            continue
        share = data.get("share")
        known = [s for s in (out.get(target), share) if isinstance(s, int | float)]
        out[target] = max(known) if known else None
    return out


def raw_paths(graph: nx.MultiDiGraph, id: str, as_of: str | None = None) -> Rows:
    """Every chain from `id` up to an ultimate owner (along edges in force at `as_of`, when given), as
    `ownership.cypher` returns it: ids, names and shares along the path, and the owner's level, region
    and labels."""
    if id not in graph or "Organization" not in graph.nodes[id].get("labels", []):
        return []
    rows: Rows = []

    def walk(path: list[str], shares: list[float | None]) -> None:
        owners = _owners(graph, path[-1], as_of)
        onward = {o: s for o, s in owners.items() if o not in path}
        if not onward and len(path) > 1:
            owner = graph.nodes[path[-1]]
            rows.append({"ids": list(path), "names": [graph.nodes[n].get("name") for n in path],
                         "shares": list(shares), "gov_level": owner.get("gov_level"),
                         "region": owner.get("region"), "labels": list(owner.get("labels", []))})
        if len(path) > MAX_HOPS:
            return
        for owner_id, share in onward.items():
            if len(path) <= MAX_HOPS:
                walk([*path, owner_id], [*shares, share])

    walk([id], [])
    return [r for r in rows if len(r["ids"]) - 1 <= MAX_HOPS]


def _pct(share: float | None) -> str:
    return "?" if share is None else f"{round(share * 100, 4):g}%"


def _product(shares: list[float | None]) -> float | None:
    total = 1.0
    for share in shares:
        if share is None:
            return None
        total *= share
    return round(total, 6)


def chains(rows: Rows, params: dict[str, Any] | None = None) -> Rows:
    """One row per chain, its owner's totals alongside; largest owners first.

    Paths that differ only in which parallel edge they took (Neo4j walks each) are one chain, with the
    largest share stated for each step."""
    merged: dict[tuple[str, ...], dict[str, Any]] = {}
    for row in rows:
        key = tuple(row["ids"])
        if key not in merged:
            merged[key] = {**row, "shares": list(row["shares"])}
            continue
        kept = merged[key]["shares"]
        for i, share in enumerate(row["shares"]):
            known = [s for s in (kept[i], share) if isinstance(s, int | float)]
            kept[i] = max(known) if known else None
    totals: dict[str, float] = defaultdict(float)
    unknown: dict[str, int] = defaultdict(int)
    for key, row in merged.items():
        share = _product(row["shares"])
        row["share"] = share
        if share is None:
            unknown[key[-1]] += 1
        else:
            totals[key[-1]] += share
    out: Rows = []
    for key, row in merged.items():
        owner = key[-1]
        steps = [str(row["names"][0])]
        for name, share in zip(row["names"][1:], row["shares"], strict=True):
            steps.append(f"-[{_pct(share)}]-> {name}")
        out.append({
            "owner": row["names"][-1], "owner_id": owner,
            "state": "GovernmentBody" in row["labels"] or "StateOwnedFund" in row["labels"],
            "gov_level": row["gov_level"], "region": row["region"],
            "chain": " ".join(steps), "hops": len(key) - 1, "share": row["share"],
            "owner_total": round(totals[owner], 6) if owner in totals else None,
            "unknown_chains": unknown[owner],
        })
    out.sort(key=lambda r: (-(r["owner_total"] or 0.0), str(r["owner"]), r["owner_id"],
                            r["share"] is None, -(r["share"] or 0.0), r["chain"]))
    return out


def ownership(graph: nx.MultiDiGraph, id: str, as_of: str | None = None) -> Rows:
    """The embedded twin of ownership.cypher (with its `finish`)."""
    return chains(raw_paths(graph, id, as_of))
