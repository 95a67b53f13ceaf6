"""People rules and their handlers, foundings: who founded which company (dated when the article
says when it was founded), founder lists and founding teams, alumni and veterans of a former employer,
and pronouns standing for founders ("他在2023年创立的B"). With the careers (`careers`) these are the
facts founder lineages are derived from."""

from __future__ import annotations

import re

from kg.extract.mentions import TITLE_EN_RE
from kg.extract.normalize import DateValue, find_dates
from kg.extract.relations.engine import (
    NE,
    NF,
    ORG,
    PER,
    PL,
    PL_EN,
    TZ,
    ZH_SEP,
    Engine,
    Rule,
    View,
    date_props,
    first_group,
    person_groups,
)
from kg.extract.relations.people import handle_title_topic, person_fact, title_surface
from kg.terms import C, R

# -- founding --------------------------------------------------------------------------------------


def handle_founded_zh(eng: Engine, view: View, m: re.Match[str]) -> None:
    org = eng.ent(view, m.group("org"))
    if org.root != C.Organization:
        return
    date = None
    if m.groupdict().get("mid"):
        found = find_dates(m.group("mid"), eng.base())
        date = found[0][2] if found else None
    # partners ("X与Y创立B"): the people right before the verb; "与投资人Y会面后创立" names no partner
    partners = re.search(rf"{PL}\s*$", m.groupdict().get("partners") or "")
    founders = person_groups(m.group("pers")) + (person_groups(partners.group(0)) if partners else [])
    for ch in founders:
        eng.emit(
            view, R.FOUNDED, eng.ent(view, ch).group, org.group, date_props(date), m, "founded-verb", 0.85
        )


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
    """"X left A in 2022 and founded B": the date belongs to the leaving, not to the founding. "X, who
    led A's team, left the firm in May and set up B": the firm is the company the clause names, and X
    left it then (a named A is the career rules' to report)."""
    org = eng.ent(view, m.group("org"))
    if org.root != C.Organization:
        return
    people = [eng.ent(view, ch).group for ch in person_groups(m.group("pers"))]
    for per in people:
        eng.emit(view, R.FOUNDED, per, org.group, {}, m, "founded-after-leaving", 0.8)
    if not (m.group("firm") and m.group("who")):
        return
    firm = eng.company_before(view, m.start("firm"), {org.group})
    if firm is None or firm == org.group:
        return
    when = find_dates(view.skel[m.end("firm") : m.start("org")], eng.base())
    for per in people:
        eng.emit(view, R.LEFT, per, firm, date_props(when[0][2] if when else None), m, "left-verb", 0.7)


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


def handle_en_pronoun_founded(eng: Engine, view: View, m: re.Match[str]) -> None:
    """"She started B in February with X": B was founded by X and by the person "she" stands for, the one
    the last two sentences told something of (not merely the last name: "…, which Lee founded, she
    spent eight years at A. She started B" is not Lee's)."""
    org = eng.ent(view, m.group("org"))
    if org.root != C.Organization or org.is_exchange():
        return
    found = find_dates(m.group("mid") or "", eng.base())
    props = date_props(found[0][2] if found else None)
    people: list[int] = []
    if m.group("pron").lower() != "they":
        recent = next(
            (r.source for r in reversed(eng.out) if view.sentence.index - r.sentence.index <= 2
             and r.sentence.index < view.sentence.index and eng.entities[r.source].root == C.Person),
            None,
        )
        people = [recent] if recent is not None else []
    if m.group("with"):
        people.append(eng.ent(view, m.group("with")).group)
    for per in dict.fromkeys(people):
        eng.emit(view, R.FOUNDED, per, org.group, props, m, "founded-pronoun", 0.65)


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


def handle_post_later_clause(eng: Engine, view: View, m: re.Match[str]) -> None:
    """"X离开A，创办B，目前担任公司董事长兼CEO": the sentence's person holds the post, at the company
    named, else where "公司" points (`people.handle_title_topic`: the one founded in this sentence, else
    the company of the story)."""
    if not m.group("org"):
        handle_title_topic(eng, view, m)
        return
    org = eng.ent(view, m.group("org"))
    titles = title_surface(eng, view, m)
    if titles and org.root == C.Organization and not org.is_exchange():
        per = eng.ent(view, m.group("per")).group
        person_fact(eng, view, per, org.group, titles, False, m, "role-later-clause", 0.6)


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


# -- rules -----------------------------------------------------------------------------------------


def _r(pattern: str, flags: int = 0) -> re.Pattern[str]:
    return re.compile(pattern, flags)


