"""Parts of the graph view, read from the store's indexes instead of building the whole view.

`kg.graph.to_networkx` reads every row of the store (30 s at a million relations) before a named query
can look at a dozen edges. A named query only ever looks near its entities, so `StoreView` fetches
just those rows with indexed SQL and builds a small `MultiDiGraph` holding exactly the nodes and edges
the full view would hold there, with the same attributes (`kg.graph.add_entity`/`add_relation`), the
derived FundingRound and IPO nodes (`add_funding_rounds`/`add_ipos` on every relation they are derived
from) and the derived FOUNDED_BY_ALUMNI_OF edges (`kg.spinoffs.derive_spinoffs` on every fact they
depend on).
The embedded twins then run unchanged on that small graph, which is what keeps the answers equal.

Articles are built only as what `--as-of` and the ends of positions read (`add_articles`: their
publication dates, no MENTIONED_IN edges).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import networkx as nx

from kg.graph import ARTICLE_PREFIX, add_entity, add_funding_rounds, add_ipos, add_relation
from kg.model import Entity, Relation
from kg.ontology import Ontology, load_ontology
from kg.queries.ownership import MAX_HOPS, OWNERSHIP_TYPES
from kg.spinoffs import add_derived_edge, derive_spinoffs
from kg.storage.views import Ends
from kg.store import Store
from kg.terms import C, R

FACT_TIES = (R.LEFT, R.HOLDS_POSITION, R.FOUNDED)
MILESTONES = (R.FILED_FOR_IPO, R.PASSED_LISTING_HEARING, R.LISTED_ON)
def round_id(company: str, round_name: str) -> str:
    """The FundingRound node's id, as `kg.graph.add_funding_rounds` makes it."""
    return f"fundinground:{company.split(':', 1)[-1]}:{round_name}"


def ipo_id(company: str, exchange: str) -> str:
    """The IPO node's id, as `kg.graph.add_ipos` makes it."""
    return f"ipo:{company.split(':', 1)[-1]}:{exchange.split(':', 1)[-1]}"


