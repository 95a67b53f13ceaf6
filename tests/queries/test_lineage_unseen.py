"""Lineages of firms nobody told kg about: two generations of spin-offs in Chinese and in English.

The articles in tests/data/lineage_unseen/ were written for this test and are not in examples/; none
of their companies or people is in the gazetteer, so every name is found by its context (organisation
suffixes, titles, "founded by"), and the lineage rests on what the articles say about careers:
陆远舟 left 霁川科技 and founded 岚峰半导体; its co-founder 苏砚秋 left and founded 溪桥智能 (told across
a simplified, a traditional and another simplified article); Daniel Okafor left Corvane Systems for
Tessellate Robotics, whose co-founder Priya Raman then founded Halden Labs. The query, the SVG and the
page in headless Chromium must all show both generations, and the page must load nothing.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pytest
from typer.testing import CliRunner

from kg.build import build
from kg.cli import app
from kg.extract.gazetteer import default_gazetteer
from kg.graph import to_networkx
from kg.names import normalize_name
from kg.queries import run_embedded
from kg.store import open_store
from kg.viz.browser import inspect_page
from tests import paths

ARTICLES = paths.DATA / "lineage_unseen"
ARTIFACTS = paths.ARTIFACTS
runner = CliRunner()

#: root -> [(generation, company, parent, person who carried the lineage)]
LINEAGES = {
    "霁川科技": [(1, "岚峰半导体", "霁川科技", "陆远舟"), (2, "溪桥智能", "岚峰半导体", "苏砚秋")],
    "Corvane Systems": [(1, "Tessellate Robotics", "Corvane Systems", "Daniel Okafor"),
                        (2, "Halden Labs", "Tessellate Robotics", "Priya Raman")],
}
NAMES = {name for rows in LINEAGES.values() for _g, child, parent, _p in rows for name in (child, parent)}


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("unseen") / "store"
    with open_store(path) as store:
        report = build(store, [ARTICLES])
    assert report.failures == [] and report.added == len(list(ARTICLES.iterdir()))
    return path


@pytest.fixture(scope="module")
def graph(store_path: Path) -> nx.MultiDiGraph:
    with open_store(store_path) as store:
        return to_networkx(store)


def _plain(name: str) -> str:
    return normalize_name(name)


def test_no_company_or_person_of_these_articles_is_in_the_gazetteer() -> None:
    gazetteer = default_gazetteer()
    people = {p for rows in LINEAGES.values() for *_x, p in rows}
    for name in NAMES | people:
        assert gazetteer.lookup(name) is None, name


@pytest.mark.parametrize("root", sorted(LINEAGES))
def test_the_lineage_query_finds_both_generations(graph: nx.MultiDiGraph, root: str) -> None:
    rows = run_embedded(graph, "lineage", root)
    got = sorted((r["generation"], _plain(r["company"]), _plain(r["parent"]), [_plain(p) for p in r["via"]])
                 for r in rows)
    assert got == sorted((g, _plain(c), _plain(p), [_plain(v)]) for g, c, p, v in LINEAGES[root])


@pytest.mark.parametrize("root", sorted(LINEAGES))
def test_the_lineage_reads_the_same_from_the_youngest_company_upwards(graph: nx.MultiDiGraph, root: str) -> None:
    youngest = LINEAGES[root][-1][1]
    rows = run_embedded(graph, "lineage", youngest, direction="up")
    assert sorted((r["generation"], _plain(r["company"])) for r in rows) == sorted(
        (g - 2, _plain(c)) for g, c, _p, _v in LINEAGES[root])


def test_the_cli_prints_the_lineage_as_json(store_path: Path) -> None:
    result = runner.invoke(app, ["query", "lineage", "霽川科技", "--store", str(store_path), "-f", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert {_plain(r["company"]) for r in rows} == {"岚峰半导体", "溪桥智能"}


@pytest.mark.parametrize("root", sorted(LINEAGES))
def test_the_svg_shows_every_company_and_founder(store_path: Path, tmp_path: Path, root: str) -> None:
    out = tmp_path / "lineage.svg"
    result = runner.invoke(app, ["viz", "lineage", root, "--output", str(out), "--store", str(store_path)])
    assert result.exit_code == 0, result.output
    texts = [_plain(t.text or "") for t in ET.parse(out).getroot().iter("{http://www.w3.org/2000/svg}text")]
    for _g, child, parent, person in LINEAGES[root]:
        assert _plain(child) in texts and _plain(parent) in texts
        assert any(_plain(person) in t for t in texts), person



@pytest.mark.parametrize("root", sorted(LINEAGES))
def test_the_page_shows_the_whole_lineage_and_loads_nothing(store_path: Path, tmp_path: Path, root: str,
                                                            chromium: str) -> None:
    page = tmp_path / "lineage.html"
    result = runner.invoke(app, ["viz", "lineage", root, "--output", str(page), "--store", str(store_path)])
    assert result.exit_code == 0, result.output
    report = inspect_page(page)
    assert report.console == [] and report.requests == []
    shown = {_plain(re.sub(r"&[a-z]+;", "", item)) for item in re.findall(r"<li>([^<]*)</li>", report.dom)}
    companies = {_plain(n) for _g, child, parent, _p in LINEAGES[root] for n in (child, parent)}
    assert shown == companies
    assert f'data-rendered="{len(companies)}"' in report.dom
    ARTIFACTS.mkdir(exist_ok=True)
    slug = "zh" if root == "霁川科技" else "en"
    result = runner.invoke(app, ["viz", "lineage", root, "--output", str(ARTIFACTS / f"lineage-unseen-{slug}.png"),
                                 "--store", str(store_path)])
    assert result.exit_code == 0, result.output


# -- a second set: tests/data/lineage_unseen2/ ------------------------------------------------------
# Four lineages told across ten articles in other styles (page boilerplate, Taiwan and Hong Kong
# usage, wire copy, a tech blog) and phrasings: 从A离职后创办B, A系创业公司B, B由A前员工X创立,
# 自立門戶, "A alumni X and Y", "X quit A to start B", "X, who left A in 2023, founded B", "A veteran
# X", "B's founder previously led A's unit", "B was spun out of A's lab", B脱胎于A, 孵化自…实验室.

ARTICLES2 = paths.DATA / "lineage_unseen2"

#: root -> [(generation, company, parent, people who carried the lineage)]
LINEAGES2 = {
    "沐岩科技": [(1, "青鹭微电子", "沐岩科技", {"邵衡川"}), (2, "栖云智造", "青鹭微电子", {"骆知行"})],
    "Brightwater Dynamics": [
        (1, "Quillfeather Analytics", "Brightwater Dynamics", {"Marcus Ellery", "Tobias Renn"}),
        (2, "Ostrander Labs", "Quillfeather Analytics", {"Naomi Achterberg"}),
    ],
    "Harlow Institute of Technology": [
        (1, "Veridian Optics", "Harlow Institute of Technology", {"Elena Brandt"}),
        (2, "光屿科技", "Veridian Optics", {"林澈"}),
    ],
    "恒溪支付": [(1, "曜石数据", "恒溪支付", {"闻楚怡"}), (2, "砚池智能", "曜石数据", {"岑叙白"})],
}


def _assert_lineage(graph: nx.MultiDiGraph, root: str, expected: list) -> None:
    """`kg query lineage ROOT` gives every generation of `expected`, with the people who carried it."""
    rows = run_embedded(graph, "lineage", root)
    got = sorted((r["generation"], _plain(r["company"]), _plain(r["parent"]), sorted(_plain(p) for p in r["via"]))
                 for r in rows)
    assert got == sorted((g, _plain(c), _plain(p), sorted(_plain(v) for v in people)) for g, c, p, people in expected)


def _assert_upwards(graph: nx.MultiDiGraph, expected: list) -> None:
    """Asked from the youngest company upwards, the same two generations come back."""
    rows = run_embedded(graph, "lineage", expected[-1][1], direction="up")
    got = {(r["generation"], _plain(r["company"]), _plain(r["parent"])) for r in rows}
    assert {(g - 2, _plain(c), _plain(p)) for g, c, p, _v in expected} <= got


@pytest.fixture(scope="module")
def graph2(tmp_path_factory: pytest.TempPathFactory) -> nx.MultiDiGraph:
    path = tmp_path_factory.mktemp("unseen2") / "store"
    with open_store(path) as store:
        report = build(store, [ARTICLES2])
        assert report.failures == [] and report.added == len(list(ARTICLES2.iterdir()))
        return to_networkx(store)


def _assert_unknown(lineages: dict) -> None:
    """No company or person of these lineages is in the gazetteer: everything is found by context."""
    gazetteer = default_gazetteer()
    for rows in lineages.values():
        for _g, child, parent, people in rows:
            for name in (child, parent, *people):
                assert gazetteer.lookup(name) is None, name


def test_no_name_of_the_second_set_is_in_the_gazetteer() -> None:
    _assert_unknown(LINEAGES2)


@pytest.mark.parametrize("root", sorted(LINEAGES2))
def test_the_second_set_gives_both_generations_with_their_people(graph2: nx.MultiDiGraph, root: str) -> None:
    _assert_lineage(graph2, root, LINEAGES2[root])


@pytest.mark.parametrize("root", sorted(LINEAGES2))
def test_the_second_set_reads_the_same_upwards(graph2: nx.MultiDiGraph, root: str) -> None:
    _assert_upwards(graph2, LINEAGES2[root])


@pytest.mark.neo4j
@pytest.mark.parametrize("query", ["lineage", "alumni"])
def test_neo4j_gives_the_same_lineage_and_alumni_rows(graph: nx.MultiDiGraph, graph2: nx.MultiDiGraph,
                                                      graph3: nx.MultiDiGraph, clean_neo4j, query: str) -> None:
    """All three sets loaded into the real server: every root's lineage and alumni rows, row for row."""
    from kg.neo4j.loader import load_graph
    from kg.queries import run_neo4j

    every = nx.compose_all([graph, graph2, graph3])
    load_graph(clean_neo4j, every)
    for root in [*sorted(LINEAGES), *sorted(LINEAGES2), *sorted(LINEAGES3)]:
        embedded = run_embedded(every, query, root)
        assert embedded, root
        assert run_neo4j(clean_neo4j, query, root) == embedded, root


