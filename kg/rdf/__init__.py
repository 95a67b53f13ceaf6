"""RDF: export, lossless import, SHACL validation and SPARQL over the store.

The rest of `kg` imports from here only. `kg.rdf.export` documents the projection (the one pattern
for relation properties and provenance); `kg.rdf.writers` is the registry of writers by format and
engine, and `write` the one entry point that picks from it; `kg.rdf.streaming` writes N-Triples,
N-Quads and Turtle without an rdflib graph (and hands N-Triples / N-Quads to pyoxigraph for trig and
xml);
`kg.rdf.importer` reads every format back; `kg.rdf.validate` runs the SHACL shapes;
`kg.rdf.sparql` answers SPARQL over the store.
"""

from kg.rdf.export import (
    KGR,
    QUAD_FORMATS,
    RDF_FORMATS,
    entity_iri,
    flatten,
    iter_quads,
    name_language,
    relation_iri,
    to_rdf,
)
from kg.rdf.importer import ImportReport, import_file, read_file, write_dump
from kg.rdf.sparql import run_sparql, sparql_store, store_dataset
from kg.rdf.streaming import write_streaming
from kg.rdf.validate import Validation, validate_file, validate_graph, validate_store
from kg.rdf.writers import ENGINES, WRITERS, Writer, choose, write, write_rdf

__all__ = ["ENGINES", "KGR", "QUAD_FORMATS", "RDF_FORMATS", "WRITERS", "ImportReport", "Validation", "Writer",
           "choose", "entity_iri", "flatten", "import_file", "iter_quads", "name_language", "read_file",
           "relation_iri", "run_sparql", "sparql_store", "store_dataset", "to_rdf", "validate_file", "validate_graph",
           "validate_store", "write", "write_dump", "write_rdf", "write_streaming"]
