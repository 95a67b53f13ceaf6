"""Fuzz `kg build` with a hostile corpus: no traceback, every bad file reported, every good fact kept.

Generates, in a temporary folder, hundreds of files of the kinds users really point `kg build` at by
mistake or malice — random bytes, truncated UTF-8, mixed encodings, NUL bytes, UTF-16 without a
byte-order mark, huge lines, deep JSON, JSON Lines with good and bad lines, lone surrogate escapes,
impossible dates, HTML and Markdown bombs, empty files, symbolic-link loops, pipes, file names with
newlines, escape sequences and bytes that are not UTF-8 — plus short invented funding stories whose
facts must reach the store. Builds it through the library (`kg.build.build`), then once through the
CLI in a subprocess (to count tracebacks and check that no file name forges a report line), and
prints: files, tracebacks, files reported, good files whose facts are in the store, time per MB,
peak memory. Then times the two large cases of the hardening issue in subprocesses with a timeout:
a 1 MB Markdown file of emphasis markers and (unless --quick) a 2 MB one-line file of one repeated
sentence.

    python scripts/fuzz_build.py [--hostile 320] [--good 24] [--seed 1] [--quick] [--timeout 120]

The corpus is built with tighter limits than the defaults (`FUZZ_LIMITS`) so that over-limit files
stay small. Exit status 1 if any check fails. `make_corpus` is also used by the test suite.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from kg.ingest.limits import Limits  # noqa: E402

#: Small limits, so that files over them are cheap to write and read.
FUZZ_LIMITS = Limits(max_file_bytes=2 * 1024 * 1024, max_line_chars=300_000, max_json_depth=100)

ZH_PAIRS = [("云杉资本", "白桦科技"), ("青松创投", "赤岩智能"), ("海棠资本", "星禾机器人"), ("银杏投资", "蓝鲸科技"),
            ("白鹭资本", "墨竹智能"), ("松涛创投", "雪峰半导体"), ("碧湖资本", "云帆科技"), ("金麦投资", "青禾生物"),
            ("远山资本", "翠湾科技")]
EN_PAIRS = [("Larchwood Capital", "Birchline Technologies"), ("Quarry Ventures", "Pinegate Robotics"),
            ("Harbor Lane Partners", "Tidewell Labs"), ("Stonebridge Capital", "Glasswing AI"),
            ("Maple Crest Ventures", "Ferrowave Systems"), ("Northfield Capital", "Quillstone Robotics"),
            ("Silver Fern Ventures", "Redwater Analytics"), ("Copperleaf Capital", "Lumen Harbor Inc.")]

_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"]


@dataclass
class Case:
    """One generated file: what it is and what a build must do with it.

    `expect` is "fail" (reported with its path and a reason), "ok" (built, not reported), "partial"
    (some JSON Lines records reported, the rest built) or "any" (either, but never a traceback).
    `fact` is (investor, company) for a good article whose INVESTED_IN edge must be in the store.
    """

    path: Path
    kind: str
    expect: str
    fact: tuple[str, str] | None = None


def zh_story(rng: random.Random, pair: tuple[str, str] | None = None) -> str:
    investor, company = pair or rng.choice(ZH_PAIRS)
    day = rng.randint(1, 28)
    return rng.choice([
        f"2025年3月{day}日，{investor}领投了{company}的A轮融资。",
        f"2025年4月{day}日讯，{investor}投资了{company}。本轮资金将用于研发。",
    ])


def en_story(rng: random.Random, pair: tuple[str, str] | None = None) -> str:
    investor, company = pair or rng.choice(EN_PAIRS)
    day = rng.randint(1, 28)
    return rng.choice([
        f"March {day}, 2025 - {investor} led a $20 million Series A round in {company}.",
        f"{investor} invested in {company}, the company said on April {day}, 2025.",
    ])


# -- hostile kinds: each returns (file name bytes, content bytes or None for special files, expect) ---

Kind = Callable[[random.Random, int], tuple[bytes, bytes | None, str]]


def _random_bytes(rng: random.Random, i: int) -> tuple[bytes, bytes, str]:
    suffix = rng.choice([b".txt", b".md", b".jsonl", b".html"])
    return b"random-%d%s" % (i, suffix), rng.randbytes(rng.choice([64, 100, 400, 4096, 20000])), "fail"


def _empty(rng: random.Random, i: int) -> tuple[bytes, bytes, str]:
    body = rng.choice([b"", b"   \n\n\t ", b"\xef\xbb\xbf", b"\xff\xfe", b"\n" * 1000])
    return b"empty-%d%s" % (i, rng.choice([b".txt", b".md", b".jsonl", b".html"])), body, "fail"


def _nul(rng: random.Random, i: int) -> tuple[bytes, bytes, str]:
    text = zh_story(rng).encode()
    cut = rng.randrange(len(text))
    return b"nul-%d.txt" % i, text[:cut] + b"\x00" * rng.randint(1, 50) + text[cut:], "fail"


def _truncated_utf8(rng: random.Random, i: int) -> tuple[bytes, bytes, str]:
    text = (zh_story(rng) * rng.randint(1, 4)).encode()
    return b"truncated-%d.txt" % i, text[:-1], "ok"  # cut inside the last character: U+FFFD


def _mixed_encodings(rng: random.Random, i: int) -> tuple[bytes, bytes, str]:
    a, b = zh_story(rng), zh_story(rng)
    return b"mixed-%d.txt" % i, a.encode("utf-8") + b"\n" + b.encode("gbk") + b"\n" + a.encode("utf-8"), "fail"


def _huge_line(rng: random.Random, i: int) -> tuple[bytes, bytes, str]:
    line = ("x" * 1000 + " ") * (FUZZ_LIMITS.max_line_chars // 1000 + rng.randint(1, 20))
    return b"huge-line-%d%s" % (i, rng.choice([b".txt", b".md"])), line.replace(" ", "").encode(), "fail"


def _too_big(rng: random.Random, i: int) -> tuple[bytes, bytes, str]:
    return b"too-big-%d.txt" % i, ("云杉资本投资了白桦科技。\n" * 70000).encode(), "fail"


def _deep_json(rng: random.Random, i: int) -> tuple[bytes, bytes, str]:
    depth = rng.choice([101, 5000, 200000])
    opener, closer = rng.choice([("[", "]"), ('{"a":', "}")])
    good = json.dumps({"text": zh_story(rng)}, ensure_ascii=False)
    return b"deep-%d.jsonl" % i, f"{good}\n{opener * depth}1{closer * depth}\n".encode(), "partial"


def _surrogate_json(rng: random.Random, i: int) -> tuple[bytes, bytes, str]:
    lone = rng.choice(["\\ud800", "\\udfff", "\\udc80\\udc81"])
    text = json.dumps({"text": "X" + zh_story(rng), "title": "t" + lone}, ensure_ascii=True).replace('"X', '"' + lone)
    return b"surrogate-%d.jsonl" % i, text.encode() + b"\n", "ok"


def _jsonl_mixed(rng: random.Random, i: int) -> tuple[bytes, bytes, str]:
    bad = ["{not json", "[1, 2]", '{"title": "x"}', '{"text": "   "}', '{"text": 5}', "null",
           '{"text": "a\\u0000\\u0001\\u0002\\u0003\\u0004\\u0005"}', '{"text": "x", "n": ' + "9" * 5000 + "}",
           '"just a string"', "\x7f\x01{"]
    lines = [json.dumps({"text": en_story(rng) if rng.random() < 0.5 else zh_story(rng)}, ensure_ascii=False)
             for _ in range(rng.randint(1, 4))]
    lines += rng.sample(bad, rng.randint(1, 3))
    rng.shuffle(lines)
    return b"jsonl-mixed-%d.jsonl" % i, ("\n".join(lines) + "\n").encode(), "partial"


def _jsonl_all_bad(rng: random.Random, i: int) -> tuple[bytes, bytes, str]:
    return b"jsonl-bad-%d.jsonl" % i, b"{oops\n[]\n{\"text\": null}\n" * rng.randint(1, 30), "fail"


def _bad_date(rng: random.Random, i: int) -> tuple[bytes, bytes, str]:
    date = rng.choice(["9999-99-99", "2025-13-01", "2025-02-30", "0000-00-00", "tomorrow", "１２３"])
    if rng.random() < 0.5:
        return b"date-%d.jsonl" % i, json.dumps({"text": zh_story(rng), "published": date}).encode() + b"\n", "ok"
    return b"date-%d.md" % i, f"---\npublished: {date}\n---\n{en_story(rng)}\n".encode(), "ok"


def _html_bomb(rng: random.Random, i: int) -> tuple[bytes, bytes, str]:
    n = rng.choice([1000, 20000, 100000])
    body = rng.choice([
        "<script>" + "var a=1;" * n + "</script>",
        "<div>" * n + "</div>" * n,
        "<p>" * n,
        "<!--" + "x" * n,
        "<table>" + "<tr><td>" * (n // 10) + "</table>",
        "<a href='" + "&amp;" * n + "'>x</a>",
        "<![CDATA[" + "]" * n,
    ])
    story = f"<p>{zh_story(rng)}</p>" if rng.random() < 0.5 else ""
    return b"bomb-%d.html" % i, f"<html><head><title>t</title></head><body>{story}{body}</body></html>".encode(), "any"


def _md_bomb(rng: random.Random, i: int) -> tuple[bytes, bytes, str]:
    unit = rng.choice(["*a ", "**a ", "_a ", "`a ", "[a](", "[", "![", "# ", "> ", "*", "_a_", "](b"])
    return b"md-bomb-%d.md" % i, (en_story(rng) + "\n" + unit * rng.choice([2000, 20000])).encode(), "ok"


def _weird_name(rng: random.Random, i: int) -> tuple[bytes, bytes, str]:
    name = rng.choice([
        b"line\nkg: failed: forged-%d.txt", b"tab\there-%d.txt", b"esc-\x1b[31mred-%d.txt", b"latin1-\xe9\xff-%d.txt",
        b"rtl-\xe2\x80\xaetxt.exe-%d.txt", b"-dash-%d.txt", b"spaces  and  more-%d.txt", b"cr\rname-%d.txt",
        b"x" * 200 + b"-%d.txt", b"nfd-e\xcc\x81-%d.md", b"bell\x07-%d.txt", b"q'uo\"te;$(x)-%d.txt",
    ]) % i
    return name, zh_story(rng).encode(), "ok"


def _weird_name_bad(rng: random.Random, i: int) -> tuple[bytes, bytes, str]:
    name = rng.choice([b"bad\nkg: failed: forged-%d.txt", b"bad-\xff\xfe-%d.txt", b"bad-\x1b]0;x\x07-%d.txt"]) % i
    return name, b"\x00\x01\x02" * 30, "fail"


def _utf16_no_bom(rng: random.Random, i: int) -> tuple[bytes, bytes, str]:
    codec = rng.choice(["utf-16-le", "utf-16-be"])
    story = zh_story(rng) if rng.random() < 0.5 else en_story(rng)
    return b"utf16-%s-%d.txt" % (codec[-2:].encode(), i), story.encode(codec), "ok"


def _utf16_broken(rng: random.Random, i: int) -> tuple[bytes, bytes, str]:
    return b"utf16-broken-%d.txt" % i, b"\xff\xfe" + "云杉".encode("utf-16-le") + b"\x00\xd8\x41", "fail"


def _binary_formats(rng: random.Random, i: int) -> tuple[bytes, bytes, str]:
    magic = rng.choice([b"\x89PNG\r\n\x1a\n", b"\x1f\x8b\x08\x00", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", b"PK\x03\x04",
                        b"\x7fELF\x02\x01\x01\x00", b"GIF89a"])
    return b"binary-%d.txt" % i, magic + rng.randbytes(rng.randint(100, 3000)), "fail"


def _controls(rng: random.Random, i: int) -> tuple[bytes, bytes, str]:
    return b"controls-%d.txt" % i, bytes(rng.choice(range(1, 32)) for _ in range(500)), "fail"


def _no_words(rng: random.Random, i: int) -> tuple[bytes, bytes, str]:
    return b"no-words-%d.txt" % i, rng.choice(["！？。，" * 50, "-- ** ## !!", "\u200b\u200b\u200b"]).encode(), "fail"


def _legacy_good(rng: random.Random, i: int) -> tuple[bytes, bytes, str]:
    codec = rng.choice(["gb18030", "gbk"])
    return b"legacy-%s-%d.txt" % (codec.encode(), i), zh_story(rng).encode(codec), "ok"


def _line_endings(rng: random.Random, i: int) -> tuple[bytes, bytes, str]:
    sep = rng.choice(["\r\n", "\r", "\u2028", "\x0c"])
    return b"endings-%d.txt" % i, sep.join([en_story(rng), zh_story(rng), ""]).encode(), "ok"


def _long_word(rng: random.Random, i: int) -> tuple[bytes, bytes, str]:
    return b"long-word-%d.txt" % i, (zh_story(rng) + "\n" + "a" * rng.choice([1000, 10000, 50000])).encode(), "ok"


SPECIAL = "special"


def _special(rng: random.Random, i: int) -> tuple[bytes, bytes | None, str]:
    return rng.choice([b"loop-%d.txt", b"dangling-%d.md", b"fifo-%d.txt"]) % i, None, "fail"


KINDS: dict[str, Kind] = {
    "random bytes": _random_bytes, "empty": _empty, "NUL bytes": _nul, "truncated UTF-8": _truncated_utf8,
    "mixed encodings": _mixed_encodings, "huge line": _huge_line, "deep JSON": _deep_json,
    "lone surrogate": _surrogate_json, "JSONL good+bad": _jsonl_mixed, "JSONL all bad": _jsonl_all_bad,
    "bad date": _bad_date, "HTML bomb": _html_bomb, "Markdown bomb": _md_bomb, "weird name": _weird_name,
    "weird name, bad file": _weird_name_bad, "UTF-16 no BOM": _utf16_no_bom, "UTF-16 broken": _utf16_broken,
    "binary formats": _binary_formats, "control characters": _controls, "no words": _no_words,
    "GBK/GB18030": _legacy_good, "line endings": _line_endings, "long word": _long_word, SPECIAL: _special,
}


def _write_special(path: bytes) -> None:
    """A symbolic-link loop, a dangling link or a named pipe (skipped where the OS has none)."""
    if b"loop" in path:
        other = path + b".other.txt"
        os.symlink(os.path.basename(other), path)
        os.symlink(os.path.basename(path), other)
    elif b"dangling" in path:
        os.symlink(b"nowhere.md", path)
    elif hasattr(os, "mkfifo"):
        os.mkfifo(path)


def make_corpus(root: Path, *, hostile: int = 320, good: int = 24, seed: int = 1,
                with_too_big: bool = True) -> list[Case]:
    """Write `hostile` hostile files and `good` good articles under `root`; return what each must do.

    Every kind appears at least once when `hostile` >= the number of kinds; the rest are drawn at
    random (seeded). Good articles are invented funding stories in Chinese and English, in every
    format and encoding the readers take.
    """
    rng = random.Random(seed)
    root.mkdir(parents=True, exist_ok=True)
    base = os.fsencode(root) + b"/"
    cases: list[Case] = []
    names = list(KINDS)
    for i in range(hostile):
        kind = names[i] if i < len(names) else rng.choice(names)
        name, body, expect = KINDS[kind](rng, i)
        path = base + name
        if body is None:
            _write_special(path)
            if b"loop" in name:
                cases.append(Case(Path(os.fsdecode(path + b".other.txt")), kind, expect))
        else:
            with open(path, "wb") as handle:
                handle.write(body)
        cases.append(Case(Path(os.fsdecode(path)), kind, expect))
    if with_too_big:
        name, body, expect = _too_big(rng, hostile)
        (root / os.fsdecode(name)).write_bytes(body)
        cases.append(Case(root / os.fsdecode(name), "too big", expect))
    (root / "skipped.pdf").write_bytes(b"%PDF-1.4")  # not an article type: never listed
    (root / "dir.txt").mkdir()  # a folder with an article's suffix: not a file, never listed
    for i in range(good):
        zh = i % 2 == 0
        pair = ZH_PAIRS[(i // 2) % len(ZH_PAIRS)] if zh else EN_PAIRS[(i // 2) % len(EN_PAIRS)]
        # a date of 2024 no hostile file uses, so that no good story is another file's duplicate
        month, day = 1 + i // 28 % 12, 1 + i % 28
        story = (f"2024年{month}月{day}日，{pair[0]}领投了{pair[1]}的A轮融资。" if zh else
                 f"{_MONTHS[month - 1]} {day}, 2024 - {pair[0]} led a $20 million Series A round in {pair[1]}.")
        fmt = ["txt", "md", "html", "jsonl", "gbk", "big5"][i % 6 if zh else i % 4]
        path = root / f"good-{i:02d}.{ {'gbk': 'txt', 'big5': 'txt'}.get(fmt, fmt)}"
        if fmt == "md":
            data = f"# {pair[1]}\n\n**{story}**\n".encode()
        elif fmt == "html":
            data = (f"<html><head><title>{pair[1]}</title></head><body><nav>首页 | 新闻</nav><article>"
                    f"<h1>{pair[1]}</h1><p>{story}</p></article></body></html>").encode()
        elif fmt == "jsonl":
            data = json.dumps({"text": story, "published": "2025-05-01"}, ensure_ascii=False).encode() + b"\n"
        elif fmt == "big5":
            import opencc

            data = opencc.OpenCC("s2t").convert(story).encode("big5")
        else:
            data = story.encode("gbk" if fmt == "gbk" else "utf-8")
        path.write_bytes(data)
        cases.append(Case(path, f"good {fmt}", "ok", pair))
    return cases


# -- checking --------------------------------------------------------------------------------------


@dataclass
class Verdict:
    """What a build did with a corpus, measured against each case's expectation."""

    files: int
    reported: int
    missing_reports: list[str]
    wrongly_reported: list[str]
    facts_kept: int
    facts_expected: int
    facts_missing: list[str]

    @property
    def ok(self) -> bool:
        return not (self.missing_reports or self.wrongly_reported or self.facts_missing)


