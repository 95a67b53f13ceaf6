"""People rules and their handlers, careers: joining a company, leaving it, coming from it,
appointments and successions, past employers ("X此前在A工作", "X 2020年从A加入B", "A appointed X as
CTO", "X left A in 2023"). A position left is LEFT, dated by the leaving where the text says when; with
the foundings (`founding`) these are the facts founder lineages are derived from (the company a
founder came from)."""

from __future__ import annotations

import re

from kg.extract.normalize import DateValue
from kg.extract.relations.engine import (
    NE,
    NF,
    ORG,
    PER,
    PL,
    PL_EN,
    TE,
    TZ,
    ZL,
    Engine,
    Rule,
    View,
    date_props,
    first_group,
    org_groups,
    person_groups,
)
from kg.extract.relations.people import each_at_org, person_fact, title_surface
from kg.terms import C, R

# -- careers ---------------------------------------------------------------------------------------


def handle_former_employers_clause(eng: Engine, view: View, m: re.Match[str]) -> None:
    """"X，曾先后就职于A、B": past employers of the person the sentence opens with, left."""
    per = eng.ent(view, m.group("per")).group
    for ch in org_groups(m.group("orgs")):
        ent = eng.ent(view, ch)
        if ent.root == C.Organization and not ent.is_exchange():
            person_fact(eng, view, per, ent.group, [], True, m, "former-role-clause", 0.65)


def handle_former_role_clause(eng: Engine, view: View, m: re.Match[str]) -> None:
    """A clause without its subject after a person ("陆远舟此前在霁川科技工作七年，曾任霁川科技副总裁"):
    the person of the sentence held the role before, so it is a position they left."""
    per = eng.ent(view, m.group("per")).group
    titles = title_surface(eng, view, m)
    for ch in org_groups(m.group("orgs")):
        ent = eng.ent(view, ch)
        if ent.root == C.Organization and not ent.is_exchange():
            person_fact(eng, view, per, ent.group, titles, True, m, "former-role-clause", 0.7)


def handle_worked_at(eng: Engine, view: View, m: re.Match[str]) -> None:
    """"X此前在A工作/任职", "X曾在A和B工作": former employers, with no title."""
    per = eng.ent(view, m.group("per")).group
    for ch in org_groups(m.group("org")):
        org = eng.ent(view, ch)
        if org.root == C.Organization and not org.is_exchange():
            eng.emit(view, R.LEFT, per, org.group, {}, m, "worked-at", 0.65)


def handle_left_zh(eng: Engine, view: View, m: re.Match[str]) -> None:
    org = eng.ent(view, m.group("org"))
    if org.root != C.Organization:
        return
    per = eng.ent(view, m.group("per")).group
    titles = title_surface(eng, view, m)
    person_fact(
        eng, view, per, org.group, titles, True, m, "left-verb", 0.8, eng.date_near(view, m.start("org"))
    )


def handle_concurrent_post(eng: Engine, view: View, m: re.Match[str]) -> None:
    """"A董事长X兼任B董事长": X holds the post at B too."""
    org = eng.ent(view, m.group("org"))
    if org.root != C.Organization or org.is_exchange():
        return
    per = eng.ent(view, m.group("per")).group
    person_fact(eng, view, per, org.group, title_surface(eng, view, m), False, m, "concurrent-post", 0.75)


def handle_left_before_name(eng: Engine, view: View, m: re.Match[str]) -> None:
    """"刚从A离职的产品经理X": X left A, dated only by what the phrase itself says (the sentence goes on
    about what X did next, and its dates are of that)."""
    org = eng.ent(view, m.group("org"))
    if org.root != C.Organization:
        return
    # ("今年自A退休的X": the date just before the phrase is its own)
    opening = max(m.start() - 8, view.skel.rfind(",", 0, m.start()) + 1)
    inside = [d for d in eng.dates(view) if opening <= d[0] and d[1] <= m.end()]
    date = inside[0][2] if inside else None
    per = eng.ent(view, m.group("per")).group
    person_fact(eng, view, per, org.group, title_surface(eng, view, m), True, m, "left-verb", 0.8, date)


def handle_came_from_like_others(eng: Engine, view: View, m: re.Match[str]) -> None:
    """"和A、B等一样,X也来自于C": X and the people X is likened to all came from C (they left it)."""
    org = eng.ent(view, m.group("org"))
    if org.root != C.Organization:
        return
    for ch in [*person_groups(m.group("pers")), m.group("per")]:
        person_fact(eng, view, eng.ent(view, ch).group, org.group, [], True, m, "left-verb", 0.7)


