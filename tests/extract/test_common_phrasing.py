"""Everyday phrasing of business news that no evaluation article prompted: registered names with
function words inside, people an article is about but never titles, a quoted name after "startup",
taking part in a named company's round, founding an unknown company, appointments announced by the
company, and English share-price debuts. Invented sentences; each rule has a near miss."""

from __future__ import annotations

import pytest

from kg.extract import extract
from kg.model import Article
from tests.factories import entity_types_by_name, relations_by_name

PUBLISHED = "2025-06-10"


def _extract(text: str):
    return extract(Article(text=text, published=PUBLISHED))


_rels = relations_by_name
_entities = entity_types_by_name


# -- registered names ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["北京光年之外科技有限公司", "北京星河之光科技有限公司", "深圳市前海星云之间信息技术有限公司"]
)
def test_a_registered_name_runs_from_its_region_to_its_legal_form(name: str) -> None:
    assert _entities(f"林澈宣布成立{name}。")[name] == {"Company"}


@pytest.mark.parametrize(
    ("text", "name"),
    [("他在北京成立光年科技有限公司。", "光年科技有限公司"), ("位于上海的星河科技有限公司成立。", "星河科技有限公司")],
)
def test_a_region_before_a_verb_or_particle_is_not_part_of_the_name(text: str, name: str) -> None:
    names = _entities(text)
    assert name in names
    assert not any(n.startswith(("北京", "上海", "在", "位于")) for n in names)


def test_a_verb_and_particle_glued_to_a_name_are_cut_off() -> None:
    rels = _rels("红杉中国参投了澜溯科技A轮融资。")
    assert rels[("INVESTED_IN", "红杉中国", "澜溯科技")]["round"] == "A"
    assert "红杉中国参投了澜溯科技" not in _entities("红杉中国参投了澜溯科技A轮融资。")


# -- people the article is about -------------------------------------------------------------------

_FEATURE = (
    "时隔两年,陆沉舟与韩青禾再次合作。韩青禾大力支持陆沉舟再次创业。"
    "两人相识于大学,陆沉舟沉迷编程,韩青禾则热衷辩论。多年后,陆沉舟回忆起这段经历仍然感慨。"
    "韩青禾说,这份友情一直延续。"
)


def test_people_named_again_and_again_without_a_title_are_people() -> None:
    names = _entities(_FEATURE)
    assert names.get("陆沉舟") == {"Person"}
    assert names.get("韩青禾") == {"Person"}


def test_a_word_that_merely_starts_with_a_surname_character_is_no_person() -> None:
    text = "高度重视安全。高度重视质量。高度重视服务。万元以上的订单不多,万元以下的订单很多,万元级别最常见。"
    assert not any("Person" in types for types in _entities(text).values())


def test_a_name_seen_once_without_a_cue_stays_unknown() -> None:
    assert "韩青禾" not in _entities("时隔两年,韩青禾再次合作。")


# -- a quoted name after "startup" -----------------------------------------------------------------


def test_a_quoted_name_after_a_startup_noun_is_a_company() -> None:
    assert _entities("他将参与陆沉舟创业公司“光年之外”的A轮投资。")["光年之外"] == {"Company"}


@pytest.mark.parametrize("text", ["该公司“高度重视”安全问题。", "星河公司“非常看好”这一市场。"])
def test_scare_quotes_after_a_company_are_no_name(text: str) -> None:
    names = _entities(text)
    assert "高度重视" not in names
    assert "非常看好" not in names


# -- taking part in a named company's round --------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "investors", "round_"),
    [
        ("红杉中国参与了澜溯科技的A轮融资。", ["红杉中国"], "A"),
        ("红杉中国、高瓴资本此前参与了澜溯科技2亿元B轮融资。", ["红杉中国", "高瓴资本"], "B"),
    ],
)
def test_taking_part_in_a_named_companys_round_is_an_investment(
    text: str, investors: list[str], round_: str
) -> None:
    rels = _rels(text)
    for investor in investors:
        assert rels[("INVESTED_IN", investor, "澜溯科技")]["round"] == round_


def test_taking_part_in_a_companys_event_is_no_investment() -> None:
    assert not any(t == "INVESTED_IN" for t, _s, _o in _rels("红杉中国参与了澜溯科技的发布会。"))


# -- founding an unknown company, and the title held there -----------------------------------------


@pytest.mark.parametrize(
    "text",
    ["原百度首席科学家李建华创立了深度智联。", "李建华于2023年创办深度智联。", "李建华是深度智联的创始人。"],
)
def test_the_company_a_person_founded_is_found_after_the_verb(text: str) -> None:
    assert ("FOUNDED", "李建华", "深度智联") in _rels(text)


@pytest.mark.parametrize("text", ["公司成立之初,团队只有三人。", "公司成立三年,营收翻倍。", "他创立了自己的公司。"])
def test_what_follows_a_founding_verb_is_not_always_a_name(text: str) -> None:
    assert not any("Company" in types for types in _entities(text).values())


def test_a_title_taken_after_founding_is_held_at_the_new_company() -> None:
    rels = _rels("李建华创立了深度智联，并出任董事长。")
    assert rels[("HOLDS_POSITION", "李建华", "深度智联")]["title"] == "董事长"


