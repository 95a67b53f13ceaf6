"""The disk memo of compiled patterns and rule literals (`kg.compile_cache`, `kg.storage.disk_memo`) changes
how long start-up takes, never what is compiled: a pattern read back from the file equals the compiler's own,
the prefilter reads the same literals, a second process finds everything it needs, and a file that is
broken, missing or cannot be written is worked around."""

from __future__ import annotations

import json
import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path
from re import _compiler  # type: ignore[attr-defined]

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import kg.storage.disk_memo as disk_memo
from kg.compile_cache import caching
from kg.extract import prefilter
from kg.storage.disk_memo import DiskMemo, cache_dir, memoised
from tests.test_re_charsets import kg_patterns

#: The compiler as CPython has it, whatever kg installed in front of it.
COMPILE = getattr(_compiler.compile, "__wrapped__", _compiler.compile)


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("KG_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


def _round_trip(patterns: list[tuple[str, int]], version: str = "test") -> tuple[list[re.Pattern[str]], DiskMemo]:
    """Compile `patterns` through a memo, save it, and compile them again through a new memo on the file."""
    first = DiskMemo("regex", version)
    learnt = caching(COMPILE, first)
    for text, flags in patterns:
        learnt(text, flags)
    first.save()
    second = DiskMemo("regex", version)
    read = caching(COMPILE, second)
    return [read(text, flags) for text, flags in patterns], second


def test_every_kg_pattern_read_back_equals_the_compilers_own(cache: Path) -> None:
    patterns = [(p.pattern, p.flags) for p in kg_patterns()]
    assert len(patterns) > 400  # the scenario: kg's rules, not a handful
    again, memo = _round_trip(patterns)
    assert memo.hits == len(patterns) and memo.misses == 0  # all of them came from the file
    assert again == [COMPILE(text, flags) for text, flags in patterns]  # Pattern equality compares the code
    sample = next(p for p in again if p.groupindex)
    assert sample.groupindex == COMPILE(sample.pattern, sample.flags).groupindex


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(["a", "中", "(x)", "(?P<n>y)", "[\u4e00-\u9fff]", "\\d+", "|", "?", "\\b", "[^,]",
                                 "(?=z)", "(?i:Q)", "{1,3}", "."]), min_size=1, max_size=8),
       st.sampled_from([0, re.IGNORECASE, re.MULTILINE | re.DOTALL, re.VERBOSE, re.ASCII]))
def test_random_patterns_read_back_equal_the_compilers_own(parts: list[str], flags: int) -> None:
    text = "".join(parts)
    try:
        expected = COMPILE(text, flags)
    except re.error:
        with pytest.raises(re.error):  # the same error as without the memo
            caching(COMPILE, DiskMemo("regex", "unused"))(text, flags)
        return
    import tempfile

    with tempfile.TemporaryDirectory() as tmp, pytest.MonkeyPatch.context() as mp:
        mp.setenv("KG_CACHE_DIR", tmp)
        (again,), _memo = _round_trip([(text, flags)])
    assert again == expected
    assert again.groups == expected.groups and again.groupindex == expected.groupindex


def test_the_prefilter_reads_the_same_literals_from_the_file(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    patterns = [p for p in kg_patterns() if p.flags & re.UNICODE]
    fresh = [prefilter._parsed_literals(p.pattern, p.flags) for p in patterns]
    writer = DiskMemo("prefilter-test", "v")
    monkeypatch.setattr(prefilter, "_literals_of", memoised(writer, prefilter._required_literals))
    assert [prefilter.required_literals(p) for p in patterns] == fresh
    writer.save()
    reader = DiskMemo("prefilter-test", "v")
    monkeypatch.setattr(prefilter, "_literals_of", memoised(reader, prefilter._required_literals))
    assert [prefilter.required_literals(p) for p in patterns] == fresh
    assert reader.misses == 0 and reader.hits == len({(p.pattern, p.flags) for p in patterns})


TEXT = "星衡智能完成3亿元B轮融资，由真格基金领投。创始人林远表示将扩产。"


def test_a_second_process_compiles_nothing_and_extracts_the_same(cache: Path) -> None:
    script = (
        "import json\n"
        "from kg.compile_cache import _REGEX\n"
        "from kg.extract import extract\n"
        "from kg.model import Article\n"
        "from kg.storage.disk_memo import _MEMOS\n"
        f"x = extract(Article(text={TEXT!r}, published='2025-06-01'))\n"
        "literals = next(m for m in _MEMOS if m.name == 'prefilter')\n"
        "print(json.dumps({'facts': sorted([r.type, r.source, r.target] for r in x.relations),"
        " 'regex_misses': _REGEX.misses, 'regex_hits': _REGEX.hits, 'literal_misses': literals.misses}))\n"
    )

    def run() -> dict:
        done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                              env={**os.environ, "KG_CACHE_DIR": str(cache)})
        return json.loads(done.stdout.splitlines()[-1])

    first, second = run(), run()
    assert first["regex_misses"] > 300 and first["literal_misses"] > 100  # the first process compiled the rules
    assert second["regex_misses"] == 0 and second["literal_misses"] == 0  # the second read every one
    assert second["regex_hits"] >= first["regex_misses"]
    assert second["facts"] == first["facts"] and first["facts"]


