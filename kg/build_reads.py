"""Where `kg.build`'s articles come from and who extracts them: files read and extracted in worker
processes (`parallel_reads`, for `jobs` > 1), or read here and extracted by an executor (`executor_reads`,
a `concurrent.futures` executor or a Dask client). Either way the writer gets, in input order, one
`FileOutcome` per file (per part of a large JSON Lines file): the read, and each article's extraction or
the reason it failed. Extraction is a pure function of an article, so the store is the same as a serial
build's.

Why a module of its own: the distribution of work (pools, parts, a worker that dies, bounded work in
flight) is a responsibility apart from storing articles, and `kg.build` reads as the writer's loop.
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
import signal
from collections import deque
from collections.abc import Callable, Generator, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from kg.errors import InputFileError
from kg.ingest.limits import Limits
from kg.ingest.readers import FileRead, read_file
from kg.ingest.safe import display_path
from kg.model import Article, Extraction

if TYPE_CHECKING:
    from kg.extract.gazetteer import Gazetteer
    from kg.extract.ner import NerConfig


class Submitter(Protocol):
    """What `build` needs of an executor: `submit(fn, *args)` returning a future whose `result()` is
    `fn(*args)` (`concurrent.futures.Executor`, Dask's `distributed.Client` and its `get_executor()`)."""

    def submit(self, fn: Callable[..., Any], /, *args: Any) -> Any: ...


#: Longest exception message kept in a failure reason (the rest is noise, or the input echoed back).
_MAX_REASON = 300


def unexpected_reason(stage: str, exc: BaseException) -> str:
    message = str(exc)
    if len(message) > _MAX_REASON:
        message = message[:_MAX_REASON] + "…"
    return f"internal error while {stage}: {type(exc).__name__}: {message}"


def file_size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:  # gone since it was listed: its read reports it
        return 0


#: Files handed to the pool beyond those being worked on, per worker: enough to keep every worker
#: busy while the writer catches up, few enough that a 100k-file folder is never in memory at once.
_AHEAD_PER_WORKER = 2


Reads = Generator[tuple[Path, "FileOutcome"], None, None]


class WorkerFailure(Exception):
    """An article whose extraction failed in a worker; `reason` is the report's wording."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass
class FileOutcome:
    """One file as a worker (or the serial loop) saw it: the read, or why it could not be read, and,
    from a worker, each article's extraction or the reason it failed (a string)."""

    read: FileRead | None = None
    failure: tuple[str, str] | None = None  # (where, reason) for the file as a whole
    extractions: list[Extraction | str] | None = None  # None: extract in the writer, on demand
    first: bool = True  # the file's first (or only) outcome: a large JSON Lines file comes in parts
    part_bytes: int | None = None  # the bytes of the file this part stands for (None: the whole file)

    @classmethod
    def deferred(cls) -> FileOutcome:
        return cls()

    def extracted(self, index: int) -> Callable[[], Extraction] | None:
        if self.extractions is None:
            return None
        result = self.extractions[index]

        def supply() -> Extraction:
            if isinstance(result, str):
                raise WorkerFailure(result)
            return result

        return supply


def read_outcome(path: Path, article_date: str | None, limits: Limits, *, extract_articles: bool,
                  gazetteer: Gazetteer | None = None, ner: NerConfig | None = None) -> FileOutcome:
    """Read `path` under the guard (and, for a worker, extract each article under it)."""
    try:
        read = read_file(path, article_date=article_date, limits=limits)
    except InputFileError as exc:
        return FileOutcome(failure=(exc.where, exc.reason))
    except Exception as exc:  # the guard: one file's bug must not end the build
        return FileOutcome(failure=(display_path(path), unexpected_reason("reading", exc)))
    if not extract_articles:
        return FileOutcome(read=read)
    extractions = [extract_or_reason(article, gazetteer, ner) for article in read.articles]
    return FileOutcome(read=read, extractions=extractions)


def extract_or_reason(article: Article, gazetteer: Gazetteer | None = None,
                      ner: NerConfig | None = None) -> Extraction | str:
    """The article's extraction, or the reason it failed as the build reports it (the writer reports it,
    in order, as a serial build would). What a worker runs, in a process of this machine or a cluster's."""
    from kg.extract import extract

    try:
        return extract(article, gazetteer=gazetteer, ner=ner)
    except Exception as exc:
        return unexpected_reason("extracting", exc)


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


def _work(path: Path) -> FileOutcome:
    assert _WORKER_SETTINGS is not None
    article_date, limits, gazetteer, ner = _WORKER_SETTINGS
    return read_outcome(path, article_date, limits, extract_articles=True, gazetteer=gazetteer, ner=ner)


def _work_part(articles: list[Article]) -> list[Extraction | str]:
    assert _WORKER_SETTINGS is not None
    _article_date, _limits, gazetteer, ner = _WORKER_SETTINGS
    return [extract_or_reason(article, gazetteer, ner) for article in articles]


#: A JSON Lines file from this size on is read by the writer and its articles handed to the workers in
#: parts of `_PART_ARTICLES`: a year of news is often one file, and whole files as the unit of work would
#: leave every worker but one idle, and the writer waiting for the whole file before its first article.
_SPLIT_FROM_BYTES = 256 * 1024
#: Articles per part: about a tenth of a second of extraction, against a millisecond of handing them over.
_PART_ARTICLES = 16


def splits(path: Path) -> bool:
    """Whether a parallel build hands out `path`'s articles in parts rather than the whole file."""
    return path.suffix.lower() == ".jsonl" and file_size(path) >= _SPLIT_FROM_BYTES


def _shares(total: int, parts: int) -> list[int]:
    """`total` bytes dealt out over `parts` parts as evenly as whole numbers allow (the first ones larger)."""
    base, extra = divmod(total, parts)
    return [base + (k < extra) for k in range(parts)]


@dataclass
class _Task:
    """One piece of a parallel build's work: a whole file, read and extracted by a worker (`articles` is
    None), or a part of a large JSON Lines file that the writer read: its articles, extracted by a worker.
    A part carries the file's problems and warnings when it is the file's first, so they are reported
    where a serial build reports them, before the file's articles."""

    path: Path
    articles: list[Article] | None = None
    read: FileRead | None = None
    first: bool = True
    part_bytes: int | None = None

    def one_by_one(self) -> list[_Task]:
        """This part as parts of one article each: after a worker died, the article that kills it is
        found by running them alone (a whole file stays whole: its reading may be what kills it)."""
        if self.articles is None or len(self.articles) <= 1:
            return [self]
        shares = _shares(self.part_bytes or 0, len(self.articles))
        return [_Task(self.path, [article], self.read, self.first and k == 0, shares[k])
                for k, article in enumerate(self.articles)]

    def outcome(self, result: FileOutcome | list[Extraction | str]) -> FileOutcome:
        """What the writer gets for this task, from the worker's result."""
        if self.articles is None:
            assert isinstance(result, FileOutcome)
            return result
        assert isinstance(result, list) and self.read is not None
        read = FileRead(self.read.where, list(self.articles), self.read.problems if self.first else [],
                        self.read.warnings if self.first else [])
        return FileOutcome(read=read, extractions=result, first=self.first, part_bytes=self.part_bytes)

    def failed(self, reason: str) -> FileOutcome:
        """The outcome of a task whose work could not be done: a file's failure, or each article's."""
        if self.articles is None:
            return FileOutcome(failure=(display_path(self.path), reason))
        return self.outcome([reason] * len(self.articles))


def _tasks(files: list[Path], article_date: str | None, limits: Limits) -> Iterator[_Task | tuple[Path, FileOutcome]]:
    """The pool's work, in the order of `files`: a task per file, or per part of a large JSON Lines file
    (read here; one that cannot be read comes as its outcome, there is nothing to hand out)."""
    for path in files:
        if not splits(path):
            yield _Task(path)
            continue
        outcome = read_outcome(path, article_date, limits, extract_articles=False)
        if outcome.read is None:
            yield path, outcome
            continue
        yield from _parts(path, outcome.read)


def _parts(path: Path, read: FileRead) -> list[_Task]:
    """The articles of a file read here, in parts of `_PART_ARTICLES` (a file of none: one empty part, which
    carries its problems), each with its share of the file's bytes."""
    articles = read.articles
    parts = [articles[k:k + _PART_ARTICLES] for k in range(0, len(articles), _PART_ARTICLES)] or [[]]
    return [_Task(path, part, read, k == 0, share)
            for k, (part, share) in enumerate(zip(parts, _shares(file_size(path), len(parts)), strict=True))]


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


def parallel_reads(files: list[Path], workers: int, *, article_date: str | None, limits: Limits,
                    gazetteer: Gazetteer | None, ner: NerConfig | None) -> Reads:
    """(path, outcome) for every file, in the order of `files`, read and extracted by `workers` processes;
    a JSON Lines file from `_SPLIT_FROM_BYTES` on is read here and its articles extracted in parts
    (`_Task`), one (path, outcome) per part.

    At most `workers * (1 + _AHEAD_PER_WORKER)` files or parts are in flight. A worker that dies (killed
    for memory, a crash in native code) breaks the pool: a new pool runs the files that were in flight
    again, one at a time (a part: one article at a time), so the file (or article) that kills a worker
    alone is reported (and only it). When the
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

    def submit(task: _Task) -> Future[Any]:
        try:
            if task.articles is None:
                return pool.submit(_work, task.path)
            return pool.submit(_work_part, task.articles)
        except BrokenProcessPool as exc:  # a worker died since the last result: dealt with in order, below
            future: Future[Any] = Future()
            future.set_exception(exc)
            return future

    def done(outcome: FileOutcome) -> Future[Any]:
        future: Future[Any] = Future()
        future.set_result(outcome)
        return future

    source = _tasks(files, article_date, limits)
    alone: deque[_Task] = deque()  # work to run one piece at a time after a worker died
    pending: deque[tuple[_Task, Future[Any], bool]] = deque()
    pool = new_pool()
    finished = False
    try:
        while True:
            if alone:
                if not pending:
                    task = alone.popleft()
                    pending.append((task, submit(task), True))
            else:
                while len(pending) < window:
                    queued = next(source, None)
                    if queued is None:
                        break
                    if isinstance(queued, tuple):  # a large file that could not be read: its outcome is known
                        pending.append((_Task(queued[0]), done(queued[1]), True))
                    else:
                        pending.append((queued, submit(queued), False))
            if not pending:
                finished = True
                return
            task, future, isolated = pending.popleft()
            try:
                outcome = task.outcome(future.result())
            except BrokenProcessPool:
                _stop(pool)
                pool = new_pool()
                if not isolated:  # which of the pieces in flight killed it is not known: each again, alone
                    again = [piece for t in [task, *(t for t, _f, _i in pending)] for piece in t.one_by_one()]
                    alone.extendleft(reversed(again))
                    pending.clear()
                    continue
                outcome = task.failed("the worker process reading and extracting this file ended abruptly "
                                      "(out of memory, or a crash)" if task.articles is None else
                                      "the worker process extracting this article ended abruptly "
                                      "(out of memory, or a crash)")
            except Exception as exc:  # the result could not be sent back (e.g. not picklable)
                outcome = task.failed(unexpected_reason("extracting", exc))
            yield task.path, outcome
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


def executor_reads(files: list[Path], executor: Submitter, *, article_date: str | None, limits: Limits,
                   gazetteer: Gazetteer | None, ner: NerConfig | None, ahead: int = EXECUTOR_AHEAD) -> Reads:
    """(path, outcome) for every file, in the order of `files` (a file of many articles in parts of
    `_PART_ARTICLES`): read here, each article extracted by `executor`, at most `ahead` articles in flight
    (plus a part), so a feed of 100,000 articles is never all in memory, and the writer starts on its
    first part while the rest is extracted. A future that fails (a worker lost, a result that could not
    travel) is that article's failure. Futures still queued when the consumer stops are cancelled."""
    _warm_up(gazetteer, ner)  # an executor of threads shares this process's dictionaries: load them once
    pending: deque[tuple[_Task | tuple[Path, FileOutcome], list[Any]]] = deque()
    in_flight = 0
    try:
        for path in files:
            outcome = read_outcome(path, article_date, limits, extract_articles=False)
            pieces: list[_Task | tuple[Path, FileOutcome]] = (
                [(path, outcome)] if outcome.read is None else list(_parts(path, outcome.read)))
            for piece in pieces:
                articles = (piece.articles or []) if isinstance(piece, _Task) else []
                pending.append((piece, [executor.submit(extract_or_reason, article, gazetteer, ner)
                                        for article in articles]))
                in_flight += len(articles)
                # the head goes to the writer once it is done, or must: no more than `ahead` in flight
                while pending and (in_flight > ahead or all(f.done() for f in pending[0][1])):
                    in_flight -= len(pending[0][1])
                    yield _settled(*pending.popleft())
        while pending:
            yield _settled(*pending.popleft())
    finally:
        for _piece, futures in pending:
            for future in futures:
                with contextlib.suppress(Exception):
                    future.cancel()


def _settled(piece: _Task | tuple[Path, FileOutcome], futures: list[Any]) -> tuple[Path, FileOutcome]:
    """A piece of `executor_reads` with its extractions (waiting for them): what the writer gets."""
    if isinstance(piece, tuple):
        return piece
    return piece.path, piece.outcome([_future_result(future) for future in futures])


def _future_result(future: Any) -> Extraction | str:
    try:
        result = future.result()
    except Exception as exc:  # the worker died, or the result could not be sent back
        return unexpected_reason("extracting", exc)
    return result if isinstance(result, Extraction | str) else unexpected_reason(
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
