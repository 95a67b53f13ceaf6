"""Extraction as a whole (`kg.extract.extract`): entities with types and spans, and every relation type in
simplified, traditional and English text, with the gazetteer and without it (names no gazetteer knows).
The example corpus is in test_examples.py, the gazetteer's own tests in test_gazetteer.py."""

from __future__ import annotations

import time

import pytest

from kg.extract import extract
from kg.extract.gazetteer import Gazetteer
from kg.ingest.readers import read_path
from kg.model import Article, Extraction
from kg.names import normalize_name
from kg.ontology import load_ontology
from tests import paths
from tests.extract.helpers import PUBLISHED, entity, has_relation, names_of, relations, run
from tests.factories import rules_only_gazetteer

EXAMPLES = paths.EXAMPLES


# -- every relation type, in three scripts -----------------------------------------------------------

CASES = [
    # funding: a lead keeps its role and the round's sum, followers are expanded from the list
    (
        "星衡智能完成3亿元B轮融资，由上海国投领投，红杉中国、高瓴创投跟投。",
        [
            (
                "INVESTED_IN",
                "上海国投",
                "星衡智能",
                {"round": "B", "role": "lead", "amount": 300000000, "currency": "CNY"},
            ),
            ("INVESTED_IN", "红杉中国", "星衡智能", {"round": "B", "role": "follow"}),
            ("INVESTED_IN", "高瓴创投", "星衡智能", {"round": "B", "role": "follow"}),
        ],
    ),
    (
        "星衡智能完成3億元B輪融資，由上海國投領投，紅杉中國、高瓴創投跟投。",
        [
            ("INVESTED_IN", "上海國投", "星衡智能", {"round": "B", "role": "lead", "amount": 300000000}),
            ("INVESTED_IN", "紅杉中國", "星衡智能", {"role": "follow"}),
            ("INVESTED_IN", "高瓴創投", "星衡智能", {"role": "follow"}),
        ],
    ),
    (
        "Xingheng AI raised $40 million in a Series B round led by Sequoia Capital, with participation from "
        "GL Ventures and Temasek.",
        [
            (
                "INVESTED_IN",
                "Sequoia Capital",
                "Xingheng AI",
                {"round": "B", "role": "lead", "amount": 40000000, "currency": "USD"},
            ),
            ("INVESTED_IN", "GL Ventures", "Xingheng AI", {"round": "B", "role": "follow"}),
            ("INVESTED_IN", "Temasek", "Xingheng AI", {"round": "B", "role": "follow"}),
        ],
    ),
    (
        "星衡智能获得腾讯、美团等机构投资。",
        [("INVESTED_IN", "腾讯", "星衡智能", {}), ("INVESTED_IN", "美团", "星衡智能", {})],
    ),
    # IPO steps
    (
        "6月30日，星衡智能正式向港交所递交招股书。",
        [("FILED_FOR_IPO", "星衡智能", "港交所", {"date": "2025-06-30", "date_precision": "day"})],
    ),
    (
        "6月30日，星衡智能正式向港交所遞交招股書。",
        [("FILED_FOR_IPO", "星衡智能", "港交所", {"date": "2025-06-30"})],
    ),
    (
        "Xingheng AI filed for a Hong Kong IPO on June 30, 2025.",
        [("FILED_FOR_IPO", "Xingheng AI", "HKEX", {"date": "2025-06-30"})],
    ),
    (
        "12月21日，星衡智能通过港交所上市聆讯。",
        [("PASSED_LISTING_HEARING", "星衡智能", "港交所", {"date": "2025-12-21"})],
    ),
    (
        "12月21日，星衡智能通過港交所上市聆訊。",
        [("PASSED_LISTING_HEARING", "星衡智能", "港交所", {"date": "2025-12-21"})],
    ),
    (
        "Xingheng AI passed its listing hearing with the Hong Kong Stock Exchange on Dec 21.",
        [("PASSED_LISTING_HEARING", "Xingheng AI", "HKEX", {"date": "2025-12-21"})],
    ),
    (
        "1月9日，星衡智能在港交所主板挂牌上市，股票代码02599。",
        [
            (
                "LISTED_ON",
                "星衡智能",
                "港交所",
                {"ticker": "2599", "board": "Main Board", "date": "2025-01-09"},
            )
        ],
    ),
    (
        "1月9日，星衡智能在港交所主板掛牌上市，股票代碼02599。",
        [("LISTED_ON", "星衡智能", "港交所", {"ticker": "2599"})],
    ),
    (
        "Shares of Xingheng AI (2599.HK) jumped 20% in their Hong Kong debut on Jan 9, 2026, "
        "well above the offer price of HK$12.50.",
        [
            (
                "LISTED_ON",
                "Xingheng AI",
                "HKEX",
                {"ticker": "2599", "date": "2026-01-09", "offer_price": 12.5, "currency": "HKD"},
            )
        ],
    ),
    (
        "星衡智能登陆科创板，股票代码688001，发行价为每股20.5元。",
        [
            (
                "LISTED_ON",
                "星衡智能",
                "上海证券交易所",
                {"ticker": "688001", "board": "STAR Market", "offer_price": 20.5},
            )
        ],
    ),
    # people
    ("星衡智能由林知远于2021年在上海创立。", [("FOUNDED", "林知远", "星衡智能", {"date": "2021"})]),
    ("星衡智能由林知遠於2021年在上海創立。", [("FOUNDED", "林知遠", "星衡智能", {"date": "2021"})]),
    (
        "Xingheng AI was founded in 2021 by Lin Zhiyuan, a former researcher at Baidu.",
        [
            ("FOUNDED", "Lin Zhiyuan", "Xingheng AI", {"date": "2021"}),
            ("LEFT", "Lin Zhiyuan", "Baidu", {"title": "researcher"}),
        ],
    ),
    (
        "星衡智能CEO林知远表示，公司将加大研发投入。",
        [("HOLDS_POSITION", "林知远", "星衡智能", {"title": "CEO"})],
    ),
    (
        "星衡智能首席執行官林知遠表示，公司將加大研發投入。",
        [("HOLDS_POSITION", "林知遠", "星衡智能", {"title": "CEO"})],
    ),
    (
        "Lin Zhiyuan, chief executive of Xingheng AI, said the company would expand.",
        [("HOLDS_POSITION", "Lin Zhiyuan", "Xingheng AI", {"title": "CEO"})],
    ),
    ("星衡智能创始人林知远出席了发布会。", [("FOUNDED", "林知远", "星衡智能", {})]),
    (
        "Chen Mo, co-founder of Xingheng AI, declined to comment.",
        [("FOUNDED", "Chen Mo", "Xingheng AI", {})],
    ),
    (
        "星衡智能联合创始人、CTO陈墨已于3月离职。",
        [
            ("FOUNDED", "陈墨", "星衡智能", {}),
            ("LEFT", "陈墨", "星衡智能", {"title": "CTO", "date": "2025-03"}),
            ("LEFT", "陈墨", "星衡智能", {"title": "联合创始人"}),
        ],
    ),
    (
        "星衡智能聯合創始人、CTO陳墨已於3月離職。",
        [("LEFT", "陳墨", "星衡智能", {"title": "CTO", "date": "2025-03"})],
    ),
    ("Chen Mo has left Xingheng AI to start his own company.", [("LEFT", "Chen Mo", "Xingheng AI", {})]),
    (
        "前腾讯副总裁梁以澄正式加入星衡智能，出任公司总裁。",
        [
            ("LEFT", "梁以澄", "腾讯", {"title": "副总裁"}),
            ("HOLDS_POSITION", "梁以澄", "星衡智能", {"title": "总裁"}),
        ],
    ),
    (
        "Former Baidu executive Wang Lei has joined Xingheng AI as president.",
        [
            ("LEFT", "Wang Lei", "Baidu", {"title": "executive"}),
            ("HOLDS_POSITION", "Wang Lei", "Xingheng AI", {"title": "president"}),
        ],
    ),
    # products
    ("字节跳动推出了豆包。", [("DEVELOPS", "字节跳动", "豆包", {})]),
    ("字節跳動推出了豆包。", [("DEVELOPS", "字節跳動", "豆包", {})]),
    ("ByteDance launched Doubao, its AI chatbot, in 2023.", [("DEVELOPS", "ByteDance", "Doubao", {})]),
    ("星衡智能 的 Orion-2.5 在多项评测中领先。", [("DEVELOPS", "星衡智能", "Orion-2.5", {})]),
    # spin-offs and control
    ("星衡智能脱胎于清华大学智能感知实验室。", [("SPUN_OFF_FROM", "星衡智能", "清华大学智能感知实验室", {})]),
    ("星衡智能脫胎於清華大學智能感知實驗室。", [("SPUN_OFF_FROM", "星衡智能", "清華大學智能感知實驗室", {})]),
    (
        "Xingheng AI was spun out of Tsinghua University in 2021.",
        [("SPUN_OFF_FROM", "Xingheng AI", "Tsinghua University", {})],
    ),
    (
        "Legend Star, an early-stage investment arm of Legend Holdings, joined the round.",
        [("CONTROLLED_BY", "Legend Star", "Legend Holdings", {"kind": "subsidiary"})],
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:28] for c in CASES])
def test_relation_snippets(text: str, expected: list) -> None:
    ex = run(text)
    for rel_type, source, target, props in expected:
        assert has_relation(ex, rel_type, source, target, **props), (
            f"missing {rel_type} {source}->{target} {props}; got "
            f"{[(r.type, r.source, r.target, r.props) for r in ex.relations]}"
        )