@pytest.mark.parametrize(
    "text",
    ["小米集团任命卢伟冰为总裁。", "小米集团总裁由卢伟冰担任。", "小米集团宣布，卢伟冰出任集团总裁。"],
)
def test_an_appointment_by_or_at_a_company_is_a_position_there(text: str) -> None:
    assert _rels(text)[("HOLDS_POSITION", "卢伟冰", "小米集团")]["title"] == "总裁"


def test_a_title_taken_after_leaving_elsewhere_is_not_put_on_the_announcer_of_nothing() -> None:
    rels = _rels("卢伟冰离开华为后出任公司总裁。")
    assert ("HOLDS_POSITION", "卢伟冰", "华为") not in rels


# -- English debuts --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Shares of Lanting Health jumped 40% in their Hong Kong debut on Friday.",
        "Lanting Health shares jumped 40% in their Hong Kong debut.",
        "Lanting Health made its trading debut in Hong Kong on Friday.",
    ],
)
def test_a_company_whose_shares_debut_is_listed(text: str) -> None:
    rels = _rels(text)
    assert [(t, s) for t, s, _o in rels] == [("LISTED_ON", "Lanting Health")]


def test_shares_of_a_listed_company_moving_are_no_listing() -> None:
    assert not any(t == "LISTED_ON" for t, _s, _o in _rels("Shares of Lanting Health jumped 4% on Friday."))


# -- the company before a step, past adverbs and dates ---------------------------------------------


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("云杉医疗获国投创合、苏州元禾控股等机构投资。", ("INVESTED_IN", "国投创合", "云杉医疗")),
        ("星河机器人于2024年12月完成5亿元B轮融资，由美团龙珠领投。", ("INVESTED_IN", "美团龙珠", "星河机器人")),
        ("极光智驾此前已完成三轮融资，投资方涵盖红杉、IDG资本。", ("INVESTED_IN", "IDG资本", "极光智驾")),
        ("云锦医疗于香港联交所主板挂牌，发行价为每股16.8港元。", ("LISTED_ON", "云锦医疗", "香港联交所主板")),
        ("李建华创办的深度智联再获融资。", ("FOUNDED", "李建华", "深度智联")),
    ],
)
def test_the_company_is_found_across_adverbs_and_dates_before_its_step(text: str, fact: tuple) -> None:
    assert fact in _rels(text)


def test_a_plan_to_list_is_neither_a_company_nor_a_listing() -> None:
    text = "澜起光电已于6月20日向美国证券交易委员会(SEC)提交F-1文件，计划在纳斯达克上市。"
    rels = _rels(text)
    assert "计划" not in _entities(text)
    assert not any(t == "LISTED_ON" for t, _s, _o in rels)
    assert rels[("FILED_FOR_IPO", "澜起光电", "纳斯达克")]["date"] == "2025-06-20"


def test_a_listing_scheduled_for_a_day_in_the_same_clause_is_still_a_listing() -> None:
    rels = _rels("澜起光电计划于2025年6月19日在港交所上市。")
    assert ("LISTED_ON", "澜起光电", "港交所") in rels


def test_an_english_registration_statement_is_an_ipo_filing() -> None:
    rels = _rels("Lanqi Optics filed an F-1 with the SEC on Friday, seeking a Nasdaq listing.")
    assert ("FILED_FOR_IPO", "Lanqi Optics", "Nasdaq") in rels


@pytest.mark.parametrize(
    ("text", "not_a_name"),
    [
        ("澄湖科技计划于2026年1月8日以“2513”为股票代码在港交所主板挂牌上市。", "股票代码"),
        ("澄湖電動宣布透過SPAC方式上市,目標在2026年第一季上市。", "目標"),
    ],
)
def test_words_before_a_listing_place_are_not_companies(text: str, not_a_name: str) -> None:
    assert not_a_name not in _entities(text)


def test_the_short_form_of_a_known_investor_is_no_person() -> None:
    text = "本轮由蓝驰创投领投。蓝驰在种子轮便给出高估值。蓝驰一向看好这家公司。蓝驰在这一领域布局很早。"
    assert "Person" not in _entities(text).get("蓝驰", set())


# -- careers ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "fact", "title"),
    [
        ("前台積電研發副總經理林本堅退休。", ("LEFT", "林本堅", "台積電"), "研發副總經理"),
        ("前蔚来汽车副总裁沈斐离职。", ("LEFT", "沈斐", "蔚来汽车"), "副总裁"),
    ],
)
def test_former_before_a_known_company_and_its_line_of_business_leave_the_title_clean(
    text: str, fact: tuple[str, str, str], title: str
) -> None:
    rels = _rels(text)
    assert rels[fact]["title"] == title


def test_a_known_university_and_a_department_stay_apart() -> None:
    assert "清华大学电子" not in _entities("清华大学电子系主任李明表示。")


