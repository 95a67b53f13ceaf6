"""Counts of paying users, users, monthly active users and customers as figures with unit `count`,
"as of" a day; staff, shares, sums of money and percentages are never read as users. Every sentence
here was written for this file."""

from __future__ import annotations

from typing import Any

import pytest

from tests.extract.test_financials_phrasing import DATE, figures


def counts(text: str, published: str | None = DATE) -> list[tuple[Any, ...]]:
    return [(f["metric"], f["period"], f["amount"], f["amount_precision"], f.get("currency"))
            for f in figures(text, published) if f.get("unit") == "count"]


@pytest.mark.parametrize(("text", "expected"), [
    ("星衡智能递交招股书。截至2025年6月30日,星衡智能付费用户超过1200万。",
     [("paying_users", "2025-06-30", 12000000, "lower_bound", None)]),
    ("星衡智能递交招股书。星衡智能累计服务客户逾500家。", [("customers", DATE, 500, "lower_bound", None)]),
    ("雲棧科技遞交招股書。雲棧科技2025年上半年月活躍用戶數達1.2億,擁有3億註冊用戶。",
     [("mau", "2025-06-30", 120000000, "exact", None), ("users", "2025-06-30", 300000000, "exact", None)]),
    ("Harborlight Robotics filed for a Nasdaq listing. Harborlight Robotics had 12 million monthly active users "
     "as of June 30, 2025.", [("mau", "2025-06-30", 12000000, "exact", None)]),
    ("Harborlight Robotics filed for a Nasdaq listing. Harborlight Robotics has more than 2,000 enterprise "
     "customers and about 1.5 million paying subscribers.",
     [("customers", DATE, 2000, "lower_bound", None), ("paying_users", DATE, 1500000, "approx", None)]),
])
def test_counts(text: str, expected: list[tuple[Any, ...]]) -> None:
    assert counts(text) == expected


def test_a_count_is_a_count_not_money() -> None:
    [fig] = figures("星衡智能递交招股书。星衡智能付费用户约80万名。")
    assert (fig["unit"], fig["amount"], fig["amount_precision"]) == ("count", 800000, "approx")
    assert "currency" not in fig


@pytest.mark.parametrize("text", [
    "星衡智能递交招股书。星衡智能员工超过1200人。",  # staff are not users
    "星衡智能递交招股书。星衡智能前五大客户收入占比35%。",  # a share of revenue, not a count
    "星衡智能递交招股书。星衡智能来自付费用户的收入为2亿元。",  # money earned from users
    "星衡智能递交招股书。星衡智能用户2024年增长明显。",  # a bare year after the noun
    "Harborlight Robotics filed for a Nasdaq listing. It earned $12 million from paying customers in 2024.",
    "Harborlight Robotics filed for a Nasdaq listing. It sold 12 million shares to users of its app.",
])
def test_near_misses(text: str) -> None:
    assert counts(text) == []
