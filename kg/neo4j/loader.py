"""`kg load`: make Neo4j equal the graph view of the store, with batched, parameterised `UNWIND … MERGE`.

**kg owns the ontology's root labels** (`Organization`, `Person`, `Product`, `FundingRound`, `IPO`,
`Article`: `Ontology.roots()`) in the database it loads into. After a load, every node under one of
those labels is a node of the graph, and every relationship of an ontology type between such nodes is
a relationship of the graph: nodes and relationships whose `id` the graph no longer has (an article was
removed from the store, a fact lost its last source) are deleted, and ontology labels a node no longer
has (a company that stopped being an Investor) are taken off. Data under other labels, and labels or
relationship types the ontology does not define, are left alone.

How:
- the schema (only what is missing): `id` is unique per root label and per relationship type (so
  `MERGE` on `id` is a keyed upsert and a reload cannot duplicate anything), plus an index on `name`
  per root label and one on `disputes` per type. The root labels' `id` constraints come first (their
  indexes find the endpoints); the rest is built after the data, in one pass each, instead of being
  updated at every commit (`ensure_schema`);
- nodes, then relationships, in batches of `UNWIND $rows … MERGE`, grouped so that each query has
  fixed labels/type (labels and types cannot be parameters in Cypher). Labels, types and property keys
  that appear in query text come from the ontology only, checked there, then backtick-quoted; every
  value travels as a parameter;
- each batch compares what is stored with what would be written *in the same query* and writes only
  rows that are new or differ (properties or labels), so the report's "updated" counts real changes
  and a reload writes nothing at all;
- a root label or relationship type with nothing stored yet (a first load, as the count store tells
  in one query) cannot hold a changed or stale element: its rows are written with plain `CREATE`, sent
  as lists of values rather than maps, which is about twice as fast; a relationship whose endpoints
  this load created finds them by the element ids their batches returned (`kg.neo4j.endpoints`);
- then the sync: where the count store shows more nodes under a root label (or relationships of a
  type) than the graph has, their ids are read back and those the graph lacks are deleted in batches
  (a first load into a database with nothing of kg's, which created exactly the graph, skips it);
- batches run in managed transactions (`execute_write`) of up to `batch_size` rows, small groups
  packed together so that a load commits a few times rather than once per group; the driver retries a
  transaction on transient errors (deadlocks, leader switches), and a retried transaction was rolled
  back first, so a retry is safe. `writers` transactions (2 by default) are in flight at once, each on
  its own session, relationships only once the nodes before them have committed (`kg.neo4j.batches`).

The driver encodes the rows (PackStream) with `neo4j-rust-ext`, a dependency of kg and a drop-in
for the driver's pure-Python codec. Rows are built from the graph's own data one chunk at a time, and
each transaction runs on a writer thread while the next chunk is built, so the client's work (about as
much as the server's at a million relations) overlaps the server's instead of adding to it.

With a state file, a reload first compares one digest of the whole graph with the one the last load
wrote: an unchanged store costs one pass over the graph and no per-element fingerprint.

With `keep_ranking` (what `kg load` asks), the load's last commit writes the central-investors ranking
of the graph on a node of kg's own label, sealed with that commit's bookmark, for `kg query` to answer
from while nothing has been committed since (`kg.neo4j.ranking`); a load that commits nothing keeps it.

Nothing here assumes a URI scheme: `bolt://`, `neo4j://` and `neo4j+s://` drivers all work.
"""

from __future__ import annotations

import hashlib
import json
import marshal
from array import array
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from itertools import chain, islice
from pathlib import Path
from typing import Any

import networkx as nx
from neo4j import Driver, GraphDatabase, ManagedTransaction, Session
from neo4j.exceptions import Neo4jError as DriverNeo4jError

from kg.errors import Neo4jError
from kg.gcpause import gc_paused
from kg.neo4j.batches import DEFAULT_WRITERS, BatchResult, Step, write_packed
from kg.neo4j.connection import server_error_message
from kg.neo4j.endpoints import NODE_ELEMENT_IDS, CreatedNodes
from kg.ontology import PROVENANCE_PROPERTIES, Ontology, load_ontology

# Neo4j commits are the cost that batching saves: 10,000 rows per transaction loads a fresh graph about
# 1.5x faster than 1,000 (scripts/bench_load.py prints both) and stays a few MB of transaction state.
DEFAULT_BATCH_SIZE = 10_000


@dataclass
class LoadReport:
    """What a load changed. `*_created` and `*_removed` are the server's own counters (so a write that
    silently did nothing shows up); `*_updated` counts existing items whose properties or labels
    differed from the graph and were rewritten."""

    nodes: int = 0
    relationships: int = 0
    nodes_created: int = 0
    nodes_updated: int = 0
    nodes_removed: int = 0
    relationships_created: int = 0
    relationships_updated: int = 0
    relationships_removed: int = 0
    properties_set: int = 0
    labels_added: int = 0
    labels_removed: int = 0
    constraints_added: int = 0
    indexes_added: int = 0
    rows_sent: int = 0
    """Nodes and relationships shipped to the server in write queries (0 for a reload that found nothing to do)."""
    write_transactions: int = 0
    mode: str = "compare"
    """How the load decided what to send: `compare` (every row, compared by the server), `incremental`
    (only rows whose fingerprint the last load did not write) or `unchanged` (nothing sent)."""
    ranking_kept: bool | None = None
    """With `keep_ranking`: whether the database now holds the central-investors ranking sealed for
    `kg query` (`kg.neo4j.ranking`); None when not asked."""
    ranking_seconds: float = 0.0
    """Time spent ranking the co-investment network and writing the ranking (0 when still valid)."""
    csv_processes: int = 0
    """`--bulk`: the processes that wrote the CSV files (`kg.neo4j.import_files`); 0 for other loads."""

    @property
    def changed(self) -> bool:
        """True when the load changed any node or relationship."""
        return any((self.nodes_created, self.nodes_updated, self.nodes_removed, self.relationships_created,
                    self.relationships_updated, self.relationships_removed))

    def summary(self) -> str:
        """One line for people: created / updated / removed for nodes and relationships."""
        return (f"nodes: {self.nodes_created} created, {self.nodes_updated} updated, {self.nodes_removed} removed; "
                f"relationships: {self.relationships_created} created, {self.relationships_updated} updated, "
                f"{self.relationships_removed} removed (now {self.nodes} nodes, {self.relationships} relationships)")


