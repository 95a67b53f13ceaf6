"""The terms of an offering on its IPO node: raise target, raise (proceeds), offer price and its range,
market value at listing and cornerstone total, read from the company's figures of period `IPO`.

The figures are the facts (each with its sources, modality and every disagreeing value: `kg query
financials` shows them all); the IPO node carries one value per term so that a Cypher or SPARQL user
asks `ipo.proceeds` without walking to the figures. Which figure a term takes is one fixed rule, the
same in every view of the graph (`kg.graph.to_networkx`, the indexed store's subgraphs, Neo4j and RDF,
which are loaded from the view):

- only a company with exactly one IPO gets terms (a figure of period `IPO` does not say which listing
  it belongs to when there are two);
- a stated figure before an estimated one before a planned one, then a point before an approximate
  one before a bound or a range, then the smaller value (a fixed order, so every view agrees);
- each term keeps its bounds and currency: `T` (a point value, absent for a range or a bound),
  `T_low`, `T_high`, `T_currency`; the offer price keeps the IPO's existing `offer_price` and
  `currency` (the final price) and adds `offer_price_low`/`offer_price_high` (the marketed range).

A raise target is never the raise: they are separate terms from separate metrics.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

__all__ = ["TERMS", "ipo_term_props"]

#: metric -> property prefix on the IPO node.
TERMS = {"ipo_raise_target": "raise_target", "ipo_raise": "proceeds", "market_value": "market_value",
         "cornerstone_total": "cornerstone_total"}
_MODALITY = {"stated": 0, "estimated": 1, "planned": 2}
_PRECISION = {"exact": 0, "approx": 1, "lower_bound": 2, "upper_bound": 2, "range": 3, "bucket": 4}


def _rank(figure: Mapping[str, Any]) -> tuple[Any, ...]:
    value = [figure.get(k) for k in ("amount", "amount_low", "amount_high")]
    return (_MODALITY.get(str(figure.get("modality")), 3), _PRECISION.get(str(figure.get("amount_precision")), 5),
            [(v is None, v if v is not None else 0) for v in value], str(figure.get("currency")))


def _best(figures: Iterable[Mapping[str, Any]]) -> Mapping[str, Any] | None:
    return min(figures, key=_rank, default=None)


def ipo_term_props(figures: Iterable[Mapping[str, Any]]) -> dict[str, Any]:
    """The IPO node properties given by one company's figures (attribute dicts of its FinancialFigure
    nodes; those not of period `IPO` are ignored).

    Examples
    --------
    A stated raise beats an estimated one; a marketed price range gives the offer price's bounds,
    and a revenue figure is no term of the offering:

    >>> figures = [
    ...     {"period": "IPO", "metric": "ipo_raise", "amount": 5e8, "amount_precision": "exact",
    ...      "currency": "HKD", "modality": "stated"},
    ...     {"period": "IPO", "metric": "ipo_raise", "amount": 6e8, "amount_precision": "approx",
    ...      "currency": "HKD", "modality": "estimated"},
    ...     {"period": "IPO", "metric": "offer_price", "amount_low": 10.0, "amount_high": 12.0,
    ...      "amount_precision": "range", "currency": "HKD"},
    ...     {"period": "FY2024", "metric": "revenue", "amount": 1e9, "currency": "CNY"}]
    >>> ipo_term_props(figures)
    {'proceeds': 500000000.0, 'proceeds_currency': 'HKD', 'offer_price_low': 10.0, 'offer_price_high': 12.0,
     'currency': 'HKD'}
    """
    own = [f for f in figures if f.get("period") == "IPO" and f.get("currency")]
    if not own:  # most companies (an ipo-pipeline builds thousands of IPOs)
        return {}
    props: dict[str, Any] = {}
    for metric, prefix in TERMS.items():
        best = _best(f for f in own if f.get("metric") == metric)
        if best is None:
            continue
        point = best.get("amount") if best.get("amount_precision") not in ("range", "bucket") else None
        props.update({prefix: point, f"{prefix}_low": best.get("amount_low"), f"{prefix}_high": best.get("amount_high"),
                      f"{prefix}_currency": best.get("currency")})
    prices = [f for f in own if f.get("metric") == "offer_price"]
    final = _best(f for f in prices if f.get("amount") is not None and f.get("amount_precision") == "exact")
    if final is not None:
        props.update({"offer_price": final["amount"], "currency": final["currency"]})
    marketed = _best(f for f in prices if f.get("amount_precision") == "range"
                     and (final is None or f.get("currency") == final.get("currency")))
    if marketed is not None:
        props.update({"offer_price_low": marketed.get("amount_low"), "offer_price_high": marketed.get("amount_high")})
        props.setdefault("currency", marketed.get("currency"))
    return {k: v for k, v in props.items() if v is not None}
