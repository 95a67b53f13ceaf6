"""Named queries answered from the store's indexes: no whole-graph view per process.

Each query reads, with indexed SQL inside one snapshot of the store (the statements are `Store`
methods, `kg.storage.views`), the part of the view it looks at (`kg.queries.storeview`), and the
embedded twin (`kg.queries.embedded`) runs on that part, so the rows are those of the whole view by
construction; tests/queries/test_indexed.py holds both paths to that. The answers that can be a large
share of the graph (a fund's portfolio, its co-investors, the state's investments) are made from SQL
values by the twins' rules instead (`kg.queries.wide`), except as of a date; they, and ipo-pipeline,
read tables and rows the store derives once per version (`kg.queries.derived`).
`path` finds the nodes on every shortest path with a bidirectional breadth-first search (each step one
SQL round trip for a whole frontier) and builds only those. `central-investors` needs the whole
co-investment network: it is computed once per store version (`Store.data_version`, bumped by every
write in its own transaction) and cached in the store (as of a date: the last date asked, in a slot of
its own).

Entity names resolve through the alias index (`aliases.norm`) into a graph of just the candidates, on
which `kg.queries.bind` runs as before; an unknown name is re-resolved against every node so the error
and its close matches are the same as the view's.
"""

from __future__ import annotations

import gc
import itertools
import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import networkx as nx

from kg.graph import add_tenures
from kg.model import Relation
from kg.names import normalize_name
from kg.ontology import Ontology
from kg.queries import deals, derived, disputes, embedded, exposure, financials, ownership, statecapital, wide
from kg.queries.asof import holds
from kg.queries.registry import MIN_PREFIX, UnknownEntity, bind, find_entity, get_query
from kg.queries.storeview import FACT_TIES, MILESTONES, StoreView, ipo_id, round_id
from kg.spinoffs import LINEAGE_TYPES
from kg.store import Store
from kg.terms import C, R

Rows = list[dict[str, Any]]
_CENTRALITY_KEY = "central-investors"
_CENTRALITY_AS_OF_KEY = "central-investors --as-of"
_ORPHANS_KEY = "names-without-alias"
#: Queries that read the relations' sources: `timeline` and `financials` show them; whether a sum is an
#: investor's own (`investors`, `portfolio`, `state-exposure`) depends on the extraction method. Every
#: query does `--as-of` (an undated fact counts from its first report).
_WITH_SOURCES = frozenset({"timeline", "financials", "investors", "portfolio", "state-exposure"})


def run_store(store: Store, name: str, *arguments: str | None, ontology: Ontology | None = None,
              **options: Any) -> Rows:
    """Answer a named query from the store (no server, no whole-graph view): the rows `run_embedded`
    gives on `to_networkx(store)`."""
    with _without_cycle_collection():
        return _run_store(store, name, arguments, ontology, options)