# -- a third set: tests/data/lineage_unseen3/ -------------------------------------------------------
# Three lineages told in the other formats the readers take: an HTML news page wrapped in navigation,
# ads and a footer; a Markdown blog post with front matter, headings and links; a JSON Lines file of
# three briefs; a GB18030 simplified and a Big5 traditional text file; and a wire story and a feature
# that name a Chinese founder in pinyin, once with the characters beside it. Phrasings: X曾在A担任T，
# 2022年出来创业，成立了B; B的创始团队来自A; B创始人X为A前技术VP; A出身的X; X辞去A职务后创立B; X原为A首席技术官;
# "X joined A in 2015 and left in 2020 to co-found B"; "B, started by a trio of former A engineers led
# by X"; "X, previously head of AI at A, launched B in 2023"; "X (周砚亭), who co-founded B in 2020,
# spent five years at A".

ARTICLES3 = paths.DATA / "lineage_unseen3"

LINEAGES3 = {
    "澜溯数据": [(1, "墨汀智能", "澜溯数据", {"祁望舒"}), (2, "蔚篱科技", "墨汀智能", {"韦晗"})],
    "Ashgrove Networks": [
        (1, "Pellucid Technologies", "Ashgrove Networks", {"Zhou Yanting"}),
        (2, "Marlowe Energy", "Pellucid Technologies", {"Ines Varga"}),
    ],
    "朔桥证券": [(1, "岫云金服", "朔桥证券", {"殷鹤年"}), (2, "汀砂科技", "岫云金服", {"聂清禾"})],
}


