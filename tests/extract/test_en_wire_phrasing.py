"""English wire-copy phrasing: followers named beside unnamed ones, an investor's own cheque after the
round's total, debuts of several companies, founders described before their names, posts said with
"led by" or at the head of a sentence. Invented sentences, each with a near miss."""

from __future__ import annotations

from kg.extract.mentions import short_forms
from kg.extract.normalize import find_dates
from kg.model import Extraction
from kg.names import normalize_name
from tests.extract.helpers import has_relation, names_of, relations, run

PUBLISHED = "2026-02-24"


def entity_handle(ex: Extraction, name: str) -> str | None:
    """The handle of the entity called `name`, or None when nothing is."""
    return next((e.handle for e in ex.entities if normalize_name(name) in names_of(e)), None)


def test_along_with_names_a_follower_in_a_sentence_about_money() -> None:
    ex = run("Lanbo Robotics raised $50 million in a Series B round led by Sequoia China, along with "
             "Qiming Venture Partners.", PUBLISHED)
    assert has_relation(ex, "INVESTED_IN", "Qiming Venture Partners", "Lanbo Robotics", role="follow")


def test_along_with_in_a_sentence_about_listings_names_no_investor() -> None:
    # near miss: the same words beside a debut, with no money in the sentence
    ex = run("Zhipu AI listed in Hong Kong on Jan. 8. The listing, along with MiniMax Group's debut a day "
             "later, has set off a rush of departures.", PUBLISHED)
    assert not [r for r in ex.relations if r.type == "INVESTED_IN"]


def test_the_debuts_of_several_companies_are_each_a_listing_in_the_month_named() -> None:
    ex = run("The fundraising comes after the January debuts of Zhipu AI and MiniMax Group in Hong Kong.",
             PUBLISHED)
    assert has_relation(ex, "LISTED_ON", "Zhipu AI", "HKEX", date="2026-01")
    assert has_relation(ex, "LISTED_ON", "MiniMax Group", "HKEX", date="2026-01")


def test_a_month_before_an_event_noun_is_a_date() -> None:
    assert [d.iso for _s, _e, d in find_dates("after its March IPO", PUBLISHED)] == ["2026-03"]
    assert [d.iso for _s, _e, d in find_dates("a July funding round", PUBLISHED)] == ["2026-07"]


def test_a_month_name_before_another_noun_is_no_date() -> None:
    # near miss: "the May team" says nothing of when
    assert find_dates("the May team and the march of robots", PUBLISHED) == []


def test_a_founder_described_as_a_graduate_founded_the_subject_not_the_university() -> None:
    ex = run("Founded in 2023 by Yang Zhilin, a Tsinghua University graduate who previously worked at Google "
             "Brain, Moonshot AI shot to prominence with its chatbot.", PUBLISHED)
    assert has_relation(ex, "FOUNDED", "Yang Zhilin", "Moonshot AI", date="2023")
    assert not relations(ex, "FOUNDED", "Yang Zhilin", "Tsinghua University")


def test_a_founding_participle_with_a_plain_subject_still_founds_it() -> None:
    # near miss: no apposition about the founder
    ex = run("Founded in 2019 by Li Wei, Lanbo Robotics makes robot arms.", PUBLISHED)
    assert has_relation(ex, "FOUNDED", "Li Wei", "Lanbo Robotics", date="2019")


def test_the_leads_own_cheque_replaces_the_rounds_total() -> None:
    ex = run("Lanbo Robotics raised about $700 million in a round led by IDG Capital. IDG contributed about "
             "$300 million, making it the largest single investor.", PUBLISHED)
    assert has_relation(ex, "INVESTED_IN", "IDG Capital", "Lanbo Robotics", amount=300000000, currency="USD")
    assert not has_relation(ex, "INVESTED_IN", "IDG Capital", "Lanbo Robotics", amount=700000000)


