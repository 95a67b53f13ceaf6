"""What a lineage box says, in which font, and how big the box must be to hold it.

A name too long for one line used to be shrunk until it fitted, and 北京市人工智能产业投资基金 came out
at 8 px, unreadable at real size. Now a long name wraps onto a second (at most a third) line at a
natural break: for Chinese after a place name (北京市) or before a suffix word (产业, 投资, 基金 ...),
for Latin names at a space, else near the middle. The font shrinks at most a little
(`MIN_FONT`), and the box grows a line taller instead; the layout places and routes round the grown box.
"""

from __future__ import annotations

import functools
import math
from typing import Protocol

BOX_W, BOX_H = 170.0, 54.0
SMALL_W, SMALL_H = 130.0, 36.0
INVESTORS = frozenset({"state", "investor"})
PAD_X = 7.0  # px of air left and right of the text
PAD_Y = 6.0  # px of air above and below it
LEADING = 1.3  # line height, in font sizes
NAME_FONT, SMALL_NAME_FONT, DETAIL_FONT = 13, 11, 11
MIN_FONT = 10  # the smallest text in a box: one px under the investors' names and the details
MAX_LINES = 3
#: Words a Chinese organisation name ends with; a line break before one reads naturally.
SUFFIXES = ("产业", "投资", "基金", "资本", "创投", "创业", "引导", "国投", "城投", "科创", "科技", "智能", "集团",
            "控股", "股份", "有限", "研究", "实验室", "大学", "合伙", "管理", "发展", "运营")
PLACE_ENDS = "省市区县"  # a break after a place name (北京市, 浦东新区) reads naturally too

Line = tuple[str, int]  # text and font size in px


class Labelled(Protocol):
    name: str
    kind: str
    year: str | None
    via: list[str]


def text_width(text: str) -> float:
    """Width in ems, erring wide: CJK characters are one em, Latin letters a little over half."""
    return sum(1.0 if ord(ch) > 0x2E80 else 0.6 for ch in text)


def box_size(kind: str) -> tuple[float, float]:
    """The size of a box whose text fits on its usual lines: the width of every box of that kind, the
    least height."""
    return (SMALL_W, SMALL_H) if kind in INVESTORS else (BOX_W, BOX_H)


def detail(node: Labelled) -> str:
    """The second line: year and the people who left to found it. The people sit in the box rather than
    on the arrow, where a wide lineage has no room for twenty names."""
    return " · ".join(filter(None, [node.year, "via " + ", ".join(node.via) if node.via else ""]))


def label(node: Labelled) -> list[Line]:
    """Every line in the box with its font: the name (wrapped if long), then the detail line."""
    return list(_label(node.name, node.kind, detail(node)))


@functools.lru_cache(maxsize=4096)
def _label(name: str, kind: str, extra: str) -> tuple[Line, ...]:
    """`label`, remembered: the layout asks for every box's size many times over."""
    room = box_size(kind)[0] - 2 * PAD_X
    lines = _fit(name, room, SMALL_NAME_FONT if kind in INVESTORS else NAME_FONT)
    if extra:
        lines += _fit(extra, room, DETAIL_FONT)
    return tuple(lines)


def node_size(node: Labelled) -> tuple[float, float]:
    """The box's width and height: its kind's usual size, taller when its text needs more lines."""
    w, h = box_size(node.kind)
    return w, max(h, math.ceil(sum(size * LEADING for _t, size in label(node)) + 2 * PAD_Y))


def baselines(node: Labelled) -> list[float]:
    """Where each line's baseline sits, relative to the box centre: the lines centred as a block."""
    lines = label(node)
    y = -sum(size * LEADING for _t, size in lines) / 2
    out = []
    for _text, size in lines:
        out.append(y + size * LEADING / 2 + 0.35 * size)  # 0.35 em: from a CJK glyph's middle to its baseline
        y += size * LEADING
    return out


def _fit(text: str, room: float, size: int) -> list[Line]:
    """The fewest lines, then the largest font, that keep `text` within `room` px: one line may shrink
    by a px before the text wraps; wrapped lines go down to `MIN_FONT` only when they must, and a px
    smaller is worth it for breaks that read naturally."""
    smaller = range(size, MIN_FONT - 1, -1)
    tries = [(1, size), (1, size - 1)] + [(n, s) for n in range(2, MAX_LINES + 1) for s in smaller]
    for natural_only in (True, False):
        for n, s in tries:
            lines, bad = _best(text, room / s, n)
            if all(text_width(line) <= room / s for line in lines) and (bad == 0 or not natural_only):
                return [(line, s) for line in lines]
    return [(line, MIN_FONT) for line in wrap(text, room / MIN_FONT, MAX_LINES)]


def wrap(text: str, room: float, most: int) -> list[str]:
    """`text` in at most `most` lines of `room` ems where it can: the split that fits in the fewest lines,
    then with the fewest unnatural breaks, then the most even."""
    return _best(text, room, most)[0]


def _best(text: str, room: float, most: int) -> tuple[list[str], int]:
    """(lines, number of unnatural breaks) of the best split of `text`."""
    if most <= 1 or text_width(text) <= room:
        return [text], 0
    options = [([text], 0)]
    for cut, natural in _cuts(text):
        rest, bad = _best(text[cut:].lstrip(), room, most - 1)
        options.append(([text[:cut].rstrip(), *rest], bad + (not natural)))
    return min(options, key=lambda o: (any(text_width(t) > room for t in o[0]), len(o[0]), o[1],
                                       max(text_width(t) for t in o[0])))


def _cuts(text: str) -> list[tuple[int, bool]]:
    """Where `text` may break, and whether the break is natural: at a space (in a list, only after a
    comma or before a ·, so a person's name stays on one line), between two characters of which one is
    CJK (natural before a suffix word or after a place name), never inside a Latin word."""
    listing = ", " in text or " · " in text
    out = []
    for i in range(1, len(text)):
        a, b = text[i - 1], text[i]
        if b == " " or a == " ":
            if a != " " and text[i:].strip():
                out.append((i, not listing or a == "," or text.startswith(" ·", i)))
        elif ord(a) > 0x2E80 or ord(b) > 0x2E80:
            out.append((i, text.startswith(SUFFIXES, i) or (a in PLACE_ENDS and i >= 2)))
    return out
