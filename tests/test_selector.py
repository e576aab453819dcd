"""Rule selectors (gialint.selector): one parser for the config, the command
line, per-file ignores and suppressions."""

from __future__ import annotations

import pytest

from gialint.findings import Finding, Location
from gialint.rule import Rule
from gialint.selector import Selector, is_known, matches


def _rule(rid="GIA101", name="missing-section", category="structure"):
    return Rule(id=rid, name=name, category=category, severity="error", editions=("2021",),
                kind="k", params={}, message={"zh": "x"}, summary={"zh": "x"})


def _finding(rid="GIA101", name="missing-section", category="structure"):
    return Finding(rule=rid, name=name, category=category, severity="error", message="m",
                   location=Location(0, 0, 1, 1, 1, 1))


@pytest.mark.parametrize("text,hit,specificity", [
    ("ALL", True, 0), ("GIA101", True, 3), ("GIA1", True, 2), ("GIA10", True, 2),
    ("GIA2", False, 2), ("missing-section", True, 3), ("structure", True, 1),
    ("arithmetic", False, 1), ("other-name", False, 1),
])
def test_matches_rules_and_findings_alike(text, hit, specificity):
    s = Selector.of(text)
    assert s.matches(_rule()) is hit
    assert s.matches_finding(_finding()) is hit
    assert matches(text, _rule()) is hit
    assert s.specificity(_rule()) == specificity


def test_parsed_once():
    assert Selector.of("GIA1") is Selector.of("GIA1")
    assert Selector.of(Selector.of("ALL")).text == "ALL"


@pytest.mark.parametrize("text", ["", " GIA101", "GIA101,GIA102", None])
def test_not_a_selector(text):
    with pytest.raises(ValueError):
        Selector(text)
    assert not is_known(text, [_rule()])


@pytest.mark.parametrize("text,known", [
    ("ALL", True), ("GIA101", True), ("GIA1", True), ("GIA9", False), ("missing-section", True),
    ("table", True),  # a category, even without a rule in it
    ("no-such-rule", False), ("gia101", False),
])
def test_known(text, known):
    assert is_known(text, [_rule()]) is known
