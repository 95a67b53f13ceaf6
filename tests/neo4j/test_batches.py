"""Write transactions run side by side (`kg.neo4j.batches`), against a real Neo4j server: relationships
never start before the nodes they need have committed, the last commit is the first session's, an error
stops the writers, and a load with several writers makes the same database as one with a single writer."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager

import networkx as nx
import pytest
from neo4j import Driver, GraphDatabase, Session
from neo4j.exceptions import Neo4jError as DriverNeo4jError

from kg.graph import to_networkx
from kg.neo4j.batches import BatchResult, Step, write_packed
from kg.neo4j.cypher import run_cypher
from kg.neo4j.loader import load_graph
from kg.ontology import Ontology
from kg.store import Store
from tests.factories import investor_network, record_all
from tests.neo4j.test_loader import dump, expected_dump

pytestmark = pytest.mark.neo4j

_COUNTS = "RETURN count(*) AS seen, count(*) AS created, 0 AS updated"


@contextmanager
def sessions(driver: Driver, n: int) -> Iterator[list[Session]]:
    """`n` sessions sharing one bookmark manager, as `load_graph` opens them."""
    manager = GraphDatabase.bookmark_manager()
    with ExitStack() as stack:
        yield [stack.enter_context(driver.session(bookmark_manager=manager)) for _ in range(n)]


def nodes_step(first: int, count: int, results: list[BatchResult]) -> Step:
    """Creates `count` Probe nodes numbered from `first` (enough of them to take the server a while)."""
    return Step("UNWIND range($first, $first + $count - 1) AS n CREATE (:Probe {n: n}) "
                "WITH count(*) AS created RETURN 1 AS seen, created, 0 AS updated",
                {"first": first, "count": count}, count, results.append, writes_nodes=True)


def link_step(a: int, b: int, results: list[BatchResult]) -> Step:
    """Links Probe a to Probe b: `seen` is 0 when either is not there (yet)."""
    return Step(f"MATCH (a:Probe {{n: $a}}) MATCH (b:Probe {{n: $b}}) CREATE (a)-[:LINK]->(b) {_COUNTS}",
                {"a": a, "b": b}, 1, results.append)


def test_relationships_wait_until_the_nodes_before_them_have_committed(clean_neo4j: Driver) -> None:
    """The relationship's endpoints are the last nodes of a large node batch still running on the other
    session: sent at once, it would find neither and create nothing."""
    results: list[BatchResult] = []
    with sessions(clean_neo4j, 2) as (first, second):
        steps = [nodes_step(0, 1, results), nodes_step(1, 150_000, results), link_step(0, 150_000, results),
                 link_step(1, 2, results)]
        assert write_packed(first, steps, 1, None, more_sessions=[second]) == (150_003, 4)
    assert [r.seen for r in results] == [1, 1, 1, 1]
    assert run_cypher(clean_neo4j, "MATCH (:Probe)-[l:LINK]->(:Probe) RETURN count(l) AS n") == [{"n": 2}]


def test_node_batches_run_side_by_side(clean_neo4j: Driver) -> None:
    """Two sessions: consecutive node batches are in flight at the same time (the point of it)."""
    spans: list[tuple[float, float]] = []
    lock = threading.Lock()
    results: list[BatchResult] = []
    with sessions(clean_neo4j, 2) as (first, second):
        for session in (first, second):
            write = session.execute_write

            def timed(fn, pack, _write=write):  # type: ignore[no-untyped-def]
                start = time.perf_counter()
                try:
                    return _write(fn, pack)
                finally:
                    with lock:
                        spans.append((start, time.perf_counter()))

            session.execute_write = timed  # type: ignore[method-assign]
        steps = [nodes_step(k * 40_000, 40_000, results) for k in range(4)]
        write_packed(first, steps, 1, None, more_sessions=[second])
    assert len(spans) == 4 and len(results) == 4
    overlaps = [min(a[1], b[1]) - max(a[0], b[0]) for i, a in enumerate(spans) for b in spans[i + 1:]]
    assert max(overlaps) > 0
    assert run_cypher(clean_neo4j, "MATCH (p:Probe) RETURN count(p) AS n") == [{"n": 160_000}]


def test_the_last_commit_is_the_first_session_s(clean_neo4j: Driver) -> None:
    """The loader records `session.last_bookmarks()` as the database's bookmark after its writes: so the
    last pack must commit after all the others, on that session."""
    results: list[BatchResult] = []
    with sessions(clean_neo4j, 2) as (first, second):
        steps = [nodes_step(k * 20_000, 20_000, results) for k in range(5)]
        write_packed(first, steps, 1, None, more_sessions=[second])
        ours = first.last_bookmarks().raw_values
    with clean_neo4j.session() as fresh:
        fresh.run("RETURN 1").consume()
        assert fresh.last_bookmarks().raw_values == ours


def test_an_error_stops_the_writers(clean_neo4j: Driver) -> None:
    """The refused transaction raises once the others in flight have ended; at most one pack was sent
    beside it, none after."""
    def step(query: str) -> Step:
        return Step(query, {}, 1, lambda _result: None, writes_nodes=True)

    ok = "CREATE (:Probe {n: 1}) RETURN 1 AS seen, 1 AS created, 0 AS updated"
    later = "CREATE (:Probe {n: 3}) RETURN 1 AS seen, 1 AS created, 0 AS updated"
    with sessions(clean_neo4j, 2) as (first, second), pytest.raises(DriverNeo4jError):
        write_packed(first, [step(ok), step("RETURN 1/0 AS seen"), *[step(later)] * 4], 1, None,
                     more_sessions=[second])
    rows = run_cypher(clean_neo4j, "MATCH (p:Probe) RETURN p.n AS n, count(*) AS k ORDER BY n")
    assert rows[0] == {"n": 1, "k": 1}
    assert sum(row["k"] for row in rows[1:]) <= 1


@pytest.mark.parametrize("writers", [1, 3])
def test_a_load_with_several_writers_makes_the_same_database(clean_neo4j: Driver, store: Store, ontology: Ontology,
                                                             writers: int, tmp_path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """Many small transactions (every group large, 5 rows each), nodes and relationships: the database
    equals the graph, and a reload with the load's state finds it unchanged and sends nothing (the state
    holds the bookmark of the load's very last commit)."""
    from kg.neo4j import loader

    monkeypatch.setattr(loader, "SMALL_GROUP", 0)
    record_all(store, investor_network(), ontology)
    graph: nx.MultiDiGraph = to_networkx(store, ontology)
    state = tmp_path / "load.state"
    report = load_graph(clean_neo4j, graph, batch_size=5, writers=writers, state=state)
    assert report.write_transactions > 10
    assert (report.nodes_created, report.relationships_created) == (graph.number_of_nodes(), graph.number_of_edges())
    assert dump(clean_neo4j) == expected_dump(graph, ontology)
    again = load_graph(clean_neo4j, graph, batch_size=5, writers=writers, state=state)
    assert (again.mode, again.rows_sent) == ("unchanged", 0)


def test_writers_must_be_at_least_one(clean_neo4j: Driver) -> None:
    with pytest.raises(ValueError, match="writers"):
        load_graph(clean_neo4j, nx.MultiDiGraph(), writers=0)
