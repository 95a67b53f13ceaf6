"""`kg cypher --engine embedded`: a read-only Cypher subset on the store's networkx view, no server.

The query runs on grand-cypher (a Cypher interpreter over networkx), which understands MATCH patterns
with labels, relationship types, property maps and `*min..max` hops, several MATCH clauses, WHERE
(comparisons, AND/OR/NOT, IN [list], CONTAINS, STARTS/ENDS WITH, IS NULL), RETURN [DISTINCT] with
aliases, COUNT/SUM/AVG/MIN/MAX/COLLECT, toLower/toUpper/trim/size/coalesce/type, ORDER BY, SKIP and
LIMIT. It has no OPTIONAL MATCH, WITH, UNWIND, UNION, CALL, CASE, parameters or writes, and it is much
slower than plain networkx on large graphs, so this is for ad-hoc questions on a laptop, not for the
named queries (those have hand-written embedded twins in `kg.queries.embedded`).

What this module adds around it, and why:

- A lexical pass over the query (strings, backtick names, comments, `$params` told apart from query
  text) refuses writes and the unsupported clauses by name *before* anything runs, so the user learns
  "WITH is not supported, use --engine neo4j" instead of reading a parser dump.
- Parameters: grand-cypher has none, so each `$name` becomes a literal. Its string literals are
  evaluated as Python literals, so every string (a parameter, or a literal the user wrote in either
  quote style) is re-encoded here, and after parsing the literal is checked to come back as exactly one
  token at exactly its place with exactly the value given. A value that would not (or a kind of value
  the grammar has no literal for) is refused; a value is never read as query text.
- The view: nodes carry their Neo4j labels in `__labels__` and the same properties `kg load` writes
  (`id` included, nested data as JSON text), relationships their type in `__labels__`. Rows come back
  as Neo4j's would through `kg.neo4j.cypher.to_plain`: same column names (the RETURN text or alias),
  nodes as `{"_labels": [...], **props}`, relationships as `{"_type": ..., **props}`.

Known differences from Neo4j: `id(n)` returns kg's id string (Neo4j's is an internal integer; use
`n.id` on both); values are compared with Python semantics (`true = 1` holds here, not in Neo4j).
"""

from __future__ import annotations

import ast
import functools
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import networkx as nx
from lark import Lark, Token, Tree
from lark.exceptions import LarkError, UnexpectedInput

from kg.errors import KGError

Rows = list[dict[str, Any]]

_HINT = "run it with --engine neo4j (full Cypher)"
_SUBSET = ("the embedded backend runs grand-cypher's read-only Cypher subset: MATCH patterns with labels, "
           "types and *min..max hops, WHERE, RETURN [DISTINCT] ... AS, COUNT/SUM/AVG/MIN/MAX/COLLECT, "
           "ORDER BY, SKIP, LIMIT")

#: Clauses that write: the embedded view is rebuilt from the store, which only `kg build` writes.
_WRITE_WORDS = {"CREATE": "CREATE", "MERGE": "MERGE", "SET": "SET", "DELETE": "DELETE",
                "DETACH": "DETACH DELETE", "REMOVE": "REMOVE", "FOREACH": "FOREACH", "DROP": "DROP"}
#: Valid read Cypher that grand-cypher's grammar has no rule for (named here rather than left to the
#: parser, whose message would point at a character, not at the feature).
_UNSUPPORTED_WORDS = {"OPTIONAL": "OPTIONAL MATCH", "WITH": "WITH", "UNWIND": "UNWIND", "UNION": "UNION",
                      "CALL": "CALL", "CASE": "CASE", "YIELD": "YIELD", "USE": "USE", "SHOW": "SHOW"}
_AGGREGATES = ("count", "sum", "avg", "max", "min", "collect")
_CNAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
_LITERAL_TYPES = {"ESTRING", "NUMBER", "NULL", "TRUE", "FALSE"}
_CYPHER_ESCAPES = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f", "'": "'", '"': '"', "\\": "\\"}


class EmbeddedCypherError(KGError):
    """A query the embedded backend cannot run (a write, an unsupported construct, an unsafe value)."""


