"""The one place in `kg` that knows class, relationship and property names.

Everything typed in `kg` (Neo4j labels, constraints and relationship types, RDF terms, extraction
types, validation) asks this module, and this module reads them from `ontology/*.ttl`. A name the
ontology does not define is an `OntologyError` (with close matches), never a silent new label: a typo
must not become a new kind of node in somebody's database.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from rdflib import OWL, RDF, RDFS, SKOS, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection

from kg.errors import OntologyError

KGO = Namespace("https://w3id.org/kg-news/ontology#")
ENTITY_BASE = "https://w3id.org/kg-news/id/"

#: Provenance keys every relation may carry, whatever its type.
PROVENANCE_PROPERTIES = frozenset({"id", "sources", "confidence", "method", "evidence"})
#: Keys every node carries, whatever its class.
CORE_NODE_PROPERTIES = frozenset({"id", "name", "aliases"})


def ontology_dir() -> Path:
    """Where the Turtle files live: `KG_ONTOLOGY_DIR`, else the repository's `ontology/` folder.

    The package is installed editable (see the README), so the folder next to `kg/` is found in
    both a checkout and an installed environment built from one.

    Examples
    --------
    >>> sorted(p.name for p in ontology_dir().glob("*.ttl"))
    ['kg.ttl', 'shapes.ttl']
    """
    override = os.environ.get("KG_ONTOLOGY_DIR")
    if override:
        return Path(override)
    return Path(__file__).resolve().parent.parent / "ontology"


@dataclass(frozen=True)
class OntClass:
    """An ontology class: a Neo4j label and an RDF type."""

    name: str
    iri: str
    labels: Mapping[str, str]
    definition: str
    parents: tuple[str, ...]
    allowed_properties: frozenset[str]


@dataclass(frozen=True)
class OntRelation:
    """An object property: a Neo4j relationship type with the classes it may join."""

    name: str
    iri: str
    labels: Mapping[str, str]
    definition: str
    domain: frozenset[str]
    range: frozenset[str]
    allowed_properties: frozenset[str]


@dataclass(frozen=True)
class OntProperty:
    """A datatype property: a Neo4j property key and an RDF predicate."""

    name: str
    iri: str
    datatype: str | None
    labels: Mapping[str, str]


@dataclass
class Ontology:
    """The parsed ontology with lookups that refuse unknown names.

    Examples
    --------
    >>> onto = load_ontology()
    >>> onto.roots()
    ['Article', 'FinancialFigure', 'FundingRound', 'IPO', 'Organization', 'Person', 'Product']
    >>> onto.cls("StateOwnedFund").labels
    {'en': 'State-owned fund', 'zh': '国有资本投资主体'}
    """

    classes: dict[str, OntClass]
    relations: dict[str, OntRelation]
    properties: dict[str, OntProperty]
    graph: Graph = field(repr=False)

    # -- lookups -------------------------------------------------------------------------------
    def cls(self, name: str) -> OntClass:
        """The class called `name`; an `OntologyError` naming close matches if there is none.

        Examples
        --------
        >>> load_ontology().cls("StateOwnedFund").parents
        ('Investor',)
        >>> load_ontology().cls("StateFund")
        Traceback (most recent call last):
        ...
        kg.errors.OntologyError: unknown class 'StateFund' (not in the ontology); did you mean StateOwnedFund?
        """
        try:
            return self.classes[name]
        except KeyError:
            raise OntologyError(_unknown("class", name, self.classes)) from None

    def relation(self, name: str) -> OntRelation:
        """The relationship type called `name`, or an `OntologyError`.

        Examples
        --------
        >>> rel = load_ontology().relation("INVESTED_IN")
        >>> sorted(rel.domain), sorted(rel.range), "round" in rel.allowed_properties
        (['Investor'], ['Company'], True)
        """
        try:
            return self.relations[name]
        except KeyError:
            raise OntologyError(_unknown("relationship type", name, self.relations)) from None

    def prop(self, name: str) -> OntProperty:
        """The datatype property called `name`, or an `OntologyError`.

        Examples
        --------
        >>> load_ontology().prop("amount").datatype
        'http://www.w3.org/2001/XMLSchema#decimal'
        """
        try:
            return self.properties[name]
        except KeyError:
            raise OntologyError(_unknown("property", name, self.properties)) from None

    # -- hierarchy -----------------------------------------------------------------------------
    def ancestors(self, name: str) -> list[str]:
        """`name` and all its superclasses, nearest first (a StateOwnedFund is an Investor is an
        Organization).

        Examples
        --------
        >>> load_ontology().ancestors("StateOwnedFund")
        ['StateOwnedFund', 'Investor', 'Organization']
        """
        seen: list[str] = []
        todo = [name]
        while todo:
            current = todo.pop(0)
            if current in seen:
                continue
            seen.append(current)
            todo.extend(self.cls(current).parents)
        return seen

    def labels_for(self, types: Iterable[str]) -> list[str]:
        """All labels a node of these classes carries: the classes and their superclasses, sorted
        root first so the output is the same on every run.

        Examples
        --------
        >>> load_ontology().labels_for(["StateOwnedFund"])
        ['Organization', 'Investor', 'StateOwnedFund']
        """
        closure: set[str] = set()
        for t in types:
            closure.update(self.ancestors(t))
        return sorted(closure, key=lambda c: (len(self.ancestors(c)), c))

    def root_of(self, name: str) -> str:
        """The top-most class above `name`; nodes are keyed by `id` under their root label.

        Examples
        --------
        >>> load_ontology().root_of("StateOwnedFund")
        'Organization'
        """
        return self.ancestors(name)[-1]

    def roots(self) -> list[str]:
        """Classes without a superclass: one uniqueness constraint on `id` each."""
        return sorted(c.name for c in self.classes.values() if not c.parents)

    def is_a(self, name: str, ancestor: str) -> bool:
        """True when `name` is `ancestor` or one of its subclasses.

        Examples
        --------
        >>> onto = load_ontology()
        >>> onto.is_a("StateOwnedFund", "Investor"), onto.is_a("Investor", "StateOwnedFund")
        (True, False)
        """
        return ancestor in self.ancestors(name)

    def most_specific(self, types: Iterable[str]) -> list[str]:
        """Drop the classes implied by others (Investor is implied by StateOwnedFund).

        Examples
        --------
        >>> load_ontology().most_specific(["Investor", "StateOwnedFund", "Organization"])
        ['StateOwnedFund']
        """
        types = set(types)
        for t in types:
            self.cls(t)
        return sorted(t for t in types if not any(o != t and self.is_a(o, t) for o in types))

    # -- properties ----------------------------------------------------------------------------
    def check_relation_properties(self, relation: str, props: Mapping[str, object]) -> None:
        """Refuse a property key the ontology does not allow on this relationship type.

        Examples
        --------
        >>> onto = load_ontology()
        >>> onto.check_relation_properties("INVESTED_IN", {"round": "B", "amount": 3e8})  # allowed: no error
        >>> onto.check_relation_properties("INVESTED_IN", {"round": "B", "colour": "red"})
        Traceback (most recent call last):
        ...
        kg.errors.OntologyError: INVESTED_IN does not allow properties ['colour']; allowed: [...]
        """
        allowed = self.relation(relation).allowed_properties | PROVENANCE_PROPERTIES
        unknown = sorted(set(props) - allowed)
        if unknown:
            raise OntologyError(
                f"{relation} does not allow properties {unknown}; allowed: {sorted(allowed)}"
            )

    def node_properties(self, types: Iterable[str]) -> frozenset[str]:
        """The property keys a node of these classes may carry.

        Examples
        --------
        >>> sorted(load_ontology().node_properties(["Person"]))
        ['aliases', 'id', 'name', 'qid']
        """
        allowed = set(CORE_NODE_PROPERTIES)
        for label in self.labels_for(types):
            allowed |= self.classes[label].allowed_properties
        return frozenset(allowed)

    def check_endpoints(self, relation: str, source_types: Iterable[str], target_types: Iterable[str]) -> bool:
        """True when the classes fit the relation's domain and range (superclasses count).

        Examples
        --------
        A state-owned fund is an investor, a person is not:

        >>> onto = load_ontology()
        >>> onto.check_endpoints("INVESTED_IN", ["StateOwnedFund"], ["Company"])
        True
        >>> onto.check_endpoints("INVESTED_IN", ["Person"], ["Company"])
        False
        """
        rel = self.relation(relation)
        src = set(self.labels_for(source_types))
        dst = set(self.labels_for(target_types))
        return bool(src & rel.domain) and bool(dst & rel.range)


def _unknown(kind: str, name: str, known: Mapping[str, object]) -> str:
    close = difflib.get_close_matches(name, list(known), n=3, cutoff=0.5)
    hint = f"; did you mean {', '.join(close)}?" if close else ""
    return f"unknown {kind} {name!r} (not in the ontology){hint}"


def _local(iri: URIRef) -> str:
    return str(iri)[len(str(KGO)):]


def _texts(graph: Graph, subject: URIRef, predicate: URIRef) -> dict[str, str]:
    out: dict[str, str] = {}
    for obj in graph.objects(subject, predicate):
        if isinstance(obj, Literal):
            out.setdefault(obj.language or "", str(obj))
    return out


def _class_set(graph: Graph, node) -> set[str]:
    """Classes named by a domain/range: a kgo class, or an owl:unionOf list of them."""
    if isinstance(node, URIRef):
        return {_local(node)} if str(node).startswith(str(KGO)) else set()
    members: set[str] = set()
    for union in graph.objects(node, OWL.unionOf):
        for item in Collection(graph, union):
            members |= _class_set(graph, item)
    return members


def _allowed(graph: Graph, subject: URIRef) -> frozenset[str]:
    return frozenset(_local(o) for o in graph.objects(subject, KGO.allowsProperty) if isinstance(o, URIRef))


def parse_ontology(graph: Graph) -> Ontology:
    """Read classes, object and datatype properties in the `kgo:` namespace from an rdflib graph."""
    ns = str(KGO)
    classes: dict[str, OntClass] = {}
    for iri in graph.subjects(RDF.type, OWL.Class):
        if not isinstance(iri, URIRef) or not str(iri).startswith(ns):
            continue
        parents = tuple(
            sorted(
                _local(p)
                for p in graph.objects(iri, RDFS.subClassOf)
                if isinstance(p, URIRef) and str(p).startswith(ns)
            )
        )
        classes[_local(iri)] = OntClass(
            name=_local(iri),
            iri=str(iri),
            labels=_texts(graph, iri, RDFS.label),
            definition=_texts(graph, iri, SKOS.definition).get("en", ""),
            parents=parents,
            allowed_properties=_allowed(graph, iri),
        )
    relations: dict[str, OntRelation] = {}
    for iri in graph.subjects(RDF.type, OWL.ObjectProperty):
        if not isinstance(iri, URIRef) or not str(iri).startswith(ns):
            continue
        domain: set[str] = set()
        for d in graph.objects(iri, RDFS.domain):
            domain |= _class_set(graph, d)
        rng: set[str] = set()
        for r in graph.objects(iri, RDFS.range):
            rng |= _class_set(graph, r)
        relations[_local(iri)] = OntRelation(
            name=_local(iri),
            iri=str(iri),
            labels=_texts(graph, iri, RDFS.label),
            definition=_texts(graph, iri, SKOS.definition).get("en", ""),
            domain=frozenset(domain),
            range=frozenset(rng),
            allowed_properties=_allowed(graph, iri),
        )
    properties: dict[str, OntProperty] = {}
    for iri in graph.subjects(RDF.type, OWL.DatatypeProperty):
        if not isinstance(iri, URIRef) or not str(iri).startswith(ns):
            continue
        datatype = next((str(r) for r in graph.objects(iri, RDFS.range)), None)
        properties[_local(iri)] = OntProperty(
            name=_local(iri), iri=str(iri), datatype=datatype, labels=_texts(graph, iri, RDFS.label)
        )
    onto = Ontology(classes=classes, relations=relations, properties=properties, graph=graph)
    _check_consistency(onto)
    return onto


def _check_consistency(onto: Ontology) -> None:
    """Fail early when the Turtle refers to names it never defines (a broken ontology file)."""
    for c in onto.classes.values():
        for parent in c.parents:
            onto.cls(parent)
        for p in c.allowed_properties:
            onto.prop(p)
    for r in onto.relations.values():
        for end in r.domain | r.range:
            onto.cls(end)
        for p in r.allowed_properties:
            onto.prop(p)


def load_ontology_files(paths: Iterable[Path]) -> Ontology:
    """Parse the given Turtle files as one ontology."""
    graph = Graph()
    for path in paths:
        try:
            graph.parse(path, format="turtle")
        except Exception as exc:  # rdflib raises many parser exception types
            raise OntologyError(f"{path}: cannot parse ontology: {exc}") from exc
    return parse_ontology(graph)


@lru_cache(maxsize=4)
def load_ontology(directory: Path | None = None) -> Ontology:
    """The project's ontology: every `*.ttl` in the ontology folder except the SHACL shapes.

    Examples
    --------
    >>> onto = load_ontology()
    >>> onto.classes["Company"].parents, onto.relations["INVESTED_IN"].labels["zh"]
    (('Organization',), '投资')
    >>> load_ontology() is onto  # parsed once
    True
    """
    directory = directory or ontology_dir()
    files = sorted(p for p in directory.glob("*.ttl") if p.name != "shapes.ttl")
    if not files:
        raise OntologyError(f"no ontology files (*.ttl) in {directory}")
    return load_ontology_files(files)


def shapes_path(directory: Path | None = None) -> Path:
    """The SHACL shapes file that validation runs against.

    Examples
    --------
    >>> shapes_path().name, shapes_path().parent == ontology_dir()
    ('shapes.ttl', True)
    """
    return (directory or ontology_dir()) / "shapes.ttl"


# -- the generated namespace module ---------------------------------------------------------------

#: The checked-in module of constants that `terms_source` writes (`scripts/gen_terms.py`).
TERMS_MODULE = Path(__file__).resolve().parent / "terms.py"

_TERMS_HEADER = '''\
"""The ontology's names as constants: `C` classes (Neo4j labels), `R` relationship types, `P` property keys.

