"""Batches of `UNWIND` rows written in managed transactions: packed, overlapped with the client's work,
and run by several sessions at once.

Why several at once: the server runs one write transaction's Cypher on one core, and creating a
relationship is mostly its work (two index seeks, the record, the properties), so a load that sends
one transaction at a time leaves the rest of the server idle. With two transactions in flight, a load of
a million relations (2.9 million relationships) into an empty database took 98 s against 155 s with one
on a 2-core machine (`scripts/bench_load.py` prints the ratio; README, Measured). Transactions may run
side by side when none can need what another has not committed yet: relationships need their
endpoints, so a batch with relationships waits until every batch with nodes sent before it has
committed. Two batches that lock the same node wait for each other; if they deadlock, the server
fails one and the driver runs it again (`execute_write` retries transient errors, and a retried
transaction was rolled back first). Results are applied in the order of the batches, after their
commits, so a retried transaction is counted once.

All sessions share one bookmark manager (`load_graph` opens them so), so that on a cluster every
transaction, in any of them, sees what the others committed before it started.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from neo4j import ManagedTransaction, Session

#: Write transactions a load keeps in flight at once (`kg load --writers`): up to as many as the server
#: has cores to run them on. On 2 cores, at a million relations: 1 writer 145-149 s, 2 writers 86-87 s,
#: 3 or 4 writers 111 s (more transactions than cores wait on each other's locks and the CPU).
DEFAULT_WRITERS = 2


@dataclass
class BatchResult:
    """What one `UNWIND` query reported: rows it matched, created and updated, and the server's counters."""

    seen: int
    created: int
    updated: int
    counters: Any
    eids: list[str] | None = None


def run_batch(tx: ManagedTransaction, query: str, params: dict[str, Any]) -> BatchResult:
    """Run one batch query (it returns one row: seen, created, updated, and a node `CREATE` batch the
    element ids of its nodes, `eids`: `kg.neo4j.endpoints`)."""
    result = tx.run(query, params)
    record = result.single(strict=True)
    counters = result.consume().counters
    eids = record.get("eids")
    return BatchResult(record["seen"], record["created"] or 0, record["updated"] or 0, counters, eids)


@dataclass
class Step:
    """One `UNWIND` query over a chunk of rows, and what to do with its result once committed.

    `writes_nodes`: the step creates or changes nodes, so a later step with relationships (which may
    have them as endpoints) must not run until its transaction has committed.
    `prepare`: called with the step just before it is sent, once every step before it that writes
    nodes has committed and been applied; it may change the query and rows (`kg.neo4j.endpoints`)."""

    query: str
    params: dict[str, Any]
    rows: int
    apply: Callable[[BatchResult], None]
    writes_nodes: bool = False
    prepare: Callable[[Step], None] | None = None


def _run_steps(tx: ManagedTransaction, steps: list[Step]) -> list[BatchResult]:
    return [run_batch(tx, step.query, step.params) for step in steps]


def packs(steps: Iterable[Step], batch_size: int) -> Iterator[list[Step]]:
    """Consecutive steps, packed up to `batch_size` rows (a larger step alone)."""
    pack: list[Step] = []
    rows = 0
    for step in steps:
        if pack and rows + step.rows > batch_size:
            yield pack
            pack, rows = [], 0
        pack.append(step)
        rows += step.rows
    if pack:
        yield pack


@dataclass
class _InFlight:
    pack: list[Step]
    session: Session
    future: Future[list[BatchResult]]

    @property
    def writes_nodes(self) -> bool:
        return any(step.writes_nodes for step in self.pack)


def write_packed(session: Session, steps: Iterable[Step], batch_size: int,
                 progress: Callable[[int], None] | None, *, more_sessions: Sequence[Session] = ()
                 ) -> tuple[int, int]:
    """Run the steps in order, packing consecutive ones into one transaction up to `batch_size` rows.

    Nodes and relationships come in many small groups (one per label set and per relationship type),
    and each commit costs the server a log flush: packing a first load of ~14k rows into two
    transactions instead of ~25 takes about a quarter off its time.

    Transactions run on writer threads while this one builds the next pack from `steps` (a lazy
    iterable), so the client's work overlaps the server's. With `more_sessions`, up to one transaction
    per session is in flight at once (see the module's docstring for when a pack must wait); with
    none, they run one at a time, in order. The last pack runs on `session` once every other has
    committed, so that `session.last_bookmarks()` names the last commit of all (the loader's state
    records it). The first error raises here once the transactions in flight have ended, and no pack
    is sent after it is known. Returns (rows sent, transactions).
    """
    sent = [0, 0]
    free = [session, *more_sessions]
    in_flight: deque[_InFlight] = deque()

    def finish_oldest() -> None:
        done = in_flight.popleft()
        free.append(done.session)
        results = done.future.result()  # the writer's exception, if any, is raised here
        sent[0] += sum(step.rows for step in done.pack)
        sent[1] += 1
        for step, result in zip(done.pack, results, strict=True):
            step.apply(result)
            if progress:
                progress(step.rows)

    def submit(pack: list[Step], *, last: bool = False) -> None:
        needs_nodes = not all(step.writes_nodes for step in pack)  # it has relationships
        while in_flight and (last or not free or (needs_nodes and any(f.writes_nodes for f in in_flight))):
            finish_oldest()
        writer = session if last else free.pop()
        if last:
            free.remove(session)
        for step in pack:
            if step.prepare is not None:
                step.prepare(step)
        in_flight.append(_InFlight(pack, writer, writers.submit(writer.execute_write, _run_steps, pack)))

    with ThreadPoolExecutor(max_workers=len(free), thread_name_prefix="kg-load") as writers:
        try:
            held: list[Step] | None = None  # one pack behind: the last one runs alone, on `session`
            for pack in packs(steps, batch_size):
                if held is not None:
                    submit(held)
                held = pack
            if held is not None:
                submit(held, last=True)
            while in_flight:
                finish_oldest()
        finally:
            for running in in_flight:  # an error: let the transactions in flight end before leaving
                running.future.exception()
    return sent[0], sent[1]
