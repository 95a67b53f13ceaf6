"""The whole graph view of a large store, kept on disk for the store's current version.

`kg export`, `kg load`, `kg cypher` on the store and `kg validate` read the whole graph view
(`kg.graph.to_networkx`): at a million relations that is about a minute of CPU before anything else,
paid again by every command although nothing changed in between. From `CACHE_FROM` relations the view
is written to the user's cache once built, and the next command at the same store version reads it
back instead of building it (at a million relations 10 s against 54 s; writing it costs about 20 s once
and 0.5 GB of disk).

Never stale: a view is read only for the store it was made from (a random id the store keeps in its
`meta` table, and the store's path), at the same `Store.data_version` (every write bumps it), made by
the same code (a digest of kg's sources and ontology, Python's and networkx's versions). Anything else,
or a file that cannot be read, means building the view as before and writing it again. A copy of a
store folder is another path, so another entry.

Where: `$KG_CACHE_DIR/views` (else `$XDG_CACHE_HOME/kg/views` or `~/.cache/kg/views`), one file per
store path and kind (the view; `kg cypher`'s graph, its properties converted as Neo4j holds them), at
most `MAX_VIEWS` files (the least recently used go first); `KG_CACHE_DIR=""` turns it off.
A file is written under another name and renamed when whole, so a reader never sees half of one.
The files are pickles, which is why they live in the user's own cache and never in a store folder: a
store can come from someone else, and reading a pickle runs what it says.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import networkx as nx

import kg.graph
from kg.gcpause import gc_paused
from kg.ontology import Ontology, load_ontology, ontology_dir
from kg.storage.disk_memo import cache_dir
from kg.store import Store

#: Stores with fewer relations build their view each time: it takes under ten seconds.
CACHE_FROM = 100_000
#: Views kept at most, of both kinds (about 0.5 GB each at a million relations).
MAX_VIEWS = 4
#: A file still being written after this long was left by a writer that was killed (seconds).
_ABANDONED_S = 24 * 3600
_PACKAGE = Path(__file__).resolve().parent
#: ontology folder -> `code_digest`, worked out once per process
_code_digests: dict[Path, str] = {}


def whole_view(store: Store, ontology: Ontology | None = None) -> nx.MultiDiGraph:
    """`kg.graph.to_networkx(store, ontology)`, read from the cache when it holds this version of this
    store's view, and written there when the store is large enough to be worth it."""
    if ontology not in (None, load_ontology()):
        return kg.graph.to_networkx(store, ontology)
    return kept_view(store, "view", lambda: kg.graph.to_networkx(store))


def cypher_whole_view(store: Store) -> nx.MultiDiGraph:
    """`kg cypher`'s graph, `cypher_view(to_networkx(store))`, kept as `whole_view` keeps the view: the
    properties converted as Neo4j holds them took as long again as the view itself at a million relations
    (60 against 54 s)."""
    from kg.queries.cypher_embedded import cypher_view

    return kept_view(store, "cypher", lambda: cypher_view(kg.graph.to_networkx(store)))


def kept_view(store: Store, kind: str, build: Callable[[], nx.MultiDiGraph]) -> nx.MultiDiGraph:
    """`build()`, a whole-store graph of this `kind`, read from the cache when it holds one made from this
    version of this store by this code, else built (inside one read transaction) and written there when
    the store is large enough to be worth it."""
    folder = cache_dir()
    if folder is None or store.relation_count() < CACHE_FROM:
        return build()
    with store.snapshot():  # the graph and the version it is kept under belong together
        key = _key(store, kind)
        path = folder / "views" / f"{hashlib.sha256(key['path'].encode()).hexdigest()[:16]}-{kind}.pickle"
        graph = _read(path, key)
        if graph is not None:
            return graph
        graph = build()
    _write(path, key, graph)  # after the read transaction, which would hold back the store's checkpoints
    return graph


def _key(store: Store, kind: str) -> dict[str, Any]:
    """What a kept graph must have been made from: this store, at this version, by this code."""
    return {"kind": kind, "store": store.uid(), "path": str(Path(store.path).resolve()),
            "version": store.data_version(), "code": code_digest()}


def code_digest() -> str:
    """A digest of what the view is made by: kg's sources, the ontology, Python's and networkx's versions."""
    ontology = ontology_dir()
    found = _code_digests.get(ontology)
    if found is None:
        digest = hashlib.sha256(f"{sys.version}\n{nx.__version__}\n".encode())
        for root, suffix in ((_PACKAGE, ".py"), (ontology, ".ttl")):
            for file in sorted(p for p in root.rglob(f"*{suffix}") if p.is_file()):
                digest.update(str(file.relative_to(root)).encode() + b"\0" + file.read_bytes())
        found = _code_digests[ontology] = digest.hexdigest()
    return found


@gc_paused()  # millions of objects, none in a cycle: kg/gcpause.py
def _read(path: Path, key: dict[str, Any]) -> nx.MultiDiGraph | None:
    """The view kept at `path` when it was made under `key`, else None (missing, another key, unreadable)."""
    try:
        with path.open("rb") as handle:
            if pickle.load(handle) != key:  # noqa: S301 - the user's own cache, written by `_write`
                return None
            graph = pickle.load(handle)  # noqa: S301
        os.utime(path)  # recently used: kept longest
    except Exception:  # noqa: BLE001 - a cache that cannot be read is only slower: the view is built again
        return None
    return graph if isinstance(graph, nx.MultiDiGraph) else None


def _write(path: Path, key: dict[str, Any], graph: nx.MultiDiGraph) -> None:
    """Keep `graph` under `key` at `path` (whole or not at all), then drop the least recently used views
    beyond `MAX_VIEWS`. A cache that cannot be written is left alone."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, prefix=".writing-", delete=False) as handle:
            try:
                pickle.dump(key, handle, protocol=pickle.HIGHEST_PROTOCOL)
                pickle.dump(graph, handle, protocol=pickle.HIGHEST_PROTOCOL)
            except BaseException:
                handle.close()
                os.unlink(handle.name)
                raise
        os.replace(handle.name, path)
        kept = sorted(path.parent.glob("*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
        abandoned = [p for p in path.parent.glob(".writing-*") if time.time() - p.stat().st_mtime > _ABANDONED_S]
        for old in [*kept[MAX_VIEWS:], *abandoned]:  # abandoned: a writer killed mid-way
            with contextlib.suppress(OSError):
                old.unlink()
    except (OSError, pickle.PicklingError, RecursionError):
        return
