"""Facts that articles state differently: kept as disputes, never silently overwritten.

A relation merges what every article said about it (`kg.store.merge_props`: the most confident value
shows). When two articles give one round two amounts, or one event two dates, the shown value is only
one side: the other is recorded in the relation's `disputes`, each value with the articles that state
it, so an analyst sees the disagreement (`kg query disputes`) and the RDF export carries it. Removing an
article recomputes the disputes from the sources left, so a dispute goes away with its last dissenter.

What counts as a disagreement:
- amounts by the rule of `kg.agreement` ("约3亿" and "3.12亿" agree, "3亿" and "5亿" do not);
  amounts in two currencies are compared in US dollars at one rate (`kg.money_usd`);
- dates (an event's, and when a position or a stake began or ended) when neither is a coarser form of
  the other ("2025-07" agrees with "2025-07-02");
- shares and offer prices when they differ as numbers;
- a fact one article denies and another asserts (planned, reported or done: `kg.extract.modality`);
- two titles for one person at one organisation at one time (`title_disputes`). A title is part of what
  a position is (two titles are two HOLDS_POSITION facts), and holding several at once is common
  (董事长兼CEO, a co-founder and CTO), so only titles that cannot both be right make a dispute: an
  office and its deputy (总裁 and 副总裁, chairman and vice chairman, CEO and deputy general manager) at
  times the texts do not tell apart, or two executive offices (CTO and CFO) both dated to one start by
  different articles; and never when one article states both (that article says both are held, or
  tells a promotion). Spellings and languages of one office agree (总裁, president; CEO, 首席执行官).

`disputes` is a JSON string (a list of {key, values: [{value, sources, ...}]}) so that Neo4j, which
keeps only flat properties, stores it as it is and both backends read the same thing.
"""

from __future__ import annotations

import bisect
import json
import math
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import lru_cache
from typing import Any, Protocol

from kg.agreement import agree, span, spans_agree
from kg.json_text import canonical_json
from kg.names import to_simplified

DISPUTES_KEY = "disputes"
_MONEY = ("amount", "amount_low", "amount_high", "amount_precision", "amount_raw", "currency")


def _money_cell(props: dict[str, Any]) -> dict[str, Any] | None:
    if all(props.get(k) is None for k in ("amount", "amount_low", "amount_high")):
        return None
    return {"amount": props.get("amount"), "low": props.get("amount_low"), "high": props.get("amount_high"),
            "precision": props.get("amount_precision"), "as_written": [props.get("amount_raw") or ""],
            "currency": props.get("currency")}


def _in_usd(cell: dict[str, Any], day: str | None) -> dict[str, Any]:
    """The cell with its numbers in US dollars (unchanged when no rate is known)."""
    from kg.money_usd import rate_day, usd_rate

    on = rate_day(day, None)
    found = usd_rate(str(cell["currency"]), on) if on and cell.get("currency") else None
    if found is None:
        return cell
    rate = found[0]
    return {**cell, **{k: None if cell[k] is None else float(cell[k]) * rate for k in ("amount", "low", "high")}}


def _money_agree(a: dict[str, Any], b: dict[str, Any], day: str | None) -> bool:
    if a.get("currency") == b.get("currency"):
        return agree(a, b)
    return agree(_in_usd(a, day), _in_usd(b, day))


def _date_agree(a: str, b: str) -> bool:
    return a.startswith(b) or b.startswith(a)


def _number_agree(a: Any, b: Any) -> bool:
    try:
        return abs(float(a) - float(b)) < 1e-9
    except (TypeError, ValueError):
        return a == b


class _Leaders(Protocol):
    """Where `_clusters` looks for the groups a value may agree with: every group it need compare the value
    with (a superset of those it agrees with), as indices in the order the groups were made."""

    def add(self, value: Any, index: int) -> None: ...

    def near(self, value: Any, count: int) -> Iterable[int]: ...