GENERATED from ontology/kg.ttl by `python scripts/gen_terms.py` (`kg.ontology.terms_source`); do not edit
by hand. tests/test_terms.py fails when this file and the ontology differ, and when a class or relationship
name is written in `kg/` as a string literal instead of one of these constants.

    >>> from kg.terms import C, R
    >>> R.INVESTED_IN, C.StateOwnedFund
    ('INVESTED_IN', 'StateOwnedFund')
    >>> R.INVESTED_ON
    Traceback (most recent call last):
    ...
    AttributeError: R has no term 'INVESTED_ON' (not in ontology/kg.ttl); did you mean INVESTED_IN, LISTED_ON?
    >>> "INVESTED_IN" in R, "INVESTED_ON" in R
    (True, False)
    >>> R.INVESTED_IN == "INVESTED_IN", {R.INVESTED_IN: 1}["INVESTED_IN"]
    (True, 1)
    >>> R.INVESTED_IN = "X"
    Traceback (most recent call last):
    ...
    AttributeError: R is generated from the ontology and cannot be changed

Each constant is a plain `str` equal to its own name, so it goes wherever the literal went and compares,
hashes, prints and serialises exactly as the literal did. The namespaces are closed, as rdflib's
`DefinedNamespace` is: a name the ontology does not define is an `AttributeError` when the line runs, and
mypy reports it before that (the failing lookup is hidden from type checkers), so a typo can no longer be
a string that silently matches no rows. `name in R` and `list(C)` give the terms themselves.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, Final, NoReturn


