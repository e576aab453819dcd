"""The Word (.docx) reader: rendering, positions, errors, and the same findings
as the text report it was made from (tests/docx_builder.py writes the files)."""

from __future__ import annotations

import collections
import importlib
import io
import json
import re
import zipfile
from pathlib import Path

import docx
import jsonschema
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx_builder import split_row, text_to_docx
from gialint_testing import RULE_FIXTURES, SARIF_SCHEMA, call, run_main

from gialint import readers
from gialint.source import InputError

CLEAN = RULE_FIXTURES / "GIA101" / "pass_clean_2021.txt"
W = nsdecls("w")


def _read(path: Path):
    return readers.read_path(str(path))


_BUILT: dict[tuple[Path, str, bool], Path] = {}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """Build each fixture's .docx once per module (python-docx is slow at merging cells)."""
    folder = tmp_path_factory.mktemp("docx")

    def build(fixture: Path, headings: str = "styles", split_t2: bool = False) -> Path:
        key = (fixture, headings, split_t2)
        if key not in _BUILT:
            name = f"{fixture.parent.name}_{fixture.stem}_{headings}_{split_t2:d}.docx"
            _BUILT[key] = text_to_docx(fixture.read_text(encoding="utf-8"), folder / name,
                                       headings=headings, split_t2=split_t2)
        return _BUILT[key]

    yield build
    _BUILT.clear()


def _docx(tmp_path: Path, fixture: Path, **kw) -> Path:
    return text_to_docx(fixture.read_text(encoding="utf-8"), tmp_path / (fixture.stem + ".docx"), **kw)


def _lint(capsys, *paths, args=()):
    # the text and its .docx are one report twice: not a second report of the year (GIA751)
    result = run_main(capsys, "--isolated", "--format", "json", "--jobs", "1", "--ignore", "GIA751",
                      *args, *paths)
    assert result.code in (0, 1), result.err
    return result.json()["files"]


def _key(findings):
    return collections.Counter((f["rule"], f["severity"], f["message"]) for f in findings)


def _body_docx(tmp_path: Path, body_xml: str, name: str = "t.docx", numbering: str = "") -> Path:
    """A .docx whose body is ``body_xml`` (WordprocessingML), with optional
    numbering definitions added to the numbering part."""
    doc = docx.Document()
    body = doc.element.body
    for el in list(body):
        if not el.tag.endswith("sectPr"):
            body.remove(el)
    sect = body[-1]
    for el in parse_xml(f"<w:body {W}>{body_xml}</w:body>"):
        sect.addprevious(el)
    if numbering:
        part = doc.part.numbering_part.element
        defs = parse_xml(f"<w:numbering {W}>{numbering}</w:numbering>")
        first_num = part.find(f"{{{defs.nsmap['w']}}}num")
        for el in list(defs):
            if el.tag.endswith("abstractNum"):
                first_num.addprevious(el)
            else:
                part.append(el)
    path = tmp_path / name
    doc.save(str(path))
    return path


def _cell_text(tc) -> str:
    return "".join(t.text or "" for t in tc.iter(qn("w:t")))


def _p(text: str, ppr: str = "") -> str:
    return f"<w:p><w:pPr>{ppr}</w:pPr><w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>"


def _tc(text: str, tcpr: str = "") -> str:
    return f"<w:tc><w:tcPr>{tcpr}</w:tcPr>{_p(text)}</w:tc>"


# -- the clean report as a Word file ------------------------------------------------------


def _tables(capsys, path) -> list[tuple[str, str, str]]:
    result = run_main(capsys, "parse", "--tables", path)
    assert result.code == 0, result.err
    rows = [ln.split("\t") for ln in result.out.splitlines() if ln and not ln.startswith("#")]
    return [tuple(r[:3]) for r in rows]


