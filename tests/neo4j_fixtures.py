"""Pytest plugin: one real Neo4j for the whole test session (no mocks, no skips).

With `NEO4J_URI` set (plus `NEO4J_USERNAME`/`NEO4J_PASSWORD`, `NEO4J_DATABASE`), the tests use that
server; otherwise one local server is started in a temporary home with `kg.neo4j.server` and stopped at
the end. A server that cannot be started or reached fails the tests (in CI and everywhere else): a
silently skipped Neo4j suite would look green while testing nothing.

`clean_neo4j` empties the database before a test, but only a database this plugin started itself: a
database given by `NEO4J_URI` may hold someone's data, so wiping it needs `NEO4J_ALLOW_WIPE=1`.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from neo4j import Driver, GraphDatabase
from neo4j.exceptions import DriverError, Neo4jError

from kg.errors import KGError
from kg.neo4j import server


@dataclass(frozen=True)
class Neo4jTarget:
    """The server the tests talk to; `owned` is True when this plugin started it (so may wipe it)."""

    uri: str
    auth: tuple[str, str] | None
    database: str | None
    owned: bool


def _env_target() -> Neo4jTarget | None:
    uri = os.environ.get("NEO4J_URI")
    if not uri:
        return None
    password = os.environ.get("NEO4J_PASSWORD") or None
    auth = (os.environ.get("NEO4J_USERNAME", "neo4j"), password) if password else None
    return Neo4jTarget(uri=uri, auth=auth, database=os.environ.get("NEO4J_DATABASE") or None, owned=False)


@pytest.fixture(scope="session")
def neo4j_target(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Neo4jTarget]:
    """`NEO4J_URI`'s server, else a local one started for this session (and stopped after it)."""
    given = _env_target()
    if given is not None:
        yield given
        return
    home = tmp_path_factory.mktemp("neo4j-home")
    try:
        # watch_pid: if this test run is killed, the server stops by itself instead of lingering.
        info = server.start(home, watch_pid=os.getpid())
    except KGError as exc:
        error = exc
    else:
        error = None
    if error is not None:
        pytest.fail(f"could not start a local Neo4j for the tests (set NEO4J_URI to use another): {error}",
                    pytrace=False)
    try:
        yield Neo4jTarget(uri=info.uri, auth=None, database=None, owned=True)
    finally:
        server.stop(home)


@pytest.fixture(scope="session")
def neo4j_uri(neo4j_target: Neo4jTarget) -> str:
    """Bolt URI of the session's Neo4j."""
    return neo4j_target.uri


@pytest.fixture(scope="session")
def neo4j_driver(neo4j_target: Neo4jTarget) -> Iterator[Driver]:
    """A verified driver for the session's Neo4j; a server that does not answer fails the tests."""
    driver = GraphDatabase.driver(neo4j_target.uri, auth=neo4j_target.auth)
    try:
        driver.verify_connectivity()
    except (DriverError, Neo4jError, OSError) as exc:
        driver.close()
        pytest.fail(f"Neo4j at {neo4j_target.uri} does not answer: {exc}", pytrace=False)
    try:
        yield driver
    finally:
        driver.close()


@pytest.fixture
def clean_neo4j(neo4j_target: Neo4jTarget, neo4j_driver: Driver) -> Driver:
    """The session's driver on an empty database (no nodes, relationships, constraints or indexes)."""
    if not neo4j_target.owned and os.environ.get("NEO4J_ALLOW_WIPE") != "1":
        pytest.fail(f"refusing to wipe the database of NEO4J_URI={neo4j_target.uri}, which these tests did "
                    "not start: set NEO4J_ALLOW_WIPE=1 if its data may be deleted, or unset NEO4J_URI to "
                    "let the tests start their own server", pytrace=False)
    wipe(neo4j_driver, neo4j_target.database)
    return neo4j_driver


def wipe(driver: Driver, database: str | None = None) -> None:
    """Delete all data, then every constraint and index except the built-in token lookup indexes."""
    driver.execute_query("MATCH (n) DETACH DELETE n", database_=database)
    for kind, query in (("CONSTRAINT", "SHOW CONSTRAINTS YIELD name RETURN name"),
                        ("INDEX", "SHOW INDEXES YIELD name, type WHERE type <> 'LOOKUP' RETURN name")):
        names = [r["name"] for r in driver.execute_query(query, database_=database).records]
        for name in names:
            quoted = "`" + name.replace("`", "``") + "`"
            driver.execute_query(f"DROP {kind} {quoted} IF EXISTS", database_=database)
