"""Does an optional statistical NER tagger help? Scores both halves of the dev corpus with and without it.

The corpus is split in two fixed halves by `int(sha256(id), 16) % 2`: 0 is the DEV half (its texts,
gold and misses may be read while tuning), 1 the BLIND half (only aggregate scores are ever printed
for it, never per-article rows or misses). Each half is linked into a temporary folder and scored
with the `kg eval` rules (`kg.evaluate.evaluate_dir`) once without a tagger and once per `--ner`
spec, and the micro-averages are printed side by side. `--throughput` also times extraction alone
over the DEV-half texts, each configuration in a fresh process (cold caches; jieba's dictionary and
the tagger's model are loaded before the clock starts), wall clock and process CPU clock.

    .venv-ner/bin/python scripts/eval_ner.py [CORPUS_DIR] [--ner lac:rel --ner lac:all ...] [--throughput] [--ablate]

Needs the `ner` extra (pip install -e '.[ner]'); `jiagu` specs need `pip install jiagu` as well.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from kg.evaluate import Score, corpus_half, evaluate_dir, strip_header
from kg.extract.gazetteer import Gazetteer, load_gazetteer
from kg.extract.ner import NerConfig

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "dev"
DEFAULT_SPECS = ["lac:all", "lac:strict", "lac:rel", "lac:strict-rel", "lac:rel-people", "lac:rel-people+trim",
                 "lac:rel-people+bounds"]


def link_half(corpus: Path, half: int, into: Path) -> list[str]:
    """Symlink one half's `<id>.txt` and `<id>.gold.json` into `into`; return the ids (not printed)."""
    into.mkdir(parents=True, exist_ok=True)
    ids = []
    for gold in sorted(corpus.glob("*.gold.json")):
        article_id = gold.name[: -len(".gold.json")]
        if corpus_half(article_id) != ("dev", "blind")[half]:
            continue
        ids.append(article_id)
        (into / gold.name).symlink_to(gold.resolve())
        text = gold.with_name(f"{article_id}.txt")
        if text.exists():
            (into / text.name).symlink_to(text.resolve())
    return ids


def _row(label: str, total: Score, seconds: float) -> str:
    ep, rp = total.entity_prf, total.relation_prf
    return (f"{label:22s} ent P={ep[0]:.3f} R={ep[1]:.3f} F1={ep[2]:.3f} ({total.e_tp}/{total.e_fp}/{total.e_fn}) | "
            f"rel P={rp[0]:.3f} R={rp[1]:.3f} F1={rp[2]:.3f} ({total.r_tp}/{total.r_fp}/{total.r_fn}) | "
            f"attr {total.attribute_accuracy:.3f} of {total.a_total:3d} | {seconds:5.1f}s")


def _clear_caches() -> None:
    from kg.extract import ner

    ner._tag_chunk.cache_clear()


def _time_one(spec: str, files: list[str]) -> None:
    """Child process: extract every file once with `spec` ('-' for none); print chars, CPU s, wall s."""
    from kg.extract import extract
    from kg.model import Article

    config = None if spec == "-" else NerConfig.parse(spec)
    texts = [strip_header(Path(f).read_text(encoding="utf-8")) for f in files]
    extract(Article(text="预热：星衡智能完成B轮融资，由红杉中国领投。", published="2025-01-01"), ner=config)
    _clear_caches()
    cpu, wall = time.process_time(), time.perf_counter()
    for text in texts:
        extract(Article(text=text, published="2025-01-01"), ner=config)
    print(sum(map(len, texts)), time.process_time() - cpu, time.perf_counter() - wall)


def throughput(files: list[Path], specs: list[str | None]) -> list[tuple[str, int, float, float]]:
    """Per spec, in a fresh process each (cold caches, model load not counted): chars, CPU s, wall s."""
    out = []
    for spec in specs:
        cmd = [sys.executable, __file__, "--time-one", spec or "-", *map(str, files)]
        chars, cpu, wall = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout.split()
        out.append((spec or "rules only", int(chars), float(cpu), float(wall)))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--ner", action="append", metavar="TAGGER[:POLICY]",
                        help=f"a tagger spec to compare (repeatable; default: {' '.join(DEFAULT_SPECS)})")
    parser.add_argument("--throughput", action="store_true", help="also time extraction on the DEV-half texts")
    parser.add_argument("--ablate", action="store_true",
                        help="drop the gazetteer entries that name a DEV-half gold entity (as eval_ablation.py "
                             "does; the BLIND half's gold is never read), to see the tagger where the "
                             "gazetteer does not help")
    parser.add_argument("--time-one", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.time_one:
        _time_one(args.time_one[0], args.time_one[1:])
        return 0
    specs = args.ner or DEFAULT_SPECS
    configs: list[NerConfig | None] = [None, *(NerConfig.parse(s) for s in specs)]
    labels = ["rules only", *specs]
    with tempfile.TemporaryDirectory(prefix="kg-eval-ner-") as tmp:
        folders = {}
        for half, name in ((0, "dev"), (1, "blind")):
            folders[name] = Path(tmp) / name
            n = len(link_half(args.corpus, half, folders[name]))
            print(f"{name} half: {n} articles")
        gazetteer: Gazetteer | None = None
        if args.ablate:
            from eval_ablation import ablated_keys  # scripts/eval_ablation.py, beside this file

            keys = ablated_keys(folders["dev"])
            gazetteer = load_gazetteer(exclude=frozenset(keys))
            print(f"gazetteer less {len(keys)} entries named in the DEV half's gold")
        results: dict[tuple[str, str], tuple[Score, float]] = {}
        for label, config in zip(labels, configs, strict=True):
            for name, folder in folders.items():
                _clear_caches()
                start = time.perf_counter()
                # per-article scores are never printed
                _scores, total = evaluate_dir(folder, gazetteer=gazetteer, ner=config)
                results[(label, name)] = (total, time.perf_counter() - start)
        for name in folders:
            print(f"\n{name.upper()} half (micro-average, counts tp/fp/fn; last column: eval wall time)")
            for label in labels:
                total, seconds = results[(label, name)]
                print(_row(label, total, seconds))
        if args.throughput:
            files = sorted(folders["dev"].glob("*.txt"))
            print("\nextraction throughput over the DEV-half texts (fresh process each, model load not counted)")
            base = None
            for label, chars, cpu, wall in throughput(files, [None, *specs]):
                base = base or chars / wall
                print(f"{label:22s} {chars / wall:9,.0f} chars/s wall ({chars / wall / base:.2f}x), "
                      f"{chars / cpu:9,.0f} chars/CPU-s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
