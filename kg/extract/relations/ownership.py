"""Ownership and control: who owns a company or a fund, at what share, and who controls it.

"X是Y全资子公司", "Y持有X 35%股权", "由Y市国资委出资设立", "wholly owned by Y", "Y owns 35% of X" give
OWNED_BY (share where stated, 0..1); "由Y控股", "实际控制人为Y", "GP为Y" give CONTROLLED_BY. Chains of
both lead a fund up to the government body whose money it is (`kg query ownership`), which is the
question state-capital news raises and a fund's name alone cannot answer.

The owner may be a person: a founder who controls the company ("实际控制人为创始人Y", "由Y控股",
"Y持有X 35%股权", "Y owns 35% of X", "X is controlled by its founder Y") owns or controls it as an
organisation would, and a chain ends there at a private owner. Only the rules written for a person
(`PERSON_OWNER_RULES`) take one; the owned side is always an organisation.

The rules are one block of the rule list (`OWNERSHIP_RULES`), placed next to the older controlled-by
rules; where both match, the look-through keeps one edge per pair of organisations.
"""

from __future__ import annotations

import re

from kg.extract.relations.engine import EL, NE, ORG, PER, ZL, Engine, EntityView, Rule, View, first_group, org_groups
from kg.terms import C, R

_PCT = r"(?:约|近|超过|逾)?\s*(?P<pct>\d{1,3}(?:\.\d+)?)\s*%"
_PCT_EN = (
    r"(?:about\s+|roughly\s+|around\s+|nearly\s+|some\s+)?(?P<pct>\d{1,3}(?:\.\d+)?)\s*"
    r"(?:%|percent\b|per\s+cent\b)"
)


def _share(m: re.Match[str]) -> float | None:
    """The captured percentage as a fraction; None when absent or above 100."""
    pct = m.groupdict().get("pct")
    if pct is None:
        return None
    value = float(pct) / 100
    return round(value, 6) if 0 < value <= 1 else None


def _orgs_of(eng: Engine, view: View, text: str) -> list[EntityView]:
    return [e for e in (eng.ent(view, c) for c in org_groups(text) if c in view.groups) if e.root == C.Organization]


def _children(eng: Engine, view: View, m: re.Match[str], parent: EntityView) -> list[EntityView]:
    """The owned organisations: those of group "child", or else the one named last before the phrase
    that is not itself a holder in the sentence ("A持股60%，B持股40%": B's stake is not in A)."""
    child_text = m.groupdict().get("child")
    if child_text:
        return _orgs_of(eng, view, child_text)
    holders = {eng.ent(view, h.group(1)).group for h in _HOLDER.finditer(view.skel)}
    # "股东中，A、B、C均在其中，D持股3.2%": members of a list of holders own, they are not owned
    listed = {eng.ent(view, k.group(1) or k.group(2)).group for k in _LISTED.finditer(view.skel)}
    # "腾讯持股5.6%，华为旗下哈勃投资持股3.1%": 华为 owns the holder, its stake is not in 华为
    owners = {eng.ent(view, k.group(1)).group for k in _OWNER_OF_NEXT.finditer(view.skel)}
    before = _org_before(eng, view, m.start(), {parent.group} | holders | listed | owners)
    if before is None:
        # "股权结构显示，A持股60%，B持股40%": the company whose owners the story has just named
        before = next((r.source for r in reversed(eng.out) if r.type == R.OWNED_BY
                       and view.sentence.index - r.sentence.index <= 2 and r.source not in holders), None)
    return [eng.entities[before]] if before is not None else []


#: An organisation inside a 、-list ("A、B、C均在其中").
_LISTED = re.compile(rf"({ORG})(?=\s*、)|(?<=、)\s*({ORG})")

#: An organisation named as the owner of the one after it ("华为旗下哈勃投资").
_OWNER_OF_NEXT = re.compile(rf"({ORG})\s*(?:旗下|下属)")
#: An organisation stating its own stake ("A持股60%", "A持股比例为…").
_HOLDER = re.compile(rf"({ORG})\s*(?:直接|间接|合计)?持股")


def _org_before(eng: Engine, view: View, pos: int, exclude: set[int]) -> int | None:
    """The nearest organisation before `pos` ("海川科技股东中, 蓝潮资本持股35%"), else the topic."""
    for i in range(pos - 1, -1, -1):
        ch = view.skel[i]
        if ch in view.groups:
            ent = eng.ent(view, ch)
            if ent.root == C.Organization and ent.group not in exclude:
                return ent.group
    topic = eng.topic(view)
    return topic if topic is not None and topic not in exclude else None


