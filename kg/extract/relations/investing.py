"""The step every funding rule ends in: which company's round the investors named are in (the company
the clause names, the sentence's subject, or the running funding episode), with the round, the amount
and the date, and whether an investor is state capital (`invest`); and, after each sentence, the funds a
sentence about an investment gives no part (`settle_lone_investors`).

The rules and their handlers are in `funding`; this is what they share, kept apart so that module holds
rules and the code reading their groups."""

from __future__ import annotations

import re
from typing import Any

from kg.extract import vocab
from kg.extract.relations.engine import (
    NE,
    ORG,
    Engine,
    View,
    date_props,
    listed_with_investors,
    news_month,
    org_groups,
    round_in,
    round_money,
)
from kg.terms import C, R

# -- investing -------------------------------------------------------------------------------------

_SUBJECT_ZH = re.compile(
    rf"(?P<co>{ORG})[^。;!?{NE}]{{0,16}}?(?:宣布|已|正式|近日|日前|也)?(?:完成|获得|获|拿到|斩获|迎来|"
    rf"启动|开启|结束|敲定|落定|进行)(?:了)?[^。;!?]{{0,30}}?(?:融资|轮|投资|注资|私募|增资)"
)
_SUBJECT_ZH2 = re.compile(
    rf"(?P<co>{ORG})\s*(?:的)?\s*(?:本轮|此轮|该轮|新一轮|最新一轮|[A-H]\+?轮|天使轮|种子轮)"
)
_SUBJECT_EN_APPOS = re.compile(
    rf"(?P<co>{ORG})(?:,[^,;.]{{0,100}},)?\s+(?:has\s+|have\s+|had\s+|"
    # "said on Tuesday it had raised", "announced today that it has closed"
    rf"(?:said|says|announced|announces)\s+(?:on\s+\w+\s+|today\s+|this\s+week\s+)?(?:that\s+)?it\s+"
    rf"(?:has\s+|had\s+|have\s+)?)?"
    rf"(?:raised|closed|secured|completed|landed|received|bagged|raises|closes|secures)\b"
)
_SUBJECT_EN = re.compile(
    rf"(?P<co>{ORG})(?:[^.;!?{NE}]|(?<=\d)\.(?=\d)){{0,60}}?\b(?:has\s+|have\s+|had\s+)?(?:raised|closed|secured|"
    rf"completed|landed|received|bagged|won|attracted|announced|raises|closes|secures)\b"
)
_ROUND_IN_EN = re.compile(
    rf"\b(?:round|financing|investment|stake|funding)\s+(?:in|into)\s+(?:the\s+)?(?P<co>{ORG})", re.IGNORECASE
)


def funding_target(eng: Engine, view: View, investors: set[int], at: int) -> tuple[int | None, float]:
    """The company a list of investors put money into, and how sure we are."""
    came_from = eng.former_employers(view)  # "A's former agent chief raises $60 million": not A's round
    for regex in (_SUBJECT_EN_APPOS, _SUBJECT_ZH, _SUBJECT_ZH2, _SUBJECT_EN, _ROUND_IN_EN):
        for m in regex.finditer(view.skel):
            ent = eng.ent(view, m.group("co"))
            if ent.group not in investors and ent.is_companyish() and ent.group not in came_from:
                return ent.group, 0.85
    # the round's company is not one of the investors this sentence has already named (a lead)
    excluded = (
        investors
        | _leads_named(eng, view)
        | listed_with_investors(eng, view)
        | eng._investors_here
        | came_from
        | _owners_named(eng, view)
    )
    before = eng.company_before(view, at, excluded)
    if before is not None:
        return before, 0.7
    # a company founded in the sentence before is more recent than a round of the passage before that
    founded = _founded_just_before(eng, view, investors)
    if founded is not None and eng.ctx.funding_sentence < view.sentence.index - 1:
        return founded, 0.55
    if eng.ctx.funding_target is not None and view.sentence.index - eng.ctx.funding_sentence <= 3:
        return eng.ctx.funding_target, 0.65
    topic = eng.topic(view)
    if topic is not None and topic not in investors and topic not in came_from:
        return topic, 0.5
    # "The round, which was led by X, values Y at $1 billion": the company named after the investors
    after = eng.company_after(view, at, excluded)
    if after is not None and re.search(r"round|funding|financing|融资|轮", view.skel, re.IGNORECASE):
        return after, 0.45
    return None, 0.0


def _founded_just_before(eng: Engine, view: View, investors: set[int]) -> int | None:
    """"X left A and set up B. The seed round was led by C.": a round that names no company right after
    a founding is the new company's (the last one founded in the sentence before)."""
    for rel in reversed(eng.out):
        if rel.sentence.index < view.sentence.index - 1:
            break
        if rel.type == R.FOUNDED and rel.sentence.index == view.sentence.index - 1 and rel.target not in investors:
            return rel.target
    return None


