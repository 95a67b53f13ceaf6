"""The graph of record: one SQLite file that needs no server.

Why SQLite: each article goes in one transaction (or a savepoint of a batch's, `Store.batch`), so a
crash mid-build leaves every article either fully in or fully out (write-ahead log, no half-written
JSON); a million relations open in the time it takes to read them, and indexes answer "which entity
has this alias" without loading the graph.
networkx (`kg.graph`) is the in-memory view for algorithms, built from here.

Entities and relations are *derived* from what articles contributed (mentions, aliases, relation
sources), so removing an article removes exactly what only it said.
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from kg.errors import StoreError
from kg.json_text import canonical_json
from kg.model import Article, Entity, Relation, ResolvedEntity, ResolvedRelation, Source
from kg.names import normalize_name, to_simplified
from kg.storage.clusters import SCHEMA as _CLUSTERS
from kg.storage.clusters import ClusterStatements, clusters_kept
from kg.storage.derived import in_write_transaction
from kg.storage.records import RecordStatements
from kg.storage.resolution import ResolutionStatements
from kg.storage.tallies import SCHEMA as _TALLIES
from kg.storage.tallies import (
    count_tallies,
    insert_article_counted,
    insert_mentions,
    insert_relation_sources,
    keep_tallies,
    tallies_kept,
)
from kg.storage.views import IDS, ViewStatements, id_list
from kg.terms import C, R

SCHEMA_VERSION = 1
DB_NAME = "graph.sqlite"

#: Run at every opening (`IF NOT EXISTS`): a store written by an earlier kg gets what was added since
#: (an index is built once, at that first opening; indexes never change what is stored).
_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS articles (
    id TEXT PRIMARY KEY, path TEXT, title TEXT, published TEXT, url TEXT, lang TEXT,
    chars INTEGER NOT NULL, added TEXT NOT NULL, text TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS entities (
    id TEXT PRIMARY KEY, root TEXT NOT NULL, name TEXT NOT NULL, gazetteer_key TEXT,
    types TEXT NOT NULL, attrs TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS aliases (
    entity_id TEXT NOT NULL, alias TEXT NOT NULL, norm TEXT NOT NULL, article_id TEXT NOT NULL,
    PRIMARY KEY (entity_id, alias, article_id)
);
CREATE INDEX IF NOT EXISTS aliases_norm ON aliases (norm);
CREATE INDEX IF NOT EXISTS aliases_article ON aliases (article_id);
CREATE TABLE IF NOT EXISTS mentions (
    entity_id TEXT NOT NULL, article_id TEXT NOT NULL, type TEXT NOT NULL, -- comma-joined classes
    surface TEXT NOT NULL,
    sentence INTEGER, span_start INTEGER, span_end INTEGER, method TEXT NOT NULL, confidence REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS mentions_entity ON mentions (entity_id);
CREATE INDEX IF NOT EXISTS mentions_article ON mentions (article_id);
CREATE TABLE IF NOT EXISTS relations (
    id TEXT PRIMARY KEY, type TEXT NOT NULL, source TEXT NOT NULL, target TEXT NOT NULL,
    props TEXT NOT NULL
);
-- each end with the type and the other end: "the INVESTED_IN edges of these companies" is read from
-- the index alone (no row fetched per edge), and type and end seek together
CREATE INDEX IF NOT EXISTS relations_source_type ON relations (source, type, target);
CREATE INDEX IF NOT EXISTS relations_target_type ON relations (target, type, source);
DROP INDEX IF EXISTS relations_source;
DROP INDEX IF EXISTS relations_target;
CREATE TABLE IF NOT EXISTS relation_sources (
    relation_id TEXT NOT NULL, article_id TEXT NOT NULL, sentence INTEGER, span_start INTEGER,
    span_end INTEGER, method TEXT NOT NULL, confidence REAL NOT NULL, evidence TEXT, props TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS relation_sources_relation ON relation_sources (relation_id);
CREATE INDEX IF NOT EXISTS relation_sources_article ON relation_sources (article_id);
CREATE INDEX IF NOT EXISTS relations_type ON relations (type);
-- the few relations whose articles disagree (`kg.claims`), without reading every relation's properties
CREATE INDEX IF NOT EXISTS relations_disputed ON relations (id) WHERE instr(props, '"disputes":') > 0;
CREATE TABLE IF NOT EXISTS data_version (id INTEGER PRIMARY KEY CHECK (id = 1), n INTEGER NOT NULL);
INSERT OR IGNORE INTO data_version VALUES (1, 0);
CREATE TABLE IF NOT EXISTS query_cache (key TEXT PRIMARY KEY, version INTEGER NOT NULL, value TEXT NOT NULL);
"""

#: Tables whose every change bumps `data_version` (triggers, so no writer can forget): what the graph
#: view and so every named query is computed from. Caches are keyed on that counter.
_VERSIONED_TABLES = ("articles", "entities", "aliases", "mentions", "relations", "relation_sources")
#: ... except rows added to these, which come only with a new article (a build, `kg import`): adding the
#: article bumps it in the same transaction. A trigger per added row ran a program per mention, and made
#: each such statement keep a statement journal (written to a temporary file inside a batch's savepoint):
#: on the 2 MB line of one repeated sentence, 116,508 mentions, about 1 s of CPU for nothing.
_ADDED_WITH_THEIR_ARTICLE = ("mentions", "relation_sources")
_VERSION_TRIGGERS = "\n".join(
    f"CREATE TRIGGER IF NOT EXISTS {table}_{event.lower()}_version AFTER {event} ON {table}"
    " BEGIN UPDATE data_version SET n = n + 1 WHERE id = 1; END;"
    for table in _VERSIONED_TABLES for event in ("INSERT", "UPDATE", "DELETE")
    if not (event == "INSERT" and table in _ADDED_WITH_THEIR_ARTICLE)) + "".join(
    f"DROP TRIGGER IF EXISTS {table}_insert_version;" for table in _ADDED_WITH_THEIR_ARTICLE)

