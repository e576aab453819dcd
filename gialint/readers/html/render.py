"""Rendering the body as the text gialint lints, with each run's source offset
and the labels of paragraphs and table cells."""

from __future__ import annotations

import re

from gialint.chinese import is_wide
from gialint.readers.html.body import _inside
from gialint.readers.html.dom import _BLOCK, _SPACE, _dropped, _El, _walk
from gialint.readers.html.tables import _grid, _is_layout, _rows

# captions rendered one inside another (a table in a caption of a table …) before
# the next is read as plain text: rendering a caption is a nested call
_CAPTION_DEPTH = 50


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
            if not (p_break and is_wide(self.last) and is_wide(s[0])):
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


# Where pages state their publication date: <meta name=…> (the 政府网站 standard's
# PubDate first, then other CMSs' names) and CMS tags such as <publishtime>.
PUBLISH_METAS = ("pubdate", "publishdate", "firstpublishedtime", "publishtime", "releasedate",
                 "article:published_time", "dcterms.issued", "dc.date.issued", "dc.date")
PUBLISH_TAGS = ("publishtime", "pubdate")


class _TextAsContent:
    """A CMS tag whose text is a date (<publishtime>2024-01-25</publishtime>)
    seen as a <meta> with that text as its content."""

    def __init__(self, el):
        texts = [c for c in el.children if isinstance(c, tuple) and c[0] == "t"]
        raw = "".join(t[-1] for t in texts)
        self.attrs = {"content": raw}
        lead = len(raw) - len(raw.lstrip())
        # where the date is in the file (mapped 1:1 when it is one plain text)
        self.src = texts[0][1] + lead if texts else el.start
        self.mapped = len(texts) == 1


# A date field a page prints outside the article; the label is kept, so that the
# dates' roles tell a publication (发布日期, 公开日期) from a signature (成文日期).
_PAGE_FIELD = re.compile(
    r"(发布日期|发布时间|公开日期|发文日期|成文日期|发表时间|生成日期)\s*[:：]\s*"
    r"((?:19|20)\d{2}(?:[-./]\d{1,2}[-./]\d{1,2}|年\d{1,2}月\d{1,2}日)(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?)")


class _Field:
    """A page field's date, standing for a <meta>'s content: its text and place."""

    def __init__(self, value: str, src: int):
        self.attrs = {"content": value}
        self.src, self.mapped = src, True


def _page_fields(root: _El, body: _El) -> list[tuple[str, _Field]]:
    """The first date field of each label outside the article's element."""
    found: dict[str, _Field] = {}
    for el in _walk(root):
        if el is body or el.tag in ("script", "style", "title") or _inside(el, body):
            continue
        for c in el.children:
            if isinstance(c, tuple) and c[0] == "t":
                for m in _PAGE_FIELD.finditer(c[-1]):
                    found.setdefault(m.group(1), _Field(m.group(2), c[1] + m.start(2)))
    return list(found.items())


