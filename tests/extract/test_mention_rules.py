"""The mention finders written as tables (issue 14): each table is well formed (unique names, every
group a handler reads is in its pattern), the context table keeps the first proposal for a span, and
`context_org_spans` still finds names by the part they play, and not the words around a description."""

from __future__ import annotations

import inspect
import re

import pytest

from kg.extract.context import context_org_spans
from kg.extract.mentions.context_rules import CONTEXT_RULES, Spans
from kg.extract.mentions.government import GOVERNMENT_RULES
from kg.extract.mentions.orgs_en import EN_SUFFIX_RULES
from kg.extract.mentions.products import PRODUCT_RULES
from kg.extract.mentions.rules import MentionRule
from kg.extract.text import normalize_text

TABLES: dict[str, tuple[MentionRule, ...]] = {
    "context": CONTEXT_RULES,
    "products": PRODUCT_RULES,
    "government": GOVERNMENT_RULES,
    "en-suffix": EN_SUFFIX_RULES,
}
ALL_RULES = [(table, rule) for table, rules in TABLES.items() for rule in rules]
#: A group read by name in a handler's source: m.group("n"), m.span("list"), m.start("n") ...
_GROUP_READ = re.compile(r"\bm\.(?:group|span|start|end)\(\s*\"(\w+)\"")


def _spans(sentence: str) -> dict[str, str]:
    text = normalize_text(sentence).text
    return {text[s:e]: cue for s, e, cue, _conf in context_org_spans(text)}


def test_rule_names_are_unique_across_every_table() -> None:
    names = [rule.name for _table, rule in ALL_RULES]
    assert len(names) == len(set(names))


@pytest.mark.parametrize(("table", "rule"), ALL_RULES, ids=[f"{t}:{r.name}" for t, r in ALL_RULES])
def test_every_rule_compiles_and_has_the_groups_its_handler_reads(table: str, rule: MentionRule) -> None:
    assert isinstance(rule.regex, re.Pattern)
    assert 0 < rule.confidence <= 1 and rule.cue
    declared = set(rule.groups)
    read = set(_GROUP_READ.findall(inspect.getsource(rule.handler)))
    assert declared <= set(rule.regex.groupindex), f"{rule.name} declares a group its pattern lacks"
    assert read <= set(rule.regex.groupindex), f"{rule.name}'s handler reads a group its pattern lacks"


def test_the_first_proposal_for_a_span_keeps_its_cue() -> None:
    """Why the table's order is part of its meaning: a later rule on the same words only fills gaps."""
    spans = Spans("霁岚科技与北辰资本")
    spans.add(0, 4, "investor-list", 0.65)
    spans.add(0, 4, "subject", 0.6)
    spans.add(5, 9, "subject", 0.6)
    assert spans.spans() == [(0, 4, "investor-list", 0.65), (5, 9, "subject", 0.6)]


def test_a_funded_company_and_its_backers_are_found_by_their_parts() -> None:
    found = _spans("据悉,澄岚微电近日完成了数千万元天使轮融资,由远川资本领投,青枫创投、南桥资本跟投。")
    assert found["澄岚微电"] == "subject"
    assert found["青枫创投"] == found["南桥资本"] == "investor-list"


def test_an_english_subject_and_the_investors_leading_its_round() -> None:
    found = _spans("Veltora raised $40 million in a round led by Brightwater Partners and Osk Ventures.")
    assert found == {"Veltora": "subject", "Brightwater Partners": "investor-list", "Osk Ventures": "investor-list"}


def test_a_description_in_the_subjects_place_is_no_name() -> None:
    """The near miss: the same cues after "该公司" and "The startup" name nobody."""
    assert _spans("该公司近日完成了数千万元天使轮融资。") == {}
    assert _spans("The startup raised money last year, sources said.") == {}


def test_products_after_a_product_word_are_products_not_companies() -> None:
    found = _spans("公司推出AI助手“墨语”,并发布了机器人灵犀R2。")
    assert found == {"墨语": "product", "灵犀R2": "product"}
