"""Growth rates and counts end to end: built from an article written for this test, shown by `kg query
financials` and `compare` with their unit, exported to RDF that conforms to the SHACL shapes (a negative
growth rate included: only a percent may be below zero)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.factories import conforming_turtle
from tests.factories import run_kg as kg

ARTICLE = """---
title: 云栈科技更新招股书
date: 2025-11-20
---

云栈科技再次向港交所递交上市申请。

招股书显示,云栈科技2024年营收为8.6亿元,同比增长42%;2024年净亏损为3.1亿元,同比收窄15%。

截至2025年6月30日,云栈科技付费用户超过1200万,累计服务企业客户逾500家。
"""


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("growth")
    (root / "articles").mkdir()
    (root / "articles" / "yunzhan.md").write_text(ARTICLE, "utf-8")
    code, _out, err = kg("build", root / "articles", "--store", root / "store")
    assert code == 0, err
    return root / "store"


def rows(store: Path, *args: str) -> list[dict[str, Any]]:
    code, out, err = kg("query", *args, "--store", store, "--format", "json")
    assert code == 0, err
    return json.loads(out)


def test_growth_rows_beside_their_amounts(store: Path) -> None:
    got = [(r["metric"], r["period"], r["basis"], r["amount"], r["currency"], r["unit"])
           for r in rows(store, "financials", "云栈科技")]
    assert got == [("revenue", "FY2024", None, 860000000, "CNY", None),
                   ("revenue_growth", "FY2024", "yoy", 42, None, "percent"),
                   ("net_loss", "FY2024", None, 310000000, "CNY", None),
                   ("net_loss_growth", "FY2024", "yoy", -15, None, "percent"),
                   ("paying_users", "2025-06-30", None, 12000000, None, "count"),
                   ("customers", "2025-06-30", None, 500, None, "count")]


def test_compare_shows_a_rate_as_a_percent(store: Path) -> None:
    by_metric = {r["metric"]: r["云栈科技"] for r in rows(store, "compare", "云栈科技", "港交所")}
    assert by_metric["revenue_growth"] == "+42% (FY2024, yoy)"
    assert by_metric["net_loss_growth"] == "-15% (FY2024, yoy)"
    assert by_metric["paying_users"] == "over 12,000,000 (2025-06-30)"


def test_the_rdf_export_conforms(store: Path, tmp_path: Path) -> None:
    ttl = conforming_turtle(store, tmp_path)
    assert '"revenue_growth"' in ttl and '"percent"' in ttl and '"yoy"' in ttl
    assert '"paying_users"' in ttl and '"count"' in ttl
