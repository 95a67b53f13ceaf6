"""Named investor-network queries: one readable `.cypher` file each, plus an embedded twin.

A named query answers from the networkx view of the store (`run_embedded`, no server) or from Neo4j
(`run_neo4j`), with the same columns, rows and order; the parity tests hold both to that. Each `.cypher`
file is the query `kg` runs, with a header saying what it answers and which parameters it takes, so it
can be pasted into Neo4j Browser as-is; `kg` sends it inside `CALL () { … } RETURN collect([…])`, so
that its rows, in the same order, come back in one record (`kg.neo4j.collected`: a large answer
arrives in half the time).

Entity arguments accept any name in any script (智譜 = 智谱 = Zhipu AI) or an id, resolved against the
backend being asked (the store's view, or the names and aliases stored in Neo4j), and fail clearly when
a name is unknown (with close matches) or ambiguous (with the candidates). Entity names and every
option reach Cypher as parameters, never as query text.

`central-investors` is the one query whose Cypher returns an intermediate result (each investor's
deals, from which the co-investment network is made): Neo4j Community has no Graph Data Science library,
so both backends compute the centralities of that network with the same code (`kg.queries.centrality`).
On Neo4j, `kg load` keeps that ranking in the database, sealed with the bookmark of its last commit, and
`run_neo4j` answers from it while nothing has been committed since (`kg.neo4j.ranking`), else runs the
query and ranks as above.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import networkx as nx

from kg.gcpause import gc_paused
from kg.queries.registry import (
    DERIVED_LABELS,
    MIN_PREFIX,
    QUERIES,
    AmbiguousEntity,
    Argument,
    NamedQuery,
    Option,
    Rows,
    UnknownEntity,
    bind,
    describe,
    find_entity,
    get_query,
)
from kg.terms import C

__all__ = [
    "AmbiguousEntity",
    "Argument",
    "DERIVED_LABELS",
    "MIN_PREFIX",
    "NamedQuery",
    "Option",
    "QUERIES",
    "Rows",
    "UnknownEntity",
    "bind",
    "cypher_params",
    "describe",
    "find_entity",
    "find_store_entity",
    "get_query",
    "neo4j_entities",
    "run_embedded",
    "run_neo4j",
    "run_store",
]

if TYPE_CHECKING:
    from neo4j import Driver

    from kg.store import Store

def run_embedded(graph: nx.MultiDiGraph, name: str, *arguments: str | None, **options: Any) -> Rows:
    """Answer a named query from the networkx view (no server)."""
    query = get_query(name)
    params = bind(graph, name, arguments, options)
    return query.embedded(graph, **params)


def run_store(store: Store, name: str, *arguments: str | None, **options: Any) -> Rows:
    """Answer a named query from the store's indexes (no server, no whole-graph view): the same rows as
    `run_embedded(to_networkx(store), ...)`, reading only what the query looks at (`kg.queries.indexed`)."""
    from kg.queries.indexed import run_store as run

    return run(store, name, *arguments, **options)


def find_store_entity(store: Store, name: str) -> str:
    """`find_entity` on the store's graph, answered from its indexes without building the view: the same
    id or the same error (`kg.queries.indexed`)."""
    from kg.queries.indexed import find_store_entity as find

    return find(store, name)


def cypher_params(graph: nx.MultiDiGraph, name: str, *arguments: str | None, **options: Any) -> dict[str, Any]:
    """Parameters for the `.cypher` twin, with entity names resolved to ids through `graph`."""
    return bind(graph, name, arguments, options)


def neo4j_entities(driver: Driver, names: Sequence[str], *, database: str | None = None) -> nx.MultiDiGraph:
    """The entities stored in Neo4j that name resolution needs, as a nodes-only graph for `find_entity`.

    Names that are exact ids are looked up through the id constraints; otherwise every entity's id, name,
    aliases and labels are read (names are matched after normalisation, which Cypher cannot do).
    """
    from kg.neo4j.cypher import run_cypher
    from kg.neo4j.loader import quote
    from kg.ontology import load_ontology

    labels = "|".join(quote(root) for root in load_ontology().roots() if root != C.Article)
    returned = "RETURN n.id AS id, n.name AS name, n.aliases AS aliases, labels(n) AS labels"
    # kg's own texts (labels from the ontology, values as parameters): read transactions without the guard
    rows = run_cypher(driver, f"MATCH (n:{labels}) WHERE n.id IN $ids {returned}", {"ids": list(names)},
                      database=database, guard=False)
    if {r["id"] for r in rows} != set(names):
        rows = run_cypher(driver, f"MATCH (n:{labels}) {returned}", database=database, guard=False, collected=True)
    graph = nx.MultiDiGraph()
    for row in rows:
        if row["id"] is not None:
            graph.add_node(row["id"], name=row["name"], aliases=row["aliases"] or [], labels=row["labels"])
    return graph


def run_neo4j(driver: Driver, name: str, *arguments: str | None, database: str | None = None,
              **options: Any) -> Rows:
    """Answer a named query from Neo4j: its `.cypher` file, run read-only with bound parameters
    (central-investors without `--as-of`: the ranking `kg load` kept, while it is provably current)."""
    from kg.neo4j.cypher import run_cypher
    from kg.neo4j.ranking import CENTRAL_INVESTORS, cached_rows

    query = get_query(name)
    names = [a for a in arguments if a is not None]
    entities = neo4j_entities(driver, names, database=database) if names else nx.MultiDiGraph()
    params = bind(entities, name, arguments, options)
    if name == CENTRAL_INVESTORS and params["as_of"] is None:
        kept = cached_rows(driver, name, database=database)
        if kept is not None:
            return kept[:params["top"]]
    # kg's own text: no guard, and the rows in one record (kg.neo4j.collected); the answer is made of
    # up to millions of small objects and no cycles, which the cycle collector would walk again and
    # again as they are made (a third of state-capital's time at a million relations)
    with gc_paused():
        rows = run_cypher(driver, query.cypher, params, database=database, guard=False, collected=True)
        return query.finish(rows, params) if query.finish else rows
