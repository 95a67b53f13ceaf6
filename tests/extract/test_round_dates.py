"""The date of a round: one round, one date across the article; a dateline dates the report, not the
deal. Invented sentences, each rule with a near miss."""

from __future__ import annotations

from tests.extract.helpers import relations, run

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
