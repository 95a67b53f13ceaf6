"""`kg load --bulk`: a first load through Neo4j's offline importer (`neo4j-admin database import full`).

The importer builds the store files directly, without transactions, query planning or index upkeep,
so it is the fastest way into an *empty* database; the price is that the server must be stopped and
that it can only replace a database, never merge into one. So: the local server of a home (`kg neo4j
start`) is checked to hold no node, stopped, the graph is written as typed CSV files (one per label set
or relationship type and set of property types, so every value keeps its exact type), imported,
the server is started again and the constraints and indexes of `kg load` are created afterwards
(building an index once over all rows is cheaper than maintaining it row by row).

Empty lists (an empty array reads back as no property) are set right after the import: by one scan of
a label (or relationship type) where every element of it has the key, else element by element. The
importer is asked to parse values over several lines only in the files that hold one (parsing for them
slows the whole import). A few values CSV cannot carry exactly (a list item that is empty or holds
the array delimiter, a string with a NUL or a carriage return) are left out of the files and written
afterwards by the batched loader's compare-and-merge path, so the result is the same graph as
`load_graph`'s, which the tests check property by property.
"""

from __future__ import annotations

import csv
import re
import shutil
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import networkx as nx
from neo4j import GraphDatabase

from kg.errors import Neo4jError
from kg.gcpause import gc_paused
from kg.neo4j import server
from kg.neo4j.batches import write_packed
from kg.neo4j.loader import (
    LoadReport,
    count_by_type,
    ensure_schema,
    neo4j_value,
    node_rows,
    node_steps,
    quote,
    relationship_rows,
    relationship_steps,
    run_write,
)
from kg.ontology import Ontology, load_ontology

ARRAY_DELIMITER = "\x1f"  # the ASCII unit separator: absent from news text, unlike ';' or ','

_PLAIN_PATH = re.compile(r"[\w./-]+")

_SCALAR_TYPES = {bool: "boolean", int: "long", float: "double", str: "string"}


def _csv_type(value: Any) -> str | None:
    """The importer's type for a (Neo4j-ready) value, or None when CSV cannot carry it exactly."""
    kind = _SCALAR_TYPES.get(type(value))
    if kind == "string":
        return None if ("\x00" in value or "\r" in value) else kind
    if kind is not None:
        return kind
    if isinstance(value, list) and value:
        kinds = {_SCALAR_TYPES.get(type(item)) for item in value}
        if len(kinds) != 1 or None in kinds:
            return None
        kind = kinds.pop()
        if kind == "string" and any(not item or ARRAY_DELIMITER in item or "\x00" in item or "\r" in item
                                    for item in value):
            return None
        return f"{kind}[]"
    return None


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, list):
        return ARRAY_DELIMITER.join(_text(item) for item in value)
    return str(value)


def _signature(props: dict[str, Any]) -> tuple[tuple[str, str], ...] | None:
    types = []
    for key, value in sorted(props.items()):
        kind = _csv_type(value)
        if kind is None:
            return None
        types.append((key, kind))
    return tuple(types)


@dataclass
class ImportFiles:
    """What `write_import_files` wrote, and what must be written after the import."""

    arguments: list[str]
    """The importer's `--nodes=…` / `--relationships=…` arguments, and its multiline options."""
    leftover_nodes: set[str] = field(default_factory=set)
    leftover_edges: set[tuple[str, str, Any]] = field(default_factory=set)
    """Elements CSV cannot carry exactly (edges as (source, target, key)): written by the batched loader."""
    empty_lists: dict[tuple[str, str], list[list[Any]]] = field(default_factory=lambda: defaultdict(list))
    """("node", root) or ("rel", type) -> [id, {key: []}]: an empty array reads back as no property, so
    these are set afterwards (lists are common and often empty: `aliases`)."""
    empty_by_scan: list[tuple[str, str, str]] = field(default_factory=list)
    """(kind, root or type, key) where every imported element the files leave without `key` holds an
    empty list there: set by one scan of the label (or type) instead of a look-up per element, and left
    out of `empty_lists`."""


