"""The gazetteer (`kg.extract.gazetteer`): its data file (general, typed, one entry per name, values the
shapes allow), a gazetteer of one's own, Latin names matched by case and word, and leaving an entry out
as an argument of the build."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

import pytest

from kg.extract import extract
from kg.extract.gazetteer import DEFAULT_PATH, Gazetteer, GazetteerEntry, load_gazetteer, matching_form
from kg.extract.text import longest_first, normalize_text
from kg.ingest.decode import decode_bytes
from kg.model import Article
from kg.names import normalize_name
from kg.ontology import load_ontology
from tests import paths
from tests.extract.helpers import entity, names_of, run


def test_custom_gazetteer() -> None:
    gaz = Gazetteer([GazetteerEntry("acme", "Company", "Acme", ("Acme", "艾克米"), {"region": "Mars"})])
    ex = extract(Article(text="艾克米完成融资。Acme is growing."), gazetteer=gaz)
    acme = entity(ex, "艾克米")
    assert acme.key == "acme" and acme.attrs == {"region": "Mars"}
    assert acme.names == ["艾克米", "Acme"]


@pytest.mark.parametrize(
    ("text", "name"),
    [("apple pie and an apple", "Apple"), ("the sse of it", "SSE"), ("moonshot thinking", "Moonshot AI")],
)
def test_latin_gazetteer_names_respect_case_and_word_boundaries(text: str, name: str) -> None:
    ex = run(text)
    assert normalize_name(name) not in {n for e in ex.entities for n in names_of(e)}


def test_gazetteer_is_general_and_typed() -> None:
    gaz = load_gazetteer()
    assert 150 <= len(gaz) <= 2000
    ontology = load_ontology()
    for entry in gaz.entries.values():
        assert re.fullmatch(r"[a-z0-9][a-z0-9.-]*", entry.key), entry.key
        ontology.cls(entry.type)
    assert gaz.lookup("香港聯交所").key == "hkex"
    assert gaz.lookup("科创板").key == "sse"
    assert gaz.lookup("Shenzhen Capital Group").type == "StateOwnedFund"


def test_gazetteer_names_belong_to_one_entry_each() -> None:
    """The loader keeps the first entry for a name silently, so the data file must not share one."""
    doc = json.loads(DEFAULT_PATH.read_text(encoding="utf-8"))
    owner: dict[str, str] = {}
    for raw in doc["entries"]:
        for name in [raw["preferred"], *(n for names in raw.get("names", {}).values() for n in names)]:
            form = matching_form(normalize_text(name).text)
            assert owner.setdefault(form, raw["key"]) == raw["key"], (name, owner[form], raw["key"])
    assert len({raw["key"] for raw in doc["entries"]}) == len(doc["entries"])


def test_gazetteer_exclusion_is_a_parameter_of_build(tmp_path: Path) -> None:
    """Leaving an entry out (the ablation measure) is an argument, not process state: the same build
    with and without the entry differs only in whether the name is pinned to the gazetteer key."""
    from kg.build import build
    from kg.store import open_store

    article = tmp_path / "a.txt"
    article.write_text("2025年3月1日，腾讯投资领投了星衡智能的A轮融资。", encoding="utf-8")
    without = load_gazetteer(exclude=frozenset({"tencent"}))
    assert without.get("tencent") is None and without.get("hkex") is not None
    ids = {}
    for label, gaz in (("full", load_gazetteer()), ("ablated", without)):
        with open_store(tmp_path / label) as store:
            build(store, [article], gazetteer=gaz)
            ids[label] = {e.id for e in store.entities()}
    assert "organization:tencent" in ids["full"]
    assert "organization:tencent" not in ids["ablated"]
    assert load_gazetteer().get("tencent") is not None


@pytest.mark.parametrize("prop", ["gov_level", "investor_kind"])
def test_gazetteer_attributes_take_only_values_the_shapes_allow(prop: str) -> None:
    """A gazetteer value outside a shape's list (a "regional" HK regulator) fails `kg validate` for any
    store whose articles name that entity."""
    from rdflib import Graph, Namespace
    from rdflib.collection import Collection

    from kg.ontology import shapes_path

    sh = Namespace("http://www.w3.org/ns/shacl#")
    shapes = Graph().parse(shapes_path())
    allowed: set[str] = set()
    for node in shapes.subjects(sh.path, None):
        if str(shapes.value(node, sh.path)).endswith(prop) and (lst := shapes.value(node, getattr(sh, "in"))):
            allowed |= {str(v) for v in Collection(shapes, lst)}
    assert allowed
    used = {e.attrs[prop] for e in load_gazetteer().entries.values() if prop in e.attrs}
    assert used <= allowed, used - allowed


def _regex_scan(gaz: Gazetteer, regex: re.Pattern[str], text: str) -> list[tuple[int, int, str, str | None]]:
    """The scan as it was written with one regular expression of every name (`longest_first`)."""
    folded = matching_form(text)
    out = []
    pos = 0
    while (m := regex.search(folded, pos)) is not None:
        start, end = m.span()
        if not gaz._valid(text, folded, start, end):
            shorter = gaz._shorter(text, folded, start, end)
            if shorter is None:
                pos = start + 1
                continue
            end = shorter
        key, board, _ = gaz.by_name[folded[start:end]]
        out.append((start, end, key, board))
        pos = end
    return out


def test_the_automaton_scan_finds_what_the_regex_scan_found() -> None:
    gaz = load_gazetteer()
    rng = random.Random(3)
    names = sorted(gaz._spellings)
    spellings = [spelling for form in names for spelling in sorted(gaz._spellings[form])]
    texts = [normalize_text(decode_bytes(p.read_bytes())[0]).text for p in sorted(paths.EXAMPLES.glob("*.txt"))]
    for _ in range(300):  # names side by side, inside each other's letters, in other cases
        parts = [rng.choice(spellings) for _ in range(rng.randint(1, 6))]
        glue = [rng.choice(["", " ", "和", "a", "、", "X"]) for _ in parts]
        text = "".join(g + (p.lower() if rng.random() < 0.2 else p) for g, p in zip(glue, parts, strict=True))
        texts.append(normalize_text(text).text)
    regex = re.compile(longest_first(gaz.by_name))
    matched = 0
    for text in texts:
        found = [(m.start, m.end, m.entry.key, m.board) for m in gaz.scan(text)]
        assert found == _regex_scan(gaz, regex, text), text
        matched += len(found)
    assert matched > 300