@pytest.mark.parametrize(
    ("text", "facts"),
    [
        ("从华为离职后，张平安加入了腾讯。", {("LEFT", "张平安", "华为"), ("HOLDS_POSITION", "张平安", "腾讯")}),
        ("杨植麟此前曾在Google和Meta工作。", {("LEFT", "杨植麟", "Google"), ("LEFT", "杨植麟", "Meta")}),
    ],
)
def test_where_a_person_worked_before_and_joined_after(text: str, facts: set) -> None:
    assert facts <= set(_rels(text))


def test_a_measure_word_that_is_also_a_surname_inside_a_clause_is_no_person() -> None:
    assert not any("Person" in t for t in _entities("一张平安保单加入了赔付清单。").values())


# -- investments named by the investor's verb ------------------------------------------------------


def test_a_known_company_before_the_word_investment_is_the_investor() -> None:
    text = "继去年获得宁德时代投资后，蓝锂科技再获小米战略投资。"
    assert "宁德时代投资" not in _entities(text)
    assert ("INVESTED_IN", "宁德时代", "蓝锂科技") in _rels(text)


def test_a_known_company_with_an_investment_unit_and_legal_form_is_that_unit() -> None:
    assert "宁德时代投资有限公司" in _entities("宁德时代投资有限公司领投。")


def test_a_list_of_a_kind_of_investor_taking_a_stake() -> None:
    rels = _rels("华控基金、北京国管等国资机构此前已入股星澜机器人。")
    assert {("INVESTED_IN", "华控基金", "星澜机器人"), ("INVESTED_IN", "北京国管", "星澜机器人")} <= set(rels)


def test_an_english_investor_described_before_taking_part() -> None:
    text = ("Lanjing Robotics has raised 500 million yuan in a Series C round, with state-backed "
            "Beijing AI Industry Investment Fund taking part.")
    rels = _rels(text)
    assert rels[("INVESTED_IN", "Beijing AI Industry Investment Fund", "Lanjing Robotics")]["round"] == "C"


# -- English descriptions before a name ------------------------------------------------------------


def test_a_company_named_after_its_description_is_found() -> None:
    assert _entities("Shenzhen startup DeepWay closed a 500 million yuan Series A financing.")["DeepWay"] == {"Company"}


def test_a_capitalised_word_after_a_description_that_starts_no_clause_is_no_company() -> None:
    assert "The Guardian" not in _entities("The company said its partner The Guardian was unhappy.")


def test_an_investment_in_an_owners_described_partner_goes_to_the_partner() -> None:
    rels = _rels("China's state-backed Big Fund III has invested in Huawei's chip partner SiCarrier.")
    assert ("INVESTED_IN", "Big Fund III", "SiCarrier") in rels
    assert ("INVESTED_IN", "Big Fund III", "Huawei") not in rels


def test_a_founder_in_apposition_who_previously_founded_a_described_company() -> None:
    rels = _rels(
        "Wang Xiaochuan, founder and CEO of Baichuan Intelligence, previously founded the search engine Sogou."
    )
    assert {("FOUNDED", "Wang Xiaochuan", "Sogou"), ("FOUNDED", "Wang Xiaochuan", "Baichuan Intelligence")} <= set(rels)


# -- funds with no other part in a sentence about an investment ------------------------------------


def test_a_fund_in_a_sentence_about_a_round_with_no_other_part_is_an_investor() -> None:
    text = "澄湖科技完成A轮融资，在这份名单中还能看到启明创投的身影。"
    rels = _rels(text)
    assert ("INVESTED_IN", "启明创投", "澄湖科技") in rels
    assert "amount" not in rels[("INVESTED_IN", "启明创投", "澄湖科技")]


@pytest.mark.parametrize(
    "text",
    [
        "澄湖科技完成A轮融资，启明创投合伙人周志峰出任董事。",  # a partner of the fund, not the fund's money
        "澄湖科技发布新品，启明创投出席了发布会。",  # no investment in the sentence
        "澄湖科技完成A轮融资，腾讯是其最大客户。",  # a company that also invests is not taken on co-occurrence
    ],
)
def test_a_fund_beside_a_round_for_another_reason_is_no_investor(text: str) -> None:
    assert not any(t == "INVESTED_IN" for t, _s, _o in _rels(text) if _s in ("启明创投", "腾讯"))


# -- products ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("岚峰新材目前主推的半固态电池产品“磐岩”能量密度达到360Wh/kg。", ("DEVELOPS", "岚峰新材", "磐岩")),
        ("澄湖机器人已推出双足人形机器人「澄一」，身高1.6米。", ("DEVELOPS", "澄湖机器人", "澄一")),
        ("澄湖生物的核心管线CH-201是一款ADC药物。", ("DEVELOPS", "澄湖生物", "CH-201")),
    ],
)
def test_a_product_without_a_stated_maker_is_the_sentences_companys(text: str, fact: tuple) -> None:
    assert fact in _rels(text)


def test_a_product_after_another_companys_possessive_keeps_that_maker() -> None:
    rels = _rels("澄湖科技表示，英伟达的芯片H20供应紧张。")
    assert ("DEVELOPS", "英伟达", "H20") in rels
    assert ("DEVELOPS", "澄湖科技", "H20") not in rels


def test_a_model_code_before_a_product_word_is_no_company() -> None:
    assert "H20芯片" not in _entities("澄湖科技表示，英伟达的H20芯片供应紧张。")


