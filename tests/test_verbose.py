"""Notes about gialint's own reading (``verbose = true`` on a rule or a variant):
left out of the findings unless ``--verbose`` (``Linter(verbose=True)``), the same
in every output format, counted in the text summary."""

from __future__ import annotations

import json

import pytest
from gialint_testing import run_main

from gialint.api import Linter
from gialint.ruleset import load_rule_file
from gialint.tomlpos import ConfigError

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


def test_a_verbose_rule_in_every_format(tmp_path, capsys):
    _rule_file(tmp_path, "verbose = true")
    (tmp_path / "gialint.toml").write_text('rule-files = ["local.toml"]\nselect = ["GIA901"]\n',
                                           encoding="utf-8")
    report = tmp_path / "r.txt"
    report.write_text("某某局2024年政府信息公开工作年度报告\n数据待核实。\n", encoding="utf-8")
    text = run_main(capsys, "--no-color", report)
    assert "GIA901" not in text.out
    assert "未发现问题；另有 1 条关于读取的说明未显示（加 --verbose 显示）" in text.out
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
