"""Regrouping after an article from the per-entity sums (`kg.regroup`) changes the store exactly as
re-clustering every record of the pool does (`kg.resolve`), in any order of the articles.

The corpora are invented: namesakes at different firms and one person whose firms overlap, firms named
differently from article to article and joined by a later article, and the examples with their names
varied so that a few people and firms recur across many articles (as in a year of news) and clusters
merge, split and change their ids as articles come.
"""

from __future__ import annotations

import random
import re
import sqlite3
from pathlib import Path

import pytest

import kg.regroup
import kg.resolve
from kg.build import add_article
from kg.ingest.readers import iter_articles
from kg.model import Article
from kg.store import open_store
from tests.paths import EXAMPLES
from tests.test_build_order import ARTICLES, ORG_ARTICLES

#: The store's content, table by table (not the caches, the counters or when an article was added).
CONTENT = {
    "articles": "SELECT id, path, title, published, url, lang, chars, text FROM articles",
    "entities": "SELECT * FROM entities",
    "aliases": "SELECT * FROM aliases",
    "mentions": "SELECT * FROM mentions",
    "relations": "SELECT * FROM relations",
    "relation_sources": "SELECT * FROM relation_sources",
}


def content(conn: sqlite3.Connection) -> dict[str, list[tuple]]:
    return {table: sorted(conn.execute(query).fetchall(), key=repr) for table, query in CONTENT.items()}


def _varied(count: int, seed: int = 3) -> list[Article]:
    """The example articles again and again, the invented firms and people renamed from a few stems each
    time (so names recur, pair up and chain) and the small numbers changed (so facts are disputed)."""
    base = [a for _path, outcome in iter_articles([EXAMPLES]) if not isinstance(outcome, Exception) for a in outcome]
    rng = random.Random(seed)
    stems, people = "云澄栖星远", ["周启航", "沈知微", "顾言川", "许明哲"]
    out: list[Article] = []
    while len(out) < count:
        for article in base:
            text = article.text
            for name in ("云岫智能", "澄湖科技", "栖光机器人", "砚石智能"):
                text = text.replace(name, rng.choice(stems) + rng.choice(stems) + name[2:])
            for name in people:
                text = text.replace(name, rng.choice(people))
            text = re.sub(r"(?<![\d.])\d(?![\d.])", lambda _m: str(rng.randint(1, 9)), text)
            out.append(Article(text=text, published=article.published or "2025-05-20", title=article.title,
                               lang=article.lang))
    return list({a.id: a for a in out}.values())[:count]


CORPORA = {
    "people": [Article(text=t, published="2025-05-20") for t in ARTICLES],
    "organisations": [Article(text=t, published="2025-05-20") for t in ORG_ARTICLES],
    "varied examples": _varied(60),
}


def _build(folder: Path, articles: list[Article], *, from_sums: bool, monkeypatch: pytest.MonkeyPatch
           ) -> dict[str, list[tuple]]:
    monkeypatch.setattr(kg.resolve, "REGROUP_FROM_SUMS", from_sums)
    monkeypatch.setattr(kg.regroup, "CHECK", from_sums)  # every plan from the sums against the full one
    with open_store(folder) as store:
        for article in articles:
            add_article(store, article)
        return content(store.connection)


@pytest.mark.parametrize("corpus", list(CORPORA))
@pytest.mark.parametrize("seed", [0, 1])
def test_regrouping_from_the_sums_gives_the_store_of_the_full_reclustering(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, corpus: str, seed: int) -> None:
    articles = list(CORPORA[corpus])
    random.Random(seed).shuffle(articles)
    full = _build(tmp_path / "full", articles, from_sums=False, monkeypatch=monkeypatch)
    assert _build(tmp_path / "sums", articles, from_sums=True, monkeypatch=monkeypatch) == full