@pytest.mark.parametrize(
    ("text", "name", "types", "attrs"),
    [
        (
            "由上海国投领投。",
            "上海国投",
            {"StateOwnedFund"},
            {"investor_kind": "state_platform", "region": "Shanghai"},
        ),
        ("徐汇资本跟投。", "徐匯資本", {"StateOwnedFund"}, {"gov_level": "district"}),
        ("本轮由苏州工业园区科创投资基金领投。", "苏州工业园区科创投资基金", {"StateOwnedFund"}, {}),
        (
            "本轮由浦江未来产业投资基金领投。",
            "浦江未来产业投资基金",
            {"StateOwnedFund"},
            {"investor_kind": "guidance_fund"},
        ),
        ("青禾资本领投。", "青禾资本", {"Investor"}, {}),
        ("杭州青禾智能科技有限公司完成A轮融资。", "杭州青禾智能科技有限公司", {"Company"}, {}),
        ("Brightline Ventures led the round.", "Brightline Ventures", {"Investor"}, {}),
        (
            "The Zhejiang Artificial Intelligence Industry Investment Fund led the round.",
            "Zhejiang Artificial Intelligence Industry Investment Fund",
            {"StateOwnedFund"},
            {},
        ),
        ("Investors include HKEX-listed Lumen Holdings.", "Lumen Holdings", {"Company"}, {}),
        ("港交所与纳斯达克", "香港交易所", {"Exchange"}, {"qid": "Q496672"}),
        ("清华大学", "Tsinghua University", {"University"}, {}),
        ("Kimi 的用户增长很快。", "Kimi", {"Product"}, {}),
    ],
)
def test_entity_types_and_attributes(text: str, name: str, types: set[str], attrs: dict) -> None:
    found = entity(run(text), name)
    assert types <= found.types
    for k, v in attrs.items():
        assert found.attrs.get(k) == v