#: "自2021年起", "从2021年开始", "since 2021": the clause dates when a stake or control began.
_SINCE = re.compile(r"(?:自|从)\s*(?P<zh>[^,。;!?]{2,14}?)\s*(?:起|开始|以来)|\bsince\s+(?P<en>[^,.;!?]{3,20})",
                    re.IGNORECASE)


def _since(eng: Engine, view: View, m: re.Match[str]) -> str | None:
    """When the ownership or control matched by `m` began, where the text says: a date inside the
    phrase ("由Y于2020年出资设立", "acquired in 2020"), else one the sentence gives with "since"."""
    dates = eng.dates(view)
    inside = [d for d in dates if d[0] >= m.start() and d[1] <= m.end()]
    if inside:
        return inside[0][2].iso
    for since in _SINCE.finditer(view.skel):
        span = since.span("zh") if since.group("zh") is not None else since.span("en")
        found = [d for d in dates if d[0] >= span[0] and d[1] <= span[1]]
        if found:
            return found[0][2].iso
    return None


#: Words of a stake bought or held, as opposed to a unit set up and run ("旗下", "全资子公司"), which the
#: second pattern names.
_HOLDING_STAKE = re.compile(r"持股|持有|出资|股东|入股|股份|股权|stake|holds?\b|owns?\b|shareholder", re.IGNORECASE)
_WHOLLY_OWNED = re.compile(r"全资|全額|独资|旗下|下属|直属|wholly|100\s*%|\bunit\b|subsidiary", re.IGNORECASE)


#: An apposition that calls the holder state capital ("X, a state-owned investment firm, holds 4%").
_STATE_APPOSITION = re.compile(
    r",\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,2}?(?:state-owned|state-backed|government-backed|government-run|"
    r"state-run)\b",
    re.IGNORECASE,
)


def _emit(eng: Engine, view: View, rel: str, child: EntityView, parent: EntityView, props: dict[str, object],
          m: re.Match[str], how: str, confidence: float) -> None:
    """One ownership or control fact, if the owned end is an organisation and the owner an organisation
    (not an exchange: a company "listed on" one is not owned by it) or a person (a founder who controls
    the company); `valid_from` when the text dates it."""
    if child.root != C.Organization or parent.root not in (C.Organization, C.Person) or parent.is_exchange():
        return
    began = _since(eng, view, m)
    if began is not None:
        props = {**props, "valid_from": began}
    eng.emit(view, rel, child.group, parent.group, props, m, how, confidence)
    if rel in (R.OWNED_BY, R.CONTROLLED_BY) and parent.is_investorish() and _HOLDING_STAKE.search(m.group(0)) \
            and not _WHOLLY_OWNED.search(m.group(0)):
        # a fund holding a stake put money in: analysts (and the annotated news) count it among the
        # company's investors, beside the share it owns
        eng.emit(view, R.INVESTED_IN, parent.group, child.group, {}, m, f"{how}-stake", round(confidence * 0.9, 3))
    if parent.is_investorish() and _STATE_APPOSITION.search(m.group(0)):
        # "X, a state-owned investment firm, holds 4%": the text says what X is
        eng.upgrade(parent.group, {C.StateOwnedFund},
                    investor_kind=parent.attrs.get("investor_kind") or "state_platform")
    share = props.get("share")
    state_parent = C.StateOwnedFund in parent.types and rel == R.OWNED_BY and (
        share is None or (isinstance(share, float) and share >= 0.5))
    if (C.GovernmentBody in parent.types or state_parent) and child.is_investorish():
        # a fund the government (or a state fund, in the main) owns is state capital, whatever its
        # name says
        eng.upgrade(
            child.group,
            {C.StateOwnedFund},
            investor_kind=child.attrs.get("investor_kind") or "state_platform",
            region=child.attrs.get("region") or parent.attrs.get("region"),
            gov_level=child.attrs.get("gov_level") or parent.attrs.get("gov_level"),
        )


def _h_owned(eng: Engine, view: View, m: re.Match[str]) -> None:
    """"X是Y的全资子公司", "X为Y旗下投资平台", "X is wholly owned by Y": X OWNED_BY each Y."""
    whole = re.search(r"全资|全額|独资|100%(?:持有|控股|拥有)|wholly", m.group(0), re.IGNORECASE)
    share = 1.0 if whole else _share(m)
    children = _orgs_of(eng, view, m.group("child"))
    for parent in _orgs_of(eng, view, m.group("parent")):
        for child in children:
            _emit(eng, view, R.OWNED_BY, child, parent, {"share": share}, m, "owned-by", 0.75)