@pytest.mark.parametrize("text", ["该芯片采用7nm工艺。", "公司的产品CEO表示。"])
def test_a_process_node_or_a_title_after_a_product_word_is_no_product(text: str) -> None:
    assert not any("Product" in t for t in _entities(text).values())


# -- Taiwanese and Hong Kong phrasing --------------------------------------------------------------


def test_a_private_placement_subscribed_by_a_fund_is_an_investment_in_the_issuer() -> None:
    rels = _rels("星宇半導體昨(15)日宣布完成新台幣10億元私募，由台積電旗下創投及國發基金參與認購。")
    assert ("INVESTED_IN", "國發基金", "星宇半導體") in rels
    assert not any(t == "INVESTED_IN" and o == "台積電" for t, _s, o in rels)


def test_a_dictionary_word_for_a_kind_of_company_is_no_part_of_the_name_after_it() -> None:
    names = _entities("聯發科旗下創投公司聯發資本參與星宇半導體本輪增資。")
    assert "聯發資本" in names
    assert "創投公司聯發資本" not in names


def test_two_titles_at_two_companies_before_one_person() -> None:
    rels = _rels("星宇半導體創辦人、前台積電處長陳建宏指出，公司目前員工約百人。")
    assert ("FOUNDED", "陳建宏", "星宇半導體") in rels
    assert rels[("LEFT", "陳建宏", "台積電")]["title"] == "處長"


def test_the_company_a_person_joined_is_found_after_the_verb() -> None:
    rels = _rels("據悉，前阿里雲總裁王堅已加盟雲錦醫療，出任首席科學家。")
    assert rels[("HOLDS_POSITION", "王堅", "雲錦醫療")]["title"] == "首席科學家"


def test_joining_a_team_names_no_company() -> None:
    assert not _entities("陈墨加入了团队，负责研发。").keys() - {"陈墨"}


def test_a_described_name_ending_a_headline_does_not_run_into_the_dateline() -> None:
    text = "State fund leads round in AI chipmaker Lanting\n\nSHANGHAI, March 13 - Lanting raised $50 million."
    assert not any("\n" in name for name in _entities(text))


# -- English: what is said of a company, a past role in apposition ---------------------------------


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("Tencent-backed Lanting Health said it would raise up to HK$1.2 billion in its Hong Kong IPO.",
         ("INVESTED_IN", "Tencent", "Lanting Health")),
        ("Lanting Health's IPO drew cornerstone investors including Hillhouse and Temasek.",
         ("INVESTED_IN", "Temasek", "Lanting Health")),
        ("Lanting Health is listed on the Shanghai Stock Exchange's STAR Market under the ticker 688123.",
         ("LISTED_ON", "Lanting Health", "Shanghai Stock Exchange")),
        ("Lanting Health, which listed in Hong Kong in 2024, is now seeking a secondary listing in Shanghai.",
         ("LISTED_ON", "Lanting Health", "香港交易所")),
    ],
)
def test_a_company_named_by_what_english_news_says_of_it(text: str, fact: tuple) -> None:
    assert fact in _rels(text)


def test_a_past_role_in_apposition_and_the_new_one_after_it() -> None:
    rels = _rels("Chen Hao, formerly a vice president at Alibaba, joined Lanting Health as chief operating "
                 "officer in May.")
    assert rels[("LEFT", "Chen Hao", "Alibaba")]["title"] == "vice president"
    assert rels[("HOLDS_POSITION", "Chen Hao", "Lanting Health")]["title"] == "COO"


def test_a_company_after_a_founding_clause_is_no_person() -> None:
    assert "Person" not in _entities("Before founding Lanting Health, Zhou Wei spent a decade at Tencent.").get(
        "Lanting Health", set())


# -- titles and founders the news uses every day ----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "fact", "title"),
    [
        # Hong Kong's word for the chief executive, and an exchange's own officers
        ("香港交易所行政总裁陈立新表示，白桦科技将于下月上市。", ("陈立新", "香港交易所"), "CEO"),
        ("图为港交所CEO陈立新和白桦科技创始人合照。", ("陈立新", "港交所"), "CEO"),
        ("白桦科技董事会秘书黄家明介绍了公司的情况。", ("黄家明", "白桦科技"), "董事会秘书"),
        ("香港交易所上市委员会副主席黄家明介绍了白桦科技的情况。", ("黄家明", "香港交易所"), "上市委员会副主席"),
        ("白桦科技的技术委员会主任王立平说。", ("王立平", "白桦科技"), "技术委员会主任"),
        ("云杉集团党委书记、董事长刘建国出席了活动。", ("刘建国", "云杉集团"), "党委书记"),
        ("白桦科技现任CEO周国强表示，公司将继续扩产。", ("周国强", "白桦科技"), "CEO"),
        ("Lin Hao, chief investment officer of Spruce Capital, said the fund would keep investing.",
         ("Lin Hao", "Spruce Capital"), "chief investment officer"),
    ],
)
def test_a_title_the_news_uses_every_day_gives_the_position(text: str, fact: tuple, title: str) -> None:
    ex = _extract(text)
    name = {e.handle: e.names[0] for e in ex.entities}
    titles = {r.props.get("title") for r in ex.relations
              if r.type == "HOLDS_POSITION" and (name[r.source], name[r.target]) == fact}
    assert title in titles


