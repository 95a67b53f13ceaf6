"""RDF export and parse speed of our formats against rdflib's own serialisers and pyoxigraph's, on the
same graph, plus the peak memory of the streaming writer and a SPARQL comparison.

    python scripts/bench_rdf.py --quick         # ~120k triples
    python scripts/bench_rdf.py                 # 1M+ triples (the issue's full run)
    python scripts/bench_rdf.py --relations N   # choose the size

The store is synthetic (written straight into the tables through `kg.rdf.write_dump`): companies,
investors with funding relations carrying round/amount/currency/date/role, people holding positions,
each fact with one or two sources, mentions and aliases, so the projection has the shape of a real one.
Timings are wall-clock of one run each. "ours" rows time `kg export` code paths end to end (graph view
included; the streaming ttl as `kg export` writes it, and ttl/trig/xml through pyoxigraph); "rdflib" rows
time rdflib's serialiser alone on the Dataset our projection built;
"pyoxigraph" rows time pyoxigraph's serialiser on a pyoxigraph store holding the same quads.

Last, issue 13's row side by side: `kg export` (`kg.rdf.write`, the engine `kg export` picks: the
streaming writer for nt and ttl) against pyoxigraph's `Store.dump` of a store that holds exactly the
triples ours writes (the union, loaded before the clock starts, dumped with the same prefixes), in
alternating rounds; medians of wall-clock and of CPU time (this process's, the fairer figure on a
shared machine) and their ratio (ours / pyoxigraph's triples/s; the aim is >= 0.9). Ours includes
everything `kg export` does after opening the store: the graph view, the projection, the file.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.dump import Dump, EdgeRec, NodeRec  # noqa: E402
from kg.graph import to_networkx  # noqa: E402
from kg.ontology import load_ontology  # noqa: E402
from kg.rdf import (  # noqa: E402
    RDF_FORMATS,
    flatten,
    import_file,
    to_rdf,
    write,
    write_dump,
    write_rdf,
    write_streaming,
)
from kg.rdf.export import prefixes  # noqa: E402
from kg.store import open_store  # noqa: E402

ROUNDS = ["Angel", "A", "B", "C", "D"]


def synthetic_dump(relations: int, seed: int = 7) -> Dump:
    """About `relations` relations among relations/3 companies, relations/10 investors and relations/6 people."""
    rng = random.Random(seed)
    dump = Dump(mentions=[], aliases=[])
    companies = max(10, relations // 3)
    investors = max(5, relations // 10)
    people = max(5, relations // 6)
    articles = max(5, relations // 4)
    for a in range(articles):
        art = f"a{a:020d}"
        dump.articles[art] = {"title": f"第{a}篇 融资新闻 \"quoted\"", "path": f"news/{a}.txt",
                              "published": f"2025-{1 + a % 12:02d}-01", "url": f"https://example.com/{a}",
                              "lang": "zh", "chars": 800, "added": "2026-01-01T00:00:00+00:00", "text": None}

    def entity(node_id: str, cls: str, name: str, alias: str, attrs: dict) -> None:
        dump.nodes[node_id] = NodeRec(node_id, [cls], name, [alias], attrs, types=[cls], recorded=True)
        art = f"a{rng.randrange(articles):020d}"
        for n in (name, alias):
            dump.aliases.append((node_id, n, art))
        dump.mentions.append((node_id, art, cls, name, rng.randrange(30), 10, 14, "gazetteer", 0.95))
        dump.mentions.append((node_id, art, cls, alias, rng.randrange(30), 40, 44, "pattern", 0.8))

    for c in range(companies):
        entity(f"organization:company-{c}", "Company", f"星衡智能{c}号", f"Stellar {c} AI", {"region": "上海"})
    for i in range(investors):
        cls = "StateOwnedFund" if i % 4 == 0 else "Investor"
        entity(f"organization:investor-{i}", cls, f"红杉{i}资本", f"Sequoia {i}",
               {"region": "北京", "investor_kind": "state_platform" if cls == "StateOwnedFund" else "vc"})
    for p in range(people):
        entity(f"person:p-{p}", "Person", f"林知远{p}", f"Lin Zhiyuan {p}", {})

    def rel(rel_id: str, rtype: str, src: str, dst: str, props: dict) -> None:
        sources = sorted({f"a{rng.randrange(articles):020d}" for _ in range(rng.choice((1, 1, 2)))})
        records = [{"article": a, "sentence": rng.randrange(30), "span_start": 5, "span_end": 60, "method": "pattern",
                    "confidence": 0.85, "evidence": "上海国投领投，红杉中国跟投。", "props": props, "order": 0}
                   for a in sources]
        dump.edges[rel_id] = EdgeRec(rel_id, rtype, src, dst, props, sources, 0.85, ["pattern"], records, True)

    n = 0
    while n < relations:
        c = rng.randrange(companies)
        if n % 3 == 2:
            rel(f"r{n}", "HOLDS_POSITION", f"person:p-{rng.randrange(people)}", f"organization:company-{c}",
                {"title": "CEO"})
        else:
            rel(f"r{n}", "INVESTED_IN", f"organization:investor-{rng.randrange(investors)}",
                f"organization:company-{c}",
                {"round": ROUNDS[n % 5], "amount": 10_000_000 * (1 + rng.randrange(50)), "currency": "CNY",
                 "date": f"2024-{1 + n % 12:02d}", "role": "lead" if n % 2 else "follow"})
        n += 1
    dump.has_records = True
    return dump


def timed(fn, *args, **kwargs):
    start = time.perf_counter()
    result = fn(*args, **kwargs)
    return result, time.perf_counter() - start


def row(table: list, tool: str, what: str, triples: int, seconds: float) -> None:
    table.append({"tool": tool, "what": what, "triples": triples, "seconds": round(seconds, 3),
                  "triples_per_s": int(triples / seconds) if seconds else None})
    print(f"{tool:10s} {what:34s} {triples:>10d} triples {seconds:8.2f} s {int(triples / max(seconds, 1e-9)):>10d}/s",
          flush=True)


def timed_both(fn, *args, **kwargs):
    """(result, wall seconds, CPU seconds of this process)."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = fn(*args, **kwargs)
    return result, time.perf_counter() - wall, time.process_time() - cpu


