"""The ontology is the single source of truth: names, hierarchy, labels, and refusal of typos."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import RDF, SH, Graph

from kg.errors import OntologyError
from kg.neo4j.loader import constraint_statements
from kg.ontology import Ontology, load_ontology, load_ontology_files, ontology_dir, shapes_path

CLASSES = ["Organization", "Company", "Investor", "StateOwnedFund", "Person", "Exchange", "FundingRound",
           "IPO", "Product", "Article"]
RELATIONS = ["INVESTED_IN", "PARTICIPATED_IN", "FILED_FOR_IPO", "PASSED_LISTING_HEARING", "LISTED_ON",
             "FOUNDED", "HOLDS_POSITION", "LEFT", "SPUN_OFF_FROM", "DEVELOPS", "CONTROLLED_BY", "MENTIONED_IN"]


@pytest.mark.parametrize("name", CLASSES)
def test_every_contract_class_has_zh_and_en_labels_and_a_definition(ontology: Ontology, name: str) -> None:
    cls = ontology.cls(name)
    assert cls.labels.get("zh") and cls.labels.get("en")
    assert len(cls.definition) > 20


@pytest.mark.parametrize("name", RELATIONS)
def test_every_contract_relation_has_domain_range_and_labels(ontology: Ontology, name: str) -> None:
    rel = ontology.relation(name)
    assert rel.domain and rel.range
    assert rel.labels.get("zh") and rel.labels.get("en")


def test_a_state_owned_fund_carries_its_superclass_labels(ontology: Ontology) -> None:
    assert ontology.labels_for(["StateOwnedFund"]) == ["Organization", "Investor", "StateOwnedFund"]
    assert ontology.labels_for(["Company", "Investor"]) == ["Organization", "Company", "Investor"]
    assert ontology.root_of("StateOwnedFund") == "Organization"


def test_domains_and_ranges_follow_the_contract(ontology: Ontology) -> None:
    assert ontology.check_endpoints("INVESTED_IN", ["StateOwnedFund"], ["Company"])
    assert not ontology.check_endpoints("INVESTED_IN", ["Person"], ["Company"])
    assert ontology.check_endpoints("LISTED_ON", ["Company"], ["Exchange"])
    assert ontology.check_endpoints("FOUNDED", ["Person"], ["University"])


@pytest.mark.parametrize("lookup, name, suggestion", [
    ("cls", "Compnay", "Company"),
    ("relation", "INVESTS_IN", "INVESTED_IN"),
    ("prop", "ammount", "amount"),
])
def test_unknown_names_are_errors_with_close_matches(ontology: Ontology, lookup: str, name: str,
                                                     suggestion: str) -> None:
    with pytest.raises(OntologyError, match=suggestion):
        getattr(ontology, lookup)(name)


def test_relation_properties_are_checked_against_the_ontology(ontology: Ontology) -> None:
    ontology.check_relation_properties("INVESTED_IN", {"round": "B", "amount": 1, "sources": ["a"]})
    with pytest.raises(OntologyError, match="ticker"):
        ontology.check_relation_properties("INVESTED_IN", {"ticker": "2513"})


def test_neo4j_constraints_come_from_the_root_classes(ontology: Ontology) -> None:
    statements = constraint_statements(ontology)
    roots = ontology.roots()
    assert set(roots) >= {"Organization", "Person", "Product", "FundingRound", "IPO", "Article"}
    assert "Company" not in roots
    for root in roots:
        assert any(f"(n:`{root}`) REQUIRE n.id IS UNIQUE" in s for s in statements)


def test_a_broken_ontology_file_is_an_error_naming_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text("@prefix kgo: <https://w3id.org/kg-news/ontology#> .\nkgo:Company a owl:Class", "utf-8")
    with pytest.raises(OntologyError, match="bad.ttl"):
        load_ontology_files([bad])


def test_a_dangling_superclass_is_an_error(tmp_path: Path) -> None:
    ttl = tmp_path / "dangling.ttl"
    ttl.write_text(
        "@prefix kgo: <https://w3id.org/kg-news/ontology#> .\n"
        "@prefix owl: <http://www.w3.org/2002/07/owl#> .\n"
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        "kgo:Company a owl:Class ; rdfs:subClassOf kgo:Organisation .\n", "utf-8")
    with pytest.raises(OntologyError, match="Organisation"):
        load_ontology_files([ttl])


def test_shapes_parse_and_target_ontology_classes(ontology: Ontology) -> None:
    shapes = Graph().parse(shapes_path(), format="turtle")
    node_shapes = set(shapes.subjects(RDF.type, SH.NodeShape))
    targets = {str(o) for s in node_shapes for o in shapes.objects(s, SH.targetClass)}
    assert len(node_shapes) >= 5
    assert {ontology.cls(c).iri for c in ("Organization", "FundingRound", "IPO")} <= targets
    assert targets <= {c.iri for c in ontology.classes.values()}


def test_load_is_cached_and_reads_the_repository_folder() -> None:
    assert load_ontology() is load_ontology()
    assert (ontology_dir() / "shapes.ttl").exists()


def test_loading_without_rdflib_reads_what_rdflib_reads() -> None:
    """`load_ontology_files` parses with pyoxigraph (a `kg query` process then never imports rdflib):
    the classes, relations and properties, in the same order, are those `parse_ontology` reads from the
    rdflib graph of the same files; that graph is still there for validation, parsed when asked for."""
    from kg.ontology import parse_ontology

    files = sorted(p for p in ontology_dir().glob("*.ttl") if p.name != "shapes.ttl")
    fast = load_ontology_files(files)
    graph = Graph()
    for path in files:
        graph.parse(path, format="turtle")
    slow = parse_ontology(graph)
    for mine, theirs in ((fast.classes, slow.classes), (fast.relations, slow.relations),
                         (fast.properties, slow.properties)):
        assert list(mine.items()) == list(theirs.items())
    assert len(fast.graph) == len(graph) and fast.graph is fast.graph


def test_a_kgo_union_and_a_blank_node_list_are_read(tmp_path: Path) -> None:
    ttl = tmp_path / "union.ttl"
    ttl.write_text(
        "@prefix kgo: <https://w3id.org/kg-news/ontology#> .\n"
        "@prefix owl: <http://www.w3.org/2002/07/owl#> .\n"
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        "kgo:A a owl:Class ; rdfs:label \"A\"@en, \"甲\"@zh . kgo:B a owl:Class .\n"
        "kgo:C a owl:Class ; rdfs:subClassOf kgo:A .\n"
        "kgo:R a owl:ObjectProperty ; rdfs:domain [ owl:unionOf ( kgo:A kgo:B ) ] ; rdfs:range kgo:C .\n", "utf-8")
    onto = load_ontology_files([ttl])
    assert onto.relation("R").domain == {"A", "B"} and onto.relation("R").range == {"C"}
    assert onto.cls("A").labels == {"en": "A", "zh": "甲"} and onto.cls("C").parents == ("A",)
    graph = Graph().parse(ttl, format="turtle")
    from kg.ontology import parse_ontology

    assert parse_ontology(graph).relations == onto.relations and parse_ontology(graph).classes == onto.classes
