"""`kg build`: read articles, extract, resolve, record — incrementally and idempotently.

An article is identified by the hash of its text, so feeding the same article twice (even from a
different file) changes nothing. Folders of scraped pages and feeds hold anything, so every file runs
under a guard: whatever goes wrong while reading it, or while extracting, resolving or storing one of
its articles, becomes a reported failure with the file (and line) and the reason, the article's
transaction is rolled back (no half-written article), and the build goes on with the next one.

With `jobs` > 1, files are read and their articles extracted in worker processes (extraction is a
pure function of an article), while this process alone resolves and writes them, in input order: the
store is the same, byte for byte, as a serial build's (`_parallel_reads`). With an `executor` (anything
with `submit(fn, *args)` returning a future: a `concurrent.futures` executor, a Dask `distributed.Client`
or its `get_executor()`), this process reads the files and the executor extracts their articles, on a
cluster if it is one; the results are written here, in input order, as with `jobs` (`_executor_reads`).
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
import signal
from collections import deque
from collections.abc import Callable, Generator, Iterable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from kg.errors import InputError, InputFileError
from kg.ingest.limits import DEFAULT_LIMITS, Limits
from kg.ingest.metadata import checked_date
from kg.ingest.readers import SUPPORTED_SUFFIXES, FileRead, list_input_files, read_file
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

class Submitter(Protocol):
    """What `build` needs of an executor: `submit(fn, *args)` returning a future whose `result()` is
    `fn(*args)` (`concurrent.futures.Executor`, Dask's `distributed.Client` and its `get_executor()`)."""

    def submit(self, fn: Callable[..., Any], /, *args: Any) -> Any: ...


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


def _unexpected(stage: str, exc: BaseException) -> str:
    message = str(exc)
    if len(message) > _MAX_REASON:
        message = message[:_MAX_REASON] + "…"
    return f"internal error while {stage}: {type(exc).__name__}: {message}"


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
    workers = min(workers, len(files))
    if executor is not None:
        if resolve_jobs(jobs) > 1:
            raise ValueError("give either jobs > 1 or an executor, not both")
        reads: _Reads = _executor_reads(files, executor, article_date=article_date, limits=limits,
                                        gazetteer=gazetteer, ner=ner)
    elif workers > 1:
        reads = _parallel_reads(
            files, workers, article_date=article_date, limits=limits, gazetteer=gazetteer, ner=ner)
    else:
        reads = ((path, _FileOutcome.deferred()) for path in files)
    moved = _ByteProgress(advance)
    try:
        with store.batch() as next_article:  # several articles per transaction, each undone alone if it fails
            for path, outcome in reads:
                if progress:
                    progress(path)
                moved.finish_file()
                if outcome.read is None and outcome.failure is None:  # serial: read here, extract on demand
                    outcome = _read_outcome(path, article_date, limits, extract_articles=False)
                moved.start_file(path, len(outcome.read.articles) if outcome.read else 0)
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
                    except _WorkerFailure as exc:  # extraction failed in a worker: its reason, already worded
                        _rollback(store)
                        report.fail(article.path or display_path(path), exc.reason)
                        continue
                    except Exception as exc:  # the guard, per article: its transaction is already undone
                        _rollback(store)
                        report.fail(article.path or display_path(path), _unexpected(stages[-1], exc))
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
    return sum(_file_size(path) for path in files)


def _file_size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:  # gone since it was listed: its read reports it
        return 0


class _ByteProgress:
    """`build`'s `advance`: a file's bytes handed out over its articles (the article's share as it starts,
    the rest when the file is done), so the total told equals `input_bytes` once every file is done."""

    def __init__(self, advance: Callable[[int], None] | None) -> None:
        self.advance = advance
        self.left = self.share = 0

    def start_file(self, path: Path, articles: int) -> None:
        self.left = _file_size(path) if self.advance else 0
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


# -- parallel reading and extraction ---------------------------------------------------------------

#: Files handed to the pool beyond those being worked on, per worker: enough to keep every worker
#: busy while the writer catches up, few enough that a 100k-file folder is never in memory at once.
_AHEAD_PER_WORKER = 2


_Reads = Generator[tuple[Path, "_FileOutcome"], None, None]


class _WorkerFailure(Exception):
    """An article whose extraction failed in a worker; `reason` is the report's wording."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass
class _FileOutcome:
    """One file as a worker (or the serial loop) saw it: the read, or why it could not be read, and,
    from a worker, each article's extraction or the reason it failed (a string)."""

    read: FileRead | None = None
    failure: tuple[str, str] | None = None  # (where, reason) for the file as a whole
    extractions: list[Extraction | str] | None = None  # None: extract in the writer, on demand

    @classmethod
    def deferred(cls) -> _FileOutcome:
        return cls()

    def extracted(self, index: int) -> Callable[[], Extraction] | None:
        if self.extractions is None:
            return None
        result = self.extractions[index]

        def supply() -> Extraction:
            if isinstance(result, str):
                raise _WorkerFailure(result)
            return result

        return supply


def _read_outcome(path: Path, article_date: str | None, limits: Limits, *, extract_articles: bool,
                  gazetteer: Gazetteer | None = None, ner: NerConfig | None = None) -> _FileOutcome:
    """Read `path` under the guard (and, for a worker, extract each article under it)."""
    try:
        read = read_file(path, article_date=article_date, limits=limits)
    except InputFileError as exc:
        return _FileOutcome(failure=(exc.where, exc.reason))
    except Exception as exc:  # the guard: one file's bug must not end the build
        return _FileOutcome(failure=(display_path(path), _unexpected("reading", exc)))
    if not extract_articles:
        return _FileOutcome(read=read)
    extractions = [extract_or_reason(article, gazetteer, ner) for article in read.articles]
    return _FileOutcome(read=read, extractions=extractions)


def extract_or_reason(article: Article, gazetteer: Gazetteer | None = None,
                      ner: NerConfig | None = None) -> Extraction | str:
    """The article's extraction, or the reason it failed as the build reports it (the writer reports it,
    in order, as a serial build would). What a worker runs, in a process of this machine or a cluster's."""
    from kg.extract import extract

    try:
        return extract(article, gazetteer=gazetteer, ner=ner)
    except Exception as exc:
        return _unexpected("extracting", exc)


# Set once in each worker process by `_start_worker`: (article_date, limits, gazetteer, ner).
_WORKER_SETTINGS: tuple[str | None, Limits, Gazetteer | None, NerConfig | None] | None = None


#: How much less a worker counts for the scheduler than the writer (`os.nice`). The one writer is the step
#: that cannot be shared out: with more processes than free cores, an equal share would slow it down by
#: a third (3 processes, 2 cores), and the whole build with it; a little less weight is enough for the
#: kernel to give the writer a core of its own, while the workers still take every cycle it leaves
#: (more would starve them where other programs' processes compete with them directly).
_WORKER_NICENESS = 3


def _start_worker(article_date: str | None, limits: Limits, gazetteer: Gazetteer | None,
                  ner: NerConfig | None) -> None:
    global _WORKER_SETTINGS
    # Ctrl-C is the writer's to handle: it stops the pool; workers printing tracebacks would only add noise
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    with contextlib.suppress(OSError):  # not allowed, or no such thing here: only the order of priorities
        os.nice(_WORKER_NICENESS)
    _WORKER_SETTINGS = (article_date, limits, gazetteer, ner)


def _work(path: Path) -> _FileOutcome:
    assert _WORKER_SETTINGS is not None
    article_date, limits, gazetteer, ner = _WORKER_SETTINGS
    return _read_outcome(path, article_date, limits, extract_articles=True, gazetteer=gazetteer, ner=ner)


#: A short article whose extraction loads the dictionaries, the gazetteer and the patterns: one sentence of
#: each kind the rules read (a round and its investors, amounts in yuan and dollars, a founder's career, a
#: listing, a holding, an English wire), so what the rules load on first use is loaded once, before the
#: fork, and not again in every worker on its first articles (about 0.1-0.2 s of CPU each, and the
#: writer's first wait).
_WARM_UP = Article(
    text="2024年3月12日，杭州星衡智能有限公司（以下简称“星衡智能”）宣布完成5亿元人民币B轮融资，由红杉中国领投，"
         "真格基金跟投，老股东奇绩创坛继续加码。星衡智能成立于2021年，创始人兼CEO李明毕业于浙江大学，曾任百度副总裁，"
         "2023年初离职后加入云岫智能担任首席技术官。云岫智能已向港交所递交上市申请，拟募资约2亿美元；"
         "公司控股股东为启明创投，持股35%。\n"
         "Shanghai, August 12, 2025 - Brightlake Robotics said on Tuesday it had raised $80 million in a Series B "
         "round led by HongShan; it listed on the Nasdaq in 2024.",
    published="2025-07-02")


def _warm_up(gazetteer: Gazetteer | None, ner: NerConfig | None) -> None:
    """Load what extraction loads on first use (seconds: the segmenter's dictionary, the gazetteer)
    once, here, so forked workers share it instead of each loading it again."""
    from kg.extract import extract

    with contextlib.suppress(Exception):  # only a head start: a real failure is reported per article
        extract(_WARM_UP, gazetteer=gazetteer, ner=ner)


def _pool_context() -> multiprocessing.context.BaseContext:
    """`fork` where there is one: workers start at once and share the parent's loaded dictionaries and
    settings (nothing is pickled on the way in); elsewhere the platform's default."""
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else None)


