"""RDF: every format says the same triples, the pattern carries relation properties and provenance,
export then import is lossless (hostile strings included), SHACL validation, streaming, SPARQL."""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import OWL, RDF, SKOS, Dataset, Graph, Literal, URIRef
from rdflib.namespace import PROV, XSD

from kg.errors import KGError
from kg.graph import node_link, to_networkx
from kg.model import Article, Extraction
from kg.names import short_hash
from kg.ontology import ENTITY_BASE, KGO, Ontology
from kg.rdf import (
    KGR,
    QUAD_FORMATS,
    RDF_FORMATS,
    WRITERS,
    Writer,
    choose,
    entity_iri,
    flatten,
    import_file,
    relation_iri,
    to_rdf,
    validate_store,
    write,
    write_rdf,
    write_streaming,
)
from kg.rdf.export import iter_quads, literal, prefixes, project
from kg.rdf.streaming import (
    iter_text,
    literal_term,
    nt_terms,
    string_term,
    tagged_term,
    term,
    turtle_iri,
    turtle_terms,
)
from kg.store import Store, open_store
from tests.factories import (
    funding_article,
    hostile_article,
    investor_network,
    ipo_article,
    mention,
    record_all,
    relation,
)
from tests.factories import run_kg as kg

FLAT = ["ttl", "nt", "jsonld", "xml"]
QUADS = ["trig", "nq"]
TABLES = {
    "articles": "id, path, title, published, url, lang, chars, added, text",
    "entities": "id, root, name, gazetteer_key, types, attrs",
    "aliases": "entity_id, alias, norm, article_id",
    "mentions": "entity_id, article_id, type, surface, sentence, span_start, span_end, method, confidence",
    "relations": "id, type, source, target, props",
    "relation_sources": "relation_id, article_id, sentence, span_start, span_end, method, confidence, evidence, props",
}


def tables(store: Store) -> dict[str, list[tuple]]:
    return {t: sorted(store.connection.execute(f"SELECT {cols} FROM {t}").fetchall(), key=repr)
            for t, cols in TABLES.items()}


@pytest.fixture
def built(store: Store, ontology: Ontology) -> Store:
    record_all(store, [funding_article(), ipo_article(), hostile_article(), *investor_network(companies=10)],
               ontology)
    return store


def quads(dataset: Dataset) -> set[tuple]:
    return {(s, p, o, None if g == dataset.default_graph.identifier else g)
            for s, p, o, g in dataset.quads((None, None, None, None))}


# -- every format, the same triples ---------------------------------------------------------------


def test_every_format_parses_into_the_same_triples(built: Store, tmp_path: Path) -> None:
    dataset = to_rdf(built)
    expected = set(flatten(dataset))
    for fmt in FLAT:
        out = tmp_path / f"g.{fmt}"
        assert write_rdf(built, fmt, out) == len(expected)
        assert set(Graph().parse(out, format=RDF_FORMATS[fmt])) == expected, fmt
    for fmt in QUADS:
        out = tmp_path / f"g.{fmt}"
        write_rdf(built, fmt, out)
        parsed = Dataset().parse(out, format=RDF_FORMATS[fmt])
        assert quads(parsed) == quads(dataset), fmt


@pytest.mark.parametrize("writer", WRITERS.values(), ids=[f"{f}-{e}" for f, e in WRITERS])
def test_every_registered_writer_round_trips_to_the_same_triples(writer: Writer, built: Store,
                                                                 tmp_path: Path) -> None:
    """Each (format, engine) of the registry writes what the projection says, and its count is right;
    a writer is tested by being registered."""
    if not writer.available():
        pytest.skip(f"{writer.engine} is not installed")
    dataset = to_rdf(built, with_text=True)
    out = tmp_path / f"g.{writer.fmt}"
    told: list[int] = []
    n = write(built, writer.fmt, out, writer.engine, with_text=True, progress=told.append)
    assert sum(told) == n  # the progress told adds up to the triples written
    # a streaming writer tells them as it writes, in pieces of 4,096 or more (rdflib: all at the end)
    assert (len(told) >= 2 and min(told[:-1]) >= 4096) if writer.streaming else told == [n]
    if writer.fmt in QUAD_FORMATS:
        parsed_q = Dataset().parse(out, format=RDF_FORMATS[writer.fmt])
        assert quads(parsed_q) == quads(dataset)
        assert n == sum(len(g) for g in dataset.graphs())
    else:
        parsed = set(Graph().parse(out, format=RDF_FORMATS[writer.fmt]))
        assert parsed == set(flatten(dataset)) and n == len(parsed)


