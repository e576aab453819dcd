"""The reviewer's formats without a browser: ``--format html`` (self-contained,
escaped, the organ and the findings on each report's page), ``--format xlsx``
read back with openpyxl, and JSON's organ/title and summary."""

from __future__ import annotations

import json
import re
import shutil

import pytest
from gialint_testing import REAL, call

REPORTS = ["2023_pingtan-zone.txt", "2025_shuyang-county-gov.txt", "2024_shanghai-stcsm-kewei.md"]


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    folder = tmp_path_factory.mktemp("reports")
    for name in REPORTS:
        shutil.copy(REAL / name, folder / name)
    (folder / "old-format.doc").write_bytes(b"\xd0\xcf\x11\xe0 not read")
    return folder


def test_html_is_one_self_contained_page(folder, tmp_path):
    out = tmp_path / "report.html"
    run = call("--isolated", "--format", "html", "-o", out, folder, cwd=folder)
    assert run.code in (0, 1), run.err
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and page.endswith("</html>\n")
    # no network: no external script, style sheet, image or font
    assert not re.search(r'<(script|link|img|iframe)[^>]+(src|href)=', page)
    assert "http://" not in page.split("<main>")[0] and "@import" not in page
    assert page.count('<section class="report"') == len(REPORTS)
    assert "平潭综合实验区" in page and "上海市科委" in page
    assert "old-format.doc" in page and "未检查的文件" in page
    assert "@page { size: A4" in page and "break-before: page" in page
    # every finding's place links to its highlight in the text
    targets = re.findall(r'data-target="(r\d+f\d+)"', page)
    assert targets and all(f'id="{t}"' in page for t in targets)


def test_html_escapes_the_report_text(tmp_path):
    report = tmp_path / "x.txt"
    report.write_text((REAL / "2025_shuyang-county-gov.txt").read_text(encoding="utf-8")
                      + "\n<script>alert(1)</script>\n", encoding="utf-8")
    run = call("--isolated", "--format", "html", report, cwd=tmp_path)
    assert "<script>alert(1)" not in run.out and "&lt;script&gt;alert(1)" in run.out


def test_html_reader_notes_are_kept_apart_and_not_scored():
    from gialint.findings import FileResult, Finding, Location
    from gialint.formats.html import render_html, score

    loc = Location(0, 2, 1, 1, 1, 3)
    f = Finding("GIA201", "x", "table", "error", "m", loc)
    note = Finding("GIA209", "y", "table", "warning", "n", loc, verbose=True)
    r = FileResult(path="a.txt", source_text="ab\n", findings=[f, note], organ="某机关")
    assert score(r) == 90
    page = render_html([r], [], version="1")
    assert "需要机关改正的问题（1）" in page and "gialint 的读取说明（1" in page


def test_json_has_organ_title_and_a_summary(folder):
    run = call("--isolated", "--format", "json", folder, cwd=folder)
    doc = json.loads(run.out)
    entry = next(f for f in doc["files"] if f["path"] == "2023_pingtan-zone.txt")
    assert entry["organ"] == "平潭综合实验区" and "2023" in entry["title"]
    assert (entry["report_year"], entry["edition"]) == (2023, "2021")
    s = doc["summary"]
    assert (s["files"], s["checked"], s["not_checked"]) == (len(REPORTS) + 1, len(REPORTS), 1)
    shown = [f for e in doc["files"] for f in e["findings"] if not f.get("verbose")]
    assert s["findings"] == len(shown) == sum(s["severity"].values()) == sum(s["category"].values())
    assert sum(s["rule"].values()) == len(shown) and set(s["rule"]) == {f["rule"] for f in shown}


def test_xlsx_reads_back_with_openpyxl(folder, tmp_path):
    openpyxl = pytest.importorskip("openpyxl", reason="openpyxl: pip install 'gialint-cn[report]'")
    from gialint.formats.xlsx import FINDING_HEADERS, OVERVIEW_HEADERS

    out = tmp_path / "report.xlsx"
    run = call("--isolated", "--format", "xlsx", "-o", out, folder, cwd=folder)
    assert run.code in (0, 1), run.err
    doc = json.loads(call("--isolated", "--format", "json", folder, cwd=folder).out)
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["问题清单", "概览", "按机关"]
    by_organ = list(wb["按机关"].iter_rows(values_only=True))
    assert by_organ[0][0] == "机关" and wb["按机关"].freeze_panes == "A2"
    assert {r[0] for r in by_organ[1:]} == {"平潭综合实验区", "沐阳县人民政府", "上海市科委"}
    assert all(r[1] == 1 for r in by_organ[1:])
    ws = wb["问题清单"]
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0] == FINDING_HEADERS
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref == ws.dimensions
    every = [(e["path"], f["rule"], f["message"]) for e in doc["files"] for f in e["findings"]]
    assert sorted((r[0], r[4], r[8]) for r in rows[1:]) == sorted(every)
    first = next(r for r in rows[1:] if r[0] == "2023_pingtan-zone.txt")
    assert first[1] == "平潭综合实验区" and first[2] == 2023 and first[6] in ("错误", "警告", "提示")
    assert all(r[3] and r[9] for r in rows[1:])  # a place and the rule's explanation on every row
    ov = wb["概览"]
    orows = list(ov.iter_rows(values_only=True))
    assert orows[0] == OVERVIEW_HEADERS and ov.freeze_panes == "A2" and ov.auto_filter.ref
    assert len(orows) == len(REPORTS) + 2
    doc_row = next(r for r in orows if r[0] == "old-format.doc")
    assert doc_row[5] == "否" and doc_row[6]
    assert all(isinstance(r[11], int) for r in orows[1:] if r[5] == "是")


