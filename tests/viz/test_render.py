"""Lineage views: the page opens in real headless Chromium, offline, with the expected companies."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pytest

from kg.errors import KGError
from kg.viz import render_lineage
from kg.viz.browser import find_chromium, inspect_page
from kg.viz.lineage import lineage_view
from tests import paths
from tests.test_spinoffs import company, person, tie

ARTIFACTS = paths.ARTIFACTS



@pytest.fixture
def graph() -> nx.MultiDiGraph:
    """Three generations with a state fund behind the middle one, and hostile text in a name."""
    g = nx.MultiDiGraph()
    company(g, "org:a")
    company(g, "org:b")
    company(g, "org:c")
    g.nodes["org:a"]["name"] = "云岫智能"
    g.nodes["org:b"]["name"] = "澄湖科技 </script><b>"
    g.nodes["org:c"]["name"] = "Qiguang Robotics"
    g.add_node("org:fund", labels=["Organization", "Investor", "StateOwnedFund"], name="杭州城投", aliases=[])
    for p in ("沈知微", "顾言川"):
        person(g, p)
    tie(g, "沈知微", "org:a", "LEFT", "2023")
    tie(g, "沈知微", "org:b", "FOUNDED", "2023-05")
    tie(g, "顾言川", "org:b", "LEFT", "2025")
    tie(g, "顾言川", "org:c", "FOUNDED", "2025-09")
    g.add_edge("org:fund", "org:b", key="inv", type="INVESTED_IN", sources=["a1"], round="A")
    from kg.spinoffs import add_derived_spinoffs

    add_derived_spinoffs(g)
    return g


def test_generations_in_both_directions_and_depth(graph: nx.MultiDiGraph) -> None:
    gens = {n.id: n.generation for n in lineage_view(graph, "org:b").nodes}
    assert gens == {"org:a": -1, "org:b": 0, "org:c": 1}
    assert {n.id for n in lineage_view(graph, "org:a", depth=1).nodes} == {"org:a", "org:b"}
    with_money = lineage_view(graph, "org:a", with_investors=True)
    assert {n.kind for n in with_money.nodes} == {"root", "company", "state"}


def test_the_html_page_renders_offline_with_the_lineage(graph: nx.MultiDiGraph, tmp_path: Path,
                                                        chromium: str) -> None:
    page = tmp_path / "lineage.html"
    render_lineage(graph, "org:a", page, with_investors=True)
    text = page.read_text(encoding="utf-8")
    assert not re.search(r"""(src|href)\s*=\s*["']?https?:""", text)
    report = inspect_page(page)
    assert report.console == []
    assert report.requests == []
    items = re.findall(r"<li>([^<]*)</li>", report.dom)
    assert sorted(items) == sorted(["云岫智能", "澄湖科技 &lt;/script&gt;&lt;b&gt;", "Qiguang Robotics", "杭州城投"])
    assert 'data-rendered="4"' in report.dom
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "lineage.png"
    render_lineage(graph, "org:a", shot, with_investors=True)
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 5000


def test_the_svg_parses_and_holds_every_name(graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    out = tmp_path / "lineage.svg"
    render_lineage(graph, "org:c", out)
    root = ET.parse(out).getroot()
    texts = {t.text for t in root.iter("{http://www.w3.org/2000/svg}text")}
    assert {"云岫智能", "澄湖科技 </script><b>", "Qiguang Robotics"} <= texts
    assert any("顾言川" in (t or "") for t in texts)  # the person who carried the lineage labels its edge


def test_unknown_output_kinds_are_refused(graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    with pytest.raises(KGError, match=".html"):
        render_lineage(graph, "org:a", tmp_path / "x.pdf")


def test_chromium_can_be_chosen_by_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KG_CHROMIUM", "/nonexistent/chromium")
    monkeypatch.setenv("PATH", "/nonexistent")
    with pytest.raises(KGError, match="apt-get install chromium"):
        find_chromium()


def test_the_investor_network_keeps_state_red_and_outlines_the_entity(graph: nx.MultiDiGraph, tmp_path: Path,
                                                                     chromium: str) -> None:
    from kg.viz import render_investors

    graph.add_node("org:vc", labels=["Organization", "Investor"], name="Hillhouse", aliases=[])
    graph.add_edge("org:vc", "org:b", key="inv2", type="INVESTED_IN", sources=["a2"], round="A")
    graph.add_edge("org:vc", "org:c", key="inv3", type="INVESTED_IN", sources=["a3"])
    view = render_investors(graph, "org:fund", tmp_path / "net.svg")
    kinds = {n.name: (n.kind, n.focus) for n in view.nodes}
    assert kinds == {"杭州城投": ("state", True), "Hillhouse": ("investor", False),
                     "澄湖科技 </script><b>": ("company", False)}
    assert [(e.source, e.target, e.round) for e in view.edges] == [("org:fund", "org:b", "A"), ("org:vc", "org:b", "A")]
    company_view = render_investors(graph, "org:c", tmp_path / "net.html")
    assert {n.name for n in company_view.nodes} == {"Qiguang Robotics", "Hillhouse"}
    report = inspect_page(tmp_path / "net.html")
    assert report.console == [] and report.requests == []
    assert sorted(re.findall(r"<li>([^<]*)</li>", report.dom)) == ["Hillhouse", "Qiguang Robotics"]
