"""Text normalised for matching, with a map back to the original characters; sentence splitting.

Rules and the gazetteer are written once, in simplified script with half-width punctuation and no
spaces between Chinese and Latin or digits ("智谱 AI" = "智谱AI", "２０２５年" = "2025年",
"騰訊" = "腾讯"). Sources must still point into the text as published, so every normalised
character remembers the index of the original character it came from.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import ahocorasick

from kg.names import to_simplified

__all__ = ["NormText", "Sentence", "WordMatcher", "is_cjk", "normalize_text", "split_sentences"]

_CJK_RANGES = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x2EBEF))


def is_cjk(ch: str) -> bool:
    """A Chinese character (the unified ideograph blocks).

    Examples
    --------
    >>> is_cjk("智"), is_cjk("A"), is_cjk("。")
    (True, False, False)
    """
    code = ord(ch)  # the ranges of _CJK_RANGES, spelt out: this runs for every character scanned
    return 0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF or 0xF900 <= code <= 0xFAFF or (
        0x20000 <= code <= 0x2EBEF)


# Spaces touching a Chinese character are layout, not word breaks ("IT 桔子", "2025 年 12 月").
_CJK_CLASS = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3000-\u303f"
_LAYOUT_SPACE = re.compile(rf"(?<=[{_CJK_CLASS}])[ \t\u00a0\u3000]+|[ \t\u00a0\u3000]+(?=[{_CJK_CLASS}])")


@dataclass
class NormText:
    """Normalised text plus `offsets[i]`: the original index of normalised character i."""

    original: str
    text: str
    offsets: list[int]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original (start, end) of the normalised range [start, end).

        Examples
        --------
        >>> norm = normalize_text("IT 桔子：智譜ＡＩ")
        >>> norm.text
        'IT桔子:智谱AI'
        >>> norm.span(5, 9)  # 智谱AI, one character further right in the original (the space)
        (6, 10)
        """
        if end <= start:
            pos = self.offsets[start] if start < len(self.offsets) else len(self.original)
            return pos, pos
        return self.offsets[start], self.offsets[end - 1] + 1

    def original_slice(self, start: int, end: int) -> str:
        """The original text behind the normalised range [start, end).

        Examples
        --------
        >>> normalize_text("IT 桔子：智譜ＡＩ").original_slice(5, 9)
        '智譜ＡＩ'
        """
        s, e = self.span(start, end)
        return self.original[s:e]


def _nfkc_line(line: str, base: int, out_chars: list[str], out_offsets: list[int]) -> None:
    """NFKC one line; per character only when the whole-line form changes length (rare)."""
    norm = unicodedata.normalize("NFKC", line)
    if len(norm) == len(line):
        out_chars.append(norm)
        out_offsets.extend(range(base, base + len(line)))
        return
    for i, ch in enumerate(line):
        n = unicodedata.normalize("NFKC", ch)
        out_chars.append(n)
        out_offsets.extend([base + i] * len(n))


#: Taiwan's 策略 before an investment word is the mainland's 战略 (strategic).
_TW_STRATEGIC = re.compile(r"策略(?=性?(?:投资|股东|合作伙伴|入股))")


def normalize_text(original: str) -> NormText:
    """NFKC, traditional -> simplified, no layout spaces; offsets map back to `original`.

    Case is kept (rules decide case-sensitivity themselves). Conversion to simplified runs per
    line and is kept only where it preserves length, so offsets stay one-to-one.

    Examples
    --------
    Full-width forms become ASCII, traditional characters simplified, and the spaces of Chinese
    layout go; `offsets` points every character back into the original:

    >>> norm = normalize_text("智譜ＡＩ 完成 2025 年融資")
    >>> norm.text
    '智谱AI完成2025年融资'
    >>> norm.offsets[:8]
    [0, 1, 2, 3, 5, 6, 8, 9]
    """
    chars: list[str] = []
    offsets: list[int] = []
    pos = 0
    for line in original.splitlines(keepends=True):
        _nfkc_line(line, pos, chars, offsets)
        pos += len(line)
    nfkc = "".join(chars)
    # traditional -> simplified, line by line, only where the length is unchanged
    parts: list[str] = []
    for line in nfkc.splitlines(keepends=True):
        if any(is_cjk(c) for c in line):
            simple = to_simplified(line)
            if len(simple) != len(line):
                simple = "".join(s if len(s := to_simplified(c)) == 1 else c for c in line)
            if simple != line:
                # Taiwan's words for the same things, as long as the mainland ones ("策略投资人" is a
                # strategic investor, 战略投资人): offsets stay one to one
                simple = _TW_STRATEGIC.sub("战略", simple)
            parts.append(simple)
        else:
            parts.append(line)
    simplified = "".join(parts)
    # drop layout spaces
    keep = [True] * len(simplified)
    for m in _LAYOUT_SPACE.finditer(simplified):
        for i in range(m.start(), m.end()):
            keep[i] = False
    if all(keep):
        return NormText(original, simplified, offsets)
    text = "".join(c for c, k in zip(simplified, keep, strict=True) if k)
    kept_offsets = [o for o, k in zip(offsets, keep, strict=True) if k]
    return NormText(original, text, kept_offsets)


@dataclass(frozen=True)
class Sentence:
    """One sentence: its index in the article and its range in the normalised text."""

    index: int
    start: int
    end: int


