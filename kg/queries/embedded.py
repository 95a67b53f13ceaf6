"""The embedded twins of the named Cypher queries: the same rows, computed on the networkx view.

Each function mirrors the `.cypher` file of the same name: same columns, same rows, same order (every
ORDER BY ends on ids, so ties are broken the same way on both sides), so a laptop without a server gets
the answers Neo4j would give. The parity tests run both on one graph and compare. Where Cypher
sorts with `coalesce(x, '')`, the twin sorts with `x or ""`; where Cypher compares strings, both sides
order by code point.

Parameters are the `.cypher` file's parameters, already resolved to ids by `kg.queries`.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

import networkx as nx

from kg.model import PERIOD_TYPES
from kg.queries import financials
from kg.queries.asof import holds
from kg.spinoffs import LINEAGE_TYPES
from kg.terms import C, R

FACT_TIES = (R.LEFT, R.HOLDS_POSITION, R.FOUNDED)
MAX_HOPS_LIMIT = 15  # the `*..15` bound written in path.cypher
MAX_DEPTH_LIMIT = 10  # the `*1..10` bound written in lineage.cypher


def _labels(graph: nx.MultiDiGraph, node: str) -> set[str]:
    return set(graph.nodes[node].get("labels", []))


def _has(graph: nx.MultiDiGraph, node: str | None, label: str) -> bool:
    return node is not None and node in graph and label in _labels(graph, node)


def _name(graph: nx.MultiDiGraph, node: str) -> Any:
    return graph.nodes[node].get("name")


def _edges_of_type(graph: nx.MultiDiGraph, rel_type: str) -> Iterator[tuple[str, str, dict[str, Any]]]:
    for source, target, data in graph.edges(data=True):
        if data.get("type") == rel_type:
            yield source, target, data


def _out(graph: nx.MultiDiGraph, node: str, *types: str) -> Iterator[tuple[str, str, dict[str, Any]]]:
    for _s, target, data in graph.out_edges(node, data=True):
        if data.get("type") in types:
            yield node, target, data


def _in(graph: nx.MultiDiGraph, node: str, *types: str) -> Iterator[tuple[str, str, dict[str, Any]]]:
    for source, _t, data in graph.in_edges(node, data=True):
        if data.get("type") in types:
            yield source, node, data


def _text(value: Any) -> str:
    """`coalesce(x, '')` as a sort key."""
    return "" if value is None else value


# -- investors, portfolio, co-investors, state capital ---------------------------------------------


def investors(graph: nx.MultiDiGraph, id: str) -> list[dict[str, Any]]:
    if not _has(graph, id, C.Organization):
        return []
    rows = []
    for source, _target, data in _in(graph, id, R.INVESTED_IN):
        if not _has(graph, source, C.Investor):
            continue
        rows.append({
            "investor": _name(graph, source), "investor_id": source,
            "state_owned": _has(graph, source, C.StateOwnedFund),
            "round": data.get("round"), "amount": data.get("amount"), "currency": data.get("currency"),
            "date": data.get("date"), "role": data.get("role"),
        })
    return sorted(rows, key=lambda r: (_text(r["date"]), r["investor"], r["investor_id"], _text(r["round"])))


def portfolio(graph: nx.MultiDiGraph, id: str) -> list[dict[str, Any]]:
    if not _has(graph, id, C.Organization):
        return []
    rows = []
    for _source, target, data in _out(graph, id, R.INVESTED_IN):
        if not _has(graph, target, C.Organization):
            continue
        rows.append({
            "company": _name(graph, target), "company_id": target, "round": data.get("round"),
            "amount": data.get("amount"), "currency": data.get("currency"), "date": data.get("date"),
            "role": data.get("role"),
        })
    return sorted(rows, key=lambda r: (_text(r["date"]), r["company"], r["company_id"], _text(r["round"])))


def co_investors(graph: nx.MultiDiGraph, id: str, as_of: str | None = None) -> list[dict[str, Any]]:
    if not _has(graph, id, C.Organization):
        return []
    deals = {t for _s, t, d in _out(graph, id, R.INVESTED_IN)
             if _has(graph, t, C.Organization) and holds(graph, d, as_of)} or {id}
    shared: dict[str, set[str]] = defaultdict(set)
    for company in deals:
        for other, _t, d in _in(graph, company, R.INVESTED_IN):
            if other != id and _has(graph, other, C.Investor) and holds(graph, d, as_of):
                shared[other].add(company)
    rows = []
    for other, companies in shared.items():
        names = sorted(_name(graph, c) for c in companies)
        rows.append({"investor": _name(graph, other), "investor_id": other, "shared_deals": len(names),
                     "companies": names})
    return sorted(rows, key=lambda r: (-r["shared_deals"], r["investor"], r["investor_id"]))


# -- path --------------------------------------------------------------------------------------------


def _steps(graph: nx.MultiDiGraph, u: str, v: str, as_of: str | None) -> list[tuple[Any, bool]]:
    """(type, forward) of each edge between u and v, either way, in force at `as_of` when given."""
    options = [(d["type"], True) for d in graph.get_edge_data(u, v, default={}).values() if holds(graph, d, as_of)]
    options += [(d["type"], False) for d in graph.get_edge_data(v, u, default={}).values() if holds(graph, d, as_of)]
    return options


def _shortest_node_paths(graph: nx.MultiDiGraph, a: str, b: str, max_hops: int,
                         as_of: str | None = None) -> list[list[str]]:
    """Every shortest node sequence from a to b of at most `max_hops` steps, ignoring direction and
    never passing through an article (along edges in force at `as_of`, when given): a breadth-first
    search level by level from `a`, which stops at the level where `b` turns up (or at `max_hops`), so
    it reads no more of the graph than it must."""
    def neighbours(node: str) -> set[str]:
        if as_of is None:
            return {n for n in itertools.chain(graph.successors(node), graph.predecessors(node))
                    if C.Article not in graph.nodes[n].get("labels", [])}
        edges = itertools.chain(((t, d) for _s, t, d in graph.out_edges(node, data=True)),
                                ((s, d) for s, _t, d in graph.in_edges(node, data=True)))
        return {n for n, d in edges
                if C.Article not in graph.nodes[n].get("labels", []) and holds(graph, d, as_of)}

    parents: dict[str, set[str]] = {a: set()}
    frontier = [a]
    for _depth in range(max_hops):
        found: dict[str, set[str]] = defaultdict(set)
        for node in frontier:
            for nxt in neighbours(node):
                if nxt not in parents:
                    found[nxt].add(node)
        parents.update(found)
        frontier = list(found)
        if b in found or not frontier:
            break
    if b not in parents:
        return []

    def back(node: str) -> list[list[str]]:
        if node == a:
            return [[a]]
        return [path + [node] for parent in parents[node] for path in back(parent)]

    return back(b)


def path(graph: nx.MultiDiGraph, a: str, b: str, max_hops: int, as_of: str | None = None) -> list[dict[str, Any]]:
    """Every shortest path between a and b, one row per distinct (nodes, relationship types, directions),
    as Cypher's `allShortestPaths` over an undirected pattern gives them (parallel relationships make
    separate paths); as of a date, through the facts in force then (`kg.queries.asof`)."""
    if a not in graph or b not in graph or a == b:
        return []
    node_paths = _shortest_node_paths(graph, a, b, min(max_hops, MAX_HOPS_LIMIT), as_of)
    rows: dict[tuple[Any, ...], dict[str, Any]] = {}
    for nodes in node_paths:
        steps = [_steps(graph, u, v, as_of) for u, v in itertools.pairwise(nodes)]
        names = [_name(graph, n) for n in nodes]
        for combo in itertools.product(*steps):
            text = str(names[0])
            for (rel_type, forward), name in zip(combo, names[1:], strict=True):
                text += (f" -[{rel_type}]-> " if forward else f" <-[{rel_type}]- ") + str(name)
            row: dict[str, Any] = {"hops": len(nodes) - 1, "path": text, "nodes": names, "node_ids": list(nodes),
                   "relationships": [rel_type for rel_type, _f in combo]}
            rows[(tuple(nodes), tuple(row["relationships"]), text)] = row
    return [rows[key] for key in sorted(rows)]


# -- central investors -------------------------------------------------------------------------------


def coinvestment_edges(graph: nx.MultiDiGraph, as_of: str | None = None) -> list[dict[str, Any]]:
    """The co-investment network's edges: one row per pair of investors sharing a company (through
    investments in force at `as_of`, when given: `kg.queries.asof`). On Neo4j, central-investors.cypher
    sends each investor's deals instead, ranked by `centrality.ranking_of_deals` to the same rows."""
    shared: dict[tuple[str, str], set[str]] = defaultdict(set)
    for company in graph.nodes:
        if not _has(graph, company, C.Organization):
            continue
        backers = sorted({s for s, _t, d in _in(graph, company, R.INVESTED_IN)
                          if _has(graph, s, C.Investor) and holds(graph, d, as_of)})
        for a, b in itertools.combinations(backers, 2):
            shared[(a, b)].add(company)
    return [{"investor_id": a, "investor": _name(graph, a), "state_owned": _has(graph, a, C.StateOwnedFund),
             "co_investor_id": b, "co_investor": _name(graph, b), "co_state_owned": _has(graph, b, C.StateOwnedFund),
             "shared_deals": len(companies)}
            for (a, b), companies in sorted(shared.items())]


