"""Founder profiles, prospectus histories, long English features and Taiwan listings: careers told in
relative clauses and asides, co-founders after "with", former roles in a later clause, names after a
plant or a founding verb, Taiwan's exchanges and codes. Invented sentences and stories
(`tests/data/stories/`, written for these tests); each rule has a near miss."""

from __future__ import annotations

from typing import Any

import pytest

from kg.extract import extract
from kg.extract.text import split_sentences
from kg.model import Article
from tests.factories import entity_types_by_name, relations_by_name, story_relations

PUBLISHED = "2025-06-10"

_rels = relations_by_name
_entities = entity_types_by_name




# -- English people --------------------------------------------------------------------------------


@pytest.mark.parametrize("opener", ["When", "Since", "After", "Although"])
def test_a_word_opening_the_sentence_is_not_the_first_name(opener: str) -> None:
    rels = _rels(f"{opener} Chen Wei left Huawei in 2021, few people had heard of him.")
    assert ("LEFT", "Chen Wei", "Huawei") in rels


def test_a_capitalised_phrase_of_one_word_after_the_opener_is_no_person() -> None:
    assert "Person" not in {t for ts in _entities("When Huawei left the market in 2021, rivals gained.").values()
                            for t in ts}


def test_co_founders_after_with_are_founders_each_with_their_aside() -> None:
    rels = _rels(
        "Chen Wei started Tianji Robotics in 2022 with Zhao Ning, a former research scientist at Tencent, "
        "and Wu Hao, who previously ran hardware at drone maker DJI."
    )
    for person in ("Chen Wei", "Zhao Ning", "Wu Hao"):
        assert ("FOUNDED", person, "Tianji Robotics") in rels
    assert rels[("FOUNDED", "Wu Hao", "Tianji Robotics")]["date"] == "2022"
    assert ("LEFT", "Wu Hao", "DJI") in rels


def test_with_backing_from_someone_names_no_co_founder() -> None:
    rels = _rels("Chen Wei started Tianji Robotics in 2022 with backing from Zhao Ning, an angel investor.")
    assert ("FOUNDED", "Chen Wei", "Tianji Robotics") in rels
    assert ("FOUNDED", "Zhao Ning", "Tianji Robotics") not in rels


def test_a_role_that_ran_until_a_time_was_left() -> None:
    rels = _rels("Li Qiang, who led autonomous driving research at Baidu until last year, founded Xingchen AI.")
    assert ("LEFT", "Li Qiang", "Baidu") in rels
    assert ("FOUNDED", "Li Qiang", "Xingchen AI") in rels


def test_a_role_held_without_until_is_not_left() -> None:
    rels = _rels("Li Qiang, who leads autonomous driving research at Baidu, spoke at the event.")
    assert ("LEFT", "Li Qiang", "Baidu") not in rels


@pytest.mark.parametrize("text", ["Zhou moved on. Wu Hao ran hardware at DJI. Chen is chief executive.",
                                  "Wu Hao ran hardware at DJI. Chen, 38, is chief executive."])
def test_an_acronym_ends_its_sentence(text: str) -> None:
    sentences = split_sentences(text)
    assert any(text[s.start : s.end].endswith("DJI.") for s in sentences)


@pytest.mark.parametrize("text", ["He moved to the U.S. Government agency.", "Shares of Acme Inc. Fell."])
def test_an_abbreviation_still_does_not_end_a_sentence(text: str) -> None:
    assert len(split_sentences(text)) == 1


@pytest.fixture(scope="module")
def feature() -> dict[tuple[str, str, str], dict[str, Any]]:
    return story_relations("en_robotics_founder_feature.txt")


def test_a_feature_s_founders_and_their_titles_by_surname(feature) -> None:
    assert feature[("HOLDS_POSITION", "Chen Wei", "Tianji Robotics")]["title"] == "CEO"
    assert feature[("HOLDS_POSITION", "Zhao Ning", "Tianji Robotics")]["title"] == "CTO"
    assert ("LEFT", "Chen Wei", "Huawei") in feature
    # the last employer named before the titles is a co-founder's past one, not where the titles are
    assert ("HOLDS_POSITION", "Chen Wei", "DJI") not in feature