def test_the_registry_chooses_one_writer_per_format_and_engine() -> None:
    assert {f for f, _e in WRITERS} == set(RDF_FORMATS)  # every format has a writer
    assert choose("nt").engine == "streaming" and choose("jsonld").engine == "rdflib"
    assert choose("ttl").engine == "streaming"  # Turtle is written from the projection's blocks
    assert choose("trig").engine == ("oxigraph" if WRITERS["trig", "oxigraph"].available() else "rdflib")
    for fmt, engine in [("trig", "streaming"), ("nt", "oxigraph"), ("nt", "fast"), ("csv", "auto")]:
        with pytest.raises(KGError):
            choose(fmt, engine)


def test_the_streaming_writer_writes_the_same_triples_as_rdflib(built: Store, tmp_path: Path) -> None:
    dataset = to_rdf(built, with_text=True)
    n = write_streaming(built, "nt", tmp_path / "s.nt", with_text=True)
    parsed = Graph().parse(tmp_path / "s.nt", format="nt")
    assert n == len(parsed) and set(parsed) == set(flatten(dataset))
    n = write_streaming(built, "nq", tmp_path / "s.nq", with_text=True)
    parsed_q = Dataset().parse(tmp_path / "s.nq", format="nquads")
    assert quads(parsed_q) == quads(dataset)
    assert n == sum(len(g) for g in dataset.graphs())


def spelled(source: Store, ontology: Ontology, base: str, flat: bool) -> tuple[list[tuple], list[tuple]]:
    """The quads of the rdflib projection spelled by `term`, and those of the fast projection."""
    view = to_networkx(source, ontology)
    reference = [(term(s), term(p), term(o), None if g is None else term(g))
                 for s, p, o, g in iter_quads(view, ontology, base, source, with_text=True, flat=flat)]
    return reference, list(project(view, ontology, nt_terms(), base, source, with_text=True, flat=flat))


@pytest.mark.parametrize("base", [ENTITY_BASE, "http://example.org/kg/"])
def test_the_fast_projection_is_the_rdflib_projection_term_for_term(built: Store, ontology: Ontology,
                                                                    base: str) -> None:
    """The writers' projection (terms spelled as N-Triples text, no rdflib objects) yields the rdflib
    projection's quads, in the same order: typed and language-tagged literals, named graphs, records."""
    for flat in (False, True):
        reference, fast = spelled(built, ontology, base, flat)
        assert fast == reference
    objects = {o for _s, _p, o, _g in fast}
    assert any(o.endswith("@zh") for o in objects) and any(o.endswith("@en") for o in objects)
    assert any(o.endswith("#decimal>") for o in objects) and any(o.endswith("#integer>") for o in objects)
    graphs = {g for *_spo, g in spelled(built, ontology, base, flat=False)[1]}
    assert None in graphs and len(graphs) > 2  # the default graph and one per article


def nt_escaped(text: str) -> str:
    """N-Triples' escapes for a string, character by character (ECHAR for four, UCHAR for other controls)."""
    echar = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"}
    return "".join(echar.get(c) or (f"\\u{ord(c):04X}" if ord(c) < 0x20 or c == "\x7f" else c) for c in text)


_VALUES = st.one_of(st.booleans(), st.integers(), st.integers(-10**30, 10**30), st.floats(),
                    st.sampled_from([0.0, -0.0, 1.0, 1, True, float("inf"), float("-inf"), float("nan")]), st.text())


@settings(max_examples=300, deadline=None)
@given(text=st.text(), values=st.lists(_VALUES, max_size=20))
def test_fast_terms_spell_what_term_spells(text: str, values: list) -> None:
    """Each term as `term` spells the rdflib term: strings, tags, and typed values through the cache
    (1, 1.0 and True, 0.0 and -0.0 each their own)."""
    assert string_term(text) == literal_term(Literal(text)) == '"' + nt_escaped(text) + '"'
    assert tagged_term(text, "zh-Hant") == literal_term(Literal(text, lang="zh-Hant"))
    typed = nt_terms().typed
    for value in values + values:  # twice: the second from the cache
        assert typed(value) == literal_term(literal(value)), value


@pytest.mark.parametrize("text", ['a "quoted" \\ back\\slash', "line\nbreak\r\ttab", "<tag> {x} |^`", "😀 智譜 ∑",
                                  "\x00\x01\x1f\x7f", "x" * 10_000])
