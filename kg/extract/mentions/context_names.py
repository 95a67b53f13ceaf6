"""Whether words found by context can be an organisation's name, and where the name in a phrase
starts: the checks every context rule (`context_rules`) puts its proposals through.

A name must look like a proper name (jieba tags it as one or does not know it, or it is Latin), must
not be a description ("人工智能公司", "多家机构") and must not contain a function word or an ordinary
verb. Lists are split into members here too, since a list cue says nothing of where a member ends.
"""

from __future__ import annotations

import re
from functools import lru_cache

from kg.extract import vocab
from kg.extract.mentions.base import pos_window
from kg.extract.mentions.orgs_zh import ends_name, is_generic, name_like
from kg.extract.text import is_cjk, longest_first

__all__ = [
    "CLAUSE_START",
    "DESCRIPTORS",
    "FUNCTION_CHARS",
    "ORG_SUFFIX_END",
    "ZH_NAME_CHARS",
    "coined_before_suffix",
    "en_ok",
    "plain_coined",
    "split_list",
    "strip_en",
    "strip_list_intro",
    "trail_name",
    "zh_ok",
]


def _words(*chunks: str) -> frozenset[str]:
    return frozenset(" ".join(chunks).split())


#: Words that describe rather than name ("独角兽" in "AI独角兽X"): a name starts after them.
DESCRIPTORS = _words(
    "公司 企业 独角兽 创企 厂商 初创 初创公司 创业公司 明星 头部 国内 国产 平台 品牌 机构 "
    "团队 大模型 模型 人工智能 智能 科技 AI 通用 新锐  老牌 龙头 巨头 互联网 科技巨头 "
    "大厂 该公司 这家 此前 旗下 其 中国 美国 全球 海外 本土 知名 上市公司 被投 投资方 "
    "投资人 老股东 股东 新股东  基石 投资者 "
    # "充电桩供应商X", "机电工程承建商Y", "新股Z": a line of business before the name
    "供应商 承建商 制造商 开发商 运营商 服务商 生产商 提供商 零售商 经销商 品牌商 新股 次新股 "
)
_BAD_NAMES = _words(
    "公司 该公司 本公司 集团 本轮 此轮 多家 多家机构 其他 其它 其余 老股东 股东 新股东 "
    "投资方 投资人 投资机构 机构 团队 市场 行业 业内 国资  地方国资 产业资本 战略投资者 "
    "基石投资者 外资 资本 创始团队 管理层 员工 用户 客户 市场化 今年 去年 明年 近日 日前 秘密 悄然 正式 "
    "目前 此前 随后 同时 其中  以及 包括 官方 记者 消息 报道 数据 资料 招股书 公告 文件 "
    "北京 上海 深圳 杭州 香港 中国 美国 全球 股票代码 股票代号 股份代号 证券代码 代码 代号 "
    # what a report means, shows or marks ("…资料集,意味已通过上市聆讯"): a verb, not a subject
    "意味 意味着 这意味着 标志 标志着 显示 表明 说明 代表 外界 市场人士 "
    "主板 创业板 科创板 北交所 港股 美股 A股 H股 "
)
_ROLE_NOUNS = _words("投资人 创始人 负责人 合伙人 投资方 参与方 股东 老股东 机构 团队 高管 员工 人士")
ZH_NAME_CHARS = re.compile(r"^[\u4e00-\u9fffA-Za-z0-9·&\-. ]+$")
FUNCTION_CHARS = re.compile(r"[的了是在将对为从被把这那每各很也都就还又并而但或所以因于向等之]")
_SEP_ZH = re.compile(r"\s*(?:、|和|及|以及|与|,)\s*")


def plain_coined(name: str) -> bool:
    """Two to six Chinese characters with no function word in them: a coined name when the list around
    it says names are listed."""
    return 2 <= len(name) <= 6 and all(is_cjk(c) for c in name) and not FUNCTION_CHARS.search(name) and (
        name not in DESCRIPTORS
    )


#: Where a clause starts: the name before a cue is looked for after it.
CLAUSE_START = re.compile(r"[,;:。!?()“”\"\n]")
#: A name that ends in an organisation suffix ("…智能", "…科技", "…资本").
ORG_SUFFIX_END = re.compile(f"(?:{longest_first(vocab.ZH_SUFFIX_TYPES)})$")

