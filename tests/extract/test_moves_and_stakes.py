"""Career moves, stakes and owners in everyday news phrasing that no evaluation article prompted:
coined names jieba reads as a conjunction ("臻和"), names made of dictionary words after a verb that
demands an organisation ("创办了星图科技", "领投星图智能"), moves to a new employer (转战, 跳槽),
a hire without a title, stake increases (增持), the owner named before an investor ("X旗下Y"), and
wholly owned units. Invented sentences; each rule has a near miss."""

from __future__ import annotations

from typing import Any

import pytest

from kg.extract import extract
from kg.model import Article
from tests import paths
from tests.factories import PHRASING_DAY, entity_types_by_name, relations_by_name, story_relations

PUBLISHED = "2025-06-10"


def _extract(text: str):
    return extract(Article(text=text, published=PUBLISHED))


_rels = relations_by_name
_entities = entity_types_by_name


# -- names -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("lead", ["", "近日，"])
def test_a_coined_name_with_he_inside_opens_a_funding_sentence(lead: str) -> None:
    rels = _rels(f"{lead}臻和科技完成E轮融资，由国投创合领投。")
    # (the round the article reports, undated, is dated by the report's month)
    assert rels[("INVESTED_IN", "国投创合", "臻和科技")] == {
        "round": "E", "role": "lead", "date": PHRASING_DAY[:7], "date_precision": "month"}


def test_a_conjunction_after_a_two_character_name_still_joins_two_names() -> None:
    assert "红杉和云帆科技" not in _entities("红杉和云帆科技均参与本轮融资。")


@pytest.mark.parametrize(
    ("text", "rel"),
    [
        ("王川创办了星图科技。", ("FOUNDED", "王川", "星图科技")),
        ("王川创立了星图智能。", ("FOUNDED", "王川", "星图智能")),
        ("红杉中国领投星图智能。", ("INVESTED_IN", "红杉中国", "星图智能")),
        ("红杉中国领投星图智能的A轮融资。", ("INVESTED_IN", "红杉中国", "星图智能")),
    ],
)
def test_dictionary_words_with_a_suffix_name_what_a_verb_of_founding_or_a_deal_takes(
    text: str, rel: tuple[str, str, str]
) -> None:
    assert rel in _rels(text)


@pytest.mark.parametrize("text", ["王川成立了人工智能。", "红杉中国领投人工智能赛道。"])
def test_a_field_after_such_a_verb_is_no_company(text: str) -> None:
    assert not any("Company" in types for types in _entities(text).values())


def test_the_verb_of_a_deal_after_a_known_name_is_not_part_of_the_next_name() -> None:
    names = _entities("红杉中国领投星图智能。")
    assert "红杉中国领投星图智能" not in names and names["星图智能"] == {"Company"}


# -- moves to a new employer -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "person", "org", "title"),
    [
        ("林子恒日前转战英特尔，出任执行副总裁。", "林子恒", "英特尔", "执行副总裁"),
        ("林子恆日前轉戰英特爾，出任執行副總裁。", "林子恆", "英特爾", "執行副總裁"),
        ("周明远跳槽至字节跳动，担任技术副总裁。", "周明远", "字节跳动", "技术副总裁"),
        # the move is the next clause of the person's sentence
        ("林子恒已于今年退休，日前传出转战英特尔，出任执行副总裁。", "林子恒", "英特尔", "执行副总裁"),
    ],
)
def test_a_move_to_a_new_employer_with_its_title(text: str, person: str, org: str, title: str) -> None:
    assert _rels(text)[("HOLDS_POSITION", person, org)]["title"] == title


def test_a_move_into_a_market_is_no_job() -> None:
    assert not _rels("他决定转战海外市场，出任总经理。")


def test_an_english_hire_without_a_title() -> None:
    rels = _rels("Intel hired Lin Tzu-heng, a former TSMC executive, to lead its technology development.")
    assert ("HOLDS_POSITION", "Lin Tzu-heng", "Intel") in rels
    assert ("LEFT", "Lin Tzu-heng", "TSMC") in rels


def test_an_english_hire_of_no_person_names_nobody() -> None:
    assert not _rels("Intel hired advisers to review the deal.")