def test_money_raised_from_investors_is_no_ipo_raise() -> None:
    ex = extract(Article(
        text="Xingchen AI has since raised $100 million from investors including Alibaba. "
             "It is preparing a Hong Kong listing.", published=PUBLISHED))
    assert not any(e.attrs.get("metric") == "ipo_raise" for e in ex.entities)


def test_money_from_cornerstone_investors_in_an_ipo_stays_an_ipo_figure() -> None:
    ex = extract(Article(
        text="Tianji Robotics raised HK$2 billion in its Hong Kong IPO, including HK$800 million "
             "from cornerstone investors.", published=PUBLISHED))
    assert any(e.attrs.get("metric") == "ipo_raise" for e in ex.entities)


# -- Chinese careers -------------------------------------------------------------------------------


def test_where_someone_was_before_in_a_later_clause_was_left() -> None:
    rels = _rels("公司首席财务官李晓雯于2023年加入星海智驾，此前在中金公司任董事总经理。")
    assert rels[("LEFT", "李晓雯", "中金公司")]["title"] == "董事总经理"
    assert ("HOLDS_POSITION", "李晓雯", "星海智驾") in rels


def test_where_someone_works_now_in_a_later_clause_is_not_left() -> None:
    rels = _rels("李晓雯于2023年加入星海智驾，目前在中金公司任顾问。")
    assert ("LEFT", "李晓雯", "中金公司") not in rels


def test_what_someone_was_in_charge_of_before_was_left() -> None:
    assert ("LEFT", "周琳", "美团") in _rels("星海智驾首席运营官周琳来自美团，曾负责美团无人配送业务。")


def test_what_someone_is_in_charge_of_now_is_not_left() -> None:
    assert ("LEFT", "周琳", "美团") not in _rels("星海智驾首席运营官周琳来自美团，现负责美团无人配送业务。")


@pytest.mark.parametrize(
    "text, org, title",
    [
        ("和他一起出来的还有前百度Apollo技术总监郑楠，现任星海智驾CTO。", "百度", "技术总监"),
        ("今年年初，原图森未来中国区总裁王立峰加盟星海智驾，出任总裁。", "图森未来", "总裁"),
    ],
)
def test_a_unit_or_region_between_a_former_employer_and_the_title(text: str, org: str, title: str) -> None:
    person = "郑楠" if "郑楠" in text else "王立峰"
    rels = _rels(text)
    assert rels[("LEFT", person, org)]["title"] == title
    assert ("HOLDS_POSITION", person, "星海智驾") in rels


def test_a_field_glued_to_a_known_name_belongs_to_the_title() -> None:
    rels = _rels("创始人张明远曾任华为海思芯片架构师。")
    assert rels[("LEFT", "张明远", "华为海思")]["title"] == "芯片架构师"
    assert "华为海思芯片" not in _entities("创始人张明远曾任华为海思芯片架构师。")


def test_a_known_name_with_its_line_of_business_stays_one_company() -> None:
    assert ("LEFT", "张明远", "蔚来汽车") in _rels("张明远曾任蔚来汽车副总裁。") or (
        "LEFT", "张明远", "蔚来") in _rels("张明远曾任蔚来汽车副总裁。")


def test_a_title_opening_its_clause_is_held_by_who_takes_it_at_the_company_of_the_sentence() -> None:
    rels = _rels("晶焱科技由前台达电副总经理许文彬创办，总经理则由前广达电脑研发处长陈奕廷出任。")
    assert rels[("HOLDS_POSITION", "陈奕廷", "晶焱科技")]["title"] == "总经理"
    assert rels[("LEFT", "陈奕廷", "广达电脑")]["title"] == "研发处长"
    assert ("FOUNDED", "许文彬", "晶焱科技") in rels


