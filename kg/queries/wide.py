"""The named queries whose answer can be a large share of the graph, made from SQL values, no subgraph.

The busiest fund of a million-relation store is in 39,000 deals: its portfolio, its co-investors and the
state's investments run to tens of thousands of rows. Building the part of the view they read (for a
portfolio every investor of every round of every company the fund backed, as networkx nodes and edges)
took seconds; here each row is made from a few values SQL reads from the indexes, by the rules the view
and the embedded twins apply (`kg.graph.add_funding_rounds`, `kg.queries.deals`, `kg.queries.embedded`,
`kg.queries.statecapital`), so the rows are theirs; tests/queries/test_indexed.py holds them to that.

Only without `--as-of` (which reads each fact's sources and their articles: `kg.queries.indexed` then
runs the twins on a subgraph). And a portfolio only where the rounds' values are plain: SQL orders and
groups a number apart from text, which Python reads with `str`, so where a round, date or currency of
an investment into one of the companies is not text, `portfolio` returns None and the caller builds the
subgraph. (Values shown are read exactly either way: `Store.investments`.)
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from kg.graph import OWN_AMOUNT_METHOD
from kg.queries import derived, statecapital
from kg.queries.ownership import OWNERSHIP_TYPES, raw_paths
from kg.queries.storeview import StoreView
from kg.store import Store
from kg.terms import C, R

Rows = list[dict[str, Any]]
#: an investor's participations: (company, round) -> (own sum's method, role, amount, currency) of each
Mine = dict[tuple[str, str], list[tuple[bool, Any, Any, Any]]]
#: The INVESTED_IN properties a portfolio row shows.
_DEAL_KEYS = ("round", "date", "amount", "currency", "role")
#: Roles whose sum, for the only investor of a round, is its own (`kg.graph._own_amount`).
_SOLE_ROLES = (None, "sole", "strategic")


def _clean(value: Any) -> Any:
    """An edge's attribute as the view keeps it: a property that is None or [] is left off."""
    return None if value is None or value == [] else value


def _text(value: Any) -> Any:
    """`coalesce(x, '')` as a sort key."""
    return "" if value is None else value


def portfolio(view: StoreView, id: str) -> Rows | None:
    """`deals.portfolio` on the view: one row per investment and matching participation, the round's date
    and total from every investment into the company in that round. None where the rounds' values are
    not plain (see the module's docstring)."""
    store = view.store
    if derived.wanted(view, derived.ANSWER_KEYS["portfolio"]) and (rows := derived.answer(store, "portfolio", id)):
        return rows  # (an investor without rows there: worked out below, as it does not take long)
    if C.Organization not in view.labels([id]).get(id, []):
        return []
    tables = derived.wanted(view)
    if tables:
        deals, named = derived.investments(store, id, _DEAL_KEYS, method=OWN_AMOUNT_METHOD)
        entities = view.labelled(named)
    else:
        deals = store.investments(id, _DEAL_KEYS, method=OWN_AMOUNT_METHOD)
        entities = view.names_and_labels({target for _i, _s, target, _m, _v in deals})
    companies = {c: name for c, (name, labels) in entities.items() if C.Organization in labels}
    # the investor's participations (PARTICIPATED_IN edges), by the FundingRound they are in
    mine: Mine = defaultdict(list)
    for _i, _s, target, method, (round_name, _d, amount, currency, role) in deals:
        if round_name and target in companies:
            mine[(target, str(round_name))].append((method, role, amount, currency))
    rounds: dict[tuple[str, str], tuple[int, Any, Any]] = {}  # (company, round) -> (relations, date, total)
    single: dict[tuple[str, str], str] = {}  # rounds with one sum stated: its relation, if not one investor's own
    contested = set()  # rounds with several: the surest of those not one investor's own
    groups = derived.round_groups(store, companies) if tables else store.round_groups(companies)
    for company, round_name, count, plain, date, currencies, first in groups:
        if not plain:
            return None
        if (company, round_name) in mine:
            rounds[(company, round_name)] = (count, date, None)
            if currencies == 1:
                single[(company, round_name)] = first
            elif currencies > 1:
                contested.add((company, round_name))
    totals = _note_single_totals(store, deals, single, rounds)
    _note_contested_totals(store, contested, rounds, totals)
    return _portfolio_rows(deals, companies, rounds, totals, mine)


