"""How fast are the named queries on a large store, from the store's indexes (`kg query`'s embedded path):
this tree against an earlier one (`--before DIR`), side by side in one run.

Generates (once, then reuses with `--store DIR`) a synthetic store of about `--relations` stored
relations, shaped like `bench_load.py`'s investor network (heavy-tailed syndicates, state funds,
founders, spin-offs, IPOs, products) but written with bulk inserts: going through `write_article` one
article at a time would take hours at a million relations, and the query paths only read the tables.
Then, for each named query on the busiest entities (the fund in most deals, the busiest company...),
for this tree ("after") and, with `--before DIR` (a checkout of the earlier code: `git worktree add
DIR COMMIT`), for that one ("before"):

- in-process: `run_store` in a freshly opened store, in a process of its own (imports done, not
  timed): cold (the first call) and warm (median of `--runs` later calls); a call still running after
  `--timeout` seconds is stopped and shown as `>T`. central-investors answers from the ranking the
  store caches per version, as a user meets it once any query computed it (`--uncached-central`
  empties the cache first: the cold call then computes it). The tables and rows some queries derive
  once per store version (`kg.queries.derived`) are there too once any call built them; `--uncached`
  empties the cache before every query's cold call, which then builds them: the first call after a
  change;
- fresh process: `kg query NAME ... -f json` as a new Python process, wall seconds from start to exit
  (interpreter, imports, opening the store, the query, printing the JSON), median of `--process-runs`,
  before and after in turn;
- whether both trees give the same rows, and the ratios before/after.

Each tree's bytecode is compiled first (`compileall`), as an installed package has it. An index the
new code adds is built when it first opens a store: give the earlier code a copy of the store made
before that (`--before-store DIR`), or it reads the store with the new indexes too.

    python scripts/bench_queries.py --relations 100000
    python scripts/bench_queries.py --relations 1000000 --store /tmp/kg-bench-1m --before /tmp/kg-before \
        --before-store /tmp/kg-bench-1m-before
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_load  # noqa: E402  (the synthetic investor network of the load benchmark)

from kg.json_text import canonical_json as _dumps  # noqa: E402
from kg.names import normalize_name  # noqa: E402
from kg.store import Store, merge_props, open_store  # noqa: E402

TREE = Path(__file__).resolve().parent.parent
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


#: Runs in a process of its own on the tree under test (`PYTHONPATH`): one query, cold then warm; prints
#: the timings and a digest of the rows as JSON. Uses only what every version of `kg` with `run_store` has.
WORKER = """
import hashlib, json, statistics, sys, time
from kg.queries import run_store
from kg.store import open_store
path, name, args, options, runs, uncached = json.loads(sys.argv[1])
if uncached:
    with open_store(path, create=False) as store:
        store.clear_query_cache()

def timed(store):
    wall, cpu = time.perf_counter(), time.process_time()
    rows = run_store(store, name, *args, **options)
    return rows, time.perf_counter() - wall, time.process_time() - cpu

with open_store(path, create=False) as store:
    rows, cold, cold_cpu = timed(store)
    warm = [timed(store)[1:] for _ in range(runs)]
digest = hashlib.sha256(json.dumps(rows, sort_keys=True, default=str).encode()).hexdigest()[:12]
print(json.dumps({"rows": len(rows), "cold": cold, "cold_cpu": cold_cpu, "warm": statistics.median(w for w, _c in warm),
                  "warm_cpu": statistics.median(c for _w, c in warm), "digest": digest}))
