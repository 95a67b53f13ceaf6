"""`kg build`: read articles, extract, resolve, record — incrementally and idempotently.

An article is identified by the hash of its text, so feeding the same article twice (even from a
different file) changes nothing. Folders of scraped pages and feeds hold anything, so every file runs
under a guard: whatever goes wrong while reading it, or while extracting, resolving or storing one of
its articles, becomes a reported failure with the file (and line) and the reason, the article's
transaction is rolled back (no half-written article), and the build goes on with the next one.

With `jobs` > 1, files (and the parts of a large JSON Lines file) are read and their articles extracted in
worker processes (extraction is a pure function of an article), while this process alone resolves and
writes them, in input order: the store is the same, byte for byte, as a serial build's
(`kg.build_reads.parallel_reads`). With an `executor` (anything
with `submit(fn, *args)` returning a future: a `concurrent.futures` executor, a Dask `distributed.Client`
or its `get_executor()`), this process reads the files and the executor extracts their articles, on a
cluster if it is one; the results are written here, in input order, as with `jobs` (`kg.build_reads.executor_reads`).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from kg.build_reads import (
    FileOutcome,
    Reads,
    Submitter,
    WorkerFailure,
    executor_reads,
    file_size,
    parallel_reads,
    read_outcome,
    splits,
    unexpected_reason,
)
from kg.errors import InputError
from kg.ingest.limits import DEFAULT_LIMITS, Limits
from kg.ingest.metadata import checked_date
from kg.ingest.readers import SUPPORTED_SUFFIXES, list_input_files
from kg.ingest.safe import display_path, escape_controls
from kg.model import Article, Extraction
from kg.names import normalize_name
from kg.ontology import Ontology, load_ontology
from kg.resolve import CLUSTERED_ROOTS, recluster_entities, recluster_people, resolve
from kg.store import Store, write_article
from kg.terms import C

if TYPE_CHECKING:
    from kg.extract.gazetteer import Gazetteer
    from kg.extract.ner import NerConfig

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
    extracted: Callable[[], Extraction] | None = None,
) -> tuple[bool, list]:
    """Extract one article and record it. Returns (added, dropped items); (False, []) if known.

    `on_stage` hears the name of each step as it starts, so a failure can say where it happened.
    `extracted`, when given, supplies the article's extraction instead of running `extract` here
    (a parallel build extracted it in a worker process); it is only called for a new article.

    Examples
    --------
    >>> import tempfile
    >>> from kg.store import open_store
    >>> article = Article(text="真格基金投资了星衡智能。", published="2025-08-01")
    >>> with tempfile.TemporaryDirectory() as tmp, open_store(Path(tmp, "store")) as store:
    ...     first, again = add_article(store, article), add_article(store, article)
    ...     counts = store.counts()
    >>> first, again  # the same text twice is one article
    ((True, []), (False, []))
    >>> counts
    {'articles': 1, 'entities': 2, 'relations': 1, 'mentions': 2}
    """
    stage = on_stage or (lambda _name: None)
    stage("hashing")
    if store.has_article(article.id):
        return False, []
    ontology = ontology or load_ontology()
    stage("extracting")
    if extracted is None:
        from kg.extract import extract  # here: a build whose articles are all known never loads the rules

        extraction = extract(article, gazetteer=gazetteer, ner=ner)
    else:
        extraction = extracted()
    # resolution reads the store: it runs in the writer's transaction, so a concurrent build cannot
    # write between what this one read and what it writes
    with store.article() as conn:
        stage("resolving")
        resolution = resolve(store, extraction, ontology)
        stage("storing")
        store.changed_records = set()  # what this article writes and moves: all that regrouping looks at
        added = write_article(store, article, resolution.entities, resolution.relations, normalize_name, regrouped=True)
        if added:  # organisations first: a person's id may hang on the id of a firm
            tied = recluster_entities(store, conn, {e.id for e in resolution.entities
                                                    if e.root in CLUSTERED_ROOTS and not e.key},
                                      article_id=article.id)
            recluster_people(store, conn, {*tied, *(e.id for e in resolution.entities
                                                   if e.root == C.Person and not e.key)}, article_id=article.id)
    return added, [(article.id, item, reason) for item, reason in resolution.dropped]


def _rollback(store: Store) -> None:
    """Leave no transaction open after a failure (the store's own context already rolled back); in a
    batch, the article's savepoint was undone and the batch's transaction goes on."""
    if not store.batched:
        store.rollback()


def check_article_date(article_date: str | None) -> None:
    """`InputError` unless `article_date` is None or a real YYYY-MM-DD date.

    Examples
    --------
    >>> check_article_date("2025-07-02")  # fine: nothing happens
    >>> check_article_date("2025-02-30")
    Traceback (most recent call last):
    ...
    kg.errors.InputError: article date '2025-02-30' is not a YYYY-MM-DD date (not a calendar date)
    >>> check_article_date("2025-7-2")
    Traceback (most recent call last):
    ...
    kg.errors.InputError: article date '2025-7-2' is not a YYYY-MM-DD date
    """
    if article_date is None:
        return
    iso, why = checked_date(article_date)
    if iso is None or iso != article_date.strip():
        raise InputError(f"article date {escape_controls(article_date)!r} is not a YYYY-MM-DD date"
                         + (f" ({why})" if why else ""))


def input_files(paths: Iterable[Path]) -> list[Path]:
    """The article files under `paths` (`list_input_files`); `NothingToBuild` when there are none.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     for name in ("a.md", "b.txt", "README.md", "a.gold.json", "c.csv"):
    ...         _ = Path(tmp, name).write_text("x", encoding="utf-8")
    ...     print([path.name for path in input_files([Path(tmp)])])
    ['a.md', 'b.txt']
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     input_files([Path(tmp)])
    Traceback (most recent call last):
    ...
    kg.build.NothingToBuild: nothing to build: no article files (...) in ...; hidden files, READMEs and *.gold.json
    are skipped
    """
    paths = list(paths)
    files = list_input_files(paths)
    if not files:
        where = ", ".join(display_path(p) for p in paths) or "(no paths given)"
        raise NothingToBuild(f"nothing to build: no article files ({' '.join(sorted(SUPPORTED_SUFFIXES))}) "
                             f"in {where}; hidden files, READMEs and *.gold.json are skipped")
    return files


def resolve_jobs(jobs: int | str | None) -> int:
    """Worker processes for `jobs`: a positive number as given; 0, None or "auto": the CPUs this
    process may run on. `ValueError` for anything else.

    Examples
    --------
    >>> resolve_jobs(3), resolve_jobs("auto") >= 1  # "auto": one per CPU this process may use
    (3, True)
    >>> resolve_jobs(-1)
    Traceback (most recent call last):
    ...
    ValueError: jobs must be 0 (auto) or more, not -1
    """
    if jobs is None or jobs == 0 or (isinstance(jobs, str) and jobs.strip().lower() == "auto"):
        try:
            return max(1, len(os.sched_getaffinity(0)))
        except AttributeError:  # pragma: no cover - not on Linux
            return max(1, os.cpu_count() or 1)
    try:
        n = int(jobs)
    except (TypeError, ValueError):
        raise ValueError(f"jobs must be a whole number or 'auto', not {jobs!r}") from None
    if n < 0:
        raise ValueError(f"jobs must be 0 (auto) or more, not {n}")
    return resolve_jobs(0) if n == 0 else n


def build(
    store: Store,
    paths: Iterable[Path],
    *,
    article_date: str | None = None,
    progress: Callable[[Path], None] | None = None,
    advance: Callable[[int], None] | None = None,
    gazetteer: Gazetteer | None = None,
    ner: NerConfig | None = None,
    limits: Limits = DEFAULT_LIMITS,
    jobs: int | str = 1,
    executor: Submitter | None = None,
) -> BuildReport:
    """Build every article under `paths` into `store`; return what happened.

    `progress` is called once per file read. `advance` is told the input's bytes as they are built, by
    increments (the CLI's progress bar is `input_bytes(files)` long): each article moves it by its share
    of its file's size, so one large JSON Lines file moves it article by article. `gazetteer`
    replaces the shipped one (the ablation measure builds with entries left out). `ner` adds an
    optional statistical tagger's candidates to extraction (`kg.extract.ner`; off by default).
    `limits` bounds file size, line length and JSON nesting (`kg.ingest.limits`).
    `jobs` > 1 reads and extracts that many files at once in worker processes while this process
    writes the store in input order: the same store, ids and report as `jobs=1`, faster when there
    are many files and free cores (0 or "auto": one worker per CPU).
    `executor`, instead of `jobs`, extracts the articles (`Submitter`: a `concurrent.futures` executor, or
    a Dask `distributed.Client` to run extraction on a cluster) while this process reads the files and
    writes the store in input order: again the same store as a serial build. The executor is not shut
    down here; `gazetteer` and `ner` travel with each article (None: each worker loads the shipped ones).
    Raises `NothingToBuild` when the paths hold no article file, and `InputError` for a malformed
    `article_date` (`ValueError` for a bad `jobs`, or `jobs` > 1 with an executor); everything that goes
    wrong inside one file is in the report instead.

    Examples
    --------
    A two-sentence article, built into a temporary store:

    >>> import tempfile
    >>> from kg.store import open_store
    >>> text = "星衡智能完成3亿元B轮融资，由红杉中国领投，真格基金跟投。公司创始人李明曾任百度副总裁。"
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     news = Path(tmp, "news")
    ...     news.mkdir()
    ...     _ = (news / "xinghang.md").write_text(text, encoding="utf-8")
    ...     with open_store(Path(tmp, "store")) as store:
    ...         report = build(store, [news], article_date="2025-07-02")
    ...         counts = store.counts()
    ...         entities, relations = store.type_counts()
    >>> report.files, report.added, report.ok
    (1, 1, True)
    >>> counts["entities"], entities
    (5, {'Company': 2, 'Investor': 2, 'Person': 1})
    >>> relations
    {'FOUNDED': 1, 'INVESTED_IN': 2, 'LEFT': 1}
    """
    check_article_date(article_date)
    workers = resolve_jobs(jobs)
    files = input_files(paths)
    ontology = load_ontology()
    if ner is not None:
        ner.load()
    report = BuildReport(files=len(files))
    # no more workers than pieces of work: files, or the parts of a large JSON Lines file
    if len(files) < workers and not any(splits(path) for path in files):
        workers = len(files)
    if executor is not None:
        if resolve_jobs(jobs) > 1:
            raise ValueError("give either jobs > 1 or an executor, not both")
        reads: Reads = executor_reads(files, executor, article_date=article_date, limits=limits,
                                      gazetteer=gazetteer, ner=ner)
    elif workers > 1:
        reads = parallel_reads(
            files, workers, article_date=article_date, limits=limits, gazetteer=gazetteer, ner=ner)
    else:
        reads = ((path, FileOutcome.deferred()) for path in files)
    moved = _ByteProgress(advance)
    try:
        with store.batch() as next_article:  # several articles per transaction, each undone alone if it fails
            for path, outcome in reads:
                if progress and outcome.first:
                    progress(path)
                moved.finish_file()
                if outcome.read is None and outcome.failure is None:  # serial: read here, extract on demand
                    outcome = read_outcome(path, article_date, limits, extract_articles=False)
                moved.start_file(path, len(outcome.read.articles) if outcome.read else 0, outcome.part_bytes)
                if outcome.failure is not None:
                    report.fail(*outcome.failure)
                    continue
                read = outcome.read
                assert read is not None
                for where, reason in read.problems:
                    report.fail(where, reason)
                report.warnings.extend((escape_controls(w), escape_controls(m)) for w, m in read.warnings)
                for index, article in enumerate(read.articles):
                    next_article()  # commits when the batch is due
                    moved.article()
                    stages = ["hashing"]
                    extracted = outcome.extracted(index)
                    try:
                        added, dropped = add_article(store, article, ontology, gazetteer, ner, on_stage=stages.append,
                                                     extracted=extracted)
                    except WorkerFailure as exc:  # extraction failed in a worker: its reason, already worded
                        _rollback(store)
                        report.fail(article.path or display_path(path), exc.reason)
                        continue
                    except Exception as exc:  # the guard, per article: its transaction is already undone
                        _rollback(store)
                        report.fail(article.path or display_path(path), unexpected_reason(stages[-1], exc))
                        continue
                    report.dropped.extend(dropped)
                    if added:
                        report.added += 1
                    else:
                        report.unchanged += 1
            moved.finish_file()
    finally:  # a parallel build stops its workers here, whether it ended well or not
        reads.close()
    return report


def input_bytes(files: Iterable[Path]) -> int:
    """The size of `build`'s input in bytes: the length of the progress `advance` is told about."""
    return sum(file_size(path) for path in files)


class _ByteProgress:
    """`build`'s `advance`: a file's bytes handed out over its articles (the article's share as it starts,
    the rest when the file is done), so the total told equals `input_bytes` once every file is done."""

    def __init__(self, advance: Callable[[int], None] | None) -> None:
        self.advance = advance
        self.left = self.share = 0

    def start_file(self, path: Path, articles: int, part_bytes: int | None = None) -> None:
        self.left = (file_size(path) if part_bytes is None else part_bytes) if self.advance else 0
        self.share = self.left // articles if articles else 0

    def article(self) -> None:
        step = min(self.share, self.left)
        if step and self.advance:
            self.left -= step
            self.advance(step)

    def finish_file(self) -> None:
        if self.left and self.advance:
            self.advance(self.left)
        self.left = 0