def _portfolio_rows(deals: list[derived.Investment], companies: dict[str, Any],
                    rounds: dict[tuple[str, str], tuple[int, Any, Any]], totals: dict[str, tuple[Any, ...]],
                    mine: Mine) -> Rows:
    """The rows of one investor's `deals`: `companies` (id -> name of the organisations among their
    targets), `rounds` ((company, round) -> (relations, date, the relation giving its total)) with the
    values of those relations (`totals`), and the investor's participations by round (`mine`)."""
    rows = []
    for _i, _s, target, _m, (round_name, date, amount, currency, role) in deals:
        if target not in companies:
            continue
        round_name, date = _clean(round_name), _clean(date)
        matches = []
        if round_name is not None and (target, round_name) in rounds:  # a FundingRound of that name
            count, round_date, total = rounds[(target, round_name)]
            round_amount, round_currency = totals.get(total, (None, None))
            for method, their_role, their_amount, their_currency in mine[(target, round_name)]:
                own = method or (count == 1 and their_role in _SOLE_ROLES)
                matches.append((_clean(their_amount) if own else None, _clean(their_currency) if own else None,
                                date if round_date is None else round_date, round_amount, round_currency))
        for deal_amount, deal_currency, deal_date, round_amount, round_currency in (
                matches or [(_clean(amount), _clean(currency), date, None, None)]):
            rows.append({"company": companies[target], "company_id": target, "round": round_name,
                         "amount": deal_amount, "currency": deal_currency, "date": deal_date, "role": _clean(role),
                         "round_amount": round_amount, "round_currency": round_currency})
    return sorted(rows, key=lambda r: (_text(r["date"]), r["company"], r["company_id"], _text(r["round"])))


#: A portfolio's rows are derived for the investors in at least this many investments (61 of 14,365 at a
#: million relations, a third of the investments): the others take tens of milliseconds anyway.
DERIVED_PORTFOLIO_DEALS = 1000


def every_portfolio(view: StoreView, least: int | None = None) -> Iterator[tuple[str, Rows]]:
    """(investor, `portfolio(view, investor)`) of every organisation in at least `least` investments with a
    row in its portfolio whose rounds' values are plain, worked out for all of them at once by the same
    rules (for the derived rows, `kg.queries.derived`: inside its build, the derived tables there). A
    round's date and total do not depend on who asks; an investor's participations are its own. (`least`:
    `DERIVED_PORTFOLIO_DEALS` unless given.)"""
    store = view.store
    busiest = derived.busiest(store, DERIVED_PORTFOLIO_DEALS if least is None else least)
    deals, named = derived.investments(store, busiest, _DEAL_KEYS, method=OWN_AMOUNT_METHOD)
    entities = view.labelled(named)
    companies = {c: name for c, (name, labels) in entities.items() if C.Organization in labels}
    by_investor: dict[str, list[derived.Investment]] = defaultdict(list)
    mine: dict[str, Mine] = defaultdict(lambda: defaultdict(list))
    for deal in deals:
        _i, investor, target, method, (round_name, _d, amount, currency, role) = deal
        by_investor[investor].append(deal)
        if round_name and target in companies:
            mine[investor][(target, str(round_name))].append((method, role, amount, currency))
    asked = {key for participations in mine.values() for key in participations}
    rounds: dict[tuple[str, str], tuple[int, Any, Any]] = {}
    single: dict[tuple[str, str], str] = {}
    contested = set()
    not_plain = set()  # companies with a round whose values are not plain: their investors give way
    for company, round_name, count, plain, date, currencies, first in derived.round_groups(store, companies):
        if not plain:
            not_plain.add(company)
        elif (company, round_name) in asked:
            rounds[(company, round_name)] = (count, date, None)
            if currencies == 1:
                single[(company, round_name)] = first
            elif currencies > 1:
                contested.add((company, round_name))
    totals = _note_single_totals(store, deals, single, rounds)
    _note_contested_totals(store, contested, rounds, totals)
    organisations = view.labels(by_investor)
    for investor, its in by_investor.items():
        if C.Organization not in organisations.get(investor, []):
            continue
        if any(t in not_plain for _i, _s, t, _m, _v in its if t in companies):
            continue
        rows = _portfolio_rows(its, companies, rounds, totals, mine[investor])
        if rows:
            yield investor, rows


