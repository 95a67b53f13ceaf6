"""kg: typed, source-linked knowledge graphs from Chinese and English financial and technology news.

The names below are the library's entry points; each is imported on first use (`__getattr__`), so
`import kg` (and so `kg --help`) stays cheap and loads neither Neo4j's driver nor rdflib until asked.

    >>> import kg
    >>> with kg.open_store("kg-store") as store:                      # doctest: +SKIP
    ...     report = kg.build_store(store, [Path("examples")])
    ...     rows = kg.run_store(store, "investors", "澄湖科技")
    ...     kg.write_rdf(store, "ttl", Path("graph.ttl"))

Build: `build_store` (the function behind `kg build`; the module `kg.build` keeps its name, so the
function is exported under another), `BuildReport`. Store: `open_store`, `Store`. Views: `graph_of`, `to_networkx`,
`node_link`. Load into Neo4j: `load_graph`. Export and import: `write_rdf`, `to_rdf`, `import_file`,
`validate_store`. Query: `run_store`, `run_embedded`, `run_neo4j`, `sparql_store`. The ontology:
`load_ontology`, `Ontology`. The model: `Article`, `Entity`, `Relation`, `Source`, `EntityMention`,
`RelationMention`, `Extraction`. Errors: `KGError` and its kinds.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from kg.compile_cache import install as _cache_compiled_regexes
from kg.re_charsets import install as _memoise_regex_classes

_memoise_regex_classes()  # compiling kg's patterns: 0.76 s less per process (kg/re_charsets.py)
_cache_compiled_regexes()  # and compiled once per Python build, not per process (kg/compile_cache.py)

#: public name -> (module, attribute): what `__getattr__` imports on first use
_EXPORTS: dict[str, tuple[str, str]] = {
    # build
    "build_store": ("kg.build", "build"),
    "BuildReport": ("kg.build", "BuildReport"),
    # the store and its views
    "Store": ("kg.store", "Store"),
    "open_store": ("kg.store", "open_store"),
    "to_networkx": ("kg.graph", "to_networkx"),
    "graph_of": ("kg.graph", "graph_of"),
    "node_link": ("kg.graph", "node_link"),
    # load into Neo4j
    "load_graph": ("kg.neo4j.loader", "load_graph"),
    "LoadReport": ("kg.neo4j.loader", "LoadReport"),
    # export, import, validate
    "write_rdf": ("kg.rdf", "write_rdf"),
    "to_rdf": ("kg.rdf", "to_rdf"),
    "import_file": ("kg.rdf", "import_file"),
    "ImportReport": ("kg.rdf", "ImportReport"),
    "validate_store": ("kg.rdf", "validate_store"),
    # query
    "run_store": ("kg.queries", "run_store"),
    "run_embedded": ("kg.queries", "run_embedded"),
    "run_neo4j": ("kg.queries", "run_neo4j"),
    "sparql_store": ("kg.rdf", "sparql_store"),
    # the ontology
    "Ontology": ("kg.ontology", "Ontology"),
    "load_ontology": ("kg.ontology", "load_ontology"),
    # the model
    "Article": ("kg.model", "Article"),
    "Entity": ("kg.model", "Entity"),
    "Relation": ("kg.model", "Relation"),
    "Source": ("kg.model", "Source"),
    "EntityMention": ("kg.model", "EntityMention"),
    "RelationMention": ("kg.model", "RelationMention"),
    "Extraction": ("kg.model", "Extraction"),
    # errors
    "KGError": ("kg.errors", "KGError"),
    "InputError": ("kg.errors", "InputError"),
    "StoreError": ("kg.errors", "StoreError"),
    "OntologyError": ("kg.errors", "OntologyError"),
    "Neo4jError": ("kg.errors", "Neo4jError"),
}

__all__ = ["__version__", "build_store", "BuildReport", "Store", "open_store", "graph_of", "to_networkx",
          "node_link",
          "load_graph", "LoadReport", "write_rdf", "to_rdf", "import_file", "ImportReport", "validate_store",
          "run_store", "run_embedded", "run_neo4j", "sparql_store", "Ontology", "load_ontology", "Article", "Entity",
          "Relation", "Source", "EntityMention", "RelationMention", "Extraction", "KGError", "InputError",
          "StoreError", "OntologyError", "Neo4jError"]

if TYPE_CHECKING:  # what the names are, for type checkers and editors; nothing is imported at run time
    from kg.build import BuildReport
    from kg.build import build as build_store
    from kg.errors import InputError, KGError, Neo4jError, OntologyError, StoreError
    from kg.graph import graph_of, node_link, to_networkx
    from kg.model import Article, Entity, EntityMention, Extraction, Relation, RelationMention, Source
    from kg.neo4j.loader import LoadReport, load_graph
    from kg.ontology import Ontology, load_ontology
    from kg.queries import run_embedded, run_neo4j, run_store
    from kg.rdf import ImportReport, import_file, sparql_store, to_rdf, validate_store, write_rdf
    from kg.store import Store, open_store

    __version__: str


def _version() -> str:
    """The installed distribution's version; from `pyproject.toml` beside the package when `kg` runs
    from a checkout that is not installed."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("kg")
    except PackageNotFoundError:
        pass
    import tomllib
    from pathlib import Path

    pyproject = Path(__file__).resolve().parent.parent / "pyproject.toml"
    try:
        return str(tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["version"])
    except (OSError, KeyError, tomllib.TOMLDecodeError):
        return "0+unknown"


def __getattr__(name: str) -> Any:
    if name == "__version__":
        value: Any = _version()
    elif name in _EXPORTS:
        module, attribute = _EXPORTS[name]
        value = getattr(import_module(module), attribute)
    else:
        raise AttributeError(f"module 'kg' has no attribute {name!r}")
    globals()[name] = value  # once: later look-ups find it without coming here
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
