"""Claims across articles: a relation whose articles disagree on an amount or a date keeps each value with
its articles as a dispute (amounts that agree by the rounding rule are none), and two articles giving one
person titles that cannot both hold at one organisation at one time mark both positions; `kg query
disputes` lists them on the store, the view and Neo4j; removing the dissenting article resolves it; RDF
carries it."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from neo4j import Driver

from kg.claims import find_disputes, title_disputes
from kg.extract import extract
from kg.graph import to_networkx
from kg.ingest.readers import read_path
from kg.neo4j.loader import load_graph
from kg.queries import run_embedded, run_neo4j, run_store
from kg.store import Store
from tests.disputes_data import DISPUTES_DIR, TITLES_DIR, dispute_articles
from tests.factories import conforming_turtle, record_all, run_kg
from tests.neo4j_fixtures import Neo4jTarget


def _rows(*props: dict) -> list[tuple[str, float, str]]:
    """Source rows as the store reads them: one per article (a1, a2, ...), most confident first."""
    return [(json.dumps(p), 0.9, f"a{i}") for i, p in enumerate(props, 1)]


def _cny(amount: int, raw: str, **extra: object) -> dict:
    return {"amount": amount, "amount_raw": raw, "currency": "CNY", **extra}


@pytest.mark.parametrize("props", [
    (_cny(300_000_000, "约3亿元", amount_precision="approx"), _cny(312_000_000, "3.12亿元")),  # rounding agrees
    ({"date": "2025-07"}, {"date": "2025-07-02"}),  # a coarser date is no other date
    (_cny(300_000_000, "3亿元", date="2026-05-11"),
     {"amount": 42_000_000, "amount_raw": "$42 million", "currency": "USD"}),  # the same money in dollars
    ({"share": 0.35}, {"share": 0.35}),
])
def test_agreeing_articles_make_no_dispute(props: tuple[dict, ...]) -> None:
    assert find_disputes(_rows(*props)) == []


@pytest.mark.parametrize(("props", "key", "values"), [
    ((_cny(300_000_000, "3亿元"), _cny(500_000_000, "5亿元"), _cny(310_000_000, "3.1亿元")), "amount",
     [("3亿元", ["a1", "a3"]), ("5亿元", ["a2"])]),
    ((_cny(312_000_000, "3.12亿元"), _cny(320_000_000, "3.2亿元")), "amount",
     [("3.12亿元", ["a1"]), ("3.2亿元", ["a2"])]),
    ((_cny(300_000_000, "3亿元", date="2026-05-11"),
      {"amount": 80_000_000, "amount_raw": "$80 million", "currency": "USD"}), "amount",
     [("3亿元", ["a1"]), ("$80 million", ["a2"])]),
    (({"date": "2025-07-02"}, {"date": "2025-08"}), "date", [("2025-07-02", ["a1"]), ("2025-08", ["a2"])]),
    (({"share": 0.35}, {"share": 0.4}), "share", [(0.35, ["a1"]), (0.4, ["a2"])]),
])
def test_disagreeing_articles_keep_each_value_with_its_sources(props: tuple[dict, ...], key: str,
                                                               values: list[tuple]) -> None:
    (dispute,) = find_disputes(_rows(*props))
    assert dispute["key"] == key
    assert [(v["value"], v["sources"]) for v in dispute["values"]] == values


def _compared_with_every_group(rows: list[tuple[str, float, str]]) -> list[dict]:
    """The disputes worked out the plain way: each article's value compared with the first value of every
    group in turn (`kg.claims` compares each distinct value once, with the groups near it)."""
    from kg.claims import _date_agree, _money_agree, _money_cell, _money_value, _number_agree

    per_article: dict[str, dict] = {}
    for props, _conf, article in rows:
        per_article.setdefault(article, json.loads(props))
    if len(per_article) < 2:
        return []
    day = next((p["date"] for p in per_article.values() if p.get("date")), None)

    def groups(values: list, same) -> list:  # type: ignore[no-untyped-def]
        found: list[tuple[object, list[str]]] = []
        for value, article in values:
            for first, articles in found:
                if same(first, value):
                    articles.append(article)
                    break
            else:
                found.append((value, [article]))
        return [(value, sorted(articles)) for value, articles in found]

    out = []
    money = groups([(c, a) for a, p in per_article.items() if (c := _money_cell(p)) is not None],
                   lambda x, y: _money_agree(x, y, day))
    if len(money) > 1:
        out.append({"key": "amount", "values": [_money_value(cell, articles) for cell, articles in money]})
    for key, same in (("date", _date_agree), ("valid_from", _date_agree), ("valid_to", _date_agree),
                      ("share", _number_agree), ("offer_price", _number_agree)):
        keyed = groups([(p[key], a) for a, p in per_article.items() if p.get(key) is not None], same)
        if len(keyed) > 1:
            out.append({"key": key, "values": [{"value": v, "sources": arts} for v, arts in keyed]})
    denied = [a for a, p in per_article.items() if p.get("modality") == "denied"]
    if denied and len(denied) < len(per_article):
        out.append({"key": "modality", "values": [
            {"value": "asserted", "sources": sorted(set(per_article) - set(denied))},
            {"value": "denied", "sources": sorted(denied)}]})
    return out


def _random_statement(rng: random.Random) -> dict:
    """An amount (as written, rounded, a bound or a range, in one of three currencies), dates, a share."""
    props: dict = {}
    n = rng.choice([rng.randint(1, 30), rng.randint(1, 999) / 10, 3, 3.12, 53.4, 53.5])
    unit, currency = rng.choice([(1e8, "CNY"), (1e6, "USD"), (1e4, "HKD"), (1e8, None)])
    kind = rng.random()
    if kind < 0.6:
        props.update(amount=n * unit, amount_raw=f"{n}{rng.choice(['亿元', ' million', '万港元'])}", currency=currency)
    elif kind < 0.75:
        props.update(amount=n * unit, amount_precision=rng.choice(["lower_bound", "upper_bound", "approx"]),
                     amount_raw=f"超{n}亿", currency=currency)
    elif kind < 0.9:
        props.update(amount_low=n * unit, amount_high=(n + rng.randint(0, 5)) * unit, amount_raw=f"{n}-{n + 1}亿",
                     currency=currency)
    for key in ("date", "valid_from"):
        if rng.random() < 0.5:
            props[key] = rng.choice(["2024", "2024-05", "2024-05-01", "2025", f"2025-0{rng.randint(1, 9)}", ""])
    if rng.random() < 0.2:
        props["share"] = rng.choice([0.1, 0.10000000001, 0.2, 5])
    if rng.random() < 0.1:
        props["modality"] = "denied"
    return props


@pytest.mark.parametrize("seed", range(4))
def test_disputes_are_those_of_comparing_each_article_with_every_group(seed: int) -> None:
    """Many articles restating a fact with a few hundred values (as a year of news restates a round):
    the groups `kg.claims` finds by comparing distinct values with the groups near them are those of
    comparing every article's value with every group in order."""
    rng = random.Random(seed)
    for _trial in range(150):
        statements = [json.dumps(_random_statement(rng), sort_keys=True) for _ in range(rng.randint(1, 40))]
        rows = sorted(((rng.choice(statements), rng.choice([0.9, 0.8, 0.5]), f"a{rng.randint(1, 90)}")
                       for _ in range(rng.randint(1, 150))), key=lambda r: (-r[1], r[2]))
        assert find_disputes(rows) == _compared_with_every_group(rows)


