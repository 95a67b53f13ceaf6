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
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from kg.graph import OWN_AMOUNT_METHOD
from kg.queries.storeview import StoreView
from kg.storage import derived as tables
from kg.storage.derived import INVESTMENT_KEYS
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
#: query -> what makes every row of its answer for the whole store, (part, row) in order: registered by the
#: modules that answer it (`kg.queries.wide`, `kg.queries.indexed`), which read these tables, so this
#: module imports neither
MAKERS: dict[str, Callable[[StoreView], Iterable[tuple[Any, dict[str, Any]]]]] = {}

RoundGroup = tuple[str, Any, int, bool, Any, int, Any]
Investment = tuple[str, str, str, bool, tuple[Any, ...]]
Rows = list[dict[str, Any]]
#: (id, name, types JSON) of entities
Named = list[tuple[str, Any, str]]


def ready(store: Store, key: str = DERIVED_KEY) -> bool:
    """Are the derived tables (`DERIVED_KEY`), or a query's derived rows (its `ANSWER_KEYS`), there for
    the store's current version? (Ask inside the snapshot the answer is read in.)"""
    return store.cached(key, store.data_version()) is not None


def round_groups(store: Store, companies: Iterable[str] | None) -> list[RoundGroup]:
    """`Store.round_groups(companies)` (of every company when None), from the derived table (only when
    `ready`)."""
    return [(c, r, n, bool(plain), date, currencies, first)
            for c, r, n, plain, date, currencies, first in tables.round_groups(store.connection, companies)]


def investments(store: Store, sources: str | Iterable[str] | None, keys: Sequence[str], *,
                method: str | None = None) -> tuple[list[Investment], Named]:
    """`Store.investments(sources, keys, method=method)` (from every source when None, by source then
    id), from the derived table (only when `ready`;
    `keys` among `INVESTMENT_KEYS`, `method` OWN_AMOUNT_METHOD or None), with the name and types of
    each target that is an entity (what `Store.entity_names_and_types_in` gives of them)."""
    if method not in (None, OWN_AMOUNT_METHOD) or not set(keys) <= set(INVESTMENT_KEYS):
        raise ValueError(f"not derived: investments by {method!r} with {keys!r}")
    rows = tables.investments(store.connection, sources, keys)
    own = method is not None
    named = list({t: (t, name, types) for _i, _s, t, _m, name, types, _v in rows if types is not None}.values())
    return [(i, s, t, own and bool(m), values) for i, s, t, m, _n, _t, values in rows], named


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
    if part is not None and not isinstance(part, str):
        return None
    texts = tables.answer_texts(store.connection, name, None if part is None else json.dumps(part, ensure_ascii=False))
    items = json.loads("[" + ",".join(texts) + "]")
    keys = json.loads(store.cached(ANSWER_KEYS[name], store.data_version()) or "[]")
    return [dict(zip(keys, item, strict=True)) if type(item) is list else item for item in items]


def _fill_answer(store: Store, name: str) -> str:
    """Make every row of query `name` and keep them in `derived_answers`, by part; the keys of its rows
    (JSON), which a row with those keys in that order is kept without (its values only)."""
    keys: list[str] | None = None

    def texts() -> Iterator[tuple[str, str, int, str]]:
        nonlocal keys
        for seq, (part, row) in enumerate(MAKERS[name](StoreView(store))):
            if keys is None:
                keys = list(row)
            same = len(row) == len(keys) and all(a == b for a, b in zip(row, keys, strict=False))
            yield (name, json.dumps(part, ensure_ascii=False), seq,
                   json.dumps(list(row.values()) if same else row, ensure_ascii=False))

    tables.write_answers(store.connection, name, texts())
    return json.dumps(keys or [], ensure_ascii=False)


def _fill_co_investors(store: Store) -> str:
    """Number every source of an INVESTED_IN relation (`derived_investor_numbers`: with its name and whether
    the view labels it an Investor, when it is an entity) and keep each company's investors, each once,
    as an array of those numbers (`derived_co_investors`)."""
    import numpy as np  # (here: most queries need no numpy, and a `kg query` process does not import it)

    number: dict[str, int] = {}
    by_company: dict[str, set[int]] = defaultdict(set)
    for target, source in tables.investor_pairs(store.connection):
        by_company[target].add(number.setdefault(source, len(number)))
    entities = StoreView(store).names_and_labels(number)
    tables.write_co_investors(
        store.connection,
        ((n, i, *((entities[i][0], C.Investor in entities[i][1]) if i in entities else (None, None)))
         for i, n in number.items()),
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

    rows = tables.co_investor_rows(store.connection, companies)
    size = np.dtype(INVESTOR_NUMBER).itemsize
    return ([c for c, _b in rows], np.frombuffer(b"".join(b for _c, b in rows), dtype=INVESTOR_NUMBER),
            [len(b) // size for _c, b in rows])


def busiest(store: Store, least: int) -> list[str]:
    """The sources of at least `least` INVESTED_IN relations, from the derived table (only when `ready`)."""
    return tables.busiest(store.connection, least)


def investor_numbers(store: Store) -> list[tuple[int, str, Any, Any]]:
    """(number, id, name, an Investor?) of every investor `co_investors` numbers (only when `ready`)."""
    return tables.investor_numbers(store.connection)


def targets(store: Store, source: str) -> list[tuple[str, Any, Any]]:
    """(target, name, types JSON) of each INVESTED_IN relation from `source` (name and types None when the
    target is no entity), from the derived table (only when `ready`)."""
    return tables.targets(store.connection, source)


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

    def steps() -> None:
        version = store.data_version()
        if store.cached(DERIVED_KEY, version) is None:
            tables.fill_tables(conn, OWN_AMOUNT_METHOD)
            tables.mark(conn, DERIVED_KEY, version, "")
        for name in answers:
            if store.cached(ANSWER_KEYS[name], version) is None:
                keys = _fill_co_investors(store) if name == "co-investors" else _fill_answer(store, name)
                tables.mark(conn, ANSWER_KEYS[name], version, keys)

    return tables.in_write_transaction(conn, steps, BUSY_TIMEOUT_S)


#: key -> the build that makes what it names (one function each: `wanted` asks for it once per query)
BUILDERS: dict[str, Callable[[Store], bool]] = {
    DERIVED_KEY: build, **{key: functools.partial(build, answers=(name,)) for name, key in ANSWER_KEYS.items()}}
