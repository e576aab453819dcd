"""Hostile structure in HTML and Word files (issue 18): time and memory bounded by
the size of the file, never a traceback.  Each case has a generous wall-clock
guard for a shared machine (the cases take well under a second or two when
linear); a case the reader refuses is an input error naming the file, exit 2."""

from __future__ import annotations

import time

from gialint_testing import run_main

from gialint.readers.html import read as read_html

GUARD = 20.0  # seconds


def lint(capsys, path, *args):
    t = time.perf_counter()
    result = run_main(capsys, "--jobs", "1", "--isolated", *args, path)
    took = time.perf_counter() - t
    assert "Traceback" not in result.err, result.err
    assert took < GUARD, f"{path.name}: {took:.1f}s"
    return result


def _page(body: str) -> bytes:
    return ("<html><body>" + body + "</body></html>").encode("utf-8")


# -- HTML: deep nesting ----------------------------------------------------------------


def test_100000_nested_divs_are_read_in_linear_time(capsys, tmp_path):
    path = tmp_path / "deep.html"
    path.write_bytes(_page("<div>" * 100_000 + "报告正文" + "</div>" * 100_000))
    result = lint(capsys, path, "--format", "json")
    assert result.code in (0, 1)
    assert result.json()["files"][0]["error"] is None


def test_unclosed_nesting_and_stray_end_tags(tmp_path):
    """Cases that made the tree builder scan its whole stack for each tag."""
    n = 50_000
    for body in ("<div>" * n + "报告", "<div>" * n + "</span>" * n + "报告", "<p><div>" * n + "报告",
                 "<ul><li>" * n + "报告", "<table><tr><td>" * n + "报告"):
        t = time.perf_counter()
        assert "报告" in read_html(_page(body), "x.html").text
        assert time.perf_counter() - t < GUARD, body[:20]


def test_nested_layout_tables_and_captions_do_not_recurse():
    """A layout table in a layout table … and a table in a caption of a table …:
    once a RecursionError at a few hundred levels."""
    n = 3000
    layout = _page('<div class="content"><p>正文</p>' + "<table><tr><td>" * n + "报告"
                   + "</td></tr></table>" * n + "</div>")
    assert read_html(layout, "x.html").text == "正文\n报告\n"
    row = "<tr><td>项目</td><td>数量</td></tr>"
    captions = _page('<div class="content"><p>正文</p>' + ("<table>" + row + "<caption>表") * n + "报告"
                     + "</caption></table>" * n + "</div>")
    text = read_html(captions, "x.html").text
    assert text.startswith("正文\n\n表\n\n表\n") and text.count("项目") == n


# -- HTML: rowspan and colspan ---------------------------------------------------------


def _grid_of(html: str) -> list[list[str]]:
    """The grid of the page's first table: each position's cell text, "^" for a
    position a cell covers without its text, "" for none."""
    from gialint.readers.html.dom import _parse, _walk
    from gialint.readers.html.tables import _grid

    table = next(e for e in _walk(_parse(html)) if e.tag == "table")
    return [["" if cell is None else "".join(c[-1] for c in cell.children if isinstance(c, tuple))
             if first else "^" for cell, first in row] for row in _grid(table)]


def test_rowspan_is_clamped_to_its_section():
    """rowspan=0 spans the rest of its thead/tbody/tfoot, and no rowspan crosses one."""
    html = ("<table><thead><tr><td rowspan=0>甲</td><td rowspan=9>乙</td><td>丙</td></tr>"
            "<tr><td>丁</td></tr></thead>"
            "<tbody><tr><td>1</td><td>2</td><td rowspan=0>3</td></tr><tr><td>4</td><td>5</td></tr></tbody>"
            "<tr><td>6</td><td>7</td><td>8</td></tr></table>")
    assert _grid_of(html) == [["甲", "乙", "丙"], ["^", "^", "丁"],
                              ["1", "2", "3"], ["4", "5", "^"],
                              ["6", "7", "8"]]