@contextmanager
def _without_cycle_collection() -> Iterator[None]:
    """Python's cycle collector paused while a query runs. A large answer is tens of thousands of new
    dicts and lists (57,000 rows of 12 values for the state's investments at a million relations, or
    the networkx subgraph of thousands of IPOs), which set off collection after collection, each one of
    the oldest generation walking every object alive, those rows included: up to a third of such a query's
    CPU. A query makes no cyclic garbage worth collecting early; the collector runs again once it is
    done."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _run_store(store: Store, name: str, arguments: Sequence[str | None], ontology: Ontology | None,
               options: dict[str, Any]) -> Rows:
    get_query(name)
    # Conditions on source or target say `+type` (`kg.storage.views`): that keeps SQLite on the
    # source/target indexes rather than the (unselective) type index.
    view = StoreView(store, ontology, with_sources=name in _WITH_SOURCES or options.get("as_of") is not None)
    with store.snapshot():
        params = _bind(view, name, arguments, options)
        rows = _RUNNERS[name](view, **params)
    _settle(store, view)
    return rows


def _settle(store: Store, view: StoreView) -> None:
    """Keep what the view worked out for later calls; after the snapshot, because caching takes the write lock."""
    for key, version, value in view.to_cache:
        store.put_cached(key, version, value)
    for build in view.to_build:  # derived tables found old (`kg.queries.derived`): after the answer, as caching
        build(store)


def find_store_entity(store: Store, name: str, ontology: Ontology | None = None) -> str:
    """`find_entity` on the store's graph view, answered from the store's indexes: the same id, or the same
    error with the same close matches, without building the view (a minute at a million relations), so a
    command that draws the graph can refuse a name nobody carries at once."""
    view = StoreView(store, ontology)
    with store.snapshot():
        candidates = nx.MultiDiGraph()
        _add_candidates(view, candidates, name)
        try:
            found = find_entity(candidates, name)
        except UnknownEntity:
            found = find_entity(_every_node(view), name)  # the same error, with close matches
    _settle(store, view)
    return found


# -- name resolution ---------------------------------------------------------------------------------


def _bind(view: StoreView, name: str, arguments: Sequence[str | None], options: dict[str, Any]) -> dict[str, Any]:
    candidates = nx.MultiDiGraph()
    for argument in arguments:
        if argument is not None:
            _add_candidates(view, candidates, argument)
    try:
        return bind(candidates, name, arguments, options)
    except UnknownEntity:
        return bind(_every_node(view), name, arguments, options)  # the same error, with close matches


def _add_entities(view: StoreView, graph: nx.MultiDiGraph, ids: Iterable[str]) -> None:
    for entity in view.entities(ids):
        graph.add_node(entity.id, labels=view.ontology.labels_for(entity.types), name=entity.name,
                       aliases=entity.aliases)


def _add_derived(view: StoreView, graph: nx.MultiDiGraph, companies: Iterable[str],
                 keep: Callable[[str, str], bool]) -> None:
    """The FundingRound and IPO nodes of `companies` whose (id, normalised name) `keep` accepts."""
    companies = set(companies)
    if not companies:
        return
    rounds = {(c, str(r)) for c, r in view.store.round_names(companies) if r}
    ipos = set(view.store.relation_pairs(MILESTONES, source=companies))
    names = view.store.entity_names_in({*companies, *(x for _c, x in ipos)})
    for company, round_name in rounds:
        node, text = round_id(company, round_name), f"{names.get(company, company)} {round_name}"
        if keep(node, normalize_name(text)):
            view.derived[node] = ("round", company, round_name)
            graph.add_node(node, labels=[C.FundingRound], name=text, aliases=[])
    for company, exchange in ipos:
        node = ipo_id(company, exchange)
        text = f"{names.get(company, company)} IPO ({names.get(exchange, exchange)})"
        if keep(node, normalize_name(text)):
            view.derived[node] = ("ipo", company, exchange)
            graph.add_node(node, labels=[C.IPO], name=text, aliases=[])


def _orphan_names(view: StoreView) -> dict[str, list[str]]:
    """normalised name -> entities whose name has no alias row (possible once an article that gave
    the name is removed): the alias index misses them. Cached per store version."""
    version = view.store.data_version()
    cached = view.store.cached(_ORPHANS_KEY, version)
    if cached is None:
        out: dict[str, list[str]] = defaultdict(list)
        for entity_id, name in view.store.entities_named_without_alias():
            out[normalize_name(name)].append(entity_id)
        cached = json.dumps(out, ensure_ascii=False)
        view.to_cache.append((_ORPHANS_KEY, version, cached))
    return json.loads(cached)


def _add_candidates(view: StoreView, graph: nx.MultiDiGraph, name: str) -> None:
    """Every node of the view that `find_entity(view, name)` could answer: the node with that id (a
    derived round or IPO too), the entities with a name or alias whose normalised form is `name`'s, and
    those with one that starts with it. Derived nodes are never found by name."""
    _add_entities(view, graph, [name])
    if name.startswith(("fundinground:", "ipo:")):  # a derived node's id: its company is one of these
        owners = (view.store.distinct_ends("source", MILESTONES) if name.startswith("ipo:")
                  else view.store.distinct_ends("target", [R.INVESTED_IN]))
        _add_derived(view, graph, owners, lambda node, _key: node == name)
    key = normalize_name(name)
    orphans = _orphan_names(view)
    _add_entities(view, graph, [*view.store.entities_with_norm(key), *orphans.get(key, [])])
    if len(key) >= MIN_PREFIX:
        # a name no entity carries may start one ("chenghu" for "Chenghu Technology"): the entities
        # whose name or alias starts with it, found by a range over the sorted index
        starting = view.store.entities_with_norm_prefix(key)
        _add_entities(view, graph, [*starting,
                                    *(i for norm, ids in orphans.items() if norm.startswith(key) for i in ids)])


def _every_node(view: StoreView) -> nx.MultiDiGraph:
    """Every non-article node of the view, with labels, name and aliases (for error messages)."""
    graph = nx.MultiDiGraph()
    for entity in view.store.entities():
        graph.add_node(entity.id, labels=view.ontology.labels_for(entity.types), name=entity.name,
                       aliases=entity.aliases)
    owners = {*view.store.distinct_ends("target", [R.INVESTED_IN]), *view.store.distinct_ends("source", MILESTONES)}
    _add_derived(view, graph, owners, lambda _node, _key: True)
    return graph


# -- the queries -------------------------------------------------------------------------------------


def _dated(view: StoreView, graph: nx.MultiDiGraph, as_of: str | None) -> nx.MultiDiGraph:
    """`graph` with the articles `--as-of` reads (when given)."""
    return graph if as_of is None else view.add_articles(graph)


def _investors(view: StoreView, id: str, as_of: str | None = None) -> Rows:
    """`deals.investors`: the company's INVESTED_IN edges and its FundingRounds (a round's total and
    date come from every investor of the round)."""
    rels = view.relations([R.INVESTED_IN], target=id)
    return deals.investors(_dated(view, view.graph(rels, [id], rounds_of=[id]), as_of), id, as_of)


def _portfolio(view: StoreView, id: str, as_of: str | None = None) -> Rows:
    """`deals.portfolio`: the investor's INVESTED_IN edges and the FundingRounds of those companies (from
    SQL values, `kg.queries.wide`, unless as of a date or the rounds' values are not plain)."""
    if as_of is None and (rows := wide.portfolio(view, id)) is not None:
        return rows
    rels = view.relations([R.INVESTED_IN], source=id)
    return deals.portfolio(_dated(view, view.graph(rels, [id], rounds_of={r.target for r in rels}), as_of), id,
                           as_of)


