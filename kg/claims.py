"""Facts that articles state differently: kept as disputes, never silently overwritten.

A relation merges what every article said about it (`kg.store.merge_props`: the most confident value
shows). When two articles give one round two amounts, or one event two dates, the shown value is only
one side: the other is recorded in the relation's `disputes`, each value with the articles that state
it, so an analyst sees the disagreement (`kg query disputes`) and the RDF export carries it. Removing an
article recomputes the disputes from the sources left, so a dispute goes away with its last dissenter.

What counts as a disagreement:
- amounts by the rule of `kg.queries.agreement` ("约3亿" and "3.12亿" agree, "3亿" and "5亿" do not);
  amounts in two currencies are compared in US dollars at one rate (`kg.money_usd`);
- dates when neither is a coarser form of the other ("2025-07" agrees with "2025-07-02");
- shares and offer prices when they differ as numbers;
- a fact one article denies and another asserts (planned, reported or done: `kg.extract.modality`).

`disputes` is a JSON string (a list of {key, values: [{value, sources, ...}]}) so that Neo4j, which
keeps only flat properties, stores it as it is and both backends read the same thing.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any

from kg.queries.agreement import agree

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


def _clusters(values: list[tuple[Any, str]], same: Callable[[Any, Any], bool]) -> list[tuple[Any, list[str]]]:
    """Values grouped with the first value of a group they agree with, in the order given (the most
    confident first), each with its sorted articles."""
    groups: list[tuple[Any, list[str]]] = []
    for value, article in values:
        for first, articles in groups:
            if same(first, value):
                if article not in articles:
                    articles.append(article)
                break
        else:
            groups.append((value, [article]))
    return [(value, sorted(articles)) for value, articles in groups]


def _money_value(cell: dict[str, Any], articles: list[str]) -> dict[str, Any]:
    """A disputed amount: as written, normalised (the keys a relation uses) and its articles."""
    value = {"value": cell["as_written"][0] or f"{cell['amount']} {cell['currency']}", "amount": cell["amount"],
             "amount_low": cell["low"], "amount_high": cell["high"], "currency": cell["currency"],
             "sources": articles}
    return {k: v for k, v in value.items() if v is not None}


def find_disputes(rows: Sequence[tuple[str | dict[str, Any], float, str]]) -> list[dict[str, Any]]:
    """The disputed keys of one relation from its sources' rows (props JSON, or the props already read,
    confidence, article id; most confident first, as `kg.store.refresh_relations` reads them): one value
    per article, its first."""
    per_article: dict[str, dict[str, Any]] = {}
    for props_json, _conf, article in rows:
        if article not in per_article:
            per_article[article] = props_json if isinstance(props_json, dict) else json.loads(props_json)
    if len(per_article) < 2:
        return []
    first_date = next((p["date"] for p in per_article.values() if p.get("date")), None)
    out: list[dict[str, Any]] = []
    money = [(cell, a) for a, p in per_article.items() if (cell := _money_cell(p)) is not None]
    groups = _clusters(money, lambda x, y: _money_agree(x, y, first_date))
    if len(groups) > 1:
        out.append({"key": "amount", "values": [_money_value(cell, articles) for cell, articles in groups]})
    for key, same in (("date", _date_agree), ("share", _number_agree), ("offer_price", _number_agree)):
        stated = [(p[key], a) for a, p in per_article.items() if p.get(key) is not None]
        keyed = _clusters(stated, same)
        if len(keyed) > 1:
            out.append({"key": key, "values": [{"value": v, "sources": arts} for v, arts in keyed]})
    denied = [a for a, p in per_article.items() if p.get("modality") == "denied"]
    if denied and len(denied) < len(per_article):
        out.append({"key": "modality", "values": [
            {"value": "asserted", "sources": sorted(set(per_article) - set(denied))},
            {"value": "denied", "sources": sorted(denied)}]})
    return out


def disputes_json(rows: Sequence[tuple[str | dict[str, Any], float, str]]) -> str | None:
    """`find_disputes` as the relation's `disputes` property (None when the articles agree)."""
    found = find_disputes(rows)
    return json.dumps(found, ensure_ascii=False, sort_keys=True) if found else None