def test_a_title_taken_by_someone_after_a_person_subject_is_not_held_at_a_company_named_later() -> None:
    rels = _rels("许文彬昨日表示，总经理则由陈奕廷出任，广达电脑也派人加入。")
    assert ("HOLDS_POSITION", "陈奕廷", "广达电脑") not in rels


@pytest.mark.parametrize("text", ["对话星海智驾CEO马俊：离开百度的第三年", "专访星海智驾CEO马俊"])
def test_an_interview_headline_verb_is_not_part_of_the_name(text: str) -> None:
    rels = _rels(text)
    assert ("HOLDS_POSITION", "马俊", "星海智驾") in rels


@pytest.mark.parametrize("name", ["星海智驾", "轻舟智航", "华翊量子", "光启精密"])
def test_makers_named_by_their_field_are_companies(name: str) -> None:
    assert "Company" in _entities(f"{name}完成数亿元B轮融资。").get(name, set())


def test_a_field_word_alone_after_a_generic_prefix_is_no_company() -> None:
    assert "高端装备" not in _entities("高端装备完成国产化替代。")


# -- Chinese names ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text", ["刘振宇随后创办了推理芯片公司算极科技。", "刘振宇随后创办了算极科技。", "刘振宇创办了芯片公司算极科技。"]
)
def test_a_coined_name_of_everyday_characters_after_a_founding_verb(text: str) -> None:
    assert ("FOUNDED", "刘振宇", "算极科技") in _rels(text)


def test_a_generic_business_after_a_founding_verb_is_no_name() -> None:
    ents = _entities("刘振宇随后创办了一家人工智能科技公司。")
    assert not any(name.endswith("科技") for name in ents)


def test_a_rare_character_third_given_name_stays_with_the_name() -> None:
    assert "陈奕廷" in _entities("总经理则由前广达电脑研发处长陈奕廷出任。")


def test_a_plural_after_a_two_character_name_is_not_its_third_character() -> None:
    assert "王强们" not in _entities("董事长王强们的决定。")


# -- Taiwan ----------------------------------------------------------------------------------------


def test_a_maker_named_after_its_plant_with_a_taiwan_code_lists_on_twse_only() -> None:
    rels = _rels("AI伺服器散熱模組廠晶焱熱能（7788）今（9）日正式登錄台灣證交所掛牌上市。")
    assert rels[("LISTED_ON", "晶焱熱能", "台灣證交所")]["ticker"] == "7788"
    assert not any(r[0] == "LISTED_ON" and r[2] != "台灣證交所" for r in rels)


def test_a_bare_code_in_a_hong_kong_sentence_is_still_hong_kong_s() -> None:
    rels = _rels("本报统计近五年港股IPO上市首日高升幅新股，发现海岳食品(3288)为机制B发行的新股。")
    assert any(r[0] == "LISTED_ON" and r[1] == "海岳食品" for r in rels)


@pytest.mark.parametrize("name", ["櫃買中心", "TPEx", "Taipei Exchange"])
def test_taipei_exchange_is_an_exchange(name: str) -> None:
    assert "Exchange" in _entities(f"精測科技已在{name}掛牌。" if not name.isascii()
                                   else f"Shares of Acme Technology began trading on the {name}.").get(name, set())


@pytest.mark.parametrize("name", ["廣達", "緯穎", "信驊", "聯詠"])
def test_taiwan_s_large_makers_are_known(name: str) -> None:
    assert "Company" in _entities(f"公司主要客戶包括鴻海與{name}。").get(name, set())


@pytest.fixture(scope="module")
def tw_listing() -> dict[tuple[str, str, str], dict[str, Any]]:
    return story_relations("zh_hant_tw_listing_cooling.txt")


def test_a_taiwan_listing_story(tw_listing) -> None:
    assert ("LISTED_ON", "晶焱熱能", "台灣證交所") in tw_listing
    assert ("FOUNDED", "許文彬", "晶焱熱能") in tw_listing
    assert tw_listing[("HOLDS_POSITION", "陳奕廷", "晶焱熱能")]["title"] == "總經理"
    assert ("LEFT", "許文彬", "台達電") in tw_listing
    assert not any(k[0] == "LISTED_ON" and k[2] == "香港交易所" for k in tw_listing)


