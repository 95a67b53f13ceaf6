"""Founders named in lists and roundups, English placements and sovereign funds, moves to a described
start-up, and unit heads of a platform. Invented sentences and stories (`tests/data/stories/`, written
for these tests); each rule has a near miss."""

from __future__ import annotations

from typing import Any

import pytest

from kg.extract import extract
from kg.model import Article
from tests import paths
from tests.factories import PHRASING_DAY, entity_types_by_name, relations_by_name, story_relations

PUBLISHED = "2025-06-10"
_STORIES = paths.DATA / "stories"

_rels = relations_by_name
_entities = entity_types_by_name




# -- people ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("sep", ["，", ""])
def test_a_name_after_title_and_de_is_a_person_whatever_follows(sep: str) -> None:
    text = f"曾任字节跳动AI Lab总监的周启明{sep}于2024年初离职，随后创立了灵犀未来。"
    assert ("FOUNDED", "周启明", "灵犀未来") in _rels(text)


def test_a_word_after_title_and_de_is_no_person() -> None:
    assert "Person" not in {t for types in _entities("他辞去了总裁的职务。").values() for t in types}


@pytest.mark.parametrize("partner", ["前同事", "好友", "老搭档"])
def test_a_partner_named_after_who_they_are_co_founds_with_the_subject(partner: str) -> None:
    text = f"前飞书产品副总裁陈一凡选择了AI办公赛道。2024年10月，她与{partner}吴子墨共同创立墨言科技。"
    rels = _rels(text)
    assert ("FOUNDED", "陈一凡", "墨言科技") in rels
    assert ("FOUNDED", "吴子墨", "墨言科技") in rels


def test_a_person_met_with_a_company_founder_is_no_partner() -> None:
    rels = _rels("陈一凡与投资人吴子墨会面后，墨言科技创始人李涛宣布成立新公司。")
    assert ("FOUNDED", "陈一凡", "墨言科技") not in rels


@pytest.mark.parametrize(
    "text",
    [
        "星图智能成立于2023年，联合创始人包括前百度研究院科学家赵明、李思远。",
        "星图智能于2023年成立，创始团队成员有赵明和李思远。",
    ],
)
def test_founders_listed_after_who_the_founders_are_founded_the_company_of_the_clause(text: str) -> None:
    rels = _rels(text)
    assert ("FOUNDED", "赵明", "星图智能") in rels
    assert ("FOUNDED", "李思远", "星图智能") in rels


def test_a_listed_founder_is_not_the_founder_of_a_past_employer_named_before() -> None:
    text = "智远星辰科技成立于2023年4月，由搜狗前CEO王立新创立，联合创始人包括前百度研究院科学家赵明。"
    rels = _rels(text)
    assert ("FOUNDED", "赵明", "智远星辰科技") in rels
    assert ("FOUNDED", "赵明", "搜狗") not in rels
    assert rels[("LEFT", "赵明", "百度")]["title"] == "科学家"


def test_investors_listed_are_not_founders() -> None:
    rels = _rels("星图智能成立于2023年，投资方包括红杉中国、高瓴创投。")
    assert not any(rel[0] == "FOUNDED" for rel in rels)


@pytest.mark.parametrize("text", ["星图智能成立于2023年。", "星图智能于2023年4月成立，总部位于北京。"])
def test_dictionary_words_with_a_suffix_opening_a_founding_clause_name_a_company(text: str) -> None:
    assert _entities(text).get("星图智能") == {"Company"}


def test_a_description_opening_a_founding_clause_names_no_company() -> None:
    assert "人工智能" not in _entities("人工智能成立于上世纪五十年代的一次会议。")


@pytest.mark.parametrize(
    "text",
    [
        "知情人士透露，陳世傑將加入一家總部位於新加坡的AI電商新創公司「星鏈零售」，擔任執行長一職。",
        "据悉，陈世杰将加入一家AI电商初创公司“星链零售”，出任CEO。",
    ],
)
def test_joining_a_described_start_up_joins_the_start_up_named_after_the_description(text: str) -> None:
    rels = _rels(text)
    (key,) = [k for k in rels if k[0] == "HOLDS_POSITION"]
    assert key[2] in ("星鏈零售", "星链零售")
    assert rels[key]["title"] == "CEO"


def test_joining_an_unnamed_company_holds_no_position() -> None:
    assert not any(k[0] == "HOLDS_POSITION" for k in _rels("据悉，陈世杰将加入一家AI电商初创公司，出任CEO。"))


