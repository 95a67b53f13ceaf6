"""Orthogonal routes for the arrows the tree layout does not place: an investor's money into a company
other than the one it is listed under, a second parent's spin-off link.

A straight line between two boxes of a lineage runs through whatever lies between them (an investor
under 云岫智能 putting money into 栖光机器人 two columns on crossed 澄湖科技's box). So these arrows run
on a grid of tracks laid through the gaps between boxes: the middle of every gap between two box edges,
and in wide gaps two more tracks either side, so several arrows can pass one gap side by side. A
shortest path on that grid (few bends, no track shared with another arrow, few crossings) can never
enter a box, because no track segment that overlaps a box is on the grid. Each arrow starts and ends on
a port of its box at least `PORT_GAP` from every other arrow end there, so arrowheads stay distinct.
"""

from __future__ import annotations

import bisect
import heapq
import itertools
import math
from collections.abc import Iterable
from dataclasses import dataclass, field

Point = tuple[float, float]
Box = tuple[float, float, float, float]

INFLATE = 3.0  # px: a track closer to a box than this would seem to run along its outline
PORT_GAP = 10.0  # px between two arrowheads on one box: closer, they read as one
SOURCE_GAP = 6.0  # px between two arrows leaving one box: apart, so neither seems to branch off the other
CORNER = 9.0  # ports keep off the rounded corners
SIDE_TRACK = 12.0  # px from a gap's middle to its side tracks
WIDE_GAP = 4 * SIDE_TRACK  # gaps at least this wide get side tracks
BEND = 40.0  # a bend costs as much as 40 px of line: fewer bends read faster
CROSS = 100.0  # crossing another arrow
SHARED = 5000.0  # running along another arrow: which company it points to becomes ambiguous
NEAR = 6.0  # px: two arrows running side by side closer than this blur into one
CROWDED = 4.0  # per px run beside another arrow within `NEAR`: rather a detour than a blurred pair
NARROW = 16.0  # a gap narrower than this (between investors stacked under a company) takes no arrow
OUTSIDE = 20.0  # px from the outermost boxes to the tracks round them: half the canvas margin
SIDE_TRACK_COST = 0.15  # per px, so a lone arrow keeps to the middle of its gap
DIRS = ((1, 0), (-1, 0), (0, 1), (0, -1))


@dataclass
class Port:
    """A point on a box's outline and the direction (index into `DIRS`) pointing out of the box."""

    point: Point
    out: int


@dataclass
class Grid:
    """Tracks through the gaps, and which stretches of them are blocked, shared or crossed."""

    xs: list[float]
    ys: list[float]
    side_x: set[float]
    side_y: set[float]
    blocked: set[tuple[int, int, int]] = field(default_factory=set)  # (i, j, axis): from node (i, j) one step +axis
    used: set[tuple[int, int, int]] = field(default_factory=set)
    near: set[tuple[int, int, int]] = field(default_factory=set)
    crossed: dict[tuple[int, int, int], int] = field(default_factory=dict)

    def node(self, p: Point) -> tuple[int, int]:
        return self.xs.index(p[0]), self.ys.index(p[1])

    def open_port(self, port: Port) -> None:
        """Unblock the stub from a port straight out of its box, through the margin round the box."""
        i, j = self.node(port.point)
        dx, dy = DIRS[port.out]
        start = port.point
        while 0 <= i + dx < len(self.xs) and 0 <= j + dy < len(self.ys):
            self.blocked.discard((min(i, i + dx), j, 0) if dy == 0 else (i, min(j, j + dy), 1))
            i, j = i + dx, j + dy
            if math.dist(start, self.point(i, j)) > INFLATE:
                break

    def point(self, i: int, j: int) -> Point:
        return self.xs[i], self.ys[j]


def _tracks(edges: Iterable[float], extra: Iterable[float], before: bool) -> tuple[list[float], set[float]]:
    """The middle of every gap at least `NARROW` wide between consecutive box edges (and outside them
    all, before the first only if `before`), side tracks in wide gaps, and the coordinates of the ports;
    the side tracks are returned apart for their cost."""
    cuts = sorted(set(edges))
    mids = [cuts[0] - OUTSIDE] if before else []
    mids.append(cuts[-1] + OUTSIDE)
    sides: set[float] = set()
    for a, b in itertools.pairwise(cuts):
        if b - a < NARROW:
            continue
        mid = (a + b) / 2
        mids.append(mid)
        if b - a >= WIDE_GAP:
            sides.update((mid - SIDE_TRACK, mid + SIDE_TRACK))
    return sorted({*mids, *sides, *extra}), sides