# -- stakes and owners -----------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["CYVN Holdings此前已多次增持蔚来。", "阿布扎比投资局增持了蔚来的股份。"])
def test_a_stake_increase_is_an_investment(text: str) -> None:
    investor = text.split("此前")[0].split("增持")[0]
    assert ("INVESTED_IN", investor, "蔚来") in _rels(text)


def test_a_sovereign_fund_before_a_name_makes_it_state_capital() -> None:
    assert "StateOwnedFund" in _entities("中东主权基金CYVN Holdings此前已多次增持蔚来。")["CYVN Holdings"]


@pytest.mark.parametrize("text", ["高盛给予蔚来“增持”评级。", "高盛维持蔚来增持评级。"])
def test_an_overweight_rating_is_no_investment(text: str) -> None:
    assert not any(rel[0] == "INVESTED_IN" for rel in _rels(text))


def test_the_owner_named_before_an_investor() -> None:
    rels = _rels("零跑汽车获杭州市国资旗下杭州资本投资。")
    assert ("INVESTED_IN", "杭州资本", "零跑汽车") in rels
    assert ("OWNED_BY", "杭州资本", "杭州市国资") in rels
    assert not any(rel[0] == "INVESTED_IN" and rel[1] == "杭州市国资" for rel in rels)


def test_what_an_investor_is_may_stand_before_its_name() -> None:
    assert ("INVESTED_IN", "杭州资本", "零跑汽车") in _rels("零跑汽车获得市属国企杭州资本的投资。")


def test_the_owner_of_a_lead_investor_is_not_the_funded_company() -> None:
    rels = _rels("华星集团旗下产业基金华星资本领投。")
    assert ("OWNED_BY", "华星资本", "华星集团") in rels
    assert ("INVESTED_IN", "华星资本", "华星集团") not in rels


def test_a_product_after_qixia_is_not_owned() -> None:
    assert not any(rel[0] == "OWNED_BY" for rel in _rels("腾讯旗下产品微信上线新功能。"))


@pytest.mark.parametrize(
    "text", ["小米汽车由小米集团全资持有。", "小米集团全资持有小米汽车。", "小米集团全资拥有小米汽车。"]
)
def test_a_wholly_owned_unit(text: str) -> None:
    assert _rels(text)[("OWNED_BY", "小米汽车", "小米集团")] == {"share": 1.0}


def test_the_carmaker_unit_is_not_its_parent() -> None:
    names = _entities("小米集团发布公告称，小米汽车交付量突破10万辆。小米汽车由小米集团全资持有。")
    assert "小米汽车" in names and "小米集团" in names


def test_only_a_kind_of_organisation_stands_between_qixia_and_the_owned_name() -> None:
    rels = _rels("华星集团旗下的星河电子在储能电池模组上与宁德时代合作开发。")
    assert not any(rel[0] == "OWNED_BY" and rel[1] != "星河电子" for rel in rels)


# -- units, subsidiaries and kinds of company --------------------------------------------------------


@pytest.mark.parametrize("name", ["先声药业", "恒瑞医药", "微创医疗", "蔚然动力"])
def test_pharma_medical_and_power_suffixes_end_names(name: str) -> None:
    assert _entities(f"{name}宣布完成新一轮融资。")[name] == {"Company"}


@pytest.mark.parametrize("text", ["医疗行业迎来新一轮投资热潮。", "新能源汽车行业发展迅速。"])
def test_a_line_of_business_is_no_company(text: str) -> None:
    assert not _entities(text)


def test_a_unit_named_after_what_it_is_files_and_its_owner_owns_it() -> None:
    rels = _rels("先声药业旗下创新药企先声再明向港交所递交招股书，拟在主板上市。")
    assert ("FILED_FOR_IPO", "先声再明", "港交所") in rels
    assert ("OWNED_BY", "先声再明", "先声药业") in rels
    assert not any(rel[0] == "FILED_FOR_IPO" and rel[1] == "先声药业" for rel in rels)


@pytest.mark.parametrize("text", ["该子公司将在上海设立。", "创业公司正在快速增长。"])
def test_a_kind_noun_before_a_verb_names_nobody(text: str) -> None:
    assert not _entities(text)


def test_money_put_into_a_subsidiary_goes_to_the_subsidiary() -> None:
    rels = _rels("拓荆科技公告称，国家集成电路产业投资基金三期拟向其控股子公司拓荆键科增资15亿元。")
    assert rels[("INVESTED_IN", "国家集成电路产业投资基金三期", "拓荆键科")]["amount"] == 1_500_000_000