def centrality(edges: list[dict[str, Any]], top: int) -> list[dict[str, Any]]:
    """Rank investors of the co-investment network given as its edges (`coinvestment_edges`).

    The embedded backends call this (Neo4j's rows go through `centrality.ranking_of_deals`, which the
    tests hold to the same rows). The network is built in a canonical order (nodes and
    edges sorted by id) so that floating-point sums, and so the rounded scores, are identical; the
    scores are networkx's `degree_centrality`, `betweenness_centrality` and `eigenvector_centrality`,
    computed with compiled code (`kg.queries.centrality`, which says how they stay networkx's).
    Columns: co_investors (how many investors it shares a deal with), co_investments (those shared deals
    summed over its co-investors), then the three centralities rounded to 6 decimals. Degree and
    betweenness are normalised (networkx defaults); all three ignore how many deals a pair shares.
    """
    import numpy as np

    from kg.queries.centrality import ranking

    info: dict[str, tuple[Any, bool]] = {}
    weighted: dict[tuple[str, str], int] = {}
    for row in edges:
        a, b = sorted((row["investor_id"], row["co_investor_id"]))
        info[row["investor_id"]] = (row["investor"], bool(row["state_owned"]))
        info[row["co_investor_id"]] = (row["co_investor"], bool(row["co_state_owned"]))
        weighted[(a, b)] = weighted.get((a, b), 0) + int(row["shared_deals"])
    ids = sorted(info)
    index = {node: i for i, node in enumerate(ids)}
    pairs = sorted(weighted.items())
    first = np.array([index[a] for (a, _b), _w in pairs], dtype=np.int64)
    second = np.array([index[b] for (_a, b), _w in pairs], dtype=np.int64)
    shared = np.array([w for _pair, w in pairs], dtype=np.int64)
    return ranking(ids, [info[node] for node in ids], first, second, shared, top)


