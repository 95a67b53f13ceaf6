"""How fast are the named queries on a large store: the networkx view (old path) vs indexed SQL (new)?

Generates (once, then reuses with `--store DIR`) a synthetic store of about `--relations` stored
relations, shaped like `bench_load.py`'s investor network (heavy-tailed syndicates, state funds,
founders, spin-offs, IPOs, products) but written with bulk inserts: going through `write_article` one
article at a time would take hours at a million relations, and the query paths only read the tables.
Then, side by side in one run, for each named query on the busiest entities:

- old: `to_networkx(store)` (once, timed on its own) + `run_embedded(graph, ...)`;
- new: `run_store(store, ...)` in a freshly opened store, cold (first call after opening, central
  investors' cache emptied) and warm (median of `--runs`);
- whether both give the same rows, and the ratio old/new.

`--fresh-process` also times `kg query NAME ... -f json` as a new Python process on the new path (what
a user waits for), once per query.

    python scripts/bench_queries.py --relations 100000
    python scripts/bench_queries.py --relations 1000000 --store /tmp/kg-bench-1m --fresh-process
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_load  # noqa: E402  (the synthetic investor network of the load benchmark)

from kg.graph import to_networkx  # noqa: E402
from kg.names import normalize_name  # noqa: E402
from kg.queries import run_embedded, run_store  # noqa: E402
from kg.store import Store, _dumps, merge_props, open_store  # noqa: E402

#: Stored relations per generated company (measured on the generator: ~8.7).
RELATIONS_PER_COMPANY = 8.7


def generate_bulk(store: Store, companies: int, seed: int = 1) -> None:
    """`bench_load.generate`'s articles, written with a few bulk inserts instead of one
    `write_article` each (same rows: single-source relations keep their props; types are the union)."""
    collected: list[tuple[Any, list, list]] = []

    def collect(_store: Store, article: Any, entities: Any, relations: Any, _normalize: Any) -> bool:
        collected.append((article, list(entities), list(relations)))
        return True

    real = bench_load.write_article
    bench_load.write_article = collect
    try:
        bench_load.generate(store, companies, seed)
    finally:
        bench_load.write_article = real
    entities: dict[str, list[Any]] = {}
    articles, aliases, mentions, relations, sources = [], [], [], {}, []
    for article, ents, rels in collected:
        articles.append((article.id, article.path, article.title, article.published, article.url, article.lang,
                         len(article.text), "2025-01-01T00:00:00+00:00", article.text))
        for ent in ents:
            if ent.id not in entities:
                entities[ent.id] = [ent.id, ent.root, ent.name, ent.key, set(ent.types), _dumps(ent.attrs)]
            else:
                entities[ent.id][4].update(ent.types)
            for alias in (*ent.names, ent.name):
                aliases.append((ent.id, alias, normalize_name(alias), article.id))
            for src in ent.sources:
                mentions.append((ent.id, article.id, ",".join(sorted(ent.types)), ent.names[0], src.sentence,
                                 src.span_start, src.span_end, src.method, src.confidence))
        for rel in rels:
            p = rel.provenance
            relations.setdefault(rel.id, (rel.id, rel.type, rel.source, rel.target,
                                          _dumps(merge_props([(_dumps(rel.props), p.confidence, article.id)]))))
            sources.append((rel.id, article.id, p.sentence, p.span_start, p.span_end, p.method, p.confidence,
                            p.evidence, _dumps(rel.props)))
    with store.transaction() as conn:
        conn.executemany("INSERT INTO articles VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", articles)
        conn.executemany("INSERT INTO entities VALUES (?, ?, ?, ?, ?, ?)",
                         [(i, r, n, k, _dumps(sorted(t)), a) for i, r, n, k, t, a in entities.values()])
        conn.executemany("INSERT OR IGNORE INTO aliases VALUES (?, ?, ?, ?)", aliases)
        conn.executemany("INSERT INTO mentions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", mentions)
        conn.executemany("INSERT INTO relations VALUES (?, ?, ?, ?, ?)", list(relations.values()))
        conn.executemany("INSERT INTO relation_sources VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", sources)


def timed(func: Callable[[], Any]) -> tuple[Any, float]:
    start = time.perf_counter()
    value = func()
    return value, time.perf_counter() - start


def fresh_process(store: Path, name: str, args: list[str], options: dict[str, Any]) -> float:
    """Wall seconds of `kg query` as a new process (interpreter start and imports included)."""
    flags = []
    for key, value in options.items():
        flags += [f"--{key.replace('_', '-')}", str(value)]
    code = "from kg.cli import main; main()"
    command = [sys.executable, "-c", code, "query", name, *args, *flags, "--store", str(store),
               "--engine", "embedded", "-f", "json"]
    env = {k: v for k, v in os.environ.items() if k != "NEO4J_URI"}
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, env=env)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--relations", type=int, default=100_000, help="stored relations to generate (about)")
    parser.add_argument("--store", type=Path, help="store folder: generated there if missing, else reused")
    parser.add_argument("--runs", type=int, default=5, help="warm runs per query on the new path (median)")
    parser.add_argument("--fresh-process", action="store_true", help="also time `kg query` as a new process")
    parser.add_argument("--no-old", action="store_true", help="skip the networkx view (old path)")
    args = parser.parse_args()
    path = args.store or Path(f"/tmp/kg-bench-queries-{args.relations}")
    if not (path / "graph.sqlite").exists():
        companies = max(50, int(args.relations / RELATIONS_PER_COMPANY))
        with open_store(path) as store:
            _, t_gen = timed(lambda: generate_bulk(store, companies))
        print(f"generated {companies:,} companies into {path} in {t_gen:.1f} s")
    with open_store(path, create=False) as store:
        n_rel = store.counts()["relations"]
        graph = None
        if not args.no_old:
            graph, t_view = timed(lambda: to_networkx(store))
            print(f"store: {n_rel:,} relations; networkx view: {graph.number_of_nodes():,} nodes, "
                  f"{graph.number_of_edges():,} edges, built in {t_view:.2f} s (old path, every process)")
        calls = bench_load.query_calls(graph) if graph is not None else _calls_from_store(store)
    print(f"\n{'query':<18} {'rows':>6} {'old ms':>9} {'new cold ms':>12} {'new warm ms':>12} {'old/new':>8}"
          f"{'  process ms' if args.fresh_process else ''}  same rows")
    for name, qargs, options in calls:
        old_rows, t_old = (None, float("nan"))
        if graph is not None:
            old_rows, t_old = timed(partial(run_embedded, graph, name, *qargs, **options))
        with open_store(path, create=False) as store:
            if name == "central-investors":
                store.clear_query_cache()
            new = partial(run_store, store, name, *qargs, **options)
            new_rows, t_cold = timed(new)
            warm = [timed(new)[1] for _ in range(args.runs)]
        t_warm = statistics.median(warm)
        same = "-" if old_rows is None else ("yes" if old_rows == new_rows else "NO")
        process = f"  {fresh_process(path, name, qargs, options) * 1000:>10.0f}" if args.fresh_process else ""
        print(f"{name:<18} {len(new_rows):>6} {t_old * 1000:>9.1f} {t_cold * 1000:>12.1f} {t_warm * 1000:>12.1f} "
              f"{t_old / t_warm:>7.1f}x{process}  {same}")
    print("old = networkx view already built (add its build time once per process); new cold = first call in a "
          "freshly opened store (central-investors: cache emptied first); warm = median of later calls")


def _calls_from_store(store: Store) -> list[tuple[str, list[str], dict[str, Any]]]:
    """`bench_load.query_calls` without the view: the same busiest entities, found with SQL."""
    conn = store.connection

    def one(sql: str) -> str:
        return conn.execute(sql).fetchone()[0]

    company = one("SELECT target FROM relations WHERE type = 'INVESTED_IN' AND target LIKE 'organization:co-%'"
                  " GROUP BY target ORDER BY COUNT(*) DESC, target DESC LIMIT 1")
    investor = one("SELECT source FROM relations WHERE type = 'INVESTED_IN' AND source LIKE 'organization:vc-%'"
                   " GROUP BY source ORDER BY COUNT(*) DESC, source DESC LIMIT 1")
    fund = one("SELECT source FROM relations WHERE type = 'INVESTED_IN' AND source LIKE 'organization:fund-%'"
               " GROUP BY source ORDER BY COUNT(*) DESC, source DESC LIMIT 1")
    person = one("SELECT id FROM entities WHERE root = 'Person' ORDER BY id LIMIT 1")
    left = one("SELECT target FROM relations WHERE type = 'LEFT' ORDER BY id LIMIT 1")
    parent = one("SELECT target FROM relations WHERE type = 'SPUN_OFF_FROM' ORDER BY id LIMIT 1")
    return [
        ("investors", [company], {}), ("portfolio", [investor], {}), ("co-investors", [fund], {}),
        ("state-capital", [], {"region": "Shanghai"}), ("path", [fund, person], {"max_hops": 6}),
        ("central-investors", [], {"top": 10}), ("ipo-pipeline", ["organization:hkex"], {}),
        ("alumni", [left], {}), ("lineage", [parent], {}), ("timeline", [company], {}),
        ("financials", [company], {}), ("compare", [company, parent], {}), ("ownership", [fund], {}),
        ("state-exposure", [company], {}), ("disputes", [company], {}), ("disputes", [], {}),
    ]


if __name__ == "__main__":
    main()
