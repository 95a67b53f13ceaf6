"""Table, JSON and CSV output of rows."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.row_formats import render_rows

ROWS = [{"investor": "上海国投", "amount": 300000000, "companies": ["星衡", "极光"]},
        {"investor": "Hillhouse, \"HH\"", "amount": None, "companies": []}]


def test_json_is_a_list_of_row_objects() -> None:
    assert json.loads(render_rows(ROWS, "json")) == ROWS


#: What a cell may hold: text of any script and escape, numbers of every kind json writes its own way (NaN,
#: Infinity, -0.0, big integers), booleans, lists (of names, empty, mixed), nested objects and tuples,
#: keys that are not text, and a value json writes with `str` (`default=str`).
_SCALARS = (st.text() | st.none() | st.booleans() | st.integers() | st.floats()
            | st.sampled_from([date(2025, 7, 1), "", "公司\n1", "\u2028", '"'])
            | st.lists(st.text(max_size=3), max_size=3))
_VALUES = st.recursive(_SCALARS, lambda inner: st.lists(inner, max_size=3) | st.tuples(inner, inner)
                       | st.dictionaries(st.text(max_size=2) | st.integers() | st.none(), inner, max_size=3),
                       max_leaves=8)


@given(st.lists(st.dictionaries(st.text(max_size=4), _VALUES, max_size=5) | _VALUES, max_size=4))
def test_json_is_what_json_dumps_writes(rows: list) -> None:
    """The JSON output is written row by row for speed (issue 13: 57,000 rows of a state-capital answer),
    and is byte for byte json.dumps's with an indent of 2."""
    assert render_rows(rows, "json") == json.dumps(rows, ensure_ascii=False, indent=2, default=str)


def test_json_of_lists_of_names_and_of_other_things_is_json_dumps_s() -> None:
    from enum import StrEnum

    class Kind(StrEnum):
        A = "甲"

    rows = [{"companies": ["a", "b", 3]}, {"companies": ["x", Kind.A, "y"]}, {"companies": [None, "z"]},
            {"companies": ["\u2028", '"']}]
    assert render_rows(rows, "json") == json.dumps(rows, ensure_ascii=False, indent=2, default=str)


def test_csv_round_trips_through_the_csv_module() -> None:
    parsed = list(csv.DictReader(io.StringIO(render_rows(ROWS, "csv"))))
    assert parsed[1]["investor"] == 'Hillhouse, "HH"'
    assert parsed[0]["companies"] == '["星衡", "极光"]'
    assert parsed[1]["amount"] == ""


def test_table_aligns_wide_characters() -> None:
    lines = render_rows(ROWS, "table").splitlines()
    assert lines[0].startswith("investor")
    # the amount column starts at the same display column on every line
    from kg.row_formats import _width
    starts = {_width(line[: line.index(str(v))]) for line, v in ((lines[2], 300000000),)}
    header_start = _width(lines[0][: lines[0].index("amount")])
    assert starts == {header_start}


def test_empty_result_and_unknown_format() -> None:
    assert render_rows([], "table") == "(no rows)"
    assert render_rows([], "json") == "[]"
    with pytest.raises(ValueError):
        render_rows(ROWS, "xml")
