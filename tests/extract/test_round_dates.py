"""Dates, rounds and sums of deals: one round, one date across the article; a dateline dates the
report, not the deal; "昨晚" is a day, but not a plan's; a clause opening with its year and round
names the round; a cornerstone's own cheque after 认购. Invented sentences, each rule with a near miss."""

from __future__ import annotations

import pytest

from kg.extract.normalize import DateValue, find_dates
from tests.extract.helpers import PUBLISHED, has_relation, relations, run

# The headline dates the round (the report's month); the followers come four sentences later.
_HEADLINE_THEN_FOLLOWERS = (
    "星衡智能完成5亿元B轮融资，红杉中国领投\n"
    "2025年7月2日 本报讯\n"
    "本报获悉，星衡智能近日完成B轮融资。\n"
    "公司成立于2022年，总部位于杭州。\n"
    "公司主要研发工业机器人。\n"
    "本轮由红杉中国领投，远川资本、青岚创投跟投。\n"
)


def test_followers_named_later_take_the_date_the_article_gives_their_round() -> None:
    ex = run(_HEADLINE_THEN_FOLLOWERS)
    assert [r.get("date") for r in relations(ex, "INVESTED_IN", "红杉中国", "星衡智能")] == ["2025-07"]
    for follower in ("远川资本", "青岚创投"):
        found = relations(ex, "INVESTED_IN", follower, "星衡智能")
        assert [(r.get("round"), r.get("date")) for r in found] == [("B", "2025-07")], follower


def test_a_round_with_two_dates_lends_neither_to_an_undated_investor() -> None:
    text = (
        "2024年3月，星衡智能完成A轮融资，由红杉中国领投。\n"
        "2025年5月，星衡智能完成B轮融资，由远川资本领投。\n"
        "此前，星衡智能还获得了青岚创投的B轮投资。\n"
    )
    ex = run(text)
    assert [r.get("date") for r in relations(ex, "INVESTED_IN", "红杉中国", "星衡智能")] == ["2024-03"]
    # the B round's own date goes to its lead; an A-round date never spreads to a B-round investor
    assert [r.get("date") for r in relations(ex, "INVESTED_IN", "远川资本", "星衡智能")] == ["2025-05"]
    assert all(r.get("date") != "2024-03" for r in relations(ex, "INVESTED_IN", "青岚创投", "星衡智能"))


def test_a_dateline_dates_the_report_and_the_sentence_its_deal() -> None:
    ex = run("财联社7月2日电，记者获悉，星衡智能已于上月完成新一轮融资，金额达数亿元。"
             "本轮投资方包括红杉中国和远川资本。")
    for investor in ("红杉中国", "远川资本"):
        assert [r.get("date") for r in relations(ex, "INVESTED_IN", investor, "星衡智能")] == ["2025-06"]


def test_a_dateline_alone_still_dates_the_report() -> None:
    ex = run("财联社7月2日电，星衡智能完成B轮融资，由红杉中国领投。")
    assert [r.get("date") for r in relations(ex, "INVESTED_IN", "红杉中国", "星衡智能")] == ["2025-07-02"]


@pytest.mark.parametrize(
    ("word", "iso"),
    [("昨晚", "2025-07-01"), ("昨夜", "2025-07-01"), ("前晚", "2025-06-30"), ("今晨", "2025-07-02"),
     ("今晚", "2025-07-02")],
)
def test_the_evening_and_morning_words_are_days(word: str, iso: str) -> None:
    assert find_dates(f"公司{word}宣布", PUBLISHED) == [(2, 4, DateValue(iso, "day"))]
    assert find_dates(f"公司{word}宣布", "2025-07") == []  # a month-precise report has no yesterday


def test_a_plan_is_not_dated_by_the_disclosure_of_last_night() -> None:
    ex = run("星衡智能昨晚在港交所网站披露聆讯后资料集，意味公司已通过上市聆讯，将以特专科技公司身份在主板挂牌。")
    assert has_relation(ex, "PASSED_LISTING_HEARING", "星衡智能", "港交所", date="2025-07-01")
    listed = relations(ex, "LISTED_ON", "星衡智能", "港交所")
    assert listed and all(r.get("modality") == "planned" and "date" not in r for r in listed)


def test_a_plan_dated_years_back_keeps_its_date() -> None:
    # the modality is misread here (拟 is about the new issuer); a date years back stays
    ex = run("长岭科技此次拟募集资金300亿元，远超2020年IPO募资200亿元的星衡智能(688999.SH)。")
    assert all(r.get("date") == "2020" for r in relations(ex, "LISTED_ON", "星衡智能", "上交所"))


