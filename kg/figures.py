"""What makes two reported figures one fact: the same company, metric, period, basis and value (with
its currency or unit).

Extraction keys a figure by the company as the article names it; resolution keys it again by the
company's resolved id (`kg.resolve`), so the same value reported under two names of one company
("岚峰智能" in one article, "Lanfeng Intelligence" in another) is one FinancialFigure node with both
sources. Both use this one function, so the two keys cannot drift apart in form.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from kg.names import short_hash

__all__ = ["figure_key"]


def figure_key(company: str, attrs: Mapping[str, Any]) -> str:
    """The key of a figure of `company` (a name or an id) with these FinancialFigure attributes.

    Examples
    --------
    The same value of the same metric and period is the same figure, whatever else the article says of it:

    >>> revenue = {"metric": "revenue", "period": "FY2024", "amount": 3e8, "currency": "CNY"}
    >>> figure_key("organization:zhipu", revenue)
    'figure-f3e8592ed5cc1c6f'
    >>> figure_key("organization:zhipu", {**revenue, "modality": "stated"}) == figure_key("organization:zhipu", revenue)
    True
    >>> figure_key("organization:zhipu", {**revenue, "period": "FY2025"}) == figure_key("organization:zhipu", revenue)
    False
    """
    if attrs.get("amount") is not None and attrs.get("amount_precision") not in ("range", "bucket"):
        value = f"{attrs['amount']}"
    else:
        low, high = attrs.get("amount_low"), attrs.get("amount_high")
        value = f"{low if low is not None else ''}-{high if high is not None else ''}"
    parts = [company, attrs.get("metric") or "", attrs.get("period") or "", attrs.get("basis") or "", value,
             attrs.get("currency") or ""]
    unit = attrs.get("unit")
    return "figure-" + short_hash(*parts, *([unit] if unit else []), length=16)  # money keys as before units
