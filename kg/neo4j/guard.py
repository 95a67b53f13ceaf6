"""What read-only `kg cypher` refuses to run, decided before the query runs.

A READ transaction stops `CREATE`, `SET` and `DELETE`, but not everything that matters: `LOAD CSV` reads
files and URLs from the server's side, procedures such as `dbms.listConfig` or `db.clearQueryCaches`
run in a read transaction, and administration commands (`SHOW USERS`, `CREATE USER`, `GRANT`,
`TERMINATE TRANSACTIONS`) go to the system database. Without `--write`, those are refused by two checks,
each sufficient for the cases it knows:

1. **Lexical**, before anything is sent (`check_text`): the query is cut into tokens with comments and
   string literals removed and backtick-quoted names unquoted, so neither case, line breaks, comments,
   quoting, nor the words inside a string change the verdict. It refuses `LOAD CSV`, `CALL` of any
   procedure outside `ALLOWED_PROCEDURES`, and administration commands. It gives the clear message.
2. **The server's plan** (`check_plan`): the query is sent once with `EXPLAIN`, which plans but never
   executes it, and every operator of the plan is checked (`LoadCSV`, `ProcedureCall`,
   `AdministrationCommand`, `ShowSettings`, `TerminateTransactions`…), along with the query type the
   server reports (read, write, schema). The plan is Neo4j's own reading of the text, so it cannot be
   fooled by any lexical trick the first check might miss (a parser difference, a new syntax).

Both are allow-lists where it counts: a procedure or a `SHOW` command is refused unless known harmless.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from kg.errors import CypherRefused

ALLOWED_PROCEDURES = frozenset({
    "db.labels", "db.relationshipTypes", "db.propertyKeys", "db.ping",
    "db.schema.visualization", "db.schema.nodeTypeProperties", "db.schema.relTypeProperties",
    "db.index.fulltext.queryNodes", "db.index.fulltext.queryRelationships",
    "db.index.vector.queryNodes", "db.index.vector.queryRelationships",
})
"""Procedures that only read the graph or its schema (Neo4j's `READ` mode alone is not enough:
`db.stats.clear` and `db.resampleIndex` are `READ` too). Names are case-sensitive, as in Neo4j."""

SAFE_SHOW = frozenset({"INDEX", "INDEXES", "CONSTRAINT", "CONSTRAINTS", "FUNCTION", "FUNCTIONS",
                       "PROCEDURE", "PROCEDURES"})
"""`SHOW …` commands that describe the schema; every other `SHOW` (USERS, ROLES, PRIVILEGES, DATABASES,
SETTINGS, TRANSACTIONS, SERVERS, ALIASES, CURRENT USER…) is administration."""

_SHOW_END = frozenset({"YIELD", "WHERE", "EXECUTABLE", "RETURN"})
_ADMIN_VERBS = frozenset({"ALTER", "RENAME", "GRANT", "DENY", "REVOKE", "TERMINATE", "START", "STOP",
                          "ENABLE", "DEALLOCATE", "REALLOCATE", "DRYRUN"})
_ADMIN_OBJECTS = frozenset({"USER", "USERS", "ROLE", "ROLES", "DATABASE", "DATABASES", "COMPOSITE", "ALIAS",
                            "ALIASES", "SERVER", "SERVERS", "PRIVILEGE", "PRIVILEGES"})
_SAFE_PLAN_SHOW = frozenset({"ShowIndexes", "ShowConstraints", "ShowProcedures", "ShowFunctions"})

_TOKENS = re.compile(r"""
    (?P<space>\s+)
  | (?P<comment>//[^\n\r]*|/\*.*?\*/)
  | (?P<string>'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")
  | (?P<quoted>`(?:[^`]|``)*`)
  | (?P<param>\$(?:\w+|`(?:[^`]|``)*`))
  | (?P<word>\w+)
  | (?P<other>.)
""", re.VERBOSE | re.DOTALL)


@dataclass(frozen=True)
class Token:
    """A significant piece of a query: `kind` is name, param, string, number or a punctuation mark."""

    kind: str
    text: str
    start: int
    end: int

    @property
    def upper(self) -> str:
        return self.text.upper() if self.kind == "name" else ""


def tokens(query: str) -> list[Token]:
    """The query's tokens without spaces and comments; string literals become one opaque `string` token
    and backtick-quoted names become plain names, so checks see what Neo4j's parser would see.

    An unterminated string or comment is left as code: that can only make a check stricter.
    """
    found: list[Token] = []
    for match in _TOKENS.finditer(query):
        kind = match.lastgroup or "other"
        text = match.group()
        if kind in ("space", "comment"):
            continue
        if kind == "quoted":
            kind, text = "name", text[1:-1].replace("``", "`")
        elif kind == "word":
            kind = "number" if text[0].isdigit() else "name"
        elif kind == "other":
            kind = text
        found.append(Token(kind, text, match.start(), match.end()))
    return found


def _refuse(what: str) -> CypherRefused:
    return CypherRefused(f"read-only query refused: {what}; add --write to run it")


def check_text(query: str) -> None:
    """Refuse, before sending, `LOAD CSV`, a procedure outside the allow-list, or an administration
    command. Raises `CypherRefused` naming what was found and `--write`."""
    toks = tokens(query)
    _check_head(toks[_head(toks):])
    for i, tok in enumerate(toks):
        if tok.upper == "LOAD" and i + 1 < len(toks) and toks[i + 1].upper == "CSV":
            raise _refuse("LOAD CSV reads files and URLs on the server")
        if tok.upper == "CALL" and (i == 0 or toks[i - 1].kind != "."):
            name = _procedure_name(toks, i + 1)
            if name is not None and name not in ALLOWED_PROCEDURES:
                raise _refuse(f"procedure {name} is not one of the read-only procedures "
                              f"({', '.join(sorted(ALLOWED_PROCEDURES))})")


def _head(toks: list[Token]) -> int:
    """Index of the statement's first clause, past `CYPHER` options, `EXPLAIN`/`PROFILE` and `USE graph`."""
    i = 0
    if i < len(toks) and toks[i].upper == "CYPHER":
        i += 1
        while i < len(toks) and (toks[i].kind == "number" or (i + 1 < len(toks) and toks[i + 1].kind == "=")):
            i += 1 if toks[i].kind == "number" else 3
    if i < len(toks) and toks[i].upper in ("EXPLAIN", "PROFILE"):
        i += 1
    if i < len(toks) and toks[i].upper == "USE":
        i += 2
        while i + 1 < len(toks) and toks[i].kind == ".":
            i += 2
        if i < len(toks) and toks[i].kind == "(":
            depth = 0
            while i < len(toks):
                depth += {"(": 1, ")": -1}.get(toks[i].kind, 0)
                i += 1
                if depth == 0:
                    break
    return min(i, len(toks))


def _check_head(toks: list[Token]) -> None:
    words = [t.upper for t in toks[:4]]
    if not words or not words[0]:
        return
    verb = words[0]
    if verb == "SHOW":
        shown = [t.upper for t in _until(toks[1:], _SHOW_END)]
        if not shown or shown[-1] not in SAFE_SHOW:
            raise _refuse(f"SHOW {' '.join(w for w in shown if w)} is an administration command")
    elif verb in _ADMIN_VERBS:
        raise _refuse(f"{verb} is an administration command")
    elif verb in ("CREATE", "DROP"):
        rest = words[1:]
        if rest[:2] == ["OR", "REPLACE"]:
            rest = rest[2:]
        if rest and rest[0] in _ADMIN_OBJECTS:
            raise _refuse(f"{verb} {rest[0]} is an administration command")


def _until(toks: list[Token], stop: frozenset[str]) -> Iterator[Token]:
    for tok in toks:
        if tok.kind != "name" or tok.upper in stop:
            return
        yield tok


def _procedure_name(toks: list[Token], i: int) -> str | None:
    """The procedure a `CALL` at `toks[i-1]` names, or None for a subquery (`CALL {`, `CALL (x) {`).

    A single name not followed by `(` is not taken for a call: `RETURN call LIMIT 1` names a variable.
    """
    parts: list[str] = []
    while i < len(toks) and toks[i].kind == "name":
        parts.append(toks[i].text)
        i += 1
        if i + 1 < len(toks) and toks[i].kind == "." and toks[i + 1].kind == "name":
            i += 1
            continue
        break
    if not parts:
        return None
    if len(parts) == 1 and not (i < len(toks) and toks[i].kind == "("):
        return None
    return ".".join(parts)


def explain_text(query: str) -> str:
    """`query` prefixed with `EXPLAIN` (a user's own `EXPLAIN`/`PROFILE` removed, as Neo4j takes one)."""
    toks = tokens(query)
    head = _head(toks)
    for tok in toks[:head]:
        if tok.upper in ("EXPLAIN", "PROFILE"):
            query = query[:tok.start] + " " * (tok.end - tok.start) + query[tok.end:]
    return "EXPLAIN " + query


def check_plan(plan: Mapping[str, Any] | None, query_type: str | None) -> None:
    """Refuse a query whose `EXPLAIN` plan loads CSV, calls a procedure outside the allow-list, runs an
    administration command, or whose type is not read-only (`r`)."""
    for operator, details in _operators(plan):
        if operator.lower() == "loadcsv":
            raise _refuse("LOAD CSV reads files and URLs on the server")
        if "Procedure" in operator and operator not in _SAFE_PLAN_SHOW:
            name = details.split("(", 1)[0].strip().replace("`", "")
            if name not in ALLOWED_PROCEDURES:
                raise _refuse(f"procedure {name or '?'} is not one of the read-only procedures")
        elif operator == "AdministrationCommand" or (
                operator.startswith(("Show", "Terminate")) and operator not in _SAFE_PLAN_SHOW):
            raise _refuse(f"the plan runs an administration command ({operator})")
    if query_type in ("w", "rw"):
        raise _refuse("this query writes")
    if query_type == "s":
        raise _refuse("this query changes the schema or the system")


def _operators(plan: Mapping[str, Any] | None) -> Iterator[tuple[str, str]]:
    """(operator, details) for every operator of the plan, `@database` suffixes removed."""
    stack = [plan] if plan else []
    while stack:
        node = stack.pop()
        operator = str(node.get("operatorType", "")).split("@", 1)[0]
        details = str((node.get("args") or {}).get("Details", ""))
        yield operator, details
        stack.extend(node.get("children") or [])
