"""Rules and their handlers for products (DEVELOPS), stated spin-offs (脱胎于, spun out of), control and
state-capital appositions."""

from __future__ import annotations

import re

from kg.extract import vocab
from kg.extract.relations.engine import (
    NE,
    NF,
    ORG,
    PRD,
    RL,
    RL_EN,
    Engine,
    Rule,
    View,
    date_props,
    first_group,
    product_groups,
)
from kg.terms import C, R

# -- products, spin-offs, control ------------------------------------------------------------------


def handle_develops(eng: Engine, view: View, m: re.Match[str]) -> None:
    org = eng.ent(view, m.group("org"))
    if org.root != C.Organization or org.is_exchange() or org.is_investorish() and not org.is_companyish():
        return
    for ch in product_groups(m.group("prods")):
        eng.emit(view, R.DEVELOPS, org.group, eng.ent(view, ch).group, {}, m, "develops", 0.75)


def handle_develops_topic(eng: Engine, view: View, m: re.Match[str]) -> None:
    org = first_group(eng.company_before(view, m.start()), eng.topic(view))
    if org is None:
        return
    for ch in product_groups(m.group("prods")):
        eng.emit(view, R.DEVELOPS, org, eng.ent(view, ch).group, {}, m, "develops-list", 0.55)


def handle_spinoff(eng: Engine, view: View, m: re.Match[str]) -> None:
    child, parent = eng.ent(view, m.group("child")), eng.ent(view, m.group("parent"))
    if child.root != C.Organization or parent.root != C.Organization or not child.is_companyish():
        return
    eng.emit(
        view,
        R.SPUN_OFF_FROM,
        child.group,
        parent.group,
        date_props(eng.date_near(view, m.start(), m.end())),
        m,
        "spin-off",
        0.8,
    )
    eng.upgrade(child.group, {C.Company})


def handle_spinoff_topic(eng: Engine, view: View, m: re.Match[str]) -> None:
    """"The company was spun off from A": the company of the story came out of A."""
    parent = eng.ent(view, m.group("parent"))
    child = first_group(eng.topic(view), eng.main_company())
    if child is None or child == parent.group or parent.root != C.Organization:
        return
    props = date_props(eng.date_near(view, m.start(), m.end()))
    eng.emit(view, R.SPUN_OFF_FROM, child, parent.group, props, m, "spin-off", 0.7)


def handle_controlled(eng: Engine, view: View, m: re.Match[str]) -> None:
    child, parent = eng.ent(view, m.group("child")), eng.ent(view, m.group("parent"))
    if child.root != C.Organization or parent.root != C.Organization:
        return
    kind = "equity" if re.search(r"owned|控股|持股|全资", m.group(0)) else "subsidiary"
    eng.emit(view, R.CONTROLLED_BY, child.group, parent.group, {"kind": kind}, m, "controlled-by", 0.7)


def handle_state_apposition(eng: Engine, view: View, m: re.Match[str]) -> None:
    """A vehicle "of the Hefei government" in apposition is state capital."""
    ent = eng.ent(view, m.group("org"))
    if ent.root != C.Organization:
        return
    region = m.group("region")
    level = next((lvl for _zh, (en, lvl) in vocab.REGIONS.items() if en == region), None)
    eng.upgrade(
        ent.group,
        {C.StateOwnedFund},
        investor_kind=ent.attrs.get("investor_kind") or "state_platform",
        region=region if level else None,
        gov_level=level,
    )


