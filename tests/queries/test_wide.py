"""The wide answers (`kg.queries.wide`: portfolio, co-investors and state capital made from SQL values, no
subgraph) give the view's rows on a store written to hold what their rules turn on: a round's most
precise date and its total from the surest lead, a sum tied to one investor, a sole investor's own sum,
two leads of one round, a round whose only sum is one investor's, an investor twice in one round, an
investment into a product, two companies of one name, a fund owned by the state and one owned by
nobody, a chain of owners longer than the look-through goes; and values SQL would read otherwise than
Python (a number where a round is text, a real, a boolean), for which the portfolio gives way to the
subgraph."""

from __future__ import annotations

from itertools import count
from pathlib import Path
from typing import Any

import pytest

from kg.graph import OWN_AMOUNT_METHOD, to_networkx
from kg.model import Article, ResolvedEntity, ResolvedRelation, Source
from kg.names import normalize_name
from kg.queries import run_embedded, run_store, wide
from kg.queries.ownership import MAX_HOPS
from kg.queries.storeview import StoreView
from kg.resolve import relation_id
from kg.store import Store, open_store, write_article

_ROOTS = {"Company": "Organization", "Investor": "Organization", "StateOwnedFund": "Organization",
          "GovernmentBody": "Organization", "Product": "Product"}
_ENTITIES: dict[str, tuple[str, str, dict[str, Any]]] = {
    "organization:vc-a": ("Investor", "Alpha Capital", {}),
    "organization:vc-b": ("Investor", "Beta Ventures", {}),
    "organization:vc-c": ("Investor", "Gamma Partners", {}),
    "organization:fund-s": ("StateOwnedFund", "上海未来基金", {"region": "Shanghai", "gov_level": "municipal"}),
    "organization:fund-b": ("StateOwnedFund", "北京引导基金", {"region": "Beijing"}),
    "organization:sasac": ("GovernmentBody", "上海市国资委", {"gov_level": "municipal", "region": "Shanghai"}),
    "organization:holdco": ("Company", "Holdco Industrial", {}),
    "organization:private": ("Company", "Private Holdings", {}),
    **{f"organization:co-{i}": ("Company", f"公司{i}", {}) for i in range(1, 9)},
    "organization:twin-1": ("Company", "同名科技", {}),
    "organization:twin-2": ("Company", "同名科技", {}),
    "product:widget": ("Product", "Widget", {}),
    **{f"organization:owner-{i}": ("Company", f"Owner {i}", {}) for i in range(MAX_HOPS + 2)},
}
_numbers = count()


def _write(store: Store, relations: list[tuple[str, str, str, dict[str, Any]]], *, method: str = "rule",
           confidence: float = 0.9, published: str = "2024-05-01", ids: tuple[str, ...] = ()) -> None:
    """One article stating `relations` (type, source, target, props), each read by `method` at `confidence`
    (with these `ids`, when given: as resolution leaves two facts it merged the ends of)."""
    article = Article(text=f"wide test article {next(_numbers)}", published=published, lang="en")
    source = Source(article.id, 0, 0, 5, method, confidence)
    ends = {n for _t, s, d, _p in relations for n in (s, d)}
    entities = [ResolvedEntity(id=n, root=_ROOTS[_ENTITIES[n][0]], key=None, name=_ENTITIES[n][1],
                               types=(_ENTITIES[n][0],), attrs=_ENTITIES[n][2], names=(_ENTITIES[n][1],),
                               known_aliases=(), sources=(source,)) for n in sorted(ends)]
    facts = [ResolvedRelation(ids[i] if ids else relation_id(t, s, d, p), t, s, d, p, source)
             for i, (t, s, d, p) in enumerate(relations)]
    write_article(store, article, entities, facts, normalize_name)


def _invest(source: str, target: str, **props: Any) -> tuple[str, str, str, dict[str, Any]]:
    return ("INVESTED_IN", source, target, props)


def _plain_network(store: Store) -> None:
    a, b, c, s = "organization:vc-a", "organization:vc-b", "organization:vc-c", "organization:fund-s"
    _write(store, [  # a round's date is its most precise one; its total the lead's
        _invest(a, "organization:co-1", round="A", role="lead", amount=100_000_000, currency="CNY", date="2021-03"),
        _invest(b, "organization:co-1", round="A", role="follow", date="2021-03-15"),
        _invest(s, "organization:co-1", round="A", role="follow", date="2021"),
        # a sole investor named with no role: its sum is its own, and the round's
        _invest(a, "organization:co-2", round="B", amount=50_000_000, currency="USD", date="2022-01"),
        # no round: the edge's own values; a real amount and an empty date
        _invest(a, "organization:co-6", amount=3.25, currency="CNY", date=""),
        # an investment into a product is not in a portfolio
        _invest(a, "product:widget", round="A", amount=1, currency="CNY"),
        _invest(a, "organization:twin-1", round="A"), _invest(b, "organization:twin-1", round="A"),
        _invest(a, "organization:twin-2", round="Seed"), _invest(b, "organization:twin-2", round="Seed"),
        _invest(c, "organization:twin-2", round="Seed"),
        ("OWNED_BY", "organization:holdco", "organization:sasac", {"share": 0.6}),
        ("OWNED_BY", "organization:private", "organization:co-8", {"share": 1.0}),
        _invest("organization:holdco", "organization:co-3", round="A", amount=10, currency="CNY"),
        _invest("organization:private", "organization:co-3", round="A"),
        _invest("organization:fund-b", "organization:co-3", round="A", date="2023-07"),
        # an empty list where a sum goes: the view leaves the property off (None in every answer)
        _invest("organization:fund-b", "organization:co-6", round="B", amount=[], currency="CNY"),
    ])
    # two leads of one round with a currency each: the surer one's sum is the round's total
    _write(store, [_invest(a, "organization:co-3", round="B", role="lead", amount=7, currency="CNY")], confidence=0.7)
    _write(store, [_invest(b, "organization:co-3", round="B", role="lead", amount=9, currency="HKD")], confidence=0.95)
    # a sum tied to one investor ("其中A出资…"): its own, not the round's; the lead's total stands
    _write(store, [_invest(a, "organization:co-4", round="C", amount=20_000_000, currency="CNY")],
           method=OWN_AMOUNT_METHOD)
    _write(store, [_invest(b, "organization:co-4", round="C", role="lead", amount=100_000_000, currency="CNY",
                           date="2024-02")])
    # a round whose only sum is one investor's own: no total
    _write(store, [_invest(c, "organization:co-5", round="A", amount=5, currency="USD")], method=OWN_AMOUNT_METHOD)
    _write(store, [_invest(a, "organization:co-5", round="A", role="follow")])
    # one investor twice in a round (two facts whose investors resolution found to be one): two participations
    _write(store, [_invest(a, "organization:co-7", round="A", role="lead", amount=4, currency="CNY"),
                   _invest(b, "organization:co-7", round="A", role="follow")])
    _write(store, [_invest(a, "organization:co-7", round="A", role="lead")], confidence=0.8, ids=("r-moved",))
    # a chain of owners longer than the look-through (`ownership.MAX_HOPS`) above a company
    chain = ["organization:co-8", *(f"organization:owner-{i}" for i in range(MAX_HOPS + 2))]
    _write(store, [("OWNED_BY", x, y, {}) for x, y in zip(chain, chain[1:], strict=False)])


