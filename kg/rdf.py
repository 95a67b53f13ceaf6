"""RDF projection (v1) through rdflib: the one module that speaks in triples.

v1 writes every node as a typed resource (ontology classes and their superclasses), names as
language-tagged `skos:prefLabel` / `skos:altLabel`, node properties as `kgo:` literals, and each
relation as a direct `kgo:TYPE` triple. In TriG each article's relations sit in a named graph of
their own (the graph IRI is the article), so provenance survives. Relation attributes (amount,
round, date…) in RDF and a lossless import are the RDF issue's work.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import networkx as nx
from rdflib import RDF, SKOS, Dataset, Graph, Literal, Namespace, URIRef
from rdflib.namespace import PROV, XSD

from kg.names import to_simplified
from kg.ontology import ENTITY_BASE, KGO, Ontology, load_ontology

#: `kg export --format` name -> rdflib serializer name.
RDF_FORMATS = {"ttl": "turtle", "nt": "nt", "jsonld": "json-ld", "xml": "xml", "trig": "trig"}
_UNSAFE = set(' <>"{}|\\^`%')


def entity_iri(node_id: str, base: str = ENTITY_BASE) -> URIRef:
    """`organization:zhipu-ai` -> `<base>organization/zhipu-ai`; Chinese stays readable (IRIs allow
    it), characters that IRIs forbid are percent-encoded."""
    path = node_id.replace(":", "/", 1)
    safe = "".join(f"%{ord(c):02X}" if c in _UNSAFE or ord(c) < 0x20 else c for c in path)
    return URIRef(base + safe)


def name_language(name: str) -> str:
    """zh, zh-Hant or en: the language tag a name gets in RDF."""
    if any("\u4e00" <= c <= "\u9fff" or "\u3400" <= c <= "\u4dbf" for c in name):
        return "zh-Hant" if to_simplified(name) != name else "zh"
    return "en"


def _literal(value: Any) -> Literal:
    if isinstance(value, bool):
        return Literal(value, datatype=XSD.boolean)
    if isinstance(value, int):
        return Literal(value, datatype=XSD.integer)
    if isinstance(value, float):
        return Literal(repr(value), datatype=XSD.decimal)
    return Literal(str(value))


def to_rdf(graph: nx.MultiDiGraph, ontology: Ontology | None = None, base: str = ENTITY_BASE) -> Dataset:
    """The graph as an rdflib Dataset: entities in the default graph, relations per article graph."""
    ontology = ontology or load_ontology()
    data = Dataset()
    data.bind("kgo", KGO)
    data.bind("kg", Namespace(base))
    data.bind("skos", SKOS)
    data.bind("prov", PROV)
    default = data.default_graph
    for node_id, attrs in graph.nodes(data=True):
        subject = entity_iri(node_id, base)
        for label in ontology.labels_for(attrs["labels"]):
            default.add((subject, RDF.type, URIRef(ontology.cls(label).iri)))
        default.add((subject, KGO.id, Literal(node_id)))
        name = attrs.get("name") or node_id
        default.add((subject, KGO.name, Literal(name)))
        default.add((subject, SKOS.prefLabel, Literal(name, lang=name_language(name))))
        for alias in attrs.get("aliases", []):
            default.add((subject, KGO.aliases, Literal(alias)))
            default.add((subject, SKOS.altLabel, Literal(alias, lang=name_language(alias))))
        for key, value in attrs.items():
            if key in {"labels", "name", "aliases"} or key not in ontology.properties:
                continue
            for item in value if isinstance(value, list) else [value]:
                default.add((subject, URIRef(ontology.prop(key).iri), _literal(item)))
    for source, target, attrs in graph.edges(data=True):
        triple = (entity_iri(source, base), URIRef(ontology.relation(attrs["type"]).iri),
                  entity_iri(target, base))
        articles = attrs.get("sources") or []
        if not articles:
            default.add(triple)
        for article_id in articles:
            context = data.graph(entity_iri("article:" + article_id, base))
            context.add(triple)
    return data


def write_rdf(graph: nx.MultiDiGraph, fmt: str, output: Path, base: str = ENTITY_BASE) -> int:
    """Serialise to `output` in one of `RDF_FORMATS`; returns the number of triples written."""
    dataset = to_rdf(graph, base=base)
    if fmt == "trig":
        dataset.serialize(destination=str(output), format="trig")
        return sum(len(g) for g in dataset.graphs())
    flat = Graph()
    for prefix, namespace in dataset.namespaces():
        flat.bind(prefix, namespace)
    for s, p, o, _g in dataset.quads((None, None, None, None)):
        flat.add((s, p, o))
    flat.serialize(destination=str(output), format=RDF_FORMATS[fmt])
    return len(flat)
