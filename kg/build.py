"""`kg build`: read articles, extract, resolve, record — incrementally and idempotently.

An article is identified by the hash of its text, so feeding the same article twice (even from a
different file) changes nothing. Folders of scraped pages and feeds hold anything, so every file runs
under a guard: whatever goes wrong while reading it, or while extracting, resolving or storing one of
its articles, becomes a reported failure with the file (and line) and the reason, the article's
transaction is rolled back (no half-written article), and the build goes on with the next one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from kg.errors import InputError, InputFileError
from kg.extract import extract
from kg.extract.gazetteer import Gazetteer
from kg.ingest.limits import DEFAULT_LIMITS, Limits
from kg.ingest.metadata import checked_date
from kg.ingest.readers import SUPPORTED_SUFFIXES, list_input_files, read_file
from kg.ingest.safe import display_path, escape_controls
from kg.model import Article
from kg.names import normalize_name
from kg.ontology import Ontology, load_ontology
from kg.resolve import CLUSTERED_ROOTS, recluster_entities, recluster_people, resolve
from kg.store import Store, write_article

if TYPE_CHECKING:
    from kg.extract.ner import NerConfig

#: Longest exception message kept in a failure reason (the rest is noise, or the input echoed back).
_MAX_REASON = 300


class NothingToBuild(InputError):
    """The paths hold no article files at all: an empty folder is reported, never a silent success."""


@dataclass
class BuildReport:
    """What one build did: counts, and every file or fact it could not take, with the reason.

    `failures` and `warnings` are (where, reason) pairs: `where` is the printable file name (with
    ``:line`` for a JSON Lines record), given once; reasons never repeat it.
    """

    added: int = 0
    unchanged: int = 0
    entities_seen: int = 0
    relations_seen: int = 0
    files: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[tuple[str, str]] = field(default_factory=list)
    dropped: list[tuple[str, str, str]] = field(default_factory=list)  # (article id, item, reason)

    @property
    def ok(self) -> bool:
        return not self.failures

    def fail(self, where: str, reason: str) -> None:
        self.failures.append((escape_controls(where), escape_controls(reason)))


def add_article(
    store: Store,
    article: Article,
    ontology: Ontology | None = None,
    gazetteer: Gazetteer | None = None,
    ner: NerConfig | None = None,
    *,
    on_stage: Callable[[str], None] | None = None,
) -> tuple[bool, list]:
    """Extract one article and record it. Returns (added, dropped items); (False, []) if known.

    `on_stage` hears the name of each step as it starts, so a failure can say where it happened.
    """
    stage = on_stage or (lambda _name: None)
    stage("hashing")
    if store.has_article(article.id):
        return False, []
    ontology = ontology or load_ontology()
    stage("extracting")
    extraction = extract(article, gazetteer=gazetteer, ner=ner)
    # resolution reads the store: it runs in the writer's transaction, so a concurrent build cannot
    # write between what this one read and what it writes
    with store.transaction() as conn:
        stage("resolving")
        resolution = resolve(store, extraction, ontology)
        stage("storing")
        added = write_article(store, article, resolution.entities, resolution.relations, normalize_name)
        if added:  # organisations first: a person's id may hang on the id of a firm
            tied = recluster_entities(store, conn, {e.id for e in resolution.entities
                                                    if e.root in CLUSTERED_ROOTS and not e.key})
            recluster_people(store, conn, {*tied, *(e.id for e in resolution.entities
                                                   if e.root == "Person" and not e.key)})
    return added, [(article.id, item, reason) for item, reason in resolution.dropped]


def _unexpected(stage: str, exc: BaseException) -> str:
    message = str(exc)
    if len(message) > _MAX_REASON:
        message = message[:_MAX_REASON] + "…"
    return f"internal error while {stage}: {type(exc).__name__}: {message}"


def _rollback(store: Store) -> None:
    """Leave no transaction open after a failure (the store's own context already rolled back)."""
    conn = store.connection
    if conn.in_transaction:
        conn.rollback()


def check_article_date(article_date: str | None) -> None:
    """`InputError` unless `article_date` is None or a real YYYY-MM-DD date."""
    if article_date is None:
        return
    iso, why = checked_date(article_date)
    if iso is None or iso != article_date.strip():
        raise InputError(f"article date {escape_controls(article_date)!r} is not a YYYY-MM-DD date"
                         + (f" ({why})" if why else ""))


def input_files(paths: Iterable[Path]) -> list[Path]:
    """The article files under `paths` (`list_input_files`); `NothingToBuild` when there are none."""
    paths = list(paths)
    files = list_input_files(paths)
    if not files:
        where = ", ".join(display_path(p) for p in paths) or "(no paths given)"
        raise NothingToBuild(f"nothing to build: no article files ({' '.join(sorted(SUPPORTED_SUFFIXES))}) "
                             f"in {where}; hidden files, READMEs and *.gold.json are skipped")
    return files


def build(
    store: Store,
    paths: Iterable[Path],
    *,
    article_date: str | None = None,
    progress: Callable[[Path], None] | None = None,
    gazetteer: Gazetteer | None = None,
    ner: NerConfig | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> BuildReport:
    """Build every article under `paths` into `store`; return what happened.

    `progress` is called once per file read (the CLI draws a progress bar with it). `gazetteer`
    replaces the shipped one (the ablation measure builds with entries left out). `ner` adds an
    optional statistical tagger's candidates to extraction (`kg.extract.ner`; off by default).
    `limits` bounds file size, line length and JSON nesting (`kg.ingest.limits`).
    Raises `NothingToBuild` when the paths hold no article file, and `InputError` for a malformed
    `article_date`; everything that goes wrong inside one file is in the report instead.
    """
    check_article_date(article_date)
    files = input_files(paths)
    ontology = load_ontology()
    if ner is not None:
        ner.load()
    report = BuildReport(files=len(files))
    for path in files:
        if progress:
            progress(path)
        try:
            read = read_file(path, article_date=article_date, limits=limits)
        except InputFileError as exc:
            report.fail(exc.where, exc.reason)
            continue
        except Exception as exc:  # the guard: one file's bug must not end the build
            report.fail(display_path(path), _unexpected("reading", exc))
            continue
        for where, reason in read.problems:
            report.fail(where, reason)
        report.warnings.extend((escape_controls(w), escape_controls(m)) for w, m in read.warnings)
        for article in read.articles:
            stages = ["hashing"]
            try:
                added, dropped = add_article(store, article, ontology, gazetteer, ner, on_stage=stages.append)
            except Exception as exc:  # the guard, per article: its transaction is already undone
                _rollback(store)
                report.fail(article.path or display_path(path), _unexpected(stages[-1], exc))
                continue
            report.dropped.extend(dropped)
            if added:
                report.added += 1
            else:
                report.unchanged += 1
    return report
