"""Extraction throughput beside the segmenter's, on one core, on a corpus generated from the examples.

The ten example articles are read with the project's readers (so GBK, Big5 and HTML are decoded and
stripped as in real use), then repeated with light variation until the corpus reaches the requested
size: the fictional company and person names rotate through variants, and numbers and dates change,
so caches keyed on short windows do not see the same text over and over. Then, in one run:

- extraction: `kg.extract.extract` on every article (mentions, relations, normalisers);
- segmenter: `jieba.lcut` (jieba's default, HMM on) on the same texts, the cost a pipeline built on
  a segmenter pays before doing anything else (issue 13's reference: kg should reach 1.0x of it);
- the compiled references of issue 13's table, when installed: `rjieba.cut` (jieba's dictionary
  route in Rust) and a pyahocorasick automaton over every gazetteer name (dictionary matching alone);
- a fact-dense text: one sentence naming a company and an investor, repeated (`--dense-kb`), where
  every sentence yields facts, against `jieba.lcut` on the same text.

All are timed with the process CPU clock after a warm-up (jieba's dictionary load, the gazetteer's
compilation and the automaton's construction are not counted). Prints characters per second and
each ratio, measured side by side in one run (absolute rates on a shared machine are noise).

    .venv/bin/python scripts/bench_extract.py [--mb 5] [--dense-kb 20] [--examples examples]
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

from kg.extract import extract
from kg.extract.gazetteer import default_gazetteer
from kg.ingest.readers import iter_articles
from kg.model import Article

#: The fact-dense sentence: a company, a round, a lead investor (invented names).
DENSE_SENTENCE = "星衡智能完成B轮融资，由远川资本领投。"

ROOT = Path(__file__).resolve().parents[1]

#: Fictional names of the examples and the stems their variants are made from.
_ZH_NAMES = ["云岫智能", "澄湖科技", "栖光机器人", "砚石智能", "曜途"]
_ZH_STEMS = ["云", "澄", "栖", "砚", "曜", "星", "远", "青", "岚", "墨", "川", "衡", "朗", "溯", "极"]
_EN_NAMES = ["Yunxiu", "Chenghu", "Yaotu", "Brightwave"]
_EN_STEMS = ["Lan", "Mo", "Xing", "Yuan", "Qing", "Heng", "Lang", "Su", "Ji", "Chuan"]
_PEOPLE = ["周启航", "沈知微", "顾言川", "梁以澄", "许明哲", "韩知秋", "苏映雪"]
_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
_GIVEN = "启知言以明秋映雪航微川澄哲安宁远晨曦"


#: Pinyin of every stem, so a generated firm or person keeps one English name beside its Chinese one.
_PINYIN = dict(zip("云澄栖砚曜星远青岚墨川衡朗溯极",
                   ("Yun", "Cheng", "Qi", "Yan", "Yao", "Xing", "Yuan", "Qing", "Lan", "Mo", "Chuan", "Heng",
                    "Lang", "Su", "Ji"), strict=True))
_PINYIN |= dict(zip(_SURNAMES, ("Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou", "Xu",
                                "Sun", "Ma", "Zhu", "Hu", "Guo", "He", "Gao", "Lin", "Luo"), strict=True))
_PINYIN |= dict(zip("启知言以明秋映雪航微川澄哲安宁远晨曦",
                    ("Qi", "Zhi", "Yan", "Yi", "Ming", "Qiu", "Ying", "Xue", "Hang", "Wei", "Chuan", "Cheng",
                     "Zhe", "An", "Ning", "Yuan", "Chen", "Xi"), strict=True))
#: The examples' firms and people written in both scripts: (Chinese name, its English name or None).
_ZH_EN_FIRMS = [("云岫智能", "Yunxiu"), ("澄湖科技", "Chenghu"), ("曜途", "Yaotu"), ("栖光机器人", None),
                ("砚石智能", None)]
_ZH_EN_PEOPLE = [("周启航", "Zhou Qihang"), ("沈知微", "Shen Zhiwei"), ("顾言川", "Gu Yanchuan"),
                 ("梁以澄", "Liang Yicheng"), ("许明哲", "Xu Mingzhe"), ("韩知秋", "Han Zhiqiu"),
                 ("苏映雪", "Su Yingxue")]


def _variant(text: str, rng: random.Random, *, chained: bool = False) -> str:
    """`text` with its fictional names and small numbers varied.

    A varied firm or person keeps its English name in step with its Chinese one (its pinyin), as a real
    firm does. `chained` varies them independently, as this generator did before: an article naming a
    firm in both scripts then ties two random names together, and across thousands of articles these
    ties chain hundreds of names into one firm or person that no real news has (kept to reproduce the
    figures measured on that corpus)."""
    if chained:
        return _chained_variant(text, rng)
    for zh, en in _ZH_EN_FIRMS:
        a, b = rng.choice(_ZH_STEMS), rng.choice(_ZH_STEMS)
        text = text.replace(zh, a + b + zh[2:])
        if en is not None:
            text = text.replace(en, _PINYIN[a] + _PINYIN[b].lower())
    for name in _EN_NAMES:
        if name == "Brightwave" and name in text:  # English alone: no Chinese name to keep in step with
            text = text.replace(name, rng.choice(_EN_STEMS) + rng.choice(_EN_STEMS).lower())
    for zh, en in _ZH_EN_PEOPLE:
        surname, g1, g2 = rng.choice(_SURNAMES), rng.choice(_GIVEN), rng.choice(_GIVEN)
        text = text.replace(zh, surname + g1 + g2)
        text = text.replace(en, f"{_PINYIN[surname]} {_PINYIN[g1]}{_PINYIN[g2].lower()}")
    return _vary_digits(text, rng)


def _chained_variant(text: str, rng: random.Random) -> str:
    for name in _ZH_NAMES:
        if name in text:
            text = text.replace(name, rng.choice(_ZH_STEMS) + rng.choice(_ZH_STEMS) + name[2:])
    for name in _EN_NAMES:
        if name in text:
            text = text.replace(name, rng.choice(_EN_STEMS) + rng.choice(_EN_STEMS).lower())
    for name in _PEOPLE:
        if name in text:
            text = text.replace(name, rng.choice(_SURNAMES) + rng.choice(_GIVEN) + rng.choice(_GIVEN))
    return _vary_digits(text, rng)


def _vary_digits(text: str, rng: random.Random) -> str:
    def digits(m: re.Match[str]) -> str:
        return "".join(str(rng.randint(1 if i == 0 else 0, 9)) for i in range(len(m.group(0))))

    return re.sub(r"(?<![\d.])\d{1,3}(?![\d.])", digits, text)


def load_examples(directory: Path) -> list[Article]:
    articles: list[Article] = []
    for _path, outcome in iter_articles([directory]):
        if isinstance(outcome, Exception):
            continue
        articles.extend(outcome)
    return articles


def make_corpus(base: list[Article], megabytes: float, seed: int = 7, *, chained: bool = False) -> list[Article]:
    """Articles generated from `base` until their UTF-8 size reaches `megabytes` (`chained`: see `_variant`)."""
    rng = random.Random(seed)
    target = int(megabytes * 1_000_000)
    out: list[Article] = []
    size = 0
    while size < target:
        for art in base:
            text = _variant(art.text, rng, chained=chained)
            out.append(Article(text=text, published=art.published, title=art.title, lang=art.lang))
            size += len(text.encode("utf-8"))
    return out


def _cpu(fn: Callable[[], int]) -> tuple[float, int]:
    """CPU seconds of `fn()` and what it counted."""
    t0 = time.process_time()
    n = fn()
    return time.process_time() - t0, n


def _extract_all(corpus: list[Article]) -> tuple[int, int]:
    n_ent = n_rel = 0
    for a in corpus:
        ex = extract(a)
        n_ent += len(ex.entities)
        n_rel += len(ex.relations)
    return n_ent, n_rel


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--mb", type=float, default=5.0, help="corpus size in MB of UTF-8 (default 5)")
    parser.add_argument("--dense-kb", type=float, default=20.0,
                        help="size of the fact-dense text in KB of UTF-8 (default 20; 0 skips it)")
    parser.add_argument("--examples", type=Path, default=ROOT / "examples")
    args = parser.parse_args(argv)

    import jieba

    base = load_examples(args.examples)
    corpus = make_corpus(base, args.mb)
    chars = sum(len(a.text) for a in corpus)
    nbytes = sum(len(a.text.encode("utf-8")) for a in corpus)
    print(f"corpus: {len(corpus)} articles from {len(base)} examples, {chars:,} characters, {nbytes / 1e6:.2f} MB")

    # warm-up: dictionaries, gazetteer, ontology
    jieba.setLogLevel(60)
    jieba.initialize()
    gazetteer = default_gazetteer()
    extract(base[0])

    seg_s, n_tokens = _cpu(lambda: sum(len(jieba.lcut(a.text)) for a in corpus))
    t0 = time.process_time()
    n_ent, n_rel = _extract_all(corpus)
    ext_s = time.process_time() - t0

    seg_rate, ext_rate = chars / seg_s, chars / ext_s
    print(f"segmenter (jieba.lcut): {seg_s:8.2f} s  {seg_rate:12,.0f} chars/s  ({n_tokens:,} tokens)")
    print(f"extraction (kg):        {ext_s:8.2f} s  {ext_rate:12,.0f} chars/s  "
          f"({n_ent:,} entities, {n_rel:,} relations)")
    print(f"ratio extraction/segmenter: {ext_rate / seg_rate:.2f}x")

    for label, rate in _compiled_references(corpus, sorted(gazetteer.by_name)):
        label = f"{label} "
        print(f"{label:24s}{rate[0]:8.2f} s  {rate[1]:12,.0f} chars/s  "
              f"(kg extraction is {ext_rate / rate[1]:.3f}x of it)")

    if args.dense_kb > 0:
        _dense(args.dense_kb)
    return 0


def _compiled_references(corpus: list[Article], names: list[str]) -> list[tuple[str, tuple[float, float]]]:
    """(label, (seconds, chars/s)) of the compiled references that are installed."""
    chars = sum(len(a.text) for a in corpus)
    out: list[tuple[str, tuple[float, float]]] = []
    try:
        import rjieba
    except ImportError:
        print("rjieba.cut: not installed, row skipped")
    else:
        secs, _ = _cpu(lambda: sum(len(rjieba.cut(a.text)) for a in corpus))
        out.append(("rjieba.cut:", (secs, chars / secs)))
    try:
        import ahocorasick
    except ImportError:
        print("pyahocorasick: not installed (pip install pyahocorasick), row skipped")
    else:
        automaton = ahocorasick.Automaton()
        for i, name in enumerate(names):
            automaton.add_word(name, i)
        automaton.make_automaton()
        secs, _ = _cpu(lambda: sum(1 for a in corpus for _hit in automaton.iter(a.text.lower())))
        out.append((f"pyahocorasick ({len(names):,} names):", (secs, chars / secs)))
    return out


def _dense(kb: float) -> None:
    """The fact-dense row: every sentence states a round, so rules and resolution run on all of them."""
    import jieba

    repeats = max(1, int(kb * 1000 / len(DENSE_SENTENCE.encode("utf-8"))))
    article = Article(text=DENSE_SENTENCE * repeats, published="2025-06-10")
    chars = len(article.text)
    seg_s, _ = _cpu(lambda: len(jieba.lcut(article.text)))
    t0 = time.process_time()
    ex = extract(article)
    ext_s = time.process_time() - t0
    print(f"fact-dense text: {repeats:,} x {DENSE_SENTENCE!r} ({chars:,} characters)")
    print(f"  segmenter (jieba.lcut): {seg_s:8.2f} s  {chars / seg_s:12,.0f} chars/s")
    print(f"  extraction (kg):        {ext_s:8.2f} s  {chars / ext_s:12,.0f} chars/s  "
          f"({len(ex.entities)} entities, {len(ex.relations)} relations)")
    print(f"  ratio extraction/segmenter: {seg_s / ext_s:.3f}x")


if __name__ == "__main__":
    sys.exit(main())
