"""Reporting periods of financial figures: "2025年上半年", "今年前三季度", "for the nine months ended
September 30, 2025", "FY2024", "截至2025年6月30日".

A revenue or a loss means nothing without the period it covers, and news writes periods the way
prospectuses and wire copy do: relative to the article ("上半年", "今年前三季度"), as "n months ended" a
date, as fiscal years. Every form is resolved into one canonical label so that two articles that
report the same half year in different words give the same fact:

- `FY2024`: a full (fiscal) year;
- `H1 2025`, `H2 2025`: half years; `Q3 2025`: a quarter;
- `9M 2025`: the first n months of a year (n = 1..11 other than a half or a quarter);
- `2025-06-30` (or `2025-06`, `2025`): "as of" a date, for stocks such as cash or a cumulative loss.

A period without a year ("上半年", "前三季度") is the latest such period that had ended by the article
date (figures are reported after the period closes): an article of 2026-02 speaks of H1 2025. With no
article date such a period is not resolved (None), never guessed from today's clock.

Works on the extractor's normalised text (simplified Chinese, NFKC: half-width digits and commas).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from kg.period_order import month_end as _end
from kg.period_order import period_sort_key

__all__ = ["Period", "find_periods", "label_for", "parse_period", "period_sort_key"]


@dataclass(frozen=True)
class Period:
    """A resolved period: its canonical `label` and the ISO date it ends on (for ordering)."""

    label: str
    end: str


_CN_NUM = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10,
           "十一": 11, "十二": 12}
_EN_NUM = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
           "ten": 10, "eleven": 11, "twelve": 12}
_EN_ORD = {"first": 1, "second": 2, "third": 3, "fourth": 4}
_MONTHS = {m: i for i, m in enumerate(("january", "february", "march", "april", "may", "june", "july", "august",
                                       "september", "october", "november", "december"), start=1)}
_MONTH_RE = "|".join(_MONTHS) + r"|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec"

_N = r"(?:\d{1,2}|十[一二]?|[一二两三四五六七八九])"
_YEAR_ZH = r"(?:(?P<y>\d{4})(?:年度?|财年|财政年度)|(?P<rel>今年|去年|前年|本年|上年))?"
_ZH = re.compile(
    r"截至(?P<ay>\d{4})年(?P<am>\d{1,2})月(?P<ad>\d{1,2})日止?(?:(?P<an>" + _N + r")个月)?"
    r"|截至(?P<ay2>\d{4})年(?P<am2>\d{1,2})月(?:底|末)"
    r"|" + _YEAR_ZH + r"(?:"
    r"(?P<half>上|下)半年"
    r"|前(?P<nq>[一二三1-3])个?季度"
    r"|前(?P<nm>" + _N + r")个?月"
    r"|第?(?P<q>[一二三四1-4])季度|Q(?P<qq>[1-4])"
    r"|(?P<full>全年)"
    r")"
    r"|(?P<fy>\d{4})(?:财年|财政年度|年度|年全年|年)(?![\d一二三四五六七八九十]+月|上半年|下半年|前|第|[一二三四1-4]季度|Q[1-4]|底|末|初)",
)
_EN = re.compile(
    r"(?P<en_n>\w+)\s+months\s+ended\s+(?P<en_m>" + _MONTH_RE + r")\.?\s+(?:\d{1,2},?\s+)?(?P<en_y>\d{4})"
    r"|(?:fiscal\s+)?year\s+ended\s+(?P<ye_m>" + _MONTH_RE + r")\.?\s+(?:\d{1,2},?\s+)?(?P<ye_y>\d{4})"
    r"|\bfirst\s+(?P<fn>\w+)\s+months\s+of\s+(?P<fn_y>\d{4})"
    r"|\b(?P<half_en>first|second)\s+half\s+(?:of\s+)?(?P<half_y>\d{4})"
    r"|\bH(?P<h>[12])\s*(?P<h_y>\d{4})"
    r"|\b(?P<qo>first|second|third|fourth)\s+quarter\s+(?:of\s+)?(?P<qo_y>\d{4})"
    r"|\bQ(?P<q_en>[1-4])\s*(?P<q_y>\d{4})"
    r"|\b(?:as\s+(?:of|at))\s+(?P<as_m>" + _MONTH_RE + r")\.?\s+(?P<as_d>\d{1,2}),?\s+(?P<as_y>\d{4})"
    r"|\b(?:FY\s?|fiscal\s+(?:year\s+)?)(?P<fy_en>\d{4}|\d{2})\b"
    r"|\b(?:in|for|during)\s+(?P<in_y>\d{4})\b(?!\s*(?:-|to)\s*\d)"
    r"|\b(?P<last>last|this)\s+year\b",
    re.IGNORECASE,
)


def label_for(year: int, end_month: int, months: int) -> str | None:
    """The canonical label of the `months` months ending with `end_month` of `year`; None for a span
    that is none of FY, half, quarter or year-to-date (e.g. six months ended September).

    Examples
    --------
    >>> label_for(2024, 12, 12), label_for(2025, 6, 6), label_for(2025, 9, 3), label_for(2025, 9, 9)
    ('FY2024', 'H1 2025', 'Q3 2025', '9M 2025')
    >>> label_for(2025, 9, 6) is None  # six months ended September
    True
    """
    if not 1 <= end_month <= 12 or not 1 <= months <= 12:
        return None
    if months == 12:
        return f"FY{year}"
    if months == 6 and end_month in (6, 12):
        return f"H{end_month // 6} {year}"
    if months == 3 and end_month % 3 == 0:
        return f"Q{end_month // 3} {year}"
    if months == end_month:
        return f"{months}M {year}"
    return None


def _period(year: int, end_month: int, months: int) -> Period | None:
    label = label_for(year, end_month, months)
    return Period(label, _end(year, end_month)) if label else None


def _base(base: str | None) -> dt.date | None:
    """The article date as a day; a partial date stands for its last day (an article of 2025-07 may
    speak of anything that ended in July)."""
    if not base:
        return None
    try:
        parts = [int(p) for p in base.split("-")]
        if len(parts) == 1:
            return dt.date(parts[0], 12, 31)
        if len(parts) == 2:
            return dt.date.fromisoformat(_end(parts[0], parts[1]))
        return dt.date(parts[0], parts[1], parts[2])
    except (ValueError, TypeError, IndexError):
        return None


def _latest(end_month: int, months: int, base: dt.date | None) -> Period | None:
    """The latest period of this shape that had ended by `base` (a period named without its year)."""
    if base is None:
        return None
    year = base.year
    if _end(year, end_month) > base.isoformat():
        year -= 1
    return _period(year, end_month, months)


def _num(text: str | None) -> int | None:
    if text is None:
        return None
    text = text.lower()
    if text.isdigit():
        return int(text)
    return _CN_NUM.get(text) or _EN_NUM.get(text) or _EN_ORD.get(text)


def _zh(m: re.Match[str], base: dt.date | None) -> Period | None:
    g = m.groupdict()
    if g["ay"]:
        year, month, day = int(g["ay"]), int(g["am"]), int(g["ad"])
        if g["an"]:
            return _period(year, month, _num(g["an"]) or 0)
        try:
            return Period(dt.date(year, month, day).isoformat(), dt.date(year, month, day).isoformat())
        except ValueError:
            return None
    if g["ay2"]:
        year, month = int(g["ay2"]), int(g["am2"])
        return Period(f"{year:04d}-{month:02d}", _end(year, month)) if 1 <= month <= 12 else None
    if g["fy"]:
        return _period(int(g["fy"]), 12, 12)
    if g["half"]:
        shape = (6, 6) if g["half"] == "上" else (12, 6)
    elif g["nq"]:
        n = 3 * (_num(g["nq"]) or 0)
        shape = (n, n)
    elif g["nm"]:
        n = _num(g["nm"]) or 0
        shape = (n, n)
    elif g["q"] or g["qq"]:
        q = _num(g["q"] or g["qq"]) or 0
        shape = (3 * q, 3)
    else:  # 全年
        shape = (12, 12)
    if g["y"]:
        return _period(int(g["y"]), *shape)
    if g["rel"]:
        if base is None:
            return None
        offset = {"今年": 0, "本年": 0, "去年": 1, "上年": 1, "前年": 2}[g["rel"]]
        return _period(base.year - offset, *shape)
    return _latest(shape[0], shape[1], base)


def _en(m: re.Match[str], base: dt.date | None) -> Period | None:
    g = m.groupdict()
    if g["en_n"]:
        return _period(int(g["en_y"]), _MONTHS.get(_month(g["en_m"]), 0), _num(g["en_n"]) or 0)
    if g["ye_m"]:
        return _period(int(g["ye_y"]), 12, 12)
    if g["fn"]:
        n = _num(g["fn"]) or 0
        return _period(int(g["fn_y"]), n, n)
    if g["half_en"]:
        return _period(int(g["half_y"]), 6 * _EN_ORD[g["half_en"].lower()], 6)
    if g["h"]:
        return _period(int(g["h_y"]), 6 * int(g["h"]), 6)
    if g["qo"]:
        return _period(int(g["qo_y"]), 3 * _EN_ORD[g["qo"].lower()], 3)
    if g["q_en"]:
        return _period(int(g["q_y"]), 3 * int(g["q_en"]), 3)
    if g["as_m"]:
        try:
            day = dt.date(int(g["as_y"]), _MONTHS[_month(g["as_m"])], int(g["as_d"]))
        except (KeyError, ValueError):
            return None
        return Period(day.isoformat(), day.isoformat())
    if g["fy_en"]:
        year = int(g["fy_en"])
        return _period(year + 2000 if year < 100 else year, 12, 12)
    if g["in_y"]:
        return _period(int(g["in_y"]), 12, 12)
    if base is None:
        return None
    return _period(base.year - (g["last"].lower() == "last"), 12, 12)


def _month(name: str) -> str:
    name = name.lower().rstrip(".")
    return next((full for full in _MONTHS if full.startswith(name[:3])), name)


def find_periods(text: str, base: str | None = None) -> list[tuple[int, int, Period]]:
    """Every period expression of `text` with its span, in text order; `base` (the article date,
    ISO, possibly partial) places the periods written without a year.

    Examples
    --------
    >>> find_periods("公司2024年营收10亿元，2025年上半年营收6亿元。")
    [(2, 7, Period(label='FY2024', end='2024-12-31')), (14, 22, Period(label='H1 2025', end='2025-06-30'))]
    >>> [p.label for _, _, p in find_periods("Revenue in Q3 2025 rose; for FY2024 it fell.")]
    ['Q3 2025', 'FY2024']
    """
    when = _base(base)
    found: list[tuple[int, int, Period]] = []
    for pattern, read in ((_ZH, _zh), (_EN, _en)):
        for m in pattern.finditer(text):
            period = read(m, when)
            if period is not None and 1900 <= int(period.end[:4]) <= 2199:
                found.append((m.start(), m.end(), period))
    kept: list[tuple[int, int, Period]] = []
    for item in sorted(found, key=lambda f: (f[0], -f[1])):
        if not kept or item[0] >= kept[-1][1]:  # "Q3 2025" is one period, whichever pattern read it
            kept.append(item)
    return kept


def parse_period(text: str, base: str | None = None) -> Period | None:
    """The last period named in `text` (the one nearest to what follows it), or None.

    Examples
    --------
    >>> parse_period("2025年前九个月").label
    '9M 2025'
    >>> parse_period("上半年", "2026-02-10").label
    'H1 2025'
    >>> parse_period("for the nine months ended September 30, 2025").label
    '9M 2025'
    """
    found = find_periods(text, base)
    return found[-1][2] if found else None
