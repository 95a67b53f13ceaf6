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
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from kg.extract import vocab
from kg.extract.gazetteer import Gazetteer, _build_trie, _trie_regex, matching_form
from kg.extract.text import NormText, Sentence, is_cjk
from kg.names import normalize_name

__all__ = ["Occurrence", "find_occurrences", "group_occurrences", "root_of"]

#: How much a method is trusted when two occurrences overlap with the same length.
_PRIORITY = {
    "gazetteer": 5,
    "gazetteer+legal-form": 5,
    "alias": 4,
    "role-context": 3,
    "suffix": 2,
    "product-pattern": 2,
    "context:investor-list": 1,
    "context:subject": 1,
    "context:title-apposition": 1,
    "context:former-employer": 1,
    "context:quoted-brand": 1,
    "context:latin-brand": 1,
    "context:product": 1,
    "list-member": 1,
    "repeat": 1,
}


@dataclass
class Occurrence:
    """One mention of an entity: a range of the normalised text, types, how it was found."""

    start: int
    end: int
    types: set[str]
    method: str
    confidence: float
    key: str | None = None
    board: str | None = None
    attrs: dict[str, Any] = field(default_factory=dict)
    inferred: bool = False  # stands for an entity the text implies (no name of its own at this span)
    group: int = -1

    @property
    def length(self) -> int:
        return self.end - self.start


def root_of(types: Iterable[str]) -> str:
    """Person, Product or Organization: the ontology root a set of types belongs to."""
    types = set(types)
    if "Person" in types:
        return "Person"
    if "Product" in types:
        return "Product"
    return "Organization"


@lru_cache(maxsize=1)
def _jieba() -> Any:
    """jieba's POS tagger, loaded once (its dictionary takes about a second)."""
    import logging

    import jieba
    import jieba.posseg as pseg

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    _cache_unknown_runs(pseg.dt)
    return pseg


def _cache_unknown_runs(tagger: Any) -> None:
    """Memoise jieba's HMM over runs of characters its dictionary does not know.

    The POS tagger runs a Viterbi search over (position, tag) states for each such run, which is
    where nearly all of its time goes; the runs are mostly names, and a name recurs in many windows
    of an article and across articles. The result for a run depends on the run alone, so caching it
    changes nothing but the speed.
    """
    attr = "_POSTokenizer__cut_detail"
    detail = getattr(tagger, attr, None)
    if detail is None or getattr(detail, "_kg_cached", False):
        return

    @lru_cache(maxsize=131072)
    def cached(run: str) -> tuple[Any, ...]:
        return tuple(detail(run))

    def cut_detail(run: str) -> Iterator[Any]:
        return iter(cached(run))

    cut_detail._kg_cached = True  # type: ignore[attr-defined]
    setattr(tagger, attr, cut_detail)


@lru_cache(maxsize=65536)
def _pos(text: str) -> tuple[tuple[str, str, int], ...]:
    """(word, flag, start) triples for a short window (cached: windows recur across articles)."""
    out: list[tuple[str, str, int]] = []
    pos = 0
    for pair in _jieba().cut(text):
        out.append((pair.word, pair.flag, pos))
        pos += len(pair.word)
    return tuple(out)


def _freq(word: str) -> int:
    import jieba

    return jieba.dt.FREQ.get(word) or 0


# -- gazetteer -----------------------------------------------------------------------------------


def _gazetteer_occurrences(nt: NormText, gazetteer: Gazetteer) -> list[Occurrence]:
    out = []
    for m in gazetteer.scan(nt.text):
        out.append(
            Occurrence(
                m.start,
                m.end,
                {m.entry.type},
                "gazetteer",
                0.95,
                key=m.entry.key,
                board=m.board,
                attrs=dict(m.entry.attrs),
            )
        )
    return out


# -- organisation suffixes (Chinese) -------------------------------------------------------------

_ZH_SUFFIX_RE = re.compile(
    "|".join(re.escape(s) for s in sorted(vocab.ZH_SUFFIX_TYPES, key=len, reverse=True))
)
_REGION_RE = re.compile("|".join(sorted(vocab.REGIONS, key=len, reverse=True)))
_STATE_MIDDLE = "|".join(sorted(vocab.STATE_MIDDLE_WORDS, key=len, reverse=True))
_STATE_PREFIX_RE = re.compile(rf"^(?P<region>{_REGION_RE.pattern})(?:{_STATE_MIDDLE})*$")
_DATEISH = re.compile(r"\d|年|月|日|号")
_ZH_MAX_PREFIX = 16


def _state_attrs(name: str, prefix: str, suffix_type: str) -> dict[str, Any] | None:
    """investor_kind/region/gov_level when a Chinese investor name marks state capital, else None."""
    region_match = _STATE_PREFIX_RE.match(prefix)
    marked = any(marker in name for marker in vocab.STATE_MARKERS_ZH)
    if not marked and not (region_match and suffix_type in ("Investor", "StateOwnedFund")):
        return None
    kind = (
        "guidance_fund"
        if any(w in name for w in ("引导", "产业基金", "产业投资基金", "母基金"))
        else "state_platform"
    )
    attrs: dict[str, Any] = {"investor_kind": kind}
    region = _REGION_RE.match(name)
    if region:
        en, level = vocab.REGIONS[region.group(0)]
        attrs["region"] = en
        attrs["gov_level"] = level
    return attrs


def _left_boundary(text: str, s0: int, s1: int, gaz_ends: dict[int, int]) -> tuple[int, bool]:
    """Where a name ending in the suffix [s0, s1) starts; True when it starts with a known name.

    Characters are taken leftwards up to punctuation or a known name; jieba then cuts the run at
    the last function word or ordinary verb. A known name right before the accepted words becomes
    the head of the longer name ("上海国投" + "先导基金").
    """
    i = s0
    head_start: int | None = None
    while i > 0 and s0 - i < _ZH_MAX_PREFIX:
        if i in gaz_ends:
            head_start = gaz_ends[i]
            break
        c = text[i - 1]
        if c == ")":
            m = re.search(r"\([\u4e00-\u9fff]{2,3}\)$", text[max(0, i - 5) : i])
            if m:
                i -= len(m.group(0))
                continue
            break
        if is_cjk(c) or (c.isascii() and c.isalnum()) or c in "·&":
            i -= 1
            continue
        break
    if i == s0:
        return (head_start, True) if head_start is not None else (s0, False)
    tokens = _pos(text[i:s1])
    left = s0
    complete = True
    for word, flag, start in reversed(tokens):
        abs_start = i + start
        if abs_start + len(word) > s0:
            continue  # part of the suffix
        if _ends_name(word, flag):
            complete = False
            break
        glued = _GLUED_HEAD.match(word)
        if glued and len(word) > glued.end() + 1 and (flag in vocab.PROPER_FLAGS or _freq(word) == 0):
            # "陆远舟从霁川科技", "曾在澜溯数据": the name starts after the preposition jieba glued on
            left, complete = abs_start + glued.end(), False
            break
        left = abs_start
    if complete and head_start is not None and left == i:
        return head_start, True
    first = next((w for w, _f, st in tokens if i + st == left), None)
    if first in ("前", "原") and left + 1 < s0:
        left += 1  # "前星岩科技副总裁": former, not part of the name
    return left, False


