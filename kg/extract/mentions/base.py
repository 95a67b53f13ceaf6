"""What every mention finder shares: the Occurrence record, method priorities, the POS tagger
(jieba's reading at compiled speed, cached per short window) and a small interval set for overlap
tests."""

from __future__ import annotations

import bisect
import importlib.util
import pickle
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from kg.extract import vocab
from kg.extract.text import longest_first
from kg.terms import C

#: The title words as one alternation each, longest first: built once here, read by the people finder,
#: the Chinese suffix finder and the context rules (a trie of a few hundred titles is slow to build).
TITLE_ZH_ALT = longest_first(vocab.TITLES_ZH)
TITLE_EN_ALT = longest_first(vocab.TITLES_EN)

#: How much a method is trusted when two occurrences overlap with the same length.
PRIORITY = {
    "gazetteer": 5,
    "gazetteer+legal-form": 5,
    "alias": 4,
    "role-context": 3,
    "government-pattern": 3,
    "suffix": 2,
    "product-pattern": 2,
    "context:investor-list": 1,
    "context:subject": 1,
    "context:title-apposition": 1,
    "context:former-employer": 1,
    "context:quoted-brand": 1,
    "context:latin-brand": 1,
    "context:product": 1,
    "list-member": 1,
    "repeat": 1,
    "department-head": 4,
}


@dataclass
class Occurrence:
    """One mention of an entity: a range of the normalised text, types, how it was found."""

    start: int
    end: int
    types: set[str]
    method: str
    confidence: float
    key: str | None = None
    board: str | None = None
    attrs: dict[str, Any] = field(default_factory=dict)
    inferred: bool = False  # stands for an entity the text implies (no name of its own at this span)
    group: int = -1
    role: str | None = None  # the part a context gives the name (investor list, round subject...)
    name_end: int | None = None  # a unit's span ("微软亚洲研究院") names its organisation up to here

    @property
    def name_stop(self) -> int:
        """Where the entity's own name ends: `end`, or earlier for a unit named after it."""
        return self.name_end if self.name_end is not None else self.end

    @property
    def length(self) -> int:
        return self.end - self.start


#: The roots as module constants: `root_of` runs for every occurrence many times, and a constant is
#: cheaper to read than a namespace's attribute.
_PERSON, _PRODUCT, _ORGANIZATION = C.Person, C.Product, C.Organization


def root_of(types: Iterable[str]) -> str:
    """Person, Product or Organization: the ontology root a set of types belongs to."""
    if not isinstance(types, set | frozenset):
        types = set(types)  # a set is asked as it is: this runs for every occurrence, many times
    if _PERSON in types:
        return _PERSON
    if _PRODUCT in types:
        return _PRODUCT
    return _ORGANIZATION


# jieba.posseg's own patterns, so that blocks, numbers and Latin words are read exactly as it reads them
_HAN_BLOCK = re.compile("([\u4E00-\u9FD5a-zA-Z0-9+#&\\._]+)")
_SKIP = re.compile(r"(\r\n|\s)")
_HAN_RUN = re.compile("([\u4E00-\u9FD5]+)")
_SKIP_RUN = re.compile(r"([\.0-9]+|[a-zA-Z0-9]+)")
_NUM = re.compile(r"[\.0-9]+")
_ENG = re.compile("[a-zA-Z0-9]+")


def _jieba_dir() -> Path:
    """jieba's package folder, found without importing it (importing jieba.posseg reads the whole
    dictionary a second time to build its tag table)."""
    spec = importlib.util.find_spec("jieba")
    if spec is None or spec.origin is None:
        raise ImportError("jieba is not installed")
    return Path(spec.origin).parent


@lru_cache(maxsize=1)
def _dictionary() -> tuple[dict[str, int], dict[str, str]]:
    """jieba's dictionary as (frequency, tag) tables, read straight from its dict.txt.

    One split of the file is several times faster than `jieba.initialize()` (which also builds the
    prefix table only its own segmenter needs); the words, frequencies and tags are the same.
    """
    parts = (_jieba_dir() / "dict.txt").read_text(encoding="utf-8").split()
    words = parts[0::3]
    return dict(zip(words, map(int, parts[1::3]), strict=True)), dict(zip(words, parts[2::3], strict=True))


@lru_cache(maxsize=1)
def _hmm() -> tuple[dict[str, tuple[Any, ...]], dict[Any, float], dict[Any, dict[Any, float]],
                    dict[Any, dict[str, float]], dict[Any, list[tuple[Any, float]]]]:
    """jieba.posseg's HMM tables (states of a character, start, transition and emission log
    probabilities), loaded from its files without running its package (whose import builds a tag
    table we already have), and each state's predecessors for the search below."""
    folder = _jieba_dir() / "posseg"
    tables = []
    for name in ("char_state_tab", "prob_start", "prob_trans", "prob_emit"):
        with open(folder / f"{name}.p", "rb") as f:
            tables.append(pickle.load(f))  # noqa: S301 - jieba's own files, shipped in its wheel
    states, start_p, trans_p, emit_p = tables
    preds: dict[Any, list[tuple[Any, float]]] = {}
    for y0, nexts in trans_p.items():
        for y, p in nexts.items():
            preds.setdefault(y, []).append((y0, p))
    return states, start_p, trans_p, emit_p, preds


