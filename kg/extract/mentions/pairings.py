"""Pairings that tie two names of one entity ("(以下简称“智谱”)", "Zhipu AI (智谱)") and members of a
list whose other members are organisations."""

from __future__ import annotations

import re

from kg.extract import vocab
from kg.extract.mentions.base import Intervals, Occurrence, root_of
from kg.extract.mentions.people import EN_NAME, TITLE_ZH_RE
from kg.extract.text import NormText, Sentence, is_cjk
from kg.terms import C

# -- pairings and list members -------------------------------------------------------------------

_ALIAS_AFTER = re.compile(
    r"\s*\(\s*(?:以下简称|以下称|下称|简称|hereinafter(?:\s+referred\s+to\s+as)?|or)?\s*[:：]?\s*[“\"「']?"
    r"(?P<alias>[^()“”\"「」'\n,;。]{1,40}?)[”\"」']?"
    r"(?:\s*[,;]\s*(?:\d{4,6}\.[A-Z]{2}|[A-Z]{2,6}:\s*[A-Z0-9.]+|\d{4,6}))?\s*\)"
)
_TICKER_ALIAS = re.compile(
    r"^(?:\d{4,6}(?:[.-][A-Z]{2,3})?|[A-Z]{1,5}:\s*[A-Z0-9.]+|NASDAQ|NYSE|HKEX)$", re.IGNORECASE
)
_NOT_ALIAS_WORDS = re.compile(
    r"旗下|控股|持股|子公司|母公司|简称$|前身|现名|原名|曾用名|"
    # (a Latin title is a whole word: "cto" inside "Semiconductor" is none)
    + rf"(?<![A-Za-z])(?:{TITLE_ZH_RE})(?![A-Za-z])"
    + r"|\d{4}年|%|opens new tab|formerly|known as",
    re.IGNORECASE,
)


#: "X, known as Y,", "X, formerly known as Y,", "X, or Y for short": an English second name in apposition.
_KNOWN_AS = re.compile(
    r",\s+(?:(?:also|commonly|better|widely|formerly|previously|now)\s+)?(?:known|called|branded)\s+as\s+"
    r"(?:the\s+)?[“\"'‘]?(?P<alias>[A-Z][\w.&'’\- ]{0,38}?)[”\"'’]?(?=\s*(?:[,.;)]|$))"
)


def alias_candidates(nt: NormText, occs: list[Occurrence]) -> list[tuple[Occurrence, int, int]]:
    """(occurrence, alias start, alias end) for "X (Y)", "X(以下简称“Y”)" and "X, known as Y" pairings."""
    text = nt.text
    out = []
    for o in occs:
        m = _ALIAS_AFTER.match(text, o.end)
        if not m and root_of(o.types) == C.Organization:
            known = _KNOWN_AS.match(text, o.end)
            if known and len(known.group("alias").split()) <= 5:
                out.append((o, known.start("alias"), known.end("alias")))
            continue
        if not m:
            continue
        alias = m.group("alias").strip()
        a_start = m.start("alias") + (len(m.group("alias")) - len(m.group("alias").lstrip()))
        a_end = a_start + len(alias)
        if not alias or _TICKER_ALIAS.match(alias) or _NOT_ALIAS_WORDS.search(alias):
            continue
        root = root_of(o.types)
        cjk = sum(is_cjk(c) for c in alias)
        if root == C.Person:
            ok = (2 <= cjk == len(alias) <= 4) or bool(re.fullmatch(EN_NAME, alias))
        elif cjk:
            ok = 2 <= len(alias) <= 16 and not re.search(r"[的了是在将和与]", alias)
        else:
            ok = bool(re.fullmatch(r"[A-Z0-9][\w.&'’\- ]{0,38}", alias)) and len(alias.split()) <= 5
        if ok:
            out.append((o, a_start, a_end))
    return out


_LIST_SEP = re.compile(r"\s*、\s*")


def list_member_occurrences(
    nt: NormText, sentences: list[Sentence], occs: list[Occurrence]
) -> list[Occurrence]:
    """Unknown members of a 、-list whose other members are organisations ("A、B、Northgate SPC、C等")."""
    text = nt.text
    org_types = {(o.start, o.end): o.types for o in occs if root_of(o.types) == C.Organization}
    org_ranges = sorted(org_types)
    taken = Intervals((o.start, o.end) for o in occs)
    out: list[Occurrence] = []
    for sent in sentences:
        s_text = text[sent.start : sent.end]
        if "、" not in s_text:
            continue
        orgs_here = [(s, e) for s, e in org_ranges if sent.start <= s and e <= sent.end]
        if len(orgs_here) < 2:
            continue
        out += _cjk_list_members(text, sent, orgs_here, org_types, taken)
        # chunks between separators; a chunk adjacent to an org list is a candidate member
        pieces = [
            (m.start() + sent.start, m.end() + sent.start) for m in re.finditer(r"[^、,;:。()“”\"]+", s_text)
        ]
        for ps, pe in pieces:
            chunk = text[ps:pe].strip()
            cs = ps + (len(text[ps:pe]) - len(text[ps:pe].lstrip()))
            ce = cs + len(chunk)
            if not chunk or taken.overlaps(cs, ce):
                continue
            before = text[max(sent.start, cs - 1) : cs]
            after = text[ce : ce + 1]
            if before != "、" and after != "、":
                continue
            neighbours = [
                (s, e) for s, e in orgs_here if e == cs - 1 or s == ce + 1 or e == cs - 2 or s == ce + 2
            ]
            if not neighbours:
                continue
            chunk_clean = re.sub(r"等.*$", "", chunk)
            ce = cs + len(chunk_clean)
            if re.fullmatch(r"[A-Z0-9][A-Za-z0-9&'’.\-]*(?: [A-Z0-9][A-Za-z0-9&'’.\-]*){0,5}", chunk_clean):
                out.append(Occurrence(cs, ce, {C.Organization}, "list-member", 0.5))
    return out


