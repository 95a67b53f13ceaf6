"""`kg`: the command line. Thin on purpose: parse, call one library function, print.

Known failures (`KGError`) become one line on stderr and exit code 1; anything else is a bug and
keeps its traceback.
"""

from __future__ import annotations

import errno
import gc
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from functools import wraps
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from kg.errors import KGError

app = typer.Typer(
    name="kg",
    help=(
        "Build a typed, source-linked knowledge graph from Chinese and English financial news, "
        "then query it here (embedded, no server), in Neo4j, or as RDF.\n\n"
        "\b\nTypical session:\n"
        "  kg build examples/\n"
        "  kg stats\n"
        "  kg query investors 澄湖科技\n"
        "  export NEO4J_URI=$(kg neo4j start) && kg load\n"
        "  kg cypher 'MATCH (n:StateOwnedFund) RETURN n.name'"
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    # plain help: rich markup would swallow the "[default: …]" hints of the options as tags
    rich_markup_mode=None,
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
    nq = "nq"
    jsonld = "jsonld"
    xml = "xml"
    trig = "trig"


class ExportEngine(StrEnum):
    """The RDF writers of `kg.rdf.writers` (kept as literals so `kg --help` imports no rdflib)."""

    auto = "auto"
    streaming = "streaming"
    oxigraph = "oxigraph"
    rdflib = "rdflib"


class Backend(StrEnum):
    embedded = "embedded"
    neo4j = "neo4j"


FormatOpt = Annotated[OutputFormat, typer.Option("--format", "-f", help="Output format.")]
#: `--backend`, the old name of `--engine` for cypher and query: still read, no longer shown
BackendAliasOpt = Annotated[Backend | None, typer.Option("--backend", hidden=True)]


def _engine(engine: Backend | None, backend: Backend | None) -> Backend | None:
    """--engine, or its old name --backend (one name for the choice of engine across commands)."""
    if engine and backend and engine is not backend:
        raise KGError(f"--engine {engine.value} contradicts --backend {backend.value}")
    return engine or backend


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


#: Relations from which a command that reads the whole graph says so on stderr before it starts: the
#: graph view takes about a minute per million relations on a 2-core machine, and a silent minute
#: looks like a hang.
WHOLE_GRAPH_NOTICE_FROM = 100_000


def _announce_whole_graph(graph_store: Any, doing: str, *, quiet: bool = False) -> None:
    """Say on stderr that `doing` reads the whole graph, and how large it is, when that takes a while."""
    relations = graph_store.relation_count()
    if relations >= WHOLE_GRAPH_NOTICE_FROM and not quiet:
        typer.echo(f"{doing}: reading the whole graph, {relations:,} relations (about a minute per million)…",
                   err=True)


def _graph_view(path: Path | None, doing: str, *, quiet: bool = False, cypher: bool = False) -> Any:
    """The graph view of the store at `path` (`kg.graph.to_networkx`; with `cypher`, as `kg cypher` reads
    it), kept between commands for a large store (`kg.view_cache`) and announced."""
    from kg.view_cache import cypher_whole_view, whole_view

    with _store(path) as graph_store:
        _announce_whole_graph(graph_store, doing, quiet=quiet)
        return cypher_whole_view(graph_store) if cypher else whole_view(graph_store)


T = TypeVar("T")


def _counted(label: str, quiet: bool, work: Callable[[Callable[[int], None] | None], T]) -> T:
    """`work(progress)`, counting on stderr what it tells `progress` when stderr is a terminal and not
    `quiet`: for work whose size is known only at its end (a total, and so a percentage, cannot be shown)."""
    if quiet or not sys.stderr.isatty():
        return work(None)
    unknown_length = (x for x in range(0))  # a generator has no length hint: click shows the count alone
    with typer.progressbar(unknown_length, label=label, show_pos=True, file=sys.stderr) as bar:
        return work(bar.update)


def _echo_rows(rows: list[dict[str, Any]], fmt: OutputFormat) -> None:
    from kg.row_formats import render_rows

    typer.echo(render_rows(rows, fmt.value))


# -- build / stats / export / import -------------------------------------------------------------


NerOpt = Annotated[str | None, typer.Option(
    "--ner", metavar="TAGGER[:POLICY][+trim|+bounds]",
    help="Also propose people and organisations found by a statistical tagger where no rule found "
         "anything (needs the `ner` extra): lac or jiagu; policy all, strict, rel, strict-rel or "
         "rel-people (default); +trim/+bounds let the tagger correct pattern-found boundaries. "
         "Off by default; see kg/extract/ner.py.")]


def _ner_config(spec: str | None) -> Any:
    if not spec:
        return None
    from kg.extract.ner import NerConfig

    return NerConfig.parse(spec)


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
    ner: NerOpt = None,
    max_file_mb: Annotated[float, typer.Option(help="Files larger than this are reported, not read.")] = 64,
    max_line_chars: Annotated[int, typer.Option(help="Longest line read (text, Markdown, JSON Lines).")]
        = 10_000_000,
    max_json_depth: Annotated[int, typer.Option(help="Deepest JSON nesting read in a JSON Lines record.")]
        = 100,
    max_html_tags: Annotated[int, typer.Option(help="Web pages with more tags are reported, not read.")]
        = 20_000,
    jobs: Annotated[str, typer.Option(
        "--jobs", "-j", metavar="N",
        help="Worker processes that read and extract files at once while this process writes the store "
             "(in input order: the same store as --jobs 1); a JSON Lines file of 256 KB or more is shared "
             "out in parts of 16 articles. Helps with many files, or a large feed, and free cores: up to "
             "one worker per core (2 cores: --jobs 2); no help on a busy machine. "
             "0 or 'auto': one per CPU.")] = "1",
) -> None:
    """Read articles, extract entities and relations, and add them to the store.

    Incremental and idempotent: an article already in the store (same text) is skipped, so running
    the same build twice changes nothing. A file (or JSON Lines record) that cannot be read or built
    is reported once on stderr as `kg: failed: PATH[:LINE]: reason` (control characters in names
    escaped) and every other file is still built; dropped metadata is a `kg: warning:` line.

    \b
    Exit codes: 0 every file built; 2 some files or records failed (the rest is in the store);
    1 nothing built: a missing path, no article files in the folders, a bad option, an unusable store.
    """
    from kg.build import build as build_graph
    from kg.build import check_article_date, input_bytes, input_files, resolve_jobs
    from kg.ingest.limits import Limits
    from kg.ingest.safe import display_path

    missing = [p for p in paths if not p.exists()]
    if missing:
        raise KGError(f"no such file or folder: {', '.join(map(display_path, missing))}")
    try:
        limits = Limits(max_file_bytes=int(max_file_mb * 1024 * 1024), max_line_chars=max_line_chars,
                        max_json_depth=max_json_depth, max_html_tags=max_html_tags)
    except ValueError as exc:
        raise KGError(str(exc)) from None
    check_article_date(article_date)
    try:
        workers = resolve_jobs(jobs)
    except ValueError as exc:
        raise KGError(f"--jobs: {exc}") from None
    files = input_files(paths)
    ner_config = _ner_config(ner)
    with _store(store, create=True) as graph_store:
        if quiet or not sys.stderr.isatty():
            report = build_graph(graph_store, files, article_date=article_date, ner=ner_config, limits=limits,
                                 jobs=workers)
        else:
            # measured in bytes, article by article: one large JSON Lines file moves it too
            with typer.progressbar(length=input_bytes(files), label="building", file=sys.stderr) as bar:
                report = build_graph(graph_store, files, article_date=article_date, advance=bar.update,
                                     ner=ner_config, limits=limits, jobs=workers)
        counts = graph_store.counts()
    typer.echo(f"{report.added} article(s) added, {report.unchanged} unchanged, "
               f"{len(report.failures)} failed; store now has {counts['articles']} articles, "
               f"{counts['entities']} entities, {counts['relations']} relations")
    for where, message in report.warnings:
        typer.echo(f"kg: warning: {where}: {message}", err=True)
    for where, reason in report.failures:
        typer.echo(f"kg: failed: {where}: {reason}", err=True)
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


BaseIriOpt = Annotated[str, typer.Option("--base-iri", help="Namespace of node IRIs: node `organization:x` is "
                                          "<BASE>organization/x.")]


def _export_engine(engine: ExportEngine, streaming: bool | None, fmt: str) -> str:
    """The writer engine, from --engine or the deprecated --streaming/--no-streaming (which meant
    "through rdflib" for nt/nq only, and left the other formats to the default)."""
    if streaming is None:
        return engine.value
    flag = "--streaming" if streaming else "--no-streaming"
    alias = "streaming" if streaming else ("rdflib" if fmt in ("nt", "nq") else "auto")
    typer.echo(f"kg: warning: {flag} is deprecated; use --engine {alias}", err=True)
    if engine is not ExportEngine.auto and engine.value != alias:
        raise KGError(f"{flag} contradicts --engine {engine.value}")
    return alias


@app.command()
@handles_errors
def export(
    output: Annotated[Path, typer.Option("--output", "-o", help="File to write.")],
    fmt: Annotated[ExportFormat, typer.Option("--format", "-f", help="node-link (networkx JSON) or an RDF "
                                              "serialisation.")] = ExportFormat.node_link,
    store: StoreOpt = None,
    base_iri: BaseIriOpt = "https://w3id.org/kg-news/id/",
    with_text: Annotated[bool, typer.Option("--with-text", help="RDF: include each article's text "
                                            "(schema:articleBody), so an import restores it.")] = False,
    engine: Annotated[ExportEngine, typer.Option(
        "--engine",
        help="RDF writer. auto: the fastest installed for the format (streaming for nt/nq/ttl, oxigraph "
             "for trig/xml, else rdflib); streaming: nt/nq/ttl written as they are projected, memory flat; "
             "oxigraph: ttl/trig/xml through pyoxigraph's serialisers; rdflib: every format, through an "
             "in-memory graph. Same triples either way.")]
        = ExportEngine.auto,
    streaming: Annotated[bool | None, typer.Option(
        "--streaming/--no-streaming", hidden=True, help="Deprecated: --engine streaming / --engine rdflib.")]
        = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No notice of a large graph, no count of the "
                                        "triples as they are written.")] = False,
) -> None:
    """Write the whole graph to a file: networkx node-link JSON, or RDF (ttl, nt, nq, jsonld, xml, trig).

    The node-link file is exactly what `kg load` writes into Neo4j (same nodes and relationships).
    RDF: typed nodes with language-tagged labels, each relation as a direct triple plus an
    rdf:Statement carrying its properties and PROV-O provenance, owl:sameAs Wikidata, and the records
    that make `kg import` lossless; trig and nq put each article's facts in a named graph of its own
    (see ontology/README.md).
    """
    from kg.nodelink import write_node_link

    output.parent.mkdir(parents=True, exist_ok=True)
    if fmt is ExportFormat.node_link:
        if engine is not ExportEngine.auto:
            raise KGError("--engine chooses an RDF writer; node-link has one writer")
        graph = _graph_view(store, "kg export", quiet=quiet)
        write_node_link(graph, output)
        typer.echo(f"wrote {graph.number_of_nodes()} nodes and {graph.number_of_edges()} edges to {output}")
        return
    from kg.rdf import write

    chosen = _export_engine(engine, streaming, fmt.value)
    with _store(store) as graph_store:
        _announce_whole_graph(graph_store, "kg export", quiet=quiet)
        triples = _counted("exporting (triples)", quiet, lambda progress: write(
            graph_store, fmt.value, output, chosen, base=base_iri, with_text=with_text, progress=progress))
    typer.echo(f"wrote {triples} triples ({fmt.value}) to {output}")


