"""Named queries on the embedded backend: what each one answers, how names resolve, how it is called.

The same queries on Neo4j are held to the same rows by tests/queries/test_parity.py; here the answers are
checked against graphs small enough to work out by hand, plus the generated investor network.
"""

from __future__ import annotations

import json
import re
from importlib import resources
from pathlib import Path

import networkx as nx
import pytest
from typer.testing import CliRunner

from kg.errors import KGError
from kg.graph import to_networkx
from kg.model import Article, Extraction, RelationMention
from kg.ontology import Ontology
from kg.queries import QUERIES, AmbiguousEntity, UnknownEntity, bind, describe, find_entity, run_embedded
from kg.store import Store, open_store
from tests.disputes_data import disputed_round
from tests.factories import financial_articles, investor_network, mention, record_all, relation, source
from tests.ownership_data import ownership_web

# A call of every named query on the generated network, with the arguments the parity tests also use.
SAMPLE_CALLS: dict[str, tuple[list[str], dict]] = {
    "investors": (["星衡智能"], {}),
    "portfolio": (["上海国投"], {}),
    "co-investors": (["上海国投"], {}),
    "state-capital": ([], {"region": "Shanghai"}),
    "path": (["上海国投", "林知远"], {"max_hops": 5}),
    "central-investors": ([], {"top": 3}),
    "ipo-pipeline": (["HKEX"], {}),
    "alumni": (["云图数据"], {}),
    "lineage": (["深维机器人"], {"depth": 2, "direction": "up"}),
    "timeline": (["星衡智能"], {}),
    "financials": (["星衡智能"], {}),
    "compare": (["星衡智能", "云图数据"], {}),
    "ownership": (["Webfund Alpha"], {}),
    "state-exposure": (["Webco Robotics"], {}),
    "disputes": ([], {}),
}


@pytest.fixture(scope="module")
def network(tmp_path_factory: pytest.TempPathFactory) -> nx.MultiDiGraph:
    with open_store(tmp_path_factory.mktemp("network") / "store") as store:
        record_all(store, [*investor_network(), *financial_articles(), ownership_web(), *disputed_round()])
        return to_networkx(store)


def small_graph(store: Store, ontology: Ontology, entities: list, relations: list, text: str) -> nx.MultiDiGraph:
    art = Article(text=text, path="small.txt", title="small", published="2025-01-01")
    ext = Extraction(article=art, entities=[mention(art, *e[:-1], **e[-1]) for e in entities],
                     relations=[relation(art, *r[:-1], **r[-1]) for r in relations])
    record_all(store, [ext], ontology)
    return to_networkx(store, ontology)


# -- the query files ---------------------------------------------------------------------------------


def test_every_query_ships_a_readable_cypher_file(network: nx.MultiDiGraph) -> None:
    shipped = {p.name.removesuffix(".cypher") for p in resources.files("kg.queries").iterdir()
               if p.name.endswith(".cypher")}
    assert shipped == set(QUERIES)
    for name, query in QUERIES.items():
        text = query.cypher
        assert text.startswith(f"// {name}"), name  # a header that says what it answers
        args, options = SAMPLE_CALLS[name]
        params = bind(network, name, args, options)
        used = set(re.findall(r"\$(\w+)", text))
        assert used <= set(params), (name, used - set(params))


def test_entity_label_lists_in_the_cypher_match_the_ontology(ontology: Ontology) -> None:
    """Queries that take any entity look it up under every root label but Article, written out (the
    id constraints are per root label, so this is what lets Neo4j seek the id in its indexes)."""
    expected = sorted(root for root in ontology.roots() if root != "Article")
    for name, lookups in (("path", 2), ("timeline", 1)):
        found = re.findall(r"\(\w+:((?:\w+\|)+\w+) \{id:", QUERIES[name].cypher)
        assert len(found) == lookups, name
        assert all(sorted(labels.split("|")) == expected for labels in found), name


