"""The one place in `kg` that knows class, relationship and property names.

Everything typed in `kg` (Neo4j labels, constraints and relationship types, RDF terms, extraction
types, validation) asks this module, and this module reads them from `ontology/*.ttl`. A name the
ontology does not define is an `OntologyError` (with close matches), never a silent new label: a typo
must not become a new kind of node in somebody's database.
"""

from __future__ import annotations

import difflib
import os
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.errors import OntologyError

if TYPE_CHECKING:
    from rdflib import Graph, Namespace

#: The ontology's namespace IRI (`KGO`, an rdflib `Namespace` of it, is made on first use: importing
#: rdflib costs a `kg query` process more than its query at a million relations).
KGO_IRI = "https://w3id.org/kg-news/ontology#"
ENTITY_BASE = "https://w3id.org/kg-news/id/"


def __getattr__(name: str) -> Any:
    """`KGO`, the rdflib `Namespace` of `KGO_IRI`, made when first asked for (rdflib imported then)."""
    if name == "KGO":
        from rdflib import Namespace

        globals()["KGO"] = Namespace(KGO_IRI)
        return globals()["KGO"]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


if TYPE_CHECKING:
    KGO: Namespace

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
    #: the rdflib graph of the Turtle (SHACL validation reads it), or the files to parse it from when
    #: first asked for (`graph`): the names and lookups above do not need rdflib
    source: Graph | tuple[Path, ...] = field(repr=False, compare=False)
    #: `labels_for`'s answers by the classes asked: a store has a few dozen type lists, met once per entity
    _labels: dict[tuple[str, ...], tuple[str, ...]] = field(default_factory=dict, init=False, repr=False,
                                                             compare=False)

    @property
    def graph(self) -> Graph:
        """The ontology as an rdflib graph (parsed on first use when loaded from files)."""
        if isinstance(self.source, tuple):
            from rdflib import Graph

            graph = Graph()
            for path in self.source:
                graph.parse(path, format="turtle")
            self.source = graph
        return self.source

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
        key = tuple(types)
        labels = self._labels.get(key)
        if labels is None:
            closure: set[str] = set()
            for t in key:
                closure.update(self.ancestors(t))
            labels = self._labels[key] = tuple(sorted(closure, key=lambda c: (len(self.ancestors(c)), c)))
        return list(labels)

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


#: RDF terms as the parser below reads them, whichever library parsed the Turtle: ("iri", IRI),
#: ("bnode", id) or ("literal", text, language or "")
Term = tuple[str, ...]
_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_RDFS = "http://www.w3.org/2000/01/rdf-schema#"
_OWL = "http://www.w3.org/2002/07/owl#"
_SKOS = "http://www.w3.org/2004/02/skos/core#"


class _Triples:
    """The triples of the ontology files, indexed for the two lookups the parser makes, in the order
    the triples were read (as rdflib's in-memory store gives them back)."""

    def __init__(self, triples: Iterable[tuple[Term, Term, Term]]) -> None:
        self._subjects: dict[tuple[Term, Term], list[Term]] = defaultdict(list)
        self._objects: dict[tuple[Term, Term], list[Term]] = defaultdict(list)
        seen: set[tuple[Term, Term, Term]] = set()
        for s, p, o in triples:
            if (s, p, o) not in seen:  # a graph is a set
                seen.add((s, p, o))
                self._subjects[(p, o)].append(s)
                self._objects[(s, p)].append(o)

    def subjects(self, predicate: str, obj: str) -> list[Term]:
        return self._subjects.get((("iri", predicate), ("iri", obj)), [])

    def objects(self, subject: Term, predicate: str) -> list[Term]:
        return self._objects.get((subject, ("iri", predicate)), [])

    def items(self, head: Term) -> Iterator[Term]:
        """The members of the RDF list starting at `head` (as `rdflib.collection.Collection` reads it)."""
        while head != ("iri", _RDF + "nil"):
            yield from self.objects(head, _RDF + "first")[:1]
            rest = self.objects(head, _RDF + "rest")
            if not rest:
                return
            head = rest[0]


def _oxigraph_triples(paths: Iterable[Path]) -> Iterator[tuple[Term, Term, Term]]:
    """The triples of these Turtle files, parsed by pyoxigraph (compiled), as `Term`s."""
    import pyoxigraph as ox

    def term(node: Any) -> Term:
        if isinstance(node, ox.NamedNode):
            return ("iri", node.value)
        if isinstance(node, ox.Literal):
            return ("literal", node.value, node.language or "")
        return ("bnode", f"{path}:{node.value}")  # blank node labels are local to a file

    for path in paths:
        try:
            quads = list(ox.parse(path=path, format=ox.RdfFormat.TURTLE))
        except Exception as exc:  # a syntax error, an unreadable file
            raise OntologyError(f"{path}: cannot parse ontology: {exc}") from exc
        for quad in quads:
            yield term(quad.subject), term(quad.predicate), term(quad.object)


