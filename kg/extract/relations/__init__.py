"""Relation rules: typed facts between the entities of one sentence, with their attributes.

Each sentence is turned into a *skeleton*: the normalised sentence with every entity mention
replaced by one private-use character (organisations, people and products in separate ranges). Rules
are regular expressions over skeletons, so one rule says "由 ORG-LIST 领投" once, whatever the names,
their length or their script; a handler then checks the types of the captured entities and builds
the facts. Dates and sums are read from the same skeleton (names cannot be mistaken for numbers).

Facts that need more than one sentence (the company a funding list belongs to, the round it is
part of, the company "公司"/"the company" refers to) come from a small running context: the last
company named as a subject, the current funding episode, the current IPO story.

The package: `engine` (skeletons, context, helpers), one module of rules and their handlers per kind
of fact (`funding`, `ipo`, `people` for titles and roles, `careers`, `founding`, `ownership`, `other`),
`investing` (the step every funding handler ends in), `rules` (the rule list: those modules' lists in
order), and here the entry point.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from kg.extract.mentions import Occurrence, root_of
from kg.extract.relations.engine import CAP, ORG0, PER0, PROD0, Engine, EntityView, RelationCandidate, View
from kg.extract.relations.investing import settle_lone_investors
from kg.extract.relations.other import settle_lone_products
from kg.extract.relations.people import apply_leave_cue
from kg.extract.relations.rules import RULES
from kg.extract.text import NormText, Sentence
from kg.terms import C

__all__ = ["EntityView", "RelationCandidate", "extract_relations"]

# -- entry point -------------------------------------------------------------------------------------


def _views(nt: NormText, sentences: list[Sentence], occs: list[Occurrence]) -> list[View]:
    views = []
    k = 0
    ordered = sorted(occs, key=lambda o: o.start)
    for sent in sentences:
        while k < len(ordered) and ordered[k].start < sent.start:
            k += 1
        parts: list[str] = []
        pos: list[int] = []
        groups: dict[str, int] = {}
        occ_map: dict[str, Occurrence] = {}
        cursor = sent.start
        counters = {C.Organization: 0, C.Person: 0, C.Product: 0}
        j = k
        while j < len(ordered) and ordered[j].end <= sent.end:
            o = ordered[j]
            j += 1
            root = root_of(o.types)
            n = counters[root]
            if o.start < cursor or n >= CAP:
                continue
            parts.append(nt.text[cursor : o.start])
            pos.extend(range(cursor, o.start))
            base = {C.Organization: ORG0, C.Person: PER0, C.Product: PROD0}[root]
            counters[root] += 1
            ch = chr(base + n)
            parts.append(ch)
            pos.append(o.start)
            groups[ch] = o.group
            occ_map[ch] = o
            cursor = o.end
            # "X (Y)" or "X (Y, 2671.HK)" where Y is another name of X: the skeleton reads "X" or
            # "X (2671.HK)", so the rules see one name where the text gives two
            if j < len(ordered) and ordered[j].group == o.group and ordered[j].end <= sent.end:
                o2 = ordered[j]
                opening = re.fullmatch(r"\s*\(\s*", nt.text[o.end : o2.start])
                closing = re.match(r"\s*\)|\s*[,;]\s*(?=[^()]{1,24}\))", nt.text[o2.end : sent.end])
                if opening and closing:
                    j += 1
                    if closing.group(0).strip() == ")":
                        cursor = o2.end + closing.end()
                    else:
                        parts.append(nt.text[o.end : o.end + opening.end()])
                        pos.extend(range(o.end, o.end + opening.end()))
                        cursor = o2.end + closing.end()
        parts.append(nt.text[cursor : sent.end])
        pos.extend(range(cursor, sent.end))
        pos.append(sent.end)
        views.append(View(sent, "".join(parts), pos, groups, occ_map))
    return views


def _after_sentence(engine: Engine, view: View) -> None:
    """What a sentence said as a whole: a leave cue turns its positions into departures, and funds
    left without a part in a sentence about an investment are its investors; products without a
    maker are the sentence's (or the passage's) company's."""
    apply_leave_cue(engine, view)
    settle_lone_investors(engine, view)
    settle_lone_products(engine, view)


def extract_relations(
    nt: NormText,
    sentences: list[Sentence],
    occs: list[Occurrence],
    entities: dict[int, EntityView],
    published: str | None,
    key_group: Callable[..., int],
) -> tuple[list[RelationCandidate], dict[int, set[str]], dict[int, dict[str, Any]], list[tuple[str, str]]]:
    """Run every rule over every sentence.

    `key_group(key, start, end)` returns the group of a gazetteer entity the text implies but may not
    name (the exchange behind "a Hong Kong debut"), creating it if needed. Returns the relation
    candidates, type and attribute upgrades learnt from context, and dropped candidates.
    """
    salience: dict[int, int] = {}
    for o in occs:
        salience[o.group] = salience.get(o.group, 0) + 1
    engine = Engine(nt, entities, published, key_group, salience)
    engine.run(_views(nt, sentences, occs), RULES, _after_sentence)
    return engine.out, engine.ctx.type_updates, engine.ctx.attr_updates, engine.dropped
