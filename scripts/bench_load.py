"""How much faster is the batched loader than one MERGE per row? And how fast is each named query,
embedded vs Neo4j? Prints side-by-side figures measured in one run, on one server.

Generates a synthetic store shaped like ours (companies with funding rounds backed by private and
state-owned investors, founders, executives who left to found spin-offs, IPO milestones, products,
articles mentioning all of them) through the store's own write path, builds the graph view every
projection uses, then on one fresh Neo4j server (started in a temporary home; or NEO4J_URI's when
`--allow-wipe` says its data may be deleted):

0. loads it with `kg load`'s loader on the fresh server (schema creation, query planning and the JVM's
   warm-up included), then again twice: with no state (the server compares every row) and with the
   state the first load left (`kg load`'s default: fingerprints compared in the client, nothing sent),
   and prints each as a ratio of the first load;
1. empties the database (schema kept) and, after three untimed loads that warm the JIT up, times the
   batched load (`UNWIND … MERGE`, `kg load`) seven times, each into the emptied database; the median
   counts; alternating run by run, the same with one write transaction in flight instead of
   `kg load`'s two (`--writers`, `--writers-against`), and prints the ratio; then the same with
   1,000-row batches, for comparison (the speedup uses `--batch-size`, by default `kg load`'s);
2. empties it again and times the same rows per row: one MERGE query per node and per relationship,
   each in its own managed transaction (after an untimed warm-up of 500 rows). On the full run only a
   fixed sample of rows is timed per row (`--sample`, nodes and relationships separately) and the time
   for all rows is extrapolated from those rates; the output says so;
3. loads it batched again and times every named query on the embedded view and on Neo4j (median of
   `--runs`), checking that both give the same rows (`--no-queries` skips this);
4. `kg load --bulk`: the same graph into an empty database of a second, stopped home with Neo4j's
   offline importer (CSV files, `neo4j-admin database import full`, the server started, constraints
   created), timed as a whole and by phase (`--no-bulk` skips this).

The last lines print the ratios side by side: batched vs per-row, --bulk vs batched, no-op vs first.

    python scripts/bench_load.py --quick     # ~11k relationships, every row also loaded per row
    python scripts/bench_load.py             # 100k+ relationships, per-row arm sampled
"""

from __future__ import annotations

import argparse
import logging
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import networkx as nx
from neo4j import Driver, GraphDatabase, ManagedTransaction

from kg.graph import to_networkx
from kg.model import Article, Source
from kg.names import normalize_name
from kg.neo4j import server
from kg.neo4j.batches import DEFAULT_WRITERS
from kg.neo4j.bulk import bulk_load
from kg.neo4j.loader import DEFAULT_BATCH_SIZE, load_graph, neo4j_value, quote
from kg.ontology import Ontology, load_ontology
from kg.queries import run_embedded, run_neo4j
from kg.resolve import relation_id
from kg.store import ResolvedEntity, ResolvedRelation, Store, open_store, write_article

REGIONS = ["Shanghai", "Beijing", "Shenzhen", "Hangzhou", "Suzhou", "Hefei"]
ROUNDS = ["Angel", "A", "B", "C", "D"]
EXCHANGES = [("hkex", "港交所"), ("sse", "上交所"), ("szse", "深交所")]
COMPANIES_PER_ARTICLE = 4


# -- the synthetic graph -----------------------------------------------------------------------------


class _Article:
    """Collects one article's entities and relations, then writes them in one transaction."""

    def __init__(self, number: int, seed: int) -> None:
        self.article = Article(text=f"bench article {seed}-{number}", path=f"bench/{number}.txt",
                               title=f"bench {number}", published=f"20{20 + number % 6}-{1 + number % 12:02d}-01",
                               lang="zh")
        self.entities: dict[str, ResolvedEntity] = {}
        self.relations: list[ResolvedRelation] = []

    def source(self) -> Source:
        return Source(self.article.id, 0, 0, 2, "bench", 0.9)

    def entity(self, entity_id: str, types: tuple[str, ...], name: str, **attrs: Any) -> str:
        if entity_id not in self.entities:
            self.entities[entity_id] = ResolvedEntity(
                id=entity_id, root=_ROOT[types[0]], key=None, name=name, types=types, attrs=attrs,
                names=(name,), known_aliases=(), sources=(self.source(),))
        return entity_id

    def relation(self, rel_type: str, source: str, target: str, **props: Any) -> None:
        self.relations.append(ResolvedRelation(relation_id(rel_type, source, target, props), rel_type, source,
                                               target, props, self.source()))

    def write(self, store: Store) -> None:
        write_article(store, self.article, self.entities.values(), self.relations, normalize_name)


