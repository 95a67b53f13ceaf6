"""Every named query gives the same rows, columns and order on Neo4j as on the embedded store.

One graph (the generated investor network plus a story whose every name is hostile text) is built,
loaded into the session's real Neo4j once for this module, and each query is run on both backends with
several arguments each: names in simplified, traditional and English forms, ids, options, entities with
no answer. Hostile names and option values must be stored and matched as data on both sides.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterator
from pathlib import Path

import networkx as nx
import pytest
from neo4j import Driver

from kg.errors import KGError
from kg.graph import to_networkx
from kg.neo4j.cypher import run_cypher
from kg.neo4j.loader import load_graph
from kg.queries import QUERIES, UnknownEntity, run_embedded, run_neo4j
from kg.store import open_store
from tests.disputes_data import dispute_articles, disputed_round
from tests.factories import HOSTILE, financial_articles, hostile_article, investor_network, record_all
from tests.neo4j_fixtures import Neo4jTarget, wipe
from tests.ownership_data import ownership_articles, ownership_web

pytestmark = pytest.mark.neo4j

CASES: list[tuple[str, list[str], dict]] = [
    ("investors", ["星衡智能"], {}),
    ("investors", ["智譜華章"], {}),
    ("investors", ["Cloudmap Data"], {}),
    ("investors", ["港交所"], {}),  # an exchange: nobody invested in it
    ("investors", [HOSTILE[0]], {}),
    ("portfolio", ["上海国投"], {}),
    ("portfolio", ["HongShan"], {}),
    ("portfolio", ["organization:源码资本"], {}),
    ("portfolio", ["星衡智能"], {}),  # a company: no portfolio
    ("co-investors", ["上海国投"], {}),
    ("co-investors", ["红杉中国"], {}),
    ("co-investors", ["星衡智能"], {}),  # a company: its investors
    ("co-investors", ["林知远"], {}),  # a person: nothing
    ("state-capital", [], {}),
    ("state-capital", [], {"region": "Shanghai"}),
    ("state-capital", [], {"region": "Beijing"}),
    ("state-capital", [], {"region": "Nowhere"}),
    ("state-capital", [], {"region": HOSTILE[4]}),
    ("path", ["上海国投", "林知远"], {}),
    ("path", ["上海国投", "林知远"], {"max_hops": 2}),
    ("path", ["HongShan", "港交所"], {"max_hops": 6}),
    ("path", ["星衡智能", "光年计算"], {}),
    ("path", ["韩默", "北京市人工智能产业投资基金"], {"max_hops": 8}),
    ("path", ["林知远", "上交所"], {"max_hops": 15}),
    ("path", [HOSTILE[2], HOSTILE[5]], {}),
    ("central-investors", [], {}),
    ("central-investors", [], {"top": 3}),
    ("central-investors", [], {"top": 100}),
    ("ipo-pipeline", [], {}),
    ("ipo-pipeline", ["HKEX"], {}),
    ("ipo-pipeline", ["上交所"], {}),
    ("ipo-pipeline", [HOSTILE[4] + " Exchange"], {}),
    ("alumni", ["星衡智能"], {}),
    ("alumni", ["云图数据"], {}),
    ("alumni", ["深维机器人"], {}),
    ("alumni", ["港交所"], {}),
    ("alumni", [HOSTILE[0]], {}),
    ("lineage", ["星衡智能"], {}),
    ("lineage", ["深维机器人"], {"depth": 1}),
    ("lineage", ["光年计算"], {"direction": "up"}),
    ("lineage", ["星衡智能"], {"direction": "down", "depth": 10}),
    ("lineage", ["云图数据"], {}),
    ("lineage", [HOSTILE[1]], {"direction": "up"}),
    ("timeline", ["星衡智能"], {}),
    ("timeline", ["林知远"], {}),
    ("timeline", ["上海国投"], {}),
    ("timeline", ["港交所"], {}),
    ("timeline", [HOSTILE[5]], {}),
    ("financials", ["星衡智能"], {}),
    ("financials", ["Stellar Balance AI"], {}),
    ("financials", ["港交所"], {}),  # not a company: no figures
    ("financials", [HOSTILE[0]], {}),
    ("compare", ["星衡智能", "智谱华章"], {}),
    ("compare", ["Stellar Balance AI", "港交所", HOSTILE[0]], {}),
    ("compare", ["云图数据", "星衡智能"], {}),
    ("ownership", ["合肥星澜创业投资基金"], {}),
    ("ownership", ["Nanshan Lingxi Innovation Fund"], {}),
    ("ownership", ["Webfund Alpha"], {}),  # two chains to one owner, parallel edges, an unknown share
    ("ownership", ["Circle A"], {}),  # a cycle
    ("ownership", ["Circle B"], {}),
    ("ownership", [HOSTILE[3]], {}),
    ("ownership", ["星衡智能"], {}),  # nobody owns it: no rows
    ("state-exposure", ["岚曜科技"], {}),
    ("state-exposure", ["Corvane Robotics"], {}),
    ("state-exposure", ["Webco Robotics"], {}),  # state, partly unknown, and a private VC
    ("state-exposure", ["星衡智能"], {}),  # investors nobody is known to own
    ("state-exposure", ["岚峰智造"], {}),  # a state share known only as a floor ("at least")
    ("state-exposure", [HOSTILE[0]], {}),
    ("disputes", [], {}),
    ("disputes", ["星岚机器人"], {}),
    ("disputes", ["Disputed " + HOSTILE[1]], {}),  # an amount and a date disputed, in two currencies
    ("disputes", ["Disputed " + HOSTILE[2]], {}),  # the same dispute from its subject's side (the investor)
    ("disputes", ["星衡智能"], {}),  # no disputes: no rows
    # --as-of (an undated fact counts from its first report) and --level
    *(("investors", ["星衡智能"], {"as_of": d}) for d in ("2021", "2022-06", "2030")),
    ("portfolio", ["上海国投"], {"as_of": "2022"}),
    ("co-investors", ["上海国投"], {"as_of": "2022-06"}),
    *(("timeline", [n], {"as_of": d}) for n in ("林知远", "星衡智能") for d in ("2021-06", "2023")),
    ("ownership", ["Nanshan Lingxi Innovation Fund"], {"as_of": "2030"}),
    ("ownership", ["Webfund Alpha"], {"as_of": "2000"}),
    ("state-exposure", ["Webco Robotics"], {"as_of": "2030"}),
    *(("alumni", ["云图数据"], {"as_of": d}) for d in ("2021", "2022", "2023")),
    ("lineage", ["云图数据"], {"as_of": "2023"}),
    ("lineage", ["光年计算"], {"direction": "up", "as_of": "2022"}),
    *(("path", ["Cloudmap Data", "Haichuan Health"], {"as_of": d}) for d in ("2021", "2024")),
    *(("path", ["HongShan", "港交所"], {"max_hops": 6, "as_of": d}) for d in ("2024", "2025-06", "2025")),
    ("path", ["韩默", "北京市人工智能产业投资基金"], {"max_hops": 8, "as_of": "2023"}),
    *(("disputes", [], {"as_of": d}) for d in ("2025-04-05", "2025", "2026-05-14")),
    ("disputes", ["Disputed " + HOSTILE[1]], {"as_of": "2025-04-06"}),
    ("disputes", ["Disputed " + HOSTILE[2]], {"as_of": "2025-04-06"}),
    *(("compare", ["星衡智能", "智谱华章"], {"as_of": d}) for d in ("2025-10-21", "2025-11-01")),
    *(("financials", ["星衡智能"], {"as_of": d}) for d in ("2025-10-21", "2025-10-22")),
    *(("ipo-pipeline", [], {"as_of": d}) for d in ("2025-02-28", "2025-06")),
    ("ipo-pipeline", ["HKEX"], {"as_of": "2025-03-31"}),
    *(("central-investors", [], {"as_of": d}) for d in ("2021-06", "2022")),
    ("central-investors", [], {"as_of": "2023", "top": 100}),
    *(("state-capital", [], {"level": level}) for level in ("central", "provincial", "municipal", "district")),
    ("state-capital", [], {"as_of": "2022", "region": "Shanghai"}),
]


def _case_id(case: tuple[str, list[str], dict]) -> str:
    name, args, options = case
    return "-".join([name, *(a[:12] for a in args), *(f"{k}={str(v)[:8]}" for k, v in options.items())])


@pytest.fixture(scope="module")
def graph(tmp_path_factory: pytest.TempPathFactory) -> nx.MultiDiGraph:
    with open_store(tmp_path_factory.mktemp("parity") / "store") as store:
        record_all(store, [*investor_network(), hostile_article(), *financial_articles(), *ownership_articles(),
                           ownership_web(), *dispute_articles(), *disputed_round()])
        return to_networkx(store)


@pytest.fixture(scope="module")
def _loaded_once(neo4j_target: Neo4jTarget, neo4j_driver: Driver, graph: nx.MultiDiGraph) -> None:
    if not neo4j_target.owned and os.environ.get("NEO4J_ALLOW_WIPE") != "1":
        pytest.fail(f"refusing to wipe the database of NEO4J_URI={neo4j_target.uri}: set NEO4J_ALLOW_WIPE=1",
                    pytrace=False)
    wipe(neo4j_driver, neo4j_target.database)
    load_graph(neo4j_driver, graph, database=neo4j_target.database)


@pytest.fixture
def neo4j(_loaded_once: None, neo4j_target: Neo4jTarget, neo4j_driver: Driver,
          graph: nx.MultiDiGraph) -> Iterator[Driver]:
    """The session's driver on a database holding `graph` (loaded again if something else changed it)."""
    if counts(neo4j_driver, neo4j_target.database) != (graph.number_of_nodes(), graph.number_of_edges()):
        load_graph(neo4j_driver, graph, database=neo4j_target.database)
    yield neo4j_driver


