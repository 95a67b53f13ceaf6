"""A static SVG of the investor network at the positions its page's layout chose, for reports.

Edges are straight lines clipped to the boxes' borders (a second investment between the same pair bends
away from the first), so arrowheads land on each box's edge where the line meets it rather than at one
shared point. Boxes, colours, outline and wrapping are the page's.
"""

from __future__ import annotations

from collections import Counter
from xml.sax.saxutils import escape

from kg.viz.network import FOCUS_OUTLINE, FONT_PX, KINDS, LINE_PX, NetworkNode, NetworkView

_FONT = "'Noto Sans CJK SC','PingFang SC','Microsoft YaHei',sans-serif"
MAX_PIXELS = 2400  # the longer side of the drawn picture; larger layouts are scaled down to fit


def _border_point(node: NetworkNode, tx: float, ty: float) -> tuple[float, float]:
    """Where the line from the node's centre towards (tx, ty) leaves its box."""
    dx, dy = tx - node.x, ty - node.y
    if dx == 0 and dy == 0:
        return node.x, node.y
    scale = min(node.width / 2 / abs(dx) if dx else float("inf"), node.height / 2 / abs(dy) if dy else float("inf"))
    return node.x + dx * min(scale, 1.0), node.y + dy * min(scale, 1.0)


def render_network_svg(view: NetworkView) -> str:
    """The network as an SVG document; nodes must carry positions (`x`, `y`) from the page's layout."""
    margin, header, legend_h = 30, 60, 26 * (len(KINDS) + 1)
    nodes = {n.id: n for n in view.nodes}
    left = min((n.x - n.width / 2 for n in view.nodes), default=0) - margin
    top = min((n.y - n.height / 2 for n in view.nodes), default=0) - margin - header
    right = max((n.x + n.width / 2 for n in view.nodes), default=200) + margin
    bottom = max((n.y + n.height / 2 for n in view.nodes), default=100) + margin + legend_h
    width, height = max(right - left, 420), bottom - top
    scale = min(1.0, MAX_PIXELS / max(width, height))
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width * scale:.0f}" height="{height * scale:.0f}" '
           f'viewBox="{left:.0f} {top:.0f} {width:.0f} {height:.0f}" font-family="{_FONT}">',
           '<defs>' + "".join(
               f'<marker id="arrow-{name}" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="9" markerHeight="9" '
               f'markerUnits="userSpaceOnUse" orient="auto"><path d="M 0 0 L 10 5 L 0 10 z" fill="{colour}"/></marker>'
               for name, colour in (("plain", "#9aa3ad"), ("state", "#e39a95"))) + '</defs>',
           f'<rect x="{left:.0f}" y="{top:.0f}" width="{width:.0f}" height="{height:.0f}" fill="#fafafa"/>',
           f'<text x="{left + margin:.0f}" y="{top + 34:.0f}" font-size="20" font-weight="bold">'
           f'{escape(view.title)}</text>']
    seen: Counter[tuple[str, str]] = Counter()
    for edge in view.edges:
        a, b = nodes[edge.source], nodes[edge.target]
        seen[(a.id, b.id)] += 1
        bend = (seen[(a.id, b.id)] - 1) * 18
        x1, y1 = _border_point(a, b.x, b.y)
        x2, y2 = _border_point(b, a.x, a.y)
        kind = "state" if a.kind == "state" else "plain"
        colour = "#e39a95" if kind == "state" else "#9aa3ad"
        mx, my = (x1 + x2) / 2, (y1 + y2) / 2
        length = max(1.0, ((x2 - x1) ** 2 + (y2 - y1) ** 2) ** 0.5)
        cx, cy = mx - (y2 - y1) / length * bend, my + (x2 - x1) / length * bend
        out.append(f'<path d="M {x1:.1f} {y1:.1f} Q {cx:.1f} {cy:.1f} {x2:.1f} {y2:.1f}" fill="none" '
                   f'stroke="{colour}" stroke-opacity="0.85" stroke-width="{edge.width}" '
                   f'marker-end="url(#arrow-{kind})"><title>{escape(_edge_title(edge))}</title></path>')
    for node in view.nodes:
        colour = KINDS[node.kind][0]
        outline = f' stroke="{FOCUS_OUTLINE}" stroke-width="4"' if node.focus else ""
        out.append(f'<g class="node" data-id="{escape(node.id, {chr(34): "&quot;"})}">'
                   f'<rect x="{node.x - node.width / 2:.1f}" y="{node.y - node.height / 2:.1f}" '
                   f'width="{node.width}" height="{node.height}" rx="6" fill="{colour}"{outline}/>')
        first = node.y - (len(node.lines) - 1) * LINE_PX / 2 + FONT_PX * 0.35
        for i, line in enumerate(node.lines):
            out.append(f'<text x="{node.x:.1f}" y="{first + i * LINE_PX:.1f}" font-size="{FONT_PX}" '
                       f'text-anchor="middle" fill="#fff">{escape(line)}</text>')
        out.append("</g>")
    lx, ly = left + margin, bottom - legend_h
    entries = [(c, label, False) for c, label in KINDS.values()] + [("#fafafa", "the entity asked about", True)]
    for i, (colour, label, focus) in enumerate(entries):
        stroke = f' stroke="{FOCUS_OUTLINE}" stroke-width="3"' if focus else ""
        out.append(f'<rect x="{lx:.0f}" y="{ly + i * 22:.0f}" width="18" height="14" rx="3" fill="{colour}"{stroke}/>'
                   f'<text x="{lx + 26:.0f}" y="{ly + i * 22 + 12:.0f}" font-size="12">{escape(label)}</text>')
    out.append("</svg>")
    return "\n".join(out)


def _edge_title(edge) -> str:  # noqa: ANN001 - a NetworkEdge
    amount = f", {edge.amount:,.0f} {edge.currency or ''}" if edge.amount else ""
    return f"{edge.round or 'unnamed'} round{', ' + edge.date if edge.date else ''}{amount}"
