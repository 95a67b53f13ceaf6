"""State exposure: each investor in a company with the owners at the top of its ownership chains.

A round "led by a district fund" is state money only if the fund's chains end at a government body;
this query puts that answer beside each investor (owner, level of government, region, the share of the
investor that owner holds through all its chains), so a company's state capital is read from the
ownership graph rather than guessed from names. An investor nobody is known to own is its own top
owner (state when it is a StateOwnedFund or a GovernmentBody); a person at the top of a chain (a founder
who owns or controls the investor) is a private owner, never state.

Money in USD (`kg.money_usd`): `amount_usd` is what the investor itself put in, when the text ties a
sum to it (the rule of `kg.graph`: "其中A出资30亿元", or the round's only investor not named its lead);
`state_usd` is the part of that held by a state top owner (amount x share; None when either is
unknown); `rounds_usd` is the known money of the company's rounds (each round's total, else the sum of
its investors' own sums) and `state_share` the known state money's share of it, the same on every row,
with `state_share_bound` saying what it is: "exact", or "at least" when some state money is not known (a
state investor's own sum or the share its state owner holds unknown, or an owner's share summed over its
chains of known share only): a lower bound, the unknown part never guessed. Both are None when no money
of the rounds is known.

As with `ownership`, both backends find the same raw rows (`raw_exposure` here, `state-exposure.cypher`
on Neo4j) and the same `exposure` turns them into the answer.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

import networkx as nx

from kg.graph import OWN_AMOUNT_METHOD
from kg.queries.asof import holds
from kg.queries.ownership import chains, raw_paths

Rows = list[dict[str, Any]]
_STATE = ("GovernmentBody", "StateOwnedFund")


def raw_exposure(graph: nx.MultiDiGraph, id: str, as_of: str | None = None) -> Rows:
    """One row per investment into `id` and chain above its investor (path fields None without one),
    as `state-exposure.cypher` returns them; as of a date, the investments made by then and the chains
    in force then (`kg.queries.asof`)."""
    if id not in graph:
        return []
    rows: Rows = []
    for investor, _c, data in graph.in_edges(id, data=True):
        if data.get("type") != "INVESTED_IN" or "Organization" not in graph.nodes[investor].get("labels", []):
            continue
        if not holds(graph, data, as_of):
            continue
        node = graph.nodes[investor]
        base = {"investor_id": investor, "investor": node.get("name"), "investor_labels": list(node.get("labels", [])),
                "investor_level": node.get("gov_level"), "investor_region": node.get("region"),
                "round": data.get("round"), "amount_usd": data.get("amount_usd"),
                "method": list(data.get("method") or []), "role": data.get("role")}
        paths: Sequence[dict[str, Any] | None] = raw_paths(graph, investor, as_of)
        for path in paths or [None]:
            rows.append({**base, "path": path})
    return rows


def exposure(rows: Rows, params: dict[str, Any] | None = None) -> Rows:
    """One row per investor and top owner: rounds, the owner's level and region, whether it is state,
    and the share of the investor it holds (None when every chain to it has a step of unknown share)."""
    by_investor: dict[str, dict[str, Any]] = {}
    rounds: dict[str, set[str]] = defaultdict(set)
    paths: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        investor = row["investor_id"]
        by_investor.setdefault(investor, row)
        if row["round"] is not None:
            rounds[investor].add(str(row["round"]))
        if row["path"] is not None:
            paths[investor].append(row["path"])
    out: Rows = []
    for investor, row in by_investor.items():
        base = {"investor": row["investor"], "investor_id": investor, "rounds": sorted(rounds[investor])}
        owners: dict[str, dict[str, Any]] = {}
        for chain in chains(paths[investor]):
            owners.setdefault(chain["owner_id"], chain)
        if not owners:
            out.append({**base, "owner": row["investor"], "owner_id": investor,
                        "state": bool(set(_STATE) & set(row["investor_labels"])),
                        "gov_level": row["investor_level"], "region": row["investor_region"],
                        "share": 1.0, "unknown_chains": 0})
            continue
        for owner_id, chain in owners.items():
            out.append({**base, "owner": chain["owner"], "owner_id": owner_id, "state": chain["state"],
                        "gov_level": chain["gov_level"], "region": chain["region"],
                        "share": chain["owner_total"], "unknown_chains": chain["unknown_chains"]})
    out.sort(key=lambda r: (str(r["investor"]), r["investor_id"], -(r["share"] or 0.0), str(r["owner"]),
                            r["owner_id"]))
    return _with_usd(out, rows)


def _own_usd(rows: Rows) -> tuple[dict[str, float], float | None]:
    """(investor -> its own known money in USD, the known money of the company's rounds in USD)."""
    investments = {(r["investor_id"], r["round"]): r for r in rows}
    per_round: dict[Any, list[dict[str, Any]]] = defaultdict(list)
    for (_investor, round_name), row in sorted(investments.items(), key=lambda kv: (kv[0][0], str(kv[0][1]))):
        per_round[round_name].append(row)
    own: dict[str, float] = defaultdict(float)
    known: float | None = None
    for round_rows in per_round.values():
        owned = [r for r in round_rows if r["amount_usd"] is not None and (
            OWN_AMOUNT_METHOD in (r["method"] or [])
            or (len(round_rows) == 1 and r["role"] in (None, "sole", "strategic")))]
        for r in owned:
            own[r["investor_id"]] += float(r["amount_usd"])
        totals = [float(r["amount_usd"]) for r in round_rows if r["amount_usd"] is not None and r not in owned]
        total = max(totals) if totals else sum(float(r["amount_usd"]) for r in owned) if owned else None
        if total is not None:
            known = (known or 0.0) + total
    return dict(own), known


def _with_usd(out: Rows, rows: Rows) -> Rows:
    """The money columns (see the module docstring) added to each answer row."""
    own, known = _own_usd(rows)
    for row in out:
        amount = own.get(row["investor_id"])
        row["amount_usd"] = None if amount is None else round(amount)
        if amount is None or (row["state"] and row["share"] is None):
            row["state_usd"] = None
        else:
            row["state_usd"] = round(amount * row["share"]) if row["state"] else 0
    state_rows = [r for r in out if r["state"]]
    # the state money not known: a state owner's part of an investor's sum nobody states, or of a share
    # that is a floor (the owner's chains of unknown share left out of its total)
    partial = any(r["state_usd"] is None or r["unknown_chains"] for r in state_rows)
    state = sum(r["state_usd"] or 0 for r in state_rows)
    share = None if not known else round(min(state / known, 1.0), 4)
    for row in out:
        row["rounds_usd"] = None if known is None else round(known)
        row["state_share"] = share
        row["state_share_bound"] = None if share is None else "at least" if partial else "exact"
    return out


def state_exposure(graph: nx.MultiDiGraph, id: str, as_of: str | None = None) -> Rows:
    """The embedded twin of state-exposure.cypher (with its `finish`)."""
    return exposure(raw_exposure(graph, id, as_of))
