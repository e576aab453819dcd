"""A table as a grid: its rows and cells (not those of nested tables), a
``rowspan``/``colspan`` cell's positions, and whether a table lays out the
page rather than holding figures."""

from __future__ import annotations

import re

from gialint.readers.html.dom import _dropped, _El

_LONG_CELL = 300


def _is_layout(table: _El) -> bool:
    """A table that lays out the page (one column, a table or a long text in a cell),
    not a table of figures (whose longest labels have some 40 characters)."""
    rows = _rows(table)
    if any(c.chars > _LONG_CELL or c.has_table for row in rows for c in row):
        return True
    return max((sum(_span(c, "colspan", 1000) for c in row) for row in rows), default=0) <= 1


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