def side_by_side(store, ontology, tmp: Path, rounds: int, table: list) -> None:
    """Issue 13's row: `kg export` nt and ttl against pyoxigraph's dump of the same triples, alternating."""
    import pyoxigraph as ox

    formats = {"nt": ox.RdfFormat.N_TRIPLES, "ttl": ox.RdfFormat.TURTLE}
    print(f"\nissue 13, side by side ({rounds} alternating rounds; medians; ratio = ours / pyoxigraph "
          "triples per second):", flush=True)
    for fmt, ox_format in formats.items():
        ours_out, ref_out = tmp / f"side.{fmt}", tmp / f"side-ox.{fmt}"
        n = write(store, fmt, ours_out, ontology=ontology)  # warm-up, and the triples the reference holds
        reference = ox.Store()
        reference.bulk_load(path=str(ours_out), format=ox_format)
        assert len(reference) == n, (len(reference), n)
        ours, theirs = [], []
        for _ in range(rounds):
            _, wall, cpu = timed_both(write, store, fmt, ours_out, ontology=ontology)
            ours.append((wall, cpu))
            _, wall, cpu = timed_both(reference.dump, output=str(ref_out), format=ox_format,
                                      from_graph=ox.DefaultGraph(), prefixes=prefixes())
            theirs.append((wall, cpu))
        del reference
        figures = {}
        for i, clock in enumerate(("wall", "cpu")):
            o = statistics.median(t[i] for t in ours)
            r = statistics.median(t[i] for t in theirs)
            figures[clock] = {"ours_per_s": int(n / o), "pyoxigraph_per_s": int(n / r), "ratio": round(r / o, 2)}
        w, c = figures["wall"], figures["cpu"]
        print(f"kg export {fmt:3s} {n:>9d} triples | wall: ours {w['ours_per_s']:>9d}/s pyoxigraph dump "
              f"{w['pyoxigraph_per_s']:>9d}/s ratio {w['ratio']:.2f} | cpu: ours {c['ours_per_s']:>9d}/s "
              f"pyoxigraph dump {c['pyoxigraph_per_s']:>9d}/s ratio {c['ratio']:.2f}", flush=True)
        table.append({"tool": "side by side", "what": f"kg export {fmt} vs pyoxigraph dump", "triples": n,
                      "rounds": rounds, **figures})