def _co_investors(view: StoreView, id: str, as_of: str | None = None) -> Rows:
    """`embedded.co_investors` on ids, labels and names straight from SQL (`kg.queries.wide`): the busiest
    fund shares deals with most of the graph, too many edges to build a subgraph for. As of a date the
    edges' dates and sources count, so the subgraph of its deals is built."""
    if as_of is not None:
        mine = view.relations([R.INVESTED_IN], source=id)
        into = view.relations([R.INVESTED_IN], target={r.target for r in mine} | {id})
        graph = view.add_articles(view.graph([*mine, *into], [id]))
        return embedded.co_investors(graph, id, as_of)
    return wide.co_investors(view, id)


def _state_capital(view: StoreView, region: str | None = None, level: str | None = None,
                   as_of: str | None = None) -> Rows:
    """`statecapital.state_capital`: the investments of the StateOwnedFunds (of the region) and of every
    organisation something owns or controls, with the chains above them (from SQL values,
    `kg.queries.wide`, unless as of a date)."""
    if as_of is None:
        return wide.state_capital(view, region, level)
    funds = wide.state_funds(view, region)
    rels = view.relations([R.INVESTED_IN], source=funds)
    above = view.ownership_chains({r.source for r in rels})
    graph = view.graph([*rels, *above.values()], sorted(funds))
    return statecapital.state_capital(_dated(view, graph, as_of), region, level, as_of)


