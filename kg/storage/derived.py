"""The SQL of the tables `kg.queries.derived` keeps in the store once per store version (the store owns
its SQL): every (company, round) group of INVESTED_IN relations, every investment's values, whole-store
answers by the part that picks a call's rows, and each company's investors as numbers. What they mean,
and when a query may use them, is `kg.queries.derived`'s: these functions only read and write them."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

from kg.storage.views import IDS, id_list, read_values, round_groups_sql, values_sql

#: The INVESTED_IN properties `derived_investments` holds (those of a portfolio's rows and the state's).
INVESTMENT_KEYS = ("round", "date", "amount", "currency", "role")
#: Value columns without a type: a value keeps the JSON type `json_extract` gave it, as SQL saw it.
_TABLES = ("derived_round_groups", "derived_investments")
_CREATE = (
    "CREATE TABLE derived_round_groups (company TEXT NOT NULL, round, relations INTEGER NOT NULL,"
    " plain INTEGER NOT NULL, date TEXT, currencies INTEGER NOT NULL, first TEXT)",
    "CREATE INDEX derived_round_groups_company ON derived_round_groups (company)",
    "CREATE TABLE derived_investments (source TEXT NOT NULL, id TEXT NOT NULL, target TEXT NOT NULL,"
    f" own INTEGER NOT NULL, {', '.join(f'{key}_value' for key in INVESTMENT_KEYS)}, props, target_name,"
    " target_types TEXT, PRIMARY KEY (source, id)) WITHOUT ROWID",
)
#: every row (JSON) of a query's answer for the whole store, by its part (JSON) and place
_CREATE_ANSWERS = ("CREATE TABLE IF NOT EXISTS derived_answers (query TEXT NOT NULL, part TEXT NOT NULL,"
                   " seq INTEGER NOT NULL, row TEXT NOT NULL, PRIMARY KEY (query, part, seq)) WITHOUT ROWID")
#: `Store.round_groups`' grouping, over every INVESTED_IN relation of the store.
_ROUND_GROUPS = round_groups_sql()
#: `Store.investments`' columns (`method`: the one that makes a sum an investor's own), for every
#: INVESTED_IN relation.
_INVESTMENTS = (
    "SELECT r.*, e.name, e.types FROM (SELECT source, id, target,"
    " CASE WHEN json_type(props, '$.amount') IS NOT NULL OR json_type(props, '$.currency') IS NOT NULL"
    " THEN EXISTS (SELECT 1 FROM relation_sources s WHERE s.relation_id = relations.id AND s.method = ?) ELSE 0 END,"
    f" {values_sql(INVESTMENT_KEYS)} FROM relations WHERE type = 'INVESTED_IN') AS r"
    " LEFT JOIN entities AS e ON e.id = r.target ORDER BY r.source, r.id"
)
#: one row per company with an investor: its investors' numbers (`derived_investor_numbers`), each once
_CREATE_CO_INVESTORS = (
    "CREATE TABLE derived_co_investors (company TEXT PRIMARY KEY, investors BLOB NOT NULL) WITHOUT ROWID",
    "CREATE TABLE derived_investor_numbers (number INTEGER PRIMARY KEY, id TEXT NOT NULL, name, investor INTEGER)",
)


def in_write_transaction(conn: sqlite3.Connection, steps: Callable[[], None], busy_timeout_s: float) -> bool:
    """Run `steps` in one write transaction, without waiting for another writer; False when the store
    is read-only or another process holds the write lock (a reader never waits for a build)."""
    if conn.in_transaction:
        return False
    try:
        conn.execute("PRAGMA busy_timeout = 50")
        conn.execute("BEGIN IMMEDIATE")
        try:
            steps()
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    except sqlite3.OperationalError as exc:  # locked by a writer, or a read-only store: not built
        if exc.sqlite_errorcode & 0xFF not in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED, sqlite3.SQLITE_READONLY):
            raise
        return False
    finally:
        conn.execute(f"PRAGMA busy_timeout = {busy_timeout_s * 1000}")
    return True


def mark(conn: sqlite3.Connection, key: str, version: int, value: str) -> None:
    """What `key` names is built for `version` (the query cache's row, written in the build's transaction)."""
    conn.execute("INSERT OR REPLACE INTO query_cache VALUES (?, ?, ?)", (key, version, value))


def fill_tables(conn: sqlite3.Connection, own_amount_method: str) -> None:
    """(Re)make the round groups and the investments from the relations."""
    for table in _TABLES:  # dropped, not emptied: an earlier kg may have made them otherwise
        conn.execute(f"DROP TABLE IF EXISTS {table}")
    for statement in _CREATE:
        conn.execute(statement)
    conn.execute(f"INSERT INTO derived_round_groups {_ROUND_GROUPS}")
    conn.execute(f"INSERT INTO derived_investments {_INVESTMENTS}", (own_amount_method,))


def round_groups(conn: sqlite3.Connection, companies: Iterable[str] | None) -> Iterator[tuple[Any, ...]]:
    """(company, round, relations, plain, date, currencies, first) of `companies` (every one when None)."""
    select = "SELECT company, round, relations, plain, date, currencies, first FROM derived_round_groups"
    yield from (conn.execute(select) if companies is None
                else conn.execute(f"{select} WHERE company IN {IDS}", (id_list(companies),)))


def investments(conn: sqlite3.Connection, sources: str | Iterable[str] | None,
                keys: Sequence[str]) -> list[tuple[Any, ...]]:
    """(id, source, target, own, target name, target types, *values of `keys` as read) of the investments
    from `sources` (every one when None: by source then id; else by id)."""
    columns = ", ".join(f"{key}_value" for key in keys)
    select = f"SELECT id, source, target, own, target_name, target_types, {columns}, props FROM derived_investments"
    if sources is None:
        rows = conn.execute(f"{select} ORDER BY source, id").fetchall()
    elif isinstance(sources, str):
        rows = conn.execute(f"{select} WHERE source = ?", (sources,)).fetchall()
    else:
        rows = conn.execute(f"{select} WHERE source IN {IDS}", (id_list(sources),)).fetchall()
        rows.sort()  # in id order, as `Store.investments` (ids are unique)
    return [(i, s, t, m, name, types, read_values(values, keys)) for i, s, t, m, name, types, *values in rows]


def answer_texts(conn: sqlite3.Connection, name: str, part: str | None) -> list[str]:
    """The kept rows (JSON texts) of query `name`'s answer for `part` (JSON; every part when None), in order."""
    if part is None:
        rows = conn.execute("SELECT row FROM derived_answers WHERE query = ? ORDER BY seq", (name,))
    else:
        rows = conn.execute("SELECT row FROM derived_answers WHERE query = ? AND part = ? ORDER BY seq", (name, part))
    return [text for (text,) in rows]


