"""Time: positions and stakes with `valid_from`/`valid_to`, stints that do not overlap kept apart, and
`--as-of DATE` on the named queries, the same from the store, the whole view and Neo4j; `--level` on
state-capital.

On the invented articles of tests/data/tenure: a CTO hired in 2021 (simplified Chinese) who left in June
2023 (traditional Chinese); a chief executive appointed in 2019, who stepped down in 2021 and was
appointed again in 2024 (English, three reports); a robotics company funded by a municipal fund through a
platform a city SASAC set up in 2022, then by a district fund (simplified and traditional Chinese).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from neo4j import Driver

from kg.errors import KGError
from kg.graph import to_networkx
from kg.model import Article
from kg.names import short_hash
from kg.neo4j.loader import load_graph
from kg.queries import run_embedded, run_neo4j, run_store
from kg.resolve import relation_id
from kg.store import open_store
from tests import paths
from tests.factories import conforming_turtle, relations_by_name, run_kg
from tests.factories import store_and_view_rows as both
from tests.neo4j_fixtures import Neo4jTarget

TENURE_DIR = paths.DATA / "tenure"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The store of `kg build tests/data/tenure`, built once for the module."""
    store = tmp_path_factory.mktemp("tenure") / "kg-store"
    code, out, err = run_kg("build", TENURE_DIR, "--store", store, "--quiet")
    assert code == 0, out + err
    return store


@pytest.fixture(scope="module")
def view(built: Path) -> nx.MultiDiGraph:
    with open_store(built, create=False) as store:
        return to_networkx(store)


def roles(rows: list[dict[str, Any]]) -> list[tuple[str, str, str | None]]:
    """(organisation, title, since) of the positions among timeline rows."""
    return [(r["object"], r["detail"], r["valid_from"]) for r in rows if r["relation"] == "HOLDS_POSITION"]


# -- extraction: where the text dates a position or a stake ----------------------------------------


@pytest.mark.parametrize("text, fact, since", [
    ("沈砚秋于2021年3月加入霁澜科技，担任CTO。", ("HOLDS_POSITION", "沈砚秋", "霁澜科技"), "2021-03"),
    ("霽瀾科技於2021年3月任命沈硯秋為CTO。", ("HOLDS_POSITION", "沈硯秋", "霽瀾科技"), "2021-03"),
    ("2024年3月，穆青禾再度出任砾川智能CEO。", ("HOLDS_POSITION", "穆青禾", "砾川智能"), "2024-03"),
    ("Corrowind Systems appointed Tamsin Vale as chief executive in May 2019.",
     ("HOLDS_POSITION", "Tamsin Vale", "Corrowind Systems"), "2019-05"),
    ("Tamsin Vale joined Corrowind Systems as CTO in March 2021.",
     ("HOLDS_POSITION", "Tamsin Vale", "Corrowind Systems"), "2021-03"),
    ("霁澜科技CTO沈砚秋表示，推理系统将于年内上线。", ("HOLDS_POSITION", "沈砚秋", "霁澜科技"), None),
    ("嘉兴禾湾投资集团由嘉兴市国资委于2022年全额出资设立。", ("OWNED_BY", "嘉兴禾湾投资集团", "嘉兴市国资委"), "2022"),
    ("自2021年起，苏州青松创投持有雾岭科技35%股权。", ("OWNED_BY", "雾岭科技", "苏州青松创投"), "2021"),
    ("澜汐创投基金是嘉兴禾湾投资集团的全资子公司。", ("OWNED_BY", "澜汐创投基金", "嘉兴禾湾投资集团"), None),
])
def test_a_joining_appointment_or_set_up_the_text_dates_is_valid_from(text: str, fact: tuple[str, str, str],
                                                                       since: str | None) -> None:
    found = relations_by_name(text)
    assert fact in found, found
    assert found[fact].get("valid_from") == since


def test_a_return_after_a_dated_departure_is_a_position_again_in_one_article() -> None:
    found = relations_by_name("砾川智能于2019年任命穆青禾为CEO，穆青禾于2021年卸任砾川智能CEO。"
                              "2024年，砾川智能再次任命穆青禾为CEO。")
    assert found[("LEFT", "穆青禾", "砾川智能")]["date"] == "2021"
    assert found[("HOLDS_POSITION", "穆青禾", "砾川智能")] == {"title": "CEO", "valid_from": "2024"}