def central_investors(graph: nx.MultiDiGraph, top: int, as_of: str | None = None) -> list[dict[str, Any]]:
    """As of a date, the co-investment network of the investments in force then (`kg.queries.asof`)."""
    return centrality(coinvestment_edges(graph, as_of), top)


# -- IPO pipeline ------------------------------------------------------------------------------------


#: The IPO milestones, furthest first, with the stage each brings an IPO to (`kg.graph.add_ipos`).
_STAGES = ((R.LISTED_ON, "listed"), (R.PASSED_LISTING_HEARING, "hearing_passed"), (R.FILED_FOR_IPO, "filed"))


def ipo_pipeline(graph: nx.MultiDiGraph, exchange: str | None = None, as_of: str | None = None) -> list[dict[str, Any]]:
    """`ipo-pipeline.cypher` (one row per IPO and milestone combination, with the company's IPO-term
    figures) followed by `financials.ipo_terms`, which turns those figures into columns.

    As of a date, from the milestones in force then (`kg.queries.asof`): the stage is the furthest of
    them (a company listed later shows the hearing it had passed), ticker and board are those they give
    (the first in relation-id order, as the IPO node takes them), an IPO none of whose milestones had
    happened is not there, and the terms come from the figures reported by then."""
    rows = []
    for ipo, data in graph.nodes(data=True):
        if C.IPO not in data.get("labels", []):
            continue
        companies = [t for _s, t, _d in _out(graph, ipo, R.OFFERING_OF) if _has(graph, t, C.Organization)]
        exchanges = [t for _s, t, _d in _out(graph, ipo, R.ON_EXCHANGE) if _has(graph, t, C.Organization)]
        for company, venue in itertools.product(companies, exchanges):
            if exchange is not None and venue != exchange:
                continue
            milestones: dict[str, list[Any]] = defaultdict(list)
            held = []
            for _s, target, edge in _out(graph, company, R.FILED_FOR_IPO, R.PASSED_LISTING_HEARING, R.LISTED_ON):
                if target == venue and holds(graph, edge, as_of):
                    milestones[edge["type"]].append(edge.get("date"))
                    held.append(edge)
            if as_of is not None and not milestones:
                continue
            stage, ticker, board = data.get("stage"), data.get("ticker"), data.get("board")
            if as_of is not None:
                stage = next(name for rel_type, name in _STAGES if rel_type in milestones)
                ordered = sorted(held, key=lambda e: str(e["id"]))
                ticker = next((e["ticker"] for e in ordered if e.get("ticker") is not None), None)
                board = next((e["board"] for e in ordered if e.get("board") is not None), None)
            # OPTIONAL MATCH gives one row per combination of milestone relationships (or one null).
            for filed, hearing, listed in itertools.product(
                    milestones.get(R.FILED_FOR_IPO) or [None], milestones.get(R.PASSED_LISTING_HEARING) or [None],
                    milestones.get(R.LISTED_ON) or [None]):
                stage_rank = 0 if R.LISTED_ON in milestones else 1 if R.PASSED_LISTING_HEARING in milestones else 2
                rows.append((stage_rank, {
                    "company": _name(graph, company), "company_id": company, "exchange": _name(graph, venue),
                    "exchange_id": venue, "stage": stage, "filed": filed, "hearing": hearing,
                    "listed": listed, "ticker": ticker, "board": board,
                    "figures": financials.company_figures(graph, company, financials.IPO_METRICS, as_of),
                }))
    rows.sort(key=lambda item: (item[1]["exchange"], item[1]["exchange_id"], item[0], item[1]["company"],
                                item[1]["company_id"]))
    return financials.ipo_terms([row for _rank, row in rows])


