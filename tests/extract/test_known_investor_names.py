"""A known investor's name with the word for what it does ("高瓴投资", "君联资本") names that investor,
so a title after it is held there. Invented sentences with a near miss."""

from __future__ import annotations

from tests.extract.helpers import has_relation, run


def test_a_known_investor_with_its_trade_word_holds_the_title_after_it() -> None:
    ex = run("高瓴投资合伙人周启航表示，星衡智能已成长为行业的领军企业。")
    assert has_relation(ex, "HOLDS_POSITION", "周启航", "高瓴资本", title="合伙人")


def test_the_investment_a_known_investor_made_is_no_unit() -> None:
    # near miss: "获得高瓴投资后" is the investment itself, made by the known investor
    ex = run("星衡智能获得高瓴投资后迅速扩张。")
    assert has_relation(ex, "INVESTED_IN", "高瓴资本", "星衡智能")
    assert ("高瓴投资", "a known name and the word for its investment") in ex.dropped
