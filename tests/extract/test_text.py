"""Text normalisation (`kg.extract.text`): offsets into the original text survive it; sentences are split
where the scripts end them."""

from __future__ import annotations

import pytest

from kg.extract.text import normalize_text, split_sentences


def test_text_normalisation_keeps_offsets() -> None:
    original = "智谱 AI 于２０２５年 12 月 19 日递表。騰訊 跟投"
    nt = normalize_text(original)
    assert nt.text == "智谱AI于2025年12月19日递表。腾讯跟投"
    start = nt.text.index("腾讯")
    assert nt.original_slice(start, start + 2) == "騰訊"
    start = nt.text.index("2025")
    assert nt.original_slice(start, start + 4) == "２０２５"


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("第一句。第二句！第三句？", 3),
        ("A; B; and C joined. Then D left.", 2),
        ("一；二", 2),
        ("Shares of Foo Inc. rose. Dec. 5 was a Friday.", 2),
        ("行一\n行二\n\n行三", 3),
    ],
)
def test_sentence_splitting(text: str, count: int) -> None:
    assert len(split_sentences(normalize_text(text).text)) == count
