"""Reporting periods resolve to one canonical label, whatever the script or the wording, and a period
without a year is placed by the article date (never by today's clock)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.extract.periods import label_for, parse_period

#: The labels the SHACL shape for kgo:period accepts (ontology/shapes.ttl).
SHAPE = re.compile(r"^(FY[0-9]{4}|H[12] [0-9]{4}|Q[1-4] [0-9]{4}|(1[01]|[1-9])M [0-9]{4}|"
                   r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?|IPO)$")
years = st.integers(min_value=1990, max_value=2099)
CN = {1: "一", 2: "二", 3: "三", 4: "四", 5: "五", 6: "六", 7: "七", 8: "八", 9: "九", 10: "十", 11: "十一"}
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
LAST_DAY = {3: 31, 6: 30, 9: 30, 12: 31}


@pytest.mark.parametrize(("text", "base", "label"), [
    ("2024年营收", None, "FY2024"),
    ("2024财年", None, "FY2024"),
    ("2025年上半年", None, "H1 2025"),
    ("2025年下半年", None, "H2 2025"),
    ("2025年前九个月", None, "9M 2025"),
    ("2025年前三季度", None, "9M 2025"),
    ("2025年第三季度", None, "Q3 2025"),
    ("截至2025年6月30日止六个月", None, "H1 2025"),
    ("截至2025年6月30日", None, "2025-06-30"),
    ("今年前三季度", "2025-11-20", "9M 2025"),
    ("去年全年", "2025-11-20", "FY2024"),
    ("上半年", "2025-11-20", "H1 2025"),
    ("上半年", "2025-03-02", "H1 2024"),  # H1 2025 had not ended yet: the report is of the last one
    ("前三季度", "2025-09", "9M 2025"),
    ("for the nine months ended September 30, 2025", None, "9M 2025"),
    ("for the six months ended June 30, 2025", None, "H1 2025"),
    ("for the three months ended September 30, 2025", None, "Q3 2025"),
    ("for the year ended December 31, 2024", None, "FY2024"),
    ("in fiscal 2023", None, "FY2023"),
    ("FY2024", None, "FY2024"),
    ("the first half of 2025", None, "H1 2025"),
    ("the third quarter of 2025", None, "Q3 2025"),
    ("Q3 2025", None, "Q3 2025"),
    ("as of June 30, 2025", None, "2025-06-30"),
    ("last year", "2025-12-01", "FY2024"),
])
def test_period_forms(text: str, base: str | None, label: str) -> None:
    period = parse_period(text, base)
    assert period is not None and period.label == label


@pytest.mark.parametrize(("text", "base"), [
    ("2025年6月递表", None),  # a month is a date, not a reporting period
    ("上半年", None),  # no article date: not placed
    ("今年前三季度", None),
    ("six months ended September 30, 2025", None),  # a span none of FY/H/Q/YTD
    ("the company has 2025 employees", None),
])
def test_near_misses_are_not_periods(text: str, base: str | None) -> None:
    assert parse_period(text, base) is None


@given(years)
def test_zh_and_en_name_the_same_half_year(year: int) -> None:
    zh = parse_period(f"{year}年上半年")
    en = parse_period(f"for the six months ended June 30, {year}")
    assert zh is not None and en is not None and zh == en and zh.label == f"H1 {year}"
    assert zh.end == f"{year}-06-30"


@given(years, st.integers(min_value=1, max_value=4))
def test_quarters_in_every_wording(year: int, q: int) -> None:
    end = 3 * q
    forms = [f"{year}年第{CN[q]}季度", f"{year}年Q{q}", f"Q{q} {year}",
             f"the {['first', 'second', 'third', 'fourth'][q - 1]} quarter of {year}",
             f"three months ended {MONTHS[end - 1]} {LAST_DAY[end]}, {year}"]
    labels = {str(getattr(parse_period(f), "label", None)) for f in forms}
    assert labels == {f"Q{q} {year}"}


@given(years, st.integers(min_value=1, max_value=11))
def test_first_n_months(year: int, n: int) -> None:
    period = parse_period(f"{year}年前{CN[n]}个月")
    assert period is not None
    assert period.label == label_for(year, n, n)
    assert SHAPE.match(period.label)


@given(st.dates(min_value=dt.date(1995, 1, 1), max_value=dt.date(2098, 12, 31)))
def test_a_bare_half_year_is_the_latest_one_ended_by_the_article_date(day: dt.date) -> None:
    period = parse_period("上半年", day.isoformat())
    assert period is not None
    assert period.end <= day.isoformat()
    assert period.label in (f"H1 {day.year}", f"H1 {day.year - 1}")
    assert (period.label == f"H1 {day.year}") == ((day.month, day.day) >= (6, 30))


@given(st.text(max_size=80))
def test_any_text_gives_a_valid_label_or_none(text: str) -> None:
    period = parse_period(text, "2025-06-15")
    assert period is None or SHAPE.match(period.label)


@given(years, st.integers(min_value=1, max_value=12), st.integers(min_value=1, max_value=12))
def test_labels_fit_the_shape(year: int, end_month: int, months: int) -> None:
    label = label_for(year, end_month, months)
    assert label is None or SHAPE.match(label)
