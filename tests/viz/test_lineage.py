"""The lineage view at real size: a wide two-generation tree (one parent, 24 spin-offs, a "字节系") and a
deep one (seven generations with side branches), generated in code, checked for what a reader needs:
no two boxes or labels overlapping, no arrow running through a box, arrowheads on distinct points of
their box, a canvas that is used, and the page in headless Chromium drawing exactly that (empty console,
no network requests). With investors (the example articles, and the wide tree with investors putting
money across its lanes), the money's arrows too must go round every box they do not join and never run
along another arrow. The checks here measure the geometry themselves rather than trusting the layout's
own measures."""

from __future__ import annotations

import functools
import itertools
import json
import math
import re
import struct
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pytest

from kg.viz import render_lineage
from kg.viz.browser import inspect_page
from kg.viz.lineage import LineageView, lineage_view, text_width
from kg.viz.network_page import page_layout
from kg.viz.synthetic import (
    LONG_INVESTOR_NAMES,
    deep_lineage,
    wide_lineage,
    wide_lineage_with_investors,
    wide_lineage_with_parent_investors,
)
from tests import paths

SVG = "{http://www.w3.org/2000/svg}"
ARROWHEAD = 8.0  # px: two arrowheads closer than this read as one
TREES = {"wide": (wide_lineage, "organization:parent"), "deep": (deep_lineage, "organization:g0")}

Box = tuple[float, float, float, float]
ROOT = paths.ROOT


def _overlaps(boxes: dict[str, Box], pad: float = 0.0) -> list[tuple[str, str]]:
    return [(a, b) for (a, p), (b, q) in itertools.combinations(boxes.items(), 2)
            if p[0] - pad < q[2] and q[0] - pad < p[2] and p[1] - pad < q[3] and q[1] - pad < p[3]]


def _on_boundary(point: tuple[float, float], b: Box, tol: float = 1.0) -> bool:
    x, y = point
    inside = b[0] - tol <= x <= b[2] + tol and b[1] - tol <= y <= b[3] + tol
    return inside and min(abs(x - b[0]), abs(x - b[2]), abs(y - b[1]), abs(y - b[3])) <= tol


def _through(p: tuple[float, float], q: tuple[float, float], b: Box, step: float = 2.0) -> bool:
    """Whether segment p-q has a point strictly inside box b (sampled every `step` px)."""
    n = max(1, int(math.dist(p, q) / step))
    return any(b[0] + 1 < p[0] + (q[0] - p[0]) * k / n < b[2] - 1 and b[1] + 1 < p[1] + (q[1] - p[1]) * k / n < b[3] - 1
               for k in range(n + 1))


def _arrowhead_gaps(ends: dict[str, list[tuple[float, float]]]) -> float:
    return min((math.dist(p, q) for pts in ends.values() for p, q in itertools.combinations(pts, 2)),
               default=math.inf)


def _tree(name: str) -> tuple[nx.MultiDiGraph, str]:
    make, root = TREES[name]
    return make(), root


def _boxes(view: LineageView) -> dict[str, Box]:
    sizes = {"state": (130, 36), "investor": (130, 36)}
    out = {}
    for n in view.nodes:
        w, h = sizes.get(n.kind, (170, 54))[0], n.h  # a long name makes a box taller, never wider
        out[n.id] = (n.x - w / 2, n.y - h / 2, n.x + w / 2, n.y + h / 2)
    return out


def _check_geometry(boxes: dict[str, Box], edges: list[tuple[str, str, list[tuple[float, float]]]]) -> None:
    """What every rendering of the tree must satisfy, from its boxes and its arrows' polylines."""
    assert _overlaps(boxes, pad=8) == []  # at least 8 px between any two boxes
    ends: dict[str, list[tuple[float, float]]] = {}
    for source, target, points in edges:
        assert _on_boundary(points[0], boxes[source]) and _on_boundary(points[-1], boxes[target])
        ends.setdefault(target, []).append(points[-1])
        for node, b in boxes.items():
            if node not in (source, target):
                assert not any(_through(p, q, b) for p, q in itertools.pairwise(points)), (source, target, node)
    assert _arrowhead_gaps(ends) >= ARROWHEAD


