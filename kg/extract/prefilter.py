"""Literal prefilters for tables of rules: which patterns can match a text, read from the words they need.

Most of the relation engine's time went into running some two hundred regular expressions over every
sentence skeleton, although a sentence can only match the few whose words it contains: "由 A 领投" needs
"领投", an appointment needs "出任" or "appointed". Writing a hand-made `cue` for each rule would be a second
copy of each rule to keep in step with it; instead the words are read from the compiled pattern itself.
The mention finders' tables (`mentions.rules.run_rules`) are filtered the same way, over the article.

`required_literals(pattern)` walks the pattern's parse tree and returns clauses (sets of strings) such
that every match of the pattern contains at least one string of each clause somewhere in the searched
text (lookarounds included: what they look at is still in the text). It is conservative: a construct it
does not follow (a back-reference, a negated class, a case-insensitive letter outside ASCII) just adds no
clause, so a rule it cannot read runs on every sentence as before. A rule is skipped only when one of its
clauses has no string in the skeleton, and then its pattern could not have matched: the facts are the
same, only fewer patterns are tried.

`RulePlan` holds the clauses of a table of patterns and answers, for one text, which are worth running;
`plan_for` keeps one per table for the life of the process.

`guarded(pattern)` is the same pattern behind a look-ahead for the characters its matches can start
with: `re` tries a pattern at every character of a text, and one that opens with a lookbehind or an
alternation of words costs a try of every alternative there; the guard turns most characters away
after one test. Used where whole articles or sentences are scanned (dates, sums, mention tables).
"""

from __future__ import annotations

import hashlib
import re
import re._constants as _c  # type: ignore[import-not-found,unused-ignore]
import re._parser as _p  # type: ignore[import-not-found,unused-ignore]
from collections.abc import Iterable, Sequence
from pathlib import Path
from re._casefix import _EXTRA_CASES  # type: ignore[import-not-found,unused-ignore]
from typing import Any

import ahocorasick

from kg.compile_cache import python_build
from kg.storage.disk_memo import DiskMemo, memoised

#: Largest set of alternative strings followed through a concatenation (["引进", "引入"] is 2).
_CAP = 64
#: Largest character class read as a set of literal characters ("[进入]", "[从自]").
_CLASS_CAP = 12
#: Clauses kept per rule: the most selective few; more only cost look-ups.
_MAX_CLAUSES = 4

#: The characters, besides "A"-"Z", that a case-insensitive pattern treats as an ASCII letter (Python's
#: `re` documentation: "İ", "ı", "ſ" and the Kelvin sign); folded to the letter before lower-casing.
_ODD_CASE = {0x130: "i", 0x131: "i", 0x17F: "s", 0x212A: "k"}
_ODD_CASE_CHARS = tuple(chr(c) for c in _ODD_CASE)

_Exact = frozenset[str] | None
_Info = tuple[_Exact, list[frozenset[str]]]


def fold_case(text: str) -> str:
    """The form case-insensitive literals are looked up in: every character a case-insensitive
    pattern would take for an ASCII letter becomes that letter, lower-cased."""
    if any(c in text for c in _ODD_CASE_CHARS):
        text = text.translate(_ODD_CASE)
    return text.lower()


def _char(code: int, ignore_case: bool) -> str | None:
    """The character as it is looked up, or None when case folding makes it more than one string."""
    ch = chr(code)
    if not ignore_case:
        return ch
    if ch.isascii():
        return ch.lower()
    if ch.lower() == ch == ch.upper() and code not in _EXTRA_CASES and ch.casefold() == ch:
        return ch  # no case: CJK, punctuation, the skeleton's name characters
    return None


def _usable(exact: _Exact) -> bool:
    return exact is not None and len(exact) > 0 and "" not in exact


def _best(clauses: Iterable[frozenset[str]]) -> frozenset[str] | None:
    ranked = sorted(set(clauses), key=_rank)
    return ranked[0] if ranked else None