class _Closed(type):
    """The metaclass of a closed namespace: only its declared terms exist, and it cannot be changed."""

    _terms: tuple[str, ...]

    def __new__(mcs, name: str, bases: tuple[type, ...], namespace: dict[str, Any]) -> _Closed:
        namespace["_terms"] = tuple(k for k, v in namespace.items() if not k.startswith("_") and isinstance(v, str))
        return super().__new__(mcs, name, bases, namespace)

    def __iter__(cls) -> Iterator[str]:
        return iter(cls._terms)

    def __len__(cls) -> int:
        return len(cls._terms)

    def __contains__(cls, name: object) -> bool:
        return name in cls._terms

    def __setattr__(cls, name: str, value: object) -> NoReturn:
        raise AttributeError(f"{cls.__name__} is generated from the ontology and cannot be changed")

    def __delattr__(cls, name: str) -> NoReturn:
        raise AttributeError(f"{cls.__name__} is generated from the ontology and cannot be changed")

    def __call__(cls, *args: object, **kwargs: object) -> NoReturn:
        raise TypeError(f"{cls.__name__} is a namespace of constants, not a class to instantiate")

    if not TYPE_CHECKING:  # hidden from mypy, which then reports an unknown term as a missing attribute

        def __getattr__(cls, name: str) -> NoReturn:
            if name.startswith("__"):
                raise AttributeError(name)
            close = difflib.get_close_matches(name, cls._terms, n=3, cutoff=0.6)
            hint = f"; did you mean {', '.join(close)}?" if close else ""
            raise AttributeError(f"{cls.__name__} has no term {name!r} (not in ontology/kg.ttl){hint}")
