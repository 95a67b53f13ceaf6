"""Making untrusted strings safe to store and print: file names, JSON text, exception messages.

File names come from whoever filled the folder: bytes that are not UTF-8 (Python hands them over as
lone surrogates, which SQLite and a UTF-8 terminal both refuse), newlines that would forge extra
report lines, escape sequences that would drive the terminal, bidi overrides that would reorder what
the reader sees. JSON text may carry lone surrogate escapes (``"\\ud800"``) that no encoder accepts.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

__all__ = ["display_path", "escape_controls", "replace_surrogates"]

#: C0 and C1 controls, DEL, line and paragraph separators, bidi embeddings, overrides and isolates.
_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    return _NAMED.get(char) or (f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}")


def escape_controls(text: str) -> str:
    """`text` on one line, with controls, separators and bidi marks written as escapes (``\\n``).

    Lone surrogates (undecodable file-name bytes) become ``\\udcXX``-style escapes too, so the result
    always encodes as UTF-8.
    """
    text = _UNSAFE.sub(_escape, text)
    return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def display_path(path: Path | str) -> str:
    """A file name as it can be stored and printed: undecodable bytes as ``\\xe9``, controls escaped.

    The bytes of the name are what the file system holds; decoding them with `backslashreplace`
    keeps every valid character and shows the rest as their byte values, so the report still points
    at the file.
    """
    raw = os.fsencode(path)
    return escape_controls(raw.decode("utf-8", "backslashreplace"))


def replace_surrogates(text: str) -> str:
    """Lone surrogates (from JSON escapes like ``\\ud800``) replaced by U+FFFD, so the text encodes.

    Valid pairs never reach here: the JSON decoder joins them into one code point.
    """
    return _SURROGATE.sub("\ufffd", text) if _SURROGATE.search(text) else text
