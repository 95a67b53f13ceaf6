"""Occurrences of gazetteer names (known entities, longest match first)."""

from __future__ import annotations

from kg.extract.gazetteer import Gazetteer
from kg.extract.mentions.base import Occurrence
from kg.extract.text import NormText

# -- gazetteer -----------------------------------------------------------------------------------


def _gazetteer_occurrences(nt: NormText, gazetteer: Gazetteer) -> list[Occurrence]:
    out = []
    for m in gazetteer.scan(nt.text):
        out.append(
            Occurrence(
                m.start,
                m.end,
                {m.entry.type},
                "gazetteer",
                0.95,
                key=m.entry.key,
                board=m.board,
                attrs=dict(m.entry.attrs),
            )
        )
    return out
