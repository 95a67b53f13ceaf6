"""A static SVG of a lineage, for reports: the same boxes, arrows and colours as the HTML page.

Everything is drawn where `kg.viz.lineage_layout` put it; the legend runs along the top under the
title rather than down a side column, so a tall lineage does not leave a strip of empty canvas.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from kg.terms import R
from kg.viz.lineage import KINDS, LineageView, column_labels, column_x, text_width
from kg.viz.lineage_layout import bounds
from kg.viz.lineage_text import baselines

_FONT = "'Noto Sans CJK SC','PingFang SC','Microsoft YaHei',sans-serif"
MARGIN = 40
TITLE_Y, LEGEND_Y, HEADING_Y, CONTENT_Y = 30, 58, 96, 126  # offsets from the canvas top


def _attr(text: str) -> str:
    return escape(text, {'"': "&quot;"})


def canvas(view: LineageView) -> tuple[float, float, float, float]:
    """(left, top, width, height) of the picture in the layout's coordinates."""
    x1, y1, x2, y2 = bounds(view.nodes)
    legend = _legend_width()
    width = max(x2 - x1 + 2 * MARGIN, legend + 2 * MARGIN)
    return x1 - MARGIN, y1 - CONTENT_Y, width, y2 - y1 + CONTENT_Y + MARGIN


def _legend_width() -> float:
    return sum(_legend_item(label) for _c, label in KINDS.values())


def _legend_item(label: str) -> float:
    return 40 + 12 * text_width(label)


def render_svg(view: LineageView, title: str) -> str:
    """The lineage as an SVG document (UTF-8 text)."""
    left, top, width, height = canvas(view)
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0f}" height="{height:.0f}" '
           f'viewBox="{left:.0f} {top:.0f} {width:.0f} {height:.0f}" font-family="{_FONT}">',
           '<defs>'
           '<marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" '
           'orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="#555"/></marker>'
           '<marker id="arrow-light" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" '
           'orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="#aaa"/></marker></defs>',
           f'<rect x="{left:.0f}" y="{top:.0f}" width="{width:.0f}" height="{height:.0f}" fill="#fafafa"/>',
           f'<text x="{left + MARGIN:.0f}" y="{top + TITLE_Y:.0f}" font-size="20" font-weight="bold">'
           f'{escape(title)}</text>']
    x = left + MARGIN
    for colour, label in KINDS.values():
        out.append(f'<rect class="legend" x="{x:.0f}" y="{top + LEGEND_Y - 11:.0f}" width="14" height="14" rx="7" '
                   f'fill="{colour}"/><text x="{x + 20:.0f}" y="{top + LEGEND_Y:.0f}" font-size="12" '
                   f'fill="#333">{escape(label)}</text>')
        x += _legend_item(label)
    heading_x = column_x(view)
    for gen, label in column_labels(view).items():
        out.append(f'<text class="heading" x="{heading_x[gen]:.0f}" y="{top + HEADING_Y:.0f}" font-size="14" '
                   f'text-anchor="middle" fill="#333">{escape(label)}</text>')
    for edge in view.edges:
        light = edge.type == R.INVESTED_IN
        dash = ' stroke-dasharray="6 4"' if edge.derived else ""
        points = " ".join(f"{x:.1f},{y:.1f}" for x, y in edge.points)
        out.append(f'<polyline class="edge" data-source="{_attr(edge.source)}" data-target="{_attr(edge.target)}" '
                   f'points="{points}" fill="none" stroke="{"#aaa" if light else "#555"}" '
                   f'stroke-width="{1.2 if light else 1.6}"{dash} stroke-linejoin="round" '
                   f'marker-end="url(#{"arrow-light" if light else "arrow"})"/>')
    for node in view.nodes:
        w, h = node.w, node.h
        lines, fonts = node.lines(), node.font_sizes()
        # the whole name as the box's title: a viewer shows it on hover, and it is one string to search
        # for even when the box shows it on two lines
        out.append(f'<g class="node" data-id="{_attr(node.id)}"><title>{escape(node.name)}</title>'
                   f'<rect x="{node.x - w / 2:.1f}" y="{node.y - h / 2:.1f}" width="{w:.0f}" height="{h:.0f}" rx="8" '
                   f'fill="{KINDS[node.kind][0]}"/>')
        for line, size, dy in zip(lines, fonts, baselines(node), strict=True):
            out.append(f'<text x="{node.x:.1f}" y="{node.y + dy:.1f}" font-size="{size}" text-anchor="middle" '
                       f'fill="#fff">{escape(line)}</text>')
        out.append("</g>")
    out.append("</svg>")
    return "\n".join(out)