def counts(driver: Driver, database: str | None) -> tuple[int, int]:
    rows = run_cypher(driver, "MATCH (n) WITH count(n) AS nodes OPTIONAL MATCH ()-[r]->() "
                              "RETURN nodes, count(r) AS rels", database=database)
    return rows[0]["nodes"], rows[0]["rels"]


def both(graph: nx.MultiDiGraph, driver: Driver, database: str | None, name: str, args: list[str],
         options: dict) -> tuple[list[dict], list[dict]]:
    return (run_embedded(graph, name, *args, **options),
            run_neo4j(driver, name, *args, database=database, **options))


def test_every_query_is_covered() -> None:
    assert {name for name, _a, _o in CASES} == set(QUERIES)


@pytest.mark.parametrize("case", CASES, ids=_case_id)
def test_same_rows_on_both_backends(case: tuple[str, list[str], dict], graph: nx.MultiDiGraph, neo4j: Driver,
                                    neo4j_target: Neo4jTarget) -> None:
    name, args, options = case
    embedded, on_neo4j = both(graph, neo4j, neo4j_target.database, name, args, options)
    assert on_neo4j == embedded
    assert [list(row) for row in on_neo4j] == [list(row) for row in embedded]  # same columns, same order


def test_the_cases_are_not_trivial(graph: nx.MultiDiGraph) -> None:
    answered = {name for name, args, options in CASES if run_embedded(graph, name, *args, **options)}
    assert answered == set(QUERIES)
    assert len(run_embedded(graph, "path", "上海国投", "林知远")) >= 2  # several shortest paths, ordered