def handle_left_career(eng: Engine, view: View, m: re.Match[str]) -> None:
    """"X早年任职A,官至B,…离开A后…": the company left is the one worked at (a short name of it
    the second time); leaving another company is another fact."""
    if eng.ent(view, m.group("org")).group == eng.ent(view, m.group("org2")).group:
        handle_left_zh(eng, view, m)


def _since(eng: Engine, view: View, m: re.Match[str]) -> DateValue | None:
    """When a joining or an appointment matched by `m` took effect: the date the sentence gives for it
    ("2021年3月加入A", "A于2024年任命X为CEO", "X joined A in March 2021"), read at the company."""
    pos = m.start("org") if m.groupdict().get("org") else m.start()
    when = eng.date_near(view, pos, m.end())
    if when is not None and m.groupdict().get("per") and m.groupdict().get("org"):
        # a date inside an aside between the person and the verb ("Chen, who joined A in 2019, will
        # join B") dates the aside, not this move
        aside = view.skel[m.end("per") : pos]
        if "," in aside and any(m.end("per") <= s and e <= pos for s, e, _ in eng.dates(view)):
            after = [d for s, _e, d in eng.dates(view) if s >= pos]
            return after[0] if after else None
        # a date inside what the company is ("加盟了去年估值超10亿美元的创业公司X") dates that
        # description (its valuation, its founding), not the move
        inside = [(s, e) for s, e, _ in eng.dates(view) if m.end("per") <= s and e <= pos]
        if inside and "的" in view.skel[inside[-1][1] : pos]:
            return None
    return when


def handle_joined(eng: Engine, view: View, m: re.Match[str]) -> None:
    org = eng.ent(view, m.group("org"))
    if org.root != C.Organization:
        return
    per = eng.ent(view, m.group("per")).group
    person_fact(eng, view, per, org.group, title_surface(eng, view, m), False, m, "joined-verb", 0.8,
                 since=_since(eng, view, m))


def handle_left_last_post(eng: Engine, view: View, m: re.Match[str]) -> None:
    """"X于9月25日离职" with no organisation in the clause: X left the post the article last gave X
    (and has not had X leave), dated by the sentence."""
    per = eng.ent(view, m.group("per")).group
    held = [r for r in eng.out if r.source == per and r.type in (R.HOLDS_POSITION, R.FOUNDED)]
    left = {r.target for r in eng.out if r.source == per and r.type == R.LEFT}
    open_posts = [r for r in held if r.target not in left]
    if not open_posts:
        return
    post = open_posts[-1]
    title = post.props.get("title")
    props = {**({"title": title} if title else {}), **date_props(eng.date_near(view, m.end(), m.end()))}
    eng.emit(view, R.LEFT, per, post.target, props, m, "left-last-post", 0.6)


def handle_listed_staff(eng: Engine, view: View, m: re.Match[str]) -> None:
    """"A、B、C等众多腾讯高管": each person listed holds that kind of post at the company."""
    each_at_org(eng, view, m, "per", False, "listed-staff", 0.6)


def handle_moved_from(eng: Engine, view: View, m: re.Match[str]) -> None:
    """"X 2020年从A加入B": X joined B, and so left A."""
    handle_joined(eng, view, m)
    prev = eng.ent(view, m.group("prev"))
    if prev.root == C.Organization and not prev.is_exchange():
        per = eng.ent(view, m.group("per")).group
        person_fact(eng, view, per, prev.group, [], True, m, "moved-from", 0.7)


def handle_succeeded(eng: Engine, view: View, m: re.Match[str]) -> None:
    """"X接替Y出任A CEO": X now holds the title at A; Y held it and has left it."""
    handle_joined(eng, view, m)
    org = eng.ent(view, m.group("org"))
    if org.root != C.Organization or not m.group("prev"):
        return
    prev = eng.ent(view, m.group("prev")).group
    person_fact(eng, view, prev, org.group, title_surface(eng, view, m), True, m, "succession", 0.7)


def handle_successor(eng: Engine, view: View, m: re.Match[str]) -> None:
    """"X卸任A董事长职务，由Y接任": Y holds the title at A (or at the company of the sentence)."""
    per = eng.ent(view, m.group("per")).group
    named = eng.ent(view, m.group("org")) if m.group("org") else None
    org = named.group if named is not None and named.is_companyish() else None
    org = first_group(org, eng.company_before(view, m.start()), eng.topic(view))
    if org is not None:
        person_fact(eng, view, per, org, title_surface(eng, view, m), False, m, "successor", 0.7)


