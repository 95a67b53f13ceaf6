"""Views of the graph people look at: spin-off lineages and co-investment networks as
interactive pages, SVG and PNG."""

from kg.viz.render import render_investors, render_lineage

__all__ = ["render_investors", "render_lineage"]
