"""Word (.docx) reader: the document body rendered as lines of text.

The rendering (what ``gialint parse --text FILE.docx`` shows, and what line and
column of a finding count in):

* The body is walked in document order, paragraphs and tables interleaved
  (also inside content controls).  Headers, footers, footnotes, comments, text
  boxes and shapes are not rendered; deleted revisions, field codes and runs
  formatted as hidden are left out, inserted revisions are kept.
* A paragraph is one line: the text of its runs (hyperlinks and fields
  included).  A line break inside a paragraph starts a new line; tabs stay
  tabs.  Heading styles add nothing: a heading shows as its text.  Automatic
  numbering is rendered as Word shows it (``一、`` ``（二）`` ``3.``), followed
  by a space only when the number does not end in punctuation; bullets are
  dropped.
* A table row is one line ``| a | b | … |`` with a cell for each column of
  the table's grid, so that every value keeps its column: a cell merged across
  columns (``gridSpan``) has its text in its last column when more cells
  follow it (a row label before its values), else in its first, and its other
  columns are empty, as are the columns a row skips (``gridBefore``,
  ``gridAfter``) and the cells a vertical merge covers below its first row
  (as the HTML reader renders ``colspan`` and ``rowspan``).  A cell's paragraphs and line breaks are joined by
  spaces and a ``|`` in a cell becomes ``｜``; a table nested in a cell adds
  its cells' text to that cell.  A table whose rows all have one cell (a frame
  around text) is rendered as the paragraphs and tables inside it.

Positions: line and column are those of this rendering; each place also has a
label naming what a person looks for in Word: ``第 N 段`` (the N-th paragraph
of the body, counting empty ones, i.e. ``Document(f).paragraphs[N-1]`` when no
content control is involved), ``表 T 第 R 行`` and ``表 T 第 R 行 第 C 格``
(the T-th table of the document in order, nested ones included; rows and
cells 1-based, a merged cell counting once), and ``表 T 第 R 行 第 C 格 第 K 段``
for paragraphs of a frame.
"""

from __future__ import annotations

import io
import re
import zipfile

from gialint.readers import MAX_BYTES
from gialint.readers.docx_numbering import Numbering
from gialint.source import InputError, Origin, Source

__all__ = ["read"]

# Refuse ZIP bombs before python-docx loads every part into memory: the parts may
# expand to 10 times the size limit of a file (max-file-size; 500 MB by default),
# and to 100 MB whatever the limit (a small document's styles alone expand ~20×).
ZIP_FACTOR = 10
MIN_UNCOMPRESSED = 100 * 1024 * 1024

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
P, TBL, TR, TC, R, T, SDT, SDT_CONTENT = (_W + x for x in ("p", "tbl", "tr", "tc", "r", "t", "sdt",
                                                              "sdtContent"))
CUSTOM_XML, HYPERLINK, INS, MOVE_TO = (_W + x for x in ("customXml", "hyperlink", "ins", "moveTo"))
SMART_TAG, FLD_SIMPLE, DIR, BDO = (_W + x for x in ("smartTag", "fldSimple", "dir", "bdo"))
TAB, PTAB, BR, CR, NB_HYPHEN, SYM = (_W + x for x in ("tab", "ptab", "br", "cr", "noBreakHyphen",
                                                        "sym"))
RUBY, RUBY_BASE = _W + "ruby", _W + "rubyBase"
VAL = _W + "val"

# elements whose children are runs of the paragraph (a run container)
_RUN_CONTAINERS = {HYPERLINK, INS, MOVE_TO, SMART_TAG, FLD_SIMPLE, CUSTOM_XML, DIR, BDO}
_CONTROL = re.compile(r"[\r\n\x0b\x0c]")


def read(data: bytes, path: str, encoding: str | None = None, *, max_bytes: int | None = None) -> Source:
    """Render the Word file ``data``; ``max_bytes``: the size limit of a file
    (max-file-size), which bounds what its ZIP package may expand to."""
    doc = _open(data, path, max_bytes)
    body = doc.element.body
    try:
        r = _Renderer(doc)
        if body is not None:
            r.blocks(body)
    except _BadSymbol as err:
        raise InputError(path, "docx-bad-symbol", char=err.code) from None
    except (KeyError, ValueError, AttributeError) as err:
        raise InputError(path, "docx-damaged", error=f"{type(err).__name__}: {err}") from None
    text = "".join(r.out)
    if not r.has_text:
        return Source(path, "", "utf-8", origin=Origin("docx"))  # as an empty text file
    return Source(path, text, "utf-8", origin=r.origin)


