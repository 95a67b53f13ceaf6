"""Organisations the gazetteer does not know, found by the role they play in a sentence.

A name no list and no suffix rule catches can still be told apart by its context:

- members of an investor list before 领投 / 跟投 / 参投 ... or after 投资方包括 / 股东包括, and in
  English after "led by", "with participation from", "backed by", "investors including";
- the subject of 完成 … 融资, 递表, 通过聆讯, 上市 and of "raised", "filed for", "priced", "was
  founded", "passed its listing hearing"; "Beijing-based X", "founded X", "a round in X";
- the investor in 获得X的战略投资, and lists closed by 等产业资本 / 等老股东;
- the organisation in an apposition with a title and a person ("X联合创始人兼CTO张三",
  "chief executive of X", "X's founder", "X co-founder"), and the former employers in "前X、Y高管";
- a quoted brand before 旗下 / 公司 ("“X”旗下"), and a Latin brand written in mixed case ("MiniMax",
  "StepFun") next to a company cue in Chinese text;
- a quoted name after a product word ("旗下产品“X”", "AI助手「X」"): a product, not an organisation.

Every proposal is checked: the words must look like a proper name (jieba tags it as one or does not
know it, or it is Latin), must not be a description ("人工智能公司", "多家机构") and must not contain a
function word or an ordinary verb. What is found here has a lower priority than the gazetteer, the
suffix rules and people found by role, so it only fills gaps.
"""

from __future__ import annotations

import re
from functools import lru_cache

from kg.extract import vocab
from kg.extract.mentions.base import pos_window, word_freq
from kg.extract.mentions.orgs_zh import ends_name, is_generic, name_like, reads_as_phrase
from kg.extract.mentions.people import TITLE_ZH_RE
from kg.extract.text import is_cjk, longest_first

__all__ = ["context_org_spans"]


def _words(*chunks: str) -> frozenset[str]:
    return frozenset(" ".join(chunks).split())


