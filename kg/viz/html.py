"""A self-contained interactive HTML page for a lineage: Cytoscape.js, styles and data all inline.

The page loads nothing from the network (it must open offline and in locked-down browsers): the graph
library is the MIT-licensed Cytoscape.js from the npm registry, vendored in `kg/viz/vendor/` and
pasted into the page. Hover shows details and sources, the wheel zooms, dragging pans, and clicking a
company folds or unfolds the generations that descend from it.
"""

from __future__ import annotations

import html
import json
import re
from importlib import resources

from kg.viz.lineage import KINDS, LineageEdge, LineageView, column_labels, column_x

_TEMPLATE = """<!DOCTYPE html>
<html lang="zh">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:">
<title>__TITLE__</title>
<style>
  body { margin: 0; font-family: "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif; background: #fafafa; }
  header { padding: 10px 16px; border-bottom: 1px solid #ddd; background: #fff; }
  header h1 { font-size: 18px; margin: 0 0 4px 0; }
  header p { margin: 0; color: #555; font-size: 13px; }
  #cy { position: absolute; top: 64px; bottom: 0; left: 0; right: 0; }
  #legend { position: absolute; right: 12px; bottom: 12px; background: #fff; border: 1px solid #ddd;
            padding: 8px 12px; font-size: 12px; border-radius: 6px; z-index: 2; }
  #legend div { margin: 3px 0; }
  #legend span.swatch { display: inline-block; width: 12px; height: 12px; border-radius: 6px; margin-right: 6px;
                        vertical-align: middle; }
  #node-list { position: absolute; left: -10000px; }
  #kg-layout { display: none; }
  #tip { position: absolute; display: none; background: #222; color: #fff; font-size: 12px; padding: 6px 8px;
         border-radius: 4px; max-width: 340px; z-index: 3; pointer-events: none; white-space: pre-line; }
</style>
</head>
<body>
<header><h1>__TITLE__</h1><p>__INTRO__</p></header>
<div id="legend">__LEGEND__</div>
<div id="tip"></div>
<div id="cy"></div>
<ul id="node-list" aria-label="organisations in this lineage"></ul>
<pre id="kg-layout"></pre>
<script>__CYTOSCAPE__</script>
<script id="lineage-data" type="application/json">__DATA__</script>
<script>
(function () {
  var data = JSON.parse(document.getElementById('lineage-data').textContent);
  var elements = [];
  data.axis.forEach(function (a) {
    elements.push({ data: { id: 'axis' + a.generation, label: a.label, axis: true },
                    position: { x: a.x, y: a.y }, selectable: false, grabbable: false, classes: 'axis' });
  });
  data.nodes.forEach(function (n) {
    elements.push({ data: { id: n.id, label: n.lines.join('\\n'), kind: n.kind, info: n, w: n.w, h: n.h,
                            font: Math.min.apply(null, n.fonts) },
                    position: { x: n.x, y: n.y }, classes: n.kind });
  });
  data.edges.forEach(function (e, i) {
    // the layout's own polyline: fixed endpoints on the boxes (ports) and the bends in between
    elements.push({ data: { id: 'e' + i, source: e.source, target: e.target, info: e, se: e.cy.se, te: e.cy.te,
                            w: e.cy.weights, d: e.cy.distances },
                    classes: (e.type === 'INVESTED_IN' ? 'investment' : (e.derived ? 'derived' : 'stated')) +
                             (e.cy.weights.length ? ' bent' : ' straight') });
  });
  var style = [
    { selector: 'node', style: { 'label': 'data(label)', 'text-wrap': 'wrap', 'text-valign': 'center',
      'text-halign': 'center', 'color': '#fff', 'font-size': 'data(font)', 'width': 'data(w)', 'height': 'data(h)',
      'shape': 'round-rectangle', 'background-color': '#4a90d9', 'text-max-width': 400,
      'line-height': 1.2 } },
    { selector: 'node.axis', style: { 'background-opacity': 0, 'color': '#333', 'font-weight': 'bold',
      'font-size': 14, 'events': 'no', 'width': 1, 'height': 1 } },
    { selector: 'edge', style: { 'width': 1.6, 'line-color': '#555', 'target-arrow-color': '#555',
      'target-arrow-shape': 'triangle', 'arrow-scale': 0.8, 'source-endpoint': 'data(se)',
      'target-endpoint': 'data(te)', 'curve-style': 'straight' } },
    { selector: 'edge.bent', style: { 'curve-style': 'segments', 'edge-distances': 'endpoints',
      'segment-weights': 'data(w)', 'segment-distances': 'data(d)', 'segment-radii': 0 } },
    { selector: 'edge.derived', style: { 'line-style': 'dashed' } },
    { selector: 'edge.investment', style: { 'line-color': '#aaa', 'target-arrow-color': '#aaa', 'width': 1.2 } }
  ];
  Object.keys(data.kinds).forEach(function (k) {
    style.push({ selector: 'node.' + k, style: { 'background-color': data.kinds[k].color } });
  });
  var cy = cytoscape({ container: document.getElementById('cy'), elements: elements, style: style,
                       layout: { name: 'preset', padding: 30 } });
  window.kgLineage = cy;
  report();
  // the same companies as a list, for screen readers and for checks that the page really rendered
  var list = document.getElementById('node-list');
  cy.nodes('[info]').forEach(function (n) {
    var item = document.createElement('li');
    item.textContent = n.data('info').name;
    list.appendChild(item);
  });
  list.setAttribute('data-rendered', String(cy.nodes('[info]').length));
  var tip = document.getElementById('tip');
  function describe(info) {
    if (info.type) {
      return info.type + (info.derived ? ' (derived)' : '') + '\\nvia: ' + (info.via.join(', ') || '—') +
        '\\ndate: ' + (info.date || 'unknown') + '\\nsources: ' + info.sources.join(', ');
    }
    return info.name + (info.aliases.length ? '\\naka ' + info.aliases.join(', ') : '') + '\\nkind: ' +
      data.kinds[info.kind].label + '\\ngeneration: ' + info.generation + (info.year ? '\\nyear: ' + info.year : '') +
      '\\nsources: ' + info.sources.length + ' article(s)';
  }
  cy.on('mouseover', 'node[info], edge', function (evt) {
    tip.textContent = describe(evt.target.data('info'));
    tip.style.display = 'block';
  });
  cy.on('mousemove', function (evt) {
    tip.style.left = (evt.renderedPosition.x + 16) + 'px';
    tip.style.top = (evt.renderedPosition.y + 80) + 'px';
  });
  cy.on('mouseout', 'node, edge', function () { tip.style.display = 'none'; });
  cy.on('tap', 'node[info]', function (evt) {
    var below = evt.target.predecessors();
    var hidden = below.nodes().some(function (n) { return n.style('display') === 'none'; });
    below.style('display', hidden ? 'element' : 'none');
  });

  // what was drawn, as data (hidden): boxes, label boxes and arrow ends as Cytoscape placed them, and
  // how much of the window the fitted picture fills; the tests read it back from headless Chromium
  function report() {
    var out = { boxes: {}, labels: {}, edges: {}, zoom: cy.zoom() };
    cy.nodes('[info]').forEach(function (n) {
      var p = n.position(), w = n.data('w') / 2, h = n.data('h') / 2;
      var lb = n.boundingBox({ includeNodes: false, includeLabels: true, includeOverlays: false });
      out.boxes[n.id()] = [p.x - w, p.y - h, p.x + w, p.y + h];
      out.labels[n.id()] = [lb.x1, lb.y1, lb.x2, lb.y2];
    });
    cy.edges().forEach(function (e) {
      var s = e.sourceEndpoint(), t = e.targetEndpoint();
      var pts = [[s.x, s.y]];
      (e.segmentPoints() || []).forEach(function (q) { pts.push([q.x, q.y]); });
      pts.push([t.x, t.y]);
      out.edges[e.data('info').source + ' -> ' + e.data('info').target] = pts;
    });
    var bb = cy.elements().renderedBoundingBox();
    out.fill = [bb.w / cy.width(), bb.h / cy.height()];
    out.viewport = [cy.width(), cy.height()];
    document.getElementById('kg-layout').textContent = JSON.stringify(out);
  }
})();
</script>
</body>
</html>
"""


