"""A mention finder as a table, the way relation extraction is one (`relations.engine.Rule`): each
way a name is stated is one regular expression, with a cheap gate on the text, the named group(s)
holding the name, the cue (or method) and confidence the finding gets, and a small handler that
checks the match and hands what it accepts to a sink.

The table's order is the order of calls to the sink; where the sink keeps the first proposal for a
span (the context finder), the order is part of the meaning, so a table is a tuple, not a set.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from kg.extract.prefilter import plan_for

__all__ = ["MentionRule", "run_rules", "words_gate"]

S = TypeVar("S")


@dataclass(frozen=True)
class MentionRule(Generic[S]):
    """One pattern of a mention finder.

    `handler(rule, match, sink)` reads the rule's cue, confidence and groups, so one handler serves
    every rule that differs only in those; `gate(text)`, when set, skips the pattern's scan of a text
    that cannot match (a rare cue word absent): an article is scanned once per pattern.
    """

    name: str
    regex: re.Pattern[str]
    handler: Callable[[MentionRule[S], re.Match[str], S], None]
    cue: str
    confidence: float
    groups: tuple[str, ...] = ("n",)
    gate: Callable[[str], bool] | None = None

    def group_of(self, m: re.Match[str]) -> str:
        """The first of the rule's name groups that took part in the match (alternatives of a regex
        name the same thing in different places)."""
        return next(g for g in self.groups if m.group(g) is not None)


def words_gate(*words: str) -> Callable[[str], bool]:
    """A gate passing a text that contains any of `words`."""

    def gate(text: str) -> bool:
        return any(word in text for word in words)

    gate.__name__ = f"any_of({'|'.join(words)})"
    return gate


def run_rules(rules: Sequence[MentionRule[S]], text: str, sink: S) -> S:
    """Every rule over `text` in the table's order, each match to the rule's handler.

    A rule whose pattern needs words the text lacks is not run (`kg.extract.prefilter`: it could not
    match); the others run in the table's order, as before."""
    plan = plan_for([rule.regex for rule in rules])
    for k in plan.candidates(text):
        rule = rules[k]
        if rule.gate is not None and not rule.gate(text):
            continue
        handler = rule.handler
        for m in plan.scanner(k).finditer(text):
            handler(rule, m, sink)
    return sink