def test_the_ipo_node_carries_its_terms_in_neo4j(graph: nx.MultiDiGraph, neo4j: Driver,
                                                neo4j_target: Neo4jTarget) -> None:
    """The terms of the offering (kg.ipo_terms) are IPO node properties in Neo4j exactly as in the view."""
    keys = ["raise_target", "raise_target_currency", "proceeds", "proceeds_currency", "offer_price", "currency",
            "cornerstone_total", "cornerstone_total_currency", "market_value", "offer_price_low"]
    rows = run_cypher(neo4j, "MATCH (i:IPO) WHERE i.cornerstone_total IS NOT NULL RETURN i.id AS id, "
                             "[k IN $keys | i[k]] AS terms ORDER BY id", {"keys": keys},
                      database=neo4j_target.database)
    view = sorted((n, [d.get(k) for k in keys]) for n, d in graph.nodes(data=True)
                  if "IPO" in d.get("labels", []) and d.get("cornerstone_total") is not None)
    assert [(r["id"], r["terms"]) for r in rows] == view
    assert view and view[0][1][:5] == [300000000, "USD", 2500000000, "HKD", 16.5]


def test_lineage_follows_stated_spinoffs_and_derived_founder_lineages_on_both_backends(
        graph: nx.MultiDiGraph, neo4j: Driver, neo4j_target: Neo4jTarget) -> None:
    """Neo4j holds the view's two kinds of lineage under their own types (a stated SPUN_OFF_FROM, never
    derived; FOUNDED_BY_ALUMNI_OF, always derived, with its people), and `lineage` follows both there as
    the embedded store does, naming each row's relation."""
    db = neo4j_target.database
    rows, on_neo4j = both(graph, neo4j, db, "lineage", ["云图数据"], {"direction": "down"})
    assert on_neo4j == rows
    assert [(r["generation"], r["company"], r["relation"]) for r in on_neo4j] == [
        (1, "Haichuan Health", "FOUNDED_BY_ALUMNI_OF"), (1, "启明芯片", "SPUN_OFF_FROM"),
        (1, "极点语言", "FOUNDED_BY_ALUMNI_OF"), (2, "极点语言", "FOUNDED_BY_ALUMNI_OF")]
    up, on_neo4j = both(graph, neo4j, db, "lineage", ["光年计算"], {"direction": "up"})
    assert on_neo4j == up and {r["relation"] for r in up} == {"FOUNDED_BY_ALUMNI_OF"} and len(up) == 2
    kinds = run_cypher(neo4j, "MATCH ()-[r:SPUN_OFF_FROM|FOUNDED_BY_ALUMNI_OF]->() "
                              "RETURN type(r) AS type, r.derived AS derived, size(coalesce(r.via, [])) > 0 AS via, "
                              "count(*) AS n ORDER BY type, derived, via", database=db)
    view = {(d["type"], d.get("derived"), bool(d.get("via"))) for _s, _t, d in graph.edges(data=True)
            if d["type"] in ("SPUN_OFF_FROM", "FOUNDED_BY_ALUMNI_OF")}
    assert {(r["type"], r["derived"], r["via"]) for r in kinds} == view == {
        ("FOUNDED_BY_ALUMNI_OF", True, True), ("SPUN_OFF_FROM", None, False)}


