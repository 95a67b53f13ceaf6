"""IPO rules and their handlers: filings, listing hearings and listings, with exchange, board, ticker
and date."""

from __future__ import annotations

import re
from typing import Any

from kg.extract.normalize import find_money
from kg.extract.relations.engine import (
    BR,
    EL,
    FUTURE,
    NE,
    ORG,
    ZL,
    Engine,
    Rule,
    View,
    date_props,
    first_group,
    news_month,
    org_groups,
)
from kg.terms import C, R

# -- IPO ---------------------------------------------------------------------------------------------

_TICKER_RES = [
    re.compile(
        # "股票代码为688981", Taiwan's "股票代号为GGR"
        r"(?:(?:股票|证券|股份)代[码号]|代码|代号)(?:为|是)?\s*:?\s*[“\"'「]?\s*(?P<t>\d{4,6}|[A-Z]{2,5}(?![A-Za-z]))"
        r"(?:\.(?P<sx>HK|SH|SZ|BJ|SS))?",
        re.IGNORECASE,
    ),
    re.compile(
        r"[“\"'「](?P<t>\d{4,6})(?:\.(?P<sx>HK|SH|SZ|BJ))?[”\"'」]\s*(?:为|作为)\s*(?:股票|证券)?代码",
        re.IGNORECASE,
    ),
    re.compile(r"(?<![\d.])(?P<t>\d{4,5})\.(?P<sx>HK)\b", re.IGNORECASE),
    re.compile(r"(?<![\d.])(?P<t>\d{6})\.(?P<sx>SH|SZ|BJ|SS)\b", re.IGNORECASE),
    re.compile(
        rf"\((?:(?P<sx>Nasdaq|NASDAQ|NYSE|HKEX|SEHK|纳斯达克|纽交所)|{ORG})\s*:\s*(?P<t>[A-Z0-9.]{{1,6}})\)"
    ),
    # a Hong Kong stock code in brackets right after the company: "海岳食品(3388)", "X(股份代号:03388)"
    re.compile(rf"{ORG}\s*\((?:(?:股份|股票|证券)?代[号码]\s*:?\s*)?(?P<t>\d{{4,5}})\)"),
    re.compile(
        r"(?:ticker(?:\s+symbol)?|stock\s+code|under\s+the\s+symbol)\s*[“\"]?(?P<t>[A-Z]{2,5}|\d{4,6})\b"
    ),
]
_SUFFIX_EXCHANGE = {
    "hk": "hkex",
    "sh": "sse",
    "ss": "sse",
    "sz": "szse",
    "bj": "bse",
    "nasdaq": "nasdaq",
    "nyse": "nyse",
    "hkex": "hkex",
    "sehk": "hkex",
    "纳斯达克": "nasdaq",
    "纽交所": "nyse",
}
_BOARD_WORDS = [
    (re.compile(r"科创板|STAR\s+Market", re.IGNORECASE), "STAR Market"),
    (re.compile(r"创业板|ChiNext", re.IGNORECASE), "ChiNext"),
    (re.compile(r"18C"), "Chapter 18C"),
    (re.compile(r"18A"), "Chapter 18A"),
    (re.compile(r"主板|Main\s+Board", re.IGNORECASE), "Main Board"),
]
_CITY_EXCHANGE = [
    (re.compile(r"Hong\s+Kong|香港|港股"), "hkex"),
    (re.compile(r"\bNasdaq\b", re.IGNORECASE), "nasdaq"),
    (re.compile(r"New\s+York|纽约"), "nyse"),
    (re.compile(r"HK\$|港元|港币"), "hkex"),  # an offer priced in Hong Kong dollars
    # Taiwan's press calls its exchange 证交所 alone; its market is 台股, its currency 新台币
    (re.compile(r"(?<!上海)(?<!深圳)(?<!香港)(?<!纽约)证交所|台股|新台币"), "twse"),
]


#: A city right after a listing cue ("a secondary listing in Hong Kong").
_CITY_RIGHT_AFTER = re.compile(r"\s+(?:in|on)\s+(?:the\s+)?Hong\s+Kong\b(?!\s+(?:Stock\s+)?Exchange)")