def co_investors(view: StoreView, id: str) -> Rows:
    """`embedded.co_investors` on the view: the investors sharing a deal with `id`, each with the names
    of those companies (from the store's derived tables, `derived_co_investors`, when they are there)."""
    store = view.store
    if C.Organization not in view.labels([id]).get(id, []):
        return []
    if derived.wanted(view, derived.ANSWER_KEYS["co-investors"]):  # (built with, so after, the other tables)
        deals = {c: name for c, (name, labels) in view.labelled(derived.targets(store, id)).items()
                 if C.Organization in labels}
        if deals:  # (none: its own investors, below)
            return _co_investors_numbered(store, id, deals)
    own = {t for _s, t in store.relation_pairs([R.INVESTED_IN], source=id)}
    # the deals: the organisations it invested in (names and labels in one read), else itself
    deals = {c: name for c, (name, labels) in view.names_and_labels(own).items() if C.Organization in labels}
    deals = deals or store.entity_names_in([id])
    shared: dict[str, list[str]] = defaultdict(list)
    for company, investors in store.sources_by_target([R.INVESTED_IN], deals):
        name = deals[company]
        for other in set(investors):  # an investor in a deal once, however many relations say so
            if other != id:
                shared[other].append(name)
    entities = view.names_and_labels(shared)
    rows = [{"investor": entities[other][0], "investor_id": other, "shared_deals": len(companies),
             "companies": sorted(companies)}
            for other, companies in shared.items() if other in entities and C.Investor in entities[other][1]]
    return sorted(rows, key=lambda r: (-r["shared_deals"], r["investor"], r["investor_id"]))


def _co_investors_numbered(store: Store, id: str, deals: dict[str, Any]) -> Rows:
    """`co_investors` of `id` in the `deals` (id -> name of the organisations it invested in) from each
    deal's investors as numbers (`kg.queries.derived.co_investors`): the pairs of (investor, deal) grouped
    and ordered in numpy (212,000 of them for the busiest fund at a million relations), each investor's
    companies a slice of one list of names."""
    import numpy as np  # (here: a `kg query` process of another query does not import it)

    companies, numbers, sizes = derived.co_investors(store, deals)
    numbered = derived.investor_numbers(store)
    member = numbers.astype(np.int64)
    group = np.repeat(np.arange(len(companies)), sizes)
    me = next((n for n, i, _name, _inv in numbered if i == id), -1)
    keep = member != me
    member, group = member[keep], group[keep]
    if not len(member):
        return []
    # each investor's deals in the order of their names (`sorted` on the names: a rank per company)
    names = [deals[c] for c in companies]
    rank = np.empty(len(names), dtype=np.int64)
    rank[sorted(range(len(names)), key=names.__getitem__)] = np.arange(len(names))
    order = np.lexsort((rank[group], member))
    member, group = member[order], group[order]
    named = np.array(names, dtype=object)[group]
    starts = np.flatnonzero(np.concatenate(([True], member[1:] != member[:-1]))).tolist() if len(member) else []
    rows = []
    for start, end in zip(starts, [*starts[1:], len(member)], strict=True):
        _n, other, name, investor = numbered[int(member[start])]
        if investor:
            rows.append({"investor": name, "investor_id": other, "shared_deals": end - start,
                         "companies": named[start:end].tolist()})
    return sorted(rows, key=lambda r: (-r["shared_deals"], r["investor"], r["investor_id"]))


