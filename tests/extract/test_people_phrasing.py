"""People facts in the phrasings news uses for them, in simplified and traditional Chinese and in
English, each with a near miss, on invented sentences and invented names: founders, positions held and
left with their titles, and the exact extent of a person's name."""

from __future__ import annotations

import pytest

from kg.extract import extract
from kg.model import Article
from tests.factories import extract_by_rules, rules_only_gazetteer

PUBLISHED = "2025-06-10"


def _no_companies():
    return rules_only_gazetteer()


def _extract(text: str):
    return extract_by_rules(text, PUBLISHED)


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


# -- who holds a title: "为/是" between title and name, "X is the company's ..." ----------------------


@pytest.mark.parametrize(
    "text",
    ["星衡智能创始人兼CEO为陈屿白。", "星衡智能的创始人兼CEO是陈屿白。"],
)
def test_title_then_wei_or_shi_then_name(text: str) -> None:
    facts = _titled(text)
    assert ("FOUNDED", "陈屿白", "星衡智能", None) in facts
    assert ("HOLDS_POSITION", "陈屿白", "星衡智能", "CEO") in facts


def test_title_then_shi_then_description_is_not_a_person() -> None:
    assert not _people("星衡智能的CEO是一位老将，曾在多家公司任职。")


@pytest.mark.parametrize(
    "text",
    [
        "Xingheng AI said revenue doubled, according to Chen Yubai, the company's chief executive.",
        "Xingheng AI posted a loss. Chen Yubai is the company's chief executive.",
        "Chen Yubai is the chief executive of Xingheng AI.",
        "Chen Yubai, who is chief executive of Xingheng AI, said sales rose.",
    ],
)
def test_english_is_the_company_s_title(text: str) -> None:
    assert ("HOLDS_POSITION", "Chen Yubai", "Xingheng AI", "CEO") in _titled(text)


def test_english_description_without_a_title_is_no_position() -> None:
    assert not {f for f in _facts("Xingheng AI grew fast. Chen Yubai is the company's biggest fan.")
                if f[0] == "HOLDS_POSITION"}


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("Chen Yubai recently left Xingheng AI.", None),
        ("Xingheng AI grew fast. Chen Yubai left the firm in 2023.", None),
        ("Xingheng AI grew fast. Chen Yubai stepped down as chief executive.", "CEO"),
    ],
)
def test_english_left_with_adverb_or_the_firm(text: str, title: str | None) -> None:
    assert ("LEFT", "Chen Yubai", "Xingheng AI", title) in _titled(text)


def test_english_stepping_down_from_another_company_is_not_leaving_the_topic() -> None:
    facts = _facts("Xingheng AI grew fast. Chen Yubai stepped down from the board of Birch Labs.")
    assert ("LEFT", "Chen Yubai", "Xingheng AI") not in facts


# -- founders named by a pronoun -------------------------------------------------------------------


def test_they_co_founded_credits_the_founders_named_before() -> None:
    text = ("Hu Lan, a partner at Birch Capital, discussed Chen Yubai, founder of Xingheng AI, and Lin "
            "Zhiyuan, co-founder and CTO. The claim came from investors in Redwood Robotics, the company "
            "they co-founded before Xingheng AI.")
    facts = _facts(text)
    assert {("FOUNDED", "Chen Yubai", "Redwood Robotics"), ("FOUNDED", "Lin Zhiyuan", "Redwood Robotics")} <= facts
    assert ("FOUNDED", "Hu Lan", "Redwood Robotics") not in facts


def test_a_company_she_advises_was_not_founded_by_her() -> None:
    facts = _facts("Chen Yubai, founder of Xingheng AI, met investors. Redwood Robotics, the company she "
                   "advises, grew.")
    assert ("FOUNDED", "Chen Yubai", "Redwood Robotics") not in facts


def test_ta_chuangli_de_credits_the_last_person_named() -> None:
    ex = _extract("星衡智能创始人陈屿白近日接受采访。他在2019年创立的霁川数据已被收购。")
    name = {e.handle: e.names[0] for e in ex.entities}
    got = {(r.type, name[r.source], name[r.target], r.props.get("date")) for r in ex.relations}
    assert ("FOUNDED", "陈屿白", "霁川数据", "2019") in got


def test_ta_invested_is_not_founding() -> None:
    facts = _facts("星衡智能创始人陈屿白近日接受采访。他投资的霁川数据已被收购。")
    assert ("FOUNDED", "陈屿白", "霁川数据") not in facts


# -- subjects across clauses, traditional verbs, titles on the right person ------------------------


def test_qi_after_a_clause_ending_in_a_company_is_that_company() -> None:
    facts = _facts("澜溯科技、霁川数据，以及星衡科技，其创始人陈屿白曾任职于北岸研究院。")
    assert ("FOUNDED", "陈屿白", "星衡科技") in facts
    assert not {f for f in facts if f[0] == "FOUNDED" and f[2] in ("澜溯科技", "霁川数据")}


def test_qi_after_a_verb_is_not_the_company_before_it() -> None:
    facts = _facts("星衡科技完成融资，澜溯科技参投，其创始人陈屿白表示满意。")
    assert ("FOUNDED", "陈屿白", "澜溯科技") not in facts


def test_surname_jieba_cut_off_stays_with_the_name() -> None:
    facts = _titled("豪掷6000万美元,金主之一的朱天宇,现任蓝驰创投管理合伙人。")
    assert ("HOLDS_POSITION", "朱天宇", "蓝驰创投", "管理合伙人") in facts
    assert "天宇" not in _people("豪掷6000万美元,金主之一的朱天宇,现任蓝驰创投管理合伙人。")


