"""`kg build`: read articles, extract, resolve, record — incrementally and idempotently.

An article is identified by the hash of its text, so feeding the same article twice (even from a
different file) changes nothing; a broken file is reported with its path and reason and every other
file is still built.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from kg.errors import InputError
from kg.extract import extract
from kg.extract.gazetteer import Gazetteer
from kg.ingest.readers import iter_articles
from kg.model import Article
from kg.names import normalize_name
from kg.ontology import Ontology, load_ontology
from kg.resolve import recluster_people, resolve
from kg.store import Store, write_article

if TYPE_CHECKING:
    from kg.extract.ner import NerConfig


@dataclass
class BuildReport:
    """What one build did: counts, and every file or fact it could not take, with the reason."""

    added: int = 0
    unchanged: int = 0
    entities_seen: int = 0
    relations_seen: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)
    dropped: list[tuple[str, str, str]] = field(default_factory=list)  # (article id, item, reason)

    @property
    def ok(self) -> bool:
        return not self.failures


def add_article(
    store: Store,
    article: Article,
    ontology: Ontology | None = None,
    gazetteer: Gazetteer | None = None,
    ner: NerConfig | None = None,
) -> tuple[bool, list]:
    """Extract one article and record it. Returns (added, dropped items); (False, []) if known."""
    if store.has_article(article.id):
        return False, []
    ontology = ontology or load_ontology()
    extraction = extract(article, gazetteer=gazetteer, ner=ner)
    # resolution reads the store: it runs in the writer's transaction, so a concurrent build cannot
    # write between what this one read and what it writes
    with store.transaction() as conn:
        resolution = resolve(store, extraction, ontology)
        added = write_article(store, article, resolution.entities, resolution.relations, normalize_name)
        if added:
            recluster_people(store, conn, {e.id for e in resolution.entities if e.root == "Person" and not e.key})
    article_id = article.id
    return added, [(article_id, item, reason) for item, reason in resolution.dropped]


def build(
    store: Store,
    paths: Iterable[Path],
    *,
    article_date: str | None = None,
    progress: Callable[[Path], None] | None = None,
    gazetteer: Gazetteer | None = None,
    ner: NerConfig | None = None,
) -> BuildReport:
    """Build every article under `paths` into `store`; return what happened.

    `progress` is called once per file read (the CLI draws a progress bar with it). `gazetteer`
    replaces the shipped one (the ablation measure builds with entries left out). `ner` adds an
    optional statistical tagger's candidates to extraction (`kg.extract.ner`; off by default).
    """
    ontology = load_ontology()
    if ner is not None:
        ner.load()
    report = BuildReport()
    for path, outcome in iter_articles(paths, article_date=article_date):
        if progress:
            progress(path)
        if isinstance(outcome, InputError):
            report.failures.append((str(path), str(outcome)))
            continue
        for article in outcome:
            added, dropped = add_article(store, article, ontology, gazetteer, ner)
            report.dropped.extend(dropped)
            if added:
                report.added += 1
            else:
                report.unchanged += 1
    return report
