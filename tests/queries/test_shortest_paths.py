"""`kg.queries.indexed._on_shortest_paths`: the nodes on every shortest path, whichever side widens
first (the side whose frontier touches fewer relations: a fund in 39,000 deals is expanded last)."""

from __future__ import annotations

import itertools
import random

import networkx as nx
import pytest

from kg.queries.indexed import _on_shortest_paths


def _on_paths(graph: nx.Graph, a: str, b: str) -> set[str]:
    return {n for path in nx.all_shortest_paths(graph, a, b) for n in path}


@pytest.mark.parametrize("seed", range(8))
def test_the_nodes_found_do_not_depend_on_which_side_widens(seed: int) -> None:
    graph = nx.relabel_nodes(nx.gnm_random_graph(60, 90, seed=seed), str)

    def neighbours(frontier: set[str]) -> dict[str, set[str]]:
        return {n: set(graph[n]) for n in frontier}

    def degree(frontier: set[str]) -> int:
        return sum(graph.degree(n) for n in frontier)

    rng = random.Random(seed)
    for a, b in rng.sample(list(itertools.combinations(sorted(graph), 2)), 10):
        want = _on_paths(graph, a, b) if nx.has_path(graph, a, b) else set()
        for cost in (len, degree, lambda f: -degree(f)):
            assert _on_shortest_paths(neighbours, a, b, 15, cost) == want


def test_a_hub_is_widened_last() -> None:
    graph = nx.star_graph(500)  # node 0, in 500 deals
    graph = nx.relabel_nodes(graph, str)
    graph.add_edges_from([("1", "x"), ("x", "y")])
    expanded: list[set[str]] = []

    def neighbours(frontier: set[str]) -> dict[str, set[str]]:
        expanded.append(set(frontier))
        return {n: set(graph[n]) for n in frontier}

    found = _on_shortest_paths(neighbours, "0", "y", 6, lambda f: sum(graph.degree(n) for n in f))
    assert found == {"0", "1", "x", "y"}
    assert {"0"} not in expanded  # reached from y's side: y, then x, then 1 meets the hub
    assert _on_shortest_paths(lambda f: {n: set(graph[n]) for n in f}, "0", "y", 6) == found