def handle_title_taken_by(eng: Engine, view: View, m: re.Match[str]) -> None:
    """"X由A创办，总经理则由Y出任": a title opening a later clause is held at the company the sentence
    opens with (its subject), else at the company of the story."""
    per = eng.ent(view, m.group("per")).group
    first = next((i for i, ch in enumerate(view.skel[: m.start()]) if ch in view.groups), None)
    subject = eng.ent(view, view.skel[first]) if first is not None and first <= 2 else None
    org = first_group(subject.group if subject is not None and subject.is_companyish() else None, eng.topic(view))
    if org is not None:
        person_fact(eng, view, per, org, title_surface(eng, view, m), False, m, "role-topic", 0.6)


def _role_at(eng: Engine, view: View, m: re.Match[str], former: bool, method: str, confidence: float) -> None:
    """The person of group "per" in a role at the organisation of group "org" (never an exchange)."""
    org = eng.ent(view, m.group("org"))
    if org.root != C.Organization or org.is_exchange():
        return
    per = eng.ent(view, m.group("per")).group
    titles = [] if former else title_surface(eng, view, m)
    since = None if former else _since(eng, view, m)
    person_fact(eng, view, per, org.group, titles, former, m, method, confidence, since=since)


def handle_en_appointed(eng: Engine, view: View, m: re.Match[str]) -> None:
    """"A appointed X as CTO", "X will take over as CEO of A": X holds the title at A."""
    _role_at(eng, view, m, False, "appointed", 0.8)


def handle_en_formerly_at(eng: Engine, view: View, m: re.Match[str]) -> None:
    """"X, who previously led the driving unit at A, …": a past role at A, so X has left it."""
    _role_at(eng, view, m, True, "former-role", 0.65)


def handle_worked_at_as(eng: Engine, view: View, m: re.Match[str]) -> None:
    """"X曾在A担任算法负责人": a position at A, a former one when 曾/此前 says so."""
    org = eng.ent(view, m.group("org"))
    if org.root != C.Organization or org.is_exchange():
        return
    per = eng.ent(view, m.group("per")).group
    former = bool(m.group("was"))
    person_fact(eng, view, per, org.group, title_surface(eng, view, m), former, m, "worked-at", 0.8)


def handle_en_left(eng: Engine, view: View, m: re.Match[str]) -> None:
    org = eng.ent(view, m.group("org"))
    if org.root != C.Organization:
        return
    date = eng.date_near(view, m.start(), m.end())
    for ch in person_groups(m.group("per")):  # "Lin Che and Zhou Yan left X": each of them
        per = eng.ent(view, ch).group
        person_fact(eng, view, per, org.group, title_surface(eng, view, m), True, m, "left-verb", 0.8, date)


def handle_en_left_to_become(eng: Engine, view: View, m: re.Match[str]) -> None:
    """"X stepping down as A's president to become the new firm's chief executive": LEFT A, and the
    post at the new firm (named, or the other company of the sentence: the one spun off)."""
    handle_en_left(eng, view, m)
    if not m.group("titles2"):
        return
    left = eng.ent(view, m.group("org")).group
    if m.group("org2"):
        new_org: int | None = eng.ent(view, m.group("org2")).group
    else:
        new_org = eng.company_before(view, m.start(), {left}) or eng.company_after(view, m.end(), {left})
    if new_org is None or new_org == left:
        return
    per = eng.ent(view, m.group("per")).group
    titles = title_surface(eng, view, m, "titles2")
    person_fact(eng, view, per, new_org, titles, False, m, "role-verb", 0.7)


def handle_en_left_topic(eng: Engine, view: View, m: re.Match[str]) -> None:
    """"X left the company in 2023", "X stepped down as chief executive": a position left at the
    company of the story (the one named last in the sentence before, else the topic)."""
    per = eng.ent(view, m.group("per")).group
    # "the company" is the one the article is about before the subject of a recent sentence (a
    # sponsor bank's: "CICC and Morgan Stanley were joint sponsors. … Li Na left the company")
    org = first_group(eng.company_before(view, m.start()), eng.main_company(), eng.topic(view))
    if org is None:
        return
    person_fact(
        eng, view, per, org, title_surface(eng, view, m), True, m, "left-verb", 0.65,
        eng.date_near(view, m.start(), m.end()),
    )


# -- rules -----------------------------------------------------------------------------------------


#: When, between a company joined and the post taken ("joined A in March as CTO", "in 2021").
_WHEN_EN = r"\s+(?:in|on|since|last|this|earlier\s+this)\s+[A-Za-z0-9]+(?:\s+\d{4})?"


def _r(pattern: str, flags: int = 0) -> re.Pattern[str]:
    return re.compile(pattern, flags)


