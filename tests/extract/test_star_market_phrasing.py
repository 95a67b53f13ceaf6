"""STAR Market and A-share listing phrasing: holders among the ten largest, a listing committee's
approval with the verb first, a filing accepted on a date, several companies listed together.
Invented sentences, each with a near miss."""

from __future__ import annotations

from tests.extract.helpers import has_relation, relations, run

PUBLISHED = "2026-07-09"


def test_holders_among_the_ten_largest_shareholders_invested() -> None:
    ex = run("澄湖芯片于7月9日在上交所科创板上市。上市前，中芯聚源、元禾璞华等亦位列公司前十大股东。", PUBLISHED)
    assert relations(ex, "INVESTED_IN", "中芯聚源", "澄湖芯片")
    assert relations(ex, "INVESTED_IN", "元禾璞华", "澄湖芯片")


def test_companies_among_the_ten_largest_customers_did_not_invest() -> None:
    # near miss: customers, not shareholders
    ex = run("澄湖芯片的客户中，中芯国际、华虹半导体等位列前十大客户。", PUBLISHED)
    assert not [r for r in ex.relations if r.type == "INVESTED_IN"]


def test_a_committee_approval_with_the_verb_first_and_a_filing_accepted_on_a_date() -> None:
    ex = run("澄湖芯片于7月9日在上交所科创板上市。公司IPO申请于去年12月获上交所受理，今年3月通过上市委审议。",
             PUBLISHED)
    assert has_relation(ex, "FILED_FOR_IPO", "澄湖芯片", "上交所", date="2025-12")
    assert has_relation(ex, "PASSED_LISTING_HEARING", "澄湖芯片", "上交所", date="2026-03")


def test_a_committee_that_did_not_approve() -> None:
    # near miss: negated
    ex = run("澄湖芯片的科创板IPO申请今年3月未通过上市委审议。", PUBLISHED)
    assert not [r for r in ex.relations if r.type == "PASSED_LISTING_HEARING"]


def test_several_companies_listed_together() -> None:
    ex = run("国内GPU赛道迎来上市潮，摩尔线程、沐曦股份均于去年12月登陆科创板。", PUBLISHED)
    assert has_relation(ex, "LISTED_ON", "摩尔线程", "上交所", date="2025-12")
    assert has_relation(ex, "LISTED_ON", "沐曦股份", "上交所", date="2025-12")


def test_one_company_listed_and_another_only_planning() -> None:
    # near miss: no list before the listing verb
    ex = run("沐曦股份于去年12月登陆科创板，摩尔线程则计划明年上市。", PUBLISHED)
    listed = [r for r in ex.relations if r.type == "LISTED_ON"]
    assert len(listed) == 1
