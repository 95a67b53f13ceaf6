"""The rule list: one regular expression over sentence skeletons per way the news states a fact, each
with the handler that checks the captured entities and emits the facts. Order matters where rules
overlap: earlier rules set the context later ones read."""

from __future__ import annotations

import re

from kg.extract.mentions import TITLE_EN_RE
from kg.extract.relations.engine import BR, EL, NE, ORG, PER, PL, PL_EN, PRD, RL, RL_EN, TE, TZ, ZH_SEP, ZL, Rule
from kg.extract.relations.funding import (
    FUNDING_CUE,
    handle_backed,
    handle_backers_seen,
    handle_context_list,
    handle_cornerstone,
    handle_each_cheque,
    handle_follow,
    handle_funding_subject,
    handle_got,
    handle_investor_cheque,
    handle_investors_are,
    handle_investors_named_more,
    handle_kind_member,
    handle_lead,
    handle_names_of_round,
    handle_placement,
    handle_shareholder,
    handle_sole,
    handle_subscribed,
    handle_took_part,
    handle_verb,
    handle_verb_unnamed,
)
from kg.extract.relations.ipo import (
    handle_code_listed,
    handle_committee,
    handle_filed,
    handle_hearing,
    handle_ipo_company_ticker,
    handle_listed,
    handle_listed_adjective,
    handle_listed_each,
)
from kg.extract.relations.other import (
    handle_controlled,
    handle_develops,
    handle_develops_topic,
    handle_spinoff,
    handle_spinoff_topic,
    handle_state_apposition,
)
from kg.extract.relations.ownership import OWNERSHIP_RULES
from kg.extract.relations.people import (
    handle_alumni,
    handle_came_from_like_others,
    handle_en_appointed,
    handle_en_formerly_at,
    handle_en_founded,
    handle_en_founded_after_leaving,
    handle_en_founded_who,
    handle_en_joined_left_founded,
    handle_en_left,
    handle_en_left_to_become,
    handle_en_left_topic,
    handle_en_person_title_of,
    handle_en_person_title_only,
    handle_former_employers_clause,
    handle_former_role_clause,
    handle_former_staff,
    handle_founded_topic,
    handle_founded_venture,
    handle_founded_zh,
    handle_founder_list,
    handle_founder_previously,
    handle_founding_date,
    handle_joined,
    handle_left_career,
    handle_left_last_post,
    handle_left_zh,
    handle_listed_staff,
    handle_moved_from,
    handle_person_bracket_title,
    handle_person_desc,
    handle_pronoun_founded,
    handle_pronoun_founded_post,
    handle_pronoun_is_founder,
    handle_succeeded,
    handle_successor,
    handle_team_from,
    handle_title_chain,
    handle_title_person,
    handle_title_taken_by,
    handle_title_topic,
    handle_worked_at,
    handle_worked_at_as,
    person_fact,
    said_former,
    title_surface,
)
from kg.terms import C

# -- the rule list ---------------------------------------------------------------------------------

_NF = rf"[^,。;!?{NE}]"  # a character inside one clause that is not a name
#: "A与前同事B", "A和好友B": a second person named with who they are to the first (co-founders)
_PARTNER = (
    r"\s*(?:与|和|同|跟|携手)\s*(?:其|他的|她的)?\s*(?:前|原|昔日的?|多年的?)?\s*"
    r"(?:同事|老同事|搭档|老搭档|好友|老友|校友|同学|战友|伙伴|合伙人)\s*"
)
#: a person after who they were ("前百度研究院科学家赵明", "原阿里云负责人X"): the name is what counts
_DESCRIBED_PER = rf"(?:(?:前|原|曾任)?\s*(?:{ORG})?\s*{_NF}{{0,10}}?)?{PER}"
#: an English subject's apposition between commas ("CYVN Holdings, backed by the Abu Dhabi government,
#: took a stake"): who the subject is, not part of the clause
_EN_APPOSITION = r"(?:,\s+(?:backed|owned|controlled|founded|run|managed|based)\s+(?:by|in)\s+[^,;]{1,50},)?"
#: English people in a list, each perhaps with who they are between commas ("Chen Hao, a former Baidu
#: executive, and Liu Yang"): the description may name organisations, not people
_PL_EN_DESCRIBED = (
    rf"{PER}(?:,\s+(?:a|an|the|its)\s[^,;()\n{PER[1:-1]}]{{1,80}}?(?=,\s*and\s))?"
    rf"(?:(?:\s*,\s*(?:and\s+)?|\s+and\s+){PER}(?:,\s+(?:a|an|the|its)\s[^,;()\n{PER[1:-1]}]{{1,80}}?(?=,\s*and\s))?)*"
)
_LINEAGE_KIND = r"(?:创业公司|初创公司|初创企业|创企|创业团队|新创公司|新创)"
#: "X is/was/became ...", "X, who is ...": a description of a person that may follow the name.
_EN_IS = r"(?:\s+(?:is|was|became|remains|has\s+been)|,\s+who\s+(?:is|was|remains|became|has\s+been))?"
#: Adverbs between a person and the verb ("X recently left A").
_EN_ADV = r"(?:(?:recently|later|then|also|quietly|abruptly|officially|formally)\s+)?"
#: Adverbs and times between an investor and its verb ("去年向B注资", "亦入股B", "今年3月再次增资")
_WHEN = (
    r"(?:(?:也|亦|还|再|又|曾|均|已|同时|先后|此前|去年|今年|前年|近期|随后|多次|数次|再次|累计|"
    # "已于2023年", "也于同年": when, after an adverb
    r"(?:于|在)?\s*(?:\d{4}年(?:\d{1,2}月(?:\d{1,2}日)?)?|\d{1,2}月(?:\d{1,2}日)?|同年|当年|次年))\s*)*"
)
#: What a new company is, between the verb and its name ("创办了AI办公公司白桦智能").
_ORG_DESC = rf"(?:[^,。;!?{NE}]{{0,10}}?(?:公司|企业|创企|初创公司|创业公司|平台|品牌|工作室))?\s*"
_ALUMNI_EN = r"(?:alumni|alumnus|alumna|veterans?)"
#: A character inside one English sentence that is not a name; a decimal point of an amount
#: ("$2.2 billion") is not the end of the sentence.
_EN_NF = rf"(?:[^.;!?{NE}]|(?<=\d)\.(?=\d))"
#: An unnamed fund of the investor named before it ("由中金资本旗下基金领投"): the investor is who invests.
_UNNAMED_FUND = (
    r"(?:(?:旗下|下属)(?:的)?(?:一只|某)?(?:基金|产业基金|子基金|投资平台|投资机构|美元基金|人民币基金)\s*)?"
)
#: What a company is, said between the verb of a deal and its name ("认购企业管理软件和云服务提供者X…股份").
_KIND_BEFORE = (
    rf"(?:[^,。;!?{NE}]{{0,20}}?(?:提供者|提供商|服务商|供应商|制造商|开发商|运营商|厂商|龙头|巨头|公司|企业|集团)\s*)?"
)
#: Verbs of a person moving to a new employer ("加盟", "转战", "跳槽至").
_JOIN_ZH = r"(?:加入|加盟|入职|转战|转投|改投|投奔|履新|跳槽(?:至|到)?)"
_JOIN_CUE = re.compile(_JOIN_ZH)
_ALUMNI_ZH = r"(?:前|原)(?:员工|雇员|成员|骨干|核心成员)"


def _r(pattern: str, flags: int = 0) -> re.Pattern[str]:
    return re.compile(pattern, flags)


