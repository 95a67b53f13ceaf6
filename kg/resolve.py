"""Resolution: which entity of the graph of record does a mention in a new article refer to?

Ids must be the same on every run and machine, so they are built from names, never from counters:
a gazetteer entity is `<root>:<gazetteer key>` (organization:zhipu-ai), anything else is
`<root>:<slug of its display name>` (for people and organisations, of the name chosen from all its
articles: see below). Later articles join an existing entity when one of their names normalises to one
of its aliases (智譜 = 智谱 = "Zhipu AI" = "zhipu ai"); a text that
pairs two names ("Yunxiu Intelligence (云岫智能)") makes both names aliases of one mention, which is
how English and Chinese names of one company meet.

People are different: two people can share a name, and which article arrives first must not decide
who is who. Resolution first files a person mention provisionally, under the id its record's cluster
will most likely get (a same-name person who shares an organisation, or for a record naming none a
same-name person with such a record, else a new person's id as `kg.regroup.person_ids` gives it); then,
in the same transaction, `recluster_people` re-reads every
*record* (what one article says about one person: its names and the organisations FOUNDED /
HOLDS_POSITION / LEFT tie it to) of the pool of people sharing a name, and clusters them with a
union-find: records that share a name and an organisation (or share a name and name none) are one
person, transitively. The partition is the connected components, a function of the records alone.
Each cluster is named by the full name most of its articles use, and its id is `person:<slug>` when
no other cluster of the pool has that slug, else `person:<slug>-<hash of the smallest organisation
id>` (plus the first article id if two namesakes share that). Records, aliases and the facts they
state move to the new ids (fact ids are recomputed); removing an article re-clusters the same way.
Resolution and writing share one `BEGIN IMMEDIATE` transaction, so concurrent builds serialise.
After an article, the same clusters, names and ids are worked out from per-entity sums instead of every
record of the pool (`kg.regroup`: what an article costs does not grow with the namesakes or the articles
before it); the re-clustering here is the reference it is tested against, and what runs on a removal.

Organisations the gazetteer does not know are made order-independent the same way
(`recluster_entities`): the records (one article's names for one firm) of every unkeyed organisation
sharing a name with the article's are clustered by shared name, transitively; each cluster is named by
the name most of its articles use, and gets `organization:<slug>` of the shortest of its names (plus a
hash of that name when the slug is taken: `kg.regroup.org_id_name` says why not the voted name), so a
short name, a legal name, an English name and a traditional spelling meet in one node whichever article
was built first. Gazetteer entities are anchors: an unkeyed mention never joins one (in any order),
their ids and names never move.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import partial
from typing import TYPE_CHECKING

from kg import regroup
from kg.errors import OntologyError
from kg.figures import figure_key
from kg.json_text import canonical_json
from kg.model import (
    IDENTIFYING_PROPERTIES,
    EntityMention,
    Extraction,
    RelationMention,
    ResolvedEntity,
    ResolvedRelation,
    period,
)
from kg.names import id_prefix, normalize_name, short_hash, slug
from kg.ontology import Ontology
from kg.regroup import (
    Plan,
    merged_attrs,
    org_id,
    org_id_name,
    org_ids,
    org_name,
    person_ids,
    person_name,
    votes,
)
from kg.terms import C, R

if TYPE_CHECKING:  # the store calls back into resolution when an article is removed: typing only
    from kg.store import Store


@dataclass
class Resolution:
    """The article's mentions and relations with graph ids, and what had to be dropped."""

    entities: list[ResolvedEntity]
    relations: list[ResolvedRelation]
    dropped: list[tuple[str, str]] = field(default_factory=list)