def test_a_controlling_stake_in_a_named_subsidiary() -> None:
    rels = _rels("拓荆科技控股子公司拓荆键科获得大基金三期增资。")
    assert rels[("CONTROLLED_BY", "拓荆键科", "拓荆科技")] == {"kind": "equity"}
    assert "拓荆科技控股" not in _entities("拓荆科技控股子公司拓荆键科获得大基金三期增资。")


def test_the_parent_of_a_lead_investor_is_not_the_funded_company() -> None:
    rels = _rels("华星集团全资子公司华星资本领投。")
    assert rels[("OWNED_BY", "华星资本", "华星集团")] == {"share": 1.0}
    assert ("INVESTED_IN", "华星资本", "华星集团") not in rels


def test_a_verb_and_a_time_are_not_a_company() -> None:
    names = _entities("宁德时代已通过港交所上市聆讯，预计下周在香港挂牌。")
    assert set(names) == {"宁德时代", "港交所"}


# -- lists of listings, hires, placings and joint owners ----------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "今年以来，蜜雪冰城、宁德时代、恒瑞医药等企业先后登陆港交所。",
        "在港交所上市的企业包括蜜雪冰城、宁德时代、恒瑞医药等。",
    ],
)
def test_each_company_of_a_list_is_listed(text: str) -> None:
    listed = {rel[1] for rel in _rels(text) if rel[0] == "LISTED_ON" and rel[2] == "港交所"}
    assert listed == {"蜜雪冰城", "宁德时代", "恒瑞医药"}


def test_investors_arriving_for_a_roadshow_are_not_listed() -> None:
    assert not any(rel[0] == "LISTED_ON" for rel in _rels("红杉中国、高瓴资本等机构登陆港交所路演。"))


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("英特尔CEO陈立武延揽林子恒，负责先进制程研发。", None),
        ("英特爾執行長陳立武延攬林子恆，負責先進製程研發。", None),
        ("英特尔CEO陈立武延揽林子恒为执行副总裁。", "执行副总裁"),
    ],
)
def test_a_hire_by_the_boss_of_a_company(text: str, title: str | None) -> None:
    rels = _rels(text)
    person, org = ("林子恆", "英特爾") if "林子恆" in text else ("林子恒", "英特尔")
    assert rels[("HOLDS_POSITION", person, org)].get("title") == title
    boss = "陳立武" if "陳立武" in text else "陈立武"
    assert rels[("HOLDS_POSITION", boss, org)]["title"] == "CEO"


def test_going_to_a_company_to_take_a_post() -> None:
    assert _rels("林子恆將赴英特爾擔任執行副總裁。")[("HOLDS_POSITION", "林子恆", "英特爾")]["title"] == "執行副總裁"


def test_going_abroad_to_list_is_no_post() -> None:
    assert not any(rel[0] == "HOLDS_POSITION" for rel in _rels("王川表示公司将赴港上市。"))


@pytest.mark.parametrize("text", ["沙特公共投資基金參與金蝶國際配售。", "沙特公共投资基金认购了金蝶国际的配售股份。"])
def test_taking_part_in_a_placing_is_an_investment(text: str) -> None:
    assert any(rel[0] == "INVESTED_IN" and rel[1].startswith("沙特公共投") for rel in _rels(text))


def test_a_stake_announced_by_the_company_that_sells_it() -> None:
    rels = _rels("Leapmotor said Hangzhou Capital, a state-owned investment firm, will buy a 5% stake.")
    assert ("INVESTED_IN", "Hangzhou Capital", "Leapmotor") in rels


def test_a_stake_in_something_else_is_not_the_announcers() -> None:
    rels = _rels("Leapmotor said Hangzhou Capital will buy a 5% stake in its battery unit.")
    assert ("INVESTED_IN", "Hangzhou Capital", "Leapmotor") not in rels


def test_joint_owners() -> None:
    rels = _rels("星河基金由华星集团与蓝潮资本共同持股。")
    # a fund by its suffix; the fund holding a stake in it invested in it (and so it is also, as the
    # ontology's range says, a company invested in), the group that holds a stake did not
    assert _entities("星河基金由华星集团与蓝潮资本共同持股。")["星河基金"] == {"Investor", "Company"}
    assert ("OWNED_BY", "星河基金", "华星集团") in rels and ("OWNED_BY", "星河基金", "蓝潮资本") in rels
    assert ("INVESTED_IN", "蓝潮资本", "星河基金") in rels and ("INVESTED_IN", "华星集团", "星河基金") not in rels


