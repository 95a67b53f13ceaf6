"""Read-only means read-only, and a failing connection prints one line with no secret (issue 12).

Against real Neo4j servers: the session's, and one with auth started here (also killed mid-load). The
CLI runs in a subprocess where it matters, so that what a user would see (a traceback printed by
Python, the driver's own log lines on stderr) is what is checked.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from neo4j import Driver, GraphDatabase
from typer.testing import CliRunner

from kg.cli import app
from kg.errors import CypherRefused, Neo4jError
from kg.neo4j import guard, server
from kg.neo4j.cypher import run_cypher
from kg.neo4j.server import ServerInfo
from kg.neo4j.uri import check_uri, redact_uri, scrub
from kg.store import open_store
from tests import paths
from tests.factories import investor_network, record_all
from tests.neo4j_fixtures import Neo4jTarget

pytestmark = pytest.mark.neo4j

ROOT = paths.ROOT
PASSWORD = "kg-Hardening-Secret-77"
URI_PASSWORD = "uri-Secret-in-the-URI-55"

# -- the lexical check (no server needed) -------------------------------------------------------------

REFUSED = {
    "LOAD CSV FROM 'file:///etc/passwd' AS l RETURN l": "LOAD CSV",
    "load csv from 'file:///etc/passwd' as l return l": "LOAD CSV",
    "MATCH (n) WITH n LIMIT 1\n  LoAd\n\tCsV WITH HEADERS FROM $u AS l RETURN l": "LOAD CSV",
    "LOAD /* hidden */ CSV FROM 'x' AS l RETURN l": "LOAD CSV",
    "LOAD // hidden\nCSV FROM 'x' AS l RETURN l": "LOAD CSV",
    "CALL dbms.listConfig()": "dbms.listConfig",
    "CALL `dbms`.`listConfig`() YIELD name RETURN name": "dbms.listConfig",
    "CALL `dbms.listConfig`()": "dbms.listConfig",
    "call dbms . /* x */ listConfig": "dbms.listConfig",
    "CALL db.clearQueryCaches()": "db.clearQueryCaches",
    "MATCH (n) CALL (n) { CALL db.stats.clear('QUERIES') YIELD success RETURN success } RETURN 1": "db.stats.clear",
    "OPTIONAL CALL dbms.components()": "dbms.components",
    "RETURN 'a' AS x UNION CALL dbms.listConfig() YIELD name RETURN name AS x": "dbms.listConfig",
    "CALL DB.LABELS()": "DB.LABELS",
    "SHOW USERS": "SHOW USERS",
    "show\n/* c */ users": "SHOW USERS",
    "EXPLAIN SHOW USERS": "SHOW USERS",
    "CYPHER 5 runtime=slotted SHOW ROLES WITH USERS": "SHOW ROLES",
    "SHOW PRIVILEGES": "SHOW PRIVILEGES",
    "SHOW DATABASES": "SHOW DATABASES",
    "SHOW SETTINGS": "SHOW SETTINGS",
    "SHOW TRANSACTIONS YIELD transactionId": "SHOW TRANSACTIONS",
    "SHOW CURRENT USER": "SHOW CURRENT USER",
    "CREATE USER eve SET PASSWORD 'abcdefgh1'": "CREATE USER",
    "CREATE OR REPLACE ROLE spy": "CREATE ROLE",
    "DROP DATABASE neo4j": "DROP DATABASE",
    "ALTER CURRENT USER SET PASSWORD FROM 'a' TO 'b'": "ALTER",
    "GRANT ROLE admin TO eve": "GRANT",
    "DENY READ {*} ON GRAPH * TO PUBLIC": "DENY",
    "REVOKE ROLE admin FROM eve": "REVOKE",
    "TERMINATE TRANSACTIONS 'neo4j-transaction-1'": "TERMINATE",
    "STOP DATABASE neo4j": "STOP",
    "USE system SHOW USERS": "SHOW USERS",
}

ALLOWED = [
    "MATCH (n) RETURN n LIMIT 1",
    "CALL db.labels()",
    "CALL db.labels() YIELD label RETURN label",
    "CALL `db`.`relationshipTypes`",
    "CALL db.schema.visualization()",
    "RETURN 'LOAD CSV FROM file:///etc/passwd' AS s",
    'RETURN "CALL dbms.listConfig()" AS s, \'SHOW USERS\' AS t',
    "RETURN 'it\\'s LOAD CSV' AS s",
    "// LOAD CSV FROM 'file:///etc/passwd'\nMATCH (n) RETURN count(n) AS n",
    "/* CALL dbms.listConfig() */ RETURN 1 AS one",
    "MATCH (`load csv`) RETURN count(*) AS n",
    "MATCH (call) RETURN call.name LIMIT 1",
    "MATCH (n) CALL (n) { RETURN n.name AS name } RETURN name",
    "MATCH (n) CALL { RETURN 1 AS x } RETURN x",
    "SHOW INDEXES",
    "SHOW RANGE INDEXES YIELD name RETURN name",
    "SHOW CONSTRAINTS",
    "SHOW USER DEFINED FUNCTIONS",
    "SHOW PROCEDURES EXECUTABLE BY CURRENT USER",
    "MATCH (show:Show) RETURN show",
    "CREATE (n:Company) RETURN n",  # a write: left to the read transaction and the plan check
]


@pytest.mark.parametrize("query, named", REFUSED.items())
def test_the_text_check_refuses_whatever_the_spelling(query: str, named: str) -> None:
    with pytest.raises(CypherRefused) as caught:
        guard.check_text(query)
    message = str(caught.value)
    assert named.upper() in message.upper() and "--write" in message


@pytest.mark.parametrize("query", ALLOWED)
def test_the_text_check_lets_reads_and_string_literals_through(query: str) -> None:
    guard.check_text(query)


def test_explain_text_replaces_the_users_own_mode() -> None:
    assert guard.explain_text("RETURN 1").strip() == "EXPLAIN RETURN 1"
    assert guard.explain_text("PROFILE RETURN 1").split() == ["EXPLAIN", "RETURN", "1"]
    assert guard.explain_text("CYPHER runtime=slotted PROFILE RETURN 1").split() == [
        "EXPLAIN", "CYPHER", "runtime=slotted", "RETURN", "1"]
    assert guard.explain_text("RETURN 'PROFILE' AS p").endswith("RETURN 'PROFILE' AS p")


# -- URIs (no server needed) ----------------------------------------------------------------------------


@pytest.mark.parametrize("uri, shown", [
    ("bolt://neo4j:pw@host:7687", "bolt://host:7687"),
    ("neo4j+s://user:p@ss:w0rd@db.example.com", "neo4j+s://db.example.com"),
    ("bolt://user@host", "bolt://host"),
    ("bolt://host:7687", "bolt://host:7687"),
])
def test_uris_are_shown_without_user_info(uri: str, shown: str) -> None:
    assert redact_uri(uri) == shown


def test_scrub_masks_the_uri_password_and_joins_lines() -> None:
    uri = "bolt://neo4j:top@secret@host:1"
    text = f"failed to open {uri}\nbecause top@secret and env-pass were wrong"
    cleaned = scrub(text, [uri], ["env-pass"])
    assert "\n" not in cleaned
    assert "top@secret" not in cleaned and "env-pass" not in cleaned
    assert "bolt://host:1" in cleaned


@pytest.mark.parametrize("uri, reason", [
    ("http://localhost:7474", "unsupported"),
    ("https://localhost:7473", "unsupported"),
    ("localhost:7687", "SCHEME://HOST"),
    ("bolt://neo4j:pw@localhost", "credentials"),
    ("bolt://[::1", "Invalid IPv6"),
    ("bolt://localhost:notaport", "Port"),
    ("bolt://localhost:99999", "Port"),
    ("bolt:///nohost", "no host"),
    ("bolt://localhost/neo4j", "no path"),
])
def test_unusable_uris_are_refused_before_the_driver(uri: str, reason: str) -> None:
    with pytest.raises(Neo4jError, match=reason) as caught:
        check_uri(uri)
    assert "pw" not in str(caught.value)
    if reason == "unsupported":
        for scheme in ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc"):
            assert f"{scheme}://" in str(caught.value)


@pytest.mark.parametrize("uri", ["bolt://h", "bolt+s://h:7687", "bolt+ssc://h", "neo4j://h", "neo4j+s://h:7687",
                                 "neo4j+ssc://h", "neo4j://h:7687?policy=europe"])
def test_supported_uris_pass(uri: str) -> None:
    assert check_uri(uri) == uri


# -- read-only against the real server ------------------------------------------------------------------


@pytest.fixture
def cli_env(neo4j_target: Neo4jTarget, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    """A CLI runner pointed at the session's server."""
    monkeypatch.setenv("NEO4J_URI", neo4j_target.uri)
    if neo4j_target.owned:
        monkeypatch.delenv("NEO4J_PASSWORD", raising=False)
    if neo4j_target.database:
        monkeypatch.setenv("NEO4J_DATABASE", neo4j_target.database)
    return CliRunner()


