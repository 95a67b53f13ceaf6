"""Products named by what they are, the date of the round an article reports, and careers told in one
sentence ("早年任职A…离开A后", "由A加盟"). Invented sentences, each rule with a near miss."""

from __future__ import annotations

import pytest

from kg.extract import extract
from kg.extract.relations.engine import round_in
from kg.model import Article
from tests.factories import PHRASING_DAY, entity_types_by_name, relations_by_name

_rels = relations_by_name
_entities = entity_types_by_name


# -- products named by what they are ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "product"),
    [
        ("岚川科技目前主力产品为车规级MCU「川芯R5」系列。", "川芯R5"),
        ("岚川科技旗下四足机械人「行云X2」已量产。", "行云X2"),
        ("岚川科技的光引擎「LumaPort 1.6T」已送样。", "LumaPort 1.6T"),
        ("岚川科技推出了图像处理芯片QS-ISP300。", "QS-ISP300"),
        ("岚川科技发布自研五指灵巧手QH-Hand 2。", "QH-Hand 2"),
        ("岚川科技推出全尺寸人形机器人岚川K7。", "岚川K7"),
        ("Lanchuan sells the LumaEye depth camera module to robot makers.", "LumaEye"),
        ("The startup's first model, LM-1, is trained on teleoperation data.", "LM-1"),
    ],
)
def test_a_product_is_named_by_what_it_is(text: str, product: str) -> None:
    assert _entities(text).get(product) == {"Product"}


@pytest.mark.parametrize(
    ("text", "not_a_product"),
    [
        ("岚川科技用于模型训练H100集群的采购已完成。", "训练H100"),  # a verb before a code is no brand
        ("人形机器人公司A1轮融资完成。", "A1"),  # a round, not a model
        ("青山资本旗下投资平台「青山一号」完成备案。", "青山一号"),  # an investment platform is no product
        ("The ByteDance team met the press.", "ByteDance"),  # after "the", only a product noun makes one
    ],
)
def test_near_misses_are_not_products(text: str, not_a_product: str) -> None:
    assert "Product" not in _entities(text).get(not_a_product, set())


def test_the_products_of_the_company_the_passage_is_about() -> None:
    rels = _rels("岚川科技成立于2019年。公司主力产品为车规级MCU「川芯R5」系列。"
                 "公司正在研发的医疗大模型「川问」将于年内上线。")
    assert ("DEVELOPS", "岚川科技", "川芯R5") in rels
    assert ("DEVELOPS", "岚川科技", "川问") in rels


def test_an_english_company_developing_a_product() -> None:
    rels = _rels("Lanchuan Robotics raised $10 million. The company is also developing LumaGrip, a gripper.")
    assert ("DEVELOPS", "Lanchuan Robotics", "LumaGrip") in rels


# -- the date of the round an article reports --------------------------------------------------------


def test_an_undated_round_an_article_reports_takes_the_publication_month() -> None:
    rels = _rels("岚川科技完成2亿元B轮融资,由青山资本领投,云杉基金跟投。", published="2025-09-16")
    assert rels[("INVESTED_IN", "青山资本", "岚川科技")]["date"] == "2025-09"
    assert rels[("INVESTED_IN", "云杉基金", "岚川科技")]["date"] == "2025-09"


@pytest.mark.parametrize(
    "text",
    [
        "岚川科技此前曾获得青山资本投资。",  # an earlier round
        "岚川科技计划明年引入青山资本投资。",  # a planned one
    ],
)
def test_a_round_in_the_past_or_the_future_of_the_report_takes_no_date(text: str) -> None:
    rels = _rels(text, published="2025-09-16")
    props = rels.get(("INVESTED_IN", "青山资本", "岚川科技"), {})
    assert props.get("date") != "2025-09"


def test_only_the_first_round_of_an_article_is_its_news() -> None:
    text = "岚川科技完成2亿元B轮融资,由青山资本领投。岚川科技的A轮由云杉基金独家投资。"
    rels = _rels(text, published="2025-09-16")
    assert rels[("INVESTED_IN", "青山资本", "岚川科技")]["date"] == "2025-09"
    assert "date" not in rels[("INVESTED_IN", "云杉基金", "岚川科技")]


# -- careers in one sentence --------------------------------------------------------------------------