def test_one_article_never_disputes_itself() -> None:
    rows = [(json.dumps(_cny(300_000_000, "3亿元")), 0.9, "a1"), (json.dumps(_cny(500_000_000, "5亿元")), 0.5, "a1")]
    assert find_disputes(rows) == []


# -- on written articles ----------------------------------------------------------------------------------


@pytest.fixture
def built(store: Store) -> Store:
    record_all(store, dispute_articles())
    return store


def _ids(store: Store) -> dict[str, str]:
    return {Path(str(a.path)).name[0]: a.id for a in store.articles()}


def test_two_amounts_for_one_round_are_one_relation_with_a_dispute(built: Store) -> None:
    ids = _ids(built)
    (rel,) = [r for r in built.relations() if r.type == "INVESTED_IN"]
    assert rel.props["amount"] == 300_000_000  # the value shown; the other is kept, not overwritten
    (dispute,) = json.loads(rel.props["disputes"])
    assert [(v["amount"], v["sources"]) for v in dispute["values"]] == [
        (300_000_000, sorted([ids["a"], ids["c"]])), (500_000_000, [ids["b"]])]
    rows = run_store(built, "disputes")
    assert [(r["subject"], r["object"], r["round"], r["key"], r["articles"]) for r in rows] == [
        ("苏州青松创投", "星岚机器人", "B", "amount", 2), ("苏州青松创投", "星岚机器人", "B", "amount", 1)]
    assert rows[1]["sources"] == [ids["b"]]
    graph = to_networkx(built)
    for entity in (None, "星岚机器人", "苏州青松创投"):
        assert run_store(built, "disputes", entity) == run_embedded(graph, "disputes", entity) == rows


