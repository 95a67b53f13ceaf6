"""A static SVG of a lineage, for reports: the same positions and colours as the HTML page."""

from __future__ import annotations

from xml.sax.saxutils import escape

from kg.viz.lineage import COLUMN_WIDTH, KINDS, LineageView, column_labels, column_x

_BOX_W, _BOX_H = 170, 54
_SMALL_W, _SMALL_H = 130, 36
_FONT = "'Noto Sans CJK SC','PingFang SC','Microsoft YaHei',sans-serif"


def _text_width(text: str) -> float:
    """Width in ems: CJK characters are one em, Latin letters about half."""
    return sum(1.0 if ord(ch) > 0x2E80 else 0.55 for ch in text)


def _size(kind: str) -> tuple[int, int]:
    return (_SMALL_W, _SMALL_H) if kind in {"state", "investor"} else (_BOX_W, _BOX_H)


def render_svg(view: LineageView, title: str) -> str:
    """The lineage as an SVG document (UTF-8 text)."""
    margin, header, legend_w = 40, 110, 230
    xs = [n.x for n in view.nodes] or [0]
    ys = [n.y for n in view.nodes] or [0]
    left, top = min(xs) - _BOX_W / 2 - margin, min(ys) - _BOX_H / 2 - header
    width = max(xs) - min(xs) + _BOX_W + 2 * margin + legend_w
    height = max(ys) - min(ys) + _BOX_H + header + margin + 40
    positions = {n.id: n for n in view.nodes}
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0f}" height="{height:.0f}" '
           f'viewBox="{left:.0f} {top:.0f} {width:.0f} {height:.0f}" font-family="{_FONT}">',
           '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" markerHeight="8" '
           'orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="#555"/></marker></defs>',
           f'<rect x="{left:.0f}" y="{top:.0f}" width="{width:.0f}" height="{height:.0f}" fill="#fafafa"/>',
           f'<text x="{left + margin:.0f}" y="{top + 30:.0f}" font-size="20" font-weight="bold">{escape(title)}</text>']
    heading_x = column_x(view)
    for gen, label in column_labels(view).items():
        out.append(f'<text x="{heading_x[gen]:.0f}" y="{top + 70:.0f}" font-size="14" text-anchor="middle" '
                   f'fill="#333">{escape(label)}</text>')
    for edge in view.edges:
        a, b = positions[edge.source], positions[edge.target]
        dash = ' stroke-dasharray="6 4"' if edge.derived else ""
        colour = "#bbb" if edge.type == "INVESTED_IN" else "#555"
        (aw, _ah), (bw, bh) = _size(a.kind), _size(b.kind)
        if edge.type == "INVESTED_IN" and abs(a.x - b.x) < COLUMN_WIDTH / 2:
            # an investor listed under its company: an elbow from the investor's left side up to the company
            bus = b.x - bw / 2 + 16
            out.append(f'<polyline points="{a.x - aw / 2:.0f},{a.y:.0f} {bus:.0f},{a.y:.0f} {bus:.0f},'
                       f'{b.y + bh / 2:.0f}" fill="none" stroke="{colour}" stroke-width="1.5" '
                       f'marker-end="url(#arrow)"/>')
            continue
        x1 = a.x - aw / 2 if b.x < a.x else a.x + (aw / 2 if b.x > a.x else 0)
        x2 = b.x + bw / 2 if b.x < a.x else b.x - (bw / 2 if b.x > a.x else 0)
        out.append(f'<line x1="{x1:.0f}" y1="{a.y:.0f}" x2="{x2:.0f}" y2="{b.y:.0f}" stroke="{colour}" '
                   f'stroke-width="2"{dash} marker-end="url(#arrow)"/>')
        label = ", ".join(edge.via) + (f" ({edge.date[:4]})" if edge.date else "")
        if label and edge.type != "INVESTED_IN":
            out.append(f'<text x="{(x1 + x2) / 2:.0f}" y="{(a.y + b.y) / 2 - 6:.0f}" font-size="11" '
                       f'text-anchor="middle" fill="#333">{escape(label)}</text>')
    for node in view.nodes:
        w, h = _size(node.kind)
        colour = KINDS[node.kind][0]
        out.append(f'<g class="node" data-id="{escape(node.id, {chr(34): "&quot;"})}">'
                   f'<rect x="{node.x - w / 2:.0f}" y="{node.y - h / 2:.0f}" width="{w}" height="{h}" rx="8" '
                   f'fill="{colour}"/>')
        size = max(8, min(13, int((w - 12) / max(1, _text_width(node.name)))))
        out.append(f'<text x="{node.x:.0f}" y="{node.y + (0 if node.year else 5):.0f}" font-size="{size}" '
                   f'text-anchor="middle" fill="#fff">{escape(node.name)}</text>')
        if node.year:
            out.append(f'<text x="{node.x:.0f}" y="{node.y + 17:.0f}" font-size="11" text-anchor="middle" '
                       f'fill="#fff">{escape(node.year)}</text>')
        out.append("</g>")
    lx, ly = left + width - legend_w + 10, top + header
    for i, (colour, label) in enumerate(KINDS.values()):
        out.append(f'<rect x="{lx:.0f}" y="{ly + i * 22:.0f}" width="14" height="14" rx="7" fill="{colour}"/>'
                   f'<text x="{lx + 22:.0f}" y="{ly + i * 22 + 12:.0f}" font-size="12">{escape(label)}</text>')
    out.append("</svg>")
    return "\n".join(out)