def _h_stake(eng: Engine, view: View, m: re.Match[str]) -> None:
    """"Y持有X 35%股权", "Y owns 35% of X"; without X ("Y持股35%"), the organisation named before."""
    parents = _orgs_of(eng, view, m.group("parent"))
    if len(parents) != 1:
        return
    parent = parents[0]
    children = _children(eng, view, m, parent)
    for child in children:
        _emit(eng, view, R.OWNED_BY, child, parent, {"share": _share(m)}, m, "stake", 0.75)


#: "A入股B 持股比例达5%": the organisation before 持股 was just bought into; its new holder comes first.
_BOUGHT_INTO = re.compile(rf"(?P<holder>{ORG})\s*(?:已|将|拟)?\s*(?:战略)?(?:入股|增持|投资|收购)(?:了)?\s*$")


def _h_holds_pct(eng: Engine, view: View, m: re.Match[str]) -> None:
    """"Y持股35%": Y's stake in the organisation named before; but in "A入股B，持股比例达5%" the
    name before 持股 is the company bought into, and A holds the stake."""
    bought = _BOUGHT_INTO.search(view.skel, 0, m.start("parent"))
    if bought is None:
        _h_stake(eng, view, m)
        return
    holders = _orgs_of(eng, view, bought.group("holder"))
    children = _orgs_of(eng, view, m.group("parent"))
    if len(holders) == 1 and len(children) == 1 and holders[0].group != children[0].group:
        _emit(eng, view, R.OWNED_BY, children[0], holders[0], {"share": _share(m)}, m, "stake", 0.7)


def _h_stake_in_story(eng: Engine, view: View, m: re.Match[str]) -> None:
    """"X为第二大股东，持股12%": X's stake in the company the story is about (an organisation named
    before X in the sentence is more likely X's own owner: "厦门国资旗下的X为第二大股东")."""
    parents = _orgs_of(eng, view, m.group("parent"))
    company = eng.main_company()
    if company is None:
        company = eng.topic(view)
    if len(parents) != 1 or company is None or company == parents[0].group:
        return
    _emit(eng, view, R.OWNED_BY, eng.entities[company], parents[0], {"share": _share(m)}, m, "stake", 0.7)


_PCT_LIST = re.compile(r"(\d{1,3}(?:\.\d+)?)\s*%")


def _h_stakes_each(eng: Engine, view: View, m: re.Match[str]) -> None:
    """"Y、Z分别持有X 60%和40%股权": the n-th owner holds the n-th share."""
    parents = _orgs_of(eng, view, m.group("parent"))
    shares = [float(p) / 100 for p in _PCT_LIST.findall(m.group("pcts"))]
    children = _orgs_of(eng, view, m.group("child"))
    if len(parents) != len(shares) or len(children) != 1:
        return
    for parent, share in zip(parents, shares, strict=True):
        if 0 < share <= 1:
            _emit(eng, view, R.OWNED_BY, children[0], parent, {"share": round(share, 6)}, m, "stakes-each", 0.75)


def _h_co_owned_story(eng: Engine, view: View, m: re.Match[str]) -> None:
    """"该公司由A、B共同持股(，持股比例分别为60%和40%)": the company just named (the last of the
    sentence before, else the story's) is owned by each, at the n-th share when the shares are given."""
    parents = _orgs_of(eng, view, m.group("parent"))
    child_group = first_group(eng.company_before(view, m.start(), {p.group for p in parents}),
                               eng.topic(view))
    if child_group is None or child_group in {p.group for p in parents}:
        return
    child = eng.entities[child_group]
    shares: list[float | None] = [float(p) / 100 for p in _PCT_LIST.findall(m.group("pcts") or "")]
    if len(shares) != len(parents):
        shares = [None] * len(parents)
    for parent, share in zip(parents, shares, strict=True):
        props: dict[str, object] = {"share": round(share, 6)} if share and 0 < share <= 1 else {}
        _emit(eng, view, R.OWNED_BY, child, parent, props, m, "owned-by", 0.7)


def _h_latter_owned(eng: Engine, view: View, m: re.Match[str]) -> None:
    """"X由Y全资控股，后者为湖北省国资委下属企业": the latter (Y, the last organisation named before)
    is owned by the body named after it."""
    latter = _org_before(eng, view, m.start(), set())
    parents = _orgs_of(eng, view, m.group("parent"))
    if latter is None or len(parents) != 1 or parents[0].group == latter:
        return
    whole = re.search(r"全资|独资", m.group(0))
    _emit(eng, view, R.OWNED_BY, eng.entities[latter], parents[0], {"share": 1.0} if whole else {}, m,
          "owned-by", 0.65)