def test_colspan_is_clamped_to_the_widest_row():
    html = ("<table><tr><td colspan=1000>标题</td></tr><tr><td>项目</td><td colspan=2>数量</td></tr>"
            "<tr><td colspan=5000>说明</td></tr></table>")
    assert _grid_of(html) == [["标题", "^", "^"], ["项目", "数量", "^"], ["说明", "^", "^"]]


def test_rowspan_0_colspan_1000_rows_stay_small(capsys, tmp_path):
    """Each row's cell pushed the next one 1,000 columns further right: 200 rows
    needed 40 million grid positions and over 4 GB."""
    page = _page("<table>" + "<tr><td rowspan=0 colspan=1000>1</td></tr>" * 200 + "</table>")
    grid = _grid_of(page.decode())
    assert len(grid) == 200 and max(len(row) for row in grid) == 200
    path = tmp_path / "spans.html"
    path.write_bytes(page)
    assert lint(capsys, path).code in (0, 1)


def test_grid_over_the_page_budget_is_an_input_error(capsys, tmp_path):
    """A table whose spans need more grid positions than the page may have (100,000
    plus one per 4 characters) is refused; the other files are still linted."""
    row = "<tr>" + "<td rowspan=0>1</td>" * 200 + "</tr>"  # each row 200 columns right of the last
    path = tmp_path / "spans.html"
    path.write_bytes(_page("<table>" + row * 100 + "</table>"))  # 400 KB: a million positions
    good = tmp_path / "good.html"
    good.write_bytes(_page("<p>报告</p><table><tr><td>项目</td><td>1</td></tr></table>"))
    zh = lint(capsys, path, good)
    assert zh.code == 2
    assert "spans.html" in zh.out and "网页第 1 个表格的合并单元格" in zh.out and "未读取" in zh.out
    en = run_main(capsys, "--jobs", "1", "--isolated", "--lang", "en", "--format", "json", path, good)
    files = {f["path"].rsplit("/", 1)[-1]: f for f in en.json()["files"]}
    assert files["spans.html"]["error"].startswith("HTML table 1: its rowspan and colspan make the page's "
                                                   "tables more than")
    assert files["good.html"]["error"] is None


# -- Word ------------------------------------------------------------------------------


def _word(path, body_xml: str, numbering: str = "", extra: dict[str, bytes] | None = None):
    """A .docx at ``path`` whose body is ``body_xml``, with numbering definitions
    and extra parts (name → bytes) in its ZIP."""
    import zipfile

    from docx_builder import docx_with_body

    path.write_bytes(docx_with_body(body_xml, numbering))
    if extra:
        with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as z:
            for name, data in extra.items():
                z.writestr(name, data)
    return path


def _para(text: str, ppr: str = "", runs: str = "") -> str:
    return f'<w:p><w:pPr>{ppr}</w:pPr>{runs}<w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'


def _numbered_list(fmt: str, start: str, ilvl: str = "0") -> str:
    return (f'<w:abstractNum w:abstractNumId="90"><w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/>'
            f'<w:numFmt w:val="{fmt}"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum>'
            '<w:num w:numId="90"><w:abstractNumId w:val="90"/></w:num>')


def _in_list(text: str, ilvl: str = "0") -> str:
    return _para(text, f'<w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="90"/></w:numPr>')


def test_huge_numbering_start_is_shown_in_digits(capsys, tmp_path):
    """A w:start of 10^9 in lowerLetter was a billion letters (a gigabyte line)."""
    from gialint import readers

    for fmt, first in (("lowerLetter", "1000000000."), ("upperRoman", "1000000000."),
                       ("chineseCounting", "1000000000、"), ("decimal", "1000000000.")):
        path = _word(tmp_path / f"{fmt}.docx", _in_list("项目") + _in_list("项目"),
                     _numbered_list(fmt, "1000000000").replace("%1.", "%1、" if "chinese" in fmt else "%1."))
        t = time.perf_counter()
        text = readers.read_path(str(path)).text
        assert time.perf_counter() - t < GUARD
        assert text.split("\n")[:2] == [first + "项目", first[:-2] + "1" + first[-1] + "项目"], fmt
    # up to 30 letters and 32767 in roman numerals, as Word shows them
    path = _word(tmp_path / "letters.docx", _in_list("项目"), _numbered_list("lowerLetter", "780"))
    assert readers.read_path(str(path)).text == "z" * 30 + ".项目\n"
    path = _word(tmp_path / "roman.docx", _in_list("项目"), _numbered_list("upperRoman", "2024"))
    assert readers.read_path(str(path)).text == "MMXXIV.项目\n"
    lint(capsys, path)