def _ipo_pipeline(view: StoreView, exchange: str | None = None, as_of: str | None = None) -> Rows:
    """`computed_ipo_pipeline`, or (not as of a date) the rows on `exchange` of those the store derived
    for every exchange once for its version (`kg.queries.derived`)."""
    if (as_of is None and derived.wanted(view, derived.ANSWER_KEYS["ipo-pipeline"])
            and (rows := derived.answer(view.store, "ipo-pipeline", exchange)) is not None):
        return rows
    return computed_ipo_pipeline(view, exchange, as_of)


def computed_ipo_pipeline(view: StoreView, exchange: str | None = None, as_of: str | None = None) -> Rows:
    """`embedded.ipo_pipeline` on the IPOs of the companies with a milestone on `exchange` (on any,
    when None): every milestone of those companies (an IPO's stage is its furthest on that exchange,
    and its terms need to know whether the company has IPOs elsewhere), read once, and their figures."""
    companies = {s for s, _t, _d in view.store.relation_ends(MILESTONES, target=exchange)}
    milestones = view.relations(MILESTONES, source=companies) if companies else []
    figures = view.relations([R.FIGURE_OF], target=companies) if companies else []
    graph = view.graph([*milestones, *figures], ipos_of=companies, milestones=milestones)
    return embedded.ipo_pipeline(_dated(view, graph, as_of), exchange, as_of)


def _timed(view: StoreView, graph: nx.MultiDiGraph, as_of: str | None) -> nx.MultiDiGraph:
    """`graph` with the articles `--as-of` reads and the ends of its positions (when given): every
    HOLDS_POSITION and LEFT edge of each pair it holds one of must be in it, as `add_tenures` needs."""
    if as_of is not None:
        add_tenures(view.add_articles(graph))
    return graph


def _alumni(view: StoreView, id: str, as_of: str | None = None) -> Rows:
    ties = view.relations(FACT_TIES, target=id)
    founded = view.relations([R.FOUNDED], source={r.source for r in ties})
    return embedded.alumni(_timed(view, view.graph([*ties, *founded], [id]), as_of), id, as_of)


def _lineage(view: StoreView, id: str, depth: int, up: bool, down: bool, as_of: str | None = None) -> Rows:
    depth = min(depth, embedded.MAX_DEPTH_LIMIT)
    stored: dict[str, Relation] = {}
    derived: dict[tuple[str, str], tuple[str, str, dict[str, Any]]] = {}
    for upward, wanted in ((True, up), (False, down)):
        if not wanted:
            continue
        seen, frontier = {id}, {id}
        for _level in range(depth):  # a trail of `depth` spin-offs leaves from nodes at most depth-1 away
            if not frontier:
                break
            rels = (view.relations(LINEAGE_TYPES, source=frontier) if upward
                    else view.relations(LINEAGE_TYPES, target=frontier))
            edges = view.derived_spinoffs(frontier, as_child=upward, as_parent=not upward)
            stored.update((r.id, r) for r in rels)
            derived.update(((c, p), (c, p, props)) for c, p, props in edges)
            reached = {r.target if upward else r.source for r in rels}
            reached |= {p if upward else c for c, p, _props in edges}
            frontier = reached - seen
            seen |= reached
    pairs = {(r.source, r.target) for r in stored.values()} | set(derived)
    children = {c for c, _p in pairs}
    founded = view.relations([R.FOUNDED], target=children)
    ties = view.relations(FACT_TIES, source={r.source for r in founded})
    via = [v for r in stored.values() for v in _as_list(r.props.get("via"))]
    via += [v for _c, _p, props in derived.values() for v in _as_list(props.get("via"))]
    graph = view.graph([*stored.values(), *founded, *ties], [id, *via], spinoffs=list(derived.values()))
    return embedded.lineage(_timed(view, graph, as_of), id, depth, up, down, as_of)


