"""N-Triples and N-Quads written line by line, without building an rdflib graph.

The quads come from the same generator as the rdflib path (`kg.rdf.export.iter_quads`), so both
write the same triples; only the serialisation differs. Escaping follows the N-Triples / N-Quads
grammars (RDF 1.1): in literals `\\`, `"`, LF and CR get ECHAR escapes and every other control
character a `\\uXXXX`; in IRIs the characters IRIREF forbids become `\\uXXXX` (UCHAR).
Memory is the graph view (networkx, which every export builds) plus the set of direct relation
triples already written (one entry per relation, to write each once) and a small cache of predicate
and class terms: it does not grow with the number of triples written (scripts/bench_rdf.py measures it).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any

from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from kg.ontology import ENTITY_BASE, Ontology, load_ontology
from kg.rdf.export import iter_quads, prefixes, view_and_store

_XSD_STRING = str(XSD.string)
_LITERAL_ESCAPES = {ord("\\"): "\\\\", ord('"'): '\\"', ord("\n"): "\\n", ord("\r"): "\\r"}
_LITERAL_ESCAPES.update({c: f"\\u{c:04X}" for c in range(0x20) if c not in (0x0A, 0x0D)})
_LITERAL_ESCAPES[0x7F] = "\\u007F"
_IRI_ESCAPES = {c: f"\\u{c:04X}" for c in range(0x21)}
_IRI_ESCAPES.update({ord(c): f"\\u{ord(c):04X}" for c in '<>"{}|^`\\'})


def iri_term(iri: str) -> str:
    """`<iri>` with the characters IRIREF forbids escaped."""
    return "<" + iri.translate(_IRI_ESCAPES) + ">"


def literal_term(lit: Literal) -> str:
    """A literal in N-Triples syntax."""
    text = '"' + str(lit).translate(_LITERAL_ESCAPES) + '"'
    if lit.language:
        return text + "@" + lit.language
    if lit.datatype is not None and str(lit.datatype) != _XSD_STRING:
        return text + "^^" + iri_term(str(lit.datatype))
    return text


def term(node: Any) -> str:
    if isinstance(node, Literal):
        return literal_term(node)
    if isinstance(node, URIRef):
        return iri_term(str(node))
    return "_:" + str(node)  # blank nodes (the projection writes none)


def write_lines(quads: Iterable[tuple[Any, Any, Any, Any]], out: IO[str], with_graph: bool) -> int:
    """Write quads as N-Quads lines (`with_graph`) or N-Triples lines; returns the number written."""
    cache: dict[Any, str] = {}
    count = 0
    buffer: list[str] = []
    last_s = last_g = None
    ss = gs = ""
    for s, p, o, g in quads:
        if s is not last_s:  # the projection yields a subject's triples together
            last_s, ss = s, term(s)
        ps = cache.get(p)
        if ps is None:
            ps = cache[p] = term(p)
        if isinstance(o, URIRef) and len(cache) < 100_000:
            os_ = cache.get(o)
            if os_ is None:
                os_ = cache[o] = term(o)
        else:
            os_ = term(o)
        if with_graph and g is not None:
            if g is not last_g:
                last_g, gs = g, term(g)
            buffer.append(f"{ss} {ps} {os_} {gs} .\n")
        else:
            buffer.append(f"{ss} {ps} {os_} .\n")
        count += 1
        if len(buffer) >= 10_000:
            out.write("".join(buffer))
            buffer.clear()
    out.write("".join(buffer))
    return count


def write_streaming(source: Any, fmt: str, output: Path, base: str = ENTITY_BASE, with_text: bool = False,
                    ontology: Ontology | None = None) -> int:
    """Write a store (or graph view) as N-Triples (`nt`) or N-Quads (`nq`) without an rdflib graph;
    returns the number of triples (quads) written. The file appears complete or not at all."""
    if fmt not in ("nt", "nq"):
        raise ValueError(f"the streaming writer writes nt or nq, not {fmt}")
    ontology = ontology or load_ontology()
    view, store = view_and_store(source, ontology)
    output = Path(output)
    tmp = output.with_name(output.name + ".tmp")
    with tmp.open("w", encoding="utf-8", newline="\n") as out:
        count = write_lines(iter_quads(view, ontology, base, store, with_text, flat=fmt == "nt"), out,
                            with_graph=fmt == "nq")
    tmp.replace(output)
    return count


#: `kg export --format` name -> pyoxigraph RdfFormat name, for the formats the oxigraph engine writes
OXIGRAPH_FORMATS = {"ttl": "TURTLE", "trig": "TRIG", "xml": "RDF_XML"}


def oxigraph_available() -> bool:
    """Whether pyoxigraph (an optional dependency) can be imported."""
    try:
        import pyoxigraph  # noqa: F401
    except ImportError:
        return False
    return True


def write_oxigraph(source: Any, fmt: str, output: Path, base: str = ENTITY_BASE, with_text: bool = False,
                   ontology: Ontology | None = None) -> int:
    """Turtle, TriG or RDF/XML through pyoxigraph's streaming serialisers: our N-Triples / N-Quads
    lines (a temporary file) are parsed and re-serialised by Oxigraph, an order of magnitude faster
    than rdflib's serialisers, with the same triples. Returns the number of triples (quads)."""
    import pyoxigraph as ox

    if fmt not in OXIGRAPH_FORMATS:
        raise ValueError(f"pyoxigraph writes {', '.join(OXIGRAPH_FORMATS)}, not {fmt}")
    ontology = ontology or load_ontology()
    view, store = view_and_store(source, ontology)
    output = Path(output)
    lines = output.with_name(output.name + ".lines.tmp")
    tmp = output.with_name(output.name + ".tmp")
    quads = fmt == "trig"
    try:
        with lines.open("w", encoding="utf-8", newline="\n") as out:
            count = write_lines(iter_quads(view, ontology, base, store, with_text, flat=not quads), out,
                                with_graph=quads)
        parsed: Iterable[Any] = ox.parse(path=str(lines),
                                         format=ox.RdfFormat.N_QUADS if quads else ox.RdfFormat.N_TRIPLES)
        if not quads:
            parsed = (q.triple for q in parsed)
        ox.serialize(parsed, output=str(tmp), format=getattr(ox.RdfFormat, OXIGRAPH_FORMATS[fmt]),
                     prefixes=prefixes(base))
        tmp.replace(output)
    finally:
        lines.unlink(missing_ok=True)
        tmp.unlink(missing_ok=True)
    return count