@app.command("import")
@handles_errors
def import_(
    file: Annotated[Path, typer.Argument(help="A file written by kg export (ttl, nt, nq, jsonld, xml, trig, or "
                                              "node-link .json).")],
    store: StoreOpt = None,
    fmt: Annotated[str | None, typer.Option("--format", "-f", help="ttl, nt, nq, jsonld, xml, trig or node-link "
                                            "[default: from the suffix].", show_default=False)] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No count of the triples as they are read.")]
        = False,
) -> None:
    """Read an export back into a store, losslessly: entities, relations, provenance and articles.

    Creates the store if needed; articles already in it are kept as they are. One transaction: a file
    that fails to import leaves the store unchanged.
    """
    from kg.rdf import import_file

    with _store(store, create=True) as graph_store:
        report = _counted("reading (triples)", quiet,
                          lambda progress: import_file(graph_store, file, fmt, progress=progress))
        counts = graph_store.counts()
    typer.echo(f"{report.summary()}; store now has {counts['articles']} articles, {counts['entities']} "
               f"entities, {counts['relations']} relations")


@app.command()
@handles_errors
def validate(
    store: StoreOpt = None,
    file: Annotated[Path | None, typer.Option("--file", help="Validate this RDF file instead of the store.",
                                              show_default=False)] = None,
    inference: Annotated[str, typer.Option(help="rdfs, or none (then superclass types must be written "
                                           "out).")] = "rdfs",
    fmt: FormatOpt = OutputFormat.table,
) -> None:
    """Check the store's RDF against the ontology's SHACL shapes (pyshacl); exit 1 on violations.

    Prints one row per result: severity, the node's name and id, the property path, the message.
    """
    from kg.rdf import validate_file, validate_store

    if file is not None:
        result = validate_file(file, inference=inference)
    else:
        with _store(store) as graph_store:
            _announce_whole_graph(graph_store, "kg validate")
            result = validate_store(graph_store, inference=inference)
    if result.results:
        _echo_rows(result.results, fmt)
    if result.conforms:
        typer.echo("conforms: the graph satisfies the shapes", err=True)
        return
    typer.echo(f"kg: {result.violations} violation(s) of the shapes", err=True)
    raise typer.Exit(1)