@pytest.mark.parametrize("headings,split_t2,word_tables", [
    ("styles", False, 3), ("bold", False, 3), ("numbered", False, 3),
    ("styles", True, 6),  # 表二's four parts as four Word tables
])
def test_clean_report_every_table_cell_read_as_in_the_text(capsys, headings, split_t2, word_tables, built):
    path = built(CLEAN, headings, split_t2)
    assert len(docx.Document(str(path)).tables) == word_tables
    want = _tables(capsys, CLEAN)
    got = _tables(capsys, path)
    assert got == want
    keys = {k for k, _, _ in got}
    # 表二 (10 cells), 表三 (25 rows x 7), 表四 (15): every cell, every one readable
    assert {k.split(".")[0] for k in keys} == {"t2", "t3", "t4"}
    assert len(keys) == 10 + 25 * 7 + 15
    assert {s for _, _, s in got} == {"ok"}
    assert _lint(capsys, path)[0]["findings"] == []


def test_rendering_of_the_national_tables(built):
    source = _read(built(CLEAN))
    lines = source.text.split("\n")
    assert lines[0] == "某某街道办事处2023年政府信息公开工作年度报告"
    assert lines[1] == "一、总体情况"
    # every row has a cell for each column of the grid: 表二's captions span the table,
    # their text in the first column, a short row's last cell is merged to the width
    assert "| 第二十条第（一）项 |  |  |  |" in lines
    assert "| 信息内容 | 本年处理决定数量 |  |  |" in lines
    assert "| 行政处罚 | 58 |  |  |" in lines
    # 表三: the 勾稽 note spans 3x3 cells, its lower rows are empty; 自然人 and 总计 span two
    # rows; a cell spanning columns before others has its text in its last column
    t3 = lines.index("|  |  | （本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） | 申请人情况 |"
                     "  |  |  |  |  |  |")
    assert lines[t3 + 1] == "|  |  |  | 自然人 |  |  |  |  | 法人或其他组织 | 总计 |"
    assert lines[t3 + 2] == "|  |  |  |  | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 |  |"
    # group labels merged down: on their first row, then empty; row labels over the
    # label columns stand right before the values
    assert "| 三、本年度办理结果 |  | （一）予以公开 | 2 | 0 | 0 | 0 | 0 | 0 | 2 |" in lines
    assert "|  | （三）不予公开 | 1.属于国家秘密 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |" in lines
    assert "|  |  | 2.其他法律行政法规禁止公开 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |" in lines
    assert "|  |  | 四、结转下年度继续办理 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |" in lines
    # 表四: 行政复议 over 5x2 cells, 行政诉讼 over ten columns
    t4 = lines.index("|  |  |  |  | 行政复议 | 行政诉讼 |  |  |  |  |  |  |  |  |  |")
    assert lines[t4 + 1] == "|  |  |  |  |  |  |  |  |  | 未经复议直接起诉 | 复议后起诉 |  |  |  |  |"
    assert source.text.endswith("本年未收取信息处理费。\n\n街道办事处\n2024年1月20日\n")  # the 落款
    assert not source.fixable and source.origin.kind == "docx" and source.origin.original is None


def test_paragraph_labels_count_body_paragraphs(built):
    path = built(CLEAN)
    source = _read(path)
    paragraphs = docx.Document(str(path)).paragraphs
    seen = 0
    offset = 0
    for line in source.text.split("\n")[:-1]:
        label = source.origin.label(offset)
        m = re.fullmatch(r"第 (\d+) 段", label)
        if m:
            seen += 1
            assert paragraphs[int(m.group(1)) - 1].text == line
        else:
            assert re.fullmatch(r"表 [1-3] 第 \d+ 行", label), label
        offset += len(line) + 1
    assert seen == len(paragraphs) == 16  # 13 and the closing block (a blank line, organ, date)


def test_cell_labels_name_the_word_cell(built):
    """Every value of 表三 is labelled with the table, row and cell that hold it in Word."""
    path = built(CLEAN)
    source = _read(path)
    tables = docx.Document(str(path)).tables
    checked = 0
    for m in re.finditer(r"(?<=\| )\d+(?= \|)", source.text):
        label = source.origin.label(m.start())
        t, r, c = map(int, re.fullmatch(r"表 (\d+) 第 (\d+) 行 第 (\d+) 格", label).groups())
        tcs = tables[t - 1].rows[r - 1]._tr.tc_lst
        assert _cell_text(tcs[c - 1]) == m.group(), label
        checked += 1
    assert checked == 10 + 175 + 15