def test_the_list_describes_every_query() -> None:
    rows = describe()
    assert [r["query"] for r in rows] == list(QUERIES)
    by_name = {r["query"]: r for r in rows}
    assert by_name["path"]["usage"] == "path A B [--max-hops N] [--as-of DATE]"
    assert "--max-hops N" in by_name["path"]["options"] and "default 4" in by_name["path"]["options"]
    assert by_name["lineage"]["usage"] == "lineage COMPANY [--depth N] [--up|--down] [--as-of DATE]"
    assert by_name["ipo-pipeline"]["arguments"] == "[EXCHANGE]"
    assert by_name["central-investors"]["usage"] == "central-investors [--top N] [--as-of DATE]"
    assert by_name["ipo-pipeline"]["usage"] == "ipo-pipeline [EXCHANGE] [--as-of DATE]"
    assert by_name["financials"]["usage"] == "financials COMPANY [--as-of DATE]"
    assert all(r["usage"].endswith("[--as-of DATE]") for r in rows)  # every query answers for a date
    assert by_name["compare"]["usage"] == "compare COMPANY COMPANY [COMPANY...] [--as-of DATE]"
    assert all(r["description"] for r in rows)


# -- what each query answers -----------------------------------------------------------------------


def test_path_gives_every_shortest_path_through_facts(store: Store, ontology: Ontology) -> None:
    graph = small_graph(store, ontology, [
        ("f", {"StateOwnedFund"}, "甲基金", {"region": "Shanghai"}), ("c", {"Company"}, "乙科技", {}),
        ("p", {"Person"}, "丙先生", {}), ("q", {"Person"}, "丁女士", {}),
    ], [
        ("INVESTED_IN", "f", "c", {"round": "A"}), ("INVESTED_IN", "f", "c", {"round": "B"}),
        ("FOUNDED", "p", "c", {}), ("HOLDS_POSITION", "p", "c", {"title": "CEO"}),
    ], "path story")
    rows = run_embedded(graph, "path", "甲基金", "丙先生")
    assert [(r["hops"], r["path"]) for r in rows] == [
        (2, "甲基金 -[INVESTED_IN]-> 乙科技 <-[FOUNDED]- 丙先生"),          # two rounds, one row
        (2, "甲基金 -[INVESTED_IN]-> 乙科技 <-[HOLDS_POSITION]- 丙先生"),
    ]
    assert rows[0]["node_ids"] == ["organization:甲基金", "organization:乙科技", "person:丙先生"]
    assert rows[0]["nodes"] == ["甲基金", "乙科技", "丙先生"] and rows[0]["relationships"] == ["INVESTED_IN", "FOUNDED"]
    assert run_embedded(graph, "path", "甲基金", "丙先生", max_hops=1) == []
    # 丁女士 is only mentioned in the same article: articles do not connect anything
    assert run_embedded(graph, "path", "甲基金", "丁女士") == []


def test_central_investors_ranks_the_co_investment_network(store: Store, ontology: Ontology) -> None:
    graph = small_graph(store, ontology, [
        ("i1", {"Investor"}, "I1", {}), ("i2", {"Investor"}, "I2", {}), ("i3", {"Investor"}, "I3", {}),
        ("i4", {"Investor"}, "I4", {}), ("c1", {"Company"}, "C1", {}), ("c2", {"Company"}, "C2", {}),
    ], [
        ("INVESTED_IN", "i1", "c1", {}), ("INVESTED_IN", "i2", "c1", {}), ("INVESTED_IN", "i3", "c1", {}),
        ("INVESTED_IN", "i3", "c2", {}), ("INVESTED_IN", "i4", "c2", {}),
    ], "co-investment story")
    rows = run_embedded(graph, "central-investors")
    # a triangle I1-I2-I3 with I4 hanging off I3
    assert [(r["rank"], r["investor"], r["co_investors"], r["degree"], r["betweenness"]) for r in rows] == [
        (1, "I3", 3, 1.0, 0.666667), (2, "I1", 2, 0.666667, 0.0), (3, "I2", 2, 0.666667, 0.0),
        (4, "I4", 1, 0.333333, 0.0)]
    assert rows[1]["eigenvector"] == rows[2]["eigenvector"] < rows[0]["eigenvector"]
    assert len(run_embedded(graph, "central-investors", top=2)) == 2


