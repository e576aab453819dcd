"""Placeholder rules (GIA5xx) and the generic parts they rest on: the
``exclude_context``/``context`` and ``document`` scope options of the
``pattern`` kind, the ``empty_section`` kind, and rule-file validation of the
new kinds' parameters."""

from __future__ import annotations

from pathlib import Path

import pytest
from gialint_testing import REPO, RULE_FIXTURES, run_main

CLEAN = (RULE_FIXTURES / "GIA101" / "pass_clean_2021.txt").read_text(encoding="utf-8")
INTRO = "2023年，本街道认真落实《中华人民共和国政府信息公开条例》，扎实推进政府信息公开工作，做好主动公开和依申请公开，加强政府信息管理和政务公开平台建设，强化监督保障。"


def _write(tmp_path: Path, text: str, name: str = "r.txt") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _lint(capsys, path: Path, *args: str):
    result = run_main(capsys, "--format", "json", *args, path)
    assert "Traceback" not in result.err
    return result


def _rules(capsys, path: Path, *args: str) -> list[tuple[str, int, int]]:
    result = _lint(capsys, path, *args)
    assert result.code in (0, 1), result.err
    return [(f["rule"], f["line"], f["column"]) for f in result.findings()]


USER_RULES = """\
[[rule]]
id = "GIA901"
name = "name-placeholder-everywhere"
category = "placeholder"
severity = "warning"
editions = ["legacy", "2019", "2021"]
kind = "pattern"
summary.zh = "某某"
summary.en = "某某"
message.zh = "占位“{match}”"
message.en = "Placeholder “{match}”"

[rule.params]
patterns = ["某某"]
exclude_context = ["[王李张]某某"]
context = 1
scope = "document"
"""


def test_exclude_context_and_document_scope(capsys, tmp_path):
    (tmp_path / "house.toml").write_text(USER_RULES, encoding="utf-8")
    (tmp_path / "gialint.toml").write_text('rule-files = ["house.toml"]\nselect = ["GIA901"]\n',
                                           encoding="utf-8")
    path = _write(tmp_path, CLEAN.replace(INTRO, INTRO + "申请人王某某、某某公司。", 1))
    # the title (document scope) and 某某公司; not 王某某, whose 王 overlaps the context
    assert _rules(capsys, path) == [("GIA901", 1, 1), ("GIA901", 3, len(INTRO) + 8)]


def test_exclude_context_only_cancels_overlapping_context(capsys, tmp_path):
    """Context that matches near the match but does not overlap it cancels nothing."""
    rules = USER_RULES.replace('exclude_context = ["[王李张]某某"]', 'exclude_context = ["王"]')
    (tmp_path / "house.toml").write_text(rules, encoding="utf-8")
    (tmp_path / "gialint.toml").write_text('rule-files = ["house.toml"]\nselect = ["GIA901"]\n',
                                           encoding="utf-8")
    path = _write(tmp_path, CLEAN.replace(INTRO, "王某某", 1))
    assert _rules(capsys, path) == [("GIA901", 1, 1), ("GIA901", 3, 2)]


def test_placeholder_name_leaves_the_title_alone_by_default(capsys, tmp_path):
    path = _write(tmp_path, CLEAN)  # titled 某某街道办事处…
    assert _rules(capsys, path, "--isolated", "--select", "GIA503") == []


@pytest.mark.parametrize("params,message", [
    ('patterns = ["《今日》"]', "no {place} slot"),
    ('patterns = ["《今日{place}(》"]', "bad regular expression"),
    ('patterns = ["x"]\nexclude_context = ["("]', None),
])
def test_bad_parameters_are_config_errors(capsys, tmp_path, params, message):
    kind = "foreign_place" if "{place}" in params or "今日" in params else "pattern"
    rule = USER_RULES.split("[rule.params]")[0].replace('kind = "pattern"', f'kind = "{kind}"')
    rule = rule.replace("{match}", "x") + "[rule.params]\n" + params + "\n"
    (tmp_path / "house.toml").write_text(rule, encoding="utf-8")
    (tmp_path / "gialint.toml").write_text('rule-files = ["house.toml"]\n', encoding="utf-8")
    result = _lint(capsys, _write(tmp_path, CLEAN))
    assert result.code == 2
    assert "house.toml" in result.err
    if message:
        assert message in result.err
    else:
        assert "exclude_context" in result.err


def test_empty_section_levels_parameter(capsys, tmp_path):
    rule = (REPO / "rules" / "placeholders.toml").read_text(encoding="utf-8")
    start = rule.index('[[rule]]\nid = "GIA507"')
    own = rule[start:].replace('id = "GIA507"', 'id = "GIA902"').replace(
        'name = "empty-section"', 'name = "empty-subsection"')
    own += "\n[rule.params]\nlevels = [2]\n"
    (tmp_path / "house.toml").write_text(own, encoding="utf-8")
    (tmp_path / "gialint.toml").write_text('rule-files = ["house.toml"]\nselect = ["GIA507", "GIA902"]\n',
                                           encoding="utf-8")
    text = CLEAN.replace("存在的问题是公开内容还不够全面，下一步将加强业务培训。",
                         "（一）存在的主要问题\n（二）改进情况", 1).replace("\n本年未收取信息处理费。", "", 1)
    path = _write(tmp_path, text)
    assert _rules(capsys, path) == [
        ("GIA507", 58, 1), ("GIA902", 58, 1),  # sub-headings: both rules
        ("GIA507", 59, 1), ("GIA902", 59, 1),
        ("GIA507", 60, 1),  # section 六: the default rule only
    ]


def test_examples_stay_clean(capsys):
    """The pre-commit hook lints examples/report-2024.txt; the draft example
    keeps the two findings the README shows."""
    select = ("--isolated", "--select", "placeholder,contamination")
    assert _rules(capsys, REPO / "examples" / "report-2024.txt", *select) == []
    assert _rules(capsys, REPO / "examples" / "report-2024-draft.txt", *select) == [("GIA501", 14, 96)]
