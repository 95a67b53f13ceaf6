"""A local Neo4j Community server run from Maven Central jars, so `kg` needs neither Docker nor an install.

The first `start` fetches Neo4j (`NEO4J_VERSION`, the 5.26 LTS line: the last one that runs on Java 17)
with Maven into a cache shared by every home (`$KG_NEO4J_CACHE`, else `~/.cache/kg`), compiles the small
embedding launcher (`launcher/Launcher.java`) once, and runs it as a detached JVM. Each *home* holds one
server's configuration, data and logs, so separate homes are separate databases. A state file in the
home (pid, port, URI, version, auth on/off; never the password) lets later calls, from any process, find,
reuse and stop that server.

The server listens on 127.0.0.1 only, speaks Bolt only (no HTTP), sends no usage report, and keeps its
memory and transaction logs small: it is a development and test server, not a production one. Its file
access is confined: `LOAD CSV FROM 'file:///…'` resolves inside the home's `import/` folder (so even a
`--write` query cannot read `/etc/passwd`), and no procedure gets unrestricted access.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from neo4j import GraphDatabase
from neo4j.exceptions import AuthError, DriverError, Neo4jError

from kg.cache_home import cache_home
from kg.errors import Neo4jServerError

NEO4J_VERSION = "5.26.30"
"""Newest 5.26.x on Maven Central when pinned (5.26 is the LTS line; 2025.x needs Java 21)."""

#: JVM heap and page cache of a server started without sizes: enough for tests and small stores
DEFAULT_HEAP, DEFAULT_PAGECACHE = "512m", "64m"

DEPENDENCY_PLUGIN = "org.apache.maven.plugins:maven-dependency-plugin:3.6.1"
"""Named with its version: Maven 3.8 would otherwise pick an old plugin without the options we use."""

STATE_FILE = "server.json"
LOCK_FILE = ".server.lock"
CONF_FILE = Path("conf") / "neo4j.conf"
IMPORT_DIR = "import"
"""The home's folder that `file:///` URLs of `LOAD CSV` resolve into (Neo4j's `server.directories.import`)."""
LOG_FILE = Path("logs") / "launcher.log"
LAUNCHER_DIR = Path(__file__).resolve().parent / "launcher"
USERNAME = "neo4j"
MIN_PASSWORD_LENGTH = 8  # Neo4j's own minimum (dbms.security.auth_minimum_password_length)
LOG_TAIL_LINES = 40

# The flags Neo4j's own scripts pass: Neo4j and Netty reach into NIO internals and native memory.
JVM_FLAGS = (
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--enable-native-access=ALL-UNNAMED",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "-Djdk.nio.maxCachedBufferSize=1024",
    "-Dlog4j2.disable.jmx=true",
    "-XX:-OmitStackTraceInFastThrow",
    "-XX:+ExitOnOutOfMemoryError",  # a server out of memory should die visibly, not limp on
)


class _DetachedPopen(subprocess.Popen[bytes]):
    """A server process that is meant to outlive this Python process: no ResourceWarning when it does."""

    def __del__(self) -> None:
        pass


# The servers this process started, kept so that `_alive` can reap them: a dead child is a zombie,
# which `kill(pid, 0)` would take for a live server.
_CHILDREN: dict[int, subprocess.Popen[bytes]] = {}


@dataclass(frozen=True)
class ServerInfo:
    """Where a running local server answers; `auth` says whether clients must log in as `neo4j`."""

    uri: str
    pid: int
    home: Path
    port: int
    auth: bool
    version: str = NEO4J_VERSION
    heap: str = DEFAULT_HEAP
    pagecache: str = DEFAULT_PAGECACHE
    """The sizes it was started with, so that a restart (`kg load --bulk`) keeps them."""


# -- public API --------------------------------------------------------------------------------------


def default_home() -> Path:
    """`$KG_NEO4J_HOME`, else `./.neo4j`: one server per project directory unless told otherwise."""
    return Path(os.environ.get("KG_NEO4J_HOME", ".neo4j"))


def cache_root() -> Path:
    """Where downloaded distributions live: `$KG_NEO4J_CACHE`, else `$XDG_CACHE_HOME/kg` or `~/.cache/kg`."""
    if os.environ.get("KG_NEO4J_CACHE"):
        return Path(os.environ["KG_NEO4J_CACHE"]).expanduser()
    return cache_home()


def start(home: Path, port: int | None = None, password: str | None = None, heap: str = DEFAULT_HEAP,
          timeout: float = 120, *, watch_pid: int | None = None, pagecache: str = DEFAULT_PAGECACHE) -> ServerInfo:
    """Start the server of `home` (or return the one already running there) and wait until Bolt answers.

    `password` turns auth on and becomes the password of user `neo4j`; without it auth is off. A free
    port is picked when `port` is None. `watch_pid` makes the server stop by itself once that process
    is gone (test sessions pass their own pid so a killed run leaves no JVM behind). `heap` and
    `pagecache` size the JVM heap and Neo4j's page cache (the store's pages kept in memory: the small
    default suits tests; a graph of 100k+ relationships loads faster when its store fits). `timeout` bounds
    the wait for Bolt once the JVM runs; the first-time download is not counted in it.
    Raises `Neo4jServerError`, with the tail of the server log, when the server cannot be started.
    """
    _check_arguments(password, heap, pagecache)
    home = Path(home).expanduser().resolve()
    home.mkdir(parents=True, exist_ok=True)
    with _locked(home / LOCK_FILE):
        running = status(home)
        if running is not None:
            return _reuse(running, password)
        dist = fetch()
        port = _pick_port(port)
        conf = _write_conf(home, port, auth=password is not None, pagecache=pagecache)
        proc = _spawn(dist, home, conf, heap, password, watch_pid)
        info = ServerInfo(uri=f"bolt://127.0.0.1:{port}", pid=proc.pid, home=home, port=port,
                          auth=password is not None, heap=heap, pagecache=pagecache)
        _write_state(home, info)
        try:
            _wait_for_bolt(proc, info, password, timeout)
        except BaseException:
            _terminate(proc.pid, 10)
            _state_path(home).unlink(missing_ok=True)
            raise
        return info


def stop(home: Path, timeout: float = 30) -> bool:
    """Stop the server of `home`: SIGTERM (clean shutdown), SIGKILL after `timeout` s. True if one ran."""
    home = Path(home).expanduser().resolve()
    if not home.is_dir():
        return False
    with _locked(home / LOCK_FILE):
        info = status(home)
        if info is None:
            return False
        _terminate(info.pid, timeout)
        _state_path(home).unlink(missing_ok=True)
        return True


def status(home: Path) -> ServerInfo | None:
    """The server that `home`'s state file describes if its process still runs, else None.

    A state file whose process is gone (crash, reboot, kill -9) is removed on the way.
    """
    home = Path(home).expanduser().resolve()
    state = _read_state(home)
    if state is None:
        return None
    try:
        info = ServerInfo(uri=str(state["uri"]), pid=int(state["pid"]), home=home, port=int(state["port"]),
                          auth=bool(state["auth"]), version=str(state.get("version", NEO4J_VERSION)),
                          heap=str(state.get("heap", DEFAULT_HEAP)),
                          pagecache=str(state.get("pagecache", DEFAULT_PAGECACHE)))
    except (KeyError, TypeError, ValueError):
        info = None
    if info is None or not _is_server_of(info.pid, home):
        _state_path(home).unlink(missing_ok=True)
        return None
    return info


def fetch(version: str = NEO4J_VERSION) -> Path:
    """The cached distribution dir of `version` (jars in `lib/`), downloading it with Maven the first time.

    Shared by every home. Safe against concurrent callers (a file lock) and interrupted downloads
    (jars land in a temporary dir that is renamed only when Maven succeeded).
    """
    dist = cache_root() / f"neo4j-{version}"
    if (dist / "lib").is_dir():
        return dist
    dist.mkdir(parents=True, exist_ok=True)
    with _locked(dist.parent / f"neo4j-{version}.lock"):
        if not (dist / "lib").is_dir():
            _download(dist, version)
    return dist


def log_path(home: Path) -> Path:
    """The server's log (JVM output and Neo4j's user log) for `home`."""
    return Path(home).expanduser().resolve() / LOG_FILE


# -- arguments -----------------------------------------------------------------------------------------


def _check_arguments(password: str | None, heap: str, pagecache: str = DEFAULT_PAGECACHE) -> None:
    """Refuse bad input here, with a clear message, rather than after a slow JVM start."""
    if password is not None:
        if len(password) < MIN_PASSWORD_LENGTH:
            raise Neo4jServerError(f"the Neo4j password must have at least {MIN_PASSWORD_LENGTH} characters")
        if "\n" in password or "\r" in password:
            raise Neo4jServerError("the Neo4j password must not contain line breaks")
    if not re.fullmatch(r"[1-9][0-9]*[kKmMgG]?", heap):
        raise Neo4jServerError(f"bad heap size {heap!r}: expected a JVM size such as 512m or 1g")
    if not re.fullmatch(r"[1-9][0-9]*[kKmMgG]?", pagecache):
        raise Neo4jServerError(f"bad page cache size {pagecache!r}: expected a size such as 64m or 1g")


def _reuse(info: ServerInfo, password: str | None) -> ServerInfo:
    """The running server, if it is what was asked for: same auth mode and, with auth, this password."""
    if info.auth != (password is not None):
        want, have = ("on", "off") if password is not None else ("off", "on")
        raise Neo4jServerError(
            f"a server with auth {have} already runs from {info.home} ({info.uri}); auth {want} was asked "
            "for: stop it first"
        )
    if password is not None and not _answers(info.uri, (USERNAME, password)):
        raise Neo4jServerError(f"the server running from {info.home} ({info.uri}) does not answer")
    return info


def _pick_port(port: int | None) -> int:
    """A free loopback port, or the given one after checking that nothing holds it already.

    The check binds as the server will (Java's server sockets set SO_REUSEADDR): connections a stopped
    server closed linger in TIME_WAIT on its port for a minute, and a plain bind would call the port
    taken, so `kg load --bulk` could not start the server again on the port it had."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(("127.0.0.1", port or 0))
        except OSError as exc:
            raise Neo4jServerError(f"port {port} on 127.0.0.1 is not free: {exc.strerror}") from None
        return int(sock.getsockname()[1])


# -- download and launcher -------------------------------------------------------------------------------


def _download(dist: Path, version: str) -> None:
    """Run Maven's copy-dependencies on the packaged pom; failures keep Maven's output in `fetch.log`."""
    mvn = shutil.which("mvn")
    if mvn is None:
        raise Neo4jServerError("Maven (mvn) is needed to fetch Neo4j the first time; install it "
                               "(e.g. apt-get install maven) or set NEO4J_URI to a server of your own")
    shutil.copyfile(LAUNCHER_DIR / "pom.xml", dist / "pom.xml")
    staging = dist / f"lib.partial-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    log = dist / "fetch.log"
    cmd = [mvn, "-B", "-q", "-f", str(dist / "pom.xml"), f"{DEPENDENCY_PLUGIN}:copy-dependencies",
           f"-DoutputDirectory={staging}", "-DincludeScope=runtime", f"-Dneo4j.version={version}"]
    with log.open("wb") as out:
        code = subprocess.call(cmd, cwd=dist, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT)
    if code != 0 or not any(staging.glob(f"neo4j-{version}.jar")):
        shutil.rmtree(staging, ignore_errors=True)
        raise Neo4jServerError(f"fetching Neo4j {version} with Maven failed (exit {code}); "
                               f"see {log}:\n{_tail(log)}")
    staging.rename(dist / "lib")


def _java() -> str:
    """`$JAVA_HOME/bin/java` if set, else `java` on PATH (Neo4j 5.26 needs Java 17 or 21)."""
    java_home = os.environ.get("JAVA_HOME")
    if java_home and (Path(java_home) / "bin" / "java").is_file():
        return str(Path(java_home) / "bin" / "java")
    java = shutil.which("java")
    if java is None:
        raise Neo4jServerError("Java 17 or 21 is needed to run Neo4j 5.26; none found (set JAVA_HOME or PATH)")
    return java


def _launcher_classpath(dist: Path, java: str) -> tuple[list[str], str]:
    """Classpath and main class: Launcher compiled once per source version, else a single-file launch.

    Compiling once saves a second or two on every start; without `javac` the source launcher of the JDK
    still works.
    """
    source = LAUNCHER_DIR / "Launcher.java"
    lib = f"{dist / 'lib'}{os.sep}*"
    javac = Path(java).resolve().parent / "javac"
    if not javac.is_file():
        return [lib], str(source)
    digest = hashlib.sha256(source.read_bytes()).hexdigest()[:12]
    classes = dist / f"launcher-{digest}"
    if not (classes / "Launcher.class").is_file():
        with _locked(dist / "launcher.lock"):
            if not (classes / "Launcher.class").is_file():
                _compile(javac, source, lib, classes)
    return [str(classes), lib], "Launcher"


def _compile(javac: Path, source: Path, lib: str, classes: Path) -> None:
    staging = classes.with_name(f"{classes.name}.partial-{os.getpid()}")
    shutil.rmtree(staging, ignore_errors=True)
    result = subprocess.run([str(javac), "-cp", lib, "-d", str(staging), str(source)],
                            capture_output=True, text=True, stdin=subprocess.DEVNULL)
    if result.returncode != 0:
        shutil.rmtree(staging, ignore_errors=True)
        raise Neo4jServerError(f"compiling the Neo4j launcher failed:\n{result.stderr[-4000:]}")
    staging.rename(classes)


# -- configuration and process -------------------------------------------------------------------------------


def _settings(port: int, auth: bool, pagecache: str = DEFAULT_PAGECACHE,
              import_dir: Path | None = None) -> dict[str, str]:
    """Neo4j settings; every key was checked against 5.26 (unknown keys abort start-up).

    Without `server.directories.import`, Neo4j resolves `file:///etc/passwd` against the root of the
    file system: any `LOAD CSV` could read whatever the server's user can. With it, file URLs stay
    inside that folder (`..` cannot leave it), and file URLs remain allowed there, for `--write` loads
    of the user's own CSV files.
    """
    confined = {
        "server.directories.import": str(import_dir) if import_dir is not None else IMPORT_DIR,
        "dbms.security.allow_csv_import_from_file_urls": "true",
        # Neo4j's defaults, written out so the file says it: no procedure bypasses security, and
        # only built-in procedures exist (no plugin folder is shipped).
        "dbms.security.procedures.unrestricted": "",
    }
    return {
        "server.default_listen_address": "127.0.0.1",
        "server.default_advertised_address": "127.0.0.1",
        "server.bolt.enabled": "true",
        "server.bolt.listen_address": f"127.0.0.1:{port}",
        "server.bolt.advertised_address": f"127.0.0.1:{port}",
        "server.http.enabled": "false",
        "server.https.enabled": "false",
        "dbms.security.auth_enabled": str(auth).lower(),
        "dbms.usage_report.enabled": "false",
        "server.memory.pagecache.size": pagecache,
        "server.logs.debug.enabled": "false",
        "db.tx_log.rotation.retention_policy": "false",
        "db.tx_log.rotation.size": "8M",
        "db.tx_log.preallocate": "false",
        # Netty's graceful Bolt shutdown otherwise waits a 5 s quiet period, often 15 s in all.
        "internal.dbms.bolt.netty_server_shutdown_quiet_period": "0",
        "internal.dbms.bolt.netty_server_shutdown_timeout": "5s",
        **confined,
    }


def _write_conf(home: Path, port: int, auth: bool, pagecache: str = DEFAULT_PAGECACHE) -> Path:
    conf = home / CONF_FILE
    conf.parent.mkdir(parents=True, exist_ok=True)
    lines = ["# Written by kg.neo4j.server on every start; edits are overwritten.\n"]
    import_dir = home / IMPORT_DIR
    import_dir.mkdir(parents=True, exist_ok=True)
    lines += [f"{key}={value}\n" for key, value in _settings(port, auth, pagecache, import_dir).items()]
    conf.write_text("".join(lines), encoding="utf-8")
    return conf


def _spawn(dist: Path, home: Path, conf: Path, heap: str, password: str | None,
           watch_pid: int | None) -> subprocess.Popen[bytes]:
    """Start the JVM detached (own session, output to the log); the password goes through stdin only."""
    java = _java()
    classpath, main = _launcher_classpath(dist, java)
    cmd = [java, f"-Xmx{heap}", *JVM_FLAGS, "-cp", os.pathsep.join(classpath), main, str(home), str(conf)]
    if password is not None:
        cmd.append("--password-stdin")
    if watch_pid is not None:
        cmd += ["--watch-pid", str(watch_pid)]
    log = home / LOG_FILE
    log.parent.mkdir(parents=True, exist_ok=True)
    if log.exists():
        log.replace(log.with_name(log.name + ".1"))
    with log.open("wb") as out:
        proc = _DetachedPopen(cmd, cwd=home, stdout=out, stderr=subprocess.STDOUT,
                              stdin=subprocess.PIPE if password is not None else subprocess.DEVNULL,
                              start_new_session=True, close_fds=True)
    _CHILDREN[proc.pid] = proc
    if proc.stdin is not None:
        with contextlib.suppress(BrokenPipeError):
            proc.stdin.write(password.encode() + b"\n")  # type: ignore[union-attr]
        with contextlib.suppress(BrokenPipeError):
            proc.stdin.close()
    return proc


def _wait_for_bolt(proc: subprocess.Popen[bytes], info: ServerInfo, password: str | None,
                   timeout: float) -> None:
    """Poll until Bolt accepts a connection; raise early if the JVM died or the credentials are refused."""
    deadline = time.monotonic() + timeout
    auth = (USERNAME, password) if password is not None else None
    while True:
        if proc.poll() is not None:
            raise _failure(info.home, f"the Neo4j server exited with code {proc.returncode} during start-up")
        if _answers(info.uri, auth):
            return
        if time.monotonic() > deadline:
            raise _failure(info.home, f"the Neo4j server did not answer on {info.uri} within {timeout:g} s")
        time.sleep(0.25)


def _answers(uri: str, auth: tuple[str, str] | None) -> bool:
    try:
        with GraphDatabase.driver(uri, auth=auth, connection_timeout=2) as driver:
            driver.verify_connectivity()
        return True
    except AuthError:
        raise Neo4jServerError(f"the Neo4j server on {uri} refused the password of user {USERNAME}") from None
    except (DriverError, Neo4jError, OSError):  # not up yet: refused, reset, or still starting
        return False


def _failure(home: Path, what: str) -> Neo4jServerError:
    log = home / LOG_FILE
    return Neo4jServerError(f"{what}; log {log}, last lines:\n{_tail(log)}")


def _tail(path: Path, lines: int = LOG_TAIL_LINES) -> str:
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return "(no log)"
    return "\n".join(text.splitlines()[-lines:]) or "(empty log)"


def _terminate(pid: int, timeout: float) -> None:
    """SIGTERM (the launcher shuts Neo4j down cleanly), SIGKILL after `timeout` s; returns once it is gone."""
    _signal(pid, signal.SIGTERM)
    if _wait_gone(pid, timeout):
        return
    _signal(pid, signal.SIGKILL)
    if not _wait_gone(pid, 10):
        raise Neo4jServerError(f"the Neo4j server (pid {pid}) survived SIGKILL")


def _signal(pid: int, sig: signal.Signals) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, sig)