def _ends_name(word: str, flag: str) -> bool:
    """A token that cannot be inside an organisation name: function word, known verb, date."""
    if word in vocab.ZH_BOUNDARY_WORDS or flag in vocab.ZH_STOP_FLAGS:
        return True
    if flag == "v" and len(word) >= 2 and word not in vocab.ZH_NAME_VERBS and _freq(word) >= _COMMON_VERB_FREQ:
        return True  # "负责车规芯片": an everyday verb ends the name; invented names are rare words
    if flag in ("m", "q", "mq") and not re.search(r"[A-Za-z0-9]", word):
        return True  # "第三笔", "两家": a count, not a name
    return flag == "m" and bool(_DATEISH.search(word)) and not re.search(r"[A-Za-z]", word)


#: jieba dictionary frequency from which a verb is everyday language ("负责" 1,700, "离职" 300), not a brand.
_COMMON_VERB_FREQ = 300

#: Prepositions jieba sometimes glues onto the name after them ("从霁川" tagged as a person's name).
_GLUED_PREPOSITIONS = "从向被把对跟给在于由"


#: A preposition, perhaps after an adverb of time ("曾在"), at the head of a word jieba made up.
_GLUED_HEAD = re.compile(rf"(?:曾经|曾|也|还|已)?[{_GLUED_PREPOSITIONS}]")


def _name_like(prefix: str) -> bool:
    """A prefix that looks like a proper name: a proper-noun tag, a word jieba does not know,
    Latin letters, or single characters jieba could not join (an invented brand)."""
    if any(c.isascii() and c.isalpha() for c in prefix):
        return True
    tokens = _pos(prefix)
    if all(len(w) == 1 for w, _, _ in tokens) and len(tokens) >= 2:
        return True
    return any(flag in vocab.PROPER_FLAGS or _freq(w) < 5 for w, flag, _ in tokens if len(w) > 1)


def _generic(prefix: str, weak: bool) -> bool:
    """A prefix made only of descriptive words ("战略", "人工智能", "多家"); for a weak suffix,
    one ending in such a word ("海外市场" + 投资) is a description too."""
    if prefix in vocab.GENERIC_PREFIX_WORDS:
        return True
    tokens = [w for w, _, _ in _pos(prefix)]
    # a one-character generic word after another lone character is half of a coined name ("栖云")
    coined = len(tokens) >= 2 and len(tokens[-1]) == 1 and len(tokens[-2]) == 1
    if weak and tokens and tokens[-1] in vocab.GENERIC_PREFIX_WORDS and not coined:
        return True
    return all(w in vocab.GENERIC_PREFIX_WORDS for w in tokens)


_ZH_SUFFIX_ANY = re.compile(f"(?=({_ZH_SUFFIX_RE.pattern}))")


def _suffix_spans(text: str) -> list[tuple[int, int]]:
    """Suffix matches that end a name: where suffixes overlap ("科创投" in "科创投资基金"), the one
    reaching furthest right wins, and of those the longest."""
    spans = sorted({(m.start(), m.start() + len(m.group(1))) for m in _ZH_SUFFIX_ANY.finditer(text)})
    best_by_end: dict[int, tuple[int, int]] = {}
    for s, e in spans:
        if e not in best_by_end or s < best_by_end[e][0]:
            best_by_end[e] = (s, e)
    kept = []
    ordered = sorted(best_by_end.values())
    for i, (s, e) in enumerate(ordered):
        extended = any(s2 < e < e2 and s2 >= s for s2, e2 in ordered[i + 1 : i + 8])
        if not extended:
            kept.append((s, e))
    return kept


_ROLE_VERB_INSIDE = re.compile(r"曾任|现任|担任|出任|兼任|历任|加入|加盟|离开|创办|创立|创建|任职于|就职于|供职于")
_INVEST_ACTIVITY = re.compile(r"(?:独家|战略|联合|共同|财务|追加|跟进|领衔)$")


#: Titles from the word list only: a composed one ("霁川技术总监") would swallow the name before it.
_TITLE_FIXED = re.compile("|".join(re.escape(t) for t in sorted(vocab.TITLES_ZH, key=len, reverse=True)))


#: A rank that turns a department before it into a title ("技术副总裁", "数据负责人").
_RANK_AFTER = re.compile(r"(?:副总裁|VP|负责人|总监|总经理|主管)")
_ZH_SUFFIX_END = re.compile(f"(?:{_ZH_SUFFIX_RE.pattern})$")


def _inside_title(text: str, s0: int, s1: int) -> bool:
    """Is the suffix [s0, s1) the inside of a title that starts before it ("首席技术官", "数据官")?"""
    for i in range(max(0, s0 - 6), s0):
        title = _TITLE_FIXED.match(text, i)
        if title and title.end() > s1:
            return True
    return False