# -- the same findings as the text --------------------------------------------------------

EQUIVALENT = [
    # structure
    ("GIA101", "fail_five_absent"), ("GIA102", "fail_three_before_two"),
    ("GIA104", "fail_two_twice"), ("GIA105", "fail_sequence_gap"),
    # arithmetic
    ("GIA301", "fail_carried_over_not_answered_pipe"), ("GIA302", "fail_total_row_too_big_pipe"),
    ("GIA303", "fail_new_received_total_pipe"), ("GIA303", "fail_carried_over_total_markdown"),
    ("GIA304", "fail_suit_total_pipe"), ("GIA313", "fail_regulations_pipe"),
    # tables
    ("GIA205", "fail_single_other_row_2023"), ("GIA208", "fail_blank_pipe_cell"),
    ("GIA202", "fail_t2_row_missing_markdown"),
    # placeholders
    ("GIA502", "fail_marks"), ("GIA503", "fail_organ_placeholder"), ("GIA505", "fail_fields"),
    # dates
    ("GIA402", "fail_period_other_year"), ("GIA405", "fail_signed_after_publication"),
    # text against tables
    ("GIA701", "fail_received_markdown"),
]


@pytest.mark.parametrize("rule,stem", EQUIVALENT, ids=[f"{r}/{s}" for r, s in EQUIVALENT])
def test_docx_gives_the_findings_of_the_text(capsys, rule, stem, built):
    fixture = RULE_FIXTURES / rule / f"{stem}.txt"
    path = built(fixture)
    text, word = _lint(capsys, fixture, path)
    assert word["error"] is None
    assert _key(word["findings"]) == _key(text["findings"])
    # and the fixture's own rule fires (alone it is not folded into a stronger finding)
    text, word = _lint(capsys, fixture, path, args=("--select", rule))
    assert word["findings"], f"{rule} did not fire on the .docx"
    assert _key(word["findings"]) == _key(text["findings"])


@pytest.mark.parametrize("headings", ["bold", "numbered"])
@pytest.mark.parametrize("rule,stem", [("GIA105", "fail_sequence_gap"), ("GIA301", "fail_carried_over_not_answered_pipe"),
                                       ("GIA101", "fail_six_is_work_plan")])
def test_heading_styles_do_not_change_findings(capsys, rule, stem, headings, built):
    fixture = RULE_FIXTURES / rule / f"{stem}.txt"
    text, word = _lint(capsys, fixture, built(fixture, headings))
    assert word["findings"]
    assert _key(word["findings"]) == _key(text["findings"])


def test_numbered_headings_are_word_numbering(built):
    path = built(CLEAN, "numbered")
    paragraphs = docx.Document(str(path)).paragraphs
    assert paragraphs[1].text == "总体情况"  # the number is Word's, not typed
    assert _read(path).text.split("\n")[1] == "一、总体情况"


# -- positions in the output formats ------------------------------------------------------


def test_text_output_names_the_cell(capsys, built):
    path = built(RULE_FIXTURES / "GIA303" / "fail_new_received_total_pipe.txt")
    result = run_main(capsys, "--isolated", "--select", "GIA303", "--color", "never", path)
    assert result.code == 1
    # 一、本年新收 is row 4 of 表三 (the document's second table); 总计 is its 8th cell:
    # the place names the table as the report does (表三), not by Word's count (表 2)
    assert "= 位置: 表三 第 4 行 第 8 格" in result.out
    (finding,) = _lint(capsys, path, args=("--select", "GIA303"))[0]["findings"]
    assert finding["place"] == "表三 第 4 行 第 8 格"
    assert [r["place"] for r in finding["related"]] == [f"表三 第 4 行 第 {c} 格" for c in range(2, 8)]
    cells = docx.Document(str(path)).tables[1].rows[3]._tr.tc_lst
    assert _cell_text(cells[7]) == "14"


