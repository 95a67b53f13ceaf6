"""People rules' handlers: positions held and left, foundings (dated when the article says when the
company was founded), former employers named as alumni, veterans or founding teams: the facts that
founder lineages are derived from."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from kg.extract import vocab
from kg.extract.normalize import DateValue, find_dates
from kg.extract.relations.engine import (
    NE,
    ORG,
    PER,
    TZ,
    ZH_SEP,
    ZL,
    Engine,
    View,
    date_props,
    first_group,
    is_founder,
    org_groups,
    person_groups,
    split_titles,
)
from kg.terms import C, R

# -- people ------------------------------------------------------------------------------------------


def person_fact(
    eng: Engine,
    view: View,
    per: int,
    org: int,
    titles: list[str],
    former: bool,
    span: re.Match[str] | tuple[int, int],
    method: str,
    confidence: float,
    date: DateValue | None = None,
    since: DateValue | None = None,
) -> None:
    """HOLDS_POSITION per title (LEFT when former, dated by `date`), FOUNDED for founder titles; a
    position held since `since` (the date the sentence gives its joining or appointment) carries it
    as `valid_from`."""
    org_ent = eng.entities[org]
    if org_ent.root != C.Organization:
        return
    for title in titles or [None]:  # type: ignore[list-item]  # None: the one fact without a title
        founder = bool(title) and is_founder(title)
        if founder:
            eng.emit(view, R.FOUNDED, per, org, {}, span, method, confidence)
            if not former and title.lower() not in vocab.FOUNDER_POSITIONS:
                continue  # being a founder is not a position held (a founding partner's seat is); leaving as one is
        props: dict[str, Any] = {"title": title}
        if former:
            props.update(date_props(date))
        elif since is not None:
            props["valid_from"] = since.iso
        eng.emit(view, R.LEFT if former else R.HOLDS_POSITION, per, org, props, span, method, confidence)
    end = span.end() if isinstance(span, re.Match) else span[1]
    eng._people_rel.append((per, org, end, [t for t in titles if t], method))


def title_surface(eng: Engine, view: View, m: re.Match[str], group: str = "titles") -> list[str]:
    if not m.groupdict().get(group):
        return []
    s, e = m.span(group)
    ns, ne = view.norm_span(s, e)
    return split_titles(eng.nt.original_slice(ns, ne))


_FORMER_WORDS = ("前", "原", "former", "ex-", "previously", "formerly")


def said_former(m: re.Match[str], *groups: str) -> bool:
    return any(
        m.groupdict().get(g) and m.group(g).strip().lower() in _FORMER_WORDS for g in groups
    )


_ANAPHOR_BEFORE = re.compile(
    rf"(?:该公司|本公司|公司|其|the\s+company's|its)[^,。;!?{NE}]{{0,6}}$", re.IGNORECASE
)


_FOUNDS_ORG = re.compile(
    rf"(?:创办|创立|创建|成立|co-?founded|founded|started)(?:了)?\s*(?P<org>{ORG})", re.IGNORECASE
)


def handle_title_chain(eng: Engine, view: View, m: re.Match[str]) -> None:
    """The first of two titles before a person ("A创办人、前B处长X"): the role at A, which the title
    right before the name (B's) would otherwise leave without its person."""
    org = eng.ent(view, m.group("org"))
    if org.root != C.Organization or org.is_exchange():
        return
    per = eng.ent(view, m.group("per")).group
    titles = title_surface(eng, view, m)
    person_fact(eng, view, per, org.group, titles, said_former(m, "pre"), m, "role-apposition", 0.75)


def _maker_before(eng: Engine, view: View, pos: int, product: int) -> int | None:
    """The company that makes `product`: one this article says DEVELOPS it, else the company named
    before the product in its sentence ("字节跳动旗下短视频平台TikTok")."""
    known = eng.known_maker(product)
    if known is not None:
        return known
    for rel in eng.out:
        if rel.type == R.DEVELOPS and rel.target == product:
            return rel.source
    return eng.company_before(view, pos)


def handle_title_person(eng: Engine, view: View, m: re.Match[str]) -> None:
    """TITLE before PERSON ("星衡智能前CTO陈墨"): the organisation is the one right before the title,
    the topic after "公司"/"其", or the previous one in a chain ("CEO甲、CTO乙")."""
    per = eng.ent(view, m.group("per")).group
    titles = title_surface(eng, view, m)
    former = said_former(m, "pre")
    before = view.skel[: m.start()]
    adj = re.search(
        rf"(?P<pre0>前|原|former\s+)?(?P<list>(?:{ORG}{ZH_SEP})*)(?P<org>[{NE}])\s*(?:'s|’s|的)?\s*"
        # a unit or region of the organisation between it and the title ("前百度Apollo技术总监",
        # "原图森未来中国区总裁"): the role is still at the organisation
        # ("网易前 AI Lab 总监": a former post in the unit, the marker before the unit)
        rf"(?P<pre1>前|原)?\s*(?:(?<=[\u4e00-\u9fff{NE}前原 ])[A-Za-z][\w.&-]{{1,20}}(?: [A-Za-z][\w.&-]{{1,20}})?|"
        rf"中国区|大中华区|亚太区|全球|海外|中国)?\s*$",
        before,
    )
    org = None
    conf = 0.8
    if adj:
        ent = eng.ent(view, adj.group("org"))
        # an exchange has officers too ("港交所CEO陈…"), but only with the title glued to its name
        glued = not before[adj.start("org"):].rstrip().endswith(("的", "'s", "’s"))
        if ent.root == C.Product:
            # "字节跳动旗下TikTok电商负责人X": a role in a product's business is a role at its maker,
            # when the sentence names the maker before the product
            maker = _maker_before(eng, view, adj.start("org"), ent.group)
            if maker is not None:
                org, conf = maker, 0.7
                former = former or said_former(adj, "pre0")
        if ent.root == C.Organization and (not ent.is_exchange() or (glued and not adj.group("list"))):
            org = ent.group
            former = former or said_former(adj, "pre0") or said_former(adj, "pre1")
            if adj.group("list") and (former or any(is_founder(t) for t in titles)):
                # "前A、B、C高管X": X left each of them; "A和B创始人X": X founded both
                for c in org_groups(adj.group("list")):
                    other = eng.ent(view, c)
                    if other.root == C.Organization and not other.is_exchange() and other.group != org:
                        person_fact(eng, view, per, other.group, titles, former, m, "role-apposition", conf)
    if org is None and _ANAPHOR_BEFORE.search(before):
        # "A、B，以及C，其创始人X": 其 right after a clause ending in a company is that company
        prev_clause = re.search(rf"(?P<org>{ORG})\s*,\s*其\s*(?:的)?\s*$", before)
        prev = eng.ent(view, prev_clause.group("org")) if prev_clause else None
        if prev is not None and prev.is_companyish():
            org, conf = prev.group, 0.7
        else:
            org, conf = eng.topic(view), 0.65
    if org is None and eng._people_rel:
        last = eng._people_rel[-1]
        if re.fullmatch(r"\s*(?:、|,|和|及|以及|and)\s*", view.skel[last[2] : m.start()]):
            org, conf = last[1], 0.65
    if org is None and any(is_founder(t) for t in titles) and not re.search(rf"{ORG}[^,。;!?{NE}]{{0,8}}$", before):
        # "创始人X曾任A副总裁，……随后创办B": the founder of the company the sentence says X founded
        later = _FOUNDS_ORG.search(view.skel, m.end())
        between = view.skel[m.end() : later.start()] if later else ""
        # "联合创始人X已离职，并创办B": X left the company of the story, which X co-founded
        unscoped_leave = bool(re.search(rf"{vocab.LEAVE_CUE_ZH}|{vocab.LEAVE_CUE_EN}", between, re.IGNORECASE)) and (
            not _LEAVE_ORG.search(between))
        if later and not unscoped_leave and eng.ent(view, later.group("org")).root == C.Organization:
            org, conf = eng.ent(view, later.group("org")).group, 0.6
    if org is None and not re.search(rf"[{NE}][^,。;!?{NE}]{{0,8}}$", before):
        # a title alone names a role at the company the story is about; a title after another name
        # (a product's: "前飞书CTO") is a role there, not at the company of the story
        org, conf = eng.topic(view), 0.5
    if org is None:
        return
    person_fact(eng, view, per, org, titles, former, m, "role-apposition", conf)
    # "月之暗面创始人杨植麟、张宇韬": the people listed right after the first share the title
    chain = re.match(rf"(?:\s*、\s*{PER})+(?![\u4e00-\u9fff{NE}])", view.skel[m.end() :])
    for ch in person_groups(chain.group(0)) if chain else ():
        if ch in view.groups:
            person_fact(eng, view, eng.ent(view, ch).group, org, titles, former, m, "role-apposition", conf * 0.9)


_DESC = re.compile(
    rf"\s*(?P<adv>此前|之前|曾经|曾(?!任|是)|原(?!是|为)|目前|现|现在)?\s*(?P<was>曾任|曾是|原是|原为|曾担任)?\s*(?:,|\(|:|是|为|系|现任|担任|"
    rf"出任|任)?\s*(?P<pre>前|原|现任|曾任)?\s*(?:(?P<orgs>{ZL})|该公司|本公司|公司)\s*(?:的)?\s*"
    rf"(?P<pre2>前|原)?\s*(?P<titles>{TZ})"
)


def handle_person_desc(eng: Engine, view: View, m: re.Match[str]) -> None:
    """Each descriptor after a name ("林知远,前甲、乙高管,丙和丁创始人") is a position."""
    per = eng.ent(view, m.group("per")).group
    pos = m.end("per")
    while True:
        d = _DESC.match(view.skel, pos)
        if not d:
            break
        titles = title_surface(eng, view, d)
        # "X此前是A的算法负责人": an adverb of the past makes the role a former one
        former = (said_former(d, "pre", "pre2") or bool(d.group("was"))
                  or d.group("adv") in ("此前", "之前", "曾经", "曾"))
        if not d.group("orgs"):
            topic = eng.topic(view)
            if topic is not None:
                person_fact(
                    eng, view, per, topic, titles, former, (m.start(), d.end()), "person-apposition", 0.6
                )
            pos = d.end()
            continue
        for ch in org_groups(d.group("orgs")):
            ent = eng.ent(view, ch)
            if ent.root == C.Organization and not ent.is_exchange():
                person_fact(
                    eng, view, per, ent.group, titles, former, (m.start(), d.end()), "person-apposition", 0.8
                )
        pos = d.end()


def handle_person_bracket_title(eng: Engine, view: View, m: re.Match[str]) -> None:
    """A bracketed title after a name ("陈墨(技术副总裁)"): a role at the company of the passage."""
    per = eng.ent(view, m.group("per")).group
    org = first_group(eng.company_before(view, m.start()), eng.topic(view))
    if org is None:
        return
    person_fact(
        eng, view, per, org, title_surface(eng, view, m), said_former(m, "pre"), m, "person-bracket-title", 0.6
    )


def handle_founded_zh(eng: Engine, view: View, m: re.Match[str]) -> None:
    org = eng.ent(view, m.group("org"))
    if org.root != C.Organization:
        return
    date = None
    if m.groupdict().get("mid"):
        found = find_dates(m.group("mid"), eng.base())
        date = found[0][2] if found else None
    for ch in person_groups(m.group("pers")):
        eng.emit(
            view, R.FOUNDED, eng.ent(view, ch).group, org.group, date_props(date), m, "founded-verb", 0.85
        )


def handle_title_topic(eng: Engine, view: View, m: re.Match[str]) -> None:
    """A role taken without naming the company ("许明哲将接任CTO一职"): the company of the story."""
    per = eng.ent(view, m.group("per")).group
    # "商汤科技联合创始人徐立出任公司董事长", "小米集团合伙人卢伟冰升任集团总裁": 公司/集团 is the
    # company the sentence named before the person
    named_before = eng.company_before(view, m.start()) if re.search(r"公司|集团", m.group(0)) else None
    # "A与B联合创办了X，A任CEO，B任CTO": the company the person founded in this sentence
    founded_here = next((r.target for r in eng.sentence_relations(view) if r.type == R.FOUNDED and r.source == per),
                        None)
    # "A营运长X升任执行长": a promotion at the organisation of the person's title just named
    # (a title held, not a former one: "原A专家X将接任CTO" takes the post at the company of the story)
    held_here = next((r.target for r in reversed(eng.sentence_relations(view))
                      if r.type == R.HOLDS_POSITION and r.source == per), None)
    org = first_group(_announcer(eng, view, m.start()), named_before, founded_here, held_here, eng.topic(view))
    if org is not None:
        person_fact(eng, view, per, org, title_surface(eng, view, m), False, m, "role-topic", 0.6)


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


#: A company announcing at the start of the sentence ("小米集团宣布,", "A公告称"): its own appointments.
_ANNOUNCES = re.compile(
    r"\s*(?:今日|今天|近日|日前|昨日|昨天|晚间|正式)?\s*(?:宣布|公告称|公告|发布公告称|官宣|发文称|表示|证实|透露)"
)


def _announcer(eng: Engine, view: View, pos: int) -> int | None:
    """The company whose announcement opens the sentence before `pos`, if one does: a title taken
    without naming the company ("A宣布,X出任集团总裁") is held there."""
    for i, ch in enumerate(view.skel[:pos]):
        if ch in view.groups:
            ent = eng.ent(view, ch)
            if ent.is_companyish() and _ANNOUNCES.match(view.skel, i + 1):
                return ent.group
            return None
    return None


def handle_founded_topic(eng: Engine, view: View, m: re.Match[str]) -> None:
    """A founding without the company named again ("2020年由韩知秋创立", "the company was founded
    by X"): the company of the story."""
    people = person_groups(m.group("pers")) + ([m.group("with")] if m.groupdict().get("with") else [])
    groups = {eng.ent(view, ch).group for ch in people}
    # "A veteran X started the company": A is where X came from, not the company X started
    came_from = {r.target for r in eng.sentence_relations(view) if r.source in groups and r.type == R.LEFT}
    org = first_group(eng.company_before(view, m.start(), came_from), eng.topic(view))
    if org is None or org in came_from:
        return
    date = None
    mid = m.groupdict().get("mid")
    found = find_dates(mid, eng.base()) if mid else []
    if found:
        date = found[0][2]
    else:
        near = eng.date_near(view, m.start("pers"))
        date = near
    for ch in people:
        eng.emit(view, R.FOUNDED, eng.ent(view, ch).group, org, date_props(date), m, "founded-topic", 0.65)


def handle_founding_date(eng: Engine, view: View, m: re.Match[str]) -> None:
    """"X成立于2021年", "X于2024年创立", "X, founded in 2012,": when the organisation was founded."""
    org = eng.ent(view, m.group("org"))
    if org.root != C.Organization or org.is_exchange():
        return
    found = find_dates(m.groupdict().get("when") or m.groupdict().get("when2") or "", eng.base())
    if found and org.group not in eng.founding_dates:
        eng.founding_dates[org.group] = found[0][2]


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
    _each_at_org(eng, view, m, "per", False, "listed-staff", 0.6)


def _each_at_org(eng: Engine, view: View, m: re.Match[str], people: str, former: bool, method: str,
                 confidence: float) -> None:
    """Each person of group `people` in the titled role the match gives at the organisation of "org"."""
    org = eng.ent(view, m.group("org"))
    if org.root != C.Organization or org.is_exchange():
        return
    titles = title_surface(eng, view, m)
    for ch in person_groups(m.group(people)):
        if ch in view.groups:
            person_fact(eng, view, eng.ent(view, ch).group, org.group, titles, former, m, method, confidence)


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


def handle_en_person_title_of(eng: Engine, view: View, m: re.Match[str]) -> None:
    """An English apposition with its organisation ("Lin Zhiyuan, chief executive of Xingheng AI")."""
    org = eng.ent(view, m.group("org"))
    if org.root != C.Organization or org.is_exchange():
        return
    per = eng.ent(view, m.group("per")).group
    person_fact(
        eng, view, per, org.group, title_surface(eng, view, m), said_former(m, "pre"), m, "role-apposition", 0.8
    )


def handle_en_person_title_only(eng: Engine, view: View, m: re.Match[str]) -> None:
    """An English apposition without one ("Chen Mo, co-founder and CTO"): the organisation named
    last before, or the topic."""
    per = eng.ent(view, m.group("per")).group
    prior = [rel for rel in eng._people_rel if rel[0] == per]
    titles = title_surface(eng, view, m)
    if prior and (not titles or set(titles) <= {t for rel in prior for t in rel[3]}):
        return
    org = None
    if eng._people_rel:
        # "Xpeng co-founder He Xiaopeng remains chief executive": the person's organisation just named
        org = prior[-1][1] if prior else eng._people_rel[-1][1]
    org = first_group(org, eng.company_before(view, m.start()), eng.topic(view))
    if org is None:
        return
    person_fact(
        eng, view, per, org, title_surface(eng, view, m), said_former(m, "pre"), m, "role-apposition", 0.6
    )


def handle_en_founded(eng: Engine, view: View, m: re.Match[str]) -> None:
    org = eng.ent(view, m.group("org"))
    if org.root != C.Organization:
        return
    date = None
    mid = m.groupdict().get("mid") or m.groupdict().get("mid2")
    if mid:
        found = find_dates(mid, eng.base())
        date = found[0][2] if found else None
    if date is None:
        years = re.search(r"\bin\s+((?:19|20)\d\d)\b", m.group(0))
        date = DateValue(years.group(1), "year") if years else None
    if date is None:
        # "X co-founded B in 2018", "B was founded by X in 2021": the year right after, in the clause
        after = re.match(r"\s+in\s+(?:early\s+|late\s+|mid-)?((?:19|20)\d\d)\b", view.skel[m.end() :])
        date = DateValue(after.group(1), "year") if after else None
    for ch in person_groups(m.group("pers")) + _founded_with(view.skel, m.end()):
        eng.emit(
            view, R.FOUNDED, eng.ent(view, ch).group, org.group, date_props(date), m, "founded-verb", 0.85
        )


#: "… founded B in 2022 with A, a former scientist at C, and D, who ran hardware at E": the partners
#: after "with", each possibly described in an aside that names only organisations.
_EN_FOUNDED_WITH = re.compile(rf"(?:\s+in\s+[\w\s-]{{1,20}}?)?\s+(?:along\s+)?with\s+(?={PER})")
_EN_WITH_NEXT = re.compile(rf",?\s+and\s+(?={PER})|,\s+(?={PER})")


def _founded_with(skel: str, end: int) -> list[str]:
    """The co-founders named after "with" right after a founding, skipping each one's description."""
    m = _EN_FOUNDED_WITH.match(skel, end)
    if m is None:
        return []
    found: list[str] = []
    pos = m.end()
    clause_end = re.compile(r"[.;!?]|$").search(skel, pos)
    stop = clause_end.start() if clause_end else len(skel)
    while pos < stop and re.match(PER, skel[pos]):
        found.append(skel[pos])
        # the description after the name runs to the next ", and PER" / ", PER" (never past the clause)
        nxt = _EN_WITH_NEXT.search(skel, pos + 1, stop)
        if nxt is None:
            break
        pos = nxt.end()
    return found


def handle_en_founded_after_leaving(eng: Engine, view: View, m: re.Match[str]) -> None:
    """"X left A in 2022 and founded B": the date belongs to the leaving, not to the founding."""
    org = eng.ent(view, m.group("org"))
    if org.root != C.Organization:
        return
    for ch in person_groups(m.group("pers")):
        eng.emit(view, R.FOUNDED, eng.ent(view, ch).group, org.group, {}, m, "founded-after-leaving", 0.8)


def handle_en_founded_who(eng: Engine, view: View, m: re.Match[str]) -> None:
    """"X, who left A in 2021, founded B last year": B was founded by X, dated by what follows B (the
    date inside the clause is the leaving's), and the clause says X left A."""
    org = eng.ent(view, m.group("org"))
    if org.root != C.Organization:
        return
    after = view.skel[m.end("org") : m.end("org") + 40]
    after = re.split(rf"[,;.{NE}]", after)[0]
    found = find_dates(after, eng.base())
    date = found[0][2] if found else None
    people = [eng.ent(view, ch).group for ch in person_groups(m.group("pers"))]
    for per in people:
        eng.emit(view, R.FOUNDED, per, org.group, date_props(date), m, "founded-verb", 0.85)
    left = m.groupdict().get("left")
    if left:
        prev = eng.ent(view, left)
        if prev.root == C.Organization and not prev.is_exchange() and prev.group != org.group:
            clause = view.skel[m.start("left") : m.start("org")]
            when = find_dates(clause, eng.base())
            for per in people:
                props = date_props(when[0][2] if when else None)
                eng.emit(view, R.LEFT, per, prev.group, props, m, "left-verb", 0.8)


def handle_alumni(eng: Engine, view: View, m: re.Match[str]) -> None:
    """"Brightwater Dynamics alumni X and Y", "Quillfeather veteran X", "沐岩科技前员工X": people who
    worked at the organisation before, with no title."""
    org = eng.ent(view, m.group("org"))
    if org.root != C.Organization or org.is_exchange():
        return
    for ch in person_groups(m.group("pers")):
        eng.emit(view, R.LEFT, eng.ent(view, ch).group, org.group, {}, m, "alumni", 0.75)


def handle_founder_previously(eng: Engine, view: View, m: re.Match[str]) -> None:
    """"B's founder previously led A's robotics unit": whoever the article says founded B worked at A."""
    co, prev = eng.ent(view, m.group("co")), eng.ent(view, m.group("org"))
    if co.root != C.Organization or prev.root != C.Organization or prev.is_exchange() or co.group == prev.group:
        return
    people = [eng.ent(view, m.group("per")).group] if m.groupdict().get("per") else [
        r.source for r in eng.out if r.type == R.FOUNDED and r.target == co.group
    ]
    for per in dict.fromkeys(people):
        eng.emit(view, R.LEFT, per, prev.group, {}, m, "founder-previously", 0.7)


def handle_team_from(eng: Engine, view: View, m: re.Match[str]) -> None:
    """"B的创始团队来自A", "B, started by former A engineers (led by X)": the people who founded B
    worked at A. A named leader founded B; otherwise whoever the article says founded B, also when it
    names them later, so the facts are settled at the end of the article."""
    co, prev = eng.ent(view, m.group("co")), eng.ent(view, m.group("org"))
    if co.root != C.Organization or prev.root != C.Organization or prev.is_exchange() or co.group == prev.group:
        return
    if m.groupdict().get("pers"):
        for ch in person_groups(m.group("pers")):
            per = eng.ent(view, ch).group
            eng.emit(view, R.FOUNDED, per, co.group, {}, m, "founded-verb", 0.8)
            eng.emit(view, R.LEFT, per, prev.group, {}, m, "team-from", 0.75)
        return
    eng.team_from.append((view, (m.start(), m.end()), co.group, prev.group))


def handle_founder_list(eng: Engine, view: View, m: re.Match[str]) -> None:
    """"B的联合创始人包括X、Y", "联合创始人还有前A科学家Z": everyone listed founded B (named before the
    list, else the one the sentence says was founded or opens with, else the company of the story; never the
    nearest company before, which is often a listed founder's past employer)."""
    named = m.group("org")
    # unnamed: the company the sentence says was founded ("B成立于2023年，由X创立，联合创始人包括Y"),
    # else the story's; the nearest company before is often a founder's past employer
    founded = next((r.target for r in eng.sentence_relations(view) if r.type == R.FOUNDED), None)
    opening = view.skel[:1]
    subject = None
    if opening in view.groups and eng.ent(view, opening).is_companyish():
        subject = eng.ent(view, opening).group
    org = eng.ent(view, named).group if named else first_group(founded, subject, eng.topic(view))
    if org is None or eng.entities[org].root != C.Organization or eng.entities[org].is_exchange():
        return
    for ch in person_groups(m.group("pers")):
        eng.emit(view, R.FOUNDED, eng.ent(view, ch).group, org, {}, m, "founder-list", 0.75)


def handle_former_staff(eng: Engine, view: View, m: re.Match[str]) -> None:
    """"former A executives X and Y": a former position at A for each of them."""
    _each_at_org(eng, view, m, "pers", True, "role-apposition", 0.8)


def handle_worked_at_as(eng: Engine, view: View, m: re.Match[str]) -> None:
    """"X曾在A担任算法负责人": a position at A, a former one when 曾/此前 says so."""
    org = eng.ent(view, m.group("org"))
    if org.root != C.Organization or org.is_exchange():
        return
    per = eng.ent(view, m.group("per")).group
    former = bool(m.group("was"))
    person_fact(eng, view, per, org.group, title_surface(eng, view, m), former, m, "worked-at", 0.8)


def handle_founded_venture(eng: Engine, view: View, m: re.Match[str]) -> None:
    """"X……2022年出来创业，成立了B": X founded B, dated by the words right before 创业."""
    org = eng.ent(view, m.group("org"))
    if org.root != C.Organization or org.is_exchange():
        return
    found = find_dates(m.group("when") or "", eng.base())
    date = found[-1][2] if found else None
    for ch in person_groups(m.group("pers")):
        eng.emit(view, R.FOUNDED, eng.ent(view, ch).group, org.group, date_props(date), m, "founded-verb", 0.8)


def handle_en_joined_left_founded(eng: Engine, view: View, m: re.Match[str]) -> None:
    """"X joined A in 2015 and left in 2020 to co-found B": a position at A from the first date, the
    leaving dated by the second, and B founded then."""
    prev, org = eng.ent(view, m.group("prev")), eng.ent(view, m.group("org"))
    if prev.root != C.Organization or org.root != C.Organization or prev.group == org.group:
        return
    joined = find_dates(m.group("joined") or "", eng.base())
    left = find_dates(m.group("left") or "", eng.base())
    when = left[0][2] if left else None
    for ch in person_groups(m.group("pers")):
        per = eng.ent(view, ch).group
        eng.emit(view, R.LEFT, per, prev.group, date_props(when), m, "left-verb", 0.85)
        eng.emit(view, R.FOUNDED, per, org.group, date_props(when), m, "founded-after-leaving", 0.85)
        if joined:
            eng.emit(view, R.HOLDS_POSITION, per, prev.group, {**date_props(joined[0][2]), "valid_from":
                     joined[0][2].iso}, m, "joined-verb", 0.8)


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


def handle_pronoun_founded(eng: Engine, view: View, m: re.Match[str]) -> None:
    """"他在2023年创立的B", "B, the company they co-founded": B was founded by the person the pronoun
    stands for (the last one named), or by the people "they" stands for (those named as founders,
    else all those named)."""
    org = eng.ent(view, m.group("org"))
    if org.root != C.Organization or org.is_exchange():
        return
    people = eng.people_before(view, m.start())
    if not people:
        return
    plural = m.group("pron").lower() in ("they", "他们", "她们")
    if plural:
        founders = [p for p in people if any(r.type == R.FOUNDED and r.source == p for r in eng.out)]
        people = founders or people
    else:
        people = people[-1:]
    date = None
    mid = m.groupdict().get("mid")
    found = find_dates(mid, eng.base()) if mid else []
    if found:
        date = found[0][2]
    for per in people:
        eng.emit(view, R.FOUNDED, per, org.group, date_props(date), m, "founded-pronoun", 0.65)


def handle_pronoun_founded_post(eng: Engine, view: View, m: re.Match[str]) -> None:
    """"他在成都注册了新公司X,出任创始人兼CEO": X founded by the person the pronoun stands for, who
    holds the titles named after it."""
    org = eng.ent(view, m.group("org"))
    if org.root != C.Organization or org.is_exchange():
        return
    if m.group("per"):  # the pronoun was read as the person it stands for
        people = [eng.ent(view, m.group("per")).group]
    else:
        people = eng.people_before(view, m.start())
        people = people[-1:] if m.group("pron") in ("他", "她") else people
    found = find_dates(m.group("mid"), eng.base()) if m.group("mid") else []
    for per in people:
        eng.emit(view, R.FOUNDED, per, org.group, date_props(found[0][2] if found else None), m,
                 "founded-pronoun", 0.65)
    titles = title_surface(eng, view, m)
    if titles and len(people) == 1:
        person_fact(eng, view, people[0], org.group, titles, False, m, "role-verb", 0.65)


_TIES = (R.LEFT, R.HOLDS_POSITION, R.FOUNDED)


def handle_pronoun_is_founder(eng: Engine, view: View, m: re.Match[str]) -> None:
    """"他们……都是联合创始人", "they were all co-founders": everyone the pronoun stands for founded
    the company named in the clause, else the company of the story."""
    people = eng.people_before(view, m.start())
    if not people:
        return
    pron = (m.group("pron") or m.group("pron_en")).lower()
    if pron in ("他", "她", "he", "she"):
        people = people[-1:]
    named = m.group("org") or m.group("org_en")
    # unnamed: the organisation the article last tied these people to, else the company of the story
    tied = next((r.target for r in reversed(eng.out) if r.source in people and r.type in _TIES), None)
    org = eng.ent(view, named).group if named else first_group(tied, eng.topic(view), eng.main_company())
    if org is None or eng.entities[org].root != C.Organization:
        return
    for per in people:
        eng.emit(view, R.FOUNDED, per, org, {}, m, "founder-pronoun", 0.6)


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


_LEAVE_ORG = re.compile(
    rf"(?:从|自)\s*(?P<o1>{ORG})\s*(?:{vocab.LEAVE_CUE_ZH})|(?:离开|告别|退出|辞去|卸任|辞任|离职|去职)\s*(?P<o2>{ORG})|"
    rf"\b(?:left|quit|departed|exited)\s+(?P<o3>{ORG})",
    re.IGNORECASE,
)


def apply_leave_cue(eng: Engine, view: View) -> None:
    """A sentence that says people left turns the positions named before the cue into LEFT.

    When the cue names the organisation ("从澄湖科技离职", "left Tencent") only positions at that
    organisation are affected; a founder who left gets LEFT with the founder title too.
    """
    if not eng._people_rel:
        return
    cue = None
    for c in re.finditer(rf"{vocab.LEAVE_CUE_ZH}|{vocab.LEAVE_CUE_EN}", view.skel, re.IGNORECASE):
        cue = c
    if cue is None:
        return
    if re.match(rf"\s*的\s*(?:{PER}|[\u4e00-\u9fff]{{2,4}}(?:[,。;!?]|$))", view.skel[cue.end() :]):
        return  # "接替即将退休的周以安": the cue describes the person named after it, not the subject
    scoped = None
    for om in _LEAVE_ORG.finditer(view.skel):
        ch = om.group("o1") or om.group("o2") or om.group("o3")
        scoped = view.groups.get(ch)
    affected: dict[int, set[int]] = {}
    founders: list[tuple[int, int, str, int]] = []
    for per, org, end, titles, _how in eng._people_rel:
        if end > cue.start() or re.search(vocab.JOIN_CUE, view.skel[end : cue.start()], re.IGNORECASE):
            continue
        if scoped is not None and org != scoped:
            continue
        if any(
            ch in view.groups and view.groups[ch] != org and eng.ent(view, ch).root == C.Organization
            for ch in view.skel[end : cue.start()]
        ):
            continue  # "Liu, the CEO, spent five years at A before leaving": what was left is A
        affected.setdefault(per, set()).add(org)
        founders.extend((per, org, t, end) for t in titles if is_founder(t))
    if not affected:
        return
    # English dates the leaving after the cue as often as before it ("joined A in 2019 and left in March
    # 2025"): the date closest to the cue; Chinese before it ("今年3月离职")
    date = eng.date_near(view, cue.start(), cue.end())
    for rel in eng.sentence_relations(view):
        if rel.target not in affected.get(rel.source, ()):
            continue
        if rel.type == R.HOLDS_POSITION:
            since = rel.props.pop("valid_from", None)  # a LEFT is dated by the leaving
            if since is not None:  # "2019年加入A担任CTO，今年3月离职": the stint, from its start
                held = {"title": rel.props["title"]} if rel.props.get("title") else {}
                eng.out.append(replace(rel, props={**held, "valid_from": since}))
            rel.type = R.LEFT
            rel.props.update(date_props(date))
            rel.method += "+leave-cue"
        elif rel.type == R.LEFT and not rel.props.get("date"):
            rel.props.update(date_props(date))  # "此前是A的CTO，3月从A离职": a past role, left then
    for per, org, title, end in founders:
        eng.emit(
            view,
            R.LEFT,
            per,
            org,
            {"title": title, **date_props(date)},
            (min(end, cue.start()), cue.end()),
            "role-apposition+leave-cue",
            0.7,
        )
