"""Embedded twins of `investors` and `portfolio`: one row per investment, read with its funding round.

A deal's sum and date are the round's, not the investor's: when a lead's edge carries the round's total,
showing it in the lead's row reads as that investor's cheque, and followers named in a later sentence
carry a vaguer date than the lead. So a row in a named round shows the round's most precise date and
its total (`round_amount`), and `amount` only when the text tied a sum to that investor (the
PARTICIPATED_IN edge of `kg.graph`). A deal with no named round keeps its edge's own values. As of a
date (`kg.queries.asof`), a deal counts from the date shown (else from its first report).
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from kg.queries.asof import holds
from kg.terms import C, R

Rows = list[dict[str, Any]]


def _has(graph: nx.MultiDiGraph, node: str, label: str) -> bool:
    return node in graph and label in graph.nodes[node].get("labels", [])


def _text(value: Any) -> str:
    return "" if value is None else value


def _participations(graph: nx.MultiDiGraph, investor: str) -> dict[str, list[tuple[dict[str, Any], dict[str, Any]]]]:
    """company -> (FundingRound attributes, PARTICIPATED_IN edge) of each round of that company the
    investor took part in, in the order of the investor's edges: read once per investor, not once per
    deal (a fund in thousands of deals has thousands of participations)."""
    out: dict[str, list[tuple[dict[str, Any], dict[str, Any]]]] = {}
    for _s, fr, part in graph.out_edges(investor, data=True):
        if part.get("type") != R.PARTICIPATED_IN or not _has(graph, fr, C.FundingRound):
            continue
        for company in {c for _fr, c, d in graph.out_edges(fr, data=True) if d.get("type") == R.ROUND_OF}:
            out.setdefault(company, []).append((graph.nodes[fr], part))
    return out


def _deal(participations: dict[str, list[tuple[dict[str, Any], dict[str, Any]]]], company: str,
          edge: dict[str, Any]) -> list[dict[str, Any]]:
    """The round-aware columns of one INVESTED_IN edge (the investor's `participations`); one entry per
    matching participation, as Cypher's OPTIONAL MATCH gives them (a single entry of the edge's own
    values when there is none)."""
    matches = []
    for round_node, part in participations.get(company, ()):
        if edge.get("round") is None or round_node.get("round_type") != edge.get("round"):
            continue
        matches.append({"amount": part.get("amount"), "currency": part.get("currency"),
                        "date": round_node.get("date", edge.get("date")), "round_amount": round_node.get("amount"),
                        "round_currency": round_node.get("currency")})
    return matches or [{"amount": edge.get("amount"), "currency": edge.get("currency"), "date": edge.get("date"),
                        "round_amount": None, "round_currency": None}]


def investors(graph: nx.MultiDiGraph, id: str, as_of: str | None = None) -> Rows:
    """investors.cypher: who invested in the company, per round."""
    if not _has(graph, id, C.Organization):
        return []
    rows = []
    participations: dict[str, dict[str, list[tuple[dict[str, Any], dict[str, Any]]]]] = {}
    for source, _t, edge in graph.in_edges(id, data=True):
        if edge.get("type") != R.INVESTED_IN or not _has(graph, source, C.Investor):
            continue
        if source not in participations:
            participations[source] = _participations(graph, source)
        head = {"investor": graph.nodes[source].get("name"), "investor_id": source,
                "state_owned": _has(graph, source, C.StateOwnedFund), "round": edge.get("round")}
        for deal in _deal(participations[source], id, edge):
            if not holds(graph, edge, as_of, deal["date"]):
                continue
            rows.append({**head, "amount": deal["amount"], "currency": deal["currency"], "date": deal["date"],
                         "role": edge.get("role"), "round_amount": deal["round_amount"],
                         "round_currency": deal["round_currency"]})
    return sorted(rows, key=lambda r: (_text(r["date"]), r["investor"], r["investor_id"], _text(r["round"])))


def portfolio(graph: nx.MultiDiGraph, id: str, as_of: str | None = None) -> Rows:
    """portfolio.cypher: the companies an investor put money into, per round."""
    if not _has(graph, id, C.Organization):
        return []
    rows = []
    participations = _participations(graph, id)
    for _s, target, edge in graph.out_edges(id, data=True):
        if edge.get("type") != R.INVESTED_IN or not _has(graph, target, C.Organization):
            continue
        for deal in _deal(participations, target, edge):
            if not holds(graph, edge, as_of, deal["date"]):
                continue
            rows.append({"company": graph.nodes[target].get("name"), "company_id": target, "round": edge.get("round"),
                         "amount": deal["amount"], "currency": deal["currency"], "date": deal["date"],
                         "role": edge.get("role"), "round_amount": deal["round_amount"],
                         "round_currency": deal["round_currency"]})
    return sorted(rows, key=lambda r: (_text(r["date"]), r["company"], r["company_id"], _text(r["round"])))
