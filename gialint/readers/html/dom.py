"""A small tolerant DOM built with ``html.parser`` (``convert_charrefs=False``:
every text run and character reference is seen at its offset in the decoded
source), and which elements are blocks, table parts or dropped (navigation,
scripts, footers)."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
# a start tag of these closes an open <p> (HTML's implied end tags, simplified)
_CLOSES_P = frozenset("address article aside blockquote center details dialog dir div dl fieldset "
                      "figcaption figure footer form h1 h2 h3 h4 h5 h6 header hr li main menu nav "
                      "ol p pre section table ul dd dt".split())
_TABLE_PARTS = frozenset("table thead tbody tfoot tr td th caption colgroup".split())


class _El:
    __slots__ = ("tag", "attrs", "start", "raw", "children", "parent", "chars", "depth", "end",
                 "pre", "last", "has_table")

    def __init__(self, tag: str, attrs: dict, start: int, raw: str, parent: _El | None):
        self.tag, self.attrs, self.start, self.raw, self.parent = tag, attrs, start, raw, parent
        self.end: int | None = None  # where its content ends: its end tag, or what closed it
        self.children: list = []  # _El, or ("t", offset, text) / ("r", offset, source length, text)
        self.chars = 0  # visible characters outside links (for finding the body)
        self.depth = parent.depth + 1 if parent is not None else 0
        # document order of this element and of its last descendant (set by _parse): an
        # element is inside another in constant time, whatever the nesting
        self.pre = self.last = 0
        self.has_table = False  # a table among its descendants (set by _parse)


class _Builder(HTMLParser):
    def __init__(self, text: str):
        super().__init__(convert_charrefs=False)
        self.src = text
        # html.parser counts lines at "\n" only (not at a lone "\r" as LineIndex does)
        self._nl = [0] + [m.end() for m in re.finditer("\n", text)]
        self.root = _El("#document", {}, 0, "", None)
        self.stack = [self.root]
        # tag → positions in the stack where it is open, innermost last: finding the
        # innermost open element of a tag does not scan a deep stack (100,000 nested <div>)
        self.open_at: dict[str, list[int]] = {}

    def _at(self) -> int:
        line, col = self.getpos()
        return self._nl[line - 1] + col

    @property
    def cur(self) -> _El:
        return self.stack[-1]

    def _innermost(self, tags) -> int:
        """The stack position of the innermost open element in ``tags`` (0: none)."""
        return max((self.open_at[t][-1] for t in tags if self.open_at.get(t)), default=0)

    def _close_to(self, tags, stop=frozenset()) -> bool:
        """Pop up to and including the innermost open element in ``tags``, not past ``stop``."""
        i = self._innermost(tags)
        if i == 0 or self._innermost(stop) > i:
            return False
        at = self._at()
        for el in self.stack[i:]:
            el.end = at
        self._pop_to(i)
        return True

    def _pop_to(self, i: int) -> None:
        for el in self.stack[i:]:
            self.open_at[el.tag].pop()
        del self.stack[i:]

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
            if self._innermost(("tr",)) <= self._innermost(("table",)):
                self._open("tr", {}, start, "")  # a cell without its row
        elif tag == "tr":
            self._close_to({"tr"}, stop={"table"})
        elif tag in ("thead", "tbody", "tfoot"):
            self._close_to({"thead", "tbody", "tfoot"}, stop={"table"})
        el = self._open(tag, {k: v or "" for k, v in attrs}, start, self.get_starttag_text() or "")
        if tag in _VOID:
            self._pop_to(len(self.stack) - 1)
        return el

    def _open(self, tag, attrs, start, raw) -> _El:
        el = _El(tag, attrs, start, raw, self.cur)
        self.cur.children.append(el)
        self.open_at.setdefault(tag, []).append(len(self.stack))
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
    _number(b.root)
    return b.root


def _number(root: _El) -> None:
    """Set ``pre``, ``last`` and ``has_table`` on every element (iteratively)."""
    order = list(_walk(root))
    for i, el in enumerate(order):
        el.pre = i
    for el in reversed(order):  # children before their parent
        el.last = el.pre
        for c in el.children:
            if isinstance(c, _El):
                el.last = max(el.last, c.last)
                el.has_table = el.has_table or c.has_table or c.tag == "table"


# --- element categories -----------------------------------------------------------------

_BLOCK = frozenset("address article aside blockquote body center dd details dialog dir div dl dt "
                   "fieldset figcaption figure form h1 h2 h3 h4 h5 h6 hr li main menu ol p pre "
                   "section summary ul html caption".split())

_DROP_TAGS = frozenset("head script style noscript template nav header footer iframe object embed "
                       "svg math canvas audio video datalist".split())
_DROP_NAMES = frozenset("header footer nav navbar navigation menu breadcrumb crumb crumbs topbar "
                        "top-bar".split())
_DROP_ROLES = frozenset(("navigation", "banner", "contentinfo"))
_SPACE = " \t\n\r\f\xa0"


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