_EN_STOP_FIRST = _words(
    "The A An Its It His Her Their This That These Those In On At For By With From "
    "And But Or As If When While After Before Since During Under Over About Chinese "
    "China's State-owned Investors Shares Sources Analysts Company Companies Other "
    "Existing New Both Some Many Several Most All Each Reuters Bloomberg Monday "
    "Tuesday Wednesday Thursday Friday Saturday Sunday January February March April "
    "May June July August September October November December Series Round Seed Angel "
    "Pre-IPO IPO AI CEO CTO He She They We I Mr Mrs Ms Dr "
)
_EN_STOP_ANY = _words(
    "Series Round IPO Inc's Monday Tuesday Wednesday Thursday Friday January February "
    "March April June July August September October November December "
)


def strip_en(name: str) -> tuple[int, str]:
    """Leading "the" and trailing possessives/punctuation off an English candidate."""
    lead = 0
    m = re.match(r"(?:the\s+)", name)
    if m:
        lead = m.end()
        name = name[m.end() :]
    name = re.sub(r"(?:['’]s)?[.,’']*$", "", name)
    return lead, name


def en_ok(name: str) -> bool:
    words = name.split()
    if not words or words[0] in _EN_STOP_FIRST or any(w in _EN_STOP_ANY for w in words):
        return False
    if len(name) < 2 or len(words) > 6:
        return False
    if re.search(r"-(?:based|listed|backed|owned|headquartered|registered|focused|born|made|led)$", name):
        return False
    if name.isupper() and len(name) <= 3:
        return False  # "AI", "US", "HK": abbreviations, not names
    if name in _EN_PLACES:
        return False  # "the Hefei government's investment arm": a place, whose body is not named
    return not (name in vocab.EN_NAME_STOP and len(words) == 1)


#: Province and city names in English (from the region list): alone, a place is no organisation.
_EN_PLACES = frozenset(en for en, _level in vocab.REGIONS.values())


def _name_tokens(chunk: str) -> list[tuple[str, str, int]]:
    """jieba's words of a phrase that ends in a name, with a coined name's last character put back:
    "云芯智"+"算" is how jieba's model cuts an unknown four-character name, reading the last character
    as a verb, which would end the name before it."""
    tokens = list(pos_window(chunk))
    if (
        len(tokens) >= 2
        and len(tokens[-1][0]) == 1
        and is_cjk(tokens[-1][0])
        and not FUNCTION_CHARS.fullmatch(tokens[-1][0])
        and tokens[-2][1] in ("nr", "nrt", "nrfg", "nz", "nt")
        and len(tokens[-2][0]) >= 2
    ):
        word, flag, at = tokens[-2]
        tokens[-2:] = [(word + tokens[-1][0], flag, at)]
    return tokens