#: How long a writer waits for another process's transaction on the same store (seconds).
BUSY_TIMEOUT_S = 600

#: A build commits after this many articles or seconds, whichever comes first (`Store.batch`).
BATCH_ARTICLES = 64
BATCH_SECONDS = 1.0

#: Article id used for aliases that come from the gazetteer rather than from a text.
GAZETTEER = "gazetteer"

#: Roots whose entities the gazetteer does not know are regrouped, and named, by `kg.resolve`.
_REGROUPED = (C.Organization, C.Person)
#: The relation types that tie a person to an organisation (`kg.resolve.PERSON_TIES`), as SQL.
_TIES = f"('{R.FOUNDED}', '{R.HOLDS_POSITION}', '{R.LEFT}')"


def default_store_path() -> Path:
    """`KG_STORE` if set, else `./kg-store`.

    Examples
    --------
    >>> import os
    >>> default_store_path() == Path(os.environ.get("KG_STORE", "kg-store"))
    True
    """
    return Path(os.environ.get("KG_STORE", "kg-store"))


@dataclass(frozen=True)
class ArticleInfo:
    """An article's metadata as kept in the store (the text is read on demand)."""

    id: str
    path: str | None
    title: str | None
    published: str | None
    url: str | None
    lang: str | None
    chars: int
    added: str


