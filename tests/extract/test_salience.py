"""Which named organisations become nodes: those in a fact, and those the article is about.

A name met once in passing (a competitor, a customer, a regulator, an adviser) takes part in no fact;
as a node it would sit without an edge and read as if the article said something about it. The
cases are invented sentences; each positive case has a near miss that keeps the entity.
"""

from __future__ import annotations

import pytest

from kg.extract import extract
from kg.model import Article

_LEAD = "星衡智能完成B轮融资。本轮由红杉中国领投，真格基金跟投。"


def _names(text: str) -> set[str]:
    ex = extract(Article(text=text, published="2025-07-02"))
    return {n for e in ex.entities for n in e.names}


@pytest.mark.parametrize(
    ("text", "passing"),
    [
        (_LEAD + "公司的竞争对手包括腾讯等大厂。", "腾讯"),
        (_LEAD + "此前中国证监会发布了新规。", "中国证监会"),
        (_LEAD + "Its rivals include OpenAI, analysts said.", "OpenAI"),
    ],
)
def test_a_name_met_once_in_passing_is_not_a_node(text: str, passing: str) -> None:
    ex = extract(Article(text=text, published="2025-07-02"))
    names = {n for e in ex.entities for n in e.names}
    assert passing not in names
    assert {"星衡智能", "红杉中国", "真格基金"} <= names  # the facts' entities stay
    assert any(passing in item and "passing" in reason for item, reason in ex.dropped)


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        # named twice: the article is about it
        (_LEAD + "公司的竞争对手包括腾讯。腾讯去年也推出了同类产品。", "腾讯"),
        # named in the headline
        ("腾讯押注具身智能\n" + _LEAD, "腾讯"),
        # a person, a university and an exchange stay: background a reader looks up
        (_LEAD + "公司创始人林知远毕业于清华大学。", "林知远"),
        (_LEAD + "公司创始人林知远毕业于清华大学。", "清华大学"),
        (_LEAD + "公司计划在两年内登陆港交所。", "港交所"),
        # the subject of a round with no investor named
        ("Posted by Dana Reyes | Fintech Notes\n\nCobblefield Labs raised $8 million.", "Cobblefield Labs"),
    ],
)
def test_an_entity_the_article_is_about_stays_without_a_fact(text: str, kept: str) -> None:
    assert kept in _names(text)
