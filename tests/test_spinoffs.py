"""Founder lineages (FOUNDED_BY_ALUMNI_OF) derived from founders' careers, beside stated spin-offs
(SPUN_OFF_FROM)."""

from __future__ import annotations

import networkx as nx
import pytest

from kg.names import short_hash
from kg.spinoffs import LINEAGE_TYPES, add_derived_spinoffs, derive_spinoffs


def company(g: nx.MultiDiGraph, node: str, *extra: str) -> None:
    g.add_node(node, labels=["Organization", "Company", *extra], name=node, aliases=[])


def person(g: nx.MultiDiGraph, node: str) -> None:
    g.add_node(node, labels=["Person"], name=node, aliases=[])


def tie(g: nx.MultiDiGraph, p: str, org: str, rel: str, date: str | None = None, source: str = "a1") -> None:
    props = {"date": date} if date else {}
    g.add_edge(p, org, key=f"{p}-{rel}-{org}", type=rel, sources=[source], confidence=0.8, **props)


@pytest.fixture
def two_generations() -> nx.MultiDiGraph:
    """A -> B (Shen left A, founded B) -> C (Gu was CTO of B, left, founded C)."""
    g = nx.MultiDiGraph()
    for c in ("A", "B", "C"):
        company(g, c)
    for p in ("Zhou", "Shen", "Gu"):
        person(g, p)
    tie(g, "Zhou", "A", "FOUNDED", "2019")
    tie(g, "Shen", "A", "FOUNDED", "2019")
    tie(g, "Shen", "A", "LEFT", "2023-02", source="a2")
    tie(g, "Shen", "B", "FOUNDED", "2023-05", source="a2")
    tie(g, "Gu", "B", "HOLDS_POSITION")
    tie(g, "Gu", "B", "LEFT", "2025", source="a3")
    tie(g, "Gu", "C", "FOUNDED", source="a3")
    return g


def test_two_generations_are_derived_with_people_dates_and_sources(two_generations: nx.MultiDiGraph) -> None:
    edges = {(c, p): props for c, p, props in derive_spinoffs(two_generations)}
    assert set(edges) == {("B", "A"), ("C", "B")}
    assert edges[("B", "A")]["via"] == ["Shen"] and edges[("B", "A")]["date"] == "2023-05"
    assert edges[("B", "A")]["sources"] == ["a1", "a2"]
    assert edges[("C", "B")]["via"] == ["Gu"] and edges[("C", "B")]["derived"] is True
    assert edges[("C", "B")]["date"] == "2025"  # C has no founding date: Gu's departure dates it


def test_a_position_counts_only_when_dates_put_it_first() -> None:
    g = nx.MultiDiGraph()
    company(g, "Old")
    company(g, "New")
    person(g, "X")
    tie(g, "X", "Old", "HOLDS_POSITION")  # undated: could be a board seat taken later
    tie(g, "X", "New", "FOUNDED", "2020")
    assert derive_spinoffs(g) == []
    g.edges["X", "Old", "X-HOLDS_POSITION-Old"]["date"] = "2016"
    assert [(c, p) for c, p, _ in derive_spinoffs(g)] == [("New", "Old")]


@pytest.mark.parametrize(("homes", "expected"), [(1, 1), (2, 2), (3, 0)])
def test_a_long_undated_career_is_no_lineage_but_one_or_two_homes_are(homes: int, expected: int) -> None:
    g = nx.MultiDiGraph()
    company(g, "Start")
    person(g, "Lee")
    for n in range(homes):
        company(g, f"Home{n}")
        tie(g, "Lee", f"Home{n}", "LEFT")
    tie(g, "Lee", "Start", "FOUNDED", "2023")
    assert len(derive_spinoffs(g)) == expected


def test_in_a_long_career_the_dated_departures_still_make_lineages() -> None:
    g = nx.MultiDiGraph()
    company(g, "Start")
    person(g, "Lee")
    for n in range(3):
        company(g, f"Home{n}")
        tie(g, "Lee", f"Home{n}", "LEFT", "2022" if n == 2 else None)
    tie(g, "Lee", "Start", "FOUNDED", "2023")
    assert [(c, p) for c, p, _ in derive_spinoffs(g)] == [("Start", "Home2")]


def test_leaving_after_founding_does_not_make_a_parent() -> None:
    g = nx.MultiDiGraph()
    company(g, "Big")
    company(g, "Side")
    person(g, "Y")
    tie(g, "Y", "Side", "FOUNDED", "2018")
    tie(g, "Y", "Big", "LEFT", "2024")
    assert derive_spinoffs(g) == []


def test_mutual_evidence_is_dropped_and_exchanges_are_never_parents() -> None:
    g = nx.MultiDiGraph()
    company(g, "P")
    company(g, "Q")
    g.add_node("HKEX", labels=["Organization", "Exchange"], name="HKEX", aliases=[])
    person(g, "Z")
    for org in ("P", "Q"):
        tie(g, "Z", org, "FOUNDED")
        tie(g, "Z", org, "LEFT")
    tie(g, "Z", "HKEX", "LEFT")
    assert derive_spinoffs(g) == []


def lineage_edges(g: nx.MultiDiGraph) -> list[tuple[str, str, str, bool | None]]:
    """(child, parent, type, derived) of every lineage edge, sorted."""
    return sorted((s, t, d["type"], d.get("derived")) for s, t, d in g.edges(data=True)
                  if d["type"] in LINEAGE_TYPES)