def _norm_ticker(t: str, sx: str | None) -> str:
    if t.isdigit() and (sx or "").lower() in ("hk", "hkex", "sehk", "") and len(t) <= 5:
        return f"{int(t):04d}"
    return t.upper()


def _tickers(skel: str) -> list[tuple[int, int, str, str | None]]:
    out = []
    seen: set[tuple[int, int]] = set()
    for regex in _TICKER_RES:
        for m in regex.finditer(skel):
            if any(s <= m.start("t") < e for s, e in seen):
                continue
            seen.add((m.start(), m.end()))
            sx = m.groupdict().get("sx")
            out.append(
                (m.start(), m.end(), _norm_ticker(m.group("t"), sx), _SUFFIX_EXCHANGE.get((sx or "").lower()))
            )
    return sorted(out)


#: Banks named for their role in an offering ("A、B及C为联席保荐人", "with A as sole sponsor").
_BANK_ROLE = re.compile(
    rf"(?P<banks>{ZL}|{EL})\s*(?:为|担任|作为|as|are|were|is|was)?\s*[^;。.{NE}]{{0,8}}?(?:保荐人|保荐机构|承销商|"
    r"账簿管理人|整体协调人|(?:joint\s+|sole\s+)?(?:sponsors?|underwriters?|bookrunners?|global\s+coordinators?))",
    re.IGNORECASE,
)


def _deal_banks(eng: Engine, view: View) -> set[int]:
    """Organisations a sentence names as an offering's sponsors or underwriters: not the issuer."""
    out: set[int] = set()
    for m in _BANK_ROLE.finditer(view.skel):
        out.update(view.groups[c] for c in org_groups(m.group("banks")))
    return out


#: Where a clause about another company starts: "…since it listed in 2023, while Y is preparing
#: for an IPO on the STAR Market", "A已在港交所上市；B则计划登陆科创板".
_CLAUSE_BREAK = re.compile(r"[;；]|,\s*(?:while|whereas|but)\b|[,，]\s*(?:而|但|不过)")


def _clause(skel: str, start: int, end: int) -> tuple[int, int]:
    """The bounds of the clause holding [start, end) in a sentence skeleton."""
    lo, hi = 0, len(skel)
    for b in _CLAUSE_BREAK.finditer(skel):
        if b.end() <= start:
            lo = b.end()
        elif b.start() >= end:
            hi = b.start()
            break
    return lo, hi


#: A parent named in a description of the company ("a battery maker spun off from carmaker A",
#: "a unit of A", "分拆自A"): the parent is not the company that lists.
_PARENT_IN_DESCRIPTION = re.compile(
    rf"(?:spun\s+(?:off|out)\s+(?:from|of)|carved\s+out\s+of|(?:unit|subsidiary|arm|division)\s+of|owned\s+by|"
    rf"backed\s+by|分拆自|拆分自|脱胎于|孵化自)\s+(?:[A-Za-z-]+\s+){{0,3}}?({ORG})",
    re.IGNORECASE,
)


def _described_parents(eng: Engine, view: View) -> set[int]:
    """Organisations named as the parent in a description of another company."""
    if not re.search(r"spun|carved|of|by|分拆|拆分|脱胎|孵化", view.skel):
        return set()
    return {eng.ent(view, mm.group(1)).group for mm in _PARENT_IN_DESCRIPTION.finditer(view.skel)}