def test_paragraph_place_in_text_output(capsys, built):
    path = built(RULE_FIXTURES / "GIA502" / "fail_marks.txt")
    result = run_main(capsys, "--isolated", "--select", "GIA502", "--color", "never", path)
    places = re.findall(r"= 位置: (.+)", result.out)
    assert places and all(re.fullmatch(r"第 \d+ 段", p) for p in places)
    paragraphs = docx.Document(str(path)).paragraphs
    lines = _read(path).text.split("\n")
    findings = _lint(capsys, path, args=("--select", "GIA502"))[0]["findings"]
    assert len(findings) == len(places)
    for f in findings:
        n = int(re.fullmatch(r"第 (\d+) 段", f["place"]).group(1))
        assert paragraphs[n - 1].text == lines[f["line"] - 1]  # the paragraph holds the finding
        assert f["place"] in places


def test_sarif_validates_and_has_logical_locations(built):
    path = built(RULE_FIXTURES / "GIA301" / "fail_carried_over_not_answered_pipe.txt")
    result = call("--isolated", "--format", "sarif", path)
    assert result.code == 1, result.err
    doc = json.loads(result.out)
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.validators.validator_for(schema)(schema).validate(doc)
    results = [r for r in doc["runs"][0]["results"] if r["ruleId"] == "GIA301"]
    assert results
    for res in results:
        (loc,) = res["locations"]
        (logical,) = loc["logicalLocations"]
        assert re.fullmatch(r"表三 第 \d+ 行 第 \d+ 格", logical["name"])
        assert loc["physicalLocation"]["artifactLocation"]["uri"].endswith(".docx")
        for rel in res.get("relatedLocations", []):
            assert re.fullmatch(r"表三 第 \d+ 行 第 \d+ 格", rel["logicalLocations"][0]["name"])


def test_fix_never_touches_a_docx(capsys, tmp_path):
    fixture = RULE_FIXTURES / "GIA605" / "fail_pinyin.txt"
    path = _docx(tmp_path, fixture)
    before = path.read_bytes()
    text_copy = tmp_path / "copy.txt"
    text_copy.write_bytes(fixture.read_bytes())
    run_main(capsys, "--isolated", "--select", "GIA605", "--fix", text_copy, path)
    assert text_copy.read_bytes() != fixture.read_bytes()  # the text is fixed …
    assert path.read_bytes() == before  # … the Word file is not
    word = _lint(capsys, path, args=("--select", "GIA605"))[0]
    assert word["findings"]  # and its findings remain


# -- errors and empty files ---------------------------------------------------------------


