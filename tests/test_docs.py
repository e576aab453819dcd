"""Documentation: every built-in rule and check kind is documented,
docs/rules.md and docs/kinds.md are current, and what the rules cite exists."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from gialint.checks import REGISTRY
from gialint.docs import FORMAT_CITATION, _kind_description, rules_markdown
from gialint.ruleset import load_rules

ROOT = Path(__file__).resolve().parent.parent
RULES = sorted((loaded_rule.rule for loaded_rule in load_rules()), key=lambda r: r.id)


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
        "docs/rules.md is out of date: run `python -m gialint.docs rules -o docs/rules.md`")


# -- check kinds --------------------------------------------------------------

def test_docs_kinds_md_is_up_to_date():
    from gialint.docs import kinds_markdown

    current = (ROOT / "docs" / "kinds.md").read_text(encoding="utf-8")
    assert current == kinds_markdown(rules=RULES), (
        "docs/kinds.md is out of date: run `python -m gialint.docs kinds -o docs/kinds.md`")


def _all_params(params, prefix=""):
    for name, spec in params.items():
        yield prefix + name, spec
        if spec.fields:
            yield from _all_params(spec.fields, prefix + name + ".")


@pytest.mark.parametrize("kind", sorted(REGISTRY))
def test_kind_is_documented(kind):
    """A newcomer reads docs/kinds.md: every kind says what it finds, every
    parameter what it does."""
    cls = REGISTRY[kind]
    assert _kind_description(cls).strip(), f"{kind}: no docstring"
    undocumented = [name for name, spec in _all_params(cls.params) if not spec.doc.strip()]
    assert not undocumented, f"{kind}: parameters without doc=: {undocumented}"


def test_generators_run_as_a_module(tmp_path):
    from gialint.docs import kinds_markdown, main

    assert main(["kinds", "-o", str(tmp_path / "kinds.md")]) == 0
    assert (tmp_path / "kinds.md").read_text(encoding="utf-8") == kinds_markdown(rules=RULES)
    assert main(["rules", "-o", str(tmp_path / "rules.md")]) == 0
    assert (tmp_path / "rules.md").read_text(encoding="utf-8") == rules_markdown(RULES, "zh")


# -- what the rules cite --------------------------------------------------------

def _format_anchors() -> set[str]:
    text = (ROOT / "docs" / "format.md").read_text(encoding="utf-8")
    return set(re.findall(r'<a id="([^"]+)"></a>', text))


def _cited_anchors(text: str) -> list[str]:
    return FORMAT_CITATION.findall(text)


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_cited_format_anchors_exist(rule):
    anchors = _format_anchors()
    cited = _cited_anchors(rule.source) + [
        a for text in rule.description.values() for a in _cited_anchors(text)]
    missing = [a for a in cited if a not in anchors]
    assert not missing, f"{rule.id} cites docs/format.md#{missing[0]}, which does not exist"


def test_rules_cite_nothing_outside_the_repository():
    """A rule's basis is an official document or docs/format.md, not a file
    only the authors have."""
    for r in RULES:
        for text in (r.source, *r.description.values()):
            assert "FORMAT.md" not in text and "../" not in text, (r.id, text)
            assert not re.search(r"\bFORMAT\b|shared/", text), (r.id, text)


def test_format_md_links_resolve():
    """The links inside docs/format.md and docs/kinds.md point at anchors that exist."""
    anchors = _format_anchors()
    text = (ROOT / "docs" / "format.md").read_text(encoding="utf-8")
    for target in re.findall(r"\]\(#([^)]+)\)", text):
        assert target in anchors, f"docs/format.md links to a missing #{target}"
    kinds = (ROOT / "docs" / "kinds.md").read_text(encoding="utf-8")
    rule_ids = {r.id.lower() for r in RULES}
    for target in re.findall(r"\]\(rules\.md#([^)]+)\)", kinds):
        assert target in rule_ids, f"docs/kinds.md links to a missing rules.md#{target}"
    kind_anchors = set(re.findall(r'<a id="([^"]+)"></a>', kinds))
    for target in re.findall(r"\]\(#([^)]+)\)", kinds):
        assert target in kind_anchors, f"docs/kinds.md links to a missing #{target}"


def test_rule_parameters_read_as_a_labelled_chinese_list():
    """gialint rule shows 参数名 — 说明 — 取值, with the tables' own names, not JSON."""
    from gialint.docs import rule_text

    t3 = next(r for r in RULES if r.id == "GIA301")
    text = rule_text(t3, "zh")
    params = text.split("参数（")[-1]
    assert '{"' not in params and '": ' not in params  # not JSON
    assert "equation — 要检查的等式" in text
    assert "表三“一、本年新收政府信息公开申请数量”" in text and "表三“（七）总计”" in text
    assert "for_each — " in text and "表三的每一列" in text
    english = rule_text(t3, "en")
    assert "equation — CELL op TERM" in english and "every column of 表三" in english
    for r in RULES:  # every rule's parameters, in either language, as lines of their own
        for lang in ("zh", "en"):
            body = rule_text(r, lang)
            assert '": ' not in body, (r.id, lang)
