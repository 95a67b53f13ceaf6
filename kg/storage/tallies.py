"""The store's tallies (issue 13, linear builds): counts kept by delta, so that writing an article costs
what the article says, not what the store already holds about the entities and facts it names.

Per entity, its mentions counted by spelling and classes (`entity_surfaces`: its types and display name
come from these) and its aliases counted by normalised form (`entity_norms`: who shares a name with
whom); per fact, its sources counted by the properties they state (`relation_variants`: a fact all of
whose sources say the same needs only its most confident one to be merged).

Who keeps them:
- rows removed or moved (removal, resolution's moves, an entity dropped): triggers, whoever writes;
- aliases added: a trigger too (`INSERT OR IGNORE`: only the rows really added count, which the trigger
  sees; an article adds as many alias rows as it has names, a few);
- mentions and relation sources added: the writer, one upsert per distinct key of what it wrote
  (`insert_mentions`, `insert_relation_sources`), not a trigger. A trigger runs a program per row, and
  a long article adds a row per mention: the 2 MB line of one repeated sentence adds 116,508 mentions
  of two spellings, and their trigger took the store's part of that build from 2.3 to 3.7 s of CPU.

So a writer that does not know this (a `kg` from before the tallies, raw SQL) would add mentions and
sources without counting them. Each article it adds says so: a trigger on `articles` takes `tallies`
out of `meta`, and the writers here put it back once the article's rows are counted
(`insert_article_counted`). The tallies are trusted only while `meta` holds `tallies`; otherwise they
are counted again from the rows (`count_tallies`), when the store is opened or the next article is added.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

from kg.storage.clusters import count_clusters

SCHEMA = """
CREATE TABLE IF NOT EXISTS entity_surfaces (
    entity_id TEXT NOT NULL, surface TEXT NOT NULL, type TEXT NOT NULL, n INTEGER NOT NULL,
    PRIMARY KEY (entity_id, surface, type)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS entity_norms (
    entity_id TEXT NOT NULL, norm TEXT NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (entity_id, norm)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS entity_norms_norm ON entity_norms (norm);
CREATE TABLE IF NOT EXISTS relation_variants (
    relation_id TEXT NOT NULL, props TEXT NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (relation_id, props)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS relation_sources_order ON relation_sources
    (relation_id, confidence DESC, article_id, span_start);
DROP TRIGGER IF EXISTS mentions_insert_tally;
DROP TRIGGER IF EXISTS relation_sources_insert_tally;
CREATE TRIGGER IF NOT EXISTS articles_insert_tally AFTER INSERT ON articles
    BEGIN DELETE FROM meta WHERE key = 'tallies'; END;
CREATE TRIGGER IF NOT EXISTS articles_insert_clusters AFTER INSERT ON articles
    BEGIN DELETE FROM meta WHERE key = 'clusters'; END;
CREATE TRIGGER IF NOT EXISTS articles_delete_clusters AFTER DELETE ON articles
    BEGIN DELETE FROM meta WHERE key = 'clusters'; END;
"""


def _upsert(tally: str, key: Sequence[str]) -> str:
    return (f"INSERT INTO {tally} VALUES ({', '.join('?' * (len(key) + 1))})"
            f" ON CONFLICT ({', '.join(key)}) DO UPDATE SET n = n + excluded.n")


def _triggers(table: str, tally: str, key: tuple[str, ...], *, on_insert: bool) -> str:
    """Triggers that keep `tally` (`key` columns, then a count `n`) equal to `table`'s rows counted by
    `key` when rows are deleted or their key changes (and, `on_insert`, added)."""
    match = " AND ".join(f"{k} = OLD.{k}" for k in key)
    add = (f"INSERT INTO {tally} VALUES ({', '.join(f'NEW.{k}' for k in key)}, 1)"
           f" ON CONFLICT ({', '.join(key)}) DO UPDATE SET n = n + 1;")
    drop = f"UPDATE {tally} SET n = n - 1 WHERE {match}; DELETE FROM {tally} WHERE {match} AND n <= 0;"
    inserted = (f"CREATE TRIGGER IF NOT EXISTS {table}_insert_tally AFTER INSERT ON {table} BEGIN {add} END;\n"
                if on_insert else "")
    return (inserted
            + f"CREATE TRIGGER IF NOT EXISTS {table}_delete_tally AFTER DELETE ON {table} BEGIN {drop} END;\n"
            + f"CREATE TRIGGER IF NOT EXISTS {table}_update_tally AFTER UPDATE OF {', '.join(key)} ON {table}"
            f" BEGIN {drop} {add} END;\n")


SCHEMA += "".join((
    _triggers("mentions", "entity_surfaces", ("entity_id", "surface", "type"), on_insert=False),
    _triggers("aliases", "entity_norms", ("entity_id", "norm"), on_insert=True),
    _triggers("relation_sources", "relation_variants", ("relation_id", "props"), on_insert=False),
))

#: Every tally counted again from the rows it counts (a store from before the tallies, or one a writer
#: that does not keep them added articles to), in the caller's transaction.
_COUNT = (
    "DELETE FROM entity_surfaces",
    "INSERT INTO entity_surfaces SELECT entity_id, surface, type, COUNT(*) FROM mentions"
    " GROUP BY entity_id, surface, type",
    "DELETE FROM entity_norms",
    "INSERT INTO entity_norms SELECT entity_id, norm, COUNT(*) FROM aliases GROUP BY entity_id, norm",
    "DELETE FROM relation_variants",
    "INSERT INTO relation_variants SELECT relation_id, props, COUNT(*) FROM relation_sources"
    " GROUP BY relation_id, props",
    "INSERT OR IGNORE INTO meta VALUES ('tallies', '1')",
)

_MENTIONS = "INSERT INTO mentions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
_SOURCES = "INSERT INTO relation_sources VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
_ARTICLE = ("INSERT INTO articles (id, path, title, published, url, lang, chars, added, text)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")


#: How organisations' ids are minted (`kg.regroup.org_id_name`): a store whose ids were minted another
#: way (before 2026-12: from the name most articles use) has every entity regrouped in full the next time
#: an article names it, which gives it the id of today's rule.
ORG_IDS = "shortest-name"


def tallies_kept(conn: sqlite3.Connection) -> bool:
    """Whether the tallies (and the sums of `kg.storage.clusters`) equal what they count (nobody added or
    removed an article without counting it), and the organisations' ids were minted by today's rule."""
    marks = conn.execute("SELECT COUNT(*) FROM meta WHERE key IN ('tallies', 'clusters')").fetchone()[0]
    rule = conn.execute("SELECT value FROM meta WHERE key = 'org_ids'").fetchone()
    return marks == 2 and rule is not None and rule[0] == ORG_IDS


def count_tallies(conn: sqlite3.Connection) -> None:
    """Count every tally (and the sums of `kg.storage.clusters`) again from its rows, in the caller's
    transaction."""
    for statement in _COUNT:
        conn.execute(statement)
    count_clusters(conn)
    keep_tallies(conn)


def keep_tallies(conn: sqlite3.Connection) -> None:
    """Say the tallies and sums are kept again (after an article added or removed with them counted)."""
    conn.execute("INSERT OR IGNORE INTO meta VALUES ('tallies', '1')")
    conn.execute("INSERT OR IGNORE INTO meta VALUES ('clusters', '1')")
    conn.execute("INSERT OR REPLACE INTO meta VALUES ('org_ids', ?)", (ORG_IDS,))


def insert_article_counted(conn: sqlite3.Connection, row: tuple[Any, ...]) -> None:
    """Add an article (id, path, title, published, url, lang, chars, added, text) whose mentions and
    sources the caller adds with `insert_mentions` and `insert_relation_sources`: the tallies are counted
    first if a writer that does not keep them added articles since, and stay trusted afterwards."""
    if not tallies_kept(conn):
        count_tallies(conn)
    conn.execute(_ARTICLE, row)
    keep_tallies(conn)  # the trigger took them out


def insert_mentions(conn: sqlite3.Connection, rows: Iterable[tuple[Any, ...]]) -> None:
    """(entity, article, types, surface, sentence, start, end, method, confidence) rows, in order, and
    their count in `entity_surfaces`: one statement for all rows (a long article names one firm thousands
    of times), one upsert per entity, spelling and classes."""
    rows = list(rows)
    if not rows:
        return
    conn.executemany(_MENTIONS, rows)
    counts = Counter((row[0], row[3], row[2]) for row in rows)
    conn.executemany(_upsert("entity_surfaces", ("entity_id", "surface", "type")),
                     [(*key, n) for key, n in counts.items()])


def insert_relation_sources(conn: sqlite3.Connection, rows: Iterable[tuple[Any, ...]]) -> None:
    """(relation, article, sentence, start, end, method, confidence, evidence, props JSON) rows, in order,
    and their count in `relation_variants`: one upsert per fact and properties stated."""
    rows = list(rows)
    if not rows:
        return
    conn.executemany(_SOURCES, rows)
    counts = Counter((row[0], row[8]) for row in rows)
    conn.executemany(_upsert("relation_variants", ("relation_id", "props")),
                     [(*key, n) for key, n in counts.items()])