def test_xlsx_without_output_file_on_a_terminal_is_refused(folder, monkeypatch, capsys):
    import sys

    from gialint.cli import main

    monkeypatch.setattr(sys.stdout, "isatty", lambda: True, raising=False)
    assert main(["--isolated", "--format", "xlsx", str(folder)]) == 2
    assert "-o" in capsys.readouterr().err


def test_html_draws_the_tables_and_marks_a_broken_sum(tmp_path):
    text = (REAL / "2025_shuyang-county-gov.txt").read_text(encoding="utf-8")
    assert text.count("| 3 | 0 | 0 | 0 | 3 |") == 1
    (tmp_path / "broken.txt").write_text(text.replace("| 3 | 0 | 0 | 0 | 3 |", "| 3 | 0 | 0 | 0 | 5 |"),
                                         encoding="utf-8")
    page = call("--isolated", "--format", "html", "broken.txt", cwd=tmp_path).out
    for caption in ("表二 主动公开政府信息情况", "表三 收到和处理政府信息公开申请情况",
                    "表四 政府信息公开行政复议、行政诉讼情况"):
        assert f"<caption>{caption}</caption>" in page
    assert "行政许可" in page and "自然人" in page and "未经复议直接起诉" in page  # template labels
    broken = re.findall(r'<td class="cell broken" title="([^"]*)"><a[^>]*>([^<]*)</a>', page)
    assert [(value, "GIA304" in tip) for tip, value in broken] == [("5", True)]
    assert "合计为 3" in broken[0][0]  # what the parts add up to
    parts = re.findall(r'<td class="cell part"[^>]*><a[^>]*>([^<]*)</a>', page)
    assert parts == ["3", "0", "0", "0"]


def test_html_of_a_generated_word_report(tmp_path):
    pytest.importorskip("docx", reason="python-docx: pip install 'gialint-cn[docx]'")
    import sys

    sys.path.insert(0, str(REAL.parent.parent))
    from docx_builder import text_to_docx

    text = (REAL / "2025_shuyang-county-gov.txt").read_text(encoding="utf-8")
    text_to_docx(text.replace("| 3 | 0 | 0 | 0 | 3 |", "| 3 | 0 | 0 | 0 | 5 |"), tmp_path / "word.docx")
    page = call("--isolated", "--format", "html", "word.docx", cwd=tmp_path).out
    assert page.count('<section class="report"') == 1 and "沐阳县人民政府" in page
    broken = re.findall(r'<td class="cell broken" title="([^"]*)"><a[^>]*>([^<]*)</a>', page)
    assert [(value, "GIA304" in tip) for tip, value in broken] == [("5", True)]
    assert re.search(r'class="goto"[^>]*>[^<]*表', page)  # a Word place: table, row, cell


def test_cross_year_findings_are_gathered_under_the_organ(tmp_path):
    """A carry-over that does not meet last year's (GIA754) is listed in the
    html page's 按机关汇总 and in the workbook's 按机关 sheet, under the organ."""
    from gialint_testing import RULE_FIXTURES

    folder = RULE_FIXTURES / "GIA754" / "fail_carry_over_changed"
    out = tmp_path / "report.html"
    run = call("--isolated", "--format", "html", "-o", out, folder, cwd=tmp_path)
    assert run.code in (0, 1), run.err
    by_organ = out.read_text(encoding="utf-8").split('id="by-organ"')[1].split("</section>")[0]
    assert "GIA754" in by_organ and by_organ.count("<tr data-organ=") == 1
    openpyxl = pytest.importorskip("openpyxl", reason="openpyxl: pip install 'gialint-cn[report]'")
    book = tmp_path / "report.xlsx"
    run = call("--isolated", "--format", "xlsx", "-o", book, folder, cwd=tmp_path)
    (row,) = list(openpyxl.load_workbook(book)["按机关"].iter_rows(min_row=2, values_only=True))
    assert row[1] == 2 and "GIA754" in row[-1]


def test_every_rule_that_compares_reports_is_gathered_under_the_organ():
    """A new cross-year or copied-text rule cannot be left out of 按机关汇总."""
    from gialint.formats.html import CROSS_YEAR
    from gialint.ruleset import load_rules

    loaded = load_rules()
    names = {lr.rule.name for lr in loaded}
    assert CROSS_YEAR <= names, CROSS_YEAR - names
    comparing = {lr.rule.name for lr in loaded if lr.check.across_files}
    assert comparing <= CROSS_YEAR, comparing - CROSS_YEAR