class Store(RecordStatements, ResolutionStatements, ViewStatements, ClusterStatements):
    """A graph of record on an open SQLite connection. Use `open_store` to get one.

    The statements over whole tables (export, import), those of entity resolution and the partial
    views of the named queries come from `kg.storage`.

    Examples
    --------
    An article and what it says, recorded, then forgotten again:

    >>> import tempfile
    >>> from kg.build import add_article
    >>> from kg.model import Article
    >>> article = Article(text="真格基金投资了星衡智能。", published="2025-08-01")
    >>> with tempfile.TemporaryDirectory() as tmp, open_store(Path(tmp, "store")) as store:
    ...     added = add_article(store, article)
    ...     known, text = store.has_article(article.id), store.article_text(article.id)
    ...     names = sorted(entity.name for entity in store.entities())
    ...     facts = [(rel.type, rel.source, rel.target) for rel in store.relations()]
    ...     removed = store.remove_article(article.id)
    ...     after = store.counts()
    >>> added, known, text
    ((True, []), True, '真格基金投资了星衡智能。')
    >>> names, facts
    (['星衡智能', '真格基金'], [('INVESTED_IN', 'organization:zhenfund', 'organization:星衡智能')])
    >>> removed, after
    (True, {'articles': 0, 'entities': 0, 'relations': 0, 'mentions': 0})
    """

    def __init__(self, connection: sqlite3.Connection, path: Path) -> None:
        self.connection = connection
        self.path = path
        self.batched = False  # inside `batch`: articles share transactions, each in a savepoint
        #: inside `batch`: the facts whose merged properties are worked out before the batch commits
        self.pending_relations: set[str] | None = None
        # records (entity, article) whose summaries changed since the article began (`kg.regroup`)
        self.changed_records: set[tuple[str, str]] = set()

    # -- lifecycle -------------------------------------------------------------------------------
    def close(self) -> None:
        self.connection.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """All-or-nothing: an exception (or a crash) inside leaves the store as it was before.

        `BEGIN IMMEDIATE` takes the write lock before the first read, so two builds on one store
        take turns whole articles at a time (the other waits, up to the busy timeout) and each reads
        what the other wrote: the result is that of some sequential build. A transaction opened
        inside another joins it (resolution reads and writes in the writer's transaction).
        """
        conn = self.connection
        if conn.in_transaction:
            yield conn
            return
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")

    @contextmanager
    def batch(self, articles: int = BATCH_ARTICLES, seconds: float = BATCH_SECONDS) -> Iterator[Callable[[], None]]:
        """Several articles per transaction: a commit costs about as much as writing a short article.

        Inside, `article` runs each article in a savepoint of a shared transaction, so a failing article
        is undone alone and the others stay; the transaction is committed once `articles` articles went
        by or `seconds` passed (call the function yielded before each article), and on the way out.
        A crash loses at most the articles of the open transaction, each of them whole. Another build on
        the same store takes turns with this one a batch at a time (still the result of some sequential
        build). Nested: the inner one is the outer one."""
        conn = self.connection
        if self.batched or conn.in_transaction:
            yield lambda: None
            return
        self.batched = True
        self.pending_relations = set()
        state = {"since": time.monotonic(), "seen": 0}

        def next_article() -> None:
            state["seen"] += 1
            if conn.in_transaction and (state["seen"] > articles or time.monotonic() - state["since"] >= seconds):
                self._refresh_pending(conn)
                conn.execute("COMMIT")
                state.update(since=time.monotonic(), seen=1)

        try:
            yield next_article
        finally:
            self.batched = False
            try:
                if conn.in_transaction:
                    self._refresh_pending(conn)
                    conn.execute("COMMIT")
            finally:
                self.pending_relations = None

    def refresh_relations_by_commit(self, conn: sqlite3.Connection, relation_ids: Iterable[str]) -> None:
        """`refresh_relations` now, or inside a `batch` once before it commits: a fact restated by hundreds
        of articles (its disputes list them all) is merged once per batch, not once per article. Only
        for facts whose sources were added: they exist whatever their merged properties, and nothing
        written in between reads those (resolution and regrouping read the sources)."""
        if self.pending_relations is None:
            self.refresh_relations(conn, relation_ids)
        else:
            self.pending_relations.update(relation_ids)

    def _refresh_pending(self, conn: sqlite3.Connection) -> None:
        """The batch's facts merged, before its commit (kept pending if that fails: nothing is committed)."""
        if self.pending_relations:
            self.refresh_relations(conn, self.pending_relations)
            self.pending_relations.clear()

    @contextmanager
    def article(self) -> Iterator[sqlite3.Connection]:
        """One article's reads and writes, all or nothing: its own transaction (`transaction`), or in a
        `batch` a savepoint of the batch's transaction (undone alone when something inside fails)."""
        conn = self.connection
        if not self.batched:
            with self.transaction() as joined:
                yield joined
            return
        if not conn.in_transaction:
            conn.execute("BEGIN IMMEDIATE")
        conn.execute("SAVEPOINT article")
        try:
            yield conn
        except BaseException as exc:
            if not conn.in_transaction:  # SQLite itself ended the transaction (disk full, I/O error)
                raise StoreError(f"the store's transaction was ended by SQLite ({exc}); articles built since "
                                 "the last commit are not in the store") from exc
            conn.execute("ROLLBACK TO article")
            conn.execute("RELEASE article")
            raise
        conn.execute("RELEASE article")

    def rollback(self) -> None:
        """Undo the transaction left open, if any (`transaction` itself rolls back what fails inside it)."""
        if self.connection.in_transaction:
            self.connection.rollback()

    @contextmanager
    def snapshot(self) -> Iterator[sqlite3.Connection]:
        """A read transaction: every read inside sees one committed state of the store (WAL), so an
        answer and the `data_version` it is cached under always belong together."""
        conn = self.connection
        if conn.in_transaction:
            yield conn
            return
        conn.execute("BEGIN")
        try:
            yield conn
        finally:
            conn.execute("COMMIT")

    # -- versions and caches ----------------------------------------------------------------------
    def data_version(self) -> int:
        """A counter that every change to the store's data bumps, in the writing transaction itself
        (triggers): equal counters mean equal data, so a cache keyed on it is never stale."""
        return self.connection.execute("SELECT n FROM data_version WHERE id = 1").fetchone()[0]

    def uid(self) -> str:
        """A random id the store got when created (or first opened by a release that gives one), kept by
        every copy of it: what a cache outside the store (`kg.view_cache`) tells stores apart by."""
        return str(self.connection.execute("SELECT value FROM meta WHERE key = 'uid'").fetchone()[0])

    def cached(self, key: str, version: int) -> str | None:
        """The value cached under `key` for data version `version`, or None."""
        row = self.connection.execute("SELECT value FROM query_cache WHERE key = ? AND version = ?",
                                      (key, version)).fetchone()
        return row[0] if row else None

    def put_cached(self, key: str, version: int, value: str) -> bool:
        """Cache `value` for `version` unless the data moved on or another process holds the write
        lock (a reader never waits for a build: it just does not cache). True if the write ran."""
        def insert() -> None:
            if self.data_version() == version:
                self.connection.execute("INSERT OR REPLACE INTO query_cache VALUES (?, ?, ?)", (key, version, value))

        try:
            return in_write_transaction(self.connection, insert, BUSY_TIMEOUT_S)
        except sqlite3.OperationalError:  # any other failure to write (a full disk): the answer stays uncached
            return False

    def clear_query_cache(self) -> None:
        """Forget every cached answer (benchmarks time the cold path with it)."""
        with self.transaction() as conn:
            conn.execute("DELETE FROM query_cache")

    # -- articles -------------------------------------------------------------------------------
    def has_article(self, article_id: str) -> bool:
        row = self.connection.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone()
        return row is not None

    def insert_article(self, conn: sqlite3.Connection, article: Article) -> None:
        insert_article_counted(conn, (
            article.id, article.path, article.title, article.published, article.url, article.lang,
            len(article.text), datetime.now(UTC).isoformat(timespec="seconds"), article.text,
        ))

    def articles(self) -> list[ArticleInfo]:
        rows = self.connection.execute(
            "SELECT id, path, title, published, url, lang, chars, added FROM articles ORDER BY id"
        )
        return [ArticleInfo(*row) for row in rows]

    def article_text(self, article_id: str) -> str:
        row = self.connection.execute("SELECT text FROM articles WHERE id = ?", (article_id,)).fetchone()
        if row is None:
            raise StoreError(f"no article {article_id!r} in {self.path}")
        return row[0]

    # -- entities -------------------------------------------------------------------------------
    def entity_ids_by_alias(self, norm: str, root: str) -> list[str]:
        """Entities under `root` that have an alias with this normalised form."""
        rows = self.connection.execute(  # the tally of aliases: as many rows as entities, not as articles
            "SELECT n.entity_id FROM entity_norms n JOIN entities e ON e.id = n.entity_id"
            " WHERE n.norm = ? AND e.root = ? ORDER BY n.entity_id",
            (norm, root),
        )
        return [r[0] for r in rows]

    def entity_exists(self, entity_id: str) -> bool:
        return self.connection.execute("SELECT 1 FROM entities WHERE id = ?", (entity_id,)).fetchone() is not None

    def entity_key(self, entity_id: str) -> str | None:
        """The gazetteer key of an entity, None when it has none (or does not exist)."""
        row = self.connection.execute("SELECT gazetteer_key FROM entities WHERE id = ?", (entity_id,)).fetchone()
        return row[0] if row else None

    def entity_by_key(self, key: str) -> str | None:
        row = self.connection.execute("SELECT id FROM entities WHERE gazetteer_key = ?", (key,)).fetchone()
        return row[0] if row else None

    def entities(self) -> Iterator[Entity]:
        aliases: dict[str, set[str]] = {}
        for entity_id, alias in self.connection.execute("SELECT entity_id, alias FROM aliases"):
            aliases.setdefault(entity_id, set()).add(alias)
        for entity_id, name, types, attrs in self.connection.execute(
            "SELECT id, name, types, attrs FROM entities ORDER BY id"
        ):
            yield Entity(
                id=entity_id,
                types=json.loads(types),
                name=name,
                aliases=sorted(aliases.get(entity_id, set()) - {name}),
                attrs=json.loads(attrs),
            )

    def entity_mention_counts(self) -> dict[str, dict[str, int]]:
        """Per entity: article id -> number of mentions (for MENTIONED_IN edges)."""
        out: dict[str, dict[str, int]] = {}
        for entity_id, article_id, n in self.connection.execute(
            "SELECT entity_id, article_id, COUNT(*) FROM mentions GROUP BY entity_id, article_id"
        ):
            out.setdefault(entity_id, {})[article_id] = n
        return out

    def first_mentions(self) -> Iterator[tuple[str, str, int | None, int | None, int | None]]:
        """(entity, article, sentence, start, end) of each entity's first mention in each article."""
        yield from self.connection.execute(
            "SELECT entity_id, article_id, sentence, MIN(span_start), span_end FROM mentions"
            " GROUP BY entity_id, article_id ORDER BY entity_id, article_id"
        )

    # -- relations ------------------------------------------------------------------------------
    def relations(self) -> Iterator[Relation]:
        sources: dict[str, list[Source]] = {}
        for row in self.connection.execute(
            "SELECT relation_id, article_id, sentence, span_start, span_end, method, confidence, evidence"
            " FROM relation_sources ORDER BY relation_id, article_id, span_start"
        ):
            sources.setdefault(row[0], []).append(Source(*row[1:]))
        for rel_id, rtype, src, dst, props in self.connection.execute(
            "SELECT id, type, source, target, props FROM relations ORDER BY id"
        ):
            yield Relation(rel_id, rtype, src, dst, json.loads(props), sources.get(rel_id, []))

    # -- removal --------------------------------------------------------------------------------
    def remove_article(self, article_id: str) -> bool:
        """Forget an article and everything only it said. True if it was there."""
        if not self.has_article(article_id):
            return False
        with self.transaction() as conn:
            touched_rel = {r[0] for r in conn.execute(
                "SELECT relation_id FROM relation_sources WHERE article_id = ?", (article_id,))}
            touched_ent = {r[0] for r in conn.execute(
                "SELECT entity_id FROM mentions WHERE article_id = ?", (article_id,))}
            from kg.resolve import entity_pool, person_pool, recluster_entities, recluster_people

            namesakes = person_pool(self, conn, touched_ent)  # the article may have been what joined them
            firms = [e for pool in entity_pool(self, conn, touched_ent).values() for e in pool]  # and these
            kept = tallies_kept(conn)
            conn.execute("DELETE FROM relation_sources WHERE article_id = ?", (article_id,))
            conn.execute("DELETE FROM mentions WHERE article_id = ?", (article_id,))
            conn.execute("DELETE FROM aliases WHERE article_id = ?", (article_id,))
            conn.execute("DELETE FROM articles WHERE id = ?", (article_id,))
            self.sync_records(conn, [(e, article_id) for e in touched_ent])
            if kept:  # the trigger took the sums' mark out: they are kept still
                keep_tallies(conn)
            self.refresh_relations(conn, touched_rel)
            self.refresh_entities(conn, touched_ent)
            tied = recluster_entities(self, conn, firms)
            recluster_people(self, conn, {*namesakes, *tied})
        return True

    def refresh_relations(self, conn: sqlite3.Connection, relation_ids: Iterable[str]) -> None:
        """Recompute merged properties from the sources left; drop relations with none.

        A fact whose sources all state the same properties (`relation_variants` has one row for it) is
        merged from its most confident source alone (an index read): restating it costs the same
        however many articles said it before. Sources that differ are all read, as disputes need.
        A person's positions at one organisation are recomputed together: whether two titles contradict
        each other (`kg.claims.title_disputes`) depends on all of them (`_title_disputes`)."""
        from kg.claims import with_dispute

        ids = set(relation_ids)
        if not ids:
            return
        positions = _position_groups(conn, ids)
        for group in positions:
            ids.update(group)
        variants: dict[str, int] = {}
        for rel_id, in conn.execute(f"SELECT relation_id FROM relation_variants WHERE relation_id IN {IDS}",
                                    (id_list(ids),)):
            variants[rel_id] = variants.get(rel_id, 0) + 1
        kept: dict[str, list[tuple[str, float, str]]] = {}
        for rel_id in sorted(ids):
            if rel_id not in variants:
                conn.execute("DELETE FROM relations WHERE id = ?", (rel_id,))
                continue
            kept[rel_id] = _source_rows(conn, rel_id, first_only=variants[rel_id] == 1)
        titles: dict[str, dict[str, Any]] = {}
        for group in positions:
            titles.update(_title_disputes(conn, {rel_id: kept[rel_id] for rel_id in group if rel_id in kept},
                                          {rel_id for rel_id in group if variants.get(rel_id) == 1}))
        for rel_id, rows in kept.items():
            props = canonical_json(with_dispute(derived_props(conn, rows), titles.get(rel_id)))
            conn.execute("UPDATE relations SET props = ? WHERE id = ? AND props != ?", (props, rel_id, props))

    def refresh_entities(self, conn: sqlite3.Connection, entity_ids: Iterable[str], *, regrouped: bool = False) -> None:
        """Recompute types and display name from the mentions left (their tally, `entity_surfaces`:
        the cost is the entity's spellings, not its mentions), and a figure's amounts in US dollars,
        which depend on the first article reporting it; drop entities nothing mentions any more, and
        the relations that pointed at them.

        `regrouped`: the caller re-clusters the people and organisations the gazetteer does not know
        afterwards (`kg.resolve`), which names them, so their spellings are not read for a vote here (an
        organisation whose names chain into hundreds has as many spellings)."""
        ids = sorted(set(entity_ids))
        if not ids:
            return
        wanted = id_list(ids)
        classes: dict[str, set[str]] = {}
        for entity_id, joined in conn.execute(
                f"SELECT DISTINCT entity_id, type FROM entity_surfaces WHERE entity_id IN {IDS}", (wanted,)):
            classes.setdefault(entity_id, set()).update(joined.split(","))
        stored = {row[0]: row[1:] for row in conn.execute(
            f"SELECT id, gazetteer_key, name, root FROM entities WHERE id IN {IDS}", (wanted,))}
        voters = [e for e in ids if e in classes and e in stored and stored[e][0] is None
                  and not (regrouped and stored[e][2] in _REGROUPED)]
        tallies: dict[str, dict[str, int]] = {}
        for entity_id, surface, n in conn.execute(
                f"SELECT entity_id, surface, n FROM entity_surfaces WHERE entity_id IN {IDS}", (id_list(voters),)):
            surfaces = tallies.setdefault(entity_id, {})
            surfaces[surface] = surfaces.get(surface, 0) + n
        records: set[tuple[str, str]] = set()
        for entity_id in ids:
            if entity_id in classes:
                types = canonical_json(sorted(classes[entity_id]))
                conn.execute("UPDATE entities SET types = ? WHERE id = ? AND types != ?", (types, entity_id, types))
                key, name, _root = stored.get(entity_id, (None, None, None))
                voted = None if name is None or entity_id not in tallies else display_name(
                    key, name, tallies[entity_id])
                if voted is not None:
                    conn.execute("UPDATE entities SET name = ? WHERE id = ? AND name != ?", (voted, entity_id, voted))
                if C.FinancialFigure in classes[entity_id]:
                    _refresh_figure_usd(conn, entity_id)
                continue
            conn.execute("DELETE FROM aliases WHERE entity_id = ?", (entity_id,))
            conn.execute("DELETE FROM entities WHERE id = ?", (entity_id,))
            dangling = [r[0] for r in conn.execute(
                "SELECT id FROM relations WHERE source = ? OR target = ?", (entity_id, entity_id))]
            for rel_id in dangling:  # a person's record tied to this organisation names it no more
                records |= set(conn.execute(
                    "SELECT r.source, s.article_id FROM relation_sources s JOIN relations r ON r.id = s.relation_id"
                    f" WHERE r.id = ? AND r.type IN {_TIES}", (rel_id,)).fetchall())
                conn.execute("DELETE FROM relation_sources WHERE relation_id = ?", (rel_id,))
                conn.execute("DELETE FROM relations WHERE id = ?", (rel_id,))
        self.sync_records(conn, records)

    # -- summary --------------------------------------------------------------------------------
    def relation_count(self) -> int:
        """How many relations the store holds: one table counted, for a caller that wants to know the
        size of the graph before it reads all of it (`counts` reads four tables)."""
        return int(self.connection.execute("SELECT COUNT(*) FROM relations").fetchone()[0])

    def counts(self) -> dict[str, int]:
        """Rows per table: articles, entities, relations and mentions.

        Examples
        --------
        >>> import tempfile
        >>> with tempfile.TemporaryDirectory() as tmp, open_store(Path(tmp, "store")) as store:
        ...     store.counts()
        {'articles': 0, 'entities': 0, 'relations': 0, 'mentions': 0}
        """
        out = {}
        for table in ("articles", "entities", "relations", "mentions"):
            out[table] = self.connection.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
        return out

    def type_counts(self) -> tuple[dict[str, int], dict[str, int]]:
        """(entities per most-specific class, relations per type).

        Examples
        --------
        >>> import tempfile
        >>> from kg.build import add_article
        >>> from kg.model import Article
        >>> text = "星衡智能完成B轮融资，由红杉中国领投。创始人李明曾任百度副总裁。"
        >>> with tempfile.TemporaryDirectory() as tmp, open_store(Path(tmp, "store")) as store:
        ...     _ = add_article(store, Article(text=text, published="2025-07-02"))
        ...     store.type_counts()
        ({'Company': 2, 'Investor': 1, 'Person': 1}, {'FOUNDED': 1, 'INVESTED_IN': 1, 'LEFT': 1})
        """
        entity_types: dict[str, int] = {}
        for (types,) in self.connection.execute("SELECT types FROM entities"):
            for t in json.loads(types):
                entity_types[t] = entity_types.get(t, 0) + 1
        rel_types = dict(self.connection.execute("SELECT type, COUNT(*) FROM relations GROUP BY type"))
        return dict(sorted(entity_types.items())), dict(sorted(rel_types.items()))


