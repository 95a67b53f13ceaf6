"""Name normalisation: the key under which two spellings of one name meet.

智譜 and 智谱, "Zhipu AI" and "zhipu ai", "IT 桔子" and "IT桔子" are one name to a reader; they must
be one key to the resolver, the alias index and `kg eval`. The rules follow the corpus's scoring
rules (NFKC, case-fold, traditional -> simplified, no spaces, middle dots or light punctuation).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache

import opencc

_T2S = opencc.OpenCC("t2s")
_DROP = re.compile(r"[\s·・\.\-_,'’\"“”()（）]+")
_SLUG_DROP = re.compile(r"[^\w]+", re.UNICODE)


@lru_cache(maxsize=65536)
def to_simplified(text: str) -> str:
    """Traditional -> simplified Chinese (OpenCC); other scripts pass through unchanged.

    Examples
    --------
    >>> to_simplified("智譜AI 創業")
    '智谱AI 创业'
    """
    return _T2S.convert(text)


@lru_cache(maxsize=262144)
def normalize_name(name: str) -> str:
    """The matching key of a name: NFKC, case-folded, simplified, without spaces and dots.

    Examples
    --------
    Spellings a reader takes for one name get one key:

    >>> normalize_name("Zhipu AI"), normalize_name("zhipu ai")
    ('zhipuai', 'zhipuai')
    >>> normalize_name("智譜 ·AI"), normalize_name("IT 桔子")
    ('智谱ai', 'it桔子')
    >>> normalize_name("ＡＢＣ（中国）")  # full-width letters and brackets
    'abc中国'
    """
    text = unicodedata.normalize("NFKC", name).casefold()
    return _DROP.sub("", to_simplified(text))


def slug(name: str) -> str:
    """A readable, stable id fragment: the normalised name with separators as '-'.

    Chinese characters are kept (ids are IRIs, and IRIs allow them): a slug that stays readable
    beats a hash when somebody reads a Cypher result.

    Examples
    --------
    >>> slug("Moonshot AI, Inc."), slug("智譜 華章")
    ('moonshot-ai-inc', '智谱-华章')

    A name with nothing readable left falls back to its hash:

    >>> slug("...") == short_hash("...")
    True
    """
    text = to_simplified(unicodedata.normalize("NFKC", name).casefold())
    text = _SLUG_DROP.sub("-", text).strip("-")
    return text or short_hash(name)


def short_hash(*parts: str, length: int = 16) -> str:
    """A stable hex digest of the parts (same on every run and machine).

    Examples
    --------
    >>> short_hash("a", "b")
    'f04cdced9736a69d'
    >>> short_hash("a", "b", length=8)
    'f04cdced'
    """
    h = hashlib.sha256("\x1f".join(parts).encode("utf-8"))
    return h.hexdigest()[:length]


def id_prefix(root: str) -> str:
    """`Organization` -> `organization`: ids say what kind of thing they name."""
    return root.lower()
