"""What every mention finder shares: the Occurrence record, method priorities, jieba's tagger
(cached per short window) and a small interval set for overlap tests."""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

#: How much a method is trusted when two occurrences overlap with the same length.
_PRIORITY = {
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


def root_of(types: Iterable[str]) -> str:
    """Person, Product or Organization: the ontology root a set of types belongs to."""
    if not isinstance(types, set | frozenset):
        types = set(types)  # a set is asked as it is: this runs for every occurrence, many times
    if "Person" in types:
        return "Person"
    if "Product" in types:
        return "Product"
    return "Organization"


@lru_cache(maxsize=1)
def _jieba() -> Any:
    """jieba's POS tagger, loaded once (its dictionary takes about a second)."""
    import logging

    import jieba
    import jieba.posseg as pseg

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    _cache_unknown_runs(pseg.dt)
    return pseg


def _cache_unknown_runs(tagger: Any) -> None:
    """Memoise jieba's HMM over runs of characters its dictionary does not know.

    The POS tagger runs a Viterbi search over (position, tag) states for each such run, which is
    where nearly all of its time goes; the runs are mostly names, and a name recurs in many windows
    of an article and across articles. The result for a run depends on the run alone, so caching it
    changes nothing but the speed.
    """
    attr = "_POSTokenizer__cut_detail"
    detail = getattr(tagger, attr, None)
    if detail is None or getattr(detail, "_kg_cached", False):
        return

    @lru_cache(maxsize=131072)
    def cached(run: str) -> tuple[Any, ...]:
        return tuple(detail(run))

    def cut_detail(run: str) -> Iterator[Any]:
        return iter(cached(run))

    cut_detail._kg_cached = True  # type: ignore[attr-defined]
    setattr(tagger, attr, cut_detail)


@lru_cache(maxsize=65536)
def _pos(text: str) -> tuple[tuple[str, str, int], ...]:
    """(word, flag, start) triples for a short window (cached: windows recur across articles)."""
    out: list[tuple[str, str, int]] = []
    pos = 0
    for pair in _jieba().cut(text):
        out.append((pair.word, pair.flag, pos))
        pos += len(pair.word)
    return tuple(out)


def _freq(word: str) -> int:
    import jieba

    return jieba.dt.FREQ.get(word) or 0


class _Intervals:
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
    over the longer span, trusted a little less than the bare gazetteer name."""
    return Occurrence(start, end, set(head.types), "gazetteer+legal-form", 0.9, key=head.key, attrs=dict(head.attrs))
