"""Build time as input grows: 0.5, 1, 2 and 4 MB of generated articles, of one repeated fact-dense
sentence and of generated, varied news-like text, measured side by side in one run.

- `articles`: many articles (the examples with their names and numbers varied, as `bench_extract.py`
  makes them: a few hundred companies and people recur across thousands of articles, as in a year of
  news), written as JSON Lines files of 50 articles each. This is issue 13's scale row: what an article
  costs once the store already holds thousands.
- `repeated`, `news`: one one-line file (one article) of that size.

Each size is built by a fresh `kg build` process into a fresh store (wall and CPU seconds, process
start included); the ratio time(2x)/time(x) should stay near 2 (linear), and the last line compares the
largest size with the smallest (8x the input for 0.5 -> 4 MB: linear is 8x the time, the bar 9x).

`--replay` times the store's part alone, for `articles`: the articles of the largest size are read (as
`kg build` reads them) and extracted once, in this process (extraction is a pure function of an article),
and each size replays the first of them into a fresh store in a process of its own (`add_article` with
the extraction given, several articles per transaction as a build writes them): CPU seconds, the mean CPU
per article over its first and last 300 articles, and with `--statements` the SQL statements per article
there (a linear store runs as many for article 5,000 as for article 300).

`--against DIR` times the same with the `kg` of another checkout (DIR holds its `kg/`) beside this one,
size by size, alternating, and prints the ratio: before and after a change, in one run.

    python scripts/bench_build_scale.py [--sizes 0.5,1,2,4] [--kinds articles,repeated,news]
    python scripts/bench_build_scale.py --kinds articles --replay [--statements] [--against ../kg-before]
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

SENTENCE = "云杉资本投资了白桦科技。"
_SYL = "云杉白桦岚峰澄湖星川远舟启明霁川栖云砾岸钧云两溪五源青禾北辰南湖汇川临江明德"
_KINDS = ["科技", "智能", "机器人", "半导体", "数据"]
_INVESTORS = ["资本", "创投", "基金", "投资"]
_TEMPLATES = [
    "{co}完成{amt}亿元{rnd}轮融资，由{inv1}领投，{inv2}跟投。",
    "{co}创始人兼CEO{per}表示，本轮资金将用于研发。",
    "{inv1}合伙人{per}称，看好{co}的长期发展。",
    "据悉，{co}已向港交所递交上市申请。",
    "{per}曾任{co2}副总裁，后加入{co}担任首席技术官。",
    "{co}成立于20{yy}年，总部位于苏州。",
]
_SURNAMES = "王李张刘陈杨赵黄周吴徐孙马朱胡林郭何高罗"


def _name(rng: random.Random) -> str:
    return "".join(rng.choice(_SYL) for _ in range(2))


def news_text(chars: int, seed: int = 7) -> str:
    """Varied, news-like Chinese: many companies, investors and people, facts of several kinds."""
    rng = random.Random(seed)
    companies = [_name(rng) + rng.choice(_KINDS) for _ in range(400)]
    investors = [_name(rng) + rng.choice(_INVESTORS) for _ in range(150)]
    people = [rng.choice(_SURNAMES) + "".join(rng.choice(_SYL) for _ in range(2)) for _ in range(300)]
    parts: list[str] = []
    size = 0
    while size < chars:
        s = rng.choice(_TEMPLATES).format(
            co=rng.choice(companies), co2=rng.choice(companies), inv1=rng.choice(investors),
            inv2=rng.choice(investors), per=rng.choice(people), amt=rng.randint(1, 20),
            rnd=rng.choice("ABCD"), yy=rng.randint(10, 24),
        )
        parts.append(s)
        size += len(s)
    return "".join(parts)[:chars]


def repeated_text(chars: int) -> str:
    return (SENTENCE * (chars // len(SENTENCE) + 1))[:chars]


def write_articles(mb: float, folder: Path, per_file: int = 50, *, chained: bool = False) -> int:
    """Generated articles (`bench_extract.make_corpus`, `chained` names or not) of `mb` MiB of UTF-8 text,
    as JSON Lines files under `folder`; returns their characters."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from bench_extract import ROOT, load_examples, make_corpus

    articles = make_corpus(load_examples(ROOT / "examples"), mb * 1024 * 1024 / 1_000_000, chained=chained)
    folder.mkdir(parents=True, exist_ok=True)
    for start in range(0, len(articles), per_file):
        lines = [json.dumps({"text": a.text, "published": a.published, "title": a.title, "lang": a.lang},
                            ensure_ascii=False) for a in articles[start:start + per_file]]
        (folder / f"{start // per_file:05d}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return sum(len(a.text) for a in articles)


def mb_to_chars(mb: float) -> int:
    """Characters of 3-byte UTF-8 Chinese in `mb` megabytes."""
    return int(mb * 1024 * 1024 / 3)


def _env(checkout: Path | None) -> dict[str, str] | None:
    """The environment running the `kg` of `checkout` (None: this one's, as installed or on the path)."""
    if checkout is None:
        return None
    return {**os.environ, "PYTHONPATH": os.pathsep.join([str(checkout), os.environ.get("PYTHONPATH", "")])}


def build_seconds(src: Path, workdir: Path, checkout: Path | None = None) -> tuple[float, float]:
    """(wall, cpu) seconds of one `kg build` process on `src` (a file or a folder) into a fresh store."""
    store = workdir / "store"
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-c", "from kg.cli import main; main()", "build", str(src), "--store", str(store), "-q",
         "--article-date", "2025-05-20"],
        check=True, stdout=subprocess.DEVNULL, env=_env(checkout),
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


