"""People found by role context: a title before a name, a bracketed title after one, "Name, founder
of ...", "founded by former X chief Name", with jieba's person tag or a surname to confirm a
Chinese name."""

from __future__ import annotations

import re
from collections import Counter

from kg.extract import vocab
from kg.extract.mentions.base import TITLE_EN_ALT, TITLE_ZH_ALT, Intervals, Occurrence, pos_window, word_freq
from kg.extract.prefilter import guarded
from kg.extract.text import NormText, is_cjk
from kg.terms import C

# -- people --------------------------------------------------------------------------------------

#: (a co-holder's title: "共同营运长", "联席CEO")
TITLE_ZH_RE = rf"(?:共同|联席)?(?:{TITLE_ZH_ALT}|{vocab.TITLE_ZH_COMPOSED})"
TITLES_ZH_RE = rf"{TITLE_ZH_RE}(?:\s*(?:兼|暨|、|和|及|/)\s*{TITLE_ZH_RE})*"
TITLE_EN_RE = rf"(?i:{TITLE_EN_ALT})"
TITLES_EN_RE = rf"{TITLE_EN_RE}(?:(?:\s*,\s*|\s+and\s+|\s*&\s*|\s*/\s*){TITLE_EN_RE})*"

_ZH_AFTER_TITLE = re.compile(
    # "星衡智能创始人兼CEO为陈屿白": the name after 为/是 names who holds the title
    rf"(?:{TITLES_ZH_RE})\s*(?:——|—|–|:|为|是|系|的)?\s*(?=[\u4e00-\u9fff])", re.IGNORECASE
)
_ZH_BEFORE_BRACKET_TITLE = re.compile(
    rf"(?<=[\u4e00-\u9fff])\s*\(\s*(?:前|原|现任)?\s*(?:{TITLES_ZH_RE})\s*\)"
)
_ZH_BEFORE_COMMA_TITLE = re.compile(
    rf"(?<=[\u4e00-\u9fff])\s*,\s*(?:前|原|现任|曾任)?[^,。;!?\n]{{0,24}}?(?:{TITLES_ZH_RE})(?=[,。;、)]|$)"
)
_ZH_BEFORE_VERB = guarded(re.compile(
    r"(?<=[\u4e00-\u9fff])(?:上个月|上月|本月|今年|去年|最近|近期|随后|后来)?"
    r"(?:已|已经|正式|近日|日前|早已|也|则|还|于|在){0,2}(?:宣布|宣告)?"
    r"(?:\d{4}年)?(?:联合|共同)?(?:创立|创办|创建|离职|去职|出走|加入|加盟|入职|转战|转投|跳槽|出任|担任|离开|卸任|辞任|辞去|退休|接替|接任|"
    r"履新|就任|升任|调任)"
    # "X宣布成立Y": founding announced by a person (a bare "成立" follows places and bodies too)
    r"|(?<=[\u4e00-\u9fff])(?:上个月|上月|本月|今年|去年|最近|近期|随后|后来)?(?:宣布|宣告)(?:正式)?成立"
    # "X的创业公司Y", "X创业公司“Y”": whose start-up it is
    r"|(?<=[\u4e00-\u9fff])(?:的)?(?:新)?(?:创业公司|初创公司|创业项目)"
))
#: "联合创始人包括赵明、李思远": the names listed after who the founders are
_ZH_FOUNDER_LIST = re.compile(
    r"(?:联合创始人|共同创始人|创始人|联合创办人|创办人|创始成员|创始团队成员|创始团队)\s*(?:还|也|则|分别)?\s*"
    r"(?:包括|包含|还有|有)\s*(?=[\u4e00-\u9fff])"
)
_ZH_LIST_SEP = re.compile(r"\s*(?:、|以及|和|及|与)\s*")
_ZH_PERSON_CUE = re.compile(
    r"创立|创办|创建|离职|去职|出走|加入|加盟|入职|转战|转投|跳槽|出任|担任|现任|接任|离开|卸任|辞任|辞去|退休|"
    r"表示|透露|认为|"
    r"介绍|指出|坦言|直言|回应|强调|称|"
    # a career or a schooling ("X此前曾在A工作", "X毕业于B")
    r"曾在|曾任|曾于|曾担任|毕业于|出生于|就读于|任职于|供职于"
)


