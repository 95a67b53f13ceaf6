"""`kg import`: read an export (any RDF format we write, or node-link JSON) back into a store.

Both kinds of file are first read into one neutral `Dump` (nodes, relations, articles, mentions,
aliases, relation sources); `write_dump` then writes it into the store's tables in one transaction.

- RDF written from a store carries the records (`kgr:json`, `kgr:Mention`, `kgr:Alias`,
  `prov:Derivation`…, see `kg.rdf.export`), so the import is exact: same entities, relations, sources
  (sentence, span, method, confidence, evidence, the properties each source stated), mentions, aliases
  and article metadata (and text, when exported with `--with-text`).
- Without records (node-link JSON, or RDF of a bare graph view) the store is rebuilt from the view: one
  source per (article, method) of each relation with the relation's confidence, one mention per
  MENTIONED_IN edge. The graph view of the result is the same as the one exported.

Nodes and edges that the view derives (FundingRound and IPO nodes, ROUND_OF, OFFERING_OF,
ON_EXCHANGE, PARTICIPATED_IN and MENTIONED_IN edges, Article nodes) are recognised by their ids and
are not stored: the view derives them again.
"""

from __future__ import annotations

import json
import re
import sqlite3
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from rdflib import RDF, Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, XSD

from kg.errors import KGError
from kg.names import normalize_name, short_hash
from kg.ontology import KGO, Ontology, load_ontology
from kg.rdf.export import ARTICLE_PREFIX, KGR, RDF_FORMATS, SCHEMA
from kg.store import GAZETTEER, Store

_SUFFIX_FORMATS = {".ttl": "ttl", ".turtle": "ttl", ".nt": "nt", ".nq": "nq", ".jsonld": "jsonld",
                   ".xml": "xml", ".rdf": "xml", ".owl": "xml", ".trig": "trig", ".json": "node-link"}
_MILESTONES = ("FILED_FOR_IPO", "PASSED_LISTING_HEARING", "LISTED_ON")
_EDGE_META = {"id", "type", "sources", "confidence", "method", "key", "source", "target"}


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


def guess_format(path: Path) -> str:
    fmt = _SUFFIX_FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise KGError(f"{path}: cannot tell the format from the suffix; pass --format "
                      f"({', '.join(sorted({*RDF_FORMATS, 'node-link'}))})")
    if fmt == "node-link":
        head = path.read_text(encoding="utf-8")[:4096].lstrip()
        if head.startswith("[") or '"@context"' in head or '"@graph"' in head or '"@id"' in head:
            return "jsonld"
    return fmt


# -- reading -------------------------------------------------------------------------------------


def read_file(path: Path, fmt: str | None = None, ontology: Ontology | None = None) -> Dump:
    """Read any format we export into a `Dump`."""
    ontology = ontology or load_ontology()
    path = Path(path)
    if not path.exists():
        raise KGError(f"no such file: {path}")
    fmt = fmt or guess_format(path)
    if fmt == "node-link":
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except ValueError as exc:
            raise KGError(f"{path}: not JSON ({exc})") from exc
        return dump_from_node_link(data, ontology)
    if fmt not in RDF_FORMATS:
        raise KGError(f"unknown format {fmt!r}")
    try:
        if fmt in ("trig", "nq"):
            dataset = Dataset()
            dataset.parse(path, format=RDF_FORMATS[fmt])
            graph = Graph()
            for s, p, o, _g in dataset.quads((None, None, None, None)):
                graph.add((s, p, o))
        else:
            graph = Graph().parse(path, format=RDF_FORMATS[fmt])
    except Exception as exc:  # rdflib raises many parser exception types
        raise KGError(f"{path}: cannot parse as {fmt}: {exc}") from exc
    return dump_from_rdf(graph, ontology)


def _py(value: Any) -> Any:
    if not isinstance(value, Literal):
        return str(value)
    dt = value.datatype
    if dt == XSD.boolean:
        return str(value) in ("true", "1")
    if dt in (XSD.integer, XSD.int, XSD.long):
        return int(str(value))
    if dt in (XSD.decimal, XSD.double, XSD.float):
        return float(str(value))
    return str(value)


def _one(graph: Graph, subject: Any, predicate: URIRef) -> Any:
    value = graph.value(subject, predicate)
    return None if value is None else _py(value)


