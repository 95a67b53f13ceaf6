"""Funding rules and their handlers: who invested in which company's round, as lead or follower, with
the round, the amount and the date, and which investors are state capital.

Each handler reads its rule's groups (the investors, their part, the company where the clause names
it) and hands them to `investing.invest`, which places them in a round: that step is shared by
every handler here, and kept apart so this module holds the rules and the code reading their groups."""

from __future__ import annotations

import re
from typing import Any

from kg.extract.normalize import find_money
from kg.extract.relations.engine import (
    BR,
    EL,
    NE,
    NF,
    ORG,
    PER,
    ZH_SEP,
    ZL,
    Engine,
    Rule,
    View,
    first_group,
    listed_with_investors,
    org_groups,
    round_in,
    round_money,
)
from kg.extract.relations.investing import funding_target, invest
from kg.terms import C, R

# -- funding ----------------------------------------------------------------------------------------

#: Words of a funding story: rules and handlers that only make sense in one look for them first.
FUNDING_CUE = re.compile(
    r"融资|领投|跟投|参投|轮|投资方|投资人|投资阵容|注资|入股|增资|私募|加码|追投|基石|raised|raise|funding|"
    r"round|financing|investors?|backed|backing|led\s+by|invest|cornerstone|stake",
    re.IGNORECASE,
)


def handle_funding_subject(eng: Engine, view: View, m: re.Match[str]) -> None:
    """Open a funding episode later sentences may continue ("星衡智能超20亿元的C+轮融资")."""
    ent = eng.ent(view, m.group("co"))
    if not ent.is_companyish() or ent.is_investorish() or ent.group in listed_with_investors(eng, view):
        return
    if ent.group in eng.former_employers(view):
        return  # "A's former agent chief raises $60 million": someone who left A raises, not A
    if eng.ctx.funding_sentence == view.sentence.index:
        return  # a rule in this sentence already named the round's company
    rnd = round_in(view.skel)
    if rnd is None and eng.ctx.funding_target == ent.group:
        rnd = eng.ctx.funding_round
    eng.ctx.funding_target = ent.group
    eng.ctx.funding_round = rnd
    eng.ctx.funding_date = eng.date_near(view, m.start(), m.end())
    eng.ctx.funding_money = round_money(view.skel)
    eng.ctx.funding_sentence = view.sentence.index


def handle_lead(eng: Engine, view: View, m: re.Match[str]) -> None:
    members = org_groups(m.group("inv"))
    co = bool(m.groupdict().get("co")) or len(members) > 1
    target = None
    if m.groupdict().get("tgt"):  # "X led a $50 million round in Y"
        ent = eng.ent(view, m.group("tgt"))
        target = ent.group if ent.is_companyish() else None
    invest(eng, view, m, members, "co_lead" if co else "lead", "funding-lead", 0.85, target=target)


def handle_follow(eng: Engine, view: View, m: re.Match[str]) -> None:
    invest(eng, view, m, org_groups(m.group("inv")), "follow", "funding-follow", 0.8)


def handle_took_part(eng: Engine, view: View, m: re.Match[str]) -> None:
    """"A参与了B的C轮融资", "A参投了B", "A、D等国资机构已入股B": investors taking part in a named
    company's round. 参与 says nothing of the part played (a lead takes part too); 参投 and 跟投 say follow."""
    co = eng.ent(view, m.group("co") or m.group("co2"))
    if not co.is_companyish():
        return
    role = "follow" if re.search(r"参投|跟投", m.group(0)) else "strategic" if "战略" in m.group(0) else None
    invest(eng, view, m, org_groups(m.group("inv")), role, "funding-follow", 0.75, target=co.group)


def handle_sole(eng: Engine, view: View, m: re.Match[str]) -> None:
    invest(eng, view, m, org_groups(m.group("inv")), "sole", "funding-sole", 0.85)


def handle_got(eng: Engine, view: View, m: re.Match[str]) -> None:
    kind = m.group("kind")
    role = "strategic" if "战略" in kind else None
    members = org_groups(m.group("inv"))
    target = eng.company_before(view, m.start(), {eng.ent(view, c).group for c in members})
    invest(eng, view, m, members, role, "funding-received", 0.75, target=target)