def test_numbering_levels_and_numbers_out_of_range_are_ignored(tmp_path):
    """Levels past Word's nine, and numbers too long for WordprocessingML."""
    from gialint import readers

    for ilvl, start in (("1000000000", "1"), ("0", "9" * 5000), ("-1", "1"), ("x", "y")):
        path = _word(tmp_path / "levels.docx", _in_list("项目", ilvl), _numbered_list("decimal", start, ilvl))
        text = readers.read_path(str(path)).text
        assert text.endswith("项目\n") and len(text) < 20, (ilvl, start, text)


def test_symbol_outside_unicode_is_a_damaged_document(capsys, tmp_path):
    good = _word(tmp_path / "good.docx", _para("报告"))
    for code in ("D800", "DFFF", "110000", "FFFFFFFFFFFFFFFFFFFFFFFF"):
        sym = f'<w:r><w:sym w:font="Symbol" w:char="{code}"/></w:r>'
        path = _word(tmp_path / "sym.docx", _para("报告", runs=sym))
        zh = lint(capsys, path, good)
        assert zh.code == 2
        assert "sym.docx" in zh.out and "Word 文档已损坏：符号（w:sym）的字符代码" in zh.out, zh.out
        en = run_main(capsys, "--jobs", "1", "--isolated", "--lang", "en", "--format", "json", path, good)
        files = {f["path"].rsplit("/", 1)[-1]: f for f in en.json()["files"]}
        assert files["sym.docx"]["error"].startswith("damaged Word document: a symbol (w:sym) has the "
                                                     "character code " + code[:20])
        assert files["good.docx"]["error"] is None
    # a real character and a symbol font's private-use code are read as before
    syms = '<w:r><w:sym w:font="Wingdings" w:char="F0FC"/><w:sym w:font="Symbol" w:char="2605"/></w:r>'
    from gialint import readers

    assert readers.read_path(str(_word(tmp_path / "ok.docx", _para("报告", runs=syms)))).text == "★报告\n"


def test_zip_expansion_is_bounded_by_max_file_size(capsys, tmp_path, monkeypatch):
    """A Word file's parts may expand to 10 × max-file-size (at least 100 MB; 10 MB
    here, so that the test stays small)."""
    from gialint.readers import docx as docx_reader

    monkeypatch.setattr(docx_reader, "MIN_UNCOMPRESSED", 10 * 1024 * 1024)
    path = _word(tmp_path / "bomb.docx", _para("报告"), extra={"word/media/zeros.bin": bytes(15 * 1024 * 1024)})
    assert path.stat().st_size < 200 * 1024
    refused = lint(capsys, path, "--max-file-size", "1MB", "--lang", "en")
    assert refused.code == 2
    assert "bomb.docx" in refused.out and "ZIP package expands to more than 10 MB (10 times max-file-size" in refused.out
    assert lint(capsys, path, "--max-file-size", "2MB").code in (0, 1)
    zh = lint(capsys, path, "--max-file-size", "1MB")
    assert "ZIP 包解压后超过 10 MB（max-file-size 的 10 倍" in zh.out


def test_a_control_character_symbol_is_a_space(tmp_path):
    """w:char 0000 (or any control code) would put a NUL into the text, which the
    text reader refuses and XML text cannot hold: it is read as a space."""
    from gialint import readers

    syms = '<w:r><w:sym w:font="Symbol" w:char="0000"/><w:sym w:font="Symbol" w:char="001B"/></w:r>'
    text = readers.read_path(str(_word(tmp_path / "nul.docx", _para("报告", runs=syms)))).text
    assert text == "  报告\n" and "\x00" not in text and "\x1b" not in text