def dump_from_rdf(graph: Graph, ontology: Ontology) -> Dump:
    """Nodes, statements and records of an RDF graph in our projection."""
    dump = Dump()
    class_names = {c.iri: name for name, c in ontology.classes.items()}
    prop_names = {p.iri: name for name, p in ontology.properties.items()}
    relation_names = {r.iri: name for name, r in ontology.relations.items()}
    ids: dict[Any, str] = {}
    for subject, value in graph.subject_objects(KGO.id):
        ids[subject] = str(value)
    article_ids: dict[Any, str] = {}
    statements = set(graph.subjects(RDF.type, RDF.Statement))

    def key_values(subject: Any, skip: set[str]) -> dict[str, Any]:
        found: dict[str, list[Any]] = {}
        for p, o in graph.predicate_objects(subject):
            name = prop_names.get(str(p))
            if name and name not in skip and isinstance(o, Literal):
                found.setdefault(name, []).append(_py(o))
        return {k: (v[0] if len(v) == 1 else sorted(v, key=str)) for k, v in sorted(found.items())}

    for subject, node_id in ids.items():
        if subject in statements:
            continue
        labels = sorted({class_names[str(t)] for t in graph.objects(subject, RDF.type) if str(t) in class_names})
        if not labels:
            continue
        name = _one(graph, subject, KGO.name) or node_id
        aliases = sorted({str(a) for a in graph.objects(subject, KGO.aliases)})
        attrs = key_values(subject, {"id", "name", "aliases"})
        if "Article" in labels:
            art_id = str(attrs.get("content_hash") or node_id.removeprefix(ARTICLE_PREFIX))
            article_ids[subject] = art_id
            recorded = graph.value(subject, DCTERMS.created) is not None
            dump.articles[art_id] = {
                "title": _one(graph, subject, DCTERMS.title) if recorded else (None if name == art_id else name),
                "path": _one(graph, subject, KGR.path), "published": attrs.get("published"),
                "url": attrs.get("url"), "lang": attrs.get("lang"), "chars": _one(graph, subject, KGR.chars),
                "added": _one(graph, subject, DCTERMS.created), "text": _one(graph, subject, SCHEMA.articleBody),
            }
            continue
        node = NodeRec(node_id, labels, name, aliases, attrs)
        record = graph.value(subject, KGR.json)
        if record is not None:
            data = json.loads(str(record))
            node.types, node.attrs, node.key, node.recorded = data["types"], data["attrs"], data.get("key"), True
        dump.nodes[node_id] = node

    def article_of(iri: Any) -> str:
        if iri in article_ids:
            return article_ids[iri]
        return ids.get(iri, str(iri).rsplit("/", 1)[-1]).removeprefix(ARTICLE_PREFIX)

    for stmt in statements:
        rel_id = ids.get(stmt)
        predicate = graph.value(stmt, RDF.predicate)
        if rel_id is None or str(predicate) not in relation_names:
            continue
        source, target = graph.value(stmt, RDF.subject), graph.value(stmt, RDF.object)
        props_json = graph.value(stmt, KGR.json)
        props = (json.loads(str(props_json)) if props_json is not None
                 else key_values(stmt, {"id", "confidence", "method", "evidence"}))
        records = None
        derivations = list(graph.objects(stmt, PROV.qualifiedDerivation))
        if derivations:
            records = []
            for rec in derivations:
                rec_props = graph.value(rec, KGR.json)
                records.append({
                    "article": _one(graph, rec, KGR.article) or article_of(graph.value(rec, PROV.entity)),
                    "sentence": _one(graph, rec, KGO.sentence), "span_start": _one(graph, rec, KGO.span_start),
                    "span_end": _one(graph, rec, KGO.span_end), "method": _one(graph, rec, KGO.method) or "",
                    "confidence": _one(graph, rec, KGO.confidence) or 0.0,
                    "evidence": _one(graph, rec, KGO.evidence),
                    "props": json.loads(str(rec_props)) if rec_props is not None else props,
                    "order": _order(rec),
                })
            records.sort(key=lambda r: (r["article"], r["order"]))
        dump.edges[rel_id] = EdgeRec(
            rel_id, relation_names[str(predicate)], ids.get(source, str(source)), ids.get(target, str(target)),
            props, sorted({article_of(a) for a in graph.objects(stmt, PROV.wasDerivedFrom)}),
            _one(graph, stmt, KGO.confidence), sorted({str(m) for m in graph.objects(stmt, KGO.method)}),
            records, props_json is not None)

    dump.has_records = any(n.recorded for n in dump.nodes.values()) or any(e.recorded for e in dump.edges.values())
    mention_nodes = list(graph.subjects(RDF.type, KGR.Mention))
    if mention_nodes or any(n.recorded for n in dump.nodes.values()):
        rows = []
        for mention in mention_nodes:
            entity = ids.get(graph.value(mention, KGR.entity))
            if entity is None:
                continue
            rows.append(((entity, _one(graph, mention, KGR.article), _order(mention)), (
                entity, _one(graph, mention, KGR.article), _one(graph, mention, KGR.types) or "",
                _one(graph, mention, KGR.surface) or "", _one(graph, mention, KGO.sentence),
                _one(graph, mention, KGO.span_start), _one(graph, mention, KGO.span_end),
                _one(graph, mention, KGO.method) or "", _one(graph, mention, KGO.confidence) or 0.0)))
        dump.mentions = [row for _k, row in sorted(rows, key=lambda r: r[0])]
        dump.aliases = sorted(
            (ids[graph.value(node, KGR.entity)], _one(graph, node, KGR.alias), _one(graph, node, KGR.article))
            for node in graph.subjects(RDF.type, KGR.Alias) if graph.value(node, KGR.entity) in ids)
    return dump