@pytest.mark.parametrize(
    ("text", "names"),
    [
        (
            "北京星衡华创科技股份有限公司（以下简称“星衡华创”）今日启动招股。星衡华创拟募资20亿港元。",
            {"北京星衡华创科技股份有限公司", "星衡华创"},
        ),
        (
            "杭州青禾智能科技有限公司（以下简称“青禾智能”）完成融资。青禾智能成立于2023年。",
            {"杭州青禾智能科技有限公司", "青禾智能"},
        ),
        (
            "Lumora AI (光澜智能) was founded in 2016. Lumora later spun off a project.",
            {"Lumora AI", "光澜智能", "Lumora"},
        ),
        (
            "Lumina Robotics (光域机器人) raised money. Lumina Robotics is based in Shenzhen.",
            {"Lumina Robotics", "光域机器人"},
        ),
        ("月之暗面(Moonshot AI)完成新一轮融资。", {"月之暗面", "Moonshot AI"}),
    ],
)
def test_pairings_and_short_names_are_one_entity(text: str, names: set[str]) -> None:
    ex = run(text)
    handles = {entity(ex, n).handle for n in names}
    assert len(handles) == 1


def test_people_found_by_role_and_repeated() -> None:
    ex = run("星衡智能联合创始人陈墨离职。陈墨此前负责预训练。据悉，陈墨正在筹备创业。")
    person = entity(ex, "陈墨")
    assert person.types == {"Person"}
    assert len(person.sources) == 3
    assert {s.method for s in person.sources} >= {"role-context", "repeat"}


def test_sources_point_into_the_original_text() -> None:
    text = "星衡智能 完成 B 轮融资，由 上海國投 领投，紅杉中國跟投。\nXingheng AI raised $40 million."
    ex = run(text)
    article_id = Article(text=text).id
    for e in ex.entities:
        for s in e.sources:
            assert s.article_id == article_id
            assert text[s.span_start : s.span_end] == s.evidence
            assert normalize_name(s.evidence) in names_of(e) or s.method == "implied-by-context"
    for r in ex.relations:
        src = r.provenance
        assert src.evidence and src.evidence.strip() in text
        assert 0 <= src.span_start < src.span_end <= len(text)
        assert 0 < src.confidence <= 1
    assert entity(ex, "上海国投").names == ["上海國投"]


def test_relation_props_are_allowed_by_the_ontology() -> None:
    ontology = load_ontology()
    for path in sorted(EXAMPLES.iterdir()):
        if path.name == "README.md":
            continue
        for article in read_path(path):
            ex = extract(article)
            for r in ex.relations:
                ontology.check_relation_properties(r.type, r.props)
            for e in ex.entities:
                assert set(e.attrs) <= ontology.node_properties(e.types)
                for t in e.types:
                    ontology.cls(t)


def test_dropped_candidates_carry_a_reason() -> None:
    ex = run("这是一笔战略投资，多家机构参与。星衡智能完成融资。")
    assert ("战略投资", "generic description, not a name") in ex.dropped
    assert all(isinstance(item, str) and reason for item, reason in ex.dropped)


def test_facts_that_do_not_fit_the_ontology_are_dropped() -> None:
    ex = run("港交所领投了清华大学的融资。")
    assert not [r for r in ex.relations if r.type == "INVESTED_IN"]
    assert any("INVESTED_IN" in item for item, _ in ex.dropped)


def test_valuation_is_not_the_round_amount() -> None:
    ex = run("星衡智能以20亿美元估值完成B轮融资，由红杉中国领投。")
    [props] = relations(ex, "INVESTED_IN", "红杉中国", "星衡智能")
    assert "amount" not in props


def test_relative_dates_need_a_publication_date() -> None:
    text = "星衡智能去年完成A轮融资，由红杉中国领投。"
    assert relations(run(text, "2025-07-02"), "INVESTED_IN", "红杉中国", "星衡智能")[0]["date"] == "2024"
    assert "date" not in relations(run(text, None), "INVESTED_IN", "红杉中国", "星衡智能")[0]


def test_output_is_deterministic() -> None:
    text = (EXAMPLES / "01-chenghu-series-a.txt").read_text(encoding="utf-8")
    first, second = run(text), run(text)
    assert first == second
    assert [e.handle for e in first.entities] == [f"e{i + 1}" for i in range(len(first.entities))]


def test_a_large_corpus_in_reasonable_time() -> None:
    text = "\n".join(
        path.read_text(encoding="utf-8", errors="ignore") for path in sorted(EXAMPLES.glob("*.txt"))
    )
    big = (text + "\n") * 40  # about 200 KB of dense news text
    start = time.perf_counter()
    ex = run(big)
    elapsed = time.perf_counter() - start
    assert ex.relations
    assert elapsed < 60, f"{len(big)} chars took {elapsed:.1f}s"


# -- the pattern path: names no gazetteer knows ------------------------------------------------------
# The same relation types, in the three scripts, about invented companies, investors and people, with
# a gazetteer that knows only exchanges and universities: what the rules find here they find in
# articles about companies nobody listed.


def _exchanges_and_universities() -> Gazetteer:
    return rules_only_gazetteer()