def _as_list(value: Any) -> list[str]:
    return [value] if isinstance(value, str) else [v for v in (value or []) if isinstance(v, str)]


def _timeline(view: StoreView, id: str, as_of: str | None = None) -> Rows:
    """`embedded.timeline` on the facts touching `id`: every position and departure of each pair it is
    in, so that `add_tenures` ends the positions as the whole view does (with the articles it reads)."""
    if id in view.derived:
        return []  # FundingRound and IPO edges carry no dates
    rels = view.relations_touching(id)
    graph = view.add_articles(view.graph(rels, [id], spinoffs=view.derived_spinoffs([id])))
    add_tenures(graph)
    return embedded.timeline(graph, id, as_of)


def _path(view: StoreView, a: str, b: str, max_hops: int, as_of: str | None = None) -> Rows:
    def neighbours(frontier: set[str]) -> dict[str, set[str]]:
        return view.neighbours(frontier) if as_of is None else _neighbours_as_of(view, frontier, as_of)

    def cost(frontier: set[str]) -> int:  # what widening `frontier` reads: its entities' relations
        return view.store.degree(frontier - view.derived.keys()) + len(frontier & view.derived.keys())

    nodes = _on_shortest_paths(neighbours, a, b, min(max_hops, embedded.MAX_HOPS_LIMIT), cost)
    if not nodes:
        return []
    entities = nodes - view.derived.keys()
    # the FundingRounds and IPOs on the paths, with their companies: no other round or IPO can be on a
    # shortest path (it would be in `nodes`), so building the others would only widen the search
    met = [view.derived[n] for n in nodes & view.derived.keys()]
    rounds_of = {company for kind, company, _x in met if kind == "round"}
    ipos_of = {company for kind, company, _x in met if kind == "ipo"}
    rels = view.relations(source=entities, target=entities)
    graph = view.graph(rels, entities, rounds_of=rounds_of, ipos_of=ipos_of,
                       spinoffs=view.derived_spinoffs(entities))
    return embedded.path(_timed(view, graph, as_of), a, b, max_hops, as_of)


def _neighbours_as_of(view: StoreView, frontier: set[str], as_of: str) -> dict[str, set[str]]:
    """`view.neighbours` through the facts in force at `as_of` only: every edge at the frontier (with
    the FundingRounds, IPOs and derived spin-offs they make, the articles their sources are and the ends
    of positions) is built, as the view has it, and kept when it holds (`kg.queries.asof`)."""
    entities = frontier - view.derived.keys()
    met = [view.derived[n] for n in frontier & view.derived.keys()]
    rels = [*view.relations(source=entities), *view.relations(target=entities)] if entities else []
    rounds_of = {c for kind, c, _x in met if kind == "round"} | {r.target for r in rels if r.type == R.INVESTED_IN}
    ipos_of = {c for kind, c, _x in met if kind == "ipo"} | {r.source for r in rels if r.type in MILESTONES}
    graph = _timed(view, view.graph(rels, entities, rounds_of=rounds_of, ipos_of=ipos_of,
                                    spinoffs=view.derived_spinoffs(entities)), as_of)
    for node, labels in graph.nodes(data="labels"):  # the derived nodes met, for the next steps
        ends = {d["type"]: t for _s, t, d in graph.out_edges(node, data=True)}
        if C.FundingRound in labels:
            view.derived.setdefault(node, ("round", ends[R.ROUND_OF], str(graph.nodes[node]["round_type"])))
        elif C.IPO in labels:
            view.derived.setdefault(node, ("ipo", ends[R.OFFERING_OF], ends[R.ON_EXCHANGE]))
    out: dict[str, set[str]] = {n: set() for n in frontier}
    for u, v, data in graph.edges(data=True):
        if not holds(graph, data, as_of):
            continue
        for node, other in ((u, v), (v, u)):
            if node in out and C.Article not in graph.nodes[other].get("labels", []):
                out[node].add(other)
    return out