@pytest.mark.parametrize("title", ["美國電商主管", "东南亚业务主管", "海外电商负责人"])
def test_the_head_of_a_platforms_regional_business_left_its_maker(title: str) -> None:
    text = f"字节跳动旗下TikTok{title}王可心已在上月辞职。"
    rels = _rels(text)
    assert ("LEFT", "王可心", "字节跳动") in rels


def test_a_supervising_department_is_no_title() -> None:
    assert not any("Person" in t for t in _entities("星图智能的主管部门是北京市科委。").values())


# -- English placements and sovereign funds ---------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Mubadala and the Qatar Investment Authority bought into a $1.1 billion share placement by "
        "electric-vehicle maker Voltera Motors this week.",
        "Mubadala and the Qatar Investment Authority subscribed for shares in Voltera Motors' placement.",
        "Mubadala and the Qatar Investment Authority took part in a HK$8 billion placing by Voltera Motors.",
    ],
)
def test_buying_into_a_placement_invests_in_the_company_placing(text: str) -> None:
    rels = _rels(text)
    assert ("INVESTED_IN", "Mubadala", "Voltera Motors") in rels
    assert ("INVESTED_IN", "Qatar Investment Authority", "Voltera Motors") in rels


def test_a_placement_arranged_by_a_bank_is_no_investment_by_it() -> None:
    rels = _rels("Morgan Stanley arranged a $1.1 billion share placement by Voltera Motors.")
    assert not any(k[0] == "INVESTED_IN" for k in rels)


def test_agreeing_to_invest_a_sum_invests_it() -> None:
    rels = _rels(
        "Saudi Arabia's Public Investment Fund separately agreed to invest $200 million in Kinetix Software, "
        "a Beijing-based enterprise software company."
    )
    assert rels[("INVESTED_IN", "Public Investment Fund", "Kinetix Software")]["amount"] == 200_000_000


def test_a_subject_with_an_apposition_of_its_backer_took_the_stake_and_the_government_invested_nothing() -> None:
    rels = _rels("Last year, CYVN Holdings, backed by the Abu Dhabi government, took a stake in Voltera.")
    assert ("INVESTED_IN", "CYVN Holdings", "Voltera") in rels
    assert len([k for k in rels if k[0] == "INVESTED_IN"]) == 1
    assert "Abu Dhabi" not in _entities(
        "Last year, CYVN Holdings, backed by the Abu Dhabi government, took a stake in Voltera."
    )


def test_backed_by_named_investors_still_lists_them() -> None:
    rels = _rels("Voltera Motors, backed by Temasek and Hillhouse, raised $500 million.")
    assert ("INVESTED_IN", "Temasek", "Voltera Motors") in rels


def test_an_english_company_written_with_co_is_the_known_company() -> None:
    ex = extract(Article(text="Abu Dhabi's Mubadala Investment Co invested in Voltera Motors.", published=PUBLISHED))
    (fund,) = [e for e in ex.entities if "Voltera" not in e.names[0]]
    assert fund.key == "mubadala"


@pytest.mark.parametrize(
    "text",
    [
        "Voltera Motors' chief executive, Marcus Liang, said the company welcomed the investors.",
        "Voltera Motors chief executive Marcus Liang said the company welcomed the investors.",
    ],
)
def test_a_companys_title_then_a_name_between_commas_holds_the_title(text: str) -> None:
    assert _rels(text)[("HOLDS_POSITION", "Marcus Liang", "Voltera Motors")]["title"] == "CEO"


# -- dates --------------------------------------------------------------------------------------------


def test_a_headlines_vague_year_gives_way_to_the_bodys_day() -> None:
    text = "锦能科技通过港交所上市聆讯 或成今年港股最大IPO\n6月9日晚间，港交所披露，锦能科技已通过上市聆讯。"
    assert _rels(text)[("PASSED_LISTING_HEARING", "锦能科技", "港交所")]["date"] == "2025-06-09"


def test_a_body_date_that_differs_does_not_replace_the_first() -> None:
    text = "锦能科技于2024年5月通过港交所上市聆讯。\n2025年6月9日，锦能科技再次通过上市聆讯。"
    assert _rels(text)[("PASSED_LISTING_HEARING", "锦能科技", "港交所")]["date"] == "2024-05"


# -- whole stories -------------------------------------------------------------------------------------


