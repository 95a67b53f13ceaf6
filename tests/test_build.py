"""`kg.build`: no input crashes a build: every kind of hostile file becomes one reported failure (or is
read), the build goes on, good facts stay, reports cannot be forged, and extraction stays linear. How bytes
become text is in tests/ingest/ (test_decode.py, test_markdown.py); parallel builds in test_build_jobs.py
and test_build_dask.py, the order of articles in test_build_order.py."""

from __future__ import annotations

import importlib.util
import json
import os
import random
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from kg.build import BuildReport, NothingToBuild, build
from kg.extract import extract
from kg.extract.pipeline import _merge_relations
from kg.extract.relations.engine import RelationCandidate
from kg.extract.text import Sentence
from kg.ingest.limits import Limits
from kg.ingest.readers import read_file
from kg.model import Article, article_id_for
from kg.store import Store, open_store
from tests.factories import run_kg as kg

ROOT = Path(__file__).resolve().parent.parent
GOOD = "2025年3月1日，云杉资本领投了白桦科技的A轮融资。"
OTHER = "2025年3月2日，青松创投投资了赤岩智能。"
GOOD_FACT = ("云杉资本", "白桦科技")
OTHER_FACT = ("青松创投", "赤岩智能")


def invested(store: Store) -> set[tuple[str, str]]:
    """(investor, company) names of every INVESTED_IN edge in the store."""
    names = {e.id: e.name for e in store.entities()}
    return {(names[r.source], names[r.target]) for r in store.relations() if r.type == "INVESTED_IN"}


def write(folder: Path, name: str | bytes, data: bytes) -> Path:
    """A file under `folder` whose name may be any bytes (as a hostile folder's names are)."""
    path = Path(os.fsdecode(os.path.join(os.fsencode(folder), os.fsencode(name))))
    path.write_bytes(data)
    return path


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """An input folder holding one good article (built after any `a-…` file, in name order)."""
    path = tmp_path / "in"
    path.mkdir()
    write(path, "z-good.txt", GOOD.encode())
    return path


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with open_store(tmp_path / "store", create=True) as graph_store:
        yield graph_store


def only_failure(report: BuildReport) -> tuple[str, str]:
    assert len(report.failures) == 1, report.failures
    return report.failures[0]


# -- one bad file, the rest is built ---------------------------------------------------------------

SMALL = Limits(max_file_bytes=4096, max_line_chars=1000, max_json_depth=20, max_html_tags=50)
BAD_FILES = [
    ("a-deep.jsonl", ('{"text": ' + "[" * 200000 + "]" * 200000 + "}").encode(), "nested deeper than 100", None),
    ("a-deep-object.jsonl", ('{"a":' * 50 + "1" + "}" * 50).encode(), "nested deeper than 20", SMALL),
    ("a-random.txt", random.Random(3).randbytes(2000), "binary", None),
    ("a-empty.md", b"", "empty", None),
    ("a-nul.txt", GOOD.encode() + b"\x00\x00" + GOOD.encode(), "NUL", None),
    ("a-controls.txt", bytes(range(1, 32)) * 20, "control characters", None),
    ("a-no-words.txt", "！？。，——".encode(), "no words", None),
    ("a-big.txt", OTHER.encode() * 200, "size limit of 0.00390625 MB (--max-file-mb)", SMALL),
    ("a-long-line.md", b"x" * 1001, "1,001 characters is over the limit of 1,000 (--max-line-chars)", SMALL),
    ("a-tags.html", b"<html><body>" + b"<p>" * 60 + b"</body></html>", "over the limit of 50 (--max-html-tags)", SMALL),
    ("a-mixed.txt", OTHER.encode() + "红杉中国投资了黑松科技。".encode("gbk") + OTHER.encode(),
     "mixed or unknown encoding", None),
    ("a-bigint.jsonl", b'{"text": "x", "n": ' + b"9" * 5000 + b"}", "malformed JSON", None),
    ("a-utf16-broken.txt", "Zhipu listed.".encode("utf-16-le") + b"\x00\xd8" + b"a\x00",
     "looks like UTF-16 without a byte-order mark", None),
]


@pytest.mark.parametrize(("name", "data", "reason", "limits"), BAD_FILES, ids=[b[0] for b in BAD_FILES])
def test_a_bad_file_is_one_reported_failure_and_the_build_goes_on(
    folder: Path, store: Store, name: str, data: bytes, reason: str, limits: Limits | None
) -> None:
    bad = write(folder, name, data)
    report = build(store, [folder], **({"limits": limits} if limits else {}))
    where, why = only_failure(report)
    assert where.split(".jsonl:")[0].removesuffix(".jsonl") in str(bad)
    assert reason in why and str(bad) not in why
    assert report.added == 1 and GOOD_FACT in invested(store)
    assert [a.path for a in store.articles()] == [str(folder / "z-good.txt")]