_ORDER = re.compile(r"-(\d+)$")


def _order(node: Any) -> int:
    match = _ORDER.search(str(node))
    return int(match.group(1)) if match else 0


def dump_from_node_link(data: dict[str, Any], ontology: Ontology) -> Dump:
    """The nodes and edges of node-link JSON (`kg export --format node-link`)."""
    if not isinstance(data, dict) or "nodes" not in data:
        raise KGError("not node-link JSON (no 'nodes')")
    dump = Dump()
    for node in data["nodes"]:
        node_id = str(node["id"])
        labels = list(node.get("labels") or [])
        attrs = {k: v for k, v in node.items() if k not in {"id", "labels", "name", "aliases"}}
        name = node.get("name") or node_id
        if "Article" in labels:
            art_id = str(attrs.get("content_hash") or node_id.removeprefix(ARTICLE_PREFIX))
            dump.articles[art_id] = {"title": None if name == art_id else name, "path": None,
                                     "published": attrs.get("published"), "url": attrs.get("url"),
                                     "lang": attrs.get("lang"), "chars": None, "added": None, "text": None}
            continue
        dump.nodes[node_id] = NodeRec(node_id, labels, name, list(node.get("aliases") or []), attrs)
    for edge in data.get("edges", data.get("links", [])):
        rel_id = str(edge.get("id") or edge.get("key"))
        props = {k: v for k, v in edge.items() if k not in _EDGE_META}
        methods = edge.get("method") or []
        dump.edges[rel_id] = EdgeRec(rel_id, edge["type"], str(edge["source"]), str(edge["target"]), props,
                                     list(edge.get("sources") or []), edge.get("confidence"),
                                     methods if isinstance(methods, list) else [methods])
    return dump


# -- what the view derives -----------------------------------------------------------------------


def _derived(dump: Dump) -> tuple[set[str], set[str]]:
    """(node ids, edge ids) that `kg.graph.to_networkx` derives from the stored facts.

    With records, everything without one; otherwise recognised by the ids `kg.graph` and `kg.lineage`
    give what they derive.
    """
    if dump.has_records:
        return ({n.id for n in dump.nodes.values() if not n.recorded},
                {e.id for e in dump.edges.values() if not e.recorded})
    nodes: set[str] = set()
    edges: set[str] = set()
    for e in dump.edges.values():
        tail = e.target.split(":", 1)[-1]
        if e.type == "INVESTED_IN" and e.props.get("round"):
            nodes.add(f"fundinground:{tail}:{e.props['round']}")
            edges.add("e" + short_hash("PARTICIPATED_IN", e.id))
        if e.type in _MILESTONES:
            nodes.add(f"ipo:{e.source.split(':', 1)[-1]}:{tail}")
    for e in dump.edges.values():
        if e.type in ("ROUND_OF", "OFFERING_OF", "ON_EXCHANGE") and e.id == "e" + short_hash(e.type, e.source) \
                and e.source in nodes:
            edges.add(e.id)
        if e.type == "MENTIONED_IN" and e.target.startswith(ARTICLE_PREFIX) \
                and e.id == "m" + short_hash(e.source, e.target.removeprefix(ARTICLE_PREFIX)):
            edges.add(e.id)
        if e.type == "SPUN_OFF_FROM" and e.props.get("derived") is True \
                and e.id == "d" + short_hash("SPUN_OFF_FROM", e.source, e.target):
            edges.add(e.id)
    nodes = {n for n in nodes if n in dump.nodes and not dump.nodes[n].recorded}
    return nodes, {i for i in edges if i in dump.edges and dump.edges[i].records is None}