def _split(props: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    empty = {k: v for k, v in props.items() if v == []}
    return ({k: v for k, v in props.items() if k not in empty}, empty) if empty else (props, empty)


_KIND_OF_SCALAR = {int: "long", float: "double", bool: "boolean"}
_BOOL_TEXT = {True: "true", False: "false"}


def _cells(data: dict[str, Any], skip: tuple[str, ...]
           ) -> tuple[tuple[tuple[str, str], ...], list[str], dict[str, Any]] | None:
    """One element's CSV signature, cells and empty lists, as `_signature`, `_text` and `_split` give
    them for its Neo4j-ready properties (`neo4j_value`, None left out, `skip` keys too); None when CSV
    cannot carry it exactly. Strings, numbers and lists of strings, nearly every value, take a short path:
    this runs for every node and relationship of a bulk load."""
    signature: list[tuple[str, str]] = []
    cells: list[str] = []
    empty: dict[str, Any] = {}
    for key, value in sorted(data.items()):
        if key in skip or value is None:
            continue
        kind = type(value)
        if kind is str:
            if "\x00" in value or "\r" in value:
                return None
            signature.append((key, "string"))
            cells.append(value)
            continue
        if kind in _KIND_OF_SCALAR:
            signature.append((key, _KIND_OF_SCALAR[kind]))
            cells.append(str(value) if kind is int else repr(value) if kind is float else _BOOL_TEXT[value])
            continue
        if kind is list and not value:  # what `neo4j_value` gives an empty list
            empty[key] = []
            continue
        if kind is list:
            try:
                plain = "".join(value)  # TypeError unless every item is a str
            except TypeError:
                pass
            else:
                if not all(value) or ARRAY_DELIMITER in plain or "\x00" in plain or "\r" in plain:
                    return None
                signature.append((key, "string[]"))
                cells.append(ARRAY_DELIMITER.join(value))
                continue
        value = neo4j_value(value)
        if value == []:
            empty[key] = value
            continue
        csv_kind = _csv_type(value)
        if csv_kind is None:
            return None
        signature.append((key, csv_kind))
        cells.append(_text(value))
    return tuple(signature), cells, empty


@gc_paused()  # millions of rows beside the graph: kg/gcpause.py
def write_import_files(graph: nx.MultiDiGraph, folder: Path, ontology: Ontology | None = None) -> ImportFiles:
    """Write `graph` as CSV files for the importer into `folder`; say what is left to write afterwards."""
    ontology = ontology or load_ontology()
    node_files: dict[tuple[tuple[str, ...], tuple], list[list[str]]] = defaultdict(list)
    out = ImportFiles([])
    label_sets: dict[tuple[str, ...], tuple[str, ...]] = {}
    roots: dict[str, str] = {}
    for node_id, data in graph.nodes(data=True):
        labels = label_sets.get(tuple(data["labels"]))
        if labels is None:
            labels = label_sets[tuple(data["labels"])] = tuple(ontology.labels_for(data["labels"]))
        found = _cells(data, ("labels", "id"))
        if found is None or not isinstance(node_id, str) or _csv_type(node_id) is None:
            out.leftover_nodes.add(node_id)
            continue
        signature, cells, empty = found
        node_files[(labels, signature)].append([node_id, *cells])
        if empty:
            root = roots.get(labels[0])
            if root is None:
                root = roots[labels[0]] = ontology.root_of(labels[0])
            out.empty_lists[("node", root)].append([node_id, empty])
    rel_files: dict[tuple[str, tuple], list[list[str]]] = defaultdict(list)
    types: dict[str, str] = {}
    leftover = out.leftover_nodes
    for source, target, key, data in graph.edges(keys=True, data=True):
        rel_type = types.get(data["type"])
        if rel_type is None:
            rel_type = types[data["type"]] = ontology.relation(data["type"]).name
        found = _cells(data, ("type",))
        if (found is None or data.get("id") is None or "id" in found[2]
                or (leftover and (source in leftover or target in leftover))):
            out.leftover_edges.add((source, target, key))
            continue
        signature, cells, empty = found
        rel_files[(rel_type, signature)].append([source, target, *cells])
        if empty:
            out.empty_lists[("rel", rel_type)].append([neo4j_value(data["id"]), empty])

    arguments = []
    multiline = []
    for i, ((labels, signature), rows) in enumerate(sorted(node_files.items())):
        path = folder / f"nodes-{i}.csv"
        if _write(path, ["id:ID", *(f"{k}:{t}" for k, t in signature)], rows):
            multiline.append(path)
        arguments.append(f"--nodes={':'.join(labels)}={path}")
    for i, ((rel_type, signature), rows) in enumerate(sorted(rel_files.items())):
        path = folder / f"relationships-{i}.csv"
        if _write(path, [":START_ID", ":END_ID", *(f"{k}:{t}" for k, t in signature)], rows):
            multiline.append(path)
        arguments.append(f"--relationships={rel_type}={path}")
    out.arguments = [*multiline_options(multiline), *arguments]
    _plan_scans(out, ontology, node_files, rel_files)
    return out


def _plan_scans(out: ImportFiles, ontology: Ontology, node_files: dict[tuple[tuple[str, ...], tuple], list[list[str]]],
                rel_files: dict[tuple[str, tuple], list[list[str]]]) -> None:
    """Move to `out.empty_by_scan` the empty lists that a scan sets exactly: those of a key that every
    imported element of its root label (or type) has, as a value in the files or as an empty list (a
    synthetic million-relation graph has `aliases: []` on all its 542,282 nodes: setting them by id
    took 10 s, a scan per label a fraction of it)."""
    imported: dict[tuple[str, str], int] = defaultdict(int)
    carried: dict[tuple[str, str, str], int] = defaultdict(int)
    groups = [(("node", ontology.root_of(labels[0])), signature, len(rows))
              for (labels, signature), rows in node_files.items()]
    # a node keyed under one root that also carries another root's label would be matched by that
    # root's scan too: no scan for such a label
    roots = set(ontology.roots())
    shared = {other for (labels, _signature) in node_files for other in roots.intersection(labels)
              if other != ontology.root_of(labels[0])}
    groups += [(("rel", rel_type), signature, len(rows)) for (rel_type, signature), rows in rel_files.items()]
    for owner, signature, count in groups:
        imported[owner] += count
        for key, _kind in signature:
            carried[(*owner, key)] += count
    for owner, rows in list(out.empty_lists.items()):
        emptied: dict[str, int] = defaultdict(int)
        for _id, empty in rows:
            for key in empty:
                emptied[key] += 1
        if owner[0] == "node" and owner[1] in shared:
            continue
        scanned = {key for key, count in emptied.items() if count + carried[(*owner, key)] == imported[owner]}
        if not scanned:
            continue
        out.empty_by_scan.extend((*owner, key) for key in sorted(scanned))
        left = [[element, rest] for element, empty in rows
                if (rest := {k: v for k, v in empty.items() if k not in scanned})]
        if left:
            out.empty_lists[owner] = left
        else:
            del out.empty_lists[owner]


def _write(path: Path, header: list[str], rows: list[list[str]]) -> bool:
    """Write one CSV file; say whether a value in it spans lines (the file has more line feeds than
    rows: counting them in the bytes written is a scan in C, where a test per value would be Python's)."""
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\n")  # quoted: "" stays an empty string
        writer.writerow(header)
        writer.writerows(rows)
    line_feeds = 0
    with path.open("rb") as written:
        while chunk := written.read(1 << 24):
            line_feeds += chunk.count(b"\n")
    return line_feeds != len(rows) + 1


def multiline_options(paths: list[Path]) -> list[str]:
    """The importer's options for values over several lines: none when no file has one (parsing for
    them slows the whole import: 23 s against 18 s at a million relations), else the files that do
    (format v2), or every file when a path cannot be listed as itself (the list is comma-separated and
    read as regular expressions: a path of letters, digits, `_`, `-`, `.` and `/` matches only itself)."""
    if not paths:
        return []
    if not all(_PLAIN_PATH.fullmatch(str(path)) for path in paths):
        return ["--multiline-fields=true"]
    return ["--multiline-fields-format=v2", "--multiline-fields=" + ",".join(str(path) for path in paths)]


#: `bulk_load`'s phases, in order, in words (what `progress` is told as each starts)
PHASES = {"csv": "writing the graph as CSV files", "import": "importing them with neo4j-admin (server stopped)",
          "start": "starting the server", "schema": "creating constraints and indexes",
          "ranking": "ranking central investors for kg query"}

IMPORT_OPTIONS = ["--overwrite-destination=true", "--id-type=string",
                  "--array-delimiter=\\u001F", "--trim-strings=false", "--ignore-empty-strings=false",
                  "--legacy-style-quoting=false", "--skip-bad-relationships=false", "--skip-duplicate-nodes=false"]


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
    running = server.status(home)
    port = running.port if running else None
    # the sizes it ran with are kept over the restart
    heap_size, pagecache = ((running.heap, running.pagecache) if running
                            else (server.DEFAULT_HEAP, server.DEFAULT_PAGECACHE))
    if running is not None:
        auth = (server.USERNAME, password) if password else None
        with GraphDatabase.driver(running.uri, auth=auth) as driver:
            present = driver.execute_query("MATCH (n) RETURN count(n) AS n").records[0]["n"]
        if present:
            raise Neo4jError(f"--bulk needs an empty database: the server of {home} holds {present} nodes "
                             "(use `kg load` to sync into it)")
        server.stop(home)
    elif (home / "data" / "databases" / "neo4j").exists():
        raise Neo4jError(f"--bulk needs an empty database: {home} already has one; start its server "
                         "(`kg neo4j start`) so that kg can check it is empty, or use `kg load`")
    report = LoadReport(nodes=graph.number_of_nodes(), relationships=graph.number_of_edges(), mode="bulk")
    home.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix="kg-bulk-", dir=home))
    if progress is not None:
        progress("csv")
    try:
        files = write_import_files(graph, folder, ontology)
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
        stored = count_by_type(session, ontology)
        steps = [*node_steps(node_rows(graph, ontology, only=files.leftover_nodes), ontology, batch_size, report,
                              stored),
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