@pytest.mark.parametrize("text, kept", [
    # joined and left in one sentence: the stint from its start, and the leaving that ends it
    ("沈砚秋于2021年3月加入霁澜科技担任CTO，并于2023年6月离职。",
     {("LEFT", "沈砚秋", "霁澜科技"): {"title": "CTO", "date": "2023-06", "date_precision": "month"},
      ("HOLDS_POSITION", "沈砚秋", "霁澜科技"): {"title": "CTO", "valid_from": "2021-03"}}),
    # a position the text does not date, then left: only the leaving
    ("霁澜科技CTO沈砚秋已于2023年6月离职。",
     {("LEFT", "沈砚秋", "霁澜科技"): {"title": "CTO", "date": "2023-06", "date_precision": "month"}}),
    # an undated mention of the position joins the dated one
    ("霁澜科技宣布，沈砚秋于2021年3月加入霁澜科技，担任CTO。霁澜科技CTO沈砚秋表示，推理系统将于年内上线。",
     {("HOLDS_POSITION", "沈砚秋", "霁澜科技"): {"title": "CTO", "valid_from": "2021-03"}}),
])
def test_one_article_states_one_fact_per_stint(text: str, kept: dict[tuple[str, str, str], dict[str, Any]]) -> None:
    assert relations_by_name(text) == kept


@pytest.mark.parametrize("text, joined, left", [
    ("顾砚舟2019年加入汀澜智能担任CTO，今年3月离职。", "2019", "2025-03"),
    ("顾砚舟于2019年加入汀澜智能，担任CTO。今年3月，顾砚舟从汀澜智能离职。", "2019", "2025-03"),
    ("Corin Vask joined Tallowmere Robotics as CTO in 2019 and left in March 2025.", "2019", "2025-03"),
])
def test_a_departure_keeps_the_start_of_the_stint_the_text_gives(text: str, joined: str, left: str) -> None:
    """The position left keeps when it began (a HOLDS_POSITION from `valid_from`, which the departure
    ends in the view) beside the departure dated by the leaving, in Chinese and English."""
    found = relations_by_name(text)  # published 2025-06-10: 今年 is 2025
    person, org = ("Corin Vask", "Tallowmere Robotics") if text.isascii() else ("顾砚舟", "汀澜智能")
    assert found[("HOLDS_POSITION", person, org)] == {"title": "CTO", "valid_from": joined}
    assert found[("LEFT", person, org)]["date"] == left
    assert "valid_from" not in found[("LEFT", person, org)]  # a departure is dated by the leaving


def test_the_stint_one_article_gives_is_held_between_its_start_and_the_departure(tmp_path: Path) -> None:
    source = tmp_path / "stint.txt"
    source.write_text("汀澜智能高管变动\n2025年06月10日　科创财讯\n\n顾砚舟2019年加入汀澜智能担任CTO，今年3月离职。\n",
                      "utf-8")
    store = tmp_path / "store"
    code, _out, err = run_kg("build", source, "--store", store, "--quiet")
    assert code == 0, err
    with open_store(store, create=False) as s:
        graph = to_networkx(s)
        assert roles(run_store(s, "timeline", "顾砚舟", as_of="2018")) == []
        assert roles(run_store(s, "timeline", "顾砚舟", as_of="2022")) == [("汀澜智能", "CTO", "2019")]
        assert roles(run_store(s, "timeline", "顾砚舟", as_of="2025-04")) == []
    [position] = [d for _s, _t, d in graph.out_edges("person:顾砚舟", data=True) if d["type"] == "HOLDS_POSITION"]
    assert (position["valid_from"], position["valid_to"]) == ("2019", "2025-03")


# -- the store: stints that do not overlap stay apart; ids of facts without a start unchanged ------


def test_a_fact_without_a_start_keeps_its_id_and_a_start_year_tells_stints_apart() -> None:
    old = "r" + short_hash("HOLDS_POSITION", "person:x", "organization:y", "title=CEO")  # the id before valid_from
    assert relation_id("HOLDS_POSITION", "person:x", "organization:y", {"title": "CEO"}) == old
    assert relation_id("OWNED_BY", "organization:a", "organization:b", {"share": 1.0}) == \
        "r" + short_hash("OWNED_BY", "organization:a", "organization:b")
    first = relation_id("HOLDS_POSITION", "person:x", "organization:y", {"title": "CEO", "valid_from": "2019"})
    assert first == relation_id("HOLDS_POSITION", "person:x", "organization:y",
                                {"title": "CEO", "valid_from": "2019-05"})  # one stint, dated more finely
    assert len({old, first, relation_id("HOLDS_POSITION", "person:x", "organization:y",
                                        {"title": "CEO", "valid_from": "2024-03"})}) == 3