_STATE_KEYS = ("round", "amount", "currency", "date")


def state_funds(view: StoreView, region: str | None) -> set[str]:
    """The investors state capital may flow through: the StateOwnedFunds (of `region`, when given) and
    every organisation something owns or controls (whose chains may end at the state)."""
    classes = [c for c in view.ontology.classes if C.StateOwnedFund in view.ontology.ancestors(c)]
    state: dict[str, bool] = {}  # types JSON -> a StateOwnedFund? (a few distinct ones: each worked out once)
    funds = set()
    for i, types, attrs in view.store.entities_typed_like(classes):
        if types not in state:
            state[types] = C.StateOwnedFund in view.ontology.labels_for(json.loads(types))
        if state[types] and (region is None or json.loads(attrs).get("region") == region):
            funds.add(i)
    return funds | set(view.store.distinct_ends("source", OWNERSHIP_TYPES))


def state_capital(view: StoreView, region: str | None, level: str | None) -> Rows:
    """`statecapital.state_capital` on the view: from the rows the store derived for every region once
    for its version (`kg.queries.derived`), else `computed_state_capital`."""
    if (derived.wanted(view, derived.ANSWER_KEYS["state-capital"])
            and (rows := derived.state_capital(view.store, region, level)) is not None):
        return rows
    return computed_state_capital(view, region, level)


def computed_state_capital(view: StoreView, region: str | None, level: str | None) -> Rows:
    """`statecapital.state_capital` on the view: the investments of the StateOwnedFunds (of `region`)
    and of the organisations something owns or controls, each with the chains above its fund (walked
    by `ownership.raw_paths` on a graph of just those chains)."""
    store = view.store
    if derived.wanted(view):
        investments, named = derived.investments(store, state_funds(view, region), _STATE_KEYS)
        entities = view.labelled(named)
    else:
        investments = store.investments(state_funds(view, region), _STATE_KEYS)
        entities = view.names_and_labels({t for _i, _s, t, _m, _v in investments})
    investors = {s for _i, s, _t, _m, _v in investments}
    # the chains above the funds, alone: the order of a fund's neighbours does not matter here, as each
    # investment's state owners and levels are sorted sets (`statecapital.table`)
    chains = view.graph(view.ownership_chains(investors).values(), investors)
    companies = {c: name for c, (name, labels) in entities.items() if C.Organization in labels}
    # what a row takes from its fund (name, region, and the levels and state owners `statecapital.table`
    # makes of its chains), worked out once per fund: None where its investments are not state capital
    funds: dict[str, tuple[Any, Any, list[str], list[str]] | None] = {}
    for fund in investors:
        node = chains.nodes[fund] if fund in chains else {}
        summary = None
        if C.Organization in node.get("labels", []) and (region is None or node.get("region") == region):
            summary = _summary(chains, fund, node, level)
        funds[fund] = None if summary is None else (node.get("name"), node.get("region"), *summary)
    rows: Rows = []
    keys = []  # each row's place in `statecapital.ordered`, made with the row (57,000 rows at 1M relations)
    for _i, fund, company, _m, (round_name, amount, currency, date) in investments:
        about = funds[fund]
        if about is None or company not in companies:
            continue
        fund_name, fund_region, levels, owners = about
        name = companies[company]
        round_name = None if round_name == [] else round_name  # `_clean` inline: None stays None, [] is None
        rows.append({"company": name, "company_id": company, "fund": fund_name, "fund_id": fund,
                     "region": fund_region, "gov_levels": list(levels), "state_owners": list(owners),
                     "round": round_name, "amount": None if amount == [] else amount,
                     "currency": None if currency == [] else currency, "date": None if date == [] else date})
        keys.append((str(name), company, str(fund_name), fund, "" if round_name is None else str(round_name)))
    # `statecapital.ordered`'s stable sort, on keys made once
    return [rows[i] for i in sorted(range(len(rows)), key=keys.__getitem__)]