def _h_funded_by(eng: Engine, view: View, m: re.Match[str]) -> None:
    """"X由Y出资设立": X OWNED_BY Y (all of it when Y alone put up the money: 全额出资, 独资)."""
    parents = _orgs_of(eng, view, m.group("parent"))
    children = _orgs_of(eng, view, m.group("child"))
    whole = len(parents) == 1 and re.search(r"全额|独资|全资", m.group(0))
    for parent in parents:
        for child in children:
            _emit(eng, view, R.OWNED_BY, child, parent, {"share": 1.0 if whole else None}, m, "funded-by", 0.7)


def _h_gov_backed(eng: Engine, view: View, m: re.Match[str]) -> None:
    """"X, backed by the Hefei municipal government": a government body behind X owns it (share
    unknown); any other backer is an investor, which the funding rules read."""
    parent = eng.ent(view, m.group("parent"))
    if C.GovernmentBody not in parent.types:
        return
    for child in _orgs_of(eng, view, m.group("child")):
        _emit(eng, view, R.OWNED_BY, child, parent, {}, m, "government-backed", 0.65)


def _h_control(eng: Engine, view: View, m: re.Match[str]) -> None:
    """"由Y控股", "实际控制人为Y", "GP为Y": X CONTROLLED_BY Y, of the kind the phrase says."""
    text = m.group(0)
    kind = "actual_control" if "实际控制" in text else "gp" if re.search(r"GP|合伙人|管理人", text) else "equity"
    parent = eng.ent(view, m.group("parent"))
    children = _children(eng, view, m, parent)
    for child in children:
        _emit(eng, view, R.CONTROLLED_BY, child, parent, {"kind": kind}, m, "controlled-by", 0.7)


def _person_owner(eng: Engine, view: View, m: re.Match[str]) -> EntityView | None:
    owner = eng.ent(view, m.group("parent"))
    return owner if owner.root == C.Person else None


def _h_person_control(eng: Engine, view: View, m: re.Match[str]) -> None:
    """"X的实际控制人为创始人Y", "X由Y控股", "X is controlled by its founder Y": X CONTROLLED_BY the
    person Y (X: the organisation named in the phrase, else the one before it, else the story's)."""
    person = _person_owner(eng, view, m)
    if person is None:
        return
    kind = "actual_control" if re.search(r"实际控制|实控|controller", m.group(0), re.IGNORECASE) else "equity"
    for child in _children(eng, view, m, person):
        _emit(eng, view, R.CONTROLLED_BY, child, person, {"kind": kind}, m, "controlled-by", 0.7)


def _h_person_stake(eng: Engine, view: View, m: re.Match[str]) -> None:
    """"Y持有X 35%股权", "X创始人Y持股35%", "Y owns 35% of X": X OWNED_BY the person Y at that share."""
    person = _person_owner(eng, view, m)
    if person is None:
        return
    for child in _children(eng, view, m, person):
        _emit(eng, view, R.OWNED_BY, child, person, {"share": _share(m)}, m, "stake", 0.7)


def _r(pattern: str, flags: int = 0) -> re.Pattern[str]:
    return re.compile(pattern, flags)


_CL = rf"[^,。;!?{NE}]"  # a character inside one clause that is not a name
_BE = r"\s*(?:是|为|系|乃)\s*"
_OWN_CUE = re.compile(
    r"全资|控股|持有|持股|实际控制|旗下|下属|出资|合伙人|管理人|GP|owned|owns|own|hold|unit|subsidiary|backed|"
    r"controlled|funded|set\s+up",
    re.IGNORECASE,
)

#: What the owned organisation is, between 旗下 and its name ("旗下产业基金华星资本"); nothing else
#: may stand there ("旗下的鸿华先进在电池上合作" names no owned "电池").
_KIND_BEFORE_NAME = (
    rf"(?:{_CL}{{0,6}}?(?:基金|平台|公司|企业|机构|主体|子公司|投资平台|产业基金|投资机构|创投|车企|药企))?\s*"
)

