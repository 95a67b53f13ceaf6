"""`kg viz lineage`, `kg viz investors`, `kg viz network`: pick the output kind from the file name and write it."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import networkx as nx

from kg.errors import KGError
from kg.viz.browser import screenshot
from kg.viz.html import LINEAGE_INTRO, render_html
from kg.viz.lineage import LineageView, lineage_view
from kg.viz.network import Filters, NetworkView, investors_view, network_view
from kg.viz.network_page import page_layout, render_network_html
from kg.viz.network_svg import render_network_svg
from kg.viz.svg import render_svg

SUFFIXES = (".html", ".svg", ".png")


def render_lineage(graph: nx.MultiDiGraph, root: str, output: Path, *, depth: int | None = None,
                   with_investors: bool = False) -> LineageView:
    """Draw the lineage of entity `root` (an id) into `output` (.html, .svg or .png)."""
    check_suffix(output)
    view = lineage_view(graph, root, depth=depth, with_investors=with_investors)
    write_view(view, f"Spin-off lineage of {graph.nodes[root].get('name', root)}", output, LINEAGE_INTRO)
    return view


def render_investors(graph: nx.MultiDiGraph, entity: str, output: Path) -> NetworkView:
    """Draw the investment network around `entity` (an id) into `output`."""
    check_suffix(output)
    view = investors_view(graph, entity)
    write_network(view, output)
    return view


def render_network(graph: nx.MultiDiGraph, output: Path, filters: Filters | None = None) -> NetworkView:
    """Draw the whole investment network, narrowed by `filters`, into `output`."""
    check_suffix(output)
    view = network_view(graph, filters)
    if not view.edges:
        raise KGError("no investment matches those filters")
    write_network(view, output)
    return view


def write_network(view: NetworkView, output: Path) -> None:
    """The page; for SVG and PNG the page is laid out in headless Chromium and drawn at its positions."""
    output.parent.mkdir(parents=True, exist_ok=True)
    page = render_network_html(view)
    if output.suffix.lower() == ".html":
        output.write_text(page, encoding="utf-8")
        return
    with tempfile.TemporaryDirectory(prefix="kg-viz-") as tmp:
        html_path = Path(tmp) / "network.html"
        html_path.write_text(page, encoding="utf-8")
        layout = page_layout(html_path)
        for node in view.nodes:
            node.x, node.y = layout["nodes"][node.id]
        svg = render_network_svg(view)
        if output.suffix.lower() == ".svg":
            output.write_text(svg, encoding="utf-8")
            return
        _svg_to_png(svg, output, Path(tmp))


def _svg_to_png(svg: str, output: Path, tmp: Path) -> None:
    size = re.search(r'width="([\d.]+)" height="([\d.]+)"', svg)
    assert size is not None, "an SVG kg drew has its size"
    width, height = (int(float(v)) for v in size.groups())
    page = tmp / "picture.svg"
    page.write_text(svg, encoding="utf-8")
    screenshot(page, output, width, height)


def check_suffix(output: Path) -> None:
    """Refuse an output the renderers cannot write, before any drawing (or graph view) is made."""
    if output.suffix.lower() not in SUFFIXES:
        raise KGError(f"{output}: choose an output ending in {', '.join(SUFFIXES)}")


def write_view(view: LineageView, title: str, output: Path, intro: str) -> None:
    """Write a view as an interactive page, an SVG, or a PNG, by the output's suffix."""
    suffix = output.suffix.lower()
    output.parent.mkdir(parents=True, exist_ok=True)
    if suffix == ".html":
        output.write_text(render_html(view, title, intro), encoding="utf-8")
    elif suffix == ".svg":
        output.write_text(render_svg(view, title), encoding="utf-8")
    else:
        with tempfile.TemporaryDirectory(prefix="kg-viz-") as tmp:
            _svg_to_png(render_svg(view, title), output, Path(tmp))
