"""The rule prefilter and scanning guard (`kg.extract.prefilter`): a pattern is skipped only where it
could not match, and a guarded pattern finds exactly what the pattern finds.

Both are checked on the project's own tables (every relation rule, every mention finder's table, the
date and sum patterns) with strings made to match each pattern (a random walk through its parse tree,
with text around it, letters in other cases and the odd characters a case-insensitive pattern takes for
ASCII letters), and on the skeletons and sentences of the example articles.
"""

from __future__ import annotations

import random
import re
import re._constants as _c  # type: ignore[import-not-found,unused-ignore]
import re._parser as _p  # type: ignore[import-not-found,unused-ignore]
from typing import Any

import pytest

from kg.extract import extract
from kg.extract.mentions.context_rules import CONTEXT_RULES
from kg.extract.mentions.government import GOVERNMENT_RULES
from kg.extract.mentions.orgs_en import EN_SUFFIX_RULES
from kg.extract.mentions.products import PRODUCT_RULES
from kg.extract.normalize import _DATE_RE, _MONEY_RE
from kg.extract.prefilter import RulePlan, fold_case, guarded, plan_for, required_literals
from kg.extract.relations import engine
from kg.extract.relations.rules import RULES
from kg.extract.text import normalize_text, split_sentences
from kg.ingest.readers import iter_articles
from tests import paths

TABLES = {
    "relations": [rule.regex for rule in RULES],
    "context": [rule.regex for rule in CONTEXT_RULES],
    "government": [rule.regex for rule in GOVERNMENT_RULES],
    "en-suffix": [rule.regex for rule in EN_SUFFIX_RULES],
    "products": [rule.regex for rule in PRODUCT_RULES],
    "normalisers": [_DATE_RE, _MONEY_RE],
}

#: Characters a random walk writes for a class it cannot enumerate (the skeleton's name characters,
#: digits, spaces, Chinese, Latin, punctuation).
_FILLER = "\ue000\ue001\ue800\uf000 0123456789,.、。的是在AaZz公司融资-()%"
_CATEGORY_CHARS = {
    _c.CATEGORY_DIGIT: "0123456789", _c.CATEGORY_NOT_DIGIT: "a中 ,", _c.CATEGORY_SPACE: " \t\n",
    _c.CATEGORY_NOT_SPACE: "aZ0中,", _c.CATEGORY_WORD: "aZ0_中", _c.CATEGORY_NOT_WORD: " ,。-",
}


def _walk(items: Any, rng: random.Random, groups: dict[int, str]) -> str:
    """A string that may match the parsed pattern (zero-width checks are not honoured: callers keep
    the strings the pattern does match)."""
    out = []
    for op, av in items:
        if op is _c.LITERAL:
            out.append(chr(av))
        elif op is _c.NOT_LITERAL:
            out.append(rng.choice([c for c in _FILLER if ord(c) != av]))
        elif op is _c.ANY:
            out.append(rng.choice(_FILLER))
        elif op is _c.IN:
            choices: list[str] = []
            negate = False
            for op2, av2 in av:
                if op2 is _c.NEGATE:
                    negate = True
                elif op2 is _c.LITERAL:
                    choices.append(chr(av2))
                elif op2 is _c.RANGE:
                    choices += [chr(av2[0]), chr(av2[1]), chr(rng.randint(av2[0], av2[1]))]
                elif op2 is _c.CATEGORY:
                    choices += list(_CATEGORY_CHARS.get(av2, "a"))
            if negate:
                choices = [c for c in _FILLER if c not in choices] or ["\x01"]
            out.append(rng.choice(choices))
        elif op is _c.BRANCH:
            out.append(_walk(rng.choice(av[1]), rng, groups))
        elif op is _c.SUBPATTERN:
            text = _walk(av[3], rng, groups)
            if av[0] is not None:
                groups[av[0]] = text
            out.append(text)
        elif op is _c.ATOMIC_GROUP:
            out.append(_walk(av, rng, groups))
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
            lo, hi = av[0], min(av[1], av[0] + 2)
            out += [_walk(av[2], rng, groups) for _ in range(rng.randint(lo, hi))]
        elif op is _c.GROUPREF:
            out.append(groups.get(av, ""))
        elif op is _c.GROUPREF_EXISTS:
            out.append(_walk(av[1] if av[0] in groups or av[2] is None else av[2], rng, groups))
    return "".join(out)


def _variants(text: str, rng: random.Random) -> list[str]:
    """The string alone, inside other text, with its letters' cases flipped, and with the characters
    `re` takes for "i", "s" and "k" in a case-insensitive pattern."""
    flipped = "".join(c.swapcase() if c.isascii() and rng.random() < 0.5 else c for c in text)
    odd = text.translate({ord("i"): "ı", ord("s"): "ſ", ord("k"): "\u212a", ord("I"): "İ"})
    return [text, f"据悉,{text}。", f"{rng.choice(_FILLER)} {text} {rng.choice(_FILLER)}", flipped, odd]


