"""Gazetteer ablation: how do the pattern rules do on entities the gazetteer does not know?

The dev corpus names companies the shipped gazetteer also lists, so `kg eval` there partly measures
the gazetteer. The hidden test articles are about other companies. This script scores the corpus
twice with the `kg eval` rules: once with the full gazetteer and once with every entry that shares a
(normalised) name with a gold entity removed (exchanges and their boards kept: the gazetteer is meant
to know every exchange), and prints both side by side.

    .venv/bin/python scripts/eval_ablation.py [CORPUS_DIR] [--verbose] [--keys-out FILE]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

from kg.evaluate import Score, evaluate_dir
from kg.extract.gazetteer import EXCLUDE_ENV, load_gazetteer
from kg.names import normalize_name

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "dev"


def ablated_keys(corpus: Path) -> list[str]:
    """Gazetteer keys with a name that matches a gold entity's name, exchanges excepted."""
    gold_names: set[str] = set()
    for gold_file in sorted(corpus.glob("*.gold.json")):
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        for entity in gold["entities"]:
            if entity["type"] != "Exchange":
                gold_names.update(normalize_name(n) for n in entity["names"])
    gaz = load_gazetteer()
    keys = []
    for key, entry in sorted(gaz.entries.items()):
        if entry.type == "Exchange":
            continue
        if any(normalize_name(n) in gold_names for n in entry.names):
            keys.append(key)
    return keys


def _run(corpus: Path, exclude_file: str | None) -> tuple[list[Score], Score]:
    old = os.environ.pop(EXCLUDE_ENV, None)
    try:
        if exclude_file:
            os.environ[EXCLUDE_ENV] = exclude_file
        return evaluate_dir(corpus)
    finally:
        os.environ.pop(EXCLUDE_ENV, None)
        if old is not None:
            os.environ[EXCLUDE_ENV] = old


def _fmt(prf: tuple[float, float, float]) -> str:
    return "P={:.2f} R={:.2f} F1={:.2f}".format(*prf)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--verbose", action="store_true", help="list the ablated run's misses and false positives")
    parser.add_argument("--keys-out", type=Path, help="also write the ablated keys to this file")
    args = parser.parse_args(argv)
    keys = ablated_keys(args.corpus)
    with tempfile.TemporaryDirectory(prefix="kg-ablation-") as tmp:
        exclude_file = Path(tmp) / "exclude.txt"
        exclude_file.write_text("\n".join(keys) + "\n", encoding="utf-8")
        if args.keys_out:
            args.keys_out.write_text("\n".join(keys) + "\n", encoding="utf-8")
        full_scores, full = _run(args.corpus, None)
        abl_scores, abl = _run(args.corpus, str(exclude_file))
    print(f"ablated gazetteer keys ({len(keys)}): {' '.join(keys)}")
    print()
    print(f"{'article':40s} {'entities full':>14s} {'ablated':>8s} {'relations full':>15s} {'ablated':>8s}")
    for f, a in zip(full_scores, abl_scores, strict=True):
        print(f"{f.article:40s} {f.entity_prf[2]:14.2f} {a.entity_prf[2]:8.2f} "
              f"{f.relation_prf[2]:15.2f} {a.relation_prf[2]:8.2f}")
    print()
    print(f"{'':10s} {'full gazetteer':32s} ablated")
    print(f"{'entities':10s} {_fmt(full.entity_prf):32s} {_fmt(abl.entity_prf)}")
    print(f"{'relations':10s} {_fmt(full.relation_prf):32s} {_fmt(abl.relation_prf)}")
    print(f"{'attributes':10s} {f'{full.attribute_accuracy:.2f}':32s} {abl.attribute_accuracy:.2f}")
    if args.verbose:
        for s in abl_scores:
            if s.misses or s.false_positives or s.error:
                print(f"\n== {s.article} (ablated)")
                if s.error:
                    print(f"  error: {s.error}")
                for m in s.misses:
                    print(f"  miss: {m}")
                for fp in s.false_positives:
                    print(f"  false positive: {fp}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
