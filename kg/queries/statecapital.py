"""State capital: the companies state money went into, per fund, with whose money it is in the end.

A fund counts as state capital when it is a StateOwnedFund or when its ownership chains (OWNED_BY,
CONTROLLED_BY, `kg.queries.ownership`) end at a state owner, a GovernmentBody or StateOwnedFund: a
district fund a city platform owns is state money whatever its name says (the look-through). Its level
of government (`gov_levels`) is that of the state owners at the top of its chains (a district fund owned
by a municipal SASAC is municipal money), else its own `gov_level`; `--level` keeps the funds of one
level (central is the ontology's national). `--region` is the fund's own region, as stored.

Both backends find the same raw rows (`raw_state_capital` here, `state-capital.cypher` on Neo4j: one
row per investment and chain above its fund, the chain's top owner only; Neo4j sends them grouped per
fund and chain, `neo4j_table` ungroups them) and the same `table` turns them into the answer. As of a
date, the investments made by then and the chains in force then (`kg.queries.asof`).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import networkx as nx

from kg.queries.asof import holds
from kg.queries.ownership import OWNERSHIP_TYPES, raw_paths
from kg.terms import C, R

Rows = list[dict[str, Any]]
STATE_LABELS = (C.GovernmentBody, C.StateOwnedFund)
#: `--level` values: the ontology's gov_level, with central for national (中央).
LEVELS = ("central", "national", "provincial", "municipal", "district")


def ontology_level(level: str | None) -> str | None:
    """The ontology's gov_level for a `--level` value (central is national)."""
    return "national" if level == "central" else level


def _candidates(graph: nx.MultiDiGraph) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """(fund, company, edge) of each investment by a StateOwnedFund or by an organisation something
    owns or controls, into an organisation. Whether a fund is owned is read once per fund (a fund in
    thousands of deals has thousands of edges to look through)."""
    owned: dict[str, bool] = {}
    for source, target, data in graph.edges(data=True):
        if data.get("type") != R.INVESTED_IN:
            continue
        labels = graph.nodes[source].get("labels", [])
        if C.Organization not in labels or C.Organization not in graph.nodes[target].get("labels", []):
            continue
        if source not in owned:
            owned[source] = any(d.get("type") in OWNERSHIP_TYPES and C.Organization in graph.nodes[t].get("labels", [])
                                for _s, t, d in graph.out_edges(source, data=True))
        if C.StateOwnedFund in labels or owned[source]:
            yield source, target, data


def raw_state_capital(graph: nx.MultiDiGraph, region: str | None = None, as_of: str | None = None) -> Rows:
    """The rows of state-capital.cypher: one per candidate investment and chain above its fund (the
    chain's top owner, None without one)."""
    rows: Rows = []
    chains: dict[str, list[dict[str, Any] | None]] = {}  # a fund's chains, walked once for all its investments
    for fund, company, data in _candidates(graph):
        node = graph.nodes[fund]
        if region is not None and node.get("region") != region:
            continue
        if not holds(graph, data, as_of):
            continue
        base = {"company": graph.nodes[company].get("name"), "company_id": company, "fund": node.get("name"),
                "fund_id": fund, "region": node.get("region"), "fund_labels": list(node.get("labels", [])),
                "fund_level": node.get("gov_level"), "relation_id": data.get("id"), "round": data.get("round"),
                "amount": data.get("amount"), "currency": data.get("currency"), "date": data.get("date")}
        if fund not in chains:
            chains[fund] = list(raw_paths(graph, fund, as_of)) or [None]
        for path in chains[fund]:
            owner = None if path is None else {"id": path["ids"][-1], "name": path["names"][-1],
                                               "gov_level": path["gov_level"], "labels": path["labels"]}
            rows.append({**base, "owner": owner})
    return rows


#: The items of each investment in the rows of state-capital.cypher (`investments`), in order.
INVESTMENT_KEYS = ("company", "company_id", "relation_id", "round", "amount", "currency", "date")
_FUND_KEYS = ("fund", "fund_id", "region", "fund_labels", "fund_level", "owner")


