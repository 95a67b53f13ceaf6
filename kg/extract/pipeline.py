"""The extraction pipeline (`extract`): one article in, its entity mentions and typed relations out,
each traced to a span. The steps are listed in the package's docstring (`kg.extract`)."""

from __future__ import annotations

import bisect
import re
from collections import Counter
from typing import TYPE_CHECKING, Any

from kg.extract.figure_facts import add_figures
from kg.extract.gazetteer import Gazetteer, default_gazetteer
from kg.extract.mentions import Occurrence, find_occurrences, group_occurrences, root_of
from kg.extract.modality import add_modality
from kg.extract.normalize import DateValue, Money, parse_date, parse_money
from kg.extract.relations import EntityView, RelationCandidate, extract_relations
from kg.extract.text import NormText, normalize_text, split_sentences
from kg.model import IDENTIFYING_PROPERTIES, Article, EntityMention, Extraction, RelationMention, Source, period
from kg.names import normalize_name
from kg.terms import C, R

if TYPE_CHECKING:
    from kg.extract.ner import NerConfig

__all__ = ["DateValue", "Money", "extract", "parse_date", "parse_money"]

_EVIDENCE_CHARS = 200
#: Organisation types that cannot raise a round or list shares.
_NOT_A_COMPANY = {C.Exchange, C.University, C.ResearchInstitute, C.GovernmentBody}


def _ontology_props(types: set[str]) -> frozenset[str]:
    from kg.ontology import load_ontology

    return load_ontology().node_properties(types)


def _tidy_types(types: set[str]) -> set[str]:
    """Drop the generic Organization when a more specific organisation type is known."""
    if root_of(types) == C.Organization and len(types) > 1:
        types = types - {C.Organization}
    return types


def _fit_relation(rel: RelationCandidate, types: dict[int, set[str]]) -> str | None:
    """Adjust endpoint types a fact implies; return a reason when the fact cannot stand."""
    src, dst = types[rel.source], types[rel.target]
    src_root, dst_root = root_of(src), root_of(dst)
    if rel.type == R.INVESTED_IN:
        if src_root != C.Organization or dst_root != C.Organization:
            return "investor or company is not an organisation"
        if src & {C.Exchange, C.University, C.GovernmentBody}:
            return "an exchange, university or agency does not invest in rounds here"
        if dst & _NOT_A_COMPANY:
            return "the funded party is not a company"
        if not (src & {C.Investor, C.StateOwnedFund}):
            src.add(C.Investor)
        dst.add(C.Company)
        return None
    if rel.type in (R.FILED_FOR_IPO, R.PASSED_LISTING_HEARING, R.LISTED_ON):
        if src_root != C.Organization or src & _NOT_A_COMPANY:
            return "the listing party is not a company"
        if C.Exchange not in dst:
            return "the listing venue is not an exchange"
        src.add(C.Company)
        return None
    if rel.type in (R.FOUNDED, R.HOLDS_POSITION, R.LEFT):
        if src_root != C.Person or dst_root != C.Organization:
            return "needs a person and an organisation"
        return None
    if rel.type == R.SPUN_OFF_FROM:
        if src_root != C.Organization or dst_root != C.Organization or src & _NOT_A_COMPANY:
            return "needs a company and an organisation"
        src.add(C.Company)
        return None
    if rel.type == R.DEVELOPS:
        if src_root != C.Organization or dst_root != C.Product:
            return "needs an organisation and a product"
        return None
    if rel.type in (R.CONTROLLED_BY, R.OWNED_BY):
        if src_root != C.Organization or dst_root not in (C.Organization, C.Person):
            return "needs an organisation owned by an organisation or a person"
        return None
    return f"unknown relation type {rel.type}"


def _fold_props(kept: dict[str, Any], extra: dict[str, Any]) -> None:
    """Adds what `extra` knows and `kept` does not; a date that refines kept's ("2025-06-09" for
    "2025", a headline's "今年") replaces it, since both say when the one fact happened."""
    date, kept_date = extra.get("date"), kept.get("date")
    if isinstance(date, str) and isinstance(kept_date, str) and len(date) > len(kept_date) > 0 and (
        date.startswith(kept_date)
    ):
        kept["date"] = date
        if "date_precision" in extra:
            kept["date_precision"] = extra["date_precision"]
    for k, v in extra.items():
        kept.setdefault(k, v)


