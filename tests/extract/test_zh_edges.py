"""Chinese phrasing at a name's edge and across clauses: a trade's word before a Taiwanese company's name
(業者), a departure dated after the comma, a holder named with its owner (华为旗下哈勃投资).
Invented sentences, each with a near miss."""

from __future__ import annotations

from tests.extract.helpers import has_relation, relations, run

PUBLISHED = "2026-02-12"


def test_a_trade_word_before_a_taiwanese_name_is_not_part_of_it() -> None:
    ex = run("半導體廠區自主移動機器人（AMR）業者艾邁機器人昨（11）日宣布，完成新台幣12億元B輪募資，由國發基金領投。",
             PUBLISHED)
    assert relations(ex, "INVESTED_IN", "國發基金", "艾邁機器人")
    assert not [e for e in ex.entities if any(n.startswith("業者") for n in e.names)]


def test_a_departure_dated_after_the_comma() -> None:
    ex = run("擎天具身成立于2023年3月。创始人林嘉祺是南方科技大学副教授，2023年辞去大疆技术总监职务后创业。",
             PUBLISHED)
    assert has_relation(ex, "LEFT", "林嘉祺", "大疆", date="2023")


def test_joining_after_the_comma_is_no_departure() -> None:
    # near miss: joined, not left
    ex = run("擎天具身成立于2023年3月。创始人林嘉祺是南方科技大学副教授，2023年加入大疆担任技术总监。", PUBLISHED)
    assert not [r for r in ex.relations if r.type == "LEFT"]


def test_a_holders_owner_is_not_what_the_holder_owns() -> None:
    ex = run("擎天具身累计完成6轮融资。投资方阵容中，腾讯持股5.6%，华为旗下哈勃投资持股3.1%。", PUBLISHED)
    assert has_relation(ex, "OWNED_BY", "擎天具身", "哈勃投资", share="0.031")
    assert not relations(ex, "OWNED_BY", "华为", "哈勃投资")
    assert has_relation(ex, "OWNED_BY", "擎天具身", "腾讯", share="0.056")