def _clusters(values: list[tuple[Any, Sequence[str]]], same: Callable[[Any, Any], bool],
              identity: Callable[[Any], Any] | None = None,
              leaders: _Leaders | None = None) -> list[tuple[Any, list[str]]]:
    """Values (each with the articles stating it) grouped with the first value of a group they agree
    with, in the order given (the most confident first), each with its sorted articles.

    A fact restated by hundreds of articles states a few hundred values at most, and a value seen again
    goes to the group it went to before (the groups before it are the same, and it agrees with itself):
    so each distinct value is compared with the groups once (one object, or equal strings and numbers,
    are one value; `identity` says which other values are one), and only with the groups `leaders`
    finds near it, so a refresh costs a look-up per article, not a comparison per article and group."""
    groups: list[tuple[Any, set[str]]] = []
    group_of: dict[Any, int] = {}
    identities: dict[int, Any] = {}  # by object: one identity worked out per object, not per article
    for value, stating in values:
        key: Any
        if isinstance(value, str | int | float) and not isinstance(value, bool):
            key = value
        elif (key := identities.get(id(value))) is None:
            key = identities[id(value)] = ("id", id(value)) if identity is None else identity(value)
        index = group_of.get(key)
        if index is None:
            near = range(len(groups)) if leaders is None else sorted(set(leaders.near(value, len(groups))))
            index = next((i for i in near if same(groups[i][0], value)), None)
            if index is None:
                index = len(groups)
                groups.append((value, set()))
                if leaders is not None:
                    leaders.add(value, index)
                if same(value, value):
                    group_of[key] = index
            else:
                group_of[key] = index
        groups[index][1].update(stating)
    return [(value, sorted(articles)) for value, articles in groups]


class _SpanLeaders:
    """Groups by where their spans lie (`kg.agreement.span`): two values agree only if their spans
    overlap, so a value need be compared only with the groups whose spans start between its own start less
    their width and its end. Spans are kept by width (each power of two apart), so one wide span does not
    make every value look at every narrow one; spans that are not finite intervals meet every value."""

    def __init__(self, span_of: Callable[[Any], tuple[float, float]]) -> None:
        self.span_of = span_of
        self.starts: dict[int, list[tuple[float, int]]] = {}  # width class -> (start, group) sorted
        self.widest: dict[int, float] = {}
        self.anywhere: list[int] = []

    def add(self, value: Any, index: int) -> None:
        low, high = self.span_of(value)
        if math.isfinite(low) and math.isfinite(high) and low <= high:
            width = high - low
            width_class = math.frexp(width)[1] if width > 0 else -10_000
            bisect.insort(self.starts.setdefault(width_class, []), (low, index))
            self.widest[width_class] = max(self.widest.get(width_class, 0.0), width)
        else:
            self.anywhere.append(index)

    def near(self, value: Any, count: int) -> Iterable[int]:
        low, high = self.span_of(value)
        if math.isnan(low) or math.isnan(high) or low > high:
            return range(count)
        found = list(self.anywhere)
        for width_class, starts in self.starts.items():
            # twice the width: rounding in the subtraction never leaves a group out
            first = bisect.bisect_left(starts, (low - 2 * self.widest[width_class], -1))
            last = bisect.bisect_right(starts, (high, count))
            found += [index for _start, index in starts[first:last]]
        return found


class _MoneyLeaders:
    """`_SpanLeaders` for amounts: in one currency as written, across currencies in US dollars (as
    `_money_agree` compares them; the dollar spans are worked out only once a second currency comes)."""

    def __init__(self, span_of: Callable[[dict[str, Any], bool], tuple[float, float]]) -> None:
        self.native: dict[Any, _SpanLeaders] = {}
        self.members: dict[Any, list[tuple[dict[str, Any], int]]] = {}
        self.usd: dict[Any, _SpanLeaders] = {}
        self.span_of = span_of

    def add(self, value: dict[str, Any], index: int) -> None:
        currency = value.get("currency")
        self.native.setdefault(currency, _SpanLeaders(lambda cell: self.span_of(cell, False))).add(value, index)
        self.members.setdefault(currency, []).append((value, index))
        if currency in self.usd:
            self.usd[currency].add(value, index)

    def near(self, value: dict[str, Any], count: int) -> Iterable[int]:
        currency = value.get("currency")
        same = self.native.get(currency)
        found = list(same.near(value, count)) if same is not None else []
        for other, members in self.members.items():
            if other != currency:
                if other not in self.usd:
                    self.usd[other] = _SpanLeaders(lambda cell: self.span_of(cell, True))
                    for member, index in members:
                        self.usd[other].add(member, index)
                found += self.usd[other].near(value, count)
        return found


