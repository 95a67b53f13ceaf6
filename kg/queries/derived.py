"""Tables derived from the whole store once per store version, kept in the store beside the query cache.

The answers that are a large share of a million-relation store spent most of their time in SQLite
re-deriving the same values on every call:

- a fund's portfolio needs every funding round of every company it backed: a round's total and most
  precise date come from every investment into the company in that round (`kg.graph.add_funding_rounds`).
  For the busiest fund that is 151,000 INVESTED_IN relations into 20,400 companies, grouped on every
  call. `derived_round_groups` holds what `Store.round_groups` gives, for every company of the store;
- a portfolio (21,802 investments) and the state's investments (57,000) read each investment's round,
  date, amount, currency and role out of its JSON properties, and whether a source of it has the
  extraction method that makes a sum an investor's own, from rows spread over the whole relations
  table. `derived_investments` holds what `Store.investments` gives for every INVESTED_IN relation,
  clustered by investor, so one investor's investments are read from a few neighbouring pages;
- the state's investments (`state-capital`, 161,000 rows for every region, 57,000 for Shanghai) are
  made once, for every region and level, by `kg.queries.wide` (its rows, in its order), and kept as
  JSON texts by the fund's region: an answer is the rows of its region, in order (those of `--level`
  kept), so reading it is parsing its JSON.

Never stale: the tables count only when the query cache holds `DERIVED_KEY` under the current
`Store.data_version` (bumped by every write, in the writing transaction; they are read inside the same
snapshot as the rest of the answer). They are rebuilt, in one write transaction that first checks the
version has not moved, after the first query that finds them missing or old (that query answers from
the relations as before, so the first answer after a change pays the build on top);
`Store.clear_query_cache` forgets them too. A reader never waits for the build: when another process
holds the write lock, or the store is read-only, nothing is built and the queries read the relations.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from typing import Any

from kg.graph import OWN_AMOUNT_METHOD
from kg.storage.views import IDS, _plain, _read, _values, id_list
from kg.store import BUSY_TIMEOUT_S, Store

DERIVED_KEY = "derived tables"
#: The state-capital rows are built apart, when that query first asks (a portfolio does not pay for them).
STATE_CAPITAL_KEY = "derived state-capital"
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
#: one row of the state-capital answer for every region, by its fund's region (as JSON) and place
_CREATE_STATE_CAPITAL = ("CREATE TABLE derived_state_capital (region TEXT NOT NULL, seq INTEGER NOT NULL,"
                         " row TEXT NOT NULL, PRIMARY KEY (region, seq)) WITHOUT ROWID")
#: `Store.round_groups`' grouping, over every INVESTED_IN relation of the store.
_ROUND_GROUPS = (
    "SELECT company, round, count(*), min(plain), substr(min(date), 9), count(currency),"
    " min(CASE WHEN currency THEN id END) FROM (SELECT target AS company, id,"
    " json_extract(props, '$.round') AS round,"
    f" {_plain(('round', 'date', 'currency'), ('text', 'null'))} AS plain,"
    " CASE WHEN json_extract(props, '$.date') != '' THEN printf('%08d', 99999999 - length(json_extract("
    "props, '$.date'))) || json_extract(props, '$.date') END AS date,"
    " CASE WHEN json_extract(props, '$.currency') != '' THEN 1 END AS currency"
    " FROM relations WHERE type = 'INVESTED_IN') GROUP BY company, round"
)
#: `Store.investments`' columns (`method` OWN_AMOUNT_METHOD), for every INVESTED_IN relation.
_INVESTMENTS = (
    "SELECT r.*, e.name, e.types FROM (SELECT source, id, target,"
    " CASE WHEN json_type(props, '$.amount') IS NOT NULL OR json_type(props, '$.currency') IS NOT NULL"
    " THEN EXISTS (SELECT 1 FROM relation_sources s WHERE s.relation_id = relations.id AND s.method = ?) ELSE 0 END,"
    f" {_values(INVESTMENT_KEYS)} FROM relations WHERE type = 'INVESTED_IN') AS r"
    " LEFT JOIN entities AS e ON e.id = r.target ORDER BY r.source, r.id"
)

RoundGroup = tuple[str, Any, int, bool, Any, int, Any]
Investment = tuple[str, str, str, bool, tuple[Any, ...]]
Rows = list[dict[str, Any]]
#: id -> (name, types JSON) of an entity
Named = dict[str, tuple[Any, str]]


def ready(store: Store, key: str = DERIVED_KEY) -> bool:
    """Are the derived tables (`DERIVED_KEY`), or the state-capital rows (`STATE_CAPITAL_KEY`), there for
    the store's current version? (Ask inside the snapshot the answer is read in.)"""
    return store.cached(key, store.data_version()) is not None


def round_groups(store: Store, companies: Iterable[str]) -> list[RoundGroup]:
    """`Store.round_groups(companies)`, from the derived table (only when `ready`)."""
    rows = store.connection.execute(
        "SELECT company, round, relations, plain, date, currencies, first FROM derived_round_groups"
        f" WHERE company IN {IDS}", (id_list(companies),))
    return [(c, r, n, bool(plain), date, currencies, first) for c, r, n, plain, date, currencies, first in rows]