def _zh_suffix_occurrences(
    nt: NormText, gaz: list[Occurrence], dropped: list[tuple[str, str]]
) -> list[Occurrence]:
    text = nt.text
    gaz_ends: dict[int, int] = {}
    gaz_by_start: dict[int, Occurrence] = {}
    covered: list[tuple[int, int]] = []
    for o in gaz:
        gaz_ends[o.end] = o.start
        gaz_by_start[o.start] = o
        covered.append((o.start, o.end))
    covered_set = _Intervals(covered)
    out: list[Occurrence] = []
    for s0, s1 in _suffix_spans(text):
        if covered_set.covers(s0, s1):
            continue  # the suffix is part of a known name
        suffix = text[s0:s1]
        if _inside_title(text, s0, s1):
            # "岫云金服首席技术官": the suffix is the middle of a title, not the end of a name
            continue
        activity = _INVEST_ACTIVITY.search(text, max(0, s0 - 2), s0) if suffix == "投资" else None
        if activity:
            # "独家投资", "战略投资": how an investor invests, not the end of its name
            dropped.append((text[activity.start() : s1], "generic description, not a name"))
            continue
        left, known_head = _left_boundary(text, s0, s1, gaz_ends)
        if not known_head:
            # "林澈曾任星岩科技": the name starts after the verb, also when jieba cut the verb in two
            # ("曾" + "任霁川")
            verbs = [m for m in _ROLE_VERB_INSIDE.finditer(text, max(0, left - 1), s0) if m.end() > left]
            if verbs:
                left = verbs[-1].end()
        if suffix in vocab.ZH_WEAK_SUFFIXES and _describes(text, s1):
            dropped.append((text[left:s1], "a description of a business, not a name"))
            continue
        name = text[left:s1]
        prefix = text[left:s0]
        if suffix in vocab.ZH_WEAK_SUFFIXES and _RANK_AFTER.match(text, s1) and _ZH_SUFFIX_END.search(prefix):
            # "砾岸数据技术副总裁": a department and a rank after a complete name, not a longer name
            dropped.append((name, "a name and the department of a title"))
            continue
        if suffix == "数据" and re.search(r"据\s*$", text[max(0, left - 3) : left]):
            # "据IT桔子数据": figures from a source, not a company called "...数据"
            dropped.append((name, "a source of figures, not a name"))
            continue
        if known_head:
            head = gaz_by_start[left]
            middle = text[head.end : s0]
            if suffix in vocab.LEGAL_FORMS_ZH and middle == "":
                out.append(
                    Occurrence(
                        left,
                        s1,
                        set(head.types),
                        "gazetteer+legal-form",
                        0.9,
                        key=head.key,
                        attrs=dict(head.attrs),
                    )
                )
                continue
            if suffix in vocab.ZH_WEAK_SUFFIXES and (not middle or not _name_like(middle)):
                dropped.append((name, f"a known name and ordinary words before '{suffix}'"))
                continue
        if len(prefix) < 2 or not any(is_cjk(c) or c.isalnum() for c in prefix):
            if prefix:
                dropped.append((name, "organisation suffix without a name before it"))
            continue
        if not known_head and _generic(prefix, suffix in vocab.ZH_WEAK_SUFFIXES):
            dropped.append((name, "generic description, not a name"))
            continue
        if not known_head and suffix in vocab.ZH_WEAK_SUFFIXES and not _name_like(prefix):
            dropped.append((name, f"ordinary words before '{suffix}', not a name"))
            continue
        suffix_type = vocab.ZH_SUFFIX_TYPES[suffix]
        types = {suffix_type}
        attrs: dict[str, Any] = {}
        if suffix_type in ("Investor", "StateOwnedFund", "Company"):
            state = _state_attrs(name, prefix, suffix_type)
            if (
                state
                and suffix_type != "Company"
                or state
                and any(k in name for k in ("国资", "国投", "国有资本"))
            ):
                types = {"StateOwnedFund"}
                attrs.update(state)
        out.append(
            Occurrence(
                left, s1, types, "suffix", 0.7 if suffix not in vocab.ZH_WEAK_SUFFIXES else 0.6, attrs=attrs
            )
        )
    return out


#: After a weak suffix, words that make it a description ("车规芯片业务", "芯片公司岚峰半导体").
_DESCRIBED_THING = re.compile(r"(?:业务|领域|行业|赛道|板块|方向|产业|市场|事业部|部门|研发|方案|产品线)")
#: A reporting verb right after a weak suffix makes it a source, not a name ("IT桔子数据显示").
_REPORTED_BY = re.compile(r"(?:显示|表明|统计|称)")
_DESCRIPTOR_NOUN = re.compile(r"(?:公司|企业|厂商|厂|创企|独角兽|龙头)")


def _describes(text: str, end: int) -> bool:
    """Is the name candidate ending at `end` a description: followed by a business noun, or by
    公司/厂商 and then another name ("苏州车规芯片公司岚峰半导体")?"""
    if _DESCRIBED_THING.match(text, end) or _REPORTED_BY.match(text, end):
        return True
    m = _DESCRIPTOR_NOUN.match(text, end)
    if not m:
        return False
    after = _pos(text[m.end() : m.end() + 8])
    return bool(after) and (after[0][1] in vocab.PROPER_FLAGS or (len(after[0][0]) == 1 and after[0][1] == "nr"))


class _Intervals:
    """A small sorted set of ranges with a 'does anything overlap/cover [a, b)' query."""

    def __init__(self, ranges: Iterable[tuple[int, int]] = ()) -> None:
        self.ranges = sorted(ranges)
        self.starts = [r[0] for r in self.ranges]

    def _near(self, a: int, b: int) -> Iterable[tuple[int, int]]:
        import bisect

        i = bisect.bisect_right(self.starts, b)
        # ranges are short, so looking back a little is enough
        for j in range(max(0, i - 64), i):
            yield self.ranges[j]

    def overlaps(self, a: int, b: int) -> bool:
        return any(s < b and a < e for s, e in self._near(a, b))

    def covers(self, a: int, b: int) -> bool:
        return any(s <= a and b <= e for s, e in self._near(a, b))

    def add(self, a: int, b: int) -> None:
        import bisect

        i = bisect.bisect_left(self.starts, a)
        self.starts.insert(i, a)
        self.ranges.insert(i, (a, b))


# -- organisation suffixes (English) -------------------------------------------------------------

