"""The CI formats: GitHub workflow commands, GitLab Code Quality, JUnit XML."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

from gialint.findings import FileResult, Finding, Location
from gialint.formats import render


def _finding(line: int, rule="GIA101", severity="error", message="缺少第六部分") -> Finding:
    return Finding(rule=rule, name="missing-section", category="structure", severity=severity,
                   message=message, location=Location(0, 1, line, 1, line, 3),
                   line_text=f"line {line}")


def _render(fmt: str, results, lang="zh") -> str:
    return render(fmt, results, [], lang=lang, version="9.9.9")


def test_github_commands_and_escaping():
    r = FileResult(path="报告,a:b.txt", findings=[
        _finding(3, message="50%, a:b\nnext"),
        _finding(4, rule="GIA103", severity="info"),
        _finding(5, rule="GIA104", severity="warning"),
    ])
    out = _render("github", [r]).splitlines()
    assert out[0] == ("::error file=报告%2Ca%3Ab.txt,line=3,col=1,endLine=3,endColumn=3,"
                      "title=GIA101::50%25, a:b%0Anext (missing-section)")
    assert out[1].startswith("::notice ") and out[2].startswith("::warning ")
    assert out[-1] == "gialint：共 3 个问题"


def test_github_caps_annotations_and_summarises_the_rest():
    r = FileResult(path="r.txt", findings=[_finding(i) for i in range(1, 26)])
    out = _render("github", [r], lang="en").splitlines()
    assert sum(1 for x in out if x.startswith("::error")) == 10
    assert out[-1].startswith("gialint: 25 findings; 15 are not shown")


def test_github_input_error():
    out = _render("github", [FileResult(path="x.pdf", error="PDF files are not supported")])
    assert out.splitlines()[0] == "::error file=x.pdf,title=gialint::PDF files are not supported"


def test_gitlab_code_quality_report():
    src = "a\nb\n六、2021年工作计划\n"
    r = FileResult(path="d/r.txt", source_text=src, findings=[_finding(3), _finding(3)])
    doc = json.loads(_render("gitlab", [r]))
    assert len(doc) == 2
    issue = doc[0]
    assert set(issue) >= {"description", "check_name", "fingerprint", "severity", "location"}
    assert issue["severity"] == "major"
    assert issue["location"]["path"] == "d/r.txt"
    assert issue["location"]["positions"]["begin"] == {"line": 3, "column": 1}
    # two identical findings on one line get different fingerprints …
    assert doc[0]["fingerprint"] != doc[1]["fingerprint"]
    # … and they do not change when lines are inserted above
    moved = FileResult(path="d/r.txt", source_text="x\n" + src,
                       findings=[_finding(4), _finding(4)])
    for f in moved.findings:
        f.line_text = "line 3"
    for f in r.findings:
        f.line_text = "line 3"
    again = json.loads(_render("gitlab", [moved]))
    first = json.loads(_render("gitlab", [r]))
    assert [i["fingerprint"] for i in again] == [i["fingerprint"] for i in first]


def test_junit_xml():
    results = [
        FileResult(path="a&b.txt", findings=[_finding(1), _finding(2, rule="GIA103")]),
        FileResult(path="clean.txt"),
        FileResult(path="x.pdf", error="PDF <not> supported"),
    ]
    root = ET.fromstring(_render("junit", results))
    suite = root.find("testsuite")
    assert suite.get("tests") == "3" and suite.get("failures") == "2" and suite.get("errors") == "1"
    cases = suite.findall("testcase")
    assert [c.get("name") for c in cases] == ["a&b.txt", "clean.txt", "x.pdf"]
    assert [f.get("type") for f in cases[0].findall("failure")] == ["GIA101", "GIA103"]
    assert cases[1].find("failure") is None
    assert cases[2].find("error").get("message") == "PDF <not> supported"


def test_junit_info_findings_and_reader_notes_go_to_system_out():
    note = _finding(3, rule="GIA209")
    note.verbose = True
    results = [FileResult(path="a.txt", findings=[_finding(1), _finding(2, rule="GIA103", severity="info"),
                                                  note])]
    root = ET.fromstring(_render("junit", results))
    suite = root.find("testsuite")
    assert suite.get("failures") == "1"
    case = suite.find("testcase")
    assert [f.get("type") for f in case.findall("failure")] == ["GIA101"]
    out = case.find("system-out").text
    assert "GIA103 [提示]" in out and "GIA209" in out and "[读取说明]" in out
