"""The central-investors ranking computed with compiled code: the scores networkx gives, in seconds.

At a million relations the co-investment network has about 14,000 investors and 1.2 million edges:
networkx took 13 minutes (pivot betweenness as Python breadth-first searches, the power iteration as
Python loops). Here the same three centralities, with the same arithmetic where it decides a digit:

- degree: `d * (1 / (n - 1))`, as `nx.degree_centrality`;
- eigenvector: `nx.eigenvector_centrality`'s iteration on A + I from the same start, with the same
  tolerance and stop rule; each node's sum is made in the order networkx makes it (its own value first,
  then its neighbours in node order: `numpy.bincount` adds in array order), the norm with `math.hypot`
  and the stop test with Python's `sum`, so the vector is networkx's bit for bit;
- betweenness: Brandes' dependencies from the same pivots (`random.Random(0).sample` of the nodes in
  order, as networkx's `seed=0` draws them), summed by igraph's subset betweenness (C), doubled (igraph
  counts an undirected pair once, networkx from each pivot) and scaled as `networkx`'s `_rescale` does.
  The sums may differ from networkx's in the last bit (another order of additions); the scores are
  rounded to 6 decimals, so a rank can only move if a score sits within a few ulps of a rounding
  boundary: tests/queries/test_centrality.py compares both on random networks and the test graphs.
"""

from __future__ import annotations

import itertools
import math
import random
from collections.abc import Sequence
from typing import Any

import numpy as np

#: Betweenness is exact up to this many investors; above it, it is estimated from this many pivot
#: investors chosen with a fixed seed (same answer on every run and backend).
BETWEENNESS_PIVOTS = 200
_EIGEN_MAX_ITER = 10_000
_EIGEN_TOL = 1e-9


