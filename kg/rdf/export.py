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

The projection is written once (`project_blocks`: a subject's triples in one graph together, which
`project` unrolls into quads) and spelled several ways (`Terms`): `iter_quads` yields rdflib terms,
which `to_rdf` collects in an rdflib Dataset (the `rdflib` engine, JSON-LD, SHACL); `kg.rdf.streaming`
spells the same blocks as N-Triples or Turtle text, without an rdflib object per triple, and writes
them as N-Triples / N-Quads lines or Turtle subjects (the `streaming` engine), or hands the lines to
pyoxigraph's serialisers for ttl, trig and xml (the `oxigraph` engine); `scripts/bench_rdf.py` times
them. Which
engine writes which format is the registry in `kg.rdf.writers`; every entry writes the same triples
(tests/rdf/test_export.py).
This module imports no writer, so the writers import it and there is no circle.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Generic, TypeVar

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


#: a path of `_PATH_ASCII` characters only, which `_encode` leaves as it is (unless it ends with ".")
_PLAIN_PATH = re.compile(r"[A-Za-z0-9\-._~!$&'()*+,;=:@/]*")


def _encode(path: str) -> str:
    """Percent-encode (UTF-8) every character an IRI path may not hold as it is, `%`, `?` and `#`
    included, so that each id is one path and the mapping is one-to-one."""
    if _PLAIN_PATH.fullmatch(path) and not path.endswith("."):
        return path
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


#: a Han character (CJK Unified Ideographs and Extension A): a name with one is Chinese
_HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff]")


def name_language(name: str) -> str:
    """zh, zh-Hant or en: the language tag a name gets in RDF.

    Examples
    --------
    >>> name_language("智谱"), name_language("智譜"), name_language("Zhipu AI")
    ('zh', 'zh-Hant', 'en')
    """
    if _HAN.search(name):
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


Quad = tuple[URIRef, URIRef, Any, URIRef | None]
T = TypeVar("T")


@dataclass(frozen=True)
class Terms(Generic[T]):
    """How the projection spells its terms. One projection (`project`) feeds every writer and only the
    spelling differs: rdflib objects (`RDFLIB_TERMS`: the reference, for rdflib's graphs and
    serialisers, JSON-LD and SHACL) or N-Triples text (`kg.rdf.streaming.nt_terms`, for the fast
    writers), which spares building rdflib objects for every triple (the cost that dominated
    `kg export`). A spelling must make two terms equal exactly when their rdflib terms are equal (the
    projection drops repeats by comparing terms); tests/rdf/test_export.py compares the two
    projections triple by triple."""

    #: an IRI (the text of a URIRef)
    iri: Callable[[str], T]
    #: a string literal without datatype or language (what `Literal(text)` is)
    plain: Callable[[str], T]
    #: a language-tagged string (`Literal(text, lang=tag)`)
    tagged: Callable[[str, str], T]
    #: a Python value typed as `literal` types it
    typed: Callable[[Any], T]


def _tagged(text: str, lang: str) -> Literal:
    return Literal(text, lang=lang)


#: the projection as rdflib terms (`iter_quads`)
RDFLIB_TERMS: Terms[Any] = Terms(URIRef, Literal, _tagged, literal)