def _rank(clause: frozenset[str]) -> tuple[int, int, list[str]]:
    """Most selective first: longer shortest string, then fewer alternatives (then a fixed order)."""
    return (-min(len(s) for s in clause), len(clause), sorted(clause))


def _seq(items: Any, ignore_case: bool, cap: int = _CAP) -> _Info:
    cur: set[str] = {""}
    whole = True
    clauses: list[frozenset[str]] = []

    def flush() -> None:
        if _usable(frozenset(cur)):
            clauses.append(frozenset(cur))

    for op, av in items:
        exact, sub = _node(op, av, ignore_case, cap)
        clauses.extend(sub)
        if exact is None:
            flush()
            cur, whole = {""}, False
        elif len(cur) * len(exact) <= cap:
            cur = {a + b for a in cur for b in exact}
        else:
            flush()
            cur, whole = set(exact), False
    flush()
    return (frozenset(cur) if whole else None), clauses


def _node(op: Any, av: Any, ignore_case: bool, cap: int = _CAP) -> _Info:
    if op is _c.LITERAL:
        ch = _char(av, ignore_case)
        return (frozenset({ch}) if ch is not None else None), []
    if op is _c.IN:
        chars: set[str] = set()
        for op2, av2 in av:
            if op2 is _c.LITERAL:
                codes: Sequence[int] = (av2,)
            elif op2 is _c.RANGE and av2[1] - av2[0] < _CLASS_CAP:
                codes = range(av2[0], av2[1] + 1)
            else:
                return None, []  # a negated class, a category, a wide range
            for code in codes:
                ch = _char(code, ignore_case)
                if ch is None:
                    return None, []
                chars.add(ch)
        return (frozenset(chars) if 0 < len(chars) <= _CLASS_CAP else None), []
    if op is _c.BRANCH:
        exacts: set[str] | None = set()
        union: set[str] | None = set()
        for alt in av[1]:
            exact, sub = _seq(alt, ignore_case, cap)
            if exacts is not None:
                exacts = exacts | exact if exact is not None else None
            best = _best(sub + ([exact] if exact is not None and _usable(exact) else []))
            if union is not None:
                union = union | best if best is not None else None
        exact_out = frozenset(exacts) if exacts is not None and len(exacts) <= cap else None
        return exact_out, ([frozenset(union)] if union else [])
    if op is _c.SUBPATTERN:
        _group, add_flags, del_flags, sub_pattern = av
        inner = (ignore_case or bool(add_flags & re.IGNORECASE)) and not del_flags & re.IGNORECASE
        if inner != ignore_case:
            return None, []  # "(?-i:...)": another way of looking up; not followed
        return _seq(sub_pattern, ignore_case, cap)
    if op is _c.ATOMIC_GROUP:
        return _seq(av, ignore_case, cap)
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
        lo, hi, sub_pattern = av
        exact, sub = _seq(sub_pattern, ignore_case, cap)
        if lo == 0:
            if hi == 1 and exact is not None:
                return exact | {""}, []
            return None, []
        if exact is not None and _usable(exact):
            sub = [*sub, exact]
        return (exact if lo == hi == 1 else None), sub
    if op is _c.AT or op is _c.ASSERT_NOT:
        return frozenset({""}), []  # they consume nothing
    if op is _c.ASSERT:
        _direction, sub_pattern = av
        exact, sub = _seq(sub_pattern, ignore_case, cap)
        if exact is not None and _usable(exact):
            sub = [*sub, exact]
        return frozenset({""}), sub
    return None, []  # any character, a negated literal, a category, a back-reference, a condition


def required_literals(pattern: re.Pattern[str]) -> tuple[bool, list[frozenset[str]]]:
    """(case-insensitive, clauses): every match of `pattern` has, in the text searched, a string of
    each clause (strings of a case-insensitive pattern are lower-case, looked up in `fold_case(text)`).
    No clauses: nothing is known, the pattern must be tried.

    Read from the disk memo (`kg.storage.disk_memo`) when an earlier process worked it out: reading a
    pattern's literals parses it again, about as long as compiling it."""
    ignore_case, clauses = _literals_of(f"{pattern.flags}|{pattern.pattern}")
    return ignore_case, [frozenset(clause) for clause in clauses]


