"""The command line: exit codes, inputs, outputs and the sub-commands."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
from gialint_testing import RULE_FIXTURES, SARIF_SCHEMA, SEEDS, call, run, run_main

# The clean base report, complete with 表二/表三/表四, lints clean under ALL
# rules; the other texts change one thing in it, so each has exactly one
# finding whatever rules exist (a report without tables would also get
# GIA201 table-missing).
CLEAN = (RULE_FIXTURES / "GIA101" / "pass_clean_2021.txt").read_text(encoding="utf-8")


def _variant(*replacements: tuple[str, str]) -> str:
    text = CLEAN
    for old, new in replacements:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text


# an error: a work plan in place of 六 (GIA101), line 59
ERROR = _variant(("六、其他需要报告的事项\n本年未收取信息处理费。",
                  "六、2024年工作计划\n2024年将进一步加强政务公开标准化建设。"))
# a warning only: no title (GIA110)
WARNING = _variant(("某某街道办事处2023年政府信息公开工作年度报告\n", ""))
# information only: a long heading for 五 (GIA103)
INFO = _variant(("五、存在的主要问题及改进情况", "五、政府信息公开工作存在的主要问题及改进情况"))

ANSI = re.compile(r"\x1b\[[0-9;]*m")


@pytest.fixture
def files(tmp_path) -> Path:
    for name, text in (("clean.txt", CLEAN), ("error.txt", ERROR), ("warning.txt", WARNING),
                       ("info.txt", INFO)):
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def gia(cwd, *args, stdin: bytes | None = None, process: bool = False):
    """gialint --isolated ARGS (no configuration can interfere), in this process
    (``process``: ``python -m gialint`` in a subprocess, stdin a real pipe)."""
    result = (run if process else call)("--isolated", *args, cwd=cwd, stdin=stdin)
    assert "Traceback" not in result.err, result.err
    return result


def test_the_fixture_texts_are_what_they_claim(files):
    def rules(name):
        return [(f["rule"], f["severity"]) for f in gia(files, "--format", "json", name).findings()]

    assert rules("clean.txt") == []
    assert rules("error.txt") == [("GIA101", "error")]
    assert rules("warning.txt") == [("GIA110", "warning")]
    assert rules("info.txt") == [("GIA103", "info")]


# -- exit codes ---------------------------------------------------------------


def test_exit_0_clean(files):
    result = gia(files, "clean.txt")
    assert result.code == 0
    assert "未发现问题" in result.out
    assert result.err == ""


def test_exit_1_findings(files):
    result = gia(files, "clean.txt", "error.txt")
    assert result.code == 1
    assert re.search(r"^error\.txt:59:1: GIA101 \[错误\] ", result.out, re.M)
    assert "   59 | 六、2024年工作计划" in result.out


def test_check_subcommand_is_the_default(files):
    assert gia(files, "error.txt").out == run("check", "--isolated", "error.txt", cwd=files).out


def test_exit_2_missing_file_others_still_linted(files):
    # clean.txt and error.txt are one report's two versions: GIA751 is left out
    result = gia(files, "--format", "json", "--ignore", "GIA751", "clean.txt", "nope.txt", "error.txt")
    assert result.code == 2
    doc = result.json()
    assert [f["path"] for f in doc["files"]] == ["clean.txt", "nope.txt", "error.txt"]
    assert doc["files"][1]["error"] and doc["files"][1]["findings"] == []
    assert [f["rule"] for f in doc["files"][2]["findings"]] == ["GIA101"]
    assert "nope.txt" in result.err
    assert result.err.count("\n") == 1
    # the text report names the missing file and still shows the findings
    text = gia(files, "clean.txt", "nope.txt", "error.txt")
    assert text.code == 2
    assert "nope.txt" in text.out and "GIA101" in text.out


def test_exit_2_broken_pdf(files):
    """PDFs are read (gialint-cn[pdf]); a damaged one is an input error, not a traceback."""
    (files / "report.pdf").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< >>\nendobj\n")
    result = gia(files, "--format", "json", "--lang", "en", "report.pdf", "error.txt")
    assert result.code == 2
    pdf, other = result.json()["files"]
    assert "cannot read PDF" in pdf["error"] and pdf["findings"] == []
    assert other["findings"]
    assert "report.pdf" in result.err and "cannot read PDF" in result.err
    assert result.err.count("\n") == 1
    # Chinese by default
    zh = gia(files, "report.pdf")
    assert zh.code == 2 and "无法读取 PDF（文件损坏或不是 PDF）" in zh.out


@pytest.mark.parametrize("data,word", [
    (bytes(range(256)) * 4, "binary"),
    (b"\x89PNG\r\n\x1a\n" + bytes(64), "PNG"),
    (b"PK\x03\x04" + bytes(64), "Word/ZIP"),
], ids=["nul-bytes", "png", "zip"])
def test_exit_2_binary(files, data, word):
    (files / "report.txt").write_bytes(data)
    result = gia(files, "--format", "json", "--lang", "en", "report.txt")
    assert result.code == 2
    assert word in result.json()["files"][0]["error"]
    assert word in result.err


def test_missing_file_message_in_chinese(files):
    result = gia(files, "nope.txt")
    assert result.code == 2 and "nope.txt: 错误: 文件不存在" in result.out


def test_exit_2_broken_utf8(files):
    (files / "report.txt").write_bytes(CLEAN.encode("utf-8")[:200] + b"\xff\xfe" +
                                       CLEAN.encode("utf-8")[200:])
    result = gia(files, "--format", "json", "report.txt")
    assert result.code == 2
    assert "UTF-8" in result.json()["files"][0]["error"]


@pytest.mark.parametrize("data", [
    b"", b"\n\n  \n", "某某街道办事处2023年政府信息公开工作年度报告\n".encode(),
    "一、总体情况".encode(), b"\r", "\ufeff".encode(),
], ids=["empty", "blank-lines", "title-only", "heading-no-newline", "lone-cr", "bom-only"])
def test_degenerate_inputs_do_not_crash(files, data):
    (files / "r.txt").write_bytes(data)
    result = gia(files, "--format", "json", "r.txt")
    assert result.code in (0, 1), result.err
    (entry,) = result.json()["files"]
    assert entry["error"] is None
    for f in entry["findings"]:
        assert f["line"] >= 1 and f["column"] >= 1
    assert gia(files, "r.txt").code == result.code
    assert call("parse", "r.txt", cwd=files).code == 0


@pytest.mark.parametrize("codec,bom", [("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff")])
def test_utf16_with_bom(files, codec, bom):
    (files / "r.txt").write_bytes(bom + ERROR.encode(codec))
    entry = gia(files, "--format", "json", "r.txt").json()["files"][0]
    assert entry["encoding"] == codec
    assert [(f["rule"], f["line"], f["column"], f["end_column"]) for f in entry["findings"]] == [
        ("GIA101", 59, 1, 12)]


def test_exit_2_unknown_option(files):
    result = gia(files, "--bogus", "clean.txt")
    assert result.code == 2
    assert "--bogus" in result.err and "用法：" in result.err and "无法识别的参数" in result.err
    assert result.out == ""
    english = gia(files, "--lang", "en", "--bogus", "clean.txt")
    assert "usage:" in english.err and "unrecognized arguments: --bogus" in english.err


@pytest.mark.parametrize("option", ["--select", "--ignore"])
def test_exit_2_unknown_rule_selector(files, option):
    result = gia(files, option, "GIA999", "clean.txt")
    assert result.code == 2
    assert "GIA999" in result.err
    assert result.out == ""


@pytest.mark.parametrize("args", [
    [], ["--format", "xml", "clean.txt"], ["--edition", "2030", "clean.txt"],
    ["--encoding", "no-such-codec", "clean.txt"], ["--fail-on", "never", "clean.txt"],
])
def test_exit_2_usage(files, args):
    result = gia(files, *args)
    assert result.code == 2
    assert result.err.strip()


def test_exit_zero(files):
    assert gia(files, "error.txt").code == 1
    result = gia(files, "--exit-zero", "error.txt")
    assert result.code == 0
    assert "GIA101" in result.out
    # an input error is still an error
    assert gia(files, "--exit-zero", "error.txt", "nope.txt").code == 2


def test_fail_on(files):
    assert gia(files, "warning.txt").code == 0
    assert gia(files, "--fail-on", "warning", "warning.txt").code == 1
    assert gia(files, "--fail-on", "warning", "info.txt").code == 0
    assert gia(files, "--fail-on", "info", "info.txt").code == 1
    assert gia(files, "--fail-on", "error", "error.txt").code == 1
    assert gia(files, "--fail-on", "warning", "clean.txt").code == 0


# -- outputs ------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["text", "json", "sarif"])
def test_output_file(files, fmt):
    result = gia(files, "--format", fmt, "--output", "report.out", "error.txt")
    assert result.code == 1
    assert result.out == ""
    written = (files / "report.out").read_text(encoding="utf-8")
    assert "GIA101" in written
    if fmt != "text":
        json.loads(written)
    assert "\x1b[" not in written


def test_output_file_short_option(files):
    result = gia(files, "-o", "r.json", "--format", "json", "clean.txt")
    assert (result.code, result.out) == (0, "")
    assert json.loads((files / "r.json").read_text(encoding="utf-8"))["files"][0]["findings"] == []


def test_output_file_cannot_be_written(files):
    result = gia(files, "--output", "no/such/dir/out.txt", "clean.txt")
    assert result.code == 2
    assert "no/such/dir/out.txt" in result.err


def test_stdin(files):
    result = gia(files, "--format", "json", "--stdin-filename", "reports/x.txt", "-",
                 stdin=ERROR.encode("utf-8"), process=True)
    assert result.code == 1
    (entry,) = result.json()["files"]
    assert entry["path"] == "reports/x.txt"
    assert [(f["rule"], f["line"], f["column"]) for f in entry["findings"]] == [("GIA101", 59, 1)]
    text = gia(files, "--stdin-filename", "reports/x.txt", "-", stdin=ERROR.encode("utf-8"))
    assert text.out.startswith("reports/x.txt:59:1: GIA101")


def test_stdin_without_name(files):
    result = gia(files, "--format", "json", "-", stdin=ERROR.encode("gb18030"))
    assert result.code == 1
    (entry,) = result.json()["files"]
    assert entry["path"] == "-"
    assert entry["encoding"] == "gb18030"


def test_stdin_binary(files):
    result = gia(files, "--format", "json", "-", stdin=b"%PDF-1.4\n")
    assert result.code == 2
    assert "PDF" in result.json()["files"][0]["error"]


def test_directory_is_walked(files):
    d = files / "d"
    for rel, data in (("a.txt", ERROR), ("sub/b.md", WARNING), ("sub/deep/c.TXT", CLEAN),
                      ("notes.rst", ERROR), ("x.csv", ERROR), (".hidden/e.txt", ERROR),
                      (".f.txt", ERROR)):
        (d / rel).parent.mkdir(parents=True, exist_ok=True)
        (d / rel).write_text(data, encoding="utf-8")
    (d / "x.pdf").write_bytes(b"%PDF-1.7\n")  # a report format, so walked: damaged, exit 2
    result = gia(files, "--format", "json", "d")
    assert result.code == 2
    assert [f["path"] for f in result.json()["files"]] == ["d/a.txt", "d/sub/b.md", "d/sub/deep/c.TXT",
                                                           "d/x.pdf"]
    # a file named explicitly is linted whatever its extension
    explicit = gia(files, "--format", "json", "d/notes.rst")
    assert [f["rule"] for f in explicit.findings()] == ["GIA101"]


def test_lang_en(files):
    # (GIA75: the two files are versions of one report, one without a title)
    result = gia(files, "--lang", "en", "--ignore", "GIA75", "error.txt", "warning.txt")
    assert result.code == 1
    assert "GIA101 [error] Section 六 “六、其他需要报告的事项” is missing" in result.out
    assert "GIA110 [warning] No report title found" in result.out
    assert "Found 2 problems (1 error, 1 warning, 0 info) in 2 files" in result.out
    assert not re.search(r"[错警提]", result.out)
    doc = gia(files, "--lang", "en", "--format", "json", "error.txt").json()
    assert "is missing" in doc["files"][0]["findings"][0]["message"]


def test_default_lang_zh(files):
    result = gia(files, "error.txt")
    assert "缺少第六部分“六、其他需要报告的事项”" in result.out
    assert "发现 1 个问题（错误 1，警告 0，提示 0），涉及 1 个文件" in result.out


def test_color(files):
    assert ANSI.search(gia(files, "--color", "always", "error.txt").out)
    assert not ANSI.search(gia(files, "--color", "never", "error.txt").out)
    assert not ANSI.search(gia(files, "--no-color", "error.txt").out)
    assert not ANSI.search(gia(files, "error.txt").out)  # not a terminal
    assert not ANSI.search(gia(files, "--color", "always", "--format", "json", "error.txt").out)


def test_json_document_shape(files):
    result = gia(files, "--format", "json", "error.txt", "nope.txt")
    doc = result.json()
    assert list(doc) == ["version", "files", "summary"]
    assert re.fullmatch(r"\d+\.\d+\.\d+\S*", doc["version"])
    ok, missing = doc["files"]
    assert list(ok) == ["path", "encoding", "edition", "report_year", "organ", "title", "findings", "error"]
    assert (ok["path"], ok["encoding"], ok["edition"], ok["report_year"], ok["error"]) == (
        "error.txt", "utf-8", "2021", 2023, None)
    (f,) = ok["findings"]
    assert list(f) == ["rule", "name", "category", "severity", "line", "column", "end_line",
                       "end_column", "message", "related"]
    assert (f["rule"], f["name"], f["category"], f["severity"]) == (
        "GIA101", "missing-section", "structure", "error")
    assert (f["line"], f["column"], f["end_line"], f["end_column"]) == (59, 1, 59, 12)
    assert f["related"] == []
    assert missing["path"] == "nope.txt" and missing["error"]
    assert (missing["encoding"], missing["edition"], missing["report_year"]) == (None, None, None)


def test_json_version_matches_package(files):
    import gialint

    assert gia(files, "--format", "json", "clean.txt").json()["version"] == gialint.__version__
    assert gia(files, "--version").out.strip() == f"gialint {gialint.__version__}"


def _sarif_schema():
    return json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))


@pytest.mark.parametrize("names,count", [
    (["error.txt", "warning.txt", "info.txt"], 3),
    (["clean.txt"], 0),
    # seed 001: signed after its publication time (GIA405), pinyin annotations
    # and traditional characters (GIA605, GIA606), a part larger than its
    # total (GIA321: 1921 of 1226 items); seed 002: 六 is a work plan
    # (GIA101), 规范性文件 made but not published (GIA312), the local rows
    # 行政检查 and 行政确认 in 表二 (GIA203 twice) that leave 其他对外管理服务事项
    # without values (GIA204), signed before the year ended (GIA404),
    # 到目前为止 (GIA412), an ASCII comma in 协调指导,推动 (GIA723), 一是 with
    # no 二是 (GIA724), 1226条 with a part of 1921条 (GIA321)
    ([str(SEEDS["001"]), str(SEEDS["002"])], 13),
])
def test_sarif_validates(files, names, count):
    result = gia(files, "--format", "sarif", "--ignore", "GIA75", *names)  # versions of one report
    doc = result.json()
    jsonschema.validate(doc, _sarif_schema())
    (sarif_run,) = doc["runs"]
    assert len(sarif_run["results"]) == count
    assert sarif_run["tool"]["driver"]["name"] == "gialint"
    if count == 0:
        assert sarif_run["results"] == []
        assert result.code == 0
    levels = {r["ruleId"]: r["level"] for r in sarif_run["results"]}
    assert levels.get("GIA101", "error") == "error"
    assert levels.get("GIA110", "warning") == "warning"
    assert levels.get("GIA103", "note") == "note"


def test_sarif_positions(files):
    doc = gia(files, "--format", "sarif", "error.txt").json()
    (res,) = doc["runs"][0]["results"]
    region = res["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"]) == (59, 1)
    assert res["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "error.txt"


def test_sarif_with_input_errors_validates(files):
    (files / "r.pdf").write_bytes(b"%PDF-1.7\n")
    result = gia(files, "--format", "sarif", "error.txt", "nope.txt", "r.pdf")
    assert result.code == 2
    doc = result.json()
    jsonschema.validate(doc, _sarif_schema())
    assert len(doc["runs"][0]["results"]) == 1


# -- sub-commands ------------------------------------------------------------------


def test_rules_command():
    result = call("rules", "--isolated")
    assert result.code == 0
    ids = re.findall(r"^(GIA\d{3}) ", result.out, re.M)
    listed = [r["id"] for r in json.loads(call("rules", "--isolated", "--format", "json").out)]
    assert ids == listed == sorted(listed)
    assert {"GIA002", "GIA101", "GIA107", "GIA110", "GIA112", "GIA121", "GIA122", "GIA501"} <= set(ids)
    assert "缺少格式规定的章节" in result.out
    assert "A section required by the national format is missing" in call("rules", "--isolated", "--lang", "en").out
    md = call("rules", "--isolated", "--format", "markdown")
    assert md.code == 0 and md.out.startswith("# gialint rules")
    assert "## GIA101" in md.out


@pytest.mark.parametrize("name", ["GIA101", "gia101", "missing-section"])
def test_rule_command(name):
    result = call("rule", "--isolated", name)
    assert result.code == 0, result.err
    assert result.out.startswith("GIA101 missing-section")
    # the examples of the rule file
    assert "不符合的示例" in result.out and "符合的示例" in result.out
    assert "六、2021年工作计划" in result.out
    assert "六、其他需要报告的事项" in result.out


def test_rule_command_english():
    result = call("rule", "--isolated", "GIA101", "--lang", "en")
    assert result.code == 0
    assert "bad example" in result.out and "good example" in result.out
    assert "six numbered sections" in result.out


def test_rule_command_unknown():
    result = call("rule", "--isolated", "nope")
    assert result.code == 2
    assert "nope" in result.err
    assert result.out == ""


def test_parse_command(files):
    result = call("parse", "error.txt", cwd=files)
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[0].startswith("# error.txt  encoding=utf-8  edition=2021")
    assert "start" in lines
    assert sum(1 for line in lines if line.strip() == "section") == 6
    assert "    HEADING 59:1 六、2024年工作计划" in lines
    tokens = call("parse", "--tokens", "error.txt", cwd=files)
    assert "59:1\tHEADING\t六、2024年工作计划" in tokens.out


def test_parse_command_errors(files):
    (files / "r.pdf").write_bytes(b"%PDF-1.7\n")
    for name in ("nope.txt", "r.pdf"):
        result = call("parse", name, cwd=files)
        assert result.code == 2
        assert name in result.err and "Traceback" not in result.err


def test_help(files):
    result = call("--help", cwd=files)
    assert result.code == 0
    assert result.out.startswith("用法：gialint")
    assert "--select" in result.out and "退出码" in result.out
    assert "选项" in result.out and "显示本帮助并退出" in result.out
    for sub in ("rules", "rule", "parse"):  # the sub-commands' help is Chinese too
        help_ = call(sub, "--help")
        assert help_.code == 0 and help_.out.startswith(f"用法：gialint {sub}")
        assert "显示本帮助并退出" in help_.out and "选项" in help_.out
        english = call(sub, "--help", "--lang", "en")
        assert english.out.startswith(f"usage: gialint {sub}") and "show this help" in english.out


def test_help_and_readme_name_every_option():
    """gialint --help explains every option in Chinese, and the README's option table lists it."""
    from gialint.cli.lint import _lint_parser

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    for action in _lint_parser()._actions:
        if not action.option_strings:
            continue
        assert re.search(r"[\u4e00-\u9fff]", action.help or ""), action.option_strings
        if "--help" in action.option_strings:
            continue
        longest = max(action.option_strings, key=len)
        assert f"`{longest}" in readme, f"README does not document {longest}"


def test_main_in_process(capsys, files):
    result = run_main(capsys, "--isolated", "--format", "json", files / "error.txt")
    assert result.code == 1
    assert result.findings()[0]["rule"] == "GIA101"
