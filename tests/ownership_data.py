"""Ownership test data: the three invented articles of tests/data/ownership (a city fund owned by a city
platform owned by a municipal SASAC, in traditional Chinese; a district fund co-owned by two platforms
at stated shares, in English; a company taking money from both and from a private VC, each sum tied
to its investor, the company and the VC owned by their founders, in simplified Chinese) and a
synthetic web with what articles rarely show at once: a cycle, parallel OWNED_BY/CONTROLLED_BY edges,
two chains to one owner, an unknown share, hostile names."""

from __future__ import annotations

from pathlib import Path

from kg.extract import extract
from kg.graph import OWN_AMOUNT_METHOD
from kg.ingest.readers import read_path
from kg.model import Article, Extraction, RelationMention
from tests.factories import HOSTILE, mention, relation, source

OWNERSHIP_DIR = Path(__file__).parent / "data" / "ownership"


def ownership_articles() -> list[Extraction]:
    """The extractions of the three articles, as `kg build` makes them."""
    return [extract(article) for path in sorted(OWNERSHIP_DIR.glob("*.txt")) for article in read_path(path)]


def own(article: Article, src: str, dst: str, round_name: str, usd: int) -> RelationMention:
    """An INVESTED_IN with the investor's own sum in US dollars ("其中A出资…", the contribution method)."""
    return RelationMention("INVESTED_IN", src, dst, {"round": round_name, "amount": usd, "currency": "USD"},
                           source(article, method=OWN_AMOUNT_METHOD))


def ownership_web() -> Extraction:
    """F is owned half by P1 (all of it by G) and half by P2 (40% of it by G, the rest by H at an
    unknown share); P1 is also CONTROLLED_BY G's sibling edge; A and B own each other and C owns B.
    Webco Robotics took money from F (two rounds), P1 and a private VC, each sum tied to its investor:
    A: F $60M, VC $40M; B: P1 $10M, F $20M."""
    art = Article(text="ownership web: " + " | ".join(HOSTILE), path="web.txt", published="2025-05-05", lang="en")
    entities = [
        mention(art, "f", {"Investor"}, "Webfund Alpha"),
        mention(art, "p1", {"StateOwnedFund"}, "Platform One", region="Shanghai", investor_kind="state_platform"),
        mention(art, "p2", {"Investor"}, HOSTILE[3]),
        mention(art, "g", {"GovernmentBody"}, "Webtown SASAC", gov_level="municipal", region="Webtown"),
        mention(art, "h", {"Company"}, HOSTILE[0]),
        mention(art, "a", {"Company"}, "Circle A"),
        mention(art, "b", {"Company"}, "Circle B"),
        mention(art, "c", {"Company"}, "Circle C"),
        mention(art, "co", {"Company"}, "Webco Robotics"),
        mention(art, "vc", {"Investor"}, "Private Peak Ventures", investor_kind="vc"),
    ]
    relations = [
        relation(art, "OWNED_BY", "f", "p1", share=0.5),
        relation(art, "CONTROLLED_BY", "f", "p1", kind="equity"),
        relation(art, "OWNED_BY", "f", "p2", share=0.5),
        relation(art, "OWNED_BY", "p1", "g", share=1.0),
        relation(art, "OWNED_BY", "p2", "g", share=0.4),
        relation(art, "OWNED_BY", "p2", "h"),
        relation(art, "OWNED_BY", "a", "b", share=0.3),
        relation(art, "OWNED_BY", "b", "a", share=0.2),
        relation(art, "OWNED_BY", "b", "c", share=0.8),
        own(art, "f", "co", "A", 60_000_000),
        own(art, "vc", "co", "A", 40_000_000),
        own(art, "p1", "co", "B", 10_000_000),
        own(art, "f", "co", "B", 20_000_000),
    ]
    return Extraction(article=art, entities=entities, relations=relations)
