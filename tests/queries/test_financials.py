"""`kg build` + `kg query financials` on articles written for this test (tests/data/financials: a
simplified-Chinese prospectus summary, a traditional-Chinese IPO pricing story, an English wire story
"for the nine months ended", another company's offering with price range and cornerstones): every
figure with its period, currency and modality; the same figure from two articles once with both
sources; the RDF export conforms to the SHACL shapes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from kg.graph import to_networkx
from kg.queries import run_embedded
from kg.store import open_store
from tests import paths
from tests.factories import conforming_turtle, financial_articles, record_all
from tests.factories import run_kg as kg

DATA = paths.DATA / "financials"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("financials") / "store"
    code, _out, err = kg("build", DATA, "--store", path)
    assert code == 0, err
    return path


def table(store: Path, company: str) -> list[dict[str, Any]]:
    code, out, err = kg("query", "financials", company, "--store", store, "--format", "json")
    assert code == 0, err
    return json.loads(out)


def articles(store: Path) -> dict[str, str]:
    """File name -> article id."""
    with open_store(store) as s:
        return {Path(a.path or "").name: a.id for a in s.articles()}


def test_every_figure_with_period_currency_and_modality(store: Path) -> None:
    rows = table(store, "岚峰智能")
    ids = articles(store)
    zh, hant, en = (ids[n] for n in ("01-lanfeng-prospectus.md", "02-lanfeng-pricing-hant.md", "03-lanfeng-wire.md"))
    got = [(r["metric"], r["period"], r["basis"], r["amount"], r["low"], r["high"], r["currency"], r["modality"],
            r["sources"], r["disagreement"]) for r in rows]
    assert got == [
        ("revenue", "FY2024", None, 436000000, None, None, "CNY", "stated", [zh], False),
        ("revenue", "FY2024", None, 61200000, None, None, "USD", "stated", [en], False),
        ("revenue", "H1 2025", None, 258000000, None, None, "CNY", "stated", sorted([zh, hant]), False),
        ("revenue", "9M 2025", None, 53400000, None, None, "USD", "stated", [en], False),
        ("net_loss", "FY2024", None, 980000000, None, None, "CNY", "stated", [zh], False),
        ("net_loss", "H1 2025", None, 510000000, None, None, "CNY", "stated", [zh], False),
        ("adjusted_loss", "9M 2025", "adjusted", 96200000, None, None, "USD", "stated", [en], False),
        ("rd_expense", "H1 2025", None, 390000000, None, None, "CNY", "stated", [zh], False),
        ("cumulative_loss", "2025-06-30", "cumulative", 3100000000, 3100000000, None, "CNY", "stated", [zh], False),
        ("cash", "2025-06-30", None, 1240000000, None, None, "CNY", "stated", [zh], False),
        ("valuation", "2025-12-02", None, 40000000000, None, None, "HKD", "estimated", [hant], False),
        ("ipo_raise_target", "IPO", None, 500000000, None, None, "USD", "planned", [hant], False),
        ("ipo_raise", "IPO", None, 3860000000, None, None, "HKD", "stated", [hant], False),
        ("offer_price", "IPO", None, 68, None, None, "HKD", "stated", [hant], False),
    ]
    by_metric = {r["metric"]: r for r in rows}
    assert by_metric["cumulative_loss"]["precision"] == "lower_bound"
    assert by_metric["cumulative_loss"]["as_written"] == ["超31亿元"]
    # a raise target is never the raise, a valuation never a raise
    assert by_metric["ipo_raise_target"]["amount"] != by_metric["ipo_raise"]["amount"]


def test_every_name_of_the_company_gives_the_same_table(store: Path) -> None:
    assert table(store, "嵐峰智能") == table(store, "Lanfeng Intelligence") == table(store, "岚峰智能")


def test_a_figure_is_not_an_entity_one_can_name(store: Path) -> None:
    code, _out, err = kg("query", "financials", "岚峰智能 revenue", "--store", store)
    assert code == 1 and "no entity called" in err


def test_the_rdf_export_conforms_and_carries_the_figures(store: Path, tmp_path: Path) -> None:
    ttl = conforming_turtle(store, tmp_path)
    assert "kgo:FinancialFigure" in ttl and "kgo:FIGURE_OF" in ttl and '"9M 2025"' in ttl


def test_the_figures_survive_export_and_import(store: Path, tmp_path: Path) -> None:
    out = tmp_path / "g.trig"
    assert kg("export", "--format", "trig", "-o", out, "--store", store)[0] == 0
    code, _o, err = kg("import", out, "--store", tmp_path / "copy")
    assert code == 0, err
    assert table(tmp_path / "copy", "岚峰智能") == table(store, "岚峰智能")


def test_disagreeing_articles_are_shown_and_marked(tmp_path: Path) -> None:
    with open_store(tmp_path / "s") as s:
        record_all(s, financial_articles())
        graph = to_networkx(s)
    rows = run_embedded(graph, "financials", "星衡智能")
    fy = [(r["amount"], r["disagreement"]) for r in rows if (r["metric"], r["period"]) == ("revenue", "FY2024")]
    assert fy == [(312000000, True), (320000000, True)]
    h1 = [r for r in rows if (r["metric"], r["period"]) == ("revenue", "H1 2025")]
    assert len(h1) == 1 and len(h1[0]["sources"]) == 2 and not h1[0]["disagreement"]


def test_removing_an_article_removes_only_its_figures(tmp_path: Path) -> None:
    copy = tmp_path / "store"
    assert kg("build", DATA, "--store", copy)[0] == 0
    hant = articles(copy)["02-lanfeng-pricing-hant.md"]
    assert kg("remove", hant, "--store", copy)[0] == 0
    rows = table(copy, "岚峰智能")
    assert not {r["metric"] for r in rows} & {"ipo_raise", "offer_price", "valuation", "ipo_raise_target"}
    h1 = next(r for r in rows if (r["metric"], r["period"]) == ("revenue", "H1 2025"))
    assert hant not in h1["sources"] and len(h1["sources"]) == 1


def test_ipo_pipeline_shows_the_terms_and_never_a_target_as_the_raise(store: Path) -> None:
    code, out, err = kg("query", "ipo-pipeline", "--store", store, "--format", "json")
    assert code == 0, err
    [row] = [r for r in json.loads(out) if r["company"] == "岚峰智能"]
    assert (row["exchange_id"], row["stage"]) == ("organization:hkex", "filed")
    assert {k: row[k] for k in ("raise_target", "raise", "valuation", "offer_price")} == {
        "raise_target": "~500,000,000 USD",  # 此前計劃募資約5億美元: planned, its own column
        "raise": "~3,860,000,000 HKD",  # 集資淨額約38.6億港元
        "valuation": "~40,000,000,000 HKD (estimated, as of 2025-12-02)",  # 據知情人士透露…估值約
        "offer_price": "68 HKD",
    }


def test_ipo_terms_keep_bounds_the_latest_period_and_every_disagreeing_value() -> None:
    from kg.queries.financials import format_value, ipo_terms

    def fig(metric: str, period: str, **value: Any) -> dict[str, Any]:
        return {"metric": metric, "period": period, "modality": "stated", "currency": "USD", "amount": None,
                "low": None, "high": None, "precision": "exact", **value}

    figures = [fig("ipo_raise_target", "IPO", low=600000000, high=700000000, precision="range", modality="planned"),
               fig("valuation", "2025-01-05", amount=3000000000),
               fig("valuation", "2025-06-30", amount=4000000000, precision="approx", modality="estimated"),
               fig("valuation", "2025-06-30", amount=4200000000),
               fig("offer_price", "IPO", amount=16.5, currency="HKD")]
    [row] = ipo_terms([{"company": "X", "figures": figures}])
    assert row == {"company": "X", "raise_target": "600,000,000-700,000,000 USD", "raise": None,
                   "valuation": "4,200,000,000 USD (as of 2025-06-30); "
                                "~4,000,000,000 USD (estimated, as of 2025-06-30)",
                   "offer_price": "16.5 HKD", "market_value": None, "cornerstone_total": None}
    assert format_value(fig("cumulative_loss", "2025", amount=3100000000, low=3100000000,
                            precision="lower_bound", currency="CNY")) == "over 3,100,000,000 CNY"


def test_compare_on_the_command_line_shows_the_latest_period_of_each_metric(store: Path) -> None:
    code, out, err = kg("query", "compare", "嵐峰智能", "HKEX", "--store", store, "--format", "json")
    assert code == 0, err
    rows = {r["metric"]: r for r in json.loads(out)}
    assert rows["revenue"] == {"metric": "revenue", "岚峰智能": "53,400,000 USD (9M 2025)", "香港交易所": None}
    assert rows["cumulative_loss"]["岚峰智能"] == "over 3,100,000,000 CNY (2025-06-30, cumulative)"
    assert rows["ipo_raise_target"]["岚峰智能"] == "~500,000,000 USD (IPO, planned)"
    assert rows["ipo_raise"]["岚峰智能"] == "~3,860,000,000 HKD (IPO)"
    code, _out, err = kg("query", "compare", "岚峰智能", "--store", store)
    assert code == 1 and "needs COMPANY" in err
