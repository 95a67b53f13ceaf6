"""`financials COMPANY`: the company's reported figures as a metric x period table.

Each row is one value of one metric for one period (and basis), with every article that stated it
and how it was put (stated, planned, estimated). The same figure read from several articles, or in
two names of the company ("云岫智能", "Yunxiu Intelligence"), is shown once with all its sources; when
articles give different values for the same metric and period, each value gets its own row, marked
`disagreement` unless they may be one number rounded ("约3亿元" and "3.12亿元" agree, "3.12亿元" and
"3.2亿元" do not: the rule is `kg.agreement`), so a reader sees the conflict rather than one
silently chosen number (values in different currencies are shown side by side, unmarked: kg has no
exchange rates).

Both backends compute the same raw rows (one per FinancialFigure node FIGURE_OF the company: the
`.cypher` file on Neo4j, `figure_rows` on the view) and pass them through `table`, so the merge and
the order are one piece of Python and cannot drift apart.

As of a date (`kg.queries.asof`), the figures reported by then, each with the articles published by then
that state it: a value first reported later, and the disagreement it makes, is not there yet.
`ipo-pipeline` and `compare` read the figures reported by then the same way.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import networkx as nx

from kg.agreement import agree
from kg.period_order import period_sort_key
from kg.queries.asof import holds, reported_by
from kg.terms import C, R

Rows = list[dict[str, Any]]

#: The order metrics are listed in: income statement, then balance sheet, then deal terms.
METRIC_ORDER = ("revenue", "revenue_growth", "net_profit", "net_profit_growth", "net_loss", "net_loss_growth",
                "adjusted_loss", "adjusted_loss_growth", "rd_expense", "rd_expense_growth", "cumulative_loss",
                "cash", "paying_users", "users", "mau", "customers", "valuation", "market_value",
                "ipo_raise_target", "ipo_raise", "offer_price", "cornerstone_total")


def figure_rows(graph: nx.MultiDiGraph, id: str, as_of: str | None = None) -> Rows:
    """One raw row per FinancialFigure node FIGURE_OF `id` (what `financials.cypher` returns); as of a
    date, the figures reported by then (`kg.queries.asof`: a FIGURE_OF edge is dated by its first report),
    each with the articles published by then that state it."""
    rows: Rows = []
    if id not in graph:
        return rows
    for figure, _target, edge in graph.in_edges(id, data=True):
        if edge.get("type") != R.FIGURE_OF or C.FinancialFigure not in graph.nodes[figure].get("labels", []):
            continue
        if not holds(graph, edge, as_of):
            continue
        node = graph.nodes[figure]
        rows.append({"metric": node.get("metric"), "period": node.get("period"), "basis": node.get("basis"),
                     "amount": node.get("amount"), "low": node.get("amount_low"), "high": node.get("amount_high"),
                     "currency": node.get("currency"), "unit": node.get("unit"),
                     "precision": node.get("amount_precision"), "raw": node.get("amount_raw"),
                     "modality": node.get("modality"),
                     "sources": reported_by(graph, edge.get("sources"), as_of)})
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
        value = (row["amount"], row["low"], row["high"], row["currency"], row.get("unit"))
        key = (row["metric"], row["period"], row["basis"], *value)
        cell = cells.setdefault(key, {"metric": row["metric"], "period": row["period"], "basis": row["basis"],
                                      "amount": row["amount"], "low": row["low"], "high": row["high"],
                                      "currency": row["currency"], "unit": row.get("unit"),
                                      "precisions": set(), "raws": set(),
                                      "modalities": set(), "sources": set()})
        for field, target in (("precision", "precisions"), ("raw", "raws"), ("modality", "modalities")):
            if row.get(field) is not None:
                cell[target].add(str(row[field]))
        cell["sources"].update(row.get("sources") or [])
    out = []
    groups: dict[tuple[Any, ...], Rows] = defaultdict(list)
    for key, cell in cells.items():
        row = {
            "metric": cell["metric"], "period": cell["period"], "basis": cell["basis"], "amount": cell["amount"],
            "low": cell["low"], "high": cell["high"], "currency": cell["currency"], "unit": cell["unit"],
            "precision": ", ".join(sorted(cell["precisions"])) or None, "as_written": sorted(cell["raws"]),
            "modality": ", ".join(sorted(cell["modalities"])) or None, "sources": sorted(cell["sources"]),
            "disagreement": False,
        }
        out.append(row)
        groups[(*key[:3], *key[6:])].append(row)  # two currencies are not compared (no exchange rates)
    for group in groups.values():  # rounded values that may be the same number agree (kg.agreement)
        for row in group:
            row["disagreement"] = any(not agree(row, other) for other in group if other is not row)
    out.sort(key=lambda r: (_metric_rank(r["metric"]), period_sort_key(str(r["period"] or "")),
                            str(r["basis"] or ""), str(r["currency"] or r["unit"] or ""), _number(r["amount"]),
                            _number(r["low"]), _number(r["high"])))
    return out


def financials(graph: nx.MultiDiGraph, id: str, as_of: str | None = None) -> Rows:
    """The embedded twin of `financials.cypher` followed by `table`; as of a date, the figures reported by
    then with the articles that had (a value reported later, and so a disagreement it makes, is not there
    yet)."""
    return table(figure_rows(graph, id, as_of))



# -- IPO terms (`ipo-pipeline`) ----------------------------------------------------------------------

#: The figures `ipo-pipeline` shows, as (metric, column). A raise target (计划募资) has its own column
#: and is never shown as the raise.
IPO_TERMS = (("ipo_raise_target", "raise_target"), ("ipo_raise", "raise"), ("valuation", "valuation"),
             ("offer_price", "offer_price"), ("market_value", "market_value"),
             ("cornerstone_total", "cornerstone_total"))
IPO_METRICS = tuple(metric for metric, _column in IPO_TERMS)


def company_figures(graph: nx.MultiDiGraph, company: str, metrics: tuple[str, ...],
                    as_of: str | None = None) -> Rows:
    """The `metrics` figures FIGURE_OF `company` as the maps `ipo-pipeline.cypher` collects (any order);
    as of a date, those reported by then (`kg.queries.asof`)."""
    out: Rows = []
    if company not in graph:
        return out
    for figure, _target, edge in graph.in_edges(company, data=True):
        node = graph.nodes[figure]
        if (edge.get("type") != R.FIGURE_OF or C.FinancialFigure not in node.get("labels", [])
                or node.get("metric") not in metrics or not holds(graph, edge, as_of)):
            continue
        out.append({"metric": node.get("metric"), "period": node.get("period"), "amount": node.get("amount"),
                    "low": node.get("amount_low"), "high": node.get("amount_high"),
                    "precision": node.get("amount_precision"), "currency": node.get("currency"),
                    "modality": node.get("modality")})
    return out


def _num(value: Any) -> str:
    number = float(value)
    if number.is_integer():
        return f"{int(number):,}"
    return f"{number:,.4f}".rstrip("0").rstrip(".")


def format_value(figure: dict[str, Any]) -> str:
    """A figure's value for reading: `~500,000,000 USD`, `600,000,000-700,000,000 USD`, `over 3,100,000,000
    CNY`, `68 HKD` (bounds kept as written: a range is never collapsed to one number)."""
    amount, low, high, precision = figure.get("amount"), figure.get("low"), figure.get("high"), figure.get("precision")
    if precision in ("range", "bucket") or (amount is None and low is not None and high is not None):
        text = f"{_num(low)}-{_num(high)}" if low is not None and high is not None else _num(low if low is not None
                                                                                            else high)
    elif precision == "lower_bound" or (amount is None and low is not None):
        text = f"over {_num(amount if amount is not None else low)}"
    elif precision == "upper_bound" or (amount is None and high is not None):
        text = f"under {_num(amount if amount is not None else high)}"
    elif amount is not None:
        text = ("~" if precision == "approx" else "") + _num(amount)
    else:
        text = "?"
    if figure.get("unit") == "percent":  # a change: its sign always shown
        return f"{'+' if amount is not None and float(amount) >= 0 else ''}{text}%"
    return f"{text} {figure.get('currency') or ''}".rstrip()


def term_text(figures: Rows, metric: str) -> str | None:
    """What `ipo-pipeline` shows for one metric: the values of its latest period (several articles'
    different values joined by `; `), each with its modality when not plainly stated and its as-of
    date when it has one; None when the company has no such figure."""
    own = [f for f in figures if f.get("metric") == metric]
    if not own:
        return None
    latest = max(period_sort_key(str(f.get("period") or "")) for f in own)
    texts = set()
    for figure in own:
        if period_sort_key(str(figure.get("period") or "")) != latest:
            continue
        notes = []
        if figure.get("modality") not in (None, "stated") and metric != "ipo_raise_target":
            notes.append(str(figure["modality"]))
        if figure.get("period") not in (None, "IPO"):
            notes.append(f"as of {figure['period']}")
        texts.add(format_value(figure) + (f" ({', '.join(notes)})" if notes else ""))
    return "; ".join(sorted(texts))


def ipo_terms(rows: Rows, _params: dict[str, Any] | None = None) -> Rows:
    """`ipo-pipeline`'s rows with their `figures` (the company's IPO-term figures) replaced by one column
    per term: raise_target, raise, valuation, offer_price (see `term_text`)."""
    out = []
    for row in rows:
        figures = row.get("figures") or []
        shown = {k: v for k, v in row.items() if k != "figures"}
        out.append({**shown, **{column: term_text(figures, metric) for metric, column in IPO_TERMS}})
    return out


# -- compare A B ... ---------------------------------------------------------------------------------


def compare_rows(graph: nx.MultiDiGraph, ids: list[str], as_of: str | None = None) -> Rows:
    """What `compare.cypher` returns: per company (in `ids` order), one row per figure FIGURE_OF it
    (reported by `as_of`, when given), or one row of nulls when it has none (so that its name is still
    known)."""
    rows: Rows = []
    blank = {"metric": None, "period": None, "basis": None, "amount": None, "low": None, "high": None,
             "precision": None, "currency": None, "unit": None, "modality": None}
    for company in ids:
        if company not in graph:
            continue
        name = graph.nodes[company].get("name")
        figures = [{k: f.get(k) for k in blank} for f in figure_rows(graph, company, as_of)]
        rows += [{"company_id": company, "company": name, **figure} for figure in figures or [blank]]
    return rows


def _company_column(name: Any, company: str, names: list[Any]) -> str:
    return str(name) if names.count(name) == 1 and name is not None else f"{name} ({company})"


def compare_table(rows: Rows, params: dict[str, Any]) -> Rows:
    """The `compare` table: one row per metric (in `METRIC_ORDER`), one column per company (its name,
    in the order asked), each cell the value of that company's latest period for the metric with its
    currency and period (and basis and modality when stated otherwise; several articles' different
    values joined by `; `), None when the company reported no such figure."""
    ids = list(params["ids"])
    names_of = {row["company_id"]: row["company"] for row in rows}
    names = [names_of.get(c) for c in ids]
    columns = {c: _company_column(names_of.get(c), c, names) for c in ids}
    figures: dict[tuple[str, str], Rows] = defaultdict(list)
    for row in rows:
        if row.get("metric") is not None:
            figures[(str(row["metric"]), row["company_id"])].append(row)
    out = []
    for metric in sorted({m for m, _c in figures}, key=_metric_rank):
        cells: dict[str, Any] = {"metric": metric}
        for company in ids:
            own = figures.get((metric, company), [])
            cells[columns[company]] = _cell(own) if own else None
        out.append(cells)
    return out


def _cell(figures: Rows) -> str:
    latest = max(period_sort_key(str(f.get("period") or "")) for f in figures)
    texts = set()
    for figure in figures:
        if period_sort_key(str(figure.get("period") or "")) != latest:
            continue
        notes = [str(figure.get("period"))]
        notes += [str(figure[k]) for k in ("basis", "modality") if figure.get(k) not in (None, "stated")]
        texts.add(f"{format_value(figure)} ({', '.join(notes)})")
    return "; ".join(sorted(texts))


def compare(graph: nx.MultiDiGraph, ids: list[str], as_of: str | None = None) -> Rows:
    """The embedded twin of `compare.cypher` followed by `compare_table`; as of a date, each company's
    latest figures among those reported by then."""
    return compare_table(compare_rows(graph, ids, as_of), {"ids": ids})
