"""The one JSON spelling of what the store keeps: keys sorted, text as it is (no `\\u` escapes).

Equal values must give equal text, since the store compares and hashes it (a fact's properties, a
record's summary). One encoder for the whole process: `json.dumps` with options builds a new encoder on
every call, which writing an article did tens of thousands of times.
"""

from __future__ import annotations

import json
from typing import Any

_ENCODER = json.JSONEncoder(ensure_ascii=False, sort_keys=True)


def canonical_json(value: Any) -> str:
    """`json.dumps(value, ensure_ascii=False, sort_keys=True)`, through one shared encoder.

    >>> canonical_json({"b": 1, "a": "澄湖"})
    '{"a": "澄湖", "b": 1}'
    """
    return _ENCODER.encode(value)
