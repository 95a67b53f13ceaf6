"""The graph of record: stable ids, idempotence, merging across articles, removal, crash safety."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterable
from pathlib import Path

import pytest

from kg.errors import OntologyError, StoreError
from kg.names import normalize_name
from kg.ontology import Ontology
from kg.resolve import resolve
from kg.store import Store, open_store, write_article
from tests.factories import funding_article, ipo_article, mention, relation

ROOT = Path(__file__).resolve().parent.parent


def record(store: Store, extraction, ontology: Ontology) -> bool:
    resolution = resolve(store, extraction, ontology)
    return write_article(store, extraction.article, resolution.entities, resolution.relations, normalize_name)


def snapshot(store: Store) -> tuple[list, list]:
    entities = [(e.id, e.types, e.name, e.aliases, e.attrs) for e in store.entities()]
    relations = [(r.id, r.type, r.source, r.target, r.props, [s.article_id for s in r.sources])
                 for r in store.relations()]
    return entities, relations


def test_ids_are_readable_and_pinned_by_gazetteer_keys(store: Store, ontology: Ontology) -> None:
    record(store, funding_article(), ontology)
    ids = {e.name: e.id for e in store.entities()}
    assert ids == {
        "星衡智能": "organization:星衡智能",
        "上海国投": "organization:shanghai-guotou",
        "红杉中国": "organization:红杉中国",
        "林知远": "person:林知远",
    }


def test_ids_are_the_same_in_two_fresh_stores(tmp_path: Path, ontology: Ontology) -> None:
    snaps = []
    for name in ("one", "two"):
        with open_store(tmp_path / name) as s:
            record(s, funding_article(), ontology)
            record(s, ipo_article(), ontology)
            snaps.append(snapshot(s))
    assert snaps[0] == snaps[1]


def test_same_article_twice_changes_nothing(store: Store, ontology: Ontology) -> None:
    assert record(store, funding_article(), ontology) is True
    before = (snapshot(store), store.counts())
    assert record(store, funding_article(), ontology) is False
    assert (snapshot(store), store.counts()) == before


def test_names_in_other_scripts_and_legal_names_join_one_entity(store: Store, ontology: Ontology) -> None:
    record(store, funding_article(), ontology)
    record(store, ipo_article(), ontology)
    entities = {e.id: e for e in store.entities()}
    company = entities["organization:星衡智能"]
    assert {"星衡智能科技有限公司", "星衡"} <= set(company.aliases)
    hongshan = entities["organization:红杉中国"]
    assert "紅杉中國" in hongshan.aliases
    assert sum(1 for e in entities.values() if "Company" in e.types) == 1


def test_a_fact_from_two_articles_keeps_both_sources_and_merges_props(store: Store, ontology: Ontology) -> None:
    record(store, funding_article(), ontology)
    record(store, ipo_article(), ontology)
    follow = [r for r in store.relations()
              if r.type == "INVESTED_IN" and r.source == "organization:红杉中国"]
    assert len(follow) == 1
    rel = follow[0]
    assert len({s.article_id for s in rel.sources}) == 2
    # the more confident source wins each key it states; keys only the other states are kept
    assert rel.props["role"] == "follow"
    assert rel.props["amount"] == 310_000_000


def test_merged_props_do_not_depend_on_build_order(tmp_path: Path, ontology: Ontology) -> None:
    props = []
    for name, order in (("ab", (funding_article, ipo_article)), ("ba", (ipo_article, funding_article))):
        with open_store(tmp_path / name) as s:
            for make in order:
                record(s, make(), ontology)
            props.append(sorted(json.dumps(r.props, sort_keys=True) for r in s.relations()
                                if r.type == "INVESTED_IN"))
    assert props[0] == props[1]


def test_removing_an_article_removes_only_what_it_alone_said(store: Store, ontology: Ontology) -> None:
    record(store, funding_article(), ontology)
    alone = snapshot(store)
    ipo = ipo_article()
    record(store, ipo, ontology)
    assert store.remove_article(ipo.article.id) is True
    assert snapshot(store) == alone
    assert store.remove_article(ipo.article.id) is False


def test_relations_that_break_the_ontology_are_dropped_with_a_reason(store: Store, ontology: Ontology) -> None:
    ext = funding_article()
    art = ext.article
    ext.relations.append(relation(art, "LISTED_ON", "p", "c"))  # a person cannot list on an exchange
    resolution = resolve(store, ext, ontology)
    assert not any(r.type == "LISTED_ON" for r in resolution.relations)
    assert any("LISTED_ON" in item and "domain/range" in reason for item, reason in resolution.dropped)


@pytest.mark.parametrize("bad", [
    lambda ext: ext.relations.append(relation(ext.article, "INVESTS_IN", "f", "c")),
    lambda ext: ext.relations.append(relation(ext.article, "INVESTED_IN", "f", "c", valuation=1)),
    lambda ext: ext.entities.append(mention(ext.article, "z", {"Startup"}, "某公司")),
])
def test_unknown_ontology_names_are_errors(store: Store, ontology: Ontology, bad) -> None:
    ext = funding_article()
    bad(ext)
    with pytest.raises(OntologyError):
        resolve(store, ext, ontology)


def test_open_refuses_what_is_not_a_store(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no kg store"):
        open_store(tmp_path / "missing", create=False)
    junk = tmp_path / "junk"
    junk.mkdir()
    (junk / "graph.sqlite").write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="not a kg store"):
        open_store(junk)


_OPENER = """
import sys, time
from kg.errors import StoreError
from kg.store import open_store

time.sleep(max(0.0, float(sys.argv[2]) - time.time()))  # all openers start at one instant
try:
    open_store(sys.argv[1])