def test_ipo_pipeline_lists_furthest_along_first_per_exchange(network: nx.MultiDiGraph) -> None:
    rows = run_embedded(network, "ipo-pipeline")
    assert {r["exchange"] for r in rows} == {"港交所", "上交所"}
    hkex = run_embedded(network, "ipo-pipeline", "HKEX")
    assert hkex == [r for r in rows if r["exchange_id"] == "organization:hkex"]
    ranks = [0 if r["listed"] else 1 if r["hearing"] else 2 for r in hkex]
    assert ranks == sorted(ranks) and ranks[0] == 0 and ranks[-1] == 2
    star = next(r for r in hkex if r["company_id"] == "organization:星衡智能")
    assert star == {"company": "星衡智能", "company_id": "organization:星衡智能", "exchange": "港交所",
                    "exchange_id": "organization:hkex", "stage": "listed", "filed": "2025-01-10",
                    "hearing": "2025-02-20", "listed": "2025-03", "ticker": "2599", "board": "主板",
                    # the IPO terms from its figures (tests.factories.FINANCIAL_TEXTS): the target and the
                    # raise apart, the valuation as of the article that estimated it
                    "raise_target": "~300,000,000 USD", "raise": "~2,500,000,000 HKD",
                    "valuation": "~4,000,000,000 USD (estimated, as of 2025-10-20)", "offer_price": "16.5 HKD",
                    "market_value": None, "cornerstone_total": "~600,000,000 HKD"}
    # the IPO node carries the same terms (kg.ipo_terms), each with its own currency
    ipo = network.nodes["ipo:星衡智能:hkex"]
    assert {k: ipo.get(k) for k in ("raise_target", "raise_target_currency", "proceeds", "proceeds_currency",
                                    "offer_price", "currency", "cornerstone_total")} == {
        "raise_target": 300000000, "raise_target_currency": "USD", "proceeds": 2500000000,
        "proceeds_currency": "HKD", "offer_price": 16.5, "currency": "HKD", "cornerstone_total": 600000000}
    assert all(r["raise_target"] is None for r in rows if r["company_id"] != "organization:星衡智能")
    # the company filed on both exchanges shows up once per exchange
    assert [r["exchange"] for r in rows if r["company_id"] == "organization:智谱华章"] == ["上交所", "港交所"]
    assert run_embedded(network, "ipo-pipeline", "上交所") == run_embedded(network, "ipo-pipeline", "SSE")


def test_alumni_are_leavers_and_founders_of_other_companies(network: nx.MultiDiGraph) -> None:
    rows = run_embedded(network, "alumni", "云图数据")
    assert [(r["person"], r["ties"], r["titles"], r["left_date"], r["founded"]) for r in rows] == [
        ("许知行", ["HOLDS_POSITION", "LEFT"], ["CFO"], "2022-11", "Haichuan Health"),
        ("许知行", ["HOLDS_POSITION", "LEFT"], ["CFO"], "2022-11", "极点语言"),
        ("韩默", ["LEFT"], ["VP"], "2023-02", None),  # left, founded nothing: still an alumnus
    ]
    star = run_embedded(network, "alumni", "星衡智能")
    assert {(r["person"], r["founded"]) for r in star} == {("赵一鸣", "深维机器人"), ("林知远", "元象生成")}