def test_a_ceo_from_2019_to_2021_and_again_from_2024_holds_two_positions(view: nx.MultiDiGraph) -> None:
    positions = sorted((d.get("valid_from"), d.get("valid_to"), d["title"], len(d["sources"]))
                       for _s, _t, d in view.out_edges("person:tamsin-vale", data=True)
                       if d["type"] == "HOLDS_POSITION")
    assert positions == [("2019-05", "2021-09", "CEO", 1), ("2024-03", None, "CEO", 1)]


def test_the_departure_reported_by_another_article_ends_the_position(view: nx.MultiDiGraph) -> None:
    [position] = [d for _s, _t, d in view.out_edges("person:沈砚秋", data=True) if d["type"] == "HOLDS_POSITION"]
    assert (position["title"], position["valid_from"], position["valid_to"]) == ("CTO", "2021-03", "2023-06")


# -- timeline --as-of ------------------------------------------------------------------------------


@pytest.mark.parametrize("person, as_of, held", [
    ("沈砚秋", "2021-02", []),  # not hired yet
    ("沈砚秋", "2022-01-01", [("霁澜科技", "CTO", "2021-03")]),
    ("沈砚秋", "2023-05", [("霁澜科技", "CTO", "2021-03")]),  # May 2023: still there
    ("沈砚秋", "2023-07-01", []),  # left in June 2023
    ("沈硯秋", "2022", [("霁澜科技", "CTO", "2021-03")]),  # any script; a year is its last day
    ("Tamsin Vale", "2020-06-30", [("Corrowind Systems", "CEO", "2019-05")]),
    ("Tamsin Vale", "2022-12-31", []),  # between the stints
    ("Tamsin Vale", "2025-01-01", [("Corrowind Systems", "CEO", "2024-03")]),  # the second stint only
])
def test_timeline_as_of_gives_the_roles_held_then(built: Path, view: nx.MultiDiGraph, person: str, as_of: str,
                                                  held: list[tuple[str, str, str]]) -> None:
    rows = both(built, view, "timeline", person, as_of=as_of)
    assert roles(rows) == held
    assert all((r["date"] or "") <= as_of for r in rows)  # nothing after the date: no departure yet


def test_timeline_as_of_shows_the_departure_once_it_happened(built: Path, view: nx.MultiDiGraph) -> None:
    before = both(built, view, "timeline", "沈砚秋", as_of="2023-05-31")
    after = both(built, view, "timeline", "沈砚秋", as_of="2023-07-01")
    assert [r["relation"] for r in before] == ["HOLDS_POSITION"]
    assert [(r["relation"], r["date"], r["detail"]) for r in after] == [("LEFT", "2023-06", "CTO")]
    everything = both(built, view, "timeline", "沈砚秋")
    assert [(r["relation"], r["valid_from"], r["valid_to"]) for r in everything] == [
        ("HOLDS_POSITION", "2021-03", "2023-06"), ("LEFT", None, None)]


def test_the_cli_takes_as_of(built: Path) -> None:
    code, out, err = run_kg("query", "timeline", "Tamsin Vale", "--as-of", "2020", "--store", built, "-f", "json")
    assert code == 0, err
    assert roles(json.loads(out)) == [("Corrowind Systems", "CEO", "2019-05")]


@pytest.mark.parametrize("as_of", ["2023-13", "May 2023", "2023-02-30", "23"])
def test_a_date_that_is_not_one_is_refused(built: Path, as_of: str) -> None:
    code, _out, err = run_kg("query", "timeline", "沈砚秋", "--as-of", as_of, "--store", built)
    assert code == 1 and "--as-of wants a date" in err


