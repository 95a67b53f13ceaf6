"""Word lists the extraction rules share: titles, surnames, organisation suffixes, regions, cues.

Kept apart from the rules so the genre's vocabulary (see CUES.md) can grow without touching code,
and apart from this module too: the lists are data, in kg/data/vocab/, one file per topic (people,
organisations, state, cues), read once at import. What is left here is what is derived from them
(alternations, compiled patterns, the region map) and the patterns whose grammar matters more than
their words (TITLE_ZH_COMPOSED, REPORTED_ZH, STATE_MARKERS_EN, STATE_CONTEXT, LEAVE_CUE_EN).

The files are TOML because the lists are explained line by line (where a word comes from, which
sentence needs it) and TOML keeps comments where JSON cannot; the standard library reads it
(tomllib), so it costs no dependency; its arrays and tables keep document order, which the tuples
(some compiled longest-first) and maps rely on; and Chinese sits in it as plain UTF-8. A file holds
only words: the shape each name takes (tuple, frozenset, alternation, map to an ontology class) is
said here by the `VocabFile` accessor that reads it, so the types importers see stay declared and
type-checked in code, and a file that disagrees (a wrong shape, an ontology class that does not
exist, a name nobody reads) fails the import with an error naming the file.

Everything here is in the matching form the rules see: simplified script, half-width punctuation.
"""

from __future__ import annotations

import re
import tomllib
from importlib.resources import files
from importlib.resources.abc import Traversable

from kg.terms import C


class VocabError(ValueError):
    """A vocabulary file that does not hold what this module reads from it: raised at import, so a typo
    in a word list stops the program instead of quietly matching less."""