def _ipo_parties(
    eng: Engine, view: View, m: re.Match[str], default_exchange: str | None, company: int | None = None
) -> tuple[int | None, int | None, str | None, str | None]:
    """(company, exchange, ticker, board) for an IPO cue at `m`.

    The exchange is the nearest exchange named in the sentence, else the one a ticker suffix or a
    city implies ("0100.HK", "a Hong Kong debut"), else `default_exchange`.
    """
    cue_at = m.start()
    by = None if company is not None else re.match(r"\s*(?:by|of)\s+(" + ORG + ")", view.skel[m.end() :])
    if by:
        ent = eng.ent(view, by.group(1))
        if ent.is_companyish():
            company = ent.group
    if company is None:
        company = eng.company_before(view, cue_at, _deal_banks(eng, view) | _described_parents(eng, view))
    if (
        company is None
        and eng.ctx.ipo_company is not None
        and view.sentence.index - eng.ctx.ipo_sentence <= 8
    ):
        company = eng.ctx.ipo_company
    if company is None:
        company = eng.company_after(view, m.end())
    if company is None and _SHARES_SUBJECT.search(view.skel[max(0, m.start() - 40) : m.start()]):
        # "预期股份将于6月19日开始在联交所买卖": the shares of the company the article is about
        company = eng.main_company()
    # exchange: nearest exchange mention of the cue's clause, else a ticker suffix, else a city
    exchange, board, best = None, None, None
    lo, hi = _clause(view.skel, cue_at, m.end())
    city = _CITY_RIGHT_AFTER.match(view.skel, m.end())
    if city:
        # "completed a secondary listing in Hong Kong": the city named right after the cue, not an
        # exchange of another clause ("which is already listed on Nasdaq")
        hi = lo
        exchange = eng.key_group("hkex", *view.norm_span(city.start(), city.end()))
    for i, ch in enumerate(view.skel):
        if lo <= i < hi and ch in view.groups and eng.ent(view, ch).is_exchange():
            # "the Shanghai Stock Exchange's STAR Market", "上交所科创板": the board named after it
            sub = re.match(rf"(?:'s|’s|的)?\s*({ORG})", view.skel[i + 1 :])
            if sub and sub.group(1) in view.groups and eng.ent(view, sub.group(1)).is_exchange():
                continue
            dist = abs(i - cue_at)
            if best is None or dist < best:
                best, exchange = dist, eng.ent(view, ch).group
                board = view.occurrences[ch].board
    tickers = _tickers(view.skel)
    ticker = None
    if company is not None:
        # a ticker right after the company's name belongs to it
        for ch in view.occurrences:
            if view.groups.get(ch) == company:
                i = view.skel.index(ch)
                mm = re.match(
                    r"\s*\(\s*(?:[^(),]{1,3},\s*)?(\d{4,6})\.(HK|SH|SZ|BJ)\s*\)", view.skel[i + 1 :], re.IGNORECASE
                )
                if mm:
                    ticker = _norm_ticker(mm.group(1), mm.group(2))
    if ticker is None and tickers:
        nearest = min(tickers, key=lambda t: abs(t[0] - cue_at))
        ticker = nearest[2]
    if exchange is None:
        span = view.norm_span(m.start(), m.end())
        named = False
        exchange_key = next((key for _s, _e, _t, key in tickers if key), None)
        if exchange_key is None:
            for regex, key in _CITY_EXCHANGE:
                cm = regex.search(view.skel)
                if cm:
                    exchange_key, span = key, view.norm_span(cm.start(), cm.end())
                    # "證交所" is what Taiwan's press calls its exchange: a name, not only a clue
                    named = cm.group(0) == "证交所"
                    break
        exchange_key = exchange_key or default_exchange
        if exchange_key is not None:
            exchange = eng.key_group(exchange_key, *span, named=named)
    if board is None:
        for regex, name in _BOARD_WORDS:
            if regex.search(view.skel):
                board = name
                break
    return company, exchange, ticker, board


#: A first day of trading told as it happens ("首日挂牌", "shares debuted").
_DEBUT = re.compile(r"首日|首挂|\bdebut|first\s+day\s+of\s+trading", re.IGNORECASE)


#: An IPO step whose subject is the shares or "the group", not a name.
_SHARES_SUBJECT = re.compile(
    r"(?:H股|A股|股份|股票|新股|该股|集团|公司|\b[Ss]hares\b|\b[Tt]he\s+(?:company|group|stock)\b)"
)


#: The company the story is about, referred to without its name.
_COMPANY_PRONOUN = re.compile(r"\b(?:It|it|The\s+company|the\s+company|The\s+firm|the\s+firm)\b|该公司|公司|其")


