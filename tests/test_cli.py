"""The command line end to end on the project's example articles: build, stats, export, query, eval."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import Backend, OutputFormat, app
from tests.factories import run_kg as kg

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
runner = CliRunner()




@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    store = tmp_path_factory.mktemp("cli") / "store"
    code, out, err = kg("build", EXAMPLES, "--store", store)
    assert code == 0, err
    return store


def export(store: Path, tmp: Path, name: str = "g.json") -> dict:
    code, _out, err = kg("export", "--format", "node-link", "--output", tmp / name, "--store", store)
    assert code == 0, err
    return json.loads((tmp / name).read_text(encoding="utf-8"))


def test_build_twice_gives_the_same_graph(built: Path, tmp_path: Path) -> None:
    first = export(built, tmp_path, "1.json")
    code, out, _ = kg("build", EXAMPLES, "--store", built)
    assert code == 0 and out.startswith("0 article(s) added")
    assert export(built, tmp_path, "2.json") == first


def test_the_example_graph_has_the_promised_kinds(built: Path, tmp_path: Path) -> None:
    data = export(built, tmp_path)
    labels = {label for node in data["nodes"] for label in node["labels"]}
    assert {"Company", "Person", "Investor", "StateOwnedFund", "Exchange", "Article"} <= labels
    types = {edge["type"] for edge in data["edges"]}
    core = types & {"INVESTED_IN", "FILED_FOR_IPO", "PASSED_LISTING_HEARING", "LISTED_ON", "FOUNDED",
                    "HOLDS_POSITION", "LEFT", "SPUN_OFF_FROM", "DEVELOPS"}
    assert len(core) >= 6, sorted(types)
    # the stated spin-off (脱胎于) and the founder lineages the view derives, each under its own type
    lineages = {(edge["type"], edge.get("derived")) for edge in data["edges"]
                if edge["type"] in ("SPUN_OFF_FROM", "FOUNDED_BY_ALUMNI_OF")}
    assert lineages == {("SPUN_OFF_FROM", None), ("FOUNDED_BY_ALUMNI_OF", True)}


def test_stats_as_json_is_a_list_of_rows(built: Path) -> None:
    code, out, _ = kg("stats", "--store", built, "--format", "json")
    rows = json.loads(out)
    assert isinstance(rows, list) and all(set(r) == {"kind", "name", "count"} for r in rows)
    totals = {r["name"]: r["count"] for r in rows if r["kind"] == "total"}
    from kg.ingest.readers import list_input_files

    assert totals["articles"] == len(list_input_files([EXAMPLES])) == 12


@pytest.mark.parametrize("fmt", ["ttl", "nt", "jsonld", "xml", "trig"])
def test_rdf_exports_parse_back(built: Path, tmp_path: Path, fmt: str) -> None:
    from rdflib import Dataset, Graph

    out = tmp_path / f"g.{fmt}"
    code, msg, err = kg("export", "--format", fmt, "--output", out, "--store", built)
    assert code == 0, err
    triples = int(re.search(r"wrote (\d+) triples", msg).group(1))
    parser = {"ttl": "turtle", "nt": "nt", "jsonld": "json-ld", "xml": "xml", "trig": "trig"}[fmt]
    if fmt == "trig":
        parsed = Dataset().parse(out, format=parser)
        assert sum(len(g) for g in parsed.graphs()) == triples
        assert len(list(parsed.graphs())) > 2  # a named graph per article
    else:
        assert len(Graph().parse(out, format=parser)) == triples


def test_export_engine_and_its_deprecated_streaming_alias(built: Path, tmp_path: Path) -> None:
    """`--engine` picks the writer; `--streaming/--no-streaming` still work, with a note on stderr."""
    counts = {}
    for args in (["--engine", "streaming"], ["--engine", "rdflib"], ["--streaming"], ["--no-streaming"], []):
        code, msg, err = kg("export", "-f", "nt", "-o", tmp_path / "g.nt", "--store", built, *args)
        assert code == 0, err
        counts[" ".join(args)] = msg.split()[1]
        assert ("deprecated; use --engine" in err) == (args[:1] in (["--streaming"], ["--no-streaming"]))
    assert len(set(counts.values())) == 1, counts
    code, _msg, err = kg("export", "-f", "trig", "-o", tmp_path / "g.trig", "--store", built, "--engine", "streaming")
    assert code == 1 and err.strip() == "kg: error: the streaming engine writes nt, nq, ttl, not trig"
    code, _msg, err = kg("export", "-f", "trig", "-o", tmp_path / "g.trig", "--store", built, "--streaming")
    assert code == 1 and "deprecated" in err and "writes nt, nq, ttl, not trig" in err


@pytest.mark.parametrize("command", [["export"], ["sparql"], ["cypher"], ["query"]])
def test_engine_is_the_one_option_name_for_a_backend(command: list[str]) -> None:
    out = runner.invoke(app, [*command, "--help"], terminal_width=200).output
    assert "--engine" in out and "--backend" not in out and "--streaming" not in out


def test_backend_is_still_read_as_the_old_name_of_engine(built: Path) -> None:
    code, out, err = kg("query", "investors", "澄湖科技", "--store", built, "--backend", "embedded")
    assert code == 0 and "杭州城投" in out, err
    code, _out, err = kg("query", "investors", "澄湖科技", "--store", built, "--backend", "embedded",
                         "--engine", "neo4j")
    assert code == 1 and "contradicts" in err


def test_a_broken_file_is_reported_and_the_rest_is_built(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    good = next(p for p in sorted(EXAMPLES.iterdir()) if p.suffix == ".txt")
    (folder / good.name).write_bytes(good.read_bytes())
    (folder / "broken.txt").write_bytes(b"\x00\x01\x02binary\x00" * 50)
    (folder / "empty.txt").write_bytes(b"")
    code, out, err = kg("build", folder, "--store", tmp_path / "s")
    assert code == 2
    assert out.startswith("1 article(s) added")
    assert "broken.txt" in err and "empty.txt" in err


def test_missing_inputs_and_stores_are_clear_errors(tmp_path: Path) -> None:
    code, _, err = kg("build", tmp_path / "nope", "--store", tmp_path / "s")
    assert code == 1 and "no such file" in err
    code, _, err = kg("stats", "--store", tmp_path / "none")
    assert code == 1 and "no kg store" in err


def test_query_list_and_errors(built: Path) -> None:
    code, out, _ = kg("query", "--list", "--format", "json")
    assert {r["query"] for r in json.loads(out)} >= {"investors", "co-investors", "state-capital"}
    code, _, err = kg("query", "investorz", "x", "--store", built)
    assert code == 1 and "did you mean investors" in err
    code, _, err = kg("query", "investors", "No Such Company Ltd", "--store", built, "--backend", "embedded")
    assert code == 1 and "no entity called" in err


def test_state_capital_query_finds_state_investors(built: Path) -> None:
    code, out, err = kg("query", "state-capital", "--store", built, "--backend", "embedded", "-f", "json")
    assert code == 0, err
    rows = json.loads(out)
    assert rows and all(r["fund"] and r["company"] for r in rows)


def test_queries_load_no_extraction_rules(built: Path) -> None:
    """`kg query` on the store imports nothing of kg.extract (issue 13, fresh process): importing it compiles
    every extraction rule, 2 to 4 seconds before the first answer. The queries that sort figures by
    period (`kg.period_order`) and read regions (`kg.regions`) are among them."""
    queries = [["investors", "澄湖科技"], ["state-capital", "--region", "上海"], ["financials", "云岫智能"],
               ["ipo-pipeline"], ["compare", "云岫智能", "砚石智能"]]
    code = "\n".join([
        "import sys",
        "from kg.cli import main",
        f"for args in {queries!r}:",
        f"    sys.argv = ['kg', 'query', *args, '--store', {str(built)!r}, '--engine', 'embedded', '-f', 'json']",
        "    try:",
        "        main()",
        "    except SystemExit as exit:",
        "        assert not exit.code, args",
        "print(sorted(m for m in sys.modules if m.startswith('kg.extract')), file=sys.stderr)",
    ])
    env = {k: v for k, v in os.environ.items() if k != "NEO4J_URI"}
    env["PYTHONPATH"] = str(ROOT)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert done.stderr.strip().splitlines()[-1] == "[]"


def test_every_command_has_help_and_a_readme_entry() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    import typer.main

    click_app = typer.main.get_command(app)
    names = []
    for name, cmd in click_app.commands.items():
        sub = getattr(cmd, "commands", None)
        names += [f"{name} {s}" for s in sub] if sub else [name]
        for c in (sub or {name: cmd}).values():
            assert (c.help or "").strip(), f"{name} has no help"
    for name in names:
        first = name.split()[0]
        assert f"`kg {first}" in readme, f"kg {name} is not in the README"


@pytest.mark.parametrize(("command", "shown"), [
    (["query"], ["[default: 4]", "[default: 10]", "[default: neo4j when NEO4J_URI is set]"]),
    (["cypher"], ["[default: $NEO4J_URI]", "kg cypher --engine neo4j"]),
    (["load"], ["[default: 10000; x>=1]", "--writers", "[default: 2; x>=1]"]),
    ([], ["export NEO4J_URI=$(kg neo4j start) && kg load"]),
])
def test_help_shows_defaults_and_examples_as_written(command: list[str], shown: list[str]) -> None:
    """Help text is printed as written: "[default: …]" is not eaten as markup, examples keep their lines."""
    result = runner.invoke(app, [*command, "--help"], terminal_width=200)
    assert result.exit_code == 0, result.output
    for text in shown:
        assert text in result.output, text


def test_load_s_written_defaults_are_the_loader_s() -> None:
    """`kg load` spells its defaults as literals (its --help imports no driver): they must stay the library's."""
    import typer

    from kg.neo4j.batches import DEFAULT_WRITERS
    from kg.neo4j.loader import DEFAULT_BATCH_SIZE

    params = {p.name: p.default for p in typer.main.get_command(app).commands["load"].params}
    assert (params["batch_size"], params["writers"]) == (DEFAULT_BATCH_SIZE, DEFAULT_WRITERS)


