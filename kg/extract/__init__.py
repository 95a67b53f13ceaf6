"""Extraction: one article in, its entity mentions and typed relations out, each traced to a span.

The pipeline is plain functions over one article:

1. `text.normalize_text`: a matching form of the text (NFKC, simplified, no layout spaces) with a
   map back to the original characters, and `text.split_sentences`.
2. `mentions.find_occurrences`: gazetteer names, organisation suffixes, people by role, products,
   organisations by context (`context`: investor lists, subjects of rounds and listings, employers
   in title appositions), list members and name pairings; `mentions.group_occurrences` makes
   entities of them.
3. `relations.extract_relations`: rules over sentence skeletons for funding, IPO steps, people,
   products, spin-offs and control.
4. `pipeline.extract`: types implied by the facts (whoever invests is an Investor, whoever lists is a Company),
   facts whose ends do not fit the ontology dropped with a reason, duplicates merged, organisations
   named once in passing and in no fact dropped (`_drop_passing_mentions`), and the
   result packed as `kg.model` objects with stable, first-appearance handles.

Same input, same output: nothing depends on set order, time or randomness.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kg.extract.normalize import DateValue, Money, parse_date, parse_money
    from kg.extract.pipeline import extract

__all__ = ["DateValue", "Money", "extract", "parse_date", "parse_money"]

#: name -> module; imported on first use, so that importing a light submodule (`kg.extract.normalize`,
#: which a reader uses for publication dates) or running a build whose articles are all known does not
#: load and compile every rule (about half a second)
_EXPORTS = {"extract": "kg.extract.pipeline", "DateValue": "kg.extract.normalize", "Money": "kg.extract.normalize",
            "parse_date": "kg.extract.normalize", "parse_money": "kg.extract.normalize"}


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module 'kg.extract' has no attribute {name!r}")
    value = getattr(import_module(_EXPORTS[name]), name)
    globals()[name] = value
    return value
