"""Relation rules: typed facts between the entities of one sentence, with their attributes.

Each sentence is turned into a *skeleton*: the normalised sentence with every entity mention
replaced by one private-use character (organisations, people and products in separate ranges). Rules
are regular expressions over skeletons, so one rule says "由 ORG-LIST 领投" once, whatever the names,
their length or their script; a handler then checks the types of the captured entities and builds
the facts. Dates and sums are read from the same skeleton (names cannot be mistaken for numbers).

Facts that need more than one sentence (the company a funding list belongs to, the round it is
part of, the company "公司"/"the company" refers to) come from a small running context: the last
company named as a subject, the current funding episode, the current IPO story.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from kg.extract import vocab
from kg.extract.mentions import TITLE_EN_RE, TITLES_EN_RE, TITLES_ZH_RE, Occurrence, root_of
from kg.extract.normalize import DateValue, Money, find_dates, find_money
from kg.extract.text import NormText, Sentence
from kg.names import to_simplified

__all__ = ["EntityView", "RelationCandidate", "extract_relations"]

_ORG0, _PER0, _PROD0, _CAP = 0xE000, 0xE800, 0xF000, 0x800
ORG = "[\ue000-\ue7ff]"
PER = "[\ue800-\uefff]"
PRD = "[\uf000-\uf7ff]"
NE = "\ue000-\uf7ff"  # inside a character class: any entity

# lists of names: Chinese separators, English commas/and, brackets and appositions skipped
_ZH_SEP = r"\s*(?:、|和|及|以及|与|跟|&|/)\s*"
_BR = r"(?:\s*\([^()]{0,40}\))?"
ZL = rf"{ORG}{_BR}(?:{_ZH_SEP}{ORG}{_BR})*"
PL = rf"{PER}(?:{_ZH_SEP}{PER})*"
RL = rf"{PRD}(?:{_ZH_SEP}{PRD})*"
_EN_APPOS = rf"(?:,\s+(?:the|an?|its)\s[^,;()\n{NE}]{{1,80}}?(?=\s*[,;]))?"
_EN_ITEM = rf"{ORG}{_BR}{_EN_APPOS}"
_EN_SEP = r"(?:\s*[,;]\s*(?:and\s+|as\s+well\s+as\s+|&\s+)?|\s+(?:and|as\s+well\s+as|&)\s+)"
EL = rf"{_EN_ITEM}(?:{_EN_SEP}{_EN_ITEM})*"
PL_EN = rf"{PER}(?:{_EN_SEP}{PER})*"
_EN_PROD_ITEM = rf"{PRD}(?:,\s+(?:the|an?|its)\s[^,;()\n{NE}]{{1,80}}?(?=\s*[,;]))?"
RL_EN = rf"{_EN_PROD_ITEM}(?:{_EN_SEP}{_EN_PROD_ITEM})*"
TZ = TITLES_ZH_RE
TE = TITLES_EN_RE


@dataclass
class EntityView:
    """What rules may ask about an entity (a group of occurrences): types, key, attributes."""

    group: int
    types: set[str]
    key: str | None
    attrs: dict[str, Any]

    @property
    def root(self) -> str:
        return root_of(self.types)

    def is_exchange(self) -> bool:
        return "Exchange" in self.types

    def is_investorish(self) -> bool:
        return bool(self.types & {"Investor", "StateOwnedFund"}) or "investor_kind" in self.attrs

    def is_companyish(self) -> bool:
        """Could be a company that raises money or lists: not an exchange, school, agency or pure fund."""
        if self.root != "Organization" or self.types & {
            "Exchange",
            "University",
            "ResearchInstitute",
            "GovernmentBody",
        }:
            return False
        return not (
            self.types <= {"Investor", "StateOwnedFund", "Organization"}
            and self.types & {"Investor", "StateOwnedFund"}
        )


@dataclass
class RelationCandidate:
    """A fact found by a rule: type, endpoint groups, properties, where and how."""

    type: str
    source: int
    target: int
    props: dict[str, Any]
    sentence: Sentence
    start: int  # normalised text offsets of the evidence
    end: int
    method: str
    confidence: float


@dataclass
class _View:
    """One sentence as rules see it."""

    sentence: Sentence
    skel: str
    pos: list[int]  # skeleton index -> normalised offset; one extra entry for the end
    groups: dict[str, int]  # entity character -> group
    occurrences: dict[str, Occurrence]

    def norm_span(self, s: int, e: int) -> tuple[int, int]:
        if e <= s:
            return self.pos[s], self.pos[s]
        return self.pos[s], self.occ_end(e - 1)

    def occ_end(self, i: int) -> int:
        ch = self.skel[i]
        occ = self.occurrences.get(ch)
        return occ.end if occ is not None else self.pos[i] + 1


@dataclass
class _Context:
    """What earlier sentences established."""

    published: str | None
    topic: int | None = None
    topic_sentence: int = -99
    funding_target: int | None = None
    funding_round: str | None = None
    funding_date: DateValue | None = None
    funding_money: Money | None = None
    funding_sentence: int = -99
    ipo_company: int | None = None
    ipo_sentence: int = -99
    year_base: str | None = None
    type_updates: dict[int, set[str]] = field(default_factory=dict)
    attr_updates: dict[int, dict[str, Any]] = field(default_factory=dict)


# -- small helpers -------------------------------------------------------------------------------


def _chars(text: str, lo: int = _ORG0, hi: int = _PROD0 + _CAP) -> list[str]:
    """Entity characters in `text`, skipping bracketed asides ("Northgate Fund(某集团旗下)")."""
    text = re.sub(r"\([^()]*\)", "", text)
    return [c for c in text if lo <= ord(c) < hi]


def _orgs(text: str) -> list[str]:
    return _chars(text, _ORG0, _ORG0 + _CAP)


def _people(text: str) -> list[str]:
    return _chars(text, _PER0, _PER0 + _CAP)


def _products(text: str) -> list[str]:
    return _chars(text, _PROD0, _PROD0 + _CAP)


_TITLE_SPLIT = re.compile(r"\s*(?:兼|、|和|及|/|,|\band\b|&)\s*", re.IGNORECASE)


def _titles(surface: str | None) -> list[str]:
    """Individual titles of a title group ("联合创始人兼CTO" -> 联合创始人, CTO), canonical spellings."""
    if not surface:
        return []
    out = []
    for part in _TITLE_SPLIT.split(surface.strip()):
        part = part.strip()
        if not part:
            continue
        out.append(vocab.TITLE_CANONICAL.get(to_simplified(part).lower(), part))
    return out


def _is_founder(title: str) -> bool:
    return to_simplified(title).lower() in vocab.FOUNDER_TITLES


_ROUND_ZH = re.compile(
    r"(?P<r>天使\+?|种子\+?|Pre-?A\+*|Pre-?B\+*|Pre-?IPO|[A-H]\d?\+*|战略)\s*轮", re.IGNORECASE
)
_ROUND_EN = re.compile(
    r"\bSeries\s+(?P<r>[A-H]\d?\+?)|\b(?P<r2>seed|angel|pre-IPO|strategic|pre-Series\s+[A-H])\s+"
    r"(?:funding\s+|financing\s+|investment\s+)?round",
    re.IGNORECASE,
)
_ROUND_WORDS = {
    "天使": "angel",
    "天使+": "angel+",
    "种子": "seed",
    "种子+": "seed+",
    "战略": "strategic",
    "seed": "seed",
    "angel": "angel",
    "strategic": "strategic",
    "pre-ipo": "pre-IPO",
}


def _round_in(text: str) -> str | None:
    m = _ROUND_ZH.search(text)
    if m:
        r = m.group("r")
        if r in _ROUND_WORDS:
            return _ROUND_WORDS[r]
        if r.lower().startswith("pre"):
            return "pre-" + r[3:].lstrip("-").upper() if not r.lower().endswith("ipo") else "pre-IPO"
        return r.upper()
    m = _ROUND_EN.search(text)
    if m:
        if m.group("r"):
            return m.group("r").upper()
        word = m.group("r2").lower()
        if word.startswith("pre-series"):
            return "pre-" + word.split()[-1].upper()
        return _ROUND_WORDS.get(word, word)
    if re.search(r"战略融资|战略投资|strategic\s+investment", text, re.IGNORECASE):
        return "strategic"
    return None


_VALUATION_BEFORE = re.compile(
    r"(?:估值|市值|估值为|估值达|估值约|valuation\s+of|valued\s+at|valuing\s+[^,.]{0,30}at|"
    r"营收|收入|利润|亏损|revenue|sales|cash|现金|储备|募资|发行规模|认购)\s*(?:约|达|超)?\s*$",
    re.IGNORECASE,
)
_VALUATION_AFTER = re.compile(r"^\s*(?:的)?\s*(?:估值|市值|valuation|营收|收入|现金)", re.IGNORECASE)


def _round_money(skel: str) -> Money | None:
    """The sum a sentence gives for a funding round (not a valuation, revenue or cash pile)."""
    for s, e, money in find_money(skel):
        if _VALUATION_BEFORE.search(skel[max(0, s - 16) : s]) or _VALUATION_AFTER.match(skel[e : e + 6]):
            continue
        if money.currency is None:
            continue
        return money
    return None


#: A wire dateline opening a sentence: "BOSTON, May 14, 2024 (Reuters) -", "NEW YORK, June 3 (Bloomberg) --".
_DATELINE = re.compile(r"^\s*[A-Z][^\n()]{0,50}?\d[^\n()]{0,12}?(?:\([^()\n]{1,30}\))?\s*(?:--?|–|—)\s")


def _first(*groups: int | None) -> int | None:
    """The first entity group that is there: group 0 is an entity too, so `or` would skip it."""
    return next((g for g in groups if g is not None), None)


def _date_props(value: DateValue | None) -> dict[str, Any]:
    return {"date": value.iso, "date_precision": value.precision} if value else {}


_RELATIVE = re.compile(
    r"今年|去年|前年|明年|昨|今日|今天|前天|前日|本月|上月|上个月|下月|下个月|yesterday|today|"
    r"this\s+year|last\s+year|next\s+year",
    re.IGNORECASE,
)
_ANAPHOR = re.compile(
    r"该公司|本公司|公司|\bthe\s+(?:[\w-]+\s+){0,3}?(?:company|firm|startup|group)\b", re.IGNORECASE
)
_FUTURE = re.compile(
    r"拟|计划|筹备|冲刺|准备|最快|预计|有望|将于|将在|plans?\s+to|seeks?\s+to|aims?\s+to|expected\s+to|"
    r"\bwill\b|could|may\s",
    re.IGNORECASE,
)
_ZL_RE = re.compile(rf"{ORG}(?:{_BR}{_ZH_SEP}{ORG})+{_BR}|{_EN_ITEM}(?:{_EN_SEP}{_EN_ITEM})+")


def _listed_with_investors(eng: _Engine, view: _View) -> set[int]:
    """Organisations in a list of names that holds an investor: co-investors, not the funded company."""
    out: set[int] = set()
    for m in _ZL_RE.finditer(view.skel):
        ents = [eng.ent(view, c) for c in _orgs(m.group(0))]
        if any(e.is_investorish() for e in ents):
            out.update(e.group for e in ents)
    return out


# -- the rule engine ------------------------------------------------------------------------------

Handler = Callable[["_Engine", _View, re.Match[str]], None]


@dataclass
class _Rule:
    name: str
    regex: re.Pattern[str]
    handler: Handler
    cue: re.Pattern[str] | None = None  # cheap pre-check on the skeleton


class _Engine:
    """Runs every rule over every sentence, keeping the running context."""

    def __init__(
        self,
        nt: NormText,
        entities: dict[int, EntityView],
        published: str | None,
        key_group: Callable[[str, int, int], int],
        salience: dict[int, int],
    ) -> None:
        self.nt = nt
        self.salience = salience
        self.entities = entities
        self.key_group = key_group
        self.ctx = _Context(published)
        self.out: list[RelationCandidate] = []
        self.dropped: list[tuple[str, str]] = []
        self._investors_here: set[int] = set()
        self._people_rel: list[
            tuple[int, int, int, list[str], str]
        ] = []  # (person, org, skel end, titles, how)
        self.founding_dates: dict[int, DateValue] = {}  # organisation group -> when it was founded
        # "B的创始团队来自A" before the article names B's founders: (view, span, B, A)
        self.team_from: list[tuple[_View, tuple[int, int], int, int]] = []

    # entity helpers
    def ent(self, view: _View, ch: str) -> EntityView:
        return self.entities[view.groups[ch]]

    def emit(
        self,
        view: _View,
        rel_type: str,
        src: int,
        dst: int,
        props: dict[str, Any],
        m: re.Match[str] | tuple[int, int],
        method: str,
        confidence: float,
    ) -> None:
        if src == dst:
            return
        s, e = (m.start(), m.end()) if isinstance(m, re.Match) else m
        ns, ne = view.norm_span(s, e)
        self.out.append(
            RelationCandidate(
                rel_type,
                src,
                dst,
                {k: v for k, v in props.items() if v is not None},
                view.sentence,
                ns,
                ne,
                method,
                confidence,
            )
        )

    def base(self) -> str | None:
        return self.ctx.published or self.ctx.year_base

    def dates(self, view: _View) -> list[tuple[int, int, DateValue]]:
        """Dates in the sentence. Without a publication date, a year named earlier in the text
        places "12月21日", but words relative to today ("今年", "yesterday") stay unresolved."""
        found = find_dates(view.skel, self.base())
        if self.ctx.published is None and self.ctx.year_base is not None:
            found = [d for d in found if not _RELATIVE.search(view.skel[d[0] : d[1]])]
        return found

    def date_near(self, view: _View, pos: int, end: int | None = None) -> DateValue | None:
        """The date of an event stated at [pos, end).

        Chinese puts the date before the event ("于12月21日通过聆讯"): the nearest date before wins,
        else the first after. English often puts it after ("... round led by X last year"): the
        date closest to the span wins.
        """
        found = self.dates(view)
        if end is not None and not re.search(r"[\u4e00-\u9fff]", view.skel):
            dateline = _DATELINE.match(view.skel)
            if dateline and any(d[0] >= dateline.end() for d in found):
                # "BOSTON, May 14, 2024 (Reuters) - B was spun out of A in 2019": the dateline dates
                # the report; a date the sentence itself states dates the event
                found = [d for d in found if d[0] >= dateline.end()]
            if not found:
                return None
            return min(found, key=lambda d: (max(pos - d[1], d[0] - end, 0), d[0]))[2]
        before = [d for d in found if d[1] <= pos]
        if before:
            return before[-1][2]
        after = [d for d in found if d[0] >= pos]
        return after[0][2] if after else None

    def topic(self, view: _View) -> int | None:
        if self.ctx.topic is not None and view.sentence.index - self.ctx.topic_sentence <= 6:
            return self.ctx.topic
        return None

    def company_before(self, view: _View, pos: int, exclude: set[int] | None = None) -> int | None:
        """The nearest company-like entity before `pos`; "公司"/"the company" stand for the topic."""
        best: tuple[int, int] | None = None
        for i in range(pos - 1, -1, -1):
            ch = view.skel[i]
            if ch in view.groups:
                ent = self.ent(view, ch)
                if ent.is_companyish() and (not exclude or ent.group not in exclude):
                    best = (i, ent.group)
                    break
        anaphor = None
        for m in _ANAPHOR.finditer(view.skel[:pos]):
            anaphor = m.start()
        if anaphor is not None and (best is None or anaphor > best[0]) and self.topic(view) is not None:
            return self.topic(view)
        return best[1] if best else None

    def company_after(self, view: _View, pos: int, exclude: set[int] | None = None) -> int | None:
        for i in range(pos, len(view.skel)):
            ch = view.skel[i]
            if ch in view.groups:
                ent = self.ent(view, ch)
                if ent.is_companyish() and (not exclude or ent.group not in exclude):
                    return ent.group
        return None

    def upgrade(self, group: int, types: set[str], **attrs: Any) -> None:
        self.ctx.type_updates.setdefault(group, set()).update(types)
        self.ctx.attr_updates.setdefault(group, {}).update({k: v for k, v in attrs.items() if v is not None})

    # ---------------------------------------------------------------------------------------------
    def run(self, views: list[_View], rules: list[_Rule]) -> None:
        for view in views:
            self._investors_here = set()
            self._people_rel = []
            for rule in rules:
                if rule.cue is not None and not rule.cue.search(view.skel):
                    continue
                for m in rule.regex.finditer(view.skel):
                    rule.handler(self, view, m)
            _apply_leave_cue(self, view)
            self._update_context(view)
        self._date_foundings()
        self._settle_team_from()

    def _settle_team_from(self) -> None:
        """Whoever the article says founded B came from A, when it said B's founding team did."""
        for view, span, co, prev in self.team_from:
            founders = [r.source for r in self.out if r.type == "FOUNDED" and r.target == co]
            for per in dict.fromkeys(founders):
                if not any(r.type == "FOUNDED" and r.source == per and r.target == prev for r in self.out):
                    self.emit(view, "LEFT", per, prev, {}, span, "team-from", 0.7)

    def _date_foundings(self) -> None:
        """"岚峰半导体成立于2021年" dates the founding even when the founders are named elsewhere in
        the article ("创始人陆远舟"): FOUNDED facts into that organisation without a date take it."""
        for rel in self.out:
            date = self.founding_dates.get(rel.target)
            if rel.type == "FOUNDED" and date is not None and "date" not in rel.props:
                rel.props.update(_date_props(date))

    def _update_context(self, view: _View) -> None:
        """Remember the year in force and the company the passage is about (the most mentioned
        company of the sentence, so a founder's former employer does not become the topic)."""
        for s, e, d in find_dates(view.skel, None):
            if re.search(r"(?:19|20)\d\d", view.skel[s:e]):
                self.ctx.year_base = d.iso
        best: tuple[int, int] | None = None
        came_from = {r.target for r in self.out if r.sentence is view.sentence and r.type == "LEFT"}
        for m in _FORMER_OF.finditer(view.skel):
            came_from.add(view.groups[m.group("org") or m.group("org2")])
        for ch in view.skel:
            if ch not in view.groups:
                continue
            ent = self.ent(view, ch)
            if ent.group in self._investors_here or not ent.is_companyish() or ent.is_investorish():
                continue
            if ent.group in came_from:
                continue  # "run by a former A executive": A is where someone came from, not the subject
            score = self.salience.get(ent.group, 0)
            if best is None or score > best[0]:
                best = (score, ent.group)
        if best is not None:
            self.ctx.topic = best[1]
            self.ctx.topic_sentence = view.sentence.index


