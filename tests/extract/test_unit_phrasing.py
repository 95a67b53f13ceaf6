"""Phrasing met in a second, independently written corpus (tests/data/written/): regional platforms'
bracketed legal forms, a company's lab standing for the company, English appositions ("known as"),
descriptors and legal forms inside investor lists, an owner's unit ("X's Y"), English hearings and
first trading days, and an IPO clause about another company. Invented sentences; each rule has a
near miss."""

from __future__ import annotations

from typing import Any

import pytest

from kg.extract import extract
from kg.model import Article
from tests.factories import extract_by_rules

PUBLISHED = "2025-09-08"  # a Monday


def _rels(text: str, by_rules: bool = True) -> dict[tuple[str, str, str], dict[str, Any]]:
    ex = extract_by_rules(text, PUBLISHED) if by_rules else extract(Article(text=text, published=PUBLISHED))
    name = {e.handle: e.names[0] for e in ex.entities}
    return {(r.type, name[r.source], name[r.target]): dict(r.props) for r in ex.relations}


def _entities(text: str, by_rules: bool = True) -> dict[str, set[str]]:
    ex = extract_by_rules(text, PUBLISHED) if by_rules else extract(Article(text=text, published=PUBLISHED))
    return {n: set(e.types) for e in ex.entities for n in e.names}


# -- regional platforms with a bracketed legal form -------------------------------------------------


def test_a_regional_platform_with_a_bracketed_legal_form_is_one_state_investor() -> None:
    text = "岚峰储能完成10亿元B轮融资，由武汉市产业投资控股（集团）有限公司领投，澄江资本跟投。"
    rels = _rels(text)
    assert ("INVESTED_IN", "武汉市产业投资控股（集团）有限公司", "岚峰储能") in rels
    assert _entities(text)["武汉市产业投资控股（集团）有限公司"] == {"StateOwnedFund"}


def test_function_words_with_a_bracketed_legal_form_but_no_region_are_no_name() -> None:
    names = _entities("岚峰储能完成10亿元B轮融资，由产业投资控股（集团）有限公司领投。")
    assert not any(n.startswith("产业投资") for n in names)


# -- a company's unit is the company ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("星岩科技宣布完成A轮融资。创始人林澈曾任腾讯AI Lab首席科学家。", ("LEFT", "林澈", "腾讯")),
        (
            "澄江科技宣布，澄江科技创新药研究院院长周砚亭已离职。",
            ("LEFT", "周砚亭", "澄江科技"),
        ),
    ],
)
def test_a_lab_named_after_its_company_stands_for_the_company(text: str, fact: tuple[str, str, str]) -> None:
    assert fact in _rels(text, by_rules=False)


def test_a_research_body_of_its_own_keeps_its_name() -> None:
    entities = _entities("林澈曾任中国科学院计算技术研究所研究员。", by_rules=False)
    assert "腾讯" not in entities
    assert any("计算技术研究所" in n for n in entities)


# -- English: appositions, list members -------------------------------------------------------------

CO = "Qorvane Robotics"


def test_known_as_joins_two_names_and_a_comma_before_led_still_leads() -> None:
    text = (
        f"{CO} has raised $50 million in a Series B round. The Zhejiang Halvard Industry Fund, known as "
        f"Halvard Fund, led the round, with participation from venture firm Brisk Ventures and e-commerce "
        f"giant Tamsin Group."
    )
    ents = _entities(text)
    rels = _rels(text)
    lead = next(p for (t, s, o), p in rels.items() if t == "INVESTED_IN" and s.startswith("Zhejiang Halvard"))
    assert lead["role"] == "lead"
    assert {"Brisk Ventures", "Tamsin Group"} <= {s for (t, s, o) in rels if t == "INVESTED_IN"}
    # one entity with both names
    assert "Halvard Fund" in ents and "Zhejiang Halvard Industry Fund" in ents
    assert sum(1 for (t, s, o) in rels if t == "INVESTED_IN" and "Halvard" in s) == 1


def test_known_as_a_description_is_no_second_name() -> None:
    ents = _entities(f"{CO}, known as a maker of arms, raised $50 million.")
    assert not any(n.startswith("a maker") for n in ents)


def test_an_owner_before_s_is_not_the_investor_and_legal_forms_stay_in_the_list() -> None:
    text = (
        f"{CO} passed its listing hearing with the Hong Kong stock exchange. Cornerstone investors including "
        "Halvard Investment's Tamsin Advisors, Brisk Group Co., Morrow Investment Corp. and Lindqvist Capital "
        "have agreed to buy shares."
    )
    investors = {s for (t, s, o) in _rels(text) if t == "INVESTED_IN" and o == CO}
    assert investors == {"Tamsin Advisors", "Brisk Group", "Morrow Investment Corp.", "Lindqvist Capital"}


# -- English: people -------------------------------------------------------------------------------