def test_an_entity_without_disputes_has_none(built: Store, store: Store) -> None:
    from tests.factories import funding_article

    record_all(store, [funding_article()])
    assert run_store(store, "disputes", "星衡智能") == []
    assert len(run_store(store, "disputes")) == 2


def test_removing_the_dissenting_article_resolves_the_dispute(built: Store) -> None:
    assert built.remove_article(_ids(built)["b"])
    (rel,) = [r for r in built.relations() if r.type == "INVESTED_IN"]
    assert "disputes" not in rel.props and rel.props["amount"] == 300_000_000
    assert run_store(built, "disputes") == []


def test_the_cli_lists_and_removal_resolves(tmp_path: Path) -> None:
    store = tmp_path / "store"
    code, _out, err = run_kg("build", "-q", "-s", store, DISPUTES_DIR)
    assert code == 0, err
    code, out, err = run_kg("query", "disputes", "星岚机器人", "-f", "json", "--store", store, "--backend", "embedded")
    assert code == 0, err
    rows = json.loads(out)
    assert [r["value"] for r in rows] == ["3亿元", "5亿元人民币"]
    dissenter = rows[1]["sources"][0]
    assert run_kg("remove", dissenter, "--store", store)[0] == 0
    code, out, err = run_kg("query", "disputes", "-f", "json", "--store", store, "--backend", "embedded")
    assert (code, json.loads(out)) == (0, [])


def test_the_rdf_export_carries_the_dispute_and_conforms(built: Store, tmp_path: Path) -> None:
    turtle = conforming_turtle(built.path, tmp_path)
    assert "kgo:disputes" in turtle and "5亿元人民币" in turtle


@pytest.mark.neo4j
def test_neo4j_lists_the_same_disputes(built: Store, clean_neo4j: Driver, neo4j_target: Neo4jTarget) -> None:
    graph = to_networkx(built)
    load_graph(clean_neo4j, graph, database=neo4j_target.database)
    for entity in (None, "星岚机器人"):
        embedded = run_embedded(graph, "disputes", entity)
        assert run_neo4j(clean_neo4j, "disputes", entity, database=neo4j_target.database) == embedded != []


# -- two titles for one person at one time ------------------------------------------------------------------


def _positions(*facts: tuple[str, dict]) -> dict[str, list[tuple[str, float, str]]]:
    """One HOLDS_POSITION fact per (articles, props): relation p1, p2, ...; articles as "a1,a2"."""
    return {f"p{i}": [(json.dumps(props), 0.8, a) for a in articles.split(",")]
            for i, (articles, props) in enumerate(facts, 1)}