OWNERSHIP_RULES: list[Rule] = [
    Rule(
        "owned-by",
        # "X是Y的全资子公司", "X为Y旗下的投资平台", "X系Y下属国有独资企业"
        _r(
            rf"(?P<child>{ORG}){_BE}(?P<parent>{ZL})\s*(?:的)?\s*(?:全资|独资|旗下|下属|直属)"
            rf"{_CL}{{0,10}}?(?:子公司|附属公司|企业|公司|平台|基金|主体|机构)"
        ),
        _h_owned,
        _OWN_CUE,
    ),
    Rule(
        "owned-by",
        # "杭州市国资旗下杭州资本", "华星集团旗下产业基金华星资本": the owner, then what it owns (a
        # product after 旗下 is no organisation, and _emit drops it)
        # ("A(以下简称“B”)旗下…": the short name in brackets between the owner and 旗下)
        _r(rf"(?P<parent>{ORG})\s*(?:\([^()。;!?]{{0,24}}\))?\s*(?:旗下|下属)(?:的)?\s*{_KIND_BEFORE_NAME}(?P<child>{ORG})"),
        _h_owned,
        _OWN_CUE,
    ),
    Rule(
        "owned-by",
        # "华星集团全资子公司华星资本", "华星集团的全资子公司华星资本"
        _r(rf"(?P<parent>{ORG})\s*(?:的)?\s*(?:全资|独资)(?:子公司|附属公司)\s*(?P<child>{ORG})"),
        _h_owned,
        _OWN_CUE,
    ),
    Rule(
        "controlled-by",
        # "拓荆科技控股子公司拓荆键科", "A的控股子公司B"
        _r(rf"(?P<parent>{ORG})\s*(?:的)?\s*控股子公司\s*(?P<child>{ORG})"),
        _h_control,
        _OWN_CUE,
    ),
    Rule(
        "owned-by",
        # "由A、B、C按40%、40%、20%比例持股的X": the holders named before the company they hold
        _r(
            rf"由\s*(?P<parent>{ZL})\s*(?:按{_CL}{{0,30}}?比例|分别|共同|联合)?\s*(?:持股|持有|控股|出资设立|共同设立)"
            rf"(?:{_PCT})?\s*的\s*(?:{_CL}{{0,8}}?[(（]\s*)?(?P<child>{ZL})"
        ),
        _h_owned,
        _OWN_CUE,
    ),
    Rule(
        "owned-by",
        # "X由A与B共同持股": each of them owns part of X
        # (also after clauses about the company: "X近日成立，注册资本200亿元，由A、B共同持股")
        _r(
            rf"(?P<child>{ORG})(?:{_CL}{{0,6}}?|[^。;!?{NE}]{{0,40}}?,\s*)由\s*(?P<parent>{ZL})\s*(?:共同|联合)"
            rf"(?:持股|持有|拥有|出资)"
        ),
        _h_owned,
        _OWN_CUE,
    ),
    Rule(
        "owned-by",
        # "杭州资本是杭州市属国有资本投资运营平台，由杭州市国资委全资控股": the clause's subject
        _r(
            rf"(?P<child>{ORG})[^。;!?{NE}]{{0,30}}?,\s*(?:并)?由\s*(?P<parent>{ORG})\s*"
            rf"(?:全资|独资|100%)(?:控股|持有|拥有)"
        ),
        _h_owned,
        _OWN_CUE,
    ),
    Rule(
        "owned-by",
        # "小米汽车由小米集团全资持有", "X由Y持有35%股权"
        _r(rf"(?P<child>{ORG}){_CL}{{0,6}}?由\s*(?P<parent>{ORG})\s*(?:全资|独资|100%)(?:持有|控股|拥有)"),
        _h_owned,
        _OWN_CUE,
    ),
    Rule(
        "owned-by",
        # "小米集团全资持有小米汽车", "Y全资拥有X"
        _r(rf"(?P<parent>{ORG})\s*(?:全资|独资)(?:持有|拥有|控股)\s*(?P<child>{ORG})"),
        _h_owned,
        _OWN_CUE,
    ),
    Rule(
        "stake",
        # "Y持有X 35%股权", "Y直接持有X约35%的股份"
        _r(
            # ("…将持有公司约5%股份": the company of the story)
            rf"(?P<parent>{ORG})\s*(?:将|已|仍|拟|共|目前|现)?\s*(?:直接|间接|合计|目前|现)?持有\s*(?:(?P<child>{ORG})|公司|该公司)\s*"
            rf"(?:的)?\s*{_PCT}\s*(?:的)?(?:股权|股份)"
        ),
        _h_stake,
        _OWN_CUE,
    ),
    Rule(
        "stake",
        # "海川科技的股东中, 蓝潮资本持股35%"; not "持股平台"
        _r(rf"(?P<parent>{ORG})\s*(?:直接|间接|合计)?持股(?:比例)?(?:将|已|预计)?(?:升至|增至|提升至|提高至|降至|达到|为|达|约为)?\s*{_PCT}"),
        _h_holds_pct,
        _OWN_CUE,
    ),
    Rule(
        "stake",
        # "X为第二大股东，持股12%": the stake of the shareholder just named, in the company of the story
        _r(
            rf"(?P<parent>{ORG})\s*(?:目前|现|仍)?(?:为|是|系)[^,。;!?{NE}]{{0,10}}?股东\s*,\s*"
            rf"(?:直接|间接|合计)?持(?:股|有)(?:比例)?(?:为|达|约为)?\s*{_PCT}"
        ),
        _h_stake_in_story,
        _OWN_CUE,
    ),
    Rule(
        "stake",
        # "长鑫科技集团的第一大股东为X，持股比例21.67%": the company first, then its holder's share
        _r(
            rf"(?P<child>{ORG})\s*(?:的)?\s*(?:第[一二三四五]大|控股|最大|大)股东(?:为|是|系)\s*(?P<parent>{ORG})\s*,?\s*"
            rf"(?:直接|间接|合计)?持(?:股|有)(?:比例)?(?:为|达|约为)?\s*{_PCT}"
        ),
        _h_stake,
        _OWN_CUE,
    ),
    Rule(
        "stake",
        # "一汽集团已于2023年战略入股零跑汽车，持股约20%": the buyer's stake in the company it bought into
        _r(
            rf"(?P<parent>{ORG})[^。;!?,{NE}]{{0,16}}?(?:入股|增持|收购)(?:了)?\s*(?P<child>{ORG})\s*(?:的)?[^。;!?,{NE}]{{0,6}}?,\s*"
            rf"(?:并)?(?:合计|累计)?持(?:股|有)(?:其)?(?:股份|股权)?(?:比例)?(?:为|达|约为|至|达到)?\s*{_PCT}"
        ),
        _h_stake,
        _OWN_CUE,
    ),
    Rule(
        "owned-by",
        # "该公司由A、B共同持股，持股比例分别为50.2%和49.8%"
        _r(
            rf"(?:该公司|公司|其)\s*(?:由|系由)\s*(?P<parent>{ZL})\s*(?:共同|联合)(?:持股|持有|拥有|出资)"
            rf"(?:[^。;!?{NE}]{{0,12}}?(?:持股比例|股权比例|出资比例|持股)?分别为\s*"
            rf"(?P<pcts>\d{{1,3}}(?:\.\d+)?\s*%(?:\s*(?:、|和|及|与)\s*\d{{1,3}}(?:\.\d+)?\s*%)+))?"
        ),
        _h_co_owned_story,
        _OWN_CUE,
    ),
    Rule(
        "owned-by",
        # "…，后者为湖北省国资委下属企业", "后者是A的全资子公司"
        _r(
            rf"后者\s*(?:为|是|系|乃)\s*(?P<parent>{ORG})\s*(?:的)?\s*(?:下属|旗下|全资|独资|控股)"
            rf"(?:的)?[^。;!?,{NE}]{{0,8}}?(?:企业|公司|子公司|平台|机构|集团)"
        ),
        _h_latter_owned,
        re.compile("后者"),
    ),
    Rule(
        "stakes-each",
        _r(
            rf"(?P<parent>{ZL})\s*分别持有\s*(?P<child>{ORG})\s*(?:的)?\s*"
            rf"(?P<pcts>\d{{1,3}}(?:\.\d+)?\s*%(?:\s*(?:、|和|及|与)\s*\d{{1,3}}(?:\.\d+)?\s*%)+)\s*(?:的)?(?:股权|股份)"
        ),
        _h_stakes_each,
        _OWN_CUE,
    ),
    Rule(
        "funded-by",
        # "星澜基金由上海市国资委全额出资设立", "由A与B共同出资设立"
        # ("由Y于2020年出资设立": when, between the owner and the verb)
        _r(rf"(?P<child>{ORG}){_CL}{{0,8}}?由\s*(?P<parent>{ZL})\s*(?:于[^,。;!?{NE}]{{1,10}}?)?"
           rf"(?:共同|联合|全额|独家)?(?:出资|注资)(?:设立|组建|成立)"),
        _h_funded_by,
        _OWN_CUE,
    ),
    Rule(
        "controlled-by",
        # "海川科技由蓝潮资本控股"; not "由Y控股股东…" (a shareholder named after it)
        _r(rf"(?P<child>{ORG}){_CL}{{0,6}}?由\s*(?P<parent>{ORG})\s*(?:绝对|相对|实际)?控股(?!股东|子公司|集团)"),
        _h_control,
        _OWN_CUE,
    ),
    Rule(
        "controlled-by",
        # "根据海川股份公告，其间接控股股东蓝潮资本拟…", "海川科技的控股股东为蓝潮资本"
        _r(rf"(?:(?P<child>{ORG})\s*(?:发布的|的)?\s*(?:公告)?{_CL}{{0,6}}?,?\s*)?(?:其|公司|该公司)?(?:直接|间接)?"
           rf"控股股东(?:均)?(?:为|是|系)?\s*(?P<parent>{ORG})"),
        _h_control,
        _OWN_CUE,
    ),
    Rule(
        "controlled-by",
        # "蓝潮资本控股的海川科技"
        _r(rf"(?P<parent>{ORG})\s*(?:实际)?控股的\s*(?P<child>{ORG})"),
        _h_control,
        _OWN_CUE,
    ),
    Rule(
        "controlled-by",
        # "海川科技的实际控制人为上海市国资委", "其实际控制人是蓝潮资本"
        _r(rf"(?:(?P<child>{ORG})\s*(?:的)?\s*)?实际控制人(?:均)?(?:为|是|系)\s*(?P<parent>{ORG})"),
        _h_control,
        _OWN_CUE,
    ),
    Rule(
        "controlled-by",
        # "该基金的GP为星澜资本", "执行事务合伙人是Y"; not "LP为Y"
        _r(
            rf"(?:(?P<child>{ORG})\s*(?:的)?\s*)?(?<![A-Za-z])(?:GP|普通合伙人|执行事务合伙人|基金管理人)"
            rf"(?:均)?(?:为|是|系)\s*(?P<parent>{ORG})"
        ),
        _h_control,
        _OWN_CUE,
    ),
    # English
    Rule(
        "owned-by",
        # "X is wholly owned by Y", "X, a wholly owned subsidiary of Y", "X is a unit of Y"
        _r(
            rf"(?P<child>{ORG}),?\s+(?:(?:is|was|remains|has\s+been)\s+)?(?:(?:an?|the)\s+)?"
            rf"(?:(?:wholly[- ]owned|fully[- ]owned)\s+(?:by|(?:subsidiary|unit|arm|vehicle)\s+of)"
            rf"|(?:(?!and\b|or\b)[\w-]+\s+){{0,2}}?(?:unit|subsidiary|arm)\s+of)\s+(?:the\s+)?(?P<parent>{ORG})",
            re.IGNORECASE,
        ),
        _h_owned,
        _OWN_CUE,
    ),
    Rule(
        "stake",
        # "Y owns 35% of X", "Y holds a 35 percent stake in X"; not "35% of the market"
        _r(
            rf"(?P<parent>{ORG})(?:,[^,;.{NE}]{{0,60}}(?:{ORG})?[^,;.{NE}]{{0,10}},)?\s+(?:also\s+)?"
            rf"(?:(?:will|would|is\s+to|is\s+set\s+to)\s+(?:own|hold|control)|owns|holds|controls|owned|held)\s+"
            rf"(?:an?\s+)?{_PCT_EN}\s+"
            rf"(?:(?:stake|interest|shareholding)\s+)?(?:of|in)\s+(?:the\s+)?(?P<child>{ORG})",
            re.IGNORECASE,
        ),
        _h_stake,
        _OWN_CUE,
    ),
    Rule(
        "stake",
        # "Tencent owns 8.2% of Kestrel and HongShan owns 6.5%", "X, a state-owned firm, holds 4%": the
        # company named before, else the story's (the clause ends right after the share)
        _r(
            rf"(?P<parent>{ORG})(?:,[^,;.{NE}]{{0,60}},)?\s+(?:also\s+)?(?:owns|holds|owned|held)\s+(?:an?\s+)?{_PCT_EN}"
            rf"(?:\s+(?:stake|interest|shareholding))?(?=\s*(?:[,.;]|$))",
            re.IGNORECASE,
        ),
        _h_stake,
        _OWN_CUE,
    ),
    Rule(
        "stake",
        # "X is 60% owned by Y", "X, 40%-owned by Y"
        _r(
            rf"(?P<child>{ORG}),?\s+(?:is\s+|was\s+)?{_PCT_EN}[- ]owned\s+by\s+(?:the\s+)?(?P<parent>{ORG})",
            re.IGNORECASE,
        ),
        _h_stake,
        _OWN_CUE,
    ),
    Rule(
        "government-backed",
        # "X, backed by the Hefei municipal government", "X, a vehicle set up by the Y district government"
        _r(
            rf"(?P<child>{EL}),?\s+(?:(?:is|was|which\s+is)\s+)?(?:(?:an?|the)\s+)?[^,;.{NE}]{{0,40}}?"
            rf"(?:backed|owned|funded|controlled|set\s+up|sponsored|run)\s+by\s+(?:the\s+)?(?P<parent>{ORG})",
            re.IGNORECASE,
        ),
        _h_gov_backed,
        _OWN_CUE,
    ),
]