def test_jiezhang_takes_a_position() -> None:
    facts = _titled("星衡智能董事長陳屿白接掌霁川數據執行長。")
    assert ("HOLDS_POSITION", "陳屿白", "星衡智能", "董事長") in facts
    assert ("HOLDS_POSITION", "陳屿白", "霁川數據", "CEO") in facts


def test_a_clause_leaving_another_company_keeps_the_new_position() -> None:
    facts = _titled("陳屿白將出任霁川數據執行長，並卸任星衡智能董事長。")
    assert ("LEFT", "陳屿白", "星衡智能", "董事長") in facts
    assert ("HOLDS_POSITION", "陳屿白", "霁川數據", "CEO") in facts
    assert ("LEFT", "陳屿白", "霁川數據", "CEO") not in facts


def test_traditional_departure_with_title() -> None:
    facts = _titled("星衡智能技術長林知遠已於上月離職。")
    assert ("LEFT", "林知遠", "星衡智能", "CTO") in facts
    # near miss: 任職 is not 離職
    assert not {f for f in _titled("星衡智能技術長林知遠已於上月任職。") if f[0] == "LEFT"}


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("星衡汽车去年营收增长。去年7月24日，王凤英辞去公司总经理一职，从此再无实职。", "总经理"),
        ("星衡汽车去年营收增长。王凤英已卸任CEO。", "CEO"),
    ],
)
def test_title_left_without_naming_the_company(text: str, title: str) -> None:
    assert ("LEFT", "王凤英", "星衡汽车", title) in _titled(text)


def test_title_left_at_a_named_company_is_not_the_topic() -> None:
    facts = _titled("星衡汽车去年营收增长。王凤英已卸任霁川数据董事长。")
    assert ("LEFT", "王凤英", "霁川数据", "董事长") in facts
    assert not {f for f in facts if f[0] == "LEFT" and f[2] == "星衡汽车"}


@pytest.mark.parametrize(
    "text",
    [
        "林澈(技术副总裁)、周砚(首席架构师)等高管都陆续离开了星衡智能。他们不是普通高管，而是都是联合创始人。",
        "Lin Che, the chief technology officer, and Zhou Yan left Xingheng AI this year. They were both co-founders "
        "of the company.",
    ],
)
def test_a_pronoun_that_says_they_were_founders(text: str) -> None:
    ex = extract(Article(text=text, published="2025-06-10"))
    name = {e.handle: e.names[0] for e in ex.entities}
    company = ("星衡智能", "Xingheng AI")
    founders = {name[r.source] for r in ex.relations if r.type == "FOUNDED" and name[r.target] in company}
    assert "周砚" in founders or "Zhou Yan" in founders


def test_founders_of_another_company_are_not_founders_of_the_one_they_left() -> None:
    text = "Zhou Yan left Xingheng AI this year. She was a co-founder of Birch Robotics."
    ex = extract(Article(text=text, published="2025-06-10"))
    name = {e.handle: e.names[0] for e in ex.entities}
    assert not {r for r in ex.relations if r.type == "FOUNDED" and name[r.target] == "Xingheng AI"}


def test_a_pronoun_with_another_trait_founds_nothing() -> None:
    ex = extract(Article(text="林澈和周砚离开了星衡智能。他们都是资深工程师。", published="2025-06-10"))
    assert not [r for r in ex.relations if r.type == "FOUNDED"]


def test_two_people_who_left_together_in_english() -> None:
    ex = extract(Article(text="Lin Che and Zhou Yan left Xingheng AI this year.", published="2025-06-10"))
    name = {e.handle: e.names[0] for e in ex.entities}
    left = {name[r.source] for r in ex.relations if r.type == "LEFT"}
    assert left == {"Lin Che", "Zhou Yan"}


def test_an_organisation_listed_beside_a_person_stays_an_organisation() -> None:
    text = "Birch Capital and Zhou Yan, the founder of Pine Robotics, invested."
    ex = extract(Article(text=text, published="2025-06-10"))
    types = {e.names[0]: e.types for e in ex.entities}
    assert "Person" not in types.get("Birch Capital", {"Person"})


def test_retiring_is_leaving() -> None:
    ex = extract(Article(text="台积电发言人表示，罗振宇已于今年7月自台积电退休。", published="2025-11-20"))
    name = {e.handle: e.names[0] for e in ex.entities}
    left = {(name[r.source], name[r.target]): r.props for r in ex.relations if r.type == "LEFT"}
    assert ("罗振宇", "台积电") in left


def test_a_pronoun_opening_a_clause_is_the_person_just_named() -> None:
    text = "另一位代表人物是周砚白。他曾任推荐算法负责人，2024年初离开字节跳动，随后创办了澄镜科技。"
    ex = extract(Article(text=text, published="2025-11-20"))
    name = {e.handle: e.names[0] for e in ex.entities}
    facts = {(r.type, name[r.source], name[r.target]) for r in ex.relations}
    assert ("LEFT", "周砚白", "字节跳动") in facts
    assert "他" not in {n for e in ex.entities for n in e.names}


def test_a_pronoun_after_two_people_stands_for_nobody() -> None:
    text = "林澈是岚溯科技的工程师，周砚白是澄镜科技的研究员。他后来离开了白桦智能。"
    ex = extract(Article(text=text, published="2025-11-20"))
    name = {e.handle: e.names[0] for e in ex.entities}
    assert not {r for r in ex.relations if r.type == "LEFT" and name[r.target] == "白桦智能"}