def _summary(chains: Any, fund: str, node: dict[str, Any], level: str | None) -> tuple[list[str], list[str]] | None:
    """(levels, state owners) that `statecapital.table` gives an investment of `fund` (None: none, the fund
    is not state capital of `level`), from the rows `raw_state_capital` makes of it: one per chain."""
    labels = node.get("labels", [])
    owned = any(d.get("type") in OWNERSHIP_TYPES and C.Organization in chains.nodes[t].get("labels", [])
                for _s, t, d in chains.out_edges(fund, data=True))
    if not owned and C.StateOwnedFund not in labels:
        return None
    base = {"company": None, "company_id": None, "fund": node.get("name"), "fund_id": fund,
            "region": node.get("region"), "fund_labels": list(labels), "fund_level": node.get("gov_level"),
            "relation_id": fund, "round": None, "amount": None, "currency": None, "date": None}
    paths: list[dict[str, Any] | None] = list(raw_paths(chains, fund)) or [None]
    raw = [{**base, "owner": None if path is None else {"id": path["ids"][-1], "name": path["names"][-1],
                                                        "gov_level": path["gov_level"], "labels": path["labels"]}}
           for path in paths]
    kept = statecapital.table(raw, {"level": level})
    return (kept[0]["gov_levels"], kept[0]["state_owners"]) if kept else None

def _note_single_totals(store: Store, deals: list[derived.Investment], single: dict[tuple[str, str], str],
                        rounds: dict[tuple[str, str], tuple[int, Any, Any]]) -> dict[str, Any]:
    """Note in `rounds` the relation whose sum is each round's total, for the rounds with one sum (`single`)
    that is not one investor's own, and return those sums (relation id -> (amount, currency)). Most are
    the investor's own deals, read with their method already in `deals`; `relation_values` reads only the
    others."""
    known = {i: (method, amount, currency) for i, _s, _t, method, (_r, _d, amount, currency, _role) in deals}
    totals = {rel_id: known[rel_id][1:] for rel_id in single.values() if rel_id in known and not known[rel_id][0]}
    totals.update(store.relation_values([r for r in single.values() if r not in known], ("amount", "currency"),
                                        unless_method=OWN_AMOUNT_METHOD))
    for key, rel_id in single.items():
        if rel_id in totals:
            rounds[key] = (*rounds[key][:2], rel_id)
    return totals

def _note_contested_totals(store: Store, contested: set[tuple[str, str]],
                           rounds: dict[tuple[str, str], tuple[int, Any, Any]], totals: dict[str, Any]) -> None:
    """Note in `rounds` the total of each round with several sums stated (`contested`): the surest relation
    whose sum is not one investor's own (ties: the least id); then read into `totals` the values of every
    round's total relation not read yet."""
    surest: dict[tuple[str, str], tuple[float, str]] = {}
    for company, round_name, rel_id, confidence in (store.round_totals({c for c, _r in contested}, OWN_AMOUNT_METHOD)
                                                    if contested else ()):
        key = (company, round_name)
        if key in contested and (key not in surest or (-confidence, rel_id) < surest[key]):
            surest[key] = (-confidence, rel_id)
    for key, (_c, rel_id) in surest.items():
        rounds[key] = (*rounds[key][:2], rel_id)
    totals.update(store.relation_values({t for _n, _d, t in rounds.values() if t is not None and t not in totals},
                                        ("amount", "currency")))


def _every_portfolio_row(view: StoreView) -> Iterator[tuple[Any, dict[str, Any]]]:
    for investor, rows in every_portfolio(view):
        for row in rows:
            yield investor, row


def _every_state_capital_row(view: StoreView) -> Iterator[tuple[Any, dict[str, Any]]]:
    for row in computed_state_capital(view, None, None):
        yield row["region"], row


# what the derived tables keep of these answers is made by the code that answers them otherwise
derived.MAKERS.update({"portfolio": _every_portfolio_row, "state-capital": _every_state_capital_row})
