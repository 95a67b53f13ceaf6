"""`kg build --jobs N`: files read and extracted in worker processes, the store written by one process in
input order, so the store, its ids and the report are those of a serial build.

The articles are invented for these tests: funding rounds, people moving between firms (one name shared
by two people), the same article in two files, a JSON Lines feed, and broken files among them.
"""

from __future__ import annotations

import gc
import io
import json
import multiprocessing
import os
import types
from pathlib import Path

import pytest
from typer.testing import CliRunner

import kg.build as kg_build
import kg.build_reads as build_reads
from kg.build import build, resolve_jobs
from kg.cli import app
from kg.graph import node_link, to_networkx
from kg.ingest.limits import DEFAULT_LIMITS
from kg.ingest.readers import read_file
from kg.store import Store, open_store
from tests.factories import run_kg as kg

runner = CliRunner()
needs_fork = pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(),
                                reason="the test changes a function the workers inherit by fork")

ARTICLES = {
    "01-xingchuan.txt": "2025年3月1日，星川科技完成2亿元A轮融资，由启明创投领投，远舟资本跟投。星川科技CEO王建国表示，"
                        "资金将用于芯片研发。",
    "02-yuanzhou.md": "# 远舟资本加码具身智能\n\n2025年4月8日，远舟资本合伙人王建国表示，今年将加大对芯片的投资。"
                      "远舟资本此前投资了岚峰半导体。",
    "03-lanfeng.txt": "2025年5月20日，岚峰半导体完成5亿元B轮融资，由上海国投领投，红杉中国、启明创投跟投。"
                      "岚峰半导体创始人陈立表示，公司将扩产。",
    "04-chenghu.txt": "2025年6月2日，澄湖科技首席技术官陈立已离职，将投身具身智能领域创业。澄湖科技表示，"
                      "原阿里云技术专家许明远接任首席技术官。",
    "05-yunshan.html": "<html><head><title>云杉机器人获数千万元天使轮融资</title></head><body><p>2025年7月9日，"
                       "云杉机器人宣布完成数千万元天使轮融资，本轮由真格基金领投，奇绩创坛跟投。</p>"
                       "<p>云杉机器人创始人赵一鸣曾任星川科技副总裁。</p></body></html>",
    "06-brightlake.txt": "Shanghai, August 12, 2025 - Brightlake Robotics said on Tuesday it had raised $80 million in "
                         "a Series B round led by HongShan, with Qiming Venture Partners participating.",
    "07-feed.jsonl": "\n".join(json.dumps(r, ensure_ascii=False) for r in [
        {"text": "2025年9月1日，白桦科技完成3亿元C轮融资，由云杉资本领投。", "date": "2025-09-01"},
        {"text": "2025年9月3日，青松创投投资了赤岩智能。白桦科技董事长王建国出席了签约仪式。", "date": "2025-09-03"},
        {"text": "2025年9月5日，星川科技向港交所递交上市申请。", "date": "2025-09-05"},
    ]),
}
ARTICLES["08-xingchuan-again.txt"] = ARTICLES["01-xingchuan.txt"]  # the same article: unchanged, in both builds
ARTICLES |= {
    "09-chiyan.txt": "2025年10月10日，赤岩智能完成1亿元A+轮融资，青松创投继续加码，上海国投跟投。",
}
BROKEN = {
    "05a-random.txt": bytes(range(256)) * 8,
    "05b-empty.md": b"",
    "07a-feed.jsonl": json.dumps({"text": "2025年1月1日，星川科技成立。"}).encode() + b"\n{broken\n",
}


def make_folder(path: Path, broken: bool = False) -> Path:
    path.mkdir()
    for name, text in ARTICLES.items():
        (path / name).write_text(text, encoding="utf-8")
    if broken:
        for name, data in BROKEN.items():
            (path / name).write_bytes(data)
    return path




def export(store_dir: Path) -> str:
    with open_store(store_dir) as store:
        return json.dumps(node_link(to_networkx(store)), ensure_ascii=False, indent=1)


def build_into(store_dir: Path, folder: Path, jobs: int) -> kg_build.BuildReport:
    with open_store(store_dir, create=True) as store:
        return build(store, [folder], jobs=jobs, article_date="2025-06-01")


