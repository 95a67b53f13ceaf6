"""Foundings told with when, where and with whom between the founder and the verb ("由董事长X于2017年在
上海创办", "X 2013年与一群A出身的工程师创立B"), a post in a later clause, and an English company's
short name ("Polaris Motion", then "Polaris"). Invented sentences, each rule with a near miss."""

from __future__ import annotations

import pytest

from tests.extract.helpers import has_relation, relations, run


def test_when_and_where_between_the_founder_and_the_verb() -> None:
    ex = run("岚川半导体周四在港交所挂牌。公司由董事长周启航于2017年在上海创办，技术副总裁沈知微于2019年加入。")
    assert has_relation(ex, "FOUNDED", "周启航", "岚川半导体", date="2017")
    assert not relations(ex, "FOUNDED", "沈知微", "岚川半导体")


@pytest.mark.parametrize(
    ("text", "founders"),
    [
        # a group described by where it came from, after 与
        ("岚川半导体董事长周启航表示看好。周启航2013年与一群中科院出身的工程师创立岚川半导体，一路带领公司转型。",
         ["周启航"]),
        # a named partner after the date: both founded it
        ("岚川半导体董事长周启航表示看好。周启航2013年与沈知微创立岚川半导体。", ["周启航", "沈知微"]),
    ],
)
def test_the_founder_and_the_partners_after_with(text: str, founders: list[str]) -> None:
    ex = run(text)
    for founder in founders:
        assert has_relation(ex, "FOUNDED", founder, "岚川半导体", date="2013"), founder


def _founders(text: str) -> set[str]:
    ex = run(text)
    names = {e.handle: e.preferred for e in ex.entities}
    return {names[r.source] for r in ex.relations if r.type == "FOUNDED"}


def test_a_partner_is_named_in_the_founding_clause() -> None:
    # the clause ends at the comma: whom he met with is no partner of the founding
    text = "岚川半导体董事长周启航表示看好。周启航2013年与投资人沈知微在北京会面，随后创立岚川半导体。"
    assert "沈知微" not in _founders(text)
    # an organisation among the partners ("与一群中科院出身的工程师") founded nothing
    text = "岚川半导体董事长周启航表示看好。周启航2013年与一群中科院出身的工程师创立岚川半导体。"
    assert _founders(text) == {"周启航"}


def _posts(text: str) -> set[tuple[str, str, str]]:
    ex = run(text)
    names = {e.handle: e.preferred for e in ex.entities}
    return {(names[r.source], names[r.target], r.props.get("title")) for r in ex.relations
            if r.type == "HOLDS_POSITION"}


def test_a_post_in_a_later_clause_is_at_the_company_just_founded() -> None:
    text = ("岚川半导体成立于2023年，创始人周启航曾任星衡智能研究院副院长。"
            "2023年初，他离开星衡智能，在杭州创办岚川半导体，目前担任公司董事长兼CEO。")
    assert {("周启航", "岚川半导体", "董事长"), ("周启航", "岚川半导体", "CEO")} <= _posts(text)
    assert not {p for p in _posts(text) if p[1] == "星衡智能"}


def test_a_post_without_the_company_word_is_left_to_the_joining_rules() -> None:
    # near miss: "X加入A，担任CTO" is A's post (the joining rules); the later-clause rule adds nothing
    text = "岚川半导体由周启航创办。2018年，沈知微加入星衡智能，担任CTO。"
    assert _posts(text) == {("沈知微", "星衡智能", "CTO")}


@pytest.mark.parametrize(
    ("full", "short"),
    [("Lumora Motion", "Lumora"), ("Brightwave Games", "Brightwave"), ("Kestrel Photonics", "Kestrel")],
)
def test_an_english_name_loses_its_line_of_business(full: str, short: str) -> None:
    from kg.extract.mentions import short_forms

    assert short in short_forms(full)
    text = f"{full} has raised a $20 million seed round led by Sequoia China. {short} was started last year."
    ex = run(text)
    assert len([e for e in ex.entities if short in e.names or full in e.names]) == 1


def test_a_short_name_never_becomes_a_place_or_a_common_word() -> None:
    from kg.extract.mentions import short_forms

    # near misses: what stays would be a place, or too short to be a name
    assert short_forms("Shanghai Motion") == [] and short_forms("Ace Games") == []


@pytest.mark.parametrize("name", ["Ninebit Interactive", "Kestrel Machines", "Lumora Studios"])
def test_more_english_lines_of_business_end_a_company_name(name: str) -> None:
    ex = run(f"Jerry Gao, the founder of {name}, also invested.")
    assert [sorted(e.types) for e in ex.entities if e.preferred == name] == [["Company"]]