_EN_TOKEN = r"(?:[A-Z][A-Za-z0-9&'’.\-]*|[0-9]+[A-Za-z][A-Za-z0-9]*)"
_EN_SUFFIX_ALT = "|".join(re.escape(s) for s in sorted(vocab.EN_SUFFIX_TYPES, key=len, reverse=True))
_EN_ORG_RE = re.compile(
    rf"(?<![A-Za-z0-9])(?P<name>{_EN_TOKEN}(?:[ \t]+(?:(?:of|for|de|&)[ \t]+)?{_EN_TOKEN})*)[ \t]+"
    rf"(?P<suffix>{_EN_SUFFIX_ALT})(?:[ \t]+of[ \t]+(?P<field>Technology|Science|Sciences|Science and Technology))?"
    rf"(?![A-Za-z0-9])"
)
_EN_LEADING_STOP = vocab.EN_NAME_STOP - {
    "Capital",
    "Ventures",
    "Partners",
    "Group",
    "Holdings",
    "Fund",
    "Investment",
    "Investments",
    "Management",
    "Technology",
    "Technologies",
    "AI",
    "Labs",
    "Hong",
    "Kong",
    "Beijing",
    "Shanghai",
    "Shenzhen",
    "Hangzhou",
    "Singapore",
    "China",
    "Chinese",
    "New",
    "State",
    "Global",
    "International",
    "Asia",
    "Pacific",
    "America",
    "American",
    "United",
    "States",
    "Tech",
    "Research",
    "Market",
    "Stock",
    "Government",
}
_EN_DESCRIPTOR = re.compile(
    r"-(?:based|listed|backed|owned|headquartered|registered|focused|born|made)$|['’]s$"
)
_EN_LEADING_STOP = _EN_LEADING_STOP | {"Chinese", "China's", "State-owned", "State-backed", "US", "U.S."}


def _en_suffix_occurrences(
    nt: NormText, gaz: list[Occurrence], dropped: list[tuple[str, str]]
) -> list[Occurrence]:
    text = nt.text
    covered = _Intervals((o.start, o.end) for o in gaz)
    gaz_by_start = {o.start: o for o in gaz}
    out: list[Occurrence] = []
    for m in _EN_ORG_RE.finditer(text):
        start, end = m.start("name"), m.end()  # "Institute of Technology": the field is part of it
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
        if k == len(tokens):
            if tokens:
                dropped.append((text[start:end], "no name before the organisation suffix"))
            continue
        start += tokens[k].start()
        # a known name inside the candidate: keep only what follows it, unless it is the head
        inner = [o for o in gaz if start < o.end <= end and o.start >= start]
        head = gaz_by_start.get(start)
        if covered.covers(start, end):
            continue
        if inner and (head is None or any(o is not head for o in inner)):
            last = max(inner, key=lambda o: o.end)
            if last.end >= m.start("suffix"):
                continue
            start = last.end
            while start < end and text[start] == " ":
                start += 1
            if start >= m.start("suffix"):
                continue
        name = text[start:end]
        if (
            head is not None
            and suffix.lower() in vocab.LEGAL_FORMS_EN
            and text[head.end : m.start("suffix")].strip() == ""
        ):
            out.append(
                Occurrence(
                    start,
                    end,
                    set(head.types),
                    "gazetteer+legal-form",
                    0.9,
                    key=head.key,
                    attrs=dict(head.attrs),
                )
            )
            continue
        suffix_type = vocab.EN_SUFFIX_TYPES[suffix]
        types = {suffix_type}
        attrs: dict[str, Any] = {}
        if suffix_type in ("Investor", "Company") and vocab.STATE_MARKERS_EN.search(name):
            types = {"StateOwnedFund"}
            attrs["investor_kind"] = "guidance_fund" if re.search(r"fund", name, re.I) else "state_platform"
            for en, level in vocab.REGIONS.values():
                if name.startswith(en + " "):
                    attrs.update(region=en, gov_level=level)
                    break
        out.append(Occurrence(start, end, types, "suffix", 0.65, attrs=attrs))
    return out


# -- people --------------------------------------------------------------------------------------

_TITLE_ZH_ALT = "|".join(re.escape(t) for t in sorted(vocab.TITLES_ZH, key=len, reverse=True))
TITLE_ZH_RE = rf"(?:{_TITLE_ZH_ALT}|{vocab.TITLE_ZH_COMPOSED})"
TITLES_ZH_RE = rf"{TITLE_ZH_RE}(?:\s*(?:兼|、|和|及|/)\s*{TITLE_ZH_RE})*"
_TITLE_EN_ALT = "|".join(re.escape(t) for t in sorted(vocab.TITLES_EN, key=len, reverse=True))
TITLE_EN_RE = rf"(?i:{_TITLE_EN_ALT})"
TITLES_EN_RE = rf"{TITLE_EN_RE}(?:(?:\s*,\s*|\s+and\s+|\s*&\s*|\s*/\s*){TITLE_EN_RE})*"

_ZH_AFTER_TITLE = re.compile(rf"(?:{TITLES_ZH_RE})\s*(?:——|—|–|:)?\s*(?=[\u4e00-\u9fff])", re.IGNORECASE)
_ZH_BEFORE_BRACKET_TITLE = re.compile(
    rf"(?<=[\u4e00-\u9fff])\s*\(\s*(?:前|原|现任)?\s*(?:{TITLES_ZH_RE})\s*\)"
)
_ZH_BEFORE_COMMA_TITLE = re.compile(
    rf"(?<=[\u4e00-\u9fff])\s*,\s*(?:前|原|现任|曾任)?[^,。;!?\n]{{0,24}}?(?:{TITLES_ZH_RE})(?=[,。;、)]|$)"
)
_ZH_BEFORE_VERB = re.compile(
    r"(?<=[\u4e00-\u9fff])(?:已|已经|正式|近日|日前|早已|也|则|还|于|在)?"
    r"(?:\d{4}年)?(?:联合|共同)?(?:创立|创办|创建|离职|出走|加入|加盟|出任|担任|离开|卸任|辞任|辞去)"
)
_ZH_PERSON_CUE = re.compile(
    r"创立|创办|创建|离职|出走|加入|加盟|出任|担任|现任|接任|离开|卸任|辞任|辞去|表示|透露|认为|"
    r"介绍|指出|坦言|直言|回应|强调|称"
)