#: An organisation named as someone's past ("a former A executive", "A alumni", "前A高管").
_FORMER_OF = re.compile(
    rf"(?:\b(?:former|ex-|onetime)\s*|前|原)(?P<org>{ORG})|(?P<org2>{ORG})\s+(?:alumni|alumnus|alumna|veterans?)\b",
    re.IGNORECASE,
)

# -- funding ---------------------------------------------------------------------------------------

_FUNDING_CUE = re.compile(
    r"融资|领投|跟投|参投|轮|投资方|投资人|投资阵容|注资|入股|增资|加码|追投|基石|raised|raise|funding|"
    r"round|financing|investors?|backed|backing|led\s+by|invest|cornerstone|stake",
    re.IGNORECASE,
)
_SUBJECT_ZH = re.compile(
    rf"(?P<co>{ORG})[^。;!?{NE}]{{0,16}}?(?:宣布|已|正式|近日|日前|也)?(?:完成|获得|获|拿到|斩获|迎来|"
    rf"启动|开启|结束|敲定|落定|进行)(?:了)?[^。;!?]{{0,30}}?(?:融资|轮|投资|注资)"
)
_SUBJECT_ZH2 = re.compile(
    rf"(?P<co>{ORG})\s*(?:的)?\s*(?:本轮|此轮|该轮|新一轮|最新一轮|[A-H]\+?轮|天使轮|种子轮)"
)
_SUBJECT_EN_APPOS = re.compile(
    rf"(?P<co>{ORG})(?:,[^,;.]{{0,100}},)?\s+(?:has\s+|have\s+|had\s+|"
    # "said on Tuesday it had raised", "announced today that it has closed"
    rf"(?:said|says|announced|announces)\s+(?:on\s+\w+\s+|today\s+|this\s+week\s+)?(?:that\s+)?it\s+"
    rf"(?:has\s+|had\s+|have\s+)?)?"
    rf"(?:raised|closed|secured|completed|landed|received|bagged|raises|closes|secures)\b"
)
_SUBJECT_EN = re.compile(
    rf"(?P<co>{ORG})[^.;!?{NE}]{{0,60}}?\b(?:has\s+|have\s+|had\s+)?(?:raised|closed|secured|"
    rf"completed|landed|received|bagged|won|attracted|announced|raises|closes|secures)\b"
)


_ROUND_IN_EN = re.compile(
    rf"\b(?:round|financing|investment|stake|funding)\s+(?:in|into)\s+(?:the\s+)?(?P<co>{ORG})", re.IGNORECASE
)


def _funding_target(eng: _Engine, view: _View, investors: set[int], at: int) -> tuple[int | None, float]:
    """The company a list of investors put money into, and how sure we are."""
    for regex in (_SUBJECT_EN_APPOS, _SUBJECT_ZH, _SUBJECT_ZH2, _SUBJECT_EN, _ROUND_IN_EN):
        for m in regex.finditer(view.skel):
            ent = eng.ent(view, m.group("co"))
            if ent.group not in investors and ent.is_companyish():
                return ent.group, 0.85
    excluded = investors | _listed_with_investors(eng, view)
    before = eng.company_before(view, at, excluded)
    if before is not None:
        return before, 0.7
    if eng.ctx.funding_target is not None and view.sentence.index - eng.ctx.funding_sentence <= 3:
        return eng.ctx.funding_target, 0.65
    topic = eng.topic(view)
    if topic is not None and topic not in investors:
        return topic, 0.5
    return None, 0.0


def _invest(
    eng: _Engine,
    view: _View,
    m: re.Match[str],
    members: list[str],
    role: str | None,
    method: str,
    confidence: float,
    round_: str | None = None,
    target: int | None = None,
) -> None:
    """INVESTED_IN from each investor in `members` to the round's company."""
    investors = []
    chars: dict[int, str] = {}
    for c in members:
        e = eng.ent(view, c)
        if e.root == "Organization" and not (e.types & {"Exchange", "University", "GovernmentBody"}):
            investors.append(e)
            chars.setdefault(e.group, c)
        else:
            eng.dropped.append(
                (
                    f"INVESTED_IN from {eng.nt.text[view.occurrences[c].start : view.occurrences[c].end]}",
                    f"a {'/'.join(sorted(e.types))} does not invest in funding rounds",
                )
            )
    if not investors:
        return
    groups = {e.group for e in investors}
    tconf = 1.0
    if target is None:
        target, tconf = _funding_target(eng, view, groups, m.start())
    if target is None or target in groups:
        eng.dropped.append(
            (
                f"INVESTED_IN from {len(groups)} investor(s) in sentence {view.sentence.index}",
                "no company for the round",
            )
        )
        return
    same_episode = eng.ctx.funding_target == target and view.sentence.index - eng.ctx.funding_sentence <= 3
    rnd = round_ or _round_in(view.skel) or (eng.ctx.funding_round if same_episode else None)
    date = eng.date_near(view, m.start(), m.end()) or (eng.ctx.funding_date if same_episode else None)
    money = _round_money(view.skel) or (eng.ctx.funding_money if same_episode else None)
    for e in investors:
        props: dict[str, Any] = {"round": rnd, "role": role, **_date_props(date)}
        if money is not None and (role in ("lead", "sole") or (role is None and len(investors) == 1)):
            props.update(money.as_props())
        eng.emit(view, "INVESTED_IN", e.group, target, props, m, method, round(confidence * tconf, 3))
        eng._investors_here.add(e.group)
        if _state_cue_for(view.skel, chars[e.group], members):
            eng.upgrade(
                e.group, {"StateOwnedFund"}, investor_kind=e.attrs.get("investor_kind") or "state_platform"
            )
    eng.ctx.funding_target = target
    eng.ctx.funding_sentence = view.sentence.index
    eng.ctx.funding_round = rnd
    eng.ctx.funding_date = date
    eng.ctx.funding_money = money


def _STATE_CUE_BEFORE(skel: str, pos: int) -> bool:  # noqa: N802 - reads as a predicate on the text
    return bool(vocab.STATE_CONTEXT.search(skel[max(0, pos - 60) : pos]))


_ANY_ENTITY = re.compile(f"[{NE}]")


def _state_cue_adjacent(skel: str, pos: int) -> bool:
    """A state-capital cue right before position `pos`, with no other name in between."""
    window = skel[max(0, pos - 40) : pos]
    names = list(_ANY_ENTITY.finditer(window))
    if names:
        window = window[names[-1].end() :]
    return bool(vocab.STATE_CONTEXT.search(window))


