"""The graph view of the store: one networkx MultiDiGraph that export, Neo4j and queries all share.

Building every projection from this one function is what makes "`kg load` writes exactly the
node-link export" true by construction. The view adds what the store derives rather than stores:
Article nodes with MENTIONED_IN edges (provenance as graph), FundingRound / IPO event nodes
gathered from the INVESTED_IN and IPO-milestone edges, FOUNDED_BY_ALUMNI_OF edges derived from
founders' careers (`kg.spinoffs`; stated spin-offs stay SPUN_OFF_FROM), and the end (`valid_to`) of
each position someone is reported to have left (`add_tenures`).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import networkx as nx

from kg.gcpause import gc_paused
from kg.ipo_terms import ipo_term_props
from kg.model import Entity, Relation
from kg.money_usd import usd_terms
from kg.names import short_hash
from kg.ontology import Ontology, load_ontology
from kg.spinoffs import Edge, add_derived_spinoffs
from kg.store import Store, open_store
from kg.terms import C, R

ARTICLE_PREFIX = "article:"
#: IPO milestones in the order an IPO passes them, each with the `stage` value the ontology names for it.
_IPO_MILESTONES = {R.FILED_FOR_IPO: "filed", R.PASSED_LISTING_HEARING: "hearing_passed", R.LISTED_ON: "listed"}
_STAGE_ORDER = {name: i for i, name in enumerate(_IPO_MILESTONES)}


@gc_paused()  # millions of rows beside the graph: kg/gcpause.py
def to_networkx(store: Store, ontology: Ontology | None = None) -> nx.MultiDiGraph:
    """Every entity, relation, article and event of the store as a MultiDiGraph.

    Node attributes: `labels` (ontology classes, superclasses included, root first), `name`,
    `aliases` and the entity's own properties. Edge key = relation id; edge attributes: `type`,
    `id`, its properties, `sources` (article ids) and `confidence`.

    Examples
    --------
    The view adds what the store derives: the article, the funding round, a founder lineage:

    >>> import tempfile
    >>> from pathlib import Path
    >>> from kg.build import add_article
    >>> from kg.model import Article
    >>> from kg.store import open_store
    >>> text = "星衡智能完成B轮融资，由红杉中国领投。创始人李明曾任百度副总裁。"
    >>> with tempfile.TemporaryDirectory() as tmp, open_store(Path(tmp, "store")) as store:
    ...     _ = add_article(store, Article(text=text, published="2025-07-02"))
    ...     graph = to_networkx(store)
    >>> sorted(graph.nodes)
    ['article:a...', 'fundinground:星衡智能:B', 'organization:baidu', 'organization:hongshan', 'organization:星衡智能',
     'person:李明']
    >>> graph.nodes["organization:hongshan"]["labels"]
    ['Organization', 'Investor']
    >>> sorted({kind for _, _, kind in graph.edges(data="type")})
    ['FOUNDED', 'FOUNDED_BY_ALUMNI_OF', 'INVESTED_IN', 'LEFT', 'MENTIONED_IN', 'PARTICIPATED_IN', 'ROUND_OF']
    """
    graph, relations = stored_view(store, ontology or load_ontology())
    # the stored relations' edges, for the steps that read only those: one list instead of a pass over
    # every edge of the view (millions at scale, derived ones included) in each step
    stored = stored_edges(graph, relations)
    _add_articles(graph, store)
    add_tenures(graph, stored)
    add_funding_rounds(graph, relations)
    add_ipos(graph, relations)
    add_derived_spinoffs(graph, stored)
    return graph


def stored_view(store: Store, ontology: Ontology) -> tuple[nx.MultiDiGraph, list[Relation]]:
    """The view's stored part, every entity and relation of the store, before anything is derived;
    and the relations, which the derivations read."""
    graph = nx.MultiDiGraph()
    for entity in store.entities():
        add_entity(graph, entity, ontology)
    relations = list(store.relations())
    for rel in relations:
        add_relation(graph, rel)
    return graph, relations


def stored_edges(graph: nx.MultiDiGraph, relations: list[Relation]) -> list[Edge]:
    """(source, target, attributes) of each relation's edge in `graph`: the attribute dicts themselves,
    so that a step that sets one (`add_tenures`' `valid_to`) sets it in the graph."""
    succ = graph.succ
    return [(rel.source, rel.target, succ[rel.source][rel.target][rel.id]) for rel in relations]


def add_entity(graph: nx.MultiDiGraph, entity: Entity, ontology: Ontology) -> None:
    """An entity as a node of the view (shared with `kg.queries.storeview`, which builds parts of the
    view from indexed SQL and must give them exactly these attributes).

    Examples
    --------
    >>> from kg.model import Entity
    >>> from kg.ontology import load_ontology
    >>> graph = nx.MultiDiGraph()
    >>> fund = Entity("organization:hongshan", ["Investor"], "红杉中国", ["HongShan"], {"region": "Beijing"})
    >>> add_entity(graph, fund, load_ontology())
    >>> graph.nodes["organization:hongshan"]
    {'labels': ['Organization', 'Investor'], 'name': '红杉中国', 'aliases': ['HongShan'], 'region': 'Beijing'}
    """
    graph.add_node(entity.id, labels=ontology.labels_for(entity.types), name=entity.name,
                   aliases=entity.aliases, **entity.attrs)


def add_relation(graph: nx.MultiDiGraph, rel: Relation) -> None:
    """A stored relation as an edge of the view: its properties, source articles, confidence, methods.

    Examples
    --------
    Unset properties are left off; the sources become article ids:

    >>> from kg.model import Relation, Source
    >>> graph = nx.MultiDiGraph()
    >>> sources = [Source("a1", 0, 0, 9, "rule:invest", 0.85), Source("a2", 2, 0, 9, "rule:invest", 0.8)]
    >>> add_relation(graph, Relation("r1", "INVESTED_IN", "org:hongshan", "org:xh",
    ...                              {"round": "B", "role": "lead", "amount": None}, sources))
    >>> graph.edges["org:hongshan", "org:xh", "r1"]
    {'id': 'r1', 'type': 'INVESTED_IN', 'round': 'B', 'role': 'lead', 'sources': ['a1', 'a2'], 'confidence': 0.85,
     'method': ['rule:invest']}
    """
    _add_edge(graph, rel.id, rel.type, rel.source, rel.target,
              {**rel.props, "sources": sorted({s.article_id for s in rel.sources}),
               "confidence": round(rel.confidence, 4),
               "method": sorted({s.method for s in rel.sources})})


def _add_edge(graph: nx.MultiDiGraph, rel_id: str, rel_type: str, source: str, target: str,
              props: dict[str, Any]) -> None:
    clean = {k: v for k, v in props.items() if v is not None and v != []}
    graph.add_edge(source, target, key=rel_id, id=rel_id, type=rel_type, **clean)


def _add_articles(graph: nx.MultiDiGraph, store: Store) -> None:
    for art in store.articles():
        attrs = {"url": art.url, "published": art.published, "lang": art.lang, "content_hash": art.id}
        graph.add_node(ARTICLE_PREFIX + art.id, labels=[C.Article], name=art.title or art.path or art.id,
                       aliases=[], **{k: v for k, v in attrs.items() if v is not None})
    add_mentions(graph, store.first_mentions())


def add_mentions(graph: nx.MultiDiGraph, first_mentions: Iterable[tuple[str, str, Any, Any, Any]]) -> None:
    """A MENTIONED_IN edge from each entity of `graph` to the article of each of its first mentions
    (`Store.first_mentions`: entity, article, sentence, start, end), the article's node bare unless it is
    there already (shared with `kg.viz.from_store`, which reads the mentions of a few entities only)."""
    for entity_id, article_id, sentence, start, end in first_mentions:
        if entity_id not in graph:
            continue
        rel_id = "m" + short_hash(entity_id, article_id)
        _add_edge(graph, rel_id, R.MENTIONED_IN, entity_id, ARTICLE_PREFIX + article_id,
                  {"sentence": sentence, "span_start": start, "span_end": end, "sources": [article_id]})


def first_seen(graph: nx.MultiDiGraph, data: Mapping[str, Any]) -> str | None:
    """The earliest publication date of the articles an edge was read from (its `sources`), as far as
    the Article nodes of `graph` tell; None when none of them is dated.

    Examples
    --------
    >>> graph = nx.MultiDiGraph()
    >>> graph.add_node("article:a1", labels=["Article"], published="2025-07-02")
    >>> graph.add_node("article:a2", labels=["Article"], published="2025-06-30")
    >>> first_seen(graph, {"sources": ["a1", "a2"]}), first_seen(graph, {"sources": ["a9"]})
    ('2025-06-30', None)
    """
    dates = [graph.nodes[ARTICLE_PREFIX + s].get("published") for s in data.get("sources") or ()
             if ARTICLE_PREFIX + s in graph]
    known = [str(d) for d in dates if d]
    return min(known) if known else None


def _not_before(later: str | None, earlier: str | None) -> bool:
    """Is ISO date `later` on or after `earlier` at their common precision (true when either is unknown)?"""
    if not later or not earlier:
        return True
    n = min(len(later), len(earlier))
    return later[:n] >= earlier[:n]


def _same_title(a: Any, b: Any) -> bool:
    """A departure without a title leaves every position at the organisation; with one, that title's."""
    return a is None or b is None or str(a).casefold() == str(b).casefold()


def add_tenures(graph: nx.MultiDiGraph, edges: Iterable[Edge] | None = None) -> None:
    """Give each HOLDS_POSITION edge whose text states no end the `valid_to` of the first departure
    that ends it: a LEFT edge between the same person and organisation, of the same title (or none),
    dated on or after the position began. A departure is dated by its `date`, else by the first
    publication of an article reporting it (left by then); a position began at its `valid_from`, else
    its `date`, else its first report (the Article nodes of `graph` give the publications).

    A person CEO from 2019 and again from 2024 who left in 2021 holds two positions (two edges, see
    `kg.model.period`): the first ends in 2021, the second is still held. Needs every HOLDS_POSITION and
    LEFT edge between each pair it looks at, and the Article nodes of their sources. It reads the
    edges of `graph`, or `edges` when given (which must hold every such edge of `graph`).

    Examples
    --------
    >>> graph = nx.MultiDiGraph()
    >>> for start in ("2019", "2024"):
    ...     _ = graph.add_edge("person:li", "org:b", type="HOLDS_POSITION", title="CEO", valid_from=start)
    >>> _ = graph.add_edge("person:li", "org:b", type="LEFT", title="CEO", date="2021-05")
    >>> add_tenures(graph)
    >>> [(data["valid_from"], data.get("valid_to")) for _, _, data in graph.edges(data=True)
    ...  if data["type"] == "HOLDS_POSITION"]
    [('2019', '2021-05'), ('2024', None)]
    """
    pairs: dict[tuple[str, str], tuple[list[dict[str, Any]], list[dict[str, Any]]]] = defaultdict(lambda: ([], []))
    for source, target, data in graph.edges(data=True) if edges is None else edges:
        if data.get("type") == R.HOLDS_POSITION:
            pairs[(source, target)][0].append(data)
        elif data.get("type") == R.LEFT:
            pairs[(source, target)][1].append(data)
    for positions, departures in pairs.values():
        if not positions or not departures:
            continue
        ends = [(d.get("title"), d.get("date") or first_seen(graph, d)) for d in departures]
        for position in positions:
            if position.get("valid_to"):
                continue
            began = position.get("valid_from") or position.get("date") or first_seen(graph, position)
            found = [str(end) for title, end in ends
                     if end and _same_title(position.get("title"), title) and _not_before(str(end), began)]
            if found:
                position["valid_to"] = min(found)


_MONEY_KEYS = ("amount", "amount_low", "amount_high", "amount_precision", "currency", "amount_raw",
               "amount_usd", "amount_usd_low", "amount_usd_high", "usd_rate_date")
#: The extraction method of a sum the text ties to one investor ("其中A出资30亿元").
OWN_AMOUNT_METHOD = "funding-contribution"


def _own_amount(rel: Relation, investors_in_round: int) -> bool:
    """Whether a relation's sum is the investor's own cheque rather than the round's total: the text tied
    it to the investor, or the investor is the round's only one and was not named as its lead."""
    if OWN_AMOUNT_METHOD in {s.method for s in rel.sources}:
        return True
    return investors_in_round == 1 and rel.props.get("role") in (None, "sole", "strategic")


def _most_precise_date(dates: list[str]) -> str:
    """"2024-03-12" over "2024-03" over "2024"; the earliest among equally precise dates."""
    return min(dates, key=lambda d: (-len(d), d))


def add_funding_rounds(graph: nx.MultiDiGraph, relations: list[Relation]) -> None:
    """One FundingRound per (company, round) that an INVESTED_IN edge names, with the round's most
    precise date and its total (the sum given for a lead or sole investor); investors
    PARTICIPATED_IN it with their role and, only when the text ties a sum to them, their own amount. A
    round needs every INVESTED_IN edge into its company in `relations` (its date and sources come from
    all of them).

    Examples
    --------
    >>> from kg.model import Relation, Source
    >>> graph = nx.MultiDiGraph()
    >>> graph.add_node("org:xh", labels=["Organization", "Company"], name="星衡智能")
    >>> lead = Relation("r1", "INVESTED_IN", "org:hongshan", "org:xh",
    ...                 {"round": "B", "role": "lead", "amount": 300000000, "currency": "CNY", "date": "2025-07"},
    ...                 [Source("a1", 0, 0, 20, "rule:invest", 0.9)])
    >>> add_funding_rounds(graph, [lead])
    >>> graph.nodes["fundinground:xh:B"]
    {'labels': ['FundingRound'], 'name': '星衡智能 B', 'aliases': [], 'round_type': 'B', 'date': '2025-07',
     'amount': 300000000, 'currency': 'CNY'}
    >>> sorted(kind for _, _, kind in graph.edges(data="type"))
    ['PARTICIPATED_IN', 'ROUND_OF']
    """
    rounds: dict[tuple[str, str], list[Relation]] = defaultdict(list)
    for rel in relations:
        if rel.type == R.INVESTED_IN and rel.props.get("round"):
            rounds[(rel.target, str(rel.props["round"]))].append(rel)
    for (company, round_name), rels in sorted(rounds.items()):
        round_id = f"fundinground:{company.split(':', 1)[-1]}:{round_name}"
        attrs: dict[str, Any] = {"round_type": round_name}
        dated = [r for r in rels if r.props.get("date")]
        if dated:
            attrs["date"] = _most_precise_date([str(r.props["date"]) for r in dated])
            precision = next((r.props.get("date_precision") for r in dated if r.props["date"] == attrs["date"]
                              and r.props.get("date_precision")), None)
            if precision:
                attrs["date_precision"] = precision
        totals = sorted((r for r in rels if r.props.get("currency") and OWN_AMOUNT_METHOD not in
                         {s.method for s in r.sources}), key=lambda r: (-r.confidence, r.id))
        if totals:
            attrs.update({k: totals[0].props[k] for k in _MONEY_KEYS if totals[0].props.get(k) is not None})
        company_name = graph.nodes[company].get("name", company)
        graph.add_node(round_id, labels=[C.FundingRound], name=f"{company_name} {round_name}",
                       aliases=[], **attrs)
        sources = sorted({s.article_id for r in rels for s in r.sources})
        _add_edge(graph, "e" + short_hash(R.ROUND_OF, round_id), R.ROUND_OF, round_id, company,
                  {"sources": sources})
        for rel in rels:
            own = _own_amount(rel, len(rels))
            props = {k: rel.props.get(k) for k in ("role", *(_MONEY_KEYS if own else ()))}
            props["sources"] = sorted({s.article_id for s in rel.sources})
            _add_edge(graph, "e" + short_hash(R.PARTICIPATED_IN, rel.id), R.PARTICIPATED_IN, rel.source,
                      round_id, props)


def company_figures(graph: nx.MultiDiGraph) -> dict[str, list[dict[str, Any]]]:
    """The attributes of every FinancialFigure node of the view, by the company it is FIGURE_OF, in the
    order of the view's edges (the figure nodes' out-edges only: one pass over the nodes, not every edge)."""
    out: dict[str, list[dict[str, Any]]] = defaultdict(list)
    succ = graph.succ
    for figure, attrs in graph.nodes(data=True):
        if C.FinancialFigure not in attrs.get("labels", []):
            continue
        for target, keyed in succ[figure].items():
            for data in keyed.values():
                if data.get("type") == R.FIGURE_OF:
                    out[target].append(attrs)
    return out


def _with_terms(attrs: dict[str, Any], figures: list[dict[str, Any]]) -> None:
    """Add the offering's terms from the company's figures (`kg.ipo_terms`) to an IPO's `attrs`; an offer
    price read from the listing sentence stays, and a marketed range in another currency is left off."""
    terms = ipo_term_props(figures)
    if "offer_price" in attrs:
        terms.pop("offer_price", None)
        if terms.pop("currency", attrs.get("currency")) != attrs.get("currency"):
            terms.pop("offer_price_low", None)
            terms.pop("offer_price_high", None)
    attrs.update(terms)


def add_ipos(graph: nx.MultiDiGraph, relations: list[Relation],
             figures: Mapping[str, list[dict[str, Any]]] | None = None) -> None:
    """One IPO per (company, exchange) with an IPO milestone; its stage is the furthest one seen. An IPO
    needs every milestone between its company and exchange in `relations`, in id order. A company with
    one IPO gives it the terms of its figures of period IPO (`figures`: the attributes of each company's
    FinancialFigure nodes; read from `graph` when not given)."""
    ipos: dict[tuple[str, str], list[Relation]] = defaultdict(list)
    for rel in relations:
        if rel.type in _STAGE_ORDER:
            ipos[(rel.source, rel.target)].append(rel)
    figures = company_figures(graph) if figures is None else figures
    ipo_count = Counter(company for company, _exchange in ipos)
    for (company, exchange), rels in sorted(ipos.items()):
        ipo_id = f"ipo:{company.split(':', 1)[-1]}:{exchange.split(':', 1)[-1]}"
        furthest = max(rels, key=lambda r: _STAGE_ORDER[r.type])
        attrs: dict[str, Any] = {"stage": _IPO_MILESTONES[furthest.type]}
        for rel in rels:
            for key in ("ticker", "offer_price", "currency", "board"):
                if rel.props.get(key) is not None:
                    attrs.setdefault(key, rel.props[key])
        if furthest.props.get("date"):
            attrs["date"] = furthest.props["date"]
        if ipo_count[company] == 1:
            _with_terms(attrs, list(figures.get(company, [])))
        attrs.update(usd_terms(attrs))
        name = f"{graph.nodes[company].get('name', company)} IPO ({graph.nodes[exchange].get('name', exchange)})"
        graph.add_node(ipo_id, labels=[C.IPO], name=name, aliases=[], **attrs)
        sources = sorted({s.article_id for r in rels for s in r.sources})
        _add_edge(graph, "e" + short_hash(R.OFFERING_OF, ipo_id), R.OFFERING_OF, ipo_id, company,
                  {"sources": sources})
        _add_edge(graph, "e" + short_hash(R.ON_EXCHANGE, ipo_id), R.ON_EXCHANGE, ipo_id, exchange,
                  {"sources": sources, "board": attrs.get("board")})


def graph_of(path: Path | str | None = None) -> nx.MultiDiGraph:
    """The networkx view of the existing store in folder `path` (the default store when None).

    Every reader of the whole graph (node-link export, the embedded Cypher engine, the drawings)
    wants the view, not the store: the store is opened, read and closed again here, in one place.
    Raises `StoreError` when there is no store at `path` (reading never creates one).
    """
    store = open_store(path, create=False)
    try:
        return to_networkx(store)
    finally:
        store.close()


def node_link(graph: nx.MultiDiGraph) -> dict[str, Any]:
    """networkx's node-link JSON with the key `edges` (the ecosystem's format, used as-is).

    Examples
    --------
    >>> graph = nx.MultiDiGraph()
    >>> graph.add_edge("org:hongshan", "org:xh", key="r1", type="INVESTED_IN")
    'r1'
    >>> node_link(graph)["edges"]
    [{'type': 'INVESTED_IN', 'source': 'org:hongshan', 'target': 'org:xh', 'key': 'r1'}]
    """
    return nx.node_link_data(graph, edges="edges")


def from_node_link(data: dict[str, Any]) -> nx.MultiDiGraph:
    """Read node-link JSON written by `node_link` back into a graph.

    Examples
    --------
    >>> graph = nx.MultiDiGraph()
    >>> graph.add_node("org:xh", name="星衡智能")
    >>> graph.add_edge("org:hongshan", "org:xh", key="r1", type="INVESTED_IN")
    'r1'
    >>> copy = from_node_link(node_link(graph))
    >>> nx.utils.graphs_equal(graph, copy), copy.nodes["org:xh"]["name"]
    (True, '星衡智能')
    """
    return nx.node_link_graph(data, directed=True, multigraph=True, edges="edges")