# -- injection: names and values are data ------------------------------------------------------------


def test_hostile_names_are_matched_as_data_on_both_backends(graph: nx.MultiDiGraph, neo4j: Driver,
                                                             neo4j_target: Neo4jTarget) -> None:
    db = neo4j_target.database
    investors, on_neo4j = both(graph, neo4j, db, "investors", [HOSTILE[0]], {})
    assert on_neo4j == investors
    assert {(r["investor"], r["round"]) for r in investors} == {(HOSTILE[2], HOSTILE[1]), (HOSTILE[3], HOSTILE[1])}
    region, on_neo4j = both(graph, neo4j, db, "state-capital", [], {"region": HOSTILE[4]})
    assert on_neo4j == region
    assert [(r["fund"], r["company"], r["currency"]) for r in region] == [(HOSTILE[2], HOSTILE[0], "$")]
    lineage, on_neo4j = both(graph, neo4j, db, "lineage", [HOSTILE[1]], {"direction": "up"})
    assert on_neo4j == lineage == [{"generation": 0, "company": HOSTILE[1], "company_id": lineage[0]["company_id"],
                                    "parent": HOSTILE[0], "parent_id": lineage[0]["parent_id"],
                                    "relation": "FOUNDED_BY_ALUMNI_OF", "via": [HOSTILE[5]], "date": "2020"}]
    pipeline, on_neo4j = both(graph, neo4j, db, "ipo-pipeline", [HOSTILE[4] + " Exchange"], {})
    assert on_neo4j == pipeline and [r["ticker"] for r in pipeline] == [HOSTILE[3]]
    alumni, on_neo4j = both(graph, neo4j, db, "alumni", [HOSTILE[0]], {})
    assert on_neo4j == alumni and [(r["person"], r["titles"], r["founded"]) for r in alumni] == [
        (HOSTILE[5], [HOSTILE[2]], HOSTILE[1])]


