"""Where every box and every arrow of a lineage goes, computed once for the page, the SVG and the PNG.

A lineage is drawn as a tidy tree lying on its side: generations in columns (oldest left), every
company's spin-offs stacked to its right and the company centred on them. Real lineages are either
wide ("字节系": one parent, dozens of spin-offs) or deep (A -> B -> C -> D -> E -> F), and both break a
plain column layout: a wide one becomes a strip twenty boxes tall with every arrow converging on one
point, a deep one a thin band across an empty canvas. So:

- More than `WRAP` childless spin-offs of one company are dealt into several lanes, each lane shifted
  by a row (`STEP`), so every box has a row of its own and the arrow leaving it runs horizontally
  between the boxes of the nearer lanes, then straight to its parent.
- Arrows end on *ports* spread over the parent's facing side and, when that side is full, over its top
  and bottom edges, in the order of the boxes they come from, so no two arrowheads share a point and no
  two arrows cross on the way in. A parent whose bottom edge is taken by its listed investors grows
  taller instead, until its side holds every arrow `PORT_PITCH` apart.
- A box whose name wraps onto a second line is taller than its kind's usual size (`kg.viz.lineage_text`);
  every position below is computed from the real heights, and the router goes round the real boxes.
- The number of lanes and the gap between sibling subtrees are chosen so the picture's proportions
  come near a screen's (`ASPECT`): no third of the canvas is left empty.

- Every other arrow (an investor's money into a company other than the one it is listed under, a
  second parent) is routed last, on a grid through the gaps between boxes (`kg.viz.lineage_route`):
  a straight line would cut through the boxes between its ends.

Arrows are polylines in absolute coordinates (`LineageEdge.points`): the SVG draws them as they are,
the page gives Cytoscape.js the same endpoints and bends.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable
from typing import TYPE_CHECKING

from kg.spinoffs import LINEAGE_TYPES
from kg.terms import R
from kg.viz import lineage_route as route
from kg.viz.lineage_text import BOX_H, BOX_W, INVESTORS, SMALL_W, box_size, node_size

if TYPE_CHECKING:
    from kg.viz.lineage import LineageEdge, LineageNode, LineageView

COLUMN_WIDTH = 340.0
LANE_PITCH = 205.0  # lanes of one wide generation sit closer than generations, so they read as one
STEP = 36.0  # rows between boxes of neighbouring lanes: half a box and room for an arrow between
STUB = 24.0  # the horizontal run before an arrow turns towards its parent
WRAP = 6  # more childless spin-offs than this are dealt into lanes
MAX_LANES = 6  # beyond this the arrows from the far lanes run too long to follow
INVESTOR_INDENT = 40.0  # the least: more when many investors' lines need room to their left
BUS_PITCH = 9.0  # the least gap between the lines (and arrowheads) of investors listed under one company
INVESTOR_GAP = 10.0  # between a company and the first investor listed under it, and between investors
PORT_MARGIN = 9.0  # ports keep off the rounded corners
PORT_PITCH = 10.0  # arrowheads on one side of a box at least this far apart (8 px already read as one)
SIDE_PORTS = 4  # ports on the facing side before the top and bottom edges are used
ASPECT = 1.8  # width / height the layout aims for: a browser window, a slide
HEADER = 150.0  # title, legend and column headings above the boxes
GAPS = (18.0, 30.0, 45.0, 65.0)  # wider gaps fill a canvas with air, not with a clearer picture
__all__ = ["BOX_H", "BOX_W", "COLUMN_WIDTH", "box", "box_size", "layout"]

Point = tuple[float, float]
Box = tuple[float, float, float, float]


def box(node: LineageNode) -> Box:
    """(x1, y1, x2, y2) of a node's box."""
    return node.x - node.w / 2, node.y - node.h / 2, node.x + node.w / 2, node.y + node.h / 2