def _required_literals(key: str) -> tuple[bool, list[list[str]]]:
    """`required_literals` of the pattern `key` names ("flags|text"), as JSON values."""
    flags, _bar, text = key.partition("|")
    ignore_case, kept = _parsed_literals(text, int(flags))
    return ignore_case, [sorted(clause) for clause in kept]


def _parsed_literals(text: str, flags: int) -> tuple[bool, list[frozenset[str]]]:
    parsed = _p.parse(text, flags)
    ignore_case = bool(parsed.state.flags & re.IGNORECASE)
    exact, clauses = _seq(parsed, ignore_case)
    if exact is not None and _usable(exact):
        clauses = [*clauses, exact]
    kept: list[frozenset[str]] = []
    for clause in sorted(set(clauses), key=_rank):
        if any(k <= clause for k in kept):
            continue  # a clause with more alternatives than a kept one says less
        kept.append(clause)
        if len(kept) == _MAX_CLAUSES:
            break
    return ignore_case, kept


#: The clauses depend on this module's code and on the Python build's parser: the memo's file is named
#: after both.
_SOURCE_DIGEST = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()
_literals_of = memoised(DiskMemo("prefilter", f"{python_build()}|{_SOURCE_DIGEST}"), _required_literals)


class RulePlan:
    """The clauses of a list of patterns, and per skeleton the indices of the patterns worth trying.

    Every string of every clause goes into one Aho-Corasick automaton (one more for the strings of
    case-insensitive patterns, run over the folded skeleton): one pass over a skeleton says which
    strings it contains. A pattern is indexed under the strings of its first (most selective) clause,
    so only the patterns one of those strings points to have their other clauses checked.
    """

    def __init__(self, patterns: Sequence[re.Pattern[str]]) -> None:
        ids: dict[tuple[bool, str], int] = {}
        #: per pattern, its clauses after the first (the first one indexes it in `_by_literal`)
        self._rest: list[list[frozenset[int]]] = []
        self._by_literal: dict[int, list[int]] = {}
        self._always: list[int] = []  # patterns without clauses
        for k, pattern in enumerate(patterns):
            ignore_case, clauses = required_literals(pattern)
            coded = [frozenset(ids.setdefault((ignore_case, s), len(ids)) for s in clause) for clause in clauses]
            self._rest.append(coded[1:])
            if not coded:
                self._always.append(k)
            for i in coded[0] if coded else ():
                self._by_literal.setdefault(i, []).append(k)
        self._plain = ahocorasick.Automaton()
        self._folded = ahocorasick.Automaton()
        for (ignore_case, s), i in ids.items():
            (self._folded if ignore_case else self._plain).add_word(s, i)
        for automaton in (self._plain, self._folded):
            if len(automaton):
                automaton.make_automaton()
        self.n_literals = len(ids)
        self._patterns = list(patterns)
        self._scanners: dict[int, re.Pattern[str]] = {}

    def scanner(self, k: int) -> re.Pattern[str]:
        """Pattern `k` as it is best scanned over a long text: the same matches, behind a first-character
        guard (`guarded`), compiled on first use."""
        scan = self._scanners.get(k)
        if scan is None:
            scan = self._scanners[k] = guarded(self._patterns[k])
        return scan

    def candidates(self, text: str) -> list[int]:
        """Indices of the patterns that may match `text` (in order)."""
        present = {i for _end, i in self._plain.iter(text)} if len(self._plain) else set()
        if len(self._folded):
            present.update(i for _end, i in self._folded.iter(fold_case(text)))
        found = set(self._always)
        by_literal = self._by_literal
        for i in present:
            if i in by_literal:
                found.update(by_literal[i])
        rest = self._rest
        return sorted(k for k in found if all(not clause.isdisjoint(present) for clause in rest[k]))


#: One plan per table of patterns, by the identity of the (immutable) patterns, which are kept with it
#: so that their ids cannot be taken by others.
_PLANS: dict[tuple[int, ...], tuple[tuple[re.Pattern[str], ...], RulePlan]] = {}


