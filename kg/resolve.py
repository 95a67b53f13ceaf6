"""Resolution: which entity of the graph of record does a mention in a new article refer to?

Ids must be the same on every run and machine, so they are built from names, never from counters:
a gazetteer entity is `<root>:<gazetteer key>` (organization:zhipu-ai), anything else is
`<root>:<slug of its display name>` when first seen. Later articles join an existing entity when one
of their names normalises to one of its aliases (智譜 = 智谱 = "Zhipu AI" = "zhipu ai"); a text that
pairs two names ("Yunxiu Intelligence (云岫智能)") makes both names aliases of one mention, which is
how English and Chinese names of one company meet.

People are different: two people can share a name. A person mention carries the organisations the
article ties it to (FOUNDED, HOLDS_POSITION, LEFT), and joins a same-name person of the graph only
when they share one of those organisations; otherwise it becomes a new person whose id has a
disambiguating suffix (`person:zhang-wei-3f9a1c2e`) built from the name and its organisations, so
it is the same on every run.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from kg.errors import OntologyError
from kg.model import IDENTIFYING_PROPERTIES, EntityMention, Extraction, RelationMention
from kg.names import normalize_name, short_hash, slug
from kg.ontology import Ontology
from kg.store import ResolvedEntity, ResolvedRelation, Store


@dataclass
class Resolution:
    """The article's mentions and relations with graph ids, and what had to be dropped."""

    entities: list[ResolvedEntity]
    relations: list[ResolvedRelation]
    dropped: list[tuple[str, str]] = field(default_factory=list)


def id_prefix(root: str) -> str:
    """`Organization` -> `organization`: ids say what kind of thing they name."""
    return root.lower()


def relation_id(rel_type: str, source: str, target: str, props: dict) -> str:
    """The id of a fact: its type, endpoints and the properties that tell two such facts apart."""
    parts = [rel_type, source, target]
    parts += [f"{k}={props.get(k) or ''}" for k in IDENTIFYING_PROPERTIES.get(rel_type, ())]
    return "r" + short_hash(*parts)


def _root(ontology: Ontology, mention: EntityMention) -> str:
    roots = {ontology.root_of(t) for t in mention.types}
    if len(roots) != 1:
        raise OntologyError(f"mention {mention.display_name!r} has types {sorted(mention.types)} "
                            f"from different roots {sorted(roots)}")
    return roots.pop()


def _resolve_id(store: Store, mention: EntityMention, root: str, taken: set[str]) -> str:
    prefix = id_prefix(root)
    if mention.key:
        return store.entity_by_key(mention.key) or f"{prefix}:{slug(mention.key)}"
    votes: Counter[str] = Counter()
    for name in {*mention.names, *mention.known_aliases}:
        for entity_id in store.entity_ids_by_alias(normalize_name(name), root):
            votes[entity_id] += 1
    if votes:
        best = max(votes.values())
        return min(eid for eid, n in votes.items() if n == best)
    candidate = f"{prefix}:{slug(mention.display_name)}"
    if candidate in taken or store.entity_exists(candidate):
        candidate = f"{candidate}-{short_hash(*sorted(normalize_name(n) for n in mention.names), length=8)}"
    return candidate


#: Relations that tie a person to an organisation: what "shared affiliation" means.
PERSON_TIES = ("FOUNDED", "HOLDS_POSITION", "LEFT")


def affiliations(extraction: Extraction) -> dict[str, set[str]]:
    """Person handle -> handles of the organisations the article ties that person to."""
    out: dict[str, set[str]] = {}
    for rel in extraction.relations:
        if rel.type in PERSON_TIES:
            out.setdefault(rel.source, set()).add(rel.target)
    return out


def _store_affiliations(store: Store, person_id: str) -> set[str]:
    rows = store.connection.execute(
        f"SELECT DISTINCT target FROM relations WHERE source = ? AND type IN ({','.join('?' * len(PERSON_TIES))})",
        (person_id, *PERSON_TIES),
    )
    return {r[0] for r in rows}