def test_a_regional_investment_and_development_company_is_state_capital() -> None:
    assert _entities("湖北长晟三期投资发展有限公司完成工商登记。")["湖北长晟三期投资发展有限公司"] == {"StateOwnedFund"}


# -- English wire style ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["Tencent invested $2.2 billion in Nio last year.", "Tencent invested $2.2 billion in NIO last year."],
)
def test_an_amount_with_a_decimal_point_between_the_investor_and_the_company(text: str) -> None:
    rels = _rels(text)
    company = "Nio" if "Nio" in text else "NIO"
    assert rels[("INVESTED_IN", "Tencent", company)]["amount"] == 2_200_000_000


def test_an_acronym_matches_in_the_cases_the_gazetteer_spells_it_and_no_other() -> None:
    assert "nio" not in _entities("Tencent invested in nio last year.")
    assert "Nio" in _entities("Tencent invested in Nio last year.")


def test_a_decimal_amount_inside_an_apposition_before_the_round() -> None:
    text = (
        "Xingheng AI, a Beijing startup valued at $1.5 billion, raised $250.5 million in a Series C round "
        "led by Sequoia China."
    )
    assert _rels(text)[("INVESTED_IN", "Sequoia China", "Xingheng AI")]["amount"] == 250_500_000


# -- across sentences ---------------------------------------------------------------------------------

_ALUMNI_STORY = (
    "其中，前字节跳动AI Lab总监李航创办了星途智能。\n\n"
    "另一位代表人物是周明远。他曾任抖音电商产品负责人，2023年离开字节跳动后创立了云帆科技。\n\n"
    "此外，前飞书CTO陈立言也于去年离职，创办AI办公公司栖云智能。"
)


def test_he_is_the_one_person_the_sentence_before_names_even_with_others_in_reach() -> None:
    rels = _rels(_ALUMNI_STORY)
    assert ("FOUNDED", "周明远", "云帆科技") in rels
    assert any(rel[0] == "LEFT" and rel[1] == "周明远" and rel[2].startswith("字节") for rel in rels)


def test_a_title_at_a_product_is_no_role_at_the_company_of_the_story() -> None:
    rels = _rels(_ALUMNI_STORY)
    assert not any(rel[1] == "陈立言" and rel[2] in ("云帆科技", "星途智能") for rel in rels)
    assert ("FOUNDED", "陈立言", "栖云智能") in rels


def test_he_with_two_people_in_the_sentence_before_is_nobody() -> None:
    rels = _rels("李航与周明远共同创办了星途智能。他曾任抖音电商产品负责人，此前离开字节跳动。")
    assert not any(rel[0] == "LEFT" and rel[2].startswith("字节") for rel in rels)


@pytest.mark.parametrize("join", ["与", "和"])
def test_two_founders_joined_by_a_conjunction(join: str) -> None:
    rels = _rels(f"李航{join}周明远共同创办了星途智能。")
    assert ("FOUNDED", "李航", "星途智能") in rels and ("FOUNDED", "周明远", "星途智能") in rels


# -- a whole English wire story (tests/data/stories/en_hk_debut_lumina.txt, written for these tests) ---

_STORIES = paths.DATA / "stories"


@pytest.fixture(scope="module")
def lumina() -> tuple[dict[tuple[str, str, str], dict[str, Any]], dict[str, set[str]]]:
    ex = extract(Article(text=(_STORIES / "en_hk_debut_lumina.txt").read_text(encoding="utf-8"), published=PUBLISHED))
    name = {e.handle: e.names[0] for e in ex.entities}
    rels = {(r.type, name[r.source], name[r.target]): dict(r.props) for r in ex.relations}
    return rels, {n: set(e.types) for e in ex.entities for n in e.names}


def test_cornerstones_in_the_ipo_included(lumina) -> None:
    rels, _ = lumina
    for investor in ("Hillhouse Capital", "Temasek"):
        assert rels[("INVESTED_IN", investor, "Lumina")]["role"] == "cornerstone"


def test_a_unit_of_a_company_in_a_list_does_not_own_the_member_before_it(lumina) -> None:
    rels, _ = lumina
    assert not any(rel[0] == "OWNED_BY" and rel[1] == "Temasek" for rel in rels)


