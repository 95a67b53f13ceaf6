"""Extraction on Dask distributed, the store written by this process: the same store as a plain build.

Extraction is a pure function of an article, so `build(..., executor=client)` hands each article to a
cluster (here a `LocalCluster` of two workers) and writes the results in input order. The articles are
those of `test_build_jobs` (invented), broken files included.
"""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from kg.build import build
from kg.store import open_store
from tests.test_build_jobs import export, make_folder

distributed = pytest.importorskip("distributed", reason="the `dask` extra (pip install -e '.[dask]')")


def _build(store_dir: Path, folder: Path, **kwargs: Any) -> tuple[Any, str]:
    """(report, node-link export) of one build into a fresh store."""
    with open_store(store_dir) as store:
        report = build(store, [folder], article_date="2025-06-01", **kwargs)
    return report, export(store_dir)


@pytest.fixture(scope="module")
def plain(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Any, str]:
    folder = make_folder(tmp_path_factory.mktemp("dask") / "in", broken=True)
    return (folder, *_build(folder.parent / "plain", folder))


@pytest.fixture(scope="module")
def client() -> Any:
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None) \
            as cluster, distributed.Client(cluster) as dask_client:
        yield dask_client


def test_a_dask_cluster_extracts_and_the_store_is_the_same(plain: tuple[Path, Any, str], client: Any,
                                                           tmp_path: Path) -> None:
    folder, report, triples = plain
    got_report, got = _build(tmp_path / "dask", folder, executor=client)
    assert got == triples
    assert got_report == report
    assert (report.added, report.unchanged) == (11, 1) and report.failures  # broken files reported, as plainly


def test_the_clients_concurrent_futures_executor_works_too(plain: tuple[Path, Any, str], client: Any,
                                                           tmp_path: Path) -> None:
    folder, report, triples = plain
    got_report, got = _build(tmp_path / "executor", folder, executor=client.get_executor())
    assert (got_report, got) == (report, triples)


def test_a_lost_task_is_that_articles_failure(plain: tuple[Path, Any, str], tmp_path: Path) -> None:
    """A future that fails (a worker lost) fails its article alone; the others are built."""
    folder, report, _triples = plain

    class Flaky(ThreadPoolExecutor):
        calls = 0

        def submit(self, fn: Any, /, *args: Any, **kwargs: Any) -> Future[Any]:
            Flaky.calls += 1
            if Flaky.calls == 2:
                future: Future[Any] = Future()
                future.set_exception(OSError("worker lost"))
                return future
            return super().submit(fn, *args, **kwargs)

    with Flaky(max_workers=2) as pool:
        got_report, _got = _build(tmp_path / "flaky", folder, executor=pool)
    assert got_report.added == report.added - 1
    assert len(got_report.failures) == len(report.failures) + 1
    assert any("worker lost" in why for _where, why in got_report.failures)


def test_jobs_and_an_executor_do_not_mix(plain: tuple[Path, Any, str], tmp_path: Path) -> None:
    folder = plain[0]
    with ThreadPoolExecutor(1) as pool, pytest.raises(ValueError, match="not both"):
        _build(tmp_path / "both", folder, executor=pool, jobs=2)