def investments(store: Store, sources: str | Iterable[str], keys: Sequence[str], *,
                method: str | None = None) -> tuple[list[Investment], Named]:
    """`Store.investments(sources, keys, method=method)`, from the derived table (only when `ready`;
    `keys` among `INVESTMENT_KEYS`, `method` OWN_AMOUNT_METHOD or None), with the name and types of
    each target that is an entity (what `Store.entity_names_and_types_in` gives of them)."""
    if method not in (None, OWN_AMOUNT_METHOD) or not set(keys) <= set(INVESTMENT_KEYS):
        raise ValueError(f"not derived: investments by {method!r} with {keys!r}")
    columns = ", ".join(f"{key}_value" for key in keys)
    where, params = ("source = ?", sources) if isinstance(sources, str) else (f"source IN {IDS}", id_list(sources))
    rows = store.connection.execute(f"SELECT id, source, target, own, target_name, target_types, {columns}, props"
                                    f" FROM derived_investments WHERE {where}", (params,)).fetchall()
    if not isinstance(sources, str):
        rows.sort()  # in id order, as `Store.investments` (ids are unique)
    own = method is not None
    named = {t: (name, types) for _i, _s, t, _m, name, types, *_v in rows if types is not None}
    return [(i, s, t, own and bool(m), _read(values, keys)) for i, s, t, m, _n, _t, *values in rows], named


def state_capital(store: Store, region: Any, level: str | None) -> Rows | None:
    """The rows of `state-capital` (not as of a date) from the derived table (only when `ready` with
    `STATE_CAPITAL_KEY`): those of
    the funds of `region` (every region when None), of `level` (when given). None for a region that is
    not text (kept by its JSON: only text is sure to match as Python's `==` does)."""
    if region is None:
        texts = store.connection.execute("SELECT row FROM derived_state_capital ORDER BY seq")
    elif isinstance(region, str):
        texts = store.connection.execute("SELECT row FROM derived_state_capital WHERE region = ? ORDER BY seq",
                                         (json.dumps(region, ensure_ascii=False),))
    else:
        return None
    rows: Rows = json.loads("[" + ",".join(text for (text,) in texts) + "]")
    # `statecapital.table` keeps a fund of `level` when its levels hold it; they do not depend on `level`
    return rows if level is None else [row for row in rows if level in row["gov_levels"]]


def _fill_state_capital(store: Store) -> None:
    """Make every region's state-capital rows (inside the build's transaction, once the other tables are
    there) and keep them in `derived_state_capital`."""
    from kg.queries import wide  # (wide reads these tables: imported here, not at the top, to break the cycle)
    from kg.queries.storeview import StoreView

    rows = wide.computed_state_capital(StoreView(store), None, None)
    store.connection.execute("DROP TABLE IF EXISTS derived_state_capital")
    store.connection.execute(_CREATE_STATE_CAPITAL)
    store.connection.executemany(
        "INSERT INTO derived_state_capital VALUES (?, ?, ?)",
        ((json.dumps(row["region"], ensure_ascii=False), seq, json.dumps(row, ensure_ascii=False))
         for seq, row in enumerate(rows)))


def build_with_state_capital(store: Store) -> bool:
    """`build`, and the state-capital rows."""
    return build(store, state_capital=True)


def build(store: Store, *, state_capital: bool = False) -> bool:
    """(Re)build the derived tables for the store's current version (and the state-capital rows, when
    `state_capital`), in one write transaction; False when the store is read-only or another process
    holds the write lock (a reader does not wait)."""
    conn = store.connection
    if conn.in_transaction:
        return False
    try:
        conn.execute("PRAGMA busy_timeout = 50")
        conn.execute("BEGIN IMMEDIATE")
        try:
            version = store.data_version()
            if store.cached(DERIVED_KEY, version) is None:
                for table in _TABLES:  # dropped, not emptied: an earlier kg may have made them otherwise
                    conn.execute(f"DROP TABLE IF EXISTS {table}")
                for statement in _CREATE:
                    conn.execute(statement)
                conn.execute(f"INSERT INTO derived_round_groups {_ROUND_GROUPS}")
                conn.execute(f"INSERT INTO derived_investments {_INVESTMENTS}", (OWN_AMOUNT_METHOD,))
                conn.execute("INSERT OR REPLACE INTO query_cache VALUES (?, ?, ?)", (DERIVED_KEY, version, ""))
            if state_capital and store.cached(STATE_CAPITAL_KEY, version) is None:
                _fill_state_capital(store)
                conn.execute("INSERT OR REPLACE INTO query_cache VALUES (?, ?, ?)", (STATE_CAPITAL_KEY, version, ""))
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    except sqlite3.OperationalError as exc:  # locked by a writer, or a read-only store: not built
        if exc.sqlite_errorcode & 0xFF not in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED, sqlite3.SQLITE_READONLY):
            raise
        return False
    finally:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_S * 1000}")
    return True
