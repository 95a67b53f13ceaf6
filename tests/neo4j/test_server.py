"""`kg.neo4j.server` against real Neo4j servers (no mocks).

Start-ups cost seconds, so this file starts two servers besides the session's: one without auth shared
by the module, one with auth that also goes through `stop`.
"""

from __future__ import annotations

import ipaddress
import json
import os
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from neo4j import GraphDatabase
from neo4j.exceptions import AuthError

from kg.errors import Neo4jServerError
from kg.neo4j import server
from kg.neo4j.server import ServerInfo

pytestmark = pytest.mark.neo4j

PASSWORD = "kg-test-Secret-42"


def return_one(uri: str, auth: tuple[str, str] | None = None) -> int:
    with GraphDatabase.driver(uri, auth=auth, connection_timeout=5) as driver:
        records, _, _ = driver.execute_query("RETURN 1 AS one")
    return records[0]["one"]


def listening_addresses(port: int) -> set[ipaddress.IPv4Address | ipaddress.IPv6Address]:
    """Local addresses of the TCP sockets listening on `port`, read from /proc (Linux): nothing is sent."""
    found: set[ipaddress.IPv4Address | ipaddress.IPv6Address] = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, port_hex = local.split(":")
            if state != "0A" or int(port_hex, 16) != port:  # 0A = LISTEN
                continue
            raw = bytes.fromhex(address)
            raw = b"".join(raw[i:i + 4][::-1] for i in range(0, len(raw), 4))  # little-endian words
            ip = ipaddress.ip_address(raw)
            if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
                ip = ip.ipv4_mapped
            found.add(ip)
    return found


@pytest.fixture(scope="module")
def plain(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerInfo]:
    """A server without auth for the whole module; stopping it must report that it ran."""
    home = tmp_path_factory.mktemp("plain-home")
    info = server.start(home, watch_pid=os.getpid(), heap="600m", pagecache="72m")  # sizes other than the defaults
    yield info
    assert server.stop(home)


def test_start_gives_a_bolt_uri_that_answers(plain: ServerInfo) -> None:
    assert plain.uri == f"bolt://127.0.0.1:{plain.port}"
    assert not plain.auth
    assert plain.version == server.NEO4J_VERSION
    assert return_one(plain.uri) == 1


def test_status_reports_the_running_server(plain: ServerInfo) -> None:
    assert server.status(plain.home) == plain
    state = json.loads((plain.home / server.STATE_FILE).read_text())
    assert (state["pid"], state["port"], state["uri"], state["auth"]) == (plain.pid, plain.port, plain.uri, False)
    assert state["version"] == server.NEO4J_VERSION
    # the sizes it runs with, which a restart by `kg load --bulk` keeps, and `kg neo4j status` shows
    assert (plain.heap, plain.pagecache) == (state["heap"], state["pagecache"]) == ("600m", "72m")
    from typer.testing import CliRunner

    from kg.cli import app

    result = CliRunner().invoke(app, ["neo4j", "status", "--home", str(plain.home)])
    assert result.exit_code == 0
    assert f"running: {plain.uri} (pid {plain.pid}, auth off, heap 600m, page cache 72m)" in result.output


def test_starting_again_from_the_same_home_reuses_the_server(plain: ServerInfo) -> None:
    again = server.start(plain.home)
    assert again == plain
    with pytest.raises(Neo4jServerError, match="auth off already runs"):
        server.start(plain.home, password=PASSWORD)
    assert server.status(plain.home) == plain


def test_the_server_listens_on_loopback_only(plain: ServerInfo) -> None:
    addresses = listening_addresses(plain.port)
    assert addresses, f"nothing listens on port {plain.port}"
    assert all(a.is_loopback for a in addresses), addresses


def test_a_taken_port_is_refused_before_any_start(plain: ServerInfo, tmp_path: Path) -> None:
    with pytest.raises(Neo4jServerError, match=f"port {plain.port} on 127.0.0.1 is not free"):
        server.start(tmp_path / "other", port=plain.port)
    assert server.status(tmp_path / "other") is None


def test_a_port_left_in_time_wait_is_free_again_and_a_listened_one_is_not() -> None:
    """A stopped server's port holds the connections it closed (TIME_WAIT) for a minute: the server can bind
    it again (Java sets SO_REUSEADDR), so the check must not refuse it (`kg load --bulk` restarts the server
    on its port); a port something listens on stays refused."""
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    port = listener.getsockname()[1]
    client = socket.create_connection(("127.0.0.1", port))
    accepted, _ = listener.accept()
    with pytest.raises(Neo4jServerError, match="not free"):
        server._pick_port(port)
    accepted.close()  # the server's side closes first: its end, on `port`, waits in TIME_WAIT
    client.recv(1)
    client.close()
    listener.close()
    # what the check did before: a plain bind, refused
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as plain_bind, pytest.raises(OSError):
        plain_bind.bind(("127.0.0.1", port))
    assert server._pick_port(port) == port


