"""Handlers for products (DEVELOPS), stated spin-offs (脱胎于, spun out of), control and state-capital
appositions."""

from __future__ import annotations

import re

from kg.extract import vocab
from kg.extract.relations.engine import Engine, View, date_props, first_group, product_groups
from kg.terms import C, R

# -- products, spin-offs, control ------------------------------------------------------------------


def handle_develops(eng: Engine, view: View, m: re.Match[str]) -> None:
    org = eng.ent(view, m.group("org"))
    if org.root != C.Organization or org.is_exchange() or org.is_investorish() and not org.is_companyish():
        return
    for ch in product_groups(m.group("prods")):
        eng.emit(view, R.DEVELOPS, org.group, eng.ent(view, ch).group, {}, m, "develops", 0.75)


def handle_develops_topic(eng: Engine, view: View, m: re.Match[str]) -> None:
    org = first_group(eng.company_before(view, m.start()), eng.topic(view))
    if org is None:
        return
    for ch in product_groups(m.group("prods")):
        eng.emit(view, R.DEVELOPS, org, eng.ent(view, ch).group, {}, m, "develops-list", 0.55)


def handle_spinoff(eng: Engine, view: View, m: re.Match[str]) -> None:
    child, parent = eng.ent(view, m.group("child")), eng.ent(view, m.group("parent"))
    if child.root != C.Organization or parent.root != C.Organization or not child.is_companyish():
        return
    eng.emit(
        view,
        R.SPUN_OFF_FROM,
        child.group,
        parent.group,
        date_props(eng.date_near(view, m.start(), m.end())),
        m,
        "spin-off",
        0.8,
    )
    eng.upgrade(child.group, {C.Company})


def handle_spinoff_topic(eng: Engine, view: View, m: re.Match[str]) -> None:
    """"The company was spun off from A": the company of the story came out of A."""
    parent = eng.ent(view, m.group("parent"))
    child = first_group(eng.topic(view), eng.main_company())
    if child is None or child == parent.group or parent.root != C.Organization:
        return
    props = date_props(eng.date_near(view, m.start(), m.end()))
    eng.emit(view, R.SPUN_OFF_FROM, child, parent.group, props, m, "spin-off", 0.7)


def handle_controlled(eng: Engine, view: View, m: re.Match[str]) -> None:
    child, parent = eng.ent(view, m.group("child")), eng.ent(view, m.group("parent"))
    if child.root != C.Organization or parent.root != C.Organization:
        return
    kind = "equity" if re.search(r"owned|控股|持股|全资", m.group(0)) else "subsidiary"
    eng.emit(view, R.CONTROLLED_BY, child.group, parent.group, {"kind": kind}, m, "controlled-by", 0.7)


def handle_state_apposition(eng: Engine, view: View, m: re.Match[str]) -> None:
    """A vehicle "of the Hefei government" in apposition is state capital."""
    ent = eng.ent(view, m.group("org"))
    if ent.root != C.Organization:
        return
    region = m.group("region")
    level = next((lvl for _zh, (en, lvl) in vocab.REGIONS.items() if en == region), None)
    eng.upgrade(
        ent.group,
        {C.StateOwnedFund},
        investor_kind=ent.attrs.get("investor_kind") or "state_platform",
        region=region if level else None,
        gov_level=level,
    )


def settle_lone_products(eng: Engine, view: View) -> None:
    """A product no rule gave a maker is the company's named before it when the sentence names one
    company, or the article's main company when it names none ("X目前主推的电池产品“磐石”",
    "其核心产品Y"), at low confidence.

    Products are found by their own context (quotes after a product word, a model code after
    "核心产品"); the phrase tying them to the maker varies too much to list, and an article names its
    subject's products far more often than anyone else's. A product after another company's
    possessive ("B的芯片Z") already has its maker from the possessive rule."""
    if not any(eng.ent(view, ch).root == C.Product for ch in view.groups):
        return
    made = {r.target for r in eng.sentence_relations(view) if r.type == R.DEVELOPS}
    makers = {eng.ent(view, c).group for c in view.groups if eng.ent(view, c).is_companyish()}
    for i, ch in enumerate(view.skel):
        if ch not in view.groups or eng.ent(view, ch).root != C.Product:
            continue
        product = eng.ent(view, ch).group
        if product in made:
            continue
        # two companies in the sentence ("A与B相比,C芯片…") leave the maker open; with none, the
        # company the whole article is about, not merely the last one named
        maker = eng.company_before(view, i) if len(makers) == 1 else None if makers else eng.main_company()
        if maker is not None and not makers:
            # (but a product the gazetteer knows the maker of is that maker's, when the article names it)
            maker = eng.known_maker(product) or maker
        if maker is None:
            continue
        span = re.compile(re.escape(ch)).match(view.skel, i)  # the mention itself, as provenance
        if span is not None:
            eng.emit(view, R.DEVELOPS, maker, product, {}, span, "develops-context", 0.5)
            made.add(product)
