"""The part of the graph view that a drawing around one entity reads, from the store's indexes.

`kg viz lineage` and `kg viz investors` draw a few dozen boxes, yet they used to build the whole graph
view first: a minute per million relations before the first box. A drawing looks only near its entity,
so these functions read just those rows with indexed SQL (`kg.queries.storeview.StoreView`, the reader
behind the named queries) and give a small `MultiDiGraph` on which `lineage_view` / `investors_view`
draw exactly what they draw on the whole view (tests/viz/test_from_store.py compares the two for every
organisation of two stores). `kg viz network` reads the investments alone (689,652 of the 2.9 million
edges of a million-relation store's view), and only those of the investors its filters keep by capital
or region.

A lineage reads, for each company of the generations it draws (found breadth first, as `lineage_view`
finds them): its spin-off links either way (stated SPUN_OFF_FROM and the FOUNDED_BY_ALUMNI_OF edges the
view derives), its foundings (the year in its box), every edge out of it and its first mentions (a box
lists the articles of all of them), the people the links run through, and with investors every
investment into it. An investors drawing reads the entity's investments and every investment into the
companies they went to.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import networkx as nx

from kg.graph import add_mentions
from kg.model import Relation
from kg.ontology import Ontology
from kg.queries.storeview import StoreView
from kg.spinoffs import LINEAGE_TYPES
from kg.store import Store
from kg.terms import R
from kg.viz.network import Filters


def lineage_graph(store: Store, root: str, *, depth: int | None = None, with_investors: bool = False,
                  ontology: Ontology | None = None) -> nx.MultiDiGraph:
    """What `lineage_view(graph, root, depth=depth, with_investors=with_investors)` reads of the store's
    graph view, read from the store's indexes (`root`: an entity id)."""
    view = StoreView(store, ontology, with_sources=True)
    with store.snapshot():
        drawn = _generations(view, root, depth)
        out_of = view.relations(source=drawn)
        derived = view.derived_spinoffs(drawn, as_child=True, as_parent=False)
        founded = view.relations([R.FOUNDED], target=drawn)
        invested = view.relations([R.INVESTED_IN], target=drawn) if with_investors else []
        via = {person for rel in out_of if rel.type in LINEAGE_TYPES for person in _people(rel.props)}
        via |= {person for _child, _parent, props in derived for person in _people(props)}
        graph = view.graph([*out_of, *founded, *invested], [root, *via], spinoffs=derived)
        add_mentions(graph, store.first_mentions_of(drawn))
    return graph


def _generations(view: StoreView, root: str, depth: int | None) -> set[str]:
    """The companies `kg.viz.lineage`'s generations hold: those reached from `root` along spin-off links
    down (children) and, separately, up (parents), at most `depth` links away; a level at a time."""
    reached = {root}
    for upward in (False, True):
        frontier, level = {root}, 0
        while frontier and (depth is None or level < depth):
            found = _linked(view, frontier, upward) - reached
            reached |= found
            frontier, level = found, level + 1
    return reached


def _linked(view: StoreView, frontier: set[str], upward: bool) -> set[str]:
    """The parents (`upward`) or the children of the companies of `frontier`, stated or derived."""
    if upward:
        stated = {r.target for r in view.relations(LINEAGE_TYPES, source=frontier)}
        return stated | {p for _c, p, _props in view.derived_spinoffs(frontier, as_child=True, as_parent=False)}
    stated = {r.source for r in view.relations(LINEAGE_TYPES, target=frontier)}
    return stated | {c for c, _p, _props in view.derived_spinoffs(frontier, as_child=False, as_parent=True)}


def _people(props: dict[str, Any]) -> list[str]:
    via = props.get("via") or []
    return [via] if isinstance(via, str) else list(via)


def investors_graph(store: Store, entity: str, ontology: Ontology | None = None) -> nx.MultiDiGraph:
    """What `investors_view(graph, entity)` reads of the store's graph view, read from the store's indexes:
    the entity's investments and every investment into the companies they went to (into the entity
    itself when it made none)."""
    view = StoreView(store, ontology, with_sources=True)
    with store.snapshot():
        portfolio = {r.target for r in view.relations([R.INVESTED_IN], source=entity)}
        deals: Iterable[Relation] = view.relations([R.INVESTED_IN], target=portfolio or {entity})
        return view.graph(deals, [entity])


def network_graph(store: Store, filters: Filters | None = None, ontology: Ontology | None = None) -> nx.MultiDiGraph:
    """What `network_view(graph, filters)` reads of the store's graph view: the investments and the
    organisations at their ends; when the filters keep some investors only (state or private capital, a
    region), the investments of those investors alone."""
    filters = filters or Filters()
    view = StoreView(store, ontology, with_sources=True)
    with store.snapshot():
        if not filters.picks_investors:
            return view.graph(view.relations([R.INVESTED_IN]))
        investors = view.graph(nodes={s for s, _t in store.relation_pairs([R.INVESTED_IN], distinct=True)})
        kept = [investor for investor in investors if filters.keeps_investor(investors, investor)]
        return view.graph(view.relations([R.INVESTED_IN], source=kept))