def _on_shortest_paths(neighbours: Callable[[set[str]], dict[str, set[str]]], a: str, b: str,
                       max_hops: int, cost: Callable[[set[str]], int] = len) -> set[str]:
    """The nodes on every shortest a-b path of at most `max_hops` steps (articles left out), by a
    breadth-first search from both ends, always widening the frontier of the smaller `cost` (the
    relations it touches: a fund in 39,000 deals is one node, but reading its neighbours costs 39,000
    rows; which side widens first changes only the work, not the nodes found).

    With no meeting yet after depths da and db, every path is longer than da + db; the first new
    layer that meets the other side's visited nodes therefore closes paths of length da + db + 1, and
    each of them runs through one node of that meeting set: walking the parents back from it, on both
    sides, gives every node on every shortest path (the subgraph they span has exactly the same
    shortest paths as the whole view)."""
    parents: list[dict[str, set[str]]] = [{a: set()}, {b: set()}]
    frontiers = [{a}, {b}]
    for _step in range(max_hops):
        if not frontiers[0] or not frontiers[1]:
            return set()
        side = 0 if cost(frontiers[0]) <= cost(frontiers[1]) else 1
        found: dict[str, set[str]] = defaultdict(set)
        for node, near in neighbours(frontiers[side]).items():
            for other in near:
                if other not in parents[side]:
                    found[other].add(node)
        parents[side].update(found)
        frontiers[side] = set(found)
        meeting = found.keys() & parents[1 - side].keys()
        if meeting:
            on_paths = set(meeting)
            for tree in parents:
                stack = list(meeting)
                while stack:
                    for parent in tree[stack.pop()]:
                        if parent not in on_paths:
                            on_paths.add(parent)
                            stack.append(parent)
            return on_paths
    return set()


def _central_investors(view: StoreView, top: int, as_of: str | None = None) -> Rows:
    """The whole ranking, cached per store version; as of a date, cached in a slot of its own with the
    date it answers (the last one asked), so that asking for many dates never grows the cache."""
    store = view.store
    version = store.data_version()
    if as_of is None:
        cached = store.cached(_CENTRALITY_KEY, version)
        if cached is None:
            cached = json.dumps(_coinvestment_ranking(view), ensure_ascii=False)
            view.to_cache.append((_CENTRALITY_KEY, version, cached))
        return json.loads(cached)[:top]
    slot = json.loads(store.cached(_CENTRALITY_AS_OF_KEY, version) or "{}")
    if slot.get("as_of") != as_of:
        rows = embedded.centrality(_coinvestment_edges_as_of(view, as_of), top=2**62)
        text = json.dumps({"as_of": as_of, "rows": rows}, ensure_ascii=False)
        view.to_cache.append((_CENTRALITY_AS_OF_KEY, version, text))
        slot = json.loads(text)
    return list(slot["rows"][:top])


def _coinvestment_edges_as_of(view: StoreView, as_of: str) -> Rows:
    """`embedded.coinvestment_edges` of the investments in force at `as_of`: every INVESTED_IN relation
    (with its sources and their articles, which date an undated one) built as the view has it."""
    return embedded.coinvestment_edges(view.add_articles(view.graph(view.relations([R.INVESTED_IN]))), as_of)