_ROOT = {"Company": "Organization", "Investor": "Organization", "StateOwnedFund": "Organization",
         "Exchange": "Organization", "Person": "Person", "Product": "Product"}


def generate(store: Store, companies: int, seed: int = 1) -> None:
    """Write a synthetic investor network of `companies` companies into `store`, deterministically.

    Investors are drawn with a heavy tail (a few back thousands of deals, as in real syndicates); one
    in five is a state-owned fund. Four companies share each article.
    """
    rng = random.Random(seed)
    n_investors = max(40, companies // 8)
    investors = []
    for i in range(n_investors):
        if i % 5 == 0:
            investors.append((f"organization:fund-{i}", ("StateOwnedFund",), f"国投基金{i}",
                              {"region": REGIONS[i % len(REGIONS)], "investor_kind": "state_platform"}))
        else:
            investors.append((f"organization:vc-{i}", ("Investor",), f"Capital {i}", {"investor_kind": "vc"}))
    weights = [1 / (rank + 1) ** 0.9 for rank in range(n_investors)]
    company_ids = [f"organization:co-{c}" for c in range(companies)]
    founders: dict[int, str] = {}
    article: _Article | None = None
    for c in range(companies):
        if c % COMPANIES_PER_ARTICLE == 0:
            if article is not None:
                article.write(store)
            article = _Article(c // COMPANIES_PER_ARTICLE, seed)
        assert article is not None
        company = article.entity(company_ids[c], ("Company",), f"公司{c}科技")
        for r in range(1 + c % 3):
            backers: set[int] = set()
            while len(backers) < 2 + (c + r) % 3:
                backers.add(rng.choices(range(n_investors), weights)[0])
            for k, b in enumerate(sorted(backers)):
                inv_id, types, name, attrs = investors[b]
                article.entity(inv_id, types, name, **attrs)
                props: dict[str, Any] = {"round": ROUNDS[r], "role": "lead" if k == 0 else "follow"}
                if k == 0:
                    props.update(amount=1_000_000 * rng.randrange(1, 500), currency="CNY",
                                 date=f"{2018 + r}-{1 + c % 12:02d}")
                article.relation("INVESTED_IN", inv_id, company, **props)
        person = article.entity(f"person:p-{c}", ("Person",), f"创始人{c}")
        founders[c] = person
        article.relation("FOUNDED", person, company, date=str(2010 + c % 12))
        article.relation("HOLDS_POSITION", person, company, title="CEO")
        if c >= 10 and c % 10 == 0:  # a founder who left an older company: the view derives the lineage
            parent = rng.randrange(c)
            parent_id = article.entity(company_ids[parent], ("Company",), f"公司{parent}科技")
            article.relation("LEFT", person, parent_id, title="CTO", date=f"{2010 + c % 12}")
            if c % 30 == 0:  # the article also states the spin-off: no derived edge beside it
                article.relation("SPUN_OFF_FROM", company, parent_id, date=f"{2010 + c % 12}")
        if c % 7 == 0:
            code, exchange_name = EXCHANGES[c % len(EXCHANGES)]
            exchange = article.entity(f"organization:{code}", ("Exchange",), exchange_name)
            article.relation("FILED_FOR_IPO", company, exchange, date=f"2025-{1 + c % 12:02d}-01")
            if c % 14 == 0:
                article.relation("PASSED_LISTING_HEARING", company, exchange, date=f"2025-{1 + c % 12:02d}-15")
                article.relation("LISTED_ON", company, exchange, ticker=f"{1000 + c}", date="2025-12")
        if c % 5 == 0:
            product = article.entity(f"product:m-{c}", ("Product",), f"Model {c}")
            article.relation("DEVELOPS", company, product)
    if article is not None:
        article.write(store)


# -- the two ways to load ----------------------------------------------------------------------------


def clear(driver: Driver) -> None:
    """Delete all data, in batches (one large DETACH DELETE would need a large heap); keep the schema."""
    while driver.execute_query("MATCH (n) WITH n LIMIT 2000 DETACH DELETE n RETURN count(*) AS n"
                               ).records[0]["n"]:
        pass


def wipe(driver: Driver) -> None:
    """Delete all data, constraints and indexes."""
    clear(driver)
    for kind, query in (("CONSTRAINT", "SHOW CONSTRAINTS YIELD name RETURN name"),
                        ("INDEX", "SHOW INDEXES YIELD name, type WHERE type <> 'LOOKUP' RETURN name")):
        for record in driver.execute_query(query).records:
            driver.execute_query(f"DROP {kind} {quote(record['name'])} IF EXISTS")


def _run(tx: ManagedTransaction, query: str, params: dict[str, Any]) -> None:
    tx.run(query, params).consume()


def per_row_items(graph: nx.MultiDiGraph, ontology: Ontology) -> tuple[list[tuple[str, dict]], list[tuple[str, dict]]]:
    """The same rows as the batched loader writes, one (query, parameters) pair per node and relationship."""
    roots = {}
    nodes = []
    for node_id, data in graph.nodes(data=True):
        labels = ontology.labels_for(data["labels"])
        root = ontology.root_of(labels[0])
        roots[node_id] = root
        extra = "".join(f":{quote(label)}" for label in labels if label != root)
        props = {k: neo4j_value(v) for k, v in data.items() if k != "labels" and v is not None}
        props["id"] = node_id
        query = f"MERGE (n:{quote(root)} {{id: $id}}) SET n = $props" + (f" SET n{extra}" if extra else "")
        nodes.append((query, {"id": node_id, "props": props}))
    rels = []
    for source, target, data in graph.edges(data=True):
        rel_type = ontology.relation(data["type"]).name
        props = {k: neo4j_value(v) for k, v in data.items() if k != "type" and v is not None}
        query = (f"MATCH (a:{quote(roots[source])} {{id: $source}}) MATCH (b:{quote(roots[target])} {{id: $target}}) "
                 f"MERGE (a)-[r:{quote(rel_type)} {{id: $rid}}]->(b) SET r = $props")
        rels.append((query, {"source": source, "target": target, "rid": data["id"], "props": props}))
    return nodes, rels


def load_per_row(driver: Driver, items: list[tuple[str, dict]]) -> float:
    """Seconds to write `items`, one query and one transaction each."""
    start = time.perf_counter()
    with driver.session() as session:
        for query, params in items:
            session.execute_write(_run, query, params)
    return time.perf_counter() - start


def time_batched(driver: Driver, graph: nx.MultiDiGraph, batch_size: int, n_nodes: int, n_rels: int,
                 runs: int = 7, writers: tuple[int, ...] = (DEFAULT_WRITERS,)) -> dict[int, float]:
    """Median seconds of `runs` batched loads per number of writers (transactions in flight at once), each
    into the emptied database, the writer counts alternating run by run; prints a line per count."""
    times: dict[int, list[float]] = {w: [] for w in writers}
    for _ in range(runs):
        for w in writers:
            clear(driver)
            report, t_run = timed(lambda w=w: load_graph(driver, graph, batch_size=batch_size, writers=w))
            assert (report.nodes_created, report.relationships_created) == (n_nodes, n_rels), report
            times[w].append(t_run)
    medians = {w: statistics.median(ts) for w, ts in times.items()}
    for w, ts in times.items():
        print(f"batched load (UNWIND … MERGE, {batch_size:,} rows/batch, {w} writer{'s' * (w > 1)}): "
              f"{medians[w]:8.2f} s   {n_rels / medians[w]:>9,.0f} rels/s  "
              f"(median of {', '.join(f'{t:.2f}' for t in ts)} s)")
    return medians


def timed(func: Callable[[], Any]) -> tuple[Any, float]:
    start = time.perf_counter()
    value = func()
    return value, time.perf_counter() - start


# -- queries -----------------------------------------------------------------------------------------


def query_calls(graph: nx.MultiDiGraph) -> list[tuple[str, list[str], dict[str, Any]]]:
    """One call per named query, on the graph's busiest entities (ids, so both backends resolve at once)."""
    def busiest(label: str, direction: str) -> str:
        nodes = [n for n, d in graph.nodes(data=True) if label in d["labels"]]
        degree = graph.in_degree if direction == "in" else graph.out_degree
        return max(nodes, key=lambda n: (degree(n), n))

    company, investor = busiest("Company", "in"), busiest("Investor", "out")
    spun = [(s, t) for s, t, d in graph.edges(data=True) if d["type"] in ("SPUN_OFF_FROM", "FOUNDED_BY_ALUMNI_OF")]
    left = [t for _s, t, d in graph.edges(data=True) if d["type"] == "LEFT"]
    fund = busiest("StateOwnedFund", "out")
    person = next(n for n, d in sorted(graph.nodes(data=True)) if "Person" in d["labels"])
    return [
        ("investors", [company], {}), ("portfolio", [investor], {}), ("co-investors", [fund], {}),
        ("state-capital", [], {"region": "Shanghai"}), ("path", [fund, person], {"max_hops": 6}),
        ("central-investors", [], {"top": 10}), ("ipo-pipeline", ["organization:hkex"], {}),
        ("alumni", [left[0] if left else company], {}), ("lineage", [spun[0][1] if spun else company], {}),
        ("timeline", [company], {}),
    ]


def time_queries(graph: nx.MultiDiGraph, driver: Driver, runs: int) -> None:
    print(f"\n{'query':<18} {'rows':>6} {'embedded ms':>12} {'neo4j ms':>10}  same rows")
    for name, args, options in query_calls(graph):
        n = max(1, runs if name != "central-investors" else min(runs, 3))
        embedded, neo4j = [], []
        rows_e: list[dict] = []
        rows_n: list[dict] = []
        for _ in range(n):
            rows_e, t = timed(lambda name=name, args=args, options=options:
                              run_embedded(graph, name, *args, **options))
            embedded.append(t)
            rows_n, t = timed(lambda name=name, args=args, options=options:
                              run_neo4j(driver, name, *args, **options))
            neo4j.append(t)
        print(f"{name:<18} {len(rows_e):>6} {statistics.median(embedded) * 1000:>12.1f} "
              f"{statistics.median(neo4j) * 1000:>10.1f}  {'yes' if rows_e == rows_n else 'NO'}")
    print(f"(median of {runs} runs; central-investors at most 3; both backends compute its centralities with "
          "networkx, so its time is mostly Python)")


# -- main --------------------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="a small graph (~11k relationships), all rows per row")
    parser.add_argument("--companies", type=int, help="companies to generate (default 6000; --quick 500)")
    parser.add_argument("--batch-size", type=int, default=DEFAULT_BATCH_SIZE,
                        help=f"rows per batch, as `kg load --batch-size` (default {DEFAULT_BATCH_SIZE:,})")
    parser.add_argument("--sample", type=int, default=5000,
                        help="full run: rows timed per row, for nodes and for relationships (default 5000)")
    parser.add_argument("--runs", type=int, default=5, help="runs per query (median)")
    parser.add_argument("--allow-wipe", action="store_true", help="with NEO4J_URI: its data may be deleted")
    parser.add_argument("--sweep", type=lambda t: [int(x) for x in t.split(",") if x], default=[1000],
                        help="other batch sizes to time, comma-separated (default 1000; '' for none)")
    parser.add_argument("--store", type=Path,
                        help="load this store's graph instead of generating one (opened read-only: give a copy "
                             "if it must stay untouched byte for byte)")
    parser.add_argument("--warmups", type=int, default=3, help="untimed batched loads before the timed ones")
    parser.add_argument("--heap", default="1g", help="JVM heap of the benchmark's server")
    parser.add_argument("--pagecache", default="64m", help="page cache of the benchmark's server")
    parser.add_argument("--batch-runs", type=int, default=7, help="timed batched loads per batch size (median)")
    parser.add_argument("--no-queries", dest="queries", action="store_false", help="skip the named queries")
    parser.add_argument("--no-bulk", dest="bulk", action="store_false", help="skip the --bulk arm")
    parser.add_argument("--writers", type=int, default=DEFAULT_WRITERS,
                        help=f"write transactions in flight, as `kg load --writers` (default {DEFAULT_WRITERS})")
    parser.add_argument("--writers-against", type=int, default=1,
                        help="also time the batched load with this many writers, alternating run by run with "
                             "--writers, and print the ratio (default 1; 0: not)")
    args = parser.parse_args()
    # the named queries mention relationship types and properties a synthetic graph may lack; the
    # server's warnings about them would drown the figures
    logging.getLogger("neo4j.notifications").setLevel(logging.ERROR)
    companies = args.companies or (500 if args.quick else 6000)
    ontology = load_ontology()

    with tempfile.TemporaryDirectory(prefix="kg-bench-load-") as tmp:
        if args.store is not None:
            with open_store(args.store, create=False) as store:
                graph, t_view = timed(lambda: to_networkx(store, ontology))
            n_nodes, n_rels = graph.number_of_nodes(), graph.number_of_edges()
            print(f"graph of {args.store}: {n_nodes:,} nodes, {n_rels:,} relationships (view built in {t_view:.1f} s)")
        else:
            store_path = Path(tmp) / "store"
            with open_store(store_path) as store:
                _, t_gen = timed(lambda: generate(store, companies))
                graph = to_networkx(store, ontology)
            n_nodes, n_rels = graph.number_of_nodes(), graph.number_of_edges()
            print(f"synthetic graph: {companies:,} companies -> {n_nodes:,} nodes, {n_rels:,} relationships "
                  f"(generated through the store in {t_gen:.1f} s)")

        home = None
        uri = os.environ.get("NEO4J_URI")
        if uri:
            if not args.allow_wipe:
                sys.exit(f"NEO4J_URI={uri} is set: pass --allow-wipe if its data may be deleted, or unset it "
                         "to let the benchmark start its own server")
            password = os.environ.get("NEO4J_PASSWORD")
            auth = (os.environ.get("NEO4J_USERNAME", "neo4j"), password) if password else None
        else:
            home = Path(tmp) / "neo4j"
            info, t_start = timed(lambda: server.start(home, heap=args.heap, pagecache=args.pagecache,
                                                      watch_pid=os.getpid()))
            uri, auth = info.uri, None
            print(f"fresh Neo4j {info.version} at {uri} (started in {t_start:.1f} s)")
        driver = GraphDatabase.driver(uri, auth=auth)
        try:
            driver.verify_connectivity()
            wipe(driver)

            def load(**options: Any) -> Any:
                return load_graph(driver, graph, batch_size=args.batch_size, writers=args.writers, **options)

            # 0. a first load on the fresh server (schema, query planning and JIT warm-up included)
            state = Path(tmp) / "load.state"
            report, t_first = timed(lambda: load(state=state))
            assert (report.nodes_created, report.relationships_created) == (n_nodes, n_rels), report
            again, t_again = timed(load)
            assert not again.changed, again
            noop, t_noop = timed(lambda: load(state=state))
            assert noop.mode == "unchanged" and noop.rows_sent == 0, noop
            print(f"first load on the fresh server, schema included:   {t_first:8.2f} s   "
                  f"{n_rels / t_first:>9,.0f} rels/s")
            print(f"second load, no state, server compares every row: {t_again:8.2f} s   "
                  f"({t_again / t_first:.2f}x the first)")
            print(f"second load with the first's state (kg load):      {t_noop:8.2f} s   "
                  f"({t_noop / t_first:.3f}x the first; {noop.rows_sent} rows sent)")

            # Both arms below load into the same emptied database (schema kept, so both look ids up
            # through the same constraints) on the same, warmed-up server.
            # 1. batched, as `kg load` does it: seven runs, each into the emptied database, the median
            # counts (each query runs only a few times per load, so the first runs still warm the JVM);
            # then the same with small batches, to show what the batch size is worth
            for _ in range(args.warmups):  # untimed warm-up of the JIT, as the per-row arm gets below
                clear(driver)
                load()
            arms = (args.writers,) + ((args.writers_against,) if args.writers_against not in (0, args.writers) else ())
            by_writers = time_batched(driver, graph, args.batch_size, n_nodes, n_rels, args.batch_runs, arms)
            t_batched = by_writers[args.writers]
            for size in args.sweep:
                if size != args.batch_size:
                    time_batched(driver, graph, size, n_nodes, n_rels, args.batch_runs, (args.writers,))

            # 2. per row: same rows, one MERGE query and one transaction each
            clear(driver)
            nodes, rels = per_row_items(graph, ontology)
            load_per_row(driver, nodes[:500])  # warm-up of the per-row path, untimed
            clear(driver)
            if args.quick or args.sample >= min(len(nodes), len(rels)):
                t_nodes = load_per_row(driver, nodes)
                t_rels = load_per_row(driver, rels)
                t_per_row = t_nodes + t_rels
                n_db = driver.execute_query("MATCH (n) RETURN count(n) AS n").records[0]["n"]
                r_db = driver.execute_query("MATCH ()-[r]->() RETURN count(r) AS n").records[0]["n"]
                assert (n_db, r_db) == (n_nodes, n_rels), (n_db, r_db)
                print(f"per-row load (one MERGE per row, all {len(nodes) + len(rels):,} rows): {t_per_row:8.2f} s"
                      f"   {n_rels / t_per_row:>9,.0f} rels/s")
            else:
                k = args.sample
                t_nodes_sample = load_per_row(driver, nodes[:k])
                endpoints = nx.MultiDiGraph()  # every node, no relationship: what the sampled rows need
                endpoints.add_nodes_from(graph.nodes(data=True))
                load_graph(driver, endpoints, batch_size=args.batch_size)  # untimed
                t_rels_sample = load_per_row(driver, rels[:k])
                t_per_row = t_nodes_sample / k * len(nodes) + t_rels_sample / k * len(rels)
                print(f"per-row load (one MERGE per row): timed a sample of {k:,} nodes ({t_nodes_sample:.2f} s) "
                      f"and {k:,} relationships ({t_rels_sample:.2f} s),")
                print(f"  extrapolated to all {len(nodes):,} nodes and {len(rels):,} relationships: "
                      f"{t_per_row:8.2f} s   {n_rels / t_per_row:>9,.0f} rels/s (estimate)")

            # 3. queries on the batched graph
            if args.queries:
                clear(driver)
                load()
                time_queries(graph, driver, args.runs)
        finally:
            driver.close()
            if home is not None:
                server.stop(home)

        # 4. --bulk into an empty database of another home (its server is stopped by then)
        t_bulk = None
        if args.bulk:
            bulk_home = Path(tmp) / "neo4j-bulk"
            phases: dict[str, float] = {}
            try:
                bulk, t_bulk = timed(lambda: bulk_load(graph, bulk_home, heap="1g", timings=phases))
            finally:
                server.stop(bulk_home)
            assert (bulk.nodes_created, bulk.relationships_created) == (n_nodes, n_rels), bulk
            print(f"--bulk (offline importer), all in:                 {t_bulk:8.2f} s   "
                  f"{n_rels / t_bulk:>9,.0f} rels/s "
                  f"({', '.join(f'{k} {v:.1f} s' for k, v in phases.items())})")
    print(f"\nratios, measured above in this run ({n_rels:,} relationships):")
    print(f"  batched vs per-row MERGE:  {t_per_row / t_batched:6.1f}x faster "
          f"({n_rels / t_batched:,.0f} rels/s batched)")
    if t_bulk is not None:
        print(f"  --bulk vs batched:         {t_batched / t_bulk:6.2f}x (bulk all in, server restart included); "
              f"{t_per_row / t_bulk:.1f}x per-row")
    for w, t_w in by_writers.items():
        if w != args.writers:
            print(f"  {args.writers} writers vs {w}:         {t_w / t_batched:6.2f}x faster")
    print(f"  no-op reload vs first:     {t_noop / t_first:6.3f}x (with state); {t_again / t_first:.2f}x without")
    print(f"load speedup vs per-row: {t_per_row / t_batched:.1f}x ({n_rels / t_batched:,.0f} rels/s batched)")


if __name__ == "__main__":
    main()
