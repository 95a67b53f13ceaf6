"""Organisations (and products) found by the part they play in a sentence, as one table of rules:
`CONTEXT_RULES`, a pattern (`context_patterns`) and a handler per way the news names something nobody
listed, run in order over the text by `kg.extract.context.context_org_spans`.

The order is the meaning: the sink keeps the first cue and confidence proposed for a span, so an
earlier rule outranks a later one on the same words (an investor list before a subject, a subject
before a brand). A handler reads its rule's cue, confidence and name group, so rules that differ only
in those share one.
"""

from __future__ import annotations

import re

from kg.extract.mentions import context_patterns as pat
from kg.extract.mentions.base import pos_window, word_freq
from kg.extract.mentions.context_names import (
    CLAUSE_START,
    DESCRIPTORS,
    FUNCTION_CHARS,
    ORG_SUFFIX_END,
    ZH_NAME_CHARS,
    coined_before_suffix,
    en_ok,
    plain_coined,
    split_list,
    strip_en,
    strip_list_intro,
    trail_name,
    zh_ok,
)
from kg.extract.mentions.orgs_zh import is_generic, reads_as_phrase
from kg.extract.mentions.rules import MentionRule, words_gate
from kg.extract.text import is_cjk

__all__ = ["CONTEXT_RULES", "ContextRule", "Spans"]