def test_removing_the_departure_leaves_the_position_held(built: Path, tmp_path: Path) -> None:
    copy = tmp_path / "store"
    code, _o, err = run_kg("build", TENURE_DIR / "zh-jilan-cto-joins.txt", TENURE_DIR / "zh-hant-jilan-cto-leaves.txt",
                           "--store", copy, "--quiet")
    assert code == 0, err
    left = Article(text=(TENURE_DIR / "zh-hant-jilan-cto-leaves.txt").read_text("utf-8")).id
    with open_store(copy, create=False) as store:
        assert roles(run_store(store, "timeline", "沈砚秋", as_of="2024")) == []
        assert store.remove_article(left)
        assert roles(run_store(store, "timeline", "沈砚秋", as_of="2024")) == [("霁澜科技", "CTO", "2021-03")]


# -- --as-of on the other queries ----------------------------------------------------------------


@pytest.mark.parametrize("name, arg, as_of, expected", [
    ("investors", "雾岭科技", "2023-12-31", []),
    ("investors", "雾岭科技", "2024-06", ["澜汐创投基金"]),
    ("investors", "雾岭科技", "2024-09", ["澜汐创投基金", "鷺溪創新基金"]),
    ("investors", "雾岭科技", None, ["澜汐创投基金", "鷺溪創新基金"]),
    ("portfolio", "鷺溪創新基金", "2024-06", []),
    ("portfolio", "鷺溪創新基金", "2024-08-31", ["雾岭科技"]),
    ("co-investors", "澜汐创投基金", "2024-06", []),
    ("co-investors", "澜汐创投基金", None, ["鷺溪創新基金"]),
    ("state-exposure", "雾岭科技", "2024-06", ["澜汐创投基金"]),
    ("state-exposure", "雾岭科技", None, ["澜汐创投基金", "鷺溪創新基金"]),
    ("state-capital", None, "2024-06", ["澜汐创投基金"]),
    ("state-capital", None, "2020", []),
])
def test_as_of_leaves_out_what_came_after(built: Path, view: nx.MultiDiGraph, name: str, arg: str | None,
                                          as_of: str | None, expected: list[str]) -> None:
    rows = both(built, view, name, *([arg] if arg else []), as_of=as_of)
    column = {"portfolio": "company", "state-capital": "fund"}.get(name, "investor")
    assert sorted({r[column] for r in rows}) == expected


@pytest.mark.parametrize("entity, as_of, chains", [
    # set up by the SASAC in 2022 (valid_from), though first reported in 2024
    ("嘉兴禾湾投资集团", "2021-12-31", []),
    ("嘉兴禾湾投资集团", "2023", ["嘉兴禾湾投资集团 -[100%]-> 嘉兴市国资委"]),
    # the fund's own stake is undated: it counts from its first report (2024-05-10)
    ("澜汐创投基金", "2024-05-09", []),
    ("澜汐创投基金", "2024-05-10", ["澜汐创投基金 -[100%]-> 嘉兴禾湾投资集团 -[100%]-> 嘉兴市国资委"]),
    ("鷺溪創新基金", "2022", []),
    ("鷺溪創新基金", None, ["鷺溪創新基金 -[100%]-> 深圳市福田區國資局"]),
])
def test_ownership_as_of_follows_the_stakes_held_then(built: Path, view: nx.MultiDiGraph, entity: str,
                                                      as_of: str | None, chains: list[str]) -> None:
    assert [r["chain"] for r in both(built, view, "ownership", entity, as_of=as_of)] == chains


# -- state-capital --level -------------------------------------------------------------------------


@pytest.mark.parametrize("level, funds", [
    (None, [("澜汐创投基金", ["municipal"], ["嘉兴市国资委"]), ("鷺溪創新基金", ["district"], ["深圳市福田區國資局"])]),
    ("municipal", [("澜汐创投基金", ["municipal"], ["嘉兴市国资委"])]),  # through its platform: look-through
    ("district", [("鷺溪創新基金", ["district"], ["深圳市福田區國資局"])]),
    ("central", []),
    ("provincial", []),
])
def test_state_capital_level_is_whose_money_it_is_in_the_end(built: Path, view: nx.MultiDiGraph,
                                                             level: str | None, funds: list[tuple]) -> None:
    rows = both(built, view, "state-capital", level=level)
    assert [(r["fund"], r["gov_levels"], r["state_owners"]) for r in rows] == funds
    assert {r["company"] for r in rows} <= {"雾岭科技"}


