"""Year-on-year growth: "营收同比增长35%", "同比增長", "up 35% year on year", "a 35% increase from a year
earlier", each as a figure of its own.

A growth rate is not the amount it qualifies, and a reader comparing candidates wants both: "2024年营收
3.12亿元，同比增长35%" gives a revenue figure and a `revenue_growth` figure (basis `yoy`, unit
`percent`, value in percent as written: 35, or -12 for "同比下降12%"), of the same period.

A rate qualifies a metric only when the text ties it to one, so that a stray percentage is never
filed under the wrong line:

- the figure right before it in the same sentence, with nothing but a comma, "up" or "and" between
  ("营收3.12亿元，同比增长35%", "revenue of $53.4 million, up 35% year on year"): that figure's metric and
  period; or
- a metric keyword right before the rate ("营收同比增长35%", "revenue rose 35% year on year"), with the
  period named earlier in the sentence (a rate without a period is dropped, as for any flow).

Only flows grow year on year here (revenue, profit, losses, R&D spend); "亏损收窄" (a loss narrowing) is a
negative change of the loss.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from kg.extract.financials import FigureCandidate, is_english, metric_keyword
from kg.extract.normalize import Money
from kg.extract.periods import find_periods
from kg.extract.text import Sentence

__all__ = ["GROWING", "find_growth"]

#: The metrics whose year-on-year change is kept, as (metric, growth metric).
GROWING = {"revenue": "revenue_growth", "net_profit": "net_profit_growth", "net_loss": "net_loss_growth",
           "adjusted_loss": "adjusted_loss_growth", "rd_expense": "rd_expense_growth"}

_UP_ZH = "增长|增加|上升|上涨|提升|增幅为?|增速为?|扩大"
_DOWN_ZH = "下降|下滑|减少|下跌|收窄|降幅为?"
_PCT = r"(?P<n>\d+(?:\.\d+)?)\s?(?:%|percent\b|per\s+cent\b)"
_ZH = re.compile(r"(?:同比|按年)(?:(?P<up>" + _UP_ZH + r")|(?P<down>" + _DOWN_ZH + r"))"
                 r"(?:了|达|约|近|逾|超)?\s*" + _PCT)
_YOY_EN = (r"(?:year[- ]on[- ]year|year[- ]over[- ]year|y-?o-?y|from\s+a\s+year\s+(?:earlier|ago|before)|"
           r"from\s+the\s+(?:same\s+period\s+(?:of\s+|in\s+)?|prior\s+|previous\s+)(?:a\s+|last\s+)?year(?:\s+earlier)?)")
_EN = re.compile(
    r"\b(?:(?P<up>up|rose|grew|increased|jumped|climbed|gained|surged|widened)|"
    r"(?P<down>down|fell|declined|dropped|decreased|narrowed|shrank))\s+(?:by\s+)?" + _PCT + r"\s+" + _YOY_EN
    + r"|\ban?\s+" + _PCT.replace("?P<n>", "?P<n2>") + r"\s+(?:(?P<up2>increase|rise|jump|gain|growth)|"
    r"(?P<down2>decrease|decline|drop|fall))\s+" + _YOY_EN,
    re.IGNORECASE)
#: What may stand between a figure and the rate that qualifies it.
_JOINER = re.compile(r"\s*(?:,|;|\band\b|\bor\b|which\s+was|\bwas\b)?\s*", re.IGNORECASE)


def _rate(m: re.Match[str]) -> Money:
    """The signed rate of a match, as a percent `Money` without currency."""
    group = "n" if m.group("n") else "n2"
    down = m.group("down") or (m.groupdict().get("down2"))
    text = m.group(group)
    value = float(text)
    amount: int | float = int(value) if value.is_integer() else value
    return Money(-amount if down else amount, None, None, None, "exact", m.group(0))


def find_growth(text: str, sentences: Sequence[Sentence], published: str | None,
                figures: Sequence[FigureCandidate]) -> list[FigureCandidate]:
    """Every year-on-year rate in the normalised `text` tied to a metric (see the module docstring);
    `figures` are the money figures already found, which a rate right after one qualifies."""
    out: list[FigureCandidate] = []
    for sentence in sentences:
        body = text[sentence.start:sentence.end]
        english = is_english(body)
        own = [f for f in figures if f.sentence.index == sentence.index]
        for m in (_EN if english else _ZH).finditer(body):
            money = _rate(m)
            at = sentence.start + m.start()
            before = [f for f in own if f.end <= at]
            prior = before[-1] if before else None
            if prior is not None and _JOINER.fullmatch(text[prior.end:at]):
                metric, period, k_start = prior.metric, prior.period, prior.start
            else:
                found = metric_keyword(body[:m.start()], 0, english)
                gap = body[found[1]:m.start()] if found else ""
                if found is None or (gap.strip() if not english else len(gap) > 30 or "," in gap):
                    continue  # a keyword right before the rate; English may put a period between
                k_start, _k_end, metric, _basis, _hint = found
                periods = find_periods(body[:m.start()], published)
                if not periods:
                    continue
                period = periods[-1][2].label
                k_start += sentence.start
            if metric not in GROWING:
                continue
            out.append(FigureCandidate(sentence, k_start, sentence.start + m.end(), GROWING[metric], money, period,
                                       "yoy", "stated", "percent"))
    return out
