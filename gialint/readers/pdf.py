"""PDF reports with a text layer → text, with PDFium and pdfplumber (``gialint-cn[pdf]``).

The glyphs and drawn lines are read with PDFium (gialint/readers/pdf_pdfium.py,
in C); tables are found by pdfplumber's table finder on those lines
(gialint/readers/pdf_tables.py); a page
PDFium would read otherwise than pdfminer is read with pdfplumber (and every
page with ``GIALINT_PDF_ENGINE=pdfplumber``).

The rendering that gialint lints:

* Pages in order; on each page, text lines and tables in order from the top.
  Glyphs drawn twice at the same place (fake bold) count once.
* A text line is the glyphs that share a baseline, left to right.  A space is
  put between two glyphs only where the page shows a gap: between Latin
  letters or digits a word gap (over 0.15 em), anywhere else a gap of over
  1 em (cells of a table drawn without lines).  Justified Chinese text, whose
  glyphs are spread apart, gets no invented spaces.
* Lines wrapped by the page are joined into one paragraph line: a line that
  reaches the right margin goes on in the next line when that one is not
  indented (a Chinese paragraph starts with an indent), also across a page
  break.  Page numbers in the top or bottom margin (``- 3 -``, ``— 3 —``,
  ``第 3 页``) are dropped.
* A ruled table (found from the lines drawn on the page; invisible white
  boxes and shading are ignored, and a table cut by a page break is closed at
  the break) becomes one ``| a | b | … |`` line per table row.  A merged cell
  is one cell (not repeated in the rows and columns it covers); an empty cell
  among values stays, as a blank value; an empty cell among labels is
  dropped.  A cell's lines are joined without a space; a ``|`` in a cell
  becomes ``｜``.  A table of a single column is a frame around text and is
  read as text.  A table continued on the next page is just more rows: the
  table reader aligns rows by their labels.
* A title in large type printed on two centred lines is one line.

Positions: lines and columns of a finding count in this rendering (``gialint
parse --text FILE`` prints it); each finding also names the place on paper:
``第 P 页 第 L 行`` (L counts the text lines of page P outside its tables) or
``第 P 页 表 T 第 R 行 第 C 格`` (T-th table on the page, its R-th row, the
C-th cell a reader passes in that row, one merged down from above included).
A page without any text but with images (a scan) is an empty line labelled
``第 P 页`` and is listed in ``origin.textless_pages``; a file without any
text has ``origin.no_text`` set.  Rule GIA005 reports both.
"""

from __future__ import annotations

import contextlib
import io
import logging
import math
import os
import re
import statistics

from gialint.readers.pdf_tables import _Grid, _tables
from gialint.source import InputError, Origin, Source

__all__ = ["PdfOrigin", "read"]

_PAGE_NUMBER = re.compile(r"[-—–]*\s*(?:\d{1,3}|第\s*\d{1,3}\s*页(?:\s*[/,，]?\s*共\s*\d{1,3}\s*页)?"
                          r"|\d{1,3}\s*/\s*\d{1,3})\s*[-—–]*")
_VALUE = re.compile(r"[-+]?\d[\d,，.]*%?|[-—–－/]")  # a cell that holds a number


class PdfOrigin(Origin):
    """An :class:`Origin` that also knows which pages had no text layer."""

    __slots__ = ("pages", "no_text", "textless_pages")

    def __init__(self):
        super().__init__("pdf", None)
        self.pages = 0
        self.no_text = False  # not a single character in the whole file
        self.textless_pages: list[tuple[int, int]] = []  # (page number, rendered offset)


def read(data: bytes, path: str, encoding: str | None = None) -> Source:
    """Render the PDF ``data``; ``encoding`` does not apply to PDF."""
    pages = _extract(data, path)
    origin = PdfOrigin()
    origin.pages = len(pages)
    origin.no_text = not any(p.chars for p in pages)
    text = _Renderer(origin).render(pages)
    return Source(path, text, "", origin=origin)


# --- extraction: everything that touches pdfplumber ----------------------------


class _Page:
    __slots__ = ("number", "height", "chars", "tables", "images")

    def __init__(self, number, height, chars, tables, images):
        self.number = number
        self.height = height
        self.chars = chars  # non-blank glyphs: dicts with text, x0, x1, top, bottom, size
        self.tables = tables  # [_Grid]
        self.images = images