except StoreError as exc:
    print(exc)
    sys.exit(1)
"""


def test_processes_opening_one_new_store_at_once_all_succeed(tmp_path: Path) -> None:
    """Builds started together on a fresh store used to fail with "database is locked" (two
    connections switching the new file to WAL) or a duplicate schema row: the loser must wait."""
    failures = []
    for attempt in range(5):
        start = f"{time.time() + 1.5:.3f}"
        procs = [subprocess.Popen([sys.executable, "-c", _OPENER, str(tmp_path / str(attempt)), start],
                                  cwd=ROOT, stdout=subprocess.PIPE, text=True) for _ in range(6)]
        failures += [p.communicate(timeout=120)[0].strip() for p in procs if p.wait(timeout=120)]
    assert failures == []


_CRASHER = """
import sys, time
from kg.names import normalize_name
from kg.ontology import load_ontology
from kg.resolve import resolve
from kg.store import open_store, write_article
from tests.factories import funding_article

store = open_store(sys.argv[1])
ext = funding_article()
res = resolve(store, ext, load_ontology())

def slow_entities():
    for i, entity in enumerate(res.entities):
        yield entity
        if i == 1:
            print("inside", flush=True)
            time.sleep(60)

write_article(store, ext.article, slow_entities(), res.relations, normalize_name)
"""


def test_a_crash_mid_article_leaves_the_store_consistent(tmp_path: Path, ontology: Ontology) -> None:
    path = tmp_path / "store"
    with open_store(path) as s:
        record(s, ipo_article(), ontology)
        before = snapshot(s)
    proc = subprocess.Popen([sys.executable, "-c", _CRASHER, str(path)], cwd=ROOT, stdout=subprocess.PIPE,
                            text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "inside"  # half the article's rows are written
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=10)
    raw = sqlite3.connect(path / "graph.sqlite")
    assert raw.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    raw.close()
    with open_store(path) as s:
        assert snapshot(s) == before
        assert s.counts()["articles"] == 1
        assert record(s, funding_article(), ontology) is True  # and the article can be built again


@pytest.mark.parametrize("order", [("hant", "hans"), ("hans", "hant")])
def test_the_display_name_is_the_one_most_articles_use_whatever_the_order(tmp_path: Path, order) -> None:
    """One traditional-script report and two simplified ones about a firm no gazetteer knows: the firm
    is called what most mentions call it, and a surname alone never becomes a person's name."""
    from kg.build import build
    from kg.graph import to_networkx

    texts = {
        "hant": "嵐峰半導體聯合創始人、技術長蘇硯秋已離職。",
        "hans": "苏州芯片公司岚峰半导体完成B轮融资，由苏州国发创投领投。岚峰半导体创始人陆远舟表示感谢。\n\n"
                "Tessellate Robotics was founded by Daniel Okafor. Okafor left Corvane Systems. Okafor said so.",
    }
    folder = tmp_path / "in"
    folder.mkdir()
    for i, key in enumerate(order):
        (folder / f"{i}-{key}.txt").write_text(texts[key], encoding="utf-8")
    with open_store(tmp_path / "s") as store:
        build(store, [folder])
        graph = to_networkx(store)
    names = {d["name"] for _n, d in graph.nodes(data=True)}
    assert "岚峰半导体" in names and "嵐峰半導體" not in names
    assert "Daniel Okafor" in names and "Okafor" not in names


def test_a_batch_merges_a_restated_fact_once_before_it_commits(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Articles restating one round with different amounts (its disputes list every article): in a batch
    the fact is merged once, before the commit, not once per article, and the store is the one built
    article by article."""
    from kg.build import add_article
    from kg.model import Article
    from tests.test_regroup import content

    articles = [Article(text=f"云杉机器人完成{n}亿元A轮融资，由启明创投领投。", published="2025-05-20")
                for n in range(2, 9)]
    with open_store(tmp_path / "one by one") as store:
        for article in articles:
            add_article(store, article)
        expected = content(store.connection)
    merged: list[set[str]] = []
    refresh = Store.refresh_relations

    def counted(self: Store, conn: sqlite3.Connection, relation_ids: Iterable[str]) -> None:
        merged.append(set(relation_ids))
        refresh(self, conn, merged[-1])

    monkeypatch.setattr(Store, "refresh_relations", counted)
    with open_store(tmp_path / "batched") as store:
        with store.batch(articles=100, seconds=3600) as next_article:
            for article in articles:
                next_article()
                add_article(store, article)
            assert store.connection.execute(  # not merged yet: the sources are all there is
                "SELECT COUNT(*) FROM relations WHERE type = 'INVESTED_IN' AND props = '{}'").fetchone()[0] == 1
        assert content(store.connection) == expected
    [fact] = [row for row in expected["relations"] if row[1] == "INVESTED_IN"]  # (id, type, source, target, props)
    assert "disputes" in fact[4]
    assert sum(1 for ids in merged if fact[0] in ids) == 1



def test_a_store_keeps_a_builds_pages_in_memory_until_it_commits(tmp_path: Path) -> None:
    """A batch of articles writes more pages than SQLite's default 2 MB cache holds; spilled pages are
    written to the WAL twice and temporary b-trees go to files (2-3 s of system time per MB of news).
    Every connection the store opens has a 64 MB cache and temporary tables in memory, reopened too."""
    for _ in range(2):
        with open_store(tmp_path / "store") as store:
            assert store.connection.execute("PRAGMA cache_size").fetchone()[0] == -65536
            assert store.connection.execute("PRAGMA temp_store").fetchone()[0] == 2  # MEMORY
