"""N-Triples and N-Quads written line by line, without building an rdflib graph, and the same lines
re-serialised by pyoxigraph for ttl, trig and xml.

The quads come from the same projection as the rdflib path (`kg.rdf.export.project`), spelled as
N-Triples text (`nt_terms`) instead of rdflib objects: building an rdflib URIRef and Literal for every
triple, then formatting them, was most of the time `kg export` took (scripts/bench_rdf.py). Each term
is spelled as `term` spells the rdflib term it stands for, so both paths write the same triples
(tests/rdf/test_export.py compares them). Escaping follows the N-Triples / N-Quads grammars (RDF 1.1):
in literals `\\`, `"`, LF and CR get ECHAR escapes and every other control character a `\\uXXXX`; in
IRIs the characters IRIREF forbids become `\\uXXXX` (UCHAR).

Memory is the graph view (networkx, which every export builds), the IRIs of its nodes and relations
(one string each, built once), the set of direct relation triples already written (one entry per
relation, to write each once) and a bounded cache of typed literals: it does not grow with the number
of triples written (scripts/bench_rdf.py measures it). The oxigraph engine streams too: pyoxigraph
reads our lines through a file object as they are made and its serialisers write as they read.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Iterator
from itertools import islice
from pathlib import Path
from typing import Any

from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from kg.gcpause import gc_paused
from kg.ontology import ENTITY_BASE, Ontology, load_ontology
from kg.rdf.export import Terms, literal, prefixes, project, view_and_store

_XSD_STRING = str(XSD.string)
_LITERAL_ESCAPES = {ord("\\"): "\\\\", ord('"'): '\\"', ord("\n"): "\\n", ord("\r"): "\\r"}
_LITERAL_ESCAPES.update({c: f"\\u{c:04X}" for c in range(0x20) if c not in (0x0A, 0x0D)})
_LITERAL_ESCAPES[0x7F] = "\\u007F"
_IRI_ESCAPES = {c: f"\\u{c:04X}" for c in range(0x21)}
_IRI_ESCAPES.update({ord(c): f"\\u{ord(c):04X}" for c in '<>"{}|^`\\'})
# a search for any character to escape is a scan in C: most text has none, and skips the translation
_LITERAL_SPECIAL = re.compile('[' + re.escape("".join(map(chr, _LITERAL_ESCAPES))) + ']')
_IRI_SPECIAL = re.compile('[' + re.escape("".join(map(chr, _IRI_ESCAPES))) + ']')
#: the control characters that take a \uXXXX (rare), apart from the four that `_escape` replaces
_LITERAL_RARE = {c: e for c, e in _LITERAL_ESCAPES.items() if chr(c) not in '\\"\n\r'}
_LITERAL_RARE_SPECIAL = re.compile('[' + re.escape("".join(map(chr, _LITERAL_RARE))) + ']')
#: typed literals kept spelled (confidences, span offsets, sentence numbers, amounts repeat); cleared when full
_TYPED_CACHE_SIZE = 20_000


def _escape(text: str) -> str:
    """`text.translate(_LITERAL_ESCAPES)`, quicker: JSON texts (the records) hold many quotes, and a
    translation looks up every character in a dict where `str.replace` copies in C."""
    if not _LITERAL_SPECIAL.search(text):
        return text
    text = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    return text.translate(_LITERAL_RARE) if _LITERAL_RARE_SPECIAL.search(text) else text


def iri_term(iri: str) -> str:
    """`<iri>` with the characters IRIREF forbids escaped."""
    return "<" + (iri.translate(_IRI_ESCAPES) if _IRI_SPECIAL.search(iri) else iri) + ">"


def string_term(text: str) -> str:
    """A string literal (no datatype, no language) in N-Triples syntax."""
    if text.__class__ is not str:  # what Literal(x) makes of a non-string (an int: an xsd:integer)
        return literal_term(Literal(text))
    return '"' + _escape(text) + '"'


def tagged_term(text: str, lang: str) -> str:
    """A language-tagged string in N-Triples syntax (the tag as rdflib keeps it)."""
    return literal_term(Literal(text, lang=lang)) if text.__class__ is not str else string_term(text) + "@" + lang


def literal_term(lit: Literal) -> str:
    """A literal in N-Triples syntax."""
    text = '"' + _escape(str(lit)) + '"'
    if lit.language:
        return text + "@" + lit.language
    if lit.datatype is not None and str(lit.datatype) != _XSD_STRING:
        return text + "^^" + iri_term(str(lit.datatype))
    return text


def term(node: Any) -> str:
    """An rdflib term in N-Triples syntax."""
    if isinstance(node, Literal):
        return literal_term(node)
    if isinstance(node, URIRef):
        return iri_term(str(node))
    return "_:" + str(node)  # blank nodes (the projection writes none)


def _typed_terms() -> Any:
    """`literal(value)` spelled by `literal_term`: strings directly, integers and floats through a
    small cache each (rdflib makes the lexical form, and normalises some: "INF" to "inf", so the text
    is the rdflib path's by construction). One cache per type, since 1 == 1.0 in a dict; -0.0 (equal
    to 0.0), NaN (equal to nothing), booleans and the rest go through rdflib every time."""
    ints: dict[int, str] = {}
    floats: dict[float, str] = {}

    def typed(value: Any) -> str:
        cls = value.__class__
        if cls is str:
            return string_term(value)
        cache = ints if cls is int else floats if cls is float and value and value == value else None
        if cache is None:
            return literal_term(literal(value))
        found = cache.get(value)
        if found is None:
            if len(cache) >= _TYPED_CACHE_SIZE:
                cache.clear()
            found = cache[value] = literal_term(literal(value))
        return found

    return typed


def nt_terms() -> Terms[str]:
    """The projection's terms as N-Triples text (a fresh cache of typed literals per export)."""
    return Terms(iri_term, string_term, tagged_term, _typed_terms())


