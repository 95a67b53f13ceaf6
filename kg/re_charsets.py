"""A memo for CPython's regular-expression compiler: each character class is optimised once per process.

Why: `re` compiles in pure Python, and for a class holding a range it marks the range in a bitmap one
code point at a time (`re._compiler._optimize_charset`). The CJK class `[\u4e00-\u9fff]` is 20,992
steps, about a millisecond, and kg's rules hold it in hundreds of patterns: that step alone was 0.76 s
of the 1.36 s `import kg.build` took, paid by every `kg build` process (and every test that runs one).
The function is pure (its answer depends only on its arguments, which are the class's items and the
case-folding functions of the flags), so answering a repeated class from a memo compiles every pattern
to the same code: `tests/test_re_charsets.py` compares the compiled code with and without the memo for
every class kg's own patterns hold and for random ones.

It is installed when `kg` is imported, for the whole process; it changes how long a compile takes,
never what it makes. On a Python whose compiler has no such function, or a different signature,
`install` leaves `re` as it is.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

#: Classes kept; a process compiling endless distinct classes stops adding after this many.
MEMO_SIZE = 4096
_SIGNATURE = ["charset", "iscased", "fixup", "fixes"]


def memoised(optimise: Callable[..., tuple[list[Any], bool]]) -> Callable[..., tuple[list[Any], bool]]:
    """`optimise` answering repeated arguments from a memo (a fresh list each time: callers own theirs)."""
    memo: dict[tuple[Any, ...], tuple[list[Any], bool]] = {}

    def optimise_charset(charset: list[Any], iscased: Any = None, fixup: Any = None,
                         fixes: Any = None) -> tuple[list[Any], bool]:
        try:  # a class's items are (opcode, int | (int, int) | None); anything else is not memoised
            key = (tuple(charset), iscased, fixup, id(fixes) if fixes is not None else None)
            found = memo.get(key)
        except TypeError:
            return optimise(charset, iscased, fixup, fixes)
        if found is None:
            found = optimise(charset, iscased, fixup, fixes)
            if len(memo) < MEMO_SIZE:
                memo[key] = (list(found[0]), found[1])
            return found
        return list(found[0]), found[1]

    optimise_charset.__wrapped__ = optimise  # type: ignore[attr-defined]
    return optimise_charset


def install() -> bool:
    """Put the memo in front of `re`'s class optimiser, once; False when this Python's compiler
    differs from the one it was written for (then nothing changes)."""
    try:
        from re import _compiler  # type: ignore[attr-defined]
    except ImportError:
        return False
    current = getattr(_compiler, "_optimize_charset", None)
    if current is None:
        return False
    if hasattr(current, "__wrapped__"):
        return True
    try:
        if list(inspect.signature(current).parameters) != _SIGNATURE:
            return False
    except (TypeError, ValueError):
        return False
    _compiler._optimize_charset = memoised(current)
    return True