def quote(name: str) -> str:
    """Backtick-quote an identifier that the ontology already vouched for."""
    return "`" + name.replace("`", "``") + "`"


#: how long a load waits for the indexes it created to come online (`db.awaitIndexes`)
SCHEMA_WAIT_SECONDS = 600


def root_id_constraint(root: str) -> str:
    """The name of the uniqueness constraint on `id` of a root label."""
    return f"kg_{root.lower()}_id"


def schema_statements(ontology: Ontology) -> dict[str, str]:
    """Schema from the ontology, by name: per root class a uniqueness constraint on `id` and an index on
    `name`; per relationship type a uniqueness constraint on `id` (relationship uniqueness: Neo4j 5.7+)
    and an index on `disputes`, so that `kg query disputes` without an entity reads the few disputed
    relationships instead of every one (a second of scanning at a million relations; an index holds
    only the relationships that have the property, so it costs nearly nothing to keep)."""
    out = {}
    for root in ontology.roots():
        name = root_id_constraint(root)
        out[name] = f"CREATE CONSTRAINT {name} IF NOT EXISTS FOR (n:{quote(root)}) REQUIRE n.id IS UNIQUE"
        name = f"kg_{root.lower()}_name"
        out[name] = f"CREATE INDEX {name} IF NOT EXISTS FOR (n:{quote(root)}) ON (n.name)"
    for rel_type in sorted(ontology.relations):
        name = f"kg_rel_{rel_type.lower()}_id"
        out[name] = f"CREATE CONSTRAINT {name} IF NOT EXISTS FOR ()-[r:{quote(rel_type)}]-() REQUIRE r.id IS UNIQUE"
        name = f"kg_rel_{rel_type.lower()}_disputes"
        out[name] = f"CREATE INDEX {name} IF NOT EXISTS FOR ()-[r:{quote(rel_type)}]-() ON (r.disputes)"
    return out


def constraint_statements(ontology: Ontology) -> list[str]:
    """The schema statements of `schema_statements`, in order (each is `IF NOT EXISTS`)."""
    return list(schema_statements(ontology).values())


_SCALARS = (str, int, float, bool)


def neo4j_value(value: Any) -> Any:
    """Neo4j stores scalars and homogeneous lists only: nested data becomes JSON text."""
    if type(value) in _SCALARS:  # the common case, checked first: this runs for every property
        return value
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    if isinstance(value, (list, tuple)):
        items = [v for v in value if v is not None]
        if all(isinstance(v, str) for v in items) or all(isinstance(v, bool) for v in items):
            return list(items)
        if all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in items):
            return list(items)
        return [json.dumps(v, ensure_ascii=False) if not isinstance(v, str) else v for v in items]
    return value


def _label_groups(graph: nx.MultiDiGraph, ontology: Ontology) -> dict[str, tuple[str, tuple[str, ...]]]:
    """Per node: (root label, other labels), every label checked by the ontology. Nodes share a few
    label sets, so each set is worked out once."""
    known: dict[tuple[str, ...], tuple[str, tuple[str, ...]]] = {}
    out = {}
    for node_id, data in graph.nodes(data=True):
        key = tuple(data["labels"])
        if key not in known:
            labels = ontology.labels_for(key)
            root = ontology.root_of(labels[0])
            known[key] = (root, tuple(label for label in labels if label != root))
        out[node_id] = known[key]
    return out


# Rows are grouped from the graph's own (id, data) pairs and turned into what the driver sends one chunk
# at a time, while the previous chunk is on the server: building a property map per row first and a
# list of values from it afterwards cost about as much client time as the server spent on a load.
_PLAIN = frozenset({str, int, float, bool, type(None)})


def _value(value: Any) -> Any:
    """`neo4j_value`, with a C-speed check for the common list of strings (sources, aliases)."""
    if type(value) is list:
        try:
            "".join(value)  # raises TypeError unless every item is a str
        except TypeError:
            return neo4j_value(value)
        return value
    return neo4j_value(value)


def _node_props(node_id: Any, data: dict[str, Any]) -> dict[str, Any]:
    props = {k: neo4j_value(v) for k, v in data.items() if k != "labels" and v is not None}
    props["id"] = node_id
    return props


def _edge_props(data: dict[str, Any]) -> dict[str, Any]:
    return {k: neo4j_value(v) for k, v in data.items() if k != "type" and v is not None}


def node_groups(graph: nx.MultiDiGraph, ontology: Ontology,
                only: set[str] | None = None) -> dict[tuple[str, tuple[str, ...]], list[tuple[Any, dict]]]:
    """Nodes grouped by (root label, other labels), each row the graph's (id, data) pair, unconverted;
    only the nodes in `only` when it is given."""
    groups: dict[tuple[str, tuple[str, ...]], list[tuple[Any, dict]]] = defaultdict(list)
    label_groups = _label_groups(graph, ontology)
    for node_id, data in graph.nodes(data=True):
        if only is None or node_id in only:
            groups[label_groups[node_id]].append((node_id, data))
    return groups


def edge_groups(graph: nx.MultiDiGraph, ontology: Ontology, only: set[tuple[str, str, Any]] | None = None
                ) -> dict[tuple[str, str, str], list[tuple[Any, Any, dict]]]:
    """Relationships grouped by (type, source root, target root), each row the graph's (source, target,
    data), unconverted; only the edges (source, target, key) in `only` when it is given."""
    groups: dict[tuple[str, str, str], list[tuple[Any, Any, dict]]] = defaultdict(list)
    roots = {node: root for node, (root, _extra) in _label_groups(graph, ontology).items()}
    types: dict[str, str] = {}
    if only is None:
        edges: Iterable[tuple[Any, Any, dict]] = graph.edges(data=True)
    else:
        edges = ((s, t, d) for s, t, k, d in graph.edges(keys=True, data=True) if (s, t, k) in only)
    for source, target, data in edges:
        rel_type = types.get(data["type"])
        if rel_type is None:
            rel_type = types[data["type"]] = ontology.relation(data["type"]).name  # refuses an unknown type
        groups[(rel_type, roots[source], roots[target])].append((source, target, data))
    return groups


