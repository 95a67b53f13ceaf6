"""The one place that opens connections to Neo4j.

Settings come from the environment (`NEO4J_URI`, `NEO4J_USERNAME`, `NEO4J_PASSWORD`,
`NEO4J_DATABASE`) so secrets never sit in command lines or logs; with no `NEO4J_URI`, the server that
`kg neo4j start` left running in the default home is used.

Every failure of the driver or the server, while connecting *and* while the driver is in use (a server
that dies during `kg load`), becomes one `Neo4jError` line that names the URI without its user-info and
never the password: `kg` prints these as `kg: error: …`, with no traceback.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass

from neo4j import Driver, GraphDatabase
from neo4j.exceptions import AuthError, DriverError, ServiceUnavailable, SessionExpired
from neo4j.exceptions import Neo4jError as DriverNeo4jError

from kg.errors import Neo4jError
from kg.neo4j.uri import check_uri, redact_uri, scrub

# The driver logs every retry and broken connection as it happens (to stderr, through Python's
# last-resort handler, when nothing configured logging); `kg` reports the outcome once, as one error
# line. A NullHandler keeps them off stderr while an application that configures logging still gets them.
# The server's notifications about a query (`neo4j.notifications`) are left to show.
for _name in ("neo4j.io", "neo4j.pool", "neo4j.session"):
    logging.getLogger(_name).addHandler(logging.NullHandler())


@dataclass(frozen=True)
class Neo4jSettings:
    """Where and how to connect; `password` is kept out of `repr` so it cannot leak into logs."""

    uri: str
    username: str
    password: str | None
    database: str | None

    def __repr__(self) -> str:
        auth = "with password" if self.password else "no auth"
        return (f"Neo4jSettings(uri={self.shown_uri!r}, username={self.username!r}, {auth}, "
                f"database={self.database!r})")

    @property
    def shown_uri(self) -> str:
        """The URI as it may be printed: without user-info."""
        return redact_uri(self.uri)

    def scrub(self, text: str) -> str:
        """`text` on one line with this URI's user-info and the password masked."""
        return scrub(text, [self.uri], [self.password])


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


def server_error_message(exc: DriverNeo4jError, database: str | None = None) -> str:
    """A server's refusal in words: its code and message, and what to do for the common ones."""
    code = exc.code or "Neo4j error"
    message = " ".join(str(exc.message or exc).split())
    if code.endswith("DatabaseNotFound"):
        return (f"no database {database!r} on this Neo4j ({message}); check NEO4J_DATABASE / --database"
                if database else f"{code}: {message}")
    return f"{code}: {message}"


@contextmanager
def open_driver(settings: Neo4jSettings) -> Iterator[Driver]:
    """A verified driver, closed on exit.

    The URI is checked before the driver sees it (`kg.neo4j.uri.check_uri`). Unreachable servers, bad
    credentials, and a connection lost while the caller uses the driver raise `Neo4jError`.
    """
    uri = check_uri(settings.uri)
    shown = settings.shown_uri
    auth = (settings.username, settings.password) if settings.password else None
    try:
        driver = GraphDatabase.driver(uri, auth=auth)
    except (DriverError, ValueError) as exc:
        raise Neo4jError(f"bad Neo4j URI {shown!r}: {settings.scrub(str(exc))}") from None
    try:
        try:
            driver.verify_connectivity()
        except AuthError:
            raise Neo4jError(
                f"Neo4j at {shown} refused the credentials of user {settings.username!r} "
                "(check NEO4J_USERNAME / NEO4J_PASSWORD)"
            ) from None
        except (DriverError, DriverNeo4jError, OSError, ValueError) as exc:
            raise Neo4jError(f"cannot reach Neo4j at {shown}: {settings.scrub(str(exc))}") from None
        try:
            yield driver
        except AuthError:
            raise Neo4jError(f"Neo4j at {shown} refused the credentials of user {settings.username!r}") from None
        except (ServiceUnavailable, SessionExpired) as exc:
            raise Neo4jError(f"lost the connection to Neo4j at {shown}: {settings.scrub(str(exc))}") from None
        except DriverNeo4jError as exc:
            message = server_error_message(exc, settings.database)
            raise Neo4jError(f"Neo4j at {shown}: {settings.scrub(message)}") from None
        except DriverError as exc:
            raise Neo4jError(f"Neo4j at {shown}: {settings.scrub(str(exc))}") from None
        except Neo4jError as exc:  # ours, from the library code inside: kept, but never with a secret
            clean = settings.scrub(str(exc))
            if clean == str(exc):
                raise
            raise type(exc)(clean) from None
    finally:
        with suppress(DriverError, OSError):  # closing after the server died must not hide the error
            driver.close()
