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
    return [cells for _, cells in _sectioned_rows(table)]


def _sectioned_rows(table: _El) -> list[tuple[_El, list[_El]]]:
    """Each row of ``table`` as (its section, its cells): the ``thead``, ``tbody`` or
    ``tfoot`` it is in, else the table (rows outside one are an implied ``tbody``)."""
    rows = []
    todo = [(c, table) for c in reversed(table.children) if isinstance(c, _El)]
    while todo:
        el, section = todo.pop()
        if el.tag == "tr":
            rows.append((section, _cells(el)))
        elif el.tag in ("thead", "tbody", "tfoot") or (el.tag not in ("table", "td", "th", "caption")
                                                        and not _dropped(el)):
            inner = el if el.tag in ("thead", "tbody", "tfoot") else section
            todo.extend((c, inner) for c in reversed(el.children) if isinstance(c, _El))
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


class GridTooLarge(Exception):
    """A table whose grid would exceed the page's budget of grid positions."""


def _grid(table: _El, budget: list[int] | None = None) -> list[list[tuple[_El | None, bool]]]:
    """Each row as (cell, True) where a cell's text goes, (cell, False) for the other
    positions it covers, (None, False) for an empty position; a row ends at its last
    cell.  Spans are clamped to the table's real size: a ``rowspan`` to the rows
    left in its ``thead``/``tbody``/``tfoot`` (``rowspan=0``: all of them), as
    browsers do; a ``colspan`` to 1000 and to the widest row as written.  ``budget``: a
    one-item list, the grid positions the page may still have; GridTooLarge when
    this table needs more."""
    sectioned = _sectioned_rows(table)
    rows = [cells for _, cells in sectioned]
    n = len(rows)
    # where each row's section ends: a rowspan never crosses it
    ends = [n] * n
    for r in range(n - 2, -1, -1):
        ends[r] = ends[r + 1] if sectioned[r][0] is sectioned[r + 1][0] else r + 1
    # the widest row as written, each colspan at most the most cells a row has: a
    # row of one cell with colspan=1000 cannot make the table 1000 columns wide
    most_cells = max((len(cells) for cells in rows), default=0)
    widest = max((sum(min(_span(c, "colspan", 1000), most_cells) for c in cells) for cells in rows),
                 default=0)
    left = budget[0] if budget is not None else None
    taken: dict[tuple[int, int], tuple[_El, bool]] = {}
    lengths = [0] * n  # each row's length: one past its last taken position
    for r, cells in enumerate(rows):
        col = 0
        placed = []
        for cell in cells:
            while (r, col) in taken:
                col += 1
            cs = min(_span(cell, "colspan", 1000), widest)
            rs = min(_span(cell, "rowspan", 65534) or ends[r] - r, ends[r] - r)
            if left is not None:
                left -= rs * cs
                if left < 0:
                    raise GridTooLarge
            covered = (cell, False)
            for dr in range(rs):
                for dc in range(cs):
                    taken[(r + dr, col + dc)] = covered
                lengths[r + dr] = max(lengths[r + dr], col + cs)
            placed.append((cell, col, cs))
            col += cs
        for i, (cell, col, cs) in enumerate(placed):
            # the text in the last column it spans when more cells follow (a row label
            # before its values), else in the first
            at = col + cs - 1 if i + 1 < len(placed) else col
            taken[(r, at)] = (cell, True)
    if left is not None:
        # empty positions before a row's last cell count too (rows under a wide rowspan)
        left -= sum(lengths) - len(taken)
        if left < 0:
            raise GridTooLarge
        budget[0] = left
    empty = (None, False)
    return [[taken.get((r, c), empty) for c in range(lengths[r])] for r in range(n)]
