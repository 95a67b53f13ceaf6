"""Holdings, capital increases and career moves as filings and profiles tell them: holders named before
what they hold, a parent and a national fund each putting a sum into a subsidiary, a controlling
shareholder named by a filing, funds listed by name in parentheses, a person joining an unknown company
to take a post, Taiwanese titles and brands written with a space. Invented sentences; each rule has a
near miss."""

from __future__ import annotations

import pytest

from tests.factories import entity_types_by_name, relations_by_name

_rels = relations_by_name
_entities = entity_types_by_name


# -- holdings and capital increases ----------------------------------------------------------------


def test_holders_named_before_the_vehicle_they_hold_own_it_and_invested_in_it() -> None:
    rels = _rels("由青山金控、湖城基金、江南产投按40%、40%、20%比例持股的浙江长青三期,"
                 "以50亿元出资拿下长青科技30%股权。")
    for holder in ("青山金控", "湖城基金", "江南产投"):
        assert ("OWNED_BY", "浙江长青三期", holder) in rels
        assert ("INVESTED_IN", holder, "浙江长青三期") in rels


def test_a_wholly_owned_unit_is_owned_but_not_an_investment() -> None:
    rels = _rels("青岚科技是青山金控的全资子公司。")
    assert ("OWNED_BY", "青岚科技", "青山金控") in rels
    assert ("INVESTED_IN", "青山金控", "青岚科技") not in rels


def test_sub_funds_listed_in_parentheses_after_their_holder_are_each_named_and_held() -> None:
    rels = _rels("由大基金三期持股99.9%的三支子基金(华芯鼎新、国投集新、国家人工智能产业投资基金)先后完成备案。")
    for fund in ("华芯鼎新", "国投集新", "国家人工智能产业投资基金"):
        assert rels[("OWNED_BY", fund, "大基金三期")]["share"] == 0.999
        assert ("INVESTED_IN", "大基金三期", fund) in rels


def test_a_withheld_name_in_a_list_of_investors_is_not_an_organisation() -> None:
    types = _entities("嵐峰科技完成第四轮融资。青石资本、陆某、云杉基金入股")
    assert "陆某" not in types


def test_a_fund_named_after_its_kind_subscribes_to_a_subsidiarys_increase() -> None:
    text = ("日前,拓晶科技发布子公司拓晶键合增资公告,国家大基金旗下专项股权投资基金国投集芯拟以不超过4.5亿元"
            "认缴拓晶键合新增注册资本。")
    rels = _rels(text)
    deal = rels[("INVESTED_IN", "国投集芯", "拓晶键合")]
    assert (deal["amount"], deal["modality"]) == (450_000_000, "planned")
    assert "Investor" in _entities(text)["国投集芯"]
    assert "专项股权投资基金" not in _entities(text)


def test_a_parent_and_a_fund_each_put_the_sum_into_the_subsidiary_and_holders_by_kind_are_no_names() -> None:
    text = ("拓晶科技发布子公司拓晶键合增资公告。在总额10亿元的增资方案中,"
            "除国家大基金与母公司拓晶科技分别注资4.5亿元外,员工持股平台、上海华虹虹芯二期、海宁融创经开等产业资本也参与其中。")
    rels = _rels(text)
    for investor in ("国家大基金", "拓晶科技"):
        assert rels[("INVESTED_IN", investor, "拓晶键合")]["amount"] == 450_000_000
    assert ("INVESTED_IN", "上海华虹虹芯二期", "拓晶键合") in rels
    # near misses: the parent is not the company the others put money into; a kind of holder is no name
    assert not [k for k in rels if k[0] == "INVESTED_IN" and k[2] == "拓晶科技"]
    assert "员工持股平台" not in _entities(text)


@pytest.mark.parametrize("filing", ["根据杭电股份公告,其间接控股股东温州资本将增持公司股份。",
                                    "杭电科技的控股股东为温州资本。"])