def test_a_prospectus_profile_story() -> None:
    rels = story_relations("zh_star_gpu_prospectus_profile.txt")
    assert rels[("LEFT", "张明远", "华为海思")]["title"] == "芯片架构师"
    assert ("LEFT", "李晓雯", "中金公司") in rels
    assert ("FOUNDED", "刘振宇", "算极科技") in rels
    assert rels[("INVESTED_IN", "国家集成电路产业投资基金二期", "芯元科技")]["round"] == "B"


def test_a_ceo_interview_story() -> None:
    rels = story_relations("zh_autonomous_truck_ceo_interview.txt")
    assert ("LEFT", "郑楠", "百度") in rels
    assert ("LEFT", "王立峰", "图森未来") in rels
    assert ("HOLDS_POSITION", "马俊", "星海智驾") in rels
    assert not any(k[1] == "智驾" for k in rels)


def test_a_field_word_left_alone_by_jieba_is_no_company() -> None:
    assert "量子" not in _entities("量旋量子完成数亿元B轮融资。")


# -- stakes, leads and approvals -------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, inv, co",
    [
        ("大众汽车去年以约7亿美元入股小鹏汽车，持股4.99%。", "大众汽车", "小鹏汽车"),
        ("Stellantis以15亿欧元收购零跑汽车约21%的股份。", "Stellantis", "零跑汽车"),
        ("Stellantis paid 1.5 billion euros for about 21% of Leapmotor.", "Stellantis", "Leapmotor"),
        ("Volkswagen bought a 4.99% stake in Xpeng last year.", "Volkswagen", "Xpeng"),
    ],
)
def test_a_stake_bought_is_an_investment(text: str, inv: str, co: str) -> None:
    assert ("INVESTED_IN", inv, co) in _rels(text)


def test_buying_a_company_s_products_is_no_stake() -> None:
    assert not any(r[0] == "INVESTED_IN" for r in _rels("Stellantis bought 20,000 cars from Leapmotor last year."))


def test_the_subject_who_led_the_round_is_no_company_of_it() -> None:
    rels = _rels("Alibaba led the round, with Tencent and Sequoia China also participating.")
    assert ("INVESTED_IN", "Tencent", "Alibaba") not in rels
    assert ("INVESTED_IN", "Sequoia China", "Alibaba") not in rels


def test_a_lead_and_followers_go_to_the_company_of_the_story() -> None:
    rels = _rels("Galbot has raised new money. Alibaba led the round, with Tencent also participating.")
    assert rels[("INVESTED_IN", "Alibaba", "Galbot")]["role"] == "lead"
    assert ("INVESTED_IN", "Tencent", "Galbot") in rels


def test_an_exchange_s_approval_of_an_ipo_is_a_passed_hearing() -> None:
    rels = _rels("Moore Threads won approval from the Shanghai Stock Exchange for its STAR Market IPO.")
    assert ("PASSED_LISTING_HEARING", "Moore Threads", "Shanghai Stock Exchange") in rels


def test_an_approval_for_something_else_is_no_hearing() -> None:
    rels = _rels("Moore Threads won approval from the Shanghai government for its new factory.")
    assert not any(r[0] == "PASSED_LISTING_HEARING" for r in rels)


def test_a_move_told_in_the_next_clause_to_a_described_startup_in_quotes() -> None:
    rels = _rels("聯發科前資深副總經理吳志明，日前正式加入AI晶片新創公司「天璣智算」，出任執行長一職。")
    assert rels[("HOLDS_POSITION", "吳志明", "天璣智算")]["title"] == "CEO"
    assert ("LEFT", "吳志明", "聯發科") in rels


def test_a_shareholder_list_among_them_invests_in_the_company_of_the_story() -> None:
    rels = _rels("澄芯科技于2020年成立。招股书显示，公司股东阵容豪华，深创投、红杉中国、腾讯均在其中。")
    for inv in ("深创投", "红杉中国", "腾讯"):
        assert ("INVESTED_IN", inv, "澄芯科技") in rels