# -- the store's part alone -----------------------------------------------------------------------------

#: Articles at each end of a replay whose CPU (and statements) per article are compared.
EDGE = 300
ARTICLE_DATE = "2025-05-20"


def extract_corpus(sizes: list[float], folder: Path, *, chained: bool = False) -> tuple[Path, dict[float, int]]:
    """The articles of the largest size read as `kg build` reads them and each extracted once, pickled under
    `folder`; with the number of them making up each size (each size's articles are the first of the
    largest's: `make_corpus` grows one list)."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from bench_extract import ROOT, load_examples, make_corpus

    from kg.extract import extract
    from kg.ingest.readers import list_input_files, read_file

    base = load_examples(ROOT / "examples")
    counts = {mb: len(make_corpus(base, mb * 1024 * 1024 / 1_000_000, chained=chained)) for mb in sizes}
    write_articles(max(sizes), folder / "in", chained=chained)
    pairs = []
    for path in list_input_files([folder / "in"]):
        pairs += [(article, extract(article)) for article in read_file(path, article_date=ARTICLE_DATE).articles]
    corpus = folder / "extracted.pickle"
    corpus.write_bytes(pickle.dumps(pairs))
    return corpus, counts


def replay(corpus: Path, count: int, statements: bool) -> dict[str, Any]:
    """Replay the first `count` extracted articles into a fresh store, as a build writes them (one batch of
    transactions, each article through `add_article`): CPU seconds of it all, and per article at each end."""
    from kg.build import add_article
    from kg.ontology import load_ontology
    from kg.store import open_store

    pairs = pickle.loads(corpus.read_bytes())[:count]
    ontology = load_ontology()
    cpu: list[float] = []
    counted: list[int] = []
    seen = [0]
    with tempfile.TemporaryDirectory() as tmp, open_store(Path(tmp) / "store") as store:
        if statements:
            store.connection.set_trace_callback(lambda _sql: seen.__setitem__(0, seen[0] + 1))
        start = time.process_time()
        with store.batch() as next_article:
            for article, extraction in pairs:
                next_article()
                seen[0] = 0
                began = time.process_time()
                add_article(store, article, ontology, extracted=lambda e=extraction: e)
                cpu.append(time.process_time() - began)
                counted.append(seen[0])
        total = time.process_time() - start
    edge = min(EDGE, len(pairs) // 2)
    return {"cpu": total, "first_ms": 1e3 * sum(cpu[:edge]) / edge, "last_ms": 1e3 * sum(cpu[-edge:]) / edge,
            "first_statements": sum(counted[:edge]) / edge if statements else None,
            "last_statements": sum(counted[-edge:]) / edge if statements else None}


def replay_seconds(corpus: Path, count: int, statements: bool, checkout: Path | None) -> dict[str, Any]:
    """`replay` in a process of its own (with the `kg` of `checkout`, if given)."""
    out = subprocess.run([sys.executable, __file__, "--replay-worker", str(corpus), str(count)]
                         + (["--statements"] if statements else []),
                         check=True, capture_output=True, text=True, env=_env(checkout))
    return json.loads(out.stdout.strip().splitlines()[-1])


def main_replay(sizes: list[float], statements: bool, against: Path | None, *, chained: bool = False) -> None:
    sides = [("this", None), *([("against", against)] if against else [])]
    with tempfile.TemporaryDirectory() as tmp:
        corpus, counts = extract_corpus(sizes, Path(tmp), chained=chained)
        print(f"{'side':<8} {'MB':>5} {'articles':>8} {'cpu s':>8} {'ratio':>6} {'ms/article first':>17}"
              f" {'last':>7}" + (f" {'statements first':>17} {'last':>7}" if statements else ""))
        cpus: dict[str, list[float]] = {name: [] for name, _c in sides}
        for mb in sizes:
            for name, checkout in sides:
                got = replay_seconds(corpus, counts[mb], statements, checkout)
                previous = cpus[name][-1] if cpus[name] else None
                cpus[name].append(got["cpu"])
                ratio = f"{got['cpu'] / previous:.2f}" if previous else "-"
                line = (f"{name:<8} {mb:>5} {counts[mb]:>8} {got['cpu']:>8.1f} {ratio:>6} {got['first_ms']:>17.1f}"
                        f" {got['last_ms']:>7.1f}")
                if statements:
                    line += f" {got['first_statements']:>17.1f} {got['last_statements']:>7.1f}"
                print(line, flush=True)
    for name, got in cpus.items():
        if len(sizes) > 1:
            print(f"{name}: store CPU {' / '.join(f'{c:.1f}' for c in got)} s for "
                  f"{' -> '.join(f'{s:g}' for s in sizes)} MB; {sizes[-1] / sizes[0]:g}x the input, "
                  f"{got[-1] / got[0]:.1f}x the time")
    if against and sizes:
        print("against/this per size: " + ", ".join(
            f"{mb:g} MB {a / t:.2f}x" for mb, t, a in zip(sizes, cpus["this"], cpus["against"], strict=True)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="0.5,1,2,4", help="megabytes, comma-separated, each twice the last")
    parser.add_argument("--kinds", default="articles,repeated,news")
    parser.add_argument("--replay", action="store_true", help="the store's part alone (articles)")
    parser.add_argument("--statements", action="store_true", help="with --replay: SQL statements per article")
    parser.add_argument("--against", type=Path, help="a checkout of another kg to time beside this one")
    parser.add_argument("--chained-names", action="store_true",
                        help="articles: vary Chinese and English names independently, as this generator did before"
                             " (hundreds of names chain into one firm or person; see bench_extract._variant)")
    parser.add_argument("--replay-worker", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.replay_worker:
        print(json.dumps(replay(Path(args.replay_worker[0]), int(args.replay_worker[1]), args.statements)))
        return
    sizes = [float(s) for s in args.sizes.split(",")]
    if args.replay:
        main_replay(sizes, args.statements, args.against, chained=args.chained_names)
        return
    sides = [("this", None), *([("against", args.against)] if args.against else [])]
    makers = {"repeated": repeated_text, "news": news_text}
    print(f"{'kind':<9} {'side':<8} {'MB':>5} {'chars':>9} {'wall s':>8} {'cpu s':>8} {'chars/s':>9} {'ratio':>6}")
    for kind in args.kinds.split(","):
        cpus: dict[str, list[float]] = {name: [] for name, _c in sides}
        for mb in sizes:
            with tempfile.TemporaryDirectory() as tmp:
                if kind == "articles":
                    src = Path(tmp) / "in"
                    chars = write_articles(mb, src, chained=args.chained_names)
                else:
                    text = makers[kind](mb_to_chars(mb))
                    src = Path(tmp) / "in.txt"
                    src.write_text(text, encoding="utf-8")
                    chars = len(text)
                for name, checkout in sides:
                    with tempfile.TemporaryDirectory() as work:
                        wall, cpu = build_seconds(src, Path(work), checkout)
                    ratio = f"{cpu / cpus[name][-1]:.2f}" if cpus[name] else "-"
                    print(f"{kind:<9} {name:<8} {mb:>5} {chars:>9} {wall:>8.1f} {cpu:>8.1f} {chars / wall:>9.0f}"
                          f" {ratio:>6}", flush=True)
                    cpus[name].append(cpu)
        for name, got in cpus.items():
            if len(sizes) > 1:
                grown = sizes[-1] / sizes[0]
                linear = " / ".join(f"{got[0] * s / sizes[0]:.1f}" for s in sizes)
                print(f"{kind} {name}: {' / '.join(f'{c:.1f}' for c in got)} s CPU for "
                      f"{' -> '.join(f'{s:g}' for s in sizes)} MB (linear would be {linear}); {grown:g}x the input, "
                      f"{got[-1] / got[0]:.1f}x the time", flush=True)
    print("ratio: CPU time of this size over the previous (linear: 2.0 for doubled input); "
          "CPU is shown beside wall because the machine is shared")


if __name__ == "__main__":
    main()
