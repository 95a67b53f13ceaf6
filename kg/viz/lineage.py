"""The lineage view: which companies descend from which, laid out by generation.

One `LineageView` (nodes with generation, year, kind and position; edges with the people who carried
the lineage) feeds every output — the interactive HTML page, the SVG and the PNG — so they always
show the same picture.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from kg.spinoffs import LINEAGE_TYPES
from kg.terms import C, R
from kg.viz.lineage_layout import COLUMN_WIDTH, layout
from kg.viz.lineage_text import label, text_width

__all__ = ["KINDS", "LineageEdge", "LineageNode", "LineageView", "column_labels", "column_x", "lineage_view",
           "text_width"]

#: Node kinds in legend order, with their colours; state capital stands out in red.
KINDS: dict[str, tuple[str, str]] = {
    "root": ("#1f4e99", "the organisation you asked about"),
    "company": ("#4a90d9", "company"),
    "university": ("#8e6bbf", "university or research lab"),
    "state": ("#d62828", "state-owned investor"),
    "investor": ("#f4a261", "private investor"),
    "organization": ("#7f8c8d", "other organisation"),
}


@dataclass
class LineageNode:
    id: str
    name: str
    kind: str
    generation: int
    year: str | None
    aliases: list[str]
    sources: list[str]
    via: list[str] = field(default_factory=list)  # who carried the lineage here (its spin-off edges' people)
    anchor: str | None = None  # an investor is listed under this company
    x: float = 0.0
    y: float = 0.0
    w: float = 0.0  # the box's size, set by the layout: taller than usual when a long name wraps
    h: float = 0.0

    def lines(self) -> list[str]:
        """The text in its box: the name (on two lines if long), then year and the people who left to
        found it (`kg.viz.lineage_text`)."""
        return [text for text, _size in label(self)]

    def font_sizes(self) -> list[int]:
        """A font per line, never under `MIN_FONT`: long text wraps rather than shrinks."""
        return [size for _text, size in label(self)]


@dataclass
class LineageEdge:
    source: str  # the child (spin-off) or the investor
    target: str  # the parent or the company invested in
    type: str  # SPUN_OFF_FROM (stated), FOUNDED_BY_ALUMNI_OF (derived) or INVESTED_IN
    via: list[str]
    date: str | None
    derived: bool
    sources: list[str]
    points: list[tuple[float, float]] = field(default_factory=list)  # from source to target, arrow at the end


@dataclass
class LineageView:
    """Nodes in columns (`generation`) with positions, and the edges between them.

    `column_names` replaces the default "generation N · years" headings (the investor view uses it).
    """

    root: str
    nodes: list[LineageNode] = field(default_factory=list)
    edges: list[LineageEdge] = field(default_factory=list)
    column_names: dict[int, str] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        nodes = [{**vars(n), "lines": n.lines(), "fonts": n.font_sizes()} for n in self.nodes]
        return {"root": self.root, "kinds": {k: {"color": c, "label": label} for k, (c, label) in KINDS.items()},
                "nodes": nodes, "edges": [vars(e) for e in self.edges]}


def _kind(labels: list[str], is_root: bool) -> str:
    if is_root:
        return "root"
    if C.StateOwnedFund in labels:
        return "state"
    if C.University in labels or C.ResearchInstitute in labels:
        return "university"
    if C.Company in labels:
        return "company"
    if C.Investor in labels:
        return "investor"
    return "organization"


def _spinoff_edges(graph: nx.MultiDiGraph) -> list[tuple[str, str, dict[str, Any]]]:
    """The lineage's links: stated spin-offs and founder lineages derived from careers."""
    return [(s, t, d) for s, t, d in graph.edges(data=True) if d.get("type") in LINEAGE_TYPES]


def _generations(graph: nx.MultiDiGraph, root: str, depth: int | None) -> dict[str, int]:
    """Generation of every company reachable from `root`: descendants positive, ancestors negative."""
    children: dict[str, set[str]] = {}
    parents: dict[str, set[str]] = {}
    for child, parent, _d in _spinoff_edges(graph):
        children.setdefault(parent, set()).add(child)
        parents.setdefault(child, set()).add(parent)
    generation = {root: 0}
    for links, step in ((children, 1), (parents, -1)):
        queue = deque([root])
        while queue:
            node = queue.popleft()
            if depth is not None and abs(generation[node]) >= depth:
                continue
            for nxt in sorted(links.get(node, ())):
                if nxt not in generation:
                    generation[nxt] = generation[node] + step
                    queue.append(nxt)
    return generation