def test_a_controlling_shareholder_fund_controls_and_invested_in_the_listed_company(filing: str) -> None:
    rels = _rels(filing)
    company = "杭电股份" if "股份" in filing else "杭电科技"
    assert ("CONTROLLED_BY", company, "温州资本") in rels
    assert ("INVESTED_IN", "温州资本", company) in rels


def test_control_without_a_stake_is_no_investment() -> None:
    rels = _rels("杭电科技由温州资本控股。")
    assert ("CONTROLLED_BY", "杭电科技", "温州资本") in rels
    assert ("INVESTED_IN", "温州资本", "杭电科技") not in rels


def test_a_stake_bought_from_a_named_seller_is_in_the_company_of_the_stake() -> None:
    rels = _rels("温州资本收购宏达集团持有的华光动力30%股权。")
    assert ("INVESTED_IN", "温州资本", "华光动力") in rels
    assert ("INVESTED_IN", "温州资本", "宏达集团") not in rels


# -- career moves ----------------------------------------------------------------------------------


def test_joining_a_company_described_before_its_name_is_a_position_not_dated_by_the_description() -> None:
    rels = _rels("张伟随后加盟了去年估值超10亿美元的创业公司Minimax,负责产品。")
    held = rels[("HOLDS_POSITION", "张伟", "Minimax")]
    assert "valid_from" not in held


def test_a_date_before_the_verb_still_dates_the_move() -> None:
    rels = _rels("张伟于2021年加盟了创业公司Minimax。")
    assert rels[("HOLDS_POSITION", "张伟", "Minimax")]["valid_from"] == "2021"


@pytest.mark.parametrize("text", ["2018年3月,李明加入欢悦时代(HY),担任CTO。", "李明加入欢悦时代,担任CTO。"])
def test_an_unknown_company_joined_to_take_a_post_is_an_organisation(text: str) -> None:
    assert _rels(text)[("HOLDS_POSITION", "李明", "欢悦时代")]["title"] == "CTO"


def test_a_short_latin_name_joined_for_a_post_is_an_organisation() -> None:
    assert ("HOLDS_POSITION", "李明", "HY") in _rels("李明随即加入HY,担任首席科学家。")


def test_joining_without_a_post_needs_a_name_that_reads_as_one() -> None:
    assert not [k for k in _rels("李明加入讨论,担任主持。") if k[0] == "HOLDS_POSITION"]


def test_quitting_without_a_next_job_is_leaving() -> None:
    rels = _rels("李明2019年加入网易。2020年,李明选择从网易裸辞。")
    assert rels[("LEFT", "李明", "网易")]["date"] == "2020"


def test_a_taiwanese_algorithm_title_after_a_spaced_brand_is_a_role_at_its_maker() -> None:
    text = "字節Tik Tok演算法負責人陳志遠即將離職創業。"
    rels = _rels(text)
    assert rels[("LEFT", "陳志遠", "字節")]["title"] == "演算法負責人"
    assert ("DEVELOPS", "字節", "Tik Tok") in rels
    # near miss: the brand's last word and the title's first character are no company
    assert "Tok演" not in _entities(text)


def test_people_listed_as_a_companys_staff_hold_that_post() -> None:
    rels = _rels("和王大力、陈晓峰、刘子健等众多腾讯高管一样,李明也来自于网易。")
    for person in ("王大力", "陈晓峰", "刘子健"):
        assert rels[("HOLDS_POSITION", person, "腾讯")]["title"] == "高管"
    # near miss: the person of the main clause is not one of the staff
    assert ("HOLDS_POSITION", "李明", "腾讯") not in rels


def test_founders_listed_after_one_title_are_each_founders() -> None:
    rels = _rels("近到月之暗面创始人杨植麟、张宇韬……对于投资人们来说,团队是最直接的加分项。")
    founded = {k for k in rels if k[0] == "FOUNDED"}
    assert founded == {("FOUNDED", "杨植麟", "月之暗面"), ("FOUNDED", "张宇韬", "月之暗面")}