PATTERN_CASES = [
    # INVESTED_IN: lead and followers; a list after 投资方包括 / "with participation from"
    (
        "青枫智能完成2亿元A轮融资，由远川资本领投，蓝湾创投、北辰基金跟投。",
        [
            ("INVESTED_IN", "远川资本", "青枫智能", {"round": "A", "role": "lead", "amount": 200000000}),
            ("INVESTED_IN", "蓝湾创投", "青枫智能", {"round": "A", "role": "follow"}),
            ("INVESTED_IN", "北辰基金", "青枫智能", {"round": "A", "role": "follow"}),
        ],
    ),
    (
        "墨川機器人宣布完成數千萬元天使輪融資，投資方包括松果、禾木和遠川資本。",
        [
            ("INVESTED_IN", "松果", "墨川機器人", {"round": "angel"}),
            ("INVESTED_IN", "禾木", "墨川機器人", {"round": "angel"}),
            ("INVESTED_IN", "遠川資本", "墨川機器人", {"round": "angel"}),
        ],
    ),
    (
        "Qingfeng Robotics raised $30 million in a Series A round led by Northbridge Ventures, with "
        "participation from Lanwan Capital and Harbor Peak.",
        [
            ("INVESTED_IN", "Northbridge Ventures", "Qingfeng Robotics", {"role": "lead", "amount": 30000000}),
            ("INVESTED_IN", "Lanwan Capital", "Qingfeng Robotics", {"role": "follow"}),
            ("INVESTED_IN", "Harbor Peak", "Qingfeng Robotics", {"role": "follow"}),
        ],
    ),
    # IPO steps
    ("6月30日，青枫智能正式向港交所递交招股书。", [("FILED_FOR_IPO", "青枫智能", "港交所", {"date": "2025-06-30"})]),
    ("6月30日，青楓智能正式向港交所遞交招股書。", [("FILED_FOR_IPO", "青楓智能", "港交所", {"date": "2025-06-30"})]),
    ("Qingfeng filed for a Hong Kong IPO on June 30.", [("FILED_FOR_IPO", "Qingfeng", "HKEX", {"date": "2025-06-30"})]),
    (
        "12月21日，青枫智能通过港交所上市聆讯。",
        [("PASSED_LISTING_HEARING", "青枫智能", "港交所", {"date": "2025-12-21"})],
    ),
    (
        "12月21日，青楓智能通過港交所上市聆訊。",
        [("PASSED_LISTING_HEARING", "青楓智能", "港交所", {"date": "2025-12-21"})],
    ),
    (
        "Qingfeng passed its listing hearing with the Hong Kong Stock Exchange on Dec 21.",
        [("PASSED_LISTING_HEARING", "Qingfeng", "HKEX", {"date": "2025-12-21"})],
    ),
    (
        "1月9日，青枫智能在港交所主板挂牌上市，股票代码02599。",
        [("LISTED_ON", "青枫智能", "港交所", {"date": "2025-01-09", "ticker": "2599"})],
    ),
    (
        "1月9日，青楓智能在港交所主板掛牌上市，股票代碼02599。",
        [("LISTED_ON", "青楓智能", "港交所", {"date": "2025-01-09", "ticker": "2599"})],
    ),
    (
        "Qingfeng Robotics debuted on Nasdaq on Friday under the ticker QFRB.",
        [("LISTED_ON", "Qingfeng Robotics", "Nasdaq", {"ticker": "QFRB"})],
    ),
    # people: founding in a clause after the leaving, co-founder and CTO, a former employer
    (
        "林澈2022年从星岩科技离职，并在杭州创办墨川机器人。",
        [("LEFT", "林澈", "星岩科技", {"date": "2022"}), ("FOUNDED", "林澈", "墨川机器人", {})],
    ),
    (
        "林澈2022年從星岩科技離職，並在杭州創辦墨川機器人。",
        [("LEFT", "林澈", "星岩科技", {"date": "2022"}), ("FOUNDED", "林澈", "墨川機器人", {})],
    ),
    (
        "Lin Che left Songyan Technology in 2022 and founded Mochuan Robotics in Hangzhou.",
        [("LEFT", "Lin Che", "Songyan Technology", {"date": "2022"}), ("FOUNDED", "Lin Che", "Mochuan Robotics", {})],
    ),
    (
        "墨川机器人联合创始人兼CTO周闻表示，公司将在明年推出新产品。",
        [("FOUNDED", "周闻", "墨川机器人", {}), ("HOLDS_POSITION", "周闻", "墨川机器人", {"title": "CTO"})],
    ),
    (
        "墨川機器人聯合創始人兼CTO周聞表示，公司將在明年推出新產品。",
        [("FOUNDED", "周聞", "墨川機器人", {}), ("HOLDS_POSITION", "周聞", "墨川機器人", {"title": "CTO"})],
    ),
    (
        "Zhou Wen, chief technology officer of Mochuan, said the company would expand.",
        [("HOLDS_POSITION", "Zhou Wen", "Mochuan", {"title": "CTO"})],
    ),
    (
        "前松岩副总裁许庭已出任墨川机器人总裁。",
        [("LEFT", "许庭", "松岩", {"title": "副总裁"}), ("HOLDS_POSITION", "许庭", "墨川机器人", {"title": "总裁"})],
    ),
    (
        "前松岩副總裁許庭已出任墨川機器人總裁。",
        [("LEFT", "許庭", "松岩", {"title": "副總裁"}), ("HOLDS_POSITION", "許庭", "墨川機器人", {"title": "總裁"})],
    ),
    (
        "Mochuan was founded in 2021 by Lin Che, a former engineer at Songyan.",
        [("FOUNDED", "Lin Che", "Mochuan", {"date": "2021"}), ("LEFT", "Lin Che", "Songyan", {"title": "engineer"})],
    ),
    ("林澈是墨川机器人的联合创始人。", [("FOUNDED", "林澈", "墨川机器人", {})]),
    ("墨川機器人由林澈和周聞於2021年共同創立。", [("FOUNDED", "林澈", "墨川機器人", {"date": "2021"}),
                                        ("FOUNDED", "周聞", "墨川機器人", {"date": "2021"})]),
    (
        "林澈曾任星岩科技副總裁，現任墨川機器人CEO。",
        [("LEFT", "林澈", "星岩科技", {"title": "副總裁"}), ("HOLDS_POSITION", "林澈", "墨川機器人", {"title": "CEO"})],
    ),
    ("松岩和墨川机器人创始人林澈表示，明年将扩大招聘。", [("FOUNDED", "林澈", "松岩", {}),
                                          ("FOUNDED", "林澈", "墨川机器人", {})]),
    (
        "Lin Che, Mochuan's chief executive, said sales doubled.",
        [("HOLDS_POSITION", "Lin Che", "Mochuan", {"title": "CEO"})],
    ),
    ("Mochuan co-founder Lin Che left the company in March.", [("FOUNDED", "Lin Che", "Mochuan", {}),
                                                               ("LEFT", "Lin Che", "Mochuan", {})]),
    ("Lin Che, who previously worked at Songyan, founded Mochuan in 2020.",
     [("FOUNDED", "Lin Che", "Mochuan", {"date": "2020"})]),
    (
        "Founded in 2019 by former Songyan executive Lin Che, Hangzhou-based Mochuan builds robot arms.",
        [("FOUNDED", "Lin Che", "Mochuan", {"date": "2019"}), ("LEFT", "Lin Che", "Songyan", {})],
    ),
    ("墨川機器人獲遠川資本獨家投資。", [("INVESTED_IN", "遠川資本", "墨川機器人", {"role": "sole"})]),
    ("Mochuan received a strategic investment from Northbridge Ventures.",
     [("INVESTED_IN", "Northbridge Ventures", "Mochuan", {"round": "strategic"})]),
    ("松果领投了墨川机器人的A轮融资。", [("INVESTED_IN", "松果", "墨川机器人", {"round": "A", "role": "lead"})]),
    ("墨川機器人宣佈獲得禾木的戰略投資。", [("INVESTED_IN", "禾木", "墨川機器人", {"round": "strategic"})]),
    (
        "Mochuan Robotics closed a Series B round. The round was led by Harbor Peak and Lanwan Capital.",
        [
            ("INVESTED_IN", "Harbor Peak", "Mochuan Robotics", {}),
            ("INVESTED_IN", "Lanwan Capital", "Mochuan Robotics", {}),
        ],
    ),
    (
        "Harbor Peak and Lanwan Capital co-led the round in Mochuan.",
        [("INVESTED_IN", "Harbor Peak", "Mochuan", {"role": "co_lead"})],
    ),
    # stated spin-offs and products
    ("墨川机器人脱胎于浙江大学。", [("SPUN_OFF_FROM", "墨川机器人", "浙江大学", {})]),
    ("墨川機器人脫胎於浙江大學。", [("SPUN_OFF_FROM", "墨川機器人", "浙江大學", {})]),
    ("Mochuan was spun out of Zhejiang University in 2021.", [("SPUN_OFF_FROM", "Mochuan", "Zhejiang University", {})]),
    ("墨川机器人发布旗下大模型Riverflow-2。", [("DEVELOPS", "墨川机器人", "Riverflow-2", {})]),
    ("墨川機器人發布旗下大模型Riverflow-2。", [("DEVELOPS", "墨川機器人", "Riverflow-2", {})]),
    ("Mochuan launched its Riverflow-2 model on Monday.", [("DEVELOPS", "Mochuan", "Riverflow-2", {})]),
    (
        "Mochuan was founded in 2021 by Lin Che. Lin, the company's chief executive, said it would list.",
        [
            ("FOUNDED", "Lin Che", "Mochuan", {"date": "2021"}),
            ("HOLDS_POSITION", "Lin Che", "Mochuan", {"title": "CEO"}),
        ],
    ),
    ("墨川机器人旗下产品“小川助手”月活突破千万。", [("DEVELOPS", "墨川机器人", "小川助手", {})]),
    ("墨川機器人推出的AI助手「川問」已上線。", [("DEVELOPS", "墨川機器人", "川問", {})]),
]


