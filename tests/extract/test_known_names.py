"""Known entities by names the gazetteer does not list: a known investor's name with the word for what
it does ("高瓴投资") names that investor; Taiwan's press names its exchange "證交所". Invented sentences,
each with a near miss."""

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


def test_taiwans_exchange_is_named_by_its_press_name() -> None:
    ex = run("去年9月才在證交所掛牌上市的晟达科技（7841）昨日宣布新任总经理。")
    twse = [e for e in ex.entities if e.key == "twse"]
    assert len(twse) == 1 and "證交所" in twse[0].names
    assert has_relation(ex, "LISTED_ON", "晟达科技", "證交所")


def test_a_clue_to_an_exchange_is_no_name_of_it() -> None:
    # near miss: a price in Hong Kong dollars places the listing, but "港元" names no exchange
    ex = run("星衡智能以每股20港元的价格挂牌上市，股票代码2599。")
    hkex = [e for e in ex.entities if e.key == "hkex"]
    assert all("港元" not in e.names for e in hkex)
