"""`kg.queries.centrality` gives networkx's ranking: the same rows, rounded scores and order as
`nx.degree_centrality`, `nx.betweenness_centrality` (pivots above 200 investors, `seed=0`) and
`nx.eigenvector_centrality` on the co-investment network built in canonical order (what
`kg.queries.embedded.centrality` computed with networkx before)."""

from __future__ import annotations

import itertools
import random
from typing import Any

import networkx as nx
import numpy as np
import pytest

from kg.queries.centrality import BETWEENNESS_PIVOTS, pairs_counted, ranking, ranking_of_deals
from kg.queries.embedded import centrality


def networkx_centrality(edges: list[dict[str, Any]], top: int) -> list[dict[str, Any]]:
    """The ranking as networkx computes it (the code `embedded.centrality` ran before)."""
    info: dict[str, tuple[Any, bool]] = {}
    weighted: dict[tuple[str, str], int] = {}
    for row in edges:
        a, b = sorted((row["investor_id"], row["co_investor_id"]))
        info[row["investor_id"]] = (row["investor"], bool(row["state_owned"]))
        info[row["co_investor_id"]] = (row["co_investor"], bool(row["co_state_owned"]))
        weighted[(a, b)] = weighted.get((a, b), 0) + int(row["shared_deals"])
    network = nx.Graph()
    network.add_nodes_from(sorted(info))
    network.add_edges_from((a, b, {"shared_deals": w}) for (a, b), w in sorted(weighted.items()))
    if network.number_of_nodes() == 0:
        return []
    degree = nx.degree_centrality(network)
    if network.number_of_nodes() > BETWEENNESS_PIVOTS:
        betweenness = nx.betweenness_centrality(network, k=BETWEENNESS_PIVOTS, seed=0)
    else:
        betweenness = nx.betweenness_centrality(network)
    try:
        eigenvector = nx.eigenvector_centrality(network, max_iter=10_000, tol=1e-9)
    except nx.PowerIterationFailedConvergence:
        eigenvector = dict.fromkeys(network, 0.0)
    rows = []
    for node in network:
        name, state_owned = info[node]
        rows.append({
            "investor": name, "investor_id": node, "state_owned": state_owned,
            "co_investors": network.degree(node),
            "co_investments": sum(d["shared_deals"] for _u, _v, d in network.edges(node, data=True)),
            "degree": round(degree[node], 6), "betweenness": round(betweenness[node], 6),
            "eigenvector": round(eigenvector[node], 6),
        })
    rows.sort(key=lambda r: (-r["degree"], -r["betweenness"], -r["eigenvector"], r["investor"], r["investor_id"]))
    return [{"rank": i, **row} for i, row in enumerate(rows[:top], start=1)]


def _edges(graph: nx.Graph, rng: random.Random) -> list[dict[str, Any]]:
    """Co-investment rows of `graph`, with repeated names (ties broken on ids) and duplicate pairs."""
    rows = []
    for u, v in graph.edges():
        a, b = f"organization:i{u:04d}", f"organization:i{v:04d}"
        for _ in range(rng.choice([1, 1, 2])):
            rows.append({"investor_id": a, "investor": f"I{u % 7}", "state_owned": u % 5 == 0,
                         "co_investor_id": b, "co_investor": f"I{v % 7}", "co_state_owned": v % 5 == 0,
                         "shared_deals": rng.randint(1, 4)})
    return rows


