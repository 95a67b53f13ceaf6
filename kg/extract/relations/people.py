"""People rules and their handlers, titles and roles: who holds which position where, read from
titles beside names ("星衡智能前CTO陈墨", "陈墨(技术副总裁)", "Lin Zhiyuan, chief executive of Xingheng AI"),
and the helpers the other people modules build their facts with (`person_fact`, `title_surface`,
`said_former`, `each_at_org`). After each sentence `apply_leave_cue` turns the positions it named into
departures when it says the people left.

Careers (joined, left, came from) are in `careers`, foundings in `founding`: with its rules beside its
handlers (issue 14) one people module would have been twice the size of any other."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from kg.extract import vocab
from kg.extract.mentions import TITLE_EN_RE
from kg.extract.normalize import DateValue
from kg.extract.relations.engine import (
    NE,
    ORG,
    PER,
    PL_EN,
    TE,
    TZ,
    ZH_SEP,
    ZL,
    Engine,
    Rule,
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
    # (not a second post held beside it: "X现任公司董事长，同时担任B教授")
    held_here = next((r.target for r in reversed(eng.sentence_relations(view))
                      if r.type == R.HOLDS_POSITION and r.source == per and r.method != "concurrent-post"), None)
    org = first_group(_announcer(eng, view, m.start()), named_before, founded_here, held_here, eng.topic(view))
    if org is not None:
        person_fact(eng, view, per, org, title_surface(eng, view, m), False, m, "role-topic", 0.6)


def handle_sentence_title(eng: Engine, view: View, m: re.Match[str]) -> None:
    """"Chairwoman X, …, said": when the capitalised words before the name are a title, the post is at
    the company of the story."""
    if re.fullmatch(TITLE_EN_RE, m.group("titles")):
        handle_title_topic(eng, view, m)


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


def each_at_org(eng: Engine, view: View, m: re.Match[str], people: str, former: bool, method: str,
                 confidence: float) -> None:
    """Each person of group `people` in the titled role the match gives at the organisation of "org"."""
    org = eng.ent(view, m.group("org"))
    if org.root != C.Organization or org.is_exchange():
        return
    titles = title_surface(eng, view, m)
    for ch in person_groups(m.group(people)):
        if ch in view.groups:
            person_fact(eng, view, eng.ent(view, ch).group, org.group, titles, former, m, method, confidence)


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


def handle_former_staff(eng: Engine, view: View, m: re.Match[str]) -> None:
    """"former A executives X and Y": a former position at A for each of them."""
    each_at_org(eng, view, m, "pers", True, "role-apposition", 0.8)


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


# -- rules -----------------------------------------------------------------------------------------


def _r(pattern: str, flags: int = 0) -> re.Pattern[str]:
    return re.compile(pattern, flags)


#: "X is/was/became ...", "X, who is ...": a description of a person that may follow the name.
_EN_IS = r"(?:\s+(?:is|was|became|remains|has\s+been)|,\s+who\s+(?:is|was|remains|became|has\s+been))?"

#: Titles beside names, Chinese ("A创办人、前B处长X", "陈墨(技术副总裁)"): the first people rules.
ROLE_RULES_ZH: list[Rule] = [
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
]

#: A title taken without naming the company ("X将接任CTO"): right after
#: `careers.CAREER_RULES_ZH`.
TITLE_TOPIC_RULES_ZH: list[Rule] = [
    Rule(
        "joined-verb",
        _r(
            # ("X为新公司的CEO兼联合创始人": the company just founded, named by what it is)
            rf"(?P<per>{PER})\s*(?:目前|现|正式|将|已)?(?:接任|出任|担任|升任|晋升为|转任|任|为|是)\s*"
            rf"(?:公司|该公司|本公司|集团|新公司)?\s*(?:的)?"
            rf"\s*(?:新任?)?(?P<titles>{TZ})"
        ),
        handle_title_topic,
    ),
]

#: English appositions ("X, chief executive of A", "A's chief executive, X"): after the English
#: foundings by a named team (`founding.FOUNDED_BY_AND_ALUMNI_RULES`).
ROLE_RULES_EN: list[Rule] = [
    Rule(
        "role-apposition",
        # "Tidewater's co-founder is Xia Lanting", "Lanbo's chief executive remains Li Wei"
        _r(
            rf"(?P<org>{ORG})(?:'s|’s)\s+(?P<titles>{TE})\s+(?:is|was|remains)\s+(?P<per>{PER})",
            re.IGNORECASE,
        ),
        handle_en_person_title_of,
    ),
    Rule(
        "role-apposition",
        _r(
            # "Zhipu, founded by A and led by Chief Executive Officer Zhang Peng, listed…": the company the
            # clause describes is run by the titled person
            rf"(?P<org>{ORG}),\s+(?:[^.;]{{0,80}}?\s+and\s+)?(?:led|run|headed)\s+by\s+(?:its\s+)?"
            rf"(?P<titles>{TE})\s+(?P<per>{PER})",
            re.IGNORECASE,
        ),
        handle_en_person_title_of,
    ),
    Rule(
        "role-apposition",
        _r(
            rf"(?P<per>{PER}),\s+(?:the\s+)?(?P<org>{ORG})\s*(?:'s|’s|'(?!\w)|’(?!\w))\s+(?P<pre>former\s+|ex-|then\s+)?"
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
]

#: "Its founder X said": a title at the company of the story, between the first English founding
#: rule (`founding.FOUNDED_AFTER_APPOSITION_RULES_EN`) and the others (`founding.FOUNDING_RULES_EN`).
TITLE_TOPIC_RULES_EN: list[Rule] = [
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
        "role-apposition",
        # "Chairwoman Sun Yiran, a former A vice-president, said": a capitalised title opening the
        # sentence, before a name the sentence goes on about (no organisation between)
        # ("Co-founder Zhou Xinyu leads the algorithm team": a verb right after the name does too)
        _r(
            rf"^\s*(?P<titles>[A-Z][\w-]*(?:\s+[A-Za-z][\w-]*){{0,2}}),?\s+(?P<per>{PER})(?:\s*,|\s+(?=(?:said|says|"
            rf"told|added|noted|leads|heads|runs|oversees|manages|remains|is|was|has|had|will|would)\b))"
        ),
        handle_sentence_title,
    ),
]

#: "founded in 2018 by X, … who remains chairman": after the English foundings
#: (`founding.FOUNDER_PREVIOUSLY_RULES_EN`), so the company just founded is known.
ROLE_AFTER_FOUNDING_RULES_EN: list[Rule] = [
    Rule(
        "role-apposition",
        # "founded in 2018 by X, a graduate of A who remains chairman and chief executive officer"
        _r(
            rf"(?P<per>{PER}),[^.;{PER[1:-1]}]{{0,100}}?\bwho\s+(?:remains|is|serves\s+as|is\s+now|now\s+serves\s+as|"
            rf"became|has\s+been)\s+(?:its\s+|the\s+(?:company['’]s\s+)?)?(?P<titles>{TE}(?:\s+and\s+{TE})?)\b",
            re.IGNORECASE,
        ),
        handle_title_topic,
    ),
]

#: "X, a former A executive": after the English career rules (`careers.CAREER_RULES_EN`).
FORMER_ROLE_APPOSITION_RULES_EN: list[Rule] = [
    Rule(
        "role-apposition",
        _r(
            rf"(?P<per>{PER}),\s+(?:a|an|the)\s+(?P<pre>former\s+|ex-)(?P<org>{ORG})\s+"
            rf"(?:[a-z][\w-]*\s+)??(?P<titles>{TE})(?![\w-])",
            re.IGNORECASE,
        ),
        handle_en_person_title_of,
    ),
]