def display_name(key: str | None, name: str, surfaces: dict[str, int]) -> str | None:
    """The spelling an entity the gazetteer does not know goes by: of the spellings of its name (the
    same name in traditional or simplified script, full- or half-width), the one its articles use most.

    The first article to name a firm may be the odd one out (a traditional-script report among
    simplified ones); the spelling is voted on by every mention, so it does not depend on the order
    the articles were built in (ties go to the simplified spelling, then the alphabetically first).
    Which name is shown (brand, legal name) is chosen for organisations by `kg.resolve.recluster_entities`
    (for people by `recluster_people`); for other entities it stays the first article's choice.
    `key` and `name` are the entity's gazetteer key and current name, `surfaces` its mentions counted
    by spelling. Gazetteer entities keep their canonical name (None is returned).

    Examples
    --------
    >>> display_name(None, "智谱", {"智譜": 3, "智谱": 1})  # the articles write it in traditional script
    '智譜'
    >>> display_name(None, "智譜", {"智譜": 1, "智谱": 1})  # a tie: the simplified spelling
    '智谱'
    >>> display_name("hongshan", "红杉中国", {"紅杉中國": 5}) is None  # the gazetteer's name stays
    True
    """
    if key is not None:
        return None
    current = normalize_name(name)
    counts = {surface: n for surface, n in surfaces.items() if normalize_name(surface) == current}
    if not counts:
        return None
    return min(counts, key=lambda name: (-counts[name], to_simplified(name) != name, name))