#: Words that describe rather than name ("独角兽" in "AI独角兽X"): a name starts after them.
_DESCRIPTORS = _words(
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
_ZH_NAME_CHARS = re.compile(r"^[\u4e00-\u9fffA-Za-z0-9·&\-. ]+$")
_FUNCTION_CHARS = re.compile(r"[的了是在将对为从被把这那每各很也都就还又并而但或所以因于向等之]")
_SEP_ZH = re.compile(r"\s*(?:、|和|及|以及|与|,)\s*")

_INVEST_VERB_ZH = (
    r"(?:联合|共同|继续|持续|均|也|亦|等)*(?:领投|跟投|参投|追投|加注|加码|独家投资|联合投资|共同投资|超额认购)"
)
_LIST_BEFORE_VERB = re.compile(
    r"(?:^|(?<=[,;:。!?()“”\"由获及]))(?P<list>[^,;:。!?()“”\"]{2,90}?)"
    r"(?:等[^,;:。!?()“”\"]{0,10}?)?"
    + _INVEST_VERB_ZH
)
_INVESTMENT_FROM = re.compile(
    r"(?:获得|获|得到|接受|迎来)(?:了)?(?:来自)?(?P<list>[^,;:。!?()“”\"]{2,40}?)(?:等)?(?:的|共同|联合)?"
    r"(?:战略性投资|战略投资|独家投资|投资|注资|增资|入股)"
)
_LIST_BEFORE_KIND = re.compile(
    r"(?:^|(?<=[,;:。!?()“”\"]))(?P<list>[^,;:。!?()“”\"]{2,90}?)等(?:[\d一二三四五六七八九十多]+家)?"
    r"(?:产业资本|投资机构|知名机构|机构投资者|财务投资者|战略投资者|老股东|新股东|股东|投资方|投资人|基石投资者)"
)
#: One character of a list, or a short parenthetical note on a member ("GIC Private Limited(「GIC」)").
_LIST_CHAR = r"(?:[^。;!?()\n]|\([^()\n]{0,40}\))"
_LIST_AFTER_INTRO = re.compile(
    r"(?:投资方|投资人|投资机构|股东|老股东|基石投资者|基石投资人|出资方)(?:阵容)?(?:包括|包含|为|有|是|涵盖)?"
    rf"[^:,。;]{{0,6}}[:]\s*(?P<list>{_LIST_CHAR}{{2,200}}?)(?=等|。|;|$|\n)"
    r"|(?:投资方|投资人|投资机构|股东|老股东|基石投资者|基石投资人|出资方|投资阵容)(?:包括|包含|为|涵盖|有|汇聚了|汇集了)"
    rf"\s*(?P<list2>{_LIST_CHAR}{{2,200}}?)(?=等|。|;|$|\n)"
)
#: "有A这样的地方产业资本", "有B为代表的国有金融机构": an investor named by the kind it stands for.
_MEMBER_OF_KIND = re.compile(
    r"(?P<list>[^,;:。!?()“”\"]{2,60}?)(?:这样的|这类|一类|为代表的|等|这些|这几家|几家)"
    r"(?:地方|国有|市场化|专业|知名|头部|产业|金融|财务|战略|外资|海外|老牌|一线)*"
    r"(?:产业资本|投资机构|金融机构|机构投资者|财务投资者|战略投资者|国资|国资平台|资本|基金|投资方|名字|机构|股东)"
)
def _plain_coined(name: str) -> bool:
    """Two to six Chinese characters with no function word in them: a coined name when the list around
    it says names are listed."""
    return 2 <= len(name) <= 6 and all(is_cjk(c) for c in name) and not _FUNCTION_CHARS.search(name) and (
        name not in _DESCRIPTORS
    )


#: A company with its stock code: "海岳食品(3288)", "海岳食品（股份代号：03288.HK）", "Acme (NASDAQ: ACME)".
_BEFORE_TICKER = re.compile(
    r"(?=\(\s*(?:(?:股份|股票|证券)?代[号码]\s*[:]?\s*|(?:HKEX|SEHK|NASDAQ|Nasdaq|NYSE|SZSE|SSE)\s*[:]\s*)?"
    # Taiwan's "(6987-TW)", "(2330.TW)", "(6488-TWO)" as well
    # (letters alone only with an exchange or a market after them: "视觉-语言-动作(VLA)" is a gloss)
    r"(?:\d{4,6}(?:\.(?:HK|SH|SZ|SS|BJ|US|O|N|TW|TWO)|-(?:TW|TWO|US|HK))?|(?<=:)\s*[A-Z]{2,5}|(?<=:\s)[A-Z]{2,5}"
    r"|[A-Z]{2,5}(?:\.(?:HK|SH|SZ|SS|BJ|US|O|N|TW|TWO)|-(?:TW|TWO|US|HK)))\s*\))"
)
#: Adverbs and times between a company and what it did ("X此前已完成", "X于2024年12月完成",
#: "X周一晚通过"): not part of its name.
_SUBJECT_ADVERBS_ZH = (
    r"(?:已|已经|正式|宣布|近日|日前|今日|今天|昨日|昨天|昨晚|今晨|再次|再度|也|还|刚刚|于|在|此前|先后|累计|"
    r"目前|去年|今年|前不久|不久前|本周|上周|成功|顺利|终于|终|率先|计划|拟|准备|预计|有望|寻求|将|再|又|目标|"
    # the same words in traditional characters
    r"已經|於|計劃|擬|準備|預計|有望|將|目標|再次|近日|日前|今日|"
    r"(?:周|星期)[一二三四五六日天](?:晚间|晚上|早上|晚|早)?|"
    r"(?:\d{4}年)?\d{1,2}月(?:\d{1,2}日)?(?:份)?|\d{4}年(?:初|底|末|中)?)*"
)
_SUBJECT_CUE_ZH = re.compile(
    _SUBJECT_ADVERBS_ZH
    + r"(?:(?:(?:宣布)?完成(?:了)?|获得(?:了)?|获|拿到|斩获|筹集|官宣)[^,。;]{0,24}?融资"
    # "X获A、B等机构投资": the company taking an investment
    r"|(?:获得|获)(?:了)?[^,。;]{2,30}?(?:战略投资|投资|注资|入股)"
    # "X由A与B共同持股", "X由Y全资持有": the company owned
    r"|由[^,。;]{2,30}?(?:共同|联合|全资|独资|全额)(?:持股|持有|拥有|控股|出资)"
    r"|(?:获)?(?:向[^,。;]{2,8})?(?:递表|递交(?:上市申请|招股书|招股说明书|IPO申请)"
    r"|提交(?:上市申请|招股书|IPO申请)|通过(?:[^,。;]{0,8}?)?聆讯|挂牌上市|登陆|敲钟|首挂|上市首日|首日挂牌|暗盘"
    # a debut's first day and its price ("X首日收涨35%", "X今日以每股15港元定价")
    r"|首日(?:收涨|大涨|上涨|高开|低开|破发|收跌|涨幅|股价)|(?:今日|昨日)?以每股[^,。;]{1,12}?定价"
    r"|(?:科创板|创业板|主板)?IPO[^,。;]{0,8}?(?:上市委|上市委员会)"
    # "X于香港联交所主板挂牌"
    r"|(?:于|在)[^,。;]{2,14}?(?:挂牌|上市)(?!申请|计划|辅导)))"
)
#: How often (in jieba's dictionary) a word is too common to be an unknown company's name.
_EVERYDAY_FREQ = 500
#: Conjunctions and adverbs that open a clause whose subject is left out ("并规划…", "还计划…").
_ELIDED_SUBJECT = frozenset("并且还也亦将再又")
_CLAUSE_START = re.compile(r"[,;:。!?()“”\"\n]")

_QUOTED_BRAND = re.compile(
    r"[“\"「](?P<n>[^”\"」\s]{2,12})[”\"」](?=旗下|公司|团队|创始人|联合创始人|CEO|董事长|宣布|完成|获)"
)
#: A quoted name right after a noun for a company ("创业公司“光年之外”", "新公司「星河」") names it.
_QUOTED_AFTER_COMPANY = re.compile(
    r"(?<![该这那本此])(?:创业公司|初创公司|初创企业|新公司|子公司|公司|创企|独角兽)\s*"
    r"[“\"「](?P<n>[^”\"」\s]{2,12})[”\"」]"
)
#: Nouns for a kind of product: what a chip, robot, car, model or drug is called before its name.
_PRODUCT_KIND = (
    r"(?:产品|应用|App|APP|app|助手|大模型|模型|智能体|平台|工具|芯片|晶片|机器人|机械人|机械臂|灵巧手|系列|"
    r"MCU|SoC|SOC|GPU|CPU|NPU|DPU|ASIC|处理器|控制器|传感器|模组|模块|光引擎|引擎|底盘|套件|车型|SUV|MPV|"
    r"轿车|手机|眼镜|无人机|激光雷达|雷达|电池|服务器|相机|操作系统)"
)
#: A quoted name right after a product word ("旗下产品“小川助手”", "AI助手“川问”", "四足机械人「行者X3」",
#: "光引擎「LumiLink 1.6T」") names a product; an investment platform's name is no product.
_QUOTED_PRODUCT = re.compile(
    rf"(?<!投资)(?<!国资)(?<!产业)(?<!基金){_PRODUCT_KIND}\s*"
    r"[“\"「《](?P<n>[^”\"」》\s]{2,16}(?: [A-Za-z0-9.+-]{1,8})?)[”\"」》]"
)
#: A Latin name right after a product word and what the product is made by a verb of making
#: ("打造了视频生成工具 PixVerse", "推出AI助手Kimi"): a product, not a company.
_LATIN_AFTER_PRODUCT_WORD = re.compile(
    r"(?:打造|推出|发布|上线|开发|研发)(?:了|出)?[^,。;!?]{0,12}?(?:工具|应用|App|APP|app|助手|大模型|模型|智能体|平台|产品)"
    r"\s*(?P<n>[A-Z][A-Za-z0-9.+-]{1,24}(?: [A-Z0-9][A-Za-z0-9.+-]{0,12})?)(?![A-Za-z0-9])"
)
#: A model code right after a product word ("核心管线KL-102", "核心产品QT-VLA"): letters, then a hyphen
#: or digits, the way drugs, chips and robots are numbered.
_PRODUCT_CODE = re.compile(
    rf"(?:{_PRODUCT_KIND}|管线|药物|候选药物|型号|新品|旗舰)\s*"
    # "图像处理芯片XY-ISP200", "灵巧手ZH-Hand 3": letters and a code, a version number after a space
    r"(?P<n>[A-Z][A-Za-z]{0,5}(?:-[A-Za-z0-9]{1,8}|[0-9]{1,5})(?:-[A-Za-z0-9]{1,8})?(?: \d{1,2}(?![\d.%]))?)"
    r"(?![A-Za-z0-9])(?!\+?轮)"
)
#: A two-character brand and a model code after a product word ("人形机器人灵枢L1", "SUV深蓝S09"): the way
#: robots and cars are named; a verb before a code ("训练H100") is no brand.
_BRAND_CODE = re.compile(
    rf"{_PRODUCT_KIND}\s*(?P<n>(?P<brand>[\u4e00-\u9fff]{{2}})[A-Z]{{1,3}}\d{{1,4}}[A-Za-z]?)(?![A-Za-z0-9])(?!\+?轮)"
)
_LATIN_BRAND = re.compile(
    r"(?<![A-Za-z0-9])(?P<n>[A-Z][a-z]+[A-Z][A-Za-z]*|[A-Z][a-z]{2,}(?:\s[A-Z][a-z]+)?)(?![A-Za-z0-9])"
    r"(?=\s*(?:旗下|公司|团队|创始人|联合创始人|CEO|首席|董事长|总裁|完成|宣布|获得|获|递表|递交|通过|上市|已|正式|的估值))"
)
_LATIN_BRAND_AFTER = re.compile(
    r"(?:独角兽|创企|公司|企业|厂商|大模型|由|被|对|投资|入股)\s*"
    r"(?P<n>[A-Z][a-z]+[A-Z][A-Za-z]*)(?![A-Za-z0-9])"
)

_TITLE_ZH_ALT = longest_first(vocab.TITLES_ZH)
_ORG_BEFORE_TITLE = re.compile(
    rf"(?<=[\u4e00-\u9fffA-Za-z0-9])(?:的)?(?:前|原)?(?:{_TITLE_ZH_ALT})(?:\s*(?:兼|暨|、|和|及|/)\s*(?:{_TITLE_ZH_ALT}))*"
    r"(?=[\u4e00-\u9fff]{2,4}(?:[,。;、(]|$|离职|表示|称|宣布|出任|担任|已|也|则|在|于|将|曾|是))",
    re.IGNORECASE,
)
#: "an AI agent startup called Mindforge", "a company named Arcwise": the name after the kind.
_EN_NAMED_AS_KIND = r"(?:startup|start-up|company|firm|venture|unit|subsidiary)"
_NAMED_AS_EN = re.compile(
    rf"\b{_EN_NAMED_AS_KIND}\s+(?:called|named|dubbed)\s+(?P<n>[A-Z][A-Za-z0-9]+(?:[ -][A-Z][A-Za-z0-9]+){{0,2}})"
)
#: A company's name given after it was described ("创办了一家自动驾驶公司，取名为“智行者”").
_NAMED_AS_ZH = re.compile(
    r"(?:公司|企业|创企|品牌|新公司)\s*,?\s*(?:取名为|取名|命名为|名为|名叫|叫做)\s*[“\"「『](?P<n>[^”\"」』\s]{2,12})[”\"」』]"
)
#: What a person founded, named right after the verb and closing the clause ("创立了深度智联,并…").
_FOUNDED_OBJECT_ZH = re.compile(
    # ("成立了具身智能公司银河通用": what the company is may come before its name)
    # ("创办人X现任…", "创始人": a founder is a person, not a founding)
    r"(?:联合|共同)?(?:创立|创办|创建|成立)(?![人者])(?:了)?\s*(?P<kind>(?:一家)?[\u4e00-\u9fff]{0,8}?(?:公司|企业|创企|初创公司))?"
    r"\s*(?P<n>[\u4e00-\u9fffA-Za-z0-9]{2,10}?)"
    r"(?=\s*(?:[,。;!?、]|$|并|后))"
)
#: The company a person joined, named right after the verb and closing the clause ("已加盟X,出任…").
_JOINED_ORG_ZH = re.compile(
    r"(?:加盟|加入|入职)(?:了)?\s*(?P<n>[\u4e00-\u9fffA-Za-z0-9]{2,10}?)"
    r"(?=\s*(?:[,。;!?]|$|并|后|担任|出任))"
)
#: The company a person joined to take a post there ("加入欢悦时代(HY),担任CTO"): the post says an
#: organisation was joined, whatever words its name is made of.
_JOINED_FOR_POST_ZH = re.compile(
    r"(?:加盟|加入|入职)(?:了)?\s*(?P<n>[\u4e00-\u9fff]{2,8}?|[A-Z][A-Za-z0-9&.\-]{1,20})"
    r"(?=\s*(?:\([A-Za-z][A-Za-z0-9 .&\-]{0,20}\))?\s*,?\s*(?:并)?(?:担任|出任)\s*(?:公司)?"
    rf"(?:{TITLE_ZH_RE}))"
)
#: The company an investor put money into, named right after the verb of the deal and closing the
#: clause or followed by its round ("红杉中国领投星图智能", "…参投了X的A轮融资").
_DEAL_OBJECT_ZH = re.compile(
    r"(?:联合领投|领投|跟投|参投|追投|独家投资|投资了|入股|注资|增资)(?:了)?\s*"
    r"(?P<n>[\u4e00-\u9fffA-Za-z0-9]{2,10}?)"
    r"(?=\s*(?:[,。;!?、]|$|的?(?:[A-E]\+?|Pre-[A-E]|天使|种子|战略|新一|本|最新|首|新)轮|的?(?:战略)?融资))"
)
#: A short name between a noun for what a company is and the verb of its clause: the kind noun
#: says an organisation's name follows, whatever words jieba reads in it ("先声再明", two adverbs).
_NAMED_AFTER_KIND = re.compile(
    r"(?:药企|车企|(?<!初)创企(?!业)|芯企|险企|初创公司|初创企业|创业公司|控股子公司|全资子公司|子公司|独角兽|新势力|新创公司|新创)"
    r"(?P<n>[\u4e00-\u9fff]{2,6}?)"
    r"(?=\s*(?:向|于|在|将|拟|已|正式|完成|获得|获|宣布|通过|递交|增资|提交|启动|登陆))"
)
#: A company named after what it is and before its round ("具身智能初创企业骁骑机器人的天使轮融资",
#: "芯片公司云栖芯智的A轮融资"): the company being funded.
_NAMED_BEFORE_ROUND = re.compile(
    r"(?<![该这那本此其])(?:公司|企业|(?<!初)创企(?!业)|厂商|品牌|独角兽)"
    r"(?P<n>[\u4e00-\u9fffA-Za-z]{2,8}?)"
    r"(?=的\s*(?:新一|最新一|首)?(?:[A-Z](?:\d|\+)*|Pre-[A-Z]\+?|天使|种子|战略|pre-IPO|Pre-IPO)?\s*\+?轮)"
)
#: A fund or platform named after whose unit it is and what kind ("A旗下专项股权投资基金国投集新拟以…").
_NAMED_AFTER_UNIT_KIND = re.compile(
    r"(?:旗下|下属)(?:的)?[\u4e00-\u9fff]{0,8}?(?:基金|投资平台|平台|子公司)"
    r"(?P<n>[\u4e00-\u9fff]{2,6}?)"
    r"(?=\s*,?\s*(?:拟|将|已|以|于|认缴|出资|投资|领投|参投|跟投|持有|持股|宣布|完成|斥资))"
)
#: A holding vehicle named after who holds it ("由A、B按4:4:2比例持股的湖北长青三期,以…出资").
_NAMED_AFTER_HOLDERS = re.compile(
    r"(?:持股|控股|出资设立|共同设立)的(?P<n>[\u4e00-\u9fff]{2,10}?)"
    r"(?=\s*(?:,\s*)?(?:以|已|将|拟|于|正式|完成|宣布|斥资|出资))"
)
#: A listed company by its short name of two to four characters and 股份, as filings name it
#: ("根据海川股份公告", "海川股份(600123)公告称").
_SHORT_SHARE_NAME = re.compile(
    r"(?:根据|据|(?<=[,。;!?\s]))(?P<n>[\u4e00-\u9fff]{2,4}股份)"
    r"(?=\s*(?:\(\d{6}\)|（\d{6}）)?\s*(?:发布的|的)?(?:公告|发布公告|披露))"
)
#: An English list of a company's products ("Popular apps include Hailuo AI, a video tool, and Talkie").
_EN_PRODUCT_LIST_CUE = re.compile(
    r"\b(?:apps?|applications|products?|models?|tools?|brands?|games?|chatbots?|assistants?)\s+"
    r"(?:include|includes|included|including|such\s+as)\s+"
)
#: An English product by what it is ("the OculaEye 3D vision module") or by a verb of making
#: ("is developing OculaGrip, a gripper"): a coined name or a model code, not an ordinary word.
_EN_PRODUCT_NAMED = re.compile(
    r"(?:\b(?P<the>the|its)|['’]s|\b(?:developing|developed|launched|launches|released|releases|unveiled|unveils|"
    r"introduced|debuted|rolled\s+out))\s+"
    # a coined name, a model code with a hyphen, or (then only with what it is) a bare code ("H20 chip")
    r"(?P<n>[A-Z][a-z]+[A-Z][A-Za-z]*|[A-Z][A-Za-z]*-[A-Z0-9][A-Za-z0-9]*|(?P<code>[A-Z]{1,3}\d{1,4}[A-Za-z]?)|"
    r"(?P<word>[A-Z][a-z]{2,}))(?![\w-])"
    r"(?P<what>(?:\s+[\w-]+){0,3}?\s+(?:modules?|chips?|processors?|grippers?|hands?|arms?|sensors?|robots?|"
    r"humanoids?|lidars?|cameras?|SUVs?|sedans?|cars?|vehicles?|apps?|chatbots?|assistants?|headsets?|glasses|"
    r"drones?|cards?|accelerators?|GPUs?)\b|,\s+an?\s|\s+(?P<series>series|line|family)\b)?"
)
_EN_PRODUCT_ITEM = re.compile(
    r"(?P<n>[A-Z][\w.+-]*(?: [A-Z0-9][\w.+-]*){0,3})"
    # an apposition after the name ("Hailuo AI, a video generation tool,")
    r"(?:,\s+(?:a|an|the)\s+[^,.;]{1,80}?(?=,|\.|;|$))?\s*,?\s*(?:and\s+|or\s+)?"
)
#: An investor opening its clause with the money it spends ("大联大宣布斥资20亿元入股文晔").
_SPENDER_ZH = re.compile(
    r"(?:^|(?<=[,。;!?]))\s*(?P<n>[\u4e00-\u9fffA-Za-z0-9]{2,8}?)"
    r"(?=\s*(?:今日|近日|日前|昨日|已)?\s*(?:宣布|公告)?\s*(?:拟|将)?\s*(?:斥资|出资|耗资)[^,。;]{1,20}?(?:入股|收购|认购|投资|增持))"
)
#: What an owner says of what it owns ("先声药业旗下创新药企…").
_BEFORE_QIXIA = re.compile(r"(?<=[\u4e00-\u9fffA-Za-z0-9])\s*(?:旗下|下属)")
#: The company whose backers a sentence lists ("在星河智能背后…身影", "星河智能的股东名单中…").
_BACKED_COMPANY_ZH = re.compile(
    r"(?:(?<=在)(?P<n>[\u4e00-\u9fffA-Za-z0-9]{2,10}?)(?=(?:的)?背后)"
    r"|(?:^|(?<=[,。;!?]))(?P<n2>[\u4e00-\u9fffA-Za-z0-9]{2,10}?)(?=(?:的)?(?:股东名单|股东阵容)))"
)
#: A company whose founding its clause opens with ("星图智能成立于2023年", "星图智能于2023年4月成立").
_FOUNDING_SUBJECT_ZH = re.compile(
    r"(?:^|(?<=[,。;!?]))\s*(?P<n>[\u4e00-\u9fffA-Za-z0-9]{2,10}?)"
    r"(?=\s*(?:(?:正式|最早)?(?:成立|创立|创办|注册成立)于|于\d{4}年(?:\d{1,2}月)?(?:\d{1,2}日)?(?:正式)?(?:成立|创立)))"
)
#: A name that ends in an organisation suffix ("…智能", "…科技", "…资本").
_ORG_SUFFIX_END = re.compile(f"(?:{longest_first(vocab.ZH_SUFFIX_TYPES)})$")
#: "是X的联合创始人": the company a person founded, before the title.
_FOUNDER_OF_ZH = re.compile(
    r"(?:是|为|系|作为)\s*(?P<n>[^,。;!?的\s]{2,12})的(?:联合|共同)?(?:创始人|创办人)"
)
_FORMER_EMPLOYERS = re.compile(
    r"前(?P<list>[^,;:。!?()“”\"]{2,40}?)(?:的)?(?:高管|副总裁|总裁|高级副总裁|工程师|研究员|首席[\u4e00-\u9fff]{2,4}|CEO|CTO)",
    re.IGNORECASE,
)

# -- English ---------------------------------------------------------------------------------------

_EN_WORD = r"[A-Z][A-Za-z0-9&'’\-]*(?:\.(?=[A-Za-z0-9])[A-Za-z0-9&'’\-]*)*"
_EN_PHRASE = rf"{_EN_WORD}(?:\s+(?:(?:of|for|de|&)\s+)?{_EN_WORD}){{0,5}}"
_EN_LIST_SEP = r"(?:\s*,\s*(?:and\s+|as\s+well\s+as\s+)?|\s+and\s+|\s+as\s+well\s+as\s+)"
_EN_LIST = rf"(?:the\s+)?{_EN_PHRASE}(?:{_EN_LIST_SEP}(?:the\s+)?{_EN_PHRASE})*"
_EN_LIST_CUES = re.compile(
    rf"(?:(?:co-)?led\s+by|headed\s+by|participation\s+(?:from|of|by)|backed\s+by|joined\s+by|"
    rf"investors?\s+(?:including|include|included|such\s+as|were|are)|including|alongside|"
    rf"cornerstone\s+investors?\s+(?:including|include|such\s+as))\s+(?P<list>{_EN_LIST})"
)
#: "backed by the Abu Dhabi government": a place whose government it is, not an investor's name
_EN_GOVERNMENT_AFTER = re.compile(
    r"\s+(?:municipal\s+|city\s+|provincial\s+|district\s+|local\s+|central\s+|state\s+)?government\b", re.IGNORECASE
)
_EN_LIST_BEFORE = re.compile(
    rf"(?:^|(?<=[.;,]\s)|(?<=\n))(?P<list>{_EN_LIST})\s+(?:(?:also|each)\s+)?"
    r"(?:led|co-led|participated\s+in|joined|invested\s+in)\s+the\s+(?:round|financing|deal|fundraising|investment)"
)
_EN_SUBJECT = re.compile(
    rf"(?:^|(?<=[.;!?]\s)|(?<=\n))(?P<n>{_EN_PHRASE})(?:\s*\([^()]{{1,40}}\))?(?:,\s+[^,;.]{{3,90}},)?\s+"
    r"(?:has\s+|have\s+|had\s+|on\s+\w+\s+)?"
    r"(?:raised|closed|secured|completed|received|landed|attracted|bagged|filed\s+(?:for|to)|debuted|priced|"
    r"listed|went\s+public|"
    r"was\s+(?:co-?founded|founded|established|set\s+up|spun\s+(?:out|off)|incubated|started)|"
    r"(?:launched|released|unveiled|introduced)\s+(?:its|a|an|the)\s|"
    r"passed\s+(?:its|a|the)\s+(?:listing\s+)?hearing|"
    r"said\s+(?:it|on)|announced|launched\s+(?:its|an|a)\s+(?:IPO|initial|share)|"
    r"is\s+(?:seeking|planning)\s+to\s+raise|"
    # "Lumina counts Alibaba and Tencent among its cornerstone investors": whose backers they are
    r"counts\s+(?=[^.;!?]{2,160}\bamong\s+(?:its|their)\s+(?:[a-z-]+\s+)?(?:investors|backers|shareholders)))"
)
#: An English phrase on one line: a headline's last word is not the start of the dateline's name.
_EN_PHRASE_LINE = _EN_PHRASE.replace(r"\s+", r"[ \t]+")
#: A company whose shares move or debut: "Shares of X jumped", "X shares rose", "X made its debut".
_EN_SHARES = re.compile(
    rf"\b[Ss]hares\s+(?:of|in)\s+(?:the\s+)?(?P<n>{_EN_PHRASE_LINE})\s+(?:jumped|rose|surged|soared|fell|dropped|slumped|"
    r"opened|closed|ended|began|started|climbed|gained|tumbled|sank|debuted|more\s+than|were|have|had)\b"
    rf"|(?:^|(?<=[.;!?]\s)|(?<=\n))(?P<n2>{_EN_PHRASE_LINE})(?:'s|’s)?\s+(?:shares|stock)\s+(?:jumped|rose|surged|soared|fell|"
    r"dropped|slumped|opened|closed|ended|began|started|climbed|gained|tumbled|sank|debuted)\b"
    rf"|(?:^|(?<=[.;!?]\s)|(?<=\n))(?P<n3>{_EN_PHRASE_LINE})\s+(?:made|makes|will\s+make)\s+(?:its|a|their)\s+"
    r"(?:\w+\s+){0,2}debut\b"
)
#: A company named by what is said of it in English: "Tencent-backed X", "X's IPO", "X is listed on",
#: "X, which listed in Hong Kong".
_EN_SUBJECT_MORE = re.compile(
    rf"-backed[ \t]+(?:[a-z][\w-]*[ \t]+){{0,3}}(?P<n>{_EN_PHRASE_LINE})(?=[ \t]+(?:said|says|has|have|had|is|was|"
    r"will|plans|raised|filed|closed|announced|listed|debuted)\b|,)"
    rf"|(?:^|(?<=[.;!?]\s)|(?<=\n))(?P<n2>{_EN_PHRASE_LINE})(?:'s|’s)[ \t]+(?:IPO|listing|initial[ \t]+public|"
    r"debut|shares|stock|prospectus)\b"
    rf"|(?:^|(?<=[.;!?]\s)|(?<=\n))(?P<n3>{_EN_PHRASE_LINE})(?:[ \t]+(?:is|are|was|were|has[ \t]+been)[ \t]+listed|"
    r",[ \t]+which[ \t]+(?:listed|went[ \t]+public|debuted|raised|filed))\b"
)
#: A company named after its description ("Shenzhen startup DeepWay closed …", "Huawei's chip partner
#: SiCarrier"): the capitalised words after a lower-case noun for a company.
_EN_DESCRIBED = re.compile(
    r"(?:\b(?:startup|start-up|company|firm|unicorn|chipmaker|carmaker|automaker|maker|developer|partner|"
    r"supplier|rival|peer|unit|subsidiary|affiliate|spinoff|spin-off)\s+)"
    rf"(?P<n>{_EN_PHRASE_LINE})(?=[ \t]*(?:,|[ \t](?:has|had|have|is|was|said|says|closed|raised|secured|completed|"
    r"filed|announced|received|landed|debuted|priced|listed|plans|will|which|that|in|on|for|to|at|as|and)\b|[.;]|$))"
)
_EN_TITLE_ALT = longest_first(vocab.TITLES_EN)
_EN_TITLE_OF = re.compile(
    rf"(?i:{_EN_TITLE_ALT})(?:\s+and\s+(?i:{_EN_TITLE_ALT}))?\s+(?:of|at)\s+(?:the\s+)?(?P<n>{_EN_PHRASE})"
)
_EN_POSSESSIVE_TITLE = re.compile(
    rf"(?P<n>{_EN_PHRASE})(?:'s|’s)\s+(?:(?:former|then|new|current)\s+)?(?i:{_EN_TITLE_ALT})"
)
_EN_ORG_TITLE_NAME = re.compile(
    rf"(?P<n>{_EN_PHRASE})\s+(?:co-founder|founder|CEO|CTO|chairman|president|chief\s+executive|"
    r"chief\s+scientist)\s+[A-Z][a-z]+\s+[A-Z][a-z]+"
)
_EN_LEFT_FROM = re.compile(
    rf"(?:left|quit|departed(?:\s+from)?|worked\s+at|joined\s+from|previously\s+at|formerly\s+(?:of|at)|"
    rf"spun\s+(?:out|off)\s+(?:of|from)|incubated\s+(?:at|by))\s+(?:the\s+)?(?P<n>{_EN_PHRASE})"
)
_EN_JOINED = re.compile(
    rf"(?:joined|joins|rejoined)\s+(?:the\s+)?(?P<n>{_EN_PHRASE})\s+(?:as|in\s+\d{{4}}\s+as)\s"
)
_EN_FOUNDED_OBJECT = re.compile(
    rf"\b(?:co-?founded|founded|established|set\s+up|started)\s+(?:the\s+)?(?P<n>{_EN_PHRASE})"
)
_EN_ROUND_IN = re.compile(
    rf"\b(?:round|financing|investment|stake|funding)\s+(?:in|into)\s+(?:the\s+)?(?P<n>{_EN_PHRASE})"
    # "will hold about 23% of Tuojing Jianke": the company a share is of
    rf"|\b(?:own|owns|hold|holds|control|controls|held|owned)\s+(?:about\s+|roughly\s+|some\s+|nearly\s+)?"
    rf"\d{{1,3}}(?:\.\d+)?\s*(?:%|percent|per\s+cent)\s+(?:stake\s+)?(?:of|in)\s+(?:the\s+)?(?P<n2>{_EN_PHRASE})"
)
_EN_FORMER_TITLE = re.compile(
    rf"(?i:former|ex-|onetime|one-time)\s*(?P<n>{_EN_PHRASE})\s+(?i:{_EN_TITLE_ALT}|executive|researcher|"
    r"engineer|employee|scientist|manager|director)\b"
)
_EN_BASED = re.compile(
    rf"\b[A-Z][a-z]+(?:\s[A-Z][a-z]+)?-(?:based|headquartered)\s+(?P<n>{_EN_PHRASE})"
)
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


def _strip_en(name: str) -> tuple[int, str]:
    """Leading "the" and trailing possessives/punctuation off an English candidate."""
    lead = 0
    m = re.match(r"(?:the\s+)", name)
    if m:
        lead = m.end()
        name = name[m.end() :]
    name = re.sub(r"(?:['’]s)?[.,’']*$", "", name)
    return lead, name


def _en_ok(name: str) -> bool:
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
        and not _FUNCTION_CHARS.fullmatch(tokens[-1][0])
        and tokens[-2][1] in ("nr", "nrt", "nrfg", "nz", "nt")
        and len(tokens[-2][0]) >= 2
    ):
        word, flag, at = tokens[-2]
        tokens[-2:] = [(word + tokens[-1][0], flag, at)]
    return tokens


