"""`--as-of DATE` on alumni, lineage, path, disputes, compare, financials, ipo-pipeline and
central-investors: the facts in force at DATE (the rule of `kg.queries.asof`), the same from the store's
indexes, the whole view and Neo4j.

On the invented articles of tests/data/tenure (a CTO hired in March 2021 who left in June 2023),
tests/data/titles (two titles for one person at once), tests/data/disputes (3億元, then a 5亿元
correction two days later, then "about 300 million yuan"), the synthetic investor network (founders who
left one company and started another, spin-offs dated by their founding, one round a month from 2021 with
a dated lead and undated followers, IPOs filed, heard and listed in 2025) and the financial reports of
`FINANCIAL_TEXTS` (a prospectus on 2025-10-20, another on 2025-10-22 with another 2024 revenue, the offer
terms on 2025-11-01).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from neo4j import Driver

from kg.extract import extract
from kg.graph import to_networkx
from kg.ingest.readers import read_path
from kg.neo4j.loader import load_graph
from kg.queries import run_embedded, run_neo4j
from kg.queries.asof import parse_as_of
from kg.store import open_store
from tests import paths
from tests.disputes_data import disputed_round
from tests.factories import HOSTILE, financial_articles, investor_network, record_all, run_kg
from tests.factories import store_and_view_rows as both
from tests.neo4j_fixtures import Neo4jTarget

DATA = paths.DATA


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    store = tmp_path_factory.mktemp("asof") / "kg-store"
    files = [p for d in ("tenure", "titles", "disputes") for p in sorted((DATA / d).glob("*.txt"))]
    with open_store(store) as s:
        record_all(s, [*investor_network(), *financial_articles(), *disputed_round(),
                       *(extract(a) for path in files for a in read_path(path))])
    return store


@pytest.fixture(scope="module")
def view(built: Path) -> nx.MultiDiGraph:
    with open_store(built, create=False) as store:
        return to_networkx(store)


# -- alumni ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("as_of, alumni", [
    ("2023-05-31", []),  # still CTO: not an alum yet
    ("2023-07-01", [("沈砚秋", ["LEFT"], ["CTO"], "2023-06")]),  # left in June: the position is gone
    (None, [("沈砚秋", ["HOLDS_POSITION", "LEFT"], ["CTO"], "2023-06")]),
])
def test_alumni_as_of_counts_who_had_left_by_then(built: Path, view: nx.MultiDiGraph, as_of: str | None,
                                                   alumni: list[tuple]) -> None:
    rows = both(built, view, "alumni", "霁澜科技", as_of=as_of)
    assert [(r["person"], r["ties"], r["titles"], r["left_date"]) for r in rows] == alumni


@pytest.mark.parametrize("as_of, founded", [
    ("2021", []),
    ("2022", [("许知行", None)]),  # left in November 2022, founded nothing yet
    ("2023", [("许知行", "Haichuan Health"), ("韩默", None)]),
    (None, [("许知行", "Haichuan Health"), ("许知行", "极点语言"), ("韩默", None)]),  # 极点语言: 2024
])
def test_alumni_as_of_leaves_out_companies_founded_later(built: Path, view: nx.MultiDiGraph, as_of: str | None,
                                                         founded: list[tuple]) -> None:
    rows = both(built, view, "alumni", "云图数据", as_of=as_of)
    assert [(r["person"], r["founded"]) for r in rows] == founded
    day = parse_as_of(as_of)
    assert all(day is None or (r["left_date"] or "") <= day for r in rows)


# -- lineage ---------------------------------------------------------------------------------------


_STATED, _ALUMNI = "SPUN_OFF_FROM", "FOUNDED_BY_ALUMNI_OF"


@pytest.mark.parametrize("as_of, spinoffs", [
    ("2018", []),
    ("2019", [(1, "启明芯片", "Cloudmap Data", _STATED)]),
    ("2023", [(1, "Haichuan Health", "Cloudmap Data", _ALUMNI), (1, "启明芯片", "Cloudmap Data", _STATED)]),
    (None, [(1, "Haichuan Health", "Cloudmap Data", _ALUMNI), (1, "启明芯片", "Cloudmap Data", _STATED),
            (1, "极点语言", "Cloudmap Data", _ALUMNI), (2, "极点语言", "Haichuan Health", _ALUMNI)]),
])
def test_lineage_as_of_follows_the_spinoffs_made_by_then(built: Path, view: nx.MultiDiGraph, as_of: str | None,
                                                         spinoffs: list[tuple]) -> None:
    """Stated spin-offs and the founder lineages the view derives, each under its own type."""
    rows = both(built, view, "lineage", "云图数据", as_of=as_of)
    assert [(r["generation"], r["company"], r["parent"], r["relation"]) for r in rows] == spinoffs


# -- path ------------------------------------------------------------------------------------------


def test_path_as_of_searches_the_shortest_among_the_facts_then(built: Path, view: nx.MultiDiGraph) -> None:
    """Haichuan Health was founded in 2023 by a former CFO of Cloudmap Data (a lineage the view derives):
    in 2021 the shortest connection is two steps through their common investors, not the later one-step
    lineage filtered away."""
    now = both(built, view, "path", "Cloudmap Data", "Haichuan Health")
    assert [r["path"] for r in now] == ["Cloudmap Data <-[FOUNDED_BY_ALUMNI_OF]- Haichuan Health"]
    then = both(built, view, "path", "Cloudmap Data", "Haichuan Health", as_of="2021")
    assert {r["hops"] for r in then} == {2} and len(then) >= 2
    assert all(r["relationships"] == ["INVESTED_IN", "INVESTED_IN"] for r in then)


@pytest.mark.parametrize("as_of, relationships", [
    ("2021-02", []),  # not hired yet: nothing connects them
    ("2022", [["HOLDS_POSITION"]]),
    ("2024", [["LEFT"]]),  # the position ended in June 2023
    (None, [["HOLDS_POSITION"], ["LEFT"]]),
])
def test_path_as_of_goes_through_the_position_held_then(built: Path, view: nx.MultiDiGraph, as_of: str | None,
                                                        relationships: list[list[str]]) -> None:
    rows = both(built, view, "path", "沈砚秋", "霁澜科技", max_hops=1, as_of=as_of)
    assert [r["relationships"] for r in rows] == relationships


# -- disputes --------------------------------------------------------------------------------------

#: The round of `disputed_round`: 1.2亿元 (dated 2025-03-03) published on 2025-04-05, $40M on 2025-04-06.
DISPUTED = "Disputed " + HOSTILE[1]


@pytest.mark.parametrize("as_of, values", [
    ("2025-03-31", []),  # the round happened, nobody had reported it
    ("2025-04-05", []),  # one report: nothing to disagree with yet
    ("2025-04-06", [("amount", "1.2亿元"), ("amount", "$40 million"), ("date", "2025-03-03"), ("date", "2025-04")]),
])
def test_disputes_as_of_keep_the_values_reported_by_then(built: Path, view: nx.MultiDiGraph, as_of: str,
                                                         values: list[tuple]) -> None:
    rows = both(built, view, "disputes", DISPUTED, as_of=as_of)
    assert [(r["key"], r["value"]) for r in rows] == values
    assert rows == [] or rows == both(built, view, "disputes", DISPUTED)


@pytest.mark.parametrize("as_of, values", [
    # the first two reports date the round they report, undated, by their month (2026-05); the third
    # says "on Thursday" (2026-05-14)
    ("2026-04-30", []),  # the round is not in force yet
    ("2026-05-12", []),  # in force, but one report (05-11): nothing to disagree with yet
    ("2026-05-13", [("3亿元", 1), ("5亿元人民币", 1)]),  # the correction of 05-13 disagrees
    ("2026-05-14", [("3亿元", 2), ("5亿元人民币", 1)]),  # "about 300 million yuan" agrees with 3亿元
])
def test_disputes_as_of_need_the_fact_in_force(built: Path, view: nx.MultiDiGraph, as_of: str,
                                               values: list[tuple]) -> None:
    rows = both(built, view, "disputes", "星岚机器人", as_of=as_of)
    assert [(r["value"], r["articles"]) for r in rows] == values


@pytest.mark.parametrize("as_of, people", [
    ("2026-02", set()),
    ("2026-04-05", {"许澜"}),  # CTO and CFO both from March 2026; 林澈's 副總裁 is not reported yet
    ("2026-04-30", {"许澜", "林澈"}),
])
def test_title_disputes_as_of(built: Path, view: nx.MultiDiGraph, as_of: str, people: set[str]) -> None:
    rows = both(built, view, "disputes", "岚舟智能", as_of=as_of)
    assert {r["subject"] for r in rows} == people
    assert all(r["key"] == "title" for r in rows)


# -- compare ---------------------------------------------------------------------------------------


def test_compare_as_of_shows_the_figures_reported_by_then(built: Path, view: nx.MultiDiGraph) -> None:
    assert both(built, view, "compare", "星衡智能", "智谱华章", as_of="2025-10-19") == []
    before = both(built, view, "compare", "星衡智能", "智谱华章", as_of="2025-10-31")
    after = both(built, view, "compare", "星衡智能", "智谱华章", as_of="2025-11-01")
    assert {r["metric"] for r in before} == {"revenue", "rd_expense", "valuation", "ipo_raise_target"}
    assert {r["metric"] for r in after} - {r["metric"] for r in before} == {"ipo_raise", "offer_price",
                                                                           "cornerstone_total"}
    assert [r for r in after if r["metric"] == "offer_price"][0]["星衡智能"] == "16.5 HKD (IPO)"
    assert after == both(built, view, "compare", "星衡智能", "智谱华章")


# -- financials ------------------------------------------------------------------------------------


def test_financials_as_of_shows_the_figures_reported_by_then(built: Path, view: nx.MultiDiGraph) -> None:
    """The 2024 revenue is 3.12亿元 in the prospectus of 2025-10-20 and 3.2亿元 in the filing of 2025-10-22:
    no disagreement before the second; the H1 revenue both state has one article, then two."""
    assert both(built, view, "financials", "星衡智能", as_of="2025-10-19") == []
    first = both(built, view, "financials", "星衡智能", as_of="2025-10-21")
    second = both(built, view, "financials", "星衡智能", as_of="2025-10-22")
    assert {r["metric"] for r in first} == {"revenue", "rd_expense", "valuation", "ipo_raise_target"}
    assert [(r["amount"], r["disagreement"], len(r["sources"])) for r in first
            if r["metric"] == "revenue" and r["period"] == "FY2024"] == [(312000000, False, 1)]
    assert [(r["amount"], r["disagreement"]) for r in second
            if r["metric"] == "revenue" and r["period"] == "FY2024"] == [(312000000, True), (320000000, True)]
    h1 = [[len(r["sources"]) for r in rows if r["metric"] == "revenue" and r["period"] == "H1 2025"]
          for rows in (first, second)]
    assert h1 == [[1], [2]]
    now = both(built, view, "financials", "星衡智能")
    assert {r["metric"] for r in now} - {r["metric"] for r in second} == {"ipo_raise", "offer_price",
                                                                          "cornerstone_total"}
    assert both(built, view, "financials", "星衡智能", as_of="2030") == now


# -- ipo-pipeline ----------------------------------------------------------------------------------


@pytest.mark.parametrize("as_of, stages", [
    ("2025-01-09", []),  # nobody had filed yet
    ("2025-02-15", [("智譜華章", "上交所", "filed", None), ("星衡智能", "港交所", "filed", None),
                    ("智譜華章", "港交所", "filed", None)]),
    ("2025-02-28", [("智譜華章", "上交所", "filed", None), ("星衡智能", "港交所", "hearing_passed", None),
                    ("智譜華章", "港交所", "filed", None)]),  # heard on 2025-02-20, listed in March
    ("2025-03-31", [("智譜華章", "上交所", "filed", None), ("星衡智能", "港交所", "listed", "2599"),
                    ("智譜華章", "港交所", "hearing_passed", None), ("Cloudmap Data", "港交所", "filed", None)]),
])
def test_ipo_pipeline_as_of_shows_the_stage_reached_then(built: Path, view: nx.MultiDiGraph, as_of: str,
                                                         stages: list[tuple]) -> None:
    rows = both(built, view, "ipo-pipeline", as_of=as_of)
    assert [(r["company"], r["exchange"], r["stage"], r["ticker"]) for r in rows] == stages
    day = str(parse_as_of(as_of))
    assert all(d is None or d <= day for r in rows for d in (r["filed"], r["hearing"], r["listed"]))


def test_ipo_pipeline_as_of_takes_the_terms_reported_by_then(built: Path, view: nx.MultiDiGraph) -> None:
    def xinghang(as_of: str | None) -> dict[str, Any]:
        return next(r for r in both(built, view, "ipo-pipeline", "HKEX", as_of=as_of) if r["company"] == "星衡智能")

    assert xinghang("2025-06")["raise_target"] is None and xinghang("2025-06")["stage"] == "listed"
    before = xinghang("2025-10-31")
    assert before["raise_target"] == "~300,000,000 USD" and before["offer_price"] is None
    assert xinghang("2025-11-01")["offer_price"] == "16.5 HKD"
    assert both(built, view, "ipo-pipeline", as_of="2030") == both(built, view, "ipo-pipeline")


# -- central-investors -----------------------------------------------------------------------------


@pytest.mark.parametrize("as_of, network", [
    ("2020", []),
    # 星衡智能's round: its lead dated 2021-01, 红杉中国 a follower undated, reported on 2021-01-15
    ("2021-01-14", []),
    ("2021-01", [("源码资本", 1, 1), ("红杉中国", 1, 1)]),
    # then Quantum Leap's (启明, 杭州资本, 经纬, 高瓴) and 元象生成's (红杉中国, 杭州资本, 经纬)
    ("2021-03", [("杭州资本", 4, 5), ("经纬创投", 4, 5), ("红杉中国", 3, 3), ("启明创投", 3, 3), ("高瓴资本", 3, 3),
                 ("源码资本", 1, 1)]),
])
def test_central_investors_as_of_rank_the_network_of_then(built: Path, view: nx.MultiDiGraph, as_of: str,
                                                          network: list[tuple]) -> None:
    rows = both(built, view, "central-investors", top=100, as_of=as_of)
    assert [(r["investor"], r["co_investors"], r["co_investments"]) for r in rows] == network


def test_central_investors_as_of_is_todays_once_every_deal_is_in(built: Path, view: nx.MultiDiGraph) -> None:
    now = both(built, view, "central-investors", top=100)
    then = both(built, view, "central-investors", top=100, as_of="2022")
    assert then != now and {r["investor"] for r in then} < {r["investor"] for r in now}
    assert both(built, view, "central-investors", top=100, as_of="2030") == now
    assert both(built, view, "central-investors", top=3, as_of="2022") == then[:3]


def test_the_cli_takes_as_of_on_these_queries(built: Path) -> None:
    code, out, err = run_kg("query", "alumni", "霁澜科技", "--as-of", "2023-07", "--store", built, "-f", "json")
    assert code == 0, err
    assert [r["ties"] for r in json.loads(out)] == [["LEFT"]]
    code, out, err = run_kg("query", "path", "沈砚秋", "霁澜科技", "--as-of", "2022", "--store", built, "-f", "json")
    assert code == 0, err
    assert [r["relationships"] for r in json.loads(out)] == [["HOLDS_POSITION"]]
    code, out, err = run_kg("query", "ipo-pipeline", "HKEX", "--as-of", "2025-02", "--store", built, "-f", "json")
    assert code == 0, err
    assert [(r["company"], r["stage"]) for r in json.loads(out)] == [("星衡智能", "hearing_passed"),
                                                                     ("智譜華章", "filed")]
    code, out, err = run_kg("query", "central-investors", "--top", "1", "--as-of", "2021-03", "--store", built,
                            "-f", "json")
    assert code == 0, err
    assert [r["investor"] for r in json.loads(out)] == ["杭州资本"]
    code, out, err = run_kg("query", "financials", "星衡智能", "--as-of", "2025-10-20", "--store", built, "-f", "json")
    assert code == 0, err
    assert {r["metric"] for r in json.loads(out)} == {"revenue", "rd_expense", "valuation", "ipo_raise_target"}


# -- Neo4j -----------------------------------------------------------------------------------------

NEO4J_CASES: list[tuple[str, list[str], dict[str, Any]]] = [
    *(("alumni", ["霁澜科技"], {"as_of": d}) for d in ("2023-05-31", "2023-07-01")),
    *(("alumni", ["云图数据"], {"as_of": d}) for d in ("2021", "2022", "2023", "2024")),
    *(("lineage", ["云图数据"], {"as_of": d}) for d in ("2018", "2019", "2023")),
    ("lineage", ["极点语言"], {"as_of": "2024", "direction": "up"}),
    *(("path", ["Cloudmap Data", "Haichuan Health"], {"as_of": d}) for d in ("2021", "2024")),
    *(("path", ["沈砚秋", "霁澜科技"], {"as_of": d, "max_hops": 1}) for d in ("2021-02", "2022", "2024")),
    ("path", ["沈砚秋", "霁澜科技"], {"as_of": "2024", "max_hops": 4}),
    *(("disputes", ["星岚机器人"], {"as_of": d}) for d in ("2026-05-13", "2026-06")),
    *(("disputes", [DISPUTED], {"as_of": d}) for d in ("2025-04-05", "2025-04-06")),
    *(("disputes", ["岚舟智能"], {"as_of": d}) for d in ("2026-02", "2026-04-05", "2026-04-30")),
    ("disputes", [], {"as_of": "2026-04-05"}),
    *(("compare", ["星衡智能", "智谱华章"], {"as_of": d}) for d in ("2025-10-19", "2025-10-31", "2025-11-01")),
    *(("financials", ["星衡智能"], {"as_of": d}) for d in ("2025-10-19", "2025-10-21", "2025-10-22", "2025-11")),
    *(("ipo-pipeline", [], {"as_of": d}) for d in ("2025-01-09", "2025-02-15", "2025-02-28", "2025-03-31",
                                                    "2025-10-31", "2030")),
    *(("ipo-pipeline", ["HKEX"], {"as_of": d}) for d in ("2025-02", "2025-11-01")),
    *(("central-investors", [], {"as_of": d, "top": 100}) for d in ("2020", "2021-01-14", "2021-01", "2021-03",
                                                                     "2022", "2030")),
    ("central-investors", [], {"as_of": "2022-06", "top": 3}),
]


@pytest.mark.neo4j
def test_neo4j_answers_as_of_as_the_store_does(view: nx.MultiDiGraph, clean_neo4j: Driver,
                                               neo4j_target: Neo4jTarget) -> None:
    load_graph(clean_neo4j, view, database=neo4j_target.database)
    for name, args, options in NEO4J_CASES:
        embedded = run_embedded(view, name, *args, **options)
        assert run_neo4j(clean_neo4j, name, *args, database=neo4j_target.database, **options) == embedded, \
            (name, args, options)
    assert all(any(run_embedded(view, n, *a, **o) for n, a, o in NEO4J_CASES if n == name)
               for name in ("alumni", "lineage", "path", "disputes", "compare", "financials", "ipo-pipeline",
                            "central-investors"))
