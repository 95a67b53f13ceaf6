"""What `kg import` writes: a neutral `Dump` of nodes, relations, articles, mentions and aliases, and
`write_dump`, which writes one into a store in one transaction.

The readers fill a `Dump` from a file: `kg.rdf.importer` from any RDF format `kg export` writes (with
the store's records, an exact copy), `kg.nodelink` from node-link JSON (rebuilt from the view). Nodes
and edges the graph view derives are recognised here (`_derived`) and not stored: the view derives
them again.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from kg.errors import KGError
from kg.graph import ARTICLE_PREFIX
from kg.json_text import canonical_json
from kg.names import normalize_name, short_hash
from kg.ontology import Ontology, load_ontology
from kg.spinoffs import derived_id
from kg.store import GAZETTEER, Store
from kg.terms import R

_MILESTONES = (R.FILED_FOR_IPO, R.PASSED_LISTING_HEARING, R.LISTED_ON)


@dataclass
class NodeRec:
    id: str
    labels: list[str]
    name: str
    aliases: list[str]
    attrs: dict[str, Any]
    types: list[str] | None = None  # from the record: the store's own types
    key: str | None = None
    recorded: bool = False


@dataclass
class EdgeRec:
    id: str
    type: str
    source: str
    target: str
    props: dict[str, Any]
    sources: list[str]
    confidence: float | None
    methods: list[str]
    records: list[dict[str, Any]] | None = None
    recorded: bool = False


@dataclass
class Dump:
    nodes: dict[str, NodeRec] = field(default_factory=dict)
    edges: dict[str, EdgeRec] = field(default_factory=dict)
    articles: dict[str, dict[str, Any]] = field(default_factory=dict)
    mentions: list[tuple] | None = None  # (entity, article, types, surface, sentence, start, end, method, conf)
    aliases: list[tuple[str, str, str]] | None = None  # (entity, alias, article)
    #: True when the file carries the store's records: what has none is the view's and is skipped.
    has_records: bool = False


@dataclass(frozen=True)
class ImportReport:
    articles: int
    entities: int
    relations: int
    skipped_articles: int

    def summary(self) -> str:
        return (f"imported {self.articles} article(s), {self.entities} entities, {self.relations} relations"
                + (f"; {self.skipped_articles} article(s) already in the store" if self.skipped_articles else ""))


# -- what the view derives -----------------------------------------------------------------------


def _derived(dump: Dump) -> tuple[set[str], set[str]]:
    """(node ids, edge ids) that `kg.graph.to_networkx` derives from the stored facts.

    With records, everything without one; otherwise recognised by the ids `kg.graph` and `kg.spinoffs`
    give what they derive.
    """
    if dump.has_records:
        return ({n.id for n in dump.nodes.values() if not n.recorded},
                {e.id for e in dump.edges.values() if not e.recorded})
    nodes: set[str] = set()
    edges: set[str] = set()
    for e in dump.edges.values():
        tail = e.target.split(":", 1)[-1]
        if e.type == R.INVESTED_IN and e.props.get("round"):
            nodes.add(f"fundinground:{tail}:{e.props['round']}")
            edges.add("e" + short_hash(R.PARTICIPATED_IN, e.id))
        if e.type in _MILESTONES:
            nodes.add(f"ipo:{e.source.split(':', 1)[-1]}:{tail}")
    for e in dump.edges.values():
        if e.type in (R.ROUND_OF, R.OFFERING_OF, R.ON_EXCHANGE) and e.id == "e" + short_hash(e.type, e.source) \
                and e.source in nodes:
            edges.add(e.id)
        if e.type == R.MENTIONED_IN and e.target.startswith(ARTICLE_PREFIX) \
                and e.id == "m" + short_hash(e.source, e.target.removeprefix(ARTICLE_PREFIX)):
            edges.add(e.id)
        if e.type == R.FOUNDED_BY_ALUMNI_OF and e.props.get("derived") is True \
                and e.id == derived_id(e.source, e.target):
            edges.add(e.id)
        if e.type == R.SPUN_OFF_FROM and e.props.get("derived") is True \
                and e.id == "d" + short_hash(R.SPUN_OFF_FROM, e.source, e.target):
            edges.add(e.id)  # a founder lineage as views before FOUNDED_BY_ALUMNI_OF wrote it: derived again
    nodes = {n for n in nodes if n in dump.nodes and not dump.nodes[n].recorded}
    return nodes, {i for i in edges if i in dump.edges and dump.edges[i].records is None}


def _departure_ends(dump: Dump) -> dict[tuple[str, str], set[str]]:
    """(person, organisation) -> the ends `kg.graph.add_tenures` may give their positions: each LEFT's
    date, else the first publication of its articles."""
    out: dict[tuple[str, str], set[str]] = {}
    for e in dump.edges.values():
        if e.type != R.LEFT:
            continue
        published = [str(d) for a in e.sources if (d := dump.articles.get(a, {}).get("published"))]
        end = e.props.get("date") or (min(published) if published else None)
        if end:
            out.setdefault((e.source, e.target), set()).add(str(end))
    return out


def _stated(e: EdgeRec, ends: dict[tuple[str, str], set[str]]) -> dict[str, Any]:
    """An edge's properties without what the view added to a stored fact: the `valid_to` a position
    takes from a departure (without records only; the view derives it again)."""
    derived = ends.get((e.source, e.target), set())
    if e.type == R.HOLDS_POSITION and e.records is None and e.props.get("valid_to") in derived:
        return {k: v for k, v in e.props.items() if k != "valid_to"}
    return e.props


# -- writing -------------------------------------------------------------------------------------


def write_dump(store: Store, dump: Dump, ontology: Ontology | None = None) -> ImportReport:
    """Write a dump into the store in one transaction (all or nothing). Articles already in the store
    are kept as they are, with everything they contributed; the rest is added."""
    ontology = ontology or load_ontology()
    derived_nodes, derived_edges = _derived(dump)
    now = datetime.now(UTC).isoformat(timespec="seconds")
    with store.transaction() as conn:
        existing = store.article_ids()
        new_articles = 0
        for art_id, a in sorted(dump.articles.items()):
            if art_id in existing:
                continue
            text = a.get("text")
            store.insert_article_record(conn, (
                art_id, a.get("path"), a.get("title"), a.get("published"), a.get("url"), a.get("lang"),
                a.get("chars") if a.get("chars") is not None else len(text or ""), a.get("added") or now,
                text or ""))
            new_articles += 1

        def fresh(article_id: str | None) -> bool:
            return article_id not in existing

        mentions = dump.mentions
        if mentions is None:  # no records: one mention per MENTIONED_IN edge of the view
            mentions = []
            for e in dump.edges.values():
                node = dump.nodes.get(e.source)
                if e.type == R.MENTIONED_IN and e.id in derived_edges and node is not None:
                    joined = ",".join(ontology.most_specific(node.labels))
                    mentions.append((e.source, e.target.removeprefix(ARTICLE_PREFIX), joined, node.name,
                                     e.props.get("sentence"), e.props.get("span_start"), e.props.get("span_end"),
                                     "import", 1.0))
        first_article: dict[str, str] = {}
        for m in mentions:
            first_article.setdefault(m[0], m[1])
        entities = 0
        touched_entities: set[str] = set()
        for node in dump.nodes.values():
            if node.id in derived_nodes:
                continue
            types = node.types if node.types is not None else ontology.most_specific(node.labels)
            if not types:
                raise KGError(f"node {node.id!r} has no ontology class")
            store.merge_entity_record(conn, node.id, ontology.root_of(types[0]), node.name, node.key, types,
                                      node.attrs)
            entities += 1
            if dump.aliases is None:
                article = GAZETTEER if node.key else first_article.get(node.id, GAZETTEER)
                store.insert_alias_records(conn, [(node.id, alias, normalize_name(alias), article)
                                                  for alias in (*node.aliases, node.name)])
        store.insert_alias_records(conn, [(ent_id, alias, normalize_name(alias), article)
                                          for ent_id, alias, article in dump.aliases or []
                                          if fresh(article) or article == GAZETTEER])
        kept = [m for m in mentions if fresh(m[1]) and m[0] in dump.nodes]
        store.insert_mention_records(conn, kept)
        touched_entities.update(m[0] for m in kept)
        relations = 0
        touched_relations: set[str] = set()
        ends = _departure_ends(dump)
        for e in dump.edges.values():
            if e.id in derived_edges:
                continue
            props = _stated(e, ends)
            records = e.records
            if records is None:
                confidence = e.confidence if e.confidence is not None else 0.0
                records = [{"article": a, "sentence": None, "span_start": None, "span_end": None, "method": m,
                            "confidence": confidence, "evidence": None, "props": props}
                           for a in e.sources for m in (e.methods or ["import"])]
            store.insert_relation_record(conn, e.id, e.type, e.source, e.target, props)
            relations += 1
            sources = [(e.id, r["article"], r["sentence"], r["span_start"], r["span_end"], r["method"],
                        r["confidence"], r["evidence"], canonical_json(r["props"]))
                       for r in records if fresh(r["article"])]
            store.insert_relation_source_records(conn, sources)
            if sources:
                touched_relations.add(e.id)
        store.refresh_relations(conn, touched_relations)
        store.refresh_entities(conn, touched_entities)
        # not re-clustered here: the people and firms it added to are regrouped from all their records next
        store.sync_records(conn, {(m[0], m[1]) for m in kept})
        store.unsettle(conn, {m[0] for m in kept})
    return ImportReport(new_articles, entities, relations, len(set(dump.articles) & existing))