def test_streaming_escapes_parse_back_exactly(text: str) -> None:
    for lit in (Literal(text), Literal(text, lang="zh-Hant"), Literal(text, datatype=XSD.anyURI)):
        line = f"<http://e/s> <http://e/p> {literal_term(lit)} .\n"
        (obj,) = Graph().parse(data=line, format="nt").objects()
        assert obj == lit


_IRI_LOCAL = st.text(st.characters(blacklist_categories=("Cs",)), max_size=12)


def _turtle_header(base: str) -> str:
    return "".join(f"@prefix {name}: <{namespace}> .\n" for name, namespace in prefixes(base).items())


_BASES = [ENTITY_BASE, "http://example.org/kg/", "http://example.org/kg", "http://example.org/kg#", "urn:kg:"]


@settings(max_examples=400, deadline=None)
@given(data=st.data(), base=st.sampled_from(_BASES), local=_IRI_LOCAL)
def test_turtle_names_read_back_as_the_iri_in_both_parsers(data: st.DataObject, base: str, local: str) -> None:
    """`turtle_iri` writes `prefix:local` only where both parsers read it back as the same IRI, and
    `<IRI>` otherwise: any local name, encoded as the projection encodes ids, under any base."""
    import pyoxigraph as ox

    namespaces = prefixes(base)
    namespace = data.draw(st.sampled_from(sorted(set(namespaces.values()) | {"http://elsewhere.example/"})))
    iri = str(entity_iri(local, base=namespace))
    spelled = turtle_iri(base)(iri)
    plain = iri[len(namespace):]
    if plain and plain.replace("-", "").replace("_", "").isalnum() and plain.isascii() and plain[0] != "-" \
            and namespace in namespaces.values() and not any(len(n) > len(namespace) and iri.startswith(n)
                                                             for n in namespaces.values()):
        assert spelled.endswith(":" + plain)  # plain ASCII names are prefixed (when a prefix covers them)
    document = _turtle_header(base) + f"<http://e/s> <http://e/p> {spelled} .\n"
    (obj,) = Graph().parse(data=document, format="turtle").objects()
    assert str(obj) == iri
    (quad,) = ox.parse(document.encode(), format=ox.RdfFormat.TURTLE)
    assert quad.object.value == iri


@settings(max_examples=300, deadline=None)
@given(values=st.lists(_VALUES, min_size=1, max_size=10))
def test_turtle_literals_read_back_as_the_projections_literal(values: list) -> None:
    """Typed values in Turtle (bare `800000000`, `0.1`, `true` where the grammar allows, else quoted
    with a prefixed datatype) read back, in rdflib and in pyoxigraph, as the literal `literal` makes."""
    import pyoxigraph as ox

    typed = turtle_terms().typed
    spelled = [typed(value) for value in values]
    document = _turtle_header(ENTITY_BASE) + "".join(
        f"<http://e/s{i}> <http://e/p> {term} .\n" for i, term in enumerate(spelled))
    parsed = {str(s): o for s, _p, o in Graph().parse(data=document, format="turtle")}
    oxi = {q.subject.value: q.object for q in ox.parse(document.encode(), format=ox.RdfFormat.TURTLE)}
    for i, value in enumerate(values):
        expected = literal(value)
        assert parsed[f"http://e/s{i}"] == expected and str(parsed[f"http://e/s{i}"]) == str(expected)
        assert oxi[f"http://e/s{i}"].value == str(expected)
        assert str(oxi[f"http://e/s{i}"].datatype.value if oxi[f"http://e/s{i}"].datatype else XSD.string) == \
            str(expected.datatype or XSD.string)
    assert any(t[0] != '"' for t in spelled) or all(v.__class__ is str or v != v or v in (float("inf"), float("-inf"))
                                                    for v in values)


def test_turtle_groups_each_block_under_its_subject_with_prefixed_names(built: Store, tmp_path: Path) -> None:
    """The Turtle writer: prefixes first, then a subject per block with its `;` list; prefixed names
    where the grammar allows them plainly; the same triples as the rdflib projection."""
    text = "".join(piece for piece, _n in iter_text(built, "ttl"))
    header, _blank, body = text.partition("\n\n")
    assert header == _turtle_header(ENTITY_BASE).rstrip("\n")
    fund = next(e for e in built.entities() if e.name == "红杉中国")
    subject = turtle_iri()(str(entity_iri(fund.id)))
    assert subject.startswith("org:")
    block = next(b for b in body.split(" .\n") if b.startswith(subject + " "))
    assert block.count(";\n    ") >= 4 and "rdf:type kgo:Investor" in block and f'kgo:name "{fund.name}"' in block
    assert set(Graph().parse(data=text, format="turtle")) == set(flatten(to_rdf(built)))
    for base in _BASES[1:]:  # any base: the same triples as the rdflib projection under it
        text = "".join(piece for piece, _n in iter_text(built, "ttl", base))
        assert set(Graph().parse(data=text, format="turtle")) == set(flatten(to_rdf(built, base=base))), base


