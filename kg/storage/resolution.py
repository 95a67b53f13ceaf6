"""What entity resolution (`kg.resolve`) reads from the store and rewrites in it.

Resolution regroups records (what one article says about one entity) into entities after each article,
inside the writer's transaction: the methods that take `conn` run on it. Each is one statement.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from typing import Any

from kg.storage.views import IDS, id_list


def _marks(values: Sequence[Any]) -> str:
    return ",".join("?" * len(values))


class ResolutionStatements:
    """`Store` methods for `kg.resolve` (mixed into `kg.store.Store`)."""

    connection: sqlite3.Connection

    # -- reading --------------------------------------------------------------------------------------
    def relation_targets(self, source: str, types: Sequence[str]) -> set[str]:
        """Targets of the relations of these types from `source`."""
        rows = self.connection.execute(
            f"SELECT DISTINCT target FROM relations WHERE source = ? AND type IN ({_marks(types)})",
            (source, *types),
        )
        return {r[0] for r in rows}

    def sources_of_relations_into(self, conn: sqlite3.Connection, targets: Sequence[str],
                                  types: Sequence[str]) -> set[str]:
        """Sources of the relations of these types into any of `targets`."""
        return {r[0] for r in conn.execute(
            f"SELECT DISTINCT source FROM relations WHERE target IN ({_marks(targets)})"
            f" AND type IN ({_marks(types)})", (*targets, *types))}

    def surface_counts_in(self, conn: sqlite3.Connection,
                          entity_ids: Sequence[str]) -> Iterator[tuple[str, str, str, int]]:
        """(entity, article, surface, mentions) for these entities: one statement for a whole pool."""
        yield from conn.execute(
            "SELECT entity_id, article_id, surface, COUNT(*) FROM mentions"
            f" WHERE entity_id IN {IDS} GROUP BY entity_id, article_id, surface", (id_list(entity_ids),))

    def alias_rows_in(self, conn: sqlite3.Connection, entity_ids: Sequence[str]) -> Iterator[tuple[str, str, str, str]]:
        """(entity, article, alias, normalised alias) for these entities."""
        yield from conn.execute(f"SELECT entity_id, article_id, alias, norm FROM aliases WHERE entity_id IN {IDS}",
                                (id_list(entity_ids),))

    def unkeyed_of_root(self, conn: sqlite3.Connection, entity_ids: Sequence[str], root: str) -> set[str]:
        """Those of `entity_ids` that exist under `root` and that the gazetteer does not know."""
        return {r[0] for r in conn.execute(
            f"SELECT id FROM entities WHERE id IN {IDS} AND root = ? AND gazetteer_key IS NULL",
            (id_list(entity_ids), root))}

    def norms_of(self, conn: sqlite3.Connection, entity_ids: Sequence[str]) -> set[str]:
        """The normalised aliases of these entities (from their tally: as many rows as names, not articles)."""
        return {r[0] for r in conn.execute(f"SELECT norm FROM entity_norms WHERE entity_id IN {IDS}",
                                           (id_list(entity_ids),))}

    def unkeyed_with_norms(self, conn: sqlite3.Connection, norms: Sequence[str], root: str) -> set[str]:
        """Entities under `root` the gazetteer does not know that have an alias with one of these normalised forms."""
        return {r[0] for r in conn.execute(
            "SELECT n.entity_id FROM entity_norms n JOIN entities e ON e.id = n.entity_id"
            f" WHERE n.norm IN {IDS} AND e.root = ? AND e.gazetteer_key IS NULL", (id_list(norms), root))}

    def tie_targets_in(self, conn: sqlite3.Connection, sources: Sequence[str],
                       types: Sequence[str]) -> Iterator[tuple[str, str, str]]:
        """(source, article, target) of each source of the relations of these types from `sources`."""
        yield from conn.execute(
            "SELECT r.source, s.article_id, r.target FROM relations r JOIN relation_sources s ON s.relation_id = r.id"
            f" WHERE r.source IN {IDS} AND r.type IN ({_marks(types)})",
            (id_list(sources), *types),
        )

    def entity_name(self, conn: sqlite3.Connection, entity_id: str) -> str:
        return conn.execute("SELECT name FROM entities WHERE id = ?", (entity_id,)).fetchone()[0]

    def entity_attrs_json(self, conn: sqlite3.Connection, entity_id: str) -> str:
        return conn.execute("SELECT attrs FROM entities WHERE id = ?", (entity_id,)).fetchone()[0]

    def article_sources_touching(self, conn: sqlite3.Connection, article_id: str,
                                 entity_id: str) -> list[tuple[int, str, str, str, str, str]]:
        """(source rowid, relation, type, source, target, props JSON) of what `article_id` states about
        `entity_id` (as either end)."""
        return conn.execute(
            "SELECT s.rowid, r.id, r.type, r.source, r.target, s.props FROM relation_sources s"
            " JOIN relations r ON r.id = s.relation_id WHERE s.article_id = ? AND (r.source = ? OR r.target = ?)",
            (article_id, entity_id, entity_id),
        ).fetchall()

    # -- rewriting, in the writer's transaction ---------------------------------------------------------
    def copy_entity(self, conn: sqlite3.Connection, new_id: str, name: str, like: str) -> None:
        """A new entity `new_id` called `name`, of the root, types and attributes of `like`, unless there is one."""
        if conn.execute("SELECT 1 FROM entities WHERE id = ?", (new_id,)).fetchone() is None:
            conn.execute(
                "INSERT INTO entities (id, root, name, gazetteer_key, types, attrs)"
                " SELECT ?, root, ?, NULL, types, attrs FROM entities WHERE id = ?", (new_id, name, like))

    def set_entity_name(self, conn: sqlite3.Connection, entity_id: str, name: str) -> None:
        conn.execute("UPDATE entities SET name = ? WHERE id = ?", (name, entity_id))

    def rename_entity(self, conn: sqlite3.Connection, entity_id: str, name: str) -> None:
        """Like `set_entity_name`, but touches (and versions) the row only when the name changes."""
        conn.execute("UPDATE entities SET name = ? WHERE id = ? AND name != ?", (name, entity_id, name))

    def replace_entity_attrs(self, conn: sqlite3.Connection, entity_id: str, attrs_json: str) -> None:
        """Set the attributes JSON, touching the row only when it changes."""
        conn.execute("UPDATE entities SET attrs = ? WHERE id = ? AND attrs != ?", (attrs_json, entity_id, attrs_json))

    def move_article_records(self, conn: sqlite3.Connection, old_id: str, new_id: str, article_id: str) -> None:
        """What `article_id` says about `old_id` (mentions, aliases) now says it about `new_id`."""
        conn.execute("UPDATE mentions SET entity_id = ? WHERE entity_id = ? AND article_id = ?",
                     (new_id, old_id, article_id))
        conn.execute("UPDATE OR IGNORE aliases SET entity_id = ? WHERE entity_id = ? AND article_id = ?",
                     (new_id, old_id, article_id))
        conn.execute("DELETE FROM aliases WHERE entity_id = ? AND article_id = ?", (old_id, article_id))

    def insert_relation_stub(self, conn: sqlite3.Connection, rel_id: str, rel_type: str, source: str,
                             target: str) -> None:
        """A relation with no properties yet (`refresh_relations` merges them from its sources)."""
        conn.execute("INSERT OR IGNORE INTO relations (id, type, source, target, props) VALUES (?, ?, ?, ?, '{}')",
                     (rel_id, rel_type, source, target))

    def repoint_relation_source(self, conn: sqlite3.Connection, rowid: int, rel_id: str) -> None:
        conn.execute("UPDATE relation_sources SET relation_id = ? WHERE rowid = ?", (rel_id, rowid))