def test_lineage_walks_spin_offs_up_and_down(network: nx.MultiDiGraph) -> None:
    def edges(*args: str, **options: object) -> list[tuple]:
        return [(r["generation"], r["company"], r["parent"], r["via"])
                for r in run_embedded(network, "lineage", *args, **options)]

    # 光年计算 spun off from 深维机器人, which spun off from 星衡智能
    assert edges("深维机器人") == [(0, "深维机器人", "星衡智能", ["赵一鸣"]), (1, "光年计算", "深维机器人", ["郑启航"])]
    assert edges("光年计算", direction="up") == [(-1, "深维机器人", "星衡智能", ["赵一鸣"]),
                                                (0, "光年计算", "深维机器人", ["郑启航"])]
    assert edges("光年计算", direction="up", depth=1) == [(0, "光年计算", "深维机器人", ["郑启航"])]
    # 林知远 founded 星衡智能, then 元象生成: the graph view derives that spin-off from his career
    assert edges("星衡智能", direction="down") == [(1, "元象生成", "星衡智能", ["林知远"]),
                                                  (1, "深维机器人", "星衡智能", ["赵一鸣"]),
                                                  (2, "光年计算", "深维机器人", ["郑启航"])]
    assert edges("星衡智能", direction="up") == []
    # a stated spin-off names nobody; 云图数据 is called by its first-seen name, 启明芯片 by the spelling
    # most of its mentions use (the traditional 啓明芯片 of the first article is outvoted)
    assert (1, "启明芯片", "Cloudmap Data", []) in edges("云图数据", direction="down")


def test_lineage_follows_stated_spinoffs_and_derived_founder_lineages_and_says_which(
        network: nx.MultiDiGraph) -> None:
    """启明芯片 was stated to come out of 云图数据 (SPUN_OFF_FROM); 许知行 left 云图数据 and founded Haichuan
    Health and 极点语言, lineages the view derives (FOUNDED_BY_ALUMNI_OF), and 林知远 founded 星衡智能 then
    元象生成: every row names its relation."""
    rows = run_embedded(network, "lineage", "云图数据", direction="down")
    assert [(r["generation"], r["company"], r["parent"], r["relation"], r["via"]) for r in rows] == [
        (1, "Haichuan Health", "Cloudmap Data", "FOUNDED_BY_ALUMNI_OF", ["许知行"]),
        (1, "启明芯片", "Cloudmap Data", "SPUN_OFF_FROM", []),
        (1, "极点语言", "Cloudmap Data", "FOUNDED_BY_ALUMNI_OF", ["许知行"]),
        (2, "极点语言", "Haichuan Health", "FOUNDED_BY_ALUMNI_OF", ["许知行"]),
    ]
    assert list(rows[0]) == ["generation", "company", "company_id", "parent", "parent_id", "relation", "via", "date"]
    star = run_embedded(network, "lineage", "星衡智能", direction="down")
    assert {r["relation"] for r in star} == {"FOUNDED_BY_ALUMNI_OF"}  # founders' careers, nothing stated
    # the graph holds each pair once, under one type: the stated one is not a derived lineage as well
    links = [((s, t), d["type"]) for s, t, d in network.edges(data=True)
             if d["type"] in ("SPUN_OFF_FROM", "FOUNDED_BY_ALUMNI_OF")]
    assert len({pair for pair, _type in links}) == len(links)
    assert dict(links)[(rows[1]["company_id"], rows[1]["parent_id"])] == "SPUN_OFF_FROM"
    assert all(d.get("derived") is True for _s, _t, d in network.edges(data=True)
               if d["type"] == "FOUNDED_BY_ALUMNI_OF")
    assert not any(d.get("derived") or d.get("via") for _s, _t, d in network.edges(data=True)
                   if d["type"] == "SPUN_OFF_FROM")


def test_timeline_is_dated_facts_in_order_with_sources(network: nx.MultiDiGraph) -> None:
    rows = run_embedded(network, "timeline", "星衡智能")
    dates = [r["date"] for r in rows]
    assert dates == sorted(dates) and len(rows) >= 5
    assert all(r["sources"] and r["relation"] != "MENTIONED_IN" for r in rows)
    # its spin-offs are founder lineages the view derives: FOUNDED_BY_ALUMNI_OF, never SPUN_OFF_FROM
    assert {"INVESTED_IN", "FOUNDED", "FOUNDED_BY_ALUMNI_OF", "LISTED_ON"} <= {r["relation"] for r in rows}
    assert "SPUN_OFF_FROM" not in {r["relation"] for r in rows}
    listed = next(r for r in rows if r["relation"] == "LISTED_ON")
    assert (listed["subject"], listed["object"], listed["detail"]) == ("星衡智能", "港交所", "2599")
    person = run_embedded(network, "timeline", "林知远")
    assert [(r["relation"], r["object"]) for r in person] == [("FOUNDED", "星衡智能"), ("FOUNDED", "元象生成")]


