"""The investor network: investors and the companies they put money in, one edge per investment.

One `NetworkView` feeds the interactive page (`kg.viz.network_page`, laid out in the browser by the
fcose force-directed layout) and the static SVG/PNG (`kg.viz.network_svg`, drawn from the positions that
layout produced), so a report shows the picture the analyst explored. Every node is a box sized to its
wrapped name, so "no two boxes overlap" also means "no two labels overlap"; state capital is red whatever
else is true of it, and the entity asked about is marked by an outline, never by a fill.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field
from typing import Any

import networkx as nx

from kg.regions import canonical_region
from kg.terms import C, R

#: Fill colours by kind; the legend and the SVG use the same ones.
KINDS: dict[str, tuple[str, str]] = {
    "company": ("#4a78b5", "company"),
    "investor": ("#2f8f6f", "private investor"),
    "state": ("#d0342c", "state capital (StateOwnedFund)"),
}
FOCUS_OUTLINE = "#111111"
FONT_PX = 12
LINE_PX = 16
PAD_X, PAD_Y = 12, 8
#: A name wraps after this many ems (CJK characters are one em, Latin letters about 0.6).
WRAP_EMS = 8.0


def em_width(text: str) -> float:
    """Width of `text` in ems, erring wide so a real font's glyphs stay inside the box."""
    return sum(1.0 if ord(ch) > 0x2E80 else 0.62 if ch.isupper() else 0.56 for ch in text)


def wrap_name(name: str, limit: float = WRAP_EMS) -> list[str]:
    """Lines of at most `limit` ems: Latin text breaks at spaces, Chinese anywhere (it has no spaces);
    long names (北京市人工智能产业投资基金) become two or three lines instead of a tiny font."""
    lines: list[str] = []
    current = ""
    for token in _tokens(name):
        if current and em_width(current + token) > limit:
            lines.append(current.rstrip())
            current = token.lstrip()
        else:
            current += token
    if current.strip():
        lines.append(current.rstrip())
    return lines or [name]


def _tokens(name: str) -> list[str]:
    """Words for Latin text (a space kept in front), single characters for CJK."""
    tokens: list[str] = []
    for ch in name:
        if ord(ch) > 0x2E80 or not tokens or ch == " " or ord(tokens[-1][-1]) > 0x2E80:
            tokens.append(ch)
        else:
            tokens[-1] += ch
    merged: list[str] = []
    for token in tokens:  # glue a lone space to the word after it
        if merged and merged[-1] == " ":
            merged[-1] += token
        else:
            merged.append(token)
    return merged


@dataclass
class NetworkNode:
    id: str
    name: str
    kind: str  # company, investor or state
    lines: list[str]
    width: float
    height: float
    focus: bool = False
    aliases: list[str] = field(default_factory=list)
    region: str | None = None
    x: float = 0.0
    y: float = 0.0


@dataclass
class NetworkEdge:
    source: str
    target: str
    round: str | None
    date: str | None
    amount: float | None
    currency: str | None
    role: str | None
    sources: list[str]
    width: float = 1.5


@dataclass
class NetworkView:
    """Nodes and investments of one picture, plus what it was asked for (for the title)."""

    title: str
    nodes: list[NetworkNode] = field(default_factory=list)
    edges: list[NetworkEdge] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"title": self.title, "nodes": [asdict(n) for n in self.nodes],
                "edges": [asdict(e) for e in self.edges],
                "kinds": {k: {"color": c, "label": label} for k, (c, label) in KINDS.items()}}


