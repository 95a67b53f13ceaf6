"""The CSV files of `kg load --bulk`: a graph view written as typed files for Neo4j's offline importer.

One file per label set (or relationship type) and set of property types, so every value keeps its
exact type. Empty lists (an empty array reads back as no property) are not in the files: the import's
caller sets them afterwards, by one scan of a label (or relationship type) where every element of it
has the key, else element by element. The importer is asked to parse values over several lines only in
the files that hold one (parsing for them slows the whole import). A few values CSV cannot carry
exactly (a list item that is empty or holds the array delimiter, a string with a NUL or a carriage
return) are left out of the files and named in `ImportFiles`, for the batched loader.

At a million relations this is 3.4 million elements turned into cells in Python, about 25 s on one
core, so the relationships are split between processes, one per core while memory allows (a fork
shares the graph, copy on write): each writes files of its own, and the importer reads several files
of one type as it reads one. Measured at a million relations, in the process that built the view:
25.5 and 25.7 s in one process, 19.8 and 17.3 s in two.
"""

from __future__ import annotations

import csv
import multiprocessing
import os
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import networkx as nx

from kg.errors import Neo4jError
from kg.gcpause import gc_paused
from kg.neo4j.loader import neo4j_value
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
    processes: int = 1
    """How many processes wrote the relationships' files (`default_workers`)."""


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


#: Relationships from which the cells are made in several processes: below it, one (a fork and the
#: result's trip back cost more than a small graph's whole conversion).
PARALLEL_FROM = 100_000

#: The most processes that make cells: the importer reads the files one after another anyway.
MAX_WORKERS = 4

#: A written file: (root or label set, or type; property signature), its path, its rows, whether a
#: value in it spans lines.
_File = tuple[tuple[Any, tuple], Path, int, bool]


@dataclass
class _Relationships:
    """One process's relationship files and what they leave to write after the import."""

    files: list[_File]
    leftover_edges: set[tuple[str, str, Any]]
    empty_lists: dict[tuple[str, str], list[list[Any]]]