#: Words that point back at the market just named ("also listed in the city", "在当地上市").
_VENUE_ANAPHOR = re.compile(
    r"\bin\s+the\s+(?:city|same\s+market|territory)\b|\bthere\b|当地|该市|同一市场", re.IGNORECASE
)


def _ipo(
    eng: Engine,
    view: View,
    m: re.Match[str],
    rel_type: str,
    method: str,
    confidence: float,
    default_exchange: str | None = None,
    company: int | None = None,
    exchange: int | None = None,
    ticker: str | None = None,
    when: tuple[int, int] | None = None,
) -> None:
    found = _ipo_parties(eng, view, m, default_exchange, company)
    company = found[0]
    exchange = first_group(exchange, found[1])
    ticker = ticker or found[2]
    board = found[3]
    if company is None:
        eng.dropped.append((f"{rel_type} in sentence {view.sentence.index}", "no company for the IPO step"))
        return
    if (
        exchange is None
        and company == eng.ctx.ipo_company
        # (the article's own company keeps its venue however far back it was named)
        and (view.sentence.index - eng.ctx.ipo_sentence <= 8 or company == eng.main_company())
        and (company in view.groups.values() or _COMPANY_PRONOUN.search(view.skel, 0, m.start()))
    ):
        exchange = eng.ctx.ipo_exchange  # "It filed for the listing in March": the venue just named
    if (
        exchange is None
        and eng.ctx.ipo_exchange is not None
        and view.sentence.index - eng.ctx.ipo_sentence <= 8
        and _VENUE_ANAPHOR.search(view.skel, m.start())
    ):
        exchange = eng.ctx.ipo_exchange  # "B and C also listed in the city this year": the venue just named
    if exchange is None:
        eng.dropped.append((f"{rel_type} in sentence {view.sentence.index}", "no exchange for the IPO step"))
        return
    date = eng.date_near(view, *(when or (m.start(), m.end())))
    published = eng.ctx.published
    clause_end = view.skel.find(",", m.end())
    if (date is not None and published and rel_type in (R.FILED_FOR_IPO, R.PASSED_LISTING_HEARING)
            and date.iso[:10] > published[: len(date.iso[:10])] and clause_end >= 0
            and all(d[0] > clause_end for d in eng.dates(view) if d[2] == date)):
        # "通过聆讯，预计于12月30日挂牌": a step done is not dated by a plan in a later clause
        date = None
    if date is None and rel_type == R.LISTED_ON and _DEBUT.search(view.skel):
        date = news_month(eng, view, m.end())  # "首日挂牌，开市报30.5元": the debut the report is about
    if date is None and rel_type in (R.FILED_FOR_IPO, R.PASSED_LISTING_HEARING) and eng.ctx.ipo_company is None:
        date = news_month(eng, view, m.end())  # "X向港交所递交招股书": the article's first step, reported as news
    props: dict[str, Any] = {**date_props(date)}
    if rel_type in (R.FILED_FOR_IPO, R.LISTED_ON):
        props["board"] = board
    if rel_type == R.LISTED_ON:
        props["ticker"] = ticker
        price = re.search(
            r"(?:发行价(?:格)?|招股价|offer\s+price|priced\s+(?:its\s+|the\s+)?(?:shares|stock|IPO|"
            r"initial\s+public\s+offering|offering|listing)?\s*at|IPO\s+price)"
            r"(?:为|定为|是|of)?\s*(?:每股)?\s*",
            view.skel,
            re.IGNORECASE,
        )
        if price:
            for s, _e, money in find_money(view.skel):
                if s >= price.end() - 1 and s - price.end() <= 3 and money.amount is not None:
                    props["offer_price"] = money.amount
                    props["currency"] = money.currency
                    break
        if ticker:
            eng.upgrade(company, {C.Company}, ticker=ticker)
    eng.emit(view, rel_type, company, exchange, props, m, method, confidence)
    eng.upgrade(company, {C.Company})
    eng.ctx.ipo_company = company
    eng.ctx.ipo_exchange = exchange
    eng.ctx.ipo_sentence = view.sentence.index


