"""Rule documentation: every built-in rule is documented, and docs/rules.md is current."""

from __future__ import annotations

from pathlib import Path

import pytest

from gialint.docs import rules_markdown
from gialint.ruleset import load_rules

ROOT = Path(__file__).resolve().parent.parent
RULES = sorted((lr.rule for lr in load_rules()), key=lambda r: r.id)


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_rule_is_documented(rule):
    for lang in ("zh", "en"):
        assert rule.summary.get(lang, "").strip(), f"{rule.id}: summary.{lang}"
        assert rule.message.get(lang, "").strip(), f"{rule.id}: message.{lang}"
        assert rule.description.get(lang, "").strip(), f"{rule.id}: description.{lang}"
    assert rule.example_bad.strip() and rule.example_good.strip(), f"{rule.id}: example.bad/good"
    assert rule.example_bad.strip() != rule.example_good.strip()


def test_docs_rules_md_is_up_to_date():
    current = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert current == rules_markdown(RULES, "zh"), (
        "docs/rules.md is out of date: run `gialint rules --format markdown > docs/rules.md`")