def write_answers(conn: sqlite3.Connection, name: str, rows: Iterable[tuple[str, str, int, str]]) -> None:
    """Keep (query, part JSON, place, row JSON) as query `name`'s whole answer, replacing the one before."""
    conn.execute(_CREATE_ANSWERS)
    conn.execute("DELETE FROM derived_answers WHERE query = ?", (name,))
    conn.executemany("INSERT INTO derived_answers VALUES (?, ?, ?, ?)", rows)


def investor_pairs(conn: sqlite3.Connection) -> list[tuple[str, str]]:
    """(company, investor) of every derived investment."""
    return conn.execute("SELECT target, source FROM derived_investments").fetchall()


def write_co_investors(conn: sqlite3.Connection, numbers: Iterable[tuple[int, str, Any, Any]],
                       companies: Iterable[tuple[str, bytes]]) -> None:
    """Keep the investors' numbers (number, id, name, an Investor?) and each company's investors' numbers."""
    for table in ("derived_co_investors", "derived_investor_numbers"):
        conn.execute(f"DROP TABLE IF EXISTS {table}")
    for statement in _CREATE_CO_INVESTORS:
        conn.execute(statement)
    conn.executemany("INSERT INTO derived_investor_numbers VALUES (?, ?, ?, ?)", numbers)
    conn.executemany("INSERT INTO derived_co_investors VALUES (?, ?)", companies)


def co_investor_rows(conn: sqlite3.Connection, companies: Iterable[str]) -> list[tuple[str, bytes]]:
    """(company, its investors' numbers) of those of `companies` with an investor."""
    return conn.execute(f"SELECT company, investors FROM derived_co_investors WHERE company IN {IDS}",
                        (id_list(companies),)).fetchall()


def busiest(conn: sqlite3.Connection, least: int) -> list[str]:
    """The sources of at least `least` derived investments."""
    return [s for (s,) in conn.execute(
        "SELECT source FROM derived_investments GROUP BY source HAVING count(*) >= ?", (least,))]


def investor_numbers(conn: sqlite3.Connection) -> list[tuple[int, str, Any, Any]]:
    """(number, id, name, an Investor?) of every numbered investor, by number."""
    return conn.execute("SELECT number, id, name, investor FROM derived_investor_numbers ORDER BY number").fetchall()


def targets(conn: sqlite3.Connection, source: str) -> list[tuple[str, Any, Any]]:
    """(target, name, types JSON) of each derived investment from `source`."""
    return conn.execute("SELECT target, target_name, target_types FROM derived_investments WHERE source = ?",
                        (source,)).fetchall()
