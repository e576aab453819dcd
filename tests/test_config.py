"""Configuration: discovery, selection, severities, per-file ignores, user
rule files, and every kind of configuration error (exit 2, one line naming
file:line and the key, never a traceback).

Every run has a temporary directory as its working directory (gialint's
main() in this process), so the repository's own configuration (if any)
cannot interfere.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from gialint_testing import RULE_FIXTURES, call

CLEAN = (RULE_FIXTURES / "GIA101" / "pass_clean_2021.txt").read_text(encoding="utf-8")


def _variant(text: str, *replacements: tuple[str, str]) -> str:
    for old, new in replacements:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text


# The clean base report (complete tables, clean under ALL rules) with four
# faults: no title (GIA110, warning), （待补充） (GIA501, error, line 4), a long
# 五 heading (GIA103, info) and a work plan in place of 六 (GIA101, error,
# line 58).
MULTI = _variant(
    CLEAN,
    ("某某街道办事处2023年政府信息公开工作年度报告\n", ""),
    ("2023年，本街道", "2024年，本街道"),
    ("本年主动公开政府信息120条。", "本年主动公开政府信息（待补充）条。"),
    ("五、存在的主要问题及改进情况", "五、政府信息公开工作存在的主要问题及改进情况"),
    ("六、其他需要报告的事项\n本年未收取信息处理费。",
     "六、2025年工作计划\n2025年将进一步加强政务公开标准化建设。"),
)
# The same report without tables and without a year: nothing tells the
# edition but the configuration.
NO_TABLES_NO_YEAR = """\
一、总体情况
本街道认真落实《中华人民共和国政府信息公开条例》，扎实推进政府信息公开工作，做好主动公开和依申请公开，加强政府信息管理和政务公开平台建设，强化监督保障。
二、主动公开政府信息情况
本年主动公开政府信息（待补充）条。
三、收到和处理政府信息公开申请情况
本年收到政府信息公开申请3件，均已按期答复。
四、政府信息公开行政复议、行政诉讼情况
本年未发生政府信息公开行政复议、行政诉讼案件。
五、政府信息公开工作存在的主要问题及改进情况
存在的问题是公开内容还不够全面，下一步将加强业务培训。
六、明年工作计划
明年将进一步加强政务公开标准化建设。
"""
ALL_RULES = {"GIA101", "GIA103", "GIA110", "GIA501"}

USER_RULE = """\
[[rule]]
id = "GIA901"
name = "work-plan"
category = "consistency"
severity = "warning"
editions = ["2019", "2021"]
kind = "pattern"
summary.zh = "报告中出现工作计划"
summary.en = "A work plan in the report"
message.zh = "发现“{match}”"
message.en = "Found “{match}”"

