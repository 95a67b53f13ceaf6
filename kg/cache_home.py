"""The user's cache folder for kg: `$XDG_CACHE_HOME/kg`, else `~/.cache/kg`.

Shared by what kg keeps between runs: Neo4j distributions (`kg.neo4j.server`) and the memo of compiled
patterns (`kg.storage.disk_memo`), each of which also has its own override variable.
"""

from __future__ import annotations

import os
from pathlib import Path


def cache_home() -> Path:
    """`$XDG_CACHE_HOME/kg`, else `~/.cache/kg` (not created here)."""
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "kg"
