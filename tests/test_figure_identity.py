"""One fact, one node: the same value reported under two names of one company is one FinancialFigure
with both sources; rounded values agree or disagree by one rule (`kg.queries.agreement`). Every
sentence here was written for this file."""

from __future__ import annotations

from pathlib import Path

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
