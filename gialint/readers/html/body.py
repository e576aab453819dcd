"""Finding the article body of a page (see the package docstring)."""

from __future__ import annotations

import re

from gialint.readers.html.dom import _BLOCK, _SPACE, _TABLE_PARTS, _dropped, _El, _names
from gialint.readers.html.tables import _is_layout

_CONTENT_NAME = re.compile(r"trs_?u?editor|content|article|zoom|zwnr|xxgk|detail|main_?text|news_?con"
                           r"|pages?_?con|text_?con", re.I)


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
    return anc.pre <= el.pre <= anc.last