#: "A与前同事B", "A和好友B": a second person named with who they are to the first (co-founders)
_PARTNER = (
    r"\s*(?:与|和|同|跟|携手)\s*(?:其|他的|她的)?\s*(?:前|原|昔日的?|多年的?)?\s*"
    r"(?:同事|老同事|搭档|老搭档|好友|老友|校友|同学|战友|伙伴|合伙人)\s*"
)
#: a person after who they were ("前百度研究院科学家赵明", "原阿里云负责人X"): the name is what counts
_DESCRIBED_PER = rf"(?:(?:前|原|曾任)?\s*(?:{ORG})?\s*{NF}{{0,10}}?)?{PER}"
#: English people in a list, each perhaps with who they are between commas ("Chen Hao, a former Baidu
#: executive, and Liu Yang"): the description may name organisations, not people
_PL_EN_DESCRIBED = (
    rf"{PER}(?:,\s+(?:a|an|the|its)\s[^,;()\n{PER[1:-1]}]{{1,80}}?(?=,\s*and\s))?"
    rf"(?:(?:\s*,\s*(?:and\s+)?|\s+and\s+){PER}(?:,\s+(?:a|an|the|its)\s[^,;()\n{PER[1:-1]}]{{1,80}}?(?=,\s*and\s))?)*"
)
#: What a new company is, between the verb and its name ("创办了AI办公公司白桦智能").
_ORG_DESC = rf"(?:[^,。;!?{NE}]{{0,10}}?(?:公司|企业|创企|初创公司|创业公司|平台|品牌|工作室))?\s*"
_ALUMNI_EN = r"(?:alumni|alumnus|alumna|veterans?)"
#: After an organisation, a noun that makes it where a person studied or worked ("by X, a Tsinghua
#: University graduate who…"): an apposition about the founder, not the company founded.
_NOT_PERSON_NOUN = (
    r"(?!\s+(?:[a-z][\w-]*\s+)?(?:graduates?|alumn(?:us|a|i)|professors?|researchers?|engineers?|veterans?|"
    r"students?|dropouts?|employees?|executives?|scientists?|PhDs?)\b)"
)
_ALUMNI_ZH = r"(?:前|原)(?:员工|雇员|成员|骨干|核心成员)"