# -- alumni ------------------------------------------------------------------------------------------


def alumni(graph: nx.MultiDiGraph, id: str, as_of: str | None = None) -> list[dict[str, Any]]:
    """As of a date, from the ties and foundings in force then (`kg.queries.asof`): a position left
    before it is gone, its departure there instead."""
    if not _has(graph, id, C.Organization):
        return []
    people: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for person, _t, data in _in(graph, id, *FACT_TIES):
        if _has(graph, person, C.Person) and holds(graph, data, as_of):
            people[person].append(data)
    rows = []
    for person, ties in people.items():
        types = sorted({t["type"] for t in ties})
        titles = sorted({t["title"] for t in ties if t["type"] in (R.LEFT, R.HOLDS_POSITION)
                         and t.get("title") is not None})
        left_dates = sorted(t["date"] for t in ties if t["type"] == R.LEFT and t.get("date") is not None)
        founded: list[tuple[str | None, dict[str, Any]]] = [
            (target, data) for _s, target, data in _out(graph, person, R.FOUNDED)
                   if target != id and _has(graph, target, C.Organization) and holds(graph, data, as_of)]
        if not founded and R.LEFT not in types:
            continue
        base = {"person": _name(graph, person), "person_id": person, "ties": types, "titles": titles,
                "left_date": left_dates[0] if left_dates else None}
        for target, data in founded or [(None, {})]:
            rows.append({**base, "founded": _name(graph, target) if target else None, "founded_id": target,
                         "founded_date": data.get("date")})
    return sorted(rows, key=lambda r: (r["person"], r["person_id"], _text(r["founded_date"]), _text(r["founded"]),
                                       _text(r["founded_id"])))


# -- lineage -----------------------------------------------------------------------------------------


def _trails(graph: nx.MultiDiGraph, start: str, depth: int, upward: bool,
            as_of: str | None = None) -> set[tuple[int, str, str, str]]:
    """(length, child, parent, edge key) of each trail's far edge (along stated spin-offs and derived
    founder lineages, `LINEAGE_TYPES`, in force at `as_of` when given): Cypher's variable-length match
    never reuses a relationship within a path, and neither does this walk."""
    found: set[tuple[int, str, str, str]] = set()

    def walk(node: str, used: frozenset[str], length: int) -> None:
        if length >= depth:
            return
        edges = (graph.out_edges(node, keys=True, data=True) if upward
                 else graph.in_edges(node, keys=True, data=True))
        for source, target, key, data in edges:
            if data.get("type") not in LINEAGE_TYPES or key in used or not holds(graph, data, as_of):
                continue
            nxt = target if upward else source
            if not _has(graph, nxt, C.Organization):
                continue
            found.add((length + 1, source, target, key))
            walk(nxt, used | {key}, length + 1)

    walk(start, frozenset(), 0)
    return found