def test_a_stake_after_a_list_of_holders_is_in_the_company_of_the_story_not_a_listed_holder() -> None:
    rels = _rels("澄芯科技于2020年成立。公司股东中，深创投、腾讯均在其中，国家集成电路产业投资基金二期持股比例为3.2%。")
    assert ("OWNED_BY", "腾讯", "国家集成电路产业投资基金二期") not in rels
    assert rels[("OWNED_BY", "澄芯科技", "国家集成电路产业投资基金二期")]["share"] == pytest.approx(0.032)


def test_a_list_that_is_not_of_shareholders_invests_in_nothing() -> None:
    rels = _rels("澄芯科技于2020年成立。公司客户阵容豪华，腾讯、阿里巴巴均在其中。")
    assert not any(r[0] == "INVESTED_IN" for r in rels)


def test_an_appointment_after_a_subject_in_apposition() -> None:
    rels = _rels(
        "Another Hong Kong hopeful, Qingyun AI, appointed former Baidu vice president Gao Lin as its president."
    )
    assert rels[("HOLDS_POSITION", "Gao Lin", "Qingyun AI")]["title"] == "president"
    assert ("LEFT", "Gao Lin", "Baidu") in rels


def test_also_listed_in_the_city_is_the_exchange_just_named() -> None:
    rels = _rels("CATL listed in Hong Kong in May. Autonomous driving firm Pony AI also listed in the city this year.")
    assert ("LISTED_ON", "Pony AI", "香港交易所") in rels


def test_a_city_without_an_exchange_named_before_lists_nowhere() -> None:
    rels = _rels("Autonomous driving firm Pony AI also listed in the city this year.")
    assert not any(r[0] == "LISTED_ON" for r in rels)


def test_a_standing_list_after_a_description_takes_no_date_and_a_singular_cue_types_one() -> None:
    text = ("Lumina Micro, founded in 2019 by former Qualcomm engineer Sun Yifan, counts Shanghai state-owned "
            "investor Shanghai Guosheng Group and Hillhouse among its shareholders.")
    rels = _rels(text)
    assert "date" not in rels[("INVESTED_IN", "Hillhouse", "Lumina Micro")]
    ents = _entities(text)
    assert "StateOwnedFund" in ents["Shanghai Guosheng Group"]
    assert "StateOwnedFund" not in ents["Hillhouse"]


def test_a_plural_state_cue_types_every_member() -> None:
    ents = _entities("Galbot raised money from state-owned investors Shanghai Guosheng Group and Hangzhou Capital.")
    assert "StateOwnedFund" in ents["Hangzhou Capital"]


@pytest.mark.parametrize(
    "story, fact",
    [
        ("en_hk_ipo_pipeline_wire.txt", ("HOLDS_POSITION", "Gao Lin", "Qingyun AI")),
        ("en_hk_ipo_pipeline_wire.txt", ("INVESTED_IN", "Hangzhou Capital", "Deepsea Robotics")),
        ("zh_star_gpu_debut_shareholders.txt", ("INVESTED_IN", "字节跳动", "澄芯科技")),
        ("zh_star_gpu_debut_shareholders.txt", ("LEFT", "张伟", "AMD")),
        ("zh_hant_ic_exec_to_ai_startup.txt", ("HOLDS_POSITION", "吳志明", "天璣智算")),
        ("zh_hant_ic_exec_to_ai_startup.txt", ("INVESTED_IN", "國發基金", "天璣智算")),
    ],
)
def test_more_stories(story: str, fact: tuple[str, str, str]) -> None:
    assert fact in story_relations(story)


def test_a_former_head_of_a_company_s_lab_left_the_company_not_the_one_founded_after() -> None:
    rels = _rels("Wang Changhu, a former head of ByteDance's AI lab, set up Aishi Technology in 2023.")
    assert rels[("LEFT", "Wang Changhu", "ByteDance")]["title"] == "head"
    assert ("LEFT", "Wang Changhu", "Aishi Technology") not in rels
    assert ("FOUNDED", "Wang Changhu", "Aishi Technology") in rels


