"""Figures as facts: each figure found in an article becomes a `FinancialFigure` mention FIGURE_OF the
company named nearest before it.

The finders (`financials` for sums of money, `growth` for year-on-year rates, `counts` for users and
customers) only read numbers and their metrics; which company a number belongs to, and what makes two
articles' figures one node (company, metric, period, basis, value, currency or unit), is decided here
once for all of them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from kg.extract.counts import find_counts
from kg.extract.financials import METHOD, find_figures
from kg.extract.growth import find_growth
from kg.extract.text import NormText, Sentence
from kg.figures import figure_key
from kg.model import EntityMention, Extraction, RelationMention, Source
from kg.names import normalize_name

__all__ = ["add_figures"]

_CONFIDENCE = 0.8

#: Organisation kinds that report no revenue of their own in these stories.
_NOT_A_REPORTER = {"Exchange", "University", "ResearchInstitute", "GovernmentBody", "Investor", "StateOwnedFund"}


#: A sentence opening with a word for the company of the story ("It was valued at…", "该公司营收…").
_ANAPHOR_SUBJECT = re.compile(
    # ("The Shanghai-based startup": what the company is may come first)
    r"^\W*(?:It\b|The\s+(?:[\w-]+\s+){0,2}?(?:company|firm|startup|start-up|group|carmaker|chipmaker|maker)\b|"
    r"该公司|公司|该集团|其)", re.IGNORECASE
)


#: The same subject with an aside after it: companies named in the aside are not the subject.
_ANAPHOR_ASIDE = re.compile(_ANAPHOR_SUBJECT.pattern + r"\s*,", re.IGNORECASE)


def _main_company(extraction: Extraction) -> EntityMention | None:
    """The company the article is about: named at least three times, half as often again as any other."""
    ranked = sorted(
        ((len(m.sources), i) for i, m in enumerate(extraction.entities) if "Company" in m.types),
        reverse=True,
    )
    if not ranked or ranked[0][0] < 3 or (len(ranked) > 1 and ranked[1][0] * 1.5 > ranked[0][0]):
        return None
    return extraction.entities[ranked[0][1]]


def _company(
    extraction: Extraction, start: int, sentence: int, sentence_text: str = ""
) -> EntityMention | None:
    """The company a figure at original offset `start` belongs to: the nearest company named before it,
    in its own sentence first; in a sentence that opens with "It" or "该公司" and names none before the
    figure, the company of the story (the last one named may be an investor's parent)."""
    best: tuple[tuple[int, int], EntityMention] | None = None
    for mention in extraction.entities:
        if "Person" in mention.types or "Product" in mention.types or "FinancialFigure" in mention.types:
            continue
        if "Company" not in mention.types and mention.types & _NOT_A_REPORTER:
            continue
        for src in mention.sources:
            if (src.span_end is None or src.sentence is None or src.span_end > start
                    or src.method == "implied-by-context"):
                continue
            rank = (src.sentence == sentence, src.span_end)
            if best is None or rank > best[0]:
                best = (rank, mention)
    aside = _ANAPHOR_ASIDE.match(sentence_text)  # "The startup, whose investors include X, was valued …"
    if (best is None or not best[0][0] or aside) and _ANAPHOR_SUBJECT.match(sentence_text):
        main = _main_company(extraction)
        if main is not None:
            return main
        if aside:
            return None  # the names in the aside are its backers, not the company valued
    return best[1] if best else None


def _funded_company(extraction: Extraction, sentence: int) -> EntityMention | None:
    """The company a round in `sentence` went to: a valuation said with a round ("由A领投, 投后估值
    25亿美元") is the funded company's, not the lead investor's named just before it."""
    by_handle = {m.handle: m for m in extraction.entities}
    targets = {r.target for r in extraction.relations if r.type == "INVESTED_IN" and r.provenance.sentence == sentence}
    return by_handle.get(next(iter(targets))) if len(targets) == 1 else None


def add_figures(extraction: Extraction, nt: NormText, sentences: Sequence[Sentence]) -> None:
    """Add the article's financial figures to `extraction`: one `FinancialFigure` mention per figure
    (keyed by company, metric, period, basis and value, so the same figure from several articles is
    one node with all their sources) and its `FIGURE_OF` relation to the company."""
    article = extraction.article
    article_id = article.id
    seen: set[str] = set()
    money = find_figures(nt.text, sentences, article.published)
    found = sorted([*money, *find_growth(nt.text, sentences, article.published, money),
                    *find_counts(nt.text, sentences, article.published)], key=lambda f: (f.start, f.end))
    for n, fig in enumerate(found):
        start, end = nt.span(fig.start, fig.end)
        company = _funded_company(extraction, fig.sentence.index) if fig.metric.startswith("valuation") else None
        if company is None:
            company = _company(extraction, start, fig.sentence.index, nt.text[fig.sentence.start : fig.sentence.end])
        if company is None:
            extraction.dropped.append((f"figure {article.text[start:end]}", "no company named before it"))
            continue
        if "Company" not in company.types:  # whoever reports revenue or lists shares is a company
            company.types.discard("Organization")
            company.types.add("Company")
        attrs = {"metric": fig.metric, "period": fig.period, "basis": fig.basis, "modality": fig.modality,
                 "unit": fig.unit, **fig.money.as_props()}
        key = figure_key(company.key or normalize_name(company.display_name), attrs)
        if key in seen:
            continue
        seen.add(key)
        evidence = article.text[start:end]
        sent_start, sent_end = nt.span(fig.sentence.start, fig.sentence.end)
        name = f"{company.display_name} {fig.metric} {fig.period}"
        handle = f"f{n + 1}"
        source = Source(article_id, fig.sentence.index, start, end, METHOD, _CONFIDENCE, evidence)
        extraction.entities.append(EntityMention(handle, {"FinancialFigure"}, [name], [source], key=key,
                                                 preferred=name,
                                                 attrs={k: v for k, v in attrs.items() if v is not None}))
        sentence_text = article.text[sent_start:sent_end]
        extraction.relations.append(RelationMention(
            "FIGURE_OF", handle, company.handle, {},
            Source(article_id, fig.sentence.index, start, end, METHOD, _CONFIDENCE, sentence_text[:200])))
