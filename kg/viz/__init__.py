"""Views of the graph people look at: spin-off lineages and investment networks as
interactive pages, SVG and PNG."""

from kg.viz.from_store import investors_graph, lineage_graph, network_graph
from kg.viz.network import Filters
from kg.viz.render import check_suffix, render_investors, render_lineage, render_network

__all__ = ["Filters", "check_suffix", "investors_graph", "lineage_graph", "network_graph", "render_investors",
           "render_lineage", "render_network"]