def test_an_alumni_roundup_gives_each_founder_their_company() -> None:
    rels = story_relations("zh_alumni_founders_roundup.txt")
    for per, co in (("周启明", "灵犀未来"), ("林书航", "星穹智能"), ("陈一凡", "墨言科技"), ("吴子墨", "墨言科技")):
        assert ("FOUNDED", per, co) in rels
    assert ("HOLDS_POSITION", "杨振宇", "阿里巴巴") in rels


def test_a_gulf_placement_story_gives_each_fund_its_company() -> None:
    rels = story_relations("en_gulf_funds_placements.txt")
    invested = {(k[1], k[2]) for k in rels if k[0] == "INVESTED_IN"}
    assert invested == {
        ("Mubadala Investment Co", "Voltera Motors"),
        ("Qatar Investment Authority", "Voltera Motors"),
        ("Public Investment Fund", "Kinetix Software"),
        ("CYVN Holdings", "Voltera Motors"),
    }
    assert ("HOLDS_POSITION", "Marcus Liang", "Voltera Motors") in rels


def test_a_platform_executive_story_in_traditional_chinese_gives_both_moves() -> None:
    rels = story_relations("zh_hant_platform_exec_to_startup.txt")
    assert rels[("HOLDS_POSITION", "陳世傑", "星鏈零售")]["title"] == "CEO"
    assert ("LEFT", "陳世傑", "字節跳動") in rels
    assert ("LEFT", "王可心", "字節跳動") in rels


def test_a_hearing_story_gives_the_day_and_the_cornerstones() -> None:
    rels = story_relations("zh_battery_maker_hk_hearing.txt")
    assert rels[("PASSED_LISTING_HEARING", "锦能科技", "港交所")]["date"] == "2025-06-09"
    assert rels[("INVESTED_IN", "科威特投资局", "锦能科技")]["role"] == "cornerstone"


# -- English wire stories: founders, backers, debuts ---------------------------------------------------


def test_founded_by_then_an_unknown_subject_founds_nothing_named_after_it() -> None:
    rels = _rels(
        "Founded in 2016 by former Huawei engineer Zhou Tao, Astrobot counts Tencent and Shenzhen Capital Group "
        "among its backers."
    )
    assert not any(k[0] == "FOUNDED" for k in rels)


def test_founded_by_then_a_described_subject_founds_it() -> None:
    rels = _rels("Founded in 2016 by Zhou Tao, Shanghai-based Astrobot Technology raised $50 million.")
    assert ("FOUNDED", "Zhou Tao", "Astrobot Technology") in rels


def test_a_co_founder_named_after_the_date_co_founded_it_then() -> None:
    text = (
        "Qiming Intelligence was founded by Zhang Wenhao. Zhang, who left Sogou in 2022, co-founded the company in "
        "April 2023 with Chen Yu, a former researcher at Microsoft Research Asia."
    )
    rels = _rels(text)
    assert rels[("FOUNDED", "Chen Yu", "Qiming Intelligence")]["date"] == "2023-04"
    assert rels[("FOUNDED", "Zhang Wenhao", "Qiming Intelligence")]["date"] == "2023-04"


@pytest.mark.parametrize("who", ["existing investors", "current backers"])
def test_existing_investors_hold_stakes_from_no_round_of_the_story(who: str) -> None:
    text = f"Qiming Intelligence raised $250 million in a Series A round. Its {who} include Legend Capital."
    assert rels_round(text, "Legend Capital") is None


def test_investors_in_the_round_are_in_the_round() -> None:
    text = "Qiming Intelligence raised $250 million in a Series A round. Investors in the round include Legend Capital."
    assert rels_round(text, "Legend Capital") == "A"


def rels_round(text: str, investor: str) -> object:
    return _rels(text)[("INVESTED_IN", investor, "Qiming Intelligence")].get("round")


@pytest.mark.parametrize("adjective", ["state-backed", "government-owned"])
def test_a_state_adjective_before_a_listed_investor_keeps_the_list(adjective: str) -> None:
    rels = _rels(
        "Qiming Intelligence raised $250 million in a round led by Alibaba Group, with participation from "
        f"Xiaomi, {adjective} Shenzhen Capital Group and HongShan."
    )
    for investor in ("Xiaomi", "Shenzhen Capital Group", "HongShan"):
        assert rels[("INVESTED_IN", investor, "Qiming Intelligence")]["role"] == "follow"
    assert not any(k[2] == "Xiaomi" for k in rels)


def test_a_place_owning_a_listed_investor_keeps_the_list() -> None:
    rels = _rels(
        "Astrobot Technology listed in Hong Kong. Cornerstone investors in the IPO included Hillhouse Capital, "
        "UBS Asset Management and Hong Kong's Hong Kong Investment Corp, which took half of the offering."
    )
    assert rels[("INVESTED_IN", "Hong Kong Investment Corp", "Astrobot Technology")]["role"] == "cornerstone"


