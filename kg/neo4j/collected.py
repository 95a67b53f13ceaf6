"""A query's whole answer in one record: `CALL () { <query> } RETURN collect([<its columns>])`.

Why: the Python driver reads a result one Bolt message at a time, with two socket reads per record (the
chunk's size, then the chunk), and builds a `Record` for each. At a million relations, `portfolio` of the
busiest fund returns 21,802 rows: 43,650 `recv` calls, and 0.70 s in the client against 0.35 s of work
on the server. The same rows collected into one list arrive in a few 64 KiB chunks and are decoded by
the driver's compiled unpacker in one call (0.36 s in all). kg's named queries run this way
(`kg.queries.run_neo4j`); `kg cypher` runs a user's text as written.

The columns come from the query's last top-level `RETURN` (`return_columns`): each item's `AS` alias, or
the bare variable it names. A unit subquery (`CALL () { … }`, run once) hands its rows on in the order
its `ORDER BY` gave them, and `collect` keeps that order; the parity tests compare every named query's
rows with the embedded store's, order included.
"""

from __future__ import annotations

from kg.neo4j.guard import Token, tokens

_OPEN, _CLOSE = frozenset("([{"), frozenset(")]}")
_RETURN_END = frozenset({"ORDER", "SKIP", "LIMIT", "UNION"})


def _top_level(toks: list[Token]) -> list[tuple[int, Token]]:
    """(index, token) of the tokens outside any brackets: the clauses of the outermost query."""
    depth, found = 0, []
    for i, tok in enumerate(toks):
        if tok.kind in _CLOSE:
            depth -= 1
        elif depth == 0:
            found.append((i, tok))
        if tok.kind in _OPEN:
            depth += 1
    return found


def return_columns(query: str) -> list[str]:
    """The column names of `query`'s rows, read from its last top-level `RETURN`: an item's alias
    (`c.name AS company` -> company) or the variable it is (`ties`). An item that is an expression
    without an alias (Neo4j would name it by its text) is refused: name it with `AS`."""
    toks = tokens(query)
    top = _top_level(toks)
    starts = [n for n, (_i, tok) in enumerate(top) if tok.upper == "RETURN"]
    if not starts:
        raise ValueError("the query has no top-level RETURN")
    items: list[list[Token]] = [[]]
    first = top[starts[-1]][0] + 1
    depth = 0
    for tok in toks[first:]:
        if depth == 0 and (tok.upper in _RETURN_END or tok.kind == ";"):
            break
        if depth == 0 and tok.kind == ",":
            items.append([])
            continue
        depth += (tok.kind in _OPEN) - (tok.kind in _CLOSE)
        items[-1].append(tok)
    if items[0] and items[0][0].upper == "DISTINCT":
        items[0] = items[0][1:]
    columns = []
    for item in items:
        if len(item) >= 3 and item[-2].upper == "AS" and item[-1].kind == "name":
            columns.append(item[-1].text)
        elif len(item) == 1 and item[0].kind == "name":
            columns.append(item[0].text)
        else:
            text = query[item[0].start:item[-1].end] if item else ""
            raise ValueError(f"RETURN item {text!r} has no name: give it one with AS")
    return columns


def _quoted(name: str) -> str:
    return "`" + name.replace("`", "``") + "`"


def collected_text(query: str, columns: list[str] | None = None) -> str:
    """`query` run once as a unit subquery, its rows returned as one list of lists named `rows`
    (each inner list holds the values of `columns`, by default `return_columns(query)`, in order)."""
    columns = return_columns(query) if columns is None else columns
    items = ", ".join(_quoted(c) for c in columns)
    # the query on lines of its own: a `//` comment on its last line cannot swallow the closing brace
    return f"CALL () {{\n{query}\n}}\nRETURN collect([{items}]) AS rows"