@pytest.mark.parametrize("command", ["eval", "query", "cypher"])
def test_help_examples_stay_one_per_line(command: str) -> None:
    """Click rewraps a paragraph unless it is marked; an example glued to the next one cannot be copied."""
    out = CliRunner().invoke(app, [command, "--help"], terminal_width=100).output
    examples = [ln.strip() for ln in out.splitlines() if ln.strip().startswith(f"kg {command} ")]
    assert examples, out
    assert all(len(re.findall(rf"\bkg {command}\b", ln)) == 1 for ln in examples), examples


# -- `kg query` as a process: plain command lines skip typer's parsing (`kg.cli._plain_query`) --------------


@pytest.mark.parametrize(("argv", "expected"), [
    (["query", "investors", "澄湖科技"], {"name": "investors", "arguments": ["澄湖科技"]}),
    (["query"], {}),
    (["query", "--list", "-f", "json"], {"list_queries": True, "fmt": OutputFormat.json}),
    (["query", "path", "a", "b", "--max-hops=3", "--store", "s", "--engine", "embedded", "--down"],
     {"name": "path", "arguments": ["a", "b"], "max_hops": 3, "store": Path("s"), "engine": Backend.embedded,
      "up": False}),
    (["query", "state-capital", "--region", "Shanghai", "--as-of", "2025", "-s", "s", "--backend", "neo4j"],
     {"name": "state-capital", "arguments": None, "region": "Shanghai", "as_of": "2025", "store": Path("s"),
      "backend": Backend.neo4j}),
    (["query", "-", "--top", "0"], {"name": "-", "arguments": None, "top": 0}),
    # typer's to parse (and to explain what is wrong)
    (["query", "--help"], None), (["query", "investors", "-h"], None), (["stats"], None), ([], None),
    (["query", "x", "--max-hops", "three"], None), (["query", "x", "--max-hops", "-1"], None),
    (["query", "x", "--max-hops", "03"], None), (["query", "x", "--top", "１"], None),
    (["query", "x", "-f", "xml"], None), (["query", "x", "-f", "JSON"], None), (["query", "x", "--engine"], None),
    (["query", "x", "--region", "--up"], None), (["query", "x", "--region", ""], None),
    (["query", "x", "--up", "--down"], None), (["query", "x", "-s", "a", "--store", "b"], None),
    (["query", "x", "-fjson"], None), (["query", "x", "--list=1"], None), (["query", "x", "--", "-y"], None),
    (["query", "x", "--reg", "Shanghai"], None), (["query", "x", "--no-such-option"], None),
])
def test_plain_query_reads_only_what_typer_takes_as_it_is(argv: list[str], expected: dict | None) -> None:
    from kg.cli import _plain_query

    assert _plain_query(argv) == expected