_PART_OF = re.compile(r"[,;]\s*(?:其中|其后|此后|随后|另外|此外)")


def _part_end(skel: str, pos: int) -> int:
    """Where the clauses about a list at `pos` end: at a later clause about one part of it."""
    later = _PART_OF.search(skel, pos)
    return later.start() if later else len(skel)


#: Words that put a deal before the one the story reports.
_EARLIER_DEAL = re.compile(
    # ("公司曾获得A、B等投资": deals the company once did, not the story's)
    r"此前|之前|早前|早在|曾(?:经)?(?:先后)?(?:获得|获|得到|完成|拿到|引入|接受)|历史投资方|过往投资方|"
    r"previously|earlier|in\s+the\s+past|"
    # ("has raised $300 million to date from investors such as A", "累计融资超10亿元": all rounds so far)
    r"\bto\s+date\b|\bso\s+far\b|\bin\s+total\b|累计|迄今|至今",
    re.IGNORECASE,
)
#: An organisation named as the owner of what follows ("华星集团旗下产业基金华星资本").
_OWNER_AHEAD = re.compile(
    rf"({ORG})\s*(?:旗下|下属|(?:的)?\s*(?:全资|控股)?(?:子公司|附属公司))"
    # "除A与母公司B分别注资4.5亿元外": a parent putting money into its subsidiary is not the subsidiary
    rf"|(?:母公司|控股股东|间接控股股东|大股东|第一大股东)\s*({ORG})"
    # "Meituan's venture arm Dragonball Capital", "GL Ventures, the early-stage fund of Hillhouse"
    rf"|({ORG})(?:'s|’s)\s+(?:[\w-]+\s+){{0,2}}?(?:arm|unit|fund|vehicle|affiliate|subsidiary)\b"
    rf"|\b(?:arm|unit|fund|vehicle|affiliate|subsidiary)\s+of\s+(?:the\s+)?({ORG})",
    re.IGNORECASE,
)
_LEAD_NAMED = re.compile(
    rf"\bled\s+by\s+(?:the\s+)?({ORG})|由\s*({ORG})[^,。;{NE}]{{0,6}}?领投"
    # "Alibaba led the round, with Tencent also participating": the subject of "led the round"
    rf"|({ORG}),?\s+(?:also\s+)?(?:co-?)?led\s+(?:the|a|an|this|its)\s+(?:[\w$.-]+\s+){{0,4}}?"
    rf"(?:round|financing|funding|investment|raise)\b",
    re.IGNORECASE,
)


def _leads_named(eng: Engine, view: View) -> set[int]:
    """Organisations the sentence names as a round's lead ("The round was led by CATL, with …"): an
    investor, not the company the round is for."""
    if "领投" not in view.skel and "led" not in view.skel:
        return set()
    return {eng.ent(view, m.group(1) or m.group(2) or m.group(3)).group for m in _LEAD_NAMED.finditer(view.skel)}


def _owners_named(eng: Engine, view: View) -> set[int]:
    """Organisations the sentence names as an owner of something: the group behind an investor,
    not the company it funds."""
    if not _OWNER_WORDS.search(view.skel):
        return set()
    return {eng.ent(view, next(g for g in m.groups() if g)).group for m in _OWNER_AHEAD.finditer(view.skel)}


_OWNER_WORDS = re.compile(r"旗下|下属|公司|股东|\b(?:arm|unit|fund|vehicle|affiliate|subsidiary)\b", re.IGNORECASE)


#: A clause that opens with its round ("A+轮由阿里云独家投资", "B轮则由C领投").
#: (It may open with when: "2024年的C轮则由腾讯领投".)
_CLAUSE_ROUND = re.compile(
    r"\s*(?:(?:19|20)\d\d\s*年(?:\d{1,2}\s*月)?(?:的)?\s*)?"
    r"(?:\s*(?:其中|而|则)?\s*(?:Pre-)?[A-H](?:\+|\d)*\s*轮|\s*(?:其中|而)?\s*(?:天使|种子)\+?轮)",
    re.IGNORECASE,
)


