"""The PDF reader (gialint/readers/pdf.py): rendering, positions, tables, no text layer.

Layouts are made to measure by a tiny PDF writer below (Chinese text in the
standard Adobe-GB1 font STSong-Light, which needs no embedding; Latin text in
Helvetica; ruled lines; an image); the three real reports in
tests/data/real/pdf/ are each read and linted once per session.
"""

from __future__ import annotations

import importlib
import io
import re
import sys

import pytest
from gialint_testing import REAL, RULE_FIXTURES, run_main

pdfplumber = pytest.importorskip("pdfplumber")

from gialint.config import Config  # noqa: E402
from gialint.pipeline import analyse, lint_source  # noqa: E402
from gialint.readers import read_bytes, read_path  # noqa: E402
from gialint.ruleset import Options, RuleSet  # noqa: E402
from gialint.source import InputError  # noqa: E402
from gialint.tables.template import template  # noqa: E402

PDFS = REAL / "pdf"

# --- a tiny PDF writer ------------------------------------------------------------

H = 842.0  # page height; y runs down from the top, as in pdfplumber


def _hex(s):
    return "<" + s.encode("utf-16-be").hex().upper() + ">"


class Page:
    def __init__(self):
        self.ops = []
        self.image = False

    def text(self, x, top, s, size=12.0, latin=False):
        """``s`` with its top-left corner at (x, top); each CJK glyph 1 em wide."""
        y = H - top - size * 0.88
        if latin:
            s = s.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
            self.ops.append(f"BT /F2 {size} Tf {x:.2f} {y:.2f} Td ({s}) Tj ET")
        else:
            self.ops.append(f"BT /F1 {size} Tf {x:.2f} {y:.2f} Td {_hex(s)} Tj ET")
        return self

    def spaced(self, x, top, s, gap, size=12.0):
        """Each glyph placed on its own, ``gap`` points apart (justified text)."""
        for ch in s:
            self.text(x, top, ch, size)
            x += size + gap
        return self

    def line(self, x0, top0, x1, top1, width=0.5):
        self.ops.append(f"{width} w {x0:.2f} {H - top0:.2f} m {x1:.2f} {H - top1:.2f} l S")
        return self

    def box(self, x0, top, x1, bottom, fill=None):
        """A filled box without an outline (fill: grey level 0..1)."""
        self.ops.append(f"{fill} g {x0:.2f} {H - bottom:.2f} {x1 - x0:.2f} {bottom - top:.2f} re f 0 g")
        return self

    def grid(self, xs, ys, skip=()):
        """Table rules at columns ``xs`` and rows ``ys``; ``skip``: (kind, i) rules left out."""
        for i, y in enumerate(ys):
            if ("h", i) not in skip:
                self.line(xs[0], y, xs[-1], y)
        for i, x in enumerate(xs):
            if ("v", i) not in skip:
                self.line(x, ys[0], x, ys[-1])
        return self

    def picture(self, x0, top, x1, bottom):
        self.image = True
        self.ops.append(f"q {x1 - x0:.2f} 0 0 {bottom - top:.2f} {x0:.2f} {H - bottom:.2f} cm /Im1 Do Q")
        return self