@lru_cache(maxsize=65536)
def zh_ok(name: str, strict: bool = True) -> bool:
    """A Chinese (or mixed) string that can be an organisation's name on its own; `strict` also asks
    that it look like a proper name to jieba (a strong context such as a list of investors does not)."""
    if len(name) >= 2 and not any(is_cjk(c) for c in name):
        latin = re.fullmatch(r"[A-Z][A-Za-z0-9&.\- ]{1,30}(?:, (?:Ltd|Limited|Inc|LLC|L\.P)\.?)?", name)
        return bool(latin) and en_ok(name)
    if not (2 <= len(name) <= 16) or not ZH_NAME_CHARS.match(name):
        return False
    if name[0] in "有由获与和及在对向被把将为是等该此其本另多":
        return False
    if name[0] in "两数" and name[1:2] in tuple("家个位名笔轮次年月天条款项只"):
        return False  # "两家", "数位": a count; "两溪基金" is a name
    if name in _BAD_NAMES or name in vocab.GENERIC_PREFIX_WORDS or name in DESCRIPTORS:
        return False
    if name in vocab.REGIONS:
        return False
    if len(name) >= 4 and is_generic(name, False):
        return False  # "员工持股平台", "政策引导资本": who holds shares and why, in words of description
    if name in vocab.ZH_SUFFIX_TYPES:
        return False  # "量子", "科技": the kind of a name without the name ("量旋量子" cut by jieba)
    if name in ("股份", "股权", "股票", "新股", "H股", "A股", "港股"):
        return False  # "合共认购3亿美元股份": what is bought, not who buys
    if re.search(r"(?:财务顾问|顾问|保荐人|承销商)$", name):
        return False  # "担任独家财务顾问": a part in the deal, not who takes it
    if re.search(r"\d", name) and not re.search(r"[A-Za-z]", name):
        return False
    if FUNCTION_CHARS.search(name) and not name_like(name):
        return False

    if re.search(r"(?:轮|融资|增资|募资|募股|注资|配售|亿|万|元|美元|年|月|日|号|称|表示|宣布|完成|获得)$", name):
        return False
    tokens = _name_tokens(name)
    if tokens and all(f == "t" for _w, f, _s in tokens):
        return False  # "昨晚", "周三", "今晨": when, not who
    if len(tokens) >= 2 and tokens[-1][1] == "t" and tokens[0][1] in ("v", "vn", "d"):
        return False  # "预计下周", "将于明年": a verb or adverb and a time, not a name
    if re.search(r"(?:以来|以后|以前|之前|之后|期间|前后|年内|年底|年初)$", name):
        return False  # "今年以来", "上市以来": since when, not who
    if re.search(r"(?:侧|方面|领域|赛道|层面|板块)$", name):
        return False  # "在终端侧持续加码": where money goes, not who puts it
    last = tokens[-1][0] if tokens else ""
    if last in ("们", "者", "人", "家", "方") or last in _ROLE_NOUNS:
        return False

    def joined(i: int) -> bool:
        """A numeral starting a name, or 之 joining two parts of one ("月之暗面")."""
        w, f, _ = tokens[i]
        if _numeral(w, f) and i < len(tokens) - 1:
            return True
        if w == "之" and 0 < i < len(tokens) - 1:
            return True
        return len(w) == 1 and i + 1 < len(tokens) - 1 and tokens[i + 1][0] == "之"

    if any(ends_name(w, f) and not joined(i) and not _adverb_head(tokens, i) for i, (w, f, _) in enumerate(tokens)):
        return False
    if is_generic(name, weak=False):
        return False
    if _numeral(*tokens[0][:2]) and len(tokens) > 1 and len(tokens[-1][0]) > 1:
        return True  # a numeral joined to a word ("零一万物", "五源"): a coined name, not a count
    return name_like(name) or (not strict and len(tokens) >= 1 and not all(len(w) == 1 for w, _, _ in tokens[:1]))


def _adverb_head(tokens: tuple[tuple[str, str, int], ...] | list[tuple[str, str, int]], i: int) -> bool:
    """A two-character adverb opening a name with more after it ("先声" of "先声药业"): an adverb
    modifies no noun, so before a name's last word it is the name's first word."""
    word, flag, _ = tokens[i]
    return i == 0 and flag == "d" and len(word) == 2 and len(tokens) > 1


def _clause_start(text: str, pos: int) -> int:
    """Where the clause holding `pos` starts."""
    while pos > 0 and not CLAUSE_START.match(text[pos - 1]):
        pos -= 1
    return pos


def _numeral(word: str, flag: str) -> bool:
    """Chinese numerals, which start brand names ("零一万物", "五源") as often as they count things."""
    return flag == "m" and bool(re.fullmatch(r"[零一二两三四五六七八九十百千万]+", word))