def _position_groups(conn: sqlite3.Connection, relation_ids: set[str]) -> list[list[str]]:
    """The HOLDS_POSITION relations of each (person, organisation) pair that one of `relation_ids` joins."""
    if not relation_ids:
        return []
    # each fact by its id, then the facts of its person: the cost is that person's facts, not every
    # position in the store (the type's index) nor every fact about the organisation
    rows = conn.execute(
        "SELECT p.source, p.target, p.id FROM json_each(?) j CROSS JOIN relations t ON t.id = j.value"
        " CROSS JOIN relations p ON p.source = t.source AND +p.target = t.target AND +p.type = 'HOLDS_POSITION'"
        " WHERE t.type = 'HOLDS_POSITION'",
        (id_list(relation_ids),)).fetchall()
    groups: dict[tuple[str, str], set[str]] = {}
    for source, target, rel_id in rows:
        groups.setdefault((source, target), set()).add(rel_id)
    return [sorted(ids) for _pair, ids in sorted(groups.items()) if len(ids) > 1]


def _source_rows(conn: sqlite3.Connection, rel_id: str, *, first_only: bool = False) -> list[tuple[str, float, str]]:
    """(props JSON, confidence, article) of a fact's sources, most confident first (ties: article, span);
    `first_only`: the first alone (an index read), enough when all its sources state the same."""
    return conn.execute(
        "SELECT props, confidence, article_id FROM relation_sources WHERE relation_id = ?"
        " ORDER BY confidence DESC, article_id, span_start" + (" LIMIT 1" if first_only else ""),
        (rel_id,),
    ).fetchall()


