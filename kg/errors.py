"""One small exception hierarchy, so the CLI can turn any known failure into one clean line.

Library code raises these; `kg.cli` prints ``str(error)`` on stderr and exits non-zero.
Anything that is not a `KGError` is a bug and keeps its traceback.
"""

from __future__ import annotations


class KGError(Exception):
    """Base of every error `kg` raises on purpose (bad input, missing server, unknown name)."""


class OntologyError(KGError):
    """A class, relationship or property name that the ontology does not define."""


class StoreError(KGError):
    """The graph of record cannot be opened or written (wrong path, newer schema, corrupt file)."""


class InputError(KGError):
    """An input file cannot be read as an article (binary, empty, undecodable, malformed)."""


class Neo4jServerError(KGError):
    """The local Neo4j server cannot be fetched, started or stopped."""


class Neo4jError(KGError):
    """Talking to a Neo4j server failed (unreachable, refused credentials, rejected query)."""


class NotYetAvailable(KGError):
    """A command whose feature is planned but not built yet; exits non-zero with this message."""


class CypherRefused(Neo4jError):
    """A query that read-only `kg cypher` will not send: it loads files, calls a procedure outside the
    allow-list, or administers the server (see `kg.neo4j.guard`); `--write` lifts the refusal."""


class InputFileError(InputError):
    """One file (or one line of it) is not an article: `where` says which, `reason` says why.

    Kept apart so a build report can print the place once and the reason once (``where: reason``)
    instead of a message that already repeats the path.
    """

    def __init__(self, where: str, reason: str) -> None:
        super().__init__(f"{where}: {reason}")
        self.where = where
        self.reason = reason
