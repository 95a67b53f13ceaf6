"""The one place that opens connections to Neo4j.

Settings come from the environment (`NEO4J_URI`, `NEO4J_USERNAME`, `NEO4J_PASSWORD`,
`NEO4J_DATABASE`) so secrets never sit in command lines or logs; with no `NEO4J_URI`, the server that
`kg neo4j start` left running in the default home is used. Driver errors become one clear `Neo4jError`
that names the URI and the user, never the password.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from neo4j import Driver, GraphDatabase
from neo4j.exceptions import AuthError, ConfigurationError, ServiceUnavailable

from kg.errors import Neo4jError


@dataclass(frozen=True)
class Neo4jSettings:
    """Where and how to connect; `password` is kept out of `repr` so it cannot leak into logs."""

    uri: str
    username: str
    password: str | None
    database: str | None

    def __repr__(self) -> str:
        auth = "with password" if self.password else "no auth"
        return f"Neo4jSettings(uri={self.uri!r}, username={self.username!r}, {auth}, database={self.database!r})"


def settings_from_env(uri: str | None = None, database: str | None = None) -> Neo4jSettings:
    """Settings from arguments, then the environment, then the local server of `kg neo4j start`."""
    uri = uri or os.environ.get("NEO4J_URI")
    if not uri:
        from kg.neo4j import server

        info = server.status(server.default_home())
        if info is None:
            raise Neo4jError(
                "no Neo4j to talk to: set NEO4J_URI (and NEO4J_USERNAME/NEO4J_PASSWORD), "
                "or start a local server with `kg neo4j start`"
            )
        uri = info.uri
    return Neo4jSettings(
        uri=uri,
        username=os.environ.get("NEO4J_USERNAME", "neo4j"),
        password=os.environ.get("NEO4J_PASSWORD") or None,
        database=database or os.environ.get("NEO4J_DATABASE") or None,
    )


@contextmanager
def open_driver(settings: Neo4jSettings) -> Iterator[Driver]:
    """A verified driver; closed on exit. Unreachable servers and bad credentials raise `Neo4jError`."""
    auth = (settings.username, settings.password) if settings.password else None
    try:
        driver = GraphDatabase.driver(settings.uri, auth=auth)
    except (ConfigurationError, ValueError) as exc:
        raise Neo4jError(f"bad Neo4j URI {settings.uri!r}: {exc}") from None
    try:
        try:
            driver.verify_connectivity()
        except AuthError:
            raise Neo4jError(
                f"Neo4j at {settings.uri} refused the credentials of user {settings.username!r} "
                "(check NEO4J_USERNAME / NEO4J_PASSWORD)"
            ) from None
        except (ServiceUnavailable, OSError) as exc:
            raise Neo4jError(f"cannot reach Neo4j at {settings.uri}: {exc}") from None
        yield driver
    finally:
        driver.close()