def _zh_names_before_cues(text: str, taken: Intervals) -> list[tuple[int, int, float]]:
    """People named just before a verb people do (found, join, leave, say): jieba's person tag."""
    out = []
    for m in _ZH_PERSON_CUE.finditer(text):
        begin = m.start()
        while begin > 0 and m.start() - begin < 14 and text[begin - 1] not in ',。;:!?、()“”"\n ':
            begin -= 1
        if m.start() - begin < 2:
            continue
        tokens = pos_window(text[begin : m.start()])
        k = len(tokens) - 1
        while k >= 0:
            word, flag, start = tokens[k]
            span = None
            first = k
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
                    # jieba may read a surname opening the clause as a measure word ("张" + "平安"),
                    # or one after a conjunction as anything ("与" + "周" (week) + "明远")
                    and (pflag.startswith("nr") or (pstart == 0 and k == 1) or (k >= 2 and tokens[k - 2][0] in _JOINS))
                    and prev in vocab.SURNAMES_SINGLE
                    and flag not in vocab.ZH_STOP_FLAGS
                ):
                    span = (begin + pstart, begin + start + len(word))
                    first = k - 1
            if span is not None:
                if not taken.overlaps(*span):
                    out.append((span[0], span[1], 0.6))
                if first >= 2 and tokens[first - 1][0] in _JOINS:
                    k = first - 2  # "李航与周明远共同创办": the name before the conjunction too
                    continue
                break
            k -= 1
    return out


#: Words joining two people who do the same thing ("李航与周明远共同创办").
_JOINS = frozenset(["与", "和", "及", "、"])


#: How often a name must recur before recurrence alone, without a title or a cue, makes it a person.
_RECURRING_NAME_MIN = 3
#: How many of a recurring word's places are read to decide whether it is a name.
_RECURRING_SAMPLE = 32
_SURNAME_CLASS = "[" + "".join(sorted(vocab.SURNAMES_SINGLE)) + "]"


#: What follows the head of a company's name ("白桦" + "医疗", "星河" + "科技"): suffixes and trades.
_TRADE_WORDS = ("医疗", "医药", "药业", "生物", "科技", "智能", "汽车", "电子", "芯片", "半导体", "新能源", "能源",
                "数据", "网络", "软件", "资本", "创投", "基金", "集团", "控股", "股份")
_ORG_WORD_AHEAD = re.compile("|".join(sorted({*vocab.ZH_SUFFIX_TYPES, *_TRADE_WORDS}, key=lambda w: (-len(w), w))))


def _zh_recurring_names(text: str, taken: Intervals) -> list[tuple[int, int, float]]:
    """People an article is about, found by recurrence: a surname-initial word that jieba tags as a
    person name in most of at least three places.

    A feature on two founders names them a dozen times and rarely beside a title ("王兴大力支持王慧文创
    业"); no single cue finds them, but their recurrence under jieba's person tag does. Checking the
    tag at each place keeps ordinary words that start with a surname character ("高达", "万元") out.
    Only the first place is returned: the repeat step finds the others.
    """
    counts: Counter[str] = Counter()
    for length in (1, 2):  # characters after the surname
        counts.update(re.findall(rf"(?=({_SURNAME_CLASS}[\u4e00-\u9fff]{{{length}}}))", text))
    out = []
    for word, count in counts.items():
        if count < _RECURRING_NAME_MIN or word in vocab.NOT_NAMES:
            continue
        # the first places are evidence enough, and bound the cost when a text repeats one sentence
        sample: list[int] = []
        at = text.find(word)
        while at >= 0 and len(sample) < _RECURRING_SAMPLE:
            sample.append(at)
            at = text.find(word, at + 1)
        starts = sample
        if any(taken.overlaps(i, i + len(word)) for i in sample):
            continue  # part of a name found otherwise ("蓝驰" of "蓝驰创投"): its short form, not a person
        if sum(bool(_ORG_WORD_AHEAD.match(text, i + len(word))) for i in sample) * 2 > len(sample):
            continue  # "白桦医疗" again and again: the head of a company's name, not a person
        tagged = 0
        for i in sample:
            tokens = pos_window(text[max(0, i - 4) : i + len(word) + 4])
            offset = min(4, i)
            tagged += any(w == word and f.startswith("nr") and at == offset for w, f, at in tokens)
        if tagged * 2 <= len(sample) or tagged < _RECURRING_NAME_MIN:
            continue
        # one place is enough: the name is then found everywhere else as a repeat
        out.append((starts[0], starts[0] + len(word), 0.55))
    return out