def _open(data: bytes, path: str, max_bytes: int | None = None):
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        if "EncryptionInfo".encode("utf-16-le") in data:
            raise InputError(path, "docx-encrypted")
        raise InputError(path, "old-word-format")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            infos = z.infolist()
    except (zipfile.BadZipFile, ValueError, EOFError):
        raise InputError(path, "docx-not-zip") from None
    names = {i.filename for i in infos}
    if any(i.flag_bits & 1 for i in infos):
        raise InputError(path, "zip-encrypted")
    most = max(ZIP_FACTOR * (max_bytes or MAX_BYTES), MIN_UNCOMPRESSED)
    if sum(i.file_size for i in infos) > most:
        raise InputError(path, "zip-too-large", megabytes=most // 1024 // 1024, factor=ZIP_FACTOR,
                         least=MIN_UNCOMPRESSED // 1024 // 1024)
    if "[Content_Types].xml" not in names or not any(n.startswith("word/") for n in names):
        raise InputError(path, "docx-no-document")
    import docx  # the optional dependency (gialint-cn[docx]); checked by gialint.readers
    from lxml.etree import LxmlError

    try:
        return docx.Document(io.BytesIO(data))
    except KeyError as err:
        raise InputError(path, "docx-missing-part", part=str(err)) from None
    except ValueError as err:  # a package whose main part is no Word document (.docm, .xlsx …)
        m = re.search(r"content type is '([^']*)'", str(err))
        if m:
            raise InputError(path, "docx-main-part", content_type=m.group(1)) from None
        raise InputError(path, "docx-not-word", error=str(err)) from None
    except (zipfile.BadZipFile, LxmlError, EOFError, OSError, NotImplementedError) as err:
        raise InputError(path, "docx-damaged", error=f"{type(err).__name__}: {err}") from None


class _Renderer:
    def __init__(self, doc):
        self.out: list[str] = []
        self.pos = 0
        self.origin = Origin("docx")
        self.paragraphs = 0
        self.tables = 0
        self.numbering = Numbering(doc)
        self.has_text = False  # anything but whitespace (an empty table is no text)

    # -- output ------------------------------------------------------------
    def put(self, s: str, *, invented: bool = False) -> None:
        if s:
            # the rendering is its own original (Origin.original is None)
            self.origin.add_run(self.pos, self.pos, 0 if invented else len(s))
            self.has_text = self.has_text or (not invented and not s.isspace())
            self.out.append(s)
            self.pos += len(s)

    def label(self, text: str) -> None:
        self.origin.add_label(self.pos, text)

    # -- blocks ------------------------------------------------------------
    def blocks(self, parent, cell: str | None = None) -> None:
        """Paragraphs and tables of the body (``cell``: of a frame's cell)."""
        k = 0
        for el in _content(parent):
            if el.tag == P:
                k += 1
                if cell is None:
                    self.paragraphs += 1
                    self.label(f"第 {self.paragraphs} 段")
                else:
                    self.label(f"{cell} 第 {k} 段")
                self.put(self.paragraph(el))
                self.put("\n", invented=True)
            elif el.tag == TBL:
                self.table(el)

    def table(self, tbl) -> None:
        self.tables += 1
        t = self.tables
        rows = [[tc for tc in _content(tr) if tc.tag == TC] for tr in _content(tbl) if tr.tag == TR]
        if rows and all(len(cells) == 1 for cells in rows):
            for r, (tc,) in enumerate(rows, 1):  # a frame: render what it holds
                self.blocks(tc, cell=f"表 {t} 第 {r} 行 第 1 格")
            return
        trs = [tr for tr in _content(tbl) if tr.tag == TR]
        for r, (tr, cells) in enumerate(zip(trs, rows, strict=True), 1):
            self.label(f"表 {t} 第 {r} 行")
            self.put("|", invented=True)
            before, after = _skipped(tr)
            self.put("  |" * before, invented=True)
            for c, tc in enumerate(cells, 1):
                span = _grid_span(tc)
                at = span - 1 if c < len(cells) else 0  # where the text goes (see above)
                for k in range(span):
                    self.label(f"表 {t} 第 {r} 行 第 {c} 格")  # from the space: a blank cell's too
                    self.put(" ", invented=True)
                    if k == at and not _merged_below(tc):
                        self.put(self.cell_text(tc))
                    self.put(" |", invented=True)
            self.put("  |" * after, invented=True)
            self.put("\n", invented=True)

    def cell_text(self, tc) -> str:
        parts = []
        for el in _content(tc):
            if el.tag == P:
                parts.append(self.paragraph(el))
            elif el.tag == TBL:  # a nested table: its cells' text
                for tr in _content(el):
                    for sub in _content(tr):
                        if sub.tag == TC:
                            parts.append(self.cell_text(sub))
        text = " ".join(p for p in (_CONTROL.sub(" ", x.replace("\t", " ")).strip() for x in parts) if p)
        return text.replace("|", "｜")

    # -- one paragraph -----------------------------------------------------
    def paragraph(self, p) -> str:
        chunks: list[str] = []
        _runs_text(p, chunks)
        return self.numbering.label(p) + "".join(chunks)


def _content(parent):
    """Children of ``parent``, content controls and custom XML unwrapped."""
    for el in parent:
        if el.tag == SDT:
            content = el.find(SDT_CONTENT)
            if content is not None:
                yield from _content(content)
        elif el.tag == CUSTOM_XML:
            yield from _content(el)
        else:
            yield el


def _merged_below(tc) -> bool:
    """A cell covered by a vertical merge that started in a row above."""
    pr = tc.find(_W + "tcPr")
    if pr is None:
        return False
    vm = pr.find(_W + "vMerge")
    return vm is not None and vm.get(VAL, "continue") == "continue"


def _grid_span(tc) -> int:
    """The number of grid columns a cell spans (``w:gridSpan``)."""
    pr = tc.find(_W + "tcPr")
    span = pr.find(_W + "gridSpan") if pr is not None else None
    return _small_int(span, 1)


def _skipped(tr) -> tuple[int, int]:
    """The grid columns a row leaves out before its first cell and after its last."""
    pr = tr.find(_W + "trPr")
    if pr is None:
        return 0, 0
    return _small_int(pr.find(_W + "gridBefore"), 0), _small_int(pr.find(_W + "gridAfter"), 0)


def _small_int(el, default: int) -> int:
    """An element's w:val as a count of grid columns (a damaged value: the default)."""
    if el is None:
        return default
    m = re.match(r"\s*(\d+)", el.get(VAL, ""))
    # Word's grid has at most 63 columns; a larger value is damage, not a layout
    return min(max(int(m.group(1)), default), 63) if m else default


def _runs_text(el, chunks: list[str]) -> None:
    """Append the visible text of the runs under ``el`` (a paragraph or a run
    container).  Deleted text (w:del, w:moveFrom), field codes (w:instrText),
    drawings and text boxes are not descended into."""
    for child in el:
        tag = child.tag
        if tag == R:
            _run_text(child, chunks)
        elif tag in _RUN_CONTAINERS:
            _runs_text(child, chunks)
        elif tag == SDT:
            content = child.find(SDT_CONTENT)
            if content is not None:
                _runs_text(content, chunks)


def _run_text(r, chunks: list[str]) -> None:
    pr = r.find(_W + "rPr")
    if pr is not None:
        vanish = pr.find(_W + "vanish")
        if vanish is not None and vanish.get(VAL, "true") not in ("0", "false", "off"):
            return  # hidden text: not shown in Word
    for x in r:
        tag = x.tag
        if tag == T:
            if x.text:
                chunks.append(_CONTROL.sub(" ", x.text))
        elif tag in (TAB, PTAB):
            chunks.append("\t")
        elif tag in (BR, CR):
            chunks.append("\n")
        elif tag == NB_HYPHEN:
            chunks.append("-")
        elif tag == RUBY:  # a phonetic guide (拼音指南): the base text, not the guide
            base = x.find(RUBY_BASE)
            if base is not None:
                _runs_text(base, chunks)
        elif tag == SYM:
            code = x.get(_W + "char", "")
            try:
                n = int(code, 16)
            except ValueError:
                continue
            if not 0 <= n <= 0x10FFFF or 0xD800 <= n <= 0xDFFF:  # no Unicode scalar value
                raise _BadSymbol(code)
            if not 0xE000 <= n <= 0xF8FF:  # symbol fonts map to the private use area F0xx
                # a control character (0000 …; XML text cannot hold one) is a space
                chunks.append(" " if n < 0x20 or 0x7F <= n <= 0x9F else chr(n))


class _BadSymbol(Exception):
    """A w:sym whose w:char is no Unicode character: a damaged document."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code if len(code) <= 20 else code[:20] + "…"