class VocabFile:
    """One topic's TOML file, parsed once. Each accessor takes one name out in the shape its importers
    rely on and checks it; `close()` then fails on names nobody took, which would otherwise be a list
    edited in vain (a misspelt key)."""

    def __init__(self, source: Traversable) -> None:
        self.name = str(source)
        try:
            self._data = tomllib.loads(source.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as err:
            raise VocabError(f"{self.name}: not a UTF-8 TOML file: {err}") from None
        self._taken: set[str] = set()

    def _fail(self, key: str, problem: str) -> VocabError:
        return VocabError(f"{self.name}: {key}: {problem}")

    def _take(self, key: str) -> object:
        if key not in self._data:
            raise self._fail(key, "missing")
        self._taken.add(key)
        return self._data[key]

    def _strings(self, key: str) -> list[str]:
        value = self._take(key)
        if not isinstance(value, list) or not value or not all(isinstance(w, str) and w for w in value):
            raise self._fail(key, "must be a non-empty array of non-empty strings")
        return value

    def _table(self, key: str, value: object) -> dict[str, str]:
        if not isinstance(value, dict) or not value or not all(isinstance(v, str) and v for v in value.values()):
            raise self._fail(key, "must be a non-empty table of non-empty strings")
        return value

    def words(self, key: str) -> tuple[str, ...]:
        """An array, in its order (some tuples are compiled longest-first, some read first to last)."""
        return tuple(self._strings(key))

    def word_set(self, key: str) -> frozenset[str]:
        """An array read only for membership."""
        return frozenset(self._strings(key))

    def characters(self, key: str) -> frozenset[str]:
        """An array of strings whose characters are the members (one-character surnames, written in rows)."""
        return frozenset("".join(self._strings(key)))

    def alternation(self, key: str) -> str:
        """An array as a regex alternation, for patterns that take the words in place."""
        return "|".join(self._strings(key))

    def mapping(self, key: str) -> dict[str, str]:
        """A table of strings, in its order."""
        return dict(self._table(key, self._take(key)))

    def classes(self, key: str) -> dict[str, str]:
        """A table of names -> ontology class names, each checked against kg.terms.C: a class spelt wrong
        fails here, as `C.Compnay` fails in code."""
        table = self._table(key, self._take(key))
        for word, name in table.items():
            if name not in C:
                raise self._fail(key, f"{word!r} -> {name!r} is not a class of the ontology (kg.terms.C)")
        return {word: getattr(C, name) for word, name in table.items()}

    def tables(self, key: str) -> dict[str, dict[str, str]]:
        """A table of tables of strings (regions by government level), in their order."""
        value = self._take(key)
        if not isinstance(value, dict) or not value:
            raise self._fail(key, "must be a non-empty table of tables")
        return {sub: dict(self._table(f"{key}.{sub}", inner)) for sub, inner in value.items()}

    def close(self) -> None:
        """Fail on names in the file that no accessor took."""
        if unread := sorted(set(self._data) - self._taken):
            raise VocabError(f"{self.name}: not read by kg.extract.vocab: {', '.join(unread)}")


def topic(name: str) -> VocabFile:
    """The packaged file of one topic, kg/data/vocab/<name>.toml (found through importlib.resources, so
    an installed wheel reads it as a checkout does)."""
    return VocabFile(files("kg").joinpath("data", "vocab", f"{name}.toml"))


_people = topic("people")
_organisations = topic("organisations")
_state = topic("state")
_cues = topic("cues")

# -- people ----------------------------------------------------------------------------------------

#: Chinese titles, longest first when compiled. A title before a name ("CEO林知远") or in brackets
#: after one ("陈墨(技术副总裁)") is the main way people enter the graph.
TITLES_ZH: tuple[str, ...] = _people.words("TITLES_ZH")
#: Units of a company whose head a title names ("大模型团队负责人", "手机部总裁", "BU总裁").
UNIT_WORDS_ZH = _people.alternation("UNIT_WORDS_ZH")

#: A title built from a department and a rank ("技术副总裁", "商业化负责人").
TITLE_ZH_COMPOSED = (
    # a market the role covers may come first ("中国区技术总监", "亚太区销售副总裁")
    rf"(?:(?:{_people.alternation('TITLE_MARKETS_ZH')})区?)?"
    # (a specialist's field too: "芯片架构师", "电池工程师")
    # (never from inside a Latin word: "Apollo技术总监" is 技术总监 of the unit Apollo, not "lo技术总监")
    r"(?:(?<!公)(?!公司|该公司|本公司|其)(?:[\u4e00-\u9fff]|(?<![A-Za-z])[A-Za-z])[\u4e00-\u9fffA-Za-z]{0,3}?"
    rf"(?:{_people.alternation('TITLE_RANKS_ZH')})"
    # the head of a unit ("自动驾驶事业部总经理", "云计算部门负责人")
    rf"|(?:(?!的)[\u4e00-\u9fffA-Za-z]){{2,10}}?(?:{UNIT_WORDS_ZH})(?:副)?(?:负责人|总监|总经理|主管|总裁|院长|主任|CEO)"
    # a seat on a committee ("上市委员会副主席", "投资决策委员会委员")
    r"|(?:(?!的)[\u4e00-\u9fff]){2,4}?委员会(?:副)?(?:主席|主任|委员|秘书长))"
)

TITLES_EN: tuple[str, ...] = _people.words("TITLES_EN")
FOUNDER_TITLES = _people.word_set("FOUNDER_TITLES")

#: Short words for a kind of company before its name (创新药企, 新能源车企), which jieba splits into
#: single characters, so no word list catches them.
KIND_WORDS_ZH = f"(?:{_organisations.alternation('KIND_WORDS_ZH')})"
#: A kind word after a short description ("创新药企"), as a name's left edge reads it.
KIND_ABBREVIATION_ZH = re.compile(rf"[\u4e00-\u9fff]{{0,4}}?{KIND_WORDS_ZH}")

#: Founder titles that are also a seat held: a fund's founding partner is one of its partners.
FOUNDER_POSITIONS = _people.word_set("FOUNDER_POSITIONS")

#: Canonical spellings for titles whose many spellings mean one thing.
TITLE_CANONICAL: dict[str, str] = _people.mapping("TITLE_CANONICAL")

#: Common Chinese surnames (single and compound), to confirm a name jieba did not tag.
SURNAMES_SINGLE = _people.characters("SURNAMES_SINGLE")
SURNAMES_DOUBLE = _people.word_set("SURNAMES_DOUBLE")

#: Words that may follow a title but are not a name ("创始人之一", "CEO表示").
NOT_NAMES = _people.word_set("NOT_NAMES")

#: Words that are no name on their own but do sit inside organisation names ("Hong Kong Capital",
#: "Global AI Labs"): an English suffix name may start with them.
EN_NAME_WORDS = _people.word_set("EN_NAME_WORDS")

#: Capitalised English words that are never part of a person's name.
EN_NAME_STOP = _people.word_set("EN_NAME_STOP") | EN_NAME_WORDS

# -- organisations ---------------------------------------------------------------------------------

#: Chinese organisation suffixes -> ontology type. Strong suffixes need only a non-generic prefix;
#: weak ones (ordinary words such as 科技, 智能) also need a name-like prefix.
ZH_SUFFIX_TYPES: dict[str, str] = _organisations.classes("ZH_SUFFIX_TYPES")
ZH_WEAK_SUFFIXES = _organisations.word_set("ZH_WEAK_SUFFIXES")
#: Legal-form tails: a known name plus one of these is the same entity ("腾讯控股有限公司").
LEGAL_FORMS_ZH = _organisations.words("LEGAL_FORMS_ZH")
LEGAL_FORMS_EN = _organisations.words("LEGAL_FORMS_EN")

#: English organisation suffixes -> ontology type (matched case-sensitively, after capitalised words).
EN_SUFFIX_TYPES: dict[str, str] = _organisations.classes("EN_SUFFIX_TYPES")

#: A prefix made only of these is a description, not a name ("战略投资", "产业基金", "人工智能科技").
GENERIC_PREFIX_WORDS = _organisations.word_set("GENERIC_PREFIX_WORDS")
#: English words for a market, not a company ("Consumer Electronics" is an industry).
EN_GENERIC_HEADS = _organisations.word_set("EN_GENERIC_HEADS")

#: Words and characters a Chinese name does not cross to its left ("由红杉中国领投" starts after 由).
ZH_BOUNDARY_WORDS = _organisations.word_set("ZH_BOUNDARY_WORDS")
#: jieba POS tags that end a name on its left (prepositions, conjunctions, particles, adverbs...).
ZH_STOP_FLAGS = _organisations.word_set("ZH_STOP_FLAGS")
#: Verbs that do occur inside organisation names.
ZH_NAME_VERBS = _organisations.word_set("ZH_NAME_VERBS")
#: jieba tags of proper nouns, which make a prefix name-like.
PROPER_FLAGS = _organisations.word_set("PROPER_FLAGS")

#: Words of the press before a subject ("据报", "消息指", "市传"), which end a name on its left.
REPORTED_ZH = re.compile(r"据报道?|据悉|据了解|据称|据指|消息(?:指|称)|报道(?:指|称)|市传|传出")

#: Markers in a name that make an investor a state-capital vehicle.
STATE_MARKERS_ZH = _state.words("STATE_MARKERS_ZH")
STATE_MARKERS_EN = re.compile(
    r"industry investment fund|guidance fund|state[- ]owned|state capital|government|sovereign|municipal|"
    r"city investment|industrial investment|"
    # the pinyin of a state platform's words kept in its English name: 国投, 国控, 国信, 国资, 城投, 金控
    r"\b(?:guotou|guokong|guoxin|guozi|chengtou|jinkong)\b",
    re.IGNORECASE,
)
#: Cues around a name that mark state capital ("state-backed investors including ...").
STATE_CONTEXT = re.compile(
    r"state[- ](?:owned|backed|affiliated|run|linked|controlled)|government[- ](?:backed|owned|guidance|run)|"
    r"sovereign|municipal|地方国资|国资背景|国有资本|国资委|政府引导|国家队|国资平台|国有企业|央企|地方政府|"
    r"主权基金|主权财富基金|国资旗下|国有独资|国有控股|[省市区]属国有|[省市区]属国企",
    re.IGNORECASE,
)

#: Regions of China -> (English name, government level), for state funds named after their sponsor.
#: The file lists them by level: the ontology's gov_level (provincial, municipal, district).
REGIONS: dict[str, tuple[str, str]] = {
    name: (en, level) for level, names in _state.tables("REGIONS").items() for name, en in names.items()
}
#: Words that may sit between a region and an investor suffix in a state vehicle's name ("上海科创基金").
STATE_MIDDLE_WORDS = _state.words("STATE_MIDDLE_WORDS")

# -- cues for relations ----------------------------------------------------------------------------

LEAVE_CUE_ZH = _cues.alternation("LEAVE_CUE_ZH")
LEAVE_CUE_EN = (
    r"\b(?:left|leaves|leaving|departed|departure|quit|resigned|stepped down|exited|dismiss(?:ed|al))\b"
)
JOIN_CUE = _cues.alternation("JOIN_CUE")

for _file in (_people, _organisations, _state, _cues):
    _file.close()
del _file, _people, _organisations, _state, _cues