def test_the_generated_trees_have_the_shape_the_issue_asks_for() -> None:
    wide, root = _tree("wide")
    view = lineage_view(wide, root)
    assert len(view.nodes) == 25 and {n.generation for n in view.nodes} == {0, 1}
    assert all(all(n.via) and n.year for n in view.nodes if n.id != root)  # each box says who left, and when
    deep, root = _tree("deep")
    view = lineage_view(deep, root)
    assert max(n.generation for n in view.nodes) == 6
    assert sum(1 for n in view.nodes if len([e for e in view.edges if e.target == n.id]) > 1) >= 3  # branching


def test_stated_spinoffs_and_derived_lineages_are_the_same_arrows_and_only_the_derived_are_dashed(
        tmp_path: Path) -> None:
    """The tree follows both kinds of link: a stated spin-off (SPUN_OFF_FROM) is laid out exactly as a
    founder lineage (FOUNDED_BY_ALUMNI_OF, derived) in its place would be, drawn solid where the derived
    one is dashed, in the SVG and in the page's data (its `derived` class is the dashed style)."""
    derived = deep_lineage()
    root = "organization:g0"
    mixed = derived.copy()
    links = sorted((s, t, k) for s, t, k, d in mixed.edges(keys=True, data=True) if d["type"] == "FOUNDED_BY_ALUMNI_OF")
    assert len(links) >= 6
    stated = set(links[::2])
    for s, t, k in stated:
        data = mixed.edges[s, t, k]
        data["type"] = "SPUN_OFF_FROM"
        del data["derived"]
    before, after = lineage_view(derived, root), lineage_view(mixed, root)
    assert [(n.id, n.x, n.y, n.w, n.h) for n in after.nodes] == [(n.id, n.x, n.y, n.w, n.h) for n in before.nodes]
    assert [(e.source, e.target, e.points) for e in after.edges] == [(e.source, e.target, e.points)
                                                                     for e in before.edges]
    assert {(e.source, e.target): (e.type, e.derived) for e in after.edges} == {
        (s, t): ("SPUN_OFF_FROM", False) if (s, t, k) in stated else ("FOUNDED_BY_ALUMNI_OF", True)
        for s, t, k in links}
    render_lineage(mixed, root, tmp_path / "mixed.svg")
    dashed = {(e.get("data-source"), e.get("data-target")): e.get("stroke-dasharray") is not None
              for e in ET.parse(tmp_path / "mixed.svg").getroot().iter(f"{SVG}polyline") if e.get("class") == "edge"}
    assert dashed == {(s, t): (s, t, k) not in stated for s, t, k in links}
    render_lineage(mixed, root, tmp_path / "mixed.html")
    page = (tmp_path / "mixed.html").read_text(encoding="utf-8")
    data = json.loads(re.search(r'<script id="lineage-data" type="application/json">(.*?)</script>', page,
                                re.S).group(1))
    assert sorted((e["type"], e["derived"]) for e in data["edges"]) == sorted(
        ("SPUN_OFF_FROM", False) if (s, t, k) in stated else ("FOUNDED_BY_ALUMNI_OF", True) for s, t, k in links)
    assert "{ selector: 'edge.derived', style: { 'line-style': 'dashed' } }" in page


@pytest.mark.parametrize("name", TREES)
def test_the_layout_keeps_boxes_apart_and_arrows_distinct(name: str) -> None:
    graph, root = _tree(name)
    view = lineage_view(graph, root)
    _check_geometry(_boxes(view), [(e.source, e.target, e.points) for e in view.edges])
    # generations read left to right: every box of a generation starts right of the previous one's column
    columns: dict[int, list[float]] = {}
    for n in view.nodes:
        columns.setdefault(n.generation, []).append(n.x)
    assert all(min(columns[g + 1]) > min(columns[g]) + 170 for g in sorted(columns)[:-1])