def peak_memory(store: Path, out: Path) -> dict:
    """Peak RSS of a fresh process exporting the store with the streaming writer, and of one that only
    builds the graph view (the writer's own share is the difference)."""
    # VmHWM (peak resident set of this process image); ru_maxrss would include the forked parent.
    code = ("import sys; from kg.store import open_store; from kg.graph import to_networkx;"
            "from kg.rdf import write_streaming; s=open_store(sys.argv[1], create=False);"
            "n = write_streaming(s, 'nt', sys.argv[2]) if sys.argv[3]=='write' else "
            "(to_networkx(s).number_of_edges() if sys.argv[3]=='view' else 0);"
            "hwm=[l for l in open('/proc/self/status') if l.startswith('VmHWM')][0].split()[1];"
            "print(n, hwm)")
    out_rows = {}
    for mode in ("import", "view", "write"):
        res = subprocess.run([sys.executable, "-c", code, str(store), str(out), mode], capture_output=True, text=True,
                             cwd=ROOT, check=True)
        n, kib = res.stdout.split()
        out_rows[mode] = {"count": int(n), "peak_rss_mib": round(int(kib) / 1024, 1)}
    return out_rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="about 120k triples instead of 1M+")
    parser.add_argument("--relations", type=int, help="number of relations (about 80 triples each, with the "
                        "entities, mentions and articles they bring)")
    parser.add_argument("--skip-slow", action="store_true", help="skip rdflib's slowest serialisers (ttl, "
                        "trig, json-ld, xml) and its SPARQL on graphs of over 300k triples")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument("--side-only", action="store_true", help="only the side-by-side row (issue 13)")
    parser.add_argument("--rounds", type=int, help="alternating rounds of the side-by-side row (default 5 "
                        "with --quick, else 3)")
    args = parser.parse_args()
    relations = args.relations or (1_500 if args.quick else 13_000)
    ontology = load_ontology()
    tmp = Path(tempfile.mkdtemp(prefix="bench-rdf-"))
    store = open_store(tmp / "store")
    _, secs = timed(write_dump, store, synthetic_dump(relations), ontology)
    print(f"synthetic store: {store.counts()} written in {secs:.1f} s", flush=True)
    table: list[dict] = []
    if args.side_only:
        side_by_side(store, ontology, tmp, args.rounds or (5 if args.quick else 3), table)
        store.close()
        cleanup(tmp, args.json, {"relations": relations, "rows": table})
        return

    view, secs = timed(to_networkx, store, ontology)
    print(f"graph view: {view.number_of_nodes()} nodes, {view.number_of_edges()} edges in {secs:.2f} s", flush=True)

    n, secs = timed(write_streaming, store, "nt", tmp / "s.nt", ontology=ontology)
    row(table, "ours", "streaming nt (view included)", n, secs)
    n, secs = timed(write_streaming, store, "nq", tmp / "s.nq", ontology=ontology)
    row(table, "ours", "streaming nq (view included)", n, secs)
    n, secs = timed(write_streaming, store, "ttl", tmp / "s.ttl", ontology=ontology)
    row(table, "ours", "streaming ttl (view included)", n, secs)

    dataset, secs = timed(to_rdf, store, ontology)
    quads = sum(len(g) for g in dataset.graphs())
    row(table, "ours", "rdflib Dataset build", quads, secs)
    flat, secs = timed(flatten, dataset)
    triples = len(flat)
    print(f"projection: {triples} distinct triples, {quads} quads", flush=True)
    for fmt in ("ttl", "nt", "jsonld", "xml"):
        if args.skip_slow and fmt in ("ttl", "jsonld", "xml") and triples > 300_000:
            continue
        _, secs = timed(flat.serialize, destination=str(tmp / f"r.{fmt}"), format=RDF_FORMATS[fmt])
        row(table, "rdflib", f"serialize {fmt}", triples, secs)
    for fmt in ("trig", "nq"):
        if args.skip_slow and fmt == "trig" and triples > 300_000:
            continue
        _, secs = timed(dataset.serialize, destination=str(tmp / f"r.{fmt}"), format=RDF_FORMATS[fmt])
        row(table, "rdflib", f"serialize {fmt}", quads, secs)
    for fmt in ("ttl", "trig", "xml"):
        n, secs = timed(write_rdf, store, fmt, tmp / f"w.{fmt}", ontology=ontology, engine="oxigraph")
        row(table, "ours", f"kg export {fmt} (via pyoxigraph)", n, secs)
    del dataset

    from rdflib import Graph

    _, secs = timed(Graph().parse, str(tmp / "s.nt"), format="nt")
    row(table, "rdflib", "parse nt", triples, secs)
    _, secs = timed(Graph().parse, str(tmp / "w.ttl"), format="turtle")
    row(table, "rdflib", "parse ttl", triples, secs)
    del flat
    for fmt in ("nt", "ttl"):  # `kg import` of our own export: parsed by pyoxigraph, written into a fresh store
        with open_store(tmp / f"imported-{fmt}") as imported:
            _, secs = timed(import_file, imported, tmp / f"s.{fmt}", ontology=ontology)
        row(table, "ours", f"kg import {fmt} (parse + store)", triples, secs)

    try:
        import pyoxigraph as ox
    except ImportError:
        print("pyoxigraph not installed: skipped")
        ox = None
    if ox is not None:
        ostore = ox.Store()
        _, secs = timed(ostore.bulk_load, path=str(tmp / "s.nq"), format=ox.RdfFormat.N_QUADS)
        row(table, "pyoxigraph", "bulk_load nq", quads, secs)
        oquads = len(ostore)
        for name, fmt, graph_name in (("nt", ox.RdfFormat.N_TRIPLES, True), ("ttl", ox.RdfFormat.TURTLE, True),
                                      ("xml", ox.RdfFormat.RDF_XML, True), ("nq", ox.RdfFormat.N_QUADS, False),
                                      ("trig", ox.RdfFormat.TRIG, False)):
            def dump(fmt=fmt, graph_name=graph_name, name=name):
                kwargs = {"from_graph": ox.DefaultGraph()} if graph_name else {}
                if graph_name:  # flat formats: the union, as ours
                    union = ox.Store()
                    union.extend(ox.Quad(q.subject, q.predicate, q.object) for q in ostore)
                    return union.dump(output=str(tmp / f"o.{name}"), format=fmt, **kwargs)
                return ostore.dump(output=str(tmp / f"o.{name}"), format=fmt)
            _, secs = timed(dump)
            row(table, "pyoxigraph", f"dump {name}" + (" (union copy incl.)" if graph_name else ""),
                triples if graph_name else oquads, secs)
        _, secs = timed(lambda: list(ox.parse(path=str(tmp / "s.nt"), format=ox.RdfFormat.N_TRIPLES)))
        row(table, "pyoxigraph", "parse nt", triples, secs)

        query = ("PREFIX kgo: <https://w3id.org/kg-news/ontology#> "
                 "PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> "
                 "SELECT ?inv (SUM(?a) AS ?total) WHERE { ?st rdf:predicate kgo:INVESTED_IN ; rdf:subject ?inv ; "
                 "kgo:amount ?a } GROUP BY ?inv ORDER BY DESC(?total) LIMIT 5")
        from kg.rdf import sparql_store

        for engine in ("oxigraph",) if args.skip_slow and triples > 300_000 else ("rdflib", "oxigraph"):
            rows, secs = timed(sparql_store, store, query, engine, ontology)
            print(f"sparql {engine}: load + query {secs:.2f} s ({len(rows)} rows)", flush=True)
            table.append({"tool": engine, "what": "kg sparql top investors (load + query)", "seconds": round(secs, 3)})

        side_by_side(store, ontology, tmp, args.rounds or (5 if args.quick else 3), table)

    store.close()
    memory = peak_memory(tmp / "store", tmp / "m.nt")
    print(f"peak RSS: python + kg imported {memory['import']['peak_rss_mib']} MiB; graph view only "
          f"{memory['view']['peak_rss_mib']} MiB; streaming export of "
          f"{memory['write']['count']} triples {memory['write']['peak_rss_mib']} MiB", flush=True)
    sizes = {p.name: p.stat().st_size for p in sorted(tmp.iterdir()) if p.is_file()}
    report = {"relations": relations, "triples": triples, "quads": quads, "rows": table, "memory": memory,
              "file_bytes": sizes}
    cleanup(tmp, args.json, report)


def cleanup(tmp: Path, json_path: Path | None, report: dict) -> None:
    if json_path:
        json_path.write_text(json.dumps(report, indent=1), encoding="utf-8")
    for p in tmp.rglob("*"):
        if p.is_file():
            p.unlink()
    print(f"(temporary files in {tmp} removed)")


if __name__ == "__main__":
    main()