def build_grid(boxes: Iterable[Box], ports: Iterable[Point]) -> Grid:
    """The grid for `boxes`, with lines through every port, and every track stretch that overlaps a box
    blocked. No track runs above the top row: the column headings are there."""
    boxes, ports = list(boxes), list(ports)
    xs, side_x = _tracks((v for b in boxes for v in (b[0], b[2])), (p[0] for p in ports), before=True)
    ys, side_y = _tracks((v for b in boxes for v in (b[1], b[3])), (p[1] for p in ports), before=False)
    grid = Grid(xs, ys, side_x, side_y)
    for b in boxes:
        _block(grid, b)
    return grid


def _block(grid: Grid, b: Box) -> None:
    """Block every grid step whose open stretch meets the open inside of box `b` grown by `INFLATE`."""
    b = (b[0] - INFLATE, b[1] - INFLATE, b[2] + INFLATE, b[3] + INFLATE)
    for axis, (along, across) in enumerate(((grid.xs, grid.ys), (grid.ys, grid.xs))):
        lo, hi = (b[0], b[2]) if axis == 0 else (b[1], b[3])  # along the step
        c_lo, c_hi = (b[1], b[3]) if axis == 0 else (b[0], b[2])  # across it
        first = bisect.bisect_left(along, lo) - 1
        last = bisect.bisect_right(along, hi)
        for k in range(bisect.bisect_right(across, c_lo), bisect.bisect_left(across, c_hi)):
            if not c_lo < across[k] < c_hi:
                continue
            for m in range(max(0, first), min(len(along) - 1, last)):
                if max(along[m], lo) < min(along[m + 1], hi):
                    grid.blocked.add((m, k, 0) if axis == 0 else (k, m, 1))


def mark(grid: Grid, points: list[Point]) -> None:
    """Record an arrow already drawn: the grid steps it runs along are shared, those beside it crowded,
    those it crosses crossed."""
    for p, q in itertools.pairwise(points):
        for axis in (0, 1):
            _mark_segment(grid, p, q, axis)


def _mark_segment(grid: Grid, p: Point, q: Point, axis: int) -> None:
    """Mark the steps along `axis` that segment p-q lies on or crosses."""
    along, across = (grid.xs, grid.ys) if axis == 0 else (grid.ys, grid.xs)
    a0, a1 = (p[0], q[0]) if axis == 0 else (p[1], q[1])
    c0, c1 = (p[1], q[1]) if axis == 0 else (p[0], q[0])
    if c0 == c1:  # parallel to the steps: shared where it lies on a track, crowded on tracks beside it
        lo, hi = sorted((a0, a1))
        for k in range(bisect.bisect_left(across, c0 - NEAR), bisect.bisect_right(across, c0 + NEAR)):
            for m in range(len(along) - 1):
                if max(along[m], lo) < min(along[m + 1], hi):
                    key = (m, k, 0) if axis == 0 else (k, m, 1)
                    (grid.used if across[k] == c0 else grid.near).add(key)
        return
    lo, hi = sorted((c0, c1))
    for k in range(bisect.bisect_left(across, lo), bisect.bisect_right(across, hi)):
        t = (across[k] - c0) / (c1 - c0)
        a = a0 + (a1 - a0) * t
        m = bisect.bisect_right(along, a) - 1
        if 0 <= m < len(along) - 1 and along[m] < a < along[m + 1]:
            key = (m, k, 0) if axis == 0 else (k, m, 1)
            grid.crossed[key] = grid.crossed.get(key, 0) + 1