class _PrefixLeaders:
    """Groups of dates by their value: two dates agree when one begins the other, so a value need be
    compared only with the groups whose date begins it or that it begins."""

    def __init__(self) -> None:
        self.exact: dict[str, list[int]] = {}
        self.values: list[str] = []
        self.indices: list[int] = []
        self.anywhere: list[int] = []

    def add(self, value: Any, index: int) -> None:
        if not isinstance(value, str):
            self.anywhere.append(index)
            return
        self.exact.setdefault(value, []).append(index)
        at = bisect.bisect_right(self.values, value)
        self.values.insert(at, value)
        self.indices.insert(at, index)

    def near(self, value: Any, count: int) -> Iterable[int]:
        if not isinstance(value, str) or not value or ord(value[-1]) == sys.maxunicode:
            return range(count)
        found = [*self.anywhere, *(i for n in range(len(value) + 1) for i in self.exact.get(value[:n], ()))]
        first = bisect.bisect_left(self.values, value)
        last = bisect.bisect_left(self.values, value[:-1] + chr(ord(value[-1]) + 1))
        return [*found, *self.indices[first:last]]


@lru_cache(maxsize=65536)
def _span_of_identity(identity: tuple[tuple[str, Any], ...], usd: bool, day: str | None) -> tuple[float, float]:
    """The span of the cell `_cell_identity` gave `identity` (in US dollars at `day` if `usd`): a fact
    restated by hundreds of articles is refreshed with each, and its amounts' spans are worked out once."""
    cell = dict(identity)
    return span(_in_usd(cell, day) if usd else cell)


def _cell_identity(cell: dict[str, Any]) -> Any:
    """Two amounts written alike are one value (the same fields, hence the same span and dispute entry)."""
    try:
        key = tuple((k, tuple(v) if isinstance(v, list) else v) for k, v in sorted(cell.items()))
        hash(key)
    except TypeError:
        return ("id", id(cell))
    return key


def _money_value(cell: dict[str, Any], articles: list[str]) -> dict[str, Any]:
    """A disputed amount: as written, normalised (the keys a relation uses) and its articles."""
    value = {"value": cell["as_written"][0] or f"{cell['amount']} {cell['currency']}", "amount": cell["amount"],
             "amount_low": cell["low"], "amount_high": cell["high"], "currency": cell["currency"],
             "sources": articles}
    return {k: v for k, v in value.items() if v is not None}


def find_disputes(rows: Sequence[tuple[str | dict[str, Any], float, str]]) -> list[dict[str, Any]]:
    """The disputed keys of one relation from its sources' rows (props JSON, or the props already read,
    confidence, article id; most confident first, as `kg.store.refresh_relations` reads them): one value
    per article, its first.

    Examples
    --------
    Two articles give one round two amounts:

    >>> find_disputes([({"amount": 3e8, "currency": "CNY"}, 0.9, "a1"),
    ...                ({"amount": 5e8, "currency": "CNY"}, 0.8, "a2")])
    [{'key': 'amount', 'values': [{'value': '300000000.0 CNY', 'amount': 300000000.0, 'currency': 'CNY',
                                   'sources': ['a1']},
                                  {'value': '500000000.0 CNY', 'amount': 500000000.0, 'currency': 'CNY',
                                   'sources': ['a2']}]}]
    >>> find_disputes([({"amount": 3e8, "currency": "CNY"}, 0.9, "a1")])  # one article disputes nothing
    []
    """
    per_article: dict[str, str | dict[str, Any]] = {}
    for props, _conf, article in rows:
        if article not in per_article:
            per_article[article] = props
    stated: dict[Any, tuple[dict[str, Any], list[str]]] = {}  # articles whose first source states the same
    for article, props in per_article.items():
        key = props if isinstance(props, str) else id(props)
        if key not in stated:
            stated[key] = (json.loads(props) if isinstance(props, str) else props, [])
        stated[key][1].append(article)
    return disputes_of(list(stated.values()))