def node_rows(graph: nx.MultiDiGraph, ontology: Ontology,
              only: set[str] | None = None) -> dict[tuple[str, tuple[str, ...]], list[dict]]:
    """Nodes grouped by (root label, other labels), each row the node's properties with its `id`;
    only the nodes in `only` when it is given."""
    return {key: [_node_props(node_id, data) for node_id, data in rows]
            for key, rows in node_groups(graph, ontology, only).items()}


def relationship_rows(graph: nx.MultiDiGraph, ontology: Ontology,
                      only: set[tuple[str, str, Any]] | None = None) -> dict[tuple[str, str, str], list[dict]]:
    """Relationships grouped by (type, source root, target root), each row {source, target, props};
    only the edges (source, target, key) in `only` when it is given."""
    return {key: [{"source": source, "target": target, "props": _edge_props(data)} for source, target, data in rows]
            for key, rows in edge_groups(graph, ontology, only).items()}


def _chunks(rows: list[Any], size: int) -> Iterator[list[Any]]:
    for i in range(0, len(rows), size):
        yield rows[i:i + size]


# The write of a batch happens only for rows that are new or differ (FOREACH over a one-element list is
# Cypher's "if"): unchanged rows cost one index lookup and no write, and `updated` is counted honestly.
_WRITE_IF_CHANGED = "FOREACH (_ IN CASE WHEN created OR updated THEN [1] ELSE [] END |"
_COUNTS = ("RETURN count(*) AS seen, sum(CASE WHEN created THEN 1 ELSE 0 END) AS created, "
           "sum(CASE WHEN updated THEN 1 ELSE 0 END) AS updated")
_ALL_CREATED = "RETURN count(*) AS seen, count(*) AS created, sum(0) AS updated"  # no grouping key: one row


def node_query(root: str, extra_labels: Iterable[str], stale_labels: Iterable[str]) -> str:
    """Upsert a batch of nodes of one label set; take off the ontology labels they must not carry.

    Parameters: `$rows` (property maps with `id`), `$labels` (all labels the nodes must carry),
    `$stale` (ontology labels they must not carry).
    """
    set_labels = "".join(f":{quote(label)}" for label in extra_labels)
    remove_labels = "".join(f":{quote(label)}" for label in stale_labels)
    return (
        f"UNWIND $rows AS row OPTIONAL MATCH (old:{quote(root)} {{id: row.id}}) "
        "WITH row, old IS NULL AS created, old IS NOT NULL AND (coalesce(properties(old) <> row, true) "
        "OR any(l IN $labels WHERE NOT l IN labels(old)) OR any(l IN labels(old) WHERE l IN $stale)) AS updated "
        f"{_WRITE_IF_CHANGED} MERGE (n:{quote(root)} {{id: row.id}}) SET n = row"
        + (f" SET n{set_labels}" if set_labels else "")
        + (f" REMOVE n{remove_labels}" if remove_labels else "")
        + ") " + _COUNTS
    )


def relationship_query(rel_type: str, source_root: str, target_root: str) -> str:
    """Upsert a batch of relationships of one type between nodes of two root labels.

    Parameters: `$rows` ({source, target, props}). Rows whose endpoints are missing drop out of the
    MATCH, so `seen` < len(rows) reveals them.
    """
    return (
        f"UNWIND $rows AS row MATCH (a:{quote(source_root)} {{id: row.source}}) "
        f"MATCH (b:{quote(target_root)} {{id: row.target}}) "
        f"OPTIONAL MATCH (a)-[old:{quote(rel_type)} {{id: row.props.id}}]->(b) "
        "WITH a, b, row, old IS NULL AS created, "
        "old IS NOT NULL AND coalesce(properties(old) <> row.props, true) AS updated "
        f"{_WRITE_IF_CHANGED} MERGE (a)-[r:{quote(rel_type)} {{id: row.props.id}}]->(b) SET r = row.props) "
        + _COUNTS
    )


# When a root label or relationship type has nothing in the database yet (a first load), every row is new:
# plain CREATE is then correct and about twice as fast as compare-and-merge (the id constraints still
# guard), and rows travel as lists of values, the property keys written once in the query (keys the
# ontology allows, quoted), which halves what the driver has to encode.


def _keys(rows: Iterable[dict], allowed: frozenset[str], skip: str) -> list[str] | None:
    """The property keys of `rows` (but `skip`), sorted; None when one is not an ontology property
    (then the rows keep travelling as maps and no key is written into query text)."""
    found: set[str] = set()
    for row in rows:
        found.update(row)
    found.discard(skip)
    keys = sorted(found)
    return keys if found <= allowed else None


def node_create_query(root: str, extra_labels: Iterable[str], keys: list[str] | None) -> str:
    """Create a batch of nodes under a root label that has no node yet. Rows are maps when `keys` is
    None, else lists of values in the order of `keys`."""
    set_labels = "".join(f":{quote(label)}" for label in extra_labels)
    props = "n = row" if keys is None else ", ".join(f"n.{quote(k)} = row[{i}]" for i, k in enumerate(keys))
    return (f"UNWIND $rows AS row CREATE (n:{quote(root)}) SET {props}"
            + (f" SET n{set_labels}" if set_labels else "") + f" {_ALL_CREATED}, {NODE_ELEMENT_IDS}")


def _string(text: str) -> str:
    """A Cypher string literal of an ontology name (letters and digits: nothing to escape, checked)."""
    if not text.isidentifier():
        raise ValueError(f"not an ontology name: {text!r}")
    return f"'{text}'"


