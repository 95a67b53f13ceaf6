"""Ids and graph depend only on which articles were built, not on their order or on concurrency.

The articles are invented for these tests: two different people called 王建国 at different firms,
one 陈立 whose firms overlap from article to article (so which article comes first decides nothing),
and ordinary funding facts.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

import pytest

from kg.build import add_article
from kg.graph import node_link, to_networkx
from kg.model import Article
from kg.store import open_store

ARTICLES = [
    "星川科技CEO王建国表示，公司今年收入翻倍。",
    "远舟资本合伙人王建国表示，今年将加大对芯片的投资。",
    "星川科技董事长王建国在发布会上宣布了新的芯片路线图。",
    "岚峰半导体创始人陈立表示，公司将扩产。",
    "澄湖科技首席技术官陈立在发布会上介绍了新产品。",
    "岚峰半导体创始人陈立表示将扩产。澄湖科技董事长陈立也出席了发布会。",
    "云杉机器人完成2亿元A轮融资，由启明创投领投，远舟资本跟投。",
    "澄湖科技完成5亿元B轮融资，由启明创投领投。",
]


def _export(folder: Path, order: list[int], articles: list[str] = ARTICLES) -> str:
    with open_store(folder) as store:
        for i in order:
            added, _dropped = add_article(store, Article(text=articles[i], published="2025-05-20"))
            assert added
        return json.dumps(node_link(to_networkx(store)), ensure_ascii=False, indent=1)


def _people(export: str, name: str) -> list[str]:
    return sorted(n["id"] for n in json.loads(export)["nodes"] if n.get("name") == name)


@pytest.fixture(scope="module")
def in_order(tmp_path_factory: pytest.TempPathFactory) -> str:
    return _export(tmp_path_factory.mktemp("in-order"), list(range(len(ARTICLES))))


def test_the_corpus_has_namesakes_and_a_bridge(in_order: str) -> None:
    """The scenario is what it says: two 王建国 (no shared firm), one 陈立 (firms joined by a bridge)."""
    assert len(_people(in_order, "王建国")) == 2
    assert len(_people(in_order, "陈立")) == 1


ORDERS = [
    list(reversed(range(len(ARTICLES)))),
    [5, 3, 4, 0, 1, 2, 6, 7],  # the bridge first
    [3, 4, 1, 0, 7, 6, 2, 5],  # the bridge last, after two 陈立 that look like namesakes
    *[random.Random(seed).sample(range(len(ARTICLES)), len(ARTICLES)) for seed in range(3)],
]


@pytest.mark.parametrize("order", ORDERS, ids=lambda o: "".join(map(str, o)))
def test_any_order_gives_the_same_export(tmp_path: Path, in_order: str, order: list[int]) -> None:
    assert _export(tmp_path / "s", order) == in_order


def test_removing_the_bridge_gives_the_build_without_it(tmp_path: Path) -> None:
    """The bridge joined two 陈立; forgetting it splits them again, as if it had never been built."""
    without = [i for i in range(len(ARTICLES)) if i != 5]
    expected = _export(tmp_path / "without", without)
    with open_store(tmp_path / "all") as store:
        for i in range(len(ARTICLES)):
            add_article(store, Article(text=ARTICLES[i], published="2025-05-20"))
        assert store.remove_article(Article(text=ARTICLES[5]).id)
        got = json.dumps(node_link(to_networkx(store)), ensure_ascii=False, indent=1)
    assert got == expected
    assert len(_people(got, "陈立")) == 2


def _cli(*args: str) -> list[str]:
    return [sys.executable, "-c", "from kg.cli import main; main()", *args]


def test_two_concurrent_builds_equal_one_sequential_build(tmp_path: Path) -> None:
    """Two `kg build` processes on one store, each with half the articles in its own order, end
    with the export of one sequential build of all of them."""
    halves = [tmp_path / "a", tmp_path / "b"]
    for folder in halves:
        folder.mkdir()
    for i, text in enumerate(ARTICLES):
        (halves[i % 2] / f"{i}.txt").write_text(text, encoding="utf-8")
    date = ["--article-date", "2025-05-20"]
    store = str(tmp_path / "shared")
    procs = [subprocess.Popen(_cli("build", str(f), "--store", store, "-q", *date)) for f in halves]
    assert [p.wait(timeout=600) for p in procs] == [0, 0]
    subprocess.run(_cli("export", "--format", "node-link", "--store", store, "-o", str(tmp_path / "c.json")),
                   check=True)
    seq = str(tmp_path / "seq")
    subprocess.run(_cli("build", str(halves[1]), str(halves[0]), "--store", seq, "-q", *date), check=True)
    subprocess.run(_cli("export", "--format", "node-link", "--store", seq, "-o", str(tmp_path / "s.json")),
                   check=True)
    assert (tmp_path / "c.json").read_bytes() == (tmp_path / "s.json").read_bytes()


#: Organisations the gazetteer does not know, named differently from article to article: a short name
#: first and a legal name later (and the other way round), an English and a Chinese name that only a
#: third article pairs (it joins two nodes into one), and a traditional-script report.
ORG_ARTICLES = [
    "青禾智能宣布完成1亿元A轮融资，由启明创投领投。",
    "青禾智能科技有限公司（以下简称“青禾智能”）今日宣布完成2亿元B轮融资，由远舟资本领投。",
    "Qinghe Robotics raised $50 million in a Series B round led by HongShan.",
    "青禾机器人完成3亿元C轮融资，由远舟资本领投。",
    "Qinghe Robotics (青禾机器人) said it would build a second plant. 青禾机器人創始人表示感謝。",
    "青禾機器人完成D輪融資，由遠舟資本領投。",
]

ORG_ORDERS = [
    list(reversed(range(len(ORG_ARTICLES)))),
    [4, 2, 3, 5, 1, 0],  # the pairing first, the legal name before the short name
    [2, 3, 5, 0, 1, 4],  # two nodes first, joined by the last article
    *[random.Random(seed).sample(range(len(ORG_ARTICLES)), len(ORG_ARTICLES)) for seed in range(3)],
]


@pytest.fixture(scope="module")
def orgs_in_order(tmp_path_factory: pytest.TempPathFactory) -> str:
    return _export(tmp_path_factory.mktemp("orgs"), list(range(len(ORG_ARTICLES))), ORG_ARTICLES)


def _nodes_named(export: str, name: str) -> list[dict]:
    return [n for n in json.loads(export)["nodes"] if name == n.get("name") or name in n.get("aliases", [])]


def test_the_organisation_corpus_is_what_it_says(orgs_in_order: str) -> None:
    """One 青禾智能 under its short and legal names; one 青禾机器人 under its Chinese, English and
    traditional names (the pairing article joins them); ids read as names, never as the order."""
    [zhineng] = _nodes_named(orgs_in_order, "青禾智能科技有限公司")
    assert _nodes_named(orgs_in_order, "青禾智能") == [zhineng]
    [robotics] = _nodes_named(orgs_in_order, "Qinghe Robotics")
    assert _nodes_named(orgs_in_order, "青禾机器人") == [robotics]
    assert robotics["name"] == "青禾机器人"  # three articles name it in Chinese, two in English
    assert {zhineng["id"], robotics["id"]} == {"organization:青禾智能", "organization:青禾机器人"}


@pytest.mark.parametrize("order", ORG_ORDERS, ids=lambda o: "".join(map(str, o)))
def test_any_order_gives_the_same_organisations(tmp_path: Path, orgs_in_order: str, order: list[int]) -> None:
    assert _export(tmp_path / "s", order, ORG_ARTICLES) == orgs_in_order


@pytest.mark.parametrize("removed", [4, 1])
def test_removing_an_organisation_article_gives_the_build_without_it(tmp_path: Path, removed: int) -> None:
    """Forgetting the pairing article splits 青禾机器人 and Qinghe Robotics again; forgetting the
    legal-name article leaves the short name alone: as if the article had never been built."""
    without = [i for i in range(len(ORG_ARTICLES)) if i != removed]
    expected = _export(tmp_path / "without", without, ORG_ARTICLES)
    with open_store(tmp_path / "all") as store:
        for text in ORG_ARTICLES:
            add_article(store, Article(text=text, published="2025-05-20"))
        assert store.remove_article(Article(text=ORG_ARTICLES[removed]).id)
        got = json.dumps(node_link(to_networkx(store)), ensure_ascii=False, indent=1)
    assert got == expected


def test_feeding_the_organisation_articles_again_changes_nothing(tmp_path: Path, orgs_in_order: str) -> None:
    """Idempotent: every article a second time (in another order) is known, and the graph is the same."""
    with open_store(tmp_path / "s") as store:
        for text in ORG_ARTICLES:
            add_article(store, Article(text=text, published="2025-05-20"))
        for text in reversed(ORG_ARTICLES):
            added, _dropped = add_article(store, Article(text=text, published="2025-05-20"))
            assert not added
        assert json.dumps(node_link(to_networkx(store)), ensure_ascii=False, indent=1) == orgs_in_order