def test_the_wide_tree_is_dealt_into_lanes_and_fans_its_arrows_round_the_parent() -> None:
    graph, root = _tree("wide")
    view = lineage_view(graph, root)
    parent = next(n for n in view.nodes if n.id == root)
    children = [n for n in view.nodes if n.id != root]
    assert len({n.x for n in children}) >= 3  # not one column twenty-four boxes tall
    assert len({n.y for n in children}) == 24  # every spin-off has a row of its own, so its arrow has a way out
    ends = [e.points[-1] for e in view.edges]
    sides = {("top" if y == parent.y - 27 else "bottom" if y == parent.y + 27 else "right") for _x, y in ends}
    assert sides == {"top", "right", "bottom"}
    width = max(n.x for n in view.nodes) - min(n.x for n in view.nodes) + 170
    height = max(n.y for n in view.nodes) - min(n.y for n in view.nodes) + 54
    assert 1.0 <= width / height <= 2.5


def _svg_geometry(svg: ET.Element) -> tuple[dict[str, Box], list[tuple[str, str, list[tuple[float, float]]]]]:
    boxes = {}
    for group in svg.iter(f"{SVG}g"):
        rect = group.find(f"{SVG}rect")
        x, y, w, h = (float(rect.get(k)) for k in ("x", "y", "width", "height"))
        boxes[group.get("data-id")] = (x, y, x + w, y + h)
    edges = []
    for line in svg.iter(f"{SVG}polyline"):
        points = [tuple(float(v) for v in pair.split(",")) for pair in line.get("points").split()]
        edges.append((line.get("data-source"), line.get("data-target"), points))
    return boxes, edges


def _empty_cells(svg: ET.Element, boxes: dict[str, Box], edges: list, cells: int = 4) -> int:
    """How many of a cells x cells grid over the drawing area (below the title, legend and headings)
    hold neither a box nor a stretch of arrow."""
    x0, y0 = min(b[0] for b in boxes.values()), min(b[1] for b in boxes.values())
    x1, y1 = max(b[2] for b in boxes.values()), max(b[3] for b in boxes.values())
    left, top, width, height = (float(v) for v in svg.get("viewBox").split())
    assert x0 - left < 0.1 * width and left + width - x1 < 0.1 * width  # no empty side strip
    assert top + height - y1 < 0.1 * height
    used = set()
    for b in boxes.values():
        for gx, gy in itertools.product(range(cells), repeat=2):
            cx0, cy0 = x0 + gx * (x1 - x0) / cells, y0 + gy * (y1 - y0) / cells
            if b[0] < cx0 + (x1 - x0) / cells and cx0 < b[2] and b[1] < cy0 + (y1 - y0) / cells and cy0 < b[3]:
                used.add((gx, gy))
    for _s, _t, points in edges:
        for p, q in itertools.pairwise(points):
            n = max(1, int(math.dist(p, q) / 5))
            for k in range(n + 1):
                x, y = p[0] + (q[0] - p[0]) * k / n, p[1] + (q[1] - p[1]) * k / n
                used.add((min(cells - 1, int((x - x0) / (x1 - x0) * cells)),
                          min(cells - 1, int((y - y0) / (y1 - y0) * cells))))
    return cells * cells - len(used)


@pytest.mark.parametrize("name", TREES)
def test_the_svg_and_png_draw_the_same_readable_tree(name: str, tmp_path: Path, chromium: str) -> None:
    graph, root = _tree(name)
    render_lineage(graph, root, tmp_path / "t.svg")
    svg = ET.parse(tmp_path / "t.svg").getroot()
    boxes, edges = _svg_geometry(svg)
    assert len(boxes) == len(lineage_view(graph, root).nodes)
    _check_geometry(boxes, edges)
    assert _empty_cells(svg, boxes, edges) <= 16 // 3  # no third of the picture left empty
    texts = [t.text or "" for t in svg.iter(f"{SVG}text")]
    assert all(any(n["name"] == t for t in texts) for _id, n in graph.nodes(data=True) if "Company" in n["labels"])
    render_lineage(graph, root, tmp_path / "t.png")
    png = (tmp_path / "t.png").read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", png[16:24]) == (round(float(svg.get("width"))), round(float(svg.get("height"))))