def test_an_exchange_in_a_listing_sentence_gets_no_officer() -> None:
    """Near miss: the exchange is where the company lists; the CEO after the comma is not its CEO."""
    rels = _rels("白桦科技登陆港交所，CEO陈立新表示将继续投入研发。")
    assert not any(t == "HOLDS_POSITION" and o == "港交所" for t, _s, o in rels)


@pytest.mark.parametrize(
    ("text", "org"), [("云杉投资创始合伙人李明远对白桦科技的发展给予了高度评价。", "云杉投资"),
                      ("Li Ming, founding partner of Spruce Ventures, said the deal was done.", "Spruce Ventures")]
)
def test_a_founding_partner_founded_the_fund_and_holds_a_seat_in_it(text: str, org: str) -> None:
    rels = _rels(text)
    person = "李明远" if "李明远" in text else "Li Ming"
    assert ("FOUNDED", person, org) in rels
    assert rels[("HOLDS_POSITION", person, org)]["title"] in {"创始合伙人", "founding partner"}


def test_a_founder_is_not_also_given_a_founder_position() -> None:
    """Near miss: a founder (not a founding partner) founded the company and holds no seat named so."""
    rels = _rels("白桦科技创始人李明远表示看好该赛道。")
    assert ("FOUNDED", "李明远", "白桦科技") in rels
    assert ("HOLDS_POSITION", "李明远", "白桦科技") not in rels


@pytest.mark.parametrize(
    "text",
    [
        "从腾讯退休2年多的刘文博上个月宣布成立北京远山之外科技有限公司。",
        "刘文博宣布成立北京远山之外科技有限公司。",
    ],
)
def test_a_person_who_announces_a_new_company_founded_it(text: str) -> None:
    assert ("FOUNDED", "刘文博", "北京远山之外科技有限公司") in _rels(text)


@pytest.mark.parametrize(
    "text", ["他将参与刘文博创业公司“远山智能”的A轮投资。", "他将参与刘文博的创业公司远山智能的A轮融资。"]
)
def test_someones_start_up_was_founded_by_them(text: str) -> None:
    assert ("FOUNDED", "刘文博", "远山智能") in _rels(text)


def test_a_start_up_with_no_person_before_it_has_no_founder() -> None:
    ex = _extract("这是一家创业公司白桦科技。")
    assert not ex.relations
    assert {n for e in ex.entities for n in e.names} == {"白桦科技"}


# -- careers, filings and spin-offs -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "facts"),
    [
        # a career verb ends the name before it, even when jieba reads 加盟 as a place
        ("前字节跳动高管刘文博加盟星桥智能，出任CTO。",
         {("LEFT", "刘文博", "字节跳动"), ("HOLDS_POSITION", "刘文博", "星桥智能")}),
        ("刘文博接替王立平出任星桥智能CEO。",
         {("HOLDS_POSITION", "刘文博", "星桥智能"), ("LEFT", "王立平", "星桥智能")}),
        ("星桥智能任命刘文博接替王立平担任CEO。",
         {("HOLDS_POSITION", "刘文博", "星桥智能"), ("LEFT", "王立平", "星桥智能")}),
    ],
)
def test_joining_and_succeeding(text: str, facts: set) -> None:
    rels = _rels(text)
    assert facts <= set(rels)
    held = {p.get("title") for (t, per, _o), p in rels.items() if t == "HOLDS_POSITION" and per == "王立平"}
    assert "CEO" not in held


@pytest.mark.parametrize(
    ("text", "exchange"),
    [("白桦科技的科创板IPO申请已获上交所受理。", "科创板"), ("白桦科技科创板IPO获受理。", "科创板"),
     ("白樺科技的上市申請已獲港交所受理。", "港交所")],
)
def test_an_application_accepted_by_an_exchange_is_a_filing(text: str, exchange: str) -> None:
    assert ("FILED_FOR_IPO", text[:4], exchange) in _rels(text)


def test_an_accepted_application_that_is_no_listing_is_no_filing() -> None:
    assert not _extract("白桦科技表示，客户的订单申请已获受理。").relations


@pytest.mark.parametrize(
    ("text", "child", "parent"),
    [
        ("白桦汽车将旗下芯片业务分拆为独立公司白桦芯片。", "白桦芯片", "白桦汽车"),
        ("白桦汽车分拆旗下芯片业务成立白桦芯片。", "白桦芯片", "白桦汽车"),
        ("白桦汽车分拆出白桦芯片并引入外部投资者。", "白桦芯片", "白桦汽车"),
        ("白桦汽车拟分拆白桦芯片至科创板上市。", "白桦芯片", "白桦汽车"),
        ("Birch Motors spun off its chip unit as Birch Semiconductor last year.", "Birch Semiconductor",
         "Birch Motors"),
        ("Birch Motors will spin off Birch Semiconductor.", "Birch Semiconductor", "Birch Motors"),
    ],
)
def test_a_parent_that_spins_off_a_company(text: str, child: str, parent: str) -> None:
    assert ("SPUN_OFF_FROM", child, parent) in _rels(text)