@pytest.mark.parametrize(("text", "expected"), PATTERN_CASES, ids=[c[0][:28] for c in PATTERN_CASES])
def test_pattern_rules_find_unknown_names(text: str, expected: list) -> None:
    ex = extract(Article(text=text, published=PUBLISHED), gazetteer=_exchanges_and_universities())
    for rel_type, source, target, props in expected:
        assert has_relation(ex, rel_type, source, target, **props), (
            f"missing {rel_type} {source}->{target} {props}; have "
            f"{[(r.type, r.source, r.target, r.props) for r in ex.relations]}"
        )


def test_context_does_not_invent_organisations() -> None:
    """Descriptions and pronouns in a funding or title context are not names."""
    ex = extract(
        Article(
            text="该公司完成新一轮融资，多家机构参投。公司CEO表示，这家人工智能公司将扩大团队。",
            published=PUBLISHED,
        ),
        gazetteer=_exchanges_and_universities(),
    )
    names = {normalize_name(n) for e in ex.entities for n in e.names}
    assert not names & {normalize_name(n) for n in ("该公司", "多家机构", "公司", "人工智能公司", "这家人工智能公司")}


def test_members_of_an_investor_list_are_investors() -> None:
    text = "此轮投资方中，既有远川资本、禾木投资、松果等产业资本，也有蓝湾、北辰等选择继续加码的老股东。"
    ex = extract(Article(text=text, published=PUBLISHED), gazetteer=_exchanges_and_universities())
    for name in ("远川资本", "禾木投资", "松果", "蓝湾", "北辰"):
        assert "Investor" in entity(ex, name).types