def test_a_former_post_in_a_nameless_unit_is_a_former_post_at_the_company() -> None:
    text = "网易前 AI Lab 总监王长明创办了星语科技。"
    rels = _rels(text)
    assert "总监" in rels[("LEFT", "王长明", "网易")]["title"]
    assert "AI Lab" not in _entities(text)


def test_a_stake_bought_in_a_company_described_before_its_name() -> None:
    rels = _rels("卡达投资局12月10日宣布以2亿美元认购企业管理软件和云服务提供者金蝶软件4.26%的股份。")
    assert rels[("INVESTED_IN", "卡达投资局", "金蝶软件")]["amount"] == 200_000_000


@pytest.mark.parametrize("text", [
    "公司正在进行申请发行H股股票并在香港联交所主板挂牌上市的相关工作。",
    "宁德时代正在推进在香港联交所主板挂牌上市。",
])
def test_work_towards_a_listing_is_not_a_listing(text: str) -> None:
    assert not [k for k in _rels("宁德时代发布公告。" + text) if k[0] == "LISTED_ON"]


def test_a_listing_stated_as_done_is_still_one() -> None:
    rels = _rels("宁德时代于5月20日在香港联交所主板挂牌上市。")
    assert ("LISTED_ON", "宁德时代", "香港联交所主板") in rels


def test_a_day_of_the_month_the_passage_just_named_takes_that_months_year() -> None:
    rels = _rels("2025年12月,行业迎来关键节点。12月19日,智谱正式提交港股招股书。")
    assert rels[("FILED_FOR_IPO", "智谱", "港股")]["date"] == "2025-12-19"
    # near miss: another month is read against the publication date as before
    rels = _rels("2025年12月,行业迎来关键节点。3月19日,智谱正式提交港股招股书。")
    assert rels[("FILED_FOR_IPO", "智谱", "港股")]["date"] == "2025-03-19"


# -- what an article is about ----------------------------------------------------------------------


def test_organisations_the_article_enumerates_are_kept_without_a_fact() -> None:
    text = ("星河智能完成B轮融资。去年,青岚集成电路基金、华东集成电路产业投资基金、江南集成电路专项母基金"
            "等一批国资母基金相继注册成立。")
    types = _entities(text)
    assert {"青岚集成电路基金", "华东集成电路产业投资基金", "江南集成电路专项母基金"} <= set(types)
    # near miss: the same names in a sentence that does not enumerate them as a kind are passing names
    assert set(_entities(text.replace("等一批国资母基金", ""))) == {"星河智能"}


def test_a_company_named_once_in_passing_is_still_dropped() -> None:
    types = _entities("星河智能完成B轮融资,红杉中国领投。行业里,华东电子也在扩产。")
    assert "华东电子" not in types


def test_known_state_capital_named_once_is_kept() -> None:
    types = _entities("星河智能完成B轮融资,红杉中国领投。科威特投资局也在中国市场格外活跃。")
    assert "StateOwnedFund" in types["科威特投资局"]


def test_private_capital_as_a_kind_is_no_investor() -> None:
    assert "民间资本" not in _entities("民间资本占绝对比重的杭州,在做什么?星河智能完成B轮融资,红杉中国领投。")


# -- products and English backers ------------------------------------------------------------------


def test_an_english_list_of_apps_with_appositions_names_each_product() -> None:
    rels = _rels("Shanghai-based Nebula AI develops models for text and video. Popular apps include Hailuo AI, "
                 "a video generation tool, and Talkie, an AI character interaction app.")
    assert {("DEVELOPS", "Nebula AI", "Hailuo AI"), ("DEVELOPS", "Nebula AI", "Talkie")} <= set(rels)