def _zh_names_before_cues(text: str, taken: _Intervals) -> list[tuple[int, int, float]]:
    """People named just before a verb people do (found, join, leave, say): jieba's person tag."""
    out = []
    for m in _ZH_PERSON_CUE.finditer(text):
        begin = m.start()
        while begin > 0 and m.start() - begin < 14 and text[begin - 1] not in ',。;:!?、()“”"\n ':
            begin -= 1
        if m.start() - begin < 2:
            continue
        tokens = _pos(text[begin : m.start()])
        for k in range(len(tokens) - 1, -1, -1):
            word, flag, start = tokens[k]
            span = None
            if (
                flag.startswith("nr")
                and 2 <= len(word) <= 4
                and word not in vocab.NOT_NAMES
                and (word[0] in vocab.SURNAMES_SINGLE or word[:2] in vocab.SURNAMES_DOUBLE)
            ):
                span = (begin + start, begin + start + len(word))
            elif k > 0 and 1 <= len(word) <= 2 and is_cjk(word[0]) and word not in vocab.NOT_NAMES:
                prev, pflag, pstart = tokens[k - 1]
                if (
                    len(prev) == 1
                    and pflag.startswith("nr")
                    and prev in vocab.SURNAMES_SINGLE
                    and flag not in vocab.ZH_STOP_FLAGS
                ):
                    span = (begin + pstart, begin + start + len(word))
            if span is not None:
                if not taken.overlaps(*span):
                    out.append((span[0], span[1], 0.6))
                break
    return out


_EN_NAME = r"[A-Z][a-z]+(?:-[A-Za-z][a-z]+)?(?:\s+[A-Z][a-z]+(?:-[A-Za-z][a-z]+)?){1,2}"
_EN_TITLE_THEN_NAME = re.compile(rf"(?<![A-Za-z])(?:{TITLE_EN_RE})\s+(?P<name>{_EN_NAME})(?![A-Za-z])")
_EN_NAME_THEN_TITLE = re.compile(
    rf"(?<![A-Za-z])(?P<name>{_EN_NAME})(?:\s*\([\u4e00-\u9fff·]{{2,5}}\))?,\s+(?i:the\s+|a\s+|an\s+|its\s+)?"
    r"(?:[A-Z][\w&.\-]*(?:\s[A-Z][\w&.\-]*){0,3}['’]s\s+)?(?i:former\s+|then\s+|current\s+|ex-)?"
    # "a former Harlow Institute of Technology researcher": the employer between "former" and the title
    r"(?:[A-Z][\w&.\-]*(?:\s(?:of\s|for\s)?[A-Z][\w&.\-]*){0,4}\s+)?"
    rf"(?:[a-z][\w-]*\s+)??(?:{TITLE_EN_RE})(?![A-Za-z])"
)
#: "Brightwater Dynamics alumni Marcus Ellery and Tobias Renn", "Quillfeather veteran Naomi Achterberg":
#: people named after a word that says where they worked before.
_EN_ALUMNI_NAMES = re.compile(
    rf"(?<![A-Za-z])(?i:alumni|alumnus|alumna|veterans?)\s+(?P<name>{_EN_NAME})(?![A-Za-z])"
    rf"(?P<more>(?:(?:\s*,\s*(?:and\s+)?|\s+and\s+){_EN_NAME}(?![A-Za-z]))*)"
)
_EN_FUNDING_NEAR = re.compile(r"(?i:round|financing|funding|investment|raise|series|stake|deal)")
_EN_NAME_WHO = re.compile(
    rf"(?<![A-Za-z])(?P<name>{_EN_NAME})(?:\s*\([\u4e00-\u9fff·]{{2,5}}\))?,\s+who\s+(?:(?:previously|formerly|once|had|has|also)\s+)*"
    r"(?:worked|served|was|led|ran|headed|left|joined|founded|co-founded|spent)\b"
)
_EN_BY_NAME = re.compile(
    rf"(?i:founded|co-founded|started|led|established)\s+(?:in\s+(?:early\s+|late\s+)?\d{{4}}\s+)?"
    rf"by\s+(?i:former\s+|ex-)?"
    # "founded by former Corvane Systems engineering chief Daniel Okafor": employer and title first
    rf"(?:(?:[A-Z][\w&.\-]*\s+){{0,4}}(?:[a-z][\w-]*\s+){{0,2}}(?:{TITLE_EN_RE})s?\s+)?"
    rf"(?P<name>{_EN_NAME})(?![A-Za-z])"
    # "... by former Brackwater Systems executives Hana Oduya and Piet Kramer": the others named with
    # them, a list only when "and" closes it ("X, Hangzhou-based B" names no second person)
    rf"(?P<more>(?:\s*,\s*{_EN_NAME}(?![A-Za-z]))*,?\s+and\s+{_EN_NAME}(?![A-Za-z]))?"
)
_EN_NAME_THEN_VERB = re.compile(
    rf"(?<![A-Za-z])(?P<name>{_EN_NAME})(?:\s*\([\u4e00-\u9fff·]{{2,5}}\))?\s+(?:has\s+|had\s+)?(?:co-?founded|founded|left|joined|resigned|"
    rf"stepped down|quit)\b"
)


def _zh_name_after(text: str, pos: int) -> tuple[int, int, float] | None:
    """A Chinese personal name starting at `pos` (after a title), with a confidence."""
    window = text[pos : pos + 8]
    cut = re.match(r"[\u4e00-\u9fff·]+", window)
    if not cut:
        return None
    window = cut.group(0)
    tokens = _pos(window + "。")
    if not tokens:
        return None
    word, flag, _ = tokens[0]
    if word in vocab.NOT_NAMES:
        return None
    if flag.startswith("nr") and 2 <= len(word) <= 4:
        return pos, pos + len(word), 0.8
    if len(word) == 1 and word in vocab.SURNAMES_SINGLE and len(tokens) > 1:
        nxt, nflag, _ = tokens[1]
        if (
            1 <= len(nxt) <= 2
            and nxt not in vocab.NOT_NAMES
            and nflag not in vocab.ZH_STOP_FLAGS
            and is_cjk(nxt[0])
        ):
            return pos, pos + 1 + len(nxt), 0.7
    if (
        2 <= len(word) <= 3
        and (word[0] in vocab.SURNAMES_SINGLE or word[:2] in vocab.SURNAMES_DOUBLE)
        and (flag in vocab.PROPER_FLAGS or _freq(word) < 50)
    ):
        return pos, pos + len(word), 0.6
    return None


