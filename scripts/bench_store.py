"""How fast does a large graph of record open? Prints side-by-side timings from one run.

Generates a synthetic store (companies, investors, INVESTED_IN relations with properties) of
`--relations` relations (1,000,000 by default; `--quick` uses 100,000), then measures, in one run:
opening the store, streaming every relation, and building the networkx view, and compares streaming
from SQLite with parsing the same graph from node-link JSON.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

from kg.graph import node_link, to_networkx
from kg.store import open_store


def generate(path: Path, relations: int) -> None:
    entities = max(1000, relations // 5)
    with open_store(path) as store, store.transaction() as conn:
        conn.executemany(
            "INSERT INTO entities VALUES (?, 'Organization', ?, NULL, ?, '{}')",
            ((f"organization:e{i}", f"Entity {i}", json.dumps(["Investor"] if i % 4 == 0 else ["Company"]))
             for i in range(entities)),
        )
        conn.executemany(
            "INSERT INTO relations VALUES (?, 'INVESTED_IN', ?, ?, ?)",
            ((f"r{i}", f"organization:e{(i * 4) % entities}", f"organization:e{(i * 7 + 1) % entities}",
              json.dumps({"round": "A", "amount": 1000 * i, "currency": "CNY"})) for i in range(relations)),
        )


def timed(label: str, func):
    start = time.perf_counter()
    value = func()
    elapsed = time.perf_counter() - start
    print(f"{label:<40} {elapsed:8.2f} s")
    return value, elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--relations", type=int, default=1_000_000)
    parser.add_argument("--quick", action="store_true", help="100,000 relations")
    args = parser.parse_args()
    n = 100_000 if args.quick else args.relations
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "store"
        timed(f"generate {n:,} relations", lambda: generate(path, n))
        store, t_open = timed("open store", lambda: open_store(path, create=False))
        count, t_stream = timed("stream all relations", lambda: sum(1 for _ in store.relations()))
        graph, t_view = timed("build networkx view", lambda: to_networkx(store))
        data = node_link(graph)
        text = json.dumps(data)
        _, t_json = timed("parse same graph from node-link JSON", lambda: json.loads(text))
        store.close()
    print(f"relations: {count:,}; nodes in view: {graph.number_of_nodes():,}")
    print(f"open+view: {t_open + t_view:.2f} s for {count:,} relations "
          f"(stream {t_stream:.2f} s; JSON parse alone {t_json:.2f} s, ratio view/json {t_view / t_json:.1f}x)")


if __name__ == "__main__":
    main()