#: which library reads the PDF: "pdfium" (pypdfium2, fast) or "pdfplumber" (pdfminer, the
#: reader of gialint 0.1; kept to compare against).  ``GIALINT_PDF_ENGINE`` overrides it.
ENGINE = "pdfium"


def _extract(data: bytes, path: str) -> list[_Page]:
    engine = os.environ.get("GIALINT_PDF_ENGINE") or ENGINE
    if engine == "pdfium":
        from gialint.readers import pdf_pdfium

        fallback = _PlumberPages(data, path)
        try:
            return pdf_pdfium.extract(data, path, _Page, _tables, fallback.page)
        finally:
            fallback.close()
    return _extract_pdfplumber(data, path)


def _extract_pdfplumber(data: bytes, path: str) -> list[_Page]:
    pages = _PlumberPages(data, path)
    try:
        return [pages.page(i) for i in range(pages.count())]
    finally:
        pages.close()


class _PlumberPages:
    """Pages read with pdfplumber (pdfminer), the file opened on the first one
    asked for: all of them with ``GIALINT_PDF_ENGINE=pdfplumber``, otherwise
    only the pages PDFium's reading would not match (turned pages, turned text)."""

    def __init__(self, data: bytes, path: str):
        self.data, self.path, self.pdf = data, path, None

    def _open(self):
        if self.pdf is None:
            import pdfplumber

            # pdfminer logs every oddity of a font as a warning; they are not the user's problem
            logging.getLogger("pdfminer").setLevel(logging.ERROR)
            with self._errors():
                self.pdf = pdfplumber.open(io.BytesIO(self.data))
        return self.pdf

    def count(self) -> int:
        pdf = self._open()
        with self._errors():
            return len(pdf.pages)

    def page(self, index: int) -> _Page:
        pdf = self._open()
        with self._errors():
            page = pdf.pages[index]
            chars = [c for c in page.dedupe_chars(tolerance=1).chars if c["text"].strip()]
            tables = _tables(page.lines + page.rects + page.curves) if chars else []
            out = _Page(index + 1, float(page.height), chars, tables, len(page.images))
            page.close()  # drop pdfplumber's caches: long files stay small in memory
            return out

    def close(self) -> None:
        if self.pdf is not None:
            self.pdf.close()
            self.pdf = None

    @contextlib.contextmanager
    def _errors(self):
        from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

        try:
            yield
        except InputError:
            raise
        except Exception as err:  # pdfminer raises many kinds on a damaged file
            cause = err.__cause__ or err.__context__ or err
            if isinstance(err.args[0] if err.args else None, BaseException):
                cause = err.args[0]  # pdfplumber wraps pdfminer's error
            if isinstance(cause, PDFPasswordIncorrect):
                raise InputError(self.path, "pdf-encrypted") from None
            if isinstance(cause, PDFEncryptionError):
                raise InputError(self.path, "pdf-encrypted-unopenable", error=str(cause)) from None
            reason = str(cause).strip() or type(cause).__name__
            raise InputError(self.path, "pdf-unreadable", reason=reason) from None


# --- rendering -------------------------------------------------------------------


class _Line:
    __slots__ = ("text", "columns", "x0", "x1", "top", "bottom", "size", "page", "number")

    def __init__(self, chars: list[dict]):
        chars.sort(key=lambda c: c["x0"])
        self.text, self.columns = _join_glyphs(chars)
        self.x0, self.x1 = chars[0]["x0"], max(c["x1"] for c in chars)
        self.top, self.bottom = min(c["top"] for c in chars), max(c["bottom"] for c in chars)
        sizes = sorted(c["size"] for c in chars)  # their median, as statistics.median has it
        half = len(sizes) // 2
        self.size = sizes[half] if len(sizes) % 2 else (sizes[half - 1] + sizes[half]) / 2
        self.page = 0
        self.number = 0  # line number on its page


def _is_wordchar(ch: str) -> bool:
    """``ch`` starts with a Latin letter or digit ([0-9A-Za-z])."""
    return ch[:1].isascii() and ch[:1].isalnum()


def _join_glyphs(chars: list[dict]) -> tuple[str, bool]:
    """The line's text, and whether it has a gap of over 1 em (columns of a
    table drawn without lines: such a line is a row, never wrapped prose)."""
    parts = [chars[0]["text"]]
    columns = False
    for prev, c in zip(chars, chars[1:], strict=False):
        gap = c["x0"] - prev["x1"]
        em = max(min(prev["size"], c["size"]), 1.0)
        latin = _is_wordchar(prev["text"][-1]) and _is_wordchar(c["text"][0])
        if gap > (0.15 if latin else 1.0) * em:
            parts.append(" ")
        parts.append(c["text"])
        columns = columns or gap > em
    return "".join(parts), columns