def test_a_state_cue_types_only_the_investor_it_describes() -> None:
    text = (
        "Mochuan Robotics raised $50 million in a round led by state-owned Lingang Holdings, "
        "with participation from Harbor Peak."
    )
    ex = extract(Article(text=text, published=PUBLISHED), gazetteer=_exchanges_and_universities())
    assert has_relation(ex, "INVESTED_IN", "Lingang Holdings", "Mochuan Robotics", role="lead")
    assert has_relation(ex, "INVESTED_IN", "Harbor Peak", "Mochuan Robotics", role="follow")
    assert "StateOwnedFund" in entity(ex, "Lingang Holdings").types
    assert "StateOwnedFund" not in entity(ex, "Harbor Peak").types


# -- spin-off lineages of firms nobody told kg about: one case per rule, and a near miss ---------

def _has_fact(ex: Extraction, rel_type: str, source: str, target: str, **props: object) -> bool:
    """Like has_relation, but False (not an error) when either name is no entity at all."""
    src = [e for e in ex.entities if normalize_name(source) in names_of(e)]
    dst = [e for e in ex.entities if normalize_name(target) in names_of(e)]
    if not src or not dst:
        return False
    return has_relation(ex, rel_type, source, target, **props)


def _run_unknown(text: str) -> Extraction:
    return extract(Article(text=text, published=PUBLISHED), gazetteer=_exchanges_and_universities())


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        # a leaving and a founding joined by 后, without a comma
        ("创始人钟闻溪2020年从砾川科技离职后创办澜汀智能。", ("FOUNDED", "钟闻溪", "澜汀智能")),
        # who the founder was stands between 由 and the name
        ("澜汀智能由砾川科技前产品总监钟闻溪于2020年创立。", ("FOUNDED", "钟闻溪", "澜汀智能")),
        ("澜汀智能由砾川科技前员工钟闻溪创立。", ("LEFT", "钟闻溪", "砾川科技")),
        # a founder title without its company: the company the sentence says the person founded
        ("创始人钟闻溪曾任砾川科技副总裁，2020年从砾川科技离职，随后创办澜汀智能。", ("FOUNDED", "钟闻溪", "澜汀智能")),
        # ... but when the founder left the company of the story, the title is about that company
        ("澜汀智能完成B轮融资。联合创始人钟闻溪已于2023年离职，并创办砾川科技。", ("FOUNDED", "钟闻溪", "澜汀智能")),
        # "A系创业公司": a company of A's lineage
        ("澜汀智能是一家砾川科技系创业公司。", ("SPUN_OFF_FROM", "澜汀智能", "砾川科技")),
        ("澜汀智能同时孵化自砾川大学视觉实验室。", ("SPUN_OFF_FROM", "澜汀智能", "砾川大学视觉实验室")),
        # Taiwan usage: 共同創辦人, 技術長, 離開A，自立門戶創辦B
        ("晶片新創砾川微電子共同創辦人、技術長鍾聞溪今年2月離開砾川微電子，自立門戶創辦澜汀智造。",
         ("FOUNDED", "鍾聞溪", "澜汀智造")),
        # English: alumni, veterans, who-clauses, appositions, a founder's past
        ("Cobblefield Analytics, founded by Marrowgate Dynamics alumni Hollis Varga and Ines Poole, raised $5 million.",
         ("LEFT", "Ines Poole", "Marrowgate Dynamics")),
        ("Marrowgate Dynamics veteran Hollis Varga started the company in 2023.",
         ("LEFT", "Hollis Varga", "Marrowgate Dynamics")),
        ("Hollis Varga, who left Marrowgate Dynamics in 2021, founded Cobblefield Analytics last year.",
         ("LEFT", "Hollis Varga", "Marrowgate Dynamics")),
        ("Hollis Varga, a former Tarnby Institute of Technology researcher, co-founded Cobblefield Optics in 2019.",
         ("FOUNDED", "Hollis Varga", "Cobblefield Optics")),
        ("Hollis Varga founded Cobblefield Labs in 2022. Cobblefield Labs' founder previously led Marrowgate "
         "Dynamics' robotics unit.", ("LEFT", "Hollis Varga", "Marrowgate Dynamics")),
    ],
)
def test_lineage_facts_about_unknown_firms(text: str, fact: tuple[str, str, str]) -> None:
    ex = _run_unknown(text)
    assert _has_fact(ex, *fact), [(r.type, r.source, r.target) for r in ex.relations]


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        # "A系创业公司" does not make A an investor in the round
        ("澜汀智能完成B轮融资，砾川科技系创业公司再获加注。", ("INVESTED_IN", "砾川科技", "澜汀智能")),
        # the date inside the who-clause is the leaving's, not the founding's
        ("Hollis Varga, who left Marrowgate Dynamics in 2021, founded Cobblefield Analytics last year.",
         ("FOUNDED", "Hollis Varga", "Cobblefield Analytics", {"date": "2021"})),
        # a veteran's former employer is not the company the veteran started
        ("Cobblefield Labs raised $8 million. Marrowgate Dynamics veteran Hollis Varga started the company in 2024.",
         ("FOUNDED", "Hollis Varga", "Marrowgate Dynamics")),
    ],
)
def test_lineage_near_misses(text: str, fact: tuple) -> None:
    _assert_no_fact(text, fact)


def _assert_no_fact(text: str, fact: tuple) -> None:
    ex = _run_unknown(text)
    rel_type, source, target, *props = fact
    assert not _has_fact(ex, rel_type, source, target, **(props[0] if props else {})), [
        (r.type, r.source, r.target, r.props) for r in ex.relations]