@app.command()
@handles_errors
def sparql(
    query: Annotated[str, typer.Argument(help="A SPARQL 1.1 query, or @FILE to read it from a file.")],
    store: StoreOpt = None,
    base_iri: BaseIriOpt = "https://w3id.org/kg-news/id/",
    engine: Annotated[str, typer.Option(metavar="<auto|rdflib|oxigraph>",
                                        help="auto (pyoxigraph when installed, else rdflib), rdflib or "
                                        "oxigraph.")] = "auto",
    fmt: FormatOpt = OutputFormat.table,
) -> None:
    """Run SPARQL over the store's RDF (the export's triples, each article a named graph).

    Prefixes kgo: kg: kgr: rdf: rdfs: skos: prov: owl: xsd: wd: dcterms: schema: are declared.

    \b
    Example:
      kg sparql 'SELECT ?name WHERE { ?f a kgo:StateOwnedFund ; kgo:name ?name }'
    """
    from kg.rdf import sparql_store

    if query.startswith("@"):
        path = Path(query[1:])
        if not path.exists():
            raise KGError(f"no such file: {path}")
        query = path.read_text(encoding="utf-8")
    with _store(store) as graph_store:
        rows = sparql_store(graph_store, query, engine=engine, base=base_iri)
    _echo_rows(rows, fmt)


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
    batch_size: Annotated[int, typer.Option(min=1, help="Rows per transaction (UNWIND batches; small groups "
                                            "share one): larger means fewer commits.")] = 10_000,
    uri: Annotated[str | None, typer.Option(help="Neo4j URI: bolt://, neo4j://, neo4j+s://… [default: $NEO4J_URI, "
                                            "else the server of `kg neo4j start`].", show_default=False)] = None,
    database: Annotated[str | None, typer.Option(help="Database [default: $NEO4J_DATABASE or the "
                                                 "server's default].", show_default=False)] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar (with --bulk: no phase "
                                        "names on stderr).")] = False,
    bulk: Annotated[bool, typer.Option("--bulk", help="Into an empty database of the local server (--home): "
                                       "stop it, write the graph with Neo4j's offline importer, start it, "
                                       "create the constraints; says each phase as it starts and prints "
                                       "their seconds.")] = False,
    home: Annotated[Path | None, typer.Option(help="With --bulk: the local server's home [default: "
                                              "$KG_NEO4J_HOME or ./.neo4j].", show_default=False)] = None,
    writers: Annotated[int, typer.Option(min=1, help="Write transactions in flight at once, each on its own "
                                         "session (relationships wait for the nodes before them): the server "
                                         "runs each on one core, so up to as many as its cores help (on 2 "
                                         "cores, 3 or 4 were slower than 2).")] = 2,
) -> None:
    """Make Neo4j equal the store: constraints, batched UNWIND … MERGE, then removal of what the store lost.

    kg owns the ontology's root labels (Organization, Person, Product, FundingRound, IPO, Article) in that
    database: nodes under them that the store no longer has, and their relationships, are deleted.
    Idempotent: a second load reports 0 created, 0 updated, 0 removed, and sends nothing when nobody wrote
    to the database since (the store's `neo4j-load/` folder keeps what the last load wrote). Credentials
    come from NEO4J_USERNAME / NEO4J_PASSWORD (never from the command line).
    """
    from kg.neo4j.connection import open_driver, settings_from_env
    from kg.neo4j.loader import load_graph, state_path

    # every refusal comes before the store is read: at a million relations that read takes a minute
    if bulk:
        from kg.neo4j.bulk import bulk_load, check_bulk_target
        from kg.neo4j.server import default_home

        if uri or os.environ.get("NEO4J_URI"):
            raise KGError("--bulk writes the database files of the local server of `kg neo4j start` "
                          "(--home); it cannot reach a server given by NEO4J_URI / --uri")
        home = home or default_home()
        password = os.environ.get("NEO4J_PASSWORD") or None
        check_bulk_target(home, password=password)
        graph, _ = _view_and_folder(store, quiet)
        timings: dict[str, float] = {}
        report = bulk_load(graph, home, password=password, keep_ranking=True,
                           timings=timings, progress=None if quiet else _bulk_phase)
        processes = f" in {report.csv_processes} processes" if report.csv_processes > 1 else ""
        phases = ", ".join(f"{name} {seconds:.1f} s{processes if name == 'csv' else ''}"
                           for name, seconds in timings.items())
        typer.echo(f"{report.summary()} (bulk import: {phases}) in {home}{_ranking_note(report)}")
        return
    settings = settings_from_env(uri, database)
    with open_driver(settings) as driver:  # verified: a wrong URI or password is said at once
        graph, folder = _view_and_folder(store, quiet)
        state = state_path(folder, settings.uri, settings.database)
        total = graph.number_of_nodes() + graph.number_of_edges()
        if quiet or not sys.stderr.isatty():
            report = load_graph(driver, graph, database=settings.database, batch_size=batch_size, state=state,
                                keep_ranking=True, writers=writers)
        else:
            with typer.progressbar(length=total, label="loading", file=sys.stderr) as bar:
                report = load_graph(driver, graph, database=settings.database, batch_size=batch_size,
                                    progress=bar.update, state=state, keep_ranking=True, writers=writers)
    typer.echo(f"{report.summary()} in {settings.shown_uri}{_ranking_note(report)}")


