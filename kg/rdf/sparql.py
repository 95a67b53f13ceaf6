"""`kg sparql`: SPARQL 1.1 queries over the store's RDF projection (rdflib, in memory).

The dataset is the projection `kg export` writes (with the records): node descriptions and
statements in the default graph, each article's facts in the named graph `<base>article/<id>`. The
default graph of a query is the union of all graphs, so a plain `SELECT` sees everything and
`GRAPH ?g { … }` finds which article said it. Prefixes `kgo:`, `kg:` (the base), `kgr:`, `rdf:`,
`rdfs:`, `skos:`, `prov:`, `owl:`, `xsd:`, `wd:`, `dcterms:`, `schema:` are predeclared.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, cast

from rdflib import BNode, Dataset, Literal, URIRef
from rdflib.namespace import RDFS, XSD
from rdflib.query import ResultRow

from kg.errors import KGError
from kg.gcpause import gc_paused
from kg.ontology import ENTITY_BASE, Ontology, load_ontology
from kg.rdf.export import prefixes, to_rdf
from kg.rdf.streaming import LineReader, iter_text, oxigraph_available


def store_dataset(store: Any, ontology: Ontology | None = None, base: str = ENTITY_BASE) -> Dataset:
    """The store's projection as an rdflib Dataset whose default graph is the union of its graphs."""
    dataset = to_rdf(store, ontology or load_ontology(), base=base)
    dataset.default_union = True
    return dataset


def _value(node: Any) -> Any:
    if node is None:
        return None
    if isinstance(node, Literal):
        if node.datatype in (XSD.integer, XSD.decimal, XSD.double, XSD.boolean):
            value = node.toPython()
            return float(value) if type(value).__name__ == "Decimal" else value
        return str(node)
    if isinstance(node, BNode):
        return "_:" + str(node)
    return str(node)


def run_sparql(dataset: Dataset, query: str) -> list[dict[str, Any]]:
    """Rows of a SELECT (one key per variable), `[{"ask": bool}]` for ASK, and subject/predicate/object
    rows for CONSTRUCT and DESCRIBE."""
    namespaces = dict(dataset.namespaces())
    namespaces.setdefault("rdfs", URIRef(str(RDFS)))
    namespaces.setdefault("xsd", URIRef(str(XSD)))
    try:
        result = dataset.query(query, initNs=namespaces)
    except Exception as exc:  # rdflib raises parser and evaluation errors of many types
        raise KGError(f"SPARQL: {exc}") from exc
    if result.type == "ASK":
        return [{"ask": bool(result.askAnswer)}]
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        assert result.graph is not None  # rdflib sets it for these two kinds
        return [{"subject": _value(s), "predicate": _value(p), "object": _value(o)} for s, p, o in result.graph]
    names = [str(v) for v in result.vars or []]
    return [{name: _value(row[i]) for i, name in enumerate(names)} for row in cast(Iterable[ResultRow], result)]


# -- pyoxigraph ----------------------------------------------------------------------------------


def oxigraph_store(store: Any, ontology: Ontology | None = None, base: str = ENTITY_BASE) -> Any:
    """The store's projection bulk-loaded into an in-memory pyoxigraph Store (from our N-Quads lines,
    read as they are made)."""
    import pyoxigraph as ox

    result = ox.Store()
    lines = LineReader(iter_text(store, "nq", base, ontology=ontology))
    with gc_paused():
        result.bulk_load(input=lines.buffered(), format=ox.RdfFormat.N_QUADS)
    return result


def _ox_value(node: Any) -> Any:
    import pyoxigraph as ox

    if node is None:
        return None
    if isinstance(node, ox.Literal):
        return _value(Literal(node.value, lang=node.language,
                              datatype=None if node.language else URIRef(node.datatype.value)))
    if isinstance(node, ox.BlankNode):
        return "_:" + node.value
    return node.value


def run_sparql_oxigraph(ostore: Any, query: str, base: str = ENTITY_BASE) -> list[dict[str, Any]]:
    """`run_sparql` on a pyoxigraph Store (default graph = union of all graphs); same rows."""
    import pyoxigraph as ox


    declared = {**prefixes(base), "rdfs": str(RDFS)}
    try:
        # prefixes passed beside the query, not pasted before it, so an error's line:column is the user's
        result = ostore.query(query, prefixes=declared, use_default_graph_as_union=True)
    except (SyntaxError, OSError, ValueError) as exc:
        raise KGError(f"SPARQL: {exc}") from exc
    if isinstance(result, ox.QueryBoolean):
        return [{"ask": bool(result)}]
    if isinstance(result, ox.QueryTriples):
        return [{"subject": _ox_value(t.subject), "predicate": _ox_value(t.predicate), "object": _ox_value(t.object)}
                for t in result]
    names = [v.value for v in result.variables]
    return [{name: _ox_value(solution[name]) for name in names} for solution in result]


def sparql_store(store: Any, query: str, engine: str = "auto", ontology: Ontology | None = None,
                 base: str = ENTITY_BASE) -> list[dict[str, Any]]:
    """Answer a SPARQL query over the store with rdflib or pyoxigraph ("auto": pyoxigraph if installed;
    it loads and answers an order of magnitude faster, see scripts/bench_rdf.py)."""
    if engine not in ("auto", "rdflib", "oxigraph"):
        raise KGError("engine must be auto, rdflib or oxigraph")
    if engine == "oxigraph" or (engine == "auto" and oxigraph_available()):
        return run_sparql_oxigraph(oxigraph_store(store, ontology, base), query, base)
    return run_sparql(store_dataset(store, ontology, base), query)