def test_an_age_in_apposition_and_a_leaving_dated_after_the_verb() -> None:
    rels = _rels("Zhou Li, 45, joined Kuaishou in 2016 and left last month.")
    assert rels[("LEFT", "Zhou Li", "Kuaishou")]["date"] == "2025-05"


def test_a_chinese_leaving_keeps_the_date_before_the_verb() -> None:
    rels = _rels("周立2016年加入快手，去年离职，随后创办了星瀚科技。")
    assert rels[("LEFT", "周立", "快手")]["date"] == "2024"


def test_a_successor_named_in_a_clause_about_someone_about_to_retire_stays_in_post() -> None:
    rels = _rels("林书涵将出任星瀚科技首席执行官，接替即将退休的周以安。")
    assert rels[("HOLDS_POSITION", "林书涵", "星瀚科技")]["title"] == "CEO"
    assert ("LEFT", "林书涵", "星瀚科技") not in rels


def test_a_person_retiring_in_the_main_clause_leaves() -> None:
    assert ("LEFT", "林书涵", "星瀚科技") in _rels("星瀚科技首席执行官林书涵即将退休。")


def test_an_age_before_a_name_and_past_employers_in_the_next_clause() -> None:
    rels = _rels("现年45岁的林书涵，曾先后就职于微软、谷歌，2020年回国加入百度。")
    assert ("LEFT", "林书涵", "微软") in rels
    assert ("LEFT", "林书涵", "谷歌") in rels
    assert ("HOLDS_POSITION", "林书涵", "百度") in rels


def test_employers_named_without_having_worked_there_are_not_left() -> None:
    rels = _rels("现年45岁的林书涵，曾先后拜访微软、谷歌。")
    assert not any(r[0] == "LEFT" for r in rels)


def test_a_pair_opening_the_clause_found_together_and_take_titles_there() -> None:
    rels = _rels("林书涵与周以安于2023年联合创办了星瀚科技，林书涵任CEO，周以安任CTO。")
    assert ("FOUNDED", "林书涵", "星瀚科技") in rels
    assert ("FOUNDED", "周以安", "星瀚科技") in rels
    assert rels[("HOLDS_POSITION", "林书涵", "星瀚科技")]["title"] == "CEO"
    assert rels[("HOLDS_POSITION", "周以安", "星瀚科技")]["title"] == "CTO"


def test_a_field_before_a_rank_after_a_known_name_is_the_title_s() -> None:
    rels = _rels("新公司的核心团队包括前理想汽车智能驾驶负责人郎咸朋。")
    assert rels[("LEFT", "郎咸朋", "理想汽车")]["title"] == "智能驾驶负责人"


def test_a_known_name_s_own_longer_form_before_a_rank_stays_the_name() -> None:
    rels = _rels("蔚来汽车副总裁郎咸朋表示，公司将继续投入。")
    assert any(r[0] == "HOLDS_POSITION" and r[1] == "郎咸朋" and r[2].startswith("蔚来") for r in rels)


def test_a_successor_holds_the_title_left() -> None:
    rels = _rels("林书涵卸任星瀚科技董事长职务，由周以安接任。")
    assert ("LEFT", "林书涵", "星瀚科技") in rels
    assert rels[("HOLDS_POSITION", "周以安", "星瀚科技")]["title"] == "董事长"


def test_a_placee_the_company_says_will_subscribe_invests() -> None:
    rels = _rels("Hong Kong-listed Kingdee said Saudi fund PIF would subscribe for new shares worth HK$1 billion.")
    assert rels[("INVESTED_IN", "PIF", "Kingdee")]["amount"] == 1_000_000_000


def test_subscribing_to_a_newsletter_is_no_investment() -> None:
    rels = _rels("Kingdee said analyst Wang Yi would subscribe to the company's newsletter.")
    assert not any(r[0] == "INVESTED_IN" for r in rels)