@pytest.mark.parametrize(("facts", "disputed"), [
    ((("a1", {"title": "总裁"}), ("a2", {"title": "副總裁"})), True),  # an office and its deputy, two scripts
    ((("a1", {"title": "chairman"}), ("a2", {"title": "vice chairman"})), True),
    ((("a1", {"title": "CEO"}), ("a2", {"title": "副总经理"})), True),  # the top executive is not a deputy
    ((("a1", {"title": "CTO", "valid_from": "2026-03"}), ("a2", {"title": "CFO", "valid_from": "2026-03-02"})),
     True),  # two offices dated to one start
    ((("a1", {"title": "CTO"}), ("a2", {"title": "CFO"})), False),  # undated: may be held together
    ((("a1", {"title": "CEO", "valid_from": "2026-03"}), ("a2", {"title": "总裁", "valid_from": "2026-03"})),
     False),  # one office, two names
    ((("a1", {"title": "董事长"}), ("a2", {"title": "CEO"})), False),  # 董事长兼CEO is common
    ((("a1", {"title": "董事长"}), ("a2", {"title": "chairman"})), False),  # one office, two languages
    ((("a1,a2", {"title": "总裁"}), ("a2", {"title": "副总裁"})), False),  # an article stating both: a promotion
    ((("a1", {"title": "副总裁", "valid_from": "2023"}), ("a2", {"title": "总裁", "valid_from": "2025-06"})),
     False),  # dated apart: a promotion
    ((("a1", {"title": "副总裁", "valid_to": "2025-01"}), ("a2", {"title": "总裁", "valid_from": "2025-06"})),
     False),  # the one ended before the other began
    ((("a1", {"title": "CTO", "valid_from": "2026-03"}), ("a2", {"title": "联合创始人", "valid_from": "2026-03"})),
     False),  # a founder's title is no office
])
def test_titles_dispute_only_when_they_cannot_both_hold(facts: tuple, disputed: bool) -> None:
    found = title_disputes(_positions(*facts))
    if not disputed:
        assert found == {}
        return
    assert sorted(found) == ["p1", "p2"]
    p1 = found["p1"]
    assert p1["key"] == "title"
    assert [(v["value"], v["sources"], v.get("relation")) for v in p1["values"]] == [
        (facts[0][1]["title"], ["a1"], None), (facts[1][1]["title"], ["a2"], "p2")]


@pytest.fixture
def titled(store: Store) -> Store:
    record_all(store, [extract(a) for path in sorted(TITLES_DIR.glob("*.txt")) for a in read_path(path)])
    return store


def test_two_articles_giving_one_person_two_titles_at_once_are_a_dispute(titled: Store) -> None:
    """总裁 (2026-04-02) against 副總裁 (2026-04-09, traditional script) for 林澈; CTO against CFO, both from
    March 2026, for 许澜; 周远's 董事长兼CEO and another article's 董事長 agree."""
    ids = {Path(str(a.path)).name[0]: a.id for a in titled.articles()}
    rows = run_store(titled, "disputes")
    assert [(r["subject"], r["key"], r["value"], r["sources"]) for r in rows] == [
        ("林澈", "title", "总裁", [ids["a"]]), ("林澈", "title", "副總裁", [ids["b"]]),
        ("林澈", "title", "副總裁", [ids["b"]]), ("林澈", "title", "总裁", [ids["a"]]),
        ("许澜", "title", "CTO", [ids["c"]]), ("许澜", "title", "CFO", [ids["d"]]),
        ("许澜", "title", "CFO", [ids["d"]]), ("许澜", "title", "CTO", [ids["c"]]),
    ]
    assert run_store(titled, "disputes", "周远") == []
    assert run_embedded(to_networkx(titled), "disputes") == rows


def test_removing_one_title_article_resolves_both_positions(titled: Store, tmp_path: Path) -> None:
    ids = {Path(str(a.path)).name[0]: a.id for a in titled.articles()}
    assert titled.remove_article(ids["b"])
    assert {r["subject"] for r in run_store(titled, "disputes")} == {"许澜"}
    (president,) = [r for r in titled.relations() if r.props.get("title") == "总裁"]
    assert "disputes" not in president.props
    turtle = conforming_turtle(titled.path, tmp_path)
    assert "kgo:disputes" in turtle and "CFO" in turtle


@pytest.mark.neo4j
def test_neo4j_lists_the_same_title_disputes(titled: Store, clean_neo4j: Driver, neo4j_target: Neo4jTarget) -> None:
    graph = to_networkx(titled)
    load_graph(clean_neo4j, graph, database=neo4j_target.database)
    for entity in (None, "林澈"):
        embedded = run_embedded(graph, "disputes", entity)
        assert run_neo4j(clean_neo4j, "disputes", entity, database=neo4j_target.database) == embedded != []