def test_one_of_the_backers_a_company_counts_takes_no_round_of_the_story() -> None:
    rels = story_relations("en_robotics_hk_debut.txt")
    assert rels[("INVESTED_IN", "Shenzhen Capital Group", "Astrobot")] == {}
    assert rels[("PASSED_LISTING_HEARING", "Astrobot", "Hong Kong stock exchange")]["date"] == "2025-05"
    assert rels[("FILED_FOR_IPO", "Astrobot", "Hong Kong stock exchange")]["date"] == "2025-01"


def test_another_companys_hearing_takes_no_exchange_from_the_debut_story() -> None:
    text = (
        "Astrobot Technology began trading in Hong Kong on Tuesday. "
        "Rival Botix Robotics passed the exchange's listing hearing in May."
    )
    assert not any(k[0] == "PASSED_LISTING_HEARING" and k[1] == "Botix Robotics" for k in _rels(text))


@pytest.mark.parametrize(
    ("verb", "date"), [("retired from TSMC in March", "2025-03"), ("resigned from TSMC last year", "2024")]
)
def test_a_wire_surname_alone_before_a_career_verb_is_the_person_named_before(verb: str, date: str) -> None:
    text = f"Lin Wen-po has joined Intel Corp, Intel said on Tuesday. Lin {verb}."
    assert _rels(text)[("LEFT", "Lin Wen-po", "TSMC")]["date"] == date


def test_a_surname_that_is_also_a_company_word_is_no_person() -> None:
    text = "Lin Wen-po has joined Intel Corp. Intel has 100,000 staff."
    assert "Intel" not in {n for n, t in _entities(text).items() if "Person" in t}


# -- Chinese stakes and backers --------------------------------------------------------------------------


def test_a_buy_in_dated_after_its_adverb_is_found() -> None:
    rels = _rels("此前，一汽集团已于2023年战略入股零跑汽车，持股约20%。")
    assert rels[("INVESTED_IN", "一汽集团", "零跑汽车")]["date"] == "2023"
    assert rels[("OWNED_BY", "零跑汽车", "一汽集团")]["share"] == 0.2


def test_a_buy_in_without_an_object_is_in_the_company_named_before_and_takes_only_its_clauses_sum() -> None:
    rels = _rels("此前，一汽集团已于2023年战略入股零跑汽车；Stellantis集团也于同年以15亿欧元入股，成为第二大股东。")
    assert ("INVESTED_IN", "Stellantis集团", "零跑汽车") in rels
    assert "amount" not in rels[("INVESTED_IN", "一汽集团", "零跑汽车")]


def test_a_list_buying_in_is_in_the_company_of_the_story_not_in_its_first_member() -> None:
    rels = _rels("星驰科技宣布上市。\n鸿海、尹衍樑、淡马锡入股")
    assert ("INVESTED_IN", "淡马锡", "星驰科技") in rels
    assert ("INVESTED_IN", "淡马锡", "鸿海") not in rels


@pytest.mark.parametrize(
    "text",
    ["杭州城投入股零跑汽车 持股比例达5%", "零跑汽车公告，发行完成后杭州城投将持有公司约5%股份。"],
)
def test_the_holder_of_a_new_stake_is_the_buyer_not_the_company_bought_into(text: str) -> None:
    rels = _rels(text)
    assert rels[("OWNED_BY", "零跑汽车", "杭州城投")]["share"] == 0.05
    assert ("OWNED_BY", "杭州城投", "零跑汽车") not in rels


def test_a_holders_own_stake_stays_its_own() -> None:
    rels = _rels("海川科技的股东中，蓝潮资本持股35%。")
    assert rels[("OWNED_BY", "海川科技", "蓝潮资本")]["share"] == 0.35


@pytest.mark.parametrize(
    "text",
    [
        "招股书显示，稀光科技背后站着阿里巴巴、腾讯、米哈游等知名机构。",
        "稀光科技已完成多轮融资，背后站着阿里巴巴、腾讯、米哈游等知名机构。",
    ],
)
def test_who_stands_behind_a_company_backs_it(text: str) -> None:
    rels = _rels(text)
    for investor in ("阿里巴巴", "腾讯", "米哈游"):
        assert rels[("INVESTED_IN", investor, "稀光科技")] == {}