#: A Chinese member of a list: a run of Chinese characters (and a Latin or digit tail: "二期", "II").
_CJK_MEMBER = re.compile(r"[\u4e00-\u9fff]{2,10}(?:[A-Za-z0-9]{1,4})?")
#: Kinds a member takes from the organisations listed beside it: a list is of one kind of thing.
_LIST_KINDS = ({C.Investor, C.StateOwnedFund}, {C.Company})


def _cjk_list_members(
    text: str, sent: Sentence, orgs_here: list[tuple[int, int]], org_types: dict[tuple[int, int], set[str]],
    taken: Intervals,
) -> list[Occurrence]:
    """"由X持股的三支子基金(华芯鼎盛、国投集成、国家智算产业投资基金)": an unknown Chinese name listed
    right beside an organisation is one too, of the kind of its neighbours, unless its words read as
    ordinary language or a description ("员工持股平台", "生物医药"). A member found this way is a
    neighbour for the next one, so a list with one known name at its end is read whole."""
    from kg.extract.mentions.orgs_zh import is_generic, reads_as_phrase

    members: dict[tuple[int, int], set[str]] = {r: org_types[r] for r in orgs_here}
    out: list[Occurrence] = []
    pieces = [(m.start() + sent.start, m.end() + sent.start)
              for m in re.finditer(r"[^、,;:。()“”\"\s]+", text[sent.start : sent.end])]
    grew = True
    while grew:
        grew = False
        for cs, ce in pieces:
            m = _CJK_MEMBER.fullmatch(re.sub(r"等.*$", "", text[cs:ce]))
            if m is None or (cs, ce) in members or taken.overlaps(cs, cs + m.end()):
                continue
            ce = cs + m.end()
            if text[cs - 1 : cs] != "、" and text[ce : ce + 1] != "、":
                continue
            near = [members[r] for r in members if r[1] == cs - 1 or r[0] == ce + 1]
            if not near or reads_as_phrase(m.group(0)) or is_generic(m.group(0), False) or _person_like(m.group(0)):
                continue
            kinds = next((k for k in _LIST_KINDS if all(types & k for types in near)), set())
            types = {C.Organization} | (kinds & set().union(*near)) - {C.StateOwnedFund}
            if C.StateOwnedFund in kinds and not types - {C.Organization}:
                types.add(C.Investor)
            members[(cs, ce)] = types
            out.append(Occurrence(cs, ce, types, "list-member", 0.5))
            taken.add(cs, ce)
            grew = True
    return out


def _person_like(chunk: str) -> bool:
    """"陆某", "王磊": a person (named or withheld) may stand among investors; a surname and one or two
    characters is read as one, not as an organisation."""
    return "某" in chunk or (len(chunk) <= 3 and chunk[0] in vocab.SURNAMES_SINGLE)


_EN_NAME_SHAPE = r"[A-Z][a-z]+(?:-[a-z]+)?(?: [A-Z][a-z]+(?:-[a-z]+)?){1,2}"
_EN_PERSON_PAIR = re.compile(
    rf"(?<![A-Za-z])(?P<a>{_EN_NAME_SHAPE})(?P<sep>,? and |, )(?P<b>{_EN_NAME_SHAPE})(?![A-Za-z])"
)


def en_person_list_members(nt: NormText, occs: list[Occurrence]) -> list[Occurrence]:
    """"Lin Che and Zhou Yan left ...": an unknown capitalised two- or three-word name listed beside a
    person is a person too, unless a word of it names organisations or places ("Capital", "Beijing")."""
    text = nt.text
    people = {(o.start, o.end) for o in occs if root_of(o.types) == C.Person}
    taken = Intervals((o.start, o.end) for o in occs)
    out: list[Occurrence] = []
    for m in _EN_PERSON_PAIR.finditer(text):
        for known, other in (("b", "a"), ("a", "b")):
            if m.span(known) not in people:
                continue
            s, e = m.span(other)
            words = text[s:e].split()
            if taken.overlaps(s, e) or any(w in vocab.EN_NAME_WORDS or w in vocab.EN_NAME_STOP for w in words):
                continue
            out.append(Occurrence(s, e, {C.Person}, "list-member", 0.5))
            taken.add(s, e)
    return out