class StoreView:
    """Builds parts of the view of one store (read inside a `Store.snapshot`)."""

    def __init__(self, store: Store, ontology: Ontology | None = None, *, with_sources: bool = False) -> None:
        self.store = store
        #: read relation sources (the edges' `sources`, `confidence`, `method`)? Only `timeline` shows
        #: them; every other query reads types, properties and ends, so it skips the sources table.
        self.with_sources = with_sources
        self.ontology = ontology or load_ontology()
        #: derived node id met so far -> ("round", company, round) or ("ipo", company, exchange)
        self.derived: dict[str, tuple[str, str, str]] = {}
        #: (key, data version, value) computed inside the snapshot, cached once it is closed
        self.to_cache: list[tuple[str, int, str]] = []
        #: derived tables found missing or old inside the snapshot (`kg.queries.derived`), built once it is
        #: closed (building takes the write lock)
        self.to_build: list[Callable[[Store], bool]] = []
        self._labels_by_types: dict[str, list[str]] = {}

    # -- rows ------------------------------------------------------------------------------------
    def entities(self, ids: Iterable[str]) -> list[Entity]:
        """The entities with these ids, as `Store.entities` gives them."""
        return self.store.entities_in(ids)

    def relations(self, types: Sequence[str] | None = None, *, source: Ends | None = None,
                  target: Ends | None = None) -> list[Relation]:
        """Stored relations of these types from `source` and into `target` (an id or ids each), in id order,
        with their sources (when the view reads them), as `Store.relations` gives them."""
        return self.store.relations_where(types, source=source, target=target, with_sources=self.with_sources)

    def relations_disputed(self, entity_id: str | None = None) -> list[Relation]:
        """Stored relations holding disputes, touching `entity_id` when given, in id order."""
        return self.store.relations_disputed(entity_id, with_sources=self.with_sources)

    def relations_touching(self, entity_id: str) -> list[Relation]:
        """Stored relations from or into `entity_id`, in id order."""
        return self.store.relations_touching(entity_id, with_sources=self.with_sources)

    def labels(self, ids: Iterable[str]) -> dict[str, list[str]]:
        """The view's labels of these entities (no aliases or attributes read)."""
        return {entity_id: self._labels_of(types) for entity_id, types in self.store.entity_types_in(ids)}

    def names_and_labels(self, ids: Iterable[str]) -> dict[str, tuple[Any, list[str]]]:
        """id -> (name, the view's labels) of these entities."""
        return self.labelled(self.store.entity_names_and_types_in(ids))

    def labelled(self, named: Iterable[tuple[str, Any, str]]) -> dict[str, tuple[Any, list[str]]]:
        """id -> (name, the view's labels) of these (id, name, types JSON)."""
        return {entity_id: (name, self._labels_of(types)) for entity_id, name, types in named}

    def _labels_of(self, types: str) -> list[str]:
        """The labels of a types JSON (few distinct type lists: each worked out once per view)."""
        found = self._labels_by_types.get(types)
        if found is None:
            found = self._labels_by_types[types] = self.ontology.labels_for(json.loads(types))
        return found

    def ownership_chains(self, starts: Iterable[str]) -> dict[str, Relation]:
        """id -> relation of the OWNED_BY and CONTROLLED_BY edges above `starts`, a level a query, as far
        as `ownership.raw_paths` reads: the owners of a node at most `MAX_HOPS` steps up decide whether a
        chain ends there (so MAX_HOPS + 1 levels)."""
        found: dict[str, Relation] = {}
        seen, frontier = set(starts), set(starts)
        for _level in range(MAX_HOPS + 1):
            if not frontier:
                break
            rels = self.relations(OWNERSHIP_TYPES, source=frontier)
            found.update((r.id, r) for r in rels)
            reached = {r.target for r in rels}
            frontier = reached - seen
            seen |= reached
        return found

    # -- building a subgraph ----------------------------------------------------------------------
    def graph(self, relations: Iterable[Relation] = (), nodes: Iterable[str] = (), *,
              rounds_of: Iterable[str] = (), ipos_of: Iterable[str] = (),
              spinoffs: Iterable[tuple[str, str, dict[str, Any]]] = (),
              milestones: Iterable[Relation] | None = None) -> nx.MultiDiGraph:
        """A subgraph of the view: the entities `nodes` and the ends of `relations`, those relations, the
        FundingRounds and IPOs of the companies `rounds_of` / `ipos_of` (with every edge the view gives
        them) and the derived spin-offs `spinoffs` (from `derived_spinoffs`). The IPOs are made from
        `milestones` when the caller has read them (every IPO milestone of each company of `ipos_of`)."""
        by_id = {r.id: r for r in relations}
        rounds_of, ipos_of = set(rounds_of), set(ipos_of)
        round_rels = self.relations([R.INVESTED_IN], target=rounds_of) if rounds_of else []
        if milestones is not None:
            ipo_rels = [r for r in milestones if r.source in ipos_of]
        else:
            ipo_rels = self.relations(MILESTONES, source=ipos_of) if ipos_of else []
        extra = {r.id: r for r in (*round_rels, *ipo_rels)}
        ends = {n for r in (*by_id.values(), *extra.values()) for n in (r.source, r.target)}
        ends |= {n for c, p, _props in spinoffs for n in (c, p)}
        graph = nx.MultiDiGraph()
        for entity in self.entities({*nodes, *ends}):
            add_entity(graph, entity, self.ontology)
        for rel in sorted(by_id.values(), key=lambda r: r.id):
            add_relation(graph, rel)
        add_funding_rounds(graph, round_rels)
        add_ipos(graph, ipo_rels, self.figures_of({r.source for r in ipo_rels}))
        for child, parent, props in spinoffs:
            add_derived_edge(graph, child, parent, props)
        return graph

    def add_articles(self, graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
        """Add to `graph` the Article node of each source of its edges, with its publication date (what
        `kg.graph.first_seen` reads: when an undated fact was first reported); returns `graph`."""
        wanted = {s for _u, _v, data in graph.edges(data=True) for s in data.get("sources") or ()}
        for article, published in sorted(self.store.published_dates(wanted).items()):
            attrs = {"published": published} if published is not None else {}
            graph.add_node(ARTICLE_PREFIX + article, labels=[C.Article], name=article, aliases=[], **attrs)
        return graph

    def figures_of(self, companies: set[str]) -> dict[str, list[dict[str, Any]]]:
        """The attributes of the FinancialFigure nodes FIGURE_OF each of `companies` (what `add_ipos`
        reads the offering's terms from), without putting the figures into the subgraph."""
        if not companies:
            return {}
        rels = self.relations([R.FIGURE_OF], target=companies)
        entities = {e.id: e for e in self.entities({r.source for r in rels})}
        out: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for rel in rels:
            if rel.source in entities and C.FinancialFigure in entities[rel.source].types:
                out[rel.target].append(dict(entities[rel.source].attrs))
        return out

    # -- derived spin-offs ------------------------------------------------------------------------
    def derived_spinoffs(self, nodes: Iterable[str], *, as_child: bool = True,
                         as_parent: bool = True) -> list[tuple[str, str, dict[str, Any]]]:
        """The view's derived FOUNDED_BY_ALUMNI_OF edges (child, parent, properties) with a child
        (`as_child`) or a parent (`as_parent`) among `nodes`.

        A derived edge child -> parent exists when a person founded the child and has a tie to the
        parent; whether it does, and its properties, depend on every founder of both companies, their
        ties, the founding dates of both and the stated spin-offs (SPUN_OFF_FROM) between them, which
        leave no derived edge beside them. Those facts are read for every candidate pair and
        `derive_spinoffs` runs on them, so the result is the full view's.
        """
        nodes = set(nodes)
        if not nodes:
            return []
        people: set[str] = set()
        if as_child:
            people |= {s for s, _t, _d in self.store.relation_ends([R.FOUNDED], target=nodes)}
        if as_parent:
            people |= {s for s, _t, _d in self.store.relation_ends(FACT_TIES, target=nodes)}
        if not people:
            return []
        candidates: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for person, rel_type, target in self.store.relation_ends(FACT_TIES, source=people):
            candidates[person].append((rel_type, target))
        pairs = {(child, parent) for links in candidates.values() for kind, child in links if kind == R.FOUNDED
                 for _k, parent in links if parent != child
                 and ((as_child and child in nodes) or (as_parent and parent in nodes))}
        if not pairs:
            return []
        companies = {n for pair in pairs for n in pair}
        founded = self.relations([R.FOUNDED], target=companies)
        founders = {r.source for r in founded}
        facts = [*founded, *self.relations(FACT_TIES, source=founders),
                 *self.relations([R.SPUN_OFF_FROM], source=companies)]
        local = self.graph(facts, companies)
        return [(c, p, props) for c, p, props in derive_spinoffs(local)
                if c in companies and p in companies and ((as_child and c in nodes) or (as_parent and p in nodes))]

    # -- neighbours (for breadth-first search) ----------------------------------------------------
    def neighbours(self, frontier: Iterable[str]) -> dict[str, set[str]]:
        """node -> its neighbours in the view, either direction, articles left out, for each node of
        `frontier` (entities and derived FundingRound/IPO nodes met before)."""
        frontier = set(frontier)
        out: dict[str, set[str]] = {n: set() for n in frontier}
        entities = frontier - self.derived.keys()
        for node in frontier & self.derived.keys():
            kind, company, other = self.derived[node]
            out[node].add(company)
            if kind == "ipo":
                out[node].add(other)
                continue
            out[node] |= {s for s, r in self.store.investor_rounds(company) if r and str(r) == other}
        if not entities:
            return out
        for source, target, rel_type, round_name in self.store.adjacent(entities):
            extra = None
            if rel_type == R.INVESTED_IN and round_name:
                extra = self._derived(round_id(target, str(round_name)), ("round", target, str(round_name)))
            elif rel_type in MILESTONES:
                extra = self._derived(ipo_id(source, target), ("ipo", source, target))
            for node, other in ((source, target), (target, source)):
                if node in out:
                    out[node].add(other)
                    if extra is not None:
                        out[node].add(extra)
        for child, parent, _props in self.derived_spinoffs(entities):
            for node, other in ((child, parent), (parent, child)):
                if node in out:
                    out[node].add(other)
        return out

    def _derived(self, node: str, how: tuple[str, str, str]) -> str:
        self.derived.setdefault(node, how)
        return node
