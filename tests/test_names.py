"""`kg.names`: the key two spellings of one name meet under (`normalize_name`), traditional to simplified
Chinese (`to_simplified`), readable id fragments (`slug`) and stable digests (`short_hash`). Each rule has
a near miss: what looks alike but is another name stays another key."""

from __future__ import annotations

import hashlib
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.names import normalize_name, short_hash, slug, to_simplified

# Letters, digits and simplified characters OpenCC leaves as they are (alone or side by side), so a
# property about separators or case is not confounded by a phrase conversion.
_ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789智谱星衡资本科技创投"
_PLAIN = st.text(alphabet=_ALPHABET, min_size=1, max_size=30)
_SEPARATORS = st.sampled_from([" ", "  ", "·", "・", ".", "-", "_", ",", "'", "’", '"', "“", "”", "(", ")", "（", "）",
                               "\t", "\n", "\u3000"])


# -- to_simplified ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("traditional", "simplified"), [("智譜", "智谱"), ("騰訊", "腾讯"), ("證交所", "证交所"),
                                                         ("雲棧科技", "云栈科技")])
def test_traditional_characters_become_simplified(traditional: str, simplified: str) -> None:
    assert to_simplified(traditional) == simplified


@pytest.mark.parametrize("text", ["智谱", "腾讯", "Zhipu AI", "IT 桔子", "2025年"])
def test_simplified_and_latin_text_pass_through_unchanged(text: str) -> None:
    """The near miss: nothing else changes, not even the case or the spaces."""
    assert to_simplified(text) == text


# -- normalize_name ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("one", "other"), [
    ("智譜", "智谱"),  # traditional and simplified
    ("Zhipu AI", "zhipu ai"),  # case
    ("IT 桔子", "IT桔子"),  # spaces
    ("ＡＢＣ资本", "ABC资本"),  # full-width letters (NFKC)
    ("埃隆·马斯克", "埃隆马斯克"),  # a middle dot
    ("Z.ai", "ZAI"),  # dots
    ("Lanfeng (HK)", "lanfeng hk"),  # brackets
    ("O’Neil Capital", "ONeil Capital"),  # a typographic apostrophe
    ("Straße", "STRASSE"),  # case folding, not lower-casing
])
def test_spellings_of_one_name_have_one_key(one: str, other: str) -> None:
    assert normalize_name(one) == normalize_name(other)


@pytest.mark.parametrize(("one", "other"), [
    ("智谱", "智普"),  # one character apart
    ("字节跳动", "字节跳动科技"),  # a suffix is part of the name
    ("A&B Capital", "AB Capital"),  # an ampersand is not light punctuation
    ("3M", "M"),  # digits count
    ("Series A", "Series B"),
])
def test_names_that_only_look_alike_keep_their_own_keys(one: str, other: str) -> None:
    assert normalize_name(one) != normalize_name(other)


def test_the_key_is_what_the_docstring_says() -> None:
    assert normalize_name("  智譜 AI ") == "智谱ai"
    assert normalize_name("") == ""


@given(st.text(max_size=60))
def test_a_key_never_holds_spaces_or_light_punctuation(name: str) -> None:
    assert not re.search(r"[\s·・\.\-_,'’\"“”()（）]", normalize_name(name))


@given(_PLAIN, st.lists(st.tuples(st.integers(0, 30), _SEPARATORS), max_size=5))
def test_separators_anywhere_leave_the_key_alone(name: str, cuts: list[tuple[int, str]]) -> None:
    spaced = name
    for at, separator in cuts:
        at = min(at, len(spaced))
        spaced = spaced[:at] + separator + spaced[at:]
    assert normalize_name(spaced) == normalize_name(name)


@given(_PLAIN)
def test_case_and_width_leave_the_key_alone(name: str) -> None:
    wide = "".join(chr(ord(c) + 0xFEE0) if c.isascii() else c for c in name)
    assert normalize_name(name.upper()) == normalize_name(name.lower()) == normalize_name(wide)


@given(_PLAIN)
def test_normalising_a_key_again_changes_nothing(name: str) -> None:
    key = normalize_name(name)
    assert normalize_name(key) == key


# -- slug ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "expected"), [
    ("Zhipu AI", "zhipu-ai"),
    ("智譜 AI", "智谱-ai"),  # Chinese kept (simplified), separators one '-'
    ("  Sequoia Capital / China  ", "sequoia-capital-china"),  # none at either end
    ("ＡＢＣ", "abc"),
])
def test_a_slug_is_the_readable_name(name: str, expected: str) -> None:
    assert slug(name) == expected


def test_a_slug_keeps_the_separators_a_key_drops() -> None:
    """The near miss: a slug is not the matching key (the words stay apart)."""
    assert slug("Zhipu AI") != normalize_name("Zhipu AI")


@pytest.mark.parametrize("name", ["", "  ", "·—·", "!!!"])
def test_a_name_with_nothing_readable_gets_a_stable_hash(name: str) -> None:
    assert slug(name) == short_hash(name)
    assert re.fullmatch(r"[0-9a-f]{16}", slug(name))


@given(st.text(max_size=40))
def test_a_slug_is_never_empty_and_never_starts_or_ends_with_a_dash(name: str) -> None:
    fragment = slug(name)
    assert fragment and not fragment.startswith("-") and not fragment.endswith("-")
    assert "--" not in fragment
    assert slug(name) == fragment


# -- short_hash -----------------------------------------------------------------------------------------


def test_a_short_hash_is_the_start_of_the_sha256_of_the_parts() -> None:
    assert short_hash("a", "b") == hashlib.sha256(b"a\x1fb").hexdigest()[:16]
    assert short_hash("a", "b", length=8) == short_hash("a", "b")[:8]


def test_parts_are_kept_apart_in_a_short_hash() -> None:
    """The near miss: the same characters split differently are different parts."""
    assert short_hash("ab", "c") != short_hash("a", "bc")
    assert short_hash("abc") != short_hash("ab", "c")
