"""When two articles' values for one metric and period agree: the rule `kg query financials` marks
`disagreement` by.

News rounds: one article writes "约3亿元", the prospectus "3.12亿元". Calling that a conflict would bury
the real ones, and calling every nearby pair agreeing would hide them, so the rule is fixed and
stated:

- a number stands for every value that rounds to it at its last written non-zero digit: "3.12亿" for
  3.115亿..3.125亿, "约3亿" for 2.5亿..3.5亿, "40亿" for 35亿..45亿, "$53.4 million" for 53.35..53.45
  million ("约" widens nothing: the digits written are the precision);
- a lower bound ("超3亿", "more than") stands for everything from it up, an upper bound ("近3亿") for
  everything up to it, a range ("6-7亿") for its span, widened at its ends by the same rounding;
- two values agree when the spans they stand for overlap (a rounding span includes its low end, not
  its high one: "53.4" and "53.5" million touch at 53.45 and do not agree). A value agrees with every
  other value of its metric, period, basis and currency or unit, or it is marked as disagreeing.

So "约3亿元" and "3.12亿元" agree; "3.12亿元" and "3.2亿元" do not (3.115..3.125 and 3.15..3.25).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from typing import Any

__all__ = ["agree", "span", "spans_agree"]

_NUMBER = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?")


def _place(written: str) -> float:
    """The place value of the last written non-zero digit of a number as written ("3.12" -> 0.01,
    "40" -> 10, "1,200" -> 100)."""
    text = written.replace(",", "")
    if "." in text:
        return 10.0 ** -len(text.split(".", 1)[1])
    return 10.0 ** (len(text) - len(text.rstrip("0"))) if text.strip("0") else 1.0


def _half_step(value: float | None, raws: Iterable[str], index: int) -> float:
    """Half the rounding step of `value` as written in `raws` (its `index`-th number there), in the
    value's own scale: the widest over the ways it was written; 0 when no writing gives its digits."""
    if value is None or value == 0:
        return 0.0
    widest = 0.0
    for raw in raws:
        numbers = _NUMBER.findall(raw or "")
        if len(numbers) <= index:
            continue
        written = float(numbers[index].replace(",", ""))
        if written == 0:
            continue
        scale = abs(value) / written  # the magnitude the text multiplied by (亿, million)
        widest = max(widest, _place(numbers[index]) * scale / 2)
    return widest


def span(cell: dict[str, Any]) -> tuple[float, float]:
    """The values a table cell stands for (see the module docstring); `cell` has amount, low, high,
    `precision` (comma-joined) and `as_written` (the raw texts)."""
    raws = list(cell.get("as_written") or [])
    precision = str(cell.get("precision") or "")
    amount: Any
    low: Any
    high: Any
    amount, low, high = cell.get("amount"), cell.get("low"), cell.get("high")
    if "lower_bound" in precision and (low is not None or amount is not None):
        return float(low if low is not None else amount), math.inf
    if "upper_bound" in precision and (high is not None or amount is not None):
        return -math.inf, float(high if high is not None else amount)
    if amount is None and low is not None and high is not None:
        return (float(low) - _half_step(float(low), raws, 0), float(high) + _half_step(float(high), raws, 1))
    if amount is None:
        return -math.inf, math.inf
    step = _half_step(float(amount), raws, 0)
    return float(amount) - step, float(amount) + step


def agree(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """True when two cells' values may be the same number, rounded: their spans overlap (a value
    rounds to "53.4" from 53.35 up to, not including, 53.45, so "53.4" and "53.5" do not agree)."""
    return spans_agree(span(a), span(b))


def spans_agree(a: tuple[float, float], b: tuple[float, float]) -> bool:
    """`agree` on the spans of two cells (`span`), for a caller comparing one cell with many."""
    (a_low, a_high), (b_low, b_high) = a, b
    if (a_low, a_high) == (b_low, b_high):
        return True
    low, high = max(a_low, b_low), min(a_high, b_high)
    finite = [abs(v) for v in (low, high) if math.isfinite(v)]
    return low < high - 1e-9 * max([1.0, *finite])
