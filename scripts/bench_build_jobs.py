"""`kg build --jobs 2` against `--jobs 1` on a generated corpus, measured side by side in one run.

The corpus: every example article (read as `kg build` reads it, so the Big5 and HTML ones too), copied
many times with its company names replaced by generated ones and a generated news paragraph added, so
no two articles are alike and the store grows as it would on real news (default 200 articles). Each
round builds the corpus once with `--jobs 1` and once with `--jobs 2` (alternating which goes first)
into fresh stores, each a fresh `kg build` process (start-up included); the ratio is taken round by
round and its median printed, with each build's CPU time (user + system, its worker processes included:
what the speed-up costs) and the load average as it started (other programs on the machine take cores
the parallel arm needs: a ratio is only comparable with one measured under the same load). The two
stores' node-link exports must be byte-identical.

    python scripts/bench_build_jobs.py [--articles 200] [--rounds 3] [--jobs 2]
    python scripts/bench_build_jobs.py --one-feed     # the same articles as one JSON Lines file
    python scripts/bench_build_jobs.py --make-corpus DIR     # only write the corpus (for other timers)
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_build_scale import news_text  # noqa: E402

from kg.ingest.readers import list_input_files, read_file  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
#: Name stems of the example articles' companies (simplified and traditional), replaced per copy.
STEMS = ["澄湖", "云岫", "雲岫", "栖光", "曜图", "曜圖", "明澜", "岩石", "燕石", "研石", "亮波", "启明", "奇绩"]
_SYL = "霁川栖云砾岸钧溪沐岚汀舟曦禾澈屿朔桐翊棠珩岫芷枫琅"


def make_corpus(folder: Path, articles: int, seed: int = 11, *, one_feed: bool = False) -> list[Path]:
    """`articles` UTF-8 text files under `folder`, made from the examples with names varied (with
    `one_feed`: the same articles as the records of one JSON Lines file, as a year of news often comes)."""
    rng = random.Random(seed)
    bases = [a for path in list_input_files([ROOT / "examples"]) for a in read_file(path).articles]
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(articles):
        base = bases[i % len(bases)]
        text = base.text
        for stem in STEMS:
            text = text.replace(stem, "".join(rng.choice(_SYL) for _ in range(2)))
        text += "\n\n" + news_text(600, seed=seed * 1000 + i)
        path = folder / f"{i:05d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    if one_feed:
        feed = folder / "feed.jsonl"
        feed.write_text("".join(json.dumps({"text": p.read_text(encoding="utf-8")}, ensure_ascii=False) + "\n"
                                for p in paths), encoding="utf-8")
        for path in paths:
            path.unlink()
        return [feed]
    return paths


def kg(*args: object) -> None:
    """A `kg` command in a process of its own, run outside the checkout: `python -c` puts its working folder
    first on the path, which would hide the `kg` that `PYTHONPATH=OTHER_CHECKOUT` asks for."""
    subprocess.run([sys.executable, "-c", "from kg.cli import main; main()", *map(str, args)],
                   check=True, stdout=subprocess.DEVNULL, cwd=tempfile.gettempdir())


@dataclass
class Timed:
    """One build: wall seconds, CPU seconds of the process and its workers, load average at its start."""

    wall: float
    cpu: float
    load: float


def build_timed(corpus: Path, store: Path, jobs: int) -> Timed:
    load = os.getloadavg()[0]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    kg("build", corpus, "--store", store, "-q", "--jobs", jobs, "--article-date", "2025-06-01")
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)  # a child's workers count once it has waited for them
    return Timed(wall, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime, load)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=2, help="the parallel arm (the other is --jobs 1)")
    parser.add_argument("--one-feed", action="store_true", help="the articles as one JSON Lines file")
    parser.add_argument("--make-corpus", type=Path, metavar="DIR", help="write the corpus to DIR and stop")
    args = parser.parse_args()
    if args.make_corpus:
        make_corpus(args.make_corpus, args.articles, one_feed=args.one_feed)
        print(f"wrote {args.articles} articles to {args.make_corpus}")
        return
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        corpus = work / "corpus"
        files = make_corpus(corpus, args.articles, one_feed=args.one_feed)
        size = sum(p.stat().st_size for p in corpus.iterdir())
        print(f"corpus: {args.articles} articles in {len(files)} file(s), {size / 1e6:.2f} MB; {args.rounds} rounds, "
              "order alternating")
        n = args.jobs
        print(f"{'round':>5} {'jobs 1 s':>9} {f'jobs {n} s':>9} {'ratio':>6} {'cpu 1 s':>8} {f'cpu {n} s':>8} "
              f"{'load 1':>6} {f'load {n}':>6}")
        ratios, cpu_ratios, loads = [], [], []
        for r in range(args.rounds):
            stores = {1: work / f"s1-{r}", n: work / f"sN-{r}"}
            order = [1, n] if r % 2 == 0 else [n, 1]
            runs = {jobs: build_timed(corpus, stores[jobs], jobs) for jobs in order}
            ratio = runs[1].wall / runs[n].wall
            ratios.append(ratio)
            cpu_ratios.append(runs[n].cpu / runs[1].cpu)
            loads += [runs[1].load, runs[n].load]
            print(f"{r + 1:>5} {runs[1].wall:>9.1f} {runs[n].wall:>9.1f} {ratio:>5.2f}x {runs[1].cpu:>8.1f} "
                  f"{runs[n].cpu:>8.1f} {runs[1].load:>6.1f} {runs[n].load:>6.1f}", flush=True)
            exports = []
            for jobs in (1, args.jobs):
                out = work / f"export-{jobs}-{r}.json"
                kg("export", "--store", stores[jobs], "--format", "node-link", "--output", out)
                exports.append(out.read_bytes())
            if exports[0] != exports[1]:
                sys.exit(f"round {r + 1}: the node-link exports differ between --jobs 1 and --jobs {args.jobs}")
        print(f"speed-up of --jobs {n} over --jobs 1 (jobs-1 time / jobs-{n} time), median: "
              f"{statistics.median(ratios):.2f}x ({min(ratios):.2f}-{max(ratios):.2f}x), for "
              f"{statistics.median(cpu_ratios):.2f}x the CPU time; load average {min(loads):.1f}-{max(loads):.1f}; "
              "node-link exports byte-identical in every round")


if __name__ == "__main__":
    main()