def test_a_broken_file_is_ignored_and_replaced(cache: Path) -> None:
    cache.mkdir()
    (cache / disk_memo.FILE_NAME).write_bytes(b"not a database at all" * 100)
    memo = DiskMemo("regex", "v")
    compile_ = caching(COMPILE, memo)
    assert compile_("a+b", 0) == COMPILE("a+b", 0)
    memo.save()  # cannot write into a file that is not a database: nothing raised, nothing lost
    assert compile_("a+b", 0) == COMPILE("a+b", 0)
    (cache / disk_memo.FILE_NAME).unlink()
    memo.put("k", [1])
    memo.save()
    assert DiskMemo("regex", "v").get("k") == [1]


def test_a_bad_answer_in_the_file_is_compiled_again(cache: Path) -> None:
    memo = DiskMemo("regex", "v")
    memo.put("0|ab", [0, [1, 2, 3], 0, {}, [None]])  # code the engine refuses
    memo.save()
    assert caching(COMPILE, DiskMemo("regex", "v"))("ab", 0) == COMPILE("ab", 0)


def test_a_folder_that_cannot_be_written_is_left_alone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    monkeypatch.setenv("KG_CACHE_DIR", str(blocker / "cache"))  # under a file: no folder can be made
    memo = DiskMemo("regex", "v")
    memo.put("k", [1])
    memo.save()
    assert DiskMemo("regex", "v").get("k") is None


def test_an_empty_setting_turns_the_cache_off(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("KG_CACHE_DIR", "")
    assert cache_dir() is None
    memo = DiskMemo("regex", "v")
    memo.put("k", [1])
    memo.save()
    assert DiskMemo("regex", "v").get("k") is None
    monkeypatch.delenv("KG_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache_dir() == tmp_path / "kg"


def test_another_version_never_reads_the_answers(cache: Path) -> None:
    memo = DiskMemo("regex", "python-a")
    memo.put("k", [1])
    memo.save()
    assert DiskMemo("regex", "python-b").get("k") is None
    assert DiskMemo("regex", "python-a").get("k") == [1]


def test_a_full_memo_keeps_what_the_process_used(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(disk_memo, "MAX_ENTRIES", 4)
    junk = DiskMemo("m", "v")
    for i in range(4):
        junk.put(f"junk{i}", i)
    junk.save()
    user = DiskMemo("m", "v")
    assert user.get("junk0") == 0
    user.put("rule", "kept")
    user.save()
    rows = sqlite3.connect(cache / disk_memo.FILE_NAME).execute("SELECT key FROM memo ORDER BY key").fetchall()
    assert [key for (key,) in rows] == ["junk0", "rule"]


def test_a_pattern_sqlite_cannot_hold_is_compiled_as_usual(cache: Path) -> None:
    text = "[\ud800-\udfff]+x"  # lone surrogates, as html5lib's patterns hold
    memo = DiskMemo("regex", "v")
    assert caching(COMPILE, memo)(text, 0) == COMPILE(text, 0)
    memo.save()
    again = DiskMemo("regex", "v")
    assert caching(COMPILE, again)(text, 0) == COMPILE(text, 0)
    assert again.hits == 0


def test_a_forked_child_reads_through_its_own_connection(cache: Path) -> None:
    """A connection must not cross a fork: the child opens its own and leaves its parent's alone."""
    memo = DiskMemo("regex", "v")
    memo.put("k", [1])
    memo.save()
    assert memo.get("k") == [1]  # the parent's read connection is open now
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: report what it reads, and whether it got a connection of its own
        try:
            ok = memo.get("k") == [1] and memo._conn is not None and memo._opened_in == os.getpid()
            os.write(write, b"1" if ok else b"0")
        finally:
            os._exit(0)
    os.waitpid(pid, 0)
    assert os.read(read, 1) == b"1"
    assert memo.get("k") == [1] and memo._opened_in == os.getpid()  # the parent's still works
