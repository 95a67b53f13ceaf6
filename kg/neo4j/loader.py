"""`kg load`: write the graph view into Neo4j with batched, parameterised `UNWIND … MERGE`.

Every node is merged on `id` under its root label (one uniqueness constraint per root class, all
from the ontology), then given its other labels; every relationship is merged on `id` between its
two endpoints. Running it twice changes nothing. Labels and relationship types are never taken from
data: they are checked against the ontology before they are put into query text, and all values
travel as parameters.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import networkx as nx
from neo4j import Driver, ManagedTransaction
from neo4j.exceptions import Neo4jError as DriverNeo4jError

from kg.errors import Neo4jError
from kg.ontology import Ontology, load_ontology

DEFAULT_BATCH_SIZE = 1000


@dataclass
class LoadReport:
    """Counts from the server's own summaries, so a write that silently did nothing shows up."""

    nodes: int = 0
    relationships: int = 0
    nodes_created: int = 0
    relationships_created: int = 0
    properties_set: int = 0
    labels_added: int = 0
    constraints_added: int = 0


def quote(name: str) -> str:
    """Backtick-quote an identifier that the ontology already vouched for."""
    return "`" + name.replace("`", "``") + "`"


def constraint_statements(ontology: Ontology) -> list[str]:
    """One uniqueness constraint on `id` and one index on `name` per root class."""
    out = []
    for root in ontology.roots():
        out.append(f"CREATE CONSTRAINT kg_{root.lower()}_id IF NOT EXISTS "
                   f"FOR (n:{quote(root)}) REQUIRE n.id IS UNIQUE")
        out.append(f"CREATE INDEX kg_{root.lower()}_name IF NOT EXISTS FOR (n:{quote(root)}) ON (n.name)")
    return out


def neo4j_value(value: Any) -> Any:
    """Neo4j stores scalars and homogeneous lists only: nested data becomes JSON text."""
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


def node_rows(graph: nx.MultiDiGraph, ontology: Ontology) -> dict[tuple[str, tuple[str, ...]], list[dict]]:
    """Nodes grouped by (root label, other labels), each row {id, props}."""
    groups: dict[tuple[str, tuple[str, ...]], list[dict]] = defaultdict(list)
    for node_id, data in graph.nodes(data=True):
        labels = ontology.labels_for(data["labels"])
        root = ontology.root_of(labels[0])
        props = {k: neo4j_value(v) for k, v in data.items() if k != "labels" and v is not None}
        props["id"] = node_id
        groups[(root, tuple(label for label in labels if label != root))].append(props)
    return groups


def relationship_rows(graph: nx.MultiDiGraph, ontology: Ontology) -> dict[tuple[str, str, str], list[dict]]:
    """Relationships grouped by (type, source root, target root), each row {source, target, props}."""
    groups: dict[tuple[str, str, str], list[dict]] = defaultdict(list)
    roots = {n: ontology.root_of(ontology.labels_for(d["labels"])[0]) for n, d in graph.nodes(data=True)}
    for source, target, _key, data in graph.edges(keys=True, data=True):
        rel_type = ontology.relation(data["type"]).name
        props = {k: neo4j_value(v) for k, v in data.items() if k != "type" and v is not None}
        groups[(rel_type, roots[source], roots[target])].append(
            {"source": source, "target": target, "props": props}
        )
    return groups


def _chunks(rows: list[dict], size: int) -> Iterator[list[dict]]:
    for i in range(0, len(rows), size):
        yield rows[i:i + size]


def _node_query(root: str, extra_labels: Iterable[str]) -> str:
    set_labels = "".join(f":{quote(label)}" for label in extra_labels)
    label_clause = f" SET n{set_labels}" if set_labels else ""
    return f"UNWIND $rows AS row MERGE (n:{quote(root)} {{id: row.id}}) SET n = row{label_clause}"


def _relationship_query(rel_type: str, source_root: str, target_root: str) -> str:
    return (
        f"UNWIND $rows AS row MATCH (a:{quote(source_root)} {{id: row.source}}) "
        f"MATCH (b:{quote(target_root)} {{id: row.target}}) "
        f"MERGE (a)-[r:{quote(rel_type)} {{id: row.props.id}}]->(b) SET r = row.props "
        "RETURN count(r) AS written"
    )


def _run_batch(tx: ManagedTransaction, query: str, rows: list[dict]) -> tuple[Any, int]:
    result = tx.run(query, rows=rows)
    records = list(result)
    written = records[0]["written"] if records and "written" in records[0].keys() else len(rows)  # noqa: SIM118
    return result.consume().counters, written


def load_graph(
    driver: Driver,
    graph: nx.MultiDiGraph,
    *,
    database: str | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    ontology: Ontology | None = None,
    progress: Callable[[int], None] | None = None,
) -> LoadReport:
    """Merge every node and relationship of `graph` into Neo4j; return the server's counts.

    `progress(n)` is called after each batch with the number of items it wrote. Raises `Neo4jError`
    when the server rejects a batch, or when a relationship's endpoints were not found (a write that
    silently did nothing).
    """
    if batch_size < 1:
        raise ValueError("batch_size must be at least 1")
    ontology = ontology or load_ontology()
    report = LoadReport(nodes=graph.number_of_nodes(), relationships=graph.number_of_edges())
    try:
        with driver.session(database=database) as session:
            for statement in constraint_statements(ontology):
                summary = session.run(statement).consume()
                report.constraints_added += summary.counters.constraints_added
            for (root, extra), rows in sorted(node_rows(graph, ontology).items()):
                query = _node_query(root, extra)
                for chunk in _chunks(rows, batch_size):
                    counters, _ = session.execute_write(_run_batch, query, chunk)
                    report.nodes_created += counters.nodes_created
                    report.properties_set += counters.properties_set
                    report.labels_added += counters.labels_added
                    if progress:
                        progress(len(chunk))
            for (rel_type, src_root, dst_root), rows in sorted(relationship_rows(graph, ontology).items()):
                query = _relationship_query(rel_type, src_root, dst_root)
                for chunk in _chunks(rows, batch_size):
                    counters, written = session.execute_write(_run_batch, query, chunk)
                    if written != len(chunk):
                        raise Neo4jError(f"{rel_type}: wrote {written} of {len(chunk)} relationships; "
                                         "some endpoints are missing in Neo4j")
                    report.relationships_created += counters.relationships_created
                    report.properties_set += counters.properties_set
                    if progress:
                        progress(len(chunk))
    except DriverNeo4jError as exc:
        raise Neo4jError(f"Neo4j rejected the load: {exc.message or exc}") from None
    return report