class _Tree:
    """The spanning tree the layout follows: every company hangs off its neighbour one generation
    nearer the root (its parent for descendants, its spin-off for ancestors); other links are drawn
    but do not move boxes."""

    def __init__(self, view: LineageView) -> None:
        self.view = view
        self.nodes = {n.id: n for n in view.nodes}
        self.fans: dict[str, list[str]] = {n.id: [] for n in view.nodes}
        self.hub: dict[str, str] = {}
        self.tree_edges: set[int] = set()
        order = {n.id: (n.year or "9999", n.name, n.id) for n in view.nodes}
        for i, edge in sorted(enumerate(view.edges), key=lambda ie: (order[ie[1].source], order[ie[1].target])):
            if edge.type not in LINEAGE_TYPES:
                continue
            src, tgt = self.nodes[edge.source], self.nodes[edge.target]
            # descendants: the child (source) hangs off its parent; ancestors: the parent off its child
            fan, hub = (src, tgt) if src.generation > 0 else (tgt, src)
            step = 1 if fan.generation > 0 else -1
            if fan.generation != hub.generation + step or fan.id in self.hub or fan.id == view.root:
                continue
            self.hub[fan.id] = hub.id
            self.fans[hub.id].append(fan.id)
            self.tree_edges.add(i)
        for fans in self.fans.values():
            fans.sort(key=lambda f: order[f])
        self.investors: dict[str, list[str]] = {}
        for node in view.nodes:
            if node.kind in INVESTORS and node.anchor:
                self.investors.setdefault(node.anchor, []).append(node.id)
        self.lane: dict[str, int] = {}
        self.base = {n.id: node_size(n) for n in view.nodes}
        for node in view.nodes:
            node.w, node.h = self.base[node.id]

    def reset(self) -> None:
        """Every box back to the size its text needs: a try at the layout may have grown some."""
        for node in self.view.nodes:
            node.h = self.base[node.id][1]

    def side_fans(self, hub: str, side: int) -> list[str]:
        """The fans of `hub` on one side: descendants (+1) to the right, ancestors (-1) to the left."""
        return [f for f in self.fans[hub] if (self.nodes[f].generation > 0) == (side > 0)]

    def slot(self, node: str) -> float:
        """The height a company takes in its column: its box and the investors listed under it."""
        return self.nodes[node].h + sum(self.nodes[i].h + INVESTOR_GAP for i in self.investors.get(node, []))

    def place(self, node: str, top: float, side: int, lanes: int, gap: float) -> float:
        """Lay out `node` and its side of the tree from `top` down; the bottom of what it used."""
        me = self.nodes[node]
        fans = self.side_fans(node, side)
        if not fans:
            me.y = top + me.h / 2
            return top + self.slot(node)
        leaves = [f for f in fans if not self.side_fans(f, side) and not self.investors.get(f)]
        grid = leaves if len(leaves) > WRAP else []
        # childless spin-offs half above and half below the ones that go on, so a deep line of descent
        # runs through the middle of the picture instead of drifting to one corner
        stacked = [f for f in fans if f not in grid]
        alone = [f for f in stacked if not self.side_fans(f, side)]
        stacked = alone[: len(alone) // 2] + [f for f in stacked if f not in alone] + alone[len(alone) // 2:]
        cursor = top
        for fan in stacked:
            self.lane[fan] = 0
            cursor = self.place(fan, cursor, side, lanes, gap) + gap
        cursor = self._deal(grid, cursor, lanes, gap)
        ys = [self.nodes[f].y for f in fans]
        me.y = (min(ys) + max(ys)) / 2
        me.h = max(me.h, _port_height(self, me, fans))
        if (overshoot := top - (me.y - me.h / 2)) > 0:  # grown past the top of its share of the column
            self.shift(node, side, overshoot)
            cursor += overshoot
        return max(cursor - gap, me.y - me.h / 2 + self.slot(node))

    def _deal(self, grid: list[str], cursor: float, lanes: int, gap: float) -> float:
        """Deal childless spin-offs into lanes, a row (`STEP`, more if a box is taller than usual) apart;
        the bottom of the grid plus `gap`, or `cursor` if there is none."""
        if not grid:
            return cursor
        tallest = max(self.nodes[f].h for f in grid)
        step = max(STEP, tallest / 2 + (STEP - BOX_H / 2))  # an arrow still runs between two lanes' boxes
        for i, fan in enumerate(grid):
            self.lane[fan] = i % lanes
            self.nodes[fan].y = cursor + tallest / 2 + i * step
        return cursor + tallest + (len(grid) - 1) * step + gap

    def shift(self, node: str, side: int, dy: float) -> None:
        """Move `node` and its side of the tree down by `dy`."""
        self.nodes[node].y += dy
        for fan in self.side_fans(node, side):
            self.shift(fan, side, dy)


def layout(view: LineageView) -> None:
    """Positions for every node and polylines for every edge of `view`, in place."""
    tree = _Tree(view)
    has_grid = any(len([f for f in fans if not tree.fans[f]]) > WRAP for fans in tree.fans.values())
    best: tuple[float, int, float] | None = None
    for lanes, gap in itertools.product(range(2, MAX_LANES + 1) if has_grid else (2,), GAPS):
        _place_all(tree, lanes, gap)
        x1, y1, x2, y2 = bounds(view.nodes)
        misfit = abs(math.log(((x2 - x1) + 80) / ((y2 - y1) + HEADER + 40) / ASPECT))
        if best is None or misfit < best[0] - 1e-9:
            best = (misfit, lanes, gap)
    assert best is not None
    _place_all(tree, best[1], best[2])
    _route(tree)


def _place_all(tree: _Tree, lanes: int, gap: float) -> None:
    view = tree.view
    tree.reset()
    root = tree.nodes[view.root]
    tree.place(view.root, 0.0, +1, lanes, gap)
    below = root.y
    tree.place(view.root, 0.0, -1, lanes, gap)
    shift = below - root.y
    for node in view.nodes:
        if node.generation < 0:
            node.y += shift
    root.y = below
    for node in view.nodes:
        if node.kind in INVESTORS:
            continue
        sign = 1 if node.generation >= 0 else -1
        node.x = node.generation * COLUMN_WIDTH + sign * tree.lane.get(node.id, 0) * LANE_PITCH
    _place_loose(tree)
    for company, investors in tree.investors.items():
        anchor = tree.nodes[company]
        y = anchor.y + anchor.h / 2 + INVESTOR_GAP
        for inv in investors:
            node = tree.nodes[inv]
            node.x, node.y = anchor.x + _indent(len(investors)), y + node.h / 2
            y += node.h + INVESTOR_GAP


def _place_loose(tree: _Tree) -> None:
    """Companies the tree did not reach (a second parent's side, say) go below everything in their column."""
    placed = {tree.view.root, *tree.hub}
    bottom = max((tree.nodes[n].y + tree.slot(n) for n in placed), default=0.0)
    for node in tree.view.nodes:
        if node.id not in placed and node.kind not in INVESTORS:
            node.y = bottom + 40 + node.h / 2
            bottom = node.y - node.h / 2 + tree.slot(node.id)


def bounds(nodes: Iterable[LineageNode]) -> Box:
    boxes = [box(n) for n in nodes] or [(0.0, 0.0, 0.0, 0.0)]
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))