'''

_TERMS_KINDS = (
    ("C", "Classes (owl:Class): Neo4j node labels and RDF types."),
    ("R", "Relationship types (owl:ObjectProperty): Neo4j relationship types and RDF predicates."),
    ("P", "Property keys (owl:DatatypeProperty): Neo4j node and relationship property keys."),
)


def _label(labels: Mapping[str, str]) -> str:
    en, zh = labels.get("en", ""), labels.get("zh", "")
    return f"{en} ({zh})" if en and zh else en or zh


def _term_comments(onto: Ontology) -> dict[str, list[tuple[str, str]]]:
    """Each namespace's (name, comment) pairs: the labels, a class's superclasses, a relation's ends."""
    classes = [
        (c.name, _label(c.labels) + (f"; a kind of {', '.join(c.parents)}" if c.parents else ""))
        for c in onto.classes.values()
    ]
    relations = [
        (r.name, f"{_label(r.labels)}: {' | '.join(sorted(r.domain))} -> {' | '.join(sorted(r.range))}")
        for r in onto.relations.values()
    ]
    properties = [(p.name, _label(p.labels)) for p in onto.properties.values()]
    return {"C": sorted(classes), "R": sorted(relations), "P": sorted(properties)}


def terms_source(onto: Ontology) -> str:
    """The text of `kg/terms.py`: one closed namespace each for the ontology's classes (`C`),
    relationship types (`R`) and property keys (`P`), every constant equal to its name, sorted, with
    the term's labels (and a class's superclasses, a relationship's domain and range) as its comment.

    Examples
    --------
    The checked-in `kg/terms.py` is this text:

    >>> terms_source(load_ontology()) == TERMS_MODULE.read_text(encoding="utf-8")
    True
    """
    import keyword
    import textwrap

    terms = _term_comments(onto)
    out = [_TERMS_HEADER]
    for kind, doc in _TERMS_KINDS:
        out.append(f"\n\nclass {kind}(metaclass=_Closed):\n    \"\"\"{doc}\"\"\"\n")
        for name, comment in terms[kind]:
            if not name.isidentifier() or keyword.iskeyword(name) or name.startswith("_"):
                raise OntologyError(f"ontology term {name!r} is not usable as a Python name in kg/terms.py")
            out.append("\n")
            if comment:
                out.extend(f"{line}\n" for line in textwrap.wrap(comment, 112, initial_indent="    #: ",
                                                                   subsequent_indent="    #: "))
            out.append(f'    {name}: Final = "{name}"\n')
    return "".join(out)