@pytest.mark.parametrize(
    ("text", "name", "absent"),
    [
        ("据砾川数据显示，今年融资数量下降。", None, "砾川数据"),  # a source of figures
        ("据IT砾川数据，今年融资数量下降。", None, "IT砾川数据"),
        ("晶片新創砾川微電子宣布完成融資。", "砾川微電子", "晶片新創砾川微電子"),  # a descriptor before the name
        ("Posted by Dana Reyes | Fintech Notes\n\nCobblefield Labs raised $8 million.", "Cobblefield Labs",
         "Fintech Notes\n\nCobblefield Labs"),  # a name never spans lines
        ("Hollis Varga left the Tarnby Institute of Technology in 2019.", "Tarnby Institute of Technology", None),
        ("钟闻溪离开砾川科技后创办栖川智造。", "栖川智造", None),  # a coined name ending in a generic character
    ],
)
def test_names_of_unknown_firms(text: str, name: str | None, absent: str | None) -> None:
    _assert_names(text, name, absent)


def _assert_names(text: str, name: str | None, absent: str | None) -> None:
    """`name` is among the names found in `text`, `absent` is not."""
    ex = _run_unknown(text)
    found = {n for e in ex.entities for n in e.names}
    if name:
        assert name in found, found
    if absent:
        assert absent not in found, found


# -- a third round of lineage phrasings (tests/data/lineage_unseen3/): one case per rule, near misses --

@pytest.mark.parametrize(
    ("text", "fact"),
    [
        # "X曾在A担任T": a former position at A; "…2021年出来创业，成立了B": B founded then
        ("邬知许曾在砾岸数据担任算法负责人，2021年出来创业，成立了翎川智能。",
         ("LEFT", "邬知许", "砾岸数据", {"title": "算法负责人"})),
        ("邬知许曾在砾岸数据担任算法负责人，2021年出来创业，成立了翎川智能。",
         ("FOUNDED", "邬知许", "翎川智能", {"date": "2021"})),
        # "B的创始团队来自A": whoever the article names as B's founder, also later, came from A
        ("翎川智能的创始团队来自砾岸数据。翎川智能创始人邬知许表示，公司将扩大招聘。",
         ("LEFT", "邬知许", "砾岸数据")),
        # "B创始人X为A前技术VP": 前 after the company makes the title a former one
        ("翎川智能创始人邬知许为砾岸数据前技术VP。", ("LEFT", "邬知许", "砾岸数据", {"title": "技术VP"})),
        # "A出身的X", "X出身A"
        ("砾岸数据出身的邬知许创办了翎川智能。", ("LEFT", "邬知许", "砾岸数据")),
        ("翎川智能創辦人邬知許出身砾岸數據。", ("LEFT", "邬知許", "砾岸數據")),
        # "X辞去A职务后创立B"
        ("2023年，邬知许辞去砾岸数据职务后创立翎川智能。", ("FOUNDED", "邬知许", "翎川智能")),
        # the suffix inside a title is not the end of a name ("砾岸金服首席技术官")
        ("翎川智能创始人邬知许原为砾岸金服首席技术官。", ("LEFT", "邬知许", "砾岸金服", {"title": "CTO"})),
        # the company that opens the text is an entity too (group 0)
        ("翎川智能成立于2021年，由砾岸数据出身的邬知许创办。", ("FOUNDED", "邬知许", "翎川智能", {"date": "2021"})),
        # English: joined, left, co-founded; a trio of former engineers led by X; previously head of
        ("Hana Oduya joined Brackwater Systems in 2014 and left in 2019 to co-found Fallowmere Analytics.",
         ("LEFT", "Hana Oduya", "Brackwater Systems", {"date": "2019"})),
        ("Hana Oduya joined Brackwater Systems in 2014 and left in 2019 to co-found Fallowmere Analytics.",
         ("FOUNDED", "Hana Oduya", "Fallowmere Analytics", {"date": "2019"})),
        ("Fallowmere Energy, started by a trio of former Brackwater Systems engineers led by Hana Oduya, sells "
         "carbon software.", ("LEFT", "Hana Oduya", "Brackwater Systems")),
        ("Fallowmere Energy, started by a trio of former Brackwater Systems engineers led by Hana Oduya, sells "
         "carbon software.", ("FOUNDED", "Hana Oduya", "Fallowmere Energy")),
        ("Fallowmere Biosciences was founded by former Brackwater Systems researchers. Hana Oduya co-founded "
         "Fallowmere Biosciences in 2021.", ("LEFT", "Hana Oduya", "Brackwater Systems")),
        ("Hana Oduya, previously head of AI at Brackwater Systems, launched Fallowmere Energy in 2022.",
         ("LEFT", "Hana Oduya", "Brackwater Systems")),
        ("Hana Oduya, previously head of AI at Brackwater Systems, launched Fallowmere Energy in 2022.",
         ("FOUNDED", "Hana Oduya", "Fallowmere Energy", {"date": "2022"})),
        ("Hana Oduya co-founded Fallowmere Instruments in 2018, the company said.",
         ("FOUNDED", "Hana Oduya", "Fallowmere Instruments", {"date": "2018"})),
        ("出身砾岸数据的邬知许于2021年创办翎川智能。", ("LEFT", "邬知许", "砾岸数据")),
        ("邬知许辞去在砾岸数据的职务，创办翎川智能。", ("LEFT", "邬知许", "砾岸数据")),
        ("邬知许辞去在砾岸数据的职务，创办翎川智能。", ("FOUNDED", "邬知许", "翎川智能")),
        # a department and a rank after a complete name are a title ("砾岸数据技术副总裁")
        ("翎川智能完成融资。创始人邬知许曾是砾岸数据技术副总裁。",
         ("LEFT", "邬知许", "砾岸数据", {"title": "技术副总裁"})),
        # plural titles before a list of names; "Its founder X" is the founder of the story's company
        ("Fallowmere Analytics was founded in 2021 by former Brackwater Systems executives Hana Oduya and "
         "Piet Kramer.", ("LEFT", "Piet Kramer", "Brackwater Systems")),
        ("Fallowmere Analytics was founded in 2021 by former Brackwater Systems executives Hana Oduya and "
         "Piet Kramer.", ("FOUNDED", "Piet Kramer", "Fallowmere Analytics", {"date": "2021"})),
        ("Fallowmere Analytics, started by former Brackwater Systems engineers, raised money. Its founder Hana "
         "Oduya said demand was strong.", ("LEFT", "Hana Oduya", "Brackwater Systems")),
        # a name given with its characters, then a who-clause; a past employer after "spent … years at"
        ("Hana Wu (吴荷), who co-founded Fallowmere Analytics in 2020, spent five years at Brackwater Systems.",
         ("FOUNDED", "Hana Wu", "Fallowmere Analytics", {"date": "2020"})),
        ("Hana Wu (吴荷), who co-founded Fallowmere Analytics in 2020, spent five years at Brackwater Systems.",
         ("LEFT", "吴荷", "Brackwater Systems")),
        # a wire dateline dates the report; the year the sentence states dates the spin-off
        ("SEOUL, March 3, 2025 (Reuters) - Fallowmere Optics was spun out of Kestrel Institute of Technology "
         "in 2018, the company said.", ("SPUN_OFF_FROM", "Fallowmere Optics", "Kestrel Institute of Technology",
                                        {"date": "2018"})),
        # ... and still dates it when the sentence states no other date
        ("SEOUL, March 3, 2025 (Reuters) - Fallowmere Optics was spun out of Kestrel Institute of Technology.",
         ("SPUN_OFF_FROM", "Fallowmere Optics", "Kestrel Institute of Technology", {"date": "2025-03-03"})),
    ],
)
def test_lineage_facts_third_round(text: str, fact: tuple) -> None:
    ex = _run_unknown(text)
    rel_type, source, target, *props = fact
    assert _has_fact(ex, rel_type, source, target, **(props[0] if props else {})), [
        (r.type, r.source, r.target, r.props) for r in ex.relations]


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        # without 曾/此前 the position is a current one
        ("邬知许在砾岸数据担任首席技术官。", ("LEFT", "邬知许", "砾岸数据")),
        # customers, not the founding team, come from A
        ("翎川智能的客户来自砾岸数据。翎川智能创始人邬知许表示，公司将扩大招聘。", ("LEFT", "邬知许", "砾岸数据")),
        # the founding team's origin is not a company its leader founded
        ("Fallowmere Energy, started by a trio of former Brackwater Systems engineers led by Hana Oduya, sells "
         "carbon software.", ("FOUNDED", "Hana Oduya", "Brackwater Systems")),
        # the joining year is not the leaving year
        ("Hana Oduya joined Brackwater Systems in 2014 and left in 2019 to co-found Fallowmere Analytics.",
         ("LEFT", "Hana Oduya", "Brackwater Systems", {"date": "2014"})),
        # "A的X" without 出身 says nothing about a past at A
        ("砾岸数据的邬知许表示，公司将扩大招聘。", ("LEFT", "邬知许", "砾岸数据")),
        # a list of names needs "and" to close it: the second item is a company, not a co-founder
        ("Founded in 2019 by former Brackwater Systems engineer Hana Oduya, Hangzhou-based Fallowmere Labs "
         "builds arms.", ("FOUNDED", "Hangzhou-based Fallowmere", "Fallowmere Labs")),
        # "has spent" is a career still going on
        ("Hana Oduya has spent five years at Brackwater Systems.", ("LEFT", "Hana Oduya", "Brackwater Systems")),
        # a current head of AI has not left
        ("Hana Oduya, the head of AI at Brackwater Systems, spoke at the event.",
         ("LEFT", "Hana Oduya", "Brackwater Systems")),
    ],
)
def test_lineage_near_misses_third_round(text: str, fact: tuple) -> None:
    _assert_no_fact(text, fact)