def _route(tree: _Tree) -> None:
    """Tree arrows first (they shape the picture), then the investors' buses, then the arrows left over
    on a grid through the gaps (`kg.viz.lineage_route`), around everything already drawn."""
    view = tree.view
    ports: dict[int, Point] = {}
    for hub in view.nodes:
        for side in (1, -1):
            fans = tree.side_fans(hub.id, side)
            if fans:
                _ports(tree, hub, fans, side, ports)
    for i, edge in enumerate(view.edges):
        src, tgt = tree.nodes[edge.source], tree.nodes[edge.target]
        if i in tree.tree_edges:
            fan, hub = (src, tgt) if tree.hub.get(src.id) == tgt.id else (tgt, src)
            side = 1 if fan.generation > 0 else -1
            near = fan.generation * COLUMN_WIDTH - side * (BOX_W / 2)
            turn = near - side * STUB
            end = (fan.x - side * BOX_W / 2, fan.y)
            path = [end, (turn, fan.y), *_clear_investors(tree, hub, (turn, fan.y), ports[i]), ports[i]]
            edge.points = path if fan is src else path[::-1]
        elif edge.type == R.INVESTED_IN and src.anchor == tgt.id:
            k = tree.investors[tgt.id].index(src.id)
            n = len(tree.investors[tgt.id])
            bus = src.x - SMALL_W / 2 - 10 - k * _bus_spacing(n)
            edge.points = [(src.x - SMALL_W / 2, src.y), (bus, src.y), (bus, tgt.y + tgt.h / 2)]
        else:
            edge.points = []
    _route_loose(tree, [e for e in view.edges if not e.points])


def _clear_investors(tree: _Tree, hub: LineageNode, start: Point, port: Point) -> list[Point]:
    """A bend that keeps the arrow from `start` into `hub`'s right side off the investors listed under
    it: they stand out past that side, so a spin-off far below would otherwise aim its arrow through them."""
    listed = [box(tree.nodes[n]) for n in tree.investors.get(hub.id, [])]
    if port[0] != hub.x + BOX_W / 2 or not any(segment_hits_box(start, port, b) for b in listed):
        return []
    return [(hub.x + _indent(len(listed)) + SMALL_W / 2 + 10, port[1])]


def _bus_spacing(n: int) -> float:
    """The gap between the lines of `n` investors listed under one company: as much as fits under the
    company left of its investors, never under `BUS_PITCH`."""
    return max(BUS_PITCH, min(12.0, 44.0 / (n - 1))) if n > 1 else 0.0


