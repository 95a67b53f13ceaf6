"""`financials COMPANY`: the company's reported figures as a metric x period table.

Each row is one value of one metric for one period (and basis), with every article that stated it
and how it was put (stated, planned, estimated). The same figure read from several articles, or in
two names of the company ("云岫智能", "Yunxiu Intelligence"), is shown once with all its sources; when
articles give different values for the same metric and period, each value gets its own row, marked
`disagreement`, so a reader sees the conflict rather than one silently chosen number (values in
different currencies are shown side by side, unmarked: kg has no exchange rates).

Both backends compute the same raw rows (one per FinancialFigure node FIGURE_OF the company: the
`.cypher` file on Neo4j, `figure_rows` on the view) and pass them through `table`, so the merge and
the order are one piece of Python and cannot drift apart.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import networkx as nx

from kg.extract.periods import period_sort_key

Rows = list[dict[str, Any]]

#: The order metrics are listed in: income statement, then balance sheet, then deal terms.
METRIC_ORDER = ("revenue", "net_profit", "net_loss", "adjusted_loss", "rd_expense", "cumulative_loss", "cash",
                "valuation", "market_value", "ipo_raise_target", "ipo_raise", "offer_price")


def figure_rows(graph: nx.MultiDiGraph, id: str) -> Rows:
    """One raw row per FinancialFigure node FIGURE_OF `id` (what `financials.cypher` returns)."""
    rows: Rows = []
    if id not in graph:
        return rows
    for figure, _target, edge in graph.in_edges(id, data=True):
        if edge.get("type") != "FIGURE_OF" or "FinancialFigure" not in graph.nodes[figure].get("labels", []):
            continue
        node = graph.nodes[figure]
        rows.append({"metric": node.get("metric"), "period": node.get("period"), "basis": node.get("basis"),
                     "amount": node.get("amount"), "low": node.get("amount_low"), "high": node.get("amount_high"),
                     "currency": node.get("currency"), "precision": node.get("amount_precision"),
                     "raw": node.get("amount_raw"), "modality": node.get("modality"),
                     "sources": edge.get("sources") or []})
    return rows


def _metric_rank(metric: Any) -> tuple[int, str]:
    text = str(metric or "")
    return (METRIC_ORDER.index(text) if text in METRIC_ORDER else len(METRIC_ORDER), text)


def _number(value: Any) -> float:
    return -1.0 if value is None else float(value)


def table(rows: Rows, _params: dict[str, Any] | None = None) -> Rows:
    """Merge raw figure rows into the metric x period table (see the module docstring)."""
    cells: dict[tuple[Any, ...], dict[str, Any]] = {}
    for row in rows:
        value = (row["amount"], row["low"], row["high"], row["currency"])
        key = (row["metric"], row["period"], row["basis"], *value)
        cell = cells.setdefault(key, {"metric": row["metric"], "period": row["period"], "basis": row["basis"],
                                      "amount": row["amount"], "low": row["low"], "high": row["high"],
                                      "currency": row["currency"], "precisions": set(), "raws": set(),
                                      "modalities": set(), "sources": set()})
        for field, target in (("precision", "precisions"), ("raw", "raws"), ("modality", "modalities")):
            if row.get(field) is not None:
                cell[target].add(str(row[field]))
        cell["sources"].update(row.get("sources") or [])
    values: dict[tuple[Any, ...], int] = defaultdict(int)
    for key in cells:  # values in two currencies are not compared (no exchange rates here)
        values[(*key[:3], key[6])] += 1
    out = []
    for key, cell in cells.items():
        out.append({
            "metric": cell["metric"], "period": cell["period"], "basis": cell["basis"], "amount": cell["amount"],
            "low": cell["low"], "high": cell["high"], "currency": cell["currency"],
            "precision": ", ".join(sorted(cell["precisions"])) or None, "as_written": sorted(cell["raws"]),
            "modality": ", ".join(sorted(cell["modalities"])) or None, "sources": sorted(cell["sources"]),
            "disagreement": values[(*key[:3], key[6])] > 1,
        })
    out.sort(key=lambda r: (_metric_rank(r["metric"]), period_sort_key(str(r["period"] or "")),
                            str(r["basis"] or ""), str(r["currency"] or ""), _number(r["amount"]),
                            _number(r["low"]), _number(r["high"])))
    return out


def financials(graph: nx.MultiDiGraph, id: str) -> Rows:
    """The embedded twin of `financials.cypher` followed by `table`."""
    return table(figure_rows(graph, id))