@lru_cache(maxsize=65536)
def _zh_ok(name: str, strict: bool = True) -> bool:
    """A Chinese (or mixed) string that can be an organisation's name on its own; `strict` also asks
    that it look like a proper name to jieba (a strong context such as a list of investors does not)."""
    if len(name) >= 2 and not any(is_cjk(c) for c in name):
        latin = re.fullmatch(r"[A-Z][A-Za-z0-9&.\- ]{1,30}(?:, (?:Ltd|Limited|Inc|LLC|L\.P)\.?)?", name)
        return bool(latin) and _en_ok(name)
    if not (2 <= len(name) <= 16) or not _ZH_NAME_CHARS.match(name):
        return False
    if name[0] in "有由获与和及在对向被把将为是等该此其本另多":
        return False
    if name[0] in "两数" and name[1:2] in tuple("家个位名笔轮次年月天条款项只"):
        return False  # "两家", "数位": a count; "两溪基金" is a name
    if name in _BAD_NAMES or name in vocab.GENERIC_PREFIX_WORDS or name in _DESCRIPTORS:
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
    if _FUNCTION_CHARS.search(name) and not name_like(name):
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
    while pos > 0 and not _CLAUSE_START.match(text[pos - 1]):
        pos -= 1
    return pos


def _numeral(word: str, flag: str) -> bool:
    """Chinese numerals, which start brand names ("零一万物", "五源") as often as they count things."""
    return flag == "m" and bool(re.fullmatch(r"[零一二两三四五六七八九十百千万]+", word))


