"""Named investor-network queries: one readable `.cypher` file each, plus an embedded twin.

`run_query` answers from the networkx view of the store (no server) or from Neo4j, with the same
columns and rows. Entity arguments accept any alias in any script (智譜 = 智谱 = Zhipu AI) and fail
clearly when a name is unknown (with close matches) or ambiguous (with the candidates).
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from typing import Any

import networkx as nx

from kg.errors import KGError
from kg.names import normalize_name
from kg.queries import embedded


@dataclass(frozen=True)
class NamedQuery:
    """A named query: what it answers, its entity argument (if any), and its two implementations."""

    name: str
    description: str
    entity_arg: str | None
    embedded: Callable[..., list[dict[str, Any]]]

    @property
    def cypher(self) -> str:
        """The query text shipped as `kg/queries/<name>.cypher` (usable as-is in Neo4j Browser)."""
        return resources.files("kg.queries").joinpath(f"{self.name}.cypher").read_text(encoding="utf-8")


QUERIES: dict[str, NamedQuery] = {
    q.name: q
    for q in (
        NamedQuery("investors", "who invested in COMPANY: round, amount, date, state-owned or not",
                   "COMPANY", embedded.investors),
        NamedQuery("portfolio", "the companies INVESTOR invested in", "INVESTOR", embedded.portfolio),
        NamedQuery("co-investors", "investors sharing deals with ENTITY, with the count and the companies",
                   "ENTITY", embedded.co_investors),
        NamedQuery("state-capital", "companies with state-owned investors, per fund and region (--region R)",
                   None, embedded.state_capital),
    )
}


class UnknownEntity(KGError):
    """No entity has that name."""


class AmbiguousEntity(KGError):
    """Several entities share that name."""


def get_query(name: str) -> NamedQuery:
    if name not in QUERIES:
        close = difflib.get_close_matches(name, list(QUERIES), n=3)
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        raise KGError(f"unknown query {name!r}{hint} (`kg query --list` shows them all)")
    return QUERIES[name]


def find_entity(graph: nx.MultiDiGraph, name: str) -> str:
    """The id of the one entity called `name` (id, name or any alias, any script or case)."""
    if name in graph and "Article" not in graph.nodes[name].get("labels", []):
        return name
    key = normalize_name(name)
    index: dict[str, set[str]] = {}
    for node, data in graph.nodes(data=True):
        if "Article" in data.get("labels", []):
            continue
        for alias in (data.get("name", ""), *data.get("aliases", [])):
            index.setdefault(normalize_name(alias), set()).add(node)
    matches = index.get(key, set())
    if len(matches) == 1:
        return next(iter(matches))
    if len(matches) > 1:
        options = ", ".join(f"{graph.nodes[m]['name']} ({m})" for m in sorted(matches))
        raise AmbiguousEntity(f"{name!r} is ambiguous: {options}; pass the id instead")
    close = difflib.get_close_matches(key, list(index), n=5, cutoff=0.6)
    names = sorted({graph.nodes[n]["name"] for c in close for n in index[c]})
    hint = f"; close matches: {', '.join(names)}" if names else ""
    raise UnknownEntity(f"no entity called {name!r} in the graph{hint}")


def run_embedded(graph: nx.MultiDiGraph, name: str, entity: str | None = None,
                 **options: Any) -> list[dict[str, Any]]:
    """Answer a named query from the networkx view."""
    query = get_query(name)
    if query.entity_arg:
        if not entity:
            raise KGError(f"`kg query {name}` needs {query.entity_arg}")
        return query.embedded(graph, find_entity(graph, entity), **options)
    return query.embedded(graph, **options)


def cypher_params(graph: nx.MultiDiGraph, name: str, entity: str | None = None,
                  **options: Any) -> dict[str, Any]:
    """Parameters for the `.cypher` twin; entity names are resolved to ids through the store's view."""
    query = get_query(name)
    params: dict[str, Any] = dict(options)
    if query.entity_arg:
        if not entity:
            raise KGError(f"`kg query {name}` needs {query.entity_arg}")
        params["id"] = find_entity(graph, entity)
    return params
