"""The regex-class memo (`kg.re_charsets`) changes how long a compile takes, never what it makes: every
pattern kg's modules hold, and random classes, compile to the same code with the memo as without."""

from __future__ import annotations

import importlib
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from re import _compiler, _parser  # type: ignore[attr-defined]
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import kg
from kg.re_charsets import MEMO_SIZE, install, memoised


@contextmanager
def without_memo() -> Iterator[None]:
    memo = _compiler._optimize_charset
    _compiler._optimize_charset = memo.__wrapped__
    try:
        yield
    finally:
        _compiler._optimize_charset = memo


def code_of(pattern: str, flags: int) -> list[int]:
    return _compiler._code(_parser.parse(pattern, flags), flags)


def kg_patterns() -> list[re.Pattern[str]]:
    """The compiled patterns kg's modules hold, directly or in their tables of rules (two levels down)."""
    for name in ("kg.build", "kg.extract.pipeline", "kg.queries", "kg.ingest.readers", "kg.resolve"):
        importlib.import_module(name)
    found: dict[tuple[str, int], re.Pattern[str]] = {}

    def walk(value: Any, depth: int) -> None:
        if isinstance(value, re.Pattern):
            found.setdefault((value.pattern, value.flags), value)
        elif depth and isinstance(value, (list, tuple, set, frozenset)):
            for item in value:
                walk(item, depth - 1)
        elif depth and isinstance(value, dict):
            for item in value.values():
                walk(item, depth - 1)
        elif depth and hasattr(value, "__dict__") and type(value).__module__.startswith("kg."):
            for item in vars(value).values():
                walk(item, depth - 1)

    for module_name, module in list(sys.modules.items()):
        if module_name.startswith("kg.") and module is not None:
            for value in list(vars(module).values()):
                walk(value, 3)
    return [p for p in found.values() if isinstance(p.pattern, str)]


def test_kg_installs_the_memo_once() -> None:
    assert kg is not None
    assert hasattr(_compiler._optimize_charset, "__wrapped__")
    assert install() is True
    assert not hasattr(_compiler._optimize_charset.__wrapped__, "__wrapped__")


def test_every_kg_pattern_compiles_to_the_same_code() -> None:
    patterns = kg_patterns()
    assert len(patterns) > 300  # the rules' tables were reached
    assert any(cjk in p.pattern for p in patterns for cjk in ("\u4e00-\u9fff", r"\u4e00-\u9fff"))  # the costly class
    with_memo = [code_of(p.pattern, p.flags) for p in patterns]
    with without_memo():
        plain = [code_of(p.pattern, p.flags) for p in patterns]
    assert with_memo == plain


_ITEM = st.one_of(
    st.characters(blacklist_categories=("Cs",)).map(re.escape),
    st.tuples(st.integers(0x20, 0x2FFFF), st.integers(0, 30000)).map(
        lambda t: f"{re.escape(chr(t[0]))}-{re.escape(chr(min(t[0] + t[1], 0x10FFFF)))}"),
    st.sampled_from([r"\d", r"\w", r"\s", r"\D", "\u4e00-\u9fff", "A-Za-z", "\ue000-\uf7ff"]))


@given(items=st.lists(_ITEM, min_size=1, max_size=5), negate=st.booleans(),
       flags=st.sampled_from([0, re.IGNORECASE, re.ASCII, re.IGNORECASE | re.ASCII]))
def test_a_random_class_compiles_to_the_same_code_twice_and_without_the_memo(
        items: list[str], negate: bool, flags: int) -> None:
    pattern = "[" + ("^" if negate else "") + "".join(items) + "]x"
    first, again = code_of(pattern, flags), code_of(pattern, flags)  # the second from the memo
    with without_memo():
        assert code_of(pattern, flags) == first == again


def test_answers_are_fresh_lists_and_the_memo_is_bounded() -> None:
    calls: list[Any] = []

    def optimise(charset: list[Any], iscased: Any = None, fixup: Any = None, fixes: Any = None) -> Any:
        calls.append(charset)
        return [("LITERAL", len(calls))], False

    memo = memoised(optimise)
    first = memo([("LITERAL", 1)])
    first[0].append("mutated by a caller")
    assert memo([("LITERAL", 1)]) == ([("LITERAL", 1)], False) and len(calls) == 1
    for i in range(MEMO_SIZE + 10):
        memo([("LITERAL", i + 2)])
    memo([("LITERAL", MEMO_SIZE + 11)])
    assert len(calls) == MEMO_SIZE + 12  # beyond the bound: computed each time, not kept
    assert memo([(object, [1])]) == ([("LITERAL", MEMO_SIZE + 13)], False)  # unhashable: passed through


@pytest.mark.parametrize("broken", ["missing", "other signature"])
def test_a_different_compiler_is_left_alone(monkeypatch: pytest.MonkeyPatch, broken: str) -> None:
    if broken == "missing":
        monkeypatch.delattr(_compiler, "_optimize_charset")
    else:
        monkeypatch.setattr(_compiler, "_optimize_charset", lambda charset, flags: (charset, False))
    before = getattr(_compiler, "_optimize_charset", None)
    assert install() is False
    assert getattr(_compiler, "_optimize_charset", None) is before
