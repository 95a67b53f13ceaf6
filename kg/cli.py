"""`kg`: the command line. Thin on purpose: parse, call one library function, print.

Known failures (`KGError`) become one line on stderr and exit code 1; anything else is a bug and
keeps its traceback.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from functools import wraps
from pathlib import Path
from typing import Annotated, Any

import typer

from kg.errors import KGError, NotYetAvailable

app = typer.Typer(
    name="kg",
    help=(
        "Build a typed, source-linked knowledge graph from Chinese and English financial news, "
        "then query it here (embedded, no server), in Neo4j, or as RDF.\n\n"
        "Typical session:  kg build examples/  →  kg stats  →  kg query investors 智谱  →  "
        "kg neo4j start && kg load  →  kg cypher 'MATCH (n:StateOwnedFund) RETURN n.name'"
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
neo4j_app = typer.Typer(help="Run a local Neo4j Community server (fetched from Maven Central on first use).",
                        no_args_is_help=True)
viz_app = typer.Typer(help="Draw views of the graph (HTML, SVG, PNG).", no_args_is_help=True)
app.add_typer(neo4j_app, name="neo4j")
app.add_typer(viz_app, name="viz")

StoreOpt = Annotated[
    Path | None,
    typer.Option("--store", "-s", help="Store folder [default: $KG_STORE or ./kg-store].", show_default=False),
]


class OutputFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


class ExportFormat(StrEnum):
    node_link = "node-link"
    ttl = "ttl"
    nt = "nt"
    jsonld = "jsonld"
    xml = "xml"
    trig = "trig"


class Backend(StrEnum):
    embedded = "embedded"
    neo4j = "neo4j"


FormatOpt = Annotated[OutputFormat, typer.Option("--format", "-f", help="Output format.")]


def _fail(message: str, code: int = 1) -> typer.Exit:
    typer.echo(f"kg: error: {message}", err=True)
    return typer.Exit(code)


def handles_errors(func: Callable[..., Any]) -> Callable[..., Any]:
    """Turn a `KGError` into one clean line on stderr and a non-zero exit code."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except KGError as exc:
            raise _fail(str(exc)) from None

    return wrapper


@contextmanager
def _store(path: Path | None, *, create: bool = False) -> Iterator[Any]:
    from kg.store import open_store

    store = open_store(path, create=create)
    try:
        yield store
    finally:
        store.close()


def _echo_rows(rows: list[dict[str, Any]], fmt: OutputFormat) -> None:
    from kg.render import render_rows

    typer.echo(render_rows(rows, fmt.value))


# -- build / stats / export / import -------------------------------------------------------------