def relation_id(rel_type: str, source: str, target: str, props: dict) -> str:
    """The id of a fact: its type, endpoints and the properties that tell two such facts apart."""
    parts = [rel_type, source, target]
    parts += [f"{k}={props.get(k) or ''}" for k in IDENTIFYING_PROPERTIES.get(rel_type, ())]
    began = period(rel_type, props)
    if began is not None:  # only then: a fact the text gives no start keeps the id it always had
        parts.append(f"from={began}")
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
    if root in CLUSTERED_ROOTS:  # a gazetteer entity is an anchor: an unkeyed name never joins it, in any order
        votes = Counter({eid: n for eid, n in votes.items() if store.entity_key(eid) is None})
    if votes:
        best = max(votes.values())
        return min(eid for eid, n in votes.items() if n == best)
    if root in CLUSTERED_ROOTS and mention.names:  # as re-clustering will call it (`org_ids`)
        id_name = org_id_name({normalize_name(n) for n in mention.names}, lambda _norm: mention.names)
        candidate = org_id(root, id_name, clash=False)
        return org_id(root, id_name, clash=candidate in taken or store.entity_exists(candidate))
    candidate = f"{prefix}:{slug(mention.display_name)}"
    if candidate in taken or store.entity_exists(candidate):
        candidate = f"{candidate}-{short_hash(*sorted(normalize_name(n) for n in mention.names), length=8)}"
    return candidate


#: Relations that tie a person to an organisation: what "shared affiliation" means.
PERSON_TIES = (R.FOUNDED, R.HOLDS_POSITION, R.LEFT)

#: Regroup after an article from the per-entity sums (`kg.regroup`) rather than every record of the
#: pool. The same store either way; False runs the reference (tests compare the two).
REGROUP_FROM_SUMS = True


def affiliations(extraction: Extraction) -> dict[str, set[str]]:
    """Person handle -> handles of the organisations the article ties that person to."""
    out: dict[str, set[str]] = {}
    for rel in extraction.relations:
        if rel.type in PERSON_TIES:
            out.setdefault(rel.source, set()).add(rel.target)
    return out


def _resolve_person_id(
    store: Store, mention: EntityMention, org_ids: set[str], taken: set[str], prefix: str, article_id: str
) -> str:
    """The id this person's record will have once the pool is clustered again (`kg.regroup`), as far as
    the article alone tells: a same-name person who shares an organisation (or, for a record naming
    none, a same-name person with such a record), else a new person under the id `kg.regroup.person_ids`
    gives a new cluster. A good guess spares moving the record just written (regrouping corrects a
    wrong one)."""
    if mention.key:
        return store.entity_by_key(mention.key) or f"{prefix}:{slug(mention.key)}"
    votes: Counter[str] = Counter()
    norms = {normalize_name(name) for name in {*mention.names, *mention.known_aliases}}
    for norm in norms:
        for entity_id in store.entity_ids_by_alias(norm, C.Person):
            votes[entity_id] += 1
    if org_ids and votes:  # the namesakes tied to one of the organisations: one statement, not one per namesake
        tied = store.tied_to_any(sorted(votes), sorted(org_ids), PERSON_TIES)
    elif votes:  # the namesakes with a record that names no organisation either: they cluster together
        tied = set(store.entities_with_keys(store.connection, [(norm, "") for norm in norms]))
    else:
        tied = set()
    for entity_id, _n in sorted(votes.items(), key=lambda kv: (-kv[1], kv[0])):
        if entity_id in tied:
            return entity_id
    base = f"{prefix}:{slug(mention.display_name)}"
    if not votes and base not in taken and not store.entity_exists(base):
        return base
    tag = min(org_ids, default="")  # a namesake: told apart by its smallest organisation, then its first article
    candidate = f"{base}-{short_hash(base, tag, length=8)}"
    if candidate in taken or store.entity_exists(candidate):
        candidate = f"{base}-{short_hash(base, f'{tag}|{article_id}', length=8)}"
    return candidate


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
    # organisations first, then the figures keyed by their company's id, then people
    ordered = [m for m in extraction.entities if roots[m.handle] not in (C.Person, C.FinancialFigure)]
    ordered += [m for m in extraction.entities if roots[m.handle] == C.FinancialFigure]
    ordered += [m for m in extraction.entities if roots[m.handle] == C.Person]
    figure_of = {r.source: r.target for r in extraction.relations if r.type == R.FIGURE_OF}
    keys: dict[str, str | None] = {}
    for mention in ordered:
        root = roots[mention.handle]
        if root == C.FinancialFigure and figure_of.get(mention.handle) in ids:
            # the same value under two names of one company is one figure (kg.figures)
            keys[mention.handle] = figure_key(ids[figure_of[mention.handle]], mention.attrs)
            mention = replace(mention, key=keys[mention.handle])
        if root == C.Person:
            org_ids = {ids[h] for h in ties.get(mention.handle, ()) if h in ids}
            entity_id = _resolve_person_id(store, mention, org_ids, taken, id_prefix(root),
                                           extraction.article.id)
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
                key=keys.get(mention.handle, mention.key),
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