def _zip(entries: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, data in entries.items():
            z.writestr(name, data)
    return buf.getvalue()


def _without(data: bytes, drop: str) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return _zip({i.filename: z.read(i.filename) for i in z.infolist() if i.filename != drop})


def _replace(data: bytes, name: str, old: bytes, new: bytes) -> bytes:
    """``data`` (a ZIP) with ``old`` replaced by ``new`` in its member ``name``."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        entries = {n: z.read(n) for n in z.namelist()}
    assert old in entries[name]
    entries[name] = entries[name].replace(old, new)
    return _zip(entries)


def _ole(*streams: str) -> bytes:
    """The start of an OLE2 compound file (as Word writes encrypted .docx and .doc)
    with directory entries of the given stream names."""
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
    return header + b"".join(s.encode("utf-16-le").ljust(64, b"\0") + bytes(64) for s in streams)


@pytest.mark.parametrize("case,needle", [
    ("random", "not a readable .docx (Word/ZIP) file"),
    ("truncated", "ZIP package is damaged, incomplete"),
    ("no_document", "without word/document.xml"),
    ("no_main_part", "not a Word document"),
    ("spreadsheet", "not a Word document"),
    ("broken_xml", "damaged Word document"),
    ("encrypted", "password-protected"),
    ("doc97", ".doc (OLE2)"),
    ("macro_enabled", "its main part is application/vnd.ms-word.document.macroEnabled.main+xml"),
])
def test_corrupt_docx_is_an_input_error(capsys, tmp_path, case, needle, built):
    good = built(CLEAN).read_bytes()
    data = {
        "random": bytes(range(256)) * 8,
        "truncated": good[: len(good) // 2],
        "no_document": _zip({"[Content_Types].xml": b"<Types/>", "docProps/app.xml": b"<x/>"}),
        "no_main_part": _without(good, "word/document.xml"),
        "spreadsheet": _zip({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<x/>"}),
        "broken_xml": _replace(good, "word/document.xml", b"</w:body>", b""),
        "encrypted": _ole("Root Entry", "EncryptionInfo", "EncryptedPackage"),
        "doc97": _ole("Root Entry", "WordDocument", "1Table"),
        "macro_enabled": _replace(good, "[Content_Types].xml", b"openxmlformats-officedocument.wordprocessingml.document.main+xml",
                                  b"ms-word.document.macroEnabled.main+xml"),
    }[case]
    path = tmp_path / "bad.docx"
    path.write_bytes(data)
    with pytest.raises(InputError) as err:
        _read(path)
    assert needle in err.value.message
    assert "\n" not in str(err.value)
    result = run_main(capsys, "--isolated", "--lang", "en", path)
    assert result.code == 2 and "Traceback" not in result.err
    assert needle in result.err + result.out


def test_zip_named_txt_is_read_as_word(tmp_path, built):
    path = tmp_path / "report.txt"
    path.write_bytes(built(CLEAN).read_bytes())
    assert _read(path).origin.kind == "docx"


def test_missing_python_docx_names_the_extra(monkeypatch, built):
    path = built(CLEAN)
    real_import = importlib.import_module

    def no_docx(name, *a, **kw):
        if name == "docx":
            raise ImportError("No module named 'docx'")
        return real_import(name, *a, **kw)

    monkeypatch.setattr(importlib, "import_module", no_docx)
    with pytest.raises(InputError) as err:
        _read(path)
    assert "pip install 'gialint-cn[docx]'" in err.value.message and "'docx'" in err.value.message
    assert "python-docx" in err.value.message


@pytest.mark.parametrize("body", ["", _p("") * 3, _p("  ") + "<w:tbl><w:tr>" + _tc("") + _tc("") + "</w:tr></w:tbl>"],
                         ids=["no-body-content", "empty-paragraphs", "blank-table"])
def test_docx_without_text_is_an_empty_report(capsys, tmp_path, body):
    path = _body_docx(tmp_path, body)
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    assert _read(path).text == ""
    text, word = _lint(capsys, empty, path)
    assert word["error"] is None and text["findings"]
    assert _key(word["findings"]) == _key(text["findings"])


# -- rendering details --------------------------------------------------------------------


def test_merged_cells_and_nested_tables(tmp_path):
    body = (
        _p("前言")
        + "<w:tbl><w:tblGrid/>"
        + "<w:tr>" + _tc("甲", '<w:gridSpan w:val="2"/>') + _tc("乙", '<w:vMerge w:val="restart"/>') + "</w:tr>"
        + "<w:tr>" + _tc("1") + _tc("2") + _tc("ignored", "<w:vMerge/>") + "</w:tr>"
        + "<w:tr>" + _tc("a|b") + "<w:tc>" + _p("x") + _p("y") + "<w:tbl><w:tr>" + _tc("n1") + _tc("n2")
        + "</w:tr></w:tbl></w:tc>" + _tc("z") + "</w:tr>"
        + "</w:tbl>"
        + _p("后记")
    )
    source = _read(_body_docx(tmp_path, body))
    # 甲 spans two grid columns: its text in the last one, as a row label before values
    assert source.text == ("前言\n|  | 甲 | 乙 |\n| 1 | 2 |  |\n| a｜b | x y n1 n2 | z |\n后记\n")
    o = source.origin
    assert o.label(0) == "第 1 段" and o.label(source.text.index("后记")) == "第 2 段"
    assert o.label(source.text.index("|  | 甲")) == "表 1 第 1 行"
    assert o.label(source.text.index("甲")) == "表 1 第 1 行 第 1 格"  # both columns of the merged cell
    assert o.label(source.text.index("乙")) == "表 1 第 1 行 第 2 格"
    assert o.label(source.text.index("  |\n") + 1) == "表 1 第 2 行 第 3 格"  # the empty cell
    assert o.label(source.text.index("  |\n")) == "表 1 第 2 行 第 3 格"  # from its first space
    assert o.label(source.text.index("x y")) == "表 1 第 3 行 第 2 格"
    assert o.label(source.text.index("n2")) == "表 1 第 3 行 第 2 格"  # nested: its outer cell
    loc = source.location(source.text.index("z"), source.text.index("z") + 1)
    assert (loc.line, loc.column, loc.logical) == (4, 21, "表 1 第 3 行 第 3 格")


def test_frame_table_is_rendered_as_its_content(tmp_path):
    body = ("<w:tbl><w:tr><w:tc>" + _p("一、总体情况") + _p("本年收到申请3件。")
            + "<w:tbl><w:tr>" + _tc("自然人") + _tc("3") + "</w:tr></w:tbl></w:tc></w:tr></w:tbl>"
            + _p("完"))
    source = _read(_body_docx(tmp_path, body))
    assert source.text == "一、总体情况\n本年收到申请3件。\n| 自然人 | 3 |\n完\n"
    o = source.origin
    assert o.label(0) == "表 1 第 1 行 第 1 格 第 1 段"
    assert o.label(source.text.index("本年")) == "表 1 第 1 行 第 1 格 第 2 段"
    assert o.label(source.text.index("3 |")) == "表 2 第 1 行 第 2 格"
    assert o.label(source.text.index("完")) == "第 1 段"


def test_runs_revisions_fields_and_hidden_text(tmp_path):
    r = '<w:r><w:t xml:space="preserve">{}</w:t></w:r>'.format
    body = (
        "<w:p>" + r("本年") + '<w:proofErr w:type="spellStart"/>'
        + '<w:r><w:ruby><w:rubyPr/><w:rt><w:r><w:t>gòng</w:t></w:r></w:rt>'
        + '<w:rubyBase><w:r><w:t>共</w:t></w:r></w:rubyBase></w:ruby></w:r>'
        + '<w:ins w:id="1" w:author="a"><w:r><w:t>收到</w:t></w:r></w:ins>'
        + '<w:del w:id="2" w:author="a"><w:r><w:delText>约</w:delText></w:r></w:del>'
        + '<w:hyperlink r:id="" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        + r("申请") + "</w:hyperlink>"
        + '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> = 1+2 </w:instrText></w:r>'
        + '<w:r><w:fldChar w:fldCharType="separate"/></w:r>' + r("3") + '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
        + '<w:r><w:rPr><w:vanish/></w:rPr><w:t>（隐藏）</w:t></w:r>'
        + '<w:sdt><w:sdtContent>' + r("件") + "</w:sdtContent></w:sdt>"
        + '<w:r><w:t>。</w:t><w:br/><w:t>第二行</w:t><w:tab/><w:t>x</w:t><w:noBreakHyphen/></w:r>'
        + "</w:p>"
        + '<w:sdt><w:sdtContent>' + _p("控件中的段落") + "</w:sdtContent></w:sdt>"
    )
    source = _read(_body_docx(tmp_path, body))
    assert source.text == "本年共收到申请3件。\n第二行\tx-\n控件中的段落\n"
    assert source.origin.label(source.text.index("第二行")) == "第 1 段"
    assert source.origin.label(source.text.index("控件")) == "第 2 段"


def test_text_boxes_are_not_rendered(tmp_path):
    box = ('<w:r><mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">'
           '<mc:Choice Requires="wps"><w:drawing><w:txbxContent>' + _p("框中文字")
           + "</w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent>" + _p("框中文字")
           + "</w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r>")
    source = _read(_body_docx(tmp_path, f"<w:p>{box}<w:r><w:t>正文</w:t></w:r></w:p>"))
    assert source.text == "正文\n"


NUMBERING = (
    '<w:abstractNum w:abstractNumId="70">'
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>'
    '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>'
    '<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>'
    "</w:abstractNum>"
    '<w:abstractNum w:abstractNumId="71">'
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="●"/></w:lvl>'
    "</w:abstractNum>"
    '<w:abstractNum w:abstractNumId="72">'
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="第%1条"/></w:lvl>'
    "</w:abstractNum>"
    '<w:num w:numId="70"><w:abstractNumId w:val="70"/></w:num>'
    '<w:num w:numId="71"><w:abstractNumId w:val="71"/></w:num>'
    '<w:num w:numId="72"><w:abstractNumId w:val="72"/></w:num>'
    '<w:num w:numId="73"><w:abstractNumId w:val="72"/>'
    '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="9"/></w:lvlOverride></w:num>'
)


def _numbered(text: str, num: int, lvl: int = 0) -> str:
    return _p(text, f'<w:numPr><w:ilvl w:val="{lvl}"/><w:numId w:val="{num}"/></w:numPr>')


def test_automatic_numbering_is_rendered(tmp_path):
    body = (
        _numbered("总体情况", 70) + _numbered("主动公开", 70, 1) + _numbered("依申请公开", 70, 1)
        + _numbered("一项", 70, 2) + _numbered("二项", 70, 2)
        + _numbered("主动公开政府信息情况", 70) + _numbered("重新从一编号", 70, 1)
        + _numbered("要点", 71) + _numbered("条文", 72) + _numbered("另一条", 73)
        + "".join(_numbered(f"节{i}", 70) for i in range(3, 12))
    )
    lines = _read(_body_docx(tmp_path, body, numbering=NUMBERING)).text.split("\n")
    assert lines[:10] == ["一、总体情况", "（一）主动公开", "（二）依申请公开", "1.一项", "2.二项",
                          "二、主动公开政府信息情况", "（一）重新从一编号", "要点", "第1条 条文", "第9条 另一条"]
    assert lines[10:19] == [f"{n}、节{i}" for n, i in zip("三四五六七八九十", range(3, 11), strict=True)] + ["十一、节11"]


def test_heading_style_numbering(tmp_path):
    """A heading style linked to a list numbers its paragraphs (a common Word template)."""
    doc = docx.Document()
    styles = doc.styles.element
    style = styles.xpath('w:style[@w:styleId="Heading1"]')[0]
    style.get_or_add_pPr().append(parse_xml(f'<w:numPr {W}><w:numId w:val="70"/></w:numPr>'))
    numbering = doc.part.numbering_part.element
    defs = parse_xml(f"<w:numbering {W}>{NUMBERING}</w:numbering>")
    first = numbering.find(f"{{{defs.nsmap['w']}}}num")
    for el in list(defs):
        (first.addprevious if el.tag.endswith("abstractNum") else numbering.append)(el)
    doc.add_paragraph("总体情况", style="Heading 1")
    doc.add_paragraph("正文。")
    doc.add_paragraph("主动公开政府信息情况", style="Heading 1")
    path = tmp_path / "h.docx"
    doc.save(str(path))
    assert _read(path).text == "一、总体情况\n正文。\n二、主动公开政府信息情况\n"


def test_builder_split_row():
    assert split_row("a | b |") == ["a", "b"]
    assert split_row("| a | b |") == ["a", "b"]
    assert split_row("| | x | |") == ["", "x", ""]


def test_parse_text_shows_labels(capsys, built):
    path = built(CLEAN)
    result = run_main(capsys, "parse", "--text", path)
    assert result.code == 0
    assert re.search(r"^ ?\d+ \| 一、总体情况 +\[第 2 段\]$", result.out, re.M)
    assert re.search(r"\| \| 三、本年度办理结果 \|  \| （一）予以公开 .*\[表 2 第 6 行\]$", result.out, re.M)