def iter_lines(source: Any, fmt: str, base: str = ENTITY_BASE, with_text: bool = False,
               ontology: Ontology | None = None, chunk: int = 4096) -> Iterator[list[str]]:
    """The projection of a store (or graph view) as N-Triples (`nt`, the union: each triple once) or
    N-Quads (`nq`, each article's facts in its graph) lines, in lists of up to `chunk` lines."""
    if fmt not in ("nt", "nq"):
        raise ValueError(f"lines are nt or nq, not {fmt}")
    ontology = ontology or load_ontology()
    view, store = view_and_store(source, ontology)
    quads = project(view, ontology, nt_terms(), base, store, with_text, flat=fmt == "nt")
    while True:
        if fmt == "nt":
            lines = [f"{s} {p} {o} .\n" for s, p, o, _g in islice(quads, chunk)]
        else:
            lines = [f"{s} {p} {o} .\n" if g is None else f"{s} {p} {o} {g} .\n" for s, p, o, g in islice(quads, chunk)]
        if not lines:
            return
        yield lines


def write_streaming(source: Any, fmt: str, output: Path, base: str = ENTITY_BASE, with_text: bool = False,
                    ontology: Ontology | None = None) -> int:
    """Write a store (or graph view) as N-Triples (`nt`) or N-Quads (`nq`) without an rdflib graph;
    returns the number of triples (quads) written. The file appears complete or not at all."""
    if fmt not in ("nt", "nq"):
        raise ValueError(f"the streaming writer writes nt or nq, not {fmt}")
    output = Path(output)
    tmp = output.with_name(output.name + ".tmp")
    count = 0
    try:
        with gc_paused(), tmp.open("w", encoding="utf-8", newline="\n") as out:
            for lines in iter_lines(source, fmt, base, with_text, ontology):
                out.write("".join(lines))
                count += len(lines)
        tmp.replace(output)
    finally:
        tmp.unlink(missing_ok=True)
    return count


class LineReader(io.RawIOBase):
    """The lines of `iter_lines` as a binary file, read as they are made (for pyoxigraph's parser);
    `count` is the number of lines read so far."""

    def __init__(self, chunks: Iterable[list[str]]) -> None:
        self._chunks = iter(chunks)
        self._pending = memoryview(b"")
        self.count = 0

    def readable(self) -> bool:
        return True

    def buffered(self) -> io.BufferedReader:
        """This file behind a buffer (a binary file as the type checker knows one)."""
        return io.BufferedReader(self, buffer_size=1 << 16)

    def readinto(self, buffer: Any) -> int:
        while not self._pending:
            lines = next(self._chunks, None)
            if lines is None:
                return 0
            self.count += len(lines)
            self._pending = memoryview("".join(lines).encode("utf-8"))
        n = min(len(buffer), len(self._pending))
        buffer[:n] = self._pending[:n]
        self._pending = self._pending[n:]
        return n


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
    lines are parsed by Oxigraph as they are made and re-serialised, an order of magnitude faster than
    rdflib's serialisers, with the same triples. Returns the number of triples (quads)."""
    import pyoxigraph as ox

    if fmt not in OXIGRAPH_FORMATS:
        raise ValueError(f"pyoxigraph writes {', '.join(OXIGRAPH_FORMATS)}, not {fmt}")
    output = Path(output)
    tmp = output.with_name(output.name + ".tmp")
    quads = fmt == "trig"
    reader = LineReader(iter_lines(source, "nq" if quads else "nt", base, with_text, ontology, chunk=16_384))
    try:
        with gc_paused():
            # N-Triples parse as quads of the default graph, which the triple formats' serialisers take
            parsed = ox.parse(reader.buffered(),
                              format=ox.RdfFormat.N_QUADS if quads else ox.RdfFormat.N_TRIPLES)
            ox.serialize(parsed, output=str(tmp), format=getattr(ox.RdfFormat, OXIGRAPH_FORMATS[fmt]),
                         prefixes=prefixes(base))
        tmp.replace(output)
    finally:
        tmp.unlink(missing_ok=True)
    return reader.count
