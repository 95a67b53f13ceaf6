"""Financial figures: each rule finds its figure (metric, value, currency, period, modality) and leaves
the near miss beside it alone. Every sentence here was written for this file."""

from __future__ import annotations

from typing import Any

import pytest

from kg.extract import extract
from kg.model import Article

DATE = "2025-12-08"


def figures(text: str, published: str | None = DATE) -> list[dict[str, Any]]:
    """The figures of `text` as (company name, attributes) dicts, in text order."""
    ex = extract(Article(text=text, published=published))
    by_handle = {m.handle: m for m in ex.entities}
    out = []
    for rel in ex.relations:
        if rel.type == "FIGURE_OF":
            fig = by_handle[rel.source]
            assert fig.types == {"FinancialFigure"}
            assert "Company" in by_handle[rel.target].types
            out.append({"company": by_handle[rel.target].display_name, **fig.attrs})
    return out


def one(text: str, published: str | None = DATE) -> dict[str, Any]:
    found = figures(text, published)
    assert len(found) == 1, found
    return found[0]


def test_revenue_of_two_periods_in_one_sentence() -> None:
    found = figures("星衡智能递交招股书。星衡智能2024年营收约3.12亿元,2025年上半年营收为1.91亿元。")
    assert [(f["metric"], f["period"], f["amount"], f["currency"], f["amount_precision"]) for f in found] == [
        ("revenue", "FY2024", 312000000, "CNY", "approx"), ("revenue", "H1 2025", 191000000, "CNY", "exact")]
    assert {f["company"] for f in found} == {"星衡智能"}
    assert {f["modality"] for f in found} == {"stated"}


def test_a_period_carries_to_the_next_figure_of_the_sentence() -> None:
    found = figures("星衡智能递交招股书。星衡智能2024年营收为5.2亿元,研发支出达15.95亿元。")
    assert [(f["metric"], f["period"], f["amount"]) for f in found] == [
        ("revenue", "FY2024", 520000000), ("rd_expense", "FY2024", 1595000000)]


def test_revenue_near_miss_investment_income_and_no_period() -> None:
    assert figures("星衡智能递交招股书。星衡智能2024年投资收益为2亿元。") == []
    # a flow without any period is not a fact we can place
    assert figures("星衡智能递交招股书。星衡智能营收为5.2亿元。") == []


def test_cumulative_loss_is_a_stock_as_of_the_article_date() -> None:
    fig = one("星衡智能递交招股书。截至目前,星衡智能累计亏损已超62亿元。")
    assert (fig["metric"], fig["basis"], fig["period"]) == ("cumulative_loss", "cumulative", DATE)
    assert (fig["amount_low"], fig["amount_precision"], fig["currency"]) == (6200000000, "lower_bound", "CNY")
    # near miss: a yearly loss is a net loss of that year, not a cumulative one
    fig = one("星衡智能递交招股书。星衡智能2024年亏损4.1亿元。")
    assert (fig["metric"], fig["period"]) == ("net_loss", "FY2024")


def test_adjusted_loss_over_nine_months() -> None:
    fig = one("云栈科技冲刺港交所,云栈科技2025年前九个月调整后亏损1.86亿美元。")
    assert (fig["metric"], fig["basis"], fig["period"], fig["amount"], fig["currency"]) == (
        "adjusted_loss", "adjusted", "9M 2025", 186000000, "USD")


def test_relative_periods_resolve_against_the_article_date() -> None:
    fig = one("云栈科技冲刺港交所。云栈科技今年前三季度营收为3.3亿元。", published="2025-11-02")
    assert fig["period"] == "9M 2025"
    fig = one("云栈科技冲刺港交所。云栈科技上半年净亏损为1.2亿元。", published="2026-02-10")
    assert fig["period"] == "H1 2025"