def _kg_process(*args: object, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """`kg ARGS` as a new process of this tree (what the console script runs)."""
    return subprocess.run([sys.executable, "-c", "from kg.cli import main; main()", *map(str, args)], cwd=ROOT,
                          capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})})


@pytest.mark.parametrize("args", [
    ["investors", "澄湖科技", "-f", "json"], ["investors", "澄湖科技"], ["co-investors", "杭州城投", "--format=csv"],
    ["state-capital", "--level", "municipal", "-f", "json"], ["path", "杭州城投", "顾言川", "--max-hops", "3"],
    ["lineage", "栖光机器人", "--up"], ["investors", "No Such Company Ltd"], ["investorz", "x"],
    ["investors", "澄湖科技", "--engine", "embedded", "--backend", "neo4j"], ["--list"], [],
])
def test_kg_query_as_a_process_answers_as_typer_does(built: Path, args: list[str]) -> None:
    process = _kg_process("query", *args, "--store", built, "--engine", "embedded")
    result = runner.invoke(app, ["query", *args, "--store", str(built), "--engine", "embedded"])
    assert (process.returncode, process.stdout, process.stderr) == (result.exit_code, result.stdout, result.stderr)


def test_kg_query_as_a_process_leaves_a_bad_value_to_typer(built: Path) -> None:
    process = _kg_process("query", "investors", "澄湖科技", "--store", built, "-f", "xml")
    assert process.returncode == 2 and "Invalid value for '--format' / '-f'" in process.stderr