def _state_cue_for(skel: str, ch: str, members: list[str]) -> bool:
    """Does a state cue describe this investor: right before it, or right before the list it is in
    ("地方国资A、B、C")? A cue before another investor earlier in the sentence does not."""
    pos = skel.find(ch)
    if pos < 0:
        return False
    if _state_cue_adjacent(skel, pos):
        return True
    first = min((p for c in members if (p := skel.find(c)) >= 0), default=pos)
    return first != pos and _state_cue_adjacent(skel, first)


def _h_funding_subject(eng: _Engine, view: _View, m: re.Match[str]) -> None:
    """Open a funding episode later sentences may continue ("星衡智能超20亿元的C+轮融资")."""
    ent = eng.ent(view, m.group("co"))
    if not ent.is_companyish() or ent.is_investorish() or ent.group in _listed_with_investors(eng, view):
        return
    if eng.ctx.funding_sentence == view.sentence.index:
        return  # a rule in this sentence already named the round's company
    rnd = _round_in(view.skel)
    if rnd is None and eng.ctx.funding_target == ent.group:
        rnd = eng.ctx.funding_round
    eng.ctx.funding_target = ent.group
    eng.ctx.funding_round = rnd
    eng.ctx.funding_date = eng.date_near(view, m.start(), m.end())
    eng.ctx.funding_money = _round_money(view.skel)
    eng.ctx.funding_sentence = view.sentence.index


def _h_lead(eng: _Engine, view: _View, m: re.Match[str]) -> None:
    members = _orgs(m.group("inv"))
    co = bool(m.groupdict().get("co")) or len(members) > 1
    _invest(eng, view, m, members, "co_lead" if co else "lead", "funding-lead", 0.85)


def _h_follow(eng: _Engine, view: _View, m: re.Match[str]) -> None:
    _invest(eng, view, m, _orgs(m.group("inv")), "follow", "funding-follow", 0.8)


def _h_sole(eng: _Engine, view: _View, m: re.Match[str]) -> None:
    _invest(eng, view, m, _orgs(m.group("inv")), "sole", "funding-sole", 0.85)


def _h_got(eng: _Engine, view: _View, m: re.Match[str]) -> None:
    kind = m.group("kind")
    role = "strategic" if "战略" in kind else None
    members = _orgs(m.group("inv"))
    target = eng.company_before(view, m.start(), {eng.ent(view, c).group for c in members})
    _invest(eng, view, m, members, role, "funding-received", 0.75, target=target)


def _h_investors_are(eng: _Engine, view: _View, m: re.Match[str]) -> None:
    _invest(eng, view, m, _orgs(m.group("inv")), None, "funding-investor-list", 0.7)


def _h_context_list(eng: _Engine, view: _View, m: re.Match[str]) -> None:
    """A list of two or more investors in a sentence about a round ("既有A、B、C等产业资本")."""
    members = _orgs(m.group("inv"))
    ents = [eng.ent(view, c) for c in members]
    if len(ents) < 2 or not all(e.is_investorish() for e in ents):
        return
    if any(e.group in eng._investors_here for e in ents):
        return
    recent = view.sentence.index - eng.ctx.funding_sentence <= 2
    if not (recent or _FUNDING_CUE.search(view.skel)):
        return
    _invest(eng, view, m, members, None, "funding-context-list", 0.5)


def _h_verb(eng: _Engine, view: _View, m: re.Match[str]) -> None:
    inv, co = eng.ent(view, m.group("inv")), eng.ent(view, m.group("co"))
    if not co.is_companyish() or inv.root != "Organization":
        return
    role = "strategic" if "战略" in m.group(0) else None
    _invest(eng, view, m, [m.group("inv")], role, "funding-verb", 0.75, target=co.group)


def _h_backed(eng: _Engine, view: _View, m: re.Match[str]) -> None:
    co = eng.ent(view, m.group("co"))
    if co.is_companyish():
        _invest(eng, view, m, [m.group("inv")], None, "funding-backed", 0.7, target=co.group)


def _h_cornerstone(eng: _Engine, view: _View, m: re.Match[str]) -> None:
    members = _orgs(m.group("inv"))
    groups = {eng.ent(view, c).group for c in members}
    target = None
    if eng.ctx.ipo_company is not None and view.sentence.index - eng.ctx.ipo_sentence <= 8:
        target = eng.ctx.ipo_company
    target = _first(target, eng.company_before(view, m.start(), groups), eng.topic(view))
    if target is None:
        return
    _invest(eng, view, m, members, "cornerstone", "ipo-cornerstone", 0.8, round_="cornerstone", target=target)


# -- IPO ---------------------------------------------------------------------------------------------

_TICKER_RES = [
    re.compile(
        r"(?:股票代码|证券代码|代码)(?:为|是)?\s*:?\s*[“\"'「]?\s*(?P<t>\d{4,6})(?:\.(?P<sx>HK|SH|SZ|BJ|SS))?",
        re.IGNORECASE,
    ),
    re.compile(
        r"[“\"'「](?P<t>\d{4,6})(?:\.(?P<sx>HK|SH|SZ|BJ))?[”\"'」]\s*(?:为|作为)\s*(?:股票|证券)?代码",
        re.IGNORECASE,
    ),
    re.compile(r"(?<![\d.])(?P<t>\d{4,5})\.(?P<sx>HK)\b", re.IGNORECASE),
    re.compile(r"(?<![\d.])(?P<t>\d{6})\.(?P<sx>SH|SZ|BJ|SS)\b", re.IGNORECASE),
    re.compile(
        rf"\((?:(?P<sx>Nasdaq|NASDAQ|NYSE|HKEX|SEHK|纳斯达克|纽交所)|{ORG})\s*:\s*(?P<t>[A-Z0-9.]{{1,6}})\)"
    ),
    re.compile(
        r"(?:ticker(?:\s+symbol)?|stock\s+code|under\s+the\s+symbol)\s*[“\"]?(?P<t>[A-Z]{2,5}|\d{4,6})\b"
    ),
]
_SUFFIX_EXCHANGE = {
    "hk": "hkex",
    "sh": "sse",
    "ss": "sse",
    "sz": "szse",
    "bj": "bse",
    "nasdaq": "nasdaq",
    "nyse": "nyse",
    "hkex": "hkex",
    "sehk": "hkex",
    "纳斯达克": "nasdaq",
    "纽交所": "nyse",
}
_BOARD_WORDS = [
    (re.compile(r"科创板|STAR\s+Market", re.IGNORECASE), "STAR Market"),
    (re.compile(r"创业板|ChiNext", re.IGNORECASE), "ChiNext"),
    (re.compile(r"18C"), "Chapter 18C"),
    (re.compile(r"18A"), "Chapter 18A"),
    (re.compile(r"主板|Main\s+Board", re.IGNORECASE), "Main Board"),
]
_CITY_EXCHANGE = [
    (re.compile(r"Hong\s+Kong|香港|港股"), "hkex"),
    (re.compile(r"\bNasdaq\b", re.IGNORECASE), "nasdaq"),
    (re.compile(r"New\s+York|纽约"), "nyse"),
]


def _norm_ticker(t: str, sx: str | None) -> str:
    if t.isdigit() and (sx or "").lower() in ("hk", "hkex", "sehk", "") and len(t) <= 5:
        return f"{int(t):04d}"
    return t.upper()


def _tickers(skel: str) -> list[tuple[int, int, str, str | None]]:
    out = []
    seen: set[tuple[int, int]] = set()
    for regex in _TICKER_RES:
        for m in regex.finditer(skel):
            if any(s <= m.start("t") < e for s, e in seen):
                continue
            seen.add((m.start(), m.end()))
            sx = m.groupdict().get("sx")
            out.append(
                (m.start(), m.end(), _norm_ticker(m.group("t"), sx), _SUFFIX_EXCHANGE.get((sx or "").lower()))
            )
    return sorted(out)


def _ipo_parties(
    eng: _Engine, view: _View, m: re.Match[str], default_exchange: str | None
) -> tuple[int | None, int | None, str | None, str | None]:
    """(company, exchange, ticker, board) for an IPO cue at `m`.

    The exchange is the nearest exchange named in the sentence, else the one a ticker suffix or a
    city implies ("0100.HK", "a Hong Kong debut"), else `default_exchange`.
    """
    cue_at = m.start()
    company = None
    by = re.match(r"\s*(?:by|of)\s+(" + ORG + ")", view.skel[m.end() :])
    if by:
        ent = eng.ent(view, by.group(1))
        if ent.is_companyish():
            company = ent.group
    if company is None:
        company = eng.company_before(view, cue_at)
    if (
        company is None
        and eng.ctx.ipo_company is not None
        and view.sentence.index - eng.ctx.ipo_sentence <= 3
    ):
        company = eng.ctx.ipo_company
    if company is None:
        company = eng.company_after(view, m.end())
    # exchange: nearest exchange mention, else a ticker suffix, else a city
    exchange, board, best = None, None, None
    for i, ch in enumerate(view.skel):
        if ch in view.groups and eng.ent(view, ch).is_exchange():
            dist = abs(i - cue_at)
            if best is None or dist < best:
                best, exchange = dist, eng.ent(view, ch).group
                board = view.occurrences[ch].board
    tickers = _tickers(view.skel)
    ticker = None
    if company is not None:
        # a ticker right after the company's name belongs to it
        for ch in view.occurrences:
            if view.groups.get(ch) == company:
                i = view.skel.index(ch)
                mm = re.match(
                    r"\s*\(\s*(?:[^(),]{1,3},\s*)?(\d{4,6})\.(HK|SH|SZ|BJ)\s*\)", view.skel[i + 1 :], re.IGNORECASE
                )
                if mm:
                    ticker = _norm_ticker(mm.group(1), mm.group(2))
    if ticker is None and tickers:
        nearest = min(tickers, key=lambda t: abs(t[0] - cue_at))
        ticker = nearest[2]
    if exchange is None:
        span = view.norm_span(m.start(), m.end())
        exchange_key = next((key for _s, _e, _t, key in tickers if key), None)
        if exchange_key is None:
            for regex, key in _CITY_EXCHANGE:
                cm = regex.search(view.skel)
                if cm:
                    exchange_key, span = key, view.norm_span(cm.start(), cm.end())
                    break
        exchange_key = exchange_key or default_exchange
        if exchange_key is not None:
            exchange = eng.key_group(exchange_key, *span)
    if board is None:
        for regex, name in _BOARD_WORDS:
            if regex.search(view.skel):
                board = name
                break
    return company, exchange, ticker, board


def _ipo(
    eng: _Engine,
    view: _View,
    m: re.Match[str],
    rel_type: str,
    method: str,
    confidence: float,
    default_exchange: str | None = None,
) -> None:
    company, exchange, ticker, board = _ipo_parties(eng, view, m, default_exchange)
    if company is None:
        eng.dropped.append((f"{rel_type} in sentence {view.sentence.index}", "no company for the IPO step"))
        return
    if exchange is None:
        eng.dropped.append((f"{rel_type} in sentence {view.sentence.index}", "no exchange for the IPO step"))
        return
    date = eng.date_near(view, m.start())
    props: dict[str, Any] = {**_date_props(date)}
    if rel_type in ("FILED_FOR_IPO", "LISTED_ON"):
        props["board"] = board
    if rel_type == "LISTED_ON":
        props["ticker"] = ticker
        price = re.search(
            r"(?:发行价(?:格)?|招股价|offer\s+price|priced\s+(?:its\s+shares\s+)?at|IPO\s+price)"
            r"(?:为|定为|是|of)?\s*(?:每股)?\s*",
            view.skel,
            re.IGNORECASE,
        )
        if price:
            for s, _e, money in find_money(view.skel):
                if s >= price.end() - 1 and s - price.end() <= 3 and money.amount is not None:
                    props["offer_price"] = money.amount
                    props["currency"] = money.currency
                    break
        if ticker:
            eng.upgrade(company, {"Company"}, ticker=ticker)
    eng.emit(view, rel_type, company, exchange, props, m, method, confidence)
    eng.upgrade(company, {"Company"})
    eng.ctx.ipo_company = company
    eng.ctx.ipo_sentence = view.sentence.index


def _h_filed(eng: _Engine, view: _View, m: re.Match[str]) -> None:
    _ipo(eng, view, m, "FILED_FOR_IPO", "ipo-filing", 0.8)


def _h_hearing(eng: _Engine, view: _View, m: re.Match[str]) -> None:
    _ipo(eng, view, m, "PASSED_LISTING_HEARING", "ipo-hearing", 0.85, default_exchange="hkex")


