"""The per-entity sums regrouping reads (`kg.storage.clusters`): kept by delta through builds, removals and
regrouping's moves, always equal to a count from the rows, counted once for a store written before them
(whose entities are then unsettled until regrouped from all their records), and unsettled by an import.
The articles are invented: people and firms that recur, namesakes, a firm under two names."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from kg.build import add_article
from kg.model import Article
from kg.storage.clusters import count_clusters
from kg.store import Store, open_store

ARTICLES = [
    "星川科技完成2亿元A轮融资，由启明创投领投，远舟资本跟投。星川科技CEO王建国表示，资金将用于芯片研发。",
    "远舟资本合伙人王建国表示，今年将加大对芯片的投资。",
    "星川科技董事长王建国在发布会上宣布了新的芯片路线图。",
    "岚峰半导体创始人陈立表示，公司将扩产。澄湖科技董事长陈立也出席了发布会。",
    "澄湖科技首席技术官陈立在发布会上介绍了新产品。",
    "Xingchuan Technology (星川科技) said it would build a second plant.",
    "Xingchuan Technology raised $50 million led by HongShan. Its CEO Wang Jianguo spoke.",
]

SUMS = ("cluster_records", "cluster_sizes", "cluster_names", "cluster_spellings", "cluster_keys")


def sums(conn: sqlite3.Connection) -> dict[str, list[tuple]]:
    return {table: sorted(conn.execute(f"SELECT * FROM {table}").fetchall()) for table in SUMS}


def recounted(conn: sqlite3.Connection) -> dict[str, list[tuple]]:
    """The sums counted again from the rows (and the count undone)."""
    conn.execute("SAVEPOINT recount")
    try:
        count_clusters(conn)
        return sums(conn)
    finally:
        conn.execute("ROLLBACK TO recount")
        conn.execute("RELEASE recount")


def test_the_sums_equal_a_count_from_the_rows_after_every_build_and_removal(tmp_path: Path) -> None:
    articles = [Article(text=text, published="2025-05-20") for text in ARTICLES]
    with open_store(tmp_path / "s") as store:
        conn = store.connection
        for article in articles:
            assert add_article(store, article)[0]
            assert sums(conn) == recounted(conn)
        assert all(sums(conn).values())
        keys = {key for (key,) in conn.execute("SELECT norm FROM cluster_keys")}
        assert {"王建国", "陈立", "星川科技"} <= keys
        for article in articles[::2]:
            assert store.remove_article(article.id)
            assert sums(conn) == recounted(conn)
        assert conn.execute("SELECT COUNT(*) FROM unsettled").fetchone()[0] == 0


@contextmanager
def _reopened_after(tmp_path: Path, script: str) -> Iterator[tuple[Store, set[str]]]:
    """A store of four articles, `script` run on its file (as an earlier `kg` left it), opened again: the
    sums are what they were, and every entity with records is unsettled (yielded with the store)."""
    with open_store(tmp_path / "s") as store:
        for text in ARTICLES[:4]:
            add_article(store, Article(text=text, published="2025-05-20"))
        kept = sums(store.connection)
        assert store.connection.execute("SELECT COUNT(*) FROM unsettled").fetchone()[0] == 0
    raw = sqlite3.connect(tmp_path / "s" / "graph.sqlite")
    raw.executescript(script)
    raw.commit()
    raw.close()
    with open_store(tmp_path / "s") as store:
        conn = store.connection
        assert sums(conn) == kept
        unsettled = {e for (e,) in conn.execute("SELECT entity_id FROM unsettled")}
        assert unsettled == {e for (e,) in conn.execute("SELECT entity_id FROM cluster_sizes")} != set()
        yield store, unsettled


def test_a_store_from_before_the_sums_gets_them_counted_and_regroups_in_full_once(tmp_path: Path) -> None:
    before_the_sums = ("".join(f"DROP TABLE {table};" for table in (*SUMS, "unsettled"))
                       + "DROP TRIGGER articles_insert_clusters; DROP TRIGGER articles_delete_clusters;"
                       "DELETE FROM meta WHERE key = 'clusters';")
    with _reopened_after(tmp_path, before_the_sums) as (store, unsettled):
        conn = store.connection
        add_article(store, Article(text=ARTICLES[4], published="2025-05-20"))  # 陈立 and 澄湖科技 again
        still = {e for (e,) in conn.execute("SELECT entity_id FROM unsettled")}
        assert not any("陈立" in e or "澄湖" in e for e in still) and still < unsettled
        assert sums(conn) == recounted(conn)


def test_a_store_whose_organisation_ids_were_minted_by_another_rule_regroups_them(tmp_path: Path) -> None:
    """A store from before ids were minted from the shortest name (`kg.regroup.org_id_name`; then from the
    name most articles use): every entity is unsettled once, so the next article naming a firm regroups it
    in full and gives it the id of today's rule."""
    with _reopened_after(tmp_path, "DELETE FROM meta WHERE key = 'org_ids';") as (store, _unsettled):
        rule = store.connection.execute("SELECT value FROM meta WHERE key = 'org_ids'").fetchone()
        assert rule == ("shortest-name",)


def test_an_article_written_by_a_writer_not_keeping_the_sums_gets_them_counted(tmp_path: Path) -> None:
    """A `kg` from before the sums adds an article (the trigger on `articles` takes the mark out of
    `meta`): the next article counts them all again and unsettles every entity."""
    with open_store(tmp_path / "s") as store:
        conn = store.connection
        for text in ARTICLES[:3]:
            add_article(store, Article(text=text, published="2025-05-20"))
        with store.transaction():
            conn.execute("INSERT INTO articles (id, chars, added, text) VALUES ('old', 2, '2025-05-21', 'xx')")
            entity, types, surface = conn.execute(
                "SELECT entity_id, type, surface FROM mentions WHERE entity_id LIKE 'person:%' LIMIT 1").fetchone()
            conn.execute("INSERT INTO mentions VALUES (?, 'old', ?, ?, 0, 0, 2, 'pattern', 0.9)",
                         (entity, types, surface))
            conn.execute("INSERT INTO meta VALUES ('tallies', '1')")  # that writer keeps its own tallies
        assert sums(conn) != recounted(conn)
        add_article(store, Article(text=ARTICLES[3], published="2025-05-20"))
        assert sums(conn) == recounted(conn)
        assert store.remove_article("old")
        assert sums(conn) == recounted(conn)


def test_an_import_counts_what_it_adds_and_unsettles_it(tmp_path: Path) -> None:
    from kg.rdf import import_file, write_rdf

    with open_store(tmp_path / "a") as store:
        for text in ARTICLES:
            add_article(store, Article(text=text, published="2025-05-20"))
        write_rdf(store, "trig", tmp_path / "a.trig")
        before = sums(store.connection)
    with open_store(tmp_path / "b") as store:
        import_file(store, tmp_path / "a.trig")
        conn = store.connection
        assert sums(conn) == recounted(conn) == before
        regrouped = {e for (e,) in conn.execute("SELECT entity_id FROM cluster_sizes")}
        assert regrouped and regrouped <= {e for (e,) in conn.execute("SELECT entity_id FROM unsettled")}