def facts(store: Store) -> set[tuple[str, str, str]]:
    names = {e.id: e.name for e in store.entities()}
    return {(names[r.source], r.type, names[r.target]) for r in store.relations()}


# -- the same store ---------------------------------------------------------------------------------


def test_jobs_2_exports_the_same_bytes_as_jobs_1(tmp_path: Path) -> None:
    folder = make_folder(tmp_path / "in")
    outputs = {}
    for jobs in (1, 2):
        code, out, err = kg("build", folder, "--store", tmp_path / f"s{jobs}", "--jobs", jobs, "-q",
                            "--article-date", "2025-06-01")
        assert code == 0, err
        code, _out, err = kg("export", "--store", tmp_path / f"s{jobs}", "--format", "node-link",
                             "--output", tmp_path / f"e{jobs}.json")
        assert code == 0, err
        outputs[jobs] = (out, (tmp_path / f"e{jobs}.json").read_bytes())
    assert outputs[1] == outputs[2]
    summary, data = outputs[2]
    assert summary.startswith("10 article(s) added, 1 unchanged, 0 failed")
    graph = json.loads(data)
    assert len(graph["nodes"]) > 20 and len(graph["edges"]) > 20


def test_the_library_reports_the_same_with_any_number_of_jobs(tmp_path: Path) -> None:
    folder = make_folder(tmp_path / "in", broken=True)
    reports = {jobs: build_into(tmp_path / f"s{jobs}", folder, jobs) for jobs in (1, 2, 3)}
    assert reports[1] == reports[2] == reports[3]
    assert export(tmp_path / "s1") == export(tmp_path / "s2") == export(tmp_path / "s3")


def test_a_second_parallel_build_changes_nothing(tmp_path: Path) -> None:
    folder = make_folder(tmp_path / "in")
    build_into(tmp_path / "s", folder, 2)
    before = export(tmp_path / "s")
    report = build_into(tmp_path / "s", folder, 2)
    assert (report.added, report.unchanged, report.failures) == (0, 11, [])
    assert export(tmp_path / "s") == before


# -- failures ---------------------------------------------------------------------------------------


def test_a_broken_file_among_good_ones_is_reported_and_the_rest_kept(tmp_path: Path) -> None:
    folder = make_folder(tmp_path / "in", broken=True)
    report = build_into(tmp_path / "s", folder, 2)
    where = [w for w, _reason in report.failures]
    assert where == [str(folder / "05a-random.txt"), str(folder / "05b-empty.md"), f"{folder / '07a-feed.jsonl'}:2"]
    reasons = dict(report.failures)
    assert "binary" in reasons[str(folder / "05a-random.txt")]
    assert "empty" in reasons[str(folder / "05b-empty.md")]
    assert "malformed JSON" in reasons[f"{folder / '07a-feed.jsonl'}:2"]
    assert (report.added, report.unchanged) == (11, 1)
    with open_store(tmp_path / "s") as store:
        assert {("启明创投", "INVESTED_IN", "星川科技"), ("青松创投", "INVESTED_IN", "赤岩智能")} <= facts(store)


def test_the_cli_reports_a_broken_file_with_jobs_2(tmp_path: Path) -> None:
    folder = make_folder(tmp_path / "in", broken=True)
    code, out, err = kg("build", folder, "--store", tmp_path / "s", "--jobs", "2")
    assert code == 2
    assert out.startswith("11 article(s) added, 1 unchanged, 3 failed")
    failed = [line for line in err.splitlines() if line.startswith("kg: failed: ")]
    assert failed[0].startswith(f"kg: failed: {folder / '05a-random.txt'}: ") and len(failed) == 3