def test_the_cli_exits_2_and_prints_each_failure_once_with_its_path(folder: Path, tmp_path: Path) -> None:
    bad = write(folder, "a-binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00")
    code, out, err = kg("build", folder, "--store", tmp_path / "s")
    assert code == 2 and out.startswith("1 article(s) added, 0 unchanged, 1 failed")
    [line] = err.splitlines()
    assert line.startswith(f"kg: failed: {bad}: ") and line.count(str(bad)) == 1
    assert "binary" in line


def test_a_lone_surrogate_in_json_is_replaced_and_the_article_built(folder: Path, store: Store) -> None:
    write(folder, "a.jsonl", b'{"text": "\\ud800 ' + OTHER.encode() + b'", "title": "t\\udfff"}\n')
    report = build(store, [folder])
    assert report.failures == [] and report.added == 2
    assert OTHER_FACT in invested(store) and GOOD_FACT in invested(store)
    [info] = [a for a in store.articles() if a.path.endswith("a.jsonl:1")]
    assert info.title == "t\ufffd" and store.article_text(info.id).startswith("\ufffd ")


def test_a_file_name_that_is_not_utf8_is_built_and_stored_printably(folder: Path, store: Store) -> None:
    write(folder, b"latin1-\xe9\xff.txt", OTHER.encode())
    report = build(store, [folder])
    assert report.failures == [] and report.added == 2
    assert OTHER_FACT in invested(store)
    assert f"{folder}/latin1-\\xe9\\xff.txt" in {a.path for a in store.articles()}


@pytest.mark.parametrize("name", [b"a\nkg: failed: forged.txt", b"a\rkg: failed: x.txt", b"a-\x1b[2J\xff.txt",
                                  "a-\u202eevil.txt".encode()])
def test_a_file_name_cannot_forge_report_lines(folder: Path, tmp_path: Path, name: bytes) -> None:
    write(folder, name, b"\x00\x01\x02" * 20)
    code, _out, err = kg("build", folder, "--store", tmp_path / "s")
    assert code == 2
    [line] = err.splitlines()  # one failure, one line: the name's newline is escaped
    assert line.startswith("kg: failed: ") and "binary" in line
    assert not any(c in line for c in "\r\x1b\u202e")
    assert "\\n" in line or "\\r" in line or "\\x1b" in line or "\\u202e" in line


def test_a_failing_store_write_is_rolled_back_and_the_build_goes_on(folder: Path, store: Store) -> None:
    """A real database error in the middle of an article's transaction (a trigger refuses its
    relation): no half-written article — not its row, not its mentions, not the entities only it
    named — and the next article is still built."""
    write(folder, "a-doomed.txt", OTHER.encode())
    doomed = article_id_for(OTHER)
    store.connection.execute(
        f"CREATE TEMP TRIGGER refuse BEFORE INSERT ON relation_sources WHEN NEW.article_id = '{doomed}' "
        "BEGIN SELECT RAISE(ABORT, 'disk on fire'); END"
    )
    report = build(store, [folder])
    where, why = only_failure(report)
    assert where == str(folder / "a-doomed.txt") and "storing" in why and "disk on fire" in why
    assert not store.has_article(doomed)
    for table in ("mentions", "aliases", "relation_sources"):
        assert store.connection.execute(f"SELECT count(*) FROM {table} WHERE article_id = ?", (doomed,)).fetchone() \
            == (0,)
    names = {e.name for e in store.entities()}
    assert "赤岩智能" not in names and "白桦科技" in names
    assert invested(store) == {GOOD_FACT}


# -- JSON Lines ------------------------------------------------------------------------------------


def test_a_bad_jsonl_line_is_reported_with_its_number_and_the_good_lines_kept(folder: Path, store: Store) -> None:
    lines = [json.dumps({"text": OTHER}, ensure_ascii=False), "{broken", json.dumps({"text": GOOD + "又及。"},
                                                                                    ensure_ascii=False),
             "[1]", json.dumps({"text": "MiniMax listed in Hong Kong."})]
    path = write(folder, "feed.jsonl", "\n".join(lines).encode())
    report = build(store, [folder])
    assert [w for w, _ in report.failures] == [f"{path}:2", f"{path}:4"]
    assert "malformed JSON" in report.failures[0][1] and "expected a JSON object" in report.failures[1][1]
    assert report.added == 4
    assert {a.path for a in store.articles()} >= {f"{path}:1", f"{path}:3", f"{path}:5"}


