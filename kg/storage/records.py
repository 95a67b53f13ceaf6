"""The store's tables as records, row for row: what RDF export streams out and `kg import` writes back.

Export reads every table in a fixed order (the same file for the same store); import writes a whole dump
in the caller's transaction. Rows are the tables' columns, in the order the schema (`kg.store`) gives.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from typing import Any

from kg.json_text import canonical_json
from kg.storage.tallies import insert_article_counted, insert_mentions, insert_relation_sources


class RecordStatements:
    """`Store` methods over whole tables (mixed into `kg.store.Store`)."""

    connection: sqlite3.Connection

    # -- reading, for export ------------------------------------------------------------------------
    def article_records(self) -> Iterator[tuple[str, str | None, str | None, str | None, str | None, str | None,
                                                int, str]]:
        """(id, path, title, published, url, lang, chars, added) of every article, by id."""
        yield from self.connection.execute(
            "SELECT id, path, title, published, url, lang, chars, added FROM articles ORDER BY id")

    def entity_records(self) -> Iterator[tuple[str, str | None, str, str]]:
        """(id, gazetteer key, types JSON, attrs JSON) of every entity, by id."""
        yield from self.connection.execute("SELECT id, gazetteer_key, types, attrs FROM entities ORDER BY id")

    def alias_records(self) -> Iterator[tuple[str, str, str]]:
        """(entity, alias, article) of every alias, sorted."""
        yield from self.connection.execute(
            "SELECT entity_id, alias, article_id FROM aliases ORDER BY entity_id, alias, article_id")

    def mention_records(self) -> Iterator[tuple[Any, ...]]:
        """(entity, article, types, surface, sentence, start, end, method, confidence) of every mention,
        by entity and article, then in the order they were written."""
        yield from self.connection.execute(
            "SELECT entity_id, article_id, type, surface, sentence, span_start, span_end, method, confidence"
            " FROM mentions ORDER BY entity_id, article_id, rowid")

    def relation_props_records(self) -> Iterator[tuple[str, str]]:
        """(id, merged props JSON) of every relation, by id."""
        yield from self.connection.execute("SELECT id, props FROM relations ORDER BY id")

    def relation_source_records(self) -> Iterator[tuple[Any, ...]]:
        """(relation, article, sentence, start, end, method, confidence, evidence, props JSON) of every
        relation source, by relation and article, then in the order they were written."""
        yield from self.connection.execute(
            "SELECT relation_id, article_id, sentence, span_start, span_end, method, confidence, evidence, props"
            " FROM relation_sources ORDER BY relation_id, article_id, rowid")

    def article_ids(self) -> set[str]:
        return {r[0] for r in self.connection.execute("SELECT id FROM articles")}

    # -- writing, for import (inside the caller's transaction) ---------------------------------------
    def insert_article_record(self, conn: sqlite3.Connection, row: tuple[Any, ...]) -> None:
        """One article: (id, path, title, published, url, lang, chars, added, text)."""
        insert_article_counted(conn, row)

    def merge_entity_record(self, conn: sqlite3.Connection, entity_id: str, root: str, name: str, key: str | None,
                            types: list[str], attrs: dict[str, Any]) -> None:
        """Add an entity, or merge into the one stored: the stored attributes win, types are joined."""
        row = conn.execute("SELECT attrs, types FROM entities WHERE id = ?", (entity_id,)).fetchone()
        if row is None:
            conn.execute(
                "INSERT INTO entities (id, root, name, gazetteer_key, types, attrs) VALUES (?, ?, ?, ?, ?, ?)",
                (entity_id, root, name, key, canonical_json(sorted(types)), canonical_json(attrs)))
            return
        stored = json.loads(row[0])
        merged = {**attrs, **stored}  # what the store knew first stays, as in a build
        conn.execute("UPDATE entities SET attrs = ?, types = ? WHERE id = ?",
                     (canonical_json(merged), canonical_json(sorted(set(json.loads(row[1])) | set(types))), entity_id))

    def insert_alias_records(self, conn: sqlite3.Connection, rows: Iterable[tuple[str, str, str, str]]) -> None:
        """(entity, alias, normalised alias, article) rows; one already there is left as it is."""
        conn.executemany("INSERT OR IGNORE INTO aliases VALUES (?, ?, ?, ?)", rows)

    def insert_mention_records(self, conn: sqlite3.Connection, rows: Iterable[tuple[Any, ...]]) -> None:
        """(entity, article, types, surface, sentence, start, end, method, confidence) rows, in order."""
        insert_mentions(conn, rows)

    def insert_relation_record(self, conn: sqlite3.Connection, rel_id: str, rel_type: str, source: str,
                               target: str, props: dict[str, Any]) -> None:
        """A relation unless one with this id is there (its properties are recomputed from its sources)."""
        conn.execute("INSERT OR IGNORE INTO relations (id, type, source, target, props) VALUES (?, ?, ?, ?, ?)",
                     (rel_id, rel_type, source, target, canonical_json(props)))

    def insert_relation_source_records(self, conn: sqlite3.Connection, rows: Iterable[tuple[Any, ...]]) -> None:
        """(relation, article, sentence, start, end, method, confidence, evidence, props JSON) rows, in order."""
        insert_relation_sources(conn, rows)