def handle_filed(eng: Engine, view: View, m: re.Match[str]) -> None:
    _ipo(eng, view, m, R.FILED_FOR_IPO, "ipo-filing", 0.8)


def handle_filed_on(eng: Engine, view: View, m: re.Match[str]) -> None:
    """"Kestrel filed on Feb. 26": a bare "filed" dates the IPO filing the article has already told of,
    by the same company (alone, "filed" may be a lawsuit or a patent)."""
    earlier = next((r for r in reversed(eng.out) if r.type == R.FILED_FOR_IPO), None)
    if earlier is None:
        return
    company = eng.company_before(view, m.start())
    if company is None or company != earlier.source:
        return
    _ipo(eng, view, m, R.FILED_FOR_IPO, "ipo-filing", 0.7, company=company, exchange=earlier.target)


def handle_hearing(eng: Engine, view: View, m: re.Match[str]) -> None:
    _ipo(eng, view, m, R.PASSED_LISTING_HEARING, "ipo-hearing", 0.85, default_exchange="hkex")


def handle_committee(eng: Engine, view: View, m: re.Match[str]) -> None:
    """An A-share listing committee's approval: the hearing passed, at the exchange the sentence names."""
    _ipo(eng, view, m, R.PASSED_LISTING_HEARING, "ipo-committee", 0.8)


def handle_listed(eng: Engine, view: View, m: re.Match[str]) -> None:
    if m.group(0) == "首挂":
        # a Hong Kong term ("紫金首挂收报120.6元"): the venue goes without saying
        _ipo(eng, view, m, R.LISTED_ON, "ipo-listing", 0.7, default_exchange="hkex")
        return
    if _WORK_TOWARDS.match(view.skel, m.end()) or _IN_PROGRESS.search(view.skel[max(0, m.start() - 40) : m.start()]):
        # "正在进行…在联交所挂牌上市的相关工作": the work towards a listing, not the listing
        eng.dropped.append((f"LISTED_ON in sentence {view.sentence.index}", "work towards a listing"))
        return
    planned = FUTURE.search(view.skel[max(0, m.start() - 30) : m.start()]) and not _tickers(view.skel)
    # a timetable's day is stated in the same clause as the plan, not in an earlier one ("已于6月20日提交
    # F-1文件,计划在纳斯达克上市" files on a day and plans to list)
    clause_start = max((k.end() for k in re.finditer(r"[,;:]", view.skel[: m.start()])), default=0)
    after = re.compile(r"[,;:]").search(view.skel, m.end())
    clause_end = after.start() if after else len(view.skel)
    in_clause = [d for d in eng.dates(view) if d[0] >= clause_start and d[1] <= clause_end]
    scheduled = planned and any(d[2].precision == "day" for d in in_clause)
    if planned and not scheduled:
        # "计划明年在港交所上市" is a plan; "预期股份将于2025年6月19日开始在联交所买卖" is a timetable
        eng.dropped.append(
            (f"LISTED_ON in sentence {view.sentence.index}", "a planned listing without a ticker")
        )
        return
    debuts_of = _DEBUTS_OF.match(view.skel, m.end()) if m.group(0).lower() == "debuts" else None
    # "摩尔线程、沐曦股份均于去年12月登陆科创板": each of a list before 均/先后
    each = _EACH_LISTED.search(view.skel, clause_start, m.start())
    named = debuts_of or each
    listed = org_groups(named.group("cos")) if named is not None else []
    if len(listed) > 1 or debuts_of:
        # "the January debuts of A and B in Hong Kong": each of them listed
        for name in listed:
            if eng.ent(view, name).is_companyish():
                _ipo(eng, view, m, R.LISTED_ON, "ipo-listing", 0.75, company=eng.ent(view, name).group)
        return
    _ipo(eng, view, m, R.LISTED_ON, "ipo-listing", 0.75)


