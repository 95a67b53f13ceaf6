"""Chinese organisation names ending in a suffix (科技有限公司, 资本, 国投...): where the name starts
(jieba, function words, verbs, descriptors), and which are state capital."""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import replace
from functools import lru_cache, wraps
from typing import Any

from kg.extract import vocab
from kg.extract.mentions.base import TITLE_ZH_ALT, Intervals, Occurrence, legal_form_of, pos_window, word_freq
from kg.extract.text import NormText, is_cjk, longest_first
from kg.terms import C

# -- organisation suffixes (Chinese) -------------------------------------------------------------

_ZH_SUFFIX_RE = re.compile(
    longest_first(vocab.ZH_SUFFIX_TYPES)
)
REGION_RE = re.compile("|".join(sorted(vocab.REGIONS, key=len, reverse=True)))
_STATE_MIDDLE = "|".join(sorted(vocab.STATE_MIDDLE_WORDS, key=len, reverse=True))
_STATE_PREFIX_RE = re.compile(rf"^(?P<region>{REGION_RE.pattern})(?:{_STATE_MIDDLE})*$")
_DATEISH = re.compile(r"\d|年|月|日|号")
_ZH_MAX_PREFIX = 16


#: Words after a known investor's name that still name that investor ("高瓴投资", "君联资本").
_INVESTOR_TAILS = frozenset({"投资", "资本", "创投", "投资集团"})


def _copied_cache(fn: Callable[..., dict[str, Any] | None]) -> Callable[..., dict[str, Any] | None]:
    """Memoise a pure function of names that answers a dict; every caller gets its own copy."""
    cached = lru_cache(maxsize=65536)(fn)

    @wraps(fn)
    def wrapper(*args: Any) -> dict[str, Any] | None:
        value = cached(*args)
        return dict(value) if value is not None else None

    return wrapper


#: What a province's or a city's investment platform calls itself ("湖北长江产业投资集团",
#: "武汉光谷金融控股集团"): with a region at the head of the name, state capital.
_PLATFORM_WORDS = re.compile(
    r"产业投资|投资集团|金融控股|金控|国有资本|城投|城建投|产投|科创投|高新投|创新投资|发展投资|投资发展|投资控股|引导基金"
)


#: A fund or investment firm named with a province's or city's full administrative name ("山东省新动能
#: 基金管理有限公司", "上海市人工智能产业投资基金"): a registered name may carry "省"/"市" only with the
#: government's approval, which is how state platforms are named; private firms write the place alone.
_FULL_REGION_FUND = re.compile(r"(?:省|市|自治区)[\u4e00-\u9fff]{0,12}?(?:基金|创投|创业投资|股权投资|资本)")


def _regional_platform(name: str) -> bool:
    """A name that starts with a region and calls itself an investment platform."""
    region = REGION_RE.match(name)
    if not region:
        return False
    return bool(_PLATFORM_WORDS.search(name)) or bool(_FULL_REGION_FUND.match(name, region.end()))


