"""Rows (lists of dicts) as a table, JSON or CSV: the three output formats every query command shares."""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from collections.abc import Sequence
from typing import Any

FORMATS = ("table", "json", "csv")


def _columns(rows: Sequence[dict[str, Any]]) -> list[str]:
    columns: list[str] = []
    for row in rows:
        for key in row:
            if key not in columns:
                columns.append(key)
    return columns


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)


def _width(text: str) -> int:
    """Display width: CJK characters take two terminal columns."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


_JSON = json.JSONEncoder(ensure_ascii=False, indent=2, default=str)
_quote = json.encoder.encode_basestring  # the C function when there is one, as json.dumps uses it


def _json_value(value: Any, indent: str) -> str:
    """`value` as `json.dumps(value, ensure_ascii=False, indent=2, default=str)` writes it at the depth
    `indent` shows: the common values written here, anything else by json (indented to fit)."""
    kind = type(value)
    if kind is str:
        return _quote(value)
    if value is None:
        return "null"
    if kind is bool:
        return "true" if value else "false"
    if kind is int:
        return int.__repr__(value)
    if kind is float and value - value == 0.0:  # finite: json writes NaN and Infinity its own way
        return float.__repr__(value)
    if kind is list:
        if not value:
            return "[]"
        inner = indent + "  "
        try:  # names: one join (the C quoting refuses anything but a str)
            return "[\n" + inner + (",\n" + inner).join(map(_quote, value)) + "\n" + indent + "]"
        except TypeError:
            pass
        return "[\n" + ",\n".join(inner + _json_value(v, inner) for v in value) + "\n" + indent + "]"
    return _JSON.encode(value).replace("\n", "\n" + indent)


def _json_rows(rows: Sequence[dict[str, Any]]) -> str:
    """`json.dumps(list(rows), ensure_ascii=False, indent=2, default=str)`, the same text, written in a
    fraction of the time: with an indent, json encodes in Python, value by value through generators (2 s
    for the 57,000 rows of a state-capital answer at a million relations); here each row is one join."""
    if not rows:
        return "[]"
    out = []
    keys: dict[str, str] = {}  # each column's key, written once
    for row in rows:
        if type(row) is not dict or not row or not all(type(k) is str for k in row):
            out.append("  " + _JSON.encode(row).replace("\n", "\n  "))
            continue
        items = []
        for key, value in row.items():
            if key not in keys:
                keys[key] = f"    {_quote(key)}: "
            items.append(keys[key] + (_quote(value) if type(value) is str else _json_value(value, "    ")))
        out.append("  {\n" + ",\n".join(items) + "\n  }")
    return "[\n" + ",\n".join(out) + "\n]"


def render_rows(rows: Sequence[dict[str, Any]], fmt: str = "table") -> str:
    """Render rows; `json` is a JSON list of row objects, `csv` has a header line.

    Examples
    --------
    Columns of the table line up however wide the characters (a Chinese one takes two places):

    >>> rows = [{"investor": "红杉中国", "round": "B", "amount": 300000000},
    ...         {"investor": "ZhenFund", "round": "B", "amount": None}]
    >>> print(render_rows(rows))
    investor  round  amount
    --------  -----  ---------
    红杉中国  B      300000000
    ZhenFund  B
    >>> print(render_rows(rows, "csv"))
    investor,round,amount
    红杉中国,B,300000000
    ZhenFund,B,
    >>> render_rows([])
    '(no rows)'
    """
    if fmt == "json":
        return _json_rows(rows)
    columns = _columns(rows)
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(columns)
        for row in rows:
            writer.writerow([_cell(row.get(c)) for c in columns])
        return buffer.getvalue().rstrip("\n")
    if fmt != "table":
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if not rows:
        return "(no rows)"
    cells = [[_cell(row.get(c)) for c in columns] for row in rows]
    widths = [max(_width(c), *(_width(r[i]) for r in cells)) for i, c in enumerate(columns)]
    lines = ["  ".join(_pad(c, w) for c, w in zip(columns, widths, strict=True)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(_pad(v, w) for v, w in zip(r, widths, strict=True)).rstrip() for r in cells]
    return "\n".join(lines)
