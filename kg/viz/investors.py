"""The co-investment network around an entity, drawn with the lineage renderers.

Two columns: investors on the left, the companies they put money in on the right. For an investor the
companies are its portfolio and the investors are everyone who invested beside it; for a company they
are its investors and their other deals stay out, so the picture stays about the entity asked for.
"""

from __future__ import annotations

import networkx as nx

from kg.viz.lineage import COLUMN_WIDTH, ROW_HEIGHT, LineageEdge, LineageNode, LineageView

INVESTOR_COLUMN, COMPANY_COLUMN = 0, 1
INVESTORS_INTRO = ("Investors on the left, the companies they invested in on the right; state capital in red. "
                   "Hover for round, date and sources, scroll to zoom, drag to pan.")


def _invested(graph: nx.MultiDiGraph) -> list[tuple[str, str, dict]]:
    return [(s, t, d) for s, t, d in graph.edges(data=True) if d.get("type") == "INVESTED_IN"]


def investors_view(graph: nx.MultiDiGraph, entity: str) -> LineageView:
    """The investor-company network around `entity` (an id), laid out in two columns."""
    deals = _invested(graph)
    portfolio = {t for s, t, _ in deals if s == entity}
    companies = portfolio or {entity}
    edges = [(s, t, d) for s, t, d in deals if t in companies]
    investors = sorted({s for s, _t, _d in edges}, key=lambda n: graph.nodes[n].get("name", n))
    view = LineageView(root=entity, column_names={INVESTOR_COLUMN: "investors", COMPANY_COLUMN: "companies"})
    for column, members in ((INVESTOR_COLUMN, investors),
                            (COMPANY_COLUMN, sorted(companies, key=lambda n: graph.nodes[n].get("name", n)))):
        spacing = ROW_HEIGHT * (0.55 if column == INVESTOR_COLUMN else 1.0)
        for row, node in enumerate(members):
            data = graph.nodes[node]
            labels = data.get("labels", [])
            if node == entity:
                kind = "root"
            elif column == COMPANY_COLUMN:
                kind = "company"
            else:
                kind = "state" if "StateOwnedFund" in labels else "investor"
            view.nodes.append(LineageNode(
                id=node, name=data.get("name", node), kind=kind, generation=column, year=None,
                aliases=list(data.get("aliases", [])),
                sources=sorted({src for _a, _b, d in graph.edges(node, data=True) for src in d.get("sources", [])}),
                x=column * COLUMN_WIDTH * 1.6, y=row * spacing))
    for investor, company, d in sorted(edges, key=lambda e: (e[0], e[1], str(e[2].get("round")))):
        round_label = [f"{d['round']} round"] if d.get("round") else []
        view.edges.append(LineageEdge(investor, company, "INVESTED_IN", round_label, d.get("date"), False,
                                      list(d.get("sources", []))))
    return view