@_copied_cache
def _state_attrs(name: str, prefix: str, suffix_type: str) -> dict[str, Any] | None:
    """investor_kind/region/gov_level when a Chinese investor name marks state capital, else None."""
    region_match = _STATE_PREFIX_RE.match(prefix)
    marked = any(marker in name for marker in vocab.STATE_MARKERS_ZH) or _regional_platform(name)
    if not marked and not (region_match and suffix_type in (C.Investor, C.StateOwnedFund)):
        return None
    kind = (
        "guidance_fund"
        if any(w in name for w in ("引导", "产业基金", "产业投资基金", "母基金"))
        else "state_platform"
    )
    attrs: dict[str, Any] = {"investor_kind": kind}
    region = REGION_RE.match(name)
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
    tokens = pos_window(text[i:s1])
    left = s0
    complete = True
    suffix_is_legal = text[s0:s1] in vocab.LEGAL_FORMS_ZH
    for k in range(len(tokens) - 1, -1, -1):
        word, flag, start = tokens[k]
        abs_start = i + start
        if abs_start + len(word) > s0:
            continue  # part of the suffix
        if (
            left < s0
            and word in vocab.ZH_SUFFIX_TYPES
            and k > 0
            and (
                tokens[k - 1][0] in vocab.GENERIC_PREFIX_WORDS
                or tokens[k - 1][0] in vocab.ZH_BOUNDARY_WORDS
                # "旗下专项股权投资基金" + "国投集新": what kind of unit, after whose unit it is
                or any(w in ("旗下", "下属", "控股的", "管理的") for w, _f, _s in tokens[:k])
            )
        ):
            complete = False  # "旗下产业基金" + "华星资本": a description of the investor ends before its name
            break
        if flag == "q" and len(word) == 1 and (k == 0 or tokens[k - 1][1] != "m"):
            left = abs_start  # a measure word with no number before it ("钧云"): part of the name
            continue
        if _COINING_NUMERAL.fullmatch(word) and flag == "m" and left < s0:
            left = abs_start  # "两溪基金", "五源资本": a numeral starts a coined name, not a count
            complete = False
            break
        if len(word) >= 2 and word[0] in vocab.ZH_BOUNDARY_WORDS and word_freq(word) == 0:
            # "了澜溯", "由果": jieba glued a function word onto the name's first characters
            left = abs_start + 1
            complete = False
            break
        particle = max(word.rfind("了"), word.rfind("的"))
        if particle > 0 and word_freq(word) == 0:
            # "参投了澜": jieba glued a verb and its particle onto the name's first character
            left = abs_start + particle + 1
            complete = False
            break
        if flag == "m" and not _NUMBER_CHARS.search(word):
            left = abs_start  # "鲸元智能": jieba tags 元 a numeral, but no number stands before it
            continue
        if (
            k > 0
            and flag == "d"
            and len(word) == 2
            and abs_start + len(word) == s0
            and tokens[k - 1][1] in ("nr", "nrt", "nz", "ns")
            and len(tokens[k - 1][0]) >= 2
        ):
            # "沛星互动科技": jieba reads 互动 as an adverb, but after a proper name and before the
            # suffix it is the name's second word
            left = abs_start
            continue
        if (
            k == 0
            and flag == "d"
            and len(word) == 2
            and abs_start + len(word) == s0
            and (i == 0 or not is_cjk(text[i - 1]))
        ):
            # "先声药业": an adverb right before the suffix with nothing of its clause before it
            # modifies nothing; it is the name
            left = abs_start
            continue
        if word in _CONJUNCTIONS and k == 1 and _lone_first_char(tokens[0], text, i):
            # "臻和科技完成…": a conjunction needs a phrase on its left, and one character alone at the
            # start of a clause is none: 和 is the name's second character
            left = i
            complete = False
            break
        if word == "企业" and text.startswith("管理", abs_start + 2) and suffix_is_legal:
            left = abs_start  # "清辉集电企业管理合伙企业": a registered name's line of business
            continue
        if ends_name(word, flag) or _DEAL_VERB.fullmatch(word):
            # ("红杉中国领投星图智能": the verb of the deal ends the name after it, also when a known
            # name stands before the verb)
            complete = False
            break
        glued = _GLUED_HEAD.match(word)
        if glued and len(word) > glued.end() + 1 and (flag in vocab.PROPER_FLAGS or word_freq(word) == 0):
            # "陆远舟从霁川科技", "曾在澜溯数据": the name starts after the preposition jieba glued on
            left, complete = abs_start + glued.end(), False
            break
        left = abs_start
    if complete and head_start is not None and left == i and not _DEAL_VERB.search(text, i, s0):
        return head_start, True
    for lead in vocab.REPORTED_ZH.finditer(text, max(0, left - 3), s0):
        if left < lead.end() < s0:
            left = lead.end()  # "据报岚峰科技", "市传岚峰科技": who reports is not part of the name
    first = next((w for w, _f, st in tokens if i + st == left), None)
    if first in ("前", "原") and left + 1 < s0:
        left += 1  # "前星岩科技副总裁": former, not part of the name
    deal_verbs = list(_DEAL_VERB.finditer(text, left, s0))
    if deal_verbs and s0 - deal_verbs[-1].end() >= 2:
        left = deal_verbs[-1].end()  # "星澜资本领投岚曜科技": jieba splits 领/投, which then reads as a name
    kind = vocab.KIND_ABBREVIATION_ZH.match(text, left, s0)
    if kind and s0 - kind.end() >= 1:
        left = kind.end()  # "创新药企白桦医疗": jieba cuts 药企 apart, but it says what the company is
    else:
        # "内地车规级晶片设计商芯跃半导体": a longer description before the kind (jieba reads 商芯跃 as a name)
        kinds = [k for k in _KIND_WORD.finditer(text, left, s0) if s0 - k.end() >= 1]
        if kinds and kinds[-1].end() - left > 4:
            left = kinds[-1].end()
    if s0 - left == 1 and left >= 1 and is_cjk(text[left - 1]) and text[left - 1] not in _CLAUSE_OPENERS and (
        left == 1 or not is_cjk(text[left - 2]) or _TIME_OPENER.search(text[max(0, left - 6) : left - 1])
    ):
        # "极晞科技完成…" at the start of a clause: one character alone is no name, and the one before
        # it (an adverb to jieba: 极) has nothing before it to belong to
        left -= 1
    return left, False


#: A word for what a company is, wherever it stands in a name's prefix.
_KIND_WORD = re.compile(vocab.KIND_WORDS_ZH)

#: A unit and the rank of its head, read from a weak suffix on ("智能汽车解决方案BU总裁").
_UNIT_TITLE = re.compile(
    rf"[\u4e00-\u9fffA-Za-z]{{0,10}}?(?:{vocab.UNIT_WORDS_ZH})(?:副)?(?:负责人|总监|总经理|主管|总裁|院长|主任|CEO)"
)

#: Verbs of a deal that no name contains, found as text because jieba may split them (领/投).
_DEAL_VERB = re.compile(r"联合领投|领投|跟投|参投|追投|加注|投资了|入股了|注资|完成了|获得了")