@pytest.mark.parametrize(
    "text", ["白桦汽车与白桦芯片签署协议，剥离部分资产。", "白桦汽车分拆上市计划搁置，白桦芯片表示不予置评。",
             "白桦汽车分拆ADC平台，白桦芯片随后成立。"]
)
def test_no_spin_off_without_a_company_spun_off(text: str) -> None:
    assert not any(t == "SPUN_OFF_FROM" for t, _c, _p in _rels(text))


# -- appointments and past roles in English; long department titles in Chinese ---------------------


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("Birch Robotics appointed Wang Liping as its new chief executive.", "CEO"),
        ("Birch Robotics has named Wang Liping chief technology officer.", "CTO"),
        ("Birch Robotics hired former Tesla engineer Wang Liping as CTO.", "CTO"),
        ("Wang Liping will take over as CEO of Birch Robotics.", "CEO"),
        ("Wang Liping, who formerly worked at Huawei, joined Birch Robotics as CTO.", "CTO"),
    ],
)
def test_an_english_appointment_gives_the_title(text: str, title: str) -> None:
    assert _rels(text)[("HOLDS_POSITION", "Wang Liping", "Birch Robotics")]["title"] == title


def test_a_company_named_after_the_verb_named_is_no_person() -> None:
    """Near miss: "a startup named X" names a company; without a title after it, no one is appointed."""
    ex = _extract("Spruce Capital invested in a startup named Birch Robotics last year.")
    assert not any("Person" in e.types for e in ex.entities)


@pytest.mark.parametrize(
    ("text", "org"),
    [("Wang Liping, who previously led the autonomous driving unit at Baidu, joined Birch Robotics.", "Baidu"),
     ("Wang Liping, who formerly worked at Huawei, joined Birch Robotics as CTO.", "Huawei")],
)
def test_a_past_role_in_a_relative_clause_is_a_departure(text: str, org: str) -> None:
    rels = _rels(text)
    assert ("LEFT", "Wang Liping", org) in rels
    assert ("HOLDS_POSITION", "Wang Liping", "Birch Robotics") in rels


@pytest.mark.parametrize(
    ("text", "person", "org", "title"),
    [("刘文博曾任华为自动驾驶事业部总经理。", "刘文博", "华为", "自动驾驶事业部总经理"),
     ("據悉，星橋智能創辦人劉文博曾任華為自動駕駛部門負責人。", "劉文博", "華為", "自動駕駛部門負責人")],
)
def test_the_head_of_a_long_named_unit_is_a_title(text: str, person: str, org: str, title: str) -> None:
    assert _rels(text)[("LEFT", person, org)]["title"] == title


def test_since_when_is_no_company() -> None:
    names = _entities("据了解，这已经是星桥智能今年以来完成的第三轮融资，投资方均为国资背景。")
    assert set(names) == {"星桥智能"}


# -- an English funding story told over several sentences -----------------------------------------

_WIRE_STORY = """Birch Robotics raises $80 million to build humanoid robots for factories

Birch Robotics, a Shenzhen-based startup making humanoid robots for car plants, has raised $80 million in a \
Series B round.
The round drew Spruce Capital, Maple Ventures and Oakwood Partners, the company said on Tuesday.
Existing backers Redwood Capital and the Shenzhen Capital Group also put in more money.
Founded in 2021 by Li Wenbo, a former robotics engineer at Huawei, Birch Robotics has now raised more than $150 million.
Li, who serves as chief executive, said the money would go to its second factory in Dongguan.
The company's chief technology officer, Zhao Min, previously worked at UBTech.
"""


def test_a_wire_story_keeps_the_round_across_sentences_and_finds_its_people() -> None:
    rels = _rels(_WIRE_STORY)
    investors = {s for (t, s, o) in rels if t == "INVESTED_IN" and o == "Birch Robotics"}
    assert investors == {"Spruce Capital", "Maple Ventures", "Oakwood Partners", "Redwood Capital",
                         "Shenzhen Capital Group"}
    assert {rels[("INVESTED_IN", i, "Birch Robotics")]["round"] for i in investors} == {"B"}
    assert rels[("HOLDS_POSITION", "Li Wenbo", "Birch Robotics")]["title"] == "CEO"
    assert rels[("HOLDS_POSITION", "Zhao Min", "Birch Robotics")]["title"] == "CTO"
    assert ("LEFT", "Zhao Min", "UBTech") in rels
    assert ("FOUNDED", "Li Wenbo", "Birch Robotics") in rels


@pytest.mark.parametrize(
    "text", ["Redwood Capital also invested in Birch Robotics.", "Redwood Capital has also invested in Birch Robotics.",
             "Redwood Capital and Maple Ventures invested in Birch Robotics."]
)
def test_an_adverb_or_a_list_before_invested(text: str) -> None:
    assert ("INVESTED_IN", "Redwood Capital", "Birch Robotics") in _rels(text)


def test_putting_in_more_money_without_a_round_in_view_is_no_investment() -> None:
    """Near miss: with no funding story around it, "put in more money" names no company to invest in."""
    assert not _extract("Redwood Capital also put in more money.").relations