def _title_disputes(conn: sqlite3.Connection, group: dict[str, list[tuple[str, float, str]]],
                    uniform: set[str]) -> dict[str, dict[str, Any]]:
    """`kg.claims.title_disputes` of one person's positions at one organisation, where the facts of
    `uniform` (all sources state the same) come with their first source alone. Their title and dates
    are those of any source, but which articles state them matters (one article stating two titles
    makes no dispute of them): it is read only for the facts that a dispute may involve. Fewer articles
    can only find more disputes, never fewer, so the facts in none with the first sources alone are in
    none with all of them, and the rest are asked again with every source read."""
    from kg.claims import title_disputes

    found = title_disputes(group)
    involved = set(found) | {value["relation"] for dispute in found.values()
                             for value in dispute["values"] if "relation" in value}
    partial = involved & uniform & group.keys()
    if not partial:
        return found
    return title_disputes({rel_id: _source_rows(conn, rel_id) if rel_id in partial else rows
                           for rel_id, rows in group.items()})


def _refresh_figure_usd(conn: sqlite3.Connection, entity_id: str) -> None:
    """A FinancialFigure's `amount_usd` (and low, high, `usd_rate_date`; `kg.money_usd.figure_usd`) at
    the end of its period or the first publication of the articles that report it, so the same figure
    gets the same dollars whatever order its articles were built in, and again once one is removed."""
    from kg.money_usd import FIGURE_USD_KEYS, figure_usd

    row = conn.execute("SELECT attrs FROM entities WHERE id = ?", (entity_id,)).fetchone()
    if row is None:
        return
    attrs = json.loads(row[0])
    (published,) = conn.execute(
        "SELECT MIN(a.published) FROM mentions m JOIN articles a ON a.id = m.article_id"
        " WHERE m.entity_id = ? AND length(a.published) >= 10", (entity_id,)).fetchone()
    kept = {k: v for k, v in attrs.items() if k not in FIGURE_USD_KEYS}
    updated = dict(sorted({**kept, **figure_usd(kept, published)}.items()))
    if updated != attrs:
        conn.execute("UPDATE entities SET attrs = ? WHERE id = ?", (canonical_json(updated), entity_id))