EN_NAME = r"[A-Z][a-z]+(?:-[A-Za-z][a-z]+)?(?:\s+[A-Z][a-z]+(?:-[A-Za-z][a-z]+)?){1,2}"
_EN_TITLE_THEN_NAME = re.compile(
    rf"(?<![A-Za-z])(?:{TITLE_EN_RE}),?\s+(?P<name>{EN_NAME})(?![A-Za-z])"
    # "Former Huawei executive Wang Jun", "ByteDance veteran Li Hang": a past employer's staff member
    rf"|(?<![A-Za-z])(?:[A-Z][\w&.-]*\s+){{1,3}}?(?i:executive|engineer|scientist|researcher|veteran|employee|"
    rf"staffer|official|alumnus|manager)\s+(?P<name2>{EN_NAME})(?![A-Za-z])"
)
_EN_NAME_THEN_TITLE = re.compile(
    # "Chen Yubai, the company's chief executive", "Chen Yubai is the firm's founder"
    rf"(?<![A-Za-z])(?P<name>{EN_NAME})(?:\s*\([\u4e00-\u9fff·]{{2,5}}\))?(?:,|\s+(?:is|was|became|remains|has\s+been)"
    r"|,\s+who\s+(?:is|was))\s+(?i:the\s+|a\s+|an\s+|its\s+)?"
    r"(?:(?i:company|firm|group|startup)['’]s\s+)?"
    # ("Kestrel Robotics' co-founder": a plural's possessive is a bare apostrophe)
    r"(?:[A-Z][\w&.\-]*(?:\s[A-Z][\w&.\-]*){0,3}['’]s?\s+)?(?i:former\s+|then\s+|current\s+|ex-)?"
    # "a former Harlow Institute of Technology researcher": the employer between "former" and the title
    r"(?:[A-Z][\w&.\-]*(?:\s(?:of\s|for\s)?[A-Z][\w&.\-]*){0,4}\s+)?"
    rf"(?:[a-z][\w-]*\s+)??(?:{TITLE_EN_RE})(?![A-Za-z])"
)
#: "Brightwater Dynamics alumni Marcus Ellery and Tobias Renn", "Quillfeather veteran Naomi Achterberg":
#: people named after a word that says where they worked before.
_EN_ALUMNI_NAMES = re.compile(
    rf"(?<![A-Za-z])(?i:alumni|alumnus|alumna|veterans?)\s+(?P<name>{EN_NAME})(?![A-Za-z])"
    rf"(?P<more>(?:(?:\s*,\s*(?:and\s+)?|\s+and\s+){EN_NAME}(?![A-Za-z]))*)"
)
#: Who is appointed ("appointed Wang Liping as CTO", "named Wang Liping chief executive") and who
#: takes over ("Wang Liping will take over as CEO"): a title must follow, so "a firm named X" is no cue.
_EN_APPOINTED_NAME = re.compile(
    rf"(?<![A-Za-z])(?i:appointed|named|hired|promoted|tapped|picked|recruited|poached)\s+"
    rf"(?P<name>{EN_NAME})(?=\s+(?i:as\s+|its\s+|the\s+|new\s+|{TITLE_EN_RE}))"
    rf"|(?<![A-Za-z])(?P<name2>{EN_NAME})\s+(?i:will\s+|is\s+set\s+to\s+|is\s+to\s+)?(?i:take|took|takes)\s+over\s+as\b"
)
_EN_FUNDING_NEAR = re.compile(r"(?i:round|financing|funding|investment|raise|series|stake|deal)")
_EN_NAME_WHO = re.compile(
    rf"(?<![A-Za-z])(?P<name>{EN_NAME})(?:\s*\([\u4e00-\u9fff·]{{2,5}}\))?,\s+who\s+(?:(?:previously|formerly|once|had|has|also)\s+)*"
    r"(?:worked|served|serves|was|is|led|ran|headed|left|joined|founded|co-founded|spent|remains|became)\b"
)
#: A co-founder named after the company ("co-founded Photonix in 2015 with Wei Lang").
_EN_FOUNDED_WITH = re.compile(
    rf"(?i:co-founded|founded|started|set\s+up)\s+[^.;!?]{{1,50}}?\bwith\s+(?P<name>{EN_NAME})(?![A-Za-z])"
)
_EN_BY_NAME = re.compile(
    rf"(?i:founded|co-founded|started|led|established)\s+(?:(?:in\s+(?:early\s+|late\s+)?\d{{4}}|last\s+year|"
    rf"this\s+year|earlier\s+this\s+year|in\s+[A-Z][a-z]+(?:\s+\d{{4}})?)\s+)?"
    rf"by\s+(?i:former\s+|ex-)?"
    # "founded by former Corvane Systems engineering chief Daniel Okafor": employer and title first
    rf"(?:(?:[A-Z][\w&.\-]*\s+){{0,4}}(?:[a-z][\w-]*\s+){{0,2}}(?:{TITLE_EN_RE})s?\s+)?"
    rf"(?P<name>{EN_NAME})(?![A-Za-z])"
    # "... by former Brackwater Systems executives Hana Oduya and Piet Kramer": the others named with
    # them, a list only when "and" closes it ("X, Hangzhou-based B" names no second person)
    # (each perhaps after who they are: "by Chen Hao, a former Baidu executive, and Liu Yang")
    rf"(?:,\s+(?:a|an|the|its)\s[^,;()]{{1,80}}?(?=,\s*and\s))?"
    rf"(?P<more>(?:\s*,\s*{EN_NAME}(?![A-Za-z]))*,?\s+and\s+{EN_NAME}(?![A-Za-z]))?"
)
_EN_NAME_THEN_VERB = guarded(re.compile(
    # ("Zhou Li, 45, joined Kuaishou": an age in apposition may come between)
    rf"(?<![A-Za-z])(?P<name>{EN_NAME})(?:\s*\([\u4e00-\u9fff·]{{2,5}}\))?(?:,\s+\d{{2}},)?\s+(?:has\s+|had\s+)?"
    rf"(?:(?:recently|later|then|also|quietly|abruptly|officially)\s+)?(?:co-?founded|founded|started|left|joined|resigned|"
    rf"stepped down|quit|departed)\b"
    # "Chen Hao, formerly a vice president at Alibaba, …": an apposition of a past role
    rf"|(?<![A-Za-z])(?P<name2>{EN_NAME}),\s+(?:formerly|previously|once|until\s+recently)\s+(?:a|an|the)\s+"
    rf"(?:[\w-]+\s+){{0,3}}?(?:at|of|with)\s+[A-Z]"
))


