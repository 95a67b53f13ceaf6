"""People facts in the phrasings news uses for them, in simplified and traditional Chinese and in
English, each with a near miss, on invented sentences and invented names: founders, positions held and
left with their titles, and the exact extent of a person's name."""

from __future__ import annotations

import pytest

from kg.extract import extract
from kg.extract.gazetteer import load_gazetteer
from kg.model import Article

PUBLISHED = "2025-06-10"


def _no_companies():
    """Only exchanges and universities known: what is found here, the rules found."""
    full = load_gazetteer()
    return load_gazetteer(
        exclude=frozenset(k for k, e in full.entries.items() if e.type not in ("Exchange", "University"))
    )


_GAZ = None


def _extract(text: str):
    global _GAZ
    if _GAZ is None:
        _GAZ = _no_companies()
    return extract(Article(text=text, published=PUBLISHED), gazetteer=_GAZ)


def _facts(text: str) -> set[tuple[str, str, str]]:
    ex = _extract(text)
    name = {e.handle: e.names[0] for e in ex.entities}
    return {(r.type, name[r.source], name[r.target]) for r in ex.relations}


def _titled(text: str) -> set[tuple[str, str, str, str | None]]:
    ex = _extract(text)
    name = {e.handle: e.names[0] for e in ex.entities}
    return {(r.type, name[r.source], name[r.target], r.props.get("title")) for r in ex.relations}


def _people(text: str) -> set[str]:
    return {n for e in _extract(text).entities if "Person" in e.types for n in e.names}


# -- name boundaries ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # jieba reads the first two characters as a name and leaves the third on its own
        ("星衡智能由陈屿白创立。", "陈屿白"),
        ("陈屿白创办的星衡智能完成融资。", "陈屿白"),
        ("星衡智能創辦人暨執行長陸學森表示，營收成長。", "陸學森"),
        # a conjunction or an adverb glued to the name is not part of it
        ("前澜溯科技CEO景鲲和前澜溯科技CTO朱岚舟宣布创业。", "景鲲"),
        ("星衡智能CTO林澈曾在霁川数据工作。", "林澈"),
    ],
)
def test_a_name_keeps_its_exact_extent(text: str, name: str) -> None:
    people = _people(text)
    assert name in people
    assert not {p for p in people if p != name and (name in p or p in name)}


@pytest.mark.parametrize(
    "text",
    [
        "星衡智能CEO换人确有迹象。",  # "换人": a change of people, not a person
        "景鲲正式官宣离职星衡智能。",  # "官宣": an announcement, not a person
    ],
)
def test_words_after_a_title_or_before_a_verb_are_not_names(text: str) -> None:
    assert not _people(text) & {"换人", "官宣"}


def test_a_two_character_name_does_not_take_the_word_after_it() -> None:
    people = _people("星衡智能创始人张云说，公司将扩产。")
    assert "张云" in people
    assert "张云说" not in people


# -- titles joined by 暨 -----------------------------------------------------------------------------


def test_traditional_titles_joined_by_ji() -> None:
    facts = _titled("星衡智能創辦人暨執行長陸學森表示，營收成長。")
    assert ("FOUNDED", "陸學森", "星衡智能", None) in facts
    assert ("HOLDS_POSITION", "陸學森", "星衡智能", "CEO") in facts


def test_ji_between_two_companies_is_not_a_title_chain() -> None:
    # near miss: 暨 joining organisations says nothing about titles
    assert not {f for f in _facts("星衡智能暨澜溯科技今日发布新品。") if f[0] in ("FOUNDED", "HOLDS_POSITION")}


# -- organisation names end where a person's verb or a list of former staff begins -----------------


@pytest.mark.parametrize(
    ("text", "org"),
    [
        ("陈屿白于2023年离职星衡智能。", "星衡智能"),
        ("王凤英去职星衡汽车后，加盟霁川汽车。", "星衡汽车"),
        ("据传前星衡汽车总裁王凤英将出任霁川汽车总裁。", "星衡汽车"),
        ("前澜溯科技CEO景鲲和前澜溯科技CTO朱岚舟宣布创业。", "澜溯科技"),
    ],
)
def test_an_organisation_name_does_not_take_the_verb_or_list_before_it(text: str, org: str) -> None:
    names = {n for e in _extract(text).entities for n in e.names}
    assert org in names
    assert not {n for n in names if n != org and n.endswith(org)}


def test_dated_departure_without_from() -> None:
    facts = _titled("陈屿白于2023年离职星衡智能。")
    assert ("LEFT", "陈屿白", "星衡智能", None) in facts
    # near miss: joining is not leaving
    assert not {f for f in _facts("陈屿白于2023年加入星衡智能。") if f[0] == "LEFT"}


def test_quit_verb_qu_zhi() -> None:
    assert ("LEFT", "王凤英", "星衡汽车") in _facts("王凤英去职星衡汽车后，加盟霁川汽车。")
    assert ("LEFT", "王凤英", "霁川汽车") not in _facts("王凤英去职星衡汽车后，加盟霁川汽车。")
