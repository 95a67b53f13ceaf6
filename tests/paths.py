"""Where things are, for tests in any folder of `tests/`: computed once here, so a test file that moves
to another folder keeps finding the repository's files."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent  # the repository
DATA = ROOT / "tests" / "data"  # articles and gold files written for the tests
EXAMPLES = ROOT / "examples"  # the example corpus, with its README as the oracle
ARTIFACTS = ROOT / "test-artifacts"  # screenshots and pages kept for a person to look at
KG = ROOT / "kg"  # the package's sources
SCRIPTS = ROOT / "scripts"
