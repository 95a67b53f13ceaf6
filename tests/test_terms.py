"""`kg.terms`, the ontology's names as closed namespaces: generated from ontology/kg.ttl, never drifting
from it, refusing unknown names at run time and under mypy."""

from __future__ import annotations

import doctest
import tempfile
from pathlib import Path

import pytest

from kg.ontology import TERMS_MODULE, load_ontology, terms_source
from kg.terms import C, P, R

ROOT = Path(__file__).resolve().parent.parent


def test_the_checked_in_module_is_what_the_ontology_generates() -> None:
    expected = terms_source(load_ontology(ROOT / "ontology"))
    assert TERMS_MODULE.read_text(encoding="utf-8") == expected, (
        "kg/terms.py differs from ontology/kg.ttl: run python scripts/gen_terms.py"
    )


def test_the_namespaces_hold_exactly_the_ontology_names() -> None:
    onto = load_ontology(ROOT / "ontology")
    assert set(C) == set(onto.classes)
    assert set(R) == set(onto.relations)
    assert set(P) == set(onto.properties)
    assert len(C) == len(onto.classes)


def test_each_constant_is_a_plain_str_equal_to_its_name() -> None:
    for ns in (C, R, P):
        for name in ns:
            value = getattr(ns, name)
            assert type(value) is str and value == name
    assert R.INVESTED_IN == "INVESTED_IN" and C.StateOwnedFund == "StateOwnedFund" and P.valid_from == "valid_from"
    assert "FOUNDED" in R and "FOUNDED" not in C and "Founded" not in R


@pytest.mark.parametrize(("ns", "typo", "hint"), [
    (R, "INVESTED_ON", "INVESTED_IN"), (C, "StateOwnedFunds", "StateOwnedFund"), (P, "valid_form", "valid_from"),
])
def test_an_unknown_name_is_an_attribute_error_with_close_matches(ns: type, typo: str, hint: str) -> None:
    with pytest.raises(AttributeError, match=f"no term '{typo}'.*did you mean {hint}"):
        getattr(ns, typo)


def test_the_namespaces_cannot_be_changed_or_instantiated() -> None:
    with pytest.raises(AttributeError):
        R.INVESTED_ON = "INVESTED_ON"  # type: ignore[attr-defined]
    with pytest.raises(AttributeError):
        del R.INVESTED_IN  # type: ignore[misc]
    with pytest.raises(TypeError):
        C()
    assert not hasattr(R, "INVESTED_ON")


def test_mypy_reports_an_unknown_name(tmp_path: Path) -> None:
    api = pytest.importorskip("mypy.api")
    snippet = tmp_path / "snippet.py"
    snippet.write_text("from kg.terms import C, R\n\nok: str = R.INVESTED_IN + C.Person\nbad = R.INVESTED_ON\n")
    # a cache of its own that outlives the test (typeshed's builtins take mypy ~10 s cold, 0.3 s warm)
    cache = Path(tempfile.gettempdir()) / "kg-test-terms-mypy-cache"
    options = ["--config-file=", f"--cache-dir={cache}", "--follow-imports=silent"]
    stdout, _stderr, status = api.run([str(snippet), *options])
    assert status == 1
    assert 'snippet.py:4: error: "type[R]" has no attribute "INVESTED_ON"' in stdout
    assert "snippet.py:3" not in stdout


def test_the_module_docstring_examples_run() -> None:
    import kg.terms

    assert doctest.testmod(kg.terms).failed == 0
