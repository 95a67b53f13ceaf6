"""The RDF export and the SHACL shapes cover ownership: OWNED_BY triples with their share on the
statement, government bodies with level and region, and a share outside 0..1 rejected."""

from __future__ import annotations

from pathlib import Path

import pytest
from pyshacl import validate
from rdflib import RDF, SH, Graph, Literal
from rdflib.namespace import XSD

from kg.ontology import KGO, Ontology, shapes_path
from kg.rdf import entity_iri, flatten, import_file, relation_iri, to_rdf, write_rdf
from kg.store import Store, open_store
from tests.factories import record_all
from tests.ownership_data import ownership_articles, ownership_web


@pytest.fixture
def built(store: Store) -> Store:
    record_all(store, [*ownership_articles(), ownership_web()])
    return store


def _shacl(data: Graph, ontology: Ontology) -> tuple[bool, Graph]:
    shapes = Graph().parse(shapes_path(), format="turtle")
    conforms, report, _text = validate(data, shacl_graph=shapes, ont_graph=ontology.graph, inference="rdfs")
    return conforms, report


def test_the_ontology_declares_owned_by_with_a_share(ontology: Ontology) -> None:
    rel = ontology.relation("OWNED_BY")
    # a founder may own the company: a person is an owner too
    assert rel.domain == {"Organization"} and rel.range == {"Organization", "Person"}
    assert ontology.relation("CONTROLLED_BY").range == {"Organization", "Person"}
    assert {"share", "date"} <= rel.allowed_properties
    assert rel.labels["zh"] and rel.labels["en"] and "share" in rel.definition
    assert "region" in ontology.node_properties(["GovernmentBody"])
    assert "gov_level" in ontology.node_properties(["GovernmentBody"])


def test_owned_by_is_a_triple_and_a_statement_with_its_share(built: Store) -> None:
    flat = flatten(to_rdf(built))
    rel = next(r for r in built.relations() if r.type == "OWNED_BY" and r.props.get("share") == 0.6)
    s, o = entity_iri(rel.source), entity_iri(rel.target)
    assert (s, KGO.OWNED_BY, o) in flat
    stmt = relation_iri(rel.id)
    assert (stmt, RDF.predicate, KGO.OWNED_BY) in flat
    assert flat.value(stmt, KGO.share) == Literal("0.6", datatype=XSD.decimal)
    sasac = entity_iri("organization:shenzhen-sasac")
    assert (sasac, RDF.type, KGO.GovernmentBody) in flat
    assert str(flat.value(sasac, KGO.gov_level)) == "municipal" and str(flat.value(sasac, KGO.region)) == "Shenzhen"


def test_the_ownership_graph_conforms_to_the_shapes(built: Store, ontology: Ontology) -> None:
    conforms, report = _shacl(flatten(to_rdf(built)), ontology)
    assert conforms, report.serialize(format="turtle")


def test_a_share_above_one_is_a_violation(built: Store, ontology: Ontology) -> None:
    flat = flatten(to_rdf(built))
    rel = next(r for r in built.relations() if r.type == "OWNED_BY" and r.props.get("share") == 0.6)
    stmt = relation_iri(rel.id)
    flat.set((stmt, KGO.share, Literal("1.5", datatype=XSD.decimal)))
    conforms, report = _shacl(flat, ontology)
    assert not conforms
    paths = {str(report.value(r, SH.resultPath)).rsplit("#", 1)[-1] for r in report.subjects(SH.resultSeverity,
                                                                                             SH.Violation)}
    assert paths == {"share"}


def test_export_then_import_keeps_ownership(built: Store, tmp_path: Path) -> None:
    path = tmp_path / "graph.ttl"
    write_rdf(built, "ttl", path)
    with open_store(tmp_path / "copy") as copy:
        import_file(copy, path)
        again = {(r.type, r.source, r.target, r.props.get("share")) for r in copy.relations() if r.type == "OWNED_BY"}
    assert again == {(r.type, r.source, r.target, r.props.get("share")) for r in built.relations()
                     if r.type == "OWNED_BY"}


def test_a_person_owner_is_a_triple_and_only_a_person_or_organisation_may_own(built: Store, ontology: Ontology) -> None:
    flat = flatten(to_rdf(built))
    rel = next(r for r in built.relations() if r.type == "OWNED_BY" and r.target.startswith("person:"))
    owner = entity_iri(rel.target)
    assert (entity_iri(rel.source), KGO.OWNED_BY, owner) in flat and (owner, RDF.type, KGO.Person) in flat
    assert _shacl(flat, ontology)[0]
    product = entity_iri("product:lanfeng-arm")
    flat.add((product, RDF.type, KGO.Product))
    flat.add((entity_iri(rel.source), KGO.OWNED_BY, product))  # a product owns nothing
    conforms, report = _shacl(flat, ontology)
    assert not conforms
    shapes = {str(report.value(r, SH.sourceShape)).rsplit("#", 1)[-1] for r in report.subjects(SH.resultSeverity,
                                                                                               SH.Violation)}
    assert any(shape.endswith("OWNED_BY-target") for shape in shapes), shapes
