"""The rule list: one regular expression over sentence skeletons per way the news states a fact, each
with the handler that checks the captured entities and emits the facts.

Each handler module defines its rules beside its handlers (issue 14); this module only puts them in
order. Order matters where rules overlap: earlier rules set the context later ones read (a funding
episode, the story's company, a person's title), and where two rules match the same words the first
one's facts are the ones kept. A module's rules are therefore split into several lists where other
modules' rules sit between them; the order below is the order the single table had, and it is kept
as is.
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
    ROLE_RULES_EN,
    ROLE_RULES_ZH,
    TITLE_TOPIC_RULES_EN,
    TITLE_TOPIC_RULES_ZH,
)

RULES: list[Rule] = [
    # funding first, Chinese then English: the episode a round opens is what later sentences' lists join
    *FUNDING_RULES,
    *IPO_RULES,
    # people, Chinese: titles beside names before foundings, so a founder's title is read once
    *ROLE_RULES_ZH,
    *FOUNDING_RULES_ZH,
    *FORMER_ROLE_RULES_ZH,
    *VENTURE_AND_ALUMNI_RULES_ZH,
    # English appointments, with one funding rule among them ("A said B will buy a stake")
    *APPOINTED_RULES_EN,
    *SAID_STAKE_RULES_EN,
    *APPOINTED_AND_FORMER_ROLE_RULES_EN,
    *FOUNDER_LIST_RULES_ZH,
    # joins, departures and successions; then a title at the story's company, which they may name
    *CAREER_RULES_ZH,
    *TITLE_TOPIC_RULES_ZH,
    # people, English
    *FOUNDED_BY_AND_ALUMNI_RULES,
    *ROLE_RULES_EN,
    *FOUNDED_AFTER_APPOSITION_RULES_EN,
    *TITLE_TOPIC_RULES_EN,
    *FOUNDING_RULES_EN,
    *CAREER_RULES_EN,
    *FORMER_ROLE_APPOSITION_RULES_EN,
    *FOUNDER_PREVIOUSLY_RULES_EN,
    # products, spin-offs and control
    *PRODUCT_RULES,
    *SPINOFF_AND_CONTROL_RULES,
    # ownership and look-through, next to the older controlled-by rules
    *OWNERSHIP_RULES,
    *STATE_APPOSITION_RULES,
    # pronouns for founders: after every other rule, so founders named in the sentence are known
    *FOUNDER_PRONOUN_RULES,
]