def test_a_named_vehicle_invested_its_own_sum() -> None:
    ex = run("Lanbo Robotics raised $700 million in a round led by IDG Capital. The Shanghai vehicle, "
             "Shanghai Xiandao AI Fund, invested around $100 million.", PUBLISHED)
    assert has_relation(ex, "INVESTED_IN", "Shanghai Xiandao AI Fund", "Lanbo Robotics", amount=100000000)


def test_invested_a_sum_in_a_named_company_is_the_verb_rules() -> None:
    # near miss: the company is named after the sum, so the cheque rule leaves it to the verb rule
    ex = run("Qiming Venture Partners invested $5 million in Lanbo Robotics.", PUBLISHED)
    found = relations(ex, "INVESTED_IN", "Qiming Venture Partners", "Lanbo Robotics")
    assert len(found) == 1
    assert found[0].get("amount") == 5000000


def test_an_acronym_is_a_short_form_of_its_full_name() -> None:
    assert "IDG" in short_forms("IDG Capital")
    # near miss: two capitals are too few to stand alone
    assert "GL" not in short_forms("GL Ventures")


def test_a_follower_beside_an_unnamed_fund_and_backers_putting_in_more() -> None:
    ex = run("Lanbo Robotics raised $50 million in a Series B round led by IDG Capital. Tencent and a fund "
             "backed by the Shanghai government also joined the round. Existing investors Qiming Venture "
             "Partners and HongShan put in more as well.", PUBLISHED)
    for investor in ("Tencent", "Qiming Venture Partners", "HongShan"):
        assert has_relation(ex, "INVESTED_IN", investor, "Lanbo Robotics", role="follow"), investor


def test_putting_in_more_hours_is_no_investment() -> None:
    # near miss: "more" of something that is not money
    ex = run("Lanbo Robotics raised $50 million in a Series B round. Qiming Venture Partners and HongShan put "
             "in more hours on the deal.", PUBLISHED)
    assert not [r for r in ex.relations if r.type == "INVESTED_IN"]


def test_a_company_founded_by_one_and_led_by_another() -> None:
    ex = run("Zhipu AI, founded by Tsinghua professor Tang Jie and led by Chief Executive Officer Zhang Peng, "
             "listed in Hong Kong on Jan. 8.", PUBLISHED)
    assert has_relation(ex, "FOUNDED", "Tang Jie", "Zhipu AI")
    assert has_relation(ex, "HOLDS_POSITION", "Zhang Peng", "Zhipu AI", title="CEO")


def test_a_round_led_by_an_investor_is_no_post() -> None:
    # near miss: "led by" an organisation, not a titled person
    ex = run("Lanbo Robotics, a Shanghai startup, closed a round led by Sequoia China.", PUBLISHED)
    assert not [r for r in ex.relations if r.type == "HOLDS_POSITION"]


def test_a_title_opening_the_sentence_before_a_verb() -> None:
    ex = run("Moonshot AI makes the Kimi chatbot. Co-founder Zhou Xinyu leads the company's algorithm team.",
             PUBLISHED)
    assert relations(ex, "FOUNDED", "Zhou Xinyu", "Moonshot AI")


def test_words_that_are_no_title_before_a_name_give_no_post() -> None:
    # near miss: a description, not a title, before the name
    ex = run("Moonshot AI makes the Kimi chatbot. Beijing resident Zhou Xinyu leads a book club.", PUBLISHED)
    assert not [r for r in ex.relations if r.type in ("FOUNDED", "HOLDS_POSITION")]


def test_an_investors_owner_is_not_the_rounds_company() -> None:
    ex = run("Lanbo Robotics raised $20 million in a round led by HongShan, with Meituan's venture arm "
             "Dragonball Capital also taking part.", PUBLISHED)
    assert has_relation(ex, "INVESTED_IN", "Dragonball Capital", "Lanbo Robotics")
    assert not [r for r in ex.relations if r.type == "INVESTED_IN" and r.target == entity_handle(ex, "Meituan")]