def test_founded_by_with_an_apposition_naming_another_company() -> None:
    text = (
        "Hanwell Microsystems has raised 2 billion yuan. Founded in 2021 by Zhou Wenkai, a former director at "
        "Larkspur Semiconductor who left that year, Shanghai-based Hanwell designs chips. Zhou is the company's "
        "chief executive."
    )
    rels = _rels(text)
    assert ("FOUNDED", "Zhou Wenkai", "Hanwell Microsystems") in rels
    assert rels[("HOLDS_POSITION", "Zhou Wenkai", "Hanwell Microsystems")]["title"] == "CEO"
    assert ("FOUNDED", "Zhou Wenkai", "Larkspur Semiconductor") not in rels


def test_a_surname_before_an_ordinary_verb_is_not_a_person() -> None:
    ents = _entities("Hanwell Microsystems was founded by Zhou Wenkai. Shares is the ticker people watch.")
    assert "Shares" not in ents


# -- English: IPO steps -------------------------------------------------------------------------------


def test_cleared_hearing_start_trading_and_a_filing_by_pronoun() -> None:
    text = (
        "Robot Maker Leapwell Dynamics Seeks $300 Million in Hong Kong IPO\n"
        "Leapwell Dynamics cleared a listing hearing with the Hong Kong stock exchange on Thursday, and its "
        "shares are expected to start trading on Sept. 18. It filed for the listing in March."
    )
    rels = _rels(text)
    assert rels[("PASSED_LISTING_HEARING", "Leapwell Dynamics", "Hong Kong stock exchange")]["date"] == "2025-09-04"
    assert rels[("LISTED_ON", "Leapwell Dynamics", "Hong Kong stock exchange")]["date"] == "2025-09-18"
    assert rels[("FILED_FOR_IPO", "Leapwell Dynamics", "Hong Kong stock exchange")]["date"] == "2025-03"
    assert "Robot Maker Leapwell Dynamics" not in _entities(text)


def test_a_filing_sentence_about_companies_in_general_takes_no_venue_from_the_last_one() -> None:
    text = (
        "Leapwell Dynamics cleared a listing hearing with the Hong Kong stock exchange on Thursday. "
        "Under the rules, applicants may submit a draft prospectus in confidence."
    )
    assert not any(t == "FILED_FOR_IPO" for (t, s, o) in _rels(text))


def test_an_exchange_in_a_clause_about_another_company_is_not_the_venue() -> None:
    text = (
        "Its rival in Hong Kong, Tamsin Robotics Corp., has climbed since it listed in December 2023, while "
        "Brisk Robotics is preparing for an initial public offering on Shanghai's STAR Market."
    )
    venues = {o for (t, s, o) in _rels(text) if t == "LISTED_ON" and s.startswith("Tamsin")}
    assert "STAR Market" not in venues


# -- Chinese: shareholder lists, name boundaries, Hong Kong / Taiwan listings ------------------------


def test_a_shareholder_list_names_investors_but_a_largest_shareholder_remark_does_not() -> None:
    rels = _rels("岚峰储能已完成多轮融资，股东名单中亦包括澄江资本、白桦基金等。")
    assert {s for (t, s, o) in rels if t == "INVESTED_IN"} == {"澄江资本", "白桦基金"}
    assert not _rels("岚峰储能表示，澄江资本仍为第一大股东。")


def test_a_full_name_found_elsewhere_is_not_cut_short_by_the_segmenter() -> None:
    rels = _rels("锐川科技总部位于深圳，由叶子航于2020年创办。叶子航现任公司董事长。")
    assert ("FOUNDED", "叶子航", "锐川科技") in rels
    assert "叶子" not in _entities("锐川科技总部位于深圳，由叶子航于2020年创办。叶子航现任公司董事长。")


def test_a_kind_noun_and_a_defined_short_name_fix_an_invented_legal_name() -> None:
    text = "内地人工智能企业深瞳智算科技股份有限公司（深瞳智算）周五通过港交所上市聆讯。"
    ents = _entities(text)
    assert "深瞳智算科技股份有限公司" in ents and "深瞳智算" in ents
    assert ("PASSED_LISTING_HEARING", "深瞳智算科技股份有限公司", "港交所") in _rels(text)


def test_a_defined_short_name_that_is_not_the_head_leaves_the_name_alone() -> None:
    ents = _entities("白桦智能科技有限公司（下称“公司”）宣布完成融资。")
    assert "白桦智能科技有限公司" in ents


def test_a_listing_rules_chapter_is_not_a_company() -> None:
    ents = _entities("岚峰智算计划以18C章特专科技公司规则在港交所上市。")
    assert not any("特专" in n for n in ents)


def test_a_taiwan_ticker_marks_a_company_and_a_written_out_day_dates_the_listing() -> None:
    text = "固態電池廠能碩電池(6987-TW)今(17)日在臺灣證券交易所掛牌上市。"
    ex = extract(Article(text=text, published="2025-09-17"))
    name = {e.handle: e.names[0] for e in ex.entities}
    listed = [(name[r.source], r.props.get("date")) for r in ex.relations if r.type == "LISTED_ON"]
    assert listed == [("能碩電池", "2025-09-17")]
    assert "6987-TW" not in {n for e in ex.entities for n in e.names}


def test_an_industry_word_alone_is_no_company() -> None:
    assert "电池" not in _entities("固态电池(6987-TW)今(17)日上市。")