def relationship_create_query(rel_type: str, source_root: str, target_root: str, keys: list[str] | None,
                              by_element_id: bool = False) -> str:
    """Create a batch of relationships of a type that has none yet. Rows are {source, target, props}
    when `keys` is None, else lists [source, target, values in the order of `keys`...]; with
    `by_element_id` (lists only), followed by the element ids of source and target, which find the
    endpoints (`kg.neo4j.endpoints`)."""
    if keys is None:
        source, target, props = "row.source", "row.target", "r = row.props"
    else:
        source, target = "row[0]", "row[1]"
        props = ", ".join(f"r.{quote(k)} = row[{i + 2}]" for i, k in enumerate(keys))
    if by_element_id and keys is not None:
        # the label checked as a value (`IN labels(a)`), not in the pattern: with `(a:Root)` and `a.id`
        # the planner seeks the `id` index and only filters on the element id, which saves nothing
        at = len(keys) + 2
        ends = (f"MATCH (a) WHERE elementId(a) = row[{at}] AND a.id = {source} "
                f"AND {_string(source_root)} IN labels(a) "
                f"MATCH (b) WHERE elementId(b) = row[{at + 1}] AND b.id = {target} "
                f"AND {_string(target_root)} IN labels(b) ")
    else:
        ends = (f"MATCH (a:{quote(source_root)} {{id: {source}}}) "
                f"MATCH (b:{quote(target_root)} {{id: {target}}}) ")
    return f"UNWIND $rows AS row {ends}CREATE (a)-[r:{quote(rel_type)}]->(b) SET {props} " + _ALL_CREATED


# Small groups share one query text whose labels or type are dynamic (`$(…)`, Neo4j 5.26+; the values
# are still the ontology's, and a parameter cannot inject Cypher). Every distinct query text costs the
# server a plan, about 0.3-0.5 s each on a freshly started server here: a first load of the ten examples
# had 25 texts and took 22 s, almost all of it planning; with one text for all its small node groups and
# one for all its small relationship groups, 17 s under a load average of 10, of which about 10 s are the
# schema and the fresh server's first query. Large groups keep their own text (planned once, amortised
# over many rows) with rows sent as lists of values, which encodes faster.
SMALL_GROUP = 2_000

NODE_CREATE_ANY = f"UNWIND $rows AS row CREATE (n:$(row[0])) SET n = row[1] {_ALL_CREATED}, {NODE_ELEMENT_IDS}"


def relationship_create_any_query(roots: Iterable[str], by_element_id: bool = False) -> str:
    """Create relationships of any (ontology) type between nodes of any root labels, one query text for
    all the small groups of a load; rows [source, target, source root, target root, type, props], with
    `by_element_id` followed by the element ids of source and target (`kg.neo4j.endpoints`).

    By id, an endpoint is sought through the `id` index of every root label (a union of index seeks; a
    dynamic label in MATCH would scan all nodes), then kept only under its own root label, so the match
    is the same as `MATCH (a:Root {id: …})`."""
    if by_element_id:
        ends = ("MATCH (a) WHERE elementId(a) = row[6] AND a.id = row[0] AND row[2] IN labels(a) "
                "MATCH (b) WHERE elementId(b) = row[7] AND b.id = row[1] AND row[3] IN labels(b) ")
    else:
        any_root = "|".join(quote(root) for root in sorted(roots))
        ends = (f"MATCH (a:{any_root} {{id: row[0]}}) WHERE row[2] IN labels(a) "
                f"MATCH (b:{any_root} {{id: row[1]}}) WHERE row[3] IN labels(b) ")
    return f"UNWIND $rows AS row {ends}CREATE (a)-[r:$(row[4])]->(b) SET r = row[5] " + _ALL_CREATED


def run_write(tx: ManagedTransaction, query: str, params: dict[str, Any]) -> Any:
    return tx.run(query, params).consume().counters


def _read_single(tx: ManagedTransaction, query: str, params: dict[str, Any]) -> Any:
    return tx.run(query, params).single(strict=True)


def _read_pairs(tx: ManagedTransaction, query: str) -> dict[Any, Any]:
    return {record[0]: record[1] for record in tx.run(query)}


def _read_names(tx: ManagedTransaction, query: str) -> set[str]:
    return {record[0] for record in tx.run(query)}


def _create_schema(tx: ManagedTransaction, statements: list[str]) -> tuple[int, int]:
    constraints = indexes = 0
    for statement in statements:
        counters = tx.run(statement).consume().counters
        constraints += counters.constraints_added
        indexes += counters.indexes_added
    return constraints, indexes


