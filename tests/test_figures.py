"""One fact, one node: the same value reported under two names of one company is one FinancialFigure
with both sources; rounded values agree or disagree by one rule (`kg.agreement`). Every
sentence here was written for this file."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.agreement import agree, span
from kg.extract import extract
from kg.graph import to_networkx
from kg.model import Article
from kg.queries import run_embedded
from kg.store import open_store
from tests.factories import record_all

ZH = ("岚峰智能递交招股书。岚峰智能2024年营收为6120万美元。", "2025-11-10")
EN = ("Lanfeng Intelligence (岚峰智能) filed for a Hong Kong listing. Lanfeng Intelligence posted revenue of "
      "$61.2 million in fiscal 2024.", "2025-11-19")


def test_the_same_value_under_two_names_is_one_figure(tmp_path: Path) -> None:
    with open_store(tmp_path / "s") as s:
        record_all(s, [extract(Article(text=t, published=d)) for t, d in (ZH, EN)])
        graph = to_networkx(s)
    figures = [n for n, d in graph.nodes(data=True) if "FinancialFigure" in d["labels"]]
    assert len(figures) == 1
    [(_f, company, edge)] = [(u, v, e) for u, v, e in graph.out_edges(figures[0], data=True)
                             if e["type"] == "FIGURE_OF"]
    assert len(edge["sources"]) == 2 and graph.nodes[company]["name"] in ("岚峰智能", "Lanfeng Intelligence")
    [row] = run_embedded(graph, "financials", "Lanfeng Intelligence")
    assert (row["amount"], len(row["sources"]), row["disagreement"]) == (61200000, 2, False)


def cell(amount: float | None = None, raw: str = "", precision: str = "exact", low: float | None = None,
         high: float | None = None) -> dict[str, object]:
    return {"amount": amount, "low": low, "high": high, "precision": precision, "as_written": [raw]}


@pytest.mark.parametrize(("a", "b", "agreeing"), [
    (cell(300000000, "约3亿元", "approx"), cell(312000000, "3.12亿元"), True),  # 3亿 stands for 2.5亿..3.5亿
    (cell(312000000, "3.12亿元"), cell(320000000, "3.2亿元"), False),  # 3.115..3.125 vs 3.15..3.25
    (cell(310000000, "约3.1亿元", "approx"), cell(312000000, "3.12亿元"), True),
    (cell(320000000, "约3.2亿元", "approx"), cell(312000000, "3.12亿元"), False),
    (cell(4000000000, "约40亿美元", "approx"), cell(4200000000, "42亿美元"), True),  # 40亿: 35亿..45亿
    (cell(53400000, "$53.4 million"), cell(53500000, "$53.5 million"), False),
    (cell(3100000000, "超31亿元", "lower_bound", low=3100000000), cell(3250000000, "32.5亿元"), True),
    (cell(3100000000, "超31亿元", "lower_bound", low=3100000000), cell(2800000000, "28亿元"), False),
    (cell(None, "6-7亿美元", "range", low=600000000, high=700000000), cell(650000000, "6.5亿美元"), True),
    (cell(None, "6-7亿美元", "range", low=600000000, high=700000000), cell(800000000, "8亿美元"), False),
    (cell(35, "同比增长35%"), cell(35.4, "up 35.4% year on year"), True),
])
def test_rounded_values_agree_by_one_rule(a: dict, b: dict, agreeing: bool) -> None:
    assert agree(a, b) is agree(b, a) is agreeing
    assert span(cell(312000000, "3.12亿元")) == pytest.approx((311500000, 312500000))


def test_a_rounded_and_a_precise_report_agree_in_the_table(tmp_path: Path) -> None:
    texts = [("星衡智能递交招股书。星衡智能2024年营收约3亿元。", "2025-10-20"),
             ("星衡智能公布招股文件。星衡智能2024年营收为3.12亿元。", "2025-10-22"),
             ("星衡智能更新招股书。星衡智能2024年营收为3.2亿元。", "2025-10-24")]
    with open_store(tmp_path / "s") as s:
        record_all(s, [extract(Article(text=t, published=d)) for t, d in texts])
        graph = to_networkx(s)
    rows = run_embedded(graph, "financials", "星衡智能")
    # 约3亿 agrees with both; 3.12亿 and 3.2亿 disagree with each other, so each of those is marked
    assert [(r["amount"], r["disagreement"]) for r in rows] == [
        (300000000, False), (312000000, True), (320000000, True)]
