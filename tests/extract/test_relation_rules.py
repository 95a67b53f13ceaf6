"""The rule list is composed of the handler modules' own lists (issue 14): each rule sits in the
module that defines its handler, so the regex and the code reading its groups are read together, and
`rules.RULES` is exactly those lists in order, none left out and none counted twice."""

from __future__ import annotations

import importlib
import pkgutil

import kg.extract.relations
from kg.extract.relations.engine import Rule
from kg.extract.relations.rules import RULES


def _rule_lists() -> dict[str, list[Rule]]:
    """Every module-level list of rules a handler module defines, by module and name."""
    found: dict[str, list[Rule]] = {}
    for info in pkgutil.iter_modules(kg.extract.relations.__path__):
        if info.name in ("rules", "engine"):
            continue
        module = importlib.import_module(f"kg.extract.relations.{info.name}")
        for name, value in vars(module).items():
            if isinstance(value, list) and value and all(isinstance(r, Rule) for r in value):
                found[f"{info.name}.{name}"] = value
    return found


def test_every_rule_is_defined_beside_its_handler() -> None:
    misplaced = [
        (where, rule.name, rule.handler.__module__)
        for where, rules in _rule_lists().items()
        for rule in rules
        if rule.handler.__module__ != f"kg.extract.relations.{where.split('.')[0]}"
    ]
    assert misplaced == []


def test_the_rule_list_is_every_modules_lists_each_once() -> None:
    """Each rule of RULES is in exactly one module list, and every such list is used whole."""
    lists = _rule_lists()
    # PERSON_OWNER_RULES is a part of OWNERSHIP_RULES, which the list includes whole
    lists.pop("ownership.PERSON_OWNER_RULES")
    owner = {id(rule): where for where, rules in lists.items() for rule in rules}
    assert len(owner) == sum(len(rules) for rules in lists.values())
    assert sorted(owner) == sorted(id(rule) for rule in RULES)
    assert len({id(rule) for rule in RULES}) == len(RULES)
