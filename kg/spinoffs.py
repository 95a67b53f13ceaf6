"""Founder lineages derived from people: who left (or worked at, or founded) one organisation and
then founded another.

Articles rarely say "B spun off from A"; they say "B's founder X was a vice-president of A" or "X left
A in 2023 and started B". Those facts are already edges (LEFT, HOLDS_POSITION, FOUNDED), so the
lineage edge B -FOUNDED_BY_ALUMNI_OF-> A is derived from them rather than extracted, carries the people
who carried it (`via`), the date, the evidence of the edges it came from, and `derived: true` so nobody
mistakes it for a stated fact. It is not a spin-off: A took no part in founding B, its people did.
`via` holds the people's ids, as the ontology says (names are not unique; queries and views look the
names up). Stated spin-offs (脱胎于, spun out of: SPUN_OFF_FROM) stay as they are, and a pair they
already link gets no derived edge. Lineage queries and views follow both types (`LINEAGE_TYPES`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from kg.names import short_hash
from kg.terms import C, R

METHOD = "derived:founder-lineage"
#: The relationship types a lineage runs along: stated spin-offs and the founder lineages derived here.
LINEAGE_TYPES = (R.SPUN_OFF_FROM, R.FOUNDED_BY_ALUMNI_OF)
_ORIGIN_TYPES = (R.LEFT, R.HOLDS_POSITION, R.FOUNDED)


@dataclass
class _Derivation:
    people: set[str] = field(default_factory=set)
    dates: set[str] = field(default_factory=set)
    departures: set[str] = field(default_factory=set)
    sources: set[str] = field(default_factory=set)
    confidence: float = 1.0


def _before(earlier: str | None, later: str | None) -> bool | None:
    """Compare partial ISO dates at their common precision; None when either is unknown or equal."""
    if not earlier or not later:
        return None
    n = min(len(earlier), len(later))
    if earlier[:n] == later[:n]:
        return None
    return earlier[:n] < later[:n]


def _is_parent_kind(labels: list[str]) -> bool:
    """Companies, universities, labs and other organisations can be parents; exchanges cannot."""
    return C.Organization in labels and C.Exchange not in labels


def _supports(link_type: str, link_date: str | None, founded_date: str | None) -> bool:
    """Does a person's tie to the parent come before founding the child?

    Leaving is evidence enough unless the dates say the departure came after the founding; holding a
    position or founding the parent only counts when the dates show it came first.
    """
    order = _before(link_date, founded_date)
    if link_type == R.LEFT:
        return order is not False
    return order is True


def founding_dates(graph: nx.MultiDiGraph, edges: Iterable[Edge] | None = None) -> dict[str, str]:
    """When each organisation was founded, as far as any article says: the earliest date on a FOUNDED
    fact into it. One article dates a company ("成立于2021年") that another only names a co-founder
    of, so a co-founder's undated tie still has a date to be ordered by. Reads the edges of `graph`,
    or `edges` when given (every FOUNDED edge of `graph` among them).

    Examples
    --------
    >>> import networkx as nx
    >>> graph = nx.MultiDiGraph()
    >>> graph.add_node("person:li", labels=["Person"], name="李明")
    >>> graph.add_node("org:baidu", labels=["Organization", "Company"], name="百度")
    >>> graph.add_node("org:xh", labels=["Organization", "Company"], name="星衡智能")
    >>> _ = graph.add_edge("person:li", "org:baidu", type="LEFT", date="2023", sources=["a1"])
    >>> _ = graph.add_edge("person:li", "org:xh", type="FOUNDED", date="2023-06", sources=["a2"])
    >>> founding_dates(graph)
    {'org:xh': '2023-06'}
    """
    dates: dict[str, str] = {}
    for _person, org, data in graph.edges(data=True) if edges is None else edges:
        date = data.get("date")
        if data.get("type") == R.FOUNDED and date and (org not in dates or date < dates[org]):
            dates[org] = date
    return dates


#: (source, target, attributes) of an edge
Edge = tuple[str, str, dict[str, Any]]


#: More former homes than this for one founder and company is a career, not a lineage.
_MAX_PARENTS = 2


def _spun_from(
    candidates: list[tuple[str, dict[str, Any], str | None]],
) -> list[tuple[str, dict[str, Any], str | None]]:
    """Which of a founder's earlier organisations the new company came out of: one or two each do; a
    longer career ("曾任职于苹果、微软和谷歌") is a career, not a lineage, and only the homes the dates
    place before the founding count."""
    if len({c[0] for c in candidates}) <= _MAX_PARENTS:
        return candidates
    return [c for c in candidates if c[2]]


def derive_spinoffs(graph: nx.MultiDiGraph, edges: list[Edge] | None = None) -> list[tuple[str, str, dict[str, Any]]]:
    """Derived FOUNDED_BY_ALUMNI_OF edges (child, parent, properties) for the pairs no stated
    SPUN_OFF_FROM in `graph` already links. The stated SPUN_OFF_FROM and FOUNDED edges are read from
    `edges` when given (the stored relations' edges: `kg.graph.stored_edges`), else from every edge of
    `graph`; the ties of each person from the person's own edges.

    Examples
    --------
    李明 left 百度 in 2023 and founded 星衡智能 in June 2023, so 星衡智能 was founded by an alumnus of 百度:

    >>> import networkx as nx
    >>> graph = nx.MultiDiGraph()
    >>> graph.add_node("person:li", labels=["Person"], name="李明")
    >>> graph.add_node("org:baidu", labels=["Organization", "Company"], name="百度")
    >>> graph.add_node("org:xh", labels=["Organization", "Company"], name="星衡智能")
    >>> _ = graph.add_edge("person:li", "org:baidu", type="LEFT", date="2023", sources=["a1"])
    >>> _ = graph.add_edge("person:li", "org:xh", type="FOUNDED", date="2023-06", sources=["a2"])
    >>> derive_spinoffs(graph)
    [('org:xh', 'org:baidu', {'derived': True, 'via': ['person:li'], 'sources': ['a1', 'a2'], 'confidence': 0.9,
                              'method': ['derived:founder-lineage'], 'date': '2023-06'})]

    Had he left only after the founding, 百度 would be no parent:

    >>> graph.edges["person:li", "org:baidu", 0]["date"] = "2024"
    >>> derive_spinoffs(graph)
    []
    """
    stated = {(s, t) for s, t, d in (graph.edges(data=True) if edges is None else edges)
              if d.get("type") == R.SPUN_OFF_FROM}
    found: dict[tuple[str, str], _Derivation] = defaultdict(_Derivation)
    founded_on = founding_dates(graph, edges)
    for person, data in graph.nodes(data=True):
        if C.Person not in data.get("labels", []):
            continue
        ties = [(t, d) for _p, t, d in graph.out_edges(person, data=True) if d.get("type") in _ORIGIN_TYPES]
        for child, founded in ((t, d) for t, d in ties if d["type"] == R.FOUNDED):
            if C.Company not in graph.nodes[child].get("labels", []):
                continue
            child_date = founded.get("date") or founded_on.get(child)
            candidates = []
            for parent, tie in ties:
                if parent == child or (child, parent) in stated:
                    continue
                if not _is_parent_kind(graph.nodes[parent].get("labels", [])):
                    continue
                tie_date = tie.get("date") or (founded_on.get(parent) if tie["type"] == R.FOUNDED else None)
                if _supports(tie["type"], tie_date, child_date):
                    candidates.append((parent, tie, tie_date))
            for parent, tie, tie_date in _spun_from(candidates):
                d = found[(child, parent)]
                d.people.add(person)
                if child_date:
                    d.dates.add(child_date)
                elif tie["type"] == R.LEFT and tie_date:
                    d.departures.add(tie_date)  # no founding date: the departure dates the lineage
                d.sources.update(tie.get("sources", []), founded.get("sources", []))
                d.confidence = min(d.confidence, tie.get("confidence", 1.0), founded.get("confidence", 1.0))
    edges = []
    for (child, parent), d in sorted(found.items()):
        if (parent, child) in found:
            continue  # each would be the other's parent: the evidence cannot order them
        props: dict[str, Any] = {"derived": True, "via": sorted(d.people), "sources": sorted(d.sources),
                                 "confidence": round(d.confidence * 0.9, 4), "method": [METHOD]}
        if d.dates or d.departures:
            props["date"] = min(d.dates or d.departures)
        edges.append((child, parent, props))
    return edges


def derived_id(child: str, parent: str) -> str:
    """The id of the derived FOUNDED_BY_ALUMNI_OF edge child -> parent (what `kg.dump` recognises).

    Examples
    --------
    >>> derived_id("org:xh", "org:baidu")
    'db39a31aab872965b'
    """
    return "d" + short_hash(R.FOUNDED_BY_ALUMNI_OF, child, parent)


def add_derived_edge(graph: nx.MultiDiGraph, child: str, parent: str, props: dict[str, Any]) -> None:
    """Add one edge of `derive_spinoffs` to `graph`, with its id."""
    rel_id = derived_id(child, parent)
    graph.add_edge(child, parent, key=rel_id, id=rel_id, type=R.FOUNDED_BY_ALUMNI_OF, **props)


def add_derived_spinoffs(graph: nx.MultiDiGraph, edges: list[Edge] | None = None) -> int:
    """Add the derived FOUNDED_BY_ALUMNI_OF edges to `graph` (`derive_spinoffs`, which reads `edges`
    when given); returns how many were added.

    Examples
    --------
    >>> import networkx as nx
    >>> graph = nx.MultiDiGraph()
    >>> graph.add_node("person:li", labels=["Person"], name="李明")
    >>> graph.add_node("org:baidu", labels=["Organization", "Company"], name="百度")
    >>> graph.add_node("org:xh", labels=["Organization", "Company"], name="星衡智能")
    >>> _ = graph.add_edge("person:li", "org:baidu", type="LEFT", date="2023", sources=["a1"])
    >>> _ = graph.add_edge("person:li", "org:xh", type="FOUNDED", date="2023-06", sources=["a2"])
    >>> add_derived_spinoffs(graph)
    1
    >>> [(child, parent, key) for child, parent, key, kind in graph.edges(keys=True, data="type")
    ...  if kind == "FOUNDED_BY_ALUMNI_OF"]
    [('org:xh', 'org:baidu', 'db39a31aab872965b')]
    """
    derived = derive_spinoffs(graph, edges)
    for child, parent, props in derived:
        add_derived_edge(graph, child, parent, props)
    return len(derived)
