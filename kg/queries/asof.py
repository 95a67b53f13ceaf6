"""`--as-of DATE`: the named queries answered for a date, on both backends by one rule.

A fact counts at DATE when it had begun by then and had not ended:

- it began at its `valid_from` (a position's joining or appointment, a stake's start), else at its
  `date` (an investment, a founding, a departure), else on the first publication of an article stating
  it (what nobody dates was known from the day it was reported); a fact none of these date does not
  count;
- it ended at its `valid_to` (a position left: `kg.graph.add_tenures`), and no longer holds from then.

Dates are ISO and possibly partial; they are compared as strings, so a partial date stands for its
first day ("2023" is before "2023-06-30") on both backends alike (Cypher compares strings the same
way). DATE itself may be partial and then means the last day of its year or month: `--as-of 2022` is
the end of 2022.

Cypher twin of `holds` for a relationship `r` (each `.cypher` file spells it out, parameter `$as_of`):

    ($as_of IS NULL OR (CASE WHEN coalesce(r.valid_from, r.date) IS NULL
          THEN EXISTS { MATCH (a:Article) WHERE a.id IN [s IN coalesce(r.sources, []) | 'article:' + s]
                        AND a.published <= $as_of }
          ELSE coalesce(r.valid_from, r.date) <= $as_of END
        AND (r.valid_to IS NULL OR $as_of < r.valid_to)))

`path.cypher` collects the ids of the articles published by then first (`known`) and reads the
undated case as `any(s IN coalesce(r.sources, []) WHERE 'article:' + s IN known)`: a condition on each
relationship alone, which Neo4j's shortest-path search applies as it goes (a subquery in it would make
the planner fall back to enumerating every path).
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Mapping
from typing import Any

import networkx as nx

from kg.errors import KGError
from kg.graph import ARTICLE_PREFIX, first_seen

_ISO = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def parse_as_of(value: str | None) -> str | None:
    """The day `--as-of` stands for (YYYY-MM-DD): a year or a month is its last day."""
    if value is None:
        return None
    text = str(value).strip()
    m = _ISO.fullmatch(text)
    try:
        if m is None:
            raise ValueError(text)
        year, month, day = int(m.group(1)), int(m.group(2) or 12), m.group(3)
        last = calendar.monthrange(year, month)[1]
        number = int(day) if day else last
        if not 1 <= number <= last:
            raise ValueError(text)
    except ValueError:
        raise KGError(f"--as-of wants a date YYYY, YYYY-MM or YYYY-MM-DD, got {value!r}") from None
    return f"{year:04d}-{month:02d}-{number:02d}"


def began(graph: nx.MultiDiGraph, data: Mapping[str, Any], date: Any = None) -> str | None:
    """When a fact began: its `valid_from`, else `date` (the given one, else its own), else its first
    report."""
    start = data.get("valid_from") or date or data.get("date")
    return str(start) if start else first_seen(graph, data)


def holds(graph: nx.MultiDiGraph, data: Mapping[str, Any], as_of: str | None, date: Any = None) -> bool:
    """Does the fact of edge `data` count at `as_of` (always, when None)? `date` stands for the edge's
    own date where a query shows another (a round's most precise date)."""
    if as_of is None:
        return True
    start = began(graph, data, date)
    if start is None or start > as_of:
        return False
    end = data.get("valid_to")
    return end is None or as_of < str(end)


def reported_by(graph: nx.MultiDiGraph, sources: Any, as_of: str | None) -> list[str]:
    """The articles among `sources` published by `as_of` (all of them when None): who had reported a
    fact by then. An article of unknown publication day is left out, as it is by `holds`.

    Cypher twin (`financials.cypher`):

        COLLECT { UNWIND coalesce(r.sources, []) AS s
                  MATCH (a:Article {id: 'article:' + s}) WHERE a.published <= $as_of RETURN s }
    """
    articles = [str(s) for s in sources or ()]
    if as_of is None:
        return articles
    out = []
    for source in articles:
        node = ARTICLE_PREFIX + source
        published = graph.nodes[node].get("published") if node in graph else None
        if published and str(published) <= as_of:
            out.append(source)
    return out
