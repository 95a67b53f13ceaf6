"""`kg viz lineage`: pick the output kind from the file name and write it."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import networkx as nx

from kg.errors import KGError
from kg.viz.browser import screenshot
from kg.viz.html import LINEAGE_INTRO, render_html
from kg.viz.investors import INVESTORS_INTRO, investors_view
from kg.viz.lineage import LineageView, lineage_view
from kg.viz.svg import render_svg

SUFFIXES = (".html", ".svg", ".png")


def render_lineage(graph: nx.MultiDiGraph, root: str, output: Path, *, depth: int | None = None,
                   with_investors: bool = False) -> LineageView:
    """Draw the lineage of entity `root` (an id) into `output` (.html, .svg or .png)."""
    _check_suffix(output)
    view = lineage_view(graph, root, depth=depth, with_investors=with_investors)
    write_view(view, f"Spin-off lineage of {graph.nodes[root].get('name', root)}", output, LINEAGE_INTRO)
    return view


def render_investors(graph: nx.MultiDiGraph, entity: str, output: Path) -> LineageView:
    """Draw the co-investment network around `entity` (an id) into `output`."""
    _check_suffix(output)
    view = investors_view(graph, entity)
    write_view(view, f"Investors around {graph.nodes[entity].get('name', entity)}", output, INVESTORS_INTRO)
    return view


def _check_suffix(output: Path) -> None:
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
        svg = render_svg(view, title)
        width, height = (int(float(v)) for v in re.search(r'width="([\d.]+)" height="([\d.]+)"', svg).groups())
        with tempfile.TemporaryDirectory(prefix="kg-viz-") as tmp:
            page = Path(tmp) / "lineage.svg"
            page.write_text(svg, encoding="utf-8")
            screenshot(page, output, width, height)
