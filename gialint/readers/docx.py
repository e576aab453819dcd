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
* A table row is one line ``| a | b | … |``.  A cell merged across columns
  (``gridSpan``) appears once; the cells a vertical merge covers below its
  first row are empty.  A cell's paragraphs and line breaks are joined by
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
import unicodedata
import zipfile

from gialint.source import InputError, Origin, Source

__all__ = ["read"]

# refuse ZIP bombs before python-docx loads every part into memory
MAX_UNCOMPRESSED = 512 * 1024 * 1024

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


def read(data: bytes, path: str, encoding: str | None = None) -> Source:
    doc = _open(data, path)
    body = doc.element.body
    try:
        r = _Renderer(doc)
        if body is not None:
            r.blocks(body)
    except (KeyError, ValueError, AttributeError) as err:
        raise InputError(path, f"damaged Word document ({type(err).__name__}: {err})") from None
    text = "".join(r.out)
    if not r.has_text:
        return Source(path, "", "utf-8", origin=Origin("docx"))  # as an empty text file
    return Source(path, text, "utf-8", origin=r.origin)


def _open(data: bytes, path: str):
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        if "EncryptionInfo".encode("utf-16-le") in data:
            raise InputError(path, "password-protected (encrypted) Word file; save an unprotected "
                                   "copy as .docx")
        raise InputError(path, "old Word .doc (OLE2) format, not .docx; save it as .docx")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            infos = z.infolist()
    except (zipfile.BadZipFile, ValueError, EOFError):
        raise InputError(path, "not a readable .docx (Word/ZIP) file: the ZIP package is damaged, "
                               "incomplete or not a ZIP at all") from None
    names = {i.filename for i in infos}
    if any(i.flag_bits & 1 for i in infos):
        raise InputError(path, "encrypted ZIP package, not a readable .docx")
    if sum(i.file_size for i in infos) > MAX_UNCOMPRESSED:
        raise InputError(path, "ZIP package expands to more than "
                               f"{MAX_UNCOMPRESSED // 1024 // 1024} MB; refused")
    if "[Content_Types].xml" not in names or not any(n.startswith("word/") for n in names):
        raise InputError(path, "not a Word document: a ZIP package without word/document.xml")
    import docx  # the optional dependency (gialint[docx]); checked by gialint.readers
    from lxml.etree import LxmlError

    try:
        return docx.Document(io.BytesIO(data))
    except KeyError as err:
        raise InputError(path, f"not a Word document: missing part {err}") from None
    except ValueError as err:  # a package whose main part is no Word document (.docm, .xlsx …)
        m = re.search(r"content type is '([^']*)'", str(err))
        what = f"its main part is {m.group(1)}" if m else str(err)
        raise InputError(path, f"not a Word .docx document: {what}") from None
    except (zipfile.BadZipFile, LxmlError, EOFError, OSError, NotImplementedError) as err:
        raise InputError(path, f"damaged Word document ({type(err).__name__}: {err})") from None


class _Renderer:
    def __init__(self, doc):
        self.out: list[str] = []
        self.pos = 0
        self.origin = Origin("docx")
        self.paragraphs = 0
        self.tables = 0
        self.numbering = _Numbering(doc)
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
        for r, cells in enumerate(rows, 1):
            self.label(f"表 {t} 第 {r} 行")
            self.put("|", invented=True)
            for c, tc in enumerate(cells, 1):
                self.put(" ", invented=True)
                self.label(f"表 {t} 第 {r} 行 第 {c} 格")
                if not _merged_below(tc):
                    self.put(self.cell_text(tc))
                self.put(" |", invented=True)
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
            try:  # symbol fonts map to the private use area F0xx; keep only real characters
                ch = chr(int(code, 16))
            except ValueError:
                continue
            if not 0xE000 <= ord(ch) <= 0xF8FF:
                chunks.append(ch)


# -- automatic numbering -------------------------------------------------------

_CN_DIGITS = "零一二三四五六七八九"
_CN_LEGAL = "零壹贰叁肆伍陆柒捌玖"
_CN_UNITS = (("千", 1000), ("百", 100), ("十", 10))
_LEGAL_UNITS = (("仟", 1000), ("佰", 100), ("拾", 10))
_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"),
          (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))


def _chinese(n: int, digits: str = _CN_DIGITS, units=_CN_UNITS) -> str:
    if not 0 < n < 10000:
        return str(n)
    out, zero = [], False
    for unit, size in units:
        d, n = divmod(n, size)
        if d:
            if zero:
                out.append(digits[0])
            out.append(digits[d] + unit)
            zero = False
        elif out:
            zero = True
    if n:
        if zero:
            out.append(digits[0])
        out.append(digits[n])
    s = "".join(out)
    return s[1:] if s.startswith(digits[1] + units[2][0]) and len(s) <= 3 else s  # 十一, not 一十一


