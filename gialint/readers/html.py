"""HTML reader: a government web page → the report text it shows.

Only the standard library: ``html.parser`` with ``convert_charrefs=False``,
so every text run and every character or entity reference is seen at its
offset in the decoded source, and locations are line:column of the HTML file.

Rendering:

* the page's metadata of the 政府网站 standard (``<meta name="ArticleTitle">``,
  ``PubDate``, ``ContentSource``; else ``<title>``) as ``标题:`` /
  ``发布时间:`` / ``来源:`` lines, which the lexer keeps apart as META lines;
* the article body: the innermost content container (``TRS_Editor``,
  ``article_content``, ``zoom`` …) that holds nearly all of the text of the
  largest one, else the deepest element holding most of the page's text,
  else ``<body>``.  Scripts, styles, ``nav``/``header``/``footer`` and
  elements named so are dropped; whatever else sits inside the body (分享到,
  打印本页 …) is kept, so the contamination rules see it;
* blocks (``p``, ``div``, ``br``, ``h1``–``h6``, ``li`` …) as lines, inline
  text joined; whitespace and ``&nbsp;`` runs as one space, and none for a
  source line break between two Chinese characters (CSS segment breaks);
* a data table as one ``| a | b |`` line per ``<tr>`` on a grid: a
  position covered by a ``rowspan`` from above is an empty cell, a
  ``colspan`` cell's extra columns are empty cells after it — or before it
  when more cells follow in the row, so that a row label spanning two
  columns stands right before its values (the table reader counts a blank
  between a row label and its values as a missing value).  A table that
  holds another table or a long text, or has one column, lays out the page:
  its cells are blocks.

Labels: ``第 N 段`` for paragraphs, ``表 N 第 R 行 第 C 格`` for table cells
(grid row and column, as rendered).
"""

from __future__ import annotations

import codecs
import html
import re
import unicodedata
from html.parser import HTMLParser

from gialint.source import InputError, Origin, Source, decode

__all__ = ["read"]

# --- decoding -----------------------------------------------------------------