def _zh_name_before(text: str, end: int, strict: bool) -> tuple[int, int, float] | None:
    """A Chinese personal name ending at `end` (before a bracketed title, a comma or a verb)."""
    begin = end
    while begin > 0 and end - begin < 8 and is_cjk(text[begin - 1]):
        begin -= 1
    if end - begin < 2:
        return None
    tokens = _pos(text[begin:end])
    if not tokens:
        return None
    word, flag, start = tokens[-1]
    if flag.startswith("nr") and 2 <= len(word) <= 4 and word not in vocab.NOT_NAMES:
        return begin + start, end, 0.75
    if len(tokens) >= 2:
        prev, pflag, pstart = tokens[-2]
        if len(prev) == 1 and prev in vocab.SURNAMES_SINGLE and len(word) <= 2 and pflag.startswith("nr"):
            return begin + pstart, end, 0.7
    if (
        not strict
        and 2 <= len(word) <= 3
        and word[0] in vocab.SURNAMES_SINGLE
        and (flag in vocab.PROPER_FLAGS or _freq(word) < 50)
    ):
        return begin + start, end, 0.55
    return None


def _en_name_ok(name: str) -> bool:
    parts = re.split(r"\s+", name)
    return not any(p in vocab.EN_NAME_STOP for p in parts)


_ZH_BEFORE_ROLE_VERB = re.compile(
    rf"(?<=[\u4e00-\u9fff])(?=(?:曾任|现任|曾担任|现担任|担任|是|系|为|曾是)[^,。;!?\n]{{1,24}}?"
    rf"(?:{TITLES_ZH_RE})(?:[,。;、!?]|$|一职))"
)
_ZH_FOUNDERS = re.compile(
    r"由(?P<a>[\u4e00-\u9fff]{2,3})(?:和|、|与|及)(?P<b>[\u4e00-\u9fff]{2,3}?)"
    r"(?=(?:于[^,。;]{1,10}?)?(?:联合|共同|一起)?(?:创立|创办|创建|成立))"
)


def _surname_name(text: str, s: int, e: int) -> tuple[int, int, float] | None:
    """A two- or three-character name starting with a surname, in a context that calls for a person."""
    word = text[s:e]
    surname = word[0] in vocab.SURNAMES_SINGLE or word[:2] in vocab.SURNAMES_DOUBLE
    if 2 <= len(word) <= 3 and surname and word not in vocab.NOT_NAMES:
        return s, e, 0.6
    return None


#: "年" right after a two-character name is the name's last character unless a time word goes on
#: ("年初", "年底", "年内", "年薪").
_NIAN_GIVEN = re.compile(r"年(?![初底中末前后内来代度级纪龄薪终])")


def _person_occurrences(nt: NormText, taken: _Intervals) -> list[Occurrence]:
    text = nt.text
    found: dict[tuple[int, int], float] = {}

    def propose(span: tuple[int, int, float] | None) -> None:
        if span is None:
            return
        s, e, conf = span
        if e - s == 2 and _NIAN_GIVEN.match(text, e) and not (s and text[s - 1].isdigit()):
            e += 1  # "殷鹤年": jieba reads the given name's 年 as a year, but no number comes before it
        if taken.overlaps(s, e):
            return
        if found.get((s, e), 0) < conf:
            found[(s, e)] = conf

    for m in _ZH_AFTER_TITLE.finditer(text):
        propose(_zh_name_after(text, m.end()))
    for m in _ZH_BEFORE_BRACKET_TITLE.finditer(text):
        propose(_zh_name_before(text, m.start(), strict=False))
    for m in _ZH_BEFORE_COMMA_TITLE.finditer(text):
        propose(_zh_name_before(text, m.start(), strict=True))
    for m in _ZH_BEFORE_VERB.finditer(text):
        propose(_zh_name_before(text, m.start(), strict=True))
    for span in _zh_names_before_cues(text, taken):
        propose(span)
    for m in _ZH_BEFORE_ROLE_VERB.finditer(text):
        span = _zh_name_before(text, m.start(), strict=False)
        if span and (span[0] == 0 or not is_cjk(text[span[0] - 1])):
            propose(span)  # a name that starts its clause: "林澈是X的联合创始人", "林澈曾任X副总裁"
    for m in _ZH_FOUNDERS.finditer(text):
        propose(_surname_name(text, *m.span("a")))
        propose(_surname_name(text, *m.span("b")))
    for m in _EN_ALUMNI_NAMES.finditer(text):
        names = [(m.start("name"), m.end("name"))]
        names += [(m.start("more") + k.start(), m.start("more") + k.end())
                  for k in re.finditer(_EN_NAME, m.group("more"))]
        for s, e in names:
            if _en_name_ok(text[s:e]):
                propose((s, e, 0.7))
    for regex in (_EN_TITLE_THEN_NAME, _EN_NAME_THEN_TITLE, _EN_NAME_THEN_VERB, _EN_BY_NAME, _EN_NAME_WHO):
        for m in regex.finditer(text):
            name = m.group("name")
            if regex is _EN_BY_NAME and m.group(0)[:3].lower() == "led" and _EN_FUNDING_NEAR.search(
                text, max(0, m.start() - 80), m.start()
            ):
                continue  # "a round led by Harbor Peak": an investor, not a person
            if _en_name_ok(name):
                propose((m.start("name"), m.end("name"), 0.7))
            if regex is _EN_BY_NAME and m.group("more"):
                for k in re.finditer(_EN_NAME, m.group("more")):
                    if _en_name_ok(k.group(0)):
                        propose((m.start("more") + k.start(), m.start("more") + k.end(), 0.7))
    return [Occurrence(s, e, {"Person"}, "role-context", conf) for (s, e), conf in sorted(found.items())]


# -- products ------------------------------------------------------------------------------------

_PRODUCT_RE = re.compile(
    r"(?<![A-Za-z0-9.\-])(?P<p>[A-Z][A-Za-z]*(?:-[A-Za-z]+)*-?[A-Za-z]?\d+(?:\.\d+)*[A-Za-z]*(?:-[A-Za-z0-9]+)*)"
    r"(?![A-Za-z0-9\-]|\.\d)"
)
_PRODUCT_BEFORE = re.compile(
    r"(?:推出|发布|上线|开源|旗下|的|模型|大模型|产品|launched|released|unveiled|model|its)"
    r"\s*(?:了|新一代|最新|新版|旗舰)?\s*$",
    re.IGNORECASE,
)
_PRODUCT_AFTER = re.compile(r"^\s*(?:模型|大模型|系列|model|models)", re.IGNORECASE)