# -- writing -------------------------------------------------------------------------------------


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def write_dump(store: Store, dump: Dump, ontology: Ontology | None = None) -> ImportReport:
    """Write a dump into the store in one transaction (all or nothing). Articles already in the store
    are kept as they are, with everything they contributed; the rest is added."""
    ontology = ontology or load_ontology()
    derived_nodes, derived_edges = _derived(dump)
    now = datetime.now(UTC).isoformat(timespec="seconds")
    with store.transaction() as conn:
        existing = {r[0] for r in conn.execute("SELECT id FROM articles")}
        new_articles = 0
        for art_id, a in sorted(dump.articles.items()):
            if art_id in existing:
                continue
            text = a.get("text")
            conn.execute(
                "INSERT INTO articles (id, path, title, published, url, lang, chars, added, text)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (art_id, a.get("path"), a.get("title"), a.get("published"), a.get("url"), a.get("lang"),
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
                if e.type == "MENTIONED_IN" and e.id in derived_edges and node is not None:
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
            _insert_entity(conn, node, types, ontology)
            entities += 1
            if dump.aliases is None:
                article = GAZETTEER if node.key else first_article.get(node.id, GAZETTEER)
                for alias in (*node.aliases, node.name):
                    conn.execute("INSERT OR IGNORE INTO aliases VALUES (?, ?, ?, ?)",
                                 (node.id, alias, normalize_name(alias), article))
        for ent_id, alias, article in dump.aliases or []:
            if fresh(article) or article == GAZETTEER:
                conn.execute("INSERT OR IGNORE INTO aliases VALUES (?, ?, ?, ?)",
                             (ent_id, alias, normalize_name(alias), article))
        for m in mentions:
            if fresh(m[1]) and m[0] in dump.nodes:
                conn.execute("INSERT INTO mentions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", m)
                touched_entities.add(m[0])
        relations = 0
        touched_relations: set[str] = set()
        for e in dump.edges.values():
            if e.id in derived_edges:
                continue
            records = e.records
            if records is None:
                confidence = e.confidence if e.confidence is not None else 0.0
                records = [{"article": a, "sentence": None, "span_start": None, "span_end": None, "method": m,
                            "confidence": confidence, "evidence": None, "props": e.props}
                           for a in e.sources for m in (e.methods or ["import"])]
            conn.execute("INSERT OR IGNORE INTO relations (id, type, source, target, props) VALUES (?, ?, ?, ?, ?)",
                         (e.id, e.type, e.source, e.target, _dumps(e.props)))
            relations += 1
            for r in records:
                if not fresh(r["article"]):
                    continue
                conn.execute("INSERT INTO relation_sources VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                             (e.id, r["article"], r["sentence"], r["span_start"], r["span_end"], r["method"],
                              r["confidence"], r["evidence"], _dumps(r["props"])))
                touched_relations.add(e.id)
        store.refresh_relations(conn, touched_relations)
        store.refresh_entities(conn, touched_entities)
    return ImportReport(new_articles, entities, relations, len(set(dump.articles) & existing))


def _insert_entity(conn: sqlite3.Connection, node: NodeRec, types: list[str], ontology: Ontology) -> None:
    row = conn.execute("SELECT attrs, types FROM entities WHERE id = ?", (node.id,)).fetchone()
    if row is None:
        conn.execute(
            "INSERT INTO entities (id, root, name, gazetteer_key, types, attrs) VALUES (?, ?, ?, ?, ?, ?)",
            (node.id, ontology.root_of(types[0]), node.name, node.key, _dumps(sorted(types)), _dumps(node.attrs)))
        return
    attrs = json.loads(row[0])
    merged = {**node.attrs, **attrs}  # what the store knew first stays, as in a build
    conn.execute("UPDATE entities SET attrs = ?, types = ? WHERE id = ?",
                 (_dumps(merged), _dumps(sorted(set(json.loads(row[1])) | set(types))), node.id))


def import_file(store: Store, path: Path, fmt: str | None = None, ontology: Ontology | None = None) -> ImportReport:
    """Read `path` (format from `fmt` or the suffix) and add it to `store`."""
    ontology = ontology or load_ontology()
    return write_dump(store, read_file(Path(path), fmt, ontology), ontology)