class Spans:
    """The spans proposed for one text, each with the cue and confidence of the first rule that
    proposed it: later rules only fill gaps."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.found: dict[tuple[int, int], tuple[str, float]] = {}

    def add(self, s: int, e: int, cue: str, conf: float) -> None:
        text = self.text
        if e - s >= 4 and is_cjk(text[s]) and is_generic(text[s:e], False):
            return  # "员工持股平台、A等产业资本": a kind of holder listed among the names
        if e - s >= 2 and (s, e) not in self.found:
            self.found[(s, e)] = (cue, conf)

    def add_member(self, s: int, e: int, cue: str, conf: float, strict: bool = True) -> None:
        """A member of a list as it stands, or the name that ends it ("及其他投资方X"), trusted less."""
        if zh_ok(self.text[s:e], strict):
            self.add(s, e, cue, conf)
            return
        span = trail_name(self.text, s, e, strict)
        if span and span[1] == e:
            self.add(*span, cue, conf * 0.9)

    def spans(self) -> list[tuple[int, int, str, float]]:
        """(start, end, cue, confidence) in the order of the text."""
        return [(s, e, cue, conf) for (s, e), (cue, conf) in sorted(self.found.items())]


ContextRule = MentionRule[Spans]


def _clause_before(text: str, end: int, most: int) -> int:
    """Where the clause before `end` starts, at most `most` characters back."""
    begin = end
    while begin > 0 and end - begin < most and not CLAUSE_START.match(text[begin - 1]):
        begin -= 1
    return begin


# -- Chinese investor lists -------------------------------------------------------------------------


def _list_before_verb(rule: ContextRule, m: re.Match[str], out: Spans) -> None:
    """The investors before 领投/跟投: a lone member is the name that ends the phrase."""
    text = m.string
    s, e = m.span("list")
    members = split_list(text, strip_list_intro(text, s, e), e)
    if len(members) == 1:
        span = trail_name(text, *members[0], strict=False)
        if span:
            out.add(*span, rule.cue, rule.confidence)
        return
    for ms, me in members:
        out.add_member(ms, me, rule.cue, rule.confidence, strict=False)


def _list_members(rule: ContextRule, m: re.Match[str], out: Spans) -> None:
    """A list the cue says is of investors: a lone member must look like a name on its own."""
    members = split_list(m.string, *m.span(rule.group_of(m)))
    for ms, me in members:
        out.add_member(ms, me, rule.cue, rule.confidence, strict=len(members) < 2)


def _list_before_kind(rule: ContextRule, m: re.Match[str], out: Spans) -> None:
    """"A、B等产业资本": only a list of two or more (one name before 等 may be a description)."""
    text = m.string
    s, e = m.span("list")
    members = split_list(text, strip_list_intro(text, s, e), e)
    if len(members) >= 2:
        for ms, me in members:
            out.add_member(ms, me, rule.cue, rule.confidence, strict=False)


def _member_of_kind(rule: ContextRule, m: re.Match[str], out: Spans) -> None:
    """In a list of three or more where two read as names, a coined member made of ordinary words
    ("潜江零度": a place and a word) is a name too."""
    text = m.string
    s, e = m.span("list")
    members = split_list(text, strip_list_intro(text, s, e), e)
    named = sum(zh_ok(text[ms:me], False) for ms, me in members)
    for ms, me in members:
        if len(members) >= 3 and named >= 2 and plain_coined(text[ms:me]):
            out.add(ms, me, rule.cue, 0.55)
        else:
            out.add_member(ms, me, rule.cue, rule.confidence, strict=False)


# -- subjects -----------------------------------------------------------------------------------------


def _before_ticker(rule: ContextRule, m: re.Match[str], out: Spans) -> None:
    """The company before its stock code, in Latin or Chinese letters."""
    text = m.string
    end = m.start()
    while end > 0 and text[end - 1] == " ":
        end -= 1
    begin = _clause_before(text, end, 24)
    if end > begin and text[end - 1].isascii():
        en = re.search(rf"{pat.EN_PHRASE}$", text[begin:end])
        if en and en_ok(strip_en(en.group(0))[1]):
            lead, name = strip_en(en.group(0))
            out.add(begin + en.start() + lead, begin + en.start() + lead + len(name), rule.cue, rule.confidence)
        return
    span = trail_name(text, begin, end, strict=False)
    if span and zh_ok(text[span[0] : span[1]], strict=False):
        out.add(*span, rule.cue, rule.confidence)


#: How often (in jieba's dictionary) a word is too common to be an unknown company's name.
_EVERYDAY_FREQ = 500
#: Conjunctions and adverbs that open a clause whose subject is left out ("并规划…", "还计划…").
_ELIDED_SUBJECT = frozenset("并且还也亦将再又")


def _subject_zh(rule: ContextRule, m: re.Match[str], out: Spans) -> None:
    """The subject of a funding or IPO step, ending right before the cue."""
    text = m.string
    end = m.start()
    begin = _clause_before(text, end, 30)
    span = trail_name(text, begin, end, strict=False)
    if span and span[0] > begin and text[span[0] - 1] in _ELIDED_SUBJECT and word_freq(text[span[0] : span[1]]) > 0:
        return  # "，并规划于2027年上市": a verb after 并, its subject left out, not a name
    if span and word_freq(text[span[0] : span[1]]) >= _EVERYDAY_FREQ and not ORG_SUFFIX_END.search(
        text[span[0] : span[1]]
    ):
        return  # "按特专科技公司规则在主板上市": an everyday word (规则) is no company's name
    if span:
        out.add(*span, rule.cue, rule.confidence)


def _coined_after_kind(name: str) -> bool:
    """After a noun for what a company is, a name: one that looks like a proper name, or a coined
    one of ordinary words, unless it is an everyday word ("创业公司普遍在收缩")."""
    return zh_ok(name, strict=False) or (
        not FUNCTION_CHARS.search(name) and all(is_cjk(c) for c in name) and name not in DESCRIPTORS
        and word_freq(name) < 100
    )


def _named_after_kind(rule: ContextRule, m: re.Match[str], out: Spans) -> None:
    """A name right after what the company is ("创新药企先声再明向港交所…")."""
    if _coined_after_kind(m.group("n")):
        out.add(*m.span("n"), rule.cue, rule.confidence)


def _named_after_unit_kind(rule: ContextRule, m: re.Match[str], out: Spans) -> None:
    """As `_named_after_kind`; a fund or an investment platform by its kind ("旗下专项基金X") is an
    investor, not a company."""
    if _coined_after_kind(m.group("n")):
        kind = m.group(0)[: m.start("n") - m.start()]
        out.add(*m.span("n"), "fund-name" if re.search(r"基金|投资平台", kind) else rule.cue, rule.confidence)


def _owner_before_qixia(rule: ContextRule, m: re.Match[str], out: Spans) -> None:
    """The owner of a unit, a fund or a product ("先声药业旗下…"), when it ends in a suffix."""
    text = m.string
    end = m.start()
    span = trail_name(text, _clause_before(text, end, 16), end, strict=False)
    if span and ORG_SUFFIX_END.search(text[span[0] : span[1]]):
        out.add(*span, rule.cue, rule.confidence)


def _org_before_title(rule: ContextRule, m: re.Match[str], out: Spans) -> None:
    """The organisation before a title and a person; "A和B创始人": each member of a short list."""
    text = m.string
    end = m.start()
    begin = _clause_before(text, end, 16)
    span = trail_name(text, begin, end)
    if span:
        out.add(*span, rule.cue, rule.confidence)
        head = re.search(r"(?:^|[、和与及])([^、和与及]{2,12})[、和与及]$", text[begin : span[0]])
        if head and zh_ok(head.group(1)):
            out.add(begin + head.start(1), begin + head.end(1), rule.cue, 0.55)


def _object_of_verb(rule: ContextRule, m: re.Match[str], out: Spans) -> None:
    """What a verb says is an organisation (founded, joined, invested in): a suffix that says so too
    ("星图智能", made of dictionary words), or a noun for a company before it, is enough; a bare phrase
    must still look like a proper name."""
    group = rule.group_of(m)
    name = m.group(group)
    kind = m.groupdict().get("kind")
    strict = not ORG_SUFFIX_END.search(name) and not kind
    if kind and plain_coined(name) and not reads_as_phrase(name):
        out.add(*m.span(group), rule.cue, rule.confidence)  # "成立了具身智能公司银河通用": named after its kind
        return
    out.add_member(*m.span(group), rule.cue, rule.confidence, strict=strict)


def _founded_object(rule: ContextRule, m: re.Match[str], out: Spans) -> None:
    """What a person founded: as `_object_of_verb`, and a coined name before a suffix after the verb
    ("创办了算极科技": a verb and an adverb to jieba) is a name too."""
    if coined_before_suffix(m.group("n")):
        out.add(*m.span("n"), rule.cue, rule.confidence)
        return
    _object_of_verb(rule, m, out)


def _joined_for_post(rule: ContextRule, m: re.Match[str], out: Spans) -> None:
    """The company joined to take a post there: the post says it is an organisation."""
    name = m.group("n")
    if name.isascii() or (not reads_as_phrase(name) and not is_generic(name, False) and name not in DESCRIPTORS):
        out.add(*m.span("n"), rule.cue, rule.confidence)


# -- products and brands ------------------------------------------------------------------------------


def _en_product_list(rule: ContextRule, m: re.Match[str], out: Spans) -> None:
    """Each item of an English list of products after its cue ("apps include X, a tool, and Y")."""
    text = m.string
    at = m.end()
    while (item := pat.EN_PRODUCT_ITEM.match(text, at)) and item.end() > at:
        if en_ok(item.group("n")):
            out.add(*item.span("n"), rule.cue, rule.confidence)
        at = item.end()


def _en_product_named(rule: ContextRule, m: re.Match[str], out: Spans) -> None:
    """After "the", only what the name is makes it a product ("the ByteDance team" is no product); a
    bare code only with what it is after it ("Nvidia's H20 chip"); an ordinary capitalised word only
    as a maker's series ("Huawei's Ascend series")."""
    if m.group("code"):
        ok = bool(m.group("what"))
    elif m.group("word"):
        ok = bool(m.group("series") or m.group("what")) and m.group(0)[0] in "'’"
    else:
        ok = bool(m.group("what") or not m.group("the")) and en_ok(m.group("n"))
    if ok:
        out.add(*m.span("n"), rule.cue, rule.confidence)