def _product_occurrences(nt: NormText) -> list[Occurrence]:
    text = nt.text
    out = []
    for m in _PRODUCT_RE.finditer(text):
        name = m.group("p")
        if re.fullmatch(r"[A-Z]\d+|Q\d|H\d+|[A-Z]{1,2}\d{1,2}", name) or re.search(r"\d{4,}", name):
            continue  # a round (A1), a quarter (Q3), a chip code or a year, not a product
        before = text[max(0, m.start() - 8) : m.start()]
        after = text[m.end() : m.end() + 6]
        if _PRODUCT_BEFORE.search(before) or _PRODUCT_AFTER.match(after):
            out.append(Occurrence(m.start(), m.end(), {"Product"}, "product-pattern", 0.6))
    return out


# -- pairings and list members -------------------------------------------------------------------

_ALIAS_AFTER = re.compile(
    r"\s*\(\s*(?:以下简称|以下称|下称|简称|hereinafter(?:\s+referred\s+to\s+as)?|or)?\s*[:：]?\s*[“\"「']?"
    r"(?P<alias>[^()“”\"「」'\n,;。]{1,40}?)[”\"」']?"
    r"(?:\s*[,;]\s*(?:\d{4,6}\.[A-Z]{2}|[A-Z]{2,6}:\s*[A-Z0-9.]+|\d{4,6}))?\s*\)"
)
_TICKER_ALIAS = re.compile(
    r"^(?:\d{4,6}(?:\.[A-Z]{2})?|[A-Z]{1,5}:\s*[A-Z0-9.]+|NASDAQ|NYSE|HKEX)$", re.IGNORECASE
)
_NOT_ALIAS_WORDS = re.compile(
    r"旗下|控股|持股|子公司|母公司|简称$|前身|现名|原名|曾用名|"
    + TITLE_ZH_RE
    + r"|\d{4}年|%|opens new tab|formerly|known as",
    re.IGNORECASE,
)


def _alias_candidates(nt: NormText, occs: list[Occurrence]) -> list[tuple[Occurrence, int, int]]:
    """(occurrence, alias start, alias end) for "X (Y)" and "X(以下简称“Y”)" pairings."""
    text = nt.text
    out = []
    for o in occs:
        m = _ALIAS_AFTER.match(text, o.end)
        if not m:
            continue
        alias = m.group("alias").strip()
        a_start = m.start("alias") + (len(m.group("alias")) - len(m.group("alias").lstrip()))
        a_end = a_start + len(alias)
        if not alias or _TICKER_ALIAS.match(alias) or _NOT_ALIAS_WORDS.search(alias):
            continue
        root = root_of(o.types)
        cjk = sum(is_cjk(c) for c in alias)
        if root == "Person":
            ok = (2 <= cjk == len(alias) <= 4) or bool(re.fullmatch(_EN_NAME, alias))
        elif cjk:
            ok = 2 <= len(alias) <= 16 and not re.search(r"[的了是在将和与]", alias)
        else:
            ok = bool(re.fullmatch(r"[A-Z0-9][\w.&'’\- ]{0,38}", alias)) and len(alias.split()) <= 5
        if ok:
            out.append((o, a_start, a_end))
    return out


_LIST_SEP = re.compile(r"\s*、\s*")


def _list_member_occurrences(
    nt: NormText, sentences: list[Sentence], occs: list[Occurrence]
) -> list[Occurrence]:
    """Unknown members of a 、-list whose other members are organisations ("A、B、Northgate SPC、C等")."""
    text = nt.text
    org_ranges = sorted((o.start, o.end) for o in occs if root_of(o.types) == "Organization")
    taken = _Intervals((o.start, o.end) for o in occs)
    out: list[Occurrence] = []
    for sent in sentences:
        s_text = text[sent.start : sent.end]
        if "、" not in s_text:
            continue
        orgs_here = [(s, e) for s, e in org_ranges if sent.start <= s and e <= sent.end]
        if len(orgs_here) < 2:
            continue
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
                out.append(Occurrence(cs, ce, {"Organization"}, "list-member", 0.5))
    return out


# -- selection and grouping ----------------------------------------------------------------------


def _select(cands: list[Occurrence]) -> list[Occurrence]:
    """Non-overlapping occurrences, longest first; ties go to the more trusted method."""
    order = sorted(cands, key=lambda o: (-o.length, -_PRIORITY.get(o.method, 0), -o.confidence, o.start))
    chosen: list[Occurrence] = []
    taken = _Intervals()
    for o in order:
        if o.length <= 0 or taken.overlaps(o.start, o.end):
            continue
        taken.add(o.start, o.end)
        chosen.append(o)
    return sorted(chosen, key=lambda o: o.start)


_LEGAL_TAIL_ZH = re.compile(
    r"(?:\([\u4e00-\u9fff]{2,3}\))?(?:(?:科技|技术|智能|信息|网络)?(?:股份有限公司|有限责任公司|"
    r"有限公司)|集团(?:股份)?有限公司|控股有限公司)$"
)
_INDUSTRY_TAIL_ZH = re.compile(r"(?:科技|技术|智能|信息技术|网络|人工智能|机器人|半导体|电子)$")
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
)
_EN_PLACES = frozenset(en for en, _level in vocab.REGIONS.values())


def short_forms(name: str) -> list[str]:
    """Shorter names a text may use for an organisation after naming it in full.

    "杭州澄湖科技有限公司" -> "杭州澄湖科技", "澄湖科技", "澄湖"; "Lumora AI" -> "Lumora".
    """
    out: list[str] = []
    if any(is_cjk(c) for c in name):
        core = _LEGAL_TAIL_ZH.sub("", name)
        if core != name and len(core) >= 2:
            out.append(core)
            m = re.match(rf"(?:{_REGION_RE.pattern})(?:市|省)?", core)
            if m and len(core) - m.end() >= 2:
                core = core[m.end() :]
                out.append(core)
            industry = _INDUSTRY_TAIL_ZH.search(core)
            if industry and industry.start() >= 2:
                out.append(core[: industry.start()])
        return [f for f in dict.fromkeys(out) if f != name]
    tokens = name.split()
    while len(tokens) >= 2 and tokens[-1] in _EN_SHORTENABLE:
        tokens = tokens[:-1]
        short = " ".join(tokens)
        if (
            len(short) >= 4
            and short[0].isupper()
            and short not in vocab.EN_NAME_STOP
            and short not in _EN_PLACES
        ):
            out.append(short)
    return out