def test_a_latin_name_after_what_a_company_built_is_its_product() -> None:
    rels = _rels("王长明创办了星语科技,打造了视频生成工具 PixWave,国际版已经正式运营了四个月。")
    assert ("DEVELOPS", "星语科技", "PixWave") in rels
    assert "Product" in _entities("星语科技打造了视频生成工具 PixWave。")["PixWave"]


def test_a_rival_outshone_as_investors_clamoured_is_no_backer() -> None:
    rels = _rels("Nebula AI shares rose, outshining fellow startup Orion Robotics as investors clamoured for a "
                 "piece of a consumer AI company.")
    assert not [k for k in rels if k[0] == "INVESTED_IN"]


def test_a_backer_named_as_one_of_the_investors_still_is_one() -> None:
    rels = _rels("Nebula AI raised $50 million in a Series B round. Orion Capital was among the investors.")
    assert ("INVESTED_IN", "Orion Capital", "Nebula AI") in rels


def test_a_departure_with_no_company_in_its_clause_leaves_the_post_last_told() -> None:
    rels = _rels("2018年3月,李明加入欢悦时代(HY),担任CTO。2020年11月17日,百度宣布以36亿美元的价格收购HY中国业务,"
                 "李明于9月25日离职。")
    left = rels[("LEFT", "李明", "欢悦时代")]
    assert (left["title"], left["date"]) == ("CTO", "2020-09-25")


def test_a_departure_of_someone_with_no_post_told_names_no_company() -> None:
    assert not [k for k in _rels("百度宣布收购欢悦时代,李明于9月25日离职。") if k[0] == "LEFT"]


def test_a_later_day_in_a_sentence_that_named_its_year_is_in_that_year() -> None:
    rels = _rels("李明于2019年5月加入欢悦时代,担任CTO,12月离职。")
    assert rels[("LEFT", "李明", "欢悦时代")]["date"] == "2019-12"


def test_listed_in_hong_kong_without_an_exchange_named_is_listed_on_hkex() -> None:
    rels = _rels("快手于2021年在香港上市。")
    assert rels[("LISTED_ON", "快手", "香港交易所")]["date"] == "2021"
    # near miss: a plan to list there is no listing
    assert not [k for k in _rels("星河智能拟于明年在香港上市。") if k[0] == "LISTED_ON"]


def test_a_fund_that_led_the_state_money_put_its_sum_into_the_company_of_the_passage() -> None:
    rels = _rels("2022年9月,零跑科技在港交所挂牌上市。这家造车新势力快速发展的背后,"
                 "就有杭州资本主导市区两级投资30亿元的鼎力相助。")
    assert rels[("INVESTED_IN", "杭州资本", "零跑科技")]["amount"] == 3_000_000_000


def test_an_english_given_name_before_the_chinese_one_in_brackets() -> None:
    rels = _rels("网易前产品负责人Leo(李明远)加入了星语科技。")
    assert rels[("LEFT", "李明远", "网易")]["title"] == "产品负责人"
    assert ("HOLDS_POSITION", "李明远", "星语科技") in rels


def test_a_school_and_xi_before_a_start_up_say_whose_people_founded_it() -> None:
    rels = _rels("网易前产品负责人李明远,加入清华系AI 创业公司深言科技。")
    assert ("HOLDS_POSITION", "李明远", "深言科技") in rels
    assert ("HOLDS_POSITION", "李明远", "清华") not in rels


def test_joining_a_university_is_still_a_post_there() -> None:
    assert ("HOLDS_POSITION", "李明远", "清华大学") in _rels("李明远加入清华大学,担任教授。")


def test_a_less_common_surname_still_starts_a_listed_name() -> None:
    rels = _rels("和洪定远、郁晓峰等众多腾讯高管一样,李明也来自于网易。")
    assert {("HOLDS_POSITION", "洪定远", "腾讯"), ("HOLDS_POSITION", "郁晓峰", "腾讯")} <= set(rels)