def _view_and_folder(store: Path | None, quiet: bool) -> tuple[Any, Path]:
    """`kg load`'s graph view, and the store's folder, which keeps what the last load wrote."""
    from kg.view_cache import whole_view

    with _store(store) as graph_store:
        _announce_whole_graph(graph_store, "kg load", quiet=quiet)
        return whole_view(graph_store), Path(graph_store.path)


def _bulk_phase(name: str) -> None:
    """Say on stderr which phase of `kg load --bulk` starts (the importer and the server print nothing)."""
    from kg.neo4j.bulk import PHASES

    typer.echo(f"bulk: {PHASES[name]}…", err=True)


def _ranking_note(report: Any) -> str:
    """What the load did about the central-investors ranking it keeps for `kg query`."""
    if report.ranking_kept is None:
        return ""
    if not report.ranking_kept:
        return "; central-investors ranking not kept (kg query will rank on each call)"
    return f"; central-investors ranking kept ({report.ranking_seconds:.1f} s)" if report.ranking_seconds else ""


@app.command()
@handles_errors
def cypher(
    query: Annotated[str, typer.Argument(help="A Cypher query; pass values with --param, not in the text.")],
    param: Annotated[list[str] | None, typer.Option("--param", "-p", help="name=value (JSON or text); "
                                                    "repeatable.")] = None,
    write: Annotated[bool, typer.Option("--write", help="Allow the query to write (default: read-only; "
                                        "Neo4j only).")] = False,
    engine: Annotated[Backend | None, typer.Option(
        "--engine", help="embedded (the store, no server; a read-only Cypher subset) or neo4j "
                         "[default: neo4j when NEO4J_URI or --uri is set].", show_default=False)] = None,
    backend: BackendAliasOpt = None,
    fmt: FormatOpt = OutputFormat.table,
    store: StoreOpt = None,
    uri: Annotated[str | None, typer.Option(help="Bolt URI [default: $NEO4J_URI].", show_default=False)] = None,
    database: Annotated[str | None, typer.Option(help="Database name.", show_default=False)] = None,
) -> None:
    """Run Cypher on Neo4j (in a read transaction unless --write) or, read-only, on the store.

    The embedded backend runs grand-cypher's subset (MATCH, WHERE, RETURN [DISTINCT], aggregates,
    ORDER BY, SKIP, LIMIT, *min..max hops); anything else fails naming what to run on Neo4j instead.

    \b
    Examples:
      kg cypher 'MATCH (f:StateOwnedFund)-[:INVESTED_IN]->(c) WHERE c.name = $n RETURN f.name' -p n=澄湖科技
      kg cypher --engine neo4j 'MATCH p=shortestPath((a {name:$a})-[*..4]-(b {name:$b})) RETURN p' -p a=顾言川 -p b=百度
        (--engine neo4j needs a server: kg neo4j start, kg load)
    """
    from kg.neo4j.cypher import parse_param

    params = dict(parse_param(p) for p in param or [])
    # --uri (like NEO4J_URI) names a server, so it means Neo4j unless --engine says otherwise
    chosen = _engine(engine, backend) or (Backend.neo4j if uri or os.environ.get("NEO4J_URI") else Backend.embedded)
    if chosen is Backend.embedded:
        from kg.queries.cypher_embedded import EmbeddedCypherError, prepare_cypher_embedded, run_cypher_embedded

        if write:
            raise EmbeddedCypherError("--write needs Neo4j: the embedded store is written only by `kg build`; "
                                      "run writes with --engine neo4j")
        prepared = prepare_cypher_embedded(query, params)  # a query it cannot run is said before the read
        graph = _graph_view(store, "kg cypher", cypher=True)
        rows = run_cypher_embedded(graph, prepared)
    else:
        from kg.neo4j.connection import open_driver, settings_from_env
        from kg.neo4j.cypher import run_cypher

        settings = settings_from_env(uri, database)
        with open_driver(settings) as driver:
            rows = run_cypher(driver, query, params, write=write, database=settings.database)
    _echo_rows(rows, fmt)