# -- people: clusters and ids from content ---------------------------------------------------------


@dataclass
class _Record:
    """What one article says about one person: the names it uses and the organisations it ties
    them to. A person of the graph is a cluster of records."""

    article_id: str
    entity_id: str  # where the record is filed now
    norms: set[str]
    orgs: set[str]
    mentions: int
    surfaces: Counter[str] = field(default_factory=Counter)  # mentions by spelling
    aliases: set[str] = field(default_factory=set)


def person_pool(store: Store, conn: sqlite3.Connection, seeds: Iterable[str]) -> list[str]:
    """Every unkeyed person who shares a name, directly or through others, with one of `seeds`."""
    return sorted(_name_pool(store, conn, seeds, (C.Person,)))


def _records(store: Store, conn: sqlite3.Connection, pool: list[str]) -> list[_Record]:
    """The records of `pool`, in three statements for the whole pool (not per entity or record)."""
    out: dict[tuple[str, str], _Record] = {}
    for entity_id, article_id, surface, n in store.surface_counts_in(conn, pool):
        rec = out.setdefault((article_id, entity_id), _Record(article_id, entity_id, set(), set(), 0))
        rec.mentions += n
        rec.surfaces[surface] += n
    for entity_id, article_id, alias, norm in store.alias_rows_in(conn, pool):
        if (named := out.get((article_id, entity_id))) is not None:
            named.norms.add(norm)
            named.aliases.add(alias)
    for entity_id, article_id, target in store.tie_targets_in(conn, pool, PERSON_TIES):
        if (tied := out.get((article_id, entity_id))) is not None:
            tied.orgs.add(target)
    return sorted(out.values(), key=lambda r: (r.article_id, r.entity_id))