def _indent(n: int) -> float:
    """How far right of its company's centre the `n` investors listed under it sit: far enough that
    all their lines reach the company's bottom edge left of them, `_bus_spacing` apart, and off its
    rounded corner (seven or more would otherwise land under 8 px apart)."""
    return max(INVESTOR_INDENT, SMALL_W / 2 + 10 + (n - 1) * _bus_spacing(n) + PORT_MARGIN - BOX_W / 2)


def _route_loose(tree: _Tree, edges: list[LineageEdge]) -> None:
    """Route the arrows no tree or bus places, one pair of boxes at a time (a second round by the same
    investor is the same arrow), shortest first so the long ones go round them."""
    boxes = {n.id: box(n) for n in tree.view.nodes}
    pairs = sorted({(e.source, e.target) for e in edges},
                   key=lambda st: (math.dist(_centre(tree, st[0]), _centre(tree, st[1])), st))
    if not pairs:
        return
    candidates = {n: route.side_ports(boxes[n], [], _sides(tree.nodes[n])) for pair in pairs for n in pair}
    grid = route.build_grid(boxes.values(), [p.point for ps in candidates.values() for p in ps])
    for port in itertools.chain.from_iterable(candidates.values()):
        grid.open_port(port)
    taken: dict[str, list[Point]] = {}
    for edge in tree.view.edges:
        if edge.points:
            _draw(grid, taken, edge.source, edge.target, edge.points)
    for source, target in pairs:
        path = route.shortest(grid, _free(candidates[source], taken.get(source, []), route.SOURCE_GAP),
                              _free(candidates[target], taken.get(target, []), route.PORT_GAP))
        if path is None:  # nothing in the picture is drawn this way; kept so an arrow is never lost
            path = [_clip(tree.nodes[source], tree.nodes[target]), _clip(tree.nodes[target], tree.nodes[source])]
        _draw(grid, taken, source, target, path)
        for edge in edges:
            if (edge.source, edge.target) == (source, target):
                edge.points = list(path)


def _draw(grid: route.Grid, taken: dict[str, list[Point]], source: str, target: str, path: list[Point]) -> None:
    """Record an arrow for the ones routed after it: its track to go round, its two ends to keep off."""
    route.mark(grid, path)
    taken.setdefault(source, []).append(path[0])
    taken.setdefault(target, []).append(path[-1])


def _free(ports: list[route.Port], taken: list[Point], gap: float) -> list[route.Port]:
    """The ports at least `gap` from every arrow end already on the box; all of them if none is (a box
    with more arrows than room: they share points rather than be dropped)."""
    return [p for p in ports if all(math.dist(p.point, q) >= gap for q in taken)] or ports


def _sides(node: LineageNode) -> tuple[int, ...]:
    """Which sides of a box an arrow may leave or enter by: an investor's money leaves from its left or
    right, since investors listed under one company are stacked too close for a line between them."""
    return (0, 1) if node.kind in INVESTORS else (0, 1, 2, 3)


def _centre(tree: _Tree, node: str) -> Point:
    return tree.nodes[node].x, tree.nodes[node].y


def _split(tree: _Tree, hub: LineageNode, fans: list[str], height: float) -> tuple[list[str], ...]:
    """`hub`'s fans, top to bottom, in three: those whose arrows end on its top edge, on its facing
    side, on its bottom edge, were its box `height` tall. The nearest `SIDE_PORTS` and those level with
    the box take the side; a box with investors listed under it keeps its bottom edge free for them."""
    order = sorted(fans, key=lambda f: tree.nodes[f].y)
    if len(order) <= SIDE_PORTS:
        return [], order, []
    top, bottom = hub.y - height / 2, hub.y + height / 2
    near = sorted(range(len(order)), key=lambda k: abs(tree.nodes[order[k]].y - hub.y))[:SIDE_PORTS]
    lo, hi = min(near), max(near) + 1
    above, middle, below = order[:lo], order[lo:hi], order[hi:]
    while above and tree.nodes[above[-1]].y > top - PORT_MARGIN:
        middle.insert(0, above.pop())
    while below and tree.nodes[below[0]].y < bottom + PORT_MARGIN:
        middle.append(below.pop(0))
    if tree.investors.get(hub.id):
        middle, below = middle + below, []
    return above, middle, below