def invest(
    eng: Engine,
    view: View,
    m: re.Match[str],
    members: list[str],
    role: str | None,
    method: str,
    confidence: float,
    round_: str | None = None,
    target: int | None = None,
    money_ok: bool = True,
    episode: bool = True,
) -> None:
    """INVESTED_IN from each investor in `members` to the round's company.

    The round's sum goes to a lead or the sole investor only, never to a follower or to one member
    of a partial list ("investors including X", `money_ok` false). A standing stake ("X-backed Y",
    `episode` false) takes no round, sum or date from the sentence it is mentioned in."""
    investors = []
    chars: dict[int, str] = {}
    # "A及B旗下的C": C invests, and so (through C) does its owner B, as analysts count it
    for c in members:
        e = eng.ent(view, c)
        if e.root == C.Organization and not (e.types & {C.Exchange, C.University, C.GovernmentBody}):
            investors.append(e)
            chars.setdefault(e.group, c)
        else:
            eng.dropped.append(
                (
                    f"INVESTED_IN from {eng.nt.text[view.occurrences[c].start : view.occurrences[c].end]}",
                    f"a {'/'.join(sorted(e.types))} does not invest in funding rounds",
                )
            )
    if not investors:
        return
    groups = {e.group for e in investors}
    tconf = 1.0
    if target is None:
        target, tconf = funding_target(eng, view, groups, m.start())
    if target is None or target in groups:
        eng.dropped.append(
            (
                f"INVESTED_IN from {len(groups)} investor(s) in sentence {view.sentence.index}",
                "no company for the round",
            )
        )
        return
    # "此前, Stellantis已斥资…入股": an earlier deal is not the round the story is about
    earlier = bool(_EARLIER_DEAL.search(view.skel, 0, m.end()))
    same_episode = (
        eng.ctx.funding_target == target and view.sentence.index - eng.ctx.funding_sentence <= 3 and not earlier
    )
    # "投资方包括A、B等，其中D轮由C领投": a round named after 其中 is one of several, not the list's
    part_end = _part_end(view.skel, m.end())
    if part_end < len(view.skel) and eng.ctx.funding_sentence == view.sentence.index:
        same_episode = False  # the round of this sentence belongs to the part after 其中
    # "其中A轮由美团领投，A+轮由阿里云独家投资": a round opening the investor's own clause is its round
    own_clause = view.skel[max(view.skel.rfind(",", 0, m.start()), view.skel.rfind(";", 0, m.start())) + 1 : m.start()]
    clause_round = round_in(own_clause) if _CLAUSE_ROUND.match(own_clause) else None
    named_round = round_ or clause_round or round_in(view.skel[:part_end])
    if named_round and eng.ctx.funding_round and named_round != eng.ctx.funding_round:
        same_episode = False  # "The Series C was co-led by …" after a Series B: another round's sum and date
    rnd = named_round or (eng.ctx.funding_round if same_episode else None)
    date = eng.date_near(view, m.start(), m.end()) or (eng.ctx.funding_date if same_episode else None)
    if earlier and date is not None:
        # an earlier deal is dated only by its own clause ("X于2019年创办，公司曾获得A投资": not 2019)
        start = max(view.skel.rfind(",", 0, m.start()), view.skel.rfind(";", 0, m.start())) + 1
        ends = [i for i in (view.skel.find(",", m.end()), view.skel.find(";", m.end())) if i >= 0]
        in_clause = [d for d in eng.dates(view) if start <= d[0] and d[1] <= (min(ends) if ends else len(view.skel))]
        date = in_clause[-1][2] if in_clause else None
    # "A入股B…；C也以15亿欧元入股": a sum in another clause of a semicolon is another deal's
    clause_start = view.skel.rfind(";", 0, m.start()) + 1
    clause_end = view.skel.find(";", m.end())
    clause = view.skel[clause_start : clause_end if clause_end >= 0 else len(view.skel)]
    money = round_money(clause) or (eng.ctx.funding_money if same_episode else None)
    if not episode:
        rnd, date, money = round_, None, None
    elif date is None and not earlier and not eng.ctx.funding_seen:
        date = news_month(eng, view)
    for e in investors:
        props: dict[str, Any] = {"round": rnd, "role": role, **date_props(date)}
        # the sum is this investor's only when it led, or was the only one named ("获得A 5000万元战略投资");
        # a round's total never goes to a follower
        single = role in (None, "strategic") and len(investors) == 1 and money_ok and not eng._investors_here
        if money is not None and (role in ("lead", "sole") or single):
            props.update(money.as_props())
        eng.emit(view, R.INVESTED_IN, e.group, target, props, m, method, round(confidence * tconf, 3))
        eng._investors_here.add(e.group)
        if _state_cue_for(view.skel, chars[e.group], members):
            eng.upgrade(
                e.group, {C.StateOwnedFund}, investor_kind=e.attrs.get("investor_kind") or "state_platform"
            )
    if not episode:
        return
    eng.ctx.funding_seen = True
    eng.ctx.funding_target = target
    eng.ctx.funding_sentence = view.sentence.index
    eng.ctx.funding_round = rnd
    eng.ctx.funding_date = date
    eng.ctx.funding_money = money