def test_a_career_at_a_company_then_leaving_it_is_a_departure_with_the_title_reached() -> None:
    rels = _rels("创始人林远航早年任职华为,官至研发总监,2019年离开华为后创办了星河智造。")
    assert rels[("LEFT", "林远航", "华为")]["title"] == "研发总监"


def test_leaving_another_company_than_the_one_worked_at_is_not_read_as_that_career() -> None:
    rels = _rels("林远航早年任职华为,后来离开小米。")
    assert ("LEFT", "林远航", "华为") not in rels


def test_joining_from_a_company_is_leaving_it() -> None:
    rels = _rels("首席技术官郗明远于2019年由华为海思加盟。")
    assert ("LEFT", "郗明远", "华为海思") in rels
    assert "Person" in _entities("首席技术官郗明远于2019年由华为海思加盟。")["郗明远"]


def test_a_founder_noun_is_no_founding_of_a_company_named_by_titles() -> None:
    types = _entities("岚川科技成立于2018年,创办人林远航现任公司董事长兼首席执行官。")
    assert "董事长兼首席执行官" not in types
    rels = _rels("岚川科技成立于2018年,创办人林远航现任公司董事长兼首席执行官。")
    assert rels[("HOLDS_POSITION", "林远航", "岚川科技")]["title"] in ("董事长", "CEO")


# -- English founders, departures and spin-offs --------------------------------------------------------


def test_founders_named_after_a_founding_with_a_time_word() -> None:
    rels = _rels("Lanchuan was started last year by Ethan Wu and Sophie Lin.")
    assert ("FOUNDED", "Ethan Wu", "Lanchuan") in rels
    assert ("FOUNDED", "Sophie Lin", "Lanchuan") in rels


def test_a_co_founder_named_after_with_who_remains_in_post() -> None:
    rels = _rels("Zhao Ming co-founded Photonia in 2015 with Wei Lan, who remains the company's chairman.")
    assert ("FOUNDED", "Wei Lan", "Photonia") in rels
    assert ("HOLDS_POSITION", "Wei Lan", "Photonia") in rels


def test_an_earlier_employer_named_before_the_leaving_is_what_was_left() -> None:
    rels = _rels("Lanchuan was started last year by Ethan Wu. Wu, the CEO, spent five years at Google DeepMind "
                 "as a research scientist before leaving in 2024.")
    assert ("LEFT", "Ethan Wu", "Lanchuan") not in rels
    assert ("HOLDS_POSITION", "Ethan Wu", "Lanchuan") in rels


def test_stepping_down_to_lead_the_new_firm() -> None:
    text = ("Photonia has spun off its robot vision business into a standalone company, Ocelot Robotics, "
            "with co-founder Zhang Hao stepping down as Photonia's president to become the new firm's "
            "chief executive.")
    rels = _rels(text)
    assert ("SPUN_OFF_FROM", "Ocelot Robotics", "Photonia") in rels
    assert rels[("LEFT", "Zhang Hao", "Photonia")]["title"] == "president"
    assert ("HOLDS_POSITION", "Zhang Hao", "Ocelot Robotics") in rels
    assert ("HOLDS_POSITION", "Zhang Hao", "Photonia") not in rels


# -- words that are not names ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("今年以来,岚川科技在终端侧持续加码,已与多家厂商展开合作。", "终端侧"),
        ("这一轮属于顺势加码。", "顺势"),
        ("本轮投资方包括青山资本,老股东云杉基金继续追投。", "追投"),
        ("被称为六小虎的大模型创业公司普遍在收缩战线。", "普遍"),
        ("2023年初,林远航离开优必选,在北京亦庄创办岚川动力。", "亦庄"),
    ],
)
def test_everyday_words_and_places_are_not_names(text: str, word: str) -> None:
    assert word not in _entities(text)


def test_an_investor_continuing_to_invest_is_still_an_investor() -> None:
    rels = _rels("岚川科技完成B轮融资,本轮投资方包括青山资本,老股东云杉基金继续追投。")
    assert ("INVESTED_IN", "云杉基金", "岚川科技") in rels


def test_a_person_named_after_a_city_district_is_still_a_person() -> None:
    assert "Person" in _entities("北京人工智能公司岚川科技创始人王明远表示,公司将扩招。")["王明远"]