def _en_name(rule: ContextRule, m: re.Match[str], out: Spans) -> None:
    """A Latin name in the rule's group, as it stands."""
    if en_ok(m.group("n")):
        out.add(*m.span("n"), rule.cue, rule.confidence)


def _as_matched(rule: ContextRule, m: re.Match[str], out: Spans) -> None:
    """A model code after a product word: the pattern's shape is the whole check."""
    out.add(*m.span("n"), rule.cue, rule.confidence)


def _brand_code(rule: ContextRule, m: re.Match[str], out: Spans) -> None:
    """A brand and a model code, unless the brand reads as a verb, adverb or the like ("训练H100")."""
    flags = [flag for _w, flag, _s in pos_window(m.group("brand"))]
    if not any(flag.startswith("v") or flag in ("d", "p", "c", "r", "m") for flag in flags):
        out.add(*m.span("n"), rule.cue, rule.confidence)


def _quoted_product(rule: ContextRule, m: re.Match[str], out: Spans) -> None:
    """A quoted name after a product word, unless the quotes hold a phrase."""
    if not re.search(r"[的了是在将和与,。]", m.group("n")):
        out.add(*m.span("n"), rule.cue, rule.confidence)


def _not_phrase(rule: ContextRule, m: re.Match[str], out: Spans) -> None:
    """A name given in quotes after 取名为: anything that does not read as a phrase."""
    if not reads_as_phrase(m.group("n")):
        out.add(*m.span("n"), rule.cue, rule.confidence)


def _quoted_brand(rule: ContextRule, m: re.Match[str], out: Spans) -> None:
    """A quoted brand before 旗下/公司: it must look like a proper name."""
    if zh_ok(m.group("n")):
        out.add(*m.span("n"), rule.cue, rule.confidence)


