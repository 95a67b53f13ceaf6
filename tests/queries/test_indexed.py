"""The indexed path (`run_store`: SQL on the store, no whole-graph view) gives the rows the networkx
view gives (`run_embedded(to_networkx(store))`), for every named query, on generated stores; and its
cache never outlives a write."""

from __future__ import annotations

import gc
import sys
from pathlib import Path

import networkx as nx
import pytest

from kg.errors import KGError
from kg.graph import to_networkx
from kg.queries import QUERIES, embedded, find_entity, find_store_entity, run_embedded, run_store
from kg.store import Store, open_store
from tests import paths
from tests.disputes_data import disputed_round
from tests.factories import financial_articles, hostile_article, investor_network, record_all
from tests.ownership_data import ownership_web
from tests.queries.test_queries import SAMPLE_CALLS

sys.path.insert(0, str(paths.SCRIPTS))
import bench_load  # noqa: E402


@pytest.fixture(scope="module")
def network(tmp_path_factory: pytest.TempPathFactory) -> tuple[Store, nx.MultiDiGraph]:
    store = open_store(tmp_path_factory.mktemp("indexed") / "store")
    record_all(store, [*investor_network(), hostile_article(), *financial_articles(), ownership_web(),
                       *disputed_round()])
    yield store, to_networkx(store)
    store.close()


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> tuple[Store, nx.MultiDiGraph]:
    """bench_load's investor network (heavy-tailed syndicates, spin-offs, IPOs), 400 companies."""
    store = open_store(tmp_path_factory.mktemp("synthetic") / "store")
    bench_load.generate(store, 400)
    yield store, to_networkx(store)
    store.close()


