"""The regular expressions of the context rules (`context_rules`): each finds words that, by the part
they play in the sentence, name an organisation (or a product) nobody listed. A pattern only proposes;
its rule's handler checks the words (`context_names`).

Named groups: `n` (or `n2`, `n3` in another alternative) is the name, `list` (`list2`) a list of names.
"""

from __future__ import annotations

import re

from kg.extract.mentions.base import TITLE_EN_ALT, TITLE_ZH_ALT
from kg.extract.mentions.people import TITLE_ZH_RE

# -- Chinese ---------------------------------------------------------------------------------------

_INVEST_VERB_ZH = (
    r"(?:联合|共同|继续|持续|均|也|亦|等)*(?:领投|跟投|参投|追投|加注|加码|独家投资|联合投资|共同投资|超额认购)"
)
LIST_BEFORE_VERB = re.compile(
    r"(?:^|(?<=[,;:。!?()“”\"由获及]))(?P<list>[^,;:。!?()“”\"]{2,90}?)"
    r"(?:等[^,;:。!?()“”\"]{0,10}?)?"
    + _INVEST_VERB_ZH
)
INVESTMENT_FROM = re.compile(
    r"(?:获得|获|得到|接受|迎来)(?:了)?(?:来自)?(?P<list>[^,;:。!?()“”\"]{2,40}?)(?:等)?(?:的|共同|联合)?"
    r"(?:战略性投资|战略投资|独家投资|投资|注资|增资|入股)"
)
LIST_BEFORE_KIND = re.compile(
    r"(?:^|(?<=[,;:。!?()“”\"]))(?P<list>[^,;:。!?()“”\"]{2,90}?)等(?:[\d一二三四五六七八九十多]+家)?"
    r"(?:产业资本|投资机构|知名机构|机构投资者|财务投资者|战略投资者|老股东|新股东|股东|投资方|投资人|基石投资者)"
)
#: One character of a list, or a short parenthetical note on a member ("GIC Private Limited(「GIC」)").
_LIST_CHAR = r"(?:[^。;!?()\n]|\([^()\n]{0,40}\))"
LIST_AFTER_INTRO = re.compile(
    r"(?:投资方|投资人|投资机构|股东|老股东|基石投资者|基石投资人|出资方)(?:阵容)?(?:包括|包含|为|有|是|涵盖)?"
    rf"[^:,。;]{{0,6}}[:]\s*(?P<list>{_LIST_CHAR}{{2,200}}?)(?=等|。|;|$|\n)"
    r"|(?:投资方|投资人|投资机构|股东|老股东|基石投资者|基石投资人|出资方|投资阵容)(?:包括|包含|为|涵盖|有|汇聚了|汇集了)"
    rf"\s*(?P<list2>{_LIST_CHAR}{{2,200}}?)(?=等|。|;|$|\n)"
)
#: "有A这样的地方产业资本", "有B为代表的国有金融机构": an investor named by the kind it stands for.
MEMBER_OF_KIND = re.compile(
    r"(?P<list>[^,;:。!?()“”\"]{2,60}?)(?:这样的|这类|一类|为代表的|等|这些|这几家|几家)"
    r"(?:地方|国有|市场化|专业|知名|头部|产业|金融|财务|战略|外资|海外|老牌|一线)*"
    r"(?:产业资本|投资机构|金融机构|机构投资者|财务投资者|战略投资者|国资|国资平台|资本|基金|投资方|名字|机构|股东)"
)
#: A company with its stock code: "海岳食品(3288)", "海岳食品（股份代号：03288.HK）", "Acme (NASDAQ: ACME)".
BEFORE_TICKER = re.compile(
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
SUBJECT_CUE_ZH = re.compile(
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
QUOTED_BRAND = re.compile(
    r"[“\"「](?P<n>[^”\"」\s]{2,12})[”\"」](?=旗下|公司|团队|创始人|联合创始人|CEO|董事长|宣布|完成|获)"
)
#: A quoted name right after a noun for a company ("创业公司“光年之外”", "新公司「星河」") names it.
QUOTED_AFTER_COMPANY = re.compile(
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
QUOTED_PRODUCT = re.compile(
    rf"(?<!投资)(?<!国资)(?<!产业)(?<!基金){_PRODUCT_KIND}\s*"
    r"[“\"「《](?P<n>[^”\"」》\s]{2,16}(?: [A-Za-z0-9.+-]{1,8})?)[”\"」》]"
)
#: A Latin name right after a product word and what the product is made by a verb of making
#: ("打造了视频生成工具 PixVerse", "推出AI助手Kimi"): a product, not a company.
LATIN_AFTER_PRODUCT_WORD = re.compile(
    r"(?:打造|推出|发布|上线|开发|研发)(?:了|出)?[^,。;!?]{0,12}?(?:工具|应用|App|APP|app|助手|大模型|模型|智能体|平台|产品)"
    r"\s*(?P<n>[A-Z][A-Za-z0-9.+-]{1,24}(?: [A-Z0-9][A-Za-z0-9.+-]{0,12})?)(?![A-Za-z0-9])"
)
#: A model code right after a product word ("核心管线KL-102", "核心产品QT-VLA"): letters, then a hyphen
#: or digits, the way drugs, chips and robots are numbered.
PRODUCT_CODE = re.compile(
    rf"(?:{_PRODUCT_KIND}|管线|药物|候选药物|型号|新品|旗舰)\s*"
    # "图像处理芯片XY-ISP200", "灵巧手ZH-Hand 3": letters and a code, a version number after a space
    r"(?P<n>[A-Z][A-Za-z]{0,5}(?:-[A-Za-z0-9]{1,8}|[0-9]{1,5})(?:-[A-Za-z0-9]{1,8})?(?: \d{1,2}(?![\d.%]))?)"
    r"(?![A-Za-z0-9])(?!\+?轮)"
)
#: A two-character brand and a model code after a product word ("人形机器人灵枢L1", "SUV深蓝S09"): the way
#: robots and cars are named; a verb before a code ("训练H100") is no brand.
BRAND_CODE = re.compile(
    rf"{_PRODUCT_KIND}\s*(?P<n>(?P<brand>[\u4e00-\u9fff]{{2}})[A-Z]{{1,3}}\d{{1,4}}[A-Za-z]?)(?![A-Za-z0-9])(?!\+?轮)"
)
LATIN_BRAND = re.compile(
    r"(?<![A-Za-z0-9])(?P<n>[A-Z][a-z]+[A-Z][A-Za-z]*|[A-Z][a-z]{2,}(?:\s[A-Z][a-z]+)?)(?![A-Za-z0-9])"
    r"(?=\s*(?:旗下|公司|团队|创始人|联合创始人|CEO|首席|董事长|总裁|完成|宣布|获得|获|递表|递交|通过|上市|已|正式|的估值))"
)
LATIN_BRAND_AFTER = re.compile(
    r"(?:独角兽|创企|公司|企业|厂商|大模型|由|被|对|投资|入股)\s*"
    r"(?P<n>[A-Z][a-z]+[A-Z][A-Za-z]*)(?![A-Za-z0-9])"
)

ORG_BEFORE_TITLE = re.compile(
    rf"(?<=[\u4e00-\u9fffA-Za-z0-9])(?:的)?(?:前|原)?(?:{TITLE_ZH_ALT})(?:\s*(?:兼|暨|、|和|及|/)\s*(?:{TITLE_ZH_ALT}))*"
    r"(?=[\u4e00-\u9fff]{2,4}(?:[,。;、(]|$|离职|表示|称|宣布|出任|担任|已|也|则|在|于|将|曾|是))",
    re.IGNORECASE,
)
#: "an AI agent startup called Mindforge", "a company named Arcwise": the name after the kind.
_EN_NAMED_AS_KIND = r"(?:startup|start-up|company|firm|venture|unit|subsidiary)"
NAMED_AS_EN = re.compile(
    rf"\b{_EN_NAMED_AS_KIND}\s+(?:called|named|dubbed)\s+(?P<n>[A-Z][A-Za-z0-9]+(?:[ -][A-Z][A-Za-z0-9]+){{0,2}})"
)
#: A company's name given after it was described ("创办了一家自动驾驶公司，取名为“智行者”").
NAMED_AS_ZH = re.compile(
    r"(?:公司|企业|创企|品牌|新公司)\s*,?\s*(?:取名为|取名|命名为|名为|名叫|叫做)\s*[“\"「『](?P<n>[^”\"」』\s]{2,12})[”\"」』]"
)
#: What a person founded, named right after the verb and closing the clause ("创立了深度智联,并…").
FOUNDED_OBJECT_ZH = re.compile(
    # ("成立了具身智能公司银河通用": what the company is may come before its name)
    # ("创办人X现任…", "创始人": a founder is a person, not a founding)
    r"(?:联合|共同)?(?:创立|创办|创建|成立)(?![人者])(?:了)?\s*(?P<kind>(?:一家)?[\u4e00-\u9fff]{0,8}?(?:公司|企业|创企|初创公司))?"
    r"\s*(?P<n>[\u4e00-\u9fffA-Za-z0-9]{2,10}?)"
    r"(?=\s*(?:[,。;!?、]|$|并|后))"
)
#: The company a person joined, named right after the verb and closing the clause ("已加盟X,出任…").
JOINED_ORG_ZH = re.compile(
    r"(?:加盟|加入|入职)(?:了)?\s*(?P<n>[\u4e00-\u9fffA-Za-z0-9]{2,10}?)"
    r"(?=\s*(?:[,。;!?]|$|并|后|担任|出任))"
)
#: The company a person joined to take a post there ("加入欢悦时代(HY),担任CTO"): the post says an
#: organisation was joined, whatever words its name is made of.
JOINED_FOR_POST_ZH = re.compile(
    r"(?:加盟|加入|入职)(?:了)?\s*(?P<n>[\u4e00-\u9fff]{2,8}?|[A-Z][A-Za-z0-9&.\-]{1,20})"
    r"(?=\s*(?:\([A-Za-z][A-Za-z0-9 .&\-]{0,20}\))?\s*,?\s*(?:并)?(?:担任|出任)\s*(?:公司)?"
    rf"(?:{TITLE_ZH_RE}))"
)
#: The company an investor put money into, named right after the verb of the deal and closing the
#: clause or followed by its round ("红杉中国领投星图智能", "…参投了X的A轮融资").
DEAL_OBJECT_ZH = re.compile(
    r"(?:联合领投|领投|跟投|参投|追投|独家投资|投资了|入股|注资|增资)(?:了)?\s*"
    r"(?P<n>[\u4e00-\u9fffA-Za-z0-9]{2,10}?)"
    r"(?=\s*(?:[,。;!?、]|$|的?(?:[A-E]\+?|Pre-[A-E]|天使|种子|战略|新一|本|最新|首|新)轮|的?(?:战略)?融资))"
)
#: A short name between a noun for what a company is and the verb of its clause: the kind noun
#: says an organisation's name follows, whatever words jieba reads in it ("先声再明", two adverbs).
NAMED_AFTER_KIND = re.compile(
    r"(?:药企|车企|(?<!初)创企(?!业)|芯企|险企|初创公司|初创企业|创业公司|控股子公司|全资子公司|子公司|独角兽|新势力|新创公司|新创)"
    r"(?P<n>[\u4e00-\u9fff]{2,6}?)"
    r"(?=\s*(?:向|于|在|将|拟|已|正式|完成|获得|获|宣布|通过|递交|增资|提交|启动|登陆))"
)
#: A company named after what it is and before its round ("具身智能初创企业骁骑机器人的天使轮融资",
#: "芯片公司云栖芯智的A轮融资"): the company being funded.
NAMED_BEFORE_ROUND = re.compile(
    r"(?<![该这那本此其])(?:公司|企业|(?<!初)创企(?!业)|厂商|品牌|独角兽)"
    r"(?P<n>[\u4e00-\u9fffA-Za-z]{2,8}?)"
    r"(?=的\s*(?:新一|最新一|首)?(?:[A-Z](?:\d|\+)*|Pre-[A-Z]\+?|天使|种子|战略|pre-IPO|Pre-IPO)?\s*\+?轮)"
)
#: A fund or platform named after whose unit it is and what kind ("A旗下专项股权投资基金国投集新拟以…").
NAMED_AFTER_UNIT_KIND = re.compile(
    r"(?:旗下|下属)(?:的)?[\u4e00-\u9fff]{0,8}?(?:基金|投资平台|平台|子公司)"
    r"(?P<n>[\u4e00-\u9fff]{2,6}?)"
    r"(?=\s*,?\s*(?:拟|将|已|以|于|认缴|出资|投资|领投|参投|跟投|持有|持股|宣布|完成|斥资))"
)
#: A holding vehicle named after who holds it ("由A、B按4:4:2比例持股的湖北长青三期,以…出资").
NAMED_AFTER_HOLDERS = re.compile(
    r"(?:持股|控股|出资设立|共同设立)的(?P<n>[\u4e00-\u9fff]{2,10}?)"
    r"(?=\s*(?:,\s*)?(?:以|已|将|拟|于|正式|完成|宣布|斥资|出资))"
)
#: A listed company by its short name of two to four characters and 股份, as filings name it
#: ("根据海川股份公告", "海川股份(600123)公告称").
SHORT_SHARE_NAME = re.compile(
    r"(?:根据|据|(?<=[,。;!?\s]))(?P<n>[\u4e00-\u9fff]{2,4}股份)"
    r"(?=\s*(?:\(\d{6}\)|（\d{6}）)?\s*(?:发布的|的)?(?:公告|发布公告|披露))"
)
#: An English list of a company's products ("Popular apps include Hailuo AI, a video tool, and Talkie").
EN_PRODUCT_LIST_CUE = re.compile(
    r"\b(?:apps?|applications|products?|models?|tools?|brands?|games?|chatbots?|assistants?)\s+"
    r"(?:include|includes|included|including|such\s+as)\s+"
)
#: An English product by what it is ("the OculaEye 3D vision module") or by a verb of making
#: ("is developing OculaGrip, a gripper"): a coined name or a model code, not an ordinary word.
EN_PRODUCT_NAMED = re.compile(
    r"(?:\b(?P<the>the|its)|['’]s|\b(?:developing|developed|launched|launches|released|releases|unveiled|unveils|"
    r"introduced|debuted|rolled\s+out))\s+"
    # a coined name, a model code with a hyphen, or (then only with what it is) a bare code ("H20 chip")
    r"(?P<n>[A-Z][a-z]+[A-Z][A-Za-z]*|[A-Z][A-Za-z]*-[A-Z0-9][A-Za-z0-9]*|(?P<code>[A-Z]{1,3}\d{1,4}[A-Za-z]?)|"
    r"(?P<word>[A-Z][a-z]{2,}))(?![\w-])"
    r"(?P<what>(?:\s+[\w-]+){0,3}?\s+(?:modules?|chips?|processors?|grippers?|hands?|arms?|sensors?|robots?|"
    r"humanoids?|lidars?|cameras?|SUVs?|sedans?|cars?|vehicles?|apps?|chatbots?|assistants?|headsets?|glasses|"
    r"drones?|cards?|accelerators?|GPUs?)\b|,\s+an?\s|\s+(?P<series>series|line|family)\b)?"
)
#: A product named after what it is ("a robot foundation model called Talon", "its first product, Shuttle,").
EN_PRODUCT_CALLED = re.compile(
    r"\b(?:models?|products?|chatbots?|apps?|assistants?|agents?|platforms?|robots?|chips?|tools?|systems?|"
    r"services?|software)\s*,?\s+(?:called|named|dubbed|branded)\s+"
    r"(?P<n>[A-Z][A-Za-z0-9]+(?:[ -][A-Z0-9][A-Za-z0-9]+){0,2})(?![\w-])"
    r"|\b(?:first|latest|new|flagship|main)\s+product\s*,\s+(?P<n2>[A-Z][A-Za-z0-9]+(?:[ -][A-Z0-9][A-Za-z0-9]+){0,2}),"
)
EN_PRODUCT_ITEM = re.compile(
    r"(?P<n>[A-Z][\w.+-]*(?: [A-Z0-9][\w.+-]*){0,3})"
    # an apposition after the name ("Hailuo AI, a video generation tool,")
    r"(?:,\s+(?:a|an|the)\s+[^,.;]{1,80}?(?=,|\.|;|$))?\s*,?\s*(?:and\s+|or\s+)?"
)
#: An investor opening its clause with the money it spends ("大联大宣布斥资20亿元入股文晔").
SPENDER_ZH = re.compile(
    r"(?:^|(?<=[,。;!?]))\s*(?P<n>[\u4e00-\u9fffA-Za-z0-9]{2,8}?)"
    r"(?=\s*(?:今日|近日|日前|昨日|已)?\s*(?:宣布|公告)?\s*(?:拟|将)?\s*(?:斥资|出资|耗资)[^,。;]{1,20}?(?:入股|收购|认购|投资|增持))"
)
#: What an owner says of what it owns ("先声药业旗下创新药企…").
BEFORE_QIXIA = re.compile(r"(?<=[\u4e00-\u9fffA-Za-z0-9])\s*(?:旗下|下属)")
#: The company whose backers a sentence lists ("在星河智能背后…身影", "星河智能的股东名单中…").
BACKED_COMPANY_ZH = re.compile(
    r"(?:(?<=在)(?P<n>[\u4e00-\u9fffA-Za-z0-9]{2,10}?)(?=(?:的)?背后)"
    r"|(?:^|(?<=[,。;!?]))(?P<n2>[\u4e00-\u9fffA-Za-z0-9]{2,10}?)(?=(?:的)?(?:股东名单|股东阵容)))"
)
#: A company whose founding its clause opens with ("星图智能成立于2023年", "星图智能于2023年4月成立").
FOUNDING_SUBJECT_ZH = re.compile(
    r"(?:^|(?<=[,。;!?]))\s*(?P<n>[\u4e00-\u9fffA-Za-z0-9]{2,10}?)"
    r"(?=\s*(?:(?:正式|最早)?(?:成立|创立|创办|注册成立)于|于\d{4}年(?:\d{1,2}月)?(?:\d{1,2}日)?(?:正式)?(?:成立|创立)))"
)
#: "是X的联合创始人": the company a person founded, before the title.
FOUNDER_OF_ZH = re.compile(
    r"(?:是|为|系|作为)\s*(?P<n>[^,。;!?的\s]{2,12})的(?:联合|共同)?(?:创始人|创办人)"
)
FORMER_EMPLOYERS = re.compile(
    r"前(?P<list>[^,;:。!?()“”\"]{2,40}?)(?:的)?(?:高管|副总裁|总裁|高级副总裁|工程师|研究员|首席[\u4e00-\u9fff]{2,4}|CEO|CTO)",
    re.IGNORECASE,
)

# -- English ---------------------------------------------------------------------------------------

_EN_WORD = r"[A-Z][A-Za-z0-9&'’\-]*(?:\.(?=[A-Za-z0-9])[A-Za-z0-9&'’\-]*)*"
# (words of one name stand on one line: "Mara Lindqvist\n\nLoomwork" is a byline and a name)
EN_PHRASE = rf"{_EN_WORD}(?:[ \t]+(?:(?:of|for|de|&)[ \t]+)?{_EN_WORD}){{0,5}}"
_EN_LIST_SEP = r"(?:\s*,\s*(?:and\s+|as\s+well\s+as\s+)?|\s+and\s+|\s+as\s+well\s+as\s+)"
_EN_LIST = rf"(?:the\s+)?{EN_PHRASE}(?:{_EN_LIST_SEP}(?:the\s+)?{EN_PHRASE})*"
EN_LIST_CUES = re.compile(
    rf"(?:(?:co-)?led\s+by|headed\s+by|participation\s+(?:from|of|by)|backed\s+by|joined\s+by|"
    rf"investors?\s+(?:including|include|included|such\s+as|were|are)|including|alongside|"
    rf"cornerstone\s+investors?\s+(?:including|include|such\s+as))\s+(?P<list>{_EN_LIST})"
)
#: "backed by the Abu Dhabi government": a place whose government it is, not an investor's name
EN_GOVERNMENT_AFTER = re.compile(
    r"\s+(?:municipal\s+|city\s+|provincial\s+|district\s+|local\s+|central\s+|state\s+)?government\b", re.IGNORECASE
)
EN_LIST_BEFORE = re.compile(
    rf"(?:^|(?<=[.;,]\s)|(?<=\n))(?P<list>{_EN_LIST})\s+(?:(?:also|each)\s+)?"
    r"(?:led|co-led|participated\s+in|joined|invested\s+in)\s+the\s+(?:round|financing|deal|fundraising|investment)"
)
EN_SUBJECT = re.compile(
    rf"(?:^|(?<=[.;!?]\s)|(?<=\n))(?P<n>{EN_PHRASE})(?:\s*\([^()]{{1,40}}\))?(?:,\s+[^,;.]{{3,90}},)?\s+"
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
_EN_PHRASE_LINE = EN_PHRASE.replace(r"\s+", r"[ \t]+")
#: A company whose shares move or debut: "Shares of X jumped", "X shares rose", "X made its debut".
EN_SHARES = re.compile(
    rf"\b[Ss]hares\s+(?:of|in)\s+(?:the\s+)?(?P<n>{_EN_PHRASE_LINE})\s+(?:jumped|rose|surged|soared|fell|dropped|slumped|"
    r"opened|closed|ended|began|started|climbed|gained|tumbled|sank|debuted|more\s+than|were|have|had)\b"
    rf"|(?:^|(?<=[.;!?]\s)|(?<=\n))(?P<n2>{_EN_PHRASE_LINE})(?:'s|’s)?\s+(?:shares|stock)\s+(?:jumped|rose|surged|soared|fell|"
    r"dropped|slumped|opened|closed|ended|began|started|climbed|gained|tumbled|sank|debuted)\b"
    rf"|(?:^|(?<=[.;!?]\s)|(?<=\n))(?P<n3>{_EN_PHRASE_LINE})\s+(?:made|makes|will\s+make)\s+(?:its|a|their)\s+"
    r"(?:\w+\s+){0,2}debut\b"
)
#: A company named by what is said of it in English: "Tencent-backed X", "X's IPO", "X is listed on",
#: "X, which listed in Hong Kong".
EN_SUBJECT_MORE = re.compile(
    rf"-backed[ \t]+(?:[a-z][\w-]*[ \t]+){{0,3}}(?P<n>{_EN_PHRASE_LINE})(?=[ \t]+(?:said|says|has|have|had|is|was|"
    r"will|plans|raised|filed|closed|announced|listed|debuted)\b|,)"
    rf"|(?:^|(?<=[.;!?]\s)|(?<=\n))(?P<n2>{_EN_PHRASE_LINE})(?:'s|’s)[ \t]+(?:IPO|listing|initial[ \t]+public|"
    r"debut|shares|stock|prospectus)\b"
    rf"|(?:^|(?<=[.;!?]\s)|(?<=\n))(?P<n3>{_EN_PHRASE_LINE})(?:[ \t]+(?:is|are|was|were|has[ \t]+been)[ \t]+listed|"
    r",[ \t]+which[ \t]+(?:listed|went[ \t]+public|debuted|raised|filed))\b"
)
#: A company named after its description ("Shenzhen startup DeepWay closed …", "Huawei's chip partner
#: SiCarrier"): the capitalised words after a lower-case noun for a company.
EN_DESCRIBED = re.compile(
    r"(?:\b(?:startup|start-up|company|firm|unicorn|chipmaker|carmaker|automaker|maker|developer|partner|"
    r"supplier|rival|peer|unit|subsidiary|affiliate|spinoff|spin-off)\s+)"
    rf"(?P<n>{_EN_PHRASE_LINE})(?=[ \t]*(?:,|[ \t](?:has|had|have|is|was|said|says|closed|raised|secured|completed|"
    r"filed|announced|received|landed|debuted|priced|listed|plans|will|which|that|in|on|for|to|at|as|and)\b|[.;]|$))"
)
EN_TITLE_OF = re.compile(
    rf"(?i:{TITLE_EN_ALT})(?:\s+and\s+(?i:{TITLE_EN_ALT}))?\s+(?:of|at)\s+(?:the\s+)?(?P<n>{EN_PHRASE})"
)
EN_POSSESSIVE_TITLE = re.compile(
    rf"(?P<n>{EN_PHRASE})(?:'s|’s)\s+(?:(?:former|then|new|current)\s+)?(?i:{TITLE_EN_ALT})"
)
EN_ORG_TITLE_NAME = re.compile(
    rf"(?P<n>{EN_PHRASE})\s+(?:co-founder|founder|CEO|CTO|chairman|president|chief\s+executive|"
    r"chief\s+scientist)\s+[A-Z][a-z]+\s+[A-Z][a-z]+"
)
EN_LEFT_FROM = re.compile(
    rf"(?:left|quit|departed(?:\s+from)?|worked\s+at|joined\s+from|previously\s+at|formerly\s+(?:of|at)|"
    rf"spun\s+(?:out|off)\s+(?:of|from)|incubated\s+(?:at|by))\s+(?:the\s+)?(?P<n>{EN_PHRASE})"
)
EN_JOINED = re.compile(
    rf"(?:joined|joins|rejoined)\s+(?:the\s+)?(?P<n>{EN_PHRASE})\s+(?:as|in\s+\d{{4}}\s+as)\s"
)
EN_FOUNDED_OBJECT = re.compile(
    rf"\b(?:co-?founded|founded|established|set\s+up|started)\s+(?:the\s+)?(?P<n>{EN_PHRASE})"
)
EN_ROUND_IN = re.compile(
    rf"\b(?:round|financing|investment|stake|funding)\s+(?:in|into)\s+(?:the\s+)?(?P<n>{EN_PHRASE})"
    # "will hold about 23% of Tuojing Jianke": the company a share is of
    rf"|\b(?:own|owns|hold|holds|control|controls|held|owned)\s+(?:about\s+|roughly\s+|some\s+|nearly\s+)?"
    rf"\d{{1,3}}(?:\.\d+)?\s*(?:%|percent|per\s+cent)\s+(?:stake\s+)?(?:of|in)\s+(?:the\s+)?(?P<n2>{EN_PHRASE})"
)
EN_FORMER_TITLE = re.compile(
    rf"(?i:former|ex-|onetime|one-time)\s*(?P<n>{EN_PHRASE})\s+(?i:{TITLE_EN_ALT}|executive|researcher|"
    r"engineer|employee|scientist|manager|director)\b"
)
EN_BASED = re.compile(
    rf"\b[A-Z][a-z]+(?:\s[A-Z][a-z]+)?-(?:based|headquartered)\s+(?P<n>{EN_PHRASE})"
)
