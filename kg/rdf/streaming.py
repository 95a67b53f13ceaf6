"""N-Triples, N-Quads and Turtle written as the projection makes them, without building an rdflib
graph, and the N-Triples / N-Quads lines re-serialised by pyoxigraph for ttl, trig and xml.

The quads come from the same projection as the rdflib path (`kg.rdf.export.project_blocks`), spelled
as N-Triples text (`nt_terms`) instead of rdflib objects: building an rdflib URIRef and Literal for
every triple, then formatting them, was most of the time `kg export` took (scripts/bench_rdf.py). Each
term is spelled as `term` spells the rdflib term it stands for, so both paths write the same triples
(tests/rdf/test_export.py compares them). Escaping follows the N-Triples / N-Quads grammars (RDF 1.1):
in literals `\\`, `"`, LF and CR get ECHAR escapes and every other control character a `\\uXXXX`; in
IRIs the characters IRIREF forbids become `\\uXXXX` (UCHAR).

Turtle (`turtle_terms`) is the same text with three differences, all valid Turtle: each block of the
projection is one subject with its predicate-object list after `;`; an IRI under a declared prefix is
written `prefix:local` when its local name needs no escape (else `<IRI>`, as in N-Triples); integers,
decimals and booleans are bare where their lexical form is Turtle's. It is written here rather than by
pyoxigraph's serialiser because handing pyoxigraph our lines to parse and re-serialise cost as much
again as writing them (0.21x of pyoxigraph's own dump at 1.07M triples, against 0.35-0.37x).

Memory is the graph view (networkx, which every export builds), the IRIs of its nodes and relations
(one string each, built once), the set of direct relation triples already written (one entry per
relation, to write each once) and a bounded cache of typed literals: it does not grow with the number
of triples written (scripts/bench_rdf.py measures it). The oxigraph engine streams too: pyoxigraph
reads our lines through a file object as they are made and its serialisers write as they read.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from kg.gcpause import gc_paused
from kg.ontology import ENTITY_BASE, Ontology, load_ontology
from kg.rdf.export import Terms, literal, prefixes, project_blocks, view_and_store

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


def literal_term(lit: Literal, datatype_iri: Callable[[str], str] = iri_term) -> str:
    """A literal in N-Triples syntax (in Turtle's, given Turtle's spelling of the datatype IRI)."""
    text = '"' + _escape(str(lit)) + '"'
    if lit.language:
        return text + "@" + lit.language
    if lit.datatype is not None and str(lit.datatype) != _XSD_STRING:
        return text + "^^" + datatype_iri(str(lit.datatype))
    return text


def term(node: Any) -> str:
    """An rdflib term in N-Triples syntax."""
    if isinstance(node, Literal):
        return literal_term(node)
    if isinstance(node, URIRef):
        return iri_term(str(node))
    return "_:" + str(node)  # blank nodes (the projection writes none)


def _typed_terms(spell: Callable[[Literal], str] = literal_term) -> Any:
    """`literal(value)` spelled by `spell` (`literal_term`, or Turtle's): strings directly, integers
    and floats through a small cache each (rdflib makes the lexical form, and normalises some: "INF"
    to "inf", so the text is the rdflib path's by construction). One cache per type, since 1 == 1.0
    in a dict; -0.0 (equal to 0.0), NaN (equal to nothing), booleans and the rest go through rdflib
    every time."""
    ints: dict[int, str] = {}
    floats: dict[float, str] = {}

    def typed(value: Any) -> str:
        cls = value.__class__
        if cls is str:
            return string_term(value)
        cache = ints if cls is int else floats if cls is float and value and value == value else None
        if cache is None:
            return spell(literal(value))
        found = cache.get(value)
        if found is None:
            if len(cache) >= _TYPED_CACHE_SIZE:
                cache.clear()
            found = cache[value] = spell(literal(value))
        return found

    return typed


def nt_terms() -> Terms[str]:
    """The projection's terms as N-Triples text (a fresh cache of typed literals per export)."""
    return Terms(iri_term, string_term, tagged_term, _typed_terms())


#: a local name Turtle reads as it is (PN_LOCAL without escapes, '.', ':' or '%'; letters, digits, '_',
#: '-' and the non-ASCII letters of PN_CHARS_BASE up to U+FFFD): anything else is written as <IRI>
_PLAIN_LOCAL = re.compile("[0-9A-Za-z_\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02ff\u0370-\u037d\u037f-\u1fff"
                          "\u3001-\ud7ff\uf900-\ufdcf\ufdf0-\ufffd]"
                          "[0-9A-Za-z_\\-\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02ff\u0370-\u037d\u037f-\u1fff"
                          "\u3001-\ud7ff\uf900-\ufdcf\ufdf0-\ufffd]*")


def turtle_iri(base: str = ENTITY_BASE) -> Callable[[str], str]:
    """An IRI spelled for Turtle: `prefix:local` under one of `prefixes(base)` when the local name
    needs no escape (`org:星衡智能`, `kgo:INVESTED_IN`), else `<IRI>` as N-Triples writes it."""
    namespaces = sorted(((namespace, name) for name, namespace in prefixes(base).items()),
                        key=lambda item: -len(item[0]))
    by_kind = {namespace[len(base):-1]: name for namespace, name in namespaces
               if namespace.startswith(base) and namespace.endswith("/") and "/" not in namespace[len(base):-1]}
    vocabularies = [(namespace, name) for namespace, name in namespaces if not namespace.startswith(base)]
    base_name = next((name for namespace, name in namespaces if namespace == base), None)

    def spell(iri: str) -> str:
        if iri.startswith(base):
            kind, slash, local = iri[len(base):].partition("/")
            name = by_kind.get(kind) if slash else base_name
            if not slash:
                local = kind
            if name is not None and _PLAIN_LOCAL.fullmatch(local):
                return name + ":" + local
        for namespace, name in vocabularies:
            if iri.startswith(namespace):
                local = iri[len(namespace):]
                if _PLAIN_LOCAL.fullmatch(local):
                    return name + ":" + local
                break
        return iri_term(iri)

    return spell


#: datatype -> the lexical forms Turtle writes bare (INTEGER, DECIMAL, BooleanLiteral of the grammar)
_TURTLE_SHORTHAND = {str(XSD.integer): re.compile(r"[+-]?[0-9]+"),
                     str(XSD.decimal): re.compile(r"[+-]?[0-9]*\.[0-9]+"),
                     str(XSD.boolean): re.compile(r"true|false")}


def turtle_terms(base: str = ENTITY_BASE) -> Terms[str]:
    """The projection's terms as Turtle text: strings as N-Triples spells them (valid Turtle), numbers
    and booleans bare where the grammar reads them back as the same literal (`800000000`, `0.95`,
    `true`), IRIs and datatypes prefixed where `turtle_iri` can."""
    spell = turtle_iri(base)

    def typed_literal(lit: Literal) -> str:
        """Integers, decimals and booleans as Turtle's bare numbers and words where their lexical form
        is one (what they read back as is the same literal), else as N-Triples spells them."""
        shorthand = _TURTLE_SHORTHAND.get(str(lit.datatype)) if lit.datatype is not None else None
        if shorthand is not None and shorthand.fullmatch(str(lit)):
            return str(lit)
        return literal_term(lit, spell)

    return Terms(spell, string_term, tagged_term, _typed_terms(typed_literal))


#: the formats `iter_text` writes: one line per triple (nt), per quad (nq), or Turtle
TEXT_FORMATS = ("nt", "nq", "ttl")


def iter_text(source: Any, fmt: str, base: str = ENTITY_BASE, with_text: bool = False,
              ontology: Ontology | None = None, chunk: int = 4096) -> Iterator[tuple[str, int]]:
    """The projection of a store (or graph view) as text, in pieces `(text, triples in it)` of about
    `chunk` triples: N-Triples (`nt`, the union: each triple once), N-Quads (`nq`, each article's
    facts in its graph) or Turtle (`ttl`, the union; prefixes declared first, each block of the
    projection one subject with its `;` list, names prefixed where the grammar allows it plainly).

    Each block of the projection is spelled in one expression: its pairs joined by `" ".join` and
    its lines (or its Turtle `;` list) by one `join`."""
    if fmt not in TEXT_FORMATS:
        raise ValueError(f"text is {', '.join(TEXT_FORMATS)}, not {fmt}")
    ontology = ontology or load_ontology()
    view, store = view_and_store(source, ontology)
    terms = turtle_terms(base) if fmt == "ttl" else nt_terms()
    blocks = project_blocks(view, ontology, terms, base, store, with_text, flat=fmt != "nq")
    pair = " ".join
    parts: list[str] = []
    count = 0
    if fmt == "ttl":
        parts.append("".join(f"@prefix {name}: {iri_term(namespace)} .\n"
                             for name, namespace in prefixes(base).items()) + "\n")
    for subject, pairs, g in blocks:
        if not pairs:
            continue
        if fmt == "ttl":
            parts.append(subject + " " + " ;\n    ".join(map(pair, pairs)) + " .\n")
        else:
            head = subject + " "
            tail = " .\n" if g is None or fmt == "nt" else " " + g + " .\n"
            parts.append(head + (tail + head).join(map(pair, pairs)) + tail)
        count += len(pairs)
        if count >= chunk:
            yield "".join(parts), count
            parts, count = [], 0
    if parts:
        yield "".join(parts), count


def _told(pieces: Iterable[tuple[str, int]], progress: Callable[[int], None] | None) -> Iterator[tuple[str, int]]:
    """`iter_text`'s pieces, each one's triples told to `progress` (when given) as it is handed on."""
    for text, n in pieces:
        if progress is not None:
            progress(n)
        yield text, n


def write_streaming(source: Any, fmt: str, output: Path, base: str = ENTITY_BASE, with_text: bool = False,
                    ontology: Ontology | None = None, *, progress: Callable[[int], None] | None = None) -> int:
    """Write a store (or graph view) as N-Triples (`nt`), N-Quads (`nq`) or Turtle (`ttl`) without an
    rdflib graph; returns the number of triples (quads) written, told to `progress` (when given) as
    they are written. The file appears complete or not at all."""
    if fmt not in TEXT_FORMATS:
        raise ValueError(f"the streaming writer writes {', '.join(TEXT_FORMATS)}, not {fmt}")
    output = Path(output)
    tmp = output.with_name(output.name + ".tmp")
    count = 0
    try:
        with gc_paused(), tmp.open("w", encoding="utf-8", newline="\n") as out:
            for text, n in _told(iter_text(source, fmt, base, with_text, ontology), progress):
                out.write(text)
                count += n
        tmp.replace(output)
    finally:
        tmp.unlink(missing_ok=True)
    return count


class LineReader(io.RawIOBase):
    """The pieces of `iter_text` as a binary file, read as they are made (for pyoxigraph's parser);
    `count` is the number of triples (quads) read so far."""

    def __init__(self, pieces: Iterable[tuple[str, int]]) -> None:
        self._pieces = iter(pieces)
        self._pending = memoryview(b"")
        self.count = 0

    def readable(self) -> bool:
        return True

    def buffered(self) -> io.BufferedReader:
        """This file behind a buffer (a binary file as the type checker knows one)."""
        return io.BufferedReader(self, buffer_size=1 << 16)

    def readinto(self, buffer: Any) -> int:
        while not self._pending:
            piece = next(self._pieces, None)
            if piece is None:
                return 0
            text, n = piece
            self.count += n
            self._pending = memoryview(text.encode("utf-8"))
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
                   ontology: Ontology | None = None, *, progress: Callable[[int], None] | None = None) -> int:
    """Turtle, TriG or RDF/XML through pyoxigraph's streaming serialisers: our N-Triples / N-Quads
    lines are parsed by Oxigraph as they are made and re-serialised, an order of magnitude faster than
    rdflib's serialisers, with the same triples. Returns the number of triples (quads), told to
    `progress` (when given) as Oxigraph reads them."""
    import pyoxigraph as ox

    if fmt not in OXIGRAPH_FORMATS:
        raise ValueError(f"pyoxigraph writes {', '.join(OXIGRAPH_FORMATS)}, not {fmt}")
    output = Path(output)
    tmp = output.with_name(output.name + ".tmp")
    quads = fmt == "trig"
    reader = LineReader(_told(iter_text(source, "nq" if quads else "nt", base, with_text, ontology), progress))
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