#: Digits and numerals: a token jieba tags a numeral without any of them is a name's character (元).
_NUMBER_CHARS = re.compile(r"[\d零〇一二两三四五六七八九十百千万萬亿億]")
#: Words before 控股 that make it a verb ("全资控股").
_HOLDING_VERB_BEFORE = re.compile(r"(?:全资|独资|绝对|相对|实际|间接|直接)$")
#: "市属", "省属", "区属": owned by which level of government, a description before a kind of fund.
_OWNED_BY_LEVEL = re.compile(r"[省市区县]属")
#: What follows 控股 when it is a stake and not the end of a name ("控股子公司", "控股股东").
_HOLDING_NOT_NAME = re.compile(r"子公司|孙公司|股东|权|地位|比例|的")
#: Conjunctions jieba finds inside coined names ("臻和", "联与").
_CONJUNCTIONS = frozenset(["和", "与", "及"])
#: One-character words that can stand before a conjunction as a whole phrase.
_PRONOUN_CHARS = frozenset("他她它我你您谁")


def _lone_first_char(token: tuple[str, str, int], text: str, run_start: int) -> bool:
    """The first token of a run is one character with nothing of its clause before it, and not a
    pronoun or a clause opener: too little to be one side of a conjunction."""
    word, _flag, start = token
    return (
        start == 0
        and len(word) == 1
        and word not in _PRONOUN_CHARS
        and word not in _CLAUSE_OPENERS
        and (run_start == 0 or not is_cjk(text[run_start - 1]))
    )


#: A time word opening a clause ("近日太蓝新能源宣布…"): what follows starts afresh, as after a comma.
_TIME_OPENER = re.compile(
    r"(?:^|[^\u4e00-\u9fff])(?:近日|日前|今日|昨日|今天|昨天|昨晚|今晨|目前|近期|此前|最近|日内|早前)$"
)
#: Words that open a clause and are never a name's first character.
_CLAUSE_OPENERS = frozenset("由获向对与和及在被把将为从据称其该等但而且也又还就都已曾")



#: Nouns for what a company is, standing before its name ("人工智能企业深瞳智算科技", "电池厂能硕电池").
_KIND_NOUNS = frozenset(
    [
        "企业", "公司", "厂商", "创企", "独角兽", "龙头", "新势力", "车企", "药企", "芯片商", "制造商", "供应商",
        "开发商", "运营商", "服务商", "代工厂", "晶圆厂", "整车厂", "设备商", "材料商", "电池厂", "初创企业",
        "方案商", "解决方案商", "集成商", "提供商", "品牌商", "零售商", "经销商", "代理商", "平台商",
        "初创公司", "创业公司", "国企", "央企", "国资平台", "投资平台",
    ]
)


def ends_name(word: str, flag: str) -> bool:
    """A token that cannot be inside an organisation name: function word, known verb, date, or a
    noun for what a company is."""
    if word in vocab.ZH_BOUNDARY_WORDS or word in _KIND_NOUNS:
        return True
    if len(word) > 2 and word.endswith(("公司", "企业")) and word_freq(word) > 0:
        return True  # a dictionary word for a kind of company ("创投公司", "科技企业"): a description
    if flag == "zg" and word_freq(word) < _COMMON_VERB_FREQ:
        return False  # a rare character jieba cannot place: part of a coined name ("辰晞")
    if flag == "f" and len(word) >= 2 and word not in _POSITION_WORDS:
        return False  # a direction in a name ("北岸智能", "东方富海"), not "之前" or "以来"
    if flag in vocab.ZH_STOP_FLAGS:
        return True
    if flag == "q" and len(word) == 1 and word_freq(word) < _COMMON_VERB_FREQ:
        return False  # a rare character jieba reads as a measure word ("钧"): part of a name
    if flag == "v" and len(word) >= 2 and word not in vocab.ZH_NAME_VERBS and word_freq(word) >= _COMMON_VERB_FREQ:
        return True  # "负责车规芯片": an everyday verb ends the name; invented names are rare words
    if flag in ("m", "q", "mq") and not re.search(r"[A-Za-z0-9]", word):
        return True  # "第三笔", "两家": a count, not a name
    return flag == "m" and bool(_DATEISH.search(word)) and not re.search(r"[A-Za-z]", word)


#: Two-character positional words that do end a name on its left ("三年之前", "成立以来").
_POSITION_WORDS = frozenset(
    [
        "之前", "之后", "以前", "以后", "以来", "之间", "之中", "其中", "当中", "内外", "上下", "前后", "左右", "以上",
        "以下", "之上", "之下", "中间", "旁边", "里面", "外面", "前面", "后面", "此前", "此后", "期间", "之内", "之外",
        "以内", "以外", "年内", "月内", "国内", "海外", "境内", "境外",
    ]
)

#: One numeral character, which starts brand names as often as it counts ("两江", "三一", "五源").
_COINING_NUMERAL = re.compile(r"[一二两三四五六七八九]")