def _resolve_person_id(
    store: Store, mention: EntityMention, org_ids: set[str], taken: set[str], prefix: str
) -> str:
    """A same-name person who shares an organisation, else a new person (suffixed if the name is taken)."""
    if mention.key:
        return store.entity_by_key(mention.key) or f"{prefix}:{slug(mention.key)}"
    votes: Counter[str] = Counter()
    for name in {*mention.names, *mention.known_aliases}:
        for entity_id in store.entity_ids_by_alias(normalize_name(name), "Person"):
            votes[entity_id] += 1
    for entity_id, _n in sorted(votes.items(), key=lambda kv: (-kv[1], kv[0])):
        if org_ids & _store_affiliations(store, entity_id):
            return entity_id
    base = f"{prefix}:{slug(mention.display_name)}"
    suffixed = f"{base}-{short_hash(*sorted(normalize_name(n) for n in mention.names), *sorted(org_ids), length=8)}"
    if suffixed in votes:
        return suffixed  # the same name with the same organisations (or none) seen before
    if not votes and base not in taken and not store.entity_exists(base):
        return base
    return suffixed


def resolve(store: Store, extraction: Extraction, ontology: Ontology) -> Resolution:
    """Give every mention an entity id and every relation a fact id; drop what the ontology forbids.

    Organisations are resolved first, so a person can be matched on the organisations the article
    ties them to.
    """
    result = Resolution(entities=[], relations=[], dropped=list(extraction.dropped))
    ids: dict[str, str] = {}
    types_by_id: dict[str, set[str]] = {}
    taken: set[str] = set()
    roots: dict[str, str] = {}
    for mention in extraction.entities:
        for t in mention.types:
            ontology.cls(t)
        roots[mention.handle] = _root(ontology, mention)
    ties = affiliations(extraction)
    ordered = [m for m in extraction.entities if roots[m.handle] != "Person"]
    ordered += [m for m in extraction.entities if roots[m.handle] == "Person"]
    for mention in ordered:
        root = roots[mention.handle]
        if root == "Person":
            org_ids = {ids[h] for h in ties.get(mention.handle, ()) if h in ids}
            entity_id = _resolve_person_id(store, mention, org_ids, taken, id_prefix(root))
        else:
            entity_id = _resolve_id(store, mention, root, taken)
        taken.add(entity_id)
        ids[mention.handle] = entity_id
        types_by_id.setdefault(entity_id, set()).update(mention.types)
    for mention in extraction.entities:
        root = roots[mention.handle]
        entity_id = ids[mention.handle]
        attrs = {k: v for k, v in mention.attrs.items() if v is not None}
        unknown = set(attrs) - ontology.node_properties(mention.types)
        if unknown:
            raise OntologyError(f"{mention.display_name!r}: properties {sorted(unknown)} not allowed on "
                                f"{sorted(mention.types)}")
        result.entities.append(
            ResolvedEntity(
                id=entity_id,
                root=root,
                key=mention.key,
                name=mention.display_name,
                types=tuple(ontology.most_specific(mention.types)),
                attrs=attrs,
                names=tuple(dict.fromkeys(mention.names)),
                known_aliases=tuple(dict.fromkeys(mention.known_aliases)),
                sources=tuple(mention.sources),
            )
        )
    for rel in extraction.relations:
        resolved = _resolve_relation(rel, ids, types_by_id, ontology, result.dropped)
        if resolved is not None:
            result.relations.append(resolved)
    return result


def _resolve_relation(
    rel: RelationMention,
    ids: dict[str, str],
    types_by_id: dict[str, set[str]],
    ontology: Ontology,
    dropped: list[tuple[str, str]],
) -> ResolvedRelation | None:
    ontology.relation(rel.type)
    props = {k: v for k, v in rel.props.items() if v is not None}
    ontology.check_relation_properties(rel.type, props)
    if rel.source not in ids or rel.target not in ids:
        dropped.append((f"{rel.type} {rel.source}->{rel.target}", "endpoint is not an extracted entity"))
        return None
    source, target = ids[rel.source], ids[rel.target]
    if source == target:
        dropped.append((f"{rel.type} {source}->{target}", "both ends resolve to the same entity"))
        return None
    if not ontology.check_endpoints(rel.type, types_by_id[source], types_by_id[target]):
        dropped.append((
            f"{rel.type} {source}->{target}",
            f"types {sorted(types_by_id[source])} -> {sorted(types_by_id[target])} do not fit the "
            f"ontology's domain/range for {rel.type}",
        ))
        return None
    return ResolvedRelation(
        id=relation_id(rel.type, source, target, props),
        type=rel.type,
        source=source,
        target=target,
        props=props,
        provenance=rel.provenance,
    )
