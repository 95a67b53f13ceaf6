"""What is text (`kg.ingest.decode`, through `kg.ingest.readers`): random bytes are never an article, real
Chinese text is read in every encoding it is saved in, UTF-16 without a byte-order mark is read, truncated
UTF-8 keeps its text."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from kg.ingest.decode import DecodeError, decode_bytes, text_problem
from kg.ingest.readers import read_file

GOOD = "2025年3月1日，云杉资本领投了白桦科技的A轮融资。"
OTHER = "2025年3月2日，青松创投投资了赤岩智能。"


@settings(max_examples=300, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), size=st.integers(64, 4096))
def test_random_bytes_are_never_an_article(seed: int, size: int) -> None:
    data = random.Random(seed).randbytes(size)
    with pytest.raises(DecodeError):
        decode_bytes(data)


COMMON = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严"  # noqa: E501


@settings(max_examples=150, deadline=None)
@given(
    text=st.text(alphabet=COMMON + "，。、：“”AI 2025", min_size=4, max_size=400).filter(
        lambda t: sum(c in COMMON for c in t) * 2 >= len(t.replace(" ", ""))),
    codec=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "gb18030", "gbk", "utf-16-le", "utf-16-be"]),
)
# UTF-16-BE bytes that GB18030 also reads as common characters among ASCII punctuation
@example(text="国只阶容区", codec="utf-16-be")
def test_real_chinese_text_is_read_in_every_encoding(text: str, codec: str) -> None:
    text = "中" + text
    data = text.encode(codec)
    if codec in ("utf-16-le", "utf-16-be"):
        # Without a byte-order mark, bytes that are also valid UTF-8 text are UTF-8 text (中三三 in
        # UTF-16-LE is "-N\tN\tN"): nothing can tell them apart, so only the others are UTF-16's.
        assume(not _is_text_as_utf8(data))
    assert decode_bytes(data) == text


def _is_text_as_utf8(data: bytes) -> bool:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return text_problem(text.replace("\r", "\n")) is None


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("text", [GOOD, "Larchwood Capital led a $20 million Series A round in Birchline."])
def test_utf16_without_a_byte_order_mark_is_read(tmp_path: Path, codec: str, text: str) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes((text + "\n").encode(codec))
    [article] = read_file(path).articles
    assert article.text == text + "\n"


def test_truncated_utf8_keeps_its_text(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes((GOOD + OTHER).encode()[:-1])
    [article] = read_file(path).articles
    assert article.text == GOOD + OTHER[:-1] + "\ufffd"