#: A list that names some of the investors only ("investors including X", "X等"): no one in it is
#: known to have put up the whole round.
_PARTIAL_LIST = re.compile(r"includ|such\s+as|\blike\b|likes\s+of|among|包括|等", re.IGNORECASE)
#: What stands before "backed by" when it states who holds stakes, not who funded a round.
_STANDING_BEFORE = re.compile(
    r"(?:,|\b(?:is|are|was|were|has\s+been|have\s+been|remains)(?:\s+(?:also|already|largely|mainly))?)\s*$",
    re.IGNORECASE,
)
#: A sentence about a fund, not a company: its backers are its limited partners, not a round's investors.
_FUND_SUBJECT = re.compile(
    r"^\W*(?:The|This|That)\s+(?:fund|vehicle|fund's)\b|^\W*(?:该基金|这只基金|此基金|该母基金)", re.IGNORECASE
)
_EXISTING_BACKERS = re.compile(
    r"\b(?:existing|current|earlier|previous|whose)\s+(?:investors|backers|shareholders)\b", re.IGNORECASE
)


def handle_investors_are(eng: Engine, view: View, m: re.Match[str]) -> None:
    if _FUND_SUBJECT.match(view.skel):
        eng.dropped.append(
            (f"INVESTED_IN in sentence {view.sentence.index}", "the backers of a fund, not of a company")
        )
        return
    partial = bool(_PARTIAL_LIST.search(m.group(0)))
    # ", backed by X," in apposition to a company: a standing stake, not this sentence's round
    # (or "Y is backed by X": the company's backers, not the round of the sentence before)
    standing = bool(re.match(r"backed\b", m.group(0), re.IGNORECASE)) and bool(
        _STANDING_BEFORE.search(view.skel, 0, m.start())
    )
    # "Y counts X among its backers": who holds a stake, with no round, sum or date of this sentence
    standing = standing or bool(m.groupdict().get("standing"))
    # ("counts state-owned investor X and Y among its shareholders": a description before the list)
    standing = standing or bool(
        re.search(rf"\bcounts\s+[^,;.{NE}]{{0,40}}$", view.skel[max(0, m.start() - 48) : m.start()])
        and re.search(r"\bamong\b", m.group(0))
    )
    # "Y's existing investors include X": who already holds a stake, not this story's round
    standing = standing or bool(_EXISTING_BACKERS.search(view.skel, max(0, m.start() - 24), m.end()))
    invest(
        eng, view, m, org_groups(m.group("inv")), None, "funding-investor-list", 0.7,
        money_ok=not partial, episode=not standing,
    )


#: Words that say a sentence goes on to list investors ("看看投资方: 有A这样的…").
_INVESTORS_INTRO = re.compile(r"投资方|投资人|投资者|投资机构|出资方|股东|投资阵容|参投方")


def handle_investors_named_more(eng: Engine, view: View, m: re.Match[str]) -> None:
    """"…投资方：有A这样的…，有B为代表的…，也有C这样的…": after the sentence says investors follow,
    each kind of investor it names is one of them."""
    if _INVESTORS_INTRO.search(view.skel, 0, m.start()):
        invest(eng, view, m, org_groups(m.group("inv")), None, "funding-investor-list", 0.65, money_ok=False)


def handle_names_of_round(eng: Engine, view: View, m: re.Match[str]) -> None:
    """"A、B、C这些名字": the investors of the round the article has just told (or this sentence tells)."""
    recent = eng.ctx.funding_target is not None and view.sentence.index - eng.ctx.funding_sentence <= 2
    if recent or _ROUND_TALK.search(view.skel):
        invest(eng, view, m, org_groups(m.group("inv")), None, "funding-investor-list", 0.65, money_ok=False)


_ROUND_TALK = re.compile(r"融资|投资|轮|入股|注资|领投|跟投")
#: Where a list names people's or teams' backgrounds, not investors ("核心团队来自华为、小米").
_ORIGIN_BEFORE = re.compile(r"(?:来自|出自|出身(?:于)?|毕业于|曾在|曾?就职于|任职于|效力于|曾任职于|曾供职于)\s*$")
_FUNDED_FROM = re.compile(r"(?:获得?|得到|接受|迎来)(?:了)?\s*(?:来自)\s*$")