def _h_listed(eng: _Engine, view: _View, m: re.Match[str]) -> None:
    if _FUTURE.search(view.skel[max(0, m.start() - 30) : m.start()]) and not _tickers(view.skel):
        eng.dropped.append(
            (f"LISTED_ON in sentence {view.sentence.index}", "a planned listing without a ticker")
        )
        return
    _ipo(eng, view, m, "LISTED_ON", "ipo-listing", 0.75)


def _h_ipo_company_ticker(eng: _Engine, view: _View, m: re.Match[str]) -> None:
    """A code in brackets after a company's name is its ticker ("Xingheng AI (2599.HK)")."""
    ent = eng.ent(view, m.group("co"))
    if ent.is_companyish():
        eng.upgrade(ent.group, {"Company"}, ticker=_norm_ticker(m.group("t"), m.group("sx")))


# -- people ------------------------------------------------------------------------------------------


def _person_fact(
    eng: _Engine,
    view: _View,
    per: int,
    org: int,
    titles: list[str],
    former: bool,
    span: re.Match[str] | tuple[int, int],
    method: str,
    confidence: float,
    date: DateValue | None = None,
) -> None:
    """HOLDS_POSITION per title (LEFT when former), FOUNDED for founder titles."""
    org_ent = eng.entities[org]
    if org_ent.root != "Organization":
        return
    for title in titles or [None]:
        founder = bool(title) and _is_founder(title)
        if founder:
            eng.emit(view, "FOUNDED", per, org, {}, span, method, confidence)
            if not former:
                continue  # being a founder is not a position held; leaving as one is
        props: dict[str, Any] = {"title": title}
        if former:
            props.update(_date_props(date))
        eng.emit(view, "LEFT" if former else "HOLDS_POSITION", per, org, props, span, method, confidence)
    end = span.end() if isinstance(span, re.Match) else span[1]
    eng._people_rel.append((per, org, end, [t for t in titles if t], method))


def _title_surface(eng: _Engine, view: _View, m: re.Match[str], group: str = "titles") -> list[str]:
    if not m.groupdict().get(group):
        return []
    s, e = m.span(group)
    ns, ne = view.norm_span(s, e)
    return _titles(eng.nt.original_slice(ns, ne))


_FORMER_WORDS = ("前", "原", "former", "ex-", "previously", "formerly")


def _former(m: re.Match[str], *groups: str) -> bool:
    return any(
        m.groupdict().get(g) and m.group(g).strip().lower() in _FORMER_WORDS for g in groups
    )


_ANAPHOR_BEFORE = re.compile(
    rf"(?:该公司|本公司|公司|其|the\s+company's|its)[^,。;!?{NE}]{{0,6}}$", re.IGNORECASE
)


_FOUNDS_ORG = re.compile(
    rf"(?:创办|创立|创建|成立|co-?founded|founded|started)(?:了)?\s*(?P<org>{ORG})", re.IGNORECASE
)


def _h_title_person(eng: _Engine, view: _View, m: re.Match[str]) -> None:
    """TITLE before PERSON ("星衡智能前CTO陈墨"): the organisation is the one right before the title,
    the topic after "公司"/"其", or the previous one in a chain ("CEO甲、CTO乙")."""
    per = eng.ent(view, m.group("per")).group
    titles = _title_surface(eng, view, m)
    former = _former(m, "pre")
    before = view.skel[: m.start()]
    adj = re.search(
        rf"(?P<pre0>前|原|former\s+)?(?P<list>(?:{ORG}{_ZH_SEP})*)(?P<org>{ORG})\s*(?:'s|’s|的)?\s*$", before
    )
    org = None
    conf = 0.8
    if adj:
        ent = eng.ent(view, adj.group("org"))
        if ent.root == "Organization" and not ent.is_exchange():
            org = ent.group
            former = former or _former(adj, "pre0")
            if adj.group("list") and (former or any(_is_founder(t) for t in titles)):
                # "前A、B、C高管X": X left each of them; "A和B创始人X": X founded both
                for c in _orgs(adj.group("list")):
                    other = eng.ent(view, c)
                    if other.root == "Organization" and not other.is_exchange() and other.group != org:
                        _person_fact(eng, view, per, other.group, titles, former, m, "role-apposition", conf)
    if org is None and _ANAPHOR_BEFORE.search(before):
        org, conf = eng.topic(view), 0.65
    if org is None and eng._people_rel:
        last = eng._people_rel[-1]
        if re.fullmatch(r"\s*(?:、|,|和|及|以及|and)\s*", view.skel[last[2] : m.start()]):
            org, conf = last[1], 0.65
    if org is None and any(_is_founder(t) for t in titles) and not re.search(rf"{ORG}[^,。;!?{NE}]{{0,8}}$", before):
        # "创始人X曾任A副总裁，……随后创办B": the founder of the company the sentence says X founded
        later = _FOUNDS_ORG.search(view.skel, m.end())
        between = view.skel[m.end() : later.start()] if later else ""
        # "联合创始人X已离职，并创办B": X left the company of the story, which X co-founded
        unscoped_leave = bool(re.search(rf"{vocab.LEAVE_CUE_ZH}|{vocab.LEAVE_CUE_EN}", between, re.IGNORECASE)) and (
            not _LEAVE_ORG.search(between))
        if later and not unscoped_leave and eng.ent(view, later.group("org")).root == "Organization":
            org, conf = eng.ent(view, later.group("org")).group, 0.6
    if org is None and not re.search(rf"{ORG}[^,。;!?{NE}]{{0,8}}$", before):
        org, conf = eng.topic(view), 0.5  # a title alone names a role at the company the story is about
    if org is None:
        return
    _person_fact(eng, view, per, org, titles, former, m, "role-apposition", conf)


_DESC = re.compile(
    rf"\s*(?:此前|之前|曾经|曾(?!任|是)|原(?!是|为)|目前|现|现在)?\s*(?P<was>曾任|曾是|原是|原为|曾担任)?\s*(?:,|\(|:|是|为|系|现任|担任|"
    rf"出任|任)?\s*(?P<pre>前|原|现任|曾任)?\s*(?:(?P<orgs>{ZL})|该公司|本公司|公司)\s*(?:的)?\s*"
    rf"(?P<pre2>前|原)?\s*(?P<titles>{TZ})"
)


def _h_person_desc(eng: _Engine, view: _View, m: re.Match[str]) -> None:
    """Each descriptor after a name ("林知远,前甲、乙高管,丙和丁创始人") is a position."""
    per = eng.ent(view, m.group("per")).group
    pos = m.end("per")
    while True:
        d = _DESC.match(view.skel, pos)
        if not d:
            break
        titles = _title_surface(eng, view, d)
        former = _former(d, "pre", "pre2") or bool(d.group("was"))
        if not d.group("orgs"):
            topic = eng.topic(view)
            if topic is not None:
                _person_fact(
                    eng, view, per, topic, titles, former, (m.start(), d.end()), "person-apposition", 0.6
                )
            pos = d.end()
            continue
        for ch in _orgs(d.group("orgs")):
            ent = eng.ent(view, ch)
            if ent.root == "Organization" and not ent.is_exchange():
                _person_fact(
                    eng, view, per, ent.group, titles, former, (m.start(), d.end()), "person-apposition", 0.8
                )
        pos = d.end()


def _h_person_bracket_title(eng: _Engine, view: _View, m: re.Match[str]) -> None:
    """A bracketed title after a name ("陈墨(技术副总裁)"): a role at the company of the passage."""
    per = eng.ent(view, m.group("per")).group
    org = _first(eng.company_before(view, m.start()), eng.topic(view))
    if org is None:
        return
    _person_fact(
        eng, view, per, org, _title_surface(eng, view, m), _former(m, "pre"), m, "person-bracket-title", 0.6
    )


def _h_founded_zh(eng: _Engine, view: _View, m: re.Match[str]) -> None:
    org = eng.ent(view, m.group("org"))
    if org.root != "Organization":
        return
    date = None
    if m.groupdict().get("mid"):
        found = find_dates(m.group("mid"), eng.base())
        date = found[0][2] if found else None
    for ch in _people(m.group("pers")):
        eng.emit(
            view, "FOUNDED", eng.ent(view, ch).group, org.group, _date_props(date), m, "founded-verb", 0.85
        )


def _h_title_topic(eng: _Engine, view: _View, m: re.Match[str]) -> None:
    """A role taken without naming the company ("许明哲将接任CTO一职"): the company of the story."""
    per = eng.ent(view, m.group("per")).group
    org = eng.topic(view)
    if org is not None:
        _person_fact(eng, view, per, org, _title_surface(eng, view, m), False, m, "role-topic", 0.6)


def _h_founded_topic(eng: _Engine, view: _View, m: re.Match[str]) -> None:
    """A founding without the company named again ("2020年由韩知秋创立", "the company was founded
    by X"): the company of the story."""
    people = _people(m.group("pers")) + ([m.group("with")] if m.groupdict().get("with") else [])
    groups = {eng.ent(view, ch).group for ch in people}
    # "A veteran X started the company": A is where X came from, not the company X started
    came_from = {r.target for r in eng.out if r.sentence is view.sentence and r.source in groups
                 and r.type == "LEFT"}
    org = _first(eng.company_before(view, m.start(), came_from), eng.topic(view))
    if org is None or org in came_from:
        return
    date = None
    mid = m.groupdict().get("mid")
    found = find_dates(mid, eng.base()) if mid else []
    if found:
        date = found[0][2]
    else:
        near = eng.date_near(view, m.start("pers"))
        date = near
    for ch in people:
        eng.emit(view, "FOUNDED", eng.ent(view, ch).group, org, _date_props(date), m, "founded-topic", 0.65)


def _h_founding_date(eng: _Engine, view: _View, m: re.Match[str]) -> None:
    """"X成立于2021年", "X于2024年创立", "X, founded in 2012,": when the organisation was founded."""
    org = eng.ent(view, m.group("org"))
    if org.root != "Organization" or org.is_exchange():
        return
    found = find_dates(m.groupdict().get("when") or m.groupdict().get("when2") or "", eng.base())
    if found and org.group not in eng.founding_dates:
        eng.founding_dates[org.group] = found[0][2]


def _h_former_role_clause(eng: _Engine, view: _View, m: re.Match[str]) -> None:
    """A clause without its subject after a person ("陆远舟此前在霁川科技工作七年，曾任霁川科技副总裁"):
    the person of the sentence held the role before, so it is a position they left."""
    per = eng.ent(view, m.group("per")).group
    titles = _title_surface(eng, view, m)
    for ch in _orgs(m.group("orgs")):
        ent = eng.ent(view, ch)
        if ent.root == "Organization" and not ent.is_exchange():
            _person_fact(eng, view, per, ent.group, titles, True, m, "former-role-clause", 0.7)


def _h_worked_at(eng: _Engine, view: _View, m: re.Match[str]) -> None:
    """"X此前在A工作/任职": a former employer, with no title."""
    org = eng.ent(view, m.group("org"))
    if org.root != "Organization" or org.is_exchange():
        return
    per = eng.ent(view, m.group("per")).group
    eng.emit(view, "LEFT", per, org.group, {}, m, "worked-at", 0.65)


def _h_left_zh(eng: _Engine, view: _View, m: re.Match[str]) -> None:
    org = eng.ent(view, m.group("org"))
    if org.root != "Organization":
        return
    per = eng.ent(view, m.group("per")).group
    titles = _title_surface(eng, view, m)
    _person_fact(
        eng, view, per, org.group, titles, True, m, "left-verb", 0.8, eng.date_near(view, m.start("org"))
    )


def _h_joined(eng: _Engine, view: _View, m: re.Match[str]) -> None:
    org = eng.ent(view, m.group("org"))
    if org.root != "Organization":
        return
    per = eng.ent(view, m.group("per")).group
    _person_fact(eng, view, per, org.group, _title_surface(eng, view, m), False, m, "joined-verb", 0.8)


def _h_en_person_title_of(eng: _Engine, view: _View, m: re.Match[str]) -> None:
    """An English apposition with its organisation ("Lin Zhiyuan, chief executive of Xingheng AI")."""
    org = eng.ent(view, m.group("org"))
    if org.root != "Organization" or org.is_exchange():
        return
    per = eng.ent(view, m.group("per")).group
    _person_fact(
        eng, view, per, org.group, _title_surface(eng, view, m), _former(m, "pre"), m, "role-apposition", 0.8
    )