def test_many_bad_lines_are_listed_up_to_a_cap(tmp_path: Path) -> None:
    path = write(tmp_path, "bad.jsonl", b"{x\n" * 50 + json.dumps({"text": GOOD}).encode())
    read = read_file(path)
    assert len(read.articles) == 1
    assert len(read.problems) == 21 and read.problems[-1] == (str(path), "30 more bad lines not listed")


# -- metadata, empty input, options ----------------------------------------------------------------


@pytest.mark.parametrize(("name", "data"), [
    ("a.jsonl", json.dumps({"text": OTHER, "published": "9999-99-99"}, ensure_ascii=False).encode()),
    ("a.md", f"---\ntitle: T\npublished: 9999-99-99\n---\n\n{OTHER}\n".encode()),
    ("b.md", f"---\ndate: 2025-02-30\n---\n{OTHER}\n".encode()),
], ids=["jsonl", "front-matter", "february-30"])
def test_an_impossible_date_is_dropped_with_a_warning(folder: Path, tmp_path: Path, name: str, data: bytes) -> None:
    path = write(folder, name, data)
    code, _out, err = kg("build", folder, "--store", tmp_path / "s", "--article-date", "2025-06-01")
    assert code == 0
    [line] = err.splitlines()
    assert line.startswith(f"kg: warning: {path}") and "dropped" in line
    with open_store(tmp_path / "s") as built:
        published = {a.path.split(".md")[0].split(".jsonl")[0]: a.published for a in built.articles()}
    assert published[str(folder / Path(name).stem)] == "2025-03-02"  # the date the text states


def test_front_matter_is_metadata_not_text(tmp_path: Path) -> None:
    path = write(tmp_path, "a.md", f"---\ntitle: \"白桦科技融资\"\ndate: 2025-03-01\n---\n\n{OTHER}\n".encode())
    [article] = read_file(path).articles
    assert article.title == "白桦科技融资" and article.published == "2025-03-01"
    assert article.text.strip() == OTHER


@pytest.mark.parametrize("extra", [[], ["README.md", ".hidden.txt", "notes.pdf", "x.gold.json"]])
def test_an_empty_folder_is_an_error_not_a_silent_success(tmp_path: Path, extra: list[str]) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    for name in extra:
        (empty / name).write_text("text", encoding="utf-8")
    code, out, err = kg("build", empty, "--store", tmp_path / "s")
    assert code == 1 and out == ""
    assert err.startswith("kg: error: nothing to build: no article files") and str(empty) in err
    assert not (tmp_path / "s").exists()
    with open_store(tmp_path / "s2", create=True) as graph_store, pytest.raises(NothingToBuild):
        build(graph_store, [empty])


def test_a_bad_article_date_option_is_an_error(folder: Path, tmp_path: Path) -> None:
    code, _out, err = kg("build", folder, "--store", tmp_path / "s", "--article-date", "2025-13-45")
    assert code == 1 and "not a YYYY-MM-DD date" in err


def test_limits_are_build_options(folder: Path, tmp_path: Path) -> None:
    write(folder, "a.txt", OTHER.encode() + b"\n" + b"y" * 200)
    code, _out, err = kg("build", folder, "--store", tmp_path / "s", "--max-line-chars", "100")
    assert code == 2 and "(--max-line-chars)" in err
    code, _out, err = kg("build", folder, "--store", tmp_path / "s2", "--max-line-chars", "0")
    assert code == 1 and "max_line_chars must be at least 1" in err


@pytest.mark.parametrize("kind", ["loop", "dangling", "fifo"])
def test_links_and_pipes_with_article_names_are_reported(folder: Path, store: Store, kind: str) -> None:
    path = folder / "a.txt"
    if kind == "loop":
        os.symlink("b.txt", path)
        os.symlink("a.txt", folder / "b.txt")
    elif kind == "dangling":
        os.symlink("nowhere.txt", path)
    else:
        os.mkfifo(path)
    report = build(store, [folder])
    assert str(path) in {w for w, _ in report.failures} and report.added == 1


# -- linear time and the hostile corpus ------------------------------------------------------------


def _best_extract_time(text: str) -> float:
    """CPU seconds, best of three: other processes on a shared machine do not count against the ratio."""
    best = float("inf")
    for _ in range(3):
        start = time.process_time()
        extract(Article(text=text, published="2025-03-18"))
        best = min(best, time.process_time() - start)
    return best