@pytest.mark.parametrize("query", [
    "LOAD CSV FROM 'file:///etc/passwd' AS l RETURN l",
    "CALL dbms.listConfig()",
    "SHOW USERS",
    "CALL db.clearQueryCaches()",
])
def test_cli_refuses_without_write(cli_env: CliRunner, query: str) -> None:
    result = cli_env.invoke(app, ["cypher", "--backend", "neo4j", query])
    assert result.exit_code == 1
    assert result.stderr.startswith("kg: error: read-only query refused")
    assert "--write" in result.stderr
    assert "root:" not in result.output and "Traceback" not in result.output


def test_cli_runs_allowed_reads(cli_env: CliRunner, clean_neo4j: Driver) -> None:
    clean_neo4j.execute_query("CREATE (:Company {id: 'c1', name: 'LOAD CSV Ltd'})")
    labels = cli_env.invoke(app, ["cypher", "--backend", "neo4j", "CALL db.labels() YIELD label RETURN label",
                                  "-f", "json"])
    assert labels.exit_code == 0, labels.stderr
    assert {"label": "Company"} in json.loads(labels.stdout)
    quoted = cli_env.invoke(app, ["cypher", "--backend", "neo4j", "-f", "csv",
                                  "MATCH (c:Company) WHERE c.name STARTS WITH 'LOAD CSV' "
                                  "RETURN c.name AS name, 'CALL dbms.listConfig()' AS note"])
    assert quoted.exit_code == 0, quoted.stderr
    assert quoted.stdout.splitlines()[1:] == ["LOAD CSV Ltd,CALL dbms.listConfig()"]


