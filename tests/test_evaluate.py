"""`kg eval`: the corpus's scoring rules, the fixed dev/blind split and the classes of misses."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from kg.cli import app
from kg.evaluate import corpus_half, evaluate_dir, miss_table, score_graph


def _node(node_id: str, name: str, labels: list[str], aliases: tuple[str, ...] = ()) -> dict:
    return {"id": node_id, "name": name, "labels": labels, "aliases": list(aliases)}


GOLD = {
    "id": "invented",
    "lang": "zh",
    "entities": [
        {"key": "xh", "type": "Company", "names": ["星衡智能", "Xingheng AI"]},
        {"key": "yc", "type": "Investor", "names": ["远川资本"]},
        {"key": "bh", "type": "Investor", "names": ["白桦创投"]},
        {"key": "lin", "type": "Person", "names": ["林知远"]},
        {"key": "hk", "type": "Exchange", "names": ["港交所"]},
    ],
    "relations": [
        {"type": "INVESTED_IN", "source": "yc", "target": "xh", "attrs": {"round": "A", "amount": 100000000}},
        {"type": "INVESTED_IN", "source": "bh", "target": "xh", "attrs": {}},
        {"type": "FOUNDED", "source": "lin", "target": "xh", "attrs": {}},
        {"type": "LISTED_ON", "source": "xh", "target": "hk", "attrs": {}},
    ],
}


def test_score_graph_counts_and_classifies_every_miss() -> None:
    graph = {
        "nodes": [
            _node("c1", "星衡智能", ["Organization", "Company"]),
            _node("c2", "xingheng ai", ["Organization", "Company"]),  # a duplicate of one gold entity
            _node("i1", "远川资本", ["Organization", "Investor"]),
            _node("i2", "有白桦创投", ["Organization", "Investor"]),  # a verb glued to the name
            _node("p1", "林知远", ["Organization", "Company"]),  # a person typed as a company
            _node("x1", "港交所", ["Organization", "Exchange"]),
        ],
        "edges": [
            {"source": "i1", "target": "c1", "type": "INVESTED_IN", "round": "A", "amount": 99_500_000},
            {"source": "x1", "target": "c1", "type": "LISTED_ON"},  # reversed
        ],
    }
    score = score_graph(GOLD, graph)
    assert (score.e_tp, score.e_fp, score.e_fn) == (3, 3, 2)
    assert (score.r_tp, score.r_fp, score.r_fn) == (1, 1, 3)
    assert (score.a_ok, score.a_total) == (2, 2)  # amount within 1%
    kinds = {m.detail.split(" ")[0] if m.kind.startswith("entity") else m.detail: m.kind for m in score.misses}
    assert kinds["bh"] == "entity: boundary"
    assert kinds["lin"] == "entity: type"
    assert kinds["INVESTED_IN bh -> xh"] == "relation INVESTED_IN: end missing"
    assert kinds["LISTED_ON xh -> hk"] == "relation LISTED_ON: reversed or retyped"
    assert kinds["FOUNDED lin -> xh"] == "relation FOUNDED: end missing"
    assert any(m.kind == "extra entity" and "duplicate" in m.detail for m in score.false_positives)


def test_a_relation_between_found_ends_that_no_rule_tied_is_not_linked() -> None:
    graph = {
        "nodes": [_node("c", "星衡智能", ["Company"]), _node("i", "远川资本", ["Investor"])],
        "edges": [],
    }
    score = score_graph(GOLD, graph)
    assert [m.kind for m in score.misses if m.detail == "INVESTED_IN yc -> xh"] == ["relation INVESTED_IN: not linked"]
    table = miss_table([score])
    assert table[0].split()[-2:] == ["zh", "total"]
    assert any(line.startswith("relation INVESTED_IN: not linked") and line.split()[-1] == "1" for line in table)


@given(st.text(min_size=1, max_size=40))
def test_the_split_is_a_pure_function_of_the_id(article_id: str) -> None:
    assert corpus_half(article_id) == corpus_half(str(article_id))
    assert corpus_half(article_id) in ("dev", "blind")


def test_the_split_is_roughly_even() -> None:
    halves = [corpus_half(f"article-{i}") for i in range(2000)]
    assert 900 < halves.count("dev") < 1100


@pytest.fixture
def tiny_corpus(tmp_path: Path) -> Path:
    """Two invented articles, one in each half, with gold facts."""
    articles = {
        "a": ("2025年3月1日，星衡智能宣布完成1亿元A轮融资，由远川资本领投。",
              [{"key": "xh", "type": "Company", "names": ["星衡智能"]},
               {"key": "yc", "type": "Investor", "names": ["远川资本"]}],
              [{"type": "INVESTED_IN", "source": "yc", "target": "xh", "attrs": {"round": "A"}}]),
    }
    ids = [f"case-{i}" for i in range(40)]
    dev = next(i for i in ids if corpus_half(i) == "dev")
    blind = next(i for i in ids if corpus_half(i) == "blind")
    for article_id in (dev, blind):
        text, entities, relations = articles["a"]
        (tmp_path / f"{article_id}.txt").write_text(text, encoding="utf-8")
        gold = {"id": article_id, "lang": "zh", "entities": entities, "relations": relations}
        (tmp_path / f"{article_id}.gold.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    return tmp_path


def test_evaluate_dir_scores_one_half(tiny_corpus: Path) -> None:
    scores, total = evaluate_dir(tiny_corpus, half="blind")
    assert [corpus_half(s.article) for s in scores] == ["blind"]
    assert total.relation_prf[2] == 1.0


def test_cli_eval_reports_both_halves_and_the_classes(tiny_corpus: Path) -> None:
    result = CliRunner().invoke(app, ["eval", str(tiny_corpus), "--verbose"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert any(line.startswith("dev half (1 articles): entities P=1.00") for line in lines)
    assert any(line.startswith("blind half (1 articles)") for line in lines)
    assert lines[-1].startswith("all (2 articles)")
    assert any(line.startswith("class") for line in lines)


def test_cli_eval_rejects_an_unknown_half(tiny_corpus: Path) -> None:
    result = CliRunner().invoke(app, ["eval", str(tiny_corpus), "--half", "test"])
    assert result.exit_code == 1
    assert "--half must be dev, blind or all" in result.output


# -- financial figures --------------------------------------------------------------------------------


def _figure(node_id: str, metric: str, period: str, currency: str, **value: object) -> dict:
    return {"id": node_id, "name": f"x {metric} {period}", "labels": ["FinancialFigure"], "aliases": [],
            "metric": metric, "period": period, "currency": currency, **value}


FIGURE_GOLD = {**GOLD, "figures": [
    {"company": "xh", "metric": "revenue", "period": "FY2024", "value": 312000000, "currency": "CNY"},
    {"company": "Xingheng AI", "metric": "ipo_raise_target", "period": "IPO", "value": [600000000, 700000000],
     "currency": "USD"},
    {"company": "xh", "metric": "valuation", "period": "2025-10-20", "value": 4000000000, "currency": "USD"},
    {"company": "xh", "metric": "net_loss", "period": "H1 2025", "value": 51000000, "currency": "CNY"},
]}


def test_figures_match_on_company_metric_period_value_within_1pct_and_currency() -> None:
    graph = {
        "nodes": [_node("c1", "星衡智能", ["Organization", "Company"]), _node("x1", "港交所", ["Exchange"]),
                  _figure("f1", "revenue", "FY2024", "CNY", amount=313000000),  # within 1%
                  _figure("f2", "ipo_raise_target", "IPO", "USD", amount_low=600000000, amount_high=700000000),
                  _figure("f3", "valuation", "2025-10-20", "HKD", amount=4000000000),  # wrong currency
                  _figure("f4", "net_loss", "H1 2025", "CNY", amount=53000000),  # off by 4%
                  _figure("f5", "revenue", "H1 2025", "CNY", amount=191000000)],  # not in the gold
        "edges": [{"source": f, "target": "c1", "type": "FIGURE_OF"} for f in ("f1", "f2", "f3", "f4", "f5")],
    }
    score = score_graph(FIGURE_GOLD, graph)
    assert (score.f_tp, score.f_fp, score.f_fn, score.f_articles) == (2, 3, 2, 1)
    assert {m.kind for m in score.misses if m.kind.startswith("figure")} == {"figure valuation", "figure net_loss"}
    assert sum(m.kind.startswith("extra figure") for m in score.false_positives) == 3
    # a figure of another company does not count for this one
    graph["edges"] = [{"source": "f1", "target": "x1", "type": "FIGURE_OF"}]
    assert score_graph(FIGURE_GOLD, graph).f_tp == 0


def test_a_gold_file_without_figures_is_scored_as_before() -> None:
    from kg.evaluate import summary_line

    graph = {"nodes": [_node("c1", "星衡智能", ["Organization", "Company"]),
                       _figure("f1", "revenue", "FY2024", "CNY", amount=1)],
             "edges": [{"source": "f1", "target": "c1", "type": "FIGURE_OF"}]}
    score = score_graph(GOLD, graph)
    assert (score.f_tp, score.f_fp, score.f_fn, score.f_articles) == (0, 0, 0, 0)
    assert "figures" not in summary_line(score, "all") and not score.false_positives[1:]


def test_kg_eval_scores_the_figures_of_the_financial_articles() -> None:
    directory = Path(__file__).resolve().parent / "data" / "financials"
    result = CliRunner().invoke(app, ["eval", str(directory)])
    assert result.exit_code == 0, result.stdout + result.stderr
    last = result.stdout.strip().splitlines()[-1]
    assert last.startswith("all (4 articles)")  # 04: offer price range, cornerstone total, growth, a count
    assert "figures P=1.00 R=1.00 F1=1.00 (21 gold in 4 articles)" in last
    assert "| fig P=1.00 R=1.00" in result.stdout.splitlines()[0]