_MIN_FLOAT = -3.14e100


@lru_cache(maxsize=1)
def _int_hmm() -> tuple[list[Any], dict[str, tuple[int, ...]], frozenset[int], list[float], list[dict[str, float]],
                        list[dict[int, float]], list[frozenset[int]]]:
    """`_hmm`'s tables over state numbers: the states sorted, so that comparing two numbers compares
    the states as jieba does (its tie-break, the larger state, is the larger number), and lists
    indexed by number in place of dictionaries keyed by tuples."""
    states, start_p, trans_p, emit_p, _preds = _hmm()
    names = sorted(set(trans_p) | {y for nexts in trans_p.values() for y in nexts} | set(start_p) | set(emit_p)
                   | {y for ys in states.values() for y in ys})
    num = {y: i for i, y in enumerate(names)}
    char_states = {char: tuple(num[y] for y in ys) for char, ys in states.items()}
    all_states = frozenset(num[y] for y in trans_p)
    start = [start_p.get(y, _MIN_FLOAT) for y in names]
    emit = [emit_p.get(y, {}) for y in names]
    trans = [{num[y]: p for y, p in trans_p.get(x, {}).items()} for x in names]
    nexts = [frozenset(t) for t in trans]
    return names, char_states, all_states, start, emit, trans, nexts


def _viterbi(obs: str) -> list[Any]:
    """The (position, tag) state of each character: jieba.posseg's `viterbi`, the same numbers.

    jieba scores every state of a character against every live state before it, most of them with
    no transition between (a score of minus infinity that never wins); here only the transitions that
    exist from a live state to a state of the character are scored (a set intersection finds them),
    the same sums in the same order with the same tie-break (the larger state), which is where the
    HMM's time goes in pure Python. Where jieba falls back to scoring states no transition reaches,
    its own rule is kept. States are numbered in their sorted order (`_int_hmm`), so the search
    compares numbers, not tuples of strings.
    """
    names, char_states, all_states, start, emit_p, trans, nexts = _int_hmm()
    first = obs[0]
    v = {y: start[y] + emit_p[y].get(first, _MIN_FLOAT) for y in char_states.get(first, all_states)}
    back: list[dict[int, int]] = [dict.fromkeys(v, -1)]
    for t in range(1, len(obs)):
        char = obs[t]
        prev = {x: px for x, px in v.items() if trans[x]}
        expect: set[int] = set().union(*(nexts[x] for x in prev))
        candidates = set(char_states.get(char, all_states)) & expect or expect or set(all_states)
        emits = {y: emit_p[y].get(char, _MIN_FLOAT) for y in candidates}
        nv: dict[int, float] = {}
        path: dict[int, int] = {}
        # over the transitions that exist between a live state and a candidate (a few of each
        # state's, not every pair): the best (score, predecessor) of each candidate, as jieba
        # compares its tuples (the larger score, then the larger state)
        for y0, px in prev.items():
            moves = trans[y0]
            for y in nexts[y0] & candidates:
                score = px + moves[y] + emits[y]
                old = nv.get(y)
                if old is None or score > old or (score == old and y0 > path[y]):
                    nv[y] = score
                    path[y] = y0
        for y in candidates:
            if y not in nv:  # no live state leads here: jieba takes the largest at minus infinity
                nv[y], path[y] = max((prev[y0] + float("-inf") + emits[y], y0) for y0 in prev)
        v = nv
        back.append(path)
    _, state = max((p, y) for y, p in v.items())
    route: list[Any] = [None] * len(obs)
    for i in range(len(obs) - 1, -1, -1):
        route[i] = names[state]
        state = back[i][state]
    return route


@lru_cache(maxsize=131072)
def _unknown_run(run: str) -> tuple[tuple[str, str], ...]:
    """jieba.posseg's reading of a run of characters its dictionary has no word for (its
    `__cut_detail`): Chinese through its joint word-and-tag HMM, digits and Latin letters by shape.

    Memoised: the runs are mostly names, which recur across the windows of an article.
    """
    out: list[tuple[str, str]] = []
    for blk in _HAN_RUN.split(run):
        if not blk:
            continue
        if _HAN_RUN.match(blk):
            tags = _viterbi(blk)
            begin = nexti = 0
            for i, char in enumerate(blk):
                pos = tags[i][0]
                if pos == "B":
                    begin = i
                elif pos == "E":
                    out.append((blk[begin : i + 1], tags[i][1]))
                    nexti = i + 1
                elif pos == "S":
                    out.append((char, tags[i][1]))
                    nexti = i + 1
            if nexti < len(blk):
                out.append((blk[nexti:], tags[nexti][1]))
        else:
            for x in _SKIP_RUN.split(blk):
                if x:
                    out.append((x, "m" if _NUM.match(x) else "eng" if _ENG.match(x) else "x"))
    return tuple(out)