def test_ties_between_equal_names_are_broken_by_id(store: Store, ontology: Ontology) -> None:
    graph = small_graph(store, ontology, [
        ("a", {"Investor"}, "同名资本", {"key": "same-b"}), ("b", {"Investor"}, "同名资本", {"key": "same-a"}),
        ("c", {"Company"}, "目标公司", {}), ("x", {"Investor"}, "领投方", {}),
    ], [
        ("INVESTED_IN", "a", "c", {"round": "A"}), ("INVESTED_IN", "b", "c", {"round": "A"}),
        ("INVESTED_IN", "x", "c", {"round": "A"}),
    ], "same names")
    rows = run_embedded(graph, "investors", "目标公司")
    assert [r["investor_id"] for r in rows] == ["organization:same-a", "organization:same-b", "organization:领投方"]
    co = run_embedded(graph, "co-investors", "领投方")
    assert [r["investor_id"] for r in co] == ["organization:same-a", "organization:same-b"]
    with pytest.raises(AmbiguousEntity, match="organization:same-a.*organization:same-b"):
        run_embedded(graph, "portfolio", "同名资本")
    assert run_embedded(graph, "portfolio", "organization:same-b")[0]["company"] == "目标公司"


# -- names and arguments ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["智谱华章", "智譜華章", "Zhipu Huazhang", "zhipu huazhang", "organization:智谱华章"])
def test_any_alias_in_any_script_finds_the_entity(network: nx.MultiDiGraph, name: str) -> None:
    assert find_entity(network, name) == "organization:智谱华章"
    assert run_embedded(network, "investors", name) == run_embedded(network, "investors", "organization:智谱华章")


def test_unknown_and_ambiguous_names_say_so(network: nx.MultiDiGraph) -> None:
    with pytest.raises(UnknownEntity, match="no entity called '星衡智慧'.*close matches: .*星衡智能"):
        run_embedded(network, "investors", "星衡智慧")
    with pytest.raises(UnknownEntity, match="no entity called 'zzzz' in the graph$"):
        run_embedded(network, "timeline", "zzzz")


def test_the_argument_kind_picks_among_namesakes_and_is_checked(store: Store, ontology: Ontology) -> None:
    graph = small_graph(store, ontology, [
        ("x", {"Exchange"}, "Pinnacle", {"key": "pinnacle-exchange"}),
        ("f", {"Investor"}, "Pinnacle", {"key": "pinnacle-fund"}), ("p", {"Person"}, "某人", {}),
    ], [], "namesakes")
    assert bind(graph, "ipo-pipeline", ["Pinnacle"])["exchange"] == "organization:pinnacle-exchange"
    with pytest.raises(AmbiguousEntity, match="Pinnacle"):
        bind(graph, "investors", ["Pinnacle"])
    with pytest.raises(KGError, match="某人 .*Person.*not an Organization; `kg query investors` takes COMPANY"):
        run_embedded(graph, "investors", "某人")
    with pytest.raises(KGError, match="not an Exchange"):
        run_embedded(graph, "ipo-pipeline", "organization:pinnacle-fund")