# -- a company a pronoun's person set up ------------------------------------------------------------


def test_a_company_he_registered_and_the_post_he_took() -> None:
    rels = _rels("今年3月,骆恒卸任百川智能技术副总裁。一个月后,他在成都注册了新公司「岐岚智医」,出任创始人兼CEO。")
    assert ("FOUNDED", "骆恒", "岐岚智医") in rels
    assert rels[("HOLDS_POSITION", "骆恒", "岐岚智医")]["title"] == "CEO"


# -- companies named by what they are ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "investor", "company"),
    [
        ("青山母基金今年9月参与了具身智能初创企业岚骑机器人的天使轮融资。", "青山母基金", "岚骑机器人"),
        ("云杉资本领投了智能驾驶芯片公司云岫芯智的A轮融资。", "云杉资本", "云岫芯智"),
        ("成都科创投以2亿元独家投资了算力芯片企业蜀岚算力的Pre-A轮。", "成都科创投", "蜀岚算力"),
    ],
)
def test_a_company_named_between_its_kind_and_its_round_is_funded(text: str, investor: str, company: str) -> None:
    assert ("INVESTED_IN", investor, company) in _rels(text)


def test_a_sole_investor_with_its_sum_before_the_verb_takes_the_sum() -> None:
    rels = _rels("成都科创投以2亿元独家投资了算力芯片企业蜀岚算力的Pre-A轮。")
    deal = rels[("INVESTED_IN", "成都科创投", "蜀岚算力")]
    assert (deal["amount"], deal["round"], deal["role"]) == (200_000_000, "pre-A", "sole")


def test_a_kind_of_company_after_a_long_description_is_not_part_of_the_name() -> None:
    types = _entities("内地车规级晶片设计商芯岚半导体今日在港交所主板挂牌。")
    assert "芯岚半导体" in types
    assert not any(name.endswith("设计商芯岚半导体") for name in types)


def test_the_company_of_a_kind_word_alone_is_no_name() -> None:
    """Near miss: "该公司的B轮" names no company between the kind and the round."""
    assert "的B轮" not in _entities("该公司的B轮融资由红杉中国领投。")


def test_an_english_name_containing_the_letters_of_a_title_is_still_an_alias() -> None:
    """"Semiconductor" holds "cto": the English name in brackets is the same company, with its code."""
    rels = _rels("芯岚半导体（XinLan Semiconductor，2986）今日在港交所主板挂牌。")
    assert rels[("LISTED_ON", "芯岚半导体", "港交所主板")]["ticker"] == "2986"
    companies = [e for e in extract(Article(text="芯岚半导体（XinLan Semiconductor，2986）今日在港交所主板挂牌。",
                                            published=PHRASING_DAY)).entities if "Company" in e.types]
    assert [sorted(e.names) for e in companies] == [["XinLan Semiconductor", "芯岚半导体"]]


# -- Taiwan: the exchange by its short name, private placements ---------------------------------------


def test_a_code_listed_on_the_exchange_taiwan_calls_zhengjiaosuo_is_a_twse_listing() -> None:
    rels = _rels("去年9月才在證交所掛牌上市的ASIC設計服務廠晟岚科技（7841）昨日董事會通過人事案。")
    listing = next(props for (kind, co, _ex), props in rels.items() if kind == "LISTED_ON" and co == "晟岚科技")
    assert listing["ticker"] == "7841"
    assert ("LISTED_ON", "晟岚科技", "香港交易所") not in rels
    assert any(k[0] == "LISTED_ON" and k[2] in ("台湾证券交易所", "證交所") for k in rels)


def test_a_bare_code_with_hong_kong_words_stays_a_hong_kong_listing() -> None:
    """Near miss: no Taiwanese word, so the four-digit code is Hong Kong's."""
    rels = _rels("晟岚科技（7841）今日挂牌上市,首日高开三成。")
    assert any(k[0] == "LISTED_ON" and k[2] == "香港交易所" for k in rels)


def test_the_placee_of_a_private_placement_invests_in_a_pipe() -> None:
    rels = _rels("晟岚科技昨日董事會通過人事案。晟岚同日也宣布,將以每股新台幣420元辦理私募普通股,由日月光投控認購,"
                 "金額約新台幣21億元。")
    deal = rels[("INVESTED_IN", "日月光投控", "晟岚科技")]
    assert (deal["round"], deal["currency"]) == ("PIPE", "TWD")