def merge_props(rows: Sequence[tuple[str | dict[str, Any], float, str]]) -> dict[str, Any]:
    """One value per key: from the most confident source, ties broken by article id.

    Rows (props JSON, or the props already read, confidence, article) arrive sorted that way, so the
    first value seen wins; the result does not depend on the order in which articles were built.

    Examples
    --------
    The surer source's round wins; the other still gives the date it alone states:

    >>> merge_props([({"round": "B", "amount": 3e8}, 0.9, "a2"),
    ...              ('{"round": "B+", "date": "2025-07", "amount": null}', 0.7, "a1")])
    {'amount': 300000000.0, 'date': '2025-07', 'round': 'B'}
    """
    merged: dict[str, Any] = {}
    for props, _conf, _article in rows:
        for key, value in (props if isinstance(props, dict) else json.loads(props)).items():
            if value is not None and key not in merged:
                merged[key] = value
    return dict(sorted(merged.items()))


def derived_props(conn: sqlite3.Connection, rows: list[tuple[str, float, str]]) -> dict[str, Any]:
    """`merge_props` plus what the store derives from the merged facts: the amounts in US dollars
    (`kg.money_usd`, at the event date or else the publication date of the article the amount is from),
    the values articles disagree on (`kg.claims`, kept as `disputes`), and a modality that is planned or
    reported only while no article states the fact as done (`kg.extract.modality`). `rows` are the
    sources (props JSON, confidence, article), most confident first (`_source_rows`)."""
    # sources stating the same are read once and share one object
    parsed: dict[str, dict[str, Any]] = {}
    firsts: list[tuple[dict[str, Any], float, str]] = []
    stated: dict[str, tuple[dict[str, Any], list[str]]] = {}
    seen: set[str] = set()
    for props, conf, article in rows:
        read = parsed.get(props)
        if read is None:
            read = parsed[props] = json.loads(props)
            firsts.append((read, conf, article))
        if article not in seen:
            seen.add(article)
            stated.setdefault(props, (read, []))[1].append(article)
    return _derived(conn, firsts, list(stated.values()))


def _derived(conn: sqlite3.Connection, firsts: list[tuple[dict[str, Any], float, str]],
             stated: list[tuple[dict[str, Any], list[str]]]) -> dict[str, Any]:
    """`derived_props` from what the sources state: the first source of each distinct statement (props,
    confidence, article; in the sources' order), and each statement that is some article's first with
    those articles (in the order of the first of them). A source restating what an earlier one states adds
    nothing to the merge, the currency's article or the modality, and an article's other sources nothing to
    the disputes: a fact restated by hundreds of articles makes a handful of statements, and the work
    beyond reading the sources is per statement."""
    from kg.claims import DISPUTES_KEY, disputes_json_of
    from kg.money_usd import usd_props

    merged = merge_props(firsts)
    if merged.get("currency"):
        article = next((a for props, _c, a in firsts if props.get("currency")), firsts[0][2])
        row = conn.execute("SELECT published FROM articles WHERE id = ?", (article,)).fetchone()
        merged.update(usd_props(merged, row[0] if row else None))
    if merged.get("modality") in ("planned", "reported") and any("modality" not in props for props, _c, _a in firsts):
        del merged["modality"]  # one article stating it as done outweighs plans and hearsay
    disputes = disputes_json_of(stated)
    if disputes is not None:
        merged[DISPUTES_KEY] = disputes
    return dict(sorted(merged.items()))