def _quoted_after_company(rule: ContextRule, m: re.Match[str], out: Spans) -> None:
    """The quotes mark the name, so words that end names elsewhere may be inside it ("光年之外");
    scare quotes around a phrase ("高度重视") are not a name."""
    name = m.group("n")
    if ZH_NAME_CHARS.match(name) and not reads_as_phrase(name) and name not in DESCRIPTORS:
        out.add(*m.span("n"), rule.cue, rule.confidence)


# -- English --------------------------------------------------------------------------------------------


def _en_list(rule: ContextRule, m: re.Match[str], out: Spans) -> None:
    """Each English name of a list of investors, not a place whose government it is."""
    text = m.string
    s0 = m.start("list")
    for item in re.finditer(rf"(?:the\s+)?{pat.EN_PHRASE}", m.group("list")):
        raw = item.group(0)
        if raw in ("and",):
            continue
        lead, name = strip_en(raw)
        s = s0 + item.start() + lead
        if en_ok(name) and not pat.EN_GOVERNMENT_AFTER.match(text, s + len(name)):
            out.add(s, s + len(name), rule.cue, rule.confidence)


def _en_phrase(rule: ContextRule, m: re.Match[str], out: Spans) -> None:
    """An English name in whichever of the rule's groups matched, without "the" and a possessive. One
    word the article also writes in lower case is an everyday word capitalised by a headline ("Zhipu's
    Former Agent Chief" beside "its agent team"), not a name."""
    group = rule.group_of(m)
    lead, name = strip_en(m.group(group))
    if " " not in name and name.lower() != name and re.search(rf"\b{re.escape(name.lower())}\b", m.string):
        return
    if en_ok(name):
        s = m.start(group) + lead
        out.add(s, s + len(name), rule.cue, rule.confidence)


_HOLDERS_GATE = words_gate("持股的", "控股的", "设立的")
_QIXIA_GATE = words_gate("旗下", "下属")
_BACKED_GATE = words_gate("背后", "股东名单", "股东阵容")


def _latin_or_spaced(text: str) -> bool:
    """English product phrases need spaces (or a wholly Latin text) to match at all."""
    return text.isascii() or " " in text


R = ContextRule
_INVESTORS = "investor-list"
_N12 = ("n", "n2")