#: The method of a sum the text ties to one investor ("其中A出资2亿元"; `kg.graph.OWN_AMOUNT_METHOD`).
_OWN_SUM_METHOD = "funding-contribution"


#: The properties a sum fills (`Money.as_props`).
_MONEY_PROPS = ("amount", "currency", "amount_low", "amount_high", "amount_precision", "amount_raw")


def _has_money(props: dict[str, Any]) -> bool:
    return any(props.get(k) is not None for k in ("amount", "amount_low", "amount_high"))


def _fold_sum_method(kept: RelationCandidate, extra: RelationCandidate) -> None:
    """"由A、B共同领投…其中A出资2亿元": the lead fact takes its sum from the contribution, and with it the
    contribution's method, which is what tells the views the sum is A's own and not the round's."""
    if extra.method != _OWN_SUM_METHOD or not _has_money(extra.props) or kept.method == _OWN_SUM_METHOD:
        return
    if _has_money(kept.props):
        # "a $700 million round led by A … A contributed $300 million": the lead's own cheque, not the
        # round's total, is what A put in
        for key in _MONEY_PROPS:
            kept.props.pop(key, None)
        kept.props.update({k: v for k, v in extra.props.items() if k in _MONEY_PROPS})
    kept.method = _OWN_SUM_METHOD


def _merge_relations(
    rels: list[RelationCandidate], dropped: list[tuple[str, str]], label: Any
) -> list[RelationCandidate]:
    """One fact per (type, ends, identifying properties, year it began); a fact without a round or
    title joins the one with it, and one without a start joins the one same-titled fact with one; a
    position also reported as left is kept only as LEFT, unless the text says when it began: then it is
    a stint, which the departure ends (`kg.graph.add_tenures` gives it that `valid_to`), or a return
    after it ("2024年再度出任CEO")."""
    merged: dict[tuple[Any, ...], RelationCandidate] = {}
    order: list[tuple[Any, ...]] = []
    for rel in rels:
        ident = tuple(rel.props.get(k) for k in IDENTIFYING_PROPERTIES.get(rel.type, ()))
        key = (rel.type, rel.source, rel.target, ident, period(rel.type, rel.props))
        if key not in merged:
            merged[key] = rel
            order.append(key)
            continue
        kept = merged[key]
        _fold_sum_method(kept, rel)
        _fold_props(kept.props, rel.props)
        if rel.confidence > kept.confidence:
            kept.confidence = rel.confidence
    # siblings are grouped by their ends first, so an article with thousands of facts is not compared
    # pair by pair
    by_ends: dict[tuple[Any, ...], list[tuple[Any, ...]]] = {}
    for key in order:
        by_ends.setdefault(key[:3], []).append(key)

    def fold(key: tuple[Any, ...], into: tuple[Any, ...]) -> None:
        _fold_sum_method(merged[into], merged[key])
        _fold_props(merged[into].props, merged[key].props)
        del merged[key]

    # a fact without a start folds into the one fact of its title that has one
    for key in list(order):
        if key[4] is not None or key not in merged:
            continue
        dated = [k for k in by_ends[key[:3]] if k[3] == key[3] and k[4] is not None and k in merged]
        if len(dated) == 1:
            fold(key, dated[0])
    # facts without an identifying value fold into a sibling that has one (of a compatible start)
    for key in list(order):
        rel_type, src, dst, ident, began = key
        if not ident or any(v is not None for v in ident) or key not in merged:
            continue
        siblings = [k for k in by_ends[key[:3]] if k != key and k in merged
                    and (began is None or k[4] is None or k[4] == began)]
        if len(siblings) == 1:
            fold(key, siblings[0])
    left_dates: dict[tuple[int, int], list[str | None]] = {}
    for key in merged:
        if key[0] == R.LEFT:
            left_dates.setdefault((key[1], key[2]), []).append(merged[key].props.get("date"))
    out = []
    for key in order:
        if key not in merged:
            continue
        rel = merged[key]
        departures = left_dates.get((rel.source, rel.target))
        if rel.type == R.HOLDS_POSITION and departures is not None and not rel.props.get("valid_from"):
            dropped.append(
                (f"HOLDS_POSITION {label(rel.source)}->{label(rel.target)}", "the text says the person left")
            )
            continue
        out.append(rel)
    return out