RULES: list[Rule] = [
    # funding, Chinese
    Rule(
        "funding-lead",
        _r(
            rf"(?:由\s*)?(?P<inv>{ZL})\s*{_UNNAMED_FUND}(?P<co>联合|共同)?\s*(?:领投|领衔|牵头投资)"
            # "红杉中国领投星图智能(的A轮)": the company named right after the verb
            rf"(?:(?:了)?\s*(?P<tgt>{ORG})(?=\s*(?:的|[,。;!?]|$)))?"
        ),
        handle_lead,
    ),
    Rule(
        "funding-took-part",
        _r(
            # "A、B等国资机构此前已入股C": a list, what kind of investors they are, then the stake
            rf"(?P<inv>{ZL})\s*等\s*[^,。;!?的{NE}]{{0,8}}?{_WHEN}(?:已|已经|均|都|纷纷|先后|相继)?\s*"
            rf"(?:战略)?(?:入股|投资|注资|增资)(?:了)?\s*(?P<co>{ORG})"
        ),
        handle_took_part,
    ),
    Rule(
        "funding-took-part",
        _r(
            # "A参与了B的A轮融资", "A、C此前参投了B", "A也参与投资了B": the company is named in the clause
            rf"(?P<inv>{ZL})\s*(?:等)?\s*{_WHEN}(?:已|已经|将|正式|均|都)?\s*"
            rf"(?:(?:参与|参投|跟投)(?:了)?\s*(?P<co>{ORG})\s*(?:的)?[^。;!?,{NE}]{{0,14}}?"
            rf"(?:融资|投资|募资|增资|轮|配售|定增|定向增发|认购)"
            rf"|(?:参与投资|参投)(?:了)?\s*(?P<co2>{ORG}))"
        ),
        handle_took_part,
    ),
    Rule(
        "funding-follow",
        _r(
            # not "A系创业公司……加注": A names the company's lineage, not an investor
            rf"(?P<inv>{ZL})(?!\s*系)\s*(?:等)?{_NF}{{0,10}}?(?:跟投|参投|追投|跟进|加码|加注|"
            rf"参与(?:了)?(?:本轮|此轮|该轮)?(?:投资|融资|认购|增资|私募))"
        ),
        handle_follow,
    ),
    # ("A以2亿元独家投资了B的Pre-A轮": the sum between the investor and its verb)
    Rule("funding-sole", _r(rf"(?:由\s*)?(?P<inv>{ORG})\s*(?:战投|战略投资部|投资部)?\s*(?:以{_NF}{{1,12}}?)?\s*"
                            rf"独家(?:投资|注资)"),
         handle_sole),
    Rule(
        "funding-shareholder",
        # "A是B的第一大股东", "A为B的战略股东": a standing stake in B
        _r(
            # ("A、B等也是C的股东": each of a list)
            rf"(?P<inv>{ZL})\s*(?:等)?\s*(?:目前|现|仍|也|亦|均|都)*(?:是|为|系|成为)\s*(?:(?P<co>{ORG})|公司|该公司|其)?\s*"
            rf"(?:的)?\s*(?:第[一二三四五]大|主要|重要|最大|大|战略|机构|外部|财务)?股东"
            # "C的第一大股东为A": the company first
            rf"|(?P<co2>{ORG})\s*(?:的)?\s*(?:第[一二三四五]大|控股|最大|大)股东(?:为|是|系)\s*(?P<inv2>{ORG})"
        ),
        handle_shareholder,
    ),
    Rule(
        "funding-shareholder",
        _r(
            # "Hangzhou Capital, Leapmotor's second-largest shareholder,", "X is the largest shareholder
            # of Y": a standing stake
            rf"(?P<inv>{ORG}),?\s+(?:is\s+|was\s+|became\s+|remains\s+)?(?:now\s+)?(?:(?P<co>{ORG})['’]s\s+|the\s+)"
            rf"(?:(?:second|third|fourth|fifth)[- ])?"
            rf"(?:largest|biggest|single\s+largest|controlling|major|strategic)\s+"
            rf"(?:outside\s+|external\s+|institutional\s+)?(?:shareholder|investor|stakeholder|owner)"
            rf"(?:\s+(?:of|in)\s+(?P<co2>{ORG}))?",
            re.IGNORECASE,
        ),
        handle_shareholder,
        re.compile(r"shareholder|investor|stakeholder|owner", re.IGNORECASE),
    ),
    Rule(
        "funding-verb",
        # "X将以每股420元办理私募普通股,由A认购": the placees of a listed company's private placement
        _r(
            rf"(?P<co>{ORG})?[^。;!?{NE}]{{0,30}}?(?:私募|定向增发|定增)[^。;!?{NE}]{{0,12}}?,?\s*由\s*(?P<inv>{ZL}|{ORG})\s*"
            rf"(?:全额|独家|共同)?认购"
        ),
        handle_placement,
    ),
    Rule(
        "funding-verb",
        _r(
            # "Kingdee said Saudi fund PIF would subscribe for new shares worth HK$1 billion": the
            # company that said it places its new shares with the investor
            rf"(?P<co>{ORG})\s+(?:said|says|announced)\s+(?:that\s+)?(?:[\w-]+\s+){{0,3}}?(?P<inv>{ORG})"
            rf"(?:,[^,;.]{{0,80}},)?\s+(?:will|would|has\s+agreed\s+to|had\s+agreed\s+to|agreed\s+to|is\s+to)\s+"
            rf"subscribe\s+(?:for|to)\b"
            # "PIF subscribed for new shares of Kingdee"
            rf"|(?P<inv2>{ORG})\s+(?:has\s+|had\s+)?(?:subscribed|agreed\s+to\s+subscribe)\s+(?:for|to)\s+"
            rf"(?:[^.;{NE}]{{0,40}}?\s+)?(?:new\s+)?shares\s+(?:of|in)\s+(?P<co2>{ORG})",
            re.IGNORECASE,
        ),
        handle_subscribed,
        re.compile(r"subscri", re.IGNORECASE),
    ),
    Rule(
        "funding-received",
        # "所罗门完成增资，引进鸿海为战略投资人": the company of the sentence brings the investor in
        _r(rf"(?:引进|引入)(?:了)?\s*(?P<inv>{ZL})\s*(?:作)?为\s*(?:其|公司)?(?:的)?\s*(?P<kind>战略)(?:投资人|投资者|投资方|股东)"),
        handle_got,
        re.compile(r"引[进入]"),
    ),
    Rule(
        "funding-received",
        _r(
            # "获杭州市国资旗下杭州资本投资", "获得市属国企X的投资": who owns the investor, or what it
            # is, may stand before its name
            rf"(?:获得?|拿到|引入|迎来)(?:了)?\s*(?:来自)?\s*(?:{ORG}\s*(?:旗下|下属)(?:的)?)?"
            rf"{_NF}{{0,6}}?(?P<inv>{ZL})\s*(?:等)?{_NF}{{0,10}}?"
            rf"(?P<kind>战略性投资|战略投资|战略融资|投资|注资|入股|增资|融资)"
        ),
        handle_got,
    ),
    Rule(
        "funding-investor-list",
        # "两江基金、君安回天、交银投资这些名字": the names of the round just told
        _r(rf"(?P<inv>{ZL})\s*(?:等)?\s*这(?:些|几家|几个|几位)\s*(?:名字|机构|投资方|投资人|投资机构|股东|资本|玩家)"),
        handle_names_of_round,
        re.compile(r"这(?:些|几)"),
    ),
    Rule(
        "funding-investor-list",
        # "投资方：有A这样的产业资本，有B为代表的国有金融机构，也有C这样的专业机构": each kind named
        _r(rf"(?<=,)\s*(?:也|还|更)?有\s*(?P<inv>{ZL})\s*(?:这样的|这类|一类的|为代表的|等)"),
        handle_investors_named_more,
        re.compile(r"这样的|这类|为代表的"),
    ),
    Rule(
        "funding-investor-list",
        _r(
            rf"(?:投资方|投资人|投资者|投资机构|参投方|出资方|新股东|老股东|投资阵容|参与方|"
            # the placees of a listed company's placing ("承配人包括A及B")
            rf"承配人|认购方|认购人|认购者|配售对象|获配售人|"
            # "股东名单中亦包括A、B", "现有股东包括A": a shareholder list names investors
            rf"(?:股东名单|股东阵容|现有股东|股东)(?:中)?(?:亦|也|还)?(?=包括|涵盖|包含))"
            rf"(?:包括|有|为|是|涵盖|包含|:|阵容)?[^。;!?{NE}]{{0,12}}?(?P<inv>{ZL})"
        ),
        handle_investors_are,
    ),
    Rule(
        "funding-investor-list",
        _r(
            # "公司股东阵容豪华，A、B、C均在其中": the list after the shareholders, then "among them"
            rf"(?:股东名单|股东阵容|股东|投资方|投资人|投资阵容)[^。;!?{NE}]{{0,8}}?,\s*(?P<inv>{ZL})\s*(?:等(?:机构)?)?\s*"
            rf"(?:均|都|也|亦)?(?:在其中|位列其中|名列其中|赫然在列|在列)"
        ),
        handle_investors_are,
        re.compile(r"其中|在列"),
    ),
    Rule(
        "funding-verb",
        _r(
            # "A拟向其控股子公司B增资": the unit named after what it is
            rf"(?P<inv>{ORG})\s*{_WHEN}(?:拟|将|计划)?\s*(?:向|对)\s*(?:其|旗下)?(?:控股|全资)?(?:子公司|孙公司|参股公司)?\s*"
            rf"(?P<co>{ORG})\s*(?:进行|完成)?(?:了)?\s*(?:战略)?"
            rf"(?:投资|注资|增资)"
        ),
        handle_verb,
    ),
    Rule(
        "funding-verb",
        _r(
            # "A入股B", "A斥资3亿元入股B", "A以每股25港元认购B 1000万股新股"
            # ("A拟以不超过4.5亿元认缴B新增注册资本": a planned stake, kept with its modality)
            rf"(?P<inv>{ORG})\s*(?:,\s*(?=拟|将|以|斥资|出资))?{_WHEN}(?:已|已经|正式|宣布|再度|再次|近日|日前|今日|昨日|拟|将)?\s*"
            rf"(?:(?:斥资|出资|耗资|以)[^。;!?,{NE}]{{0,20}}?)?"
            rf"(?:(?:战略)?(?:投资|入股|注资|增资|增持|加仓)(?:了)?\s*(?P<co>{ORG})|(?:认购|认缴)(?:了)?\s*{_KIND_BEFORE}(?P<co2>{ORG})\s*"
            rf"(?:的)?[^。;!?,{NE}]{{0,12}}?(?:新股|股份|股票|H股|配售股|可转债|新发行|注册资本|增资)|"
            # "A以15亿欧元收购B约21%的股份": a minority stake bought is an investment in B
            # ("收购B持有的C 100%股权": the stake bought from a seller is in C)
            rf"(?:收购|购入|买入|受让)(?:了)?\s*(?:{ORG}\s*(?:持有|所持)的\s*)?{_KIND_BEFORE}(?P<co3>{ORG})\s*(?:约|近|逾|超过)?\s*"
            rf"(?:100|[1-9]?\d(?:\.\d+)?)\s*%\s*(?:的)?"
            rf"(?:股份|股权))"
        ),
        handle_verb,
    ),
    Rule(
        "funding-verb",
        _r(
            # "Stellantis paid 1.5 billion euros for about 21% of Leapmotor", "A bought a 5% stake in B":
            # a stake bought is an investment in B
            rf"(?P<inv>{ORG})\s+(?:has\s+|had\s+)?(?:will\s+|would\s+|agreed\s+to\s+|plans\s+to\s+)?"
            rf"(?:paid|pay|pays|bought|buy|buys|acquired|acquire|acquires|took|take|takes|purchased|purchase)\s+"
            rf"(?:(?:[^.;{NE}]|\.\d){{0,40}}?\s+for\s+)?(?:an?\s+|about\s+|around\s+|roughly\s+|nearly\s+|almost\s+)?"
            rf"(?:[\d.]+\s*(?:%|percent)\s+(?:stake\s+in|of)|(?:minority\s+)?stake\s+in)\s+(?:the\s+)?(?P<co>{ORG})",
            re.IGNORECASE,
        ),
        handle_verb,
        re.compile(r"stake|%|percent", re.IGNORECASE),
    ),
    Rule(
        "funding-verb",
        # "B向A配售新股": A buys B's new shares
        _r(rf"(?P<co>{ORG})\s*(?:已|将|拟)?\s*(?:向|对)\s*(?P<inv>{ORG})\s*(?:配售|定向增发|发行)(?:了)?[^。;!?,{NE}]{{0,8}}?(?:新股|股份|股票|H股)"),
        handle_verb,
    ),
    Rule(
        "funding-verb",
        _r(
            # "在B背后,可以看到A、C等机构的身影", "B的股东名单中出现了A、C的身影": B's backers
            rf"在\s*(?P<co>{ORG})\s*(?:的)?背后[^。;!?{NE}]{{0,12}}?(?P<inv>{ZL})\s*(?:等)?[^。;!?{NE}]{{0,8}}?身影"
            rf"|(?P<co2>{ORG})\s*(?:的)?(?:股东名单|股东阵容|股东|投资方|投资人|背后)(?:中|里|之中)?[^。;!?{NE}]{{0,8}}?"
            rf"(?P<inv2>{ZL})\s*(?:等)?[^。;!?{NE}]{{0,8}}?身影"
        ),
        handle_backers_seen,
        re.compile(r"身影"),
    ),
    Rule(
        "funding-verb",
        # "B背后站着A、C等知名机构", "B的背后是A和C": B's backers
        # (unnamed: "已完成多轮融资，背后站着A、B": the company of the clause before, or of the story)
        _r(rf"(?:(?P<co>{ORG})\s*(?:的)?|(?<=,))背后\s*(?:站着|站立着|是|有|汇聚了|聚集了)(?:了)?\s*(?P<inv>{ZL})"),
        handle_backers_seen,
        re.compile(r"背后"),
    ),
    Rule(
        "funding-verb",
        # "A已入股B；C也于同年以15亿欧元入股": C bought into the company the sentence named
        _r(
            rf"(?P<inv>{ORG})\s*{_WHEN}(?:以[^。;!?,{NE}]{{1,16}}?)?(?:战略)?(?:入股|增资入股|注资)(?:了)?"
            rf"(?=\s*(?:[,。;!?]|$|成为))"
        ),
        handle_verb_unnamed,
    ),
    Rule(
        "funding-received",
        # "B宣布引入战略投资者A": B's new investor
        _r(rf"引入(?:了)?\s*(?:新的)?(?P<kind>战略投资者|战略投资方|战投|投资者|投资方|新股东)\s*(?P<inv>{ZL})"),
        handle_got,
    ),
    Rule(
        "funding-investor-list",
        # "鸿海、淡马锡入股" closing a clause: investors taking stakes in the company of the passage
        _r(
            # members the article did not recognise ("A、尹某、B入股") stay in the list, unnamed
            rf"(?P<inv>(?:{ORG}|{PER}){BR}(?:{ZH_SEP}(?:{ORG}|{PER}|[\u4e00-\u9fff]{{2,4}}){BR})*)\s*(?:等)?\s*"
            rf"(?:联合|共同|相继|纷纷|也|均|亦|先后)?(?:入股|注资|增资)(?=\s*(?:$|[,。;!?]))"
        ),
        handle_investors_are,
    ),
    Rule(
        "ipo-cornerstone",
        _r(
            rf"基石投资(?:者|人|方)(?:包括|有|为|是|:)?[^。;!?{NE}]{{0,8}}?(?P<inv>{ZL})"
            # "引入三名基石投资者，合共认购1亿美元股份，包括A及B"
            rf"|基石投资(?:者|人|方)[^。;!?{NE}]{{0,30}}?(?:包括|分别为|分别是|为|:)\s*(?P<inv2>{ZL})"
        ),
        handle_cornerstone,
    ),
    Rule(
        "ipo-cornerstone",
        # (not "X的基石投资者包括…": X's own cornerstone investors follow)
        _r(rf"(?P<inv>{ZL})\s*(?:等)?(?!\s*的\s*基石)[^。;!?{NE}]{{0,20}}?(?:基石投资|作为基石|担任基石)"),
        handle_cornerstone,
    ),
    Rule(
        "funding-subject",
        _r(
            rf"(?P<co>{ORG})[^。;!?{NE}]{{0,24}}?(?:融资|轮|私募|raised|raises|funding\s+round|financing)",
            re.IGNORECASE,
        ),
        handle_funding_subject,
        FUNDING_CUE,
    ),
    Rule(
        "funding-subject",
        _r(
            # "Y closed a $120 million Series C round", "Y has secured new funding"
            # (the gap holds an apposition: "Y, a Shenzhen-based startup making robots for car plants, has raised")
            rf"(?P<co>{ORG}){_EN_NF}{{0,100}}?\b(?:raised|raises|secured|closed|completed|landed|announced|"
            rf"received)\b{_EN_NF}{{0,40}}?\b(?:round|funding|financing|investment)\b",
            re.IGNORECASE,
        ),
        handle_funding_subject,
        FUNDING_CUE,
    ),
    Rule(
        "funding-context-list",
        _r(rf"(?P<inv>{ORG}(?:{BR}{ZH_SEP}{ORG}){{1,}}{BR})"),
        handle_context_list,
        FUNDING_CUE,
    ),
    Rule(
        # a registry change: "X近日发生工商变更，新增A、B、C为股东"
        "funding-new-shareholders",
        _r(rf"新增(?:了)?\s*(?P<inv>{ZL})\s*(?:等)?(?:\d+家机构)?\s*(?:为|成为)(?:公司)?(?:新)?股东"),
        handle_investors_are,
    ),
    Rule(
        "funding-new-shareholders",
        _r(rf"(?:新进|新增)股东(?:包括|有|为|:)?\s*(?P<inv>{ZL})"),
        handle_investors_are,
    ),
    Rule(
        # "除A与母公司B分别注资4.5亿元外": each of them put that sum in (a parent or holder named as such)
        "funding-contribution",
        _r(
            rf"(?P<inv>{ORG}(?:\s*(?:与|和|及|、)\s*(?:其)?(?:母公司|股东|控股股东|大股东)?\s*{ORG})+)\s*"
            rf"(?:分别|各自|各)\s*(?:出资|注资|投资|认缴|增资)(?:了)?\s*(?:约|超过?|近)?\d[\d.,]*\s*(?:亿|万)"
        ),
        handle_each_cheque,
    ),
    Rule(
        # "其中大基金三期出资30亿元": one investor's own cheque in a round
        "funding-contribution",
        # ("A主导市区两级投资30亿元": the investor that led the state money, and its sum)
        _r(rf"(?P<inv>{ORG})\s*(?:拟|将)?(?:(?:主导|牵头|带动)[^,。;!?{NE}]{{0,6}}?)?(?:出资|认缴|认购|投资)(?:了)?\s*"
           rf"(?:约|超过?|近)?\d[\d.,]*\s*(?:亿|万)"),
        handle_investor_cheque,
    ),
    Rule(
        "funding-kind-member",
        _r(
            rf"(?P<inv>{ZL})\s*(?:这样的|这类|一类|为代表的|这些|这几家)(?:地方|国有|市场化|专业|知名|头部|产业|金融|"
            rf"财务|战略|外资|海外|一线)*(?:产业资本|投资机构|金融机构|机构投资者|财务投资者|战略投资者|国资|资本|基金|"
            rf"投资方|名字|机构|股东)"
        ),
        handle_kind_member,
    ),
    # funding, English
    Rule(
        "funding-lead",
        _r(
            rf"(?P<co>co-?)?led\s+by\s+(?:(?:state|government|city|municipal)[- ](?:owned|backed|run)\s+)?"
            # "led by a fund managed by X": the manager stands for its fund
            rf"(?:(?:a|an|the|one)\s+(?:[\w-]+\s+)?(?:fund|vehicle|entity|unit|affiliate)s?\s+"
            rf"(?:managed|advised|controlled|owned|run)\s+by\s+)?(?P<inv>{EL})",
            re.IGNORECASE,
        ),
        handle_lead,
    ),
    Rule(
        "funding-lead",
        _r(
            # "X led the round", "X and Y co-led the $50 million Series B", "X led a round in Y"
            rf"(?P<inv>{EL}),?\s+(?:also\s+)?(?P<co>co-?)?led\s+(?:the|a|an|its|this|that)\s+"
            rf"(?:{_EN_NF}{{0,40}}?\s)?(?:round|financing|funding|investment|deal|raise|fundraising)\b"
            rf"(?:\s+(?:in|into|for)\s+(?:the\s+)?(?P<tgt>{ORG}))?",
            re.IGNORECASE,
        ),
        handle_lead,
    ),
    Rule(
        "funding-lead",
        _r(rf"\bwith\s+(?P<inv>{EL})\s+(?P<co>co-?)?leading\b", re.IGNORECASE),
        handle_lead,
    ),
    Rule(
        "funding-follow",
        _r(
            rf"(?:participation\s+(?:from|of|by)|joined\s+by|along\s+with|alongside)\s+"
            rf"(?:existing\s+investors?\s+|investors?\s+)?(?:including\s+)?(?P<inv>{EL})",
            re.IGNORECASE,
        ),
        handle_follow,
    ),
    Rule(
        "funding-follow",
        _r(
            rf"(?P<inv>{EL}),?\s+(?:have\s+|has\s+|had\s+)?(?:also\s+)?(?:participated|took\s+part)"
            rf"\b",
            re.IGNORECASE,
        ),
        handle_follow,
    ),
    Rule(
        "funding-follow",
        _r(
            # "with state-backed X taking part": descriptor words before the investor are not its name
            rf"(?:with|and)\s+(?:(?:state-backed|state-owned|government-backed|existing|new|investors?|backers?|"
            rf"shareholders?)\s+)*(?P<inv>{EL})\s+(?:also\s+)?(?:participating|investing|joining|chipping\s+in|"
            rf"taking\s+part)",
            re.IGNORECASE,
        ),
        handle_follow,
    ),
    Rule(
        "funding-follow",
        _r(
            # "X and Y also joined the round", "existing investors X and Y took part in the financing"
            rf"(?P<inv>{EL}),?\s+(?:have\s+|has\s+|had\s+)?(?:also\s+|both\s+|each\s+)?(?:(?:joined|"
            rf"participated\s+in|took\s+part\s+in|re-?invested\s+in|returned\s+for|chipped\s+in\s+to)\s+"
            rf"(?:the|this|that|a)\s+(?:{_EN_NF}{{0,30}}?\s)?(?:round|financing|funding|deal|raise|fundraising|"
            rf"investment)\b|"
            # "existing backers X and Y also put in more money", "X doubled down"
            rf"(?:put|poured|pumped)\s+in\s+(?:more|additional|fresh|new)\s+(?:money|capital|cash|funds)\b|"
            rf"doubled\s+down\b|followed\s+on\b|upped\s+(?:its|their)\s+(?:stake|bet|investment)s?\b)",
            re.IGNORECASE,
        ),
        handle_follow,
    ),
    Rule(
        "funding-follow",
        _r(
            # "the round was led by X and included Y and Z", "the financing also drew in Y"
            rf"(?:\b(?:round|financing|deal|raise|fundraising)\b(?:\s+(?:was|is|has|had))?|"
            rf"led\s+by\s+{EL}\s*,?\s+and)\s+(?:also\s+)?(?:included|includes|drew(?:\s+in)?|attracted|"
            rf"saw\s+participation\s+from|had\s+participation\s+from)\s+(?:participation\s+from\s+)?"
            rf"(?:existing\s+|new\s+|other\s+|returning\s+)?(?:investors?\s+|backers?\s+)?"
            rf"(?:such\s+as\s+|including\s+|like\s+)?(?P<inv>{EL})",
            re.IGNORECASE,
        ),
        handle_follow,
    ),
    Rule(
        "funding-investor-list",
        _r(
            rf"(?:backed\s+by|backing\s+from|funding\s+from|investment\s+from|"
            rf"(?:co-|other\s+|existing\s+|new\s+)?(?:investors?|backers?|shareholders)\s+"
            rf"(?:in\s+(?:the|this|that)\s+(?:round|deal|financing|company|startup|firm)\s+)?(?:also\s+)?"
            rf"(?:include|includes|included|including|such\s+as|like|were|are)|roped\s+in|"
            rf"funds?\s+(?:managed|advised)\s+by|"
            rf"(?:the\s+)?likes\s+of)\s+(?:[^,.;!?{NE}]|(?<=\d)[.,](?=\d)){{0,60}}?(?P<inv>{EL})"
            # "backed by the Abu Dhabi government": a government's backing, not a named investor's
            rf"(?!\s+(?:municipal\s+|city\s+|provincial\s+|district\s+|local\s+|central\s+|state\s+)?government)",
            re.IGNORECASE,
        ),
        handle_investors_are,
    ),
    Rule(
        "funding-verb",
        _r(
            # "invested in Huawei's chip partner SiCarrier": the described company, not its owner
            rf"(?P<inv>{EL}){_EN_APPOSITION}\s+(?:has\s+|have\s+|had\s+)?(?:also\s+|both\s+|each\s+|previously\s+|"
            rf"already\s+|jointly\s+|together\s+|separately\s+)?(?:(?:agreed|plans|planned|is\s+set|are\s+set|"
            rf"has\s+agreed|have\s+agreed|will|would)\s+(?:to\s+)?)?(?:invested|invests|invest)\s+(?:(?:[^.;{NE}]|(?<=\d)\.(?=\d)){{0,30}}?\s)?"
            rf"in\s+(?:{ORG}['’]s\s+(?:[a-z][\w-]*\s+){{1,3}})?(?P<co>{ORG})",
            re.IGNORECASE,
        ),
        handle_verb,
    ),
    Rule(
        "funding-investor-list",
        _r(
            # "…, with CATL and its investment arm Puquan Capital among the investors", "X and Y were among
            # the backers"
            # (not from the middle of a list: "counts A and B among its backers" is the rule below)
            # ("outshining Zhipu AI as investors clamoured for…": "as" opening a clause names no backer)
            rf"(?<!counts )(?<!\band )(?<!, )(?:\bwith\s+)?(?P<inv>{EL})\s+(?:(?:were|are|was|is)\s+)?"
            rf"(?:among\s+(?:the\s+|its\s+|their\s+)?|as\s+(?:the\s+|its\s+|their\s+|an?\s+|one\s+of\s+the\s+))"
            rf"(?:new\s+|existing\s+|other\s+)?(?:investors|backers|participants|shareholders)\b",
            re.IGNORECASE,
        ),
        handle_investors_are,
        re.compile(r"among|\bas\b", re.IGNORECASE),
    ),
    Rule(
        "funding-investor-list",
        _r(
            # "Y raised $50 million from X", "Y, which counts X and Z among its investors"
            rf"(?:\b(?:raised|raises|raising|secured|received|closed|landed|got)\s+{_EN_NF}{{0,60}}?\bfrom\s+"
            rf"(?:existing\s+|new\s+)?(?:investors?\s+|backers?\s+)?|\b(?P<standing>counts)\s+)(?P<inv>{EL})"
            rf"(?=\s*(?:[,.;)]|$|\s+(?:in|at|on|to|and|as|among|with|for|led|last|this|earlier)\b))",
            re.IGNORECASE,
        ),
        handle_investors_are,
    ),
    Rule(
        # "X agreed to buy a 5% stake in Y for HK$1.2 billion", "X took a minority stake in Y"
        "funding-verb",
        _r(
            rf"(?P<inv>{ORG}){_EN_APPOSITION}\s+(?:has\s+|had\s+|have\s+)?(?:also\s+|separately\s+)?"
            rf"(?:agreed\s+to\s+|will\s+|plans\s+to\s+)?"
            rf"(?:buy|bought|acquire[sd]?|take|took|taken|purchase[sd]?)\s+(?:a|an)\s+(?:[\d.]+\s*(?:%|per\s*cent)\s+|"
            rf"minority\s+|small\s+|strategic\s+)?stake\s+in\s+(?P<co>{ORG})",
            re.IGNORECASE,
        ),
        handle_verb,
    ),
    Rule(
        # "X and Y bought into a $1.1 billion share placement by carmaker Z", "X subscribed for shares in
        # Z's placing": buying a company's new shares is an investment in it
        "funding-verb",
        _r(
            rf"(?P<inv>{EL}){_EN_APPOSITION}\s+(?:has\s+|have\s+|had\s+)?(?:also\s+|both\s+|each\s+|separately\s+)?"
            rf"(?:bought\s+into|subscribed\s+(?:to|for)|took\s+part\s+in|participated\s+in|joined|"
            rf"bought\s+(?:new\s+)?(?:shares|stock)\s+in|invested\s+in)\s+(?:(?:new\s+)?(?:shares|stock)\s+in\s+)?"
            rf"(?:(?:a|an|the)\s+{_EN_NF}{{0,30}}?(?:share\s+|stock\s+)?(?:placement|placing|share\s+sale|rights\s+issue)\s+"
            rf"(?:by|of|from)\s+(?:[\w-]+\s+){{0,4}}?(?P<co>{ORG})|(?P<co2>{ORG})(?:'s|’s|'|’)\s+"
            rf"{_EN_NF}{{0,30}}?(?:placement|placing|share\s+sale|rights\s+issue))",
            re.IGNORECASE,
        ),
        handle_verb,
        re.compile(r"placement|placing|share\s+sale|rights\s+issue", re.IGNORECASE),
    ),
    Rule("funding-backed", _r(rf"(?P<inv>{ORG})-backed\s+(?:[\w-]+\s+){{0,4}}?(?P<co>{ORG})"), handle_backed),
    Rule(
        "ipo-cornerstone",
        # "Lumina counts A and B among its cornerstone investors"
        _r(rf"\bcounts\s+(?P<inv>{EL})\s+among\s+(?:its|their)\s+cornerstone\s+investors", re.IGNORECASE),
        handle_cornerstone,
        re.compile(r"cornerstone", re.IGNORECASE),
    ),
    Rule(
        "ipo-cornerstone",
        _r(
            # "Cornerstone investors in the IPO included A, B and a unit of C"
            rf"(?:cornerstone|anchor)\s+investors?\s+(?:(?:in|for|of)\s+(?:the|its)\s+(?:IPO|offering|listing|deal|"
            rf"share\s+sale)\s+)?(?:include|included|includes|including|such\s+as|are|were|like)?\s*(?P<inv>{EL})"
            # "Strategic investors in the IPO included A, a state-backed fund, and B": the placees of a
            # STAR Market offering, its cornerstones
            rf"|strategic\s+investors?\s+(?:in|for|of)\s+(?:the|its)\s+(?:IPO|offering|listing|share\s+sale)\s+"
            rf"(?:include|included|includes|including|were|are)\s*(?P<inv2>{EL})",
            re.IGNORECASE,
        ),
        handle_cornerstone,
    ),
    # IPO
    Rule(
        "ipo-company-ticker",
        _r(rf"(?P<co>{ORG})\s*\(\s*(?P<t>\d{{4,6}})\.(?P<sx>HK|SH|SZ|BJ)\s*\)", re.IGNORECASE),
        handle_ipo_company_ticker,
    ),
    Rule(
        "ipo-code",
        _r(
            rf"(?P<co>{ORG})\s*\(\s*(?:(?:股份|股票|证券)?代[号码]\s*:?\s*)?"
            rf"(?:(?:(?P<ex>{ORG})|(?P<sx>Nasdaq|NASDAQ|NYSE|HKEX|SEHK|SSE|SZSE))\s*:\s*)?"
            rf"(?P<t>\d{{4,6}}|[A-Z]{{1,5}})(?:\.(?P<sx2>HK|SH|SZ|BJ|SS))?\s*\)"
        ),
        handle_code_listed,
    ),
    Rule(
        "ipo-listing-list",
        _r(
            # "A、B、C等企业先后登陆港交所", "在港交所上市的企业包括A、B、C"
            rf"(?P<cos>{ZL})\s*(?:等)?\s*(?:[\u4e00-\u9fff]{{0,3}}(?:企业|公司|新股))?\s*"
            rf"(?:[今去前]年(?:底|初|末|年中|以来)?|此前|近期|近日|\d{{1,2}}月(?:\d{{1,2}}日)?|先后|相继|陆续|均|都|已|也|则|亦|分别|"
            # "小马智行及文远知行同日在港交所上市"
            rf"同日|同一天|同时|一同|一起|今日|昨日|今天|昨天)*"
            rf"\s*(?:登陆|(?:在|于)\s*(?=(?P<ex0>{ORG})\s*(?:主板|科创板|创业板)?\s*(?:完成|实现|正式)?(?:上市|挂牌)))"
            rf"\s*(?P<ex>{ORG})"
            rf"|(?:在|于)\s*(?P<ex2>{ORG})\s*(?:主板)?\s*(?:上市|挂牌)的(?:企业|公司|新股)(?:包括|有|为)\s*(?P<cos2>{ZL})"
        ),
        handle_listed_each,
        re.compile(r"上市|挂牌|登陆"),
    ),
    Rule(
        "ipo-listed-adjective",
        _r(
            rf"(?:(?P<ex>{ORG})|(?P<place>Hong\s+Kong|HK|Shanghai|Shenzhen|New\s+York))-listed\s+"
            rf"(?:[\w-]+\s+){{0,4}}?(?P<co>{ORG})"
        ),
        handle_listed_adjective,
    ),
    Rule(
        "ipo-filing",
        _r(
            rf"递表|(?:递交|提交|披露)(?:了)?(?:H股|A股|{ORG})?(?:上市)?(?:申请|招股书|招股说明书|IPO申请|"
            r"申请材料|上市申请书)|秘密递表|"
            # an exchange accepting the application is the filing on record ("IPO申请已获上交所受理")
            rf"(?:IPO|上市申请|上市|申请|招股书)(?:申请)?\s*(?:已|已经|正式)?(?:获|获得|被)\s*(?:{ORG})?\s*受理|"
            # a US registration statement ("提交F-1文件", "filed an F-1")
            r"(?:递交|提交|公开)(?:了)?(?:F-1|F1|S-1|S1)(?:文件|招股书|申请|表格)?|"
            r"filed\s+(?:an?\s+|its\s+)?(?:F-1|S-1)\b|(?:re)?filed\s+(?:confidentially\s+)?(?:for\s+(?:an?\s+|the\s+|its\s+)?"
            rf"(?:{ORG}\s+|U\.S\.\s+|Hong\s+Kong\s+)?(?:initial\s+public\s+offering|IPO|listing)|(?:its\s+|a\s+|an\s+)?(?:prospectus|listing\s+application|IPO\s+application|"
            # ("refiled its application for a Hong Kong listing": where may come before the word)
            rf"draft\s+prospectus|application\s+(?:to\s+list|for\s+(?:an?\s+)?(?:{ORG}\s+|U\.S\.\s+|Hong\s+Kong\s+)?"
            r"(?:listing|IPO))))|"
            r"(?:re)?submitted\s+(?:a\s+|its\s+|an\s+)?(?:new\s+)?(?:listing\s+|draft\s+|IPO\s+)?"
            r"(?:application|prospectus)",
            re.IGNORECASE,
        ),
        handle_filed,
    ),
    Rule(
        "ipo-hearing",
        _r(
            r"通过(?:了)?[^,。;!?]{0,12}?聆讯|(?:passed|cleared)\s+(?:a\s+|its\s+|the\s+)?(?:(?:exchange|bourse)['’]s\s+)?(?:listing\s+)?hearing",
            re.IGNORECASE,
        ),
        handle_hearing,
    ),
    Rule(
        "ipo-hearing",
        # the A-share counterpart of a Hong Kong hearing: the exchange's listing committee approves
        # ("科创板IPO已获上交所上市委审议通过", "顺利过会")
        _r(
            r"(?:上市委|上市委员会|发审委|上市审核委员会)(?:会议|审议会议)?\s*(?:审议|审核)?\s*(?:通过|同意)|(?<![不未没])过会"
            # "won approval from the Shanghai Stock Exchange('s listing committee) for its STAR Market IPO"
            r"|\b(?:won|received|gained|secured|got)\s+(?:the\s+)?(?:listing\s+)?approval\s+from\s+"
            rf"(?:[^.;]{{0,60}}?)\s+for\s+(?:its|a|an|the)\s+(?:(?:[\w-]+|[{NE}])\s+){{0,3}}?"
            r"(?:IPO|listing|initial\s+public\s+offering)\b",
            re.IGNORECASE,
        ),
        handle_committee,
        re.compile(r"委|过会|approval", re.IGNORECASE),
    ),
    Rule(
        "ipo-listing",
        _r(
            rf"挂牌(?:上市|交易)?|敲钟|鸣锣|登陆\s*{ORG}|上市首日|首挂|首日挂牌|"
            rf"(?:开始)?(?:在|于)\s*{ORG}\s*(?:主板)?\s*(?:开始)?(?:买卖|交易)|(?:在|于|赴)\s*(?:美国|香港|纽约|台湾|内地)?\s*(?:{ORG}{BR}|[^,。;!?{NE}()]{{1,10}}\(\s*{ORG}\s*\))\s*"
            rf"(?:主板|科创板|创业板)?"
            rf"\s*上市|(?:在|于)\s*(?:香港|港股|港)\s*(?:主板)?\s*(?:挂牌)?上市|\bdebut(?:ed|s)?\b|\blisted\s+(?:on|in)\b|\b(?:began|begins?)\s+trading\b|"
            rf"\bstart(?:ed|s)?\s+trading\b|\bwent\s+public\b|\b(?:IPO|initial\s+public\s+offering)\s+(?:has\s+)?raised\b|"
            rf"\bshares\s+(?:were|was)\s+priced\s+at\b|\bpriced\s+(?:its|the|an?)\s+(?:[\w-]+\s+){{0,3}}?"
            rf"(?:IPO|initial\s+public\s+offering|listing|offering)\b|\braised\s+(?:[^.;!?]|\.\d){{0,40}}?\s+in\s+"
            rf"(?:its|an?|the)\s+(?:[\w-]+\s+){{0,3}}?(?:IPO|initial\s+public\s+offering|listing)\b|\bfirst\s+day\s+of\s+(?:[A-Z]\w*\s+){{0,3}}"
            rf"trad(?:e|ing)\b|\blisting\s+by\b|"
            # "completed a secondary listing in Hong Kong"
            rf"\b(?:completed|made|finished|launched)\s+(?:a|an|its)\s+(?:secondary|dual|second|primary)\s+listing\b",
            re.IGNORECASE,
        ),
        handle_listed,
    ),
    # people, Chinese
    Rule(
        "role-apposition",
        # "A创办人、前B处长X": two roles of one person, each with its organisation
        _r(
            rf"(?P<pre>前|原)?(?P<org>{ORG})\s*(?:的)?\s*(?P<titles>{TZ})\s*(?:、|,|兼)\s*(?:前|原|现任)?\s*{ORG}\s*"
            rf"(?:的)?\s*{TZ}\s*(?P<per>{PER})"
        ),
        handle_title_chain,
    ),
    Rule(
        "role-apposition",
        # ("前产品负责人Seven(王京津)": an English given name before the Chinese one in brackets)
        _r(rf"(?P<pre>前|原|新任|新|现任|时任)?\s*(?P<titles>{TZ})\s*(?:——|—|–|:|为|是|系)?\s*"
           rf"(?:[A-Z][a-z]{{1,12}}\s*\(\s*)?(?P<per>{PER})"),
        handle_title_person,
    ),
    Rule(
        "person-apposition",
        _r(
            rf"(?P<per>{PER})(?=\s*(?:此前|之前|曾经|曾|原|目前|现|现在)?\s*(?:,|\(|:|是|为|系|现任|"
            rf"曾任|担任|出任))"
        ),
        handle_person_desc,
    ),
    Rule(
        "person-bracket-title",
        _r(rf"(?P<per>{PER})\s*\(\s*(?P<pre>前|原|现任)?\s*(?P<titles>{TZ})\s*\)"),
        handle_person_bracket_title,
    ),
    Rule(
        "founded-verb",
        _r(
            rf"(?P<pers>{PL}(?:{_PARTNER}{PER})?)\s*(?P<mid>{_NF}{{0,12}}?)(?:联合|共同|一起)?(?:创立|创办|创建|创设|"
            rf"成立|发起成立)(?:了)?\s*(?:的)?\s*{_ORG_DESC}(?P<org>{ORG})"
        ),
        handle_founded_zh,
    ),
    Rule(
        "founded-after-leaving",
        _r(
            # ("X回国创业，成立了B": setting out on one's own, then the company)
            rf"(?P<pers>{PL})[^。;!?]{{0,40}}?(?:离职|离开|出走|辞职|卸任|辞任|辞去|退出|创业)(?:了)?(?:\s*在?\s*{ORG})?[^。;!?{NE}]{{0,12}}?"
            # "离职，随后创办B" and, without the comma, "离职后创办B"
            rf"(?:[,，]\s*(?:并|随后|后|之后|此后|旋即|转而|同年|次年)?|后|之后|随即)\s*(?P<mid>{_NF}{{0,12}}?)"
            rf"(?:联合|共同)?(?:创立|创办|创建|成立)(?:了)?\s*{_ORG_DESC}(?P<org>{ORG})"
        ),
        handle_founded_zh,
    ),
    Rule(
        "founded-verb",
        _r(
            # "B由A前产品总监X创立", "B由A前员工X创立": who X was stands between 由 and the name
            rf"(?P<org>{ORG})\s*(?:由|系|是由)\s*(?:{ORG}\s*(?:的)?\s*(?:前|原)?\s*(?:{TZ}|员工|雇员|成员)\s*)?"
            rf"(?P<pers>{PL})\s*(?P<mid>{_NF}{{0,12}}?)"
            rf"(?:联合|共同)?(?:创立|创办|创建|成立)"
        ),
        handle_founded_zh,
    ),
    Rule(
        "founded-verb",
        # "B成立于2020年，由前A资深处长X与前C研发经理Y共同创办": who each founder was comes first
        _r(
            rf"(?P<org>{ORG})[^。;!?{NE}]{{0,20}}?,\s*(?:由|系由)\s*(?P<pers>{_DESCRIBED_PER}(?:{ZH_SEP}{_DESCRIBED_PER})*)\s*"
            rf"(?P<mid>{_NF}{{0,12}}?)(?:联合|共同|一起)?(?:创立|创办|创建|成立)"
        ),
        handle_founded_zh,
    ),
    Rule(
        "founded-verb",
        # "X离职后创办了一家自动驾驶公司，取名为“智行者”": the company founded is named after it
        _r(
            rf"(?P<pers>{PL})[^。;!?{PER[1:-1]}]{{0,30}}?(?:联合|共同)?(?:创立|创办|创建|成立)(?:了)?\s*(?:一家|一个)"
            rf"{_NF}{{0,16}}?(?:公司|企业|创企|初创公司|创业公司)\s*,?\s*(?:取名为|取名|命名为|名为|名叫|叫做)\s*"
            rf"[“\"「『]?\s*(?P<org>{ORG})(?P<mid>)"
        ),
        handle_founded_zh,
    ),
    Rule(
        "founded-verb",
        # "X的创业公司Y", "X创业公司“Y”": a start-up called someone's is one they founded
        _r(
            rf"(?P<pers>{PL})\s*(?P<mid>)(?:的)?\s*(?:新)?(?:创业公司|初创公司|创业项目)\s*[“\"「『]?\s*(?P<org>{ORG})"
        ),
        handle_founded_zh,
    ),
    Rule(
        "founded-verb",
        _r(
            rf"由\s*(?P<pers>{PL})\s*(?P<mid>{_NF}{{0,12}}?)(?:联合|共同)?(?:创立|创办|创建|成立)的\s*"
            rf"(?P<org>{ORG})"
        ),
        handle_founded_zh,
    ),
    Rule(
        "founding-date",
        _r(
            rf"(?P<org>{ORG})\s*(?:(?:正式|最早)?(?:成立|创立|创办|创建|注册成立)(?:于|在)\s*(?P<when>{_NF}{{2,14}}?)"
            rf"(?=[,。;!?]|$|\s|,)|(?:于|在)\s*(?P<when2>{_NF}{{2,14}}?)(?:正式)?(?:成立|创立|创办|创建)(?!的))"
        ),
        handle_founding_date,
    ),
    Rule(
        "founding-date",
        _r(
            rf"(?P<org>{ORG}),?\s+(?:which\s+was\s+|was\s+)?(?:founded|established|set\s+up|started)\s+"
            rf"(?P<when>in\s+(?:early\s+|late\s+|mid-)?(?:19|20)\d\d)\b",
            re.IGNORECASE,
        ),
        handle_founding_date,
    ),
    Rule(
        "former-role-clause",
        _r(
            rf"(?P<per>{PER})[^。;!?]{{0,40}}?,\s*(?:(?:此前|之前|早年|曾经)?\s*(?:曾任|曾担任|历任|曾在)|"
            # "X于2023年加入B，此前在A任董事总经理": where X was before, and as what
            rf"(?:此前|之前|早年|曾经|曾)\s*(?:曾)?(?:在|于))\s*"
            rf"(?P<orgs>{ZL})\s*(?:的)?\s*(?:(?:担任|出任|任)(?:过)?)?\s*(?P<titles>{TZ})"
        ),
        handle_former_role_clause,
    ),
    Rule(
        "former-role-clause",
        # "X，曾先后就职于微软、谷歌": each past employer of the clause, without a title
        _r(
            rf"(?P<per>{PER})[^。;!?{PER[1:-1]}]{{0,40}}?,\s*(?:此前|之前|早年)?\s*曾(?:经)?(?:先后)?\s*"
            rf"(?:就职于|任职于|供职于|工作于|效力于)\s*(?P<orgs>{ZL})(?=\s*(?:[,。;!?]|$))"
        ),
        handle_former_employers_clause,
    ),
    Rule(
        "former-role-clause",
        # "X来自美团，曾负责美团无人配送业务": what X was in charge of at A before
        _r(rf"(?P<per>{PER})[^。;!?]{{0,40}}?,\s*(?:此前|之前|早年)?\s*曾(?:经)?(?:负责|主导|带领|领导|主管|分管)\s*(?P<org>{ORG})"),
        handle_en_formerly_at,
    ),
    Rule(
        "worked-at",
        _r(
            rf"(?P<per>{PER})\s*(?P<was>此前|之前|早年|曾经|曾)?\s*(?:在|于)\s*(?P<org>{ORG})\s*"
            rf"(?:担任|出任|任)(?:过)?\s*(?P<titles>{TZ})"
        ),
        handle_worked_at_as,
    ),
    Rule(
        "founded-verb",
        _r(
            # "X曾在A担任算法负责人，2022年出来创业，成立了B"
            rf"(?P<pers>{PL})[^。;!?]{{0,40}}?(?P<when>{_NF}{{0,10}}?)(?:出来|出去|下海|辞职|离职)?创业\s*"
            rf",?\s*(?:并|随后|先后|之后|后)?\s*(?:联合|共同)?(?:创立|创办|创建|成立)(?:了)?\s*(?P<org>{ORG})"
        ),
        handle_founded_venture,
    ),
    Rule("alumni", _r(rf"(?P<org>{ORG})\s*出身的\s*(?P<pers>{PL})"), handle_alumni),
    Rule("alumni", _r(rf"出身(?:于|自)?\s*(?P<org>{ORG})\s*的\s*(?P<pers>{PL})"), handle_alumni),
    Rule("alumni", _r(rf"(?P<pers>{PL})\s*(?:出身于|出身自|出身)\s*(?P<org>{ORG})"), handle_alumni),
    Rule(
        "appointed",
        _r(
            # "A appointed X as its new chief executive", "A has named X chief technology officer"
            rf"(?P<org>{ORG}),?\s+(?:has\s+|have\s+|had\s+)?(?:appointed|named|hired|promoted|tapped|picked|"
            rf"recruited|poached)\s+(?:former\s+(?:{ORG}\s+)?(?:[A-Za-z-]+\s+){{0,3}}?)?(?P<per>{PER})\s+(?:as\s+)?(?:its\s+|the\s+"
            rf"company's\s+|the\s+firm's\s+)?(?:new\s+)?(?P<titles>{TE})(?![\w-])",
            re.IGNORECASE,
        ),
        handle_en_appointed,
    ),
    Rule(
        "funding-verb",
        _r(
            # "Leapmotor said Hangzhou Capital, a state-owned firm, will buy a 5% stake"
            rf"(?P<co>{ORG})\s+(?:said|says|announced)\s+(?:that\s+)?(?P<inv>{ORG})(?:,[^,;.]{{0,80}},)?\s+"
            rf"(?:will|would|is\s+to|agreed\s+to|has\s+agreed\s+to|plans\s+to|is\s+set\s+to)\s+"
            rf"(?:buy|take|acquire|subscribe\s+for)\s+(?:an?\s+)?(?:[\d.]+\s*(?:%|percent)\s+|minority\s+|majority\s+)?stake\b"
            rf"(?!\s+in\b)",
            re.IGNORECASE,
        ),
        handle_verb,
        re.compile(r"stake", re.IGNORECASE),
    ),
    Rule(
        "appointed",
        _r(
            # "Intel hired X, a former TSMC executive, to lead…": a hire without its title
            rf"(?P<org>{ORG})\s+(?:has\s+|had\s+)?(?:hired|poached|recruited|brought\s+in|brings\s+in|"
            rf"lured|hires|poaches)\s+(?:former\s+(?:{ORG}\s+)?(?:[A-Za-z-]+\s+){{0,3}}?)?(?P<per>{PER})(?=\s*(?:[,.;]|$|to\s|from\s|as\s))",
            re.IGNORECASE,
        ),
        handle_en_appointed,
        re.compile(r"hire|poach|recruit|brought|brings|lured", re.IGNORECASE),
    ),
    Rule(
        "appointed",
        _r(
            rf"(?P<per>{PER})\s+(?:will\s+|is\s+set\s+to\s+|is\s+to\s+)?(?:take|took|takes|taking)\s+over\s+as\s+"
            rf"(?:the\s+)?(?:new\s+)?(?P<titles>{TE})\s+(?:of|at)\s+(?P<org>{ORG})",
            re.IGNORECASE,
        ),
        handle_en_appointed,
    ),
    Rule(
        "joined-verb",
        _r(
            # "X, who formerly worked at A, joined B as CTO": the relative clause between X and the verb
            rf"(?P<per>{PER}),\s+who\s+[^,;.]{{0,80}}?,\s+(?:has\s+|had\s+)?(?:joined|will\s+join)\s+(?P<org>{ORG})"
            rf"(?:\s+as\s+(?:its\s+|the\s+)?(?:new\s+)?(?P<titles>{TE})(?![\w-]))?",
            re.IGNORECASE,
        ),
        handle_joined,
    ),
    Rule(
        "former-role",
        _r(
            # "X previously worked at A", "X formerly served at A"
            rf"(?P<per>{PER}),?\s+(?:had\s+)?(?:previously|formerly|once|earlier)\s+(?:worked|served|was)\s+"
            rf"(?:[^.;,{NE}]{{0,40}}?\s)?(?:at|with|for)\s+(?P<org>{ORG})",
            re.IGNORECASE,
        ),
        handle_en_formerly_at,
    ),
    Rule(
        "former-role",
        _r(
            # ("X, who spent a decade at A's driving unit, …": years spent somewhere are a past role)
            rf"(?P<per>{PER}),\s+who\s+(?:(?:(?:previously|formerly|once|earlier|had|has)\s+)+(?:worked|served|led|ran|"
            rf"headed|managed|oversaw|spent)|spent)\b[^,;.{NE}]{{0,60}}?\b(?:at|of|for|with)\s+"
            # what the employer is may come first ("ran hardware at drone maker DJI")
            rf"(?-i:[a-z][\w-]*\s+){{0,3}}?(?P<org>{ORG})",
            re.IGNORECASE,
        ),
        handle_en_formerly_at,
    ),
    Rule(
        "former-role",
        _r(
            # "X, who led research at Baidu until last year": a role that ended, without an adverb
            rf"(?P<per>{PER}),\s+who\s+(?:worked|served|led|ran|headed|managed|oversaw)\b[^,;.{NE}]{{0,60}}?"
            rf"\b(?:at|of|for|with)\s+(?-i:[a-z][\w-]*\s+){{0,3}}?(?P<org>{ORG})(?=\s+until\b)",
            re.IGNORECASE,
        ),
        handle_en_formerly_at,
    ),
    Rule(
        "founder-list",
        _r(
            # "联合创始人包括前百度研究院科学家赵明、李思远": each one listed, after who they were
            rf"(?:(?P<org>{ORG})\s*(?:的)?\s*)?(?:联合创始人|共同创始人|创始人|联合创办人|创办人|创始成员|"
            rf"创始团队成员|创始团队)\s*(?:还|也|则|分别)?\s*(?:包括|包含|还有|有|为|是)\s*"
            rf"(?P<pers>{_DESCRIBED_PER}(?:{ZH_SEP}{_DESCRIBED_PER})*)"
        ),
        handle_founder_list,
    ),
    Rule(
        "team-from",
        _r(
            rf"(?P<co>{ORG})\s*(?:的)?\s*(?:创始团队|创业团队|创始人团队|核心团队)\s*(?:成员)?\s*"
            rf"(?:均|都|大多|多|主要|全部|大部分)?\s*(?:来自|出自|出身于|出身自|出身)\s*(?P<org>{ORG})"
        ),
        handle_team_from,
    ),
    Rule(
        "left-verb",
        # "张建锋目前已从阿里巴巴退休", "X已自A离任"
        _r(rf"(?P<per>{PER})[^。;!?{NE}]{{0,12}}?(?:从|自)\s*(?P<org>{ORG})\s*(?:正式)?(?:退休|离职|裸辞|辞职|离任|卸任|荣退)"),
        handle_left_zh,
    ),
    Rule(
        "worked-at",
        _r(
            rf"(?P<per>{PER})\s*(?:此前|之前|早年|曾经|曾)+\s*(?:在|于|就职于|任职于|供职于)\s*(?P<org>{ZL})\s*"
            rf"(?:工作|任职|就职|供职|效力)"
        ),
        handle_worked_at,
    ),
    Rule(
        "left-verb",
        _r(
            # "X曾任Y负责人，2024年初离开Z": the subject's earlier clause may stand between, no other name
            rf"(?P<per>{PER})\s*(?:已|已经|正式|近日|日前|于|在)?(?:{_NF}{{0,10}}?|[^。;!?{NE}]{{0,30}}?,\s*"
            rf"(?:\d{{4}}年)?[^。;!?,{NE}]{{0,6}}?)(?:从|自)?\s*(?:离开|离职|去职|出走|"
            rf"卸任|辞任|辞去|告别|退出)(?:了)?\s*(?:在\s*)?(?P<org>{ORG})(?:的)?\s*(?P<titles>{TZ})?"
        ),
        handle_left_zh,
    ),
    Rule(
        "left-verb",
        _r(
            rf"(?P<per>{PER})\s*(?:已|已经|于)?{_NF}{{0,10}}?(?:从|自)\s*(?P<org>{ORG})\s*(?:离职|辞职|裸辞|出走|离开|退休|荣休)"
        ),
        handle_left_zh,
    ),
    Rule(
        "left-verb",
        # "百度宣布收购Y中国业务,X于9月25日离职": a departure with no organisation in its clause
        _r(rf"(?<![{NE}])(?:^|(?<=[,。;!?]))\s*(?P<per>{PER})\s*(?:已|已经|也|则|随后|随即)?\s*(?:于{_NF}{{1,12}}?)?"
           rf"(?:离职|辞职|离任|卸任|出走)(?=\s*(?:[,。;!?]|$))"),
        handle_left_last_post,
    ),
    Rule(
        "left-verb",
        # "X早年任职A,官至研发总监,2018年离开A后另起炉灶": a career at A, then leaving A, in one sentence
        _r(
            rf"(?P<per>{PER})\s*(?:此前|之前|早年|曾经|曾|先后)*\s*(?:在|于)?\s*(?:任职|就职|供职|效力|加入)(?:于)?\s*"
            rf"(?P<org>{ORG})(?:[^。;!?{NE}]{{0,8}}?(?:官至|升至|担任|出任)\s*(?P<titles>{TZ}))?[^。;!?{NE}]{{0,30}}?"
            rf"(?:离开|离职|辞职|出走|告别)(?:了)?\s*(?P<org2>{ORG})"
        ),
        handle_left_career,
    ),
    Rule(
        "left-verb",
        # "X在A任职12年,2022年12月离职创业": the company worked at is the one left
        _r(rf"(?P<per>{PER})\s*(?:在|于)\s*(?P<org>{ORG})\s*(?:任职|工作|服务|就职|效力)[^。;!?{NE}]{{0,20}}?"
           rf"(?:离职|辞职|离开)(?!\s*(?:了)?\s*{ORG})"),
        handle_left_zh,
    ),
    Rule(
        "left-verb",
        # "和A、B等众多字节高管一样,X也来自于…百度": X came from the company, and so did those X is likened to
        _r(
            rf"(?:和|与|跟|同)\s*(?P<pers>{PL})\s*(?:等)?[^。;!?]{{0,16}}?一样\s*,\s*(?P<per>{PER})\s*(?:也|同样|亦)?\s*"
            rf"(?:来自于?|出身于?|出自)[^。;!?{NE}]{{0,20}}?(?P<org>{ORG})"
        ),
        handle_came_from_like_others,
    ),
    Rule(
        "left-verb",
        # "首席技术官X于2019年由华为海思加盟": where someone joined from is where they left
        _r(rf"(?P<per>{PER})[^。;!?{NE}]{{0,14}}?(?:由|从|自)\s*(?P<org>{ORG})\s*(?:加盟|跳槽|转投|转会)"),
        handle_left_zh,
    ),
    Rule(
        "left-verb",
        # "从A离职后,X加入了B": the clause before names where the subject came from
        _r(rf"(?:从|自)\s*(?P<org>{ORG})\s*(?:离职|辞职|裸辞|出走|离开|退休|荣休)(?:后|之后|以后)\s*,?\s*(?P<per>{PER})"),
        handle_left_zh,
    ),
    Rule(
        "left-verb",
        _r(
            # "X将出任A CEO，并卸任B董事长": a clause without its subject leaving B, with the title left
            rf"(?P<per>{PER})[^。;!?{PER[1:-1]}]{{0,40}}?,\s*(?:并且|并|同时|随后|之后|此后|后|也|亦|还)?\s*(?:已|已经|将|正式)?"
            rf"(?:卸任|辞去|辞任|离开|离职|去职|退出)(?:了)?\s*(?P<org>{ORG})\s*(?:的)?\s*(?P<titles>{TZ})?"
        ),
        handle_left_zh,
    ),
    Rule(
        "left-verb",
        _r(
            # "王凤英辞去公司总经理一职", "陈屿白已卸任CEO": a title left without naming the company
            rf"(?P<per>{PER})\s*(?:已|已经|正式|近日|日前|于|在)?{_NF}{{0,10}}?(?:辞去|卸任|辞任|卸下)\s*"
            rf"(?:了)?\s*(?:公司|该公司|本公司)?\s*(?:的)?\s*(?P<titles>{TZ})(?:一职|职务|职位)?(?!\s*{ORG})"
        ),
        handle_en_left_topic,
    ),
    Rule(
        "joined-verb",
        _r(
            rf"(?P<per>{PER})\s*(?:已|已经|正式|近日|日前|将|于)?{_NF}{{0,10}}?{_JOIN_ZH}(?:了)?\s*"
            # "将加入一家总部位于新加坡的AI电商新创公司「星链零售」": what the company is, then its name
            rf"(?:(?:一家|一间|某)?(?:{ORG}系)?{_NF}{{0,30}}?(?:公司|企业|新创|创企|独角兽|机构)\s*[“「\"『]?\s*)?"
            # ("加入清华系AI创业公司X": an organisation and 系 say whose people founded X, not where one went)
            rf"(?P<org>{ORG})(?!\s*系)\s*[”」\"』]?(?:\s*,?\s*(?:并)?(?:担任|出任|任)\s*(?:公司)?(?P<titles>{TZ}))?"
        ),
        handle_joined,
    ),
    Rule(
        "listed-staff",
        # "和A、B、C等众多腾讯高管一样": people listed as a company's staff of a kind
        _r(rf"(?P<per>{PL})\s*等\s*(?:众多|多位|一众|诸多|多名|一批|其他)?\s*(?P<org>{ORG})\s*(?:的)?\s*(?P<titles>{TZ})"),
        handle_listed_staff,
        re.compile("等"),
    ),
    Rule(
        "joined-verb",
        _r(
            # "X 2020年从阿里巴巴加入字节跳动": where X came from, and where X went
            rf"(?P<per>{PER})[^。;!?{NE}]{{0,10}}?(?:从|自)\s*(?P<prev>{ORG})\s*(?:离职后|离开后|出走后)?\s*,?\s*"
            rf"(?:正式)?{_JOIN_ZH}(?:了)?\s*(?P<org>{ORG})(?:\s*,?\s*(?:并)?(?:担任|出任|任)\s*(?:公司)?(?P<titles>{TZ}))?"
        ),
        handle_moved_from,
        re.compile(r"[从自]"),
    ),
    Rule(
        "joined-verb",
        _r(
            # "X已于今年退休,日前传出转战A,出任执行副总裁": the move is the next clause of X's sentence
            # (clauses naming other organisations may come between: "X，曾就职于A、B，2020年回国加入C")
            rf"(?P<per>{PER})[^。;!?{PER[1:-1]}]{{0,60}}?,\s*{_NF}{{0,8}}?{_JOIN_ZH}(?:了)?\s*"
            # ("X，日前正式加入AI芯片新创公司「天玑智算」，出任执行长": what the company is, then its name)
            rf"(?:(?:一家|一间|某)?(?:{ORG}系)?{_NF}{{0,30}}?(?:公司|企业|新创|创企|独角兽|机构)\s*[“「\"『]?\s*)?(?P<org>{ORG})(?!\s*系)\s*[”」\"』]?"
            rf"(?:\s*,?\s*(?:并)?(?:担任|出任|任)\s*(?:公司)?(?P<titles>{TZ}))?"
        ),
        handle_joined,
        _JOIN_CUE,
    ),
    Rule(
        "joined-verb",
        _r(
            # "X将赴英特尔担任执行副总裁": going to a company to take a post there
            rf"(?P<per>{PER})[^。;!?{PER[1:-1]}{NE}]{{0,10}}?赴\s*(?P<org>{ORG})\s*(?:担任|出任|任职|就职|履新|工作)"
            rf"\s*(?P<titles>{TZ})?"
        ),
        handle_joined,
        re.compile(r"赴"),
    ),
    Rule(
        "joined-verb",
        _r(
            # "英特尔CEO陈立武延揽林子恒", "A挖来前B高管X": a hire, with or without the hiring boss
            rf"(?P<org>{ORG})\s*(?:的)?\s*(?:{TZ})?\s*(?:{PER})?\s*(?:已|近日|日前|成功|再度)?"
            rf"(?:延揽|招揽|挖来|挖角|网罗|引进|聘请|招募)(?:了)?\s*(?:前[^,。;!?{NE}]{{0,4}}?(?:{ORG})?[^,。;!?{NE}]{{0,8}}?)?"
            rf"(?P<per>{PER})(?:\s*(?:为|出任|担任)\s*(?:公司)?(?:新任?)?(?P<titles>{TZ}))?"
        ),
        handle_joined,
        re.compile(r"延揽|招揽|挖来|挖角|网罗|引进|聘请|招募"),
    ),
    Rule(
        "succession",
        _r(
            # "X接替Y出任A CEO": the successor takes the title, the one succeeded leaves it
            rf"(?P<per>{PER})\s*(?:正式|将|已)?(?:接替|接任|取代)\s*(?P<prev>{PER})\s*,?\s*(?:正式|将)?"
            rf"(?:出任|担任|成为)\s*(?P<org>{ORG})\s*(?:的)?\s*(?:新任?)?(?P<titles>{TZ})"
        ),
        handle_succeeded,
    ),
    Rule(
        "joined-verb",
        _r(
            # not the one succeeded in "X接替Y出任A CEO" (the rule above)
            # ("X于2019年出任A CEO", "X再度出任A CEO": a date, a return, before the verb)
            rf"(?<!接替)(?<!接任)(?<!取代)(?P<per>{PER})\s*(?:于{_NF}{{1,10}}?)?(?:正式|将|已)?(?:再度|再次|重新|又)?"
            rf"(?:出任|担任|接任|接掌|出掌|升任|晋升为|调任|转任|履新|就任|任)\s*"
            rf"(?P<org>{ORG})\s*(?:的)?\s*(?:新任?)?(?P<titles>{TZ})"
        ),
        handle_joined,
    ),
    Rule(
        "joined-verb",
        # "B董事长将由A总经理X兼任", "总经理则由Y出任": the post named first, then who takes it
        _r(
            rf"(?P<org>{ORG})\s*(?:的)?\s*(?P<titles>{TZ})\s*(?:一职)?\s*(?:将|已|则|拟)?\s*由\s*(?:{ORG}\s*(?:的)?\s*{TZ}\s*)?"
            rf"(?P<per>{PER})\s*(?:兼任|出任|担任|接任|接掌)"
        ),
        handle_joined,
    ),
    Rule(
        "joined-verb",
        _r(
            # "X已卸任A底盘开发中心主任一职,出任B CEO", "X在A任职12年,…,现任B执行长": a later clause of
            # the sentence with no other person, the subject's post
            rf"(?P<per>{PER})[^。;!?{PER[1:-1]}]{{0,60}}?,\s*(?:并|同时|随后|之后|后|目前|现|今)?\s*(?:已|将|正式)?"
            rf"(?:出任|担任|现任|转任|改任|升任|接任)\s*(?P<org>{ORG})\s*(?:的)?\s*(?:新任?)?(?P<titles>{TZ})"
        ),
        handle_joined,
    ),
    Rule(
        "joined-verb",
        _r(
            # ("A于2019年任命X为CEO", "A再次任命X为CEO": a date, a return, before the verb)
            # ("英业达董事会通过，任命X为总经理": the board's decision is the company's)
            rf"(?P<org>{ORG})\s*(?:(?:的)?董事会(?:会议)?(?:审议)?(?:通过|决议|决定)?(?:了)?\s*,?\s*)?"
            rf"(?:于{_NF}{{1,10}}?)?(?:宣布)?(?:再度|再次|重新)?(?:任命|聘任|聘请|委任)\s*(?P<per>{PER})\s*"
            rf"(?:(?:接替|接任)\s*(?P<prev>{PER})\s*)?(?:为|出任|担任)\s*(?:公司)?(?:新任?)?(?P<titles>{TZ})"
        ),
        handle_succeeded,
    ),
    Rule(
        "joined-verb",
        _r(
            # "X创立了A,并出任董事长", "X加入A后担任CTO": the title is held at the company just named
            rf"(?P<per>{PER})[^。;!?{PER[1:-1]}]{{0,20}}?(?:创立|创办|创建|成立|{_JOIN_ZH})(?:了)?\s*(?P<org>{ORG})"
            rf"[^。;!?{NE}]{{0,12}}?(?:,\s*|后)(?:并|同时|随后|之后)?\s*(?:将|已|正式)?(?:出任|担任|任)\s*"
            rf"(?:公司|该公司|集团)?\s*(?:的)?\s*(?:新任?)?(?P<titles>{TZ})"
        ),
        handle_joined,
    ),
    Rule(
        "joined-verb",
        _r(
            # "A董事长由X担任", "A的CEO一职将由X接任"
            rf"(?P<org>{ORG})\s*(?:的)?\s*(?:新任?)?(?P<titles>{TZ})\s*(?:一职)?\s*(?:将|已|则)?\s*由\s*(?P<per>{PER})\s*"
            rf"(?:担任|出任|接任|兼任)"
        ),
        handle_joined,
    ),
    Rule(
        "joined-verb",
        _r(
            # "X卸任A董事长职务，由Y接任": the successor holds the title left
            rf"(?:辞去|卸任|辞任|卸下)(?:了)?\s*(?P<org>{ORG})?\s*(?:的)?\s*(?P<titles>{TZ})\s*(?:一职|职务|职位)?\s*,?\s*"
            rf"(?:并|则|将|已)?\s*(?:由|交由)\s*(?P<per>{PER})\s*(?:接任|接替|出任|担任|接棒)"
        ),
        handle_successor,
        re.compile(r"由"),
    ),
    Rule(
        "joined-verb",
        _r(
            # "X由A创办，总经理则由前B研发处长Y出任": a title opening its clause, held at the company of
            # the story; who Y was may come between 由 and the name
            rf"(?:^|(?<=[,;:。]))\s*(?:公司)?(?:的)?\s*(?:新任?)?(?P<titles>{TZ})\s*(?:一职)?\s*(?:将|已|则)?\s*由\s*"
            rf"(?:(?:前|原)\s*(?:{ORG})?{_NF}{{0,10}}?)?(?P<per>{PER})\s*(?:担任|出任|接任|兼任)"
        ),
        handle_title_taken_by,
    ),
    Rule(
        "joined-verb",
        _r(
            rf"(?P<per>{PER})\s*(?:目前|现|正式|将|已)?(?:接任|出任|担任|升任|晋升为|转任|任)\s*(?:公司|该公司|本公司|集团)?\s*(?:的)?"
            rf"\s*(?:新任?)?(?P<titles>{TZ})"
        ),
        handle_title_topic,
    ),
    Rule(
        "founded-verb",
        _r(
            rf"由\s*(?:[^,。;!?]{{0,16}}?)(?P<pers>{PL})\s*(?:与|和)?{_NF}{{0,8}}?(?:联合|共同|一起)?"
            rf"(?:创立|创办|创建|成立)(?!的)"
        ),
        handle_founded_topic,
    ),
    # people, English
    Rule(
        "founded-after-leaving",
        _r(
            rf"(?P<pers>{PL_EN})\s+(?:had\s+|has\s+)?joined\s+(?P<prev>{ORG})(?P<joined>[^.;{NE}]{{0,30}}?)\s*,?\s*"
            rf"(?:and|before|then)\s+(?:later\s+)?(?:left|quit|departed)(?:\s+(?:it|the\s+company|the\s+firm))?"
            rf"(?P<left>[^.;{NE}]{{0,30}}?)\s*,?\s*(?:to|and)\s+(?:later\s+|then\s+)?"
            rf"(?:co-?found|found|start|set\s+up|launch)(?:ed)?\s+(?P<org>{ORG})",
            re.IGNORECASE,
        ),
        handle_en_joined_left_founded,
    ),
    Rule(
        "team-from",
        _r(
            rf"(?P<co>{ORG}),?\s+(?:which\s+was\s+|was\s+)?(?:started|founded|co-?founded|set\s+up|launched|formed)"
            rf"\s+by\s+(?:a\s+(?:trio|pair|group|team|handful|duo|quartet|band)\s+of\s+|"
            rf"(?:two|three|four|five|several)\s+)?(?:former|ex-)\s*(?P<org>{ORG})\s+(?:engineers|employees|"
            rf"staff(?:ers)?|researchers|executives|veterans|alumni|colleagues|scientists|managers|developers)"
            rf"(?:,?\s+(?:led|headed)\s+by\s+(?P<pers>{PL_EN}))?",
            re.IGNORECASE,
        ),
        handle_team_from,
    ),
    Rule(
        "alumni",
        _r(rf"(?P<org>{ORG})\s+{_ALUMNI_EN}\s+(?P<pers>{PL_EN})", re.IGNORECASE),
        handle_alumni,
    ),
    Rule("alumni", _r(rf"(?P<org>{ORG})\s*(?:的)?\s*{_ALUMNI_ZH}\s*(?P<pers>{PL})"), handle_alumni),
    Rule(
        "role-apposition",
        _r(
            rf"(?P<per>{PER}),\s+(?:the\s+)?(?P<org>{ORG})\s*(?:'s|’s)\s+(?P<pre>former\s+|ex-|then\s+)?"
            rf"(?:[a-z][\w-]*\s+)??(?P<titles>{TE})(?![\w-])"
        ),
        handle_en_person_title_of,
    ),
    Rule(
        "role-apposition",
        _r(
            rf"(?P<per>{PER}){_EN_IS},?\s+(?:the\s+|a\s+|an\s+)?(?P<pre>former\s+|ex-|then\s+|previously\s+|"
            # (words between "of" and the organisation stay in the clause and name no one; "head of
            # ByteDance's AI lab" is a role at ByteDance)
            rf"formerly\s+)?(?:the\s+|a\s+|an\s+)?(?:[a-z][\w-]*\s+)??(?P<titles>{TE})\s+(?:of|at)\s+"
            rf"(?:[^\s,;.{NE}]+\s+){{0,6}}?(?P<org>{ORG})(?![-\w]|['’](?!s\b))",
            re.IGNORECASE,
        ),
        handle_en_person_title_of,
    ),
    Rule(
        "role-apposition",
        _r(
            # "former Brackwater Systems executives Hana Oduya and Piet Kramer": each held the title
            rf"(?P<pre>former\s+|ex-)(?P<org>{ORG})\s+(?P<titles>{TE})s\s+(?P<pers>{PL_EN})",
            re.IGNORECASE,
        ),
        handle_former_staff,
    ),
    Rule(
        "role-apposition",
        _r(
            # "Voltera Motors' chief executive, Marcus Liang, said": the comma of an apposition too
            rf"(?P<pre>former\s+|ex-)?(?P<org>{ORG})(?:'s|’s|'|’)?\s+(?P<pre2>former\s+)?"
            rf"(?P<titles>{TE}),?\s+(?P<per>{PER})",
            re.IGNORECASE,
        ),
        lambda eng, view, m: (
            person_fact(
                eng,
                view,
                eng.ent(view, m.group("per")).group,
                eng.ent(view, m.group("org")).group,
                title_surface(eng, view, m),
                said_former(m, "pre", "pre2"),
                m,
                "role-apposition",
                0.8,
            )
            if eng.ent(view, m.group("org")).root == C.Organization
            else None
        ),
    ),
    Rule(
        "role-apposition",
        _r(
            rf"(?P<per>{PER})(?:{_EN_IS}|,\s+who\s+(?:serves|served|is|was)\s+as),?\s+(?:the\s+|its\s+)?"
            rf"(?:(?:company|firm|group|startup)['’]s\s+)?(?P<pre>former\s+)?(?P<titles>{TE})(?=\s*[,.;)]|\s*$)",
            re.IGNORECASE,
        ),
        handle_en_person_title_only,
    ),
    Rule(
        "founded-verb",
        _r(
            # "X, founder and CEO of A, previously founded the search engine B": an apposition, an
            # adverb and a lower-case description may come between
            rf"(?P<pers>{PL_EN})(?:,(?!\s*who\b)[^.;!?{PER[1:-1]}]{{0,80}}?,)?\s+(?:(?:previously|also|later|then|had|has|once)\s+)*"
            rf"(?:co-?founded|founded|started|set\s+up|launched)\s+(?:the\s+|a\s+|an\s+)?(?:[a-z][\w-]*\s+){{0,3}}?"
            rf"(?P<org>{ORG})",
            re.IGNORECASE,
        ),
        handle_en_founded,
    ),
    Rule(
        "role-apposition",
        _r(
            # "Its founder Hana Oduya said": a title of the company the story is about
            rf"(?<![\w'’])(?:its|the\s+company['’]s|the\s+firm['’]s|the\s+startup['’]s)\s+(?P<pre>former\s+)?"
            rf"(?P<titles>{TE}),?\s+(?P<per>{PER})",
            re.IGNORECASE,
        ),
        handle_title_topic,
    ),
    Rule(
        "founded-verb",
        _r(
            # "X has founded an AI agent startup called Mindforge": the company named after its kind
            rf"(?P<pers>{PL_EN})\s+(?:has\s+|had\s+|recently\s+|later\s+|then\s+|also\s+)*(?:co-?founded|founded|started|"
            rf"launched|set\s+up)\s+(?:an?\s+|the\s+|his\s+own\s+|her\s+own\s+)?(?:[\w-]+\s+){{0,4}}?"
            rf"(?:startup|start-up|company|firm|venture)\s+(?:called|named|dubbed)\s+(?P<org>{ORG})",
            re.IGNORECASE,
        ),
        handle_en_founded,
    ),
    Rule(
        "founded-verb",
        _r(
            # "Zhou Yanting (周砚亭), who co-founded B in 2020, ..."
            rf"(?P<pers>{PL_EN})(?:\s*\([^()]{{1,8}}\))?,\s+who\s+(?:also\s+|later\s+|had\s+)?"
            rf"(?:co-?founded|founded|started|set\s+up|launched)\s+(?P<org>{ORG})",
            re.IGNORECASE,
        ),
        handle_en_founded,
    ),
    Rule(
        "founded-verb",
        _r(
            rf"(?P<pers>{PL_EN}),\s+who\s+(?:(?P<lv>left|quit|departed(?:\s+from)?)\s+(?P<left>{ORG})|"
            rf"[^,;.{NE}]{{0,60}}(?:{ORG})?)[^,;.{NE}]{{0,30}},\s+(?:later\s+|then\s+)?"
            rf"(?:co-?founded|founded|started|set\s+up|launched)\s+(?P<org>{ORG})",
            re.IGNORECASE,
        ),
        handle_en_founded_who,
    ),
    Rule(
        "founded-verb",
        _r(
            rf"(?P<pers>{PL_EN}),\s+(?:a|an|the|previously|formerly|once)\s+[^,;.{NE}]{{0,60}}"
            rf"(?:{ORG}[^,;.{NE}]{{0,30}})?,\s+"
            rf"(?:later\s+|then\s+)?(?:co-?founded|founded|started|set\s+up|launched)\s+(?P<org>{ORG})",
            re.IGNORECASE,
        ),
        handle_en_founded_who,
    ),
    Rule(
        "founded-after-leaving",
        _r(
            # "Li Na left the company last year to start robotics firm Nexbot"
            rf"(?P<pers>{PL_EN})\s+(?:has\s+|had\s+)?(?:left|quit|departed(?:\s+from)?)\s+"
            rf"(?:{ORG}|the\s+(?:company|firm|startup|group))"
            rf"(?P<mid>[^.;!?{NE}]{{0,30}}?)\s*,?\s*(?:and|to|before|then)\s+(?:later\s+|went\s+on\s+to\s+)?"
            rf"(?:co-?found(?:ed)?|found(?:ed)?|start(?:ed)?|set\s+up|launch(?:ed)?)\s+"
            rf"(?:(?:his|her|their|its)\s+own\s+|an?\s+|the\s+)?(?:[a-zA-Z-]+\s+){{0,3}}?(?P<org>{ORG})",
            re.IGNORECASE,
        ),
        handle_en_founded_after_leaving,
    ),
    Rule(
        "founded-verb",
        _r(
            rf"(?P<org>{ORG})[^.;!?{NE}]{{0,50}}?\b(?:was\s+|is\s+)?(?:co-?founded|founded|started|"
            rf"set\s+up|established)\s+(?P<mid>(?:(?:in|last|this|earlier\s+this)\s+[^.;,{NE}]{{0,20}}?\s+)?)by\s+"
            rf"(?:(?:former|ex-)\s*(?:{ORG})?\s*(?:{TITLE_EN_RE})?s?\s+|{ORG}\s+{_ALUMNI_EN}\s+)?(?P<pers>{_PL_EN_DESCRIBED})",
            re.IGNORECASE,
        ),
        handle_en_founded,
    ),
    Rule(
        "founded-verb",
        _r(
            # (an entity stands for a name: a private-use character \W would take as punctuation)
            rf"^[^\w{NE}]*(?:co-?founded|founded|started|established)\s+(?P<mid>(?:in\s+[^.;,{NE}]{{0,20}}?\s+)?)"
            # "Founded in 2021 by X, a former director at Nvidia who left that year, Shanghai-based Y ..."
            # ("Founded by Tsinghua professor Tang Jie in 2019, Zhipu …": who the founder is, and when, may
            # stand around the name)
            rf"by\s+(?:(?:former\s+)?(?:{ORG})?\s*(?:{TITLE_EN_RE})\s+|former\s+(?:{ORG})?\s*)?(?P<pers>{PL_EN})"
            rf"(?P<mid2>\s+in\s+(?:19|20)\d\d)?,\s+(?:[^,]{{0,120}}?,\s+)?"
            # what the company is may come first ("Shanghai-based Y"); a capitalised word alone is an
            # unknown subject, not a description ("…, Astrobot counts Tencent among its backers")
            rf"(?-i:(?:[A-Za-z]+-[\w-]+|[a-z][\w-]*)\s+){{0,3}}?(?P<org>{ORG})",
            re.IGNORECASE,
        ),
        handle_en_founded,
    ),
    Rule(
        "founded-verb",
        _r(
            rf"(?:the\s+(?:[\w-]+\s+){{0,2}}?(?:company|firm|startup)|it)\s+(?:was\s+|is\s+)?"
            rf"(?:co-?founded|founded|started|set\s+up|established)\s+(?P<mid>(?:in\s+[^.;,{NE}]{{0,20}}?\s+)?)"
            rf"by\s+(?:(?:the\s+)?former\s+(?:{ORG})?\s*(?:{TITLE_EN_RE})?\s+)?(?P<pers>{PL_EN})",
            re.IGNORECASE,
        ),
        handle_founded_topic,
    ),
    Rule(
        "founded-verb",
        _r(
            rf"(?P<pers>{PL_EN})[^.;!?]{{0,60}}?\b(?:co-?founded|founded|started)\s+(?:the\s+"
            rf"(?:company|firm|startup)|it)\b(?P<mid>(?:(?!\s+with\s)[^.;{NE}]){{0,20}})(?:\s+with\s+[^.;,{NE}]{{0,40}}?"
            rf"(?P<with>{PER}))?",
            re.IGNORECASE,
        ),
        handle_founded_topic,
    ),
    Rule(
        "worked-at",
        _r(
            # "X spent five years at A", "X, who founded B, spent a decade with A": a past employer
            rf"(?P<per>{PER})(?:\s*\([^()]{{1,8}}\))?(?:,[^.;!?{NE}]{{0,40}}(?:{ORG}[^.;!?{NE}]{{0,20}})?,)?\s+"
            rf"(?:had\s+)?spent\s+(?:[\w-]+\s+){{0,3}}?(?:years?|months?|decades?)\s+(?:at|with)\s+(?P<org>{ORG})",
            re.IGNORECASE,
        ),
        handle_worked_at,
    ),
    Rule(
        "left-verb",
        _r(
            rf"(?P<per>{PL_EN})\s+(?:has\s+|had\s+|have\s+)?{_EN_ADV}(?:left|departed|quit|resigned\s+from|retired\s+from|"
            rf"stepped\s+down\s+from|"
            rf"exited)\s+(?P<org>{ORG})",
            re.IGNORECASE,
        ),
        handle_en_left,
    ),
    Rule(
        "left-verb",
        _r(
            rf"(?P<per>{PER})[^.;!?{NE}]{{0,30}}?(?:stepped\s+down|resigned)\s+as\s+(?P<titles>{TE})\s+"
            rf"(?:of|at)\s+(?P<org>{ORG})",
            re.IGNORECASE,
        ),
        handle_en_left,
    ),
    Rule(
        "left-verb",
        _r(
            # "with co-founder X stepping down as A's president to become the new firm's chief executive"
            rf"(?P<per>{PER})[^.;!?{NE}]{{0,30}}?(?:stepped|stepping|steps|step)\s+down\s+as\s+(?P<org>{ORG})['’]s\s+"
            rf"(?P<titles>{TE})(?:\s+to\s+(?:become|serve\s+as|take\s+over\s+as|lead)\s+(?:the\s+)?"
            rf"(?:(?:new|spun-off|spin-off)\s+(?:firm|company|entity|startup|venture|unit)['’]s|(?P<org2>{ORG})['’]s)\s+"
            rf"(?P<titles2>{TE}))?",
            re.IGNORECASE,
        ),
        handle_en_left_to_become,
    ),
    Rule(
        "left-verb",
        _r(
            # "Chen Yubai left the company in 2023", "X stepped down as its chief executive": the company
            # of the story
            rf"(?P<per>{PER})\s+(?:has\s+|had\s+)?{_EN_ADV}(?:(?:left|departed|quit|exited|resigned\s+from|"
            rf"stepped\s+down\s+from)\s+the\s+(?:company|firm|startup|group)|(?:stepped\s+down|resigned)"
            # (a whole title only: not "chief" of "stepped down as chief executive of A", the rule above's)
            rf"(?:\s+as\s+(?:its\s+|the\s+company['’]s\s+)?(?P<titles>{TE})(?!\s+[A-Za-z][\w-]*\s+(?:of|at)\s))?)"
            rf"(?!\s+(?:as|from|at|of)\s)(?![\w-])",
            re.IGNORECASE,
        ),
        handle_en_left_topic,
    ),
    Rule(
        "joined-verb",
        _r(
            # "X, formerly a vice president at A, joined B as COO": an apposition may come between
            # ("Chen, who joined A in 2019, will join Singapore-based startup B as chief executive": a
            # move to come, after who the person was; what B is may come before its name)
            rf"(?P<per>{PER})(?:,(?!\s*who\b)[^.;!?{PER[1:-1]}]{{0,80}}?,|,\s*who\b[^;!?{PER[1:-1]}]{{0,80}}?,)?\s+"
            rf"(?:has\s+|had\s+|will\s+|is\s+set\s+to\s+|is\s+to\s+|plans\s+to\s+)?(?:joined|rejoined|join)\s+"
            rf"(?-i:(?:[A-Za-z]+-[\w-]+|[a-z][\w-]*)\s+){{0,3}}?(?P<org>{ORG})(?:\s+as\s+"
            rf"(?:its\s+|a\s+|an\s+|the\s+)?(?P<titles>{TE}))?",
            re.IGNORECASE,
        ),
        handle_joined,
    ),
    Rule(
        "joined-verb",
        _r(
            rf"(?P<org>{ORG})\s+(?:has\s+)?(?:appointed|named|hired)\s+(?P<per>{PER})\s+(?:as\s+)?"
            rf"(?:its\s+)?(?:new\s+)?(?P<titles>{TE})?",
            re.IGNORECASE,
        ),
        handle_joined,
    ),
    Rule(
        "role-apposition",
        _r(
            rf"(?P<per>{PER}),\s+(?:a|an|the)\s+(?P<pre>former\s+|ex-)(?P<org>{ORG})\s+"
            rf"(?:[a-z][\w-]*\s+)??(?P<titles>{TE})(?![\w-])",
            re.IGNORECASE,
        ),
        handle_en_person_title_of,
    ),
    Rule(
        "founder-previously",
        _r(
            rf"(?P<co>{ORG})(?:'s|’s|'|’)\s+(?:co-?)?founder(?:,\s*(?P<per>{PER}),)?\s+(?:previously|formerly|"
            rf"once|had|earlier)\s+(?:led|ran|headed|managed|worked\s+(?:at|for)|was\s+at)\s+(?:the\s+)?"
            rf"(?P<org>{ORG})",
            re.IGNORECASE,
        ),
        handle_founder_previously,
    ),
    # products
    Rule(
        "develops",
        _r(
            rf"(?P<org>{ORG})\s*(?:的|旗下(?:的)?|推出(?:的|了)?|发布(?:的|了)?|开发(?:的|了)?|研发(?:的|了)?|"
            rf"上线(?:的|了)?|自研(?:的)?|开源(?:的|了)?)\s*{_NF}{{0,10}}?(?P<prods>{RL})"
        ),
        handle_develops,
    ),
    Rule(
        "develops",
        _r(rf"(?P<prods>{RL})\s*(?:是|为|系)\s*(?P<org>{ORG})\s*(?:旗下|推出|开发|发布|研发)"),
        handle_develops,
    ),
    Rule("develops", _r(rf"(?P<org>{ORG})(?:'s|’s)\s+(?:[\w-]+\s+){{0,4}}?(?P<prods>{RL_EN})"), handle_develops),
    Rule(
        "develops",
        _r(
            rf"(?P<org>{ORG})\s+(?:has\s+|had\s+)?(?:launched|released|unveiled|rolled\s+out|developed|"
            rf"introduced|debuted|built|makes|offers|operates)\s+[^.;!?{NE}]{{0,40}}?(?P<prods>{RL_EN})",
            re.IGNORECASE,
        ),
        handle_develops,
    ),
    Rule(
        "develops",
        _r(
            rf"(?P<prods>{PRD}),?\s+(?:developed|made|built|launched|released|owned|operated)\s+by\s+"
            rf"(?P<org>{ORG})",
            re.IGNORECASE,
        ),
        handle_develops,
    ),
    Rule(
        "develops-list",
        _r(
            rf"\b(?:the\s+(?:[\w-]+\s+){{0,3}}?(?:company|firm|startup)|it)\s+(?:has\s+|is\s+)?(?:also\s+)?"
            rf"(?:launched|released|unveiled|rolled\s+out|developed|developing|building|introduced|debuted|sells|"
            rf"makes)\s+[^.;!?{NE}]{{0,40}}?"
            rf"(?P<prods>{RL_EN})",
            re.IGNORECASE,
        ),
        handle_develops_topic,
    ),
    Rule(
        "develops-list",
        _r(
            rf"(?:apps|products|models|offerings|applications|产品|应用)\s*(?:include|including|"
            rf"such\s+as|包括|有)\s*(?P<prods>{RL_EN}|{RL})",
            re.IGNORECASE,
        ),
        handle_develops_topic,
    ),
    # "公司主力产品为车规级MCU「X」", "公司正在研发的医疗大模型「Y」": the products of the company the
    # passage is about, named by what they are
    Rule(
        "develops-list",
        _r(
            rf"(?:(?<![母子孙业资股])公司|其|它)\s*(?:目前|现阶段|当前)?\s*(?:的)?\s*(?:主力|主打|核心|主要|旗舰|首款|"
            rf"代表性?)\s*产品\s*(?:为|是|包括|有|主要为|包含)?\s*{_NF}{{0,24}}?(?P<prods>{RL})"
        ),
        handle_develops_topic,
    ),
    Rule(
        "develops-list",
        _r(
            rf"(?:(?<![母子孙业资股])公司|其)\s*(?:目前|正在|还|也|今年|去年|近日|此前)?{_NF}{{0,8}}?(?:主推|推出|发布|研发|"
            rf"开发|自研|量产)(?:的|了)\s*{_NF}{{0,16}}?(?P<prods>{RL})"
        ),
        handle_develops_topic,
    ),
    # spin-offs and control
    Rule(
        "spin-off",
        _r(
            rf"(?P<child>{ORG})\s*(?:正式|最初|最早|同时|也|还|早年|起初)?(?:脱胎于|孵化自|孵化于|源自|源于|诞生于|分拆自|拆分自|起源于)\s*"
            rf"(?P<parent>{ORG})"
        ),
        handle_spinoff,
    ),
    Rule(
        "spin-off",
        _r(
            rf"(?P<child>{ORG})\s*(?:是|为|系)?\s*(?:从|由)\s*(?P<parent>{ORG})\s*(?:内部)?(?:孵化|分拆|拆分|剥离)"
        ),
        handle_spinoff,
    ),
    Rule(
        "spin-off",
        _r(
            # the parent first: "A将旗下芯片业务分拆为独立公司B", "A分拆出B", "A分拆旗下业务成立B"
            rf"(?P<parent>{ORG})\s*(?:将|已|拟|计划|宣布|正式|把)*\s*(?:其|旗下)?[^,。;!?{NE}]{{0,10}}?"
            rf"(?:分拆|拆分|剥离)(?:出|出来)?\s*(?:旗下)?[^,。;!?{NE}]{{0,10}}?(?:为|成立|成为|组建)?\s*"
            rf"(?:一家)?(?:独立|新)?(?:的)?(?:公司|企业|子公司)?\s*(?P<child>{ORG})"
            # "A分拆ADC平台": a name before 平台/业务 names the business spun off, not the new company
            rf"(?!\s*(?:平台|业务|部门|板块|事业部|资产|团队|项目))"
        ),
        handle_spinoff,
    ),
    Rule(
        "spin-off",
        _r(
            # "A…将旗下AI服务器事业部以分割方式独立,成立100%持股子公司「B」", "A发布公告称,公司已将旗下智能底盘
            # 业务分拆,成立独立运营的B": the unit, the verb, then the new company in the next clause
            rf"(?P<parent>{ORG})[^。;!?{NE}]{{0,30}}?(?:将|把)\s*(?:其|旗下)?[^。;!?{NE}]{{0,16}}?(?:分拆|拆分|剥离|分割)"
            rf"[^。;!?{NE}]{{0,12}}?,?\s*(?:并)?(?:成立|设立|组建|成为)[^。;!?{NE}]{{0,16}}?(?:(?:公司|企业)\s*)?"
            rf"[「“\"]?\s*(?P<child>{ORG})"
        ),
        handle_spinoff,
    ),
    Rule(
        "spin-off",
        _r(
            # "A spun off its chip unit as B", "A will spin off B"
            rf"(?P<parent>{ORG})\s+(?:has\s+|will\s+|plans\s+to\s+|agreed\s+to\s+)?(?:spins?|spinning|spun)\s+off\s+"
            rf"(?:its\s+(?:[\w-]+\s+){{0,4}}?(?:unit|business|division|arm|team|operations)\s+(?:as|into)\s+"
            # "… into a standalone company, B"
            rf"(?:(?:a|an)\s+(?:new\s+|standalone\s+|separate\s+|independent\s+)*(?:company|firm|entity|startup),?\s+)?)?"
            rf"(?P<child>{ORG})",
            re.IGNORECASE,
        ),
        handle_spinoff,
    ),
    Rule(
        "spin-off",
        _r(
            rf"(?P<child>{ORG})[^.;!?{NE}]{{0,30}}?\b(?:was\s+|is\s+)?(?:spun\s+(?:out|off)\s+(?:of|from)|"
            rf"a\s+spin-?(?:off|out)\s+(?:of|from)|incubated\s+(?:at|by|in|within)|originally\s+a\s+"
            rf"project\s+(?:developed\s+)?(?:internally\s+)?(?:at|of|within|inside))\s+"
            rf"(?:[\w-]+\s+){{0,3}}?(?P<parent>{ORG})",
            re.IGNORECASE,
        ),
        handle_spinoff,
    ),
    Rule(
        "spin-off",
        # "The company was spun off from Baidu's autonomous driving unit in 2021": the company of the story
        _r(
            rf"(?:\b(?:the|this)\s+(?:company|firm|startup|group|business)|\b[Ii]t)\s+(?:was|is|had\s+been)\s+"
            rf"(?:spun\s+(?:out|off)\s+(?:of|from)|a\s+spin-?(?:off|out)\s+(?:of|from)|incubated\s+(?:at|by|in|within))\s+"
            rf"(?:[\w-]+\s+){{0,3}}?(?P<parent>{ORG})",
            re.IGNORECASE,
        ),
        handle_spinoff_topic,
        re.compile(r"spun|spin-?o|incubated", re.IGNORECASE),
    ),
    Rule(
        # "B是一家A系创业公司", "A系创企B": a company of A's lineage, founded by people from A
        "spin-off",
        _r(rf"(?P<child>{ORG})\s*(?:是|为)\s*(?:一家|一个)?\s*(?P<parent>{ORG})\s*系(?:的)?\s*{_LINEAGE_KIND}"),
        handle_spinoff,
    ),
    Rule(
        "spin-off",
        _r(rf"(?P<parent>{ORG})\s*系(?:的)?\s*{_LINEAGE_KIND}\s*(?P<child>{ORG})"),
        handle_spinoff,
    ),
    Rule("controlled-by", _r(rf"(?P<child>{ORG})\s*\(\s*(?P<parent>{ORG})\s*旗下\s*\)"), handle_controlled),
    Rule(
        "controlled-by",
        _r(rf"(?P<child>{ORG})\s*(?:是|为|系)\s*(?P<parent>{ORG})\s*(?:旗下|控股|全资)"),
        handle_controlled,
    ),
    Rule(
        "controlled-by",
        _r(
            rf"(?P<child>{ORG}),\s+(?:an?|the)\s+(?:[\w-]+\s+){{0,4}}?(?:arm|unit|subsidiary|vehicle|"
            rf"affiliate|division)\s+of\s+(?:[\w-]+\s+){{0,3}}?(?P<parent>{ORG})",
            re.IGNORECASE,
        ),
        handle_controlled,
    ),
    Rule(
        "controlled-by",
        _r(rf"(?P<parent>{ORG})-(?:owned|controlled)\s+(?:[\w-]+\s+){{0,4}}?(?P<child>{ORG})"),
        handle_controlled,
    ),
    # ownership and look-through (kg/extract/relations/ownership.py)
    *OWNERSHIP_RULES,
    Rule(
        "state-apposition",
        _r(
            rf"(?P<org>{ORG}),\s+(?:the\s+|an?\s+)?[^,;{NE}]{{0,60}}?(?:of|by)\s+the\s+"
            rf"(?P<region>[A-Z][a-z]+)\s+(?:municipal\s+|city\s+|provincial\s+|district\s+)?"
            rf"government"
        ),
        handle_state_apposition,
    ),
    # pronouns for founders: after every other rule, so founders named in the sentence are known
    Rule(
        "founded-pronoun",
        _r(
            rf"(?P<pron>他们|她们|他|她)\s*(?P<mid>{_NF}{{0,12}}?)(?:联合|共同|一起)?(?:创立|创办|创建|成立)的\s*"
            rf"(?:公司|企业)?\s*(?P<org>{ORG})"
        ),
        handle_pronoun_founded,
    ),
    Rule(
        "founded-pronoun",
        # "他在成都注册了新公司「X」,出任创始人兼CEO": a company a pronoun's person set up, and the post taken
        _r(
            rf"(?:(?P<pron>他们|她们|他|她)|(?P<per>{PER}))\s*(?P<mid>{_NF}{{0,12}}?)(?:联合|共同|一起)?"
            rf"(?:创立|创办|创建|成立|注册|组建)了\s*"
            rf"(?:一家)?(?:新公司|公司|企业|创业公司|初创公司)?\s*[「“\"《]?\s*(?P<org>{ORG})\s*[」”\"》]?"
            rf"(?:\s*,\s*(?:并)?(?:出任|担任|自任)\s*(?P<titles>{TZ}))?"
        ),
        handle_pronoun_founded_post,
    ),
    Rule(
        "founder-pronoun",
        _r(
            rf"(?P<pron>他们|她们|他|她|二人|两人|三人)[^。;!?{NE}]{{0,16}}?(?:均|都|也|皆|同|亦)*(?:是|为)\s*"
            rf"(?:(?P<org>{ORG})\s*的?)?\s*(?:联合创始人|创始人|联合创办人|创办人|创始成员|创始团队成员)"
            rf"|(?P<pron_en>[Tt]hey|[Hh]e|[Ss]he)\s+(?:were|was|are|is)\s+(?:all\s+|both\s+|also\s+)*"
            rf"(?:(?P<org_en>{ORG})(?:'s|’s)?\s+)?(?:co-?founders?|founders?|founding\s+members?)\b"
            rf"(?!\s+of\s+(?!the\s+(?:company|firm|startup)\b){ORG})"
        ),
        handle_pronoun_is_founder,
    ),
    Rule(
        "founded-pronoun",
        _r(
            rf"(?P<org>{ORG}),\s+(?:the|a)\s+(?:[\w-]+\s+)?(?:company|firm|startup|venture)\s+(?:that\s+|which\s+)?"
            rf"(?P<pron>he|she|they)\s+(?P<mid>(?:had\s+|have\s+|has\s+|later\s+|jointly\s+)*)"
            rf"(?:co-?founded|founded|started|set\s+up|launched)",
            re.IGNORECASE,
        ),
        handle_pronoun_founded,
    ),
]