def _legend() -> str:
    return "".join(f'<div><span class="swatch" style="background:{color}"></span>{html.escape(label)}</div>'
                   for color, label in KINDS.values())


LINEAGE_INTRO = ("Each arrow points from a company to the one its founders came from; 'via' names the people who "
                 "carried the lineage (dashed: founded by its alumni, derived from careers; solid: a stated "
                 "spin-off). Hover for details and sources, scroll to zoom, drag to pan, click a company to fold "
                 "its descendants.")


def _cy_edge(edge: LineageEdge, centres: dict[str, tuple[float, float]]) -> dict[str, object]:
    """The layout's polyline in Cytoscape's terms: endpoints relative to the node centres, and each bend
    as a weight along the line between the endpoints and a distance off it (`edge-distances: endpoints`),
    so the page draws exactly the arrow the SVG draws."""
    (sx, sy), (tx, ty) = edge.points[0], edge.points[-1]
    (scx, scy), (tcx, tcy) = centres[edge.source], centres[edge.target]
    dx, dy = tx - sx, ty - sy
    length2 = dx * dx + dy * dy or 1.0
    length = length2 ** 0.5
    weights, distances = [], []
    for px, py in edge.points[1:-1]:
        weights.append(round(((px - sx) * dx + (py - sy) * dy) / length2, 5))
        distances.append(round(((px - sx) * -dy + (py - sy) * dx) / length, 3))
    return {"se": f"{sx - scx:.2f}px {sy - scy:.2f}px", "te": f"{tx - tcx:.2f}px {ty - tcy:.2f}px",
            "weights": weights, "distances": distances}


def render_html(view: LineageView, title: str, intro: str = LINEAGE_INTRO) -> str:
    """The page as one string; everything it needs is inside it."""
    top = min((n.y for n in view.nodes), default=0) - 70
    heading_x = column_x(view)
    axis = [{"generation": g, "x": heading_x[g], "y": top, "label": label.replace(" · ", "\n")}
            for g, label in column_labels(view).items()]
    payload = view.to_json()
    for edge, data in zip(view.edges, payload["edges"], strict=True):
        data["cy"] = _cy_edge(edge, {n.id: (n.x, n.y) for n in view.nodes})
    payload["axis"] = axis
    data = json.dumps(payload, ensure_ascii=False).replace("</", "<\\/")
    library = resources.files("kg.viz").joinpath("vendor/cytoscape.min.js").read_text(encoding="utf-8")
    parts = {"TITLE": html.escape(title), "INTRO": html.escape(intro), "LEGEND": _legend(), "DATA": data,
             "CYTOSCAPE": library.replace("</script", "<\\/script")}
    # one pass, so text inside the data can never be mistaken for a placeholder
    return re.sub(r"__(TITLE|INTRO|LEGEND|DATA|CYTOSCAPE)__", lambda m: parts[m.group(1)], _TEMPLATE)
