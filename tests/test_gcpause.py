"""`kg.gcpause.gc_paused`: the cycle collector is off inside, restored after (also after an error, and
only if it was on), as a block or a decorator; the graph view, the bulk CSV writer and the batched
loader run under it, and leave the collector as they found it."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest

from kg.gcpause import gc_paused
from kg.graph import to_networkx
from kg.store import Store


@pytest.fixture
def collector_on() -> Iterator[None]:
    was = gc.isenabled()
    gc.enable()
    yield
    if not was:
        gc.disable()


def test_paused_inside_restored_after_even_on_error(collector_on: None) -> None:
    with gc_paused():
        assert not gc.isenabled()
        with gc_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the inner pause does not switch it on under the outer one
    assert gc.isenabled()
    with pytest.raises(RuntimeError), gc_paused():
        raise RuntimeError("boom")
    assert gc.isenabled()


def test_a_collector_that_was_off_stays_off(collector_on: None) -> None:
    gc.disable()
    with gc_paused():
        pass
    assert not gc.isenabled()
    gc.enable()


def test_as_a_decorator_each_call_pauses(collector_on: None) -> None:
    seen = []

    @gc_paused()
    def work(n: int) -> int:
        seen.append(gc.isenabled())
        return n * 2

    assert (work(2), work(3)) == (4, 6)
    assert seen == [False, False] and gc.isenabled()


def collector_seen(monkeypatch: pytest.MonkeyPatch, owner: object, name: str) -> list[bool]:
    """Whether the collector was on at each call of `owner.name` (which still runs)."""
    seen: list[bool] = []
    real = getattr(owner, name)

    def spy(*args, **kwargs):  # type: ignore[no-untyped-def]
        seen.append(gc.isenabled())
        return real(*args, **kwargs)

    monkeypatch.setattr(owner, name, spy)
    return seen


def test_the_view_is_built_with_the_collector_paused(collector_on: None, store: Store,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    seen = collector_seen(monkeypatch, store, "entities")
    to_networkx(store)
    assert seen == [False] and gc.isenabled()


def test_the_bulk_csv_is_written_with_the_collector_paused(collector_on: None, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    import networkx as nx

    import kg.neo4j.import_files as import_files

    seen = collector_seen(monkeypatch, import_files, "_cells")
    graph = nx.MultiDiGraph()
    graph.add_node("organization:a", labels=["Company"], name="A")
    graph.add_node("organization:b", labels=["Investor"], name="B")
    graph.add_edge("organization:b", "organization:a", key="r1", type="INVESTED_IN", id="r1")
    files = import_files.write_import_files(graph, tmp_path)
    assert len(files.arguments) == 3 and seen == [False, False, False] and gc.isenabled()