@pytest.mark.parametrize("unit", ["a", "Ab ", "资本"])
def test_extraction_is_linear_on_one_long_word(unit: str) -> None:
    """A pattern that tries a word at every position of a 50k-letter word was quadratic (the fuzz
    corpus's long-word file took minutes); four times the text must take about four times as long."""
    head = "2025年3月17日，海棠资本领投了星禾机器人的A轮融资。\n"
    n = 12_000 // len(unit)
    extract(Article(text=head, published="2025-03-18"))  # the segmenter's dictionary, loaded once
    small, large = _best_extract_time(head + unit * n), _best_extract_time(head + unit * 4 * n)
    assert large < 9 * small + 0.05, (small, large)


def _fuzz_module():  # noqa: ANN202 - a script loaded as a module
    spec = importlib.util.spec_from_file_location("fuzz_build", ROOT / "scripts" / "fuzz_build.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_a_hostile_corpus_builds_without_an_exception(tmp_path: Path, store: Store) -> None:
    """The fuzz script's generator, small: every kind of hostile file once and more, plus good
    articles; the build raises nothing, reports every bad file, reads every readable one, keeps
    every good fact."""
    fuzz = _fuzz_module()
    cases = fuzz.make_corpus(tmp_path / "corpus", hostile=40, good=4, seed=7, with_too_big=False)
    report = build(store, [tmp_path / "corpus"], limits=fuzz.FUZZ_LIMITS)
    verdict = fuzz.check(store, report, cases)
    assert verdict.ok, (verdict.missing_reports, verdict.wrongly_reported, verdict.facts_missing)
    assert verdict.facts_kept == 4 and all(reason for _w, reason in report.failures)


def _best_merge_time(count: int) -> float:
    """Merging `count` distinct investments that name no round (each of them looks for siblings)."""
    sentence = Sentence(index=0, start=0, end=1)
    best = float("inf")
    for _ in range(3):
        rels = [RelationCandidate("INVESTED_IN", i, i + 1, {}, sentence, 0, 1, "test", 0.8) for i in range(count)]
        start = time.process_time()
        merged = _merge_relations(rels, [], str)
        best = min(best, time.process_time() - start)
        assert len(merged) == count
    return best


def test_merging_facts_is_linear_in_their_number() -> None:
    """A fact without a round looked for its siblings among all facts of the article: a 2 MB page of
    deal briefs (6,600 facts) spent 28 s there. Four times the facts must take about four times as long."""
    small, large = _best_merge_time(2_000), _best_merge_time(8_000)
    assert large < 9 * small + 0.02, (small, large)


def test_rules_that_open_with_a_name_are_skipped_on_nameless_text_and_no_other() -> None:
    """A 1 MB Markdown line of emphasis markers has no name in it; the 102 rules whose matches open
    with one were tried at each of its characters (11 s). Rules that read pronouns must still run."""
    from kg.extract.relations.engine import _opens_with_entity
    from kg.extract.relations.rules import RULES

    opening = [r for r in RULES if _opens_with_entity(r)]
    assert len(opening) > len(RULES) / 2
    for rule in opening:  # each really needs a name at its start
        assert not rule.regex.match("a " * 50) and not rule.regex.match("他们都是联合创始人。")
    pronoun = "他们不是普通高管，而是都是联合创始人"
    assert [r for r in RULES if not _opens_with_entity(r) and r.regex.search(pronoun)]


def test_a_build_of_known_articles_does_not_load_the_rules(tmp_path: Path) -> None:
    """Re-running a build over a folder it has seen is the common case (a feed folder built daily):
    it hashes the articles and stops, without importing and compiling every extraction rule (about
    half a second; `kg.extract` imports the pipeline on first use). No build imports the query side's
    graph library (networkx) either: the writer never draws a graph."""
    import subprocess

    article = tmp_path / "a.txt"
    article.write_text("2025年8月1日，星衡智能宣布完成1亿元A轮融资，由真格基金领投。", encoding="utf-8")
    script = ("import sys; from pathlib import Path; from kg.build import build; from kg.store import open_store\n"
              "with open_store(Path(sys.argv[1])) as store:\n"
              "    report = build(store, [Path(sys.argv[2])])\n"
              "loaded = [m in sys.modules for m in ('kg.extract.pipeline', 'networkx')]\n"
              "print(report.added, report.unchanged, *loaded)\n")
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
    runs = [subprocess.run([sys.executable, "-c", script, str(tmp_path / "store"), str(article)],
                           capture_output=True, text=True, check=True, env=env).stdout.split() for _ in range(2)]
    assert runs == [["1", "0", "True", "False"], ["0", "1", "False", "False"]]
