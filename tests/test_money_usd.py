"""Amounts in US dollars: the ECB rate of the event date (else the publication date), the last ECB day
on or before it, kept as `usd_rate_date`; ranges and buckets as low/high; on relations, rounds, IPOs and
reported figures (FinancialFigure nodes: at the end of their period, else the first report), and in the
RDF export."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from neo4j import Driver

from kg.build import add_article
from kg.graph import to_networkx
from kg.model import Article
from kg.money_usd import figure_usd, period_end, usd_props, usd_rate, usd_terms
from kg.neo4j.loader import load_graph
from kg.store import Store, open_store
from tests.conftest import EXAMPLES
from tests.factories import conforming_turtle, funding_article, record_all, run_kg
from tests.neo4j_fixtures import Neo4jTarget


@pytest.mark.parametrize(("props", "published", "rate_date"), [
    ({"date": "2024-03-12"}, None, "2024-03-12"),  # a weekday: its own rate
    ({"date": "2024-03-16"}, None, "2024-03-15"),  # a Saturday: Friday's rate
    ({}, "2024-03-17", "2024-03-15"),  # no event date: the publication date (a Sunday)
    ({"date": "2025-07"}, "2025-07-02", "2025-07-02"),  # a month that holds the publication date
    ({"date": "2023"}, "2025-06-30", "2023-12-29"),  # a past year: its last ECB day
    ({"date": "2099-01-01"}, None, None),  # beyond the shipped history: its last day
])
def test_the_rate_is_that_of_the_event_or_publication_day(props: dict, published: str | None,
                                                           rate_date: str | None) -> None:
    out = usd_props({"amount": 500_000_000, "currency": "CNY", **props}, published)
    if rate_date is None:
        from kg.money_usd import ecb_history
        rate_date = ecb_history().bounds("CNY")[1].isoformat()
    assert out["usd_rate_date"] == rate_date
    assert 0.12 < out["amount_usd"] / 500_000_000 < 0.16  # a yuan was 12-16 US cents in these years


def test_a_known_day_gives_the_ecb_figure() -> None:
    out = usd_props({"amount": 500_000_000, "currency": "CNY", "date": "2024-03-12"}, None)
    assert out == {"amount_usd": 69_661_774, "usd_rate_date": "2024-03-12"}


@pytest.mark.parametrize(("props", "expected"), [
    ({"amount_low": 10_000_000, "amount_high": 100_000_000, "currency": "CNY"},
     {"amount_usd_low": 1_401_634, "amount_usd_high": 14_016_343}),
    ({"amount": 150_000_000, "currency": "USD"}, {"amount_usd": 150_000_000}),
    ({"offer_price": 88.5, "currency": "HKD"}, {"offer_price_usd": 11.3686}),
])
def test_ranges_dollars_and_prices(props: dict, expected: dict) -> None:
    out = usd_props({**props, "date": "2025-09-01"}, None)
    if "offer_price" in props:
        out = usd_props({**props, "date": "2025-12-05"}, None)
    assert {k: v for k, v in out.items() if k != "usd_rate_date"} == expected


@pytest.mark.parametrize("props", [
    {"amount": 1, "currency": "XYZ", "date": "2025-01-02"},  # a currency the ECB does not quote
    {"amount": 1, "date": "2025-01-02"},  # no currency
    {"currency": "CNY", "date": "2025-01-02", "round": "A"},  # no amount
    {"amount": 1, "currency": "CNY"},  # no date at all
])
def test_nothing_is_made_up(props: dict) -> None:
    assert usd_props(props, None) == {}


def test_a_dollar_is_a_dollar_on_the_last_ecb_day() -> None:
    assert usd_rate("USD", date(2025, 1, 4)) == (1.0, date(2025, 1, 3))  # a Saturday: Friday, as for CNY


def test_the_store_converts_relations_and_the_view_carries_it_to_rounds(store: Store, tmp_path: Path) -> None:
    record_all(store, [funding_article()])
    invested = [r for r in store.relations() if r.type == "INVESTED_IN" and r.props.get("amount")]
    assert len(invested) == 1
    props = invested[0].props
    assert props["usd_rate_date"] == "2025-07-02"  # "2025-07" holds the publication date, 2025-07-02
    assert props["amount_usd"] == usd_props({"amount": 300_000_000, "currency": "CNY", "date": "2025-07-02"},
                                            None)["amount_usd"]
    graph = to_networkx(store)
    (round_id,) = [n for n, d in graph.nodes(data=True) if "FundingRound" in d["labels"]]
    assert graph.nodes[round_id]["amount_usd"] == props["amount_usd"]
    turtle = conforming_turtle(store.path, tmp_path)
    assert "kgo:amount_usd" in turtle and "kgo:usd_rate_date" in turtle


def test_an_ipos_terms_get_their_dollar_twins_at_the_ipos_date() -> None:
    attrs = {"date": "2025-11-22", "raise_target": 500_000_000, "raise_target_currency": "USD",
             "proceeds": 3_860_000_000, "proceeds_currency": "HKD", "offer_price": 68, "currency": "HKD",
             "market_value_low": 1, "market_value_currency": "HKD"}  # a bound has no point twin
    out = usd_terms(attrs)
    assert out["usd_rate_date"] == "2025-11-21"  # a Saturday: Friday's rate, for every currency
    assert out["raise_target_usd"] == 500_000_000
    assert 0.12 < out["proceeds_usd"] / 3_860_000_000 < 0.13 and 8.5 < out["offer_price_usd"] < 9
    assert "market_value_usd" not in out
    assert usd_terms({**attrs, "date": None}) == {}


def test_the_view_gives_the_ipo_node_its_dollar_terms(tmp_path: Path) -> None:
    """On examples/: 云岫智能 listed in Hong Kong on 2025-12-05 raising 44亿港元 at 88.5港元 a share."""
    code, _out, err = run_kg("build", "-q", "-s", tmp_path / "store", EXAMPLES)
    assert code == 0, err
    with open_store(tmp_path / "store") as store:
        ipos = [d for _n, d in to_networkx(store).nodes(data=True) if "IPO" in d["labels"] and d.get("proceeds")]
    hk = next(d for d in ipos if d["proceeds_currency"] == "HKD")
    assert (hk["proceeds"], hk["date"], hk["usd_rate_date"]) == (4_400_000_000, "2025-12-05", "2025-12-05")
    assert 0.125 < hk["proceeds_usd"] / hk["proceeds"] < 0.13  # the Hong Kong dollar's peg band
    assert abs(hk["offer_price_usd"] - 88.5 * hk["proceeds_usd"] / hk["proceeds"]) < 1e-3


# -- reported figures (FinancialFigure nodes) --------------------------------------------------------------


@pytest.mark.parametrize(("period", "end"), [
    ("FY2024", "2024-12-31"), ("H1 2025", "2025-06-30"), ("9M 2025", "2025-09-30"), ("Q1 2025", "2025-03-31"),
    ("2025-06-30", "2025-06-30"), ("2025-06", "2025-06"), ("IPO", None), (None, None), ("soon", None),
])
def test_a_figures_period_ends_on_a_day(period: str | None, end: str | None) -> None:
    assert period_end(period) == end


@pytest.mark.parametrize(("attrs", "published", "rate_date"), [
    ({"period": "FY2024"}, "2025-03-20", "2024-12-31"),  # a year reported after it closed: its last day
    ({"period": "2025-06-30"}, "2025-08-01", "2025-06-30"),  # cash as of a day: that day
    ({"period": "FY2026", "modality": "planned"}, "2025-08-01", "2025-08-01"),  # a forecast: the rate known then
    ({"period": "IPO"}, "2025-12-06", "2025-12-05"),  # the IPO's terms: the report's day (a Saturday: Friday)
])
def test_a_figure_is_converted_at_the_end_of_its_period_or_when_first_reported(attrs: dict, published: str,
                                                                                rate_date: str) -> None:
    out = figure_usd({"metric": "revenue", "amount": 620_000_000, "currency": "CNY", **attrs}, published)
    assert out["usd_rate_date"] == rate_date
    assert 0.12 < out["amount_usd"] / 620_000_000 < 0.16


def test_a_figures_bounds_price_and_what_is_not_money() -> None:
    bucket = figure_usd({"metric": "revenue", "period": "FY2024", "amount_low": 100, "amount_high": 200,
                         "currency": "USD"}, None)
    assert bucket == {"amount_usd_low": 100, "amount_usd_high": 200, "usd_rate_date": "2024-12-31"}
    price = figure_usd({"metric": "offer_price", "period": "IPO", "amount": 88.5, "currency": "HKD"}, "2025-12-05")
    assert 11 < price["amount_usd"] < 12 and price["amount_usd"] != round(price["amount_usd"])  # cents kept
    assert figure_usd({"metric": "revenue_growth", "period": "FY2024", "amount": 35, "unit": "percent"}, None) == {}
    assert figure_usd({"metric": "revenue", "period": "IPO", "amount": 1, "currency": "CNY"}, None) == {}  # no day


_FIGURE_TEXT = "岚峰智能2025年上半年营收3.2亿元。"


def _figure(store: Store) -> dict:
    (figure,) = [e.attrs for e in store.entities() if "FinancialFigure" in e.types]
    return figure


def test_the_store_converts_a_figure_at_its_first_report_whatever_the_order(tmp_path: Path) -> None:
    """An IPO's raise target (a period without a day) reported on 2025-08-20 and again on 2025-09-15: the
    first report's day, when the later article is built first too, and the later one's once the first is
    removed."""
    early = Article(text="岚峰智能向港交所递交招股书，计划募资10亿港元。", published="2025-08-20")
    late = Article(text="岚峰智能已向港交所递交上市申请，拟募资10亿港元。", published="2025-09-15")
    seen = []
    for name, order in (("in-order", [early, late]), ("reversed", [late, early])):
        with open_store(tmp_path / name) as store:
            for article in order:
                add_article(store, article)
            seen.append(_figure(store))
    assert seen[0] == seen[1] and seen[0]["usd_rate_date"] == "2025-08-20"
    with open_store(tmp_path / "reversed") as store:
        assert store.remove_article(early.id)
        assert _figure(store)["usd_rate_date"] == "2025-09-15"


def test_every_view_carries_a_figures_dollars(store: Store, tmp_path: Path) -> None:
    add_article(store, Article(text=_FIGURE_TEXT, published="2025-08-20"))
    figure = _figure(store)
    assert figure["usd_rate_date"] == "2025-06-30" and 0.13 < figure["amount_usd"] / 320_000_000 < 0.15
    graph = to_networkx(store)
    (node,) = [d for _n, d in graph.nodes(data=True) if "FinancialFigure" in d["labels"]]
    assert (node["amount_usd"], node["usd_rate_date"]) == (figure["amount_usd"], "2025-06-30")
    turtle = conforming_turtle(store.path, tmp_path)  # the shapes check the dollars and their rate day
    assert f"kgo:amount_usd {figure['amount_usd']}" in turtle or f"kgo:amount_usd {figure['amount_usd']}.0" in turtle


@pytest.mark.neo4j
def test_neo4j_figures_carry_their_dollars(store: Store, clean_neo4j: Driver, neo4j_target: Neo4jTarget) -> None:
    add_article(store, Article(text=_FIGURE_TEXT, published="2025-08-20"))
    figure = _figure(store)
    load_graph(clean_neo4j, to_networkx(store), database=neo4j_target.database)
    records, _summary, _keys = clean_neo4j.execute_query(
        "MATCH (f:FinancialFigure) RETURN f.amount_usd AS usd, f.usd_rate_date AS day",
        database_=neo4j_target.database)
    assert [(r["usd"], r["day"]) for r in records] == [(figure["amount_usd"], "2025-06-30")]