def disputes_of(stated: Sequence[tuple[dict[str, Any], Sequence[str]]]) -> list[dict[str, Any]]:
    """`find_disputes` from what the articles state: each distinct statement (the properties of an
    article's first source) with the articles whose first source it is, in the order of their first
    articles. A fact restated by hundreds of articles makes a handful of statements: the store reads them
    grouped (`kg.store.refresh_relations`), and the work is per statement, not per article."""
    articles = sum(len(group) for _props, group in stated)
    if articles < 2:
        return []
    first_date = next((p["date"] for p, _group in stated if p.get("date")), None)
    out: list[dict[str, Any]] = []
    money = [(cell, group) for p, group in stated if (cell := _money_cell(p)) is not None]
    spans: dict[tuple[int, bool], tuple[float, float]] = {}  # each cell's span worked out once

    identities: dict[int, Any] = {}

    def identity_of(cell: dict[str, Any]) -> Any:
        found = identities.get(id(cell))
        if found is None:
            found = identities[id(cell)] = _cell_identity(cell)
        return found

    def span_of(cell: dict[str, Any], usd: bool) -> tuple[float, float]:
        key = (id(cell), usd)
        if key not in spans:
            identity = identity_of(cell)
            spans[key] = (_span_of_identity(identity, usd, first_date if usd else None) if identity[:1] != ("id",)
                          else span(_in_usd(cell, first_date) if usd else cell))
        return spans[key]

    def same_money(a: dict[str, Any], b: dict[str, Any]) -> bool:  # `_money_agree`, on spans worked out once
        usd = a.get("currency") != b.get("currency")
        return spans_agree(span_of(a, usd), span_of(b, usd))

    groups = _clusters(money, same_money, identity_of, _MoneyLeaders(span_of))
    if len(groups) > 1:
        out.append({"key": "amount", "values": [_money_value(cell, articles) for cell, articles in groups]})
    for key, same in (("date", _date_agree), ("valid_from", _date_agree), ("valid_to", _date_agree),
                      ("share", _number_agree), ("offer_price", _number_agree)):
        values = [(p[key], group) for p, group in stated if p.get(key) is not None]
        keyed = _clusters(values, same, leaders=_PrefixLeaders() if same is _date_agree else None)
        if len(keyed) > 1:
            out.append({"key": key, "values": [{"value": v, "sources": arts} for v, arts in keyed]})
    denied = {a for p, group in stated if p.get("modality") == "denied" for a in group}
    if denied and len(denied) < articles:
        out.append({"key": "modality", "values": [
            {"value": "asserted", "sources": sorted({a for _p, group in stated for a in group} - denied)},
            {"value": "denied", "sources": sorted(denied)}]})
    return out


def disputes_json_of(stated: Sequence[tuple[dict[str, Any], Sequence[str]]]) -> str | None:
    """`disputes_of` as the relation's `disputes` property (None when the articles agree)."""
    found = disputes_of(stated)
    return canonical_json(found) if found else None


def disputes_json(rows: Sequence[tuple[str | dict[str, Any], float, str]]) -> str | None:
    """`find_disputes` as the relation's `disputes` property (None when the articles agree).

    Examples
    --------
    A month and a day inside it agree; two years do not:

    >>> disputes_json([({"date": "2025-07"}, 0.9, "a1"), ({"date": "2025-07-02"}, 0.8, "a2")]) is None
    True
    >>> disputes_json([({"date": "2024"}, 0.9, "a1"), ({"date": "2025"}, 0.8, "a2")])
    '[{"key": "date", "values": [{"sources": ["a1"], "value": "2024"}, {"sources": ["a2"], "value": "2025"}]}]'
    """
    found = find_disputes(rows)
    return canonical_json(found) if found else None


# -- titles ---------------------------------------------------------------------------------------------