def extract(article: Article, *, gazetteer: Gazetteer | None = None, ner: NerConfig | None = None) -> Extraction:
    """Entities and relations stated in `article`.

    Parameters
    ----------
    article:
        The article; `published` anchors relative dates ("去年", "12月21日").
    gazetteer:
        Known entities (default: the one shipped in `kg/data/gazetteer.json`; pass
        `load_gazetteer(exclude=keys)` to measure the rules without some entries).
    ner:
        An optional statistical tagger (`kg.extract.ner`, the `ner` extra) proposing low-confidence
        people and organisations where the rules found nothing; off by default.

    Returns
    -------
    Extraction
        Mentions with article-local handles (`e1`, `e2`, ... in order of first appearance), relations
        between them, and every candidate that was dropped, with the reason.

    Examples
    --------
    >>> text = "星衡智能完成B轮融资，由红杉中国领投，真格基金跟投。"
    >>> ex = extract(Article(text=text, published="2025-07-02"))
    >>> sorted((r.type, r.props["role"]) for r in ex.relations)
    [('INVESTED_IN', 'follow'), ('INVESTED_IN', 'lead')]
    """
    gaz = gazetteer or default_gazetteer()
    nt = normalize_text(article.text)
    sentences = split_sentences(nt.text)
    dropped: list[tuple[str, str]] = []
    occs, pairs = find_occurrences(nt, sentences, gaz, dropped, ner)
    n_groups = group_occurrences(nt, occs, pairs)

    types: dict[int, set[str]] = {g: set() for g in range(n_groups)}
    keys: dict[int, str | None] = {g: None for g in range(n_groups)}
    attrs: dict[int, dict[str, Any]] = {g: {} for g in range(n_groups)}
    for o in occs:
        types[o.group].update(o.types)
        if o.key and keys[o.group] is None:
            keys[o.group] = o.key
        for k, v in o.attrs.items():
            attrs[o.group].setdefault(k, v)
    for g, key in keys.items():
        entry = gaz.get(key) if key else None
        if entry is not None:
            types[g].add(entry.type)
            for k, v in entry.attrs.items():
                attrs[g].setdefault(k, v)
    entities = {g: EntityView(g, types[g], keys[g], attrs[g]) for g in range(n_groups)}
    group_of_key = {key: g for g, key in keys.items() if key}

    def key_group(key: str, start: int, end: int, named: bool = False) -> int:
        """The group of a known entity the text implies; created (inferred) when not named. `named`:
        the text at [start, end) is a name of it the gazetteer does not list (Taiwan's "證交所"), so it
        becomes one of the entity's names."""
        if key in group_of_key:
            if named:
                g = group_of_key[key]
                occs.append(Occurrence(start, end, set(types[g]), "named-by-context", 0.6, key=key, group=g))
            return group_of_key[key]
        entry = gaz.get(key)
        if entry is None:
            raise KeyError(key)
        g = len(types)
        types[g] = {entry.type}
        keys[g] = key
        attrs[g] = dict(entry.attrs)
        entities[g] = EntityView(g, types[g], key, attrs[g])
        group_of_key[key] = g
        occs.append(
            Occurrence(start, end, {entry.type}, "named-by-context" if named else "implied-by-context", 0.6,
                       key=key, inferred=not named, group=g)
        )
        return g

    candidates, type_updates, attr_updates, rel_dropped = extract_relations(
        nt, sentences, occs, entities, article.published, key_group
    )
    dropped.extend(rel_dropped)
    for g, extra in type_updates.items():
        if root_of(types[g]) == C.Organization and root_of(extra) == C.Organization:
            types[g].update(extra)
    for g, extra_attrs in attr_updates.items():
        for k, v in extra_attrs.items():
            if k == "ticker":
                attrs[g][k] = v  # a code stated in this article beats the gazetteer's
            else:
                attrs[g].setdefault(k, v)

    def label(g: int) -> str:
        first = next((o for o in occs if o.group == g and not o.inferred), None)
        return nt.original_slice(first.start, first.end) if first else (keys[g] or f"#{g}")

    kept: list[RelationCandidate] = []
    for rel in candidates:
        reason = _fit_relation(rel, types)
        if reason:
            dropped.append((f"{rel.type} {label(rel.source)}->{label(rel.target)}", reason))
        else:
            kept.append(rel)
    kept = _merge_relations(kept, dropped, label)
    if ner is not None and ner.needs_relation:
        occs = _drop_unrelated_ner(occs, kept, dropped, label, ner.person_mentions)
    headline_end = sentences[0].end if sentences else 0
    occs = _drop_passing_mentions(occs, kept, types, headline_end, dropped, label, nt.text)
    extraction = _pack(article, nt, sentences, occs, types, keys, attrs, kept, dropped, gaz)
    add_figures(extraction, nt, sentences)
    add_modality(extraction, nt, sentences)
    return extraction


