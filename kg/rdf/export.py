"""The RDF projection of the graph: one stream of quads that every serialisation writes.

Pattern (documented in ontology/README.md, "RDF projection and edge properties"):

- **Nodes** are IRIs under the base (`--base-iri`, default https://w3id.org/kg-news/id/; the node
  `organization:zhipu-ai` is `<base>organization/zhipu-ai`), typed with their ontology classes and all
  their superclasses, with `kgo:id`, `kgo:name`, `kgo:aliases` and their other keys as `kgo:` literals;
  names also as language-tagged `skos:prefLabel` / `skos:altLabel` (zh, zh-Hant or en); a node with a
  Wikidata `qid` is `owl:sameAs` its Wikidata entity.
- **Relations** are the direct triple `<source> kgo:TYPE <target>` *plus* a reification of it: the
  statement node `<base>relation/<id>` typed `rdf:Statement` with `rdf:subject` / `rdf:predicate` /
  `rdf:object`, `kgo:id`, the relation's properties as `kgo:` literals (round, amount, currency, date,
  role, title, ticker…), `kgo:confidence`, `kgo:method` and `prov:wasDerivedFrom` each source Article.
- **Provenance** (PROV-O): each source of a relation is a `prov:Derivation` node reached by
  `prov:qualifiedDerivation` from the statement, with `prov:entity` the Article and `kgo:sentence`,
  `kgo:span_start`, `kgo:span_end`, `kgo:method`, `kgo:confidence`, `kgo:evidence`.
- **Records** (namespace `kgr:`, https://w3id.org/kg-news/record#): what the graph of record keeps
  beyond the graph view, so that `kg import` is lossless: every mention (`kgr:Mention`), every alias
  with the article it came from (`kgr:Alias`), article metadata (`dcterms:title`, `kgr:path`,
  `kgr:chars`, `dcterms:created`, optionally the text as `schema:articleBody`), and the exact JSON of
  properties (`kgr:json`) so that types (lists, integers, booleans) survive.
- **Named graphs** (TriG, N-Quads): the graph `<base>article/<id>` of each article holds the facts
  read from it — the direct triples of its relations, its derivation records, mentions and aliases;
  the default graph holds node descriptions and the statement nodes. The flat formats are the union.

`iter_quads` yields rdflib terms; `to_rdf` collects them in an rdflib Dataset (the `rdflib` engine);
`kg.rdf.streaming` writes them as N-Triples / N-Quads lines without building a graph (the `streaming`
engine), and re-serialises those lines with pyoxigraph for ttl, trig and xml (the `oxigraph` engine,
an order of magnitude faster than rdflib; `scripts/bench_rdf.py`). Which engine writes which format
is the registry in `kg.rdf.writers`; every entry writes the same triples (tests/rdf/test_export.py).
This module imports no writer, so the writers import it and there is no circle.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import networkx as nx
from rdflib import OWL, RDF, SKOS, Dataset, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, PROV, XSD

from kg.names import short_hash, to_simplified
from kg.ontology import ENTITY_BASE, KGO, Ontology, load_ontology

#: `kg export --format` name -> rdflib serializer/parser name.
RDF_FORMATS = {"ttl": "turtle", "nt": "nt", "nq": "nquads", "jsonld": "json-ld", "xml": "xml", "trig": "trig"}
#: Formats that keep named graphs.
QUAD_FORMATS = frozenset({"trig", "nq"})
KGR = Namespace("https://w3id.org/kg-news/record#")
SCHEMA = Namespace("https://schema.org/")
WD = Namespace("http://www.wikidata.org/entity/")
#: Edge keys that are provenance, written on the statement node with their PROV-O / kgo terms.
_EDGE_META = {"id", "type", "sources", "confidence", "method"}
_NODE_META = {"labels", "name", "aliases"}
#: ASCII characters an IRI path segment takes as they are (RFC 3987 iunreserved, sub-delims, ":", "@").
_PATH_ASCII = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~!$&'()*+,;=:@/")
ARTICLE_PREFIX = "article:"


def _ucschar(code: int) -> bool:
    """Non-ASCII characters RFC 3987 allows in an IRI path (not private use, not non-characters)."""
    if code < 0x10000:
        return 0xA0 <= code <= 0xD7FF or 0xF900 <= code <= 0xFDCF or 0xFDF0 <= code <= 0xFFEF
    # RFC 3987 leaves out U+E0000-E0FFF (language tags, variation selectors supplement)
    return code < 0xF0000 and (code & 0xFFFF) <= 0xFFFD and not 0xE0000 <= code <= 0xE0FFF


def _encode(path: str) -> str:
    """Percent-encode (UTF-8) every character an IRI path may not hold as it is, `%`, `?` and `#`
    included, so that each id is one path and the mapping is one-to-one."""
    out = []
    for c in path:
        # Unicode spaces (U+00A0, U+3000...) are legal IRI characters, but parsers that split on
        # whitespace (rdflib's N-Triples reader among them) stop at them: they are encoded too
        if c in _PATH_ASCII or (ord(c) > 0x7F and _ucschar(ord(c)) and not c.isspace()):
            out.append(c)
        else:
            out.extend(f"%{b:02X}" for b in c.encode("utf-8"))
    if out and out[-1] == ".":
        # a final "." is legal in an IRI, but a Turtle writer then ends a prefixed name with "\."
        # (pyoxigraph does), which rdflib's reader refuses; "%" is always encoded, so "%2E" stays
        # one-to-one
        out[-1] = "%2E"
    return "".join(out)


def entity_iri(node_id: str, base: str = ENTITY_BASE) -> URIRef:
    """`organization:zhipu-ai` -> `<base>organization/zhipu-ai`; Chinese stays readable (IRIs allow
    it), characters that IRIs forbid (and `%`) are percent-encoded, so the mapping is one-to-one.

    Examples
    --------
    >>> print(entity_iri("organization:zhipu-ai"))
    https://w3id.org/kg-news/id/organization/zhipu-ai
    >>> print(entity_iri("organization:星衡 智能"), entity_iri("organization:a%b"))
    https://w3id.org/kg-news/id/organization/星衡%20智能 https://w3id.org/kg-news/id/organization/a%25b
    >>> print(entity_iri("person:李明", base="http://example.org/"))
    http://example.org/person/李明
    """
    return URIRef(base + _encode(node_id.replace(":", "/", 1)))


def relation_iri(rel_id: str, base: str = ENTITY_BASE) -> URIRef:
    """The statement node of relation `rel_id`.

    Examples
    --------
    >>> print(relation_iri("r6a63cba5fe77a064"))
    https://w3id.org/kg-news/id/relation/r6a63cba5fe77a064
    """
    return URIRef(base + "relation/" + _encode(rel_id))


def article_iri(article_id: str, base: str = ENTITY_BASE) -> URIRef:
    return entity_iri(ARTICLE_PREFIX + article_id, base)


def name_language(name: str) -> str:
    """zh, zh-Hant or en: the language tag a name gets in RDF.

    Examples
    --------
    >>> name_language("智谱"), name_language("智譜"), name_language("Zhipu AI")
    ('zh', 'zh-Hant', 'en')
    """
    if any("\u4e00" <= c <= "\u9fff" or "\u3400" <= c <= "\u4dbf" for c in name):
        return "zh-Hant" if to_simplified(name) != name else "zh"
    return "en"


def decimal_text(value: float) -> str:
    """A float as an xsd:decimal lexical form that reads back to the same float (no exponent).

    Examples
    --------
    >>> decimal_text(3e8), decimal_text(0.1), decimal_text(1e-7)
    ('300000000.0', '0.1', '0.0000001')
    """
    text = format(Decimal(repr(value)), "f")
    return text if "." in text else text + ".0"


def literal(value: Any) -> Literal:
    """A Python value as a typed literal: bool, integer, decimal (double for inf/nan), else string.

    Examples
    --------
    >>> [(str(lit), lit.datatype) for lit in map(literal, (True, 3, 3e8, "B"))]
    [('true', rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#boolean')),
     ('3', rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#integer')),
     ('300000000.0', rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#decimal')),
     ('B', None)]
    >>> str(literal(["HongShan", "红杉"]))  # a list as JSON
    '["HongShan", "红杉"]'
    """
    if isinstance(value, bool):
        return Literal("true" if value else "false", datatype=XSD.boolean)
    if isinstance(value, int):
        return Literal(str(value), datatype=XSD.integer)
    if isinstance(value, float):
        if not math.isfinite(value):
            return Literal({"inf": "INF", "-inf": "-INF"}.get(repr(value), "NaN"), datatype=XSD.double)
        return Literal(decimal_text(value), datatype=XSD.decimal)
    if isinstance(value, (dict, list)):
        return Literal(json.dumps(value, ensure_ascii=False, sort_keys=True))
    return Literal(str(value))


def _dumps(value: Any) -> Literal:
    return Literal(json.dumps(value, ensure_ascii=False, sort_keys=True))


Quad = tuple[URIRef, URIRef, Any, URIRef | None]


def iter_quads(graph: nx.MultiDiGraph, ontology: Ontology | None = None, base: str = ENTITY_BASE,
               store: Any = None, with_text: bool = False, flat: bool = False) -> Iterator[Quad]:
    """Every quad of the projection of the graph view (and, given its `store`, of the records that
    make an import lossless). The fourth element is the named graph, None for the default graph.

    Examples
    --------
    >>> import networkx as nx
    >>> view = nx.MultiDiGraph()
    >>> view.add_node("organization:hongshan", labels=["Organization", "Investor"], name="红杉中国",
    ...               aliases=["HongShan"])
    >>> view.add_node("organization:xh", labels=["Organization", "Company"], name="星衡智能", aliases=[])
    >>> view.add_edge("organization:hongshan", "organization:xh", key="r1", id="r1", type="INVESTED_IN",
    ...               round="B", sources=["a1"], confidence=0.9)
    'r1'
    >>> quads = list(iter_quads(view))
    >>> sorted({str(g) for _s, _p, _o, g in quads})  # the article's own graph, and the default graph
    ['None', 'https://w3id.org/kg-news/id/article/a1']
    >>> [str(o) for s, p, o, _g in quads if p == KGO.INVESTED_IN]
    ['https://w3id.org/kg-news/id/organization/xh']


    No triple repeats within a graph; with `flat` (for the triple formats) no triple repeats at all
    (a relation's direct triple, in the graph of each of its articles, is then yielded once)."""
    ontology = ontology or load_ontology()
    props = ontology.properties
    cls_iri = {name: URIRef(c.iri) for name, c in ontology.classes.items()}
    prop_iri = {name: URIRef(p.iri) for name, p in props.items()}

    def values(subject: URIRef, key: str, value: Any, ctx: URIRef | None) -> Iterator[Quad]:
        if key not in prop_iri or value is None:
            return
        seen = set()
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, (dict, list)) or item is None:
                continue
            term = literal(item)
            if term not in seen:
                seen.add(term)
                yield subject, prop_iri[key], term, ctx

    for node_id, attrs in graph.nodes(data=True):
        subject = entity_iri(node_id, base)
        labels = attrs.get("labels") or []
        for label in ontology.labels_for(labels):
            yield subject, RDF.type, cls_iri[label], None
        yield subject, KGO.id, Literal(node_id), None
        name = attrs.get("name") or node_id
        yield subject, KGO.name, Literal(name), None
        yield subject, SKOS.prefLabel, Literal(name, lang=name_language(name)), None
        for alias in attrs.get("aliases") or []:
            yield subject, KGO.aliases, Literal(alias), None
            yield subject, SKOS.altLabel, Literal(alias, lang=name_language(alias)), None
        for key, value in attrs.items():
            if key not in _NODE_META:
                yield from values(subject, key, value, None)
        qid = attrs.get("qid")
        if isinstance(qid, str) and qid[:1] == "Q" and qid[1:].isdigit():
            yield subject, OWL.sameAs, WD[qid], None

    direct: set[tuple[URIRef, URIRef, URIRef, URIRef | None]] = set()
    for source, target, attrs in graph.edges(data=True):
        rel_id = attrs["id"]
        stmt = relation_iri(rel_id, base)
        predicate = URIRef(ontology.relation(attrs["type"]).iri)
        s, o = entity_iri(source, base), entity_iri(target, base)
        articles = attrs.get("sources") or []
        # two relations may join the same pair with one type (two rounds): one direct triple per graph
        for g in [None] if flat or not articles else [article_iri(a, base) for a in articles]:
            if (s, predicate, o, g) not in direct:
                direct.add((s, predicate, o, g))
                yield s, predicate, o, g
        yield stmt, RDF.type, RDF.Statement, None
        yield stmt, RDF.subject, s, None
        yield stmt, RDF.predicate, predicate, None
        yield stmt, RDF.object, o, None
        yield stmt, KGO.id, Literal(rel_id), None
        for key, value in attrs.items():
            if key not in _EDGE_META:
                yield from values(stmt, key, value, None)
        if attrs.get("confidence") is not None:
            yield stmt, KGO.confidence, literal(float(attrs["confidence"])), None
        for method in attrs.get("method") or []:
            yield stmt, KGO.method, Literal(method), None
        for article_id in articles:
            yield stmt, PROV.wasDerivedFrom, article_iri(article_id, base), None

    if store is not None:
        yield from _record_quads(store, ontology, base, with_text, values)


def _record_quads(store: Any, ontology: Ontology, base: str, with_text: bool, values: Any) -> Iterator[Quad]:
    """The records of the graph of record: articles, entity JSON, aliases, mentions, relation sources."""
    known_articles = set()
    for art_id, path, title, _pub, _url, _lang, chars, added in store.article_records():
        known_articles.add(art_id)
        subject = article_iri(art_id, base)
        if title is not None:
            yield subject, DCTERMS.title, Literal(title), None
        if path is not None:
            yield subject, KGR.path, Literal(path), None
        yield subject, KGR.chars, literal(int(chars)), None
        yield subject, DCTERMS.created, Literal(added), None
        if with_text:
            yield subject, SCHEMA.articleBody, Literal(store.article_text(art_id)), None
    for ent_id, key, types, attrs in store.entity_records():
        record = {"types": json.loads(types), "attrs": json.loads(attrs)}
        if key is not None:
            record["key"] = key
        yield entity_iri(ent_id, base), KGR.json, _dumps(record), None

    def ctx(article_id: str) -> URIRef | None:
        return article_iri(article_id, base) if article_id in known_articles else None

    for ent_id, alias, art_id in store.alias_records():
        node = URIRef(base + "alias/" + short_hash(ent_id, alias, art_id, length=24))
        g = ctx(art_id)
        yield node, RDF.type, KGR.Alias, g
        yield node, KGR.entity, entity_iri(ent_id, base), g
        yield node, KGR.alias, Literal(alias), g
        yield node, KGR.article, Literal(art_id), g
    previous, index = None, 0
    for row in store.mention_records():
        ent_id, art_id, types, surface, sentence, start, end, method, confidence = row
        index = index + 1 if previous == (ent_id, art_id) else 0
        previous = (ent_id, art_id)
        node = URIRef(base + "mention/" + short_hash(ent_id, art_id, length=24) + f"-{index}")
        g = ctx(art_id)
        yield node, RDF.type, KGR.Mention, g
        yield node, KGR.entity, entity_iri(ent_id, base), g
        yield node, PROV.wasDerivedFrom, article_iri(art_id, base), g
        yield node, KGR.article, Literal(art_id), g
        yield node, KGR.types, Literal(types), g
        yield node, KGR.surface, Literal(surface), g
        yield from _span(node, sentence, start, end, method, confidence, g)
    for rel_id, props in store.relation_props_records():
        yield relation_iri(rel_id, base), KGR.json, Literal(props), None
    previous, index = None, 0
    for row in store.relation_source_records():
        rel_id, art_id, sentence, start, end, method, confidence, evidence, props = row
        index = index + 1 if previous == (rel_id, art_id) else 0
        previous = (rel_id, art_id)
        stmt = relation_iri(rel_id, base)
        node = URIRef(str(stmt) + "/source/" + short_hash(art_id, length=12) + f"-{index}")
        g = ctx(art_id)
        yield stmt, PROV.qualifiedDerivation, node, g
        yield node, RDF.type, PROV.Derivation, g
        yield node, PROV.entity, article_iri(art_id, base), g
        yield node, KGR.article, Literal(art_id), g
        yield from _span(node, sentence, start, end, method, confidence, g)
        if evidence is not None:
            yield node, KGO.evidence, Literal(evidence), g
        yield node, KGR.json, Literal(props), g
        for key, value in json.loads(props).items():
            yield from values(node, key, value, g)


def _span(node: URIRef, sentence: Any, start: Any, end: Any, method: str, confidence: float,
          g: URIRef | None) -> Iterator[Quad]:
    if sentence is not None:
        yield node, KGO.sentence, literal(int(sentence)), g
    if start is not None:
        yield node, KGO.span_start, literal(int(start)), g
    if end is not None:
        yield node, KGO.span_end, literal(int(end)), g
    yield node, KGO.method, Literal(method), g
    yield node, KGO.confidence, literal(float(confidence)), g


def view_and_store(source: Any, ontology: Ontology) -> tuple[nx.MultiDiGraph, Any]:
    """A store's graph view and the store (whose records every writer adds), or a bare view and None."""
    if isinstance(source, nx.MultiDiGraph):
        return source, None
    from kg.graph import to_networkx

    return to_networkx(source, ontology), source


def prefixes(base: str = ENTITY_BASE) -> dict[str, str]:
    """The prefixes the serialisations declare.

    Examples
    --------
    >>> prefixes()["org"], prefixes("http://example.org/")["person"]
    ('https://w3id.org/kg-news/id/organization/', 'http://example.org/person/')
    """
    return {"kgo": str(KGO), "kg": base, "kgr": str(KGR), "rdf": str(RDF), "skos": str(SKOS), "prov": str(PROV),
            "owl": str(OWL), "xsd": str(XSD), "wd": str(WD), "dcterms": str(DCTERMS), "schema": str(SCHEMA),
            # one per kind of node, so that Turtle reads org:zhipu-ai rather than kg:organization\/zhipu-ai
            "org": base + "organization/", "person": base + "person/", "product": base + "product/",
            "round": base + "fundinground/", "ipo": base + "ipo/", "article": base + "article/",
            "rel": base + "relation/", "mention": base + "mention/", "alias": base + "alias/"}


def bind_prefixes(graph: Graph, base: str) -> None:
    for prefix, namespace in prefixes(base).items():
        graph.bind(prefix, Namespace(namespace), override=True, replace=True)


def to_rdf(source: Any, ontology: Ontology | None = None, base: str = ENTITY_BASE,
           with_text: bool = False) -> Dataset:
    """A store (view and records) or a graph view (no records) as an rdflib Dataset: node
    descriptions and statements in the default graph, each article's facts in a graph of its own.

    Examples
    --------
    >>> import networkx as nx
    >>> view = nx.MultiDiGraph()
    >>> view.add_node("organization:hongshan", labels=["Organization", "Investor"], name="红杉中国",
    ...               aliases=["HongShan"])
    >>> view.add_node("organization:xh", labels=["Organization", "Company"], name="星衡智能", aliases=[])
    >>> view.add_edge("organization:hongshan", "organization:xh", key="r1", id="r1", type="INVESTED_IN",
    ...               round="B", sources=["a1"], confidence=0.9)
    'r1'
    >>> dataset = to_rdf(view)
    >>> fund = entity_iri("organization:hongshan")
    >>> sorted(dataset.default_graph.objects(fund, RDF.type))
    [rdflib.term.URIRef('https://w3id.org/kg-news/ontology#Investor'),
     rdflib.term.URIRef('https://w3id.org/kg-news/ontology#Organization')]
    >>> dataset.default_graph.value(fund, SKOS.prefLabel)
    rdflib.term.Literal('红杉中国', lang='zh')
    """
    ontology = ontology or load_ontology()
    view, store = view_and_store(source, ontology)
    data = Dataset()
    bind_prefixes(data, base)
    default = data.default_graph
    graphs: dict[URIRef, Graph] = {}
    for s, p, o, g in iter_quads(view, ontology, base, store, with_text):
        if g is None:
            default.add((s, p, o))
        else:
            target = graphs.get(g)
            if target is None:
                target = graphs[g] = data.graph(g)
            target.add((s, p, o))
    return data


def flatten(dataset: Dataset) -> Graph:
    """The union of a dataset's graphs as one graph.

    Examples
    --------
    >>> import networkx as nx
    >>> view = nx.MultiDiGraph()
    >>> view.add_node("organization:hongshan", labels=["Organization", "Investor"], name="红杉中国",
    ...               aliases=["HongShan"])
    >>> view.add_node("organization:xh", labels=["Organization", "Company"], name="星衡智能", aliases=[])
    >>> view.add_edge("organization:hongshan", "organization:xh", key="r1", id="r1", type="INVESTED_IN",
    ...               round="B", sources=["a1"], confidence=0.9)
    'r1'
    >>> dataset = to_rdf(view)
    >>> flat = flatten(dataset)
    >>> len(list(dataset.graphs())), len(flat) == len(set(dataset.quads((None, None, None, None))))
    (2, True)
    """
    flat = Graph()
    for prefix, namespace in dataset.namespaces():
        flat.bind(prefix, namespace)
    for s, p, o, _g in dataset.quads((None, None, None, None)):
        flat.add((s, p, o))
    return flat