def _year(graph: nx.MultiDiGraph, node: str) -> str | None:
    """Founding or departure year: the earliest date on its spin-off or founding edges."""
    dates = [d["date"] for _s, _t, d in graph.in_edges(node, data=True) if d.get("type") == R.FOUNDED
             and d.get("date")]
    dates += [d["date"] for _s, _t, d in graph.out_edges(node, data=True) if d.get("type") in LINEAGE_TYPES
              and d.get("date")]
    return min(dates)[:4] if dates else None


def _people_names(graph: nx.MultiDiGraph, edge: dict) -> list[str]:
    """The names of the people a lineage edge runs through (`via` holds their ids)."""
    via = edge.get("via") or []
    return [graph.nodes[p].get("name", p) if p in graph else p for p in ([via] if isinstance(via, str) else via)]


def lineage_view(graph: nx.MultiDiGraph, root: str, *, depth: int | None = None,
                 with_investors: bool = False) -> LineageView:
    """The lineage around `root` (an entity id), every generation unless `depth` cuts it."""
    generation = _generations(graph, root, depth)
    view = LineageView(root=root)
    for node, gen in generation.items():
        data = graph.nodes[node]
        view.nodes.append(LineageNode(
            id=node, name=data.get("name", node), kind=_kind(data.get("labels", []), node == root),
            generation=gen, year=_year(graph, node), aliases=list(data.get("aliases", [])),
            sources=sorted({s for _a, _b, d in graph.edges(node, data=True) for s in d.get("sources", [])}),
        ))
    for child, parent, d in _spinoff_edges(graph):
        if child in generation and parent in generation:
            view.edges.append(LineageEdge(child, parent, d["type"], _people_names(graph, d), d.get("date"),
                                          bool(d.get("derived")), list(d.get("sources", []))))
    via: dict[str, list[str]] = {}
    for edge in view.edges:
        via.setdefault(edge.source, []).extend(p for p in edge.via if p not in via.get(edge.source, []))
    for lineage_node in view.nodes:
        lineage_node.via = via.get(lineage_node.id, [])
    if with_investors:
        _add_investors(graph, view, generation)
    layout(view)
    view.nodes.sort(key=lambda n: (n.generation, n.y, n.id))
    view.edges.sort(key=lambda e: (e.type in LINEAGE_TYPES, e.source, e.target, e.type))  # investments first, as ever
    return view


def _add_investors(graph: nx.MultiDiGraph, view: LineageView, generation: dict[str, int]) -> None:
    present = {n.id for n in view.nodes}
    for investor, company, d in graph.edges(data=True):
        if d.get("type") != R.INVESTED_IN or company not in generation:
            continue
        if investor not in present:
            data = graph.nodes[investor]
            view.nodes.append(LineageNode(
                id=investor, name=data.get("name", investor),
                kind="state" if C.StateOwnedFund in data.get("labels", []) else "investor",
                generation=generation[company], year=None, aliases=list(data.get("aliases", [])),
                sources=list(d.get("sources", [])), anchor=company))
            present.add(investor)
        view.edges.append(LineageEdge(investor, company, R.INVESTED_IN, [], d.get("date"), False,
                                      list(d.get("sources", []))))


def column_x(view: LineageView) -> dict[int, float]:
    """Where each column's heading goes: above its first lane of companies."""
    return {n.generation: n.generation * COLUMN_WIDTH for n in view.nodes}


def column_labels(view: LineageView) -> dict[int, str]:
    """Heading of each column: its name, or the generation with the span of years its companies were
    founded or split off (the time axis of a lineage)."""
    spans: dict[int, list[str]] = {}
    for node in view.nodes:
        if node.year and node.kind not in {"state", "investor"}:
            spans.setdefault(node.generation, []).append(node.year)
    labels = {}
    for gen in sorted({n.generation for n in view.nodes}):
        if gen in view.column_names:
            labels[gen] = view.column_names[gen]
            continue
        label = f"generation {gen:+d}" if gen else "generation 0"
        if gen in spans:
            years = spans[gen]
            label += f" · {min(years) if min(years) == max(years) else f'{min(years)}–{max(years)}'}"
        labels[gen] = label
    return labels