@pytest.mark.parametrize(
    ("text", "round_"),
    [
        ("将办理私募普通股,由A认购", "PIPE"),
        ("以定向增发方式引入A", "PIPE"),
        ("agreed to buy new shares in a private placement", "PIPE"),
        ("由多家私募基金认购", None),  # private funds are investors, not a placement
        ("私募股权机构A参与", None),
        ("完成B轮融资,由私募基金A领投", "B"),
    ],
)
def test_a_private_placement_is_a_pipe_and_a_private_fund_is_not(text: str, round_: str | None) -> None:
    assert round_in(text) == round_


# -- lists, descriptions and state platforms by their registered names --------------------------------


def test_a_list_closed_by_a_comma_and_yiji_keeps_its_last_member() -> None:
    rels = _rels("岚擎科技已锁定五名基石投资者,包括深投控资本、泰康人寿、美团龙珠,以及景林资产。")
    assert rels[("INVESTED_IN", "景林资产", "岚擎科技")]["round"] == "cornerstone"


def test_a_region_and_an_industry_before_a_kind_word_describe_the_coined_name_after_it() -> None:
    text = "今年1月,青山资本领投济南固态电池企业岱岚新能源的Pre-A轮融资,云杉基金跟投。"
    assert "济南固态电池" not in _entities(text)
    assert rels_has(_rels(text), ("INVESTED_IN", "青山资本", "岱岚新能源"))


def test_a_name_before_a_kind_word_and_an_everyday_word_is_still_named() -> None:
    """Near miss: after the kind word comes a word jieba knows ("企业文化"), not a coined name."""
    assert "岚川科技" in _entities("岚川科技企业文化建设获表彰,公司完成B轮融资。")


@pytest.mark.parametrize(
    ("name", "state"),
    [
        ("山东省新动能基金管理有限公司", True),  # province's full name, then a fund: a state platform
        ("上海市人工智能产业投资基金", True),
        ("山东新岚基金管理有限公司", False),  # the place alone: any firm may write it
    ],
)
def test_a_fund_named_with_a_provinces_full_administrative_name_is_state_capital(name: str, state: bool) -> None:
    types = _entities(f"今年1月,{name}领投岱岚新能源的Pre-A轮融资。")[name]
    assert ("StateOwnedFund" in types) is state


def rels_has(rels: dict[tuple[str, str, str], dict[str, object]], key: tuple[str, str, str]) -> bool:
    return key in rels


# -- a career in clauses ----------------------------------------------------------------------------


def test_years_at_a_company_then_leaving_to_start_up_and_the_post_now_held() -> None:
    text = "岚载科技2023年由前台积电技术经理闵嘉豪创立。闵嘉豪在台积电任职12年,2022年12月离职创业,现任岚载科技执行长。"
    rels = _rels(text)
    left = rels[("LEFT", "闵嘉豪", "台积电")]
    assert (left["title"], left["date"]) == ("技术经理", "2022-12")
    assert rels[("HOLDS_POSITION", "闵嘉豪", "岚载科技")]["title"] == "CEO"
    assert "台积电技术" not in _entities(text)  # the field of a title is not part of the name


def test_stepping_down_from_one_post_and_taking_another_in_a_later_clause() -> None:
    rels = _rels("公告同时披露,滕晓岚已卸任长安汽车底盘开发中心主任一职,出任长擎智能CEO。")
    assert ("LEFT", "滕晓岚", "长安汽车") in rels
    assert rels[("HOLDS_POSITION", "滕晓岚", "长擎智能")]["title"] == "CEO"


def test_a_post_in_a_later_clause_after_another_person_is_not_the_subjects() -> None:
    """Near miss: another person is named between the subject and the post."""
    rels = _rels("林远航离开华为后创业,其搭档周明远出任岚擎科技CTO。")
    assert ("HOLDS_POSITION", "林远航", "岚擎科技") not in rels


@pytest.mark.parametrize(
    ("text", "product"),
    [
        ("Its first product, the HL-200 inference card, entered mass production.", "HL-200"),
        ("Buyers were told to avoid Nvidia's H20 chip.", "H20"),
        ("Buyers turned to domestic suppliers such as Huawei's Ascend series.", "Ascend"),
    ],
)
def test_an_english_product_by_its_code_or_series_and_what_it_is(text: str, product: str) -> None:
    assert _entities(text).get(product) == {"Product"}