def test_a_clause_opening_with_its_year_and_round_names_the_round() -> None:
    ex = run("星衡智能上市前共完成六轮融资。"
             "融资方面，红杉中国于2023年领投其B轮，2024年的C轮则由远川资本及青岚创投联合领投。")
    for lead in ("远川资本", "青岚创投"):
        assert [r.get("round") for r in relations(ex, "INVESTED_IN", lead, "星衡智能")] == ["C"], lead


@pytest.mark.parametrize("tail", ["认购1亿港元", "认购约1亿港元", "认购额最大，达1亿港元"])
def test_a_cornerstone_cheque_after_subscribing(tail: str) -> None:
    ex = run(f"星衡智能已锁定三名基石投资者，包括远川资本、青岚创投及红杉中国。其中远川资本{tail}。")
    assert [r.get("amount") for r in relations(ex, "INVESTED_IN", "远川资本", "星衡智能")] == [100_000_000]
    assert [r.get("amount") for r in relations(ex, "INVESTED_IN", "青岚创投", "星衡智能")] == [None]


def test_an_undated_filing_reported_as_news_takes_the_reports_month() -> None:
    ex = run("星衡智能向港交所递交招股书，拟主板上市，中金公司为独家保荐人。")
    assert [r.get("date") for r in relations(ex, "FILED_FOR_IPO", "星衡智能", "港交所")] == ["2025-07"]


def test_a_filing_in_the_past_or_the_future_takes_no_report_month() -> None:
    # near misses: a filing put in the past (曾, with its own year) and one still planned (拟)
    ex = run("星衡智能曾于2023年向港交所递交招股书，后失效。")
    assert [r.get("date") for r in relations(ex, "FILED_FOR_IPO", "星衡智能", "港交所")] == ["2023"]
    ex = run("星衡智能拟向港交所递交招股书。")
    assert all(r.get("date") is None for r in relations(ex, "FILED_FOR_IPO", "星衡智能", "港交所"))


@pytest.mark.parametrize(
    ("story", "company"),
    [("Kestrel Robotics raised $100 million in a Series B round led by Hillhouse. Kestrel Robotics has raised "
      "more than $300 million to date from investors such as Tencent and Sequoia China.", "Kestrel Robotics"),
     ("星衡智能完成B轮融资，由远川资本领投。星衡智能累计融资超20亿元，投资方包括腾讯和红杉中国。", "星衡智能")],
)
def test_investors_of_all_rounds_so_far_take_no_round_of_the_story(story: str, company: str) -> None:
    ex = run(story)
    assert [r.get("round") for r in relations(ex, "INVESTED_IN", "腾讯", company)] == [None]


def test_investors_of_the_storys_round_keep_it() -> None:
    # near miss: the same list, said of this round
    ex = run("星衡智能完成B轮融资，由远川资本领投。本轮投资方还包括腾讯和红杉中国。")
    assert [r.get("round") for r in relations(ex, "INVESTED_IN", "腾讯", "星衡智能")] == ["B"]


def test_a_planned_day_is_the_next_one_and_never_dates_the_step_done() -> None:
    # published 2025-07-02: "预计于12月30日" is 2025-12-30, not the nearest 12-30 (2024)
    ex = run("星衡智能通过港交所上市聆讯，预计于12月30日挂牌。")
    assert [r.get("date") for r in relations(ex, "LISTED_ON", "星衡智能", "港交所")] == ["2025-12-30"]
    # the hearing passed before the report: the report's month, not the plan's day
    assert [r.get("date") for r in relations(ex, "PASSED_LISTING_HEARING", "星衡智能", "港交所")] == ["2025-07"]


def test_a_day_without_a_plan_stays_the_nearest() -> None:
    # near miss: no word of a plan before the day, which lies behind the report
    ex = run("星衡智能于6月3日通过港交所上市聆讯。")
    assert [r.get("date") for r in relations(ex, "PASSED_LISTING_HEARING", "星衡智能", "港交所")] == ["2025-06-03"]


def test_a_debut_told_as_it_happens_takes_the_reports_month() -> None:
    ex = run("星衡科技（02599）首日掛牌，開市報30.5元，較招股價高出22%。")
    assert [r.get("date") for r in relations(ex, "LISTED_ON", "星衡科技", "港交所")] == ["2025-07"]


def test_a_listing_with_its_own_year_keeps_it() -> None:
    # near miss: no debut told, the listing's own year
    ex = run("星衡科技（02599）於2021年上市。")
    assert [r.get("date") for r in relations(ex, "LISTED_ON", "星衡科技", "港交所")] == ["2021"]
