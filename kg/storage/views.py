"""What the named queries read to build the part of the view they need (`kg.queries.storeview`,
`kg.queries.indexed`): relations by type and end, entities by id, names and aliases by index.

Id lists reach SQLite as one JSON parameter (`json_each`), of any length. A relation filter on type and
an end seeks both in the index of that end, (source, type, target) or (target, type, source), which
also holds the other end: asking for the ends of a company's INVESTED_IN edges reads no table row. With
no end it uses the type index.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from kg.model import Entity, Relation, Source
from kg.terms import R

IDS = "(SELECT value FROM json_each(?))"  # an id list as one parameter, of any length

#: one entity id, or any number of them
Ends = str | Iterable[str]


def id_list(values: Iterable[str]) -> str:
    """Ids as the JSON parameter `IDS` reads."""
    return json.dumps(sorted(set(values)), ensure_ascii=False)


def _where(types: Sequence[str] | None, source: Ends | None, target: Ends | None,
           type_index: bool | None = None) -> tuple[str, list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    ends = [(column, value) for column, value in (("source", source), ("target", target)) if value is not None]
    if types is not None:
        column = "+type" if type_index is False else "type"
        clauses.append(f"{column} = ?" if len(types) == 1 else f"{column} IN ({','.join('?' * len(types))})")
        params += types
    for column, value in ends:
        if isinstance(value, str):
            clauses.append(f"{column} = ?")
            params.append(value)
        else:
            clauses.append(f"{column} IN {IDS}")
            params.append(id_list(value))
    return " AND ".join(clauses), params


#: JSON types whose value `json_extract` gives exactly as Python's `json.loads` reads it (a real may be
#: parsed to another last digit, a boolean comes back as 0 or 1, a list or object as its text)
_PLAIN_TYPES = ("text", "integer", "null")


def plain_sql(keys: Sequence[str], types: Sequence[str] = _PLAIN_TYPES) -> str:
    """SQL: true when every property of `keys` is absent or of one of these JSON `types`."""
    allowed = ", ".join(f"'{t}'" for t in types)
    return " AND ".join(f"coalesce(json_type(props, '$.{key}'), 'null') IN ({allowed})" for key in keys)


def values_sql(keys: Sequence[str]) -> str:
    """SQL columns: the value of each property of `keys`, then the whole properties when one is not plain."""
    return ", ".join([*(f"json_extract(props, '$.{key}')" for key in keys),
                      f"CASE WHEN {plain_sql(keys)} THEN NULL ELSE props END"])


def round_groups_sql(where: str = "") -> str:
    """`ViewStatements.round_groups`' statement over the INVESTED_IN relations `where` picks (a condition
    ending in AND, or nothing for all): (company, round, relations, all plain, date, currencies, first id
    with a currency). The date is the longest, then the least, of the non-empty dates: one text to take
    the least of."""
    return ("SELECT company, round, count(*), min(plain), substr(min(date), 9), count(currency),"
            " min(CASE WHEN currency THEN id END) FROM (SELECT target AS company, id,"
            " json_extract(props, '$.round') AS round,"
            f" {plain_sql(('round', 'date', 'currency'), ('text', 'null'))} AS plain,"
            " CASE WHEN json_extract(props, '$.date') != '' THEN printf('%08d', 99999999 - length(json_extract("
            "props, '$.date'))) || json_extract(props, '$.date') END AS date,"
            " CASE WHEN json_extract(props, '$.currency') != '' THEN 1 END AS currency"
            f" FROM relations WHERE {where}type = 'INVESTED_IN') GROUP BY company, round")


def read_values(values: Sequence[Any], keys: Sequence[str]) -> tuple[Any, ...]:
    """The columns of `values_sql` as `props.get(key)` reads each property."""
    *plain, props = values
    if props is None:
        return tuple(plain)
    loaded = json.loads(props)
    return tuple(loaded.get(key) for key in keys)


class ViewStatements:
    """`Store` methods for the partial views of the named queries (mixed into `kg.store.Store`)."""

    connection: sqlite3.Connection

    # -- entities -------------------------------------------------------------------------------------
    def entities_in(self, ids: Iterable[str]) -> list[Entity]:
        """The entities with these ids, as `Store.entities` gives them."""
        wanted = id_list(ids)
        aliases: dict[str, set[str]] = {}
        for entity_id, alias in self.connection.execute(
                f"SELECT entity_id, alias FROM aliases WHERE entity_id IN {IDS}", (wanted,)):
            aliases.setdefault(entity_id, set()).add(alias)
        type_lists: dict[str, list[str]] = {}  # a few dozen distinct ones: each parsed once
        out = []
        for i, name, types, attrs in self.connection.execute(
                f"SELECT id, name, types, attrs FROM entities WHERE id IN {IDS} ORDER BY id", (wanted,)):
            if types not in type_lists:
                type_lists[types] = json.loads(types)
            out.append(Entity(id=i, types=list(type_lists[types]), name=name,
                              aliases=sorted(aliases.get(i, set()) - {name}), attrs=json.loads(attrs)))
        return out

    def entity_types_in(self, ids: Iterable[str]) -> Iterator[tuple[str, str]]:
        """(id, types JSON) of the entities with these ids."""
        yield from self.connection.execute(f"SELECT id, types FROM entities WHERE id IN {IDS}", (id_list(ids),))

    def entity_names_in(self, ids: Iterable[str]) -> dict[str, str]:
        """id -> name of the entities with these ids."""
        return dict(self.connection.execute(f"SELECT id, name FROM entities WHERE id IN {IDS}", (id_list(ids),)))

    def entity_names_and_types(self) -> Iterator[tuple[str, str, str]]:
        """(id, name, types JSON) of every entity."""
        yield from self.connection.execute("SELECT id, name, types FROM entities")

    def distinct_entity_types(self) -> list[str]:
        """Every types JSON some entity has, once (a few dozen: what labels an entity gets depends on them)."""
        return [t for (t,) in self.connection.execute("SELECT DISTINCT types FROM entities")]

    def entities_of_types(self, types: Iterable[str]) -> list[tuple[str, str, str]]:
        """(id, name, types JSON) of the entities whose types JSON is one of `types`, in id order."""
        return self.connection.execute(f"SELECT id, name, types FROM entities WHERE types IN {IDS} ORDER BY id",
                                       (id_list(types),)).fetchall()

    def entities_typed_like(self, classes: Sequence[str]) -> Iterator[tuple[str, str, str]]:
        """(id, types JSON, attrs JSON) of the entities whose types name one of `classes` (a text match:
        callers check the types)."""
        like = " OR ".join("types LIKE ?" for _ in classes)
        yield from self.connection.execute(f"SELECT id, types, attrs FROM entities WHERE {like}",
                                           [f'%"{c}"%' for c in classes])

    def entities_named_without_alias(self) -> Iterator[tuple[str, str]]:
        """(id, name) of the entities whose name has no alias row (the alias index misses them)."""
        yield from self.connection.execute(
            "SELECT e.id, e.name FROM entities e WHERE NOT EXISTS"
            " (SELECT 1 FROM aliases a WHERE a.entity_id = e.id AND a.alias = e.name)")

    def entities_with_norm(self, norm: str) -> Iterator[str]:
        """Entities with an alias of this normalised form (once per alias row)."""
        for r in self.connection.execute("SELECT entity_id FROM aliases WHERE norm = ?", (norm,)):
            yield r[0]

    def entities_with_norm_prefix(self, prefix: str) -> Iterator[str]:
        """Entities with an alias whose normalised form starts with `prefix` (a range over the index)."""
        for r in self.connection.execute("SELECT DISTINCT entity_id FROM aliases WHERE norm >= ? AND norm < ?",
                                         (prefix, prefix + "\U0010ffff")):
            yield r[0]

    def first_mentions_of(self, entity_ids: Iterable[str]) -> list[tuple[str, str, int | None, int | None, int | None]]:
        """`Store.first_mentions` of these entities only: (entity, article, sentence, start, end) of each one's
        first mention in each article."""
        return self.connection.execute(
            "SELECT entity_id, article_id, sentence, MIN(span_start), span_end FROM mentions"
            f" WHERE entity_id IN {IDS} GROUP BY entity_id, article_id ORDER BY entity_id, article_id",
            (id_list(entity_ids),)).fetchall()

    def published_dates(self, article_ids: Iterable[str]) -> dict[str, str | None]:
        """article id -> its publication date (None when undated), for these articles."""
        return dict(self.connection.execute(f"SELECT id, published FROM articles WHERE id IN {IDS}",
                                            (id_list(article_ids),)))

    # -- relations ------------------------------------------------------------------------------------
    def relations_where(self, types: Sequence[str] | None = None, *, source: Ends | None = None,
                        target: Ends | None = None, with_sources: bool = False) -> list[Relation]:
        """Stored relations of these types (any, when None) from `source` and into `target` (an id or
        ids each), in id order, as `Store.relations` gives them; their sources only `with_sources`."""
        where, params = _where(types, source, target)
        return self._relations(f"WHERE {where}", params, with_sources)

    def relations_touching(self, entity_id: str, *, with_sources: bool = False) -> list[Relation]:
        """Stored relations from or into `entity_id`, in id order."""
        return self._relations("WHERE id IN (SELECT id FROM relations WHERE source = ? UNION SELECT id FROM relations"
                               " WHERE target = ?)", [entity_id, entity_id], with_sources)

    def relations_disputed(self, entity_id: str | None = None, *, with_sources: bool = False) -> list[Relation]:
        """Stored relations whose properties hold disputes (`kg.claims`), from or into `entity_id` when
        given, in id order."""
        disputed = "instr(props, '\"disputes\":') > 0"  # the condition of the partial index relations_disputed
        if entity_id is None:
            return self._relations(f"WHERE {disputed}", [], with_sources)
        return self._relations(
            f"WHERE {disputed} AND id IN (SELECT id FROM relations WHERE source = ? UNION SELECT id FROM relations"
            " WHERE target = ?)", [entity_id, entity_id], with_sources)

    def _relations(self, where: str, params: list[Any], with_sources: bool) -> list[Relation]:
        rows = self.connection.execute(f"SELECT id, type, source, target, props FROM relations {where} ORDER BY id",
                                       params).fetchall()
        sources: dict[str, list[Source]] = {}
        if rows and with_sources:
            for row in self.connection.execute(
                    "SELECT relation_id, article_id, sentence, span_start, span_end, method, confidence, evidence"
                    f" FROM relation_sources WHERE relation_id IN {IDS} ORDER BY relation_id, article_id, span_start",
                    (id_list(r[0] for r in rows),)):
                sources.setdefault(row[0], []).append(Source(*row[1:]))
        return [Relation(i, t, s, d, json.loads(p), sources.get(i, [])) for i, t, s, d, p in rows]

    def relation_ends(self, types: Sequence[str], *, source: Ends | None = None,
                      target: Ends | None = None) -> list[tuple[str, str, str]]:
        """(source, type, target) of the matching relations, properties not read."""
        where, params = _where(types, source, target)
        return self.connection.execute(f"SELECT source, type, target FROM relations WHERE {where}", params).fetchall()

    def relation_pairs(self, types: Sequence[str], *, source: Ends | None = None, target: Ends | None = None,
                       distinct: bool = False, type_index: bool | None = None) -> list[tuple[str, str]]:
        """(source, target) of the matching relations (`type_index` False: scan rather than use the type index)."""
        where, params = _where(types, source, target, type_index)
        select = "SELECT DISTINCT" if distinct else "SELECT"
        return self.connection.execute(f"{select} source, target FROM relations WHERE {where}", params).fetchall()

    def sources_by_target(self, types: Sequence[str], targets: Iterable[str]) -> Iterator[tuple[str, list[str]]]:
        """(target, the sources of its relations of these types: a source once per relation) for each of
        `targets` with one. Grouped in SQL: the index of targets gives each target's sources in a row, and
        one JSON array per target crosses into Python much faster than a row per relation (250,000 for
        the co-investors of a fund in 39,000 deals)."""
        where, params = _where(types, None, targets)
        for target, sources in self.connection.execute(
                f"SELECT target, json_group_array(source) FROM relations WHERE {where} GROUP BY target", params):
            yield target, json.loads(sources)

    def distinct_ends(self, end: str, types: Sequence[str]) -> list[str]:
        """Every `end` ("source" or "target") of a relation of these types, once."""
        if end not in ("source", "target"):
            raise ValueError(f"not a relation end: {end!r}")
        where, params = _where(types, None, None)
        return [r[0] for r in self.connection.execute(f"SELECT DISTINCT {end} FROM relations WHERE {where}", params)]

    def round_names(self, companies: Ends) -> list[tuple[str, Any]]:
        """(company, round) of each INVESTED_IN relation into `companies` (round None when not stated)."""
        where, params = _where([R.INVESTED_IN], None, companies)
        return self.connection.execute(
            f"SELECT target, json_extract(props, '$.round') FROM relations WHERE {where}", params).fetchall()

    def investor_rounds(self, company: str) -> list[tuple[str, Any]]:
        """(investor, round) of each INVESTED_IN relation into `company`."""
        where, params = _where([R.INVESTED_IN], None, company)
        return self.connection.execute(
            f"SELECT source, json_extract(props, '$.round') FROM relations WHERE {where}", params).fetchall()

    def degree(self, ids: Iterable[str]) -> int:
        """How many relations start or end at `ids` (counted in the end indexes, no row read)."""
        wanted = id_list(ids)
        return self.connection.execute(
            f"SELECT (SELECT count(*) FROM relations WHERE source IN {IDS})"
            f" + (SELECT count(*) FROM relations WHERE target IN {IDS})", (wanted, wanted)).fetchone()[0]

    def adjacent(self, ids: Iterable[str]) -> Iterator[tuple[str, str, str, Any]]:
        """(source, target, type, round) of every relation from or into `ids` (round: of an INVESTED_IN)."""
        wanted = id_list(ids)
        yield from self.connection.execute(
            "SELECT source, target, type, CASE WHEN type = 'INVESTED_IN' THEN json_extract(props, '$.round') END"
            f" FROM relations WHERE source IN {IDS} UNION ALL"
            " SELECT source, target, type, CASE WHEN type = 'INVESTED_IN' THEN json_extract(props, '$.round') END"
            f" FROM relations WHERE target IN {IDS}", (wanted, wanted))

    # -- wide answers (`kg.queries.wide`): values, not relations ------------------------------------------
    def entity_names_and_types_in(self, ids: Iterable[str]) -> Iterator[tuple[str, str, str]]:
        """(id, name, types JSON) of the entities with these ids."""
        yield from self.connection.execute(f"SELECT id, name, types FROM entities WHERE id IN {IDS}",
                                           (id_list(ids),))

    def investments(self, sources: Ends, keys: Sequence[str], *, method: str | None = None,
                    ) -> list[tuple[str, str, str, bool, tuple[Any, ...]]]:
        """(id, source, target, a source of it has extraction `method`, the values of property `keys`) of
        each INVESTED_IN relation from `sources`, in id order (values as `props.get(key)` reads them). The
        method is looked up only for a relation with an amount or a currency (what it decides: whose sum
        it is, `kg.graph.OWN_AMOUNT_METHOD`); False for the others."""
        where, params = _where([R.INVESTED_IN], sources, None)
        has_method = ("CASE WHEN json_type(props, '$.amount') IS NOT NULL OR json_type(props, '$.currency') IS NOT NULL"
                      " THEN EXISTS (SELECT 1 FROM relation_sources s WHERE s.relation_id = relations.id"
                      " AND s.method = ?) ELSE 0 END" if method is not None else "0")
        params = [method, *params] if method is not None else params
        rows = self.connection.execute(f"SELECT id, source, target, {has_method}, {values_sql(keys)} FROM relations"
                                       f" WHERE {where} ORDER BY id", params)
        return [(i, s, t, bool(m), read_values(values, keys)) for i, s, t, m, *values in rows]

    def relation_values(self, ids: Iterable[str], keys: Sequence[str], *, unless_method: str | None = None,
                        ) -> dict[str, tuple[Any, ...]]:
        """id -> the values of property `keys` (as `props.get(key)` reads them) of these relations (only
        of those none of whose sources has extraction method `unless_method`, when given)."""
        unless = ("" if unless_method is None else " AND NOT EXISTS (SELECT 1 FROM relation_sources s"
                  " WHERE s.relation_id = relations.id AND s.method = ?)")
        params = [id_list(ids)] + ([] if unless_method is None else [unless_method])
        return {i: read_values(values, keys) for i, *values in self.connection.execute(
            f"SELECT id, {values_sql(keys)} FROM relations WHERE id IN {IDS}{unless}", params)}

    def round_groups(self, companies: Iterable[str]) -> list[tuple[str, Any, int, bool, Any, int, Any]]:
        """What `kg.graph.add_funding_rounds` reads from the INVESTED_IN relations into `companies`, per
        (company, round) as SQL groups them: (company, round, relations, plain, most precise date, how
        many state a currency, the least id of those). Only where `plain` (round, date and currency of
        every relation of the group are text or absent: SQL groups and orders a number apart from its
        text, which Python reads with `str`) is that what the view's Python gives.

        The date is the longest, then the least, of the non-empty dates. The round's total is that of
        the surest relation with a currency whose sum is not one investor's own (`round_totals`): which
        one that is, is asked only of the rounds that matter, as it takes reading the sources."""
        rows = self.connection.execute(round_groups_sql(f"target IN {IDS} AND "), (id_list(companies),)).fetchall()
        return [(c, r, n, bool(plain), date, currencies, first) for c, r, n, plain, date, currencies, first in rows]

    def round_totals(self, companies: Iterable[str], own_method: str) -> list[tuple[str, Any, str, float]]:
        """(company, round, id, confidence of its surest source) of each INVESTED_IN relation into
        `companies` that may give its round's total (`kg.graph.add_funding_rounds`): one with a currency
        and no source of `own_method` (a sum tied to one investor). The total is the surest one's (most
        confident, then least id)."""
        return self.connection.execute(
            "SELECT target, json_extract(props, '$.round'), id,"
            " coalesce((SELECT max(s.confidence) FROM relation_sources s WHERE s.relation_id = relations.id), 0.0)"
            f" FROM relations WHERE target IN {IDS} AND type = 'INVESTED_IN'"
            # (CASE, not AND: SQLite would look the sources up for every relation)
            " AND CASE WHEN json_extract(props, '$.currency') != '' THEN NOT EXISTS (SELECT 1 FROM relation_sources s"
            " WHERE s.relation_id = relations.id AND s.method = ?) ELSE 0 END",
            (id_list(companies), own_method)).fetchall()