def test_is_backed_by_names_standing_backers_without_the_round_before(lumina) -> None:
    rels, _ = lumina
    assert rels[("INVESTED_IN", "Alibaba Group", "Lumina")].get("round") is None


def test_it_was_valued_is_the_company_of_the_story(lumina) -> None:
    rels, _ = lumina
    assert not any(rel[0] == "FIGURE_OF" and rel[2] != "Lumina" for rel in rels)
    assert any(rel[0] == "FIGURE_OF" and "valuation" in rel[1] for rel in rels)


def test_left_the_company_is_the_company_of_the_story_not_the_sponsor_named_before(lumina) -> None:
    rels, names = lumina
    assert ("LEFT", "Li Na", "Lumina") in rels
    assert ("FOUNDED", "Li Na", "Nexbot") in rels
    assert not any(rel[1] == "Li Na" and rel[2].startswith("China International") for rel in rels)
    assert "Li Na" in names


@pytest.mark.parametrize("title", ["Co-founder", "Chief Executive", "Founder", "Head of research"])
def test_a_title_opening_an_english_sentence_is_not_part_of_the_name(title: str) -> None:
    names = _entities(f"{title} Zhou Wen left Lumina last year.")
    assert "Zhou Wen" in names and not any(n.startswith(title.split()[0]) for n in names)


# -- a whole Hong Kong listing story in traditional characters (written for these tests) ------------


@pytest.fixture(scope="module")
def xingyu() -> dict[tuple[str, str, str], dict[str, Any]]:
    text = (_STORIES / "zh_hant_hk_hearing_xingyu.txt").read_text(encoding="utf-8")
    ex = extract(Article(text=text, published=PUBLISHED))
    name = {e.handle: e.names[0] for e in ex.entities}
    return {(r.type, name[r.source], name[r.target]): dict(r.props) for r in ex.relations}


def test_what_a_disclosure_means_is_no_company(xingyu) -> None:
    assert {rel[1] for rel in xingyu if rel[0] == "PASSED_LISTING_HEARING"} == {"星宇動力"}


def test_a_figure_after_a_semicolon_keeps_the_period_before_it(xingyu) -> None:
    assert any(rel[0] == "FIGURE_OF" and "net_profit FY2024" in rel[1] for rel in xingyu)


def test_the_second_largest_shareholder_of_the_company_of_the_story(xingyu) -> None:
    assert ("INVESTED_IN", "廈門金圓投資集團", "星宇動力") in xingyu
    assert xingyu[("OWNED_BY", "星宇動力", "廈門金圓投資集團")] == {"share": 0.12}
    assert ("OWNED_BY", "廈門金圓投資集團", "廈門國資") in xingyu
    assert ("OWNED_BY", "廈門國資", "廈門金圓投資集團") not in xingyu


def test_a_guidance_fund_follows_in_the_round(xingyu) -> None:
    props = xingyu[("INVESTED_IN", "廈門市政府引導基金", "星宇動力")]
    assert (props["round"], props["role"]) == ("C", "follow")




def test_a_taiwanese_executive_move_story() -> None:
    rels = story_relations("zh_hant_tw_exec_move.txt")
    assert rels[("LEFT", "林振宇", "台積電")]["title"] == "資深副總經理"
    assert rels[("HOLDS_POSITION", "林振宇", "英特爾")]["title"] == "執行副總裁"
    assert rels[("HOLDS_POSITION", "陳立武", "英特爾")]["title"] == "CEO"


def test_a_chip_round_led_by_the_big_fund_with_provincial_capital() -> None:
    rels = story_relations("zh_chip_round_big_fund.txt")
    assert rels[("INVESTED_IN", "大基金三期", "芯联存储")]["role"] == "lead"
    followers = {rel[1] for rel, props in rels.items() if rel[0] == "INVESTED_IN" and props.get("role") == "follow"}
    assert {"长江产业投资集团", "武汉光谷产业投资有限公司", "小米长江产业基金", "华登国际"} <= followers
    assert rels[("OWNED_BY", "芯联存储", "大基金三期")] == {"share": 0.18}
    assert not any(rel[0] == "OWNED_BY" and rel[2] == "芯联存储" for rel in rels)


