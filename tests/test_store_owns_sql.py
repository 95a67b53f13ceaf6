"""The store owns its SQL: no module of `kg` but `kg/store.py` and `kg/storage/` writes a statement or
runs one, so a change of schema is a change in one place (issue 14)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

KG = Path(__file__).resolve().parents[1] / "kg"
OWNERS = {KG / "store.py", *(KG / "storage").glob("*.py")}

#: a statement, as it would appear in a string (SPARQL's SELECT has no FROM on its line; Cypher's
#: DELETE takes a variable, not FROM); and a call that would run one
_SQL = re.compile(r"\bSELECT\b.*\bFROM\b|\bINSERT\b.*\bINTO\b|\bUPDATE\s+(?:OR\s+\w+\s+)?\w+\s+SET\b|\bDELETE\s+FROM\b"
                  r"|\.execute(?:many|script)?\(")


def _sql_lines(path: Path) -> list[str]:
    return [f"{path.relative_to(KG.parent)}:{n}: {line.strip()}"
            for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if _SQL.search(line)]


def test_no_sql_outside_the_store() -> None:
    found = [hit for path in sorted(KG.rglob("*.py")) if path not in OWNERS for hit in _sql_lines(path)]
    assert found == [], "SQL outside kg/store.py and kg/storage/ (make it a Store method):\n" + "\n".join(found)


@pytest.mark.parametrize("line", ['"SELECT id FROM entities"', "'INSERT OR IGNORE INTO aliases VALUES (?)'",
                                  '"UPDATE OR IGNORE aliases SET entity_id = ?"', '"DELETE FROM mentions"',
                                  "conn.execute(sql)"])
def test_the_check_sees_sql(line: str) -> None:
    assert _SQL.search(line)


def test_the_owners_do_hold_the_sql() -> None:
    assert all(_sql_lines(path) for path in OWNERS if path.name != "__init__.py")
