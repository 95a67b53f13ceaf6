"""The rule engine of relation extraction: sentence skeletons, the entity views rules may ask about,
the running context of an article (topic, funding episode, IPO story), and the helpers every rule
uses (lists of names in a skeleton, titles, rounds, money, dates).

Each sentence is turned into a *skeleton*: the normalised sentence with every entity mention replaced
by one private-use character (organisations, people and products in separate ranges). Rules are
regular expressions over skeletons, so one rule says "由 ORG-LIST 领投" once, whatever the names,
their length or their script; a handler then checks the types of the captured entities and builds
the facts.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from kg.extract import vocab
from kg.extract.mentions import TITLES_EN_RE, TITLES_ZH_RE, Occurrence, root_of
from kg.extract.normalize import DateValue, Money, find_dates, find_money
from kg.extract.prefilter import RulePlan, plan_for
from kg.extract.text import NormText, Sentence
from kg.names import to_simplified
from kg.terms import C, R

ORG0, PER0, PROD0, CAP = 0xE000, 0xE800, 0xF000, 0x800
ORG = "[\ue000-\ue7ff]"
PER = "[\ue800-\uefff]"
PRD = "[\uf000-\uf7ff]"
NE = "\ue000-\uf7ff"  # inside a character class: any entity
NF = rf"[^,。;!?{NE}]"  # a character inside one clause that is not a name
_ANY_ENTITY_CHAR = re.compile(f"[{NE}]")


def _opens_with_entity(rule: Rule) -> bool:
    """Does every match of the rule start with a name (an entity or a list of them)?"""
    pattern = re.sub(r"^\(\?P<\w+>", "", rule.regex.pattern)
    return pattern.startswith((ORG, PER, PRD, EL, PL, PL_EN, ZL, RL, RL_EN))

#: Per table of rule patterns, whether each one's matches open with a name (`_opens_with_entity`): read
#: once per process; the patterns are kept so that their ids cannot be taken by others.
_OPENS: dict[tuple[int, ...], tuple[list[re.Pattern[str]], list[bool]]] = {}


def _rule_plan(rules: list[Rule]) -> tuple[RulePlan, list[bool]]:
    """The literal prefilter of `rules` and, per rule, whether its matches open with a name."""
    patterns = [rule.regex for rule in rules]
    key = tuple(map(id, patterns))
    known = _OPENS.get(key)
    if known is None:
        known = _OPENS[key] = (patterns, [_opens_with_entity(rule) for rule in rules])
    return plan_for(patterns), known[1]


# lists of names: Chinese separators, English commas/and, brackets and appositions skipped
# ("A、B及老股东C、D跟投": who the later members are does not end the list)
#: (a list may close after a comma: "A、B、C,以及D")
ZH_SEP = (
    r"\s*(?:、\s*(?:以及|和|及|与)?|,\s*(?:以及|还有)|以及|和|及|与|跟|&|/)\s*(?:老股东|现有股东|原股东|新股东)?\s*"
)
BR = r"(?:\s*\([^()]{0,40}\))?"
#: a Latin word the name matcher left after a known name inside a Chinese list ("UBS AM", "GIC Pte")
_LATIN_TAIL = r"(?:\s*[A-Z][A-Za-z]{0,11}(?![A-Za-z]))?(?:,\s*(?:Ltd|Limited|Inc|LLC|Corp)\b\.?)?"
#: an investor's unit in a list, named or not ("上汽集团旗下尚颀资本", "宁德时代及其旗下溥泉资本",
#: "中国移动旗下基金"): one member of the list, which reads both names
_OWNED_PART = (
    rf"(?:\s*(?:及其|和其|与其)?(?:旗下|下属)(?:的)?\s*(?:(?:[\u4e00-\u9fff]{{0,4}}(?:基金|平台|机构))?\s*{ORG}{_LATIN_TAIL}{BR}"
    r"|(?:一只|某)?(?:基金|产业基金|子基金|投资平台|投资机构|美元基金|人民币基金|投资基金)))?"
)
#: a company's investing department after its name ("美团战投", "腾讯投资部"): the company invests
_INVESTING_UNIT_ZH = r"(?:战投|战略投资部|投资部)?"
#: what an investor is, said right before its name in a list ("中东主权基金ADIA", "国资背景的X")
_KIND_BEFORE_ZH = (
    rf"(?:[\u4e00-\u9fff]{{1,6}}(?:主权基金|产业基金|基金|投资机构|机构|资本|平台|巨头|龙头|国资|国企|央企)(?:的)?"
    rf"(?=[{NE}]))?"
)
_ZL_ITEM = rf"{_KIND_BEFORE_ZH}{ORG}{_LATIN_TAIL}{BR}{_INVESTING_UNIT_ZH}{_OWNED_PART}"
ZL = rf"{_ZL_ITEM}(?:{ZH_SEP}{_ZL_ITEM})*"
PL = rf"{PER}(?:{ZH_SEP}{PER})*"
RL = rf"{PRD}(?:{ZH_SEP}{PRD})*"
_EN_APPOS = rf"(?:,\s+(?:the|an?|its)\s[^,;()\n{NE}]{{1,80}}?(?=\s*[,;]))?"
#: "existing investor HongShan", "new backer X" inside a list of investors
_EN_ROLE_BEFORE = (
    # ("CATL and its investment arm Puquan Capital": whose arm it is goes without saying)
    r"(?:(?:its|their)\s+(?:own\s+)?(?:investment\s+|venture\s+|corporate\s+venture\s+)?(?:arm|unit|fund|vehicle)\s+|"
    r"(?:existing|new|returning|early|previous)\s+(?:investors?|backers?|shareholders?)\s+|"
    # "state-backed Shenzhen Capital Group": who backs the investor, said before its name
    r"(?:(?:state|government|city|provincial|municipal|district)-(?:backed|owned|run|linked|controlled)\s+)|"
    # "venture firm HongShan", "state-backed fund X", "e-commerce giant Alibaba", "chipmaker Y"
    # (a word starts after a non-letter and is bounded: on a 50k-letter "word" an unbounded one is quadratic)
    r"(?:(?<![A-Za-z-])(?:[a-z][a-z-]{0,24}|U\.S\.|US|Chinese|Hong\s+Kong|Singaporean|Japanese|Saudi|Middle\s+Eastern)\s+){0,3}"
    r"(?:firm|fund|investor|giant|group|conglomerate|arm|platform|manager|company|maker|chipmaker|carmaker|"
    r"automaker|insurer|bank|lender|operator|vehicle)\s+)?"
)
#: a legal form the name matcher left after a known name ("Ant Group Co.", "Tencent Holdings Ltd.")
_EN_LEGAL_TAIL = r"(?:\s+(?:Co|Corp|Inc|Ltd|LLC|Plc|PLC|Limited|Group|Holdings)\b\.?){0,2}"
#: "China Mobile's fund", "Tencent's investment arm": a company's unnamed unit stands for the company
_EN_UNNAMED_UNIT = r"(?:['’]s\s+(?:[a-z-]+\s+){0,2}?(?:fund|arm|unit|vehicle|funds))?"
#: "Hong Kong's Hong Kong Investment Corp", "Abu Dhabi's Mubadala": whose (a place's) it is
_EN_PLACE_OWNER = r"(?:(?-i:[A-Z][a-z]+(?:\s[A-Z][a-z]+)?)['’]s\s+)?"
_EN_ITEM = (
    rf"{_EN_ROLE_BEFORE}(?:the\s+)?(?:{ORG}['’]s\s+|{_EN_PLACE_OWNER}){ORG}{_EN_LEGAL_TAIL}{_EN_UNNAMED_UNIT}{BR}{_EN_APPOS}"
)
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
        return C.Exchange in self.types

    def is_investorish(self) -> bool:
        return bool(self.types & _INVESTOR_KINDS) or "investor_kind" in self.attrs

    def is_companyish(self) -> bool:
        """Could be a company that raises money or lists: not an exchange, school, agency or pure fund."""
        if self.root != _ORGANIZATION or self.types & _NOT_COMPANYISH:
            return False
        return not (self.types <= _FUND_ONLY and self.types & _INVESTOR_KINDS)


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


#: Kinds read on every rule's ends, as module constants (cheaper than the namespace's attributes).
_ORGANIZATION = C.Organization
_NOT_COMPANYISH = frozenset({C.Exchange, C.University, C.ResearchInstitute, C.GovernmentBody})
_INVESTOR_KINDS = frozenset({C.Investor, C.StateOwnedFund})
_FUND_ONLY = frozenset({C.Investor, C.StateOwnedFund, C.Organization})


@dataclass
class View:
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
    #: whether a funding round has been read yet: the first one, undated, is the article's news
    funding_seen: bool = False
    ipo_company: int | None = None
    ipo_exchange: int | None = None
    ipo_sentence: int = -99
    year_base: str | None = None
    #: The last year and month a sentence named in full ("2025年12月"), and that sentence's index.
    month_anchor: tuple[str, int] | None = None
    #: the people named in the last sentence that named any, in order, and that sentence's index
    people: list[int] = field(default_factory=list)
    people_sentence: int = -99
    type_updates: dict[int, set[str]] = field(default_factory=dict)
    attr_updates: dict[int, dict[str, Any]] = field(default_factory=dict)


# -- small helpers -------------------------------------------------------------------------------


def _chars(text: str, lo: int = ORG0, hi: int = PROD0 + CAP) -> list[str]:
    """Entity characters in `text`, skipping bracketed asides ("Northgate Fund(某集团旗下)")."""
    text = re.sub(r"\([^()]*\)", "", text)
    return [c for c in text if lo <= ord(c) < hi]


def org_groups(text: str) -> list[str]:
    """The organisations of a captured list; an owner before "'s" names whose the next one is
    ("Hillhouse Investment's HHLR Advisors": HHLR Advisors invests)."""
    found = _chars(text, ORG0, ORG0 + CAP)
    owners = {m.group(1) for m in re.finditer(rf"({ORG})['’]s\s+(?={ORG})", text)}
    return [c for c in found if c not in owners] if owners else found


def person_groups(text: str) -> list[str]:
    return _chars(text, PER0, PER0 + CAP)


def product_groups(text: str) -> list[str]:
    return _chars(text, PROD0, PROD0 + CAP)


_TITLE_SPLIT = re.compile(r"\s*(?:兼|暨|、|和|及|/|,|\band\b|&)\s*", re.IGNORECASE)


def split_titles(surface: str | None) -> list[str]:
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


def is_founder(title: str) -> bool:
    return to_simplified(title).lower() in vocab.FOUNDER_TITLES


_ROUND_ZH = re.compile(
    r"(?P<r>天使\+?|种子\+?|Pre-?A\+*|Pre-?B\+*|Pre-?IPO|[A-H]\d?\+*|战略)\s*轮"
    # "数千万元天使投资", "种子融资": an early round named without 轮
    r"|(?:(?<=完成|获得|获取|进行|拿到)|(?<![\u4e00-\u9fff]))(?P<r2>天使|种子)(?:投资|融资)(?!人|机构)"
    r"|(?<=[元的获])(?P<r3>天使|种子)(?:投资|融资)(?!人|机构)",
    re.IGNORECASE,
)
_ROUND_EN = re.compile(
    r"\bSeries\s+(?P<r>[A-H]\d?\+?)|\b(?P<r2>seed|angel|pre-IPO|strategic|pre-Series\s+[A-H])\s+"
    # "a seed round", "in seed funding", "angel financing": the word after says it is money
    r"(?:(?:funding\s+|financing\s+|investment\s+)?round|funding\b|financing\b)",
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


def round_in(text: str) -> str | None:
    m = _ROUND_ZH.search(text)
    if m:
        r = m.group("r") or m.group("r2") or m.group("r3")
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
    if _PLACEMENT.search(text):
        return "PIPE"
    return None


#: New shares a listed company places privately ("办理私募普通股", "定向增发", "a private placement"):
#: analysts call the round a PIPE. A private fund (私募基金, 私募股权) is another thing.
_PLACEMENT = re.compile(
    r"(?:办理|进行|实施|启动|完成)私募(?!基金|股权|机构)|私募(?:普通股|股份|配售|发行|增资)|定向增发|定增|"
    r"private\s+placement|\bPIPE\b",
    re.IGNORECASE,
)


_VALUATION_BEFORE = re.compile(
    r"(?:估值|市值|估值为|估值达|估值约|valuation\s+of|valued\s+at|valu(?:e|es|ing)\s+[^,.;]{0,40}?\bat|"
    r"营收|收入|利润|亏损|revenue|sales|cash|现金|储备|募资|发行规模|认购|每股|作价|股价|收报|报)\s*(?:约|达|超)?\s*$",
    re.IGNORECASE,
)
_VALUATION_AFTER = re.compile(
    r"^\s*(?:的)?\s*(?:估值|市值|(?:pre-|post-)?(?:money\s+)?valuation|营收|收入|现金|/股|每股|"
    r"(?:a|per)\s+share|each\b)",
    re.IGNORECASE
)


def round_money(skel: str) -> Money | None:
    """The sum a sentence gives for a funding round (not a valuation, revenue or cash pile)."""
    for s, e, money in find_money(skel):
        if _VALUATION_BEFORE.search(skel[max(0, s - 60) : s]) or _VALUATION_AFTER.match(skel[e : e + 24]):
            continue
        if money.currency is None:
            continue
        return money
    return None


#: A Chinese dateline: an outlet (and a city) with the day of the report ("财联社12月4日电",
#: "新华社北京3月5日电", "界面新闻5月8日消息").
_DATELINE_ZH = re.compile(r"^\s*[^,;:。\d]{0,16}?\d{1,2}月\d{1,2}日(?:电|讯|消息)")
#: A wire dateline opening a sentence: "BOSTON, May 14, 2024 (Reuters) -", "NEW YORK, June 3 (Bloomberg) --".
_DATELINE = re.compile(r"^\s*[A-Z][^\n()]{0,50}?\d[^\n()]{0,12}?(?:\([^()\n]{1,30}\))?\s*(?:--?|–|—)\s")


def first_group(*groups: int | None) -> int | None:
    """The first entity group that is there: group 0 is an entity too, so `or` would skip it."""
    return next((g for g in groups if g is not None), None)


_FOUNDED_BEFORE = re.compile(
    r"\b(?:set\s+up|founded|established|launched|created|formed|started)\s+(?:in\s+)?(?:early\s+|late\s+|mid-)?$",
    re.IGNORECASE,
)


def _described_founding(skel: str, at: int) -> bool:
    """Whether the date at `at` is a founding year in an apposition ("A, a state-backed fund set up in
    2019, and B"): it dates that entity, not the event of the sentence."""
    if not _FOUNDED_BEFORE.search(skel, max(0, at - 24), at):
        return False
    comma = skel.rfind(",", 0, at)
    return comma >= 0 and bool(re.match(r",\s+(?:a|an|the|its)\s", skel[comma : comma + 6]))


def date_props(value: DateValue | None) -> dict[str, Any]:
    return {"date": value.iso, "date_precision": value.precision} if value else {}


_FULL_YEAR = re.compile(r"(?:19|20)\d\d")
_YEAR = re.compile(r"(?:19|20)\d\d|[去今明前]年|this\s+year|last\s+year|next\s+year", re.IGNORECASE)
#: Words of a plan right before a date ("预计于12月30日", "将在3月", "scheduled for").
_PLAN_BEFORE = re.compile(r"(?:预计|预期|计划|拟|将|有望|最快)(?:于|在|将于|将在)?\s*$|"
                          r"(?:scheduled|expected|slated|set|due|planned)\s+(?:for|on|to\s+\w+\s+on)\s+$",
                          re.IGNORECASE)
_RELATIVE = re.compile(
    r"今年|去年|前年|明年|昨|今日|今天|今晨|今早|今晚|前天|前日|前晚|本月|上月|上个月|下月|下个月|yesterday|today|"
    r"this\s+year|last\s+year|next\s+year",
    re.IGNORECASE,
)
_ANAPHOR = re.compile(
    # (not a company of a kind: "母公司", "子公司", "创业公司" name another company than the topic)
    r"该公司|本公司|(?<![母子孙业资股])公司|\bthe\s+(?:[\w-]+\s+){0,3}?(?:company|firm|startup|group)\b", re.IGNORECASE
)
FUTURE = re.compile(
    r"拟|计划|筹备|冲刺|准备|最快|预计|有望|将于|将在|考虑|有意|寻求|plans?\s+to|seeks?\s+to|aims?\s+to|expected\s+to|"
    r"considering|weighing|exploring|"
    r"(?:set|slated|scheduled|poised|due|preparing|looking|hoping|planning)\s+to|"
    r"\bwill\b|could|may\s",
    re.IGNORECASE,
)
#: Words that put a round in the past or the future of the report ("公司曾于…", "plans to raise").
NOT_NEWS = re.compile(r"曾|此前|之前|早前|成立以来|累计|历史|先后|previously|earlier|since|to\s+date", re.IGNORECASE)


def news_month(eng: Engine, view: View, upto: int | None = None) -> DateValue | None:
    """The publication month for the first round or IPO step an article reports without a date ("X完成B轮
    融资，由A领投", "X has raised $20 million", "X向港交所递交招股书"): news reports what just happened,
    and analysts date it by the report. Only with a publication date, and not for an event the sentence
    puts in the past or the future (`upto`: only the words before the event's end count)."""
    published = eng.ctx.published
    said = view.skel[:upto]  # (up to the event: "递交招股书，拟主板上市" files now and lists later)
    if not published or len(published) < 7 or FUTURE.search(said) or NOT_NEWS.search(said):
        return None
    return DateValue(published[:7], "month")


_ZL_RE = re.compile(rf"{ORG}(?:{BR}{ZH_SEP}{ORG})+{BR}|{_EN_ITEM}(?:{_EN_SEP}{_EN_ITEM})+")


def listed_with_investors(eng: Engine, view: View) -> set[int]:
    """Organisations in a list of names that holds an investor: co-investors, not the funded company."""
    out: set[int] = set()
    for m in _ZL_RE.finditer(view.skel):
        ents = [eng.ent(view, c) for c in org_groups(m.group(0))]
        if any(e.is_investorish() for e in ents):
            out.update(e.group for e in ents)
    return out


# -- the rule engine ------------------------------------------------------------------------------

Handler = Callable[["Engine", View, re.Match[str]], None]


@dataclass
class Rule:
    name: str
    regex: re.Pattern[str]
    handler: Handler
    cue: re.Pattern[str] | None = None  # cheap pre-check on the skeleton


class Engine:
    """Runs every rule over every sentence, keeping the running context."""

    def __init__(
        self,
        nt: NormText,
        entities: dict[int, EntityView],
        published: str | None,
        key_group: Callable[..., int],
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
        self._sentence_start = 0  # index in `out` of the current sentence's first fact
        self._dates_cache: dict[int, tuple[Any, View, list[tuple[int, int, DateValue]]]] = {}
        self._people_rel: list[
            tuple[int, int, int, list[str], str]
        ] = []  # (person, org, skel end, titles, how)
        self.founding_dates: dict[int, DateValue] = {}  # organisation group -> when it was founded
        # "B的创始团队来自A" before the article names B's founders: (view, span, B, A)
        self.team_from: list[tuple[View, tuple[int, int], int, int]] = []

    # entity helpers
    def ent(self, view: View, ch: str) -> EntityView:
        return self.entities[view.groups[ch]]

    def emit(
        self,
        view: View,
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

    def sentence_relations(self, view: View) -> list[RelationCandidate]:
        """The facts found so far in `view`'s sentence.

        Every fact of a sentence is emitted while that sentence is read (`run`), after the facts of
        all earlier ones, so they are the tail of `out`; reading only the tail keeps a sentence's
        cost independent of how many facts the article stated before it.
        """
        return [r for r in self.out[self._sentence_start :] if r.sentence is view.sentence]

    def base(self) -> str | None:
        return self.ctx.published or self.ctx.year_base

    def dates(self, view: View) -> list[tuple[int, int, DateValue]]:
        """Dates in the sentence. Without a publication date, a year named earlier in the text
        places "12月21日", but words relative to today ("今年", "yesterday") stay unresolved."""
        anchor = self.ctx.month_anchor
        recent = anchor if anchor is not None and view.sentence.index - anchor[1] <= 2 else None
        key = (self.base(), recent)
        cached = self._dates_cache.get(id(view))
        if cached is not None and cached[0] == key and cached[1] is view:
            return cached[2]  # rules ask for a sentence's dates many times; its context is the same
        found = self._planned_ahead(view.skel, find_dates(view.skel, self.base()))
        if self.ctx.published is None and self.ctx.year_base is not None:
            found = [d for d in found if not _RELATIVE.search(view.skel[d[0] : d[1]])]
        if not found or (recent is None and not _FULL_YEAR.search(view.skel)):
            self._dates_cache = {id(view): (key, view, found)}
            return found
        out = []
        here: str | None = None  # a full date stated earlier in this sentence
        for s, e, d in found:
            bare = d.precision in ("day", "month") and not _YEAR.search(view.skel[s:e]) and not _RELATIVE.search(
                view.skel[s:e])
            if bare and here is not None:
                # "2020年11月17日，百度宣布…，X于9月25日离职", "2019年5月加入A，12月离职": a day of the
                # year this sentence has just named
                d = DateValue(here[:4] + d.iso[4:], d.precision)
            elif bare and d.precision == "day" and recent is not None and d.iso[5:7] == recent[0][5:7]:
                # "2025年12月，…迎来关键节点。12月19日，…": a day of the month the passage just named is
                # in that month's year, whatever the publication date would make of it
                d = DateValue(recent[0][:4] + d.iso[4:], d.precision)
            elif d.precision in ("day", "month") and _FULL_YEAR.search(view.skel, s, e):
                here = d.iso
            out.append((s, e, d))
        self._dates_cache = {id(view): (key, view, out)}
        return out

    def _planned_ahead(self, skel: str, found: list[tuple[int, int, DateValue]]) -> list[tuple[int, int, DateValue]]:
        """"预计于12月30日挂牌" in a June report: a day or month written without its year right after
        words of a plan is the next one, not the nearest (which may lie behind the report)."""
        published = self.ctx.published
        if not published or len(published) < 10:
            return found
        out = []
        for s, e, d in found:
            if (d.precision in ("day", "month") and d.iso < published[: len(d.iso)]
                    and not _YEAR.search(skel[s:e]) and not _RELATIVE.search(skel[s:e])
                    and _PLAN_BEFORE.search(skel[max(0, s - 8) : s])):
                d = DateValue(f"{int(d.iso[:4]) + 1:04d}{d.iso[4:]}", d.precision)
            out.append((s, e, d))
        return out

    def date_near(self, view: View, pos: int, end: int | None = None) -> DateValue | None:
        """The date of an event stated at [pos, end).

        Chinese puts the date before the event ("于12月21日通过聆讯"): the nearest date before wins,
        else the first after. English often puts it after ("... round led by X last year"): the
        date closest to the span wins.
        """
        found = self.dates(view)
        dateline_zh = _DATELINE_ZH.match(view.skel)
        if dateline_zh and any(d[0] >= dateline_zh.end() for d in found):
            # "财联社12月4日电，…已于上月完成融资": the dateline dates the report; a date the sentence
            # itself states dates the event
            found = [d for d in found if d[0] >= dateline_zh.end()]
        if end is not None and not re.search(r"[\u4e00-\u9fff]", view.skel):
            dateline = _DATELINE.match(view.skel)
            if dateline and any(d[0] >= dateline.end() for d in found):
                # "BOSTON, May 14, 2024 (Reuters) - B was spun out of A in 2019": the dateline dates
                # the report; a date the sentence itself states dates the event
                found = [d for d in found if d[0] >= dateline.end()]
            # "A, a state-backed fund set up in 2019, and B": the year an entity was founded, said
            # in a description of it, dates that entity, not the event of the span
            found = [d for d in found if not _described_founding(view.skel, d[0])]
            if not found:
                return None
            return min(found, key=lambda d: (max(pos - d[1], d[0] - end, 0), d[0]))[2]
        before = [d for d in found if d[1] <= pos]
        if before:
            return before[-1][2]
        after = [d for d in found if d[0] >= pos]
        return after[0][2] if after else None

    def topic(self, view: View) -> int | None:
        if self.ctx.topic is not None and view.sentence.index - self.ctx.topic_sentence <= 6:
            return self.ctx.topic
        return None

    def known_maker(self, product: int) -> int | None:
        """The company the gazetteer says makes `product`, when this article names it."""
        maker = self.entities[product].attrs.get("developer") if product in self.entities else None
        if maker is None:
            return None
        return next((g for g, e in self.entities.items() if e.key == maker and e.is_companyish()), None)

    def main_company(self) -> int | None:
        """The company the whole article is about: named at least three times, and half as often
        again as any other company. An IPO prospectus story's cornerstones and timetable belong to it
        even when their sentences only say "股份" or "the group"."""
        ranked = sorted(
            ((n, g) for g, n in self.salience.items() if g in self.entities and self.entities[g].is_companyish()),
            reverse=True,
        )
        if not ranked or ranked[0][0] < 3:
            return None
        if len(ranked) > 1 and ranked[1][0] * 1.5 > ranked[0][0]:
            return None
        return ranked[0][1]

    def people_before(self, view: View, pos: int) -> list[int]:
        """Who a pronoun at `pos` may stand for: the people named earlier in the sentence, else those
        of the last sentence (up to two back) that named any."""
        here = [view.groups[ch] for ch in person_groups(view.skel[:pos]) if ch in view.groups]
        if here:
            return list(dict.fromkeys(here))
        if view.sentence.index - self.ctx.people_sentence <= 2:
            return list(self.ctx.people)
        return []

    def company_before(self, view: View, pos: int, exclude: set[int] | None = None) -> int | None:
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

    def company_after(self, view: View, pos: int, exclude: set[int] | None = None) -> int | None:
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
    def run(self, views: list[View], rules: list[Rule], after_sentence: Callable[[Engine, View], None]) -> None:
        """Every rule over every sentence; `after_sentence` settles what a sentence said as a whole
        (a leave cue turning its positions into departures) before the context moves on."""
        # which rules match a skeleton, and where, depends on the skeleton alone: a sentence that
        # recurs (a fact-dense text, a repeated boilerplate line) is matched once per article
        matches: dict[str, list[tuple[Rule, list[re.Match[str]]]]] = {}
        plan, opens = _rule_plan(rules)
        for view in views:
            self._investors_here = set()
            self._people_rel = []
            self._sentence_start = len(self.out)
            found = matches.get(view.skel)
            if found is None:
                # a rule whose match opens with a name cannot match a sentence that names no one, and
                # trying it at every character of a long nameless run is what costs (a 1 MB line);
                # a rule whose words the sentence lacks cannot match it at all (`prefilter`)
                named = bool(_ANY_ENTITY_CHAR.search(view.skel))
                found = [(rule, hits) for k in plan.candidates(view.skel)
                         if (named or not opens[k])
                         and ((rule := rules[k]).cue is None or rule.cue.search(view.skel))
                         and (hits := list(rule.regex.finditer(view.skel)))]
                if len(view.skel) <= 512:
                    matches[view.skel] = found
            for rule, hits in found:
                for m in hits:
                    rule.handler(self, view, m)
            after_sentence(self, view)
            self._update_context(view)
        self._date_foundings()
        self._date_rounds()
        self._taiwan_dollars()
        self._settle_team_from()

    def _settle_team_from(self) -> None:
        """Whoever the article says founded B came from A, when it said B's founding team did."""
        for view, span, co, prev in self.team_from:
            founders = [r.source for r in self.out if r.type == R.FOUNDED and r.target == co]
            for per in dict.fromkeys(founders):
                if not any(r.type == R.FOUNDED and r.source == per and r.target == prev for r in self.out):
                    self.emit(view, R.LEFT, per, prev, {}, span, "team-from", 0.7)

    def _date_foundings(self) -> None:
        """"岚峰半导体成立于2021年" dates the founding even when the founders are named elsewhere in
        the article ("创始人陆远舟"): FOUNDED facts into that organisation without a date take it."""
        for rel in self.out:
            date = self.founding_dates.get(rel.target)
            if rel.type == R.FOUNDED and date is not None and "date" not in rel.props:
                rel.props.update(date_props(date))

    def _taiwan_dollars(self) -> None:
        """A Taiwanese report that states its sums in 新台币 means 新台币 by a bare 元 too ("募资12亿元"
        in the headline, "新台币12亿元" in the text); a sum it marks as 人民币 stays yuan."""
        text = self.nt.text
        if "新台币" not in text or re.search(r"人民币|RMB|CNY", text):
            return
        for rel in self.out:
            raw = str(rel.props.get("amount_raw", ""))
            if rel.props.get("currency") == "CNY" and "元" in raw and not re.search(r"人民币|RMB|CNY", raw):
                rel.props["currency"] = "TWD"

    def _date_rounds(self) -> None:
        """A round happens once: investments in one company's named round ("B轮") that no sentence
        dated take the date the article gives that round elsewhere (the headline's lead dated, the
        followers listed three sentences later), when it gives exactly one."""
        dates: dict[tuple[int, str], set[tuple[str, str]]] = {}
        for rel in self.out:
            if rel.type == R.INVESTED_IN and rel.props.get("round") and rel.props.get("date"):
                key = (rel.target, rel.props["round"])
                dates.setdefault(key, set()).add((rel.props["date"], rel.props.get("date_precision", "")))
        for rel in self.out:
            if rel.type != R.INVESTED_IN or not rel.props.get("round") or rel.props.get("date"):
                continue
            known = dates.get((rel.target, rel.props["round"]))
            if known is not None and len(known) == 1:
                iso, precision = next(iter(known))
                rel.props.update(date_props(DateValue(iso, precision or "month")))

    def former_employers(self, view: View) -> set[int]:
        """Organisations the sentence names as someone's past ("former A engineer", "A alumni", "前A高管"):
        where people came from, never the subject of a round or a story."""
        return {
            view.groups[m.group("org") or m.group("org2") or m.group("org3")] for m in _FORMER_OF.finditer(view.skel)
        }

    def _update_context(self, view: View) -> None:
        """Remember the year in force and the company the passage is about (the most mentioned
        company of the sentence, so a founder's former employer does not become the topic)."""
        here = [view.groups[ch] for ch in person_groups(view.skel) if ch in view.groups]
        if here:
            self.ctx.people = list(dict.fromkeys(here))
            self.ctx.people_sentence = view.sentence.index
        for s, e, d in find_dates(view.skel, None):
            if re.search(r"(?:19|20)\d\d", view.skel[s:e]):
                self.ctx.year_base = d.iso
                if d.precision in ("month", "day"):
                    self.ctx.month_anchor = (d.iso, view.sentence.index)
        best: tuple[int, int] | None = None
        came_from = {r.target for r in self.sentence_relations(view) if r.type == R.LEFT}
        came_from |= self.former_employers(view)
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
        for m in _CAPITAL_INCREASE_OF.finditer(view.skel) if "增资" in view.skel or "注册资本" in view.skel else ():
            # "A发布子公司B增资公告": the company whose capital grows is what the passage is about
            ent = self.ent(view, m.group(1))
            if ent.is_companyish() and not ent.is_investorish():
                best = (0, ent.group)
                break
        if best is not None:
            self.ctx.topic = best[1]
            self.ctx.topic_sentence = view.sentence.index


#: A company whose capital is increased ("子公司B增资公告", "B的增资扩股方案").
_CAPITAL_INCREASE_OF = re.compile(rf"({ORG})\s*(?:的)?\s*(?:增资扩股|增资|新增注册资本)(?:公告|方案|协议|事项)")
#: An organisation named as someone's past ("a former A executive", "A alumni", "前A高管").
_FORMER_OF = re.compile(
    rf"(?:\b(?:former|ex-|onetime)\s*|前|原)(?P<org>{ORG})|(?P<org2>{ORG})\s+(?:alumni|alumnus|alumna|veterans?)\b"
    # "Zhipu's former agent chief raises $60 million": whose past the person is
    rf"|(?P<org3>{ORG})(?:'s|’s)\s+(?:former|ex-|onetime)",
    re.IGNORECASE,
)
