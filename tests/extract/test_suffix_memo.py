"""The memoised suffix finder answers exactly what the plain one does.

`zh_suffix_occurrences` works each Chinese organisation suffix out on the short window of text it
reads and reuses the answer for every identical window (a fact-dense text repeats its sentences); the
plain `_zh_suffix_occurrences` reads the whole text. On real articles, on a repeated sentence and on
windows cut at every offset, both must give the same occurrences and the same dropped candidates.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.extract.gazetteer import default_gazetteer
from kg.extract.mentions.gazetteer_hits import gazetteer_occurrences
from kg.extract.mentions.orgs_zh import _zh_suffix_occurrences, zh_suffix_occurrences
from kg.extract.text import normalize_text
from kg.ingest.decode import decode_bytes
from tests import paths

ROOT = paths.ROOT
TEXTS = sorted([*ROOT.glob("examples/*.txt"), *ROOT.glob("tests/data/written/*.txt")])


def _both(text: str) -> tuple[tuple, tuple]:
    nt = normalize_text(text)
    gaz = gazetteer_occurrences(nt, default_gazetteer())
    answers = []
    for finder in (_zh_suffix_occurrences, zh_suffix_occurrences):
        dropped: list[tuple[str, str]] = []
        occs = finder(nt, gaz, dropped)
        answers.append((
            [(o.start, o.end, sorted(o.types), o.method, o.confidence, o.key, o.attrs, o.name_end) for o in occs],
            dropped,
        ))
    return answers[0], answers[1]


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.name)
def test_the_memo_finds_what_the_plain_finder_finds_in_real_articles(path: Path) -> None:
    plain, memo = _both(decode_bytes(path.read_bytes()))
    assert memo == plain


def test_the_memo_finds_what_the_plain_finder_finds_in_repeated_and_cut_text() -> None:
    """A repeated sentence (windows recur) and one article cut at many offsets (windows at the text's
    edges, known names at the window's edge, a state fund's attributes)."""
    # (a platform the gazetteer does not know, so the suffix finder reads it and its state attributes)
    sentence = "云杉资本投资了白桦科技。上海国投先导基金领投，襄阳市产业投资控股(集团)有限公司跟投。"
    plain, memo = _both(sentence * 50)
    assert memo == plain and len(plain[0]) >= 150
    text = "".join(decode_bytes(path.read_bytes()) for path in TEXTS[:6]).replace("\n", "")
    for offset in range(0, 400, 7):
        plain, memo = _both(text[offset : offset + 3000])
        assert memo == plain