def _letters(n: int) -> str:
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1) if n > 0 else str(n)


def _roman(n: int) -> str:
    out = []
    for value, digits in _ROMAN:
        while n >= value:
            out.append(digits)
            n -= value
    return "".join(out)


_FORMATS = {
    "decimal": str,
    "decimalZero": lambda n: f"{n:02d}",
    "decimalFullWidth": lambda n: str(n).translate({c: c + 0xFEE0 for c in range(0x30, 0x3A)}),
    "decimalEnclosedCircle": lambda n: chr(0x2460 + n - 1) if 1 <= n <= 20 else str(n),
    "decimalEnclosedFullstop": lambda n: chr(0x2488 + n - 1) if 1 <= n <= 20 else f"{n}.",
    "decimalEnclosedParen": lambda n: f"({n})",
    "chineseCounting": _chinese,
    "chineseCountingThousand": _chinese,
    "japaneseCounting": _chinese,
    "taiwaneseCounting": _chinese,
    "ideographDigital": lambda n: "".join("〇一二三四五六七八九"[int(d)] for d in str(n)),
    "chineseLegalSimplified": lambda n: _chinese(n, _CN_LEGAL, _LEGAL_UNITS),
    "ideographLegalTraditional": lambda n: _chinese(n, "零壹貳參肆伍陸柒捌玖", (("仟", 1000), ("佰", 100), ("拾", 10))),
    "ideographTraditional": lambda n: "甲乙丙丁戊己庚辛壬癸"[(n - 1) % 10],
    "ideographZodiac": lambda n: "子丑寅卯辰巳午未申酉戌亥"[(n - 1) % 12],
    "lowerLetter": _letters,
    "upperLetter": lambda n: _letters(n).upper(),
    "lowerRoman": _roman,
    "upperRoman": lambda n: _roman(n).upper(),
}
_FORMATS["decimalEnclosedCircleChinese"] = _FORMATS["decimalEnclosedCircle"]
_FORMATS["decimalFullWidth2"] = _FORMATS["decimalFullWidth"]
_PLACEHOLDER = re.compile(r"%([1-9])")


