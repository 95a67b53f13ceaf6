"""The derived tables (`kg.queries.derived`: every funding round's group and every investment, computed once
per store version) give the answers the relations give, are built by the first query that misses them,
and never outlive a write: a new article shows in the next answer."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from kg.graph import to_networkx
from kg.queries import derived, run_embedded, run_store, wide
from kg.queries.storeview import StoreView
from kg.store import open_store
from tests.factories import financial_articles, investor_network, record_all
from tests.queries.test_wide import _calls, _invest, _plain_network, _write

_WIDE = [c for c in _calls() if c[0] in ("portfolio", "state-capital")]


@pytest.fixture(autouse=True)
def every_portfolio_derived(monkeypatch: pytest.MonkeyPatch) -> None:
    """The portfolios of every investor derived (at a million relations only the busiest are)."""
    monkeypatch.setattr(wide, "DERIVED_PORTFOLIO_DEALS", 1)


@pytest.fixture(autouse=True)
def built_on_first_ask(monkeypatch: pytest.MonkeyPatch) -> None:
    """The tables built by the first call that misses them (by default the second, see the test below)."""
    monkeypatch.setattr(derived, "BUILD_ON_ASK", 1)


def test_by_default_the_second_call_at_a_version_builds_the_tables(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """A pipeline that builds and asks once pays no build; asking again builds them; a write starts over."""
    monkeypatch.setattr(derived, "BUILD_ON_ASK", 2)
    vc = "organization:vc-a"
    with open_store(tmp_path / "store") as store:
        _plain_network(store)
        first = run_store(store, "portfolio", vc)
        assert not derived.ready(store)
        assert run_store(store, "portfolio", vc) == first
        assert derived.ready(store)
        assert run_store(store, "portfolio", vc) == first == run_embedded(to_networkx(store), "portfolio", vc)
        _write(store, [_invest(vc, "organization:co-2", round="B", role="lead", amount=70_000_000, currency="USD")],
               confidence=0.99)
        after = run_store(store, "portfolio", vc)
        assert not derived.ready(store)
        assert run_store(store, "portfolio", vc) == after != first
        assert derived.ready(store)


@pytest.fixture(scope="module")
def plain(tmp_path_factory: pytest.TempPathFactory) -> Any:
    store = open_store(tmp_path_factory.mktemp("derived") / "store")
    _plain_network(store)
    yield store, to_networkx(store)
    store.close()


@pytest.mark.parametrize(("name", "args", "options"), _WIDE)
def test_rows_with_and_without_the_tables_are_the_views(plain: Any, name: str, args: list[str],
                                                       options: dict[str, Any]) -> None:
    store, graph = plain
    options = {k: v for k, v in options.items() if v is not None}
    store.clear_query_cache()
    assert not derived.ready(store)
    without = run_store(store, name, *args, **options)  # from the relations; builds the tables after
    assert derived.ready(store)
    # the state-capital rows only when that query asked
    assert derived.ready(store, derived.ANSWER_KEYS["state-capital"]) == (name == "state-capital")
    assert run_store(store, name, *args, **options) == without == run_embedded(graph, name, *args, **options)


def test_a_new_article_shows_in_the_next_answer(tmp_path: Path) -> None:
    """Build, query, add an article, query again: the new investment and the round's new total are there
    (the tables were for the old version: not used, rebuilt after)."""
    fund, vc = "organization:fund-s", "organization:vc-a"
    with open_store(tmp_path / "store") as store:
        _plain_network(store)
        run_store(store, "portfolio", vc)
        assert derived.ready(store)
        portfolio, state = run_store(store, "portfolio", vc), run_store(store, "state-capital", region="Shanghai")
        version = store.data_version()
        # a new deal of the state fund, and a surer total for a round vc-a is in
        _write(store, [_invest(fund, "organization:co-5", round="B", amount=8, currency="CNY", date="2025-01"),
                       _invest(vc, "organization:co-2", round="B", role="lead", amount=70_000_000, currency="USD")],
               confidence=0.99)
        assert store.data_version() != version
        assert not derived.ready(store) and not derived.ready(store, derived.ANSWER_KEYS["state-capital"])
        graph = to_networkx(store)
        new_portfolio = run_store(store, "portfolio", vc)
        assert derived.ready(store)  # rebuilt for the new version
        new_state = run_store(store, "state-capital", region="Shanghai")
        assert derived.ready(store, derived.ANSWER_KEYS["state-capital"])
        assert new_portfolio == run_embedded(graph, "portfolio", vc) != portfolio
        assert new_state == run_embedded(graph, "state-capital", region="Shanghai") != state
        assert {r["company_id"] for r in new_state} - {r["company_id"] for r in state} == {"organization:co-5"}
        assert run_store(store, "portfolio", vc) == new_portfolio  # from the rebuilt tables
        assert run_store(store, "state-capital", region="Shanghai") == new_state
        assert run_store(store, "state-capital", level="municipal") == run_embedded(graph, "state-capital",
                                                                                  level="municipal")
    with open_store(tmp_path / "store") as store:  # a fresh process: the tables are the current version's
        assert derived.ready(store)
        assert run_store(store, "portfolio", vc) == run_embedded(to_networkx(store), "portfolio", vc)


@pytest.mark.parametrize("odd", [{"round": 1}, {"round": "1", "date": 2021}, {"round": "1", "currency": True},
                                 {"round": "1", "amount": [1, 2], "currency": "CNY"}])
def test_values_sql_reads_otherwise_give_way_from_the_tables_too(tmp_path: Path, odd: dict[str, Any]) -> None:
    """The derived groups keep whether a round's values are plain: the portfolio gives way to the subgraph
    as it does without them, and a list for an amount is read exactly."""
    with open_store(tmp_path / "store") as store:
        _write(store, [_invest("organization:vc-a", "organization:co-1", round="1", role="lead", amount=2,
                               currency="CNY", date="2021-01"),
                       _invest("organization:vc-b", "organization:co-1", **odd)])
        assert derived.build(store) and derived.ready(store)
        graph = to_networkx(store)
        with store.snapshot():
            fast = wide.portfolio(StoreView(store), "organization:vc-b")
        assert (fast is None) == ("amount" not in odd)
        for investor in ("organization:vc-a", "organization:vc-b"):
            assert run_store(store, "portfolio", investor) == run_embedded(graph, "portfolio", investor)
        assert run_store(store, "state-capital") == run_embedded(graph, "state-capital")


def test_a_reader_does_not_wait_for_a_writer_to_build(tmp_path: Path) -> None:
    """While another process writes, a query answers from the relations and builds nothing."""
    with open_store(tmp_path / "store") as store:
        _plain_network(store)
        graph = to_networkx(store)
        with open_store(tmp_path / "store") as writer, writer.transaction():
            assert run_store(store, "portfolio", "organization:vc-a") == run_embedded(graph, "portfolio",
                                                                                       "organization:vc-a")
            assert not derived.build(store) and not derived.ready(store)
        run_store(store, "portfolio", "organization:vc-a")
        assert derived.ready(store)


def test_ipo_pipeline_from_its_derived_rows_and_after_a_new_listing(tmp_path: Path) -> None:
    """Every exchange's IPO rows are derived once per version: each exchange's answer (and all of them)
    is the view's before and after an article adding an IPO, whose listing shows in the next answer."""
    extractions = [*investor_network(), *financial_articles()]
    last_ipo = max(i for i, e in enumerate(extractions) if (e.article.title or "").endswith(" IPO"))
    calls: list[list[str]] = [[], ["HKEX"], ["SSE"]]
    key = derived.ANSWER_KEYS["ipo-pipeline"]
    with open_store(tmp_path / "store") as store:
        record_all(store, extractions[:last_ipo])
        graph = to_networkx(store)
        first = [run_store(store, "ipo-pipeline", *args) for args in calls]
        assert derived.ready(store, key)
        assert [run_store(store, "ipo-pipeline", *args) for args in calls] == first == [
            run_embedded(graph, "ipo-pipeline", *args) for args in calls]
        assert run_store(store, "ipo-pipeline", "HKEX", as_of="2025-06") == run_embedded(graph, "ipo-pipeline",
                                                                                           "HKEX", as_of="2025-06")
        record_all(store, extractions[last_ipo:])
        assert not derived.ready(store, key)
        graph = to_networkx(store)
        after = [run_store(store, "ipo-pipeline", *args) for args in calls]
        assert derived.ready(store, key)
        assert [run_store(store, "ipo-pipeline", *args) for args in calls] == after == [
            run_embedded(graph, "ipo-pipeline", *args) for args in calls]
        assert after[1] != first[1] and len(after[0]) > len(first[0])