def _trail_name(text: str, start: int, end: int, strict: bool = True) -> tuple[int, int] | None:
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
        descriptor = word in _DESCRIPTORS or word in _BAD_NAMES or word in vocab.REGIONS
        if descriptor and (core or word in _BAD_NAMES):
            break
        if _FUNCTION_CHARS.fullmatch(word):
            break
        core = core or not descriptor
        left = s
        i -= 1
    kind = vocab.KIND_ABBREVIATION_ZH.match(chunk, left)
    if kind and len(chunk) - kind.end() >= 2:
        left = kind.end()  # "创新药企白桦医疗": what the company is, then its name
    # the longest tail of the accepted words that can stand as a name ("有腾讯" -> "腾讯")
    for _w, _f, st in tokens:
        if st >= left and _zh_ok(chunk[st:], strict):
            return start + st, end
    return None


_LEGAL_TAIL_EN = re.compile(r"(?:Ltd|Limited|Inc|LLC|L\.?P|Co|Corp|Corporation|PLC|GmbH|AG|S\.A)\.?$", re.IGNORECASE)


def _split_list(text: str, start: int, end: int) -> list[tuple[int, int]]:
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


def _strip_list_intro(text: str, s: int, e: int) -> int:
    m = re.match(
        r"(?:由|获|包括|其中|以及|及|和|还有|另有|也有|既有|亦有|有|此外|同时|并由|本轮融资由|本轮由|该轮由|此轮由)+",
        text[s:e],
    )
    return s + m.end() if m else s


