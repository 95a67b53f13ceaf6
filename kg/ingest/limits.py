"""Structural limits on input files: how big, how long a line, how deeply nested a JSON value.

Users point `kg build` at folders they did not write. Beyond some size a file is not a news article
but a dump, a log or an attack, and reading it would cost minutes or gigabytes before anything could
be said about it. The defaults are far above any real article (the longest news stories are a few
hundred kilobytes); each is a build option (`kg build --max-file-mb`, `--max-line-chars`,
`--max-json-depth`, `--max-html-tags`) for the rare corpus that needs more.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["DEFAULT_LIMITS", "Limits", "count_tags", "json_depth_exceeds", "longest_line"]


@dataclass(frozen=True)
class Limits:
    """Ceilings a file must stay under to be read; exceeding one is a reported failure, not a crash."""

    max_file_bytes: int = 64 * 1024 * 1024
    max_line_chars: int = 10_000_000
    max_json_depth: int = 100
    #: A news page has a few thousand tags; main-text extraction costs about a millisecond per tag
    #: and more on some shapes, so a page of 100,000 `<p>` would take minutes.
    max_html_tags: int = 20_000

    def __post_init__(self) -> None:
        for name in ("max_file_bytes", "max_line_chars", "max_json_depth", "max_html_tags"):
            if getattr(self, name) < 1:
                raise ValueError(f"{name} must be at least 1")


DEFAULT_LIMITS = Limits()


def longest_line(text: str, at_least: int = 0) -> int:
    """Length of the longest line of `text` (in characters), found without copying lines.

    With `at_least`, a text no longer than that cannot hold a longer line and returns at once: the
    common case (a short article against a generous limit) costs nothing.
    """
    if len(text) <= at_least:
        return 0
    longest = start = 0
    while True:
        end = text.find("\n", start)
        if end < 0:
            return max(longest, len(text) - start)
        longest = max(longest, end - start)
        start = end + 1


#: A JSON string literal, matched possessively so an unterminated one cannot make the scan backtrack.
_JSON_STRING = re.compile(r'"(?:[^"\\]++|\\.)*+"', re.DOTALL)
_BRACKETS = re.compile(r"[\[\]{}]")


def json_depth_exceeds(line: str, limit: int) -> bool:
    """True when the JSON in `line` nests arrays and objects deeper than `limit`.

    Checked before parsing: Python's parser recurses once per level, so `[[[[…` 200,000 deep
    would end in RecursionError (or worse, a stack overflow) rather than a message. Brackets inside
    strings do not count. Linear in the line's length.
    """
    if line.count("[") + line.count("{") <= limit:
        return False
    depth = 0
    for match in _BRACKETS.finditer(_JSON_STRING.sub("", line)):
        depth += 1 if match.group() in "[{" else -1
        if depth > limit:
            return True
    return False


_TAG = re.compile(r"<[A-Za-z]")


def count_tags(html: str) -> int:
    """Opening tags in an HTML text (a linear count, no parsing)."""
    return sum(1 for _ in _TAG.finditer(html))