# -- a 36Kr-style round and a Hong Kong debut, told over several paragraphs ----------------------

_ROUND_STORY = """具身智能公司「星桥智能」完成5亿元B轮融资

36氪获悉，具身智能公司「星桥智能」近日完成5亿元B轮融资。本轮融资由云杉资本领投，枫林创投、橡树资本跟投，老股东松柏基金持续加注，华兴资本担任独家财务顾问。本轮资金将主要用于新一代人形机器人的研发和量产。

星桥智能成立于2021年，总部位于深圳，创始人兼CEO刘文博毕业于清华大学。公司联合创始人兼CTO赵敏此前是优必选的算法负责人。
"""

_DEBUT_STORY = """白樺醫療今日於港交所主板掛牌 首日高開兩成

創新藥企白樺醫療（2598.HK）今日正式於港交所主板掛牌上市，開盤報每股22港元，較招股價18港元高出22%。

公司於2016年由前藥明康德副總裁周國強創立，周國強現任公司董事會主席兼首席執行官。招股書顯示，白樺醫療於2024年錄得收入1.2億元人民幣。
"""


def test_a_round_story_names_its_adviser_but_not_as_an_investor() -> None:
    rels = _rels(_ROUND_STORY)
    investors = {s for (t, s, o) in rels if t == "INVESTED_IN" and o == "星桥智能"}
    assert investors == {"云杉资本", "枫林创投", "橡树资本", "松柏基金"}
    assert "华兴资本" not in investors


def test_a_product_generation_is_no_company_and_a_founder_belongs_to_the_story() -> None:
    rels = _rels(_ROUND_STORY)
    names = {n for e in _extract(_ROUND_STORY).entities for n in e.names}
    assert not any(n.startswith("新一代") for n in names)
    assert rels[("HOLDS_POSITION", "刘文博", "星桥智能")]["title"] == "CEO"
    assert rels[("LEFT", "赵敏", "优必选")]["title"] == "算法负责人"


def test_a_kind_of_company_before_its_name_and_a_recurring_name_head_are_no_part_of_it() -> None:
    ex = _extract(_DEBUT_STORY)
    kinds = {n: set(e.types) for e in ex.entities for n in e.names}
    assert "白樺醫療" in kinds and "Company" in kinds["白樺醫療"]
    assert not any(n.startswith("創新藥企") for n in kinds)
    assert "白樺" not in kinds  # the head of the company's name, recurring, is no person
    rels = _rels(_DEBUT_STORY)
    assert ("FOUNDED", "周國強", "白樺醫療") in rels


# -- a Hong Kong wire story and a Taiwanese round -----------------------------------------------------

_HK_WIRE = """Birch Robotics shares jump 35% in Hong Kong debut

HONG KONG, June 10 (Reuters) - Shares of Chinese humanoid robot maker Birch Robotics rose as much as 35% in their \
Hong Kong trading debut on Tuesday, after the company raised HK$1.2 billion in its initial public offering.
Birch Robotics, founded in 2019 by former DJI engineer Chen Hao, counts Tencent and HongShan among its early backers.
"""


def test_a_former_employer_is_neither_the_company_backed_nor_founded() -> None:
    rels = _rels(_HK_WIRE)
    assert ("FOUNDED", "Chen Hao", "Birch Robotics") in rels
    assert ("LEFT", "Chen Hao", "DJI") in rels
    assert not any(t == "FOUNDED" and o != "Birch Robotics" for t, _s, o in rels)
    assert {s for (t, s, o) in rels if t == "INVESTED_IN" and o == "Birch Robotics"} == {"Tencent", "HongShan"}
    assert not any(t == "INVESTED_IN" and o == "DJI" for t, _s, o in rels)


def test_backers_a_company_counts_hold_a_stake_with_no_date_of_the_sentence() -> None:
    rels = _rels(_HK_WIRE)
    assert "date" not in rels[("INVESTED_IN", "Tencent", "Birch Robotics")]


def test_a_taiwanese_round_in_new_taiwan_dollars() -> None:
    rels = _rels("台灣AI晶片新創「矽橋科技」宣布完成新台幣15億元B輪募資，由國發基金領投。")
    fact = rels[("INVESTED_IN", "國發基金", "矽橋科技")]
    assert (fact["round"], fact["amount"], fact["currency"]) == ("B", 1_500_000_000, "TWD")


# -- a coined four-character name, and a chip round led by a national fund --------------------------

_CHIP_ROUND = """国产GPU企业云芯智算完成超20亿元C轮融资 国家大基金三期领投

财联社12月3日电，国产GPU企业云芯智算近日宣布完成超20亿元C轮融资。本轮融资由国家集成电路产业投资基金三期领投，\
上海国投先导基金、北京市人工智能产业投资基金、合肥产投共同参与，老股东红杉中国、启明创投继续追加投资。

据了解，云芯智算成立于2020年，创始人张立新曾任英伟达中国区技术总监。公司核心团队来自英伟达、AMD和华为海思。
"""