def iter_quads(graph: nx.MultiDiGraph, ontology: Ontology | None = None, base: str = ENTITY_BASE,
               store: Any = None, with_text: bool = False, flat: bool = False) -> Iterator[Quad]:
    """Every quad of the projection of the graph view (and, given its `store`, of the records that
    make an import lossless) as rdflib terms. The fourth element is the named graph, None for the
    default graph.

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
    return project(graph, ontology or load_ontology(), RDFLIB_TERMS, base, store, with_text, flat)


#: one subject's triples in one graph: (subject, [(predicate, object), ...], graph or None)
Block = tuple[T, list[tuple[T, T]], T | None]


def project(graph: nx.MultiDiGraph, ontology: Ontology, terms: Terms[T], base: str = ENTITY_BASE,
            store: Any = None, with_text: bool = False, flat: bool = False) -> Iterator[tuple[T, T, T, T | None]]:
    """`iter_quads` with the terms spelled by `terms`: `project_blocks`, one quad per pair."""
    for subject, pairs, g in project_blocks(graph, ontology, terms, base, store, with_text, flat):
        for predicate, obj in pairs:
            yield subject, predicate, obj, g


def project_blocks(graph: nx.MultiDiGraph, ontology: Ontology, terms: Terms[T], base: str = ENTITY_BASE,
                   store: Any = None, with_text: bool = False, flat: bool = False) -> Iterator[Block[T]]:
    """The projection as blocks `(subject, [(predicate, object), ...], graph)`: the triples of one
    subject in one graph that the projection makes together (a node's description, a statement, a
    mention record), in `iter_quads`' order.

    Why blocks: a block is a Turtle subject with its `;` list, so `kg.rdf.streaming` writes Turtle
    as directly as N-Triples (each block spelled in one join), instead of handing pyoxigraph lines to
    parse and re-serialise. (For N-Triples the blocks changed nothing measurable: the time is in
    spelling the terms and in the graph view, not in handing out quads one at a time.)

    The IRI of each entity, article and relation is built once (a dict the size of the graph view,
    which every export holds anyway), those of classes and predicates once per call; nothing else is
    kept, so memory does not grow with the number of quads yielded."""
    iri, plain, tagged, typed = terms.iri, terms.plain, terms.tagged, terms.typed
    cls_iri = {name: iri(c.iri) for name, c in ontology.classes.items()}
    prop_iri = {name: iri(p.iri) for name, p in ontology.properties.items()}
    rel_iri: dict[str, T] = {}
    type_pairs: dict[tuple[str, ...], list[tuple[T, T]]] = {}
    a, statement = iri(str(RDF.type)), iri(str(RDF.Statement))
    rdf_subject, rdf_predicate, rdf_object = iri(str(RDF.subject)), iri(str(RDF.predicate)), iri(str(RDF.object))
    kgo_id, kgo_name, kgo_aliases = iri(str(KGO.id)), iri(str(KGO.name)), iri(str(KGO.aliases))
    pref_label, alt_label, same_as = iri(str(SKOS.prefLabel)), iri(str(SKOS.altLabel)), iri(str(OWL.sameAs))
    confidence, method_p = iri(str(KGO.confidence)), iri(str(KGO.method))
    derived_from = iri(str(PROV.wasDerivedFrom))

    nodes: dict[str, T] = {}
    articles_: dict[str, T] = {}
    stmts: dict[str, tuple[str, T]] = {}

    def node(node_id: str) -> T:
        term = nodes.get(node_id)
        if term is None:
            term = nodes[node_id] = iri(base + _encode(node_id.replace(":", "/", 1)))
        return term

    def article(article_id: str) -> T:
        term = articles_.get(article_id)
        if term is None:
            term = articles_[article_id] = iri(base + "article/" + _encode(article_id))
        return term

    def statement_of(rel_id: str) -> tuple[str, T]:
        """The statement node's IRI text (source nodes are built on it) and its term."""
        found = stmts.get(rel_id)
        if found is None:
            text = base + "relation/" + _encode(rel_id)
            found = stmts[rel_id] = (text, iri(text))
        return found

    def values(pairs: list[tuple[T, T]], key: str, value: Any) -> None:
        """Append the pairs of one property: a value, or each distinct scalar of a list."""
        predicate = prop_iri.get(key)
        if predicate is None or value is None:
            return
        if not isinstance(value, list):
            if not isinstance(value, dict):
                pairs.append((predicate, typed(value)))
            return
        seen = set()
        for item in value:
            if isinstance(item, (dict, list)) or item is None:
                continue
            term = typed(item)
            if term not in seen:
                seen.add(term)
                pairs.append((predicate, term))

    for node_id, attrs in graph.nodes(data=True):
        labels = tuple(attrs.get("labels") or ())
        types = type_pairs.get(labels)
        if types is None:
            types = type_pairs[labels] = [(a, cls_iri[label]) for label in ontology.labels_for(labels)]
        name = attrs.get("name") or node_id
        pairs = [*types, (kgo_id, plain(node_id)), (kgo_name, plain(name)),
                 (pref_label, tagged(name, name_language(name)))]
        for alias in attrs.get("aliases") or []:
            pairs.append((kgo_aliases, plain(alias)))
            pairs.append((alt_label, tagged(alias, name_language(alias))))
        for key, value in attrs.items():
            if key not in _NODE_META:
                values(pairs, key, value)
        qid = attrs.get("qid")
        if isinstance(qid, str) and qid[:1] == "Q" and qid[1:].isdigit():
            pairs.append((same_as, iri(str(WD) + qid)))
        yield node(node_id), pairs, None

    direct: set[tuple[T, T, T, T | None]] = set()
    for source, target, attrs in graph.edges(data=True):
        rel_id = attrs["id"]
        stmt = statement_of(rel_id)[1]
        predicate = rel_iri.get(attrs["type"])
        if predicate is None:
            predicate = rel_iri[attrs["type"]] = iri(ontology.relation(attrs["type"]).iri)
        s, o = node(source), node(target)
        sources = attrs.get("sources") or []
        # two relations may join the same pair with one type (two rounds): one direct triple per graph
        for g in [None] if flat or not sources else [article(art) for art in sources]:
            if (s, predicate, o, g) not in direct:
                direct.add((s, predicate, o, g))
                yield s, [(predicate, o)], g
        pairs = [(a, statement), (rdf_subject, s), (rdf_predicate, predicate), (rdf_object, o),
                 (kgo_id, plain(rel_id))]
        for key, value in attrs.items():
            if key not in _EDGE_META:
                values(pairs, key, value)
        if attrs.get("confidence") is not None:
            pairs.append((confidence, typed(float(attrs["confidence"]))))
        for method in attrs.get("method") or []:
            pairs.append((method_p, plain(method)))
        for art in sources:
            pairs.append((derived_from, article(art)))
        yield stmt, pairs, None

    if store is not None:
        yield from _record_blocks(store, terms, base, with_text, values, node, article, statement_of)