def test_a_district_before_a_title_is_no_person() -> None:
    names = _entities("芯联存储总部位于武汉东湖高新区，创始人兼董事长孙立新曾任长江存储副总裁。")
    assert "高新区" not in names and "孙立新" in names


def test_an_ipo_roundup_lists_each_company_on_its_exchange() -> None:
    rels = story_relations("zh_ipo_half_year_roundup.txt")
    listed = {(rel[1], rel[2]) for rel in rels if rel[0] == "LISTED_ON"}
    assert {("小马智行", "纳斯达克"), ("文远知行", "纳斯达克"), ("极氪", "纽交所"), ("禾赛科技", "纽交所")} <= listed
    assert ("FILED_FOR_IPO", "摩尔线程", "科创板") in rels
    assert not any(rel[0] == "LISTED_ON" and rel[1] == "摩尔线程" for rel in rels)


def test_a_city_platform_takes_a_stake_in_a_listed_carmaker() -> None:
    rels = story_relations("zh_city_capital_takes_ev_stake.txt")
    assert rels[("OWNED_BY", "零跑", "杭州市国有资本投资运营有限公司")] == {"share": 0.051}
    assert rels[("OWNED_BY", "杭州市国有资本投资运营有限公司", "杭州市国资委")] == {"share": 1.0}
    assert ("INVESTED_IN", "杭州国资", "零跑") in rels  # the headline, whose gap separates two phrases
    assert "date" not in rels[("INVESTED_IN", "Stellantis集团", "零跑")]  # an earlier deal


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("杭州资本由杭州市国资委全资控股。", "杭州市国资委全资控股"),
        ("杭州资本是杭州市属国有资本投资运营平台。", "杭州市属国有资本投资"),
        ("零跑汽车获得市属国企星澜资本的投资。", "市属国企星澜资本"),
        ("杭州国资入股零跑 地方资本加码新能源车", "零跑 地方资本"),
    ],
)
def test_descriptions_and_verbs_of_state_capital_are_not_names(text: str, absent: str) -> None:
    assert absent not in _entities(text) and absent.replace(" ", "") not in _entities(text)


def test_a_state_company_named_after_what_it_is() -> None:
    assert "StateOwnedFund" in _entities("零跑汽车获得市属国企星澜资本的投资。")["星澜资本"]


def test_gulf_funds_in_placings_and_subscriptions() -> None:
    rels = story_relations("zh_hant_gulf_funds_placings.txt")
    assert rels[("INVESTED_IN", "CYVN Holdings", "蔚來汽車")]["amount"] == 1_300_000_000
    assert rels[("OWNED_BY", "蔚來汽車", "CYVN Holdings")] == {"share": 0.2}
    assert ("INVESTED_IN", "卡塔爾投資局", "金蝶國際") in rels
    # the placee is the unit named after its owner
    assert ("INVESTED_IN", "Hassana Investment", "金蝶國際") in rels
    assert ("INVESTED_IN", "沙特公共投資基金", "金蝶國際") in rels  # through its unit, as analysts count it
    # a placing's proceeds are no IPO raise
    assert not any(rel[0] == "FIGURE_OF" and "ipo_raise" in rel[1] for rel in rels)


def test_heads_of_a_products_business_leave_its_maker() -> None:
    rels = story_relations("zh_hant_platform_exec_departures.txt")
    assert rels[("LEFT", "王凱文", "字節跳動")]["title"] == "全球電商業務負責人"
    assert ("LEFT", "王凱文", "阿里巴巴") in rels
    assert rels[("LEFT", "李文博", "字節跳動")]["date"] == "2025-03"


@pytest.mark.parametrize(
    ("text", "joined", "left"),
    [
        ("王凯文2020年从阿里巴巴加入字节跳动。", "字节跳动", "阿里巴巴"),
        ("陈默此前从小米离职后加盟蔚来。", "蔚来", "小米"),
    ],
)
def test_from_one_company_to_another(text: str, joined: str, left: str) -> None:
    person = text[:3] if text.startswith("王") else text[:2]
    rels = _rels(text)
    assert ("HOLDS_POSITION", person, joined) in rels and ("LEFT", person, left) in rels


