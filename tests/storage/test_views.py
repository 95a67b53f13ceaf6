"""The partial views' statements (`kg.storage.views`) run on the indexes written for them (issue 13,
queries at 1M): an end's edges of a type from the (end, type, other end) index alone, the disputed
relations from their partial index. A statement that no longer matches its index is still right, only
slow on a large store, so nothing else would notice; the plans SQLite makes are checked here."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from kg.store import Store, open_store
from kg.terms import R
from tests.disputes_data import disputed_round
from tests.factories import investor_network, record_all


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    store = open_store(tmp_path_factory.mktemp("views") / "store")
    record_all(store, [*investor_network(), *disputed_round()])
    yield store
    store.close()


def _plans(store: Store, call: Callable[[], Any]) -> list[str]:
    """The query plan of each statement `call` runs (its text with the values bound, as SQLite traced it)."""
    statements: list[str] = []
    store.connection.set_trace_callback(statements.append)
    try:
        call()
    finally:
        store.connection.set_trace_callback(None)
    return [" / ".join(row[3] for row in store.connection.execute(f"EXPLAIN QUERY PLAN {sql}"))
            for sql in statements if sql.lstrip().upper().startswith(("SELECT", "WITH"))]


def test_an_ends_edges_of_a_type_are_read_from_its_index(store: Store) -> None:
    companies = [t for _s, t in store.relation_pairs([R.INVESTED_IN])][:5]
    (plan,) = _plans(store, lambda: store.relation_pairs([R.INVESTED_IN], target=companies))
    assert "COVERING INDEX relations_target_type (target=? AND type=?)" in plan
    plan, *_sources = _plans(store, lambda: store.relations_where([R.INVESTED_IN, R.FOUNDED], source=companies[0]))
    assert "relations_source_type (source=? AND type=?)" in plan


def test_disputed_relations_are_read_from_their_partial_index(store: Store) -> None:
    assert store.relations_disputed()  # the test data has some
    (plan,) = _plans(store, store.relations_disputed)
    assert "SCAN relations USING INDEX relations_disputed" in plan  # the few disputed, not every relation


def test_an_existing_store_gets_the_indexes_at_its_first_opening(tmp_path: Path) -> None:
    """A store written before them (single-column end indexes, no partial index) gets them when opened,
    and keeps every row."""
    with open_store(tmp_path / "store") as store:
        record_all(store, disputed_round())
    db = sqlite3.connect(tmp_path / "store" / "graph.sqlite")
    db.executescript("DROP INDEX relations_source_type; DROP INDEX relations_target_type;"
                     " DROP INDEX relations_disputed; CREATE INDEX relations_source ON relations (source);"
                     " CREATE INDEX relations_target ON relations (target);")
    tables = [name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    before = {t: sorted(db.execute(f"SELECT * FROM {t}").fetchall(), key=repr) for t in tables}
    db.close()
    with open_store(tmp_path / "store", create=False) as store:
        indexes = {n for (n,) in store.connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'relations'")}
        after = {t: sorted(store.connection.execute(f"SELECT * FROM {t}").fetchall(), key=repr) for t in tables}
    assert {"relations_source_type", "relations_target_type", "relations_disputed"} <= indexes
    assert not {"relations_source", "relations_target"} & indexes
    assert after == before
