"""Year-on-year growth as a figure of its own: tied to the metric it qualifies (the figure right before
it, or a keyword right before it), with that metric's period; a stray percentage is left alone. Every
sentence here was written for this file."""

from __future__ import annotations

from typing import Any

import pytest

from kg.queries.financials import format_value
from tests.extract.test_financials_phrasing import DATE, figures


def growth(text: str, published: str | None = DATE) -> list[tuple[Any, ...]]:
    return [(f["metric"], f["period"], f["amount"], f.get("basis"), f.get("unit"), f.get("currency"))
            for f in figures(text, published) if f.get("unit") == "percent"]


def test_a_rate_after_a_figure_qualifies_that_figure() -> None:
    found = figures("星衡智能递交招股书。星衡智能2024年营收约3.12亿元,同比增长35%。")
    assert [(f["metric"], f["period"], f["amount"], f.get("unit")) for f in found] == [
        ("revenue", "FY2024", 312000000, None), ("revenue_growth", "FY2024", 35, "percent")]
    assert found[1]["basis"] == "yoy" and "currency" not in found[1] and found[1]["modality"] == "stated"


def test_traditional_chinese_and_a_keyword_right_before_the_rate() -> None:
    assert growth("雲棧科技遞交招股書。雲棧科技2025年上半年營收同比增長12.5%,淨虧損同比收窄20%。") == [
        ("revenue_growth", "H1 2025", 12.5, "yoy", "percent", None),
        ("net_loss_growth", "H1 2025", -20, "yoy", "percent", None)]


def test_a_relative_period_and_a_fall() -> None:
    assert growth("云栈科技冲刺港交所。云栈科技今年前三季度研发支出同比下降8%。", published="2025-11-02") == [
        ("rd_expense_growth", "9M 2025", -8, "yoy", "percent", None)]


@pytest.mark.parametrize(("text", "period", "rate"), [
    ("Harborlight Robotics filed for a Nasdaq listing. For the nine months ended September 30, 2025, revenue "
     "was $53.4 million, up 35% year on year.", "9M 2025", 35),
    ("Harborlight Robotics filed for a Nasdaq listing. In fiscal 2024, revenue was $20.5 million, a 35% "
     "increase from a year earlier.", "FY2024", 35),
    ("Harborlight Robotics filed for a Nasdaq listing. Harborlight Robotics said revenue in fiscal 2024 rose "
     "28% year over year.", "FY2024", 28),
    ("Harborlight Robotics filed for a Nasdaq listing. In fiscal 2024, net loss was $9.8 million, down 12 "
     "percent from the prior year.", "FY2024", -12),
])
def test_english_year_on_year(text: str, period: str, rate: int) -> None:
    [(metric, got_period, amount, basis, _unit, _cur)] = growth(text)
    assert (got_period, amount, basis) == (period, rate, "yoy")
    assert metric in ("revenue_growth", "net_loss_growth")


@pytest.mark.parametrize("text", [
    # a number between keyword and rate: the rate is not tied to revenue (and 3.12亿 has no currency)
    "星衡智能递交招股书。星衡智能2024年营收约3.12亿,同比增长35%。",
    # a rate of something that is no metric here
    "星衡智能递交招股书。星衡智能2024年员工人数同比增长35%。",
    # a metric without a period
    "星衡智能递交招股书。星衡智能营收同比增长35%。",
    # a market-share percentage is no growth
    "星衡智能递交招股书。星衡智能2024年营收为5.2亿元,市场份额为35%。",
    # English: a rate not year on year
    "Harborlight Robotics filed for a Nasdaq listing. In fiscal 2024, revenue was $20.5 million, up 35% "
    "from the previous quarter.",
])
def test_near_misses(text: str) -> None:
    assert growth(text) == []


def test_a_rate_reads_with_its_sign() -> None:
    assert format_value({"amount": 35, "precision": "exact", "unit": "percent"}) == "+35%"
    assert format_value({"amount": -12.5, "precision": "exact", "unit": "percent"}) == "-12.5%"
