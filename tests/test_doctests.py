"""The package's docstring examples (issue 14): pytest runs them (`--doctest-modules`, `kg` in `testpaths`);
this keeps their coverage from shrinking unnoticed.

The examples are found as pytest finds them, with `doctest.DocTestFinder` over every module of `kg`: a
function, method or class whose docstring holds a `>>>` example counts once. When examples are added, raise
`MIN_EXAMPLES`; when one is removed on purpose, lower it in the same change.
"""

from __future__ import annotations

import doctest
import importlib
import pkgutil
from functools import cache

import kg

#: Public functions, methods and classes with an example (not counting module docstrings), less a margin.
MIN_EXAMPLES = 112
#: Modules whose public functions a user imports first: each keeps at least one example.
EXAMPLE_MODULES = (
    "kg.build",
    "kg.claims",
    "kg.evaluate",
    "kg.extract.pipeline",
    "kg.extract.gazetteer",
    "kg.extract.normalize",
    "kg.extract.periods",
    "kg.extract.text",
    "kg.figures",
    "kg.graph",
    "kg.ingest.readers",
    "kg.ipo_terms",
    "kg.json_text",
    "kg.model",
    "kg.money_usd",
    "kg.names",
    "kg.ontology",
    "kg.queries.registry",
    "kg.rdf.export",
    "kg.regions",
    "kg.row_formats",
    "kg.spinoffs",
    "kg.store",
    "kg.terms",
)


def _module_names() -> list[str]:
    return ["kg", *(info.name for info in pkgutil.walk_packages(kg.__path__, "kg."))]


@cache
def _examples() -> dict[str, list[str]]:
    """Module name -> the names (qualified) of the docstrings in it that hold examples."""
    finder = doctest.DocTestFinder()
    found: dict[str, list[str]] = {}
    for name in _module_names():
        module = importlib.import_module(name)
        found[name] = sorted(test.name for test in finder.find(module) if test.examples)
    return found


def _public(qualified: str, module: str) -> bool:
    """A function, method or class (not the module's own docstring) whose every part is public."""
    if qualified == module:
        return False
    return not any(part.startswith("_") for part in qualified[len(module) + 1:].split("."))


def test_every_module_imports_for_doctest_collection() -> None:
    assert len(_examples()) > 50  # kg, its subpackages and their modules, each imported


def test_public_examples_do_not_shrink() -> None:
    public = [test for module, tests in _examples().items() for test in tests if _public(test, module)]
    assert len(public) >= MIN_EXAMPLES, (
        f"only {len(public)} public functions, methods and classes of kg carry a docstring example, "
        f"fewer than {MIN_EXAMPLES}: restore the examples (or lower MIN_EXAMPLES if one went on purpose)")


def test_user_facing_modules_have_examples() -> None:
    found = _examples()
    without = [name for name in EXAMPLE_MODULES if not found.get(name)]
    assert not without, f"no docstring example left in {', '.join(without)}"
