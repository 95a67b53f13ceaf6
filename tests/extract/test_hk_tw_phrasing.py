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
