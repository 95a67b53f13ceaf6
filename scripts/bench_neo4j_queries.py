"""How fast is every named query on Neo4j at scale, and does it give the embedded store's rows? With
`--before REV`, the `.cypher` texts of an earlier revision (and the rows decoded as they were before
this change) timed side by side on the same server.

Times every named query (`kg query --list`, each at least once, `disputes` with and without an entity)
on a server that already holds a store's graph (`kg load`, or `kg load --bulk` at a million relations),
on the store's busiest entities (as `bench_queries.py` picks them from the store with SQL, the ones
`bench_load.query_calls` picks from the view). For each call:

- the embedded answer, from the store's indexes (`run_store`, what `kg query --store DIR` runs: the
  whole networkx view would take minutes to build at a million relations), timed once;
- Neo4j: `run_neo4j` as `kg query` calls it (the entity look-up, the plan check, the query, the
  rows back in Python, `finish`; central-investors from the ranking `kg load` kept, when its seal
  still holds: the script says whether it does), after `--warmups` untimed calls, median of `--runs`
  (central-investors `--central-runs`); with `--before REV` the same call with that revision's
  `.cypher` text (and its `finish`, where the rows' shape changed since: `EARLIER_ROWS`; never the
  kept ranking, which REV did not have), its rows decoded as `run_cypher` did before
  (`former_decoding`), the two alternating run by run so that a change of the machine's load hits both;
- rows, and whether Neo4j's rows equal the embedded ones (and REV's, when given).

The server: NEO4J_URI's, or the one `--home` runs (started there with `--heap`/`--pagecache` when
none runs; stopped at the end only if this script started it). The store is only read, but opening it
with this tree's code may add an index: give a copy when it must stay untouched byte for byte.

    python scripts/bench_neo4j_queries.py --store COPY_OF_1M_STORE --home NEO4J_HOME --before HEAD~1
"""

from __future__ import annotations

import argparse
import logging
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import networkx as nx
from neo4j import Driver, GraphDatabase, ManagedTransaction
from neo4j.graph import Node, Relationship
from neo4j.graph import Path as GraphPath

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_queries import _calls_from_store  # noqa: E402  (the busiest entities, found with SQL)

from kg.neo4j import cypher as cypher_module  # noqa: E402
from kg.neo4j import server  # noqa: E402
from kg.neo4j.cypher import run_cypher  # noqa: E402
from kg.neo4j.ranking import cached_rows  # noqa: E402
from kg.queries import (  # noqa: E402
    QUERIES,
    bind,
    embedded,
    get_query,
    neo4j_entities,
    run_neo4j,
    run_store,
    statecapital,
)
from kg.queries.centrality import ranking_of_deals  # noqa: E402
from kg.store import open_store  # noqa: E402

TREE = Path(__file__).resolve().parent.parent
Call = tuple[str, list[str], dict[str, Any]]


def run_text(driver: Driver, name: str, cypher: str, arguments: list[str], options: dict[str, Any]) -> list[dict]:
    """`run_neo4j`'s steps with `cypher` in place of the query's `.cypher` file."""
    query = get_query(name)
    entities = neo4j_entities(driver, arguments) if arguments else nx.MultiDiGraph()
    params = bind(entities, name, arguments, options)
    rows = run_cypher(driver, cypher, params)
    earlier = EARLIER_ROWS.get(name)
    if earlier is not None and rows and earlier[0] in rows[0]:
        return earlier[1](rows, params)
    return query.finish(rows, params) if query.finish else rows


#: Queries whose `.cypher` sent other rows in earlier revisions: a column only those rows have, and the
#: `finish` those revisions applied to them (so `--before` can time an earlier text as it ran then).
EARLIER_ROWS: dict[str, tuple[str, Callable[[list[dict], dict[str, Any]], list[dict]]]] = {
    "central-investors": ("co_investor_id", lambda rows, params: embedded.centrality(rows, params["top"])),
    "state-capital": ("company_id", statecapital.table),
}


def _former_plain(value: Any) -> Any:
    """`kg.neo4j.cypher.to_plain` before its fast paths (for `--before`: the rows decoded as then)."""
    if isinstance(value, Node):
        return {"_labels": sorted(value.labels), **dict(value)}
    if isinstance(value, Relationship):
        return {"_type": value.type, **dict(value)}
    if isinstance(value, GraphPath):
        return {"nodes": [_former_plain(n) for n in value.nodes],
                "relationships": [_former_plain(r) for r in value.relationships]}
    if isinstance(value, list):
        return [_former_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _former_plain(v) for k, v in value.items()}
    if hasattr(value, "iso_format"):
        return value.iso_format()
    return value


def _former_collect(tx: ManagedTransaction, query: str, params: dict[str, Any]) -> list[dict[str, Any]]:
    """`kg.neo4j.cypher._collect` before it read rows as lists of values."""
    result = tx.run(query, params)
    return [{key: _former_plain(record[key]) for key in record.keys()} for record in result]  # noqa: SIM118


@contextmanager
def former_decoding() -> Iterator[None]:
    """`run_cypher` decoding rows as it did before (record by record, every value through every check)."""
    current = cypher_module._collect
    cypher_module._collect = _former_collect
    try:
        yield
    finally:
        cypher_module._collect = current


def text_at(revision: str, name: str) -> str:
    """The `.cypher` text of query `name` at git `revision` of this tree."""
    return subprocess.run(["git", "show", f"{revision}:kg/queries/{name}.cypher"], cwd=TREE, check=True,
                          capture_output=True, text=True).stdout