# -- the pattern ---------------------------------------------------------------------------------


def test_relations_are_direct_triples_and_statements_with_properties_and_provenance(built: Store) -> None:
    dataset = to_rdf(built)
    flat = flatten(dataset)
    rel = next(r for r in built.relations() if r.type == "INVESTED_IN" and r.props.get("amount") == 300_000_000)
    s, o = entity_iri(rel.source), entity_iri(rel.target)
    assert (s, KGO.INVESTED_IN, o) in flat
    stmt = relation_iri(rel.id)
    assert (stmt, RDF.type, RDF.Statement) in flat
    assert (stmt, RDF.subject, s) in flat and (stmt, RDF.object, o) in flat
    assert (stmt, RDF.predicate, KGO.INVESTED_IN) in flat
    assert flat.value(stmt, KGO.round) == Literal("B")
    assert flat.value(stmt, KGO.amount) == Literal(300_000_000, datatype=XSD.integer)
    assert flat.value(stmt, KGO.currency) == Literal("CNY")
    assert flat.value(stmt, KGO.role) == Literal("lead")
    assert flat.value(stmt, KGO.date) == Literal("2025-07")
    article = entity_iri("article:" + rel.sources[0].article_id)
    assert (stmt, PROV.wasDerivedFrom, article) in flat
    derivation = flat.value(stmt, PROV.qualifiedDerivation)
    assert (derivation, RDF.type, PROV.Derivation) in flat
    assert flat.value(derivation, PROV.entity) == article
    src = rel.sources[0]
    assert flat.value(derivation, KGO.span_start).toPython() == src.span_start
    assert flat.value(derivation, KGO.span_end).toPython() == src.span_end
    assert flat.value(derivation, KGO.sentence).toPython() == src.sentence
    assert str(flat.value(derivation, KGO.method)) == src.method
    assert float(flat.value(derivation, KGO.confidence)) == src.confidence
    # TriG: the article's facts in the article's own graph
    graph = dataset.graph(article)
    assert (s, KGO.INVESTED_IN, o) in graph and (stmt, PROV.qualifiedDerivation, derivation) in graph


def test_names_are_language_tagged_and_wikidata_is_same_as(built: Store) -> None:
    flat = flatten(to_rdf(built))
    languages = {lit.language for lit in flat.objects(None, SKOS.prefLabel)} | \
        {lit.language for lit in flat.objects(None, SKOS.altLabel)}
    assert {"zh", "zh-Hant", "en"} <= languages
    hkex = entity_iri("organization:hkex")
    assert (hkex, OWL.sameAs, URIRef("http://www.wikidata.org/entity/Q496672")) in flat
    assert Literal("HKEX", lang="en") in set(flat.objects(hkex, SKOS.altLabel))


def test_base_iri_is_configurable(built: Store, tmp_path: Path) -> None:
    base = "http://example.org/kg/"
    flat = flatten(to_rdf(built, base=base))
    subjects = {str(s) for s in flat.subjects(KGO.id)}
    assert subjects and all(s.startswith(base) for s in subjects)
    code, _, err = kg("export", "-f", "ttl", "-o", tmp_path / "g.ttl", "--store", built.path, "--base-iri", base)
    assert code == 0, err
    code, _, err = kg("import", tmp_path / "g.ttl", "--store", tmp_path / "copy")
    assert code == 0, err
    with open_store(tmp_path / "copy") as copy:
        assert node_link(to_networkx(copy)) == node_link(to_networkx(built))


def test_entity_iris_are_one_to_one_and_escape_what_iris_forbid() -> None:
    ids = ["organization:a b", "organization:a%20b", 'organization:"x"<y>', "organization:a\nb", "person:智谱"]
    iris = [entity_iri(i) for i in ids]
    assert len(set(iris)) == len(ids)
    assert all(not set(str(i)) & set(' <>"\n{}|\\^`') for i in iris)
    assert str(iris[-1]).endswith("person/智谱")


