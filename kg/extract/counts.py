"""Counts: paying users, users, monthly active users, customers ("付费用户超过1200万", "累计服务客户逾500家",
"12 million monthly active users"), as figures with unit `count`."""

from __future__ import annotations

from collections.abc import Sequence

from kg.extract.financials import FigureCandidate
from kg.extract.text import Sentence

__all__ = ["find_counts"]


def find_counts(text: str, sentences: Sequence[Sentence], published: str | None) -> list[FigureCandidate]:
    """Every count of users or customers in the normalised `text` (none yet)."""
    return []