def _names_origins(skel: str, at: int) -> bool:
    """Does the list starting at `at` say where people come from, rather than who invested?"""
    before = skel[max(0, at - 8) : at]
    return bool(_ORIGIN_BEFORE.search(before)) and not _FUNDED_FROM.search(skel[max(0, at - 12) : at])


def handle_context_list(eng: Engine, view: View, m: re.Match[str]) -> None:
    """A list of two or more investors in a sentence about a round ("既有A、B、C等产业资本")."""
    members = org_groups(m.group("inv"))
    ents = [eng.ent(view, c) for c in members]
    if len(ents) < 2 or not all(e.is_investorish() for e in ents):
        return
    if _names_origins(view.skel, m.start("inv")):
        return
    if any(e.group in eng._investors_here for e in ents):
        return
    recent = view.sentence.index - eng.ctx.funding_sentence <= 2
    if not (recent or FUNDING_CUE.search(view.skel)):
        return
    invest(eng, view, m, members, None, "funding-context-list", 0.5)


def handle_investor_cheque(eng: Engine, view: View, m: re.Match[str]) -> None:
    """"其中A出资30亿元", "A认缴5亿元": an investor's own sum in the round of the passage (or of the
    company named before it); the sum is the investor's, so it is kept even beside a round total."""
    inv = eng.ent(view, m.group("inv"))
    if not inv.is_investorish() and C.Investor not in inv.types:
        return
    target, _conf = funding_target(eng, view, {inv.group}, m.start())
    if target is None or target == inv.group:
        return
    # the sum the rule matched right after the verb is the investor's own ("A认购1亿港元"), even after
    # 认购, which elsewhere gives a subscription total, not a round's sum
    here = view.skel[m.start() :]
    money = next((mn for s, _e, mn in find_money(here) if s < m.end() - m.start() and mn.currency), None)
    money = money or round_money(here)
    props: dict[str, Any] = {"round": eng.ctx.funding_round if eng.ctx.funding_target == target else None}
    if money is not None:
        props.update(money.as_props())
    eng.emit(view, R.INVESTED_IN, inv.group, target, props, m, "funding-contribution", 0.65)


def handle_each_cheque(eng: Engine, view: View, m: re.Match[str]) -> None:
    """"A与母公司B分别注资4.5亿元": the sum is each investor's own, in the round of the passage."""
    members = [eng.ent(view, c) for c in org_groups(m.group("inv"))]
    if len(members) < 2:
        return
    target, _conf = funding_target(eng, view, {e.group for e in members}, m.start())
    if target is None or any(e.group == target for e in members):
        return
    money = round_money(view.skel[m.end("inv") :])
    for inv in members:
        if inv.root != C.Organization or inv.types & {C.Exchange, C.University, C.GovernmentBody}:
            continue
        props: dict[str, Any] = {"round": eng.ctx.funding_round if eng.ctx.funding_target == target else None}
        if money is not None:
            props.update(money.as_props())
        eng.emit(view, R.INVESTED_IN, inv.group, target, props, m, "funding-contribution", 0.65)
        eng._investors_here.add(inv.group)


def handle_kind_member(eng: Engine, view: View, m: re.Match[str]) -> None:
    """An investor named as an example of a kind of money ("有A这样的地方产业资本", "以B为代表的国有
    金融机构") in a sentence about a round, or right after one."""
    members = org_groups(m.group("inv"))
    ents = [eng.ent(view, c) for c in members]
    if not ents or not all(e.is_investorish() for e in ents) or any(e.group in eng._investors_here for e in ents):
        return
    recent = view.sentence.index - eng.ctx.funding_sentence <= 2
    if recent or FUNDING_CUE.search(view.skel):
        invest(eng, view, m, members, None, "funding-kind-member", 0.55)


def handle_verb(eng: Engine, view: View, m: re.Match[str]) -> None:
    members = org_groups(m.group("inv"))  # "X and Y also invested in Z": each of them
    co = eng.ent(view, m.group("co") or m.group("co2") or m.groupdict().get("co3") or "")
    if not co.is_companyish() or not members or eng.ent(view, members[0]).root != C.Organization:
        return
    role = "strategic" if "战略" in m.group(0) else None
    invest(eng, view, m, members, role, "funding-verb", 0.75, target=co.group)