def _STATE_CUE_BEFORE(skel: str, pos: int) -> bool:  # noqa: N802 - reads as a predicate on the text
    return bool(vocab.STATE_CONTEXT.search(skel[max(0, pos - 60) : pos]))


_ANY_ENTITY = re.compile(f"[{NE}]")


def _state_cue_adjacent(skel: str, pos: int) -> bool:
    """A state-capital cue right before position `pos`, with no other name in between."""
    window = skel[max(0, pos - 40) : pos]
    names = list(_ANY_ENTITY.finditer(window))
    if names:
        window = window[names[-1].end() :]
    return bool(vocab.STATE_CONTEXT.search(window))


def _state_cue_for(skel: str, ch: str, members: list[str]) -> bool:
    """Does a state cue describe this investor: right before it, or right before the list it is in
    ("地方国资A、B、C")? A cue before another investor earlier in the sentence does not."""
    pos = skel.find(ch)
    if pos < 0:
        return False
    if _state_cue_adjacent(skel, pos):
        return True
    first = min((p for c in members if (p := skel.find(c)) >= 0), default=pos)
    if _SINGULAR_BEFORE.search(skel, max(0, first - 20), first):
        return False  # "state-owned investor X and Y": a singular noun describes X alone
    return first != pos and _state_cue_adjacent(skel, first)


#: An English singular noun right before a list: what it says is said of the first member only.
_SINGULAR_BEFORE = re.compile(r"\b(?:investor|fund|firm|platform|vehicle|company|group|backer)\s*$", re.IGNORECASE)


#: Words that make a sentence be about an investment, strongly enough that a fund named in it with no
#: other part in the sentence is one of the investors.
_STRONG_FUNDING = re.compile(
    r"融资|领投|跟投|参投|投资方|投资人|注资|入股|增资|战略投资|基石投资|募资|私募|认购|"
    r"\braised\b|\bfunding\s+round|\bfinancing\b|\bled\s+by\b|\binvest(?:ed|s)?\s+in\b|\bparticipat",
    re.IGNORECASE,
)
#: What, between a fund and the sentence's company, says the fund is not investing in it here.
_NOT_INVESTING = re.compile(r"旗下|管理|发起|设立|成立|合伙人|董事|managed|manager|partner|unit\s+of|arm\s+of")
#: Deals in many companies at once: a sentence about an investor's record, not about one round.
_MANY_DEALS = re.compile(r"多家|多个|若干|众多|不少|一系列|\b(?:several|multiple|many|numerous)\b", re.IGNORECASE)
#: A part in a deal that is no investment, right after the name: adviser, sponsor, underwriter, counsel.
_ADVISER_AFTER = re.compile(
    r"\s*(?:担任|为|作为|出任|是|系)?[^,。;!?]{0,8}?(?:财务顾问|顾问|保荐人|保荐机构|承销商|律师|FA)"
    r"|,?\s+(?:acted|acts|served|serves|was)\s+as\s+(?:the\s+|its\s+)?(?:exclusive\s+|sole\s+|lead\s+)?"
    r"(?:financial\s+|legal\s+)?(?:advis[eo]r|underwriter|sponsor|counsel)",
    re.IGNORECASE,
)


def settle_lone_investors(eng: Engine, view: View) -> None:
    """A fund named in a sentence about an investment and given no part by any rule is taken as one
    of the round's investors, at low confidence.

    News names investors in more ways than rules can list ("A等机构的身影出现在名单中", "with X in the
    mix"); a pure investor (a fund, a state platform) in such a sentence is rarely there for another
    reason. Companies that also invest are left out: they are as often customers or partners."""
    if not _STRONG_FUNDING.search(view.skel) or _NOT_INVESTING.search(view.skel):
        return
    if _MANY_DEALS.search(view.skel):
        return  # "亦曾参与多家港股公司的基石投资": deals in general, not the story's
    related = {g for r in eng.sentence_relations(view) for g in (r.source, r.target)}
    members = []
    for ch in org_groups(view.skel):
        ent = eng.ent(view, ch)
        if ent.group in related or not ent.types <= {C.Investor, C.StateOwnedFund} or not ent.types:
            continue
        if _ADVISER_AFTER.match(view.skel, view.skel.find(ch) + 1):
            continue  # "华兴资本担任独家财务顾问": the round's adviser, not an investor
        members.append(ch)
    if not members:
        return
    m = re.compile("|".join(map(re.escape, members))).search(view.skel)
    if m is not None:
        invest(eng, view, m, members, None, "funding-cooccurrence", 0.45, money_ok=False)
