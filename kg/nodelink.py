"""Node-link JSON (`kg export --format node-link`): the graph view written to a file, and read back
into a store. Both directions live here, so the file format has one owner.

Node-link carries the view, not the store's records: the store is rebuilt from it (one source per
article and method of each relation, one mention per MENTIONED_IN edge; see `kg.dump`).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import networkx as nx

from kg.dump import Dump, EdgeRec, NodeRec
from kg.errors import KGError
from kg.graph import ARTICLE_PREFIX, node_link
from kg.ontology import Ontology
from kg.terms import C

_EDGE_META = {"id", "type", "sources", "confidence", "method", "key", "source", "target"}


def write_node_link(graph: nx.MultiDiGraph, path: Path) -> None:
    """Write the view as node-link JSON (`kg.graph.node_link`); the file appears complete or not at all,
    so an interrupted export never leaves half a file where a good one was."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    try:
        tmp.write_text(json.dumps(node_link(graph), ensure_ascii=False, indent=1), encoding="utf-8")
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)


def read_node_link(path: Path, ontology: Ontology) -> Dump:
    """The `Dump` of a node-link JSON file."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except ValueError as exc:
        raise KGError(f"{path}: not JSON ({exc})") from exc
    return dump_from_node_link(data, ontology)


def dump_from_node_link(data: dict[str, Any], ontology: Ontology) -> Dump:
    """The nodes and edges of node-link JSON (`kg export --format node-link`)."""
    if not isinstance(data, dict) or "nodes" not in data:
        raise KGError("not node-link JSON (no 'nodes')")
    dump = Dump()
    for node in data["nodes"]:
        node_id = str(node["id"])
        labels = list(node.get("labels") or [])
        attrs = {k: v for k, v in node.items() if k not in {"id", "labels", "name", "aliases"}}
        name = node.get("name") or node_id
        if C.Article in labels:
            art_id = str(attrs.get("content_hash") or node_id.removeprefix(ARTICLE_PREFIX))
            dump.articles[art_id] = {"title": None if name == art_id else name, "path": None,
                                     "published": attrs.get("published"), "url": attrs.get("url"),
                                     "lang": attrs.get("lang"), "chars": None, "added": None, "text": None}
            continue
        dump.nodes[node_id] = NodeRec(node_id, labels, name, list(node.get("aliases") or []), attrs)
    for edge in data.get("edges", data.get("links", [])):
        rel_id = str(edge.get("id") or edge.get("key"))
        props = {k: v for k, v in edge.items() if k not in _EDGE_META}
        methods = edge.get("method") or []
        dump.edges[rel_id] = EdgeRec(rel_id, edge["type"], str(edge["source"]), str(edge["target"]), props,
                                     list(edge.get("sources") or []), edge.get("confidence"),
                                     methods if isinstance(methods, list) else [methods])
    return dump
