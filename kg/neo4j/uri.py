"""Neo4j URIs: which ones `kg` accepts, and how they are shown.

A URI is checked here before the driver sees it, because the driver's own failures are unhelpful
or worse: an `http://` URI makes it import an optional package (a `ModuleNotFoundError` traceback),
a bad port becomes a DNS error, and its messages repeat the URI verbatim, password included. So the
scheme, host and port are checked here, credentials in the URI are refused (they belong in
`NEO4J_USERNAME` / `NEO4J_PASSWORD`, which never reach a command line or a log), and every URI that
`kg` prints goes through `redact_uri` first.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import urlsplit

from kg.errors import Neo4jError

SUPPORTED_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")
"""Bolt, direct or routed, plain or TLS: what the driver speaks without optional extras."""

_USERINFO = re.compile(r"(?P<scheme>[A-Za-z][A-Za-z0-9+.-]*://)[^/?#\s'\"@]*@")
REDACTED = "***"


def _userinfo(uri: str) -> str | None:
    """What stands between `://` and the last `@`: user, password, and anything a typo put there."""
    rest = uri.split("://", 1)[-1]
    return rest.rsplit("@", 1)[0] if "@" in rest else None


def redact_uri(uri: str) -> str:
    """`uri` without its user-info (`bolt://neo4j:pw@host` -> `bolt://host`), safe to print."""
    info = _userinfo(uri)
    if info is None:
        return uri
    scheme = uri.split("://", 1)[0] + "://" if "://" in uri else ""
    return scheme + uri.split("://", 1)[-1][len(info) + 1:]


def scrub(text: str, uris: Iterable[str | None] = (), secrets: Iterable[str | None] = ()) -> str:
    """`text` on one line, with every URI in it shown without user-info and each secret masked.

    Driver and server messages may quote the URI they were given, or span several lines; an error
    line must do neither. `uris` are the raw URIs in play (their user-info is masked wherever it
    appears), `secrets` anything else that must not show (the password).
    """
    hidden = [s for s in secrets if s]
    for uri in uris:
        if uri:
            text = text.replace(uri, redact_uri(uri))
            info = _userinfo(uri)
            if info:
                hidden += [info, info.split(":", 1)[-1]]
    text = _USERINFO.sub(r"\g<scheme>", text)
    for secret in sorted(hidden, key=len, reverse=True):
        text = text.replace(secret, REDACTED)
    return " ".join(text.split())


def check_uri(uri: str) -> str:
    """`uri` if the driver can use it; else a `Neo4jError` that says why, without the user-info."""
    shown = redact_uri(uri)
    if "://" not in uri:
        raise Neo4jError(f"bad Neo4j URI {shown!r}: expected SCHEME://HOST[:PORT] with a scheme among "
                         f"{', '.join(SUPPORTED_SCHEMES)}")
    scheme = uri.split("://", 1)[0].lower()
    if scheme not in SUPPORTED_SCHEMES:
        raise Neo4jError(f"unsupported Neo4j URI scheme {scheme + '://'!r} in {shown!r}: use one of "
                         f"{', '.join(s + '://' for s in SUPPORTED_SCHEMES)}")
    if _userinfo(uri) is not None:
        raise Neo4jError(f"the Neo4j URI {shown!r} carries credentials: give the URI without them and set "
                         "NEO4J_USERNAME / NEO4J_PASSWORD instead")
    try:
        parts = urlsplit(uri)
        port = parts.port
    except ValueError as exc:
        raise Neo4jError(f"bad Neo4j URI {shown!r}: {scrub(str(exc), [uri])}") from None
    if not parts.hostname:
        raise Neo4jError(f"bad Neo4j URI {shown!r}: no host (expected {scheme}://HOST[:PORT])")
    if port == 0:
        raise Neo4jError(f"bad Neo4j URI {shown!r}: port 0")
    if parts.path not in ("", "/"):
        raise Neo4jError(f"bad Neo4j URI {shown!r}: a Neo4j URI has no path (choose the database with "
                         "NEO4J_DATABASE or --database)")
    return uri