@pytest.mark.parametrize("name, args, options, message", [
    ("investors", [], {}, "needs COMPANY"),
    ("path", ["上海国投"], {}, "needs B"),
    ("investors", ["星衡智能", "上海国投"], {}, "takes 1 argument"),
    ("state-capital", ["上海国投"], {}, "takes no argument"),
    ("investors", ["星衡智能"], {"top": 3}, "takes no --top"),
    ("path", ["上海国投", "林知远"], {"max_hops": 0}, "at least 1"),
    ("path", ["上海国投", "林知远"], {"max_hops": 16}, "at most 15"),
    ("lineage", ["星衡智能"], {"depth": 11}, "at most 10"),
    ("lineage", ["星衡智能"], {"direction": "sideways"}, "one of both, up, down"),
    ("central-investors", [], {"top": "5"}, "whole number"),
    ("path", ["上海国投", "Shanghai Guotou"], {}, "same entity"),
    ("investorz", [], {}, "did you mean investors"),
    ("compare", ["星衡智能"], {}, "needs COMPANY"),
    ("compare", ["星衡智能", "Stellar Balance AI"], {}, "same entity"),
    ("compare", ["星衡智能", "林知远"], {}, "not an Organization"),
    ("compare", ["星衡智能", "云图数据"], {"top": 3}, "takes no --top"),
])
def test_bad_calls_fail_with_a_clear_message(network: nx.MultiDiGraph, name: str, args: list, options: dict,
                                             message: str) -> None:
    with pytest.raises(KGError, match=message):
        run_embedded(network, name, *args, **options)


def test_sample_calls_answer_something(network: nx.MultiDiGraph) -> None:
    for name, (args, options) in SAMPLE_CALLS.items():
        assert run_embedded(network, name, *args, **options), name


# -- the command line ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "store"
    with open_store(path) as store:
        record_all(store, investor_network())
    return path


def kg(*args: str | Path) -> tuple[int, str, str]:
    from kg.cli import app

    result = CliRunner().invoke(app, [str(a) for a in args])
    return result.exit_code, result.stdout, result.stderr


def test_cli_lists_the_queries() -> None:
    code, out, _ = kg("query", "--list", "-f", "json")
    rows = json.loads(out)
    assert code == 0 and [r["query"] for r in rows] == list(QUERIES)
    assert all({"query", "usage", "arguments", "options", "description"} <= set(r) for r in rows)
    code, out, _ = kg("query")
    assert code == 0 and "path A B [--max-hops N]" in out