@gc_paused()  # millions of rows beside the graph: kg/gcpause.py
def load_graph(
    driver: Driver,
    graph: nx.MultiDiGraph,
    *,
    database: str | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    ontology: Ontology | None = None,
    progress: Callable[[int], None] | None = None,
    state: Path | None = None,
    keep_ranking: bool = False,
    writers: int = DEFAULT_WRITERS,
) -> LoadReport:
    """Make the database equal `graph` under the ontology's root labels; return what changed.

    `state` is a file where the load records what it wrote (a 64-bit fingerprint per node and
    relationship) and the database's bookmark after it. When the next load finds the same bookmark
    (nobody committed anything since) it sends only the elements whose fingerprint is new, and nothing
    at all when the graph is the same; any other commit in between, or no state, means a full
    compare on the server (which also undoes edits made in Neo4j). `progress(n)` is called after each
    batch with the number of nodes or relationships it handled. Raises `Neo4jError` when the server
    rejects a statement, or when a relationship's endpoints were not found (a write that silently did
    nothing). With `keep_ranking`, the load ends by keeping the central-investors ranking of `graph` in
    the database, sealed so that `kg query` uses it only while nothing has been committed since
    (`kg.neo4j.ranking`; at a million relations, 10 s of ranking spent once here instead of per query).
    `writers` is how many write transactions may be in flight at once (`kg.neo4j.batches`).
    """
    if batch_size < 1:
        raise ValueError("batch_size must be at least 1")
    if writers < 1:
        raise ValueError("writers must be at least 1")
    ontology = ontology or load_ontology()
    report = LoadReport(nodes=graph.number_of_nodes(), relationships=graph.number_of_edges())
    try:
        # Notifications off: the compare step matches labels and types that a first load has not
        # created yet, and the server would warn about each one.
        # one bookmark manager for all the load's sessions: each transaction sees what any of them committed
        bookmarks = GraphDatabase.bookmark_manager()
        with ExitStack() as sessions:
            session, *more = (sessions.enter_context(driver.session(
                database=database, notifications_min_severity="OFF", bookmark_manager=bookmarks))
                for _ in range(writers))
            later = ensure_schema(session, ontology, report, defer=True)  # the rest once the data is in
            prints = saved = digest = None
            if state is not None:
                saved = LoadState.read(state)
                if saved is not None and saved.bookmark != _bookmark(session):
                    saved = None  # something committed since the last load: compare everything
                digest = graph_digest(graph)
                if saved is not None and digest is not None and saved.digest == digest:
                    # the very graph the last load wrote, and nobody wrote since: nothing to send, and
                    # the state stays true as it is (no per-element fingerprint needed)
                    report.mode = "unchanged"
                    if progress:
                        progress(report.nodes + report.relationships)
                    finish_schema(session, later, report)
                    if keep_ranking:
                        _keep_ranking(session, graph, ontology, report)
                    if _bookmark_of(session) != saved.bookmark:  # the schema or the ranking was written just now
                        LoadState(_bookmark_of(session), saved.prints, digest).write(state)
                    return report
                prints = fingerprints(graph)
                state.unlink(missing_ok=True)  # an interrupted load must leave no claim behind
            if saved is not None and prints is not None:
                _load_incremental(session, more, graph, ontology, batch_size, report, progress, saved, prints)
            else:
                _load_all(session, more, graph, ontology, batch_size, report, progress)
            finish_schema(session, later, report)
            if keep_ranking:  # the last commit of the load, so that the state's bookmark is after it
                _keep_ranking(session, graph, ontology, report)
            if state is not None and prints is not None:
                LoadState(_bookmark_of(session), prints, digest).write(state)
    except DriverNeo4jError as exc:
        raise Neo4jError(f"Neo4j rejected the load: {server_error_message(exc, database)}") from None
    return report


def _keep_ranking(session: Session, graph: nx.MultiDiGraph, ontology: Ontology, report: LoadReport) -> None:
    from kg.neo4j.ranking import keep_ranking

    timings: dict[str, float] = {}
    report.ranking_kept = keep_ranking(session, graph, ontology, timings)
    report.ranking_seconds = sum(timings.values())


def _load_all(session: Session, more: list[Session], graph: nx.MultiDiGraph, ontology: Ontology, batch_size: int,
              report: LoadReport, progress: Callable[[int], None] | None) -> None:
    """Send every row; the server compares each with what it holds (or creates, under empty labels)."""
    nodes = node_groups(graph, ontology)
    relationships = edge_groups(graph, ontology)
    before = count_by_type(session, ontology)
    created = CreatedNodes()
    steps = chain(graph_node_steps(nodes, ontology, batch_size, report, before, created),
                  graph_relationship_steps(relationships, ontology, batch_size, report, before, created))
    report.rows_sent, report.write_transactions = write_packed(session, steps, batch_size, progress,
                                                               more_sessions=more)
    if not any(before.values()) and (report.nodes_created, report.relationships_created) == (
            report.nodes, report.relationships):
        return  # nothing of kg's was there, and exactly the graph was created: nothing can be stale
    _remove_stale(session, graph, ontology, batch_size, report, _counts(nodes, relationships))


def _load_incremental(session: Session, more: list[Session], graph: nx.MultiDiGraph, ontology: Ontology,
                      batch_size: int, report: LoadReport, progress: Callable[[int], None] | None, saved: LoadState,
                      prints: Fingerprints) -> None:
    """The database is what the last load left (same bookmark): send only what that load did not write."""
    old = saved.set()
    nodes = {node for node, fp in zip(graph.nodes, prints.nodes, strict=True) if fp not in old}
    edges = {edge for edge, fp in zip(graph.edges(keys=True), prints.edges, strict=True) if fp not in old}
    if not nodes and not edges and len(old) == len(prints.nodes) + len(prints.edges):
        report.mode = "unchanged"
        if progress:
            progress(report.nodes + report.relationships)
        return
    report.mode = "incremental"
    before = count_by_type(session, ontology)
    created = CreatedNodes()
    steps = chain(graph_node_steps(node_groups(graph, ontology, only=nodes), ontology, batch_size, report, before,
                                   created),
                  graph_relationship_steps(edge_groups(graph, ontology, only=edges), ontology, batch_size, report,
                                           before, created))
    report.rows_sent, report.write_transactions = write_packed(session, steps, batch_size, progress,
                                                               more_sessions=more)
    _remove_stale(session, graph, ontology, batch_size, report)


def _counts(nodes: dict[tuple[str, tuple[str, ...]], list[Any]], edges: dict[tuple[str, str, str], list[Any]]
            ) -> dict[str, int]:
    """Elements per root label and per relationship type, from the groups of a whole graph."""
    counts: dict[str, int] = defaultdict(int)
    for (root, _extra), rows in nodes.items():
        counts[root] += len(rows)
    for (rel_type, _source, _target), rows in edges.items():
        counts[rel_type] += len(rows)
    return counts