@pytest.mark.parametrize("name", TREES)
def test_the_page_draws_the_layout_offline_without_overlaps(name: str, tmp_path: Path, chromium: str) -> None:
    graph, root = _tree(name)
    page = tmp_path / "t.html"
    view = render_lineage(graph, root, page)
    report = inspect_page(page)
    assert report.console == [] and report.requests == []
    assert re.search(r'data-rendered="(\d+)"', report.dom).group(1) == str(len(view.nodes))
    drawn = page_layout(page)  # what Cytoscape.js drew, read back from the page in Chromium
    boxes = {k: tuple(v) for k, v in drawn["boxes"].items()}
    expected = _boxes(view)
    assert boxes.keys() == expected.keys()
    assert all(boxes[k] == pytest.approx(expected[k]) for k in boxes)
    assert _overlaps({k: tuple(v) for k, v in drawn["labels"].items()}) == []
    assert all(boxes[k][0] <= v[0] and v[2] <= boxes[k][2] for k, v in drawn["labels"].items())  # text inside
    edges = [(*key.split(" -> "), [tuple(p) for p in pts]) for key, pts in drawn["edges"].items()]
    assert len(edges) == len(view.edges)
    _check_geometry(boxes, edges)
    fill_x, fill_y = drawn["fill"]
    assert max(fill_x, fill_y) > 0.9 and min(fill_x, fill_y) > 2 / 3  # fitted, and no third of the window empty
    assert drawn["zoom"] > 0.6  # names stay legible at the fitted zoom


# -- investors' money into other companies of the lineage (issue 15) ---------------------------------

@functools.cache
def _examples() -> tuple[nx.MultiDiGraph, str]:
    """The example articles built as `make demo` builds them, and 云岫智能, whose lineage docs/lineage.png
    shows: an investor under 云岫智能 put money into 栖光机器人 two columns on, past 澄湖科技."""
    import tempfile

    from kg.build import build
    from kg.graph import to_networkx
    from kg.queries import find_entity
    from kg.store import open_store

    with tempfile.TemporaryDirectory() as tmp, open_store(Path(tmp) / "store") as store:
        build(store, [ROOT / "examples"])
        graph = to_networkx(store)
    return graph, find_entity(graph, "云岫智能")


def _deep_with_investors() -> tuple[nx.MultiDiGraph, str]:
    """The deep tree with two investors listed under its root (they stand out past the root's right side,
    where its spin-offs' arrows come in) putting money into companies generations further on."""
    graph = deep_lineage()
    for k, targets in enumerate((["g0", "g3", "g5"], ["g0", "g2b0", "g4", "g6"])):
        graph.add_node(f"organization:fund{k}", labels=["Organization", "Investor"] + ["StateOwnedFund"] * k,
                       name=["岚谷资本", "苏州市集成电路产业投资基金"][k], aliases=[])
        for n, target in enumerate(targets):
            graph.add_edge(f"organization:fund{k}", f"organization:{target}", key=f"f{k}{n}", type="INVESTED_IN",
                           date="2020-01", sources=[f"f{k}"])
    return graph, "organization:g0"


INVESTED = {"examples": _examples, "wide": lambda: (wide_lineage_with_investors(), "organization:parent"),
            "deep": _deep_with_investors,
            # 24 spin-offs and three investors of the parent's own under it, taking its bottom edge
            "parent": lambda: (wide_lineage_with_parent_investors(), "organization:parent")}

Edge = tuple[str, str, list[tuple[float, float]]]


def _distinct(edges: list[Edge]) -> list[Edge]:
    """One arrow per pair of boxes: a second round by the same investor is drawn on the first."""
    return list({(s, t): (s, t, pts) for s, t, pts in edges}.values())


