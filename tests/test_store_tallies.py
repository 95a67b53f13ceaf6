"""The store's tallies (issue 13, linear builds): kept by delta through builds, removals and resolution's
moves, always equal to a recount of the rows they count, and counted once for a store written before
them. The articles are invented: people and firms that recur, a namesake, a fact restated and disputed."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from kg.build import add_article
from kg.model import Article
from kg.store import open_store

ARTICLES = [
    "星川科技完成2亿元A轮融资，由启明创投领投，远舟资本跟投。星川科技CEO王建国表示，资金将用于芯片研发。",
    "星川科技完成3亿元A轮融资，由启明创投领投。星川科技CEO王建国出席了发布会。",
    "远舟资本合伙人王建国表示，今年将加大对芯片的投资。",
    "星川科技董事长王建国在发布会上宣布了新的芯片路线图。",
    "岚峰半导体创始人陈立表示，公司将扩产。澄湖科技董事长陈立也出席了发布会。",
    "星川科技完成2亿元A轮融资，由启明创投领投，远舟资本跟投。",
]

#: (tally, the rows it counts, grouped the same way)
RECOUNTS = {
    "entity_surfaces": "SELECT entity_id, surface, type, COUNT(*) FROM mentions GROUP BY 1, 2, 3",
    "entity_norms": "SELECT entity_id, norm, COUNT(*) FROM aliases GROUP BY 1, 2",
    "relation_variants": "SELECT relation_id, props, COUNT(*) FROM relation_sources GROUP BY 1, 2",
}


def tallies(conn: sqlite3.Connection) -> dict[str, list[tuple]]:
    return {table: sorted(conn.execute(f"SELECT * FROM {table}").fetchall()) for table in RECOUNTS}


def recounts(conn: sqlite3.Connection) -> dict[str, list[tuple]]:
    return {table: sorted(conn.execute(query).fetchall()) for table, query in RECOUNTS.items()}


def test_tallies_equal_a_recount_after_every_build_and_removal(tmp_path: Path) -> None:
    articles = [Article(text=text, published="2025-05-20") for text in ARTICLES]
    with open_store(tmp_path / "s") as store:
        for article in articles:
            assert add_article(store, article)[0]
            assert tallies(store.connection) == recounts(store.connection)
        assert all(tallies(store.connection).values())
        for article in articles[::2]:
            assert store.remove_article(article.id)
            assert tallies(store.connection) == recounts(store.connection)


def test_a_store_from_before_the_tallies_gets_them_counted_when_opened(tmp_path: Path) -> None:
    with open_store(tmp_path / "s") as store:
        for text in ARTICLES:
            add_article(store, Article(text=text, published="2025-05-20"))
        kept = tallies(store.connection)
    raw = sqlite3.connect(tmp_path / "s" / "graph.sqlite")  # as a kg of before issue 13 left it
    raw.executescript("DROP TABLE entity_surfaces; DROP TABLE entity_norms; DROP TABLE relation_variants;"
                      "DELETE FROM meta WHERE key = 'tallies';")
    for (name,) in raw.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%_tally'")\
            .fetchall():
        raw.execute(f"DROP TRIGGER {name}")
    raw.commit()
    raw.close()
    with open_store(tmp_path / "s") as store:
        assert tallies(store.connection) == kept == recounts(store.connection)
        add_article(store, Article(text="澄湖科技完成5亿元B轮融资，由启明创投领投。", published="2025-05-21"))
        assert tallies(store.connection) == recounts(store.connection)