class _Numbering:
    """The text Word shows for automatically numbered paragraphs.

    Counters belong to the abstract definition (lists sharing one continue each
    other); a ``startOverride`` restarts them where its list is first used."""

    def __init__(self, doc):
        self.nums: dict[str, tuple[str, dict[int, int]]] = {}  # numId → (abstractNumId, overrides)
        self.levels: dict[tuple[str, int], dict] = {}  # (abstractNumId, ilvl) → level definition
        self.style_num: dict[str, tuple[str | None, int | None]] = {}
        self.style_based: dict[str, str] = {}
        self.default_style: str | None = None
        self.counters: dict[str, list[int | None]] = {}
        self.started: set[str] = set()
        self._load(doc)

    def _load(self, doc) -> None:
        part = doc.part
        try:
            from docx.opc.constants import RELATIONSHIP_TYPE as RT

            numbering = part.part_related_by(RT.NUMBERING).element
        except (KeyError, AttributeError):
            numbering = None
        try:
            styles = part.styles.element if part.styles is not None else None
        except (KeyError, AttributeError, NotImplementedError):
            styles = None
        if styles is not None:
            for st in styles.iterfind(_W + "style"):
                sid = st.get(_W + "styleId")
                if sid is None or st.get(_W + "type", "paragraph") != "paragraph":
                    continue
                if st.get(_W + "default") in ("1", "true", "on"):
                    self.default_style = sid
                based = st.find(_W + "basedOn")
                if based is not None:
                    self.style_based[sid] = based.get(VAL)
                num = _num_pr(st.find(_W + "pPr"))
                if num != (None, None):
                    self.style_num[sid] = num
        if numbering is None:
            return
        abstract = {a.get(_W + "abstractNumId"): a for a in numbering.iterfind(_W + "abstractNum")}
        link_num = {}  # style linked lists: abstractNum w:numStyleLink → the style's list
        for aid, a in abstract.items():
            for lvl in a.iterfind(_W + "lvl"):
                self.levels[(aid, int(lvl.get(_W + "ilvl", "0")))] = _level(lvl)
            link = a.find(_W + "numStyleLink")
            if link is not None:
                link_num[aid] = link.get(VAL)
        for num in numbering.iterfind(_W + "num"):
            ref = num.find(_W + "abstractNumId")
            if ref is None:
                continue
            aid = ref.get(VAL)
            if aid in link_num:
                target = self.style_num.get(link_num[aid], (None, None))[0]
                aid = self._abstract_of(numbering, target) or aid
            overrides = {}
            for ov in num.iterfind(_W + "lvlOverride"):
                ilvl = int(ov.get(_W + "ilvl", "0"))
                start = ov.find(_W + "startOverride")
                if start is not None:
                    overrides[ilvl] = int(start.get(VAL, "1"))
                lvl = ov.find(_W + "lvl")
                if lvl is not None:  # a whole level replaced for this list only
                    self.levels[(f"{aid}/{num.get(_W + 'numId')}", ilvl)] = _level(lvl)
            self.nums[num.get(_W + "numId")] = (aid, overrides)

    @staticmethod
    def _abstract_of(numbering, num_id):
        for num in numbering.iterfind(_W + "num"):
            if num.get(_W + "numId") == num_id:
                ref = num.find(_W + "abstractNumId")
                return ref.get(VAL) if ref is not None else None
        return None

    def _style_numbering(self, sid):
        seen = set()
        while sid and sid not in seen:
            seen.add(sid)
            if sid in self.style_num:
                return self.style_num[sid]
            sid = self.style_based.get(sid)
        return None, None

    def label(self, p) -> str:
        if not self.nums:
            return ""
        ppr = p.find(_W + "pPr")
        num_id, ilvl = _num_pr(ppr)
        if num_id is None:
            style = ppr.find(_W + "pStyle") if ppr is not None else None
            sid = style.get(VAL) if style is not None else self.default_style
            num_id, style_lvl = self._style_numbering(sid)
            ilvl = ilvl if ilvl is not None else style_lvl
        if num_id is None or num_id == "0" or num_id not in self.nums:
            return ""
        ilvl = ilvl or 0
        aid, overrides = self.nums[num_id]
        lvl = self.levels.get((f"{aid}/{num_id}", ilvl)) or self.levels.get((aid, ilvl))
        if lvl is None:
            return ""
        counters = self.counters.setdefault(aid, [None] * 9)
        if num_id not in self.started:
            self.started.add(num_id)
            for i, start in overrides.items():
                if 0 <= i < 9:
                    counters[i] = start - 1
        if not 0 <= ilvl < 9:
            return ""
        counters[ilvl] = (counters[ilvl] + 1) if counters[ilvl] is not None else lvl["start"]
        for deeper in range(ilvl + 1, 9):
            d = self.levels.get((aid, deeper))
            restart = d["restart"] if d is not None else -1  # 1-based level it restarts after
            if restart < 0 or ilvl < restart:
                counters[deeper] = None
        if lvl["fmt"] in ("bullet", "none"):
            return ""

        def number(m: re.Match) -> str:
            i = int(m.group(1)) - 1
            d = self.levels.get((aid, i)) or lvl
            n = counters[i] if counters[i] is not None else d["start"]
            fmt = "decimal" if lvl["legal"] else d["fmt"]
            return _FORMATS.get(fmt, str)(n)

        text = _PLACEHOLDER.sub(number, lvl["text"])
        if text and lvl["suffix"] != "nothing" and not unicodedata.category(text[-1]).startswith("P"):
            text += " "  # Word puts a tab (or a space) after a number like “1” or “第一章”
        return text


def _num_pr(ppr) -> tuple[str | None, int | None]:
    if ppr is None:
        return None, None
    pr = ppr.find(_W + "numPr")
    if pr is None:
        return None, None
    num, lvl = pr.find(_W + "numId"), pr.find(_W + "ilvl")
    return (num.get(VAL) if num is not None else None,
            int(lvl.get(VAL, "0")) if lvl is not None else None)


def _level(lvl) -> dict:
    def val(tag, default):
        el = lvl.find(_W + tag)
        return el.get(VAL, default) if el is not None else default

    legal = lvl.find(_W + "isLgl")
    return {
        "start": int(val("start", "0")) if val("start", "0").lstrip("-").isdigit() else 0,
        "fmt": val("numFmt", "decimal"),
        "text": val("lvlText", ""),
        "restart": int(val("lvlRestart", "-1")) if val("lvlRestart", "-1").lstrip("-").isdigit() else -1,
        "suffix": val("suff", "tab"),
        "legal": legal is not None and legal.get(VAL, "true") not in ("0", "false", "off"),
    }