def _shared_stretches(edges: list[Edge]) -> list[tuple[str, str, str, str]]:
    """Pairs of arrows that run along the same line for more than a pixel, where a reader cannot tell
    which one goes where."""
    def runs(points: list[tuple[float, float]]) -> list[tuple[int, float, float, float]]:
        out = []
        for (x1, y1), (x2, y2) in itertools.pairwise(points):
            if y1 == y2:
                out.append((0, y1, min(x1, x2), max(x1, x2)))
            elif x1 == x2:
                out.append((1, x1, min(y1, y2), max(y1, y2)))
        return out
    return [(a[0], a[1], b[0], b[1]) for a, b in itertools.combinations(edges, 2)
            if any(p[0] == q[0] and abs(p[1] - q[1]) < 1 and min(p[3], q[3]) - max(p[2], q[2]) > 1
                   for p in runs(a[2]) for q in runs(b[2]))]


def _investor_view(name: str) -> LineageView:
    graph, root = INVESTED[name]()
    return lineage_view(graph, root, with_investors=True)


def test_the_wide_graph_has_investors_reaching_across_the_lanes() -> None:
    view = _investor_view("wide")
    listed = {n.id: n.anchor for n in view.nodes if n.anchor}
    across = [e for e in view.edges if e.type == "INVESTED_IN" and listed[e.source] != e.target]
    assert len(listed) == 6 and len(across) >= 12


@pytest.mark.parametrize("name", INVESTED)
def test_investor_arrows_go_round_every_box_they_do_not_join(name: str) -> None:
    view = _investor_view(name)
    boxes = _boxes(view)
    money = [(e.source, e.target, e.points) for e in view.edges if e.type == "INVESTED_IN"]
    for source, target, points in money:
        through = [n for n, b in boxes.items() if n not in (source, target)
                   and any(_through(p, q, b) for p, q in itertools.pairwise(points))]
        assert through == [], (source, target)
    edges = _distinct([(e.source, e.target, e.points) for e in view.edges])
    _check_geometry(boxes, edges)  # the tree arrows too, and every arrowhead on a point of its own
    assert _shared_stretches(edges) == []


@pytest.mark.parametrize("name", INVESTED)
def test_the_svg_and_the_page_draw_the_investor_arrows_as_laid_out(name: str, tmp_path: Path, chromium: str) -> None:
    graph, root = INVESTED[name]()
    render_lineage(graph, root, tmp_path / "t.svg", with_investors=True)
    boxes, edges = _svg_geometry(ET.parse(tmp_path / "t.svg").getroot())
    _check_geometry(boxes, _distinct(edges))
    page = tmp_path / "t.html"
    view = render_lineage(graph, root, page, with_investors=True)
    report = inspect_page(page)
    assert report.console == [] and report.requests == []
    drawn = page_layout(page)
    drawn_boxes = {k: tuple(v) for k, v in drawn["boxes"].items()}
    drawn_edges = [(*key.split(" -> "), [tuple(p) for p in pts]) for key, pts in drawn["edges"].items()]
    assert len(drawn_edges) == len(_distinct([(e.source, e.target, e.points) for e in view.edges]))
    _check_geometry(drawn_boxes, drawn_edges)
    laid_out = {(e.source, e.target): e.points for e in view.edges}
    for s, t, pts in drawn_edges:  # the same bends, not just some route round the boxes
        assert len(pts) == len(laid_out[(s, t)])
        assert all(math.dist(p, q) < 0.5 for p, q in zip(pts, laid_out[(s, t)], strict=True)), (s, t)


def test_the_parent_with_investors_and_spin_offs_is_the_crowded_case() -> None:
    """The case where arrowheads used to land 2.8 px apart: all 24 spin-offs' arrows on the parent, whose
    bottom edge its three listed investors take (the geometry tests above check the arrowheads)."""
    view = _investor_view("parent")
    assert sum(1 for e in view.edges if e.target == "organization:parent" and e.type == "FOUNDED_BY_ALUMNI_OF") == 24
    assert sum(1 for n in view.nodes if n.anchor == "organization:parent") == 3