def _wait_gone(pid: int, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while _alive(pid):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.1)
    _CHILDREN.pop(pid, None)
    return True


# -- process identity ------------------------------------------------------------------------------------


def _alive(pid: int) -> bool:
    """True while `pid` runs; reaps our own children so that a dead server never looks alive."""
    child = _CHILDREN.get(pid)
    if child is not None:
        return child.poll() is None
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return not _is_zombie(pid)


def _is_zombie(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[-1].split()[0] == "Z"


def _is_server_of(pid: int, home: Path) -> bool:
    """Alive and running our launcher on this home: a recycled pid must not be taken for the server."""
    if not _alive(pid):
        return False
    args = _command_line(pid)
    if args is None:  # cannot tell (no /proc, no ps): trust the live pid
        return True
    return any(a.endswith("Launcher") or a.endswith("Launcher.java") for a in args) and str(home) in args


def _command_line(pid: int) -> list[str] | None:
    """The process's arguments ([] if it is gone), from /proc or else `ps`; None if neither can tell."""
    if Path("/proc/self/cmdline").exists():
        try:
            return Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace").split("\0")
        except FileNotFoundError:
            return []
        except OSError:
            return None
    try:
        out = subprocess.run(["ps", "-o", "command=", "-p", str(pid)], capture_output=True, text=True)
    except OSError:
        return None
    return out.stdout.split() if out.returncode == 0 else []


# -- state file and locks ------------------------------------------------------------------------------


def _state_path(home: Path) -> Path:
    return home / STATE_FILE


def _write_state(home: Path, info: ServerInfo) -> None:
    """Atomically record the server (never the password) for `status`/`stop` in other processes."""
    state = {"pid": info.pid, "port": info.port, "uri": info.uri, "version": info.version, "auth": info.auth,
             "heap": info.heap, "pagecache": info.pagecache,
             "started": datetime.now(UTC).isoformat(timespec="seconds"), "log": str(home / LOG_FILE)}
    tmp = _state_path(home).with_suffix(".tmp")
    tmp.write_text(json.dumps(state, indent=2) + "\n", encoding="utf-8")
    tmp.replace(_state_path(home))


def _read_state(home: Path) -> dict[str, Any] | None:
    try:
        state = json.loads(_state_path(home).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError):
        _state_path(home).unlink(missing_ok=True)
        return None
    return state if isinstance(state, dict) else None


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    """An exclusive advisory lock, so two `kg` processes never start two servers on one home."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


# -- offline import ------------------------------------------------------------------------------------

ADMIN_TOOL = "org.neo4j.cli.AdminTool"
"""`neo4j-admin`'s entry point; it and the importer (`neo4j-import-tool`) are among the server's jars."""


def admin_import(home: Path, arguments: list[str], heap: str = "1g", database: str = "neo4j") -> str:
    """Run `neo4j-admin database import full DATABASE ARGUMENTS…` on the (stopped) server of `home`.

    The importer writes a new store straight to disk, without transactions, which is why the server
    must not run: it refuses while one does. Uses the same cached jars as the server, with `home` as
    NEO4J_HOME so the store lands where `start` looks. Returns the importer's output; raises
    `Neo4jServerError` with its tail when the import fails.
    """
    _check_arguments(None, heap)
    home = Path(home).expanduser().resolve()
    with _locked(home / LOCK_FILE):
        if status(home) is not None:
            raise Neo4jServerError(f"the server of {home} is running: stop it before an offline import")
        dist = fetch()
        conf = home / CONF_FILE
        if not conf.is_file():  # a home that never ran a server: the importer's defaults are ours
            conf.parent.mkdir(parents=True, exist_ok=True)
            conf.write_text("# Written by kg.neo4j.server for an offline import.\n", encoding="utf-8")
        cmd = [_java(), f"-Xmx{heap}", *JVM_FLAGS, "-cp", f"{dist / 'lib'}{os.sep}*", ADMIN_TOOL,
               "database", "import", "full", database, *arguments]
        env = {**os.environ, "NEO4J_HOME": str(home), "NEO4J_CONF": str(conf.parent)}
        result = subprocess.run(cmd, cwd=home, env=env, capture_output=True, text=True, stdin=subprocess.DEVNULL)
    output = result.stdout + result.stderr
    if result.returncode != 0:
        tail = "\n".join(output.splitlines()[-LOG_TAIL_LINES:])
        raise Neo4jServerError(f"the offline import failed (exit {result.returncode}):\n{tail}")
    return output