#: A list of companies that each did what follows ("A、B均于去年12月…", "A、B先后…").
_EACH_LISTED = re.compile(rf"(?P<cos>{ZL})\s*(?:均|都|分别|先后|相继|也都)\s*[^,。;!?{NE}]{{0,12}}$")
#: The companies after a plural "debuts" ("the debuts of A and B").
_DEBUTS_OF = re.compile(rf"\s+of\s+(?P<cos>{EL})")
#: What follows a listing word when it names the work towards a listing ("上市的相关工作", "上市事宜").
_WORK_TOWARDS = re.compile(r"\s*(?:的)?\s*(?:相关)?(?:工作|准备|筹备|事宜|计划|申请|进程|程序|辅导)")
#: A listing still being worked on ("正在进行…挂牌上市", "正在推进…上市").
_IN_PROGRESS = re.compile(r"正在(?:进行|推进|筹划|准备|办理|开展)")


def handle_ipo_company_ticker(eng: Engine, view: View, m: re.Match[str]) -> None:
    """A code in brackets after a company's name is its ticker ("Xingheng AI (2599.HK)")."""
    ent = eng.ent(view, m.group("co"))
    if ent.is_companyish():
        eng.upgrade(ent.group, {C.Company}, ticker=_norm_ticker(m.group("t"), m.group("sx")))


#: Where a "X-listed" adjective or a ticker's prefix puts a company's shares.
_PLACE_EXCHANGE = {
    "hong kong": "hkex",
    "hk": "hkex",
    "shanghai": "sse",
    "shenzhen": "szse",
    "nasdaq": "nasdaq",
    "nyse": "nyse",
    "new york": "nyse",
    "hkex": "hkex",
    "sehk": "hkex",
    "sse": "sse",
    "szse": "szse",
}
#: Words in a sentence that make a bare Hong Kong code ("西岭科技(2650)") a listed stock's code.
_LISTING_WORDS = re.compile(
    r"上市|新股|招股|挂牌|首挂|首日|暗盘|发售|H股|listed|listing|IPO|debut|shares|offering", re.IGNORECASE
)


_LISTING_DAY = re.compile(
    r"(?<!拟)(?<!计划)上市(?!公司)|挂牌|首挂|买卖|\bdebut|\bbegan\s+trading|\bstarted\s+trading|\blisted\s+(?:on|in)",
    re.IGNORECASE,
)


def _named_exchange(eng: Engine, view: View, m: re.Match[str]) -> int | None | bool:
    """The exchange a rule's `ex` group names: its group, None when the rule named none, False when
    what it named is not an exchange (the fact cannot stand)."""
    if not m.group("ex"):
        return None
    ex = eng.ent(view, m.group("ex"))
    return ex.group if ex.is_exchange() else False


def handle_listed_adjective(eng: Engine, view: View, m: re.Match[str]) -> None:
    """"Nasdaq-listed Y", "Hong Kong-listed Y": Y's shares trade there."""
    co = eng.ent(view, m.group("co"))
    if not co.is_companyish():
        return
    exchange = _named_exchange(eng, view, m)
    if exchange is False:
        return
    if exchange is None:
        key = _PLACE_EXCHANGE.get(re.sub(r"\s+", " ", m.group("place")).lower())
        if key is None:
            return
        exchange = eng.key_group(key, *view.norm_span(m.start("place"), m.end("place")))
    _ipo(eng, view, m, R.LISTED_ON, "ipo-listed-adjective", 0.75, company=co.group, exchange=exchange)


