"""Modality of a fact from its sentence: planned (拟, plans to), reported (据报道, reportedly), denied (否认,
denied), completed otherwise; near misses (a company's own announcement, "未否认", a later "将用于") stay
completed; across articles a done fact outweighs plans and hearsay, and a denial against an assertion is
a dispute."""

from __future__ import annotations

import json

import pytest

from kg.extract.modality import modality_of
from kg.model import Article, Extraction
from kg.store import Store
from tests.factories import extract_by_rules, mention, record_all, relation


def _modalities(text: str) -> list[tuple[str, str]]:
    return [(r.type, r.props.get("modality", "completed")) for r in extract_by_rules(text).relations]


@pytest.mark.parametrize(("text", "expected"), [
    ("星岚机器人拟完成3亿元B轮融资，由苏州青松创投领投。", "planned"),
    ("据报道，星岚机器人完成3亿元B轮融资，由苏州青松创投领投。", "reported"),
    ("據悉，星嵐機器人完成3億元B輪融資，由蘇州青松創投領投。", "reported"),  # traditional script
    ("星岚机器人否认完成3亿元B轮融资，苏州青松创投领投的消息不实。", "denied"),
    ("Xinglan Robotics raised $50 million in a Series B round led by Sequoia Capital, according to people "
     "familiar with the matter.", "reported"),
    ("Xinglan Robotics denied that it raised $50 million in a Series B round led by Sequoia Capital.", "denied"),
])
def test_the_sentence_gives_the_modality(text: str, expected: str) -> None:
    assert _modalities(text) == [("INVESTED_IN", expected)]


@pytest.mark.parametrize("text", [
    "星岚机器人完成3亿元B轮融资，由苏州青松创投领投。",
    "据星岚机器人公告，公司完成5亿元B轮融资，由苏州青松创投领投。",  # the company's own word: no hearsay
    "星岚机器人未否认完成3亿元B轮融资，由苏州青松创投领投。",  # not denying is no denial
    "星岚机器人完成3亿元B轮融资，由苏州青松创投领投，资金将用于扩产。",  # a plan for the money, after the fact
    "Xinglan Robotics raised $50 million in a Series B round led by Sequoia Capital.",
])
def test_near_misses_stay_completed(text: str) -> None:
    assert _modalities(text) == [("INVESTED_IN", "completed")]


def test_a_plan_after_the_fact_leaves_a_filing_done() -> None:
    assert ("FILED_FOR_IPO", "completed") in _modalities("云岫科技向港交所递交招股书，计划募资10亿港元。")


@pytest.mark.parametrize(("sentence", "lead", "expected"), [
    ("公司否认了相关传闻", None, "denied"),  # a denial beats the hearsay it denies
    ("据报道，公司拟赴港上市", None, "reported"),  # a reported plan is reported
    ("公司拟赴港上市", "公司", "completed"),  # the plan is after the fact's words
    ("The company is set to list in Hong Kong", None, "planned"),
    ("The company did not deny the listing plan", "The company did not deny the listing", "completed"),
])
def test_modality_of(sentence: str, lead: str | None, expected: str) -> None:
    assert modality_of(sentence, lead) == expected


def _round(n: int, **props: object) -> Extraction:
    art = Article(text=f"round report {n}", path=f"r{n}.txt", published=f"2026-05-1{n}", lang="zh")
    return Extraction(article=art, entities=[mention(art, "c", {"Company"}, "星岚机器人"),
                                             mention(art, "v", {"Investor"}, "苏州青松创投")],
                      relations=[relation(art, "INVESTED_IN", "v", "c", round="B", **props)])


def _invested(store: Store) -> dict:
    (rel,) = [r for r in store.relations() if r.type == "INVESTED_IN"]
    return rel.props


def test_an_article_stating_it_done_outweighs_a_plan(store: Store) -> None:
    record_all(store, [_round(1, modality="planned")])
    assert _invested(store)["modality"] == "planned"
    record_all(store, [_round(2)])
    assert "modality" not in _invested(store)  # completed, the default
    assert store.remove_article(next(a.id for a in store.articles() if a.path == "r2.txt"))
    assert _invested(store)["modality"] == "planned"


def test_a_denial_against_an_assertion_is_a_dispute(store: Store) -> None:
    record_all(store, [_round(1, modality="reported"), _round(2, modality="denied")])
    (dispute,) = json.loads(_invested(store)["disputes"])
    ids = {a.path: a.id for a in store.articles()}
    assert dispute == {"key": "modality", "values": [{"value": "asserted", "sources": [ids["r1.txt"]]},
                                                     {"value": "denied", "sources": [ids["r2.txt"]]}]}