#: Foundings and founding dates, Chinese: right after the titles beside names
#: (`people.ROLE_RULES_ZH`).
FOUNDING_RULES_ZH: list[Rule] = [
    Rule(
        "founded-verb",
        _r(
            rf"(?P<pers>{PL}(?:{_PARTNER}{PER})?)\s*(?P<mid>{NF}{{0,12}}?)(?:联合|共同|一起)?(?:创立|创办|创建|创设|"
            rf"成立|发起成立)(?:了)?\s*(?:的)?\s*{_ORG_DESC}(?P<org>{ORG})"
        ),
        handle_founded_zh,
    ),
    Rule(
        "founded-verb",
        _r(
            # "X 2013年与一群A出身的工程师创立B": the partners may be a group, described by where they
            # came from; people among them founded it too ("X 2013年与Y创立B")
            rf"(?P<pers>{PL})\s*(?P<mid>{NF}{{0,10}}?)(?:与|和|同|跟)(?P<partners>[^,。;!?]{{1,24}}?)(?:联合|共同|一起)?"
            rf"(?:创立|创办|创建|成立)(?:了)?\s*{_ORG_DESC}(?P<org>{ORG})"
        ),
        handle_founded_zh,
    ),
    Rule(
        "founded-after-leaving",
        _r(
            # ("X回国创业，成立了B": setting out on one's own, then the company)
            rf"(?P<pers>{PL})[^。;!?]{{0,40}}?(?:离职|离开|出走|辞职|卸任|辞任|辞去|退出|创业)(?:了)?(?:\s*在?\s*{ORG})?[^。;!?{NE}]{{0,12}}?"
            # "离职，随后创办B" and, without the comma, "离职后创办B"
            rf"(?:[,，]\s*(?:并|随后|后|之后|此后|旋即|转而|同年|次年)?|后|之后|随即)\s*(?P<mid>{NF}{{0,12}}?)"
            rf"(?:联合|共同)?(?:创立|创办|创建|成立)(?:了)?\s*{_ORG_DESC}(?P<org>{ORG})"
        ),
        handle_founded_zh,
    ),
    Rule(
        "founded-verb",
        _r(
            # "B由A前产品总监X创立", "B由A前员工X创立": who X was stands between 由 and the name
            rf"(?P<org>{ORG})\s*(?:由|系|是由)\s*(?:{ORG}\s*(?:的)?\s*(?:前|原)?\s*(?:{TZ}|员工|雇员|成员)\s*)?"
            rf"(?P<pers>{PL})\s*(?P<mid>{NF}{{0,12}}?)"
            rf"(?:联合|共同)?(?:创立|创办|创建|成立)"
        ),
        handle_founded_zh,
    ),
    Rule(
        "founded-verb",
        # "B成立于2020年，由前A资深处长X与前C研发经理Y共同创办": who each founder was comes first
        _r(
            rf"(?P<org>{ORG})[^。;!?{NE}]{{0,20}}?,\s*(?:由|系由)\s*(?P<pers>{_DESCRIBED_PER}(?:{ZH_SEP}{_DESCRIBED_PER})*)\s*"
            rf"(?P<mid>{NF}{{0,12}}?)(?:联合|共同|一起)?(?:创立|创办|创建|成立)"
        ),
        handle_founded_zh,
    ),
    Rule(
        "founded-verb",
        # "X离职后创办了一家自动驾驶公司，取名为“智行者”": the company founded is named after it
        _r(
            rf"(?P<pers>{PL})[^。;!?{PER[1:-1]}]{{0,30}}?(?:联合|共同)?(?:创立|创办|创建|成立)(?:了)?\s*(?:一家|一个)"
            rf"{NF}{{0,16}}?(?:公司|企业|创企|初创公司|创业公司)\s*,?\s*(?:取名为|取名|命名为|名为|名叫|叫做)\s*"
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
            rf"由\s*(?P<pers>{PL})\s*(?P<mid>{NF}{{0,12}}?)(?:联合|共同)?(?:创立|创办|创建|成立)的\s*"
            rf"(?P<org>{ORG})"
        ),
        handle_founded_zh,
    ),
    Rule(
        "founding-date",
        _r(
            rf"(?P<org>{ORG})\s*(?:(?:正式|最早)?(?:成立|创立|创办|创建|注册成立)(?:于|在)\s*(?P<when>{NF}{{2,14}}?)"
            rf"(?=[,。;!?]|$|\s|,)|(?:于|在)\s*(?P<when2>{NF}{{2,14}}?)(?:正式)?(?:成立|创立|创办|创建)(?!的))"
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
]

#: "X……出来创业，成立了B" and "A前员工X": after the former roles (`careers.FORMER_ROLE_RULES_ZH`).
VENTURE_AND_ALUMNI_RULES_ZH: list[Rule] = [
    Rule(
        "founded-verb",
        _r(
            # "X曾在A担任算法负责人，2022年出来创业，成立了B"
            rf"(?P<pers>{PL})[^。;!?]{{0,40}}?(?P<when>{NF}{{0,10}}?)(?:出来|出去|下海|辞职|离职)?创业\s*"
            rf",?\s*(?:并|随后|先后|之后|后)?\s*(?:联合|共同)?(?:创立|创办|创建|成立)(?:了)?\s*(?P<org>{ORG})"
        ),
        handle_founded_venture,
    ),
    Rule("alumni", _r(rf"(?P<org>{ORG})\s*出身的\s*(?P<pers>{PL})"), handle_alumni),
    Rule("alumni", _r(rf"出身(?:于|自)?\s*(?P<org>{ORG})\s*的\s*(?P<pers>{PL})"), handle_alumni),
    Rule("alumni", _r(rf"(?P<pers>{PL})\s*(?:出身于|出身自|出身)\s*(?P<org>{ORG})"), handle_alumni),
]

#: Founder lists and founding teams ("B的联合创始人包括X、Y", "B的创始团队来自A"): before the Chinese
#: career rules (`careers.CAREER_RULES_ZH`).
FOUNDER_LIST_RULES_ZH: list[Rule] = [
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
]

#: "由X创立", then English foundings after a career ("X joined A in 2015 and left in 2020 to co-found B"),
#: founding teams and alumni: right after `people.TITLE_TOPIC_RULES_ZH`.
FOUNDED_BY_AND_ALUMNI_RULES: list[Rule] = [
    Rule(
        "founded-verb",
        _r(
            # (between the founder and the verb, when and where: "由董事长X于2017年在上海创办")
            rf"由\s*(?:[^,。;!?]{{0,16}}?)(?P<pers>{PL})\s*(?:与|和)?{NF}{{0,14}}?(?:联合|共同|一起)?"
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
]

#: "X, founder and CEO of A, previously founded B": after the English appositions
#: (`people.ROLE_RULES_EN`).
FOUNDED_AFTER_APPOSITION_RULES_EN: list[Rule] = [
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
]

#: The other English foundings, after "Its founder X said" (`people.TITLE_TOPIC_RULES_EN`).
FOUNDING_RULES_EN: list[Rule] = [
    Rule(
        "founded-verb",
        _r(
            # "Founded in 2019 by former Baidu engineers X and Y, B makes …": the participle opens the
            # sentence, the company is its subject after the comma (what B is may stand before it)
            rf"^\s*(?:Co-?founded|Founded|Started|Set\s+up)\s+(?:in\s+(?:early\s+|late\s+)?(?:19|20)\d\d\s+)?by\s+"
            # (what the company is may come first, but no apposition about the founder: "X, a former
            # director at A" names where X was)
            rf"[^,;.{PER[1:-1]}]{{0,60}}?(?P<pers>{PL_EN}),\s+(?:the\s+|a\s+)?(?:[A-Z][\w]*-based\s+)?"
            rf"(?:(?!(?:at|of|from|with|for|in|by|former|ex)\b)[a-z][\w-]*\s+){{0,3}}?(?P<org>{ORG})"
            # ("…, Baidu's robotics unit was sold": the owner of what was founded is not it)
            rf"(?!\s*['’]s\b){_NOT_PERSON_NOUN}",
        ),
        handle_en_founded,
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
            # ("X, who led A's vision team, left the Beijing-based firm in May and set up B": the firm is A)
            rf"(?P<pers>{PL_EN})(?P<who>,\s+who\s+[^;]{{1,80}}?,)?\s+(?:has\s+|had\s+)?(?:left|quit|departed(?:\s+from)?)\s+"
            rf"(?:{ORG}|(?P<firm>the\s+(?:[\w-]+\s+)?(?:company|firm|startup|group)))"
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
            # ("founded by Tsinghua professor Tang Jie": who the founder is, before the name)
            rf"(?:(?:former|ex-)\s*(?:{ORG})?\s*(?:{TITLE_EN_RE})?s?\s+|(?:{ORG}\s*)?(?:{TITLE_EN_RE})\s+|"
            rf"{ORG}\s+{_ALUMNI_EN}\s+)?(?P<pers>{_PL_EN_DESCRIBED})",
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
            rf"(?-i:(?:[A-Za-z]+-[\w-]+|[a-z][\w-]*)\s+){{0,3}}?(?P<org>{ORG}){_NOT_PERSON_NOUN}",
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
]

#: "B's founder previously led A's robotics unit": the last people rule before the products.
FOUNDER_PREVIOUSLY_RULES_EN: list[Rule] = [
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
]

#: Pronouns for founders ("他在2023年创立的B"): the very last rules, so founders named in the
#: sentence are known.
FOUNDER_PRONOUN_RULES: list[Rule] = [
    Rule(
        "founded-pronoun",
        # "She started Loomwork in February with Marcus Lin, its CTO": both founded it
        _r(
            rf"(?<![\w-])(?P<pron>(?i:she|he|they))\s+(?:(?i:later|then|also|had|has|soon)\s+)*"
            rf"(?i:co-?founded|founded|started|set\s+up|launched)\s+(?P<org>{ORG})(?:(?P<mid>[^.;,{NE}]{{0,30}}?)"
            rf"\s+(?i:with)\s+(?:(?i:co-?founder)\s+)?(?P<with>{PER}))?(?![\w-])"
        ),
        handle_en_pronoun_founded,
    ),
    Rule(
        "founded-pronoun",
        _r(
            rf"(?P<pron>他们|她们|他|她)\s*(?P<mid>{NF}{{0,12}}?)(?:联合|共同|一起)?(?:创立|创办|创建|成立)的\s*"
            rf"(?:公司|企业)?\s*(?P<org>{ORG})"
        ),
        handle_pronoun_founded,
    ),
    Rule(
        "founded-pronoun",
        # "他在成都注册了新公司「X」,出任创始人兼CEO": a company a pronoun's person set up, and the post taken
        _r(
            rf"(?:(?P<pron>他们|她们|他|她)|(?P<per>{PER}))\s*(?P<mid>{NF}{{0,12}}?)(?:联合|共同|一起)?"
            rf"(?:创立|创办|创建|成立|注册|组建)了\s*"
            rf"(?:一家)?(?:新公司|公司|企业|创业公司|初创公司)?\s*[「“\"《]?\s*(?P<org>{ORG})\s*[」”\"》]?"
            rf"(?:\s*,\s*(?:并)?(?:出任|担任|自任)\s*(?P<titles>{TZ}))?"
        ),
        handle_pronoun_founded_post,
    ),
    Rule(
        "role-later-clause",
        # "他离开A，在北京创办B，目前担任公司董事长兼CEO" (the pronoun read as its person): the post of the
        # sentence's person in a later clause (no other person between), at the company it names ("X加入A，
        # 担任CTO" is the joining rules')
        _r(
            rf"(?P<per>{PER})[^。;!?{PER[1:-1]}]{{0,40}}?,\s*(?:目前|现|现在|如今|同时)?"
            rf"(?:担任|出任)\s*(?:公司|该公司|(?P<org>{ORG}))\s*(?:的)?\s*(?P<titles>{TZ})"
        ),
        handle_post_later_clause,
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