[rule.params]
patterns = ["工作计划"]
"""


@pytest.fixture
def project(tmp_path) -> Path:
    # An empty config right above the project stops the upward search, so a
    # stray gialint.toml in /tmp or / cannot leak into these tests.
    (tmp_path / "gialint.toml").write_text("# defaults\n", encoding="utf-8")
    root = tmp_path / "project"
    (root / "reports").mkdir(parents=True)
    (root / "reports" / "r.txt").write_text(MULTI, encoding="utf-8")
    return root


def lint(cwd, *args):
    result = call("--format", "json", *args, cwd=cwd)
    assert "Traceback" not in result.err
    return result


def rules_of(result) -> set[str]:
    assert result.code in (0, 1), result.err
    return {f["rule"] for f in result.findings()}


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_no_config_everything_fires(project):
    assert rules_of(lint(project, "reports/r.txt")) == ALL_RULES


# -- discovery ----------------------------------------------------------------


@pytest.mark.parametrize("name", ["gialint.toml", ".gialint.toml"])
def test_config_in_parent_directory_applies(project, name):
    write(project / name, 'ignore = ["GIA101"]\n')
    assert rules_of(lint(project, "reports/r.txt")) == ALL_RULES - {"GIA101"}
    # found from the file, not from the working directory
    assert rules_of(lint(project / "reports", "r.txt")) == ALL_RULES - {"GIA101"}
    assert rules_of(lint(Path("/"), project / "reports" / "r.txt")) == ALL_RULES - {"GIA101"}


def test_nearest_config_wins(project):
    write(project / "gialint.toml", 'ignore = ["GIA101"]\n')
    write(project / "reports" / "gialint.toml", 'select = ["GIA101"]\n')
    assert rules_of(lint(project, "reports/r.txt")) == {"GIA101"}


def test_pyproject_tool_section(project):
    write(project / "pyproject.toml", '[project]\nname = "x"\n\n[tool.gialint]\nignore = ["GIA501"]\n')
    assert rules_of(lint(project, "reports/r.txt")) == ALL_RULES - {"GIA501"}


def test_pyproject_without_tool_section_is_skipped(project):
    write(project / "gialint.toml", 'ignore = ["GIA110"]\n')
    write(project / "reports" / "pyproject.toml", '[project]\nname = "x"\n')
    assert rules_of(lint(project, "reports/r.txt")) == ALL_RULES - {"GIA110"}


def test_config_option(project, tmp_path_factory):
    elsewhere = tmp_path_factory.mktemp("cfg")
    cfg = write(elsewhere / "custom.toml", 'select = ["GIA501"]\n')
    write(project / "gialint.toml", 'select = ["GIA101"]\n')
    assert rules_of(lint(project, "--config", cfg, "reports/r.txt")) == {"GIA501"}


def test_config_option_missing_file(project):
    result = lint(project, "--config", "nope.toml", "reports/r.txt")
    assert result.code == 2
    assert "nope.toml" in result.err and "找不到配置文件" in result.err
    result = lint(project, "--config", "nope.toml", "--lang", "en", "reports/r.txt")
    assert "nope.toml" in result.err and "not found" in result.err


def test_isolated_ignores_config(project):
    write(project / "gialint.toml", 'select = ["GIA101"]\n')
    assert rules_of(lint(project, "--isolated", "reports/r.txt")) == ALL_RULES
    # even a broken one
    write(project / "gialint.toml", "bogus = 1\n")
    assert rules_of(lint(project, "--isolated", "reports/r.txt")) == ALL_RULES
    assert lint(project, "reports/r.txt").code == 2


def test_stdin_filename_finds_config(project):
    write(project / "reports" / "gialint.toml", 'select = ["GIA501"]\n')
    result = call("--format", "json", "--stdin-filename", "reports/x.txt", "-",
                 cwd=project, stdin=MULTI.encode("utf-8"))
    assert result.code == 1, result.err
    assert {f["rule"] for f in result.findings()} == {"GIA501"}
    assert result.json()["files"][0]["path"] == "reports/x.txt"


# -- select / ignore -------------------------------------------------------------


@pytest.mark.parametrize("select,expected", [
    ("GIA101", {"GIA101"}),
    ("GIA1", {"GIA101", "GIA103", "GIA110"}),  # id prefix
    ("GIA10", {"GIA101", "GIA103"}),
    ("missing-title", {"GIA110"}),  # rule name
    ("placeholder", {"GIA501"}),  # category
    ("structure", {"GIA101", "GIA103", "GIA110"}),
    ("ALL", ALL_RULES),
])
def test_select(project, select, expected):
    write(project / "gialint.toml", f'select = ["{select}"]\n')
    assert rules_of(lint(project, "reports/r.txt")) == expected
    assert rules_of(lint(project, "--isolated", "--select", select, "reports/r.txt")) == expected


@pytest.mark.parametrize("ignore,expected", [
    ("GIA101", ALL_RULES - {"GIA101"}),
    ("GIA1", {"GIA501"}),
    ("renamed-section", ALL_RULES - {"GIA103"}),
    ("structure", {"GIA501"}),
])
def test_ignore(project, ignore, expected):
    write(project / "gialint.toml", f'ignore = ["{ignore}"]\n')
    assert rules_of(lint(project, "reports/r.txt")) == expected
    assert rules_of(lint(project, "--isolated", "--ignore", ignore, "reports/r.txt")) == expected


def test_select_and_ignore_combine(project):
    write(project / "gialint.toml", 'select = ["GIA1"]\nignore = ["GIA110"]\n')
    assert rules_of(lint(project, "reports/r.txt")) == {"GIA101", "GIA103"}
    # --select replaces the config's select; the config's ignore still applies
    assert rules_of(lint(project, "--select", "GIA110,GIA501", "reports/r.txt")) == {"GIA501"}
    # --ignore adds to it
    assert rules_of(lint(project, "--ignore", "GIA103", "reports/r.txt")) == {"GIA101"}


def test_comma_separated_cli_selectors(project):
    result = lint(project, "--isolated", "--select", "GIA101, placeholder ,", "reports/r.txt")
    assert rules_of(result) == {"GIA101", "GIA501"}


# -- severity, fail-on, lang, edition ----------------------------------------------


def test_severity_override_by_id(project):
    write(project / "gialint.toml", '[severity]\nGIA101 = "warning"\nGIA501 = "info"\n')
    result = lint(project, "reports/r.txt")
    sev = {f["rule"]: f["severity"] for f in result.findings()}
    assert sev == {"GIA101": "warning", "GIA501": "info", "GIA103": "info", "GIA110": "warning"}
    assert result.code == 0  # no error left


def test_severity_override_by_name(project):
    write(project / "gialint.toml", '[severity]\nmissing-section = "info"\n')
    sev = {f["rule"]: f["severity"] for f in lint(project, "reports/r.txt").findings()}
    assert sev["GIA101"] == "info"


def test_severity_most_specific_wins(project):
    write(project / "gialint.toml",
          '[severity]\nstructure = "error"\nGIA1 = "info"\nGIA101 = "warning"\n')
    sev = {f["rule"]: f["severity"] for f in lint(project, "reports/r.txt").findings()}
    assert sev == {"GIA101": "warning", "GIA103": "info", "GIA110": "info", "GIA501": "error"}


def test_severity_in_sarif_level(project):
    write(project / "gialint.toml", '[severity]\nGIA101 = "info"\n')
    result = call("--format", "sarif", "reports/r.txt", cwd=project)
    results = result.json()["runs"][0]["results"]
    levels = {r["ruleId"]: r["level"] for r in results}
    assert levels["GIA101"] == "note"


def test_fail_on_in_config(project):
    write(project / "gialint.toml", 'select = ["GIA110"]\nfail-on = "warning"\n')
    assert lint(project, "reports/r.txt").code == 1
    write(project / "gialint.toml", 'select = ["GIA110"]\n')
    assert lint(project, "reports/r.txt").code == 0
    # the command line wins over the config
    write(project / "gialint.toml", 'select = ["GIA110"]\nfail-on = "warning"\n')
    assert lint(project, "--fail-on", "error", "reports/r.txt").code == 0


def test_lang_in_config(project):
    write(project / "gialint.toml", 'select = ["GIA101"]\nlang = "en"\n')
    result = call("reports/r.txt", cwd=project)
    assert "Section 六" in result.out and "is missing" in result.out
    result = call("--lang", "zh", "reports/r.txt", cwd=project)
    assert "缺少第六部分" in result.out


def test_edition_in_config_is_the_fallback(project):
    write(project / "reports" / "noyear.txt", NO_TABLES_NO_YEAR)
    write(project / "gialint.toml", 'edition = "2019"\n')
    entry = lint(project, "reports/noyear.txt").json()["files"][0]
    assert (entry["edition"], entry["report_year"]) == ("2019", None)
    # a report year decides over the config
    write(project / "reports" / "year.txt", NO_TABLES_NO_YEAR.replace("本街道认真", "2024年，本街道认真"))
    entry = lint(project, "reports/year.txt").json()["files"][0]
    assert (entry["edition"], entry["report_year"]) == ("2021", 2024)
    # and so does the layout of the tables, without any year
    write(project / "reports" / "tables.txt", MULTI.replace("2024年，", "").replace("2025年", "明年")
          .replace("\n2024年1月20日", ""))  # nor the closing date
    entry = lint(project, "reports/tables.txt").json()["files"][0]
    assert (entry["edition"], entry["report_year"]) == ("2021", None)


# -- per-file-ignores and exclude ----------------------------------------------------


def test_per_file_ignores(project):
    write(project / "reports" / "drafts" / "d.txt", MULTI)
    write(project / "gialint.toml", '[per-file-ignores]\n"reports/drafts/*.txt" = ["GIA501", "GIA1"]\n')
    assert rules_of(lint(project, "reports/drafts/d.txt")) == set()
    assert rules_of(lint(project, "reports/r.txt")) == ALL_RULES
    # globs are relative to the config file, not to the working directory
    assert rules_of(lint(project / "reports", "drafts/d.txt")) == set()


def test_per_file_ignores_by_file_name(project):
    write(project / "reports" / "x-draft.txt", MULTI)
    write(project / "gialint.toml", '[per-file-ignores]\n"*-draft.txt" = ["placeholder"]\n')
    assert rules_of(lint(project, "reports/x-draft.txt")) == ALL_RULES - {"GIA501"}
    assert rules_of(lint(project, "reports/r.txt")) == ALL_RULES


def test_exclude_when_walking(project):
    write(project / "reports" / "old" / "o.txt", MULTI)
    write(project / "gialint.toml", 'exclude = ["reports/old/*"]\n')
    files = [f["path"] for f in lint(project, "reports").json()["files"]]
    assert files == ["reports/r.txt"]


# -- user rule files ------------------------------------------------------------------


def test_user_rule_of_existing_kind(project):
    write(project / "rules" / "local.toml", USER_RULE)
    write(project / "gialint.toml", 'rule-files = ["rules/local.toml"]\n')
    result = lint(project, "reports/r.txt")
    assert rules_of(result) == ALL_RULES | {"GIA901"}
    (f,) = [f for f in result.findings() if f["rule"] == "GIA901"]
    assert (f["line"], f["column"], f["end_column"]) == (58, 8, 12)
    assert f["message"] == "发现“工作计划”"
    assert (f["name"], f["category"], f["severity"]) == ("work-plan", "consistency", "warning")
    # selectable by id, name and category like a built-in rule
    assert rules_of(lint(project, "--select", "work-plan", "reports/r.txt")) == {"GIA901"}
    assert rules_of(lint(project, "--select", "consistency", "reports/r.txt")) == {"GIA901"}
    result = lint(project, "--select", "GIA901", "--lang", "en", "reports/r.txt")
    assert result.findings()[0]["message"] == "Found “工作计划”"


def test_user_rule_respects_editions(project):
    write(project / "rules" / "local.toml", USER_RULE)
    write(project / "gialint.toml", 'rule-files = ["rules/local.toml"]\nselect = ["GIA901"]\n')
    assert rules_of(lint(project, "--edition", "legacy", "reports/r.txt")) == set()


def test_user_rule_in_sarif_driver_rules(project):
    write(project / "rules" / "local.toml", USER_RULE)
    write(project / "gialint.toml", 'rule-files = ["rules/local.toml"]\nselect = ["GIA901"]\n')
    doc = call("--format", "sarif", "reports/r.txt", cwd=project).json()
    assert [r["id"] for r in doc["runs"][0]["tool"]["driver"]["rules"]] == ["GIA901"]


def test_rules_command_lists_config_rule_files(project):
    write(project / "rules" / "local.toml", USER_RULE)
    write(project / "gialint.toml", 'rule-files = ["rules/local.toml"]\n')
    listed = call("rules", "--format", "json", cwd=project).json()
    ids = [r["id"] for r in listed]
    assert "GIA901" in ids and ids == sorted(ids)
    assert "GIA901" not in [r["id"] for r in call("rules", "--isolated", "--format", "json",
                                                 cwd=project).json()]
    shown = call("rule", "work-plan", cwd=project)
    assert shown.code == 0 and shown.out.startswith("GIA901 work-plan")
    assert call("rule", "--isolated", "GIA901", cwd=project).code == 2


def test_rules_command_reports_config_errors(project):
    write(project / "gialint.toml", "bogus = 1\n")
    result = call("rules", cwd=project)
    assert result.code == 2
    assert "gialint.toml:1" in result.err and "Traceback" not in result.err


# -- errors ------------------------------------------------------------------------------


def assert_config_error(result, file: Path, line: int | None, *words: str):
    assert result.code == 2, (result.code, result.out, result.err)
    assert "Traceback" not in result.err
    err = result.err.strip()
    assert err.count("\n") == 0, f"not one line: {err!r}"
    where = f"{file}:{line}:" if line else f"{file}:"
    assert where in err, (where, err)
    for word in words:
        assert word in err, (word, err)
    assert result.out == ""


CONFIG_ERRORS = [
    # (config text, line, words the message must contain)
    ('# comment\n\nbogus = 1\n', 3, ["bogus", "unknown key"]),
    ('select = "GIA101"\n', 1, ["select", "list"]),
    ('select = [1, 2]\n', 1, ["select"]),
    ('fail-on = 3\n', 1, ["fail-on"]),
    ('severity = "error"\n', 1, ["severity", "table"]),
    ('lang = "en"\nselect = ["GIA999"]\n', 2, ["GIA999", "select"]),
    ('ignore = ["GIA9"]\n', 1, ["GIA9", "ignore"]),
    ('[severity]\nGIA101 = "warning"\nGIA110 = "fatal"\n', 3, ["GIA110", "fatal"]),
    ('[severity]\nGIA999 = "info"\n', 1, ["GIA999", "severity"]),
    ('[per-file-ignores]\n"*.txt" = "GIA101"\n', 2, ["per-file-ignores", "*.txt"]),
    ('[per-file-ignores]\n"*.txt" = ["nope"]\n', 2, ["nope", "per-file-ignores"]),
    ('edition = "2030"\n', 1, ["edition", "2030"]),
    ('organ-type = "city"\n', 1, ["organ-type", "city"]),
    ('deadline = "3月31日"\n', 1, ["deadline"]),
    ('lang = "fr"\n', 1, ["lang", "fr"]),
    ('rule-files = ["missing.toml"]\n', 1, ["rule file not found", "missing.toml"]),
    ('select = ["GIA101"\nignore = []\n', 2, ["invalid TOML"]),
    ('select = ["GIA101"]\nselect = ["GIA102"]\n', 2, ["invalid TOML"]),
]


@pytest.mark.parametrize("text,line,words", CONFIG_ERRORS, ids=[c[0].split("\n")[0][:30] + f"-{i}"
                                                                  for i, c in enumerate(CONFIG_ERRORS)])
def test_config_errors(project, text, line, words):
    cfg = write(project / "gialint.toml", text)
    assert_config_error(lint(project, "--lang", "en", "reports/r.txt"), cfg, line, *words)
    # in Chinese by default, at the same file:line
    zh = lint(project, "reports/r.txt")
    assert_config_error(zh, cfg, line, "gialint: 错误：")
    assert re.search(r"[\u4e00-\u9fff]", zh.err.split(f"{cfg}:{line}:")[1]), zh.err


def test_config_error_in_pyproject_names_its_line(project):
    cfg = write(project / "pyproject.toml",
                '[project]\nname = "x"\n\n[tool.gialint]\nselect = ["GIA101"]\nbogus = true\n')
    assert_config_error(lint(project, "reports/r.txt"), cfg, 6, "bogus")


def test_config_error_with_config_option(project):
    write(project / "custom.toml", 'select = ["nope"]\n')
    assert_config_error(lint(project, "--config", "custom.toml", "reports/r.txt"),
                        Path("custom.toml"), 1, "nope", "select")


def test_invalid_toml_at_end_of_document_names_a_line(project):
    cfg = write(project / "gialint.toml", 'select = [\n')
    assert_config_error(lint(project, "--lang", "en", "reports/r.txt"), cfg, 1, "invalid TOML")


def test_invalid_toml_at_end_of_document_is_still_an_error(project):
    cfg = write(project / "gialint.toml", 'select = [\n')
    result = lint(project, "reports/r.txt")
    assert result.code == 2
    assert str(cfg) in result.err and "TOML 格式错误" in result.err
    assert result.err.strip().count("\n") == 0


def _rule(text_replacements=(), extra: str = "") -> str:
    text = USER_RULE
    for old, new in text_replacements:
        assert old in text
        text = text.replace(old, new)
    return text + extra


RULE_ERRORS = [
    # (rule file text, line, words)
    (_rule([('patterns = ["工作计划"]', 'patterns = ["工作(计划"]')]), 14,
     ["params.patterns", "bad regular expression"]),
    (_rule([('patterns = ["工作计划"]', 'patterns = "工作计划"')]), 14, ["params.patterns", "list"]),
    (_rule([('kind = "pattern"', 'kind = "patern"')]), 7, ["kind", "patern"]),
    (_rule([('message.zh = "发现“{match}”"', 'message.zh = "发现“{url}”"')]), 10,
     ["message.zh", "{url}"]),
    (_rule([('id = "GIA901"', 'id = "GIA101"')]), 1, ["duplicate rule id", "GIA101"]),
    (_rule([('name = "work-plan"', 'name = "missing-section"')]), 1,
     ["duplicate rule name", "missing-section"]),
    # the second [[rule]] of the file starts on line 15
    (_rule(extra=_rule([('name = "work-plan"', 'name = "work-plan-2"')])), 15,
     ["duplicate rule id", "GIA901"]),
    (_rule([('severity = "warning"', 'severity = "fatal"')]), 5, ["severity", "fatal"]),
    (_rule([('category = "consistency"', 'category = "style"')]), 4, ["category", "style"]),
    (_rule([('editions = ["2019", "2021"]', 'editions = ["2020"]')]), 6, ["editions"]),
    (_rule([('editions = ["2019", "2021"]\n', '')]), 1, ["editions"]),
    (_rule([('id = "GIA901"', 'id = "X1"')]), 2, ["id", "X1"]),
    (_rule([('name = "work-plan"', 'name = "Work Plan"')]), 3, ["name"]),
    (_rule(extra='bogus = 1\n'), 15, ["params.bogus"]),
    (_rule([('summary.zh', 'colour = "red"\nsummary.zh')]), 8, ["colour", "unknown key"]),
    (_rule([('message.en = "Found “{match}”"', 'message.en = "Found “{match"')]), 11,
     ["message.en"]),
    (_rule([('[rule.params]', '[rule.params')]), 13, ["invalid TOML"]),
    pytest.param('[[rules]]\nid = "GIA901"\n', 1, ["rules", "unknown top-level key"]),
]


def _error_id(i, case) -> str:
    words = case.values[2] if hasattr(case, "values") else case[2]
    return f"{i}-{'-'.join(words)[:30]}"


@pytest.mark.parametrize("text,line,words", RULE_ERRORS,
                         ids=[_error_id(i, c) for i, c in enumerate(RULE_ERRORS)])
def test_rule_file_errors(project, text, line, words):
    rule_file = write(project / "rules" / "local.toml", text)
    write(project / "gialint.toml", 'rule-files = ["rules/local.toml"]\n')
    assert_config_error(lint(project, "--lang", "en", "reports/r.txt"), rule_file, line, *words)


BAD_TEMPLATES = ["{match:>5d}", "{match!z}", "{match[9]}"]


@pytest.mark.parametrize("template", BAD_TEMPLATES)
def test_bad_message_template_is_a_config_error(project, template):
    rule_file = write(project / "rules" / "local.toml",
                      _rule([('message.zh = "发现“{match}”"', f'message.zh = "发现“{template}”"')]))
    write(project / "gialint.toml", 'rule-files = ["rules/local.toml"]\n')
    assert_config_error(lint(project, "reports/r.txt"), rule_file, 10, "message.zh")


def test_errors_are_reported_before_any_output(project):
    """A config error stops the run: no partial report on stdout."""
    write(project / "gialint.toml", "bogus = 1\n")
    for fmt in ("text", "json", "sarif"):
        result = call("--format", fmt, "reports/r.txt", cwd=project)
        assert result.code == 2
        assert result.out == ""
        assert re.match(r"gialint: 错误：.*gialint\.toml:1: 未知的配置项", result.err)