def test_a_place_behind_a_company_backs_nothing() -> None:
    assert not any(k[0] == "INVESTED_IN" for k in _rels("稀光科技的办公楼背后是一片公园。"))


def test_a_valuation_with_a_round_is_the_funded_companys_not_the_lead_investors() -> None:
    ex = extract(Article(
        text="2024年3月，稀光科技完成6亿美元融资，由阿里巴巴领投，红杉中国跟投，投后估值超过25亿美元。",
        published=PUBLISHED,
    ))
    names = {e.handle: e.names[0] for e in ex.entities}
    assert [names[r.target] for r in ex.relations if r.type == "FIGURE_OF"] == ["稀光科技"]


def test_a_model_maker_hearing_story_gives_every_backer() -> None:
    rels = story_relations("zh_model_maker_hearing_backers.txt")
    for investor in ("阿里巴巴", "腾讯", "米哈游", "小红书", "上海国投", "徐汇资本", "红杉中国", "高瓴资本"):
        assert ("INVESTED_IN", investor, "稀光科技") in rels
    assert ("LEFT", "闫俊杰", "商汤科技") in rels


def test_a_chip_round_story_with_state_funds_by_kind_gives_each_fund_the_round() -> None:
    rels = story_relations("zh_auto_chip_round_state_list.txt")
    for investor in ("上海国投先导基金", "湖北长江产业投资集团", "合肥产投", "元禾璞华", "中芯聚源"):
        assert rels[("INVESTED_IN", investor, "芯驰半导体")]["round"] == "C"
    assert not any(k[0] == "INVESTED_IN" and k[1] in ("比亚迪", "理想汽车") for k in rels)


# -- investors named by kind or as "these names" ------------------------------------------------------------


@pytest.mark.parametrize("lead", ["近日", "日前", ""])
def test_a_name_opening_with_an_adverb_character_after_a_time_word_keeps_it(lead: str) -> None:
    assert "太蓝新能源" in _entities(f"{lead}太蓝新能源宣布完成超4亿元B+轮融资")


def test_an_adverb_inside_a_clause_still_ends_a_description() -> None:
    assert "太好科技" not in _entities("我们觉得这家公司做得太好科技含量很高。")


def test_these_names_after_a_round_are_its_investors_coined_ones_too() -> None:
    rels = _rels(
        "太蓝新能源拿到了超4亿元的B+轮融资。两江基金、君安回天、交银投资、潜江零度这些名字，懂行的一看就知道阵容不简单。"
    )
    for investor in ("两江基金", "君安回天", "交银投资", "潜江零度"):
        # the round the article reports, undated, is dated by the report (its month)
        assert rels[("INVESTED_IN", investor, "太蓝新能源")] == {
            "round": "B+", "date": PHRASING_DAY[:7], "date_precision": "month"}


def test_these_names_without_a_round_invest_in_nothing() -> None:
    assert not _rels("比亚迪、理想汽车、蔚来、小鹏汽车这些名字，早已家喻户晓。")


def test_each_kind_of_investor_named_after_the_investors_are_introduced_is_one() -> None:
    rels = _rels(
        "太蓝新能源拿到了超4亿元的B+轮融资。看看投资方：有两江基金这样的地方产业资本，有交银投资为代表的国有金融机构，"
        "也有君安回天这样的专业投资机构。"
    )
    for investor in ("两江基金", "交银投资", "君安回天"):
        assert rels[("INVESTED_IN", investor, "太蓝新能源")] == {
            "round": "B+", "date": PHRASING_DAY[:7], "date_precision": "month"}


def test_kinds_of_customers_are_no_investors() -> None:
    rels = _rels("太蓝新能源完成B+轮融资。公司的客户中，有比亚迪这样的车企，也有宁德时代这样的电池厂。")
    assert not any(k[1] in ("比亚迪", "宁德时代") for k in rels)


# -- registry stories, Hong Kong and Taiwan spellings ---------------------------------------------------


def test_a_registered_name_with_a_bracketed_region_is_one_name() -> None:
    assert "长存三期(武汉)集成电路有限责任公司" in {
        n.replace("（", "(").replace("）", ")")
        for n in _entities("天眼查显示，长存三期（武汉）集成电路有限责任公司近日成立，注册资本207.2亿元。")
    }


def test_a_bracketed_place_after_a_phrase_starts_no_name() -> None:
    assert not _entities("注册于上海（浦东）的企业有限公司很多。")