def pairs_counted(group: np.ndarray, member: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(a, b, how many groups hold both) of every pair of members a < b (below `n`) that share a group,
    in (a, b) order: the co-investment edges of investors (`member`) grouped by company (`group`), one
    entry per investment (repeats counted once)."""
    code = _distinct(np.sort(group.astype(np.int64) * n + member))  # by group, then member; each once
    group, member = code // n, code % n
    starts = np.flatnonzero(np.concatenate(([True], group[1:] != group[:-1])))
    sizes = np.diff(np.concatenate((starts, [len(group)])))
    codes = []
    for size in np.unique(sizes[sizes > 1]).tolist():
        matrix = member[starts[sizes == size][:, None] + np.arange(size)]  # a row per group of that size
        first, second = np.triu_indices(size, k=1)
        codes.append((matrix[:, first] * n + matrix[:, second]).ravel())
    if not codes:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, empty
    pairs = np.sort(np.concatenate(codes))
    starts = np.flatnonzero(np.concatenate(([True], pairs[1:] != pairs[:-1])))
    count = np.diff(np.concatenate((starts, [len(pairs)])))
    pair = pairs[starts]
    return pair // n, pair % n, count


def ranking_of_groups(ids: Sequence[str], info: Sequence[tuple[Any, bool]], group: np.ndarray, member: np.ndarray,
                      top: int) -> list[dict[str, Any]]:
    """`ranking` of the network joining two members that share a group: `member[i]` (an index into
    `ids`, sorted, each with its (name, state owned)) is in group `group[i]`, repeats counted once. Only
    the members on an edge are nodes (an investor sharing no deal is not in the co-investment network)."""
    a, b, shared = pairs_counted(group, member, len(ids))
    present = np.zeros(len(ids), dtype=bool)
    present[a] = present[b] = True
    renumber = np.cumsum(present) - 1
    kept = np.flatnonzero(present).tolist()
    return ranking([ids[i] for i in kept], [info[i] for i in kept], renumber[a], renumber[b], shared, top)


def ranking_of_deals(rows: Sequence[dict[str, Any]], top: int) -> list[dict[str, Any]]:
    """The ranking from the rows of central-investors.cypher (per investor: `investor_id`, `investor`,
    `state_owned` and `deals`, the ids of the companies it invested in): the rows `embedded.centrality`
    gives on the network's edges, which Neo4j no longer sends (1.2 million rows at a million relations)."""
    ordered = sorted(rows, key=lambda row: row["investor_id"])  # Python's order, not the server's
    ids = [row["investor_id"] for row in ordered]
    info = [(row["investor"], bool(row["state_owned"])) for row in ordered]
    deals = [row["deals"] or () for row in ordered]
    flat = list(itertools.chain.from_iterable(deals))  # 690,000 at a million relations: no Python loop
    number = {company: i for i, company in enumerate(dict.fromkeys(flat))}
    group = np.fromiter(map(number.__getitem__, flat), dtype=np.int64, count=len(flat))
    member = np.repeat(np.arange(len(ordered), dtype=np.int64), [len(d) for d in deals])
    return ranking_of_groups(ids, info, group, member, top)


def _distinct(ordered: np.ndarray) -> np.ndarray:
    """The distinct values of a sorted array (`np.unique` hashes first: slower on millions of codes)."""
    return ordered[np.concatenate(([True], ordered[1:] != ordered[:-1]))] if len(ordered) else ordered


def ranking(ids: Sequence[str], info: Sequence[tuple[Any, bool]], a: np.ndarray, b: np.ndarray,
            weight: np.ndarray, top: int) -> list[dict[str, Any]]:
    """`kg.queries.embedded.centrality` of the network whose nodes are `ids` (sorted, each with its
    (name, state owned)) and whose edges are `a[i] < b[i]` (indices into `ids`, in (a, b) order, each
    once) with `weight[i]` shared deals. Every node is on an edge."""
    n = len(ids)
    if n == 0:
        return []
    degree_count = np.bincount(a, minlength=n) + np.bincount(b, minlength=n)
    shared = (np.bincount(a, weights=weight, minlength=n) + np.bincount(b, weights=weight, minlength=n))
    if n <= 1:
        degree: list[Any] = [1] * n
    else:
        scale = 1.0 / (n - 1.0)
        degree = [d * scale for d in degree_count.tolist()]
    betweenness = _betweenness(n, a, b)
    eigenvector = _eigenvector(n, a, b)
    rows = []
    for i, node in enumerate(ids):
        name, state_owned = info[i]
        rows.append({
            "investor": name, "investor_id": node, "state_owned": state_owned,
            "co_investors": int(degree_count[i]), "co_investments": int(shared[i]),
            "degree": round(degree[i], 6), "betweenness": round(betweenness[i], 6),
            "eigenvector": round(eigenvector[i], 6),
        })
    rows.sort(key=lambda r: (-r["degree"], -r["betweenness"], -r["eigenvector"], r["investor"], r["investor_id"]))
    return [{"rank": i, **row} for i, row in enumerate(rows[:top], start=1)]


def _betweenness(n: int, a: np.ndarray, b: np.ndarray) -> list[float]:
    """`nx.betweenness_centrality(network)` (normalised, pivots above `BETWEENNESS_PIVOTS` nodes)."""
    import igraph

    # (pairs from an iterator of Python ints: igraph reads a numpy buffer several times slower)
    graph = igraph.Graph(n=n, edges=zip(a.tolist(), b.tolist(), strict=True), directed=False)
    if n > BETWEENNESS_PIVOTS:
        pivots = random.Random(0).sample(range(n), BETWEENNESS_PIVOTS)  # the draw of `seed=0` on the nodes
        raw = graph.betweenness(sources=pivots, directed=False)
    else:
        pivots = None
        raw = graph.betweenness(directed=False)
    big_n = n - 1  # `_rescale` without endpoints
    if big_n < 2:
        return [2.0 * r for r in raw]
    if pivots is None:
        scale = 1 / (big_n * (big_n - 1))
        return [(2.0 * r) * scale for r in raw]
    k = len(pivots)
    scale_source, scale_other = 1 / ((k - 1) * (big_n - 1)), 1 / (k * (big_n - 1))
    chosen = set(pivots)
    return [(2.0 * r) * (scale_source if i in chosen else scale_other) for i, r in enumerate(raw)]


def _eigenvector(n: int, a: np.ndarray, b: np.ndarray) -> list[float]:
    """`nx.eigenvector_centrality(network, max_iter=10_000, tol=1e-9)`, zeros if it does not converge."""
    # additions in networkx's order: each node's own value, then its neighbours' in node order.
    # `bincount` adds into the bins in array order. With the edges in (a, b) order and a < b, the arcs
    # a -> b bring each node its neighbours below it, in order, and the arcs b -> a then bring those
    # above it, in order: no sort is needed (a lexsort on (source, target) made the same sums)
    own = np.arange(n)
    src = np.concatenate((own, a, b))
    dst = np.concatenate((own, b, a))
    x = np.full(n, 1 / n)  # the all-ones start over its sum (an int: exact)
    for _ in range(_EIGEN_MAX_ITER):
        last = x
        x = np.bincount(dst, weights=last[src], minlength=n)
        norm = math.hypot(*x.tolist()) or 1
        x = x / norm
        if sum(np.abs(x - last).tolist()) < n * _EIGEN_TOL:
            return x.tolist()
    return [0.0] * n