@pytest.mark.parametrize("phrase", ["Consumer Electronics", "Solar Power", "Medical Devices"])
def test_a_market_is_no_company(phrase: str) -> None:
    # near misses: words for a market before a suffix; a known company of such words stays known
    ex = run(f"The {phrase} Directive applies to Kestrel Robotics.")
    assert [e.preferred for e in ex.entities] == ["Kestrel Robotics"]
    assert any("General Motors" in e.names for e in run("General Motors invested in Cruise.").entities)


def test_a_post_at_the_new_company() -> None:
    text = "周启航和沈知微创办了星衡智能。周启航为新公司的CEO兼联合创始人，沈知微任CTO兼联合创始人。"
    assert {("周启航", "星衡智能", "CEO"), ("沈知微", "星衡智能", "CTO")} <= _posts(text)


def test_being_the_companys_investor_is_no_post() -> None:
    # near miss: 是 + 公司的 + a word that is no title
    assert _posts("周启航和沈知微创办了星衡智能。周启航是公司的投资人。") == set()


def test_a_second_post_held_at_the_same_time() -> None:
    assert {("周启航", "岚川药业", "董事长"), ("周启航", "星衡生物", "董事长")} <= _posts(
        "岚川药业董事长周启航兼任星衡生物董事长。")


def test_a_second_company_named_without_a_post_gives_none() -> None:
    # near miss: 兼任 with no title after the company
    assert ("周启航", "星衡生物", None) not in _posts("岚川药业董事长周启航兼任星衡生物顾问委员。")


def test_who_remains_chief_executive_of_the_company_just_founded() -> None:
    text = ("Kestrel Robotics was founded in 2018 by Ethan Moore, a robotics graduate of Zhejiang University "
            "who remains chairman and chief executive officer.")
    assert {("Ethan Moore", "Kestrel Robotics", "chairman"), ("Ethan Moore", "Kestrel Robotics", "CEO")} <= _posts(text)


def test_a_capitalised_title_opening_a_sentence_is_the_storys_post() -> None:
    text = ("Kestrel Robotics raised $20 million. Chairwoman Sophie Lane, a former Baidu executive, said the "
            "company would sell more abroad.")
    assert ("Sophie Lane", "Kestrel Robotics", "Chairwoman") in _posts(text)
    # near miss: a place before the name is no title
    text = "Kestrel Robotics raised $20 million. Beijing Sophie Lane, a former Baidu executive, said so."
    assert not {p for p in _posts(text) if p[0] == "Sophie Lane"}


def test_an_adjunct_post_beside_the_main_one() -> None:
    text = "锐川科技由周启航于2020年创办。周启航现任公司董事长兼总裁，同时担任南方科技大学兼职教授。"
    posts = _posts(text)
    assert ("周启航", "南方科技大学", "教授") in posts
    # the main post stays at the company: the second post does not become "公司"
    assert {p for p in posts if p[1] == "南方科技大学"} == {("周启航", "南方科技大学", "教授")}


def _founded(text: str) -> set[tuple[str, str, str | None]]:
    ex = run(text)
    names = {e.handle: e.preferred for e in ex.entities}
    return {(names[r.source], names[r.target], r.props.get("date")) for r in ex.relations if r.type == "FOUNDED"}


def test_a_founding_participle_opening_the_sentence() -> None:
    text = "Founded in 2019 by former Baidu engineers Li Wei and Zhang Min, Kestrel Robotics makes warehouse robots."
    assert _founded(text) == {("Li Wei", "Kestrel Robotics", "2019"), ("Zhang Min", "Kestrel Robotics", "2019")}


def test_founded_without_by_names_no_founder() -> None:
    # near miss: the person runs the company; nothing says who founded it
    assert _founded("Founded in 2019, Kestrel Robotics is now run by chief executive Li Wei.") == set()


def test_joined_when_and_as_what() -> None:
    assert ("Li Wei", "Kestrel Robotics", "CTO") in _posts(
        "Li Wei, who previously worked at Alibaba for a decade, joined Kestrel Robotics in March as chief "
        "technology officer.")


def test_a_plural_possessive_before_the_title() -> None:
    text = "Li Wei, Kestrel Robotics' co-founder and chief technology officer, said the chips were ready."
    assert ("Li Wei", "Kestrel Robotics", "CTO") in _posts(text)
    assert ("Li Wei", "Kestrel Robotics", None) in _founded(text)


def test_a_plural_possessive_before_a_word_that_is_no_title() -> None:
    # near miss: a shareholder holds no post
    assert _posts("Li Wei, Kestrel Robotics' largest shareholder, said so.") == set()
