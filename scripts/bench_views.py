"""How fast the investor network page lays out a generated network of real size.

The issue's scale check asks that a network of 300 investors, 500 companies and 2,000 investments open in
headless Chromium in under 3 s. Wall time on a shared machine is noise for a test's verdict, so the test
(tests/viz/test_network.py) checks what the page does (everything rendered, nothing overlapping, no
console message, no request) and this script measures how long it takes, with the page's own breakdown.

    python scripts/bench_views.py [--investors 300 --companies 500 --investments 2000 --runs 3]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
from pathlib import Path

from kg.viz import render_network
from kg.viz.network_page import page_layout
from kg.viz.synthetic import investment_network

PARTS = ("ms", "create_ms", "layout_ms", "separate_ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--investors", type=int, default=300)
    parser.add_argument("--companies", type=int, default=500)
    parser.add_argument("--investments", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    graph = investment_network(investors=args.investors, companies=args.companies, investments=args.investments)
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "network.html"
        view = render_network(graph, page)
        runs = [page_layout(page) for _ in range(args.runs)]
    print(f"{len(view.nodes)} nodes, {len(view.edges)} edges, {args.runs} runs (median, min-max in ms):")
    for part in PARTS:
        values = [r[part] for r in runs]
        print(f"  {part:12} {statistics.median(values):7.0f}  ({min(values)}-{max(values)})")
    print(f"  under the issue's 3 s budget: {statistics.median(r['ms'] for r in runs) < 3000}")


if __name__ == "__main__":
    main()