def _parallel_reads(files: list[Path], workers: int, *, article_date: str | None, limits: Limits,
                    gazetteer: Gazetteer | None, ner: NerConfig | None) -> _Reads:
    """(path, outcome) for every file, in the order of `files`, read and extracted by `workers` processes.

    At most `workers * (1 + _AHEAD_PER_WORKER)` files are in flight. A worker that dies (killed for
    memory, a crash in native code) breaks the pool: a new pool runs the files that were in flight
    again, one at a time, so the file that kills a worker alone is reported (and only it). When the
    consumer stops (Ctrl-C, an error in the writer) queued files are cancelled and workers stopped.
    Workers run at a lower priority than this process (`_WORKER_NICENESS`): the writer is the step that
    cannot be shared out, so when there are more processes than free cores, the workers are the ones to wait.
    """
    window = workers * (1 + _AHEAD_PER_WORKER)
    context = _pool_context()
    if context.get_start_method() == "fork":
        _warm_up(gazetteer, ner)
    # what is loaded by now (modules, dictionaries, patterns) lives as long as the build: out of the
    # collector's sight, the writer's collections no longer walk it (a quarter of their time, measured at
    # 200 articles: a small saving) and forked workers do not copy the pages a collection would touch
    frozen = not gc.get_freeze_count()
    if frozen:
        gc.freeze()

    def new_pool() -> ProcessPoolExecutor:
        return ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_start_worker,
                                   initargs=(article_date, limits, gazetteer, ner))

    def submit(path: Path) -> Future[_FileOutcome]:
        try:
            return pool.submit(_work, path)
        except BrokenProcessPool as exc:  # a worker died since the last result: dealt with in order, below
            future: Future[_FileOutcome] = Future()
            future.set_exception(exc)
            return future

    source = iter(files)
    alone: deque[Path] = deque()  # files to run one at a time after a worker died
    pending: deque[tuple[Path, Future[_FileOutcome], bool]] = deque()
    pool = new_pool()
    finished = False
    try:
        while True:
            if alone:
                if not pending:
                    path = alone.popleft()
                    pending.append((path, submit(path), True))
            else:
                while len(pending) < window:
                    queued = next(source, None)
                    if queued is None:
                        break
                    pending.append((queued, submit(queued), False))
            if not pending:
                finished = True
                return
            path, future, isolated = pending.popleft()
            try:
                outcome = future.result()
            except BrokenProcessPool:
                _stop(pool)
                pool = new_pool()
                if not isolated:  # which of the files in flight killed it is not known: each again, alone
                    alone.extendleft(reversed([path, *(p for p, _f, _i in pending)]))
                    pending.clear()
                    continue
                outcome = _FileOutcome(failure=(display_path(path), "the worker process reading and extracting "
                                                "this file ended abruptly (out of memory, or a crash)"))
            except Exception as exc:  # the result could not be sent back (e.g. not picklable)
                outcome = _FileOutcome(failure=(display_path(path), _unexpected("extracting", exc)))
            yield path, outcome
    finally:
        if finished:
            pool.shutdown(wait=True)
        else:
            _stop(pool)
        if frozen:
            gc.unfreeze()


