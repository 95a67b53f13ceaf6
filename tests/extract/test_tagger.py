"""The compiled tagger reads every window as jieba.posseg does.

`kg.extract.mentions.base._tag` takes the dictionary route from rjieba and runs its own Viterbi
search over jieba's HMM tables; the finders lean on jieba's exact cuts and flags (a name jieba reads
as one '/nr' word, a preposition it glues on), so anything but identical output is a regression.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import jieba
import jieba.posseg as pseg
import pytest
from jieba.posseg import char_state_tab_P, emit_P, start_P, trans_P
from jieba.posseg.viterbi import viterbi

from kg.extract.mentions import base
from kg.extract.text import normalize_text
from kg.ingest.decode import decode_bytes
from tests import paths

ROOT = paths.ROOT
TEXTS = sorted(ROOT.glob("examples/*.txt"))


def _jieba_reading(text: str) -> list[tuple[str, str]]:
    return [(p.word, p.flag) for p in pseg.cut(text)]


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.name)
def test_windows_of_real_articles_read_as_jieba_reads_them(path: Path) -> None:
    text = normalize_text(decode_bytes(path.read_bytes())[0]).text
    pieces = [p for p in re.split(r"(?<=[。！？；\n])", text) if p.strip()]
    for piece in pieces:
        for window in (piece, piece[:12], piece[3:15]):  # short windows cut anywhere, as the finders cut them
            assert list(base._tag(window)) == _jieba_reading(window), window


def test_mixed_scripts_spaces_and_numbers_read_as_jieba_reads_them() -> None:
    for text in ["B轮融资3.5亿元", "CEO沈知微此前是云岫智能", "iPhone15 发布\r\n于x.ai公司", "A+轮 C++ 与 A1B2",
                 "２０２５年", "由川五投资", "曾任明两半导体", "  ", "x_y#z&w"]:
        assert list(base._tag(text)) == _jieba_reading(text), text


def test_the_viterbi_search_gives_jiebas_states() -> None:
    rng = random.Random(13)
    chars = "云杉白桦岚峰澄湖星川远舟启明霁栖砾岸钧两溪五源青禾北辰南汇临江德王李张刘陈由了在曾任的是和与曦晞龘"
    for _ in range(400):
        run = "".join(rng.choice(chars) for _ in range(rng.randint(1, 10)))
        assert base._viterbi(run) == viterbi(run, char_state_tab_P, start_P, trans_P, emit_P)[1], run


def test_the_viterbi_search_gives_jiebas_states_on_any_characters() -> None:
    """Rare characters too, and characters jieba's tables do not know (every state is then possible,
    and its fallback for a state no transition reaches is taken)."""
    rng = random.Random(29)
    for _ in range(300):
        run = "".join(chr(rng.randint(0x4E00, 0x9FA5)) for _ in range(rng.randint(1, 8)))
        assert base._viterbi(run) == viterbi(run, char_state_tab_P, start_P, trans_P, emit_P)[1], run


def test_frequencies_are_jiebas() -> None:
    jieba.initialize()
    freq, tags = base._dictionary()
    assert len(freq) == sum(1 for v in jieba.dt.FREQ.values() if v)
    for word in ["资本", "负责", "离职", "公司", "云", "B轮", "加盟"]:
        assert base.word_freq(word) == jieba.dt.FREQ.get(word, 0)
    assert base.word_freq("云岫") == 0
    assert tags["加盟"] == pseg.dt.word_tag_tab["加盟"]