def test_the_cli_takes_level_and_refuses_an_unknown_one(built: Path) -> None:
    code, out, err = run_kg("query", "state-capital", "--level", "district", "--store", built, "-f", "json")
    assert code == 0, err
    assert [r["fund"] for r in json.loads(out)] == ["鷺溪創新基金"]
    code, _out, err = run_kg("query", "state-capital", "--level", "county", "--store", built)
    assert code == 1 and "must be one of central" in err
    with pytest.raises(KGError, match="takes no --level"):
        run_embedded(nx.MultiDiGraph(), "investors", "x", level="district")


# -- RDF, SHACL and import -------------------------------------------------------------------------


def test_the_export_carries_valid_from_and_valid_to_and_conforms(built: Path, tmp_path: Path) -> None:
    text = conforming_turtle(built, tmp_path)
    assert 'kgo:valid_from "2021-03"' in text and 'kgo:valid_to "2023-06"' in text
    bad = tmp_path / "bad.ttl"
    bad.write_text(text.replace('kgo:valid_from "2021-03"', 'kgo:valid_from "March 2021"'), "utf-8")
    code, out, err = run_kg("validate", "--file", bad)
    assert code != 0 and "valid_from" in out + err


def test_a_node_link_import_stores_no_derived_end_and_the_view_derives_it_again(built: Path, view: nx.MultiDiGraph,
                                                                                tmp_path: Path) -> None:
    exported = tmp_path / "g.json"
    assert run_kg("export", "--format", "node-link", "-o", exported, "--store", built)[0] == 0
    again = tmp_path / "again"
    code, _o, err = run_kg("import", exported, "--store", again)
    assert code == 0, err
    with open_store(again, create=False) as store:
        stored = [r.props for r in store.relations() if r.type == "HOLDS_POSITION"]
        assert stored and all("valid_to" not in p for p in stored)
        assert roles(run_store(store, "timeline", "沈砚秋", as_of="2024")) == []
        rebuilt = to_networkx(store)
    ends = {(s, d.get("valid_from"), d.get("valid_to")) for s, _t, d in rebuilt.edges(data=True)
            if d["type"] == "HOLDS_POSITION"}
    assert ends == {(s, d.get("valid_from"), d.get("valid_to")) for s, _t, d in view.edges(data=True)
                    if d["type"] == "HOLDS_POSITION"}


# -- Neo4j -----------------------------------------------------------------------------------------

NEO4J_CASES: list[tuple[str, list[str], dict[str, Any]]] = [
    ("timeline", ["沈砚秋"], {}),
    *(("timeline", ["沈砚秋"], {"as_of": d}) for d in ("2021-02", "2022", "2023-05", "2023-07-01")),
    *(("timeline", ["Tamsin Vale"], {"as_of": d}) for d in ("2020", "2022-12-31", "2025")),
    ("timeline", ["霁澜科技"], {"as_of": "2022"}),
    *(("investors", ["雾岭科技"], {"as_of": d}) for d in ("2023", "2024-06", "2024-09")),
    ("portfolio", ["澜汐创投基金"], {"as_of": "2024-06"}),
    ("co-investors", ["澜汐创投基金"], {"as_of": "2024-06"}),
    ("co-investors", ["澜汐创投基金"], {"as_of": "2025"}),
    *(("ownership", ["澜汐创投基金"], {"as_of": d}) for d in ("2024-05-09", "2024-05-10")),
    *(("ownership", ["嘉兴禾湾投资集团"], {"as_of": d}) for d in ("2021", "2023")),
    *(("state-exposure", ["雾岭科技"], {"as_of": d}) for d in ("2024-06", "2025")),
    ("state-capital", [], {}),
    *(("state-capital", [], {"level": level}) for level in ("central", "municipal", "district")),
    ("state-capital", [], {"as_of": "2024-06"}),
    ("state-capital", [], {"as_of": "2024-09", "level": "district", "region": "深圳"}),
]


@pytest.mark.neo4j
def test_neo4j_answers_as_of_and_level_as_the_store_does(view: nx.MultiDiGraph, clean_neo4j: Driver,
                                                         neo4j_target: Neo4jTarget) -> None:
    load_graph(clean_neo4j, view, database=neo4j_target.database)
    for name, args, options in NEO4J_CASES:
        embedded = run_embedded(view, name, *args, **options)
        assert run_neo4j(clean_neo4j, name, *args, database=neo4j_target.database, **options) == embedded, \
            (name, args, options)
    assert any(run_embedded(view, name, *args, **options) for name, args, options in NEO4J_CASES)
