"""What re-clustering people and organisations (`kg.resolve`) reads, kept per entity by delta (issue 13):
an article costs what it says, not every record of every entity that shares a name with what it names.

A *record* is what one article says about one person or organisation the gazetteer does not know: the
names it uses (its aliases, normalised), how often it writes each spelling (its mentions), and, for a
person, the organisations it ties them to (FOUNDED, HOLDS_POSITION, LEFT). Resolution regroups records
into entities (`kg.resolve`); what it needs of an entity is a sum over its records:

- `cluster_names`: per name (normalised), the records using it and the mentions spelling it;
- `cluster_spellings`: per spelling, the mentions of it in records using its name, and the records with
  it as an alias (the candidates for how the name is written);
- `cluster_keys`: per (name, organisation) a record joins others on (a record naming no organisation
  joins on its names alone, organisation ''; so do all records of an organisation), with an index on
  the key: who else a new record joins is an index read, not a scan of the namesakes;
- `cluster_sizes`: records, and records with no name at all (which only the full re-clustering handles).

`cluster_records` holds each record's summary, so that a record that changes (moved to another entity,
its organisation renamed, its article removed) is taken out of the sums exactly as it went in. Whoever
changes the rows of a record calls `sync_records` with it: the summary is read again from the record's
rows (by article: the cost is the article's, not the entity's) and the sums move by the difference.

`unsettled` lists entities that may not be one cluster of their records, or whose name and id may not be
what clustering gives them (a store from before these sums, rows added by `kg import` or by a writer that
does not keep them, or two clusters that got one id): a pool holding one is re-clustered from all its
records, which settles it.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from kg.json_text import canonical_json
from kg.names import normalize_name
from kg.storage.views import IDS, id_list
from kg.terms import C, R

SCHEMA = """
CREATE TABLE IF NOT EXISTS cluster_records (
    entity_id TEXT NOT NULL, article_id TEXT NOT NULL, summary TEXT NOT NULL, PRIMARY KEY (entity_id, article_id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS cluster_sizes (
    entity_id TEXT PRIMARY KEY, records INTEGER NOT NULL, nameless INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS cluster_names (
    entity_id TEXT NOT NULL, norm TEXT NOT NULL, records INTEGER NOT NULL, mentions INTEGER NOT NULL,
    PRIMARY KEY (entity_id, norm)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS cluster_spellings (
    entity_id TEXT NOT NULL, norm TEXT NOT NULL, spelling TEXT NOT NULL, mentions INTEGER NOT NULL,
    records INTEGER NOT NULL, PRIMARY KEY (entity_id, norm, spelling)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS cluster_keys (
    entity_id TEXT NOT NULL, norm TEXT NOT NULL, org TEXT NOT NULL, records INTEGER NOT NULL,
    PRIMARY KEY (entity_id, norm, org)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS cluster_keys_key ON cluster_keys (norm, org);
CREATE TABLE IF NOT EXISTS unsettled (entity_id TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS entities_key ON entities (gazetteer_key) WHERE gazetteer_key IS NOT NULL;
"""

#: Relations that tie a person to an organisation (`kg.resolve.PERSON_TIES`).
TIES = (R.FOUNDED, R.HOLDS_POSITION, R.LEFT)
#: Roots whose entities the gazetteer does not know are regrouped from their records.
CLUSTERED = (C.Organization, C.Person)

_SUMS = ("cluster_records", "cluster_sizes", "cluster_names", "cluster_spellings", "cluster_keys")


@dataclass
class Summary:
    """One record: its names (normalised), aliases (as written), mentions by spelling and, for a person,
    the organisations it is tied to."""

    norms: frozenset[str] = frozenset()
    aliases: frozenset[str] = frozenset()
    surfaces: dict[str, int] = field(default_factory=dict)
    orgs: frozenset[str] = frozenset()

    def dumps(self) -> str:
        return canonical_json({"n": sorted(self.norms), "a": sorted(self.aliases), "s": self.surfaces,
                               "o": sorted(self.orgs)})

    @classmethod
    def loads(cls, text: str) -> Summary:
        data = json.loads(text)
        return cls(frozenset(data["n"]), frozenset(data["a"]), data["s"], frozenset(data["o"]))

    def join_keys(self) -> list[tuple[str, str]]:
        """What the record joins others on (`kg.resolve._clusters`): each name with each organisation,
        or each name alone when it names none."""
        if self.orgs:
            return [(norm, org) for norm in self.norms for org in self.orgs]
        return [(norm, "") for norm in self.norms]


@dataclass
class Sums:
    """Counts of records (and mentions) by name, spelling and key: one entity's, or one cluster's."""

    records: int = 0
    nameless: int = 0
    names: Counter[str] = field(default_factory=Counter)  # records using the name
    name_mentions: Counter[str] = field(default_factory=Counter)  # mentions spelling it, in those records
    spellings: dict[tuple[str, str], list[int]] = field(default_factory=dict)  # (norm, spelling) -> [mentions, records]
    keys: Counter[tuple[str, str]] = field(default_factory=Counter)

    def add(self, summary: Summary, sign: int = 1, *, spellings: bool = True) -> None:
        """Count one record in (`sign` -1: out); `spellings` False leaves the spellings out."""
        self.records += sign
        if not summary.norms:
            self.nameless += sign
        for norm in summary.norms:
            self.names[norm] += sign
        for surface, n in summary.surfaces.items():
            norm = normalize_name(surface)
            if norm in summary.norms:
                self.name_mentions[norm] += sign * n
                if spellings:
                    self.spellings.setdefault((norm, surface), [0, 0])[0] += sign * n
        if spellings:
            for alias in summary.aliases:
                self.spellings.setdefault((normalize_name(alias), alias), [0, 0])[1] += sign
        for key in summary.join_keys():
            self.keys[key] += sign

    def merge(self, other: Sums) -> None:
        self.records += other.records
        self.nameless += other.nameless
        self.names.update(other.names)
        self.name_mentions.update(other.name_mentions)
        for key, (mentions, records) in other.spellings.items():
            counts = self.spellings.setdefault(key, [0, 0])
            counts[0] += mentions
            counts[1] += records
        self.keys.update(other.keys)

    def orgs(self) -> set[str]:
        return {org for (_norm, org), n in self.keys.items() if n > 0 and org}


def _qualified(conn: sqlite3.Connection, entity_ids: Iterable[str]) -> set[str]:
    """Those of `entity_ids` whose records are kept: people and organisations the gazetteer does not know."""
    return {r[0] for r in conn.execute(
        f"SELECT id FROM entities WHERE id IN {IDS} AND gazetteer_key IS NULL AND root IN (?, ?)",
        (id_list(entity_ids), *CLUSTERED))}


def read_summaries(conn: sqlite3.Connection, pairs: Iterable[tuple[str, str]]) -> dict[tuple[str, str], Summary]:
    """The summaries of these (entity, article) records as their rows give them now (a record is an
    entity's mentions in one article: none, no record). Three statements whatever the number of records;
    rows are found by article (`+entity_id` keeps SQLite off the entity's index, which would read every
    article naming a much-named firm)."""
    wanted = set(pairs)
    kept = _qualified(conn, {e for e, _a in wanted})
    wanted = {(e, a) for e, a in wanted if e in kept}
    if not wanted:
        return {}
    articles, entities = id_list({a for _e, a in wanted}), id_list(kept)
    surfaces: dict[tuple[str, str], dict[str, int]] = {}
    for entity_id, article_id, surface, n in conn.execute(
            "SELECT m.entity_id, m.article_id, m.surface, COUNT(*) FROM json_each(?) j CROSS JOIN mentions m"
            f" ON m.article_id = j.value WHERE +m.entity_id IN {IDS} GROUP BY m.entity_id, m.article_id, m.surface",
            (articles, entities)):
        if (entity_id, article_id) in wanted:
            surfaces.setdefault((entity_id, article_id), {})[surface] = n
    norms: dict[tuple[str, str], set[str]] = {}
    aliases: dict[tuple[str, str], set[str]] = {}
    for entity_id, article_id, alias, norm in conn.execute(
            "SELECT a.entity_id, a.article_id, a.alias, a.norm FROM json_each(?) j CROSS JOIN aliases a"
            f" ON a.article_id = j.value WHERE +a.entity_id IN {IDS}", (articles, entities)):
        norms.setdefault((entity_id, article_id), set()).add(norm)
        aliases.setdefault((entity_id, article_id), set()).add(alias)
    orgs: dict[tuple[str, str], set[str]] = {}
    for source, article_id, target in conn.execute(
            "SELECT r.source, s.article_id, r.target FROM json_each(?) j CROSS JOIN relation_sources s"
            " ON s.article_id = j.value CROSS JOIN relations r ON r.id = s.relation_id"
            f" WHERE +r.source IN {IDS} AND +r.type IN (?, ?, ?)", (articles, entities, *TIES)):
        orgs.setdefault((source, article_id), set()).add(target)
    return {pair: Summary(frozenset(norms.get(pair, ())), frozenset(aliases.get(pair, ())),
                          dict(sorted(counted.items())), frozenset(orgs.get(pair, ())))
            for pair, counted in surfaces.items()}


def _stored(conn: sqlite3.Connection, pairs: Sequence[tuple[str, str]]) -> dict[tuple[str, str], str]:
    return {(e, a): s for e, a, s in conn.execute(
        "SELECT r.entity_id, r.article_id, r.summary FROM json_each(?) j CROSS JOIN cluster_records r"
        " ON r.entity_id = json_extract(j.value, '$[0]') AND r.article_id = json_extract(j.value, '$[1]')",
        (json.dumps(sorted(set(pairs)), ensure_ascii=False),))}


def sync_records(conn: sqlite3.Connection, pairs: Iterable[tuple[str, str]]) -> set[tuple[str, str]]:
    """Bring the summaries of these (entity, article) records, and the sums over them, up to date with
    their rows; returns the records whose summary changed (added, changed or gone)."""
    pairs = sorted(set(pairs))
    if not pairs:
        return set()
    stored = _stored(conn, pairs)
    now = read_summaries(conn, pairs)
    delta: dict[str, Sums] = {}
    changed: set[tuple[str, str]] = set()
    for pair in pairs:
        before, after = stored.get(pair), now.get(pair)
        text = after.dumps() if after is not None else None
        if before == text:
            continue
        changed.add(pair)
        sums = delta.setdefault(pair[0], Sums())
        if before is not None:
            sums.add(Summary.loads(before), -1)
        if after is not None:
            sums.add(after)
        if text is None:
            conn.execute("DELETE FROM cluster_records WHERE entity_id = ? AND article_id = ?", pair)
        else:
            conn.execute("INSERT OR REPLACE INTO cluster_records VALUES (?, ?, ?)", (*pair, text))
    _apply(conn, delta)
    return changed


def _apply(conn: sqlite3.Connection, delta: dict[str, Sums]) -> None:
    """Add these per-entity differences to the sums, dropping what falls to nothing."""
    sizes = [(e, s.records, s.nameless) for e, s in delta.items() if s.records or s.nameless]
    names = [(e, norm, n, s.name_mentions[norm]) for e, s in delta.items()
             for norm, n in {**dict.fromkeys(s.name_mentions, 0), **s.names}.items() if n or s.name_mentions[norm]]
    spellings = [(e, norm, spelling, m, r) for e, s in delta.items() for (norm, spelling), (m, r) in s.spellings.items()
                 if m or r]
    keys = [(e, norm, org, n) for e, s in delta.items() for (norm, org), n in s.keys.items() if n]
    conn.executemany("INSERT INTO cluster_sizes VALUES (?, ?, ?) ON CONFLICT (entity_id) DO UPDATE"
                     " SET records = records + excluded.records, nameless = nameless + excluded.nameless", sizes)
    conn.executemany("DELETE FROM cluster_sizes WHERE entity_id = ? AND records <= 0", [(e,) for e, _r, _n in sizes])
    conn.executemany("INSERT INTO cluster_names VALUES (?, ?, ?, ?) ON CONFLICT (entity_id, norm) DO UPDATE"
                     " SET records = records + excluded.records, mentions = mentions + excluded.mentions", names)
    conn.executemany("DELETE FROM cluster_names WHERE entity_id = ? AND norm = ? AND records <= 0",
                     [(e, norm) for e, norm, _r, _m in names])
    conn.executemany("INSERT INTO cluster_spellings VALUES (?, ?, ?, ?, ?) ON CONFLICT (entity_id, norm, spelling)"
                     " DO UPDATE SET mentions = mentions + excluded.mentions, records = records + excluded.records",
                     spellings)
    conn.executemany("DELETE FROM cluster_spellings WHERE entity_id = ? AND norm = ? AND spelling = ?"
                     " AND mentions <= 0 AND records <= 0", [(e, norm, sp) for e, norm, sp, _m, _r in spellings])
    conn.executemany("INSERT INTO cluster_keys VALUES (?, ?, ?, ?) ON CONFLICT (entity_id, norm, org) DO UPDATE"
                     " SET records = records + excluded.records", keys)
    conn.executemany("DELETE FROM cluster_keys WHERE entity_id = ? AND norm = ? AND org = ? AND records <= 0",
                     [(e, norm, org) for e, norm, org, _n in keys])


def count_clusters(conn: sqlite3.Connection) -> None:
    """Every record summarised again from the rows (three statements over whole tables), the sums counted
    again from them, and every entity with records marked unsettled (whoever wrote the rows may not have
    re-clustered them), in the caller's transaction: a store from before the sums, or one written to by a
    writer that does not keep them."""
    for table in _SUMS:
        conn.execute(f"DELETE FROM {table}")
    kept = _qualified_all(conn)
    surfaces: dict[tuple[str, str], dict[str, int]] = {}
    for entity_id, article_id, surface, n in conn.execute(
            "SELECT entity_id, article_id, surface, COUNT(*) FROM mentions GROUP BY entity_id, article_id, surface"):
        if entity_id in kept:
            surfaces.setdefault((entity_id, article_id), {})[surface] = n
    norms: dict[tuple[str, str], set[str]] = {}
    aliases: dict[tuple[str, str], set[str]] = {}
    for entity_id, article_id, alias, norm in conn.execute("SELECT entity_id, article_id, alias, norm FROM aliases"):
        if (entity_id, article_id) in surfaces:
            norms.setdefault((entity_id, article_id), set()).add(norm)
            aliases.setdefault((entity_id, article_id), set()).add(alias)
    orgs: dict[tuple[str, str], set[str]] = {}
    for source, article_id, target in conn.execute(
            "SELECT r.source, s.article_id, r.target FROM relations r JOIN relation_sources s ON s.relation_id = r.id"
            " WHERE r.type IN (?, ?, ?)", TIES):
        if (source, article_id) in surfaces:
            orgs.setdefault((source, article_id), set()).add(target)
    delta: dict[str, Sums] = {}
    rows = []
    for pair, counted in sorted(surfaces.items()):
        summary = Summary(frozenset(norms.get(pair, ())), frozenset(aliases.get(pair, ())),
                          dict(sorted(counted.items())), frozenset(orgs.get(pair, ())))
        rows.append((*pair, summary.dumps()))
        delta.setdefault(pair[0], Sums()).add(summary)
    conn.executemany("INSERT INTO cluster_records VALUES (?, ?, ?)", rows)
    _apply(conn, delta)
    conn.execute("INSERT OR IGNORE INTO unsettled SELECT entity_id FROM cluster_sizes")


def _qualified_all(conn: sqlite3.Connection) -> set[str]:
    return {r[0] for r in conn.execute(
        "SELECT id FROM entities WHERE gazetteer_key IS NULL AND root IN (?, ?)", CLUSTERED)}


def unsettle(conn: sqlite3.Connection, entity_ids: Iterable[str]) -> None:
    """Mark these entities as perhaps not at rest (see the module docstring)."""
    conn.executemany("INSERT OR IGNORE INTO unsettled VALUES (?)", [(e,) for e in sorted(set(entity_ids))])


class ClusterStatements:
    """`Store` methods for `kg.resolve`'s regrouping from the sums (mixed into `kg.store.Store`)."""

    connection: sqlite3.Connection
    changed_records: set[tuple[str, str]]

    def sync_records(self, conn: sqlite3.Connection, pairs: Iterable[tuple[str, str]]) -> None:
        """`sync_records`, remembering the records that changed in `changed_records`."""
        self.changed_records |= sync_records(conn, pairs)

    def any_unsettled(self, conn: sqlite3.Connection, entity_ids: Sequence[str]) -> bool:
        return conn.execute(f"SELECT 1 FROM unsettled WHERE entity_id IN {IDS} LIMIT 1",
                            (id_list(entity_ids),)).fetchone() is not None

    def settle(self, conn: sqlite3.Connection, entity_ids: Iterable[str], tangled: Iterable[str] = ()) -> None:
        """These entities are at rest (re-clustered from all their records), except `tangled` ones."""
        conn.execute(f"DELETE FROM unsettled WHERE entity_id IN {IDS}", (id_list(entity_ids),))
        unsettle(conn, tangled)

    def unsettle(self, conn: sqlite3.Connection, entity_ids: Iterable[str]) -> None:
        unsettle(conn, entity_ids)

    def cluster_sizes_in(self, conn: sqlite3.Connection, entity_ids: Sequence[str]) -> dict[str, tuple[int, int]]:
        """entity -> (records, records without a name) of those of `entity_ids` that have records."""
        return {e: (r, n) for e, r, n in conn.execute(
            f"SELECT entity_id, records, nameless FROM cluster_sizes WHERE entity_id IN {IDS}", (id_list(entity_ids),))}

    def names_of(self, conn: sqlite3.Connection, entity_ids: Sequence[str]) -> dict[str, str]:
        """entity -> its name, for those of `entity_ids` that exist."""
        return dict(conn.execute(f"SELECT id, name FROM entities WHERE id IN {IDS}", (id_list(entity_ids),)))

    def record_summaries(self, conn: sqlite3.Connection, entity_id: str) -> Iterator[tuple[str, Summary]]:
        """(article, summary) of every record of `entity_id`."""
        for article_id, text in conn.execute(
                "SELECT article_id, summary FROM cluster_records WHERE entity_id = ?", (entity_id,)):
            yield article_id, Summary.loads(text)

    def record_summary(self, conn: sqlite3.Connection, entity_id: str, article_id: str) -> Summary | None:
        row = conn.execute("SELECT summary FROM cluster_records WHERE entity_id = ? AND article_id = ?",
                           (entity_id, article_id)).fetchone()
        return Summary.loads(row[0]) if row else None

    def record_articles(self, conn: sqlite3.Connection, entity_id: str) -> list[str]:
        return [r[0] for r in conn.execute("SELECT article_id FROM cluster_records WHERE entity_id = ?", (entity_id,))]

    def first_record_article(self, conn: sqlite3.Connection, entity_id: str, besides: Sequence[str]) -> str | None:
        """The smallest article id of the records of `entity_id`, leaving out the articles `besides`."""
        row = conn.execute("SELECT MIN(article_id) FROM cluster_records WHERE entity_id = ?"
                           f" AND article_id NOT IN {IDS}", (entity_id, id_list(besides))).fetchone()
        return row[0]

    def entity_sums(self, conn: sqlite3.Connection, entity_id: str, *, spellings_of: str | None = None,
                    keys: bool = True) -> Sums:
        """The sums over the records of `entity_id` (spellings only of the name `spellings_of`)."""
        sums = Sums()
        row = conn.execute("SELECT records, nameless FROM cluster_sizes WHERE entity_id = ?", (entity_id,)).fetchone()
        if row is None:
            return sums
        sums.records, sums.nameless = row
        # counters built by comprehension, not item by item: a firm whose names chain has thousands of rows
        names = conn.execute("SELECT norm, records, mentions FROM cluster_names WHERE entity_id = ?",
                             (entity_id,)).fetchall()
        sums.names = Counter({norm: records for norm, records, _m in names})
        sums.name_mentions = Counter({norm: mentions for norm, _r, mentions in names if mentions})
        if spellings_of is not None:
            sums.spellings = self.entity_spellings(conn, entity_id, spellings_of)
        if keys:
            sums.keys = Counter({(norm, org): records for norm, org, records in conn.execute(
                "SELECT norm, org, records FROM cluster_keys WHERE entity_id = ?", (entity_id,))})
        return sums

    def entity_spellings(self, conn: sqlite3.Connection, entity_id: str, norm: str) -> dict[tuple[str, str], list[int]]:
        """(norm, spelling) -> [mentions, records] of the spellings of one name of `entity_id`."""
        return {(norm, spelling): [m, r] for spelling, m, r in conn.execute(
            "SELECT spelling, mentions, records FROM cluster_spellings WHERE entity_id = ? AND norm = ?",
            (entity_id, norm))}

    def entities_with_keys(self, conn: sqlite3.Connection,
                           keys: Iterable[tuple[str, str]]) -> dict[str, Counter[tuple[str, str]]]:
        """entity -> {key: records} of the entities whose records join on one of `keys` (the index on keys)."""
        out: dict[str, Counter[tuple[str, str]]] = {}
        wanted = json.dumps(sorted(set(keys)), ensure_ascii=False)
        for entity_id, norm, org, records in conn.execute(
                "SELECT k.entity_id, k.norm, k.org, k.records FROM json_each(?) j CROSS JOIN cluster_keys k"
                " ON k.norm = json_extract(j.value, '$[0]') AND k.org = json_extract(j.value, '$[1]')", (wanted,)):
            out.setdefault(entity_id, Counter())[(norm, org)] = records
        return out

    def min_orgs(self, conn: sqlite3.Connection, entity_ids: Sequence[str]) -> dict[str, str]:
        """entity -> the smallest organisation its records tie it to ('' for none), for `entity_ids`."""
        found = dict.fromkeys(entity_ids, "")
        found.update(conn.execute(f"SELECT entity_id, MIN(org) FROM cluster_keys WHERE entity_id IN {IDS}"
                                  " AND org != '' GROUP BY entity_id", (id_list(entity_ids),)))
        return found


def clusters_kept(conn: sqlite3.Connection) -> bool:
    """Whether the sums were kept since the store had them (a store from before them has none)."""
    return conn.execute("SELECT 1 FROM meta WHERE key = 'clusters'").fetchone() is not None


__all__ = ["SCHEMA", "ClusterStatements", "Summary", "Sums", "clusters_kept", "count_clusters", "read_summaries",
           "sync_records", "unsettle"]
