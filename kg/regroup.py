"""Re-clustering after an article from the per-entity sums (issue 13): the same people and organisations
as re-clustering every record of the pool (`kg.resolve`), at the cost of what the article changed.

Why it is the same. After every article (and every removal) each entity of a pool is exactly one cluster
of its records, named and given the id clustering gives it (`kg.resolve`: the result is a function of
the records). An article adds records (its own) and may change a few others (a person's record whose
organisation moved); call them dirty. Every other record is as it was, so:

- the clean records of an entity are still one cluster (they were one with nothing of this article);
  an entity with a dirty record from another article may have lost what joined its records, so its
  records are taken one by one ("broken");
- clusters change only where a dirty record joins: a dirty record joins the entities sharing one of its
  keys (a name, with an organisation for a person: `Summary.join_keys`), found through the index on keys,
  and entities never join one another (they would be one already);
- a cluster's name depends on sums over its records (`kg.storage.clusters.Sums`): the entity's sums,
  less its dirty records, plus the records that join it;
- an id depends on the names of the pool's clusters sharing its base (for people: and their smallest
  organisation), so only the bases a changed cluster had or has are worked out again, from the stored
  names of the entities left as they were (organisations: every base of the pool, since whether an id
  clashes also asks whether an entity outside the pool holds it).

Whatever this cannot vouch for falls back to the full re-clustering (`None` from the planners): a pool
with an unsettled entity (`kg.storage.clusters`), a record without a name, ids that would land two
clusters on one entity. `CHECK` (for tests and benchmarks) makes every plan also run the full
re-clustering and fail unless both change the store the same way.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from functools import lru_cache, partial
from typing import TYPE_CHECKING, Protocol

from kg.names import id_prefix, normalize_name, short_hash, slug, to_simplified
from kg.storage.clusters import Summary, Sums
from kg.terms import C

if TYPE_CHECKING:
    from kg.store import Store

#: Run the full re-clustering beside every plan made from the sums, and fail unless they agree.
CHECK = False

_Node = tuple[str, int | str]


# -- what a cluster is called and what id it gets (shared with the full re-clustering, `kg.resolve`) ----


def best_person_norm(articles: Counter[str], counts: Counter[str]) -> str:
    """Of a person's full names (not a surname inside another name), the one most articles use (ties:
    most mentions, then the first in order)."""
    # never a surname or given name alone beside the full name (as within an article)
    full = _not_inside_another(list(articles)) or list(articles)
    return min(full, key=lambda norm: (-articles[norm], -counts[norm], norm))


def person_name(articles: Counter[str], counts: Counter[str], spellings: Counter[str]) -> str:
    """The name a person goes by: of the full names (not a surname inside another name), the one
    most articles use (ties: most mentions, then the first in order), spelt as most mentions spell
    it (ties: the simplified, then the first spelling). `_votes` gives the counts."""
    return spelt(best_person_norm(articles, counts), spellings)


def spelt(best: str, spellings: Counter[str]) -> str:
    """`best` (a normalised name) as most mentions spell it (ties: the simplified, then the first spelling)."""
    return min((s for s in spellings if normalize_name(s) == best),
               key=lambda s: (-spellings[s], to_simplified(s) != s, s))


def _not_inside_another(names: list[str]) -> list[str]:
    """The names that occur inside no other name of `names`: each is looked for once in the longer
    names joined (a separator no name holds), not in each of them."""
    if any("\x00" in name for name in names):
        return [n for n in names if not any(n != other and n in other for other in names)]
    out: list[str] = []
    longer = ""
    by_length = sorted(set(names), key=len, reverse=True)
    start = 0
    while start < len(by_length):
        end = start
        while end < len(by_length) and len(by_length[end]) == len(by_length[start]):
            end += 1
        out += [name for name in by_length[start:end] if not (longer and name in longer)]
        longer += "\x00" + "\x00".join(by_length[start:end])
        start = end
    return out


def person_ids(clusters: Sequence[tuple[str, str, Callable[[], str]]]) -> list[str]:
    """The id of each cluster of a pool given as (name, smallest organisation id or '', first article).
    A name only one person of the pool goes by is the id (`person:林向东`); namesakes are told apart by a
    hash of their smallest organisation id (then of their first article, for namesakes with the same
    one), all of it content, none of it arrival order."""
    by_base: dict[str, list[int]] = {}
    for i, (name, _tag, _first) in enumerate(clusters):
        by_base.setdefault(f"{id_prefix(C.Person)}:{slug(name)}", []).append(i)
    out = [""] * len(clusters)
    for base, members in by_base.items():
        if len(members) == 1:
            out[members[0]] = base
            continue
        tags = Counter(clusters[i][1] for i in members)
        for i in members:
            tag = clusters[i][1]
            if tags[tag] > 1:
                tag += "|" + clusters[i][2]()
            out[i] = f"{base}-{short_hash(base, tag, length=8)}"
    return out


@dataclass
class Plan:
    """How re-clustering a pool changes the store: records that move ((article, entity) -> (id, name)),
    and the name (and, for organisations, the attributes) each cluster's id gets. `tangled`: ids that end
    up holding more than one cluster (`kg.storage.clusters`, unsettled)."""

    target: dict[tuple[str, str], tuple[str, str]] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)
    attrs: dict[str, dict] = field(default_factory=dict)
    tangled: set[str] = field(default_factory=set)

    def moves(self) -> dict[tuple[str, str], tuple[str, str]]:
        return {key: value for key, value in self.target.items() if value[0] != key[1]}


def best_org_norm(articles: Counter[str], counts: Counter[str]) -> str | None:
    """The organisation's name most of its articles use (ties: the most mentions, then the longer, as
    within one article, then the first in order); None when no record has a name."""
    if not articles:
        return None
    return min(articles, key=lambda norm: (-articles[norm], -counts[norm], -len(norm), norm))


def org_name(articles: Counter[str], counts: Counter[str], spellings: Counter[str]) -> str | None:
    """The name an organisation goes by: the name most of its articles use (ties: the most mentions,
    then the longer, as within one article, then the first in order), spelt as most mentions spell it
    (ties: the simplified, then the first spelling). None when no record has a name."""
    best = best_org_norm(articles, counts)
    return None if best is None else spelt(best, spellings)


class NamedRecord(Protocol):
    """What one article says about one person or organisation, as far as naming it goes."""

    @property
    def norms(self) -> AbstractSet[str]: ...
    @property
    def aliases(self) -> AbstractSet[str]: ...
    @property
    def surfaces(self) -> Mapping[str, int]: ...


def votes(records: Iterable[NamedRecord]) -> tuple[Counter[str], Counter[str], Counter[str]]:
    """(records using each name, mentions spelling each name in them, mentions of each spelling in records
    using its name, aliases counted as none): what a cluster's name is chosen from."""
    articles: Counter[str] = Counter()
    counts: Counter[str] = Counter()
    spellings: Counter[str] = Counter()
    for rec in records:
        articles.update(rec.norms)
        for surface, n in rec.surfaces.items():
            norm = normalize_name(surface)
            if norm in rec.norms:
                counts[norm] += n
                spellings[surface] += n
        for alias in rec.aliases:
            spellings[alias] += 0
    return articles, counts, spellings