@app.command()
@handles_errors
def build(
    paths: Annotated[list[Path], typer.Argument(help="Article files or folders (.txt .md .html .jsonl).",
                                                 exists=False)],
    store: StoreOpt = None,
    article_date: Annotated[str | None, typer.Option(
        help="Publication date (YYYY-MM-DD) for articles that state none; relative dates resolve "
             "against it.")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
) -> None:
    """Read articles, extract entities and relations, and add them to the store.

    Incremental and idempotent: an article already in the store (same text) is skipped, so running
    the same build twice changes nothing. A file that cannot be read is reported with its reason and
    every other file is still built; the exit code is then 2.
    """
    from kg.build import build as build_graph
    from kg.ingest.readers import list_input_files

    missing = [p for p in paths if not p.exists()]
    if missing:
        raise KGError(f"no such file or folder: {', '.join(map(str, missing))}")
    files = list_input_files(paths)
    with _store(store, create=True) as graph_store:
        if quiet or not sys.stderr.isatty():
            report = build_graph(graph_store, files, article_date=article_date)
        else:
            with typer.progressbar(length=len(files), label="building", file=sys.stderr) as bar:
                report = build_graph(graph_store, files, article_date=article_date,
                                     progress=lambda _p: bar.update(1))
        counts = graph_store.counts()
    typer.echo(f"{report.added} article(s) added, {report.unchanged} unchanged, "
               f"{len(report.failures)} failed; store now has {counts['articles']} articles, "
               f"{counts['entities']} entities, {counts['relations']} relations")
    for path, reason in report.failures:
        typer.echo(f"kg: failed: {path}: {reason}", err=True)
    if report.failures:
        raise typer.Exit(2)


@app.command()
@handles_errors
def stats(store: StoreOpt = None, fmt: FormatOpt = OutputFormat.table) -> None:
    """Summarise the store: articles, entities per class, relations per type."""
    with _store(store) as graph_store:
        counts = graph_store.counts()
        entity_types, relation_types = graph_store.type_counts()
    rows = [{"kind": "total", "name": k, "count": v} for k, v in counts.items()]
    rows += [{"kind": "entity", "name": k, "count": v} for k, v in entity_types.items()]
    rows += [{"kind": "relation", "name": k, "count": v} for k, v in relation_types.items()]
    _echo_rows(rows, fmt)


@app.command()
@handles_errors
def export(
    output: Annotated[Path, typer.Option("--output", "-o", help="File to write.")],
    fmt: Annotated[ExportFormat, typer.Option("--format", "-f", help="node-link (networkx JSON) or an RDF "
                                              "serialisation.")] = ExportFormat.node_link,
    store: StoreOpt = None,
) -> None:
    """Write the whole graph to a file: networkx node-link JSON, or RDF (ttl, nt, jsonld, xml, trig).

    The node-link file is exactly what `kg load` writes into Neo4j (same nodes and relationships).
    """
    from kg.graph import node_link, to_networkx

    with _store(store) as graph_store:
        graph = to_networkx(graph_store)
    output.parent.mkdir(parents=True, exist_ok=True)
    if fmt is ExportFormat.node_link:
        tmp = output.with_name(output.name + ".tmp")
        tmp.write_text(json.dumps(node_link(graph), ensure_ascii=False, indent=1), encoding="utf-8")
        tmp.replace(output)
        typer.echo(f"wrote {graph.number_of_nodes()} nodes and {graph.number_of_edges()} edges to {output}")
        return
    from kg.rdf import write_rdf

    triples = write_rdf(graph, fmt.value, output)
    typer.echo(f"wrote {triples} triples ({fmt.value}) to {output}")


@app.command("import")
@handles_errors
def import_(file: Annotated[Path, typer.Argument(help="An RDF or node-link file written by kg export.")],
            store: StoreOpt = None) -> None:
    """Read an export back into a store (planned: lossless RDF import)."""
    raise NotYetAvailable("`kg import` is not yet available (it arrives with the RDF issue)")


@app.command()
@handles_errors
def remove(article_ids: Annotated[list[str], typer.Argument(help="Article ids (see `kg articles`).")],
           store: StoreOpt = None) -> None:
    """Forget articles and every fact only they supported."""
    with _store(store) as graph_store:
        for article_id in article_ids:
            if not graph_store.remove_article(article_id):
                raise KGError(f"no article {article_id!r} in the store")
            typer.echo(f"removed {article_id}")


@app.command()
@handles_errors
def articles(store: StoreOpt = None, fmt: FormatOpt = OutputFormat.table) -> None:
    """List the articles in the store with their ids, dates and titles."""
    with _store(store) as graph_store:
        rows = [{"id": a.id, "published": a.published, "lang": a.lang, "chars": a.chars,
                 "title": a.title, "path": a.path} for a in graph_store.articles()]
    _echo_rows(rows, fmt)


# -- Neo4j ---------------------------------------------------------------------------------------


@app.command()
@handles_errors
def load(
    store: StoreOpt = None,
    batch_size: Annotated[int, typer.Option(min=1, help="Rows per UNWIND batch.")] = 1000,
    uri: Annotated[str | None, typer.Option(help="Bolt URI [default: $NEO4J_URI, else the server of "
                                            "`kg neo4j start`].", show_default=False)] = None,
    database: Annotated[str | None, typer.Option(help="Database [default: $NEO4J_DATABASE or the "
                                                 "server's default].", show_default=False)] = None,
) -> None:
    """Write the store into Neo4j: constraints, then batched UNWIND … MERGE. Idempotent.

    Credentials come from NEO4J_USERNAME / NEO4J_PASSWORD (never from the command line).
    """
    from kg.graph import to_networkx
    from kg.neo4j.connection import open_driver, settings_from_env
    from kg.neo4j.loader import load_graph

    with _store(store) as graph_store:
        graph = to_networkx(graph_store)
    settings = settings_from_env(uri, database)
    total = graph.number_of_nodes() + graph.number_of_edges()
    with open_driver(settings) as driver:
        if sys.stderr.isatty():
            with typer.progressbar(length=total, label="loading", file=sys.stderr) as bar:
                report = load_graph(driver, graph, database=settings.database, batch_size=batch_size,
                                    progress=bar.update)
        else:
            report = load_graph(driver, graph, database=settings.database, batch_size=batch_size)
    typer.echo(f"loaded {report.nodes} nodes ({report.nodes_created} new) and {report.relationships} "
               f"relationships ({report.relationships_created} new) into {settings.uri}")


@app.command()
@handles_errors
def cypher(
    query: Annotated[str, typer.Argument(help="A Cypher query; pass values with --param, not in the text.")],
    param: Annotated[list[str] | None, typer.Option("--param", "-p", help="name=value (JSON or text); "
                                                    "repeatable.")] = None,
    write: Annotated[bool, typer.Option("--write", help="Allow the query to write (default: read-only).")]
    = False,
    fmt: FormatOpt = OutputFormat.table,
    uri: Annotated[str | None, typer.Option(help="Bolt URI [default: $NEO4J_URI].", show_default=False)] = None,
    database: Annotated[str | None, typer.Option(help="Database name.", show_default=False)] = None,
) -> None:
    """Run Cypher on Neo4j, in a read transaction unless --write is given.

    Example:  kg cypher 'MATCH (f:StateOwnedFund)-[:INVESTED_IN]->(c) WHERE c.name = $n RETURN f.name'
    --param n=MiniMax
    """
    from kg.neo4j.connection import open_driver, settings_from_env
    from kg.neo4j.cypher import parse_param, run_cypher

    params = dict(parse_param(p) for p in param or [])
    settings = settings_from_env(uri, database)
    with open_driver(settings) as driver:
        rows = run_cypher(driver, query, params, write=write, database=settings.database)
    _echo_rows(rows, fmt)


@app.command()
@handles_errors
def query(
    name: Annotated[str | None, typer.Argument(help="Query name (see --list).", show_default=False)] = None,
    entity: Annotated[str | None, typer.Argument(help="Company, investor or person: any alias, any script.",
                                                 show_default=False)] = None,
    list_queries: Annotated[bool, typer.Option("--list", help="Describe the named queries.")] = False,
    region: Annotated[str | None, typer.Option(help="Region filter (state-capital).")] = None,
    backend: Annotated[Backend | None, typer.Option(
        help="embedded (the store, no server) or neo4j [default: neo4j when NEO4J_URI is set].",
        show_default=False)] = None,
    fmt: FormatOpt = OutputFormat.table,
    store: StoreOpt = None,
) -> None:
    """Ask a named investor-network question, on the store or on Neo4j (same rows either way).

    Examples:  kg query investors 智谱   |   kg query co-investors "Hillhouse" -f json
    """
    from kg.graph import to_networkx
    from kg.queries import QUERIES, cypher_params, get_query, run_embedded

    if list_queries or not name:
        _echo_rows([{"query": q.name, "argument": q.entity_arg or "", "answers": q.description}
                    for q in QUERIES.values()], fmt)
        return
    named = get_query(name)
    options = {"region": region} if name == "state-capital" else {}
    with _store(store) as graph_store:
        graph = to_networkx(graph_store)
    chosen = backend or (Backend.neo4j if os.environ.get("NEO4J_URI") else Backend.embedded)
    if chosen is Backend.embedded:
        rows = run_embedded(graph, name, entity, **options)
    else:
        from kg.neo4j.connection import open_driver, settings_from_env
        from kg.neo4j.cypher import run_cypher

        settings = settings_from_env()
        with open_driver(settings) as driver:
            rows = run_cypher(driver, named.cypher, cypher_params(graph, name, entity, **options),
                              database=settings.database)
    _echo_rows(rows, fmt)


@neo4j_app.command("start")
@handles_errors
def neo4j_start(
    home: Annotated[Path | None, typer.Option(help="Server home (data, logs) [default: $KG_NEO4J_HOME or "
                                              "./.neo4j].", show_default=False)] = None,
    port: Annotated[int | None, typer.Option(help="Bolt port [default: a free one].", show_default=False)]
    = None,
) -> None:
    """Start Neo4j 5.26 Community on 127.0.0.1 and print its bolt URI.

    The first start downloads the jars with Maven (cached for later). Auth is on when NEO4J_PASSWORD
    is set (it becomes the password of user neo4j), off otherwise.
    """
    from kg.neo4j import server

    info = server.start(home or server.default_home(), port=port,
                        password=os.environ.get("NEO4J_PASSWORD") or None)
    typer.echo(info.uri)
    typer.echo(f"export NEO4J_URI={info.uri}   # so kg load / cypher / query use it", err=True)


@neo4j_app.command("stop")
@handles_errors
def neo4j_stop(home: Annotated[Path | None, typer.Option(help="Server home.", show_default=False)] = None)\
        -> None:
    """Stop the server started from this home."""
    from kg.neo4j import server

    stopped = server.stop(home or server.default_home())
    typer.echo("stopped" if stopped else "not running")


@neo4j_app.command("status")
@handles_errors
def neo4j_status(home: Annotated[Path | None, typer.Option(help="Server home.", show_default=False)] = None)\
        -> None:
    """Say whether a server from this home is running, and where; exit 1 if not."""
    from kg.neo4j import server

    info = server.status(home or server.default_home())
    if info is None:
        typer.echo("not running")
        raise typer.Exit(1)
    typer.echo(f"running: {info.uri} (pid {info.pid}, auth {'on' if info.auth else 'off'})")


# -- later issues --------------------------------------------------------------------------------


@viz_app.command("investors")
@handles_errors
def viz_investors(
    entity: Annotated[str, typer.Argument(help="Investor or company (any alias).")],
    output: Annotated[Path, typer.Option("--output", "-o", help="FILE.html (interactive), .svg or .png")],
    store: StoreOpt = None,
) -> None:
    """Draw the co-investment network around an investor or company, state capital highlighted.

    For an investor: its portfolio and everyone who invested beside it; for a company: its investors.
    """
    from kg.graph import to_networkx
    from kg.queries import find_entity
    from kg.viz import render_investors

    with _store(store) as graph_store:
        graph = to_networkx(graph_store)
    view = render_investors(graph, find_entity(graph, entity), output)
    typer.echo(f"wrote {output}: {len(view.nodes)} organisations, {len(view.edges)} investments")


@viz_app.command("lineage")
@handles_errors
def viz_lineage(
    root: Annotated[str, typer.Argument(help="Company whose spin-off lineage to draw (any alias).")],
    output: Annotated[Path, typer.Option("--output", "-o", help="FILE.html (interactive), .svg or .png")],
    depth: Annotated[int | None, typer.Option(min=1, help="Generations each way [default: all].",
                                              show_default=False)] = None,
    with_investors: Annotated[bool, typer.Option("--with-investors", help="Also draw the investors of each "
                                                 "company (state capital in red).")] = False,
    store: StoreOpt = None,
) -> None:
    """Draw who left which company to found which, generation by generation.

    The HTML page is self-contained (works offline): hover for details and sources, zoom and pan,
    click a company to fold its descendants. SVG and PNG are static, for reports (PNG needs Chromium).
    """
    from kg.graph import to_networkx
    from kg.queries import find_entity
    from kg.viz import render_lineage

    with _store(store) as graph_store:
        graph = to_networkx(graph_store)
    view = render_lineage(graph, find_entity(graph, root), output, depth=depth, with_investors=with_investors)
    generations = {n.generation for n in view.nodes}
    typer.echo(f"wrote {output}: {len(view.nodes)} organisations over {len(generations)} generation(s), "
               f"{len(view.edges)} links")


@app.command()
@handles_errors
def validate(store: StoreOpt = None) -> None:
    """Validate the store's RDF against the ontology's SHACL shapes (planned)."""
    raise NotYetAvailable("`kg validate` is not yet available (it arrives with the RDF issue)")


@app.command("eval")
@handles_errors
def eval_(
    directory: Annotated[Path, typer.Argument(help="Folder of <id>.txt with <id>.gold.json beside each.")],
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="List misses and false positives.")]
    = False,
    min_entity_f1: Annotated[float, typer.Option(help="Exit 1 when entity F1 is below this.")] = 0.0,
    min_relation_f1: Annotated[float, typer.Option(help="Exit 1 when relation F1 is below this.")] = 0.0,
) -> None:
    """Score extraction against gold facts: per-article and micro-averaged precision, recall, F1.

    Each article is built alone into a fresh store and scored with the corpus's rules (names
    normalised across scripts and case; types must match; duplicates count against precision).
    """
    from kg.evaluate import evaluate_dir

    if not directory.is_dir():
        raise KGError(f"{directory} is not a folder")
    scores, total = evaluate_dir(directory)
    if not scores:
        raise KGError(f"no *.gold.json files in {directory}")
    for s in scores:
        ep, rp = s.entity_prf, s.relation_prf
        typer.echo(f"{s.article:45s} ent P={ep[0]:.2f} R={ep[1]:.2f} F1={ep[2]:.2f} | rel P={rp[0]:.2f} "
                   f"R={rp[1]:.2f} F1={rp[2]:.2f} (tp={s.r_tp} fp={s.r_fp} fn={s.r_fn})"
                   + (f"  ERROR {s.error}" if s.error else ""))
        if verbose:
            for miss in s.misses:
                typer.echo(f"    missed: {miss}")
            for fp in s.false_positives:
                typer.echo(f"    false positive: {fp}")
    ep, rp = total.entity_prf, total.relation_prf
    typer.echo(f"entities P={ep[0]:.2f} R={ep[1]:.2f} F1={ep[2]:.2f}; relations P={rp[0]:.2f} R={rp[1]:.2f} "
               f"F1={rp[2]:.2f}; attributes {total.attribute_accuracy:.2f} of {total.a_total}; "
               f"articles {len(scores)}")
    if ep[2] < min_entity_f1 or rp[2] < min_relation_f1 or any(s.error for s in scores):
        raise typer.Exit(1)


def main() -> None:  # pragma: no cover - console entry point
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