def pdf_bytes(pages, *, encrypt=False):
    objs = []  # object bodies, numbered from 1

    def add(body):
        objs.append(body)
        return len(objs)

    desc = add(b"<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [0 -120 1000 880] "
               b"/ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 80 >>")
    cid = add(b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /FontDescriptor %d 0 R "
              b"/CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> /DW 1000 >>" % desc)
    f1 = add(b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H "
             b"/DescendantFonts [%d 0 R] >>" % cid)
    f2 = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    img = add(b"<< /Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray "
              b"/BitsPerComponent 8 /Length 1 >>\nstream\n\x80\nendstream")
    pages_id = len(objs) + 1
    objs.append(None)  # the page tree, filled in below
    kids = []
    for page in pages:
        content = "\n".join(page.ops).encode("latin-1")
        c = add(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
        xobj = b" /XObject << /Im1 %d 0 R >>" % img if page.image else b""
        kids.append(add(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Contents %d 0 R "
                        b"/Resources << /Font << /F1 %d 0 R /F2 %d 0 R >>%s >> >>"
                        % (pages_id, c, f1, f2, xobj)))
    objs[pages_id - 1] = (b"<< /Type /Pages /Kids [%s] /Count %d >>"
                          % (b" ".join(b"%d 0 R" % k for k in kids), len(kids)))
    catalog = add(b"<< /Type /Catalog /Pages %d 0 R >>" % pages_id)
    trailer_extra = b""
    if encrypt:  # a user password is needed: the /U check value does not match ""
        enc = add(b"<< /Filter /Standard /V 1 /R 2 /O <" + b"41" * 32 + b"> /U <" + b"42" * 32
                  + b"> /P -4 >>")
        trailer_extra = b" /Encrypt %d 0 R /ID [<%s> <%s>]" % (enc, b"00" * 16, b"00" * 16)
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += (b"trailer\n<< /Size %d /Root %d 0 R%s >>\nstartxref\n%d\n%%%%EOF\n"
            % (len(objs) + 1, catalog, trailer_extra, xref))
    return bytes(out)


def _labels(source) -> list[tuple[int, str, str]]:
    """(offset, label, the next few characters) wherever the label changes."""
    out, last = [], None
    for off in range(len(source.text)):
        label = source.origin.label(off)
        if label != last:
            out.append((off, label, source.text[off:off + 4]))
            last = label
    return out


def _read(pages, name="r.pdf"):
    return read_bytes(pdf_bytes(pages), name)


# --- text: lines, paragraphs, spaces ----------------------------------------------

FULL = "这是一个用来测试段落换行的很长的句子它正好排满一整行的宽度啊"  # 30 glyphs: 72..432


def test_wrapped_lines_join_into_paragraphs_with_page_and_line_labels():
    p1 = Page()
    # a title in large type on two centred lines (the column's middle is 252)
    p1.text(252 - 7 * 11, 60, "某某区人民政府", 22).text(252 - 16 * 11, 90, "2023年政府信息公开工作年度报告", 22)
    p1.text(96, 140, "一、总体情况")
    # a paragraph starts indented; a line that fills the column goes on in the next
    p1.text(96, 160, FULL[:28]).text(72, 180, FULL).text(72, 200, "本段到此结束。")
    p1.text(96, 220, FULL[:28]).text(72, 240, FULL)  # … and on the next page
    p1.text(280, 800, "- 1 -", 10, latin=True)  # a page footer
    p2 = Page().text(72, 60, "接续上一页的段落。").text(96, 80, "新的段落。")
    source = _read([p1, p2])
    assert source.text.split("\n") == [
        "某某区人民政府2023年政府信息公开工作年度报告",
        "一、总体情况",
        FULL[:28] + FULL + "本段到此结束。",
        FULL[:28] + FULL + "接续上一页的段落。",
        "新的段落。",
        "",
    ]
    assert source.origin.kind == "pdf" and source.origin.original is None
    assert not source.fixable
    labels = [(source.position(off), label) for off, label, _ in _labels(source)]
    assert labels == [
        ((1, 1), "第 1 页 第 1 行"), ((1, 8), "第 1 页 第 2 行"), ((2, 1), "第 1 页 第 3 行"),
        ((3, 1), "第 1 页 第 4 行"), ((3, 29), "第 1 页 第 5 行"), ((3, 59), "第 1 页 第 6 行"),
        ((4, 1), "第 1 页 第 7 行"), ((4, 29), "第 1 页 第 8 行"), ((4, 59), "第 2 页 第 1 行"),
        ((5, 1), "第 2 页 第 2 行"),
    ]
    # a location carries the label of the line it starts in
    off = source.text.index("接续")
    assert source.location(off, off + 2).logical == "第 2 页 第 1 行"


def test_spaces_only_where_the_page_shows_a_gap():
    page = Page()  # every line indented: each its own paragraph
    page.spaced(96, 60, "号，邮编：", 3.5).text(96 + 5 * 15.5, 60, "223100", 6)  # justified text
    page.text(96, 80, "Hello", latin=True).text(133, 80, "World", latin=True)  # a word gap
    page.text(96, 100, "信息内容").text(96 + 12 * 6, 100, "本年处理决定数量")  # a gap of 2 em
    page.text(96, 120, "第").text(108 + 3, 120, "711", 6).text(108 + 6 + 18 + 3, 120, "号")  # CJK | digits
    source = _read([page])
    assert source.text.split("\n") == [
        "号，邮编：223100", "Hello World", "信息内容 本年处理决定数量", "第711号", ""]


def test_rows_of_a_table_without_rules_are_not_joined():
    # rows start at the left margin and end at the right one, like wrapped prose,
    # but their cells stand apart: each stays a line of its own
    page = Page().text(96, 40, FULL[:28]).text(72, 60, "段落结束。")
    for i, (label, values) in enumerate([("本年新收申请数量", "3001 53 0 0 61 4 3119"),
                                         ("上年结转申请数量", "34 0 0 0 0 0 34")]):
        page.text(72, 80 + 20 * i, label).text(432 - 6 * len(values), 80 + 20 * i, values, 10, latin=True)
    assert _read([page]).text.split("\n")[1:3] == ["本年新收申请数量 3001 53 0 0 61 4 3119",
                                                  "上年结转申请数量 34 0 0 0 0 0 34"]


def test_glyphs_drawn_twice_count_once():
    # fake bold: the same text drawn again a fraction of a point to the right
    page = Page().text(96, 60, "一、总体情况").text(96.3, 60, "一、总体情况")
    assert _read([page]).text == "一、总体情况\n"


def test_white_boxes_behind_text_are_no_table():
    # some converters put a white box behind every line of text; here the boxes
    # touch a real table below them, and must not turn the lines into its rows
    page = Page()
    for i, (x, s) in enumerate([(96, FULL[:28]), (72, "段落结束。")]):
        top = 60 + 20 * i
        page.box(72, top, 472, top + 20, fill=1).text(x, top + 4, s)
    page.grid([72, 232, 472], [100, 124, 148])
    page.text(76, 104, "行政许可", 10).text(236, 104, "550", 10)
    page.text(76, 128, "行政处罚", 10).text(236, 128, "4119", 10)
    assert _read([page]).text == FULL[:28] + "段落结束。\n| 行政许可 | 550 |\n| 行政处罚 | 4119 |\n"


def test_a_frame_around_text_is_no_table():
    page = Page().grid([60, 450], [50, 130])
    page.text(96, 60, FULL[:28]).text(72, 80, "段落结束。").text(96, 100, "新的段落。")
    assert _read([page]).text == FULL[:28] + "段落结束。\n新的段落。\n"


# --- tables ---------------------------------------------------------------------

XS = [72, 232, 312, 392, 472]


def _t2_across_pages():
    """表二's first block, cut by a page break: Word draws no border at the break."""
    p1 = Page().text(96, 60, "二、主动公开政府信息情况")
    ys = [100, 124, 148, 172]
    for y in ys[:3]:
        p1.line(XS[0], y, XS[-1], y)
    for x in XS:  # the caption row spans the table: only the outer rules reach it
        p1.line(x, ys[0] if x in (XS[0], XS[-1]) else ys[1], x, ys[3])
    p1.text(76, 105, "第二十条第（一）项")
    for i, t in enumerate(["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"]):
        p1.text(XS[i] + 4, 129, t, 10)
    for i, t in enumerate(["规章", "1", "0", "11"]):
        p1.text(XS[i] + 4, 153, t, 10)
    p1.text(280, 800, "第 1 页", 10)
    p2 = Page()
    for x in XS:
        p2.line(x, 60, x, 84)
    p2.line(XS[0], 84, XS[-1], 84)
    for i, t in enumerate(["行政规范性文件", "8", "", "66"]):
        if t:
            p2.text(XS[i] + 4, 65, t, 10)
    p2.text(96, 100, "三、收到和处理政府信息公开申请情况")
    return [p1, p2]


def test_table_rows_are_pipe_lines_also_across_a_page_break():
    source = _read(_t2_across_pages())
    assert source.text.split("\n") == [
        "二、主动公开政府信息情况",
        "| 第二十条第（一）项 |",
        "| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |",
        "| 规章 | 1 | 0 | 11 |",
        "| 行政规范性文件 | 8 |  | 66 |",  # the empty cell stays: a blank value
        "三、收到和处理政府信息公开申请情况",
        "",
    ]
    labels = {label: text for _, label, text in _labels(source)}
    assert labels["第 1 页 表 1 第 3 行 第 4 格"] == "11 |"
    assert labels["第 2 页 表 1 第 1 行 第 3 格"] == " | 6"  # the blank cell
    assert labels["第 2 页 第 1 行"] == "三、收到"
    # the table reader binds the rows of both pages
    data = analyse(source, RuleSet(Config(), Options())).data
    assert [data.value(f"t2.art20_1.{k}") for k in ("regulations.issued", "regulations.in_force",
                                                    "normative_docs.issued", "normative_docs.in_force")] \
        == [1, 11, 8, 66]
    assert data.cells["t2.art20_1.normative_docs.repealed"].status == "blank"


def test_merged_cells_are_one_cell():
    xs, ys = [72, 160, 330, 400], [100, 124, 148, 172]
    page = Page()
    for y in ys[:2] + ys[3:]:
        page.line(xs[0], y, xs[-1], y)
    page.line(xs[1], ys[2], xs[-1], ys[2])  # column 1's cell spans rows 2 and 3
    for x in xs:
        page.line(x, ys[0] if x in (xs[0], xs[-1]) else ys[1], x, ys[3])  # row 1 spans the table
    page.text(76, 104, "申请人情况")
    page.text(76, 140, "（三）不予公开", 10)
    page.text(164, 128, "1.属于国家秘密", 10).text(334, 128, "2", 10)
    page.text(164, 152, "2.其他|禁止公开", 10).text(334, 152, "0", 10)
    source = _read([page])
    assert source.text.split("\n") == [
        "| 申请人情况 |",
        "| （三）不予公开 | 1.属于国家秘密 | 2 |",
        "| 2.其他｜禁止公开 | 0 |",  # the merged cell is not repeated; a bar in a cell is escaped
        "",
    ]
    labels = {label: text for _, label, text in _labels(source)}
    # C counts the cells a person passes: the one merged down from above too
    assert labels["第 1 页 表 1 第 2 行 第 3 格"] == "2 |\n"
    assert labels["第 1 页 表 1 第 3 行 第 2 格"] == "2.其他"
    assert labels["第 1 页 表 1 第 3 行 第 3 格"] == "0 |\n"


def test_cell_lines_join_without_spaces():
    xs, ys = [72, 250, 300], [100, 140]
    page = Page().grid(xs, ys)
    page.text(76, 104, "（二）部分公开（区分处理的", 10).text(76, 120, "只计这一情形）", 10)
    page.text(254, 104, "结果", 10).text(254, 120, "维持", 10)
    assert _read([page]).text == "| （二）部分公开（区分处理的只计这一情形） | 结果维持 |\n"


# --- no text layer ----------------------------------------------------------------


def _lint_bytes(data: bytes, select="ALL"):
    source = read_bytes(data, "r.pdf")
    return source, lint_source(source, RuleSet(Config(), Options(select=[select]))).findings


def test_a_pdf_without_text_gets_gia005():
    for pages in ([Page()], [Page().picture(0, 0, 595, 842), Page().picture(0, 0, 595, 842)]):
        source, findings = _lint_bytes(pdf_bytes(pages))
        assert not source.text.strip() and source.origin.no_text
        (f,) = [f for f in findings if f.rule == "GIA005"]
        assert f.severity == "error"
        assert (f.location.line, f.location.column) == (1, 1)
        assert f"共 {len(pages)} 页" in f.message and "没有文字层" in f.message
        if len(pages) == 1:
            assert "都是空白页" in f.message
        else:  # which pages are scans, and that OCR is not gialint's
            assert "扫描图像在第 1, 2 页" in f.message and "gialint 不做文字识别（OCR）" in f.message


def test_a_scanned_page_among_text_pages_is_named():
    pages = [Page().text(96, 60, "一、总体情况"), Page().picture(50, 50, 545, 792),
             Page().text(96, 60, "二、主动公开政府信息情况"), Page()]  # the last page is blank
    source, findings = _lint_bytes(pdf_bytes(pages), "GIA005")
    assert source.origin.textless_pages == [(2, len("一、总体情况\n"))]
    (f,) = findings
    assert f.message == "第 2 页没有文字层（是扫描图像），该页内容未被检查；gialint 不做文字识别（OCR）"
    assert (f.location.line, f.location.column) == (2, 1)
    assert f.location.logical == "第 2 页"


def test_gia005_names_runs_of_scanned_pages():
    pages = [Page().picture(0, 0, 595, 842) for _ in range(3)] + [Page(), Page().picture(0, 0, 595, 842)]
    _, findings = _lint_bytes(pdf_bytes(pages), "GIA005")
    (f,) = findings
    assert "共 5 页，扫描图像在第 1–3, 5 页，其余为空白页" in f.message


def test_text_pdfs_have_no_gia005(real):
    for source, findings in real.values():
        assert not source.origin.no_text and not source.origin.textless_pages
        assert "GIA005" not in {f.rule for f in findings}


def test_rule_fixtures_are_made_by_the_writer():
    """tests/fixtures/rules/GIA005/*.pdf are this writer's output (regenerate with it)."""
    for name, data in GIA005_FIXTURES.items():
        assert (RULE_FIXTURES / "GIA005" / name).read_bytes() == data, name


GIA005_FIXTURES = {
    "fail_blank.pdf": pdf_bytes([Page()]),
    "fail_scanned.pdf": pdf_bytes([Page().picture(0, 0, 595, 842)]),
    "fail_scanned_page.pdf": pdf_bytes([Page().text(72, 60, "Annual report 2023", latin=True),
                                        Page().picture(0, 0, 595, 842)]),
    "pass_text.pdf": pdf_bytes([Page().text(72, 60, "Annual report 2023", latin=True)]),
    "pass_blank_last_page.pdf": pdf_bytes([Page().text(72, 60, "Annual report 2023", latin=True),
                                           Page()]),
}


# --- files that cannot be read ----------------------------------------------------


@pytest.mark.parametrize("data,words", [
    (b"%PDF-1.7\n", "cannot read PDF"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< >>\nendobj\n", "cannot read PDF"),
    ((PDFS / "2024_huaian-city-gov.pdf").read_bytes()[:20000], "cannot read PDF"),
    (pdf_bytes([Page().text(72, 60, "secret", latin=True)], encrypt=True), "needs a password"),
], ids=["header-only", "no-root", "truncated", "encrypted"])
def test_unreadable_pdf_is_an_input_error(data, words):
    with pytest.raises(InputError) as err:
        read_bytes(data, "r.pdf")
    assert str(err.value).startswith("r.pdf: ") and words in str(err.value)
    assert "\n" not in str(err.value)


def test_without_pdfplumber_the_message_names_the_extra(monkeypatch):
    monkeypatch.setitem(sys.modules, "pdfplumber", None)  # import pdfplumber → ImportError
    with pytest.raises(InputError) as err:
        read_bytes(pdf_bytes([Page()]), "r.pdf")
    assert "gialint-cn[pdf]" in str(err.value) and "pdfplumber" in str(err.value)


def test_the_reader_module_imports_pdfplumber_lazily():
    sys.modules.pop("gialint.readers.pdf", None)
    saved = sys.modules.pop("pdfplumber", None)
    try:
        importlib.import_module("gialint.readers.pdf")
        assert "pdfplumber" not in sys.modules
    finally:
        if saved is not None:
            sys.modules["pdfplumber"] = saved


# --- the real reports -------------------------------------------------------------

REAL_PDFS = ("2023_hongze-district-gov", "2024_hongze-district-gov", "2024_huaian-city-gov")


@pytest.fixture(scope="module")
def real():
    """Each real PDF read and linted once: name → (source, findings)."""
    out = {}
    ruleset = RuleSet(Config(), Options())
    for name in REAL_PDFS:
        source = read_path(str(PDFS / f"{name}.pdf"))
        out[name] = (source, lint_source(source, ruleset).findings)
    return out


@pytest.mark.parametrize("name", REAL_PDFS)
def test_real_pdf_tables_are_bound_completely(real, name):
    # the Hongze reports print “2.其他法律行政止公开”: bound as reworded (GIA209)
    source, _ = real[name]
    data = analyse(source, RuleSet(Config(), Options())).data
    assert data.found == {"t2", "t3", "t4"}
    for table in ("t2", "t3", "t4"):
        expected = {k for k in template(data.editions[table]).cells if k.startswith(table + ".")}
        bound = {k for k, cell in data.cells.items() if k.startswith(table + ".")}
        assert bound == expected, (table, sorted(expected ^ bound))
        assert all(data.cells[k].status == "ok" for k in bound)
    assert data.editions["t3"] == ("2019" if name.startswith("20") and "hongze" in name else "2021")


def test_real_pdf_rendering_is_clean(real):
    for name, (source, _) in real.items():
        text = source.text
        assert not re.search(r"[\u4e00-\u9fff] [\u4e00-\u9fff]", text), name  # no invented spaces
        assert not re.search(r"^[-—–\s]*\d+[-—–\s]*$", text, re.M), name  # page numbers dropped
        assert "政府信息公开工作年度报告" in text.split("\n")[0], name  # the two-line title is one
        assert text.count("\n| ") >= 40  # the table rows


def test_hongze_2023_t4_fault_is_found_at_its_cells(real):
    source, findings = real["2023_hongze-district-gov"]
    t4 = sorted((f.location.logical, f.message) for f in findings if f.rule == "GIA304")
    assert t4 == [
        ("第 4 页 表四 第 4 行 第 15 格", "复议后起诉（总计） = 0，但结果维持、结果纠正、其他结果、尚未审结合计为 5"),
        ("第 4 页 表四 第 4 行 第 5 格", "行政复议（总计） = 0，但结果维持、结果纠正、其他结果、尚未审结合计为 11"),
    ]


def _page_lines(name: str, page: int) -> list[str]:
    """The text lines of a page as pdfplumber's own line extraction sees them."""
    with pdfplumber.open(PDFS / f"{name}.pdf") as pdf:
        return [line["text"].replace(" ", "") for line in pdf.pages[page - 1].extract_text_lines()]


@pytest.mark.parametrize("name,rule,words", [
    ("2024_hongze-district-gov", "GIA701", "受理政府信息公开申请17件"),
    ("2024_huaian-city-gov", "GIA412", "截至目前"),
])
def test_real_pdf_finding_names_its_page_and_line(real, name, rule, words):
    source, findings = real[name]
    (f,) = [f for f in findings if f.rule == rule]
    m = re.fullmatch(r"第 (\d+) 页 第 (\d+) 行", f.location.logical)
    assert m, f.location.logical
    page, line = int(m[1]), int(m[2])
    start = source.text[f.location.start:f.location.end].replace(" ", "")
    assert start[:2] in _page_lines(name, page)[line - 1]  # pages here have no tables before it
    assert words[:2] in start


def test_cli_lints_a_pdf(capsys, tmp_path):
    (tmp_path / "r.pdf").write_bytes(pdf_bytes(_t2_across_pages()))
    result = run_main(capsys, "--isolated", "--format", "json", tmp_path / "r.pdf")
    assert result.code in (0, 1), result.err
    (entry,) = result.json()["files"]
    assert entry["error"] is None and entry["findings"]
    assert all(f.get("place") for f in entry["findings"])


# --- hostile files: limits, never a hang ------------------------------------------


def _timed_read_error(data: bytes) -> tuple[InputError, float]:
    import time

    start = time.perf_counter()
    with pytest.raises(InputError) as err:
        read_bytes(data, "r.pdf")
    return err.value, time.perf_counter() - start


def test_thousands_of_pages_stop_at_the_page_limit():
    err, seconds = _timed_read_error(pdf_bytes([Page() for _ in range(1001)]))
    assert err.code == "pdf-too-many-pages" and "1001 pages, over the limit of 1000;" in str(err)
    assert seconds < 10


def test_a_huge_content_stream_stops_at_the_glyph_limit():
    page = Page()
    page.ops += [f"BT /F1 1 Tf 72 {i % 800} Td {_hex('字' * 500)} Tj ET" for i in range(401)]
    err, seconds = _timed_read_error(pdf_bytes([page]))
    assert err.code == "pdf-too-complex"
    assert re.search(r"page 1 has 20\d{4} glyphs, over the limit of 200000;", str(err))
    assert "第 1 页有" in err.text("zh") and "个字符" in err.text("zh")
    assert seconds < 20


def test_a_page_of_countless_drawings_stops_at_the_path_limit():
    page = Page().text(72, 60, "一、总体情况")
    page.ops += [f"{10 + i % 500} {10 + i // 500 * 7} 1 1 re f" for i in range(50_001)]
    err, seconds = _timed_read_error(pdf_bytes([page]))
    assert err.code == "pdf-too-complex" and "50001 drawn paths" in str(err)
    assert seconds < 20


def test_a_page_of_countless_rules_stops_at_the_table_finder_limit():
    page = Page().text(72, 60, "一、总体情况")
    for i in range(1500):
        page.line(10 + i * 0.3, 100, 10 + i * 0.3, 700).line(10, 100 + i * 0.4, 580, 100 + i * 0.4)
    err, seconds = _timed_read_error(pdf_bytes([page]))
    assert err.code == "pdf-too-complex" and "ruled lines" in str(err) and "page 1" in str(err)
    assert seconds < 20


def test_a_broken_cross_reference_table_is_repaired_or_refused():
    data = pdf_bytes([Page().text(96, 60, "一、总体情况")])
    start = data.index(b"\nxref\n") + 1
    broken = data[:start] + b"xref\n0 9\n" + b"0000099999 00000 n \n" * 9 + data[data.index(b"trailer", start):]
    assert read_bytes(broken, "r.pdf").text == "一、总体情况\n"  # PDFium rebuilds it from the objects
    loop = data.replace(b"/Type /Pages /Kids [", b"/Type /Pages /Kids [7 0 R ")  # the tree holds itself
    try:
        read_bytes(loop, "r.pdf")
    except InputError as err:
        assert "\n" not in str(err)


def _turned_text():
    page = Page().text(96, 60, "一、总体情况").text(96, 80, "正文一行。")
    page.ops.append(f"BT /F1 12 Tf 0 1 -1 0 500 300 Tm {_hex('侧边竖排')} Tj ET")  # a turned line
    return [page, Page().text(96, 60, "第二页。")]


@pytest.mark.parametrize("pages,rotate", [(_t2_across_pages(), 0), ([Page().text(96, 60, "一、总体情况")], 0),
                                          (_t2_across_pages(), 90), (_turned_text(), 0)],
                         ids=["t2", "text", "rotated-page", "turned-glyphs"])
def test_both_engines_read_the_same(monkeypatch, pages, rotate):
    """Where PDFium's reading would differ (a page turned by /Rotate, turned
    glyphs), that page is read with pdfplumber: the same either way."""
    data = pdf_bytes(pages)
    if rotate:
        data = data.replace(b"/MediaBox [0 0 595 842]", b"/MediaBox [0 0 595 842] /Rotate %d" % rotate)
    fast = read_bytes(data, "r.pdf")
    monkeypatch.setenv("GIALINT_PDF_ENGINE", "pdfplumber")
    slow = read_bytes(data, "r.pdf")
    assert fast.text == slow.text and _labels(fast) == _labels(slow)


def test_both_engines_read_the_real_reports_the_same(monkeypatch, real):
    monkeypatch.setenv("GIALINT_PDF_ENGINE", "pdfplumber")
    for name, (fast, _) in real.items():
        slow = read_path(str(PDFS / f"{name}.pdf"))
        assert fast.text == slow.text, name
        assert _labels(fast) == _labels(slow), name


def test_the_cell_search_is_pdfplumbers():
    """readers.pdf_tables._cells finds pdfplumber's intersections_to_cells cells, in its order."""
    from pdfplumber.table import edges_to_intersections, intersections_to_cells

    from gialint.readers.pdf_tables import _cells, _edges

    pages = [p for name in REAL_PDFS for p in pdfplumber.open(PDFS / f"{name}.pdf").pages[2:4]]
    pages += [p for page in _t2_across_pages() for p in pdfplumber.open(io.BytesIO(pdf_bytes([page]))).pages]
    tried = 0
    for page in pages:
        meeting = edges_to_intersections(_edges(page.lines + page.rects + page.curves), 3, 3)
        tried += bool(meeting)
        assert _cells(meeting) == intersections_to_cells(meeting)
    assert tried >= 6


def test_glyph_dedupe_is_pdfplumbers():
    """readers.pdf_pdfium._dedupe keeps what pdfplumber's dedupe_chars keeps (fonts asked lazily)."""
    import random

    from pdfplumber.utils import dedupe_chars

    from gialint.readers.pdf_pdfium import _dedupe

    rng = random.Random(17)
    for _ in range(300):
        chars = []
        for i in range(rng.randint(1, 25)):
            top = rng.choice([0, 10, 20]) + rng.choice([0, 0.4, 0.8, 1.2, 2.5])
            chars.append({"text": rng.choice("的一二"), "fontname": rng.choice("AB"), "size": rng.choice([10, 12]),
                          "x0": rng.choice([0, 12, 24]) + rng.choice([0, 0.3, 0.9, 1.5]), "top": top,
                          "doctop": top, "upright": True, "index": i})
        asked = []
        font_of = lambda i: asked.append(i) or chars[i]["fontname"]  # noqa: E731, B023
        kept = _dedupe([dict(c) for c in chars], font_of)
        assert [c["index"] for c in kept] == [c["index"] for c in dedupe_chars(chars, tolerance=1)]
