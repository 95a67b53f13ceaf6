"""The embedded twins of the named Cypher queries: the same rows, computed on the networkx view.

Each function mirrors the `.cypher` file of the same name (same columns, same order), so a laptop
without a server gets the answers Neo4j would give.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import networkx as nx


def _labels(graph: nx.MultiDiGraph, node: str) -> set[str]:
    return set(graph.nodes[node].get("labels", []))


def _invested(graph: nx.MultiDiGraph) -> Iterator[tuple[str, str, dict[str, Any]]]:
    for source, target, data in graph.edges(data=True):
        if data.get("type") == "INVESTED_IN":
            yield source, target, data


def investors(graph: nx.MultiDiGraph, id: str) -> list[dict[str, Any]]:
    rows = []
    for source, target, data in _invested(graph):
        if target != id or "Investor" not in _labels(graph, source):
            continue
        rows.append({
            "investor": graph.nodes[source]["name"], "investor_id": source,
            "state_owned": "StateOwnedFund" in _labels(graph, source),
            "round": data.get("round"), "amount": data.get("amount"), "currency": data.get("currency"),
            "date": data.get("date"), "role": data.get("role"),
        })
    return sorted(rows, key=lambda r: (r["date"] or "", r["investor"], r["round"] or ""))


def portfolio(graph: nx.MultiDiGraph, id: str) -> list[dict[str, Any]]:
    rows = []
    for source, target, data in _invested(graph):
        if source != id:
            continue
        rows.append({
            "company": graph.nodes[target]["name"], "company_id": target, "round": data.get("round"),
            "amount": data.get("amount"), "currency": data.get("currency"), "date": data.get("date"),
            "role": data.get("role"),
        })
    return sorted(rows, key=lambda r: (r["date"] or "", r["company"], r["round"] or ""))


def co_investors(graph: nx.MultiDiGraph, id: str) -> list[dict[str, Any]]:
    portfolio_ids = {target for source, target, _ in _invested(graph) if source == id}
    deals = portfolio_ids or {id}
    shared: dict[str, set[str]] = {}
    for source, target, _ in _invested(graph):
        if target in deals and source != id and "Investor" in _labels(graph, source):
            shared.setdefault(source, set()).add(target)
    rows = []
    for other, companies in shared.items():
        names = sorted(graph.nodes[c]["name"] for c in companies)
        rows.append({"investor": graph.nodes[other]["name"], "investor_id": other,
                     "shared_deals": len(names), "companies": names})
    return sorted(rows, key=lambda r: (-r["shared_deals"], r["investor"]))


def state_capital(graph: nx.MultiDiGraph, region: str | None = None) -> list[dict[str, Any]]:
    rows = []
    for source, target, data in _invested(graph):
        fund = graph.nodes[source]
        if "StateOwnedFund" not in _labels(graph, source) or "Organization" not in _labels(graph, target):
            continue
        if region is not None and fund.get("region") != region:
            continue
        rows.append({
            "company": graph.nodes[target]["name"], "company_id": target, "fund": fund["name"],
            "fund_id": source, "region": fund.get("region"), "round": data.get("round"),
            "amount": data.get("amount"), "currency": data.get("currency"), "date": data.get("date"),
        })
    return sorted(rows, key=lambda r: (r["company"], r["fund"], r["round"] or ""))