@pytest.fixture(scope="module")
def graph3(tmp_path_factory: pytest.TempPathFactory) -> nx.MultiDiGraph:
    path = tmp_path_factory.mktemp("unseen3") / "store"
    with open_store(path) as store:
        report = build(store, [ARTICLES3])
        assert report.failures == []
        # the JSON Lines file holds three articles, every other file one
        assert report.added == len(list(ARTICLES3.iterdir())) + 2
        return to_networkx(store)


def test_no_name_of_the_third_set_is_in_the_gazetteer() -> None:
    _assert_unknown(LINEAGES3)
    assert default_gazetteer().lookup("周砚亭") is None


@pytest.mark.parametrize("root", sorted(LINEAGES3))
def test_the_third_set_gives_both_generations_with_their_people(graph3: nx.MultiDiGraph, root: str) -> None:
    _assert_lineage(graph3, root, LINEAGES3[root])


@pytest.mark.parametrize("root", sorted(LINEAGES3))
def test_the_third_set_reads_the_same_upwards(graph3: nx.MultiDiGraph, root: str) -> None:
    _assert_upwards(graph3, LINEAGES3[root])


@pytest.mark.parametrize(("root", "alias"), [("朔桥证券", "朔橋證券"), ("Ashgrove Networks", "周砚亭")])
def test_the_third_set_joins_scripts_and_the_pinyin_given_with_characters(graph3: nx.MultiDiGraph, root: str,
                                                                         alias: str) -> None:
    """The Big5 article's 朔橋證券 and 殷鶴年 are the simplified ones; Zhou Yanting is 周砚亭, as an
    article says by giving both forms."""
    rows = run_embedded(graph3, "lineage", root)
    assert rows
    names = {_plain(n) for _node, d in graph3.nodes(data=True) for n in [d.get("name", ""), *d.get("aliases", [])]}
    assert _plain(alias) in names
    people = [d for _n, d in graph3.nodes(data=True) if "Person" in d.get("labels", [])]
    assert len(people) == len({p["name"] for p in people}) == 6, [p["name"] for p in people]


