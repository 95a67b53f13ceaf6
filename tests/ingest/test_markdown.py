"""Markdown to text (`kg.ingest.markdown`) takes time linear in the text, whatever the text repeats."""

from __future__ import annotations

import gc
import time

import pytest

from kg.ingest.markdown import markdown_to_text


def _best_time(text: str) -> float:
    """The best of five runs with the garbage collector paused: on a shared machine a single run of a
    few milliseconds can be stretched tenfold by whatever else runs."""
    best = float("inf")
    gc.collect()
    gc.disable()
    try:
        for _ in range(5):
            start = time.perf_counter()
            markdown_to_text(text)
            best = min(best, time.perf_counter() - start)
    finally:
        gc.enable()
    return best


@pytest.mark.parametrize("unit", ["*a ", "**a _b ", "[a](", "[", "`a ", "*"])
def test_markdown_stripping_is_linear(unit: str) -> None:
    """Four times the text takes about four times as long (a quadratic pattern took sixteen). The
    texts are long enough (160k and 640k characters) that each run lasts tens of milliseconds."""
    n = 160_000 // len(unit)
    small, large = _best_time(unit * n), _best_time(unit * 4 * n)
    assert large < 9 * small + 0.01, (small, large)
