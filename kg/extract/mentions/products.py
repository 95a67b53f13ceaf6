"""Product names with a version number in a product context ("Orion-2", "的 Nova-3.5")."""

from __future__ import annotations

import re

from kg.extract.mentions.base import Occurrence
from kg.extract.mentions.rules import MentionRule, run_rules
from kg.extract.text import NormText
from kg.terms import C

# -- products ------------------------------------------------------------------------------------

_PRODUCT_RE = re.compile(
    r"(?<![A-Za-z0-9.\-])(?P<p>[A-Z][A-Za-z]*(?:-[A-Za-z]+)*-?[A-Za-z]?\d+(?:\.\d+)*[A-Za-z]*(?:-[A-Za-z0-9]+)*)"
    r"(?![A-Za-z0-9\-]|\.\d)"
)
_PRODUCT_BEFORE = re.compile(
    r"(?:推出|发布|上线|开源|旗下|的|模型|大模型|产品|launched|released|unveiled|model|its)"
    r"\s*,?\s*(?:了|新一代|最新|新版|旗舰)?\s*$",
    re.IGNORECASE,
)
_PRODUCT_AFTER = re.compile(r"^\s*(?:模型|大模型|系列|model|models)", re.IGNORECASE)


def _versioned_product(rule: MentionRule[list[Occurrence]], m: re.Match[str], out: list[Occurrence]) -> None:
    """A versioned name is a product only with a product word or verb next to it."""
    text = m.string
    name = m.group("p")
    if re.fullmatch(r"[A-Z]\d+|Q\d|H\d+|[A-Z]{1,2}\d{1,2}", name) or re.search(r"\d{4,}", name):
        return  # a round (A1), a quarter (Q3), a chip code or a year, not a product
    before = text[max(0, m.start() - 8) : m.start()]
    after = text[m.end() : m.end() + 6]
    if _PRODUCT_BEFORE.search(before) or _PRODUCT_AFTER.match(after):
        out.append(Occurrence(m.start(), m.end(), {C.Product}, rule.cue, rule.confidence))


#: The finder's table (see `kg.extract.mentions.rules`): one rule so far.
PRODUCT_RULES: tuple[MentionRule[list[Occurrence]], ...] = (
    MentionRule("versioned-product", _PRODUCT_RE, _versioned_product, "product-pattern", 0.6, ("p",)),
)


def product_occurrences(nt: NormText) -> list[Occurrence]:
    """Products named with a version number, by `PRODUCT_RULES`."""
    return run_rules(PRODUCT_RULES, nt.text, [])