def test_cli_answers_like_the_library(built: Path, network: nx.MultiDiGraph,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NEO4J_URI", raising=False)  # embedded by default without a server
    code, out, err = kg("query", "path", "上海國投", "林知遠", "--max-hops", "5", "-f", "json", "--store", built)
    assert code == 0, err
    assert json.loads(out) == run_embedded(network, "path", "上海国投", "林知远", max_hops=5)
    code, out, _ = kg("query", "lineage", "光年计算", "--up", "--depth", "2", "-f", "json", "--store", built)
    assert [r["generation"] for r in json.loads(out)] == [-1, 0]
    code, out, _ = kg("query", "lineage", "星衡智能", "--down", "-f", "json", "--store", built)
    assert [r["generation"] for r in json.loads(out)] == [1, 1, 2]
    code, out, _ = kg("query", "central-investors", "--top", "2", "-f", "csv", "--store", built)
    lines = out.splitlines()
    assert lines[0] == ("rank,investor,investor_id,state_owned,co_investors,co_investments,degree,betweenness,"
                        "eigenvector")
    assert len(lines) == 3
    code, out, _ = kg("query", "ipo-pipeline", "HKEX", "--store", built)
    assert code == 0 and "2599" in out and "上交所" not in out
    code, out, _ = kg("query", "path", "星衡智能", "光年计算", "--max-hops", "1", "--store", built)
    assert code == 0 and out.strip() == "(no rows)"


def test_cli_embedded_backend_needs_no_server(built: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEO4J_URI", "bolt://127.0.0.1:9")  # nothing listens there
    code, out, err = kg("query", "timeline", "林知远", "--backend", "embedded", "--store", built)
    assert code == 0, err
    assert "元象生成" in out


@pytest.mark.parametrize("args, message", [
    (["investors", "星衡智能", "--top", "3"], "takes no --top"),
    (["investors", "No Such Company Ltd"], "no entity called"),
    (["path", "上海国投"], "needs B"),
    (["lineage", "星衡智能", "--depth", "0"], "at least 1"),
    (["investorz", "x"], "did you mean investors"),
])
def test_cli_errors_are_one_clean_line(built: Path, args: list[str], message: str,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NEO4J_URI", raising=False)
    code, _out, err = kg("query", *args, "--store", built)
    assert code == 1 and message in err and err.startswith("kg: error: ") and len(err.strip().splitlines()) == 1


def test_centrality_does_not_depend_on_the_order_rows_arrive_in() -> None:
    """Neo4j may return the co-investment edges in any order; the scores (betweenness estimated from
    seeded pivots above 200 investors) must not move."""
    import random

    from kg.queries.centrality import BETWEENNESS_PIVOTS
    from kg.queries.embedded import centrality

    rng = random.Random(3)
    n = BETWEENNESS_PIVOTS + 50
    edges = [{"investor_id": f"i{a:03d}", "investor": f"I{a}", "state_owned": a % 5 == 0,
              "co_investor_id": f"i{b:03d}", "co_investor": f"I{b}", "co_state_owned": b % 5 == 0,
              "shared_deals": 1 + (a + b) % 3}
             for a in range(n) for b in range(a + 1, n) if rng.random() < 8 / n]
    first = centrality(edges, 20)
    rng.shuffle(edges)
    assert centrality(edges, 20) == first and len(first) == 20


# -- what a new user types (issue 15) --------------------------------------------------------------


def test_a_name_prefix_in_any_case_finds_the_entity(store: Store, ontology: Ontology) -> None:
    graph = small_graph(store, ontology, [
        ("c", {"Company"}, "澄湖科技", "Chenghu Technology", {}), ("i", {"Investor"}, "领投资本", {}),
    ], [("INVESTED_IN", "i", "c", {"round": "A"})], "prefixes")
    assert find_entity(graph, "chenghu") == "organization:澄湖科技"
    assert find_entity(graph, "CHENGHU tech") == "organization:澄湖科技"
    assert find_entity(graph, "澄湖科") == "organization:澄湖科技"


def test_names_and_suggestions_are_entities_never_derived_rounds(store: Store, ontology: Ontology) -> None:
    graph = small_graph(store, ontology, [
        ("c", {"Company"}, "澄湖科技", {}), ("d", {"Company"}, "澄湖科创", {}), ("i", {"Investor"}, "领投资本", {}),
    ], [("INVESTED_IN", "i", "c", {"round": "A"})], "rounds are not names")
    assert "fundinground:澄湖科技:A" in graph  # the view has the round, named "澄湖科技 A"
    with pytest.raises(AmbiguousEntity) as caught:
        find_entity(graph, "澄湖科")
    assert "澄湖科技 (organization:澄湖科技)" in str(caught.value) and "fundinground" not in str(caught.value)
    with pytest.raises(UnknownEntity) as unknown:
        find_entity(graph, "澄湖科技 B")
    assert "close matches" in str(unknown.value) and "澄湖科技 A" not in str(unknown.value)


@pytest.mark.parametrize("region", ["Shanghai", "shanghai", "上海", "上海市", "SHANGHAI"])
def test_state_capital_regions_in_chinese_and_english(network: nx.MultiDiGraph, region: str) -> None:
    expected = run_embedded(network, "state-capital", region="Shanghai")
    assert expected and {r["region"] for r in expected} == {"Shanghai"}
    assert run_embedded(network, "state-capital", region=region) == expected


def _round_story(store: Store, ontology: Ontology) -> nx.MultiDiGraph:
    """A round the way articles tell it: the total next to the lead, followers named later with only the
    year, and one investor whose own cheque the text states ("其中C出资1亿元")."""
    art = Article(text="round story", path="round.txt", title="round", published="2024-03-12")

    def invest(handle: str, method: str = "funding-list", **props: object) -> RelationMention:
        return RelationMention("INVESTED_IN", handle, "c", {"round": "A", **props}, source(art, method=method))

    ext = Extraction(article=art, entities=[
        mention(art, "c", {"Company"}, "澄湖科技"), mention(art, "lead", {"StateOwnedFund"}, "杭州城投"),
        mention(art, "f1", {"Investor"}, "红杉中国"), mention(art, "f2", {"Investor"}, "启明创投"),
        mention(art, "own", {"Investor"}, "奇绩创坛"),
    ], relations=[
        invest("lead", role="lead", amount=500_000_000, currency="CNY", date="2024-03-12"),
        invest("f1", role="follow", date="2024"), invest("f2", role="follow", date="2024"),
        invest("own", "funding-contribution", amount=100_000_000, currency="CNY", date="2024-03"),
    ])
    record_all(store, [ext], ontology)
    return to_networkx(store, ontology)


def test_a_rounds_total_and_date_belong_to_the_round(store: Store, ontology: Ontology) -> None:
    graph = _round_story(store, ontology)
    rows = {r["investor"]: r for r in run_embedded(graph, "investors", "澄湖科技")}
    assert {r["date"] for r in rows.values()} == {"2024-03-12"}  # the round's most precise date, every row
    assert {(r["round_amount"], r["round_currency"]) for r in rows.values()} == {(500_000_000, "CNY")}
    assert rows["杭州城投"]["amount"] is None  # the lead's row shows no cheque of its own
    assert rows["红杉中国"]["amount"] is None and rows["启明创投"]["amount"] is None
    assert (rows["奇绩创坛"]["amount"], rows["奇绩创坛"]["currency"]) == (100_000_000, "CNY")
    round_node = graph.nodes["fundinground:澄湖科技:A"]
    assert (round_node["date"], round_node["amount"]) == ("2024-03-12", 500_000_000)
    portfolio = run_embedded(graph, "portfolio", "杭州城投")
    assert [(r["amount"], r["round_amount"], r["date"]) for r in portfolio] == [(None, 500_000_000, "2024-03-12")]


def test_a_sole_investors_sum_is_its_own(store: Store, ontology: Ontology) -> None:
    graph = small_graph(store, ontology, [("c", {"Company"}, "独投公司", {}), ("i", {"Investor"}, "独家资本", {})],
                        [("INVESTED_IN", "i", "c", {"round": "A", "amount": 5, "currency": "CNY"})], "sole")
    [row] = run_embedded(graph, "investors", "独投公司")
    assert (row["amount"], row["round_amount"]) == (5, 5)


def test_compare_puts_the_latest_figures_side_by_side(network: nx.MultiDiGraph) -> None:
    rows = run_embedded(network, "compare", "星衡智能", "云图数据", "Zhipu Huazhang")
    assert list(rows[0]) == ["metric", "星衡智能", "Cloudmap Data", "智譜華章"]  # the order asked, display names
    cells = {r["metric"]: r["星衡智能"] for r in rows}
    assert cells == {
        "revenue": "191,000,000 CNY (H1 2025)",  # the latest period (FY2024's two values are older)
        "rd_expense": "160,000,000 CNY (H1 2025)",
        "valuation": "~4,000,000,000 USD (2025-10-20, estimated)",
        "ipo_raise_target": "~300,000,000 USD (IPO, planned)",
        "ipo_raise": "~2,500,000,000 HKD (IPO)",  # never the target
        "offer_price": "16.5 HKD (IPO)",
        "cornerstone_total": "~600,000,000 HKD (IPO)",
    }
    assert [r["metric"] for r in rows] == ["revenue", "rd_expense", "valuation", "ipo_raise_target", "ipo_raise",
                                           "offer_price", "cornerstone_total"]
    assert all(r["Cloudmap Data"] is None and r["智譜華章"] is None for r in rows)  # no figures: empty cells
    assert run_embedded(network, "compare", "云图数据", "智谱华章") == []