@pytest.mark.parametrize("seed", range(12))
def test_the_ranking_is_networkx_s_row_for_row(seed: int) -> None:
    rng = random.Random(seed)
    n = [2, 3, 12, 60, BETWEENNESS_PIVOTS, BETWEENNESS_PIVOTS + 1, 320][seed % 7]
    kind = seed % 3
    if kind == 0:
        graph = nx.gnm_random_graph(n, rng.randint(n - 1, 3 * n), seed=seed)
    elif kind == 1:  # heavy-tailed, like syndicates around a few big funds
        graph = nx.barabasi_albert_graph(max(n, 3), 2, seed=seed)
    else:  # several components, paths and stars: many equal scores
        graph = nx.disjoint_union_all([nx.path_graph(max(2, n // 3)), nx.star_graph(max(1, n // 3)),
                                       nx.complete_graph(4)])
    edges = _edges(graph, rng)
    assert centrality(edges, 10**9) == networkx_centrality(edges, 10**9)
    assert centrality(edges, 5) == networkx_centrality(edges, 5)


def test_no_edges_no_ranking() -> None:
    assert centrality([], 10) == [] == networkx_centrality([], 10)


def test_pairs_are_counted_per_shared_group() -> None:
    groups = [[3, 0, 1, 3], [1, 3], [2], [0, 1, 2, 3]]  # an investor twice in one company counts once
    group = np.array([g for g, members in enumerate(groups) for _m in members])
    a, b, count = pairs_counted(group, np.array([m for members in groups for m in members]), 4)
    assert list(zip(a.tolist(), b.tolist(), count.tolist(), strict=True)) == [
        (0, 1, 2), (0, 2, 1), (0, 3, 2), (1, 2, 1), (1, 3, 3), (2, 3, 1)]
    assert [len(x) for x in pairs_counted(np.array([0, 0]), np.array([5, 5]), 6)] == [0, 0, 0]


def test_ranking_of_a_pair() -> None:
    rows = ranking(["a", "b"], [("A", False), ("B", True)], np.array([0]), np.array([1]), np.array([3]), 5)
    assert rows == [
        {"rank": 1, "investor": "A", "investor_id": "a", "state_owned": False, "co_investors": 1,
         "co_investments": 3, "degree": 1.0, "betweenness": 0.0, "eigenvector": 0.707107},
        {"rank": 2, "investor": "B", "investor_id": "b", "state_owned": True, "co_investors": 1,
         "co_investments": 3, "degree": 1.0, "betweenness": 0.0, "eigenvector": 0.707107}]


def _deals_and_edges(rng: random.Random, n: int) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """central-investors.cypher's rows for `n` random investors (one per investor with its deals: a
    company twice when it invested in two of its rounds; an investor sharing no company; one with no
    deal), in the server's order, and the co-investment edges they make, as `coinvestment_edges` has them.
    Two ids sort apart in Python and in Java (a character outside the BMP against a full-width one)."""
    ids = [f"organization:i{i:03d}" for i in range(n - 2)] + ["organization:\U0001d518", "organization:\uff5a"]
    companies = [f"organization:c{c}" for c in range(max(2, n // 2))]
    deals = {i: [rng.choice(companies) for _ in range(rng.randint(1, 4))] for i in ids}
    deals[ids[0]] = []
    deals[ids[1]] = ["organization:nobody-else"]
    deals[ids[2]] += deals[ids[2]][:1]  # a second round in one company
    names = {i: f"I{k % 7}" for k, i in enumerate(ids)}
    state = {i: k % 5 == 0 for k, i in enumerate(ids)}
    rows = [{"investor_id": i, "investor": names[i], "state_owned": state[i], "deals": deals[i]} for i in ids]
    rng.shuffle(rows)
    edges = []
    for a, b in itertools.combinations(sorted(ids), 2):
        shared = set(deals[a]) & set(deals[b])
        if shared:
            edges.append({"investor_id": a, "investor": names[a], "state_owned": state[a], "co_investor_id": b,
                          "co_investor": names[b], "co_state_owned": state[b], "shared_deals": len(shared)})
    return rows, edges


@pytest.mark.parametrize("seed", range(6))
def test_the_ranking_of_deals_is_the_ranking_of_their_edges(seed: int) -> None:
    """Neo4j sends each investor's deals (central-investors.cypher), not the network's edges: ranked,
    they give the rows the edges give, investors without a co-investor left out as before."""
    rows, edges = _deals_and_edges(random.Random(seed), [4, 12, 60, BETWEENNESS_PIVOTS + 5][seed % 4])
    ranked = ranking_of_deals(rows, 10**9)
    assert ranked == centrality(edges, 10**9)
    assert ranking_of_deals(rows, 3) == ranked[:3]
    assert {"organization:i000", "organization:i001"}.isdisjoint(row["investor_id"] for row in ranked)


def test_no_deals_no_ranking() -> None:
    assert ranking_of_deals([], 10) == []
    lonely = [{"investor_id": "a", "investor": "A", "state_owned": False, "deals": ["x"]},
              {"investor_id": "b", "investor": "B", "state_owned": True, "deals": ["y", "y"]}]
    assert ranking_of_deals(lonely, 10) == []


@pytest.mark.parametrize("seed", range(6))
def test_the_eigenvector_is_networkx_s_bit_for_bit(seed: int) -> None:
    """Not only rounded: the power iteration adds in networkx's order, so every value is the same float
    (the arcs' order is what `_eigenvector` sorts for)."""
    from kg.queries.centrality import _eigenvector

    n = [30, 120, 400][seed % 3]
    graph = nx.gnm_random_graph(n, 4 * n, seed=seed) if seed % 2 else nx.barabasi_albert_graph(n, 3, seed=seed)
    edges = sorted((min(u, v), max(u, v)) for u, v in graph.edges())
    network = nx.Graph()
    network.add_nodes_from(range(n))
    network.add_edges_from(edges)
    expected = nx.eigenvector_centrality(network, max_iter=10_000, tol=1e-9)
    a = np.array([u for u, _v in edges], dtype=np.int64)
    b = np.array([v for _u, v in edges], dtype=np.int64)
    assert _eigenvector(n, a, b) == [expected[i] for i in range(n)]