@app.command()
@handles_errors
def query(
    name: Annotated[str | None, typer.Argument(help="Query name (see --list).", show_default=False)] = None,
    arguments: Annotated[list[str] | None, typer.Argument(
        help="The query's entities (company, investor, person, exchange): any alias, any script, or an id.",
        show_default=False)] = None,
    list_queries: Annotated[bool, typer.Option("--list", help="Describe the named queries.")] = False,
    region: Annotated[str | None, typer.Option(help="state-capital: only funds of this region.",
                                               show_default=False)] = None,
    level: Annotated[str | None, typer.Option(
        metavar="<central|provincial|municipal|district>",
        help="state-capital: only state money of this level of government (the ultimate state owners' "
             "level, else the fund's own; central = national).", show_default=False)] = None,
    as_of: Annotated[str | None, typer.Option(
        "--as-of", metavar="DATE",
        help="every query (investors, portfolio, co-investors, state-capital, ownership, state-exposure, "
             "timeline, alumni, lineage, path, disputes, compare, financials, ipo-pipeline, central-investors): "
             "the answer at DATE (YYYY, YYYY-MM or YYYY-MM-DD; a year or month is its last day): facts dated, "
             "else first reported, by then; positions and stakes begun by then and not ended; figures reported "
             "by then; an IPO at the furthest milestone reached by then.",
        show_default=False)] = None,
    max_hops: Annotated[int | None, typer.Option("--max-hops", help="path: longest path wanted [default: 4].",
                                                 show_default=False)] = None,
    top: Annotated[int | None, typer.Option(help="central-investors: how many [default: 10].",
                                            show_default=False)] = None,
    depth: Annotated[int | None, typer.Option(help="lineage: spin-offs away from COMPANY [default: 3].",
                                              show_default=False)] = None,
    up: Annotated[bool | None, typer.Option("--up/--down", help="lineage: ancestors only / descendants only "
                                            "[default: both].", show_default=False)] = None,
    engine: Annotated[Backend | None, typer.Option(
        "--engine", help="embedded (the store, no server) or neo4j [default: neo4j when NEO4J_URI is set].",
        show_default=False)] = None,
    backend: BackendAliasOpt = None,
    fmt: FormatOpt = OutputFormat.table,
    store: StoreOpt = None,
) -> None:
    """Ask a named investor-network question, on the store or on Neo4j (same rows either way).

    \b
    Examples:
      kg query investors 澄湖科技
      kg query co-investors HongShan -f json
      kg query path 杭州城投 顾言川 --max-hops 3
      kg query ipo-pipeline HKEX
      kg query lineage 栖光机器人 --up
      kg query financials 云岫智能
      kg query compare 云岫智能 砚石智能 Brightwave
      kg query ownership 杭州城投
      kg query ownership 澄湖科技
      kg query state-exposure 澄湖科技
      kg query disputes 澄湖科技
      kg query state-capital --region Shanghai
      kg query state-capital --level municipal
      kg query timeline 顾言川 --as-of 2025-01-01
      kg query investors 澄湖科技 --as-of 2024-06
      kg query alumni 澄湖科技 --as-of 2025-06
      kg query ipo-pipeline HKEX --as-of 2025-11-30
    """
    from kg.queries import describe, get_query, run_neo4j

    if list_queries or not name:
        _echo_rows(describe(), fmt)
        return
    get_query(name)
    direction = None if up is None else ("up" if up else "down")
    options = {"region": region, "level": level, "as_of": as_of, "max_hops": max_hops, "top": top, "depth": depth,
               "direction": direction}
    options = {k: v for k, v in options.items() if v is not None}
    chosen = _engine(engine, backend) or (Backend.neo4j if os.environ.get("NEO4J_URI") else Backend.embedded)
    if chosen is Backend.embedded:
        from kg.queries import run_store

        with _store(store, create=False) as graph_store:  # indexed SQL, no whole-graph view
            rows = run_store(graph_store, name, *(arguments or []), **options)
    else:
        import logging

        from kg.neo4j.connection import open_driver, settings_from_env

        # The named queries mention every relationship type they may need; a database without some of
        # them would make the server warn on stderr about each missing type, which is noise here.
        logging.getLogger("neo4j.notifications").setLevel(logging.ERROR)
        settings = settings_from_env()
        with open_driver(settings) as driver:
            rows = run_neo4j(driver, name, *(arguments or []), database=settings.database, **options)
    _echo_rows(rows, fmt)