#: jieba dictionary frequency from which a verb is everyday language ("负责" 1,700, "离职" 300), not a brand.
_COMMON_VERB_FREQ = 300

#: Prepositions jieba sometimes glues onto the name after them ("从霁川" tagged as a person's name).
_GLUED_PREPOSITIONS = "从向被把对跟给在于由"


#: Verbs, prepositions and pronouns that do not start names but that jieba's HMM glues onto the name
#: after them ("有松钧" in "有松钧科技这样的机构"). Not 和/与/为/是: names start with those (和利时).
_GLUE_CHARS = frozenset("有由获被把在对向从据该其此等算")


def _skip_glued_char(text: str, left: int, s0: int) -> int:
    """Move a name's start past a glue character when jieba made one unknown word of it and the
    name's first characters (or cut a boundary word in two), if two characters stay before the
    suffix at `s0`."""
    if s0 - left >= 3 and left > 0 and text[left - 1 : left + 1] in vocab.ZH_BOUNDARY_WORDS:
        return left + 1  # jieba cut a boundary word in two ("算" + "上栖果")
    if s0 - left >= 3 and text[left] in _GLUE_CHARS:
        first = pos_window(text[left:s0])[0][0]
        if len(first) >= 2 and word_freq(first) == 0:
            return left + 1
    return left


#: A preposition, perhaps after an adverb of time ("曾在"), at the head of a word jieba made up.
_GLUED_HEAD = re.compile(rf"(?:曾经|曾|也|还|已)?[{_GLUED_PREPOSITIONS}]")


#: How often a single character must occur in jieba's dictionary to be an everyday word.
_EVERYDAY_CHAR_FREQ = 20000


@lru_cache(maxsize=65536)
def name_like(prefix: str) -> bool:
    """A prefix that looks like a proper name: a proper-noun tag, a word jieba does not know,
    Latin letters, or single characters jieba could not join (an invented brand)."""
    if any(c.isascii() and c.isalpha() for c in prefix):
        return True
    tokens = pos_window(prefix)
    lead = 0
    while lead < len(tokens) and len(tokens[lead][0]) == 1 and is_cjk(tokens[lead][0]):
        lead += 1
    if 2 <= lead < len(tokens) and any(flag in ("g", "nr") and word_freq(w) < _EVERYDAY_CHAR_FREQ
                                        for w, flag, _ in tokens[:lead]):
        # "晶焱热能": characters jieba could not join, one of them rare, before a word: a coined brand
        return True
    if all(len(w) == 1 for w, _, _ in tokens) and len(tokens) >= 2:
        # single characters jieba could not join are an invented brand ("栖云", "极晞"), unless every
        # one is an everyday verb or particle ("能让机器人理解": "can let", not a brand)
        return not all(flag[:1] in "vdpcru" and word_freq(w) >= _EVERYDAY_CHAR_FREQ for w, flag, _ in tokens)
    return any(flag in vocab.PROPER_FLAGS or word_freq(w) < 5 for w, flag, _ in tokens if len(w) > 1)


@lru_cache(maxsize=65536)
def is_generic(prefix: str, weak: bool) -> bool:
    """A prefix made only of descriptive words ("战略", "人工智能", "多家"); for a weak suffix,
    one ending in such a word ("海外市场" + 投资) is a description too."""
    if prefix in vocab.GENERIC_PREFIX_WORDS:
        return True
    tokens = [w for w, _, _ in pos_window(prefix)]
    # a one-character generic word after another lone character is half of a coined name ("栖云")
    coined = len(tokens) >= 2 and len(tokens[-1]) == 1 and len(tokens[-2]) == 1
    if weak and tokens and tokens[-1] in vocab.GENERIC_PREFIX_WORDS and not coined:
        return True
    return all(w in vocab.GENERIC_PREFIX_WORDS for w in tokens)


_ZH_SUFFIX_ANY = re.compile(f"(?=({_ZH_SUFFIX_RE.pattern}))")


def _suffix_spans(text: str) -> list[tuple[int, int]]:
    """Suffix matches that end a name: where suffixes overlap ("科创投" in "科创投资基金"), the one
    reaching furthest right wins, and of those the longest."""
    spans = sorted(
        {
            (m.start(), m.start() + len(m.group(1)))
            for m in _ZH_SUFFIX_ANY.finditer(text)
            # "X有限公司投资了Y": 投资 before 了/过 is the verb, not the end of a name
            if not (m.group(1) == "投资" and text[m.start() + 2 : m.start() + 3] in ("了", "过"))
        }
    )
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


_ROLE_VERB_INSIDE = re.compile(
    r"曾任|现任|担任|出任|兼任|历任|接任|接掌|出掌|接替|加入|加盟|入职|离开|离职|去职|辞职|卸任|离任|出走|创办|创立|创建|任职于|就职于|"
    # "景鲲和前澜溯科技", "传前长城汽车": a conjunction or hearsay before "former" ends what came before
    r"供职于|(?:和|及|与|传)(?:前|原)"
)
_INVEST_ACTIVITY = re.compile(r"(?:独家|战略|联合|共同|财务|追加|跟进|领衔)$")
#: Verbs that make a deal word an activity ("办理私募", "进行融资"), not the end of a name.
_DEAL_ACTIVITY = re.compile(r"(?:办理|进行|完成|启动|发起|开展|实施|展开|推进|筹划)$")


