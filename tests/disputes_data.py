"""Dispute test data: the three invented reports of one round in tests/data/disputes (3億元 in traditional
script, a 5亿元 correction, "about 300 million yuan" in English), and a synthetic pair of articles that
disagree on a round's amount and date between hostile names (for the backends' parity)."""

from __future__ import annotations

from pathlib import Path

from kg.extract import extract
from kg.ingest.readers import read_path
from kg.model import Article, Extraction
from tests.factories import HOSTILE, mention, relation

DISPUTES_DIR = Path(__file__).parent / "data" / "disputes"
#: Four invented reports on one company's people: 总裁 and 副總裁 for one person a week apart, CTO and CFO
#: for another both from March 2026, and a chairman and CEO whose two titles agree with a later 董事長.
TITLES_DIR = Path(__file__).parent / "data" / "titles"


def dispute_articles() -> list[Extraction]:
    """The extractions of the three written reports, as `kg build` makes them."""
    return [extract(article) for path in sorted(DISPUTES_DIR.glob("*.txt")) for article in read_path(path)]


def disputed_round() -> list[Extraction]:
    """Two articles on one round of a hostile-named company: 1.2亿 on 2025-03-03 against $40M in 2025-04."""
    out = []
    for n, props in enumerate(({"amount": 120_000_000, "amount_raw": "1.2亿元", "currency": "CNY",
                                "date": "2025-03-03"},
                               {"amount": 40_000_000, "amount_raw": "$40 million", "currency": "USD",
                                "date": "2025-04"})):
        art = Article(text=f"disputed round {n}: " + " | ".join(HOSTILE), path=f"dispute-{n}.txt",
                      published=f"2025-04-0{n + 5}", lang="en")
        out.append(Extraction(article=art, entities=[
            mention(art, "c", {"Company"}, "Disputed " + HOSTILE[1]),
            mention(art, "v", {"Investor"}, "Disputed " + HOSTILE[2])],
            relations=[relation(art, "INVESTED_IN", "v", "c", round="A", role="lead", **props)]))
    return out