def test_a_derived_lineage_is_founded_by_alumni_of_never_spun_off_from(two_generations: nx.MultiDiGraph) -> None:
    assert add_derived_spinoffs(two_generations) == 2
    assert lineage_edges(two_generations) == [("B", "A", "FOUNDED_BY_ALUMNI_OF", True),
                                              ("C", "B", "FOUNDED_BY_ALUMNI_OF", True)]
    assert not [e for e in two_generations.edges(data=True) if e[2]["type"] == "SPUN_OFF_FROM"]
    # ids hash the new type: what kg.dump recognises as the view's own
    assert {k for _s, _t, k, d in two_generations.edges(keys=True, data=True) if d.get("derived")} == {
        "d" + short_hash("FOUNDED_BY_ALUMNI_OF", "B", "A"), "d" + short_hash("FOUNDED_BY_ALUMNI_OF", "C", "B")}
    data = two_generations.edges["B", "A", "d" + short_hash("FOUNDED_BY_ALUMNI_OF", "B", "A")]
    assert (data["id"], data["via"], data["method"]) == ("d" + short_hash("FOUNDED_BY_ALUMNI_OF", "B", "A"),
                                                         ["Shen"], ["derived:founder-lineage"])


def test_stated_spinoffs_are_kept_and_not_duplicated(two_generations: nx.MultiDiGraph) -> None:
    """A stated spin-off stays SPUN_OFF_FROM, undecorated, and leaves no derived edge for its pair;
    the other pair still gets its founder lineage."""
    two_generations.add_edge("B", "A", key="stated", type="SPUN_OFF_FROM", sources=["a9"])
    assert add_derived_spinoffs(two_generations) == 1
    assert lineage_edges(two_generations) == [("B", "A", "SPUN_OFF_FROM", None),
                                              ("C", "B", "FOUNDED_BY_ALUMNI_OF", True)]
    assert [(c, p) for c, p, _props in derive_spinoffs(two_generations)] == [("C", "B")]


def test_the_example_articles_yield_two_generations_of_spinoffs(tmp_path) -> None:
    """Built from the project's own articles (zh, zh-Hant, en): 云岫智能 -> 澄湖科技 -> 栖光机器人."""
    from pathlib import Path

    from kg.build import build
    from kg.graph import to_networkx
    from kg.queries import find_entity
    from kg.store import open_store
    from kg.viz.lineage import lineage_view

    examples = Path(__file__).resolve().parent.parent / "examples"
    with open_store(tmp_path / "s") as store:
        build(store, [examples])
        graph = to_networkx(store)
    root = find_entity(graph, "Yunxiu Intelligence")
    generations = {n.name: n.generation for n in lineage_view(graph, root).nodes}
    assert generations["澄湖科技"] == 1 and generations["栖光机器人"] == 2
    def links(rel_type: str) -> dict[tuple[str, str], object]:
        return {(graph.nodes[s]["name"], graph.nodes[t]["name"]): d.get("via") for s, t, d in graph.edges(data=True)
                if d["type"] == rel_type}

    derived, stated = links("FOUNDED_BY_ALUMNI_OF"), links("SPUN_OFF_FROM")
    assert derived[("澄湖科技", "云岫智能")] == ["person:沈知微"]  # ids, as the ontology says
    assert derived[("栖光机器人", "澄湖科技")] == ["person:顾言川"]
    assert stated == {("砚石智能", "上海交通大学智能感知实验室"): None}  # stated: 脱胎于 a university lab
    assert not set(derived) & set(stated)


def test_an_undated_founding_is_dated_by_the_departure() -> None:
    """"X left A in 2020 and founded B": the lineage is placed in 2020 on the time axis."""
    g = nx.MultiDiGraph()
    for c in ("A", "B"):
        company(g, c)
    person(g, "X")
    tie(g, "X", "A", "LEFT", "2020-03")
    tie(g, "X", "B", "FOUNDED")
    [(child, parent, props)] = derive_spinoffs(g)
    assert (child, parent, props["date"]) == ("B", "A", "2020-03")
    g.edges["X", "B", "X-FOUNDED-B"]["date"] = "2021"  # a founding date, once known, wins
    [(_c, _p, props)] = derive_spinoffs(g)
    assert props["date"] == "2021"


def test_the_stated_and_founding_edges_can_be_given_instead_of_scanned() -> None:
    """`derive_spinoffs(graph, edges)` reads the stated SPUN_OFF_FROM and the FOUNDED dates from `edges`
    (the view passes the stored relations' edges) and answers as the scan of every edge does; given
    none of them, the stated spin-off and the founding date another founder's edge gives are missing."""
    g = nx.MultiDiGraph()
    for node in ("org:xh", "org:baidu", "org:tencent"):
        company(g, node)
    for node in ("person:li", "person:wang"):
        person(g, node)
    tie(g, "person:li", "org:baidu", "LEFT")
    tie(g, "person:li", "org:tencent", "LEFT")
    tie(g, "person:li", "org:xh", "FOUNDED")  # undated: 王's founding edge dates the company
    tie(g, "person:wang", "org:xh", "FOUNDED", "2023-06", source="a2")
    g.add_edge("org:xh", "org:tencent", type="SPUN_OFF_FROM", sources=["a3"])  # stated: nothing derived
    edges = list(g.edges(data=True))
    scanned = derive_spinoffs(g)
    assert derive_spinoffs(g, edges) == scanned
    assert [(child, parent, props.get("date")) for child, parent, props in scanned] == [
        ("org:xh", "org:baidu", "2023-06")]
    assert derive_spinoffs(g, []) != scanned