@pytest.fixture(scope="module")
def plain(tmp_path_factory: pytest.TempPathFactory) -> Any:
    store = open_store(tmp_path_factory.mktemp("wide") / "store")
    _plain_network(store)
    yield store, to_networkx(store)
    store.close()


def _calls() -> list[tuple[str, list[str], dict[str, Any]]]:
    orgs = sorted(n for n, (t, _n, _a) in _ENTITIES.items() if _ROOTS[t] == "Organization")
    calls = [(name, [org], {}) for org in orgs
             for name in ("portfolio", "co-investors", "investors", "ownership", "state-exposure")]
    calls += [("state-capital", [], {"region": r}) for r in (None, "Shanghai", "Beijing", "nowhere")]
    calls += [("state-capital", [], {"level": level}) for level in ("municipal", "central")]
    return calls


@pytest.mark.parametrize(("name", "args", "options"), _calls())
def test_wide_rows_are_the_views(plain: Any, name: str, args: list[str], options: dict[str, Any]) -> None:
    store, graph = plain
    options = {k: v for k, v in options.items() if v is not None}
    assert run_store(store, name, *args, **options) == run_embedded(graph, name, *args, **options)


def test_the_cases_are_there(plain: Any) -> None:
    """The portfolio of vc-a meets each case above (the test would not notice them gone otherwise), and is
    made from SQL values, not a subgraph."""
    store, graph = plain
    with store.snapshot():
        rows = wide.portfolio(StoreView(store), "organization:vc-a")
    assert rows is not None and rows == run_embedded(graph, "portfolio", "organization:vc-a")
    by_company: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        by_company.setdefault(row["company"], []).append(row)
    assert [(r["date"], r["round_amount"]) for r in by_company["公司1"]] == [("2021-03-15", 100_000_000)]
    assert [(r["amount"], r["round_amount"]) for r in by_company["公司2"]] == [(50_000_000, 50_000_000)]
    assert [(r["round"], r["round_amount"], r["round_currency"]) for r in by_company["公司3"]] == [("B", 9, "HKD")]
    assert [(r["amount"], r["round_amount"]) for r in by_company["公司4"]] == [(20_000_000, 100_000_000)]
    assert [(r["amount"], r["round_amount"]) for r in by_company["公司5"]] == [(None, None)]
    assert [(r["amount"], r["date"]) for r in by_company["公司6"]] == [(3.25, "")]
    assert len(by_company["公司7"]) == 4  # two facts, each with both participations
    assert len(by_company["同名科技"]) == 2 and "Widget" not in by_company
    co = run_store(store, "co-investors", "organization:vc-a")
    assert {r["investor_id"]: r["companies"] for r in co}["organization:vc-b"].count("同名科技") == 2


@pytest.mark.parametrize("odd", [{"round": 1}, {"round": "1", "date": 2021}, {"round": "1", "currency": True},
                                 {"round": "1", "amount": [1, 2], "currency": "CNY"}])
def test_values_sql_reads_otherwise_go_through_the_subgraph(tmp_path: Path, odd: dict[str, Any]) -> None:
    """A number where the view reads a round's name or date with `str`, a boolean for a currency: the
    portfolio is the subgraph's (`wide.portfolio` gives way), the rows still the view's. A list for an
    amount is read exactly (`Store.investments`), so the wide answer stands."""
    with open_store(tmp_path / "store") as store:
        _write(store, [_invest("organization:vc-a", "organization:co-1", round="1", role="lead", amount=2,
                               currency="CNY", date="2021-01"),
                       _invest("organization:vc-b", "organization:co-1", **odd)])
        graph = to_networkx(store)
        with store.snapshot():
            fast = wide.portfolio(StoreView(store), "organization:vc-b")
        assert (fast is None) == ("amount" not in odd)
        for investor in ("organization:vc-a", "organization:vc-b"):
            assert run_store(store, "portfolio", investor) == run_embedded(graph, "portfolio", investor)
            assert run_store(store, "co-investors", investor) == run_embedded(graph, "co-investors", investor)
        assert run_store(store, "state-capital") == run_embedded(graph, "state-capital")
