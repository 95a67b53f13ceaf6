"""`kg load --bulk`: Neo4j's offline importer gives the same graph as the batched loader (no mocks).

The bulk path stops and restarts a server, so it runs on a server of its own (a temporary home); the
batched load it is compared with runs on the session's server.
"""

from __future__ import annotations

import csv
import os
import re
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from hypothesis import given
from hypothesis import strategies as st
from neo4j import Driver, GraphDatabase

from kg.errors import Neo4jError, OntologyError
from kg.graph import to_networkx
from kg.neo4j import import_files, server
from kg.neo4j.bulk import PHASES, bulk_load
from kg.neo4j.import_files import ImportFiles, multiline_options, write_import_files
from kg.neo4j.loader import load_graph
from kg.neo4j.ranking import CACHE_LABEL, CENTRAL_INVESTORS, cached_rows
from kg.ontology import Ontology
from kg.queries import run_embedded
from kg.store import Store
from tests.neo4j.test_loader import dump, expected_dump, network_store  # noqa: F401  (a fixture)

pytestmark = pytest.mark.neo4j


def hostile(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """The graph plus values CSV makes hard: quotes, commas, new lines, an empty string, an empty list,
    a list item with the array delimiter, integers, floats and booleans in lists."""
    graph = graph.copy()
    # through the CSV files
    graph.add_node("organization:hostile-1", labels=["Company"], name='A "quoted", name\nover two lines',
                   aliases=["x", "y;z"], legal_name="", scores=[1, 2], weights=[0.5, 1.25], flags=[True, False])
    graph.add_node("organization:hostile-4", labels=["Company"], name="  padded, unit\x1fseparator  ")
    graph.add_edge("organization:hostile-1", "organization:hostile-4", type="SPUN_OFF_FROM",
                   id="r-hostile-1", derived=False, via=["person:x"], date="2020", amount=10**15, confidence=0.1)
    # an empty list (set after the import); a list item with the array delimiter (the batched loader's)
    graph.add_node("organization:hostile-2", labels=["Company"], name="empty list", aliases=[])
    graph.add_node("organization:hostile-3", labels=["Company"], name="delimiter", aliases=["a\x1fb"])
    graph.add_edge("organization:hostile-3", "organization:hostile-1", type="FOUNDED_BY_ALUMNI_OF",
                   id="r-hostile-3", derived=True, via=["person:y"])
    graph.add_edge("organization:hostile-2", "organization:hostile-4", type="FOUNDED_BY_ALUMNI_OF",
                   id="r-hostile-2", derived=True, via=[])
    return graph


def test_csv_leaves_out_only_what_it_cannot_carry(network_store: Store, ontology: Ontology,  # noqa: F811
                                                  tmp_path: Path) -> None:
    graph = hostile(to_networkx(network_store, ontology))
    files = write_import_files(graph, tmp_path, ontology)
    assert files.leftover_nodes == {"organization:hostile-3"}
    assert {key[:2] for key in files.leftover_edges} == {("organization:hostile-3", "organization:hostile-1")}
    # hostile-4 has no aliases at all, so its label's empty lists are set node by node ...
    assert files.empty_lists[("node", "Organization")] == [["organization:hostile-2", {"aliases": []}]]
    assert ("node", "Organization", "aliases") not in files.empty_by_scan
    # ... while where every element has the key (a value or an empty list), one scan sets them
    assert ("rel", "FOUNDED_BY_ALUMNI_OF", "via") in files.empty_by_scan
    assert ("node", "FundingRound", "aliases") in files.empty_by_scan
    assert ("rel", "FOUNDED_BY_ALUMNI_OF") not in files.empty_lists
    assert not any(owner[0] == "node" and owner[1] == "FundingRound" for owner in files.empty_lists)
    assert any(a.startswith("--nodes=") for a in files.arguments)
    assert any(a.startswith("--relationships=") for a in files.arguments)
    # only the file holding the name over two lines is parsed for values over several lines
    multiline = [a.removeprefix("--multiline-fields=") for a in files.arguments if a.startswith("--multiline-fields=")]
    assert len(multiline) == 1 and "," not in multiline[0]
    assert "over two lines" in Path(multiline[0]).read_text(encoding="utf-8")
    assert all("\n" not in value for path in tmp_path.glob("*.csv") if str(path) != multiline[0]
               for value in path.read_text(encoding="utf-8").splitlines())


def test_no_scan_for_a_label_that_nodes_of_another_root_carry(network_store: Store, ontology: Ontology,  # noqa: F811
                                                              tmp_path: Path) -> None:
    """A node keyed under Organization that also carries the Person label, without aliases: a scan of
    Person for missing aliases would give it some, so Person's empty lists are set node by node."""
    graph = to_networkx(network_store, ontology)
    assert ("node", "Person", "aliases") in write_import_files(graph, tmp_path, ontology).empty_by_scan
    graph.add_node("organization:both", labels=["Company", "Person"], name="both kinds")
    (tmp_path / "b").mkdir()
    files = write_import_files(graph, tmp_path / "b", ontology)
    assert not any(owner[:2] == ("node", "Person") for owner in files.empty_by_scan)
    persons = [node for node, data in graph.nodes(data=True) if data["labels"] == ["Person"] and data["aliases"] == []]
    assert persons and sorted(row[0] for row in files.empty_lists[("node", "Person")]) == sorted(persons)


def test_csv_without_line_breaks_asks_for_no_multiline_parsing(network_store: Store, ontology: Ontology,  # noqa: F811
                                                               tmp_path: Path) -> None:
    files = write_import_files(to_networkx(network_store, ontology), tmp_path, ontology)
    assert files.arguments and not any(a.startswith("--multiline") for a in files.arguments)


def written(files: ImportFiles) -> tuple:
    """What the files and their description say, whatever the files' names and row order: each
    element's labels (or type and endpoints) with its typed cells, and what is left to write."""
    elements = []
    for argument in files.arguments:
        kind, _, rest = argument.partition("=")
        if kind not in ("--nodes", "--relationships"):
            continue
        group, _, path = rest.rpartition("=")
        with open(path, encoding="utf-8", newline="") as handle:
            header, *rows = csv.reader(handle)
        elements += [(kind, group, *sorted(zip(header, row, strict=True))) for row in rows]
    return (sorted(elements), files.leftover_nodes, files.leftover_edges, sorted(files.empty_by_scan),
            {owner: sorted(map(repr, rows)) for owner, rows in files.empty_lists.items()},
            any(a.startswith("--multiline") for a in files.arguments))


@pytest.mark.parametrize("workers", [2, 3])
def test_csv_written_by_several_processes_says_the_same(network_store: Store, ontology: Ontology,  # noqa: F811
                                                        tmp_path: Path, workers: int) -> None:
    graph = hostile(to_networkx(network_store, ontology))
    (tmp_path / "one").mkdir()
    (tmp_path / "many").mkdir()
    alone = write_import_files(graph, tmp_path / "one", ontology, workers=1)
    shared = write_import_files(graph, tmp_path / "many", ontology, workers=workers)
    assert written(shared) == written(alone)
    assert (alone.processes, shared.processes) == (1, workers)
    assert alone.leftover_edges and alone.empty_lists and alone.empty_by_scan  # the hostile parts are there
    # every process wrote relationships of its own
    assert {path.name.split("-")[1] for path in (tmp_path / "many").glob("relationships-*.csv")} == \
        {str(worker) for worker in range(workers)}


def test_an_error_in_a_csv_process_reaches_the_caller(network_store: Store, ontology: Ontology,  # noqa: F811
                                                      tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    graph = to_networkx(network_store, ontology)
    sources = list(graph)
    odd = next(node for node in sources[1::2] if graph.out_degree(node))  # a node the second process writes
    graph.add_edge(odd, sources[0], type="NOT_IN_THE_ONTOLOGY", id="r-bad")
    with pytest.raises(OntologyError, match="NOT_IN_THE_ONTOLOGY"):
        write_import_files(graph, tmp_path, ontology, workers=2)
    # a process that dies without a word: its exit code is said
    graph.remove_edge(odd, sources[0])
    real = import_files._relationship_files

    def dying(edges: Any, ontology: Ontology, leftover: set[str], folder: Path, worker: int) -> Any:
        if worker:
            os._exit(3)
        return real(edges, ontology, leftover, folder, worker)

    monkeypatch.setattr(import_files, "_relationship_files", dying)
    with pytest.raises(Neo4jError, match="exit code 3"):
        write_import_files(graph, tmp_path, ontology, workers=2)


GIB = 1 << 30


@pytest.mark.parametrize(("relationships", "cores", "memory", "expected"), [
    (import_files.PARALLEL_FROM - 1, 8, (64 * GIB, GIB), 1),  # a small graph: one process
    (import_files.PARALLEL_FROM, 8, (64 * GIB, GIB), import_files.MAX_WORKERS),
    (10**7, 2, (64 * GIB, GIB), 2),  # one per core
    (10**7, 1, (64 * GIB, GIB), 1),
    (10**7, 8, (2 * GIB + 1, GIB), 3),  # each child needs room for a copy of the whole process
    (10**7, 8, (GIB - 1, GIB), 1),
    (10**7, 8, None, 1),  # memory unknown (no /proc): one process
])
def test_csv_processes_by_size_cores_and_memory(monkeypatch: pytest.MonkeyPatch, relationships: int, cores: int,
                                                memory: tuple[int, int] | None, expected: int) -> None:
    monkeypatch.setattr(os, "sched_getaffinity", lambda _pid: set(range(cores)), raising=False)
    monkeypatch.setattr(import_files, "_memory", lambda: memory)
    assert import_files.default_workers(relationships) == expected


def test_memory_is_read_from_proc() -> None:
    memory = import_files._memory()
    if not Path("/proc/meminfo").exists():
        assert memory is None
        return
    assert memory is not None
    available, resident = memory
    assert available > 0  # in bytes: a machine that runs the tests has more than a kilobyte free
    assert 10 * (1 << 20) < resident < 64 * GIB  # in bytes: a Python process with the graph libraries loaded


@pytest.mark.parametrize(("paths", "expected"), [
    ([], []),
    (["/h/kg-bulk-1/nodes-0.csv", "/h/kg-bulk-1/relationships-2.csv"],
     ["--multiline-fields-format=v2", "--multiline-fields=/h/kg-bulk-1/nodes-0.csv,/h/kg-bulk-1/relationships-2.csv"]),
    (["/my,home/nodes-0.csv"], ["--multiline-fields=true"]),  # the list's separator
    (["/my home (2)/nodes-0.csv"], ["--multiline-fields=true"]),  # not a regular expression matching only itself
])
def test_multiline_options_name_only_files_that_need_them(paths: list[str], expected: list[str]) -> None:
    assert multiline_options([Path(p) for p in paths]) == expected


@pytest.mark.parametrize("values", ["hostile", "plain"])  # with values over lines (parsed for them) and without
def test_bulk_import_gives_the_same_graph_as_a_batched_load(clean_neo4j: Driver, network_store: Store,  # noqa: F811
                                                            ontology: Ontology, tmp_path: Path, values: str,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    graph = to_networkx(network_store, ontology)
    graph = hostile(graph) if values == "hostile" else graph
    load_graph(clean_neo4j, graph)
    batched = dump(clean_neo4j)
    assert batched == expected_dump(graph, ontology)

    home = tmp_path / "bulk-home"
    try:
        if values == "plain":  # the store's own graph: through the command line, as a user loads it
            from typer.testing import CliRunner

            from kg.cli import app

            monkeypatch.delenv("NEO4J_URI", raising=False)
            # nothing is left over for the batched loader: the database is not even asked what it holds
            monkeypatch.setattr("kg.neo4j.bulk.count_by_type", lambda *_args: pytest.fail("counted for no leftover"))
            monkeypatch.setattr(import_files, "default_workers", lambda _relationships: 2)
            result = CliRunner().invoke(app, ["load", "--bulk", "--home", str(home),
                                              "--store", str(network_store.path)])
            assert result.exit_code == 0, result.output
            # each phase said as it starts (on stderr), each one's seconds in the summary
            assert [line for line in result.stderr.splitlines() if line.startswith("bulk: ")] == \
                [f"bulk: {words}…" for words in PHASES.values()]
            assert f"{graph.number_of_nodes()} nodes" in result.stdout
            assert all(f"{name} " in result.stdout.split("(bulk import: ")[1] for name in PHASES)
            assert re.search(r"\(bulk import: csv \d+\.\d s in 2 processes, import ", result.stdout)
        else:
            # a server of its own already runs, empty, with sizes of its own: stopped, and started again with them
            server.start(home, heap="640m", pagecache="80m", watch_pid=os.getpid())
            # the files written by three processes, as a large graph's are
            monkeypatch.setattr(import_files, "default_workers", lambda _relationships: 3)
            phases: list[str] = []
            timings: dict[str, float] = {}
            report = bulk_load(graph, home, keep_ranking=True, progress=phases.append, timings=timings)
            restarted = server.status(home)
            assert restarted is not None and (restarted.heap, restarted.pagecache) == ("640m", "80m")
            assert phases == list(PHASES) == list(timings)
            assert report.ranking_kept is True
            assert (report.nodes_created, report.relationships_created) == (graph.number_of_nodes(),
                                                                           graph.number_of_edges())
            assert report.constraints_added > 0  # created after the import
            assert (report.rows_sent, report.write_transactions) == (2, 1)  # the leftovers: a node and an edge
            assert report.csv_processes == 3
        info = server.status(home)
        assert info is not None
        with GraphDatabase.driver(info.uri) as driver:
            # the ranking kept for `kg query` is sealed, and is the embedded store's
            assert cached_rows(driver, CENTRAL_INVESTORS) == run_embedded(graph, CENTRAL_INVESTORS, top=10**9)
            nodes, rels = dump(driver)
            assert ([row for row in nodes if row["labels"] != [CACHE_LABEL]], rels) == batched
            constraints = driver.execute_query("SHOW CONSTRAINTS YIELD name WHERE name STARTS WITH 'kg_' "
                                               "RETURN count(*) AS n").records[0]["n"]
            assert constraints == len(ontology.roots()) + len(ontology.relations)
            # a batched reload finds nothing to change
            assert not load_graph(driver, graph).changed
            # the importer replaces a database, so a database with data is refused
            with pytest.raises(Neo4jError, match="empty database"):
                bulk_load(graph, home)
            nodes, rels = dump(driver)
            assert ([row for row in nodes if row["labels"] != [CACHE_LABEL]], rels) == batched
    finally:
        server.stop(home)


@pytest.mark.parametrize(("args", "uri", "said"), [
    (["--bulk"], "bolt://127.0.0.1:1", "cannot reach a server given by NEO4J_URI"),  # --bulk is local only
    (["--bulk", "--home", "{home}"], None, "already has one"),  # a database that kg cannot check is empty
    ([], "bolt://127.0.0.1:1", "cannot reach Neo4j at bolt://127.0.0.1:1"),  # nobody listens there
])
def test_cli_load_refuses_before_it_reads_the_store(tmp_path: Path, network_store: Store,  # noqa: F811
                                                    monkeypatch: pytest.MonkeyPatch, args: list[str],
                                                    uri: str | None, said: str) -> None:
    """At a million relations the graph view takes a minute: a load that cannot happen says so first."""
    from typer.testing import CliRunner

    from kg.cli import app

    home = tmp_path / "home"
    (home / "data" / "databases" / "neo4j").mkdir(parents=True)
    monkeypatch.setattr("kg.graph.to_networkx", lambda *_args, **_kw: pytest.fail("read the store first"))
    env = {k: v for k, v in os.environ.items() if k != "NEO4J_URI"} | ({"NEO4J_URI": uri} if uri else {})
    result = CliRunner().invoke(app, ["load", *[a.format(home=home) for a in args],
                                      "--store", str(network_store.path)], env=env)
    assert result.exit_code == 1, result.output
    assert said in result.output


_hostile_text = st.text(alphabet="a\x1f\x00\r\n\u00e9\"", max_size=3)  # the delimiter, NUL, CR, a line feed
_values = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(), _hostile_text,
    st.lists(_hostile_text, max_size=3), st.lists(st.one_of(_hostile_text, st.integers()), max_size=2),
    st.lists(st.one_of(st.none(), st.text()), max_size=4), st.lists(st.integers(), max_size=3),
    st.lists(st.booleans(), max_size=3), st.tuples(st.text()), st.dictionaries(st.text(max_size=3), st.integers()),
)


@given(st.dictionaries(st.sampled_from(["id", "name", "aliases", "type", "labels", "date", "b", "a"]), _values))
def test_cells_equal_the_reference_conversion(data: dict) -> None:
    """`_cells`, the short path every element of a bulk load takes, gives exactly what the general
    functions give: `neo4j_value`, None left out, empty lists apart, `_signature` and `_text`."""
    from kg.neo4j.import_files import _cells, _signature, _split, _text
    from kg.neo4j.loader import neo4j_value

    for skip in (("labels", "id"), ("type",)):
        props, empty = _split({k: neo4j_value(v) for k, v in data.items() if k not in skip and v is not None})
        signature = _signature(props)
        expected = None if signature is None else (signature, [_text(props[k]) for k, _t in signature], empty)
        assert _cells(data, skip) == expected


@given(st.dictionaries(st.sampled_from(["id", "name", "aliases", "x"]), _values), st.permutations(["id", "name",
                                                                                                     "aliases", "x"]))
def test_row_values_equal_neo4j_value(data: dict, keys: list[str]) -> None:
    """The batched loader's list rows hold `neo4j_value` of each key's value (None when missing)."""
    from kg.neo4j.loader import _values, neo4j_value

    assert _values(data, keys) == [neo4j_value(data.get(k)) for k in keys]