def test_co_investors_from_numbered_investors_and_after_a_new_deal(tmp_path: Path) -> None:
    """Each company's investors, numbered once per version, give the view's co-investors (names of shared
    deals sorted, an investor in two same-named companies twice), and a new deal shows in the next answer."""
    key = derived.ANSWER_KEYS["co-investors"]
    investors = ["organization:vc-a", "organization:vc-b", "organization:vc-c", "organization:fund-s",
                 "organization:holdco", "organization:co-1"]
    with open_store(tmp_path / "store") as store:
        _plain_network(store)
        graph = to_networkx(store)
        first = [run_store(store, "co-investors", i) for i in investors]
        assert derived.ready(store, key)
        assert [run_store(store, "co-investors", i) for i in investors] == first == [
            run_embedded(graph, "co-investors", i) for i in investors]
        assert any(len(r["companies"]) > 1 for rows in first for r in rows)
        _write(store, [_invest("organization:vc-c", "organization:co-1", round="A", role="follow")])
        assert not derived.ready(store, key)
        graph = to_networkx(store)
        after = [run_store(store, "co-investors", i) for i in investors]
        assert derived.ready(store, key)
        assert [run_store(store, "co-investors", i) for i in investors] == after == [
            run_embedded(graph, "co-investors", i) for i in investors]
        assert after[0] != first[0]


def test_only_the_busiest_portfolios_are_derived(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Investors in fewer investments than `DERIVED_PORTFOLIO_DEALS` are answered from the derived tables
    without derived rows; the others from their rows: both the view's."""
    monkeypatch.setattr(wide, "DERIVED_PORTFOLIO_DEALS", 5)
    with open_store(tmp_path / "store") as store:
        _plain_network(store)
        graph = to_networkx(store)
        investors = ["organization:vc-a", "organization:vc-b", "organization:vc-c", "organization:fund-b"]
        first = [run_store(store, "portfolio", i) for i in investors]
        assert derived.ready(store, derived.ANSWER_KEYS["portfolio"])
        assert [bool(derived.answer(store, "portfolio", i)) for i in investors] == [True, True, False, False]
        assert [run_store(store, "portfolio", i) for i in investors] == first == [
            run_embedded(graph, "portfolio", i) for i in investors]