# -- import --------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", [*FLAT, *QUADS, "node-link"])
def test_export_then_import_is_lossless(built: Store, tmp_path: Path, fmt: str) -> None:
    view = node_link(to_networkx(built))
    out = tmp_path / ("g.json" if fmt == "node-link" else f"g.{fmt}")
    if fmt == "node-link":
        out.write_text(json.dumps(view, ensure_ascii=False), encoding="utf-8")
    else:
        write_rdf(built, fmt, out, with_text=True)
    with open_store(tmp_path / "copy") as copy:
        import_file(copy, out)
        assert node_link(to_networkx(copy)) == view
        if fmt != "node-link":  # RDF carries the records: the store itself is the same, row for row
            assert tables(copy) == tables(built)


def test_import_is_idempotent_and_all_or_nothing(built: Store, tmp_path: Path) -> None:
    out = tmp_path / "g.trig"
    write_rdf(built, "trig", out)
    with open_store(tmp_path / "copy") as copy:
        first = import_file(copy, out)
        before = tables(copy)
        again = import_file(copy, out)
        assert first.articles > 0 and again.articles == 0 and again.skipped_articles == first.articles
        assert tables(copy) == before
    bad = tmp_path / "bad.ttl"
    bad.write_text(out.read_text(encoding="utf-8")[:5000], encoding="utf-8")  # cut mid-file
    code, _, err = kg("import", bad, "--store", tmp_path / "other")
    assert code == 1 and "cannot parse" in err
    code, _, err = kg("import", tmp_path / "missing.ttl", "--store", tmp_path / "other")
    assert code == 1 and "no such file" in err


