"""Table, JSON and CSV output of rows."""

from __future__ import annotations

import csv
import io
import json

import pytest

from kg.row_formats import render_rows

ROWS = [{"investor": "上海国投", "amount": 300000000, "companies": ["星衡", "极光"]},
        {"investor": "Hillhouse, \"HH\"", "amount": None, "companies": []}]


def test_json_is_a_list_of_row_objects() -> None:
    assert json.loads(render_rows(ROWS, "json")) == ROWS


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