def org_id_name(norms: Iterable[str], spellings_of: Callable[[str], Iterable[str]]) -> tuple[str, str]:
    """The name an organisation's id is minted from, as (normalised, slug): of its names (`norms`), the
    shortest (ties: the first in order), which is mostly the short name people use (星衡智能 rather than
    星衡智能科技有限公司); its slug from that name's spellings (`spellings_of(norm)`; spellings of other
    names are left out) with the most separators (ties: the smallest), so "Lanqiao Optics" gives
    `lanqiao-optics` however many articles write "LanqiaoOptics".

    Why not the name it goes by: that is a vote over all its records, and a vote between two names used
    about as often (a Chinese and an English name, in a mixed stream) flips back and forth as articles
    arrive; every flip moved every record of the firm (thousands, for a much-reported one) to a new id,
    and changed the id users and Neo4j hold. A firm has a handful of names, and the shortest changes only
    when a shorter name joins, mostly early. It is still a function of content: any order of the same
    articles gives the same ids."""
    norm = min(norms, key=lambda name: (len(name), name))
    slugs = (slug(s) for s in spellings_of(norm) if normalize_name(s) == norm)
    return norm, min(slugs, key=lambda text: (-text.count("-"), text))


def org_id(root: str, id_name: tuple[str, str], clash: bool) -> str:
    """`<root>:<slug>` of the name `org_id_name` gives, with a hash of that name when `clash`: when
    another organisation has that slug (the name, unlike all of a firm's names, changes rarely)."""
    base = f"{id_prefix(root)}:{id_name[1]}"
    return f"{base}-{short_hash(id_name[0], length=8)}" if clash else base