def _every_call(graph: nx.MultiDiGraph) -> list[tuple[str, list[str], dict]]:
    """Each query on many entities: every organisation, person, exchange and derived node, each option."""
    calls: list[tuple[str, list[str], dict]] = []
    nodes = sorted(n for n, d in graph.nodes(data=True) if "Article" not in d["labels"])
    orgs = [n for n in nodes if "Organization" in graph.nodes[n]["labels"]]
    for org in orgs:
        calls += [("investors", [org], {}), ("portfolio", [org], {}), ("co-investors", [org], {}),
                  ("alumni", [org], {}), ("lineage", [org], {"depth": 10}),
                  ("lineage", [org], {"depth": 1, "direction": "up"}),
                  ("lineage", [org], {"depth": 2, "direction": "down"}), ("ownership", [org], {}),
                  ("state-exposure", [org], {})]
    calls += [("compare", [a, b, *rest], {}) for a, b, *rest in zip(orgs, orgs[1:], orgs[2:], strict=False)]
    calls += [("timeline", [n], {}) for n in nodes]
    calls += [("state-capital", [], {}), ("central-investors", [], {"top": 1000}),
              ("ipo-pipeline", [], {})]
    calls += [("state-capital", [], {"region": r}) for r in ("Shanghai", "Beijing", "nowhere")]
    calls += [("state-capital", [], {"level": level}) for level in ("central", "provincial", "municipal", "district")]
    step = max(1, len(nodes) // 25)
    ends = nodes[::step]
    # as of dates before, inside and after the network's years (undated facts: from their first report)
    for as_of in ("2020", "2022-06", "2024-12-31"):
        calls += [(name, [org], {"as_of": as_of}) for org in orgs[::3]
                  for name in ("investors", "portfolio", "co-investors", "ownership", "state-exposure", "alumni",
                               "disputes")]
        calls += [("lineage", [org], {"depth": 10, "as_of": as_of}) for org in orgs[::3]]
        calls += [("compare", [a, b], {"as_of": as_of}) for a, b in zip(orgs[::3], orgs[1::3], strict=False)]
        calls += [("timeline", [n], {"as_of": as_of}) for n in nodes[::4]]
        calls += [("state-capital", [], {"as_of": as_of}), ("disputes", [], {"as_of": as_of}),
                  ("central-investors", [], {"top": 1000, "as_of": as_of}), ("ipo-pipeline", [], {"as_of": as_of})]
        calls += [("financials", [org], {"as_of": as_of}) for org in orgs[::3]]
        calls += [("ipo-pipeline", [x], {"as_of": as_of}) for x in orgs if "Exchange" in graph.nodes[x]["labels"]]
        calls += [("path", [a, b], {"max_hops": 6, "as_of": as_of}) for a in ends[::5] for b in ends[2::4] if a != b]
    calls += [("ipo-pipeline", [x], {}) for x in orgs if "Exchange" in graph.nodes[x]["labels"]]
    calls += [("path", [a, b], {"max_hops": hops}) for a in ends for b in ends[::3] if a != b
              for hops in (2, 6)]
    return calls


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_indexed_rows_equal_the_views_on_the_test_network(network: tuple[Store, nx.MultiDiGraph],
                                                          name: str) -> None:
    store, graph = network
    calls = [c for c in _every_call(graph) if c[0] == name]
    args, options = SAMPLE_CALLS[name]
    calls.append((name, args, options))
    assert calls
    for _name, args, options in calls:
        assert run_store(store, name, *args, **options) == run_embedded(graph, name, *args, **options), (args, options)


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_indexed_rows_equal_the_views_on_a_generated_store(synthetic: tuple[Store, nx.MultiDiGraph],
                                                           name: str) -> None:
    store, graph = synthetic
    calls = [c for c in _every_call(graph) if c[0] == name]
    calls += [c for c in bench_load.query_calls(graph) if c[0] == name]
    for _name, args, options in calls[:400]:
        assert run_store(store, name, *args, **options) == run_embedded(graph, name, *args, **options), (args, options)


@pytest.mark.parametrize("name", ["星衡智能", "Stellar Balance AI", "fundinground:云图数据:B",
                                  "ipo:量子跃迁:hkex", "organization:hkex", "紅杉中國", "hkex", "cloudmap da",
                                  "星衡智"])
def test_names_resolve_as_on_the_view(network: tuple[Store, nx.MultiDiGraph], name: str) -> None:
    """Any alias, a prefix of one, a derived FundingRound or IPO by its id: the same entity as the view
    finds."""
    store, graph = network
    assert run_store(store, "timeline", name) == run_embedded(graph, "timeline", name)
    assert run_store(store, "path", name, "林知远") == run_embedded(graph, "path", name, "林知远")


_EVERY_KIND_OF_NAME = ["星衡智能", "Stellar Balance AI", "fundinground:云图数据:B", "ipo:量子跃迁:hkex",
                       "organization:hkex", "紅杉中國", "hkex", "cloudmap da", "星衡智", "no such firm", "星衡智能科技",
                       "cloudmap data angel", "Cloudmap Data IPO (港交所)", "红杉", "article:x"]


@pytest.mark.parametrize("name", _EVERY_KIND_OF_NAME)
def test_find_store_entity_answers_as_find_entity_on_the_view(network: tuple[Store, nx.MultiDiGraph],
                                                               name: str) -> None:
    """The drawings resolve their entity from the store before they build the view: the same id as
    `find_entity` on the view, or the same error word for word."""
    store, graph = network
    try:
        expected: object = find_entity(graph, name)
    except KGError as exc:
        expected = (type(exc), str(exc))
    try:
        got: object = find_store_entity(store, name)
    except KGError as exc:
        got = (type(exc), str(exc))
    assert got == expected


def test_find_store_entity_finds_every_entity_by_id_name_and_alias(network: tuple[Store, nx.MultiDiGraph]) -> None:
    store, graph = network
    checked = 0
    for node, data in graph.nodes(data=True):
        if "Article" in data.get("labels", []):
            continue
        for name in [node, data.get("name"), *data.get("aliases", [])]:
            if not name:
                continue
            try:
                expected: object = find_entity(graph, name)
            except KGError as exc:
                expected = str(exc)
            try:
                got: object = find_store_entity(store, name)
            except KGError as exc:
                got = str(exc)
            assert got == expected, name
            checked += 1
    assert checked > 100


@pytest.mark.parametrize("args", [["no such firm"], ["星衡智能科技"], ["cloudmap data angel"],
                                  ["Cloudmap Data IPO (港交所)"]])
def test_unknown_names_fail_with_the_views_message(network: tuple[Store, nx.MultiDiGraph], args: list[str]) -> None:
    store, graph = network
    with pytest.raises(KGError) as expected:
        run_embedded(graph, "investors", *args)
    with pytest.raises(KGError) as got:
        run_store(store, "investors", *args)
    assert str(got.value) == str(expected.value)


def test_the_cycle_collector_is_paused_only_while_a_query_runs(network: tuple[Store, nx.MultiDiGraph]) -> None:
    store, graph = network
    seen = []
    real = embedded.co_investors

    def spy(*args: object, **kwargs: object) -> object:
        seen.append(gc.isenabled())
        return real(*args, **kwargs)

    embedded.co_investors = spy
    try:
        assert gc.isenabled()
        rows = run_store(store, "co-investors", "HongShan", as_of="2030")  # as of a date: the twin answers
        assert seen == [False] and gc.isenabled()
        assert rows == run_embedded(graph, "co-investors", "HongShan", as_of="2030")
        with pytest.raises(KGError):
            run_store(store, "investors", "No Such Company Ltd")
        assert gc.isenabled()  # an error leaves it on too
        gc.disable()
        try:
            run_store(store, "co-investors", "HongShan", as_of="2030")
            assert not gc.isenabled()  # and a caller's choice to keep it off stands
        finally:
            gc.enable()
    finally:
        embedded.co_investors = real


def test_a_write_after_a_query_changes_the_next_answer(tmp_path: Path) -> None:
    """central-investors is cached per store version; a build after a query must show in the next one."""
    extractions = investor_network()
    with open_store(tmp_path / "store") as store:
        record_all(store, extractions[:6])
        first = run_store(store, "central-investors", top=50)
        version = store.data_version()
        assert store.cached("central-investors", version) is not None
        assert run_store(store, "central-investors", top=50) == first  # from the cache
        record_all(store, extractions[6:])
        assert store.data_version() != version
        after = run_store(store, "central-investors", top=50)
        assert after != first
        assert after == run_embedded(to_networkx(store), "central-investors", top=50)
    with open_store(tmp_path / "store") as store:  # a fresh process: the cached answer is the current one
        assert run_store(store, "central-investors", top=50) == after


def test_central_investors_as_of_keeps_one_cached_date(tmp_path: Path) -> None:
    """As of a date, the ranking is cached in one slot holding the last date asked: another date is
    computed afresh (never the other date's answer), and asking many dates never grows the cache."""
    with open_store(tmp_path / "store") as store:
        record_all(store, investor_network())
        graph = to_networkx(store)
        answers = {d: run_embedded(graph, "central-investors", top=50, as_of=d) for d in ("2021-03", "2022")}
        assert answers["2021-03"] != answers["2022"]
        for as_of in ("2021-03", "2022", "2022", "2021-03"):
            assert run_store(store, "central-investors", top=50, as_of=as_of) == answers[as_of]
        assert run_store(store, "central-investors", top=50) == run_embedded(graph, "central-investors", top=50)
        keys = [k for (k,) in store.connection.execute("SELECT key FROM query_cache")]
        assert sorted(k for k in keys if k.startswith("central-investors")) == ["central-investors",
                                                                               "central-investors --as-of"]


def test_every_kind_of_write_bumps_the_version(tmp_path: Path) -> None:
    with open_store(tmp_path / "store") as store:
        versions = [store.data_version()]
        record_all(store, investor_network()[:3])
        versions.append(store.data_version())
        article = store.articles()[0].id
        store.remove_article(article)
        versions.append(store.data_version())
        with store.transaction() as conn:
            conn.execute("UPDATE entities SET name = name || 'x' WHERE rowid = 1")
        versions.append(store.data_version())
    assert versions == sorted(set(versions))  # strictly increasing


def test_the_cache_is_not_written_while_another_process_writes(tmp_path: Path) -> None:
    """A reader never waits for a build's write lock: it answers without caching."""
    with open_store(tmp_path / "store") as store:
        record_all(store, investor_network()[:6])
        with open_store(tmp_path / "store") as writer, writer.transaction():
            rows = run_store(store, "central-investors", top=5)
            assert store.cached("central-investors", store.data_version()) is None
        assert rows == run_store(store, "central-investors", top=5)