def _remove_stale(session: Session, graph: nx.MultiDiGraph, ontology: Ontology, batch_size: int,
                  report: LoadReport, graph_counts: dict[str, int] | None = None) -> None:
    """Delete what the graph lacks, looking only where the count store shows more than the graph has.

    With `graph_counts` (elements per root label and type, from a load that sent the whole graph, whose
    ids are unique per label and type or the load would have failed), a database that holds just as
    many is done without collecting the graph's ids."""
    after = count_by_type(session, ontology)
    if graph_counts is not None and all(after[name] == graph_counts.get(name, 0) for name in after):
        return
    roots = {node: root for node, (root, _extra) in _label_groups(graph, ontology).items()}
    wanted_nodes: dict[str, set[str]] = defaultdict(set)
    for node, root in roots.items():
        wanted_nodes[root].add(node)
    wanted_rels: dict[str, set[str]] = defaultdict(set)
    for _s, _t, data in graph.edges(data=True):
        wanted_rels[ontology.relation(data["type"]).name].add(data["id"])
    _remove_stale_relationships(session, wanted_rels, ontology, batch_size, report, after)
    _remove_stale_nodes(session, wanted_nodes, ontology, batch_size, report, after)


# -- what the last load wrote --------------------------------------------------------------------------

_FINGERPRINT_VERSION = b"kg-load-1"


@dataclass
class Fingerprints:
    """64-bit fingerprints of the nodes and relationships of a graph, in the graph's iteration order."""

    nodes: list[int]
    edges: list[int]


def _digest(value: Any) -> int:
    try:
        data = marshal.dumps(value, 2)  # C speed; version 2 has no back-references, which depend on refcounts
    except ValueError:  # a value marshal cannot write: its repr is deterministic enough to fingerprint
        data = repr(value).encode("utf-8", "surrogatepass")
    return int.from_bytes(hashlib.blake2b(data, digest_size=8, person=_FINGERPRINT_VERSION[:16]).digest(), "little")


def fingerprints(graph: nx.MultiDiGraph) -> Fingerprints:
    """A fingerprint of each node (id, labels, properties) and relationship (endpoints, type, properties).

    Two loads compare these instead of the rows: an element whose fingerprint the last load wrote
    is already in the database unchanged, so it is not sent again. A different insertion order of the
    same properties only makes an element look changed (it is then sent and compared by the server).
    """
    nodes = [_digest(("n", node, data)) for node, data in graph.nodes(data=True)]
    edges = [_digest(("r", source, target, data)) for source, target, data in graph.edges(data=True)]
    return Fingerprints(nodes, edges)


_DIGEST_CHUNK = 10_000


def graph_digest(graph: nx.MultiDiGraph) -> str | None:
    """One digest of the whole graph (ids, labels, types, properties, in iteration order), or None when
    a value cannot be marshalled.

    A reload of an unchanged store compares this one value instead of a fingerprint per element. The
    graph's own dictionaries (networkx's node and adjacency mappings, the data structure its subclassing
    guide documents) are marshalled a slice at a time, so no Python loop visits an element: several
    times faster than `fingerprints`, which is then computed only when something changed.
    """
    hasher = hashlib.sha1(usedforsecurity=False)  # change detection, not security; fastest here
    hasher.update(_FINGERPRINT_VERSION)
    for mapping in (graph._node, graph._adj):
        items = iter(mapping.items())
        while chunk := list(islice(items, _DIGEST_CHUNK)):
            try:
                hasher.update(marshal.dumps(chunk, 2))
            except ValueError:
                return None
        hasher.update(b"\0")  # where the nodes end
    return hasher.hexdigest()


@dataclass
class LoadState:
    """The database's bookmark after a load, and the fingerprints of everything that load made it hold.

    Kept in a file beside the store: one JSON line, then the fingerprints as unsigned 64-bit integers.
    A bookmark names the last transaction committed in a database (Neo4j returns it for a read too), so
    an equal bookmark on the next load means nobody wrote to that database in between.
    """

    bookmark: list[str]
    prints: Fingerprints
    digest: str | None = None
    """`graph_digest` of the graph that load wrote (None when it had none)."""

    def set(self) -> set[int]:
        """All fingerprints, for membership tests."""
        return {*self.prints.nodes, *self.prints.edges}

    def write(self, path: Path) -> None:
        """Write atomically (a temporary file renamed), so a crash leaves the old file or none."""
        path.parent.mkdir(parents=True, exist_ok=True)
        header = json.dumps({"version": 1, "bookmark": self.bookmark, "nodes": len(self.prints.nodes),
                             "edges": len(self.prints.edges), "graph": self.digest}).encode() + b"\n"
        tmp = path.with_name(path.name + ".tmp")
        with tmp.open("wb") as out:
            out.write(header)
            array("Q", self.prints.nodes).tofile(out)
            array("Q", self.prints.edges).tofile(out)
        tmp.replace(path)

    @classmethod
    def read(cls, path: Path) -> LoadState | None:
        """The state in `path`, or None when there is none or it cannot be read (then all is compared)."""
        try:
            with path.open("rb") as handle:
                header = json.loads(handle.readline())
                nodes, edges = array("Q"), array("Q")
                nodes.fromfile(handle, int(header["nodes"]))
                edges.fromfile(handle, int(header["edges"]))
            if header.get("version") != 1 or not isinstance(header.get("bookmark"), list):
                return None
            digest = header.get("graph")
            return cls([str(b) for b in header["bookmark"]], Fingerprints(nodes.tolist(), edges.tolist()),
                       digest if isinstance(digest, str) else None)
        except (OSError, ValueError, KeyError, EOFError, TypeError):
            return None


def state_path(store_dir: Path, uri: str, database: str | None) -> Path:
    """Where `kg load` keeps the state of loads from the store in `store_dir` into one database."""
    key = hashlib.sha256(f"{uri}\0{database or ''}".encode()).hexdigest()[:16]
    return store_dir / "neo4j-load" / f"{key}.state"


def _bookmark_of(session: Session) -> list[str]:
    return sorted(session.last_bookmarks().raw_values)


def _bookmark(session: Session) -> list[str]:
    """The database's current bookmark, from an empty read transaction."""
    session.execute_read(run_write, "RETURN 1", {})
    return _bookmark_of(session)