@neo4j_app.command("start")
@handles_errors
def neo4j_start(
    home: Annotated[Path | None, typer.Option(help="Server home (data, logs) [default: $KG_NEO4J_HOME or "
                                              "./.neo4j].", show_default=False)] = None,
    port: Annotated[int | None, typer.Option(help="Bolt port [default: a free one].", show_default=False)]
    = None,
    heap: Annotated[str, typer.Option(help="JVM heap, e.g. 512m or 2g.")] = "512m",
    pagecache: Annotated[str, typer.Option(help="Page cache (store pages kept in memory); give it about the "
                                           "store's size for large graphs, e.g. 1g.")] = "64m",
) -> None:
    """Start Neo4j 5.26 Community on 127.0.0.1 and print its bolt URI.

    The first start downloads the jars with Maven (cached for later). Auth is on when NEO4J_PASSWORD
    is set (it becomes the password of user neo4j), off otherwise.
    """
    from kg.neo4j import server

    info = server.start(home or server.default_home(), port=port, heap=heap, pagecache=pagecache,
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
    typer.echo(f"running: {info.uri} (pid {info.pid}, auth {'on' if info.auth else 'off'}, "
               f"heap {info.heap}, page cache {info.pagecache})")


# -- later issues --------------------------------------------------------------------------------


@viz_app.command("investors")
@handles_errors
def viz_investors(
    entity: Annotated[str, typer.Argument(help="Investor or company (any alias).")],
    output: Annotated[Path, typer.Option("--output", "-o", help="FILE.html (interactive), .svg or .png")],
    store: StoreOpt = None,
) -> None:
    """Draw the investment network around an investor or company: state capital in red, the entity outlined.

    For an investor: its portfolio and everyone who invested beside it; for a company: its investors.
    """
    from kg.viz import investors_graph, render_investors

    graph, entity_id = _around(store, entity, output, investors_graph)
    view = render_investors(graph, entity_id, output)
    typer.echo(f"wrote {output}: {len(view.nodes)} organisations, {len(view.edges)} investments")


def _around(store: Path | None, name: str, output: Path, read: Callable[[Any, str], Any]) -> tuple[Any, str]:
    """The part of the graph view that a drawing around the entity `name` reads (`read(store, id)`, from
    `kg.viz.from_store`), and the entity's id. The output's suffix is checked and the entity found from the
    store's indexes first, so neither a wrong suffix nor an unknown name costs a read."""
    from kg.queries import find_store_entity
    from kg.viz import check_suffix

    check_suffix(output)
    with _store(store) as graph_store:
        entity_id = find_store_entity(graph_store, name)
        return read(graph_store, entity_id), entity_id


@viz_app.command("network")
@handles_errors
def viz_network(
    output: Annotated[Path, typer.Option("--output", "-o", help="FILE.html (interactive), .svg or .png")],
    since: Annotated[int | None, typer.Option(help="Only investments dated in or after this year.")] = None,
    until: Annotated[int | None, typer.Option(help="Only investments dated in or before this year.")] = None,
    round_: Annotated[list[str] | None, typer.Option("--round", help="Only these rounds (repeatable: "
                                                     "--round A --round B).")] = None,
    capital: Annotated[str, typer.Option(help="all, state (StateOwnedFund investors) or private.")] = "all",
    region: Annotated[str | None, typer.Option(help="Only investors of this region (上海 or Shanghai).")] = None,
    store: StoreOpt = None,
) -> None:
    """Draw the whole investment network, or the part the filters keep; the page filters further."""
    from kg.viz import Filters, check_suffix, network_graph, render_network

    if capital not in ("all", "state", "private"):
        raise KGError(f"--capital must be all, state or private, got {capital!r}")
    filters = Filters(since=since, until=until, rounds=tuple(round_ or ()), capital=capital, region=region)
    check_suffix(output)
    with _store(store) as graph_store:
        graph = network_graph(graph_store, filters)
    view = render_network(graph, output, filters)
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
    from kg.viz import lineage_graph, render_lineage

    graph, root_id = _around(store, root, output, lambda graph_store, root_id: lineage_graph(
        graph_store, root_id, depth=depth, with_investors=with_investors))
    view = render_lineage(graph, root_id, output, depth=depth, with_investors=with_investors)
    generations = {n.generation for n in view.nodes}
    typer.echo(f"wrote {output}: {len(view.nodes)} organisations over {len(generations)} generation(s), "
               f"{len(view.edges)} links")


@app.command("eval")
@handles_errors
def eval_(
    directory: Annotated[Path, typer.Argument(help="Folder of <id>.txt (or <id>.md) with <id>.gold.json beside "
                                                          "each.")],
    half: Annotated[str, typer.Option(
        help="Score one fixed half of the corpus (by a hash of each article id): 'dev' to develop rules on, "
             "'blind' to measure them on articles never read, or 'all' (both, each reported).")] = "all",
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="List misses and false positives, each with "
                                          "its class, then a table of classes by language.")] = False,
    min_entity_f1: Annotated[float, typer.Option(help="Exit 1 when entity F1 is below this.")] = 0.0,
    min_relation_f1: Annotated[float, typer.Option(help="Exit 1 when relation F1 is below this.")] = 0.0,
    ner: NerOpt = None,
) -> None:
    """Score extraction against gold facts: per-article and micro-averaged precision, recall, F1.

    Each article is built alone into a fresh store and scored with the corpus's rules (names
    normalised across scripts and case; types must match; duplicates count against precision).
    The corpus splits into a 'dev' and a 'blind' half by a hash of the article id; the blind half
    is the honest figure, as long as nobody reads its texts or misses. A gold file that lists
    "figures" (company, metric, period, value, currency) also gets financial figures scored.

    \b
    Examples:
      kg eval tests/data/financials                  # both halves and the total, figures too
      kg eval tests/data/financials --half dev -v    # where the dev half's recall goes
    """
    from kg.evaluate import HALVES, article_line, evaluate_dir, micro_average, miss_table, summary_line

    if not directory.is_dir():
        raise KGError(f"{directory} is not a folder")
    if half not in (*HALVES, "all"):
        raise KGError(f"--half must be dev, blind or all, not {half!r}")
    scores, total = evaluate_dir(
        directory, half=None if half == "all" else half, ner=_ner_config(ner)  # type: ignore[arg-type]
    )
    if not scores:
        raise KGError(f"no *.gold.json files in {directory}" + ("" if half == "all" else f" in the {half} half"))
    for s in scores:
        typer.echo(article_line(s))
        if verbose:
            for miss in s.misses:
                typer.echo(f"    missed: {miss}")
            for fp in s.false_positives:
                typer.echo(f"    false positive: {fp}")
    if verbose:
        typer.echo("")
        for line in miss_table(scores):
            typer.echo(line)
        typer.echo("")
    if half == "all":
        from kg.evaluate import corpus_half

        for name in HALVES:
            part = [s for s in scores if corpus_half(s.article) == name]
            if part:
                typer.echo(summary_line(micro_average(part), f"{name} half ({len(part)} articles)"))
    typer.echo(summary_line(total, f"{'all' if half == 'all' else half} ({len(scores)} articles)"))
    if total.entity_prf[2] < min_entity_f1 or total.relation_prf[2] < min_relation_f1 or any(s.error for s in scores):
        raise typer.Exit(1)


