"""Claims across articles: a relation whose articles disagree on an amount or a date keeps each value with
its articles as a dispute (amounts that agree by the rounding rule are none); `kg query disputes` lists
them on the store, the view and Neo4j; removing the dissenting article resolves it; RDF carries it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from neo4j import Driver

from kg.claims import find_disputes
from kg.graph import to_networkx
from kg.neo4j.loader import load_graph
from kg.queries import run_embedded, run_neo4j, run_store
from kg.store import Store
from tests.disputes_data import DISPUTES_DIR, dispute_articles
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