#: Adverbs between a person and the verb ("X recently left A").
_EN_ADV = r"(?:(?:recently|later|then|also|quietly|abruptly|officially|formally)\s+)?"
#: Verbs of a person moving to a new employer ("加盟", "转战", "跳槽至").
_JOIN_ZH = r"(?:加入|加盟|入职|转战|转投|改投|投奔|履新|跳槽(?:至|到)?)"
_JOIN_CUE = re.compile(_JOIN_ZH)

#: Where a person was before ("X，此前在A任董事总经理", "X曾在A担任算法负责人"): right after the
#: Chinese foundings (`founding.FOUNDING_RULES_ZH`).
FORMER_ROLE_RULES_ZH: list[Rule] = [
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
]

#: "A appointed X as its new chief executive": after `founding.VENTURE_AND_ALUMNI_RULES_ZH`.
APPOINTED_RULES_EN: list[Rule] = [
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
]

#: More appointments, joins and former roles in English, after `funding.SAID_STAKE_RULES_EN`.
APPOINTED_AND_FORMER_ROLE_RULES_EN: list[Rule] = [
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
            rf"(?:{_WHEN_EN})?(?:\s+as\s+(?:its\s+|the\s+)?(?:new\s+)?(?P<titles>{TE})(?![\w-]))?",
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
]