def test_many_investors_under_one_company_keep_their_arrowheads_apart() -> None:
    """Eight investors listed under the parent: their lines into its bottom edge used to land 6.3 px
    apart (the gap shrank to fit a fixed width); now the investors sit further right to make room."""
    view = lineage_view(wide_lineage_with_parent_investors(investors=8), "organization:parent", with_investors=True)
    assert sum(1 for n in view.nodes if n.anchor == "organization:parent") == 8
    _check_geometry(_boxes(view), _distinct([(e.source, e.target, e.points) for e in view.edges]))


# -- every name readable at real size: wrapped, not shrunk (issue 15) ---------------------------------

MIN_FONT = 10  # px: one under the investors' 11; the old 8 px could not be read in docs/lineage.png
TEXT_PAD = 4.0  # px the text keeps from its box's sides
READABLE = ("examples", "parent")


def _text_problems(boxes: dict[str, Box], texts: dict[str, list[tuple[str, float, float, float]]]) -> list[str]:
    """Every line (text, font size, centre x, baseline y) that is too small or does not fit its box,
    with widths estimated as the code estimates them and a CJK glyph's height as 0.88 em above the
    baseline and 0.12 em below it."""
    bad = []
    for node, lines in texts.items():
        x1, y1, x2, y2 = boxes[node]
        for text, size, x, y in lines:
            half = text_width(text) * size / 2
            if size < MIN_FONT or x - half < x1 + TEXT_PAD or x + half > x2 - TEXT_PAD \
                    or y - 0.88 * size < y1 + 2 or y + 0.12 * size > y2 - 2:
                bad.append(f"{node}: {text!r} at {size} px")
    return bad


@pytest.mark.parametrize("name", READABLE)
def test_long_names_wrap_at_a_readable_size_inside_their_boxes(name: str, tmp_path: Path) -> None:
    graph, root = INVESTED[name]()
    render_lineage(graph, root, tmp_path / "t.svg", with_investors=True)
    svg = ET.parse(tmp_path / "t.svg").getroot()
    boxes, texts = {}, {}
    for group in svg.iter(f"{SVG}g"):
        rect = group.find(f"{SVG}rect")
        x, y, w, h = (float(rect.get(k)) for k in ("x", "y", "width", "height"))
        boxes[group.get("data-id")] = (x, y, x + w, y + h)
        texts[group.get("data-id")] = [(t.text or "", float(t.get("font-size")), float(t.get("x")), float(t.get("y")))
                                       for t in group.iter(f"{SVG}text")]
    assert _text_problems(boxes, texts) == []
    drawn = {node: "".join(t[0] for t in lines).replace(" ", "") for node, lines in texts.items()}
    for node, data in graph.nodes(data=True):  # every name is there in full, whichever lines it takes
        if node in drawn:
            assert drawn[node].startswith(data["name"].replace(" ", "")), node
    long = [lines for node, lines in texts.items() if graph.nodes[node]["name"] in LONG_INVESTOR_NAMES]
    assert len(long) == {"examples": 1, "parent": 3}[name] and all(len(lines) == 2 for lines in long)
    boxes, edges = _svg_geometry(svg)
    _check_geometry(boxes, _distinct(edges))  # the taller boxes keep their gaps, and arrows go round them


@pytest.mark.parametrize("name", READABLE)
def test_the_page_draws_every_name_inside_its_box(name: str, tmp_path: Path, chromium: str) -> None:
    graph, root = INVESTED[name]()
    page = tmp_path / "t.html"
    view = render_lineage(graph, root, page, with_investors=True)
    drawn = page_layout(page)
    fonts = {n.id: min(n.font_sizes()) for n in view.nodes}
    assert min(fonts.values()) >= MIN_FONT
    for node, (x1, y1, x2, y2) in drawn["labels"].items():  # as Chromium measured the text, in its font
        bx1, by1, bx2, by2 = drawn["boxes"][node]
        assert bx1 + 2 <= x1 and x2 <= bx2 - 2 and by1 + 2 <= y1 and y2 <= by2 - 2, node