def _zh_name_after(text: str, pos: int) -> tuple[int, int, float] | None:
    """A Chinese personal name starting at `pos` (after a title), with a confidence."""
    window = text[pos : pos + 8]
    cut = re.match(r"[\u4e00-\u9fff·]+", window)
    if not cut:
        return None
    window = cut.group(0)
    tokens = pos_window(window + "。")
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
        after = tokens[2] if len(tokens) > 2 else ("。", "x", 0)
        if (
            len(nxt) == 2
            and nxt not in vocab.NOT_NAMES
            and is_cjk(nxt[0])
            and (after[1][:1] in ("v", "d", "p", "c", "u", "x") or after[0] in _NAME_GLUED_TAIL)
        ):
            # "创始人张立新曾任": jieba reads the given name as an adverb (立新, "newly"); after a
            # title, a surname and two characters before a verb or adverb are a name
            return pos, pos + 3, 0.6
    if (
        2 <= len(word) <= 3
        and (word[0] in vocab.SURNAMES_SINGLE or word[:2] in vocab.SURNAMES_DOUBLE)
        and (flag in vocab.PROPER_FLAGS or word_freq(word) < 50)
    ):
        return pos, pos + len(word), 0.6
    if len(word) == 2 and word[0] in vocab.SURNAMES_SINGLE and len(tokens) > 2:
        # "董事会秘书黄家明介绍": jieba reads a common word (黄家, "the Huang family") and a lone
        # character; after a title, surname + two characters with a verb or particle next is a name
        third, third_flag, _ = tokens[1]
        after_flag = tokens[2][1]
        if (len(third) == 1 and third_flag in _THIRD_FLAGS and third not in _NOT_THIRD
                and after_flag[:1] in ("v", "u", "p", "c", "d", "x")):
            return pos, pos + 3, 0.55
    return None


