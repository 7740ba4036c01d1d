"""The rule table is the one list of check ids: every finding a check can make is in it (so
`--skip`, docs and the app's filters know it), and each rule belongs to exactly one family."""

from __future__ import annotations

import ast
from collections import Counter
from pathlib import Path

import notice_studio.core.checks as checks_package
from notice_studio.core.checks.rules import FAMILIES, RULES


def _finding_ids() -> dict[str, str]:
    """Every rule id written as the first argument of a Finding(...) in the check modules."""
    found: dict[str, str] = {}
    for path in Path(checks_package.__file__).parent.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and getattr(node.func, "id", getattr(node.func, "attr", None)) == "Finding"
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                found[node.args[0].value] = path.name
    return found


def test_every_finding_a_check_makes_is_a_rule_of_the_table() -> None:
    ids = _finding_ids()
    assert len(ids) > 30  # the walk finds the checks' findings at all
    assert {rule: where for rule, where in ids.items() if rule not in RULES} == {}


def test_every_rule_belongs_to_exactly_one_family() -> None:
    counts = Counter(rule for rules in FAMILIES.values() for rule in rules)
    assert sorted(set(RULES) - set(counts)) == []
    assert sorted(set(counts) - set(RULES)) == []
    assert [rule for rule, n in counts.items() if n > 1] == []