def _tag_block(block: str) -> Iterator[tuple[str, str]]:
    """jieba.posseg's reading of one block of Chinese, digits and Latin letters (its `__cut_DAG`).

    The dictionary route comes from rjieba (jieba's algorithm and dictionary, compiled: the part of
    jieba that costs the most in pure Python); single characters left between dictionary words are
    gathered and read as jieba reads them. rjieba's own tagger cannot be used as it is: it gives a
    run of unknown characters the plain segmenter's cut and no tag ('云岫' -> '云/ns 岫/ns' where
    jieba reads one name, '云岫/nr'), and the finders lean on jieba's reading of names.
    """
    import rjieba

    freq, tags = _dictionary()
    buf = ""

    def flush() -> Iterator[tuple[str, str]]:
        if len(buf) == 1:
            yield buf, tags.get(buf, "x")
        elif not freq.get(buf):
            yield from _unknown_run(buf)
        else:
            for char in buf:
                yield char, tags.get(char, "x")

    for word in rjieba.cut(block, False):
        if len(word) == 1 or (word not in freq and _ENG.fullmatch(word)):
            buf += word  # rjieba joins Latin letters and digits that jieba's route leaves one by one
            continue
        if buf:
            yield from flush()
            buf = ""
        yield word, tags.get(word, "x")
    if buf:
        yield from flush()


def _tag(text: str) -> Iterator[tuple[str, str]]:
    """(word, flag) pairs of `text`, as jieba.posseg.cut (HMM on) gives them, at compiled speed."""
    for block in _HAN_BLOCK.split(text):
        if not block:
            continue
        if _HAN_BLOCK.match(block):
            yield from _tag_block(block)
            continue
        for x in _SKIP.split(block):
            if _SKIP.match(x):
                yield x, "x"
                continue
            for char in x:  # jieba tests the whole piece for Latin letters, each character for digits
                yield char, "m" if _NUM.match(char) else "eng" if _ENG.match(x) else "x"


@lru_cache(maxsize=65536)
def pos_window(text: str) -> tuple[tuple[str, str, int], ...]:
    """(word, flag, start) triples for a short window (cached: windows recur across articles)."""
    out: list[tuple[str, str, int]] = []
    pos = 0
    for word, flag in _tag(text):
        out.append((word, flag, pos))
        pos += len(word)
    return tuple(out)


def word_freq(word: str) -> int:
    """jieba's dictionary frequency of `word` (0 for a word it does not know)."""
    return _dictionary()[0].get(word) or 0


class Intervals:
    """A small sorted set of ranges with a 'does anything overlap/cover [a, b)' query.

    A query looks at no more than the 64 ranges starting last before `b` (ranges are short), and
    walks them backwards only while a range could still reach `a` (its start plus the longest
    length seen): on a long article of short names a query costs a step or two, not 64.
    """

    def __init__(self, ranges: Iterable[tuple[int, int]] = ()) -> None:
        self.ranges = sorted(ranges)
        self.starts = [r[0] for r in self.ranges]
        self.longest = max([0, *(e - s for s, e in self.ranges)])

    def _near(self, a: int, b: int) -> Iterable[tuple[int, int]]:
        """The ranges among the 64 starting last at or before `b` that may end after `a`, nearest first."""
        i = bisect.bisect_right(self.starts, b)
        reach = a - self.longest
        ranges = self.ranges
        for j in range(i - 1, max(0, i - 64) - 1, -1):
            r = ranges[j]
            if r[0] < reach:
                return  # sorted by start: no earlier range reaches `a` either
            yield r

    def overlaps(self, a: int, b: int) -> bool:
        return any(s < b and a < e for s, e in self._near(a, b))

    def covers(self, a: int, b: int) -> bool:
        return any(s <= a and b <= e for s, e in self._near(a, b))

    def add(self, a: int, b: int) -> None:
        i = bisect.bisect_left(self.starts, a)
        self.starts.insert(i, a)
        self.ranges.insert(i, (a, b))
        self.longest = max(self.longest, b - a)


def legal_form_of(head: Occurrence, start: int, end: int) -> Occurrence:
    """A known name followed by its legal form ("智谱" + "有限公司", "Zhipu" + "Inc."): the same entity
    over the longer span, trusted a little less than the bare gazetteer name. A product's name with a
    legal form ("抖音集团") is the company named after the product: a company of its own."""
    if root_of(head.types) == C.Product:
        return Occurrence(start, end, {C.Company}, "suffix", 0.8)
    return Occurrence(start, end, set(head.types), "gazetteer+legal-form", 0.9, key=head.key, attrs=dict(head.attrs))