def _zh_name_before(text: str, end: int, strict: bool) -> tuple[int, int, float] | None:
    """A Chinese personal name ending at `end` (before a bracketed title, a comma or a verb)."""
    begin = end
    while begin > 0 and end - begin < 8 and is_cjk(text[begin - 1]):
        begin -= 1
    if end - begin < 2:
        return None
    tokens = pos_window(text[begin:end])
    if not tokens:
        return None
    word, flag, start = tokens[-1]
    if (
        len(tokens) >= 2
        and len(word) <= 2
        and tokens[-2][0] in vocab.SURNAMES_SINGLE
        and tokens[-2][1].startswith("nr")
        and flag.startswith("nr")
        and word[0] not in vocab.SURNAMES_SINGLE
    ):
        return begin + tokens[-2][2], end, 0.75  # "朱" + "天宇": the surname jieba cut off stays
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
        and (flag in vocab.PROPER_FLAGS or word_freq(word) < 50)
    ):
        return begin + start, end, 0.55
    return None


#: Words that stop a name only at its start: "Jun" opens a date ("Jun 5"), but ends "Wang Jun".
_GIVEN_NAME_SYLLABLES = frozenset({"Jun", "May"})


def _en_name_ok(name: str) -> bool:
    parts = re.split(r"\s+", name)
    return not any(
        p in vocab.EN_NAME_STOP and not (i > 0 and p in _GIVEN_NAME_SYLLABLES) for i, p in enumerate(parts)
    )


def _en_name_trimmed(text: str, s: int, e: int) -> tuple[int, int] | None:
    """The name without the capitalised words that open its sentence ("When Chen Wei left…"): the
    pattern reads them as a first name, and rejecting the whole span would lose the person."""
    while (m := re.match(r"([A-Z][a-z]+)\s+", text[s:e])) and m.group(1) in vocab.EN_NAME_STOP:
        s += m.end()
    if " " not in text[s:e].strip() or not _en_name_ok(text[s:e]):
        return None
    return s, e


