"""Occurrences of gazetteer names (known entities, longest match first).

A short known name can also be part of a longer name nobody has listed: "智元" in "云启智元" is not
智元机器人, and "京东" in "北京东路" is no company. Pinning such a match on the famous entity files
another company's round or listing under it, so a short Chinese name is taken only when the words
around it leave it whole: jieba does not read a word across its first edge, and the word right
before it is not an unknown name-like word glued to it.
"""

from __future__ import annotations

import re

from kg.extract import vocab
from kg.extract.gazetteer import Gazetteer
from kg.extract.mentions.base import Occurrence, pos_window, word_freq
from kg.extract.text import NormText, is_cjk
from kg.terms import C

#: Known names up to this many characters are checked for being part of a longer name.
_SHORT_NAME = 3
_WINDOW = 4


def _inside_longer_name(text: str, start: int, end: int) -> bool:
    """Is the short known name at [start, end) part of a longer word or name?"""
    name = text[start:end]
    if len(name) > _SHORT_NAME or not all(is_cjk(c) for c in name):
        return False
    left = start
    while left > 0 and start - left < _WINDOW and is_cjk(text[left - 1]):
        left -= 1
    right = end
    while right < len(text) and right - end < 2 and is_cjk(text[right]):
        right += 1
    if left == start:
        return False  # nothing glued before it
    tokens = [(w, f, left + s) for w, f, s in pos_window(text[left:right])]
    for word, _flag, s in tokens:
        e = s + len(word)
        if s < start < e:
            if s == start - 1 and (text[s] in vocab.ZH_BOUNDARY_WORDS or text[s] in "前原"):
                # "向蔚" + "来": a preposition jieba glued on; "前台" + "积电": "former", not a longer name
                continue
            return True  # "云" + "启智" + "元": jieba reads a word across the name's first edge
    before = [(w, f) for w, f, s in tokens if s + len(w) == start]
    if before:
        word, flag = before[0]
        glued = (
            len(word) >= 2
            and word not in vocab.REGIONS
            and word not in vocab.ZH_BOUNDARY_WORDS
            and word not in vocab.GENERIC_PREFIX_WORDS
            and flag in vocab.PROPER_FLAGS - {"ns", "nsf", "j"}
            and word_freq(word) < 50
        )
        return glued  # "澜溯智谱": an unknown proper word makes one longer name with it
    return False


_REGION_BEFORE = re.compile("(?:" + "|".join(sorted(map(re.escape, vocab.REGIONS), key=len, reverse=True)) + ")$")
#: What may stand before a city that heads a known name: a list separator, a preposition, nothing.
_OPENS_NAME = "、,，;；:：(（“\"由与和及跟向对在被获 \n"


def _with_region(text: str, start: int, end: int) -> int:
    """"苏州元禾", "北京智谱": a city or province written before a known name belongs to the name."""
    m = _REGION_BEFORE.search(text, max(0, start - 4), start)
    if m is None or m.start() == start:
        return start
    if m.start() > 0 and text[m.start() - 1] not in _OPENS_NAME:
        return start
    return m.start()


#: A known name used as an adjective of likeness ("Nasdaq-style", "Tesla-like", "华为式").
_LIKENESS = re.compile(r"-(?:style|like|esque|type)\b|式(?![的了])", re.IGNORECASE)


def gazetteer_occurrences(nt: NormText, gazetteer: Gazetteer) -> list[Occurrence]:
    out = []
    for m in gazetteer.scan(nt.text):
        start = _with_region(nt.text, m.start, m.end) if m.entry.type != C.Exchange else m.start
        if start == m.start and m.board is None and _inside_longer_name(nt.text, m.start, m.end):
            continue
        if _LIKENESS.match(nt.text, m.end):
            continue  # "the Nasdaq-style STAR Market": a likeness, not the exchange itself
        out.append(
            Occurrence(
                start,
                m.end,
                {m.entry.type},
                "gazetteer",
                0.95,
                key=m.entry.key,
                board=m.board,
                # (a product's maker, by its key: who "Tik Tok演算法负责人" works for when no company is named)
                attrs={**m.entry.attrs, **({"developer": m.entry.developer} if m.entry.developer else {})},
            )
        )
    return out