@pytest.mark.parametrize(
    "text",
    [
        "China's Commerce Ministry said on Monday it would act.",  # a capitalised word without a series
        "He launched Bravo last year.",  # an ordinary word after a verb alone
        "The group's A1 round closed.",  # a round, not a chip: no product noun after it
    ],
)
def test_capitalised_words_and_codes_without_a_product_noun_are_no_products(text: str) -> None:
    assert not any("Product" in types for types in _entities(text).values())


def test_a_negated_activity_before_a_business_word_is_no_name() -> None:
    assert not any(name.endswith("不造机器人") for name in _entities("擎岚具身不造机器人本体,只做机器人的大脑。"))


# -- an English listing story --------------------------------------------------------------------------

_DEBUT = ("Lanfeng Power, a battery maker spun off from Chinese carmaker Dongyan Automobile, surged on its "
          "trading debut in Shanghai on Wednesday, in the largest listing on the Nasdaq-style STAR Market this year. "
          "Strategic investors in the IPO included the National Manufacturing Transformation and Upgrading Fund, "
          "a state-backed fund set up in 2019, and Hubei Changjiang Industry Investment Group. "
          "Lanfeng raised 3.5 billion yuan in 2022. Lanfeng sells to carmakers. Lanfeng hired staff. "
          "Lanfeng built a plant. Lanfeng opened an office. Lanfeng cut prices. Lanfeng grew fast. "
          "The company filed its IPO application in September 2023.")


def test_the_company_that_lists_is_the_subject_not_the_parent_in_its_description() -> None:
    rels = _rels(_DEBUT, published="2025-06-05")
    assert any(k[:2] == ("LISTED_ON", "Lanfeng Power") for k in rels)
    assert not any(k[:2] == ("LISTED_ON", "Dongyan Automobile") for k in rels)


def test_an_exchange_used_as_an_adjective_of_likeness_is_no_venue() -> None:
    assert "Nasdaq" not in _entities(_DEBUT)


def test_strategic_investors_in_an_ipo_are_its_cornerstones_and_a_founding_year_in_apposition_dates_nothing() -> None:
    rels = _rels(_DEBUT, published="2025-06-05")
    funds = ("National Manufacturing Transformation and Upgrading Fund", "Hubei Changjiang Industry Investment Group")
    for fund in funds:
        deal = rels[("INVESTED_IN", fund, "Lanfeng Power")]
        assert deal["round"] == "cornerstone"
        assert deal.get("date") != "2019"


def test_a_filing_far_from_the_listing_keeps_the_venue_of_the_articles_company() -> None:
    rels = _rels(_DEBUT, published="2025-06-05")
    filed = [k for k in rels if k[:2] == ("FILED_FOR_IPO", "Lanfeng Power")]
    assert filed and rels[filed[0]]["date"] == "2023-09"


# -- Taiwan: a unit split off, its posts, a company by its short name -------------------------------------


def test_a_unit_split_off_into_a_new_subsidiary_is_a_spin_off() -> None:
    text = "伺服器代工廠聯岚電腦昨日董事會通過,將旗下AI伺服器事業部以分割方式獨立,成立100%持股子公司「碩岚智算」。"
    assert ("SPUN_OFF_FROM", "碩岚智算", "聯岚電腦") in _rels(text)


def test_a_business_split_off_and_a_company_set_up_in_the_next_clause() -> None:
    text = "长岚汽车发布公告称,公司已将旗下智能底盘业务分拆,成立独立运营的重庆岚擎智能底盘科技有限公司。"
    assert ("SPUN_OFF_FROM", "重庆岚擎智能底盘科技有限公司", "长岚汽车") in _rels(text)


def test_splitting_a_business_without_a_new_company_is_no_spin_off() -> None:
    """Near miss: the unit is reorganised, no company is set up."""
    rels = _rels("长岚汽车已将旗下智能底盘业务分拆,并入研发中心。")
    assert not any(k[0] == "SPUN_OFF_FROM" for k in rels)