@pytest.mark.parametrize(
    "text",
    [
        "Hangzhou Capital, Leapmotor's second-largest shareholder, will hold about 10% after the deal.",
        "Hangzhou Capital is the largest shareholder of Leapmotor.",
    ],
)
def test_a_largest_shareholder_in_apposition_holds_a_stake(text: str) -> None:
    rels = _rels(text)
    assert ("INVESTED_IN", "Hangzhou Capital", "Leapmotor") in rels
    assert "date" not in rels[("INVESTED_IN", "Hangzhou Capital", "Leapmotor")]


def test_a_shareholder_s_own_largest_shareholder_is_not_its_stake() -> None:
    rels = _rels("Hangzhou Capital's largest shareholder is the Hangzhou government.")
    assert not any(r[0] == "INVESTED_IN" and r[1] == "Hangzhou Capital" for r in rels)


def test_a_co_founder_who_remains_chief_executive_holds_the_title_at_the_company() -> None:
    rels = _rels("Xpeng co-founder He Xiaopeng remains chief executive.")
    assert ("FOUNDED", "He Xiaopeng", "Xpeng") in rels
    assert rels[("HOLDS_POSITION", "He Xiaopeng", "Xpeng")]["title"] == "CEO"


def test_each_round_of_a_two_round_clause_goes_to_its_own_investor() -> None:
    rels = _rels("自变量机器人连续完成两轮融资，其中A轮由美团战投领投，A+轮由阿里云独家投资。")
    assert rels[("INVESTED_IN", "美团", "自变量机器人")]["round"] == "A"
    assert rels[("INVESTED_IN", "阿里云", "自变量机器人")]["round"] == "A+"


def test_the_round_s_financial_adviser_is_no_investor_and_its_part_no_name() -> None:
    text = "星瀚科技完成数亿元B轮融资，本轮投资方为国投创合、中金资本，光速光合担任独家财务顾问。"
    rels = _rels(text)
    assert ("INVESTED_IN", "国投创合", "星瀚科技") in rels
    assert ("INVESTED_IN", "光速光合", "星瀚科技") not in rels
    assert "独家财务顾问" not in _entities(text)


def test_a_company_s_own_cornerstone_investors_are_not_the_company() -> None:
    text = "MiniMax的基石投資者包括阿里巴巴、騰訊及高瓴，合共認購3億美元股份。"
    rels = _rels(text)
    assert rels[("INVESTED_IN", "騰訊", "MiniMax")]["role"] == "cornerstone"
    assert not any(r[0] == "INVESTED_IN" and r[1] == "MiniMax" for r in rels)
    assert "股份" not in _entities(text)


def test_investors_named_before_taking_cornerstone_parts_still_invest() -> None:
    rels = _rels("MiniMax今日在港交所掛牌。阿里巴巴、騰訊等作為基石投資者認購股份。")
    assert ("INVESTED_IN", "騰訊", "MiniMax") in rels


def test_two_companies_listing_on_the_same_day_both_list() -> None:
    rels = _rels("小馬智行及文遠知行同日在港交所上市。")
    assert ("LISTED_ON", "小馬智行", "港交所") in rels
    assert ("LISTED_ON", "文遠知行", "港交所") in rels


def test_a_refiled_application_for_a_listing_in_a_city_is_a_filing() -> None:
    rels = _rels("Biren Technology refiled its application for a Hong Kong listing in May after the first one lapsed.")
    assert rels[("FILED_FOR_IPO", "Biren Technology", "香港交易所")]["date"] == "2025-05"


def test_a_secondary_listing_in_a_city_lists_there_beside_an_earlier_exchange() -> None:
    rels = _rels("Pony AI, which is already listed on Nasdaq, completed a secondary listing in Hong Kong in November.")
    assert rels[("LISTED_ON", "Pony AI", "香港交易所")]["date"] == "2025-11"
    assert ("LISTED_ON", "Pony AI", "Nasdaq") in rels