@needs_fork
def test_an_extraction_error_in_a_worker_is_that_articles_failure(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    import kg.extract

    real = kg.extract.extract  # what kg.build runs (imported where it is used, on first use)

    def flaky(article, **kwargs):  # type: ignore[no-untyped-def]
        if "岚峰半导体完成" in article.text:
            raise RuntimeError("tagger exploded")
        return real(article, **kwargs)

    monkeypatch.setattr(kg.extract, "extract", flaky)
    folder = make_folder(tmp_path / "in")
    serial, parallel = (build_into(tmp_path / f"s{jobs}", folder, jobs) for jobs in (1, 2))
    assert parallel == serial
    assert parallel.failures == [(str(folder / "03-lanfeng.txt"),
                                  "internal error while extracting: RuntimeError: tagger exploded")]
    assert parallel.added == 9
    assert export(tmp_path / "s1") == export(tmp_path / "s2")


@needs_fork
def test_a_worker_that_dies_costs_only_its_own_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A worker killed while reading one file (out of memory, a crash in native code) breaks the pool:
    the files in flight are run again, one at a time, and only the one that kills its worker fails."""
    real = build_reads.read_file

    def crashing(path, **kwargs):  # type: ignore[no-untyped-def]
        if Path(path).name == "04-chenghu.txt":
            os._exit(9)
        return real(path, **kwargs)

    monkeypatch.setattr(build_reads, "read_file", crashing)
    folder = make_folder(tmp_path / "in")
    report = build_into(tmp_path / "s", folder, 2)
    assert [w for w, _ in report.failures] == [str(folder / "04-chenghu.txt")]
    assert "ended abruptly" in report.failures[0][1]
    assert (report.added, report.unchanged) == (9, 1)
    (folder / "04-chenghu.txt").unlink()
    build_into(tmp_path / "reference", folder, 1)
    assert export(tmp_path / "s") == export(tmp_path / "reference")
    assert multiprocessing.active_children() == []


def test_an_interrupted_parallel_build_stops_its_workers(tmp_path: Path) -> None:
    folder = make_folder(tmp_path / "in")
    seen: list[Path] = []

    def interrupt(path: Path) -> None:
        seen.append(path)
        if len(seen) == 3:
            raise KeyboardInterrupt

    with open_store(tmp_path / "s", create=True) as store, pytest.raises(KeyboardInterrupt):
        build(store, [folder], jobs=2, progress=interrupt)
    assert multiprocessing.active_children() == []
    with open_store(tmp_path / "s") as store:  # what was written before the interruption is whole
        assert len(store.articles()) == 2


@needs_fork
def test_work_in_flight_is_bounded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A big folder is never read into memory at once: a file is read only when few enough read files
    wait for the writer."""
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(40):
        (folder / f"{i:03d}.txt").write_text(f"2025年3月{i % 28 + 1}日，星川科技第{i}次发布新品。", encoding="utf-8")
    log = tmp_path / "read.log"
    real = build_reads.read_file

    def logged(path, **kwargs):  # type: ignore[no-untyped-def]
        with log.open("a") as f:
            f.write(f"{path}\n")
        return real(path, **kwargs)

    monkeypatch.setattr(build_reads, "read_file", logged)
    consumed = 0
    most_ahead = 0

    def progress(_path: Path) -> None:
        nonlocal consumed, most_ahead
        consumed += 1
        read = len(log.read_text().splitlines()) if log.exists() else 0
        most_ahead = max(most_ahead, read - consumed)

    with open_store(tmp_path / "s", create=True) as store:
        report = build(store, [folder], jobs=2, progress=progress)
    assert report.added == 40 and consumed == 40
    assert most_ahead <= 2 * (1 + build_reads._AHEAD_PER_WORKER)


# -- the writer first ------------------------------------------------------------------------------


@needs_fork
def test_workers_yield_the_cpu_to_the_writer(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The one writer cannot be shared out: the workers run at a lower priority, so with more processes
    than free cores it is they, not the writer, that wait."""
    log = tmp_path / "nice.log"
    real = build_reads.read_file

    def logged(path, **kwargs):  # type: ignore[no-untyped-def]
        with log.open("a") as f:
            f.write(f"{os.getpid()} {os.nice(0)}\n")
        return real(path, **kwargs)

    monkeypatch.setattr(build_reads, "read_file", logged)
    writer = os.nice(0)
    report = build_into(tmp_path / "s", make_folder(tmp_path / "in"), 2)
    assert report.added == 10
    seen = {tuple(map(int, line.split())) for line in log.read_text().splitlines()}
    assert os.getpid() not in {pid for pid, _nice in seen}  # every file was read in a worker
    assert {nice for _pid, nice in seen} == {min(19, writer + build_reads._WORKER_NICENESS)}
    assert os.nice(0) == writer  # the writer kept its own


def test_the_collector_is_left_as_it_was(tmp_path: Path) -> None:
    """A parallel build hides what is loaded before it starts from the garbage collector while it runs
    (the writer's collections skip it); afterwards the collector sees everything again."""
    assert gc.get_freeze_count() == 0
    build_into(tmp_path / "s", make_folder(tmp_path / "in"), 2)
    assert gc.get_freeze_count() == 0
    gc.freeze()  # someone else's frozen objects stay frozen
    try:
        frozen = gc.get_freeze_count()
        build_into(tmp_path / "s2", tmp_path / "in", 2)
        assert gc.get_freeze_count() == frozen
    finally:
        gc.unfreeze()


# -- options ----------------------------------------------------------------------------------------


def test_jobs_values() -> None:
    cpus = len(os.sched_getaffinity(0))
    assert resolve_jobs(1) == 1 and resolve_jobs(3) == 3 and resolve_jobs("2") == 2
    assert resolve_jobs(0) == resolve_jobs("auto") == resolve_jobs("AUTO") == cpus
    for bad in (-1, "many", "1.5"):
        with pytest.raises(ValueError, match="jobs"):
            resolve_jobs(bad)


def test_the_cli_option(tmp_path: Path) -> None:
    folder = make_folder(tmp_path / "in")
    code, out, _err = kg("build", folder, "--store", tmp_path / "s", "-j", "auto")
    assert code == 0 and out.startswith("10 article(s) added, 1 unchanged, 0 failed")
    code, _out, err = kg("build", folder, "--store", tmp_path / "s2", "--jobs", "-2")
    assert code == 1 and err.startswith("kg: error: --jobs: ")
    code, _out, err = kg("build", folder, "--store", tmp_path / "s2", "--jobs", "lots")
    assert code == 1 and "whole number or 'auto'" in err
    help_text = runner.invoke(app, ["build", "--help"], terminal_width=200).stdout
    assert "--jobs" in help_text and "many files" in help_text and "core" in help_text


def test_a_single_file_needs_no_pool(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """More jobs than files: no more workers than files (one file: no pool at all)."""
    def no_pool(*_args, **_kwargs):  # type: ignore[no-untyped-def]
        raise AssertionError("a pool was started for one file")

    monkeypatch.setattr(kg_build, "parallel_reads", no_pool)
    folder = make_folder(tmp_path / "in")
    report = build_into(tmp_path / "s", folder / "01-xingchuan.txt", 4)
    assert report.added == 1 and read_file(folder / "01-xingchuan.txt").articles


# -- progress in bytes -----------------------------------------------------------------------------


@pytest.mark.parametrize("jobs", [1, pytest.param(2, marks=needs_fork)])
def test_progress_moves_article_by_article_and_ends_at_the_input_size(tmp_path: Path, jobs: int) -> None:
    """One JSON Lines file of many articles (a year of news often is one) moves the bar as its articles
    are built, not once at its start; a broken file and a plain file move it by their size; the bar ends
    exactly at the input's size."""
    folder = tmp_path / "in"
    folder.mkdir()
    records = [{"text": f"第{i}篇：星衡智能完成{i + 1}亿元B轮融资，由远川资本领投。", "published": "2025-07-01"}
               for i in range(9)]
    (folder / "a-year.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n",
                                         encoding="utf-8")
    (folder / "b-broken.html").write_bytes(b"\xff\xfe\x00<html>" * 3)
    (folder / "c-one.md").write_text("澄湖科技宣布完成A轮融资。", encoding="utf-8")
    files = kg_build.input_files([folder])
    steps: list[tuple[int, int]] = []  # (bytes told, articles in the store then)
    with open_store(tmp_path / "s", create=True) as store:

        def advance(step: int) -> None:
            assert step > 0
            steps.append((step, store.counts()["articles"]))

        report = build(store, [folder], jobs=jobs, advance=advance)
    assert report.added == 10
    assert sum(step for step, _ in steps) == kg_build.input_bytes(files) == sum(p.stat().st_size for p in files)
    year = (folder / "a-year.jsonl").stat().st_size
    told, during = 0, []
    for step, articles in steps:  # the big file's steps, before the next file starts
        if told >= year:
            break
        told += step
        during.append(articles)
    assert told == year
    assert len(during) >= len(records)  # a step per article, not one for the file
    assert during[0] < during[-1]  # told while its articles were being written


def test_cli_progress_bar_is_in_bytes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`kg build`'s bar is as long as the input in bytes and is moved by `build`'s `advance`."""
    import typer

    import kg.cli

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.jsonl").write_text('{"text": "星衡智能完成B轮融资。"}\n{"text": "澄湖科技完成A轮融资。"}\n',
                                    encoding="utf-8")
    bars: list[tuple[int | None, int]] = []
    real = typer.progressbar

    def recording(*args, **kwargs):  # type: ignore[no-untyped-def]
        bar = real(*args, **kwargs)
        update = bar.update

        def counted(step: int, *rest):  # type: ignore[no-untyped-def]
            bars.append((kwargs.get("length"), step))
            return update(step, *rest)

        bar.update = counted  # type: ignore[method-assign]
        return bar

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(kg.cli.typer, "progressbar", recording)
    monkeypatch.setattr(kg.cli, "sys", types.SimpleNamespace(stderr=Terminal()))  # the bar is drawn on a terminal
    result = CliRunner().invoke(app, ["build", str(folder), "--store", str(tmp_path / "s")])
    assert result.exit_code == 0, result.output
    size = (folder / "a.jsonl").stat().st_size
    assert {length for length, _ in bars} == {size}
    assert sum(step for _, step in bars) == size and len(bars) >= 2


# -- one large JSON Lines file, in parts -------------------------------------------------------------


def _feed(path: Path, count: int, broken_lines: tuple[int, ...] = ()) -> Path:
    """A JSON Lines feed of `count` short articles (lines numbered from 1; `broken_lines` are not JSON)."""
    lines = []
    for i in range(count):
        line = len(lines) + 1
        if line in broken_lines:
            lines.append("{not json")
        lines.append(json.dumps({"text": f"2025年{1 + i % 12}月{1 + i % 28}日，星川{i}号科技完成{i + 1}亿元A轮融资，"
                                         f"由远舟{i % 7}号资本领投。", "date": "2025-06-01"}, ensure_ascii=False))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def small_parts(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any JSON Lines file is split, in parts of 3 articles (the real sizes need megabytes of test data)."""
    monkeypatch.setattr(build_reads, "_SPLIT_FROM_BYTES", 1)
    monkeypatch.setattr(build_reads, "_PART_ARTICLES", 3)


@needs_fork
def test_one_large_feed_is_shared_among_the_workers(tmp_path: Path, small_parts: None,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """A year of news is often one file: its articles go to every worker in parts, and the store, the
    report and the order of its failures are a serial build's."""
    (tmp_path / "in").mkdir()
    feed = _feed(tmp_path / "in" / "year.jsonl", 20, broken_lines=(5, 12))
    log = tmp_path / "pids.log"
    real = build_reads.extract_or_reason

    def logged(article, *args):  # type: ignore[no-untyped-def]
        with log.open("a") as f:
            f.write(f"{os.getpid()}\n")
        return real(article, *args)

    monkeypatch.setattr(build_reads, "extract_or_reason", logged)
    files: list[Path] = []
    serial = build_into(tmp_path / "serial", feed, 1)
    log.unlink(missing_ok=True)
    with open_store(tmp_path / "parallel", create=True) as store:
        parallel = build(store, [feed], jobs=2, article_date="2025-06-01", progress=files.append)
    workers = set(log.read_text().split())
    assert len(workers) == 2 and str(os.getpid()) not in workers  # both workers extracted, the writer none
    assert (parallel.added, parallel.unchanged, parallel.failures) == (serial.added, serial.unchanged, serial.failures)
    assert [where for where, _ in parallel.failures] == [f"{feed}:5", f"{feed}:12"]
    assert files == [feed]  # `progress` hears of the file once, not once per part
    assert export(tmp_path / "parallel") == export(tmp_path / "serial")


@needs_fork
def test_a_worker_that_dies_in_a_part_costs_only_its_article(tmp_path: Path, small_parts: None,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "in").mkdir()
    feed = _feed(tmp_path / "in" / "year.jsonl", 12)
    real = build_reads.extract_or_reason

    def crashing(article, *args):  # type: ignore[no-untyped-def]
        if "星川7号" in article.text:
            os._exit(9)
        return real(article, *args)

    monkeypatch.setattr(build_reads, "extract_or_reason", crashing)
    report = build_into(tmp_path / "s", feed, 2)
    assert [where for where, _ in report.failures] == [f"{feed}:8"]  # line 8 holds the eighth article
    assert "extracting this article ended abruptly" in report.failures[0][1]
    assert report.added == 11
    assert multiprocessing.active_children() == []


@pytest.mark.parametrize("size", [1, 10**9])
def test_only_a_large_feed_keeps_more_workers_than_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                         size: int) -> None:
    """One small file needs no pool; one JSON Lines file from `_SPLIT_FROM_BYTES` on is split among them."""
    (tmp_path / "in").mkdir()
    feed = _feed(tmp_path / "in" / "year.jsonl", 4)
    monkeypatch.setattr(build_reads, "_SPLIT_FROM_BYTES", size)
    started: list[int] = []
    real = kg_build.parallel_reads

    def counted(files, workers, **kwargs):  # type: ignore[no-untyped-def]
        started.append(workers)
        return real(files, workers, **kwargs)

    monkeypatch.setattr(kg_build, "parallel_reads", counted)
    report = build_into(tmp_path / "s", feed, 2)
    assert report.added == 4
    assert started == ([2] if size == 1 else [])


def test_shares_add_up() -> None:
    assert build_reads._shares(10, 3) == [4, 3, 3] and build_reads._shares(2, 4) == [1, 1, 0, 0]
    assert all(sum(build_reads._shares(total, parts)) == total for total in range(50) for parts in range(1, 9))


def test_an_executor_builds_a_feed_in_parts_as_a_serial_build(tmp_path: Path, small_parts: None) -> None:
    """With an executor (a cluster), a feed's articles are extracted there and written here: the store and
    the report are a serial build's, and `progress` hears of the file once (its parts are not files)."""
    from concurrent.futures import Future, ThreadPoolExecutor

    (tmp_path / "in").mkdir()
    feed = _feed(tmp_path / "in" / "year.jsonl", 40, broken_lines=(9,))

    class Counting:
        """A thread pool that counts the futures handed out and collected."""

        def __init__(self) -> None:
            self.pool = ThreadPoolExecutor(2)
            self.submitted = self.collected = 0

        def submit(self, fn, *args):  # type: ignore[no-untyped-def]
            future: Future = self.pool.submit(fn, *args)
            self.submitted += 1
            result = future.result

            def collected(timeout=None):  # type: ignore[no-untyped-def]
                self.collected += 1
                return result(timeout)

            future.result = collected  # type: ignore[method-assign]
            return future

    executor = Counting()
    files: list[Path] = []
    serial = build_into(tmp_path / "serial", feed, 1)
    with open_store(tmp_path / "s", create=True) as store:
        report = kg_build.build(
            store, [feed], article_date="2025-06-01", executor=executor, progress=files.append)
    executor.pool.shutdown()
    assert executor.submitted == executor.collected == 40
    assert (report.added, report.failures) == (serial.added, serial.failures)
    assert report.added == 40 and [where for where, _ in report.failures] == [f"{feed}:9"]
    assert files == [feed]
    assert export(tmp_path / "s") == export(tmp_path / "serial")


@pytest.mark.parametrize("ahead", [5, 12])
def test_executor_reads_keeps_its_window(tmp_path: Path, small_parts: None, ahead: int) -> None:
    """At most `ahead` articles (plus a part of 3) are handed out and not yet given to the writer; the
    writer has the first part before the last article is handed out."""
    from concurrent.futures import ThreadPoolExecutor

    (tmp_path / "in").mkdir()
    feed = _feed(tmp_path / "in" / "year.jsonl", 30)
    handed: list[int] = []

    class Recording(ThreadPoolExecutor):
        def submit(self, fn, *args):  # type: ignore[no-untyped-def]
            handed.append(1)
            return super().submit(fn, *args)

    with Recording(2) as executor:
        reads = build_reads.executor_reads([feed], executor, article_date="2025-06-01", limits=DEFAULT_LIMITS,
                                           gazetteer=None, ner=None, ahead=ahead)
        given = 0
        handed_when_given: list[int] = []
        for _path, outcome in reads:
            assert outcome.read is not None and outcome.extractions is not None
            given += len(outcome.read.articles)
            handed_when_given.append(len(handed))
            assert len(handed) - given <= ahead + 3
    assert given == 30 and handed_when_given[0] < 30