#: Articles handed to an executor beyond the one being written: enough to keep a cluster busy, few
#: enough that a 100k-article feed is never in memory at once.
EXECUTOR_AHEAD = 256


def _executor_reads(files: list[Path], executor: Submitter, *, article_date: str | None, limits: Limits,
                    gazetteer: Gazetteer | None, ner: NerConfig | None, ahead: int = EXECUTOR_AHEAD) -> _Reads:
    """(path, outcome) for every file, in the order of `files`: read here, each article extracted by
    `executor` (at most about `ahead` articles in flight). A future that fails (a worker lost, a result
    that could not travel) is that article's failure. Futures still queued when the consumer stops are
    cancelled."""
    _warm_up(gazetteer, ner)  # an executor of threads shares this process's dictionaries: load them once
    source = iter(files)
    pending: deque[tuple[Path, _FileOutcome, list[Any]]] = deque()
    in_flight = 0
    try:
        while True:
            while in_flight < ahead and (path := next(source, None)) is not None:
                outcome = _read_outcome(path, article_date, limits, extract_articles=False)
                futures = [executor.submit(extract_or_reason, article, gazetteer, ner)
                           for article in (outcome.read.articles if outcome.read is not None else [])]
                pending.append((path, outcome, futures))
                in_flight += max(1, len(futures))
            if not pending:
                return
            path, outcome, futures = pending.popleft()
            in_flight -= max(1, len(futures))
            if outcome.read is not None:
                outcome.extractions = [_future_result(future) for future in futures]
            yield path, outcome
    finally:
        for _path, _outcome, futures in pending:
            for future in futures:
                with contextlib.suppress(Exception):
                    future.cancel()


def _future_result(future: Any) -> Extraction | str:
    try:
        result = future.result()
    except Exception as exc:  # the worker died, or the result could not be sent back
        return _unexpected("extracting", exc)
    return result if isinstance(result, Extraction | str) else _unexpected(
        "extracting", TypeError(f"the executor returned {type(result).__name__}, not an extraction"))


def _stop(pool: ProcessPoolExecutor) -> None:
    """Cancel queued work, stop the workers (they only compute: nothing of theirs needs saving), and
    wait for them to exit, so no process outlives the build."""
    processes = list((getattr(pool, "_processes", None) or {}).values())  # shutdown forgets them
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        if process.is_alive():
            process.terminate()
    for process in processes:
        process.join()
    pool.shutdown(wait=True)