def _join_lines(a: str, b: str) -> str:
    """How two pieces of wrapped text meet: nothing, or a space between words."""
    return " " if a and b and _is_wordchar(a[-1]) and _is_wordchar(b[0]) else ""


def _lines(chars: list[dict]) -> list[_Line]:
    """Glyphs grouped by baseline, top to bottom."""
    out: list[list[dict]] = []
    mid_of = []
    for c in sorted(chars, key=lambda c: (c["top"] + c["bottom"]) / 2):
        mid = (c["top"] + c["bottom"]) / 2
        if out and mid - mid_of[-1] <= 0.4 * max(c["size"], 1.0):
            out[-1].append(c)
            continue
        out.append([c])
        mid_of.append(mid)
    return [_Line(group) for group in out]


def _cell_text(chars: list[dict]) -> str:
    text = ""
    for line in _lines(chars):
        text += _join_lines(text, line.text) + line.text
    return text.replace("|", "｜")


def _table_rows(chars: list[dict], grid: _Grid) -> list[tuple[int, list[tuple[int, str]]]]:
    """(R, [(C, text), …]) for each row of ``grid`` that has text.

    A slot covered by a merged cell is left out (the merged cell's text is in
    its first slot), and so is an empty cell among labels; an empty cell among
    values stays, as a blank value.  A column is one of values when a cell of
    it holds a number, one of labels when it holds only words; in a column
    empty on this page, an empty cell after the row's labels is a value.
    C counts the cells a person passes in the row, one merged down from a row
    above included.
    """
    start_of = {b: (r, c) for r, row in enumerate(grid.rows) for c, b in enumerate(row) if b}
    boxes = [(b[0], b[1], b[2], b[3], slot) for b, slot in start_of.items()]
    # the cells by 16-point squares of the page they reach into: a glyph's cell is looked for
    # among those of its square, the first (row by row) that holds the glyph's middle
    squares: dict[tuple[int, int], list[int]] = {}
    for i, (x0, top, x1, bottom, _) in enumerate(boxes):
        for sx in range(math.floor(x0 / 16), math.floor(x1 / 16) + 1):
            for sy in range(math.floor(top / 16), math.floor(bottom / 16) + 1):
                squares.setdefault((sx, sy), []).append(i)
    slots: dict[tuple[int, int], list[dict]] = {}
    for ch in chars:
        x, y = (ch["x0"] + ch["x1"]) / 2, (ch["top"] + ch["bottom"]) / 2
        where = None
        for i in squares.get((math.floor(x / 16), math.floor(y / 16)), ()):
            x0, top, x1, bottom, slot = boxes[i]
            if x0 <= x <= x1 and top <= y <= bottom:
                where = slot
                break
        where = where or grid.slot_of(x, y)  # outside any cell: a border is missing
        if where is not None:
            slots.setdefault(where, []).append(ch)
    texts = {slot: _cell_text(cs) for slot, cs in slots.items()}
    values = {c for (_, c), t in texts.items() if _VALUE.fullmatch(t)}
    labels = {c for (_, c), t in texts.items() if t} - values
    out = []
    for r, row in enumerate(grid.rows):
        last_label = max((c for c in range(len(row)) if texts.get((r, c)) and c in labels), default=-1)
        cells: list[tuple[int, str]] = []
        n = 0
        passed = set()
        for c, box in enumerate(row):
            text = texts.get((r, c), "")
            if box is not None or text:
                n += 1
                blank_value = c in values or (c not in labels and c > last_label)
                if text or (box is not None and blank_value):
                    cells.append((n, text))
                continue
            cover = grid.cover(r, c)
            if cover is not None and start_of[cover][0] < r and cover not in passed:
                passed.add(cover)  # a cell merged down from a row above
                n += 1
        if any(text for _, text in cells):
            out.append((r + 1, cells))
    return out


