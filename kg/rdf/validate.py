"""`kg validate`: SHACL validation (pyshacl) of the store's RDF against `ontology/shapes.ttl`.

The data graph is the projection of the graph view (nodes, direct relation triples, statements);
the ontology is passed as `ont_graph` with RDFS inference, as ontology/README.md describes. The report
is a list of rows a person can read: the focus node's name and id, the property path, the message.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rdflib import RDF, SH, Graph, URIRef

from kg.errors import KGError
from kg.ontology import ENTITY_BASE, KGO, Ontology, load_ontology, shapes_path
from kg.rdf.export import flatten, to_rdf

INFERENCE = ("rdfs", "none")


@dataclass(frozen=True)
class Validation:
    conforms: bool
    results: list[dict[str, Any]]
    text: str

    @property
    def violations(self) -> int:
        return sum(1 for r in self.results if r["severity"] == "Violation")


def _short(node: Any) -> str:
    text = str(node)
    for sep in ("#", "/"):
        if sep in text:
            return text.rsplit(sep, 1)[-1]
    return text


def validate_graph(data: Graph, ontology: Ontology | None = None, inference: str = "rdfs",
                   shapes: Path | None = None) -> Validation:
    """Validate an rdflib graph against the shapes; results sorted by node, path and message."""
    try:
        from pyshacl import validate
    except ImportError as exc:  # pragma: no cover - pyshacl is a dependency
        raise KGError("kg validate needs pyshacl (pip install pyshacl)") from exc
    if inference not in INFERENCE:
        raise KGError(f"inference must be one of {', '.join(INFERENCE)}")
    ontology = ontology or load_ontology()
    shapes_graph = Graph().parse(shapes or shapes_path(), format="turtle")
    conforms, report, text = validate(data, shacl_graph=shapes_graph, ont_graph=ontology.graph,
                                      inference=inference, allow_warnings=True)
    rows = []
    for result in report.subjects(RDF.type, SH.ValidationResult):
        focus = report.value(result, SH.focusNode)
        path = report.value(result, SH.resultPath)
        value = report.value(result, SH.value)
        message = report.value(result, SH.resultMessage)
        component = report.value(result, SH.sourceConstraintComponent)
        name = data.value(focus, KGO.name) if isinstance(focus, URIRef) else None
        node_id = data.value(focus, KGO.id) if isinstance(focus, URIRef) else None
        rows.append({
            "severity": _short(report.value(result, SH.resultSeverity)),
            "node": str(name) if name is not None else _short(focus),
            "id": str(node_id) if node_id is not None else str(focus),
            "path": _short(path) if isinstance(path, URIRef) else ("" if path is None else "(complex path)"),
            "value": "" if value is None else str(value),
            "message": str(message) if message is not None else _short(component),
            "constraint": _short(component).removesuffix("ConstraintComponent"),
        })
    rows.sort(key=lambda r: (r["id"], r["path"], r["message"], r["value"]))
    return Validation(bool(conforms), rows, text)


def validate_store(store: Any, ontology: Ontology | None = None, inference: str = "rdfs",
                   base: str = ENTITY_BASE) -> Validation:
    """Validate the RDF projection of the store's graph view."""
    from kg.view_cache import whole_view

    ontology = ontology or load_ontology()
    data = flatten(to_rdf(whole_view(store, ontology), ontology, base=base))
    return validate_graph(data, ontology, inference)


def validate_file(path: Path, ontology: Ontology | None = None, inference: str = "rdfs") -> Validation:
    """Validate an RDF file (any format we write; TriG and N-Quads flattened into one graph)."""
    from kg.rdf.export import RDF_FORMATS
    from kg.rdf.importer import guess_format

    fmt = guess_format(Path(path))
    if fmt not in RDF_FORMATS:
        raise KGError(f"{path}: not an RDF file")
    try:
        if fmt in ("trig", "nq"):
            from rdflib import Dataset

            data = flatten(Dataset().parse(path, format=RDF_FORMATS[fmt]))
        else:
            data = Graph().parse(path, format=RDF_FORMATS[fmt])
    except Exception as exc:  # rdflib raises many parser exception types
        raise KGError(f"{path}: cannot parse as {fmt}: {exc}") from exc
    return validate_graph(data, ontology, inference)