#: Who the person is, between the verb and the name ("实际控制人为公司创始人、董事长陆远舟"): words only,
#: no name (an organisation there is the owner, which the organisation rules read).
_WHO = rf"(?:[^,。;!?{NE}]{{0,12}}?)"
_PERSON_CUE = re.compile(r"实际控制|实控人|控股|控制|持有|持股|owns|holds|control|owned|held",
                         re.IGNORECASE)

#: A person as the owner: a founder who controls the company or holds a stated stake in it.
PERSON_OWNER_RULES: list[Rule] = [
    Rule(
        "controlled-by",
        # "海川科技的实际控制人为创始人陆远舟", "其控股股东为陆远舟"
        _r(rf"(?:(?P<child>{ORG})\s*(?:的)?\s*)?(?:实际控制人|实控人|控股股东)(?:均)?(?:为|是|系)\s*{_WHO}(?P<parent>{PER})"),
        _h_person_control,
        _PERSON_CUE,
    ),
    Rule(
        "controlled-by",
        # "海川科技由创始人陆远舟控股", "由陆远舟实际控制"; not "由Y控股股东…"
        _r(rf"(?P<child>{ORG}){_CL}{{0,6}}?由\s*{_WHO}(?P<parent>{PER})\s*(?:绝对|相对|实际)?(?:控股|控制)"
           rf"(?!股东|子公司|集团|人|权)"),
        _h_person_control,
        _PERSON_CUE,
    ),
    Rule(
        "controlled-by",
        # "陆远舟直接持有公司42%的股份，为公司实际控制人", "陆远舟是海川科技的控股股东"
        # (not "Y认为…", "Y并不是…": a verb that only contains 为, or a denial)
        # (a stake clause may come first and name the company: "Y持有X 42%股份，为…")
        _r(rf"(?P<parent>{PER})(?:[^。;!?{NE}]{{0,24}}?|[^。;!?{NE}]{{0,6}}?持有[^。;!?]{{0,24}}?,\s*)"
           rf"(?<![认以因作成称不非])(?:为|是|系)\s*(?:(?P<child>{ORG})|公司|该公司|其)?\s*(?:的)?\s*"
           rf"(?:实际控制人|实控人|控股股东)"),
        _h_person_control,
        _PERSON_CUE,
    ),
    Rule(
        "stake",
        # "陆远舟持有海川科技35%股权", "陆远舟直接持有公司42%的股份"
        _r(rf"(?P<parent>{PER})\s*(?:将|已|仍|目前|现)?\s*(?:直接|间接|合计|共)?持有\s*(?:(?P<child>{ORG})|公司|该公司)\s*"
           rf"(?:的)?\s*{_PCT}\s*(?:的)?(?:股权|股份)"),
        _h_person_stake,
        _PERSON_CUE,
    ),
    Rule(
        "stake",
        # "海川科技创始人陆远舟持股35%": the stake in the organisation named before
        _r(rf"(?P<parent>{PER})\s*(?:目前|现)?\s*(?:直接|间接|合计)?持股(?:比例)?(?:为|达|约为)?\s*{_PCT}"),
        _h_person_stake,
        _PERSON_CUE,
    ),
    Rule(
        "stake",
        # "Lu Yuanzhou owns 35% of Haichuan Technology", "Lu, the founder, holds a 35% stake in X"
        _r(
            rf"(?P<parent>{PER})(?:,[^,;.{NE}]{{0,60}},)?\s+(?:also\s+)?(?:owns|holds|controls|owned|held)\s+"
            rf"(?:an?\s+)?{_PCT_EN}\s+(?:(?:stake|interest|shareholding)\s+)?(?:of|in)\s+(?:the\s+)?(?P<child>{ORG})",
            re.IGNORECASE,
        ),
        _h_person_stake,
        _PERSON_CUE,
    ),
    Rule(
        "controlled-by",
        # "Haichuan Technology is controlled by its founder Lu Yuanzhou"; "X's actual controller is Y"
        _r(
            rf"(?P<child>{ORG})(?:,?\s+(?:is|was|remains)\s+(?:majority[- ]owned\s+and\s+)?controlled\s+by"
            rf"|['’]s\s+(?:actual|ultimate)\s+controller\s+is)\s+(?:its\s+|the\s+company['’]s\s+)?"
            rf"(?:(?:co-?)?founders?\s+|chairman\s+|chief\s+executive\s+|CEO\s+)?(?P<parent>{PER})",
            re.IGNORECASE,
        ),
        _h_person_control,
        _PERSON_CUE,
    ),
]
OWNERSHIP_RULES += PERSON_OWNER_RULES