@pytest.mark.parametrize(
    ("text", "name", "absent"),
    [
        ("创始人戚松年2020年离开砾岸数据。", "戚松年", "戚松"),  # 年 ends a given name when no number precedes it
        ("邬知许2020年初离开砾岸数据。", "邬知许", "邬知许2020年"),
        ("砾岸金服宣布完成融资。", "砾岸金服", None),  # 金服: a fintech company's suffix
        ("翎川智能创始人邬知许原为砾岸金服首席技术官。", "砾岸金服", "砾岸金服首席技术"),
        ("邬知许曾在砾岸数据担任算法负责人。", "砾岸数据", "在砾岸数据"),  # the preposition jieba glued on
        ("邬知许在砾岸数据工作了六年。", "砾岸数据", "邬知许在砾岸数据"),
        ("公司将服务本地私人银行客户。", None, "本地私人银行"),  # a line of business, not a name
        ("创始人邬知许曾是砾岸数据技术副总裁。", "砾岸数据", "砾岸数据技术"),
        ("砾岸技术宣布完成融资。", "砾岸技术", None),  # ... but a name may end in 技术
        ("# Meet Fallowmere Energy: carbon accounting\n\nFallowmere Energy raised $4 million.", "Fallowmere Energy",
         "Meet Fallowmere Energy"),  # a headline verb is not part of the name
        ("Where Brackwater Systems' engineers go next\n\nBrackwater Systems declined to comment.",
         "Brackwater Systems", "Where Brackwater Systems"),
    ],
)
def test_names_third_round(text: str, name: str | None, absent: str | None) -> None:
    _assert_names(text, name, absent)