def ensure_schema(session: Session, ontology: Ontology, report: LoadReport, *, defer: bool = False) -> list[str]:
    """Create the constraints and indexes that are missing, all in one transaction (a reload sends one
    SHOW command and nothing else).

    With `defer`, create now only what writing needs (the `id` constraints of the root labels, whose
    indexes find a relationship's endpoints and make `MERGE` on a node a keyed upsert) and return the
    other missing statements, for `finish_schema` once the data is written. Why: every index is updated
    as each transaction commits, and building one over data already there is a single pass; a load
    into an empty database commits faster without the relationships' `id` constraints and the `name`
    and `disputes` indexes (README, Measured). A constraint created afterwards still checks every
    element, so nothing that breaks it goes unnoticed: its creation fails, and with it the load."""
    wanted = schema_statements(ontology)
    # a uniqueness constraint's index carries the constraint's name, so one listing shows both
    present = session.execute_read(_read_names, "SHOW INDEXES YIELD name RETURN name")
    missing = {name: statement for name, statement in wanted.items() if name not in present}
    now = {root_id_constraint(root) for root in ontology.roots()} if defer else set(missing)
    first = [statement for name, statement in missing.items() if name in now]
    if first:
        _add_schema(session, first, report)
    return [statement for name, statement in missing.items() if name not in now]


def finish_schema(session: Session, statements: list[str], report: LoadReport) -> None:
    """Create the statements `ensure_schema` deferred, and wait until their indexes are online (a
    query right after the load then finds them in use)."""
    if statements:
        _add_schema(session, statements, report)
        session.run("CALL db.awaitIndexes($seconds)", {"seconds": SCHEMA_WAIT_SECONDS}).consume()


def _add_schema(session: Session, statements: list[str], report: LoadReport) -> None:
    constraints, indexes = session.execute_write(_create_schema, statements)
    report.constraints_added += constraints
    report.indexes_added += indexes


def count_by_type(session: Session, ontology: Ontology) -> dict[str, int]:
    """How many nodes carry each root label and how many relationships have each ontology type, in one
    query answered from the database's count store (no scan), whose text never changes."""
    names = [*ontology.roots(), *sorted(ontology.relations)]
    # an empty database (a first load) answers from one trivial query: the union below takes a fresh
    # server seconds to plan
    if session.execute_read(_read_single, "MATCH (n) RETURN count(n) AS n", {})["n"] == 0:
        return dict.fromkeys(names, 0)
    patterns = [f"(n:{quote(name)})" if name in ontology.classes else f"()-[n:{quote(name)}]->()" for name in names]
    # one UNION ALL branch per label or type, each a count-store lookup (no scan); independent CALL
    # subqueries would make the planner weigh a cartesian product of 18 parts
    query = " UNION ALL ".join(f"MATCH {pattern} WITH count(n) AS n RETURN {i} AS i, n"
                               for i, pattern in enumerate(patterns))
    counts = session.execute_read(_read_pairs, query)
    return {name: counts[i] for i, name in enumerate(names)}


def node_steps(groups: dict[tuple[str, tuple[str, ...]], list[dict]], ontology: Ontology, batch_size: int,
               report: LoadReport, stored: dict[str, int]) -> Iterator[Step]:
    """The node batches of `node_rows`' groups: plain CREATE under a root label that is still empty,
    compare-and-merge else."""
    return graph_node_steps({key: [(row["id"], row) for row in rows] for key, rows in groups.items()},
                            ontology, batch_size, report, stored)


def graph_node_steps(groups: dict[tuple[str, tuple[str, ...]], list[tuple[Any, dict]]], ontology: Ontology,
                     batch_size: int, report: LoadReport, stored: dict[str, int],
                     created: CreatedNodes | None = None) -> Iterator[Step]:
    """`node_steps` for the groups of `node_groups` (the graph's data, converted a chunk at a time).
    `created` keeps where the `CREATE` batches put their nodes, once committed (`kg.neo4j.endpoints`)."""
    all_labels = sorted(ontology.classes)

    def apply(result: BatchResult) -> None:
        report.nodes_created += result.counters.nodes_created
        report.nodes_updated += result.updated
        report.properties_set += result.counters.properties_set
        report.labels_added += result.counters.labels_added
        report.labels_removed += result.counters.labels_removed

    def recorded(roots: list[str], ids: list[Any]) -> Callable[[BatchResult], None]:
        if created is None:
            return apply

        def apply_and_record(result: BatchResult) -> None:
            apply(result)
            created.record(roots, ids, result)
        return apply_and_record

    small: list[list[Any]] = []
    for (root, extra), rows in sorted(groups.items()):
        labels = [root, *extra]
        stale = [label for label in all_labels if label not in labels]
        params: dict[str, Any] = {"labels": labels, "stale": stale}
        keys = None
        if stored[root] == 0 and len(rows) < SMALL_GROUP:
            small.extend([labels, _node_props(node_id, data)] for node_id, data in rows)
            continue
        if stored[root] == 0:
            keys = _keys((data for _id, data in rows), ontology.node_properties(labels) | {"id"}, "labels")
            if keys is not None:
                keys = sorted({*keys, "id"})
            query = node_create_query(root, extra, keys)
        else:
            query = node_query(root, extra, stale)
        for chunk in _chunks(rows, batch_size):
            if keys is None:
                data: list[Any] = [_node_props(node_id, props) for node_id, props in chunk]
            else:
                at = keys.index("id")
                data = [_values(props, keys) for _id, props in chunk]
                for row, (node_id, _props) in zip(data, chunk, strict=True):
                    row[at] = node_id
            done = recorded([root] * len(chunk), [node_id for node_id, _ in chunk]) if stored[root] == 0 else apply
            yield Step(query, {**params, "rows": data}, len(chunk), done, writes_nodes=True)
    for chunk in _chunks(small, batch_size):
        done = recorded([labels[0] for labels, _props in chunk], [props["id"] for _labels, props in chunk])
        yield Step(NODE_CREATE_ANY, {"rows": chunk}, len(chunk), done, writes_nodes=True)


def _values(data: dict[str, Any], keys: list[str]) -> list[Any]:
    """The values of `keys` in `data`, as `neo4j_value` gives them (None for a missing key)."""
    plain = _PLAIN
    return [v if type(v) in plain else _value(v) for v in map(data.get, keys)]