@pytest.mark.parametrize("name", [
    "'; MATCH (n) DETACH DELETE n //", "`) RETURN 1 UNION MATCH (n) RETURN n //", "$id", "{id: 1}",
])
def test_unknown_hostile_names_are_unknown_on_both_backends(name: str, graph: nx.MultiDiGraph, neo4j: Driver,
                                                            neo4j_target: Neo4jTarget) -> None:
    with pytest.raises(UnknownEntity):
        run_embedded(graph, "timeline", name)
    with pytest.raises(UnknownEntity):
        run_neo4j(neo4j, "timeline", name, database=neo4j_target.database)


def test_nothing_was_executed_as_query_text(graph: nx.MultiDiGraph, neo4j: Driver,
                                            neo4j_target: Neo4jTarget) -> None:
    for name in HOSTILE:
        for query in ("investors", "portfolio", "co-investors", "timeline"):
            # a hostile person is not a COMPANY (KGError); the point is that nothing ran as Cypher
            with contextlib.suppress(KGError):
                run_neo4j(neo4j, query, name, database=neo4j_target.database)
    assert counts(neo4j, neo4j_target.database) == (graph.number_of_nodes(), graph.number_of_edges())
    assert run_cypher(neo4j, "MATCH (n:Admin) RETURN n", database=neo4j_target.database) == []


# -- the command line on Neo4j ----------------------------------------------------------------------


def test_cli_neo4j_backend_prints_what_the_embedded_one_prints(graph: nx.MultiDiGraph, neo4j: Driver,
                                                               neo4j_target: Neo4jTarget, tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    from typer.testing import CliRunner

    from kg.cli import app

    store = tmp_path / "store"
    with open_store(store) as built:
        record_all(built, [*investor_network(), hostile_article(), *financial_articles(), *ownership_articles(),
                           ownership_web()])
    monkeypatch.setenv("NEO4J_URI", neo4j_target.uri)
    if neo4j_target.owned:
        monkeypatch.delenv("NEO4J_PASSWORD", raising=False)
    runner = CliRunner()
    for args in (["path", "上海國投", "林知遠", "--max-hops", "5"], ["lineage", "光年计算", "--up"],
                 ["central-investors", "--top", "4"], ["ipo-pipeline", "HKEX"], ["timeline", HOSTILE[5]],
                 ["compare", "星衡智能", "Cloudmap Data"]):
        default = runner.invoke(app, ["query", *args, "-f", "json"])  # NEO4J_URI set: Neo4j by default
        embedded = runner.invoke(app, ["query", *args, "-f", "json", "--backend", "embedded", "--store", str(store)])
        assert default.exit_code == 0, default.stderr
        assert embedded.exit_code == 0, embedded.stderr
        assert json.loads(default.stdout) == json.loads(embedded.stdout) != []
        assert default.stderr == ""  # no server notifications leak onto the terminal


def test_ipo_terms_come_from_the_figures_on_both_backends(graph: nx.MultiDiGraph, neo4j: Driver,
                                                          neo4j_target: Neo4jTarget) -> None:
    pipeline, on_neo4j = both(graph, neo4j, neo4j_target.database, "ipo-pipeline", ["HKEX"], {})
    assert on_neo4j == pipeline
    star = next(r for r in on_neo4j if r["company_id"] == "organization:星衡智能")
    assert (star["raise_target"], star["raise"], star["offer_price"]) == ("~300,000,000 USD", "~2,500,000,000 HKD",
                                                                          "16.5 HKD")