@pytest.mark.parametrize(
    "text",
    ["云芯智算完成超20亿元C轮融资。", "国产GPU企业云芯智算近日宣布完成超20亿元C轮融资。",
     "云芯智算近日宣布完成C轮融资。"],
)
def test_a_coined_name_jieba_cuts_before_its_last_character_is_the_rounds_company(text: str) -> None:
    assert "云芯智算" in _entities(text)


def test_a_chip_round_led_by_a_national_fund() -> None:
    rels = _rels(_CHIP_ROUND)
    investors = {s for (t, s, o) in rels if t == "INVESTED_IN" and o == "云芯智算"}
    assert {"红杉中国", "启明创投", "上海国投先导基金", "北京市人工智能产业投资基金", "合肥产投"} <= investors
    assert any("大基金" in s or "集成电路产业投资基金" in s for s in investors)
    assert ("FOUNDED", "张立新", "云芯智算") in rels
    assert rels[("LEFT", "张立新", "英伟达")]["title"] == "中国区技术总监"
    assert not any(t == "INVESTED_IN" and o in {"英伟达", "AMD"} for t, _s, o in rels)  # where the team came from


def test_a_known_name_with_its_own_longer_form_before_a_title_stays_whole() -> None:
    """Near miss: in "蔚来汽车副总裁" the 汽车 is the company's, not a department's."""
    assert ("LEFT", "沈斐", "蔚来汽车") in _rels("前蔚来汽车副总裁沈斐离职。")


@pytest.mark.parametrize(
    ("text", "name"),
    [("极晞科技完成超5亿元B轮融资。", "极晞科技"), ("鲸元智能完成超5亿元B轮融资。", "鲸元智能"),
     ("极蓝机器人完成超5亿元B轮融资。", "极蓝机器人")],
)
def test_a_coined_name_opening_its_clause_keeps_its_first_character(text: str, name: str) -> None:
    """jieba reads 极 as an adverb and 元 as a numeral; neither ends a name that opens the clause."""
    assert name in _entities(text)


def test_a_function_word_opening_the_clause_is_still_no_part_of_the_name() -> None:
    names = _entities("由蓝科技领投的这轮融资已经完成。")
    assert not any(n.startswith("由") for n in names)


def test_a_deal_verb_jieba_splits_ends_the_name_before_it() -> None:
    """"星澜资本领投岚曜科技": jieba cuts 领/投, and the run read as one long company name."""
    rels = _rels("星澜资本领投岚曜科技A轮融资")
    assert rels[("INVESTED_IN", "星澜资本", "岚曜科技")]["round"] == "A"


@pytest.mark.parametrize(
    ("text", "round_"),
    [("Birch Labs raised $20 million in seed funding from Spruce Capital.", "seed"),
     ("Birch Labs raised angel financing from Spruce Capital.", "angel")],
)
def test_seed_funding_and_angel_financing_name_the_round(text: str, round_: str) -> None:
    assert _rels(text)[("INVESTED_IN", "Spruce Capital", "Birch Labs")]["round"] == round_


@pytest.mark.parametrize(
    ("text", "round_"),
    [("星桥智能获得了来自云杉资本的数千万元天使投资。", "angel"), ("星桥智能完成种子融资，投资方为云杉资本。", "seed")],
)
def test_an_early_round_named_without_lun(text: str, round_: str) -> None:
    assert _rels(text)[("INVESTED_IN", "云杉资本", "星桥智能")]["round"] == round_


def test_an_angel_investor_names_no_round() -> None:
    assert _rels("星桥智能的天使投资人包括云杉资本。")[("INVESTED_IN", "云杉资本", "星桥智能")].get("round") is None


def test_a_shareholder_holds_a_stake() -> None:
    rels = _rels("云杉资本是星桥智能的第一大股东，持股比例为18%。")
    assert ("INVESTED_IN", "云杉资本", "星桥智能") in rels


def test_a_customer_is_no_shareholder() -> None:
    assert not _rels("云杉资本是星桥智能的客户。")


def test_a_confidential_filing_is_no_company() -> None:
    rels = _rels("據悉，星橋智能已於上月秘密遞表港交所，擬於年內上市。")
    assert ("FILED_FOR_IPO", "星橋智能", "港交所") in rels
    assert "秘密" not in _entities("據悉，星橋智能已於上月秘密遞表港交所，擬於年內上市。")


def test_the_head_of_a_business_unit_of_a_known_company() -> None:
    rels = _rels("星桥智能由原华为智能汽车解决方案BU总裁李明远创立。")
    assert rels[("LEFT", "李明远", "华为")]["title"] == "智能汽车解决方案BU总裁"
    assert ("FOUNDED", "李明远", "星桥智能") in rels


def test_a_place_in_an_english_list_of_investors_is_no_investor() -> None:
    text = ("Birch Robotics has raised a total of $200 million from investors including Spruce Capital, "
            "Maple Ventures and the Hefei government's investment arm.")
    assert {s for (t, s, _o) in _rels(text) if t == "INVESTED_IN"} == {"Spruce Capital", "Maple Ventures"}


def test_the_head_of_a_team_who_leaves() -> None:
    rels = _rels("字节跳动大模型团队负责人刘文博离职，将创办一家AI公司。")
    assert rels[("LEFT", "刘文博", "字节跳动")]["title"] == "大模型团队负责人"