def _record_blocks(store: Any, terms: Terms[T], base: str, with_text: bool, values: Any, node: Any, article: Any,
                   statement_of: Any) -> Iterator[Block[T]]:
    """The records of the graph of record: articles, entity JSON, aliases, mentions, relation sources."""
    iri, plain, typed = terms.iri, terms.plain, terms.typed
    a, derived_from, prov_entity = iri(str(RDF.type)), iri(str(PROV.wasDerivedFrom)), iri(str(PROV.entity))
    record_json, record_article, record_entity = iri(str(KGR.json)), iri(str(KGR.article)), iri(str(KGR.entity))
    sentence_p, start_p, end_p = iri(str(KGO.sentence)), iri(str(KGO.span_start)), iri(str(KGO.span_end))
    method_p, confidence_p = iri(str(KGO.method)), iri(str(KGO.confidence))

    def span(pairs: list[tuple[T, T]], sentence: Any, start: Any, end: Any, method: str, confidence: float) -> None:
        if sentence is not None:
            pairs.append((sentence_p, typed(int(sentence))))
        if start is not None:
            pairs.append((start_p, typed(int(start))))
        if end is not None:
            pairs.append((end_p, typed(int(end))))
        pairs.append((method_p, plain(method)))
        pairs.append((confidence_p, typed(float(confidence))))

    known_articles = set()
    title_p, path_p, chars_p = iri(str(DCTERMS.title)), iri(str(KGR.path)), iri(str(KGR.chars))
    created_p, body_p = iri(str(DCTERMS.created)), iri(str(SCHEMA.articleBody))
    for art_id, path, title, _pub, _url, _lang, chars, added in store.article_records():
        known_articles.add(art_id)
        pairs = []
        if title is not None:
            pairs.append((title_p, plain(title)))
        if path is not None:
            pairs.append((path_p, plain(path)))
        pairs.append((chars_p, typed(int(chars))))
        pairs.append((created_p, plain(added)))
        if with_text:
            pairs.append((body_p, plain(store.article_text(art_id))))
        yield article(art_id), pairs, None
    for ent_id, key, types, attrs in store.entity_records():
        record = {"types": json.loads(types), "attrs": json.loads(attrs)}
        if key is not None:
            record["key"] = key
        yield node(ent_id), [(record_json, plain(json.dumps(record, ensure_ascii=False, sort_keys=True)))], None

    def ctx(article_id: str) -> T | None:
        return article(article_id) if article_id in known_articles else None

    alias_class, alias_p = iri(str(KGR.Alias)), iri(str(KGR.alias))
    for ent_id, alias, art_id in store.alias_records():
        subject = iri(base + "alias/" + short_hash(ent_id, alias, art_id, length=24))
        yield subject, [(a, alias_class), (record_entity, node(ent_id)), (alias_p, plain(alias)),
                        (record_article, plain(art_id))], ctx(art_id)
    mention_class, types_p, surface_p = iri(str(KGR.Mention)), iri(str(KGR.types)), iri(str(KGR.surface))
    previous, index = None, 0
    for row in store.mention_records():
        ent_id, art_id, types, surface, sentence, start, end, method, confidence = row
        index = index + 1 if previous == (ent_id, art_id) else 0
        previous = (ent_id, art_id)
        subject = iri(base + "mention/" + short_hash(ent_id, art_id, length=24) + f"-{index}")
        pairs = [(a, mention_class), (record_entity, node(ent_id)), (derived_from, article(art_id)),
                 (record_article, plain(art_id)), (types_p, plain(types)), (surface_p, plain(surface))]
        span(pairs, sentence, start, end, method, confidence)
        yield subject, pairs, ctx(art_id)
    for rel_id, props in store.relation_props_records():
        yield statement_of(rel_id)[1], [(record_json, plain(props))], None
    qualified, derivation, evidence_p = (iri(str(PROV.qualifiedDerivation)), iri(str(PROV.Derivation)),
                                         iri(str(KGO.evidence)))
    previous, index = None, 0
    for row in store.relation_source_records():
        rel_id, art_id, sentence, start, end, method, confidence, evidence, props = row
        index = index + 1 if previous == (rel_id, art_id) else 0
        previous = (rel_id, art_id)
        stmt_text, stmt = statement_of(rel_id)
        subject = iri(stmt_text + "/source/" + short_hash(art_id, length=12) + f"-{index}")
        g = ctx(art_id)
        yield stmt, [(qualified, subject)], g
        pairs = [(a, derivation), (prov_entity, article(art_id)), (record_article, plain(art_id))]
        span(pairs, sentence, start, end, method, confidence)
        if evidence is not None:
            pairs.append((evidence_p, plain(evidence)))
        pairs.append((record_json, plain(props)))
        for key, value in json.loads(props).items():
            values(pairs, key, value)
        yield subject, pairs, g


def view_and_store(source: Any, ontology: Ontology) -> tuple[nx.MultiDiGraph, Any]:
    """A store's graph view (kept between commands for a large store: `kg.view_cache`) and the store
    (whose records every writer adds), or a bare view and None."""
    if isinstance(source, nx.MultiDiGraph):
        return source, None
    from kg.view_cache import whole_view

    return whole_view(source, ontology), source


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