def test_the_third_set_has_no_boilerplate_or_headline_organisations(graph3: nx.MultiDiGraph) -> None:
    orgs = {_plain(d["name"]) for _n, d in graph3.nodes(data=True) if "Organization" in d.get("labels", [])}
    expected = {_plain(n) for rows in LINEAGES3.values() for _g, c, p, _v in rows for n in (c, p)}
    assert orgs == expected


@pytest.mark.parametrize(("which", "root"),
                         [*((2, r) for r in sorted(LINEAGES2)), *((3, r) for r in sorted(LINEAGES3))])
def test_the_svg_and_page_show_the_other_sets_whole(which: int, root: str, request: pytest.FixtureRequest,
                                                    tmp_path: Path, chromium: str) -> None:
    """The drawings of the second and third sets: every company in the SVG and on the page, offline."""
    from kg.queries import find_entity
    from kg.viz import render_lineage

    graph = request.getfixturevalue(f"graph{which}")
    expected = (LINEAGES2 if which == 2 else LINEAGES3)[root]
    companies = {_plain(n) for _g, child, parent, _p in expected for n in (child, parent)}
    root_id = find_entity(graph, root)
    render_lineage(graph, root_id, tmp_path / "l.svg")
    svg = ET.parse(tmp_path / "l.svg").getroot()
    # a long name wraps onto two lines of text; the box's title holds it whole
    texts = {_plain(t.text or "") for tag in ("text", "title") for t in svg.iter(f"{{http://www.w3.org/2000/svg}}{tag}")}
    assert companies <= texts
    render_lineage(graph, root_id, tmp_path / "l.html")
    report = inspect_page(tmp_path / "l.html")
    assert report.console == [] and report.requests == []
    shown = {_plain(re.sub(r"&[a-z]+;", "", item)) for item in re.findall(r"<li>([^<]*)</li>", report.dom)}
    assert companies <= shown
