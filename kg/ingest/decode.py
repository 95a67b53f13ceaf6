"""Bytes to text: which encoding a file is in, and whether it is text at all.

Articles arrive in UTF-8, UTF-16 (with or without a byte-order mark), GB18030/GBK or Big5. Legacy
Chinese codecs and UTF-16 decode almost any bytes without error, so a decode that "succeeds" proves
nothing: random bytes decode as GB18030 into a scatter of rare characters and symbols. Every guessed
decode is therefore judged by what it produced (common Chinese characters, Latin text, punctuation)
and a file is an article only when some decode reads like one. Reasons are honest: empty, binary,
UTF-16 that does not decode, mixed or unknown encoding.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from kg.names import to_simplified

__all__ = ["DecodeError", "decode_bytes", "plausibility", "text_problem"]

#: Characters judged per decode: enough to tell text from noise, cheap on a 60 MB file.
_SAMPLE = 200_000
#: Controls that do not belong in text (tab, newline, vertical tab, form feed, CR are fine).
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
#: Of the Chinese characters in a guessed decode, at least this share must be common ones.
_MIN_COMMON_HANZI = 0.75
#: Of the non-ASCII characters in a guessed decode, at most this share may be outside Chinese and
#: Latin text (kana, Hangul, Cyrillic, private use … scattered as a wrong guess scatters them).
_MAX_FOREIGN = 0.1
#: A guessed decode with fewer Chinese characters than this share of its (non-space) characters must
#: read as prose otherwise: at least this share of its ASCII characters are spaces between words.
_MIN_HAN_SHARE = 0.3
_MIN_PROSE_SPACES = 0.08
#: Unassigned, private-use, surrogate or replacement characters tolerated in any text.
_MAX_JUNK = 0.02
#: Replacement characters tolerated when nothing decodes cleanly (a file cut inside a character).
_MAX_REPLACED = 0.001

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
#: Non-ASCII characters at home in Chinese or English text: Latin letters with accents, general and
#: CJK punctuation, currency, letterlike symbols, arrows, shapes, enclosed numbers, full-width forms.
_NATIVE = re.compile(
    r"[\u00a0-\u024f\u2000-\u206f\u20a0-\u20cf\u2100-\u27bf\u3000-\u303f\u3400-\u4dbf"
    r"\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]"
)
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_WORD = re.compile(r"[^\W_]")


class DecodeError(ValueError):
    """The bytes are not an article's text; the message is the reason, without the file name."""


