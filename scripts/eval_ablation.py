"""Gazetteer ablation: how do the pattern rules do on entities the gazetteer does not know?

The dev corpus names companies the shipped gazetteer also lists, so `kg eval` there partly measures
the gazetteer; the articles a user brings will name many it does not know. This script scores the corpus
twice with the `kg eval` rules: once with the full gazetteer and once with every entry that shares a
(normalised) name with a gold entity removed (exchanges and their boards kept: the gazetteer is meant
to know every exchange), and prints both side by side, for each half of the corpus (`kg eval --half`)
and in all. The blind half's figures are the honest ones; `--verbose` lists misses of the dev half only.

    .venv/bin/python scripts/eval_ablation.py [CORPUS_DIR] [--verbose] [--keys-out FILE]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from kg.evaluate import HALVES, Score, corpus_half, evaluate_dir, micro_average
from kg.extract.gazetteer import load_gazetteer
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


def _fmt(prf: tuple[float, float, float]) -> str:
    return "P={:.2f} R={:.2f} F1={:.2f}".format(*prf)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--verbose", action="store_true", help="list the ablated run's misses and false positives")
    parser.add_argument("--keys-out", type=Path, help="also write the ablated keys to this file")
    args = parser.parse_args(argv)
    keys = ablated_keys(args.corpus)
    if args.keys_out:
        args.keys_out.write_text("\n".join(keys) + "\n", encoding="utf-8")
    full_scores, full = evaluate_dir(args.corpus)
    abl_scores, abl = evaluate_dir(args.corpus, gazetteer=load_gazetteer(exclude=frozenset(keys)))
    print(f"ablated gazetteer keys ({len(keys)}): {' '.join(keys)}")
    print()
    print(f"{'article':40s} {'half':5s} {'entities full':>14s} {'ablated':>8s} {'relations full':>15s} {'ablated':>8s}")
    for f, a in zip(full_scores, abl_scores, strict=True):
        print(f"{f.article:40s} {corpus_half(f.article):5s} {f.entity_prf[2]:14.2f} {a.entity_prf[2]:8.2f} "
              f"{f.relation_prf[2]:15.2f} {a.relation_prf[2]:8.2f}")
    parts: list[tuple[str, Score, Score]] = []
    for half in HALVES:
        pick = [i for i, s in enumerate(full_scores) if corpus_half(s.article) == half]
        parts.append((f"{half} half ({len(pick)})", micro_average([full_scores[i] for i in pick]),
                      micro_average([abl_scores[i] for i in pick])))
    parts.append((f"all ({len(full_scores)})", full, abl))
    for label, f, a in parts:
        print()
        print(f"{label:18s} {'full gazetteer':32s} ablated")
        print(f"{'  entities':18s} {_fmt(f.entity_prf):32s} {_fmt(a.entity_prf)}")
        print(f"{'  relations':18s} {_fmt(f.relation_prf):32s} {_fmt(a.relation_prf)}")
        print(f"{'  attributes':18s} {f'{f.attribute_accuracy:.2f}':32s} {a.attribute_accuracy:.2f}")
    if args.verbose:
        for s in abl_scores:
            if corpus_half(s.article) == "dev" and (s.misses or s.false_positives or s.error):
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