def check(store: object, report: object, cases: list[Case]) -> Verdict:
    """Compare a build's report and store with what each case must do."""
    from kg.ingest.safe import display_path
    from kg.names import normalize_name

    failed = {where.rsplit(":", 1)[0] if re.search(r"\.jsonl:\d+$", where) else where
              for where, _reason in report.failures}  # type: ignore[attr-defined]
    missing, wrong = [], []
    for case in cases:
        where = display_path(case.path)
        if case.expect in ("fail", "partial") and where not in failed:
            missing.append(f"{case.kind}: {where}")
        if case.expect == "ok" and where in failed:
            wrong.append(f"{case.kind}: {where}")
    by_path: dict[str, set[str]] = {}
    for info in store.articles():  # type: ignore[attr-defined]
        by_path.setdefault(re.sub(r":\d+$", "", info.path or ""), set()).add(info.id)
    names = {e.id: {normalize_name(n) for n in (e.name, *e.aliases)} for e in store.entities()}  # type: ignore[attr-defined]
    edges: dict[str, set[tuple[str, str]]] = {}
    for rel in store.relations():  # type: ignore[attr-defined]
        if rel.type == "INVESTED_IN":
            for src in rel.sources:
                for a in names.get(rel.source, ()):
                    for b in names.get(rel.target, ()):
                        edges.setdefault(src.article_id, set()).add((a, b))
    kept, facts_missing, expected = 0, [], 0
    for case in cases:
        if case.fact is None:
            continue
        expected += 1
        ids = by_path.get(display_path(case.path), set())
        fact = (normalize_name(case.fact[0]), normalize_name(case.fact[1]))
        if any(fact in edges.get(i, set()) for i in ids):
            kept += 1
        else:
            facts_missing.append(f"{case.kind}: {display_path(case.path)} {case.fact}")
    return Verdict(len(cases), len(failed), missing, wrong, kept, expected, facts_missing)


