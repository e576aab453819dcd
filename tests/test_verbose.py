"""Notes about gialint's own reading (``verbose = true`` on a rule or a variant):
left out of the findings unless ``--verbose`` (``Linter(verbose=True)``), the same
in every output format, counted in the text summary."""

from __future__ import annotations

import json

import pytest
from gialint_testing import RULE_FIXTURES, run_main

from gialint.api import FileReport, Linter
from gialint.ruleset import load_rule_file
from gialint.tomlpos import ConfigError

# 表三（一）予以公开220000022: two readings fit the row's total (GIA204, ambiguous: a note)
AMBIGUOUS = RULE_FIXTURES / "GIA204" / "pass_glued_ambiguous_oneline.txt"

LOCAL_RULE = """
[[rule]]
id = "GIA901"
name = "local-marker"
category = "placeholder"
severity = "warning"
editions = ["legacy", "2019", "2021"]
kind = "pattern"
summary = {{ zh = "标记", en = "a marker" }}
message = {{ zh = "标记“{{match}}”", en = "marker “{{match}}”" }}
{extra}

[rule.params]
patterns = ["待核实"]
"""


def _rule_file(tmp_path, extra: str):
    path = tmp_path / "local.toml"
    path.write_text(LOCAL_RULE.format(extra=extra), encoding="utf-8")
    return path


def test_a_variant_marked_verbose_is_left_out_by_default():
    quiet = Linter(isolated=True, select=["GIA2", "GIA3"]).lint_paths([AMBIGUOUS])[0]
    loud = Linter(isolated=True, verbose=True, select=["GIA2", "GIA3"]).lint_paths([AMBIGUOUS])[0]
    assert quiet.findings == () and quiet.hidden == 1
    assert [(f.rule, f.verbose) for f in loud.findings] == [("GIA204", True)]
    assert loud.hidden == 0
    assert "220000022" in loud.findings[0].message
    # a verbose note survives the JSON round trip of the API
    assert FileReport.from_dict(json.loads(json.dumps(loud.to_dict()))) == loud
    assert loud.to_dict()["findings"][0]["verbose"] is True
    assert "verbose" not in Linter(isolated=True).lint_text("x\n").to_dict()["findings"]


def test_command_line_text_json_and_sarif(capsys):
    text = run_main(capsys, "--isolated", "--select", "GIA2,GIA3", "--no-color", AMBIGUOUS)
    assert text.code == 0
    assert "GIA204" not in text.out
    assert "未发现问题；共找到 1 个文件，检查 1 个，未检查 0 个；另有 1 条关于读取的说明未显示（加 --verbose 显示）" in text.out
    en = run_main(capsys, "--isolated", "--select", "GIA2,GIA3", "--no-color", "--lang", "en", AMBIGUOUS)
    assert "All checks passed; 1 file found, 1 checked, 0 not checked; 1 reader note not shown (--verbose shows them)" in en.out
    shown = run_main(capsys, "--isolated", "--select", "GIA2,GIA3", "--no-color", "-v", AMBIGUOUS)
    assert "GIA204 [提示·读取说明]" in shown.out
    assert "另有" not in shown.out
    assert shown.code == 0  # an info note is no error
    doc = json.loads(run_main(capsys, "--isolated", "--select", "GIA2,GIA3", "--format", "json", AMBIGUOUS).out)
    assert doc["files"][0]["findings"] == []
    doc = json.loads(run_main(capsys, "--isolated", "--select", "GIA2,GIA3", "--format", "json", "--verbose", AMBIGUOUS).out)
    (f,) = doc["files"][0]["findings"]
    assert (f["rule"], f["severity"], f["verbose"]) == ("GIA204", "info", True)
    sarif = json.loads(run_main(capsys, "--isolated", "--select", "GIA2,GIA3", "--format", "sarif", AMBIGUOUS).out)
    assert sarif["runs"][0]["results"] == []
    sarif = json.loads(run_main(capsys, "--isolated", "--select", "GIA2,GIA3", "--format", "sarif", "--verbose", AMBIGUOUS).out)
    (res,) = sarif["runs"][0]["results"]
    assert res["ruleId"] == "GIA204" and res["properties"] == {"verbose": True}
    rules = {r["id"]: r for r in sarif["runs"][0]["tool"]["driver"]["rules"]}
    assert rules["GIA204"]["properties"]["verbose"] == ["ambiguous", "group"]
    assert "verbose" not in rules["GIA301"]["properties"]