def test_left_the_firm_a_relative_clause_named_and_set_up_another() -> None:
    ex = run("Li Na, who led Lanbo Robotics's vision team, left the Shanghai-based firm in November and set up "
             "Nexbot Intelligence weeks later.", PUBLISHED)
    assert has_relation(ex, "LEFT", "Li Na", "Lanbo Robotics", date="2025-11")
    assert relations(ex, "FOUNDED", "Li Na", "Nexbot Intelligence")


def test_a_round_right_after_a_founding_is_the_new_companys() -> None:
    ex = run("Lanbo Robotics makes arms. Li Na left Lanbo Robotics in November and set up Nexbot Intelligence. "
             "The seed round was led by HongShan.", PUBLISHED)
    assert has_relation(ex, "INVESTED_IN", "HongShan", "Nexbot Intelligence", round="seed")
    assert not relations(ex, "INVESTED_IN", "HongShan", "Lanbo Robotics")


def test_a_headline_about_a_former_employee_raising_money_is_not_the_employers_round() -> None:
    ex = run("Zhipu's Former Agent Chief Raises $60 Million for AI Startup Backed by HongShan\n\n"
             "The former head of Zhipu AI's agent team has raised money for a new startup.", PUBLISHED)
    assert not [r for r in ex.relations if r.type == "INVESTED_IN"]
    assert entity_handle(ex, "Agent") is None  # "agent" is written in lower case too: a word, not a name


def test_a_headline_about_a_companys_own_round() -> None:
    # near miss: the company raises, no former employee
    ex = run("Lanbo Robotics Raises $60 Million in Round Led by HongShan", PUBLISHED)
    assert relations(ex, "INVESTED_IN", "HongShan", "Lanbo Robotics")


def test_a_companys_founder_is_a_named_person() -> None:
    ex = run("Tidewater Intelligence's co-founder is Xia Lanting, a former researcher at Tsinghua University.",
             PUBLISHED)
    assert relations(ex, "FOUNDED", "Xia Lanting", "Tidewater Intelligence")


def test_a_companys_customer_is_no_post() -> None:
    # near miss: not a title
    ex = run("Tidewater Intelligence's biggest customer is Lanbo Robotics.", PUBLISHED)
    assert not [r for r in ex.relations if r.type in ("FOUNDED", "HOLDS_POSITION")]


def test_a_full_english_legal_name_shortens_to_its_trade_name() -> None:
    assert "Jingce" in short_forms("Jingce Semiconductor Equipment Co. Ltd.")


def test_who_left_a_company_that_year() -> None:
    ex = run("Jingce was founded in 2017 by Chen Weiguo, who left Applied Materials Inc. that year after 14 "
             "years at the U.S. equipment giant.", PUBLISHED)
    assert has_relation(ex, "LEFT", "Chen Weiguo", "Applied Materials Inc.", date="2017")


def test_a_byline_and_the_first_name_of_the_story_are_two_names() -> None:
    ex = run("Loomwork raises $32M\n\nBy Mara Lindqvist\n\nLoomwork, a startup building AI agents, has raised a "
             "$32 million seed round. The round was led by Monolith Management.", PUBLISHED)
    assert not [e for e in ex.entities if any("\n" in n for n in e.names)]
    assert has_relation(ex, "INVESTED_IN", "Monolith Management", "Loomwork", round="seed")


def test_she_started_a_company_with_a_cofounder() -> None:
    ex = run("Qiao Anran left 01.AI in January. Before 01.AI, which Kai-Fu Lee founded in 2023, she spent eight "
             "years at Microsoft. She started Loomwork in February with Marcus Lin, its CTO.", PUBLISHED)
    assert has_relation(ex, "FOUNDED", "Qiao Anran", "Loomwork", date="2026-02")
    assert has_relation(ex, "FOUNDED", "Marcus Lin", "Loomwork", date="2026-02")
    # near miss: the last name before the pronoun is not who it stands for
    assert not relations(ex, "FOUNDED", "Kai-Fu Lee", "Loomwork")