def relationship_steps(groups: dict[tuple[str, str, str], list[dict]], ontology: Ontology, batch_size: int,
                       report: LoadReport, stored: dict[str, int]) -> Iterator[Step]:
    """The relationship batches of `relationship_rows`' groups; a batch whose endpoints were not all found
    fails the load."""
    return graph_relationship_steps(
        {key: [(row["source"], row["target"], row["props"]) for row in rows] for key, rows in groups.items()},
        ontology, batch_size, report, stored)


def graph_relationship_steps(groups: dict[tuple[str, str, str], list[tuple[Any, Any, dict]]], ontology: Ontology,
                             batch_size: int, report: LoadReport, stored: dict[str, int],
                             created: CreatedNodes | None = None) -> Iterator[Step]:
    """`relationship_steps` for the groups of `edge_groups` (converted a chunk at a time). With
    `created`, a `CREATE` batch whose endpoints this load created finds them by element id
    (`kg.neo4j.endpoints`)."""

    def apply(result: BatchResult) -> None:
        report.relationships_created += result.counters.relationships_created
        report.relationships_updated += result.updated
        report.properties_set += result.counters.properties_set

    small: list[list[Any]] = []
    for (rel_type, src_root, dst_root), rows in sorted(groups.items()):
        keys = None
        if stored[rel_type] == 0 and len(rows) < SMALL_GROUP:
            small.extend([source, target, src_root, dst_root, rel_type, _edge_props(data)]
                         for source, target, data in rows)
            continue
        prepare = None
        if stored[rel_type] == 0:
            allowed = ontology.relation(rel_type).allowed_properties | PROVENANCE_PROPERTIES
            keys = _keys((data for _s, _t, data in rows), allowed, "type")
            query = relationship_create_query(rel_type, src_root, dst_root, keys)
            if created is not None and keys is not None:
                prepare = created.prepare_lists(src_root, dst_root, relationship_create_query(
                    rel_type, src_root, dst_root, keys, by_element_id=True))
        else:
            query = relationship_query(rel_type, src_root, dst_root)

        for chunk in _chunks(rows, batch_size):
            if keys is None:
                data: list[Any] = [{"source": source, "target": target, "props": _edge_props(props)}
                                   for source, target, props in chunk]
            else:
                data = [[source, target, *_values(props, keys)] for source, target, props in chunk]
            yield Step(query, {"rows": data}, len(chunk), _checked(apply, rel_type, len(chunk)), prepare=prepare)
    if small:
        query = relationship_create_any_query(ontology.roots())
        prepare = None if created is None else created.prepare_any(
            relationship_create_any_query(ontology.roots(), by_element_id=True))
        for chunk in _chunks(small, batch_size):
            yield Step(query, {"rows": chunk}, len(chunk), _checked(apply, "relationships", len(chunk)),
                       prepare=prepare)


def _checked(apply: Callable[[BatchResult], None], rel_type: str, rows: int) -> Callable[[BatchResult], None]:
    """`apply`, after checking that every relationship of the batch found both its endpoints."""
    def check_then_apply(result: BatchResult) -> None:
        if result.seen != rows:
            raise Neo4jError(f"{rel_type}: found the endpoints of {result.seen} of {rows} "
                             "relationships; some endpoints are missing in Neo4j")
        apply(result)
    return check_then_apply


def _remove_stale_relationships(session: Session, wanted: dict[str, set[str]],
                                ontology: Ontology, batch_size: int, report: LoadReport,
                                stored: dict[str, int]) -> None:
    """Delete relationships of ontology types between root-labelled nodes whose id the graph lacks.

    After the merge every relationship of the graph is in the database, once (ids are unique per type),
    so a type with as many relationships there as in the graph has nothing stale: the count store
    answers for most loads, and ids are read back only for the types that have more.
    """
    roots = ontology.roots()
    for rel_type in sorted(ontology.relations):
        if stored[rel_type] == len(wanted[rel_type]):
            continue
        found = session.execute_read(
            _read_single, f"MATCH (a)-[r:{quote(rel_type)}]->(b) WHERE any(l IN labels(a) WHERE l IN $roots) "
                          "AND any(l IN labels(b) WHERE l IN $roots) RETURN collect([r.id, elementId(r)]) AS found",
            {"roots": roots})["found"]
        stale = [{"id": rid, "eid": eid} for rid, eid in found if rid not in wanted[rel_type]]
        query = (f"UNWIND $rows AS row MATCH ()-[r:{quote(rel_type)}]->() WHERE elementId(r) = row.eid "
                 "AND coalesce(r.id, '') = coalesce(row.id, '') DELETE r")
        for chunk in _chunks(stale, batch_size):
            counters = session.execute_write(run_write, query, {"rows": chunk})
            report.relationships_removed += counters.relationships_deleted
            report.rows_sent += len(chunk)
            report.write_transactions += 1


def _remove_stale_nodes(session: Session, wanted: dict[str, set[str]],
                        ontology: Ontology, batch_size: int, report: LoadReport, stored: dict[str, int]) -> None:
    """Delete nodes under root labels whose id the graph lacks (with any relationship still on them);
    as for relationships, only root labels with more nodes than the graph are looked into."""
    for root in ontology.roots():
        if stored[root] == len(wanted[root]):
            continue
        found = session.execute_read(_read_single, f"MATCH (n:{quote(root)}) "
                                     "RETURN collect([n.id, elementId(n)]) AS found", {})["found"]
        stale = [{"id": nid, "eid": eid} for nid, eid in found if nid not in wanted[root]]
        query = (f"UNWIND $rows AS row MATCH (n:{quote(root)}) WHERE elementId(n) = row.eid "
                 "AND coalesce(n.id, '') = coalesce(row.id, '') DETACH DELETE n")
        for chunk in _chunks(stale, batch_size):
            counters = session.execute_write(run_write, query, {"rows": chunk})
            report.nodes_removed += counters.nodes_deleted
            report.relationships_removed += counters.relationships_deleted
            report.rows_sent += len(chunk)
            report.write_transactions += 1