@lru_cache(maxsize=1)
def _common_hanzi() -> frozenset[str]:
    """The 3,755 level-1 characters of GB2312: the most common simplified Chinese characters.

    Built from the codec itself, so no data file is needed.
    """
    chars = set()
    for hi in range(0xB0, 0xD8):
        for lo in range(0xA1, 0xFF):
            try:
                chars.add(bytes([hi, lo]).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    return frozenset(chars)


def plausibility(text: str) -> float:
    """Share of Chinese characters (after conversion to simplified) that are common ones; 0 if none."""
    han = "".join(_HAN.findall(text[:_SAMPLE]))
    if not han:
        return 0.0
    common = _common_hanzi()
    simplified = to_simplified(han)
    return sum(c in common for c in simplified) / len(simplified)


def _junk(sample: str) -> int:
    """How many characters no text contains: unassigned, private use, surrogates, U+FFFD."""
    odd = (c for c in _NON_ASCII.findall(sample) if unicodedata.category(c) in ("Cn", "Co", "Cs"))
    return sum(1 for _ in odd) + sample.count("\ufffd")


def text_problem(text: str) -> str | None:
    """Why `text` is not an article's text, or None: empty, control characters, junk, no words."""
    if not text.strip():
        return "empty file"
    controls = len(_CONTROLS.findall(text))
    if controls > max(2, len(text) // 100):
        return "binary file (control characters), not text"
    sample = text[:_SAMPLE]
    if _junk(sample) > max(2, _MAX_JUNK * len(sample)):
        return "binary file (unassigned or private-use characters), not text"
    if not _WORD.search(text):
        return "no words (only punctuation, symbols or spaces)"
    return None


def _reads_as_chinese_or_english(text: str) -> bool:
    """For a guessed encoding: does the result read as Chinese or English rather than noise?"""
    if text_problem(text) is not None:
        return False
    sample = text[:_SAMPLE]
    if len(_CONTROLS.findall(sample)) > len(sample) // 1000:  # a wrong guess scatters controls
        return False
    non_ascii = _NON_ASCII.findall(sample)
    if not non_ascii:
        return True
    foreign = len(non_ascii) - len(_NATIVE.findall(sample))
    if foreign > _MAX_FOREIGN * len(non_ascii):
        return False
    han = len(_HAN.findall(sample))
    if han < _MIN_HAN_SHARE * len(sample.replace(" ", "")):
        # Mostly not Chinese: then the rest must read as prose, whose words have spaces between them
        # (noise in ASCII has almost none).
        ascii_chars = len(sample) - len(non_ascii)
        if sample.count(" ") < _MIN_PROSE_SPACES * ascii_chars:
            return False
    return not han or plausibility(sample) >= _MIN_COMMON_HANZI


def _finish(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    problem = text_problem(text)
    if problem:
        raise DecodeError(problem)
    return text


def _looks_like_utf16(data: bytes) -> bool:
    """NUL bytes mostly on one parity (ASCII or Latin text stored as UTF-16 without a BOM)."""
    if len(data) < 4:
        return False
    even, odd = data[0::2].count(0), data[1::2].count(0)
    return max(even, odd) >= len(data) // 8 and min(even, odd) <= max(even, odd) // 4


def _best_guess(data: bytes, codecs: tuple[str, ...]) -> str | None:
    """The decode (among `codecs`) that reads best as Chinese or English text, or None."""
    candidates: list[tuple[float, float, int, str]] = []
    for rank, codec in enumerate(codecs):
        try:
            text = data.decode(codec).replace("\r\n", "\n").replace("\r", "\n")
        except UnicodeDecodeError:
            continue
        if _reads_as_chinese_or_english(text):
            # equally plausible characters: the decode with more of them wins (UTF-16-BE bytes read
            # as GB18030 also give common characters, scattered among ASCII punctuation)
            han = len(_HAN.findall(text[:_SAMPLE])) / max(1, len(text[:_SAMPLE].replace(" ", "")))
            candidates.append((plausibility(text), han, -rank, text))
    return max(candidates)[3] if candidates else None


def decode_bytes(data: bytes) -> str:
    """Text from bytes, or `DecodeError` saying why these bytes are no article's text.

    UTF-8 (BOM or not) and UTF-16 with a BOM are taken when they decode; otherwise GB18030, Big5 and
    UTF-16 without a BOM are tried and the decode that reads as Chinese or English wins (GB18030 and
    Big5 overlap so much that both often "succeed"; common characters decide). A UTF-8 file cut
    inside its last character, or with a stray bad byte, keeps its text with U+FFFD in place.
    """
    if not data.strip():
        raise DecodeError("empty file")
    text: str | None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise DecodeError(f"invalid UTF-16 (byte-order mark present): {exc.reason}") from exc
        if not _reads_as_chinese_or_english(text) and text_problem(text) is None:
            raise DecodeError("UTF-16 (byte-order mark present) that does not read as Chinese or English text")
        return _finish(text)
    if b"\x00" in data:
        text = _best_guess(data, ("utf-16-le", "utf-16-be"))
        if text is not None:
            return _finish(text)
        if _looks_like_utf16(data):
            raise DecodeError("looks like UTF-16 without a byte-order mark, but does not decode to text")
        raise DecodeError("binary file (NUL bytes), not text")
    utf8_problem = None
    try:
        return _finish(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        pass
    except DecodeError as exc:  # valid UTF-8 but no text: maybe UTF-16 whose bytes happen to be ASCII
        utf8_problem = exc
    text = _best_guess(data, ("gb18030", "big5", "utf-16-le", "utf-16-be"))
    if text is not None:
        return _finish(text)
    if utf8_problem is not None:
        raise utf8_problem
    loose = data.decode("utf-8-sig", errors="replace").replace("\r\n", "\n").replace("\r", "\n")
    replaced = loose.count("\ufffd")
    if replaced <= max(1, int(len(loose) * _MAX_REPLACED)) and _reads_as_chinese_or_english(loose):
        return _finish(loose)
    valid_non_ascii = len(_NON_ASCII.findall(loose)) - replaced
    if valid_non_ascii * 2 < replaced:
        raise DecodeError("binary file or unknown encoding: not UTF-8, UTF-16, GB18030 or Big5 text")
    raise DecodeError(
        f"mixed or unknown encoding: {replaced} bytes are not UTF-8, and as GB18030, Big5 or UTF-16 "
        "it does not read as text"
    )
