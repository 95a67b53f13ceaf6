"""The example corpus as a whole: `examples/README.md` is the oracle, every article's entities with their
types and its relations with their properties."""

from __future__ import annotations

import re

import pytest

from kg.extract import extract
from kg.ingest.readers import read_path
from kg.ontology import load_ontology
from tests import paths
from tests.extract.helpers import entity, has_relation, relations

EXAMPLES = paths.EXAMPLES


def _oracle() -> list[tuple[str, list[tuple[str, str]], list[tuple[str, str, str, dict[str, str]]]]]:
    readme = (EXAMPLES / "README.md").read_text(encoding="utf-8")
    out = []
    for section in re.split(r"^## ", readme, flags=re.MULTILINE)[1:]:
        name = section.split("\n", 1)[0].strip()
        rows = [
            [c.strip() for c in line.strip().strip("|").split("|")]
            for line in section.splitlines()
            if line.startswith("|") and not line.startswith("|---")
        ]
        entities = [(r[0], r[1]) for r in rows if len(r) == 2 and r[0] != "entity"]
        rels = []
        for r in rows:
            if len(r) == 4 and r[0] != "relation":
                attrs = dict(kv.strip().split("=", 1) for kv in r[3].split(";") if kv.strip())
                rels.append((r[0], r[1], r[2], attrs))
        out.append((name, entities, rels))
    return out


ORACLE = _oracle()


def test_oracle_covers_every_example() -> None:
    files = sorted(p.name for p in EXAMPLES.iterdir() if p.name != "README.md")
    assert [name for name, _, _ in ORACLE] == files
    assert sum(len(rels) for _, _, rels in ORACLE) >= 60


@pytest.mark.parametrize(("name", "entities", "rels"), ORACLE, ids=[o[0] for o in ORACLE])
def test_examples(name: str, entities: list[tuple[str, str]], rels: list) -> None:
    [article] = read_path(EXAMPLES / name)
    ex = extract(article)
    ontology = load_ontology()
    for ent_name, ent_type in entities:
        found = entity(ex, ent_name)
        assert ent_type in ontology.labels_for(found.types), f"{ent_name}: {sorted(found.types)}"
    for rel_type, source, target, attrs in rels:
        assert has_relation(ex, rel_type, source, target, **attrs), (
            f"{name}: missing {rel_type} {source}->{target} {attrs}; have "
            f"{relations(ex, rel_type, source, target)}"
        )