"""


def _env(tree: Path) -> dict[str, str]:
    """The environment of a process on `tree` (which also runs in `tree`: `python -c` puts the working
    directory first on the path, and the `kg` there would be imported whatever PYTHONPATH says)."""
    env = {k: v for k, v in os.environ.items() if k not in ("NEO4J_URI", "PYTHONPATH")}
    env["PYTHONPATH"] = str(tree)
    return env


def in_process(tree: Path, store: Path, call: tuple[str, list[str], dict[str, Any]], runs: int,
               timeout: float, uncached: bool = False) -> dict[str, Any] | None:
    """The worker's timings of one call on `tree` (the store's cached answers emptied first when
    `uncached`), or None when it ran past `timeout` seconds."""
    name, args, options = call
    try:
        done = subprocess.run([sys.executable, "-c", WORKER,
                               json.dumps([str(store), name, args, options, runs, uncached])],
                              check=True, capture_output=True, text=True, env=_env(tree), cwd=tree, timeout=timeout)
    except subprocess.TimeoutExpired:
        return None
    return json.loads(done.stdout.strip().splitlines()[-1])


def fresh_process(tree: Path, store: Path, call: tuple[str, list[str], dict[str, Any]],
                  timeout: float) -> tuple[float, float]:
    """Wall and CPU (user + system) seconds of `kg query ... -f json` as a new process on `tree` (inf when
    past `timeout`)."""
    name, args, options = call
    flags = []
    for key, value in options.items():
        flags += [f"--{key.replace('_', '-')}", str(value)]
    command = [sys.executable, "-c", "from kg.cli import main; main()", "query", name, *args, *flags,
               "--store", str(store), "--engine", "embedded", "-f", "json"]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    try:
        subprocess.run(command, check=True, capture_output=True, env=_env(tree), cwd=tree, timeout=timeout)
    except subprocess.TimeoutExpired:
        return float("inf"), float("inf")
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime


def _get(timing: dict[str, Any] | None, key: str) -> float | None:
    return None if timing is None else timing[key]


def _ms(seconds: float | None, timeout: float) -> str:
    return f">{timeout:.0f}s" if seconds is None or seconds == float("inf") else f"{seconds * 1000:.0f}"


def _ratio(before: float | None, after: float | None, timeout: float) -> str:
    """before / after; at least timeout / after when the earlier code ran past the timeout."""
    if after is None or after == float("inf"):
        return "-"
    if before is None or before == float("inf"):
        return f">{timeout / after:.0f}x"
    return f"{before / after:.1f}x"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--relations", type=int, default=100_000, help="stored relations to generate (about)")
    parser.add_argument("--store", type=Path, help="store folder: generated there if missing, else reused")
    parser.add_argument("--before", type=Path, help="a checkout of the earlier code to compare with")
    parser.add_argument("--before-store", type=Path, help="the store as the earlier code reads it (a copy "
                        "made before this tree's code opened it) [default: --store]")
    parser.add_argument("--runs", type=int, default=5, help="warm calls per query in a process (median)")
    parser.add_argument("--process-runs", type=int, default=3, help="fresh processes per query and tree (median)")
    parser.add_argument("--timeout", type=float, default=120, help="seconds before a call is given up")
    parser.add_argument("--only", nargs="*", help="just these queries")
    parser.add_argument("--uncached-central", action="store_true", help="time central-investors' cold call "
                        "with its cache emptied (the whole ranking computed: minutes at 1M relations)")
    parser.add_argument("--uncached", action="store_true", help="time every query's cold call with the store's "
                        "cached answers and derived tables emptied first: the first call after a change, which "
                        "builds what the query derives once per store version (`kg.queries.derived`)")
    args = parser.parse_args()
    path = args.store or Path(f"/tmp/kg-bench-queries-{args.relations}")
    if not (path / "graph.sqlite").exists():
        companies = max(50, int(args.relations / RELATIONS_PER_COMPANY))
        with open_store(path) as store:
            start = time.perf_counter()
            generate_bulk(store, companies)
        print(f"generated {companies:,} companies into {path} in {time.perf_counter() - start:.1f} s")
    with open_store(path, create=False) as store:  # this tree's code: its indexes are built here, once
        n_rel = store.counts()["relations"]
        calls = [c for c in _calls_from_store(store) if not args.only or c[0] in args.only]
    trees = {"after": (TREE, path)}
    if args.before:
        trees = {"before": (args.before, args.before_store or path), **trees}
    for tree, _folder in trees.values():
        compileall.compile_dir(tree / "kg", quiet=1)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"store: {n_rel:,} relations; machine load {load:.1f}; timeout {args.timeout:.0f} s; "
          f"{', '.join(f'{side}: {tree}' for side, (tree, _s) in trees.items())}")
    sides = list(trees)
    columns = ["cold", "cold cpu", "warm", "warm cpu", "process", "proc cpu"]
    print(f"\n{'query':<18} {'rows':>6}" + "".join(f" {s[0] + ' ' + c:>12}" for s in sides for c in columns)
          + ("  warm b/a  proc b/a  same rows" if len(sides) == 2 else ""))
    for call in calls:
        uncached = args.uncached or (args.uncached_central and call[0] == "central-investors")
        timing = {side: in_process(tree, folder, call, args.runs, args.timeout, uncached)
                  for side, (tree, folder) in trees.items()}
        process: dict[str, list[tuple[float, float]]] = {side: [] for side in trees}
        for _ in range(args.process_runs):  # in turn, so that a drift of the machine's speed hits both
            for side, (tree, folder) in trees.items():
                gave_up = timing[side] is None  # as a process it would too
                process[side].append((float("inf"), float("inf")) if gave_up
                                     else fresh_process(tree, folder, call, args.timeout))
        figures: dict[str, dict[str, float | None]] = {}
        for side in sides:
            t = timing[side]
            walls = [w for w, _c in process[side]]
            at_median = process[side][walls.index(statistics.median_low(walls))]
            figures[side] = {"cold": _get(t, "cold"), "cold cpu": _get(t, "cold_cpu"), "warm": _get(t, "warm"),
                             "warm cpu": _get(t, "warm_cpu"),
                             "process": at_median[0], "proc cpu": at_median[1]}
        rows = next((t["rows"] for t in timing.values() if t is not None), 0)
        label = call[0] if call[1] or sum(c[0] == call[0] for c in calls) == 1 else f"{call[0]} (all)"
        line = f"{label:<18} {rows:>6}" + "".join(f" {_ms(figures[s][c], args.timeout):>12}"
                                                     for s in sides for c in columns)
        if len(sides) == 2:
            before, after = timing["before"], timing["after"]
            same = "-" if before is None or after is None else ("yes" if before["digest"] == after["digest"] else "NO")
            line += (f"  {_ratio(figures['before']['warm'], figures['after']['warm'], args.timeout):>8}"
                     f"  {_ratio(figures['before']['process'], figures['after']['process'], args.timeout):>8}"
                     f"  {same}")
        print(line, flush=True)
    print("ms unless marked; b = before, a = after. cold = first call in a freshly opened store, wall and CPU "
          f"(from the store's cached answers and derived tables{': emptied first' if args.uncached else ''}); "
          f"warm = median of {args.runs} later calls, wall and CPU; "
          f"process = `kg query ... -f json` as a new process, wall and CPU (user + system) of the run with the "
          f"median wall of {args.process_runs}")


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