_ZH_BEFORE_ROLE_VERB = re.compile(
    rf"(?<=[\u4e00-\u9fff])(?=(?:曾任|现任|曾担任|现担任|担任|是|系|为|曾是)[^,。;!?\n]{{1,24}}?"
    rf"(?:{TITLES_ZH_RE})(?:[,。;、!?]|$|一职))"
)
_ZH_FOUNDERS = re.compile(
    # ("林书涵与周以安于2023年联合创办了X": the pair may open its clause too)
    r"(?:由|^|(?<=[,。;!?]))(?P<a>[\u4e00-\u9fff]{2,3})(?:和|、|与|及)(?P<b>[\u4e00-\u9fff]{2,3}?)"
    r"(?=(?:于[^,。;]{1,10}?)?(?:联合|共同|一起)?(?:创立|创办|创建|成立))"
)


#: "前产品负责人Seven(王京津)": the Chinese name in brackets after a title and an English given name.
_ZH_NAME_AFTER_EN_NICKNAME = re.compile(
    rf"(?:{TITLES_ZH_RE})\s*[A-Z][a-z]{{1,12}}\s*\(\s*(?P<zh>[\u4e00-\u9fff]{{2,3}})\s*\)", re.IGNORECASE
)
#: The bracket every match of `_ZH_NAME_AFTER_EN_NICKNAME` closes with: a text without one is not
#: scanned for the title before it (the costly part of that pattern, tried at every character).
_ZH_IN_BRACKETS = re.compile(r"\(\s*[\u4e00-\u9fff]{2,3}\s*\)")
#: "和王大力、陈晓峰、刘子健等众多腾讯高管一样": people listed as members of a kind of staff.
_ZH_PEOPLE_OF_KIND = re.compile(
    r"等(?:众多|多位|一众|诸多|多名|一批|其他)?"
    r"[^,。;!?、]{0,10}?(?:高管|员工|工程师|老将|骨干|元老|校友|创始人|创业者|科学家|研究员|前员工)"
)
#: The names before such a kind ("王大力、陈晓峰、刘子健"), read backwards from 等.
_ZH_NAMES_BEFORE_KIND = re.compile(r"(?:[\u4e00-\u9fff]{2,3}、)+[\u4e00-\u9fff]{2,3}$")


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


#: Words jieba glues to the end of a name ("林澈曾", "景鲲和"): the last character is not the name's.
_NAME_GLUED_TAIL = frozenset("曾将和与及已也亦则还于在等的称说均都即并跟同")
#: One character after a two-character name that is not its third: plural, family, case, title...
_NOT_THIRD = frozenset("们家案氏总式方处等党派版说称任为是系曾将和与及已也亦则还于在的均都即并跟同向对把被让")
#: (g: a bound morpheme, a rare character standing alone, as given-name characters often are: 陈奕+廷)
_THIRD_FLAGS = frozenset({"nr", "nrfg", "nrt", "nz", "n", "a", "j", "ng", "zg", "g"})


def _repair_zh_name(text: str, s: int, e: int) -> tuple[int, int]:
    """A Chinese name's exact extent when jieba cut it wrongly: "景鲲和" loses the conjunction glued to
    it, "陈屿"+"白" and "陆学"+"森" keep the third character jieba left on its own (also when it glued
    it to an adverb: "陈屿"+"白曾")."""
    word = text[s:e]
    if not word or not is_cjk(word[0]):
        return s, e
    surname = word[0] in vocab.SURNAMES_SINGLE
    if e - s == 3 and surname and word[-1] in _NAME_GLUED_TAIL:
        return s, e - 1
    if e - s != 2 or not surname or e >= len(text) or not is_cjk(text[e]) or text[e] in _NOT_THIRD:
        return s, e
    tokens = pos_window(text[s : s + 8])
    if len(tokens) < 2 or tokens[0][0] != word:
        return s, e
    nxt, flag, _ = tokens[1]
    if len(nxt) == 1 and flag in _THIRD_FLAGS:
        if len(tokens) > 2 and tokens[2][1] in {"ng", "n"} and len(tokens[2][0]) == 1:
            return s, e  # "王强案件" read as characters: no name runs on
        return s, e + 1
    if len(nxt) == 2 and flag.startswith("nr") and nxt[1] in _NAME_GLUED_TAIL:
        return s, e + 1
    return s, e