def _port_height(tree: _Tree, hub: LineageNode, fans: list[str]) -> float:
    """The least height that leaves `PORT_PITCH` between the arrowheads on `hub`'s facing side: its own,
    unless investors under it send every arrow from below to that side. Growing can bring more fans
    level with the box, so it is asked again until it holds."""
    height = hub.h
    while True:
        middle = _split(tree, hub, fans, height)[1]
        need = 2 * PORT_MARGIN + (len(middle) - 1) * PORT_PITCH
        if need <= height:
            return height
        height = need


def _ports(tree: _Tree, hub: LineageNode, fans: list[str], side: int, ports: dict[int, Point]) -> None:
    """Spread the arrow ends of `hub`'s tree edges over its facing side, then its top and bottom."""
    edge_of = {}
    for i in tree.tree_edges:
        e = tree.view.edges[i]
        if hub.id not in (e.source, e.target):
            continue
        other = e.source if e.target == hub.id else e.target
        if other in fans:
            edge_of[other] = i
    above, middle, below = _split(tree, hub, fans, hub.h)
    top, bottom = hub.y - hub.h / 2, hub.y + hub.h / 2
    x_side = hub.x + side * BOX_W / 2
    span = hub.h - 2 * PORT_MARGIN
    for k, fan in enumerate(middle):
        y = hub.y if len(middle) == 1 else top + PORT_MARGIN + k * span / (len(middle) - 1)
        ports[edge_of[fan]] = (x_side, y)
    far, close = hub.x - side * (BOX_W / 2 - PORT_MARGIN), hub.x + side * (BOX_W / 2 - PORT_MARGIN)
    for k, fan in enumerate(above):  # the topmost arrow takes the port farthest from the spin-offs
        ports[edge_of[fan]] = (far + (close - far) * (k + 0.5) / len(above), top)
    for k, fan in enumerate(below):
        ports[edge_of[fan]] = (close + (far - close) * (k + 0.5) / len(below), bottom)


def _clip(a: LineageNode, b: LineageNode) -> Point:
    """Where the line from `a`'s centre towards `b`'s leaves `a`'s box."""
    w, h = a.w, a.h
    dx, dy = b.x - a.x, b.y - a.y
    if dx == dy == 0:
        return a.x, a.y
    t = min(w / 2 / abs(dx) if dx else math.inf, h / 2 / abs(dy) if dy else math.inf)
    return a.x + dx * t, a.y + dy * t


# -- measures: what "readable" means, used by the tests and the screenshot script ---------------------

def overlapping(boxes: dict[str, Box], pad: float = 0.0) -> list[tuple[str, str]]:
    """Pairs of boxes that overlap (touching edges do not count)."""
    return [(a, b) for (a, p), (b, q) in itertools.combinations(sorted(boxes.items()), 2)
            if p[0] - pad < q[2] and q[0] - pad < p[2] and p[1] - pad < q[3] and q[1] - pad < p[3]]


def segment_hits_box(p: Point, q: Point, b: Box, inset: float = 1.0) -> bool:
    """Whether segment p-q passes through the inside of box `b` (shrunk by `inset`): Liang-Barsky."""
    x1, y1, x2, y2 = b[0] + inset, b[1] + inset, b[2] - inset, b[3] - inset
    t0, t1 = 0.0, 1.0
    dx, dy = q[0] - p[0], q[1] - p[1]
    for d, lo, hi, v in ((dx, x1, x2, p[0]), (dy, y1, y2, p[1])):
        if d == 0:
            if not lo < v < hi:
                return False
            continue
        a, c = (lo - v) / d, (hi - v) / d
        t0, t1 = max(t0, min(a, c)), min(t1, max(a, c))
        if t0 >= t1:
            return False
    return True


def crossings(view: LineageView) -> list[tuple[int, str]]:
    """(edge index, node id) for every arrow that runs through a box other than its own two ends."""
    boxes = {n.id: box(n) for n in view.nodes}
    out = []
    for i, edge in enumerate(view.edges):
        for node, b in boxes.items():
            if node in (edge.source, edge.target):
                continue
            if any(segment_hits_box(p, q, b) for p, q in itertools.pairwise(edge.points)):
                out.append((i, node))
    return out


def closest_arrowheads(view: LineageView) -> float:
    """The smallest distance between two arrowheads landing on the same box (inf when none share one);
    a second round by the same investor in the same company is the same arrow, and counted once."""
    ends: dict[str, list[Point]] = {}
    for source, target in {(e.source, e.target) for e in view.edges}:
        edge = next(e for e in view.edges if (e.source, e.target) == (source, target))
        ends.setdefault(target, []).append(edge.points[-1])
    return min((math.dist(p, q) for pts in ends.values() for p, q in itertools.combinations(pts, 2)),
               default=math.inf)