def _h_en_person_title_only(eng: _Engine, view: _View, m: re.Match[str]) -> None:
    """An English apposition without one ("Chen Mo, co-founder and CTO"): the organisation named
    last before, or the topic."""
    per = eng.ent(view, m.group("per")).group
    if any(rel[0] == per for rel in eng._people_rel):
        return
    org = None
    if eng._people_rel:
        org = eng._people_rel[-1][1]
    org = _first(org, eng.company_before(view, m.start()), eng.topic(view))
    if org is None:
        return
    _person_fact(
        eng, view, per, org, _title_surface(eng, view, m), _former(m, "pre"), m, "role-apposition", 0.6
    )


def _h_en_founded(eng: _Engine, view: _View, m: re.Match[str]) -> None:
    org = eng.ent(view, m.group("org"))
    if org.root != "Organization":
        return
    date = None
    mid = m.groupdict().get("mid")
    if mid:
        found = find_dates(mid, eng.base())
        date = found[0][2] if found else None
    if date is None:
        years = re.search(r"\bin\s+((?:19|20)\d\d)\b", m.group(0))
        date = DateValue(years.group(1), "year") if years else None
    if date is None:
        # "X co-founded B in 2018", "B was founded by X in 2021": the year right after, in the clause
        after = re.match(r"\s+in\s+(?:early\s+|late\s+|mid-)?((?:19|20)\d\d)\b", view.skel[m.end() :])
        date = DateValue(after.group(1), "year") if after else None
    for ch in _people(m.group("pers")):
        eng.emit(
            view, "FOUNDED", eng.ent(view, ch).group, org.group, _date_props(date), m, "founded-verb", 0.85
        )


def _h_en_founded_after_leaving(eng: _Engine, view: _View, m: re.Match[str]) -> None:
    """"X left A in 2022 and founded B": the date belongs to the leaving, not to the founding."""
    org = eng.ent(view, m.group("org"))
    if org.root != "Organization":
        return
    for ch in _people(m.group("pers")):
        eng.emit(view, "FOUNDED", eng.ent(view, ch).group, org.group, {}, m, "founded-after-leaving", 0.8)


def _h_en_founded_who(eng: _Engine, view: _View, m: re.Match[str]) -> None:
    """"X, who left A in 2021, founded B last year": B was founded by X, dated by what follows B (the
    date inside the clause is the leaving's), and the clause says X left A."""
    org = eng.ent(view, m.group("org"))
    if org.root != "Organization":
        return
    after = view.skel[m.end("org") : m.end("org") + 40]
    after = re.split(rf"[,;.{NE}]", after)[0]
    found = find_dates(after, eng.base())
    date = found[0][2] if found else None
    people = [eng.ent(view, ch).group for ch in _people(m.group("pers"))]
    for per in people:
        eng.emit(view, "FOUNDED", per, org.group, _date_props(date), m, "founded-verb", 0.85)
    left = m.groupdict().get("left")
    if left:
        prev = eng.ent(view, left)
        if prev.root == "Organization" and not prev.is_exchange() and prev.group != org.group:
            clause = view.skel[m.start("left") : m.start("org")]
            when = find_dates(clause, eng.base())
            for per in people:
                props = _date_props(when[0][2] if when else None)
                eng.emit(view, "LEFT", per, prev.group, props, m, "left-verb", 0.8)


def _h_alumni(eng: _Engine, view: _View, m: re.Match[str]) -> None:
    """"Brightwater Dynamics alumni X and Y", "Quillfeather veteran X", "沐岩科技前员工X": people who
    worked at the organisation before, with no title."""
    org = eng.ent(view, m.group("org"))
    if org.root != "Organization" or org.is_exchange():
        return
    for ch in _people(m.group("pers")):
        eng.emit(view, "LEFT", eng.ent(view, ch).group, org.group, {}, m, "alumni", 0.75)


def _h_founder_previously(eng: _Engine, view: _View, m: re.Match[str]) -> None:
    """"B's founder previously led A's robotics unit": whoever the article says founded B worked at A."""
    co, prev = eng.ent(view, m.group("co")), eng.ent(view, m.group("org"))
    if co.root != "Organization" or prev.root != "Organization" or prev.is_exchange() or co.group == prev.group:
        return
    people = [eng.ent(view, m.group("per")).group] if m.groupdict().get("per") else [
        r.source for r in eng.out if r.type == "FOUNDED" and r.target == co.group
    ]
    for per in dict.fromkeys(people):
        eng.emit(view, "LEFT", per, prev.group, {}, m, "founder-previously", 0.7)


def _h_team_from(eng: _Engine, view: _View, m: re.Match[str]) -> None:
    """"B的创始团队来自A", "B, started by former A engineers (led by X)": the people who founded B
    worked at A. A named leader founded B; otherwise whoever the article says founded B, also when it
    names them later, so the facts are settled at the end of the article."""
    co, prev = eng.ent(view, m.group("co")), eng.ent(view, m.group("org"))
    if co.root != "Organization" or prev.root != "Organization" or prev.is_exchange() or co.group == prev.group:
        return
    if m.groupdict().get("pers"):
        for ch in _people(m.group("pers")):
            per = eng.ent(view, ch).group
            eng.emit(view, "FOUNDED", per, co.group, {}, m, "founded-verb", 0.8)
            eng.emit(view, "LEFT", per, prev.group, {}, m, "team-from", 0.75)
        return
    eng.team_from.append((view, (m.start(), m.end()), co.group, prev.group))


def _h_former_staff(eng: _Engine, view: _View, m: re.Match[str]) -> None:
    """"former A executives X and Y": a former position at A for each of them."""
    org = eng.ent(view, m.group("org"))
    if org.root != "Organization" or org.is_exchange():
        return
    titles = _title_surface(eng, view, m)
    for ch in _people(m.group("pers")):
        _person_fact(eng, view, eng.ent(view, ch).group, org.group, titles, True, m, "role-apposition", 0.8)


def _h_worked_at_as(eng: _Engine, view: _View, m: re.Match[str]) -> None:
    """"X曾在A担任算法负责人": a position at A, a former one when 曾/此前 says so."""
    org = eng.ent(view, m.group("org"))
    if org.root != "Organization" or org.is_exchange():
        return
    per = eng.ent(view, m.group("per")).group
    former = bool(m.group("was"))
    _person_fact(eng, view, per, org.group, _title_surface(eng, view, m), former, m, "worked-at", 0.8)


def _h_founded_venture(eng: _Engine, view: _View, m: re.Match[str]) -> None:
    """"X……2022年出来创业，成立了B": X founded B, dated by the words right before 创业."""
    org = eng.ent(view, m.group("org"))
    if org.root != "Organization" or org.is_exchange():
        return
    found = find_dates(m.group("when") or "", eng.base())
    date = found[-1][2] if found else None
    for ch in _people(m.group("pers")):
        eng.emit(view, "FOUNDED", eng.ent(view, ch).group, org.group, _date_props(date), m, "founded-verb", 0.8)


def _h_en_joined_left_founded(eng: _Engine, view: _View, m: re.Match[str]) -> None:
    """"X joined A in 2015 and left in 2020 to co-found B": a position at A from the first date, the
    leaving dated by the second, and B founded then."""
    prev, org = eng.ent(view, m.group("prev")), eng.ent(view, m.group("org"))
    if prev.root != "Organization" or org.root != "Organization" or prev.group == org.group:
        return
    joined = find_dates(m.group("joined") or "", eng.base())
    left = find_dates(m.group("left") or "", eng.base())
    when = left[0][2] if left else None
    for ch in _people(m.group("pers")):
        per = eng.ent(view, ch).group
        eng.emit(view, "LEFT", per, prev.group, _date_props(when), m, "left-verb", 0.85)
        eng.emit(view, "FOUNDED", per, org.group, _date_props(when), m, "founded-after-leaving", 0.85)
        if joined:
            eng.emit(view, "HOLDS_POSITION", per, prev.group, _date_props(joined[0][2]), m, "joined-verb", 0.8)


def _h_en_left(eng: _Engine, view: _View, m: re.Match[str]) -> None:
    org = eng.ent(view, m.group("org"))
    if org.root != "Organization":
        return
    per = eng.ent(view, m.group("per")).group
    _person_fact(
        eng,
        view,
        per,
        org.group,
        _title_surface(eng, view, m),
        True,
        m,
        "left-verb",
        0.8,
        eng.date_near(view, m.start(), m.end()),
    )


_LEAVE_ORG = re.compile(
    rf"(?:从|自)\s*(?P<o1>{ORG})\s*(?:{vocab.LEAVE_CUE_ZH})|(?:离开|告别|退出|辞去)\s*(?P<o2>{ORG})|"
    rf"\b(?:left|quit|departed|exited)\s+(?P<o3>{ORG})",
    re.IGNORECASE,
)


def _apply_leave_cue(eng: _Engine, view: _View) -> None:
    """A sentence that says people left turns the positions named before the cue into LEFT.

    When the cue names the organisation ("从澄湖科技离职", "left Tencent") only positions at that
    organisation are affected; a founder who left gets LEFT with the founder title too.
    """
    if not eng._people_rel:
        return
    cue = None
    for c in re.finditer(rf"{vocab.LEAVE_CUE_ZH}|{vocab.LEAVE_CUE_EN}", view.skel, re.IGNORECASE):
        cue = c
    if cue is None:
        return
    scoped = None
    for om in _LEAVE_ORG.finditer(view.skel):
        ch = om.group("o1") or om.group("o2") or om.group("o3")
        scoped = view.groups.get(ch)
    affected: dict[int, set[int]] = {}
    founders: list[tuple[int, int, str, int]] = []
    for per, org, end, titles, _how in eng._people_rel:
        if end > cue.start() or re.search(vocab.JOIN_CUE, view.skel[end : cue.start()], re.IGNORECASE):
            continue
        if scoped is not None and org != scoped:
            continue
        affected.setdefault(per, set()).add(org)
        founders.extend((per, org, t, end) for t in titles if _is_founder(t))
    if not affected:
        return
    date = eng.date_near(view, cue.start())
    for rel in eng.out:
        if (
            rel.sentence is view.sentence
            and rel.type == "HOLDS_POSITION"
            and rel.target in affected.get(rel.source, ())
        ):
            rel.type = "LEFT"
            rel.props.update(_date_props(date))
            rel.method += "+leave-cue"
    for per, org, title, end in founders:
        eng.emit(
            view,
            "LEFT",
            per,
            org,
            {"title": title, **_date_props(date)},
            (min(end, cue.start()), cue.end()),
            "role-apposition+leave-cue",
            0.7,
        )


# -- products, spin-offs, control ------------------------------------------------------------------


def _h_develops(eng: _Engine, view: _View, m: re.Match[str]) -> None:
    org = eng.ent(view, m.group("org"))
    if org.root != "Organization" or org.is_exchange() or org.is_investorish() and not org.is_companyish():
        return
    for ch in _products(m.group("prods")):
        eng.emit(view, "DEVELOPS", org.group, eng.ent(view, ch).group, {}, m, "develops", 0.75)


def _h_develops_topic(eng: _Engine, view: _View, m: re.Match[str]) -> None:
    org = _first(eng.company_before(view, m.start()), eng.topic(view))
    if org is None:
        return
    for ch in _products(m.group("prods")):
        eng.emit(view, "DEVELOPS", org, eng.ent(view, ch).group, {}, m, "develops-list", 0.55)


def _h_spinoff(eng: _Engine, view: _View, m: re.Match[str]) -> None:
    child, parent = eng.ent(view, m.group("child")), eng.ent(view, m.group("parent"))
    if child.root != "Organization" or parent.root != "Organization" or not child.is_companyish():
        return
    eng.emit(
        view,
        "SPUN_OFF_FROM",
        child.group,
        parent.group,
        _date_props(eng.date_near(view, m.start(), m.end())),
        m,
        "spin-off",
        0.8,
    )
    eng.upgrade(child.group, {"Company"})


def _h_controlled(eng: _Engine, view: _View, m: re.Match[str]) -> None:
    child, parent = eng.ent(view, m.group("child")), eng.ent(view, m.group("parent"))
    if child.root != "Organization" or parent.root != "Organization":
        return
    kind = "equity" if re.search(r"owned|控股|持股|全资", m.group(0)) else "subsidiary"
    eng.emit(view, "CONTROLLED_BY", child.group, parent.group, {"kind": kind}, m, "controlled-by", 0.7)


def _h_state_apposition(eng: _Engine, view: _View, m: re.Match[str]) -> None:
    """A vehicle "of the Hefei government" in apposition is state capital."""
    ent = eng.ent(view, m.group("org"))
    if ent.root != "Organization":
        return
    region = m.group("region")
    level = next((lvl for _zh, (en, lvl) in vocab.REGIONS.items() if en == region), None)
    eng.upgrade(
        ent.group,
        {"StateOwnedFund"},
        investor_kind=ent.attrs.get("investor_kind") or "state_platform",
        region=region if level else None,
        gov_level=level,
    )


