"""Issue 15, Chinese all the way: every line the command line prints follows
the language (zh by default, English with --lang en)."""

from __future__ import annotations

import re

from gialint_testing import RULE_FIXTURES, call

CLEAN = (RULE_FIXTURES / "GIA101" / "pass_clean_2021.txt").read_text(encoding="utf-8")
ERROR = CLEAN.replace("六、其他需要报告的事项\n本年未收取信息处理费。", "六、2024年工作计划\n2024年将加强培训。")


def _files(tmp_path):
    (tmp_path / "error.txt").write_text(ERROR, encoding="utf-8")
    return tmp_path


def test_junit_severities_follow_the_language(tmp_path):
    _files(tmp_path)
    zh = call("--isolated", "--format", "junit", "error.txt", cwd=tmp_path)
    assert "GIA101 [错误]" in zh.out and "[error]" not in zh.out
    en = call("--isolated", "--format", "junit", "--lang", "en", "error.txt", cwd=tmp_path)
    assert "GIA101 [error]" in en.out


def test_baseline_note_follows_the_language(tmp_path):
    _files(tmp_path)
    zh = call("--isolated", "--write-baseline", "b.json", "error.txt", cwd=tmp_path)
    assert zh.code == 0 and "已将 1 个问题记入基线文件 b.json" in zh.err
    en = call("--isolated", "--lang", "en", "--write-baseline", "b.json", "error.txt", cwd=tmp_path)
    assert "1 findings written to b.json" in en.err


def test_usage_errors_in_chinese(tmp_path):
    _files(tmp_path)
    cases = [(["--format", "xml", "error.txt"], "参数 --format：无效的取值"),
             (["-j", "0", "error.txt"], "必须是正整数"),
             ([], "没有要检查的文件"),
             (["--fix", "-"], "--fix 和 --diff 只能用于文件"),
             (["--statistics", "--format", "sarif", "error.txt"], "--statistics 只能与"),
             (["--encoding", "nope", "error.txt"], "未知的编码")]
    for args, words in cases:
        result = call("--isolated", *args, cwd=tmp_path)
        assert result.code == 2, args
        assert "错误：" in result.err and words in result.err, (args, result.err)
        assert "Traceback" not in result.err
        english = call("--isolated", "--lang", "en", *args, cwd=tmp_path)
        assert not re.search(r"[\u4e00-\u9fff]", english.err), (args, english.err)


def test_rule_command_errors_in_chinese():
    assert "错误：未知的规则 'GIA999'" in call("rule", "GIA999").err
    assert "unknown rule 'GIA999'" in call("rule", "GIA999", "--lang", "en").err


def test_config_error_in_chinese_keeps_file_and_line(tmp_path):
    _files(tmp_path)
    (tmp_path / "gialint.toml").write_text('# 本部门配置\nselect = ["GIA999"]\n', encoding="utf-8")
    result = call("error.txt", cwd=tmp_path)
    assert result.code == 2
    assert f"{tmp_path / 'gialint.toml'}:2: “select”中的 'GIA999' 不是已知的规则编号" in result.err


# Chinese words an English help may keep: the names of the report and its tables
_TERMS = re.compile(r"政府信息公开工作年度报告|表二|表三|表四")
_HAN = re.compile(r"[\u4e00-\u9fff]")


def _option_helps(text: str) -> list[str]:
    """The help lines of the options and arguments (after the usage and description)."""
    lines = text.split("\n")
    start = next(i for i, ln in enumerate(lines) if re.match(r"^(options|选项|positional arguments|参数)", ln))
    return [ln for ln in lines[start:] if ln.strip()]


def test_every_command_s_help_follows_the_language():
    for command in ([], ["parse"], ["rules"], ["rule"], ["tables"]):
        zh = call(*command, "--help")
        en = call(*command, "--lang", "en", "--help")
        assert zh.code == en.code == 0, (command, zh.err, en.err)
        assert "用法：" in zh.out and "usage:" in en.out
        helps = _option_helps(en.out)
        chinese = [ln for ln in helps if _HAN.search(_TERMS.sub("", ln))]
        assert not chinese, (command, chinese)
        assert all(_HAN.search(ln) for ln in _option_helps(zh.out) if ln.startswith("  --")
                   and "  " in ln.strip()), command  # every zh option line with a help has Chinese