def timed(func: Callable[[], Any]) -> tuple[Any, float]:
    start = time.perf_counter()
    value = func()
    return value, time.perf_counter() - start


def all_calls(store_path: Path) -> list[Call]:
    """One call per named query on the busiest entities (a query added since must be added there)."""
    with open_store(store_path, create=False) as store:
        calls = _calls_from_store(store)
    missing = set(QUERIES) - {name for name, _a, _o in calls}
    assert not missing, f"no call for {sorted(missing)}: add one to bench_queries._calls_from_store"
    return calls


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--store", type=Path, required=True, help="the store the server was loaded from")
    parser.add_argument("--home", type=Path, help="a local server's home (started if none runs) [default: NEO4J_URI]")
    parser.add_argument("--heap", default="2g", help="JVM heap, when the server is started here")
    parser.add_argument("--pagecache", default="2g", help="page cache, when the server is started here")
    parser.add_argument("--before", help="a git revision whose .cypher texts to time side by side")
    parser.add_argument("--runs", type=int, default=5, help="timed runs per query (median)")
    parser.add_argument("--central-runs", type=int, default=3, help="timed runs of central-investors (median)")
    parser.add_argument("--warmups", type=int, default=2, help="untimed runs per query first")
    parser.add_argument("--only", nargs="*", help="just these queries")
    args = parser.parse_args()
    logging.getLogger("neo4j.notifications").setLevel(logging.ERROR)

    calls = [c for c in all_calls(args.store) if not args.only or c[0] in args.only]
    started = False
    if args.home is not None:
        info = server.status(args.home)
        if info is None:
            info = server.start(args.home, heap=args.heap, pagecache=args.pagecache)
            started = True
        uri, auth = info.uri, None
    else:
        uri = os.environ.get("NEO4J_URI") or sys.exit("give --home or set NEO4J_URI")
        password = os.environ.get("NEO4J_PASSWORD")
        auth = (os.environ.get("NEO4J_USERNAME", "neo4j"), password) if password else None
    driver = GraphDatabase.driver(uri, auth=auth)
    try:
        nodes = driver.execute_query("MATCH (n) RETURN count(n) AS n").records[0]["n"]
        rels = driver.execute_query("MATCH ()-[r]->() RETURN count(r) AS n").records[0]["n"]
        load = os.getloadavg()[0]
        print(f"Neo4j at {uri}: {nodes:,} nodes, {rels:,} relationships; store {args.store}; machine load {load:.1f}")
        sides = ["after"] + (["before"] if args.before else [])
        header = f"{'query':<20} {'rows':>6} {'embedded ms':>12} {'neo4j ms':>10}"
        if args.before:
            header += f" {'before ms':>10} {'before/after':>12}"
        print(f"\n{header}  same rows")
        for name, arguments, options in calls:
            texts = {"after": get_query(name).cypher}
            if args.before:
                texts["before"] = text_at(args.before, name)
            with open_store(args.store, create=False) as store:
                rows_e, t_e = timed(lambda s=store, n=name, a=arguments, o=options: run_store(s, n, *a, **o))
            runs = args.central_runs if name == "central-investors" else args.runs
            times: dict[str, list[float]] = {side: [] for side in sides}
            rows: dict[str, list[dict]] = {}
            for i in range(args.warmups + runs):
                for side in sides:
                    if side == "after":  # as `kg query` runs it
                        rows[side], t = timed(lambda n=name, a=arguments, o=options: run_neo4j(driver, n, *a, **o))
                    else:
                        with former_decoding():
                            rows[side], t = timed(lambda n=name, c=texts[side], a=arguments, o=options:
                                                  run_text(driver, n, c, a, o))
                    if i >= args.warmups:
                        times[side].append(t)
            after = statistics.median(times["after"])
            label = name if arguments or name not in {c[0] for c in calls if c[1]} else f"{name} (all)"
            line = f"{label:<20} {len(rows_e):>6} {t_e * 1000:>12.0f} {after * 1000:>10.0f}"
            same = rows["after"] == rows_e
            if args.before:
                before = statistics.median(times["before"])
                line += f" {before * 1000:>10.0f} {before / after:>11.2f}x"
                same = same and rows["before"] == rows_e
            print(f"{line}  {'yes' if same else 'NO'}", flush=True)
            if name == "central-investors":  # where its time goes: the server and the rows, or the ranking
                kept, t_kept = timed(lambda n=name: cached_rows(driver, n))
                print(f"  the ranking kept by `kg load`: {'sealed, used' if kept is not None else 'absent or stale'}"
                      f" (reading and checking it: {t_kept * 1000:.0f} ms)", flush=True)
                params = bind(nx.MultiDiGraph(), name, arguments, options)
                deals, t_cypher = timed(lambda p=params, c=texts["after"]: run_cypher(driver, c, p))
                ranked, t_rank = timed(lambda d=deals, p=params: ranking_of_deals(d, p["top"]))
                print(f"  without it: the query and its {len(deals):,} rows {t_cypher * 1000:.0f} ms, "
                      f"the ranking in Python {t_rank * 1000:.0f} ms (one more run; same rows: "
                      f"{'yes' if ranked == rows_e else 'NO'})", flush=True)
        print(f"ms: embedded = run_store once (central-investors from the store's cache); neo4j = run_neo4j, "
              f"median of {args.runs} runs (central-investors {args.central_runs}) after {args.warmups} untimed"
              + (f"; before = the .cypher texts of {args.before} and the rows decoded as before, run alternately "
                 "with this tree's" if args.before else ""))
    finally:
        driver.close()
        if started:
            server.stop(args.home)


if __name__ == "__main__":
    main()
