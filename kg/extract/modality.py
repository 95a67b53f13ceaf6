"""How a fact is put: done, planned, reported or denied, read from the words around it.

"X拟赴港上市" is not a listing and "据报道，Y领投" is not a confirmed round: a graph that stores them as
done overstates what is known. This post-pass over the extracted relations (the rules are not touched)
sets `modality` from the sentence of each fact's evidence:

- denied: 否认, 辟谣, "denied" anywhere in the sentence ("未否认", "did not deny" are no denial);
- reported: 据报道, 据悉, 知情人士, 消息人士, "reportedly", "according to people familiar" anywhere in the
  sentence (a source named by the company, "据公司公告", is no hearsay);
- planned: 拟, 计划, 筹划, 将于/将在/即将…, "plans to", "is set to", "intends to" in the sentence up
  to the end of the fact's own words (what leads up to it, "拟完成B轮融资，由Y领投", counts; what follows,
  "递交招股书拟登陆主板" or "，资金将用于扩产", does not);
- completed otherwise, which is the default and is not written (only other values are stored).

The first of these that applies wins (a denied report is denied; a reported plan is reported).
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Sequence
from functools import lru_cache

from kg.extract.prefilter import guarded
from kg.extract.text import NormText, Sentence
from kg.model import Extraction

MODALITIES = ("completed", "planned", "reported", "denied")

_NOT_DENIED = re.compile(r"(?:未|没有|并未|不|无)否认|did not deny|didn't deny|does not deny|not denied")
_DENIED = re.compile(r"否认|辟谣|\bden(?:y|ies|ied)\b|dismissed (?:the )?reports?")
_REPORTED = guarded(re.compile(
    r"据报道|据.{0,12}?报道|据悉|据了解|知情人士|消息人士|据媒体|传闻|"
    r"\breportedly\b|according to (?:people|sources|a person|persons|media reports|a report|reports)|"
    r"people familiar with|sources (?:said|say|familiar)|\bis said to\b|\bit is understood\b"))
_PLANNED = guarded(re.compile(
    r"拟|计划|筹划|筹备|准备|有意|即将|将于|将在|将赴|将登陆|将以|将获|将完成|将成为|将出任|将担任|将加入|"
    r"将(?:入股|投资|注资|增资|认购|认缴|收购|领投|参投|跟投)|"
    r"\bplans? to\b|\bplanning to\b|\bis set to\b|\bare set to\b|\bintends? to\b|\baims? to\b|"
    r"\bseeks? to\b|\bis preparing\b|\bwill (?:list|go public|lead|invest|join|become|debut)\b|"
    r"\bis considering\b|\bis weighing\b"))


@lru_cache(maxsize=4096)
def modality_of(sentence: str, lead: str | None = None) -> str:
    """The modality of a fact in `sentence`, with `lead` the sentence up to the end of the fact's words
    (the whole sentence when not given). Text is matched in the normalised (simplified, NFKC) form,
    any case. Remembered: the facts of one sentence ask about it once each."""
    whole = sentence.lower()
    local = (lead if lead is not None else sentence).lower()
    if _DENIED.search(_NOT_DENIED.sub("", whole)):
        return "denied"
    if _REPORTED.search(whole):
        return "reported"
    if _PLANNED.search(local):
        return "planned"
    return "completed"


def add_modality(extraction: Extraction, nt: NormText, sentences: Sequence[Sentence],
                 allowed: dict[str, frozenset[str]] | None = None) -> None:
    """Set `modality` on every relation of `extraction` that is not put as done, where the ontology
    allows the key on the relation's type (`allowed`: type -> allowed keys; read from the ontology
    when not given)."""
    if allowed is None:
        from kg.ontology import load_ontology

        ontology = load_ontology()
        allowed = {name: rel.allowed_properties for name, rel in ontology.relations.items()}
    by_index = {s.index: s for s in sentences}
    for rel in extraction.relations:
        source = rel.provenance
        sentence = by_index.get(source.sentence) if source.sentence is not None else None
        if sentence is None or "modality" not in allowed.get(rel.type, frozenset()) or "modality" in rel.props:
            continue
        end = sentence.end
        if source.span_end is not None:
            end = bisect.bisect_left(nt.offsets, source.span_end)
        text = nt.text[sentence.start:sentence.end]
        value = modality_of(text, nt.text[sentence.start:max(sentence.start, min(end, sentence.end))])
        if value != "completed":
            rel.props["modality"] = value
        if value == "planned" and _days_before_the_report(rel.props.get("date"), extraction.article.published):
            # "昨晚披露…，将在主板挂牌": a day just before the report dates what was done, not what is
            # planned (a date years back says the plan is misread, and stays)
            for key in ("date", "date_precision"):
                rel.props.pop(key, None)


def _days_before_the_report(date: object, published: str | None) -> bool:
    """Whether `date` is a day in the week before the report's day ("昨晚", "前天")."""
    if not isinstance(date, str) or not published or len(date) != 10 or len(published) < 10:
        return False
    try:
        gap = (dt.date.fromisoformat(published[:10]) - dt.date.fromisoformat(date)).days
    except ValueError:
        return False
    return 0 < gap <= 7
