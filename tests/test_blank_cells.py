"""Blank table cells in web pages and Word documents (GIA208).

An empty cell (``<td></td>``, ``&nbsp;``, spaces or full-width spaces, an
empty Word cell), a cell merged across columns (``colspan``, ``gridSpan``)
or down rows (``rowspan``, ``vMerge``) keeps its grid position: its blanks
are blank cells of its row, never glued digits and never moved into the
next columns; and blank cells that touch are one omission, one finding with
every cell a related location.  The pipe-row and one-line layouts are in
tests/fixtures/layouts/cases.toml; these are the merges the layouts do not make.
"""

from __future__ import annotations

import io
import re
import sys
from pathlib import Path

import docx
import pytest
from gialint_testing import TESTS
from layouts import render

from gialint.api import Linter
from gialint.checks.tables import _rectangles

BASE = (TESTS / "fixtures" / "layouts" / "base.txt").read_text(encoding="utf-8")
LINTER = Linter(isolated=True)

# 表三 as docx_builder makes it: three label columns, then 自然人, the five
# 法人或其他组织 columns and 总计
NATURAL, LEGAL, TOTAL = 3, range(4, 9), 9


def _findings(data: bytes, name: str, linter: Linter = LINTER):
    report = linter.lint_bytes(data, Path(name))
    assert report.error is None
    return report.findings


def _summary(findings) -> list[tuple[str, str, int]]:
    return sorted((f.rule, f.message.split("；")[0], len(f.related)) for f in findings)


EXPECTED = [
    ("GIA208", "3.其他（社会公益组织）未填写数字", 0),
    ("GIA208", "表三 “2.重复申请”行 共 7 格为空", 7),
    ("GIA208", "表三 “总计”列 共 2 格为空", 2),
    ("GIA208", "表三 “（一）予以公开”行 法人或其他组织 共 5 格为空", 5),
]


def _row(table, label: str):
    return next(r for r in table.rows if any(c.text == label for c in r.cells))


def test_word_merged_and_blank_value_cells():
    _, data = render(BASE, "docx")
    doc = docx.Document(io.BytesIO(data))
    t3 = next(t for t in doc.tables if any("申请人情况" in c.text for c in t.rows[0].cells))
    granted = _row(t3, "（一）予以公开")
    merged = granted.cells[LEGAL[0]].merge(granted.cells[LEGAL[-1]])  # one cell over five columns
    merged.text = ""
    first, second = _row(t3, "一、本年新收政府信息公开申请数量"), _row(t3, "二、上年结转政府信息公开申请数量")
    first.cells[TOTAL].merge(second.cells[TOTAL]).text = ""  # 总计 merged down two rows
    for cell in _row(t3, "2.重复申请").cells[NATURAL:]:
        cell.text = ""
    _row(t3, "3.其他").cells[LEGAL[2]].text = "\u3000"  # full-width space: 社会公益组织
    out = io.BytesIO()
    doc.save(out)
    findings = _findings(out.getvalue(), "report.docx")
    assert _summary(findings) == EXPECTED
    granted_finding = next(f for f in findings if "予以公开" in f.message)
    # the merged cell is one Word cell: every column it covers is in it
    assert {r.place for r in granted_finding.related} == {granted_finding.place}
    # the row's fourth Word cell: after 三、本年度办理结果, （一）予以公开 (over two columns), 自然人
    assert re.fullmatch(r"表三 第 \d+ 行 第 4 格", granted_finding.place)


def _html_row(page: str, label: str) -> tuple[int, int]:
    """Where the <tr> whose first cell is ``label`` is in ``page``."""
    start = page.index(f"<tr><td>{label}</td>")
    return start, page.index("</tr>", start) + len("</tr>")


def test_html_merged_and_blank_value_cells():
    _, data = render(BASE, "html")
    page = data.decode("utf-8")

    def edit(label, fn):
        nonlocal page
        a, b = _html_row(page, label)
        cells = re.findall(r"<td>(.*?)</td>", page[a:b])
        page = page[:a] + fn(cells) + page[b:]

    def tr(cells):
        return "<tr>" + "".join(c if c.startswith("<td") else f"<td>{c}</td>" for c in cells) + "</tr>"

    # the five 法人或其他组织 cells merged into one empty cell
    edit("（一）予以公开", lambda c: tr(c[:2] + ['<td colspan="5"></td>'] + c[7:]))
    # 总计 merged down over rows 一 and 二, empty: the row below has no cell there
    edit("一、本年新收政府信息公开申请数量", lambda c: tr(c[:7] + ['<td rowspan="2">&nbsp;</td>']))
    edit("二、上年结转政府信息公开申请数量", lambda c: tr(c[:7]))
    edit("2.重复申请", lambda c: tr(c[:1] + [" "] * 7))
    edit("3.其他", lambda c: tr(c[:4] + ["\u3000"] + c[5:]))
    findings = _findings(page.encode("utf-8"), "report.html")
    assert _summary(findings) == EXPECTED
    lines = page.split("\n")
    for f in findings:
        for r in f.related or (f,):
            # each blank cell points into its own <td> (an empty one: between its tags)
            before = lines[r.line - 1][:r.column - 1]
            assert re.search(r"<td[^>]*>$", before), (f.message, before[-30:])


def test_message_in_english():
    text = re.sub(r"^(.*[一-龥].*? \| )(\d+) \| \d+ \| \d+ \| \d+ \| \d+ \| \d+ \| (\d+) \|$",
                  r"\1\2 |  |  |  |  |  | \3 |", BASE, flags=re.M)
    (f,) = _findings(text.encode("utf-8"), "report.txt", Linter(isolated=True, lang="en"))
    assert f.message == ("表三 法人或其他组织, 5 columns × 25 rows: 125 cells have no number; "
                         "the format expects a number, 0 when there is none")
    assert len(f.related) == 125
    assert f.related[0].message == "一、本年新收政府信息公开申请数量（商业企业） has no number"


@pytest.mark.parametrize(("cells", "rows", "groups"), [
    # a lone cell; two cells apart in a row
    ({(0, 1)}, [0, 1], [[(0, 1)]]),
    ({(0, 1), (0, 3)}, [0], [[(0, 1)], [(0, 3)]]),
    # a row and a column that cross: the column, then the rest of the row
    ({(r, 6) for r in range(5)} | {(2, c) for c in range(7)}, list(range(5)),
     [[(0, 6), (1, 6), (2, 6), (3, 6), (4, 6)], [(2, c) for c in range(6)]]),
    # a rectangle; rows not read (2) do not part it, a row read without blanks (3) does
    ({(r, c) for r in (0, 1, 4) for c in (1, 2)}, [0, 1, 3, 4],
     [[(0, 1), (0, 2), (1, 1), (1, 2)], [(4, 1), (4, 2)]]),
    ({(r, c) for r in (0, 1, 4) for c in (1, 2)}, [0, 1, 4], [sorted((r, c) for r in (0, 1, 4) for c in (1, 2))]),
])
def test_rectangles(cells, rows, groups):
    assert _rectangles(cells, rows) == groups


if __name__ == "__main__":  # pragma: no cover
    sys.exit(pytest.main([__file__]))
