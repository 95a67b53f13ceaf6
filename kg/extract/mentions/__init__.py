"""Entity mentions: where a name occurs, what kind of thing it names, which mentions are one entity.

Several finders propose occurrences in the normalised text, each with a method and a confidence:

- the gazetteer (known names, longest match);
- organisation suffixes (科技有限公司, 资本, Capital, Inc. ...) with a left boundary found by jieba
  and lists of function words, state-capital markers making a StateOwnedFund;
- people by role context (a title before a name, a bracketed title after one, an English
  "Name, founder of ..."), with jieba's person tag or a surname to confirm a Chinese name;
- product names with a version number in a product context ("Orion-2", "的 Nova-3.5");
- organisations by the role they play in a sentence (`kg.extract.context`): investor lists, the
  subject of a round or an IPO step, the employer in a title apposition, a former employer;
- members of a list whose other members are organisations;
- pairings that tie two names of one entity ("(以下简称“智谱”)", "Zhipu AI (智谱)").

Overlaps are settled longest first (ties: the more trusted method), names found by a pattern are
searched again over the whole article, and occurrences are grouped into entities by gazetteer key,
normalised name and pairing.

The package: `base` (Occurrence, jieba, intervals, the title alternations), one module per finder
(`gazetteer_hits`, `orgs_zh`, `orgs_en`, `people`, `products`, `government`, `pairings`; organisations
by context are run by `kg.extract.context` from `context_rules`, with `context_patterns` and
`context_names`), and here selection, grouping and the entry point.

Finders whose every find is one pattern match with a small check are tables of `rules.MentionRule`
(name, regex, handler, cue, confidence, name groups, gate), run in order by `rules.run_rules`, like
the relation rules: the context rules (`context_rules.CONTEXT_RULES`), the versioned products
(`products.PRODUCT_RULES`), the government bodies (`government.GOVERNMENT_RULES`) and the English
suffixes (`orgs_en.EN_SUFFIX_RULES`). The others are not, because a find there is not one match: the
gazetteer matches known names, longest first, not patterns; the Chinese suffix finder scans every
suffix and walks jieba's words leftwards to a boundary, trimming and splitting by what other finds
cover; the people finder's patterns are only cues for a name searched on either side of them, its
proposals are repaired and merged (the most confident per span) and names are also found by
repetition, which no pattern matches; pairings and list members are read from finds already made.
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache
from operator import attrgetter
from typing import TYPE_CHECKING

from kg.extract import vocab
from kg.extract.gazetteer import Gazetteer, matching_form
from kg.extract.mentions.base import PRIORITY, Intervals, Occurrence, root_of, word_freq
from kg.extract.mentions.gazetteer_hits import gazetteer_occurrences
from kg.extract.mentions.government import government_occurrences
from kg.extract.mentions.orgs_en import en_suffix_occurrences
from kg.extract.mentions.orgs_zh import REGION_RE, zh_suffix_occurrences
from kg.extract.mentions.pairings import alias_candidates, en_person_list_members, list_member_occurrences
from kg.extract.mentions.people import TITLE_EN_RE, TITLES_EN_RE, TITLES_ZH_RE, person_occurrences
from kg.extract.mentions.products import product_occurrences
from kg.extract.text import NormText, Sentence, WordMatcher, is_cjk
from kg.names import normalize_name
from kg.terms import C

if TYPE_CHECKING:
    from kg.extract.ner import NerConfig

__all__ = ["TITLE_EN_RE", "TITLES_EN_RE", "TITLES_ZH_RE", "Occurrence", "find_occurrences", "group_occurrences",
           "root_of"]

# -- selection and grouping ----------------------------------------------------------------------


def _select(cands: list[Occurrence]) -> list[Occurrence]:
    """Non-overlapping occurrences, longest first; ties go to the more trusted method."""
    # keys built in one comprehension and read by a C method, not a Python lambda per comparison
    # key: this runs eight times per article over every candidate (a sort is stable either way)
    keys = [(o.start - o.end, -PRIORITY.get(o.method, 0), -o.confidence, o.start) for o in cands]
    order = [cands[i] for i in sorted(range(len(cands)), key=keys.__getitem__)]
    chosen: list[Occurrence] = []
    # the chosen ranges never overlap, so "overlaps a chosen range" is "covers a taken character":
    # a byte per character answers it in constant time however many names the article holds
    taken = bytearray(max((o.end for o in cands), default=0) + 1)
    for o in order:
        if o.end <= o.start or taken.find(1, o.start, o.end) != -1:
            continue
        taken[o.start : o.end] = b"\x01" * (o.end - o.start)
        chosen.append(o)
    return sorted(chosen, key=attrgetter("start"))


def _select_with(chosen: list[Occurrence], new: list[Occurrence]) -> list[Occurrence]:
    """`_select` over a selection and new candidates; a selection is its own selection, so when a
    pass found nothing new (most passes on most texts) the sort over every occurrence is skipped."""
    if not new:
        return sorted(chosen, key=attrgetter("start"))
    return _select(chosen + new)


_LEGAL_TAIL_ZH = re.compile(
    r"(?:\([\u4e00-\u9fff]{2,3}\))?(?:(?:科技|技术|智能|信息|网络)?(?:股份有限公司|有限责任公司|"
    r"有限公司)|集团(?:股份)?有限公司|控股有限公司)$"
)
_INDUSTRY_TAIL_ZH = re.compile(r"(?:科技|技术|智能|信息技术|网络|人工智能|机器人|半导体|电子)$")
#: More lines of business a company's short name leaves off, when what stays is a coined word.
_TRADE_TAIL_ZH = re.compile(
    r"(?:电脑|微电子|光电|新能源|汽车|医疗|医药|生物|动力|材料|能源|芯片|通信|软件|数据|电气|电池|智造|精密|传动|"
    r"控股|集团|股份)$"
)
#: A platform's line of business ("湖北长晟三期投资发展有限公司" is "湖北长晟三期" after): dropped only
#: when a coined trade name of three or more characters stays ("合肥市产业投资控股" keeps its business).
_PLATFORM_TAIL_ZH = re.compile(r"(?:投资发展|投资控股|产业投资|股权投资|投资管理|资本管理|实业发展|发展|实业)$")
_EN_SHORTENABLE = (
    "AI",
    "Inc",
    "Inc.",
    "Technologies",
    "Technology",
    "Group",
    "Holdings",
    "Labs",
    "Corp",
    "Corp.",
    "Intelligence",
    "Robotics",
    "Limited",
    "Ltd",
    "Ltd.",
    "Semiconductor",
    "Semiconductors",
    "Systems",
    "Software",
    "Networks",
    "Motors",
    "Biotech",
    "Therapeutics",
    "Capital",
    "Ventures",
    "Partners",
    "Investments",
    # what the rest of a company's English name says it makes
    "Microsystems",
    "Microelectronics",
    "Electronics",
    "Dynamics",
    "Automation",
    "Power",
    "Energy",
    "Materials",
    "Pharmaceuticals",
    "Pharma",
    "Biosciences",
    "Bio",
    "Medical",
    "Mobility",
    "Automotive",
    "Automobile",
    "Auto",
    "Computing",
    "Robot",
    "Motion",
    "Machines",
    "Devices",
    "Photonics",
    "Optics",
    "Sensing",
    "Vision",
    "Chips",
    "Batteries",
    "Battery",
    "Logistics",
    "Health",
    "Healthcare",
    "Cloud",
    "Games",
    "Studios",
    "Interactive",
    "Entertainment",
    "Co",
    "Co.",
    "Equipment",
    "Instruments",
    "Tools",
    "Manufacturing",
    "Industries",
    "Industrial",
    "Solutions",
    "Engineering",
    "Tech",
    "Corporation",
)
_EN_PLACES = frozenset(en for en, _level in vocab.REGIONS.values())


def short_forms(name: str) -> list[str]:
    """Shorter names a text may use for an organisation after naming it in full.

    "杭州澄湖科技有限公司" -> "杭州澄湖科技", "澄湖科技", "澄湖"; "Lumora AI" -> "Lumora"; "IDG Capital" -> "IDG".
    A name recurs many times in an article, so the answer is remembered per name.
    """
    return list(_short_forms(name))


@lru_cache(maxsize=16384)
def _short_forms(name: str) -> tuple[str, ...]:
    out: list[str] = []
    if any(is_cjk(c) for c in name):
        core = _LEGAL_TAIL_ZH.sub("", name)
        if core != name and len(core) >= 2:
            out.append(core)
            platform = _PLATFORM_TAIL_ZH.search(core)
            region = re.match(rf"(?:{REGION_RE.pattern})(?:市|省)?", core)
            if platform and region:
                trade = core[region.end() : platform.start()]
                if len(trade) >= 3 and all(is_cjk(c) for c in trade) and word_freq(trade) == 0:
                    out += [core[: platform.start()], trade]  # "湖北长晟三期", "长晟三期"
            m = re.match(rf"(?:{REGION_RE.pattern})(?:市|省)?", core)
            if m and len(core) - m.end() >= 2:
                core = core[m.end() :]
                out.append(core)
            industry = _INDUSTRY_TAIL_ZH.search(core)
            if industry and industry.start() >= 2:
                out.append(core[: industry.start()])
        # a name without a legal form loses its line of business when what stays is a coined word:
        # "联硕电脑" is "联硕" after, "极擎科技" "极擎"; not "长安汽车" -> "长安" (an everyday word, a city)
        tail = _INDUSTRY_TAIL_ZH.search(core) or _TRADE_TAIL_ZH.search(core)
        if tail and all(is_cjk(c) for c in core[: tail.start()]) and (
            tail.start() >= 3 or (tail.start() == 2 and word_freq(core[:2]) == 0)
        ):
            out.append(core[: tail.start()])
        return tuple(f for f in dict.fromkeys(out) if f != name)
    tokens = name.split()
    while len(tokens) >= 2 and tokens[-1] in _EN_SHORTENABLE:
        tokens = tokens[:-1]
        short = " ".join(tokens)
        if (
            # (an acronym of three capitals is a name too: "IDG Capital" -> "IDG")
            (len(short) >= 4 or (len(short) == 3 and short.isalpha() and short.isupper()))
            and short[0].isupper()
            and short not in vocab.EN_NAME_STOP
            and short not in _EN_PLACES
        ):
            out.append(short)
    return tuple(out)


def _cuts_a_person_short(ordered: list[Occurrence], starts: list[int], s: int, e: int, src: Occurrence) -> bool:
    """Is [s, e), a person's full name found elsewhere, here taken only by a shorter unknown person
    inside it ("由叶子航于2020年创办": the segmenter read 叶子 "leaf" and left 航)?"""
    import bisect

    if root_of(src.types) != C.Person:
        return False
    inside = []
    for o in ordered[bisect.bisect_left(starts, s - 8) : bisect.bisect_left(starts, e)]:
        if o.end <= s:
            continue
        if o.start < s or o.end > e or o.key or root_of(o.types) != C.Person:
            return False
        inside.append(o)
    return bool(inside) and all((o.start, o.end) != (s, e) for o in inside)


def _repeat_occurrences(nt: NormText, occs: list[Occurrence]) -> list[Occurrence]:
    """Other occurrences of names first found by a pattern (a person named once by title), and the
    short forms of organisation names ("澄湖科技" after "杭州澄湖科技有限公司")."""
    names: dict[str, Occurrence] = {}
    # the forms of a name depend on its surface, whether it is known and whether it is a firm only:
    # worked out once per distinct name, not once per occurrence (a long text repeats its names)
    folded_forms: dict[tuple[str, bool, bool], list[str]] = {}
    for o in occs:
        if o.inferred:
            continue
        surface = nt.text[o.start : o.end]
        sig = (surface, bool(o.key), root_of(o.types) == C.Organization)
        if sig not in folded_forms:
            forms = [] if o.key else [surface]
            if sig[2]:
                forms += short_forms(surface)
            kept = []
            for form in forms:
                folded = matching_form(form)
                latin = all(c.isascii() for c in folded)
                if len(folded) >= (3 if latin else 2):
                    kept.append(folded)
            folded_forms[sig] = kept
        for folded in folded_forms[sig]:
            names.setdefault(folded, o)
    if not names:
        return []
    person_src = {folded: root_of(o.types) == C.Person for folded, o in names.items()}
    matcher = WordMatcher(names)
    folded_text = matching_form(nt.text)
    taken = Intervals((o.start, o.end) for o in occs)
    ordered = sorted(occs, key=lambda o: o.start)
    starts = [o.start for o in ordered]
    out = []
    for s, e in matcher.finditer(folded_text):
        if taken.overlaps(s, e) and not (
            person_src[folded_text[s:e]] and _cuts_a_person_short(ordered, starts, s, e, names[folded_text[s:e]])
        ):
            continue
        if _LATIN.match(folded_text[s]) and s > 0 and _LATIN.match(folded_text[s - 1]):
            continue
        if _LATIN.match(folded_text[e - 1]) and e < len(folded_text) and _LATIN.match(folded_text[e]):
            continue
        src = names[folded_text[s:e]]
        src_surface = nt.text[src.start : src.end]
        if any(c.isupper() for c in src_surface) and nt.text[s:e].islower():
            continue  # "Lumora" the company is not "lumora" the word
        out.append(
            Occurrence(
                s,
                e,
                set(src.types),
                "repeat",
                round(src.confidence * 0.9, 3),
                key=src.key,
                attrs=dict(src.attrs),
            )
        )
    return out


_LATIN = re.compile(r"[a-z0-9]")


def _short_form_pairs(nt: NormText, occs: list[Occurrence]) -> list[tuple[int, int]]:
    """Pairs (full name, short form) among the occurrences, so both become one entity."""
    by_form: dict[str, int] = {}
    for i, o in enumerate(occs):
        if root_of(o.types) != C.Organization or o.inferred:
            continue
        for form in short_forms(nt.text[o.start : o.end]):
            by_form.setdefault(matching_form(form), i)
    pairs = []
    for i, o in enumerate(occs):
        j = by_form.get(matching_form(nt.text[o.start : o.end]))
        if j is not None and j != i:
            pairs.append((j, i))
    return pairs


#: The type a context implies: an investor list names investors, the subject of a round or a listing,
#: an employer in "X的CTO张三" or a former employer are companies.
_CONTEXT_TYPE = {
    "investor-list": C.Investor,
    "fund-name": C.Investor,
    "subject": C.Company,
    "title-apposition": C.Company,
    "former-employer": C.Company,
    "quoted-brand": C.Company,
    "latin-brand": C.Company,
}


_SUFFIXES_LONGEST_FIRST = sorted(vocab.ZH_SUFFIX_TYPES, key=len, reverse=True)


@lru_cache(maxsize=65536)
def _suffix_type(name: str) -> str | None:
    """The class a Chinese organisation suffix ending `name` gives it ("…基金": Investor)."""
    for suffix in _SUFFIXES_LONGEST_FIRST:
        if name.endswith(suffix) and len(name) > len(suffix):
            return vocab.ZH_SUFFIX_TYPES[suffix]
    return None


def _context_occurrences(nt: NormText, chosen: list[Occurrence]) -> list[Occurrence]:
    """Organisations found by the role they play (`kg.extract.context`), where nothing else is."""
    from kg.extract.context import context_org_spans

    taken = Intervals((o.start, o.end) for o in chosen)
    # a word of a person's name ("Lin" of "Lin Che") is that person, not a company
    person_words = {
        w for o in chosen if root_of(o.types) == C.Person for w in nt.text[o.start : o.end].split()
    }
    by_edge: dict[int, list[Occurrence]] = {}
    for o in chosen:
        by_edge.setdefault(o.start, []).append(o)
        by_edge.setdefault(o.end, []).append(o)
    out = []
    for s, e, cue, conf in context_org_spans(nt.text):
        if nt.text[s:e] in person_words:
            continue
        # a name another finder took keeps the part this context gives it
        for o in by_edge.get(s, []) + by_edge.get(e, []):
            if o.role is None and o.start < e and s < o.end:
                o.role = cue
        if not taken.overlaps(s, e):
            suffix_type = _suffix_type(nt.text[s:e])
            if cue == "product":
                types = {C.Product}
            elif suffix_type is not None and cue != "investor-list":
                types = {suffix_type}  # "星河基金由A与B共同持股": the suffix says what it is
            else:
                types = {C.Organization, _CONTEXT_TYPE[cue]} if cue in _CONTEXT_TYPE else {C.Organization}
            out.append(Occurrence(s, e, types, f"context:{cue}", conf, role=cue))
    return out


#: Words of corporate finance that suffix and context rules can mistake for names ("计入注册资本",
#: "私募增资", "A轮投资", "IPO"): what a company does with capital, not who it is.
_FINANCE_TERM = re.compile(
    r"注册资本|实缴资本|资本金|资本公积|计入|增资|注资|募资|融资|轮投资|股权投资$|^(?:IPO|Pre-IPO|SPAC)$|"
    # a listing rule's category ("以18C章特专科技公司规则上市"), not a company
    r"章特专|^特专科技"
)


def _drop_finance_terms(text: str, occs: list[Occurrence], dropped: list[tuple[str, str]]) -> list[Occurrence]:
    """Organisations found by a rule whose text is a term of corporate finance, dropped with the reason."""
    kept = []
    for o in occs:
        name = text[o.start : o.end]
        if o.key is None and root_of(o.types) == C.Organization and _FINANCE_TERM.search(name):
            dropped.append((name, "a term of corporate finance, not a name"))
            continue
        kept.append(o)
    return kept


#: 他/她 opening a clause, before what people do: the subject of a career sentence.
_PRONOUN_SUBJECT = re.compile(
    r"(?:^|(?<=[。!?;,，\n]))\s*(?P<p>他|她)(?=\s*(?:曾|在|于|已|也|还|随后|后来|先后|早年|此前|离开|离职|加入|加盟|"
    r"创办|创立|联合创办|与|和|担任|出任|毕业于|是))"
)
#: How far back (characters) the person a pronoun stands for may have been named.
_PRONOUN_REACH = 160


def _since_previous_sentence(text: str, pos: int) -> int:
    """Where the sentence before the one holding `pos` starts (its own start when it is the first)."""
    floor = max(0, pos - _PRONOUN_REACH)  # only people within reach count: look no further back
    ends = [i for i in range(pos - 1, floor - 1, -1) if text[i] in "。!?\n"]
    return ends[1] + 1 if len(ends) >= 2 else floor


def _pronoun_subjects(text: str, occs: list[Occurrence]) -> list[tuple[Occurrence, Occurrence]]:
    """"另一位代表人物是周砚白。他曾任…，离开字节跳动，…创办了澄镜科技": a 他/她 that opens a clause
    stands for the person named last before it (within a sentence or two, and only when exactly one
    person was named in that stretch, so the reference is not a guess). Returns (person occurrence,
    pronoun occurrence) pairs; the pronoun occurrence is inferred (it lends the person no name)."""
    people = sorted((o for o in occs if root_of(o.types) == C.Person and not o.inferred), key=lambda o: o.start)
    out = []
    for m in _PRONOUN_SUBJECT.finditer(text):
        s = m.start("p")
        before = [o for o in people if o.end <= s and s - o.end <= _PRONOUN_REACH]
        names = {text[o.start : o.end] for o in before}
        if len(names) > 1:
            # several people in reach: the one the sentence before names alone still is the referent
            # ("…李航创办了X。另一位代表人物是周明远。他曾任…")
            recent = _since_previous_sentence(text, s)
            before = [o for o in before if o.start >= recent]
            names = {text[o.start : o.end] for o in before}
        if len(names) != 1:
            continue
        person = before[-1]
        out.append((person, Occurrence(s, s + 1, set(person.types), "pronoun", 0.5, inferred=True)))
    return out


_TITLE_AHEAD = re.compile(rf"\s*(?:{TITLES_ZH_RE})", re.IGNORECASE)


def _drop_former_prefix(text: str, occs: list[Occurrence]) -> None:
    """"前星岩科技副总裁": the 前 (former) of a title is not the first character of the name."""
    for o in occs:
        if (
            o.key is None
            and o.length >= 3
            and text[o.start] in "前原"
            and root_of(o.types) == C.Organization
            and _TITLE_AHEAD.match(text, o.end)
        ):
            o.start += 1


_EN_SURNAME_CONTEXT = re.compile(
    r"\s*(?:,\s+(?:the|a|an|its|who)\b|said|says|told|added|noted|wrote|declined|founded|co-founded|left|joined|"
    r"quit|started|launched|departed|retired|resigned|stepped\s+down|will|would|has|had|also|previously|later|"
    r"oversaw|led|leads|ran|runs|took|holds|held|worked|spent|served|"
    # "Zhou is the company's chief executive", "Wei, who remains chairman": a person's role follows
    r"(?:is|was|remains|became|has\s+been)\s+(?:the|its|a|an|now|still|also)\b|"
    # "Chen is chief executive", "Chen, 38, started …": a bare title, an age in apposition
    r"(?:is|was|remains|became)\s+(?:chief|president|chairman|chairwoman|co-founder|founder|head|director|"
    r"vice|senior|general\s+manager)\b|,\s+\d{2},)"
)


def _en_surname_mentions(text: str, occs: list[Occurrence]) -> list[tuple[Occurrence, Occurrence]]:
    """Later mentions of an English-written person by one part of the name ("Zhou, the company's
    chairman" after "Zhou Qihang"), when only one person of the article has that part and the word
    stands where a person does (before ", the ...", "said", "told" ...)."""
    owners: dict[str, list[Occurrence]] = {}
    for o in occs:
        if root_of(o.types) != C.Person:
            continue
        words = text[o.start : o.end].split()
        if len(words) < 2 or not all(w[:1].isupper() and w.isascii() for w in words):
            continue
        for w in {words[0], words[-1]}:
            if len(w) >= 2 and w not in vocab.EN_NAME_STOP:
                bucket = owners.setdefault(w, [])
                if all(text[b.start : b.end] != text[o.start : o.end] for b in bucket):
                    bucket.append(o)
    taken = Intervals((o.start, o.end) for o in occs)
    out = []
    for word, persons in sorted(owners.items()):
        if len(persons) != 1:
            continue
        for m in re.finditer(rf"(?<![A-Za-z\-])({re.escape(word)})(?![A-Za-z\-])", text):
            s, e = m.span(1)
            if taken.overlaps(s, e) or not _EN_SURNAME_CONTEXT.match(text, e):
                continue
            if re.search(r"[A-Z][a-z]+\s+$", text[max(0, s - 20) : s]):
                continue  # part of a longer capitalised name
            out.append((persons[0], Occurrence(s, e, {C.Person}, "repeat", 0.6)))
            taken.add(s, e)
    return out


_TRIMMABLE = ("suffix", "role-context", "list-member")
_TRIM_SLACK = 2


def _ner_bounds(occs: list[Occurrence], spans: list[tuple[int, int, set[str], dict]], grow: bool) -> None:
    """`+trim`/`+bounds`: move a pattern-found occurrence's boundary to a tagger span of the same kind
    that differs by at most two characters on either side: one strictly inside it ("有两江基金" ->
    "两江基金"), and with `grow` one strictly around it that touches no other occurrence ("石化" ->
    "中国石化")."""
    starts = [s for s, _e, _t, _a in spans]
    ranges = sorted((o.start, o.end) for o in occs)
    for o in occs:
        if o.key or o.inferred or not (o.method in _TRIMMABLE or o.method.startswith("context:")):
            continue
        i = bisect.bisect_left(starts, o.start - _TRIM_SLACK)
        for s, e, types, _attrs in spans[i:]:
            if s >= o.end:
                break
            if (s, e) == (o.start, o.end) or e - s < 2 or root_of(types) != root_of(o.types):
                continue
            if abs(s - o.start) > _TRIM_SLACK or abs(o.end - e) > _TRIM_SLACK:
                continue
            inside = o.start <= s and e <= o.end
            around = s <= o.start and o.end <= e
            if around and grow:
                others = [(a, b) for a, b in ranges if (a, b) != (o.start, o.end) and a < e and s < b]
                if others:
                    continue
            elif not inside:
                continue
            o.start, o.end = s, e
            break


def _ner_occurrences(
    chosen: list[Occurrence], spans: list[tuple[int, int, set[str], dict]]
) -> list[Occurrence]:
    """A statistical tagger's people and organisations (`kg.extract.ner`) where no rule found anything:
    low-confidence candidates that never move a rule's boundary."""
    from kg.extract.ner import CONFIDENCE, METHOD

    taken = Intervals((o.start, o.end) for o in chosen)
    out = []
    for s, e, types, attrs in spans:
        if not taken.overlaps(s, e):
            out.append(Occurrence(s, e, set(types), METHOD, CONFIDENCE, attrs=dict(attrs)))
            taken.add(s, e)
    return out


#: A unit inside an organisation: a lab, an institute, a business division ("宁德时代研究院",
#: "华康药业创新药研究院", "字节跳动AI Lab").
_DEPARTMENT = re.compile(r"(?:研究院|研究所|研究中心|实验室|事业部|事业群|工作室|\s?AI\s?Lab|\s?Labs?)$")
#: The words of a unit named by its kind alone ("AI Lab", "研究院").
_UNIT_KIND = r"(?:AI\s?)?Labs?|研究院|实验室|研究中心|事业部|事业群"
_NAMELESS_UNIT = re.compile(_UNIT_KIND, re.IGNORECASE)
#: Such a unit after a former marker, anywhere in the text (the reason to look at each occurrence).
_FORMER_UNIT = re.compile(rf"(?:前|原)\s*(?:{_UNIT_KIND})", re.IGNORECASE)
#: A unit's words right after a company's name ("腾讯AI Lab", "宁德时代研究院").
_UNIT_AFTER = re.compile(r"\s?(?:AI\s?Lab|研究院|实验室|事业部|事业群)")
#: The kinds of organisation whose units a career passes through as the organisation itself (a
#: university's lab is known in its own right: "脱胎于清华大学智能感知实验室" names the lab).
_PARENT_KINDS = {C.Company}


def _department_heads(
    text: str, chosen: list[Occurrence], gazetteer: Gazetteer, dropped: list[tuple[str, str]]
) -> None:
    """A unit named after its company ("微软亚洲研究院", "华康药业创新药研究院") is, for the facts
    of a career or a round, that company: the occurrence keeps its span (rules read "X研究院首席
    研究员" as one employer and a title) but names the company, so whoever worked in the lab worked
    at the company. A university's lab and a research body of its own (中科院计算所) keep their
    names."""
    known: dict[str, Occurrence] = {}
    by_start = {o.start: o for o in chosen}
    taken = Intervals((o.start, o.end) for o in chosen)
    absorbed: set[int] = set()
    for o in chosen:
        if o.types & _PARENT_KINDS and not _DEPARTMENT.search(text[o.start : o.end]):
            known.setdefault(text[o.start : o.end], o)
            unit = _UNIT_AFTER.match(text, o.end)
            if unit is None:
                continue
            # "腾讯AI Lab首席科学家": the unit joins the span, the name stays the company's; a
            # nameless unit found on its own ("AI Lab") is part of it
            inside = by_start.get(unit.end() - len(unit.group(0).lstrip()))
            if inside is not None and (inside.key or inside.end != unit.end()):
                continue
            if inside is None and taken.overlaps(o.end, unit.end()):
                continue
            if inside is not None:
                absorbed.add(id(inside))
            o.name_end, o.end = o.end, unit.end()
    ends = {o.end: o for o in chosen if o.types & _PARENT_KINDS} if _FORMER_UNIT.search(text) else {}
    for o in chosen if ends else ():
        # "网易前 AI Lab 总监": a unit with no name of its own after a company and a former marker is
        # part of a title at that company, not an organisation
        if o.key is None and _NAMELESS_UNIT.fullmatch(text[o.start : o.end]):
            gap = re.search(r"\s*(?:前|原)\s*$", text[max(0, o.start - 3) : o.start])
            if gap and (o.start - len(gap.group(0))) in ends:
                absorbed.add(id(o))
    if absorbed:
        chosen[:] = [o for o in chosen if id(o) not in absorbed]
    for o in chosen:
        name = text[o.start : o.end]
        unit = _DEPARTMENT.search(name)
        if unit is None or o.inferred or root_of(o.types) != C.Organization:
            continue
        for k in range(unit.start(), 1, -1):
            head = name[:k]
            entry = gazetteer.lookup(head)
            other = known.get(head)
            if other is not None:
                types, key, attrs = set(other.types), other.key, dict(other.attrs)
            elif entry is not None and entry.type in _PARENT_KINDS:
                types, key, attrs = {entry.type}, entry.key, dict(entry.attrs)
            else:
                continue
            dropped.append((name, f"a unit of {head}: the facts are {head}'s"))
            o.name_end = o.start + k
            o.types, o.key, o.attrs, o.method = types, key, attrs, "department-head"
            break


def find_occurrences(
    nt: NormText,
    sentences: list[Sentence],
    gazetteer: Gazetteer,
    dropped: list[tuple[str, str]],
    ner: NerConfig | None = None,
) -> tuple[list[Occurrence], list[tuple[int, int]]]:
    """All entity occurrences in the article and the pairs of occurrence indices that are one entity.

    With `ner`, a statistical tagger adds low-confidence people and organisations where the rules
    found nothing, after every rule (repeats and pairings included) has had its say."""
    gaz = gazetteer_occurrences(nt, gazetteer)
    cands = list(gaz)
    cands += zh_suffix_occurrences(nt, gaz, dropped)
    cands += en_suffix_occurrences(nt, gaz, dropped)
    cands += government_occurrences(nt)
    cands += product_occurrences(nt)
    first = _select(cands)
    cands += person_occurrences(nt, Intervals((o.start, o.end) for o in first))
    chosen = _select(cands)
    chosen = _select_with(chosen, _context_occurrences(nt, chosen))
    chosen = _drop_finance_terms(nt.text, chosen, dropped)
    _drop_former_prefix(nt.text, chosen)
    _department_heads(nt.text, chosen, gazetteer, dropped)
    ner_spans = ner.candidates(nt.text) if ner is not None else []
    if ner is not None and ner.trim:
        _ner_bounds(chosen, ner.candidates(nt.text, strict=False), ner.grow)
    # names found by context anywhere are names everywhere, before pairings are read
    chosen = _select_with(chosen, _repeat_occurrences(nt, chosen))
    chosen = _select_with(chosen, list_member_occurrences(nt, sentences, chosen))
    chosen = _select_with(chosen, en_person_list_members(nt, chosen))
    # pairings: the alias becomes an occurrence of the same entity
    pairs_by_span: list[tuple[tuple[int, int], tuple[int, int]]] = []
    extra: list[Occurrence] = []
    taken = Intervals((o.start, o.end) for o in chosen)
    for o, a_start, a_end in alias_candidates(nt, chosen):
        pairs_by_span.append(((o.start, o.end), (a_start, a_end)))
        if not taken.overlaps(a_start, a_end):
            extra.append(Occurrence(a_start, a_end, set(o.types), "alias", 0.8, attrs=dict(o.attrs)))
            taken.add(a_start, a_end)
    chosen = sorted(chosen + extra, key=lambda o: o.start)
    chosen = _select_with(chosen, _repeat_occurrences(nt, chosen))
    surnames = _en_surname_mentions(nt.text, chosen)
    pairs_by_span += [((full.start, full.end), (o.start, o.end)) for full, o in surnames]
    chosen = _select_with(chosen, [o for _full, o in surnames])
    if ner is not None:
        chosen = _select_with(chosen, _ner_occurrences(chosen, ner_spans))
    pronouns = _pronoun_subjects(nt.text, chosen)
    pairs_by_span += [((person.start, person.end), (o.start, o.end)) for person, o in pronouns]
    chosen = sorted(chosen + [o for _person, o in pronouns], key=lambda o: o.start)
    index = {(o.start, o.end): i for i, o in enumerate(chosen)}
    pairs = [(index[a], index[b]) for a, b in pairs_by_span if a in index and b in index]
    pairs += _short_form_pairs(nt, chosen)
    return chosen, pairs


def group_occurrences(nt: NormText, occs: list[Occurrence], pairs: list[tuple[int, int]]) -> int:
    """Set `group` on every occurrence: same key, same normalised name or paired = one entity.

    Two different gazetteer keys never merge. Returns the number of groups; group numbers follow
    first appearance, so the output is the same on every run.
    """
    parent = list(range(len(occs)))
    keys: dict[int, str | None] = {i: o.key for i, o in enumerate(occs)}

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(a: int, b: int) -> None:
        ra, rb = find(a), find(b)
        if ra == rb:
            return
        ka, kb = keys[ra], keys[rb]
        if ka and kb and ka != kb:
            return
        if root_of(occs[ra].types) != root_of(occs[rb].types):
            return
        low, high = min(ra, rb), max(ra, rb)
        parent[high] = low
        keys[low] = ka or kb

    by_label: dict[tuple[str, str], int] = {}
    for i, o in enumerate(occs):
        labels = [(root_of(o.types), normalize_name(nt.text[o.start : o.name_stop]))]
        if o.key:
            labels.append(("key", o.key))
        for label in labels:
            if label in by_label:
                union(by_label[label], i)
            else:
                by_label[label] = i
    for a, b in pairs:
        union(a, b)
    numbering: dict[int, int] = {}
    for i, o in enumerate(occs):
        root = find(i)
        if root not in numbering:
            numbering[root] = len(numbering)
        o.group = numbering[root]
    return len(numbering)