#: Titles from the word list only: a composed one ("霁川技术总监") would swallow the name before it.
_TITLE_FIXED = re.compile(TITLE_ZH_ALT)


#: A rank that turns a department before it into a title ("技术副总裁", "数据负责人").
_RANK_AFTER = re.compile(r"(?:副总裁|VP|负责人|总监|总经理|主管)")
#: A field and a rank after a weak suffix ("理想汽车" + "智能" + "驾驶负责人"): the suffix opens the title's
#: field ("智能驾驶负责人"), it does not lengthen the known name.
_FIELD_RANK_AFTER = re.compile(r"[\u4e00-\u9fff]{1,4}?(?:负责人|总监|总经理|主管|副总裁)")
#: A negated verb of making or doing ("不造", "不做", "不碰"): an activity, which no name contains.
_NEGATED_ACTIVITY = re.compile(r"(?:不|没有|从不|并不)(?:造|做|生产|研发|涉足|碰|卖|搞|自建|自研)")
#: Suffixes that are also the field of a title ("台积电技术经理": a technical manager at TSMC).
_TITLE_FIELDS = frozenset(["技术", "研发", "产品", "数据"])
_BARE_RANK = re.compile(r"(?:副总裁|总监|总经理|经理|负责人|主管|专家)")
#: A specialist's title whose field a weak suffix can be ("芯片架构师", "电池工程师").
_SPECIALIST_AFTER = re.compile(r"(?:高级|资深|首席)?(?:架构师|工程师|科学家|研究员|设计师|专家|分析师)")
_ZH_SUFFIX_END = re.compile(f"(?:{_ZH_SUFFIX_RE.pattern})$")


def _inside_title(text: str, s0: int, s1: int) -> bool:
    """Is the suffix [s0, s1) the inside of a title that starts before it ("首席技术官", "数据官")?"""
    for i in range(max(0, s0 - 6), s0):
        title = _TITLE_FIXED.match(text, i)
        if title and title.end() > s1:
            return True
    return False


#: A short name defined right after a legal name: "(深瞳智算)", "(下称“钧能新材”)", "(以下简称“X”)".
_DEFINED_ALIAS = re.compile(
    r"\((?:以下简称|以下称|下称|简称)?[:：]?[“\"「']?(?P<alias>[\u4e00-\u9fffA-Za-z0-9]{2,8})[”\"」']?\)"
)


def _alias_start(text: str, left: int, s0: int, s1: int) -> int:
    """Where a legal name starts when the short name defined after it says so: the segmenter may cut
    an invented name ("深/瞳智/算科技股份有限公司") where the text's own "(深瞳智算)" does not."""
    defined = _DEFINED_ALIAS.match(text, s1)
    if defined is None:
        return left
    alias = defined.group("alias")
    for j in range(max(0, s0 - _ZH_MAX_PREFIX), left):
        if (
            text.startswith(alias[:2], j)
            and text[j:s1].startswith(alias[: min(len(alias), s0 - j)])
            and all(is_cjk(c) or c.isalnum() for c in text[j:s0])
        ):
            return j
    return left


def _platform_start(text: str, left: int, s0: int, s1: int) -> int:
    """Where a regional investment platform's legal name starts, when it starts before `left`.

    "合肥市产业投资控股(集团)有限公司" is a region and function words: read leftwards, the words look
    like a description ending before the name, yet region to legal form is the whole name.
    """
    for j in range(max(0, s0 - _ZH_MAX_PREFIX), left):
        if not all(is_cjk(c) for c in text[j:left]):
            continue
        if REGION_RE.match(text, j) and _regional_platform(text[j:s1]) and not reads_as_phrase(text[j:left]):
            return j  # (not across words of a sentence: "安徽省投资集团等也是长鑫科技集团")
    return left


def _registered_start(text: str, left: int, s0: int) -> int:
    """Where a registered legal name starts when a region opens it before `left`.

    A mainland company's registered name is region + trade name + industry + legal form
    ("北京光年之外科技有限公司"); a trade name may hold words that end names elsewhere ("之外",
    "之光": the classical particle 之 is common in trade names). So before a legal form, a region
    followed only by name-like words (no function word, no everyday verb: not "在北京成立X有限公司",
    "位于上海的X有限公司") starts the name.
    """
    for j in range(max(0, s0 - _ZH_MAX_PREFIX), left):
        region = REGION_RE.match(text, j)
        if region is None or not all(is_cjk(c) for c in text[j:left]):
            continue
        if region.end() < s0 and not reads_as_phrase(text[region.end() : s0]):
            return j
    return left


