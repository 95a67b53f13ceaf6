"""`kg query ownership`: chains up OWNED_BY/CONTROLLED_BY to the ultimate owners, shares multiplied along
a chain and summed per owner, unknown shares marked; on the three ownership articles (a city fund in
traditional Chinese, a district fund in English, a company funded by both and a private VC in
simplified Chinese, its founder and the VC's founder the owners at the top of their chains) and a
synthetic web, from the store, the view and Neo4j."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest
from neo4j import Driver
from typer.testing import CliRunner

from kg.cli import app
from kg.graph import to_networkx
from kg.neo4j.loader import load_graph
from kg.queries import get_query, run_embedded, run_neo4j, run_store
from kg.queries.exposure import exposure
from kg.store import Store, open_store
from tests.factories import record_all
from tests.neo4j_fixtures import Neo4jTarget
from tests.ownership_data import OWNERSHIP_DIR, ownership_articles, ownership_web

runner = CliRunner()


@pytest.fixture
def built(store: Store) -> Store:
    record_all(store, [*ownership_articles(), ownership_web()])
    return store


def _chains(rows: list[dict]) -> list[tuple[str, float | None, float | None]]:
    return [(r["chain"], r["share"], r["owner_total"]) for r in rows]


def test_a_city_fund_looks_through_its_platform_to_the_municipal_sasac(built: Store) -> None:
    rows = run_store(built, "ownership", "合肥星瀾創業投資基金")
    assert _chains(rows) == [("合肥星瀾創業投資基金 -[100%]-> 合肥青禾產業投資集團 -[100%]-> 合肥市國資委", 1.0, 1.0)]
    assert (rows[0]["gov_level"], rows[0]["region"], rows[0]["state"]) == ("municipal", "Hefei", True)


def test_a_co_owned_district_fund_has_one_chain_per_owner_and_marks_the_unknown_share(built: Store) -> None:
    rows = run_store(built, "ownership", "Nanshan Lingxi Innovation Fund")
    # the fund's name in the Chinese article (南山灵犀基金(Nanshan Lingxi Innovation Fund)) is the one shown
    assert _chains(rows) == [
        ("南山灵犀基金 -[60%]-> Shenzhen Qianhe Investment Group -[100%]-> 深圳市国资委", 0.6, 0.6),
        ("南山灵犀基金 -[40%]-> Nanshan Harbor Capital -[?]-> Shenzhen municipal government", None, None),
    ]
    assert [r["unknown_chains"] for r in rows] == [0, 1]
    assert {(r["gov_level"], r["region"]) for r in rows} == {("municipal", "Shenzhen")}


def test_shares_multiply_along_a_chain_and_add_up_across_chains(built: Store) -> None:
    rows = run_store(built, "ownership", "Webfund Alpha")
    sasac = [r for r in rows if r["owner"] == "Webtown SASAC"]
    assert sorted(r["share"] for r in sasac) == [0.2, 0.5]  # 50% x 100%, 50% x 40%
    assert {r["owner_total"] for r in sasac} == {0.7}
    assert rows[0]["owner"] == "Webtown SASAC"  # the largest owner first
    # the OWNED_BY (50%) and CONTROLLED_BY (no share) between the fund and Platform One are one step
    assert sum("Platform One" in r["chain"] for r in rows) == 1


def test_a_cycle_ends_a_chain_instead_of_looping(built: Store) -> None:
    assert _chains(run_store(built, "ownership", "Circle A")) == [("Circle A -[30%]-> Circle B -[80%]-> Circle C",
                                                                   0.24, 0.24)]
    assert [r["owner"] for r in run_store(built, "ownership", "Circle C")] == []


def test_the_store_and_the_view_agree(built: Store) -> None:
    graph = to_networkx(built)
    for name in ("合肥星澜创业投资基金", "Nanshan Lingxi Innovation Fund", "Webfund Alpha", "Circle B", "岚曜科技"):
        assert run_store(built, "ownership", name) == run_embedded(graph, "ownership", name)


def test_the_cypher_is_read_only_and_parameterised() -> None:
    text = get_query("ownership").cypher
    body = "\n".join(line for line in text.splitlines() if not line.startswith("//"))
    assert "$id" in body
    for word in ("CREATE", "MERGE", "SET ", "DELETE", "REMOVE", "CALL "):
        assert word not in body.upper()


def test_cli_prints_the_chains(tmp_path: Path) -> None:
    store = tmp_path / "store"
    built = runner.invoke(app, ["build", "-q", "-s", str(store), str(OWNERSHIP_DIR)])
    assert built.exit_code == 0, built.stderr
    table = runner.invoke(app, ["query", "ownership", "Nanshan Lingxi", "--store", str(store), "--backend", "embedded"])
    assert table.exit_code == 0, table.stderr
    assert "-[60%]-> Shenzhen Qianhe Investment Group -[100%]->" in table.stdout
    assert "-[?]-> Shenzhen municipal government" in table.stdout
    rows = json.loads(runner.invoke(app, ["query", "ownership", "合肥星澜", "-f", "json", "--store", str(store),
                                          "--backend", "embedded"]).stdout)
    assert [(r["owner"], r["owner_total"], r["gov_level"]) for r in rows] == [("合肥市國資委", 1.0, "municipal")]


# -- Neo4j --------------------------------------------------------------------------------------------


@pytest.mark.neo4j
def test_neo4j_gives_the_same_chains(built: Store, clean_neo4j: Driver, neo4j_target: Neo4jTarget,
                                     tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    graph: nx.MultiDiGraph = to_networkx(built)
    load_graph(clean_neo4j, graph, database=neo4j_target.database)
    for name in ("合肥星澜创业投资基金", "Nanshan Lingxi Innovation Fund", "Webfund Alpha", "Circle A", "Circle B",
                 "岚峰智造", "远川资本"):
        embedded = run_embedded(graph, "ownership", name)
        assert run_neo4j(clean_neo4j, "ownership", name, database=neo4j_target.database) == embedded != []
    # the CLI on Neo4j prints what it prints on the store
    store = tmp_path / "store"
    with open_store(store) as copy:
        record_all(copy, [*ownership_articles(), ownership_web()])
    monkeypatch.setenv("NEO4J_URI", neo4j_target.uri)
    if neo4j_target.owned:
        monkeypatch.delenv("NEO4J_PASSWORD", raising=False)
    args = ["query", "ownership", "Nanshan Lingxi Innovation Fund", "-f", "json"]
    on_neo4j = runner.invoke(app, args)
    embedded = runner.invoke(app, [*args, "--backend", "embedded", "--store", str(store)])
    assert on_neo4j.exit_code == 0, on_neo4j.stderr
    assert json.loads(on_neo4j.stdout) == json.loads(embedded.stdout) != []


# -- state exposure -------------------------------------------------------------------------------------


def _exposure(rows: list[dict]) -> list[tuple]:
    return [(r["investor"], r["owner"], r["state"], r["gov_level"], r["share"]) for r in rows]


def test_state_exposure_names_each_investors_top_owners(built: Store) -> None:
    assert _exposure(run_store(built, "state-exposure", "嵐曜科技")) == [
        ("合肥星瀾創業投資基金", "合肥市國資委", True, "municipal", 1.0)]
    rows = run_store(built, "state-exposure", "Corvane Robotics")
    assert _exposure(rows) == [
        ("南山灵犀基金", "深圳市国资委", True, "municipal", 0.6),
        ("南山灵犀基金", "Shenzhen municipal government", True, "municipal", None),
    ]
    assert [r["unknown_chains"] for r in rows] == [0, 1] and rows[0]["rounds"] == ["A"]


def test_a_private_investor_is_its_own_top_owner(built: Store) -> None:
    rows = run_store(built, "state-exposure", "Webco Robotics")
    assert _exposure(rows) == [
        ("Platform One", "Webtown SASAC", True, "municipal", 1.0),
        ("Private Peak Ventures", "Private Peak Ventures", False, None, 1.0),
        ("Webfund Alpha", "Webtown SASAC", True, "municipal", 0.7),
        ("Webfund Alpha", rows[3]["owner"], False, None, None),  # the hostile-named owner, share unknown
    ]
    assert rows[2]["rounds"] == ["A", "B"]
    graph = to_networkx(built)
    assert run_embedded(graph, "state-exposure", "Webco Robotics") == rows


@pytest.mark.neo4j
def test_neo4j_gives_the_same_state_exposure(built: Store, clean_neo4j: Driver, neo4j_target: Neo4jTarget) -> None:
    graph = to_networkx(built)
    load_graph(clean_neo4j, graph, database=neo4j_target.database)
    for name in ("岚曜科技", "Corvane Robotics", "Webco Robotics", "岚峰智造"):
        embedded = run_embedded(graph, "state-exposure", name)
        assert run_neo4j(clean_neo4j, "state-exposure", name, database=neo4j_target.database) == embedded != []


# -- state money in USD ---------------------------------------------------------------------------------


def _money(rows: list[dict]) -> list[tuple]:
    return [(r["investor"], r["state"], r["amount_usd"], r["state_usd"]) for r in rows]


def test_state_exposure_puts_each_investors_own_money_in_usd(built: Store) -> None:
    rows = run_store(built, "state-exposure", "Webco Robotics")
    assert _money(rows) == [
        ("Platform One", True, 10_000_000, 10_000_000),
        ("Private Peak Ventures", False, 40_000_000, 0),
        ("Webfund Alpha", True, 80_000_000, 56_000_000),  # 70% of $60M + $20M
        ("Webfund Alpha", False, 80_000_000, 0),
    ]
    # $130M known ($100M in A, $30M in B), $66M of it state money, all of it known
    assert {(r["rounds_usd"], r["state_share"], r["state_share_bound"]) for r in rows} == {
        (130_000_000, round(66 / 130, 4), "exact")}


def test_a_lead_investors_sum_is_the_round_and_its_state_share_is_only_a_floor(built: Store) -> None:
    (row,) = run_store(built, "state-exposure", "岚曜科技")
    # 3亿元 on 2026-04-08 at the ECB rate of that day; whose money it was the article does not say
    assert (row["amount_usd"], row["state_usd"]) == (None, None)
    assert (row["state_share"], row["state_share_bound"]) == (0.0, "at least")  # no state money known
    assert 40_000_000 < row["rounds_usd"] < 46_000_000
    assert run_embedded(to_networkx(built), "state-exposure", "岚曜科技") == [row]


# -- the third article: one company, both state funds, a private VC; people at the top -----------------


def test_a_founder_is_the_private_owner_at_the_top_of_the_chain(built: Store) -> None:
    rows = run_store(built, "ownership", "岚峰智造")
    assert [(r["owner"], r["owner_id"], r["state"], r["gov_level"], r["share"]) for r in rows] == [
        ("许知遥", "person:许知遥", False, None, 0.46)]
    assert rows[0]["chain"] == "岚峰智造 -[46%]-> 许知遥"
    (vc,) = run_store(built, "ownership", "远川资本")
    assert (vc["chain"], vc["state"], vc["owner_total"]) == ("远川资本 -[80%]-> 方砚秋", False, 0.8)
    graph = to_networkx(built)
    assert run_embedded(graph, "ownership", "岚峰智造") == rows


def test_a_company_funded_by_both_state_funds_and_a_private_vc(built: Store) -> None:
    """The Hefei city fund (all of it the Hefei SASAC's), the Shenzhen district fund (60% the Shenzhen
    SASAC's through Qianhe, 40% through Nanshan Harbor at a share nobody states) and a VC its founder owns
    80% of: each sum tied to its investor (其中A出资2亿元), in USD at the rate of the article's day."""
    rows = run_store(built, "state-exposure", "岚峰智造")
    assert _exposure(rows) == [
        ("南山灵犀基金", "深圳市国资委", True, "municipal", 0.6),
        ("南山灵犀基金", "Shenzhen municipal government", True, "municipal", None),
        ("合肥星瀾創業投資基金", "合肥市國資委", True, "municipal", 1.0),
        ("远川资本", "方砚秋", False, None, 0.8),
    ]
    nanshan, _harbor, hefei, vc = rows
    assert nanshan["amount_usd"] == hefei["amount_usd"] == 2 * vc["amount_usd"] > 0  # 2亿元, 2亿元, 1亿元
    assert hefei["state_usd"] == hefei["amount_usd"] and vc["state_usd"] == 0
    assert nanshan["state_usd"] == round(0.6 * nanshan["amount_usd"])
    assert {r["rounds_usd"] for r in rows} == {hefei["amount_usd"] * 2 + vc["amount_usd"]}
    # the state part of Nanshan Harbor's 40% is not stated: the state share of the round is the known
    # state money only (60% of the Shenzhen fund's 2亿元 and all the Hefei fund's), marked a lower bound
    known_state = nanshan["state_usd"] + hefei["state_usd"]
    assert {(r["state_share"], r["state_share_bound"]) for r in rows} == {
        (round(known_state / nanshan["rounds_usd"], 4), "at least")}
    assert rows[0]["state_share"] == 0.64  # 1.2亿元 + 2亿元 of 5亿元
    assert run_embedded(to_networkx(built), "state-exposure", "岚峰智造") == rows


def test_the_state_share_floor_is_a_number_in_json(built: Store, tmp_path: Path) -> None:
    store = tmp_path / "store"
    with open_store(store) as copy:
        record_all(copy, ownership_articles())
    result = runner.invoke(app, ["query", "state-exposure", "岚峰智造", "-f", "json", "--backend", "embedded",
                                 "--store", str(store)])
    assert result.exit_code == 0, result.stderr
    assert {(r["state_share"], r["state_share_bound"]) for r in json.loads(result.stdout)} == {(0.64, "at least")}


def _raw(investor: str, amount: float | None, *paths: tuple[list[float | None], list[str]]) -> list[dict]:
    """Raw state-exposure rows (as both backends return them) for one investment of `investor`, one per
    chain (shares along it, labels of its top owner)."""
    base = {"investor_id": investor, "investor": investor, "investor_labels": ["Organization"],
            "investor_level": None, "investor_region": None, "round": "A", "amount_usd": amount,
            "method": [], "role": None}
    return [{**base, "path": {"ids": [investor, *(f"{investor}-{i}-{k}" for k in range(len(shares) - 1)), "sasac"],
                              "names": [investor, *(f"{investor}-{i}-{k}" for k in range(len(shares) - 1)), "SASAC"],
                              "shares": shares, "gov_level": "municipal", "region": "X", "labels": labels}}
            for i, (shares, labels) in enumerate(paths)]


@pytest.mark.parametrize("second, share, bound", [
    ([0.5, 1.0], 1.0, "exact"),  # both halves reach the SASAC at a known share: all of it state money
    ([0.5, None], 0.5, "at least"),  # the other half reaches it at a share nobody states
])
def test_a_state_owners_total_over_chains_of_known_share_only_is_a_floor(second: list, share: float,
                                                                          bound: str) -> None:
    gov = ["Organization", "GovernmentBody"]
    rows = exposure(_raw("fund", 10_000_000.0, ([0.5, 1.0], gov), (second, gov)))
    assert [(r["owner"], r["share"], r["state_usd"]) for r in rows] == [("SASAC", share, share * 10_000_000)]
    assert (rows[0]["state_share"], rows[0]["state_share_bound"]) == (share, bound)


def test_no_known_money_leaves_the_state_share_unknown() -> None:
    rows = exposure(_raw("fund", None, ([1.0], ["Organization", "GovernmentBody"])))
    assert (rows[0]["rounds_usd"], rows[0]["state_share"], rows[0]["state_share_bound"]) == (None, None, None)