def org_ids(store: Store, root: str, id_names: list[tuple[str, str]], in_pool: set[str]) -> list[str]:
    """The id of each cluster of a pool of organisations, given the name its id is minted from
    (`org_id_name`): `org_id`, with the hash when another cluster of the pool has that slug or an entity
    outside the pool has that id."""
    by_base: dict[str, list[int]] = {}
    for i, id_name in enumerate(id_names):
        by_base.setdefault(org_id(root, id_name, clash=False), []).append(i)
    out = [""] * len(id_names)
    for base, members in by_base.items():
        clash = len(members) > 1 or (base not in in_pool and store.entity_exists(base))
        for i in members:
            out[i] = org_id(root, id_names[i], clash)
    return out


def merged_attrs(store: Store, conn: sqlite3.Connection, entity_ids: Iterable[str]) -> dict:
    """The attributes of a cluster: each key as the first of its entities (by id) that has it gives it."""
    merged: dict = {}
    for old in sorted(set(entity_ids)):
        for key, value in json.loads(store.entity_attrs_json(conn, old)).items():
            merged.setdefault(key, value)
    return merged


# -- regrouping from the sums ---------------------------------------------------------------------------


@dataclass
class _Cluster:
    """A cluster a dirty record is in: entities whole (less their dirty records) and records one by one."""

    entities: list[str] = field(default_factory=list)
    records: list[tuple[str, str, Summary]] = field(default_factory=list)  # (entity, article, summary)
    sums: Sums = field(default_factory=Sums)

    def entity_ids(self) -> set[str]:
        return {*self.entities, *(e for e, _a, _s in self.records)}


@dataclass
class _Regrouped:
    clusters: list[_Cluster]
    dirty: dict[str, list[tuple[str, Summary]]]  # entity -> (article, summary) of its dirty records, taken out
    sizes: dict[str, tuple[int, int]]  # entity of the pool -> (records, nameless)

    def consumed(self) -> set[str]:
        return {e for c in self.clusters for e in c.entity_ids()}


@lru_cache(maxsize=65536)
def _base(root: str, name: str) -> str:
    return f"{id_prefix(root)}:{slug(name)}"