def plan_for(patterns: Sequence[re.Pattern[str]]) -> RulePlan:
    """The plan of a table of patterns, made on first use."""
    key = tuple(map(id, patterns))
    cached = _PLANS.get(key)
    if cached is None:
        cached = _PLANS[key] = (tuple(patterns), RulePlan(patterns))
    return cached[1]


# -- first-character guards ---------------------------------------------------------------------------

_CATEGORY_CLASS = {
    _c.CATEGORY_DIGIT: r"\d", _c.CATEGORY_NOT_DIGIT: r"\D", _c.CATEGORY_SPACE: r"\s",
    _c.CATEGORY_NOT_SPACE: r"\S", _c.CATEGORY_WORD: r"\w", _c.CATEGORY_NOT_WORD: r"\W",
}
_First = tuple[bool, list[tuple[Any, Any]]] | None  # (can match empty, first-character class items)


def _first_seq(items: Any, ignore_case: bool) -> _First:
    firsts: list[tuple[Any, Any]] = []
    for op, av in items:
        found = _first_node(op, av, ignore_case)
        if found is None:
            return None
        nullable, chars = found
        firsts += chars
        if not nullable:
            return False, firsts
    return True, firsts


def _first_node(op: Any, av: Any, ignore_case: bool) -> _First:
    if op is _c.LITERAL:
        return False, [(op, av)]
    if op is _c.IN:
        if any(op2 is _c.NEGATE or (op2 is _c.CATEGORY and av2 not in _CATEGORY_CLASS) for op2, av2 in av):
            return None
        return False, list(av)
    if op is _c.BRANCH:
        nullable, chars = False, []
        for alt in av[1]:
            found = _first_seq(alt, ignore_case)
            if found is None:
                return None
            nullable = nullable or found[0]
            chars += found[1]
        return nullable, chars
    if op is _c.SUBPATTERN:
        _group, add_flags, del_flags, sub_pattern = av
        if (add_flags | del_flags) & re.IGNORECASE:
            return None
        return _first_seq(sub_pattern, ignore_case)
    if op is _c.ATOMIC_GROUP:
        return _first_seq(av, ignore_case)
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
        lo, hi, sub_pattern = av
        found = _first_seq(sub_pattern, ignore_case)
        if found is None:
            return None
        return (lo == 0 or found[0]), (found[1] if hi != 0 else [])
    if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
        return True, []  # zero width: the first character is the next item's
    return None  # any character, a negated literal, a back-reference, a condition


def _class_item(op: Any, av: Any) -> str:
    if op is _c.LITERAL:
        return f"\\U{av:08x}"
    if op is _c.RANGE:
        return f"\\U{av[0]:08x}-\\U{av[1]:08x}"
    return _CATEGORY_CLASS[av]


def guarded(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """`pattern` with a look-ahead for the characters its matches can start with, when that is known.

    The same matches at the same places with the same groups (the look-ahead is zero-width and the
    pattern cannot match the empty string), found faster: `re` tries a pattern that opens with a
    lookbehind, an alternation of words or a case-insensitive word at every character, and the
    look-ahead turns away most characters after one test instead of a try of every alternative.
    Returns `pattern` itself when its first characters cannot be read or it can match nothing.
    """
    try:
        parsed = _p.parse(pattern.pattern, pattern.flags)
    except re.error:
        return pattern
    found = _first_seq(parsed, bool(parsed.state.flags & re.IGNORECASE))
    if found is None or found[0] or not found[1]:
        return pattern
    cls = "".join(dict.fromkeys(_class_item(op, av) for op, av in found[1]))
    try:
        # (in verbose mode the pattern may end in a comment, which a line break closes)
        close = "\n)" if pattern.flags & re.VERBOSE else ")"
        return re.compile(f"(?=[{cls}])(?:{pattern.pattern}{close}", pattern.flags)
    except re.error:
        return pattern  # a pattern that opens with global inline flags