@pytest.mark.parametrize("query", [
    "LOAD CSV FROM 'file:///etc/passwd' AS l RETURN l",
    "CALL dbms.listConfig() YIELD name RETURN name",
    "CALL `dbms`.`listConfig`() YIELD name RETURN name",
    "CALL db.clearQueryCaches()",
    "SHOW USERS",
    "SHOW SETTINGS",
    "SHOW TRANSACTIONS",
    "CREATE (:Company {id: 'planned-only'})",
])
def test_the_plan_check_alone_refuses(neo4j_driver: Driver, neo4j_target: Neo4jTarget, query: str,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """With the text check switched off, the server's EXPLAIN plan still stops each of these."""
    monkeypatch.setattr("kg.neo4j.cypher.check_text", lambda _query: None)
    with pytest.raises(CypherRefused, match="--write"):
        run_cypher(neo4j_driver, query, database=neo4j_target.database)
    assert run_cypher(neo4j_driver, "MATCH (n {id: 'planned-only'}) RETURN n",
                      database=neo4j_target.database) == []


def test_the_plan_check_lets_reads_through(neo4j_driver: Driver, neo4j_target: Neo4jTarget) -> None:
    for query in ("CALL db.labels()", "SHOW INDEXES YIELD name RETURN count(*) AS n",
                  "PROFILE RETURN 1 AS one", "CYPHER runtime=slotted RETURN 1 AS one"):
        run_cypher(neo4j_driver, query, database=neo4j_target.database)


def test_unguarded_texts_still_run_in_a_read_transaction(clean_neo4j: Driver, neo4j_target: Neo4jTarget) -> None:
    """`guard=False` (kg's own query texts) skips the text and plan checks, not read-only mode: the server
    refuses a write, and nothing is written."""
    with pytest.raises(Neo4jError, match="--write"):
        run_cypher(clean_neo4j, "CREATE (:Probe {id: 'unguarded'}) RETURN 1 AS one",
                   database=neo4j_target.database, guard=False)
    assert run_cypher(clean_neo4j, "MATCH (n:Probe) RETURN n", database=neo4j_target.database) == []


def test_named_queries_skip_the_guard_and_user_queries_do_not(clean_neo4j: Driver, neo4j_target: Neo4jTarget,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """A named query's text is kg's code: no text check, no EXPLAIN round trip (2-4x faster for the small
    answers at a million relations). A user's query through the same function still gets both."""
    from kg.neo4j import cypher
    from kg.queries import run_neo4j

    checked: list[str] = []
    check_text, check_plan = cypher.check_text, cypher._check_plan

    def text_spy(query: str) -> None:
        checked.append("text")
        check_text(query)

    def plan_spy(tx, query, params):  # type: ignore[no-untyped-def]
        checked.append("plan")
        check_plan(tx, query, params)

    monkeypatch.setattr(cypher, "check_text", text_spy)
    monkeypatch.setattr(cypher, "_check_plan", plan_spy)
    assert run_neo4j(clean_neo4j, "ipo-pipeline", None, database=neo4j_target.database) == []
    assert checked == []
    run_cypher(clean_neo4j, "MATCH (n:IPO) RETURN n", database=neo4j_target.database)
    assert checked == ["text", "plan"]


# -- failing connections: one line, no secret, no traceback ------------------------------------------------


def kg_cli(*args: str, env: dict[str, str], timeout: float = 180) -> subprocess.CompletedProcess[str]:
    """`kg ARGS` in a fresh Python process with only the given Neo4j settings."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
    clean.update(env, PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-c", "from kg.cli import main; main()", *args], env=clean,
                          capture_output=True, text=True, timeout=timeout, stdin=subprocess.DEVNULL)


def assert_one_clean_error(result: subprocess.CompletedProcess[str], *expected: str) -> str:
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "Traceback" not in output
    for secret in (PASSWORD, URI_PASSWORD):
        assert secret not in output
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("kg: error: "), result.stderr
    for text in expected:
        assert text in lines[0], lines[0]
    return lines[0]


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


_AUTH_SERVERS: dict[str, ServerInfo] = {}


@pytest.fixture
def auth_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerInfo]:
    """A server with auth on (password `PASSWORD`), shared by this module's tests; started again in a new
    home if a test killed it."""
    info = _AUTH_SERVERS.get("info")
    if info is None or server.status(info.home) is None:
        info = server.start(tmp_path_factory.mktemp("auth-home"), password=PASSWORD, watch_pid=os.getpid())
        _AUTH_SERVERS["info"] = info
    yield info


@pytest.fixture(scope="module", autouse=True)
def _stop_auth_server() -> Iterator[None]:
    yield
    info = _AUTH_SERVERS.pop("info", None)
    if info is not None:
        server.stop(info.home)


@pytest.fixture
def built_store(tmp_path: Path) -> Path:
    path = tmp_path / "store"
    with open_store(path) as store:
        record_all(store, investor_network(companies=30))
    return path


def test_refused_port(tmp_path: Path) -> None:
    uri = f"bolt://127.0.0.1:{closed_port()}"
    assert_one_clean_error(kg_cli("cypher", "--backend", "neo4j", "RETURN 1",
                                  env={"NEO4J_URI": uri, "NEO4J_PASSWORD": PASSWORD}), "cannot reach", uri)


def test_unsupported_scheme(tmp_path: Path) -> None:
    line = assert_one_clean_error(kg_cli("cypher", "--backend", "neo4j", "RETURN 1", env={
        "NEO4J_URI": f"http://neo4j:{URI_PASSWORD}@127.0.0.1:7474", "NEO4J_PASSWORD": PASSWORD}),
        "unsupported", "http://127.0.0.1:7474")
    assert "bolt+ssc://" in line and "neo4j+s://" in line


def test_bad_credentials(auth_server: ServerInfo, built_store: Path) -> None:
    for command in (["cypher", "RETURN 1"], ["load", "--store", str(built_store)]):
        assert_one_clean_error(kg_cli(*command, env={"NEO4J_URI": auth_server.uri,
                                                     "NEO4J_PASSWORD": PASSWORD + "-wrong"}),
                               "refused the credentials", auth_server.uri)


def test_password_in_the_uri(auth_server: ServerInfo) -> None:
    uri = auth_server.uri.replace("bolt://", f"bolt://neo4j:{URI_PASSWORD}@")
    assert_one_clean_error(kg_cli("cypher", "--backend", "neo4j", "RETURN 1", env={"NEO4J_URI": uri}),
                           "carries credentials", auth_server.uri)
    assert_one_clean_error(kg_cli("cypher", "RETURN 1", "--uri", uri, env={"NEO4J_PASSWORD": PASSWORD}),
                           "carries credentials")


def test_malformed_uri() -> None:
    for uri in (f"bolt://neo4j:{URI_PASSWORD}@[::1", "bolt://localhost:notaport", "localhost:7687"):
        assert_one_clean_error(kg_cli("cypher", "--backend", "neo4j", "RETURN 1",
                                      env={"NEO4J_URI": uri, "NEO4J_PASSWORD": PASSWORD}), "URI")


def test_unknown_database(auth_server: ServerInfo, built_store: Path) -> None:
    env = {"NEO4J_URI": auth_server.uri, "NEO4J_PASSWORD": PASSWORD}
    assert_one_clean_error(kg_cli("cypher", "RETURN 1", "--database", "nosuch", env=env),
                           "no database 'nosuch'")
    assert_one_clean_error(kg_cli("load", "--store", str(built_store), env={**env, "NEO4J_DATABASE": "nosuch"}),
                           "no database 'nosuch'")


def test_server_dies_during_load(auth_server: ServerInfo, built_store: Path) -> None:
    """kill -9 of the server while `kg load` writes: after the driver's retries, one line, exit 1."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
    env.update(PYTHONPATH=str(ROOT), NEO4J_URI=auth_server.uri, NEO4J_PASSWORD=PASSWORD)
    load = subprocess.Popen([sys.executable, "-c", "from kg.cli import main; main()", "load", "--store",
                             str(built_store), "--batch-size", "1", "-q"], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, stdin=subprocess.DEVNULL)
    try:
        with GraphDatabase.driver(auth_server.uri, auth=("neo4j", PASSWORD)) as driver:
            deadline = time.monotonic() + 120
            while driver.execute_query("MATCH (n) RETURN count(n) AS n").records[0]["n"] == 0:
                assert load.poll() is None, load.communicate()
                assert time.monotonic() < deadline, "the load wrote nothing in 120 s"
                time.sleep(0.05)
        os.kill(auth_server.pid, signal.SIGKILL)
        stdout, stderr = load.communicate(timeout=180)
    finally:
        if load.poll() is None:
            load.kill()
    result = subprocess.CompletedProcess(load.args, load.returncode, stdout, stderr)
    assert_one_clean_error(result, "lost the connection to Neo4j at", auth_server.uri)
    assert stdout == ""


def test_a_closed_port_during_load(built_store: Path) -> None:
    uri = f"bolt://127.0.0.1:{closed_port()}"
    assert_one_clean_error(kg_cli("load", "--store", str(built_store),
                                  env={"NEO4J_URI": uri, "NEO4J_PASSWORD": PASSWORD}), "cannot reach", uri)