#: Nothing but list members and their separators ("、尹衍樑、": a name the matcher missed counts too).
_LIST_ONLY = re.compile(rf"(?:\s*(?:[、和及与]|[{NE}]|[\u4e00-\u9fff·]{{2,4}}(?=\s*[、和及与])))*\s*")


def _char_of(view: View, group: int) -> str:
    """The skeleton character standing for entity `group` in this sentence."""
    return next(ch for ch, g in view.groups.items() if g == group)


def handle_verb_unnamed(eng: Engine, view: View, m: re.Match[str]) -> None:
    """"C也于同年以15亿欧元入股": the company bought into is the one named before C in the sentence,
    else the company of the story."""
    members = org_groups(m.group("inv"))
    if len(members) != 1 or eng.ent(view, members[0]).root != C.Organization:
        return
    inv = eng.ent(view, members[0]).group
    before = eng.company_before(view, m.start(), {inv})
    if before is not None and _LIST_ONLY.fullmatch(view.skel, view.skel.rfind(_char_of(view, before), 0, m.start()) + 1,
                                                  m.start("inv")):
        before = None  # "A、B、C入股": a co-investor listed before, not the company bought into
    target = first_group(before, eng.topic(view))
    if target is None or target == inv:
        return
    invest(eng, view, m, members, "strategic" if "战略" in m.group(0) else None, "funding-verb", 0.65, target=target)


def handle_subscribed(eng: Engine, view: View, m: re.Match[str]) -> None:
    """"A said B would subscribe for new shares", "B subscribed for new shares of A": B invests in A."""
    members = org_groups(m.group("inv") or m.group("inv2") or "")
    co = eng.ent(view, m.group("co") or m.group("co2") or "")
    if not co.is_companyish() or not members or eng.ent(view, members[0]).root != C.Organization:
        return
    invest(eng, view, m, members, None, "funding-verb", 0.75, target=co.group)


def handle_placement(eng: Engine, view: View, m: re.Match[str]) -> None:
    """"X办理私募普通股,由A认购": A invests in X (the company named, else the one of the passage)."""
    members = [c for c in org_groups(m.group("inv")) if eng.ent(view, c).root == C.Organization]
    co = eng.ent(view, m.group("co")) if m.group("co") else None
    target = co.group if co is not None and co.is_companyish() else first_group(eng.topic(view), eng.main_company())
    if target is None or not members:
        return
    role = "sole" if len(members) == 1 and re.search(r"全额|独家", m.group(0)) else None
    invest(eng, view, m, members, role, "funding-verb", 0.75, round_=round_in(m.group(0)), target=target)


def handle_shareholder(eng: Engine, view: View, m: re.Match[str]) -> None:
    """"A是B的第一大股东": A holds a stake in B, with no round, sum or date of the sentence."""
    members = org_groups(m.group("inv") or m.group("inv2"))
    company = m.group("co") or m.group("co2")
    if company:
        co = eng.ent(view, company)
        target = co.group if co.is_companyish() else None
    else:
        # "X为公司第二大股东", "X为第二大股东": the company of the story
        target = first_group(eng.main_company(), eng.topic(view))
    members = [c for c in members if eng.ent(view, c).root == C.Organization and eng.ent(view, c).group != target]
    if target is not None and members:
        invest(eng, view, m, members, None, "funding-shareholder", 0.7, target=target, episode=False)


def handle_backers_seen(eng: Engine, view: View, m: re.Match[str]) -> None:
    """"在B背后可以看到A的身影", "B背后站着A": A holds a stake in B, with no round, sum or date of the
    sentence; "…，背后站着A" without B: the company named before, else the company of the story."""
    named = m.groupdict().get("co") or m.groupdict().get("co2")
    members = org_groups(m.group("inv") or m.groupdict().get("inv2") or "")
    if named:
        co = eng.ent(view, named)
        target = co.group if co.is_companyish() else None
    else:
        exclude = {eng.ent(view, c).group for c in members}
        target = first_group(eng.company_before(view, m.start(), exclude), eng.topic(view))
    if target is not None:
        invest(eng, view, m, members, None, "funding-backers-seen", 0.65, target=target, episode=False)


def handle_backed(eng: Engine, view: View, m: re.Match[str]) -> None:
    co = eng.ent(view, m.group("co"))
    if co.is_companyish():
        invest(eng, view, m, [m.group("inv")], None, "funding-backed", 0.7, target=co.group, episode=False)