#: Mentions that make an entity without a fact a subject of the article rather than a passing name.
_SALIENT_MENTIONS = 2
#: Parts a context gives a name (the subject of a round or a listing, a member of an investor list,
#: an employer): the part is why the article names it, even when no fact could be completed.
_ROLES = {"subject", "investor-list", "fund-name", "title-apposition", "former-employer"}
#: Kinds kept even when named once without a fact: people, and the universities and exchanges of
#: their careers and listings, are background a reader looks up; a passing organisation is noise.
_ALWAYS_KEPT = {C.Person, C.University, C.Exchange, C.ResearchInstitute}


#: What closes an enumeration of organisations of one kind ("A、B、C等一批国资母基金").
_ENUMERATION_END = re.compile(r"\s*等")


def _enumerated(occs: list[Occurrence], text: str) -> set[int]:
    """Organisations the article enumerates, three or more joined by 、 and closed by 等: a list the
    writer drew up is what the sentence is about, not a passing name."""
    ordered = sorted((o for o in occs if not o.inferred), key=lambda o: o.start)
    kept: set[int] = set()
    run: list[Occurrence] = []
    for o in ordered:
        if run and text[run[-1].end : o.start].strip() == "、":
            run.append(o)
        else:
            run = [o]
        if len(run) >= 3 and _ENUMERATION_END.match(text, o.end):
            kept |= {r.group for r in run}
    return kept


def _drop_passing_mentions(
    occs: list[Occurrence],
    kept: list[RelationCandidate],
    types: dict[int, set[str]],
    headline_end: int,
    dropped: list[tuple[str, str]],
    label: Any,
    text: str,
) -> list[Occurrence]:
    """An organisation or product that takes part in no fact stays only when the article is about
    it: named in its headline (first sentence), named at least twice, or given a part by its context.
    A name met once in passing (a competitor, a customer, the regulator, a bank among the advisers)
    is not a node of a graph of facts: it would sit there without an edge and read as if the article
    said something about it. An entity only implied by a rule that then kept no fact goes too."""
    about = {g for rel in kept for g in (rel.source, rel.target)}
    about |= {o.group for o in occs if o.role in _ROLES}
    about |= {o.group for o in occs if not o.inferred and o.start < headline_end}
    about |= {g for g, kinds in types.items() if kinds & _ALWAYS_KEPT}
    about |= _enumerated(occs, text)
    # state capital the gazetteer knows is a subject of its own for this graph, even named once
    about |= {o.group for o in occs if o.key and C.StateOwnedFund in types.get(o.group, set())}
    named = Counter(o.group for o in occs if not o.inferred)
    about |= {g for g, n in named.items() if n >= _SALIENT_MENTIONS}
    passing = {o.group for o in occs if o.group not in about}
    for g in sorted(passing):
        reason = "named once in passing, in no fact" if g in named else "implied, in no fact"
        dropped.append((f"entity {label(g)}", reason))
    return [o for o in occs if o.group not in passing]


def _drop_unrelated_ner(
    occs: list[Occurrence],
    kept: list[RelationCandidate],
    dropped: list[tuple[str, str]],
    label: Any,
    person_mentions: int | None = None,
) -> list[Occurrence]:
    """An entity only a statistical tagger found stays only when a kept relation uses it (a person,
    with `person_mentions`, also when named that many times)."""
    from kg.extract.ner import METHOD

    related = {g for rel in kept for g in (rel.source, rel.target)}
    if person_mentions:
        mentions = Counter(o.group for o in occs if not o.inferred and root_of(o.types) == C.Person)
        related |= {g for g, n in mentions.items() if n >= person_mentions}
    ner_only: dict[int, bool] = {}
    for o in occs:
        ner_only[o.group] = ner_only.get(o.group, True) and (o.method == METHOD or (o.method == "repeat"
                                                                                   and o.key is None))
    groups = {g for g, only in ner_only.items() if only and g not in related}
    groups &= {o.group for o in occs if o.method == METHOD}
    for g in sorted(groups):
        dropped.append((f"entity {label(g)}", "found only by the NER tagger and in no relation"))
    return [o for o in occs if o.group not in groups]