def test_the_company_just_named_is_co_owned_at_the_shares_given_in_order() -> None:
    rels = _rels(
        "星河芯材有限公司近日成立。该公司由星河控股有限公司、湖北长晟三期投资发展有限公司共同持股，持股比例分别为50.2%和49.8%。"
    )
    assert rels[("OWNED_BY", "星河芯材有限公司", "星河控股有限公司")]["share"] == 0.502
    assert rels[("OWNED_BY", "星河芯材有限公司", "湖北长晟三期投资发展有限公司")]["share"] == 0.498


def test_a_platforms_short_name_keeps_its_region_and_the_latter_is_owned_by_the_body_named() -> None:
    text = (
        "该公司股东为湖北长晟三期投资发展有限公司。湖北长晟三期由湖北省科技投资集团有限公司全资控股，"
        "后者为湖北省国资委下属企业。"
    )
    rels = _rels(text)
    assert rels[("OWNED_BY", "湖北长晟三期投资发展有限公司", "湖北省科技投资集团有限公司")]["share"] == 1.0
    assert ("OWNED_BY", "湖北省科技投资集团有限公司", "湖北省国资委") in rels


def test_a_generic_platform_keeps_its_business_in_its_short_form() -> None:
    from kg.extract.mentions import short_forms

    assert "合肥市产业" not in short_forms("合肥市产业投资控股(集团)有限公司")
    assert "湖北长晟三期" in short_forms("湖北长晟三期投资发展有限公司")


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("阿布達比投資局", "adia"),
        ("卡達投資局", "qia"),
        ("沙烏地公共投資基金", "pif"),
        ("沙特阿拉伯公共投資基金", "pif"),
    ],
)
def test_hong_kong_and_taiwan_spellings_of_gulf_funds_are_the_known_funds(name: str, key: str) -> None:
    ex = extract(Article(text=f"{name}參與認購星河電動新股。", published=PUBLISHED))
    assert key in {e.key for e in ex.entities}


def test_an_investors_record_in_many_companies_is_no_investment_in_the_story() -> None:
    rels = story_relations("zh_hant_gulf_funds_nio_placings.txt")
    assert not any(k[0] == "INVESTED_IN" and k[1] == "阿布達比投資局" for k in rels)
    assert ("INVESTED_IN", "CYVN Holdings", "蔚來") in rels
    assert ("INVESTED_IN", "卡塔爾投資局", "金蝶") in rels


def test_a_third_character_jieba_reads_as_a_status_word_is_the_names() -> None:
    rels = _rels("台積電前資深副總羅文彬今年7月自台積電退休。")
    assert ("LEFT", "羅文彬", "台積電") in rels


# -- an English company history over several rounds ----------------------------------------------------------


@pytest.fixture(scope="module")
def nebula() -> dict[tuple[str, str, str], dict[str, Any]]:
    return story_relations("en_robotics_rounds_over_years.txt")


def test_a_later_round_takes_no_sum_of_the_round_before(nebula) -> None:
    assert "amount" not in nebula[("INVESTED_IN", "China Mobile", "Nebula Robotics")]
    assert nebula[("INVESTED_IN", "HongShan", "Nebula Robotics")]["amount"] == 1_000_000_000


def test_whose_investors_include_names_standing_backers(nebula) -> None:
    assert nebula[("INVESTED_IN", "Alibaba", "Nebula Robotics")] == {}
    assert nebula[("INVESTED_IN", "Xiaomi", "Nebula Robotics")] == {}


def test_a_valuation_after_the_subject_and_an_aside_is_the_subjects(nebula) -> None:
    assert [k[2] for k in nebula if k[0] == "FIGURE_OF"] == ["Nebula Robotics"]


def test_the_company_spun_off_from_a_unit_is_the_story_company(nebula) -> None:
    assert nebula[("SPUN_OFF_FROM", "Nebula Robotics", "Baidu")]["date"] == "2021"


def test_founders_listed_with_an_apposition_between_found_it_both(nebula) -> None:
    assert ("FOUNDED", "Chen Hao", "Nebula Robotics") in nebula
    assert ("FOUNDED", "Liu Yang", "Nebula Robotics") in nebula
    assert ("LEFT", "Liu Yang", "Huawei") in nebula


def test_an_apposition_naming_an_employer_names_no_person() -> None:
    ents = _entities("Nebula Robotics was founded by Chen Hao, a former Baidu Research executive, and Liu Yang.")
    assert "Baidu Research" not in {n for n, t in ents.items() if "Person" in t}


