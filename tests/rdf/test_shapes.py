"""The SHACL shapes accept a well-formed instance graph and catch the violations they are meant to."""

from __future__ import annotations

import pytest
from pyshacl import validate
from rdflib import SH, Graph, Namespace

from kg.graph import to_networkx
from kg.names import normalize_name
from kg.ontology import Ontology, shapes_path
from kg.rdf import to_rdf
from kg.resolve import resolve
from kg.store import Store, write_article
from tests import paths
from tests.factories import funding_article, ipo_article

DATA = paths.DATA
KGO = Namespace("https://w3id.org/kg-news/ontology#")


def run_shacl(data: Graph, ontology: Ontology) -> tuple[bool, Graph]:
    shapes = Graph().parse(shapes_path(), format="turtle")
    conforms, report, _text = validate(data, shacl_graph=shapes, ont_graph=ontology.graph, inference="rdfs")
    return conforms, report


def test_a_well_formed_graph_conforms(ontology: Ontology) -> None:
    conforms, _ = run_shacl(Graph().parse(DATA / "shapes_ok.ttl"), ontology)
    assert conforms


def test_each_planted_violation_is_reported(ontology: Ontology) -> None:
    conforms, report = run_shacl(Graph().parse(DATA / "shapes_bad.ttl"), ontology)
    assert not conforms
    found = {(str(report.value(r, SH.resultPath)).rsplit("#", 1)[-1],
              str(report.value(r, SH.sourceConstraintComponent)).rsplit("#", 1)[-1])
             for r in report.subjects(SH.resultSeverity, SH.Violation)}
    assert {("qid", "PatternConstraintComponent"), ("investor_kind", "InConstraintComponent"),
            ("id", "MinCountConstraintComponent"), ("ROUND_OF", "MinCountConstraintComponent"),
            ("date", "PatternConstraintComponent"), ("content_hash", "MinCountConstraintComponent"),
            ("None", "OrConstraintComponent")} == found


@pytest.fixture
def built(store: Store, ontology: Ontology) -> Store:
    for ext in (funding_article(), ipo_article()):
        res = resolve(store, ext, ontology)
        write_article(store, ext.article, res.entities, res.relations, normalize_name)
    return store


def test_the_rdf_projection_of_a_built_graph_conforms(built: Store, ontology: Ontology) -> None:
    dataset = to_rdf(to_networkx(built, ontology), ontology)
    flat = Graph()
    for s, p, o, _g in dataset.quads((None, None, None, None)):
        flat.add((s, p, o))
    conforms, report = run_shacl(flat, ontology)
    assert conforms, report.serialize(format="turtle")
