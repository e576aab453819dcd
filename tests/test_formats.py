"""Tests for the output formatters (gialint.formats)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import unicodedata
from pathlib import Path
from urllib.parse import unquote

import jsonschema
import pytest

from gialint.findings import FileResult, Finding, Location, Related
from gialint.formats import FORMATS, render
from gialint.formats.sarif import fingerprint, utf16_column
from gialint.formats.text import EXCERPT_WIDTH, display_width, excerpt, summary
from gialint.rule import Rule

SCHEMA_PATH = Path(__file__).parent / "data" / "sarif-schema-2.1.0.json"
ANSI = re.compile(r"\x1b\[[0-9;]*m")
VERSION = "0.1.0"

REPORT = (
    "平潭综合实验区2023年政府信息公开工作年度报告\n"
    "一、总体情况\n"
    "\t2023年，我区认真贯彻落实《中华人民共和国政府信息公开条例》。\n"
    "六、2021年工作计划\n"
)


# -- factories ---------------------------------------------------------------


def make_location(
    text: str, line: int, column: int, end_line: int | None = None, end_column: int | None = None
) -> Location:
    """A Location with offsets computed from 1-based line/column in ``text``."""
    end_line = line if end_line is None else end_line
    end_column = column if end_column is None else end_column
    lines = text.split("\n")

    def offset(ln: int, col: int) -> int:
        return sum(len(x) + 1 for x in lines[: ln - 1]) + col - 1

    return Location(
        offset(line, column), offset(end_line, end_column), line, column, end_line, end_column
    )


def make_finding(
    text: str,
    line: int,
    column: int,
    end_column: int | None = None,
    *,
    end_line: int | None = None,
    rule: str = "GIA101",
    name: str = "missing-section",
    category: str = "structure",
    severity: str = "error",
    message: str = "缺少第六部分",
    related=(),
) -> Finding:
    loc = make_location(text, line, column, end_line, end_column)
    line_text = text.split("\n")[line - 1]
    return Finding(
        rule=rule,
        name=name,
        category=category,
        severity=severity,
        message=message,
        location=loc,
        related=tuple(related),
        line_text=line_text,
    )


def make_result(
    text: str | None, findings=(), *, path: str = "报告/平潭 2023.txt", error: str | None = None
) -> FileResult:
    return FileResult(
        path=path,
        encoding="utf-8" if text is not None else None,
        edition="2021" if text is not None else None,
        report_year=2023 if text is not None else None,
        findings=list(findings),
        error=error,
        source_text=text,
    )


def make_rule(
    rule_id: str = "GIA101",
    name: str = "missing-section",
    category: str = "structure",
    severity: str = "error",
) -> Rule:
    return Rule(
        id=rule_id,
        name=name,
        category=category,
        severity=severity,
        editions=("2019", "2021"),
        kind="sections",
        params={},
        message={"zh": "缺少{section}", "en": "missing {section}"},
        summary={"zh": "缺少必备部分", "en": "A required section is missing"},
        description={"zh": "年度报告应当包含六个部分。", "en": "The report needs six parts."},
        example_bad="一、总体情况",
        example_good="一、总体情况\n……\n六、其他需要报告的事项",
        source="国办公开办函〔2021〕30号",
    )


@pytest.fixture(scope="module")
def sarif_validator():
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def sarif(results, rules=(), **kw) -> dict:
    return json.loads(render("sarif", list(results), list(rules), version=VERSION, **kw))


def caret_line_of(out: str, source_line_no: int) -> tuple[str, str]:
    """The (source, caret) excerpt lines for ``source_line_no`` in text output."""
    lines = out.splitlines()
    for i, ln in enumerate(lines):
        if re.match(rf"^ +{source_line_no} \| ", ln):
            return ln, lines[i + 1]
    raise AssertionError(f"no excerpt for line {source_line_no} in:\n{out}")


# -- dispatch / imports ------------------------------------------------------


def test_formats_tuple_and_unknown_format():
    assert FORMATS == ("text", "json", "sarif", "github", "gitlab", "junit", "html", "csv")
    with pytest.raises(ValueError, match="xml"):
        render("xml", [], [], version=VERSION)


def test_import_is_lazy():
    code = (
        "import sys, gialint.formats as f\n"
        "assert 'rich' not in sys.modules and 'json' not in sys.modules, 'eager import'\n"
        "from gialint.findings import FileResult\n"
        "f.render('text', [FileResult(path='a.txt', source_text='x')], [], version='0')\n"
        "assert 'rich' not in sys.modules, 'rich imported for plain text'\n"
    )
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert proc.returncode == 0, proc.stderr


# -- text --------------------------------------------------------------------


def test_text_header_and_caret_under_cjk():
    f = make_finding(REPORT, 4, 3, 8, message="工作计划年份应为2024年")  # "2021年" after "六、"
    out = render("text", [make_result(REPORT, [f])], [], version=VERSION)
    assert out.startswith(
        "报告/平潭 2023.txt:4:3: GIA101 [错误] 工作计划年份应为2024年 (missing-section)\n"
    )
    src, carets = caret_line_of(out, 4)
    assert src.endswith("| 六、2021年工作计划")
    gutter = src.index("| ") + 2
    assert carets[:gutter] == " " * (gutter - 2) + "| "
    # the caret run starts after "六、" (4 columns) and covers "2021年" (4 + 2 columns)
    marks = carets[gutter:]
    assert marks == " " * display_width("六、") + "^" * display_width("2021年")
    assert marks == " " * 4 + "^" * 6


def test_text_caret_column_matches_display_width_of_prefix():
    line = "三、主动公开政府信息情况（单位：件）"
    text = f"{line}\n"
    col = line.index("单位") + 1
    f = make_finding(text, 1, col, col + 2)
    _, carets = caret_line_of(render("text", [make_result(text, [f])], [], version=VERSION), 1)
    marks = carets.split("| ", 1)[1]
    assert len(marks) - len(marks.lstrip(" ")) == display_width(line[: col - 1]) == 2 * (col - 1)
    assert marks.strip() == "^" * 4


def test_text_tab_zero_length_and_multiline_spans():
    # tab is shown as spaces, the caret accounts for it
    f_tab = make_finding(REPORT, 3, 2, 7)  # "2023年"
    src, carets = caret_line_of(
        render("text", [make_result(REPORT, [f_tab])], [], version=VERSION), 3
    )
    assert "\t" not in src and src.split("| ", 1)[1].startswith("    2023年")
    assert carets.split("| ", 1)[1] == " " * 4 + "^" * 6
    # zero-length span: one caret
    f_zero = make_finding(REPORT, 2, 3, 3)
    _, carets = caret_line_of(
        render("text", [make_result(REPORT, [f_zero])], [], version=VERSION), 2
    )
    assert carets.split("| ", 1)[1] == " " * 4 + "^"
    # multi-line span: underline to the end of the first line
    f_multi = make_finding(REPORT, 2, 1, 5, end_line=3)
    _, carets = caret_line_of(
        render("text", [make_result(REPORT, [f_multi])], [], version=VERSION), 2
    )
    assert carets.split("| ", 1)[1] == "^" * display_width("一、总体情况")


def test_text_windows_very_long_line():
    body = "公开" * 5000  # 10,000 characters on one line (crawler output)
    text = body[:6000] + "2021年工作计划" + body[6000:]
    col = 6001
    f = make_finding(text, 1, col, col + 5)
    out = render("text", [make_result(text, [f])], [], version=VERSION)
    src, carets = caret_line_of(out, 1)
    shown = src.split("| ", 1)[1]
    marks = carets.split("| ", 1)[1]
    assert shown.startswith("…") and shown.endswith("…")
    assert display_width(shown) <= EXCERPT_WIDTH + 2
    assert len(out) < 1000
    start = len(marks) - len(marks.lstrip(" "))
    # the caret run sits exactly under "2021年"
    assert display_width(shown[: shown.index("2021年")]) == start
    assert marks[start:] == "^" * display_width("2021年")


def test_excerpt_window_edges():
    line = "ab" + "中" * 200
    shown, carets = excerpt(line, 1, 3)  # at the start: no leading ellipsis
    assert not shown.startswith("…") and shown.endswith("…")
    assert carets == "^^"
    shown, carets = excerpt(line, len(line) + 1, None)  # past the end: one caret after the text
    assert shown.startswith("…") and not shown.endswith("…")
    assert carets == " " * display_width(shown) + "^"
    # a span wider than the window is cut at the window's edge
    shown, carets = excerpt(line, 3, len(line) + 1)
    assert display_width(carets) <= display_width(shown)


def test_text_plain_has_no_ansi_and_color_matches_plain():
    findings = [
        make_finding(REPORT, 4, 3, 8),
        make_finding(REPORT, 2, 1, 3, severity="warning", rule="GIA201", name="w"),
        make_finding(REPORT, 1, 1, 3, severity="info", rule="GIA301", name="i"),
    ]
    results = [make_result(REPORT, findings), make_result(None, path="坏.txt", error="无法解码")]
    plain = render("text", results, [], version=VERSION)
    assert "\x1b" not in plain
    colored = render("text", results, [], version=VERSION, color=True)
    assert "\x1b[" in colored
    assert ANSI.sub("", colored) == plain


def test_text_findings_sorted_and_related_and_input_error():
    f2 = make_finding(REPORT, 4, 1, 3, message="第二")
    f1 = make_finding(
        REPORT,
        2,
        1,
        3,
        message="第一",
        related=[Related(make_location(REPORT, 4, 1, 4, 3), "另见此处")],
    )
    results = [
        make_result(REPORT, [f2, f1]),
        make_result(None, path="报告/乱码.txt", error="无法识别文件编码"),
    ]
    out = render("text", results, [], version=VERSION)
    assert out.index("第一") < out.index("第二")
    assert "   = 相关: 报告/平潭 2023.txt:4:1: 另见此处\n" in out
    assert "报告/乱码.txt: 错误: 无法识别文件编码\n" in out
    en = render("text", results, [], version=VERSION, lang="en")
    assert "报告/乱码.txt: error: 无法识别文件编码\n" in en
    assert "[error]" in en and "   = related: " in en
    assert en.rstrip("\n").endswith("; 2 files found, 1 checked, 1 not checked (1 could not be read)")


def test_text_summary_zh_en():
    findings = [
        make_finding(REPORT, 4, 3, 8),
        make_finding(REPORT, 2, 1, 3, severity="warning"),
        make_finding(REPORT, 1, 1, 3, severity="info"),
    ]
    results = [
        make_result(REPORT, findings[:2]),
        make_result(REPORT, findings[2:], path="b.txt"),
        make_result(REPORT, path="clean.txt"),
    ]
    zh = render("text", results, [], version=VERSION)
    assert zh.endswith("发现 3 个问题（错误 1，警告 1，提示 1），涉及 2 个文件；"
                       "共找到 3 个文件，检查 3 个，未检查 0 个\n")
    assert summary(results, "en") == ("Found 3 problems (1 error, 1 warning, 1 info) in 2 files; "
                                      "3 files found, 3 checked, 0 not checked")
    assert summary(results[1:2], "en") == ("Found 1 problem (0 errors, 0 warnings, 1 info) in 1 file; "
                                           "1 file found, 1 checked, 0 not checked")
    clean = [make_result(REPORT)]
    assert render("text", clean, [], version=VERSION) == "未发现问题；共找到 1 个文件，检查 1 个，未检查 0 个\n"
    assert render("text", clean, [], version=VERSION, lang="en") == (
        "All checks passed; 1 file found, 1 checked, 0 not checked\n")
    unreadable = [make_result(None, error="x")]
    assert summary(unreadable, "zh") == "未检查任何文件；共找到 1 个文件，检查 0 个，未检查 1 个（其中 1 个无法读取）"
    # never "no problems" when nothing was read; "nothing to check" when all was excluded
    assert summary([], "zh") == "未检查任何文件；共找到 0 个文件，检查 0 个，未检查 0 个"
    assert summary([], "en", excluded=2) == "Nothing to check; 0 files found, 0 checked, 0 not checked, 2 excluded"
    skipped = make_result(None, path="old.doc", error="旧版 Word .doc 格式，无法读取；请另存为 .docx")
    skipped.skipped = True
    mixed = [skipped, *results]
    assert summary(mixed, "zh", excluded=1, hidden=4, min_severity="warning") == (
        "发现 3 个问题（错误 1，警告 1，提示 1），涉及 2 个文件；共找到 4 个文件，检查 3 个，未检查 1 个，"
        "按 exclude 排除 1 个；另有 4 个低于“警告”级别的问题未显示")
    assert "old.doc: 未检查: 旧版 Word .doc 格式" in render("text", mixed, [], version=VERSION)
    assert "old.doc: not checked: " in render("text", mixed, [], version=VERSION, lang="en")


# -- json --------------------------------------------------------------------


def test_json_is_the_standard_librarys_indented_dump(capsys):
    """render_json writes the document by its shape: byte for byte what
    json.dumps(ensure_ascii=False, indent=2) makes of it, on every real report
    (places of HTML, PDF and Word files, related locations), an unreadable file,
    and on no file at all."""
    from gialint_testing import REAL, run_main

    from gialint.formats.json import render_json

    run = run_main(capsys, "--isolated", "--format", "json", "--jobs", "1", REAL, REAL / "missing.txt")
    doc = json.loads(run.out)
    assert len(doc["files"]) > 30 and doc["files"][-1]["error"]
    assert any("place" in f for r in doc["files"] for f in r["findings"])
    assert any(f["related"] for r in doc["files"] for f in r["findings"])
    assert run.out == json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
    from gialint.formats.json import to_document

    assert render_json([], version="1") == json.dumps(to_document([], version="1"), indent=2) + "\n"
    assert json.loads(render_json([], version="1"))["summary"]["files"] == 0


def test_json_document():
    rel = Related(make_location(REPORT, 1, 1, 1, 3), "标题在此")
    f = make_finding(REPORT, 4, 3, 8, related=[rel])
    results = [make_result(REPORT, [f]), make_result(None, path="坏.txt", error="无法读取")]
    out = render("json", results, [make_rule()], version=VERSION)
    assert "平潭" in out and '\n  "files"' in out  # ensure_ascii=False, indent 2
    doc = json.loads(out)
    assert list(doc) == ["version", "files", "summary"]
    assert doc["version"] == VERSION
    first, bad = doc["files"]
    assert list(first) == ["path", "encoding", "edition", "report_year", "organ", "title", "findings", "error"]
    assert first["path"] == "报告/平潭 2023.txt" and first["encoding"] == "utf-8"
    assert first["edition"] == "2021" and first["report_year"] == 2023 and first["error"] is None
    (fd,) = first["findings"]
    assert list(fd) == [
        "rule",
        "name",
        "category",
        "severity",
        "line",
        "column",
        "end_line",
        "end_column",
        "message",
        "related",
    ]
    assert fd == {
        "rule": "GIA101",
        "name": "missing-section",
        "category": "structure",
        "severity": "error",
        "line": 4,
        "column": 3,
        "end_line": 4,
        "end_column": 8,
        "message": "缺少第六部分",
        "related": [
            {"line": 1, "column": 1, "end_line": 1, "end_column": 3, "message": "标题在此"}
        ],
    }
    assert bad == {
        "path": "坏.txt",
        "encoding": None,
        "edition": None,
        "report_year": None,
        "organ": None,
        "title": None,
        "findings": [],
        "error": "无法读取",
    }
    # stable output
    assert render("json", results, [], version=VERSION) == out


# -- sarif -------------------------------------------------------------------


def test_sarif_clean_run_validates(sarif_validator, tmp_path):
    doc = sarif([make_result(REPORT)], [make_rule()], base_dir=str(tmp_path))
    sarif_validator.validate(doc)
    assert doc["version"] == "2.1.0" and doc["$schema"].endswith("sarif-schema-2.1.0.json")
    (run,) = doc["runs"]
    assert run["results"] == []
    assert run["columnKind"] == "utf16CodeUnits"
    assert run["invocations"] == [{"executionSuccessful": True}]
    driver = run["tool"]["driver"]
    assert driver["name"] == "gialint" and driver["version"] == VERSION
    assert driver["semanticVersion"] == VERSION and driver["informationUri"].startswith("https://")
    (rule,) = driver["rules"]
    assert rule["id"] == "GIA101" and rule["name"] == "missing-section"
    assert rule["shortDescription"]["text"] == "缺少必备部分"
    assert rule["fullDescription"]["text"] == "年度报告应当包含六个部分。"
    assert "错误示例" in rule["help"]["text"] and "六、其他需要报告的事项" in rule["help"]["text"]
    assert rule["defaultConfiguration"]["level"] == "error"
    assert rule["properties"] == {
        "category": "structure",
        "editions": ["2019", "2021"],
        "tags": ["structure"],
    }
    en = sarif([], [make_rule(severity="info")], lang="en")
    rule = en["runs"][0]["tool"]["driver"]["rules"][0]
    assert rule["shortDescription"]["text"] == "A required section is missing"
    assert rule["defaultConfiguration"]["level"] == "note"


def test_sarif_with_findings_validates(sarif_validator, tmp_path):
    rel = Related(make_location(REPORT, 1, 1, 1, 3), "标题在此")
    findings = [
        make_finding(REPORT, 4, 3, 8, related=[rel]),
        make_finding(REPORT, 2, 1, 5, end_line=3, severity="info"),
        make_finding(REPORT, 3, 1, 1, severity="warning"),
    ]
    doc = sarif(
        [make_result(REPORT, findings, path=str(tmp_path / "报告" / "平潭 2023.txt"))],
        [make_rule()],
        base_dir=str(tmp_path),
    )
    sarif_validator.validate(doc)
    run = doc["runs"][0]
    assert [r["level"] for r in run["results"]] == ["note", "warning", "error"]
    res = run["results"][2]
    assert res["ruleId"] == "GIA101" and res["message"]["text"] == "缺少第六部分"
    (loc,) = res["locations"]
    region = loc["physicalLocation"]["region"]
    assert region == {
        "startLine": 4,
        "startColumn": 3,
        "endLine": 4,
        "endColumn": 8,
        "snippet": {"text": "2021年"},
    }
    (related,) = res["relatedLocations"]
    assert related["id"] == 0 and related["message"]["text"] == "标题在此"
    assert related["physicalLocation"]["region"]["snippet"]["text"] == "平潭"
    assert "snippet" not in run["results"][1]["locations"][0]["physicalLocation"]["region"]


def test_sarif_input_error_validates(sarif_validator, tmp_path):
    results = [
        make_result(REPORT),
        make_result(None, path=str(tmp_path / "坏 文件.txt"), error="无法识别文件编码"),
    ]
    doc = sarif(results, [make_rule()], base_dir=str(tmp_path))
    sarif_validator.validate(doc)
    (inv,) = doc["runs"][0]["invocations"]
    assert inv["executionSuccessful"] is False
    (note,) = inv["toolExecutionNotifications"]
    assert note["level"] == "error" and note["message"]["text"] == "无法识别文件编码"
    art = note["locations"][0]["physicalLocation"]["artifactLocation"]
    assert art["uri"] == "%E5%9D%8F%20%E6%96%87%E4%BB%B6.txt" and art["uriBaseId"] == "%SRCROOT%"
    assert doc["runs"][0]["results"] == []


def test_sarif_utf16_columns_with_astral_char(sarif_validator):
    text = "𠀀𠀀表一：2021年收到申请情况\n"
    col = text.index("2021") + 1  # code points: 6
    f = make_finding(text, 1, col, col + 5)
    doc = sarif([make_result(text, [f])], [make_rule()])
    sarif_validator.validate(doc)
    assert doc["runs"][0]["columnKind"] == "utf16CodeUnits"
    region = doc["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]
    assert (region["startColumn"], region["endColumn"]) == (col + 2, col + 5 + 2)
    assert region["snippet"]["text"] == "2021年"
    utf16 = text.encode("utf-16-le")
    assert (
        utf16[2 * (region["startColumn"] - 1) : 2 * (region["endColumn"] - 1)].decode("utf-16-le")
        == "2021年"
    )
    assert utf16_column("a𠀀b", 1) == 1 and utf16_column("a𠀀b", 3) == 4
    assert utf16_column("a𠀀b", 10) == 11  # past the end: carried over


def test_sarif_uri_relative_and_percent_encoded(tmp_path, monkeypatch):
    results = [
        make_result(REPORT, path=str(tmp_path / "报告" / "平潭 2023.txt")),
        make_result(REPORT, path=str(tmp_path.parent / "外部#1.txt")),
    ]
    doc = sarif(results, base_dir=str(tmp_path))
    run = doc["runs"][0]
    inside, outside = (a["location"] for a in run["artifacts"])
    assert inside == {
        "uri": "%E6%8A%A5%E5%91%8A/%E5%B9%B3%E6%BD%AD%202023.txt",
        "uriBaseId": "%SRCROOT%",
    }
    assert unquote(inside["uri"]) == "报告/平潭 2023.txt"
    assert outside["uri"].startswith("file://") and "uriBaseId" not in outside
    assert "%23" in outside["uri"] and "外部" not in outside["uri"]
    base_uri = run["originalUriBaseIds"]["%SRCROOT%"]["uri"]
    assert base_uri.startswith("file://") and base_uri.endswith("/")
    assert unquote(base_uri).endswith(str(tmp_path).replace(os.sep, "/") + "/")
    # default base: the current directory; relative paths stay relative
    monkeypatch.chdir(tmp_path)
    f = make_finding(REPORT, 4, 1, 3)
    doc = sarif([make_result(REPORT, [f], path=os.path.join("报告", "平潭 2023.txt"))])
    art = doc["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert art["uri"] == "%E6%8A%A5%E5%91%8A/%E5%B9%B3%E6%BD%AD%202023.txt"
    assert art["uriBaseId"] == "%SRCROOT%" and art["index"] == 0


def test_sarif_rule_index(sarif_validator):
    rules = [make_rule("GIA101", "missing-section"), make_rule("GIA201", "table-sum", "arithmetic")]
    findings = [
        make_finding(REPORT, 1, 1, 3, rule="GIA201", name="table-sum"),
        make_finding(REPORT, 2, 1, 3, rule="GIA999", name="ad-hoc", severity="info"),
        make_finding(REPORT, 3, 1, 3, rule="GIA101"),
        make_finding(REPORT, 4, 1, 3, rule="GIA999", name="ad-hoc", severity="info"),
    ]
    doc = sarif([make_result(REPORT, findings)], rules)
    sarif_validator.validate(doc)
    run = doc["runs"][0]
    driver_rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in driver_rules] == ["GIA101", "GIA201", "GIA999"]
    assert driver_rules[2]["name"] == "ad-hoc"
    for res in run["results"]:
        assert driver_rules[res["ruleIndex"]]["id"] == res["ruleId"]


def fp(doc: dict) -> list[str]:
    return [r["partialFingerprints"]["gialint/v1"] for r in doc["runs"][0]["results"]]


def test_sarif_fingerprints():
    lines = ["标题", "六、2021年工作计划", "其他"]
    text = "\n".join(lines) + "\n"
    shifted = "新增一行\n\n" + text
    a = make_finding(text, 2, 3, 8)
    b = make_finding(shifted, 4, 3, 8)
    (fa,) = fp(sarif([make_result(text, [a])]))
    (fb,) = fp(sarif([make_result(shifted, [b])]))
    assert fa == fb and re.fullmatch(r"[0-9a-f]{32}", fa)
    # whitespace changes on the line do not matter
    spaced = "标题\n  六、2021年工作计划 \n其他\n"
    (fc,) = fp(sarif([make_result(spaced, [make_finding(spaced, 2, 5, 10)])]))
    assert fc == fa
    # two identical findings on the same line text: different (occurrence index)
    twice = text + "六、2021年工作计划\n"
    both = fp(
        sarif([make_result(twice, [make_finding(twice, 4, 3, 8), make_finding(twice, 2, 3, 8)])])
    )
    assert both[0] == fa and both[1] != fa and len(set(both)) == 2
    # different rule, same line: different
    (fd,) = fp(sarif([make_result(text, [make_finding(text, 2, 3, 8, rule="GIA102")])]))
    assert fd != fa
    assert fingerprint("GIA101", " a  b ", 0) == fingerprint("GIA101", "a b", 0)


def test_all_formats_end_with_newline_and_handle_no_source():
    f = make_finding(REPORT, 4, 3, 8)
    result = make_result(REPORT, [f])
    result.source_text = None  # excerpt falls back to Finding.line_text
    for fmt in FORMATS:
        out = render(fmt, [result], [make_rule()], version=VERSION)
        assert out.endswith("\n") and not out.endswith("\n\n")
    src, _ = caret_line_of(render("text", [result], [], version=VERSION), 4)
    assert src.endswith("六、2021年工作计划")


def test_display_width():
    assert display_width("六、2021年") == 10
    assert display_width("ａｂ") == 4  # fullwidth
    assert display_width("e\u0301") == 1  # combining mark
    assert unicodedata.east_asian_width("…") == "A" and display_width("…") == 1