def _regroup(store: Store, conn: sqlite3.Connection, pool: list[str], article_id: str) -> _Regrouped | None:
    """The clusters of `pool` that the dirty records (`store.changed_records`) are in, or None when the
    pool cannot be regrouped from the sums."""
    sizes = store.cluster_sizes_in(conn, pool)
    if any(nameless for _records, nameless in sizes.values()) or store.any_unsettled(conn, pool):
        return None
    in_pool = set(pool)
    dirty = sorted((e, a) for e, a in store.changed_records if e in in_pool)
    broken = {e for e, a in dirty if a != article_id}
    records: list[tuple[str, str, Summary]] = []
    taken: dict[str, list[tuple[str, Summary]]] = {}
    for e, a in dirty:
        if e in broken:
            continue
        summary = store.record_summary(conn, e, a)
        if summary is not None:
            records.append((e, a, summary))
            taken.setdefault(e, []).append((a, summary))
    for e in sorted(broken):
        records += [(e, a, s) for a, s in store.record_summaries(conn, e)]
    keys = {k for _e, _a, s in records for k in s.join_keys()}
    hits = store.entities_with_keys(conn, keys) if keys else {}
    parts: dict[str, Sums] = {}
    for e in sorted((set(taken) | (hits.keys() & in_pool)) - broken):
        part = store.entity_sums(conn, e)
        for _a, summary in taken.get(e, ()):
            part.add(summary, -1, spellings=False)
        if part.records > 0:
            parts[e] = part

    parent: dict[_Node, _Node] = {}

    def find(node: _Node) -> _Node:
        parent.setdefault(node, node)
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    def union(a: _Node, b: _Node) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    first: dict[tuple[str, str], _Node] = {}
    for i, (_e, _a, summary) in enumerate(records):
        find(("r", i))
        for key in summary.join_keys():
            union(("r", i), first.setdefault(key, ("r", i)))
    for e, part in parts.items():
        find(("e", e))
        for key, n in part.keys.items():
            if n > 0 and key in first:
                union(("e", e), first[key])
    groups: dict[_Node, _Cluster] = {}
    for node in list(parent):
        cluster = groups.setdefault(find(node), _Cluster())
        kind, ref = node
        if kind == "r":
            assert isinstance(ref, int)
            cluster.records.append(records[ref])
        else:
            assert isinstance(ref, str)
            cluster.entities.append(ref)
    clusters = []
    for cluster in groups.values():
        if not cluster.records and not any(e in taken for e in cluster.entities):
            continue  # an entity an index read found that none of the dirty records joins: as it was
        cluster.entities.sort()
        cluster.records.sort(key=lambda r: (r[1], r[0]))
        for e in cluster.entities:
            cluster.sums.merge(parts[e])
        for _e, _a, summary in cluster.records:
            cluster.sums.add(summary, spellings=False)
        clusters.append(cluster)
    return _Regrouped(clusters, taken, sizes)


def _spellings(store: Store, conn: sqlite3.Connection, found: _Regrouped, cluster: _Cluster,
               best: str) -> Counter[str]:
    """The spellings of the name `best` across the cluster, with their mentions (as the full re-clustering
    counts them)."""
    counts: dict[str, list[int]] = {}

    def add(summary: Summary, sign: int) -> None:
        if best in summary.norms:
            for surface, n in summary.surfaces.items():
                if normalize_name(surface) == best:
                    counts.setdefault(surface, [0, 0])[0] += sign * n
        for alias in summary.aliases:
            if normalize_name(alias) == best:
                counts.setdefault(alias, [0, 0])[1] += sign

    for e in cluster.entities:
        for (_norm, spelling), (mentions, records) in store.entity_spellings(conn, e, best).items():
            entry = counts.setdefault(spelling, [0, 0])
            entry[0] += mentions
            entry[1] += records
        for _a, summary in found.dirty.get(e, ()):
            add(summary, -1)
    for _e, _a, summary in cluster.records:
        add(summary, 1)
    return Counter({s: m for s, (m, r) in counts.items() if m > 0 or r > 0})


def _spellings_known(known: dict[str, Counter[str]], store: Store, conn: sqlite3.Connection, found: _Regrouped,
                     cluster: _Cluster, best: str) -> Counter[str]:
    """`_spellings`, unless `known` has them already."""
    return known[best] if best in known else _spellings(store, conn, found, cluster, best)


def _entity_spellings(store: Store, conn: sqlite3.Connection, entity_id: str, norm: str) -> list[str]:
    """The spellings of the name `norm` in the records of `entity_id` (mentioned, or an alias)."""
    return [spelling for (_n, spelling), (mentions, records) in store.entity_spellings(conn, entity_id, norm).items()
            if mentions > 0 or records > 0]


def _votes(cluster: _Cluster) -> tuple[Counter[str], Counter[str]]:
    articles = Counter({n: c for n, c in cluster.sums.names.items() if c > 0})
    counts = Counter({n: c for n, c in cluster.sums.name_mentions.items() if c})
    return articles, counts