def test_kg_query_as_a_process_imports_nothing_it_does_not_use(built: Path) -> None:
    """A plain `kg query` on the store needs neither typer's checks (pydantic) nor any other engine."""
    heavy = ("pydantic", "neo4j", "rdflib", "pyshacl", "grandcypher", "lark", "numpy", "igraph", "jieba")
    code = ("import sys\nfrom kg.cli import main\ntry:\n    main()\nfinally:\n"
            f"    print(','.join(m for m in {heavy!r} if m in sys.modules), file=sys.stderr)")
    process = subprocess.run([sys.executable, "-c", code, "query", "investors", "澄湖科技", "--store", str(built),
                              "--engine", "embedded", "-f", "json"], cwd=ROOT, capture_output=True, text=True,
                             env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert process.returncode == 0 and json.loads(process.stdout)
    assert process.stderr.strip() == ""


def test_plain_query_reads_the_options_kg_query_has() -> None:
    """`_plain_query`'s tables name `kg query`'s own options and parameters: one renamed or removed in
    the command cannot be read on the fast path under its old name (one added falls back to typer)."""
    import typing

    import typer.main

    from kg.cli import _QUERY_FLAGS, _QUERY_INTS, _QUERY_VALUES, query

    command = typer.main.get_command(app)  # typer's own click: its classes are not the click package's
    params = {p.name: p for p in command.commands["query"].params  # type: ignore[attr-defined]
              if p.param_type_name == "option"}
    valued = {opt: p.name for p in params.values() if not p.is_flag for opt in p.opts}
    assert valued == _QUERY_VALUES
    flags = {opt: (p.name, True) for p in params.values() if p.is_flag and p.name != "help" for opt in p.opts}
    flags |= {opt: (p.name, False) for p in params.values() if p.is_flag for opt in p.secondary_opts}
    assert flags == _QUERY_FLAGS
    hints = typing.get_type_hints(query)
    assert {name for name in params if int in typing.get_args(hints[name])} == _QUERY_INTS


@pytest.mark.parametrize(("fmt", "pieces"), [("nt", 2), ("jsonld", 1)])
def test_export_and_import_count_the_triples_on_a_terminal(built: Path, tmp_path: Path, fmt: str, pieces: int,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """No length is known before the end, so `kg export`'s bar counts the triples as they are written
    (the streaming writers piece by piece, rdflib at the end); `-q`, or no terminal, draws nothing."""
    import io
    import types

    import kg.cli

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    terminal = Terminal()
    monkeypatch.setattr(kg.cli, "sys", types.SimpleNamespace(stderr=terminal))
    result = runner.invoke(app, ["export", "-f", fmt, "-o", str(tmp_path / f"g.{fmt}"), "--store", str(built)])
    assert result.exit_code == 0, result.output
    triples = int(re.search(r"wrote (\d+) triples", result.stdout).group(1))  # type: ignore[union-attr]
    shown = [int(n) for n in re.findall(r"exporting \(triples\)\s+\[[-#]*\]\s+(\d+)", terminal.getvalue())]
    assert shown[-1] == triples and len(set(shown)) >= pieces + 1  # from 0, then each piece
    quiet = Terminal()
    monkeypatch.setattr(kg.cli, "sys", types.SimpleNamespace(stderr=quiet))
    result = runner.invoke(app, ["export", "-q", "-f", fmt, "-o", str(tmp_path / f"q.{fmt}"), "--store", str(built)])
    assert result.exit_code == 0 and quiet.getvalue() == ""
    # `kg import` of the file counts what it reads the same way
    monkeypatch.setattr("kg.rdf.importer._TOLD_EVERY", 1000)
    reading = Terminal()
    monkeypatch.setattr(kg.cli, "sys", types.SimpleNamespace(stderr=reading))
    result = runner.invoke(app, ["import", str(tmp_path / f"g.{fmt}"), "--store", str(tmp_path / "copy")])
    assert result.exit_code == 0, result.output
    read = [int(n) for n in re.findall(r"reading \(triples\)\s+\[[-#]*\]\s+(\d+)", reading.getvalue())]
    assert read[-1] == triples and len(set(read)) >= 3


@pytest.mark.parametrize(("command", "said"), [
    (["cypher", "MATCH (n:Company) RETURN n.name AS name ORDER BY", "--engine", "embedded"], "line 1"),
    (["cypher", "OPTIONAL MATCH (n) RETURN n", "--engine", "embedded"], "OPTIONAL MATCH"),
    (["viz", "investors", "Nobody Capital Partners", "--output", "{tmp}/i.html"], "no entity called"),
    (["viz", "investors", "云岫智能", "--output", "{tmp}/i.jpg"], "choose an output ending in"),
    (["viz", "lineage", "岫", "--output", "{tmp}/l.html"], "no entity called"),
    (["viz", "lineage", "云岫智能", "--output", "{tmp}/l.pdf"], "choose an output ending in"),
    (["viz", "network", "--output", "{tmp}/n.txt"], "choose an output ending in"),
])
def test_commands_that_read_the_whole_graph_refuse_first(built: Path, tmp_path: Path, command: list[str], said: str,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """A query, name or output the command cannot use is said before the graph view is built, which
    takes a minute at a million relations."""
    monkeypatch.setattr("kg.graph.to_networkx", lambda *_args, **_kw: pytest.fail("read the whole graph first"))
    args = [part.replace("{tmp}", str(tmp_path)) for part in command] + ["--store", str(built)]
    result = runner.invoke(app, args)
    assert result.exit_code == 1, result.output
    assert said in result.output
    assert not list(tmp_path.iterdir())


@pytest.mark.parametrize(("command", "doing"), [
    (["export", "--format", "node-link", "--output", "{tmp}/g.json"], "kg export"),
    (["export", "--format", "nt", "--output", "{tmp}/g.nt"], "kg export"),
    (["cypher", "MATCH (n:Company) RETURN count(n) AS n", "--engine", "embedded"], "kg cypher"),
    (["validate"], "kg validate"),
])
def test_commands_that_read_the_whole_graph_say_so_when_it_is_large(built: Path, tmp_path: Path, command: list[str],
                                                                      doing: str,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """At a million relations the graph view takes a minute before anything else happens: a large store
    is announced on stderr with its size; a small one, as here by default, is not."""
    import kg.cli
    from kg.store import open_store

    with open_store(built, create=False) as store:
        relations = store.relation_count()
    assert relations > 10
    args = [part.replace("{tmp}", str(tmp_path)) for part in command] + ["--store", str(built)]
    quiet = runner.invoke(app, args)
    assert quiet.exit_code == 0, quiet.output
    assert "whole graph" not in quiet.stderr
    monkeypatch.setattr(kg.cli, "WHOLE_GRAPH_NOTICE_FROM", relations)
    loud = runner.invoke(app, args)
    assert loud.exit_code == 0, loud.output
    assert f"{doing}: reading the whole graph, {relations:,} relations" in loud.stderr
    assert "whole graph" not in loud.stdout  # stdout stays the answer alone (pipes)
    monkeypatch.setattr(kg.cli, "WHOLE_GRAPH_NOTICE_FROM", relations + 1)
    assert "whole graph" not in runner.invoke(app, args).stderr