#: A region in brackets inside a registered name ("长存三期(武汉)集成电路有限责任公司").
_BRACKETED_REGION = re.compile(r"\(([\u4e00-\u9fff]{2,4})\)$")


def _bracketed_region_start(text: str, left: int) -> int:
    """Where a registered name starts when a region in brackets stands right before `left`: the trade
    name before the brackets belongs to it (the longest run of name-like characters there)."""
    m = _BRACKETED_REGION.search(text, max(0, left - 6), left)
    if m is None or not REGION_RE.fullmatch(m.group(1)):
        return left
    begin = m.start()
    while begin > 0 and m.start() - begin < 10 and is_cjk(text[begin - 1]):
        begin -= 1
    for j in range(begin, m.start() - 1):
        head = text[j : m.start()]
        if not reads_as_phrase(head) and not any(w in head for w in vocab.ZH_BOUNDARY_WORDS if len(w) > 1):
            return j
    return left


def reads_as_phrase(words: str) -> bool:
    """Do these words read as ordinary language rather than a trade name: a function word, a noun for
    a kind of company, or an everyday verb, adverb, preposition, conjunction or pronoun ("在北京成立",
    "高度重视")? The classical particle 之 is common inside trade names ("光年之外") and does not count."""
    return any(
        word in vocab.ZH_BOUNDARY_WORDS
        or word in _KIND_NOUNS
        or (flag in ("v", "p", "c", "u", "uj", "r", "d") and word != "之" and word_freq(word) >= _COMMON_VERB_FREQ)
        for word, flag, _ in pos_window(words)
    )


_NO_GAPS: frozenset[int] = frozenset()


def layout_gaps(nt: NormText) -> list[int]:
    """Positions of the normalised text where the original had a space between two Chinese characters
    (normalisation joins them; a headline's gap separates phrases: "入股零跑 地方资本"), in order."""
    out = []
    offsets, original, text = nt.offsets, nt.original, nt.text
    for i in range(1, min(len(offsets), len(text))):
        if offsets[i] - offsets[i - 1] > 1 and is_cjk(text[i - 1]) and is_cjk(text[i]):
            between = original[offsets[i - 1] + 1 : offsets[i]]
            if between.isspace():
                out.append(i)
    return out


def _after_layout_gap(gaps: frozenset[int], left: int, s0: int) -> int:
    """The start of a name after the last layout gap in (left, s0), else `left`."""
    inside = [g for g in gaps if left < g < s0]
    return max(inside) if inside else left


