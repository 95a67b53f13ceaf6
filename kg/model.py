"""The domain model: articles, what extraction found in one article, and the graph of record.

Two layers on purpose. Extraction works inside one article and speaks of *mentions* with
article-local handles; it knows nothing of ids. Resolution (`kg.resolve`) turns mentions into
*entities* with stable ids that every article, run and machine agree on. Every entity and relation
keeps the `Source` it came from, so any fact can be traced to a sentence and a character span.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

from kg.terms import R

#: Relation properties that make two relations of one type between the same pair different facts
#: (two funding rounds, two titles held); everything else is merged as attributes of one fact.
IDENTIFYING_PROPERTIES: dict[str, tuple[str, ...]] = {
    R.INVESTED_IN: ("round",),
    R.HOLDS_POSITION: ("title",),
    R.LEFT: ("title",),
    R.PARTICIPATED_IN: (),
}

#: Relation types whose facts hold for a time (`valid_from`, `valid_to`): a position, an ownership, a
#: control. Facts whose validity does not overlap are not one fact: a CEO from 2019 to 2021 and again
#: from 2024 held two positions. So the year a fact began (`period`) tells two such facts apart, and is
#: part of the fact's id only when the text gives it, which keeps the id of every fact without one.
PERIOD_TYPES = frozenset({R.HOLDS_POSITION, R.OWNED_BY, R.CONTROLLED_BY})


def period(rel_type: str, props: dict[str, Any]) -> str | None:
    """The year a fact of a period type began (its `valid_from`'s year), or None when not stated.

    The year, not the whole date: two articles dating one appointment "2019" and "2019-03" state one
    position (the finer date shows; they disagree only if the days differ, a dispute), while two
    stints begin in different years. Two stints begun within one year are the limit of this key.

    Examples
    --------
    >>> period("HOLDS_POSITION", {"title": "CEO", "valid_from": "2019-03"})
    '2019'
    >>> period("HOLDS_POSITION", {"title": "CEO"}) is None  # not stated
    True
    >>> period("INVESTED_IN", {"valid_from": "2019"}) is None  # an investment holds for no period
    True
    """
    if rel_type not in PERIOD_TYPES:
        return None
    value = props.get("valid_from")
    return str(value)[:4] if value else None


@dataclass(frozen=True)
class Source:
    """Where a fact was read: article, sentence, character span, how, and how sure we are."""

    article_id: str
    sentence: int | None
    span_start: int | None
    span_end: int | None
    method: str
    confidence: float
    evidence: str | None = None


@dataclass
class Article:
    """One news article as read from a file: decoded text plus what we know about it."""

    text: str
    path: str | None = None
    title: str | None = None
    published: str | None = None  # ISO date, possibly partial (2025-07)
    url: str | None = None
    lang: str | None = None

    @property
    def id(self) -> str:
        """The content hash: the same text is the same article, whatever file it came from.

        Examples
        --------
        >>> a = Article(text="星衡智能完成B轮融资。", published="2025-07-02")
        >>> b = Article(text="星衡智能完成B轮融资。\\r\\n", path="copy.md")
        >>> a.id, a.id == b.id
        ('ab11db06c8b1d24019984', True)
        """
        return article_id_for(self.text)


def article_id_for(text: str) -> str:
    """Stable article id from its text (line endings normalised, so CRLF copies are the same).

    Examples
    --------
    >>> article_id_for("星衡智能完成B轮融资。")
    'ab11db06c8b1d24019984'
    >>> article_id_for("line one\\r\\nline two\\n") == article_id_for("line one\\nline two")
    True
    """
    canonical = text.replace("\r\n", "\n").strip()
    return "a" + hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:20]


@dataclass
class EntityMention:
    """One entity as seen in one article, with every surface form used there.

    `handle` is local to the article; `key` is a gazetteer key when the entity is a known one, which
    pins its id. `types` are ontology class names.
    """

    handle: str
    types: set[str]
    names: list[str]
    sources: list[Source] = field(default_factory=list)
    key: str | None = None
    preferred: str | None = None
    known_aliases: list[str] = field(default_factory=list)
    attrs: dict[str, Any] = field(default_factory=dict)

    @property
    def display_name(self) -> str:
        """The name to show: the gazetteer's preferred name, else the first name the article used.

        Examples
        --------
        >>> EntityMention("e1", {"Company"}, ["星衡", "星衡智能"], preferred="星衡智能科技").display_name
        '星衡智能科技'
        >>> EntityMention("e2", {"Person"}, ["李明"]).display_name
        '李明'
        """
        return self.preferred or self.names[0]


@dataclass
class RelationMention:
    """One typed fact between two mentions of the same article, with its attributes."""

    type: str
    source: str  # handle of the subject mention
    target: str  # handle of the object mention
    props: dict[str, Any]
    provenance: Source


@dataclass
class Extraction:
    """Everything extraction found in one article, plus what it dropped and why."""

    article: Article
    entities: list[EntityMention]
    relations: list[RelationMention]
    dropped: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class Entity:
    """A node of the graph of record: one real-world thing with a stable id and all its names."""

    id: str
    types: list[str]  # most specific ontology classes
    name: str
    aliases: list[str]
    attrs: dict[str, Any]


@dataclass
class Relation:
    """An edge of the graph of record, with merged properties and every source it came from."""

    id: str
    type: str
    source: str
    target: str
    props: dict[str, Any]
    sources: list[Source]

    @property
    def confidence(self) -> float:
        """The surest of its sources' confidences (0.0 without a source).

        Examples
        --------
        >>> sources = [Source("a1", 0, 0, 5, "rule", 0.7), Source("a2", 1, 3, 9, "rule", 0.9)]
        >>> Relation("r1", "INVESTED_IN", "investor", "company", {}, sources).confidence
        0.9
        """
        return max((s.confidence for s in self.sources), default=0.0)


@dataclass(frozen=True)
class ResolvedEntity:
    """A mention with the id resolution gave it, ready to be written."""

    id: str
    root: str
    key: str | None
    name: str
    types: tuple[str, ...]
    attrs: dict[str, Any]
    names: tuple[str, ...]  # surface forms seen in the article
    known_aliases: tuple[str, ...]  # names the gazetteer knows, whether or not the text used them
    sources: tuple[Source, ...]


@dataclass(frozen=True)
class ResolvedRelation:
    """A relation between resolved entities, with the properties this one source states."""

    id: str
    type: str
    source: str
    target: str
    props: dict[str, Any]
    provenance: Source
