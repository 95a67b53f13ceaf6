"""Write kg/terms.py, the closed namespaces of the ontology's names, from ontology/kg.ttl.

    python scripts/gen_terms.py           # rewrite kg/terms.py after editing the ontology
    python scripts/gen_terms.py --check   # exit 1 when kg/terms.py is not what the ontology gives

The text comes from `kg.ontology.terms_source`; tests/test_terms.py runs the same comparison as `--check`.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.ontology import TERMS_MODULE, load_ontology, terms_source  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare only; exit 1 when the file differs")
    args = parser.parse_args()
    text = terms_source(load_ontology(ROOT / "ontology"))
    current = TERMS_MODULE.read_text(encoding="utf-8") if TERMS_MODULE.exists() else None
    if args.check:
        if current != text:
            print(f"{TERMS_MODULE} differs from the ontology: run python scripts/gen_terms.py", file=sys.stderr)
            return 1
        return 0
    if current != text:
        TERMS_MODULE.write_text(text, encoding="utf-8")
        print(f"wrote {TERMS_MODULE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