def test_a_listing_on_the_hong_kong_exchange_named_is_that_exchange_s() -> None:
    rels = _rels("Pony AI completed a secondary listing on the Hong Kong Stock Exchange in November.")
    assert any(r[0] == "LISTED_ON" and r[1] == "Pony AI" for r in rels)


def test_a_co_holder_s_title_is_a_title() -> None:
    rels = _rels("台積電資深副總經理暨共同營運長秦永沛表示，產能吃緊。")
    assert rels[("HOLDS_POSITION", "秦永沛", "台積電")]["title"] in ("資深副總經理", "共同營運長")
    assert ("HOLDS_POSITION", "秦永沛", "台積電") in _rels("台積電共同營運長秦永沛表示，產能吃緊。")


def test_a_board_s_appointment_is_the_company_s() -> None:
    rels = _rels("英業達董事會通過，任命葉力誠為總經理。")
    assert rels[("HOLDS_POSITION", "葉力誠", "英業達")]["title"] == "總經理"


def test_a_promotion_is_at_the_organisation_of_the_title_just_named() -> None:
    rels = _rels("日月光投控營運長吳田玉升任執行長。")
    # (one entry per person and company: the latest title of the sentence is the promotion's)
    assert rels[("HOLDS_POSITION", "吳田玉", "日月光投控")]["title"] in ("CEO", "COO")
    ex = extract(Article(text="日月光投控營運長吳田玉升任執行長。", published=PUBLISHED))
    assert "CEO" in {r.props.get("title") for r in ex.relations if r.type == "HOLDS_POSITION"}


def test_a_former_role_s_company_is_not_where_a_new_post_is_taken() -> None:
    rels = _rels("澄湖科技表示，原阿里雲資深技術專家許明哲將接任CTO一職。")
    assert ("HOLDS_POSITION", "許明哲", "澄湖科技") in rels
    assert ("HOLDS_POSITION", "許明哲", "阿里雲") not in rels


def test_founded_by_a_described_founder_and_a_year_before_the_company() -> None:
    rels = _rels("Founded by Tsinghua professor Tang Jie in 2019, Zhipu has raised more than 16 billion yuan.")
    assert rels[("FOUNDED", "Tang Jie", "Zhipu")]["date"] == "2019"


def test_a_valuation_after_an_aside_of_backers_is_never_a_backer_s() -> None:
    ex = extract(Article(
        text="The Shanghai-based startup, backed by Alibaba and Tencent, was valued at $4 billion in its last round.",
        published=PUBLISHED))
    names = {e.handle: e.names[0] for e in ex.entities}
    assert not any(r.type == "FIGURE_OF" and names[r.target] in ("Alibaba", "Tencent") for r in ex.relations)


def test_a_taiwan_round_of_a_startup_named_after_its_kind() -> None:
    rels = _rels("AI新創沛星互動科技宣布完成新台幣5億元A輪募資，由國發基金領投，台杉投資跟投。")
    assert rels[("INVESTED_IN", "國發基金", "沛星互動科技")]["currency"] == "TWD"
    assert ("INVESTED_IN", "台杉投資", "沛星互動科技") in rels


def test_an_adverb_opening_a_clause_before_a_suffix_is_still_no_name() -> None:
    names = _entities("互动科技正在改变教育。")
    assert not any(n.endswith("科技") and len(n) <= 4 and n.startswith("互") for n in names)


@pytest.mark.parametrize(
    "text, inv, co",
    [
        ("台灣機器人新創所羅門完成增資，引進鴻海為策略投資人。", "鴻海", "所羅門"),
        ("晶心科技今年獲得聯發科、研華等策略性投資。", "聯發科", "晶心科技"),
        ("大聯大宣布斥資新台幣20億元入股文曄，取得約10%股權。", "大聯大", "文曄"),
    ],
)
def test_taiwan_strategic_investments(text: str, inv: str, co: str) -> None:
    assert ("INVESTED_IN", inv, co) in _rels(text)


def test_strategy_words_that_are_no_investment_stay() -> None:
    assert not any(r[0] == "INVESTED_IN" for r in _rels("晶心科技今年調整產品策略，並與聯發科合作。"))
