"""Financial figures: revenue, losses, R&D spend, valuation, IPO terms, each with its period.

Prospectus and IPO coverage is mostly numbers ("2024年营收约3.12亿元", "计划募资6-7亿美元，估值约40亿美元",
"for the nine months ended September 30, 2025, revenue was $53.4 million"). Each becomes a
`FinancialFigure` mention (metric, value, period, basis, modality) with a `FIGURE_OF` relation to
the company, so figures get ids, sources and provenance like every other fact.

The rules are deterministic and deliberately narrow, because a wrong number is worse than a missing
one:

- a figure is a sum of money (`normalize.find_money`, which gives ranges and bounds as low/high) with
  a metric keyword right before it, in the same clause (the nearest keyword wins, the longest on a
  tie: "计划募资" is a target before "募资" is a raise; "估值" is never read as the raise beside it);
- the period is the last one named between the previous sum and this one, else the previous
  figure's in the same sentence ("2024年营收…，研发支出…"), else (English) one named right after the
  sum; a stock (cash, valuation, cumulative loss) without one is "as of" the article date, an IPO term
  belongs to the offering (`IPO`), and a flow (revenue, loss) without a period is dropped;
- IPO terms need an IPO in the sentence or article and no funding round in the sentence: "募资" in a
  round story is not an IPO raise;
- the company is the nearest company named before the figure (same sentence first, then earlier
  sentences): `kg.extract.figure_facts`, which also adds growth rates (`kg.extract.growth`) and counts
  (`kg.extract.counts`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from kg.extract.normalize import Money, find_money
from kg.extract.periods import find_periods
from kg.extract.text import Sentence

__all__ = ["FigureCandidate", "METHOD", "find_figures", "is_english", "metric_keyword"]

METHOD = "financial-figure"

#: Metrics that are stocks at a point in time (an undated one is "as of" the article date).
STOCKS = frozenset({"cash", "valuation", "cumulative_loss", "market_value"})
#: The terms of an offering: their period is the IPO itself.
IPO_TERMS = frozenset({"ipo_raise_target", "ipo_raise", "offer_price", "cornerstone_total"})
IPO_PERIOD = "IPO"

# (pattern, metric, basis, modality). Patterns run on the normalised (simplified, NFKC) text.
_ZH_RULES: tuple[tuple[str, str, str | None, str | None], ...] = (
    (r"(?:计划|拟|预计|目标|寻求|拟于[^,。]{0,12})(?:募资|募集资金|募集|筹资|筹集资金|筹集|集资)(?:总额|金额)?",
     "ipo_raise_target", None, "planned"),
    (r"募资目标", "ipo_raise_target", None, "planned"),
    (r"基石(?:投资者|投资人|投资)?(?:合计|合共|共|总计|共计)?(?:认购|投资|出资)(?:总额|金额|总额为|额)?|基石投资(?:总额|金额)",
     "cornerstone_total", None, None),
    (r"(?:募资|募集资金|募得|集资|筹资|筹集资金|筹得|所得款项)(?:总额|净额|金额|额)?", "ipo_raise", None, None),
    (r"(?:发售价|发行价|招股价|定价)(?:为|定为|定在|区间为)?(?:每股)?", "offer_price", None, None),
    (r"投后估值", "valuation", "post_money", None),
    (r"投前估值", "valuation", "pre_money", None),
    (r"估值", "valuation", None, None),
    (r"市值", "market_value", None, None),
    (r"(?:营业总收入|营业收入|总收入|营收|营业额|(?<!投资)(?<!利息)(?<!人均)收入|总收益|(?<!投资)(?<!利息)收益)",
     "revenue", None, None),
    (r"累计(?:净)?亏损|累亏", "cumulative_loss", "cumulative", None),
    (r"(?:调整后|经调整)(?:净)?亏损", "adjusted_loss", "adjusted", None),
    (r"(?:净亏损|净亏|期内亏损|年内亏损|(?<![累调整])亏损)", "net_loss", None, None),
    (r"(?:调整后|经调整)(?:净利润|净利|纯利)", "net_profit", "adjusted", None),
    (r"净利润|净利|纯利", "net_profit", None, None),
    (r"研发(?:支出|投入|开支|费用|成本)", "rd_expense", None, None),
    (r"现金及现金等价物|现金储备|账上现金|现金余额|现金", "cash", None, None),
)
_EN_RULES: tuple[tuple[str, str, str | None, str | None], ...] = (
    (r"\b(?:plans?|planning|seeks?|seeking|aims?|aiming|looking|hopes?|hoping|intends?|intending|targets?|"
     r"targeting|expects?|expected|is\s+set)\s+to\s+raise(?:\s+as\s+much\s+as)?", "ipo_raise_target", None,
     "planned"),
    (r"\b(?:raised|raises|fetched|(?:gross|net)\s+proceeds\s+of|proceeds\s+of)", "ipo_raise", None, None),
    (r"\b(?:offer\s+price\s+(?:of|was|at|is)|priced\s+(?:(?:its|the|[\w-]+)\s+){0,4}?(?:shares|ipo|offering|"
     r"stock)?\s*at|(?:offer\s+)?price\s+range\s+of|(?:marketed|offered|offering|selling)\s+(?:(?:its|the|[\w-]+)\s+)"
     r"{0,4}?(?:shares|stock|ipo|offering)(?:\s+each)?\s+at(?:\s+between)?)", "offer_price", None, None),
    (r"\bcornerstone\s+(?:investors?|tranche|investment)s?\b[^.;$]{0,40}?(?:subscribe[sd]?|invest(?:ed)?|"
     r"committed|buy|bought|take\s+up|worth|totall?ing|of)(?:\s+(?:for|to|a\s+total\s+of))?", "cornerstone_total",
     None, None),
    (r"\bpost-money\s+valuation(?:\s+of)?", "valuation", "post_money", None),
    (r"\bpre-money\s+valuation(?:\s+of)?", "valuation", "pre_money", None),
    (r"\b(?:valuation\s+of|valued\s+at|valuing\s+(?:it|the\s+company|the\s+firm)\s+at|valuation\s+"
     r"(?:was|is|at))", "valuation", None, None),
    (r"\bmarket\s+(?:value|capitali[sz]ation|cap)(?:\s+of)?", "market_value", None, None),
    (r"\b(?:revenues?|sales|turnover)\b", "revenue", None, None),
    (r"\b(?:accumulated\s+deficit|cumulative\s+(?:net\s+)?loss(?:es)?)", "cumulative_loss", "cumulative", None),
    (r"\b(?:adjusted|non-gaap|non-ifrs)\s+(?:net\s+)?loss(?:es)?", "adjusted_loss", "adjusted", None),
    (r"\bnet\s+loss(?:es)?\b|\bloss\s+of\b", "net_loss", None, None),
    (r"\b(?:adjusted|non-gaap|non-ifrs)\s+net\s+(?:profit|income)", "net_profit", "adjusted", None),
    (r"\bnet\s+(?:profit|income)\b", "net_profit", None, None),
    (r"\b(?:r&d|research\s+and\s+development)\s+(?:expenses?|spending|costs?)", "rd_expense", None, None),
    (r"\bcash(?:\s+and\s+cash\s+equivalents|\s+reserves|\s+on\s+hand|\s+balance)?\b", "cash", None, None),
)
_RULES = tuple((re.compile(p), m, b, mod) for p, m, b, mod in _ZH_RULES) + tuple(
    (re.compile(p, re.IGNORECASE), m, b, mod) for p, m, b, mod in _EN_RULES)

#: How far a keyword may stand from its sum: Chinese writes them together ("营收为1.91亿元"), English
#: may put a period or a verb between ("revenue for the nine months ended … was $53.4 million").
_MAX_GAP_ZH = 8
_MAX_GAP_EN = 60
_ESTIMATED = re.compile(r"预计|预期|估计|预估|据悉|据报道|据知情人士|消息人士|reportedly|estimated|expected|projected|"
                        r"forecast|people\s+familiar|sources\s+said", re.IGNORECASE)
_PLANNED = re.compile(r"计划|拟|将以|\bplans?\s+to|\bwill\s+(?:raise|sell|offer)", re.IGNORECASE)
_IPO_CUE = re.compile(r"上市|IPO|招股|发售|公开发行|港交所|联交所|挂牌|递表|聆讯|listing|offering|debut|float|"
                      r"prospectus", re.IGNORECASE)
#: A market value at listing (上市首日市值) is a term of the offering, not a market value as of a day.
_LISTING_DAY = re.compile(r"(?:上市|挂牌)(?:首日|当日|时)|首日|\bat\s+(?:the\s+)?listing|\bupon\s+listing|"
                          r"\bdebut(?:ed|s)?\b|\bfirst\s+day\s+of\s+trading", re.IGNORECASE)
#: What joins the two ends of a range written with its currency twice ("16.5港元至18.5港元", "between
#: HK$16.50 and HK$18.50").
_RANGE_JOIN = re.compile(r"\s*(?:至|到|-|–|~|to)\s*")
_ROUND_CUE = re.compile(
    # a round, or a listed company's placing of new shares: money raised, but not in an IPO
    r"[A-E天使种子]\+?轮|轮融资|\bseries\s+[A-F]\b|\bfunding\s+round|配售|先旧后新|供股|定向增发|\bplacing\b|\bplacement\b|"
    # money from named backers ("raised $100 million from investors including A", "由A领投")
    r"\bfrom\s+(?:(?!cornerstone|anchor)[\w-]+\s+){0,3}?(?:investors|backers)\b|\bled\s+by\b|领投|跟投|投资方",
    re.IGNORECASE,
)
#: Clause breaks a Chinese keyword never reaches across.
_ZH_BREAK = re.compile(r"[,;:。]")


@dataclass(frozen=True)
class FigureCandidate:
    """One figure found in the normalised text: where, what, how much, for when and how it was put."""

    sentence: Sentence
    start: int  # keyword start (normalised text)
    end: int  # end of the sum
    metric: str
    money: Money
    period: str
    basis: str | None
    modality: str
    unit: str | None = None  # None for money; "percent" (a growth rate) or "count" (users, customers)


def metric_keyword(window: str, offset: int, english: bool) -> tuple[int, int, str, str | None, str | None] | None:
    """The metric keyword nearest to the end of `window` (the longest on a tie), if close enough."""
    best: tuple[int, int, str, str | None, str | None] | None = None
    for pattern, metric, basis, modality in _RULES:
        for m in pattern.finditer(window):
            if best is None or (m.end(), m.end() - m.start()) > (best[1], best[1] - best[0]):
                best = (m.start(), m.end(), metric, basis, modality)
    if best is None:
        return None
    gap = window[best[1]:]
    if english:
        if len(gap) > _MAX_GAP_EN or re.search(r"[;]|\band\b", gap):
            return None
    elif len(gap) > _MAX_GAP_ZH or _ZH_BREAK.search(gap):
        return None
    return (best[0] + offset, best[1] + offset, best[2], best[3], best[4])


def is_english(text: str) -> bool:
    """True for a sentence in English (ASCII and general punctuation only): its keywords may stand
    further from their numbers."""
    return bool(re.fullmatch(r"[\x00-\x7f\u2000-\u206f]*", text))


def _modality(metric: str, hinted: str | None, money: Money, clause: str) -> str:
    if metric == "ipo_raise_target" or hinted == "planned":
        return "planned"
    if _ESTIMATED.search(clause) or (metric == "valuation" and money.precision == "approx"):
        return "estimated"
    if _PLANNED.search(clause):
        return "planned"
    return "stated"


def join_ranges(body: str, moneys: list[tuple[int, int, Money]]) -> list[tuple[int, int, Money]]:
    """`moneys` with every two point sums of one currency joined by "至", "to" (or "between … and") made
    one range: "16.5港元至18.5港元" is one offer price range, never a price of 16.5 and another of 18.5."""
    out: list[tuple[int, int, Money]] = []
    for start, end, money in moneys:
        if out:
            p_start, p_end, prev = out[-1]
            gap = body[p_end:start]
            between = re.search(r"\bbetween\s*$", body[:p_start], re.IGNORECASE) and re.fullmatch(r"\s*and\s*", gap)
            if (prev.currency == money.currency and prev.currency and prev.amount is not None
                    and money.amount is not None and prev.amount < money.amount
                    and prev.precision == money.precision == "exact" and (_RANGE_JOIN.fullmatch(gap) or between)):
                out[-1] = (p_start, end, Money(None, money.currency, prev.amount, money.amount, "range",
                                               body[p_start:end]))
                continue
        out.append((start, end, money))
    return out


def find_figures(text: str, sentences: Sequence[Sentence], published: str | None) -> list[FigureCandidate]:
    """Every financial figure stated in the normalised `text`, in text order."""
    ipo_article = bool(_IPO_CUE.search(text))
    out: list[FigureCandidate] = []
    carried: str | None = None
    for sentence in sentences:
        body = text[sentence.start:sentence.end]
        moneys = join_ranges(body, find_money(body))
        english = is_english(body)
        previous_end = 0
        # a clause after a semicolon goes on with the period of the one before ("2024年收入85亿元；净利润6.2亿元")
        after_semicolon = text[max(0, sentence.start - 4) : sentence.start].rstrip()[-1:] in (";", "；")
        previous_period: str | None = carried if after_semicolon else None
        for i, (m_start, m_end, money) in enumerate(moneys):
            window = body[previous_end:m_start]
            found = metric_keyword(window, previous_end, english)
            window_start, previous_end = previous_end, m_end
            if found is None or money.currency is None:
                continue
            k_start, _k_end, metric, basis, hinted = found
            if metric in IPO_TERMS and (_ROUND_CUE.search(body) or not (_IPO_CUE.search(body) or ipo_article)):
                continue
            periods = find_periods(body[window_start:m_start], published)
            if metric in STOCKS:  # a stock is "as of" a day: its own period's end, an earlier "截至" date of
                own = periods[-1][2] if periods else None  # the sentence, else the article date
                earlier = [p for _s, _e, p in find_periods(body[:window_start], published) if p.label[:1].isdigit()]
                if own is not None:
                    period: str | None = own.label if own.label[:1].isdigit() else own.end
                else:
                    period = earlier[-1].label if earlier else published
            else:
                period = periods[-1][2].label if periods else previous_period
            if period is None and english and metric not in STOCKS:
                next_start = moneys[i + 1][0] if i + 1 < len(moneys) else len(body)
                after = find_periods(body[m_end:next_start], published)
                period = after[0][2].label if after else None
            if metric in IPO_TERMS or (metric == "market_value" and _LISTING_DAY.search(body[:m_start])
                                       and (_IPO_CUE.search(body) or ipo_article)):
                period = IPO_PERIOD
            if period is None:
                continue
            if metric not in IPO_TERMS and metric not in STOCKS:
                previous_period = period
            clause = body[window_start:m_end]
            carried = previous_period
            out.append(FigureCandidate(sentence, sentence.start + k_start, sentence.start + m_end, metric, money,
                                       period, basis, _modality(metric, hinted, money, clause)))
    return out