def _moves(store: Store, conn: sqlite3.Connection, found: _Regrouped, plan: Plan, cluster: _Cluster, new_id: str,
           name: str) -> None:
    """Every record of the cluster not at `new_id` moves there."""
    for e, a, _summary in cluster.records:
        if e != new_id:
            plan.target[(a, e)] = (new_id, name)
    for e in cluster.entities:
        if e != new_id:
            own = {a for a, _s in found.dirty.get(e, ())}
            for a in store.record_articles(conn, e):
                if a not in own:
                    plan.target[(a, e)] = (new_id, name)


def _tangled(plan: Plan, assigned: list[str], pool: set[str], consumed: set[str], staying: set[str],
             store: Store) -> bool:
    """Would two clusters end up in one entity (then the full re-clustering decides, and marks it)? Two
    clusters given one id, or an id given that an entity of the pool keeps, or one outside the pool."""
    if len(set(assigned)) != len(assigned):
        return True
    for new_id in plan.names:
        if new_id in pool:
            if new_id in staying:
                return True
        elif store.entity_exists(new_id) and new_id not in consumed:
            return True
    return False


def person_plan(store: Store, conn: sqlite3.Connection, pool: list[str], article_id: str,
                full: Callable[[], Plan]) -> Plan | None:
    """The changes of re-clustering every record of the pool (`full`, which `CHECK` runs beside), from
    the sums, or None when only the full re-clustering can tell."""
    found = _regroup(store, conn, pool, article_id)
    if found is None:
        return None
    stored = store.names_of(conn, pool)
    consumed = found.consumed()
    named: list[tuple[_Cluster, str]] = []
    for cluster in found.clusters:
        articles, counts = _votes(cluster)
        if not articles:
            return None
        best = best_person_norm(articles, counts)
        named.append((cluster, spelt(best, _spellings(store, conn, found, cluster, best))))
    # the bases the consumed entities were in: their ids begin with them (their stored names may have been
    # voted to another spelling by this article's writing, `kg.store.display_name`)
    touched = {_base(C.Person, name) for _c, name in named} | consumed | {e[:-9] for e in consumed}
    others = [e for e in pool if found.sizes.get(e, (0, 0))[0] > 0 and e not in consumed
              and _base(C.Person, stored[e]) in touched]
    tags = store.min_orgs(conn, others)

    def first_of(cluster: _Cluster) -> str:
        firsts = [a for _e, a, _s in cluster.records]
        for e in cluster.entities:
            found_first = store.first_record_article(conn, e, [a for a, _s in found.dirty.get(e, ())])
            if found_first is not None:
                firsts.append(found_first)
        return min(firsts)

    def first_of_entity(entity_id: str) -> str:
        found_first = store.first_record_article(conn, entity_id, [])
        assert found_first is not None  # an entity left as it was has records
        return found_first

    items = [(name, min(cluster.sums.orgs(), default=""), partial(first_of, cluster)) for cluster, name in named]
    items += [(stored[e], tags[e], partial(first_of_entity, e)) for e in others]
    ids = person_ids(items)
    plan = Plan()
    for (cluster, name), new_id in zip(named, ids[:len(named)], strict=True):
        plan.names[new_id] = name
        _moves(store, conn, found, plan, cluster, new_id, name)
    staying = set()
    for e, new_id in zip(others, ids[len(named):], strict=True):
        if new_id == e:
            staying.add(e)
            continue
        plan.names[new_id] = stored[e]
        for a in store.record_articles(conn, e):
            plan.target[(a, e)] = (new_id, stored[e])
    staying |= {e for e in pool if found.sizes.get(e, (0, 0))[0] > 0 and e not in consumed and e not in others}
    if _tangled(plan, ids, set(pool), consumed, staying, store):
        return None
    if CHECK:
        _check(store, conn, plan, full())
    return plan