def default_workers(relationships: int) -> int:
    """How many processes make the relationships' files: one per core this process may use (at most
    `MAX_WORKERS`) for a graph of `PARALLEL_FROM` relationships or more, on Linux (a fork, and
    /proc to say how much memory is free); else one.

    And no more than memory allows: a forked child shares the graph's pages only until it touches
    them, and reading an object writes its reference count, so a child copies most of the pages of
    its share (at a million relations 2.6 GB of the parent's 4.1 GB). Each child is allowed only
    while the memory available holds one more copy of this whole process."""
    if relationships < PARALLEL_FROM or "fork" not in multiprocessing.get_all_start_methods():
        return 1
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    memory = _memory()
    if memory is None:
        return 1
    available, resident = memory
    return max(1, min(cores, MAX_WORKERS, 1 + available // max(resident, 1)))


def _memory() -> tuple[int, int] | None:
    """(bytes available to new work, bytes this process holds in memory), from Linux's /proc; None
    where they cannot be read."""
    try:
        meminfo = Path("/proc/meminfo").read_text(encoding="ascii")
        statm = Path("/proc/self/statm").read_text(encoding="ascii")
    except OSError:
        return None
    found = re.search(r"^MemAvailable:\s+(\d+) kB", meminfo, re.MULTILINE)
    if found is None:
        return None
    return int(found.group(1)) * 1024, int(statm.split()[1]) * os.sysconf("SC_PAGE_SIZE")


@gc_paused()  # millions of rows beside the graph: kg/gcpause.py
def write_import_files(graph: nx.MultiDiGraph, folder: Path, ontology: Ontology | None = None, *,
                       workers: int | None = None) -> ImportFiles:
    """Write `graph` as CSV files for the importer into `folder`; say what is left to write afterwards.

    `workers` processes make the relationships' files (default `default_workers`): the graph's nodes
    are dealt out among them in turn, and each writes the relationships that leave its nodes into
    files of its own (forked children see the graph as it is; only their files' names, counts and
    leftovers come back). The files and `ImportFiles` describe the same graph whatever the number:
    only how the rows are spread over files changes."""
    ontology = ontology or load_ontology()
    out = ImportFiles([])
    node_files = _node_cells(graph, ontology, out)
    workers = default_workers(graph.number_of_edges()) if workers is None else workers
    if workers < 1:
        raise ValueError(f"workers must be at least 1, not {workers}")
    sources = list(graph) if workers > 1 else None
    children = [_start_child(graph, sources[i::workers], ontology, out.leftover_nodes, folder, i)
                for i in range(1, workers)] if sources is not None else []
    try:
        nodes_written: list[_File] = []
        for i, (group, rows) in enumerate(sorted(node_files.items())):
            path = folder / f"nodes-{i}.csv"
            spans = _write(path, ["id:ID", *(f"{k}:{t}" for k, t in group[1])], rows)
            nodes_written.append((group, path, len(rows), spans))
        del node_files
        edges = graph.edges(sources[0::workers] if sources is not None else None, keys=True, data=True)
        parts = [_relationship_files(edges, ontology, out.leftover_nodes, folder, 0)]
        parts += [_result_of(*child) for child in children]
    finally:
        for process, _conn in children:
            if process.is_alive():
                process.terminate()
            process.join()
    rels_written: list[_File] = []
    for part in parts:
        rels_written += part.files
        out.leftover_edges |= part.leftover_edges
        for owner, rows in part.empty_lists.items():
            out.empty_lists[owner] += rows
    rels_written.sort(key=lambda file: (file[0], str(file[1])))
    arguments = [f"--nodes={':'.join(labels)}={path}" for (labels, _signature), path, _n, _spans in nodes_written]
    arguments += [f"--relationships={rel_type}={path}" for (rel_type, _signature), path, _n, _spans in rels_written]
    multiline = [path for _group, path, _n, spans in [*nodes_written, *rels_written] if spans]
    out.arguments = [*multiline_options(multiline), *arguments]
    out.processes = workers
    _plan_scans(out, ontology, [(group, n) for group, _path, n, _spans in nodes_written],
                [(group, n) for group, _path, n, _spans in rels_written])
    return out


def _node_cells(graph: nx.MultiDiGraph, ontology: Ontology, out: ImportFiles
                ) -> dict[tuple[tuple[str, ...], tuple], list[list[str]]]:
    """The nodes' rows by label set and signature; the leftovers and empty lists into `out`."""
    node_files: dict[tuple[tuple[str, ...], tuple], list[list[str]]] = defaultdict(list)
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
    return node_files


def _relationship_files(edges: Iterable[tuple[str, str, Any, dict[str, Any]]], ontology: Ontology,
                        leftover: set[str], folder: Path, worker: int) -> _Relationships:
    """Write `edges` into files named for `worker`; an edge with an endpoint in `leftover` (a node the
    files do not carry) is left over too."""
    rel_files: dict[tuple[str, tuple], list[list[str]]] = defaultdict(list)
    types: dict[str, str] = {}
    leftover_edges: set[tuple[str, str, Any]] = set()
    empty_lists: dict[tuple[str, str], list[list[Any]]] = defaultdict(list)
    for source, target, key, data in edges:
        rel_type = types.get(data["type"])
        if rel_type is None:
            rel_type = types[data["type"]] = ontology.relation(data["type"]).name
        found = _cells(data, ("type",))
        if (found is None or data.get("id") is None or "id" in found[2]
                or (leftover and (source in leftover or target in leftover))):
            leftover_edges.add((source, target, key))
            continue
        signature, cells, empty = found
        rel_files[(rel_type, signature)].append([source, target, *cells])
        if empty:
            empty_lists[("rel", rel_type)].append([neo4j_value(data["id"]), empty])
    files: list[_File] = []
    for i, (group, rows) in enumerate(sorted(rel_files.items())):
        path = folder / f"relationships-{worker}-{i}.csv"
        spans = _write(path, [":START_ID", ":END_ID", *(f"{k}:{t}" for k, t in group[1])], rows)
        files.append((group, path, len(rows), spans))
    return _Relationships(files, leftover_edges, dict(empty_lists))


def _start_child(graph: nx.MultiDiGraph, sources: list[str], ontology: Ontology, leftover: set[str],
                 folder: Path, worker: int) -> tuple[Any, Any]:
    """Fork a process that writes the relationships leaving `sources`; (process, end of its pipe)."""
    context = multiprocessing.get_context("fork")
    receiving, sending = context.Pipe(duplex=False)
    process = context.Process(target=_child, args=(sending, graph, sources, ontology, leftover, folder, worker),
                              name=f"kg-bulk-csv-{worker}", daemon=True)
    process.start()
    sending.close()  # the child's copy stays open: its end (or death) is what the parent reads
    return process, receiving


def _child(sending: Any, graph: nx.MultiDiGraph, sources: list[str], ontology: Ontology, leftover: set[str],
           folder: Path, worker: int) -> None:
    try:
        result: _Relationships | BaseException = _relationship_files(
            graph.edges(sources, keys=True, data=True), ontology, leftover, folder, worker)
    except BaseException as error:  # noqa: BLE001  (handed to the parent, which raises it)
        result = error
    sending.send(result)
    sending.close()


def _result_of(process: Any, receiving: Any) -> _Relationships:
    """A child's files, or its error raised here."""
    try:
        result = receiving.recv()
    except EOFError:
        process.join()
        raise Neo4jError(f"writing the CSV files failed: process {process.name} ended with exit code "
                         f"{process.exitcode} before it said what it wrote") from None
    finally:
        receiving.close()
    if isinstance(result, BaseException):
        raise result
    return result


def _plan_scans(out: ImportFiles, ontology: Ontology, node_counts: list[tuple[tuple[tuple[str, ...], tuple], int]],
                rel_counts: list[tuple[tuple[str, tuple], int]]) -> None:
    """Move to `out.empty_by_scan` the empty lists that a scan sets exactly: those of a key that every
    imported element of its root label (or type) has, as a value in the files or as an empty list (a
    synthetic million-relation graph has `aliases: []` on all its 542,282 nodes: setting them by id
    took 10 s, a scan per label a fraction of it). The counts are the rows of each written file."""
    imported: dict[tuple[str, str], int] = defaultdict(int)
    carried: dict[tuple[str, str, str], int] = defaultdict(int)
    groups = [(("node", ontology.root_of(labels[0])), signature, count)
              for (labels, signature), count in node_counts]
    # a node keyed under one root that also carries another root's label would be matched by that
    # root's scan too: no scan for such a label
    roots = set(ontology.roots())
    shared = {other for (labels, _signature), _count in node_counts for other in roots.intersection(labels)
              if other != ontology.root_of(labels[0])}
    groups += [(("rel", rel_type), signature, count) for (rel_type, signature), count in rel_counts]
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