class _Renderer:
    def __init__(self, origin: PdfOrigin):
        self.origin = origin
        self.out: list[str] = []
        self.size = 0  # characters written so far
        self.open_line: _Line | None = None  # the text line a paragraph may go on from

    def write(self, s: str) -> None:
        self.out.append(s)
        self.size += len(s)

    def render(self, pages: list[_Page]) -> str:
        per_page = []
        for page in pages:
            per_page.append(self.layout(page))
        column = _Column([x for _, items in per_page for kind, x in items if kind == "line"])
        for page, items in per_page:
            if not page.chars:
                if page.images:  # a scanned page: an empty line of its own marks its place
                    self.end_paragraph()
                    self.origin.textless_pages.append((page.number, self.size))
                    self.origin.add_label(self.size, f"第 {page.number} 页")
                    self.write("\n")
                continue
            for kind, item in items:
                if kind == "line":
                    self.text_line(item, column)
                else:
                    self.table(page.number, *item)
        self.end_paragraph()
        return "".join(self.out)

    def layout(self, page: _Page):
        """(page, [("line", _Line) | ("table", (index, rows of cell texts))]) top to bottom."""
        in_table: list[list[dict]] = [[] for _ in page.tables]
        free = []
        boxes = [grid.bbox for grid in page.tables]
        for c in page.chars:
            x, y = (c["x0"] + c["x1"]) / 2, (c["top"] + c["bottom"]) / 2
            for i, box in enumerate(boxes):  # the first table that holds its middle
                if box[0] <= x <= box[2] and box[1] <= y <= box[3]:
                    in_table[i].append(c)
                    break
            else:
                free.append(c)
        lines = [line for line in _lines(free) if not _is_page_number(line, page.height)]
        for n, line in enumerate(lines, 1):
            line.page, line.number = page.number, n
        items = [(line.top, "line", line) for line in lines]
        for i, grid in enumerate(page.tables):
            items.append((grid.bbox[1], "table", (i + 1, _table_rows(in_table[i], grid))))
        items.sort(key=lambda t: (t[0], t[1] == "line"))
        return page, [(kind, x) for _, kind, x in items]

    def text_line(self, line: _Line, column: _Column) -> None:
        prev = self.open_line
        label = f"第 {line.page} 页 第 {line.number} 行"
        if prev is not None and column.goes_on(prev, line):
            sep = _join_lines(prev.text, line.text)
            self.write(sep)
        else:
            self.end_paragraph()
        self.origin.add_label(self.size, label)
        self.write(line.text)
        self.open_line = line

    def end_paragraph(self) -> None:
        if self.open_line is not None:
            self.write("\n")
            self.open_line = None

    def table(self, page: int, index: int, rows: list) -> None:
        self.end_paragraph()
        for r, cells in rows:
            where = f"第 {page} 页 表 {index} 第 {r} 行"
            self.origin.add_label(self.size, where)
            self.write("|")
            for c, text in cells:
                self.write(" ")
                self.origin.add_label(self.size, f"{where} 第 {c} 格")
                self.write(text + " |")
            self.write("\n")


class _Column:
    """The text column: its left edge (where most lines start), its right
    edge (where full lines end; a few lines hang punctuation past it) and the
    body type size (the most common one)."""

    def __init__(self, lines: list[_Line]):
        self.left = self.right = self.body = 0.0
        if lines:
            self.left = float(statistics.mode(round(line.x0) for line in lines))
            ends = sorted(line.x1 for line in lines)
            self.right = ends[int(0.9 * (len(ends) - 1))]
            self.body = float(statistics.mode(round(line.size) for line in lines))

    def goes_on(self, prev: _Line, line: _Line) -> bool:
        """``line`` continues the paragraph (or title) that ``prev`` wrapped."""
        em = max(prev.size, 1.0)
        if abs(prev.size - line.size) > 1.5 or prev.columns or line.columns:
            return False
        if line.page != prev.page:
            near = line.page == prev.page + 1
        else:
            near = line.top - prev.bottom < 1.5 * em  # no gap of a blank line between
        if prev.size > self.body + 1.5 and line.page == prev.page:
            # a title in large type printed on two centred lines is one title
            middle = (self.left + self.right) / 2
            return near and all(abs((x.x0 + x.x1) / 2 - middle) < em for x in (prev, line))
        if prev.x1 < self.right - 1.5 * em or line.x0 > self.left + 0.6 * em:
            return False  # the paragraph ended short, or the next one starts indented
        return near


def _is_page_number(line: _Line, height: float) -> bool:
    in_margin = line.top > 0.88 * height or line.bottom < 0.12 * height
    return in_margin and bool(_PAGE_NUMBER.fullmatch(line.text))