def _clusters(records: list[_Record]) -> list[list[_Record]]:
    """Records that share a name and an organisation (or share a name and name no organisation)
    are one person; connected records are one person too. Union-find over all pairs that share a
    key, so the partition is the connected components: the same whatever order records came in."""
    parent = list(range(len(records)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    first: dict[tuple[str, str], int] = {}
    for i, rec in enumerate(records):
        keys = [(norm, org) for norm in rec.norms for org in rec.orgs] if rec.orgs else [
            (norm, "") for norm in rec.norms]
        for key in keys:
            j = first.setdefault(key, i)
            ri, rj = find(i), find(j)
            if ri != rj:
                parent[max(ri, rj)] = min(ri, rj)
    groups: dict[int, list[_Record]] = {}
    for i, rec in enumerate(records):
        groups.setdefault(find(i), []).append(rec)
    return list(groups.values())


def _cluster_name(cluster: list[_Record]) -> str:
    """The name a person goes by (`person_name`) from the cluster's records."""
    return person_name(*votes(cluster))


def _cluster_ids(clusters: list[list[_Record]]) -> list[tuple[str, str]]:
    """(id, name) per cluster (`person_ids`)."""
    named = [_cluster_name(c) for c in clusters]
    ids = person_ids([(name, min((o for r in c for o in r.orgs), default=""), partial(_first_article, c))
                      for name, c in zip(named, clusters, strict=True)])
    return list(zip(ids, named, strict=True))


def _first_article(cluster: list[_Record]) -> str:
    return min(r.article_id for r in cluster)


def _person_plan(store: Store, conn: sqlite3.Connection, pool: list[str]) -> Plan:
    """Every record of the pool, clustered again (`_clusters`), named and given ids."""
    records = _records(store, conn, pool)
    clusters = _clusters(records)
    plan = Plan()
    for cluster, (new_id, name) in zip(clusters, _cluster_ids(clusters), strict=True):
        if new_id in plan.names:
            plan.tangled.add(new_id)
        for rec in cluster:
            plan.target[(rec.article_id, rec.entity_id)] = (new_id, name)
        plan.names[new_id] = name
    plan.tangled |= _outside(store, conn, plan, set(pool))
    return plan


def _outside(store: Store, conn: sqlite3.Connection, plan: Plan, pool: set[str]) -> set[str]:
    """The ids records move to that are entities outside the pool: two clusters in one entity."""
    return {new_id for new_id, _name in plan.moves().values() if new_id not in pool and store.entity_exists(new_id)}


def _apply_person_plan(store: Store, conn: sqlite3.Connection, plan: Plan) -> None:
    _move_records(store, conn, plan.target)
    for new_id, name in plan.names.items():  # once per person; a row is written only when its name changes
        store.rename_entity(conn, new_id, name)


def recluster_people(store: Store, conn: sqlite3.Connection, person_ids: Iterable[str], *,
                     article_id: str | None = None) -> None:
    """Make the people around `person_ids` a function of content alone, inside the caller's
    transaction: re-cluster every record of the same-name pool and move records, aliases and the
    facts they state to the ids their clusters get now (renaming facts whose endpoint moved).

    `article_id`: the article just written, whose records (and the records changed since, in
    `store.changed_records`) are all that changed in the pool: the pool is then regrouped from the
    per-entity sums (`kg.regroup`), the same result without reading every record of it."""
    pool = person_pool(store, conn, person_ids)
    if not pool:
        return
    plan = None
    if article_id is not None and REGROUP_FROM_SUMS:
        plan = regroup.person_plan(store, conn, pool, article_id, partial(_person_plan, store, conn, pool))
    if plan is None:
        plan = _person_plan(store, conn, pool)
        store.settle(conn, {*pool, *plan.names}, plan.tangled)
    else:
        store.unsettle(conn, plan.tangled)
    _apply_person_plan(store, conn, plan)


def _move_records(
    store: Store,
    conn: sqlite3.Connection,
    target: dict[tuple[str, str], tuple[str, str]],
) -> set[str]:
    """Move each (article, entity) record to the (id, name) `target` gives it: mentions, aliases and
    the facts it states (fact ids are recomputed from the new endpoints), then refresh what moved.
    Returns the records' old and new ids that differ.

    Records that stay where they are cost nothing: their entity's types are already those of its
    mentions, and the callers give every cluster its name afterwards, so only the entities that gained
    or lost records are refreshed (not the whole pool, which grows with every namesake)."""
    movers = sorted((key, value) for key, value in target.items() if value[0] != key[1])
    moved = {entity for (_article, old_id), (new_id, _name) in movers for entity in (old_id, new_id)}
    ensured: set[str] = set()
    for (_article, old_id), (new_id, name) in movers:  # once per entity, not per record: a firm may have thousands
        if new_id not in ensured:
            ensured.add(new_id)
            store.copy_entity(conn, new_id, name, old_id)
            store.rename_entity(conn, new_id, name)
    # a statement per (entity, new id) for all its articles, not per record: a firm's id changing moves
    # every record it has
    mapping = {(article_id, old_id): new_id for (article_id, old_id), (new_id, _name) in movers}
    groups: dict[tuple[str, str], list[str]] = {}
    for (article_id, old_id), (new_id, _name) in movers:
        groups.setdefault((old_id, new_id), []).append(article_id)
    for (old_id, new_id), articles in sorted(groups.items()):
        store.move_records_of(conn, old_id, new_id, articles)
    records: set[tuple[str, str]] = {(entity, article_id) for (article_id, old_id), (new_id, _name) in movers
                                     for entity in (old_id, new_id)}  # (entity, article) whose rows changed
    touched_rel: set[str] = set()
    stubs: list[tuple[str, str, str, str]] = []
    repoints: list[tuple[str, int]] = []
    parsed: dict[str, dict] = {}
    seen: set[int] = set()
    by_old: dict[str, list[str]] = {}
    for (article_id, old_id), _value in movers:
        by_old.setdefault(old_id, []).append(article_id)
    for old_id, articles in sorted(by_old.items()):
        for rowid, rel_id, rel_type, source, dest, props, article_id in store.sources_touching(conn, old_id, articles):
            if rowid in seen:  # a fact between two entities that both move: both ends at once
                continue
            seen.add(rowid)
            new_source = mapping.get((article_id, source), source)
            new_dest = mapping.get((article_id, dest), dest)
            if rel_type in PERSON_TIES:  # the person's record names another organisation now
                records.update(((source, article_id), (new_source, article_id)))
            if props not in parsed:
                parsed[props] = json.loads(props)
            new_rel = relation_id(rel_type, new_source, new_dest, parsed[props])
            stubs.append((new_rel, rel_type, new_source, new_dest))
            repoints.append((new_rel, rowid))
            touched_rel.update((rel_id, new_rel))
    store.insert_relation_stubs(conn, stubs)
    store.repoint_relation_sources(conn, repoints)
    store.sync_records(conn, records)
    store.refresh_relations(conn, touched_rel)
    store.refresh_entities(conn, moved, regrouped=True)  # the plan names what moved
    return moved


# -- organisations: clusters and ids from content --------------------------------------------------

#: Roots whose entities the gazetteer does not know are clustered from content after each article:
#: their names vary from article to article (a short name, a legal name, an English name, another
#: script), so the first article to arrive must not decide the id, the name or what joins what.
CLUSTERED_ROOTS = (C.Organization,)


@dataclass
class _NameRecord:
    """What one article says about one unkeyed organisation: its names (normalised and as spelt)
    and how often the text uses each spelling."""

    article_id: str
    entity_id: str
    norms: set[str] = field(default_factory=set)
    aliases: set[str] = field(default_factory=set)
    surfaces: Counter[str] = field(default_factory=Counter)


def _name_pool(store: Store, conn: sqlite3.Connection, seeds: Iterable[str],
               roots: tuple[str, ...]) -> dict[str, str]:
    """Every unkeyed entity of one of `roots` that shares a name, directly or through others, with
    one of `seeds`, with its root: who may regroup when an article adds or removes a name."""
    seeds = sorted(set(seeds))
    pool: dict[str, str] = {}
    for root in roots:
        pool.update(dict.fromkeys(store.name_pool(conn, seeds, root), root))
    return pool


def entity_pool(store: Store, conn: sqlite3.Connection, seeds: Iterable[str]) -> dict[str, list[str]]:
    """Per clustered root, every unkeyed entity that shares a name, directly or through others, with
    one of `seeds`. Each entity is already one cluster, so this is the clusters an article touches,
    not the store: the cost is that of the entities it names."""
    pool = _name_pool(store, conn, seeds, CLUSTERED_ROOTS)
    out: dict[str, list[str]] = {}
    for entity_id, root in sorted(pool.items()):
        out.setdefault(root, []).append(entity_id)
    return out


def _name_records(store: Store, conn: sqlite3.Connection, pool: list[str]) -> list[_NameRecord]:
    """The records of `pool`, two statements for the whole pool (not per entity or record)."""
    out: dict[tuple[str, str], _NameRecord] = {}
    for entity_id, article_id, surface, n in store.surface_counts_in(conn, pool):
        rec = out.setdefault((article_id, entity_id), _NameRecord(article_id, entity_id))
        rec.surfaces[surface] += n
    for entity_id, article_id, alias, norm in store.alias_rows_in(conn, pool):
        if (article_id, entity_id) in out:
            out[(article_id, entity_id)].norms.add(norm)
            out[(article_id, entity_id)].aliases.add(alias)
    return sorted(out.values(), key=lambda r: (r.article_id, r.entity_id))


def _name_clusters(records: list[_NameRecord]) -> list[list[_NameRecord]]:
    """Records that share a name are one organisation, transitively (connected components)."""
    as_people = [_Record(r.article_id, r.entity_id, r.norms, set(), 0) for r in records]
    by_key = {(r.article_id, r.entity_id): r for r in records}
    return [[by_key[(p.article_id, p.entity_id)] for p in cluster] for cluster in _clusters(as_people)]


def _org_plan(store: Store, conn: sqlite3.Connection, root: str, pool: list[str]) -> Plan:
    """Every record of the pool, clustered again by shared name, named and given ids."""
    records = _name_records(store, conn, pool)
    clusters = _name_clusters(records)
    names: list[str] = []
    id_names: list[tuple[str, str]] = []
    for cluster in clusters:
        articles, counts, spellings = votes(cluster)
        name = org_name(articles, counts, spellings)
        if name is None:  # no alias at all: keep what the entity is called now
            name = store.entity_name(conn, cluster[0].entity_id)
        names.append(name)
        if articles:
            id_names.append(org_id_name(articles, lambda _norm: spellings))  # noqa: B023 - called at once
        else:
            id_names.append((normalize_name(name), slug(name)))
    in_pool = set(pool)
    ids = org_ids(store, root, id_names, in_pool)
    plan = Plan()
    for i in sorted(range(len(clusters)), key=lambda i: (id_names[i][1], i)):  # by id base, as it always was
        cluster, new_id, name = clusters[i], ids[i], names[i]
        if new_id in plan.names:
            plan.tangled.add(new_id)
        plan.attrs[new_id] = merged_attrs(store, conn, (rec.entity_id for rec in cluster))
        plan.names[new_id] = name
        for rec in cluster:
            plan.target[(rec.article_id, rec.entity_id)] = (new_id, name)
    plan.tangled |= _outside(store, conn, plan, in_pool)
    return plan


def _apply_org_plan(store: Store, conn: sqlite3.Connection, plan: Plan) -> set[str]:
    moved = _move_records(store, conn, plan.target)
    for new_id, merged in plan.attrs.items():
        store.replace_entity_attrs(conn, new_id, canonical_json(merged))
    for new_id, name in plan.names.items():
        store.rename_entity(conn, new_id, name)
    return moved


def recluster_entities(store: Store, conn: sqlite3.Connection, entity_ids: Iterable[str], *,
                       article_id: str | None = None) -> set[str]:
    """Make the unkeyed organisations around `entity_ids` a function of content alone, inside the
    caller's transaction: re-cluster the records of every organisation that shares a name with them,
    name each cluster (`org_name`) and give it the id `<root>:<slug>` of its shortest name
    (`org_id_name`; with a hash when another cluster or entity has that slug, `org_ids`), and move
    records, aliases and facts there. Gazetteer entities are anchors and never move. Returns the ids of
    the people tied (FOUNDED, HOLDS_POSITION, LEFT) to an organisation whose id changed: their ids may
    hang on it.

    `article_id`: the article just written, whose records are all that changed: each pool is then
    regrouped from the per-entity sums (`kg.regroup`), the same result without reading every record."""
    moved: set[str] = set()
    for root, pool in entity_pool(store, conn, entity_ids).items():
        plan = None
        if article_id is not None and REGROUP_FROM_SUMS:
            plan = regroup.org_plan(store, conn, root, pool, article_id, partial(_org_plan, store, conn, root, pool))
        if plan is None:
            plan = _org_plan(store, conn, root, pool)
            store.settle(conn, {*pool, *plan.names}, plan.tangled)
        else:
            store.unsettle(conn, plan.tangled)
        moved |= _apply_org_plan(store, conn, plan)
    if not moved:
        return set()
    return store.sources_of_relations_into(conn, sorted(moved), PERSON_TIES)
