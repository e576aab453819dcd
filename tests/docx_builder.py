"""Build realistic Word (.docx) reports from the text fixtures (for the tests).

``text_to_docx(text, path)`` turns a text or Markdown report — one paragraph a
line, tables as ``a | b | c |`` or Markdown ``| a | b |`` rows — into the kind
of file a drafter makes in Word:

* the title centred in 方正小标宋 二号, body paragraphs in 仿宋_GB2312 with a
  two-character first-line indent, numbers typed in runs of their own (as
  Word splits text edited later), section headings as ``Heading 1`` (or bold
  paragraphs, or automatically numbered ``一、`` headings), sub-headings bold,
  the closing organ and date right-aligned;
* every block of pipe rows a real Word table ("Table Grid").  The national
  tables get the merged cells of the template: 表三's three header rows (the
  勾稽 note over 3×3 cells, 申请人情况 over seven columns, 自然人 and 总计 over
  two rows, 法人或其他组织 over five columns) and its label columns (三、本年度
  办理结果, （三）不予公开 … merged down over their rows); 表四's 行政复议 over
  5×2 cells, 行政诉讼 over ten columns; 表二's captions across the table and
  short rows' last cell across the remaining columns.  Other tables are laid
  out as written, a short row's last cell merged to the table's width.

Every line's text reaches the document unchanged, so the .docx and the text
must give the same findings.  Lines of other table layouts (one cell per line,
tabs) stay paragraphs, as they are in the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import docx
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt
from docx.table import _Cell

__all__ = ["text_to_docx", "split_row"]

HEADING = re.compile(r"^([一二三四五六七八九十]+)、")
SUB = re.compile(r"^[（(][一二三四五六七八九十]+[)）]")
LEAF = re.compile(r"^\d+[.．、]")
DATE = re.compile(r"^\d{4}年\d{1,2}月\d{1,2}日$")
MD_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
MD_RULE = re.compile(r"^\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?$")
CJK = re.compile(r"[\u4e00-\u9fff]")
VALUE_WORDS = {"若干", "无", "不详", "——", "—", "-", "/", "／"}
DIGITS = re.compile(r"(\d[\d.,，]*)")
CN = "一二三四五六七八九十"

T3_HEADER = ["申请人情况", "自然人", "法人或其他组织", "商业企业", "科研机构", "社会公益组织",
             "法律服务机构", "其他", "总计"]
T4_TOP, T4_SUITS = ["行政复议", "行政诉讼"], ["未经复议直接起诉", "复议后起诉"]

BODY_FONT, TITLE_FONT, HEADING_FONT = "仿宋_GB2312", "方正小标宋简体", "黑体"


def text_to_docx(text: str, path: str | Path, *, headings: str = "styles",
                 split_t2: bool = False) -> Path:
    """Write ``text`` as a .docx to ``path``.  ``headings``: "styles" (Heading 1…),
    "bold" (bold body paragraphs) or "numbered" (Heading 1 with Word's own
    ``一、`` numbering when the headings count up from 一, typed otherwise).
    ``split_t2``: each 第二十条 part of 表二 its own Word table, as many reports do."""
    if headings not in ("styles", "bold", "numbered"):
        raise ValueError(headings)
    doc = docx.Document()
    lines = [ln.rstrip("\r") for ln in text.split("\n")]
    if lines and lines[-1] == "":
        lines.pop()  # the file's final line end
    auto = _auto_numbered(lines) if headings == "numbered" else set()
    num_id = _add_heading_numbering(doc) if auto else None
    title_done = False
    i = 0
    while i < len(lines):
        line = lines[i]
        if "|" in line and not MD_RULE.fullmatch(line.strip()):
            j = i
            rows = []
            while j < len(lines) and "|" in lines[j]:
                if not MD_RULE.fullmatch(lines[j].strip()):
                    rows.append(split_row(lines[j]))
                j += 1
            for block in _split_tables(rows, split_t2):
                _add_table(doc, block)
            i = j
            continue
        if MD_RULE.fullmatch(line.strip()):
            i += 1
            continue
        level, body = 0, line
        m = MD_HEADING.match(line)
        if m:
            level, body = len(m.group(1)), m.group(2)
        s = body.strip()
        if not title_done and s:
            title_done = True
            if "年度报告" in s and len(s) <= 60 and "。" not in s:
                _title(doc, body)
                i += 1
                continue
        if HEADING.match(s) and len(s) <= 40 and "。" not in s:
            if i in auto:
                _heading(doc, body[HEADING.match(s).end():], "styles", 1, num_id)
            else:
                _heading(doc, body, headings, 1)
        elif level:
            _heading(doc, body, headings, level)
        elif SUB.match(s) and len(s) <= 30 and "。" not in s:
            _paragraph(doc, body, bold=True)
        elif DATE.match(s) or (s and i + 1 < len(lines) and DATE.match(lines[i + 1].strip())
                               and len(s) <= 30 and not HEADING.match(s)):
            _paragraph(doc, body, align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False)
        else:
            _paragraph(doc, body)
        i += 1
    path = Path(path)
    doc.save(str(path))
    return path


def split_row(line: str) -> list[str]:
    """Cells of a pipe row: ``a | b |`` and ``| a | b |`` both give ["a", "b"];
    a blank cell between bars stays ("| | x |" gives ["", "x"])."""
    s = line.strip()
    if s.startswith("|"):
        s = s[1:]
    if s.endswith("|"):
        s = s[:-1]
    return [c.strip() for c in s.split("|")]


# -- paragraphs ------------------------------------------------------------------

def _font(run, name: str, size: float, bold: bool = False) -> None:
    run.font.size = Pt(size)
    run.font.name = name
    run.bold = bold or None
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), name)


def _runs(par, text: str, font: str = BODY_FONT, size: float = 16, bold: bool = False) -> None:
    """Text in several runs, numbers apart, with the proofing marks Word leaves."""
    for k, piece in enumerate(p for p in DIGITS.split(text) if p):
        _font(par.add_run(piece), font, size, bold)
        if k == 1:
            par._p.append(parse_xml(f'<w:proofErr {nsdecls("w")} w:type="gramStart"/>'))
        elif k == 2:
            par._p.append(parse_xml(f'<w:proofErr {nsdecls("w")} w:type="gramEnd"/>'))


def _title(doc, text: str) -> None:
    par = doc.add_paragraph()
    par.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _runs(par, text, TITLE_FONT, 22)


def _heading(doc, text: str, how: str, level: int, num_id: int | None = None) -> None:
    if how == "bold":
        par = doc.add_paragraph()
        par.paragraph_format.first_line_indent = Pt(32)
        _runs(par, text, HEADING_FONT, 16, bold=True)
        return
    par = doc.add_paragraph(style=f"Heading {min(level, 9)}")
    if num_id is not None:
        par._p.get_or_add_pPr().append(parse_xml(
            f'<w:numPr {nsdecls("w")}><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr>'))
    _runs(par, text, HEADING_FONT, 16)


def _paragraph(doc, text: str, *, bold: bool = False, align=None, indent: bool = True) -> None:
    par = doc.add_paragraph()
    if align is not None:
        par.alignment = align
    if indent and text.strip():
        par.paragraph_format.first_line_indent = Pt(32)  # 两个字符
    _runs(par, text, bold=bold)


def _auto_numbered(lines: list[str]) -> set[int]:
    """Lines of the headings 一、二、三… when they count up from 一 (Word then numbers them)."""
    found = [(i, HEADING.match(ln.strip())) for i, ln in enumerate(lines)]
    found = [(i, m.group(1)) for i, m in found if m and len(lines[i].strip()) <= 40
             and "。" not in lines[i] and "|" not in lines[i]]
    if [n for _, n in found] != [CN[k] for k in range(len(found))] or not 0 < len(found) <= 10:
        return set()
    return {i for i, _ in found}


def _add_heading_numbering(doc) -> int:
    """A list definition 一、二、… (chineseCounting "%1、") for the headings."""
    numbering = doc.part.numbering_part.element
    abstract = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90"><w:multiLevelType w:val="hybridMultilevel"/>'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
        '<w:lvlText w:val="%1、"/><w:lvlJc w:val="left"/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
        '<w:lvlText w:val="（%2）"/><w:lvlJc w:val="left"/></w:lvl></w:abstractNum>')
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    return 90


# -- tables ----------------------------------------------------------------------

@dataclass
class _Grid:
    """Text at grid positions and the merged rectangles (r0, c0, r1, c1)."""

    width: int
    rows: int = 0
    text: dict[tuple[int, int], str] = field(default_factory=dict)
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)

    def put(self, r: int, c0: int, c1: int, text: str, r1: int | None = None) -> None:
        self.text[(r, c0)] = text
        if c1 > c0 or (r1 is not None and r1 > r):
            self.merges.append((r, c0, r if r1 is None else r1, c1))


def _split_tables(rows: list[list[str]], split_t2: bool) -> list[list[list[str]]]:
    """Pipe rows in a row can hold several tables: 表三 and 表四 start new ones
    (and each 第二十条 caption of 表二 with ``split_t2``)."""
    out: list[list[list[str]]] = []
    for row in rows:
        cells = [c for c in row if c]
        starts = (any(c == "申请人情况" or c.startswith("（本列数据") for c in cells)
                  or cells[:2] == T4_TOP or (split_t2 and bool(cells) and cells[0].startswith("第二十条")))
        if out and starts and not (out[-1] and _is_t3_head(out[-1][-1])):
            out.append([row])
        elif out:
            out[-1].append(row)
        else:
            out.append([row])
    return out


def _is_t3_head(row: list[str]) -> bool:
    return any(c == "申请人情况" or c.startswith("（本列数据") for c in row)


def _add_table(doc, rows: list[list[str]]) -> None:
    grid = _t3_grid(rows) or _t4_grid(rows) or _plain_grid(rows)
    table = doc.add_table(rows=grid.rows, cols=grid.width)
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for r0, c0, r1, c1 in grid.merges:
        table.cell(r0, c0).merge(table.cell(r1, c1))
    cells = {}  # (row, grid column) → cell; table.cell() would walk the whole table each time
    for r, row in enumerate(table.rows):
        c = 0
        for tc in row._tr.tc_lst:
            cells[(r, c)] = _Cell(tc, table)
            c += tc.grid_span
    for (r, c), text in grid.text.items():
        par = cells[(r, c)].paragraphs[0]
        par.alignment = WD_ALIGN_PARAGRAPH.CENTER if not CJK.search(text) or c else None
        if text:
            _runs(par, text, size=10.5)


def _plain_grid(rows: list[list[str]]) -> _Grid:
    grid = _Grid(width=max(len(r) for r in rows), rows=len(rows))
    for r, cells in enumerate(rows):
        for c, text in enumerate(cells):
            last = c == len(cells) - 1
            grid.put(r, c, grid.width - 1 if last else c, text)
    return grid


def _nonblank(row: list[str]) -> list[str]:
    return [c for c in row if c]


def _t4_grid(rows: list[list[str]]) -> _Grid | None:
    if (len(rows) < 4 or _nonblank(rows[0]) != T4_TOP or _nonblank(rows[1]) != T4_SUITS
            or len(rows[2]) != 15):
        return None
    grid = _Grid(width=max(15, *(len(r) for r in rows[3:])), rows=len(rows))
    grid.put(0, 0, 4, "行政复议", r1=1)
    grid.put(0, 5, grid.width - 1, "行政诉讼")
    grid.put(1, 5, 9, T4_SUITS[0])
    grid.put(1, 10, 14, T4_SUITS[1])
    for r, cells in enumerate(rows[2:], 2):
        for c, text in enumerate(cells):
            grid.put(r, c, c, text)
    return grid


def _is_value(cell: str) -> bool:
    return cell in VALUE_WORDS or len(CJK.findall(cell)) < 2


def _level(label: str) -> int:
    return 2 if SUB.match(label) else 3 if LEAF.match(label) else 1


def _t3_grid(rows: list[list[str]]) -> _Grid | None:
    """表三 as in the template: 3 label columns, 3 header rows, group labels merged down."""
    head = 0
    while head < len(rows) and not any(
            HEADING.match(c) or SUB.match(c) or LEAF.match(c) or (c and _is_value(c) and c.isdigit())
            for c in rows[head]):
        head += 1
    words = [c for row in rows[:head] for c in row if c]
    note = words[0] if words and words[0].startswith("（本列数据") else ""
    if sorted(words[1 if note else 0:]) != sorted(T3_HEADER) or head == len(rows):
        return None
    body = []
    for cells in rows[head:]:
        k = 0
        while k < len(cells) and cells[k] and not _is_value(cells[k]):
            k += 1
        body.append((cells[:k], cells[k:]))
    nvalues = max(7, *(len(v) for _, v in body))
    grid = _Grid(width=3 + nvalues)
    # header: the note over 3x3, 申请人情况 over all value columns
    grid.put(0, 0, 2, note, r1=2)
    grid.put(0, 3, grid.width - 1, "申请人情况")
    grid.put(1, 3, 3, "自然人", r1=2)
    grid.put(1, 4, 8, "法人或其他组织")
    grid.put(1, 9, grid.width - 1, "总计", r1=2)
    for c, word in enumerate(T3_HEADER[3:8], 4):
        grid.put(2, c, c, word)
    r = 3
    groups: dict[int, tuple[int, int]] = {}  # label column → (first row, last column) of its group
    pending: list[str] = []  # group labels on rows of their own, merged into the next row
    for n, (labels, values) in enumerate(body):
        if not values and len(labels) == 1 and _level(labels[0]) < 3 and n + 1 < len(body):
            nxt = body[n + 1][0]
            if nxt and _level(nxt[0]) > _level(labels[0]):
                pending.append(labels[0])
                continue
        labels, pending = pending + labels, []
        if labels:
            first = _level(labels[0]) - 1
            for col in [c for c in groups if c >= first]:  # groups at this depth end above
                _close(grid, col, *groups.pop(col), r - 1)
            col = first
            while col > 0 and col - 1 not in groups:
                col -= 1  # no group label to the left: this label covers its cells
            for k, label in enumerate(labels):
                if col > 2:
                    return None  # more label levels than the template has
                if k == len(labels) - 1:
                    c1 = 2
                else:
                    c1 = max(col, min(_level(labels[k + 1]) - 2, 2))
                    groups[col] = (r, c1)
                grid.text[(r, col)] = label
                if k == len(labels) - 1 and c1 > col:
                    grid.merges.append((r, col, r, c1))  # (a group is merged when it closes)
                col = c1 + 1
        for c, text in enumerate(values):
            grid.put(r, 3 + c, 3 + c, text)
        r += 1
    for col, (r0, c1) in groups.items():
        _close(grid, col, r0, c1, r - 1)
    grid.rows = r
    return grid


def _close(grid: _Grid, col: int, r0: int, c1: int, r1: int) -> None:
    """The group label at (r0, col) covers columns col..c1 of rows r0..r1."""
    if r1 > r0 or c1 > col:
        grid.merges.append((r0, col, r1, c1))


def docx_with_body(body_xml: str, numbering: str = "") -> bytes:
    """A .docx whose body is ``body_xml`` (WordprocessingML), with numbering
    definitions appended (the hostile cases of bench/hostile.py and
    tests/test_hostile_readers.py)."""
    import io

    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    w = nsdecls("w")
    doc = docx.Document()
    body = doc.element.body
    for el in list(body):
        if not el.tag.endswith("sectPr"):
            body.remove(el)
    for el in parse_xml(f"<w:body {w}>{body_xml}</w:body>"):
        body[-1].addprevious(el)
    if numbering:
        part = doc.part.numbering_part.element
        for el in parse_xml(f"<w:numbering {w}>{numbering}</w:numbering>"):
            part.append(el)  # abstractNum after num: readers look them up by id
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
