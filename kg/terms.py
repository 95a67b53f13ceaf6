"""The ontology's names as constants: `C` classes (Neo4j labels), `R` relationship types, `P` property keys.

GENERATED from ontology/kg.ttl by `python scripts/gen_terms.py` (`kg.ontology.terms_source`); do not edit
by hand. tests/test_terms.py fails when this file and the ontology differ, and when a class or relationship
name is written in `kg/` as a string literal instead of one of these constants.

    >>> from kg.terms import C, R
    >>> R.INVESTED_IN, C.StateOwnedFund
    ('INVESTED_IN', 'StateOwnedFund')
    >>> R.INVESTED_ON
    Traceback (most recent call last):
    ...
    AttributeError: R has no term 'INVESTED_ON' (not in ontology/kg.ttl); did you mean INVESTED_IN, LISTED_ON?
    >>> "INVESTED_IN" in R, "INVESTED_ON" in R
    (True, False)
    >>> R.INVESTED_IN == "INVESTED_IN", {R.INVESTED_IN: 1}["INVESTED_IN"]
    (True, 1)
    >>> R.INVESTED_IN = "X"
    Traceback (most recent call last):
    ...
    AttributeError: R is generated from the ontology and cannot be changed

Each constant is a plain `str` equal to its own name, so it goes wherever the literal went and compares,
hashes, prints and serialises exactly as the literal did. The namespaces are closed, as rdflib's
`DefinedNamespace` is: a name the ontology does not define is an `AttributeError` when the line runs, and
mypy reports it before that (the failing lookup is hidden from type checkers), so a typo can no longer be
a string that silently matches no rows. `name in R` and `list(C)` give the terms themselves.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, Final, NoReturn


class _Closed(type):
    """The metaclass of a closed namespace: only its declared terms exist, and it cannot be changed."""

    _terms: tuple[str, ...]

    def __new__(mcs, name: str, bases: tuple[type, ...], namespace: dict[str, Any]) -> _Closed:
        namespace["_terms"] = tuple(k for k, v in namespace.items() if not k.startswith("_") and isinstance(v, str))
        return super().__new__(mcs, name, bases, namespace)

    def __iter__(cls) -> Iterator[str]:
        return iter(cls._terms)

    def __len__(cls) -> int:
        return len(cls._terms)

    def __contains__(cls, name: object) -> bool:
        return name in cls._terms

    def __setattr__(cls, name: str, value: object) -> NoReturn:
        raise AttributeError(f"{cls.__name__} is generated from the ontology and cannot be changed")

    def __delattr__(cls, name: str) -> NoReturn:
        raise AttributeError(f"{cls.__name__} is generated from the ontology and cannot be changed")

    def __call__(cls, *args: object, **kwargs: object) -> NoReturn:
        raise TypeError(f"{cls.__name__} is a namespace of constants, not a class to instantiate")

    if not TYPE_CHECKING:  # hidden from mypy, which then reports an unknown term as a missing attribute

        def __getattr__(cls, name: str) -> NoReturn:
            if name.startswith("__"):
                raise AttributeError(name)
            close = difflib.get_close_matches(name, cls._terms, n=3, cutoff=0.6)
            hint = f"; did you mean {', '.join(close)}?" if close else ""
            raise AttributeError(f"{cls.__name__} has no term {name!r} (not in ontology/kg.ttl){hint}")


class C(metaclass=_Closed):
    """Classes (owl:Class): Neo4j node labels and RDF types."""

    #: Article (文章)
    Article: Final = "Article"

    #: Company (公司); a kind of Organization
    Company: Final = "Company"

    #: Exchange (交易所); a kind of Organization
    Exchange: Final = "Exchange"

    #: Financial figure (财务数据)
    FinancialFigure: Final = "FinancialFigure"

    #: Funding round (融资轮次)
    FundingRound: Final = "FundingRound"

    #: Government body (政府机构); a kind of Organization
    GovernmentBody: Final = "GovernmentBody"

    #: IPO (首次公开发行)
    IPO: Final = "IPO"

    #: Investor (投资方); a kind of Organization
    Investor: Final = "Investor"

    #: Organization (组织)
    Organization: Final = "Organization"

    #: Person (人物)
    Person: Final = "Person"

    #: Product (产品)
    Product: Final = "Product"

    #: Research institute (研究机构); a kind of Organization
    ResearchInstitute: Final = "ResearchInstitute"

    #: State-owned fund (国有资本投资主体); a kind of Investor
    StateOwnedFund: Final = "StateOwnedFund"

    #: University (高校); a kind of Organization
    University: Final = "University"


class R(metaclass=_Closed):
    """Relationship types (owl:ObjectProperty): Neo4j relationship types and RDF predicates."""

    #: controlled by (受控于): Organization -> Organization | Person
    CONTROLLED_BY: Final = "CONTROLLED_BY"

    #: develops (研发): Organization -> Product
    DEVELOPS: Final = "DEVELOPS"

    #: figure of (数据所属公司): FinancialFigure -> Company
    FIGURE_OF: Final = "FIGURE_OF"

    #: filed for IPO on (递表): Company -> Exchange
    FILED_FOR_IPO: Final = "FILED_FOR_IPO"

    #: founded (创立): Person -> Organization
    FOUNDED: Final = "FOUNDED"

    #: founded by alumni of (由其旧部创立): Company -> Organization
    FOUNDED_BY_ALUMNI_OF: Final = "FOUNDED_BY_ALUMNI_OF"

    #: holds position at (任职于): Person -> Organization
    HOLDS_POSITION: Final = "HOLDS_POSITION"

    #: invested in (投资): Investor -> Company
    INVESTED_IN: Final = "INVESTED_IN"

    #: left (离开): Person -> Organization
    LEFT: Final = "LEFT"

    #: listed on (上市于): Company -> Exchange
    LISTED_ON: Final = "LISTED_ON"

    #: mentioned in (提及于): FinancialFigure | FundingRound | IPO | Organization | Person | Product -> Article
    MENTIONED_IN: Final = "MENTIONED_IN"

    #: offering of (发行人): IPO -> Company
    OFFERING_OF: Final = "OFFERING_OF"

    #: on exchange (上市交易所): IPO -> Exchange
    ON_EXCHANGE: Final = "ON_EXCHANGE"

    #: owned by (股东为): Organization -> Organization | Person
    OWNED_BY: Final = "OWNED_BY"

    #: participated in (参与): Investor -> FundingRound | IPO
    PARTICIPATED_IN: Final = "PARTICIPATED_IN"

    #: passed listing hearing at (通过上市聆讯): Company -> Exchange
    PASSED_LISTING_HEARING: Final = "PASSED_LISTING_HEARING"

    #: round of (所属公司): FundingRound -> Company
    ROUND_OF: Final = "ROUND_OF"

    #: spun off from (脱胎于): Company -> Organization
    SPUN_OFF_FROM: Final = "SPUN_OFF_FROM"


class P(metaclass=_Closed):
    """Property keys (owl:DatatypeProperty): Neo4j node and relationship property keys."""

    #: aliases (别名)
    aliases: Final = "aliases"

    #: amount (金额)
    amount: Final = "amount"

    #: amount (high) (金额上限)
    amount_high: Final = "amount_high"

    #: amount (low) (金额下限)
    amount_low: Final = "amount_low"

    #: amount precision (金额精度)
    amount_precision: Final = "amount_precision"

    #: amount as written (金额原文)
    amount_raw: Final = "amount_raw"

    #: amount (USD) (金额（美元）)
    amount_usd: Final = "amount_usd"

    #: amount (USD, high) (金额上限（美元）)
    amount_usd_high: Final = "amount_usd_high"

    #: amount (USD, low) (金额下限（美元）)
    amount_usd_low: Final = "amount_usd_low"

    #: basis (口径)
    basis: Final = "basis"

    #: board (板块)
    board: Final = "board"

    #: confidence (置信度)
    confidence: Final = "confidence"

    #: content hash (内容哈希)
    content_hash: Final = "content_hash"

    #: cornerstone total (基石认购总额)
    cornerstone_total: Final = "cornerstone_total"

    #: cornerstone total currency (基石认购总额币种)
    cornerstone_total_currency: Final = "cornerstone_total_currency"

    #: cornerstone total (high) (基石认购总额（上限）)
    cornerstone_total_high: Final = "cornerstone_total_high"

    #: cornerstone total (low) (基石认购总额（下限）)
    cornerstone_total_low: Final = "cornerstone_total_low"

    #: cornerstone total (USD) (基石投资总额（美元）)
    cornerstone_total_usd: Final = "cornerstone_total_usd"

    #: currency (币种)
    currency: Final = "currency"

    #: date (日期)
    date: Final = "date"

    #: date precision (日期精度)
    date_precision: Final = "date_precision"

    #: derived (推断得出)
    derived: Final = "derived"

    #: disputes (争议)
    disputes: Final = "disputes"

    #: evidence (证据)
    evidence: Final = "evidence"

    #: government level (政府层级)
    gov_level: Final = "gov_level"

    #: id (标识符)
    id: Final = "id"

    #: investor kind (投资方类别)
    investor_kind: Final = "investor_kind"

    #: kind (类型)
    kind: Final = "kind"

    #: language (语言)
    lang: Final = "lang"

    #: market value at listing (上市市值)
    market_value: Final = "market_value"

    #: market value at listing currency (上市市值币种)
    market_value_currency: Final = "market_value_currency"

    #: market value at listing (high) (上市市值（上限）)
    market_value_high: Final = "market_value_high"

    #: market value at listing (low) (上市市值（下限）)
    market_value_low: Final = "market_value_low"

    #: market value (USD) (市值（美元）)
    market_value_usd: Final = "market_value_usd"

    #: method (方法)
    method: Final = "method"

    #: metric (指标)
    metric: Final = "metric"

    #: modality (语气)
    modality: Final = "modality"

    #: name (名称)
    name: Final = "name"

    #: offer price (发行价)
    offer_price: Final = "offer_price"

    #: offer price (high) (发行价（上限）)
    offer_price_high: Final = "offer_price_high"

    #: offer price (low) (发行价（下限）)
    offer_price_low: Final = "offer_price_low"

    #: offer price (USD) (发行价（美元）)
    offer_price_usd: Final = "offer_price_usd"

    #: period (期间)
    period: Final = "period"

    #: proceeds (募资额)
    proceeds: Final = "proceeds"

    #: proceeds currency (募资额币种)
    proceeds_currency: Final = "proceeds_currency"

    #: proceeds (high) (募资额（上限）)
    proceeds_high: Final = "proceeds_high"

    #: proceeds (low) (募资额（下限）)
    proceeds_low: Final = "proceeds_low"

    #: proceeds (USD) (募资额（美元）)
    proceeds_usd: Final = "proceeds_usd"

    #: published (发布日期)
    published: Final = "published"

    #: Wikidata QID (Wikidata 标识符)
    qid: Final = "qid"

    #: raise target (计划募资额)
    raise_target: Final = "raise_target"

    #: raise target currency (计划募资额币种)
    raise_target_currency: Final = "raise_target_currency"

    #: raise target (high) (计划募资额（上限）)
    raise_target_high: Final = "raise_target_high"

    #: raise target (low) (计划募资额（下限）)
    raise_target_low: Final = "raise_target_low"

    #: raise target (USD) (计划募资额（美元）)
    raise_target_usd: Final = "raise_target_usd"

    #: region (地区)
    region: Final = "region"

    #: role (角色)
    role: Final = "role"

    #: round (轮次)
    round: Final = "round"

    #: round type (轮次类型)
    round_type: Final = "round_type"

    #: sentence (句序号)
    sentence: Final = "sentence"

    #: share (持股比例)
    share: Final = "share"

    #: sources (来源)
    sources: Final = "sources"

    #: span end (区间终点)
    span_end: Final = "span_end"

    #: span start (区间起点)
    span_start: Final = "span_start"

    #: stage (阶段)
    stage: Final = "stage"

    #: ticker (股票代码)
    ticker: Final = "ticker"

    #: title (职务)
    title: Final = "title"

    #: unit (单位)
    unit: Final = "unit"

    #: URL (网址)
    url: Final = "url"

    #: USD rate date (美元汇率日期)
    usd_rate_date: Final = "usd_rate_date"

    #: valid from (起始)
    valid_from: Final = "valid_from"

    #: valid to (截止)
    valid_to: Final = "valid_to"

    #: via (经由)
    via: Final = "via"
