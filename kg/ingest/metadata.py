"""What a text says about itself: language, a scraped-corpus header, its title and publication date.

Dates given as metadata (JSON fields, front matter, page meta tags) are checked: a value that is no
calendar date (`9999-99-99`) is dropped with a warning rather than stored as given, since every
relative date in the article would be resolved against it.
"""

from __future__ import annotations

import datetime as dt
import re

from kg.extract.normalize import find_dates, parse_date
from kg.names import to_simplified

__all__ = ["checked_date", "guess_language", "stated_date", "strip_header", "title_guess"]

#: How far into a text a stated publication date is trusted (a dateline, a byline).
_DATE_WINDOW = 400
#: Years a news article can be published in; anything else is a typo or a placeholder.
_YEARS = range(1800, 2200)


def guess_language(text: str) -> str | None:
    """'zh' (simplified), 'zh-Hant' (traditional) or 'en', from the characters used.

    Chinese when Chinese characters are at least a fifth of the letters; traditional when more of
    them change under traditional->simplified conversion than would in simplified text.
    """
    sample = text[:20000]
    cjk = [c for c in sample if "\u4e00" <= c <= "\u9fff"]
    latin = sum(1 for c in sample if c.isascii() and c.isalpha())
    if not cjk and not latin:
        return None
    if len(cjk) * 3 < latin * 0.2 * 3 or len(cjk) < 0.2 * (len(cjk) + latin / 5):
        return "en" if latin else None
    joined = "".join(cjk)
    changed = sum(1 for a, b in zip(joined, to_simplified(joined), strict=False) if a != b)
    return "zh-Hant" if changed > 0.05 * len(cjk) else "zh"


_HEADER = re.compile(
    r"\A(?:\ufeff)?URL:\s*(?P<url>\S+)[ \t]*\n(?:(?:QUERY|TITLE|DATE):[^\n]*\n)*\s*", re.IGNORECASE
)


def strip_header(text: str) -> tuple[str, str | None]:
    """Drop a "URL: ..." / "QUERY: ..." header (as in scraped corpora), keeping the URL."""
    m = _HEADER.match(text)
    if not m:
        return text, None
    return text[m.end() :], m.group("url")


_DATE_LABEL = re.compile(
    r"(?:发布时间|发布日期|发布于|发表于|发布|更新时间|更新于|出版|日期|时间|Published|Updated|Posted|Date)\s*[:：]?\s*$",
    re.IGNORECASE,
)
_TIME_AFTER = re.compile(r"\s*\d{1,2}:\d{2}")
#: A dateline carries little besides the date: an outlet, an author, a section, a time.
_DATELINE_REST = 30


def stated_date(text: str) -> str | None:
    """The publication date stated near the top of a text (never guessed): the first full date, or a
    month that is labelled ("发布时间：", "Published") or stands on a dateline (a short line with no
    Chinese clause in it, or one with a time). A month inside a body sentence ("2023年6月，X完成A轮
    融资") is what the story is about, not when it was published, and would skew every relative date."""
    head = text[:_DATE_WINDOW]
    for start, end, value in find_dates(head, None):
        if value.precision == "day":
            return value.iso
        if value.precision != "month":
            continue
        line_start = head.rfind("\n", 0, start) + 1
        line_end = head.find("\n", end)
        line_end = len(head) if line_end < 0 else line_end
        labelled = bool(_DATE_LABEL.search(head[line_start:start]))
        rest = (head[line_start:start] + head[end:line_end]).strip()
        dateline = len(rest) <= _DATELINE_REST and not re.search(r"[，。；,;]\s*[\u4e00-\u9fff]", rest)
        if labelled or dateline or _TIME_AFTER.match(head, end):
            return value.iso
    return None


_NAV_LINE = re.compile(r"\s>\s|>|\||首页|当前位置|导航|分享到|扫一扫|责任编辑|来源[:：]|^\W*$")


def title_guess(text: str) -> str | None:
    """The first line that reads like a headline: short, not navigation, not a dateline."""
    head = text[:20000]
    lines = head.splitlines()[:12]
    if len(head) < len(text) and len(lines) < 12 and lines:
        lines.pop()  # cut by the window: not the whole line
    for line in lines:
        line = line.strip().lstrip("#").strip()
        if len(line) < 6 or _NAV_LINE.search(line):
            continue
        if parse_date(line[:30], None) is not None and len(line) < 40:
            continue  # a date or dateline
        if len(line) <= 120 and not line.endswith(("。", ".", "；", ";")):
            return line
        return None
    return None


_ISO = re.compile(r"\s*(\d{4})-(\d{1,2})(?:-(\d{1,2}))?(?!\d)")


def checked_date(value: object) -> tuple[str | None, str | None]:
    """(ISO date, None) for a usable date value; (None, why) for one that is given but no date.

    Accepts `YYYY-MM-DD`, `YYYY-MM` (with anything after, such as a time) or what the article date
    parser reads (`2025年6月3日`, `March 3, 2025`); the result must be a real calendar date within
    plausible years. A missing or blank value is (None, None): nothing to warn about.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, None
    if not isinstance(value, str):
        return None, f"not a date string: {type(value).__name__}"
    m = _ISO.match(value)
    if m:
        year, month, day = int(m.group(1)), m.group(2), m.group(3)
        try:
            dt.date(year, int(month), int(day or 1))
        except ValueError:
            return None, "not a calendar date"
        if year not in _YEARS:
            return None, f"year {year} is out of range"
        return "-".join([m.group(1), *(f"{int(p):02d}" for p in (month, day) if p)]), None
    parsed = parse_date(value[:100], None)
    if parsed is None:
        return None, "not a date"
    if int(parsed.iso[:4]) not in _YEARS:
        return None, f"year {parsed.iso[:4]} is out of range"
    return parsed.iso, None
