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
- two answers are made of tens of thousands of rows however they are read: the state's investments
  (`state-capital`, 161,000 rows for every region, 57,000 for Shanghai) and the IPO pipeline (5,474
  IPOs on HKEX, each built as networkx nodes with its company's figures). Their rows for the whole store
  (every region and level; every exchange) are made once by the code that answers them otherwise, in
  its order, and kept as JSON by the column that picks an answer's rows (the fund's region; the
  exchange): an answer is the rows of its region or exchange, in order (of `--level`, kept by their
  levels, which do not depend on it), so reading it is parsing its JSON (`derived_answers`). So are the
  portfolios of the busiest investors (`kg.queries.wide.every_portfolio`, worked out for all of them at
  once), kept by investor;
- co-investors pairs a fund with every other investor of each of its deals (212,000 pairs for the
  busiest at a million relations): each company's investors are kept as an array of numbers
  (`derived_co_investors`, `derived_investor_numbers`), which numpy groups and orders.

Never stale: the tables count only when the query cache holds their key (`DERIVED_KEY`, `ANSWER_KEYS`)
under the current `Store.data_version` (bumped by every write, in the writing transaction; they are
read inside the same snapshot as the rest of the answer). They are rebuilt, in one write transaction
that first checks the version has not moved, after the second query that finds them missing or old at
one version (`BUILD_ON_ASK`: the first only counts itself; that query answers from the relations as
before, then pays the build: at a million relations 7 s of CPU for the tables, then 2-12 s for a
query's own part, so a pipeline that builds and asks one question never pays it);
`Store.clear_query_cache` forgets them too. A reader never waits for the build: when another process
holds the write lock, or the store is read-only, nothing is built and the queries read the relations.
"""

from __future__ import annotations

import functools
import json
import sqlite3
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from kg.graph import OWN_AMOUNT_METHOD
from kg.queries.storeview import StoreView
from kg.storage.views import IDS, _plain, _read, _values, id_list
from kg.store import BUSY_TIMEOUT_S, Store
from kg.terms import C

if TYPE_CHECKING:
    import numpy as np

DERIVED_KEY = "derived tables"
#: Queries whose every row is derived (not as of a date), each by the column that picks an answer's rows:
#: `state-capital --region R` is the rows of the funds of R, `ipo-pipeline E` those on exchange E; a
#: portfolio's rows are kept by their investor.
_ANSWERS = {"state-capital": "region", "ipo-pipeline": "exchange_id", "portfolio": "(the investor)"}
#: What each query derives is built apart, when that query first asks (a portfolio does not pay for the
#: state's rows), under its key: those rows, and for co-investors each company's investors (`co_investors`).
ANSWER_KEYS = {name: f"derived answers {name}" for name in (*_ANSWERS, "co-investors")}
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
    """Are the derived tables (`DERIVED_KEY`), or a query's derived rows (its `ANSWER_KEYS`), there for
    the store's current version? (Ask inside the snapshot the answer is read in.)"""
    return store.cached(key, store.data_version()) is not None


def round_groups(store: Store, companies: Iterable[str] | None) -> list[RoundGroup]:
    """`Store.round_groups(companies)` (of every company when None), from the derived table (only when
    `ready`)."""
    select = "SELECT company, round, relations, plain, date, currencies, first FROM derived_round_groups"
    rows = (store.connection.execute(select) if companies is None
            else store.connection.execute(f"{select} WHERE company IN {IDS}", (id_list(companies),)))
    return [(c, r, n, bool(plain), date, currencies, first) for c, r, n, plain, date, currencies, first in rows]


def investments(store: Store, sources: str | Iterable[str] | None, keys: Sequence[str], *,
                method: str | None = None) -> tuple[list[Investment], Named]:
    """`Store.investments(sources, keys, method=method)` (from every source when None, by source then
    id), from the derived table (only when `ready`;
    `keys` among `INVESTMENT_KEYS`, `method` OWN_AMOUNT_METHOD or None), with the name and types of
    each target that is an entity (what `Store.entity_names_and_types_in` gives of them)."""
    if method not in (None, OWN_AMOUNT_METHOD) or not set(keys) <= set(INVESTMENT_KEYS):
        raise ValueError(f"not derived: investments by {method!r} with {keys!r}")
    columns = ", ".join(f"{key}_value" for key in keys)
    select = f"SELECT id, source, target, own, target_name, target_types, {columns}, props FROM derived_investments"
    if sources is None:
        rows = store.connection.execute(f"{select} ORDER BY source, id").fetchall()
    elif isinstance(sources, str):
        rows = store.connection.execute(f"{select} WHERE source = ?", (sources,)).fetchall()
    else:
        rows = store.connection.execute(f"{select} WHERE source IN {IDS}", (id_list(sources),)).fetchall()
        rows.sort()  # in id order, as `Store.investments` (ids are unique)
    own = method is not None
    named = {t: (name, types) for _i, _s, t, _m, name, types, *_v in rows if types is not None}
    return [(i, s, t, own and bool(m), _read(values, keys)) for i, s, t, m, _n, _t, *values in rows], named


def state_capital(store: Store, region: Any, level: str | None) -> Rows | None:
    """The rows of `state-capital` (not as of a date) from the derived rows (only when `ready` with its
    `ANSWER_KEYS`): those of the funds of `region` (every region when None), of `level` (when given).
    None for a region that is not text."""
    rows = answer(store, "state-capital", region)
    # `statecapital.table` keeps a fund of `level` when its levels hold it; they do not depend on `level`
    return rows if rows is None or level is None else [row for row in rows if level in row["gov_levels"]]


def answer(store: Store, name: str, part: Any) -> Rows | None:
    """The derived rows of query `name` (only when `ready` with its `ANSWER_KEYS`) of `part` (the value
    that picks them, `_ANSWERS`; all of them when None), in order. None for a part that is not text
    (kept by its JSON: only text is sure to match as Python's `==` does)."""
    if part is None:
        texts = store.connection.execute("SELECT row FROM derived_answers WHERE query = ? ORDER BY seq", (name,))
    elif isinstance(part, str):
        texts = store.connection.execute("SELECT row FROM derived_answers WHERE query = ? AND part = ? ORDER BY seq",
                                         (name, json.dumps(part, ensure_ascii=False)))
    else:
        return None
    items = json.loads("[" + ",".join(text for (text,) in texts) + "]")
    keys = json.loads(store.cached(ANSWER_KEYS[name], store.data_version()) or "[]")
    return [dict(zip(keys, item, strict=True)) if type(item) is list else item for item in items]


def _every_answer(store: Store, name: str) -> Iterator[tuple[Any, dict[str, Any]]]:
    """(part, row) of every row of query `name` for the whole store, in order (the derived tables there:
    inside the build)."""
    from kg.queries import indexed, wide  # (they read these tables: imported here, not at the top: a cycle)

    view = StoreView(store)
    if name == "portfolio":
        for investor, rows in wide.every_portfolio(view):
            for row in rows:
                yield investor, row
        return
    column = _ANSWERS[name]
    rows = (wide.computed_state_capital(view, None, None) if name == "state-capital"
            else indexed.computed_ipo_pipeline(view, None))
    for row in rows:
        yield row[column], row


def _fill_answer(store: Store, name: str) -> str:
    """Make every row of query `name` and keep them in `derived_answers`, by part; the keys of its rows
    (JSON), which a row with those keys in that order is kept without (its values only)."""
    conn = store.connection
    conn.execute(_CREATE_ANSWERS)
    conn.execute("DELETE FROM derived_answers WHERE query = ?", (name,))
    keys: list[str] | None = None

    def texts() -> Iterator[tuple[str, str, int, str]]:
        nonlocal keys
        for seq, (part, row) in enumerate(_every_answer(store, name)):
            if keys is None:
                keys = list(row)
            same = len(row) == len(keys) and all(a == b for a, b in zip(row, keys, strict=False))
            yield (name, json.dumps(part, ensure_ascii=False), seq,
                   json.dumps(list(row.values()) if same else row, ensure_ascii=False))

    conn.executemany("INSERT INTO derived_answers VALUES (?, ?, ?, ?)", texts())
    return json.dumps(keys or [], ensure_ascii=False)


#: one row per company with an investor: its investors' numbers (`derived_investor_numbers`), each once
_CREATE_CO_INVESTORS = (
    "CREATE TABLE derived_co_investors (company TEXT PRIMARY KEY, investors BLOB NOT NULL) WITHOUT ROWID",
    "CREATE TABLE derived_investor_numbers (number INTEGER PRIMARY KEY, id TEXT NOT NULL, name, investor INTEGER)",
)


def _fill_co_investors(store: Store) -> str:
    """Number every source of an INVESTED_IN relation (`derived_investor_numbers`: with its name and whether
    the view labels it an Investor, when it is an entity) and keep each company's investors, each once,
    as an array of those numbers (`derived_co_investors`)."""
    import numpy as np  # (here: most queries need no numpy, and a `kg query` process does not import it)

    from kg.queries import wide  # (a cycle: see `_every_answer`)

    conn = store.connection
    for table in ("derived_co_investors", "derived_investor_numbers"):
        conn.execute(f"DROP TABLE IF EXISTS {table}")
    for statement in _CREATE_CO_INVESTORS:
        conn.execute(statement)
    number: dict[str, int] = {}
    by_company: dict[str, set[int]] = defaultdict(set)
    for target, source in conn.execute("SELECT target, source FROM derived_investments"):
        by_company[target].add(number.setdefault(source, len(number)))
    entities = wide.names_and_labels(StoreView(store), number)
    conn.executemany("INSERT INTO derived_investor_numbers VALUES (?, ?, ?, ?)",
                     ((n, i, *((entities[i][0], C.Investor in entities[i][1]) if i in entities else (None, None)))
                      for i, n in number.items()))
    conn.executemany("INSERT INTO derived_co_investors VALUES (?, ?)",
                     ((company, np.array(sorted(members), dtype=INVESTOR_NUMBER).tobytes())
                      for company, members in by_company.items()))
    return ""


#: the numbers' type in `derived_co_investors` (numpy's name for it)
INVESTOR_NUMBER = "<i4"


def co_investors(store: Store, companies: Iterable[str]) -> tuple[list[str], np.ndarray, list[int]]:
    """(companies, the numbers of their investors one company after the other, how many each has) of
    those of `companies` with an investor, from the derived table (only when `ready` with co-investors'
    `ANSWER_KEYS`)."""
    import numpy as np

    rows = store.connection.execute(f"SELECT company, investors FROM derived_co_investors WHERE company IN {IDS}",
                                    (id_list(companies),)).fetchall()
    size = np.dtype(INVESTOR_NUMBER).itemsize
    return ([c for c, _b in rows], np.frombuffer(b"".join(b for _c, b in rows), dtype=INVESTOR_NUMBER),
            [len(b) // size for _c, b in rows])


def busiest(store: Store, least: int) -> list[str]:
    """The sources of at least `least` INVESTED_IN relations, from the derived table (only when `ready`)."""
    return [s for (s,) in store.connection.execute(
        "SELECT source FROM derived_investments GROUP BY source HAVING count(*) >= ?", (least,))]


def investor_numbers(store: Store) -> list[tuple[int, str, Any, Any]]:
    """(number, id, name, an Investor?) of every investor `co_investors` numbers (only when `ready`)."""
    return store.connection.execute("SELECT number, id, name, investor FROM derived_investor_numbers"
                                    " ORDER BY number").fetchall()


def targets(store: Store, source: str) -> list[tuple[str, Any, Any]]:
    """(target, name, types JSON) of each INVESTED_IN relation from `source` (name and types None when the
    target is no entity), from the derived table (only when `ready`)."""
    return store.connection.execute("SELECT target, target_name, target_types FROM derived_investments"
                                    " WHERE source = ?", (source,)).fetchall()


#: How many calls asking for the same derived tables at one store version go by before they are built.
#: Building them costs 10-20 s of CPU at a million relations, many answers' worth: a pipeline that builds
#: and then asks one question never pays it, an analyst asking again pays it once, on the second call.
BUILD_ON_ASK = 2


def wanted(view: StoreView, key: str = DERIVED_KEY) -> bool:
    """Are the derived tables (`DERIVED_KEY`), or a query's derived rows (its `ANSWER_KEYS`), there for
    the store's version? If not, they are built once the answer is read (`StoreView.to_build`), from the
    `BUILD_ON_ASK`-th call at this version on (the calls before only count themselves, in the cache)."""
    store = view.store
    if ready(store, key):
        return True
    if BUILD_ON_ASK > 1:
        version = store.data_version()
        asked_key = f"asked: {key}"
        asked = int(store.cached(asked_key, version) or 0) + 1
        if asked < BUILD_ON_ASK:
            if (asked_key, version, str(asked)) not in view.to_cache:
                view.to_cache.append((asked_key, version, str(asked)))
            return False
    build = BUILDERS[key]
    if build not in view.to_build:
        view.to_build.append(build)
    return False


def build(store: Store, *, answers: Sequence[str] = ()) -> bool:
    """(Re)build the derived tables for the store's current version (and the derived rows of the queries
    `answers`), in one write transaction; False when the store is read-only or another process holds
    the write lock (a reader does not wait)."""
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
            for name in answers:
                if store.cached(ANSWER_KEYS[name], version) is None:
                    keys = _fill_co_investors(store) if name == "co-investors" else _fill_answer(store, name)
                    conn.execute("INSERT OR REPLACE INTO query_cache VALUES (?, ?, ?)",
                                 (ANSWER_KEYS[name], version, keys))
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


#: key -> the build that makes what it names (one function each: `wanted` asks for it once per query)
BUILDERS: dict[str, Callable[[Store], bool]] = {
    DERIVED_KEY: build, **{key: functools.partial(build, answers=(name,)) for name, key in ANSWER_KEYS.items()}}