def trail_name(text: str, start: int, end: int, strict: bool = True) -> tuple[int, int] | None:
    """The proper name that ends a phrase [start, end): jieba words from the right until a function
    word, a verb or a descriptor ("AI独角兽" + name)."""
    while start < end and not (is_cjk(text[start]) or text[start].isalnum()):
        start += 1
    for lead in vocab.REPORTED_ZH.finditer(text, start, end):
        start = lead.end()  # "据报X通过聆讯": who reports is not part of the name
    while end > start and text[end - 1] == " ":
        end -= 1
    if end - start < 2:
        return None
    chunk = text[start:end]
    tokens = _name_tokens(chunk)
    left = len(chunk)
    core = False
    i = len(tokens) - 1
    while i >= 0:
        word, flag, s = tokens[i]
        if word == "之" and i > 0 and left < len(chunk) and len(tokens[i - 1][0]) == 1:
            left = tokens[i - 1][2]  # "月之暗面": 之 joins a name
            i -= 2
            continue
        opening_adverb = _adverb_head(tokens, i) and left < len(chunk) and start == _clause_start(text, start)
        if ends_name(word, flag) and not (_numeral(word, flag) and left < len(chunk)) and not opening_adverb:
            break
        descriptor = word in DESCRIPTORS or word in _BAD_NAMES or word in vocab.REGIONS
        if descriptor and (core or word in _BAD_NAMES):
            break
        if FUNCTION_CHARS.fullmatch(word):
            break
        core = core or not descriptor
        left = s
        i -= 1
    kind = vocab.KIND_ABBREVIATION_ZH.match(chunk, left)
    if kind and len(chunk) - kind.end() >= 2:
        left = kind.end()  # "创新药企白桦医疗": what the company is, then its name
    # the longest tail of the accepted words that can stand as a name ("有腾讯" -> "腾讯")
    for _w, _f, st in tokens:
        if st >= left and zh_ok(chunk[st:], strict):
            return start + st, end
    return None


_LEGAL_TAIL_EN = re.compile(r"(?:Ltd|Limited|Inc|LLC|L\.?P|Co|Corp|Corporation|PLC|GmbH|AG|S\.A)\.?$", re.IGNORECASE)


def split_list(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Members of a 、/和/及 list inside [start, end), each trimmed of quotes and of a trailing
    parenthetical note; an English legal form after a comma stays with its name ("X Advisors, Ltd.")."""
    out: list[tuple[int, int]] = []
    pos_ = start
    seps = [m for m in _SEP_ZH.finditer(text, start, end) if not _inside_parens(text, start, m.start())]
    bounds = [(pos_, seps[0].start())] if seps else [(start, end)]
    for a, b in zip(seps, [*seps[1:], None], strict=False):
        bounds.append((a.end(), b.start() if b else end))
    for s, e in bounds:
        note = re.search(r"\([^()]*\)\s*$", text[s:e])
        if note:
            e = s + note.start()
        while s < e and text[s] in " “”\"「」":
            s += 1
        while e > s and text[e - 1] in " “”\"「」":
            e -= 1
        if e <= s:
            continue
        if out and _LEGAL_TAIL_EN.fullmatch(text[s:e]) and text[out[-1][1] : s].strip() == ",":
            out[-1] = (out[-1][0], e)
            continue
        out.append((s, e))
    return out


def _inside_parens(text: str, start: int, pos: int) -> bool:
    """Is `pos` inside a parenthesis opened after `start`?"""
    chunk = text[start:pos]
    return chunk.count("(") > chunk.count(")")


def strip_list_intro(text: str, s: int, e: int) -> int:
    m = re.match(
        r"(?:由|获|包括|其中|以及|及|和|还有|另有|也有|既有|亦有|有|此外|同时|并由|本轮融资由|本轮由|该轮由|此轮由)+",
        text[s:e],
    )
    return s + m.end() if m else s


def coined_before_suffix(name: str) -> bool:
    """Two or three characters before an organisation suffix, with no function word or generic word
    among them: after a verb of founding that demands a company, a coined name whatever jieba reads in
    it ("算极科技": an everyday verb and an adverb)."""
    suffix = ORG_SUFFIX_END.search(name)
    if suffix is None:
        return False
    prefix = name[: suffix.start()]
    return (
        2 <= len(prefix) <= 3
        and all(is_cjk(c) for c in prefix)
        and not FUNCTION_CHARS.search(prefix)
        # (a lone character jieba cut off is part of the coinage, not a boundary word: 算)
        and not any(len(word) > 1 and word in vocab.ZH_BOUNDARY_WORDS for word, _f, _s in pos_window(prefix))
        and not is_generic(prefix, weak=True)
    )