def _zh_suffix_occurrences(
    nt: NormText,
    gaz: list[Occurrence],
    dropped: list[tuple[str, str]],
    spans: list[tuple[int, int]] | None = None,
    gaps: frozenset[int] = frozenset(),
) -> list[Occurrence]:
    text = nt.text
    gaz_ends: dict[int, int] = {}
    gaz_by_start: dict[int, Occurrence] = {}
    covered: list[tuple[int, int]] = []
    for o in gaz:
        gaz_ends[o.end] = o.start
        gaz_by_start[o.start] = o
        covered.append((o.start, o.end))
    covered_set = Intervals(covered)
    out: list[Occurrence] = []
    for s0, s1 in _suffix_spans(text) if spans is None else spans:
        if covered_set.covers(s0, s1):
            continue  # the suffix is part of a known name
        suffix = text[s0:s1]
        if _inside_title(text, s0, s1):
            # "岫云金服首席技术官": the suffix is the middle of a title, not the end of a name
            continue
        activity = _INVEST_ACTIVITY.search(text, max(0, s0 - 2), s0) if suffix == "投资" else None
        if suffix in ("私募", "融资", "募资"):
            # "能硕办理私募": a company carrying out a private placement, not a fund called "…私募"
            activity = _DEAL_ACTIVITY.search(text, max(0, s0 - 4), s0) or activity
        if activity:
            # "独家投资", "战略投资": how an investor invests, not the end of its name
            dropped.append((text[activity.start() : s1], "generic description, not a name"))
            continue
        if text.endswith(("有限公司", "有限责任公司"), 0, s0):
            continue  # "X有限公司投资": a company's legal form ends its name
        if suffix == "控股" and (
            _HOLDING_NOT_NAME.match(text, s1) or _HOLDING_VERB_BEFORE.search(text, max(0, s0 - 2), s0)
        ):
            # "拓荆科技控股子公司", "由市国资委全资控股": a controlling stake, not a name ending in 控股
            continue
        left, known_head = _left_boundary(text, s0, s1, gaz_ends)
        if not known_head:
            # "林澈曾任星岩科技": the name starts after the verb, also when jieba cut the verb in two
            # ("曾" + "任霁川")
            verbs = [m for m in _ROLE_VERB_INSIDE.finditer(text, max(0, left - 1), s0) if m.end() > left]
            if verbs:
                left = verbs[-1].end()
            left = _skip_glued_char(text, left, s0)
        left = _after_layout_gap(gaps, left, s0)
        known_head = known_head and left in gaz_by_start
        if suffix in vocab.LEGAL_FORMS_ZH:
            left = _platform_start(text, left, s0, s1)
            if not known_head:
                left = _registered_start(text, left, s0)
                left = _bracketed_region_start(text, left)
            left = _alias_start(text, left, s0, s1)
        if suffix in vocab.ZH_WEAK_SUFFIXES and _describes(text, s1):
            dropped.append((text[left:s1], "a description of a business, not a name"))
            continue
        name = text[left:s1]
        prefix = text[left:s0]
        if suffix in vocab.ZH_WEAK_SUFFIXES and _NEGATED_ACTIVITY.search(prefix):
            # "擎天具身不造机器人本体": what a company does not do, not a name ending in 机器人
            dropped.append((name, "a negated activity, not a name"))
            continue
        level = _OWNED_BY_LEVEL.search(prefix)
        if level and prefix[level.end() :] in ("", "国有", "国资", "国有资本", "国有资本投资"):
            # "杭州市属国有资本投资运营平台": what kind of state capital something is, not its name
            dropped.append((name, "a description of state capital, not a name"))
            continue
        if suffix in vocab.ZH_WEAK_SUFFIXES and _RANK_AFTER.match(text, s1) and (
            _ZH_SUFFIX_END.search(prefix) or (known_head and gaz_by_start[left].end < s0)
        ):
            # ("英伟达中国区技术总监": a known name, then a region and department of the title; but
            # "蔚来汽车副总裁" is the known name's own longer form)
            # "砾岸数据技术副总裁": a department and a rank after a complete name, not a longer name
            dropped.append((name, "a name and the department of a title"))
            continue
        if suffix == "数据" and re.search(r"据\s*$", text[max(0, left - 3) : left]):
            # "据IT桔子数据": figures from a source, not a company called "...数据"
            dropped.append((name, "a source of figures, not a name"))
            continue
        if known_head and suffix in vocab.ZH_WEAK_SUFFIXES and _UNIT_TITLE.match(text, s0):
            # "华为智能汽车解决方案BU总裁": the known name, then the unit its title heads
            dropped.append((name, "a known name and the unit of a title"))
            continue
        if known_head:
            head = gaz_by_start[left]
            middle = text[head.end : s0]
            if suffix in vocab.LEGAL_FORMS_ZH and middle == "":
                out.append(legal_form_of(head, left, s1))
                continue
            if suffix == "投资" and middle == "" and re.match(r"(?:后|之后|以后|时|[,。;、的及和与等]|$)", text[s1:]):
                # "获得宁德时代投资后": the investment the known company made, not a unit called "…投资"
                dropped.append((name, "a known name and the word for its investment"))
                continue
            if suffix in vocab.ZH_WEAK_SUFFIXES and middle == "" and (
                _SPECIALIST_AFTER.match(text, s1) or _FIELD_RANK_AFTER.match(text, s1)
                or (suffix in _TITLE_FIELDS and _BARE_RANK.match(text, s1))
            ):
                # "华为海思芯片架构师": the field of a specialist's title after the known name
                dropped.append((name, "a known name and the field of a title"))
                continue
            if suffix in vocab.ZH_WEAK_SUFFIXES and middle == "" and head.types == {C.Company}:
                # "蔚来汽车", "商汤科技": a known company's name with its line of business is the same
                # company (and "蔚来汽车副总裁" holds the title 副总裁, not 汽车副总裁)
                out.append(legal_form_of(head, left, s1))
                continue
            if suffix in _INVESTOR_TAILS and middle == "" and C.Investor in head.types:
                # "高瓴投资创始合伙人李良": a known investor's name with the word for what it does is the
                # same investor (so the title that follows is its partner's)
                out.append(legal_form_of(head, left, s1))
                continue
            if suffix in vocab.ZH_WEAK_SUFFIXES and (not middle or not name_like(middle)):
                dropped.append((name, f"a known name and ordinary words before '{suffix}'"))
                continue
        if re.fullmatch(r"[A-Z]{1,4}-?\d{1,5}[A-Za-z]{0,3}", prefix):
            # "H20芯片", "A100显卡": a model code and the kind of product, not a company
            dropped.append((name, "a model code and a product word, not a company"))
            continue
        if len(prefix) < 2 or not any(is_cjk(c) or c.isalnum() for c in prefix):
            if prefix:
                dropped.append((name, "organisation suffix without a name before it"))
            continue
        # a province's or a city's investment platform is named by region and function words alone
        # ("合肥市产业投资控股(集团)有限公司"): with a legal form, that is a name, not a description
        platform = suffix in vocab.LEGAL_FORMS_ZH and _regional_platform(name)
        if not known_head and not platform and is_generic(prefix, suffix in vocab.ZH_WEAK_SUFFIXES):
            dropped.append((name, "generic description, not a name"))
            continue
        if not known_head and suffix in vocab.ZH_WEAK_SUFFIXES and not name_like(prefix):
            dropped.append((name, f"ordinary words before '{suffix}', not a name"))
            continue
        suffix_type = vocab.ZH_SUFFIX_TYPES[suffix]
        types = {suffix_type}
        attrs: dict[str, Any] = {}
        if suffix_type in (C.Investor, C.StateOwnedFund, C.Company):
            state = _state_attrs(name, prefix, suffix_type)
            if (
                state
                and suffix_type != C.Company
                or state
                and (any(k in name for k in ("国资", "国投", "国有资本")) or _regional_platform(name))
            ):
                types = {C.StateOwnedFund}
                attrs.update(state)
        out.append(
            Occurrence(
                left, s1, types, "suffix", 0.7 if suffix not in vocab.ZH_WEAK_SUFFIXES else 0.6, attrs=attrs
            )
        )
    return out


