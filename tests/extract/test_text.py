"""Text normalisation (`kg.extract.text`): offsets into the original text survive it; sentences are split
where the scripts end them; a word list is found by its automaton as by its regex."""

from __future__ import annotations

import random
import re

import pytest

from kg.extract.text import WordMatcher, longest_first, normalize_text, split_sentences


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


def test_word_matcher_finds_what_a_longest_first_alternation_finds() -> None:
    rng = random.Random(7)
    for _ in range(300):
        words = ["".join(rng.choice("abc澄湖") for _ in range(rng.randint(1, 4))) for _ in range(rng.randint(1, 8))]
        text = "".join(rng.choice("abc澄湖 x") for _ in range(rng.randint(0, 40)))
        regex = re.compile(longest_first(words))
        expected = [m.span() for m in regex.finditer(text) if m.end() > m.start()]
        assert list(WordMatcher(words).finditer(text)) == expected, (words, text)
    assert list(WordMatcher([]).finditer("abc")) == []