#: `kg query`'s options that take a value, spelled out in full: option -> the parameter of `query`
_QUERY_VALUES = {"--region": "region", "--level": "level", "--as-of": "as_of", "--max-hops": "max_hops",
                 "--top": "top", "--depth": "depth", "--engine": "engine", "--backend": "backend",
                 "--format": "fmt", "-f": "fmt", "--store": "store", "-s": "store"}
#: and its flags: option -> (parameter, value)
_QUERY_FLAGS = {"--list": ("list_queries", True), "--up": ("up", True), "--down": ("up", False)}
_QUERY_INTS = frozenset({"max_hops", "top", "depth"})
_QUERY_CHOICES: dict[str, type[StrEnum]] = {"engine": Backend, "backend": Backend, "fmt": OutputFormat}


def _plain_query(argv: list[str]) -> dict[str, Any] | None:
    """`query`'s keyword arguments for a `kg query ...` command line made only of its arguments and its
    options spelled out (`--store DIR`, `--store=DIR`, `-f json`), each at most once, with values typer
    would take as they are; None for anything else (`--help`, a bad or missing value, an option
    that looks like a value, shell completion...), which typer then parses, with its own messages.

    Why: typer checks every parameter through a pydantic adapter, and importing pydantic and building
    those costs a fresh `kg query` process about a third of its CPU, for values that need no check."""
    if not argv or argv[0] != "query" or any(k.startswith("_") and k.endswith("_COMPLETE") for k in os.environ):
        return None
    positional: list[str] = []
    kwargs: dict[str, Any] = {}
    tokens = iter(argv[1:])
    for token in tokens:
        if not token.startswith("-") or token == "-":
            positional.append(token)
            continue
        option, equals, value = token.partition("=") if token.startswith("--") else (token, "", "")
        if option in _QUERY_FLAGS and not equals:
            flag_param, flag = _QUERY_FLAGS[option]
            if flag_param in kwargs:
                return None
            kwargs[flag_param] = flag
            continue
        param = _QUERY_VALUES.get(option)
        if param is None or param in kwargs:
            return None
        if not equals:
            value = next(tokens, "")
        if not value or value.startswith("-"):
            return None
        if param in _QUERY_INTS:
            if not (value.isascii() and value.isdigit()) or (len(value) > 1 and value[0] == "0"):
                return None
            kwargs[param] = int(value)
        elif param in _QUERY_CHOICES:
            choice = _QUERY_CHOICES[param]
            if value not in {c.value for c in choice}:
                return None
            kwargs[param] = choice(value)
        else:
            kwargs[param] = Path(value) if param == "store" else value
    if positional:
        kwargs["name"] = positional[0]
        kwargs["arguments"] = positional[1:] or None
    return kwargs


def main() -> None:  # pragma: no cover - console entry point
    """`kg`: a plain `kg query ...` straight to `query` (`_plain_query`), everything else through typer."""
    plain = _plain_query(sys.argv[1:])
    if plain is None:
        app()
        return
    # One query, then the process ends: no cyclic garbage in it is worth a collection, and each one
    # would walk the modules being imported and the rows being made again (a tenth of the CPU of a
    # small query's process).
    gc.disable()
    # what typer's standalone mode does around a command
    try:
        query(**plain)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        sys.exit(130)
    except OSError as exc:
        if exc.errno != errno.EPIPE:
            raise
        # a reader that went away (`kg query ... | head`): quietly, as typer does
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(1)


if __name__ == "__main__":  # pragma: no cover
    main()