#: Joins, departures and successions, Chinese: after the founder lists (`founding.FOUNDER_LIST_RULES_ZH`).
CAREER_RULES_ZH: list[Rule] = [
    Rule(
        "left-verb",
        # "张建锋目前已从阿里巴巴退休", "X已自A离任"
        _r(rf"(?P<per>{PER})[^。;!?{NE}]{{0,12}}?(?:从|自)\s*(?P<org>{ORG})\s*(?:正式)?(?:退休|离职|裸辞|辞职|离任|卸任|荣退)"),
        handle_left_zh,
    ),
    Rule(
        "concurrent-post",
        # "A董事长X兼任B董事长": a second post, held at the same time
        _r(
            # (the same subject across a comma: "X现任公司董事长，同时担任B兼职教授")
            rf"(?P<per>{PER})[^。;!?{PER[1:-1]}]{{0,30}}?(?:兼任|同时担任|同时出任|还担任|亦担任|并担任|并出任)\s*"
            # (an adjunct or visiting post: "兼职教授", "客座研究员")
            rf"(?P<org>{ORG})\s*(?:的)?\s*(?:兼职|客座|特聘|名誉|荣誉)?(?P<titles>{TZ})"
        ),
        handle_concurrent_post,
    ),
    Rule(
        "left-verb",
        # "从美团“退休”2年多的王慧文", "刚从A离职的产品经理X": who left, said before the name
        _r(
            rf"(?:从|自)\s*(?P<org>{ORG})\s*[“\"「]?(?:离职|辞职|离开|出走|退休|荣休|卸任|离任)[”\"」]?(?:了)?"
            rf"[^,。;!?{NE}]{{0,8}}?的\s*(?P<titles>{TZ})?\s*(?P<per>{PER})"
        ),
        handle_left_before_name,
    ),
    Rule(
        "left-verb",
        # "X在A服务逾20年，曾主导…，去年12月自A退休后": the clauses of one subject, the last one's left out
        # (no other person in between; the clause of the departure names no one)
        _r(
            rf"(?P<per>{PER})[^。;!?{PER[1:-1]}]{{0,60}}?,\s*[^,。;!?{NE}]{{0,10}}?(?:从|自)\s*(?P<org>{ORG})\s*"
            rf"(?:正式)?(?:退休|离职|裸辞|辞职|离任|卸任|荣退|荣休)"
        ),
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
            rf"(?P<per>{PER})\s*(?:已|已经|正式|近日|日前|于|在)?(?:{NF}{{0,10}}?|[^。;!?{NE}]{{0,30}}?,\s*"
            rf"(?:\d{{4}}年)?[^。;!?,{NE}]{{0,6}}?)(?:从|自)?\s*(?:离开|离职|去职|出走|"
            rf"卸任|辞任|辞去|告别|退出)(?:了)?\s*(?:在\s*)?(?P<org>{ORG})(?:的)?\s*(?P<titles>{TZ})?"
        ),
        handle_left_zh,
    ),
    Rule(
        "left-verb",
        _r(
            rf"(?P<per>{PER})\s*(?:已|已经|于)?{NF}{{0,10}}?(?:从|自)\s*(?P<org>{ORG})\s*(?:离职|辞职|裸辞|出走|离开|退休|荣休)"
        ),
        handle_left_zh,
    ),
    Rule(
        "left-verb",
        # "百度宣布收购Y中国业务,X于9月25日离职": a departure with no organisation in its clause
        _r(rf"(?<![{NE}])(?:^|(?<=[,。;!?]))\s*(?P<per>{PER})\s*(?:已|已经|也|则|随后|随即)?\s*(?:于{NF}{{1,12}}?)?"
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
            # ("X是A副教授，2023年辞去B技术总监职务后创业": when, after the comma)
            rf"(?P<per>{PER})[^。;!?{PER[1:-1]}]{{0,40}}?,\s*(?:(?:19|20)\d\d\s*年(?:\d{{1,2}}\s*月)?(?:初|底|中|末)?\s*)?"
            rf"(?:并且|并|同时|随后|之后|此后|后|也|亦|还)?\s*(?:已|已经|将|正式)?"
            rf"(?:卸任|辞去|辞任|离开|离职|去职|退出)(?:了)?\s*(?P<org>{ORG})\s*(?:的)?\s*(?P<titles>{TZ})?"
        ),
        handle_left_zh,
    ),
    Rule(
        "left-verb",
        _r(
            # "王凤英辞去公司总经理一职", "陈屿白已卸任CEO": a title left without naming the company
            rf"(?P<per>{PER})\s*(?:已|已经|正式|近日|日前|于|在)?{NF}{{0,10}}?(?:辞去|卸任|辞任|卸下)\s*"
            rf"(?:了)?\s*(?:公司|该公司|本公司)?\s*(?:的)?\s*(?P<titles>{TZ})(?:一职|职务|职位)?(?!\s*{ORG})"
        ),
        handle_en_left_topic,
    ),
    Rule(
        "joined-verb",
        _r(
            rf"(?P<per>{PER})\s*(?:已|已经|正式|近日|日前|将|于)?{NF}{{0,10}}?{_JOIN_ZH}(?:了)?\s*"
            # "将加入一家总部位于新加坡的AI电商新创公司「星链零售」": what the company is, then its name
            rf"(?:(?:一家|一间|某)?(?:{ORG}系)?{NF}{{0,30}}?(?:公司|企业|新创|创企|独角兽|机构)\s*[“「\"『]?\s*)?"
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
            rf"(?P<per>{PER})[^。;!?{PER[1:-1]}]{{0,60}}?,\s*{NF}{{0,8}}?{_JOIN_ZH}(?:了)?\s*"
            # ("X，日前正式加入AI芯片新创公司「天玑智算」，出任执行长": what the company is, then its name)
            rf"(?:(?:一家|一间|某)?(?:{ORG}系)?{NF}{{0,30}}?(?:公司|企业|新创|创企|独角兽|机构)\s*[“「\"『]?\s*)?(?P<org>{ORG})(?!\s*系)\s*[”」\"』]?"
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
            rf"(?<!接替)(?<!接任)(?<!取代)(?P<per>{PER})\s*(?:于{NF}{{1,10}}?)?(?:正式|将|已)?(?:再度|再次|重新|又)?"
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
            # ("A昨日公布，委任前B副总裁X为CTO": an announcement, and who X was, between)
            rf"(?P<org>{ORG})\s*(?:(?:的)?董事会(?:会议)?(?:审议)?(?:通过|决议|决定)?(?:了)?\s*,?\s*)?"
            rf"(?:[^。;!?{NE}]{{0,6}}?(?:公布|公告|宣布|表示)\s*,\s*)?"
            rf"(?:于{NF}{{1,10}}?)?(?:宣布)?(?:再度|再次|重新)?(?:任命|聘任|聘请|委任|延揽|聘用)\s*"
            rf"(?:(?:前|原)\s*{ORG}\s*(?:的)?\s*{TZ}\s*)?(?P<per>{PER})\s*"
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
            rf"(?:(?:前|原)\s*(?:{ORG})?{NF}{{0,10}}?)?(?P<per>{PER})\s*(?:担任|出任|接任|兼任)"
        ),
        handle_title_taken_by,
    ),
]

#: Past employers, departures and joins, English: after the English foundings
#: (`founding.FOUNDING_RULES_EN`).
CAREER_RULES_EN: list[Rule] = [
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
            # ("X, who left A that year": the relative clause says it too)
            rf"(?P<per>{PL_EN})(?:,\s+who)?\s+(?:has\s+|had\s+|have\s+)?{_EN_ADV}(?:left|departed|quit|resigned\s+from|"
            rf"retired\s+from|stepped\s+down\s+from|"
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
            rf"(?-i:(?:[A-Za-z]+-[\w-]+|[a-z][\w-]*)\s+){{0,3}}?(?P<org>{ORG})(?:{_WHEN_EN})?(?:\s+as\s+"
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
]