def open_store(path: Path | str | None = None, *, create: bool = True) -> Store:
    """Open (and create, unless `create` is False) the store in folder `path`.

    Raises `StoreError` when the folder is not a store, or was written by a newer `kg`.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     with open_store(Path(tmp, "store")) as store:
    ...         created = store.counts()["articles"], (Path(tmp) / "store" / "graph.sqlite").exists()
    ...     with open_store(Path(tmp, "store"), create=False) as store:  # opened again
    ...         reopened = store.counts()["articles"]
    >>> created, reopened
    ((0, True), 0)
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     open_store(Path(tmp, "elsewhere"), create=False)
    Traceback (most recent call last):
    ...
    kg.errors.StoreError: no kg store at .../elsewhere (build one with `kg build PATH --store .../elsewhere`)
    """
    folder = Path(path) if path is not None else default_store_path()
    db = folder / DB_NAME
    if not db.exists():
        if not create:
            raise StoreError(f"no kg store at {folder} (build one with `kg build PATH --store {folder}`)")
        if folder.exists() and not folder.is_dir():
            raise StoreError(f"{folder} is a file, not a store folder")
        folder.mkdir(parents=True, exist_ok=True)
    try:
        with _opening_lock(folder):
            conn = sqlite3.connect(db, isolation_level=None, timeout=BUSY_TIMEOUT_S)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            # A build's transaction outgrows SQLite's 2 MB page cache: pages then spill to the WAL before the
            # commit and are written again, and temporary b-trees go to files (a 1 MB build wrote several
            # hundred MB for a 17 MB store, 2-3 s of system time). 64 MB is taken only as pages are used.
            conn.execute("PRAGMA cache_size=-65536")
            conn.execute("PRAGMA temp_store=MEMORY")
            conn.execute("PRAGMA foreign_keys=OFF")
            # One write transaction, so a second process opening the same new store waits for the
            # whole schema instead of seeing half of it.
            conn.executescript(f"BEGIN IMMEDIATE;{_SCHEMA}{_VERSION_TRIGGERS}{_CLUSTERS}{_TALLIES}")
            try:
                if not tallies_kept(conn) or not clusters_kept(conn):  # a store from before them, or added to
                    count_tallies(conn)                                   # by a writer not keeping them
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")
            conn.execute("INSERT OR IGNORE INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))
            conn.execute("INSERT OR IGNORE INTO meta VALUES ('uid', lower(hex(randomblob(16))))")
            row = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
            if int(row[0]) > SCHEMA_VERSION:
                raise StoreError(f"{folder} was written by a newer kg (schema {row[0]} > {SCHEMA_VERSION})")
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{db}: not a kg store ({exc})") from exc
    return Store(conn, folder)


@contextmanager
def _opening_lock(folder: Path) -> Iterator[None]:
    """Serialise the opening of one store across processes.

    SQLite answers "database is locked" at once, without waiting, when two connections switch a new
    file to WAL at the same moment; builds started together on a fresh store then failed. An
    advisory lock on a file beside the database makes the second opener wait instead. Where the
    folder is read-only or `fcntl` is missing (Windows), opening goes on unserialised."""
    try:
        import fcntl
        handle = open(folder / ".open.lock", "a")  # noqa: SIM115 - closed in finally
    except (ImportError, OSError):
        yield
        return
    try:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield
    finally:
        handle.close()


def write_article(
    store: Store,
    article: Article,
    entities: Iterable[ResolvedEntity],
    relations: Iterable[ResolvedRelation],
    normalize: Any,
    *,
    regrouped: bool = False,
) -> bool:
    """Record one article and what it said, all in one transaction. False if already there.

    `normalize` maps a name to its matching key (passed in so the store does not depend on the
    text-processing stack). `regrouped`: the caller re-clusters the people and organisations of the
    article afterwards, which names them (`Store.refresh_entities`).
    """
    article_id = article.id  # a hash of the whole text: computed once, not once per fact
    with store.transaction() as conn:
        if conn.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone():
            return False
        store.insert_article(conn, article)
        touched_entities: set[str] = set()
        aliases: list[tuple[str, str, str, str]] = []
        mentions: list[tuple[Any, ...]] = []
        for ent in entities:
            _upsert_entity(conn, ent, article_id, normalize, aliases, mentions)
            touched_entities.add(ent.id)
        # one statement each for the article's aliases and mentions, in the order the entities gave them
        conn.executemany("INSERT OR IGNORE INTO aliases VALUES (?, ?, ?, ?)", aliases)
        insert_mentions(conn, mentions)  # a long article names one firm thousands of times
        # one statement for all rows: a fact-dense article states a fact per sentence, tens of thousands
        relations = list(relations)
        touched_relations = {rel.id for rel in relations}
        conn.executemany(
            "INSERT OR IGNORE INTO relations (id, type, source, target, props) VALUES (?, ?, ?, ?, '{}')",
            [(rel.id, rel.type, rel.source, rel.target) for rel in relations],
        )
        insert_relation_sources(
            conn, [(rel.id, article_id, p.sentence, p.span_start, p.span_end, p.method, p.confidence, p.evidence,
                    canonical_json(rel.props)) for rel in relations for p in (rel.provenance,)])
        store.sync_records(conn, [(entity_id, article_id) for entity_id in touched_entities])
        store.refresh_relations_by_commit(conn, touched_relations)
        store.refresh_entities(conn, touched_entities, regrouped=regrouped)
    return True


def _upsert_entity(conn: sqlite3.Connection, ent: ResolvedEntity, article_id: str, normalize: Any,
                   aliases: list[tuple[str, str, str, str]], mentions: list[tuple[Any, ...]]) -> None:
    """Insert the entity or merge its attributes; its alias and mention rows go to `aliases` and
    `mentions`, which the caller writes for the whole article at once."""
    row = conn.execute("SELECT attrs FROM entities WHERE id = ?", (ent.id,)).fetchone()
    if row is None:
        conn.execute(
            "INSERT INTO entities (id, root, name, gazetteer_key, types, attrs) VALUES (?, ?, ?, ?, ?, ?)",
            (ent.id, ent.root, ent.name, ent.key, canonical_json(sorted(ent.types)), canonical_json(ent.attrs)),
        )
    else:
        attrs = json.loads(row[0])
        merged = {**ent.attrs, **attrs}  # what the store knew first stays; new keys are added
        if merged != attrs:
            conn.execute("UPDATE entities SET attrs = ? WHERE id = ?", (canonical_json(merged), ent.id))
    aliases += [(ent.id, alias, normalize(alias), article_id) for alias in ent.names]
    aliases += [(ent.id, alias, normalize(alias), GAZETTEER if ent.key else article_id)
                for alias in (*ent.known_aliases, ent.name)]
    joined_types = ",".join(sorted(ent.types))
    mentions += [(ent.id, article_id, joined_types, src.evidence or ent.names[0], src.sentence, src.span_start,
                  src.span_end, src.method, src.confidence) for src in ent.sources]