@pytest.mark.parametrize("fmt", [*FLAT, *QUADS])
def test_a_broken_file_is_refused_with_its_format_and_the_store_is_untouched(built: Store, tmp_path: Path,
                                                                              fmt: str) -> None:
    out = tmp_path / f"g.{fmt}"
    write_rdf(built, fmt, out)
    data = out.read_bytes()
    bad = tmp_path / f"bad.{fmt}"
    bad.write_bytes(data[: len(data) // 2] + b"\n<<<")  # cut in the middle, then not RDF at all
    with open_store(tmp_path / "copy") as copy:
        before = tables(copy)
        with pytest.raises(KGError, match=f"bad.{fmt}: cannot parse as {fmt}"):
            import_file(copy, bad)
        assert tables(copy) == before


@pytest.mark.parametrize("fmt", ["nt", "trig"])
def test_import_tells_the_triples_it_reads(built: Store, tmp_path: Path, fmt: str,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """`progress` hears of every triple (quad) the parser reads, in steps of `_TOLD_EVERY` and the rest at
    the end, so `kg import` can count them on a terminal."""
    from kg.rdf import importer

    out = tmp_path / f"g.{fmt}"
    written = write_rdf(built, fmt, out)
    monkeypatch.setattr(importer, "_TOLD_EVERY", 1000)
    told: list[int] = []
    with open_store(tmp_path / "copy") as copy:
        import_file(copy, out, progress=told.append)
    assert sum(told) == written and written > 2000
    assert told[:-1] == [1000] * (len(told) - 1) and 0 < told[-1] <= 1000


def test_a_triple_said_twice_is_read_once(built: Store, tmp_path: Path) -> None:
    """RDF is a set: a file that repeats its triples (or two graphs of a TriG file that share some) reads
    as the file that says each once."""
    once = tmp_path / "once.nt"
    write_rdf(built, "nt", once, with_text=True)
    twice = tmp_path / "twice.nt"
    twice.write_bytes(once.read_bytes() * 2)
    with open_store(tmp_path / "a") as a, open_store(tmp_path / "b") as b:
        import_file(a, once)
        import_file(b, twice)
        assert tables(a) == tables(b) == tables(built)


def test_a_node_link_import_stores_no_derived_lineage_old_or_new(built: Store, tmp_path: Path) -> None:
    """The view's FOUNDED_BY_ALUMNI_OF edges are its own (derived again after an import, never stored), and
    so are the founder lineages of node-link files written before they had a type of their own, as
    derived SPUN_OFF_FROM edges: those are not stored as stated spin-offs."""
    view = node_link(to_networkx(built))
    derived = [e for e in view["edges"] if e["type"] == "FOUNDED_BY_ALUMNI_OF"]
    assert derived and all(e["derived"] is True and e["id"] == "d" + short_hash(e["type"], e["source"], e["target"])
                           for e in derived)
    stated = {(r.source, r.target) for r in built.relations() if r.type == "SPUN_OFF_FROM"}
    old = json.loads(json.dumps(view))
    for edge in old["edges"]:
        if edge["type"] == "FOUNDED_BY_ALUMNI_OF":
            edge.update(type="SPUN_OFF_FROM", id="d" + short_hash("SPUN_OFF_FROM", edge["source"], edge["target"]))
            if "key" in edge:
                edge["key"] = edge["id"]
    for name, data in (("new", view), ("old", old)):
        out = tmp_path / f"{name}.json"
        out.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        with open_store(tmp_path / name) as copy:
            import_file(copy, out)
            types = {r.type for r in copy.relations()}
            assert "FOUNDED_BY_ALUMNI_OF" not in types, name
            assert {(r.source, r.target) for r in copy.relations() if r.type == "SPUN_OFF_FROM"} == stated, name
            assert node_link(to_networkx(copy)) == view, name


def test_cli_export_import_round_trip(built: Store, tmp_path: Path) -> None:
    for fmt in ["nt", "nq", "jsonld"]:
        out = tmp_path / f"g.{fmt}"
        code, msg, err = kg("export", "-f", fmt, "-o", out, "--store", built.path, "--with-text")
        assert code == 0 and "triples" in msg, err
        code, msg, err = kg("import", out, "--store", tmp_path / fmt)
        assert code == 0 and msg.startswith("imported"), err
        with open_store(tmp_path / fmt) as copy:
            assert tables(copy) == tables(built)


# hostile text: quotes, newlines, <>, backslashes, emoji, mixed scripts, very long names.
# (No other control characters: XML 1.0, hence RDF/XML, cannot carry them, and XML parsers turn CR into LF.)
_SPECIAL = st.sampled_from(list('"\'<>\\{}|^`%#?&;@[] \n\t😀🀄智譜谱ÄÅ∑ـ\ue000\U000f0000') +
                           ['"""', "'''", "\\u0041", "^^", "@en", "_:b0", "<http://x>", " . ", "\n.\n"])
_CHAR = st.characters(blacklist_categories=("Cs", "Cc", "Cn"))
_TEXT = st.lists(st.one_of(_SPECIAL, _CHAR), min_size=1, max_size=12).map("".join)
_HOSTILE = st.one_of(_TEXT, _TEXT.map(lambda t: t * 400))  # and very long ones


@st.composite
def hostile_extractions(draw: st.DrawFn) -> list[Extraction]:
    out = []
    for n in range(draw(st.integers(1, 3))):
        art = Article(text=f"{n}: " + draw(_HOSTILE), path=draw(_HOSTILE), title=draw(st.none() | _HOSTILE),
                      published="2025-01-0" + str(n + 1), url=draw(st.none() | _HOSTILE), lang="zh")
        company, investor, person, exchange, parent = (draw(_HOSTILE) for _ in range(5))
        ents = [mention(art, "c", {"Company"}, company, draw(_HOSTILE)),
                mention(art, "i", {draw(st.sampled_from(["Investor", "StateOwnedFund"]))}, investor,
                        region=draw(_HOSTILE), investor_kind="vc"),
                mention(art, "p", {"Person"}, person),
                mention(art, "x", {"Exchange"}, exchange, qid="Q" + str(draw(st.integers(1, 10**9)))),
                mention(art, "o", {"Company"}, parent)]
        rels = [relation(art, "INVESTED_IN", "i", "c", round=draw(_HOSTILE), role=draw(_HOSTILE),
                         amount=draw(st.integers(0, 10**15) | st.floats(0, 1e12, allow_nan=False)),
                         currency=draw(_HOSTILE), date=draw(_HOSTILE)),
                relation(art, "HOLDS_POSITION", "p", "c", title=draw(_HOSTILE)),
                relation(art, "LISTED_ON", "c", "x", ticker=draw(_HOSTILE), offer_price=draw(st.floats(0.01, 1e4))),
                relation(art, "SPUN_OFF_FROM", "c", "x", date=draw(_HOSTILE)),
                # the view derives c FOUNDED_BY_ALUMNI_OF o through the person (derived: true, via its
                # hostile id); a node-link import must know that edge for the view's and leave it out
                relation(art, "FOUNDED", "p", "c"),
                relation(art, "LEFT", "p", "o", title=draw(_HOSTILE)),
                # one stored as well, as an imported graph may hold it: lists and booleans survive exactly
                relation(art, "FOUNDED_BY_ALUMNI_OF", "c", "x", via=draw(st.lists(_HOSTILE, max_size=3)),
                         derived=draw(st.booleans()))]
        for rel in rels:
            rel.provenance = rel.provenance.__class__(art.id, draw(st.none() | st.integers(0, 99)), 3, 9, "test",
                                                      draw(st.floats(0, 1)), draw(st.none() | _HOSTILE))
        out.append(Extraction(article=art, entities=ents, relations=rels))
    return out


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])
@given(extractions=hostile_extractions())
def test_hostile_graphs_survive_every_format(extractions: list[Extraction], tmp_path_factory: pytest.TempPathFactory,
                                             ontology: Ontology) -> None:
    tmp = tmp_path_factory.mktemp("hostile")
    with open_store(tmp / "src") as src:
        record_all(src, extractions, ontology)
        view = node_link(to_networkx(src, ontology))
        rows = tables(src)
        reference, fast = spelled(src, ontology, ENTITY_BASE, flat=False)
        assert fast == reference
        for fmt in [*FLAT, *QUADS]:
            out = tmp / f"g.{fmt}"
            write(src, fmt, out, with_text=True, ontology=ontology)  # auto: streaming for nt/nq
            with open_store(tmp / fmt) as copy:
                import_file(copy, out, ontology=ontology)
                assert tables(copy) == rows, fmt
                assert node_link(to_networkx(copy, ontology)) == view, fmt
        out = tmp / "g.json"
        out.write_text(json.dumps(view, ensure_ascii=False), encoding="utf-8")
        with open_store(tmp / "nl") as copy:
            import_file(copy, out, ontology=ontology)
            assert node_link(to_networkx(copy, ontology)) == view


# -- validation ----------------------------------------------------------------------------------


def _well_formed(store: Store, ontology: Ontology) -> Store:
    record_all(store, [funding_article(), ipo_article(), *investor_network(companies=10)], ontology)
    return store


def test_a_built_store_conforms_and_kg_validate_exits_0(store: Store, ontology: Ontology) -> None:
    _well_formed(store, ontology)
    result = validate_store(store, ontology)
    assert result.conforms, result.results
    code, _out, err = kg("validate", "--store", store.path)
    assert code == 0 and "conforms" in err


def test_an_invalid_store_is_reported_readably_and_exits_1(store: Store, ontology: Ontology) -> None:
    _well_formed(store, ontology)
    with store.transaction() as conn:
        conn.execute("UPDATE entities SET attrs = ? WHERE id = ?",
                     (json.dumps({"qid": "not-a-qid", "investor_kind": "alien"}), "organization:shanghai-guotou"))
    result = validate_store(store, ontology)
    assert not result.conforms
    found = {(r["node"], r["path"]) for r in result.results}
    assert {("上海国投", "qid"), ("上海国投", "investor_kind")} <= found
    code, out, err = kg("validate", "--store", store.path, "--format", "json")
    assert code == 1 and "violation" in err
    rows = json.loads(out)
    assert any(r["node"] == "上海国投" and r["path"] == "qid" and "Wikidata" in r["message"] for r in rows)
    code, out, _ = kg("validate", "--store", store.path)
    assert code == 1 and "上海国投" in out and "investor_kind" in out


def test_the_shapes_keep_derived_and_via_to_founder_lineages(store: Store, ontology: Ontology) -> None:
    """A derived lineage conforms (derived true, via the people); `derived: false` on one, or the derived
    keys on a stated SPUN_OFF_FROM, are violations."""
    _well_formed(store, ontology)
    assert any(d["type"] == "FOUNDED_BY_ALUMNI_OF" and d["derived"] is True and d["via"]
               for _s, _t, d in to_networkx(store, ontology).edges(data=True))
    assert validate_store(store, ontology).conforms
    stated = next(r for r in store.relations() if r.type == "SPUN_OFF_FROM")
    art = Article(text="a founder lineage someone else's graph states", path="x.txt", published="2025-01-01")
    ext = Extraction(article=art, entities=[mention(art, "c", {"Company"}, "Stated Lineage Co"),
                                            mention(art, "o", {"Company"}, "Old Employer Co")],
                     relations=[relation(art, "FOUNDED_BY_ALUMNI_OF", "c", "o", derived=False)])
    record_all(store, [ext], ontology)
    with store.transaction() as conn:  # what the ontology refuses on input, written into the store
        conn.execute("UPDATE relations SET props = ? WHERE id = ?",
                     (json.dumps({**stated.props, "derived": True, "via": ["person:x"]}), stated.id))
    result = validate_store(store, ontology)
    assert not result.conforms
    paths = [r["path"] for r in result.results]
    assert paths.count("derived") == 1  # derived: false
    assert paths.count("predicate") == 1  # derived and via on a SPUN_OFF_FROM


def test_validate_a_file(store: Store, ontology: Ontology, tmp_path: Path) -> None:
    _well_formed(store, ontology)
    write_rdf(store, "trig", tmp_path / "g.trig")
    code, _, err = kg("validate", "--file", tmp_path / "g.trig")
    assert code == 0, err


# -- SPARQL --------------------------------------------------------------------------------------


@pytest.mark.parametrize("engine", ["rdflib", "oxigraph"])
def test_sparql_select_ask_and_named_graphs(built: Store, engine: str) -> None:
    if engine == "oxigraph":
        pytest.importorskip("pyoxigraph")

    def kg(*args: object) -> tuple[int, str, str]:
        return globals()["kg"](*args, "--engine", engine)

    query = "SELECT ?name WHERE { ?f a kgo:StateOwnedFund ; kgo:name ?name } ORDER BY ?name"
    code, out, err = kg("sparql", query, "--store", built.path, "--format", "json")
    assert code == 0, err
    names = [r["name"] for r in json.loads(out)]
    assert "上海国投" in names
    code, out, _ = kg("sparql", "ASK { ?s kgo:INVESTED_IN ?o }", "--store", built.path, "-f", "json")
    assert json.loads(out) == [{"ask": True}]
    query = ("SELECT ?article (COUNT(*) AS ?n) WHERE { GRAPH ?article { ?s kgo:INVESTED_IN ?o } } "
             "GROUP BY ?article ORDER BY DESC(?n) LIMIT 1")
    code, out, _ = kg("sparql", query, "--store", built.path, "-f", "csv")
    assert code == 0 and out.startswith("article,n") and "/article/" in out
    query = ("SELECT ?round ?amount WHERE { ?st rdf:predicate kgo:INVESTED_IN ; kgo:round ?round ; "
             "kgo:amount ?amount } ORDER BY DESC(?amount) LIMIT 1")
    code, out, _ = kg("sparql", query, "--store", built.path, "-f", "json")
    assert json.loads(out)[0]["amount"] > 0
    code, _, err = kg("sparql", "SELEKT nothing", "--store", built.path)
    assert code == 1 and "SPARQL" in err


def test_records_are_in_their_own_namespace(built: Store) -> None:
    flat = flatten(to_rdf(built))
    assert any(flat.subjects(RDF.type, KGR.Mention)) and any(flat.subjects(RDF.type, KGR.Alias))
    # the bare view (no store) has no records
    assert not any(flatten(to_rdf(to_networkx(built))).subjects(RDF.type, KGR.Mention))


def test_both_sparql_engines_give_the_same_rows(built: Store) -> None:
    pytest.importorskip("pyoxigraph")
    from kg.rdf import sparql_store

    queries = [
        "SELECT ?s ?name WHERE { ?s kgo:name ?name ; skos:prefLabel ?l } ORDER BY ?s",
        "SELECT ?st ?p ?o WHERE { ?st a rdf:Statement ; ?p ?o } ORDER BY ?st ?p ?o",
        "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g",
        "ASK { ?x owl:sameAs ?y }",
    ]
    for query in queries:
        assert sparql_store(built, query, "rdflib") == sparql_store(built, query, "oxigraph"), query


def test_a_sparql_syntax_error_points_into_the_users_query(built: Store) -> None:
    """The predeclared prefixes are not part of what the user typed, so they must not shift the position."""
    pytest.importorskip("pyoxigraph")
    code, _, err = kg("sparql", "SELEC ?x WHERE {?x ?y ?z}", "--store", built.path, "--engine", "oxigraph")
    assert code == 1 and "error at 1:" in err, err
    code, out, err = kg("sparql", "SELECT ?n WHERE { ?f a kgo:StateOwnedFund ; kgo:name ?n } LIMIT 1",
                        "--store", built.path, "--engine", "oxigraph", "-f", "json")
    assert code == 0 and json.loads(out), err  # the prefixes are still declared


@pytest.mark.parametrize("fmt", ["nt", "nq", "ttl", "xml"])
def test_rdflib_export_warns_nothing(built: Store, tmp_path: Path, fmt: str) -> None:
    """`kg export --engine rdflib` goes through rdflib's writers; none may print a warning at the user."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", UserWarning)  # the kind Python shows a user (not DeprecationWarning)
        assert write_rdf(built, fmt, tmp_path / f"g.{fmt}", engine="rdflib") > 0
