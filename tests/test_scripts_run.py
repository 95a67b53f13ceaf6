"""Every script in `scripts/` still starts: its imports resolve against the library and `--help` exits 0.

The benchmarks are run by hand, not by the tests, so a renamed or removed library name they import
would otherwise go unnoticed until someone needs the figures (`bench_queries.py` imported
`kg.store._dumps` for a session after it was folded into `kg.json_text`).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

SCRIPTS = sorted((Path(__file__).resolve().parents[1] / "scripts").glob("*.py"))


def test_there_are_scripts() -> None:
    assert len(SCRIPTS) >= 10


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda path: path.name)
def test_script_help_runs(script: Path) -> None:
    result = subprocess.run([sys.executable, str(script), "--help"], capture_output=True, text=True, timeout=120,
                            cwd=script.parent.parent)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "usage" in result.stdout.lower()
