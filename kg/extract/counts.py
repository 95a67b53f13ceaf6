"""Counts: paying users, users, monthly active users and customers ("付费用户超过1200万", "累计服务客户逾500家",
"12 million monthly active users"), as figures with unit `count`.

An AI company's prospectus sells growth in users as much as in revenue, so these are figures like any
other: a value (with its bound: 超过/逾/more than a lower bound, 约/about approximate), the company named
before it, and a period. A count is a stock: "as of" the date its sentence names (a half year's end for
"2025年上半年"), else the article date.

Narrow on purpose: the count must sit right next to its noun, either after it ("付费用户超过1200万",
"服务客户逾500家") or before it ("拥有3亿用户", "12 million monthly active users"); a sum of money, a
percentage or a count of staff or shares is never read as users.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from kg.extract.financials import FigureCandidate, is_english
from kg.extract.normalize import Money, hedge_precision, quantity
from kg.extract.periods import find_periods
from kg.extract.text import Sentence

__all__ = ["find_counts"]

_NUMBER = r"(?P<num>\d+(?:,\d{3})*(?:\.\d+)?)"
_HEDGE_ZH = r"(?P<hedge>超过|超出|超|逾|不少于|至少|将近|接近|近|约|大约)?"
_NOUN_ZH = (r"(?P<noun>付费用户|付费客户|付费企业客户|月活跃用户|月活用户|月活|MAU|注册用户|个人用户|活跃用户|用户|"
            r"企业客户|服务客户|客户)")
#: Noun, then the count: "付费用户超过1200万", "累计服务客户逾500家", "月活跃用户数达1.2亿".
_AFTER_ZH = re.compile(
    r"(?<![A-Za-z])" + _NOUN_ZH + r"(?:数量|总数|数|规模|人数)?(?:已|累计|共)?(?:达到|达|突破|为|有|增至|升至)?"
    + _HEDGE_ZH + _NUMBER + r"\s*(?P<mag>万|亿|千万|百万)?\s*(?P<counter>名|人|户|家|个|位)?(?![\d.%元美港])")
#: Count, then the noun: "拥有3亿用户", "服务逾500家企业客户".
_BEFORE_ZH = re.compile(
    r"(?:拥有|服务|服务了|覆盖|积累|吸引)(?:了)?" + _HEDGE_ZH + _NUMBER + r"\s*(?P<mag>万|亿|千万|百万)?\s*"
    r"(?P<counter>名|位|家|个)?" + _NOUN_ZH + r"(?!数|收入|营收|占比)")
_EN = re.compile(
    r"(?<![$\w.])(?:(?P<hedge>more\s+than|over|about|nearly|almost|approximately|around|some|at\s+least)\s+)?"
    + _NUMBER + r"\s*(?P<mag>million|billion|thousand|m\b|bn\b)?\s+(?P<noun>monthly\s+active\s+users|MAUs?|"
    r"paying\s+(?:users|customers|subscribers)|(?:registered\s+|active\s+)?users|(?:enterprise\s+|business\s+)?"
    r"customers)\b",
    re.IGNORECASE)


def _metric(noun: str) -> str:
    noun = noun.lower()
    if "付费" in noun or noun.startswith("paying"):
        return "paying_users"
    if "月活" in noun or "monthly" in noun or noun.startswith("mau"):
        return "mau"
    return "customers" if "客户" in noun or "customer" in noun else "users"


def _as_of(body: str, start: int, end: int, published: str | None, english: bool) -> str | None:
    """The day a count holds on: the last period named before it in its sentence (its end date for a
    span), in English else one right after it ("… users as of June 30, 2025"), else the article date."""
    periods = find_periods(body[:start], published)
    if not periods and english:
        periods = find_periods(body[end:], published)[:1]
    if not periods:
        return published
    period = periods[-1][2]
    return period.label if period.label[:1].isdigit() else period.end


def find_counts(text: str, sentences: Sequence[Sentence], published: str | None) -> list[FigureCandidate]:
    """Every count of users or customers in the normalised `text` (see the module docstring)."""
    out: list[FigureCandidate] = []
    for sentence in sentences:
        body = text[sentence.start:sentence.end]
        english = is_english(body)
        patterns = (_EN,) if english else (_AFTER_ZH, _BEFORE_ZH)
        for pattern in patterns:
            for m in pattern.finditer(body):
                if m.group("noun").upper().startswith("MAU") and pattern is not _EN and not m.group("mag"):
                    continue
                value = quantity(m.group("num"), m.group("mag"))
                period = _as_of(body, m.start(), m.end(), published, english)
                if value is None or period is None or (pattern is _AFTER_ZH and not (m.group("mag")
                                                                                    or m.group("counter"))):
                    continue  # a bare number after a noun ("用户2024") is no count
                precision = hedge_precision(m.group("hedge"))
                money = Money(value, None, value if precision == "lower_bound" else None,
                              value if precision == "upper_bound" else None, precision, m.group(0).strip())
                out.append(FigureCandidate(sentence, sentence.start + m.start(), sentence.start + m.end(),
                                           _metric(m.group("noun")), money, period, None, "stated", "count"))
    return sorted(out, key=lambda f: f.start)
