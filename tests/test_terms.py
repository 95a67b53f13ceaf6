"""`kg.terms`, the ontology's names as closed namespaces: generated from ontology/kg.ttl, never drifting
from it, refusing unknown names at run time and under mypy."""

from __future__ import annotations

import ast
import doctest
import tempfile
from collections.abc import Iterator
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


# -- no class or relationship name written as a string literal in kg/ -----------------------------

#: String literals in kg/ that equal an ontology class or relationship name but are not used as one:
#: (file, where, value). `where` is the innermost enclosing def or class, else the module-level assignment
#: target, else "<module>"; "[key]" is added for a dict key; "*" matches any where or any value.
#: The codemod of issue 14 (which turned the others into `C.*`/`R.*`) skips exactly these.
EXEMPT: frozenset[tuple[str, str, str]] = frozenset({
    # the Python name of the class kg.model.Article (the lazy export table, `__all__`), not the node label
    ("kg/__init__.py", "*", "Article"),
    # (word lists are data since issue 14: kg/data/vocab/*.toml; a class named there is read through
    # kg.terms.C at import, so a typo fails there, tests/extract/test_vocab.py)
    # the English legal word "Company" (abbreviated "Co"), not the class
    ("kg/extract/gazetteer.py", "_EN_LEGAL_SHORT[key]", "*"),
    # "IPO" as a FinancialFigure's `period` (the terms of an offering), not the IPO class
    ("kg/extract/financials.py", "IPO_PERIOD", "IPO"),
    ("kg/period_order.py", "period_sort_key", "IPO"),
    ("kg/ipo_terms.py", "ipo_term_props", "IPO"),
    ("kg/queries/financials.py", "term_text", "IPO"),
})
#: The modules that define the names; `.cypher` files are not Python and are not scanned.
NAME_OWNERS = {"kg/ontology.py", "kg/terms.py"}


def _string_literals(tree: ast.Module) -> Iterator[tuple[ast.Constant, str]]:
    """Every str constant that is not a docstring, with its `where` (see EXEMPT)."""
    parents = {id(child): node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    for node in ast.walk(tree):
        if not isinstance(node, ast.Constant) or not isinstance(node.value, str):
            continue
        parent = parents.get(id(node))
        if isinstance(parent, ast.Expr):
            continue  # a docstring (or a bare string statement): prose
        key = isinstance(parent, ast.Dict) and any(k is node for k in parent.keys)
        where, cur = "<module>", node
        while cur is not None:
            up = parents.get(id(cur))
            if isinstance(cur, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                where = cur.name
                break
            if isinstance(up, ast.Module):
                if isinstance(cur, ast.Assign) and isinstance(cur.targets[0], ast.Name):
                    where = cur.targets[0].id
                elif isinstance(cur, ast.AnnAssign) and isinstance(cur.target, ast.Name):
                    where = cur.target.id
                break
            cur = up
        yield node, where + ("[key]" if key else "")


def _exempt(path: str, where: str, value: str) -> bool:
    return any((path, w, v) in EXEMPT for w in (where, "*") for v in (value, "*"))


def test_no_class_or_relationship_name_is_a_string_literal_in_kg() -> None:
    names = set(C) | set(R)
    found, used = [], set()
    for file in sorted((ROOT / "kg").rglob("*.py")):
        path = file.relative_to(ROOT).as_posix()
        if path in NAME_OWNERS:
            continue
        for node, where in _string_literals(ast.parse(file.read_text(encoding="utf-8"))):
            if node.value not in names:
                continue
            hits = {e for e in EXEMPT if e[0] == path and e[1] in (where, "*") and e[2] in (node.value, "*")}
            if hits:
                used |= hits
                continue
            ns = "C" if node.value in C else "R"
            found.append(f"{path}:{node.lineno} ({where}): {node.value!r} -> {ns}.{node.value}")
    assert not found, "ontology names written as literals; use kg.terms:\n" + "\n".join(found)
    assert used == EXEMPT, f"exemptions that match nothing any more: {sorted(EXEMPT - used)}"


def test_the_literal_check_sees_a_literal_and_honours_an_exemption() -> None:
    tree = ast.parse('"""Person"""\nX = {"Person": "Person"}\n\ndef f():\n    return f"{1}IPO" == "INVESTED_IN"\n')
    sites = [(node.value, where) for node, where in _string_literals(tree)]
    assert ("Person", "X[key]") in sites and ("Person", "X") in sites and ("INVESTED_IN", "f") in sites
    assert ("Person", "<module>") not in sites  # the docstring
    assert _exempt("kg/extract/gazetteer.py", "_EN_LEGAL_SHORT[key]", "Company")
    assert not _exempt("kg/extract/gazetteer.py", "_EN_LEGAL_SHORT", "Company")