def test_a_thing_spun_off_from_a_company_is_not_the_story_company() -> None:
    rels = _rels("Nebula Robotics raised $50 million. Its chip unit was spun off from Baidu last year.")
    assert not any(k[0] == "SPUN_OFF_FROM" for k in rels)


@pytest.mark.parametrize("unit", ["战投", "战略投资部"])
def test_a_companys_investing_department_invests_as_the_company(unit: str) -> None:
    rels = _rels(f"灵枢机器人已于近期完成新一轮融资，由美团{unit}独家投资。")
    assert rels[("INVESTED_IN", "美团", "灵枢机器人")]["role"] == "sole"


def test_what_an_investor_is_before_its_name_keeps_it_in_the_list() -> None:
    rels = _rels(
        "招股书显示，星原科技本次IPO引入了8名基石投资者，合计认购约1.5亿美元，包括高瓴、博裕资本、中东主权基金ADIA等。"
    )
    for investor in ("高瓴", "博裕资本", "ADIA"):
        assert rels[("INVESTED_IN", investor, "星原科技")]["role"] == "cornerstone"


# -- Taiwan and Hong Kong stories in traditional Chinese ------------------------------------------------------


def test_founders_after_who_each_was_found_the_company_of_the_clause() -> None:
    rels = _rels("耀芯科技成立於2020年，由前聯發科資深處長林志遠與前台積電研發經理陳柏宇共同創辦。")
    assert ("FOUNDED", "林志遠", "耀芯科技") in rels
    assert ("FOUNDED", "陳柏宇", "耀芯科技") in rels
    assert rels[("LEFT", "陳柏宇", "台積電")]["title"] == "研發經理"


def test_a_verb_after_bing_with_its_subject_left_out_is_no_company() -> None:
    assert "規劃" not in _entities("耀芯科技預計明年申請興櫃掛牌，並規劃於2027年轉上市。")


def test_a_name_after_bing_that_is_no_dictionary_word_is_still_a_subject() -> None:
    assert "耀芯科技" in _entities("公司宣布，並耀芯科技於2027年轉上市。")


def test_a_kind_of_supplier_before_a_name_is_not_part_of_it() -> None:
    ents = _entities("港股新股｜智駕方案商行遠科技今起招股")
    assert "行遠科技" in ents
    assert "智駕方案商行遠科技" not in ents


def test_deals_a_company_once_did_take_no_round_or_date_of_the_story() -> None:
    rels = story_relations("zh_hant_hk_ipo_cornerstones_mingpao.txt")
    assert rels[("INVESTED_IN", "紅杉中國", "行遠科技")] == {}
    assert rels[("INVESTED_IN", "阿布達比投資局", "行遠科技")]["role"] == "cornerstone"


def test_an_earlier_deal_keeps_a_date_of_its_own_clause() -> None:
    rels = _rels("此前，一汽集团已于2023年战略入股零跑汽车。")
    assert rels[("INVESTED_IN", "一汽集团", "零跑汽车")]["date"] == "2023"


def test_a_taiwan_round_story_gives_the_state_fund_and_every_backer_once() -> None:
    ex = extract(Article(text=(_STORIES / "zh_hant_tw_chip_round_ntd.txt").read_text(encoding="utf-8"),
                         published=PUBLISHED))
    assert sum(1 for e in ex.entities if e.key == "tw-ndf") == 1
    rels = story_relations("zh_hant_tw_chip_round_ntd.txt")
    for investor in ("國發基金", "台達電", "中華開發資本"):
        assert rels[("INVESTED_IN", investor, "耀芯科技")]["role"] == "follow"


# -- everyday words that are no names ------------------------------------------------------------------------


def test_an_everyday_word_before_a_listing_is_no_company() -> None:
    ents = _entities("星驰智能向港交所递交上市申请，拟以第18C章特专科技公司规则在主板上市。")
    assert "规则" not in ents and "星驰智能" in ents


def test_a_coined_subject_before_a_listing_is_still_a_company() -> None:
    assert "Company" in _entities("星驰智能于6月12日在港交所主板上市。").get("星驰智能", set())


def test_letters_in_brackets_after_chinese_are_a_gloss_not_a_ticker() -> None:
    assert "动作" not in _entities("其核心产品是一个视觉-语言-动作（VLA）大模型。")


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Acme Robotics (NASDAQ: ACME) rose 5%.", "Acme Robotics"),
        ("海岳食品（股份代号：03288.HK）今日公布业绩。", "海岳食品"),
    ],
)
def test_a_name_with_its_stock_code_is_a_company(text: str, name: str) -> None:
    assert "Company" in _entities(text)[name]


