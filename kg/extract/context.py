"""Organisations the gazetteer does not know, found by the role they play in a sentence.

A name no list and no suffix rule catches can still be told apart by its context:

- members of an investor list before 领投 / 跟投 / 参投 ... or after 投资方包括 / 股东包括, and in
  English after "led by", "with participation from", "backed by", "investors including";
- the subject of 完成 … 融资, 递表, 通过聆讯, 上市 and of "raised", "filed for", "priced", "was
  founded", "passed its listing hearing"; "Beijing-based X", "founded X", "a round in X";
- the investor in 获得X的战略投资, and lists closed by 等产业资本 / 等老股东;
- the organisation in an apposition with a title and a person ("X联合创始人兼CTO张三",
  "chief executive of X", "X's founder", "X co-founder"), and the former employers in "前X、Y高管";
- a quoted brand before 旗下 / 公司 ("“X”旗下"), and a Latin brand written in mixed case ("MiniMax",
  "StepFun") next to a company cue in Chinese text;
- a quoted name after a product word ("旗下产品“X”", "AI助手「X」"): a product, not an organisation.

Every proposal is checked: the words must look like a proper name (jieba tags it as one or does not
know it, or it is Latin), must not be a description ("人工智能公司", "多家机构") and must not contain a
function word or an ordinary verb. What is found here has a lower priority than the gazetteer, the
suffix rules and people found by role, so it only fills gaps.

Each of these is one rule of the table `kg.extract.mentions.context_rules.CONTEXT_RULES` (its patterns
in `context_patterns`, the checks of a name in `context_names`); this module runs the table.
"""

from __future__ import annotations

from kg.extract.mentions.context_rules import CONTEXT_RULES, Spans
from kg.extract.mentions.rules import run_rules

__all__ = ["context_org_spans"]


def context_org_spans(text: str) -> list[tuple[int, int, str, float]]:
    """(start, end, cue, confidence) of organisation names found by context in normalised `text`.

    The rules run in the table's order and the first proposal for a span keeps its cue and
    confidence, so the table's order is the order of trust."""
    return run_rules(CONTEXT_RULES, text, Spans(text)).spans()