def _via_people(graph: nx.MultiDiGraph, edge: dict[str, Any], child: str, parent: str,
                as_of: str | None = None) -> list[Any]:
    via = edge.get("via") or []
    names = [_name(graph, p) for p in ([via] if isinstance(via, str) else via) if _has(graph, p, C.Person)]
    for person, _t, founded in _in(graph, child, R.FOUNDED):
        if _has(graph, person, C.Person) and holds(graph, founded, as_of) and any(
                t == parent and holds(graph, d, as_of) for _s, t, d in _out(graph, person, *FACT_TIES)):
            names.append(_name(graph, person))
    return sorted(set(names))


def lineage(graph: nx.MultiDiGraph, id: str, depth: int, up: bool, down: bool,
            as_of: str | None = None) -> list[dict[str, Any]]:
    """Along SPUN_OFF_FROM (stated) and FOUNDED_BY_ALUMNI_OF (derived from founders' careers), each row
    naming its `relation`. As of a date, along those in force then, each with the people whose foundings
    and ties to the parent were (`kg.queries.asof`)."""
    if not _has(graph, id, C.Organization):
        return []
    depth = min(depth, MAX_DEPTH_LIMIT)
    found: set[tuple[int, str, str, str]] = set()
    if down:
        found |= set(_trails(graph, id, depth, False, as_of))
    if up:
        found |= {(1 - length, child, parent, key)
                  for length, child, parent, key in _trails(graph, id, depth, True, as_of)}
    rows = []
    for generation, child, parent, key in found:
        edge = graph.edges[child, parent, key]
        rows.append({"generation": generation, "company": _name(graph, child), "company_id": child,
                     "parent": _name(graph, parent), "parent_id": parent, "relation": edge["type"],
                     "via": _via_people(graph, edge, child, parent, as_of), "date": edge.get("date")})
    return sorted(rows, key=lambda r: (r["generation"], r["company"], r["company_id"], r["parent"], r["parent_id"],
                                       r["relation"]))


# -- timeline ----------------------------------------------------------------------------------------


def timeline(graph: nx.MultiDiGraph, id: str, as_of: str | None = None) -> list[dict[str, Any]]:
    """The dated facts touching `id` (a position or a stake is dated by its start); as of a date, those
    that had happened by then, the positions and stakes then held among them, and also the undated
    positions and stakes held then (first reported by then and not ended: `kg.queries.asof`), last."""
    if id not in graph or C.Article in _labels(graph, id):
        return []
    edges = [(id, t, k, d) for _s, t, k, d in graph.out_edges(id, keys=True, data=True)]
    edges += [(s, id, k, d) for s, _t, k, d in graph.in_edges(id, keys=True, data=True)]
    rows = []
    seen: set[str] = set()
    for source, target, key, data in edges:
        other = target if source == id else source
        date = data.get("date") or data.get("valid_from")
        if key in seen or C.Article in _labels(graph, other):
            continue
        if date is None and (as_of is None or data.get("type") not in PERIOD_TYPES):
            continue
        if not holds(graph, data, as_of):
            continue
        seen.add(key)
        detail = next((data[k] for k in ("round", "title", "ticker", "board", "role") if data.get(k) is not None),
                      None)
        rows.append({"date": date, "relation": data.get("type"), "subject": _name(graph, source),
                     "object": _name(graph, target), "detail": detail, "valid_from": data.get("valid_from"),
                     "valid_to": data.get("valid_to"), "amount": data.get("amount"),
                     "currency": data.get("currency"), "confidence": data.get("confidence"),
                     "sources": data.get("sources"), "subject_id": source, "object_id": target})
    return sorted(rows, key=lambda r: (r["date"] is None, _text(r["date"]), r["relation"], r["subject"],
                                       r["subject_id"], r["object"], r["object_id"], _text(r["detail"])))