# -- the rule list ---------------------------------------------------------------------------------

_NF = rf"[^,。;!?{NE}]"  # a character inside one clause that is not a name
_LINEAGE_KIND = r"(?:创业公司|初创公司|初创企业|创企|创业团队|新创公司|新创)"
_ALUMNI_EN = r"(?:alumni|alumnus|alumna|veterans?)"
_ALUMNI_ZH = r"(?:前|原)(?:员工|雇员|成员|骨干|核心成员)"


def _r(pattern: str, flags: int = 0) -> re.Pattern[str]:
    return re.compile(pattern, flags)


RULES: list[_Rule] = [
    # funding, Chinese
    _Rule(
        "funding-lead", _r(rf"(?:由\s*)?(?P<inv>{ZL})\s*(?P<co>联合|共同)?\s*(?:领投|领衔|牵头投资)"), _h_lead
    ),
    _Rule(
        "funding-follow",
        _r(
            # not "A系创业公司……加注": A names the company's lineage, not an investor
            rf"(?P<inv>{ZL})(?!\s*系)\s*(?:等)?{_NF}{{0,10}}?(?:跟投|参投|追投|跟进|加码|加注|"
            rf"参与(?:了)?(?:本轮|此轮|该轮)?(?:投资|融资))"
        ),
        _h_follow,
    ),
    _Rule("funding-sole", _r(rf"(?:由\s*)?(?P<inv>{ORG})\s*独家(?:投资|注资)"), _h_sole),
    _Rule(
        "funding-received",
        _r(
            rf"(?:获得?|拿到|引入|迎来)(?:了)?\s*(?P<inv>{ZL})\s*(?:等)?{_NF}{{0,10}}?"
            rf"(?P<kind>战略投资|战略融资|投资|注资|入股|增资|融资)"
        ),
        _h_got,
    ),
    _Rule(
        "funding-investor-list",
        _r(
            rf"(?:投资方|投资人|投资者|投资机构|参投方|出资方|新股东|老股东|投资阵容|参与方)"
            rf"(?:包括|有|为|是|涵盖|:|阵容)?[^。;!?{NE}]{{0,12}}?(?P<inv>{ZL})"
        ),
        _h_investors_are,
    ),
    _Rule(
        "funding-verb",
        _r(
            rf"(?P<inv>{ORG})\s*(?:向|对)\s*(?P<co>{ORG})\s*(?:进行|完成)?(?:了)?\s*(?:战略)?"
            rf"(?:投资|注资|增资)"
        ),
        _h_verb,
    ),
    _Rule(
        "funding-verb",
        _r(rf"(?P<inv>{ORG})\s*(?:战略)?(?:投资|入股|注资|增资)(?:了)?\s*(?P<co>{ORG})"),
        _h_verb,
    ),
    _Rule(
        "ipo-cornerstone",
        _r(rf"基石投资者(?:包括|有|为|是|:)?[^。;!?{NE}]{{0,8}}?(?P<inv>{ZL})"),
        _h_cornerstone,
    ),
    _Rule("ipo-cornerstone", _r(rf"(?P<inv>{ZL})\s*(?:等)?[^。;!?{NE}]{{0,20}}?基石投资者"), _h_cornerstone),
    _Rule(
        "funding-subject",
        _r(
            rf"(?P<co>{ORG})[^。;!?{NE}]{{0,24}}?(?:融资|轮|raised|raises|funding\s+round|financing)",
            re.IGNORECASE,
        ),
        _h_funding_subject,
        _FUNDING_CUE,
    ),
    _Rule(
        "funding-context-list",
        _r(rf"(?P<inv>{ORG}(?:{_BR}{_ZH_SEP}{ORG}){{1,}}{_BR})"),
        _h_context_list,
        _FUNDING_CUE,
    ),
    # funding, English
    _Rule(
        "funding-lead",
        _r(
            rf"(?P<co>co-?)?led\s+by\s+(?:(?:state|government|city|municipal)[- ](?:owned|backed|run)\s+)?"
            rf"(?P<inv>{EL})",
            re.IGNORECASE,
        ),
        _h_lead,
    ),
    _Rule(
        "funding-lead",
        _r(
            rf"(?P<inv>{EL})\s+(?P<co>co-?)?led\s+the\s+(?:round|financing|funding|investment|deal)",
            re.IGNORECASE,
        ),
        _h_lead,
    ),
    _Rule(
        "funding-follow",
        _r(
            rf"(?:participation\s+(?:from|of|by)|joined\s+by|along\s+with|alongside)\s+"
            rf"(?:existing\s+investors?\s+|investors?\s+)?(?:including\s+)?(?P<inv>{EL})",
            re.IGNORECASE,
        ),
        _h_follow,
    ),
    _Rule(
        "funding-follow",
        _r(
            rf"(?P<inv>{EL}),?\s+(?:have\s+|has\s+|had\s+)?(?:also\s+)?(?:participated|took\s+part)"
            rf"\b",
            re.IGNORECASE,
        ),
        _h_follow,
    ),
    _Rule(
        "funding-follow", _r(rf"with\s+(?P<inv>{EL})\s+(?:also\s+)?participating", re.IGNORECASE), _h_follow
    ),
    _Rule(
        "funding-investor-list",
        _r(
            rf"(?:backed\s+by|backing\s+from|funding\s+from|investment\s+from|"
            rf"investors?\s+(?:include|including|such\s+as|like)|roped\s+in|"
            rf"(?:the\s+)?likes\s+of)\s+[^.;!?{NE}]{{0,60}}?(?P<inv>{EL})",
            re.IGNORECASE,
        ),
        _h_investors_are,
    ),
    _Rule(
        "funding-verb",
        _r(
            rf"(?P<inv>{ORG})\s+(?:has\s+|have\s+)?(?:invested|invests)\s+(?:[^.;{NE}]{{0,30}}?\s)?"
            rf"in\s+(?P<co>{ORG})",
            re.IGNORECASE,
        ),
        _h_verb,
    ),
    _Rule("funding-backed", _r(rf"(?P<inv>{ORG})-backed\s+(?:[\w-]+\s+){{0,4}}?(?P<co>{ORG})"), _h_backed),
    _Rule(
        "ipo-cornerstone",
        _r(
            rf"cornerstone\s+investors?\s+(?:include|including|such\s+as|are|like)?\s*(?P<inv>{EL})",
            re.IGNORECASE,
        ),
        _h_cornerstone,
    ),
    # IPO
    _Rule(
        "ipo-company-ticker",
        _r(rf"(?P<co>{ORG})\s*\(\s*(?P<t>\d{{4,6}})\.(?P<sx>HK|SH|SZ|BJ)\s*\)", re.IGNORECASE),
        _h_ipo_company_ticker,
    ),
    _Rule(
        "ipo-filing",
        _r(
            rf"递表|(?:递交|提交|披露)(?:了)?(?:H股|A股|{ORG})?(?:上市)?(?:申请|招股书|招股说明书|IPO申请|"
            r"申请材料|上市申请书)|秘密递表|filed\s+(?:confidentially\s+)?(?:for\s+(?:an?\s+)?"
            rf"(?:{ORG}\s+|U\.S\.\s+|Hong\s+Kong\s+)?(?:initial\s+public\s+offering|IPO|listing)|(?:its\s+|a\s+|an\s+)?(?:prospectus|listing\s+application|IPO\s+application|"
            r"draft\s+prospectus))|submitted\s+(?:a\s+|its\s+|an\s+)?(?:listing\s+)?"
            r"(?:application|prospectus)",
            re.IGNORECASE,
        ),
        _h_filed,
    ),
    _Rule(
        "ipo-hearing",
        _r(
            r"通过(?:了)?[^,。;!?]{0,12}?聆讯|passed\s+(?:a\s+|its\s+|the\s+)?(?:listing\s+)?hearing",
            re.IGNORECASE,
        ),
        _h_hearing,
    ),
    _Rule(
        "ipo-listing",
        _r(
            rf"挂牌(?:上市|交易)?|敲钟|鸣锣|登陆\s*{ORG}|上市首日|(?:在|于|赴)\s*{ORG}\s*(?:主板|科创板|创业板)?"
            rf"\s*上市|\bdebut(?:ed|s)?\b|\blisted\s+(?:on|in)\b|\bbegan\s+trading\b|"
            rf"\bstarted\s+trading\b|\bwent\s+public\b|\bfirst\s+day\s+of\s+(?:[A-Z]\w*\s+){{0,3}}"
            rf"trad(?:e|ing)\b|\blisting\s+by\b",
            re.IGNORECASE,
        ),
        _h_listed,
    ),
    # people, Chinese
    _Rule(
        "role-apposition",
        _r(rf"(?P<pre>前|原|新任|新)?\s*(?P<titles>{TZ})\s*(?:——|—|–|:)?\s*(?P<per>{PER})"),
        _h_title_person,
    ),
    _Rule(
        "person-apposition",
        _r(
            rf"(?P<per>{PER})(?=\s*(?:此前|之前|曾经|曾|原|目前|现|现在)?\s*(?:,|\(|:|是|为|系|现任|"
            rf"曾任|担任|出任))"
        ),
        _h_person_desc,
    ),
    _Rule(
        "person-bracket-title",
        _r(rf"(?P<per>{PER})\s*\(\s*(?P<pre>前|原|现任)?\s*(?P<titles>{TZ})\s*\)"),
        _h_person_bracket_title,
    ),
    _Rule(
        "founded-verb",
        _r(
            rf"(?P<pers>{PL})\s*(?P<mid>{_NF}{{0,12}}?)(?:联合|共同|一起)?(?:创立|创办|创建|创设|"
            rf"成立|发起成立)(?:了)?\s*(?:的)?\s*(?P<org>{ORG})"
        ),
        _h_founded_zh,
    ),
    _Rule(
        "founded-after-leaving",
        _r(
            rf"(?P<pers>{PL})[^。;!?]{{0,40}}?(?:离职|离开|出走|辞职|卸任|辞任|辞去|退出)(?:了)?(?:\s*在?\s*{ORG})?[^。;!?{NE}]{{0,12}}?"
            # "离职，随后创办B" and, without the comma, "离职后创办B"
            rf"(?:[,，]\s*(?:并|随后|后|之后|此后|旋即|转而|同年|次年)?|后|之后|随即)\s*(?P<mid>{_NF}{{0,12}}?)"
            rf"(?:联合|共同)?(?:创立|创办|创建|成立)(?:了)?\s*(?P<org>{ORG})"
        ),
        _h_founded_zh,
    ),
    _Rule(
        "founded-verb",
        _r(
            # "B由A前产品总监X创立", "B由A前员工X创立": who X was stands between 由 and the name
            rf"(?P<org>{ORG})\s*(?:由|系|是由)\s*(?:{ORG}\s*(?:的)?\s*(?:前|原)?\s*(?:{TZ}|员工|雇员|成员)\s*)?"
            rf"(?P<pers>{PL})\s*(?P<mid>{_NF}{{0,12}}?)"
            rf"(?:联合|共同)?(?:创立|创办|创建|成立)"
        ),
        _h_founded_zh,
    ),
    _Rule(
        "founded-verb",
        _r(
            rf"由\s*(?P<pers>{PL})\s*(?P<mid>{_NF}{{0,12}}?)(?:联合|共同)?(?:创立|创办|创建|成立)的\s*"
            rf"(?P<org>{ORG})"
        ),
        _h_founded_zh,
    ),
    _Rule(
        "founding-date",
        _r(
            rf"(?P<org>{ORG})\s*(?:(?:正式|最早)?(?:成立|创立|创办|创建|注册成立)(?:于|在)\s*(?P<when>{_NF}{{2,14}}?)"
            rf"(?=[,。;!?]|$|\s|,)|(?:于|在)\s*(?P<when2>{_NF}{{2,14}}?)(?:正式)?(?:成立|创立|创办|创建)(?!的))"
        ),
        _h_founding_date,
    ),
    _Rule(
        "founding-date",
        _r(
            rf"(?P<org>{ORG}),?\s+(?:which\s+was\s+|was\s+)?(?:founded|established|set\s+up|started)\s+"
            rf"(?P<when>in\s+(?:early\s+|late\s+|mid-)?(?:19|20)\d\d)\b",
            re.IGNORECASE,
        ),
        _h_founding_date,
    ),
    _Rule(
        "former-role-clause",
        _r(
            rf"(?P<per>{PER})[^。;!?]{{0,40}}?,\s*(?:此前|之前|早年|曾经)?\s*(?:曾任|曾担任|历任|曾在)\s*"
            rf"(?P<orgs>{ZL})\s*(?:的)?\s*(?P<titles>{TZ})"
        ),
        _h_former_role_clause,
    ),
    _Rule(
        "worked-at",
        _r(
            rf"(?P<per>{PER})\s*(?P<was>此前|之前|早年|曾经|曾)?\s*(?:在|于)\s*(?P<org>{ORG})\s*"
            rf"(?:担任|出任|任)(?:过)?\s*(?P<titles>{TZ})"
        ),
        _h_worked_at_as,
    ),
    _Rule(
        "founded-verb",
        _r(
            # "X曾在A担任算法负责人，2022年出来创业，成立了B"
            rf"(?P<pers>{PL})[^。;!?]{{0,40}}?(?P<when>{_NF}{{0,10}}?)(?:出来|出去|下海|辞职|离职)?创业\s*"
            rf",?\s*(?:并|随后|先后|之后|后)?\s*(?:联合|共同)?(?:创立|创办|创建|成立)(?:了)?\s*(?P<org>{ORG})"
        ),
        _h_founded_venture,
    ),
    _Rule("alumni", _r(rf"(?P<org>{ORG})\s*出身的\s*(?P<pers>{PL})"), _h_alumni),
    _Rule("alumni", _r(rf"出身(?:于|自)?\s*(?P<org>{ORG})\s*的\s*(?P<pers>{PL})"), _h_alumni),
    _Rule("alumni", _r(rf"(?P<pers>{PL})\s*(?:出身于|出身自|出身)\s*(?P<org>{ORG})"), _h_alumni),
    _Rule(
        "team-from",
        _r(
            rf"(?P<co>{ORG})\s*(?:的)?\s*(?:创始团队|创业团队|创始人团队|核心团队)\s*(?:成员)?\s*"
            rf"(?:均|都|大多|多|主要|全部|大部分)?\s*(?:来自|出自|出身于|出身自|出身)\s*(?P<org>{ORG})"
        ),
        _h_team_from,
    ),
    _Rule(
        "worked-at",
        _r(
            rf"(?P<per>{PER})\s*(?:此前|之前|早年|曾经|曾)\s*(?:在|于|就职于|任职于|供职于)\s*(?P<org>{ORG})\s*"
            rf"(?:工作|任职|就职|供职|效力)"
        ),
        _h_worked_at,
    ),
    _Rule(
        "left-verb",
        _r(
            rf"(?P<per>{PER})\s*(?:已|已经|正式|近日|日前|于|在)?{_NF}{{0,10}}?(?:从|自)?\s*(?:离开|离职|出走|"
            rf"卸任|辞任|辞去|告别|退出)(?:了)?\s*(?:在\s*)?(?P<org>{ORG})(?:的)?\s*(?P<titles>{TZ})?"
        ),
        _h_left_zh,
    ),
    _Rule(
        "left-verb",
        _r(
            rf"(?P<per>{PER})\s*(?:已|已经|于)?{_NF}{{0,10}}?(?:从|自)\s*(?P<org>{ORG})\s*(?:离职|辞职|出走|离开)"
        ),
        _h_left_zh,
    ),
    _Rule(
        "joined-verb",
        _r(
            rf"(?P<per>{PER})\s*(?:已|已经|正式|近日|日前|将|于)?{_NF}{{0,10}}?(?:加入|加盟|入职)\s*"
            rf"(?P<org>{ORG})(?:\s*,?\s*(?:并)?(?:担任|出任|任)\s*(?:公司)?(?P<titles>{TZ}))?"
        ),
        _h_joined,
    ),
    _Rule(
        "joined-verb",
        _r(
            rf"(?P<per>{PER})\s*(?:正式|将|已)?(?:出任|担任|接任|任)\s*(?P<org>{ORG})\s*(?:的)?\s*"
            rf"(?:新任?)?(?P<titles>{TZ})"
        ),
        _h_joined,
    ),
    _Rule(
        "joined-verb",
        _r(
            rf"(?P<org>{ORG})\s*(?:宣布)?(?:任命|聘任|聘请|委任)\s*(?P<per>{PER})\s*(?:为|出任|担任)\s*"
            rf"(?:公司)?(?:新任?)?(?P<titles>{TZ})"
        ),
        _h_joined,
    ),
    _Rule(
        "joined-verb",
        _r(
            rf"(?P<per>{PER})\s*(?:目前|现|正式|将|已)?(?:接任|出任|担任|任)\s*(?:公司|该公司|本公司)?\s*(?:的)?"
            rf"\s*(?:新任?)?(?P<titles>{TZ})"
        ),
        _h_title_topic,
    ),
    _Rule(
        "founded-verb",
        _r(
            rf"由\s*(?:[^,。;!?]{{0,16}}?)(?P<pers>{PL})\s*(?:与|和)?{_NF}{{0,8}}?(?:联合|共同|一起)?"
            rf"(?:创立|创办|创建|成立)(?!的)"
        ),
        _h_founded_topic,
    ),
    # people, English
    _Rule(
        "founded-after-leaving",
        _r(
            rf"(?P<pers>{PL_EN})\s+(?:had\s+|has\s+)?joined\s+(?P<prev>{ORG})(?P<joined>[^.;{NE}]{{0,30}}?)\s*,?\s*"
            rf"(?:and|before|then)\s+(?:later\s+)?(?:left|quit|departed)(?:\s+(?:it|the\s+company|the\s+firm))?"
            rf"(?P<left>[^.;{NE}]{{0,30}}?)\s*,?\s*(?:to|and)\s+(?:later\s+|then\s+)?"
            rf"(?:co-?found|found|start|set\s+up|launch)(?:ed)?\s+(?P<org>{ORG})",
            re.IGNORECASE,
        ),
        _h_en_joined_left_founded,
    ),
    _Rule(
        "team-from",
        _r(
            rf"(?P<co>{ORG}),?\s+(?:which\s+was\s+|was\s+)?(?:started|founded|co-?founded|set\s+up|launched|formed)"
            rf"\s+by\s+(?:a\s+(?:trio|pair|group|team|handful|duo|quartet|band)\s+of\s+|"
            rf"(?:two|three|four|five|several)\s+)?(?:former|ex-)\s*(?P<org>{ORG})\s+(?:engineers|employees|"
            rf"staff(?:ers)?|researchers|executives|veterans|alumni|colleagues|scientists|managers|developers)"
            rf"(?:,?\s+(?:led|headed)\s+by\s+(?P<pers>{PL_EN}))?",
            re.IGNORECASE,
        ),
        _h_team_from,
    ),
    _Rule(
        "alumni",
        _r(rf"(?P<org>{ORG})\s+{_ALUMNI_EN}\s+(?P<pers>{PL_EN})", re.IGNORECASE),
        _h_alumni,
    ),
    _Rule("alumni", _r(rf"(?P<org>{ORG})\s*(?:的)?\s*{_ALUMNI_ZH}\s*(?P<pers>{PL})"), _h_alumni),
    _Rule(
        "role-apposition",
        _r(
            rf"(?P<per>{PER}),\s+(?:the\s+)?(?P<org>{ORG})\s*(?:'s|’s)\s+(?P<pre>former\s+|ex-|then\s+)?"
            rf"(?:[a-z][\w-]*\s+)??(?P<titles>{TE})(?![\w-])"
        ),
        _h_en_person_title_of,
    ),
    _Rule(
        "role-apposition",
        _r(
            rf"(?P<per>{PER}),\s+(?:the\s+|a\s+|an\s+)?(?P<pre>former\s+|ex-|then\s+|previously\s+|"
            rf"formerly\s+)?(?:the\s+|a\s+|an\s+)?(?:[a-z][\w-]*\s+)??(?P<titles>{TE})\s+(?:of|at)\s+(?:\S+\s+){{0,6}}?(?P<org>{ORG})(?![-'’\w])",
            re.IGNORECASE,
        ),
        _h_en_person_title_of,
    ),
    _Rule(
        "role-apposition",
        _r(
            # "former Brackwater Systems executives Hana Oduya and Piet Kramer": each held the title
            rf"(?P<pre>former\s+|ex-)(?P<org>{ORG})\s+(?P<titles>{TE})s\s+(?P<pers>{PL_EN})",
            re.IGNORECASE,
        ),
        _h_former_staff,
    ),
    _Rule(
        "role-apposition",
        _r(
            rf"(?P<pre>former\s+|ex-)?(?P<org>{ORG})(?:'s|’s)?\s+(?P<pre2>former\s+)?"
            rf"(?P<titles>{TE})\s+(?P<per>{PER})",
            re.IGNORECASE,
        ),
        lambda eng, view, m: (
            _person_fact(
                eng,
                view,
                eng.ent(view, m.group("per")).group,
                eng.ent(view, m.group("org")).group,
                _title_surface(eng, view, m),
                _former(m, "pre", "pre2"),
                m,
                "role-apposition",
                0.8,
            )
            if eng.ent(view, m.group("org")).root == "Organization"
            else None
        ),
    ),
    _Rule(
        "role-apposition",
        _r(
            rf"(?P<per>{PER}),\s+(?:the\s+|its\s+)?(?:(?:company|firm|group|startup)['’]s\s+)?"
            rf"(?P<pre>former\s+)?(?P<titles>{TE})(?=\s*[,.;)]|\s*$)",
            re.IGNORECASE,
        ),
        _h_en_person_title_only,
    ),
    _Rule(
        "founded-verb",
        _r(
            rf"(?P<pers>{PL_EN})\s+(?:co-?founded|founded|started|set\s+up|launched)\s+(?P<org>{ORG})",
            re.IGNORECASE,
        ),
        _h_en_founded,
    ),
    _Rule(
        "role-apposition",
        _r(
            # "Its founder Hana Oduya said": a title of the company the story is about
            rf"(?<![\w'’])(?:its|the\s+company['’]s|the\s+firm['’]s|the\s+startup['’]s)\s+(?P<pre>former\s+)?"
            rf"(?P<titles>{TE})\s+(?P<per>{PER})",
            re.IGNORECASE,
        ),
        _h_title_topic,
    ),
    _Rule(
        "founded-verb",
        _r(
            # "Zhou Yanting (周砚亭), who co-founded B in 2020, ..."
            rf"(?P<pers>{PL_EN})(?:\s*\([^()]{{1,8}}\))?,\s+who\s+(?:also\s+|later\s+|had\s+)?"
            rf"(?:co-?founded|founded|started|set\s+up|launched)\s+(?P<org>{ORG})",
            re.IGNORECASE,
        ),
        _h_en_founded,
    ),
    _Rule(
        "founded-verb",
        _r(
            rf"(?P<pers>{PL_EN}),\s+who\s+(?:(?P<lv>left|quit|departed(?:\s+from)?)\s+(?P<left>{ORG})|"
            rf"[^,;.{NE}]{{0,60}}(?:{ORG})?)[^,;.{NE}]{{0,30}},\s+(?:later\s+|then\s+)?"
            rf"(?:co-?founded|founded|started|set\s+up|launched)\s+(?P<org>{ORG})",
            re.IGNORECASE,
        ),
        _h_en_founded_who,
    ),
    _Rule(
        "founded-verb",
        _r(
            rf"(?P<pers>{PL_EN}),\s+(?:a|an|the|previously|formerly|once)\s+[^,;.{NE}]{{0,60}}"
            rf"(?:{ORG}[^,;.{NE}]{{0,30}})?,\s+"
            rf"(?:later\s+|then\s+)?(?:co-?founded|founded|started|set\s+up|launched)\s+(?P<org>{ORG})",
            re.IGNORECASE,
        ),
        _h_en_founded_who,
    ),
    _Rule(
        "founded-after-leaving",
        _r(
            rf"(?P<pers>{PL_EN})\s+(?:has\s+|had\s+)?(?:left|quit|departed(?:\s+from)?)\s+{ORG}"
            rf"(?P<mid>[^.;!?{NE}]{{0,30}}?)\s*,?\s*(?:and|to|before|then)\s+(?:later\s+|went\s+on\s+to\s+)?"
            rf"(?:co-?found(?:ed)?|found(?:ed)?|start(?:ed)?|set\s+up|launch(?:ed)?)\s+(?P<org>{ORG})",
            re.IGNORECASE,
        ),
        _h_en_founded_after_leaving,
    ),
    _Rule(
        "founded-verb",
        _r(
            rf"(?P<org>{ORG})[^.;!?{NE}]{{0,50}}?\b(?:was\s+|is\s+)?(?:co-?founded|founded|started|"
            rf"set\s+up|established)\s+(?P<mid>(?:in\s+[^.;,{NE}]{{0,20}}?\s+)?)by\s+"
            rf"(?:(?:former|ex-)\s*(?:{ORG})?\s*(?:{TITLE_EN_RE})?s?\s+|{ORG}\s+{_ALUMNI_EN}\s+)?(?P<pers>{PL_EN})",
            re.IGNORECASE,
        ),
        _h_en_founded,
    ),
    _Rule(
        "founded-verb",
        _r(
            rf"^\W*(?:co-?founded|founded|started|established)\s+(?P<mid>(?:in\s+[^.;,{NE}]{{0,20}}?\s+)?)"
            rf"by\s+(?:former\s+(?:{ORG})?\s*(?:{TITLE_EN_RE})?\s+)?(?P<pers>{PL_EN}),\s+(?:[^,{NE}]{{0,40}},\s+)?"
            rf"(?:[\w-]+\s+){{0,3}}?(?P<org>{ORG})",
            re.IGNORECASE,
        ),
        _h_en_founded,
    ),
    _Rule(
        "founded-verb",
        _r(
            rf"(?:the\s+(?:[\w-]+\s+){{0,2}}?(?:company|firm|startup)|it)\s+(?:was\s+|is\s+)?"
            rf"(?:co-?founded|founded|started|set\s+up|established)\s+(?P<mid>(?:in\s+[^.;,{NE}]{{0,20}}?\s+)?)"
            rf"by\s+(?:(?:the\s+)?former\s+(?:{ORG})?\s*(?:{TITLE_EN_RE})?\s+)?(?P<pers>{PL_EN})",
            re.IGNORECASE,
        ),
        _h_founded_topic,
    ),
    _Rule(
        "founded-verb",
        _r(
            rf"(?P<pers>{PL_EN})[^.;!?]{{0,60}}?\b(?:co-?founded|founded|started)\s+(?:the\s+"
            rf"(?:company|firm|startup)|it)\b(?P<mid>[^.;{NE}]{{0,20}}?)(?:\s+with\s+[^.;,{NE}]{{0,40}}?"
            rf"(?P<with>{PER}))?",
            re.IGNORECASE,
        ),
        _h_founded_topic,
    ),
    _Rule(
        "worked-at",
        _r(
            # "X spent five years at A", "X, who founded B, spent a decade with A": a past employer
            rf"(?P<per>{PER})(?:\s*\([^()]{{1,8}}\))?(?:,[^.;!?{NE}]{{0,40}}(?:{ORG}[^.;!?{NE}]{{0,20}})?,)?\s+"
            rf"(?:had\s+)?spent\s+(?:[\w-]+\s+){{0,3}}?(?:years?|months?|decades?)\s+(?:at|with)\s+(?P<org>{ORG})",
            re.IGNORECASE,
        ),
        _h_worked_at,
    ),
    _Rule(
        "left-verb",
        _r(
            rf"(?P<per>{PER})\s+(?:has\s+|had\s+)?(?:left|departed|quit|resigned\s+from|stepped\s+down\s+from|"
            rf"exited)\s+(?P<org>{ORG})",
            re.IGNORECASE,
        ),
        _h_en_left,
    ),
    _Rule(
        "left-verb",
        _r(
            rf"(?P<per>{PER})[^.;!?{NE}]{{0,30}}?(?:stepped\s+down|resigned)\s+as\s+(?P<titles>{TE})\s+"
            rf"(?:of|at)\s+(?P<org>{ORG})",
            re.IGNORECASE,
        ),
        _h_en_left,
    ),
    _Rule(
        "joined-verb",
        _r(
            rf"(?P<per>{PER})\s+(?:has\s+|had\s+)?(?:joined|rejoined)\s+(?P<org>{ORG})(?:\s+as\s+"
            rf"(?:its\s+|a\s+|an\s+|the\s+)?(?P<titles>{TE}))?",
            re.IGNORECASE,
        ),
        _h_joined,
    ),
    _Rule(
        "joined-verb",
        _r(
            rf"(?P<org>{ORG})\s+(?:has\s+)?(?:appointed|named|hired)\s+(?P<per>{PER})\s+(?:as\s+)?"
            rf"(?:its\s+)?(?:new\s+)?(?P<titles>{TE})?",
            re.IGNORECASE,
        ),
        _h_joined,
    ),
    _Rule(
        "role-apposition",
        _r(
            rf"(?P<per>{PER}),\s+(?:a|an|the)\s+(?P<pre>former\s+|ex-)(?P<org>{ORG})\s+"
            rf"(?:[a-z][\w-]*\s+)??(?P<titles>{TE})(?![\w-])",
            re.IGNORECASE,
        ),
        _h_en_person_title_of,
    ),
    _Rule(
        "founder-previously",
        _r(
            rf"(?P<co>{ORG})(?:'s|’s|'|’)\s+(?:co-?)?founder(?:,\s*(?P<per>{PER}),)?\s+(?:previously|formerly|"
            rf"once|had|earlier)\s+(?:led|ran|headed|managed|worked\s+(?:at|for)|was\s+at)\s+(?:the\s+)?"
            rf"(?P<org>{ORG})",
            re.IGNORECASE,
        ),
        _h_founder_previously,
    ),
    # products
    _Rule(
        "develops",
        _r(
            rf"(?P<org>{ORG})\s*(?:的|旗下(?:的)?|推出(?:的|了)?|发布(?:的|了)?|开发(?:的|了)?|研发(?:的|了)?|"
            rf"上线(?:的|了)?|自研(?:的)?|开源(?:的|了)?)\s*{_NF}{{0,10}}?(?P<prods>{RL})"
        ),
        _h_develops,
    ),
    _Rule(
        "develops",
        _r(rf"(?P<prods>{RL})\s*(?:是|为|系)\s*(?P<org>{ORG})\s*(?:旗下|推出|开发|发布|研发)"),
        _h_develops,
    ),
    _Rule("develops", _r(rf"(?P<org>{ORG})(?:'s|’s)\s+(?:[\w-]+\s+){{0,4}}?(?P<prods>{RL_EN})"), _h_develops),
    _Rule(
        "develops",
        _r(
            rf"(?P<org>{ORG})\s+(?:has\s+|had\s+)?(?:launched|released|unveiled|rolled\s+out|developed|"
            rf"introduced|debuted|built|makes|offers|operates)\s+[^.;!?{NE}]{{0,40}}?(?P<prods>{RL_EN})",
            re.IGNORECASE,
        ),
        _h_develops,
    ),
    _Rule(
        "develops",
        _r(
            rf"(?P<prods>{PRD}),?\s+(?:developed|made|built|launched|released|owned|operated)\s+by\s+"
            rf"(?P<org>{ORG})",
            re.IGNORECASE,
        ),
        _h_develops,
    ),
    _Rule(
        "develops-list",
        _r(
            rf"\b(?:the\s+(?:[\w-]+\s+){{0,3}}?(?:company|firm|startup)|it)\s+(?:has\s+)?(?:launched|"
            rf"released|unveiled|rolled\s+out|developed|introduced|debuted)\s+[^.;!?{NE}]{{0,40}}?"
            rf"(?P<prods>{RL_EN})",
            re.IGNORECASE,
        ),
        _h_develops_topic,
    ),
    _Rule(
        "develops-list",
        _r(
            rf"(?:apps|products|models|offerings|applications|产品|应用)\s*(?:include|including|"
            rf"such\s+as|包括|有)\s*(?P<prods>{RL_EN}|{RL})",
            re.IGNORECASE,
        ),
        _h_develops_topic,
    ),
    # spin-offs and control
    _Rule(
        "spin-off",
        _r(
            rf"(?P<child>{ORG})\s*(?:正式|最初|最早|同时|也|还|早年|起初)?(?:脱胎于|孵化自|孵化于|源自|源于|诞生于|分拆自|拆分自|起源于)\s*"
            rf"(?P<parent>{ORG})"
        ),
        _h_spinoff,
    ),
    _Rule(
        "spin-off",
        _r(
            rf"(?P<child>{ORG})\s*(?:是|为|系)?\s*(?:从|由)\s*(?P<parent>{ORG})\s*(?:内部)?(?:孵化|分拆|拆分|剥离)"
        ),
        _h_spinoff,
    ),
    _Rule(
        "spin-off",
        _r(
            rf"(?P<child>{ORG})[^.;!?{NE}]{{0,30}}?\b(?:was\s+|is\s+)?(?:spun\s+(?:out|off)\s+(?:of|from)|"
            rf"a\s+spin-?(?:off|out)\s+(?:of|from)|incubated\s+(?:at|by|in|within)|originally\s+a\s+"
            rf"project\s+(?:developed\s+)?(?:internally\s+)?(?:at|of|within|inside))\s+"
            rf"(?:[\w-]+\s+){{0,3}}?(?P<parent>{ORG})",
            re.IGNORECASE,
        ),
        _h_spinoff,
    ),
    _Rule(
        # "B是一家A系创业公司", "A系创企B": a company of A's lineage, founded by people from A
        "spin-off",
        _r(rf"(?P<child>{ORG})\s*(?:是|为)\s*(?:一家|一个)?\s*(?P<parent>{ORG})\s*系(?:的)?\s*{_LINEAGE_KIND}"),
        _h_spinoff,
    ),
    _Rule(
        "spin-off",
        _r(rf"(?P<parent>{ORG})\s*系(?:的)?\s*{_LINEAGE_KIND}\s*(?P<child>{ORG})"),
        _h_spinoff,
    ),
    _Rule("controlled-by", _r(rf"(?P<child>{ORG})\s*\(\s*(?P<parent>{ORG})\s*旗下\s*\)"), _h_controlled),
    _Rule(
        "controlled-by",
        _r(rf"(?P<child>{ORG})\s*(?:是|为|系)\s*(?P<parent>{ORG})\s*(?:旗下|控股|全资)"),
        _h_controlled,
    ),
    _Rule(
        "controlled-by",
        _r(
            rf"(?P<child>{ORG}),\s+(?:an?|the)\s+(?:[\w-]+\s+){{0,4}}?(?:arm|unit|subsidiary|vehicle|"
            rf"affiliate|division)\s+of\s+(?:[\w-]+\s+){{0,3}}?(?P<parent>{ORG})",
            re.IGNORECASE,
        ),
        _h_controlled,
    ),
    _Rule(
        "controlled-by",
        _r(rf"(?P<parent>{ORG})-(?:owned|controlled)\s+(?:[\w-]+\s+){{0,4}}?(?P<child>{ORG})"),
        _h_controlled,
    ),
    _Rule(
        "state-apposition",
        _r(
            rf"(?P<org>{ORG}),\s+(?:the\s+|an?\s+)?[^,;{NE}]{{0,60}}?(?:of|by)\s+the\s+"
            rf"(?P<region>[A-Z][a-z]+)\s+(?:municipal\s+|city\s+|provincial\s+|district\s+)?"
            rf"government"
        ),
        _h_state_apposition,
    ),
]


