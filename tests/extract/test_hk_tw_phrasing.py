"""Hong Kong and Taiwan phrasing of appointments and listing plans ("公布，委任前A副總裁X為首席技術官",
"首席營運官", "正考慮明年在香港上市"). Invented sentences, each with a near miss."""

from __future__ import annotations

import pytest

from tests.extract.helpers import has_relation, relations, run


@pytest.mark.parametrize(
    "text",
    [
        "澄湖醫療昨日公布，委任前百度副總裁林知遠為首席技術官，即時生效。",
        "澄湖医疗昨日公布，委任林知远为首席技术官，即时生效。",
    ],
)
def test_an_announced_appointment(text: str) -> None:
    ex = run(text)
    assert has_relation(ex, "HOLDS_POSITION", "林知遠" if "林知遠" in text else "林知远",
                        "澄湖醫療" if "澄湖醫療" in text else "澄湖医疗", title="CTO")


def test_an_appointment_at_another_company_is_not_the_announcers() -> None:
    # near miss: the announcer reports someone else's appointment, with that company named
    ex = run("澄湖医疗昨日公布，星衡科技已委任林知远为首席技术官。")
    assert not relations(ex, "HOLDS_POSITION", "林知远", "澄湖医疗")


def test_the_hong_kong_word_for_chief_operating_officer() -> None:
    ex = run("前小米高管陳啟航已加盟星衡科技，出任首席營運官。")
    assert has_relation(ex, "HOLDS_POSITION", "陳啟航", "星衡科技", title="COO")


@pytest.mark.parametrize(
    "text",
    ["據彭博報道，遠川智能正考慮明年在香港上市，集資約3億美元。",
     "Yuanchuan AI is considering a Hong Kong listing next year."],
)
def test_a_listing_considered_is_no_listing(text: str) -> None:
    assert not [r for r in run(text).relations if r.type == "LISTED_ON"]


def test_a_listing_done_is_a_listing() -> None:
    # near miss: the listing happened
    ex = run("遠川智能今日在香港交易所主板上市，股份代號2599。")
    assert [r for r in ex.relations if r.type == "LISTED_ON"]


def test_a_hire_the_board_approved() -> None:
    ex = run("晟達科技董事會通過，延攬前聯發科副總經理萬俊廷出任總經理，6月1日生效。")
    assert has_relation(ex, "HOLDS_POSITION", "萬俊廷", "晟達科技", title="總經理")


def test_a_resignation_with_its_successor() -> None:
    ex = run("晟達科技董事長梁振宇請辭，由副董事長毛啟聖接任。")
    assert has_relation(ex, "LEFT", "梁振宇", "晟達科技", title="董事長")


def test_a_chair_who_stays_has_not_left() -> None:
    # near miss: no word of leaving
    ex = run("晟達科技董事長梁振宇表示，公司將擴產。")
    assert not relations(ex, "LEFT", "梁振宇", "晟達科技")


def test_an_investment_in_a_company_named_after_what_it_is() -> None:
    ex = run("鴻海宣布投資新創公司晟達科技5億元，取得20%股權。")
    assert has_relation(ex, "INVESTED_IN", "鴻海", "晟達科技", amount=500000000)


def test_a_taiwanese_report_in_new_taiwan_dollars_means_them_by_a_bare_yuan() -> None:
    text = "光達科技募資12億元，廣達領投。鴻海宣布投資光達科技5億元。光達科技去年營收新台幣3億元。"
    ex = run(text)
    assert [(r.get("amount"), r.get("currency")) for r in relations(ex, "INVESTED_IN", "鴻海", "光達科技")] == [
        (500_000_000, "TWD")]


def test_a_report_that_names_renminbi_keeps_yuan() -> None:
    # near miss: the report says 人民幣 somewhere, so a bare 元 is not read as 新台幣
    text = "鴻海宣布投資光達科技5億元。光達科技去年營收新台幣3億元，另有人民幣2億元的訂單。"
    ex = run(text)
    assert [r.get("currency") for r in relations(ex, "INVESTED_IN", "鴻海", "光達科技")] == ["CNY"]


@pytest.mark.parametrize("verb", ["另宣布投資", "也已入股", "同時宣布投資"])
def test_adverbs_pile_up_before_the_investment(verb: str) -> None:
    ex = run(f"鴻海{verb}光達科技。")
    assert has_relation(ex, "INVESTED_IN", "鴻海", "光達科技")


def test_an_investment_said_of_another_is_not_one() -> None:
    # near miss: the company is the one that 投資 describes, not invested in ("鴻海投資的公司中")
    ex = run("鴻海投資的公司中，光達科技表現最好。")
    assert not [r for r in ex.relations if r.type == "INVESTED_IN"]


def test_approval_from_the_exchanges_listing_committee_is_a_hearing_passed() -> None:
    ex = run("Kestrel Robotics won approval from the Hong Kong stock exchange's listing committee.")
    assert [r.type for r in ex.relations] == ["PASSED_LISTING_HEARING"]


def test_approval_from_the_exchange_for_something_else_is_no_hearing() -> None:
    # near miss: the exchange approved something that is no listing
    ex = run("Kestrel Robotics won approval from the Hong Kong stock exchange's board for a rights issue.")
    assert not [r for r in ex.relations if r.type == "PASSED_LISTING_HEARING"]
