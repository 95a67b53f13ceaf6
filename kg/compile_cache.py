"""Compiled regular expressions kept on disk between processes (`kg.storage.disk_memo`).

Why: every `kg build` process compiled kg's rules again before its first article: about 690 patterns,
which CPython's `re` parses and compiles in pure Python (0.45-0.65 s on this machine, with the class memo
of `kg.re_charsets`). The result is a pure function of the pattern's text and flags under one Python
build, so it is kept on disk and the next process reads it instead. A one-article build, and the writer's
chain of `kg build --jobs N` (the step that cannot be shared out), start that much sooner.

What is kept is what CPython's own compiler hands to `_sre.compile` (flags, code, groups and their names),
under the pattern's text and flags, for one Python build (`python_build`): another Python never reads it.
`_sre` validates the code it is given; `install` first checks, on probe patterns, that the cached path
gives patterns equal to the compiler's own (`Pattern.__eq__` compares the code), else leaves `re` as it is.
Only text patterns are cached (bytes patterns and debug compiles go to the compiler as before).
"""

from __future__ import annotations

import contextlib
import re
import sys
from collections.abc import Callable
from typing import Any

from kg.storage.disk_memo import DiskMemo, cache_dir


def python_build() -> str:
    """What compiled regular expressions depend on: the interpreter's build and its engine's version."""
    import _sre  # type: ignore[import-not-found,unused-ignore]

    return f"{sys.version}|{sys.implementation.cache_tag}|{_sre.MAGIC}|{_sre.CODESIZE}|{sys.maxunicode}"


# -- compiled regular expressions -----------------------------------------------------------------------

_REGEX = DiskMemo("regex", python_build())


def _compiled_parts(pattern: str, flags: int) -> list[Any]:
    """What the compiler hands `_sre.compile` for `pattern`: [flags, code, groups, groupindex, indexgroup]."""
    from re import _compiler, _parser  # type: ignore[attr-defined]

    parsed = _parser.parse(pattern, flags)
    code = _compiler._code(parsed, flags)
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for group_name, index in groupindex.items():
        indexgroup[index] = group_name
    return [flags | parsed.state.flags, list(code), parsed.state.groups - 1, groupindex, indexgroup]


def _from_parts(pattern: str, parts: list[Any]) -> Any:
    import _sre  # type: ignore[import-not-found,unused-ignore]

    flags, code, groups, groupindex, indexgroup = parts
    return _sre.compile(pattern, flags, code, groups, groupindex, tuple(indexgroup))


def caching(compile_: Callable[..., Any], memo: DiskMemo = _REGEX) -> Callable[..., Any]:
    """`re._compiler.compile` answering a text pattern from `memo` when it can."""

    def compile(p: Any, flags: int = 0) -> Any:  # noqa: A001 - the name re calls it by
        if not isinstance(p, str) or flags & re.DEBUG:
            return compile_(p, flags)
        key = f"{flags}|{p}"
        try:  # whatever goes wrong with the memo, `re` compiles as it always did
            parts = memo.get(key)
            if parts is not None:
                return _from_parts(p, parts)
        except Exception:  # noqa: BLE001, S110 - an answer this Python's engine refuses: compile it again
            pass
        parts = _compiled_parts(p, flags)
        pattern = _from_parts(p, parts)
        with contextlib.suppress(Exception):
            memo.put(key, parts)
        return pattern

    compile.__wrapped__ = compile_  # type: ignore[attr-defined]
    return compile


#: Patterns `install` compiles both ways before trusting the cached path: groups, names, classes, flags.
_PROBES = [(r"(?P<amount>\d+(?:\.\d+)?)\s*(亿|万)?元(?=[，。])", 0), (r"(?i)\b(?:raised|led)\b[^.]{0,40}", 0),
           (r"[\u4e00-\u9fff]{2,4}(?:科技|智能)", 0), ("a|(b)", 2)]


def install() -> bool:
    """Put the memo in front of `re`'s compiler, once; False (nothing changes) when this Python's
    compiler is not the one it was written for or the cache is off."""
    if cache_dir() is None:
        return False
    try:
        from re import _compiler  # type: ignore[attr-defined]
    except ImportError:
        return False
    current = getattr(_compiler, "compile", None)
    if current is None or hasattr(current, "__wrapped__"):
        return current is not None
    try:
        for probe, flags in _PROBES:
            if _from_parts(probe, _compiled_parts(probe, flags)) != current(probe, flags):
                return False
    except Exception:  # noqa: BLE001 - any surprise means: leave re as it is
        return False
    _compiler.compile = caching(current)
    return True