# -- entry point -------------------------------------------------------------------------------------


def _views(nt: NormText, sentences: list[Sentence], occs: list[Occurrence]) -> list[_View]:
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
        counters = {"Organization": 0, "Person": 0, "Product": 0}
        j = k
        while j < len(ordered) and ordered[j].end <= sent.end:
            o = ordered[j]
            j += 1
            root = root_of(o.types)
            n = counters[root]
            if o.start < cursor or n >= _CAP:
                continue
            parts.append(nt.text[cursor : o.start])
            pos.extend(range(cursor, o.start))
            base = {"Organization": _ORG0, "Person": _PER0, "Product": _PROD0}[root]
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
        views.append(_View(sent, "".join(parts), pos, groups, occ_map))
    return views


def extract_relations(
    nt: NormText,
    sentences: list[Sentence],
    occs: list[Occurrence],
    entities: dict[int, EntityView],
    published: str | None,
    key_group: Callable[[str, int, int], int],
) -> tuple[list[RelationCandidate], dict[int, set[str]], dict[int, dict[str, Any]], list[tuple[str, str]]]:
    """Run every rule over every sentence.

    `key_group(key, start, end)` returns the group of a gazetteer entity the text implies but may not
    name (the exchange behind "a Hong Kong debut"), creating it if needed. Returns the relation
    candidates, type and attribute upgrades learnt from context, and dropped candidates.
    """
    salience: dict[int, int] = {}
    for o in occs:
        salience[o.group] = salience.get(o.group, 0) + 1
    engine = _Engine(nt, entities, published, key_group, salience)
    engine.run(_views(nt, sentences, occs), RULES)
    return engine.out, engine.ctx.type_updates, engine.ctx.attr_updates, engine.dropped
