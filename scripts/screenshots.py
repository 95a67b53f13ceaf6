"""Regenerate the pictures in docs/ that the README shows, so they always come from the current code.

    python scripts/screenshots.py                      # every picture
    python scripts/screenshots.py lineage-wide lineage-deep

- lineage.png          `kg viz lineage 云岫智能 --with-investors` on the example articles (what `make demo` draws)
- lineage-wide.png     a generated "字节系": one parent and 24 spin-offs (`kg.viz.synthetic.wide_lineage`)
- lineage-deep.png     a generated lineage seven generations deep with side branches (`deep_lineage`)
- lineage-backed.png   the "字节系" whose parent has three investors of its own, with long names, listed
                       under it (`wide_lineage_with_parent_investors`, `--with-investors`)
- investors.png        `kg viz investors 红杉中国` on the example articles
- network-300x500.png  the page of the generated 300-investor, 500-company network, as Chromium shows it

The generated graphs are seeded, so the same code gives the same pictures. Needs Chromium.
"""

from __future__ import annotations

import argparse
import tempfile
from collections.abc import Callable
from pathlib import Path

import networkx as nx

from kg.viz import render_investors, render_lineage, render_network
from kg.viz.browser import screenshot
from kg.viz.synthetic import deep_lineage, investment_network, wide_lineage, wide_lineage_with_parent_investors

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"


def _examples() -> nx.MultiDiGraph:
    from kg.build import build
    from kg.graph import to_networkx
    from kg.store import open_store

    with tempfile.TemporaryDirectory() as tmp, open_store(Path(tmp) / "store") as store:
        build(store, [ROOT / "examples"])
        return to_networkx(store)


def lineage(out: Path) -> None:
    from kg.queries import find_entity

    graph = _examples()
    render_lineage(graph, find_entity(graph, "云岫智能"), out, with_investors=True)


def lineage_wide(out: Path) -> None:
    render_lineage(wide_lineage(), "organization:parent", out)


def lineage_deep(out: Path) -> None:
    render_lineage(deep_lineage(), "organization:g0", out)


def lineage_backed(out: Path) -> None:
    render_lineage(wide_lineage_with_parent_investors(), "organization:parent", out, with_investors=True)


def investors(out: Path) -> None:
    from kg.queries import find_entity

    graph = _examples()
    render_investors(graph, find_entity(graph, "红杉中国"), out)


def network(out: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "network.html"
        render_network(investment_network(investors=300, companies=500, investments=2000), page)
        screenshot(page, out, 1100, 720)


PICTURES: dict[str, Callable[[Path], None]] = {
    "lineage": lineage, "lineage-wide": lineage_wide, "lineage-deep": lineage_deep,
    "lineage-backed": lineage_backed, "investors": investors,
    "network-300x500": network,
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", choices=[[], *PICTURES], help="pictures to draw (default: all)")
    args = parser.parse_args()
    for name in args.names or PICTURES:
        out = DOCS / f"{name}.png"
        PICTURES[name](out)
        print(f"wrote {out.relative_to(ROOT)} ({out.stat().st_size // 1024} KiB)")


if __name__ == "__main__":
    main()