def _samples(pattern: re.Pattern[str], n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    parsed = _p.parse(pattern.pattern, pattern.flags)
    return [v for _ in range(n) for v in _variants(_walk(parsed, rng, {}), rng)]


@pytest.mark.parametrize("table", sorted(TABLES))
def test_a_pattern_that_matches_a_text_is_among_its_candidates(table: str) -> None:
    patterns = TABLES[table]
    plan = RulePlan(patterns)
    tried = matched = 0
    for k, pattern in enumerate(patterns):
        for text in _samples(pattern, 12, seed=k):
            tried += 1
            if pattern.search(text):
                matched += 1
                assert k in plan.candidates(text), (table, k, pattern.pattern[:80], text)
    assert matched > tried / 4  # the walks do reach the patterns' matches


@pytest.mark.parametrize("table", sorted(TABLES))
def test_a_guarded_pattern_finds_what_the_pattern_finds(table: str) -> None:
    for k, pattern in enumerate(TABLES[table]):
        scan = guarded(pattern)
        for text in _samples(pattern, 6, seed=100 + k):
            assert [m.span() for m in scan.finditer(text)] == [m.span() for m in pattern.finditer(text)], text
            assert [m.groups() for m in scan.finditer(text)] == [m.groups() for m in pattern.finditer(text)]


def _example_texts() -> list[str]:
    texts = []
    for _path, outcome in iter_articles([paths.EXAMPLES, paths.DATA / "written"]):
        if not isinstance(outcome, Exception):
            texts += [normalize_text(a.text).text for a in outcome]
    return texts


def test_on_the_examples_no_rule_that_matches_a_skeleton_is_skipped(monkeypatch: pytest.MonkeyPatch) -> None:
    skeletons: list[str] = []
    run = engine.Engine.run

    def spy(self: engine.Engine, views: list[engine.View], rules: list[engine.Rule], after: Any) -> None:
        skeletons.extend(view.skel for view in views)
        run(self, views, rules, after)

    monkeypatch.setattr(engine.Engine, "run", spy)
    for _path, outcome in iter_articles([paths.EXAMPLES, paths.DATA / "written"]):
        for article in [] if isinstance(outcome, Exception) else outcome:
            extract(article)
    plan = plan_for(TABLES["relations"])
    assert len(skeletons) > 300
    for skel in skeletons:
        found = set(plan.candidates(skel))
        assert {k for k, p in enumerate(TABLES["relations"]) if p.search(skel)} <= found, skel
    # and the filter does filter: most rules are not tried on a sentence
    assert sum(len(plan.candidates(s)) for s in skeletons) < len(skeletons) * len(RULES) / 10


def test_on_the_examples_the_mention_tables_and_normalisers_find_the_same() -> None:
    for text in _example_texts():
        sentences = [text[s.start:s.end] for s in split_sentences(text)]
        for name, patterns in TABLES.items():
            if name == "relations":
                continue
            plan = plan_for(patterns)
            found = set(plan.candidates(text))
            for k, pattern in enumerate(patterns):
                assert k in found or not pattern.search(text), (name, k)
                for piece in [text, *sentences]:
                    spans = [m.span() for m in plan.scanner(k).finditer(piece)]
                    assert spans == [m.span() for m in pattern.finditer(piece)], (name, k)


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (re.compile("由(?:A|B)领投"), (False, [frozenset({"由A领投", "由B领投"})])),
        # a part the strings cannot cross ("\\s*") splits them into clauses, all needed, the surest first
        (re.compile(r"由(?:A|B)\s*领投"), (False, [frozenset({"领投"}), frozenset({"由A", "由B"})])),
        (re.compile("引[进入]"), (False, [frozenset({"引进", "引入"})])),
        # a case-insensitive pattern's strings are folded: looked up in fold_case(text)
        (re.compile("Stake|shares", re.IGNORECASE), (True, [frozenset({"stake", "shares"})])),
        # what a lookahead needs is in the text too
        (re.compile("a(?=领投)"), (False, [frozenset({"领投"}), frozenset({"a"})])),
        # optional parts and negative lookarounds say nothing; a pattern of them alone has no clause
        (re.compile("(?:领投)?x*(?!跟投)"), (False, [])),
        # "(?-i:...)" is looked up another way: not followed
        (re.compile("(?-i:Abc)", re.IGNORECASE), (True, [])),
    ],
)
def test_required_literals(pattern: re.Pattern[str], expected: tuple[bool, list[frozenset[str]]]) -> None:
    assert required_literals(pattern) == expected


def test_fold_case_reads_letters_as_a_case_insensitive_pattern_does() -> None:
    assert fold_case("ſTAKE İn \u212aKR") == "stake in kkr"
    for odd in "İıſ\u212a":
        assert re.fullmatch(fold_case(odd), odd, re.IGNORECASE)


@pytest.mark.parametrize(
    "pattern",
    [
        re.compile(r"x*"),  # matches the empty string: left as it is
        re.compile(r"(?i)abc"),  # global flags must open the pattern: left as it is
        re.compile(r"[^a]b"),  # may open with anything: left as it is
    ],
)
def test_patterns_that_cannot_be_guarded_are_returned_unchanged(pattern: re.Pattern[str]) -> None:
    assert guarded(pattern) is pattern


def test_a_guard_keeps_groups_lookbehinds_case_and_verbose_comments() -> None:
    pattern = re.compile(r"(?<![\d.])(?P<n>\d+)\s*(?:亿|million)  # a sum\n", re.IGNORECASE | re.VERBOSE)
    scan = guarded(pattern)
    assert scan is not pattern and scan.groupindex == pattern.groupindex
    text = "3.5亿与 12 MILLION, 7亿"
    assert [m.group("n") for m in scan.finditer(text)] == [m.group("n") for m in pattern.finditer(text)]
    assert [m.group("n") for m in scan.finditer(text)] == ["12", "7"]