@pytest.fixture
def moves(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The records each regrouping moves to another entity, as articles are built."""
    counts: list[int] = []
    apply = kg.resolve._move_records

    def counted(store, conn, target):  # type: ignore[no-untyped-def]
        counts.append(sum(1 for (_a, old), (new, _n) in target.items() if new != old))
        return apply(store, conn, target)

    monkeypatch.setattr(kg.resolve, "_move_records", counted)
    return counts


def test_the_varied_corpus_moves_clusters(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, moves: list[int]) -> None:
    """The scenario is what it says: as articles come, records move from entity to entity (clusters merge
    or change their ids), so the plans from the sums are checked on more than new records."""
    _build(tmp_path / "s", CORPORA["varied examples"], from_sums=True, monkeypatch=monkeypatch)
    assert sum(moves) >= 20 and max(moves) >= 3


def test_an_unsettled_pool_is_regrouped_from_all_its_records_and_settles(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An entity marked unsettled (a store from before the sums, an import) makes its pool take the full
    re-clustering once; afterwards the pool is at rest and the sums serve again."""
    articles = CORPORA["people"]
    full = _build(tmp_path / "full", articles, from_sums=False, monkeypatch=monkeypatch)
    planned: list[bool] = []
    person_plan = kg.regroup.person_plan

    def recorded(*args):  # type: ignore[no-untyped-def]
        plan = person_plan(*args)
        planned.append(plan is not None)
        return plan

    monkeypatch.setattr(kg.regroup, "person_plan", recorded)
    monkeypatch.setattr(kg.resolve, "REGROUP_FROM_SUMS", True)
    with open_store(tmp_path / "s") as store:
        conn = store.connection
        for article in articles[:2]:
            add_article(store, article)
        with store.transaction():
            store.unsettle(conn, [e for (e,) in conn.execute("SELECT id FROM entities WHERE root = 'Person'")])
        planned.clear()
        add_article(store, articles[2])  # names 王建国 again: his pool is unsettled
        assert planned == [False]
        assert conn.execute("SELECT COUNT(*) FROM unsettled").fetchone()[0] == 0
        for article in articles[3:]:
            add_article(store, article)
        assert all(planned[1:])
        assert content(conn) == full


#: An invented firm reported in a mixed stream: one article pairs its Chinese and English names, the
#: others use one of the two, so which name most articles use changes back and forth as they arrive.
FLIPPING = [
    "Lanqiao Optics (澜桥光电) completed a Series A round led by HongShan.",
    *[text for i in range(6) for text in (
        f"澜桥光电完成{i + 2}亿元B轮融资，由启明创投领投。",
        f"Lanqiao Optics raised ${i + 20} million in a Series C round led by HongShan.",
        f"Lanqiao Optics raised ${i + 40} million in a Series D round led by Sequoia China.",
        f"澜桥光电获得{i + 30}亿元战略投资，投资方为远舟资本。",
    )],
]


def _firm(store_conn: sqlite3.Connection) -> tuple[str, str]:
    [(entity_id, name)] = store_conn.execute(
        "SELECT DISTINCT e.id, e.name FROM entities e JOIN aliases a ON a.entity_id = e.id"
        " WHERE a.norm = 'lanqiaooptics'").fetchall()
    return entity_id, name


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_a_firms_id_holds_while_its_name_vote_flips(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                     moves: list[int], seed: int) -> None:
    """The name a firm goes by follows the majority of its articles and flips as they arrive; its id is
    minted from one of its names whatever the vote (the shortest), so it holds, and its
    records do not all move at every flip. Checked against the full re-clustering at every article."""
    articles = [Article(text=t, published="2025-05-20") for t in FLIPPING]
    pairing = articles[0]
    chinese = [a for a in articles[1:] if "Lanqiao" not in a.text]
    english = [a for a in articles[1:] if "Lanqiao" in a.text]
    random.Random(seed).shuffle(chinese)
    random.Random(seed).shuffle(english)
    # two Chinese reports, then two English ones, and so on: the name most articles use flips each time
    rest = [a for i in range(0, len(chinese), 2) for a in (*chinese[i:i + 2], *english[i:i + 2])]
    monkeypatch.setattr(kg.regroup, "CHECK", True)
    names, ids = [], []
    with open_store(tmp_path / "s") as store:
        add_article(store, pairing)
        for article in rest:
            add_article(store, article)
            entity_id, name = _firm(store.connection)
            names.append(name)
            ids.append(entity_id)
    flips = sum(1 for a, b in zip(names, names[1:], strict=False) if a != b)
    assert flips >= 2, names  # the scenario: the vote does flip
    assert set(names) == {"澜桥光电", "Lanqiao Optics"}
    assert set(ids) == {"organization:澜桥光电"}
    assert sum(moves) < len(rest)  # a flip of the name moves no record: only a new article's own records move


#: Namesakes that name no firm: they are one person with each other, and apart from the 王建国 at firms.
UNTIED = ["王建国表示，今年的市场比去年好。", "王建国在论坛上谈到了经济形势。"]


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_a_persons_record_is_written_under_the_id_its_cluster_gets(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, seed: int) -> None:
    """Resolution names a new person's record as regrouping will (a namesake at another firm gets the id
    of its own cluster, a namesake naming no firm joins the one that names none), so regrouping moves
    other records, never the article's own people: moving them is most of what regrouping costs."""
    articles = [Article(text=t, published="2025-05-20") for t in [*ARTICLES, *UNTIED]]
    random.Random(seed).shuffle(articles)
    own_moves: list[tuple[str, str]] = []
    apply = kg.resolve._move_records
    current: list[str] = []

    def spied(store, conn, target):  # type: ignore[no-untyped-def]
        own_moves.extend((old, new) for (a, old), (new, _n) in target.items()
                         if new != old and a == current[-1] and old.startswith("person:"))
        return apply(store, conn, target)

    monkeypatch.setattr(kg.resolve, "_move_records", spied)
    with open_store(tmp_path / "s") as store:
        for article in articles:
            current.append(article.id)
            add_article(store, article)
        people = sorted(e.id for e in store.entities() if e.name == "王建国")
    assert own_moves == []
    assert len(people) == 3  # the scenario: namesakes at two firms and one naming none, all told apart
