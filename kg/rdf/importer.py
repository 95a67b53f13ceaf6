"""`kg import`: read an export (any RDF format we write, or node-link JSON) back into a store.

Both kinds of file are first read into one neutral `kg.dump.Dump` (nodes, relations, articles, mentions,
aliases, relation sources): RDF here, node-link JSON by `kg.nodelink`; `kg.dump.write_dump` then writes it
into the store in one transaction.

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
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import RDF, URIRef
from rdflib.namespace import DCTERMS, PROV, XSD

from kg.dump import Dump, EdgeRec, ImportReport, NodeRec, write_dump
from kg.errors import KGError
from kg.gcpause import gc_paused
from kg.nodelink import read_node_link
from kg.ontology import KGO, Ontology, load_ontology
from kg.rdf.export import ARTICLE_PREFIX, KGR, RDF_FORMATS, SCHEMA
from kg.store import Store
from kg.terms import C

_SUFFIX_FORMATS = {".ttl": "ttl", ".turtle": "ttl", ".nt": "nt", ".nq": "nq", ".jsonld": "jsonld",
                   ".xml": "xml", ".rdf": "xml", ".owl": "xml", ".trig": "trig", ".json": "node-link"}


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


def read_file(path: Path, fmt: str | None = None, ontology: Ontology | None = None,
              progress: Callable[[int], None] | None = None) -> Dump:
    """Read any format we export into a `Dump`; `progress`, when given, is told the RDF triples read, by
    increments (`Triples.parse`)."""
    ontology = ontology or load_ontology()
    path = Path(path)
    if not path.exists():
        raise KGError(f"no such file: {path}")
    fmt = fmt or guess_format(path)
    if fmt == "node-link":
        return read_node_link(path, ontology)
    if fmt not in RDF_FORMATS:
        raise KGError(f"unknown format {fmt!r}")
    # millions of new dicts and terms and no cycles among them: the collector would walk them again and
    # again as they are made (a quarter of the time, measured on 760,000 triples)
    with gc_paused():
        return dump_from_rdf(Triples.parse(path, fmt, progress), ontology)


#: `kg export --format` name -> pyoxigraph's parser for it
_PARSERS = {"ttl": "TURTLE", "nt": "N_TRIPLES", "nq": "N_QUADS", "trig": "TRIG", "xml": "RDF_XML",
            "jsonld": "JSON_LD"}
_RDF_TYPE = str(RDF.type)
#: How often `Triples.parse` tells its progress, in triples read
_TOLD_EVERY = 65_536


class Triples:
    """The triples of an RDF file (the union of its graphs, each triple once), indexed the two ways
    `dump_from_rdf` reads them: by subject and predicate, and subjects by type.

    Why not an rdflib `Graph`: its parser and its three indexes of Python term objects took 32 s and
    1.2 GB for the 760,000 triples of a 1,344-article store. Here pyoxigraph parses in compiled code, and
    the index is kept small: each distinct term (and predicate IRI) is held once, however many triples
    repeat it (the parser makes a new object for every occurrence), and a subject's predicate with one
    object holds that object, not a set of one (`_listed` reads either). On that store: 75 bytes per
    triple, against 490 with a set per predicate and an object per occurrence."""

    def __init__(self) -> None:
        #: subject -> predicate IRI -> its object, or a dict of its objects (keys, in file order) when several
        self.by_subject: dict[Any, dict[str, Any]] = {}
        self.of_type: dict[str, dict[Any, None]] = {}

    @classmethod
    def parse(cls, path: Path, fmt: str, progress: Callable[[int], None] | None = None) -> Triples:
        """The triples of `path` in `fmt` (one of `RDF_FORMATS`); `KGError` when it cannot be parsed.
        `progress`, when given, is told the triples read (quads: each graph's), every `_TOLD_EVERY` and
        at the end."""
        triples = cls()
        by_subject, of_type = triples.by_subject, triples.of_type
        held: dict[Any, Any] = {}  # every distinct term and predicate IRI, once
        read = 0
        try:
            for read, quad in enumerate(ox.parse(path=str(path), format=getattr(ox.RdfFormat, _PARSERS[fmt])), 1):
                subject = quad.subject
                predicate = quad.predicate.value
                predicate = held.setdefault(predicate, predicate)
                obj = held.setdefault(quad.object, quad.object)
                objects = by_subject.get(subject)
                if objects is None:
                    by_subject[subject] = {predicate: obj}
                else:
                    old = objects.get(predicate)
                    if old is None:
                        objects[predicate] = obj
                    elif type(old) is dict:
                        old[obj] = None
                    elif old != obj:
                        objects[predicate] = {old: None, obj: None}
                if predicate == _RDF_TYPE:
                    of_type.setdefault(obj.value, {})[subject] = None
                if progress is not None and read % _TOLD_EVERY == 0:
                    progress(_TOLD_EVERY)
        except (SyntaxError, ValueError, OSError) as exc:
            raise KGError(f"{path}: cannot parse as {fmt}: {exc}") from exc
        if progress is not None and read % _TOLD_EVERY:
            progress(read % _TOLD_EVERY)
        return triples

    def objects(self, subject: Any, predicate: Any) -> list[Any]:
        return _listed(self.by_subject.get(subject, {}).get(str(predicate)))

    def value(self, subject: Any, predicate: Any) -> Any:
        """One object of (subject, predicate), or None (the first read, where a file gives several)."""
        found = self.by_subject.get(subject, {}).get(str(predicate))
        return next(iter(found)) if type(found) is dict else found

    def predicate_objects(self, subject: Any) -> Iterator[tuple[str, Any]]:
        for predicate, found in self.by_subject.get(subject, {}).items():
            for obj in _listed(found):
                yield predicate, obj

    def subjects_of_type(self, cls: Any) -> list[Any]:
        return list(self.of_type.get(str(cls), ()))

    def subject_objects(self, predicate: Any) -> Iterator[tuple[Any, Any]]:
        key = str(predicate)
        for subject, objects in self.by_subject.items():
            for obj in _listed(objects.get(key)):
                yield subject, obj


def _listed(found: Any) -> list[Any]:
    """The objects an index entry holds: none, one, or a dict of several."""
    if found is None:
        return []
    return list(found) if type(found) is dict else [found]


_XSD_INTEGERS = {str(XSD.integer), str(XSD.int), str(XSD.long)}
_XSD_FLOATS = {str(XSD.decimal), str(XSD.double), str(XSD.float)}


def _is_literal(term: Any) -> bool:
    return isinstance(term, ox.Literal)


def _py(value: Any) -> Any:
    """A term as the Python value the store keeps: typed literals as numbers and booleans, the rest text."""
    if not _is_literal(value):
        return value.value
    datatype = value.datatype.value
    if datatype == str(XSD.boolean):
        return value.value in ("true", "1")
    if datatype in _XSD_INTEGERS:
        return int(value.value)
    if datatype in _XSD_FLOATS:
        return float(value.value)
    return value.value


def _one(graph: Triples, subject: Any, predicate: URIRef) -> Any:
    value = graph.value(subject, predicate)
    return None if value is None else _py(value)


def dump_from_rdf(graph: Triples, ontology: Ontology) -> Dump:
    """Nodes, statements and records of an RDF graph in our projection."""
    dump = Dump()
    class_names = {c.iri: name for name, c in ontology.classes.items()}
    prop_names = {p.iri: name for name, p in ontology.properties.items()}
    relation_names = {r.iri: name for name, r in ontology.relations.items()}
    ids: dict[Any, str] = {}
    for subject, value in graph.subject_objects(KGO.id):
        ids[subject] = value.value
    article_ids: dict[Any, str] = {}
    statements = set(graph.subjects_of_type(RDF.Statement))

    def key_values(subject: Any, skip: set[str]) -> dict[str, Any]:
        found: dict[str, list[Any]] = {}
        for p, o in graph.predicate_objects(subject):
            name = prop_names.get(p)
            if name and name not in skip and _is_literal(o):
                found.setdefault(name, []).append(_py(o))
        return {k: (v[0] if len(v) == 1 else sorted(v, key=str)) for k, v in sorted(found.items())}

    for subject, node_id in ids.items():
        if subject in statements:
            continue
        labels = sorted({class_names[t.value] for t in graph.objects(subject, RDF.type) if t.value in class_names})
        if not labels:
            continue
        name = _one(graph, subject, KGO.name) or node_id
        aliases = sorted({a.value for a in graph.objects(subject, KGO.aliases)})
        attrs = key_values(subject, {"id", "name", "aliases"})
        if C.Article in labels:
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
            data = json.loads(record.value)
            node.types, node.attrs, node.key, node.recorded = data["types"], data["attrs"], data.get("key"), True
        dump.nodes[node_id] = node

    def article_of(iri: Any) -> str:
        if iri in article_ids:
            return article_ids[iri]
        return ids.get(iri, iri.value.rsplit("/", 1)[-1]).removeprefix(ARTICLE_PREFIX)

    for stmt in statements:
        rel_id = ids.get(stmt)
        predicate = graph.value(stmt, RDF.predicate)
        if rel_id is None or predicate is None or predicate.value not in relation_names:
            continue
        source, target = graph.value(stmt, RDF.subject), graph.value(stmt, RDF.object)
        props_json = graph.value(stmt, KGR.json)
        props = (json.loads(props_json.value) if props_json is not None
                 else key_values(stmt, {"id", "confidence", "method", "evidence"}))
        records = None
        derivations = graph.objects(stmt, PROV.qualifiedDerivation)
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
                    "props": json.loads(rec_props.value) if rec_props is not None else props,
                    "order": _order(rec),
                })
            records.sort(key=lambda r: (r["article"], r["order"]))
        dump.edges[rel_id] = EdgeRec(
            rel_id, relation_names[predicate.value], ids.get(source, source.value), ids.get(target, target.value),
            props, sorted({article_of(a) for a in graph.objects(stmt, PROV.wasDerivedFrom)}),
            _one(graph, stmt, KGO.confidence), sorted({m.value for m in graph.objects(stmt, KGO.method)}),
            records, props_json is not None)

    dump.has_records = any(n.recorded for n in dump.nodes.values()) or any(e.recorded for e in dump.edges.values())
    mention_nodes = graph.subjects_of_type(KGR.Mention)
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
            for node in graph.subjects_of_type(KGR.Alias) if graph.value(node, KGR.entity) in ids)
    return dump


_ORDER = re.compile(r"-(\d+)$")


def _order(node: Any) -> int:
    match = _ORDER.search(node.value)
    return int(match.group(1)) if match else 0


def import_file(store: Store, path: Path, fmt: str | None = None, ontology: Ontology | None = None,
                progress: Callable[[int], None] | None = None) -> ImportReport:
    """Read `path` (format from `fmt` or the suffix) and add it to `store`; `progress`, when given, is told
    the RDF triples read as they are read (`kg import` counts them on a terminal)."""
    ontology = ontology or load_ontology()
    return write_dump(store, read_file(Path(path), fmt, ontology, progress), ontology)
