"""A memo on disk for pure functions whose answers every process would otherwise work out again.

Used for what kg works out before its first article (`kg.compile_cache`: compiled regular expressions;
`kg.extract.prefilter`: the literals each rule needs). One SQLite file holds every memo: a row per
(memo, version, key), read one key at a time, so a process that needs three answers reads three rows,
not the whole file (`kg --help` compiles a few patterns of its own and must not pay for kg's 700).

- `version` must change whenever an answer could (the function's code, the Python build): rows of other
  versions are never read.
- Answers are JSON. A file that cannot be opened, read or written is left alone and the memo works
  without it: the cache changes how long start-up takes, never an answer.
- What a process learnt is written when it exits (a forked worker leaves without running exit handlers,
  so it never writes), in one transaction that waits at most `_BUSY_MS` for another writer.
- At most `MAX_ENTRIES` rows per memo and version: a process that would go past it first drops the rows
  it did not use, so a test run that compiles thousands of throw-away patterns cannot crowd out the
  rules for good.

Where: `$KG_CACHE_DIR`, else `$XDG_CACHE_HOME/kg` or `~/.cache/kg`, file `memo.sqlite`;
`KG_CACHE_DIR=""` turns it off.
"""

from __future__ import annotations

import atexit
import contextlib
import json
import os
import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from kg.cache_home import cache_home

#: Rows kept per memo and version.
MAX_ENTRIES = 4096
FILE_NAME = "memo.sqlite"
_BUSY_MS = 1000
_MEMOS: list[DiskMemo] = []
_INHERITED: list[sqlite3.Connection] = []
_SCHEMA = ("CREATE TABLE IF NOT EXISTS memo (name TEXT NOT NULL, version TEXT NOT NULL, key TEXT NOT NULL,"
           " value TEXT NOT NULL, PRIMARY KEY (name, version, key)) WITHOUT ROWID")


def cache_dir() -> Path | None:
    """The cache folder, or None when `KG_CACHE_DIR` is set empty (no cache)."""
    configured = os.environ.get("KG_CACHE_DIR")
    if configured is not None:
        return Path(configured) if configured else None
    return cache_home()


class DiskMemo:
    """The answers of one pure function (of a string, answering JSON values, never None), kept on disk."""

    def __init__(self, name: str, version: str) -> None:
        self.name = name
        self.version = version
        self._conn: sqlite3.Connection | None = None
        self._opened_in: int | None = None  # the process that opened `_conn` (a forked child opens its own)
        self._lock = threading.Lock()
        self._used: set[str] = set()
        self._learnt: dict[str, Any] = {}
        self.hits = 0
        self.misses = 0
        _MEMOS.append(self)

    def _connection(self) -> sqlite3.Connection | None:
        """The file, opened read-only on first use in this process (a connection must not cross a fork:
        a child leaves its parent's alone and opens its own)."""
        if self._opened_in != os.getpid():
            if self._conn is not None:  # the parent's, before a fork: kept unclosed (closing it here is SQLite's
                _INHERITED.append(self._conn)  # "do not carry a connection across fork"), never used again
            self._opened_in, self._conn = os.getpid(), None
            folder = cache_dir()
            if folder is not None:
                path = folder / FILE_NAME
                with contextlib.suppress(sqlite3.Error, OSError):
                    if path.exists():  # read-only until there is something to write
                        self._conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=_BUSY_MS / 1000,
                                                     check_same_thread=False)
        return self._conn

    def get(self, key: str) -> Any | None:
        """The stored answer for `key`, or None."""
        if key in self._learnt:
            return self._learnt[key]
        if not _storable(key):
            self.misses += 1
            return None
        row = None
        with self._lock:  # threads of one process share the connection
            conn = self._connection()
            if conn is not None:
                try:
                    row = conn.execute("SELECT value FROM memo WHERE name = ? AND version = ? AND key = ?",
                                       (self.name, self.version, key)).fetchone()
                except sqlite3.Error:
                    row = None
        if row is None:
            self.misses += 1
            return None
        try:
            found = json.loads(row[0])
        except ValueError:
            self.misses += 1
            return None
        self.hits += 1
        self._used.add(key)
        return found

    def put(self, key: str, value: Any) -> None:
        """Remember an answer for this process and, once it exits, for the next ones (a key that is not
        text SQLite can hold, such as one with a lone surrogate, is not remembered)."""
        if not _storable(key):
            return
        self._learnt[key] = value
        self._used.add(key)

    def save(self) -> None:
        """Write what this process learnt; any failure leaves the file as it was (or without it)."""
        folder = cache_dir()
        if not self._learnt or folder is None:
            return
        learnt, self._learnt = self._learnt, {}
        with self._lock:
            if self._conn is not None and self._opened_in == os.getpid():
                self._conn.close()
            self._conn, self._opened_in = None, None
        with contextlib.suppress(sqlite3.Error, OSError, ValueError):
            folder.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(folder / FILE_NAME, timeout=_BUSY_MS / 1000, isolation_level=None)
            try:
                conn.execute(_SCHEMA)
                conn.execute("BEGIN IMMEDIATE")
                where = (self.name, self.version)
                (rows,) = conn.execute("SELECT COUNT(*) FROM memo WHERE name = ? AND version = ?", where).fetchone()
                if rows + len(learnt) > MAX_ENTRIES:  # full: keep what this process used, drop the rest
                    used = json.dumps(sorted(self._used))
                    conn.execute("DELETE FROM memo WHERE name = ? AND version = ? AND key NOT IN"
                                 " (SELECT value FROM json_each(?))", (*where, used))
                    conn.execute("DELETE FROM memo WHERE name = ? AND version != ?", where)
                conn.executemany("INSERT OR REPLACE INTO memo VALUES (?, ?, ?, ?)",
                                 [(*where, key, json.dumps(value)) for key, value in
                                  list(learnt.items())[:MAX_ENTRIES]])
                conn.execute("COMMIT")
            finally:
                conn.close()


def _storable(key: str) -> bool:
    try:
        key.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def memoised(memo: DiskMemo, function: Callable[[str], Any]) -> Callable[[str], Any]:
    """`function` answered through `memo`."""

    def answer(key: str) -> Any:
        found = memo.get(key)
        if found is None:
            found = function(key)
            memo.put(key, found)
        return found

    return answer


@atexit.register
def save_all() -> None:
    """Write every memo that learnt something (at exit; tests call it earlier)."""
    for memo in _MEMOS:
        memo.save()
