"""Resolution across articles: one node per real entity, but no merging of namesakes.

The articles are written for these tests (fictional companies and people).
"""

from __future__ import annotations

from pathlib import Path

from kg.build import add_article
from kg.model import Article
from kg.names import normalize_name
from kg.store import Store, open_store


def _add(store: Store, text: str, published: str = "2025-05-20") -> None:
    added, _dropped = add_article(store, Article(text=text, published=published))
    assert added


def _entities_named(store: Store, name: str) -> list:
    norm = normalize_name(name)
    return [e for e in store.entities() if norm in {normalize_name(n) for n in [e.name, *e.aliases]}]


def _person_orgs(store: Store, person_id: str) -> set[str]:
    return {r.target for r in store.relations() if r.source == person_id}


ZH_FUNDING = "云杉机器人完成2亿元A轮融资，由启明创投领投。云杉机器人创始人兼CEO林向东表示，资金将用于量产。"
EN_PAIRED = (
    "Yunshan Robotics (云杉机器人), a Suzhou-based maker of warehouse robots, raised $50 million in a "
    "Series B round led by HongShan. Lin Xiangdong (林向东), founder and chief executive of Yunshan "
    "Robotics, said the money would fund a second plant."
)
ZH_PAIRED_LATIN = "云杉机器人(Yunshan)宣布完成B轮融资。"


def test_english_and_chinese_names_join_when_the_text_pairs_them(store: Store) -> None:
    _add(store, ZH_FUNDING)
    _add(store, EN_PAIRED)
    nodes = _entities_named(store, "云杉机器人")
    assert len(nodes) == 1
    names = {normalize_name(n) for n in [nodes[0].name, *nodes[0].aliases]}
    assert {normalize_name("Yunshan Robotics"), normalize_name("云杉机器人")} <= names
    assert _entities_named(store, "Yunshan Robotics") == nodes


def test_a_latin_short_name_in_brackets_joins_the_chinese_name(store: Store) -> None:
    _add(store, ZH_PAIRED_LATIN)
    nodes = _entities_named(store, "Yunshan")
    assert len(nodes) == 1
    assert _entities_named(store, "云杉机器人") == nodes


def test_a_person_joins_across_languages_through_a_shared_company(store: Store) -> None:
    _add(store, ZH_FUNDING)
    _add(store, EN_PAIRED)
    people = _entities_named(store, "林向东")
    assert len(people) == 1
    assert normalize_name("Lin Xiangdong") in {normalize_name(n) for n in people[0].aliases + [people[0].name]}


def test_namesakes_without_a_shared_organisation_stay_apart(store: Store) -> None:
    _add(store, "星川科技CEO王建国表示，公司今年收入翻倍。")
    _add(store, "远舟资本合伙人王建国表示，今年将加大对芯片的投资。")
    people = _entities_named(store, "王建国")
    assert len(people) == 2
    ids = sorted(p.id for p in people)
    # namesakes are told apart by a suffix from content (not by which came first)
    assert ids[0] != ids[1]
    assert all(i.startswith("person:王建国-") and len(i) > len("person:王建国-") for i in ids)
    orgs = [_person_orgs(store, p.id) for p in people]
    assert not (orgs[0] & orgs[1])


def test_a_namesake_with_a_shared_organisation_joins(store: Store) -> None:
    _add(store, "星川科技CEO王建国表示，公司今年收入翻倍。")
    _add(store, "远舟资本合伙人王建国表示，今年将加大对芯片的投资。")
    _add(store, "星川科技董事长王建国在发布会上宣布了新的芯片路线图。")
    people = _entities_named(store, "王建国")
    assert len(people) == 2
    xingchuan = next(p for p in people if "organization:星川科技" in _person_orgs(store, p.id))
    titles = {r.props.get("title") for r in store.relations() if r.source == xingchuan.id}
    assert {"CEO", "董事长"} <= titles


def test_person_ids_are_the_same_on_every_run(tmp_path: Path) -> None:
    texts = [
        "星川科技CEO王建国表示，公司今年收入翻倍。",
        "远舟资本合伙人王建国表示，今年将加大对芯片的投资。",
        ZH_FUNDING,
        EN_PAIRED,
    ]
    runs = []
    for i in range(2):
        with open_store(tmp_path / f"run{i}") as store:
            for text in texts:
                _add(store, text)
            runs.append(sorted(e.id for e in store.entities()))
    assert runs[0] == runs[1]
