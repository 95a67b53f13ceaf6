"""Every RDF writer, in one registry keyed by (format, engine), and the one `write` that picks from it.

Why a registry: the choice of writer used to be made in two places (the library's `write_rdf` and the
CLI's `--streaming`), each with its own idea of the formats an engine writes. Here each writer is one
`Writer` entry; `kg export --engine`, `write_rdf` and the round-trip test all read the same table, so a
new writer (or format) is one line and is tested by being registered.

Engines:

- `rdflib`: every format, through an in-memory rdflib Dataset (`kg.rdf.export.to_rdf`); slow on big
  graphs, but it is the reference serialiser.
- `streaming`: nt, nq and ttl written as they are projected (`kg.rdf.streaming.write_streaming`),
  memory flat.
- `oxigraph`: ttl, trig and xml, our lines re-serialised by pyoxigraph (when installed), an order of
  magnitude faster than rdflib (ttl: `streaming` is faster still, and `auto` picks it).
- `auto`: the first available engine in `AUTO_ORDER` that writes the format.

Every engine writes the same triples (tests/rdf/test_export.py round-trips every entry).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from kg.errors import KGError
from kg.ontology import ENTITY_BASE, Ontology
from kg.rdf.export import QUAD_FORMATS, RDF_FORMATS, flatten, to_rdf
from kg.rdf.streaming import OXIGRAPH_FORMATS, TEXT_FORMATS, oxigraph_available, write_oxigraph, write_streaming


class WriteFn(Protocol):
    """(source, fmt, output, base, with_text, ontology, progress) -> number of triples (quads) written;
    `progress`, when given, is told the triples written, by increments."""

    def __call__(self, source: Any, fmt: str, output: Path, base: str = ..., with_text: bool = ...,
                 ontology: Ontology | None = ..., *, progress: Callable[[int], None] | None = ...) -> int: ...


def write_rdflib(source: Any, fmt: str, output: Path, base: str = ENTITY_BASE, with_text: bool = False,
                 ontology: Ontology | None = None, *, progress: Callable[[int], None] | None = None) -> int:
    """Any of `RDF_FORMATS` through rdflib's serialisers on an in-memory Dataset; returns the number of
    triples written (for trig and nq: summed over the graphs). `progress` hears of them all at the end:
    rdflib writes the whole graph in one call."""
    dataset = to_rdf(source, ontology, base=base, with_text=with_text)
    if fmt in QUAD_FORMATS:
        dataset.serialize(destination=str(output), format=RDF_FORMATS[fmt], encoding="utf-8")
        count = sum(len(g) for g in dataset.graphs())
    else:
        flat = flatten(dataset)
        # an explicit UTF-8 (what every format here writes anyway): without it rdflib's N-Triples writer warns
        flat.serialize(destination=str(output), format=RDF_FORMATS[fmt], encoding="utf-8")
        count = len(flat)
    if progress is not None:
        progress(count)
    return count


def _always() -> bool:
    return True


@dataclass(frozen=True)
class Writer:
    """One way to write one format: `streaming` writers never hold the whole graph as rdflib terms."""

    fmt: str
    engine: str
    function: WriteFn
    streaming: bool
    available: Callable[[], bool] = field(default=_always, compare=False)


WRITERS: dict[tuple[str, str], Writer] = {
    (w.fmt, w.engine): w for w in [
        *(Writer(fmt, "rdflib", write_rdflib, streaming=False) for fmt in RDF_FORMATS),
        *(Writer(fmt, "streaming", write_streaming, streaming=True) for fmt in TEXT_FORMATS),
        *(Writer(fmt, "oxigraph", write_oxigraph, streaming=True, available=oxigraph_available)
          for fmt in OXIGRAPH_FORMATS),
    ]
}
#: the engines `auto` tries, fastest first
AUTO_ORDER = ("streaming", "oxigraph", "rdflib")
ENGINES = ("auto", *AUTO_ORDER)


def choose(fmt: str, engine: str = "auto") -> Writer:
    """The registered writer for `fmt` and `engine` ("auto": the first available of `AUTO_ORDER`)."""
    if fmt not in RDF_FORMATS:
        raise KGError(f"unknown RDF format {fmt!r}: one of {', '.join(RDF_FORMATS)}")
    if engine not in ENGINES:
        raise KGError(f"unknown engine {engine!r}: one of {', '.join(ENGINES)}")
    if engine == "auto":
        return next(w for e in AUTO_ORDER if (w := WRITERS.get((fmt, e))) is not None and w.available())
    writer = WRITERS.get((fmt, engine))
    if writer is None:
        formats = ", ".join(f for f, e in WRITERS if e == engine)
        raise KGError(f"the {engine} engine writes {formats}, not {fmt}")
    if not writer.available():
        raise KGError(f"the {engine} engine is not installed (pip install pyoxigraph)")
    return writer


def write(source: Any, fmt: str, output: Path, engine: str = "auto", *, base: str = ENTITY_BASE,
          with_text: bool = False, ontology: Ontology | None = None,
          progress: Callable[[int], None] | None = None) -> int:
    """Write a store (or a graph view) to `output` in one of `RDF_FORMATS` with the chosen engine;
    returns the number of triples written (for trig and nq: summed over the graphs). `progress`, when
    given, is told the triples written by increments as the streaming engines write them (at a million
    relations, 59 million triples over two minutes; `kg export` shows them counting)."""
    return choose(fmt, engine).function(source, fmt, Path(output), base, with_text, ontology, progress=progress)


def write_rdf(source: Any, fmt: str, output: Path, base: str = ENTITY_BASE, with_text: bool = False,
              ontology: Ontology | None = None, engine: str = "auto") -> int:
    """`write` with the argument order of earlier releases (kept for callers of `kg.write_rdf`)."""
    return write(source, fmt, output, engine, base=base, with_text=with_text, ontology=ontology)