def test_a_listing_and_another_companys_round_in_one_story() -> None:
    rels = story_relations("zh_star_biotech_listing_and_round.txt")
    assert rels[("LISTED_ON", "百济神科", "科创板")]["ticker"] == "688799"
    # the E round belongs to the company named in its own sentence, led by a fund of 中金资本
    assert rels[("INVESTED_IN", "中金资本", "臻源基因")]["role"] == "lead"
    assert ("INVESTED_IN", "启明创投", "臻源基因") in rels
    assert not any(rel[0] == "INVESTED_IN" and rel[2] == "百济神科" and props.get("round") == "E"
                   for rel, props in rels.items())
    # investors over five rounds are not the D round's, which a later clause names (其中D轮…)
    assert rels[("INVESTED_IN", "礼来亚洲基金", "百济神科")].get("round") is None
    assert rels[("INVESTED_IN", "国投创新", "百济神科")]["round"] == "D"


def test_an_english_stake_after_an_apposition_names_the_unit() -> None:
    rels = story_relations("en_big_fund_unit_stake.txt")
    assert rels[("OWNED_BY", "Tuojing Jianke", "Big Fund III")] == {"share": 0.23}
    # the fund that holds the stake put the money in; the fund's own backers are not investors in
    # the company of the story
    investors = {rel[1] for rel in rels if rel[0] == "INVESTED_IN" and rel[2].startswith("Tuojing")}
    assert investors == {"Big Fund III"}


@pytest.mark.parametrize(
    "text",
    [
        "在星河智能背后，可以看到红杉中国、高瓴创投等机构的身影。",
        "星河智能的股东名单中出现了红杉中国、高瓴创投的身影。",
    ],
)
def test_backers_seen_behind_a_company(text: str) -> None:
    rels = _rels(text)
    assert ("INVESTED_IN", "红杉中国", "星河智能") in rels and ("INVESTED_IN", "高瓴创投", "星河智能") in rels
    assert rels[("INVESTED_IN", "红杉中国", "星河智能")].get("round") is None


def test_a_figure_of_speech_behind_something_names_no_backer() -> None:
    assert not _rels("在这轮热潮背后，可以看到政策扶持的身影。")


# -- lists with units and their owners -----------------------------------------------------------------


def test_an_unnamed_fund_of_a_company_in_a_list_of_leads() -> None:
    rels = _rels("宇树科技完成C轮融资，由中国移动旗下基金、腾讯、锦秋基金共同领投。")
    assert {rel[1] for rel, props in rels.items() if props.get("role") == "co_lead"} == {"中国移动", "腾讯", "锦秋基金"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("智元机器人完成新一轮融资，投资方包括比亚迪、上汽集团旗下尚颀资本、北汽产投及LG电子等。",
         {"比亚迪", "上汽集团", "尚颀资本", "北汽产投", "LG电子"}),
        ("银河通用宣布完成11亿元融资，宁德时代及其旗下溥泉资本、国科投资等参与投资。",
         {"宁德时代", "溥泉资本", "国科投资"}),
    ],
)
def test_a_named_unit_in_a_list_keeps_the_members_after_it(text: str, expected: set[str]) -> None:
    assert {rel[1] for rel in _rels(text) if rel[0] == "INVESTED_IN"} == expected


def test_existing_shareholders_named_inside_a_list_of_followers() -> None:
    rels = _rels(
        "星动纪元宣布完成A轮融资，由鼎晖VGC和海尔资本联合领投，厚雪资本、华映资本及老股东清流资本、清控基金等跟投。"
    )
    roles = {rel[1]: props.get("role") for rel, props in rels.items() if rel[0] == "INVESTED_IN"}
    assert roles == {"鼎晖": "co_lead", "海尔资本": "co_lead", "厚雪资本": "follow", "华映资本": "follow",
                     "清流资本": "follow", "清控基金": "follow"}


# -- English lists, leads and past roles ----------------------------------------------------------------


def test_a_company_and_its_investment_arm_among_the_investors() -> None:
    text = ("Beijing-based Galaxy Robotics has raised 1.1 billion yuan in a new funding round, with CATL and its "
            "investment arm Puquan Capital among the investors.")
    investors = {rel[1] for rel in _rels(text) if rel[0] == "INVESTED_IN"}
    assert investors == {"CATL", "Puquan Capital"}


def test_a_companys_unnamed_fund_in_an_english_list_of_leads() -> None:
    text = "Unitree Robotics closed its Series C round, which was co-led by China Mobile's fund, Tencent and Alibaba."
    leads = {rel[1] for rel, props in _rels(text).items() if props.get("role") == "co_lead"}
    assert leads == {"China Mobile", "Tencent", "Alibaba"}