@dataclass(frozen=True)
class Filters:
    """Which investments a whole-graph view keeps: years (inclusive), rounds, state or private capital,
    the investor's region (any spelling `kg.regions` knows)."""

    since: int | None = None
    until: int | None = None
    rounds: tuple[str, ...] = ()
    capital: str = "all"  # all, state or private
    region: str | None = None

    def keeps(self, graph: nx.MultiDiGraph, investor: str, edge: dict[str, Any]) -> bool:
        return self.keeps_deal(edge) and self.keeps_investor(graph, investor)

    @property
    def picks_investors(self) -> bool:
        """Do these filters keep some investors only (by capital or region)?"""
        return self.capital != "all" or self.region is not None

    def keeps_deal(self, edge: dict[str, Any]) -> bool:
        """The investment's own conditions: its year and round."""
        year = _year(edge.get("date"))
        if (self.since is not None or self.until is not None) and year is None:
            return False
        if self.since is not None and year is not None and year < self.since:
            return False
        if self.until is not None and year is not None and year > self.until:
            return False
        return not self.rounds or str(edge.get("round")).casefold() in {r.casefold() for r in self.rounds}

    def keeps_investor(self, graph: nx.MultiDiGraph, investor: str) -> bool:
        """The investor's conditions: state or private capital, its region."""
        state = _is_state(graph, investor)
        if (self.capital == "state" and not state) or (self.capital == "private" and state):
            return False
        return self.region is None or graph.nodes[investor].get("region") == canonical_region(self.region)


def _year(date: Any) -> int | None:
    text = str(date or "")
    return int(text[:4]) if text[:4].isdigit() else None


def _is_state(graph: nx.MultiDiGraph, node: str) -> bool:
    return C.StateOwnedFund in graph.nodes[node].get("labels", [])


def _investments(graph: nx.MultiDiGraph) -> list[tuple[str, str, dict[str, Any]]]:
    return [(s, t, d) for s, t, d in graph.edges(data=True) if d.get("type") == R.INVESTED_IN]


def _node(graph: nx.MultiDiGraph, node: str, kind: str, focus: bool) -> NetworkNode:
    data = graph.nodes[node]
    name = str(data.get("name", node))
    lines = wrap_name(name)
    width = max(em_width(line) for line in lines) * FONT_PX + 2 * PAD_X
    return NetworkNode(id=node, name=name, kind=kind, lines=lines, width=round(max(width, 48.0), 1),
                       height=len(lines) * LINE_PX + 2 * PAD_Y, focus=focus, aliases=list(data.get("aliases", [])),
                       region=data.get("region"))


def edge_width(amount: float | None) -> float:
    """Line width by the amount's order of magnitude (1 for none known, up to 7 for ten billion and more)."""
    if not amount or amount <= 0:
        return 1.5
    return round(min(7.0, max(1.5, 1.5 + (math.log10(amount) - 6) * 1.4)), 2)


def build_view(graph: nx.MultiDiGraph, deals: list[tuple[str, str, dict[str, Any]]], title: str,
               focus: str | None = None) -> NetworkView:
    """A view of the given investments; an organisation both invested in and investing is drawn once,
    as an investor (its colour says what kind of capital it is)."""
    investors = {s for s, _t, _d in deals}
    companies = {t for _s, t, _d in deals} - investors
    view = NetworkView(title=title)
    for node in sorted(investors | companies, key=lambda n: (str(graph.nodes[n].get("name", n)), n)):
        kind = "company" if node in companies else "state" if _is_state(graph, node) else "investor"
        view.nodes.append(_node(graph, node, kind, node == focus))
    if focus is not None and focus not in investors | companies:
        view.nodes.append(_node(graph, focus, "state" if _is_state(graph, focus) else "company", True))
    for source, target, data in sorted(deals, key=lambda d: (d[0], d[1], str(d[2].get("round")), d[2].get("id", ""))):
        view.edges.append(NetworkEdge(source, target, data.get("round"), data.get("date"), data.get("amount"),
                                      data.get("currency"), data.get("role"), list(data.get("sources", [])),
                                      edge_width(data.get("amount"))))
    return view


def investors_view(graph: nx.MultiDiGraph, entity: str) -> NetworkView:
    """Around an investor: its portfolio and every investment into those companies (its co-investors).
    Around a company: its investors."""
    deals = _investments(graph)
    portfolio = {t for s, t, _d in deals if s == entity}
    companies = portfolio or {entity}
    name = graph.nodes[entity].get("name", entity)
    return build_view(graph, [d for d in deals if d[1] in companies], f"Investors around {name}", focus=entity)


def network_view(graph: nx.MultiDiGraph, filters: Filters | None = None) -> NetworkView:
    """The whole investment network, narrowed by `filters`."""
    filters = filters or Filters()
    deals = [(s, t, d) for s, t, d in _investments(graph) if filters.keeps(graph, s, d)]
    return build_view(graph, deals, "Investment network")