def handle_code_listed(eng: Engine, view: View, m: re.Match[str]) -> None:
    """A company with its exchange code ("Y (NASDAQ: YQR)", "Y (2650.HK)", "新股Y(2650)") is listed
    there; a bare four- or five-digit code counts only in a sentence about listings."""
    co = eng.ent(view, m.group("co"))
    if not co.is_companyish():
        return
    t, sx = m.group("t"), m.group("sx") or m.group("sx2")
    exchange = _named_exchange(eng, view, m)
    if exchange is False:
        return
    if exchange is None:
        if sx:
            key = _SUFFIX_EXCHANGE.get(sx.lower()) or _PLACE_EXCHANGE.get(sx.lower())
            if key is None:
                return
            exchange = eng.key_group(key, *view.norm_span(m.start(), m.end()))
        elif t.isdigit() and len(t) in (4, 5) and _LISTING_WORDS.search(view.skel) and not any(
            eng.ent(view, ch).is_exchange() and eng.ent(view, ch).key != "hkex" for ch in view.groups
        ) and not _CITY_EXCHANGE[-1][0].search(view.skel):
            # a bare code is Hong Kong's unless the sentence names another exchange: Taiwan's codes
            # have four digits too ("晶焱热能(7788)登录台湾证交所")
            exchange = eng.key_group("hkex", *view.norm_span(m.start("t"), m.end("t")))
        else:
            return
    # the listing's date is the one by its listing word ("X(2650)昨日起招股，将于10月10日上市")
    cue = _LISTING_DAY.search(view.skel, m.end())
    _ipo(
        eng, view, m, R.LISTED_ON, "ipo-code", 0.7, company=co.group, exchange=exchange,
        ticker=_norm_ticker(t, sx), when=(cue.start(), cue.end()) if cue else None,
    )


def handle_listed_each(eng: Engine, view: View, m: re.Match[str]) -> None:
    """"A、B、C等企业先后登陆港交所", "在港交所上市的企业包括A、B": each company of the list is listed
    there. A single company is left to the ordinary listing rule, which also reads its ticker and board."""
    exchange = eng.ent(view, m.group("ex") or m.group("ex2"))
    if not exchange.is_exchange():
        return
    members = m.group("cos") or m.group("cos2")
    companies = [e for e in (eng.ent(view, c) for c in org_groups(members))
                 if e.is_companyish() and not e.is_exchange()]
    if len(companies) < 2:
        return
    date = eng.date_near(view, m.start(), m.end())
    for company in companies:
        props: dict[str, Any] = {**date_props(date), "board": None, "ticker": None}
        eng.emit(view, R.LISTED_ON, company.group, exchange.group, props, m, "ipo-listing-list", 0.7)


# -- rules -----------------------------------------------------------------------------------------


def _r(pattern: str, flags: int = 0) -> re.Pattern[str]:
    return re.compile(pattern, flags)


#: Filings, hearings and listings: right after the funding rules.
IPO_RULES: list[Rule] = [
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
            rf"同日|同一天|同时|一同|一起|今日|昨日|今天|昨天|昨晚|今晨)*"
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
            # ("IPO申请于去年12月获上交所受理": when, before the verb)
            rf"(?:IPO|上市申请|上市|申请|招股书)(?:申请)?\s*(?:已|已经|正式)?(?:于[^,。;!?{NE}]{{1,10}}?)?(?:获|获得|被)\s*"
            rf"(?:{ORG})?\s*受理|"
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
        "ipo-filing",
        # "Kestrel filed on Feb. 26 under the exchange's rules": the day of a filing told before
        _r(r"\b(?:re)?filed\s+on\s+(?=(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d)"),
        handle_filed_on,
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
            # "今年3月通过上市委审议": the verb first
            rf"|(?<![不未没])通过(?:了)?\s*(?:{ORG})?\s*(?:上市委|上市委员会|发审委|上市审核委员会)(?:会议)?\s*(?:审议|审核)"
            # "won approval from the Shanghai Stock Exchange('s listing committee) for its STAR Market IPO"
            r"|\b(?:won|received|gained|secured|got)\s+(?:the\s+)?(?:listing\s+)?approval\s+from\s+"
            rf"(?:[^.;]{{0,60}}?)\s+for\s+(?:its|a|an|the)\s+(?:(?:[\w-]+|[{NE}])\s+){{0,3}}?"
            r"(?:IPO|listing|initial\s+public\s+offering)\b"
            # "won approval from the Hong Kong stock exchange's listing committee": the committee named
            r"|\b(?:won|received|gained|secured|got)\s+(?:the\s+)?(?:listing\s+)?approval\s+from\s+"
            rf"(?:[^.;]{{0,60}}?)['’]s?\s+listing\s+(?:committee|hearing)\b",
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
]