def _coinvestment_ranking(view: StoreView) -> Rows:
    """`embedded.centrality` of `embedded.coinvestment_edges` of the whole view: from the INVESTED_IN
    index and entity types, the pairs counted as arrays (1.2 million edges at a million relations: as
    rows of dicts, building them took longer than ranking them)."""
    import numpy as np

    from kg.queries.centrality import ranking_of_groups

    labels = {types: set(view.ontology.labels_for(json.loads(types))) for types in view.store.distinct_entity_types()}
    investors = {i: (name, C.StateOwnedFund in labels[types])  # id -> (name, state owned)
                 for i, name, types in view.store.entities_of_types(t for t, ls in labels.items() if C.Investor in ls)}
    organizations = view.store.entities_of_types(t for t, ls in labels.items() if C.Organization in ls)
    companies = dict(zip((i for i, _n, _t in organizations), itertools.count(), strict=False))  # id -> a number
    ids = sorted(investors)  # (SQL's id order is the same: UTF-8 bytes sort as code points)
    index = dict(zip(ids, itertools.count(), strict=False))
    pairs = view.store.relation_pairs([R.INVESTED_IN], type_index=False)
    sources, targets = zip(*pairs, strict=True) if pairs else ((), ())
    # numbered by `map` (690,000 pairs at a million relations), -1 where not an investor / organisation
    member = np.fromiter(map(index.get, sources, itertools.repeat(-1)), dtype=np.int64, count=len(pairs))
    group = np.fromiter(map(companies.get, targets, itertools.repeat(-1)), dtype=np.int64, count=len(pairs))
    both = (member >= 0) & (group >= 0)
    return ranking_of_groups(ids, [investors[i] for i in ids], group[both], member[both], top=2**62)


def _financials(view: StoreView, id: str, as_of: str | None = None) -> Rows:
    """`financials.financials`: the company's FIGURE_OF edges and the figure nodes at their other end."""
    rels = view.relations([R.FIGURE_OF], target=id)
    return financials.financials(_dated(view, view.graph(rels, [id]), as_of), id, as_of)


def _compare(view: StoreView, ids: list[str], as_of: str | None = None) -> Rows:
    """`financials.compare`: the companies' FIGURE_OF edges and the figure nodes at their other end."""
    rels = view.relations([R.FIGURE_OF], target=ids)
    return financials.compare(_dated(view, view.graph(rels, ids), as_of), ids, as_of)


def _ownership(view: StoreView, id: str, as_of: str | None = None) -> Rows:
    """`ownership.ownership` on the chains above `id` (every edge up; `as_of` picks those in force)."""
    return ownership.ownership(_dated(view, view.graph(view.ownership_chains({id}).values(), [id]), as_of), id,
                               as_of)


def _state_exposure(view: StoreView, id: str, as_of: str | None = None) -> Rows:
    """`exposure.state_exposure`: the INVESTED_IN edges into `id` and the chains above their investors."""
    invested = view.relations([R.INVESTED_IN], target=id)
    above = view.ownership_chains({r.source for r in invested})
    graph = view.graph([*invested, *above.values()], [id])
    return exposure.state_exposure(_dated(view, graph, as_of), id, as_of)


def _disputes(view: StoreView, id: str | None = None, as_of: str | None = None) -> Rows:
    """`disputes.disputes`: the relations whose props hold disputes (touching `id` when given); as of a
    date, with every relation between the ends of each (the articles of a title dispute's other
    positions, the departure that ends a position)."""
    rels = view.relations_disputed(id)
    if as_of is not None and rels:
        pairs = {(r.source, r.target) for r in rels}
        between = view.relations(source={s for s, _t in pairs}, target={t for _s, t in pairs})
        rels = [*rels, *(r for r in between if (r.source, r.target) in pairs)]
    return disputes.disputes(_timed(view, view.graph(rels, [id] if id else []), as_of), id, as_of)


_RUNNERS: dict[str, Callable[..., Rows]] = {
    "investors": _investors, "portfolio": _portfolio, "co-investors": _co_investors,
    "state-capital": _state_capital, "path": _path, "central-investors": _central_investors,
    "ipo-pipeline": _ipo_pipeline, "alumni": _alumni, "lineage": _lineage, "timeline": _timeline,
    "financials": _financials, "compare": _compare, "ownership": _ownership,
    "state-exposure": _state_exposure, "disputes": _disputes,
}


def _every_ipo_row(view: StoreView) -> Iterator[tuple[Any, dict[str, Any]]]:
    for row in computed_ipo_pipeline(view, None):
        yield row["exchange_id"], row


derived.MAKERS["ipo-pipeline"] = _every_ipo_row  # what the derived rows keep: made as they are answered otherwise
