"""Relationships attached to the nodes a load has just created by their element ids, not by their `id`.

Why: on a first load, a relationship batch found both endpoints of each row through the `id` index
(two B-tree seeks per row) before creating it. The node batches already know where each node is: a
`CREATE` batch returns its nodes' `elementId`s (`NODE_ELEMENT_IDS`), which lead straight to the node's
record. Matching by element id made the server's relationship batches 1.18x faster (150,000 nodes,
300,000 relationships, one writer, with the `id` check below; 1.27x without it), and a first load of
a million relations (2.9 million relationships, two writers) 1.12-1.15x faster: 93.1 and 83.8 s against
107.0 and 93.9 s, alternating (the rest of a batch's time is its commit, which this does not change).

Neo4j promises nothing about an element id beyond the transaction that read it: once a node is deleted
its id can be reused. So each row still carries the endpoint's `id` and root label, and the match keeps
the node only when they agree (`MATCH (a:Root) WHERE elementId(a) = … AND a.id = …`). A row whose node
was replaced meanwhile finds nothing, and its batch fails the load as a missing endpoint would
(`loader._checked`), never attaching to another node.

Only nodes created by this load have element ids here (a `MERGE` batch returns none); a relationship
batch with any endpoint not among them is sent as it was built, matched by `id`. The rows change at
the last moment (`Step.prepare`, when the batch is about to be sent), because relationship batches
are built while the node batches before them are still running: `kg.neo4j.batches` sends a batch with
relationships only after every node batch before it has committed and been applied.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from kg.neo4j.batches import BatchResult, Step

#: what a node `CREATE` batch returns besides its counts: its nodes' element ids, in row order
NODE_ELEMENT_IDS = "collect(elementId(n)) AS eids"


class CreatedNodes:
    """The element ids of the nodes this load created, per root label and `id`."""

    def __init__(self) -> None:
        self._by_root: dict[str, dict[Any, str]] = {}

    def __len__(self) -> int:
        return sum(map(len, self._by_root.values()))

    def record(self, roots: list[str], ids: list[Any], result: BatchResult) -> None:
        """Keep the element ids a committed `CREATE` batch returned for its rows (`roots[i]`, `ids[i]`)."""
        if result.eids is None or len(result.eids) != len(ids):
            return  # not a batch that says where its nodes are: its relationships go by id
        for root, node_id, eid in zip(roots, ids, result.eids, strict=True):
            self._by_root.setdefault(root, {})[node_id] = eid

    def element_ids(self, root: str, ids: list[Any]) -> list[str] | None:
        """The element ids of nodes `ids` under `root`, None unless this load created every one."""
        known = self._by_root.get(root)
        if known is None:
            return None
        found = list(map(known.get, ids))
        return None if None in found else found  # type: ignore[return-value]

    def prepare_lists(self, source_root: str, target_root: str, query: str) -> Callable[[Step], None]:
        """A `Step.prepare` for rows [source, target, ...] of one pair of root labels: when both ends of
        every row were created here, append their element ids to each row and send `query` instead."""
        def prepare(step: Step) -> None:
            rows = step.params["rows"]
            sources = self.element_ids(source_root, [row[0] for row in rows])
            targets = None if sources is None else self.element_ids(target_root, [row[1] for row in rows])
            if sources is None or targets is None:
                return
            for row, source, target in zip(rows, sources, targets, strict=True):
                row.append(source)
                row.append(target)
            step.query = query
        return prepare

    def prepare_any(self, query: str) -> Callable[[Step], None]:
        """A `Step.prepare` for rows [source, target, source root, target root, ...] of any roots."""
        def prepare(step: Step) -> None:
            rows = step.params["rows"]
            ends = []
            for row in rows:
                source = self._by_root.get(row[2], {}).get(row[0])
                target = self._by_root.get(row[3], {}).get(row[1])
                if source is None or target is None:
                    return
                ends.append((source, target))
            for row, (source, target) in zip(rows, ends, strict=True):
                row.append(source)
                row.append(target)
            step.query = query
        return prepare