_SNIFF = 4096
_DECLARED = re.compile(
    rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)|<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)""",
    re.I)
# GBK and GB2312 pages use characters beyond their declared set; GB18030 reads them all
_GB = {"gbk", "gb2312", "gb_2312", "gb_2312-80", "x-gbk", "cp936", "csgb2312", "chinese",
       "gb18030", "euc-cn", "hz-gb-2312"}
# a Western single-byte declaration says nothing about a Chinese page (templates copy it)
_WESTERN = {"ascii", "latin_1", "iso8859_1", "cp1252"}


_BOMS = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def _declared(data: bytes) -> str | None:
    m = _DECLARED.search(data[:_SNIFF])
    if not m:
        return None
    name = (m.group(1) or m.group(2)).decode("ascii").lower()
    if name in _GB:
        return "gb18030"
    try:
        codec = codecs.lookup(name).name
    except LookupError:
        return None
    if codec.startswith("utf-16") or codec.startswith("utf-32"):
        return "utf-8"  # a byte-order-less page cannot be UTF-16 if this was readable (WHATWG)
    if codec in _WESTERN:
        return None
    return "gb18030" if codec in ("gbk", "gb2312") else codec


def _decode(data: bytes, path: str, encoding: str | None) -> tuple[str, str]:
    if encoding is not None or data.startswith(_BOMS):
        # --encoding and byte-order marks: the same rules (and messages) as text files
        src = decode(data, path, encoding)
        return src.text, src.encoding
    declared = _declared(data)
    if declared not in (None, "utf-8") and not data.isascii():
        # a saved page whose template still declares GB2312 while the text is UTF-8 (the
        # server said so): real GBK text is practically never valid UTF-8
        try:
            return data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            pass
    tried = []
    for codec in dict.fromkeys(c for c in (declared, "utf-8", "gb18030") if c):
        try:
            return data.decode(codec), codec
        except UnicodeDecodeError as err:
            tried.append((codec, err.start))
    if declared:
        raise InputError(path, "cannot-decode-declared", declared=declared, tried=tried)
    raise InputError(path, "cannot-decode-page", tried=tried)


# --- a small tolerant DOM -------------------------------------------------------------

_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
# a start tag of these closes an open <p> (HTML's implied end tags, simplified)
_CLOSES_P = frozenset("address article aside blockquote center details dialog dir div dl fieldset "
                      "figcaption figure footer form h1 h2 h3 h4 h5 h6 header hr li main menu nav "
                      "ol p pre section table ul dd dt".split())
_TABLE_PARTS = frozenset("table thead tbody tfoot tr td th caption colgroup".split())


class _El:
    __slots__ = ("tag", "attrs", "start", "raw", "children", "parent", "chars", "depth")

    def __init__(self, tag: str, attrs: dict, start: int, raw: str, parent: _El | None):
        self.tag, self.attrs, self.start, self.raw, self.parent = tag, attrs, start, raw, parent
        self.children: list = []  # _El, or ("t", offset, text) / ("r", offset, source length, text)
        self.chars = 0  # visible characters outside links (for finding the body)
        self.depth = parent.depth + 1 if parent is not None else 0


class _Builder(HTMLParser):
    def __init__(self, text: str):
        super().__init__(convert_charrefs=False)
        self.src = text
        self._nl = [0] + [m.end() for m in re.finditer("\n", text)]
        self.root = _El("#document", {}, 0, "", None)
        self.stack = [self.root]

    def _at(self) -> int:
        line, col = self.getpos()
        return self._nl[line - 1] + col

    @property
    def cur(self) -> _El:
        return self.stack[-1]

    def _close_to(self, tags, stop=frozenset()) -> bool:
        """Pop up to and including the innermost open element in ``tags``, not past ``stop``."""
        for i in range(len(self.stack) - 1, 0, -1):
            tag = self.stack[i].tag
            if tag in tags:
                del self.stack[i:]
                return True
            if tag in stop:
                return False
        return False

    def handle_starttag(self, tag, attrs):
        start = self._at()
        if tag in _CLOSES_P:
            self._close_to({"p"}, stop={"table", "td", "th", "button"})
        if tag == "li":
            self._close_to({"li"}, stop={"ul", "ol", "table", "td", "th"})
        elif tag in ("dd", "dt"):
            self._close_to({"dd", "dt"}, stop={"dl", "table", "td", "th"})
        elif tag in ("td", "th"):
            self._close_to({"td", "th"}, stop={"tr", "table"})
            if not any(e.tag == "tr" for e in self._in_table()):
                self._open("tr", {}, start, "")  # a cell without its row
        elif tag == "tr":
            self._close_to({"tr"}, stop={"table"})
        elif tag in ("thead", "tbody", "tfoot"):
            self._close_to({"thead", "tbody", "tfoot"}, stop={"table"})
        el = self._open(tag, {k: v or "" for k, v in attrs}, start, self.get_starttag_text() or "")
        if tag in _VOID:
            self.stack.pop()
        return el

    def _in_table(self):
        """Open elements since the innermost open table."""
        out = []
        for e in reversed(self.stack):
            if e.tag == "table":
                break
            out.append(e)
        return out

    def _open(self, tag, attrs, start, raw) -> _El:
        el = _El(tag, attrs, start, raw, self.cur)
        self.cur.children.append(el)
        self.stack.append(el)
        return el

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        if tag == "br":  # </br> is a line break in every browser
            self.handle_starttag("br", [])
            return
        # an end tag closes its element, never one outside the current table or cell
        stop = frozenset() if tag == "table" else {"table"} if tag in _TABLE_PARTS else {"table", "td", "th"}
        self._close_to({tag}, stop=stop)

    def handle_data(self, data):
        if self.cur.tag in ("script", "style"):
            return
        off = self._at()
        if self.src.startswith(data, off):
            self.cur.children.append(("t", off, data))
        else:  # not expected from html.parser; keep the text, mapped to where it starts
            self.cur.children.append(("r", off, 0, data))

    def _ref(self, raw_prefix: str, name: str):
        off = self._at()
        n = len(raw_prefix) + len(name)
        if self.src.startswith(";", off + n):
            n += 1
        raw = self.src[off:off + n]
        self.cur.children.append(("r", off, n, html.unescape(raw)))

    def handle_entityref(self, name):
        self._ref("&", name)

    def handle_charref(self, name):
        self._ref("&#", name)

    def unknown_decl(self, data):  # <![CDATA[ … ]]> of XHTML
        pass


def _parse(text: str) -> _El:
    b = _Builder(text)
    b.feed(text)
    b.close()
    return b.root


# --- finding the body ------------------------------------------------------------------

_DROP_TAGS = frozenset("head script style noscript template nav header footer iframe object embed "
                       "svg math canvas audio video datalist".split())
_DROP_NAMES = frozenset("header footer nav navbar navigation menu breadcrumb crumb crumbs topbar "
                        "top-bar".split())
_DROP_ROLES = frozenset(("navigation", "banner", "contentinfo"))
_CONTENT_NAME = re.compile(r"trs_?u?editor|content|article|zoom|zwnr|xxgk|detail|main_?text|news_?con"
                           r"|pages?_?con|text_?con", re.I)
_SPACE = " \t\n\r\f\xa0"
_LONG_CELL = 300


def _names(el: _El) -> list[str]:
    return el.attrs.get("class", "").split() + el.attrs.get("id", "").split()


def _dropped(el: _El) -> bool:
    if el.tag in _DROP_TAGS or el.attrs.get("role", "").lower() in _DROP_ROLES:
        return True
    return any(n.lower() in _DROP_NAMES for n in _names(el))


def _walk(root: _El):
    """Elements in document order (iterative: pages nest deeply)."""
    todo = [root]
    while todo:
        el = todo.pop()
        yield el
        todo.extend(c for c in reversed(el.children) if isinstance(c, _El))


def _measure(root: _El) -> list[_El]:
    """Set ``chars`` on every kept element; return the kept elements in document order."""
    kept = list(_walk_kept(root))
    for el in reversed(kept):
        n = 0
        for c in el.children:
            if isinstance(c, _El):
                n += c.chars
            else:
                n += len(c[-1]) - sum(c[-1].count(s) for s in _SPACE)
        el.chars = 0 if el.tag == "a" else n
    return kept


def _walk_kept(root: _El):
    todo = [root]
    while todo:
        el = todo.pop()
        if el is not root and _dropped(el):
            el.chars = 0
            continue
        yield el
        todo.extend(c for c in reversed(el.children) if isinstance(c, _El))


def _is_layout(table: _El) -> bool:
    """A table that lays out the page (one column, a table or a long text in a cell),
    not a table of figures (whose longest labels have some 40 characters)."""
    rows = _rows(table)
    if any(c.chars > _LONG_CELL or any(t.tag == "table" for t in _walk(c) if t is not c)
           for row in rows for c in row):
        return True
    return max((sum(_span(c, "colspan", 1000) for c in row) for row in rows), default=0) <= 1


def _body(root: _El, kept: list[_El]) -> _El:
    """The element whose content is the report (see the module docstring)."""
    body = next((e for e in kept if e.tag == "body"), root)
    total = body.chars
    inside = [e for e in kept if _inside(e, body)]
    named = [e for e in inside if e is not body and any(_CONTENT_NAME.search(n) for n in _names(e))]
    if named:
        best = max(named, key=lambda e: e.chars)
        if best.chars >= 0.3 * total and best.chars > 0:
            # the innermost container that still holds nearly all of it (div.content >
            # div.article_content > div.TRS_Editor)
            near = [e for e in named if e.chars >= 0.85 * best.chars and _inside(e, best)]
            return max(near, key=lambda e: e.depth)
    node = body
    while not (node.tag == "table" and not _is_layout(node)):
        # the deepest element with most of the text (a layout table's cell, not a data table's)
        kids = [c for c in node.children if isinstance(c, _El) and not _dropped(c)]
        child = max(kids, key=lambda e: e.chars, default=None)
        if child is None or child.chars < 0.7 * total or not _has_blocks(child):
            break  # (not into a paragraph: the headings beside it belong to the text)
        node = child
    return node


def _has_blocks(el: _El) -> bool:
    return any(isinstance(c, _El) and (c.tag in _BLOCK or c.tag in _TABLE_PARTS) for c in el.children)


def _inside(el: _El, anc: _El) -> bool:
    while el is not None:
        if el is anc:
            return True
        el = el.parent
    return False


# --- rendering -------------------------------------------------------------------------------

_BLOCK = frozenset("address article aside blockquote body center dd details dialog dir div dl dt "
                   "fieldset figcaption figure form h1 h2 h3 h4 h5 h6 hr li main menu ol p pre "
                   "section summary ul html caption".split())


def _wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in "WF"


class _Out:
    """Rendered text with its runs (rendered offset, source offset, length) and labels."""

    def __init__(self, cell: bool = False):
        self.cell = cell  # a table cell: block boundaries join, never break the line
        self.parts: list[str] = []
        self.n = 0
        self.runs: list[tuple[int, int, int]] = []
        self.labels: list[tuple[int, str]] = []
        self.line_empty = True
        self.last = ""  # last character written on this line
        self.src_end = 0  # source offset just after the last character written
        self.pending: tuple[int, bool] | None = None  # (source offset, a line break) of a space
        self.on_line_start = None  # callback when a line gets its first character

    def _put(self, s: str, src: int, length: int) -> None:
        self.runs.append((self.n, src, length))
        self.parts.append(s)
        self.n += len(s)

    def invent(self, s: str) -> None:
        self._put(s, self.src_end, 0)

    def word(self, s: str, src: int, srclen: int, mapped: bool) -> None:
        if self.line_empty:
            if self.on_line_start is not None:
                self.on_line_start(self)
            self.line_empty = False
        elif self.pending is not None:
            p_src, p_break = self.pending
            if not (p_break and _wide(self.last) and _wide(s[0])):
                self._put(" ", p_src, 0)
        self.pending = None
        if self.cell and "|" in s:
            s = s.replace("|", "/")  # a bar would split the cell
        self._put(s, src, len(s) if mapped else 0)
        self.last = s[-1]
        self.src_end = src + srclen

    def space(self, src: int, brk: bool) -> None:
        if self.line_empty:
            return
        if self.pending is None:
            self.pending = (src, brk)
        elif brk and not self.pending[1]:
            self.pending = (self.pending[0], True)

    def block(self, src: int) -> None:
        """A block boundary: a new line, or (in a cell) a break that joins Chinese text."""
        if self.cell:
            if not self.line_empty:
                self.pending = (self.pending[0] if self.pending else src, True)
            return
        if not self.line_empty:
            self.invent("\n")
            self.line_empty = True
        self.pending = None

    def blank_line(self) -> None:
        self.block(self.src_end)
        if self.n and not "".join(self.parts[-2:]).endswith("\n\n"):
            self.invent("\n")

    def extend(self, other: _Out) -> None:
        base = self.n
        self.runs.extend((base + r, s, n) for r, s, n in other.runs)
        self.labels.extend((base + r, lab) for r, lab in other.labels)
        self.parts.extend(other.parts)
        self.n += other.n
        if other.n:
            self.src_end = other.src_end

    def text(self) -> str:
        return "".join(self.parts)


class _Renderer:
    def __init__(self):
        self.out = _Out()
        self.out.on_line_start = self._paragraph
        self.paragraphs = 0
        self.tables = 0

    def _paragraph(self, out: _Out) -> None:
        self.paragraphs += 1
        out.labels.append((out.n, f"第 {self.paragraphs} 段"))

    def header(self, root: _El, body: _El) -> None:
        metas = {}
        title_el = None
        for el in _walk(root):
            if el.tag == "meta" and el.attrs.get("name"):
                metas.setdefault(el.attrs["name"].lower(), el)
            elif el.tag == "title" and title_el is None:
                title_el = el
        out = self.out
        lines = [("标题: ", metas.get("articletitle")), ("发布时间: ", metas.get("pubdate")),
                 ("来源: ", metas.get("contentsource"))]
        wrote = False
        for prefix, el in lines:
            value = " ".join(el.attrs.get("content", "").split()) if el is not None else ""
            if not value:
                if prefix != "标题: " or title_el is None or _inside(title_el, body):
                    continue
                # the page title, without the site's suffix (报告名_栏目_网站)
                texts = [c for c in title_el.children if not isinstance(c, _El)]
                raw = "".join(t[-1] for t in texts)
                cut = re.split(r"\s*[_|｜]\s*|\s+-\s+", " ".join(raw.split()))[0]
                if not cut:
                    continue
                plain = len(texts) == 1 and texts[0][0] == "t" and cut in raw
                src = texts[0][1] + (raw.index(cut) if plain else 0)
                self._meta_line(prefix, cut, src, plain)
                wrote = True
                continue
            src, mapped = _attr_offset(el, "content", value)
            self._meta_line(prefix, value, src, mapped)
            wrote = True
        if wrote:
            out.labels.append((out.n, ""))
            out.blank_line()

    def _meta_line(self, prefix: str, value: str, src: int, mapped: bool) -> None:
        out = self.out
        out.src_end = src
        out.labels.append((out.n, "网页元数据"))
        out.line_empty = False  # not a paragraph of the report
        out.invent(prefix)
        out.word(value, src, len(value) if mapped else 0, mapped)
        out.block(src + len(value))

    # -- flow ---------------------------------------------------------------------------
    def render(self, el: _El, out: _Out) -> None:
        """Render the children of ``el`` (iteratively: pages nest deeply)."""
        todo: list = [(c, False) for c in reversed(el.children)]
        while todo:
            node, closing = todo.pop()
            if closing:
                out.block(out.src_end)
                continue
            if not isinstance(node, _El):
                self._text(node, out)
                continue
            tag = node.tag
            if _dropped(node):
                continue
            if tag == "br" or tag == "hr":
                out.block(node.start)
                continue
            if tag == "table":
                self._table(node, out)
                continue
            if tag in ("td", "th", "tr") or tag in _BLOCK:
                out.block(node.start)
                todo.append((node, True))
            if tag == "pre":
                self._pre(node, out)
                continue
            todo.extend((c, False) for c in reversed(node.children))

    def _text(self, node: tuple, out: _Out, pre: bool = False) -> None:
        if node[0] == "r":
            _, off, srclen, s = node
            if s.strip(_SPACE) == "":
                if s:
                    out.space(off, "\n" in s)
                return
            out.word(" ".join(s.split()), off, srclen, srclen == len(s))
            return
        _, off, s = node
        for m in re.finditer(r"[ \t\n\r\f\xa0]+|[^ \t\n\r\f\xa0]+", s):
            chunk = m.group()
            if chunk[0] in _SPACE:
                if pre and "\n" in chunk:
                    out.block(off + m.start())
                else:
                    out.space(off + m.start(), "\n" in chunk or "\r" in chunk)
            else:
                out.word(chunk, off + m.start(), len(chunk), True)

    def _pre(self, el: _El, out: _Out) -> None:
        for node in _flat(el):
            self._text(node, out, pre=True)

    # -- tables ---------------------------------------------------------------------------
    def _table(self, table: _El, out: _Out) -> None:
        if out.cell:  # a table inside a cell: its text joins the cell
            for node in _flat(table, blocks=True):
                if node is None:
                    out.block(out.src_end)
                else:
                    self._text(node, out)
            return
        if _is_layout(table):
            for row in _rows(table):
                for cell in row:
                    out.block(cell.start)
                    self.render(cell, out)
                    out.block(out.src_end)
            return
        self.tables += 1
        number = self.tables
        out.blank_line()
        for cap in (c for c in table.children if isinstance(c, _El) and c.tag == "caption"):
            self.render(cap, out)
            out.block(out.src_end)
        for r, row in enumerate(_grid(table), 1):
            if not any(cell is not None and first for cell, first in row):
                continue
            rendered = []
            for cell, first in row:
                sub = _Out(cell=True)
                if first:
                    self.render(cell, sub)
                rendered.append((cell if first else None, sub))
            if not any(sub.n for _, sub in rendered):
                continue
            out.block(out.src_end)
            out.line_empty = False  # a row is no paragraph
            out.src_end = next(cell.start for cell, _ in rendered if cell is not None)
            for c, (cell, sub) in enumerate(rendered, 1):
                out.labels.append((out.n, f"表 {number} 第 {r} 行 第 {c} 格"))
                if c == 1:
                    out.invent("|")
                if cell is not None:
                    out.src_end = cell.start
                out.invent(" ")
                out.extend(sub)
                out.invent(" |" if sub.n else "|")
            out.block(out.src_end)
        out.labels.append((out.n, ""))
        out.blank_line()


def _flat(el: _El, blocks: bool = False):
    """Text nodes under ``el`` in order (None at block boundaries when ``blocks``)."""
    todo: list = list(reversed(el.children))
    while todo:
        node = todo.pop()
        if node is None:
            yield None
            continue
        if not isinstance(node, _El):
            yield node
            continue
        if _dropped(node):
            continue
        if blocks and (node.tag in _BLOCK or node.tag in ("br", "tr", "td", "th")):
            yield None
            todo.append(None)
        todo.extend(reversed(node.children))


def _rows(table: _El) -> list[list[_El]]:
    """The cells of each row of ``table`` (not of tables nested in it)."""
    rows = []
    todo = list(reversed([c for c in table.children if isinstance(c, _El)]))
    while todo:
        el = todo.pop()
        if el.tag == "tr":
            rows.append(_cells(el))
        elif el.tag in ("thead", "tbody", "tfoot") or (el.tag not in ("table", "td", "th", "caption")
                                                        and not _dropped(el)):
            todo.extend(reversed([c for c in el.children if isinstance(c, _El)]))
    return rows


def _cells(tr: _El) -> list[_El]:
    out = []
    todo = list(reversed([c for c in tr.children if isinstance(c, _El)]))
    while todo:
        el = todo.pop()
        if el.tag in ("td", "th"):
            out.append(el)
        elif el.tag not in ("table", "tr") and not _dropped(el):  # a stray wrapper (<font>, <span>)
            todo.extend(reversed([c for c in el.children if isinstance(c, _El)]))
    return out


def _span(cell: _El, attr: str, limit: int) -> int:
    m = re.match(r"\s*(\d+)", cell.attrs.get(attr, ""))
    n = int(m.group(1)) if m else 1
    return min(max(n, 0 if attr == "rowspan" else 1), limit)


def _grid(table: _El) -> list[list[tuple[_El | None, bool]]]:
    """Each row as (cell, True) where a cell's text goes, (cell, False) for the other
    positions it covers, (None, False) for an empty position."""
    rows = _rows(table)
    taken: dict[tuple[int, int], tuple[_El, bool]] = {}
    width = 0
    for r, cells in enumerate(rows):
        col = 0
        placed = []
        for cell in cells:
            while (r, col) in taken:
                col += 1
            cs = _span(cell, "colspan", 1000)
            rs = _span(cell, "rowspan", 65534) or (len(rows) - r)
            rs = min(rs, len(rows) - r)
            for dr in range(rs):
                for dc in range(cs):
                    taken[(r + dr, col + dc)] = (cell, False)
            placed.append((cell, col, cs))
            col += cs
            width = max(width, col)
        for i, (cell, col, cs) in enumerate(placed):
            # the text in the last column it spans when more cells follow (a row label
            # before its values), else in the first
            at = col + cs - 1 if i + 1 < len(placed) else col
            taken[(r, at)] = (cell, True)
    return [[taken.get((r, c), (None, False)) for c in range(width)] for r in range(len(rows))]


def _attr_offset(el: _El, name: str, value: str) -> tuple[int, bool]:
    """Source offset of attribute ``name``'s value in ``el``'s start tag; mapped 1:1?"""
    m = re.search(rf"""\b{name}\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", el.raw, re.I)
    if not m:
        return el.start, False
    g = next(i for i in (1, 2, 3) if m.group(i) is not None)
    raw = m.group(g)
    lead = len(raw) - len(raw.lstrip())
    if raw.strip() == value:
        return el.start + m.start(g) + lead, True
    return el.start + m.start(g), False


# --- entry point ------------------------------------------------------------------------------

def read(data: bytes, path: str, encoding: str | None = None) -> Source:
    """Render the HTML page ``data`` (the contents of ``path``)."""
    text, enc = _decode(data, path, encoding)
    if "\x00" in text:
        raise InputError(path, "nul-bytes-html")
    origin = Origin("html", text)
    root = _parse(text)
    kept = _measure(root)
    body = _body(root, kept)
    r = _Renderer()
    r.header(root, body)
    if body.tag == "table":
        r._table(body, r.out)
    else:
        r.render(body, r.out)
    out = r.out
    out.block(out.src_end)
    rendered = out.text()
    for start, src, length in out.runs:
        origin.add_run(start, src, length)
    origin.add_run(len(rendered), out.src_end, 0)
    labels = sorted(out.labels, key=lambda x: x[0])  # stable: the later of two at one offset wins
    for at, label in labels:
        origin.add_label(at, label)
    return Source(path, rendered, enc, origin=origin)

