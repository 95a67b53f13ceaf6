"""Views of the graph people look at: spin-off lineages as an interactive page, SVG and PNG."""

from kg.viz.render import render_lineage

__all__ = ["render_lineage"]
