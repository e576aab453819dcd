"""Output that cannot be injected (issue 18): whatever a report or a file name
contains — every C0 and C1 control, terminal escapes, lone surrogates, a
newline followed by ``::`` — every format stays encodable as UTF-8 and
well-formed, the text formats show no character a terminal acts on, and no
line of GitHub output starts a workflow command the file name wrote."""

from __future__ import annotations

import json
import xml.dom.minidom

import pytest
from test_formats import REPORT, VERSION, make_finding, make_result, make_rule

from gialint.findings import FileResult
from gialint.formats import FORMATS, render
from gialint.formats._common import visible

CONTROLS = "".join(map(chr, range(0x00, 0x20))) + "\x7f" + "".join(map(chr, range(0x80, 0xA0)))
HOSTILE = ("\x1b]0;pwned\x07\x1b[2J\x9b31m\u202e" + CONTROLS + "\udcff\ud800"
           + "\n::error file=x.txt,line=1::injected\r\n::warning::again")
ACTS_ON_TERMINAL = set(CONTROLS) - {"\t", "\n"} | {"\u202e", "\u2028", "\u2029"}


def _results() -> list[FileResult]:
    f = make_finding(REPORT, 2, 1, 3, message="缺少" + HOSTILE)
    return [
        make_result(REPORT, [f], path="a" + HOSTILE + ".txt"),
        make_result(None, path="b" + HOSTILE + ".txt", error="无法读取" + HOSTILE),
        make_result(REPORT, [make_finding(REPORT, 3, 2, 4)], path="plain.txt"),
    ]


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_survives_every_control_and_surrogate(fmt):
    out = render(fmt, _results(), [make_rule()], version=VERSION, lang="en")
    out.encode("utf-8")  # encodable: no lone surrogate left
    if fmt in ("json", "sarif", "gitlab"):
        doc = json.loads(out)
        assert "plain.txt" in out
        text = json.dumps(doc, ensure_ascii=False)
        if fmt == "json":  # the same values, escaped, not changed
            assert doc["files"][0]["path"] == "a" + HOSTILE + ".txt"
            assert doc["files"][0]["findings"][0]["message"] == "缺少" + HOSTILE
        assert not set(out) & (ACTS_ON_TERMINAL | {"\udcff"})
        del text
    if fmt == "junit":
        xml.dom.minidom.parseString(out.encode("utf-8"))
    if fmt in ("text", "github", "junit"):
        assert not set(out) & ACTS_ON_TERMINAL, sorted(set(out) & ACTS_ON_TERMINAL)
        assert "␛]0;pwned␇" in out
    if fmt == "github":
        commands = [ln for ln in out.splitlines() if ln.startswith("::")]
        # one command per finding or unreadable file, none written by a name or message
        assert len(commands) == 3
        assert not any(ln.startswith(("::error file=x.txt", "::warning::again")) for ln in out.splitlines())


def test_text_format_with_color_escapes_only_its_own_styles():
    import re

    out = render("text", _results(), [], version=VERSION, lang="en", color=True)
    without_styles = re.sub(r"\x1b\[[0-9;]*m", "", out)
    assert "\x1b" not in without_styles and "\x07" not in without_styles
    assert "␛]0;pwned␇␛[2J\\x9b31m" in without_styles


def test_visible():
    assert visible("a\x1b[31mb") == "a␛[31mb"
    assert visible("x\ny\r\x00\x7f") == "x␊y␍␀␡"
    assert visible("\x85\x9b") == "\\x85\\x9b"
    assert visible("\udcff\ud800\u202e") == "\\xff\\ud800\\u202e"
    assert visible("正常\t文本") == "正常\t文本"


def test_cli_with_a_hostile_file_name(tmp_path, capsys):
    import os

    from gialint_testing import RULE_FIXTURES, run_main

    src = (RULE_FIXTURES / "GIA601" / "fail_footer_lines.txt").read_bytes()
    folder = tmp_path / "in"
    folder.mkdir()
    name = os.fsencode(folder) + b"/\xff\x1b]0;evil\x07\n::error file=x::pwn\xc2\x9b.txt"
    with open(name, "wb") as fh:
        fh.write(src)
    for fmt in FORMATS:
        res = run_main(capsys, "--format", fmt, folder)
        assert res.code == 1, (fmt, res.err)
        assert "\x1b" not in res.out and "\x07" not in res.out
        res.out.encode("utf-8")
        if fmt in ("json", "sarif", "gitlab"):
            json.loads(res.out)
        if fmt == "junit":
            xml.dom.minidom.parseString(res.out.encode("utf-8"))
        assert not any(ln.startswith("::error file=x") for ln in res.out.splitlines()), (fmt, res.out)


def test_workbook_keeps_hostile_text_as_text(tmp_path):
    """A hostile file name or message reaches the workbook as visible text
    (openpyxl refuses control characters), and a text starting with "=" stays
    text: it never becomes a formula in Excel or WPS."""
    import io

    import openpyxl

    from gialint.formats import render_bytes

    results = _results() + [make_result(REPORT, [make_finding(REPORT, 2, 1, 3, message="=HYPERLINK(\"http://x\")")],
                                        path="=cmd|' /C calc'!A0.txt")]
    data = render_bytes("xlsx", results, [make_rule()], version=VERSION)
    wb = openpyxl.load_workbook(io.BytesIO(data))
    values = [c.value for ws in wb for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert "=cmd|' /C calc'!A0.txt" in values
    assert "=HYPERLINK(\"http://x\")" in values
    assert any("␛]0;pwned␇" in v for v in values)
    formulas = [c for ws in wb for row in ws.iter_rows() for c in row if c.data_type == "f"]
    assert formulas == []


def test_csv_cells_that_a_spreadsheet_would_run_are_quoted():
    import csv
    import io

    results = [make_result(REPORT, [make_finding(REPORT, 2, 1, 3, message="+1 -1")], path="=cmd.txt"),
               make_result(REPORT, [make_finding(REPORT, 2, 1, 3)], path="@sum.txt")]
    out = render("csv", results, [make_rule()], version=VERSION, lang="zh")
    rows = list(csv.reader(io.StringIO(out.lstrip("\ufeff"))))
    cells = [c for row in rows[1:] for c in row]
    assert "'=cmd.txt" in cells and "'@sum.txt" in cells and "'+1 -1" in cells
    assert not any(c.startswith(("=", "+", "-", "@")) for c in cells)