def _preferred(counts: Counter[str], person: bool) -> str | None:
    """The name an entity of this article goes by: its most frequent (normalised) name, longer first on
    a tie. For a person, never a surname or given name alone beside the full name ("Okafor" beside
    "Daniel Okafor"): news repeats the short form, yet only the full one names the person. A
    company's repeated short form is its brand ("Yaotu" beside "Yaotu Technology") and may win."""
    if person:
        full = {name: n for name, n in counts.items()
                if not any(name != other and name in other for other in counts)}
        counts = Counter(full) or counts
    return max(counts.items(), key=lambda kv: (kv[1], len(kv[0])))[0] if counts else None


def _pack(
    article: Article,
    nt: NormText,
    sentences: list,
    occs: list[Occurrence],
    types: dict[int, set[str]],
    keys: dict[int, str | None],
    attrs: dict[int, dict[str, Any]],
    relations: list[RelationCandidate],
    dropped: list[tuple[str, str]],
    gaz: Gazetteer,
) -> Extraction:
    """Turn groups and candidates into `kg.model` objects with first-appearance handles."""
    article_id = article.id
    starts = [s.start for s in sentences]

    def sentence_of(pos: int) -> int | None:
        i = bisect.bisect_right(starts, pos) - 1
        return sentences[i].index if i >= 0 else None

    by_group: dict[int, list[Occurrence]] = {}
    for o in sorted(occs, key=lambda o: (o.start, o.end)):
        by_group.setdefault(o.group, []).append(o)
    order = sorted(
        by_group,
        key=lambda g: (
            min(o.start for o in by_group[g] if not o.inferred)
            if any(not o.inferred for o in by_group[g])
            else len(nt.text) + g
        ),
    )
    handles = {g: f"e{i + 1}" for i, g in enumerate(order)}
    mentions: list[EntityMention] = []
    for g in order:
        group_occs = by_group[g]
        entity_types = _tidy_types(set(types[g]))
        names: list[str] = []
        counts: Counter[str] = Counter()
        first_surface: dict[str, str] = {}
        sources: list[Source] = []
        for o in group_occs:
            start, end = nt.span(o.start, o.name_stop)
            surface = article.text[start:end]
            sources.append(
                Source(article_id, sentence_of(o.start), start, end, o.method, o.confidence, surface)
            )
            if o.inferred:
                continue
            if surface not in names:
                names.append(surface)
            norm = normalize_name(surface)
            counts[norm] += 1
            first_surface.setdefault(norm, surface)
        key = keys[g]
        entry = gaz.get(key) if key else None
        if entry is not None:
            preferred: str | None = entry.preferred
            known = list(entry.names)
        else:
            best = _preferred(counts, root_of(entity_types) == C.Person)
            preferred = first_surface[best] if best else None
            known = []
        if not names:
            names = [preferred or key or f"entity {g}"]
        allowed = _ontology_props(entity_types)
        entity_attrs = {k: v for k, v in sorted(attrs[g].items()) if k in allowed and v is not None}
        mentions.append(
            EntityMention(handles[g], entity_types, names, sources, key, preferred, known, entity_attrs)
        )
    rel_mentions = []
    for rel in relations:
        start, end = nt.span(rel.start, rel.end)
        sent_start, sent_end = nt.span(rel.sentence.start, rel.sentence.end)
        evidence = article.text[sent_start:sent_end]
        if len(evidence) > _EVIDENCE_CHARS:
            evidence = evidence[: _EVIDENCE_CHARS - 1] + "…"
        provenance = Source(article_id, rel.sentence.index, start, end, rel.method, rel.confidence, evidence)
        rel_mentions.append(
            RelationMention(rel.type, handles[rel.source], handles[rel.target], dict(rel.props), provenance)
        )
    return Extraction(article=article, entities=mentions, relations=rel_mentions, dropped=dropped)
