"""Every example command line in `kg --help`, each command's `--help` and the README's fenced blocks runs
on the store built from `examples/`: help that names entities the examples do not hold teaches a
newcomer that kg does not work.

Examples that need a Neo4j server (`kg load`, `kg neo4j ...`, `--engine neo4j`) are skipped here, by
`needs_server` only; the Neo4j-marked tests cover those commands.
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
import typer.main
from typer.testing import CliRunner

from kg.cli import app
from tests.factories import run_kg
from tests.neo4j_fixtures import Neo4jTarget

ROOT = Path(__file__).resolve().parent.parent


def _help_texts() -> dict[str, str]:
    """`kg --help` and every command's and subcommand's `--help`, by command path."""
    texts = {"kg": CliRunner().invoke(app, ["--help"], terminal_width=400).output}
    for name, cmd in typer.main.get_command(app).commands.items():  # type: ignore[attr-defined]
        for path in [[name], *([name, sub] for sub in getattr(cmd, "commands", {}))]:
            texts["kg " + " ".join(path)] = CliRunner().invoke(app, [*path, "--help"], terminal_width=400).output
    return texts


def _readme_lines() -> list[str]:
    """The `kg ...` lines of the README's fenced code blocks."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"^```[a-z]*\n(.*?)^```", text, flags=re.S | re.M)
    return [line.strip() for block in blocks for line in block.splitlines() if line.strip().startswith("kg ")]


def _example_blocks(help_text: str) -> list[str]:
    """The lines of a help text's example blocks: from "Example(s):" or "Typical session:" to a blank line."""
    lines, inside = [], False
    for line in help_text.splitlines():
        if line.strip().endswith(("Example:", "Examples:", "Typical session:")):
            inside = True
        elif not line.strip():
            inside = False
        elif inside:
            lines.append(line)
    return lines


def _examples() -> list[tuple[str, list[str]]]:
    found: dict[tuple[str, ...], tuple[str, list[str]]] = {}
    sources = [*((where, _example_blocks(out)) for where, out in _help_texts().items()), ("README", _readme_lines())]
    for where, lines in sources:
        for line in (ln.strip() for ln in lines):
            if line.startswith("kg "):
                args = shlex.split(line, comments=True)[1:]
                found.setdefault(tuple(args), (where, args))
    return list(found.values())


def needs_server(args: list[str]) -> bool:
    """An example that talks to Neo4j: loading, the server commands, or `--engine neo4j`."""
    engine = args[args.index("--engine") + 1] if "--engine" in args[:-1] else None
    return args[0] in ("load", "neo4j") or engine == "neo4j"


EXAMPLES = _examples()


@pytest.fixture(scope="module")
def example_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The store of `kg build examples/`, built once for the module."""
    store = tmp_path_factory.mktemp("examples") / "kg-store"
    code, out, err = run_kg("build", ROOT / "examples", "--store", store, "--quiet")
    assert code == 0, out + err
    return store


def test_help_and_readme_have_examples() -> None:
    wheres = {where for where, _ in EXAMPLES}
    assert {"kg", "kg query", "kg cypher", "kg sparql", "README"} <= wheres, wheres


@pytest.mark.parametrize(("where", "args"), EXAMPLES, ids=[" ".join(a) for _, a in EXAMPLES])
def test_example_runs_on_the_example_store(where: str, args: list[str], example_store: Path, tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    if needs_server(args):
        pytest.skip("needs a Neo4j server (covered by the neo4j-marked tests)")
    # a scratch folder that looks like the repository (examples/, tests/data/) for relative paths,
    # so examples that write files (export -o graph.ttl) write them here
    (tmp_path / "examples").symlink_to(ROOT / "examples")
    (tmp_path / "tests" / "data").mkdir(parents=True)
    (tmp_path / "tests" / "data" / "financials").symlink_to(ROOT / "tests" / "data" / "financials")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("KG_STORE", str(example_store))
    monkeypatch.delenv("NEO4J_URI", raising=False)
    code, out, err = run_kg(*args)
    assert code == 0, f"{where}: kg {' '.join(args)}\n{out}{err}"
    assert out.strip() not in ("", "[]") and "(no rows)" not in out, (
        f"{where}: kg {' '.join(args)} printed nothing\n{err}")


def test_the_readme_shows_every_named_query() -> None:
    """Each named query has an example in the README's fenced blocks (which the test above runs on the
    example store), so a reader can try every one on `examples/`."""
    from kg.queries import QUERIES

    readme = [shlex.split(line, comments=True)[1:] for line in _readme_lines()]
    shown = {args[1] for args in readme if len(args) > 1 and args[0] == "query"}
    assert set(QUERIES) <= shown, sorted(set(QUERIES) - shown)


@pytest.mark.neo4j
def test_server_examples_run_on_neo4j(example_store: Path, clean_neo4j: object, neo4j_target: Neo4jTarget,
                                      tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The examples the test above skips, on the session's Neo4j: `kg load` first, then the rest."""
    server = sorted((args for _, args in EXAMPLES if needs_server(args) and args[0] != "neo4j"),
                    key=lambda args: args[0] != "load")
    assert server and server[0] == ["load"], server
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("KG_STORE", str(example_store))
    monkeypatch.setenv("NEO4J_URI", neo4j_target.uri)
    for args in server:
        code, out, err = run_kg(*args)
        assert code == 0 and out.strip() and "(no rows)" not in out, f"kg {' '.join(args)}\n{out}{err}"
