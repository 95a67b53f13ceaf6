"""Build time as input grows: 0.5, 1 and 2 MB of one repeated fact-dense sentence, and of generated,
varied news-like text, measured side by side in one run.

Each size is one one-line file built by a fresh `kg build` process into a fresh store (wall and CPU
seconds, process start included); the ratio time(2x)/time(x) should stay near 2 (linear).

    python scripts/bench_build_scale.py [--sizes 0.5,1,2] [--kinds repeated,news]
"""

from __future__ import annotations

import argparse
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


def mb_to_chars(mb: float) -> int:
    """Characters of 3-byte UTF-8 Chinese in `mb` megabytes."""
    return int(mb * 1024 * 1024 / 3)


def build_seconds(text: str, workdir: Path) -> tuple[float, float]:
    """(wall, cpu) seconds of one `kg build` process on `text` as a one-line file."""
    src = workdir / "in.txt"
    src.write_text(text, encoding="utf-8")
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
    parser.add_argument("--sizes", default="0.5,1,2", help="megabytes, comma-separated, each twice the last")
    parser.add_argument("--kinds", default="repeated,news")
    args = parser.parse_args()
    sizes = [float(s) for s in args.sizes.split(",")]
    makers = {"repeated": repeated_text, "news": news_text}
    print(f"{'kind':<9} {'MB':>5} {'chars':>9} {'wall s':>8} {'cpu s':>8} {'chars/s':>9} {'ratio':>6}")
    for kind in args.kinds.split(","):
        previous: float | None = None
        for mb in sizes:
            text = makers[kind](mb_to_chars(mb))
            with tempfile.TemporaryDirectory() as tmp:
                wall, cpu = build_seconds(text, Path(tmp))
            ratio = f"{cpu / previous:.2f}" if previous else "-"
            print(f"{kind:<9} {mb:>5} {len(text):>9} {wall:>8.1f} {cpu:>8.1f} {len(text) / wall:>9.0f} {ratio:>6}",
                  flush=True)
            previous = cpu
    print("ratio: CPU time of this size over the previous (linear: 2.0 for doubled input); "
          "CPU is shown beside wall because the machine is shared")


if __name__ == "__main__":
    main()