#: How far `_zh_suffix_occurrences` reads around a suffix [s0, s1): left, the longest prefix, a
#: bracket skipped at its end, a reporting verb or a region before the name; right, a defined short
#: name or a descriptor and the word after it; and before a known name heading the prefix. With room
#: to spare: a rule that reads further must widen these.
_WINDOW_LEFT = _ZH_MAX_PREFIX + 24
_WINDOW_RIGHT = 48
_WINDOW_BEFORE_HEAD = 8


def zh_suffix_occurrences(nt: NormText, gaz: list[Occurrence], dropped: list[tuple[str, str]]) -> list[Occurrence]:
    """`_zh_suffix_occurrences`, each suffix worked out on the window of text it reads (and the known
    names ending in it) and the answer shifted back: a text that repeats one sentence asks the same
    question over and over, and each distinct window is now answered once, so the cost per suffix no
    longer depends on how often the same names recur (a 2 MB file of one sentence took 30 s)."""
    text = nt.text
    covered_set = Intervals((o.start, o.end) for o in gaz)
    by_end = sorted(range(len(gaz)), key=lambda k: gaz[k].end)
    ends = [gaz[k].end for k in by_end]
    by_start: dict[int, list[int]] = {}
    for k, o in enumerate(gaz):
        by_start.setdefault(o.start, []).append(k)
    memo: dict[tuple, tuple[Occurrence | None, list[tuple[str, str]]]] = {}
    out: list[Occurrence] = []
    all_gaps = layout_gaps(nt)
    for s0, s1 in _suffix_spans(text):
        if covered_set.covers(s0, s1):
            continue  # the suffix is part of a known name
        lo = max(0, s0 - _WINDOW_LEFT)
        # the known names the suffix may read: those ending in the window, and every name starting
        # where one of them starts (the last one listed wins, as on the whole text)
        ending = by_end[bisect.bisect_left(ends, lo) : bisect.bisect_right(ends, s1)]
        picked = sorted({*ending, *(k for e in ending for k in by_start[gaz[e].start])})
        base = max(0, min([lo, *(gaz[k].start - _WINDOW_BEFORE_HEAD for k in picked)]))
        stop = min(len(text), s1 + _WINDOW_RIGHT)
        window = text[base:stop]
        gaps = _NO_GAPS if not all_gaps else frozenset(
            g - base for g in all_gaps[bisect.bisect_right(all_gaps, base) : bisect.bisect_left(all_gaps, s0)]
        )
        key = (window, s0 - base, s1 - base, gaps, tuple(
            (gaz[k].start - base, gaz[k].end - base, gaz[k].key, tuple(sorted(gaz[k].types)),
             repr(sorted(gaz[k].attrs.items()))) for k in picked))
        if key not in memo:
            local: list[tuple[str, str]] = []
            shifted = [replace(gaz[k], start=gaz[k].start - base, end=gaz[k].end - base) for k in picked]
            found = _zh_suffix_occurrences(
                NormText(window, window, []), shifted, local, [(s0 - base, s1 - base)], gaps
            )
            memo[key] = (found[0] if found else None, local)
        found_one, local = memo[key]
        dropped.extend(local)
        if found_one is not None:
            out.append(_shifted(found_one, base))
    return out


def _shifted(o: Occurrence, by: int) -> Occurrence:
    """A fresh copy of `o` moved `by` characters right (the constructor: `dataclasses.replace` is
    several times slower, and this runs once per suffix)."""
    return Occurrence(o.start + by, o.end + by, set(o.types), o.method, o.confidence, o.key, o.board, dict(o.attrs),
                      o.inferred, o.group, o.role, None if o.name_end is None else o.name_end + by)


#: After a weak suffix, words that make it a description ("车规芯片业务", "芯片公司岚峰半导体").
_DESCRIBED_THING = re.compile(r"(?:业务|领域|行业|赛道|板块|方向|产业|市场|事业部|部门|研发|方案|产品线|机构)")
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
    after = pos_window(text[m.end() : m.end() + 8])
    # ("固态电池企业岱擎新能源": a word jieba does not know is a coined name too)
    return bool(after) and (
        after[0][1] in vocab.PROPER_FLAGS
        or (len(after[0][0]) == 1 and after[0][1] == "nr")
        or (len(after[0][0]) >= 2 and is_cjk(after[0][0][0]) and word_freq(after[0][0]) == 0)
    )