class _Renderer:
    def __init__(self, grid_budget: int | None = None):
        self.out = _Out()
        self.out.on_line_start = self._paragraph
        self.paragraphs = 0
        self.tables = 0
        # the grid positions the page's tables may still have (see tables._grid)
        self.grid_left = [grid_budget] if grid_budget is not None else None
        self.captions = 0  # captions being rendered, one inside the other

    def _paragraph(self, out: _Out) -> None:
        self.paragraphs += 1
        out.labels.append((out.n, f"第 {self.paragraphs} 段"))

    def header(self, root: _El, body: _El) -> None:
        metas = {}
        title_el = None
        for el in _walk(root):
            if el.tag == "meta" and (el.attrs.get("name") or el.attrs.get("property")):
                metas.setdefault((el.attrs.get("name") or el.attrs["property"]).lower(), el)
            elif el.tag in PUBLISH_TAGS and not _inside(el, body):
                metas.setdefault(el.tag, _TextAsContent(el))
            elif el.tag == "title" and title_el is None:
                title_el = el
        out = self.out
        published = next((metas[k] for k in PUBLISH_METAS if k in metas), None)
        lines = [("标题: ", metas.get("articletitle")), ("发布时间: ", published),
                 ("来源: ", metas.get("contentsource"))]
        # the page's own fields around the article (发布日期：2024-01-25 来源：…)
        for label, field in _page_fields(root, body):
            if published is None or label not in ("发布日期", "发布时间"):
                lines.append((label + ": ", field))
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
            if isinstance(el, (_TextAsContent, _Field)):
                src, mapped = el.src, el.mapped and el.attrs["content"].strip() == value
            else:
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
        self._render([(c, False) for c in reversed(el.children)], out)

    def _render(self, todo: list, out: _Out) -> None:
        """Render the (node, closing) items of ``todo``, last first."""
        while todo:
            node, closing = todo.pop()
            if closing:
                out.block(out.src_end)
                continue
            if closing is None:  # a layout table's cell begins
                out.block(node.start)
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
                if not out.cell and _is_layout(node):  # its cells in this loop, not nested calls
                    todo.extend(reversed(_layout_items(node)))
                else:
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

    def _flat_text(self, el: _El, out: _Out) -> None:
        for node in _flat(el, blocks=True):
            if node is None:
                out.block(out.src_end)
            else:
                self._text(node, out)

    # -- tables ---------------------------------------------------------------------------
    def _table(self, table: _El, out: _Out) -> None:
        if out.cell:  # a table inside a cell: its text joins the cell
            self._flat_text(table, out)
            return
        if _is_layout(table):
            self._render(list(reversed(_layout_items(table))), out)
            return
        self.tables += 1
        number = self.tables
        out.blank_line()
        for cap in (c for c in table.children if isinstance(c, _El) and c.tag == "caption"):
            if self.captions >= _CAPTION_DEPTH:  # a table in a caption in a table …: as text
                self._flat_text(cap, out)
            else:
                self.captions += 1
                self.render(cap, out)
                self.captions -= 1
            out.block(out.src_end)
        for r, row in enumerate(_grid(table, self.grid_left), 1):
            if not any(cell is not None and first for cell, first in row):
                continue
            rendered = []
            for cell, first in row:
                sub = _Out(cell=True)
                if first:
                    self.render(cell, sub)
                rendered.append((cell, first, sub))
            if not any(sub.text().strip() for _, _, sub in rendered):
                continue
            # grid places after the row's last cell have no cell at all: the row is
            # short (a missing <td>), not blank there
            while rendered and rendered[-1][0] is None:
                rendered.pop()
            out.block(out.src_end)
            out.line_empty = False  # a row is no paragraph
            out.src_end = next(cell.start for cell, first, _ in rendered if first)
            for c, (cell, first, sub) in enumerate(rendered, 1):
                out.labels.append((out.n, f"表 {number} 第 {r} 行 第 {c} 格"))
                if c == 1:
                    out.invent("|")
                if first:
                    out.src_end = cell.start
                if cell is not None and not sub.text().strip():
                    # an empty cell (nothing, spaces, &nbsp;, full-width spaces) or a place
                    # a merged cell covers: the cell's content in the page is where a
                    # value is missing
                    inner = cell.start + len(cell.raw)
                    out.src_end = inner
                    out.invent(" ")
                    out.src_end = max(inner, cell.end or inner)
                    out.invent("|")
                    continue
                out.invent(" ")
                out.extend(sub)
                out.invent(" |" if sub.n else "|")
            out.block(out.src_end)
        out.labels.append((out.n, ""))
        out.blank_line()


def _layout_items(table: _El) -> list:
    """A layout table's cells as items of ``_Renderer._render``, in order: each
    cell's start (a block), its children, its end (a block)."""
    items: list = []
    for row in _rows(table):
        for cell in row:
            items.append((cell, None))
            items.extend((c, False) for c in cell.children)
            items.append((cell, True))
    return items


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