def _repeat_occurrences(nt: NormText, occs: list[Occurrence]) -> list[Occurrence]:
    """Other occurrences of names first found by a pattern (a person named once by title), and the
    short forms of organisation names ("澄湖科技" after "杭州澄湖科技有限公司")."""
    names: dict[str, Occurrence] = {}
    for o in occs:
        if o.inferred:
            continue
        surface = nt.text[o.start : o.end]
        forms = [] if o.key else [surface]
        if root_of(o.types) == "Organization":
            forms += short_forms(surface)
        for form in forms:
            folded = matching_form(form)
            latin = all(c.isascii() for c in folded)
            if len(folded) < (3 if latin else 2):
                continue
            names.setdefault(folded, o)
    if not names:
        return []
    regex = re.compile(_trie_regex(_build_trie(sorted(names))))
    folded_text = matching_form(nt.text)
    taken = _Intervals((o.start, o.end) for o in occs)
    out = []
    for m in regex.finditer(folded_text):
        s, e = m.start(), m.end()
        if e == s or taken.overlaps(s, e):
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
        if root_of(o.types) != "Organization" or o.inferred:
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
    "investor-list": "Investor",
    "subject": "Company",
    "title-apposition": "Company",
    "former-employer": "Company",
    "quoted-brand": "Company",
    "latin-brand": "Company",
}


def _context_occurrences(nt: NormText, chosen: list[Occurrence]) -> list[Occurrence]:
    """Organisations found by the role they play (`kg.extract.context`), where nothing else is."""
    from kg.extract.context import context_org_spans

    taken = _Intervals((o.start, o.end) for o in chosen)
    # a word of a person's name ("Lin" of "Lin Che") is that person, not a company
    person_words = {
        w for o in chosen if root_of(o.types) == "Person" for w in nt.text[o.start : o.end].split()
    }
    out = []
    for s, e, cue, conf in context_org_spans(nt.text):
        if nt.text[s:e] in person_words:
            continue
        if not taken.overlaps(s, e):
            if cue == "product":
                types = {"Product"}
            else:
                types = {"Organization", _CONTEXT_TYPE[cue]} if cue in _CONTEXT_TYPE else {"Organization"}
            out.append(Occurrence(s, e, types, f"context:{cue}", conf))
    return out


_TITLE_AHEAD = re.compile(rf"\s*(?:{TITLES_ZH_RE})", re.IGNORECASE)


def _drop_former_prefix(text: str, occs: list[Occurrence]) -> None:
    """"前星岩科技副总裁": the 前 (former) of a title is not the first character of the name."""
    for o in occs:
        if (
            o.key is None
            and o.length >= 3
            and text[o.start] in "前原"
            and root_of(o.types) == "Organization"
            and _TITLE_AHEAD.match(text, o.end)
        ):
            o.start += 1


_EN_SURNAME_CONTEXT = re.compile(
    r"\s*(?:,\s+(?:the|a|an|its|who)\b|said|says|told|added|noted|wrote|declined|founded|co-founded|left|joined|"
    r"quit|started|launched|departed)"
)


def _en_surname_mentions(text: str, occs: list[Occurrence]) -> list[tuple[Occurrence, Occurrence]]:
    """Later mentions of an English-written person by one part of the name ("Zhou, the company's
    chairman" after "Zhou Qihang"), when only one person of the article has that part and the word
    stands where a person does (before ", the ...", "said", "told" ...)."""
    owners: dict[str, list[Occurrence]] = {}
    for o in occs:
        if root_of(o.types) != "Person":
            continue
        words = text[o.start : o.end].split()
        if len(words) < 2 or not all(w[:1].isupper() and w.isascii() for w in words):
            continue
        for w in {words[0], words[-1]}:
            if len(w) >= 2 and w not in vocab.EN_NAME_STOP:
                bucket = owners.setdefault(w, [])
                if all(text[b.start : b.end] != text[o.start : o.end] for b in bucket):
                    bucket.append(o)
    taken = _Intervals((o.start, o.end) for o in occs)
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
            out.append((persons[0], Occurrence(s, e, {"Person"}, "repeat", 0.6)))
            taken.add(s, e)
    return out


def find_occurrences(
    nt: NormText,
    sentences: list[Sentence],
    gazetteer: Gazetteer,
    dropped: list[tuple[str, str]],
) -> tuple[list[Occurrence], list[tuple[int, int]]]:
    """All entity occurrences in the article and the pairs of occurrence indices that are one entity."""
    gaz = _gazetteer_occurrences(nt, gazetteer)
    cands = list(gaz)
    cands += _zh_suffix_occurrences(nt, gaz, dropped)
    cands += _en_suffix_occurrences(nt, gaz, dropped)
    cands += _product_occurrences(nt)
    first = _select(cands)
    cands += _person_occurrences(nt, _Intervals((o.start, o.end) for o in first))
    chosen = _select(cands)
    chosen = _select(chosen + _context_occurrences(nt, chosen))
    _drop_former_prefix(nt.text, chosen)
    # names found by context anywhere are names everywhere, before pairings are read
    chosen = _select(chosen + _repeat_occurrences(nt, chosen))
    chosen = _select(chosen + _list_member_occurrences(nt, sentences, chosen))
    # pairings: the alias becomes an occurrence of the same entity
    pairs_by_span: list[tuple[tuple[int, int], tuple[int, int]]] = []
    extra: list[Occurrence] = []
    taken = _Intervals((o.start, o.end) for o in chosen)
    for o, a_start, a_end in _alias_candidates(nt, chosen):
        pairs_by_span.append(((o.start, o.end), (a_start, a_end)))
        if not taken.overlaps(a_start, a_end):
            extra.append(Occurrence(a_start, a_end, set(o.types), "alias", 0.8, attrs=dict(o.attrs)))
            taken.add(a_start, a_end)
    chosen = sorted(chosen + extra, key=lambda o: o.start)
    chosen = _select(chosen + _repeat_occurrences(nt, chosen))
    surnames = _en_surname_mentions(nt.text, chosen)
    pairs_by_span += [((full.start, full.end), (o.start, o.end)) for full, o in surnames]
    chosen = _select(chosen + [o for _full, o in surnames])
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
        labels = [(root_of(o.types), normalize_name(nt.text[o.start : o.end]))]
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