def test_a_post_named_first_then_who_takes_it() -> None:
    rels = _rels("聯岚電腦將成立子公司「碩岚智算」。碩岚智算董事長將由聯岚電腦總經理蔡明岚兼任。")
    assert rels[("HOLDS_POSITION", "蔡明岚", "碩岚智算")]["title"] == "董事長"


def test_a_company_is_named_by_its_coined_short_name_after_its_full_name() -> None:
    text = "伺服器代工廠聯岚電腦昨日董事會通過分割案。增資完成後聯岚持股將降至約70%。"
    names = [sorted(e.names) for e in extract(Article(text=text, published=PHRASING_DAY)).entities]
    assert ["聯岚", "聯岚電腦"] in names


def test_an_everyday_word_left_by_a_line_of_business_is_no_short_name() -> None:
    """Near miss: "长安汽车" is not "长安" (a city, an everyday word)."""
    text = "长安汽车发布公告。长安街上车流不断。"
    assert not any("长安" in e.names and len(e.names) > 1 for e in extract(Article(text=text)).entities)


def test_someone_likened_to_others_who_came_from_a_company_came_from_it_with_them() -> None:
    text = ("字节跳动前技术负责人陈志岚日前离职。"
            "和杨震岚、洪定岚等众多字节高管一样,陈志岚也来自于互联网CTO黄埔军校——百度。")
    rels = _rels(text)
    for person in ("陈志岚", "杨震岚", "洪定岚"):
        assert ("LEFT", person, "百度") in rels


def test_being_likened_to_others_without_coming_from_a_company_is_no_departure() -> None:
    """Near miss: what they share is not a company they came from."""
    text = "字节跳动前技术负责人陈志岚日前离职。和杨震岚等众多字节高管一样,陈志岚也喜欢百度的产品。"
    assert ("LEFT", "陈志岚", "百度") not in _rels(text)


def test_a_departure_in_the_last_clause_of_its_subject() -> None:
    text = ("星衡智能宣布聘请周启航出任总经理。"
            "周启航在岚川科技服务逾20年，曾主导多代芯片开发，去年12月自岚川科技退休后，一度传出将赴海外任职。")
    ex = extract(Article(text=text, published=PHRASING_DAY))
    names = {e.handle: e.preferred for e in ex.entities}
    left = [(names[r.source], names[r.target], r.props.get("date")) for r in ex.relations if r.type == "LEFT"]
    assert left == [("周启航", "岚川科技", "2024-12")]


def test_a_departure_clause_with_its_own_subject_is_that_subjects() -> None:
    # near miss: the clause names who retired; the sentence's first person stays
    text = "星衡智能宣布聘请周启航出任总经理。周启航在岚川科技服务逾20年，其同事沈知微去年12月自岚川科技退休。"
    ex = extract(Article(text=text, published=PHRASING_DAY))
    names = {e.handle: e.preferred for e in ex.entities}
    assert {names[r.source] for r in ex.relations if r.type == "LEFT"} == {"沈知微"}


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("刚从岚川科技离职的产品经理周启航加入了星衡智能。", "产品经理"),
        # (the founding's year is not the departure's)
        ("星衡智能CEO周启航近日接受了采访。从岚川科技“退休”两年多的周启航，去年创办了星衡智能。", None),
    ],
)
def test_who_left_said_before_the_name(text: str, title: str | None) -> None:
    ex = extract(Article(text=text, published=PHRASING_DAY))
    names = {e.handle: e.preferred for e in ex.entities}
    left = [(names[r.source], names[r.target], r.props.get("title"), r.props.get("date"))
            for r in ex.relations if r.type == "LEFT"]
    assert left == [("周启航", "岚川科技", title, None)]


def test_the_date_just_before_who_left_is_the_departures() -> None:
    text = "星衡智能CEO周启航近日接受了采访。今年自岚川科技退休的周启航，去年曾参与创办星衡智能。"
    ex = extract(Article(text=text, published=PHRASING_DAY))
    assert [r.props.get("date") for r in ex.relations if r.type == "LEFT"] == ["2025"]


def test_leaving_among_many_names_no_one() -> None:
    # near miss: "从A离职的员工中" is a group; the person after the comma founded, and left nothing said
    ex = extract(Article(text="从岚川科技离职的员工中，周启航创办了星衡智能。", published=PHRASING_DAY))
    assert not [r for r in ex.relations if r.type == "LEFT"]