def test_filed_last_week_then_the_day_of_the_filing() -> None:
    ex = run("Kestrel Robotics filed for an initial public offering in Hong Kong last week. Kestrel Robotics "
             "filed on Feb. 26 under the exchange's rules for specialist tech firms.", "2026-03-03")
    assert has_relation(ex, "FILED_FOR_IPO", "Kestrel Robotics", "HKEX", date="2026-02-26")


def test_a_bare_filed_on_a_day_without_an_ipo_filing_is_nothing() -> None:
    # near miss: "filed" alone may be a lawsuit
    ex = run("Kestrel Robotics makes robots. Kestrel Robotics filed on Feb. 26 against a rival.", "2026-03-03")
    assert not [r for r in ex.relations if r.type == "FILED_FOR_IPO"]


def test_last_week_is_the_month_of_that_week() -> None:
    assert [d.iso for _s, _e, d in find_dates("filed last week", "2026-03-03")] == ["2026-02"]
    assert [d.iso for _s, _e, d in find_dates("earlier this week", "2026-03-03")] == ["2026-03"]


def test_stakes_without_the_company_and_a_state_owned_holder() -> None:
    ex = run("Kestrel Robotics makes robots. Tencent owns 8.2% of Kestrel Robotics and HongShan owns 6.5%, the "
             "filing shows. Beijing E-Town International Investment & Development, a state-owned investment "
             "firm, holds 4%.", "2026-03-03")
    assert has_relation(ex, "OWNED_BY", "Kestrel Robotics", "HongShan", share="0.065")
    assert has_relation(ex, "OWNED_BY", "Kestrel Robotics", "Beijing E-Town International Investment & "
                        "Development", share="0.04")
    etown = [e for e in ex.entities if "Beijing E-Town International Investment & Development" in e.names]
    assert etown and "StateOwnedFund" in etown[0].types


def test_a_share_of_something_else_is_no_stake() -> None:
    # near miss: a market share
    ex = run("Lanbo Robotics sells arms. HongShan owns 35% of the market.", "2026-03-03")
    assert not [r for r in ex.relations if r.type == "OWNED_BY"]


def test_a_product_named_after_what_it_is() -> None:
    ex = run("Kestrel Robotics sells robots to carmakers. Kestrel Robotics also develops a robot foundation "
             "model called Talon.", "2026-03-03")
    assert relations(ex, "DEVELOPS", "Kestrel Robotics", "Talon")
    ex = run("Loomwork Technologies raised money. Loomwork's first product, Shuttle, plugs into repositories.",
             "2026-03-03")
    assert relations(ex, "DEVELOPS", "Loomwork Technologies", "Shuttle")


def test_a_person_named_after_a_title_is_no_product() -> None:
    # near miss: "named" after a person's title
    ex = run("Lanbo Robotics hired a chief scientist named Li Wei.", "2026-03-03")
    assert not [e for e in ex.entities if "Product" in e.types]


def test_a_state_platforms_pinyin_word_in_an_english_name_makes_it_state_capital() -> None:
    ex = run("Lanbo Robotics raised $700 million in a round led by IDG Capital. Shanghai Guotou Xiandao AI Fund "
             "invested around $100 million.", PUBLISHED)
    fund = [e for e in ex.entities if "Shanghai Guotou Xiandao AI Fund" in e.names]
    assert fund and "StateOwnedFund" in fund[0].types


def test_a_private_funds_english_name_stays_private() -> None:
    # near miss: no state word in the name
    ex = run("Lanbo Robotics raised $700 million in a round led by IDG Capital. Qiming Xiandao AI Fund "
             "invested around $100 million.", PUBLISHED)
    fund = [e for e in ex.entities if "Qiming Xiandao AI Fund" in e.names]
    assert fund and "StateOwnedFund" not in fund[0].types
