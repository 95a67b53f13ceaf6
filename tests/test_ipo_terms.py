"""The IPO event node carries the terms of its offering (raise target, proceeds, offer price and its
marketed range, market value at listing, cornerstone total) read from the company's figures by one
fixed rule; `kg query ipo-pipeline` shows them; the RDF export conforms and the shapes catch a term
without its currency. The article in tests/data/financials/04-chengxing-offering.md was written for
these tests."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from rdflib import Graph
from typer.testing import CliRunner

from kg.cli import app
from kg.graph import to_networkx
from kg.ipo_terms import ipo_term_props
from kg.ontology import Ontology
from kg.queries import run_embedded, run_store
from kg.queries.storeview import StoreView
from kg.store import open_store
from tests.rdf.test_shapes import run_shacl

DATA = Path(__file__).resolve().parent / "data" / "financials"
runner = CliRunner()


def fig(metric: str, **value: Any) -> dict[str, Any]:
    return {"metric": metric, "period": "IPO", "modality": "stated", "currency": "HKD", "amount_precision": "exact",
            **value}


def test_a_raise_target_is_never_the_proceeds() -> None:
    props = ipo_term_props([fig("ipo_raise_target", amount=3000000000, modality="planned"),
                            fig("valuation", amount=40000000000, period="2025-12-01")])
    assert props == {"raise_target": 3000000000, "raise_target_currency": "HKD"}
    props = ipo_term_props([fig("ipo_raise_target", amount_low=600000000, amount_high=700000000,
                                amount_precision="range", currency="USD", modality="planned"),
                            fig("ipo_raise", amount=4200000000)])
    assert props == {"raise_target_low": 600000000, "raise_target_high": 700000000, "raise_target_currency": "USD",
                     "proceeds": 4200000000, "proceeds_currency": "HKD"}


def test_the_final_price_and_the_marketed_range_side_by_side() -> None:
    props = ipo_term_props([fig("offer_price", amount_low=16.5, amount_high=18.5, amount_precision="range"),
                            fig("offer_price", amount=18)])
    assert props == {"offer_price": 18, "currency": "HKD", "offer_price_low": 16.5, "offer_price_high": 18.5}


def test_stated_before_estimated_and_a_fixed_order_otherwise() -> None:
    figures = [fig("market_value", amount=43000000000, amount_precision="approx", modality="estimated"),
               fig("market_value", amount=42000000000), fig("market_value", amount=41000000000)]
    assert ipo_term_props(figures)["market_value"] == 41000000000
    assert ipo_term_props(figures[::-1]) == ipo_term_props(figures)
    # a market value as of a day is not the market value at listing
    assert ipo_term_props([fig("market_value", amount=5, period="2025-12-01")]) == {}


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("ipo-terms") / "store"
    result = runner.invoke(app, ["build", str(DATA), "--store", str(path)])
    assert result.exit_code == 0, result.stderr
    return path


def test_the_ipo_node_carries_the_terms(store: Path) -> None:
    with open_store(store) as s:
        graph = to_networkx(s)
    ipos = {d["name"]: d for _n, d in graph.nodes(data=True) if "IPO" in d["labels"]}
    chengxing = ipos["澄星科技 IPO (香港交易所)"]
    assert {k: chengxing.get(k) for k in ("raise_target", "raise_target_currency", "offer_price_low",
                                          "offer_price_high", "currency", "cornerstone_total",
                                          "cornerstone_total_currency", "proceeds")} == {
        "raise_target": 2000000000, "raise_target_currency": "HKD", "offer_price_low": 16.5,
        "offer_price_high": 18.5, "currency": "HKD", "cornerstone_total": 800000000,
        "cornerstone_total_currency": "HKD", "proceeds": None}
    lanfeng = ipos["岚峰智能 IPO (香港交易所)"]  # target in USD, proceeds in HKD: each its own currency
    assert (lanfeng["raise_target"], lanfeng["raise_target_currency"], lanfeng["proceeds"],
            lanfeng["proceeds_currency"], lanfeng["offer_price"]) == (500000000, "USD", 3860000000, "HKD", 68)


def test_the_indexed_store_gives_the_ipo_the_same_terms(store: Path) -> None:
    with open_store(store) as s:
        graph = to_networkx(s)
        rows = run_store(s, "ipo-pipeline")
        sub = StoreView(s).graph(ipos_of=["organization:澄星科技"])  # figures read, not put into the subgraph
    assert rows == run_embedded(graph, "ipo-pipeline")
    assert {r["company"]: r["cornerstone_total"] for r in rows} == {"澄星科技": "~800,000,000 HKD", "岚峰智能": None}
    [ipo] = [n for n, d in sub.nodes(data=True) if "IPO" in d["labels"]]
    assert sub.nodes[ipo] == graph.nodes[ipo]
    assert not [n for n, d in sub.nodes(data=True) if "FinancialFigure" in d["labels"]]


def test_ipo_pipeline_shows_range_and_cornerstones(store: Path) -> None:
    result = runner.invoke(app, ["query", "ipo-pipeline", "--store", str(store), "--format", "json"])
    assert result.exit_code == 0, result.stderr
    row = next(r for r in json.loads(result.stdout) if r["company"] == "澄星科技")
    assert {k: row[k] for k in ("stage", "raise_target", "raise", "offer_price", "market_value",
                                "cornerstone_total")} == {
        "stage": "hearing_passed", "raise_target": "~2,000,000,000 HKD", "raise": None,
        "offer_price": "16.5-18.5 HKD", "market_value": None, "cornerstone_total": "~800,000,000 HKD"}


def test_the_export_conforms_and_carries_the_terms(store: Path, tmp_path: Path) -> None:
    out = tmp_path / "g.ttl"
    assert runner.invoke(app, ["export", "--format", "ttl", "-o", str(out), "--store", str(store)]).exit_code == 0
    result = runner.invoke(app, ["validate", "--file", str(out)])
    assert result.exit_code == 0, result.stdout + result.stderr
    ttl = out.read_text("utf-8")
    assert "kgo:cornerstone_total 800000000" in ttl and "kgo:offer_price_low 16.5" in ttl


BAD = """
@prefix kgo: <https://w3id.org/kg-news/ontology#> .
@prefix id: <https://w3id.org/kg-news/id/> .
id:c a kgo:Company ; kgo:id "c" ; kgo:name "C" .
id:x a kgo:Exchange ; kgo:id "x" ; kgo:name "X" .
id:ipo a kgo:IPO ; kgo:id "ipo" ; kgo:name "C IPO" ; kgo:OFFERING_OF id:c ; kgo:ON_EXCHANGE id:x ;
    kgo:proceeds 4200000000 ; kgo:offer_price_low 18.5 ; kgo:offer_price_high 16.5 ; kgo:currency "HKD" .
id:f a kgo:FinancialFigure ; kgo:id "f" ; kgo:name "C revenue" ; kgo:FIGURE_OF id:c ; kgo:metric "revenue" ;
    kgo:period "FY2024" ; kgo:modality "stated" ; kgo:amount -5 ; kgo:currency "CNY" .
id:g a kgo:FinancialFigure ; kgo:id "g" ; kgo:name "C revenue growth" ; kgo:FIGURE_OF id:c ;
    kgo:metric "revenue_growth" ; kgo:basis "yoy" ; kgo:period "FY2024" ; kgo:modality "stated" ; kgo:amount -12 ;
    kgo:unit "percent" .
"""


def test_the_shapes_catch_a_term_without_currency_a_reversed_range_and_negative_money(ontology: Ontology) -> None:
    conforms, report = run_shacl(Graph().parse(data=BAD, format="turtle"), ontology)
    assert not conforms
    text = report.serialize(format="turtle")
    assert "its own _currency" in text and "offer_price_low must not be above" in text
    focus = {str(o).rsplit("/", 1)[-1] for o in report.objects(None, None) if "kg-news/id/" in str(o)}
    assert {"ipo", "f"} <= focus and "g" not in focus  # a falling growth rate is a percent: may be negative
