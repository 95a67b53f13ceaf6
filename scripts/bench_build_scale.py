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

    python scripts/bench_build_scale.py [--sizes 0.5,1,2,4] [--kinds articles,repeated,news]
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

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


def write_articles(mb: float, folder: Path, per_file: int = 50) -> int:
    """Generated articles (`bench_extract.make_corpus`) of `mb` MiB of UTF-8 text, as JSON Lines files
    under `folder`; returns their characters."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from bench_extract import ROOT, load_examples, make_corpus

    articles = make_corpus(load_examples(ROOT / "examples"), mb * 1024 * 1024 / 1_000_000)
    folder.mkdir(parents=True, exist_ok=True)
    for start in range(0, len(articles), per_file):
        lines = [json.dumps({"text": a.text, "published": a.published, "title": a.title, "lang": a.lang},
                            ensure_ascii=False) for a in articles[start:start + per_file]]
        (folder / f"{start // per_file:05d}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return sum(len(a.text) for a in articles)


def mb_to_chars(mb: float) -> int:
    """Characters of 3-byte UTF-8 Chinese in `mb` megabytes."""
    return int(mb * 1024 * 1024 / 3)


def build_seconds(src: Path, workdir: Path) -> tuple[float, float]:
    """(wall, cpu) seconds of one `kg build` process on `src` (a file or a folder) into a fresh store."""
    store = workdir / "store"
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-c", "from kg.cli import main; main()", "build", str(src), "--store", str(store), "-q",
         "--article-date", "2025-05-20"],
        check=True, stdout=subprocess.DEVNULL,
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="0.5,1,2,4", help="megabytes, comma-separated, each twice the last")
    parser.add_argument("--kinds", default="articles,repeated,news")
    args = parser.parse_args()
    sizes = [float(s) for s in args.sizes.split(",")]
    makers = {"repeated": repeated_text, "news": news_text}
    print(f"{'kind':<9} {'MB':>5} {'chars':>9} {'wall s':>8} {'cpu s':>8} {'chars/s':>9} {'ratio':>6}")
    for kind in args.kinds.split(","):
        cpus: list[float] = []
        for mb in sizes:
            with tempfile.TemporaryDirectory() as tmp:
                if kind == "articles":
                    src = Path(tmp) / "in"
                    chars = write_articles(mb, src)
                else:
                    text = makers[kind](mb_to_chars(mb))
                    src = Path(tmp) / "in.txt"
                    src.write_text(text, encoding="utf-8")
                    chars = len(text)
                wall, cpu = build_seconds(src, Path(tmp))
            ratio = f"{cpu / cpus[-1]:.2f}" if cpus else "-"
            print(f"{kind:<9} {mb:>5} {chars:>9} {wall:>8.1f} {cpu:>8.1f} {chars / wall:>9.0f} {ratio:>6}", flush=True)
            cpus.append(cpu)
        if len(sizes) > 1:
            grown = sizes[-1] / sizes[0]
            linear = " / ".join(f"{cpus[0] * s / sizes[0]:.1f}" for s in sizes)
            print(f"{kind}: {' / '.join(f'{c:.1f}' for c in cpus)} s CPU for {' -> '.join(f'{s:g}' for s in sizes)} MB"
                  f" (linear would be {linear}); {grown:g}x the input, {cpus[-1] / cpus[0]:.1f}x the time", flush=True)
    print("ratio: CPU time of this size over the previous (linear: 2.0 for doubled input); "
          "CPU is shown beside wall because the machine is shared")


if __name__ == "__main__":
    main()