def handle_cornerstone(eng: Engine, view: View, m: re.Match[str]) -> None:
    listed = "inv" if m.groupdict().get("inv") is not None else "inv2"
    if re.search(r"未|没有|并无|不设|无", view.skel[m.end(listed) : m.end()]):
        return  # "X未引入基石投资者": the company without cornerstones, not one of them
    members = org_groups(m.group(listed))
    groups = {eng.ent(view, c).group for c in members}
    target = None
    if eng.ctx.ipo_company is not None and view.sentence.index - eng.ctx.ipo_sentence <= 8:
        target = eng.ctx.ipo_company
    # an offering's cornerstones belong to the company of the IPO story, however long ago it was named
    target = first_group(
        target,
        eng.company_before(view, m.start(), groups),
        eng.topic(view),
        eng.ctx.ipo_company,
        eng.company_after(view, m.end(), groups),  # "A以基石投资者身份认购B的股份"
        eng.main_company(),
    )
    if target is None:
        return
    invest(eng, view, m, members, "cornerstone", "ipo-cornerstone", 0.8, round_="cornerstone", target=target)


# -- rules -----------------------------------------------------------------------------------------


def _r(pattern: str, flags: int = 0) -> re.Pattern[str]:
    return re.compile(pattern, flags)
#: an English subject's apposition between commas ("CYVN Holdings, backed by the Abu Dhabi government,
#: took a stake"): who the subject is, not part of the clause
_EN_APPOSITION = r"(?:,\s+(?:backed|owned|controlled|founded|run|managed|based)\s+(?:by|in)\s+[^,;]{1,50},)?"
#: Adverbs and times between an investor and its verb ("去年向B注资", "亦入股B", "今年3月再次增资")
_WHEN = (
    r"(?:(?:也|亦|还|再|又|曾|均|已|同时|先后|此前|去年|今年|前年|近期|随后|多次|数次|再次|累计|"
    # "已于2023年", "也于同年": when, after an adverb
    r"(?:于|在)?\s*(?:\d{4}年(?:\d{1,2}月(?:\d{1,2}日)?)?|\d{1,2}月(?:\d{1,2}日)?|同年|当年|次年))\s*)*"
)
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
#: Rounds, investors and cheques, Chinese then English: the first block of the rule list.
FUNDING_RULES: list[Rule] = [
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
            rf"(?P<inv>{ZL})(?!\s*系)\s*(?:等)?{NF}{{0,10}}?(?:跟投|参投|追投|跟进|加码|加注|"
            rf"参与(?:了)?(?:本轮|此轮|该轮)?(?:投资|融资|认购|增资|私募))"
        ),
        handle_follow,
    ),
    # ("A以2亿元独家投资了B的Pre-A轮": the sum between the investor and its verb)
    Rule("funding-sole", _r(rf"(?:由\s*)?(?P<inv>{ORG})\s*(?:战投|战略投资部|投资部)?\s*(?:以{NF}{{1,12}}?)?\s*"
                            rf"独家(?:投资|注资)"),
         handle_sole),
    Rule(
        "funding-shareholder",
        # "A是B的第一大股东", "A为B的战略股东": a standing stake in B
        _r(
            # ("A、B等也是C的股东": each of a list)
            # ("A、B等亦位列前十大股东": among the largest holders)
            rf"(?P<inv>{ZL})\s*(?:等)?\s*(?:目前|现|仍|也|亦|均|都)*(?:是|为|系|成为|位列|位居|跻身)\s*"
            rf"(?:(?P<co>{ORG})|公司|该公司|其)?\s*"
            rf"(?:的)?\s*(?:第[一二三四五]大|前[二三四五六七八九十]大|主要|重要|最大|大|战略|机构|外部|财务)?股东"
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
            rf"{NF}{{0,6}}?(?P<inv>{ZL})\s*(?:等)?{NF}{{0,10}}?"
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
            # (adverbs may pile up: "A另宣布投资B", "A也已入股B")
            rf"(?P<inv>{ORG})\s*(?:,\s*(?=拟|将|以|斥资|出资))?{_WHEN}"
            rf"(?:(?:另|也|还|亦|同时|更|已|已经|正式|宣布|再度|再次|近日|日前|今日|昨日|拟|将)\s*){{0,3}}"
            rf"(?:(?:斥资|出资|耗资|以)[^。;!?,{NE}]{{0,20}}?)?"
            # ("A宣布投资新创公司B 5亿元": what B is, before its name)
            rf"(?:(?:战略)?(?:投资|入股|注资|增资|增持|加仓)(?:了)?\s*{_KIND_BEFORE}(?P<co>{ORG})|(?:认购|认缴)(?:了)?\s*{_KIND_BEFORE}(?P<co2>{ORG})\s*"
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
        # ("其中A认购额最大，达1亿港元": the sum after what it is)
        _r(rf"(?P<inv>{ORG})\s*(?:拟|将)?(?:(?:主导|牵头|带动)[^,。;!?{NE}]{{0,6}}?)?(?:出资|认缴|认购|投资)(?:了)?\s*"
           rf"(?:(?:金额|额|规模)(?:最大|最多|最高)?\s*,?\s*(?:达到|达|为|逾)?\s*)?"
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
            rf"participation\s+(?:from|of|by)\s+"
            rf"(?:existing\s+investors?\s+|investors?\s+)?(?:including\s+)?(?P<inv>{EL})",
            re.IGNORECASE,
        ),
        handle_follow,
    ),
    Rule(
        "funding-follow",
        _r(
            # "led by X, along with Y": only in a sentence about money ("the listing, along with Y's debut"
            # names no investor)
            rf"(?:joined\s+by|along\s+with|alongside)\s+"
            rf"(?:existing\s+investors?\s+|investors?\s+)?(?:including\s+)?(?P<inv>{EL})",
            re.IGNORECASE,
        ),
        handle_follow,
        FUNDING_CUE,
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
            # ("X and a fund backed by the Shanghai government also joined": the unnamed one is skipped)
            rf"(?P<inv>{EL})(?:\s+and\s+(?:a|an|another|one)\s+[^,.;{NE}]{{1,60}}?)?,?\s+(?:have\s+|has\s+|had\s+)?"
            rf"(?:also\s+|both\s+|each\s+)?(?:(?:joined|"
            rf"participated\s+in|took\s+part\s+in|re-?invested\s+in|returned\s+for|chipped\s+in\s+to)\s+"
            rf"(?:the|this|that|a)\s+(?:{_EN_NF}{{0,30}}?\s)?(?:round|financing|funding|deal|raise|fundraising|"
            rf"investment)\b|"
            # "existing backers X and Y also put in more money", "X doubled down"
            # ("put in more as well": more money, said without the noun; "put in more hours" is no money)
            rf"(?:put|poured|pumped)\s+in\s+(?:more(?:\s+(?:money|capital|cash|funds)\b|(?=\s*(?:[,.;]|$|\s+(?:as\s+well|"
            rf"too|this\s+time)\b)))|"
            rf"(?:additional|fresh|new)\s+(?:money|capital|cash|funds)\b)|"
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
    Rule(
        # "IDG contributed about $300 million", "The Shanghai vehicle, X, invested around $100 million": an
        # investor's own cheque in the round of the passage ("invested $5 million in Z" is the verb rule's)
        "funding-contribution",
        _r(
            rf"(?P<inv>{ORG}){_EN_APPOSITION},?\s+(?:also\s+|alone\s+|itself\s+|separately\s+)?"
            rf"(?:contributed|invested|put\s+in|injected|committed|provided|chipped\s+in)\s+"
            rf"(?:about\s+|around\s+|roughly\s+|approximately\s+|nearly\s+|almost\s+|some\s+|more\s+than\s+|"
            rf"over\s+|up\s+to\s+|an?\s+(?:additional|further)\s+)?"
            rf"(?:(?:US|HK|NT|S|A|C)?\$|€|£|¥|(?:RMB|CNY|USD|HKD)\s*)?\s?\d"
            rf"(?![^.;,]{{0,40}}?\bin\s+(?:{ORG}|the\s+company|the\s+startup|it)(?![\w-]))",
            re.IGNORECASE,
        ),
        handle_investor_cheque,
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
]
#: "A said B will buy a stake": a funding rule that runs among the English appointment rules
#: (between `careers.APPOINTED_RULES_EN` and `careers.APPOINTED_AND_FORMER_ROLE_RULES_EN`).
SAID_STAKE_RULES_EN: list[Rule] = [
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
]