def test_a_failed_start_reports_the_log(tmp_path: Path) -> None:
    """A JVM that cannot start (heap far too small) fails at once; the error carries the log's tail."""
    home = tmp_path / "broken"
    with pytest.raises(Neo4jServerError) as caught:
        server.start(home, heap="1k", timeout=60)
    message = str(caught.value)
    assert "exited with code" in message
    assert str(server.log_path(home)) in message
    assert "heap" in message.lower()
    assert server.status(home) is None
    assert not (home / server.STATE_FILE).exists()


def test_bad_arguments_are_refused_early(tmp_path: Path) -> None:
    with pytest.raises(Neo4jServerError, match="at least 8"):
        server.start(tmp_path, password="short")
    with pytest.raises(Neo4jServerError, match="bad heap size"):
        server.start(tmp_path, heap="lots")


def test_a_stale_state_file_is_cleaned(tmp_path: Path) -> None:
    state = {"pid": 2**22 + 12345, "port": 1, "uri": "bolt://127.0.0.1:1", "version": "x", "auth": False}
    (tmp_path / server.STATE_FILE).write_text(json.dumps(state))
    assert server.status(tmp_path) is None
    assert not (tmp_path / server.STATE_FILE).exists()
    assert server.stop(tmp_path) is False


def test_auth_with_a_password_then_stop(tmp_path: Path) -> None:
    home = tmp_path / "auth-home"
    info = server.start(home, password=PASSWORD, watch_pid=os.getpid())
    try:
        assert info.auth
        assert return_one(info.uri, ("neo4j", PASSWORD)) == 1
        for wrong in (("neo4j", PASSWORD + "x"), ("neo4j", "neo4j")):
            with pytest.raises(AuthError):
                return_one(info.uri, wrong)
        assert server.start(home, password=PASSWORD).pid == info.pid
        with pytest.raises(Neo4jServerError, match="refused the password"):
            server.start(home, password=PASSWORD + "-other")
        for path in (home / server.STATE_FILE, server.log_path(home), home / server.CONF_FILE):
            assert PASSWORD not in path.read_text(errors="replace"), path
    finally:
        assert server.stop(home)
    assert server.status(home) is None
    assert not (home / server.STATE_FILE).exists()
    assert server.stop(home) is False
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection(("127.0.0.1", info.port), timeout=5).close()


def test_the_packaged_pom_pins_the_same_version() -> None:
    pom = (server.LAUNCHER_DIR / "pom.xml").read_text()
    assert f"<neo4j.version>{server.NEO4J_VERSION}</neo4j.version>" in pom
    assert server.NEO4J_VERSION.startswith("5.26.")


def test_file_urls_stay_inside_the_import_folder(plain: ServerInfo, monkeypatch: pytest.MonkeyPatch) -> None:
    """Even with --write, LOAD CSV reads only the home's import folder: file URLs resolve inside it."""
    from typer.testing import CliRunner

    from kg.cli import app

    conf = (plain.home / server.CONF_FILE).read_text()
    assert f"server.directories.import={plain.home / server.IMPORT_DIR}\n" in conf
    (plain.home / server.IMPORT_DIR / "rows.csv").write_text("a,b\n", encoding="utf-8")
    monkeypatch.setenv("NEO4J_URI", plain.uri)
    monkeypatch.delenv("NEO4J_PASSWORD", raising=False)
    monkeypatch.delenv("NEO4J_DATABASE", raising=False)
    runner = CliRunner()

    def load_csv(url: str) -> object:
        return runner.invoke(app, ["cypher", "--write", "--backend", "neo4j", "-f", "json",
                                   "LOAD CSV FROM $url AS line RETURN line", "--param", f"url={url}"])

    inside = load_csv("file:///rows.csv")
    assert inside.exit_code == 0, inside.stderr
    assert json.loads(inside.stdout) == [{"line": ["a", "b"]}]
    conf_url = f"file://{plain.home / server.CONF_FILE}"
    for url in ("file:///etc/passwd", "file:///../../../../../../etc/passwd", conf_url):
        outside = load_csv(url)
        assert outside.exit_code == 1, outside.output
        assert "root:" not in outside.output and "server.bolt" not in outside.output
        assert outside.stderr.startswith("kg: error: ") and "Cannot load from URL" in outside.stderr
        assert "Traceback" not in outside.output