# Chinese and full-stop punctuation (after NFKC: ! ? ; are ASCII), closing quotes stay attached.
_ZH_END = re.compile(r"[。!?;]+[”’\"'」』)）]*|\n+")
# An English full stop followed by space and a capital, digit or quote (after "DJI" too: an
# acronym ends a sentence unless it is a listed abbreviation or a single initial).
_EN_END = re.compile(r"(?<=[A-Za-z0-9%\)\]\"”’'])\.(?=\s+[A-Z0-9\"“(‘])")
_ABBREVIATIONS = frozenset(
    [
        "inc",
        "co",
        "corp",
        "ltd",
        "llc",
        "plc",
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "st",
        "no",
        "vs",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "u.s",
        "u.k",
        "e.g",
        "i.e",
        "etc",
        "jr",
        "sr",
        "approx",
        "dept",
        "gov",
        "est",
    ]
)


def _chinese_context(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else ""
    after = text[end : end + 1]
    return bool(before and is_cjk(before)) or bool(after and is_cjk(after))


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of the normalised text: 。！？；!? and newlines end one; so does an English '. '.

    A semicolon ends a sentence in Chinese text only (in English it separates list items).
    Abbreviations ("Inc.", "Dec.", "U.S.") and single initials do not end a sentence.

    Examples
    --------
    >>> text = "星衡智能完成B轮融资。Sequoia led the round. It was founded by Dr. Li in the U.S. in 2020."
    >>> [text[s.start:s.end] for s in split_sentences(text)]
    ['星衡智能完成B轮融资。', 'Sequoia led the round.', 'It was founded by Dr. Li in the U.S. in 2020.']
    >>> split_sentences("A; B。")  # an English semicolon ends no sentence
    [Sentence(index=0, start=0, end=5)]
    """
    cuts: set[int] = set()
    for m in _ZH_END.finditer(text):
        if m.group(0)[0] == ";" and not _chinese_context(text, m.start(), m.end()):
            continue  # an English semicolon separates list items, not sentences
        cuts.add(m.end())
    for m in _EN_END.finditer(text):
        word = re.search(r"([A-Za-z.]+)$", text[max(0, m.start() - 12) : m.start()])
        token = word.group(1).lower().strip(".") if word else ""
        if token in _ABBREVIATIONS or len(token) == 1:
            continue
        cuts.add(m.end())
    cuts.add(len(text))
    sentences: list[Sentence] = []
    start = 0
    for cut in sorted(cuts):
        s, e = start, cut
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            sentences.append(Sentence(len(sentences), s, e))
        start = cut
    return sentences


# -- word alternations ------------------------------------------------------------------------------

_TRIE_END = "\x00"


def longest_first(words: Iterable[str]) -> str:
    """A regex alternation of `words` as a trie, children before an ending, so the longest word wins.

    Equivalent to the words sorted longest first and joined with "|", but shares prefixes: a list of a
    hundred titles or a thousand names compiles many times faster and scans faster, and rules that
    embed the title list twice each are compiled at every start of the program.

    Examples
    --------
    >>> import re
    >>> pattern = longest_first(["CEO", "CFO", "CEO助理", "总裁", "副总裁"])
    >>> pattern
    '(?:C(?:EO(?:助理|)|FO)|副总裁|总裁)'
    >>> re.findall(pattern, "副总裁兼CEO助理")
    ['副总裁', 'CEO助理']
    """
    root: dict[str, Any] = {}
    for word in sorted(set(words)):
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[_TRIE_END] = {}
    return _trie_regex(root)


def _trie_regex(node: dict[str, Any]) -> str:
    alternatives = [re.escape(ch) + _trie_regex(child) for ch, child in sorted(node.items()) if ch != _TRIE_END]
    if _TRIE_END in node:
        alternatives.append("")
    if len(alternatives) == 1:
        return alternatives[0]
    return "(?:" + "|".join(alternatives) + ")"


class WordMatcher:
    """Words found as `re.finditer(longest_first(words), text)` finds them (left to right, the longest
    word at each place, no overlaps), by an Aho-Corasick automaton: no regular expression is compiled
    for a word list made at run time (an article's own names), and one compiled pass finds them all.

    Examples
    --------
    >>> matcher = WordMatcher(["澄湖", "澄湖科技", "科技", "湖科"])
    >>> text = "杭州澄湖科技与澄湖、湖科"
    >>> [text[s:e] for s, e in matcher.finditer(text)]
    ['澄湖科技', '澄湖', '湖科']
    """

    def __init__(self, words: Iterable[str]) -> None:
        self._automaton = ahocorasick.Automaton()
        for word in words:
            if word:  # an empty word matches nowhere that counts (`finditer` skips empty matches)
                self._automaton.add_word(word, len(word))
        if len(self._automaton):
            self._automaton.make_automaton()

    def longest_at(self, text: str) -> dict[int, int]:
        """For each place a word starts, the end of the longest word starting there."""
        longest: dict[int, int] = {}
        if not len(self._automaton):
            return longest
        for last, length in self._automaton.iter(text):
            start = last + 1 - length
            if longest.get(start, 0) <= last:
                longest[start] = last + 1
        return longest

    def finditer(self, text: str) -> Iterator[tuple[int, int]]:
        """(start, end) of each word found, left to right, the longest at each place, not overlapping."""
        longest = self.longest_at(text)
        pos = 0
        for start in sorted(longest):
            if start >= pos:
                pos = longest[start]
                yield start, pos