def org_plan(store: Store, conn: sqlite3.Connection, root: str, pool: list[str], article_id: str,
             full: Callable[[], Plan]) -> Plan | None:
    """The changes of re-clustering every record of the pool of organisations (`full`, which `CHECK` runs
    beside), from the sums, or None when only the full re-clustering can tell."""
    found = _regroup(store, conn, pool, article_id)
    if found is None:
        return None
    stored = store.names_of(conn, pool)
    consumed = found.consumed()
    names: list[str] = []
    id_names: list[tuple[str, str]] = []
    for cluster in found.clusters:
        articles, counts = _votes(cluster)
        best = best_org_norm(articles, counts)
        if best is None:
            return None
        spellings = _spellings(store, conn, found, cluster, best)
        names.append(spelt(best, spellings))
        known = {best: spellings}  # most often the name it goes by is its shortest too: read once
        id_names.append(org_id_name(articles, partial(_spellings_known, known, store, conn, found, cluster)))
    # an entity left as it was keeps its id unless a changed cluster had or has its id's base (`org_ids`:
    # whether the base clashes is all that may change): its id is the base, or the base and a hash
    touched = {org_id(root, id_name, clash=False) for id_name in id_names} | consumed
    touched |= {e[:-9] for e in consumed}
    others = [e for e in pool if found.sizes.get(e, (0, 0))[0] > 0 and e not in consumed
              and (e in touched or e[:-9] in touched)]
    for e in others:
        norms = [n for n, c in store.entity_sums(conn, e, keys=False).names.items() if c > 0]
        if not norms:
            return None
        names.append(stored[e])
        id_names.append(org_id_name(norms, partial(_entity_spellings, store, conn, e)))
    ids = org_ids(store, root, id_names, set(pool))
    plan = Plan()
    changed = len(found.clusters)
    for cluster, new_id, name in zip(found.clusters, ids[:changed], names[:changed], strict=True):
        plan.names[new_id] = name
        plan.attrs[new_id] = merged_attrs(store, conn, cluster.entity_ids())
        _moves(store, conn, found, plan, cluster, new_id, name)
    staying = set()
    for e, new_id, name in zip(others, ids[changed:], names[changed:], strict=True):
        if new_id == e:
            staying.add(e)
            continue
        plan.names[new_id] = name
        plan.attrs[new_id] = merged_attrs(store, conn, [e])
        for a in store.record_articles(conn, e):
            plan.target[(a, e)] = (new_id, name)
    staying |= {e for e in pool if found.sizes.get(e, (0, 0))[0] > 0 and e not in consumed and e not in others}
    if _tangled(plan, ids, set(pool), consumed, staying, store):
        return None
    if CHECK:
        _check(store, conn, plan, full())
    return plan


def _check(store: Store, conn: sqlite3.Connection, plan: Plan, full: Plan) -> None:
    """Fail unless `plan` changes the store as `full` does: the same records move to the same ids, and
    every name and attribute the full plan sets is the one `plan` sets or the one already stored."""
    problems = []
    if plan.moves() != full.moves():
        problems.append(f"moves differ: {sorted(plan.moves().items())} vs {sorted(full.moves().items())}")
    if full.tangled:
        problems.append(f"the full plan tangles {sorted(full.tangled)}")
    stored = store.names_of(conn, list(full.names))
    for new_id, name in full.names.items():
        if plan.names.get(new_id, stored.get(new_id)) != name:
            problems.append(f"name of {new_id}: {plan.names.get(new_id, stored.get(new_id))!r} vs {name!r}")
    for new_id, attrs in full.attrs.items():
        mine = plan.attrs.get(new_id)
        if mine is None and store.entity_exists(new_id):
            mine = json.loads(store.entity_attrs_json(conn, new_id))
        if mine != attrs:
            problems.append(f"attributes of {new_id}: {mine} vs {attrs}")
    for new_id in plan.names.keys() - full.names.keys():
        problems.append(f"{new_id} named by the plan only")
    if problems:
        raise AssertionError("regrouping from the sums differs from re-clustering:\n" + "\n".join(problems))