def test_raise_target_and_valuation_are_kept_apart() -> None:
    found = figures("云栈科技拟在港交所上市,计划募资6-7亿美元,估值约40亿美元。")
    target, valuation = found
    assert (target["metric"], target["modality"], target["period"]) == ("ipo_raise_target", "planned", "IPO")
    assert (target["amount_low"], target["amount_high"], target["currency"]) == (600000000, 700000000, "USD")
    assert "amount" not in target
    assert (valuation["metric"], valuation["modality"], valuation["amount"]) == ("valuation", "estimated", 4000000000)
    assert valuation["period"] == DATE


def test_a_raise_target_is_never_the_raise() -> None:
    found = figures("云栈科技登陆港交所,此前计划募资约3亿美元,最终募资4.2亿美元。")
    assert [(f["metric"], f["modality"], f["amount"]) for f in found] == [
        ("ipo_raise_target", "planned", 300000000), ("ipo_raise", "stated", 420000000)]


def test_a_round_is_not_an_ipo_raise_and_its_valuation_is_not_its_amount() -> None:
    found = figures("云栈科技完成5亿元B轮融资,募资将用于研发,投后估值达80亿元。")
    assert [(f["metric"], f["basis"], f["amount"]) for f in found] == [("valuation", "post_money", 8000000000)]


def test_traditional_chinese_ipo_pricing() -> None:
    found = figures("雲棧科技公布招股結果,發售價定為每股165港元,集資淨額約42億港元。")
    assert [(f["metric"], f["amount"], f["currency"], f["period"]) for f in found] == [
        ("offer_price", 165, "HKD", "IPO"), ("ipo_raise", 4200000000, "HKD", "IPO")]


def test_offer_price_near_miss_a_share_price_move() -> None:
    assert figures("雲棧科技股價今日收報每股170港元,较上周上涨。") == []


def test_english_nine_months_ended() -> None:
    found = figures("Harborlight Robotics filed for a Nasdaq listing. For the nine months ended September 30, "
                    "2025, revenue was $53.4 million and net loss was $12.1 million.")
    assert [(f["company"], f["metric"], f["period"], f["amount"], f["currency"]) for f in found] == [
        ("Harborlight Robotics", "revenue", "9M 2025", 53400000, "USD"),
        ("Harborlight Robotics", "net_loss", "9M 2025", 12100000, "USD")]


def test_english_trailing_period_and_fiscal_year() -> None:
    fig = one("Harborlight Robotics filed for a Nasdaq listing. Harborlight Robotics posted revenue of "
              "$20.5 million in fiscal 2024.")
    assert (fig["metric"], fig["period"]) == ("revenue", "FY2024")


def test_english_ipo_terms() -> None:
    found = figures("Harborlight Robotics raised HK$4.2 billion in its Hong Kong IPO at an offer price of "
                    "HK$165 per share.")
    assert [(f["metric"], f["amount"], f["currency"]) for f in found] == [
        ("ipo_raise", 4200000000, "HKD"), ("offer_price", 165, "HKD")]
    found = figures("Harborlight Robotics plans to raise as much as $300 million in its Nasdaq IPO.")
    assert [(f["metric"], f["modality"]) for f in found] == [("ipo_raise_target", "planned")]


def test_english_near_miss_raised_in_a_funding_round() -> None:
    assert figures("Harborlight Robotics raised $40 million in a Series B funding round led by Granite Peak.") == []


def test_english_valuation_and_cash() -> None:
    found = figures("Harborlight Robotics, which filed for a Nasdaq IPO, was valued at $2.1 billion. As of "
                    "June 30, 2025, Harborlight Robotics had cash and cash equivalents of $88 million.")
    assert [(f["metric"], f["period"], f["amount"]) for f in found] == [
        ("valuation", DATE, 2100000000), ("cash", "2025-06-30", 88000000)]


@pytest.mark.parametrize("text", [
    "星衡智能2024年营收约3.12亿,同比增长35%。",  # no currency: not a sum we can normalise
    "红杉中国2024年营收为5亿元。",  # an investor does not report revenue here
])
def test_near_misses_without_a_reporting_company_or_currency(text: str) -> None:
    assert figures(text) == []