#: The table, in the order proposals are made (the first proposal for a span wins).
CONTEXT_RULES: tuple[ContextRule, ...] = (
    # Chinese investor lists
    R("list-before-verb", pat.LIST_BEFORE_VERB, _list_before_verb, _INVESTORS, 0.65, ("list",)),
    R("investment-from", pat.INVESTMENT_FROM, _list_members, _INVESTORS, 0.6, ("list",)),
    R("list-before-kind", pat.LIST_BEFORE_KIND, _list_before_kind, _INVESTORS, 0.6, ("list",)),
    R("list-after-intro", pat.LIST_AFTER_INTRO, _list_members, _INVESTORS, 0.6, ("list", "list2")),
    R("member-of-kind", pat.MEMBER_OF_KIND, _member_of_kind, _INVESTORS, 0.6, ("list",)),
    # a company with its stock code; subjects of funding and IPO steps
    R("before-ticker", pat.BEFORE_TICKER, _before_ticker, "subject", 0.65, ()),
    R("subject-zh", pat.SUBJECT_CUE_ZH, _subject_zh, "subject", 0.6, ()),
    # a name right after what the company is ("创新药企先声再明向港交所…", "控股子公司拓荆键科增资")
    R("named-after-kind", pat.NAMED_AFTER_KIND, _named_after_kind, "subject", 0.55),
    R("named-after-unit-kind", pat.NAMED_AFTER_UNIT_KIND, _named_after_unit_kind, "subject", 0.55, gate=_QIXIA_GATE),
    R("named-after-holders", pat.NAMED_AFTER_HOLDERS, _named_after_kind, "subject", 0.55, gate=_HOLDERS_GATE),
    R("short-share-name", pat.SHORT_SHARE_NAME, _named_after_kind, "subject", 0.55, gate=words_gate("股份")),
    R("named-before-round", pat.NAMED_BEFORE_ROUND, _named_after_kind, "subject", 0.55, gate=words_gate("轮")),
    # the owner of a unit, a fund or a product ("先声药业旗下…")
    R("owner-before-qixia", pat.BEFORE_QIXIA, _owner_before_qixia, "subject", 0.55, (), gate=_QIXIA_GATE),
    # organisation + title + person; former employers
    R("org-before-title", pat.ORG_BEFORE_TITLE, _org_before_title, "title-apposition", 0.6, ()),
    R("former-employers", pat.FORMER_EMPLOYERS, _list_members, "former-employer", 0.55, ("list",)),
    # what a verb says is an organisation
    R("founded-object-zh", pat.FOUNDED_OBJECT_ZH, _founded_object, "subject", 0.55),
    R("founder-of-zh", pat.FOUNDER_OF_ZH, _object_of_verb, "subject", 0.55),
    R("joined-org-zh", pat.JOINED_ORG_ZH, _object_of_verb, "subject", 0.55),
    R("deal-object-zh", pat.DEAL_OBJECT_ZH, _object_of_verb, "subject", 0.55),
    R("founding-subject-zh", pat.FOUNDING_SUBJECT_ZH, _object_of_verb, "subject", 0.55),
    R("spender-zh", pat.SPENDER_ZH, _object_of_verb, "subject", 0.55),
    R("backed-company-zh", pat.BACKED_COMPANY_ZH, _object_of_verb, "subject", 0.55, _N12, gate=_BACKED_GATE),
    R("joined-for-post-zh", pat.JOINED_FOR_POST_ZH, _joined_for_post, "subject", 0.55,
      gate=words_gate("担任", "出任")),
    # products
    R("en-product-list", pat.EN_PRODUCT_LIST_CUE, _en_product_list, "product", 0.55, (),
      gate=words_gate("include", "such as")),
    R("en-product-named", pat.EN_PRODUCT_NAMED, _en_product_named, "product", 0.55, gate=_latin_or_spaced),
    R("en-product-called", pat.EN_PRODUCT_CALLED, _en_phrase, "product", 0.55, ("n", "n2"),
      gate=words_gate("called", "named", "dubbed", "branded", "product")),
    R("latin-after-product-word", pat.LATIN_AFTER_PRODUCT_WORD, _en_name, "product", 0.55),
    R("product-code", pat.PRODUCT_CODE, _as_matched, "product", 0.55),
    R("brand-code", pat.BRAND_CODE, _brand_code, "product", 0.55, ("n", "brand")),
    R("quoted-product", pat.QUOTED_PRODUCT, _quoted_product, "product", 0.6),
    # names given, quoted brands, Latin brands
    R("named-as-en", pat.NAMED_AS_EN, _en_name, "subject", 0.6),
    R("named-as-zh", pat.NAMED_AS_ZH, _not_phrase, "quoted-brand", 0.6),
    R("quoted-brand", pat.QUOTED_BRAND, _quoted_brand, "quoted-brand", 0.6),
    R("quoted-after-company", pat.QUOTED_AFTER_COMPANY, _quoted_after_company, "quoted-brand", 0.6),
    R("latin-brand", pat.LATIN_BRAND, _en_name, "latin-brand", 0.6),
    R("latin-brand-after", pat.LATIN_BRAND_AFTER, _en_name, "latin-brand", 0.6),
    # English
    R("en-list-cues", pat.EN_LIST_CUES, _en_list, _INVESTORS, 0.6, ("list",)),
    R("en-list-before", pat.EN_LIST_BEFORE, _en_list, _INVESTORS, 0.6, ("list",)),
    R("en-shares", pat.EN_SHARES, _en_phrase, "subject", 0.6, ("n", "n2", "n3")),
    R("en-subject-more", pat.EN_SUBJECT_MORE, _en_phrase, "subject", 0.6, ("n", "n2", "n3")),
    R("en-subject", pat.EN_SUBJECT, _en_phrase, "subject", 0.6),
    R("en-title-of", pat.EN_TITLE_OF, _en_phrase, "title-apposition", 0.6),
    R("en-possessive-title", pat.EN_POSSESSIVE_TITLE, _en_phrase, "title-apposition", 0.6),
    R("en-org-title-name", pat.EN_ORG_TITLE_NAME, _en_phrase, "title-apposition", 0.6),
    R("en-left-from", pat.EN_LEFT_FROM, _en_phrase, "former-employer", 0.6),
    R("en-joined", pat.EN_JOINED, _en_phrase, "title-apposition", 0.6),
    R("en-former-title", pat.EN_FORMER_TITLE, _en_phrase, "former-employer", 0.6),
    R("en-based", pat.EN_BASED, _en_phrase, "subject", 0.6),
    R("en-described", pat.EN_DESCRIBED, _en_phrase, "subject", 0.6),
    R("en-founded-object", pat.EN_FOUNDED_OBJECT, _en_phrase, "subject", 0.6),
    R("en-round-in", pat.EN_ROUND_IN, _en_phrase, "subject", 0.6, _N12),
)
