"""`kg load --bulk`: a first load through Neo4j's offline importer (`neo4j-admin database import full`).

The importer builds the store files directly, without transactions, query planning or index upkeep,
so it is the fastest way into an *empty* database; the price is that the server must be stopped and
that it can only replace a database, never merge into one. So: the local server of a home (`kg neo4j
start`) is checked to hold no node, stopped, the graph is written as typed CSV files (one per label set
or relationship type and set of property types, so every value keeps its exact type), imported,
the server is started again and the constraints and indexes of `kg load` are created afterwards
(building an index once over all rows is cheaper than maintaining it row by row).

The files are written by `kg.neo4j.import_files`. Empty lists (an empty array reads back as no
property) are set right after the import, and the few values CSV cannot carry exactly are written
afterwards by the batched loader's compare-and-merge path, so the result is the same graph as
`load_graph`'s, which the tests check property by property.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import networkx as nx
from neo4j import GraphDatabase

from kg.errors import Neo4jError
from kg.neo4j import server
from kg.neo4j.batches import write_packed
from kg.neo4j.import_files import write_import_files
from kg.neo4j.loader import (
    LoadReport,
    count_by_type,
    ensure_schema,
    node_rows,
    node_steps,
    quote,
    relationship_rows,
    relationship_steps,
    run_write,
)
from kg.ontology import Ontology, load_ontology

#: `bulk_load`'s phases, in order, in words (what `progress` is told as each starts)
PHASES = {"csv": "writing the graph as CSV files", "import": "importing them with neo4j-admin (server stopped)",
          "start": "starting the server", "schema": "creating constraints and indexes",
          "ranking": "ranking central investors for kg query"}

IMPORT_OPTIONS = ["--overwrite-destination=true", "--id-type=string",
                  "--array-delimiter=\\u001F", "--trim-strings=false", "--ignore-empty-strings=false",
                  "--legacy-style-quoting=false", "--skip-bad-relationships=false", "--skip-duplicate-nodes=false"]


def check_bulk_target(home: Path, *, password: str | None = None) -> server.ServerInfo | None:
    """The server of `home` that `bulk_load` would replace the database of, checked to hold no node; None
    when no server runs there and no database was ever made. Raises `Neo4jError` otherwise.

    `bulk_load` checks this itself; `kg load --bulk` also asks before it reads the store, because at a
    million relations the graph view takes a minute and a refusal after it is a minute lost."""
    home = Path(home).expanduser().resolve()
    running = server.status(home)
    if running is not None:
        auth = (server.USERNAME, password) if password else None
        with GraphDatabase.driver(running.uri, auth=auth) as driver:
            present = driver.execute_query("MATCH (n) RETURN count(n) AS n").records[0]["n"]
        if present:
            raise Neo4jError(f"--bulk needs an empty database: the server of {home} holds {present} nodes "
                             "(use `kg load` to sync into it)")
    elif (home / "data" / "databases" / "neo4j").exists():
        raise Neo4jError(f"--bulk needs an empty database: {home} already has one; start its server "
                         "(`kg neo4j start`) so that kg can check it is empty, or use `kg load`")
    return running


def bulk_load(graph: nx.MultiDiGraph, home: Path, *, password: str | None = None, ontology: Ontology | None = None,
              heap: str = "1g", batch_size: int = 10_000, timings: dict[str, float] | None = None,
              keep_ranking: bool = False, progress: Callable[[str], None] | None = None) -> LoadReport:
    """Load `graph` into the empty database of the local server of `home` with the offline importer.

    The server, if running, must hold no node (the importer replaces the database); it is stopped,
    and started again afterwards (with `password` if auth is on, and the heap and page cache it ran
    with; a home with no server running gets `kg neo4j start`'s defaults). Returns the same report as a first
    `load_graph`. Raises `Neo4jError` for a database that is not empty. `timings`, when given, receives
    the seconds of each phase (csv, import, start, schema, and ranking with `keep_ranking`: the
    central-investors ranking kept in the database for `kg query`, as `load_graph` keeps it).
    `progress`, when given, is called with each phase's name as it starts (`PHASES` says them in
    words): at a million relations the whole takes a minute or more.
    """
    timings = timings if timings is not None else {}
    clock = time.perf_counter()

    def lap(name: str, next_phase: str | None = None) -> None:
        nonlocal clock
        now = time.perf_counter()
        timings[name] = now - clock
        clock = now
        if next_phase is not None and progress is not None:
            progress(next_phase)

    ontology = ontology or load_ontology()
    home = Path(home).expanduser().resolve()
    running = check_bulk_target(home, password=password)
    port = running.port if running else None
    # the sizes it ran with are kept over the restart
    heap_size, pagecache = ((running.heap, running.pagecache) if running
                            else (server.DEFAULT_HEAP, server.DEFAULT_PAGECACHE))
    if running is not None:
        server.stop(home)
    report = LoadReport(nodes=graph.number_of_nodes(), relationships=graph.number_of_edges(), mode="bulk")
    home.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix="kg-bulk-", dir=home))
    if progress is not None:
        progress("csv")
    try:
        files = write_import_files(graph, folder, ontology)
        report.csv_processes = files.processes
        lap("csv", "import")
        server.admin_import(home, [*IMPORT_OPTIONS, *files.arguments], heap=heap)
        lap("import", "start")
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    info = server.start(home, port=port, password=password, heap=heap_size, pagecache=pagecache)
    lap("start", "schema")
    auth = (server.USERNAME, password) if password else None
    with GraphDatabase.driver(info.uri, auth=auth) as driver, \
            driver.session(notifications_min_severity="OFF") as session:
        ensure_schema(session, ontology, report)
        session.run("CALL db.awaitIndexes(300)").consume()
        for kind, name, key in files.empty_by_scan:  # before the leftovers: only imported elements lack it
            pattern = f"(n:{quote(name)})" if kind == "node" else f"()-[n:{quote(name)}]->()"
            session.run(f"MATCH {pattern} WHERE n[$key] IS NULL "
                        f"CALL (n) {{ SET n += $empty }} IN TRANSACTIONS OF {int(batch_size)} ROWS",
                        {"key": key, "empty": {key: []}}).consume()
        for (kind, name), rows in sorted(files.empty_lists.items()):
            match = f"MATCH (n:{quote(name)} {{id: row[0]}})" if kind == "node" else \
                f"MATCH ()-[n:{quote(name)} {{id: row[0]}}]->()"
            for i in range(0, len(rows), batch_size):
                session.execute_write(run_write, f"UNWIND $rows AS row {match} SET n += row[1]",
                                      {"rows": rows[i:i + batch_size]})
        if files.leftover_nodes or files.leftover_edges:  # else nothing to look for: 3.3 s at 1M relations
            stored = count_by_type(session, ontology)
            steps = [*node_steps(node_rows(graph, ontology, only=files.leftover_nodes), ontology, batch_size,
                                  report, stored),
                     *relationship_steps(relationship_rows(graph, ontology, only=files.leftover_edges), ontology,
                                          batch_size, report, stored)]
            report.rows_sent, report.write_transactions = write_packed(session, steps, batch_size, None)
        lap("schema", "ranking" if keep_ranking else None)
        if keep_ranking:  # last: its seal is the bookmark of the load's final commit
            from kg.neo4j.ranking import keep_ranking as keep

            report.ranking_kept = keep(session, graph, ontology)
            lap("ranking")
            report.ranking_seconds = timings["ranking"]
    report.nodes_created = report.nodes
    report.relationships_created = report.relationships
    report.nodes_updated = report.relationships_updated = 0
    return report
