"""The rule list: one regular expression over sentence skeletons per way the news states a fact, each
with the handler that checks the captured entities and emits the facts.

Each handler module defines its rules beside its handlers (issue 14), so a rule and the code that reads
its groups are read together; this module only puts the modules' lists in order. Order matters where
rules overlap: within a sentence the handlers run in rule order, and later ones read the context and
the facts earlier ones set (a funding episode, the story's company, founders already named). Where other
modules' rules sit between a module's rules, the module exports several lists; the order below is the
order of the single table this module used to hold, kept rule for rule.
"""

from __future__ import annotations

from kg.extract.relations.careers import (
    APPOINTED_AND_FORMER_ROLE_RULES_EN,
    APPOINTED_RULES_EN,
    CAREER_RULES_EN,
    CAREER_RULES_ZH,
    FORMER_ROLE_RULES_ZH,
)
from kg.extract.relations.engine import Rule
from kg.extract.relations.founding import (
    FOUNDED_AFTER_APPOSITION_RULES_EN,
    FOUNDED_BY_AND_ALUMNI_RULES,
    FOUNDER_LIST_RULES_ZH,
    FOUNDER_PREVIOUSLY_RULES_EN,
    FOUNDER_PRONOUN_RULES,
    FOUNDING_RULES_EN,
    FOUNDING_RULES_ZH,
    VENTURE_AND_ALUMNI_RULES_ZH,
)
from kg.extract.relations.funding import FUNDING_RULES, SAID_STAKE_RULES_EN
from kg.extract.relations.ipo import IPO_RULES
from kg.extract.relations.other import PRODUCT_RULES, SPINOFF_AND_CONTROL_RULES, STATE_APPOSITION_RULES
from kg.extract.relations.ownership import OWNERSHIP_RULES
from kg.extract.relations.people import (
    FORMER_ROLE_APPOSITION_RULES_EN,
    ROLE_AFTER_FOUNDING_RULES_EN,
    ROLE_RULES_EN,
    ROLE_RULES_ZH,
    TITLE_TOPIC_RULES_EN,
    TITLE_TOPIC_RULES_ZH,
)

RULES: list[Rule] = [
    # funding (Chinese, then English) and IPOs
    *FUNDING_RULES,
    *IPO_RULES,
    # people, Chinese
    *ROLE_RULES_ZH,
    *FOUNDING_RULES_ZH,
    *FORMER_ROLE_RULES_ZH,
    *VENTURE_AND_ALUMNI_RULES_ZH,
    # English appointments and former roles, with one funding rule among them ("A said B will buy a stake")
    *APPOINTED_RULES_EN,
    *SAID_STAKE_RULES_EN,
    *APPOINTED_AND_FORMER_ROLE_RULES_EN,
    # Chinese founder lists and founding teams, then careers and a title taken at the company of the story
    *FOUNDER_LIST_RULES_ZH,
    *CAREER_RULES_ZH,
    *TITLE_TOPIC_RULES_ZH,
    # people, English (a Chinese founding rule, "由X创立", opens the first list)
    *FOUNDED_BY_AND_ALUMNI_RULES,
    *ROLE_RULES_EN,
    *FOUNDED_AFTER_APPOSITION_RULES_EN,
    *TITLE_TOPIC_RULES_EN,
    *FOUNDING_RULES_EN,
    *CAREER_RULES_EN,
    *FORMER_ROLE_APPOSITION_RULES_EN,
    *FOUNDER_PREVIOUSLY_RULES_EN,
    *ROLE_AFTER_FOUNDING_RULES_EN,
    # products, spin-offs and control
    *PRODUCT_RULES,
    *SPINOFF_AND_CONTROL_RULES,
    # ownership and look-through, next to the older controlled-by rules
    *OWNERSHIP_RULES,
    *STATE_APPOSITION_RULES,
    # pronouns for founders: after every other rule, so founders named in the sentence are known
    *FOUNDER_PRONOUN_RULES,
]