def test_carrying_out_a_placement_is_no_fund() -> None:
    ents = _entities("2023年，能碩辦理私募，由鴻海獨家認購。")
    assert not any("Investor" in t and "私募" in n for n, t in ents.items())


def test_everyday_verbs_before_a_suffix_are_no_brand_but_rare_characters_are() -> None:
    assert "能让机器人" not in _entities("该模型能让机器人理解指令。")
    assert "极晞科技" in _entities("极晞科技完成A轮融资。")


# -- career verbs: taking up a post, promotions, transfers, retirement ----------------------------------------


@pytest.mark.parametrize(
    ("text", "rel", "title"),
    [
        (
            "原华为车BU总裁余承东的老部下李明辉已正式履新小鹏汽车，担任副总裁。",
            ("HOLDS_POSITION", "李明辉", "小鹏汽车"),
            "副总裁",
        ),
        ("小米集团合伙人卢伟冰升任集团总裁。", ("HOLDS_POSITION", "卢伟冰", "小米集团"), "总裁"),
        ("商汤科技联合创始人徐立出任公司董事长兼CEO。", ("HOLDS_POSITION", "徐立", "商汤科技"), "CEO"),
        ("字节跳动技术副总裁洪定坤将调任抖音集团CTO。", ("HOLDS_POSITION", "洪定坤", "抖音集团"), "CTO"),
    ],
)
def test_taking_up_promotions_and_transfers_hold_the_title(text: str, rel: tuple[str, str, str], title: str) -> None:
    rels = _rels(text)
    assert title in {v.get("title") for k, v in rels.items() if k == rel}


def test_the_boss_named_before_a_subordinate_takes_no_post() -> None:
    rels = _rels("原华为车BU总裁余承东的老部下李明辉已正式履新小鹏汽车，担任副总裁。")
    assert ("HOLDS_POSITION", "余承东", "小鹏汽车") not in rels


def test_a_group_named_after_a_product_is_a_company() -> None:
    assert _entities("洪定坤将调任抖音集团CTO。")["抖音集团"] == {"Company"}


def test_retiring_from_a_company_leaves_it() -> None:
    assert ("LEFT", "张建锋", "阿里巴巴") in _rels("曾担任阿里云智能总裁的张建锋，目前已从阿里巴巴退休。")


@pytest.mark.parametrize(
    ("text", "founded"),
    [
        ("理想汽车原CTO王凯离职后创办了一家自动驾驶公司，取名为“智行者”。", ("FOUNDED", "王凯", "智行者")),
        ("OpenAI前研究员李飞扬回国创业，成立了具身智能公司银河通用。", ("FOUNDED", "李飞扬", "银河通用")),
    ],
)
def test_a_company_named_after_it_is_described_was_founded(text: str, founded: tuple[str, str, str]) -> None:
    assert founded in _rels(text)


def test_a_product_named_after_it_is_described_is_no_company() -> None:
    assert "智行者" not in _entities("理想汽车推出了一款自动驾驶产品，取名为“智行者”。")


# -- an English story of platform departures -----------------------------------------------------------------


@pytest.fixture(scope="module")
def departures() -> dict[tuple[str, str, str], dict[str, Any]]:
    return story_relations("en_platform_exec_departures.txt")


def test_a_move_to_come_after_an_aside_holds_the_new_title_undated(departures) -> None:
    held = departures[("HOLDS_POSITION", "Kevin Chen", "ShopLane")]
    assert held["title"] == "CEO" and "valid_from" not in held


def test_a_startup_called_x_is_founded_and_takes_its_seed_round(departures) -> None:
    assert ("FOUNDED", "Leo Zhang", "Mindforge") in departures
    assert departures[("INVESTED_IN", "Monolith Capital", "Mindforge")]["round"] == "seed"
    assert not any(k[0] == "INVESTED_IN" and k[2] == "ShopLane" for k in departures)


def test_a_move_dated_after_the_verb_keeps_its_date() -> None:
    rels = _rels(
        "Kevin Chen, who joined ByteDance in 2019, joined Singapore-based startup ShopLane Inc in March 2024 "
        "as chief executive."
    )
    held = next(v for k, v in rels.items() if k[0] == "HOLDS_POSITION" and k[1] == "Kevin Chen")
    assert held.get("valid_from") == "2024-03"


def test_a_product_called_x_is_no_company() -> None:
    # a product, named after what it is: never a company
    assert _entities("Leo Zhang launched an AI agent product called Mindforge.").get("Mindforge") == {"Product"}