# -- running ---------------------------------------------------------------------------------------


def _kg_command(*args: str) -> list[str]:
    return [sys.executable, "-c", "from kg.cli import main; main()", *args]


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}


def time_cli_build(path: Path, store: Path, timeout: float) -> str:
    """Seconds a CLI build of one file takes, run in a subprocess killed after `timeout`."""
    start = time.perf_counter()
    try:
        done = subprocess.run(_kg_command("build", str(path), "--store", str(store), "-q"), env=_env(),
                              capture_output=True, text=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        return f"did not finish within {timeout:g} s (killed)"
    took = time.perf_counter() - start
    tracebacks = done.stderr.count("Traceback")
    return f"{took:.1f} s, exit {done.returncode}, {tracebacks} tracebacks"


def _size(cases: list[Case]) -> int:
    total = 0
    for case in cases:
        try:
            total += case.path.stat().st_size if case.path.is_file() else 0
        except OSError:
            continue
    return total


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--hostile", type=int, default=320, help="hostile files to generate")
    parser.add_argument("--good", type=int, default=24, help="good articles to generate")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--quick", action="store_true", help="skip the 2 MB one-line repeated-sentence case")
    parser.add_argument("--timeout", type=float, default=120, help="seconds allowed for each large case")
    args = parser.parse_args(argv)

    from kg.build import build
    from kg.store import open_store

    with tempfile.TemporaryDirectory(prefix="kg-fuzz-") as tmp:
        work = Path(tmp)
        cases = make_corpus(work / "corpus", hostile=args.hostile, good=args.good, seed=args.seed)
        megabytes = _size(cases) / 1024 / 1024
        tracebacks = 0
        start = time.perf_counter()
        with open_store(work / "store-lib", create=True) as store:
            try:
                report = build(store, [work / "corpus"], limits=FUZZ_LIMITS)
            except BaseException as exc:  # the very thing this script hunts for
                import traceback

                traceback.print_exc()
                print(f"build() raised {type(exc).__name__}")
                return 1
            took = time.perf_counter() - start
            verdict = check(store, report, cases)
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

        limit_args = ["--max-file-mb", str(FUZZ_LIMITS.max_file_bytes / 1024 / 1024),
                      "--max-line-chars", str(FUZZ_LIMITS.max_line_chars)]
        cli = subprocess.run(_kg_command("build", str(work / "corpus"), "--store", str(work / "store-cli"), "-q",
                                         *limit_args), env=_env(), capture_output=True, text=True, check=False)
        tracebacks += cli.stderr.count("Traceback")
        failed_lines = [ln for ln in cli.stderr.splitlines() if ln.startswith("kg: failed: ")]
        stray = [ln for ln in cli.stderr.splitlines() if not ln.startswith(("kg: failed: ", "kg: warning: "))]
        hostile = sum(1 for c in cases if c.fact is None)
        print(f"files:                  {len(cases)} ({hostile} hostile, {len(cases) - hostile} good), "
              f"{megabytes:.1f} MB")
        print(f"tracebacks:             {tracebacks}")
        unexplained = sum(1 for where, reason in report.failures if not where or not reason.strip())
        print(f"failures reported:      {len(report.failures)} (from {verdict.reported} files), "
              f"{len(report.warnings)} warnings; {unexplained} without a path and a reason")
        print(f"bad files not reported: {len(verdict.missing_reports)}")
        print(f"ok files reported:      {len(verdict.wrongly_reported)}")
        print(f"good files with facts:  {verdict.facts_kept}/{verdict.facts_expected}")
        print(f"CLI:                    exit {cli.returncode}, {len(failed_lines)} 'kg: failed:' lines "
              f"(library: {len(report.failures)}), {len(stray)} other stderr lines")
        print(f"time:                   {took:.1f} s, {took / max(megabytes, 1e-9):.1f} s per MB")
        print(f"peak memory:            {peak_mb:.0f} MB (max RSS of this process)")
        for line in verdict.missing_reports + verdict.wrongly_reported + verdict.facts_missing + stray:
            print(f"  ! {line}")

        md = work / "emphasis.md"
        md.write_text("*a " * 350_000, encoding="utf-8")
        print(f"1 MB Markdown emphasis: {time_cli_build(md, work / 'store-md', args.timeout)}")
        if not args.quick:
            line = work / "repeated.txt"
            line.write_text("云杉资本投资了白桦科技。" * (2 * 1024 * 1024 // 36), encoding="utf-8")
            print(f"2 MB one-line repeated sentence: {time_cli_build(line, work / 'store-line', args.timeout)}")
        good = (verdict.ok and tracebacks == 0 and not unexplained and not stray
                and len(failed_lines) == len(report.failures) and cli.returncode == 2)
    return 0 if good else 1


if __name__ == "__main__":
    sys.exit(main())
