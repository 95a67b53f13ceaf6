"""The investor network as one self-contained page: Cytoscape.js with the fcose layout, all inline.

fcose (MIT, iVis@Bilkent, from the npm registry with its two helper libraries layout-base and cose-base,
vendored in `kg/viz/vendor/`) is a force-directed layout for exactly this kind of graph: investors pull
their portfolios around them, co-investors end up near each other, and edges run straight from box to
box instead of sharing a trunk. `Math.random` is seeded inside the page so the same graph gives the same
picture every time. After the layout a short pass pushes apart any two boxes that still touch, so no
two names overlap; the final positions and timings are written into the page (`#kg-layout`), which is
how the SVG/PNG reuse this very layout and how the tests check it.
"""

from __future__ import annotations

import html
import json
import re
from importlib import resources
from pathlib import Path
from typing import Any

from kg.errors import KGError
from kg.viz.browser import run_chromium
from kg.viz.network import FOCUS_OUTLINE, FONT_PX, KINDS, LINE_PX, NetworkView

#: Vendored scripts in load order: each UMD bundle finds the one before it as a global.
LIBRARIES = ("cytoscape.min.js", "layout-base.js", "cose-base.js", "cytoscape-fcose.js")

_TEMPLATE = """<!DOCTYPE html>
<html lang="zh">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:">
<title>__TITLE__</title>
<style>
  body { margin: 0; font-family: "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif; background: #fafafa; }
  header { padding: 8px 16px; border-bottom: 1px solid #ddd; background: #fff; height: 64px; box-sizing: border-box; }
  header h1 { font-size: 17px; margin: 0 0 6px 0; }
  header label { font-size: 12px; color: #444; margin-right: 10px; }
  header select, header input { font-size: 12px; }
  #cy { position: absolute; top: 64px; bottom: 0; left: 0; right: 0; }
  #legend { position: absolute; right: 12px; bottom: 12px; background: #fff; border: 1px solid #ddd;
            padding: 8px 12px; font-size: 12px; border-radius: 6px; z-index: 2; }
  #legend div { margin: 3px 0; }
  #legend span.swatch { display: inline-block; width: 14px; height: 12px; border-radius: 3px; margin-right: 6px;
                        vertical-align: middle; }
  #node-list, #kg-layout { display: none; }
  #tip { position: absolute; display: none; background: #222; color: #fff; font-size: 12px; padding: 6px 8px;
         border-radius: 4px; max-width: 360px; z-index: 3; pointer-events: none; white-space: pre-line; }
</style>
</head>
<body>
<header><h1>__TITLE__</h1>
  <label>from <select id="f-since"></select></label><label>to <select id="f-until"></select></label>
  <label>round <select id="f-round"><option value="">all</option></select></label>
  <label>capital <select id="f-capital"><option value="all">all</option><option value="state">state</option>
    <option value="private">private</option></select></label>
  <label>find <input id="f-search" type="search" placeholder="name or alias"></label>
  <span id="f-count" style="font-size:12px;color:#666"></span>
</header>
<div id="legend">__LEGEND__</div>
<div id="tip"></div>
<div id="cy"></div>
<ul id="node-list" aria-label="organisations in this network"></ul>
<pre id="kg-layout"></pre>
__LIBRARIES__
<script id="network-data" type="application/json">__DATA__</script>
<script>
(function () {
  var started = performance.now();
  var seed = 20250101;  // a seeded Math.random: the layout is the same on every run
  Math.random = function () {
    seed |= 0; seed = seed + 0x6D2B79F5 | 0;
    var t = Math.imul(seed ^ seed >>> 15, 1 | seed);
    t = t + Math.imul(t ^ t >>> 7, 61 | t) ^ t;
    return ((t ^ t >>> 14) >>> 0) / 4294967296;
  };
  cytoscape.use(cytoscapeFcose);
  var data = JSON.parse(document.getElementById('network-data').textContent);
  var kinds = data.kinds, n0 = data.nodes.length;
  var elements = [], kindOf = {};
  data.nodes.forEach(function (n) {
    kindOf[n.id] = n.kind;
    elements.push({ data: { id: n.id, label: n.lines.join('\\n'), w: n.width, h: n.height, info: n },
                    classes: n.kind + (n.focus ? ' focus' : '') });
  });
  data.edges.forEach(function (e, i) {
    var state = kindOf[e.source] === 'state';
    elements.push({ data: { id: 'e' + i, source: e.source, target: e.target, width: e.width, info: e,
                            year: e.date ? parseInt(e.date.slice(0, 4), 10) : null },
                    classes: state ? 'state' : '' });
  });
  var style = [
    { selector: 'node', style: { 'shape': 'round-rectangle', 'width': 'data(w)', 'height': 'data(h)',
      'label': 'data(label)', 'text-wrap': 'wrap', 'text-max-width': 400, 'text-valign': 'center',
      'text-halign': 'center', 'font-size': __FONT__, 'line-height': __LINE__, 'color': '#fff' } },
    { selector: 'node.focus', style: { 'border-width': 4, 'border-color': '__FOCUS__', 'border-style': 'solid' } },
    { selector: 'node.faded, edge.faded', style: { 'opacity': 0.15 } },
    { selector: 'node.match', style: { 'border-width': 4, 'border-color': '#f5b700' } },
    { selector: 'edge', style: { 'curve-style': 'bezier', 'width': 'data(width)', 'line-color': '#9aa3ad',
      'target-arrow-shape': 'triangle', 'target-arrow-color': '#9aa3ad', 'arrow-scale': 0.8, 'opacity': 0.8 } },
    { selector: 'edge.state', style: { 'line-color': '#e39a95', 'target-arrow-color': '#e39a95' } },
    { selector: 'edge.hover', style: { 'line-color': '#333', 'target-arrow-color': '#333', 'opacity': 1,
      'label': 'data(hover)', 'font-size': 11, 'text-background-color': '#fff', 'text-background-opacity': 1 } }
  ];
  Object.keys(kinds).forEach(function (k) {
    style.push({ selector: 'node.' + k, style: { 'background-color': kinds[k].color } });
  });
  var cy = cytoscape({ container: document.getElementById('cy'), style: style,
                       pixelRatio: 1, textureOnViewport: true, hideEdgesOnViewport: n0 > 300 });
  cy.startBatch(); cy.add(elements); cy.endBatch();
  window.kgNetwork = cy;
  var created = performance.now();
  var n = cy.nodes().length;
  cy.layout({ name: 'fcose', quality: n > 400 ? 'draft' : 'default', randomize: true, animate: false,
              fit: false, nodeDimensionsIncludeLabels: false, uniformNodeDimensions: false, packComponents: true,
              nodeRepulsion: function (node) { return 6000 + 30 * node.degree(); },
              idealEdgeLength: function () { return 90; }, edgeElasticity: function () { return 0.3; },
              nodeSeparation: 90, numIter: n > 400 ? 1000 : 2500, tile: true, tilingPaddingVertical: 20,
              tilingPaddingHorizontal: 20 }).run();
  var laidOut = performance.now();
  spread(cy.nodes(), 0.18);
  var passes = separate(cy.nodes(), 10);
  var separated = performance.now();
  cy.fit(undefined, 30);

  // Scale the layout about its centre until the boxes cover at most `density` of its area, so the
  // separation below has room to work in (a force layout packs hubs' neighbourhoods tightly).
  function spread(nodes, density) {
    var area = 0, bb = nodes.boundingBox();
    nodes.forEach(function (node) { area += (node.data('w') + 10) * (node.data('h') + 10); });
    var factor = Math.sqrt(area / density / Math.max(1, bb.w * bb.h));
    if (factor <= 1) return;
    var cx = (bb.x1 + bb.x2) / 2, cy0 = (bb.y1 + bb.y2) / 2;
    cy.batch(function () {
      nodes.forEach(function (node) {
        var p = node.position();
        node.position({ x: cx + (p.x - cx) * factor, y: cy0 + (p.y - cy0) * factor });
      });
    });
  }

  // Place every box where no other box is: hubs first, each at its layout position when that is free,
  // else at the nearest free point of a spiral around it (a grid of cells finds the neighbours), so no
  // two boxes overlap and, labels being inside boxes, no two labels either.
  function separate(nodes, gap) {
    var cell = 64, grid = {}, moved = 0;
    function cells(b, visit) {
      for (var i = Math.floor(b.x1 / cell); i <= Math.floor(b.x2 / cell); i++) {
        for (var j = Math.floor(b.y1 / cell); j <= Math.floor(b.y2 / cell); j++) {
          if (visit(i + ',' + j)) return true;
        }
      }
      return false;
    }
    function free(b) {
      return !cells(b, function (k) {
        return (grid[k] || []).some(function (o) { return b.x1 < o.x2 && o.x1 < b.x2 && b.y1 < o.y2 && o.y1 < b.y2; });
      });
    }
    var order = nodes.sort(function (a, b) { return b.degree() - a.degree() || (a.id() < b.id() ? -1 : 1); });
    var placed = {};
    order.forEach(function (node) {
      var p = node.position(), w = node.data('w') / 2 + gap / 2, h = node.data('h') / 2 + gap / 2;
      for (var k = 0; ; k++) {
        var r = 9 * Math.sqrt(k), t = k * 2.39996;
        var x = p.x + r * Math.cos(t), y = p.y + r * Math.sin(t);
        var b = { x1: x - w, x2: x + w, y1: y - h, y2: y + h };
        if (free(b)) {
          cells(b, function (key) { (grid[key] = grid[key] || []).push(b); return false; });
          placed[node.id()] = { x: x, y: y };
          if (k) moved++;
          return;
        }
      }
    });
    cy.batch(function () { nodes.forEach(function (node) { node.position(placed[node.id()]); }); });
    return moved;
  }

  // the names as a list, for screen readers and for checks that the page really rendered
  var list = document.getElementById('node-list');
  cy.nodes().forEach(function (node) {
    var item = document.createElement('li');
    item.textContent = node.data('info').name;
    list.appendChild(item);
  });
  list.setAttribute('data-rendered', String(cy.nodes().length));

  // filters: years, round, state or private capital; a node with no investment left is hidden
  var years = [], rounds = [];
  cy.edges().forEach(function (e) {
    var y = e.data('year'), r = e.data('info').round;
    if (y && years.indexOf(y) < 0) years.push(y);
    if (r && rounds.indexOf(r) < 0) rounds.push(r);
  });
  years.sort(); rounds.sort();
  var since = document.getElementById('f-since'), until = document.getElementById('f-until');
  var roundSel = document.getElementById('f-round'), capital = document.getElementById('f-capital');
  [since, until].forEach(function (sel, k) {
    sel.appendChild(new Option('any', ''));
    years.forEach(function (y) { sel.appendChild(new Option(String(y), String(y))); });
  });
  rounds.forEach(function (r) { roundSel.appendChild(new Option(r, r)); });
  function applyFilters() {
    var lo = since.value ? +since.value : null, hi = until.value ? +until.value : null;
    var rv = roundSel.value, cv = capital.value, shown = 0;
    cy.batch(function () {
      cy.edges().forEach(function (e) {
        var y = e.data('year'), ok = true;
        if ((lo !== null || hi !== null) && !y) ok = false;
        if (lo !== null && y < lo) ok = false;
        if (hi !== null && y > hi) ok = false;
        if (rv && e.data('info').round !== rv) ok = false;
        var state = e.hasClass('state');
        if ((cv === 'state' && !state) || (cv === 'private' && state)) ok = false;
        e.style('display', ok ? 'element' : 'none');
        if (ok) shown++;
      });
      cy.nodes().forEach(function (node) {
        var visible = node.hasClass('focus') || node.connectedEdges().some(function (e) {
          return e.style('display') !== 'none'; });
        node.style('display', visible ? 'element' : 'none');
      });
    });
    document.getElementById('f-count').textContent = shown + ' of ' + cy.edges().length + ' investments';
  }
  [since, until, roundSel, capital].forEach(function (sel) { sel.addEventListener('change', applyFilters); });
  applyFilters();

  // search: names and aliases, any case; matches are outlined and brought into view
  document.getElementById('f-search').addEventListener('input', function (evt) {
    var q = evt.target.value.trim().toLowerCase();
    cy.elements().removeClass('faded match');
    if (!q) return;
    var hits = cy.nodes().filter(function (node) {
      var info = node.data('info');
      return [info.name].concat(info.aliases).some(function (a) { return a.toLowerCase().indexOf(q) >= 0; });
    });
    if (hits.length) {
      cy.elements().not(hits.closedNeighborhood()).addClass('faded');
      hits.addClass('match');
      cy.fit(hits.closedNeighborhood(), 60);
    }
  });

  // hover: who, which round, when, how much, from which articles
  var tip = document.getElementById('tip');
  function money(e) {
    return e.amount ? Number(e.amount).toLocaleString('en') + ' ' + (e.currency || '') : 'not stated';
  }
  function describe(info) {
    if (info.source) {
      return 'round: ' + (info.round || 'unnamed') + (info.role ? ' (' + info.role + ')' : '') +
        '\\ndate: ' + (info.date || 'unknown') + '\\namount on this edge: ' + money(info) +
        '\\nsources: ' + info.sources.join(', ');
    }
    return info.name + (info.aliases.length ? '\\naka ' + info.aliases.join(', ') : '') + '\\n' +
      kinds[info.kind].label + (info.region ? '\\nregion: ' + info.region : '');
  }
  cy.on('mouseover', 'node, edge', function (evt) {
    var info = evt.target.data('info');
    tip.textContent = describe(info);
    tip.style.display = 'block';
    if (evt.target.isEdge()) {
      evt.target.data('hover', (info.round || '') + (info.date ? ' ' + info.date : ''));
      evt.target.addClass('hover');
    }
  });
  cy.on('mousemove', function (evt) {
    tip.style.left = (evt.renderedPosition.x + 16) + 'px';
    tip.style.top = (evt.renderedPosition.y + 80) + 'px';
  });
  cy.on('mouseout', 'node, edge', function (evt) { tip.style.display = 'none'; evt.target.removeClass('hover'); });

  // the layout as data: the SVG/PNG are drawn from it, the tests check it
  var out = { ms: Math.round(performance.now() - started), create_ms: Math.round(created - started), layout_ms: Math.round(laidOut - created),
              separate_ms: Math.round(separated - laidOut), moved: passes, nodes: {}, boxes: {}, labels: {} };
  cy.nodes().forEach(function (node) {
    var p = node.position(), bb = node.boundingBox({ includeLabels: true, includeOverlays: false });
    out.nodes[node.id()] = [Math.round(p.x * 10) / 10, Math.round(p.y * 10) / 10];
    out.boxes[node.id()] = [p.x - node.data('w') / 2, p.y - node.data('h') / 2, p.x + node.data('w') / 2,
                            p.y + node.data('h') / 2].map(function (v) { return Math.round(v * 10) / 10; });
    out.labels[node.id()] = [bb.x1, bb.y1, bb.x2, bb.y2].map(function (v) { return Math.round(v * 10) / 10; });
  });
  document.getElementById('kg-layout').textContent = JSON.stringify(out);
})();
</script>
</body>
</html>
"""