def test_fail_on_info_counts_only_what_is_shown(capsys):
    assert run_main(capsys, "--isolated", "--select", "GIA2,GIA3", "--fail-on", "info", AMBIGUOUS).code == 0
    assert run_main(capsys, "--isolated", "--select", "GIA2,GIA3", "--fail-on", "info", "--verbose", AMBIGUOUS).code == 1


def test_a_rule_marked_verbose(tmp_path):
    rule = load_rule_file(_rule_file(tmp_path, "verbose = true"), user=True)[0].rule
    assert rule.verbose and rule.for_reader("default")
    config = tmp_path / "gialint.toml"
    config.write_text('rule-files = ["local.toml"]\nselect = ["GIA901"]\n', encoding="utf-8")
    report = tmp_path / "r.txt"
    report.write_text("某某局2024年政府信息公开工作年度报告\n数据待核实。\n", encoding="utf-8")
    assert Linter(config=config).lint_paths([report])[0].findings == ()
    (f,) = Linter(config=config, verbose=True).lint_paths([report])[0].findings
    assert (f.rule, f.verbose) == ("GIA901", True)


def test_an_unmarked_rule_is_always_shown(tmp_path):
    rule = load_rule_file(_rule_file(tmp_path, ""), user=True)[0].rule
    assert not rule.verbose and not rule.for_reader("default")


@pytest.mark.parametrize(("extra", "error"), [
    ('verbose = "yes"', "verbose: must be true or false"),
    ('variants.default.zh = "x"\nvariants.default.en = "x"\nvariants.default.verbose = 1',
     "'verbose' must be true or false"),
])
def test_a_verbose_flag_must_be_a_boolean(tmp_path, extra, error):
    with pytest.raises(ConfigError, match=error):
        load_rule_file(_rule_file(tmp_path, extra), user=True)


def test_the_built_in_notes_are_the_readers_own():
    """Which built-in messages are notes about gialint's reading: the tables' rows it
    could not split with certainty (表三/表四, and the legacy table's this year + 历年累计),
    subtotals on group labels, pieces of wrapped labels."""
    from gialint.ruleset import load_rules

    marked = {r.rule.id: (r.rule.verbose, sorted(r.rule.verbose_variants)) for r in load_rules()
              if r.rule.verbose or r.rule.verbose_variants}
    assert marked == {"GIA203": (False, ["piece"]), "GIA204": (False, ["ambiguous", "group"]),
                      "GIA211": (False, ["ambiguous"])}


def test_a_verbose_rule_in_every_format(tmp_path, capsys):
    _rule_file(tmp_path, "verbose = true")
    (tmp_path / "gialint.toml").write_text('rule-files = ["local.toml"]\nselect = ["GIA901"]\n',
                                           encoding="utf-8")
    report = tmp_path / "r.txt"
    report.write_text("某某局2024年政府信息公开工作年度报告\n数据待核实。\n", encoding="utf-8")
    text = run_main(capsys, "--no-color", report)
    assert "GIA901" not in text.out
    assert "未发现问题；共找到 1 个文件，检查 1 个，未检查 0 个；另有 1 条关于读取的说明未显示（加 --verbose 显示）" in text.out
    shown = run_main(capsys, "--no-color", "--verbose", report)
    assert "GIA901 [警告·读取说明]" in shown.out
    assert shown.code == 0
    assert run_main(capsys, "--fail-on", "warning", report).code == 0
    assert run_main(capsys, "--fail-on", "warning", "-v", report).code == 1
    doc = json.loads(run_main(capsys, "--format", "json", report).out)
    assert doc["files"][0]["findings"] == []
    doc = json.loads(run_main(capsys, "--format", "json", "-v", report).out)
    (f,) = doc["files"][0]["findings"]
    assert (f["rule"], f["verbose"]) == ("GIA901", True)
    sarif = json.loads(run_main(capsys, "--format", "sarif", report).out)
    assert sarif["runs"][0]["results"] == []
    sarif = json.loads(run_main(capsys, "--format", "sarif", "-v", report).out)
    (res,) = sarif["runs"][0]["results"]
    assert res["properties"] == {"verbose": True}
    (rule,) = sarif["runs"][0]["tool"]["driver"]["rules"]
    assert rule["properties"]["verbose"] == ["*"]