def _step_cost(grid: Grid, i: int, j: int, d: int) -> float | None:
    """Cost of one step from node (i, j) in direction `d`, or None if it leaves the grid or is blocked."""
    dx, dy = DIRS[d]
    ni, nj = i + dx, j + dy
    if not (0 <= ni < len(grid.xs) and 0 <= nj < len(grid.ys)):
        return None
    key = (min(i, ni), j, 0) if dy == 0 else (i, min(j, nj), 1)
    if key in grid.blocked:
        return None
    length = abs(grid.xs[ni] - grid.xs[i]) + abs(grid.ys[nj] - grid.ys[j])
    side = grid.ys[j] in grid.side_y if dy == 0 else grid.xs[i] in grid.side_x
    return (length * (1 + SIDE_TRACK_COST * side + CROWDED * (key in grid.near)) + SHARED * (key in grid.used)
            + CROSS * grid.crossed.get(key, 0))


def shortest(grid: Grid, starts: list[Port], ends: list[Port]) -> list[Point] | None:
    """The cheapest grid path from one of `starts` (leaving its box straight out) to one of `ends`
    (entering straight in), as a polyline with only its corners; None when no path exists. A*, with the
    distance to the box around the ends as its (never too high) estimate of what is left."""
    goals = {grid.node(p.point): p.out ^ 1 for p in ends}  # arriving against the port's outward direction
    gx = [p.point[0] for p in ends]
    gy = [p.point[1] for p in ends]
    box = (min(gx), min(gy), max(gx), max(gy))

    def rest(i: int, j: int) -> float:
        x, y = grid.xs[i], grid.ys[j]
        return max(box[0] - x, 0.0, x - box[2]) + max(box[1] - y, 0.0, y - box[3])

    heap: list[tuple[float, float, int, int, int, int]] = []
    came: dict[tuple[int, int, int], tuple[int, int, int] | None] = {}
    best: dict[tuple[int, int, int], float] = {}
    for s in starts:
        i, j = grid.node(s.point)
        best[(i, j, s.out)] = 0.0
        came[(i, j, s.out)] = None
        heapq.heappush(heap, (rest(i, j), 0.0, i, j, s.out, 0))
    while heap:
        _f, cost, i, j, d, moved = heapq.heappop(heap)
        if cost > best.get((i, j, d), math.inf):
            continue
        if moved and goals.get((i, j)) == d:
            return _corners(grid, came, (i, j, d))
        for nd in range(4):
            if moved and nd == d ^ 1 or not moved and nd != d:
                continue  # no turning back, and out of the start box straight
            step = _step_cost(grid, i, j, nd)
            if step is None:
                continue
            ni, nj = i + DIRS[nd][0], j + DIRS[nd][1]
            total = cost + step + (BEND if nd != d else 0.0)
            if total < best.get((ni, nj, nd), math.inf):
                best[(ni, nj, nd)] = total
                came[(ni, nj, nd)] = (i, j, d)
                heapq.heappush(heap, (total + rest(ni, nj), total, ni, nj, nd, 1))
    return None


def _corners(grid: Grid, came: dict, last: tuple[int, int, int]) -> list[Point]:
    """The path back from `last`, keeping its two ends and the points where it turns."""
    states = []
    state: tuple[int, int, int] | None = last
    while state is not None:
        states.append(state)
        state = came[state]
    states.reverse()
    points = [grid.point(states[0][0], states[0][1])]
    for (i, j, d), (_ni, _nj, nd) in itertools.pairwise(states):
        if nd != d:
            points.append(grid.point(i, j))
    points.append(grid.point(states[-1][0], states[-1][1]))
    return points


def side_ports(b: Box, taken: list[Point], sides: Iterable[int], count: int = 5) -> list[Port]:
    """Candidate ports on the given sides of box `b` (indices into `DIRS`: right, left, bottom, top),
    evenly spread and off the corners, leaving out any within `PORT_GAP` of an arrow end already there.
    (Called with no ends taken it gives every candidate, for the grid to have lines through.)"""
    out = []
    for side in sides:
        horizontal = side < 2
        lo, hi = (b[1], b[3]) if horizontal else (b[0], b[2])
        fixed = (b[2] if side == 0 else b[0]) if horizontal else (b[3] if side == 2 else b[1])
        for k in range(count):
            v = lo + CORNER + (hi - lo - 2 * CORNER) * (k + 0.5) / count
            p = (fixed, v) if horizontal else (v, fixed)
            if all(math.dist(p, q) >= PORT_GAP for q in taken):
                out.append(Port(p, side))
    return out