#: A noun for a person, then who it is: "另一位代表人物是周砚白", "一位名叫林澈的工程师".
_ZH_AFTER_PERSON_NOUN = guarded(re.compile(
    r"(?:代表人物|人物|人士|创业者|掌门人|操盘手|工程师|研究员|科学家|高管)(?:是|为|就是)\s*(?=[\u4e00-\u9fff]{2,4})"
    r"|(?:名叫|名为|叫做)\s*(?=[\u4e00-\u9fff]{2,4})"
    # "现年45岁的林书涵": a person's age before the name
    r"|(?:现年|今年)?\d{2}岁的\s*(?=[\u4e00-\u9fff]{2,4})"
    # "接替即将退休的周以安": who is succeeded
    r"|(?:接替|接棒|取代)(?:了)?(?:即将|已经|已)?(?:退休|离任|卸任|离职)?(?:的)?\s*(?=[\u4e00-\u9fff]{2,4})"
    # "任命X为总裁", "聘请X出任CTO": who is appointed
    r"|(?:任命|聘任|聘请|委任|提名)\s*(?=[\u4e00-\u9fff]{2,4}(?:为|出任|担任))"
    r"|由\s*(?=[\u4e00-\u9fff]{2,4}(?:担任|出任|接任|兼任))"
    # "陈立武延揽林子恒,负责…", "挖来前蔚来高管李明": who is hired
    r"|(?:延揽|招揽|挖来|挖角|网罗)(?:了)?\s*(?=[\u4e00-\u9fff]{2,4}(?:[,。;、为出担负加]|$))"
))


#: Last characters of place names that given names do not end in.
_PLACE_ENDINGS = frozenset("区县市省镇乡村路街")


_REGION_NAMES = tuple(sorted((r for r in vocab.REGIONS if is_cjk(r[0])), key=len, reverse=True))


def _after_region(text: str, start: int) -> bool:
    """Whether a province or city name ends right before `start`, after 在/于/位于 or a clause start:
    what follows it is a place in it."""
    for region in _REGION_NAMES:
        if text.endswith(region, 0, start):
            before = text[max(0, start - len(region) - 2) : start - len(region)]
            return not before or before[-1:] in "在于,。;、 \n" or before.endswith("位于")
    return False


