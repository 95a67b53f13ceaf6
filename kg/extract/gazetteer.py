"""The gazetteer: well-known organisations, exchanges, universities and products, and a fast matcher.

A gazetteer entry pins an entity to a stable key (`hkex`, `tencent`), so every article that names it
in any script or language lands on the same node. Names are compiled once into an Aho-Corasick
automaton over the matching form of text (NFKC, simplified, layout spaces removed, lower case), so
one pass over an article finds every known name, read left to right, longest first. Latin names only match at word
boundaries, and a capitalised or acronym name does not match an all-lowercase word ("Apple" is not
"apple", "SSE" is not "sse").
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from kg.errors import KGError
from kg.extract.text import WordMatcher, normalize_text

__all__ = [
    "Gazetteer",
    "GazetteerEntry",
    "GazetteerMatch",
    "default_gazetteer",
    "load_gazetteer",
    "matching_form",
]

DEFAULT_PATH = Path(__file__).resolve().parent.parent / "data" / "gazetteer.json"
_END = "\x00"
_LATIN_ALNUM = re.compile(r"[a-z0-9]")


@dataclass(frozen=True)
class GazetteerEntry:
    """One known entity: key, ontology type, preferred display name, every known name, attributes."""

    key: str
    type: str
    preferred: str
    names: tuple[str, ...]
    attrs: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)
    developer: str | None = None


@dataclass(frozen=True)
class GazetteerMatch:
    """A name found in the matching text: [start, end), the entry, and the board if a board name."""

    start: int
    end: int
    entry: GazetteerEntry
    board: str | None = None


def matching_form(text: str) -> str:
    """The form names and texts are compared in: normalised (see `kg.extract.text`), lower case.

    Lower-casing keeps the length (per character when a character would expand), so positions in
    the matching form are positions in the normalised text.

    Examples
    --------
    >>> matching_form("Zhipu AI")
    'zhipu ai'
    >>> len(matching_form("İstanbul")) == len("İstanbul")  # İ lowers to two characters: kept as is
    True
    """
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(low if len(low := c.lower()) == 1 else c for c in text)


def _needs_exact_case(name: str) -> bool:
    """Acronyms (HKEX, SSE, CIC) must match in capitals; other Latin names in any case but lower."""
    letters = [c for c in name if c.isalpha() and c.isascii()]
    return bool(letters) and name.isupper() and len(name) <= 5


#: English legal words and their abbreviations in news copy.
_EN_LEGAL_SHORT = {"Company": ("Co",), "Corporation": ("Corp",), "Limited": ("Ltd",)}


def _registered_forms(names: Sequence[str]) -> list[str]:
    """The registered names a group's name stands for: "合肥市产业投资控股集团" is registered as
    "合肥市产业投资控股(集团)有限公司" (or "…集团有限公司", "…集团股份有限公司"); and the short forms
    of an English legal word ("… Co" for "… Company")."""
    out = []
    for name in names:
        # "Mubadala Investment Company" is written "Mubadala Investment Co" as often as in full
        for full, shorts in _EN_LEGAL_SHORT.items():
            if name.isascii() and name.endswith(" " + full):
                out += [name[: -len(full)] + short for short in shorts]
        if re.fullmatch(r"[A-Z][a-z]{2,}[A-Z][a-z]{2,}", name):
            # "TikTok" is written "Tik Tok" too, above all in Chinese copy
            out.append(re.sub(r"(?<=[a-z])(?=[A-Z])", " ", name))
        if name.endswith("集团") and len(name) > 4 and not name.isascii():
            stem = name[: -len("集团")]
            out += [f"{stem}(集团)有限公司", f"{stem}(集团)股份有限公司", f"{name}有限公司", f"{name}股份有限公司"]
    return [n for n in out if n not in names]


def _build_trie(names: list[str]) -> dict[str, Any]:
    """The names as a character trie, walked by `Gazetteer._shorter`; the scanning automaton holds the
    same names."""
    root: dict[str, Any] = {}
    for name in names:
        node = root
        for ch in name:
            node = node.setdefault(ch, {})
        node[_END] = True
    return root


class Gazetteer:
    """Entries indexed by key and by matching-form name, with a compiled longest-match scanner.

    Examples
    --------
    An acronym matches only as written in the gazetteer; other names in any script:

    >>> gazetteer = Gazetteer([
    ...     GazetteerEntry("hkex", "Exchange", "香港交易所", ("香港交易所", "港交所", "HKEX")),
    ...     GazetteerEntry("nio", "Company", "蔚来", ("蔚来", "NIO", "Nio"))])
    >>> len(gazetteer), gazetteer.lookup("hkex").preferred
    (2, '香港交易所')
    >>> text = "NIO and Nio and nio listed on HKEX, not hkex; 蔚来在港交所上市"
    >>> [(text[m.start:m.end], m.entry.key) for m in gazetteer.scan(text)]
    [('NIO', 'nio'), ('Nio', 'nio'), ('HKEX', 'hkex'), ('蔚来', 'nio'), ('港交所', 'hkex')]
    """

    def __init__(
        self, entries: list[GazetteerEntry], boards: dict[str, tuple[str, str]] | None = None
    ) -> None:
        self.entries: dict[str, GazetteerEntry] = {}
        # matching-form name -> (key, board or None, the name as written in the gazetteer)
        self.by_name: dict[str, tuple[str, str | None, str]] = {}
        # matching-form name -> every spelling the gazetteer gives it ("NIO" and "Nio"): an acronym
        # matches in one of the cases written there, not in any case
        self._spellings: dict[str, set[str]] = {}
        for entry in entries:
            if entry.key in self.entries:
                raise KGError(f"gazetteer: duplicate key {entry.key!r}")
            self.entries[entry.key] = entry
            for name in [*entry.names, *_registered_forms(entry.names)]:
                form = matching_form(normalize_text(name).text)
                if form:
                    self.by_name.setdefault(form, (entry.key, None, name))
                    self._spellings.setdefault(form, set()).add(name)
        for name, (key, board) in sorted((boards or {}).items()):
            if key not in self.entries:
                raise KGError(f"gazetteer: board {name!r} names unknown exchange {key!r}")
            form = matching_form(normalize_text(name).text)
            self.by_name[form] = (key, board, name)
        self._trie = _build_trie(sorted(self.by_name))
        # every name in one Aho-Corasick automaton (compiled): one pass over a text finds the longest
        # name at each place, which is all `scan` needs to read it left to right
        self._matcher = WordMatcher(self.by_name)

    def __len__(self) -> int:
        return len(self.entries)

    def get(self, key: str) -> GazetteerEntry | None:
        return self.entries.get(key)

    def lookup(self, name: str) -> GazetteerEntry | None:
        """The entry one name (any script, any case) refers to, if any.

        Examples
        --------
        >>> gazetteer = default_gazetteer()
        >>> [gazetteer.lookup(name).key for name in ("红杉中国", "紅杉中國", "Sequoia China", "hkex")]
        ['hongshan', 'hongshan', 'hongshan', 'hkex']
        >>> gazetteer.lookup("星衡智能") is None
        True
        """
        hit = self.by_name.get(matching_form(normalize_text(name).text))
        return self.entries[hit[0]] if hit else None

    # -- scanning ------------------------------------------------------------------------------
    def _valid(self, text: str, folded: str, start: int, end: int) -> bool:
        form = folded[start:end]
        name = self.by_name[form][2]
        if _LATIN_ALNUM.match(form[0]) and start > 0 and _LATIN_ALNUM.match(folded[start - 1]):
            return False
        if _LATIN_ALNUM.match(form[-1]) and end < len(folded) and _LATIN_ALNUM.match(folded[end]):
            return False
        surface = text[start:end]
        if _needs_exact_case(name):
            return surface == name or surface in self._spellings.get(form, ())
        has_upper = any(c.isupper() for c in name if c.isascii())
        latin = [c for c in surface if c.isascii() and c.isalpha()]
        return not (has_upper and latin and all(c.islower() for c in latin))

    def _shorter(self, text: str, folded: str, start: int, longest: int) -> int | None:
        """The longest valid name starting at `start` shorter than `longest` (trie walk), if any."""
        node: Any = self._trie  # a trie level (dict), then None past its leaves
        best: int | None = None
        for i in range(start, longest - 1):
            node = node.get(folded[i])
            if node is None:
                break
            if _END in node and self._valid(text, folded, start, i + 1):
                best = i + 1
        return best

    def scan(self, text: str) -> Iterator[GazetteerMatch]:
        """Every known name in normalised `text`, left to right, longest at each position.

        Examples
        --------
        A board's name stands for its exchange, with the board:

        >>> text = "智谱AI在科创板上市，红杉中国领投。"
        >>> [(text[m.start:m.end], m.entry.key, m.entry.type, m.board) for m in default_gazetteer().scan(text)]
        [('智谱AI', 'zhipu', 'Company', None), ('科创板', 'sse', 'Exchange', 'STAR Market'),
         ('红杉中国', 'hongshan', 'Investor', None)]
        """
        folded = matching_form(text)
        longest = self._matcher.longest_at(folded)
        pos = 0
        for start in sorted(longest):
            if start < pos:
                continue  # inside the name taken before
            end = longest[start]
            if not self._valid(text, folded, start, end):
                shorter = self._shorter(text, folded, start, end)
                if shorter is None:
                    continue
                end = shorter
            key, board, _ = self.by_name[folded[start:end]]
            yield GazetteerMatch(start, end, self.entries[key], board)
            pos = end


def _entry(raw: dict[str, Any], path: Path) -> GazetteerEntry:
    try:
        names_by_lang = raw.get("names", {})
        names = [raw["preferred"]]
        for lang in ("zh", "zh-Hant", "en", "legal"):
            names.extend(names_by_lang.get(lang, []))
        return GazetteerEntry(
            key=raw["key"],
            type=raw["type"],
            preferred=raw["preferred"],
            names=tuple(dict.fromkeys(names)),
            attrs=dict(raw.get("attrs", {})),
            developer=raw.get("developer"),
        )
    except (KeyError, TypeError) as exc:
        raise KGError(f"{path}: malformed gazetteer entry {raw!r}: {exc}") from exc


def default_gazetteer() -> Gazetteer:
    """The shipped gazetteer. To leave entries out (the ablation measure of how the rules do on
    entities the gazetteer does not know), pass `load_gazetteer(exclude=...)` to `extract`/`build`.

    Examples
    --------
    >>> entry = default_gazetteer().get("sse")
    >>> entry.type, entry.preferred, entry.names
    ('Exchange', '上海证券交易所', ('上海证券交易所', '上交所', '沪市', 'Shanghai Stock Exchange', 'SSE'))
    """
    return load_gazetteer()


@lru_cache(maxsize=8)
def load_gazetteer(path: Path | None = None, exclude: frozenset[str] = frozenset()) -> Gazetteer:
    """The gazetteer at `path` (default: the one shipped in `kg/data`), parsed and compiled once.

    Entry types are checked against the ontology, so a typo in the data file is an error here
    rather than a strange label in somebody's database. Keys in `exclude` are left out (with the
    boards of an excluded exchange).

    Examples
    --------
    >>> full = load_gazetteer()
    >>> without = load_gazetteer(exclude=frozenset({"hongshan"}))
    >>> len(full) - len(without), without.lookup("红杉中国") is None
    (1, True)
    >>> load_gazetteer() is full  # parsed and compiled once
    True
    """
    from kg.ontology import load_ontology

    path = path or DEFAULT_PATH
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise KGError(f"{path}: cannot read gazetteer: {exc}") from exc
    entries = [_entry(raw, path) for raw in doc.get("entries", []) if raw.get("key") not in exclude]
    ontology = load_ontology()
    for entry in entries:
        ontology.cls(entry.type)
    boards = {
        name: (spec["exchange"], spec["board"])
        for name, spec in doc.get("boards", {}).items()
        if spec["exchange"] not in exclude
    }
    return Gazetteer(entries, boards)
