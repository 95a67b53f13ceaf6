"""The shapes for amounts in USD, disputes and relation modality accept what the store writes and catch
a negative dollar amount, a converted amount without its rate date, a dispute that is not a JSON list
and a modality outside the list."""

from __future__ import annotations

import pytest
from rdflib import Graph

from kg.ontology import Ontology
from tests.rdf.test_shapes import run_shacl

_PREFIXES = """@prefix kgo: <https://w3id.org/kg-news/ontology#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""


def _statement(body: str) -> Graph:
    return Graph().parse(data=f"{_PREFIXES}<urn:s> a rdf:Statement ; kgo:id \"r1\" ; {body} .", format="turtle")


@pytest.mark.parametrize("body", [
    'kgo:amount_usd 43926052 ; kgo:usd_rate_date "2026-04-08"',
    'kgo:amount_usd_low 1401634 ; kgo:amount_usd_high 14016343 ; kgo:usd_rate_date "2025-09-01"',
    'kgo:disputes "[{\\"key\\": \\"amount\\", \\"values\\": []}]"',
    'kgo:modality "planned"',
    'kgo:modality "denied"',
])
def test_what_the_store_writes_conforms(body: str, ontology: Ontology) -> None:
    conforms, report = run_shacl(_statement(body), ontology)
    assert conforms, report.serialize(format="turtle")


@pytest.mark.parametrize("body", [
    'kgo:amount_usd -5 ; kgo:usd_rate_date "2026-04-08"',  # negative money
    "kgo:amount_usd 43926052",  # no rate date
    'kgo:amount_usd 1 ; kgo:usd_rate_date "2026-04"',  # a rate is of one day
    'kgo:amount_usd_low 9 ; kgo:amount_usd_high 5 ; kgo:usd_rate_date "2025-09-01"',  # low above high
    'kgo:disputes "3亿元 or 5亿元"',  # not a JSON list
    'kgo:modality "rumoured"',  # not a relation modality
    'kgo:modality "stated"',  # a FinancialFigure's modality, not a relation's
])
def test_violations_are_caught(body: str, ontology: Ontology) -> None:
    conforms, _report = run_shacl(_statement(body), ontology)
    assert not conforms
