"""Offer price and its range, and the market value at listing, as terms of the offering (period `IPO`);
a range written with its currency twice is one range; a market value on another day stays "as of" that
day; a valuation is never the offer price or the raise. Every sentence here was written for this file."""

from __future__ import annotations

from typing import Any

import pytest

from tests.extract.test_financials_phrasing import DATE, figures


def terms(text: str) -> list[tuple[Any, ...]]:
    return [(f["metric"], f["period"], f.get("amount"), f.get("amount_low"), f.get("amount_high"), f["currency"])
            for f in figures(text)]


RANGE = ("offer_price", "IPO", None, 16.5, 18.5, "HKD")


@pytest.mark.parametrize("text", [
    "云栈科技启动招股,每股发售价介于16.5至18.5港元。",
    "云栈科技启动招股,招股价区间为16.5港元至18.5港元。",
    "雲棧科技啟動招股,招股價區間為每股16.5至18.5港元。",
    "Harborlight Robotics marketed its Hong Kong IPO shares at HK$16.50 to HK$18.50 each.",
    "Harborlight Robotics launched its Hong Kong IPO, offering shares at between HK$16.50 and HK$18.50.",
])
def test_an_offer_price_range_is_low_and_high(text: str) -> None:
    assert terms(text) == [RANGE]


def test_a_final_offer_price() -> None:
    assert terms("Harborlight Robotics priced its Hong Kong IPO at HK$18 per share.") == [
        ("offer_price", "IPO", 18, None, None, "HKD")]


@pytest.mark.parametrize("text", [
    "云栈科技今日在港交所挂牌,上市首日市值达420亿港元。",
    "雲棧科技今日在港交所掛牌,上市首日市值達420億港元。",
    "Harborlight Robotics debuted in Hong Kong with a market capitalisation of HK$42 billion.",
])
def test_market_value_at_listing_is_a_term_of_the_offering(text: str) -> None:
    assert terms(text) == [("market_value", "IPO", 42000000000, None, None, "HKD")]


def test_near_miss_a_market_value_on_another_day() -> None:
    found = terms("云栈科技已在港交所上市,目前市值约500亿港元。")
    assert found == [("market_value", DATE, 50000000000, None, None, "HKD")]


def test_near_miss_two_sums_are_not_a_range_across_a_verb() -> None:
    found = terms("云栈科技递交招股书,云栈科技营收由2023年的1亿元增至2024年的2亿元。")
    assert found and all(f[3] is None and f[4] is None for f in found)  # never joined into one range


def test_near_miss_price_range_beside_valuation_and_raise() -> None:
    found = terms("云栈科技启动招股,招股价区间为16.5港元至18.5港元,计划募资约30亿港元,估值约400亿港元。")
    assert [f[0] for f in found] == ["offer_price", "ipo_raise_target", "valuation"]
    assert found[0] == RANGE and found[2][2] == 40000000000  # the valuation is never the price or the raise