def person_occurrences(nt: NormText, taken: Intervals) -> list[Occurrence]:
    text = nt.text
    found: dict[tuple[int, int], float] = {}

    def propose(span: tuple[int, int, float] | None) -> None:
        if span is None:
            return
        s, e, conf = span
        s, e = _repair_zh_name(text, s, e)
        if e - s == 2 and _NIAN_GIVEN.match(text, e) and not (s and text[s - 1].isdigit()):
            e += 1  # "殷鹤年": jieba reads the given name's 年 as a year, but no number comes before it
        if taken.overlaps(s, e):
            return
        if is_cjk(text[s]) and text[e - 1] in _PLACE_ENDINGS and word_freq(text[s + 1 : e]) > 0:
            return  # "高新区", "新城区": a place ("武汉东湖高新区,创始人…"), not a surname and a given name
        if e - s == 2 and is_cjk(text[s]) and _after_region(text, s):
            return  # "在北京亦庄创办", "上海张江": a part of a city named after it, not a person
        if found.get((s, e), 0) < conf:
            found[(s, e)] = conf

    for m in _ZH_AFTER_TITLE.finditer(text):
        first = _zh_name_after(text, m.end())
        propose(first)
        # "创始人杨植麟、张宇韬": the names listed after the first share its title
        end = first[1] if first else None
        while end is not None and text.startswith("、", end) and (more := _zh_name_after(text, end + 1)):
            if more[2] < 0.6 or not _surname_name(text, more[0], more[1]):
                break
            propose(more)
            end = more[1]
    for m in _ZH_AFTER_PERSON_NOUN.finditer(text):
        propose(_zh_name_after(text, m.end()))
    for m in _ZH_FOUNDER_LIST.finditer(text):
        propose(_zh_name_after(text, m.end()))  # the rest of the list: below, once all names are known
    for m in _ZH_BEFORE_BRACKET_TITLE.finditer(text):
        propose(_zh_name_before(text, m.start(), strict=False))
    for m in _ZH_BEFORE_COMMA_TITLE.finditer(text):
        propose(_zh_name_before(text, m.start(), strict=True))
    for m in _ZH_BEFORE_VERB.finditer(text):
        propose(_zh_name_before(text, m.start(), strict=True))
    span: tuple[int, int, float] | None
    for span in _zh_names_before_cues(text, taken):
        propose(span)
    for span in _zh_recurring_names(text, taken):
        propose(span)
    for m in _ZH_FOUNDER_LIST.finditer(text):
        # "联合创始人包括前百度科学家赵明、李思远": once one listed name is known, the names joined to it
        clause_end = re.compile(r"[,。;!?]|$").search(text, m.end())
        listed = [(s, e) for (s, e) in found if m.end() <= s < (clause_end.start() if clause_end else len(text))]
        if listed:
            end = max(listed)[1]
            while (sep := _ZH_LIST_SEP.match(text, end)) and (span := _zh_name_after(text, sep.end())):
                propose(span)
                end = span[1]
    for m in _ZH_BEFORE_ROLE_VERB.finditer(text):
        span = _zh_name_before(text, m.start(), strict=False)
        if span and (span[0] == 0 or not is_cjk(text[span[0] - 1])):
            propose(span)  # a name that starts its clause: "林澈是X的联合创始人", "林澈曾任X副总裁"
    for m in _ZH_NAME_AFTER_EN_NICKNAME.finditer(text) if _ZH_IN_BRACKETS.search(text) else ():
        propose(_surname_name(text, *m.span("zh")))
    for m in _ZH_PEOPLE_OF_KIND.finditer(text) if "、" in text else ():
        staff = _ZH_NAMES_BEFORE_KIND.search(text, max(0, m.start() - 40), m.start())
        if staff is None:
            continue
        begin = staff.start()
        for part in staff.group(0).split("、"):
            propose(_surname_name(text, begin, begin + len(part)))
            begin += len(part) + 1
    for m in _ZH_FOUNDERS.finditer(text):
        propose(_surname_name(text, *m.span("a")))
        propose(_surname_name(text, *m.span("b")))
    for m in _EN_ALUMNI_NAMES.finditer(text):
        names = [(m.start("name"), m.end("name"))]
        names += [(m.start("more") + k.start(), m.start("more") + k.end())
                  for k in re.finditer(EN_NAME, m.group("more"))]
        for s, e in names:
            if trimmed := _en_name_trimmed(text, s, e):
                propose((*trimmed, 0.7))
    for regex in (_EN_TITLE_THEN_NAME, _EN_NAME_THEN_TITLE, _EN_NAME_THEN_VERB, _EN_BY_NAME, _EN_NAME_WHO,
                  _EN_APPOINTED_NAME, _EN_FOUNDED_WITH):
        for m in regex.finditer(text):
            group = "name" if m.group("name") is not None else "name2"
            if regex is _EN_BY_NAME and m.group(0)[:3].lower() == "led" and _EN_FUNDING_NEAR.search(
                text, max(0, m.start() - 80), m.start()
            ):
                continue  # "a round led by Harbor Peak": an investor, not a person
            if trimmed := _en_name_trimmed(text, m.start(group), m.end(group)):
                propose((*trimmed, 0.7))
            if regex is _EN_BY_NAME and m.group("more"):
                for k in re.finditer(EN_NAME, m.group("more")):
                    if _en_name_ok(k.group(0)):
                        propose((m.start("more") + k.start(), m.start("more") + k.end(), 0.7))
    return [Occurrence(s, e, {C.Person}, "role-context", conf) for (s, e), conf in sorted(found.items())]
