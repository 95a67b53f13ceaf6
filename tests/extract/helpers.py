"""Looking facts up in an extraction by name: shared by the tests of `tests/extract/`."""

from __future__ import annotations

from kg.extract import extract
from kg.model import Article, EntityMention, Extraction
from kg.names import normalize_name

PUBLISHED = "2025-07-02"


def names_of(entity: EntityMention) -> set[str]:
    return {normalize_name(n) for n in [*entity.names, entity.preferred or "", *entity.known_aliases] if n}


def entity(ex: Extraction, name: str) -> EntityMention:
    wanted = normalize_name(name)
    hits = [e for e in ex.entities if wanted in names_of(e)]
    assert hits, f"no entity named {name!r} in {[e.names for e in ex.entities]}"
    assert len(hits) == 1, f"{name!r} split over {[e.names for e in hits]}"
    return hits[0]


def relations(ex: Extraction, rel_type: str, source: str, target: str) -> list[dict]:
    src, dst = entity(ex, source).handle, entity(ex, target).handle
    return [r.props for r in ex.relations if (r.type, r.source, r.target) == (rel_type, src, dst)]


def has_relation(ex: Extraction, rel_type: str, source: str, target: str, **props: object) -> bool:
    for found in relations(ex, rel_type, source, target):
        if all(str(found.get(k)) == str(v) for k, v in props.items()):
            return True
    return False


def run(text: str, published: str | None = PUBLISHED) -> Extraction:
    return extract(Article(text=text, published=published))