#: Offices by family: (the office's spellings, its deputies' spellings); compared simplified, lower-cased.
#: The top executive goes by several names (a Chinese company's 总裁 is often its CEO), so they are one.
_OFFICES: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "top": (frozenset({"ceo", "首席执行官", "行政总裁", "执行长", "总裁", "president", "总经理", "general manager",
                       "chief executive", "chief executive officer"}),
            frozenset({"副总裁", "vice president", "vice-president", "vp", "高级副总裁", "senior vice president",
                       "执行副总裁", "executive vice president", "副总经理", "deputy general manager", "deputy ceo",
                       "副ceo"})),
    "chair": (frozenset({"董事长", "chairman", "chairwoman", "chair", "董事会主席"}),
              frozenset({"副董事长", "vice chairman", "vice-chairman", "vice chair", "deputy chairman"})),
}
#: Executive offices one person rarely holds two of, and never without the article saying so.
_EXECUTIVE = {"cto": "cto", "首席技术官": "cto", "技术长": "cto", "chief technology officer": "cto",
              "cfo": "cfo", "首席财务官": "cfo", "财务长": "cfo", "chief financial officer": "cfo",
              "coo": "coo", "首席运营官": "coo", "营运长": "coo", "chief operating officer": "coo",
              "cmo": "cmo", "首席营销官": "cmo", "chief marketing officer": "cmo",
              **{t: "top" for t in _OFFICES["top"][0]}}


def _title_key(title: Any) -> str:
    return to_simplified(str(title)).strip().lower()


def _deputy_of(a: str, b: str) -> bool:
    """Is one title an office and the other its deputy (one person is not both at once)?"""
    return any((a in office and b in deputies) or (b in office and a in deputies)
               for office, deputies in _OFFICES.values())


def _other_offices(a: str, b: str) -> bool:
    """Are both titles executive offices, and different ones (CTO and CFO; not CEO and 总裁)?"""
    return a in _EXECUTIVE and b in _EXECUTIVE and _EXECUTIVE[a] != _EXECUTIVE[b]


def _before(end: Any, start: Any) -> bool:
    """Did a stated end come on or before a stated start (at their common precision)?"""
    if not end or not start:
        return False
    n = min(len(str(end)), len(str(start)))
    return str(end)[:n] <= str(start)[:n]


def title_disputes(positions: Mapping[str, Sequence[tuple[str, float, str]]]) -> dict[str, dict[str, Any]]:
    """The `title` disputes of one person's HOLDS_POSITION facts at one organisation (relation id -> its
    source rows, as `find_disputes` takes them): for each fact whose title another article contradicts
    (see the module docstring), {key: title, values: [its own title and articles, then each
    contradicting title with its articles and relation id]}."""
    facts = []
    parsed: dict[str, dict[str, Any]] = {}  # sources stating the same are read once
    for rel_id, rows in sorted(positions.items()):
        props = [parsed[p] if p in parsed else parsed.setdefault(p, json.loads(p)) for p, _c, _a in rows]
        title = next((p["title"] for p in props if p.get("title")), None)
        if title is None:
            continue
        start = next((p["valid_from"] for p in props if p.get("valid_from")), None)
        end = next((p["valid_to"] for p in props if p.get("valid_to")), None)
        facts.append((rel_id, title, _title_key(title), start, end, sorted({a for _p, _c, a in rows})))
    out: dict[str, dict[str, Any]] = {}
    for rel_id, title, key, start, end, articles in facts:
        against = []
        for other_id, other_title, other_key, other_start, other_end, other_articles in facts:
            if other_id == rel_id or set(articles) & set(other_articles):
                continue  # one article states both: both held, or a promotion it tells
            if _before(end, other_start) or _before(other_end, start):
                continue  # one ended before the other began
            one_start = bool(start and other_start and _date_agree(str(start), str(other_start)))
            told_apart = bool(start and other_start and not one_start)
            if (_deputy_of(key, other_key) and not told_apart) or (one_start and _other_offices(key, other_key)):
                against.append({"value": other_title, "sources": other_articles, "relation": other_id})
        if against:
            out[rel_id] = {"key": "title", "values": [{"value": title, "sources": articles}, *against]}
    return out


def with_dispute(props: dict[str, Any], dispute: dict[str, Any] | None) -> dict[str, Any]:
    """`props` with one more dispute in its `disputes` (a JSON list, as `disputes_json` writes it)."""
    if dispute is None:
        return props
    found = json.loads(props[DISPUTES_KEY]) if props.get(DISPUTES_KEY) else []
    found = [d for d in found if d.get("key") != dispute["key"]] + [dispute]
    return {**props, DISPUTES_KEY: canonical_json(found)}