class _RdflibTriples:
    """The two lookups of `_Triples` on an rdflib graph (in the order rdflib gives them)."""

    def __init__(self, graph: Graph) -> None:
        from rdflib import Literal, URIRef

        self.graph, self._uri, self._literal = graph, URIRef, Literal

    def _term(self, node: Any) -> Term:
        if isinstance(node, self._uri):
            return ("iri", str(node))
        if isinstance(node, self._literal):
            return ("literal", str(node), node.language or "")
        return ("bnode", str(node))

    def _node(self, term: Term) -> Any:
        from rdflib import BNode

        return self._uri(term[1]) if term[0] == "iri" else BNode(term[1])

    def subjects(self, predicate: str, obj: str) -> list[Term]:
        return [self._term(n) for n in self.graph.subjects(self._uri(predicate), self._uri(obj))]

    def objects(self, subject: Term, predicate: str) -> list[Term]:
        return [self._term(n) for n in self.graph.objects(self._node(subject), self._uri(predicate))]

    def items(self, head: Term) -> Iterator[Term]:
        from rdflib.collection import Collection

        return (self._term(n) for n in Collection(self.graph, self._node(head)))


def _is_kgo(node: Term) -> bool:
    return node[0] == "iri" and node[1].startswith(KGO_IRI)


def _local(iri: Term) -> str:
    return iri[1][len(KGO_IRI):]


def _texts(graph: _Triples | _RdflibTriples, subject: Term, predicate: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for obj in graph.objects(subject, predicate):
        if obj[0] == "literal":
            out.setdefault(obj[2], obj[1])
    return out


def _class_set(graph: _Triples | _RdflibTriples, node: Term) -> set[str]:
    """Classes named by a domain/range: a kgo class, or an owl:unionOf list of them."""
    if node[0] == "iri":
        return {_local(node)} if _is_kgo(node) else set()
    members: set[str] = set()
    for union in graph.objects(node, _OWL + "unionOf"):
        for item in graph.items(union):
            members |= _class_set(graph, item)
    return members


def _allowed(graph: _Triples | _RdflibTriples, subject: Term) -> frozenset[str]:
    return frozenset(_local(o) for o in graph.objects(subject, KGO_IRI + "allowsProperty") if o[0] == "iri")


def parse_ontology(graph: Graph) -> Ontology:
    """Read classes, object and datatype properties in the `kgo:` namespace from an rdflib graph."""
    return _parse(_RdflibTriples(graph), graph)


def _parse(graph: _Triples | _RdflibTriples, source: Graph | tuple[Path, ...]) -> Ontology:
    classes: dict[str, OntClass] = {}
    for iri in graph.subjects(_RDF + "type", _OWL + "Class"):
        if not _is_kgo(iri):
            continue
        parents = tuple(sorted(_local(p) for p in graph.objects(iri, _RDFS + "subClassOf") if _is_kgo(p)))
        classes[_local(iri)] = OntClass(
            name=_local(iri),
            iri=iri[1],
            labels=_texts(graph, iri, _RDFS + "label"),
            definition=_texts(graph, iri, _SKOS + "definition").get("en", ""),
            parents=parents,
            allowed_properties=_allowed(graph, iri),
        )
    relations: dict[str, OntRelation] = {}
    for iri in graph.subjects(_RDF + "type", _OWL + "ObjectProperty"):
        if not _is_kgo(iri):
            continue
        domain: set[str] = set()
        for d in graph.objects(iri, _RDFS + "domain"):
            domain |= _class_set(graph, d)
        rng: set[str] = set()
        for r in graph.objects(iri, _RDFS + "range"):
            rng |= _class_set(graph, r)
        relations[_local(iri)] = OntRelation(
            name=_local(iri),
            iri=iri[1],
            labels=_texts(graph, iri, _RDFS + "label"),
            definition=_texts(graph, iri, _SKOS + "definition").get("en", ""),
            domain=frozenset(domain),
            range=frozenset(rng),
            allowed_properties=_allowed(graph, iri),
        )
    properties: dict[str, OntProperty] = {}
    for iri in graph.subjects(_RDF + "type", _OWL + "DatatypeProperty"):
        if not _is_kgo(iri):
            continue
        datatype = next((r[1] for r in graph.objects(iri, _RDFS + "range")), None)
        properties[_local(iri)] = OntProperty(
            name=_local(iri), iri=iri[1], datatype=datatype, labels=_texts(graph, iri, _RDFS + "label")
        )
    onto = Ontology(classes=classes, relations=relations, properties=properties, source=source)
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
    """Parse the given Turtle files as one ontology (with pyoxigraph: the rdflib graph, which only
    validation reads, is parsed from the same files when first asked for)."""
    paths = tuple(paths)
    return _parse(_Triples(_oxigraph_triples(paths)), paths)


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
