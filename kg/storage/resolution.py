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
    def tied_to_any(self, sources: Sequence[str], targets: Sequence[str], types: Sequence[str]) -> set[str]:
        """Those of `sources` with a relation of one of these types to one of `targets` (each source's
        relations by its index, in one statement for all of them)."""
        return {r[0] for r in self.connection.execute(
            f"SELECT DISTINCT r.source FROM json_each(?) j CROSS JOIN relations r ON r.source = j.value"
            f" WHERE r.target IN {IDS} AND r.type IN ({_marks(types)})",
            (id_list(sources), id_list(targets), *types))}

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

    def name_pool(self, conn: sqlite3.Connection, seeds: Sequence[str], root: str) -> set[str]:
        """The entities under `root` the gazetteer does not know that share a normalised alias with one
        of `seeds` (themselves such entities), directly or through others: one recursive statement.

        The walk alternates entities and names, and each is reached once (UNION drops what was
        reached before), so the cost is the pool's entities and names, not namesakes times names (a
        name shared by a thousand namesakes is expanded once, not once per namesake)."""
        return {r[0] for r in conn.execute(
            "WITH RECURSIVE reach(kind, v) AS ("
            "  SELECT 'e', e.id FROM json_each(?) j CROSS JOIN entities e ON e.id = j.value"
            "   WHERE e.root = ?2 AND e.gazetteer_key IS NULL"
            "  UNION SELECT 'n', a.norm FROM reach r CROSS JOIN entity_norms a ON a.entity_id = r.v"
            "   WHERE r.kind = 'e'"
            "  UNION SELECT 'e', e.id FROM reach r CROSS JOIN entity_norms b ON b.norm = r.v"
            "   CROSS JOIN entities e ON e.id = b.entity_id"
            "   WHERE r.kind = 'n' AND e.root = ?2 AND e.gazetteer_key IS NULL"
            ") SELECT v FROM reach WHERE kind = 'e'", (id_list(seeds), root))}

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

    def copy_entity(self, conn: sqlite3.Connection, new_id: str, name: str, like: str) -> None:
        """A new entity `new_id` called `name`, of the root, types and attributes of `like`, unless there is one."""
        if conn.execute("SELECT 1 FROM entities WHERE id = ?", (new_id,)).fetchone() is None:
            conn.execute(
                "INSERT INTO entities (id, root, name, gazetteer_key, types, attrs)"
                " SELECT ?, root, ?, NULL, types, attrs FROM entities WHERE id = ?", (new_id, name, like))

    def rename_entity(self, conn: sqlite3.Connection, entity_id: str, name: str) -> None:
        """Call the entity `name`, touching (and versioning) its row only when the name changes."""
        conn.execute("UPDATE entities SET name = ? WHERE id = ? AND name != ?", (name, entity_id, name))

    def replace_entity_attrs(self, conn: sqlite3.Connection, entity_id: str, attrs_json: str) -> None:
        """Set the attributes JSON, touching the row only when it changes."""
        conn.execute("UPDATE entities SET attrs = ? WHERE id = ? AND attrs != ?", (attrs_json, entity_id, attrs_json))

    def move_records_of(self, conn: sqlite3.Connection, old_id: str, new_id: str, articles: Sequence[str]) -> None:
        """What these articles say about `old_id` (mentions, aliases) now says it about `new_id`: three
        statements for all of them. The rows are found by article (`+entity_id`): by entity, moving a firm
        named in thousands of articles a few records at a time would read all its aliases each time."""
        listed = id_list(articles)
        conn.execute(f"UPDATE mentions SET entity_id = ? WHERE +entity_id = ? AND article_id IN {IDS}",
                     (new_id, old_id, listed))
        conn.execute(f"UPDATE OR IGNORE aliases SET entity_id = ? WHERE +entity_id = ? AND article_id IN {IDS}",
                     (new_id, old_id, listed))
        conn.execute(f"DELETE FROM aliases WHERE +entity_id = ? AND article_id IN {IDS}", (old_id, listed))

    def sources_touching(self, conn: sqlite3.Connection, entity_id: str,
                         articles: Sequence[str]) -> list[tuple[int, str, str, str, str, str, str]]:
        """(source rowid, relation, type, source, target, props JSON, article) of what these articles state
        about `entity_id` (as either end): each article's sources, not every fact of the entity."""
        return conn.execute(
            "SELECT s.rowid, r.id, r.type, r.source, r.target, s.props, s.article_id FROM json_each(?) j"
            " CROSS JOIN relation_sources s ON s.article_id = j.value CROSS JOIN relations r ON r.id = s.relation_id"
            " WHERE r.source = ? OR r.target = ?", (id_list(articles), entity_id, entity_id)).fetchall()

    def insert_relation_stubs(self, conn: sqlite3.Connection, rows: Sequence[tuple[str, str, str, str]]) -> None:
        """(id, type, source, target) relations with no properties yet, unless there (`Store.refresh_relations`
        merges them from their sources)."""
        conn.executemany("INSERT OR IGNORE INTO relations (id, type, source, target, props) VALUES (?, ?, ?, ?, '{}')",
                         rows)

    def repoint_relation_sources(self, conn: sqlite3.Connection, rows: Sequence[tuple[str, int]]) -> None:
        """(relation, source rowid): each source now states that relation."""
        conn.executemany("UPDATE relation_sources SET relation_id = ? WHERE rowid = ?", rows)