def neo4j_table(rows: Rows, params: dict[str, Any] | None = None) -> Rows:
    """`table` of state-capital.cypher's rows (one per fund and chain, its investments as lists), worked
    out once per fund rather than once per investment and chain (a region's funds have 57,000
    investments at a million relations): a fund's investments share its chains, so they share its state
    owners and levels. Rows come out in `table`'s order, ties in the order of (company, fund, relation)
    ids, as `table` gives them for the rows made one per investment and chain (`INVESTMENT_KEYS` is the
    order of an investment's items)."""
    level = (params or {}).get("level")
    funds: dict[Any, list[dict[str, Any]]] = {}
    for row in rows:
        funds.setdefault(row["fund_id"], []).append(row)
    keyed: list[tuple[tuple[Any, ...], dict[str, Any]]] = []
    for chains in funds.values():
        first = chains[0]
        state = {o["id"]: o for o in (row["owner"] for row in chains)
                 if o is not None and not set(STATE_LABELS).isdisjoint(o["labels"])}
        levels = _levels(state, first)
        if levels is None or (level is not None and level not in levels):
            continue
        owners = sorted(str(o["name"]) for o in state.values())
        seen: set[Any] = set()
        fund, fund_id, region = first["fund"], first["fund_id"], first["region"]
        fund_text = str(fund)
        # every chain's row holds the fund's investments (which do not depend on the chain), twice over
        # when two chains end at one owner (rows are grouped by fund and top owner): the first row's, once
        for company, company_id, relation_id, round_, amount, currency, date in first["investments"]:
            if relation_id in seen:
                continue
            seen.add(relation_id)
            out = {"company": company, "company_id": company_id, "fund": fund, "fund_id": fund_id,
                   "region": region, "gov_levels": levels[:], "state_owners": owners[:], "round": round_,
                   "amount": amount, "currency": currency, "date": date}
            # `_order(out)`, spelled out: this loop runs once per row of the answer
            key = (str(company), company_id, fund_text, fund_id, "" if round_ is None else str(round_),
                   str(relation_id))
            keyed.append((key, out))
    keyed.sort(key=lambda pair: pair[0])
    return [out for _key, out in keyed]


def _levels(state: dict[str, dict[str, Any]], fund: dict[str, Any]) -> list[str] | None:
    """The levels of government of a fund's state owners (else the fund's own), None when the fund is
    not state capital (no state owner, and not a StateOwnedFund itself)."""
    if not state and C.StateOwnedFund not in fund["fund_labels"]:
        return None
    if not state and fund["fund_level"]:
        return [str(fund["fund_level"])]
    return sorted({str(o["gov_level"]) for o in state.values() if o["gov_level"]})


def table(rows: Rows, params: dict[str, Any] | None = None) -> Rows:
    """One row per state investment: the fund's state owners at the top of its chains and their levels
    (else the fund's own level), kept when the fund is state capital and of `level` (when given)."""
    level = (params or {}).get("level")
    by_relation: dict[Any, dict[str, Any]] = {}
    owners: dict[Any, dict[str, dict[str, Any]]] = {}
    for row in rows:
        key = row["relation_id"]
        by_relation.setdefault(key, row)
        owner = row["owner"]
        if owner is not None and set(STATE_LABELS) & set(owner["labels"]):
            owners.setdefault(key, {})[owner["id"]] = owner
    out: Rows = []
    for key, row in by_relation.items():
        state = owners.get(key, {})
        levels = _levels(state, row)
        if levels is None or (level is not None and level not in levels):
            continue
        out.append({"company": row["company"], "company_id": row["company_id"], "fund": row["fund"],
                    "fund_id": row["fund_id"], "region": row["region"], "gov_levels": levels,
                    "state_owners": sorted(str(o["name"]) for o in state.values()), "round": row["round"],
                    "amount": row["amount"], "currency": row["currency"], "date": row["date"]})
    return ordered(out)


def _order(row: dict[str, Any]) -> tuple[Any, ...]:
    return (str(row["company"]), row["company_id"], str(row["fund"]), row["fund_id"],
            "" if row["round"] is None else str(row["round"]))


def ordered(rows: Rows) -> Rows:
    """The answer's order: by company, fund and round (names, then ids)."""
    rows.sort(key=_order)
    return rows


def state_capital(graph: nx.MultiDiGraph, region: str | None = None, level: str | None = None,
                  as_of: str | None = None) -> Rows:
    """The embedded twin of state-capital.cypher (with its `finish`)."""
    return table(raw_state_capital(graph, region, as_of), {"level": level})
