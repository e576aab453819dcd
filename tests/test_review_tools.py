"""``gialint tables FILE``, ``--format csv`` and the progress bar."""

from __future__ import annotations

import csv
import io
import shutil

import pytest
from gialint_testing import REAL, call


@pytest.fixture()
def broken(tmp_path):
    text = (REAL / "2025_shuyang-county-gov.txt").read_text(encoding="utf-8")
    path = tmp_path / "broken.txt"
    path.write_text(text.replace("| 3 | 0 | 0 | 0 | 3 |", "| 3 | 0 | 0 | 0 | 5 |"), encoding="utf-8")
    return path


def test_tables_draws_the_grids_and_marks_the_broken_relation(broken):
    run = call("tables", "--isolated", broken, cwd=broken.parent)
    assert run.code == 1, run.err
    out = run.out
    for caption in ("表二 主动公开政府信息情况", "表三 收到和处理政府信息公开申请情况",
                    "表四 政府信息公开行政复议、行政诉讼情况"):
        assert caption in out
    assert "行政许可" in out and "自然人" in out and "未经复议直接起诉" in out
    row = next(line for line in out.splitlines() if "未经复议直接起诉" in line and "│" in line)
    assert "✗5" in row and row.count("+") == 4
    assert "GIA304" in out and "合计为 3" in out
    assert "\x1b[" not in out  # not a terminal: no colour


def test_tables_of_a_clean_report_exits_0(tmp_path):
    shutil.copy(REAL / "2023_pingtan-zone.txt", tmp_path / "a.txt")
    run = call("tables", "--isolated", "a.txt", cwd=tmp_path)
    assert run.code == 0 and "表三" in run.out and "✗" not in run.out.split("图例")[0]


def test_tables_of_a_missing_file_is_an_error(tmp_path):
    run = call("tables", "--isolated", "nope.txt", cwd=tmp_path)
    assert run.code == 2 and "nope.txt" in run.err


def test_csv_has_a_bom_chinese_headers_and_a_row_per_finding(broken):
    import json

    from gialint.formats.xlsx import FINDING_HEADERS

    run = call("--isolated", "--format", "csv", broken, cwd=broken.parent)
    assert run.out.startswith("\ufeff") and "\r\n" in run.out
    rows = list(csv.reader(io.StringIO(run.out[1:])))
    assert tuple(rows[0]) == FINDING_HEADERS
    doc = json.loads(call("--isolated", "--format", "json", broken, cwd=broken.parent).out)
    assert sorted((r[4], r[8]) for r in rows[1:]) == sorted(
        (f["rule"], f["message"]) for f in doc["files"][0]["findings"])


def test_progress_bar_only_on_a_terminal_with_many_files(monkeypatch):
    from gialint.cli import progress

    class Tty(io.StringIO):
        def isatty(self):
            return True

    many = [("file", f"r{i}.txt", None) for i in range(8)]
    few = many[:2]
    monkeypatch.delenv("CI", raising=False)
    assert progress.wanted(many, stream=Tty())
    assert not progress.wanted(few, stream=Tty())
    assert progress.wanted([("file", "a.pdf", None)], stream=Tty())  # a PDF is slow
    assert not progress.wanted(many, stream=io.StringIO())  # a pipe
    assert not progress.wanted(many, quiet=True, stream=Tty())
    monkeypatch.setenv("CI", "true")
    assert not progress.wanted(many, stream=Tty())
    out = Tty()
    with progress.bar(3, stream=out) as advance:
        for name in ("a.txt", "b.txt", "c.txt"):
            advance(name)
    assert "检查" in out.getvalue()


def test_a_run_with_progress_reports_each_file(tmp_path):
    from gialint.ruleset import Options
    from gialint.runner import Runner

    for name in ("2023_pingtan-zone.txt", "2025_shuyang-county-gov.txt"):
        shutil.copy(REAL / name, tmp_path / name)
    runner = Runner(Options(), isolated=True)
    seen = []
    batch = runner.run(runner.expand([str(tmp_path)], None), 1, progress=seen.append)
    assert len(seen) == len(batch.results) == 2


def test_ci_formats_carry_the_word_or_pdf_place_and_tag_reader_notes():
    import json

    from gialint.findings import FileResult, Finding, Location
    from gialint.formats import render

    place = Location(0, 2, 40, 3, 40, 5, "表 3 第 4 行 第 2 格")
    f = Finding("GIA201", "t3-sum", "table", "error", "合计不符", place)
    note = Finding("GIA209", "unsplittable", "table", "warning", "无法拆分", Location(3, 4, 1, 4, 1, 5),
                   verbose=True)
    r = FileResult(path="a.docx", findings=[f, note], source_text="ab\ncd\n")
    github = render("github", [r], [], version="1")
    assert "合计不符（表 3 第 4 行 第 2 格）" in github and "无法拆分 [读取说明]" in github
    gitlab = json.loads(render("gitlab", [r], [], version="1"))
    assert [i["description"] for i in gitlab] == ["合计不符（表 3 第 4 行 第 2 格）", "无法拆分 [读取说明]"]
    junit = render("junit", [r], [], version="1")
    assert 'message="合计不符（表 3 第 4 行 第 2 格）"' in junit
    assert "[reader note]" in render("github", [r], [], version="1", lang="en")


def test_github_writes_a_step_summary_when_asked(tmp_path, monkeypatch):
    shutil.copy(REAL / "2023_pingtan-zone.txt", tmp_path / "a.txt")
    (tmp_path / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0")
    summary = tmp_path / "summary.md"
    summary.write_text("before\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    run = call("--isolated", "--format", "github", ".", cwd=tmp_path)
    assert run.code in (0, 1)
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("before\n## gialint")
    assert "| a.txt | 平潭综合实验区 | 2023 |" in text and "old.doc" in text
    monkeypatch.delenv("GITHUB_STEP_SUMMARY")
    call("--isolated", "--format", "github", ".", cwd=tmp_path)
    assert summary.read_text(encoding="utf-8") == text


def test_sarif_for_word_and_pdf_has_the_place_and_no_region_of_binary_lines():
    import json

    import jsonschema
    from gialint_testing import SARIF_SCHEMA

    from gialint.findings import FileResult, Finding, Location
    from gialint.formats import render

    place = Location(0, 2, 40, 3, 40, 5, "第 2 页 第 7 行")
    results = [FileResult(path=p, encoding="utf-8", source_text="ab\ncd\n",
                          findings=[Finding("GIA201", "t3-sum", "table", "error", "合计不符", place)])
               for p in ("a.pdf", "b.txt")]
    doc = json.loads(render("sarif", results, [], version="1"))
    jsonschema.validate(doc, json.loads(SARIF_SCHEMA.read_text(encoding="utf-8")))
    run = doc["runs"][0]
    assert "encoding" not in run["artifacts"][0] and run["artifacts"][1]["encoding"] == "utf-8"
    pdf, txt = run["results"]
    assert "region" not in pdf["locations"][0]["physicalLocation"]
    assert pdf["locations"][0]["logicalLocations"][0]["name"] == "第 2 页 第 7 行"
    assert pdf["partialFingerprints"]["primaryLocationLineHash"] == pdf["partialFingerprints"]["gialint/v1"]
    assert "第 2 页 第 7 行" in pdf["message"]["text"]
    assert "region" in txt["locations"][0]["physicalLocation"]
    assert "primaryLocationLineHash" not in txt["partialFingerprints"]