def _legend() -> str:
    rows = [f'<div><span class="swatch" style="background:{color}"></span>{html.escape(label)}</div>'
            for color, label in KINDS.values()]
    rows.append(f'<div><span class="swatch" style="background:#fff;border:3px solid {FOCUS_OUTLINE};'
                'box-sizing:border-box"></span>the entity asked about</div>')
    rows.append("<div>line width: amount on the edge; hover for round, date, sources</div>")
    return "".join(rows)


def render_network_html(view: NetworkView) -> str:
    """The page as one string; everything it needs is inside it."""
    data = json.dumps(view.to_json(), ensure_ascii=False).replace("</", "<\\/")
    folder = resources.files("kg.viz").joinpath("vendor")
    libraries = "\n".join("<script>" + folder.joinpath(name).read_text(encoding="utf-8")
                          .replace("</script", "<\\/script") + "</script>" for name in LIBRARIES)

    parts = {"TITLE": html.escape(view.title), "LEGEND": _legend(), "DATA": data, "LIBRARIES": libraries,
             "FONT": str(FONT_PX), "LINE": f"{LINE_PX / FONT_PX:.3f}", "FOCUS": FOCUS_OUTLINE}
    # one pass, so text inside the data can never be mistaken for a placeholder
    return re.sub(r"__(TITLE|LEGEND|DATA|LIBRARIES|FONT|LINE|FOCUS)__", lambda m: parts[m.group(1)], _TEMPLATE)


def page_layout(page: Path, timeout: float = 120) -> dict[str, Any]:
    """Open the page in headless Chromium and read back the layout it computed: node centres, the
    rendered label boxes, and the milliseconds from script start to a finished layout."""
    result = run_chromium(page.resolve().as_uri(), "--dump-dom", "--window-size=1600,1000", timeout=timeout)
    found = re.search(r'<pre id="kg-layout">(.*?)</pre>', result.stdout, re.S)
    if not found or not found.group(1).strip():
        raise KGError(f"the network page did not finish its layout in Chromium: {result.stderr[-300:]}")
    return json.loads(html.unescape(found.group(1)))