class _NodeProps(dict):
    """A node's attribute dict. Its own class so returned nodes are told from maps; hashed by identity
    (every node has a distinct `id`, so equal content means the same node) so DISTINCT works on nodes."""

    __hash__ = object.__hash__  # type: ignore[assignment]


class _EdgeProps(dict):
    """A relationship's attribute dict (see `_NodeProps`)."""

    __hash__ = object.__hash__  # type: ignore[assignment]


class _View(nx.MultiDiGraph):
    node_attr_dict_factory = _NodeProps
    edge_attr_dict_factory = _EdgeProps


def cypher_view(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """The store's graph as grand-cypher reads it, with the properties Neo4j would hold after `kg load`
    (`run_cypher_embedded` makes it of a view; `kg cypher` keeps it for a large store: `kg.view_cache`)."""
    from kg.neo4j.loader import neo4j_value  # the very conversion `kg load` applies

    view = _View()
    for node_id, data in graph.nodes(data=True):
        props = {k: neo4j_value(v) for k, v in data.items() if k != "labels" and v is not None}
        props["id"] = node_id
        view.add_node(node_id, __labels__=set(data.get("labels", [])), **props)
    for source, target, key, data in graph.edges(keys=True, data=True):
        props = {k: neo4j_value(v) for k, v in data.items() if k != "type" and v is not None}
        view.add_edge(source, target, key=key, __labels__={data["type"]}, **props)
    return view


# -- lexical pass ----------------------------------------------------------------------------------


@dataclass
class _Piece:
    """One lexical piece of the user's query: `kind` is code, string, name (backticks), param, comment."""

    kind: str
    start: int
    end: int
    value: Any = None


def _lex(query: str) -> list[_Piece]:
    pieces: list[_Piece] = []
    i, n, code_start = 0, len(query), 0

    def flush(upto: int) -> None:
        if upto > code_start:
            pieces.append(_Piece("code", code_start, upto))

    while i < n:
        c = query[i]
        if c in "'\"":
            flush(i)
            value, end = _read_string(query, i)
            pieces.append(_Piece("string", i, end, value))
            i = code_start = end
        elif c == "`":
            flush(i)
            name, end = _read_backticked(query, i)
            pieces.append(_Piece("name", i, end, name))
            i = code_start = end
        elif query.startswith("//", i):
            flush(i)
            end = query.find("\n", i)
            end = n if end < 0 else end
            pieces.append(_Piece("comment", i, end))
            i = code_start = end
        elif query.startswith("/*", i):
            flush(i)
            end = query.find("*/", i + 2)
            if end < 0:
                raise EmbeddedCypherError(f"unterminated /* comment at {_where(query, i)}")
            pieces.append(_Piece("comment", i, end + 2))
            i = code_start = end + 2
        elif c == "$":
            flush(i)
            if query.startswith("`", i + 1):
                name, end = _read_backticked(query, i + 1)
            else:
                match = re.compile(r"[A-Za-z_][A-Za-z0-9_]*|[0-9]+").match(query, i + 1)
                if not match:
                    raise EmbeddedCypherError(f"a '$' not followed by a parameter name at {_where(query, i)}")
                name, end = match.group(), match.end()
            pieces.append(_Piece("param", i, end, name))
            i = code_start = end
        else:
            i += 1
    flush(n)
    return pieces


def _read_string(query: str, start: int) -> tuple[str, int]:
    """A Cypher string literal (either quote) from `start`: its value and the index after it."""
    out: list[str] = []
    quote, i = query[start], start + 1
    while i < len(query):
        c = query[i]
        if c == quote:
            return "".join(out), i + 1
        if c == "\\" and i + 1 < len(query):
            e = query[i + 1]
            if e in _CYPHER_ESCAPES:
                out.append(_CYPHER_ESCAPES[e])
                i += 2
                continue
            width = {"u": 4, "U": 8}.get(e)
            digits = query[i + 2:i + 2 + width] if width else ""
            if width and re.fullmatch(r"[0-9A-Fa-f]+", digits) and len(digits) == width:
                out.append(chr(int(digits, 16)))
                i += 2 + width
                continue
            raise EmbeddedCypherError(f"invalid escape \\{e} in a string at {_where(query, i)}")
        out.append(c)
        i += 1
    raise EmbeddedCypherError(f"unterminated string starting at {_where(query, start)}")


def _read_backticked(query: str, start: int) -> tuple[str, int]:
    out, i = [], start + 1
    while i < len(query):
        if query[i] == "`":
            if query.startswith("``", i):
                out.append("`")
                i += 2
                continue
            return "".join(out), i + 1
        out.append(query[i])
        i += 1
    raise EmbeddedCypherError(f"unterminated `name` starting at {_where(query, start)}")


def _where(text: str, pos: int) -> str:
    line = text.count("\n", 0, pos) + 1
    column = pos - (text.rfind("\n", 0, pos) + 1) + 1
    return f"line {line}, column {column}"


def _check_clauses(query: str, pieces: list[_Piece], *, write: bool) -> None:
    """Refuse writes and unsupported clauses by name, looking only at query text (never inside strings,
    names, comments or parameter values)."""
    if write:
        raise EmbeddedCypherError("--write needs Neo4j: the embedded store is written only by `kg build`; "
                                  "run writes with --engine neo4j")
    # Same length as the query, non-code pieces blanked, so positions stay those of the user's text.
    chars = list(query)
    for piece in pieces:
        if piece.kind != "code":
            filler = " " if piece.kind == "comment" else "_"
            chars[piece.start:piece.end] = filler * (piece.end - piece.start)
    skeleton = "".join(chars)
    previous_word = ""
    for match in re.finditer(r"[A-Za-z_][A-Za-z0-9_]*", skeleton):
        word = match.group().upper()
        before = skeleton[:match.start()].rstrip()[-1:]
        after = skeleton[match.end():].lstrip()[:1]
        is_keyword = before not in (".", ":") and after != ":"  # not a property, label or map key
        if is_keyword and word == "LOAD" and re.match(r"\s*CSV\b", skeleton[match.end():], re.IGNORECASE):
            raise EmbeddedCypherError(f"LOAD CSV (at {_where(query, match.start())}) writes data: the embedded "
                                      f"backend is read-only; {_HINT}")
        if is_keyword and word in _WRITE_WORDS:
            raise EmbeddedCypherError(f"{_WRITE_WORDS[word]} (at {_where(query, match.start())}) writes: the "
                                      f"embedded backend is read-only (the store is written only by "
                                      f"`kg build`); {_HINT}")
        if is_keyword and word in _UNSUPPORTED_WORDS and not (word == "WITH" and previous_word in
                                                                ("STARTS", "ENDS")):
            raise EmbeddedCypherError(f"{_UNSUPPORTED_WORDS[word]} (at {_where(query, match.start())}) is not "
                                      f"supported by the embedded backend; {_HINT}")
        previous_word = word
    if re.search(r"(=|<>|!=|:)\s*null\b|\bnull\s*(=|<>|!=)", skeleton, re.IGNORECASE):
        # grand-cypher compares with Python's ==, so `x = null` is true for a missing x; in Cypher never
        raise EmbeddedCypherError(f"comparing with null (= null) gives other answers than Neo4j on the embedded "
                                  f"backend: write IS NULL, or {_HINT}")
    if re.search(r"\[\s*\]", skeleton):
        # grand-cypher reads `x IN []` as `x IN [null]`: refused rather than answered wrongly.
        raise EmbeddedCypherError(f"an empty list [] is not supported by the embedded backend; {_HINT}")


# -- literals ---------------------------------------------------------------------------------------


def cypher_literal(value: Any) -> str:
    """`value` as a literal of grand-cypher's grammar (which evaluates string tokens as Python literals).

    Strings: double quotes, with backslash, double quote and every control character escaped (so the
    literal is one line and ends only at its closing quote); everything else, CJK text included, as is.
    """
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise EmbeddedCypherError(f"{value!r} has no literal in the embedded backend's Cypher; {_HINT}")
        return repr(value)
    if isinstance(value, str):
        out = ['"']
        for ch in value:
            if ch in '"\\':
                out.append("\\" + ch)
            elif ord(ch) < 0x20 or ch in "\x7f\x85\u2028\u2029":
                out.append(f"\\u{ord(ch):04x}")
            else:
                out.append(ch)
        out.append('"')
        return "".join(out)
    if isinstance(value, list | tuple):
        if not value:
            raise EmbeddedCypherError(f"an empty list is not supported by the embedded backend; {_HINT}")
        if any(isinstance(v, list | tuple | dict) for v in value):
            raise EmbeddedCypherError(f"nested lists or maps are not supported by the embedded backend; {_HINT}")
        return "[" + ", ".join(cypher_literal(v) for v in value) + "]"
    raise EmbeddedCypherError(f"a {type(value).__name__} value has no literal in the embedded backend's "
                              f"Cypher (strings, numbers, booleans, null and lists of these); {_HINT}")


def _token_value(token: Token) -> Any:
    """What grand-cypher makes of a literal token (its transformer `eval`s ESTRING and NUMBER)."""
    if token.type in ("ESTRING", "NUMBER"):
        return ast.literal_eval(str(token))
    return {"NULL": None, "TRUE": True, "FALSE": False}[token.type]


def _same(a: Any, b: Any) -> bool:
    return type(a) is type(b) and (a == b or (isinstance(a, float) and math.isnan(a) and math.isnan(b)))


# -- rewrite ----------------------------------------------------------------------------------------


@dataclass
class _Rewrite:
    """The text handed to grand-cypher, with what was put where (for checking and error positions)."""

    text: str = ""
    #: (start in text, end in text, start in query, end in query) of each replaced piece
    spans: list[tuple[int, int, int, int]] = field(default_factory=list)
    #: (start in text, literal, value, description) of every literal that must parse back as `value`
    literals: list[tuple[int, str, Any, str]] = field(default_factory=list)

    def original(self, pos: int) -> int:
        """A position in `text` as a position in the user's query."""
        shift = 0
        for new_start, new_end, old_start, old_end in self.spans:
            if pos < new_start:
                break
            if pos < new_end:
                return old_start
            shift = old_end - new_end
        return pos + shift

    def original_end(self, end: int) -> int:
        """An end position (exclusive) in `text` as one in the user's query."""
        for new_start, new_end, _old_start, old_end in self.spans:
            if new_start < end <= new_end:
                return old_end
        return self.original(end - 1) + 1 if end > 0 else 0


def _rewrite(query: str, pieces: list[_Piece], params: dict[str, Any]) -> _Rewrite:
    out = _Rewrite()
    parts: list[str] = []
    length = 0

    def put(text: str, piece: _Piece, replaced: bool) -> None:
        nonlocal length
        if replaced:
            out.spans.append((length, length + len(text), piece.start, piece.end))
        parts.append(text)
        length += len(text)

    def put_literal(value: Any, piece: _Piece, what: str) -> None:
        literal = cypher_literal(value)
        text = f" {literal} "  # spaces: `n.x-$v` must not become `n.x--5`
        if isinstance(value, list | tuple):
            offset = length + 2
            for item in value:
                item_literal = cypher_literal(item)
                out.literals.append((offset, item_literal, item, what))
                offset += len(item_literal) + 2
        else:
            out.literals.append((length + 1, literal, value, what))
        put(text, piece, True)

    for piece in pieces:
        raw = query[piece.start:piece.end]
        if piece.kind == "code":
            # grand-cypher spells aggregates and EXISTS in capitals only; Cypher does not care
            raw = re.sub(r"\b(" + "|".join(_AGGREGATES) + r")(?=\s*\()", lambda m: m.group().upper(), raw,
                         flags=re.IGNORECASE)
            raw = re.sub(r"\bexists(?=\s*\{)", "EXISTS", raw, flags=re.IGNORECASE)
            put(raw, piece, False)
        elif piece.kind == "comment":
            put(" ", piece, True)
        elif piece.kind == "name":
            if not _CNAME.match(piece.value):
                raise EmbeddedCypherError(f"the name `{piece.value}` (at {_where(query, piece.start)}) is not a "
                                          f"plain identifier, which the embedded backend needs; {_HINT}")
            put(piece.value, piece, True)
        elif piece.kind == "string":
            put_literal(piece.value, piece, f"the string at {_where(query, piece.start)}")
        else:  # param
            if piece.value not in params:
                given = ", ".join(sorted(params)) or "none"
                raise EmbeddedCypherError(f"parameter ${piece.value} has no value: pass --param "
                                          f"{piece.value}=VALUE (given: {given})")
            value = params[piece.value]
            if value is None or (isinstance(value, list | tuple) and None in value):
                # grand-cypher compares with Python's ==: `x = null` would hold for every missing x
                raise EmbeddedCypherError(f"parameter ${piece.value} is null, which the embedded backend would "
                                          f"compare as equal to a missing property (Neo4j: never equal); "
                                          f"write IS NULL, or {_HINT}")
            put_literal(value, piece, f"parameter ${piece.value}")
    out.text = "".join(parts)
    return out


# -- parse, check, run -----------------------------------------------------------------------------


@functools.cache
def _parser() -> Lark:
    """grand-cypher's own grammar, compiled once, with positions kept (for column names and checks)."""
    from grandcypher import _GrandCypherGrammar

    return Lark(_GrandCypherGrammar.source_grammar, start="start", propagate_positions=True)


def _parse(query: str, rewrite: _Rewrite) -> Tree:
    try:
        return _parser().parse(rewrite.text)
    except UnexpectedInput as exc:
        found, at = _found(exc, rewrite.text)
        pos = len(query) if at is None else rewrite.original(at)
        line_start = query.rfind("\n", 0, pos) + 1
        line_end = query.find("\n", pos)
        line = query[line_start:line_end if line_end >= 0 else len(query)]
        caret = " " * (pos - line_start) + "^"
        raise EmbeddedCypherError(f"cannot run this query: {found} at {_where(query, pos)}\n  {line}\n  {caret}\n"
                                  f"{_SUBSET}; {_HINT}") from None
    except LarkError as exc:
        raise EmbeddedCypherError(f"cannot run this query: {exc}; {_SUBSET}; {_HINT}") from None


def _found(exc: UnexpectedInput, text: str) -> tuple[str, int | None]:
    """What the parser stumbled on, and where (in `text`; None: at the end)."""
    pos = exc.pos_in_stream
    token = getattr(exc, "token", None)
    if pos is None or pos >= len(text) or (token is not None and getattr(token, "type", "") == "$END"):
        return "unexpected end of query", None
    word = re.match(r"\w+|\S", text[pos:])
    if word is None:
        return "unexpected input", pos
    function = re.search(r"(\w+)\s*\Z", text[:pos]) if word.group() == "(" else None
    if function:  # `labels(n)`: name the function, not the parenthesis
        return f"unsupported function {function.group(1)}()", function.start(1)
    return f"unexpected {word.group()!r}", pos


def _check_literals(tree: Tree, rewrite: _Rewrite) -> None:
    """Each literal put into the text must be one token, at its place, with the value intended."""
    tokens = {t.start_pos: t for t in tree.scan_values(lambda v: isinstance(v, Token))}
    for start, literal, value, what in rewrite.literals:
        token = tokens.get(start)
        ok = (token is not None and token.type in _LITERAL_TYPES and token.end_pos == start + len(literal))
        if not ok or not _same(_token_value(token), value):  # type: ignore[arg-type]
            raise EmbeddedCypherError(f"{what} cannot be passed to the embedded backend safely "
                                      f"(its value would not be read back as given); {_HINT}")


def _return_columns(query: str, tree: Tree, rewrite: _Rewrite) -> list[tuple[str, bool]]:
    """Per RETURN item: Neo4j's column name (alias, else the expression's text as written) and whether
    it is an aggregation (grand-cypher keeps those apart)."""
    [query_node] = [t for t in tree.children if isinstance(t, Tree) and t.data == "query"]
    # the query's own RETURN, not one inside an EXISTS { ... } subquery
    clauses = [t for t in query_node.children if isinstance(t, Tree) and t.data == "return_clause"]
    columns = []
    for item in clauses[0].children if clauses else []:
        if not isinstance(item, Tree) or item.data != "return_item":
            continue
        aliases = [c for c in item.children if isinstance(c, Tree) and c.data == "alias"]
        expression = item.children[0]
        is_aggregate = isinstance(expression, Tree) and expression.data == "aggregation_function"
        if aliases:
            columns.append((str(aliases[0].children[0]), is_aggregate))
            continue
        start, end = _span(expression)
        columns.append((query[rewrite.original(start):rewrite.original_end(end)].strip(), is_aggregate))
    return columns


def _span(node: Tree | Token) -> tuple[int, int]:
    if isinstance(node, Token):
        return node.start_pos or 0, node.end_pos or 0
    return node.meta.start_pos, node.meta.end_pos


def _var_length_names(tree: Tree) -> set[str]:
    """Relationship variables with `*` hops: Neo4j returns a list of relationships for those."""
    names: set[str] = set()
    for edge in tree.find_data("edge_match"):
        tokens = [t for t in edge.scan_values(lambda v: isinstance(v, Token))]
        if any(t.type in ("MIN_HOP", "MAX_HOP") for t in tokens):
            names.update(str(t) for t in tokens if t.type == "CNAME")
    return names


def _plain(value: Any) -> Any:
    """grand-cypher's values as `to_plain` gives Neo4j's: nodes and relationships as dicts."""
    if isinstance(value, _NodeProps):
        labels = value.get("__labels__", set())
        return {"_labels": sorted(labels), **{k: v for k, v in value.items() if k != "__labels__"}}
    if isinstance(value, _EdgeProps):
        [rel_type] = value.get("__labels__") or [None]
        return {"_type": rel_type, **{k: v for k, v in value.items() if k != "__labels__"}}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def _transpose(columns: Iterable[str], values: list[list[Any]]) -> Rows:
    names = list(columns)
    return [dict(zip(names, row, strict=True)) for row in zip(*values, strict=True)]


@dataclass(frozen=True)
class PreparedCypher:
    """A query checked and parsed for the embedded backend, ready to run on a graph view."""

    tree: Tree
    columns: list[tuple[str, bool]]


def prepare_cypher_embedded(query: str, params: dict[str, Any] | None = None, *, write: bool = False) -> PreparedCypher:
    """Check and parse `query` (with `params` filled in) for the embedded backend, before any graph is read.

    Raises `EmbeddedCypherError` for what cannot run here (see `run_cypher_embedded`). `kg cypher` calls
    this before it builds the graph view, which takes a minute at a million relations: a typo is said at once.
    """
    params = params or {}
    pieces = _lex(query)
    _check_clauses(query, pieces, write=write)
    rewrite = _rewrite(query, pieces, params)
    tree = _parse(query, rewrite)
    _check_literals(tree, rewrite)
    if any(True for _ in tree.find_data("path_clause")):
        raise EmbeddedCypherError(f"named paths (p = ...) are not supported by the embedded backend; {_HINT}")
    if any(True for _ in tree.find_data("distinct_return")) and any(True for _ in tree.find_data("alias")):
        # grand-cypher 1.2 loses aliased columns under DISTINCT (KeyError) instead of answering
        raise EmbeddedCypherError(f"RETURN DISTINCT with AS aliases is not supported by the embedded backend "
                                  f"(drop the aliases, or {_HINT})")
    return PreparedCypher(tree, _return_columns(query, tree, rewrite))


def run_cypher_embedded(graph: nx.MultiDiGraph, query: str | PreparedCypher, params: dict[str, Any] | None = None, *,
                        write: bool = False) -> Rows:
    """Run a read-only Cypher `query` on the store's graph (`kg.graph.to_networkx`, or what `cypher_view`
    made of it); rows as Neo4j's.

    `params` fill `$name`s as checked literals. Raises `EmbeddedCypherError` naming what cannot run
    here (writes, OPTIONAL MATCH, WITH, UNWIND, UNION, CALL, anything else outside grand-cypher's
    grammar) and suggesting `--engine neo4j`. `query` may be the text or what `prepare_cypher_embedded`
    made of it.
    """
    from grandcypher import GrandCypherTransformer

    prepared = query if isinstance(query, PreparedCypher) else prepare_cypher_embedded(query, params, write=write)
    tree, columns = prepared.tree, prepared.columns
    transformer = GrandCypherTransformer(graph if isinstance(graph, _View) else cypher_view(graph))
    try:
        # GrandCypher.run(text) is exactly these two steps; the tree is reused rather than parsed again.
        _sorting_executor(transformer._executors[0])
        transformer.transform(tree)
        executor = transformer._executors[0]
        result = executor.returns()
    except (TypeError, ValueError, KeyError, IndexError, AssertionError, NotImplementedError,
            AttributeError) as exc:
        raise EmbeddedCypherError(f"the embedded backend could not run this query ({type(exc).__name__}: "
                                  f"{exc}); {_HINT}") from exc
    keys = _result_keys(executor, columns)
    missing = [k for k in keys if k not in result]
    if missing:
        raise EmbeddedCypherError(f"the embedded backend returned no column for {missing}; {_HINT}")
    var_length = _var_length_names(tree)
    values = []
    for key in keys:
        column = [_plain(v) for v in result[key]]
        if key in var_length:
            column = [v if isinstance(v, list) else [v] for v in column]
        values.append(column)
    return _transpose((name for name, _ in columns), values)


_RANKS: tuple[tuple[type[Any], int], ...] = (
    (dict, 0), (list, 3), (tuple, 3), (str, 6), (bool, 7), (int, 8), (float, 8))


def _order_key(value: Any) -> tuple[Any, ...]:
    """Cypher's order across types (maps, nodes, relationships, lists, strings, booleans, numbers,
    then null), so a column holding strings and nulls sorts as in Neo4j instead of failing."""
    if value is None:
        return (9,)
    if isinstance(value, _NodeProps):
        return (1, str(value.get("id", "")))
    if isinstance(value, _EdgeProps):
        return (2, str(value.get("id", "")))
    for kind, rank in _RANKS:
        if isinstance(value, kind):
            if rank == 3:
                return (3, tuple(_order_key(v) for v in value))
            if rank == 0:
                return (0,)
            if rank == 8 and math.isnan(value):
                return (8, math.inf, 1)
            return (rank, value, 0) if rank == 8 else (rank, value)
    return (5, str(value))


def _order_key_at(column: list[Any], index: int) -> tuple[Any, ...]:
    return _order_key(column[index])


def _sorting_executor(executor: Any) -> Any:
    """grand-cypher 1.2 sorts with `inf` standing for null, which fails on a string column with gaps;
    the executor keeps its behaviour but sorts with `_order_key`."""
    from grandcypher import GrandCypherExecutor

    class _Executor(GrandCypherExecutor):
        def _apply_order_by(self, results: dict[Any, list[Any]]) -> dict[Any, list[Any]]:
            if not self._order_by or not results:
                return results
            indices = list(range(len(next(iter(results.values())))))
            for field_name, direction in reversed(self._order_by):  # last key first: stable sorts compose
                column = results[self._entity2alias.get(field_name, field_name)]
                indices.sort(key=functools.partial(_order_key_at, column), reverse=direction == "DESC")
            return {key: [values[i] for i in indices] for key, values in results.items()}

    executor.__class__ = _Executor
    return executor


def _result_keys(executor: Any, columns: list[tuple[str, bool]]) -> list[Any]:
    """grand-cypher's result key for each RETURN item, in RETURN order: it lists plain items and
    aggregations separately (each in order) and renames aliased ones."""
    plain = iter(executor._return_requests)
    aggregates = iter(executor._aggregate_functions)
    keys = []
    for _name, is_aggregate in columns:
        request = str(next(aggregates)) if is_aggregate else str(next(plain))
        keys.append(executor._entity2alias.get(request, request))
    return keys