def _coined_before_suffix(name: str) -> bool:
    """Two or three characters before an organisation suffix, with no function word or generic word
    among them: after a verb of founding that demands a company, a coined name whatever jieba reads in
    it ("算极科技": an everyday verb and an adverb)."""
    suffix = _ORG_SUFFIX_END.search(name)
    if suffix is None:
        return False
    prefix = name[: suffix.start()]
    return (
        2 <= len(prefix) <= 3
        and all(is_cjk(c) for c in prefix)
        and not _FUNCTION_CHARS.search(prefix)
        # (a lone character jieba cut off is part of the coinage, not a boundary word: 算)
        and not any(len(word) > 1 and word in vocab.ZH_BOUNDARY_WORDS for word, _f, _s in pos_window(prefix))
        and not is_generic(prefix, weak=True)
    )


def context_org_spans(text: str) -> list[tuple[int, int, str, float]]:
    """(start, end, cue, confidence) of organisation names found by context in normalised `text`."""
    found: dict[tuple[int, int], tuple[str, float]] = {}

    def add(s: int, e: int, cue: str, conf: float) -> None:
        if e - s >= 4 and is_cjk(text[s]) and is_generic(text[s:e], False):
            return  # "员工持股平台、A等产业资本": a kind of holder listed among the names
        if e - s >= 2 and (s, e) not in found:
            found[(s, e)] = (cue, conf)

    def add_member(s: int, e: int, cue: str, conf: float, strict: bool = True) -> None:
        name = text[s:e]
        if _zh_ok(name, strict):
            add(s, e, cue, conf)
            return
        span = _trail_name(text, s, e, strict)
        if span and span[1] == e:
            add(*span, cue, conf * 0.9)

    # Chinese investor lists
    for m in _LIST_BEFORE_VERB.finditer(text):
        s, e = m.span("list")
        s = _strip_list_intro(text, s, e)
        members = _split_list(text, s, e)
        if len(members) == 1:
            span = _trail_name(text, *members[0], strict=False)
            if span:
                add(*span, "investor-list", 0.65)
            continue
        for ms, me in members:
            add_member(ms, me, "investor-list", 0.65, strict=False)
    for m in _INVESTMENT_FROM.finditer(text):
        s, e = m.span("list")
        members = _split_list(text, s, e)
        for ms, me in members:
            add_member(ms, me, "investor-list", 0.6, strict=len(members) < 2)
    for m in _LIST_BEFORE_KIND.finditer(text):
        s, e = m.span("list")
        s = _strip_list_intro(text, s, e)
        members = _split_list(text, s, e)
        if len(members) >= 2:
            for ms, me in members:
                add_member(ms, me, "investor-list", 0.6, strict=False)
    for m in _LIST_AFTER_INTRO.finditer(text):
        group = "list" if m.group("list") is not None else "list2"
        s, e = m.span(group)
        members = _split_list(text, s, e)
        for ms, me in members:
            add_member(ms, me, "investor-list", 0.6, strict=len(members) < 2)
    for m in _MEMBER_OF_KIND.finditer(text):
        s, e = m.span("list")
        s = _strip_list_intro(text, s, e)
        members = _split_list(text, s, e)
        # in a list of three or more where two read as names, a coined member made of ordinary words
        # ("潜江零度": a place and a word) is a name too
        named = sum(_zh_ok(text[ms:me], False) for ms, me in members)
        for ms, me in members:
            if len(members) >= 3 and named >= 2 and _plain_coined(text[ms:me]):
                add(ms, me, "investor-list", 0.55)
            else:
                add_member(ms, me, "investor-list", 0.6, strict=False)
    # a company with its stock code
    for m in _BEFORE_TICKER.finditer(text):
        end = m.start()
        while end > 0 and text[end - 1] == " ":
            end -= 1
        begin = end
        while begin > 0 and end - begin < 24 and not _CLAUSE_START.match(text[begin - 1]):
            begin -= 1
        if end > begin and text[end - 1].isascii():
            en = re.search(rf"{_EN_PHRASE}$", text[begin:end])
            if en and _en_ok(_strip_en(en.group(0))[1]):
                lead, name = _strip_en(en.group(0))
                add(begin + en.start() + lead, begin + en.start() + lead + len(name), "subject", 0.65)
            continue
        span = _trail_name(text, begin, end, strict=False)
        if span and _zh_ok(text[span[0] : span[1]], strict=False):
            add(*span, "subject", 0.65)
    # subjects of funding and IPO steps
    for m in _SUBJECT_CUE_ZH.finditer(text):
        end = m.start()
        begin = end
        while begin > 0 and end - begin < 30 and not _CLAUSE_START.match(text[begin - 1]):
            begin -= 1
        span = _trail_name(text, begin, end, strict=False)
        if span and span[0] > begin and text[span[0] - 1] in _ELIDED_SUBJECT and word_freq(text[span[0] : span[1]]) > 0:
            continue  # "，并规划于2027年上市": a verb after 并, its subject left out, not a name
        if span and word_freq(text[span[0] : span[1]]) >= _EVERYDAY_FREQ and not _ORG_SUFFIX_END.search(
            text[span[0] : span[1]]
        ):
            continue  # "按特专科技公司规则在主板上市": an everyday word (规则) is no company's name
        if span:
            add(*span, "subject", 0.6)
    # a name right after what the company is ("创新药企先声再明向港交所…", "控股子公司拓荆键科增资")
    # (each rarer pattern only where its words are: an article's text is scanned once per pattern)
    after_kind: list[re.Match[str]] = list(_NAMED_AFTER_KIND.finditer(text))
    if "旗下" in text or "下属" in text:
        after_kind += _NAMED_AFTER_UNIT_KIND.finditer(text)
    if re.search(r"(?:持股|控股|设立)的", text):
        after_kind += _NAMED_AFTER_HOLDERS.finditer(text)
    if "股份" in text:
        after_kind += _SHORT_SHARE_NAME.finditer(text)
    if "轮" in text:
        after_kind += _NAMED_BEFORE_ROUND.finditer(text)
    for m in after_kind:
        name = m.group("n")
        if _zh_ok(name, strict=False) or (
            not _FUNCTION_CHARS.search(name) and all(is_cjk(c) for c in name) and name not in _DESCRIPTORS
            and word_freq(name) < 100  # "创业公司普遍在收缩": an everyday word after the kind, no name
        ):
            # ("旗下专项基金X": a fund by its kind, an investor; the others are companies)
            kind = m.group(0)[: m.start("n") - m.start()]
            fund = m.re is _NAMED_AFTER_UNIT_KIND and re.search(r"基金|投资平台", kind)
            add(*m.span("n"), "fund-name" if fund else "subject", 0.55)
    # the owner of a unit, a fund or a product ("先声药业旗下…")
    for m in _BEFORE_QIXIA.finditer(text) if ("旗下" in text or "下属" in text) else ():
        end = m.start()
        begin = end
        while begin > 0 and end - begin < 16 and not _CLAUSE_START.match(text[begin - 1]):
            begin -= 1
        span = _trail_name(text, begin, end, strict=False)
        if span and _ORG_SUFFIX_END.search(text[span[0] : span[1]]):
            add(*span, "subject", 0.55)
    # organisation + title + person
    for m in _ORG_BEFORE_TITLE.finditer(text):
        end = m.start()
        begin = end
        while begin > 0 and end - begin < 16 and not _CLAUSE_START.match(text[begin - 1]):
            begin -= 1
        span = _trail_name(text, begin, end)
        if span:
            add(*span, "title-apposition", 0.6)
            # "A和B创始人": each member of a short list before the title
            head = re.search(r"(?:^|[、和与及])([^、和与及]{2,12})[、和与及]$", text[begin : span[0]])
            if head and _zh_ok(head.group(1)):
                add(begin + head.start(1), begin + head.end(1), "title-apposition", 0.55)
    for m in _FORMER_EMPLOYERS.finditer(text):
        s, e = m.span("list")
        members = _split_list(text, s, e)
        for ms, me in members:
            add_member(ms, me, "former-employer", 0.55, strict=len(members) < 2)
    objects = [_FOUNDED_OBJECT_ZH, _FOUNDER_OF_ZH, _JOINED_ORG_ZH, _DEAL_OBJECT_ZH, _FOUNDING_SUBJECT_ZH, _SPENDER_ZH]
    if "背后" in text or "股东名单" in text or "股东阵容" in text:
        objects.append(_BACKED_COMPANY_ZH)
    for regex in objects:
        for m in regex.finditer(text):
            # the verb says an organisation follows; a suffix that says so too ("星图智能", made of
            # dictionary words) is enough, where a bare phrase must still look like a proper name
            group = "n" if m.group("n") is not None else "n2"
            # (a noun for a company right before the name says a name follows, as a suffix would)
            strict = not _ORG_SUFFIX_END.search(m.group(group)) and not m.groupdict().get("kind")
            if m.groupdict().get("kind") and _plain_coined(m.group(group)) and not reads_as_phrase(m.group(group)):
                add(*m.span(group), "subject", 0.55)  # "成立了具身智能公司银河通用": named after its kind
                continue
            if regex is _FOUNDED_OBJECT_ZH and _coined_before_suffix(m.group(group)):
                add(*m.span(group), "subject", 0.55)  # "创办了算极科技": a verb and an adverb to jieba
                continue
            add_member(*m.span(group), "subject", 0.55, strict=strict)
    for m in _JOINED_FOR_POST_ZH.finditer(text) if "担任" in text or "出任" in text else ():
        name = m.group("n")
        if name.isascii() or (not reads_as_phrase(name) and not is_generic(name, False) and name not in _DESCRIPTORS):
            add(*m.span("n"), "subject", 0.55)
    for listing in _EN_PRODUCT_LIST_CUE.finditer(text) if "include" in text or "such as" in text else ():
        at = listing.end()
        while (item := _EN_PRODUCT_ITEM.match(text, at)) and item.end() > at:
            if _en_ok(item.group("n")):
                add(*item.span("n"), "product", 0.55)
            at = item.end()
    for m in _EN_PRODUCT_NAMED.finditer(text) if text.isascii() or " " in text else ():
        # after "the", only what the name is makes it a product ("the ByteDance team" is no product)
        # a bare code is a product only with what it is after it ("Nvidia's H20 chip"); an ordinary
        # capitalised word only as a maker's series ("Huawei's Ascend series")
        if m.group("code"):
            ok = bool(m.group("what"))
        elif m.group("word"):
            ok = bool(m.group("series") or m.group("what")) and m.group(0)[0] in "'’"
        else:
            ok = bool(m.group("what") or not m.group("the")) and _en_ok(m.group("n"))
        if ok:
            add(*m.span("n"), "product", 0.55)
    for m in _LATIN_AFTER_PRODUCT_WORD.finditer(text):
        if _en_ok(m.group("n")):
            add(*m.span("n"), "product", 0.55)
    for m in _PRODUCT_CODE.finditer(text):
        add(*m.span("n"), "product", 0.55)
    for m in _BRAND_CODE.finditer(text):
        flags = [flag for _w, flag, _s in pos_window(m.group("brand"))]
        if not any(flag.startswith("v") or flag in ("d", "p", "c", "r", "m") for flag in flags):
            add(*m.span("n"), "product", 0.55)
    for m in _QUOTED_PRODUCT.finditer(text):
        name = m.group("n")
        if not re.search(r"[的了是在将和与,。]", name):
            add(*m.span("n"), "product", 0.6)
    for m in _NAMED_AS_EN.finditer(text):
        if _en_ok(m.group("n")):
            add(*m.span("n"), "subject", 0.6)
    for m in _NAMED_AS_ZH.finditer(text):
        if not reads_as_phrase(m.group("n")):
            add(*m.span("n"), "quoted-brand", 0.6)
    for m in _QUOTED_BRAND.finditer(text):
        if _zh_ok(m.group("n")):
            add(*m.span("n"), "quoted-brand", 0.6)
    for m in _QUOTED_AFTER_COMPANY.finditer(text):
        # the quotes mark the name, so words that end names elsewhere may be inside it ("光年之外");
        # scare quotes around a phrase ("高度重视") are not a name
        name = m.group("n")
        if _ZH_NAME_CHARS.match(name) and not reads_as_phrase(name) and name not in _DESCRIPTORS:
            add(*m.span("n"), "quoted-brand", 0.6)
    for regex in (_LATIN_BRAND, _LATIN_BRAND_AFTER):
        for m in regex.finditer(text):
            if _en_ok(m.group("n")):
                add(*m.span("n"), "latin-brand", 0.6)
    # English
    for regex, cue in (
        (_EN_LIST_CUES, "investor-list"),
        (_EN_LIST_BEFORE, "investor-list"),
    ):
        for m in regex.finditer(text):
            s0 = m.start("list")
            for item in re.finditer(rf"(?:the\s+)?{_EN_PHRASE}", m.group("list")):
                raw = item.group(0)
                if raw in ("and",):
                    continue
                lead, name = _strip_en(raw)
                s = s0 + item.start() + lead
                if _en_ok(name) and not _EN_GOVERNMENT_AFTER.match(text, s + len(name)):
                    add(s, s + len(name), cue, 0.6)
    for m in (*_EN_SHARES.finditer(text), *_EN_SUBJECT_MORE.finditer(text)):
        group = next(g for g in ("n", "n2", "n3") if m.group(g) is not None)
        lead, name = _strip_en(m.group(group))
        if _en_ok(name):
            s = m.start(group) + lead
            add(s, s + len(name), "subject", 0.6)
    for regex, cue in (
        (_EN_SUBJECT, "subject"),
        (_EN_TITLE_OF, "title-apposition"),
        (_EN_POSSESSIVE_TITLE, "title-apposition"),
        (_EN_ORG_TITLE_NAME, "title-apposition"),
        (_EN_LEFT_FROM, "former-employer"),
        (_EN_JOINED, "title-apposition"),
        (_EN_FORMER_TITLE, "former-employer"),
        (_EN_BASED, "subject"),
        (_EN_DESCRIBED, "subject"),
        (_EN_FOUNDED_OBJECT, "subject"),
        (_EN_ROUND_IN, "subject"),
    ):
        for m in regex.finditer(text):
            group = "n" if m.group("n") is not None else "n2"
            lead, name = _strip_en(m.group(group))
            if _en_ok(name):
                s = m.start(group) + lead
                add(s, s + len(name), cue, 0.6)
    return [(s, e, cue, conf) for (s, e), (cue, conf) in sorted(found.items())]