def test_the_lead_is_never_the_company_of_the_round() -> None:
    rels = _rels("The round was led by CATL, with participation from Guoke Investment.")
    assert not any(rel[2] == "CATL" for rel in rels)


@pytest.mark.parametrize(
    ("text", "person", "left"),
    [
        ("Former Huawei executive Wang Jun has joined Xpeng as vice president.", "Wang Jun", "Huawei"),
        (
            "Zhang Wei, who spent a decade at Baidu's driving unit, co-founded the startup in 2021.",
            "Zhang Wei",
            "Baidu",
        ),
    ],
)
def test_english_past_roles(text: str, person: str, left: str) -> None:
    assert ("LEFT", person, left) in _rels(text)


def test_a_month_opening_a_date_is_still_no_name() -> None:
    assert not any("Person" in t for t in _entities("Jun 5 was the day Xpeng filed.").values())


# -- A-share and Hong Kong listing steps -------------------------------------------------------------


@pytest.mark.parametrize("text", ["摩尔线程科创板IPO已获上交所上市委审议通过。", "摩尔线程科创板IPO顺利过会。"])
def test_a_listing_committee_approval_is_the_hearing_passed(text: str) -> None:
    assert any(rel[0] == "PASSED_LISTING_HEARING" and rel[1] == "摩尔线程" for rel in _rels(text))


def test_a_committee_that_did_not_approve() -> None:
    assert not any(rel[0] == "PASSED_LISTING_HEARING" for rel in _rels("摩尔线程科创板IPO未过会。"))


def test_a_board_is_no_company() -> None:
    names = _entities("港交所披露易显示，星河智能再次向港交所递交招股书，拟主板挂牌上市。")
    assert "主板" not in names and "星河智能" in names


@pytest.mark.parametrize(
    "text", ["星河智能今日以每股15港元定价，全球发售1000万股H股。", "星河智能首日收涨35%，市值突破200亿港元。"]
)
def test_a_debut_names_its_company(text: str) -> None:
    assert _entities(text)["星河智能"] == {"Company"}


# -- registry-style shareholder stories ------------------------------------------------------------------


def test_a_registry_story_of_a_new_company_and_its_shareholders() -> None:
    rels = story_relations("zh_registry_shareholders.txt")
    assert rels[("OWNED_BY", "长鑫科技三期有限公司", "长鑫科技集团股份有限公司")] == {"share": 0.6}
    # the registered name of a known platform is that platform (合肥产投)
    assert rels[("OWNED_BY", "长鑫科技三期有限公司", "合肥市产业投资控股（集团）有限公司")] == {"share": 0.4}
    assert rels[("OWNED_BY", "长鑫科技集团股份有限公司", "合肥清辉集电企业管理合伙企业")] == {"share": 0.2167}
    shareholders = {rel[1] for rel in rels if rel[0] == "INVESTED_IN" and rel[2] == "长鑫科技集团股份有限公司"}
    assert {"国家大基金二期", "安徽省投资集团", "合肥清辉集电企业管理合伙企业"} <= shareholders


def test_a_registered_name_of_a_known_group_is_that_group() -> None:
    ex = extract(Article(text="合肥市产业投资控股（集团）有限公司领投了本轮融资。", published=PUBLISHED))
    assert [e.key for e in ex.entities if "合肥" in e.names[0]] == ["hefei-industry-inv"]


def test_a_known_group_then_words_of_a_sentence_is_no_longer_name() -> None:
    names = _entities("国家大基金二期、安徽省投资集团等也是长鑫科技集团的股东。")
    assert "安徽省投资集团" in names and not any("等也是" in n for n in names)


def test_a_company_counts_its_cornerstone_investors() -> None:
    rels = _rels("Lumina counts Alibaba, Tencent and Abu Dhabi Investment Authority among its cornerstone investors.")
    cornerstones = {rel[1] for rel, props in rels.items() if props.get("role") == "cornerstone" and rel[2] == "Lumina"}
    assert cornerstones == {"Alibaba", "Tencent", "Abu Dhabi Investment Authority"}


def test_counting_backers_is_a_standing_stake_without_a_round() -> None:
    rels = _rels("Lumina counts Alibaba and Tencent among its investors.")
    assert rels[("INVESTED_IN", "Alibaba", "Lumina")].get("round") is None
