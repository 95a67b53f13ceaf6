"""English organisation names ending in a suffix (Capital, Technologies, Inc. ...), with the
headline and sentence words that cannot start a name."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from kg.extract import vocab
from kg.extract.mentions.base import Intervals, Occurrence, legal_form_of
from kg.extract.mentions.rules import MentionRule, run_rules
from kg.extract.text import NormText, longest_first
from kg.terms import C

# -- organisation suffixes (English) -------------------------------------------------------------

#: A capitalised word; a full stop inside ("U.S.", "J.P.") or after an abbreviation ("Co.") stays in
#: it, but after an ordinary word ("Capital. Brisk Ventures") it ends the sentence, and the name.
_EN_TOKEN = (
    r"(?:[A-Z][A-Za-z0-9&'’\-]*(?:\.(?=[A-Za-z0-9])[A-Za-z0-9&'’\-]*)*(?:\.(?<![a-z]{3}\.))?"
    r"|[0-9]+[A-Za-z][A-Za-z0-9]*)"
)
_EN_SUFFIX_ALT = longest_first(vocab.EN_SUFFIX_TYPES)
_EN_ORG_RE = re.compile(
    rf"(?<![A-Za-z0-9])(?P<name>{_EN_TOKEN}(?:[ \t]+(?:(?:of|for|de|&)[ \t]+)?{_EN_TOKEN}){{0,7}})[ \t]+"
    rf"(?P<suffix>{_EN_SUFFIX_ALT})(?:[ \t]+of[ \t]+(?P<field>Technology|Science|Sciences|Science and Technology)"
    # a fund's phase is a fund of its own ("Halvard Capital Fund II", like 大基金三期)
    rf"|(?<=Fund)[ \t]+(?P<field2>I{{1,3}}|IV|V|VI{{1,3}}|IX|X)(?![A-Za-z0-9]))?"
    rf"(?![A-Za-z0-9])"
)
_EN_LEADING_STOP = vocab.EN_NAME_STOP - vocab.EN_NAME_WORDS
_EN_DESCRIPTOR = re.compile(
    r"-(?:based|listed|backed|owned|headquartered|registered|focused|born|made)$|['’]s$"
)
_EN_LEADING_STOP = _EN_LEADING_STOP | {"Chinese", "China's", "State-owned", "State-backed", "US", "U.S."}
#: A legal form after a name that already ends in its kind ("Advisors, Ltd.", "Capital Co., Ltd.").
_EN_LEGAL_TAIL = re.compile(r",?[ \t]+(?:Co\.,?[ \t]+)?(?:Ltd|Limited|Inc|LLC|Pte\.?[ \t]+Ltd|L\.P|LP)\b\.?")
#: Capitalised (in a headline) nouns for what a company is, standing before its name.
_EN_KIND_NOUNS = frozenset(
    ["Maker", "Makers", "Firm", "Startup", "Start-up", "Giant", "Developer", "Designer", "Chipmaker",
     "Carmaker", "Automaker", "Supplier", "Manufacturer", "Unicorn", "Operator", "Provider"]
)


@dataclass
class _SuffixFinds:
    """What the rule needs besides the match (the known names, to stay out of them) and what it finds."""

    text: str
    gaz: list[Occurrence]
    dropped: list[tuple[str, str]]
    out: list[Occurrence] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.covered = Intervals((o.start, o.end) for o in self.gaz)
        self.gaz_by_start = {o.start: o for o in self.gaz}


def _suffixed_name(rule: MentionRule[_SuffixFinds], m: re.Match[str], found: _SuffixFinds) -> None:
    """The name before a suffix, after the words that cannot start it, and not inside a known name."""
    text = found.text
    start, end = m.start("name"), m.end()  # "Institute of Technology": the field is part of it
    tail = _EN_LEGAL_TAIL.match(text, end)
    if tail and vocab.EN_SUFFIX_TYPES[m.group("suffix")] != C.Company:
        end = tail.end()  # "Cedar Grove Advisors, Ltd.": the legal form after the kind is the name's
    suffix = m.group("suffix")
    # drop leading function words and sentence-initial capitals
    tokens = list(re.finditer(r"\S+", text[start : m.end("name")]))
    k = 0
    while k < len(tokens) and (
        tokens[k].group(0) in _EN_LEADING_STOP
        or _EN_DESCRIPTOR.search(tokens[k].group(0))
        or tokens[k].group(0)[0].islower()
    ):
        k += 1
    # "Halvard Capital-backed Qorvane Robotics": the name ends at the descriptor, the backer's
    # own name (when it ends in a suffix) is a name of its own
    for j in range(len(tokens) - 1, k - 1, -1):
        word = tokens[j].group(0)
        if word in _EN_KIND_NOUNS:
            # "Humanoid Robot Maker Leap Dynamics" (a headline): what it is, then its name
            k = j + 1
            break
        possessive = re.search(r"['’]s$", word)
        if not _EN_DESCRIPTOR.search(word) or ("-" not in word and not possessive):
            continue
        # "Hillhouse Investment's HHLR Advisors": the owner, then the name of its unit
        head_word = word[:-2] if possessive else word[: word.rindex("-")]
        backer_type = vocab.EN_SUFFIX_TYPES.get(head_word)
        if backer_type is not None and j > k:
            b_start, b_end = start + tokens[k].start(), start + tokens[j].start() + len(head_word)
            if not found.covered.covers(b_start, b_end):
                found.out.append(Occurrence(b_start, b_end, {backer_type}, rule.cue, 0.6))
        k = j + 1
        break
    if k == len(tokens):
        if tokens:
            found.dropped.append((text[start:end], "no name before the organisation suffix"))
        return
    # "Consumer Electronics", "Solar Power": a market; a known company made of such words is the
    # gazetteer's, which the checks below keep
    if all(t.group(0) in vocab.EN_GENERIC_HEADS for t in tokens[k:]) and not any(
        o.start <= start + tokens[k].start() < o.end for o in found.gaz
    ):
        found.dropped.append((text[start + tokens[k].start() : end], "a market, not a name"))
        return
    start += tokens[k].start()
    # a known name inside the candidate: keep only what follows it, unless it is the head
    inner = [o for o in found.gaz if start < o.end <= end and o.start >= start]
    head = found.gaz_by_start.get(start)
    if found.covered.covers(start, end):
        return
    if inner and (head is None or any(o is not head for o in inner)):
        last = max(inner, key=lambda o: o.end)
        if last.end >= m.start("suffix"):
            return
        start = last.end
        while start < end and text[start] == " ":
            start += 1
        if start >= m.start("suffix"):
            return
    name = text[start:end]
    if (
        head is not None
        and suffix.lower() in vocab.LEGAL_FORMS_EN
        and text[head.end : m.start("suffix")].strip() == ""
    ):
        found.out.append(legal_form_of(head, start, end))
        return
    suffix_type = vocab.EN_SUFFIX_TYPES[suffix]
    types = {suffix_type}
    attrs: dict[str, Any] = {}
    if suffix_type in (C.Investor, C.Company) and vocab.STATE_MARKERS_EN.search(name):
        types = {C.StateOwnedFund}
        attrs["investor_kind"] = "guidance_fund" if re.search(r"fund", name, re.I) else "state_platform"
        for en, level in vocab.REGIONS.values():
            if name.startswith(en + " "):
                attrs.update(region=en, gov_level=level)
                break
    found.out.append(Occurrence(start, end, types, rule.cue, rule.confidence, attrs=attrs))


#: The finder's table (see `kg.extract.mentions.rules`): one rule, with the state it reads in its sink.
EN_SUFFIX_RULES: tuple[MentionRule[_SuffixFinds], ...] = (
    MentionRule("en-suffix", _EN_ORG_RE, _suffixed_name, "suffix", 0.65, ("name", "suffix")),
)


def en_suffix_occurrences(
    nt: NormText, gaz: list[Occurrence], dropped: list[tuple[str, str]]
) -> list[Occurrence]:
    """English organisations by their suffix (`EN_SUFFIX_RULES`), outside the known names `gaz`."""
    return run_rules(EN_SUFFIX_RULES, nt.text, _SuffixFinds(nt.text, gaz, dropped)).out
