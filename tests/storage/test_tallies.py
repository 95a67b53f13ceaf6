"""The store's tallies (issue 13, linear builds): kept by delta through builds, removals and resolution's
moves, always equal to a recount of the rows they count, and counted once for a store written before
them. The articles are invented: people and firms that recur, a namesake, a fact restated and disputed."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from kg.build import add_article
from kg.model import Article
from kg.store import Store, open_store

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


def _write_positions(store: Store, article: Article, titles: list[tuple[str, float]]) -> None:
    """Record `article` as stating 林澈's `titles` at 岚舟智能 (each with its confidence)."""
    from kg.model import Source
    from kg.names import normalize_name
    from kg.resolve import relation_id
    from kg.store import ResolvedEntity, ResolvedRelation, write_article

    def source(confidence: float) -> Source:
        return Source(article.id, 0, 0, 2, "pattern", confidence)

    people = ResolvedEntity("person:林澈", "Person", None, "林澈", ("Person",), {}, ("林澈",), (), (source(0.9),))
    firm = ResolvedEntity("organization:岚舟智能", "Organization", None, "岚舟智能", ("Company",), {}, ("岚舟智能",),
                          (), (source(0.9),))
    facts = [ResolvedRelation(relation_id("HOLDS_POSITION", people.id, firm.id, {"title": title}), "HOLDS_POSITION",
                              people.id, firm.id, {"title": title}, source(confidence)) for title, confidence in titles]
    assert write_article(store, article, [people, firm], facts, normalize_name)


def test_a_restated_position_is_judged_on_all_the_articles_stating_it(tmp_path: Path) -> None:
    """总裁 said alike by three articles (merged from its most confident source alone), one of which, less
    sure of it, also gives 副总裁 (a promotion it tells): no title dispute, as when every source is read;
    a fourth article with 副总裁 alone still shares that article, and removing it makes the dispute."""
    from kg.claims import title_disputes

    articles = [Article(text=f"林澈第{i}篇。", published=f"2026-04-0{i}") for i in range(1, 5)]
    with open_store(tmp_path / "s") as store:
        _write_positions(store, articles[0], [("总裁", 0.9)])
        _write_positions(store, articles[1], [("总裁", 0.9)])
        _write_positions(store, articles[2], [("总裁", 0.5), ("副总裁", 0.9)])
        _write_positions(store, articles[3], [("副总裁", 0.9)])
        conn = store.connection

        def disputed() -> dict[str, bool]:
            return {r.props["title"]: "disputes" in r.props for r in store.relations()}

        def recomputed() -> dict[str, bool]:  # every source read, as before the tallies
            rows = {rel_id: conn.execute("SELECT props, confidence, article_id FROM relation_sources"
                                         " WHERE relation_id = ? ORDER BY confidence DESC, article_id, span_start",
                                         (rel_id,)).fetchall()
                    for (rel_id,) in conn.execute("SELECT id FROM relations")}
            found = title_disputes(rows)
            return {r.props["title"]: r.id in found for r in store.relations()}

        assert disputed() == recomputed() == {"总裁": False, "副总裁": False}
        assert store.remove_article(articles[2].id)
        assert disputed() == recomputed() == {"总裁": True, "副总裁": True}


def test_articles_a_writer_not_keeping_the_tallies_added_get_them_counted(tmp_path: Path) -> None:
    """A build adds mentions and sources with their counts, not through triggers: a writer that does not
    count them (a `kg` from before the tallies, raw SQL) adds an article, which takes `tallies` out of
    `meta`, and the next article added (or the next opening) counts them all again."""
    with open_store(tmp_path / "s") as store:
        for text in ARTICLES[:3]:
            add_article(store, Article(text=text, published="2025-05-20"))
        conn = store.connection
        with store.transaction():  # as such a writer adds an article: its rows, no counts
            conn.execute("INSERT INTO articles (id, chars, added, text) VALUES ('old', 2, '2025-05-21', 'xx')")
            entity, types, surface = conn.execute("SELECT entity_id, type, surface FROM mentions LIMIT 1").fetchone()
            conn.execute("INSERT INTO mentions VALUES (?, 'old', ?, ?, 0, 0, 2, 'pattern', 0.9)",
                         (entity, types, surface))
            relation, props = conn.execute("SELECT relation_id, props FROM relation_sources LIMIT 1").fetchone()
            conn.execute("INSERT INTO relation_sources VALUES (?, 'old', 0, 0, 2, 'pattern', 0.9, NULL, ?)",
                         (relation, props))
        assert tallies(conn) != recounts(conn)
        assert conn.execute("SELECT 1 FROM meta WHERE key = 'tallies'").fetchone() is None
        add_article(store, Article(text=ARTICLES[3], published="2025-05-22"))
        assert tallies(conn) == recounts(conn)
        assert store.remove_article("old")
        assert tallies(conn) == recounts(conn)
    with open_store(tmp_path / "s") as store, store.transaction() as conn:  # the same when opened next
        conn.execute("INSERT INTO articles (id, chars, added, text) VALUES ('old', 2, '2025-05-21', 'xx')")
        conn.execute("INSERT INTO mentions VALUES (?, 'old', ?, ?, 0, 0, 2, 'pattern', 0.9)", (entity, types, surface))
    with open_store(tmp_path / "s") as store:
        assert tallies(store.connection) == recounts(store.connection)


def test_an_import_counts_what_it_adds(tmp_path: Path) -> None:
    """`kg import` adds mentions and sources through the same counting writer as a build."""
    from kg.rdf import import_file, write_rdf

    with open_store(tmp_path / "s") as store:
        for text in ARTICLES:
            add_article(store, Article(text=text, published="2025-05-20"))
        write_rdf(store, "trig", tmp_path / "g.trig")
        kept = tallies(store.connection)
    with open_store(tmp_path / "copy") as copy:
        import_file(copy, tmp_path / "g.trig")
        assert tallies(copy.connection) == kept == recounts(copy.connection)