def settle_lone_products(eng: Engine, view: View) -> None:
    """A product no rule gave a maker is the company's named before it when the sentence names one
    company, or the article's main company when it names none ("X目前主推的电池产品“磐石”",
    "其核心产品Y"), at low confidence.

    Products are found by their own context (quotes after a product word, a model code after
    "核心产品"); the phrase tying them to the maker varies too much to list, and an article names its
    subject's products far more often than anyone else's. A product after another company's
    possessive ("B的芯片Z") already has its maker from the possessive rule."""
    if not any(eng.ent(view, ch).root == C.Product for ch in view.groups):
        return
    made = {r.target for r in eng.sentence_relations(view) if r.type == R.DEVELOPS}
    makers = {eng.ent(view, c).group for c in view.groups if eng.ent(view, c).is_companyish()}
    for i, ch in enumerate(view.skel):
        if ch not in view.groups or eng.ent(view, ch).root != C.Product:
            continue
        product = eng.ent(view, ch).group
        if product in made:
            continue
        # two companies in the sentence ("A与B相比,C芯片…") leave the maker open; with none, the
        # company the whole article is about, not merely the last one named
        maker = eng.company_before(view, i) if len(makers) == 1 else None if makers else eng.main_company()
        if maker is not None and not makers:
            # (but a product the gazetteer knows the maker of is that maker's, when the article names it)
            maker = eng.known_maker(product) or maker
        if maker is None:
            continue
        span = re.compile(re.escape(ch)).match(view.skel, i)  # the mention itself, as provenance
        if span is not None:
            eng.emit(view, R.DEVELOPS, maker, product, {}, span, "develops-context", 0.5)
            made.add(product)


# -- rules -----------------------------------------------------------------------------------------


def _r(pattern: str, flags: int = 0) -> re.Pattern[str]:
    return re.compile(pattern, flags)


_LINEAGE_KIND = r"(?:创业公司|初创公司|初创企业|创企|创业团队|新创公司|新创)"

#: Products (DEVELOPS): after the people rules, all but the founder pronouns (`founding.FOUNDER_PRONOUN_RULES`).
PRODUCT_RULES: list[Rule] = [
    Rule(
        "develops",
        _r(
            rf"(?P<org>{ORG})\s*(?:的|旗下(?:的)?|推出(?:的|了)?|发布(?:的|了)?|开发(?:的|了)?|研发(?:的|了)?|"
            rf"上线(?:的|了)?|自研(?:的)?|开源(?:的|了)?)\s*{NF}{{0,10}}?(?P<prods>{RL})"
        ),
        handle_develops,
    ),
    Rule(
        "develops",
        _r(rf"(?P<prods>{RL})\s*(?:是|为|系)\s*(?P<org>{ORG})\s*(?:旗下|推出|开发|发布|研发)"),
        handle_develops,
    ),
    Rule(
        "develops",
        # ("Kestrel Robotics' OculaGrip": a plural's possessive is a bare apostrophe)
        _r(rf"(?P<org>{ORG})(?:'s|’s|'(?!\w)|’(?!\w))\s+(?:[\w-]+\s+){{0,4}}?(?P<prods>{RL_EN})"),
        handle_develops,
    ),
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
            rf"代表性?)\s*产品\s*(?:为|是|包括|有|主要为|包含)?\s*{NF}{{0,24}}?(?P<prods>{RL})"
        ),
        handle_develops_topic,
    ),
    Rule(
        "develops-list",
        _r(
            rf"(?:(?<![母子孙业资股])公司|其)\s*(?:目前|正在|还|也|今年|去年|近日|此前)?{NF}{{0,8}}?(?:主推|推出|发布|研发|"
            rf"开发|自研|量产)(?:的|了)\s*{NF}{{0,16}}?(?P<prods>{RL})"
        ),
        handle_develops_topic,
    ),
]

#: Stated spin-offs and control: after the products, right before `ownership.OWNERSHIP_RULES`.
SPINOFF_AND_CONTROL_RULES: list[Rule] = [
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
]

#: "A, a unit of the Shenzhen government": right after `ownership.OWNERSHIP_RULES`.
STATE_APPOSITION_RULES: list[Rule] = [
    Rule(
        "state-apposition",
        _r(
            rf"(?P<org>{ORG}),\s+(?:the\s+|an?\s+)?[^,;{NE}]{{0,60}}?(?:of|by)\s+the\s+"
            rf"(?P<region>[A-Z][a-z]+)\s+(?:municipal\s+|city\s+|provincial\s+|district\s+)?"
            rf"government"
        ),
        handle_state_apposition,
    ),
]
